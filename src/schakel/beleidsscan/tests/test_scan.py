"""Scoring real-looking texts: concrete, in passing, absent; not a trafficking policy; words."""

import pytest

from schakel.beleidsscan.domain.rubric import default_checker, load_rubric
from schakel.beleidsscan.domain.scan import scan, to_contract
from schakel.beleidsscan.domain.tipreader import RECOGNISED

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
        "slachtoffers van uitbuiting. Na triage door de zorgcoördinator krijgen zij een veilige "
        "plek en nazorg. Ook traumabehandeling is beschikbaar.",
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
            "Mensenhandel en uitbuiting zijn ernstig. Mensenhandel komt voor. Seksuele "
            "uitbuiting en criminele uitbuiting raken jongeren. Ervaringsdeskundigen kunnen "
            "soms meedenken.",
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


TRAFFICKING_INTRO = (
    "Aanpak mensenhandel (fictief). Mensenhandel, seksuele uitbuiting, criminele uitbuiting "
    "en arbeidsuitbuiting komen in onze regio voor. "
)


def test_a_measure_only_for_adults_does_not_make_a_tip_concrete(rubric, checker):
    pages = [
        (
            1,
            TRAFFICKING_INTRO
            + "Volwassen slachtoffers krijgen opvang. In 2026 kopen wij tien plekken voor opvang "
            "in voor volwassen slachtoffers, met een budget van 200.000 euro.",
        )
    ]
    help_for_victims = scan(pages, rubric, checker).tips[5]
    assert help_for_victims.score == 1
    assert "niet voor kinderen en jongeren" in help_for_victims.why


def test_the_same_measure_for_minors_scores_2(rubric, checker):
    pages = [
        (
            1,
            TRAFFICKING_INTRO
            + "Minderjarige slachtoffers krijgen gespecialiseerde hulp. In 2026 kopen wij tien "
            "plekken in bij een expertisecentrum voor minderjarige slachtoffers, met een budget "
            "van 200.000 euro. Na triage krijgen zij een veilige plek en nazorg.",
        )
    ]
    assert scan(pages, rubric, checker).tips[5].score == 2


def test_a_measure_without_the_parts_the_criterion_asks_for_scores_1_and_names_them(
    rubric, checker
):
    pages = [
        (
            1,
            TRAFFICKING_INTRO
            + "Minderjarige slachtoffers krijgen gespecialiseerde hulp. In 2026 kopen wij tien "
            "plekken in bij een expertisecentrum voor minderjarige slachtoffers, met een budget "
            "van 200.000 euro.",
        )
    ]
    help_for_victims = scan(pages, rubric, checker).tips[5]
    assert help_for_victims.score == 1
    assert help_for_victims.why.startswith("Voor een 2 noemt het beleid nog niet: ")
    assert "nazorg" in help_for_victims.why and "een veilige plek" in help_for_victims.why
    checklist = dict(help_for_victims.elements)
    assert checklist["gespecialiseerde hulp"] is True and checklist["nazorg"] is False


def test_a_policy_that_names_every_part_of_a_many_part_criterion_scores_2(rubric, checker):
    parts = (
        "Het belang van het kind staat bij elk besluit voorop. Wij maken geen onderscheid, "
        "ook niet naar verblijfsstatus. De mening van het kind wordt gevraagd. "
    )
    intro = TRAFFICKING_INTRO + "Wij volgen het Kinderrechtenverdrag. "
    rights = scan([(1, intro + parts)], rubric, checker).tips[0]
    assert rights.score == 2 and all(named for _name, named in rights.elements)
    without_opinion = parts.replace("De mening van het kind wordt gevraagd. ", "")
    rights = scan([(1, intro + without_opinion)], rubric, checker).tips[0]
    assert rights.score == 1 and dict(rights.elements)["de mening van het kind"] is False


