"""Validating route maps: every kind of issue, all at once, precise and in Dutch."""

import copy
from pathlib import Path

import pytest
import yaml

from schakel.routekaart.domain.rules import (
    ACTION_CODES,
    FORBIDDEN_FIELDS,
    URGENCIES,
    URGENCY_LABELS,
    Condition,
    RouteMapDoc,
)
from schakel.routekaart.domain.validator import (
    RouteMapError,
    ValidationIssue,
    load_route_map,
    route_map_from_yaml,
    route_map_to_dict,
    route_map_to_yaml,
)

DEFAULTS = Path(__file__).resolve().parent.parent / "defaults"


def minimal() -> dict:
    return {
        "name": "Test",
        "description": "Kleine kaart",
        "contacts": {
            "112": {"name": "Alarmnummer", "phone": "112"},
            "zorgcoordinator": {"name": "Zorgcoördinator"},
        },
        "default_actions": [
            {
                "code": "zorgcoordinator",
                "urgency": "this_week",
                "contact": "zorgcoordinator",
                "why": "Vraag advies.",
            }
        ],
        "rules": [
            {
                "id": "acuut",
                "when": {"acute_danger": True},
                "then": [{"code": "bel-112", "urgency": "now", "contact": "112", "why": "Bel."}],
            }
        ],
    }


def issues_of(data) -> list[ValidationIssue]:
    with pytest.raises(RouteMapError) as info:
        load_route_map(data)
    return info.value.issues


def with_rule(**rule) -> dict:
    data = minimal()
    base = {"id": "r1", "then": [{"code": "nazorg", "urgency": "plan", "why": "Later."}]}
    base.update(rule)
    data["rules"].append(base)
    return data


def test_constants():
    assert len(ACTION_CODES) == 16
    assert ACTION_CODES[0] == "bel-112" and ACTION_CODES[-1] == "nazorg"
    assert URGENCIES == ("now", "today", "this_week", "plan")
    assert URGENCY_LABELS == {
        "now": "nu",
        "today": "vandaag",
        "this_week": "deze week",
        "plan": "plannen",
    }
    assert {"residence_status", "verblijfsstatus", "nationaliteit", "afkomst"} <= FORBIDDEN_FIELDS


def test_minimal_map_loads():
    doc = load_route_map(minimal())
    assert isinstance(doc, RouteMapDoc)
    assert doc.rules[0].when == (Condition("acute_danger", "eq", True),)
    assert doc.rules[0].priority == 100
    assert doc.contacts["112"].phone == "112"


def test_default_map_loads():
    doc = route_map_from_yaml((DEFAULTS / "routekaart.yaml").read_text(encoding="utf-8"))
    assert len(doc.rules) >= 15
    assert any(a.code == "zorgcoordinator" for a in doc.default_actions)
    assert len(doc.consultations) >= 3
    names = {c.name for c in doc.consultations}
    assert {"Regionaal casusoverleg mensenhandel", "Collegiale consultatie"} <= names
    for code in (
        "112",
        "politie",
        "avim",
        "veilig-thuis",
        "csg",
        "zorgcoordinator",
        "comensha",
        "zorg-en-veiligheidshuis",
        "expertisecentrum",
        "chat-met-fier",
        "kindertelefoon",
        "platform-hope",
        "hulp-jonge-dader",
    ):
        assert code in doc.contacts, code
    assert doc.contacts["veilig-thuis"].phone == "0800-2000"
    assert doc.contacts["zorgcoordinator"].phone == ""


def test_default_map_has_a_why_for_every_action_and_avoids_bad_words():
    text = (DEFAULTS / "routekaart.yaml").read_text(encoding="utf-8").lower()
    for word in ("loverboy", "kinderprostitu", "jeugdprostitu", "tienerpooier", "kinderporno"):
        assert word not in text
    doc = route_map_from_yaml(text)
    for rule in doc.rules:
        assert rule.description
        for action in rule.then:
            assert len(action.why) > 20, (rule.id, action.code)


def test_unknown_top_level_key():
    data = minimal()
    data["regels"] = []
    (issue,) = issues_of(data)
    assert issue.rule_id is None
    assert issue.field == "regels"
    assert "onbekende sleutel 'regels'" in issue.message
    assert "rules" in issue.message


