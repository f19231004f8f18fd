"""Suggesting, confirming, rejecting and undoing same-person links. Every write carries its
audit row in the same transaction; nothing is overwritten (a decision is an event, and the
status of the suggestion says where it stands)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence, Set
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.audit.services import audit_lock, audit_record, audit_record_many
from schakel.common.exceptions import DomainValidationError

from .. import realtime
from ..constants import SUBJECT_SUGGESTION, SuggestionEventKind, SuggestionStatus
from ..engine import default_model, model_version, rows_table, score_region_pairs
from ..models import BlockingKey, LinkageModel, LinkEvent, LinkSuggestion, PersonRecord
from ..progress import QUIET, Progress
from ..selectors import suggestion_get_for_user

# A pair is shown to the care coordinator from this probability: they decide, so a doubtful
# pair is better shown than missed. The batch default (0.9) is stricter.
SUGGEST_THRESHOLD = 0.5
# More candidates than this share a key only for very common values (a common first name in
# one postcode area); those sharing the most keys are kept.
MAX_CANDIDATES = 200
MAX_REASON_CHARS = 2000


def region_model(region_id: int) -> tuple[dict[str, Any], str]:
    """The region's latest trained model, or the shipped default."""
    trained = LinkageModel.objects.filter(region_id=region_id).order_by("-trained_at").first()
    model = trained.settings_json if trained is not None else default_model()
    return model, model_version(model)


# Term frequencies are smoothed towards the model's average: a region with few records says
# little about how common a name is (two records would make every name "50%").
TF_PRIOR_RECORDS = 1000


def _average_u(model: dict[str, Any], column: str) -> float:
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("tf_adjustment_column") == column and level.get("u_probability"):
                return float(level["u_probability"])
    return 0.001


def smoothed_shares(
    counts: Mapping[str, int], total: int, model: dict[str, Any], column: str
) -> dict[str, float]:
    """Each value's share of the region's ``total`` records, smoothed towards the model."""
    prior = _average_u(model, column) * TF_PRIOR_RECORDS
    return {value: (n + prior) / (total + TF_PRIOR_RECORDS) for value, n in counts.items()}


def _frequencies(
    region_id: int, rows: Sequence[dict[str, Any]], model: dict[str, Any]
) -> dict[str, dict[str, float]]:
    """Share of the region's records with each value at hand (term frequencies)."""
    total = PersonRecord.objects.filter(region_id=region_id).count()
    frequencies: dict[str, dict[str, float]] = {}
    for column in realtime.TF_COLUMNS:
        values = {row.get(column) for row in rows if row.get(column)}
        counts = dict(
            PersonRecord.objects.filter(region_id=region_id, **{f"{column}__in": values})
            .values_list(column)
            .annotate(n=Count("*"))
        )
        frequencies[column] = smoothed_shares(
            {value: counts.get(value, 0) for value in values}, total, model, column
        )
    return frequencies


def _candidates(record: PersonRecord) -> list[PersonRecord]:
    keys = list(record.keys.values_list("key", flat=True))
    if not keys:
        return []
    # The records sharing the most keys first: they are the likeliest to be the same person.
    ids = (
        BlockingKey.objects.filter(region_id=record.region_id, key__in=keys)
        .exclude(record_id=record.pk)
        .values("record_id")
        .annotate(shared=Count("*"))
        .order_by("-shared", "record_id")
        .values_list("record_id", flat=True)[:MAX_CANDIDATES]
    )
    known = LinkSuggestion.objects.filter(Q(record_a=record) | Q(record_b=record)).values_list(
        "record_a_id", "record_b_id"
    )
    seen = {a for a, b in known} | {b for a, b in known}
    return list(PersonRecord.objects.filter(pk__in=list(ids)).exclude(pk__in=seen))


def suggest_for_record(record: PersonRecord) -> list[LinkSuggestion]:
    """Score the record against its candidates and store the pairs worth a look. A pair that
    was ever suggested (open, confirmed, rejected or undone) is not suggested again."""
    model, version = region_model(record.region_id)
    candidates = _candidates(record)
    if not candidates:
        _mark_scored(record, version)
        return []
    new_row = dict(record.values, unique_id=str(record.pk))
    rows = [dict(c.values, unique_id=str(c.pk)) for c in candidates]
    scored = realtime.score(
        new_row,
        rows,
        model=model,
        version=version,
        frequencies=_frequencies(record.region_id, [new_row, *rows], model),
    )
    pairs = [
        (record.pk, int(item.candidate_id), item.probability, item.weight, item.reasons)
        for item in scored
        if item.probability >= SUGGEST_THRESHOLD
    ]
    with transaction.atomic():
        created = _store_many(record.region_id, pairs, version)
        _mark_scored(record, version)
    return created


