"""Reading the audit trail: access-checked for people, plain for the verifier."""

from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from schakel.accounts.policy import Action, scope_for
from schakel.accounts.selectors import users_in_scope
from schakel.common.exceptions import NotFoundOrForbidden

from .domain.chain import ChainRow, Checkpoint, VerifyResult, verify
from .models import AuditEvent
from .services import audit_record
from .subjects import subject_in_scope


def audit_events_for_subject(
    *, user: Any, subject_type: str, subject_id: str, reason: str, request: HttpRequest | None
) -> QuerySet[AuditEvent]:
    """Who looked at this subject, when and why. Reading the log is itself logged."""
    if scope_for(user, Action.AUDIT_VIEW) is None:
        raise NotFoundOrForbidden()
    if not subject_id.isdigit() or not subject_in_scope(user, subject_type, int(subject_id)):
        raise NotFoundOrForbidden()  # unknown, or a subject outside the officer's region
    with transaction.atomic():
        audit_record(
            actor=user,
            action="audit.view_subject_log",
            subject_type=subject_type,
            subject_id=subject_id,
            reason=reason,
            request=request,
        )
    return AuditEvent.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by(
        "-seq"
    )


def audit_events_recent(
    *, user: Any, request: HttpRequest | None, limit: int = 50
) -> list[AuditEvent]:
    """The newest rows, for the privacy officer's overview (this read is logged too)."""
    if scope_for(user, Action.AUDIT_VIEW) is None:
        raise NotFoundOrForbidden()
    with transaction.atomic():
        audit_record(actor=user, action="audit.view_recent", request=request)
    actors = _actor_ids_in_scope(user).values("pk")
    return list(AuditEvent.objects.filter(actor_id__in=actors).order_by("-seq")[:limit])


def _actor_ids_in_scope(user: Any) -> QuerySet[Any]:
    """The accounts whose activity this privacy officer oversees (their region)."""
    return users_in_scope(actor=user, action=Action.AUDIT_VIEW)


def _chain_rows(batch_size: int = 2000) -> Iterator[ChainRow]:
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=batch_size):
        yield ChainRow(
            row_id=event.id,
            seq=event.seq,
            prev_hash=event.prev_hash,
            hash=event.hash,
            fields=event.hashed_fields(),
        )


def audit_chain_verify(*, checkpoint: Checkpoint | None = None) -> VerifyResult:
    return verify(_chain_rows(), checkpoint=checkpoint)
