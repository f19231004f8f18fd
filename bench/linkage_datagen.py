"""Synthetic Dutch record-linkage data: a population of minors and noisy copies of their records.

For benchmarking same-person linkage (does record A in one source and record B in another, or
two records in one source, describe the same child?). The population is children aged 10-17 on
2026-11-01 (born 2008-11-02 .. 2016-11-01), living in households at Dutch-looking addresses.
Each person is rendered as one or more records in the CSV contract below; a record is either a
"reference" rendering (a registry like the BRP: official first names, tussenvoegsel in its own
field, little noise) or a "noisy copy" (a school, care or intake registration: roepnaam or
initials instead of the official names, tussenvoegsel variants, typos, swapped day/month,
moved addresses, missing fields).

CSV contract (UTF-8, header row, these columns in this order)::

    record_id,voornamen,tussenvoegsel,achternaam,geboortedatum,geslacht,straat,huisnummer,
    postcode,woonplaats,bsn

geboortedatum is YYYY-MM-DD, geslacht M/V/X or empty, every field but record_id may be empty,
and a source may put the tussenvoegsel inside achternaam ("Berg, van der", "van der Berg").
Truth files are ``record_id_a,record_id_b``, one row per true matching pair.

Commands::

    python bench/linkage_datagen.py pairs --n 100000 --overlap 0.5 --seed 1 --out-dir DIR
        DIR/left.csv and DIR/right.csv (n records each, one record per person within a file),
        DIR/truth.csv (left-right pairs of the same person). An overlap fraction of the left
        persons also appears in right as a noisy copy; the other right records are other
        persons of the SAME population, so siblings and twins of left persons are in right.
    python bench/linkage_datagen.py dedupe --n 1000000 --seed 1 --out-dir DIR
        DIR/input.csv (n records; each person has 1-3 records, the extra ones noisy copies)
        and DIR/truth.csv (every pair within each person's cluster).
    python bench/linkage_datagen.py --self-check
        generates a small set and asserts that the features below are present.

Importable: ``generate_pairs(n, overlap, seed) -> (left_rows, right_rows, truth_pairs)``,
``generate_dedupe(n, seed) -> (rows, truth_pairs)`` and ``write_csv(path, rows)``. To keep 1M
records light, a row is a plain tuple of 11 strings in ``COLUMNS`` order (record_id first), not a
dict; ``as_dicts(rows)`` yields dicts keyed by the column names. A truth pair is a tuple
``(record_id_a, record_id_b)``.

Faker('nl_NL') is used only to build the pools (first names by sex, surnames, street names,
places) once, with a fixed seed; the people are then sampled from the pools with numpy and
``random`` (Faker per record is far too slow). Name frequencies are skewed (Zipf-like, with a
curated head of the really common Dutch names first) so that a matcher's term-frequency
adjustment matters: "de Jong" or "Emma" agreeing says much less than a rare name agreeing.
Everything is deterministic for a given --seed (and Faker version).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import hashlib
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

import numpy as np

from schakel.linkage.csvio import INPUT_COLUMNS


def _split_list(text: str) -> list[str]:
    return [item.strip() for item in text.replace("\n", "").split("|") if item.strip()]


# The CSV contract of `schakel link` (one definition: the product's).
COLUMNS = INPUT_COLUMNS
TRUTH_COLUMNS = ("record_id_a", "record_id_b")

REFERENCE_DATE = dt.date(2026, 11, 1)
# Aged 10-17 on the reference date: 17 at most means born after 2008-11-01, 10 at least means
# born on or before 2016-11-01.
DOB_FIRST = dt.date(2008, 11, 2).toordinal()
DOB_LAST = dt.date(2016, 11, 1).toordinal()
POOL_SEED = 20261101  # the name/address universe is the same for every --seed

# Household: number of children aged 10-17 at the address (1-4).
HOUSEHOLD_SIZE_P = (0.42, 0.38, 0.15, 0.05)
TWIN_HOUSEHOLD_SHARE = 0.02  # households with twins (same date of birth)
TWIN_SIMILAR_NAMES_SHARE = 0.35  # of those twins, names like Sem/Sam, Noa/Noah
DOUBLE_SURNAME_SHARE = 0.03  # households with a double surname, "Jansen-de Vries"
SEX_X_SHARE = 0.001
SIBLING_MIN_GAP_DAYS = 300
BSN_SHARE = 0.30  # records carrying a BSN
MOVED_SHARE = 0.10  # noisy copies with another address
DEDUPE_RECORDS_P = (0.62, 0.26, 0.12)  # persons with 1, 2, 3 records in the dedupe input

# Missing-field probabilities per rendering style (reference, noisy copy).
MISSING_REF = {
    "voornamen": 0.003,
    "achternaam": 0.001,
    "geboortedatum": 0.005,
    "geslacht": 0.02,
    "straat": 0.01,
    "huisnummer": 0.01,
    "postcode": 0.015,
    "woonplaats": 0.01,
}
MISSING_NOISY = {
    "voornamen": 0.01,
    "achternaam": 0.005,
    "geboortedatum": 0.02,
    "geslacht": 0.12,
    "straat": 0.06,
    "huisnummer": 0.06,
    "postcode": 0.07,
    "woonplaats": 0.04,
}

# ---------------------------------------------------------------------------------------------
# Curated pools: the heads of the distributions (real, frequent Dutch names and places, in
# roughly real rank order). Faker's nl_NL lists and generated names form the long tails.
# ---------------------------------------------------------------------------------------------

COMMON_SURNAMES = """
de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|
de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|
van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van der Veen|
van den Broek|de Bruijn|de Bruin|van der Heijden|Schouten|van Beek|Willems|van Vliet|van de Ven|
Hoekstra|Maas|Verhoeven|Koster|van Dam|van der Wal|Prins|Blom|Huisman|Peeters|de Koning|
van Wijk|Kuipers|Y\u0131lmaz|Postma|Kramer|van Doorn|Timmermans|Bosch|Jonker|van der Heide|Groen|
Gerritsen|Hermans|de Ruiter|Sanders|Evers|Kaya|Wouters|Veenstra|Goossens|Koopman|Mertens|
de Lange|van Rijn|Smeets|Claassen|van Gils|Brink|Mol|Hoogendoorn|Molenaar|van Os|van der Laan|
Verbeek|van Dongen|Bijl|Kuijpers|Meyer|Öztürk|Şahin|Çelik|Demir|El Amrani|Nguyen|Wijnen|
van IJzendoorn|IJsselmuiden|Rijnders|van 't Hof|ter Horst|ten Brink|op de Beek|in 't Veld|
van der Berg|Boër|Noël|Mohan|Ramdin|Bouzid|Tahiri|El Idrissi|Singh|Tran|Dijkman|Reijnders
"""

# Popular first names for children born 2008-2016, roughly in rank order.
COMMON_FIRST_MALE = """
Daan|Sem|Milan|Levi|Luuk|Lucas|Noah|Bram|Finn|Jesse|Thomas|Liam|Thijs|Lars|Max|Ruben|Julian|
Tim|Stijn|Sam|Mees|Gijs|Jayden|Siem|Tygo|Teun|Jens|Hugo|Sven|Ties|Benjamin|Adam|Mohamed|Luca|
Niels|Owen|Dex|Cas|Floris|Olivier|Jan|Daniël|Guus|Tijn|Morris|David|Pim|Rens|Boaz|Mats|Hidde|
Kai|Mohammed|Stan|Jurre|Joep|Vince|Quinten|Nick|Rayan|Koen|Joris|Jelle|Wessel|Sepp|Bas|Job|
Ryan|Yusuf|Dean|Noël|Jaïr|Sam|Luc|Mick|Jip|Tobias|Xavi|Emir|Ömer
"""
COMMON_FIRST_FEMALE = """
Emma|Julia|Sophie|Lotte|Tess|Sara|Eva|Anna|Zoë|Fenna|Lisa|Noa|Evi|Mila|Saar|Isa|Fleur|Lieke|
Nina|Sanne|Elin|Liv|Lynn|Jasmijn|Anouk|Sophia|Nora|Roos|Maud|Yara|Femke|Esmee|Floor|Iris|
Lauren|Sarah|Olivia|Julie|Luna|Nova|Hannah|Amy|Vera|Noor|Chloé|Lina|Emily|Demi|Lara|Isabella|
Milou|Ella|Fay|Fiene|Bo|Elise|Lana|Puck|Linde|Benthe|Jill|Romy|Rosalie|Lieve|Guusje|Ilse|Kiki|
Sofie|Nienke|Charlotte|Hailey|Yasmina|Anaïs|Renée|Chloë|Noëlle|Mariëlle|Eline|Fenne|Evy
"""

# Official first name -> usual roepnamen (one of them is what the child is called).
ROEPNAMEN: dict[str, dict[str, tuple[str, ...]]] = {
    "M": {
        "Johannes": ("Jan", "Hans", "Johan", "Joop", "Jo"),
        "Hendrikus": ("Henk", "Rik", "Hendrik"),
        "Cornelis": ("Kees", "Cor", "Niels"),
        "Petrus": ("Piet", "Peter", "Peer"),
        "Wilhelmus": ("Wim", "Willem", "Pim"),
        "Willem": ("Pim", "Wim"),
        "Philippus": ("Pim", "Flip", "Philip"),
        "Jacobus": ("Jaap", "Koos", "Jack", "Co"),
        "Adrianus": ("Arie", "Adrie", "Ad", "Janus"),
        "Gerardus": ("Gerard", "Gert", "Ger"),
        "Theodorus": ("Theo", "Ruud", "Dorus"),
        "Antonius": ("Toon", "Ton", "Anton", "Teun"),
        "Franciscus": ("Frank", "Frans"),
        "Josephus": ("Jos", "Joep", "Sjef", "Joost"),
        "Martinus": ("Martijn", "Tijn", "Martin"),
        "Nicolaas": ("Klaas", "Niek", "Nick", "Nico"),
        "Lambertus": ("Bert", "Lambert"),
        "Maximiliaan": ("Max",),
        "Sebastiaan": ("Bas", "Sebas"),
        "Matthijs": ("Thijs", "Mats"),
        "Matthias": ("Ties", "Thijs"),
        "Christiaan": ("Chris", "Stijn"),
        "Constantijn": ("Stijn", "Tijn"),
        "Alexander": ("Alex", "Sander", "Xander", "Lex"),
        "Thomas": ("Tom", "Thom"),
        "Timotheus": ("Tim", "Timo"),
        "Abraham": ("Bram", "Abe"),
        "Lucas": ("Luuk", "Luc"),
        "Daniël": ("Daan", "Daniel"),
        "Samuel": ("Sam", "Sem"),
        "Benjamin": ("Ben", "Benji"),
        "Gijsbertus": ("Gijs", "Bert"),
        "Casparus": ("Cas", "Casper"),
        "Simon": ("Siem", "Sim"),
        "Augustinus": ("Guus", "Stijn"),
        "Gustaaf": ("Guus",),
        "Bartholomeus": ("Bart", "Mees"),
        "Julianus": ("Julian", "Jules"),
        "Laurentius": ("Lars", "Laurens", "Rens"),
        "Marinus": ("Rinus", "Mees"),
        "Jurriaan": ("Jurre", "Juul"),
        "Hubertus": ("Huub", "Bert"),
        "Stephanus": ("Stef", "Stan"),
        "Vincentius": ("Vince", "Vincent"),
    },
    "V": {
        "Johanna": ("Anneke", "Hanna", "Jo", "Joke", "Hanneke"),
        "Maria": ("Mia", "Marieke", "Mies", "Mieke", "Maaike"),
        "Catharina": ("Karin", "Tineke", "Toos", "Ina", "Kiki", "Nina"),
        "Wilhelmina": ("Mien", "Willemijn", "Wilma", "Mina"),
        "Elisabeth": ("Els", "Lisa", "Lies", "Liza", "Isa"),
        "Cornelia": ("Corrie", "Nel", "Lia"),
        "Hendrika": ("Riek", "Rika", "Henny"),
        "Geertruida": ("Truus", "Geertje", "Trudy"),
        "Adriana": ("Jana", "Adrie", "Ria"),
        "Margaretha": ("Greet", "Margriet", "Grietje", "Marga"),
        "Alexandra": ("Sandra", "Lexi", "Sasha"),
        "Josephina": ("Fien", "Josje", "Fieke", "Fiene"),
        "Francisca": ("Cisca", "Fran"),
        "Isabella": ("Isa", "Bella", "Bel"),
        "Charlotte": ("Lotte", "Lot", "Charlie"),
        "Rosalie": ("Roos", "Lieke"),
        "Sophia": ("Sofie", "Fiep", "Sophie"),
        "Emilia": ("Emmy", "Mila", "Emma"),
        "Olivia": ("Liv", "Livia"),
        "Susanna": ("Sanne", "Suus", "Suze"),
        "Eleonora": ("Noor", "Nora", "Ellen"),
        "Henriëtte": ("Jet", "Jetje", "Riet"),
        "Florentine": ("Floor", "Flo"),
        "Sara": ("Saar",),
        "Gabriëlle": ("Gabi", "Elle"),
        "Evelina": ("Evi", "Eef", "Lina"),
        "Theresia": ("Tess", "Tessa"),
        "Magdalena": ("Lena", "Leen", "Magda"),
        "Juliana": ("Julia", "Juul"),
        "Mathilde": ("Tilly", "Tilda"),
    },
}
ROEPNAAM_AS_OFFICIAL_SHARE = 0.35  # a roepnaam from the table gets its official name(s)
TRADITIONAL_SHARE = 0.04  # official name from the table, roepnaam one of its short forms

MIDDLE_NAMES = {
    "M": _split_list(
        "Johannes|Petrus|Cornelis|Hendrik|Hendrikus|Willem|Jacobus|Adrianus|Gerardus|Theodorus|"
        "Antonius|Maria|Jan|Pieter|Jozef|Franciscus|Marinus|Dirk|Gerrit|Hubertus|Wilhelmus|"
        "Albertus|Nicolaas|Arnoldus|Mohammed|Ali"
    ),
    "V": _split_list(
        "Maria|Johanna|Anna|Catharina|Elisabeth|Cornelia|Wilhelmina|Hendrika|Geertruida|"
        "Margaretha|Adriana|Jacoba|Petronella|Theodora|Antonia|Francisca|Helena|Aaltje|Grietje|"
        "Fatima|Louise"
    ),
}

# Twins with similar first names (name, sex, name, sex).
TWIN_NAME_PAIRS = (
    ("Sem", "M", "Sam", "M"),
    ("Noa", "V", "Noah", "M"),
    ("Luuk", "M", "Luc", "M"),
    ("Fenna", "V", "Fenne", "V"),
    ("Evi", "V", "Evy", "V"),
    ("Daan", "M", "Dean", "M"),
    ("Lars", "M", "Lara", "V"),
    ("Milan", "M", "Mila", "V"),
    ("Julian", "M", "Julia", "V"),
    ("Jesse", "M", "Jessie", "V"),
    ("Thijs", "M", "Ties", "M"),
    ("Sara", "V", "Sarah", "V"),
    ("Anna", "V", "Anne", "V"),
    ("Lieke", "V", "Lieve", "V"),
    ("Tim", "M", "Tom", "M"),
    ("Max", "M", "Mats", "M"),
    ("Liam", "M", "Lia", "V"),
    ("Bo", "V", "Bob", "M"),
    ("Nina", "V", "Nino", "M"),
    ("Roos", "V", "Rosa", "V"),
)

TUSSENVOEGSELS = frozenset(
    _split_list(
        "van|van der|van den|van de|van het|van 't|de|den|der|ter|ten|te|in 't|in de|in den|'t|"
        "op de|op den|op 't|uit de|uit den|uit het|aan de|aan den|bij de|onder de|over de|von|"
        "von der|d'|le|la|du|di|da|del|della|dos|el"
    )
)
TV_ABBREVIATIONS = {
    "van der": ("vd", "v.d.", "v/d"),
    "van den": ("vd", "v.d.", "v/d"),
    "van de": ("vd", "v.d."),
    "van": ("v.", "v"),
    "van 't": ("v.'t", "v 't"),
}

# Places: (official name, first 4-digit postcode, last) for the largest ones; the rest of
# Faker's places get one or two free 4-digit codes each. ALT_PLACES are the other names a
# source may use.
COMMON_PLACES = (
    ("Amsterdam", 1011, 1109),
    ("Rotterdam", 3011, 3089),
    ("'s-Gravenhage", 2491, 2597),
    ("Utrecht", 3511, 3585),
    ("Eindhoven", 5611, 5658),
    ("Groningen", 9711, 9747),
    ("Tilburg", 5011, 5049),
    ("Almere", 1311, 1363),
    ("Breda", 4811, 4841),
    ("Nijmegen", 6511, 6546),
    ("Apeldoorn", 7311, 7339),
    ("Arnhem", 6811, 6846),
    ("Haarlem", 2011, 2037),
    ("Enschede", 7511, 7548),
    ("Amersfoort", 3811, 3829),
    ("Zaandam", 1501, 1509),
    ("'s-Hertogenbosch", 5211, 5237),
    ("Hoofddorp", 2131, 2136),
    ("Zwolle", 8011, 8043),
    ("Zoetermeer", 2711, 2729),
    ("Leiden", 2311, 2334),
    ("Leeuwarden", 8911, 8939),
    ("Maastricht", 6211, 6229),
    ("Dordrecht", 3311, 3329),
    ("Ede", 6711, 6718),
    ("Alphen aan den Rijn", 2401, 2409),
    ("Alkmaar", 1811, 1825),
    ("Emmen", 7811, 7826),
    ("Delft", 2611, 2629),
    ("Venlo", 5911, 5932),
    ("Deventer", 7411, 7429),
    ("Helmond", 5701, 5709),
    ("Oss", 5341, 5349),
    ("Amstelveen", 1181, 1189),
    ("Hilversum", 1211, 1223),
    ("Nieuwegein", 3431, 3439),
    ("IJsselstein", 3401, 3404),
    ("Purmerend", 1441, 1448),
    ("Roosendaal", 4701, 4709),
    ("Schiedam", 3111, 3125),
    ("Spijkenisse", 3200, 3209),
    ("Lelystad", 8211, 8245),
    ("Gouda", 2801, 2809),
    ("Vlaardingen", 3131, 3138),
    ("Almelo", 7601, 7609),
    ("Hengelo", 7550, 7559),
    ("Assen", 9401, 9409),
    ("Veenendaal", 3901, 3907),
    ("Zeist", 3701, 3709),
    ("Den Helder", 1781, 1789),
    ("Hoorn", 1621, 1628),
    ("Capelle aan den IJssel", 2901, 2909),
    ("Rijswijk", 2281, 2289),
    ("Katwijk", 2221, 2225),
)
ALT_PLACES = {
    "'s-Gravenhage": ("Den Haag", "s-Gravenhage", "'s Gravenhage"),
    "'s-Hertogenbosch": ("Den Bosch", "s-Hertogenbosch", "'s Hertogenbosch"),
    "Capelle aan den IJssel": ("Capelle a/d IJssel", "Capelle ad IJssel"),
    "Alphen aan den Rijn": ("Alphen a/d Rijn", "Alphen"),
    "Zaandam": ("Zaanstad",),
    "Hoofddorp": ("Haarlemmermeer",),
}

COMMON_STREETS = """
Kerkstraat|Schoolstraat|Molenstraat|Dorpsstraat|Molenweg|Julianastraat|Nieuwstraat|Beatrixstraat|
Wilhelminastraat|Kastanjelaan|Stationsweg|Marktstraat|Industrieweg|Eikenlaan|Lindelaan|
Parallelweg|Beukenlaan|Berkenlaan|Sportlaan|Irenestraat|Emmastraat|Oranjestraat|Hoofdstraat|
Raadhuisstraat|Tulpstraat|Rozenstraat|Vondelstraat|Rembrandtstraat|Van Goghstraat|Mozartlaan|
Prins Bernhardlaan|Prinses Irenestraat|Koningin Julianalaan|Burgemeester van Nispenstraat|
Sint Jansstraat|Dokter Schaepmanstraat|Professor Lorentzlaan|Generaal Foulkesweg|Dorpsweg|
Populierenlaan|Wilgenlaan|Esdoornlaan|Meidoornstraat|Vlierstraat|Acacialaan|Jasmijnstraat|
Narcissenstraat|Merelstraat|Lijsterstraat|Mezenlaan|Spoorstraat|Havenstraat|Veldstraat|
Nieuwe Weg|Achterweg|Zuiderweg|Noordeinde|Burgemeester de Withstraat|Sint Annastraat|
Thorbeckestraat|Van der Waalsstraat|Prinses Margrietlaan|Bosweg|Wijkstraat|Rijnstraat|
IJsselstraat|Kruisstraat|Torenstraat|Brugstraat|Singel|Lange Nieuwstraat|Korte Nieuwstraat
"""
STREET_ABBREVIATIONS = (
    ("Burgemeester ", "Burg. "),
    ("Prinses ", "Pr. "),
    ("Prins ", "Pr. "),
    ("Koningin ", "Kon. "),
    ("Sint ", "St. "),
    ("Dokter ", "Dr. "),
    ("Professor ", "Prof. "),
    ("Generaal ", "Gen. "),
)
STREET_SUFFIXES = (
    "straat",
    "straat",
    "straat",
    "laan",
    "laan",
    "weg",
    "weg",
    "plein",
    "hof",
    "singel",
    "dreef",
    "kade",
    "pad",
)

# Synthetic surnames for the long tail: stems x endings, toponyms with van/van de(r)/ter.
SURNAME_STEMS = _split_list(
    "Berg|Brink|Hof|Kamp|Veld|Dijk|Hout|Bosch|Water|Meer|Molen|Kerk|Steen|Brug|Horst|Hoek|Beek|"
    "Wijk|Zand|Lind|Eik|Haver|Koren|Rog|Vlas|Hooge|Wester|Ooster|Noorder|Zuider|Klein|Groot|"
    "Nieuw|Oud|Smal|Breed|Lange|Korte|Holt|Ham|Rade|Ploeg|Slot|Spaan|Wolter|Harm|Gerrit|Tjeer|"
    "Sjoerd|Wiebe|Hiem|Feen|Rijk|Vrie|Heer|Bruin|Blok|Kuiper|Visch|Bouw|Staal|Weijer|Leeuw|"
    "Valk|Hollander|Tuin|Gaal|Stam|Polder|Vaart|Wal|Geest|Akker|Weide|Ruiter|Hage"
)
SURNAME_ENDINGS = _split_list(
    "man|mans|sma|stra|inga|ing|ink|kamp|veld|huis|horst|hof|werf|ema|er|ers|sen|s|link|hoff|"
    "beek|broek|land|meijer|boer|brink|mate|haar|dijk|kes|ke|jes|ens|graaf|wijk|bergen|erink"
)
TOPO_NOUNS = _split_list(
    "Water|Meer|Veen|Kamp|Berg|Heuvel|Broek|Beek|Bosch|Hoek|Wiel|Laan|Weerd|Akker|Pol|Voort|"
    "Zande|Horst|Hoeven|Ploeg|Sluis|Steeg|Werf|Haar|Kolk|Molen|Sande|Velde|Wetering|Linde|Gaag|"
    "Leij|Vlist|Schaaf|Putten|Hulst|Graaf|Stoep|Kraan|Dool|Wouw|Donk|Hurk|Meulen|Spek|Zwaan"
)

KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Letter pairs of real postcodes: no F, I, O, Q, U, Y, and never SA, SD or SS.
POSTCODE_LETTERS = tuple(
    a + b
    for a in "ABCEGHJKLMNPRSTVWXZ"
    for b in "ABCEGHJKLMNPRSTVWXZ"
    if a + b not in ("SA", "SD", "SS")
)

_T0 = time.perf_counter()


def _log(message: str) -> None:
    print(f"[{time.perf_counter() - _T0:7.1f}s] {message}", file=sys.stderr, flush=True)


def _split_surname(name: str) -> tuple[str, str]:
    """'van den Berg' -> ('van den', 'Berg'); 'El Amrani' -> ('', 'El Amrani')."""
    words = name.split()
    i = 0
    while i < len(words) - 1 and (words[i][0].islower() or words[i] == "'t"):
        i += 1
    tv = " ".join(words[:i])
    if tv and tv not in TUSSENVOEGSELS:
        return "", name
    return tv, " ".join(words[i:])


def _zipf_weights(count: int, offset: float, exponent: float = 1.0) -> np.ndarray:
    ranks = np.arange(1, count + 1, dtype=np.float64)
    weights = 1.0 / (ranks + offset) ** exponent
    return weights / weights.sum()


_NAME_RE = re.compile(r"^[A-ZÀ-ÖØ-ÞĲŞÇÖİ][a-zà-öø-ÿ\u0131işçğ]+(?:-[A-Z][a-zà-öø-ÿ]+)?$")


class Pools:
    """Names and places to sample from, built once from the curated heads and Faker's lists.

    Every list is ordered by rank (the head first) and comes with Zipf-like probabilities.
    """

    def __init__(self) -> None:
        from faker import Faker

        fake = Faker("nl_NL")
        fake.seed_instance(POOL_SEED)
        person = next(p for p in fake.get_providers() if hasattr(p, "first_names_male"))
        address = next(p for p in fake.get_providers() if hasattr(p, "cities"))
        shuffler = random.Random(POOL_SEED)

        # First names by sex: curated popular head, then Faker's nl_NL names (shuffled).
        self.first: dict[str, list[str]] = {}
        self.first_p: dict[str, np.ndarray] = {}
        for sex, head, faker_names in (
            ("M", COMMON_FIRST_MALE, person.first_names_male),
            ("V", COMMON_FIRST_FEMALE, person.first_names_female),
        ):
            names = list(dict.fromkeys(_split_list(head)))
            tail = sorted({n for n in faker_names if " " not in n} - set(names))
            shuffler.shuffle(tail)
            # Short forms from the roepnaam table belong to the pool too (rare).
            extra = sorted(
                {r for rs in ROEPNAMEN[sex].values() for r in rs} - set(names) - set(tail)
            )
            names += tail + extra
            self.first[sex] = names
            self.first_p[sex] = _zipf_weights(len(names), offset=8.0)
        self.first_cum = {sex: list(accumulate(p.tolist())) for sex, p in self.first_p.items()}
        # roepnaam -> official names it is short for, by sex.
        self.official_for: dict[str, dict[str, list[str]]] = {"M": {}, "V": {}}
        for sex, table in ROEPNAMEN.items():
            for official, shorts in table.items():
                for short in shorts:
                    if short != official:
                        self.official_for[sex].setdefault(short, []).append(official)
        self.traditional = {sex: sorted(table.items()) for sex, table in ROEPNAMEN.items()}

        # Surnames: common head, then Faker nl_NL (modern-looking ones), then generated ones.
        head = [_split_surname(s) for s in dict.fromkeys(_split_list(COMMON_SURNAMES))]
        seen = {f"{tv} {b}".strip() for tv, b in head}
        tail: list[tuple[str, str]] = []

        def add(name: str) -> None:
            if name in seen:
                return
            tv, base = _split_surname(name)
            if not _NAME_RE.match(base):
                return
            seen.add(name)
            tail.append((tv, base))

        for name in person.last_names:
            add(name)
        firsts = list(person.first_names_male)
        for stem in SURNAME_STEMS:
            for ending in SURNAME_ENDINGS:
                add(stem + ending)
        street_surnames = [base for tv, base in head + tail if not tv and base.isalpha()]
        for stem in SURNAME_STEMS:  # compounds: Bergveen, Hofmeers, Brinkhorst
            if len(stem) <= 5:
                for noun in TOPO_NOUNS:
                    add(stem + noun.lower())
                    add(stem + noun.lower() + "s")
        for name in firsts:  # patronymics: Gerritsen, Pieters, Jansse
            if name.isalpha() and name.isascii():
                for ending in ("sen", "s", "se", "z", "szen"):
                    add(name + ending)
        for noun in TOPO_NOUNS:
            for tv in ("van", "van de", "van der", "van den", "ter", "ten", "de", "in 't"):
                add(f"{tv} {noun}")
        for city in address.cities:
            if city.isalpha() and city[0].isupper():
                add(f"van {city}")
        shuffler.shuffle(tail)
        self.surnames: list[tuple[str, str]] = head + tail
        self.surname_p = _zipf_weights(len(self.surnames), offset=20.0)

        # Places: the curated big ones with their real postcode ranges, then Faker's places.
        used: set[int] = set()
        self.places: list[str] = []
        self.place_codes: list[list[int]] = []
        for name, first_code, last_code in COMMON_PLACES:
            codes = list(range(first_code, last_code + 1))
            used.update(codes)
            self.places.append(name)
            self.place_codes.append(codes)
        free = [c for c in range(1000, 10000) if c not in used]
        shuffler.shuffle(free)
        others = sorted(set(address.cities) - set(self.places))
        shuffler.shuffle(others)
        for name in others:
            if len(free) < 2:
                break
            count = 2 if shuffler.random() < 0.3 else 1
            self.places.append(name)
            self.place_codes.append([free.pop() for _ in range(count)])
        self.place_p = _zipf_weights(len(self.places), offset=3.0, exponent=1.1)
        self.place_cum = list(accumulate(self.place_p.tolist()))

        # Street names: common head, then Faker's (first name + suffix), then surname streets.
        streets = list(dict.fromkeys(_split_list(COMMON_STREETS)))
        seen_streets = set(streets)
        street_tail: set[str] = set()
        for _ in range(2500):
            street_tail.add(fake.street_name())
        for base in street_surnames:
            street_tail.add(base + shuffler.choice(STREET_SUFFIXES))
        street_list = sorted(street_tail - seen_streets)
        shuffler.shuffle(street_list)
        self.streets = streets + street_list
        self.street_cum = list(accumulate(_zipf_weights(len(self.streets), 10.0).tolist()))

        self.middle = MIDDLE_NAMES
        self.twin_pairs = TWIN_NAME_PAIRS


@lru_cache(maxsize=1)
def get_pools() -> Pools:
    t = time.perf_counter()
    pools = Pools()
    _log(
        f"pools: {len(pools.first['M'])}+{len(pools.first['V'])} first names, "
        f"{len(pools.surnames)} surnames, {len(pools.places)} places, "
        f"{len(pools.streets)} street names ({time.perf_counter() - t:.1f}s)"
    )
    return pools


# ---------------------------------------------------------------------------------------------
# Population
# ---------------------------------------------------------------------------------------------


class Person:
    """One child: the true values. dob is a date ordinal; double is (tv1, base1, tv2, base2)."""

    __slots__ = (
        "achternaam",
        "bsn",
        "dob",
        "double",
        "household",
        "huisnummer",
        "pid",
        "place",
        "postcode",
        "roepnaam",
        "sex",
        "straat",
        "tv",
        "voornamen",
        "woonplaats",
    )

    def __init__(self, pid: int, household: int) -> None:
        self.pid = pid
        self.household = household
        self.double: tuple[str, str, str, str] | None = None


class Population:
    """A seeded population of `size` children in households, plus an address generator."""

    def __init__(self, size: int, seed: int, pools: Pools | None = None) -> None:
        t = time.perf_counter()
        self.pools = pools or get_pools()
        self.rng = np.random.default_rng(seed)
        self.r = random.Random(seed)
        self._streets: dict[int, list[tuple[str, int, int]]] = {}
        self._place_ids = list(range(len(self.pools.places)))
        self.persons: list[Person] = []
        self.twin_households: set[int] = set()
        self._expected_households = max(1, int(size / 1.85))
        self._build(size)
        _log(
            f"population: {len(self.persons):,} persons in {self.households:,} households, "
            f"{len(self.twin_households):,} with twins ({time.perf_counter() - t:.1f}s)"
        )

    # -- addresses ----------------------------------------------------------------------------

    def _place_streets(self, place: int) -> list[tuple[str, int, int]]:
        """The streets of a place: (name, 4-digit postcode area, first letter-pair index)."""
        streets = self._streets.get(place)
        if streets is None:
            pools, r = self.pools, self.r
            expected = self._expected_households * float(pools.place_p[place])
            count = 3 + int(expected / 12)
            names = list(
                dict.fromkeys(r.choices(pools.streets, cum_weights=pools.street_cum, k=count))
            )
            codes = pools.place_codes[place]
            streets = [
                (name, r.choice(codes), r.randrange(len(POSTCODE_LETTERS) - 40)) for name in names
            ]
            self._streets[place] = streets
        return streets

    def address(self, place: int) -> tuple[str, str, str, str]:
        """A random address in a place: (straat, huisnummer, postcode, woonplaats)."""
        r = self.r
        streets = self._place_streets(place)
        name, code, letters = streets[r.randrange(len(streets))]
        number = min(1 + int(r.expovariate(1 / 30)), 999)
        postcode = f"{code}{POSTCODE_LETTERS[letters + number // 25 % 40]}"
        u = r.random()
        if u < 0.05:
            huisnummer = f"{number}{r.choice('ABCD')}"
        elif u < 0.08:
            huisnummer = f"{number}-{r.randint(1, 3)}"
        else:
            huisnummer = str(number)
        return name, huisnummer, postcode, self.pools.places[place]

    def random_place(self) -> int:
        return self.r.choices(self._place_ids, cum_weights=self.pools.place_cum, k=1)[0]

    # -- names --------------------------------------------------------------------------------

    def _names(self, sex: str, given: str) -> tuple[str, str]:
        """(official voornamen, roepnaam) for a child called `given`."""
        pools, r = self.pools, self.r
        name_sex = sex if sex != "X" else r.choice("MV")
        first, roepnaam = given, given
        officials = pools.official_for[name_sex].get(given)
        if officials and r.random() < ROEPNAAM_AS_OFFICIAL_SHARE:
            first = r.choice(officials)  # called Daan, officially Daniël
        elif r.random() < TRADITIONAL_SHARE:
            first, shorts = r.choice(pools.traditional[name_sex])  # Johannes, called Hans
            roepnaam = r.choice(shorts)
        u = r.random()
        middle_count = 0 if u < 0.35 else 1 if u < 0.75 else 2 if u < 0.95 else 3
        names = [first]
        for _ in range(middle_count):
            if r.random() < 0.5:
                middle = r.choice(pools.middle[name_sex])
            else:
                middle = r.choices(
                    pools.first[name_sex], cum_weights=pools.first_cum[name_sex], k=1
                )[0]
            if middle not in names and middle != roepnaam:
                names.append(middle)
        return " ".join(names), roepnaam

    # -- build --------------------------------------------------------------------------------

    def _build(self, size: int) -> None:
        pools, rng, r = self.pools, self.rng, self.r
        sizes = rng.choice(4, size=size, p=HOUSEHOLD_SIZE_P) + 1
        # TWINS: ~2% of households have two children with the same date of birth.
        twins = rng.random(size) < TWIN_HOUSEHOLD_SHARE
        sizes[twins] = np.maximum(sizes[twins], 2)
        ends = np.cumsum(sizes)
        households = int(np.searchsorted(ends, size)) + 1
        sizes = sizes[:households]
        sizes[-1] = size - (int(ends[households - 2]) if households > 1 else 0)
        self.households = households
        # Households share surname (Zipf-skewed: de Jong, Jansen, de Vries... are frequent).
        surname_idx = rng.choice(len(pools.surnames), size=households, p=pools.surname_p)
        double = rng.random(households) < DOUBLE_SURNAME_SHARE
        second_idx = rng.choice(len(pools.surnames), size=households, p=pools.surname_p)
        place_idx = rng.choice(len(pools.places), size=households, p=pools.place_p)
        sex_u = rng.random(size)
        given_idx = {
            sex: iter(rng.choice(len(pools.first[sex]), size=size, p=pools.first_p[sex]).tolist())
            for sex in ("M", "V")
        }
        bsns = iter(_unique_bsns(size, rng))
        span = DOB_LAST - DOB_FIRST
        # Plain lists: indexing numpy arrays one element at a time is slow.
        sizes_l, twins_l, double_l = sizes.tolist(), twins.tolist(), double.tolist()
        surname_l, second_l = surname_idx.tolist(), second_idx.tolist()
        place_l, sex_l = place_idx.tolist(), sex_u.tolist()
        pid = 0
        for h in range(households):
            k = sizes_l[h]
            tv, base = pools.surnames[surname_l[h]]
            dbl = None
            if double_l[h]:
                # DOUBLE SURNAMES: "Jansen-de Vries"; a first part's tussenvoegsel stays in
                # its own field ("van den Berg-Jansen" = tv "van den", achternaam "Berg-Jansen").
                tv2, base2 = pools.surnames[second_l[h]]
                if (tv2, base2) != (tv, base):
                    dbl = (tv, base, tv2, base2)
                    base = f"{base}-{tv2} {base2}" if tv2 else f"{base}-{base2}"
            # HOUSEHOLD ADDRESS: every child of the household lives here.
            straat, huisnummer, postcode, woonplaats = self.address(place_l[h])
            # SIBLINGS: different ages, at least ~10 months apart; twins share a date.
            is_twin = twins_l[h] and k >= 2
            n_dates = k - 1 if is_twin else k
            dates: list[int] = []
            for _ in range(20):
                dates = sorted(DOB_FIRST + int(r.random() * (span + 1)) for _ in range(n_dates))
                if all(b - a >= SIBLING_MIN_GAP_DAYS for a, b in pairwise(dates)):
                    break
            else:  # evenly spread over the age range
                step = span // n_dates
                dates = [
                    DOB_FIRST + i * step + int(r.random() * (step - 1)) for i in range(n_dates)
                ]
            if is_twin:
                dates.insert(0, dates[0])
                self.twin_households.add(h)
            used_names: set[str] = set()
            for c in range(k):
                p = Person(pid, h)
                pid += 1
                u = sex_l[p.pid]
                sex = "X" if u < SEX_X_SHARE else "M" if u < 0.51 else "V"
                given = ""
                for _ in range(6):
                    name_sex = sex if sex != "X" else r.choice("MV")
                    given = pools.first[name_sex][next(given_idx[name_sex])]
                    if given not in used_names:
                        break
                used_names.add(given)
                p.sex = sex
                p.voornamen, p.roepnaam = self._names(sex, given)
                p.tv, p.achternaam, p.double = tv, base, dbl
                p.dob = dates[c]
                p.straat, p.huisnummer, p.postcode, p.woonplaats = (
                    straat,
                    huisnummer,
                    postcode,
                    woonplaats,
                )
                p.place = place_l[h]
                # BSN: valid by the elfproef, unique per person.
                p.bsn = next(bsns)
                self.persons.append(p)
            if is_twin and r.random() < TWIN_SIMILAR_NAMES_SHARE:
                # TWINS WITH SIMILAR NAMES: Sem/Sam, Noa/Noah (the hardest same-address case).
                a, b = self.persons[-k], self.persons[-k + 1]
                n1, s1, n2, s2 = r.choice(pools.twin_pairs)
                for twin, name, sex in ((a, n1, s1), (b, n2, s2)):
                    twin.sex = sex
                    twin.voornamen, twin.roepnaam = self._names(sex, name)


def _unique_bsns(count: int, rng: np.random.Generator) -> list[str]:
    """`count` distinct 9-digit BSNs passing the elfproef (11-test), in random order."""
    out = np.empty(0, dtype=np.int64)
    while out.size < count:
        want = int((count - out.size) * 1.15) + 100
        prefix = rng.integers(10_000_000, 70_000_000, size=want, dtype=np.int64)
        total = np.zeros(want, dtype=np.int64)
        for i in range(8):
            total += (prefix // 10 ** (7 - i)) % 10 * (9 - i)
        check = total % 11
        ok = check != 10
        bsn = prefix[ok] * 10 + check[ok]
        merged = np.concatenate([out, bsn])
        _, first = np.unique(merged, return_index=True)
        out = merged[np.sort(first)]
    return [f"{b:09d}" for b in out[:count].tolist()]


def elfproef(bsn: str) -> bool:
    """The BSN 11-test: 9 digits, sum(d_i * (9 - i), i < 8) - d_8 divisible by 11."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    total = sum(int(bsn[i]) * (9 - i) for i in range(8)) - int(bsn[8])
    return total % 11 == 0 and bsn != "000000000"


