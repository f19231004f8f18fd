"""Access-checked reads of cases (audited) and the care coordinator's work queue.

Who reaches a case, and how (``Via``): the care coordinator of the region (everything), a
member of the case team (the sections granted, until the end date), or a care coordinator
of another region with emergency access (24 hours, reviewed by the privacy officer).
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat, Lower
from django.http import HttpRequest
from django.utils import timezone

from schakel.accounts.constants import Role, Scope
from schakel.accounts.models import User
from schakel.accounts.policy import Action, scope_for
from schakel.accounts.scoping import area_q, municipality_ids_in_scope
from schakel.audit.services import audit_record
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.intake.constants import SignalStatus
from schakel.intake.selectors import (
    NO_VULNERABILITY,
    sent_signal_residences,
    signals_in_scope,
    vulnerability_category_of,
)
from schakel.monitor.domain.indicators import NOT_YET, UNKNOWN, age_band, day_band, quarter_end

from .constants import CaseRoleKind
from .domain.access import Membership, Section, Via, parse_sections, visible_sections
from .domain.closing import CaseStatus
from .domain.continuity import (
    TRANSITION_PLAN_FROM,
    age_on,
    plan_is_complete,
    transition_plan_due,
)
from .domain.continuity import TransitionPlan as PlanSpec
from .domain.missing import MissingEpisode as EpisodeSpec
from .domain.queue import (
    OpenAction,
    QueueCase,
    QueueItem,
    QueueKind,
    QueueReferral,
    QueueSettings,
    Severity,
    sort_queue,
    work_queue,
)
from .domain.referrals import DEFAULT_OVERDUE_DAYS, ReferralStatus
from .domain.timeline import Entry, timeline
from .models import (
    Case,
    CaseAction,
    CaseMember,
    CaseRole,
    CaseSignal,
    Decision,
    EmergencyAccess,
    MissingEpisode,
    QueueEntry,
    Referral,
    ReferralEvent,
    TransitionPlan,
)

# A sent signal not yet in a case shows in the work queue for this many days.
NEW_SIGNAL_DAYS = 30
# The work queue shows at most this many new signals (the count says how many there are).
NEW_SIGNAL_LIMIT = 100


def _region_q(user: Any, scope: Scope) -> Q:
    """Cases of the user's regions, or naming a municipality in the user's area."""
    return area_q(user, scope, through=Case.municipalities.through, owner_field="case")


def _active_memberships(user: Any, today: date) -> QuerySet[CaseMember]:
    return CaseMember.objects.filter(user=user, ended_at__isnull=True, until__gte=today)


def cases_in_scope(*, user: Any, action: str = Action.CASE_VIEW) -> QuerySet[Case]:
    """The cases the user reaches through their role (emergency access not included)."""
    scope = scope_for(user, action)
    if scope is None:
        raise NotFoundOrForbidden()
    if scope == Scope.TEAM:
        memberships = _active_memberships(user, timezone.localdate())
        return Case.objects.filter(pk__in=memberships.values("case_id"))
    if scope == Scope.REGION:
        return Case.objects.filter(_region_q(user, scope))
    return Case.objects.none()


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    via: Via
    sections: frozenset[Section]
    emergency: EmergencyAccess | None = None

    def sees(self, section: str) -> bool:
        return Section(section) in self.sections


def _emergency_for(user: Any, case_id: int, now: datetime) -> EmergencyAccess | None:
    if scope_for(user, Action.CASE_EMERGENCY) is None:
        return None
    return (
        EmergencyAccess.objects.filter(user=user, case_id=case_id, expires_at__gt=now)
        .order_by("-granted_at")
        .first()
    )


def case_access_for_user(
    *, user: Any, case_id: int, request: HttpRequest | None = None, audit: bool = True
) -> CaseAccess:
    """The case with what this reader may see of it; every read is audited with the way in."""
    today = timezone.localdate()
    scope = scope_for(user, Action.CASE_VIEW)
    if scope is None:
        raise NotFoundOrForbidden()
    case = cases_in_scope(user=user).filter(pk=case_id).select_related("region", "owner").first()
    emergency = None
    membership = None
    if case is not None and scope == Scope.TEAM:
        via = Via.TEAM
        member = _active_memberships(user, today).filter(case_id=case_id).first()
        if member is not None:
            membership = Membership(parse_sections(member.sections), member.until)
    elif case is not None:
        via = Via.COORDINATOR
    else:
        emergency = _emergency_for(user, case_id, timezone.now())
        if emergency is None:
            raise NotFoundOrForbidden()
        via = Via.EMERGENCY
        case = Case.objects.select_related("region", "owner").get(pk=case_id)
    sections = visible_sections(via=via, membership=membership, today=today)
    if audit:
        details: dict[str, Any] = {"via": via.value, "sections": sorted(sections)}
        if emergency is not None:
            details["emergency"] = emergency.pk
        _audit_view(user, case.pk, request, details)
    return CaseAccess(case=case, via=via, sections=sections, emergency=emergency)


def case_get_for_user(
    *,
    user: Any,
    case_id: int,
    action: str = Action.CASE_VIEW,
    request: HttpRequest | None = None,
    audit: bool = True,
) -> Case:
    """A case the user reaches through their role for ``action`` (used by the services)."""
    case = (
        cases_in_scope(user=user, action=action)
        .filter(pk=case_id)
        .select_related("region", "owner")
        .first()
    )
    if case is None:
        raise NotFoundOrForbidden()
    if audit:
        _audit_view(user, case.pk, request)
    return case


def _audit_view(
    user: Any, case_id: int, request: HttpRequest | None, details: dict[str, Any] | None = None
) -> None:
    with transaction.atomic():
        audit_record(
            actor=user,
            action="case.view",
            subject_type="case",
            subject_id=case_id,
            request=request,
            details=details,
        )


def case_list_for_member(*, user: Any, request: HttpRequest | None = None) -> list[CaseMember]:
    """A team member's active memberships, with the case (names only; no sections)."""
    if scope_for(user, Action.CASE_VIEW) != Scope.TEAM:
        raise NotFoundOrForbidden()
    members = list(
        _active_memberships(user, timezone.localdate())
        .select_related("case", "case__owner")
        .order_by("until")
    )
    with transaction.atomic():
        audit_record(
            actor=user,
            action="case.list",
            subject_type="case",
            request=request,
            details={"shown": sorted(m.case_id for m in members)},
        )
    return members


