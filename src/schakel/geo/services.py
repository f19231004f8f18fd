"""Writes of reference data: municipalities from the committed fixture, districts from the
CBS district boundaries."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .domain.districts import DISTRICTS_PATH, load_districts
from .domain.fixture import FixtureError
from .models import District, Municipality

FIXTURE_PATH = Path(__file__).parent / "fixtures" / "municipalities_2025.json"


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int


@transaction.atomic
def municipalities_load(*, path: Path = FIXTURE_PATH) -> LoadResult:
    """Create or update every municipality in the fixture; idempotent."""
    records = json.loads(path.read_text(encoding="utf-8"))
    existing = {m.code: m for m in Municipality.objects.all()}
    created = updated = 0
    for record in records:
        fields = record["fields"]
        current = existing.get(fields["code"])
        if current is None:
            municipality = Municipality(**fields)
            municipality.full_clean()
            municipality.save()
            created += 1
        elif any(getattr(current, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(current, key, value)
            current.full_clean()
            current.save()
            updated += 1
    return LoadResult(created=created, updated=updated)


@transaction.atomic
def districts_load(*, path: Path = DISTRICTS_PATH) -> LoadResult:
    """Create or update every district (wijk) of the CBS boundaries; idempotent. Needs the
    municipalities: load those first. A district that is no longer in the file is kept, since
    signals may refer to it."""
    records = load_districts(path)
    municipalities = dict(Municipality.objects.values_list("code", "id"))
    missing = sorted({r.municipality_code for r in records} - set(municipalities))
    if missing:
        raise FixtureError(
            f"Laad eerst de gemeenten: {len(missing)} gemeenten van de wijken ontbreken "
            f"({', '.join(missing[:5])})."
        )
    # Codes are unique in the file (checked when read) and in the table: one query, not 3,393.
    existing = {d.code: d for d in District.objects.all()}
    new: list[District] = []
    changed: list[District] = []
    for record in records:
        municipality_id = municipalities[record.municipality_code]
        current = existing.get(record.code)
        if current is None:
            district = District(code=record.code, name=record.name, municipality_id=municipality_id)
            district.full_clean(exclude=["municipality"], validate_unique=False)
            new.append(district)
        elif (current.name, current.municipality_id) != (record.name, municipality_id):
            current.name = record.name
            current.municipality_id = municipality_id
            current.full_clean(exclude=["municipality"], validate_unique=False)
            changed.append(current)
    District.objects.bulk_create(new, batch_size=500)
    District.objects.bulk_update(changed, ["name", "municipality"], batch_size=500)
    return LoadResult(created=len(new), updated=len(changed))
