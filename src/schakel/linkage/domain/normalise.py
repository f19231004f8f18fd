"""Dutch normalisation of a young person's identifying fields, for comparison only.

Pure Python, no Django. The same function serves the within-region matcher (Splink), the
candidate keys of a new signal and the cross-region encodings, so that "van der Berg",
"vd Berg", "v.d. Berg", "Berg, van der" and "Berg" all compare on the surname "berg" with the
tussenvoegsel apart, "Zoë" equals "Zoe", "Bijl" equals "Byl", and a roepnaam ("Hans") meets
the official names ("Johannes Petrus").

Nothing here is a judgement about a person: it only makes spellings comparable. Nationality,
origin and residence status are no input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

NORMALISATION_VERSION = 3

# Tussenvoegsels, longest first so "van der" wins over "van". Written out after folding.
_TUSSENVOEGSELS = (
    "van den",
    "van der",
    "van de",
    "van het",
    "van t",
    "van ter",
    "van ten",
    "van la",
    "von der",
    "von dem",
    "in het",
    "in t",
    "in de",
    "in den",
    "in der",
    "op de",
    "op den",
    "op het",
    "op t",
    "op ten",
    "uit de",
    "uit den",
    "uit het",
    "aan de",
    "aan den",
    "aan het",
    "bij de",
    "onder de",
    "over de",
    "voor de",
    "voor den",
    "de la",
    "de le",
    "van",
    "von",
    "de",
    "den",
    "der",
    "het",
    "t",
    "te",
    "ten",
    "ter",
    "la",
    "le",
    "les",
    "du",
    "da",
    "dos",
    "das",
    "del",
    "della",
    "di",
    "el",
    "al",
    "d",
    "l",
    "op",
    "in",
    "uit",
    "aan",
    "bij",
)
_TUSSENVOEGSEL_SET = frozenset(_TUSSENVOEGSELS)
# Abbreviations written as one word after folding ("v.d." and "vd" -> "vd").
_ABBREVIATIONS = {
    "vd": "vd",
    "vdr": "vd",
    "vden": "vd",
    "v": "v",
    "vh": "vh",
    "it": "it",
    "idt": "id",
    "id": "id",
    "ivd": "ivd",
}

# Official name -> roepnamen that are usual for it (after folding). Used in both directions:
# a roepnaam is compared by the official name it stands for.
_ROEPNAMEN: Mapping[str, tuple[str, ...]] = {
    "johannes": ("jan", "hans", "johan", "joop", "jo", "hannes", "jannes"),
    "petrus": ("piet", "peter", "pieter", "peer"),
    "cornelis": ("kees", "cor", "cees", "niels"),
    "wilhelmus": ("wim", "willem", "pim", "wil"),
    "hendrikus": ("henk", "rik", "hendrik", "henny", "eric"),
    "jacobus": ("jaap", "koos", "jaco", "sjaak", "co", "jacob", "kobus"),
    "gerardus": ("gerard", "gert", "geert", "ger", "sjra"),
    "adrianus": ("adrie", "arie", "ad", "janus"),
    "theodorus": ("theo", "dorus", "ruud", "door"),
    "franciscus": ("frank", "frans", "sjaak", "cisco"),
    "antonius": ("toon", "ton", "anton", "teun", "twan"),
    "alexander": ("alex", "sander", "lex"),
    "maximiliaan": ("max",),
    "maximilian": ("max",),
    "nicolaas": ("klaas", "niek", "nico", "nick"),
    "samuel": ("sam", "sammy", "sem"),
    "benjamin": ("ben", "benja"),
    "sebastiaan": ("bas", "sebas"),
    "christiaan": ("chris", "stijn", "christian"),
    "daniel": ("daan", "dani", "danny"),
    "jozef": ("jos", "sjef", "joep", "joost"),
    "josephus": ("jos", "sjef", "joep", "joost"),
    "matthijs": ("thijs", "tijs", "mats"),
    "mattheus": ("thijs", "matthijs", "teus"),
    "michael": ("michiel", "mike", "michel"),
    "robertus": ("rob", "bert", "robert", "robbie"),
    "lambertus": ("bert", "lammert", "bertus"),
    "gijsbertus": ("gijs", "bert"),
    "ludovicus": ("louis", "lode", "lou"),
    "laurentius": ("lars", "laurens", "lau", "rens"),
    "martinus": ("martin", "tinus", "maarten", "mart", "tijn"),
    "marinus": ("rinus", "rien", "mees", "marijn", "mario"),
    "hubertus": ("huub", "bert", "hub"),
    "bernardus": ("ben", "bernard", "bennie", "bernd"),
    "arnoldus": ("arnold", "noud", "nol"),
    "leonardus": ("leo", "leon", "leen", "lenny"),
    "thomas": ("tom", "tommy", "thom"),
    "timotheus": ("tim", "timo"),
    "tobias": ("tobi", "tobie"),
    "lucas": ("luuk", "luc", "lukas"),
    "julianus": ("julian", "juul"),
    "emanuel": ("manu", "manuel"),
    "elias": ("eli", "elia"),
    "mohammed": ("mo", "momo", "mohamed", "muhammad"),
    "abdelkader": ("kader",),
    "maria": ("marie", "mieke", "ria", "marieke", "mia", "mariet", "mies", "mirjam"),
    "elisabeth": (
        "lisa",
        "els",
        "bep",
        "liesbeth",
        "elise",
        "betty",
        "lies",
        "liz",
        "liza",
        "elisa",
        "lisette",
    ),
    "catharina": (
        "tineke",
        "karin",
        "ineke",
        "trijntje",
        "kaat",
        "cato",
        "katrien",
        "tine",
        "kiki",
        "toos",
        "nina",
        "ina",
    ),
    "johanna": ("anneke", "hanna", "hannah", "annie", "jo", "joke", "hanneke", "jannie"),
    "wilhelmina": ("willy", "mien", "wilma", "mina", "wil", "willemijn", "ina"),
    "hendrika": ("riek", "henny", "rieky", "rika", "henriette"),
    "geertruida": ("truus", "geertje", "trudy", "truida"),
    "jacoba": ("coby", "koosje", "jacqueline", "co"),
    "isabella": ("isa", "bella", "isabel", "bel"),
    "isabelle": ("isa", "bella", "isabel"),
    "sophia": ("sophie", "fie", "sofie", "sofia"),
    "juliana": ("julia", "juul", "julie", "juliet"),
    "charlotte": ("lotte", "lot", "charlie"),
    "olivia": ("liv", "livia", "olive"),
    "alexandra": ("sandra", "lexie", "lexi", "alex", "sacha", "sasha", "lexa"),
    "helena": ("lena", "leni", "heleen", "hella", "lenie"),
    "magdalena": ("lena", "leni", "magda", "lenie"),
    "margaretha": ("greet", "margriet", "grietje", "marga", "gretha", "greta", "margreet"),
    "anna": ("anne", "anja", "annie", "anouk", "annet"),
    "cornelia": ("corrie", "nel", "cor", "lia", "neeltje"),
    "petronella": ("nel", "nelleke", "pietje", "ellen", "petra"),
    "adriana": ("jeanne", "adrie", "janna", "sjaan", "ria", "jana"),
    "gerarda": ("gerda", "gerdie"),
    "francisca": ("fenna", "francien", "cis", "cisca", "sjaak"),
    "antonia": ("toos", "tonny", "toni", "ton"),
    "emma": ("em", "emmy"),
    "amalia": ("amy", "mali", "amely"),
    "emilia": ("emma", "emmy", "milly", "emi", "mila", "lia"),
    "philippus": ("flip", "philip", "pip", "fillip", "pim"),
    "ivo": ("ive",),
    "evelien": ("eef", "eva", "evi"),
    "eva": ("evi", "eefje"),
    "rebecca": ("becca", "becky", "rebekka"),
    "susanna": ("suzanne", "sanne", "suus", "suze", "susan"),
    "josephina": ("fien", "fiene", "josje", "jos", "fieke", "josefien"),
    "dorothea": ("dorien", "thea", "doortje", "dora"),
    "christina": ("christien", "stien", "tina", "kristel"),
    "aleida": ("alie", "leida", "ida"),
    "abraham": ("bram", "abe", "braam"),
    "gustaaf": ("guus", "gus", "staf"),
    "mathilde": ("tilly", "tilda", "thilde", "tilde", "mathilda"),
    "florentine": ("floor", "flore", "floortje", "flo"),
    "simon": ("siem", "sim", "saimon"),
    "matthias": ("ties", "thijs", "mathias", "matthijs", "tias"),
    "stephanus": ("stef", "stefan", "steven", "stephan", "fanus", "stan"),
    "rosalie": ("roos", "rosa", "lie", "lieke", "saar"),
    "henriette": ("jet", "jetje", "henny", "jette", "riet"),
    "evelina": ("evi", "eef", "lina", "evelien", "eva"),
    "frederik": ("freek", "frits", "fred", "rik"),
    "frederika": ("frederique", "rika", "freddie"),
    "willemijn": ("wil", "mijntje", "pien"),
    "pieternella": ("pien", "nel", "nelleke"),
    "jozefien": ("fien", "fieke", "josje"),
    "adriaan": ("ad", "adri", "janus"),
    "arie": ("ari",),
    "caspar": ("cas", "casper", "jasper"),
    "casparus": ("cas", "casper"),
    "cornelius": ("kees", "cor", "neel"),
    "dirk": ("dik", "dirkje"),
    "everhardus": ("evert", "eef"),
    "gijsbert": ("gijs", "bert"),
    "jeroen": ("roen",),
    "joannes": ("jan", "hans", "johan", "joop"),
    "jurgen": ("jur", "juul"),
    "kornelis": ("kees", "cor"),
    "ludovica": ("loes", "wiske"),
    "louisa": ("loes", "louise", "lies"),
    "lodewijk": ("lodi", "lou", "louis", "wiek"),
    "maarten": ("mart", "maartje"),
    "machteld": ("mechteld", "til"),
    "margreet": ("greet", "margje"),
    "marijke": ("mieke", "rike"),
    "nicolette": ("nicky", "colet"),
    "reinier": ("rein", "ries", "nier"),
    "rudolf": ("ruud", "rudi", "dolf", "ruudje"),
    "sjoerd": ("sjors",),
    "wouter": ("wout",),
    "zacharias": ("sjaak", "zach"),
    "aaltje": ("aal", "aaltie"),
    "grietje": ("griet", "greet"),
    "hendrikje": ("henny", "riek", "rika"),
    "teunis": ("teun", "tonnie"),
    "valentijn": ("val", "tijn"),
    "augustinus": ("guus", "stijn", "tinus"),
    "constantijn": ("stijn", "tijn", "constant"),
    "martijn": ("tijn", "mart"),
    "quirinus": ("quin", "krijn", "rinus"),
    "bartholomeus": ("bart", "mees", "bartel"),
    "barbara": ("babs", "bab", "bar"),
    "cecilia": ("cilia", "cil", "sissi", "lia"),
    "dorothee": ("dorien", "thea"),
    "gabriella": ("gabi", "ella"),
    "gabrielle": ("gabi", "elle"),
    "gabriel": ("gabi", "gab"),
    "leonie": ("leo", "noor"),
    "eleonora": ("noor", "nora", "leonie", "ella"),
    "jacqueline": ("jacky", "jacq", "lien"),
    "josephine": ("fien", "josje", "jos", "fieke"),
    "paulina": ("pauline", "lien", "pau"),
    "theresia": ("tessa", "tes", "tess", "resi", "trees", "thea"),
    "wilhelm": ("wim", "wil"),
    "anthonie": ("toon", "ton", "teun"),
}


def _build_roepnaam_index() -> dict[str, str]:
    """Every roepnaam and official name -> the official name used as its canonical form.
    A roepnaam shared by several official names ("bert") keeps itself as its canon."""
    owners: dict[str, set[str]] = {}
    for official, nicknames in _FOLDED_ROEPNAMEN.items():
        owners.setdefault(official, set()).add(official)
        for nickname in nicknames:
            owners.setdefault(nickname, set()).add(official)
    index: dict[str, str] = {}
    for name, officials in owners.items():
        index[name] = (
            name if name in _FOLDED_ROEPNAMEN or len(officials) > 1 else next(iter(officials))
        )
    return index


_NON_LETTER = re.compile(r"[^a-z\s\-']")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\D")
_POSTCODE = re.compile(r"^(\d{4})\s*([a-z]{2})?$")
_HOUSE_NUMBER = re.compile(r"^(\d+)\s*[-/]?\s*([a-z0-9]{0,4})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@lru_cache(maxsize=262_144)
def fold(text: str | None) -> str:
    """Lower case, no diacritics, "ij" as "y", only letters, spaces, hyphens and apostrophes."""
    if not text:
        return ""
    lowered = text.strip().lower()
    if lowered.isascii():  # most names: nothing to decompose
        plain = lowered
    else:
        decomposed = unicodedata.normalize("NFKD", lowered)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("ij", "y").replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
    plain = plain.replace(".", " ").replace("/", " ").replace("\u2019", "'").replace("`", "'")
    plain = _NON_LETTER.sub(" ", plain)
    return _SPACES.sub(" ", plain).strip()


def _build_name_forms() -> dict[str, frozenset[str]]:
    """Every name -> the official names it may stand for, and itself."""
    forms: dict[str, set[str]] = {}
    for official, nicknames in _FOLDED_ROEPNAMEN.items():
        forms.setdefault(official, {official})
        for nickname in nicknames:
            forms.setdefault(nickname, {nickname}).add(official)
    return {name: frozenset(values) for name, values in forms.items()}


def _one_deletion(name: str) -> set[str]:
    return {name[:i] + name[i + 1 :] for i in range(len(name))}


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance (optimal string alignment) of at most one."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(differ) == 1:
            return True  # one letter replaced
        first = differ[0]
        return (
            len(differ) == 2
            and differ[1] == first + 1
            and a[first] == b[first + 1]
            and (a[first + 1] == b[first])
        )  # two neighbours swapped
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return shorter in _one_deletion(longer)


def _build_typo_index() -> dict[str, set[str]]:
    """Each roepnaam and the strings one deletion away from it -> the roepnamen: candidates
    for a roepnaam typed with one mistake (checked with ``_within_one_edit``)."""
    index: dict[str, set[str]] = {}
    for name, forms in _NAME_FORMS.items():
        if len(forms) > 1 and len(name) >= 3:  # a roepnaam: it stands for an official name
            for key in {name, *_one_deletion(name)}:
                index.setdefault(key, set()).add(name)
    return index


# A roepnaam typed with a mistake stands for at most this many official names, or none.
_MAX_TYPO_OFFICIALS = 2


def _typo_forms(name: str) -> frozenset[str]:
    """The official names of the roepnaam that ``name`` is one typing mistake away from
    ("riiet" -> "henriette"), when ``name`` is no known name itself and the answer is not
    ambiguous; else nothing."""
    if len(name) < 3 or name in _NAME_FORMS:
        return frozenset()
    candidates = {
        roepnaam
        for key in {name, *_one_deletion(name)}
        for roepnaam in _TYPO_INDEX.get(key, ())
        if _within_one_edit(name, roepnaam)
    }
    officials = {form for roepnaam in candidates for form in _NAME_FORMS[roepnaam]} - candidates
    return frozenset(officials) if 0 < len(officials) <= _MAX_TYPO_OFFICIALS else frozenset()


@lru_cache(maxsize=262_144)
def name_forms(names: tuple[str, ...]) -> tuple[str, ...]:
    """All names and the official names they may stand for, sorted: two records whose forms
    overlap may use a roepnaam and an official name of the same young person. A name that is
    no known name but one typing mistake from a known roepnaam also gets that roepnaam's
    official names ("riiet" for "riet": "henriette")."""
    found: set[str] = set()
    for name in names:
        if name:
            found |= _NAME_FORMS.get(name, frozenset({name})) | _typo_forms(name)
    return tuple(sorted(found))


def all_names(first_name: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """The first name and all official names, as written and as the official name they stand
    for, sorted. A roepnaam fits another record when its forms meet these names."""
    found = {name for name in (first_name, *names) if name}
    found |= {canonical_first_name(name) for name in found}
    return tuple(sorted(found))


def canonical_first_name(name: str) -> str:
    """The official name a roepnaam stands for ("hans" -> "johannes"), else the name itself."""
    return _ROEPNAAM_INDEX.get(name, name)


def _words(text: str) -> list[str]:
    return [word for word in text.replace("'", " ").split() if word]


# A tussenvoegsel written against the surname ("Vandenheuvel", "Vanhulsel").
_GLUED_PREFIX = re.compile(r"^(van den|van der|van de|van het|van t|van)(?=[a-z]{3})")


def _strip_prefix(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading tussenvoegsel words off a surname written with them in front."""
    if len(words) == 1:
        glued = _GLUED_PREFIX.match(
            re.sub(r"^van(den|der|de|het|t)(?=[a-z]{3})", r"van \1", words[0])
        )
        if glued and words[0].startswith("van") and len(words[0]) >= 7:
            spaced = re.sub(r"^van(den|der|de|het|t)(?=[a-z]{3})", r"van \1 ", words[0])
            spaced = spaced if spaced != words[0] else "van " + words[0][3:]
            return spaced.split()[:-1], spaced.split()[-1:]
    for size in (3, 2, 1):
        if len(words) > size and " ".join(words[:size]) in _TUSSENVOEGSEL_SET:
            return words[:size], words[size:]
    if len(words) > 1 and words[0] in _ABBREVIATIONS:
        return words[:1], words[1:]
    if len(words) > 1 and len(words[0]) <= 3 and re.fullmatch(r"v[dht]?[dnr]?", words[0]):
        return words[:1], words[1:]
    return [], words


