"""Age, the 18th birthday and the transition plan from 17 years and 6 months."""

from datetime import date, timedelta

import pytest

from schakel.cases.domain.continuity import (
    TRANSITION_PLAN_FROM,
    TransitionPlan,
    age_in_months,
    age_on,
    age_reached_on,
    days_until_18,
    eighteenth_birthday,
    needs_transition_attention,
    plan_is_complete,
    transition_plan_due,
    transition_plan_from,
)
from schakel.intake.domain.person import age_on as intake_age_on

COMPLETE = TransitionPlan(
    who_takes_over="Wijkteam Noord, volwassenenteam",
    adult_care_arranged=True,
    consent_asked_again=True,
    consent_given=True,
    agreed_on=date(2026, 1, 10),
)


def test_default_is_seventeen_and_a_half():
    assert TRANSITION_PLAN_FROM == (17, 6)


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2008, 5, 10), date(2026, 5, 9), 17),
        (date(2008, 5, 10), date(2026, 5, 10), 18),
        (date(2008, 5, 10), date(2008, 5, 10), 0),
        # born 29 February: a year older on 1 March in a common year, on 29 February in a leap one
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2024, 2, 28), 15),
        (date(2008, 2, 29), date(2024, 2, 29), 16),
    ],
)
def test_age_on(born, on, age):
    assert age_on(born, on) == age


def test_age_agrees_with_the_intake_rule_for_every_day_of_a_leap_year():
    born_days = [date(2008, 1, 1) + timedelta(days=n) for n in range(366)]
    for born in born_days:
        for on in (date(2025, 2, 28), date(2025, 3, 1), date(2026, 2, 28), date(2028, 2, 29)):
            assert age_on(born, on) == intake_age_on(born, on), (born, on)


def test_a_date_before_birth_is_refused():
    with pytest.raises(ValueError, match="geboortedatum"):
        age_on(date(2010, 1, 2), date(2010, 1, 1))


@pytest.mark.parametrize(
    ("born", "eighteen"),
    [
        (date(2008, 5, 10), date(2026, 5, 10)),
        (date(2008, 2, 29), date(2026, 3, 1)),  # 2026 is a common year
        (date(2012, 2, 29), date(2030, 3, 1)),
        (date(2010, 2, 28), date(2028, 2, 28)),
        (date(2010, 3, 1), date(2028, 3, 1)),
        (date(2006, 12, 31), date(2024, 12, 31)),
    ],
)
def test_eighteenth_birthday(born, eighteen):
    assert eighteenth_birthday(born) == eighteen
    assert age_on(born, eighteen) == 18
    assert age_on(born, eighteen - timedelta(days=1)) == 17


def test_days_until_18_counts_down_to_zero_and_goes_negative():
    born = date(2008, 2, 29)
    assert days_until_18(born, date(2026, 2, 28)) == 1
    assert days_until_18(born, date(2026, 3, 1)) == 0
    assert days_until_18(born, date(2026, 3, 11)) == -10
    assert days_until_18(date(2008, 5, 10), date(2025, 5, 10)) == 365


@pytest.mark.parametrize(
    ("born", "from_day"),
    [
        (date(2008, 1, 15), date(2025, 7, 15)),
        (date(2008, 8, 31), date(2026, 3, 1)),  # 31 February does not exist
        (date(2008, 8, 29), date(2026, 3, 1)),  # 2026 has no 29 February
        (date(2006, 8, 29), date(2024, 2, 29)),  # 2024 has one
        (date(2008, 2, 29), date(2025, 8, 29)),
        (date(2008, 7, 31), date(2026, 1, 31)),  # across the turn of the year
        (date(2008, 6, 30), date(2025, 12, 30)),
    ],
)
def test_transition_plan_is_due_from_exactly_seventeen_and_a_half(born, from_day):
    assert transition_plan_from(born) == from_day
    assert transition_plan_due(born, from_day)
    assert not transition_plan_due(born, from_day - timedelta(days=1))
    assert age_in_months(born, from_day) == 17 * 12 + 6
    assert age_in_months(born, from_day - timedelta(days=1)) == 17 * 12 + 5


def test_due_date_matches_whole_months_for_every_birthday_in_a_leap_year():
    for n in range(366):
        born = date(2008, 1, 1) + timedelta(days=n)
        start = transition_plan_from(born)
        assert age_in_months(born, start) >= 210 > age_in_months(born, start - timedelta(days=1))


def test_the_plan_stays_due_after_18():
    assert transition_plan_due(date(2005, 1, 1), date(2026, 1, 1))


def test_the_age_is_configurable():
    born = date(2008, 5, 10)
    assert transition_plan_from(born, from_years=17, from_months=0) == date(2025, 5, 10)
    assert transition_plan_due(born, date(2025, 5, 10), from_years=17, from_months=0)
    assert not transition_plan_due(born, date(2025, 5, 10))
    assert transition_plan_from(born, from_years=16, from_months=9) == date(2025, 2, 10)


@pytest.mark.parametrize(("years", "months"), [(-1, 0), (17, 12), (17, -1)])
def test_impossible_ages_are_refused(years, months):
    with pytest.raises(ValueError):
        age_reached_on(date(2008, 1, 1), years=years, months=months)


def test_an_empty_plan_lists_every_missing_part():
    missing = TransitionPlan().missing_parts()
    assert missing == [
        "Schrijf op wie de zorg overneemt na het 18e jaar.",
        "Regel de hulp voor volwassenen die na het 18e jaar verder gaat.",
        "Vraag de jongere opnieuw om toestemming. Vanaf 18 jaar beslist hij of zij zelf.",
        "Schrijf op wanneer het plan is afgesproken.",
    ]
    assert not TransitionPlan().is_complete


def test_a_complete_plan_misses_nothing():
    assert COMPLETE.missing_parts() == []
    assert COMPLETE.is_complete
    assert plan_is_complete(COMPLETE)
    assert not plan_is_complete(None)


def test_each_part_is_reported_on_its_own():
    from dataclasses import replace

    assert replace(COMPLETE, who_takes_over="  ").missing_parts() == [
        "Schrijf op wie de zorg overneemt na het 18e jaar."
    ]
    assert replace(COMPLETE, adult_care_arranged=False).missing_parts() == [
        "Regel de hulp voor volwassenen die na het 18e jaar verder gaat."
    ]
    assert replace(COMPLETE, consent_asked_again=False, consent_given=None).missing_parts() == [
        "Vraag de jongere opnieuw om toestemming. Vanaf 18 jaar beslist hij of zij zelf."
    ]
    assert replace(COMPLETE, consent_given=None).missing_parts() == [
        "Schrijf op of de jongere toestemming geeft."
    ]
    assert replace(COMPLETE, agreed_on=None).missing_parts() == [
        "Schrijf op wanneer het plan is afgesproken."
    ]


def test_a_no_to_consent_is_a_complete_answer():
    from dataclasses import replace

    assert replace(COMPLETE, consent_given=False).is_complete


@pytest.mark.parametrize(
    ("today", "plan", "attention"),
    [
        (date(2025, 7, 14), None, False),  # the day before 17 and a half
        (date(2025, 7, 15), None, True),  # exactly 17 and a half
        (date(2025, 7, 15), TransitionPlan(who_takes_over="Wijkteam"), True),
        (date(2025, 7, 15), COMPLETE, False),
        (date(2026, 4, 1), None, True),  # 18 and still no plan
        (date(2026, 4, 1), COMPLETE, False),
    ],
)
def test_needs_transition_attention(today, plan, attention):
    assert needs_transition_attention(date(2008, 1, 15), today, plan) is attention
