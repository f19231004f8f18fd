"""Same-person linkage benchmark: Schakel's Splink model against plain Splink, in one run.

Each case runs as a partner would run it, in a child process: ``schakel link pairs LEFT RIGHT
--out PAIRS --one-to-one`` or ``schakel link dedupe INPUT --out PAIRS``. The bench measures the
child's wall time and peak memory (the larger of its process group's summed PSS, sampled every
0.2 s, and ``os.wait4``'s ru_maxrss) and scores PAIRS.csv against truth.csv: precision, recall
and F1 over pairs (for a dedupe the true pairs are all pairs within a person's records, and
pairs are unordered). Every run records a fingerprint of the linkage code it imported; with
``--at-commit REV`` the runs import that commit's ``src/`` (``git archive``), not the working
tree that others may be editing.

The baseline in the same run is plain Splink configured as in its own documentation, in a child
process of this script (``--worker``) so that it is timed and measured the same way:

- link-only cases: the "detailed model" of Splink's FEBRL4 example (docs/demos/examples/duckdb/
  febrl4), its columns mapped to ours: NameComparison on voornamen and achternaam (term
  frequencies), DateOfBirthComparison, DamerauLevenshteinAtThresholds(bsn, [1, 2]) for the
  soc_sec_id, ExactMatch(huisnummer) with term frequencies, DamerauLevenshteinAtThresholds
  (postcode, [1, 2]) with term frequencies; its seven blocking rules; the prior from bsn and
  voornamen+achternaam+geboortedatum at recall 0.8; u by random sampling (1e6 pairs, as in the
  example); EM blocked on geboortedatum and on postcode; then predict() at 0.9, every pair.
- the dedupe case: Splink's "deduplicate 50k synthetic" example: ForenameSurnameComparison,
  DateOfBirthComparison, PostcodeComparison, ExactMatch(woonplaats) for birth_place with term
  frequencies (no occupation in our data); its ten blocking rules; the prior from its three
  rules at recall 0.6; u from 1e7 pairs; EM on voornamen+achternaam and on geboortedatum;
  predict() at 0.9.

Both read the same CSV files: every field trimmed and lower-cased, empty as NULL, no Dutch
normalisation (no roepnamen, tussenvoegsel left in its own column and unused). DuckDB's memory
limit is set to ``--baseline-memory-limit`` (it spills to disk beyond it) so that a baseline
cannot take the shared machine's memory; nothing else differs from the examples.

Spark: the case ``spark-nl-10k`` runs the shipped model on Splink's SparkAPI (local[2]) when
pyspark is installed, and is reported as "skipped: pyspark not installed" otherwise.

Cases (default: all; ``--quick``: all but the 1M dedupe; ``--cases a,b``: those):

    febrl4        FEBRL4 without the SSN (bench/linkage_febrl.py), 5,000 x 5,000, one-to-one
    nl-10k        synthetic Dutch minors 10,000 x 10,000, overlap 0.5, seed 2, one-to-one
    nl-100k       synthetic Dutch minors 100,000 x 100,000, overlap 0.5, seed 1, one-to-one
    nl-dedupe-1m  synthetic Dutch minors, 1,000,000 records, seed 1, dedupe
    spark-nl-10k  nl-10k with the shipped model on Spark

The shipped default model was trained on a synthetic set with seed 7; these seeds differ.
Data are generated into ``--data-dir`` (default /tmp/schakel-linkage-bench) when missing.
Results: a table on stdout and ``bench/results/linkage_splink.json``.

    .venv/bin/python bench/linkage_splink.py [--quick] [--cases nl-100k,febrl4] [--no-baseline]
        [--at-commit HEAD] [--timeout 15]
        [--errors 50]   # also write up to 50 false positives and negatives per run to data-dir
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python" if (VENV_BIN / "python").exists() else Path(sys.executable)
SCHAKEL = VENV_BIN / "schakel"
RESULTS = BENCH / "results" / "linkage_splink.json"
DEFAULT_DATA_DIR = Path("/tmp/schakel-linkage-bench")  # noqa: S108 (a cache, regenerated)
THRESHOLD = 0.9
TIMEOUT_MINUTES = 15.0

# The issue's targets (on the 2-core machine).
TARGET_F1_FEBRL = 0.999
TARGET_F1_NL = 0.99
TARGET_SECONDS_NL_100K = 20.0
TARGET_MIB_NL_100K = 1.5 * 1024  # 1.5 GB read as GiB: the looser reading, stated in the README
TARGET_SECONDS_DEDUPE = 300.0


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "pairs" or "dedupe"
    data: str  # sub-directory of the data dir
    generate: tuple[str, ...]  # arguments after the python executable, "{dir}" = data dir
    targets: dict[str, float]
    quick: bool = True
    spark: bool = False
    description: str = ""


CASES: tuple[Case, ...] = (
    Case(
        "febrl4",
        "pairs",
        "febrl4",
        ("bench/linkage_febrl.py", "--out-dir", "{dir}"),
        {"f1_min": TARGET_F1_FEBRL},
        description="FEBRL4 without SSN, 5,000 x 5,000",
    ),
    Case(
        "nl-10k",
        "pairs",
        "nl-pairs-n10000-o0.5-s2",
        (
            "bench/linkage_datagen.py",
            "pairs",
            "--n",
            "10000",
            "--overlap",
            "0.5",
            "--seed",
            "2",
            "--out-dir",
            "{dir}",
        ),
        {},
        description="Dutch minors 10,000 x 10,000, overlap 0.5, seed 2",
    ),
    Case(
        "nl-100k",
        "pairs",
        "nl-pairs-n100000-o0.5-s1",
        (
            "bench/linkage_datagen.py",
            "pairs",
            "--n",
            "100000",
            "--overlap",
            "0.5",
            "--seed",
            "1",
            "--out-dir",
            "{dir}",
        ),
        {
            "f1_min": TARGET_F1_NL,
            "seconds_max": TARGET_SECONDS_NL_100K,
            "peak_mib_max": TARGET_MIB_NL_100K,
        },
        description="Dutch minors 100,000 x 100,000, overlap 0.5, seed 1",
    ),
    Case(
        "nl-dedupe-1m",
        "dedupe",
        "nl-dedupe-n1000000-s1",
        (
            "bench/linkage_datagen.py",
            "dedupe",
            "--n",
            "1000000",
            "--seed",
            "1",
            "--out-dir",
            "{dir}",
        ),
        {"seconds_max": TARGET_SECONDS_DEDUPE},
        quick=False,
        description="Dutch minors, 1,000,000 records (1-3 per person), seed 1",
    ),
    Case(
        "spark-nl-10k",
        "pairs",
        "nl-pairs-n10000-o0.5-s2",
        (
            "bench/linkage_datagen.py",
            "pairs",
            "--n",
            "10000",
            "--overlap",
            "0.5",
            "--seed",
            "2",
            "--out-dir",
            "{dir}",
        ),
        {},
        spark=True,
        description="nl-10k with the shipped model on Splink's SparkAPI (local[2])",
    ),
)


# ---------------------------------------------------------------------------------------------
# Measuring a child process
# ---------------------------------------------------------------------------------------------


@dataclass
class ChildRun:
    returncode: int | None
    seconds: float
    peak_mib: float  # the larger of the two below
    peak_tree_pss_mib: float  # sampled: the child and every process of its group together
    peak_single_rss_mib: float  # ru_maxrss: the largest single process of the tree
    timed_out: bool
    stderr_tail: str


def _group_pss_kib(group: int) -> int:
    """Proportional set size of every live process in process group ``group`` (the child
    and the workers it forks), summed; shared pages are counted once."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) != group:
                continue
            for line in Path(entry.path, "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError, IndexError):
            continue
    return total


def run_child(
    command: list[str], *, cwd: Path, log: Path, timeout: float, env: dict[str, str]
) -> ChildRun:
    """Run ``command`` in its own process group and measure its wall time and peak memory:
    the summed PSS of the group sampled every 0.2 s (the CLI forks workers that run at the
    same time) and ``os.wait4``'s ru_maxrss (the largest single process, exact). Kill the
    group on timeout."""
    with log.open("w", encoding="utf-8") as stream:
        start = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603
            command,
            cwd=cwd,
            env=env,
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        timed_out = threading.Event()
        finished = threading.Event()
        peak_tree_kib = [0]

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

        def sample() -> None:
            while not finished.wait(0.2):
                peak_tree_kib[0] = max(peak_tree_kib[0], _group_pss_kib(process.pid))

        timer = threading.Timer(timeout, kill)
        sampler = threading.Thread(target=sample, daemon=True)
        timer.start()
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            finished.set()
        seconds = time.perf_counter() - start
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        # Forked workers that outlived the child would not be in its rusage: stop them.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    text = log.read_text(encoding="utf-8", errors="replace")
    single = usage.ru_maxrss / 1024  # Linux: KiB
    tree = peak_tree_kib[0] / 1024
    return ChildRun(
        returncode=process.returncode,
        seconds=seconds,
        peak_mib=max(single, tree),
        peak_tree_pss_mib=tree,
        peak_single_rss_mib=single,
        timed_out=timed_out.is_set(),
        stderr_tail="\n".join(text.strip().splitlines()[-8:]),
    )


# ---------------------------------------------------------------------------------------------
# Data and scoring
# ---------------------------------------------------------------------------------------------


def ensure_data(case: Case, data_dir: Path) -> Path:
    directory = data_dir / case.data
    done = directory / ".complete"
    if done.exists():
        return directory
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    command = [str(PYTHON), *(part.replace("{dir}", str(directory)) for part in case.generate)]
    print(f"  generating {case.data}: {' '.join(command[1:])}", flush=True)
    subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603
    done.write_text(" ".join(command[1:]) + "\n", encoding="utf-8")
    return directory


def export_commit(revision: str, data_dir: Path) -> tuple[Path, str]:
    """``git archive`` of ``src/`` at ``revision`` into the data dir: the runs then import that
    commit's code (PYTHONPATH before the editable install), whatever others edit meanwhile."""
    commit = subprocess.run(  # noqa: S603
        ["git", "rev-parse", "--verify", f"{revision}^{{commit}}"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    target = data_dir / f"src-{commit[:12]}"
    if not (target / ".complete").exists():
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        archive = subprocess.run(  # noqa: S603
            ["git", "archive", "--format=tar", commit, "src"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)  # noqa: S603, S607
        (target / ".complete").write_text(commit + "\n", encoding="utf-8")
    return target / "src", commit


def code_fingerprint(source: Path) -> str:
    """A short hash of the linkage app's code and model, to see which code a run measured
    (and whether it changed between runs)."""
    digest = hashlib.sha256()
    package = source / "schakel" / "linkage"
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".json"} and "tests" not in path.parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_pairs(path: Path, *, unordered: bool) -> Iterator[tuple[str, str, float | None]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            a, b = row[0], row[1]
            if unordered and b < a:
                a, b = b, a
            yield a, b, float(row[2]) if len(row) > 2 and row[2] else None


@dataclass
class Score:
    pairs_out: int
    true_pairs: int
    true_positives: int
    precision: float
    recall: float
    f1: float


def score(
    out: dict[tuple[str, str], float | None], truth: set[tuple[str, str]]
) -> tuple[Score, list[tuple[str, str]], list[tuple[str, str]]]:
    hits = sum(1 for pair in out if pair in truth)
    precision = hits / len(out) if out else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    false_pos = [pair for pair in out if pair not in truth]
    false_neg = [pair for pair in truth if pair not in out]
    return (
        Score(len(out), len(truth), hits, round(precision, 6), round(recall, 6), round(f1, 6)),
        false_pos,
        false_neg,
    )


def read_records(paths: Iterable[Path]) -> dict[str, dict[str, str]]:
    records: dict[str, dict[str, str]] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                records[row["record_id"]] = row
    return records


def write_errors(
    path: Path,
    inputs: list[Path],
    out: dict[tuple[str, str], float | None],
    false_pos: list[tuple[str, str]],
    false_neg: list[tuple[str, str]],
    limit: int,
) -> None:
    """Up to ``limit`` seeded-random false positives and negatives with both records."""
    records = read_records(inputs)
    rng = random.Random(1)
    samples = [
        ("FP", sorted(rng.sample(sorted(false_pos), min(limit, len(false_pos))))),
        ("FN", sorted(rng.sample(sorted(false_neg), min(limit, len(false_neg))))),
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        columns = list(next(iter(records.values())).keys())
        writer.writerow(["error", "pair", "side", "probability", *columns])
        for kind, pairs in samples:
            for number, (a, b) in enumerate(pairs, start=1):
                probability = out.get((a, b))
                for side, record_id in (("a", a), ("b", b)):
                    row = records.get(record_id, {"record_id": record_id})
                    writer.writerow(
                        [kind, number, side, probability, *(row.get(c, "") for c in columns)]
                    )


# ---------------------------------------------------------------------------------------------
# The baseline: plain Splink as its documentation configures it (run with --worker)
# ---------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "bsn",
)


_STARTED = time.perf_counter()


def _step(text: str) -> None:
    """A progress line on stderr, as the CLI writes them (the last one shows where a run
    that was stopped had got to)."""
    print(f"[{time.perf_counter() - _STARTED:7.1f} s] {text}", file=sys.stderr, flush=True)


def _baseline_connection(memory_limit: str, temp_dir: Path) -> Any:
    import duckdb

    connection = duckdb.connect()
    connection.execute(f"SET memory_limit = '{memory_limit}'")
    connection.execute(f"SET temp_directory = '{temp_dir}'")
    return connection


def _raw_table(connection: Any, path: Path, source: str | None) -> Any:
    """The CSV as read: every field a trimmed, lower-cased string, '' as NULL."""
    fields = ", ".join(f"nullif(lower(trim({column})), '') AS {column}" for column in CSV_COLUMNS)
    source_column = f", '{source}' AS source_dataset" if source else ""
    sql = (
        f"SELECT record_id, {fields}{source_column} "  # noqa: S608 (fixed names only)
        "FROM read_csv(?, header = true, all_varchar = true)"
    )
    return connection.execute(sql, [str(path)]).to_arrow_table()


def baseline_link(left: Path, right: Path, out: Path, memory_limit: str) -> None:
    """Splink's FEBRL4 example ("detailed model") on our columns; predict() at 0.9."""
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    _step("reading the CSV files")
    connection = _baseline_connection(memory_limit, out.parent)
    db_api = DuckDBAPI(connection=connection)
    frames = [
        db_api.register(_raw_table(connection, left, "a")),
        db_api.register(_raw_table(connection, right, "b")),
    ]
    blocking_rules = [
        block_on("voornamen", "achternaam"),
        "l.voornamen = r.achternaam and l.achternaam = r.voornamen",
        block_on("geboortedatum"),
        block_on("bsn"),  # soc_sec_id
        block_on("woonplaats", "straat"),  # state, address_1
        block_on("huisnummer", "straat"),  # street_number, address_1
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="record_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("voornamen").configure(term_frequency_adjustments=True),
            cl.NameComparison("achternaam").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "geboortedatum",
                input_is_string=True,
                datetime_format="%Y-%m-%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("bsn", [1, 2]),
            cl.ExactMatch("huisnummer").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True
            ),
        ],
        retain_intermediate_calculation_columns=True,
    )
    linker = Linker(frames, settings, log_level=logging.WARNING)
    _step("prior: estimate_probability_two_random_records_match")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("bsn"), block_on("voornamen", "achternaam", "geboortedatum")], recall=0.8
    )
    _step("u: estimate_u_using_random_sampling")
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    for column in ("geboortedatum", "postcode"):
        _step(f"m: EM blocked on {column}")
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(column), estimate_without_term_frequencies=True
        )
    _step("predict() at 0.9")
    predictions = linker.inference.predict(threshold_match_probability=THRESHOLD)
    # Only Splink's own table name goes into the text.
    sql = f"""
        SELECT CASE WHEN source_dataset_l = 'a' THEN record_id_l ELSE record_id_r END,
               CASE WHEN source_dataset_l = 'a' THEN record_id_r ELSE record_id_l END,
               match_probability
        FROM {predictions.physical_name}
    """  # noqa: S608
    _step("writing the pairs")
    _write_rows(out, connection.execute(sql).fetchall())


