from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutekaartConfig(AppConfig):
    name = "schakel.routekaart"
    label = "routekaart"
    verbose_name = _("Routekaart")
