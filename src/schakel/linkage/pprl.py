"""The encoding file (ENC) of ``schakel link encode`` and the matching of two such files.

Only an ENC file leaves a region: per record the caller's id (in the web flow a random token)
and its hardened Bloom filter (``domain/bloom.py``), never a name or another clear value.

Layout (version 1), all integers big-endian::

    b"SCHAKEL-PPRL\\n"                      magic
    u32 + JSON header                      format, version, filter parameters and fields,
                                           hardening, fingerprint of the secret, counts,
                                           default threshold
    u32 + JSON array of record ids         in the order of the filters
    record_count x FILTER_BYTES            the filters
    32 bytes                               SHA-256 of everything above (damage, truncation)

Two files are matched only when their headers agree on everything that shapes a filter,
the fingerprint of the secret included: files of different agreements, secrets or versions
are refused with a Dutch message, never matched into nonsense.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from .columnar import distinct_and_index, read_raw, split_surname_key, surname_keys
from .csvio import LinkInputError, atomic_output, check_input_file, write_pairs
from .domain import bloom
from .domain.bloom import Filters, Indices, LinkageFields
from .domain.normalise import (
    NORMALISATION_VERSION,
    canonical_first_name,
    normalise_house_number,
    normalise_postcode,
    normalise_sex,
    parse_date,
    split_given_names,
    split_surname,
)
from .progress import QUIET, Progress

MAGIC = b"SCHAKEL-PPRL\n"
FORMAT = "schakel-pprl-clk"
VERSION = 1
# Above this Dice similarity two encodings are judged the same young person (balanced
# filters: see the ADR for how it was chosen). An agreement may set its own.
DEFAULT_THRESHOLD = 0.85
MAX_SECRET_FILE_BYTES = 4096
_DIGEST_BYTES = 32
# What must be equal in two files before their filters can be compared.
_COMPATIBLE = (
    "format",
    "version",
    "filter_bits",
    "base_bits",
    "hashing",
    "hardening",
    "fields",
    "normalisation_version",
)


class EncodingMismatch(LinkInputError):
    """Two encoding files that cannot be matched (other secret, version or parameters)."""


def read_secret(path: Path) -> bytes:
    """The agreement's secret from its key file: one line of at least 64 hexadecimal
    characters (32 bytes), as made by ``python -c "import secrets;
    print(secrets.token_hex(32))"``. Raises LinkInputError with a Dutch message."""
    if not path.exists():
        raise LinkInputError(
            f"Het sleutelbestand {path} bestaat niet. Zonder de geheime sleutel van de "
            "koppelafspraak kan niet worden versleuteld."
        )
    if not path.is_file():
        raise LinkInputError(f"Het sleutelbestand {path} is geen bestand.")
    size = path.stat().st_size
    if size == 0:
        raise LinkInputError(f"Het sleutelbestand {path} is leeg.")
    if size > MAX_SECRET_FILE_BYTES:
        raise LinkInputError(
            f"{path} is geen sleutelbestand: het is te groot ({size} bytes). Een sleutel is "
            "één regel van 64 hexadecimale tekens."
        )
    try:
        text = path.read_text(encoding="ascii").strip()
        secret = bytes.fromhex(text)
    except (UnicodeDecodeError, ValueError) as error:
        raise LinkInputError(
            f"{path} is geen sleutelbestand: het moet één regel hexadecimale tekens (0-9, a-f) "
            "bevatten."
        ) from error
    if len(secret) < bloom.MIN_SECRET_BYTES:
        raise LinkInputError(
            f"De sleutel in {path} is te kort ({len(secret)} bytes); er zijn minstens "
            f"{bloom.MIN_SECRET_BYTES} bytes nodig (64 hexadecimale tekens)."
        )
    return secret


def _field_header() -> list[dict[str, Any]]:
    return [{"code": field.code, "k": field.k} for field in bloom.FIELDS]