def baseline_dedupe(input_path: Path, out: Path, memory_limit: str) -> None:
    """Splink's "deduplicate 50k synthetic" example on our columns; predict() at 0.9."""
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    _step("reading the CSV files")
    connection = _baseline_connection(memory_limit, out.parent)
    db_api = DuckDBAPI(connection=connection)
    raw = _raw_table(connection, input_path, None)
    connection.register("raw_input", raw)
    # As the example: a concatenated column for the term frequencies of the full name.
    table = connection.execute(
        "SELECT *, voornamen || ' ' || achternaam AS voornamen_achternaam FROM raw_input"
    ).to_arrow_table()
    frame = db_api.register(table)
    blocking_rules = [
        block_on("substr(voornamen,1,3)", "substr(achternaam,1,4)"),
        block_on("achternaam", "geboortedatum"),
        block_on("voornamen", "geboortedatum"),
        block_on("postcode", "voornamen"),
        block_on("postcode", "achternaam"),
        block_on("geboortedatum", "woonplaats"),  # dob, birth_place
        block_on("substr(postcode,1,3)", "geboortedatum"),
        block_on("substr(postcode,1,3)", "voornamen"),
        block_on("substr(postcode,1,3)", "achternaam"),
        block_on("substr(voornamen,1,2)", "substr(achternaam,1,2)", "substr(geboortedatum,1,4)"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="record_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.ForenameSurnameComparison(
                "voornamen",
                "achternaam",
                forename_surname_concat_col_name="voornamen_achternaam",
            ),
            cl.DateOfBirthComparison("geboortedatum", input_is_string=True),
            cl.PostcodeComparison("postcode"),
            cl.ExactMatch("woonplaats").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=True,
    )
    linker = Linker(frame, settings, log_level=logging.WARNING)
    _step("prior: estimate_probability_two_random_records_match")
    linker.training.estimate_probability_two_random_records_match(
        [
            block_on("voornamen", "achternaam", "geboortedatum"),
            block_on("substr(voornamen,1,2)", "achternaam", "substr(postcode,1,2)"),
            block_on("geboortedatum", "postcode"),
        ],
        recall=0.6,
    )
    _step("u: estimate_u_using_random_sampling")
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    for columns in (("voornamen", "achternaam"), ("geboortedatum",)):
        _step(f"m: EM blocked on {' + '.join(columns)}")
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(*columns), estimate_without_term_frequencies=True
        )
    _step("predict() at 0.9")
    predictions = linker.inference.predict(threshold_match_probability=THRESHOLD)
    sql = f"SELECT record_id_l, record_id_r, match_probability FROM {predictions.physical_name}"  # noqa: S608
    _step("writing the pairs")
    _write_rows(out, connection.execute(sql).fetchall())


