"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest

from schakel.accounts.policy import allowed_actions


def schakel(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "demo_mode": settings.SCHAKEL_DEMO_MODE,
        "oidc_enabled": settings.SCHAKEL_OIDC_ENABLED,
        "can": allowed_actions(user) if user is not None else frozenset(),
    }
