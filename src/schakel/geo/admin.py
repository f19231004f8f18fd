from django.contrib import admin

from schakel.accounts.admin_site import PolicyModelAdmin, admin_site

from .models import Municipality, Region


@admin.register(Region, site=admin_site)
class RegionAdmin(PolicyModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


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
