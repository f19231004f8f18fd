"""Rebuild the municipality fixture from the committed CBS CSV."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from schakel.geo.domain.fixture import municipality_records
from schakel.geo.services import FIXTURE_PATH

CSV_PATH = Path(__file__).resolve().parents[2] / "data" / "gemeenten-2025.csv"


class Command(BaseCommand):
    help = "Maakt geo/fixtures/municipalities_2025.json opnieuw uit data/gemeenten-2025.csv."

    def handle(self, *args: Any, **options: Any) -> None:
        records = municipality_records(CSV_PATH.read_text(encoding="utf-8"))
        FIXTURE_PATH.write_text(
            json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        self.stdout.write(f"{len(records)} gemeenten geschreven naar {FIXTURE_PATH.name}.")
