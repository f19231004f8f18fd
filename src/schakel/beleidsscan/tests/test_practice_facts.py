"""Facts from practice beside the document score: route map, plans after 18, small counts."""

from datetime import date, timedelta

import pytest

from schakel.accounts.constants import Role
from schakel.beleidsscan.presentation import practice_facts_by_tip
from schakel.beleidsscan.selectors import practice_facts, route_map_fact, transition_fact
from schakel.cases.models import Case, TransitionPlan
from schakel.geo.models import Municipality
from schakel.routekaart.models import ContactOverride
from schakel.routekaart.selectors import routing_for
from schakel.routekaart.services import route_map_create

TODAY = date(2026, 11, 28)


@pytest.fixture
def gm0344(region):
    return Municipality.objects.get(code="GM0344")


def test_only_the_national_default_is_not_a_complete_route_map(gm0344):
    fact = route_map_fact(gm0344)
    assert fact["scope"] == "national" and fact["complete"] is False
    text = practice_facts_by_tip({"route_map": fact})[8][0].text
    assert "landelijke standaardroutekaart" in text


def test_a_regional_map_with_every_number_filled_in_is_complete(make_user, region, gm0344):
    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    route_map_create(actor=admin, region=region)  # a published copy of the default
    fact = route_map_fact(gm0344)
    assert fact["scope"] == "region" and fact["missing_contacts"]  # regional numbers empty
    assert fact["complete"] is False
    compiled, _version = routing_for(municipality_code="GM0344")
    for contact in compiled.contacts.values():
        if not contact.phone.strip():
            ContactOverride.objects.create(
                code=contact.code, region=region, name=contact.name, phone="030-1234567"
            )
    fact = route_map_fact(gm0344)
    assert fact["missing_contacts"] == [] and fact["complete"] is True


def _case(owner, municipality, born: date, *, plan_complete: bool) -> Case:
    case = Case.objects.create(
        region=owner.regions.get(), owner=owner, date_of_birth=born, given_names="Fictief"
    )
    case.municipalities.add(municipality)
    if plan_complete:
        TransitionPlan.objects.create(
            case=case,
            who_takes_over="Wmo-team",
            adult_care_arranged=True,
            consent_asked_again=True,
            consent_given=True,
            agreed_on=TODAY,
        )
    return case


def test_plans_after_18_are_counted_but_fewer_than_5_are_not_shown(make_user, gm0344):
    coordinator = make_user(Role.ZORGCOORDINATOR)
    born_17_8 = TODAY - timedelta(days=365 * 17 + 245)
    for index in range(4):
        _case(coordinator, gm0344, born_17_8, plan_complete=index == 0)
    _case(coordinator, gm0344, TODAY - timedelta(days=365 * 15), plan_complete=False)  # too young
    fact = transition_fact(gm0344, TODAY)
    assert fact["due"] == {"hidden": True, "value": None}
    assert fact["complete"]["value"] is None
    text = practice_facts_by_tip({"transition": fact})[6][0].text
    assert "Minder dan 5" in text and "4" not in text
    _case(coordinator, gm0344, born_17_8, plan_complete=True)
    # 2 of 5: the 2 (and the 3 without a plan) would be recognisable: only a rounded share.
    fact = transition_fact(gm0344, TODAY)
    assert fact["due"]["value"] == 5 and fact["complete"] == {"hidden": True, "value": None}
    assert fact["share"] == 40
    assert "ongeveer 40%" in practice_facts_by_tip({"transition": fact})[6][0].text
    for index in range(5):
        _case(coordinator, gm0344, born_17_8, plan_complete=index < 3)
    fact = transition_fact(gm0344, TODAY)
    assert fact["due"]["value"] == 10 and fact["complete"]["value"] == 5 and fact["share"] == 50


def test_practice_facts_are_plain_json_for_the_scan(make_user, gm0344):
    officer = make_user(
        Role.BELEIDSMEDEWERKER, with_device=False, regions=[], municipalities=[gm0344]
    )
    facts = practice_facts(officer, gm0344, today=TODAY)
    assert set(facts) == {"on", "route_map", "training", "participation", "transition", "monitor"}
    by_tip = practice_facts_by_tip(facts)
    assert set(by_tip) == {3, 5, 6, 8, 9}  # training, monitor, after 18, route map, participation
    assert "nog geen monitor" in by_tip[5][0].text and by_tip[5][0].ok is None
