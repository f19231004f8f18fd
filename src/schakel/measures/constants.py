"""Choices and limits of the measures registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureKind(models.TextChoices):
    PREVENTIE = "preventie", _("Preventie en voorlichting")
    SIGNALERING = "signalering", _("Aanpak en signalering")
    HULP = "hulp", _("Hulp en nazorg")
    SCHOLING = "scholing", _("Scholing van professionals")
    SAMENWERKING = "samenwerking", _("Samenwerking in de keten")
    ANDERS = "anders", _("Anders")


# Young people and young adults: help for victims may go on past the 18th birthday.
AGE_MIN = 0
AGE_MAX = 27
LIST_PAGE_SIZE = 50
SUBJECT = "measure"
