"""Bench: privacy-preserving linkage (``schakel link encode`` + ``match-encodings``).

Runs the real commands as a partner would (one process each, Django start included) on the
Dutch synthetic set of ``linkage_datagen.py`` (100,000 x 100,000, overlap 0.5) and measures
wall time and peak memory (the child's maximum resident set, from ``os.wait4``), then scores
the pairs against the truth (precision, recall, F1). Baselines in the same run, on a sample of
10,000 x 10,000 encoded with the same secret: the same encodings compared without blocking
(every pair, numpy), our LSH on the sample, and anonlink (``find_candidate_pairs`` +
``greedy_solve``) when a Python with anonlink is given (``--anonlink-python``; it is not a
project dependency, see docs/adr/0010). FEBRL 4 too, when ``linkage_febrl.py`` can load it.

    .venv/bin/python bench/linkage_pprl.py [--n 100000] [--data-dir /tmp/linkdata]
        [--sample 10000] [--anonlink-python /tmp/anon/bin/python] [--skip-febrl]

Prints the figures and writes bench/results/linkage_pprl.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.config.settings.test")

import numpy as np  # noqa: E402

from schakel.linkage import pprl  # noqa: E402
from schakel.linkage.csvio import read_people  # noqa: E402
from schakel.linkage.domain import bloom  # noqa: E402
from schakel.linkage.domain.bloom import LinkageFields  # noqa: E402
from schakel.linkage.domain.normalise import normalise  # noqa: E402

SCHAKEL = Path(sys.executable).with_name("schakel")

ANONLINK_SCRIPT = """
import json, sys, time
import numpy as np, bitarray
from anonlink import candidate_generation, similarities, solving
a = np.load(sys.argv[1]); b = np.load(sys.argv[2]); threshold = float(sys.argv[3])
def bits(rows):
    out = []
    for row in rows:
        value = bitarray.bitarray(); value.frombytes(row.tobytes()); out.append(value)
    return out
start = time.perf_counter()
candidates = candidate_generation.find_candidate_pairs(
    [bits(a), bits(b)], similarities.dice_coefficient_accelerated, threshold)
pairs = solving.greedy_solve(candidates)
found = [[left[1], right[1]] if left[0] == 0 else [right[1], left[1]] for left, right in pairs]
print(json.dumps({"seconds": time.perf_counter() - start, "pairs": found}))
"""


def log(text: str) -> None:
    print(text, flush=True)


def run_timed(args: list[str]) -> dict[str, Any]:
    """Run a command; wall seconds, peak memory (MB) of the child, its stderr."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err)  # noqa: S603
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(args)} failed ({code}):\n{stderr}")
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "log": stderr,
    }