# ---------------------------------------------------------------------------------------------
# Rendering a person as a record: reference style or noisy copy
# ---------------------------------------------------------------------------------------------

_NEIGHBOURS: dict[str, str] = {}
for _row_i, _row in enumerate(KEYBOARD_ROWS):
    for _col, _ch in enumerate(_row):
        _near = []
        for _dr in (-1, 0, 1):
            _rr = _row_i + _dr
            if 0 <= _rr < len(KEYBOARD_ROWS):
                for _dc in (-1, 0, 1):
                    _cc = _col + _dc
                    if (_dr or _dc) and 0 <= _cc < len(KEYBOARD_ROWS[_rr]):
                        _near.append(KEYBOARD_ROWS[_rr][_cc])
        _NEIGHBOURS[_ch] = "".join(_near)


def _neighbour(ch: str, r: random.Random) -> str:
    near = _NEIGHBOURS.get(ch.lower())
    if not near:
        return r.choice("aeinorst") if ch.isalpha() else ch
    out = r.choice(near)
    return out.upper() if ch.isupper() else out


def typo(text: str, r: random.Random) -> str:
    """One character edit: swap, deletion, insertion or keyboard-neighbour substitution."""
    n = len(text)
    if n < 3:
        return text
    op = r.random()
    i = r.randrange(1, n) if n > 1 else 0
    if op < 0.25:
        i = r.randrange(n - 1)
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if op < 0.5:
        return text[:i] + text[i + 1 :]
    if op < 0.75:
        ins = text[i - 1] if r.random() < 0.4 else _neighbour(text[i], r)
        return text[:i] + ins + text[i:]
    return text[:i] + _neighbour(text[i], r) + text[i + 1 :]


