"""Scenarios: fictitious situations with the actions a route map must (not) give (pure).

A route-map owner changes a rule, runs the scenarios and sees in Dutch what changed:
"ontbreekt: veilig-thuis", "mag niet: ouders-betrekken", "urgentie van csg is today,
verwacht now", "wijkt af van scenario X". ``same_as`` pairs situations that differ only in
residence status: their routes must be identical.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import yaml

from .engine import CompiledRouteMap, RoutedAction
from .rules import ACTION_CODES, URGENCIES
from .situation import SituationError, parse_situation, show_value
from .validator import safe_yaml

SCENARIO_KEYS: Final = (
    "name",
    "description",
    "situation",
    "must",
    "must_not",
    "urgency",
    "same_as",
)


class ScenarioError(ValueError):
    """The scenario file is not valid; ``messages`` are Dutch and name the scenario."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__("Ongeldige scenario's:\n" + "\n".join(f"- {m}" for m in self.messages))


@dataclass(frozen=True)
class Scenario:
    name: str
    situation: dict[str, object]
    must: tuple[str, ...]
    must_not: tuple[str, ...] = ()
    urgency: dict[str, str] = field(default_factory=dict)
    same_as: str | None = None
    description: str = ""


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    passed: bool
    problems: tuple[str, ...]
    actions: tuple[RoutedAction, ...]


