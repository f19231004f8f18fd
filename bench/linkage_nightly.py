"""Benchmark: the nightly ``schakel link suggest`` after a new model, in a region of 100,000
persons.

After a region trains its own model (or the normalisation changes), every record of the region
is to be scored again. ``suggest_region`` now scores every candidate pair of the region in one
Splink pass (``suggestions.suggest_in_batch``) and stores the pairs not suggested before.

Data: the database and regions of ``bench/linkage_realtime.py`` (PostgreSQL
``schakel_bench_linkage``; loaded there on the first run, about 5 minutes, and here when
missing). Each measurement runs in a transaction that is rolled back, so the database stays as
it was loaded:

1. **Schakel (batch)**: every record of the region marked "not scored with the current model"
   and the region's suggestions removed (a region where every pair is still to be found); then
   ``suggest_region`` as the command runs it: time, suggestions made, peak memory of the
   process.
2. **Named baseline (record by record)**: what the nightly run did before, and what a single
   new signal still does: ``suggest_for_record`` for a random sample of the same region's
   records, one by one, in the same starting state; the time per record, and extrapolated to
   the whole region.
3. **Same answer**: the pairs the two paths store for the sample's records, compared.

Figures go to bench/results/linkage_nightly.json.

Run: .venv/bin/python bench/linkage_nightly.py [--sample 500] [--no-small]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

from linkage_realtime import (  # noqa: E402
    DEFAULT_URL,
    REGIONS,
    bench_actor,
    ensure_database,
    git,
    load_region,
    machine,
    postgres_version,
    setup_django,
    split_rows,
)

RESULT = BENCH / "results" / "linkage_nightly.json"
SAMPLE = 500
SIGNALS_HELD_OUT = 201  # as linkage_realtime.py holds them out, so the regions are the same
SOURCES = [
    "src/schakel/linkage/services/regions.py",
    "src/schakel/linkage/services/suggestions.py",
    "src/schakel/linkage/engine.py",
    "src/schakel/linkage/realtime.py",
]


def log(message: str) -> None:
    stamp = time.strftime("%H:%M:%S", time.gmtime())
    print(f"[linkage_nightly {stamp} UTC] {message}", file=sys.stderr, flush=True)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Rollback(Exception):
    """Leaves the measurement's transaction without keeping anything."""


def _fresh_state(region_id: int) -> int:
    """As after a new model: nothing scored with it, no suggestion yet. Returns the records."""
    from schakel.linkage.models import LinkSuggestion, PersonRecord

    LinkSuggestion.objects.filter(region_id=region_id).delete()
    return PersonRecord.objects.filter(region_id=region_id).update(scored_model="")


def _pairs_of(region_id: int, ids: set[int]) -> dict[tuple[int, int], float]:
    from django.db.models import Q

    from schakel.linkage.models import LinkSuggestion

    found = LinkSuggestion.objects.filter(region_id=region_id).filter(
        Q(record_a_id__in=ids) | Q(record_b_id__in=ids)
    )
    return {
        (a, b): p
        for a, b, p in found.values_list("record_a_id", "record_b_id", "match_probability")
    }


def measure_batch(region_id: int, sample: set[int]) -> dict[str, Any]:
    from django.db import transaction

    from schakel.geo.models import Region
    from schakel.linkage.progress import Progress
    from schakel.linkage.services.regions import suggest_region

    region = Region.objects.get(pk=region_id)
    result: dict[str, Any] = {}
    try:
        with transaction.atomic():
            result["records"] = _fresh_state(region_id)
            memory_before = peak_mib()
            began = time.perf_counter()
            result["suggestions"] = suggest_region(region, progress=Progress())
            result["seconds"] = round(time.perf_counter() - began, 1)
            result["peak_rss_mib"] = round(peak_mib(), 0)
            result["peak_rss_before_mib"] = round(memory_before, 0)
            result["sample_pairs"] = _pairs_of(region_id, sample)
            raise Rollback
    except Rollback:
        pass
    return result


