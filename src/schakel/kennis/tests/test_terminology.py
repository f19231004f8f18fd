"""The terminology check finds the words to avoid, and only those, with a better word."""

import itertools

import pytest

from schakel.kennis.domain.terminology import (
    Finding,
    Term,
    TerminologyChecker,
    load_default_terms,
    load_terms,
)


@pytest.fixture(scope="module")
def checker() -> TerminologyChecker:
    return TerminologyChecker(load_default_terms())


def found(checker: TerminologyChecker, text: str) -> list[tuple[str, str]]:
    return [(f.term, f.matched) for f in checker.check(text)]


def test_default_list_loads_and_every_entry_is_complete():
    terms = load_default_terms()
    assert len(terms) >= 20
    assert {t.kind for t in terms} == {"discouraged", "victim_blaming"}
    for term in terms:
        assert term.suggestion and term.explanation
        if term.term == "klant":
            continue  # found only where the text says it is about a minor (see below)
        # Every term finds itself: a pattern that misses its own name is a typo.
        assert [f.term for f in TerminologyChecker([term]).check(term.term)] == [term.term], term


@pytest.mark.parametrize(
    ("term", "forms"),
    [
        (
            "loverboy",
            ["loverboy", "Loverboys", "LOVERBOY", "loverboy's", "lover boy", "lover-boys"],
        ),
        ("tienerpooier", ["tienerpooier", "tienerpooiers", "Tienerpooier"]),
        ("kinderprostituee", ["kinderprostituee", "kinderprostituees", "kinderprostitué"]),
        ("kinderprostitutie", ["kinderprostitutie", "Kinderprostitutie"]),
        ("jeugdprostitutie", ["jeugdprostitutie", "jeugdprostituee", "jeugdprostituees"]),
        ("tienerprostitutie", ["tienerprostitutie", "tienerprostituee"]),
        ("minderjarige prostituee", ["minderjarige prostituee", "minderjarige prostituees"]),
        ("kinderporno", ["kinderporno", "Kinderpornonetwerk", "kinderpornografisch"]),
        ("kinderpornografie", ["kinderpornografie", "KINDERPORNOGRAFIE"]),
        ("wraakporno", ["wraakporno"]),
        ("kindersekstoerisme", ["kindersekstoerisme"]),
        ("kindersekstoerist", ["kindersekstoerist", "kindersekstoeristen"]),
    ],
)
def test_discouraged_terms_are_found_in_every_form(checker, term, forms):
    for form in forms:
        sentence = f"In de nota staat: {form}, en dat willen we anders zeggen."
        findings = checker.check(sentence)
        assert [(f.term, f.matched) for f in findings] == [(term, form)], form
        finding = findings[0]
        assert sentence[finding.start : finding.end] == form
        assert finding.kind == "discouraged"
        assert finding.suggestion


def test_a_compound_is_found_whole_and_the_suggestion_comes_with_it(checker):
    text = "Het loverboyproblematiek-overleg en de Loverboy-aanpak van de kinderprostitutiezaak."
    assert found(checker, text) == [
        ("loverboy", "loverboyproblematiek-overleg"),
        ("loverboy", "Loverboy-aanpak"),
        ("kinderprostitutie", "kinderprostitutiezaak"),
    ]
    first = checker.check(text)[0]
    assert first.suggestion == "mensenhandelaar of uitbuiter"
    assert "liefde" in first.explanation


def test_case_diacritics_and_invisible_characters_do_not_hide_a_term(checker):
    # A decomposed accent, a soft hyphen from a PDF and a ligature change the length of the
    # text; the positions must still point at the original characters.
    text = "Eén KINDERPROSTITUE\u0301 en kinder\u00adprostitutie; ﬁlm met kinderpornograﬁe."
    findings = checker.check(text)
    assert [f.term for f in findings] == [
        "kinderprostituee",
        "kinderprostitutie",
        "kinderpornografie",
    ]
    assert [text[f.start : f.end] for f in findings] == [f.matched for f in findings]
    assert [f.matched for f in findings] == [
        "KINDERPROSTITUE\u0301",
        "kinder\u00adprostitutie",
        "kinderpornograﬁe",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A term inside an unrelated or longer word is no finding.
        "De cloverboys spelen in de band.",
        "Meld het bij de klantenservice of het klantcontactcentrum.",
        "De klant van het wijkteam krijgt een brief.",  # a client, not a buyer of sex
        "Wij willen meer klanten bedienen in de winkel.",
        # Adult prostitution policy is a subject of its own and is worded correctly.
        "Het prostitutiebeleid en de vergunning voor prostitutiebedrijven.",
        "Volwassen sekswerkers krijgen voorlichting.",
        "Pedofilie is een diagnose.",
        # Everyday Dutch that only looks like a blaming phrase.
        "Wat had je aan die training? Wat droeg je bij aan het project?",
        "Hij vroeg om hulp en zij vroeg om een tolk.",
        "De jongere heeft eigen schulden bij de bank.",
        "Hulp in het vrijwillig kader, en een vrijwillige ondertoezichtstelling.",
        "Zij doet vrijwilligerswerk. Wil je het zelf doen of zal ik het doen?",
        "Zoekt het adres op. Die informatie heeft ze zelf opgezocht.",
        "De kinderpostzegels en de jeugdprofessional.",
    ],
)
def test_no_false_positives(checker, text):
    assert checker.check(text) == []


