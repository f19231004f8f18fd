"""Scoring one new record against its candidates, within a second: the same Splink model as
the batch, with a linker kept per process and model, and term frequencies counted in the
region for just the values at hand."""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
from splink import DuckDBAPI, Linker

from .engine import FIELD_LABELS, rows_table

# Term-frequency columns the model adjusts for.
TF_COLUMNS = ("first_name_canon", "surname", "place")

_LINKERS: dict[str, tuple[Linker, dict[str, dict[int, str]]]] = {}
_LOCK = threading.Lock()


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


def _level_labels(model: Mapping[str, Any]) -> dict[str, dict[int, str]]:
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


def _linker(model: Mapping[str, Any], version: str) -> tuple[Linker, dict[str, dict[int, str]]]:
    with _LOCK:
        if version not in _LINKERS:
            db_api = DuckDBAPI(connection=duckdb.connect())
            frame = db_api.register(rows_table([{"unique_id": "_"}]))
            settings = dict(model)
            settings["link_type"] = "dedupe_only"
            settings["retain_matching_columns"] = False
            settings["retain_intermediate_calculation_columns"] = True
            linker = Linker(frame, settings, log_level=logging.WARNING)
            _LINKERS.clear()  # one model per process is enough: a new version replaces it
            _LINKERS[version] = (linker, _level_labels(model))
        return _LINKERS[version]


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
    linker, labels = _linker(model, version)

    def with_tf(row: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(row)
        for column in TF_COLUMNS:
            value = row.get(column)
            out[f"tf_{column}"] = frequencies.get(column, {}).get(value) if value else None
        return out

    result = linker.inference.score_pairs([with_tf(new)], [with_tf(row) for row in candidates])
    scored = []
    for row in result.as_record_list():
        other = (
            row["unique_id_r"]
            if str(row["unique_id_l"]) == str(new["unique_id"])
            else row["unique_id_l"]
        )
        reasons = []
        for name, mapping in labels.items():
            gamma = int(row.get(f"gamma_{name}", -1))
            # Splink gives each comparison's match weight (log2 of its Bayes factor) and
            # the term-frequency adjustment apart.
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
        scored.append(
            Scored(
                candidate_id=str(other),
                probability=float(row["match_probability"]),
                weight=float(row["match_weight"]),
                reasons=tuple(reasons),
            )
        )
    scored.sort(key=lambda item: -item.probability)
    return scored
