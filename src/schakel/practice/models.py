"""The training register (who was trained, where, when) and the participation record."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import Organisation
from schakel.common.models import TimestampedModel
from schakel.geo.models import Municipality

from .constants import ParticipantGroup, ParticipationKind, TrainingLevel

FUTURE_DATE = _("De datum ligt in de toekomst. Vul de datum in waarop het plaatsvond.")


def not_in_future(value: datetime.date) -> None:
    if value > timezone.localdate():
        raise ValidationError(FUTURE_DATE, code="future")


class TrainingRecord(TimestampedModel):
    """One professional who followed one training on one day (personal data: a name)."""

    professional_name = models.CharField(
        _("naam van de professional"),
        max_length=200,
        help_text=_("De persoon die de training volgde."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_records",
        verbose_name=_("account in Schakel"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="training_records",
        verbose_name=_("organisatie"),
    )
    training = models.CharField(_("training"), max_length=200)
    date = models.DateField(_("datum"), validators=[not_in_future])
    level = models.CharField(_("niveau"), max_length=20, choices=TrainingLevel.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-date", "professional_name", "pk"]
        verbose_name = _("training van een professional")
        verbose_name_plural = _("scholingsregister")
        constraints = [
            models.UniqueConstraint(
                Lower("professional_name"),
                "organisation",
                Lower("training"),
                "date",
                name="practice_training_once_per_person_and_day",
                violation_error_message=_(
                    "Deze persoon staat al met deze training op deze datum bij deze "
                    "organisatie in het register."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "date"], name="practice_training_org_date"),
        ]

    def __str__(self) -> str:
        return f"training {self.pk}"  # no name: this string can end up in logs

    def clean(self) -> None:
        super().clean()
        if (
            self.user_id is not None
            and self.organisation_id is not None
            and self.user.organisation_id != self.organisation_id
        ):
            raise ValidationError({"user": _("Dit account hoort niet bij de gekozen organisatie.")})


def _groups_valid(value: object) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Kies ten minste één groep."), code="required")
    unknown = [code for code in value if code not in ParticipantGroup.values]
    if unknown:
        raise ValidationError(_("Onbekende groep."), code="invalid")
    if len(set(value)) != len(value):
        raise ValidationError(_("Elke groep mag maar één keer voorkomen."), code="invalid")


class ParticipationActivity(TimestampedModel):
    """An activity in which young people, parents or professionals had a say (no names)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="participation_activities",
        verbose_name=_("gemeente"),
    )
    date = models.DateField(_("datum"), validators=[not_in_future])
    title = models.CharField(
        _("activiteit"),
        max_length=200,
        help_text=_("Bijvoorbeeld: jongerenpanel over voorlichting op school."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ParticipationKind.choices)
    participant_groups = models.JSONField(
        _("wie deden mee"),
        default=list,
        validators=[_groups_valid],
        help_text=_("Alleen de groepen, nooit namen van deelnemers."),
    )
    participant_count = models.PositiveIntegerField(
        _("aantal deelnemers"),
        validators=[MinValueValidator(1, _("Er deed ten minste één persoon mee."))],
    )
    what_changed = models.TextField(
        _("wat veranderde er daardoor?"),
        blank=True,
        help_text=_(
            "Wat is er anders gaan werken door wat de deelnemers zeiden? Leeg laten mag: de "
            "activiteit telt dan als nog zonder zichtbaar resultaat. Schrijf geen namen op."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("participatieactiviteit")
        verbose_name_plural = _("participatieactiviteiten")
        indexes = [
            models.Index(fields=["municipality", "date"], name="practice_activity_mun_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participant_count__gte=1),
                name="practice_activity_has_participants",
            ),
        ]

    def __str__(self) -> str:
        return self.title