def plan_spec(plan: TransitionPlan | None) -> PlanSpec | None:
    if plan is None:
        return None
    return PlanSpec(
        who_takes_over=plan.who_takes_over,
        adult_care_arranged=plan.adult_care_arranged,
        consent_asked_again=plan.consent_asked_again,
        consent_given=plan.consent_given,
        agreed_on=plan.agreed_on,
    )


def queue_settings() -> QueueSettings:
    return QueueSettings(
        missing_threshold=settings.SCHAKEL_REPEATED_MISSING_THRESHOLD,
        missing_window_days=settings.SCHAKEL_REPEATED_MISSING_WINDOW_DAYS,
    )


def _name(given: str, tussenvoegsel: str, surname: str, fallback: str) -> str:
    return " ".join(part for part in (given, tussenvoegsel, surname) if part) or fallback


def _queue_candidates(cases: QuerySet[Case], today: date, now: datetime) -> QuerySet[Case]:
    """Open cases that may have something in the queue; the pure rule decides what exactly.

    A cheap pre-filter in SQL, so the queue does not load every open case of the region. Each
    condition is wider than (or equal to) the rule it stands for.
    """
    conf = queue_settings()
    window_start = now - timedelta(days=conf.missing_window_days)
    years, months = TRANSITION_PLAN_FROM
    # Everyone born after this day is younger than 17 years and 6 months (a few days wider).
    total = today.year * 12 + today.month - 1 - (years * 12 + months)
    born_before = date(total // 12, total % 12 + 1, 1) + timedelta(days=35)
    shortest_limit = min(DEFAULT_OVERDUE_DAYS.values())
    episodes = MissingEpisode.objects.filter(case=OuterRef("pk")).filter(
        Q(end__isnull=True) | Q(start__gte=window_start)
    )
    referrals = Referral.objects.filter(
        case=OuterRef("pk"),
        status__in=[s.value for s in DEFAULT_OVERDUE_DAYS],
        status_since__lt=today - timedelta(days=shortest_limit),
    )
    actions = CaseAction.objects.filter(case=OuterRef("pk"), done_at__isnull=True, due__lt=today)
    return cases.filter(status=CaseStatus.OPEN.value).filter(
        Exists(episodes) | Exists(referrals) | Exists(actions) | Q(date_of_birth__lte=born_before)
    )


def queue_items_for_cases(cases: QuerySet[Case], today: date, now: datetime) -> list[QueueItem]:
    """The queue items of these cases, by the pure rule (no access check: callers do that).

    Five queries, however many cases.
    """
    candidates = list(
        _queue_candidates(cases, today, now)
        .select_related("transition_plan")
        .only(
            "pk",
            "given_names",
            "tussenvoegsel",
            "surname",
            "date_of_birth",
            *(
                f"transition_plan__{f}"
                for f in (
                    "id",
                    "who_takes_over",
                    "adult_care_arranged",
                    "consent_asked_again",
                    "consent_given",
                    "agreed_on",
                )
            ),
        )
    )
    ids = [case.pk for case in candidates]
    episodes: dict[int, list[EpisodeSpec]] = {}
    for case_id, start, end in MissingEpisode.objects.filter(case_id__in=ids).values_list(
        "case_id", "start", "end"
    ):
        episodes.setdefault(case_id, []).append(EpisodeSpec(start=start, end=end))
    referrals: dict[int, list[QueueReferral]] = {}
    for pk, case_id, to_name, status, since in Referral.objects.filter(
        case_id__in=ids, status__in=[s.value for s in DEFAULT_OVERDUE_DAYS]
    ).values_list("pk", "case_id", "to_name", "status", "status_since"):
        referrals.setdefault(case_id, []).append(
            QueueReferral(id=pk, to=to_name, status=ReferralStatus(status), since=since)
        )
    actions: dict[int, list[OpenAction]] = {}
    for pk, case_id, title, due in CaseAction.objects.filter(
        case_id__in=ids, done_at__isnull=True
    ).values_list("pk", "case_id", "title", "due"):
        actions.setdefault(case_id, []).append(OpenAction(id=pk, title=title, due=due))
    queue_cases = [
        QueueCase(
            id=case.pk,
            name_display=_name(
                case.given_names, case.tussenvoegsel, case.surname, f"Casus {case.pk}"
            ),
            date_of_birth=case.date_of_birth,
            has_complete_transition_plan=plan_is_complete(
                plan_spec(getattr(case, "transition_plan", None))
            ),
            missing_episodes=tuple(episodes.get(case.pk, ())),
            referrals=tuple(referrals.get(case.pk, ())),
            open_actions=tuple(actions.get(case.pk, ())),
        )
        for case in candidates
    ]
    return work_queue(queue_cases, today, now, settings=queue_settings())


def stale_queue_cases(*, user: Any, today: date) -> QuerySet[Case]:
    """Open cases in the user's area whose queue entries were not computed for today."""
    stale = Q(queue_computed_for__lt=today)
    # Usually none anywhere (the nightly refresh ran): one look along an index first.
    # (Ordered by that column, so PostgreSQL walks the partial index instead of the table.)
    first = (
        Case.objects.filter(stale, status=CaseStatus.OPEN.value)
        .order_by("queue_computed_for")
        .values_list("pk", flat=True)
        .first()
    )
    if first is None:
        return Case.objects.none()
    return (
        cases_in_scope(user=user, action=Action.CASE_MANAGE)
        .filter(status=CaseStatus.OPEN.value)
        .filter(stale)
    )


# The page's order. Ties are broken by case number, so that the two common orders can be read
# along the index on (region, severity, due) without joining every case for its name.
QUEUE_ORDER = {
    "severity": ("-severity", F("due").asc(nulls_last=True), "case_id", "kind_order"),
    "due": (F("due").asc(nulls_last=True), "-severity", "case_id", "kind_order"),
    "name": ("name", "-severity", F("due").asc(nulls_last=True), "case_id", "kind_order"),
}


class _Counted:
    """A queryset whose count is already known (from the counts per kind): no COUNT query."""

    def __init__(self, queryset: QuerySet[Any], count: int) -> None:
        self.queryset = queryset
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        return self.queryset[index]


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    page: Any  # django Page, for the links
    counts: dict[QueueKind, int]
    total: int
    new_signals: list[QueueItem]
    new_signals_total: int  # NEW_SIGNAL_LIMIT + 1 means "more than the limit"


def case_queue_page(
    *,
    user: Any,
    today: date,
    kind: str = "",
    sort: str = "severity",
    page_number: object = 1,
    page_size: int = 50,
    request: HttpRequest | None = None,
) -> QueuePage:
    """One page of the work queue from the stored entries (refresh stale cases first)."""
    # Entries exist only for open cases (closing a case removes them). The area check is the
    # same as for cases, on the region copied onto the entry.
    scope = scope_for(user, Action.CASE_MANAGE)
    if scope is None:
        raise NotFoundOrForbidden()
    through = Case.municipalities.through
    places = through.objects.filter(
        case_id=OuterRef("case_id"), municipality_id__in=municipality_ids_in_scope(user, scope)
    )
    regions = list(user.regions.values_list("id", flat=True)) if scope == Scope.REGION else []
    entries = QueueEntry.objects.filter(
        Q(region_id__in=regions) | Q(Exists(places)), computed_for=today
    )
    counts = dict.fromkeys(QueueKind, 0)
    for code, count in entries.values_list("kind").annotate(n=Count("pk")).order_by():
        counts[QueueKind(code)] = count
    new_items, new_total = _new_signal_items(user, today)
    counts[QueueKind.NEW_SIGNAL] = min(new_total, NEW_SIGNAL_LIMIT)
    shown = entries.filter(kind=kind) if kind in {k.value for k in QueueKind} else entries
    if sort == "name":
        shown = shown.annotate(name=Lower(Concat("case__given_names", Value(" "), "case__surname")))
    ordered = shown.order_by(*QUEUE_ORDER.get(sort, QUEUE_ORDER["severity"]), "ref", "label")
    total_shown = (
        counts[QueueKind(kind)]
        if kind
        else sum(n for k, n in counts.items() if k != QueueKind.NEW_SIGNAL)
    )
    page = Paginator(_Counted(ordered, total_shown), page_size).get_page(page_number)
    entries_shown = list(page.object_list)
    names = {
        pk: _name(given, tv, surname, f"Casus {pk}")
        for pk, given, tv, surname in Case.objects.filter(
            pk__in={entry.case_id for entry in entries_shown}
        ).values_list("pk", "given_names", "tussenvoegsel", "surname")
    }
    items = [
        QueueItem(
            case_id=entry.case_id,
            kind=QueueKind(entry.kind),
            label=entry.label,
            due=entry.due,
            severity=Severity(entry.severity),
            name_display=names.get(entry.case_id, f"Casus {entry.case_id}"),
            ref=entry.ref or None,
        )
        for entry in entries_shown
    ]
    show_signals = kind in ("", QueueKind.NEW_SIGNAL.value)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="case.queue",
            subject_type="case",
            request=request,
            details={
                "shown": sorted({item.case_id for item in items}),
                "signals": sorted(int(i.ref) for i in new_items if i.ref) if show_signals else [],
            },
        )
    return QueuePage(
        items=items,
        page=page,
        counts=counts,
        total=sum(counts.values()),
        new_signals=new_items if show_signals else [],
        new_signals_total=new_total,
    )


