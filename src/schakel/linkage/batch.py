"""The file side of ``schakel link pairs`` and ``schakel link dedupe``: read and check the
CSV files, normalise, match with the region-independent default model (or one given), write
the pairs judged to be matches. Nothing is written when anything fails."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .csvio import LinkInputError, read_people, write_pairs
from .domain.normalise import Person, RawPerson, normalise
from .engine import DEFAULT_THRESHOLD, SOURCE_LEFT, SOURCE_RIGHT, person_table, predict_pairs
from .progress import QUIET, Progress


def normalise_all(people: Sequence[RawPerson]) -> list[Person]:
    return [normalise(person) for person in people]


def load_model(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    try:
        model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise LinkInputError(f"Het model {path} kan niet worden gelezen: {error}.") from error
    if not isinstance(model, dict) or "comparisons" not in model:
        raise LinkInputError(f"{path} is geen koppelmodel (Splink-JSON).")
    return model


def link_files(
    left_path: Path,
    right_path: Path,
    out_path: Path,
    *,
    one_to_one: bool = False,
    threshold: float | None = None,
    model_path: Path | None = None,
    progress: Progress = QUIET,
) -> int:
    """Link two files; returns the number of pairs written."""
    model = load_model(model_path)
    progress.step(f"lezen: {left_path}")
    left = read_people(left_path)
    progress.step(f"lezen: {right_path}")
    right = read_people(right_path)
    progress.step(f"normaliseren: {len(left):,} + {len(right):,} records")
    tables = [
        person_table(normalise_all(left), SOURCE_LEFT),
        person_table(normalise_all(right), SOURCE_RIGHT),
    ]
    matches = predict_pairs(
        tables,
        "link_only",
        model=model,
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
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
    model_path: Path | None = None,
    progress: Progress = QUIET,
) -> int:
    """Find the pairs within one file that are the same young person."""
    model = load_model(model_path)
    progress.step(f"lezen: {input_path}")
    people = read_people(input_path)
    progress.step(f"normaliseren: {len(people):,} records")
    table = person_table(normalise_all(people))
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
