"""View decorators that tie every view to an entry of the policy table."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from schakel.audit.services import audit_access_denied

from .policy import PUBLIC, policy, scope_for

View = Callable[..., HttpResponse]


def require_policy(action: str, *, mfa_exempt: bool = False) -> Callable[[View], View]:
    """Deny by default: log in first, then the role must have ``action`` in the policy table.

    A user without the right gets the same 404 as for a page that does not exist.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if action != PUBLIC:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if scope_for(request.user, action) is None:
                    audit_access_denied(actor=request.user, action=action, request=request)
                    raise Http404()
            return view(request, *args, **kwargs)

        wrapped.mfa_exempt = mfa_exempt  # type: ignore[attr-defined]
        return policy(action)(wrapped)

    return decorate


def public(view: View) -> View:
    return require_policy(PUBLIC)(view)