def _joined_abbreviations(folded: str) -> str:
    """ "v d berg" (from "v.d. Berg" or "V/d Berg") -> "vd berg"."""
    return re.sub(r"\bv ([dh])\b", r"v\1", folded)


@lru_cache(maxsize=262_144)
def tussenvoegsel_key(tussenvoegsel: str) -> str:
    """A short key for comparing tussenvoegsels in any spelling: "van der", "v.d." and "vd"
    all give "vd"; "de" gives "d"; "van 't" gives "vt"."""
    folded = _joined_abbreviations(fold(tussenvoegsel).replace("-", " "))
    words = _words(folded)
    if len(words) == 1 and words[0] in _ABBREVIATIONS:
        return _ABBREVIATIONS[words[0]]
    return "".join(word[0] for word in words)


@lru_cache(maxsize=262_144)
def split_surname(tussenvoegsel: str, achternaam: str) -> tuple[str, str]:
    """(tussenvoegsel key, surname) from the two fields as a source wrote them.

    Handles "Berg, van der" (inverted), "van der Berg", "vd Berg" and "v.d. Berg" inside the
    surname field, and an empty or separate tussenvoegsel field. Double surnames keep both
    parts ("jansen de vries" for "Jansen-de Vries").
    """
    raw = achternaam or ""
    prefix_words: list[str] = _words(_joined_abbreviations(fold(tussenvoegsel).replace("-", " ")))
    if "," in raw:
        main, _, after = raw.partition(",")
        after_words = _words(fold(after).replace("-", " "))
        if after_words and (
            " ".join(after_words) in _TUSSENVOEGSEL_SET or after_words[0] in _ABBREVIATIONS
        ):
            prefix_words = prefix_words or after_words
            raw = main
    words = _words(_joined_abbreviations(fold(raw).replace("-", " ")))
    found, rest = _strip_prefix(words)
    if found and not prefix_words:
        prefix_words = found
    if found:
        words = rest
    key = tussenvoegsel_key(" ".join(prefix_words))
    return key, " ".join(words)