def case_queue_for_user(
    *, user: Any, today: date, now: datetime, request: HttpRequest | None = None
) -> tuple[list[QueueItem], int]:
    """The whole work queue computed now, and the number of new signals not yet in a case
    (for tests and scripts; the page reads the stored entries with ``case_queue_page``)."""
    items = queue_items_for_cases(cases_in_scope(user=user, action=Action.CASE_MANAGE), today, now)
    new_items, new_total = _new_signal_items(user, today)
    items = sort_queue(items + new_items)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="case.queue",
            subject_type="case",
            request=request,
            details={
                "shown": sorted({item.case_id for item in items if item.case_id}),
                "signals": sorted(int(item.ref) for item in new_items if item.ref),
            },
        )
    return items, new_total


def _new_signal_items(user: Any, today: date) -> tuple[list[QueueItem], int]:
    """Sent signals of the region from the last days that are not (or no longer) in a case,
    newest first, at most NEW_SIGNAL_LIMIT; the number is capped at NEW_SIGNAL_LIMIT + 1."""
    in_case = CaseSignal.objects.filter(signal=OuterRef("pk"), detached_at__isnull=True)
    since = timezone.now() - timedelta(days=NEW_SIGNAL_DAYS)
    signals = (
        signals_in_scope(user=user, action=Action.SIGNAL_QUEUE)
        .filter(status=SignalStatus.SUBMITTED, submitted_at__gte=since)
        .exclude(Exists(in_case))
        .order_by("-submitted_at")
    )
    rows = list(
        signals.values_list(
            "pk", "given_names", "tussenvoegsel", "surname", "is_anonymous", "submitted_at"
        )[: NEW_SIGNAL_LIMIT + 1]
    )
    total = len(rows)  # NEW_SIGNAL_LIMIT + 1 means: more than the limit (no slow count)
    items = [
        QueueItem(
            case_id=0,
            kind=QueueKind.NEW_SIGNAL,
            label="Nieuw signaal, nog niet bij een casus",
            due=timezone.localtime(submitted).date(),
            severity=Severity.HIGH,
            name_display=(
                "Anoniem overleg" if anonymous else _name(given, tv, surname, f"Signaal {pk}")
            ),
            ref=pk,
        )
        for pk, given, tv, surname, anonymous, submitted in rows[:NEW_SIGNAL_LIMIT]
    ]
    return items, total


