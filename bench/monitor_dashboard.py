"""Benchmark: the monitor's region dashboard on a million signals.

Uses the bench database of the cases benchmark (bench/cases_datagen.py: one care-coordination
region of 7 municipalities with 1,000,000 signals and 100,000 cases over two years; made first
when it is missing), and its small sibling (10,000 signals) as the data-size baseline. Per
database:

1. **Counting ahead** (monitor/aggregates.py): the time to count a whole year of every
   indicator for every municipality, once per year the dashboard shows. This is what a page
   would pay on every view without the counts made ahead: the named baseline "live".
2. **The region dashboard** (/monitor/regio/, the last ended quarter) and the startfoto of the
   region's largest municipality (quarter and year), rendered in-process (Django's test client,
   logged in as a bench coordinator with a verified TOTP device): the first view after a
   restart (disclosure control not yet remembered) and then ``--repeat`` views, p50/p95/max.

Target (issue 6): p95 under 500 ms for the region dashboard on the million signals.
Figures go to bench/results/monitor_dashboard.json.

Run: .venv/bin/python bench/monitor_dashboard.py [--repeat 40]
     DATABASE_URL names the big bench database (default
     postgres://schakel:schakel@127.0.0.1:5432/schakel_bench).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(BENCH))

from cases_common import BENCH_REGION_NAME, coordinator_username  # noqa: E402

DEFAULT_URL = "postgres://schakel:schakel@127.0.0.1:5432/schakel_bench"
SMALL_DB = "schakel_bench_small"
TARGET_P95_MS = 500
RESULT = BENCH / "results" / "monitor_dashboard.json"


def with_database(url: str, name: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{name}"))


def run_child(url: str, repeat: int) -> dict[str, Any]:
    """Measure one database in a fresh process (Django binds one database per process)."""
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(  # noqa: S603 - our own script, with our own arguments
        [sys.executable, __file__, "--child", "--repeat", str(repeat)],
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    sys.stderr.write(out.stderr)
    if out.returncode != 0:
        raise SystemExit(f"Measuring {url.rsplit('/', 1)[-1]} failed (see above).")
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def child(repeat: int) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.config.settings.local")
    os.environ["SCHAKEL_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.setdefault("SCHAKEL_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from cases_queries import client_for
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from schakel.geo.models import Region
    from schakel.intake.models import Signal
    from schakel.monitor.aggregates import refresh_year
    from schakel.monitor.domain.indicators import last_full_span
    from schakel.monitor.models import MonthlyCount

    call_command("migrate", verbosity=0)
    region = Region.objects.get(name=BENCH_REGION_NAME)
    ids = list(region.municipalities.values_list("pk", flat=True))
    signals = Signal.objects.filter(region=region).count()
    today = timezone.localdate()
    span = last_full_span(today)
    years = sorted({span.year, span.previous().year, span.year - 1})  # as the pages need
    counting = {}
    for year in years:
        began = time.perf_counter()
        refresh_year(year, today, force=True)
        counting[str(year)] = round(time.perf_counter() - began, 2)
    rows = MonthlyCount.objects.count()
    largest = (
        Signal.objects.filter(
            region=region, places__role="residence", places__municipality_id__in=ids
        )
        .values_list("places__municipality_id", flat=True)
        .order_by()
    )

    biggest = Counter(largest.iterator(chunk_size=20000)).most_common(1)[0][0]
    client = client_for(coordinator_username(1))
    pages = {
        "region dashboard": f"/monitor/regio/?regio={region.pk}&periode={span.code}",
        "startfoto quarter": f"/monitor/?gemeente={biggest}&periode={span.code}",
        "startfoto year": f"/monitor/?gemeente={biggest}&periode={span.year - 1}",
    }
    measured: dict[str, Any] = {}
    for name, path in pages.items():
        cache.clear()  # as after a restart: disclosure control not yet remembered
        began = time.perf_counter()
        response = client.get(path)
        cold = time.perf_counter() - began
        if response.status_code != 200:
            raise SystemExit(f"{path}: status {response.status_code}")
        walls = []
        for _ in range(repeat):
            began = time.perf_counter()
            response = client.get(path)
            walls.append((time.perf_counter() - began) * 1000)
        measured[name] = {
            "first_view_ms": round(cold * 1000),
            "p50_ms": round(statistics.median(walls)),
            "p95_ms": round(percentile(walls, 0.95)),
            "max_ms": round(max(walls)),
            "views": repeat,
            "bytes": len(response.content),
        }
    return {
        "database": connection.settings_dict["NAME"],
        "signals_in_region": signals,
        "municipalities": len(ids),
        "period": span.code,
        "counting_ahead_seconds": counting,
        "monthly_count_rows": rows,
        "pages": measured,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-small", action="store_true", help="skip the 10,000-signal baseline")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.repeat)))
        return 0
    from cases_load import SMALL_CASES, SMALL_SIGNALS, ensure_postgres, prepare

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    ensure_postgres(url)
    with tempfile.TemporaryDirectory() as work:
        # The cases benchmark's data, made first when missing (about 10 minutes).
        prepare(url, reuse=True, cases=None, signals=None, work=Path(work))
        small = with_database(url, SMALL_DB)
        if not args.no_small:
            prepare(small, reuse=True, cases=SMALL_CASES, signals=SMALL_SIGNALS, work=Path(work))
    runs = {"large": run_child(url, args.repeat)}
    if not args.no_small:
        runs["small (baseline)"] = run_child(small, args.repeat)
    for name, run in runs.items():
        print(
            f"\n== {name}: {run['database']}, {run['signals_in_region']:,} signals in "
            f"{run['municipalities']} municipalities, period {run['period']}"
        )
        for year, seconds in run["counting_ahead_seconds"].items():
            print(f"   counting {year} ahead (the 'live' baseline per view): {seconds:.1f} s")
        print(f"   {run['monthly_count_rows']:,} count rows kept")
        for page, m in run["pages"].items():
            print(
                f"   {page:18s} first view {m['first_view_ms']:5d} ms; then p50 {m['p50_ms']} ms, "
                f"p95 {m['p95_ms']} ms, max {m['max_ms']} ms over {m['views']} views"
            )
    p95 = runs["large"]["pages"]["region dashboard"]["p95_ms"]
    verdict = "met" if p95 < TARGET_P95_MS else "NOT met"
    print(f"\nTarget p95 < {TARGET_P95_MS} ms for the region dashboard on 1M signals: {verdict}")
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(
        json.dumps(
            {
                "benchmark": "monitor_dashboard",
                "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "load_average": os.getloadavg(),
                "target_p95_ms": TARGET_P95_MS,
                "target_met": p95 < TARGET_P95_MS,
                "runs": runs,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"Written to {RESULT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