def _write_rows(out: Path, rows: Iterable[tuple[Any, Any, Any]]) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("record_id_a", "record_id_b", "match_probability"))
        for a, b, probability in rows:
            writer.writerow((a, b, f"{float(probability):.6f}"))


# ---------------------------------------------------------------------------------------------
# The shipped model on Spark (run with --worker spark-link; needs pyspark)
# ---------------------------------------------------------------------------------------------


def spark_link(left: Path, right: Path, out: Path) -> None:
    """The CLI's ``link pairs --one-to-one`` with the shipped model, on Splink's SparkAPI:
    the same normalisation, model, prior estimate, threshold and single best links."""
    import logging

    import pyarrow.parquet as pq
    from pyspark.sql import SparkSession
    from splink import Linker
    from splink.backends.spark import SparkAPI, similarity_jar_location

    from schakel.linkage import batch, engine

    # The CLI's threshold for --one-to-one (0.5 since it got its own default).
    threshold = getattr(engine, "DEFAULT_THRESHOLD_ONE_TO_ONE", engine.DEFAULT_THRESHOLD)

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("schakel-linkage-bench")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.local.dir", str(out.parent))
        .getOrCreate()
    )
    spark.sparkContext.setCheckpointDir(str(out.parent / "spark-checkpoints"))
    db_api = SparkAPI(spark_session=spark)
    tables = batch.read_tables(
        [(left, engine.SOURCE_LEFT, 0, 1), (right, engine.SOURCE_RIGHT, 0, 1)]
    )
    # Through Parquet, so that Spark gets the Arrow types (lists of names included).
    frames = []
    for number, table in enumerate(tables):
        path = out.parent / f"spark-input-{number}.parquet"
        pq.write_table(table, path)
        frames.append(db_api.register(spark.read.parquet(str(path))))
    settings = engine.settings_for_backend(engine.default_model(), "spark")
    settings["link_type"] = "link_only"
    settings["retain_matching_columns"] = False
    settings["retain_intermediate_calculation_columns"] = False
    linker = Linker(frames, settings, log_level=logging.WARNING)
    engine._estimate_prior(linker)
    predictions = linker.inference.predict(threshold_match_probability=min(threshold, 0.01))
    clusters = linker.clustering.cluster_using_single_best_links(
        predictions,
        duplicate_free_datasets=[engine.SOURCE_LEFT, engine.SOURCE_RIGHT],
        threshold_match_probability=threshold,
    )
    sql = f"""
        SELECT CASE WHEN p.source_dataset_l = 'a' THEN p.unique_id_l ELSE p.unique_id_r END,
               CASE WHEN p.source_dataset_l = 'a' THEN p.unique_id_r ELSE p.unique_id_l END,
               p.match_probability
        FROM {predictions.physical_name} p
        JOIN {clusters.physical_name} cl ON cl.unique_id = p.unique_id_l
             AND cl.source_dataset = p.source_dataset_l
        JOIN {clusters.physical_name} cr ON cr.unique_id = p.unique_id_r
             AND cr.source_dataset = p.source_dataset_r
        WHERE cl.cluster_id = cr.cluster_id AND p.match_probability >= {threshold!r}
    """  # noqa: S608
    rows = spark.sql(sql).collect()
    _write_rows(out, ((row[0], row[1], row[2]) for row in rows))
    spark.stop()


