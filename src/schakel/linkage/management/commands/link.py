"""``schakel link``: same-person linkage on files, for batch work and benchmarks.

    schakel link pairs LEFT.csv RIGHT.csv --out PAIRS.csv [--one-to-one] [--threshold P]
    schakel link dedupe INPUT.csv --out PAIRS.csv [--threshold P]
    schakel link encode INPUT.csv --secret-file KEY --out ENC
    schakel link match-encodings ENC_A ENC_B --out PAIRS.csv [--threshold D]
    schakel link suggest --region R    (person records and suggestions of a region; nightly)
    schakel link train --region R [--by USER]  (the region's own model, on its signals)

Input columns (header row, UTF-8): record_id, voornamen, tussenvoegsel, achternaam,
geboortedatum (YYYY-MM-DD), geslacht, straat, huisnummer, postcode, woonplaats, bsn.
Output: record_id_a, record_id_b, match_probability: the pairs judged to be matches.
Progress on standard error. Bad input: a Dutch message and exit code 2, nothing written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from schakel.linkage.csvio import LinkInputError
from schakel.linkage.progress import Progress


def _probability(value: str) -> float:
    import argparse

    try:
        number = float(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{value}' is geen getal") from error
    if not 0.0 < number < 1.0:
        raise argparse.ArgumentTypeError("kies een kans tussen 0 en 1, bijvoorbeeld 0.9")
    return number


class Command(BaseCommand):
    help = "Koppel records over dezelfde jongere (bestanden; voor batchwerk en metingen)."
    # The file commands need no system checks (they cost seconds: the URL check imports every
    # app); suggest and train use the database like any command.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="command", required=True)
        pairs = sub.add_parser("pairs", help="koppel twee bestanden")
        pairs.add_argument("left", type=Path, help="LEFT.csv")
        pairs.add_argument("right", type=Path, help="RIGHT.csv")
        pairs.add_argument("--out", type=Path, required=True, help="PAIRS.csv")
        pairs.add_argument(
            "--one-to-one",
            action="store_true",
            help="elk record hoogstens één keer koppelen (bronnen zonder dubbelen)",
        )
        pairs.add_argument(
            "--threshold",
            type=_probability,
            default=None,
            help="kans vanaf (standaard 0.9; met --one-to-one 0.5)",
        )
        pairs.add_argument(
            "--train",
            action="store_true",
            help="schat het model eerst op deze bestanden (anders: het meegeleverde model)",
        )
        dedupe = sub.add_parser("dedupe", help="vind dubbelen binnen één bestand")
        dedupe.add_argument("input", type=Path, help="INPUT.csv")
        dedupe.add_argument("--out", type=Path, required=True, help="PAIRS.csv")
        dedupe.add_argument(
            "--threshold", type=_probability, default=None, help="kans vanaf (standaard 0.9)"
        )
        dedupe.add_argument(
            "--train",
            action="store_true",
            help="schat het model eerst op dit bestand (anders: het meegeleverde model)",
        )
        encode = sub.add_parser("encode", help="versleutel records als Bloom-filters (CLK)")
        encode.add_argument("input", type=Path, help="INPUT.csv")
        encode.add_argument("--secret-file", type=Path, required=True, help="KEY")
        encode.add_argument("--out", type=Path, required=True, help="ENC")
        match = sub.add_parser("match-encodings", help="koppel twee versleutelde bestanden")
        match.add_argument("enc_a", type=Path, help="ENC_A")
        match.add_argument("enc_b", type=Path, help="ENC_B")
        match.add_argument("--out", type=Path, required=True, help="PAIRS.csv")
        match.add_argument(
            "--threshold",
            type=_probability,
            default=None,
            help="Dice-gelijkenis vanaf (standaard die van het bestand)",
        )

        suggest = sub.add_parser(
            "suggest",
            help="maak de koppelgegevens en voorstellen van een regio (bijvoorbeeld elke nacht)",
        )
        suggest.add_argument("--region", required=True, help="de regio (nummer of naam)")
        train = sub.add_parser("train", help="train het koppelmodel van een regio op haar signalen")
        train.add_argument("--region", required=True, help="de regio (nummer of naam)")
        train.add_argument(
            "--by", help="gebruikersnaam van wie traint (komt in het auditlog en bij het model)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = Progress()
        try:
            self._run(options, progress)
        except LinkInputError as error:
            sys.stderr.write(f"Fout: {error}\n")
            sys.exit(2)

    def _run(self, options: dict[str, Any], progress: Progress) -> None:
        command = options["command"]
        if command == "pairs":
            from schakel.linkage.batch import link_files

            link_files(
                options["left"],
                options["right"],
                options["out"],
                one_to_one=options["one_to_one"],
                threshold=options["threshold"],
                train_first=options["train"],
                progress=progress,
            )
        elif command == "dedupe":
            from schakel.linkage.batch import dedupe_file

            dedupe_file(
                options["input"],
                options["out"],
                threshold=options["threshold"],
                train_first=options["train"],
                progress=progress,
            )
        elif command == "encode":
            from schakel.linkage.pprl import encode_file

            encode_file(options["input"], options["secret_file"], options["out"], progress=progress)
        elif command in ("suggest", "train"):
            from schakel.linkage.services import regions

            region = regions.region_by_number_or_name(options["region"])
            if command == "suggest":
                regions.suggest_region(region, progress=progress)
            else:
                actor = regions.user_by_username(options["by"]) if options.get("by") else None
                regions.train_region(region, actor=actor, progress=progress)
        else:
            from schakel.linkage.pprl import match_files

            match_files(
                options["enc_a"],
                options["enc_b"],
                options["out"],
                threshold=options["threshold"],
                progress=progress,
            )
