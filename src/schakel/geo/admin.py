from django.contrib import admin

from schakel.accounts.admin_site import (
    PolicyModelAdmin,
    admin_municipality_ids,
    admin_site,
    regions_within,
)

from .models import Municipality, Region


@admin.register(Region, site=admin_site)
class RegionAdmin(PolicyModelAdmin):
    """A beheerder groups only the municipalities they manage."""

    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return regions_within(admin_municipality_ids(request))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "municipalities":
            kwargs["queryset"] = Municipality.objects.filter(id__in=admin_municipality_ids(request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Municipality, site=admin_site)
class MunicipalityAdmin(PolicyModelAdmin):
    list_display = ["code", "name", "province", "safety_region_name"]
    list_filter = ["province"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request):  # reference data comes from CBS
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