def worker(args: argparse.Namespace) -> int:
    mode, paths = args.worker, [Path(p) for p in args.paths]
    if mode == "baseline-link":
        baseline_link(paths[0], paths[1], paths[2], args.baseline_memory_limit)
    elif mode == "baseline-dedupe":
        baseline_dedupe(paths[0], paths[1], args.baseline_memory_limit)
    elif mode == "spark-link":
        spark_link(paths[0], paths[1], paths[2])
    else:
        raise SystemExit(f"unknown worker {mode}")
    return 0


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


@dataclass
class Result:
    case: str
    method: str
    description: str
    records: int | None = None
    status: str = "ok"
    pairs_out: int | None = None
    true_pairs: int | None = None
    true_positives: int | None = None
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    seconds: float | None = None
    peak_mib: float | None = None
    peak_tree_pss_mib: float | None = None
    peak_single_rss_mib: float | None = None
    loadavg_before: list[float] = field(default_factory=list)
    loadavg_after: list[float] = field(default_factory=list)
    targets: dict[str, float] = field(default_factory=dict)
    target_checks: dict[str, bool] = field(default_factory=dict)
    target_met: bool | None = None
    command: str = ""
    code: str = ""  # code_fingerprint of the linkage app when the run started


def count_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


def check_targets(result: Result) -> None:
    checks: dict[str, bool] = {}
    targets = result.targets
    if result.status != "ok":
        result.target_met = False if targets else None
        return
    if "f1_min" in targets and result.f1 is not None:
        checks["f1"] = result.f1 >= targets["f1_min"]
    if "seconds_max" in targets and result.seconds is not None:
        checks["seconds"] = result.seconds <= targets["seconds_max"]
    if "peak_mib_max" in targets and result.peak_mib is not None:
        checks["peak_mib"] = result.peak_mib <= targets["peak_mib_max"]
    result.target_checks = checks
    result.target_met = all(checks.values()) if checks else None


