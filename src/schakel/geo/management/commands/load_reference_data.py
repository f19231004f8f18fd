"""Load the reference data: municipalities and their districts, the default route map, word
and signal lists."""

from typing import Any

from django.core.management.base import BaseCommand

from schakel.geo.services import districts_load, municipalities_load
from schakel.intake.services import indicators_load_defaults
from schakel.kennis.services import terms_load_defaults
from schakel.routekaart.services import routekaart_ensure_default


class Command(BaseCommand):
    help = (
        "Laadt de referentiegegevens: alle 342 gemeenten van 2025 en hun wijken (CBS), de "
        "standaard-routekaart en de standaardlijsten met signalen en begrippen. Veilig om te "
        "herhalen."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = municipalities_load()
        self.stdout.write(f"Gemeenten: {result.created} toegevoegd, {result.updated} bijgewerkt.")
        result = districts_load()
        self.stdout.write(f"Wijken: {result.created} toegevoegd, {result.updated} bijgewerkt.")
        routekaart_ensure_default()
        self.stdout.write("Standaard-routekaart: aanwezig.")
        self.stdout.write(f"Signalenlijst: {indicators_load_defaults()} onderdelen toegevoegd.")
        self.stdout.write(f"Begrippenlijst: {terms_load_defaults()} begrippen toegevoegd.")
