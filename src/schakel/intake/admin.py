from schakel.accounts.admin_site import PolicyModelAdmin, admin_site

from .models import Indicator


class IndicatorAdmin(PolicyModelAdmin):
    list_display = ["label", "category_label", "kind", "exploitation", "active", "order"]
    list_filter = ["kind", "exploitation", "active", "category_label"]
    search_fields = ["label", "code"]

    def has_delete_permission(self, request, obj=None):
        return False  # signals refer to these codes; switch an item off instead


admin_site.register(Indicator, IndicatorAdmin)