def emergency_accesses_for_review(
    *, user: Any, request: HttpRequest | None = None
) -> list[EmergencyAccess]:
    """Emergency accesses to cases of the privacy officer's region, unreviewed first."""
    scope = scope_for(user, Action.CASE_EMERGENCY_REVIEW)
    if scope is None:
        raise NotFoundOrForbidden()
    region_cases = Case.objects.filter(_region_q(user, scope)).values("pk")
    rows = list(
        EmergencyAccess.objects.filter(case_id__in=region_cases)
        .select_related("user", "user__organisation", "reviewed_by", "case__region")
        .order_by("reviewed_at", "-granted_at")[:500]
    )
    rows.sort(key=lambda row: (row.reviewed_at is not None, -row.granted_at.timestamp()))
    with transaction.atomic():
        audit_record(
            actor=user,
            action="case.emergency_list",
            subject_type="case",
            request=request,
            details={"shown": [row.pk for row in rows]},
        )
    return rows


def emergency_access_get_for_review(*, user: Any, access_id: int) -> EmergencyAccess:
    scope = scope_for(user, Action.CASE_EMERGENCY_REVIEW)
    if scope is None:
        raise NotFoundOrForbidden()
    region_cases = Case.objects.filter(_region_q(user, scope)).values("pk")
    access = EmergencyAccess.objects.filter(pk=access_id, case_id__in=region_cases).first()
    if access is None:
        raise NotFoundOrForbidden()
    return access


