"""Which quarters a measure's before/after view compares, and what may be said about them.

Pure Python: the numbers come in as the strings the monitor's disclosure control published
("12", "<5", "x"); nothing here looks at a raw count. A sum is made only of numbers that are
all shown, so no hidden number can be worked out from it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from schakel.monitor.domain.indicators import Span

MAX_QUARTERS: Final = 4
# Below this many in the quarters before or after, a difference says nothing.
SMALL_TOTAL: Final = 20


def quarter_of(day: date) -> Span:
    """The calendar quarter ``day`` falls in."""
    return Span(day.year, (day.month + 2) // 3)


def following(span: Span) -> Span:
    """The quarter after ``span``."""
    if span.quarter is None:
        raise ValueError("Only quarters have a next quarter here.")
    if span.quarter == 4:
        return Span(span.year + 1, 1)
    return Span(span.year, span.quarter + 1)


@dataclass(frozen=True)
class Comparison:
    """The quarters before the start quarter and those from it on (the same number of each,
    oldest first); both empty when no quarter since the start has ended yet."""

    before: tuple[Span, ...]
    after: tuple[Span, ...]
    start: Span

    @property
    def quarters(self) -> int:
        return len(self.after)

    @property
    def first_possible(self) -> date:
        """The first day on which there is something to compare: after the start quarter."""
        return self.start.period.end + timedelta(days=1)


def comparison(start: date, today: date, max_quarters: int = MAX_QUARTERS) -> Comparison:
    """The N quarters before the quarter in which the measure started, and the N quarters
    from that quarter on; N is how many of those have ended by ``today`` (at most
    ``max_quarters``). Only whole quarters that have ended: the monitor publishes nothing
    else."""
    first = quarter_of(start)
    after: list[Span] = []
    span = first
    while len(after) < max_quarters and span.period.end < today:
        after.append(span)
        span = following(span)
    before: list[Span] = []
    span = first
    for _ in after:
        span = span.previous()
        before.insert(0, span)
    return Comparison(before=tuple(before), after=tuple(after), start=first)


@dataclass(frozen=True)
class Verdict:
    """What may be said about one indicator's numbers before and after."""

    before_total: int | None  # None: not every quarter is shown, or a state (no sum)
    after_total: int | None
    hidden: bool  # some quarter is "<5" or "x", or the whole table is withheld
    too_small: bool  # say that nothing can be concluded

    @property
    def difference(self) -> int | None:
        """After minus before, only from two totals that are both published."""
        if self.before_total is None or self.after_total is None:
            return None
        return self.after_total - self.before_total


def _shown(cell: str) -> int | None:
    return int(cell) if cell.isdigit() else None


def _total(cells: Sequence[str]) -> int | None:
    values = [_shown(cell) for cell in cells]
    if not values or any(value is None for value in values):
        return None
    return sum(value for value in values if value is not None)


def judge(
    before: Sequence[str] | None,
    after: Sequence[str] | None,
    *,
    stock: bool = False,
    small: int = SMALL_TOTAL,
) -> Verdict:
    """The verdict on published cells (None: the table was withheld). Events are summed per
    side when every quarter is shown; a state (``stock``) is never summed, and is small when
    any shown quarter is below ``small``."""
    if before is None or after is None:
        return Verdict(None, None, hidden=True, too_small=True)
    hidden = any(_shown(cell) is None for cell in [*before, *after])
    if stock:
        shown = [_shown(cell) for cell in [*before, *after]]
        too_small = hidden or any(value is not None and value < small for value in shown)
        return Verdict(None, None, hidden=hidden, too_small=too_small)
    before_total, after_total = _total(before), _total(after)
    too_small = (
        hidden
        or before_total is None
        or after_total is None
        or before_total < small
        or after_total < small
    )
    return Verdict(before_total, after_total, hidden=hidden, too_small=too_small)
