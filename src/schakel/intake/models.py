"""Signals of (possible) exploitation of a young person, with the reporting-code steps."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import Organisation
from schakel.common.models import TimestampedModel
from schakel.geo.models import District, Municipality, Region

from .constants import IndicatorKind, MeldcodeAnswer, MunicipalityRole, SignalStatus


class Gender(models.TextChoices):
    """Only to count target groups in the monitor; empty means unknown or not filled in."""

    GIRL = "meisje", _("Meisje")
    BOY = "jongen", _("Jongen")
    OTHER = "anders", _("Anders")


class Indicator(models.Model):
    """One item of the structured signal lists (editable by the functioneel beheerder)."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    category_code = models.SlugField(_("categorie"), max_length=80)
    category_label = models.CharField(_("naam van de categorie"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=IndicatorKind.choices)
    exploitation = models.CharField(_("vorm van uitbuiting"), max_length=20)
    label = models.CharField(_("tekst"), max_length=300)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("signaal of kwetsbaarheid")
        verbose_name_plural = _("signalen en kwetsbaarheden")

    def __str__(self) -> str:
        return self.label


class Signal(TimestampedModel):
    """What a professional noticed about one young person. Personal data: need-to-know."""

    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=SignalStatus.choices, default=SignalStatus.DRAFT
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signals"
    )
    reporter_function = models.CharField(_("uw functie"), max_length=100, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="signals"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    # The young person. Stored in separate parts so that same-person linkage works later.
    is_anonymous = models.BooleanField(_("anoniem overleg"), default=False)
    given_names = models.CharField(_("voornamen"), max_length=200, blank=True)
    roepnaam = models.CharField(_("roepnaam"), max_length=100, blank=True)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    age = models.PositiveSmallIntegerField(_("leeftijd"), null=True, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=10, blank=True)
    street = models.CharField(_("straat"), max_length=200, blank=True)
    place = models.CharField(_("woonplaats"), max_length=100, blank=True)
    phone = models.CharField(_("telefoonnummer van de jongere"), max_length=20, blank=True)
    school = models.CharField(_("school"), max_length=200, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    # Only for counting target groups in the monitor; never required, never in a list.
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wijk van de woonplaats"),
    )

    # The situation, in the fields of the routing contract (None = unknown).
    exploitation_types = models.JSONField(_("vormen van uitbuiting"), default=list, blank=True)
    online = models.BooleanField(_("online"), null=True, blank=True)
    acute_danger = models.BooleanField(_("direct gevaar"), null=True, blank=True)
    structural_unsafety = models.BooleanField(_("structureel onveilig"), null=True, blank=True)
    disclosure = models.BooleanField(_("de jongere vertelde het zelf"), null=True, blank=True)
    sexual_assault_days_ago = models.PositiveSmallIntegerField(
        _("seksueel geweld, dagen geleden"), null=True, blank=True
    )
    missing_now = models.BooleanField(_("nu vermist"), null=True, blank=True)
    missing_episodes_90d = models.PositiveSmallIntegerField(
        _("keren vermist in 90 dagen"), null=True, blank=True
    )
    also_offender = models.BooleanField(_("ook dader"), null=True, blank=True)
    wants_anonymity = models.BooleanField(
        _("jongere wil dat er niets gebeurt"), null=True, blank=True
    )
    parents_involved = models.BooleanField(
        _("ouders betrokken bij uitbuiting"), null=True, blank=True
    )
    indicator_codes = models.JSONField(_("signalen en kwetsbaarheden"), default=list, blank=True)

    youth_view = models.TextField(_("wat zegt en wil de jongere"), blank=True)
    parents_role = models.TextField(_("rol van de ouders"), blank=True)
    description = models.TextField(_("toelichting"), blank=True)

    # "Wat nu?" as it was shown when the signal was sent.
    route_actions = models.JSONField(default=dict, blank=True)
    route_version = models.ForeignKey(
        "routekaart.RouteMapVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # Conclusion of the reporting code by the reporter.
    meldcode_framework = models.CharField(max_length=50, blank=True)
    reported_to_veilig_thuis = models.BooleanField(null=True, blank=True)
    report_required = models.BooleanField(
        _("melden verplicht volgens het afwegingskader"), null=True, blank=True
    )
    report_override_reason = models.TextField(_("reden om niet te melden"), blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            models.Index(fields=["region", "status", "-submitted_at"]),
            # The newest sent signals of an area, also those found through their places.
            models.Index(fields=["status", "-submitted_at"], name="intake_signal_recent"),
        ]

    def __str__(self) -> str:
        return f"Signaal {self.pk}"


class SignalMunicipality(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="places")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("rol"), max_length=20, choices=MunicipalityRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "municipality", "role"], name="intake_place_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.municipality}"


class MeldcodeStep(models.Model):
    """A step of the reporting code taken for a signal: when, by whom, with notes."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="meldcode_steps")
    number = models.PositiveSmallIntegerField(_("stap"))
    done_on = models.DateField(_("datum"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("aantekeningen"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number", "recorded_at"]

    def __str__(self) -> str:
        return f"Stap {self.number}"


class MeldcodeDecision(models.Model):
    """An answer to one question of the afwegingskader, with the reasoning."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="meldcode_decisions")
    question_code = models.SlugField(max_length=60)
    answer = models.CharField(_("antwoord"), max_length=3, choices=MeldcodeAnswer.choices)
    reasoning = models.TextField(_("onderbouwing"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at"]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.answer}"