def emergency_unreviewed_count(*, user: Any) -> int:
    scope = scope_for(user, Action.CASE_EMERGENCY_REVIEW)
    if scope is None:
        return 0
    region_cases = Case.objects.filter(_region_q(user, scope)).values("pk")
    return EmergencyAccess.objects.filter(
        case_id__in=region_cases, reviewed_at__isnull=True
    ).count()


def case_in_region_of(user: Any, case_id: int) -> bool:
    """For the privacy officer's access report: is the case in their area?"""
    scope = scope_for(user, Action.AUDIT_VIEW)
    if scope is None:
        return False
    return Case.objects.filter(_region_q(user, scope), pk=case_id).exists()


def case_sections_data(access: CaseAccess) -> dict[str, Any]:
    """The rows of each section the reader may see (and only those); a fixed number of queries."""
    case = access.case
    data: dict[str, Any] = {
        "status_changes": list(case.status_changes.select_related("by")),
    }
    if access.sees(Section.SIGNALS):
        data["signals"] = list(
            case.case_signals.select_related(
                "signal", "signal__organisation", "attached_by", "detached_by"
            ).order_by("attached_at")
        )
    if access.sees(Section.ROLES):
        data["roles"] = list(case.roles.all())
        data["municipalities"] = list(case.municipalities.order_by("name"))
    if access.sees(Section.DECISIONS):
        data["decisions"] = list(case.decisions.select_related("decided_by"))
        data["actions"] = list(case.actions.select_related("done_by"))
    if access.sees(Section.REFERRALS):
        data["referrals"] = list(case.referrals.prefetch_related("events"))
    if access.sees(Section.MISSING):
        data["episodes"] = list(case.missing_episodes.all())
    if access.sees(Section.CONTINUITY):
        data["plan"] = TransitionPlan.objects.filter(case=case).first()
        data["aftercare"] = list(case.aftercare.all())
    return data


def case_team(*, case: Case) -> list[CaseMember]:
    """The team of a case the caller already reached as its care coordinator."""
    return list(
        case.members.select_related("user", "user__organisation", "added_by").order_by(
            "ended_at", "until"
        )
    )


def team_candidates(*, case: Case) -> list[Any]:
    """Professionals who work in the case's region or municipalities."""
    municipalities = case.municipalities.values("pk")
    return list(
        User.objects.filter(role=Role.PROFESSIONAL, is_active=True)
        .filter(Q(regions=case.region_id) | Q(municipalities__in=municipalities))
        .select_related("organisation")
        .distinct()
        .order_by("organisation__name", "first_name", "last_name")
    )


def case_timeline(access: CaseAccess, data: dict[str, Any]) -> list[Entry]:
    """Everything that happened in the case, from the sections the reader may see."""

    def day(value: date) -> datetime:
        return timezone.make_aware(datetime.combine(value, time(12, 0)))

    entries: list[Entry] = []
    status_titles = {"open": "Casus geopend", "closed": "Casus afgesloten"}
    for index, change in enumerate(data["status_changes"]):
        title = status_titles.get(change.status, change.status)
        if change.status == "open" and index > 0:
            title = "Casus heropend"
        entries.append(
            Entry(change.at, None, f"status.{change.status}", title, change.note, _who(change.by))
        )
    for link in data.get("signals", ()):
        signal = link.signal
        when = signal.submitted_at or link.attached_at
        entries.append(
            Entry(
                when,
                Section.SIGNALS,
                "signal",
                f"Signaal {signal.pk} van {signal.organisation.name}",
                signal.reporter_function,
            )
        )
        entries.append(
            Entry(
                link.attached_at,
                Section.SIGNALS,
                "signal.attach",
                f"Signaal {signal.pk} gekoppeld",
                link.reason,
                _who(link.attached_by),
            )
        )
        if link.detached_at:
            entries.append(
                Entry(
                    link.detached_at,
                    Section.SIGNALS,
                    "signal.detach",
                    f"Signaal {signal.pk} losgekoppeld",
                    link.detach_reason,
                    _who(link.detached_by),
                )
            )
    for role in data.get("roles", ()):
        label = role.get_role_display()
        entries.append(Entry(day(role.since), Section.ROLES, "role", f"Rol: {label}", role.note))
        if role.until:
            entries.append(
                Entry(day(role.until), Section.ROLES, "role.end", f"Rol beëindigd: {label}")
            )
    for decision in data.get("decisions", ()):
        entries.append(
            Entry(
                decision.decided_at,
                Section.DECISIONS,
                "decision",
                f"Besluit: {decision.what}",
                decision.why,
                _who(decision.decided_by),
            )
        )
    for action in data.get("actions", ()):
        if action.done_at:
            entries.append(
                Entry(
                    action.done_at,
                    Section.DECISIONS,
                    "action.done",
                    f"Actie afgerond: {action.title}",
                    "",
                    _who(action.done_by),
                )
            )
    for referral in data.get("referrals", ()):
        for event in referral.events.all():
            entries.append(
                Entry(
                    day(event.on),
                    Section.REFERRALS,
                    f"referral.{event.status}",
                    f"Verwijzing naar {referral.to_name}: {event.get_status_display()}",
                    event.note,
                )
            )
    for episode in data.get("episodes", ()):
        entries.append(
            Entry(
                episode.start,
                Section.MISSING,
                "missing.start",
                "Vermist",
                episode.reported_by and f"Gemeld door {episode.reported_by}",
            )
        )
        if episode.end:
            entries.append(
                Entry(
                    episode.end,
                    Section.MISSING,
                    "missing.end",
                    "Teruggevonden",
                    episode.found_where,
                )
            )
    plan = data.get("plan")
    if plan is not None and plan.agreed_on:
        entries.append(
            Entry(
                day(plan.agreed_on),
                Section.CONTINUITY,
                "plan",
                "Plan voor na het 18e jaar afgesproken",
                plan.who_takes_over,
            )
        )
    for care in data.get("aftercare", ()):
        entries.append(
            Entry(
                care.agreed_at,
                Section.CONTINUITY,
                "aftercare",
                f"Nazorg door {care.who} tot {care.until:%d-%m-%Y}",
                care.what,
            )
        )
    return timeline(entries, access.sections)


