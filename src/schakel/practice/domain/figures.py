"""Figures of training coverage and participation, from plain rows (no database)."""

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date


def normalise_text(text: str) -> str:
    """Outer spaces off and runs of inner whitespace as one space."""
    return " ".join(text.split())


def person_key(organisation_id: int, name: str) -> tuple[int, str]:
    """One professional: the same name (any case or spacing) within one organisation."""
    return organisation_id, normalise_text(name).lower()


@dataclass(frozen=True)
class TrainedRow:
    organisation_id: int
    name: str
    user_id: int | None
    level: str


@dataclass(frozen=True)
class CoverageFigures:
    organisations_trained: int
    professionals_trained: int
    accounts_trained: int
    by_level: dict[str, int]


def coverage_figures(
    rows: Iterable[TrainedRow],
    *,
    first_line_organisation_ids: Collection[int],
    professional_account_ids: Collection[int],
    levels: Iterable[str],
) -> CoverageFigures:
    """Count organisations, distinct professionals and linked accounts among the rows.

    Only rows of first-line organisations count; ``levels`` are the codes to report (each
    reported, with 0 when nobody was trained at that level).
    """
    organisations: set[int] = set()
    people: set[tuple[int, str]] = set()
    accounts: set[int] = set()
    per_level: dict[str, set[tuple[int, str]]] = {level: set() for level in levels}
    for row in rows:
        if row.organisation_id not in first_line_organisation_ids:
            continue
        key = person_key(row.organisation_id, row.name)
        organisations.add(row.organisation_id)
        people.add(key)
        if row.user_id is not None and row.user_id in professional_account_ids:
            accounts.add(row.user_id)
        per_level.setdefault(row.level, set()).add(key)
    return CoverageFigures(
        organisations_trained=len(organisations),
        professionals_trained=len(people),
        accounts_trained=len(accounts),
        by_level={level: len(keys) for level, keys in per_level.items()},
    )


@dataclass(frozen=True)
class ActivityRow:
    date: date
    participant_count: int
    what_changed: str
    groups: tuple[str, ...]


@dataclass(frozen=True)
class ParticipationFigures:
    activities: int
    participants: int
    with_change: int
    groups: dict[str, int]
    latest: date | None


def participation_figures(
    rows: Iterable[ActivityRow], *, groups: Iterable[str]
) -> ParticipationFigures:
    """Totals of the activities; an activity without a recorded change has no visible result."""
    activities = participants = with_change = 0
    per_group: Counter[str] = Counter({group: 0 for group in groups})
    latest: date | None = None
    for row in rows:
        activities += 1
        participants += row.participant_count
        if row.what_changed.strip():
            with_change += 1
        per_group.update(set(row.groups))
        if latest is None or row.date > latest:
            latest = row.date
    return ParticipationFigures(
        activities=activities,
        participants=participants,
        with_change=with_change,
        groups=dict(per_group),
        latest=latest,
    )