_INITIALS_DOTTED = re.compile(r"\s*([A-Za-z]\s*\.\s*)+[A-Za-z]?\s*\.?\s*")
_INITIALS_CAPITALS = re.compile(r"\s*[A-Z]{1,4}\s*")


@lru_cache(maxsize=262_144)
def split_given_names(voornamen: str, roepnaam: str = "") -> tuple[str, tuple[str, ...], str]:
    """(first name, all official names, initials). Initials-only input ("J.P.M.") gives no
    names but its initials; the first name is the roepnaam when given, else the first name."""
    raw = voornamen or ""
    if _INITIALS_DOTTED.fullmatch(raw) or _INITIALS_CAPITALS.fullmatch(raw):
        letters = [ch for ch in fold(raw) if ch.isalpha()]
        names: list[str] = []
        initials = "".join(letters)
    else:
        names = _words(fold(raw).replace("-", " "))
        initials = "".join(name[0] for name in names)
    first = _words(fold(roepnaam))
    first_name = first[0] if first else (names[0] if names else "")
    if not initials and first_name:
        initials = first_name[0]
    return first_name, tuple(names), initials


@lru_cache(maxsize=262_144)
def normalise_postcode(value: str) -> str:
    """ "1234 ab" -> "1234AB"; four digits alone stay four digits (a partial Dutch postcode,
    or another country's); anything else -> ""."""
    match = _POSTCODE.match((value or "").strip().lower())
    if not match:
        return ""
    return match.group(1) + (match.group(2) or "").upper()