def _who(user: Any) -> str:
    return user.display_name if user is not None else ""


def transition_counts(*, municipality_id: int, today: date) -> tuple[int, int]:
    """(due, complete): open cases involving the municipality whose young person is 17½ or
    older (a plan for after 18 is due), and how many of them have a complete plan. Counts
    only, for the policy scan; no names leave this function."""
    years, months = TRANSITION_PLAN_FROM
    # A safe bound in SQL (a few days too wide), the exact rule in Python.
    born_by = today - timedelta(days=years * 365 + months * 30 - 10)
    cases = (
        Case.objects.filter(
            municipalities__id=municipality_id,
            status=CaseStatus.OPEN.value,
            date_of_birth__lte=born_by,
        )
        .select_related("transition_plan")
        .only("date_of_birth", "transition_plan")
        .distinct()
    )
    due = complete = 0
    for case in cases:
        assert case.date_of_birth is not None  # noqa: S101 - filtered above
        if transition_plan_due(case.date_of_birth, today):
            due += 1
            complete += plan_is_complete(plan_spec(getattr(case, "transition_plan", None)))
    return due, complete


# The monitor's case indicators (monitor/data/indicators.yaml): counts per municipality, never
# a name. A case that involves two municipalities counts in both.
CASE_INDICATORS = (
    "casussen_nieuw",
    "slachtoffer_en_dader",
    "herhaald_vermist",
    "stem_van_het_kind",
    "verwijzingen_wachtend",
    "tijd_tot_verwijzing",
    "overgangsplan",
)
WAITING_STATUSES = (ReferralStatus.SENT.value, ReferralStatus.WAITING_LIST.value)


# Breakdowns a case indicator can be counted by, besides the one its value carries.
CASE_BREAKDOWN_CHOICES = frozenset(
    ("casussen_nieuw", by)
    for by in ("exploitation", "age_band", "gender", "district", "vulnerable_group")
)


# Indicators that count a state at a moment (the end of a period), not events in it.
STOCK_INDICATORS = frozenset({"slachtoffer_en_dader", "verwijzingen_wachtend", "overgangsplan"})


