"""Access-checked reads of signals (audited), and the reference lists for the form."""

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from schakel.accounts.constants import Scope
from schakel.accounts.policy import Action, scope_for
from schakel.accounts.scoping import area_q
from schakel.audit.services import audit_record
from schakel.common.exceptions import NotFoundOrForbidden

from .constants import (
    INDICATORS_PATH,
    MELDCODE_PATH,
    IndicatorKind,
    MunicipalityRole,
    SignalStatus,
)
from .domain.meldcode import Framework, Meldcode, load_meldcode
from .domain.person import age_on
from .models import Indicator, Signal, SignalMunicipality


def signals_in_scope(*, user: Any, action: str) -> QuerySet[Signal]:
    scope = scope_for(user, action)
    if scope is None:
        raise NotFoundOrForbidden()
    signals = Signal.objects.all()
    if scope == Scope.OWN:
        return signals.filter(reporter=user)
    if scope == Scope.ORGANISATION:
        return signals.filter(organisation_id=user.organisation_id)
    # A care coordinator never sees another professional's unsent draft.
    return signals.filter(
        area_q(user, scope, through=SignalMunicipality, owner_field="signal")
    ).exclude(status=SignalStatus.DRAFT)


def signal_get_for_user(
    *,
    user: Any,
    signal_id: int,
    action: str = Action.SIGNAL_VIEW,
    request: HttpRequest | None = None,
    audit: bool = True,
) -> Signal:
    in_scope = signals_in_scope(user=user, action=action).values("pk")
    signal = (
        Signal.objects.filter(Q(pk__in=in_scope) | Q(reporter=user), pk=signal_id)
        .select_related("organisation", "region", "reporter", "route_version")
        .prefetch_related("places__municipality")
        .first()
    )
    if signal is None:
        raise NotFoundOrForbidden()
    if audit:
        with transaction.atomic():
            audit_record(
                actor=user,
                action="signal.view",
                subject_type="signal",
                subject_id=signal.pk,
                request=request,
            )
    return signal


def signal_list_for_user(*, user: Any, request: HttpRequest | None = None) -> list[Signal]:
    """The professional's own signals (drafts included)."""
    if scope_for(user, Action.SIGNAL_VIEW) is None:
        raise NotFoundOrForbidden()
    signals = list(
        Signal.objects.filter(reporter=user)
        .select_related("region")
        .prefetch_related("places__municipality")
        .order_by("-updated_at")[:200]
    )
    with transaction.atomic():
        audit_record(
            actor=user,
            action="signal.list_own",
            subject_type="signal",
            request=request,
            details={"count": len(signals)},
        )
    return signals


# Not reported to Veilig Thuis although the afwegingskader required it.
_DEVIATION = Q(report_required=True, reported_to_veilig_thuis=False)


@dataclass(frozen=True)
class QueueCounts:
    new: int
    acute: int
    override: int
    total: int


def signal_queue_for_user(
    *, user: Any, only: str = "", request: HttpRequest | None = None
) -> tuple[list[Signal], QueueCounts]:
    """The care coordinator's queue of sent signals in the region, newest first."""
    signals = signals_in_scope(user=user, action=Action.SIGNAL_QUEUE)
    counts = signals.aggregate(
        total=Count("id", distinct=True),
        new=Count("id", filter=Q(status=SignalStatus.SUBMITTED), distinct=True),
        acute=Count("id", filter=Q(acute_danger=True), distinct=True),
        override=Count("id", filter=_DEVIATION, distinct=True),
    )
    if only == "acuut":
        signals = signals.filter(acute_danger=True)
    elif only == "afwijking":
        signals = signals.filter(_DEVIATION)
    elif only == "nieuw":
        signals = signals.filter(status=SignalStatus.SUBMITTED)
    rows = list(
        signals.select_related("organisation", "region")
        .prefetch_related("places__municipality")
        .order_by("-submitted_at")[:500]
    )
    with transaction.atomic():
        audit_record(
            actor=user,
            action="signal.queue",
            subject_type="signal",
            request=request,
            details={"count": len(rows), "filter": only, "shown": [s.pk for s in rows]},
        )
    return rows, QueueCounts(**counts)


def indicator_groups() -> list[dict[str, Any]]:
    """Active signal-list items grouped by category, in order."""
    groups: dict[str, dict[str, Any]] = {}
    for indicator in Indicator.objects.filter(active=True).order_by("order"):
        group = groups.setdefault(
            indicator.category_code,
            {
                "code": indicator.category_code,
                "label": indicator.category_label,
                "kind": indicator.kind,
                "exploitation": indicator.exploitation,
                "items": [],
            },
        )
        group["items"].append(indicator)
    return list(groups.values())


@lru_cache(maxsize=1)
def meldcode() -> Meldcode:
    return load_meldcode(MELDCODE_PATH.read_text(encoding="utf-8"))


def meldcode_for_signal(signal: Signal) -> Framework:
    code = signal.meldcode_framework
    if code and code in meldcode().frameworks:
        return meldcode().frameworks[code]
    return meldcode().framework_for(signal.organisation.kind)


