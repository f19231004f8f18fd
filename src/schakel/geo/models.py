"""Municipalities (CBS codes) and configurable regional groupings of them."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.common.models import TimestampedModel

from .constants import MUNICIPALITY_CODE_PATTERN, RegionKind


class Municipality(models.Model):
    code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(MUNICIPALITY_CODE_PATTERN, _("Gebruik de vorm GM0000."))],
    )
    name = models.CharField(_("naam"), max_length=100)
    province = models.CharField(_("provincie"), max_length=50)
    safety_region_code = models.CharField(_("code veiligheidsregio"), max_length=4)
    safety_region_name = models.CharField(_("veiligheidsregio"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class District(models.Model):
    """A district (wijk) of a municipality, as CBS numbers it: WK + municipality code + 2."""

    code = models.CharField(
        _("CBS-code"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^WK\d{4}[0-9A-Z]{2}$", _("Gebruik de vorm WK000000."))],
    )
    name = models.CharField(_("naam"), max_length=150)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("gemeente"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Region(TimestampedModel):
    """A configurable grouping of municipalities, e.g. a care-coordination region."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=RegionKind.choices)
    municipalities = models.ManyToManyField(
        Municipality, related_name="regions", verbose_name=_("gemeenten")
    )
    notes = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.name
