"""States, roles of municipalities, exploitation types and answers at intake."""

from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

DATA_DIR = Path(__file__).parent / "data"
INDICATORS_PATH = DATA_DIR / "indicators.yaml"
MELDCODE_PATH = DATA_DIR / "meldcode.yaml"


class SignalStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Verstuurd")
    CONCLUDED = "concluded", _("Afgerond door melder")


class MunicipalityRole(models.TextChoices):
    RESIDENCE = "residence", _("Woonplaats")
    SCHOOL = "school", _("School of werk")
    EXPLOITATION = "exploitation", _("Plaats van uitbuiting")


class ExploitationType(models.TextChoices):
    SEXUAL = "sexual", _("Seksuele uitbuiting")
    CRIMINAL = "criminal", _("Criminele uitbuiting")
    LABOUR = "labour", _("Arbeidsuitbuiting")
    OTHER = "other", _("Anders of nog onduidelijk")


class IndicatorKind(models.TextChoices):
    SIGNAL = "signal", _("Signaal")
    VULNERABILITY = "vulnerability", _("Kwetsbaarheid")


class MeldcodeAnswer(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nee")
