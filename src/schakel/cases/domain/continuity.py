"""Continuity of care past the 18th birthday: age, and when a transition plan is needed.

Birthdays that do not exist in a month count from the first day after that month: a child
born on 29 February turns 18 on 1 March in a common year, and the day "six months after
31 August" is 1 March. This is the same rule as ``schakel.intake.domain.person.age_on``:
an age is reached only when the full number of months has passed.

Turning 18 never closes a case; see ``closing.closing_blockers``.
"""

from dataclasses import dataclass
from datetime import date
from typing import Final

ADULT_AGE: Final = 18
# From this age (years, months) a transition plan for care past 18 is needed.
TRANSITION_PLAN_FROM: Final = (17, 6)


def age_in_months(date_of_birth: date, on: date) -> int:
    """Whole months lived on ``on``. Raises ValueError when ``on`` is before the birth."""
    if on < date_of_birth:
        raise ValueError(f"De datum {on.isoformat()} ligt voor de geboortedatum.")
    months = (on.year - date_of_birth.year) * 12 + (on.month - date_of_birth.month)
    if on.day < date_of_birth.day:
        months -= 1
    return months


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on ``on``."""
    return age_in_months(date_of_birth, on) // 12


def age_reached_on(date_of_birth: date, *, years: int, months: int = 0) -> date:
    """The first day on which the young person is ``years`` years and ``months`` months old."""
    if years < 0 or not 0 <= months <= 11:
        raise ValueError("Gebruik een positief aantal jaren en 0 tot en met 11 maanden.")
    total = date_of_birth.month - 1 + months
    year = date_of_birth.year + years + total // 12
    month = total % 12 + 1
    try:
        return date(year, month, date_of_birth.day)
    except ValueError:  # that day does not exist in that month: the first of the next month
        return date(year + month // 12, month % 12 + 1, 1)


def eighteenth_birthday(date_of_birth: date) -> date:
    return age_reached_on(date_of_birth, years=ADULT_AGE)


def days_until_18(date_of_birth: date, today: date) -> int:
    """Days from ``today`` to the 18th birthday: 0 on the day itself, negative afterwards."""
    return (eighteenth_birthday(date_of_birth) - today).days


def transition_plan_from(
    date_of_birth: date,
    *,
    from_years: int = TRANSITION_PLAN_FROM[0],
    from_months: int = TRANSITION_PLAN_FROM[1],
) -> date:
    """The day from which a transition plan is needed (17 years and 6 months by default)."""
    return age_reached_on(date_of_birth, years=from_years, months=from_months)


def transition_plan_due(
    date_of_birth: date,
    today: date,
    *,
    from_years: int = TRANSITION_PLAN_FROM[0],
    from_months: int = TRANSITION_PLAN_FROM[1],
) -> bool:
    """True from the day the young person reaches the age, and stays true after 18."""
    start = transition_plan_from(date_of_birth, from_years=from_years, from_months=from_months)
    return today >= start


@dataclass(frozen=True)
class TransitionPlan:
    """The plan for care after the 18th birthday.

    ``consent_given`` is None while the answer is not known. A "no" is a complete answer:
    from 18 the young person decides, and the plan records that choice.
    """

    who_takes_over: str = ""
    adult_care_arranged: bool = False
    consent_asked_again: bool = False
    consent_given: bool | None = None
    agreed_on: date | None = None

    def missing_parts(self) -> list[str]:
        """What is still missing, in plain Dutch; empty when the plan is complete."""
        missing = []
        if not self.who_takes_over.strip():
            missing.append("Schrijf op wie de zorg overneemt na het 18e jaar.")
        if not self.adult_care_arranged:
            missing.append("Regel de hulp voor volwassenen die na het 18e jaar verder gaat.")
        if not self.consent_asked_again:
            missing.append(
                "Vraag de jongere opnieuw om toestemming. Vanaf 18 jaar beslist hij of zij zelf."
            )
        elif self.consent_given is None:
            missing.append("Schrijf op of de jongere toestemming geeft.")
        if self.agreed_on is None:
            missing.append("Schrijf op wanneer het plan is afgesproken.")
        return missing

    @property
    def is_complete(self) -> bool:
        return not self.missing_parts()


def plan_is_complete(plan: TransitionPlan | None) -> bool:
    return plan is not None and plan.is_complete


def needs_transition_attention(
    date_of_birth: date,
    today: date,
    plan: TransitionPlan | None,
    *,
    from_years: int = TRANSITION_PLAN_FROM[0],
    from_months: int = TRANSITION_PLAN_FROM[1],
) -> bool:
    """The plan is due and not (yet) complete. No plan at all counts as incomplete."""
    due = transition_plan_due(date_of_birth, today, from_years=from_years, from_months=from_months)
    return due and not plan_is_complete(plan)
