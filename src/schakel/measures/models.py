"""The measures registry: what a municipality does against the exploitation of minors, where,
when and for whom, and which monitor indicators it follows. No personal data."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from schakel.common.models import TimestampedModel
from schakel.geo.models import Municipality

from .constants import AGE_MAX, AGE_MIN, MeasureKind

AGE_VALIDATORS = [
    MinValueValidator(AGE_MIN, _("Vul een leeftijd van %(limit_value)s jaar of ouder in.")),
    MaxValueValidator(AGE_MAX, _("Vul een leeftijd tot en met %(limit_value)s jaar in.")),
]


NO_INDICATOR = _("Kies ten minste één cijfer om te volgen.")


def indicator_codes_valid(value: object) -> None:
    """At least one indicator, each one the monitor knows, each once."""
    from schakel.monitor.selectors import indicators

    if not isinstance(value, list) or not value:
        raise ValidationError(NO_INDICATOR, code="no_indicator")
    known = {indicator.code for indicator in indicators()}
    if any(code not in known for code in value):
        raise ValidationError(_("Kies alleen cijfers uit de lijst."), code="unknown_indicator")
    if len(set(value)) != len(value):
        raise ValidationError(
            _("Elk cijfer mag maar één keer voorkomen."), code="duplicate_indicator"
        )


class Measure(TimestampedModel):
    """One prevention or approach measure of one municipality."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("gemeente"),
    )
    title = models.CharField(_("naam van de maatregel"), max_length=200)
    description = models.TextField(_("beschrijving"))
    kind = models.CharField(_("soort"), max_length=20, choices=MeasureKind.choices)
    whole_municipality = models.BooleanField(_("in de hele gemeente"), default=True)
    places = models.CharField(
        _("wijken of plaatsen"),
        max_length=300,
        blank=True,
        help_text=_("Alleen als de maatregel niet in de hele gemeente loopt."),
    )
    target_group = models.CharField(_("voor wie"), max_length=300)
    age_min = models.PositiveSmallIntegerField(
        _("leeftijd vanaf"), null=True, blank=True, validators=AGE_VALIDATORS
    )
    age_max = models.PositiveSmallIntegerField(
        _("leeftijd tot en met"), null=True, blank=True, validators=AGE_VALIDATORS
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    partners = models.TextField(
        _("partners"),
        blank=True,
        help_text=_("Organisaties die meedoen. Geen namen van personen."),
    )
    indicators = models.JSONField(
        _("cijfers om te volgen"),
        default=list,
        validators=[indicator_codes_valid],
        # Django's own codes would replace the validator's words with its own.
        error_messages={"blank": NO_INDICATOR},
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laatst gewijzigd door"),
    )

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        indexes = [
            models.Index(fields=["municipality", "start_date"], name="measures_mun_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="measures_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(age_min__isnull=True)
                | models.Q(age_max__isnull=True)
                | models.Q(age_max__gte=models.F("age_min")),
                name="measures_age_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        problems: dict[str, str] = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            problems["end_date"] = _(
                "De einddatum ligt vóór de startdatum. Vul een einddatum in op of na de startdatum."
            )
        if self.age_min is not None and self.age_max is not None and self.age_max < self.age_min:
            problems["age_max"] = _(
                "De leeftijd 'tot en met' is lager dan de leeftijd 'vanaf'. Draai ze om."
            )
        if not self.whole_municipality and not self.places.strip():
            problems["places"] = _(
                "Vul in in welke wijken of plaatsen de maatregel loopt, of kies 'In de hele "
                "gemeente'."
            )
        if problems:
            raise ValidationError(problems)

    @property
    def age_range(self) -> str:
        """The ages in words, or "" when none were given."""
        if self.age_min is not None and self.age_max is not None:
            return gettext("%(low)s tot en met %(high)s jaar") % {
                "low": self.age_min,
                "high": self.age_max,
            }
        if self.age_min is not None:
            return gettext("vanaf %(low)s jaar") % {"low": self.age_min}
        if self.age_max is not None:
            return gettext("tot en met %(high)s jaar") % {"high": self.age_max}
        return ""