def test_a_policy_about_minors_throughout_has_them_as_a_group_of_their_own(rubric, checker):
    youth = (
        "Criminele uitbuiting van jongeren neemt toe. Jongeren worden via sociale media "
        "benaderd voor uitbuiting. Minderjarigen zijn afhankelijk van volwassenen. "
    )
    youth += "Kinderen en jongeren onder de 18 zijn extra kwetsbaar. "
    result = scan(
        [(1, "Actieplan uitbuiting van jongeren (fictief). " + youth * 12)], rubric, checker
    )
    assert result.is_trafficking_policy
    assert result.tips[1].score == 2
    adults = (
        "Arbeidsuitbuiting van werknemers neemt toe. Werknemers worden via uitzendbureaus "
        "benaderd en uitgebuit. Zij zijn afhankelijk van hun werkgever en zijn huisvesting. "
    )
    mixed = [(1, "Aanpak uitbuiting (fictief). " + adults * 10 + youth)]
    assert scan(mixed, rubric, checker).tips[1].score == 1


def test_a_list_of_partners_is_not_a_measure(rubric, checker):
    pages = [
        (
            1,
            TRAFFICKING_INTRO
            + "Jonge daders zijn vaak zelf slachtoffer. Partners zijn in 2026 de politie, "
            "Halt, de jeugdreclassering, het wijkteam, de scholen, het jongerenwerk en de GGD. "
            "Jonge daders krijgen aandacht.",
        )
    ]
    assert scan(pages, rubric, checker).tips[6].score == 1


def test_a_hedged_measure_is_not_concrete(rubric, checker):
    pages = [
        (
            1,
            TRAFFICKING_INTRO
            + "Voorlichting op scholen kan helpen om jongeren weerbaar te maken. In 2026 gaan "
            "wij in gesprek over de mogelijkheid van voorlichting op scholen.",
        )
    ]
    prevention = scan(pages, rubric, checker).tips[9]
    assert prevention.score == 1


def test_outside_a_trafficking_policy_only_passages_near_exploitation_count(rubric, checker):
    youth = [
        (
            1,
            "Kadernota jeugd (fictief). Wij investeren in 2026 in trainingen voor leraren over "
            "pesten en in samenwerking met de politie over verkeersveiligheid. " * 10,
        ),
        (
            2,
            "Sommige jongeren lopen online risico's, zoals criminele uitbuiting. Wij geven in "
            "2026 voorlichting op alle scholen over online veiligheid.",
        ),
    ]
    result = scan(youth, rubric, checker)
    assert not result.is_trafficking_policy
    scores = {tip.tip.number: tip.score for tip in result.tips}
    assert scores[3] == 0 and scores[8] == 0  # training and cooperation on other subjects
    assert scores[10] == 1  # prevention near exploitation: named, never 2 here
    assert max(scores.values()) <= 1


def test_monitoring_the_plan_is_not_a_picture_of_exploitation_of_minors(rubric, checker):
    pages = [
        (
            1,
            TRAFFICKING_INTRO
            + "Arbeidsmigranten werken lange dagen.\n\nMonitoring en evaluatie\n\nDe "
            "gemeente evalueert dit plan in 2027.",
        ),
        (
            2,
            TRAFFICKING_INTRO + "Wij maken in 2026 een nulmeting van de uitbuiting van "
            "minderjarigen per wijk, met een budget van 20.000 euro.",
        ),
    ]
    picture = scan(pages[:1], rubric, checker).tips[4]
    assert picture.score == 0
    with_minors = scan(pages, rubric, checker).tips[4]
    assert with_minors.score >= 1 and with_minors.evidence[0].page == 2


TRAINING = (
    "In 2026 volgen alle 40 medewerkers van het jeugdteam de training signaleren van "
    "uitbuiting van jongeren, met een budget van 30.000 euro. Vanaf 2027 volgen ook de "
    "leraren van het voortgezet onderwijs de training, jaarlijks."
)


def test_a_recommendation_does_not_make_a_tip_concrete(rubric, checker):
    advised = TRAINING.replace("In 2026", "Wij bevelen aan dat in 2026").replace(
        "Vanaf 2027", "Wij bevelen aan dat vanaf 2027"
    )
    recommended = [(1, TRAFFICKING_INTRO + advised)]
    training = scan(recommended, rubric, checker).tips[2]
    assert training.score == 1
    assert "aanbeveling, voornemen of voorbehoud" in training.why
    promised = [(1, TRAFFICKING_INTRO + TRAINING)]
    assert scan(promised, rubric, checker).tips[2].score == 2


