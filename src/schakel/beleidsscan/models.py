"""Policy scans: the rubric's versions, each scan with its tip scores and word findings,
and the municipality's answers to the practice questions.

A scan keeps what the report needs (scores, evidence sentences, word counts), never the
uploaded file itself: policy documents hold no personal data, but there is no need to keep
them either.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.geo.models import Municipality

from .constants import TITLE_MAX_LENGTH, Answer


class RubricVersion(models.Model):
    """One version of the rubric (YAML, checked by ``domain.rubric.parse_rubric``)."""

    version = models.PositiveIntegerField(_("versie"), unique=True)
    yaml_text = models.TextField(_("rubriek (YAML)"))
    note = models.CharField(_("wat is er veranderd"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("versie van de rubriek")
        verbose_name_plural = _("versies van de rubriek")

    def __str__(self) -> str:
        return f"Rubriek versie {self.version}"


class PolicyScan(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="policy_scans"
    )
    title = models.CharField(_("titel van het document"), max_length=TITLE_MAX_LENGTH)
    document_date = models.DateField(_("datum van het document"), null=True, blank=True)
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    kind = models.CharField(_("soort bestand"), max_length=10)
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField(_("pagina's"))
    words = models.PositiveIntegerField(_("woorden"))
    is_trafficking_policy = models.BooleanField(_("mensenhandelbeleid"))
    trafficking_hits = models.PositiveIntegerField(default=0)
    rubric_version = models.PositiveIntegerField(_("versie van de rubriek"))
    practice = models.JSONField(_("feiten uit de praktijk"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "-created_at"])]
        verbose_name = _("beleidsscan")
        verbose_name_plural = _("beleidsscans")

    def __str__(self) -> str:
        return self.title


class ScanTip(models.Model):
    scan = models.ForeignKey(PolicyScan, on_delete=models.CASCADE, related_name="tip_results")
    tip = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    score = models.PositiveSmallIntegerField()
    why = models.TextField(blank=True)
    evidence = models.JSONField(default=list)  # [{"text", "page", "phrase"}]
    # What score 2 asks for, and whether the document names it: [{"name", "named"}]
    elements = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["tip"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "tip"], name="scan_tip_once"),
            models.CheckConstraint(condition=models.Q(score__lte=2), name="scan_tip_score_0_2"),
        ]

    def __str__(self) -> str:
        return f"Tip {self.tip}: {self.score}"


class ScanTerm(models.Model):
    scan = models.ForeignKey(PolicyScan, on_delete=models.CASCADE, related_name="term_results")
    term = models.CharField(max_length=100)
    count = models.PositiveIntegerField()
    suggestion = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=30, blank=True)
    pages = models.JSONField(default=list)

    class Meta:
        ordering = ["-count", "term"]

    def __str__(self) -> str:
        return f"{self.term} ({self.count}x)"


class QuestionAnswer(models.Model):
    """An answer to one practice question for one municipality; the newest one counts,
    earlier ones stay as history."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="policy_answers"
    )
    question = models.CharField(_("vraag"), max_length=60)
    tip = models.PositiveSmallIntegerField(_("tip"))
    answer = models.CharField(_("antwoord"), max_length=10, choices=Answer.choices)
    explanation = models.TextField(_("toelichting"), blank=True)
    evidence = models.CharField(_("bewijs (link of vindplaats)"), max_length=500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "question", "-answered_at"])]
        verbose_name = _("antwoord op een praktijkvraag")
        verbose_name_plural = _("antwoorden op praktijkvragen")

    def __str__(self) -> str:
        return f"{self.question}: {self.answer}"
