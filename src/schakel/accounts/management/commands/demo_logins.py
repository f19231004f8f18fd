"""Print the demo logins, their TOTP secrets and the current codes (demo mode only)."""

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP

from schakel.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Toont de demo-logins met hun TOTP-sleutel en de code van dit moment."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--codes", action="store_true", help="Toon alleen de huidige codes.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.SCHAKEL_DEMO_MODE:
            raise CommandError("Alleen beschikbaar met SCHAKEL_DEMO_MODE=1.")
        if not options["codes"]:
            self.stdout.write("")
            url = os.environ.get("SCHAKEL_DEMO_URL", "http://127.0.0.1:8000")
            self.stdout.write(f"Schakel demo: {url}  (DEMO, fictieve gegevens)")
            self.stdout.write(f"Wachtwoord voor elk demo-account: {DEMO_PASSWORD}")
            self.stdout.write("TOTP-sleutel: voer in in een authenticator-app, of vraag de code")
            self.stdout.write("van dit moment op met: .venv/bin/schakel demo_logins --codes")
            self.stdout.write("")
        for account in DEMO_ACCOUNTS:
            code = "geen code nodig"
            if account.totp_hex:
                totp = TOTP(bytes.fromhex(account.totp_hex))
                code = f"{totp.token():06d}"
            if options["codes"]:
                self.stdout.write(f"{account.username:<22} {code}")
                continue
            secret = account.totp_base32 or "-"
            self.stdout.write(
                f"  {account.username:<22} {account.role.label:<30} TOTP-sleutel {secret}"
                f"  (code nu: {code})"
            )
        self.stdout.write("")
