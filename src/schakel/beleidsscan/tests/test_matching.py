"""Phrases match in any inflection, and the evidence is the sentence with its page."""

from schakel.beleidsscan.domain.matching import Page, PhraseIndex


def test_inflections_and_diacritics_match():
    index = PhraseIndex(["maatregel", "uitbuiten", "zorgcoördinator mensenhandel"])
    text = (
        "Wij nemen drie maatregelen. Kinderen worden uitgebuit. "
        "De Zorgcoordinator Mensenhandel belt."
    )
    assert [phrase for phrase, _s, _e in index.find(text)] == [
        "maatregel",
        "uitbuiten",
        "zorgcoördinator mensenhandel",
    ]


def test_a_phrase_of_several_words_needs_them_in_order_and_close_together():
    index = PhraseIndex(["belang van het kind"])
    assert index.find("Het belang van het kind staat voorop.")
    assert not index.find("Het belang van de gemeente en het kind.")
    assert not index.find("Het kind van het belang.")
    near = PhraseIndex(["ongeacht verblijfsstatus"])
    assert near.find("Hulp ongeacht hun verblijfsstatus.")  # one word may come between
    assert not near.find("Hulp ongeacht woonplaats of verblijfsstatus.")
    assert not PhraseIndex(["zicht op uitbuiting"]).find("Wij hebben zicht op. Uitbuiting is")


def test_a_match_gives_its_sentence_and_the_sentences_around_it():
    page = Page(2, "Inleiding. Wij stellen maatregelen vast. Die gaan in 2026 in. Einde.")
    [(_phrase, start, end)] = PhraseIndex(["maatregel"]).find_in(page)
    assert page.sentence(start, end) == "Wij stellen maatregelen vast."
    left, right = page.window_span(start, end, 1)
    assert page.text[left:right] == "Inleiding. Wij stellen maatregelen vast. Die gaan in 2026 in."


def test_long_sentences_are_trimmed_around_the_match():
    page = Page(1, "woord " * 200 + "mensenhandel " + "woord " * 200)
    start = page.text.index("mensenhandel")
    sentence = page.sentence(start, start + 12, limit=80)
    assert "mensenhandel" in sentence and len(sentence) <= 82 and sentence.startswith("…")


def test_a_plural_and_its_singular_meet_even_when_the_lemmatiser_stops_halfway():
    # simplemma gives "minderjarigen" -> "minderjarige" and "minderjarige" -> "minderjarig".
    index = PhraseIndex(["minderjarige"])
    assert index.find("Uitbuiting van minderjarigen.")
    assert index.find("Een minderjarig slachtoffer.")


def test_overlapping_phrases_count_once():
    index = PhraseIndex(["uitbuiting", "seksuele uitbuiting"])
    assert [phrase for phrase, _s, _e in index.find("Seksuele uitbuiting komt voor.")] == [
        "seksuele uitbuiting"
    ]


def test_a_compound_the_lemmatiser_does_not_know_is_inflected_on_its_last_part():
    index = PhraseIndex(["voorlichtingsles", "weerbaarheidstraining"])
    found = index.find("Scholen geven voorlichtingslessen en weerbaarheidstrainingen.")
    assert [phrase for phrase, _s, _e in found] == ["voorlichtingsles", "weerbaarheidstraining"]
    assert not PhraseIndex(["verblijfsstatu"]).find("Ongeacht de verblijfsstatus.")


def test_a_stem_with_a_star_matches_the_compounds_it_begins():
    index = PhraseIndex(["mensenhandel*", "ronsel*", "uitbuiting"])
    found = index.find(
        "Mensenhandelzaken en ronselaars; uitbuiting en ronselpraktijken. Geen oudmensenhandel."
    )
    assert [phrase for phrase, _s, _e in found] == [
        "mensenhandel*",
        "ronsel*",
        "uitbuiting",  # the whole word as a phrase of its own wins over a stem
        "ronsel*",
    ]


def test_the_longest_stem_that_fits_wins():
    index = PhraseIndex(["uitbuit*", "uitbuitingssituatie*"])
    found = index.find("Uitbuitingssituaties en uitbuiters.")
    assert [phrase for phrase, _s, _e in found] == ["uitbuitingssituatie*", "uitbuit*"]
