"""Benchmark: scanning a 100-page PDF policy document (target: under 5 seconds).

Builds a real 100-page A4 PDF with a text layer (WeasyPrint, from Dutch policy-style text
assembled from the rubric's own wording and the evaluation set's TXT documents, about 400
words per page), then times the whole scan as the upload does it: read the PDF (PDFium),
lemmatise, score the ten tips, check the words. Reported: a cold run in a fresh process
(loading the Dutch lemmatiser included) and the median and worst of warm runs.

Baseline ``first_version`` is the first implementation: pypdf to read the PDF, and a
scorer that tokenised every page again for every tip. Both must give the same scores.

Run: .venv/bin/python bench/beleidsscan_speed.py   (writes bench/results/beleidsscan_speed.json)
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pypdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from schakel.beleidsscan.domain.extract import extract  # noqa: E402
from schakel.beleidsscan.domain.matching import Evidence, Page, PhraseIndex  # noqa: E402
from schakel.beleidsscan.domain.rubric import Rubric, Tip, default_checker, load_rubric  # noqa: E402
from schakel.beleidsscan.domain.scan import MIN_TOPIC_HITS_FOR_2, scan  # noqa: E402

RESULT = ROOT / "bench" / "results" / "beleidsscan_speed.json"
PAGES = 100
WORDS_PER_PAGE = 360
TARGET_S = 5.0
WARM_RUNS = 5


def source_paragraphs(rubric: Rubric) -> list[str]:
    paragraphs = []
    for folder in ("dev", "dev2"):
        for path in sorted((ROOT / "bench" / "beleidsscan_eval" / folder).glob("*.txt")):
            text = path.read_text(encoding="utf-8").replace("\f", "\n\n")
            paragraphs += [p.strip() for p in text.split("\n\n") if len(p.split()) > 15]
    for tip in rubric.tips:
        paragraphs.append(tip.explanation)
        paragraphs += list(tip.criteria.values())
        paragraphs += list(tip.actions)
    return paragraphs


def build_pdf(path: Path, rubric: Rubric) -> None:
    from weasyprint import HTML

    paragraphs = source_paragraphs(rubric)
    parts = [
        '<html lang="nl"><head><meta charset="utf-8"><style>',
        "@page { size: A4; margin: 2cm } body { font: 10pt 'DejaVu Sans' }",
        ".page { page-break-after: always }</style></head><body>",
    ]
    index = 0
    for number in range(1, PAGES + 1):
        parts.append(f'<div class="page"><h2>Hoofdstuk {number}</h2>')
        words = 0
        while words < WORDS_PER_PAGE:
            paragraph = paragraphs[index % len(paragraphs)]
            index += 1
            parts.append(f"<p>{html.escape(paragraph)}</p>")
            words += len(paragraph.split())
        parts.append("</div>")
    parts.append("</body></html>")
    HTML(string="".join(parts)).write_pdf(path)


def per_tip_tokenising(pages: list[tuple[int, str]], rubric: Rubric) -> list[int]:
    """The first scorer: every tip tokenises every page again (kept as the baseline)."""
    general = tuple(rubric.concrete_phrases)
    return [_old_score(tip, pages, general) for tip in rubric.tips]


def _old_score(tip: Tip, pages: list[tuple[int, str]], general: tuple[str, ...]) -> int:
    topic = PhraseIndex(tip.topic_phrases)
    concrete = PhraseIndex((*tip.concrete_phrases, *general))
    passages: list[Evidence] = []
    concrete_found = False
    seen: set[str] = set()
    for number, text in pages:
        for phrase, start, end in topic.find(text):
            sentence = Page(number, text).sentence(start, end)  # tokenises again, as it did
            if sentence in seen:
                continue
            seen.add(sentence)
            passages.append(Evidence(phrase, number, sentence))
            concrete_found = concrete_found or bool(concrete.find(sentence))
    if not passages:
        return 0
    return 2 if concrete_found and len(passages) >= MIN_TOPIC_HITS_FOR_2 else 1


COLD = """
import sys, time, json
sys.path.insert(0, {src!r})
start = time.perf_counter()
from schakel.beleidsscan.domain.extract import extract
from schakel.beleidsscan.domain.rubric import default_checker, load_rubric
from schakel.beleidsscan.domain.scan import scan
data = open({pdf!r}, "rb").read()
document = extract("beleid.pdf", data)
result = scan([(p.number, p.text) for p in document.pages], load_rubric(), default_checker())
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "scores": [t.score for t in result.tips]}}))
"""


def main() -> dict[str, Any]:
    rubric = load_rubric()
    checker = default_checker()
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "beleid-100.pdf"
        started = time.perf_counter()
        build_pdf(pdf, rubric)
        print(
            f"built a {PAGES}-page PDF in {time.perf_counter() - started:.1f} s "
            f"({pdf.stat().st_size // 1024} KB)"
        )
        cold = json.loads(
            subprocess.run(  # noqa: S603 - our own interpreter and script
                [sys.executable, "-c", COLD.format(src=str(ROOT / "src"), pdf=str(pdf))],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        data = pdf.read_bytes()
        warm, extract_times = [], []
        for _ in range(WARM_RUNS):
            start = time.perf_counter()
            document = extract("beleid.pdf", data)
            middle = time.perf_counter()
            result = scan([(p.number, p.text) for p in document.pages], rubric, checker)
            warm.append(time.perf_counter() - start)
            extract_times.append(middle - start)
        pages = [(p.number, p.text) for p in document.pages]
        words = sum(len(t.split()) for _n, t in pages)
        start = time.perf_counter()
        reader = pypdf.PdfReader(io.BytesIO(data))
        old_pages = [(i + 1, page.extract_text() or "") for i, page in enumerate(reader.pages)]
        baseline_scores = per_tip_tokenising(old_pages, rubric)
        baseline_s = time.perf_counter() - start
    scores = [t.score for t in result.tips]
    assert baseline_scores == scores == cold["scores"], (baseline_scores, scores, cold["scores"])
    out = {
        "benchmark": "beleidsscan_speed",
        "pages": len(pages),
        "words": words,
        "cold_s": round(cold["seconds"], 3),
        "warm_median_s": round(statistics.median(warm), 3),
        "warm_max_s": round(max(warm), 3),
        "extract_median_s": round(statistics.median(extract_times), 3),
        "baseline_first_version_s": round(baseline_s, 3),
        "target_s": TARGET_S,
        "meets_target": max(cold["seconds"], max(warm)) < TARGET_S,
        "scores": scores,
        "python": platform.python_version(),
        "machine": f"{platform.platform()}; {platform.processor() or platform.machine()}",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    print(f"{len(pages)} pages, {words:,} words")
    print(f"cold (fresh process, lemmatiser loaded): {out['cold_s']:.2f} s")
    print(
        f"warm: median {out['warm_median_s']:.2f} s, worst {out['warm_max_s']:.2f} s "
        f"(of which reading the PDF {out['extract_median_s']:.2f} s)"
    )
    print(f"baseline first_version (pypdf, tokenising per tip): {baseline_s:.2f} s")
    print(f"target under {TARGET_S:.0f} s met: {out['meets_target']}")
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
