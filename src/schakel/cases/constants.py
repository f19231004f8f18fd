"""Choices for cases, built from the pure domain so both speak the same values."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain.closing import CASE_STATUS_LABELS, CLOSING_REASONS, CaseStatus
from .domain.decisions import LEGAL_BASES
from .domain.referrals import REFERRAL_STATUS_LABELS, ReferralStatus

CASE_STATUS_CHOICES = [(status.value, CASE_STATUS_LABELS[status]) for status in CaseStatus]
REFERRAL_STATUS_CHOICES = [
    (status.value, REFERRAL_STATUS_LABELS[status]) for status in ReferralStatus
]
CLOSING_REASON_CHOICES = [(reason.code, reason.label) for reason in CLOSING_REASONS]
LEGAL_BASIS_CHOICES = [(basis.code, basis.label) for basis in LEGAL_BASES]


class CaseRoleKind(models.TextChoices):
    VICTIM = "victim", _("Slachtoffer")
    OFFENDER = "offender", _("Dader")
