"""Scopes and states of route maps."""

from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULTS_DIR = Path(__file__).parent / "defaults"
DEFAULT_MAP_PATH = DEFAULTS_DIR / "routekaart.yaml"
DEFAULT_SCENARIOS_PATH = DEFAULTS_DIR / "scenarios.yaml"


class RouteMapScope(models.TextChoices):
    NATIONAL = "national", _("Landelijke standaard")
    REGION = "region", _("Regio")
    MUNICIPALITY = "municipality", _("Gemeente")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")
    SUPERSEDED = "superseded", _("Vervangen")