@lru_cache(maxsize=200_000)
def strip_diacritics(text: str) -> str:
    """Zoë -> Zoe, Chloé -> Chloe, Şahin -> Sahin (and the dotless i -> i)."""
    if text.isascii():
        return text
    text = text.replace("\u0131", "i").replace("İ", "I")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ij_to_y(text: str) -> str:
    """Bijl -> Byl, IJsselmuiden -> Ysselmuiden, Meijer -> Meyer."""
    return text.replace("IJ", "Y").replace("Ij", "Y").replace("ij", "y")


def initials(voornamen: str, r: random.Random) -> str:
    """'Johannes Petrus Maria' -> 'J.P.M.' (sometimes 'JPM' or 'J. P. M.')."""
    letters = [w[0].upper() for w in voornamen.split() if w]
    u = r.random()
    if u < 0.8:
        return "".join(f"{c}." for c in letters)
    if u < 0.9:
        return "".join(letters)
    return " ".join(f"{c}." for c in letters)


def _name_noise(text: str, r: random.Random, noisy: bool) -> str:
    if not text:
        return text
    # DIACRITICS: Zoë/Zoe, Chloé/Chloe (half of the noisy copies lose them).
    if not text.isascii() and r.random() < (0.5 if noisy else 0.08):
        text = strip_diacritics(text)
    # IJ/Y: Bijl/Byl, IJsselmuiden/Ysselmuiden; some systems write "Ijsselmuiden".
    if noisy and "j" in text and ("ij" in text or "IJ" in text):
        u = r.random()
        if u < 0.12:
            text = ij_to_y(text)
        elif u < 0.16:
            text = text.replace("IJ", "Ij")
    # TYPOS: 1-2 character edits.
    u = r.random()
    if u < (0.06 if noisy else 0.01):
        text = typo(text, r)
        if u < (0.012 if noisy else 0.001):
            text = typo(text, r)
    return text