@dataclass(frozen=True)
class EncodingFile:
    """A read and checked ENC file."""

    header: dict[str, Any]
    record_ids: list[str]
    filters: Filters

    @property
    def fingerprint(self) -> str:
        return str(self.header["secret_fingerprint"])

    @property
    def threshold(self) -> float:
        return float(self.header.get("threshold", DEFAULT_THRESHOLD))


def build_encoding(
    record_ids: Sequence[str],
    filters: Filters,
    *,
    fingerprint: str,
    skipped: int = 0,
    agreement: str = "",
    threshold: float = DEFAULT_THRESHOLD,
) -> bytes:
    """The bytes of an ENC file."""
    if len(record_ids) != len(filters):
        raise ValueError("One record id per filter.")
    header = {
        "format": FORMAT,
        "version": VERSION,
        "filter_bits": bloom.FILTER_BITS,
        "base_bits": bloom.BASE_BITS,
        "hashing": bloom.HASHING,
        "hardening": bloom.HARDENING,
        "fields": _field_header(),
        "normalisation_version": NORMALISATION_VERSION,
        "secret_fingerprint": fingerprint,
        "record_count": len(record_ids),
        "skipped": skipped,
        "threshold": threshold,
        "agreement": agreement,
    }
    header_bytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    ids_bytes = json.dumps(list(record_ids), ensure_ascii=False, separators=(",", ":")).encode()
    body = b"".join(
        (
            MAGIC,
            struct.pack(">I", len(header_bytes)),
            header_bytes,
            struct.pack(">I", len(ids_bytes)),
            ids_bytes,
            np.ascontiguousarray(filters).view(np.uint8).tobytes(),
        )
    )
    return body + hashlib.sha256(body).digest()


def parse_encoding(data: bytes, *, name: str) -> EncodingFile:
    """Check and read ENC bytes; ``name`` (a path or a label) is used in the messages."""
    not_ours = LinkInputError(
        f"{name} is geen versleuteld bestand van Schakel (gemaakt met 'schakel link encode')."
    )
    if not data.startswith(MAGIC):
        raise not_ours
    if len(data) < len(MAGIC) + 4 + _DIGEST_BYTES or (
        hashlib.sha256(data[:-_DIGEST_BYTES]).digest() != data[-_DIGEST_BYTES:]
    ):
        raise LinkInputError(
            f"{name} is beschadigd of niet volledig (het controlegetal klopt niet). Vraag de "
            "regio het bestand opnieuw te maken en te sturen."
        )
    try:
        position = len(MAGIC)
        (size,) = struct.unpack_from(">I", data, position)
        header = json.loads(data[position + 4 : position + 4 + size])
        position += 4 + size
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise not_ours
        if header.get("version") != VERSION:
            raise EncodingMismatch(
                f"{name} is gemaakt met versie {header.get('version')} van de versleuteling; "
                f"deze Schakel leest versie {VERSION}. Laat beide regio's opnieuw versleutelen "
                "met dezelfde versie van Schakel."
            )
        (size,) = struct.unpack_from(">I", data, position)
        record_ids = json.loads(data[position + 4 : position + 4 + size])
        position += 4 + size
        count = int(header["record_count"])
        filter_bytes = int(header["filter_bits"]) // 8
        block = data[position:-_DIGEST_BYTES]
    except (struct.error, ValueError, KeyError, TypeError) as error:
        raise not_ours from error
    if (
        not isinstance(record_ids, list)
        or len(record_ids) != count
        or len(block) != count * filter_bytes
        or filter_bytes != bloom.FILTER_BYTES
    ):
        raise not_ours
    filters = np.frombuffer(block, dtype=np.uint64).reshape(count, bloom.WORDS)
    return EncodingFile(header=header, record_ids=[str(i) for i in record_ids], filters=filters)