@lru_cache(maxsize=262_144)
def normalise_house_number(value: str) -> str:
    """ "12-a", "12 A", "12a" -> "12a"; no number -> ""."""
    match = _HOUSE_NUMBER.match((value or "").strip().lower())
    return f"{match.group(1)}{match.group(2)}" if match else ""


def bsn_valid(value: str) -> bool:
    """The eleven test (elfproef) of a Dutch citizen service number."""
    if len(value) != 9 or not value.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(value[:8], range(9, 1, -1), strict=True)
    )
    total -= int(value[8])
    return total % 11 == 0 and value != "000000000"


def normalise_bsn(value: str) -> str:
    digits = _DIGITS.sub("", value or "")
    if len(digits) == 8:
        digits = "0" + digits
    return digits if bsn_valid(digits) else ""


def normalise_phone(value: str) -> str:
    """Dutch phone numbers as "+31..." digits; other numbers as digits with their "+"."""
    raw = (value or "").strip()
    digits = _DIGITS.sub("", raw)
    if not digits:
        return ""
    if raw.startswith("+"):
        return "+" + digits
    if digits.startswith("0031"):
        return "+31" + digits[4:]
    if digits.startswith("0") and len(digits) == 10:
        return "+31" + digits[1:]
    return digits


def parse_date(value: str | date | None) -> date | None:
    """A YYYY-MM-DD string or a date; anything else -> None."""
    if value is None or isinstance(value, date):
        return value
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