def read_truth(path: Path) -> set[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        return {(row[0], row[1]) for row in reader}


def score(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, float]:
    hits = len(found & truth)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": len(found),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def full_run(data: Path, work: Path, key: Path) -> dict[str, Any]:
    """The two commands on the whole files, as a partner runs them."""
    result: dict[str, Any] = {}
    for side in ("left", "right"):
        log(f"encode {side} ...")
        result[f"encode_{side}"] = run_timed(
            [
                *(str(SCHAKEL), "link", "encode", str(data / f"{side}.csv")),
                *("--secret-file", str(key), "--out", str(work / f"{side}.enc")),
            ]
        )
        log(f"  {result[f'encode_{side}']['seconds']} s, {result[f'encode_{side}']['peak_mb']} MB")
    log("match-encodings ...")
    pairs_path = work / "pairs.csv"
    result["match"] = run_timed(
        [
            *(str(SCHAKEL), "link", "match-encodings"),
            *(str(work / "left.enc"), str(work / "right.enc"), "--out", str(pairs_path)),
        ]
    )
    log(f"  {result['match']['seconds']} s, {result['match']['peak_mb']} MB")
    with pairs_path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        found = {(row[0], row[1]) for row in reader}
    result["quality"] = score(found, read_truth(data / "truth.csv"))
    result["total_seconds"] = round(
        sum(result[step]["seconds"] for step in ("encode_left", "encode_right", "match")), 2
    )
    result["enc_mb"] = round((work / "left.enc").stat().st_size / 1024 / 1024, 1)
    # The in-process figures of the match (without Django's start), from its progress lines.
    return result


def encode_sample(
    data: Path, secret: bytes, size: int
) -> tuple[pprl.EncodingFile, pprl.EncodingFile, set[tuple[str, str]]]:
    """``size`` left records and as many right ones (their true partners first)."""
    truth = read_truth(data / "truth.csv")
    left = read_people(data / "left.csv")[:size]
    chosen = {person.record_id for person in left}
    partners = {b for a, b in truth if a in chosen}
    right_all = read_people(data / "right.csv")
    right = [p for p in right_all if p.record_id in partners]
    others = [p for p in right_all if p.record_id not in partners]
    random.Random(4).shuffle(others)
    right += others[: size - len(right)]
    files = []
    for people in (left, right):
        records = [(p.record_id, LinkageFields.from_person(normalise(p))) for p in people]
        data_bytes, _ = pprl.encode_records(records, secret)
        files.append(pprl.parse_encoding(data_bytes, name="sample"))
    sample_truth = {(a, b) for a, b in truth if a in chosen}
    return files[0], files[1], sample_truth


def pairs_of(
    first: pprl.EncodingFile, second: pprl.EncodingFile, matches: bloom.Matches
) -> set[tuple[str, str]]:
    return {
        (first.record_ids[i], second.record_ids[j])
        for i, j in zip(matches.left.tolist(), matches.right.tolist(), strict=True)
    }


def sample_run(data: Path, secret: bytes, size: int, anonlink: str | None) -> dict[str, Any]:
    first, second, truth = encode_sample(data, secret, size)
    threshold = pprl.DEFAULT_THRESHOLD
    result: dict[str, Any] = {"size": size, "true_pairs": len(truth)}
    start = time.perf_counter()
    every = bloom.match_exhaustive(first.filters, second.filters, threshold=threshold, chunk=16)
    result["exhaustive"] = {
        "seconds": round(time.perf_counter() - start, 2),
        "comparisons": every.candidates,
        **score(pairs_of(first, second, every), truth),
    }
    log(f"sample exhaustive: {result['exhaustive']}")
    start = time.perf_counter()
    seed = int(first.fingerprint[:8], 16)
    blocked = bloom.match(
        first.filters,
        second.filters,
        threshold=threshold,
        parameters=bloom.LshParameters(seed=seed),
    )
    result["lsh"] = {
        "seconds": round(time.perf_counter() - start, 2),
        "comparisons": blocked.candidates,
        **score(pairs_of(first, second, blocked), truth),
    }
    log(f"sample LSH: {result['lsh']}")
    if anonlink:
        with tempfile.TemporaryDirectory() as folder:
            a, b = Path(folder) / "a.npy", Path(folder) / "b.npy"
            np.save(a, first.filters.view(np.uint8))
            np.save(b, second.filters.view(np.uint8))
            done = subprocess.run(  # noqa: S603
                [anonlink, "-c", ANONLINK_SCRIPT, str(a), str(b), str(threshold)],
                capture_output=True,
                text=True,
                check=False,
            )
        if done.returncode == 0:
            answer = json.loads(done.stdout)
            found = {(first.record_ids[i], second.record_ids[j]) for i, j in answer["pairs"]}
            result["anonlink"] = {"seconds": round(answer["seconds"], 2), **score(found, truth)}
        else:
            result["anonlink"] = {"error": done.stderr.strip().splitlines()[-1:]}
        log(f"sample anonlink: {result['anonlink']}")
    return result


def febrl_run(work: Path, key: Path) -> dict[str, Any] | None:
    folder = work / "febrl"
    folder.mkdir()
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(HERE / "linkage_febrl.py"), "--out-dir", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not (folder / "truth.csv").exists():
        log(f"FEBRL 4 not available: {done.stderr.strip()[-300:]}")
        return None
    log("FEBRL 4 ...")
    result = full_run(folder, folder, key)
    for step in ("encode_left", "encode_right", "match"):
        result[step].pop("log")
    log(f"  FEBRL 4: {result['quality']}, {result['total_seconds']} s")
    return result


def machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/linkdata"))  # noqa: S108
    parser.add_argument("--sample", type=int, default=10_000)
    parser.add_argument("--anonlink-python", default="")
    parser.add_argument("--skip-febrl", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "linkage_pprl.json")
    args = parser.parse_args(argv)

    data = args.data_dir
    if not (data / "truth.csv").exists():
        log(f"generating {args.n:,} x {args.n:,} in {data} ...")
        subprocess.run(  # noqa: S603
            [
                *(sys.executable, str(HERE / "linkage_datagen.py"), "pairs", "--n", str(args.n)),
                *("--overlap", "0.5", "--seed", "1", "--out-dir", str(data)),
            ],
            check=True,
        )
    report: dict[str, Any] = {"machine": machine(), "threshold": pprl.DEFAULT_THRESHOLD}
    # ``schakel link`` runs without Django's system checks (they load every URL module; the
    # monitor's imports opendp and scikit-learn), seconds that are not linkage work.
    checks = run_timed([str(SCHAKEL), "check"])
    report["django_checks_seconds"] = checks["seconds"]
    log(f"(Django's system checks alone: {checks['seconds']} s, not counted below)")
    report["encoding"] = {
        "base_bits": bloom.BASE_BITS,
        "filter_bits": bloom.FILTER_BITS,
        "hardening": bloom.HARDENING,
        "fields": {field.code: field.k for field in bloom.FIELDS},
        "lsh": {
            "bands": bloom.LshParameters().bands,
            "bits": 8 * bloom.LshParameters().bytes_per_band,
        },
    }
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        secret = secrets.token_bytes(32)
        key = work / "bench.key"
        key.write_text(secret.hex())
        full = full_run(data, work, key)
        report["dutch_100k"] = {
            "n": args.n,
            **{k: v for k, v in full.items() if k not in ("encode_left", "encode_right", "match")},
        }
        for step in ("encode_left", "encode_right", "match"):
            report["dutch_100k"][step] = {k: v for k, v in full[step].items() if k != "log"}
            report["dutch_100k"][step]["progress"] = full[step]["log"].strip().splitlines()
        log(f"Dutch {args.n:,} x {args.n:,}: {full['quality']}, {full['total_seconds']} s total")
        report["sample"] = sample_run(data, secret, args.sample, args.anonlink_python or None)
        if not args.skip_febrl:
            report["febrl4"] = febrl_run(work, key)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    log(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
