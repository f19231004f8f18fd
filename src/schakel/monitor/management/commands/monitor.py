"""``schakel monitor refresh`` counts the monitor's numbers again (nightly); ``schakel monitor
national`` prints the national export (docs/national-export.md); and ``schakel monitor export
--scope GMxxxx|REGION --from YYYY-MM-DD --to YYYY-MM-DD
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
        national = sub.add_parser(
            "national", help="de landelijke export van een regio en jaar (HTCDS-categorieën)"
        )
        national.add_argument("--region", required=True, help="de regio (nummer of naam)")
        national.add_argument("--year", required=True, help="een jaar dat voorbij is, JJJJ")
        national.add_argument(
            "--format", default="json", choices=["json", "csv"], help="uitvoer (json of csv)"
        )
        refresh = sub.add_parser(
            "refresh", help="tel de cijfers van de monitor opnieuw (elke nacht, bijvoorbeeld)"
        )
        refresh.add_argument(
            "--year",
            action="append",
            help="het jaar JJJJ (mag vaker; standaard dit jaar en het jaar ervoor)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["command"] == "national":
            self._national(options)
            return
        if options["command"] == "refresh":
            self._refresh(options)
            return
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

    def _refresh(self, options: dict[str, Any]) -> None:
        """``schakel monitor refresh [--year YYYY ...]``: count the years again, now (the
        pages otherwise count when their numbers are older than
        SCHAKEL_MONITOR_COUNTS_MAX_AGE_MINUTES). Run it every night from cron or a timer."""
        from schakel.monitor.aggregates import refresh_year

        today = timezone.localdate()
        texts = options["year"] or [str(today.year - 1), str(today.year)]
        if not all(t.strip().isdigit() and len(t.strip()) == 4 for t in texts):
            self._fail("--year: schrijf het jaar als JJJJ, bijvoorbeeld 2025.")
        for year in sorted({int(t) for t in texts}):
            refresh = refresh_year(year, today, force=True)
            if refresh is None:
                self.stdout.write(f"{year}: nog geen kwartaal voorbij, niets geteld.")
            else:
                self.stdout.write(
                    f"{year}: geteld tot en met {refresh.counted_until:%d-%m-%Y} "
                    f"in {refresh.seconds:.1f} s."
                )

    def _national(self, options: dict[str, Any]) -> None:
        """``schakel monitor national --region R --year YYYY --format json|csv``: the
        anonymised national export (docs/national-export.md), after disclosure control."""
        from schakel.monitor.national import export_csv, export_json, national_export

        year_text = options["year"].strip()
        if not (year_text.isdigit() and len(year_text) == 4):
            self._fail("--year: schrijf het jaar als JJJJ, bijvoorbeeld 2025.")
        scope = options["region"].strip()
        region = (
            Region.objects.filter(pk=int(scope)).first()
            if scope.isdigit()
            else Region.objects.filter(name=scope).first()
        )
        if region is None:
            self._fail(f"Geen regio gevonden voor '{scope}'.")
        try:
            export = national_export(region, int(year_text))
        except ValueError as error:
            self._fail(str(error))
        text = export_json(export) if options["format"] == "json" else export_csv(export)
        self.stdout.write(text, ending="")

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
