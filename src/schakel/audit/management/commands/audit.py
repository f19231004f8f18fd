"""`schakel audit verify|checkpoint`: check the audit hash chain."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from schakel.audit.domain.chain import Checkpoint
from schakel.audit.selectors import audit_chain_verify


def _parse_checkpoint(value: str) -> Checkpoint:
    seq, sep, digest = value.partition(":")
    if not sep or not seq.isdigit() or len(digest) != 64:
        raise CommandError("Controlepunt in de vorm VOLGNUMMER:HASH (64 tekens), bijv. 120:ab12…")
    return Checkpoint(seq=int(seq), hash=digest)


class Command(BaseCommand):
    help = "Controleert de hashketen van het logboek (verify) of toont het controlepunt."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="Controleer of het logboek ongeschonden is.")
        verify.add_argument(
            "--checkpoint",
            help="VOLGNUMMER:HASH van een eerder bewaard controlepunt (ziet ook verwijderde "
            "rijen aan het eind).",
        )
        sub.add_parser("checkpoint", help="Toon volgnummer en hash van de laatste rij.")

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoint = None
        if options["subcommand"] == "verify" and options.get("checkpoint"):
            checkpoint = _parse_checkpoint(options["checkpoint"])
        result = audit_chain_verify(checkpoint=checkpoint)
        if options["subcommand"] == "checkpoint":
            if result.head is None:
                self.stdout.write("Het logboek is leeg.")
            else:
                self.stdout.write(f"{result.head.seq}:{result.head.hash}")
            if not result.ok:
                raise CommandError("Let op: de keten is niet intact; draai `schakel audit verify`.")
            return
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(f"Logboek intact: {result.rows_checked} rijen gecontroleerd.")
            )
            return
        where = f"rij id={result.bad_row_id}, volgnummer {result.bad_seq}"
        if result.bad_row_id is None:
            where = f"volgnummer {result.bad_seq}"
        raise CommandError(f"Logboek NIET intact. Eerste foute rij: {where}: {result.problem}.")
