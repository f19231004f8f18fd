"""The tip reader: its features, and the shipped model as data."""

from schakel.beleidsscan.domain.matching import Page
from schakel.beleidsscan.domain.tipreader import default_tip_reader, features, reader_from_json


def test_numbers_years_and_amounts_are_features_by_kind_and_words_by_lemma():
    found = features("In 2027 krijgen 12 scholen € 5.000 voor lessen.")
    assert {"w:<jaar>", "w:<getal>", "w:<bedrag>", "w:school", "w:les"} <= found
    assert "b:<getal> school" in found


def test_the_shipped_model_has_every_tip_and_a_strict_threshold():
    reader = default_tip_reader()
    assert sorted(reader.weights) == list(range(1, 11))
    assert reader.threshold >= 0.5 and reader.version


def test_a_sentence_counts_for_a_tip_only_from_the_threshold():
    reader = reader_from_json(
        '{"version": "t", "threshold": 0.9, "bias": {"3": -1.0},'
        ' "weights": {"3": {"w:cursus": 2.0, "w:mentor": 2.0}}}'
    )
    assert reader.addresses(3, "De mentoren volgen een cursus.")  # -1 + 4: p 0.95
    assert not reader.addresses(3, "De mentoren komen samen.")  # -1 + 2: p 0.73
    assert not reader.addresses(4, "De mentoren volgen een cursus.")  # a tip it does not know


def test_a_tip_is_read_only_for_the_rubric_code_it_was_trained_for():
    reader = default_tip_reader()
    assert reader.knows(9, "participatie")
    assert not reader.knows(9, "een-nieuwe-tip")  # renumbered or replaced in an edited rubric


def test_every_part_of_a_page_is_read_in_sentences_of_at_most_the_limit():
    text = "Eerste zin. " + "woord " * 120 + "einde. Laatste zin"
    spans = Page(1, text).sentence_spans()
    assert all(right - left <= 300 for left, right in spans)
    assert text[spans[0][0] : spans[0][1]] == "Eerste zin."
    assert text[spans[-1][0] : spans[-1][1]] == "Laatste zin"
    assert "".join(text[left:right] for left, right in spans).replace(" ", "") == text.replace(
        " ", ""
    )