def case_counts(
    code: str,
    *,
    municipality_ids: Sequence[int],
    start: date,
    end: date,
    by: str | None = None,
) -> Counter[tuple[int, str, date]]:
    """(municipality id, breakdown value, month) -> count for one case indicator. For events
    (new cases, missing episodes, decisions) the month is the first day of the month of the
    event, over the days ``start`` to ``end`` (both included, local time); for a state
    (STOCK_INDICATORS: open cases with both roles, referrals waiting) it is ``end``, the
    moment counted. The breakdown value is "" except for stem_van_het_kind ("gehoord" /
    "niet gehoord"), tijd_tot_verwijzing (a band of days, see
    monitor/domain/indicators.py DAY_BANDS) and overgangsplan ("volledig" / "niet volledig").

    New cases can also be counted ``by`` "exploitation" (each form of the case, or
    "onbekend"; a case with two forms counts under both), "age_band" (the young person's age
    on the day the case was opened), and from what its signals say: "gender" (the first
    filled in), "district" (per municipality, the first district of residence there) and
    "vulnerable_group" (every group ticked in any of its signals, or "geen").
    """
    tz = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=tz)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    places = Case.municipalities.through.objects.filter(municipality_id__in=list(municipality_ids))
    in_area = Case.objects.filter(id__in=places.values("case_id"))
    # (case id, breakdown value, month), one per thing counted
    found: list[tuple[int, str, date]] = []
    district_in: dict[tuple[int, int], str] = {}  # (case, municipality) -> WK code

    def month(moment: datetime) -> date:
        return timezone.localtime(moment).date().replace(day=1)

    if by is not None and (code, by) not in CASE_BREAKDOWN_CHOICES:
        raise ValueError(f"Unknown breakdown {by!r} of {code!r}")
    if code == "casussen_nieuw":
        new_cases = in_area.filter(created_at__gte=since, created_at__lt=until).values_list(
            "id", "created_at", "exploitation_types", "date_of_birth"
        )
        from_signals = (
            _what_the_signals_say(new_cases.values("id"))
            if by in ("gender", "district", "vulnerable_group")
            else {}
        )
        for pk, at, types, born in new_cases:
            said = from_signals.get(pk, SignalFacts())
            if by == "exploitation":
                values = list(dict.fromkeys(types or [])) or [UNKNOWN]
            elif by == "age_band":
                opened = timezone.localtime(at).date()
                values = [age_band(age_on(born, opened) if born is not None else None)]
            elif by == "gender":
                values = [said.gender or UNKNOWN]
            elif by == "district":
                values = [_PER_MUNICIPALITY]  # the district in each municipality, below
                district_in |= {(pk, m): code for m, code in said.districts.items()}
            elif by == "vulnerable_group":
                values = list(said.groups) or [NO_VULNERABILITY]
            else:
                values = [""]
            found += [(pk, value, month(at)) for value in values]
    elif code == "slachtoffer_en_dader":
        open_at_end = in_area.filter(created_at__lt=until).filter(
            Q(closed_at__isnull=True) | Q(closed_at__gte=until)
        )
        role = CaseRole.objects.filter(case=OuterRef("pk"), since__lte=end)
        both = open_at_end.filter(
            Exists(role.filter(role=CaseRoleKind.VICTIM)),
            Exists(role.filter(role=CaseRoleKind.OFFENDER)),
        )
        found = [(pk, "", end) for pk in both.values_list("id", flat=True)]
    elif code == "herhaald_vermist":
        # An episode that starts within the window after an earlier one of the same young
        # person (as in the work queue): counted once, in the month it starts, so quarters add
        # up to the year.
        window = timedelta(days=settings.SCHAKEL_REPEATED_MISSING_WINDOW_DAYS)
        episodes = MissingEpisode.objects.filter(
            case__in=in_area, start__gte=since - window, start__lt=until
        ).order_by("case_id", "start")
        previous: dict[int, datetime] = {}
        for case_id, moment in episodes.values_list("case_id", "start"):
            before = previous.get(case_id)
            if moment >= since and before is not None and moment - before <= window:
                found.append((case_id, "", month(moment)))
            previous[case_id] = moment
    elif code == "stem_van_het_kind":
        decisions = Decision.objects.filter(
            case__in=in_area, decided_at__gte=since, decided_at__lt=until
        ).values_list("case_id", "child_heard", "decided_at")
        found = [
            (case_id, "gehoord" if heard else "niet gehoord", month(at))
            for case_id, heard, at in decisions
        ]
    elif code == "verwijzingen_wachtend":
        latest: dict[int, tuple[date, int, str, int]] = {}
        events = ReferralEvent.objects.filter(referral__case__in=in_area, on__lte=end)
        for referral_id, case_id, on, event_id, status in events.values_list(
            "referral_id", "referral__case_id", "on", "id", "status"
        ).iterator():
            if referral_id not in latest or (on, event_id) > latest[referral_id][:2]:
                latest[referral_id] = (on, event_id, status, case_id)
        found = [
            (case_id, "", end)
            for _on, _id, status, case_id in latest.values()
            if status in WAITING_STATUSES
        ]
    elif code == "tijd_tot_verwijzing":
        # Referrals made in the period, by the days since the first signal of their case (or
        # the day the case was opened, for a case without a signal).
        referrals = list(
            Referral.objects.filter(
                case__in=in_area, created_at__gte=since, created_at__lt=until
            ).values_list("case_id", "created_at")
        )
        first: dict[int, datetime] = dict(
            Case.objects.filter(id__in={case_id for case_id, _at in referrals}).values_list(
                "id", "created_at"
            )
        )
        links = (
            CaseSignal.objects.filter(
                case_id__in=first.keys(),
                detached_at__isnull=True,
                signal__submitted_at__isnull=False,
            )
            .values("case_id")
            .annotate(first_sent=Min("signal__submitted_at"))
            .values_list("case_id", "first_sent")
        )
        for case_id, first_sent in links:
            first[case_id] = min(first[case_id], first_sent)
        found = [
            (case_id, day_band(_days_between(first[case_id], at)), month(at))
            for case_id, at in referrals
        ]
    elif code == "overgangsplan":
        # Open cases at the end whose young person is then 17½ or older: with a complete plan
        # for after 18 (agreed by then) or not.
        years, months = TRANSITION_PLAN_FROM
        born_by = end - timedelta(days=years * 365 + months * 30 - 10)  # a safe bound in SQL
        open_at_end = (
            in_area.filter(created_at__lt=until, date_of_birth__lte=born_by)
            .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=until))
            .select_related("transition_plan")
            .only("date_of_birth", "transition_plan")
        )
        for case in open_at_end.iterator(chunk_size=2000):
            assert case.date_of_birth is not None  # noqa: S101 - filtered above
            if not transition_plan_due(case.date_of_birth, end):
                continue
            plan = getattr(case, "transition_plan", None)
            spec = plan_spec(plan)
            # Complete, and agreed by the end (the plan has no history of its parts).
            complete = (
                spec is not None
                and spec.agreed_on is not None
                and spec.agreed_on <= end
                and plan_is_complete(spec)
            )
            found.append((case.pk, "volledig" if complete else "niet volledig", end))
    else:
        raise ValueError(f"Unknown case indicator {code!r}")
    where: dict[int, list[int]] = {}
    for case_id, municipality_id in places.filter(
        case_id__in={case_id for case_id, _v, _m in found}
    ).values_list("case_id", "municipality_id"):
        where.setdefault(case_id, []).append(municipality_id)
    counts: Counter[tuple[int, str, date]] = Counter()
    for case_id, value, when in found:
        for municipality_id in where.get(case_id, ()):
            if value == _PER_MUNICIPALITY:
                shown = district_in.get((case_id, municipality_id), UNKNOWN)
                counts[(municipality_id, shown, when)] += 1
            else:
                counts[(municipality_id, value, when)] += 1
    return counts


