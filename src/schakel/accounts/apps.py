from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "schakel.accounts"
    label = "accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from schakel.audit.subjects import register_subject

        from . import receivers  # noqa: F401
        from .selectors import user_in_audit_scope

        register_subject("user", _("Gebruikersaccount"), user_in_audit_scope)
