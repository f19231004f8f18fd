"""Scoring real-looking texts: concrete, in passing, absent; not a trafficking policy; words."""

import pytest

from schakel.beleidsscan.domain.rubric import default_checker, load_rubric
from schakel.beleidsscan.domain.scan import scan, to_contract

POLICY = [
    (
        1,
        "Aanpak mensenhandel gemeente Voorbeeld (fictief). Seksuele uitbuiting en criminele "
        "uitbuiting van minderjarigen nemen toe. De aanpak van mensenhandel vraagt om "
        "samenwerking. Mensenhandel raakt ook jongeren in onze gemeente.",
    ),
    (
        2,
        "Slachtoffers krijgen gespecialiseerde hulp. In 2026 kopen wij via het Landelijk "
        "Transitie Arrangement plaatsen in bij een expertisecentrum voor minderjarige "
        "slachtoffers van uitbuiting. Ook traumabehandeling is beschikbaar.",
    ),
]


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


@pytest.fixture(scope="module")
def checker():
    return default_checker()


def test_concrete_help_scores_2_with_page_evidence_and_absent_tips_score_0(rubric, checker):
    result = scan(POLICY, rubric, checker)
    assert result.is_trafficking_policy
    help_for_victims = result.tips[5]
    assert help_for_victims.score == 2
    assert any(
        e.page == 2 and "Landelijk Transitie Arrangement" in e.text
        for e in help_for_victims.evidence
    )
    participation = result.tips[8]
    assert participation.score == 0 and participation.evidence == ()
    assert participation.why.startswith("Het document gaat hier niet op in.")


def test_a_topic_in_passing_scores_1_and_says_why(rubric, checker):
    pages = [
        (
            1,
            "Mensenhandel en uitbuiting zijn ernstig. Mensenhandel komt voor. "
            "Ervaringsdeskundigen kunnen soms meedenken.",
        )
    ]
    participation = scan(pages, rubric, checker).tips[8]
    assert participation.score == 1
    assert "zonder concrete maatregel" in participation.why


def test_a_youth_policy_is_not_taken_for_a_trafficking_policy(rubric, checker):
    youth = [
        (
            1,
            "Jeugdbeleid 2026: sport, cultuur en onderwijs voor alle kinderen. Wij "
            "investeren in speeltuinen, de bibliotheek en jongerenwerk. "
            * 20
            + "Ook aandacht voor uitbuiting.",
        )
    ]
    assert not scan(youth, rubric, checker).is_trafficking_policy


def test_words_to_avoid_with_count_pages_and_suggestion(rubric, checker):
    pages = [(1, "De loverboy-aanpak werkt."), (3, "Loverboys en kinderprostitutie.")]
    terms = {t.term: t for t in scan(pages, rubric, checker).terms}
    assert terms["loverboy"].count == 2 and terms["loverboy"].pages == (1, 3)
    assert terms["loverboy"].suggestion
    assert any("kinderprostitu" in term for term in terms)


def test_the_json_contract(rubric, checker):
    data = to_contract(scan(POLICY, rubric, checker))
    assert set(data) == {"is_trafficking_policy", "tips", "terms"}
    assert [tip["tip"] for tip in data["tips"]] == list(range(1, 11))
    assert all(tip["score"] in (0, 1, 2) for tip in data["tips"])
    assert all(set(e) == {"text", "page"} for tip in data["tips"] for e in tip["evidence"])