def _title_words(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in text.split())


def _render_surname(p: Person, noisy: bool, r: random.Random) -> tuple[str, str]:
    tv, base = p.tv, p.achternaam
    if p.double is not None and noisy and r.random() < 0.3:
        # Double surname: one source keeps only one part, or drops the hyphen.
        tv1, base1, tv2, base2 = p.double
        u = r.random()
        if u < 0.65:
            tv, base = tv1, base1
        elif u < 0.85:
            tv, base = tv2, base2
        else:
            base = base.replace("-", " ")
    if not noisy:
        if tv and r.random() < 0.04:
            return "", f"{tv} {base}"
        return tv, base
    if tv:
        # TUSSENVOEGSEL VARIANTS: split fields, inside achternaam, abbreviated, "Berg, van der",
        # dropped, capitalised.
        u = r.random()
        if u < 0.45:
            pass
        elif u < 0.60:
            tv, base = "", f"{tv} {base}"
        elif u < 0.68:
            abbreviations = TV_ABBREVIATIONS.get(tv)
            if abbreviations:
                short = r.choice(abbreviations)
                if r.random() < 0.5:
                    tv, base = "", f"{short} {base}"
                else:
                    tv = short
            else:
                tv, base = "", f"{tv} {base}"
        elif u < 0.80:
            tv, base = "", f"{base}, {tv}"
        elif u < 0.88:
            tv = ""
        elif u < 0.95:
            if r.random() < 0.5:
                tv, base = "", _title_words(f"{tv} {base}")
            else:
                tv = tv[:1].upper() + tv[1:]
        else:
            joined = (tv + base).replace(" ", "").replace("'", "")
            tv, base = "", joined[:1].upper() + joined[1:].lower()
    if r.random() < 0.02:
        tv, base = tv.upper(), base.upper()
    return tv, base