# The batch writes its suggestions in transactions of this many pairs.
BATCH_WRITE = 1000

_Pair = tuple[int, int, float, float, Sequence[realtime.Reason]]


def _store_many(region_id: int, pairs: Sequence[_Pair], version: str) -> list[LinkSuggestion]:
    """New pairs as open suggestions, with their events and audit rows, written together;
    returns the suggestions made. Inside the caller's transaction. Left out: a pair ever
    suggested before (whatever became of it), and a pair with a record deleted meanwhile (its
    signal deleted or made anonymous).

    The audit chain's lock is taken before anything is read or written: every writer of
    suggestions (a new signal, the nightly batch) takes it first, so none inserts a pair
    another is inserting."""
    audit_lock()
    pairs = [(min(a, b), max(a, b), p, w, reasons) for a, b, p, w, reasons in pairs]
    ids = {record for a, b, *_ in pairs for record in (a, b)}
    present = set(PersonRecord.objects.filter(pk__in=ids).values_list("pk", flat=True))
    known = set(
        LinkSuggestion.objects.filter(
            record_a_id__in={a for a, *_ in pairs}, record_b_id__in={b for _a, b, *_ in pairs}
        ).values_list("record_a_id", "record_b_id")
    )
    suggestions = LinkSuggestion.objects.bulk_create(
        LinkSuggestion(
            region_id=region_id,
            record_a_id=a,
            record_b_id=b,
            match_probability=probability,
            match_weight=weight,
            reasons=[reason.as_dict() for reason in reasons],
            model_version=version,
        )
        for a, b, probability, weight, reasons in pairs
        if a in present and b in present and (a, b) not in known
    )
    LinkEvent.objects.bulk_create(
        LinkEvent(suggestion=suggestion, kind=SuggestionEventKind.SUGGESTED)
        for suggestion in suggestions
    )
    audit_record_many(
        actor=None,
        action="linkage.suggest",
        subject_type=SUBJECT_SUGGESTION,
        subjects=[
            (
                suggestion.pk,
                {
                    "records": [suggestion.record_a_id, suggestion.record_b_id],
                    "probability": round(suggestion.match_probability, 4),
                    "model": version,
                },
            )
            for suggestion in suggestions
        ],
    )
    return suggestions


def suggest_in_batch(region_id: int, todo: Set[int], *, progress: Progress = QUIET) -> int:
    """Score every candidate pair of the region in one go (``engine.score_region_pairs``) and
    store the pairs worth a look that involve a record of ``todo``; then mark ``todo`` as
    scored with the region's model. Returns the number of new suggestions.

    The same model, blocking keys and term frequencies as ``suggest_for_record``, so a pair
    gets the same probability and reasons; one pass over the region instead of a query and a
    scoring call per record (the nightly catch-up after a new model or normalisation)."""
    model, version = region_model(region_id)
    started = timezone.now()
    rows = [
        dict(values, unique_id=str(pk))
        for pk, values in PersonRecord.objects.filter(region_id=region_id)
        .values_list("pk", "values")
        .iterator(chunk_size=5000)
    ]
    frequencies = {
        column: smoothed_shares(
            Counter(row[column] for row in rows if row.get(column)), len(rows), model, column
        )
        for column in realtime.TF_COLUMNS
    }
    pairs = score_region_pairs(
        rows_table(rows),
        model,
        frequencies=frequencies,
        threshold=SUGGEST_THRESHOLD,
        progress=progress,
    )
    del rows
    known = set(
        LinkSuggestion.objects.filter(region_id=region_id).values_list("record_a_id", "record_b_id")
    )
    labels = realtime.level_labels(model)
    wanted = []
    for row in pairs:
        a, b = sorted((int(row["unique_id_l"]), int(row["unique_id_r"])))
        if (a in todo or b in todo) and (a, b) not in known:
            wanted.append((a, b, row))
    wanted.sort(key=lambda item: (-float(item[2]["match_probability"]), item[0], item[1]))
    progress.step(f"opslaan: {len(wanted):,} nieuwe voorstellen")
    made = 0
    for start in range(0, len(wanted), BATCH_WRITE):
        chunk = [
            (a, b, float(row["match_probability"]), float(row["match_weight"]),
             realtime.reasons_of(row, labels))
            for a, b, row in wanted[start : start + BATCH_WRITE]
        ]  # fmt: skip
        try:
            with transaction.atomic():
                made += len(_store_many(region_id, chunk, version))
        except IntegrityError:
            # A record went between the check and the commit (PostgreSQL checks foreign keys
            # at commit): pair by pair, leaving out what can no longer be stored.
            made += _store_one_by_one(region_id, chunk, version)
        if start and start % (BATCH_WRITE * 10) == 0:
            progress.step(f"  {start:,} van {len(wanted):,} opgeslagen")
    # Only records not changed since they were read: a changed one is scored with its new
    # values (after its own commit, or the next night).
    ids = sorted(todo)
    for start in range(0, len(ids), 5000):
        PersonRecord.objects.filter(
            pk__in=ids[start : start + 5000], updated_at__lt=started
        ).update(scored_model=version)
    return made


