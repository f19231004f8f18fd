"""Audit results and the actions that are logged."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditResult(models.TextChoices):
    SUCCESS = "success", _("gelukt")
    DENIED = "denied", _("geweigerd")
    FAILURE = "failure", _("mislukt")


AUDIT_LOCK_KEY = 727_274_001  # PostgreSQL advisory lock that serialises chain writes
