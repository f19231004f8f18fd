"""Reading a training list exported from a spreadsheet (CSV), row by row, with every problem.

The file is read completely before anything is stored: the service stores all rows or none.
Problems carry a code and the offending value; the service turns them into Dutch sentences.
Row numbers are the spreadsheet's row numbers (the header is row 1).
"""

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from .figures import normalise_text

COLUMNS: Final = ("naam", "organisatie", "training", "datum", "niveau")
OPTIONAL_COLUMNS: Final = ("gebruikersnaam",)
MAX_NAME: Final = 200
MAX_TRAINING: Final = 200

_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods files are zip archives
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls files


class Problem(StrEnum):
    # The file as a whole (line 0).
    SPREADSHEET = "spreadsheet"
    NOT_TEXT = "not_text"
    EMPTY = "empty"
    TOO_MANY_ROWS = "too_many_rows"
    MISSING_COLUMNS = "missing_columns"
    # One row.
    COLUMNS = "columns"
    NAME_MISSING = "name_missing"
    NAME_TOO_LONG = "name_too_long"
    ORGANISATION_MISSING = "organisation_missing"
    TRAINING_MISSING = "training_missing"
    TRAINING_TOO_LONG = "training_too_long"
    DATE_MISSING = "date_missing"
    DATE_INVALID = "date_invalid"
    DATE_FUTURE = "date_future"
    LEVEL_MISSING = "level_missing"
    LEVEL_UNKNOWN = "level_unknown"
    DUPLICATE_IN_FILE = "duplicate_in_file"
    # Found by the service, which knows the organisations and accounts.
    ORGANISATION_UNKNOWN = "organisation_unknown"
    USERNAME_UNKNOWN = "username_unknown"
    ALREADY_REGISTERED = "already_registered"


@dataclass(frozen=True)
class RowProblem:
    line: int  # 0: the file as a whole
    problem: Problem
    value: str = ""  # what the row said, or a number, to show in the message


@dataclass(frozen=True)
class ImportRow:
    """One filled row; ``complete`` when it has no problem of its own (date and level set)."""

    line: int
    name: str
    organisation: str
    training: str
    date: date | None
    level: str  # a level code, or "" when unknown
    username: str = ""
    complete: bool = True


@dataclass(frozen=True)
class ParsedImport:
    rows: tuple[ImportRow, ...]
    problems: tuple[RowProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without the byte-order mark Excel writes), else Windows-1252.

    Excel's plain "CSV" in a Dutch Windows writes Windows-1252; reading it as such keeps
    names like "Çelik" intact. None when the bytes are no text at all.
    """
    if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)) or b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def delimiter_of(text: str) -> str:
    """Semicolon (Excel NL), comma or tab: whichever the first filled line uses most."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: (counts[sep], sep == ";"))
    return best if counts[best] else ";"


def parse_date(text: str) -> date | None:
    """dd-mm-jjjj (also with / or .) or jjjj-mm-dd; None when it is no real date."""
    text = text.strip()
    match = _DAY_FIRST.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _YEAR_FIRST.match(text)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _spelling(text: str) -> str:
    return normalise_text(text).lower()