def run_case(case: Case, method: str, args: argparse.Namespace) -> Result:
    result = Result(case.name, method, case.description, targets=dict(case.targets))
    if case.spark and importlib.util.find_spec("pyspark") is None:
        result.status = "skipped: pyspark not installed"
        result.target_met = None
        return result
    directory = ensure_data(case, args.data_dir)
    run_dir = args.data_dir / "runs" / f"{case.name}-{method}"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.mkdir(parents=True)
    out = run_dir / "pairs.csv"
    if case.kind == "pairs":
        inputs = [directory / "left.csv", directory / "right.csv"]
    else:
        inputs = [directory / "input.csv"]
    result.records = sum(count_rows(path) for path in inputs)
    here = str(Path(__file__).resolve())
    if method == "schakel" and case.spark:
        command = [str(PYTHON), here, "--worker", "spark-link", *map(str, inputs), str(out)]
    elif method == "schakel" and case.kind == "pairs":
        command = [str(SCHAKEL), "link", "pairs", *map(str, inputs), "--out", str(out)]
        command.append("--one-to-one")
    elif method == "schakel":
        command = [str(SCHAKEL), "link", "dedupe", str(inputs[0]), "--out", str(out)]
    else:
        mode = "baseline-link" if case.kind == "pairs" else "baseline-dedupe"
        command = [str(PYTHON), here, "--worker", mode, *map(str, inputs), str(out)]
        command += ["--baseline-memory-limit", args.baseline_memory_limit]
    result.command = " ".join(command)
    result.loadavg_before = [round(x, 2) for x in os.getloadavg()]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(args.source), env.get("PYTHONPATH", "")) if part
    )
    result.code = code_fingerprint(args.source)
    child = run_child(
        command, cwd=run_dir, log=run_dir / "log.txt", timeout=args.timeout * 60, env=env
    )
    result.loadavg_after = [round(x, 2) for x in os.getloadavg()]
    result.seconds = round(child.seconds, 2)
    result.peak_mib = round(child.peak_mib, 1)
    result.peak_tree_pss_mib = round(child.peak_tree_pss_mib, 1)
    result.peak_single_rss_mib = round(child.peak_single_rss_mib, 1)
    if child.timed_out:
        steps = [line for line in child.stderr_tail.splitlines() if line.startswith("[")]
        where = f" (last step: {steps[-1].split('] ', 1)[-1]})" if steps else ""
        result.status = f"stopped after {args.timeout:g} min{where}"
    elif child.returncode != 0:
        result.status = f"failed (exit {child.returncode}): {child.stderr_tail[-300:]}"
    if result.status != "ok":
        check_targets(result)
        return result
    unordered = case.kind == "dedupe"
    out_pairs = {(a, b): p for a, b, p in read_pairs(out, unordered=unordered)}
    truth = {(a, b) for a, b, _ in read_pairs(directory / "truth.csv", unordered=unordered)}
    figures, false_pos, false_neg = score(out_pairs, truth)
    for key, value in asdict(figures).items():
        setattr(result, key, value)
    check_targets(result)
    if args.errors:
        errors_path = args.data_dir / f"errors-{case.name}-{method}.csv"
        write_errors(errors_path, inputs, out_pairs, false_pos, false_neg, args.errors)
        print(f"  errors: {errors_path}", flush=True)
    return result


