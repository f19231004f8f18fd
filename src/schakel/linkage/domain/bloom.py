"""Cryptographic linkage keys: a young person's normalised fields in one hardened Bloom filter.

Pure Python and numpy, no Django. The design follows the CLK of Schnell, Bachteler and Reiher
(2011): the q-grams and tokens of several fields go into ONE filter per record (never a filter
per field), each token set by ``k`` positions from a keyed hash (HMAC-SHA256 with the
agreement's secret, double hashing). The filter is then balanced (Schnell and Borgs 2016): the
filter and its complement side by side, the bits shuffled by a permutation derived from the
secret. Every balanced filter has the same number of ones, so the count of ones no longer tells
how long a name is, and which bit belongs to which cannot be seen without the secret.

``docs/adr/0010-privacy-preserving-linkage.md`` says why these choices and parameters.

Similarity is the Dice coefficient of two filters. For balanced filters it is one minus the
share of the unbalanced bits in which they differ, so a Hamming locality-sensitive hash (bit
sampling in bands) finds the candidate pairs without comparing every pair.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from .normalise import Person, canonical_first_name

ENCODING_VERSION: Final = 1
# The filter before balancing; a power of two, so an odd step of the double hash visits every
# position once (no position is hit twice by one token).
BASE_BITS: Final = 1024
FILTER_BITS: Final = 2 * BASE_BITS
FILTER_BYTES: Final = FILTER_BITS // 8
WORDS: Final = FILTER_BITS // 64
HARDENING: Final = "balanced-permuted"
HASHING: Final = "hmac-sha256-double-hashing"
MIN_SECRET_BYTES: Final = 32

# Tokens are turned into masks this many at a time (a bool matrix of FILTER_BITS per token).
_TOKEN_CHUNK: Final = 8192

Filters = npt.NDArray[np.uint64]
Indices = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class FieldSpec:
    """One field in the filter: its code (a token's prefix) and how many positions each of
    its tokens sets (its weight: more positions, more say in the similarity)."""

    code: str
    k: int
    description: str


# Names by their letter pairs (typing errors cost a few pairs, not the whole name), the
# other fields as whole tokens. The weights were chosen on the synthetic Dutch population of
# ``bench/linkage_datagen.py`` (see the ADR); the BSN is left out on purpose.
FIELDS: Final = (
    FieldSpec("vn", 8, "eerste voornaam (roepnaam als officiële naam), letterparen"),
    FieldSpec("vi", 28, "eerste voorletter"),
    FieldSpec("va", 20, "alle voorletters"),
    FieldSpec("an", 8, "achternaam zonder tussenvoegsel, letterparen"),
    FieldSpec("tv", 16, "tussenvoegsel (sleutel: 'vd' voor van der, v.d., vd)"),
    FieldSpec("gj", 48, "geboortejaar"),
    FieldSpec("gm", 28, "geboortemaand"),
    FieldSpec("gd", 32, "geboortedag"),
    FieldSpec("gs", 12, "geslacht"),
    FieldSpec("p4", 28, "postcode, cijfers"),
    FieldSpec("pc", 20, "postcode, volledig"),
    FieldSpec("hn", 20, "huisnummer met toevoeging"),
)


@dataclass(frozen=True)
class LinkageFields:
    """The normalised values that go into a filter. Empty string / None = unknown."""

    first_name: str = ""
    initials: str = ""
    surname: str = ""
    tussenvoegsel: str = ""
    date_of_birth: date | None = None
    sex: str = ""
    postcode: str = ""
    house_number: str = ""

    @classmethod
    def from_person(cls, person: Person) -> LinkageFields:
        return cls(
            first_name=person.first_name_canon,
            initials=person.initials,
            surname=person.surname,
            tussenvoegsel=person.tussenvoegsel,
            date_of_birth=person.date_of_birth,
            sex=person.sex,
            postcode=person.postcode,
            house_number=person.house_number,
        )

    @classmethod
    def from_values(
        cls,
        *,
        first_name: str,
        initials: str,
        surname: str,
        tussenvoegsel: str,
        date_of_birth: date | None,
        sex: str,
        postcode: str,
        house_number: str,
    ) -> LinkageFields:
        """From stored normalised values (a first name is brought to its official form)."""
        return cls(
            first_name=canonical_first_name(first_name) if first_name else "",
            initials=initials,
            surname=surname,
            tussenvoegsel=tussenvoegsel,
            date_of_birth=date_of_birth,
            sex=sex,
            postcode=postcode,
            house_number=house_number,
        )

    @property
    def linkable(self) -> bool:
        """Enough to tell young people apart: two of first name, surname and date of birth.
        A record with less would look like every other record with less."""
        known = (bool(self.first_name), bool(self.surname), self.date_of_birth is not None)
        return sum(known) >= 2


def bigrams(text: str) -> list[str]:
    """Letter pairs with padding: "ab" -> ["_a", "ab", "b_"]; "" -> []."""
    if not text:
        return []
    padded = f"_{text.replace(' ', '_')}_"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


def _first_name(value: str) -> list[tuple[str, str]]:
    return [("vn", gram) for gram in dict.fromkeys(bigrams(value))]


def _initials(value: str) -> list[tuple[str, str]]:
    return [("vi", value[0]), ("va", value)] if value else []


def _surname(value: str) -> list[tuple[str, str]]:
    return [("an", gram) for gram in dict.fromkeys(bigrams(value))]


def _tussenvoegsel(value: str) -> list[tuple[str, str]]:
    return [("tv", value)] if value else []


def _date_of_birth(value: date | None) -> list[tuple[str, str]]:
    if value is None:
        return []
    return [("gj", f"{value.year:04d}"), ("gm", f"{value.month:02d}"), ("gd", f"{value.day:02d}")]


def _sex(value: str) -> list[tuple[str, str]]:
    return [("gs", value)] if value else []


def _postcode(value: str) -> list[tuple[str, str]]:
    return [("p4", value[:4]), ("pc", value)] if value else []


def _house_number(value: str) -> list[tuple[str, str]]:
    return [("hn", value)] if value else []


# Each value of a record gives its tokens; the encoder remembers the result per value.
_PARTS: Final = (
    ("first_name", _first_name),
    ("initials", _initials),
    ("surname", _surname),
    ("tussenvoegsel", _tussenvoegsel),
    ("date_of_birth", _date_of_birth),
    ("sex", _sex),
    ("postcode", _postcode),
    ("house_number", _house_number),
)


def tokens(fields: LinkageFields) -> list[tuple[str, str]]:
    """(field code, token) for every token of a record; a token is unique within its field,
    so a repeated letter pair does not count twice."""
    found: list[tuple[str, str]] = []
    for attribute, make in _PARTS:
        found += make(getattr(fields, attribute))
    return found


def _derive(secret: bytes, purpose: str) -> bytes:
    """A separate key per use of the secret, so that no output of one use says anything about
    another."""
    return hmac.new(
        secret, f"schakel-pprl/v{ENCODING_VERSION}/{purpose}".encode(), "sha256"
    ).digest()


def secret_fingerprint(secret: bytes) -> str:
    """A keyed hash of a constant: equal for equal secrets, and says nothing about the secret.
    Two encoding files with different fingerprints cannot be matched."""
    return _derive(secret, "fingerprint").hex()[:32]


def _pack(bits: npt.NDArray[np.bool_]) -> Filters:
    """Bool vector(s) of FILTER_BITS -> uint64 words (big-endian bit order within bytes)."""
    return np.packbits(bits, axis=-1).view(np.uint64)


class Encoder:
    """Encodes records with one agreement's secret. Deterministic: the same secret and values
    give the same filter, in any process."""

    def __init__(self, secret: bytes, *, fields: Sequence[FieldSpec] = FIELDS) -> None:
        if len(secret) < MIN_SECRET_BYTES:
            raise ValueError(f"The secret must have at least {MIN_SECRET_BYTES} bytes.")
        self._hash_key = _derive(secret, "hash")
        self._k = {field.code: field.k for field in fields}
        self.fingerprint = secret_fingerprint(secret)
        permutation_key = _derive(secret, "permutation")
        # A keyed permutation: positions sorted by their keyed hash.
        ranks = [
            hmac.digest(permutation_key, position.to_bytes(4, "big"), "sha256")[:8]
            for position in range(FILTER_BITS)
        ]
        self._permutation = np.array(
            sorted(range(FILTER_BITS), key=ranks.__getitem__), dtype=np.int64
        )
        # The balanced filter of an empty record: zeros (filter) then ones (complement), shuffled.
        empty = np.zeros(FILTER_BITS, dtype=np.bool_)
        empty[self._permutation[BASE_BITS:]] = True
        self._empty = _pack(empty)
        self._rows: list[dict[Any, int]] = [{} for _ in _PARTS]
        self._token_index: dict[tuple[str, str], int] = {}
        self._token_masks: Filters = np.zeros((0, WORDS), dtype=np.uint64)
        # Per row: the bits one value of one part flips in the empty balanced filter; new rows
        # wait in ``_pending`` until the next ``_combine``.
        self._table: Filters = np.zeros((0, WORDS), dtype=np.uint64)
        self._pending: list[Filters] = []

    def _first_and_step(self, code: str, token: str) -> tuple[int, int]:
        digest = hmac.digest(self._hash_key, f"{code}\x1f{token}".encode(), "sha256")
        # BASE_BITS is a power of two: an odd step visits k different positions.
        first = int.from_bytes(digest[:8], "big") % BASE_BITS
        step = (int.from_bytes(digest[8:16], "big") | 1) % BASE_BITS
        return first, step

    def positions(self, code: str, token: str) -> list[int]:
        """The ``k`` positions (0..BASE_BITS-1) a token sets before balancing."""
        first, step = self._first_and_step(code, token)
        return [(first + i * step) % BASE_BITS for i in range(self._k.get(code, 0))]

    def _token_rows(self, keys: Sequence[tuple[str, str]]) -> Indices:
        """Per (field code, token) its row in the table of token masks: the bits the token
        flips in the empty balanced filter. Setting a position turns its filter bit on and its
        complement bit off, so the two shuffled positions flip together and a record is
        ``empty XOR (OR of its tokens' masks)``."""
        new = [key for key in dict.fromkeys(keys) if key not in self._token_index]
        for start in range(0, len(new), _TOKEN_CHUNK):
            chunk = new[start : start + _TOKEN_CHUNK]
            hashed = np.array([self._first_and_step(code, token) for code, token in chunk])
            ks = np.array([self._k.get(code, 0) for code, _ in chunk], dtype=np.int64)
            # Token t sets (first_t + i * step_t) mod BASE_BITS for i < k_t, as ``positions``.
            owners = np.repeat(np.arange(len(chunk)), ks)
            offsets = np.arange(len(owners)) - np.repeat(np.cumsum(ks) - ks, ks)
            positions = (hashed[owners, 0] + offsets * hashed[owners, 1]) % BASE_BITS
            flips = np.zeros((len(chunk), FILTER_BITS), dtype=np.bool_)
            flips[owners, self._permutation[positions]] = True
            flips[owners, self._permutation[positions + BASE_BITS]] = True
            first = len(self._token_masks)
            self._token_masks = np.concatenate([self._token_masks, _pack(flips)])
            self._token_index.update(zip(chunk, range(first, first + len(chunk)), strict=True))
        return np.fromiter(map(self._token_index.__getitem__, keys), np.int64, len(keys))

    def rows(self, part: int, values: Sequence[Any]) -> Indices:
        """For each value of one part of a record its row in the table of masks (the OR of its
        tokens' masks); each distinct value is made once per encoder."""
        cache = self._rows[part]
        new = [value for value in dict.fromkeys(values) if value not in cache]
        if new:
            make = _PARTS[part][1]
            keys: list[tuple[str, str]] = []
            counts = np.zeros(len(new), dtype=np.int64)
            for number, value in enumerate(new):
                found = make(value)
                keys += found
                counts[number] = len(found)
            token_rows = self._token_rows(keys)  # first: it may grow the table of token masks
            token_masks = self._token_masks[token_rows]
            masks = np.zeros((len(new), WORDS), dtype=np.uint64)
            has_tokens = counts > 0
            if has_tokens.any():
                starts = (np.cumsum(counts) - counts)[has_tokens]
                masks[has_tokens] = np.bitwise_or.reduceat(token_masks, starts, axis=0)
            first = len(self._table) + sum(len(block) for block in self._pending)
            self._pending.append(masks)
            cache.update(zip(new, range(first, first + len(new)), strict=True))
        return np.fromiter(map(cache.__getitem__, values), np.int64, len(values))

    def encode(self, records: Sequence[LinkageFields]) -> Filters:
        """Balanced filters, one row of ``WORDS`` uint64 per record. Every record must have
        at least one known field (see ``LinkageFields.linkable`` for what is enough)."""
        rows = np.zeros((len(records), len(_PARTS)), dtype=np.int64)
        for part, (attribute, _) in enumerate(_PARTS):
            rows[:, part] = self.rows(part, list(map(attrgetter(attribute), records)))
        return self._combine(rows)

    def encode_indexed(self, parts: Sequence[tuple[Sequence[Any], Indices]]) -> Filters:
        """The same filters as ``encode``, from columns: per part of a record (the attributes
        of ``LinkageFields``, in their order) its distinct values and, per record, the
        position of the record's value among them."""
        if len(parts) != len(_PARTS):
            raise ValueError(f"Expected {len(_PARTS)} parts, got {len(parts)}.")
        count = len(parts[0][1])
        rows = np.zeros((count, len(_PARTS)), dtype=np.int64)
        for part, (values, index) in enumerate(parts):
            if len(index) != count:
                raise ValueError("Every part needs an index per record.")
            rows[:, part] = self.rows(part, values)[index]
        return self._combine(rows)

    def _combine(self, rows: Indices) -> Filters:
        """Per record the OR of its parts' masks on the empty balanced filter."""
        if self._pending:
            self._table = np.concatenate([self._table, *self._pending])
            self._pending = []
        out = np.zeros((len(rows), WORDS), dtype=np.uint64)
        for part in range(len(_PARTS)):
            out |= self._table[rows[:, part]]
        if len(rows) and not out.any(axis=1).all():
            raise ValueError("A record without any known field cannot be encoded.")
        out ^= self._empty
        return out

    def encode_one(self, record: LinkageFields) -> Filters:
        return self.encode([record]).reshape(WORDS)


def popcounts(filters: Filters) -> Indices:
    counts: Indices = np.bitwise_count(filters).sum(axis=1, dtype=np.int64)
    return counts


def dice_pairs(
    a: Filters,
    b: Filters,
    left: Indices,
    right: Indices,
    *,
    counts: tuple[Indices, Indices] | None = None,
    chunk: int = 65_536,
) -> Floats:
    """Dice similarity of the pairs (a[left[i]], b[right[i]]); ``counts`` are the
    ``popcounts`` of a and b when the caller has them already."""
    count_a, count_b = counts if counts is not None else (popcounts(a), popcounts(b))
    out = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), chunk):
        ia, ib = left[start : start + chunk], right[start : start + chunk]
        common = np.bitwise_count(a[ia] & b[ib]).sum(axis=1, dtype=np.int64)
        total = count_a[ia] + count_b[ib]
        out[start : start + chunk] = 2.0 * common / np.maximum(total, 1)
    return out


