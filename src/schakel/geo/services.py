"""Writes of reference data: municipalities from the committed fixture."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Municipality

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
