from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "schakel.cases"
    label = "cases"
    verbose_name = _("Casussen")

    def ready(self) -> None:
        from schakel.audit.subjects import register_subject

        from .selectors import case_in_region_of

        register_subject("case", _("Casus"), case_in_region_of)
