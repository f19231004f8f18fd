from django.db.models import Q

from schakel.accounts.admin_site import (
    PolicyModelAdmin,
    admin_municipality_ids,
    admin_site,
    regions_within,
)
from schakel.geo.models import Municipality

from .models import ContactOverride


class ContactOverrideAdmin(PolicyModelAdmin):
    """Own contact details, only for the regions and municipalities one manages."""

    list_display = ["code", "name", "phone", "region", "municipality"]
    list_filter = ["code", "region"]
    search_fields = ["code", "name"]

    def get_queryset(self, request):
        ids = admin_municipality_ids(request)
        return (
            super()
            .get_queryset(request)
            .filter(Q(region__in=regions_within(ids)) | Q(municipality_id__in=ids))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = admin_municipality_ids(request)
        if db_field.name == "region":
            kwargs["queryset"] = regions_within(ids)
        elif db_field.name == "municipality":
            kwargs["queryset"] = Municipality.objects.filter(id__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


admin_site.register(ContactOverride, ContactOverrideAdmin)
