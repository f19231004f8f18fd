"""Codes of the linkage app. Stored in the database and the audit trail: keep them stable."""

from django.db import models
from django.utils.translation import gettext_lazy as _

SUBJECT_SUGGESTION = "linkage.suggestion"
SUBJECT_RUN = "linkage.run"
SUBJECT_ENCODING = "linkage.encoding"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("te beoordelen")
    CONFIRMED = "confirmed", _("bevestigd: dezelfde jongere")
    REJECTED = "rejected", _("afgewezen: niet dezelfde jongere")
    UNDONE = "undone", _("koppeling ongedaan gemaakt")


class SuggestionEventKind(models.TextChoices):
    SUGGESTED = "suggested", _("voorgesteld")
    CONFIRMED = "confirmed", _("bevestigd")
    REJECTED = "rejected", _("afgewezen")
    UNDONE = "undone", _("ongedaan gemaakt")


class RunStatus(models.TextChoices):
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")
