"""Writing audit rows, always inside the transaction of the change they record."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest

from schakel.common.http import client_ip

from .constants import AUDIT_LOCK_KEY, AuditResult
from .domain.chain import GENESIS_HASH, row_hash
from .models import AuditEvent


class AuditOutsideTransaction(RuntimeError):
    """An audit row must share the transaction of what it records."""


def audit_record(
    *,
    actor: Any,
    action: str,
    subject_type: str = "",
    subject_id: str | int = "",
    result: str = AuditResult.SUCCESS,
    reason: str = "",
    on_behalf_of: str = "",
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one row to the audit chain. Must run inside ``transaction.atomic``.

    ``details`` holds codes and ids only, never personal data.
    """
    last = _lock_chain()
    event = _chained(
        last,
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        result=result,
        reason=reason,
        on_behalf_of=on_behalf_of,
        request=request,
        details=details,
    )
    event.save(force_insert=True)
    return event


def audit_record_many(
    *,
    actor: Any,
    action: str,
    subject_type: str,
    subjects: Sequence[tuple[str | int, dict[str, Any]]],
) -> list[AuditEvent]:
    """One row per (subject id, details), the same action: what a batch job writes for each
    thing it made, chained in order and inserted together. Inside ``transaction.atomic``."""
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction("audit_record_many must be called inside transaction.atomic")
    if not subjects:
        return []
    last = _lock_chain()
    events: list[AuditEvent] = []
    for subject_id, details in subjects:
        event = _chained(
            events[-1] if events else last,
            actor=actor,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            details=details,
        )
        events.append(event)
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    return events


def audit_lock() -> None:
    """Take the audit chain's lock now, for the rest of the transaction (PostgreSQL; a no-op on
    SQLite, which writes one transaction at a time). A transaction that writes rows others may
    write too (a suggestion for the same pair) and then audits them takes it first, so two
    such transactions queue instead of each waiting for the other."""
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction("audit_record must be called inside transaction.atomic")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_LOCK_KEY])


def _lock_chain() -> AuditEvent | None:
    """Serialise writers of the chain and return its last row."""
    audit_lock()
    return AuditEvent.objects.order_by("-seq").only("seq", "hash").first()


def _chained(
    last: AuditEvent | None,
    *,
    actor: Any,
    action: str,
    subject_type: str = "",
    subject_id: str | int = "",
    result: str = AuditResult.SUCCESS,
    reason: str = "",
    on_behalf_of: str = "",
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """The next row after ``last``, with its hash (not saved)."""
    seq = 1 if last is None else last.seq + 1
    prev_hash = GENESIS_HASH if last is None else last.hash
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    organisation = getattr(actor, "organisation", None) if is_user else None
    event = AuditEvent(
        seq=seq,
        occurred_at=datetime.now(tz=UTC).replace(microsecond=0),
        actor_id=actor.pk if is_user else None,
        actor_username=actor.get_username() if is_user else "",
        on_behalf_of=on_behalf_of,
        organisation=organisation.name if organisation is not None else "",
        role=getattr(actor, "role", "") if is_user else "",
        subject_type=subject_type,
        subject_id=str(subject_id),
        action=action,
        result=result,
        client_ip=client_ip(request),
        reason=reason,
        details=details or {},
        prev_hash=prev_hash,
    )
    event.full_clean(exclude=["hash"], validate_unique=False)  # normalises before hashing
    event.hash = row_hash(prev_hash, event.hashed_fields())
    return event


@transaction.atomic
def audit_access_denied(*, actor: Any, action: str, request: HttpRequest) -> AuditEvent:
    """A refused attempt, for the privacy officer. No subject: nothing was shown."""
    match = getattr(request, "resolver_match", None)
    return audit_record(
        actor=actor,
        action=action,
        result=AuditResult.DENIED,
        request=request,
        details={"view": match.view_name if match is not None else ""},
    )
