"""Admin for organisations and users; every change leaves an audit row."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from schakel.audit.services import audit_record
from schakel.geo.models import Municipality

from .admin_site import PolicyModelAdmin, admin_municipality_ids, admin_site, regions_within
from .models import Organisation, User
from .policy import Action
from .selectors import user_get_for_user, users_in_scope
from .services import user_sessions_end


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(PolicyModelAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name"]

    def get_queryset(self, request):
        ids = admin_municipality_ids(request)
        return super().get_queryset(request).filter(municipality_id__in=ids)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "municipality":
            kwargs["queryset"] = Municipality.objects.filter(id__in=admin_municipality_ids(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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

    def has_change_permission(self, request, obj=None):
        # Nobody changes their own role or area: another beheerder does that.
        if obj is not None and obj.pk == request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.filter(
                municipality_id__in=admin_municipality_ids(request)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        ids = admin_municipality_ids(request)
        if db_field.name == "municipalities":
            kwargs["queryset"] = Municipality.objects.filter(id__in=ids)
        elif db_field.name == "regions":
            kwargs["queryset"] = regions_within(ids)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            with transaction.atomic():
                audit_record(
                    actor=request.user,
                    action="user.list",
                    subject_type="user",
                    request=request,
                    details={"via": "admin"},
                )
        return super().changelist_view(request, extra_context)

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
