"""Load the fictitious demo region and accounts (demo mode only)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schakel.accounts.demo import DemoModeOff, demo_load


class Command(BaseCommand):
    help = "Laadt de fictieve demoregio met een account per rol (alleen in demomodus)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            demo_load()
        except DemoModeOff as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Demogegevens geladen.")
