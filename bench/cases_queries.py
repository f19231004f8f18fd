"""Where the time of the work queue and the case page goes, on a bench database.

A helper for the cases_load benchmark: renders the pages in-process (Django's test client,
logged in as a bench coordinator with a verified TOTP device) against the database in
DATABASE_URL, and prints per page the wall time, the number of queries and their total time,
the slowest queries and PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) for the slowest SELECTs.
With --profile it also prints the functions that take the most time (cProfile).

Run: DATABASE_URL=postgres://.../schakel_bench .venv/bin/python bench/cases_queries.py
     [--case ID] [--repeat 3] [--explain 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from cases_common import BENCH_REGION_NAME, coordinator_username  # noqa: E402


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.config.settings.local")
    os.environ["SCHAKEL_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.setdefault("SCHAKEL_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def client_for(username: str) -> Any:
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from schakel.accounts.models import User

    user = User.objects.get(username=username)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def pick_case() -> int:
    """An open case of the bench region with many signals (a heavy case page)."""
    from django.db.models import Count

    from schakel.cases.models import Case

    case = (
        Case.objects.filter(region__name=BENCH_REGION_NAME, status="open")
        .annotate(n=Count("case_signals"))
        .order_by("-n", "pk")
        .values_list("pk", "n")
        .first()
    )
    if case is None:
        raise SystemExit("No open bench case: run bench/cases_datagen.py first.")
    return int(case[0])


def measure(client: Any, path: str, *, repeat: int, explain: int, profile: bool) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            began = time.perf_counter()
            response = client.get(path)
            walls.append(time.perf_counter() - began)
        if response.status_code != 200:
            raise SystemExit(f"{path}: status {response.status_code}")
    queries = [(float(q["time"]), q["sql"]) for q in ctx.captured_queries]
    sql_total = sum(t for t, _ in queries)
    print(f"\n== GET {path}: {len(response.content):,} bytes")
    print(
        f"   wall {min(walls) * 1000:.0f} ms best of {repeat} (last {walls[-1] * 1000:.0f} ms); "
        f"{len(queries)} queries, {sql_total * 1000:.0f} ms in SQL (last run)"
    )
    for seconds, sql in sorted(queries, reverse=True)[:8]:
        one_line = re.sub(r"\s+", " ", sql)
        print(f"   {seconds * 1000:8.1f} ms  {one_line[:220]}")
    selects = [
        q for q in sorted(queries, reverse=True) if q[1].lstrip().upper().startswith("SELECT")
    ]
    for seconds, sql in selects[:explain]:
        print(f"\n   EXPLAIN ANALYZE of the {seconds * 1000:.1f} ms query:")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            for (line,) in cursor.fetchall():
                print(f"     {line}")
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(path)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--case", type=int, help="case id (default: the open case with most signals)"
    )
    parser.add_argument("--user", type=int, default=1, help="bench coordinator number")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--explain", type=int, default=3, help="EXPLAIN the N slowest SELECTs")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("Set DATABASE_URL to the bench database (postgres://...).", file=sys.stderr)
        return 2
    setup()
    client = client_for(coordinator_username(args.user))
    case_id = args.case or pick_case()
    measure(client, "/casussen/", repeat=args.repeat, explain=args.explain, profile=args.profile)
    measure(
        client,
        f"/casussen/{case_id}/",
        repeat=args.repeat,
        explain=args.explain,
        profile=args.profile,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
