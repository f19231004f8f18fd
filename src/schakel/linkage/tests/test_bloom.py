"""The cryptographic linkage keys: the same young person in other spellings stays similar,
other young people do not, another secret gives unrelated filters, and the matcher finds the
pairs that comparing every pair finds."""

import random
from datetime import date

import numpy as np
import pytest

from schakel.linkage.domain import bloom
from schakel.linkage.domain.bloom import Encoder, LinkageFields, LshParameters
from schakel.linkage.domain.normalise import RawPerson, normalise
from schakel.linkage.pprl import DEFAULT_THRESHOLD

SECRET = bytes.fromhex("8f" * 16 + "a1" * 16)
OTHER_SECRET = bytes.fromhex("11" * 16 + "e7" * 16)


def fields(**values: str) -> LinkageFields:
    return LinkageFields.from_person(normalise(RawPerson(record_id="x", **values)))


JAN = fields(
    voornamen="Johannes Petrus",
    tussenvoegsel="van der",
    achternaam="Berg",
    geboortedatum="2010-03-31",
    geslacht="M",
    huisnummer="12",
    postcode="1234 AB",
)


def similarity(first: LinkageFields, second: LinkageFields, secret: bytes = SECRET) -> float:
    encoder = Encoder(secret)
    return bloom.dice(encoder.encode_one(first), encoder.encode_one(second))


@pytest.mark.parametrize(
    "spelling",
    [
        {"voornamen": "Hans", "achternaam": "v.d. Berg"},
        {"voornamen": "J.P.", "achternaam": "Berg, van der"},
        {"voornamen": "Johannes", "achternaam": "vd Bergh"},
        {"voornamen": "Johannes Petrus", "achternaam": "van der Berg", "postcode": "1234AC"},
    ],
)
def test_the_same_young_person_in_another_spelling_stays_above_the_threshold(spelling):
    values = {
        "tussenvoegsel": "",
        "geboortedatum": "2010-03-31",
        "geslacht": "M",
        "huisnummer": "12",
        "postcode": "1234AB",
        **spelling,
    }
    assert similarity(JAN, fields(**values)) >= DEFAULT_THRESHOLD


def test_diacritics_and_ij_do_not_matter():
    zoe = fields(voornamen="Zoë", achternaam="Bijl", geboortedatum="2012-01-05", postcode="3511AA")
    zoe_plain = fields(
        voornamen="Zoe", achternaam="Byl", geboortedatum="2012-01-05", postcode="3511AA"
    )
    assert similarity(zoe, zoe_plain) == 1.0


def test_another_young_person_is_below_the_threshold_also_a_sibling_at_the_same_address():
    sibling = fields(
        voornamen="Fleur",
        tussenvoegsel="van der",
        achternaam="Berg",
        geboortedatum="2013-08-14",
        geslacht="V",
        huisnummer="12",
        postcode="1234AB",
    )
    stranger = fields(
        voornamen="Fatima",
        achternaam="El Amrani",
        geboortedatum="2009-07-02",
        geslacht="V",
        huisnummer="3",
        postcode="3511XX",
    )
    assert similarity(JAN, sibling) < DEFAULT_THRESHOLD
    assert similarity(JAN, stranger) < similarity(JAN, sibling)


def test_filters_are_balanced_and_deterministic_given_the_secret():
    records = [JAN, fields(voornamen="Emma", achternaam="de Jong", geboortedatum="2011-02-03")]
    first = Encoder(SECRET).encode(records)
    again = Encoder(SECRET).encode(list(reversed(records)))[::-1]
    assert first.shape == (2, bloom.WORDS) and first.dtype == np.uint64
    assert np.array_equal(first, again)
    # Every filter has as many ones as the filter before balancing has bits: the number of
    # ones says nothing about the length of a name.
    assert bloom.popcounts(first).tolist() == [bloom.BASE_BITS, bloom.BASE_BITS]


def test_another_secret_gives_an_unrelated_filter():
    mine = Encoder(SECRET)
    theirs = Encoder(OTHER_SECRET)
    assert mine.fingerprint != theirs.fingerprint
    assert mine.positions("an", "_b") != theirs.positions("an", "_b")
    same_person = bloom.dice(mine.encode_one(JAN), theirs.encode_one(JAN))
    # Under another secret the same person is as alike as two strings of coin flips (half
    # the bits agree), less alike than two strangers under one secret.
    assert abs(same_person - 0.5) < 0.05
    strangers = bloom.dice(
        mine.encode_one(JAN),
        mine.encode_one(fields(voornamen="Noah", achternaam="Yilmaz", geboortedatum="2015-11-30")),
    )
    assert same_person < strangers < DEFAULT_THRESHOLD