def _render_voornamen(p: Person, noisy: bool, r: random.Random) -> str:
    # OFFICIAL NAMES vs ROEPNAAM: the reference has the official names ("Johannes Petrus
    # Maria"); a noisy copy often has just the roepnaam ("Hans") or the initials ("J.P.M.").
    official = p.voornamen
    if not noisy:
        text = official if r.random() >= 0.04 else official.split(" ", 1)[0]
        return _name_noise(text, r, noisy)
    u = r.random()
    if u < 0.50:
        text = official
    elif u < 0.80:
        text = p.roepnaam
    elif u < 0.90:
        return initials(official, r)
    elif u < 0.95:
        text = official.split(" ", 1)[0]
    else:
        rest = official.split(" ", 1)[1:] if " " in official else []
        text = " ".join([p.roepnaam, *rest])
    return _name_noise(text, r, noisy)


@lru_cache(maxsize=4096)
def _date_parts(ordinal: int) -> tuple[int, int, int, str]:
    d = dt.date.fromordinal(ordinal)
    return d.year, d.month, d.day, d.isoformat()


def _render_dob(p: Person, noisy: bool, r: random.Random) -> str:
    y, m, d, text = _date_parts(p.dob)
    changed = False
    # DAY/MONTH SWAPPED (only possible when the day is <= 12).
    if d <= 12 and d != m and r.random() < (0.02 if noisy else 0.003):
        m, d = d, m
        changed = True
    # WRONG YEAR DIGIT (rare): usually the last digit off by one.
    if noisy and r.random() < 0.004:
        last = y % 10
        if r.random() < 0.7:
            new = (last + r.choice((-1, 1))) % 10
        else:
            new = r.choice([x for x in range(10) if x != last])
        y = y - last + new
        changed = True
    if not changed:
        return text
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return text


