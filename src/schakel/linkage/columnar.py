"""The fast path of ``schakel link pairs|dedupe``: read and check a CSV file with Arrow, and
normalise each *distinct* value once (the same functions as ``domain/normalise.py``, so the
result equals ``engine.person_table(normalise(...))``, which a test checks). Names, streets,
places and dates repeat a lot, so this does a fraction of the work of one call per record.
The checks and Dutch messages are those of ``csvio.read_people``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .csvio import (
    INPUT_COLUMNS,
    MAX_FIELD_CHARS,
    LinkInputError,
    _header_index,
    check_input_file,
)
from .domain.normalise import (
    all_names,
    canonical_first_name,
    name_forms,
    normalise_bsn,
    normalise_house_number,
    normalise_place,
    normalise_postcode,
    normalise_sex,
    normalise_street,
    parse_date,
    split_given_names,
    split_surname,
)

_SEPARATOR = "\x1f"


def _header(path: Path) -> None:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError as error:
        raise LinkInputError(
            f"{path} is geen UTF-8-tekst (byte {error.start}). Sla het bestand op als UTF-8."
        ) from error
    _header_index(path, header)


def read_raw(path: Path, *, limit: int | None = None) -> pa.Table:
    """The input columns as trimmed strings ("" when empty), checked like ``read_people``."""
    check_input_file(path, limit=limit)
    _header(path)
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=16 << 20),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                include_columns=list(INPUT_COLUMNS),
                column_types={column: pa.string() for column in INPUT_COLUMNS},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        text = str(error)
        if "UTF8" in text or "utf-8" in text.lower():
            raise LinkInputError(
                f"{path} is geen UTF-8-tekst. Sla het bestand op als UTF-8."
            ) from error
        raise LinkInputError(f"{path} is geen geldig CSV-bestand: {text}.") from error
    columns = {
        name: pc.utf8_trim_whitespace(table.column(name).combine_chunks()) for name in INPUT_COLUMNS
    }
    empty_row = None
    for array in columns.values():
        blank = pc.equal(array, "")
        empty_row = blank if empty_row is None else pc.and_(empty_row, blank)
    keep = pc.invert(empty_row)
    trimmed = pa.table({name: pc.filter(array, keep) for name, array in columns.items()})
    if trimmed.num_rows == 0:
        raise LinkInputError(f"Het bestand {path} heeft een kopregel maar geen records.")
    # Line numbers for the messages: header is line 1; blank rows were dropped, so count them.
    lines = pc.filter(pa.array(range(2, table.num_rows + 2)), keep)
    _check(path, trimmed, lines)
    return trimmed


def _first(mask: pa.Array) -> int | None:
    positions = pc.indices_nonzero(mask)
    return positions[0].as_py() if len(positions) else None


def _check(path: Path, table: pa.Table, lines: pa.Array) -> None:
    for name in INPUT_COLUMNS:
        too_long = _first(pc.greater(pc.utf8_length(table.column(name)), MAX_FIELD_CHARS))
        if too_long is not None:
            raise LinkInputError(
                f"{path}, regel {lines[too_long].as_py()}: de kolom {name} is langer dan "
                f"{MAX_FIELD_CHARS} tekens."
            )
    ids = table.column("record_id")
    blank = _first(pc.equal(ids, ""))
    if blank is not None:
        raise LinkInputError(f"{path}, regel {lines[blank].as_py()}: record_id is leeg.")
    if pc.count_distinct(ids).as_py() != len(ids):
        seen: set[str] = set()
        for position, value in enumerate(ids.to_pylist()):
            if value in seen:
                raise LinkInputError(
                    f"{path}, regel {lines[position].as_py()}: record_id {value} komt al "
                    "eerder voor."
                )
            seen.add(value)
    dates = table.column("geboortedatum")
    for value in pc.unique(dates).to_pylist():
        if value and parse_date(value) is None:
            position = _first(pc.equal(dates, value))
            raise LinkInputError(
                f"{path}, regel {lines[position].as_py()}: geboortedatum '{value}' is geen datum "
                "als JJJJ-MM-DD (bijvoorbeeld 2010-03-31)."
            )


_STRING = pa.string()


def distinct_and_index(
    array: pa.Array | pa.ChunkedArray,
) -> tuple[list[Any], npt.NDArray[np.int64]]:
    """The distinct values of a column and, per row, the position of its value among them."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    distinct = pc.unique(array)
    index = pc.index_in(array, value_set=distinct).to_numpy(zero_copy_only=False)
    return distinct.to_pylist(), index.astype(np.int64, copy=False)


