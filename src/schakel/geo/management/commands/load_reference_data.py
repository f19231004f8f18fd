"""Load the reference data (all municipalities of 2025); safe to run again."""

from typing import Any

from django.core.management.base import BaseCommand

from schakel.geo.services import municipalities_load


class Command(BaseCommand):
    help = "Laadt de referentiegegevens: alle 342 gemeenten van 2025 (CBS)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = municipalities_load()
        self.stdout.write(f"Gemeenten: {result.created} toegevoegd, {result.updated} bijgewerkt.")
