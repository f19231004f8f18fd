from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "schakel.intake"
    label = "intake"
    verbose_name = _("Signalen")

    def ready(self) -> None:
        from schakel.audit.subjects import register_subject

        from .selectors import signal_in_audit_scope

        register_subject("signal", _("Signaal"), signal_in_audit_scope)