def test_a_short_secret_is_refused():
    with pytest.raises(ValueError):
        Encoder(b"too short")


def test_tokens_carry_every_field_with_its_own_prefix_and_no_empty_field():
    found = bloom.tokens(JAN)
    codes = {code for code, _ in found}
    assert codes == {field.code for field in bloom.FIELDS}
    assert ("gj", "2010") in found and ("tv", "vd") in found and ("an", "_b") in found
    empty = bloom.tokens(LinkageFields(surname="berg"))
    assert {code for code, _ in empty} == {"an"}


def test_bigrams_are_padded():
    assert bloom.bigrams("ab") == ["_a", "ab", "b_"]
    assert bloom.bigrams("") == []


def test_a_record_needs_two_of_first_name_surname_and_date_of_birth():
    assert JAN.linkable
    assert not LinkageFields(surname="berg", postcode="1234AB").linkable
    assert LinkageFields(surname="berg", date_of_birth=date(2010, 1, 1)).linkable


FIRST = ["emma", "noah", "sem", "julia", "liam", "mila", "daan", "tess", "finn", "sara", "lucas"]
LAST = ["jansen", "de vries", "bakker", "visser", "smit", "meijer", "bos", "mulder", "peters"]


def _population(count: int, seed: int) -> list[LinkageFields]:
    r = random.Random(seed)
    return [
        LinkageFields.from_values(
            first_name=r.choice(FIRST),
            initials="",
            surname=r.choice(LAST) + r.choice(["", "s", "ma", "stra", "inga"]),
            tussenvoegsel="",
            date_of_birth=date(r.randint(2008, 2016), r.randint(1, 12), r.randint(1, 28)),
            sex=r.choice("mv"),
            postcode=f"{r.randint(1000, 9999)}{r.choice('ABCD')}{r.choice('EFGH')}",
            house_number=str(r.randint(1, 200)),
        )
        for _ in range(count)
    ]


def _typo(person: LinkageFields, r: random.Random) -> LinkageFields:
    name = person.surname
    at = r.randrange(len(name))
    return LinkageFields(
        first_name=person.first_name,
        initials=person.first_name[:1],
        surname=name[:at] + r.choice("aeiou") + name[at + 1 :],
        date_of_birth=person.date_of_birth,
        sex=person.sex,
        postcode=person.postcode,
        house_number=person.house_number if r.random() < 0.7 else "",
    )


def test_the_blocked_matcher_finds_what_comparing_every_pair_finds():
    left = _population(400, seed=1)
    r = random.Random(2)
    right = [_typo(person, r) for person in left[:200]] + _population(200, seed=3)
    r.shuffle(right)
    encoder = Encoder(SECRET)
    a, b = encoder.encode(left), encoder.encode(right)
    every = bloom.match_exhaustive(a, b, threshold=DEFAULT_THRESHOLD)
    blocked = bloom.match(a, b, threshold=DEFAULT_THRESHOLD, parameters=LshParameters(seed=7))
    assert blocked.candidates < len(left) * len(right) / 10
    assert set(zip(blocked.left.tolist(), blocked.right.tolist(), strict=True)) == set(
        zip(every.left.tolist(), every.right.tolist(), strict=True)
    )
    assert len(blocked.left) >= 190
    # One to one: every record at most once.
    assert len(set(blocked.left.tolist())) == len(blocked.left)
    assert len(set(blocked.right.tolist())) == len(blocked.right)


def test_one_to_one_keeps_the_most_similar_pair():
    encoder = Encoder(SECRET)
    twin = LinkageFields(
        first_name="johannes",
        initials="j",
        surname="berg",
        tussenvoegsel="vd",
        date_of_birth=date(2010, 3, 31),
        sex="m",
        postcode="1234AB",
        house_number="14",
    )
    a = encoder.encode([JAN])
    b = encoder.encode([twin, JAN])
    found = bloom.match_exhaustive(a, b, threshold=0.5)
    assert found.left.tolist() == [0] and found.right.tolist() == [1]
    assert found.similarity.tolist() == [1.0]
    both = bloom.match_exhaustive(a, b, threshold=0.5, one_to_one=False)
    assert sorted(both.right.tolist()) == [0, 1]


def test_sets_without_any_candidate_pair_give_no_matches():
    encoder = Encoder(SECRET)
    one = encoder.encode([JAN])
    other = encoder.encode(_population(1, seed=9))
    empty = one[:0]
    for a, b in ((one, other), (one, empty), (empty, one)):
        found = bloom.match(a, b, threshold=DEFAULT_THRESHOLD)
        assert found.left.tolist() == [] and found.similarity.tolist() == []