@pytest.mark.parametrize(
    ("term", "text", "matched"),
    [
        ("wat had je aan", "Wat had je aan?", "Wat had je aan"),
        ("wat had je aan", "wat  had   jij\ntoen aan, die avond?", "wat  had   jij\ntoen aan"),
        ("wat had je aan", "En wat had ze aan toen het gebeurde?", "wat had ze aan"),
        ("wat had je aan", "Wat droeg je die avond?", "Wat droeg je die avond"),
        ("wat had je aan", "Welke kleren had je?", "Welke kleren had je"),
        ("waarom ging je mee", "Waarom ging je mee?", "Waarom ging je mee"),
        ("waarom ging je mee", "Waarom ging je dan mee?!", "Waarom ging je dan mee"),
        ("waarom ging je mee", "waarom ging je met hem\nmee?", "waarom ging je met hem\nmee"),
        ("waarom ging je mee", "Waarom ben je, toch, meegegaan?", "Waarom ben je, toch, meegegaan"),
        ("waarom ging je mee", "Waarom liep je niet weg?", "Waarom liep je niet weg"),
        ("waarom ging je mee", "Je bent toch zelf meegegaan.", "Je bent toch zelf meegegaan"),
        ("waarom heb je niks gezegd", "Waarom heb je niks gezegd?", "Waarom heb je niks gezegd"),
        (
            "waarom heb je niks gezegd",
            "Waarom heb je dat niet eerder aan je moeder verteld?",
            "Waarom heb je dat niet eerder aan je moeder verteld",
        ),
        ("waarom heb je niks gezegd", "Waarom zei je niets?", "Waarom zei je niets"),
        ("waarom heb je niks gezegd", "Waarom kom je nu pas?", "Waarom kom je nu pas"),
        ("heb je het zelf gewild", "Heb je het zelf gewild?", "Heb je het zelf gewild"),
        ("heb je het zelf gewild", "Ze wilde het zelf.", "Ze wilde het zelf"),
        ("kiest er zelf voor", "Ze kiest er zelf voor.", "kiest er zelf voor"),
        ("kiest er zelf voor", "Hij heeft er bewust voor gekozen.", "heeft er bewust voor gekozen"),
        ("vrijwillig meegegaan", "Ze is vrijwillig meegegaan.", "vrijwillig meegegaan"),
        ("vrijwillig meegegaan", "Het meisje deed het vrijwillig.", "deed het vrijwillig"),
        ("vrijwillig meegegaan", "Er was vrijwillige seks.", "vrijwillige seks"),
        ("eigen schuld", "Eigen schuld, dikke bult.", "Eigen schuld, dikke bult"),
        ("eigen schuld", "Het is haar eigen schuld.", "eigen schuld"),
        ("eigen schuld", "Dat heeft ze aan zichzelf te danken.", "heeft ze aan zichzelf te danken"),
        ("ze vroeg erom", "Ze vroeg erom.", "vroeg erom"),
        ("ze vroeg erom", "Hij heeft er zelf om gevraagd.", "heeft er zelf om gevraagd"),
        ("heeft het uitgelokt", "Heeft ze het zelf uitgelokt?", "Heeft ze het zelf uitgelokt"),
        ("heeft het uitgelokt", "Ze was uitdagend gekleed.", "uitdagend gekleed"),
        ("heeft het zelf gezocht", "Dat heeft ze zelf gezocht.", "Dat heeft ze zelf gezocht"),
        ("heeft het zelf gezocht", "Ze heeft het zelf gezocht.", "heeft het zelf gezocht"),
        (
            "heeft het zelf gezocht",
            "Hij heeft het over zichzelf afgeroepen.",
            "over zichzelf afgeroepen",
        ),
        ("zich prostitueren", "Een meisje dat zich prostitueert.", "zich prostitueert"),
        ("zich prostitueren", "Hij prostitueerde zich.", "prostitueerde zich"),
        ("zich prostitueren", "Ze werd geprostitueerd.", "geprostitueerd"),
        ("klant", "De klanten van minderjarige meisjes.", "klanten"),
        ("klant", "Ze moest vijf klanten per dag afwerken.", "klanten"),
        ("klant", "Een klant van een minderjarige is strafbaar.", "klant"),
    ],
)
def test_blaming_phrases_and_the_buyer_are_found(checker, term, text, matched):
    assert found(checker, text) == [(term, matched)]


def test_blaming_phrases_carry_a_kind_and_a_suggestion(checker):
    finding = checker.check("Waarom ging je mee?")[0]
    assert finding.kind == "victim_blaming"
    assert finding.suggestion.startswith("Vraag")
    assert checker.check("Een jongen die zich prostitueert.")[0].suggestion == (
        "wordt seksueel uitgebuit"
    )
    klant = checker.check("klanten van een meisje")[0]
    assert klant.kind == "discouraged"
    assert "dader" in klant.suggestion