def measure_record_by_record(region_id: int, sample: list[int]) -> dict[str, Any]:
    from django.db import transaction

    from schakel.linkage.models import PersonRecord
    from schakel.linkage.services.suggestions import suggest_for_record

    result: dict[str, Any] = {}
    try:
        with transaction.atomic():
            result["records_in_region"] = _fresh_state(region_id)
            records = list(PersonRecord.objects.filter(pk__in=sample))
            random.Random(3).shuffle(records)
            suggest_for_record(records[0])  # the scorer is built once per process: not timed
            began = time.perf_counter()
            made = sum(len(suggest_for_record(record)) for record in records[1:])
            seconds = time.perf_counter() - began
            result["records_timed"] = len(records) - 1
            result["suggestions"] = made
            result["ms_per_record"] = round(1000 * seconds / (len(records) - 1), 1)
            result["extrapolated_seconds"] = round(
                seconds / (len(records) - 1) * result["records_in_region"], 0
            )
            result["sample_pairs"] = _pairs_of(region_id, set(sample))
            raise Rollback
    except Rollback:
        pass
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=SAMPLE)
    parser.add_argument("--no-small", action="store_true", help="skip the 1,000 region")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database.")
    version = {
        "commit": git("rev-parse", "HEAD"),
        "uncommitted_sources": git("status", "--porcelain", "--", *SOURCES).splitlines(),
    }
    ensure_database(url, fresh=False)
    setup_django(url)
    from schakel.linkage.models import PersonRecord

    actor = bench_actor()
    load_before = os.getloadavg()
    runs: dict[str, Any] = {}
    for key, (name, records, seed) in REGIONS.items():
        if args.no_small and key != "large":
            continue
        region_rows, _held, _partners = split_rows(records, SIGNALS_HELD_OUT, seed)
        info = load_region(name, region_rows, actor)
        region_id = info["region_id"]
        ids = list(PersonRecord.objects.filter(region_id=region_id).values_list("pk", flat=True))
        sample = sorted(random.Random(seed).sample(ids, min(args.sample, len(ids))))
        log(f"{key}: batch over {len(ids):,} records")
        batch = measure_batch(region_id, set(sample))
        log(f"{key}: record by record, {len(sample)} records (baseline)")
        single = measure_record_by_record(region_id, sample)
        batch_pairs, single_pairs = batch.pop("sample_pairs"), single.pop("sample_pairs")
        same = set(batch_pairs) & set(single_pairs)
        agreement = {
            "pairs_batch": len(batch_pairs),
            "pairs_record_by_record": len(single_pairs),
            "in_both": len(same),
            "max_probability_difference": max(
                (abs(batch_pairs[p] - single_pairs[p]) for p in same), default=0.0
            ),
        }
        runs[key] = {
            "region": name,
            "batch": batch,
            "record_by_record": single,
            "sample_agreement": agreement,
        }
        print(f"\n== {key}: {batch['records']:,} records, all to be scored (as after a new model)")
        print(
            f"   batch (Schakel): {batch['seconds']} s, {batch['suggestions']:,} suggestions, "
            f"peak RSS {batch['peak_rss_mib']:.0f} MiB (before {batch['peak_rss_before_mib']:.0f})"
        )
        print(
            f"   record by record (baseline): {single['ms_per_record']} ms a record over "
            f"{single['records_timed']} records; for the region about "
            f"{single['extrapolated_seconds']:,.0f} s"
        )
        print(
            f"   sample of {len(sample)} records: {agreement['pairs_batch']} pairs in the batch, "
            f"{agreement['pairs_record_by_record']} record by record, {agreement['in_both']} in "
            f"both (largest probability difference {agreement['max_probability_difference']:.2g})"
        )
    print(f"load average: before {load_before}, after {os.getloadavg()}")
    if args.no_write:
        return 0
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(
        json.dumps(
            {
                "benchmark": "linkage_nightly",
                "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                **version,
                "python": platform.python_version(),
                "postgresql": postgres_version(),
                "machine": machine(),
                "load_average_before": load_before,
                "load_average_after": os.getloadavg(),
                "runs": runs,
            },
            indent=2,
            default=str,
        )
        + "\n"
    )
    print(f"Written to {RESULT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
