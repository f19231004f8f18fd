"""Missing episodes (vermissingen): checks, "missing now" and the repeated-missing flag.

All moments are timezone-aware datetimes; a naive datetime is a programming error and raises
ValueError, because "14:00" without a zone can be an hour off around daylight saving time.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

REPEATED_MISSING_THRESHOLD: Final = 2
REPEATED_MISSING_WINDOW_DAYS: Final = 90


def require_aware(value: datetime, name: str) -> None:
    """Raise ValueError when ``value`` has no timezone."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got naive {value.isoformat()}")


@dataclass(frozen=True)
class MissingEpisode:
    """One time the young person was missing. ``end`` is None while still missing."""

    start: datetime
    end: datetime | None = None
    found_where: str = ""
    reported_by: str = ""

    def __post_init__(self) -> None:
        require_aware(self.start, "start")
        if self.end is not None:
            require_aware(self.end, "end")

    @property
    def ongoing(self) -> bool:
        return self.end is None


def currently_missing(episodes: Iterable[MissingEpisode]) -> bool:
    """True when an episode has no end yet."""
    return any(episode.ongoing for episode in episodes)


def episodes_in_window(
    episodes: Iterable[MissingEpisode],
    now: datetime,
    *,
    window_days: int = REPEATED_MISSING_WINDOW_DAYS,
) -> list[MissingEpisode]:
    """Episodes that count for the flag, oldest first.

    An episode counts when it started in the window ``[now - window_days, now]`` (both ends
    included), or when it is still going on at ``now``, however long ago it started.
    Episodes that start after ``now`` (a typing error) never count.
    """
    require_aware(now, "now")
    if window_days < 1:
        raise ValueError("window_days must be at least 1")
    window_start = now - timedelta(days=window_days)
    counted = [
        episode
        for episode in episodes
        if episode.start <= now and (episode.start >= window_start or episode.ongoing)
    ]
    return sorted(counted, key=lambda episode: episode.start)


def repeated_missing(
    episodes: Iterable[MissingEpisode],
    now: datetime,
    *,
    threshold: int = REPEATED_MISSING_THRESHOLD,
    window_days: int = REPEATED_MISSING_WINDOW_DAYS,
) -> bool:
    """``threshold`` or more episodes in the window ending at ``now`` (default: 2 in 90 days)."""
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    return len(episodes_in_window(episodes, now, window_days=window_days)) >= threshold


def episode_problems(
    start: datetime,
    end: datetime | None,
    now: datetime,
    *,
    others: Sequence[MissingEpisode] = (),
) -> list[str]:
    """What is wrong with an entered episode, in plain Dutch; empty when it is fine.

    ``others`` are the young person's other episodes, to find overlaps. When an episode is
    edited, leave the episode itself out of ``others``.
    """
    require_aware(start, "start")
    require_aware(now, "now")
    if end is not None:
        require_aware(end, "end")
    problems = []
    if start > now:
        problems.append("Het begin ligt in de toekomst. Vul in wanneer de jongere vermist raakte.")
    if end is not None:
        if end < start:
            problems.append("Het einde ligt voor het begin. Controleer de datum en tijd.")
        if end > now:
            problems.append(
                "Het einde ligt in de toekomst. Laat het einde leeg zolang de jongere "
                "nog vermist is."
            )
    if end is None and any(other.ongoing for other in others):
        problems.append(
            "Er is al een vermissing zonder einde. Vul eerst het einde van die vermissing in."
        )
    elif end is None or end >= start:
        for other in others:
            if _overlap(start, end, other):
                problems.append(
                    "Deze vermissing overlapt met een andere vermissing "
                    f"(begin {other.start:%d-%m-%Y %H:%M}). Controleer de data."
                )
                break
    return problems


def _overlap(start: datetime, end: datetime | None, other: MissingEpisode) -> bool:
    """Two periods share time; a missing end means "still going on"."""
    starts_before_other_ends = other.end is None or start < other.end
    other_starts_before_end = end is None or other.start < end
    return starts_before_other_ends and other_starts_before_end