def _store_one_by_one(region_id: int, pairs: Sequence[_Pair], version: str) -> int:
    made = 0
    for a, b, probability, weight, reasons in pairs:
        try:
            with transaction.atomic():
                made += len(_store_many(region_id, [(a, b, probability, weight, reasons)], version))
        except IntegrityError:
            continue  # one of its records is gone
    return made


def _mark_scored(record: PersonRecord, version: str) -> None:
    PersonRecord.objects.filter(pk=record.pk).update(scored_model=version)
    record.scored_model = version


def _decide(
    *,
    actor: Any,
    suggestion_id: int,
    allowed_from: SuggestionStatus,
    to: SuggestionStatus,
    event: SuggestionEventKind,
    reason: str,
    request: HttpRequest | None,
) -> LinkSuggestion:
    reason = reason.strip()
    if len(reason) > MAX_REASON_CHARS:
        raise DomainValidationError(
            _("Maak de toelichting korter (hoogstens %(n)s tekens).") % {"n": MAX_REASON_CHARS},
            field="reason",
        )
    with transaction.atomic():
        found = suggestion_get_for_user(
            user=actor, suggestion_id=suggestion_id, request=request, audit=False
        )
        suggestion = LinkSuggestion.objects.select_for_update().get(pk=found.pk)
        if suggestion.status != allowed_from:
            raise DomainValidationError(
                _("Dit voorstel is intussen al beoordeeld. Bekijk de geschiedenis hieronder.")
            )
        suggestion.status = to
        suggestion.decided_at = timezone.now()
        suggestion.decided_by = actor
        suggestion.reason = reason
        suggestion.save(update_fields=["status", "decided_at", "decided_by", "reason"])
        LinkEvent.objects.create(suggestion=suggestion, kind=event, by=actor, reason=reason)
        audit_record(
            actor=actor,
            action=f"linkage.{event}",
            subject_type=SUBJECT_SUGGESTION,
            subject_id=suggestion.pk,
            request=request,
            details={
                "signals": [found.record_a.signal_id, found.record_b.signal_id],
                "status": to,
            },
        )
    return suggestion


def suggestion_confirm(
    *, actor: Any, suggestion_id: int, reason: str = "", request: HttpRequest | None = None
) -> LinkSuggestion:
    """The care coordinator judges: the same young person. Only now are the signals linked."""
    return _decide(
        actor=actor,
        suggestion_id=suggestion_id,
        allowed_from=SuggestionStatus.OPEN,
        to=SuggestionStatus.CONFIRMED,
        event=SuggestionEventKind.CONFIRMED,
        reason=reason,
        request=request,
    )


def suggestion_reject(
    *, actor: Any, suggestion_id: int, reason: str = "", request: HttpRequest | None = None
) -> LinkSuggestion:
    """Not the same young person; this pair is never suggested again."""
    return _decide(
        actor=actor,
        suggestion_id=suggestion_id,
        allowed_from=SuggestionStatus.OPEN,
        to=SuggestionStatus.REJECTED,
        event=SuggestionEventKind.REJECTED,
        reason=reason,
        request=request,
    )


def suggestion_undo(
    *, actor: Any, suggestion_id: int, reason: str, request: HttpRequest | None = None
) -> LinkSuggestion:
    """Undo a confirmed link (the records stay as they were); a reason is required."""
    if not reason.strip():
        raise DomainValidationError(
            _("Schrijf kort op waarom u de koppeling ongedaan maakt."), field="reason"
        )
    return _decide(
        actor=actor,
        suggestion_id=suggestion_id,
        allowed_from=SuggestionStatus.CONFIRMED,
        to=SuggestionStatus.UNDONE,
        event=SuggestionEventKind.UNDONE,
        reason=reason,
        request=request,
    )