def level_spellings(choices: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Accepted ways to write a level -> its code: the code, the label, the label's first part.

    "Basis (signalen herkennen)" is also accepted as "basis" and "Basis".
    """
    spellings: dict[str, str] = {}
    for code, label in choices:
        spellings[_spelling(code)] = code
        spellings[_spelling(label)] = code
        spellings[_spelling(label.split("(")[0])] = code
    return spellings


def _header_map(cells: list[str]) -> dict[str, int] | None:
    names = [_spelling(cell) for cell in cells]
    if "naam" not in names or "organisatie" not in names:
        return None
    wanted = COLUMNS + OPTIONAL_COLUMNS
    return {name: names.index(name) for name in wanted if name in names}


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _row(
    line: int,
    values: Mapping[str, str],
    *,
    today: date,
    levels: Mapping[str, str],
    problems: list[RowProblem],
) -> ImportRow:
    found: list[RowProblem] = []
    name = normalise_text(values.get("naam", ""))
    organisation = values.get("organisatie", "").strip()
    training = normalise_text(values.get("training", ""))
    raw_date = values.get("datum", "").strip()
    raw_level = values.get("niveau", "").strip()
    if not name:
        found.append(RowProblem(line, Problem.NAME_MISSING))
    elif len(name) > MAX_NAME:
        found.append(RowProblem(line, Problem.NAME_TOO_LONG, str(MAX_NAME)))
    if not organisation:
        found.append(RowProblem(line, Problem.ORGANISATION_MISSING))
    if not training:
        found.append(RowProblem(line, Problem.TRAINING_MISSING))
    elif len(training) > MAX_TRAINING:
        found.append(RowProblem(line, Problem.TRAINING_TOO_LONG, str(MAX_TRAINING)))
    day = parse_date(raw_date) if raw_date else None
    if not raw_date:
        found.append(RowProblem(line, Problem.DATE_MISSING))
    elif day is None:
        found.append(RowProblem(line, Problem.DATE_INVALID, raw_date))
    elif day > today:
        found.append(RowProblem(line, Problem.DATE_FUTURE, raw_date))
    level = levels.get(_spelling(raw_level), "") if raw_level else ""
    if not raw_level:
        found.append(RowProblem(line, Problem.LEVEL_MISSING))
    elif not level:
        found.append(RowProblem(line, Problem.LEVEL_UNKNOWN, raw_level))
    problems.extend(found)
    return ImportRow(
        line=line,
        name=name,
        organisation=organisation,
        training=training,
        date=day if day is not None and day <= today else None,
        level=level,
        username=values.get("gebruikersnaam", "").strip(),
        complete=not found,
    )


def record_key(organisation: object, name: str, training: str, day: date) -> tuple[object, ...]:
    """What makes two registrations the same: person, organisation, training and date."""
    return organisation, _spelling(name), _spelling(training), day


def parse_training_csv(
    data: bytes, *, today: date, levels: Mapping[str, str], max_rows: int
) -> ParsedImport:
    """Every filled row, and every problem found (the file is read to the end).

    Rows with a problem are returned too (``complete`` False), so that the service can also
    report an unknown organisation on them: the user then fixes everything in one go.
    """
    text = decode(data)
    if text is None:
        kind = Problem.SPREADSHEET if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)) else None
        return ParsedImport((), (RowProblem(0, kind or Problem.NOT_TEXT),))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    problems: list[RowProblem] = []
    rows: list[ImportRow] = []
    columns: dict[str, int] | None = None
    seen_data = 0
    first = True
    for line, cells in enumerate(reader, start=1):
        if _is_blank(cells):
            continue
        if first:
            first = False
            columns = _header_map(cells)
            if columns is not None:
                missing = [name for name in COLUMNS if name not in columns]
                if missing:
                    problem = RowProblem(0, Problem.MISSING_COLUMNS, ", ".join(missing))
                    return ParsedImport((), (problem,))
                continue
        seen_data += 1
        if seen_data > max_rows:
            return ParsedImport((), (RowProblem(0, Problem.TOO_MANY_ROWS, str(max_rows)),))
        if columns is None:
            filled = len(cells)
            while filled and not cells[filled - 1].strip():
                filled -= 1
            if filled > len(COLUMNS) + len(OPTIONAL_COLUMNS):
                problems.append(RowProblem(line, Problem.COLUMNS, str(filled)))
                continue
            names = COLUMNS + OPTIONAL_COLUMNS
            values = {name: cells[i] for i, name in enumerate(names) if i < len(cells)}
        else:
            values = {name: cells[i] for name, i in columns.items() if i < len(cells)}
        rows.append(_row(line, values, today=today, levels=levels, problems=problems))
    if seen_data == 0:
        return ParsedImport((), (RowProblem(0, Problem.EMPTY),))
    first_line: dict[tuple[object, ...], int] = {}
    for row in rows:
        if not row.complete or row.date is None:
            continue
        key = record_key(row.organisation, row.name, row.training, row.date)
        if key in first_line:
            problems.append(RowProblem(row.line, Problem.DUPLICATE_IN_FILE, str(first_line[key])))
        else:
            first_line[key] = row.line
    problems.sort(key=lambda p: p.line)
    return ParsedImport(tuple(rows), tuple(problems))
