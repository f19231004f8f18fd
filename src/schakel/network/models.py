"""The context network: places, online platforms and accounts, vehicles and phone numbers of
one region, and their attachments to signals and cases.

Personal data (which young people connect to which place): only the care coordinator of the
region reads it, and every read and write is audited. Nothing is overwritten: a detached
attachment keeps its row, and a renamed entity keeps its earlier names.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.common.models import TimestampedModel
from schakel.geo.models import Region

from .constants import EntityKind
from .domain.normalise import LABEL_MAX, PLATFORM_MAX

USER = settings.AUTH_USER_MODEL


class ContextEntity(TimestampedModel):
    """One place, platform, account, vehicle or phone number in one region.

    ``label`` is shown as typed; ``key`` is its normal form (``domain/normalise.py``), the same
    for every spelling of the same thing, and unique per region and kind.
    """

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=EntityKind.choices)
    label = models.CharField(_("naam"), max_length=LABEL_MAX)
    platform = models.CharField(_("platform"), max_length=PLATFORM_MAX, blank=True)
    key = models.CharField(_("sleutel"), max_length=250, editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["kind", "label", "pk"]
        verbose_name = _("plek, account, voertuig of nummer")
        verbose_name_plural = _("plekken, accounts, voertuigen en nummers")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "key"], name="network_entity_key_once"
            ),
        ]

    def __str__(self) -> str:
        if self.platform:
            return f"{self.label} ({self.platform})"
        return self.label


class ContextEntityRename(models.Model):
    """An earlier name of an entity: renaming never loses what was there."""

    entity = models.ForeignKey(ContextEntity, on_delete=models.CASCADE, related_name="renames")
    old_label = models.CharField(max_length=LABEL_MAX)
    old_platform = models.CharField(max_length=PLATFORM_MAX, blank=True)
    old_key = models.CharField(max_length=250)
    new_label = models.CharField(max_length=LABEL_MAX)
    new_platform = models.CharField(max_length=PLATFORM_MAX, blank=True)
    new_key = models.CharField(max_length=250)
    renamed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    renamed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["renamed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.old_label} -> {self.new_label}"


class ContextLink(models.Model):
    """An entity attached to exactly one signal or one case. Detaching keeps the row."""

    entity = models.ForeignKey(ContextEntity, on_delete=models.PROTECT, related_name="links")
    # When retention removes a signal or case, its attachments go with it.
    signal = models.ForeignKey(
        "intake.Signal", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("toelichting"), blank=True)
    attached_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    attached_at = models.DateTimeField(default=timezone.now, editable=False)
    detached_at = models.DateTimeField(null=True, blank=True)
    detached_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    detach_note = models.TextField(_("reden van loskoppelen"), blank=True)

    class Meta:
        ordering = ["attached_at", "pk"]
        indexes = [models.Index(fields=["entity", "detached_at"], name="network_link_active")]
        constraints = [
            models.CheckConstraint(
                condition=Q(signal__isnull=False, case__isnull=True)
                | Q(signal__isnull=True, case__isnull=False),
                name="network_link_signal_or_case",
            ),
            models.CheckConstraint(
                condition=Q(detached_at__isnull=True) | Q(detached_by__isnull=False),
                name="network_link_detached_by_someone",
            ),
            models.UniqueConstraint(
                fields=["entity", "signal"],
                condition=Q(detached_at__isnull=True, signal__isnull=False),
                name="network_link_signal_once",
            ),
            models.UniqueConstraint(
                fields=["entity", "case"],
                condition=Q(detached_at__isnull=True, case__isnull=False),
                name="network_link_case_once",
            ),
        ]

    def __str__(self) -> str:
        target = f"case {self.case_id}" if self.case_id else f"signal {self.signal_id}"
        return f"{self.entity_id} -> {target}"

    @property
    def is_active(self) -> bool:
        return self.detached_at is None