def check_compatible(first: EncodingFile, second: EncodingFile, names: tuple[str, str]) -> None:
    """Refuse two files that were not made with the same secret and parameters."""
    ours = {"filter_bits": bloom.FILTER_BITS, "base_bits": bloom.BASE_BITS}
    ours |= {"hashing": bloom.HASHING, "hardening": bloom.HARDENING}
    ours |= {"fields": _field_header(), "normalisation_version": NORMALISATION_VERSION}
    for file, name in zip((first, second), names, strict=True):
        if any(file.header.get(key) != value for key, value in ours.items()):
            raise EncodingMismatch(
                f"{name} is versleuteld met andere instellingen (velden, filterlengte of "
                "normalisatie) dan deze versie van Schakel gebruikt. Laat de regio opnieuw "
                "versleutelen met dezelfde versie van Schakel."
            )
    if first.fingerprint != second.fingerprint:
        raise EncodingMismatch(
            f"{names[0]} en {names[1]} zijn versleuteld met verschillende geheime sleutels "
            "(een andere koppelafspraak of een verkeerde sleutel). Ze kunnen niet gekoppeld "
            "worden. Controleer dat beide regio's de sleutel van dezelfde afspraak gebruiken."
        )
    differing = [key for key in _COMPATIBLE if first.header.get(key) != second.header.get(key)]
    if differing:  # pragma: no cover - covered by the checks above
        raise EncodingMismatch(f"{names[0]} en {names[1]} passen niet bij elkaar.")


def _given(value: str) -> tuple[str, str]:
    """(first name in its official form, initials), as ``normalise`` makes them."""
    first, _, initials = split_given_names(value, "")
    return (canonical_first_name(first) if first else ""), initials


def _family(value: str) -> tuple[str, str]:
    """(surname without tussenvoegsel, tussenvoegsel key), as ``normalise`` makes them."""
    tussenvoegsel, core = split_surname(*split_surname_key(value))
    return core, tussenvoegsel


def encode_table(raw: pa.Table, secret: bytes) -> tuple[bytes, list[str]]:
    """ENC bytes for the checked input columns (``columnar.read_raw``), and the ids that were
    encoded. Values repeat (a population shares its first names, surnames, dates and
    postcodes), so each distinct value is normalised and hashed once: ``normalise`` treats
    the given names, the surname and the other fields independently, and a test keeps the
    result equal to encoding each normalised record (``encode_records``)."""
    given, given_index = distinct_and_index(raw.column("voornamen"))
    names = [_given(value) for value in given]
    family, family_index = distinct_and_index(surname_keys(raw))
    surnames = [_family(value) for value in family]
    births, birth_index = distinct_and_index(raw.column("geboortedatum"))
    dates = [parse_date(value) if value else None for value in births]
    parts: list[tuple[list[Any], Indices]] = [
        ([first for first, _ in names], given_index),
        ([initials for _, initials in names], given_index),
        ([surname for surname, _ in surnames], family_index),
        ([tussenvoegsel for _, tussenvoegsel in surnames], family_index),
        (dates, birth_index),
    ]
    for column, function in (
        ("geslacht", normalise_sex),
        ("postcode", normalise_postcode),
        ("huisnummer", normalise_house_number),
    ):
        values, index = distinct_and_index(raw.column(column))
        parts.append(([function(value) for value in values], index))
    # LinkageFields.linkable, per record: two of first name, surname and date of birth known.
    known = (
        np.array([bool(first) for first, _ in names], dtype=np.int64)[given_index]
        + np.array([bool(surname) for surname, _ in surnames], dtype=np.int64)[family_index]
        + np.array([day is not None for day in dates], dtype=np.int64)[birth_index]
    )
    keep = known >= 2
    kept = np.flatnonzero(keep)
    filters = bloom.Encoder(secret).encode_indexed(
        [(values, index[kept]) for values, index in parts]
    )
    record_ids = raw.column("record_id").to_pylist()
    ids = [record_ids[position] for position in kept.tolist()]
    data = build_encoding(
        ids,
        filters,
        fingerprint=bloom.secret_fingerprint(secret),
        skipped=len(record_ids) - len(ids),
    )
    return data, ids


