"""Dutch normalisation for same-person linkage (``linkage/domain/normalise.py``): the ways a
name, a date or an address is written must not decide whether two records match."""

from datetime import date

import pytest

from schakel.linkage.domain.normalise import (
    RawPerson,
    all_names,
    bsn_valid,
    canonical_first_name,
    name_forms,
    normalise,
    normalise_house_number,
    normalise_postcode,
    parse_date,
    split_surname,
)


@pytest.mark.parametrize(
    ("tussenvoegsel", "achternaam"),
    [
        ("van der", "Berg"),
        ("", "van der Berg"),
        ("vd", "Berg"),
        ("v.d.", "Berg"),
        ("V/d", "Berg"),
        ("", "Berg, van der"),
        ("", "Vanderberg"),
    ],
)
def test_every_spelling_of_a_tussenvoegsel_gives_one_surname_and_key(tussenvoegsel, achternaam):
    assert split_surname(tussenvoegsel, achternaam) == ("vd", "berg")


def test_diacritics_ij_and_initials_are_folded():
    person = normalise(
        RawPerson(record_id="1", voornamen="J.P.M.", achternaam="Bijl-Dikkërs", geslacht="M")
    )
    assert person.initials == "jpm"
    assert "byl" in person.surname and "dikkers" in person.surname
    assert person.sex == "m"


def test_a_roepnaam_stands_for_its_official_name():
    assert canonical_first_name("daan") == "daniel"
    assert "daniel" in name_forms(("daan",))
    assert "daniel" in all_names("daan", ("daniel", "johannes"))
    # A roepnaam of several official names keeps itself as canon, with all of them as forms.
    assert canonical_first_name("pim") == "pim"
    assert {"wilhelmus", "philippus"} <= set(name_forms(("pim",)))


@pytest.mark.parametrize(
    ("typed", "official"),
    [("riiet", "henriette"), ("tjim", "timotheus"), ("daag", "daniel"), ("esm", "samuel")],
)
def test_a_roepnaam_with_one_typing_mistake_still_fits_the_official_name(typed, official):
    assert official in name_forms((typed,))


def test_known_names_and_far_or_ambiguous_names_get_no_guessed_forms():
    # A known roepnaam keeps exactly its own forms (no typo guess on top).
    assert name_forms(("sem",)) == tuple(sorted({"sem", canonical_first_name("sem")}))
    # Two mistakes away from any roepnaam, or too short to guess: nothing is added.
    assert name_forms(("xqzt",)) == ("xqzt",)
    assert name_forms(("ab",)) == ("ab",)


def test_dates_postcodes_house_numbers_and_bsn():
    assert parse_date("2010-03-31") == date(2010, 3, 31)
    assert parse_date("2010-02-30") is None
    assert normalise_postcode("3511 ab") == "3511AB"
    assert normalise_house_number("12 - a") == normalise_house_number("12a")
    assert bsn_valid("111222333") and not bsn_valid("111222334")