_PER_MUNICIPALITY = "\x00district"


@dataclass
class SignalFacts:
    """What a case's signals say about its young person, for counting only: the first gender
    filled in, per municipality the first district of residence there, and every vulnerable
    group ticked."""

    gender: str = ""
    districts: dict[int, str] = field(default_factory=dict)
    groups: dict[str, None] = field(default_factory=dict)


def _what_the_signals_say(case_ids: Any) -> dict[int, SignalFacts]:
    category_of = vulnerability_category_of()
    out: dict[int, SignalFacts] = {}
    links = (
        CaseSignal.objects.filter(case_id__in=case_ids, detached_at__isnull=True)
        .order_by("signal__submitted_at", "signal_id")
        .values_list(
            "case_id",
            "signal__gender",
            "signal__district__code",
            "signal__district__municipality_id",
            "signal__indicator_codes",
        )
    )
    for case_id, gender, district, district_municipality, codes in links.iterator(chunk_size=5000):
        facts = out.setdefault(case_id, SignalFacts())
        facts.gender = facts.gender or gender
        if district and district_municipality not in facts.districts:
            facts.districts[district_municipality] = district
        for code in codes or []:
            group = category_of.get(code)
            if group:
                facts.groups[group] = None
    return out


def _days_between(earlier: datetime, later: datetime) -> int:
    """Whole calendar days (local time) from ``earlier`` to ``later``."""
    return (timezone.localtime(later).date() - timezone.localtime(earlier).date()).days


def signal_pickup_counts(
    *, municipality_ids: Sequence[int], start: date, end: date
) -> Counter[tuple[int, str, date]]:
    """The signals' breakdown "pickup_band" (the monitor counts it with the other breakdowns
    of the signals, so that it shares their total): signals sent in the period, per
    municipality of residence and month
    sent, by the days until the signal was first taken into a case; a signal not in a case by
    the end of its quarter counts as "nog niet" (so a quarter, once ended, keeps its
    numbers)."""
    rows = (
        sent_signal_residences(municipality_ids=municipality_ids, start=start, end=end)
        .annotate(
            first_link=Subquery(
                CaseSignal.objects.filter(signal_id=OuterRef("signal_id"))
                .order_by("attached_at")
                .values("attached_at")[:1]
            )
        )
        .values_list("signal_id", "municipality_id", "signal__submitted_at", "first_link")
    )
    counts: Counter[tuple[int, str, date]] = Counter()
    for _signal_id, municipality_id, sent, first_link in rows.iterator(chunk_size=5000):
        sent_on = timezone.localtime(sent).date()
        deadline = quarter_end(sent_on)
        if first_link is None or timezone.localtime(first_link).date() > deadline:
            value = NOT_YET
        else:
            value = day_band(_days_between(sent, first_link))
        counts[(municipality_id, value, sent_on.replace(day=1))] += 1
    return counts
