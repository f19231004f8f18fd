from schakel.accounts.admin_site import PolicyModelAdmin, admin_site

from .models import Term


class TermAdmin(PolicyModelAdmin):
    list_display = ["term", "suggestion", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["term", "suggestion"]


admin_site.register(Term, TermAdmin)