def test_what_falls_outside_a_regulation_is_not_a_measure(rubric, checker):
    excluded = (
        "Trainingen voor de 40 medewerkers van het jeugdteam over uitbuiting van jongeren vallen "
        "buiten deze regeling, ook in 2026. De training van leraren over uitbuiting van "
        "jongeren wordt vanaf 2027 niet vergoed."
    )
    pages = [(1, TRAFFICKING_INTRO + excluded)]
    assert scan(pages, rubric, checker).tips[2].score == 1


def test_a_question_asks_and_does_not_promise(rubric, checker):
    asked = (
        "Vraag 3: volgen in 2026 alle 40 medewerkers van het jeugdteam de training signaleren "
        "van uitbuiting van jongeren? Vraag 4: krijgen de leraren vanaf 2027 jaarlijks een "
        "training over uitbuiting van jongeren?"
    )
    training = scan([(1, TRAFFICKING_INTRO + asked)], rubric, checker).tips[2]
    assert training.score == 1
    assert "alleen als vraag" in training.why


def test_what_is_not_there_or_still_to_be_looked_into_is_not_a_measure(rubric, checker):
    absent = (
        "Er is geen training voor de 40 medewerkers van het jeugdteam over uitbuiting van "
        "jongeren in 2026. Het team onderzoekt in 2026 welke trainingen voor leraren over "
        "uitbuiting van jongeren bestaan en komt in 2027 met een voorstel. Uitbuiting van "
        "jongeren maakt geen deel uit van de training voor 30 boa's in 2026."
    )
    assert scan([(1, TRAFFICKING_INTRO + absent)], rubric, checker).tips[2].score == 1


def test_the_section_on_recommendations_asks_others_until_the_next_section(rubric, checker):
    def report(heading: str) -> list[tuple[int, str]]:
        return [
            (1, f"{TRAFFICKING_INTRO}\n7. Conclusies\n{TRAFFICKING_INTRO}\n{heading}\n"),
            (2, f"{TRAINING}\n8. Slot\nMensenhandel blijft een zorg."),
        ]

    advice = scan(report("7.2 Aanbevelingen"), rubric, checker).tips[2]
    assert advice.score == 1  # written under "Aanbevelingen", on the next page too
    agreed = scan(report("7.2 Afspraken"), rubric, checker).tips[2]
    assert agreed.score == 2
    # A numbered list under the heading ("1.", "2.") does not end the section; "8." does.
    listed = report("7.2 Aanbevelingen\n1. Meer kennis")
    assert scan(listed, rubric, checker).tips[2].score == 1
    after = [(1, f"{TRAFFICKING_INTRO}\n7. Aanbevelingen\nMeer kennis.\n8. Afspraken\n{TRAINING}")]
    assert scan(after, rubric, checker).tips[2].score == 2
    # A chapter number skipped (or lost in the PDF) ends it too: "9." after "7.".
    skipped = [
        (1, f"{TRAFFICKING_INTRO}\n7. Aanbevelingen\nMeer kennis.\n9. Afspraken\n{TRAINING}")
    ]
    assert scan(skipped, rubric, checker).tips[2].score == 2
    # A heading that only has the word in a compound is no section of advice.
    desk = [(1, f"{TRAFFICKING_INTRO}\n7. Het Adviespunt Jeugd\n{TRAINING}\n8. Slot")]
    assert scan(desk, rubric, checker).tips[2].score == 2