_SEX = {"m": "m", "man": "m", "jongen": "m", "male": "m", "v": "v", "vrouw": "v", "meisje": "v"}
_SEX.update({"f": "v", "female": "v", "x": "x", "anders": "x", "other": "x"})


def normalise_sex(value: str) -> str:
    return _SEX.get((value or "").strip().lower(), "")


@lru_cache(maxsize=262_144)
def normalise_place(value: str) -> str:
    folded = fold(value).replace("-", " ")
    # "'s-Hertogenbosch" and "Den Bosch" stay different spellings; only case and accents go.
    return folded.removeprefix("s ").strip()


@lru_cache(maxsize=262_144)
def normalise_street(value: str) -> str:
    folded = fold(value).replace("-", " ")
    folded = re.sub(r"\b(straat|str)\b$", "straat", folded)
    return re.sub(r"(?<=\w)str$", "straat", folded)


@dataclass(frozen=True)
class RawPerson:
    """The fields as a source wrote them (the CSV columns of ``schakel link``)."""

    record_id: str
    voornamen: str = ""
    roepnaam: str = ""
    tussenvoegsel: str = ""
    achternaam: str = ""
    geboortedatum: str | date | None = None
    geslacht: str = ""
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    woonplaats: str = ""
    bsn: str = ""
    school: str = ""
    telefoon: str = ""


