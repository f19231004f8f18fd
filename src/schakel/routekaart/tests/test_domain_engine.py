"""The routing engine: ordering, merging, determinism, defaults, overrides, no profiling."""

import dataclasses
import json
import random
from pathlib import Path

import pytest

from schakel.routekaart.domain.engine import (
    CompiledRouteMap,
    RoutedAction,
    actions_to_contract,
    compile_route_map,
)
from schakel.routekaart.domain.rules import (
    ACTION_CODES,
    URGENCIES,
    ActionTemplate,
    Condition,
    Contact,
    Rule,
)
from schakel.routekaart.domain.situation import (
    EXPLOITATION_TYPES,
    Situation,
    parse_situation,
)
from schakel.routekaart.domain.validator import load_route_map, route_map_from_yaml

DEFAULTS = Path(__file__).resolve().parent.parent / "defaults"


def default_map() -> CompiledRouteMap:
    text = (DEFAULTS / "routekaart.yaml").read_text(encoding="utf-8")
    return compile_route_map(route_map_from_yaml(text))


def small_map(**contacts) -> CompiledRouteMap:
    data = {
        "name": "Test",
        "contacts": {
            "a": {"name": "Contact A", "phone": "010-1"},
            "b": {"name": "Contact B"},
            "zc": {"name": "Zorgcoördinator", "phone": "030-2"},
        },
        "default_actions": [
            {"code": "zorgcoordinator", "urgency": "this_week", "contact": "zc", "why": "Advies."}
        ],
        "rules": [
            {
                "id": "laat",
                "priority": 50,
                "when": {"online": True},
                "then": [
                    {"code": "nazorg", "urgency": "plan", "why": "N1"},
                    {"code": "politie-avim", "urgency": "this_week", "contact": "b", "why": "P1"},
                ],
            },
            {
                "id": "vroeg",
                "priority": 10,
                "when": {"online": True, "age": {"lt": 18}},
                "then": [
                    {"code": "politie-avim", "urgency": "today", "contact": "a", "why": "P2"},
                    {"code": "csg", "urgency": "today", "why": "C1"},
                ],
            },
            {
                "id": "zelfde-urgentie",
                "priority": 5,
                "when": {"online": True, "age": {"lt": 18}},
                "then": [{"code": "nazorg", "urgency": "plan", "why": "N2"}],
            },
            {
                "id": "dubbel",
                "priority": 60,
                "when": {"online": True},
                "then": [{"code": "politie-avim", "urgency": "this_week", "why": "P1"}],
            },
        ],
    }
    return compile_route_map(load_route_map(data), contacts or None)


def codes(actions):
    return [(a.code, a.urgency) for a in actions]


def test_empty_situation_gives_defaults():
    actions = default_map().route(Situation())
    assert "zorgcoordinator" in [a.code for a in actions]
    assert {a.rule_id for a in actions} == {"standaard"}
    assert small_map().route(Situation()) == [
        RoutedAction(
            "zorgcoordinator",
            "this_week",
            Contact("zc", "Zorgcoördinator", "030-2"),
            "Advies.",
            "standaard",
        )
    ]


def test_merge_keeps_most_urgent_and_joins_whys():
    actions = small_map().route(Situation(online=True, age=15))
    assert codes(actions) == [
        ("politie-avim", "today"),
        ("csg", "today"),
        ("nazorg", "plan"),
    ]
    avim = actions[0]
    assert avim.rule_id == "vroeg"
    assert avim.contact is not None and avim.contact.code == "a"
    assert avim.why == "P2; P1"  # winner first, duplicates once
    nazorg = actions[2]
    # Same urgency: the lower priority number wins and its why comes first.
    assert nazorg.rule_id == "zelfde-urgentie"
    assert nazorg.why == "N2; N1"


def test_ordering_by_urgency_then_priority_then_rule_order():
    actions = small_map().route(Situation(online=True, age=20))
    assert codes(actions) == [("politie-avim", "this_week"), ("nazorg", "plan")]
    ranks = [
        URGENCIES.index(a.urgency)
        for a in default_map().route(
            parse_situation(
                {
                    "age": 17,
                    "exploitation_types": ["sexual"],
                    "acute_danger": True,
                    "also_offender": True,
                    "online": True,
                    "missing": True,
                }
            )
        )
    ]
    assert ranks == sorted(ranks)


def test_priority_tie_broken_by_rule_order():
    data = {
        "name": "T",
        "contacts": {"zc": {"name": "ZC"}},
        "default_actions": [
            {"code": "zorgcoordinator", "urgency": "plan", "contact": "zc", "why": "d"}
        ],
        "rules": [
            {
                "id": "eerste",
                "when": {"online": True},
                "then": [{"code": "nazorg", "urgency": "plan", "why": "eerste"}],
            },
            {
                "id": "tweede",
                "when": {"online": True},
                "then": [
                    {"code": "nazorg", "urgency": "plan", "why": "tweede"},
                    {"code": "csg", "urgency": "plan", "why": "c"},
                ],
            },
        ],
    }
    actions = compile_route_map(load_route_map(data)).route(Situation(online=True))
    assert [(a.code, a.rule_id, a.why) for a in actions] == [
        ("nazorg", "eerste", "eerste; tweede"),
        ("csg", "tweede", "c"),
    ]