def test_a_plan_with_one_chapter_on_exploitation_is_not_a_trafficking_policy(rubric, checker):
    other = "Wij investeren in sport, cultuur en een veilige buurt voor alle inwoners. " * 40
    chapter = (
        "Criminele uitbuiting en seksuele uitbuiting van jongeren nemen toe. Mensenhandel "
        "raakt ook onze jeugd. Uitbuiting begint vaak online. "
    )
    in_one_chapter = [(1, other), (2, other), (3, chapter * 5)]
    assert not scan(in_one_chapter, rubric, checker).is_trafficking_policy
    throughout = [(1, other + chapter * 2), (2, other + chapter * 2), (3, chapter)]
    assert scan(throughout, rubric, checker).is_trafficking_policy


# A programme's body that names exploitation now and then (about 5 times per 1,000 words) in
# the words of the domain: sextortion, grooming, ronselaars, schuldbinding.
SPARSE_BODY = (
    "Jongeren gebruiken hun telefoon voor school, vrienden en games. Ouders en scholen praten "
    "met hen over grenzen, vriendschap en wat je online deelt. Het jongerenwerk organiseert "
    "activiteiten in de wijken en de bibliotheek geeft lessen over mediawijsheid. "
) * 6


def _programme(title: str, mentions: list[str]) -> list[tuple[int, str]]:
    return [(1, title + "\n" + "".join(SPARSE_BODY + m + " " for m in mentions))]


SPARSE_MENTIONS = [
    "Sextortion en grooming nemen toe.",
    "Ronselaars benaderen jongeren via sociale media.",
    "Schuldbinding houdt jongeren vast.",
    "Wij voorkomen online seksuele uitbuiting.",
    "Sextortion begint vaak met complimenten.",
    "Grooming is moeilijk te zien.",
]


def test_the_domain_words_for_exploitation_name_the_subject(rubric, checker):
    result = scan(_programme("Programma Online Weerbaar", SPARSE_MENTIONS), rubric, checker)
    assert result.subject.hits == (
        "sextortion",
        "grooming",
        "ronsel*",
        "schuldbinding",
        "seksuele uitbuiting",
        "sextortion",
        "grooming",
    )


def test_a_title_that_names_exploitation_says_what_the_document_is_about(rubric, checker):
    titled = _programme("Programma Online Weerbaar: online uitbuiting voorkomen", SPARSE_MENTIONS)
    result = scan(titled, rubric, checker)
    assert result.subject.in_opening and result.subject.per_1000_words < 6
    assert result.is_trafficking_policy
    # The same text under another title names the subject too seldom to be a policy on it.
    untitled = scan(_programme("Programma Veilig Online", SPARSE_MENTIONS), rubric, checker)
    assert not untitled.subject.in_opening and not untitled.is_trafficking_policy


def test_without_the_subject_in_its_title_two_thirds_in_one_third_is_a_chapter(rubric, checker):
    other = "Wij investeren in sport, cultuur en een veilige buurt voor alle inwoners. " * 20
    chapter = (
        "Criminele uitbuiting en seksuele uitbuiting van jongeren nemen toe. Mensenhandel "
        "raakt ook onze jeugd. "
    )
    pages = [
        (1, other + chapter),
        (2, other + chapter),
        (3, other + chapter * 4),  # the chapter on exploitation
        (4, other),
        (5, other + chapter),
    ]
    untitled = scan([(1, "Programma Veilig Opgroeien\n"), *pages], rubric, checker)
    assert 2 / 3 <= untitled.subject.in_one_third < 0.8
    assert untitled.subject.share_of_parts >= 0.5 and untitled.subject.per_1000_words > 6
    assert not untitled.is_trafficking_policy
    titled = scan([(1, "Programma tegen uitbuiting van jongeren\n"), *pages], rubric, checker)
    assert titled.is_trafficking_policy


def test_a_word_to_avoid_that_names_exploitation_still_names_the_subject(rubric, checker):
    text = (
        "Notitie aanpak jeugd. Loverboys benaderen meisjes. Wij nemen jeugdprostitutie serieus. "
        "Tienerpooiers werken via sociale media. Loverboys zijn mensenhandelaars. "
    )
    result = scan([(1, text)], rubric, checker)
    assert result.subject.hits == (
        "loverboy",
        "jeugdprostitutie",
        "tienerpooier",
        "loverboy",
        "mensenhandelaar",
    )
    assert result.is_trafficking_policy
    assert {term.term for term in result.terms} >= {"loverboy", "jeugdprostitutie"}