def _fmt(value: Any, pattern: str) -> str:
    return "-" if value is None else format(value, pattern)


def print_table(results: list[Result]) -> None:
    header = (
        f"{'case':<13} {'method':<16} {'records':>9} {'pairs out':>9} {'precision':>9} "
        f"{'recall':>8} {'F1':>8} {'seconds':>8} {'peak MiB':>9}  target met?"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        if r.target_met is None:
            met = "no target" if not r.targets else "-"
        else:
            failed = [name for name, ok in r.target_checks.items() if not ok]
            met = "yes" if r.target_met else f"NO ({', '.join(failed) or 'run failed'})"
        if r.status != "ok":
            met = f"{met}; {r.status.splitlines()[0][:80]}"
        print(
            f"{r.case:<13} {r.method:<16} {_fmt(r.records, ','):>9} {_fmt(r.pairs_out, ','):>9} "
            f"{_fmt(r.precision, '.4f'):>9} {_fmt(r.recall, '.4f'):>8} {_fmt(r.f1, '.4f'):>8} "
            f"{_fmt(r.seconds, '.1f'):>8} {_fmt(r.peak_mib, ',.0f'):>9}  {met}"
        )


def machine() -> dict[str, Any]:
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = None
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory_gib = round(pages * size / 1024**3, 1)
    except (ValueError, OSError):
        pass

    def version(name: str) -> str | None:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_gib": memory_gib,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "splink": version("splink"),
        "duckdb": version("duckdb"),
        "pyspark": version("pyspark"),
    }


