"""The signal lists and the reporting code are well-formed, fair and worded as the field asks."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from schakel.kennis.domain.terminology import TerminologyChecker, load_default_terms

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Never a risk factor (children's rights convention art. 2; the childcare-benefits scandal).
FORBIDDEN = ("nationaliteit", "afkomst", "verblijfsstatus", "etnisch", "asiel")
# The organisation kinds in accounts.constants.OrganisationKind.
ORGANISATION_KINDS = {
    "gemeente",
    "wijkteam",
    "onderwijs",
    "jeugdwerk",
    "jeugdzorg",
    "zorgcoordinatie",
    "politie",
    "veilig_thuis",
    "gezondheidszorg",
    "overig",
}
STEP_CODES = [
    "signalen-in-kaart",
    "collegiale-consultatie",
    "gesprek",
    "wegen",
    "beslissen",
]
QUESTION_CODES = [
    "vermoeden",
    "acuut-of-structureel-onveilig",
    "hulp-mogelijk",
    "hulp-aanvaard",
    "hulp-leidt-tot-veiligheid",
]


def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def indicators() -> dict[str, Any]:
    return _load("indicators.yaml")


@pytest.fixture(scope="module")
def meldcode() -> dict[str, Any]:
    return _load("meldcode.yaml")


def strings(value: Any) -> Iterator[str]:
    """Every text in a YAML structure, keys excluded."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# --- indicators.yaml ---------------------------------------------------------------------------


def test_indicator_categories_are_complete(indicators):
    assert "Defence for Children" in indicators["source"]
    categories = indicators["categories"]
    kinds = {(c["kind"], c["exploitation"]) for c in categories}
    assert kinds == {("signal", "sexual"), ("signal", "criminal"), ("vulnerability", "any")}
    assert sum(c["exploitation"] == "sexual" for c in categories) == 6
    assert sum(c["exploitation"] == "criminal" for c in categories) == 1
    for category in categories:
        assert set(category) == {"code", "kind", "exploitation", "label", "items"}, category
        assert category["kind"] in {"signal", "vulnerability"}
        assert category["exploitation"] in {"sexual", "criminal", "any"}
        assert category["label"].strip() and len(category["label"]) <= 200
        assert 4 <= len(category["items"]) <= 8, category["code"]
        for item in category["items"]:
            assert set(item) == {"code", "label"}, item
            assert item["code"].startswith(category["code"] + "-"), item["code"]
            assert item["label"].strip() and len(item["label"]) <= 300


def test_indicator_codes_are_unique_stable_slugs(indicators):
    codes = [c["code"] for c in indicators["categories"]]
    codes += [i["code"] for c in indicators["categories"] for i in c["items"]]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert SLUG.match(code) and len(code) <= 80, code


def test_the_named_vulnerabilities_are_all_there(indicators):
    labels = " ".join(
        i["label"].lower()
        for c in indicators["categories"]
        if c["kind"] == "vulnerability"
        for i in c["items"]
    )
    for words in [
        "licht verstandelijke beperking",
        "verslaving",
        "psychische problemen",
        "zonder diploma",
        "weinig geld",
        "loopt weg uit een (zorg)instelling",
        "vertrokken en niemand weet waar",
        "eetstoornis",
        "pro-ana",
        "seksueel geweld",
        "onder druk zet",
    ]:
        assert words in labels, words


def test_no_text_about_nationality_origin_or_residence(indicators):
    for text in strings(indicators):
        for word in FORBIDDEN:
            assert word not in text.lower(), (word, text)


# --- meldcode.yaml -----------------------------------------------------------------------------


