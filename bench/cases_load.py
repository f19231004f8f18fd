"""Benchmark: p95 of the care coordinator's work queue and case page under load.

Creates the PostgreSQL database ``schakel_bench`` (or reuses it with --reuse), fills it with
bench/cases_datagen.py (100,000 cases, 1,000,000 signals in one region), serves Schakel with
gunicorn and the production settings, and drives it with locust (bench/locustfile_cases.py):
20 coordinators, each logged in with password and TOTP, opening the work queue and case pages
with a short think time. Target: p95 below 300 ms for both pages.

Each phase measures a fixed window that starts when all its users are logged in. Besides the
20-user run: (a) the same pages with 1 user on the full data (no contention), (b) 20 users
opening only case pages (the case page without the queue's load), and (c) 20 users on a small
database of 1,000 cases and 10,000 signals (``schakel_bench_small``; skip with --no-small).
Figures go to bench/results/cases_load.json.

The server runs with schakel.config.settings.production as it would behind a TLS proxy: the
load sends X-Forwarded-Proto: https (so SSL redirect, Secure cookies and CSRF origin checks
stay on) over plain http to 127.0.0.1.

Run: .venv/bin/python bench/cases_load.py [--reuse] [--workers 4] [--duration 60]
     DATABASE_URL names the bench database (default
     postgres://schakel:schakel@127.0.0.1:5432/schakel_bench).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

from cases_common import BENCH_REGION_NAME  # noqa: E402

BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://schakel:schakel@127.0.0.1:5432/schakel_bench"
SMALL_DB = "schakel_bench_small"
SMALL_CASES, SMALL_SIGNALS = 1_000, 10_000
THINK_TIME = os.environ.get("SCHAKEL_BENCH_WAIT", "0.5,1.5")
TARGET_P95_MS = 300
LOGIN_ALLOWANCE_S = 300  # the logins must be done within this time, or the window is cut
PAGES = ["work queue", "case page"]
RESULT = BENCH / "results" / "cases_load.json"
# The code under test: recorded so that figures can be matched to a version of it.
SOURCES = [
    "src/schakel/cases/selectors.py",
    "src/schakel/cases/views.py",
    "src/schakel/intake/selectors.py",
    "src/schakel/accounts/scoping.py",
]

COUNT_TABLES = {
    "cases": "cases_case",
    "signals": "intake_signal",
    "case_signals": "cases_casesignal",
    "signal_places": "intake_signalmunicipality",
    "case_municipalities": "cases_case_municipalities",
    "case_roles": "cases_caserole",
    "decisions": "cases_decision",
    "referrals": "cases_referral",
    "referral_events": "cases_referralevent",
    "missing_episodes": "cases_missingepisode",
    "transition_plans": "cases_transitionplan",
    "aftercare": "cases_aftercare",
    "audit_events": "audit_auditevent",
}


def log(message: str) -> None:
    stamp = time.strftime("%H:%M:%S", time.gmtime())
    print(f"[cases_load {stamp} UTC] {message}", file=sys.stderr, flush=True)


def with_db(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def db_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


# -- PostgreSQL -------------------------------------------------------------------------------


def ensure_postgres(url: str) -> None:
    """Connect to the maintenance database; start the local Debian cluster if it is down."""
    import psycopg

    admin = with_db(url, "postgres")
    try:
        psycopg.connect(admin, connect_timeout=5).close()
        return
    except psycopg.OperationalError as error:
        if not shutil.which("pg_ctlcluster") or urlparse(url).hostname not in (
            "127.0.0.1",
            "localhost",
        ):
            raise SystemExit(f"PostgreSQL is not reachable at {url}: {error}") from error
    version = max(
        (p.name for p in Path("/etc/postgresql").iterdir()),
        key=lambda name: [int(x) for x in name.split(".") if x.isdigit()],
    )
    log(f"PostgreSQL is down: pg_ctlcluster {version} main start")
    subprocess.run(["pg_ctlcluster", version, "main", "start"], check=False)  # noqa: S603,S607
    for _ in range(30):
        try:
            psycopg.connect(admin, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            time.sleep(1)
    raise SystemExit(f"PostgreSQL did not start; see /var/log/postgresql/ ({url})")


def recreate_database(url: str) -> None:
    import psycopg

    name = db_name(url)
    with psycopg.connect(with_db(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def database_exists(url: str) -> bool:
    import psycopg

    with psycopg.connect(with_db(url, "postgres"), autocommit=True) as admin:
        row = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name(url)])
        return row.fetchone() is not None


def has_bench_data(url: str) -> bool:
    import psycopg

    if not database_exists(url):
        return False
    with psycopg.connect(url) as conn:
        exists = conn.execute("SELECT to_regclass('geo_region') IS NOT NULL").fetchone()
        if not exists or not exists[0]:
            return False
        row = conn.execute("SELECT 1 FROM geo_region WHERE name = %s", [BENCH_REGION_NAME])
        return row.fetchone() is not None


def row_counts(url: str) -> dict[str, Any]:
    import psycopg

    counts: dict[str, Any] = {}
    with psycopg.connect(url) as conn:
        for key, table in COUNT_TABLES.items():
            row = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
            counts[key] = row[0] if row else 0
        row = conn.execute(
            "SELECT count(*) FILTER (WHERE status = 'open'), count(*) FILTER (WHERE status ="
            " 'closed') FROM cases_case"
        ).fetchone()
        assert row is not None
        counts["cases_open"], counts["cases_closed"] = row
        row = conn.execute(
            'SELECT count(*) FROM cases_missingepisode WHERE "end" IS NULL'
        ).fetchone()
        counts["missing_ongoing"] = row[0] if row else 0
        row = conn.execute("SELECT version()").fetchone()
        counts["postgresql"] = row[0].split(" on ")[0] if row else ""
    return counts


def case_ids(url: str, path: Path) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        ids: dict[str, list[int]] = {}
        for status in ("open", "closed"):
            rows = conn.execute(
                "SELECT c.id FROM cases_case c JOIN geo_region r ON r.id = c.region_id"
                " WHERE r.name = %s AND c.status = %s ORDER BY c.id",
                [BENCH_REGION_NAME, status],
            ).fetchall()
            ids[status] = [r[0] for r in rows]
    path.write_text(json.dumps(ids), encoding="utf-8")
    return len(ids["open"]), len(ids["closed"])


def generate(url: str, *, cases: int | None, signals: int | None, counts_file: Path) -> float:
    command = [sys.executable, str(BENCH / "cases_datagen.py"), "--json", str(counts_file)]
    if cases is not None:
        command += ["--cases", str(cases)]
    if signals is not None:
        command += ["--signals", str(signals)]
    env = {**os.environ, "DATABASE_URL": url}
    env["DJANGO_SETTINGS_MODULE"] = "schakel.config.settings.local"
    log(f"generating bench data in {db_name(url)}: {' '.join(command[1:])}")
    began = time.monotonic()
    subprocess.run(command, env=env, check=True)  # noqa: S603
    return time.monotonic() - began


def prepare(
    url: str, *, reuse: bool, cases: int | None, signals: int | None, work: Path
) -> dict[str, Any]:
    """The database ready with bench data; returns what was generated and how long it took."""
    info: dict[str, Any] = {"database": db_name(url), "reused": False}
    if reuse and has_bench_data(url):
        log(f"reusing {db_name(url)}; applying any new migrations")
        info["reused"] = True
        env = {**os.environ, "DATABASE_URL": url}
        env["DJANGO_SETTINGS_MODULE"] = "schakel.config.settings.local"
        subprocess.run(  # noqa: S603
            [str(BIN / "schakel"), "migrate", "--noinput", "-v", "0"], env=env, check=True
        )
    else:
        recreate_database(url)
        counts_file = work / f"{db_name(url)}-generated.json"
        seconds = generate(url, cases=cases, signals=signals, counts_file=counts_file)
        info["generation_seconds"] = round(seconds, 1)
        info["generator"] = json.loads(counts_file.read_text(encoding="utf-8"))
    if "generator" not in info:
        info["generator"] = generator_record(url)
    info["derived"] = refresh_derived(url)
    info["rows"] = row_counts(url)
    return info


# Commands that recompute derived data, as the nightly jobs of a production site would.
DERIVED_COMMANDS = [["queue_refresh"]]


def refresh_derived(url: str) -> dict[str, Any]:
    """Run the derived-data commands that this version of Schakel has; time each."""
    env = {**os.environ, "DATABASE_URL": url}
    env["DJANGO_SETTINGS_MODULE"] = "schakel.config.settings.local"
    done: dict[str, Any] = {}
    for command in DERIVED_COMMANDS:
        known = subprocess.run(  # noqa: S603
            [str(BIN / "schakel"), "help", command[0]], env=env, capture_output=True, check=False
        )
        if known.returncode != 0:
            continue
        log(f"{db_name(url)}: schakel {' '.join(command)}")
        began = time.monotonic()
        subprocess.run([str(BIN / "schakel"), *command], env=env, check=True)  # noqa: S603
        done[" ".join(command)] = {"seconds": round(time.monotonic() - began, 1)}
    return done


def generator_record(url: str) -> dict[str, Any]:
    """What the generator recorded in its audit row ("bench.load") when it filled this database."""
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT details, occurred_at FROM audit_auditevent WHERE action = 'bench.load'"
            " ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    if row is None:
        return {}
    return {**row[0], "generated_at": row[1].isoformat()}


# -- the server -------------------------------------------------------------------------------


def source_hashes() -> dict[str, str]:
    """Short hashes of the code under test, as the server loads it."""
    return {
        name: hashlib.sha256((ROOT / name).read_bytes()).hexdigest()[:16]
        for name in SOURCES
        if (ROOT / name).exists()
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(url: str, static_root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCHAKEL_")}
    env.update(
        DJANGO_SETTINGS_MODULE="schakel.config.settings.production",
        SCHAKEL_SECRET_KEY=secrets.token_urlsafe(64),
        SCHAKEL_ALLOWED_HOSTS="127.0.0.1,localhost",
        SCHAKEL_STATIC_ROOT=str(static_root),
        SCHAKEL_DB_CONN_MAX_AGE="60",
        SCHAKEL_LOG_LEVEL="WARNING",
        DATABASE_URL=url,
    )
    return env


class Server:
    """gunicorn serving Schakel; stopped by its own process group id."""

    def __init__(self, url: str, *, workers: int, work: Path, timeout: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = work / f"gunicorn-{db_name(url)}.log"
        static_root = work / "static"
        env = server_env(url, static_root)
        if not (static_root / "staticfiles.json").exists():
            static_root.mkdir(exist_ok=True)
            subprocess.run(  # noqa: S603
                [str(BIN / "schakel"), "collectstatic", "--noinput", "-v", "0"],
                env=env,
                check=True,
            )
        self.command = [
            str(BIN / "gunicorn"),
            "schakel.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--timeout",
            str(timeout),
            "--error-logfile",
            str(self.log_path),
        ]
        self.process = subprocess.Popen(  # noqa: S603
            self.command, env=env, cwd=ROOT, start_new_session=True
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        request = urllib.request.Request(  # noqa: S310
            f"{self.base}/gezond/", headers={"X-Forwarded-Proto": "https"}
        )
        for _ in range(150):
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not start; see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# -- locust -----------------------------------------------------------------------------------


def run_locust(
    name: str,
    host: str,
    *,
    users: int,
    spawn_rate: float,
    seconds: int,
    cases_file: Path,
    work: Path,
    first_user: int = 1,
    queue_share: float | None = None,
) -> dict[str, Any]:
    """Run locust; the statistics cover ``seconds`` from the moment every user is logged in."""
    prefix = work / name
    logins = work / f"{name}-logins.json"
    command = [
        str(BIN / "locust"),
        "-f",
        str(BENCH / "locustfile_cases.py"),
        "--headless",
        "--only-summary",
        "-u",
        str(users),
        "-r",
        str(spawn_rate),
        "-t",
        f"{seconds + LOGIN_ALLOWANCE_S}s",  # a cap: the locustfile stops after the window
        "--stop-timeout",
        "10",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--loglevel",
        "WARNING",
    ]
    env = {
        **os.environ,
        "SCHAKEL_BENCH_CASES": str(cases_file),
        "SCHAKEL_BENCH_LOGINS": str(logins),
        "SCHAKEL_BENCH_FIRST_USER": str(first_user),
        "SCHAKEL_BENCH_MEASURE_SECONDS": str(seconds),
    }
    if queue_share is not None:
        env["SCHAKEL_BENCH_QUEUE_SHARE"] = str(queue_share)
    log(f"{name}: locust -u {users} -r {spawn_rate}, {seconds} s after the logins, {host}")
    load_before = [round(x, 2) for x in os.getloadavg()]
    result = subprocess.run(  # noqa: S603
        command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    (work / f"{name}-locust.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    stats = parse_stats(prefix.with_name(prefix.name + "_stats.csv"))
    login_info = json.loads(logins.read_text(encoding="utf-8")) if logins.exists() else {}
    failures_file = prefix.with_name(prefix.name + "_failures.csv")
    failures = []
    if failures_file.exists():
        with failures_file.open(encoding="utf-8") as handle:
            failures = [
                {"name": r["Name"], "error": r["Error"], "count": int(r["Occurrences"])}
                for r in csv.DictReader(handle)
            ]
    return {
        "users": users,
        "spawn_rate": spawn_rate,
        "seconds": seconds,
        "queue_share": 0.25 if queue_share is None else queue_share,
        "locust_exit_code": result.returncode,
        "loadavg_before": load_before,  # 1/5/15 min: other work on the machine skews figures
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "logins": login_info,
        "pages": {page: stats.get(page) for page in PAGES},
        "all_requests_per_s": stats.get("Aggregated", {}).get("requests_per_s"),
        "failures": failures,
    }


def parse_stats(path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    if not path.exists():
        return out
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):

            def number(key: str, row: dict[str, str] = row) -> float | None:
                value = row.get(key, "")
                return None if value in ("", "N/A") else float(value)

            out[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": number("50%"),
                "p95_ms": number("95%"),
                "p99_ms": number("99%"),
                "mean_ms": round(number("Average Response Time") or 0, 1),
                "max_ms": number("Max Response Time"),
                "requests_per_s": round(number("Requests/s") or 0, 2),
                "mean_bytes": round(number("Average Content Size") or 0),
            }
    return out


def print_phase(name: str, phase: dict[str, Any]) -> None:
    print(f"\n{name} ({phase['users']} user(s), {phase['seconds']} s)")
    print(f"  {'page':<11} {'p50':>7} {'p95':>7} {'p99':>7} {'req':>6} {'req/s':>7} {'fail':>5}")
    for page in PAGES:
        s = phase["pages"].get(page)
        if not s:
            print(f"  {page:<11} (no requests)")
            continue
        print(
            f"  {page:<11} {s['p50_ms']:>7.0f} {s['p95_ms']:>7.0f} {s['p99_ms']:>7.0f}"
            f" {s['requests']:>6} {s['requests_per_s']:>7.2f} {s['failures']:>5}"
        )
    print(f"  all requests/s: {phase['all_requests_per_s']}  logins: {phase['logins']}")
    for failure in phase["failures"][:5]:
        print(f"  failure: {failure}")


# -- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep a database with bench data")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", type=int, default=60, help="seconds of the 20-user run")
    parser.add_argument("--baseline-duration", type=int, default=60)
    parser.add_argument("--timeout", type=int, default=120, help="gunicorn worker timeout")
    parser.add_argument("--no-small", action="store_true", help="skip the small-data baseline")
    parser.add_argument("--cases", type=int, help="cases to generate (default 100,000)")
    parser.add_argument("--signals", type=int, help="signals to generate (default 1,000,000)")
    parser.add_argument("--keep-workdir", action="store_true", help="keep logs and CSV files")
    parser.add_argument("--output", type=Path, default=RESULT)
    args = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith(("postgres://", "postgresql://")):
        parser.error("DATABASE_URL must name a PostgreSQL database")
    work = Path(tempfile.mkdtemp(prefix="schakel-cases-load-"))
    log(f"work directory {work}")
    ensure_postgres(url)
    result: dict[str, Any] = {
        "benchmark": "cases_load",
        "python": platform.python_version(),
        "machine": {
            "platform": platform.platform(),
            "processor": platform.machine(),
            "cpus": os.cpu_count(),
        },
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "target_p95_ms": TARGET_P95_MS,
        "setup": {
            "settings": "schakel.config.settings.production (X-Forwarded-Proto: https)",
            "server": f"gunicorn, {args.workers} sync workers, SCHAKEL_DB_CONN_MAX_AGE=60",
            "load": "locust; each user logs in once (password + TOTP), then per iteration "
            "opens the work queue (queue_share, 25%) or a case page (80% open cases), think "
            f"time {THINK_TIME.replace(',', '-')} s (SCHAKEL_BENCH_WAIT); the statistics "
            "cover `seconds` from the moment all users are logged in",
        },
    }
    server: Server | None = None
    try:
        full = prepare(url, reuse=args.reuse, cases=args.cases, signals=args.signals, work=work)
        result["data"] = full
        cases_file = work / "cases-full.json"
        n_open, n_closed = case_ids(url, cases_file)
        log(f"{n_open:,} open and {n_closed:,} closed cases in the bench region")
        server = Server(url, workers=args.workers, work=work, timeout=args.timeout)
        result["source_sha256"] = source_hashes()  # the code the server has loaded
        phases: dict[str, Any] = {}
        phases["baseline_1_user"] = run_locust(
            "baseline_1_user",
            server.base,
            users=1,
            spawn_rate=1,
            seconds=args.baseline_duration,
            cases_file=cases_file,
            work=work,
            first_user=20,
        )
        phases["load"] = run_locust(
            "load",
            server.base,
            users=args.users,
            spawn_rate=args.spawn_rate,
            seconds=args.duration,
            cases_file=cases_file,
            work=work,
        )
        # The same users opening only case pages: the case page without the queue's load.
        phases["load_case_page_only"] = run_locust(
            "load_case_page_only",
            server.base,
            users=args.users,
            spawn_rate=args.spawn_rate,
            seconds=args.duration,
            cases_file=cases_file,
            work=work,
            queue_share=0.0,
        )
        server.stop()
        server = None
        if not args.no_small:
            small_url = with_db(url, SMALL_DB)
            result["small_data"] = prepare(
                small_url, reuse=args.reuse, cases=SMALL_CASES, signals=SMALL_SIGNALS, work=work
            )
            small_cases = work / "cases-small.json"
            case_ids(small_url, small_cases)
            server = Server(small_url, workers=args.workers, work=work, timeout=args.timeout)
            phases["small_data_load"] = run_locust(
                "small_data_load",
                server.base,
                users=args.users,
                spawn_rate=args.spawn_rate,
                seconds=args.duration,
                cases_file=small_cases,
                work=work,
            )
            server.stop()
            server = None
        result["phases"] = phases
        if source_hashes() != result["source_sha256"]:
            result["source_changed_during_run"] = source_hashes()
            log("the code under test changed during the run: the small-data phase ran newer code")
        load = phases["load"]["pages"]
        result["meets_target"] = {
            page: bool(
                load.get(page)
                and load[page]["p95_ms"] is not None
                and load[page]["p95_ms"] < TARGET_P95_MS
                and load[page]["failures"] == 0
            )
            for page in PAGES
        }
    finally:
        if server is not None:
            server.stop()
    for name, phase in result["phases"].items():
        print_phase(name, phase)
    print(
        f"\nmeets target (p95 < {TARGET_P95_MS} ms, no failures, {args.users} users): "
        f"{result['meets_target']}"
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    args.output.write_text(text, encoding="utf-8")
    log(f"wrote {args.output}")
    if args.keep_workdir:
        log(f"logs and CSV files kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