def test_when_any_semantics():
    data = {
        "name": "T",
        "contacts": {"zc": {"name": "ZC"}},
        "default_actions": [
            {"code": "zorgcoordinator", "urgency": "plan", "contact": "zc", "why": "d"}
        ],
        "rules": [
            {
                "id": "r",
                "when": {"age": {"lt": 18}},
                "when_any": [{"disclosure": True}, {"structural_unsafety": True, "online": True}],
                "then": [{"code": "veilig-thuis", "urgency": "today", "why": "vt"}],
            },
        ],
    }
    compiled = compile_route_map(load_route_map(data))

    def fires(**kw):
        return compiled.route(Situation(**kw))[0].code == "veilig-thuis"

    assert fires(age=15, disclosure=True)
    assert fires(age=15, structural_unsafety=True, online=True)
    assert not fires(age=15, structural_unsafety=True)  # group must hold entirely
    assert not fires(age=19, disclosure=True)  # when must hold too
    assert not fires(disclosure=True)  # unknown age: lt is False


@pytest.mark.parametrize(
    ("op", "value", "field_value", "expected"),
    [
        ("eq", True, None, False),
        ("ne", True, None, False),
        ("ne", True, False, True),
        ("is_null", True, None, True),
        ("is_null", True, False, False),
        ("not_null", True, None, False),
        ("not_null", True, False, True),
    ],
)
def test_unknown_field_is_false_except_is_null(op, value, field_value, expected):
    rule = Rule(
        "r",
        "",
        (Condition("parents_involved", op, value),),
        (),
        (ActionTemplate("nazorg", "plan", None, "x"),),
    )
    doc = load_route_map(
        {
            "name": "T",
            "contacts": {"zc": {"name": "ZC"}},
            "default_actions": [
                {"code": "zorgcoordinator", "urgency": "plan", "contact": "zc", "why": "d"}
            ],
        }
    )
    compiled = compile_route_map(dataclasses.replace(doc, rules=(rule,)))
    fired = compiled.route(Situation(parents_involved=field_value))[0].code == "nazorg"
    assert fired is expected


@pytest.mark.parametrize(
    ("condition", "situation", "expected"),
    [
        (Condition("age", "lt", 18), Situation(age=17), True),
        (Condition("age", "lt", 18), Situation(age=18), False),
        (Condition("age", "lte", 18), Situation(age=18), True),
        (Condition("age", "gt", 16), Situation(age=16), False),
        (Condition("age", "gte", 16), Situation(age=16), True),
        (Condition("age", "in", (15, 16)), Situation(age=16), True),
        (Condition("age", "in", (15, 16)), Situation(), False),
        (
            Condition("exploitation_types", "contains", "sexual"),
            Situation(exploitation_types=("sexual", "criminal")),
            True,
        ),
        (
            Condition("exploitation_types", "contains", "labour"),
            Situation(exploitation_types=("sexual",)),
            False,
        ),
        (
            Condition("exploitation_types", "contains_any", ("labour", "other")),
            Situation(exploitation_types=("other",)),
            True,
        ),
        (Condition("exploitation_types", "is_null", True), Situation(), True),
        (Condition("exploitation_types", "not_null", True), Situation(), False),
        (Condition("municipality", "eq", "GM0344"), Situation(municipality="GM0344"), True),
        (Condition("municipality", "ne", "GM0344"), Situation(municipality="GM0356"), True),
    ],
)
def test_operators(condition, situation, expected):
    doc = load_route_map(
        {
            "name": "T",
            "contacts": {"zc": {"name": "ZC"}},
            "default_actions": [
                {"code": "zorgcoordinator", "urgency": "plan", "contact": "zc", "why": "d"}
            ],
        }
    )
    rule = Rule("r", "", (condition,), (), (ActionTemplate("nazorg", "plan", None, "x"),))
    compiled = compile_route_map(dataclasses.replace(doc, rules=(rule,)))
    assert (compiled.route(situation)[0].code == "nazorg") is expected


def test_deterministic():
    compiled = default_map()
    situation = parse_situation(
        {
            "age": 16,
            "exploitation_types": ["criminal", "sexual"],
            "online": True,
            "wants_anonymity": True,
            "parents_involved": False,
            "missing_episodes_90d": 4,
        }
    )
    first = compiled.route(situation)
    for _ in range(5):
        assert compiled.route(situation) == first
    assert default_map().route(situation) == first  # a fresh compile gives the same


def test_contacts_override_by_code():
    regional = Contact("zc", "Zorgcoördinator regio Utrecht", "030-1234567", hours="ma-vr")
    compiled = small_map(zc=regional)
    (action,) = compiled.route(Situation())
    assert action.contact == regional
    assert compiled.doc.contacts["zc"].name == "Zorgcoördinator"  # doc unchanged
    contract = actions_to_contract([action])
    assert contract["actions"][0]["contact"] == "Zorgcoördinator regio Utrecht, 030-1234567"


