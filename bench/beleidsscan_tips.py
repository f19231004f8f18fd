"""Train and check the beleidsscan's tip reader (``domain/tipreader.py``).

The corpus (``bench/beleidsscan_tips/writer_*.jsonl``) holds Dutch passages as they stand in
municipal policy texts, each labelled with the tips (1-10) it addresses, or none: about 40 per
tip and 120 that address none but use the same vocabulary, per writer. Three independent
writers in different styles (policy notes and council letters; covenants, protocols, tables
and subsidy rules; evaluations, monitors and youth and safety plans) saw only ``BRIEF.md``,
the rubric's criteria and the labelling conventions; never the evaluation documents.

1. **Across writers**: per tip a logistic regression trained on two writers' passages and
   tested on the third, each in turn; precision and recall over all tips at the thresholds.
   The named baseline is the rubric's phrase lists (``PhraseIndex`` of the tip's topic and
   concrete phrases), on the same passages.
2. **The shipped model**: trained on all passages (features seen in at least two passages;
   weights below 0.02 dropped), threshold ``THRESHOLD``, written to
   ``src/schakel/beleidsscan/data/tip_model.json``. The threshold was chosen on the
   evaluation's tuning sets (``bench/beleidsscan_eval.py``), see bench/README.md.

Run: .venv/bin/python bench/beleidsscan_tips.py [--no-write]
(needs scikit-learn, in the lock file through the bench extras; the product reads the JSON.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import platform
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from schakel.beleidsscan.domain.matching import PhraseIndex  # noqa: E402
from schakel.beleidsscan.domain.rubric import load_rubric  # noqa: E402
from schakel.beleidsscan.domain.tipreader import features  # noqa: E402

CORPUS = ROOT / "bench" / "beleidsscan_tips"
MODEL = ROOT / "src" / "schakel" / "beleidsscan" / "data" / "tip_model.json"
RESULT = ROOT / "bench" / "results" / "beleidsscan_tips.json"
TIPS = range(1, 11)
MIN_PASSAGES = 2  # a feature must occur in at least this many training passages
MIN_WEIGHT = 0.02  # smaller weights are dropped from the shipped model
C = 1.0
THRESHOLD = 0.9
CHECKED_THRESHOLDS = (0.5, 0.7, 0.9)


def load() -> dict[str, list[dict[str, Any]]]:
    return {
        path.stem: [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
        for path in sorted(CORPUS.glob("writer_*.jsonl"))
    }


def fit(rows: Sequence[dict[str, Any]]) -> tuple[dict[int, dict[str, float]], dict[int, float]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for row in rows for name in features(row["text"]))
    kept = [{n: 1 for n in features(row["text"]) if counts[n] >= MIN_PASSAGES} for row in rows]
    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform(kept)
    names = vectoriser.get_feature_names_out()
    weights: dict[int, dict[str, float]] = {}
    bias: dict[int, float] = {}
    for tip in TIPS:
        labels = [tip in row["tips"] for row in rows]
        model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
        model.fit(matrix, labels)
        weights[tip] = {
            str(name): round(float(w), 3)
            for name, w in zip(names, model.coef_[0], strict=True)
            if abs(w) >= MIN_WEIGHT
        }
        bias[tip] = round(float(model.intercept_[0]), 4)
    return weights, bias


def probability(weights: dict[str, float], bias: float, text: str) -> float:
    score = bias + sum(weights.get(name, 0.0) for name in features(text))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def _rates(tp: int, fp: int, fn: int) -> dict[str, float]:
    return {
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
    }


def across_writers(writers: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    counts = {threshold: [0, 0, 0] for threshold in CHECKED_THRESHOLDS}
    for held in writers:
        weights, bias = fit([row for name, rows in writers.items() if name != held for row in rows])
        for row in writers[held]:
            for tip in TIPS:
                p = probability(weights[tip], bias[tip], row["text"])
                truth = tip in row["tips"]
                for threshold, tally in counts.items():
                    said = p >= threshold
                    tally[0] += said and truth
                    tally[1] += said and not truth
                    tally[2] += truth and not said
    return {str(threshold): _rates(*tally) for threshold, tally in counts.items()}


def phrase_baseline(writers: dict[str, list[dict[str, Any]]]) -> dict[str, float]:
    rubric = load_rubric()
    indexes = {
        tip.number: PhraseIndex((*tip.topic_phrases, *tip.concrete_phrases)) for tip in rubric.tips
    }
    tp = fp = fn = 0
    for rows in writers.values():
        for row in rows:
            for tip in TIPS:
                said = bool(indexes[tip].find(row["text"]))
                truth = tip in row["tips"]
                tp += said and truth
                fp += said and not truth
                fn += truth and not said
    return _rates(tp, fp, fn)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    writers = load()
    sizes = {name: len(rows) for name, rows in writers.items()}
    print(f"corpus: {sizes} passages")
    crossed = across_writers(writers)
    baseline = phrase_baseline(writers)
    for threshold, rates in crossed.items():
        print(
            f"reader, trained on two writers and tested on the third, threshold {threshold}: "
            f"precision {rates['precision']:.1%}, recall {rates['recall']:.1%}"
        )
    print(
        f"baseline (the rubric's phrases): precision {baseline['precision']:.1%}, "
        f"recall {baseline['recall']:.1%}"
    )
    rows = [row for rows in writers.values() for row in rows]
    weights, bias = fit(rows)
    digest = hashlib.sha256(
        "\n".join(json.dumps(row, sort_keys=True) for row in rows).encode()
    ).hexdigest()[:12]
    total = sum(len(w) for w in weights.values())
    print(f"shipped model: {total:,} weights over {len(TIPS)} tips, threshold {THRESHOLD}")
    if args.no_write:
        return 0
    MODEL.write_text(
        json.dumps(
            {
                "version": digest,
                "trained_on": sizes,
                "threshold": THRESHOLD,
                "codes": {str(tip.number): tip.code for tip in load_rubric().tips},
                "bias": {str(tip): value for tip, value in bias.items()},
                "weights": {
                    str(tip): dict(sorted(tip_weights.items()))
                    for tip, tip_weights in weights.items()
                },
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(
        json.dumps(
            {
                "benchmark": "beleidsscan_tips",
                "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "corpus": sizes,
                "model_version": digest,
                "weights": total,
                "threshold": THRESHOLD,
                "across_writers": crossed,
                "baseline_phrases": baseline,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"written: {MODEL.relative_to(ROOT)}, {RESULT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