@dataclass(frozen=True)
class Person:
    """Comparable values. Empty string / None = unknown."""

    record_id: str
    first_name: str
    first_name_canon: str
    given_names: tuple[str, ...]
    given_names_canon: tuple[str, ...]
    name_forms: tuple[str, ...]
    all_names: tuple[str, ...]
    initials: str
    surname: str
    tussenvoegsel: str
    date_of_birth: date | None
    sex: str
    street: str
    house_number: str
    postcode: str
    place: str
    bsn: str
    school: str
    phone: str

    @property
    def dob(self) -> str:
        return self.date_of_birth.isoformat() if self.date_of_birth else ""

    @property
    def name_pair(self) -> str:
        """First name and surname in alphabetical order: the same when a source swapped them."""
        if not self.first_name or not self.surname:
            return ""
        return " / ".join(sorted((self.first_name, self.surname)))

    @property
    def dob_sorted(self) -> str:
        """Year with day and month in ascending order: the same for a swapped day/month."""
        if self.date_of_birth is None:
            return ""
        low, high = sorted((self.date_of_birth.month, self.date_of_birth.day))
        return f"{self.date_of_birth.year:04d}-{low:02d}-{high:02d}"


def normalise(raw: RawPerson) -> Person:
    first_name, names, initials = split_given_names(raw.voornamen, raw.roepnaam)
    tussenvoegsel, surname = split_surname(raw.tussenvoegsel, raw.achternaam)
    canon_names = tuple(dict.fromkeys(canonical_first_name(name) for name in names))
    return Person(
        record_id=raw.record_id,
        first_name=first_name,
        first_name_canon=canonical_first_name(first_name) if first_name else "",
        given_names=tuple(names),
        given_names_canon=canon_names,
        name_forms=name_forms((first_name,)),
        all_names=all_names(first_name, names),
        initials=initials,
        surname=surname,
        tussenvoegsel=tussenvoegsel,
        date_of_birth=parse_date(raw.geboortedatum),
        sex=normalise_sex(raw.geslacht),
        street=normalise_street(raw.straat),
        house_number=normalise_house_number(raw.huisnummer),
        postcode=normalise_postcode(raw.postcode),
        place=normalise_place(raw.woonplaats),
        bsn=normalise_bsn(raw.bsn),
        school=fold(raw.school),
        phone=normalise_phone(raw.telefoon),
    )


