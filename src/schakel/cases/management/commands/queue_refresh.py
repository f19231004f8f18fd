"""Recompute the stored work queue of every open case (run nightly, e.g. at 00:05)."""

import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from schakel.cases.domain.closing import CaseStatus
from schakel.cases.models import Case
from schakel.cases.services import queue_refresh


class Command(BaseCommand):
    help = "Werkt de werkvoorraad van alle open casussen bij (elke nacht draaien)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Ook casussen die vandaag al zijn bijgewerkt."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        cases = Case.objects.filter(status=CaseStatus.OPEN.value)
        if not options["all"]:
            cases = cases.exclude(queue_computed_for=today)
        ids = list(cases.values_list("pk", flat=True))
        step = 2000
        for start in range(0, len(ids), step):
            queue_refresh(case_ids=ids[start : start + step], today=today)
            sys.stderr.write(f"\rWerkvoorraad: {min(start + step, len(ids))} van {len(ids)}")
        if ids:
            sys.stderr.write("\n")
        self.stdout.write(f"Werkvoorraad bijgewerkt voor {len(ids)} open casussen.")
