"""Evaluation: how well the beleidsscan agrees with human labels, tip by tip.

The evaluation set (``bench/beleidsscan_eval/``) holds fictitious Dutch municipal policy
documents written for this purpose, in PDF, DOCX, ODT, HTML and TXT, each labelled by the
rubric (0 absent, 1 mentioned, 2 concrete) in ``labels.yaml``:

- ``dev/`` to ``dev6/``: each written and labelled by a different independent writer who saw
  only the rubric's criteria and ``CONVENTIONS.md``; ``dev2``, ``dev4``, ``dev5`` and ``dev6``
  were first held-out sets (measured once before anyone read them), then used for tuning;
- ``holdout_c/``, ``holdout_d/``: held out in round 5 (measured once), then used for tuning in
  round 6;
- ``holdout_e/``, ``holdout_f/``: held out in round 6 (measured once), then used for tuning in
  round 7;
- ``holdout_g/``, ``holdout_h/``: held out in round 7 (measured once), then used for tuning in
  round 8;
- ``holdout_i/``, ``holdout_j/``: written after round 8; measured once with its rules, and once
  each with the two learnt readers tried then (the tip reader was kept): not tuned on, but
  used for that choice;
- ``holdout_k/``, ``holdout_l/``: written after that choice and measured once with the shipped
  scorer: their figures say how the scan does on unseen wording (``UNSEEN``).

The guide itself (Defence for Children - ECPAT; not in this repository, read from
``--guide``, by default ``../shared/seed/*.txt`` next to the clone) covers every tip: it
counts for "present vs. absent" (every tip must score 1 or 2) and must be recognised as a
trafficking text. It has no exact 0/1/2 labels: it is advice, not a municipal policy.

Measured per tip and in all: exact agreement on 0/1/2 (target >= 90%) and agreement on
absent vs. present (target >= 97%); and whether the non-trafficking policies are recognised.
The named baseline ``naive_count`` scores by counting the rubric's topic words without
lemmas or concreteness (2 if >= 3 hits, 1 if >= 1), in the same run.

Run: .venv/bin/python bench/beleidsscan_eval.py [--set NAME|all] [--guide PATH]
(writes bench/results/beleidsscan_eval.json)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from schakel.beleidsscan.domain.extract import extract  # noqa: E402
from schakel.beleidsscan.domain.rubric import Rubric, default_checker, load_rubric  # noqa: E402
from schakel.beleidsscan.domain.scan import scan  # noqa: E402

EVAL = ROOT / "bench" / "beleidsscan_eval"
RESULT = ROOT / "bench" / "results" / "beleidsscan_eval.json"
DEFAULT_GUIDE = ROOT.parent / "shared" / "seed"
SETS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "holdout_c",
    "holdout_d",
    "holdout_e",
    "holdout_f",
    "holdout_g",
    "holdout_h",
    "holdout_i",
    "holdout_j",
    "holdout_k",
    "holdout_l",
)
# Not tuned on: the sets that say how the scan does on wording it has not seen.
UNSEEN = ("holdout_k", "holdout_l")
TARGET_EXACT = 0.90
TARGET_PRESENCE = 0.97

Pages = list[tuple[int, str]]
Scorer = Callable[[Pages, Rubric], tuple[bool, list[int]]]


def schakel_scorer() -> Scorer:
    checker = default_checker()

    def run(pages: Pages, rubric: Rubric) -> tuple[bool, list[int]]:
        result = scan(pages, rubric, checker)
        return result.is_trafficking_policy, [t.score for t in result.tips]

    return run


def naive_count(pages: Pages, rubric: Rubric) -> tuple[bool, list[int]]:
    """Baseline: plain lowercase substring counts of the topic words, nothing else."""
    text = " ".join(t for _n, t in pages).lower()
    scores = []
    for tip in rubric.tips:
        hits = sum(len(re.findall(r"\b" + re.escape(p), text)) for p in tip.topic_phrases)
        scores.append(2 if hits >= 3 else 1 if hits >= 1 else 0)
    trafficking = sum(text.count(p) for p in rubric.trafficking_phrases) >= 5
    return trafficking, scores


def load_set(name: str) -> list[dict[str, Any]]:
    folder = EVAL / name
    data = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    out = []
    for item in data["documents"]:
        path = folder / item["file"]
        document = extract(path.name, path.read_bytes())
        out.append(
            {
                "set": name,
                "file": item["file"],
                "pages": [(p.number, p.text) for p in document.pages],
                "is_trafficking_policy": bool(item["is_trafficking_policy"]),
                "scores": [int(item["scores"][n]) for n in range(1, 11)],
            }
        )
    return out


def load_guide(path: Path) -> dict[str, Any] | None:
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    files = [f for f in files if f.is_file()]
    if not files:
        return None
    document = extract(files[0].name, files[0].read_bytes())
    return {
        "set": "guide",
        "file": files[0].name,
        "pages": [(p.number, p.text) for p in document.pages],
        "is_trafficking_policy": True,
        "scores": None,  # present on every tip; no exact labels
    }


def evaluate(docs: Sequence[dict[str, Any]], rubric: Rubric, scorer: Scorer) -> dict[str, Any]:
    exact = Counter[int]()
    presence = Counter[int]()
    exact_n = Counter[int]()
    presence_n = Counter[int]()
    kind_ok = 0
    disagreements = []
    confusion = Counter[tuple[int, int]]()
    per_doc = []
    for doc in docs:
        is_policy, scores = scorer(doc["pages"], rubric)
        kind_ok += is_policy == doc["is_trafficking_policy"]
        per_doc.append(
            {
                "set": doc["set"],
                "file": doc["file"],
                "is_trafficking_policy": is_policy,
                "label_is_trafficking_policy": doc["is_trafficking_policy"],
                "scores": scores,
                "labels": doc["scores"],
            }
        )
        for index, score in enumerate(scores):
            tip = index + 1
            if doc["scores"] is None:  # the guide: present on every tip
                presence_n[tip] += 1
                presence[tip] += score > 0
                if score == 0:
                    disagreements.append((doc["file"], tip, "≥1", score))
                continue
            label = doc["scores"][index]
            exact_n[tip] += 1
            presence_n[tip] += 1
            exact[tip] += score == label
            presence[tip] += (score > 0) == (label > 0)
            confusion[(label, score)] += 1
            if score != label:
                disagreements.append((doc["file"], tip, str(label), score))
    tips = {
        tip: {
            "exact": exact[tip] / exact_n[tip] if exact_n[tip] else None,
            "presence": presence[tip] / presence_n[tip] if presence_n[tip] else None,
        }
        for tip in range(1, 11)
    }
    total_exact = sum(exact.values()) / sum(exact_n.values()) if sum(exact_n.values()) else None
    total_presence = sum(presence.values()) / max(sum(presence_n.values()), 1)
    return {
        "documents": len(docs),
        "exact": total_exact,
        "presence": total_presence,
        "kind_correct": kind_ok,
        "tips": tips,
        "confusion": {f"label {a} -> scan {b}": n for (a, b), n in sorted(confusion.items())},
        "disagreements": [
            {"file": f, "tip": t, "label": label, "scan": s} for f, t, label, s in disagreements
        ],
        "per_document": per_doc,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def print_report(name: str, result: dict[str, Any], baseline: dict[str, Any]) -> None:
    print(f"\n== {name}: {result['documents']} documents ==")
    print("tip  exact   present | baseline exact  present")
    for tip in range(1, 11):
        ours, base = result["tips"][tip], baseline["tips"][tip]
        print(
            f"{tip:>3}  {_pct(ours['exact'])}  {_pct(ours['presence'])} |"
            f"         {_pct(base['exact'])}  {_pct(base['presence'])}"
        )
    print(
        f"all  {_pct(result['exact'])}  {_pct(result['presence'])} |"
        f"         {_pct(baseline['exact'])}  {_pct(baseline['presence'])}"
    )
    print(
        f"trafficking policy or not: {result['kind_correct']}/{result['documents']} right "
        f"(baseline {baseline['kind_correct']}/{result['documents']})"
    )
    for item in result["disagreements"]:
        where = f"{item['file']} tip {item['tip']}"
        print(f"  differs: {where}: label {item['label']}, scan {item['scan']}")


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--guide", type=Path, default=DEFAULT_GUIDE)
    args = parser.parse_args(argv)
    rubric = load_rubric()
    ours = schakel_scorer()
    names = list(SETS) if args.set == "all" else [args.set]
    sets = {name: load_set(name) for name in names if (EVAL / name / "labels.yaml").exists()}
    guide = load_guide(args.guide)
    if guide is not None:
        sets["guide"] = [guide]
    else:
        print(f"(the guide was not found at {args.guide}; pass --guide PATH)")
    results: dict[str, Any] = {}
    everything: list[dict[str, Any]] = []
    for name, docs in sets.items():
        everything += docs
        result, baseline = evaluate(docs, rubric, ours), evaluate(docs, rubric, naive_count)
        print_report(name, result, baseline)
        results[name] = {"schakel": result, "baseline_naive_count": baseline}
    total, total_base = (
        evaluate(everything, rubric, ours),
        evaluate(everything, rubric, naive_count),
    )
    print_report("all together", total, total_base)
    # The targets are about unseen wording: judged on the held-out sets when they are there.
    groups: dict[str, dict[str, Any]] = {}
    for group, unseen in (("tuning", False), ("unseen", True)):
        docs = [d for name, ds in sets.items() if (name in UNSEEN) == unseen for d in ds]
        if docs:
            groups[group] = evaluate(docs, rubric, ours)
            print(
                f"{group}: {len(docs)} documents, exact {_pct(groups[group]['exact'])}, "
                f"present {_pct(groups[group]['presence'])}, "
                f"kind right {groups[group]['kind_correct']}/{len(docs)}"
            )
    judged = groups.get("unseen", total)
    meets = judged["exact"] >= TARGET_EXACT and judged["presence"] >= TARGET_PRESENCE
    recognised = judged["kind_correct"] == judged["documents"]
    print(
        f"\ntargets ({'unseen sets' if 'unseen' in groups else 'all sets'}): "
        f"exact >= {TARGET_EXACT:.0%}: {judged['exact'] >= TARGET_EXACT}; "
        f"present/absent >= {TARGET_PRESENCE:.0%}: {judged['presence'] >= TARGET_PRESENCE}; "
        f"every document's kind right: {recognised}"
    )
    out = {
        "benchmark": "beleidsscan_eval",
        "rubric_version": rubric.version,
        "sets": {name: len(docs) for name, docs in sets.items()},
        "exact": round(total["exact"], 4),
        "presence": round(total["presence"], 4),
        "baseline_naive_count": {
            "exact": round(total_base["exact"], 4),
            "presence": round(total_base["presence"], 4),
        },
        "kind_correct": total["kind_correct"],
        "documents": total["documents"],
        "targets": {"exact": TARGET_EXACT, "presence": TARGET_PRESENCE},
        "groups": {
            group: {
                "documents": r["documents"],
                "exact": _round(r["exact"]),
                "presence": round(r["presence"], 4),
                "kind_correct": r["kind_correct"],
            }
            for group, r in groups.items()
        },
        "meets_targets": meets and recognised,
        "per_set": {
            name: {
                "exact": _round(r["schakel"]["exact"]),
                "presence": round(r["schakel"]["presence"], 4),
                "kind_correct": r["schakel"]["kind_correct"],
                "documents": r["schakel"]["documents"],
                "baseline_exact": _round(r["baseline_naive_count"]["exact"]),
                "baseline_presence": round(r["baseline_naive_count"]["presence"], 4),
                "tips": r["schakel"]["tips"],
                "disagreements": r["schakel"]["disagreements"],
            }
            for name, r in results.items()
        },
        "python": platform.python_version(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
