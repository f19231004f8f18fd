"""Admin for organisations and users; every change leaves an audit row."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from schakel.audit.services import audit_record

from .admin_site import PolicyModelAdmin, admin_site
from .models import Organisation, User
from .policy import Action
from .selectors import user_get_for_user, users_in_scope
from .services import user_sessions_end


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(PolicyModelAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(User, site=admin_site)
class UserAdmin(PolicyModelAdmin):
    list_display = ["username", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    search_fields = ["username", "first_name", "last_name"]
    fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "role",
        "organisation",
        "municipalities",
        "regions",
        "is_active",
        "is_staff",
    ]
    readonly_fields: list[str] = []

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are blocked, not deleted: the audit trail refers to them

    def get_queryset(self, request):
        return users_in_scope(actor=request.user, action=Action.USER_MANAGE)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and object_id.isdigit():
            with transaction.atomic():
                user_get_for_user(
                    actor=request.user,
                    user_id=int(object_id),
                    request=request,
                    action=Action.USER_MANAGE,
                )
        return super().change_view(request, object_id, form_url, extra_context)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        was_active = True
        if change:
            was_active = User.objects.filter(pk=obj.pk).values_list("is_active", flat=True)[0]
        if not change:
            obj.set_unusable_password()
        obj.full_clean()
        super().save_model(request, obj, form, change)
        details = {"fields": sorted(form.changed_data)}
        audit_record(
            actor=request.user,
            action="user.update" if change else "user.create",
            subject_type="user",
            subject_id=obj.pk,
            request=request,
            details=details,
        )
        if was_active and not obj.is_active:
            ended = user_sessions_end(user=obj)
            audit_record(
                actor=request.user,
                action="user.deactivate",
                subject_type="user",
                subject_id=obj.pk,
                request=request,
                reason=str(_("via beheerscherm")),
                details={"sessions_ended": ended},
            )
