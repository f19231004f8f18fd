"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest

from schakel.accounts.policy import allowed_actions


def schakel(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    # Until the code is entered, a session that needs MFA is shown no menu at all.
    mfa_pending = authenticated and user.requires_mfa and not user.is_verified()
    return {
        "demo_mode": settings.SCHAKEL_DEMO_MODE,
        "oidc_enabled": settings.SCHAKEL_OIDC_ENABLED,
        "mfa_pending": mfa_pending,
        "can": frozenset() if mfa_pending or not authenticated else allowed_actions(user),
    }
