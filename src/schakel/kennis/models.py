"""Editable lists of words: discouraged terms and victim-blaming phrasing."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.common.models import TimestampedModel


class TermKind(models.TextChoices):
    DISCOURAGED = "discouraged", _("Woord dat we niet gebruiken")
    VICTIM_BLAMING = "victim_blaming", _("Slachtoffer de schuld geven")


class Term(TimestampedModel):
    term = models.CharField(_("woord of zin"), max_length=200, unique=True)
    suggestion = models.CharField(_("gebruik liever"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=TermKind.choices)
    explanation = models.TextField(_("uitleg"), blank=True)
    patterns = models.JSONField(
        _("extra patronen (reguliere expressies)"), default=list, blank=True
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippen")

    def __str__(self) -> str:
        return self.term
