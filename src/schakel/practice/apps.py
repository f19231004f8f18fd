from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "schakel.practice"
    label = "practice"
    verbose_name = _("Praktijk: training en participatie")

    def ready(self) -> None:
        from schakel.audit.subjects import register_subject

        from .selectors import TRAINING_SUBJECT, training_record_in_audit_scope

        # The privacy officer can look up who read or changed a registration in the register.
        register_subject(
            TRAINING_SUBJECT,
            _("Registratie in het scholingsregister"),
            training_record_in_audit_scope,
        )
