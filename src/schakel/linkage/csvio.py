"""Reading and writing the CSV files of ``schakel link`` (a contract with partners: keep it).

Input: a header row, UTF-8, the columns ``INPUT_COLUMNS`` (any order, extra columns ignored);
all but ``record_id`` may be empty; ``geboortedatum`` as YYYY-MM-DD. A problem stops the
command with a Dutch message naming the line, and nothing is written (``atomic_output``).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .domain.normalise import RawPerson, parse_date

INPUT_COLUMNS = (
    "record_id",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "bsn",
)
PAIR_COLUMNS = ("record_id_a", "record_id_b", "match_probability")

# Larger files are refused before reading: a batch of more is split by the sender.
DEFAULT_MAX_INPUT_BYTES = 512 * 1024 * 1024
MAX_FIELD_CHARS = 200


class LinkInputError(Exception):
    """Bad input for a link command: the message is Dutch and says what to change."""


def max_input_bytes() -> int:
    raw = os.environ.get("SCHAKEL_LINK_MAX_INPUT_MB", "")
    return int(raw) * 1024 * 1024 if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_INPUT_BYTES


def check_input_file(path: Path, *, limit: int | None = None) -> None:
    """Exists, is a file, not empty, not over the size limit."""
    if not path.exists():
        raise LinkInputError(f"Het bestand {path} bestaat niet.")
    if not path.is_file():
        raise LinkInputError(f"{path} is geen bestand.")
    size = path.stat().st_size
    if size == 0:
        raise LinkInputError(f"Het bestand {path} is leeg.")
    limit = max_input_bytes() if limit is None else limit
    if size > limit:
        raise LinkInputError(
            f"Het bestand {path} is {size / 1024 / 1024:.0f} MB; de grens is "
            f"{limit / 1024 / 1024:.0f} MB. Splits het bestand in kleinere delen."
        )


def read_people(path: Path, *, limit: int | None = None) -> list[RawPerson]:
    """All records of an input file, checked. Raises LinkInputError on the first problem."""
    check_input_file(path, limit=limit)
    people: list[RawPerson] = []
    seen: set[str] = set()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            index = _header_index(path, header)
            for line_number, row in enumerate(reader, start=2):
                if not row or all(not cell.strip() for cell in row):
                    continue
                people.append(_person(path, line_number, row, index, seen))
    except UnicodeDecodeError as error:
        raise LinkInputError(
            f"{path} is geen UTF-8-tekst (byte {error.start}). Sla het bestand op als UTF-8."
        ) from error
    except csv.Error as error:
        raise LinkInputError(f"{path} is geen geldig CSV-bestand: {error}.") from error
    if not people:
        raise LinkInputError(f"Het bestand {path} heeft een kopregel maar geen records.")
    return people


def _header_index(path: Path, header: Sequence[str] | None) -> dict[str, int]:
    if header is None:
        raise LinkInputError(f"Het bestand {path} is leeg.")
    names = [name.strip().lower() for name in header]
    missing = [column for column in INPUT_COLUMNS if column not in names]
    if missing:
        if not any(column in names for column in INPUT_COLUMNS):
            raise LinkInputError(
                f"{path} heeft geen kopregel. De eerste regel moet de kolomnamen geven: "
                + ",".join(INPUT_COLUMNS)
                + "."
            )
        raise LinkInputError(
            f"In de kopregel van {path} ontbreken de kolommen: {', '.join(missing)}."
        )
    return {column: names.index(column) for column in INPUT_COLUMNS}


def _person(
    path: Path, line_number: int, row: Sequence[str], index: dict[str, int], seen: set[str]
) -> RawPerson:
    def cell(column: str) -> str:
        position = index[column]
        value = row[position].strip() if position < len(row) else ""
        if len(value) > MAX_FIELD_CHARS:
            raise LinkInputError(
                f"{path}, regel {line_number}: de kolom {column} is langer dan "
                f"{MAX_FIELD_CHARS} tekens."
            )
        return value

    record_id = cell("record_id")
    if not record_id:
        raise LinkInputError(f"{path}, regel {line_number}: record_id is leeg.")
    if record_id in seen:
        raise LinkInputError(
            f"{path}, regel {line_number}: record_id {record_id} komt al eerder voor."
        )
    seen.add(record_id)
    dob = cell("geboortedatum")
    if dob and parse_date(dob) is None:
        raise LinkInputError(
            f"{path}, regel {line_number}: geboortedatum '{dob}' is geen datum als JJJJ-MM-DD "
            "(bijvoorbeeld 2010-03-31)."
        )
    return RawPerson(
        record_id=record_id,
        voornamen=cell("voornamen"),
        tussenvoegsel=cell("tussenvoegsel"),
        achternaam=cell("achternaam"),
        geboortedatum=dob or None,
        geslacht=cell("geslacht"),
        straat=cell("straat"),
        huisnummer=cell("huisnummer"),
        postcode=cell("postcode"),
        woonplaats=cell("woonplaats"),
        bsn=cell("bsn"),
    )


@contextmanager
def atomic_output(path: Path, *, binary: bool = False) -> Iterator[IO[str] | IO[bytes]]:
    """Write to a temporary file beside ``path`` and move it in place only when the block
    ends without an error: a failed run leaves no partial file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise LinkInputError(f"De map {directory} voor het uitvoerbestand bestaat niet.")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        if binary:
            with os.fdopen(handle, "wb") as stream_b:
                yield stream_b
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream_t:
                yield stream_t
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_pairs(
    path: Path,
    pairs: Sequence[tuple[str, str, float]],
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """``record_id_a, record_id_b, match_probability``, the pairs judged to be matches."""
    with atomic_output(path) as stream:
        writer = csv.writer(stream)  # type: ignore[arg-type]
        writer.writerow(PAIR_COLUMNS)
        for count, (left, right, probability) in enumerate(pairs, start=1):
            writer.writerow((left, right, f"{probability:.6f}"))
            if progress is not None and count % 100_000 == 0:
                progress(count)
