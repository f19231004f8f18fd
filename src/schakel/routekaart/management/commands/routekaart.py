"""`schakel routekaart export|import`: a route map as YAML, in and out."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from schakel.accounts.models import User
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.geo.models import Municipality, Region
from schakel.routekaart.models import RouteMap
from schakel.routekaart.selectors import route_map_effective_version
from schakel.routekaart.services import RouteMapInvalid, route_map_version_create


class Command(BaseCommand):
    help = "Exporteert of importeert een routekaart als YAML (import maakt een concept)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        export = sub.add_parser("export", help="Schrijf de geldende routekaart als YAML.")
        export.add_argument("--municipality", help="CBS-code, bijv. GM0344")
        export.add_argument("--output", "-o", help="Bestand (standaard: scherm)")
        imp = sub.add_parser("import", help="Lees YAML in als nieuwe conceptversie.")
        imp.add_argument("file", help="YAML-bestand, of - voor stdin")
        target = imp.add_mutually_exclusive_group(required=True)
        target.add_argument("--region", help="Naam van de regio")
        target.add_argument("--municipality", help="CBS-code, bijv. GM0344")
        imp.add_argument("--user", required=True, help="Gebruikersnaam van wie de wijziging doet")
        imp.add_argument("--note", required=True, help="Wat verandert er en waarom")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "export":
            version = route_map_effective_version(municipality_code=options.get("municipality"))
            if options.get("output"):
                Path(options["output"]).write_text(version.yaml_text, encoding="utf-8")
                self.stdout.write(f"{version.route_map} versie {version.number} geschreven.")
            else:
                self.stdout.write(version.yaml_text, ending="")
            return
        text = (
            sys.stdin.read()
            if options["file"] == "-"
            else Path(options["file"]).read_text(encoding="utf-8")
        )
        actor = User.objects.filter(username=options["user"], is_active=True).first()
        if actor is None:
            raise CommandError(f"Onbekende of geblokkeerde gebruiker: {options['user']}.")
        if options.get("region"):
            region = Region.objects.filter(name=options["region"]).first()
            route_map = RouteMap.objects.filter(region=region).first() if region else None
        else:
            municipality = Municipality.objects.filter(code=options["municipality"]).first()
            route_map = (
                RouteMap.objects.filter(municipality=municipality).first() if municipality else None
            )
        if route_map is None:
            raise CommandError(
                "Hier is nog geen eigen routekaart. Maak die eerst aan op de routekaartpagina."
            )
        try:
            version = route_map_version_create(
                actor=actor, route_map_id=route_map.pk, yaml_text=text, note=options["note"]
            )
        except RouteMapInvalid as error:
            lines = [
                f"- {'regel ' + i.rule_id + ', ' if i.rule_id else ''}{i.field}: {i.message}"
                for i in error.issues
            ]
            raise CommandError("De routekaart bevat fouten:\n" + "\n".join(lines)) from error
        except (DomainValidationError, NotFoundOrForbidden) as error:
            raise CommandError(
                error.message
                if isinstance(error, DomainValidationError)
                else f"{actor.username} mag deze routekaart niet wijzigen."
            ) from error
        self.stdout.write(
            f"Concept versie {version.number} gemaakt; {version.scenario_failures} scenario('s) "
            "slagen niet. Publiceer in Schakel na controle."
        )
