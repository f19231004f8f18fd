"""Scenarios: all defaults pass; a broken rule fails the right scenarios in Dutch."""

import dataclasses
from pathlib import Path

import pytest

from schakel.routekaart.domain.engine import compile_route_map
from schakel.routekaart.domain.scenarios import (
    Scenario,
    ScenarioError,
    load_scenarios,
    run_scenarios,
    scenarios_to_yaml,
)
from schakel.routekaart.domain.validator import (
    load_route_map,
    route_map_from_yaml,
    route_map_to_dict,
)

DEFAULTS = Path(__file__).resolve().parent.parent / "defaults"


def default_data() -> dict:
    text = (DEFAULTS / "routekaart.yaml").read_text(encoding="utf-8")
    return route_map_to_dict(route_map_from_yaml(text))


def default_scenarios() -> list[Scenario]:
    return load_scenarios((DEFAULTS / "scenarios.yaml").read_text(encoding="utf-8"))


def run(data: dict) -> dict[str, tuple[str, ...]]:
    results = run_scenarios(compile_route_map(load_route_map(data)), default_scenarios())
    return {r.scenario.name: r.problems for r in results if not r.passed}


def rule(data: dict, rule_id: str) -> dict:
    return next(r for r in data["rules"] if r["id"] == rule_id)


def test_all_default_scenarios_pass():
    scenarios = default_scenarios()
    assert len(scenarios) >= 30
    results = run_scenarios(compile_route_map(load_route_map(default_data())), scenarios)
    failed = {r.scenario.name: r.problems for r in results if not r.passed}
    assert failed == {}
    assert all(r.actions for r in results)


def test_default_scenarios_cover_what_they_should():
    scenarios = default_scenarios()
    names = [s.name for s in scenarios]
    assert sum(name.startswith("Voorbeeld ") and ":" in name for name in names) == 4
    pairs = [s for s in scenarios if s.same_as]
    assert len(pairs) >= 4
    for scenario in pairs:
        other = next(s for s in scenarios if s.name == scenario.same_as)
        mine = {k: v for k, v in scenario.situation.items() if k != "residence_status"}
        theirs = {k: v for k, v in other.situation.items() if k != "residence_status"}
        assert mine == theirs, scenario.name
        assert scenario.situation.get("residence_status") != other.situation.get("residence_status")
    assert any(s.situation == {} for s in scenarios)
    assert all(s.must for s in scenarios)


def test_scenarios_yaml_round_trip():
    scenarios = default_scenarios()
    assert load_scenarios(scenarios_to_yaml(scenarios)) == scenarios


def test_broken_csg_rule_fails_the_right_scenarios():
    data = default_data()
    for action in rule(data, "seksueel-geweld-recent")["then"]:
        action["urgency"] = "today"
    failed = run(data)
    assert failed["Seksueel geweld 2 dagen geleden"] == ("urgentie van csg is today, verwacht now",)
    assert "urgentie van csg is today, verwacht now" in failed["Veel signalen tegelijk"]
    assert "Direct gevaar" not in failed


def test_removed_veilig_thuis_reports_missing():
    data = default_data()
    vt = rule(data, "melden-veilig-thuis")
    vt["then"] = [a for a in vt["then"] if a["code"] != "veilig-thuis"]
    failed = run(data)
    assert "ontbreekt: veilig-thuis" in failed["Alleen structurele onveiligheid"]
    assert "ontbreekt: veilig-thuis" in failed["Jongere vertelt het zelf"]
    assert "Direct gevaar" not in failed  # acute danger still reaches Veilig Thuis


def test_parents_rule_reversed_reports_must_not():
    data = default_data()
    rule(data, "ouders-doen-niet-mee")["when"] = {"parents_involved": True}
    failed = run(data)
    assert "mag niet: ouders-betrekken" in failed["Ouders doen mee aan de uitbuiting"]
    assert "ontbreekt: ouders-betrekken" in failed["Ouders doen niet mee"]


def test_same_as_reports_a_difference():
    # No valid route map can make residence status count, so to see that same_as catches a
    # difference we let one half of a pair differ in another field as well.
    scenarios = default_scenarios()
    tampered = [
        dataclasses.replace(s, situation={**s.situation, "acute_danger": True})
        if s.name == "Criminele uitbuiting 16 jaar, ongedocumenteerd"
        else s
        for s in scenarios
    ]
    results = run_scenarios(compile_route_map(load_route_map(default_data())), tampered)
    failed = {r.scenario.name: r.problems for r in results if not r.passed}
    (problem,) = failed["Criminele uitbuiting 16 jaar, ongedocumenteerd"]
    assert problem.startswith("wijkt af van scenario Criminele uitbuiting 16 jaar, Nederlands")
    assert "bel-112 (now)" in problem


def test_invalid_situation_in_run_is_a_problem_not_a_crash():
    compiled = compile_route_map(load_route_map(default_data()))
    (result,) = run_scenarios(compiled, [Scenario("x", {"age": "oud"}, ("zorgcoordinator",))])
    assert not result.passed
    assert result.problems[0].startswith("situatie ongeldig: age:")


def test_urgency_for_absent_code():
    compiled = compile_route_map(load_route_map(default_data()))
    (result,) = run_scenarios(compiled, [Scenario("leeg", {}, (), urgency={"csg": "now"})])
    assert result.problems == ("ontbreekt: csg",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "scenarios: [{name: a, situation: {age: vijftien}, must: [csg]}]",
            "scenario 'a', situation.age: moet een geheel getal",
        ),
        (
            "scenarios: [{name: a, situation: {}, must: [bel-politie]}]",
            "scenario 'a', must: onbekende actiecode 'bel-politie'",
        ),
        (
            "scenarios: [{name: a, situation: {}, must: [csg], must_not: [csg]}]",
            "csg staat zowel in must als in must_not",
        ),
        (
            "scenarios: [{name: a, situation: {}, must: [csg], urgency: {csg: snel}}]",
            "urgency.csg: onbekende urgentie 'snel'",
        ),
        (
            "scenarios: [{name: a, situation: {}, must: [csg], same_as: b}]",
            "same_as: scenario 'b' bestaat niet",
        ),
        (
            "scenarios: [{name: a, must: [csg]}, {name: a, must: [csg]}]",
            "scenario 'a': de naam komt twee keer voor",
        ),
        ("scenarios: [{name: a, must: [csg], verwacht: []}]", "onbekende sleutel 'verwacht'"),
        (
            "scenarios: [{name: a, situation: {verblijfsstatus: x}, must: [csg]}]",
            "situation.verblijfsstatus: onbekend veld",
        ),
        ("scenarios: {name: a}", "verwacht een bestand met 'scenarios:'"),
        ("scenarios: [{name: a, must: [csg]\n", "geen geldige YAML op regel"),
    ],
)
def test_load_scenarios_errors(text, expected):
    with pytest.raises(ScenarioError) as info:
        load_scenarios(text)
    assert any(expected in message for message in info.value.messages), info.value.messages