def test_young_offenders_are_found_in_either_spelling_of_leeftijdgenoten(rubric, checker):
    for spelling in ("leeftijdsgenoten", "leeftijdgenoten"):
        text = f"Een jongere die zelf {spelling} benadert, handelt vaak onder druk."
        offenders = scan([(1, TRAFFICKING_INTRO + text)], rubric, checker).tips[6]
        assert offenders.score >= 1, spelling


YOUTH_WORK = [
    (
        1,
        "Visie jongerenwerk Voorbeeld (fictief)\n\n"
        "1 Inleiding\n\nHet jongerenwerk is er voor alle jongeren in de wijk.\n\n"
        "2 Jongeren en veiligheid: criminele uitbuiting\n\n"
        "Jongeren worden via sociale media benaderd om snel geld te verdienen. "
        "Zo begint het vaak. Daarna volgt druk. Dat zien jongerenwerkers elke week. "
        "Van het jongerenwerk verwachten wij het volgende.\n\n"
        "Het jongerenwerk werkt samen met Halt bij jongeren die al betrokken zijn.\n\n"
        "3 Sport\n\nDe sportverenigingen werken samen met Halt bij vandalisme.\n\n",
    )
]


def test_outside_a_policy_a_section_headed_by_the_subject_counts_as_a_whole(rubric, checker):
    result = scan(YOUTH_WORK, rubric, checker)
    assert not result.is_trafficking_policy
    young_offenders = result.tips[6]
    # far from the word "uitbuiting", but under the heading that names it: a 1
    assert young_offenders.score == 1
    assert [e.text for e in young_offenders.evidence] == [
        "Het jongerenwerk werkt samen met Halt bij jongeren die al betrokken zijn."
    ]  # section 3 (sport) is not about exploitation: its Halt does not count


def test_a_section_on_the_subject_ends_at_the_next_heading_of_its_level():
    from schakel.beleidsscan.domain.matching import prepare
    from schakel.beleidsscan.domain.scan import Marks, subject_sections

    text = YOUTH_WORK[0][1]
    pages = prepare(YOUTH_WORK)
    at = text.index("uitbuiting")
    marks = [Marks(trafficking=[at], minors=[], adults=[], weak=[], deadlines=[])]
    [[(begin, end)]] = subject_sections(pages, marks)
    assert text[begin:].startswith("2 Jongeren en veiligheid")
    assert text[end:].startswith("3 Sport")


@pytest.mark.parametrize(
    ("sentence", "past"),
    [
        ("Het plan van aanpak voorzag in voorlichting op scholen in 2024.", True),
        ("De gemeente organiseerde in 2024 een training voor leraren.", True),
        ("Het aantal signalen daalde in 2025.", True),
        ("Ouders kregen voorlichting.", True),
        ("In 2026 organiseren wij trainingen voor alle leraren.", False),
        ("Wij werken met een beperkte groep jongeren.", False),  # an adjective after "een"
        ("De volgende stappen zetten wij in 2026.", False),  # a present participle
        ("In 2026 starten wij met de gerichte aanpak.", False),  # a past participle
        ("Voor jongeren die eerder geweld meemaakten, is er in 2026 een training.", False),
        ("De wijkteams bespreken dit maandelijks met KnollendrechtDe casusregisseur.", False),
    ],
)
def test_a_sentence_in_the_simple_past_reports(sentence, past):
    from schakel.beleidsscan.domain.scan import in_simple_past

    assert in_simple_past(sentence) is past


