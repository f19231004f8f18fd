from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisConfig(AppConfig):
    name = "schakel.kennis"
    label = "kennis"
    verbose_name = _("Kennis en begrippen")
