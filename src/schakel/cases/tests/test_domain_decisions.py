"""A decision cannot be saved without what, why, the child's view, best interest, parents and
the legal basis for sharing; each message says exactly what to add."""

from dataclasses import fields, replace

import pytest

from schakel.cases.domain.decisions import (
    LEGAL_BASES,
    LEGAL_BASIS_LABELS,
    MESSAGES,
    DecisionDraft,
    decision_problems,
)

COMPLETE = DecisionDraft(
    what="Aanmelden bij een landelijk expertisecentrum.",
    why="Er zijn meerdere signalen van seksuele uitbuiting en de jongere is vaker vermist.",
    child_heard=True,
    child_view="Ik wil wel praten, maar niet dat mijn vader het hoort.",
    best_interest="Specialistische hulp en een veilige plek gaan nu voor.",
    parents_involved=False,
    parents_reason="De jongere is bang voor de reactie van de vader.",
    shares_data=True,
    legal_basis="jeugdwet",
    shared_with="Fier",
)


def test_a_complete_decision_can_be_saved():
    assert decision_problems(COMPLETE) == {}


def test_an_empty_draft_lists_every_question_once():
    problems = decision_problems(DecisionDraft())
    assert list(problems) == ["what", "why", "child_heard", "best_interest", "parents_involved"]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("what", "Schrijf op wat er is besloten."),
        ("why", "Schrijf op waarom dit is besloten."),
        ("child_view", "Schrijf op wat de jongere zelf vindt, in zijn of haar eigen woorden."),
        ("best_interest", "Schrijf op waarom dit besluit het beste is voor de jongere."),
        ("parents_reason", "Schrijf op waarom de ouders niet worden betrokken."),
        ("legal_basis", "Kies op welke wettelijke grond de gegevens worden gedeeld."),
        ("shared_with", "Schrijf op met wie de gegevens worden gedeeld."),
    ],
)
@pytest.mark.parametrize("empty", ["", "   \n"])
def test_each_missing_text_is_named(field, message, empty):
    assert decision_problems(replace(COMPLETE, **{field: empty})) == {field: message}


def test_whether_the_child_was_heard_must_be_answered():
    assert decision_problems(replace(COMPLETE, child_heard=None)) == {
        "child_heard": "Geef aan of de jongere zelf is gehoord."
    }


def test_not_heard_needs_a_reason_instead_of_the_childs_words():
    not_heard = replace(COMPLETE, child_heard=False, child_view="")
    assert decision_problems(not_heard) == {
        "child_not_heard_reason": "Schrijf op waarom de jongere niet is gehoord."
    }
    reason = "De jongere is opgenomen in het ziekenhuis; we spreken haar volgende week."
    assert decision_problems(replace(not_heard, child_not_heard_reason=reason)) == {}


def test_heard_needs_no_reason_for_not_hearing():
    assert decision_problems(replace(COMPLETE, child_not_heard_reason="")) == {}


def test_whether_parents_are_involved_must_be_answered():
    assert decision_problems(replace(COMPLETE, parents_involved=None)) == {
        "parents_involved": "Geef aan of de ouders bij dit besluit worden betrokken."
    }


def test_involving_parents_also_needs_a_reason():
    draft = replace(COMPLETE, parents_involved=True, parents_reason="")
    assert decision_problems(draft) == {
        "parents_reason": "Schrijf op waarom de ouders worden betrokken."
    }


def test_parents_who_take_part_need_an_extra_justification_to_be_involved():
    draft = replace(
        COMPLETE,
        parents_involved=True,
        parents_reason="Moeder heeft gezag.",
        parents_take_part=True,
    )
    assert decision_problems(draft) == {
        "parents_extra_justification": MESSAGES["parents_extra_justification"]
    }
    justified = replace(
        draft,
        parents_extra_justification="Alleen moeder; zij doet niet mee en de jongere wil het.",
    )
    assert decision_problems(justified) == {}


def test_not_involving_parents_who_take_part_needs_only_the_reason():
    draft = replace(COMPLETE, parents_involved=False, parents_take_part=True)
    assert decision_problems(draft) == {}
    assert decision_problems(replace(draft, parents_reason="")) == {
        "parents_reason": "Schrijf op waarom de ouders niet worden betrokken."
    }


def test_no_sharing_needs_no_legal_basis():
    draft = replace(COMPLETE, shares_data=False, legal_basis="", shared_with="")
    assert decision_problems(draft) == {}


def test_the_legal_basis_comes_from_the_list():
    assert decision_problems(replace(COMPLETE, legal_basis="omdat het moet")) == {
        "legal_basis": "Kies een wettelijke grond uit de lijst."
    }


@pytest.mark.parametrize("basis", [basis.code for basis in LEGAL_BASES])
def test_every_listed_basis_is_accepted(basis):
    assert decision_problems(replace(COMPLETE, legal_basis=basis)) == {}


def test_consent_of_parents_who_take_part_is_no_ground_for_sharing():
    draft = replace(COMPLETE, legal_basis="toestemming-ouders", parents_take_part=True)
    assert decision_problems(draft) == {"legal_basis": MESSAGES["legal_basis.parental_consent"]}
    assert decision_problems(replace(draft, parents_take_part=False)) == {}


def test_the_legal_bases_are_data():
    codes = [basis.code for basis in LEGAL_BASES]
    assert len(codes) == len(set(codes))
    assert {"jeugdwet", "wmo-2015", "meldrecht", "avg-6-1-e", "avg-6-1-c"} <= set(codes)
    assert {"toestemming-jongere", "toestemming-ouders"} <= set(codes)
    assert LEGAL_BASIS_LABELS["wmo-2015"] == "Wet maatschappelijke ondersteuning 2015"


def test_every_problem_key_is_a_field_of_the_draft():
    names = {field.name for field in fields(DecisionDraft)}
    worst = DecisionDraft(
        child_heard=True,
        parents_involved=True,
        parents_take_part=True,
        shares_data=True,
    )
    problems = decision_problems(worst)
    assert set(problems) <= names
    assert set(problems) == {
        "what",
        "why",
        "child_view",
        "best_interest",
        "parents_reason",
        "parents_extra_justification",
        "legal_basis",
        "shared_with",
    }
