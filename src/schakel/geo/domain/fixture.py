"""Turn the CBS municipality CSV into Django fixture records (pure, no ORM)."""

import csv
import io
import re
from typing import Any

EXPECTED_COLUMNS = ["gm_code", "naam", "provincie", "vr_code", "veiligheidsregio"]
_CODE = re.compile(r"^GM\d{4}$")


class FixtureError(ValueError):
    pass


def municipality_records(csv_text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(csv_text))
    if reader.fieldnames != EXPECTED_COLUMNS:
        raise FixtureError(
            f"Onverwachte kolommen: {reader.fieldnames}; verwacht {EXPECTED_COLUMNS}"
        )
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line_no, row in enumerate(reader, start=2):
        code = row["gm_code"].strip()
        if not _CODE.match(code):
            raise FixtureError(f"Regel {line_no}: ongeldige gemeentecode {code!r}")
        if code in seen:
            raise FixtureError(f"Regel {line_no}: gemeentecode {code} komt twee keer voor")
        seen.add(code)
        records.append(
            {
                "model": "geo.municipality",
                "fields": {
                    "code": code,
                    "name": row["naam"].strip(),
                    "province": row["provincie"].strip(),
                    "safety_region_code": row["vr_code"].strip(),
                    "safety_region_name": row["veiligheidsregio"].strip(),
                },
            }
        )
    return sorted(records, key=lambda r: r["fields"]["code"])