def _render_address(
    pop: Population, p: Person, noisy: bool, r: random.Random
) -> tuple[str, str, str, str]:
    straat, huisnummer, postcode, woonplaats = p.straat, p.huisnummer, p.postcode, p.woonplaats
    if not noisy:
        if woonplaats in ALT_PLACES and r.random() < 0.1:
            woonplaats = ALT_PLACES[woonplaats][0]
        if r.random() < 0.01:
            straat = typo(straat, r)
        return straat, huisnummer, postcode, woonplaats
    # MOVED: another street, number and postcode, and often another place.
    if r.random() < MOVED_SHARE:
        place = p.place if r.random() < 0.35 else pop.random_place()
        straat, huisnummer, postcode, woonplaats = pop.address(place)
    if r.random() < 0.3:
        for long, short in STREET_ABBREVIATIONS:
            if straat.startswith(long):
                straat = short + straat[len(long) :]
                break
    if straat.endswith("straat") and r.random() < 0.03:
        straat = straat[: -len("straat")] + "str."
    straat = _name_noise(straat, r, noisy)
    # House number additions written differently or dropped.
    if not huisnummer.isdigit() and r.random() < 0.3:
        number = re.match(r"\d+", huisnummer)
        digits = number.group(0) if number else huisnummer
        addition = huisnummer[len(digits) :].lstrip("-")
        u = r.random()
        huisnummer = (
            digits
            if u < 0.4
            else f"{digits} {addition.lower()}"
            if u < 0.7
            else f"{digits}-{addition}"
        )
    elif r.random() < 0.01:
        huisnummer = typo(huisnummer, r) or huisnummer
    u = r.random()
    if u < 0.15:
        postcode = f"{postcode[:4]} {postcode[4:]}"
    elif u < 0.20:
        postcode = postcode.lower()
    elif u < 0.21:
        postcode = typo(postcode, r)
    if woonplaats in ALT_PLACES and r.random() < 0.5:
        woonplaats = r.choice(ALT_PLACES[woonplaats])
    elif r.random() < 0.03:
        woonplaats = woonplaats.upper()
    else:
        woonplaats = _name_noise(woonplaats, r, noisy and r.random() < 0.4)
    return straat, huisnummer, postcode, woonplaats