def dice(first: Filters, second: Filters) -> float:
    """Dice similarity of two single filters."""
    pair = np.array([0], dtype=np.int64)
    return float(dice_pairs(first.reshape(1, -1), second.reshape(1, -1), pair, pair)[0])


@dataclass(frozen=True)
class LshParameters:
    """Bit sampling in bands: two filters become a candidate pair when all sampled bits of at
    least one of the ``bands`` agree. A band samples whole bytes (``bytes_per_band`` x 8
    bits): the keyed permutation already scattered the bits, so the eight bits of a byte are
    eight unrelated positions, and a band's key is a plain integer."""

    bands: int = 240
    bytes_per_band: int = 4
    seed: int = 0


_INDEX_BITS: Final = 31


def _band_columns(parameters: LshParameters) -> npt.NDArray[np.int64]:
    if not 1 <= parameters.bytes_per_band <= 4:
        raise ValueError("A band samples one to four bytes.")
    generator = np.random.default_rng(parameters.seed)
    return np.stack(
        [
            np.sort(generator.choice(FILTER_BYTES, size=parameters.bytes_per_band, replace=False))
            for _ in range(parameters.bands)
        ]
    ).astype(np.int64)


def _band_keys(columns_first: npt.NDArray[np.uint8], columns: Indices) -> npt.NDArray[np.uint64]:
    """The sampled bytes of every filter as one integer of at most 32 bits (the filters'
    bytes column by column, so that a column is read in one sweep)."""
    keys = np.zeros(columns_first.shape[1], dtype=np.uint64)
    for column in columns:
        keys = (keys << np.uint64(8)) | columns_first[column].astype(np.uint64)
    return keys


