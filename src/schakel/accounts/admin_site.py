"""The admin site, for the functioneel beheerder only, with two-step verification."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from schakel.geo.models import Municipality, Region

from .policy import Action, scope_for
from .scoping import municipality_ids_in_scope


class SchakelAdminSite(OTPAdminSite):
    site_header = _("Schakel beheer")
    site_title = _("Schakel beheer")
    index_title = _("Beheer van regio's, organisaties en gebruikers")
    policy_action = Action.ADMIN_ACCESS

    def login(self, request: HttpRequest, extra_context: dict[str, object] | None = None):  # type: ignore[override]
        """One login for all of Schakel: send people to the normal login page."""
        return redirect_to_login(request.get_full_path(), resolve_url("accounts:login"))

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and scope_for(user, Action.ADMIN_ACCESS) is not None
            and user.is_verified()
        )


admin_site = SchakelAdminSite(name="admin")


class PolicyModelAdmin(admin.ModelAdmin):
    """Admin rights follow the policy table, not Django's per-model permissions."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return self.admin_site.has_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.admin_site.has_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return self.admin_site.has_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return self.admin_site.has_permission(request)


def admin_municipality_ids(request: HttpRequest) -> set[int]:
    """The municipalities this functioneel beheerder manages (their regions)."""
    scope = scope_for(request.user, Action.ADMIN_ACCESS)
    return municipality_ids_in_scope(request.user, scope) if scope is not None else set()


def regions_within(ids: set[int]) -> QuerySet[Region]:
    """Regions that lie entirely within these municipalities."""
    outside = Municipality.objects.exclude(id__in=ids)
    return (
        Region.objects.filter(municipalities__in=ids).exclude(municipalities__in=outside).distinct()
    )