@dataclass(frozen=True)
class EncodeResult:
    encoded: int
    skipped: int


def encode_records(
    records: Sequence[tuple[str, LinkageFields]],
    secret: bytes,
    *,
    agreement: str = "",
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[bytes, list[str]]:
    """ENC bytes for (id, fields) records, and the ids that were encoded (a record with too
    little to link on, see ``LinkageFields.linkable``, is left out)."""
    kept = [(record_id, fields) for record_id, fields in records if fields.linkable]
    encoder = bloom.Encoder(secret)
    filters = encoder.encode([fields for _, fields in kept])
    ids = [record_id for record_id, _ in kept]
    data = build_encoding(
        ids,
        filters,
        fingerprint=encoder.fingerprint,
        skipped=len(records) - len(kept),
        agreement=agreement,
        threshold=threshold,
    )
    return data, ids


def _check_output(path: Path) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise LinkInputError(f"De map {directory} voor het uitvoerbestand bestaat niet.")


def encode_file(
    input_path: Path, secret_path: Path, out_path: Path, *, progress: Progress = QUIET
) -> EncodeResult:
    """``schakel link encode``: the CSV's records as an ENC file; nothing written on error."""
    _check_output(out_path)
    secret = read_secret(secret_path)
    progress.step(f"lezen: {input_path}")
    raw = read_raw(input_path)
    progress.step(
        f"{raw.num_rows:,} records gelezen; normaliseren en versleutelen (Bloom-filters met "
        "de geheime sleutel)"
    )
    data, ids = encode_table(raw, secret)
    skipped = raw.num_rows - len(ids)
    with atomic_output(out_path, binary=True) as stream:
        stream.write(data)  # type: ignore[arg-type]
    if skipped:
        progress.step(
            f"{skipped:,} records overgeslagen: te weinig gegevens (minstens twee van "
            "voornaam, achternaam en geboortedatum nodig)"
        )
    progress.step(f"klaar: {len(ids):,} records versleuteld in {out_path}")
    return EncodeResult(encoded=len(ids), skipped=skipped)


def read_encoding_file(path: Path) -> EncodingFile:
    check_input_file(path)
    return parse_encoding(path.read_bytes(), name=str(path))


def match_encodings(
    first: EncodingFile, second: EncodingFile, *, threshold: float | None = None
) -> list[tuple[str, str, float]]:
    """(id in first, id in second, Dice) for the pairs judged matches, most similar first."""
    limit = first.threshold if threshold is None else threshold
    seed = int(first.fingerprint[:8], 16)
    found = bloom.match(
        first.filters, second.filters, threshold=limit, parameters=bloom.LshParameters(seed=seed)
    )
    left_ids, right_ids = first.record_ids, second.record_ids
    return [
        (left_ids[i], right_ids[j], float(similarity))
        for i, j, similarity in zip(
            found.left.tolist(), found.right.tolist(), found.similarity.tolist(), strict=True
        )
    ]


def match_files(
    enc_a: Path,
    enc_b: Path,
    out_path: Path,
    *,
    threshold: float | None = None,
    progress: Progress = QUIET,
) -> int:
    """``schakel link match-encodings``: the pairs judged matches as CSV, with the Dice
    similarity in ``match_probability``. Returns the number of pairs."""
    _check_output(out_path)
    first = read_encoding_file(enc_a)
    second = read_encoding_file(enc_b)
    check_compatible(first, second, (str(enc_a), str(enc_b)))
    progress.step(
        f"gelezen: {len(first.record_ids):,} en {len(second.record_ids):,} versleutelde records"
    )
    pairs = match_encodings(first, second, threshold=threshold)
    progress.step(f"{len(pairs):,} paren boven de drempel; schrijven")
    write_pairs(out_path, pairs)
    progress.step(f"klaar: {out_path}")
    return len(pairs)
