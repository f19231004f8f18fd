"""Compare two scans of one municipality, tip by tip: what improved, what did not."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Change(StrEnum):
    BETTER = "beter"
    SAME = "gelijk"
    WORSE = "slechter"
    NEW = "nieuw"  # the tip was not in the earlier scan (another rubric version)


CHANGE_LABELS: dict[Change, str] = {
    Change.BETTER: "Verbeterd",
    Change.SAME: "Gelijk gebleven",
    Change.WORSE: "Achteruitgegaan",
    Change.NEW: "Nieuw in deze versie van de rubriek",
}


@dataclass(frozen=True)
class TipChange:
    tip: int
    title: str
    before: int | None
    now: int
    change: Change

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.change]


def compare_scores(
    now: Mapping[int, tuple[str, int]], before: Mapping[int, tuple[str, int]]
) -> list[TipChange]:
    """Per tip of the newer scan: the earlier and the new score and which way it went."""
    changes: list[TipChange] = []
    for tip in sorted(now):
        title, score = now[tip]
        earlier = before.get(tip)
        if earlier is None:
            changes.append(TipChange(tip, title, None, score, Change.NEW))
            continue
        old = earlier[1]
        change = Change.BETTER if score > old else Change.WORSE if score < old else Change.SAME
        changes.append(TipChange(tip, title, old, score, change))
    return changes


def summary(changes: list[TipChange]) -> dict[Change, int]:
    counts = {change: 0 for change in Change}
    for item in changes:
        counts[item.change] += 1
    return counts
