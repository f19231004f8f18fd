"""The normal forms that decide whether two spellings are the same place, account, vehicle or
number (pure, no database)."""

import pytest

from schakel.network.domain.normalise import EntityText, NormaliseError, fold, normalise


def key(kind: str, label: str, **extra: str) -> str:
    return normalise(EntityText(kind=kind, label=label, **extra)).key


@pytest.mark.parametrize(
    "typed",
    ["06-12345678", "06 12 34 56 78", "+31 6 1234 5678", "+31 (0)6 12345678", "0031612345678"],
)
def test_every_spelling_of_a_dutch_mobile_number_is_one_key(typed):
    assert key("phone", typed) == "+31612345678"


def test_a_foreign_number_keeps_its_country_code():
    assert key("phone", "+32 470 12 34 56") == key("phone", "0032470123456") == "+32470123456"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("612345678", "phone_prefix"),
        ("06-1234567", "phone_nl_length"),
        ("06-12345678-9", "phone_nl_length"),
        ("06-1234abcd", "phone_invalid"),
        ("+1234", "phone_length"),
        ("   ", "empty"),
    ],
)
def test_a_phone_number_that_cannot_be_right_is_refused_with_a_reason(typed, code):
    with pytest.raises(NormaliseError) as refused:
        key("phone", typed)
    assert refused.value.code == code and refused.value.field == "label"


def test_licence_plates_are_capitals_without_dashes_or_spaces():
    assert key("vehicle", "ab-123-c") == key("vehicle", "AB 123 C") == "AB123C"
    with pytest.raises(NormaliseError, match="plate_invalid"):
        key("vehicle", "AB-12?")


def test_an_account_is_its_platform_and_handle_in_lower_case():
    assert key("account", "@Jade.X", platform="Instagram") == "instagram:jade.x"
    assert key("account", "jade.x", platform="insta") == "instagram:jade.x"
    assert key("account", "https://www.instagram.com/Jade.X/") == "instagram:jade.x"
    assert key("account", "jade.x", platform="Snapchat") == "snapchat:jade.x"


def test_an_account_needs_a_platform_and_a_handle_without_spaces():
    with pytest.raises(NormaliseError) as refused:
        key("account", "@jade")
    assert (refused.value.code, refused.value.field) == ("platform_missing", "platform")
    with pytest.raises(NormaliseError, match="handle_invalid"):
        key("account", "jade x", platform="TikTok")


def test_the_platform_field_is_ignored_for_other_kinds():
    found = normalise(EntityText(kind="hotel", label="Hotel X", platform="Instagram"))
    assert found.platform == ""


def test_an_address_with_postcode_and_number_is_found_however_it_is_written():
    typed = key("address", "Stationsstraat 12a, 3511 AB Utrecht")
    fields = key("address", "Stationsstraat", postcode="3511ab", house_number="12 A")
    after = key("address", "3511 AB 12a")
    assert typed == fields == after == "3511AB 12A"
    assert key("address", "Dorpsweg 4-2, 1234AB") == "1234AB 4-2"


def test_an_address_without_postcode_compares_by_its_words():
    assert key("address", "Parkweg, bij de brug") == key("address", "parkweg bij de Brug")


def test_address_fields_must_come_as_a_pair_and_be_well_formed():
    for extra, code, field in [
        ({"house_number": "12"}, "house_number_without_postcode", "postcode"),
        ({"postcode": "3511AB"}, "postcode_without_house_number", "house_number"),
        ({"postcode": "35111", "house_number": "1"}, "postcode_invalid", "postcode"),
        ({"postcode": "3511AB", "house_number": "twaalf"}, "house_number_invalid", "house_number"),
    ]:
        with pytest.raises(NormaliseError) as refused:
            key("address", "Straat", **extra)
        assert (refused.value.code, refused.value.field) == (code, field)


def test_places_compare_without_case_accents_or_punctuation():
    assert key("hotel", "Hotel 'De Zwaan'") == key("hotel", "hotel de zwáán") == "hotel de zwaan"
    assert fold("  Café   Ônder-de-Toren! ") == "cafe onder de toren"


def test_a_platform_compares_by_its_name_or_web_address():
    assert key("platform", "Tik Tok") == key("platform", "tiktok.com") == "tiktok"
    assert key("platform", "https://www.Voorbeeld.nl/") == "voorbeeld.nl"


def test_the_label_is_kept_as_typed_with_tidy_spaces():
    found = normalise(EntityText(kind="phone", label="  06 - 12345678 "))
    assert (found.label, found.key) == ("06 - 12345678", "+31612345678")


def test_labels_that_are_too_long_or_unknown_kinds_are_refused():
    with pytest.raises(NormaliseError, match="too_long"):
        key("hotel", "x" * 201)
    with pytest.raises(NormaliseError, match="unknown_kind"):
        key("nationality", "anything")
    with pytest.raises(NormaliseError, match="no_letters"):
        key("park", "!!!")
