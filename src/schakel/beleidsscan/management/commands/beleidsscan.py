"""``schakel beleidsscan FILE [--json]``: scan a policy document from the command line.

With ``--json`` it prints the contract of issue 5 (keep the keys stable):
``{"is_trafficking_policy": bool, "tips": [{"tip", "score", "evidence": [{"text", "page"}]}],
"terms": [{"term", "count", "suggestion", "pages"}]}``. Without it, a short report in Dutch.
Nothing is stored. Exit code 2 when the file cannot be read (the reason on stderr).
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from schakel.beleidsscan.constants import SCORE_LABELS
from schakel.beleidsscan.domain.extract import MAX_BYTES, ExtractError, extract
from schakel.beleidsscan.domain.rubric import RubricError, load_rubric
from schakel.beleidsscan.domain.scan import ScanResult, scan, to_contract
from schakel.beleidsscan.selectors import rubric_and_checker_for_cli


class Command(BaseCommand):
    help = "Scan een beleidsdocument (PDF, DOCX, ODT, HTML of TXT) op de tien tips."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="het beleidsdocument")
        parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
        parser.add_argument("--rubric", help="een andere rubriek (YAML) dan de huidige")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            if not path.is_file():
                raise ExtractError(f"Het bestand '{path}' bestaat niet.", "not_found")
            if path.stat().st_size > MAX_BYTES:
                raise ExtractError(
                    f"Het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB.", "too_large"
                )
            document = extract(path.name, path.read_bytes())
        except ExtractError as error:
            self.stderr.write(f"Niet gescand: {error.message}")
            sys.exit(2)
        rubric, checker = rubric_and_checker_for_cli()
        if options["rubric"]:
            try:
                rubric = load_rubric(Path(options["rubric"]), checker)
            except (OSError, RubricError) as error:
                self.stderr.write(f"De rubriek is niet te gebruiken: {error}")
                sys.exit(2)
        result = scan([(p.number, p.text) for p in document.pages], rubric, checker)
        if options["json"]:
            self.stdout.write(json.dumps(to_contract(result), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report(path.name, len(document.pages), result))


def report(name: str, pages: int, result: ScanResult) -> str:
    lines = [f"Beleidsscan van {name} ({pages} pagina's, {result.words} woorden)", ""]
    lines.append(
        "Dit is een beleid over mensenhandel."
        if result.is_trafficking_policy
        else "Let op: dit lijkt geen beleid over mensenhandel. De scores zeggen dan weinig."
    )
    lines.append("")
    for item in result.tips:
        lines.append(
            f"Tip {item.tip.number}. {item.tip.title}: {item.score} ({SCORE_LABELS[item.score]})"
        )
        for evidence in item.evidence[:2]:
            lines.append(f"    p. {evidence.page}: {evidence.text}")
        if item.why:
            lines.append(f"    Waarom niet hoger: {item.why}")
    lines.append("")
    if result.terms:
        lines.append("Woorden om te vermijden:")
        for term in result.terms:
            pages_text = ", ".join(str(p) for p in term.pages)
            lines.append(
                f"    {term.term}: {term.count}x (p. {pages_text}); gebruik: {term.suggestion}"
            )
    else:
        lines.append("Geen woorden gevonden die we liever niet gebruiken.")
    return "\n".join(lines)
