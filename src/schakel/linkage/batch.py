"""The file side of ``schakel link pairs`` and ``schakel link dedupe``: read and check the
CSV files, normalise, match with the shipped default model (or one estimated on the files), write
the pairs judged to be matches. Nothing is written when anything fails."""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow as pa

from .columnar import normalised_table, read_raw
from .csvio import check_input_file, write_pairs
from .domain.normalise import Person, RawPerson, normalise
from .engine import (
    DEFAULT_THRESHOLD,
    DEFAULT_THRESHOLD_ONE_TO_ONE,
    SOURCE_LEFT,
    SOURCE_RIGHT,
    predict_pairs,
    train,
)
from .progress import QUIET, Progress

# Files above this size are read and normalised in two processes (this machine has two
# cores; normalising is plain Python).
PARALLEL_FROM_BYTES = 2 * 1024 * 1024


def normalise_all(people: Sequence[RawPerson]) -> list[Person]:
    return [normalise(person) for person in people]


def _table_of(path: Path, source: str | None, part: int, parts: int) -> pa.Table:
    raw = read_raw(path)
    size = -(-raw.num_rows // parts)
    return normalised_table(raw.slice(part * size, size), source)


def read_tables(jobs: Sequence[tuple[Path, str | None, int, int]]) -> list[pa.Table]:
    """Read, check and normalise files (or parts of one) into the model's tables; in two
    processes when the files are large. A LinkInputError of either stops everything."""
    for path, *_ in jobs:
        check_input_file(path)
    if len(jobs) < 2 or sum(path.stat().st_size for path, *_ in jobs) < PARALLEL_FROM_BYTES:
        return [_table_of(*job) for job in jobs]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        futures = [pool.submit(_table_of, *job) for job in jobs]
        return [future.result() for future in futures]


def link_files(
    left_path: Path,
    right_path: Path,
    out_path: Path,
    *,
    one_to_one: bool = False,
    threshold: float | None = None,
    train_first: bool = False,
    progress: Progress = QUIET,
) -> int:
    """Link two files; returns the number of pairs written. ``train_first``: estimate the
    model on these files (unsupervised) instead of using the shipped one."""
    model: dict[str, Any] | None = None  # the shipped default
    progress.step(f"lezen en normaliseren: {left_path}, {right_path}")
    tables = read_tables([(left_path, SOURCE_LEFT, 0, 1), (right_path, SOURCE_RIGHT, 0, 1)])
    progress.step(f"{tables[0].num_rows:,} + {tables[1].num_rows:,} records")
    if train_first:
        model = train(tables, "link_only", progress=progress)
    matches = predict_pairs(
        tables,
        "link_only",
        model=model,
        threshold=threshold
        if threshold is not None
        else (DEFAULT_THRESHOLD_ONE_TO_ONE if one_to_one else DEFAULT_THRESHOLD),
        one_to_one=one_to_one,
        progress=progress,
    )
    progress.step(f"schrijven: {len(matches):,} paren naar {out_path}")
    write_pairs(out_path, [(m.left, m.right, m.probability) for m in matches])
    progress.step("klaar")
    return len(matches)


def dedupe_file(
    input_path: Path,
    out_path: Path,
    *,
    threshold: float | None = None,
    train_first: bool = False,
    progress: Progress = QUIET,
) -> int:
    """Find the pairs within one file that are the same young person."""
    model: dict[str, Any] | None = None  # the shipped default
    progress.step(f"lezen en normaliseren: {input_path}")
    halves = read_tables([(input_path, None, 0, 2), (input_path, None, 1, 2)])
    table = pa.concat_tables(halves)
    progress.step(f"{table.num_rows:,} records")
    if train_first:
        model = train([table], "dedupe_only", progress=progress)
    matches = predict_pairs(
        [table],
        "dedupe_only",
        model=model,
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        progress=progress,
    )
    progress.step(f"schrijven: {len(matches):,} paren naar {out_path}")
    write_pairs(out_path, [(m.left, m.right, m.probability) for m in matches])
    progress.step("klaar")
    return len(matches)
