"""``schakel monitor export --scope GMxxxx|REGION --from YYYY-MM-DD --to YYYY-MM-DD
--format csv``: print the disclosure-controlled monitor table.

``--scope`` is a municipality code (GM0344) or a care-coordination region, by its number or
its exact name. The period must be a calendar quarter or year that has ended (as on the
pages: other periods would let anyone subtract two exports). Every number has been through
disclosure control, exactly as on the pages: a count below the threshold is "<5", and a
number from which a small one could be worked out is "x". Exit code 2 with the reason (in
Dutch) on wrong input.
"""

import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from schakel.geo.models import Municipality, Region
from schakel.monitor.domain.indicators import Period, span_of
from schakel.monitor.presentation import csv_text, export_tables, region_tables
from schakel.monitor.selectors import municipality_tables, region_overview


class Command(BaseCommand):
    help = "Exporteer de monitor (alleen aantallen, na onthullingscontrole)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="command", required=True)
        export = sub.add_parser("export", help="de tabel van een gemeente of regio")
        export.add_argument("--scope", required=True, help="GMxxxx, of een regio (nummer of naam)")
        export.add_argument("--from", dest="start", required=True, help="begindatum JJJJ-MM-DD")
        export.add_argument("--to", dest="end", required=True, help="einddatum JJJJ-MM-DD")
        export.add_argument("--format", default="csv", choices=["csv"], help="uitvoer (csv)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period(_day(options["start"], "--from"), _day(options["end"], "--to"))
            span = span_of(period)
        except ValueError as error:
            self._fail(str(error))
        if span.period.end >= timezone.localdate():
            self._fail(
                "Deze periode is nog niet voorbij; kies een kwartaal of jaar dat voorbij is."
            )
        scope = options["scope"].strip()
        municipality = Municipality.objects.filter(code=scope.upper()).first()
        if municipality is not None:
            tables = export_tables(municipality_tables(municipality, span), span)
            self.stdout.write(csv_text(tables, place=municipality.code, spans=[span]), ending="")
            return
        region = (
            Region.objects.filter(pk=int(scope)).first()
            if scope.isdigit()
            else Region.objects.filter(name=scope).first()
        )
        if region is None:
            self._fail(f"Geen gemeente of regio gevonden voor '{scope}'.")
        tables = region_tables(region_overview(region, span), span)
        self.stdout.write(csv_text(tables, place=region.name, spans=[span]), ending="")

    def _fail(self, message: str) -> Any:
        sys.stderr.write(message + "\n")
        raise SystemExit(2)


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{option}: schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-31."
        ) from None