def test_unknown_field_in_condition():
    issue = issues_of(with_rule(when={"leeftijd": 15}))[0]
    assert issue.rule_id == "r1"
    assert issue.field == "when.leeftijd"
    assert "onbekend veld 'leeftijd'" in issue.message
    assert "age" in issue.message and "residence_status" not in issue.message


@pytest.mark.parametrize(
    "name",
    [
        "residence_status",
        "verblijfsstatus",
        "nationaliteit",
        "afkomst",
        "Nationality",
        "nationaliteit_ouders",
    ],
)
def test_forbidden_field_in_when(name):
    (issue,) = issues_of(with_rule(when={name: "asielzoeker", "age": {"lt": 18}}))
    assert issue.rule_id == "r1"
    assert issue.field == f"when.{name}"
    assert "verblijfsstatus, nationaliteit en afkomst mogen nooit meetellen" in issue.message
    assert "nooit toegestaan" in issue.message


def test_forbidden_field_in_when_any_and_operator_form():
    data = with_rule(
        when_any=[{"disclosure": True}, {"residence_status": {"in": ["asielzoeker"]}}],
    )
    (issue,) = issues_of(data)
    assert (issue.rule_id, issue.field) == ("r1", "when_any[1].residence_status")
    assert "mogen nooit meetellen" in issue.message


def test_forbidden_name_as_nested_operator():
    (issue,) = issues_of(with_rule(when={"age": {"lt": 18, "nationality": "x"}}))
    assert issue.field == "when.age.nationality"
    assert "mogen nooit meetellen" in issue.message


def test_forbidden_name_as_rule_key_or_top_level_key():
    data = with_rule(when={"age": 15}, afkomst="x")
    data["verblijfsstatus"] = {"asielzoeker": True}
    messages = {(i.rule_id, i.field): i.message for i in issues_of(data)}
    assert "mogen nooit meetellen" in messages[(None, "verblijfsstatus")]
    assert "mogen nooit meetellen" in messages[("r1", "afkomst")]


def test_wrong_op_for_field_type():
    issues = issues_of(
        with_rule(
            when={
                "acute_danger": {"lt": 1},
                "exploitation_types": "sexual",
                "municipality": {"gt": "GM0001"},
            }
        )
    )
    by_field = {i.field: i.message for i in issues}
    assert "operator 'lt' past niet bij veld acute_danger" in by_field["when.acute_danger.lt"]
    assert "toegestaan: eq, ne, is_null, not_null" in by_field["when.acute_danger.lt"]
    assert "contains" in by_field["when.exploitation_types"]
    assert "operator 'gt' past niet bij veld municipality" in by_field["when.municipality.gt"]


def test_unknown_operator():
    (issue,) = issues_of(with_rule(when={"age": {"kleiner": 18}}))
    assert issue.field == "when.age.kleiner"
    assert "onbekende operator 'kleiner'" in issue.message
    assert "lt" in issue.message


def test_field_inside_field_is_explained():
    (issue,) = issues_of(with_rule(when={"age": {"online": True}}))
    assert "een veld kan niet binnen een ander veld staan" in issue.message


def test_wrong_value_types():
    issues = issues_of(
        with_rule(
            when={
                "age": {"lt": "18"},
                "online": "ja",
                "missing_episodes_90d": {"gte": True},
                "exploitation_types": {"contains": "loverboy"},
                "municipality": "Utrecht",
                "sexual_assault_days_ago": {"in": []},
                "disclosure": {"is_null": False},
            }
        )
    )
    by_field = {i.field: i.message for i in issues}
    assert "verwacht een geheel getal, niet '18'" in by_field["when.age.lt"]
    assert "verwacht true of false, niet 'ja'" in by_field["when.online"]
    assert "verwacht een geheel getal, niet true" in by_field["when.missing_episodes_90d.gte"]
    assert (
        "onbekende vorm van uitbuiting 'loverboy'" in by_field["when.exploitation_types.contains"]
    )
    assert "CBS-gemeentecode" in by_field["when.municipality"]
    assert "niet-lege lijst" in by_field["when.sexual_assault_days_ago.in"]
    assert "verwacht de waarde true" in by_field["when.disclosure.is_null"]
    assert len(issues) == 7


def test_value_out_of_range():
    (issue,) = issues_of(with_rule(when={"age": {"lt": 180}}))
    assert "buiten het bereik van age (0 tot 30)" in issue.message