def _pairs_in_band(
    keys_a: npt.NDArray[np.uint64], keys_b: npt.NDArray[np.uint64]
) -> tuple[Indices, Indices]:
    """All (i, j) with keys_a[i] == keys_b[j]. One sort of both sides together: each entry is
    ``key << 32 | side << 31 | index`` (a plain integer sort is several times faster than an
    argsort), so within a run of equal keys the entries of a come first."""
    side_b = np.uint64(1 << _INDEX_BITS)
    packed = np.concatenate(
        (
            (keys_a << np.uint64(32)) | np.arange(len(keys_a), dtype=np.uint64),
            (keys_b << np.uint64(32)) | side_b | np.arange(len(keys_b), dtype=np.uint64),
        )
    )
    packed.sort()
    keys = packed >> np.uint64(32)
    from_b = (packed & side_b) != 0
    index = (packed & np.uint64(side_b - np.uint64(1))).astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    ends = np.append(starts[1:], len(packed))
    count_a = np.add.reduceat((~from_b).astype(np.int64), starts) if len(starts) else starts
    count_b = ends - starts - count_a
    both = (count_a > 0) & (count_b > 0)
    starts, count_a, count_b = starts[both], count_a[both], count_b[both]
    sizes = count_a * count_b
    total = int(sizes.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    run = np.repeat(np.arange(len(sizes)), sizes)
    offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    left = index[starts[run] + offset // count_b[run]]
    right = index[starts[run] + count_a[run] + offset % count_b[run]]
    return left, right


def _columns_first(filters: Filters, block: int = 1024) -> npt.NDArray[np.uint8]:
    """The filters' bytes transposed, in blocks of rows (several times faster than one
    transposition of the whole array)."""
    as_bytes = filters.view(np.uint8)
    out = np.empty((as_bytes.shape[1], len(as_bytes)), dtype=np.uint8)
    for start in range(0, len(as_bytes), block):
        out[:, start : start + block] = as_bytes[start : start + block].T
    return out


def candidate_pairs(
    a: Filters, b: Filters, parameters: LshParameters
) -> Iterator[tuple[Indices, Indices]]:
    """Per band the pairs (index in a, index in b) whose sampled bits agree. A pair may come
    back from several bands."""
    if max(len(a), len(b)) >= 1 << _INDEX_BITS:
        raise ValueError("Too many records for one matching.")
    bytes_a, bytes_b = _columns_first(a), _columns_first(b)
    for columns in _band_columns(parameters):
        yield _pairs_in_band(_band_keys(bytes_a, columns), _band_keys(bytes_b, columns))


@dataclass(frozen=True)
class Matches:
    """Pairs judged matches: indices into the two sets and their Dice similarity."""

    left: Indices
    right: Indices
    similarity: Floats
    candidates: int


def match(
    a: Filters,
    b: Filters,
    *,
    threshold: float,
    parameters: LshParameters | None = None,
    one_to_one: bool = True,
) -> Matches:
    """Candidate pairs by LSH, Dice on the candidates, the threshold, and then (the sources
    hold each young person once) a one-to-one assignment: the most similar pair first."""
    parameters = parameters or LshParameters()
    found: list[Indices] = [np.zeros(0, dtype=np.int64)]
    candidates = 0
    for left, right in candidate_pairs(a, b, parameters):
        candidates += len(left)
        found.append(left * len(b) + right)
    # A pair found by several bands is compared once (a sort: faster than np.unique here).
    pairs = np.sort(np.concatenate(found))
    pairs = pairs[
        np.concatenate((np.ones(min(len(pairs), 1), dtype=np.bool_), pairs[1:] != pairs[:-1]))
    ]
    left, right = pairs // max(len(b), 1), pairs % max(len(b), 1)
    similarity = dice_pairs(a, b, left, right)
    keep = similarity >= threshold
    return _assign(
        left[keep],
        right[keep],
        similarity[keep],
        candidates=len(pairs),
        size_b=len(b),
        one_to_one=one_to_one,
    )


def match_exhaustive(
    a: Filters, b: Filters, *, threshold: float, one_to_one: bool = True, chunk: int = 256
) -> Matches:
    """Every pair compared (no blocking): the baseline for small sets."""
    kept_left: list[Indices] = []
    kept_right: list[Indices] = []
    kept_similarity: list[Floats] = []
    count_a, count_b = popcounts(a), popcounts(b)
    for start in range(0, len(a), chunk):
        block = a[start : start + chunk]
        common = np.bitwise_count(block[:, None, :] & b[None, :, :]).sum(axis=2, dtype=np.int64)
        total = count_a[start : start + chunk, None] + count_b[None, :]
        similarity = 2.0 * common / np.maximum(total, 1)
        rows, cols = np.nonzero(similarity >= threshold)
        kept_left.append(rows.astype(np.int64) + start)
        kept_right.append(cols.astype(np.int64))
        kept_similarity.append(similarity[rows, cols])
    return _assign(
        np.concatenate([np.zeros(0, dtype=np.int64), *kept_left]),
        np.concatenate([np.zeros(0, dtype=np.int64), *kept_right]),
        np.concatenate([np.zeros(0, dtype=np.float64), *kept_similarity]),
        candidates=len(a) * len(b),
        size_b=len(b),
        one_to_one=one_to_one,
    )


def _assign(
    left: Indices,
    right: Indices,
    similarity: Floats,
    *,
    candidates: int,
    size_b: int,
    one_to_one: bool,
) -> Matches:
    # Most similar first; ties in a fixed order, so a run is repeatable.
    order = np.lexsort((right, left, -similarity))
    left, right, similarity = left[order], right[order], similarity[order]
    if one_to_one and len(left):
        keep = _greedy(left.tolist(), right.tolist())
        left, right, similarity = left[keep], right[keep], similarity[keep]
    return Matches(left=left, right=right, similarity=similarity, candidates=candidates)


def _greedy(left: Iterable[int], right: Iterable[int]) -> npt.NDArray[np.intp]:
    used_left: set[int] = set()
    used_right: set[int] = set()
    keep: list[int] = []
    for position, (i, j) in enumerate(zip(left, right, strict=True)):
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        keep.append(position)
    return np.array(keep, dtype=np.intp)
