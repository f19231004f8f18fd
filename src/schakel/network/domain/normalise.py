"""Normal forms of context entities (places, accounts, vehicles, phone numbers) for matching.

Pure Python, no Django. Two spellings of the same thing get the same key, so that
"06-12 34 56 78" and "+31 (0)6 1234 5678" are one phone number, "ab-123-c" and "AB 123 C" one
licence plate, "@Jade.X" on "Insta" and "jade.x" on "Instagram" one account, and
"Stationsstraat 12a, 3511 AB Utrecht" and postcode "3511ab" with number "12 A" one address.
The label as typed stays for display; only the key is compared.

Nothing here judges a person: it only makes spellings comparable. Errors carry a code and the
field they belong to; the service turns them into Dutch sentences.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ADDRESS = "address"
HOTEL = "hotel"
PARK = "park"
SCHOOL = "school"
OTHER_PLACE = "other_place"
PLATFORM = "platform"
ACCOUNT = "account"
VEHICLE = "vehicle"
PHONE = "phone"

PLACE_KINDS = (ADDRESS, HOTEL, PARK, SCHOOL, OTHER_PLACE)
ONLINE_KINDS = (PLATFORM, ACCOUNT)
KINDS = (*PLACE_KINDS, *ONLINE_KINDS, VEHICLE, PHONE)

LABEL_MAX = 200
PLATFORM_MAX = 60
HANDLE_MAX = 100

# Short names people type for the same platform.
_PLATFORM_ALIASES = {
    "insta": "instagram",
    "ig": "instagram",
    "snap": "snapchat",
    "sc": "snapchat",
    "fb": "facebook",
    "twitter": "x",
    "tik tok": "tiktok",
    "whatsapp business": "whatsapp",
    "wa": "whatsapp",
}
# Web addresses of platforms, for an account typed as a link.
_PLATFORM_DOMAINS = {
    "instagram.com": "instagram",
    "snapchat.com": "snapchat",
    "tiktok.com": "tiktok",
    "facebook.com": "facebook",
    "x.com": "x",
    "twitter.com": "x",
    "t.me": "telegram",
    "youtube.com": "youtube",
}

_POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$")
_POSTCODE_IN_TEXT = re.compile(r"\b([1-9]\d{3})\s?([A-Za-z]{2})\b")
_HOUSE_NUMBER = re.compile(r"^\s*(\d{1,5})\s*(?:-\s*)?([A-Za-z0-9]{1,4})?\s*$")
# A house number just before a postcode ("Straat 12a, 3511 AB") or just after it.
_NUMBER_BEFORE = re.compile(r"\b(\d{1,5})\s*(?:-\s*)?([A-Za-z]{1,2}|\d{1,4})?\s*,?\s*$")
_NUMBER_AFTER = re.compile(
    r"^\s*,?\s*(\d{1,5})(?:\s*(?:-\s*)?([A-Za-z](?![A-Za-z])|\d{1,4}(?!\d)))?(?![A-Za-z0-9])"
)
_PHONE_SEPARATORS = re.compile(r"[\s\-./()]")
_PLATE_SEPARATORS = re.compile(r"[\s\-.·]")
_PLATE = re.compile(r"^[A-Z0-9]{2,10}$")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")
_URL = re.compile(r"^(?:https?://)?(?:www\.|m\.)?([^/\s]+)/(?:@)?([^/?#\s]+)/?(?:[?#].*)?$", re.I)


class NormaliseError(ValueError):
    """Input that cannot be turned into a key; ``code`` says why, ``field`` where."""

    def __init__(self, code: str, field: str = "label") -> None:
        self.code = code
        self.field = field
        super().__init__(f"{field}: {code}")


@dataclass(frozen=True)
class EntityText:
    """What the care coordinator typed."""

    kind: str
    label: str
    platform: str = ""  # accounts only
    postcode: str = ""  # addresses only
    house_number: str = ""  # addresses only


@dataclass(frozen=True)
class Normalised:
    label: str  # as typed, spaces tidied
    platform: str  # the platform as typed (accounts), spaces tidied
    key: str  # compared within one region and kind


def tidy(text: str) -> str:
    """One line, single spaces."""
    return " ".join((text or "").split())


def fold(text: str) -> str:
    """Lower case without accents or punctuation: "Hotel 'De Zwaan'" -> "hotel de zwaan"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub(" ", plain.casefold()).strip()


def normalise_phone(value: str) -> str:
    """A phone number as "+" and digits: Dutch numbers as "+31" and nine digits."""
    raw = tidy(value).replace("(0)", "")
    compact = _PHONE_SEPARATORS.sub("", raw)
    if not compact:
        raise NormaliseError("empty")
    if compact.startswith("+"):
        digits = compact[1:]
    elif compact.startswith("00"):
        digits = compact[2:]
    elif compact.startswith("0"):
        digits = "31" + compact[1:]
    else:
        raise NormaliseError("phone_prefix")
    if not digits.isdigit() or not digits.isascii():
        raise NormaliseError("phone_invalid")
    if digits.startswith("31"):
        if len(digits) != 11:
            raise NormaliseError("phone_nl_length")
    elif not 8 <= len(digits) <= 15:
        raise NormaliseError("phone_length")
    return "+" + digits