def test_findings_are_in_order_and_do_not_overlap(checker):
    text = (
        "Tienerpooiers zoeken meisjes. Waarom ging je mee? Kinderpornografie en "
        "kinderporno. Eigen schuld? Nee: de loverboy is een mensenhandelaar."
    )
    findings = checker.check(text)
    assert [f.term for f in findings] == [
        "tienerpooier",
        "waarom ging je mee",
        "kinderpornografie",
        "kinderporno",
        "eigen schuld",
        "loverboy",
    ]
    for before, after in itertools.pairwise(findings):
        assert before.end <= after.start


def test_the_more_specific_term_wins_where_two_start_together():
    terms = [
        Term("kinderporno", "a", "discouraged", "x"),
        Term("kinderpornografie", "b", "discouraged", "y"),
    ]
    findings = TerminologyChecker(terms).check("kinderpornografie")
    assert [(f.term, f.suggestion) for f in findings] == [("kinderpornografie", "b")]


def test_a_checker_without_terms_finds_nothing():
    assert TerminologyChecker([]).check("loverboy") == []
    assert TerminologyChecker([]).summary(["loverboy"]) == []


def test_summary_counts_per_term_with_page_numbers(checker):
    pages = [
        "Inleiding zonder bijzondere woorden.",
        "De loverboy en nog een loverboy. Ook kinderporno.",
        "",
        "Loverboys en kinderpornografie. Waarom ging je mee?",
        "Kinderporno.",
    ]
    assert checker.summary(pages) == [
        {
            "term": "loverboy",
            "count": 3,
            "suggestion": "mensenhandelaar of uitbuiter",
            "pages": [2, 4],
        },
        {
            "term": "kinderporno",
            "count": 2,
            "suggestion": "beeldmateriaal van seksueel misbruik van kinderen",
            "pages": [2, 5],
        },
        {
            "term": "kinderpornografie",
            "count": 1,
            "suggestion": "beeldmateriaal van seksueel misbruik van kinderen",
            "pages": [4],
        },
        {
            "term": "waarom ging je mee",
            "count": 1,
            "suggestion": "Vraag wat er gebeurde en hoe het contact begon.",
            "pages": [4],
        },
    ]
    assert checker.summary([]) == []


def test_a_long_document_is_checked_whole(checker):
    page = ("Dit beleid beschermt kinderen tegen uitbuiting in onze gemeente. " * 46) + (
        "Vroeger zeiden we loverboy, nu mensenhandelaar. "
    )
    pages = [page] * 100
    assert sum(len(p) for p in pages) > 300_000
    assert checker.summary(pages)[0]["count"] == 100
    assert len(checker.check("".join(pages))) == 100


def test_findings_are_plain_values():
    finding = TerminologyChecker([Term("loverboy", "uitbuiter", "discouraged", "x")]).check(
        "loverboy"
    )[0]
    assert finding == Finding("loverboy", "uitbuiter", "discouraged", "x", 0, 8, "loverboy")


VALID = """
terms:
  - term: loverboy
    kind: discouraged
    suggestion: uitbuiter
    explanation: Klinkt als liefde.
"""


def test_load_terms_reads_the_fields():
    [term] = load_terms(VALID)
    assert term == Term("loverboy", "uitbuiter", "discouraged", "Klinkt als liefde.")
    [term] = load_terms(VALID + "    patterns: ['lover ?boy']\n")
    assert term.patterns == ("lover ?boy",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("terms: [", "geen geldige YAML"),
        ("- loverboy", "veld 'terms'"),
        ("terms: loverboy", "veld 'terms'"),
        ("terms: [loverboy]", r"Term 1 \('loverboy'\): moet"),
        (VALID.replace("suggestion: uitbuiter", "suggestion: ''"), "'suggestion' ontbreekt"),
        (VALID.replace("    explanation: Klinkt als liefde.\n", ""), "'explanation' ontbreekt"),
        (VALID.replace("kind: discouraged", "kind: slecht"), "soort 'slecht' bestaat niet"),
        (VALID.replace("suggestion:", "sugestion:"), "onbekend veld sugestion"),
        (VALID + "    patterns: 'lover'\n", "lijst van teksten"),
        (VALID + "    patterns: ['lover(boy']\n", "klopt niet"),
        (VALID + "    patterns: ['(?P<x>lover)']\n", "groepsnamen"),
        (VALID + "    patterns: ['x*']\n", "lege tekst"),
        (VALID + VALID.replace("terms:\n", "").replace("loverboy", "LoverBoy"), "Term 2"),
    ],
)
def test_load_terms_refuses_bad_input_in_dutch_and_names_the_entry(text, message):
    with pytest.raises(ValueError, match=message) as raised:
        load_terms(text)
    if "Term" in message or "patroon" in str(raised.value):
        assert "loverboy" in str(raised.value).lower()


def test_duplicate_message_names_both_entries():
    doubled = VALID + VALID.replace("terms:\n", "")
    with pytest.raises(ValueError, match=r"Term 2 \('loverboy'\): staat al .* term 1"):
        load_terms(doubled)
