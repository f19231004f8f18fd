"""Session timeouts and mandatory two-step verification."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.utils import timezone

from schakel.common.exceptions import MfaRequired

SESSION_LOGIN_AT = "_schakel_login_at"
SESSION_LAST_SEEN = "_schakel_last_seen"
LAST_SEEN_STEP = 30  # seconds


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class SessionTimeoutMiddleware:
    """Log out after idle time (default 15 minutes) or after an absolute maximum."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now().timestamp()
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            login_at = request.session.get(SESSION_LOGIN_AT, now)
            idle = now - last_seen > settings.SCHAKEL_SESSION_IDLE_MINUTES * 60
            too_old = now - login_at > settings.SCHAKEL_SESSION_ABSOLUTE_HOURS * 3600
            if idle or too_old:
                logout(request)
                if _is_api(request):
                    return JsonResponse(
                        {"code": "session_expired", "message": "Uw sessie is verlopen."},
                        status=401,
                    )
                return redirect(f"{resolve_url(settings.LOGIN_URL)}?verlopen=1")
            # Write "last seen" at most every LAST_SEEN_STEP seconds: the idle timeout stays
            # exact to within that step, and most requests need no session write.
            if SESSION_LAST_SEEN not in request.session or now - last_seen >= LAST_SEEN_STEP:
                request.session[SESSION_LAST_SEEN] = now
            if SESSION_LOGIN_AT not in request.session:
                request.session[SESSION_LOGIN_AT] = now
        return self.get_response(request)


class MfaRequiredMiddleware:
    """Roles that can see personal data reach nothing but the MFA pages until verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.requires_mfa:
            return None
        if user.is_verified():
            return None
        if getattr(view_func, "mfa_exempt", False) or getattr(view_func, "policy_action", "") == (
            "public"
        ):
            return None
        if _is_api(request):
            error = MfaRequired()
            return JsonResponse({"code": error.code, "message": error.message}, status=403)
        from .services import mfa_has_device

        return redirect("accounts:mfa_verify" if mfa_has_device(user) else "accounts:mfa_setup")
