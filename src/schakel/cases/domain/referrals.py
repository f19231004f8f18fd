"""Referrals (verwijzingen) to help: statuses, allowed steps, waiting time and reminders.

The allowed steps are data (``TRANSITIONS``); ``transitions_as_mermaid()`` draws them.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from . import workflow
from .workflow import TransitionError

__all__ = [
    "DEFAULT_OVERDUE_DAYS",
    "FINAL_STATUSES",
    "INITIAL_STATUS",
    "REFERRAL_STATUS_LABELS",
    "TRANSITIONS",
    "ReferralEvent",
    "ReferralStatus",
    "TransitionError",
    "check_transition",
    "current_status",
    "overdue",
    "reminder_due",
    "transitions_as_mermaid",
    "waiting_days",
]


class ReferralStatus(StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    WAITING_LIST = "waiting_list"
    STARTED = "started"
    DECLINED = "declined"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return REFERRAL_STATUS_LABELS[self]


REFERRAL_STATUS_LABELS: Final[Mapping[ReferralStatus, str]] = {
    ReferralStatus.SENT: "Verstuurd",
    ReferralStatus.ACCEPTED: "Geaccepteerd",
    ReferralStatus.WAITING_LIST: "Op de wachtlijst",
    ReferralStatus.STARTED: "Hulp gestart",
    ReferralStatus.DECLINED: "Afgewezen",
    ReferralStatus.COMPLETED: "Afgerond",
}

INITIAL_STATUS: Final = ReferralStatus.SENT

TRANSITIONS: Final[Mapping[ReferralStatus, frozenset[ReferralStatus]]] = {
    ReferralStatus.SENT: frozenset(
        {ReferralStatus.ACCEPTED, ReferralStatus.WAITING_LIST, ReferralStatus.DECLINED}
    ),
    ReferralStatus.WAITING_LIST: frozenset(
        {ReferralStatus.ACCEPTED, ReferralStatus.STARTED, ReferralStatus.DECLINED}
    ),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.STARTED, ReferralStatus.DECLINED}),
    ReferralStatus.STARTED: frozenset({ReferralStatus.COMPLETED}),
    ReferralStatus.DECLINED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
}

FINAL_STATUSES: Final = workflow.final_states(TRANSITIONS)

# Days a referral may stay in a status before a reminder; a status not listed never is overdue.
DEFAULT_OVERDUE_DAYS: Final[Mapping[ReferralStatus, int]] = {
    ReferralStatus.SENT: 14,  # no answer from the provider
    ReferralStatus.WAITING_LIST: 42,  # six weeks on the waiting list
    ReferralStatus.ACCEPTED: 14,  # accepted, but help has not started
}

# The waiting time ends when help starts, or when it is clear it will not start here.
_WAITING_ENDS: Final = frozenset(
    {ReferralStatus.STARTED, ReferralStatus.DECLINED, ReferralStatus.COMPLETED}
)


def check_transition(old: ReferralStatus | str, new: ReferralStatus | str) -> None:
    """Raise TransitionError (a ValueError) with a Dutch message when the step is not allowed.

    Accepts the stored string values too; an unknown value raises ValueError.
    """
    workflow.check(
        TRANSITIONS,
        REFERRAL_STATUS_LABELS,
        ReferralStatus(old),
        ReferralStatus(new),
        subject="Een verwijzing",
    )


def transitions_as_mermaid() -> str:
    """The allowed steps as a Mermaid state diagram."""
    return workflow.as_mermaid(TRANSITIONS, REFERRAL_STATUS_LABELS, initial=INITIAL_STATUS)


@dataclass(frozen=True)
class ReferralEvent:
    """The referral reached ``status`` on ``on``. The first event of a referral is SENT."""

    status: ReferralStatus
    on: date


def current_status(events: Iterable[ReferralEvent]) -> ReferralStatus:
    """Replay the history, checking each step; raises TransitionError on a refused step.

    Events are taken in date order; events on the same day keep the order given.
    """
    ordered = sorted(events, key=lambda event: event.on)
    if not ordered:
        raise ValueError("A referral has at least one event.")
    if ordered[0].status != INITIAL_STATUS:
        raise ValueError(f"A referral starts as {INITIAL_STATUS.value!r}.")
    status: ReferralStatus = ordered[0].status
    for event in ordered[1:]:
        check_transition(status, event.status)
        status = event.status
    return status


def waiting_days(events: Iterable[ReferralEvent], today: date) -> int:
    """Days from sending the referral until help started (or was declined), else until today.

    The start is the earliest event; the end is the earliest STARTED, DECLINED or COMPLETED
    event. Never negative.
    """
    ordered = sorted(events, key=lambda event: event.on)
    if not ordered:
        raise ValueError("A referral has at least one event.")
    sent_on = ordered[0].on
    end = next((event.on for event in ordered if event.status in _WAITING_ENDS), today)
    return max(0, (end - sent_on).days)


def reminder_due(
    status: ReferralStatus | str,
    since: date,
    *,
    limits: Mapping[ReferralStatus, int] | None = None,
) -> date | None:
    """The first day the step is overdue, or None when this status is never overdue.

    ``limits`` replaces ``DEFAULT_OVERDUE_DAYS`` as a whole; to change one limit pass
    ``{**DEFAULT_OVERDUE_DAYS, ReferralStatus.SENT: 10}``.
    """
    table = DEFAULT_OVERDUE_DAYS if limits is None else limits
    limit = table.get(ReferralStatus(status))
    if limit is None:
        return None
    if limit < 0:
        raise ValueError("An overdue limit cannot be negative.")
    return since + timedelta(days=limit + 1)


def overdue(
    status: ReferralStatus | str,
    since: date,
    today: date,
    *,
    limits: Mapping[ReferralStatus, int] | None = None,
) -> bool:
    """True when the referral has been in ``status`` since ``since`` for MORE than the limit.

    With the default 14 days for SENT: sent on 1 March, overdue from 16 March.
    """
    due = reminder_due(status, since, limits=limits)
    return due is not None and today >= due
