from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "schakel.accounts"
    label = "accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self) -> None:
        from . import receivers  # noqa: F401
