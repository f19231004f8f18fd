"""The rubric as data: the shipped one is complete, and a broken edit is refused in Dutch."""

import copy

import pytest
import yaml

from schakel.beleidsscan.domain.rubric import (
    DEFAULT_RUBRIC,
    FEATURES,
    RubricError,
    load_rubric,
    parse_rubric,
)


def _shipped() -> dict:
    return yaml.safe_load(DEFAULT_RUBRIC.read_text(encoding="utf-8"))


def _text(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_the_shipped_rubric_has_the_ten_tips_with_all_parts():
    rubric = load_rubric()
    assert [tip.number for tip in rubric.tips] == list(range(1, 11))
    for tip in rubric.tips:
        assert set(tip.criteria) == {0, 1, 2} and all(tip.criteria.values())
        assert tip.topic_phrases and tip.actions and tip.questions and tip.gap_hint
        assert set(tip.features) <= FEATURES
    assert "mensenhandel" in rubric.trafficking_phrases
    assert rubric.tip(7).number == 7


def test_every_problem_is_named_with_tip_and_field():
    data = copy.deepcopy(_shipped())
    del data["tips"][2]["criteria"][1]
    data["tips"][4]["code"] = data["tips"][3]["code"]
    data["tips"][5]["features"] = ["onbekend"]
    data["tips"][6]["number"] = 9
    with pytest.raises(RubricError) as raised:
        parse_rubric(_text(data))
    problems = raised.value.problems
    assert "tip 3: criteria: beschrijf precies de scores 0, 1 en 2." in problems
    assert any("tipcode" in p and "twee keer" in p for p in problems)
    assert "tip 6: onbekende functie 'onbekend' in 'features'." in problems
    assert "tip 7: 'number' moet 7 zijn (de tips staan op volgorde)." in problems


def test_the_parts_score_2_asks_for_are_checked():
    data = copy.deepcopy(_shipped())
    tip8 = data["tips"][7]
    assert [e["name"] for e in tip8["elements"]][:3] == [
        "een meldroute of routekaart",
        "de zorgcoördinator mensenhandel",
        "de Meldcode",
    ]
    tip8["elements_for_2"] = len(tip8["elements"]) + 1
    tip8["elements"][1]["phrases"].append("meldcode")  # already the Meldcode's word
    tip8["elements"].append({"name": "", "phrases": ["overleg"]})
    with pytest.raises(RubricError) as raised:
        parse_rubric(_text(data))
    problems = raised.value.problems
    assert "tip 8: onderdeel 6 heeft een 'name' nodig." in problems
    assert any(p.startswith("tip 8: 'meldcode' staat bij twee onderdelen") for p in problems)
    assert any("'elements_for_2' moet een geheel getal van 0 tot en met" in p for p in problems)


def test_nine_tips_or_broken_yaml_are_refused():
    data = copy.deepcopy(_shipped())
    data["tips"].pop()
    with pytest.raises(RubricError, match="precies 10 tips"):
        parse_rubric(_text(data))
    with pytest.raises(RubricError, match="geen geldige YAML"):
        parse_rubric("tips: [\n")


def test_the_rubric_itself_uses_the_right_words():
    data = copy.deepcopy(_shipped())
    data["tips"][1]["topic_phrases"].append("loverboyproblematiek")
    with pytest.raises(RubricError) as raised:
        parse_rubric(_text(data))
    assert any("loverboyproblematiek" in p and "Gebruik liever" in p for p in raised.value.problems)


def test_a_star_stands_only_at_the_end_of_one_word():
    data = copy.deepcopy(_shipped())
    data["trafficking_phrases"] += ["seksuele uitbuiting*", "*handel", "ronsel*"]
    with pytest.raises(RubricError) as raised:
        parse_rubric(_text(data))
    problems = [p for p in raised.value.problems if "een * staat" in p]
    assert len(problems) == 2
    assert "'seksuele uitbuiting*'" in problems[0] and "'*handel'" in problems[1]
