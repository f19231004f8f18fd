"""Load the fictitious demo region and accounts (demo mode only)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schakel.accounts.demo import DemoModeOff, demo_load
from schakel.beleidsscan.demo import demo_beleidsscan_load
from schakel.cases.demo import demo_cases_load
from schakel.intake.demo import demo_signals_load
from schakel.linkage.demo import demo_linkage_load
from schakel.measures.demo import demo_measures_load
from schakel.monitor.demo import demo_monitor_load
from schakel.network.demo import demo_network_load
from schakel.practice.demo import demo_practice_load


class Command(BaseCommand):
    help = "Laadt de fictieve demoregio met een account per rol (alleen in demomodus)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            region = demo_load()
        except DemoModeOff as exc:
            raise CommandError(str(exc)) from exc
        count = demo_signals_load(region_id=region.pk)
        cases = demo_cases_load()
        demo_network_load()  # after the cases: it links them
        suggestions = demo_linkage_load(region_id=region.pk)
        consultations = demo_monitor_load(region_id=region.pk)
        measures = demo_measures_load()
        trainings, activities = demo_practice_load()
        scans = demo_beleidsscan_load()  # after the registers: the scan shows their figures
        self.stdout.write(
            f"Demogegevens geladen ({count} fictieve signalen, {cases} fictieve casussen, "
            f"{suggestions} nieuwe voorstellen 'dezelfde jongere?', "
            f"{consultations} anonieme overleggen voor de monitor, {measures} maatregelen, "
            f"{trainings} trainingen, {activities} participatieactiviteiten, "
            f"{scans} beleidsscan)."
        )
