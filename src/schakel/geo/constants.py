"""Kinds of regional groupings of municipalities."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    ZORGCOORDINATIE = "zorgcoordinatie", _("Zorgcoördinatieregio mensenhandel")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis-regio")


MUNICIPALITY_CODE_PATTERN = r"^GM\d{4}$"