def _mapped(
    array: pa.Array, function: Callable[[str], Any], kind: pa.DataType = _STRING
) -> pa.Array:
    """``function`` applied to each distinct value, spread back over the rows."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    distinct = pc.unique(array)
    results = pa.array([function(value) for value in distinct.to_pylist()], type=kind)
    return results.take(pc.index_in(array, value_set=distinct))


def surname_keys(raw: pa.Table) -> pa.Array:
    """Per row the tussenvoegsel and surname columns as one value (they are normalised together:
    a source may put the tussenvoegsel in the surname); ``split_surname_key`` undoes it."""
    return pc.binary_join_element_wise(
        raw.column("tussenvoegsel").combine_chunks(),
        raw.column("achternaam").combine_chunks(),
        _SEPARATOR,
    )


def split_surname_key(value: str) -> tuple[str, str]:
    tussenvoegsel, achternaam = value.split(_SEPARATOR, 1)
    return tussenvoegsel, achternaam


def _or_null(value: str) -> str | None:
    return value or None


def normalised_table(raw: pa.Table, source: str | None = None) -> pa.Table:
    """The model's columns (``engine.COLUMNS``) from checked raw columns."""
    # Here, not at the top: ``schakel link encode`` reads with this module and has no use for
    # the engine (Splink and DuckDB take half a second to import).
    from .engine import COLUMNS, LIST_COLUMNS

    names = raw.column("voornamen")

    def given(value: str) -> dict[str, Any]:
        first, official, initials = split_given_names(value, "")
        return {
            "first_name": first or None,
            "first_name_canon": canonical_first_name(first) if first else None,
            "given_names_canon": list(dict.fromkeys(canonical_first_name(n) for n in official))
            or None,
            "name_forms": list(name_forms((first,))) or None,
            "all_names": list(all_names(first, official)) or None,
            "initials": initials or None,
        }

    given_type = pa.struct(
        [
            ("first_name", pa.string()),
            ("first_name_canon", pa.string()),
            ("given_names_canon", pa.list_(pa.string())),
            ("name_forms", pa.list_(pa.string())),
            ("all_names", pa.list_(pa.string())),
            ("initials", pa.string()),
        ]
    )
    given_columns = _mapped(names, given, given_type)
    surname_key = surname_keys(raw)

    def surname(value: str) -> dict[str, Any]:
        key, core = split_surname(*split_surname_key(value))
        return {"tussenvoegsel": key or None, "surname": core or None}

    surname_columns = _mapped(
        surname_key,
        surname,
        pa.struct([("tussenvoegsel", pa.string()), ("surname", pa.string())]),
    )

    def birth(value: str) -> dict[str, Any]:
        day = parse_date(value) if value else None
        if day is None:
            return {"dob": None, "dob_sorted": None}
        low, high = sorted((day.month, day.day))
        return {"dob": day.isoformat(), "dob_sorted": f"{day.year:04d}-{low:02d}-{high:02d}"}

    birth_columns = _mapped(
        raw.column("geboortedatum"),
        birth,
        pa.struct([("dob", pa.string()), ("dob_sorted", pa.string())]),
    )
    first = given_columns.field("first_name")
    last = surname_columns.field("surname")
    both = pc.and_(pc.is_valid(first), pc.is_valid(last))
    in_order = pc.less_equal(first, last)
    pair = pc.if_else(
        in_order,
        pc.binary_join_element_wise(first, last, " / "),
        pc.binary_join_element_wise(last, first, " / "),
    )
    columns: dict[str, pa.Array] = {
        "unique_id": raw.column("record_id").combine_chunks(),
        "first_name": first,
        "first_name_canon": given_columns.field("first_name_canon"),
        "given_names_canon": given_columns.field("given_names_canon"),
        "name_forms": given_columns.field("name_forms"),
        "all_names": given_columns.field("all_names"),
        "initials": given_columns.field("initials"),
        "surname": last,
        "tussenvoegsel": surname_columns.field("tussenvoegsel"),
        "dob": birth_columns.field("dob"),
        "dob_sorted": birth_columns.field("dob_sorted"),
        "name_pair": pc.if_else(both, pair, pa.scalar(None, pa.string())),
        "sex": _mapped(raw.column("geslacht"), lambda v: _or_null(normalise_sex(v))),
        "street": _mapped(raw.column("straat"), lambda v: _or_null(normalise_street(v))),
        "house_number": _mapped(
            raw.column("huisnummer"), lambda v: _or_null(normalise_house_number(v))
        ),
        "postcode": _mapped(raw.column("postcode"), lambda v: _or_null(normalise_postcode(v))),
        "place": _mapped(raw.column("woonplaats"), lambda v: _or_null(normalise_place(v))),
        "bsn": _mapped(raw.column("bsn"), lambda v: _or_null(normalise_bsn(v))),
        "school": pa.nulls(raw.num_rows, pa.string()),
        "phone": pa.nulls(raw.num_rows, pa.string()),
    }
    schema = pa.schema(
        [
            pa.field(name, pa.list_(pa.string()) if name in LIST_COLUMNS else pa.string())
            for name in COLUMNS
        ]
    )
    table = pa.table({name: columns[name] for name in COLUMNS}, schema=schema)
    if source is not None:
        table = table.append_column(
            "source_dataset", pa.array([source] * table.num_rows, pa.string())
        )
    return table


def read_normalised(paths_and_sources: Sequence[tuple[Path, str | None]]) -> list[pa.Table]:
    return [normalised_table(read_raw(path), source) for path, source in paths_and_sources]
