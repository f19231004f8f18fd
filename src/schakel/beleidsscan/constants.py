"""Choices of the beleidsscan."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    YES = "ja", _("Ja")
    PARTLY = "deels", _("Deels")
    NO = "nee", _("Nee")
    UNKNOWN = "onbekend", _("Weet ik niet")


SCORE_LABELS = {
    0: _("Afwezig"),
    1: _("Genoemd"),
    2: _("Concreet"),
}

TITLE_MAX_LENGTH = 200

# A count below this is shown as "minder dan 5", so no young person can be recognised.
SMALL_COUNT = 5