def normalise_plate(value: str) -> str:
    """A licence plate in capitals without dashes or spaces: "ab-123-c" -> "AB123C"."""
    plate = _PLATE_SEPARATORS.sub("", tidy(value)).upper()
    if not plate:
        raise NormaliseError("empty")
    if not plate.isascii() or not _PLATE.match(plate):
        raise NormaliseError("plate_invalid")
    return plate


def platform_key(value: str) -> str:
    """A platform's name for comparing: "Insta" -> "instagram", "Tik Tok" -> "tiktok"."""
    folded = fold(value)
    folded = _PLATFORM_ALIASES.get(folded, folded)
    name = folded.replace(" ", "")
    for domain, platform in _PLATFORM_DOMAINS.items():
        if name == domain.replace(".", ""):
            return platform
    return name


def _website_key(value: str) -> str:
    """A platform typed as a web address or a name: "https://www.Site.nl/" -> "site.nl",
    "Tik Tok" -> "tiktok"."""
    text = re.sub(r"^https?://", "", tidy(value).casefold())
    text = re.sub(r"^(?:www|m)\.", "", text).rstrip("/")
    if _DOMAIN.match(text):
        return _PLATFORM_DOMAINS.get(text, text)
    return platform_key(text)


def _account(label: str, platform: str) -> tuple[str, str]:
    """(platform as typed, key) of an account: "instagram:jade.x"."""
    handle = label
    match = _URL.match(label)
    if match is not None:
        domain = match.group(1).casefold()
        handle = match.group(2)
        if not platform:
            platform = _PLATFORM_DOMAINS.get(domain, domain.split(".")[0])
    handle = handle.lstrip("@").casefold()
    if not platform:
        raise NormaliseError("platform_missing", "platform")
    if len(platform) > PLATFORM_MAX:
        raise NormaliseError("platform_too_long", "platform")
    if not handle:
        raise NormaliseError("empty")
    if len(handle) > HANDLE_MAX or any(char.isspace() for char in handle):
        raise NormaliseError("handle_invalid")
    key = platform_key(platform)
    if not key:
        raise NormaliseError("platform_missing", "platform")
    return platform, f"{key}:{handle}"


def normalise_postcode(value: str) -> str:
    match = _POSTCODE.match(value)
    if match is None:
        raise NormaliseError("postcode_invalid", "postcode")
    return f"{match.group(1)}{match.group(2).upper()}"


def normalise_house_number(value: str) -> str:
    """ "12" -> "12", "12 a" -> "12A", "12-2" -> "12-2"."""
    match = _HOUSE_NUMBER.match(value)
    if match is None:
        raise NormaliseError("house_number_invalid", "house_number")
    return _house_number(match.group(1), match.group(2))


def _house_number(number: str, addition: str | None) -> str:
    number = str(int(number))
    if not addition:
        return number
    addition = addition.upper()
    return number + (f"-{addition}" if addition[0].isdigit() else addition)


def _address_from_label(label: str) -> tuple[str, str] | None:
    """(postcode, house number) found in a typed address, or None."""
    found = _POSTCODE_IN_TEXT.search(label)
    if found is None:
        return None
    postcode = f"{found.group(1)}{found.group(2).upper()}"
    before = _NUMBER_BEFORE.search(label[: found.start()])
    if before is not None:
        return postcode, _house_number(before.group(1), before.group(2))
    after = _NUMBER_AFTER.match(label[found.end() :])
    if after is not None:
        return postcode, _house_number(after.group(1), after.group(2))
    return None


def _address(label: str, postcode: str, house_number: str) -> str:
    postcode, house_number = tidy(postcode), tidy(house_number)
    if postcode and house_number:
        return f"{normalise_postcode(postcode)} {normalise_house_number(house_number)}"
    if house_number:
        raise NormaliseError("house_number_without_postcode", "postcode")
    if postcode:
        normalise_postcode(postcode)  # a wrong postcode is said, not ignored
        raise NormaliseError("postcode_without_house_number", "house_number")
    parsed = _address_from_label(label)
    if parsed is not None:
        return f"{parsed[0]} {parsed[1]}"
    return fold(label)


def normalise(text: EntityText) -> Normalised:
    """The key of what was typed; NormaliseError when it cannot be used."""
    if text.kind not in KINDS:
        raise NormaliseError("unknown_kind", "kind")
    label = tidy(text.label)
    platform = tidy(text.platform) if text.kind == ACCOUNT else ""
    if not label:
        raise NormaliseError("empty")
    if len(label) > LABEL_MAX:
        raise NormaliseError("too_long")
    if text.kind == PHONE:
        key = normalise_phone(label)
    elif text.kind == VEHICLE:
        key = normalise_plate(label)
    elif text.kind == ACCOUNT:
        platform, key = _account(label, platform)
    elif text.kind == PLATFORM:
        key = _website_key(label)
    elif text.kind == ADDRESS:
        key = _address(label, text.postcode, text.house_number)
    else:
        key = fold(label)
    if not key:
        raise NormaliseError("no_letters")
    return Normalised(label=label, platform=platform, key=key)
