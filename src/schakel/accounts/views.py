"""Thin views: log in, two-step verification, own account, user management."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from schakel.common.exceptions import DomainValidationError

from . import services
from .decorators import public, require_policy
from .forms import LoginForm, ReasonForm, SetupTokenForm, TokenForm
from .policy import Action, scope_for
from .qr import qr_svg
from .selectors import user_get_for_user, user_list_for_user

SETUP_DEVICE_KEY = "_schakel_mfa_setup_device"


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


@public
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect("home")
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            login(request, user)  # Django gives the user a new session key here
            if user.requires_mfa:
                target = "accounts:mfa_verify"
                if not services.mfa_has_device(user):
                    target = "accounts:mfa_setup"
                return redirect(f"{reverse(target)}?{urlencode({'next': _safe_next(request)})}")
            return redirect(_safe_next(request))
        form.add_error(None, _("Deze combinatie van gebruikersnaam en wachtwoord klopt niet."))
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "expired": request.GET.get("verlopen") == "1",
            "next": request.GET.get("next", ""),
        },
        status=400 if form.errors else 200,
    )


@require_policy(Action.ACCOUNT_VIEW_SELF, mfa_exempt=True)
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    services.logout_record(
        user=request.user, request=request, session_key=request.session.session_key
    )
    logout(request)  # flushes the session: the old key is useless afterwards
    messages.info(request, _("U bent uitgelogd."))
    return redirect("accounts:login")


@require_policy(Action.MFA_MANAGE_SELF, mfa_exempt=True)
@require_http_methods(["GET", "POST"])
def mfa_verify_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect(_safe_next(request))
    if not services.mfa_has_device(request.user):
        return redirect("accounts:mfa_setup")
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.mfa_verify(
            user=request.user, token=form.cleaned_data["token"], request=request
        ):
            return redirect(_safe_next(request))
        form.add_error("token", _("Deze code klopt niet of is verlopen. Probeer het opnieuw."))
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@require_policy(Action.MFA_MANAGE_SELF, mfa_exempt=True)
@require_http_methods(["GET", "POST"])
def mfa_setup_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Someone with only the password must not be able to add a device of their own.
    if services.mfa_has_device(user) and not user.is_verified():
        return redirect("accounts:mfa_verify")
    device = TOTPDevice.objects.filter(
        user=user, pk=request.session.get(SETUP_DEVICE_KEY), confirmed=False
    ).first()
    if device is None or request.method == "GET":
        device = services.mfa_totp_start(user=user)
        request.session[SETUP_DEVICE_KEY] = device.pk
    form = SetupTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.mfa_totp_confirm(
                user=user, device_id=device.pk, token=form.cleaned_data["token"], request=request
            )
        except DomainValidationError as error:
            form.add_error("token", error.message)
        else:
            request.session.pop(SETUP_DEVICE_KEY, None)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _safe_next(request)},
            )
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg(device.config_url),
            "secret": services.totp_secret_base32(device),
            "next": request.GET.get("next", ""),
        },
        status=400 if form.errors else 200,
    )


@require_policy(Action.ACCOUNT_VIEW_SELF)
def account_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "account": user,
            "municipalities": user.municipalities.all(),
            "regions": user.regions.all(),
            "recovery_codes_left": services.mfa_recovery_codes_left(user),
            "has_device": services.mfa_has_device(user),
            "idle_minutes": settings.SCHAKEL_SESSION_IDLE_MINUTES,
            "absolute_hours": settings.SCHAKEL_SESSION_ABSOLUTE_HOURS,
        },
    )


@require_policy(Action.MFA_MANAGE_SELF)
@require_POST
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        return redirect("accounts:mfa_verify")
    codes = services.mfa_recovery_codes_regenerate(user=request.user, request=request)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:account")},
    )


@require_policy(Action.ACCOUNT_VIEW_SELF)
@require_POST
def logout_everywhere_view(request: HttpRequest) -> HttpResponse:
    services.logout_everywhere(user=request.user, request=request)
    logout(request)
    messages.info(request, _("U bent op alle apparaten uitgelogd."))
    return redirect("accounts:login")


@require_policy(Action.USER_VIEW)
def user_list_view(request: HttpRequest) -> HttpResponse:
    users = user_list_for_user(actor=request.user, request=request)
    return render(request, "accounts/user_list.html", {"users": users})


@require_policy(Action.USER_VIEW)
@require_http_methods(["GET", "POST"])
def user_detail_view(request: HttpRequest, user_id: int) -> HttpResponse:
    account = user_get_for_user(actor=request.user, user_id=user_id, request=request)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    # Blocking and unblocking need the stronger USER_MANAGE right, checked in the service.
    if request.method == "POST" and form.is_valid():
        change = (
            services.user_activate
            if request.POST.get("change") == "activate"
            else services.user_deactivate
        )
        try:
            change(
                actor=request.user,
                user_id=account.pk,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except DomainValidationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De wijziging is opgeslagen."))
            return redirect("accounts:user_detail", user_id=account.pk)
    can_manage = scope_for(request.user, Action.USER_MANAGE) is not None
    return render(
        request,
        "accounts/user_detail.html",
        {"account": account, "form": form, "can_manage": can_manage},
        status=400 if form.errors else 200,
    )
