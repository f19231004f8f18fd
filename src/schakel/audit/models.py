"""The audit trail: append-only, hash-chained rows of every access to personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import AuditResult


class AuditEvent(models.Model):
    """One row per read or write of personal data, and per security event.

    Rows are never updated or deleted: database triggers refuse it (see migration 0002).
    """

    seq = models.PositiveBigIntegerField(_("volgnummer"), unique=True)
    occurred_at = models.DateTimeField(_("tijdstip (UTC)"))
    actor_id = models.BigIntegerField(_("gebruiker-id"), null=True, blank=True)
    actor_username = models.CharField(_("gebruiker"), max_length=150, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=150, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    role = models.CharField(_("rol"), max_length=30, blank=True)
    subject_type = models.CharField(_("soort gegeven"), max_length=50, blank=True)
    subject_id = models.CharField(_("gegeven-id"), max_length=64, blank=True)
    action = models.CharField(_("handeling"), max_length=64)
    result = models.CharField(_("resultaat"), max_length=10, choices=AuditResult.choices)
    client_ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="audit_subject_idx"),
            models.Index(fields=["actor_id", "occurred_at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.result}"

    @property
    def role_label(self) -> str:
        from schakel.accounts.constants import Role

        return str(Role(self.role).label) if self.role in Role.values else self.role

    def hashed_fields(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "occurred_at": self.occurred_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_username": self.actor_username,
            "on_behalf_of": self.on_behalf_of,
            "organisation": self.organisation,
            "role": self.role,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "action": self.action,
            "result": self.result,
            "client_ip": self.client_ip,
            "reason": self.reason,
            "details": self.details,
        }
