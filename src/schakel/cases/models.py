"""A young person's case in a region: signals, roles, decisions, referrals, continuity."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schakel.common.models import TimestampedModel
from schakel.geo.models import Municipality, Region

from .constants import (
    CASE_STATUS_CHOICES,
    CLOSING_REASON_CHOICES,
    LEGAL_BASIS_CHOICES,
    REFERRAL_STATUS_CHOICES,
    CaseRoleKind,
)
from .domain.closing import CaseStatus
from .domain.referrals import ReferralStatus

USER = settings.AUTH_USER_MODEL
QUEUE_NEVER = date(1, 1, 1)


class Case(TimestampedModel):
    """One young person in one care-coordination region (personal data: need-to-know)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="cases")
    owner = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="owned_cases",
        verbose_name=_("zorgcoördinator"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CASE_STATUS_CHOICES, default=CaseStatus.OPEN.value
    )
    given_names = models.CharField(_("voornamen"), max_length=200, blank=True)
    roepnaam = models.CharField(_("roepnaam"), max_length=100, blank=True)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    exploitation_types = models.JSONField(_("vormen van uitbuiting"), default=list, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("betrokken gemeenten")
    )
    # The parents (possibly) take part in the exploitation: involving them in a decision then
    # needs an extra justification, and their consent is no ground for sharing.
    parents_take_part = models.BooleanField(
        _("ouders spelen (mogelijk) een rol in de uitbuiting"), default=False
    )
    # Optimistic locking: every change raises this; a stale form is refused with what changed.
    lock_version = models.PositiveIntegerField(default=1)
    # The day the work-queue entries of this case were last computed (NEVER: not yet).
    queue_computed_for = models.DateField(default=QUEUE_NEVER, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_reason = models.CharField(
        _("reden van afsluiten"), max_length=40, choices=CLOSING_REASON_CHOICES, blank=True
    )
    closing_note = models.TextField(_("toelichting bij afsluiten"), blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        indexes = [
            models.Index(fields=["region", "status"]),
            models.Index(
                fields=["queue_computed_for"],
                condition=Q(status="open"),
                name="cases_case_queue_fresh",
            ),
        ]

    def __str__(self) -> str:
        return f"Casus {self.pk}"


class CaseRole(models.Model):
    """Victim, offender, or both at once; roles change over time and keep their history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("rol"), max_length=10, choices=CaseRoleKind.choices)
    since = models.DateField(_("sinds"))
    until = models.DateField(_("tot"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["since"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} sinds {self.since}"


class CaseSignal(models.Model):
    """A signal attached to a case; detaching keeps the row (with who, when and why)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_signals")
    signal = models.ForeignKey("intake.Signal", on_delete=models.PROTECT, related_name="+")
    attached_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    attached_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reden"), blank=True)
    detached_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    detached_at = models.DateTimeField(null=True, blank=True)
    detach_reason = models.TextField(_("reden van loskoppelen"), blank=True)

    class Meta:
        ordering = ["attached_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["signal"],
                condition=Q(detached_at__isnull=True),
                name="cases_signal_in_one_case",
            )
        ]

    def __str__(self) -> str:
        return f"Signaal {self.signal_id} bij casus {self.case_id}"


class Decision(models.Model):
    """A decision with its reasons, the child's view and the best interest (never optional)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    what = models.TextField(_("wat is besloten"))
    why = models.TextField(_("waarom"))
    child_heard = models.BooleanField(_("jongere gehoord"))
    child_view = models.TextField(_("mening van de jongere, in eigen woorden"), blank=True)
    child_not_heard_reason = models.TextField(_("waarom niet gehoord"), blank=True)
    best_interest = models.TextField(_("belang van het kind"))
    parents_involved = models.BooleanField(_("ouders betrokken bij het besluit"))
    parents_reason = models.TextField(_("waarom ouders wel of niet betrokken"))
    parents_extra_justification = models.TextField(blank=True)
    shares_data = models.BooleanField(_("gegevens worden gedeeld"), default=False)
    shared_with = models.CharField(_("gedeeld met"), max_length=300, blank=True)
    legal_basis = models.CharField(
        _("grondslag voor delen"), max_length=40, choices=LEGAL_BASIS_CHOICES, blank=True
    )

    class Meta:
        ordering = ["decided_at"]

    def __str__(self) -> str:
        return f"Besluit {self.pk}"


class Referral(models.Model):
    """A referral (after triage) to specialised care, with its status history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    to_name = models.CharField(_("verwezen naar"), max_length=200)
    kind = models.CharField(_("soort hulp"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=REFERRAL_STATUS_CHOICES,
        default=ReferralStatus.SENT.value,
    )
    status_since = models.DateField(_("status sinds"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Verwijzing naar {self.to_name}"


class ReferralEvent(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=REFERRAL_STATUS_CHOICES)
    on = models.DateField(_("datum"))
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.status} op {self.on}"


class MissingEpisode(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="missing_episodes")
    start = models.DateTimeField(_("vermist sinds"))
    end = models.DateTimeField(_("teruggevonden op"), null=True, blank=True)
    found_where = models.CharField(_("waar gevonden"), max_length=300, blank=True)
    reported_by = models.CharField(_("gemeld door"), max_length=200, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"Vermissing vanaf {self.start:%d-%m-%Y}"


class TransitionPlan(models.Model):
    """The plan for care after the 18th birthday (required from 17 years and 6 months)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="transition_plan")
    who_takes_over = models.CharField(_("wie neemt de zorg over"), max_length=300, blank=True)
    adult_care_arranged = models.BooleanField(_("zorg voor volwassenen geregeld"), default=False)
    consent_asked_again = models.BooleanField(_("opnieuw om toestemming gevraagd"), default=False)
    consent_given = models.BooleanField(_("toestemming gegeven"), null=True, blank=True)
    agreed_on = models.DateField(_("afgesproken op"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Plan na 18 voor casus {self.case_id}"


class Aftercare(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="aftercare")
    who = models.CharField(_("wie"), max_length=200)
    until = models.DateField(_("tot"))
    what = models.TextField(_("afspraak"), blank=True)
    agreed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreed_at"]

    def __str__(self) -> str:
        return f"Nazorg door {self.who}"


class CaseAction(models.Model):
    """A step someone agreed to take, with a due date; overdue steps show in the work queue."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("actie"), max_length=200)
    due = models.DateField(_("uiterlijk op"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["case", "done_at"])]

    def __str__(self) -> str:
        return self.title


class CaseMember(models.Model):
    """A professional of a partner organisation on the case team: chosen sections, until a date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="case_memberships")
    sections = models.JSONField(_("onderdelen"), default=list)
    until = models.DateField(_("tot en met"))
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(ended_at__isnull=True),
                name="cases_one_active_membership",
            )
        ]

    def __str__(self) -> str:
        return f"Teamlid {self.user_id} van casus {self.case_id}"


class EmergencyAccess(models.Model):
    """Access to a case outside one's region, with a reason; the privacy officer reviews it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="emergency_accesses")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="emergency_accesses")
    reason = models.TextField(_("reden"))
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("oordeel privacy officer"), blank=True)

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "expires_at"])]

    def __str__(self) -> str:
        return f"Noodtoegang tot casus {self.case_id}"


class CaseStatusChange(models.Model):
    """Opening, closing and reopening, kept forever: reopening never erases the history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=10, choices=CASE_STATUS_CHOICES)
    reason = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.status} op {self.at:%d-%m-%Y}"


class QueueEntry(models.Model):
    """One item of the care coordinator's work queue, computed by ``domain.queue``.

    Derived data, stored so the queue is one indexed query however many cases a region has.
    Recomputed for a case on every change to it, and for every open case once a day
    (``schakel queue_refresh``, or on the first visit of the day). Holds no names: the page
    takes those from the case.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="queue_entries")
    # The case's region, copied so the queue of a region is read without joining the cases.
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    kind_order = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=300)
    due = models.DateField(null=True, blank=True)
    severity = models.PositiveSmallIntegerField()
    ref = models.CharField(max_length=40, blank=True)
    computed_for = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["region", "kind"], name="cases_queue_region_kind"),
            models.Index(fields=["region", "-severity", "due"], name="cases_queue_order"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} voor casus {self.case_id}"
