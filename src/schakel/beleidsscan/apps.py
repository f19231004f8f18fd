from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeleidsscanConfig(AppConfig):
    name = "schakel.beleidsscan"
    label = "beleidsscan"
    verbose_name = _("Beleidsscan")
