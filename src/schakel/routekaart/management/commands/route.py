"""`schakel route SITUATION.json [--municipality GMxxxx]`: what to do, per the route map."""

import json
import re
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from schakel.routekaart.constants import DEFAULT_MAP_PATH
from schakel.routekaart.domain.engine import actions_to_contract, compile_route_map
from schakel.routekaart.domain.situation import SituationError, parse_situation
from schakel.routekaart.domain.validator import route_map_from_yaml

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Geeft voor een situatie (JSON) de acties uit de routekaart: "
        '{"actions": [{"code", "urgency", "contact", "why"}]}.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("situation", help="JSON-bestand met de situatie, of - voor stdin.")
        parser.add_argument(
            "--municipality",
            help="CBS-code (GMxxxx): gebruik de routekaart en contactgegevens van die gemeente.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data = self._read(options["situation"])
        municipality = options.get("municipality")
        if municipality is not None and not re.fullmatch(r"GM\d{4}", municipality):
            raise CommandError(
                f"--municipality moet een CBS-code zijn zoals GM0344, niet {municipality!r}.",
                returncode=USAGE_ERROR,
            )
        try:
            situation = parse_situation(data)
        except SituationError as error:
            raise CommandError(
                "De situatie klopt niet:\n- " + "\n- ".join(error.messages),
                returncode=USAGE_ERROR,
            ) from error
        compiled = self._compiled(municipality or situation.municipality)
        result = actions_to_contract(compiled.route(situation))
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def _read(self, source: str) -> dict[str, Any]:
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(f"Bestand {source} bestaat niet.", returncode=USAGE_ERROR) from error
        except OSError as error:
            raise CommandError(
                f"Kan {source} niet lezen (geen toegang of geen gewoon bestand).",
                returncode=USAGE_ERROR,
            ) from error
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"Geen geldige JSON in {source}: de fout zit in regel {error.lineno}, "
                f"kolom {error.colno}. Controleer aanhalingstekens, komma's en haakjes.",
                returncode=USAGE_ERROR,
            ) from error
        if not isinstance(data, dict):
            raise CommandError(
                'De situatie moet een JSON-object zijn, zoals {"age": 15}.',
                returncode=USAGE_ERROR,
            )
        return data

    def _compiled(self, municipality: str | None):  # type: ignore[no-untyped-def]
        from schakel.geo.models import Municipality
        from schakel.routekaart.selectors import routing_for

        try:
            if municipality and not Municipality.objects.filter(code=municipality).exists():
                self.stderr.write(
                    f"Let op: gemeente {municipality} is onbekend; de standaard-routekaart "
                    "is gebruikt."
                )
            compiled, _version = routing_for(municipality_code=municipality)
        except DatabaseError:
            # No database yet (e.g. straight after `make install`): the shipped default map.
            self.stderr.write(
                "Let op: geen database gevonden; de standaard-routekaart van Schakel is gebruikt."
            )
            return compile_route_map(route_map_from_yaml(DEFAULT_MAP_PATH.read_text("utf-8")))
        return compiled