def test_unknown_action_code_and_urgency():
    data = with_rule(
        when={"online": True},
        then=[{"code": "bel-politie", "urgency": "asap", "why": "Snel."}],
    )
    by_field = {i.field: i for i in issues_of(data)}
    assert by_field["then[0].code"].rule_id == "r1"
    assert "onbekende actiecode 'bel-politie'" in by_field["then[0].code"].message
    assert "politie-avim" in by_field["then[0].code"].message
    assert "onbekende urgentie 'asap'" in by_field["then[0].urgency"].message
    assert "now, today, this_week, plan" in by_field["then[0].urgency"].message


def test_contact_not_defined():
    data = with_rule(
        when={"online": True},
        then=[{"code": "csg", "urgency": "now", "contact": "centrum-sg", "why": "Bel."}],
    )
    (issue,) = issues_of(data)
    assert (issue.rule_id, issue.field) == ("r1", "then[0].contact")
    assert "contact 'centrum-sg' is niet gedefinieerd" in issue.message


def test_contact_code_as_number_is_explained():
    data = with_rule(
        when={"online": True},
        then=[{"code": "bel-112", "urgency": "now", "contact": 112, "why": "Bel."}],
    )
    (issue,) = issues_of(data)
    assert "aanhalingstekens" in issue.message


def test_empty_or_missing_then():
    issues = issues_of(with_rule(when={"online": True}, then=[]))
    assert [(i.rule_id, i.field) for i in issues] == [("r1", "then")]
    assert "minstens één actie" in issues[0].message
    data = with_rule(when={"online": True})
    del data["rules"][1]["then"]
    assert [(i.rule_id, i.field) for i in issues_of(data)] == [("r1", "then")]


def test_missing_why():
    data = with_rule(when={"online": True}, then=[{"code": "nazorg", "urgency": "plan"}])
    (issue,) = issues_of(data)
    assert issue.field == "then[0].why"


def test_missing_default_actions():
    data = minimal()
    del data["default_actions"]
    (issue,) = issues_of(data)
    assert issue.field == "default_actions"
    assert "zorgcoordinator" in issue.message


def test_default_actions_must_include_zorgcoordinator():
    data = minimal()
    data["default_actions"] = [{"code": "nazorg", "urgency": "plan", "why": "Later."}]
    (issue,) = issues_of(data)
    assert issue.field == "default_actions"
    assert "'zorgcoordinator'" in issue.message


def test_duplicate_and_bad_rule_ids():
    data = minimal()
    rule = copy.deepcopy(data["rules"][0])
    data["rules"] += [rule, {**rule, "id": "Acuut Gevaar"}, {**rule, "id": "standaard"}]
    del data["rules"][-1]["id"]
    data["rules"].append({**rule, "id": "standaard"})
    issues = issues_of(data)
    messages = [(i.rule_id, i.field, i.message) for i in issues]
    assert messages[0][:2] == ("acuut", "id") and "dubbele id" in messages[0][2]
    assert messages[1][1] == "rules[2].id" and "ongeldige id 'Acuut Gevaar'" in messages[1][2]
    assert messages[2][1] == "rules[3].id" and "ontbreekt" in messages[2][2]
    assert messages[3][:2] == ("standaard", "id") and "gereserveerd" in messages[3][2]


def test_rule_without_conditions():
    (issue,) = issues_of(with_rule())
    assert (issue.rule_id, issue.field) == ("r1", "when")
    assert "geen voorwaarden" in issue.message


def test_unknown_rule_key_and_bad_priority():
    issues = issues_of(with_rule(when={"online": True}, wanneer={}, priority="hoog"))
    fields = {i.field for i in issues}
    assert fields == {"wanneer", "priority"}


def test_when_any_shape():
    issues = issues_of(with_rule(when_any={"online": True}))
    assert issues[0].field == "when_any"
    issues = issues_of(with_rule(when={"online": True}, when_any=[{}]))
    assert issues[0].field == "when_any[0]"