def render(pop: Population, p: Person, noisy: bool, r: random.Random) -> tuple[str, ...]:
    """A record (without record_id) for person p: reference style or noisy copy."""
    missing = MISSING_NOISY if noisy else MISSING_REF
    voornamen = _render_voornamen(p, noisy, r)
    tv, achternaam = _render_surname(p, noisy, r)
    achternaam = _name_noise(achternaam, r, noisy)
    dob = _render_dob(p, noisy, r)
    straat, huisnummer, postcode, woonplaats = _render_address(pop, p, noisy, r)
    geslacht = p.sex
    # MISSING FIELDS: each field empty with some probability; BSN in only ~30% of records.
    rnd = r.random
    if rnd() < missing["voornamen"]:
        voornamen = ""
    if rnd() < missing["achternaam"]:
        tv, achternaam = "", ""
    if rnd() < missing["geboortedatum"]:
        dob = ""
    if rnd() < missing["geslacht"]:
        geslacht = ""
    if rnd() < missing["straat"]:
        straat = ""
    if rnd() < missing["huisnummer"]:
        huisnummer = ""
    if rnd() < missing["postcode"]:
        postcode = ""
    if rnd() < missing["woonplaats"]:
        woonplaats = ""
    bsn = p.bsn if rnd() < BSN_SHARE else ""
    return (
        voornamen,
        tv,
        achternaam,
        dob,
        geslacht,
        straat,
        huisnummer,
        postcode,
        woonplaats,
        bsn,
    )


# ---------------------------------------------------------------------------------------------
# Data sets
# ---------------------------------------------------------------------------------------------


def _with_ids(
    rendered: list[tuple[int, tuple[str, ...]]], prefix: str, r: random.Random
) -> tuple[list[tuple[str, ...]], dict[int, list[str]]]:
    """Shuffle the records, give them ids in file order; returns rows and person -> ids."""
    r.shuffle(rendered)
    width = max(6, len(str(len(rendered))))
    rows: list[tuple[str, ...]] = []
    ids: dict[int, list[str]] = defaultdict(list)
    for i, (pid, fields) in enumerate(rendered, start=1):
        rid = f"{prefix}{i:0{width}d}"
        rows.append((rid, *fields))
        ids[pid].append(rid)
    return rows, ids


def generate_pairs(
    n: int, overlap: float, seed: int
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[tuple[str, str]]]:
    """Left and right files of n records each; overlap * n left persons also in right.

    The right-only persons come from the same population (siblings and twins of left persons
    included). Returns (left_rows, right_rows, truth_pairs).
    """
    if not 0.0 <= overlap <= 1.0:
        raise ValueError("overlap must be in [0, 1]")
    shared = round(n * overlap)
    pop = Population(2 * n - shared, seed)
    r = random.Random(seed * 7919 + 1)
    order = list(range(len(pop.persons)))
    r.shuffle(order)
    left_pids = order[:n]
    right_pids = order[:shared] + order[n:]
    t = time.perf_counter()
    persons = pop.persons
    left = [(pid, render(pop, persons[pid], False, r)) for pid in left_pids]
    right = [(pid, render(pop, persons[pid], True, r)) for pid in right_pids]
    _log(f"rendered {len(left):,} + {len(right):,} records ({time.perf_counter() - t:.1f}s)")
    left_rows, left_ids = _with_ids(left, "L", r)
    right_rows, right_ids = _with_ids(right, "R", r)
    truth = sorted((left_ids[pid][0], right_ids[pid][0]) for pid in order[:shared])
    return left_rows, right_rows, truth


def generate_dedupe(n: int, seed: int) -> tuple[list[tuple[str, ...]], list[tuple[str, str]]]:
    """n records of persons with 1-3 records each (first a reference record, the extra ones
    noisy copies). Returns (rows, truth_pairs) with every pair within a person's records."""
    mean = sum((i + 1) * p for i, p in enumerate(DEDUPE_RECORDS_P))
    rng = np.random.default_rng(seed + 1_000_003)
    estimate = int(n / mean * 1.05) + 10
    counts = rng.choice(3, size=estimate, p=DEDUPE_RECORDS_P) + 1
    ends = np.cumsum(counts)
    persons_needed = int(np.searchsorted(ends, n)) + 1
    counts = counts[:persons_needed]
    counts[-1] -= int(ends[persons_needed - 1]) - n
    pop = Population(persons_needed, seed)
    r = random.Random(seed * 7919 + 2)
    t = time.perf_counter()
    persons = pop.persons
    rendered: list[tuple[int, tuple[str, ...]]] = []
    for pid, count in enumerate(counts.tolist()):
        p = persons[pid]
        rendered.append((pid, render(pop, p, False, r)))
        for _ in range(count - 1):
            rendered.append((pid, render(pop, p, True, r)))
        if pid and pid % 200_000 == 0:
            _log(f"rendered {len(rendered):,} records")
    _log(f"rendered {len(rendered):,} records ({time.perf_counter() - t:.1f}s)")
    rows, ids = _with_ids(rendered, "D", r)
    truth: list[tuple[str, str]] = []
    for cluster in ids.values():
        for i in range(len(cluster)):
            for j in range(i + 1, len(cluster)):
                a, b = cluster[i], cluster[j]
                truth.append((a, b) if a < b else (b, a))
    truth.sort()
    return rows, truth


def as_dicts(rows: Iterable[Sequence[str]]) -> Iterator[dict[str, str]]:
    """Rows as dicts keyed by COLUMNS."""
    for row in rows:
        yield dict(zip(COLUMNS, row, strict=True))