def test_a_measure_reported_in_the_past_is_not_a_commitment(rubric, checker):
    report = [
        (
            1,
            "Evaluatie aanpak mensenhandel Voorbeeld (fictief). Seksuele uitbuiting en criminele "
            "uitbuiting van minderjarigen namen toe. Mensenhandel raakt jongeren. De aanpak van "
            "mensenhandel liep vertraging op. Uitbuiting bleef vaak verborgen.\n\n"
            "Preventie. In 2024 gaf de gemeente een gastles over uitbuiting op elke school. "
            "In 2025 organiseerde de gemeente een campagne voor ouders van jongeren.",
        )
    ]
    prevention = scan(report, rubric, checker).tips[9]
    assert prevention.score == 1
    assert prevention.why.startswith("Maatregelen staan er alleen als bevinding of terugblik")
    promised = [(1, report[0][1].replace("gaf de gemeente", "geeft de gemeente"))]
    assert scan(promised, rubric, checker).tips[9].score == 2


TRAFFICKING_OPENING = (
    "Aanpak mensenhandel en uitbuiting van minderjarigen, gemeente Voorbeeld (fictief). "
    "Seksuele uitbuiting en criminele uitbuiting van jongeren nemen toe. Mensenhandel raakt "
    "ook kinderen in onze gemeente. De aanpak van mensenhandel vraagt om samenwerking. "
)
IN_OTHER_WORDS = {
    9: "Twee jongeren die zelf zijn uitgebuit lezen elk concept van dit plan mee en geven ons "
    "advies.",
    7: "Jongeren die drugs vervoeren voor een netwerk zien wij eerst als slachtoffer en pas "
    "daarna als dader.",
}


@pytest.mark.parametrize("tip", sorted(IN_OTHER_WORDS))
def test_a_tip_addressed_in_other_words_is_recognised_as_touched(rubric, checker, tip):
    pages = [(1, TRAFFICKING_OPENING), (2, IN_OTHER_WORDS[tip])]
    with_reader = scan(pages, rubric, checker).tips[tip - 1]
    assert with_reader.score == 1
    assert [(e.phrase, e.page) for e in with_reader.evidence] == [(RECOGNISED, 2)]
    # The rubric's phrases alone do not see it.
    assert scan(pages, rubric, checker, use_tip_reader=False).tips[tip - 1].score == 0


def test_the_reader_keeps_the_context_rules_outside_a_trafficking_policy(rubric, checker):
    youth_plan = [
        (1, "Jeugdbeleid gemeente Voorbeeld 2027-2030. Sport, cultuur en onderwijs voor iedereen."),
        (2, "Wij investeren in speeltuinen en jongerencentra. " * 6 + IN_OTHER_WORDS[7]),
    ]
    result = scan(youth_plan, rubric, checker)
    assert not result.is_trafficking_policy
    assert result.tips[6].score == 0  # no word for exploitation near it


def test_a_recognised_sentence_shows_presence_and_never_makes_a_2(rubric, checker):
    measure = (
        "Vanaf 1 maart 2027 praat een jongerenpanel van tien jongeren vier keer per jaar mee "
        "over de aanpak van uitbuiting; de wethouder jeugd is eigenaar."
    )
    once = [(1, TRAFFICKING_OPENING), (2, measure)]
    assert scan(once, rubric, checker).tips[8].score == 1  # concrete, but only once
    with_recognised = scan([*once, (3, IN_OTHER_WORDS[9])], rubric, checker).tips[8]
    assert with_recognised.score == 1  # the reader's sentence does not make the topic return
    assert "maar één keer" in with_recognised.why
    assert [e.phrase for e in with_recognised.evidence] == ["jongerenpanel", RECOGNISED]


def test_the_reader_reads_a_long_sentence_to_its_end(rubric, checker):
    filler = "In de regio werken gemeenten, scholen en zorgaanbieders al jaren samen, " * 5
    long_sentence = filler + IN_OTHER_WORDS[9][0].lower() + IN_OTHER_WORDS[9][1:]
    assert len(long_sentence) > 400
    tip = scan([(1, TRAFFICKING_OPENING), (2, long_sentence)], rubric, checker).tips[8]
    assert tip.score == 1 and tip.evidence[0].phrase == RECOGNISED


def test_the_reader_version_goes_with_the_result(rubric, checker):
    assert scan(POLICY, rubric, checker).tip_reader_version
    assert scan(POLICY, rubric, checker, use_tip_reader=False).tip_reader_version == ""