def _codes(name: str, key: str, value: object, errors: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        errors.append(f"scenario '{name}', {key}: moet een lijst van actiecodes zijn")
        return ()
    result: list[str] = []
    for code in value:
        if not isinstance(code, str) or code not in ACTION_CODES:
            errors.append(
                f"scenario '{name}', {key}: onbekende actiecode {show_value(code)}; "
                f"toegestaan: {', '.join(ACTION_CODES)}"
            )
        elif code in result:
            errors.append(f"scenario '{name}', {key}: {code} staat er twee keer in")
        else:
            result.append(code)
    return tuple(result)


def _scenario(i: int, body: object, errors: list[str]) -> Scenario | None:
    if not isinstance(body, Mapping):
        errors.append(f"scenario {i + 1}: moet velden hebben: {', '.join(SCENARIO_KEYS)}")
        return None
    raw_name = body.get("name")
    if not isinstance(raw_name, str) or not raw_name.strip():
        errors.append(f"scenario {i + 1}: name ontbreekt of is geen tekst")
        name = f"scenario {i + 1}"
    else:
        name = raw_name
    for key in body:
        if key not in SCENARIO_KEYS:
            errors.append(
                f"scenario '{name}': onbekende sleutel {show_value(key)}; "
                f"toegestaan: {', '.join(SCENARIO_KEYS)}"
            )
    description = body.get("description", "")
    if not isinstance(description, str):
        errors.append(f"scenario '{name}', description: moet tekst zijn")
        description = ""
    situation = body.get("situation", {})
    if situation is None:
        situation = {}
    if not isinstance(situation, Mapping):
        errors.append(f"scenario '{name}', situation: moet velden met waarden zijn")
        situation = {}
    else:
        try:
            parse_situation(situation)
        except SituationError as exc:
            errors.extend(f"scenario '{name}', situation.{m}" for m in exc.messages)
    must = _codes(name, "must", body.get("must"), errors)
    must_not = _codes(name, "must_not", body.get("must_not"), errors)
    for code in sorted(set(must) & set(must_not), key=ACTION_CODES.index):
        errors.append(f"scenario '{name}': {code} staat zowel in must als in must_not")
    urgency: dict[str, str] = {}
    raw_urgency = body.get("urgency")
    if raw_urgency is not None and not isinstance(raw_urgency, Mapping):
        errors.append(f"scenario '{name}', urgency: moet actiecode: urgentie zijn")
    elif raw_urgency:
        for code, level in raw_urgency.items():
            if not isinstance(code, str) or code not in ACTION_CODES:
                errors.append(f"scenario '{name}', urgency: onbekende actiecode {show_value(code)}")
            elif not isinstance(level, str) or level not in URGENCIES:
                errors.append(
                    f"scenario '{name}', urgency.{code}: onbekende urgentie "
                    f"{show_value(level)}; toegestaan: {', '.join(URGENCIES)}"
                )
            elif code in must_not:
                errors.append(
                    f"scenario '{name}', urgency.{code}: deze actie staat ook in must_not"
                )
            else:
                urgency[code] = level
    same_as = body.get("same_as")
    if same_as is not None and not isinstance(same_as, str):
        errors.append(f"scenario '{name}', same_as: moet de naam van een ander scenario zijn")
        same_as = None
    return Scenario(
        name=name,
        situation=dict(situation),
        must=must,
        must_not=must_not,
        urgency=urgency,
        same_as=same_as,
        description=description,
    )


def load_scenarios(text: str) -> list[Scenario]:
    """Read scenarios from YAML: ``scenarios: [{name, situation, must, ...}]``."""
    try:
        data = safe_yaml(text, "Het scenariobestand")
    except ValueError as exc:
        raise ScenarioError([str(exc)]) from None
    if not isinstance(data, Mapping) or not isinstance(data.get("scenarios"), list):
        raise ScenarioError(["verwacht een bestand met 'scenarios:' en daaronder een lijst"])
    extra = [key for key in data if key != "scenarios"]
    errors: list[str] = [f"onbekende sleutel {show_value(key)} bovenaan" for key in extra]
    result: list[Scenario] = []
    for i, body in enumerate(data["scenarios"]):
        scenario = _scenario(i, body, errors)
        if scenario is not None:
            result.append(scenario)
    names: set[str] = set()
    for scenario in result:
        if scenario.name in names:
            errors.append(f"scenario '{scenario.name}': de naam komt twee keer voor")
        names.add(scenario.name)
    for scenario in result:
        if scenario.same_as is not None:
            if scenario.same_as == scenario.name:
                errors.append(f"scenario '{scenario.name}', same_as: verwijst naar zichzelf")
            elif scenario.same_as not in names:
                errors.append(
                    f"scenario '{scenario.name}', same_as: scenario '{scenario.same_as}' "
                    "bestaat niet"
                )
    if errors:
        raise ScenarioError(errors)
    return result


def scenarios_to_yaml(scenarios: Sequence[Scenario]) -> str:
    items: list[dict[str, object]] = []
    for scenario in scenarios:
        item: dict[str, object] = {"name": scenario.name}
        if scenario.description:
            item["description"] = scenario.description
        item["situation"] = dict(scenario.situation)
        item["must"] = list(scenario.must)
        if scenario.must_not:
            item["must_not"] = list(scenario.must_not)
        if scenario.urgency:
            item["urgency"] = dict(scenario.urgency)
        if scenario.same_as is not None:
            item["same_as"] = scenario.same_as
        items.append(item)
    return yaml.safe_dump({"scenarios": items}, allow_unicode=True, sort_keys=False, width=100)


def _signature(actions: Sequence[RoutedAction]) -> list[tuple[str, str]]:
    return [(action.code, action.urgency) for action in actions]


def run_scenarios(
    compiled: CompiledRouteMap, scenarios: Sequence[Scenario]
) -> list[ScenarioResult]:
    """Route every scenario and compare with what it expects. Problems are in Dutch."""
    routed: dict[str, tuple[RoutedAction, ...] | None] = {}
    parse_problems: dict[str, str] = {}
    for scenario in scenarios:
        try:
            situation = parse_situation(scenario.situation)
        except SituationError as exc:
            routed[scenario.name] = None
            parse_problems[scenario.name] = "situatie ongeldig: " + "; ".join(exc.messages)
            continue
        routed[scenario.name] = tuple(compiled.route(situation))
    results: list[ScenarioResult] = []
    for scenario in scenarios:
        actions = routed[scenario.name]
        if actions is None:
            problem = parse_problems[scenario.name]
            results.append(ScenarioResult(scenario, False, (problem,), ()))
            continue
        problems: list[str] = []
        got = {action.code: action for action in actions}
        for code in scenario.must:
            if code not in got:
                problems.append(f"ontbreekt: {code}")
        for code in scenario.must_not:
            if code in got:
                problems.append(f"mag niet: {code}")
        for code, expected in scenario.urgency.items():
            action = got.get(code)
            if action is None:
                if code not in scenario.must:
                    problems.append(f"ontbreekt: {code}")
            elif action.urgency != expected:
                problems.append(f"urgentie van {code} is {action.urgency}, verwacht {expected}")
        if scenario.same_as is not None:
            other = routed.get(scenario.same_as)
            if other is None:
                problems.append(
                    f"wijkt af van scenario {scenario.same_as}: dat scenario is er niet "
                    "of kon niet worden gerouteerd"
                )
            elif _signature(other) != _signature(actions):
                mine = ", ".join(f"{c} ({u})" for c, u in _signature(actions))
                theirs = ", ".join(f"{c} ({u})" for c, u in _signature(other))
                problems.append(
                    f"wijkt af van scenario {scenario.same_as}: hier [{mine}], daar [{theirs}]"
                )
        results.append(ScenarioResult(scenario, not problems, tuple(problems), actions))
    return results