def test_override_on_default_map():
    zc = Contact("zorgcoordinator", "Zorgcoördinator mensenhandel Midden-Nederland", "030-0000000")
    compiled = compile_route_map(default_map().doc, {"zorgcoordinator": zc})
    actions = compiled.route(parse_situation({"exploitation_types": ["sexual"]}))
    zorg = next(a for a in actions if a.code == "zorgcoordinator")
    assert zorg.contact == zc


def test_safety_actions_never_dropped_by_anonymity():
    compiled = default_map()
    actions = compiled.route(parse_situation({"acute_danger": True, "wants_anonymity": True}))
    assert ("bel-112", "now") in codes(actions)
    assert "kindertelefoon" in [a.code for a in actions]


def test_residence_status_is_never_read():
    class Spy(Situation):
        def __getattribute__(self, name):
            if name == "residence_status":
                raise AssertionError("residence_status gelezen")
            return super().__getattribute__(name)

    compiled = default_map()
    spy = Spy.__new__(Spy)
    for field in dataclasses.fields(Situation):
        object.__setattr__(spy, field.name, None)
    object.__setattr__(spy, "exploitation_types", ("sexual",))
    object.__setattr__(spy, "age", 15)
    assert compiled.route(spy)


def test_compile_refuses_forbidden_field_even_without_validator():
    doc = default_map().doc
    bad = Rule(
        "bad",
        "",
        (Condition("residence_status", "eq", "asielzoeker"),),
        (),
        (ActionTemplate("bel-112", "now", None, "x"),),
    )
    with pytest.raises(ValueError, match="mogen nooit meetellen"):
        compile_route_map(dataclasses.replace(doc, rules=(*doc.rules, bad)))


def random_situation(rng: random.Random) -> dict:
    def maybe(value):
        return None if rng.random() < 0.3 else value

    return {
        "age": maybe(rng.randint(8, 23)),
        "exploitation_types": maybe(
            rng.sample(EXPLOITATION_TYPES, rng.randint(0, len(EXPLOITATION_TYPES)))
        ),
        "online": maybe(rng.random() < 0.5),
        "acute_danger": maybe(rng.random() < 0.2),
        "structural_unsafety": maybe(rng.random() < 0.3),
        "disclosure": maybe(rng.random() < 0.3),
        "sexual_assault_days_ago": maybe(rng.randint(0, 30)),
        "missing": maybe(rng.random() < 0.2),
        "missing_episodes_90d": maybe(rng.randint(0, 5)),
        "also_offender": maybe(rng.random() < 0.2),
        "wants_anonymity": maybe(rng.random() < 0.3),
        "parents_involved": maybe(rng.random() < 0.3),
        "municipality": maybe(rng.choice(["GM0344", "GM0356", "GM0014", "GM0363"])),
    }


RESIDENCE = [
    None,
    "onbekend",
    "asielzoeker",
    "ongedocumenteerd",
    "Nederlands",
    "verblijfsvergunning",
    "alleenstaande minderjarige asielzoeker",
    "",
]


def test_residence_status_never_changes_the_outcome_property():
    compiled = default_map()
    rng = random.Random(20250101)
    for _ in range(2000):
        data = random_situation(rng)
        baseline = compiled.route(parse_situation(data))
        for status in rng.sample(RESIDENCE, 3):
            assert compiled.route(parse_situation({**data, "residence_status": status})) == (
                baseline
            ), (data, status)


def test_random_situations_never_raise_and_are_well_formed():
    compiled = default_map()
    rng = random.Random(7)
    for _ in range(2000):
        actions = compiled.route(parse_situation(random_situation(rng)))
        assert actions
        seen = [a.code for a in actions]
        assert len(seen) == len(set(seen))  # one action per code
        assert all(a.code in ACTION_CODES and a.urgency in URGENCIES and a.why for a in actions)
        ranks = [URGENCIES.index(a.urgency) for a in actions]
        assert ranks == sorted(ranks)


def test_fired_rule_ids():
    compiled = default_map()
    assert compiled.fired_rule_ids(Situation()) == []
    assert compiled.fired_rule_ids(Situation(acute_danger=True)) == ["acuut-gevaar"]


def test_contract_shape():
    compiled = default_map()
    contract = actions_to_contract(
        compiled.route(parse_situation({"acute_danger": True, "wants_anonymity": True}))
    )
    assert list(contract) == ["actions"]
    for action in contract["actions"]:
        assert list(action) == ["code", "urgency", "contact", "why"]
        assert all(isinstance(v, str) for v in action.values())
    first = contract["actions"][0]
    assert first["code"] == "bel-112" and first["urgency"] == "now"
    assert first["contact"] == "Alarmnummer, 112"
    by_code = {a["code"]: a for a in contract["actions"]}
    assert by_code["collegiale-consultatie"]["contact"] == ""  # no contact
    assert by_code["chat-met-fier"]["contact"] == "Chat met Fier"  # no phone: name only
    json.dumps(contract)  # serialisable


def test_contract_of_nothing():
    assert actions_to_contract([]) == {"actions": []}
