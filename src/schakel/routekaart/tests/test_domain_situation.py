"""Parsing a situation: strict, all errors at once, Dutch messages naming the field."""

import pytest

from schakel.routekaart.domain.situation import (
    SITUATION_FIELDS,
    Situation,
    SituationError,
    parse_situation,
    situation_to_dict,
)


def test_fields_are_the_contract_fields_in_order():
    assert list(SITUATION_FIELDS) == [
        "age",
        "exploitation_types",
        "online",
        "acute_danger",
        "structural_unsafety",
        "disclosure",
        "sexual_assault_days_ago",
        "missing",
        "missing_episodes_90d",
        "also_offender",
        "wants_anonymity",
        "parents_involved",
        "municipality",
        "residence_status",
    ]


def test_empty_situation_is_all_unknown():
    situation = parse_situation({})
    assert situation == Situation()
    assert situation.exploitation_types == ()
    assert situation.age is None


def test_valid_full_situation():
    data = {
        "age": 15,
        "exploitation_types": ["criminal", "sexual"],
        "online": True,
        "acute_danger": False,
        "structural_unsafety": True,
        "disclosure": False,
        "sexual_assault_days_ago": 3,
        "missing": False,
        "missing_episodes_90d": 2,
        "also_offender": False,
        "wants_anonymity": True,
        "parents_involved": None,
        "municipality": "GM0344",
        "residence_status": "onbekend",
    }
    situation = parse_situation(data)
    # Canonical order, so equal situations compare equal.
    assert situation.exploitation_types == ("sexual", "criminal")
    assert situation.parents_involved is None
    assert situation.municipality == "GM0344"
    assert situation.residence_status == "onbekend"


def test_duplicate_types_collapse():
    assert parse_situation({"exploitation_types": ["sexual", "sexual"]}).exploitation_types == (
        "sexual",
    )


def test_null_means_unknown():
    situation = parse_situation({"age": None, "exploitation_types": None, "online": None})
    assert situation == Situation()


def test_unknown_field_lists_allowed_fields():
    with pytest.raises(SituationError) as info:
        parse_situation({"leeftijd": 15})
    (message,) = info.value.messages
    assert message.startswith("leeftijd: onbekend veld")
    assert "age" in message and "parents_involved" in message


def test_nationality_is_refused_with_the_reason():
    with pytest.raises(SituationError) as info:
        parse_situation({"nationaliteit": "NL"})
    assert "nooit meetellen" in info.value.messages[0]


def test_wrong_int_message_names_field_and_value():
    with pytest.raises(SituationError) as info:
        parse_situation({"age": "vijftien"})
    assert info.value.messages == ["age: moet een geheel getal van 0 tot 30 zijn, niet 'vijftien'"]


@pytest.mark.parametrize("value", [True, False, 15.0, "15", -1, 31])
def test_age_must_be_a_real_int_in_range(value):
    with pytest.raises(SituationError) as info:
        parse_situation({"age": value})
    assert info.value.messages[0].startswith("age: moet een geheel getal")


@pytest.mark.parametrize("value", [1, 0, "true", "ja", 1.0])
def test_bool_must_be_a_real_bool(value):
    with pytest.raises(SituationError) as info:
        parse_situation({"acute_danger": value})
    assert info.value.messages[0].startswith("acute_danger: moet true of false zijn")


def test_bool_error_shows_json_spelling():
    with pytest.raises(SituationError) as info:
        parse_situation({"age": True})
    assert info.value.messages[0].endswith("niet true")


def test_exploitation_types_checked():
    with pytest.raises(SituationError) as info:
        parse_situation({"exploitation_types": ["sexual", "loverboy"]})
    assert "exploitation_types: onbekende vorm 'loverboy'" in info.value.messages[0]
    with pytest.raises(SituationError):
        parse_situation({"exploitation_types": "sexual"})


def test_municipality_must_be_cbs_code():
    with pytest.raises(SituationError) as info:
        parse_situation({"municipality": "Utrecht"})
    assert info.value.messages[0].startswith("municipality: moet een CBS-gemeentecode")
    assert parse_situation({"municipality": "GM0014"}).municipality == "GM0014"


def test_residence_status_must_be_text():
    with pytest.raises(SituationError) as info:
        parse_situation({"residence_status": 3})
    assert info.value.messages[0].startswith("residence_status: moet tekst zijn")


def test_all_errors_at_once():
    with pytest.raises(SituationError) as info:
        parse_situation(
            {
                "age": "vijftien",
                "online": 1,
                "foo": True,
                "missing_episodes_90d": -2,
                "exploitation_types": ["x"],
            }
        )
    fields = [message.split(":")[0] for message in info.value.messages]
    assert fields == ["age", "online", "foo", "missing_episodes_90d", "exploitation_types"]
    assert "age: moet een geheel getal" in str(info.value)


def test_not_a_mapping():
    with pytest.raises(SituationError):
        parse_situation(["age", 15])  # type: ignore[arg-type]


def test_situation_error_is_a_value_error():
    assert issubclass(SituationError, ValueError)


def test_to_dict_round_trip():
    data = {"age": 17, "exploitation_types": ["sexual"], "online": True, "residence_status": "x"}
    situation = parse_situation(data)
    as_dict = situation_to_dict(situation)
    assert list(as_dict) == list(SITUATION_FIELDS)
    assert as_dict["exploitation_types"] == ["sexual"]
    assert as_dict["missing"] is None
    assert parse_situation(as_dict) == situation
