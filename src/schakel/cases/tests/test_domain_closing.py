"""Closing needs a reason and aftercare; from 17 and a half also a complete transition plan."""

from datetime import date, timedelta

import pytest

from schakel.cases.domain.closing import (
    CASE_STATUS_LABELS,
    CLOSING_REASONS,
    Aftercare,
    CaseStatus,
    can_reopen,
    case_transitions_as_mermaid,
    check_case_transition,
    closing_blockers,
    closing_problems,
)
from schakel.cases.domain.continuity import TransitionPlan
from schakel.cases.domain.workflow import TransitionError

TODAY = date(2026, 3, 15)
CHILD = date(2012, 6, 1)  # 13
SEVENTEEN_AND_THREE_QUARTERS = date(2008, 6, 15)
AFTERCARE = [Aftercare(who="Wijkteam Zuid, mevrouw De Vries", until=TODAY + timedelta(days=90))]
COMPLETE_PLAN = TransitionPlan(
    who_takes_over="Volwassenenteam",
    adult_care_arranged=True,
    consent_asked_again=True,
    consent_given=True,
    agreed_on=date(2026, 2, 1),
)


def problems(reason="hulp-afgerond", aftercare=AFTERCARE, dob=CHILD, plan=None, **kwargs):
    return closing_problems(
        reason, aftercare, TODAY, date_of_birth=dob, transition_plan=plan, **kwargs
    )


def test_case_status_transitions():
    check_case_transition(CaseStatus.OPEN, CaseStatus.CLOSED)
    check_case_transition("closed", "open")
    for same in CaseStatus:
        with pytest.raises(TransitionError, match="Een casus kan niet van"):
            check_case_transition(same, same)
    assert set(CASE_STATUS_LABELS) == set(CaseStatus)


def test_only_a_closed_case_can_be_reopened():
    assert can_reopen(CaseStatus.CLOSED)
    assert can_reopen("closed")
    assert not can_reopen(CaseStatus.OPEN)


def test_case_diagram():
    text = case_transitions_as_mermaid()
    assert "    open --> closed" in text
    assert "    closed --> open" in text


def test_a_good_closing_has_no_problems():
    assert problems() == {}


def test_a_reason_is_needed():
    assert problems(reason="  ") == {"reason": "Kies waarom de casus wordt gesloten."}


def test_turning_18_is_no_reason():
    assert problems(reason="18-jaar") == {"reason": "Kies een reden uit de lijst."}
    for reason in CLOSING_REASONS:
        assert "18" not in reason.code
        assert "18" not in reason.label


def test_reason_codes_are_unique_data_with_labels():
    codes = [reason.code for reason in CLOSING_REASONS]
    assert len(codes) == len(set(codes))
    assert {"overleden", "verhuisd-buitenland"} <= set(codes)
    assert all(reason.label for reason in CLOSING_REASONS)


def test_aftercare_is_needed():
    assert problems(aftercare=[]) == {
        "aftercare": "Maak minstens een afspraak over nazorg: wie houdt contact en tot wanneer."
    }


def test_each_aftercare_agreement_needs_who_and_until_in_the_future():
    rows = [
        AFTERCARE[0],
        Aftercare(who=" ", until=TODAY + timedelta(days=1)),
        Aftercare(who="Jongerenwerk", until=None),
        Aftercare(who="School", until=TODAY),
        Aftercare(who="Huisarts", until=TODAY - timedelta(days=1)),
    ]
    later = "De nazorg moet na vandaag nog doorlopen. Kies een latere datum."
    assert problems(aftercare=rows) == {
        "aftercare-1-who": "Schrijf op wie de nazorg geeft.",
        "aftercare-2-until": "Vul in tot wanneer de nazorg loopt.",
        "aftercare-3-until": later,
        "aftercare-4-until": later,
    }


def test_tomorrow_is_in_the_future():
    assert problems(aftercare=[Aftercare(who="Wijkteam", until=TODAY + timedelta(days=1))]) == {}


def test_a_17_and_three_quarters_year_old_without_plan_cannot_be_closed():
    found = problems(dob=SEVENTEEN_AND_THREE_QUARTERS)
    assert list(found) == ["transition_plan"]
    assert found["transition_plan"] == (
        "De jongere is 17 jaar en 6 maanden of ouder. Sluit de casus pas als het plan voor na "
        "het 18e jaar klaar is. Nog nodig: Maak een plan voor de zorg na het 18e jaar."
    )


def test_an_incomplete_plan_says_what_is_missing():
    plan = TransitionPlan(who_takes_over="Volwassenenteam", adult_care_arranged=True)
    message = problems(dob=SEVENTEEN_AND_THREE_QUARTERS, plan=plan)["transition_plan"]
    for part in plan.missing_parts():
        assert part in message
    assert "wie de zorg overneemt" not in message


def test_a_complete_plan_allows_closing():
    assert problems(dob=SEVENTEEN_AND_THREE_QUARTERS, plan=COMPLETE_PLAN) == {}


def test_the_plan_is_needed_from_exactly_seventeen_and_a_half():
    exactly = date(2008, 9, 15)  # 17 and a half on TODAY
    assert "transition_plan" in problems(dob=exactly)
    assert problems(dob=exactly + timedelta(days=1)) == {}


def test_an_adult_without_plan_cannot_be_closed_either():
    assert "transition_plan" in problems(dob=date(2007, 1, 1))


def test_the_age_is_configurable():
    assert problems(dob=SEVENTEEN_AND_THREE_QUARTERS, from_years=18, from_months=0) == {}
    message = problems(dob=date(2008, 12, 1), from_years=17, from_months=0)["transition_plan"]
    assert message.startswith("De jongere is 17 jaar of ouder.")


@pytest.mark.parametrize("reason", ["overleden", "verhuisd-buitenland"])
def test_some_reasons_need_no_plan_and_no_aftercare(reason):
    assert problems(reason=reason, aftercare=[], dob=SEVENTEEN_AND_THREE_QUARTERS) == {}
    assert (
        closing_blockers(
            reason, TODAY, date_of_birth=SEVENTEEN_AND_THREE_QUARTERS, transition_plan=None
        )
        == []
    )


def test_an_unknown_date_of_birth_does_not_block():
    assert problems(dob=None) == {}


def test_everything_wrong_at_once():
    assert set(problems(reason="", aftercare=[], dob=SEVENTEEN_AND_THREE_QUARTERS)) == {
        "reason",
        "aftercare",
        "transition_plan",
    }
