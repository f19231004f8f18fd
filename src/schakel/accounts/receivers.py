"""React to Django's login signals: track sessions per user, log failed logins."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from .middleware import SESSION_LOGIN_AT
from .services import login_record, session_register


@receiver(user_logged_in)
def on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    request.session[SESSION_LOGIN_AT] = timezone.now().timestamp()
    request.session.save()  # a key is needed to link the session to the user
    session_register(user=user, session_key=request.session.session_key)
    login_record(user=user, request=request, success=True)


@receiver(user_login_failed)
def on_login_failed(sender: Any, credentials: Any, request: Any = None, **kwargs: Any) -> None:
    login_record(user=None, request=request, success=False)
