from schakel.accounts.admin_site import PolicyModelAdmin, admin_site

from .models import ContactOverride


class ContactOverrideAdmin(PolicyModelAdmin):
    list_display = ["code", "name", "phone", "region", "municipality"]
    list_filter = ["code", "region"]
    search_fields = ["code", "name"]


admin_site.register(ContactOverride, ContactOverrideAdmin)