# Candidate pairs: two records are compared when they agree on all fields of one rule. Each
# rule combines two fields (or one that is nearly unique: BSN, phone), so no block is
# "everyone born in 2011" and the work grows with the data, not with its square. The same
# rules serve Splink's batch blocking (engine.py) and the stored keys of a new signal.
BLOCKING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("bsn", ("bsn",)),
    ("fs", ("first_name_canon", "surname")),
    ("sd", ("surname", "dob_sorted")),
    ("fd", ("first_name_canon", "dob_sorted")),
    ("ad", ("postcode", "house_number")),
    ("dp", ("dob", "postcode")),
    ("dh", ("dob", "house_number")),
    ("sh", ("street", "house_number")),
    ("tel", ("phone",)),
    ("np", ("name_pair",)),
    ("fp", ("first_name_canon", "postcode")),
    ("sp", ("surname", "postcode")),
)


def _field(person: Person, name: str) -> str:
    value = getattr(person, name)
    return value if isinstance(value, str) else ""


def blocking_keys(person: Person) -> list[str]:
    """The candidate keys of a record, one per rule whose fields are all known."""
    keys: list[str] = []
    for code, fields in BLOCKING_RULES:
        values = [_field(person, name) for name in fields]
        if all(values):
            keys.append(f"{code}:{'|'.join(values)}"[:120])
    return keys


# The roepnaam table as folded names (ij -> y, no accents), as every name is compared.
_FOLDED_ROEPNAMEN: dict[str, tuple[str, ...]] = {
    fold(official): tuple(fold(nickname) for nickname in nicknames)
    for official, nicknames in _ROEPNAMEN.items()
}
_ROEPNAAM_INDEX = _build_roepnaam_index()
_NAME_FORMS = _build_name_forms()
_TYPO_INDEX = _build_typo_index()
