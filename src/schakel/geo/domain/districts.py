"""Read the CBS districts (wijken) from the committed TopoJSON boundaries (pure, no ORM)."""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from .fixture import FixtureError

DISTRICTS_PATH: Final = (
    Path(__file__).resolve().parent.parent / "data" / "maps" / "wijk_2024.topojson"
)
# WK + the four digits of the municipality (GMgggg) + two characters; Amsterdam uses letters.
_CODE = re.compile(r"^WK(\d{4})[0-9A-Z]{2}$")


@dataclass(frozen=True)
class DistrictRecord:
    code: str
    name: str
    municipality_code: str


def district_records(topojson_text: str) -> list[DistrictRecord]:
    """Every district of the file, sorted by code; FixtureError in Dutch on a bad entry."""
    try:
        data: Any = json.loads(topojson_text)
    except json.JSONDecodeError as error:
        raise FixtureError("Dit is geen geldige JSON.") from error
    objects = data.get("objects") if isinstance(data, dict) else None
    if not isinstance(objects, dict) or len(objects) != 1:
        raise FixtureError("Verwacht precies één laag met wijken in de TopoJSON.")
    layer = next(iter(objects.values()))
    geometries = layer.get("geometries") if isinstance(layer, dict) else None
    if not isinstance(geometries, list):
        raise FixtureError("De laag met wijken heeft geen 'geometries'.")
    records: list[DistrictRecord] = []
    seen: set[str] = set()
    for number, geometry in enumerate(geometries, start=1):
        properties = geometry.get("properties") if isinstance(geometry, dict) else None
        if not isinstance(properties, dict):
            raise FixtureError(f"Wijk {number}: geen eigenschappen.")
        code = str(properties.get("statcode", "")).strip()
        name = str(properties.get("statnaam", "")).strip()
        match = _CODE.match(code)
        if match is None:
            raise FixtureError(f"Wijk {number}: ongeldige wijkcode {code!r}")
        if not name:
            raise FixtureError(f"Wijk {number}: de naam van {code} ontbreekt")
        if code in seen:
            raise FixtureError(f"Wijk {number}: wijkcode {code} komt twee keer voor")
        seen.add(code)
        records.append(DistrictRecord(code=code, name=name, municipality_code=f"GM{match[1]}"))
    return sorted(records, key=lambda r: r.code)


@lru_cache(maxsize=2)
def load_districts(path: Path = DISTRICTS_PATH) -> tuple[DistrictRecord, ...]:
    """The districts of a committed file, read and checked once per process (1.2 MB)."""
    return tuple(district_records(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=2)
def districts_per_municipality(
    path: Path = DISTRICTS_PATH,
) -> dict[str, tuple[DistrictRecord, ...]]:
    """Municipality code -> its districts in code order, from the committed file (the same
    file ``districts_load`` fills the table from), so that a monitor table of a whole region
    needs no query per municipality."""
    out: dict[str, list[DistrictRecord]] = {}
    for record in load_districts(path):
        out.setdefault(record.municipality_code, []).append(record)
    return {code: tuple(records) for code, records in out.items()}
