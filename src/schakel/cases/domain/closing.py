"""Closing and reopening a case: the reason, aftercare agreements and care past 18.

Turning 18 is never a reason to close: there is no such reason code, and from 17 years and
6 months a case can only close with a complete transition plan (unless the reason makes a
plan impossible, such as death). Reopening is a status change; the history stays.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from . import workflow
from .continuity import TRANSITION_PLAN_FROM, TransitionPlan, transition_plan_due


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return CASE_STATUS_LABELS[self]


CASE_STATUS_LABELS: Final[Mapping[CaseStatus, str]] = {
    CaseStatus.OPEN: "Open",
    CaseStatus.CLOSED: "Gesloten",
}

CASE_TRANSITIONS: Final[Mapping[CaseStatus, frozenset[CaseStatus]]] = {
    CaseStatus.OPEN: frozenset({CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.OPEN}),  # reopening keeps all history
}


def check_case_transition(old: CaseStatus | str, new: CaseStatus | str) -> None:
    """Raise TransitionError (a ValueError) with a Dutch message when the step is not allowed."""
    workflow.check(
        CASE_TRANSITIONS,
        CASE_STATUS_LABELS,
        CaseStatus(old),
        CaseStatus(new),
        subject="Een casus",
    )


def can_reopen(status: CaseStatus | str) -> bool:
    return CaseStatus.OPEN in CASE_TRANSITIONS[CaseStatus(status)]


def case_transitions_as_mermaid() -> str:
    return workflow.as_mermaid(CASE_TRANSITIONS, CASE_STATUS_LABELS, initial=CaseStatus.OPEN)


@dataclass(frozen=True)
class ClosingReason:
    code: str
    label: str
    needs_aftercare: bool = True
    needs_transition_plan: bool = True  # from 17 years and 6 months


CLOSING_REASONS: Final[tuple[ClosingReason, ...]] = (
    ClosingReason("hulp-afgerond", "De hulp is afgerond en de jongere is veilig"),
    ClosingReason("overgedragen", "Overgedragen aan een andere regio of organisatie"),
    ClosingReason("geen-vermoeden", "Na onderzoek is er geen vermoeden van uitbuiting"),
    ClosingReason("geen-hulp-gewenst", "De jongere wil op dit moment geen hulp"),
    ClosingReason(
        "verhuisd-buitenland",
        "De jongere is naar het buitenland verhuisd",
        needs_aftercare=False,
        needs_transition_plan=False,
    ),
    ClosingReason(
        "overleden", "De jongere is overleden", needs_aftercare=False, needs_transition_plan=False
    ),
)
CLOSING_REASON_BY_CODE: Final[Mapping[str, ClosingReason]] = {
    reason.code: reason for reason in CLOSING_REASONS
}


@dataclass(frozen=True)
class Aftercare:
    """One aftercare agreement: who stays in touch, until when, and what is agreed."""

    who: str = ""
    until: date | None = None
    what: str = ""


def closing_blockers(
    reason: str,
    today: date,
    *,
    date_of_birth: date | None,
    transition_plan: TransitionPlan | None,
    from_years: int = TRANSITION_PLAN_FROM[0],
    from_months: int = TRANSITION_PLAN_FROM[1],
) -> list[str]:
    """Why care past 18 stops the case from closing, in plain Dutch; empty when nothing does.

    With an unknown date of birth there is no age to check, so nothing blocks here.
    """
    found = CLOSING_REASON_BY_CODE.get(reason)
    if found is not None and not found.needs_transition_plan:
        return []
    if date_of_birth is None or not transition_plan_due(
        date_of_birth, today, from_years=from_years, from_months=from_months
    ):
        return []
    if transition_plan is None:
        return ["Maak een plan voor de zorg na het 18e jaar."]
    return transition_plan.missing_parts()


def closing_problems(
    reason: str,
    aftercare: Sequence[Aftercare],
    today: date,
    *,
    date_of_birth: date | None,
    transition_plan: TransitionPlan | None,
    from_years: int = TRANSITION_PLAN_FROM[0],
    from_months: int = TRANSITION_PLAN_FROM[1],
) -> dict[str, str]:
    """What stops the case from closing: key -> plain Dutch message. Empty: it may close.

    Keys: ``reason``, ``aftercare`` (no agreement at all), ``aftercare-<i>-who`` and
    ``aftercare-<i>-until`` (the i-th agreement, as in a Django formset with prefix
    "aftercare") and ``transition_plan``.
    """
    problems: dict[str, str] = {}
    found = CLOSING_REASON_BY_CODE.get(reason.strip())
    if not reason.strip():
        problems["reason"] = "Kies waarom de casus wordt gesloten."
    elif found is None:
        problems["reason"] = "Kies een reden uit de lijst."

    if found is None or found.needs_aftercare:
        if not aftercare:
            problems["aftercare"] = (
                "Maak minstens een afspraak over nazorg: wie houdt contact en tot wanneer."
            )
        for number, agreement in enumerate(aftercare):
            if not agreement.who.strip():
                problems[f"aftercare-{number}-who"] = "Schrijf op wie de nazorg geeft."
            if agreement.until is None:
                problems[f"aftercare-{number}-until"] = "Vul in tot wanneer de nazorg loopt."
            elif agreement.until <= today:
                problems[f"aftercare-{number}-until"] = (
                    "De nazorg moet na vandaag nog doorlopen. Kies een latere datum."
                )

    blockers = closing_blockers(
        reason.strip(),
        today,
        date_of_birth=date_of_birth,
        transition_plan=transition_plan,
        from_years=from_years,
        from_months=from_months,
    )
    if blockers:
        age = f"{from_years} jaar" + (f" en {from_months} maanden" if from_months else "")
        problems["transition_plan"] = (
            f"De jongere is {age} of ouder. Sluit de casus pas als het plan voor na het "
            "18e jaar klaar is. Nog nodig: " + " ".join(blockers)
        )
    return problems
