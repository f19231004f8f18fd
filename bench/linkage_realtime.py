"""Benchmark: a new signal gets its same-person suggestions within a second, in a region of
100,000 persons.

What a care coordinator waits for after a professional sends a signal: ``record_signal`` (the
signal's ``PersonRecord`` and blocking keys, in the signal's transaction) and
``suggest_for_record`` (candidates through the key index, term frequencies counted in the
region, Splink scoring with the process's cached linker, the ``LinkSuggestion`` rows with
their events and audit rows), as ``linkage/services/signals.py`` runs them.

1. **Data** (PostgreSQL database ``schakel_bench_linkage``; DATABASE_URL overrides it): one
   region "Benchregio Koppelen 100.000 (benchmark)" with 100,000 sent signals made from
   ``bench/linkage_datagen.py``'s dedupe mode (seeded: persons with 1-3 records, reference
   renderings and noisy copies, so true pairs exist), and the named baseline "Benchregio
   Koppelen 1.000 (benchmark)" with 1,000. Signals are minimal sent signals (status submitted,
   region, reporter, organisation; no routing) written with bulk_create, and their
   PersonRecord and BlockingKey rows are written in bulk with exactly what ``record_signal``
   writes (``raw_person_of``, ``normalise``, ``engine.person_row``, ``blocking_keys`` and its
   field mapping); a sample is checked against ``record_signal`` itself on every run. The load
   is one transaction and is skipped when the region already holds its records.
2. **Measure**, per region: 201 signals held out of the generated data (three quarters a
   record of a person who already has a record in the region, one quarter a person the region
   has not seen), sent one by one. The first call is reported apart (in the first region it
   builds the Splink linker: the cold call after a restart); then the 200 others are timed:
   p50, p95, max, candidates and suggestions per signal, whether the person's other record was
   suggested, and the parts (record, candidate query, model, frequencies, Splink scoring,
   storing) for the p50 signal. The two regions take turns signal by signal, so both see the
   same machine load. The signals of a previous run are deleted first, so each run starts
   from the same region.

Target: p95 < 1 s for the 100,000-person region. Figures go to
bench/results/linkage_realtime.json. ``--profile`` runs the large region's signals once more
under cProfile and prints where the time goes.

Run: .venv/bin/python bench/linkage_realtime.py [--signals 200] [--fresh] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(BENCH))

from linkage_datagen import COLUMNS, generate_dedupe  # noqa: E402

DEFAULT_URL = "postgres://schakel:schakel@127.0.0.1:5432/schakel_bench_linkage"
SEED = 20251206
SIGNALS = 200
NEW_PERSON_SHARE = 0.25
TARGET_P95_MS = 1000
RESULT = BENCH / "results" / "linkage_realtime.json"
# (region name, records in the region, seed); the first is the target, the second the baseline.
REGIONS = {
    "large": ("Benchregio Koppelen 100.000 (benchmark)", 100_000, SEED),
    "small (baseline)": ("Benchregio Koppelen 1.000 (benchmark)", 1_000, SEED + 1),
}
LOAD_MARK = "bench-linkage-load"  # reporter_function of the loaded signals
MEASURE_MARK = "bench-linkage-measure"  # ... and of the signals sent while measuring
BATCH = 2_000
CHECK_SAMPLE = 25
GENDER = {"M": "jongen", "V": "meisje", "X": "anders"}
# The code under test: recorded so that figures can be matched to a version of it.
SOURCES = [
    "src/schakel/linkage/services/records.py",
    "src/schakel/linkage/services/suggestions.py",
    "src/schakel/linkage/realtime.py",
    "src/schakel/linkage/engine.py",
    "src/schakel/linkage/domain/normalise.py",
    "src/schakel/linkage/data/default_model.json",
]
PARTS = ("record", "candidates", "model", "frequencies", "scoring", "store")


def log(message: str) -> None:
    stamp = time.strftime("%H:%M:%S", time.gmtime())
    print(f"[linkage_realtime {stamp} UTC] {message}", file=sys.stderr, flush=True)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# -- data -------------------------------------------------------------------------------------


def split_rows(
    records: int, held: int, seed: int
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], dict[str, set[str]]]:
    """``records`` rows for the region and ``held`` rows to send while measuring: most of them
    a record of a person with another record in the region (one per person), the rest a person
    with no other record. Returns (region rows, held rows in sending order, true partners)."""
    rows, truth = generate_dedupe(records + held, seed)
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b in truth:
        partners[a].add(b)
        partners[b].add(a)
    new_wanted = round(held * NEW_PERSON_SHARE)
    known_wanted = held - new_wanted
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    chosen: list[int] = []
    used: set[str] = set()
    known = new = 0
    for index in order:
        record_id = rows[index][0]
        others = partners.get(record_id, set())
        if others and known < known_wanted and not (others & used):
            known += 1
        elif not others and new < new_wanted:
            new += 1
        else:
            continue
        chosen.append(index)
        used.add(record_id)
        if known == known_wanted and new == new_wanted:
            break
    held_set = set(chosen)
    region_rows = [row for index, row in enumerate(rows) if index not in held_set]
    return region_rows, [rows[index] for index in chosen], partners


def signal_of(row: Sequence[str], *, region: Any, actor: Any, mark: str, at: Any) -> Any:
    """A minimal sent signal about the row's young person (the intake form's fields)."""
    from schakel.intake.constants import SignalStatus
    from schakel.intake.models import Signal
    from schakel.linkage.domain.normalise import parse_date

    d = dict(zip(COLUMNS, row, strict=True))
    return Signal(
        status=SignalStatus.SUBMITTED,
        reporter=actor,
        organisation_id=actor.organisation_id,
        region=region,
        submitted_at=at,
        reporter_function=mark,
        description=d["record_id"],  # the generator's id: to find the true partners
        given_names=d["voornamen"][:200],
        tussenvoegsel=d["tussenvoegsel"][:20],
        surname=d["achternaam"][:200],
        date_of_birth=parse_date(d["geboortedatum"]),
        gender=GENDER.get(d["geslacht"].upper(), ""),
        street=d["straat"][:200],
        house_number=d["huisnummer"][:10],
        postcode=d["postcode"][:7],
        place=d["woonplaats"][:100],
        bsn=d["bsn"][:9],
    )


def record_fields(region_id: int, person: Any) -> dict[str, Any]:
    """What ``records.record_signal`` writes for a person (its field mapping, kept in step by
    ``check_load``)."""
    from schakel.linkage.domain.normalise import NORMALISATION_VERSION
    from schakel.linkage.engine import person_row

    return {
        "region_id": region_id,
        "first_name": person.first_name[:100],
        "first_name_canon": person.first_name_canon[:100],
        "given_names": " ".join(person.given_names)[:200],
        "initials": person.initials[:20],
        "surname": person.surname[:200],
        "tussenvoegsel": person.tussenvoegsel[:20],
        "date_of_birth": person.date_of_birth,
        "sex": person.sex[:1],
        "street": person.street[:200],
        "house_number": person.house_number[:10],
        "postcode": person.postcode[:6],
        "place": person.place[:100],
        "school": person.school[:200],
        "bsn": person.bsn,
        "phone": person.phone[:20],
        "values": person_row(person),
        "normalisation_version": NORMALISATION_VERSION,
    }


def bench_actor() -> Any:
    from schakel.accounts.constants import Role
    from schakel.accounts.models import Organisation, User
    from schakel.geo.models import Municipality

    utrecht = Municipality.objects.get(code="GM0344")
    org, _ = Organisation.objects.get_or_create(
        name="Bench Wijkteam Koppelen", defaults={"kind": "wijkteam", "municipality": utrecht}
    )
    actor, _ = User.objects.get_or_create(
        username="bench-linkage-melder",
        defaults={"role": Role.PROFESSIONAL, "organisation": org, "first_name": "Melder"},
    )
    return actor


def load_region(name: str, rows: Sequence[tuple[str, ...]], actor: Any) -> dict[str, Any]:
    """The region with one sent signal, person record and keys per row; skipped when loaded."""
    from django.db import connection, transaction
    from django.utils import timezone

    from schakel.audit.services import audit_record
    from schakel.geo.constants import RegionKind
    from schakel.geo.models import Municipality, Region
    from schakel.intake.models import Signal
    from schakel.linkage.domain.normalise import blocking_keys, normalise
    from schakel.linkage.models import BlockingKey, PersonRecord
    from schakel.linkage.services.records import raw_person_of

    region = Region.objects.filter(name=name).first()
    if region is not None:
        held = PersonRecord.objects.filter(
            region=region, signal__reporter_function=LOAD_MARK
        ).count()
        if held == len(rows):
            log(f"{name}: {held:,} records already loaded")
            # What the load took is kept in the region's notes (last line, JSON).
            try:
                earlier = json.loads(region.notes.splitlines()[-1])
            except (IndexError, ValueError):
                earlier = {}
            return {"region_id": region.pk, "loaded_now": False, "records": held, **earlier}
        raise SystemExit(
            f"{name} holds {held:,} loaded records, not {len(rows):,}: run with --fresh."
        )
    log(f"{name}: loading {len(rows):,} signals with their person records and keys")
    began = time.perf_counter()
    now = timezone.now()
    keys_written = 0
    with transaction.atomic():
        region = Region.objects.create(
            name=name, kind=RegionKind.ZORGCOORDINATIE, notes="Benchmark (fictieve gegevens)."
        )
        region.municipalities.add(Municipality.objects.get(code="GM0344"))
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            signals = Signal.objects.bulk_create(
                signal_of(
                    row,
                    region=region,
                    actor=actor,
                    mark=LOAD_MARK,
                    at=now - dt.timedelta(minutes=len(rows) - start - i),
                )
                for i, row in enumerate(batch)
            )
            people = [normalise(raw_person_of(signal)) for signal in signals]
            records = PersonRecord.objects.bulk_create(
                PersonRecord(signal=signal, **record_fields(region.pk, person))
                for signal, person in zip(signals, people, strict=True)
            )
            keys = [
                BlockingKey(record=record, region_id=region.pk, key=key)
                for record, person in zip(records, people, strict=True)
                for key in dict.fromkeys(blocking_keys(person))
            ]
            BlockingKey.objects.bulk_create(keys, batch_size=5_000)
            keys_written += len(keys)
            if (start // BATCH) % 10 == 9:
                log(f"  {start + len(batch):,} signals ({time.perf_counter() - began:.0f} s)")
        audit_record(
            actor=None,
            action="bench.load",
            subject_type="region",
            subject_id=region.pk,
            details={"signals": len(rows), "benchmark": "linkage_realtime"},
        )
    with connection.cursor() as cursor:
        for table in ("intake_signal", "linkage_personrecord", "linkage_blockingkey"):
            cursor.execute(f'ANALYZE "{table}"')
    seconds = time.perf_counter() - began
    log(f"{name}: loaded in {seconds:.0f} s ({keys_written:,} keys)")
    load = {
        "keys": keys_written,
        "load_seconds": round(seconds, 1),
        "loaded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average_after_load": os.getloadavg(),
    }
    region.notes += "\n" + json.dumps(load)
    region.save(update_fields=["notes"])
    return {"region_id": region.pk, "loaded_now": True, "records": len(rows), **load}


def check_load(region_id: int, sample: int = CHECK_SAMPLE) -> int:
    """The bulk-loaded rows are what ``record_signal`` itself writes (checked in a transaction
    that is rolled back). Returns the number of signals checked."""
    from django.db import transaction

    from schakel.linkage.models import PersonRecord
    from schakel.linkage.services.records import record_signal

    compared = [*record_fields(0, _any_person()).keys()]
    compared.remove("region_id")

    def snapshot(record: PersonRecord) -> tuple[Any, ...]:
        record.refresh_from_db()
        keys = sorted(record.keys.values_list("key", flat=True))
        return (*(getattr(record, field) for field in compared), keys)

    ids = list(
        PersonRecord.objects.filter(region_id=region_id, signal__reporter_function=LOAD_MARK)
        .order_by("?")
        .values_list("pk", flat=True)[:sample]
    )
    for record in PersonRecord.objects.filter(pk__in=ids).select_related("signal"):
        loaded = snapshot(record)
        with transaction.atomic():
            again = record_signal(record.signal)
            assert again is not None and again.pk == record.pk
            written = snapshot(again)
            transaction.set_rollback(True)
        if loaded != written:
            raise SystemExit(
                f"Loaded record {record.pk} differs from what record_signal writes now (the "
                f"normalisation changed?): load anew with --fresh.\n{loaded}\n{written}"
            )
    return len(ids)


def _any_person() -> Any:
    from schakel.linkage.domain.normalise import RawPerson, normalise

    return normalise(RawPerson(record_id="x", voornamen="Jan", achternaam="Jansen"))


# -- measuring --------------------------------------------------------------------------------


class Probe:
    """Times the parts of ``suggest_for_record`` by wrapping the functions it calls (looked
    up at call time, so the wrappers are seen), and counts the SQL queries."""

    def __init__(self) -> None:
        self.current: dict[str, Any] = {}

    @contextmanager
    def installed(self) -> Iterator[None]:
        from django.db import connection

        from schakel.linkage import realtime
        from schakel.linkage.services import suggestions

        targets = [
            (suggestions, "_candidates", "candidates"),
            (suggestions, "region_model", "model"),
            (suggestions, "_frequencies", "frequencies"),
            (realtime, "score", "scoring"),
        ]
        originals = [(module, name, getattr(module, name)) for module, name, _ in targets]
        for module, name, part in targets:
            setattr(module, name, self._timed(getattr(module, name), part))

        def count(execute: Callable[..., Any], *args: Any) -> Any:
            self.current["queries"] = self.current.get("queries", 0) + 1
            return execute(*args)

        try:
            with connection.execute_wrapper(count):
                yield
        finally:
            for module, name, original in originals:
                setattr(module, name, original)

    def _timed(self, function: Callable[..., Any], part: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            out = function(*args, **kwargs)
            self.current[part] = self.current.get(part, 0.0) + time.perf_counter() - began
            if part == "candidates":
                self.current["candidate_ids"] = {candidate.pk for candidate in out}
            return out

        return timed


def send(
    rows: Sequence[tuple[str, ...]],
    *,
    region_id: int,
    actor: Any,
    partners: dict[str, set[str]],
    probe: Probe,
) -> list[dict[str, Any]]:
    """Send each row as a new signal; time record_signal + suggest_for_record."""
    from django.db.models import Q
    from django.utils import timezone

    from schakel.geo.models import Region
    from schakel.linkage.models import LinkSuggestion, PersonRecord
    from schakel.linkage.services.records import record_signal
    from schakel.linkage.services.suggestions import suggest_for_record

    region = Region.objects.get(pk=region_id)
    results = []
    for row in rows:
        signal = signal_of(row, region=region, actor=actor, mark=MEASURE_MARK, at=timezone.now())
        signal.save()
        probe.current = {}
        began = time.perf_counter()
        record = record_signal(signal)
        recorded = time.perf_counter()
        assert record is not None
        made = suggest_for_record(record)
        done = time.perf_counter()
        parts = probe.current
        suggest_s = done - recorded
        inner = sum(parts.get(part, 0.0) for part in PARTS[1:5])
        others = partners.get(row[0], set())
        partner_ids = set(
            PersonRecord.objects.filter(
                region_id=region_id, signal__description__in=others
            ).values_list("pk", flat=True)
        )
        suggested = set(
            LinkSuggestion.objects.filter(Q(record_a=record) | Q(record_b=record)).values_list(
                "record_a_id", "record_b_id"
            )
        )
        suggested_ids = {a for a, b in suggested} | {b for a, b in suggested}
        results.append(
            {
                "record_id": row[0],
                "kind": "known person" if others else "new person",
                "total_ms": (done - began) * 1000,
                "ms": {
                    "record": (recorded - began) * 1000,
                    **{part: parts.get(part, 0.0) * 1000 for part in PARTS[1:5]},
                    "store": (suggest_s - inner) * 1000,
                },
                "candidates": len(parts.get("candidate_ids", ())),
                "suggestions": len(made),
                "queries": parts.get("queries", 0),
                "partner_candidate": bool(partner_ids & parts.get("candidate_ids", set()))
                if partner_ids
                else None,
                "partner_suggested": bool(partner_ids & suggested_ids) if partner_ids else None,
            }
        )
    return results


def clear_measured(region_id: int) -> int:
    from schakel.intake.models import Signal

    deleted, _ = Signal.objects.filter(region_id=region_id, reporter_function=MEASURE_MARK).delete()
    return deleted


def summary(first: dict[str, Any], timed: list[dict[str, Any]]) -> dict[str, Any]:
    totals = [item["total_ms"] for item in timed]
    ranked = sorted(timed, key=lambda item: item["total_ms"])
    middle = ranked[len(ranked) // 2]
    candidates = [item["candidates"] for item in timed]
    suggestions = [item["suggestions"] for item in timed]
    known = [item for item in timed if item["partner_suggested"] is not None]
    scored = [item for item in timed if item["candidates"]]

    def rounded(parts: dict[str, float]) -> dict[str, float]:
        return {part: round(parts[part], 1) for part in PARTS}

    return {
        "first_call_ms": round(first["total_ms"]),
        "first_call_parts_ms": rounded(first["ms"]),
        "signals": len(timed),
        "p50_ms": round(statistics.median(totals)),
        "p95_ms": round(percentile(totals, 0.95)),
        "max_ms": round(max(totals)),
        "mean_ms": round(statistics.fmean(totals)),
        "p50_signal": {
            "total_ms": round(middle["total_ms"]),
            "parts_ms": rounded(middle["ms"]),
            "candidates": middle["candidates"],
            "suggestions": middle["suggestions"],
            "queries": middle["queries"],
            "kind": middle["kind"],
        },
        "parts_median_ms": {
            part: round(statistics.median(item["ms"][part] for item in scored), 1) for part in PARTS
        }
        if scored
        else {},
        "candidates": {
            "median": statistics.median(candidates),
            "p95": percentile(candidates, 0.95),
            "max": max(candidates),
            "none": sum(1 for n in candidates if n == 0),
        },
        "suggestions": {
            "total": sum(suggestions),
            "per_signal_mean": round(statistics.fmean(suggestions), 2),
            "max": max(suggestions),
            "signals_with_any": sum(1 for n in suggestions if n),
        },
        "queries_median": statistics.median(item["queries"] for item in timed),
        "known_persons": len(known),
        "partner_among_candidates": sum(1 for item in known if item["partner_candidate"]),
        "partner_suggested": sum(1 for item in known if item["partner_suggested"]),
        "new_persons": len(timed) - len(known),
        "new_persons_with_suggestion": sum(
            1 for item in timed if item["partner_suggested"] is None and item["suggestions"]
        ),
    }


# -- setup and reporting ----------------------------------------------------------------------


def ensure_database(url: str, *, fresh: bool) -> None:
    import psycopg
    from cases_load import database_exists, db_name, ensure_postgres, with_db

    ensure_postgres(url)
    name = db_name(url)
    exists = database_exists(url)
    with psycopg.connect(with_db(url, "postgres"), autocommit=True) as admin:
        if exists and fresh:
            log(f"dropping {name}")
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            log(f"creating {name}")
            admin.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.config.settings.local")
    os.environ.setdefault("SCHAKEL_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    log("migrate, load_reference_data")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference_data", stdout=open(os.devnull, "w"))  # noqa: SIM115


def git(*args: str) -> str:
    out = subprocess.run(  # noqa: S603
        ["git", *args],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip()


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{', ' + model if model else ''}"


def postgres_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        row = cursor.fetchone()
    return str(row[0]) if row else ""


def print_run(name: str, info: dict[str, Any], run: dict[str, Any]) -> None:
    print(f"\n== {name}: {info['records']:,} records in the region")
    if "load_seconds" in info:
        again = "" if info["loaded_now"] else f", loaded earlier ({info['loaded_at']})"
        print(
            f"   load: {info['load_seconds']:.0f} s for the signals, person records and "
            f"{info['keys']:,} blocking keys{again}"
        )
    print(f"   first call {run['first_call_ms']} ms  {_parts(run['first_call_parts_ms'])}")
    print(
        f"   {run['signals']} signals: p50 {run['p50_ms']} ms, p95 {run['p95_ms']} ms, "
        f"max {run['max_ms']} ms, mean {run['mean_ms']} ms"
    )
    middle = run["p50_signal"]
    print(
        f"   p50 signal ({middle['kind']}, {middle['candidates']} candidates, "
        f"{middle['suggestions']} suggestions, {middle['queries']} queries): "
        f"{_parts(middle['parts_ms'])}"
    )
    if run["parts_median_ms"]:
        print(f"   median per part: {_parts(run['parts_median_ms'])}")
    c, s = run["candidates"], run["suggestions"]
    print(
        f"   candidates per signal: median {c['median']}, p95 {c['p95']}, max {c['max']}, "
        f"none for {c['none']}"
    )
    print(
        f"   suggestions: {s['total']} in all, {s['per_signal_mean']} per signal, max "
        f"{s['max']}, {s['signals_with_any']} signals with any"
    )
    print(
        f"   known persons: other record a candidate for {run['partner_among_candidates']}/"
        f"{run['known_persons']}, suggested for {run['partner_suggested']}/"
        f"{run['known_persons']}; new persons with a suggestion: "
        f"{run['new_persons_with_suggestion']}/{run['new_persons']}"
    )


def _parts(parts: dict[str, float]) -> str:
    return ", ".join(f"{part} {ms:.0f}" for part, ms in parts.items()) + " (ms)"


def profile(
    rows: Sequence[tuple[str, ...]], *, region_id: int, actor: Any, partners: Any, probe: Probe
) -> str:
    clear_measured(region_id)
    profiler = cProfile.Profile()
    profiler.enable()
    send(rows, region_id=region_id, actor=actor, partners=partners, probe=probe)
    profiler.disable()
    clear_measured(region_id)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signals", type=int, default=SIGNALS)
    parser.add_argument("--fresh", action="store_true", help="drop and load the database anew")
    parser.add_argument("--no-small", action="store_true", help="skip the 1,000 baseline")
    parser.add_argument("--profile", action="store_true", help="also profile (cProfile)")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database.")
    # The code under test as it is when the run starts (it is imported now).
    version = {
        "commit": git("rev-parse", "HEAD"),
        "uncommitted_sources": git("status", "--porcelain", "--", *SOURCES).splitlines(),
    }
    ensure_database(url, fresh=args.fresh)
    setup_django(url)
    actor = bench_actor()
    probe = Probe()
    load_before = os.getloadavg()
    regions = {k: v for k, v in REGIONS.items() if not (args.no_small and k != "large")}
    data = {}
    for key, (name, records, seed) in regions.items():
        region_rows, held, partners = split_rows(records, args.signals + 1, seed)
        info = load_region(name, region_rows, actor)
        info["persons"] = len({min({row[0], *partners.get(row[0], ())}) for row in region_rows})
        info["checked_against_record_signal"] = check_load(info["region_id"])
        data[key] = (name, info, held, partners)
    with probe.installed():
        for key, (_name, info, _held, _partners) in data.items():
            removed = clear_measured(info["region_id"])
            if removed:
                log(f"{key}: removed {removed} rows of the previous run's signals")
        # The regions take turns, signal by signal, so that both see the same machine load.
        log(f"sending {args.signals + 1} signals per region, the regions taking turns")
        sent: dict[str, list[dict[str, Any]]] = {key: [] for key in data}
        loads = [os.getloadavg()]
        for index in range(args.signals + 1):
            for key, (_name, info, held, partners) in data.items():
                sent[key] += send(
                    held[index : index + 1],
                    region_id=info["region_id"],
                    actor=actor,
                    partners=partners,
                    probe=probe,
                )
            if index and index % 50 == 0:
                loads.append(os.getloadavg())
                log(f"  {index} signals per region")
        loads.append(os.getloadavg())
        runs: dict[str, Any] = {
            key: {**summary(items[0], items[1:]), "region": data[key][1]}
            for key, items in sent.items()
        }
        profiled = ""
        if args.profile:
            _name, info, held, partners = data["large"]
            log("large: profiling the same signals again under cProfile")
            profiled = profile(
                held[1:], region_id=info["region_id"], actor=actor, partners=partners, probe=probe
            )
    for key, run in runs.items():
        print_run(key, run["region"], run)
    p95 = runs["large"]["p95_ms"]
    met = p95 < TARGET_P95_MS
    print(
        f"\nTarget p95 < {TARGET_P95_MS} ms for a new signal in the 100,000-person region: "
        f"{'met' if met else 'NOT met'} (p95 {p95} ms)"
    )
    print(f"load average: before {load_before}, during {loads}")
    if profiled:
        print("\n== cProfile of the large region's signals\n" + profiled)
    if args.no_write:
        return 0
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(
        json.dumps(
            {
                "benchmark": "linkage_realtime",
                "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                **version,
                "python": platform.python_version(),
                "postgresql": postgres_version(),
                "machine": machine(),
                "load_average_before": load_before,
                "load_average_during": loads,
                "target_p95_ms": TARGET_P95_MS,
                "target_met": met,
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