def signal_in_audit_scope(officer: Any, signal_id: int) -> bool:
    """Whether a privacy officer oversees this signal (region or a place in their area)."""
    scope = scope_for(officer, Action.AUDIT_VIEW)
    if scope is None:
        return False
    return Signal.objects.filter(
        area_q(officer, scope, through=SignalMunicipality, owner_field="signal"), pk=signal_id
    ).exists()


def sent_signal_residences(
    *, municipality_ids: Collection[int], start: date, end: date
) -> QuerySet[SignalMunicipality]:
    """The municipalities of residence of the signals sent from ``start`` to ``end`` (days in
    local time, both included), for counting only: one row per signal and municipality."""
    tz = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=tz)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    return SignalMunicipality.objects.filter(
        municipality_id__in=list(municipality_ids),
        role=MunicipalityRole.RESIDENCE,
        signal__submitted_at__gte=since,
        signal__submitted_at__lt=until,
    ).exclude(signal__status=SignalStatus.DRAFT)


SIGNAL_BREAKDOWNS = (
    "exploitation",
    "age_band",
    "organisation_kind",
    "online",
    "gender",
    "district",
    "vulnerable_group",
)
# The value of "vulnerable_group" for a signal without any vulnerability ticked.
NO_VULNERABILITY = "geen"


@lru_cache(maxsize=1)
def _default_vulnerability_categories() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(category code, label, item codes) of the vulnerability categories of the committed
    signal list, in its order."""
    data = yaml.safe_load(INDICATORS_PATH.read_text(encoding="utf-8"))
    return tuple(
        (c["code"], c["label"], tuple(item["code"] for item in c["items"]))
        for c in data["categories"]
        if c["kind"] == IndicatorKind.VULNERABILITY
    )


def vulnerability_groups() -> list[tuple[str, str]]:
    """(category code, label) of the vulnerable groups the monitor counts, in a fixed order:
    the vulnerability categories of the committed signal list (their codes never change)."""
    return [(code, label) for code, label, _items in _default_vulnerability_categories()]


def vulnerability_category_of() -> dict[str, str]:
    """Signal-list item code -> vulnerability category, including items the functioneel
    beheerder added to one of those categories."""
    categories = {code for code, _label in vulnerability_groups()}
    out = {
        item: code for code, _label, items in _default_vulnerability_categories() for item in items
    }
    out.update(
        Indicator.objects.filter(
            kind=IndicatorKind.VULNERABILITY, category_code__in=categories
        ).values_list("code", "category_code")
    )
    return out


def signal_breakdown_counts(
    *,
    municipality_ids: Collection[int],
    start: date,
    end: date,
    breakdowns: Collection[str | None],
) -> dict[str | None, Counter[tuple[int, str, date]]]:
    """Counts of sent signals per municipality of residence and month, for the monitor, per
    breakdown in ``breakdowns`` (one of ``SIGNAL_BREAKDOWNS``, or None for the total, with ""
    as value): {breakdown: (municipality id, value, first day of the month sent) -> count}, in
    one pass over the signals. A signal with two forms of exploitation counts once under each.
    Counts only: nothing about a young person leaves this function. ``start``/``end`` are days
    in local time, both included."""
    from schakel.monitor.domain.indicators import UNKNOWN, age_band

    for by in breakdowns:
        if by is not None and by not in SIGNAL_BREAKDOWNS:
            raise ValueError(f"Unknown breakdown {by!r}")
    category_of = vulnerability_category_of() if "vulnerable_group" in breakdowns else {}
    rows = (
        sent_signal_residences(municipality_ids=municipality_ids, start=start, end=end)
        .values_list(
            "signal_id",  # one row per signal and municipality, however alike two signals are
            "municipality_id",
            "signal__exploitation_types",
            "signal__age",
            "signal__date_of_birth",
            "signal__submitted_at",
            "signal__organisation__kind",
            "signal__online",
            "signal__gender",
            "signal__district__code",
            "signal__indicator_codes",
        )
        .distinct()
    )
    counts: dict[str | None, Counter[tuple[int, str, date]]] = {by: Counter() for by in breakdowns}
    for (
        _signal_id,
        municipality_id,
        types,
        age,
        born,
        sent,
        kind,
        online,
        gender,
        district,
        indicator_codes,
    ) in rows.iterator(chunk_size=5000):
        sent_on = timezone.localtime(sent).date()
        month = sent_on.replace(day=1)
        for by, counter in counts.items():
            if by is None:
                values = [""]
            elif by == "exploitation":
                values = list(dict.fromkeys(types or [])) or [UNKNOWN]
            elif by == "age_band":
                values = [age_band(age_on(born, sent_on) if born is not None else age)]
            elif by == "organisation_kind":
                values = [kind or UNKNOWN]
            elif by == "online":
                values = [UNKNOWN if online is None else ("ja" if online else "nee")]
            elif by == "gender":
                values = [gender or UNKNOWN]
            elif by == "district":
                values = [district or UNKNOWN]
            else:  # vulnerable_group: every group ticked, each once (not additive)
                groups = (category_of.get(code) for code in indicator_codes or [])
                values = list(dict.fromkeys(g for g in groups if g)) or [NO_VULNERABILITY]
            for value in values:
                counter[(municipality_id, value, month)] += 1
    return counts