def test_all_issues_reported_at_once():
    data = minimal()
    data["extra"] = 1
    data["contacts"]["veilig thuis"] = {"name": "VT"}
    data["rules"].append(
        {
            "id": "r2",
            "when": {"verblijfsstatus": "x", "age": {"lt": "x"}},
            "when_any": [{"nationaliteit": "NL"}],
            "then": [{"code": "x", "urgency": "y", "contact": "nope", "why": ""}],
        }
    )
    issues = issues_of(data)
    assert len(issues) == 9
    text = str(RouteMapError(issues))
    assert text.startswith("De routekaart bevat 9 fouten:")
    assert "regel 'r2', when.verblijfsstatus:" in text
    assert "contacts.veilig thuis" in text


def test_str_of_issue():
    issue = ValidationIssue("acuut", "when.age", "fout")
    assert str(issue) == "regel 'acuut', when.age: fout"
    assert str(ValidationIssue(None, "name", "ontbreekt")) == "name: ontbreekt"


def test_operator_and_shorthand_forms():
    doc = load_route_map(
        with_rule(
            when={
                "age": {"gte": 12, "lt": 18},
                "exploitation_types": {"contains_any": ["sexual", "criminal"]},
                "parents_involved": None,
                "municipality": {"in": ["GM0344", "GM0356"]},
            },
            when_any=[{"disclosure": True}, {"structural_unsafety": {"ne": False}}],
            priority=5,
        )
    )
    rule = doc.rules[1]
    assert rule.when == (
        Condition("age", "gte", 12),
        Condition("age", "lt", 18),
        Condition("exploitation_types", "contains_any", ("sexual", "criminal")),
        Condition("parents_involved", "is_null", True),
        Condition("municipality", "in", ("GM0344", "GM0356")),
    )
    assert rule.when_any == (
        (Condition("disclosure", "eq", True),),
        (Condition("structural_unsafety", "ne", False),),
    )
    assert rule.priority == 5


# -- YAML ---------------------------------------------------------------------------------


def test_yaml_round_trip_default_map():
    text = (DEFAULTS / "routekaart.yaml").read_text(encoding="utf-8")
    doc = route_map_from_yaml(text)
    out = route_map_to_yaml(doc)
    assert route_map_from_yaml(out) == doc
    assert route_map_to_yaml(route_map_from_yaml(out)) == out  # stable
    assert "Zorgcoördinator" in out  # allow_unicode
    assert load_route_map(route_map_to_dict(doc)) == doc


def test_yaml_output_has_stable_key_order():
    doc = route_map_from_yaml((DEFAULTS / "routekaart.yaml").read_text(encoding="utf-8"))
    data = yaml.safe_load(route_map_to_yaml(doc))
    assert list(data) == [
        "name",
        "description",
        "contacts",
        "consultations",
        "default_actions",
        "rules",
    ]
    assert list(data["rules"][0])[:3] == ["id", "description", "priority"]


def test_yaml_changed_rule_diffs_on_few_lines():
    doc = route_map_from_yaml((DEFAULTS / "routekaart.yaml").read_text(encoding="utf-8"))
    before = route_map_to_yaml(doc).splitlines()
    data = route_map_to_dict(doc)
    data["rules"][2]["priority"] = 11
    after = route_map_to_yaml(load_route_map(data)).splitlines()
    assert len(before) == len(after)
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1


def test_yaml_syntax_error_has_line_number():
    text = "name: Test\nrules:\n  - id: a\n    when: {acute_danger: true\n"
    with pytest.raises(RouteMapError) as info:
        route_map_from_yaml(text)
    (issue,) = info.value.issues
    assert issue.field == "yaml"
    assert "geen geldige YAML op regel" in issue.message


def test_yaml_duplicate_key_is_refused():
    text = "name: Test\nname: Nog eens\n"
    with pytest.raises(RouteMapError) as info:
        route_map_from_yaml(text)
    assert "sleutel 'name' staat twee keer" in info.value.issues[0].message
    assert "regel 2" in info.value.issues[0].message


def test_yaml_empty_or_not_a_mapping():
    for text in ("", "- a\n- b\n"):
        with pytest.raises(RouteMapError) as info:
            route_map_from_yaml(text)
        assert info.value.issues[0].field == "yaml"


def test_yaml_validation_errors_are_reported():
    text = "name: Test\nrules: []\ndefault_actions: []\nverblijfsstatus: 1\n"
    with pytest.raises(RouteMapError) as info:
        route_map_from_yaml(text)
    fields = [i.field for i in info.value.issues]
    assert fields == ["verblijfsstatus", "default_actions"]
