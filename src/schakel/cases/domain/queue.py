"""The care coordinator's work queue, computed from plain case data.

Each item says what needs attention, for which case, by when, and how urgent. Severity is a
fixed, documented rule per kind (``SEVERITY_RULES``), never a score about the young person.
The same input always gives the same list in the same order.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import Final

from .continuity import TRANSITION_PLAN_FROM, eighteenth_birthday, transition_plan_due
from .missing import (
    REPEATED_MISSING_THRESHOLD,
    REPEATED_MISSING_WINDOW_DAYS,
    MissingEpisode,
    episodes_in_window,
    require_aware,
)
from .referrals import ReferralStatus, reminder_due

CaseId = int | str

# An 18th birthday closer than this makes a missing transition plan more urgent.
EIGHTEEN_SOON_DAYS: Final = 90


class QueueKind(StrEnum):
    MISSING_NOW = "missing_now"
    NEW_SIGNAL = "new_signal"
    OVERDUE_ACTION = "overdue_action"
    REFERRAL_WAITING = "referral_waiting"
    EIGHTEEN_WITHOUT_PLAN = "eighteen_without_plan"
    REPEATED_MISSING = "repeated_missing"

    @property
    def label(self) -> str:
        return QUEUE_KIND_LABELS[self]


QUEUE_KIND_LABELS: Final[Mapping[QueueKind, str]] = {
    QueueKind.MISSING_NOW: "Nu vermist",
    QueueKind.NEW_SIGNAL: "Nieuwe signalen",
    QueueKind.OVERDUE_ACTION: "Acties over tijd",
    QueueKind.REFERRAL_WAITING: "Verwijzingen die wachten",
    QueueKind.EIGHTEEN_WITHOUT_PLAN: "Bijna 18 zonder plan",
    QueueKind.REPEATED_MISSING: "Vaker vermist",
}


class Severity(IntEnum):
    """Higher is more urgent."""

    NORMAL = 1
    HIGH = 2
    URGENT = 3

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self]


SEVERITY_LABELS: Final[Mapping[Severity, str]] = {
    Severity.NORMAL: "Normaal",
    Severity.HIGH: "Hoog",
    Severity.URGENT: "Dringend",
}

SEVERITY_RULES: Final[Mapping[QueueKind, str]] = {
    QueueKind.MISSING_NOW: "Dringend.",
    QueueKind.REPEATED_MISSING: "Dringend als de jongere nu vermist is, anders hoog.",
    QueueKind.NEW_SIGNAL: "Hoog.",
    QueueKind.OVERDUE_ACTION: "Hoog.",
    QueueKind.EIGHTEEN_WITHOUT_PLAN: (
        f"Hoog als de jongere binnen {EIGHTEEN_SOON_DAYS} dagen 18 wordt of al 18 is, "
        "anders normaal."
    ),
    QueueKind.REFERRAL_WAITING: "Normaal.",
}

_MONTHS: Final = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class OpenAction:
    id: CaseId
    title: str
    due: date | None = None


@dataclass(frozen=True)
class QueueReferral:
    id: CaseId
    status: ReferralStatus
    since: date  # the day the referral reached its current status
    to: str = ""  # the organisation referred to


@dataclass(frozen=True)
class QueueCase:
    """What the queue needs of one open case. Pass only open cases."""

    id: CaseId
    name_display: str
    date_of_birth: date | None = None
    has_complete_transition_plan: bool = False
    missing_episodes: Sequence[MissingEpisode] = ()
    open_actions: Sequence[OpenAction] = ()
    referrals: Sequence[QueueReferral] = ()
    new_signals: int = 0


@dataclass(frozen=True)
class QueueItem:
    case_id: CaseId
    kind: QueueKind
    label: str  # plain Dutch, for the screen
    due: date | None
    severity: Severity
    name_display: str = ""
    ref: CaseId | None = None  # the action or referral the item is about, if any


@dataclass(frozen=True)
class QueueSettings:
    missing_threshold: int = REPEATED_MISSING_THRESHOLD
    missing_window_days: int = REPEATED_MISSING_WINDOW_DAYS
    referral_limits: Mapping[ReferralStatus, int] | None = None  # None: the defaults
    transition_plan_from: tuple[int, int] = TRANSITION_PLAN_FROM

    def __post_init__(self) -> None:
        if self.missing_threshold < 1 or self.missing_window_days < 1:
            raise ValueError("missing_threshold and missing_window_days must be at least 1")


def work_queue(
    cases: Iterable[QueueCase],
    today: date,
    now: datetime,
    *,
    settings: QueueSettings | None = None,
) -> list[QueueItem]:
    """Everything that needs attention, most urgent first, then by due date (none last)."""
    require_aware(now, "now")
    settings = settings or QueueSettings()
    items: list[QueueItem] = []
    for case in cases:
        items += _case_items(case, today, now, settings)
    return sort_queue(items)


def _case_items(
    case: QueueCase, today: date, now: datetime, settings: QueueSettings
) -> list[QueueItem]:
    items: list[QueueItem] = []

    def add(kind: QueueKind, label: str, due: date | None, severity: Severity) -> None:
        items.append(QueueItem(case.id, kind, label, due, severity, case.name_display))

    ongoing = sorted(
        (e for e in case.missing_episodes if e.ongoing and e.start <= now), key=lambda e: e.start
    )
    counted = episodes_in_window(
        case.missing_episodes, now, window_days=settings.missing_window_days
    )
    if len(counted) >= settings.missing_threshold:
        label = f"{len(counted)} keer vermist in de laatste {settings.missing_window_days} dagen"
        if ongoing:
            label += f", nu vermist sinds {_date_nl(ongoing[0].start.date())}"
        add(QueueKind.REPEATED_MISSING, label, today, Severity.URGENT if ongoing else Severity.HIGH)
    elif ongoing:
        label = f"Nu vermist sinds {_date_nl(ongoing[0].start.date())}"
        add(QueueKind.MISSING_NOW, label, today, Severity.URGENT)

    if case.new_signals > 0:
        noun = "nieuw signaal" if case.new_signals == 1 else "nieuwe signalen"
        add(QueueKind.NEW_SIGNAL, f"{case.new_signals} {noun}", today, Severity.HIGH)

    for action in case.open_actions:
        if action.due is not None and action.due < today:
            items.append(
                QueueItem(
                    case.id,
                    QueueKind.OVERDUE_ACTION,
                    f"{action.title} (moest af op {_date_nl(action.due)})",
                    action.due,
                    Severity.HIGH,
                    case.name_display,
                    action.id,
                )
            )

    for referral in case.referrals:
        due = reminder_due(referral.status, referral.since, limits=settings.referral_limits)
        if due is not None and today >= due:
            items.append(
                QueueItem(
                    case.id,
                    QueueKind.REFERRAL_WAITING,
                    _referral_label(referral, (today - referral.since).days),
                    due,
                    Severity.NORMAL,
                    case.name_display,
                    referral.id,
                )
            )

    if case.date_of_birth is not None and not case.has_complete_transition_plan:
        years, months = settings.transition_plan_from
        if transition_plan_due(case.date_of_birth, today, from_years=years, from_months=months):
            birthday = eighteenth_birthday(case.date_of_birth)
            soon = (birthday - today).days <= EIGHTEEN_SOON_DAYS
            if birthday <= today:
                label = "Is 18 of ouder en heeft nog geen compleet plan voor na het 18e jaar"
            else:
                label = (
                    f"Wordt 18 op {_date_nl(birthday)}: "
                    "het plan voor na het 18e jaar is nog niet klaar"
                )
            add(
                QueueKind.EIGHTEEN_WITHOUT_PLAN,
                label,
                birthday,
                Severity.HIGH if soon else Severity.NORMAL,
            )
    return items


def _referral_label(referral: QueueReferral, days: int) -> str:
    to = f" bij {referral.to}" if referral.to.strip() else ""
    if referral.status == ReferralStatus.SENT:
        return f"Verwijzing{to}: na {days} dagen nog geen antwoord"
    if referral.status == ReferralStatus.WAITING_LIST:
        return f"Al {days} dagen op de wachtlijst{to}"
    if referral.status == ReferralStatus.ACCEPTED:
        return f"Geaccepteerd{to}, maar de hulp is na {days} dagen nog niet gestart"
    return f"Verwijzing{to}: al {days} dagen '{referral.status.label}'"


def _date_nl(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


class QueueSort(StrEnum):
    SEVERITY = "severity"  # most urgent first, then due date
    DUE = "due"  # earliest due date first, then most urgent
    NAME = "name"  # by name, then most urgent


def sort_queue(
    items: Iterable[QueueItem], by: QueueSort | str = QueueSort.SEVERITY
) -> list[QueueItem]:
    """Sort with a full tie-break, so the order never depends on the input order."""
    order = QueueSort(by)

    def key(item: QueueItem) -> tuple[object, ...]:
        due = (item.due is None, item.due or date.min)
        rest = (list(QueueKind).index(item.kind), str(item.case_id), str(item.ref), item.label)
        if order == QueueSort.DUE:
            return (*due, -item.severity, item.name_display.casefold(), *rest)
        if order == QueueSort.NAME:
            return (item.name_display.casefold(), -item.severity, *due, *rest)
        return (-item.severity, *due, item.name_display.casefold(), *rest)

    return sorted(items, key=key)


def queue_counts(items: Iterable[QueueItem]) -> dict[QueueKind, int]:
    """Items per kind, every kind present (0 when none), in the order of QueueKind."""
    counts = dict.fromkeys(QueueKind, 0)
    for item in items:
        counts[item.kind] += 1
    return counts


def filter_queue(
    items: Iterable[QueueItem],
    *,
    kinds: Iterable[QueueKind | str] | None = None,
    min_severity: Severity | None = None,
    case_id: CaseId | None = None,
) -> list[QueueItem]:
    """Keep the items that match every given filter; the order stays as it was."""
    wanted = None if kinds is None else {QueueKind(kind) for kind in kinds}
    return [
        item
        for item in items
        if (wanted is None or item.kind in wanted)
        and (min_severity is None or item.severity >= min_severity)
        and (case_id is None or item.case_id == case_id)
    ]