def resolve(frameworks: dict[str, Any], code: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """A framework with everything it inherits: questions by code, help by code."""
    assert code not in seen, f"kringverwijzing: {(*seen, code)}"
    raw = frameworks[code]
    resolved: dict[str, Any] = {"questions": {}, "extra_help": {}, "extra_questions": []}
    if "extends" in raw:
        resolved = resolve(frameworks, raw["extends"], (*seen, code))
        resolved = {k: v.copy() for k, v in resolved.items()}
    for question in raw.get("questions", []):
        resolved["questions"][question["code"]] = question
    resolved["extra_help"].update(raw.get("extra_help", {}))
    resolved["extra_questions"] += raw.get("extra_questions", [])
    return resolved


def test_meldcode_has_the_five_steps_in_order(meldcode):
    steps = meldcode["steps"]
    assert [s["number"] for s in steps] == [1, 2, 3, 4, 5]
    assert [s["code"] for s in steps] == STEP_CODES
    for step in steps:
        assert step["title"].strip() and step["help"].strip()


def test_every_framework_resolves_to_the_five_decisions(meldcode):
    frameworks = meldcode["frameworks"]
    assert {"default", "onderwijs", "gezondheidszorg", "jeugdzorg", "wijkteam"} <= set(frameworks)
    for code, raw in frameworks.items():
        assert raw["label"].strip(), code
        assert set(raw) <= {"label", "extends", "questions", "extra_help", "extra_questions"}
        resolved = resolve(frameworks, code)
        questions = sorted(resolved["questions"].values(), key=lambda q: q["number"])
        assert [q["number"] for q in questions] == [1, 2, 3, 4, 5], code
        assert [q["code"] for q in questions] == QUESTION_CODES, code
        for question in questions:
            assert question["question"].strip().endswith("?")
            assert question["yes_means"].strip() and question["no_means"].strip()
        # Acute or structural unsafety always means reporting, in every professional group.
        assert questions[1]["report_required_if"] == "yes", code
        assert "verplicht" in questions[1]["yes_means"]
        assert "acuut" in questions[1]["note"]
        assert [q.get("report_required_if") for q in questions] == [None, "yes", "no", "no", "no"]
        assert questions[0]["no_means"] == "Sluit af en leg vast waarom."
        # Help may be given at a step or a question that exists.
        assert set(resolved["extra_help"]) <= set(STEP_CODES) | set(QUESTION_CODES), code
        for extra in resolved["extra_questions"]:
            assert extra["code"] not in QUESTION_CODES and SLUG.match(extra["code"])
            assert extra["after"] in {1, 2, 3, 4, 5}
            assert extra["question"].strip().endswith("?") and extra["help"].strip()


def test_report_answers_are_strings_not_yaml_booleans(meldcode):
    # Unquoted yes/no would load as True/False and never equal a stored answer "yes"/"no".
    for code in meldcode["frameworks"]:
        for question in resolve(meldcode["frameworks"], code)["questions"].values():
            assert question.get("report_required_if") in {None, "yes", "no"}


def test_healthcare_variant_explains_professional_secrecy_and_the_right_to_report(meldcode):
    healthcare = resolve(meldcode["frameworks"], "gezondheidszorg")
    texts = " ".join(strings(healthcare)).lower()
    assert "beroepsgeheim" in texts and "meldrecht" in texts


def test_every_organisation_kind_has_a_framework(meldcode):
    mapping = meldcode["group_for_organisation_kind"]
    assert set(mapping) == ORGANISATION_KINDS
    assert set(mapping.values()) <= set(meldcode["frameworks"])
    for kind in ("onderwijs", "gezondheidszorg", "jeugdzorg", "wijkteam"):
        assert mapping[kind] == kind
    assert mapping["jeugdwerk"] == "wijkteam"


def test_a_framework_that_refers_to_itself_is_noticed():
    with pytest.raises(AssertionError, match="kringverwijzing"):
        resolve({"a": {"extends": "b"}, "b": {"extends": "a"}}, "a")


# --- both files: the words we use ------------------------------------------------------------


@pytest.fixture(scope="module")
def checker() -> TerminologyChecker:
    return TerminologyChecker(load_default_terms())


@pytest.mark.parametrize("name", ["indicators.yaml", "meldcode.yaml"])
def test_no_discouraged_or_blaming_words_in_any_text(checker, name):
    data = _load(name)
    texts = list(strings(data))
    assert len(texts) > 20
    findings = [(f.matched, text) for text in texts for f in checker.check(text)]
    assert findings == []


def test_the_word_check_would_notice(checker):
    assert checker.check("Heeft contact met een loverboy")
    assert checker.check("Waarom ging je mee?")
