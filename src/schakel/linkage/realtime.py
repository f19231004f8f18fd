"""Scoring one new record against its candidates, within a second: the same Splink model as
the batch, its scoring SQL made once per process and model, and term frequencies counted in
the region for just the values at hand."""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker

from .engine import FIELD_LABELS, default_model, model_version, rows_table

# Term-frequency columns the model adjusts for.
TF_COLUMNS = ("first_name_canon", "surname", "place")

_SCORERS: dict[str, _Scorer] = {}  # insertion order: least recently used first
_LOCK = threading.Lock()
# The two tables the cached scoring SQL reads; replaced with the records at each call.
_NEW_TABLE = "schakel_score_new"
_CANDIDATES_TABLE = "schakel_score_candidates"


@dataclass(frozen=True)
class Reason:
    """One field of a compared pair: what the model saw and how much it weighed."""

    field: str
    label: str
    level: str
    agrees: bool | None  # None: unknown on one side
    weight: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "label": self.label,
            "level": self.level,
            "agrees": self.agrees,
            "weight": round(self.weight, 2),
        }


@dataclass(frozen=True)
class Scored:
    candidate_id: str
    probability: float
    weight: float
    reasons: tuple[Reason, ...]


def level_labels(model: Mapping[str, Any]) -> dict[str, dict[int, str]]:
    """comparison -> gamma value -> label (Splink numbers levels from the last, 0, upward;
    the null level is -1)."""
    labels: dict[str, dict[int, str]] = {}
    for comparison in model["comparisons"]:
        levels = comparison["comparison_levels"]
        non_null = [level for level in levels if not level.get("is_null_level")]
        mapping = {-1: "onbekend"}
        for position, level in enumerate(non_null):
            mapping[len(non_null) - 1 - position] = level.get("label_for_charts", "")
        labels[comparison["output_column_name"]] = mapping
    return labels


def _input_table(rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Rows of ``engine.person_row`` with their term frequencies (``tf_<column>``)."""
    table = rows_table([dict(row) for row in rows])
    for column in TF_COLUMNS:
        values = [row.get(f"tf_{column}") for row in rows]
        table = table.append_column(f"tf_{column}", pa.array(values, type=pa.float64()))
    return table


class _Scorer:
    """A model's scoring SQL, made once by Splink and kept with its DuckDB connection.

    Splink's ``score_pairs`` builds the same SQL again on every call, which costs about half
    a second; here it is captured once (the inputs always have the same columns) and run on
    the records of each call."""

    def __init__(self, model: Mapping[str, Any]) -> None:
        self.labels = level_labels(model)
        self._lock = threading.Lock()
        self._connection = duckdb.connect()
        db_api = DuckDBAPI(connection=self._connection)
        sample = _input_table([{"unique_id": "_"}])
        self._connection.register(_NEW_TABLE, sample)
        self._connection.register(_CANDIDATES_TABLE, sample)
        settings = dict(model)
        settings["link_type"] = "dedupe_only"
        settings["retain_matching_columns"] = False
        settings["retain_intermediate_calculation_columns"] = True
        linker = Linker(db_api.register(sample), settings, log_level=logging.WARNING)
        new_frame = db_api.table_to_splink_dataframe("new", _NEW_TABLE)
        candidates_frame = db_api.table_to_splink_dataframe("candidates", _CANDIDATES_TABLE)
        # Once as Splink runs it (it prepares and caches its term-frequency tables), then
        # again with its SQL captured instead of run.
        linker.inference.score_pairs(new_frame, candidates_frame)
        captured: list[str] = []
        run = db_api.sql_pipeline_to_splink_dataframe

        def capture(pipeline: Any) -> None:
            captured.append(pipeline.generate_cte_pipeline_sql())

        db_api.sql_pipeline_to_splink_dataframe = capture  # type: ignore[method-assign]
        try:
            linker.inference.score_pairs(new_frame, candidates_frame)
        finally:
            db_api.sql_pipeline_to_splink_dataframe = run  # type: ignore[method-assign]
        if len(captured) != 1:  # pragma: no cover - a Splink upgrade changed score_pairs
            raise RuntimeError("Splink's scoring SQL could not be captured.")
        self._sql = captured[0]

    def rows(
        self, new: Mapping[str, Any], candidates: Sequence[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        with self._lock:
            self._connection.register(_NEW_TABLE, _input_table([new]))
            self._connection.register(_CANDIDATES_TABLE, _input_table(candidates))
            cursor = self._connection.execute(self._sql)
            names = [column[0] for column in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# Scorers kept per process: one per model version in use (the shipped model and the regions'
# own trained models); the least recently used goes when a new one comes.
MAX_SCORERS = 8


def _scorer(model: Mapping[str, Any], version: str) -> _Scorer:
    with _LOCK:
        scorer = _SCORERS.pop(version, None)
        if scorer is None:
            scorer = _Scorer(model)
            while len(_SCORERS) >= MAX_SCORERS:
                del _SCORERS[next(iter(_SCORERS))]
        _SCORERS[version] = scorer  # last in the dict: the most recently used
        return scorer


def warm_up() -> None:
    """Build the shipped model's scorer now (about two seconds), so that the first signal
    after a server start does not wait for it. Web servers call this in the background."""
    model = default_model()
    _scorer(model, model_version(model))


def score(
    new: Mapping[str, Any],
    candidates: Sequence[Mapping[str, Any]],
    *,
    model: Mapping[str, Any],
    version: str,
    frequencies: Mapping[str, Mapping[str, float]],
) -> list[Scored]:
    """Score ``new`` against each candidate (rows of ``engine.person_row``)."""
    if not candidates:
        return []
    scorer = _scorer(model, version)

    def with_tf(row: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(row)
        for column in TF_COLUMNS:
            value = row.get(column)
            out[f"tf_{column}"] = frequencies.get(column, {}).get(value) if value else None
        return out

    result = scorer.rows(with_tf(new), [with_tf(row) for row in candidates])
    scored = []
    for row in result:
        other = (
            row["unique_id_r"]
            if str(row["unique_id_l"]) == str(new["unique_id"])
            else row["unique_id_l"]
        )
        scored.append(
            Scored(
                candidate_id=str(other),
                probability=float(row["match_probability"]),
                weight=float(row["match_weight"]),
                reasons=reasons_of(row, scorer.labels),
            )
        )
    scored.sort(key=lambda item: -item.probability)
    return scored


def reasons_of(
    row: Mapping[str, Any], labels: Mapping[str, Mapping[int, str]]
) -> tuple[Reason, ...]:
    """Per comparison of a scored pair (Splink's ``gamma_*`` and ``mw_*`` columns): the level,
    for or against, and its weight. ``labels``: ``level_labels`` of the model."""
    reasons = []
    for name, mapping in labels.items():
        gamma = int(row.get(f"gamma_{name}", -1))
        # Splink gives each comparison's match weight (log2 of its Bayes factor) and the
        # term-frequency adjustment apart.
        weight = float(row.get(f"mw_{name}") or 0.0)
        weight += float(row.get(f"mw_tf_adj_{name}") or 0.0)
        if name == "household" and gamma <= 0:
            continue  # only shown when it says something: the twin situation
        reasons.append(
            Reason(
                field=name,
                label=FIELD_LABELS.get(name, name),
                level=mapping.get(gamma, ""),
                agrees=None if gamma == -1 else weight > 0,
                weight=0.0 if gamma == -1 else weight,
            )
        )
    return tuple(reasons)