def write_csv(
    path: str | Path,
    rows: Iterable[Sequence[str] | dict[str, Any]],
    header: Sequence[str] = COLUMNS,
) -> None:
    """Write rows (tuples in header order, or dicts keyed by it) as UTF-8 CSV with a header."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header] if isinstance(row, dict) else row)


def read_csv(path: str | Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------------------------


def _age(dob: dt.date) -> int:
    return (
        REFERENCE_DATE.year
        - dob.year
        - ((REFERENCE_DATE.month, REFERENCE_DATE.day) < (dob.month, dob.day))
    )


def self_check() -> None:
    pools = get_pools()
    surnames_top = [f"{tv} {b}".strip() for tv, b in pools.surnames[:4]]
    assert surnames_top == ["de Jong", "Jansen", "de Vries", "van den Berg"], surnames_top

    # Population: households, twins, ages, BSNs.
    pop = Population(20_000, 5)
    persons = pop.persons
    assert len(persons) == 20_000
    by_household: dict[int, list[Person]] = defaultdict(list)
    for p in persons:
        by_household[p.household].append(p)
    assert max(len(v) for v in by_household.values()) == 4
    share_twins = len(pop.twin_households) / len(by_household)
    assert 0.01 < share_twins < 0.035, share_twins
    for h in pop.twin_households:
        a, b = by_household[h][:2]
        assert a.dob == b.dob and a.roepnaam != b.roepnaam and a.achternaam == b.achternaam
    similar = {(a, c) for a, _, c, _ in TWIN_NAME_PAIRS} | {
        (c, a) for a, _, c, _ in TWIN_NAME_PAIRS
    }
    assert any(
        (by_household[h][0].roepnaam, by_household[h][1].roepnaam) in similar
        for h in pop.twin_households
    ), "no twins with similar names"
    for members in by_household.values():
        assert len({(m.achternaam, m.straat, m.huisnummer, m.postcode) for m in members}) == 1
        dates = sorted(m.dob for m in members)
        gaps = [b - a for a, b in pairwise(dates)]
        assert sum(g == 0 for g in gaps) <= 1
    assert all(10 <= _age(dt.date.fromordinal(p.dob)) <= 17 for p in persons)
    assert all(elfproef(p.bsn) for p in persons)
    assert len({p.bsn for p in persons}) == len(persons), "BSN not unique per person"
    assert any("-" in p.achternaam and p.double for p in persons), "no double surnames"
    assert any(p.roepnaam != p.voornamen.split()[0] for p in persons), "no roepnaam table use"
    assert any(p.voornamen.startswith("Johannes") for p in persons)
    counts = Counter(f"{p.tv} {p.achternaam}".strip() for p in persons)
    top = counts.most_common(3)
    assert top[0][1] > 20 * (len(persons) / len(counts)), f"surnames not skewed: {top}"

    # Pairs.
    n = 4000
    left, right, truth = generate_pairs(n, 0.5, 3)
    again = generate_pairs(n, 0.5, 3)
    assert (left, right, truth) == again, "not deterministic"
    assert len(left) == n and len(right) == n and len(truth) == n // 2
    left_ids = {row[0] for row in left}
    right_ids = {row[0] for row in right}
    assert len(left_ids) == n and len(right_ids) == n, "duplicate record_id"
    assert all(a in left_ids and b in right_ids for a, b in truth), "truth id not in files"
    assert len({a for a, _ in truth}) == len(truth) == len({b for _, b in truth})
    assert [row[0] for row in left] == sorted(row[0] for row in left)
    for rows in (left, right):
        for row in rows:
            assert len(row) == len(COLUMNS)
            assert row[5] in ("M", "V", "X", ""), row
            if row[4]:
                dt.date.fromisoformat(row[4])
            if row[10]:
                assert elfproef(row[10]), row
        bsn_share = sum(1 for row in rows if row[10]) / len(rows)
        assert 0.25 < bsn_share < 0.35, bsn_share
        bsns = [row[10] for row in rows if row[10]]
        assert len(bsns) == len(set(bsns)), "one record per person: BSNs repeat in a file"
    ach = [row[3] for row in right]
    assert any(", van" in a for a in ach), "no 'Berg, van der'"
    assert any(a.startswith(("vd ", "v.d. ", "v/d ")) for a in ach), "no 'vd Berg'"
    assert any(a.startswith(("van der ", "van den ", "de ")) for a in ach), "no tv in achternaam"
    assert any(a.startswith(("Van Der ", "Van Den ", "De ")) for a in ach), "no 'Van Der Berg'"
    assert any(row[2] for row in right), "no split tussenvoegsel"
    assert any(re.fullmatch(r"([A-Z]\.){2,}", row[1]) for row in right), "no initials"
    left_by_id = {row[0]: row for row in left}
    right_by_id = {row[0]: row for row in right}
    roepnaam_only = moved = swapped = diacritics = ijy = 0
    for a, b in truth:
        la, rb = left_by_id[a], right_by_id[b]
        if la[1] and rb[1] and " " in la[1] and " " not in rb[1] and "." not in rb[1]:
            roepnaam_only += 1
        if la[9] and rb[9] and la[6] and rb[6] and la[6] != rb[6]:
            moved += 1
        if la[4] and rb[4] and la[4] != rb[4] and la[4][5:7] == rb[4][8:10]:
            swapped += 1
        if not la[1].isascii() and rb[1] == strip_diacritics(la[1]):
            diacritics += 1
        if "ij" in la[3].lower() and "y" in rb[3].lower():
            ijy += 1
    assert roepnaam_only > 50 and swapped > 3 and diacritics > 0 and ijy > 0, (
        roepnaam_only,
        swapped,
        diacritics,
        ijy,
    )
    assert 0.05 < moved / len(truth) < 0.2, moved
    # Right-only persons include siblings and twins of left persons: same surname, address.
    matched_right = {b for _, b in truth}
    left_keys = Counter((row[3], row[6], row[7]) for row in left if row[2] and row[6])
    sibling_like = sum(
        1
        for row in right
        if row[0] not in matched_right and row[2] and (row[3], row[6], row[7]) in left_keys
    )
    assert sibling_like > 10, sibling_like

    # Dedupe.
    rows, truth_d = generate_dedupe(6000, 4)
    ids = [row[0] for row in rows]
    assert len(rows) == 6000 and len(set(ids)) == 6000
    id_set = set(ids)
    assert all(a in id_set and b in id_set and a < b for a, b in truth_d)
    assert len(set(truth_d)) == len(truth_d)
    assert 0.35 * 6000 < len(truth_d) < 0.6 * 6000, len(truth_d)

    # CSV round trip.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "left.csv"
        write_csv(path, left)
        back = read_csv(path)
        assert list(back[0].keys()) == list(COLUMNS)
        assert [tuple(d.values()) for d in back] == left
        with open(path, encoding="utf-8") as f:
            assert f.readline().strip() == ",".join(COLUMNS)
    print("self-check passed", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------


def _file_info(path: Path) -> str:
    return f"{path} ({path.stat().st_size / 1e6:.1f} MB)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--self-check", action="store_true", help="generate a small set, assert")
    sub = parser.add_subparsers(dest="command")
    pairs = sub.add_parser("pairs", help="left.csv, right.csv and truth.csv")
    pairs.add_argument("--n", type=int, default=100_000, help="records per file")
    pairs.add_argument("--overlap", type=float, default=0.5, help="share of left also in right")
    pairs.add_argument("--seed", type=int, default=1)
    pairs.add_argument("--out-dir", type=Path, required=True)
    dedupe = sub.add_parser("dedupe", help="input.csv and truth.csv")
    dedupe.add_argument("--n", type=int, default=1_000_000, help="records")
    dedupe.add_argument("--seed", type=int, default=1)
    dedupe.add_argument("--out-dir", type=Path, required=True)
    args = parser.parse_args(argv)

    if args.self_check:
        self_check()
        return 0
    if args.command is None:
        parser.error("give a command (pairs, dedupe) or --self-check")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    # Millions of small long-lived objects: the cyclic GC would rescan them over and over.
    gc.disable()
    start = time.perf_counter()
    if args.command == "pairs":
        left, right, truth = generate_pairs(args.n, args.overlap, args.seed)
        outputs = [
            (args.out_dir / "left.csv", left, COLUMNS),
            (args.out_dir / "right.csv", right, COLUMNS),
            (args.out_dir / "truth.csv", truth, TRUTH_COLUMNS),
        ]
    else:
        rows, truth = generate_dedupe(args.n, args.seed)
        outputs = [
            (args.out_dir / "input.csv", rows, COLUMNS),
            (args.out_dir / "truth.csv", truth, TRUTH_COLUMNS),
        ]
    for path, data, header in outputs:
        write_csv(path, data, header)
        _log(f"wrote {len(data):,} rows to {_file_info(path)}")
    digest = hashlib.sha256()
    for path, _, _ in outputs:
        digest.update(path.read_bytes())
    _log(f"done in {time.perf_counter() - start:.1f}s, sha256 {digest.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
