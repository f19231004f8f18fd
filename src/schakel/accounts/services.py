"""Writes on accounts: create, (de)activate, sessions, two-step verification."""

import base64
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from schakel.audit.constants import AuditResult
from schakel.audit.services import audit_record
from schakel.common.exceptions import DomainValidationError
from schakel.geo.models import Municipality, Region

from .constants import RECOVERY_CODE_COUNT, Role
from .models import Organisation, User, UserSession
from .policy import Action
from .selectors import user_get_for_user

TOTP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    first_name: str,
    last_name: str,
    role: Role | str,
    organisation: Organisation | None,
    email: str = "",
    password: str | None = None,
    municipalities: Iterable[Municipality] = (),
    regions: Iterable[Region] = (),
    is_staff: bool = False,
    request: HttpRequest | None = None,
) -> User:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        organisation=organisation,
        is_staff=is_staff,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    user.municipalities.set(municipalities)
    user.regions.set(regions)
    audit_record(
        actor=actor,
        action="user.create",
        subject_type="user",
        subject_id=user.pk,
        request=request,
        details={"role": str(role)},
    )
    return user


def user_sessions_end(*, user: User) -> int:
    """End every session of this user (on deactivation, or 'log out everywhere')."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


@transaction.atomic
def user_deactivate(
    *, actor: Any, user_id: int, reason: str, request: HttpRequest | None = None
) -> User:
    if not reason.strip():
        raise DomainValidationError("Geef een reden op voor het blokkeren van dit account.")
    user = user_get_for_user(actor=actor, user_id=user_id, action=Action.USER_MANAGE, audit=False)
    if user.pk == actor.pk:
        raise DomainValidationError("U kunt uw eigen account niet blokkeren.")
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = user_sessions_end(user=user)
    audit_record(
        actor=actor,
        action="user.deactivate",
        subject_type="user",
        subject_id=user.pk,
        reason=reason.strip(),
        request=request,
        details={"sessions_ended": ended},
    )
    return user


@transaction.atomic
def user_activate(
    *, actor: Any, user_id: int, reason: str, request: HttpRequest | None = None
) -> User:
    if not reason.strip():
        raise DomainValidationError("Geef een reden op voor het weer toegang geven.")
    user = user_get_for_user(actor=actor, user_id=user_id, action=Action.USER_MANAGE, audit=False)
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="user.activate",
        subject_type="user",
        subject_id=user.pk,
        reason=reason.strip(),
        request=request,
    )
    return user


@transaction.atomic
def session_register(*, user: User, session_key: str) -> None:
    UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


@transaction.atomic
def login_record(*, user: Any, request: HttpRequest | None, success: bool) -> None:
    audit_record(
        actor=user if success else None,
        action="auth.login",
        subject_type="user" if success else "",
        subject_id=user.pk if success and user is not None else "",
        result=AuditResult.SUCCESS if success else AuditResult.FAILURE,
        request=request,
    )


@transaction.atomic
def logout_record(*, user: Any, request: HttpRequest | None, session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()
    audit_record(
        actor=user,
        action="auth.logout",
        subject_type="user",
        subject_id=user.pk,
        request=request,
    )


@transaction.atomic
def logout_everywhere(*, user: User, request: HttpRequest) -> int:
    ended = user_sessions_end(user=user)
    audit_record(
        actor=user,
        action="auth.logout_everywhere",
        subject_type="user",
        subject_id=user.pk,
        request=request,
        details={"sessions_ended": ended},
    )
    return ended


def totp_secret_base32(device: TOTPDevice) -> str:
    """The secret as the letters a person types into an authenticator app by hand."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def mfa_has_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def mfa_totp_start(*, user: User) -> TOTPDevice:
    """A fresh, unconfirmed TOTP device; earlier unconfirmed ones are discarded."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [secrets.token_hex(8) for _ in range(RECOVERY_CODE_COUNT)]  # 64 bits each
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    # Shown in groups of four for reading; spaces are ignored when a code is typed in.
    return [" ".join(code[i : i + 4] for i in range(0, 16, 4)) for code in codes]


@transaction.atomic
def mfa_totp_confirm(*, user: User, device_id: int, token: str, request: HttpRequest) -> list[str]:
    """Confirm the new TOTP device with a first code; returns fresh recovery codes."""
    device = TOTPDevice.objects.filter(user=user, pk=device_id, confirmed=False).first()
    if device is None:
        raise DomainValidationError("De instelling is verlopen. Begin opnieuw.")
    if not device.verify_token(token.strip().replace(" ", "")):
        audit_record(
            actor=user,
            action="mfa.setup",
            subject_type="user",
            subject_id=user.pk,
            result=AuditResult.FAILURE,
            request=request,
        )
        raise DomainValidationError("De code klopt niet. Kijk in uw app en probeer het opnieuw.")
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    otp_login(request, device)
    audit_record(
        actor=user, action="mfa.setup", subject_type="user", subject_id=user.pk, request=request
    )
    return codes


@transaction.atomic
def mfa_verify(*, user: User, token: str, request: HttpRequest) -> bool:
    """Check a TOTP code or a recovery code; on success mark the session as verified."""
    token = token.strip().replace(" ", "").lower()
    device: TOTPDevice | StaticDevice | None = None
    for candidate in [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]:
        if candidate.verify_token(token):
            device = candidate
            break
    if device is None:
        audit_record(
            actor=user,
            action="mfa.verify",
            subject_type="user",
            subject_id=user.pk,
            result=AuditResult.FAILURE,
            request=request,
        )
        return False
    otp_login(request, device)
    audit_record(
        actor=user,
        action="mfa.verify",
        subject_type="user",
        subject_id=user.pk,
        request=request,
        details={"method": "recovery" if isinstance(device, StaticDevice) else "totp"},
    )
    return True


@transaction.atomic
def mfa_recovery_codes_regenerate(*, user: User, request: HttpRequest) -> list[str]:
    codes = _new_recovery_codes(user)
    audit_record(
        actor=user,
        action="mfa.recovery_codes",
        subject_type="user",
        subject_id=user.pk,
        request=request,
    )
    return codes


def mfa_recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
