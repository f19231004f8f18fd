"""Reads of the linkage app, checked against the policy table: only the care coordinator of
the region sees suggestions and links, and every read of them is audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from schakel.accounts.policy import Action
from schakel.accounts.scoping import region_ids_for_action
from schakel.audit.services import audit_record
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.network.domain.graph import UnionFind

from .constants import SUBJECT_SUGGESTION, SuggestionStatus
from .models import LinkSuggestion


def suggestions_in_scope(*, user: Any) -> QuerySet[LinkSuggestion]:
    regions = region_ids_for_action(user, Action.LINKAGE_REVIEW)
    return LinkSuggestion.objects.filter(region_id__in=regions).select_related(
        "record_a__signal", "record_b__signal", "region", "decided_by"
    )


def suggestion_list_for_user(
    *, user: Any, status: str = SuggestionStatus.OPEN, request: HttpRequest | None = None
) -> list[LinkSuggestion]:
    """The region's suggestions of one status, strongest first; the read is audited."""
    suggestions = list(suggestions_in_scope(user=user).filter(status=status)[:200])
    with transaction.atomic():
        audit_record(
            actor=user,
            action="linkage.suggestion_list",
            subject_type=SUBJECT_SUGGESTION,
            request=request,
            details={"status": status, "ids": [s.pk for s in suggestions][:200]},
        )
    return suggestions


def suggestion_get_for_user(
    *, user: Any, suggestion_id: int, request: HttpRequest | None = None, audit: bool = True
) -> LinkSuggestion:
    suggestion = suggestions_in_scope(user=user).filter(pk=suggestion_id).first()
    if suggestion is None:
        raise NotFoundOrForbidden()
    if audit:
        with transaction.atomic():
            audit_record(
                actor=user,
                action="linkage.suggestion_view",
                subject_type=SUBJECT_SUGGESTION,
                subject_id=suggestion.pk,
                request=request,
                details={"signals": [suggestion.record_a.signal_id, suggestion.record_b.signal_id]},
            )
    return suggestion


@dataclass(frozen=True)
class YoungPersonGroup:
    """Signals that confirmed links say are about one young person."""

    signal_ids: tuple[int, ...]


def linked_signal_ids(*, user: Any, signal_id: int) -> list[int]:
    """The other signals confirmed to be about the same young person as ``signal_id``
    (through any chain of confirmed links), in the user's regions."""
    confirmed = suggestions_in_scope(user=user).filter(status=SuggestionStatus.CONFIRMED)
    groups = UnionFind()
    for left, right in confirmed.values_list("record_a__signal_id", "record_b__signal_id"):
        groups.union(left, right)
    return sorted(int(other) for other in groups.members(signal_id) if other != signal_id)


def open_suggestions_for_signal(*, user: Any, signal_id: int) -> list[LinkSuggestion]:
    return list(
        suggestions_in_scope(user=user).filter(
            Q(record_a__signal_id=signal_id) | Q(record_b__signal_id=signal_id),
            status=SuggestionStatus.OPEN,
        )
    )