def git_state() -> dict[str, Any]:
    def git(*arguments: str) -> str:
        completed = subprocess.run(  # noqa: S603
            ["git", *arguments],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return completed.stdout.strip()

    dirty = git("status", "--porcelain", "--", "src/schakel/linkage").splitlines()
    return {"commit": git("rev-parse", "HEAD"), "dirty": dirty}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the 1M-record dedupe")
    names = ", ".join(case.name for case in CASES)
    parser.add_argument("--cases", help=f"comma-separated case names: {names}")
    parser.add_argument("--no-baseline", action="store_true", help="only Schakel's model")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument(
        "--output", type=Path, help=f"default {RESULTS} (full run) or DATA_DIR/{RESULTS.name}"
    )
    parser.add_argument("--timeout", type=float, default=TIMEOUT_MINUTES, help="minutes per run")
    parser.add_argument("--errors", type=int, default=0, help="write N FP/FN examples per run")
    parser.add_argument("--baseline-memory-limit", default="6GB", help="DuckDB, baseline only")
    parser.add_argument(
        "--at-commit",
        metavar="REV",
        help="measure the code of this commit (git archive of src/), not the working tree",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)

    known = {case.name: case for case in CASES}
    if args.cases:
        names = [name.strip() for name in args.cases.split(",") if name.strip()]
        unknown = [name for name in names if name not in known]
        if unknown:
            parser.error(f"unknown case(s): {', '.join(unknown)}")
        cases = [known[name] for name in names]
    else:
        cases = [case for case in CASES if case.quick or not args.quick]
    args.data_dir.mkdir(parents=True, exist_ok=True)
    git_start = git_state()
    if args.at_commit:
        args.source, measured_commit = export_commit(args.at_commit, args.data_dir)
        code_source = f"commit {measured_commit} (git archive into {args.source})"
    else:
        args.source = ROOT / "src"
        measured_commit = git_start["commit"]
        code_source = "working tree" + (" (with uncommitted changes)" if git_start["dirty"] else "")
    print(f"code measured: {code_source}", flush=True)

    started = dt.datetime.now(dt.UTC)
    load_start = [round(x, 2) for x in os.getloadavg()]
    print(f"load average at start: {load_start} on {os.cpu_count()} CPUs", flush=True)
    results: list[Result] = []
    for case in cases:
        methods = ["schakel"] if args.no_baseline or case.spark else ["schakel", "splink-baseline"]
        for method in methods:
            print(f"{case.name} / {method} ...", flush=True)
            result = run_case(case, method, args)
            results.append(result)
            print(
                f"  {result.status.splitlines()[0]}; F1 {_fmt(result.f1, '.4f')}, "
                f"{_fmt(result.seconds, '.1f')} s, {_fmt(result.peak_mib, ',.0f')} MiB, "
                f"load {result.loadavg_before} -> {result.loadavg_after}",
                flush=True,
            )
    load_end = [round(x, 2) for x in os.getloadavg()]
    print()
    print_table(results)
    print(f"\nload average: start {load_start}, end {load_end} ({os.cpu_count()} CPUs; shared)")
    codes = sorted({result.code for result in results if result.code})
    code_changed = len(codes) > 1 or (bool(codes) and code_fingerprint(args.source) != codes[0])
    print(f"code measured: {code_source}; linkage code fingerprint {', '.join(codes) or '-'}")
    if code_changed:
        print("WARNING: the linkage code changed during the run; the runs measured different code")

    document = {
        "benchmark": "linkage_splink",
        "date": started.isoformat(timespec="seconds"),
        "git_at_start": git_start,
        "git_at_end": git_state(),
        "code_measured": code_source,
        "measured_commit": measured_commit,
        "code_fingerprints": codes,
        "code_changed_during_run": code_changed,
        "machine": machine(),
        "loadavg_start": load_start,
        "loadavg_end": load_end,
        "baseline_threshold": THRESHOLD,
        "schakel_threshold": "the CLI's default (no --threshold given); see each run's command",
        "timeout_minutes": args.timeout,
        "baseline_duckdb_memory_limit": args.baseline_memory_limit,
        "peak_memory": (
            "MiB; peak_mib is the larger of peak_tree_pss_mib (the summed PSS of the child's "
            "process group, sampled every 0.2 s) and peak_single_rss_mib (os.wait4 ru_maxrss, "
            "the largest single process)"
        ),
        "targets": {
            "febrl4": {"f1_min": TARGET_F1_FEBRL},
            "nl-100k": {
                "f1_min": TARGET_F1_NL,
                "seconds_max": TARGET_SECONDS_NL_100K,
                "peak_mib_max": TARGET_MIB_NL_100K,
            },
            "nl-dedupe-1m": {"seconds_max": TARGET_SECONDS_DEDUPE},
        },
        "results": [asdict(result) for result in results],
    }
    document["partial"] = bool(args.cases or args.quick)
    if args.output is None:
        # A partial run does not replace the committed figures of a full run.
        args.output = args.data_dir / RESULTS.name if document["partial"] else RESULTS
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
