"""Disclosure control: which published counts must be hidden so that no child can be recognised.

Every chart, table, map and export of the monitor passes its numbers through ``protect``.
The numbers are a linear ``Model``: cells (non-negative counts, each with a key) and sum
relations between them (a row total is the sum of its row, a year the sum of its quarters, a
region the sum of its municipalities). Everything that is published together, in whatever
form, must be one model: the map and the table of the same figures are the same cells.

1. Primary suppression: every cell with 0 < value < threshold is hidden and shown as "<5".
   A zero is published (a zero names no child), unless ``Policy.suppress_zeros``.
2. Secondary suppression: no sum relation may have exactly one hidden member (it would be
   the total minus the rest). Hidden cells that are not small are shown as "x".
3. Audit: an attacker solves linear programmes (scipy's HiGHS) to find, for every small
   cell, the smallest and largest value consistent with everything published. Two attackers:
   the *naive* one knows the numbers, the sums and that counts are not negative; the
   *informed* one also reads the markers ("<5" is 1 to 4, "x" is at least 5, a rounded 10 is 8
   to 12 and not 1 to 4). A small cell is protected when the naive attacker's range is at
   least ``Policy.protection`` wide and the informed attacker is left with at least two
   possible values. A cell that is not protected gets room: in the table with more cells
   hidden, a solution is sought where it lies far enough from its true value while the
   fewest shown counts move; those are hidden, and the audit runs again.
4. When the markers themselves give a cell away (four cells "<5" and their total "<5": each
   is 1), the whole table is done with the zeros hidden as "<5" too. When even that cannot
   protect it, ``DisclosureError``: publish nothing of this table.

docs/adr/0008-disclosure-control.md explains the choices.
"""

import copy
import math
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog  # type: ignore[import-untyped]
from scipy.sparse import csr_array  # type: ignore[import-untyped]

Key = tuple[str, ...]

TOTAL: Final = "Totaal"
DEFAULT_THRESHOLD: Final = 5
MIN_THRESHOLD: Final = 3
SECONDARY_MARKER: Final = "x"  # CBS's sign for "geheim": hidden so small counts stay hidden
# The informed attacker must be left with at least this many possible values of a small cell.
MIN_VALUES_LEFT: Final = 2
_EPS: Final = 1e-6


class DisclosureError(ValueError):
    """No suppression pattern protects this table: publish none of it."""


# -- the model -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """``total`` is published as the sum of ``parts``."""

    total: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True)
class Model:
    """Every published cell with its true count, and the sums that hold between them.

    The order of ``values`` is the model's order: ties are broken by it, so the same model
    always gives the same pattern. A cell that is the total of no relation is a base cell.
    """

    values: Mapping[Key, int]
    relations: tuple[Relation, ...]
    _totals: frozenset[Key] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for key, value in self.values.items():
            if not isinstance(key, tuple) or not all(isinstance(part, str) for part in key):
                raise ValueError(f"A cell key is a tuple of strings, not {key!r}.")
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"Cell {key} must be a non-negative whole count, not {value!r}.")
        for relation in self.relations:
            members = (relation.total, *relation.parts)
            unknown = [key for key in members if key not in self.values]
            if unknown:
                raise ValueError(f"Relation for {relation.total} names unknown cells {unknown}.")
            if not relation.parts or len(set(members)) != len(members):
                raise ValueError(f"Relation for {relation.total} needs distinct parts.")
            parts_sum = sum(self.values[key] for key in relation.parts)
            if parts_sum != self.values[relation.total]:
                raise ValueError(
                    f"Cell {relation.total} is {self.values[relation.total]}, "
                    f"but its parts add up to {parts_sum}."
                )
        object.__setattr__(self, "_totals", frozenset(r.total for r in self.relations))

    def is_total(self, key: Key) -> bool:
        return key in self._totals

    @property
    def base(self) -> tuple[Key, ...]:
        return tuple(key for key in self.values if key not in self._totals)


def model_from_sums(base: Mapping[Key, int], sums: Iterable[tuple[Key, Sequence[Key]]]) -> Model:
    """A model from base counts and aggregates, each the sum of cells named before it.

    The same aggregate may be named twice (a grand total as the sum of the rows and as the sum
    of the columns): both become relations, and they must agree.
    """
    values = dict(base)
    relations = []
    for total, parts in sums:
        missing = [key for key in parts if key not in values]
        if missing:
            raise ValueError(f"Aggregate {total} is the sum of cells not named before: {missing}.")
        value = sum(values[key] for key in parts)
        if values.setdefault(total, value) != value:
            raise ValueError(f"Aggregate {total} is defined twice with different sums.")
        if parts:  # the sum of nothing is a plain 0
            relations.append(Relation(total, tuple(parts)))
    return Model(values, tuple(relations))


def _labels(given: Sequence[str] | None, seen: Iterable[str], what: str) -> list[str]:
    labels = list(dict.fromkeys(seen)) if given is None else list(given)
    if len(set(labels)) != len(labels) or TOTAL in labels:
        raise ValueError(f"The {what} must be distinct and none may be called {TOTAL!r}.")
    return labels


def _table_sums(
    prefix: Key,
    rows: Sequence[str],
    columns: Sequence[str],
    row_groups: Mapping[str, Sequence[str]],
) -> list[tuple[Key, list[Key]]]:
    """The margins of one table: row totals, column totals, group rows, the grand total."""
    columns_and_total = [*columns, TOTAL]
    sums: list[tuple[Key, list[Key]]] = []
    sums += [((*prefix, row, TOTAL), [(*prefix, row, col) for col in columns]) for row in rows]
    sums += [
        ((*prefix, TOTAL, col), [(*prefix, row, col) for row in rows]) for col in columns_and_total
    ]
    sums.append(((*prefix, TOTAL, TOTAL), [(*prefix, TOTAL, col) for col in columns]))
    for group, members in row_groups.items():
        sums += [
            ((*prefix, group, col), [(*prefix, row, col) for row in members])
            for col in columns_and_total
        ]
        sums.append(((*prefix, group, TOTAL), [(*prefix, group, col) for col in columns]))
    grouped = [row for members in row_groups.values() for row in members]
    if row_groups and sorted(grouped) == sorted(rows):  # the groups split the rows: a region
        sums += [
            ((*prefix, TOTAL, col), [(*prefix, group, col) for group in row_groups])
            for col in columns_and_total
        ]
    return sums


def _check_groups(row_groups: Mapping[str, Sequence[str]], rows: Sequence[str]) -> None:
    for group, members in row_groups.items():
        if group in rows or group == TOTAL:
            raise ValueError(f"Row group {group!r} has the name of a row or of the total.")
        if not members or any(row not in rows for row in members):
            raise ValueError(f"Row group {group!r} must name existing rows.")
        if len(set(members)) != len(members):
            raise ValueError(f"Row group {group!r} names a row twice.")


def model_from_table(
    counts: Mapping[tuple[str, str], int],
    *,
    rows: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    row_groups: Mapping[str, Sequence[str]] | None = None,
) -> Model:
    """A two-way table (say municipality x age band) with its margins.

    Keys: ``(row, column)``, ``(row, TOTAL)``, ``(TOTAL, column)`` and ``(TOTAL, TOTAL)``.
    ``row_groups`` adds a row per group (a region: the sum of its municipalities).
    Cells missing from ``counts`` are 0 when ``rows`` and ``columns`` are given.
    """
    row_labels = _labels(rows, (row for row, _c in counts), "rows")
    col_labels = _labels(columns, (col for _r, col in counts), "columns")
    groups = dict(row_groups or {})
    _check_groups(groups, row_labels)
    unknown = [key for key in counts if key[0] not in row_labels or key[1] not in col_labels]
    if unknown:
        raise ValueError(f"Counts for rows or columns not in the table: {unknown}.")
    base: dict[Key, int] = {
        (row, col): counts.get((row, col), 0) for row in row_labels for col in col_labels
    }
    return model_from_sums(base, _table_sums((), row_labels, col_labels, groups))


def model_from_periods(
    tables: Mapping[str, Mapping[tuple[str, str], int]],
    *,
    combined: Mapping[str, Sequence[str]] | None = None,
    rows: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    row_groups: Mapping[str, Sequence[str]] | None = None,
) -> Model:
    """One two-way table per period (say per quarter), and tables over several periods.

    ``combined`` names the longer periods and the periods they add up (a year; the first
    half year; "up to and including the third quarter", which, next to the year, gives away
    the fourth quarter unless it is protected). By default one: ``TOTAL``, all periods.
    Keys: ``(period, row, column)``, with ``TOTAL`` for margins. Every table has the same rows
    and columns (all that occur in any period).
    """
    if not tables:
        raise ValueError("At least one period is needed.")
    periods = list(tables)
    longer = dict(combined) if combined is not None else {TOTAL: periods}
    for name, members in longer.items():
        if name in tables or not members or any(p not in tables for p in members):
            raise ValueError(f"Combined period {name!r} must be new and add up known periods.")
        if len(set(members)) != len(members):
            raise ValueError(f"Combined period {name!r} names a period twice.")
    row_labels = _labels(rows, (r for t in tables.values() for r, _c in t), "rows")
    col_labels = _labels(columns, (c for t in tables.values() for _r, c in t), "columns")
    groups = dict(row_groups or {})
    _check_groups(groups, row_labels)
    base: dict[Key, int] = {}
    for period, counts in tables.items():
        unknown = [k for k in counts if k[0] not in row_labels or k[1] not in col_labels]
        if unknown:
            raise ValueError(f"Counts for rows or columns not in the table: {unknown}.")
        base |= {
            (period, row, col): counts.get((row, col), 0)
            for row in row_labels
            for col in col_labels
        }
    sums: list[tuple[Key, list[Key]]] = []
    for period in periods:
        sums += _table_sums((period,), row_labels, col_labels, groups)
    layout = [(row, col) for row in [*row_labels, *groups, TOTAL] for col in [*col_labels, TOTAL]]
    for name, members in longer.items():
        sums += [((name, row, col), [(p, row, col) for p in members]) for row, col in layout]
        sums += _table_sums((name,), row_labels, col_labels, groups)
    return model_from_sums(base, sums)


# -- the policy ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    """How strictly to protect.

    ``threshold``: counts from 1 to threshold - 1 are hidden (default 5; never below 3).
    ``rounding``: publish every shown count rounded to a multiple of this (at most twice the
    threshold, so that a published 0 still means 0). ``protection``: how wide the naive
    attacker's range for a hidden small count must at least be (default: the threshold).
    ``suppress_zeros``: hide zeros as "<5" too.
    """

    threshold: int = DEFAULT_THRESHOLD
    rounding: int | None = None
    protection: int | None = None
    suppress_zeros: bool = False

    def __post_init__(self) -> None:
        if not _is_int(self.threshold) or self.threshold < MIN_THRESHOLD:
            raise ValueError(
                f"De drempel voor kleine aantallen moet een geheel getal van minstens "
                f"{MIN_THRESHOLD} zijn, niet {self.threshold!r}: bij een lagere drempel "
                f"zijn kinderen te herkennen."
            )
        if self.rounding is not None and (
            not _is_int(self.rounding) or not 2 <= self.rounding <= 2 * self.threshold
        ):
            raise ValueError(
                f"Afronden kan op een veelvoud van 2 tot en met {2 * self.threshold} "
                f"(twee keer de drempel), niet op {self.rounding!r}."
            )
        if self.protection is not None and (not _is_int(self.protection) or self.protection < 1):
            raise ValueError(
                f"De beschermingsmarge moet een geheel getal van minstens 1 zijn, "
                f"niet {self.protection!r}."
            )

    @property
    def required_width(self) -> int:
        return self.threshold if self.protection is None else self.protection

    @property
    def small_marker(self) -> str:
        return f"<{self.threshold}"

    def rounded(self, value: int) -> int:
        """Round half up to a multiple of ``rounding`` (unchanged without rounding)."""
        base = self.rounding
        return value if base is None else base * ((2 * value + base) // (2 * base))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- the result ------------------------------------------------------------------------------


class Status(StrEnum):
    PUBLISHED = "published"
    PRIMARY = "primary"  # 0 < value < threshold: shown as "<5"
    HIDDEN_ZERO = "hidden_zero"  # a zero shown as "<5" (suppress_zeros, or the fallback)
    SECONDARY = "secondary"  # hidden so that a small count cannot be derived: shown as "x"


@dataclass(frozen=True)
class Interval:
    low: float
    high: float  # math.inf: the attacker finds no upper bound

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def whole_values(self) -> int:
        """How many whole counts lie in the range."""
        if math.isinf(self.high):
            return 2**31
        return max(0, math.floor(self.high + _EPS) - math.ceil(self.low - _EPS) + 1)


@dataclass(frozen=True)
class Audit:
    """Values of one hidden small count that each attacker cannot rule out.

    Every value in these ranges is proven consistent with what is published (the audit found
    a solution there); the attacker's full range may be wider, never narrower. A range that
    reaches past every count in the table is reported as unbounded (``math.inf``)."""

    naive: Interval  # knows the numbers, the sums, and that counts are not negative
    informed: Interval  # also reads the markers: "<5" is below 5, "x" at least 5


@dataclass(frozen=True)
class ProtectedTable:
    """What may be published: per cell its (rounded) count, or ``None`` when hidden."""

    policy: Policy
    published: Mapping[Key, int | None]
    status: Mapping[Key, Status]
    primary: frozenset[Key]
    secondary: frozenset[Key]
    hidden_zeros: frozenset[Key]
    audit: Mapping[Key, Audit]  # per primary cell
    zeros_hidden: bool  # True when zeros are shown as "<5" (asked, or needed)

    def display(self, key: Key) -> str:
        """The text to show: the count, "<5" for small counts, "x" for other hidden ones."""
        status = self.status[key]
        if status in (Status.PRIMARY, Status.HIDDEN_ZERO):
            return self.policy.small_marker
        if status is Status.SECONDARY:
            return SECONDARY_MARKER
        return str(self.published[key])

    def is_hidden(self, key: Key) -> bool:
        return self.status[key] is not Status.PUBLISHED


# -- protection ------------------------------------------------------------------------------


class _Unprotectable(Exception):
    def __init__(self, keys: Sequence[Key]) -> None:
        self.keys = list(keys)
        super().__init__(f"Cannot protect {self.keys}")


def protect(model: Model, policy: Policy | None = None) -> ProtectedTable:
    """Hide what must be hidden, and prove with the attackers that it stays hidden."""
    policy = policy or Policy()
    hide_zeros = policy.suppress_zeros or _markers_give_away(model, policy)
    try:
        return _Protection(model, policy, hide_zeros=hide_zeros).run()
    except _Unprotectable as first:
        if not hide_zeros:
            try:
                return _Protection(model, policy, hide_zeros=True).run()
            except _Unprotectable:
                pass
        cells = ", ".join(" / ".join(key) for key in first.keys[:5])
        raise DisclosureError(
            f"Deze tabel kan niet veilig worden gepubliceerd: de kleine aantallen in {cells} "
            f"zijn terug te rekenen. Kies een grovere indeling of een langere periode."
        ) from None


def _markers_give_away(model: Model, policy: Policy) -> bool:
    """True when, with zeros shown, the markers alone give a count away: a total "<5" over
    four counts "<5" (each at least 1) says that each is 1. Only hiding zeros helps then."""
    small = policy.threshold - 1
    return any(
        model.values[relation.total] == small
        and sum(model.values[part] > 0 for part in relation.parts) == small
        for relation in model.relations
    )


class _Protection:
    """One run of suppression and audit, with zeros published or hidden."""

    def __init__(self, model: Model, policy: Policy, *, hide_zeros: bool) -> None:
        self.model = model
        self.policy = policy
        self.hide_zeros = hide_zeros
        self.values = model.values
        self.order = {key: index for index, key in enumerate(model.values)}
        self.relations = model.relations
        self.members = [(r.total, *r.parts) for r in model.relations]
        self.member_of: dict[Key, list[int]] = {key: [] for key in model.values}
        for index, members in enumerate(self.members):
            for key in members:
                self.member_of[key].append(index)
        threshold = policy.threshold
        self.status: dict[Key, Status] = {}
        for key, value in model.values.items():
            if 0 < value < threshold:
                self.status[key] = Status.PRIMARY
            elif value == 0 and hide_zeros:
                self.status[key] = Status.HIDDEN_ZERO
            else:
                self.status[key] = Status.PUBLISHED
        self.hidden_count = [
            sum(self.status[key] is not Status.PUBLISHED for key in (r.total, *r.parts))
            for r in model.relations
        ]
        # An upper bound no true count reaches: the attackers' ranges stop here, and a range
        # that reaches it is as good as unbounded.
        self.cap = float(
            max(model.values.values(), default=0)
            + (policy.rounding or 0)
            + policy.required_width
            + threshold
            + 1
        )
        # Per small count, the range of values each attacker is shown to be unable to rule
        # out, widened by every solution found; it starts at the true count.
        self.naive: dict[Key, list[float]] = {}
        self.informed: dict[Key, list[float]] = {}
        for key, status in self.status.items():
            if status is Status.PRIMARY:
                self.naive[key] = [float(self.values[key])] * 2
                self.informed[key] = [float(self.values[key])] * 2

    # the steps

    def run(self) -> ProtectedTable:
        pending = [key for key, status in self.status.items() if status is Status.PRIMARY]
        self._close_obvious_gaps()
        while pending:
            failing = self._verify(pending)
            if failing:
                to_hide: set[Key] = set()
                for key in failing:
                    # First look for room near the cell, then in the whole table.
                    near = {c for i in self._sums_around(key) for c in self._shown_nonzero(i)}
                    cells = self._repair(self._what_if(near), key)
                    if cells is None:
                        cells = self._repair(self._what_if(None), key)
                    if cells is None:
                        raise _Unprotectable([key])
                    to_hide |= cells
                if not to_hide:  # rare: the room is there, but not in one direction
                    to_hide = {c for key in failing if (c := self._candidate_for(key)) is not None}
                if not to_hide:
                    raise _Unprotectable(failing)
                for cell in sorted(to_hide, key=self.order.__getitem__):
                    self._hide(cell)
            self._close_obvious_gaps()
            # Hiding more only widens the attackers' ranges: what was protected stays so.
            pending = failing
        return self._result()

    def _what_if(self, cells: set[Key] | None) -> "_Protection":
        """This table with ``cells`` hidden too; with None, every count that is not zero:
        the most that hiding can do."""
        what_if = copy.copy(self)
        what_if.status = {
            key: Status.SECONDARY
            if status is Status.PUBLISHED
            and self.values[key] > 0
            and (cells is None or key in cells)
            else status
            for key, status in self.status.items()
        }
        return what_if

    def _sums_around(self, key: Key) -> set[int]:
        """The sums that the hidden cells linked to ``key`` are in."""
        return {i for cell in self._unknown_around([key]) for i in self.member_of[cell]}

    def _repair(self, what_if: "_Protection", key: Key) -> set[Key] | None:
        """The shown cells to hide so that ``key`` gets the room it lacks, or None when even
        hiding every count would not give it: then the markers and the zeros give it away.

        In the table with everything hidden, find values where ``key`` is one further
        (informed attacker) or the protection width away (naive attacker) and the shown
        counts move as little as possible; hiding the ones that moved makes that solution
        one the attacker cannot rule out."""
        problem = _Problem(what_if, [key])
        movable = [cell for cell in problem.cells if self.status[cell] is not what_if.status[cell]]
        value = float(self.values[key])
        wanted: list[tuple[bool, list[tuple[float, float]]]] = []
        if not self._informed_ok(key):
            low, high = self._bounds(key, informed=True)
            wanted.append((True, [(value + 1, high), (low, value - 1)]))
        if not self._naive_ok(key):
            width = self.policy.required_width
            low_seen, high_seen = self.naive[key]
            wanted.append((False, [(low_seen + width, self.cap), (0.0, high_seen - width)]))
        to_hide: set[Key] = set()
        for informed, ranges in wanted:
            for low, high in ranges:
                if low > high + _EPS:
                    continue
                solution = problem.cheapest(key, low, high, movable, self._cost, informed=informed)
                if solution is not None:
                    to_hide |= {
                        cell
                        for cell in movable
                        if abs(solution[problem.position[cell]] - self.values[cell]) > _EPS
                    }
                    break
            else:
                if informed:
                    return None
        return to_hide

    def _cost(self, key: Key) -> float:
        # Hiding a total costs more than hiding a cell: readers look for totals.
        return 2.0 if self.model.is_total(key) else 1.0

    def _naive_ok(self, key: Key) -> bool:
        low, high = self.naive[key]
        return high - low >= self.policy.required_width - _EPS

    def _informed_ok(self, key: Key) -> bool:
        low, high = self.informed[key]
        return Interval(low, high).whole_values >= MIN_VALUES_LEFT

    def _hide(self, key: Key) -> None:
        self.status[key] = Status.SECONDARY
        for index in self.member_of[key]:
            self.hidden_count[index] += 1

    def _shown_nonzero(self, index: int) -> list[Key]:
        relation = self.relations[index]
        return [
            key
            for key in (relation.total, *relation.parts)
            if self.status[key] is Status.PUBLISHED and self.values[key] > 0
        ]

    def _close_obvious_gaps(self) -> None:
        """Until no sum gives a hidden small count away by simple arithmetic, hide one more
        member of such a sum. Cheap, and it leaves the linear programmes little to find."""
        changed = True
        while changed:
            changed = False
            for index in range(len(self.relations)):
                need = self._shortfall(index)
                if need is None:
                    continue
                candidates = self._shown_nonzero(index)
                if not candidates:
                    continue  # the only hidden member is a zero or a large count
                self._hide(min(candidates, key=lambda cell: self._gap_cost(cell, need)))
                changed = True

    def _lowest(self, key: Key) -> int:
        """The smallest value the informed attacker allows a hidden cell."""
        status = self.status[key]
        if status is Status.SECONDARY:
            return self.policy.threshold
        return 1 if status is Status.PRIMARY and not self.hide_zeros else 0

    def _shortfall(self, index: int) -> int | None:
        """How large a count hiding one more member of this sum would need to be, or None
        when the sum gives nothing away by itself.

        A sum with one hidden member gives it away. When the total is shown, a small count
        can only be larger if the other hidden members together are smaller: by the
        protection width for the naive attacker, by 1 for the informed one (who knows an "x"
        is at least the threshold)."""
        relation = self.relations[index]
        members = (relation.total, *relation.parts)
        hidden = [key for key in members if self.status[key] is not Status.PUBLISHED]
        threshold, width = self.policy.threshold, self.policy.required_width
        if len(hidden) == 1:
            return max(width, threshold + 1)
        if not hidden or self.status[relation.total] is not Status.PUBLISHED:
            return None
        need = 0
        for key in hidden:
            if self.status[key] is not Status.PRIMARY:
                continue
            others = [other for other in hidden if other != key]
            naive = sum(self.values[other] for other in others)
            informed = naive - sum(self._lowest(other) for other in others)
            if naive < width or informed < 1:
                need = max(need, width - naive, threshold + 1 - informed)
        return need or None

    def _gap_cost(self, key: Key, need: int) -> tuple[bool, bool, int, int, int]:
        # Base cells before totals; a count large enough to close the gap at once; a cell
        # that also closes another sum's gap (the corner of a rectangle in a two-way table);
        # then the smallest count; then the model's order.
        closes_elsewhere = sum(self.hidden_count[i] == 1 for i in self.member_of[key]) - 1
        value = self.values[key]
        return (self.model.is_total(key), value < need, -closes_elsewhere, value, self.order[key])

    def _candidate_for(self, key: Key) -> Key | None:
        """The cell to hide next for an unprotected small count: in one of its own sums if
        any can still be hidden, otherwise in any sum of the hidden cells it is linked to."""
        own = {cell for index in self.member_of[key] for cell in self._shown_nonzero(index)}
        if not own:
            own = {cell for index in self._sums_around(key) for cell in self._shown_nonzero(index)}
        if not own:
            return None
        return min(
            own,
            key=lambda cell: (
                self.model.is_total(cell),
                self.values[cell] <= self.policy.required_width,
                self.values[cell],
                self.order[cell],
            ),
        )

    # the attackers

    def _is_unknown(self, key: Key) -> bool:
        # With rounding even a published count is a range, so every cell is unknown.
        return self.policy.rounding is not None or self.status[key] is not Status.PUBLISHED

    def _unknown_around(self, keys: Sequence[Key]) -> list[Key]:
        """The unknown cells linked to ``keys`` through sums: the attacker's whole problem."""
        seen = set(keys)
        done: set[int] = set()
        queue = deque(keys)
        while queue:
            for index in self.member_of[queue.popleft()]:
                if index in done:
                    continue
                done.add(index)
                for other in self.members[index]:
                    if other not in seen and self._is_unknown(other):
                        seen.add(other)
                        queue.append(other)
        return sorted(seen, key=self.order.__getitem__)

    def _bounds(self, key: Key, *, informed: bool) -> tuple[float, float]:
        status = self.status[key]
        threshold = self.policy.threshold
        if status is Status.PUBLISHED:  # only unknown when rounded
            base = self.policy.rounding or 1
            shown = self.policy.rounded(self.values[key])
            low, high = max(0, shown - base // 2), shown + (base + 1) // 2 - 1
            if informed:  # a shown count is 0 or at least the threshold
                low, high = (0, 0) if shown == 0 else (max(low, threshold), high)
            return float(low), float(high)
        if not informed:
            return 0.0, self.cap
        if status is Status.SECONDARY:
            return float(threshold), self.cap
        lowest = 0 if self.hide_zeros else 1  # with zeros shown, "<5" is at least 1
        return float(lowest), float(threshold - 1)

    def _verify(self, targets: Sequence[Key]) -> list[Key]:
        """Widen the attackers' ranges of ``targets``; return those that stay too narrow.

        A few linear programmes prove most cells safe at once: "stretch every small count
        up and down by the width it needs, as many as possible" gives two solutions that
        show many of them can be larger and smaller. Only the cells left over get
        programmes of their own, which find the attacker's exact minimum and maximum."""
        problem = _Problem(self, targets)
        checks = (
            (True, 1.0, self._informed_ok),
            (False, float(self.policy.required_width), self._naive_ok),
        )
        for informed, wanted, ok in checks:
            todo = [key for key in targets if not ok(key)]
            while todo:
                for solution in problem.stretch(todo, wanted, informed=informed):
                    self._widen(problem, solution, informed=informed)
                left = [key for key in todo if not ok(key)]
                if len(left) == len(todo):
                    break
                todo = left
            for key in todo:
                low, high = self._bounds(key, informed=informed)
                value = self.values[key]
                # A count at the bottom of what its marker allows can only be shown larger.
                directions = [d for d, room in ((1.0, value < high), (-1.0, value > low)) if room]
                for direction in directions:
                    if not ok(key):
                        solution = problem.extreme(key, direction, informed=informed)
                        self._widen(problem, solution, informed=informed)
        return [key for key in targets if not (self._naive_ok(key) and self._informed_ok(key))]

    def _widen(self, problem: "_Problem", solution: NDArray[np.float64], *, informed: bool) -> None:
        """Take a solution as proof for the small counts in it. What the informed attacker
        cannot rule out, the naive one cannot either."""
        for ranges in (self.naive, self.informed) if informed else (self.naive,):
            for key in problem.cells:
                low_high = ranges.get(key)
                if low_high is not None:
                    value = float(solution[problem.position[key]])
                    low_high[0] = min(low_high[0], value)
                    low_high[1] = max(low_high[1], value)

    def _result(self) -> ProtectedTable:
        def having(status: Status) -> frozenset[Key]:
            return frozenset(key for key, s in self.status.items() if s is status)

        def interval(low_high: list[float]) -> Interval:
            low, high = low_high
            return Interval(low, math.inf if high >= self.cap - _EPS else high)

        return ProtectedTable(
            policy=self.policy,
            published={
                key: self.policy.rounded(self.values[key]) if status is Status.PUBLISHED else None
                for key, status in self.status.items()
            },
            status=dict(self.status),
            primary=having(Status.PRIMARY),
            secondary=having(Status.SECONDARY),
            hidden_zeros=having(Status.HIDDEN_ZERO),
            audit={
                key: Audit(naive=interval(self.naive[key]), informed=interval(self.informed[key]))
                for key in self.naive
            },
            zeros_hidden=self.hide_zeros,
        )


class _Problem:
    """The attacker's linear programme over the unknown cells around some small counts."""

    def __init__(self, protection: _Protection, targets: Sequence[Key]) -> None:
        self.cells = protection._unknown_around(targets)
        self.position = {cell: i for i, cell in enumerate(self.cells)}
        self.values = np.array([protection.values[c] for c in self.cells], dtype=np.float64)
        touched = sorted({i for cell in self.cells for i in protection.member_of[cell]})
        rows: list[int] = []
        cols: list[int] = []
        coefficients: list[float] = []
        rhs: list[float] = []
        for row, index in enumerate(touched):
            relation = protection.relations[index]
            known = 0.0
            for cell, sign in ((relation.total, 1.0), *((part, -1.0) for part in relation.parts)):
                if cell in self.position:
                    rows.append(row)
                    cols.append(self.position[cell])
                    coefficients.append(sign)
                else:
                    known += sign * protection.values[cell]
            rhs.append(-known)
        self.rows = (rows, cols, coefficients)
        self.rhs = np.array(rhs, dtype=np.float64)
        self.equalities = csr_array((coefficients, (rows, cols)), shape=(len(rhs), len(self.cells)))
        self.bounds = {
            informed: np.array(
                [protection._bounds(cell, informed=informed) for cell in self.cells],
                dtype=np.float64,
            )
            for informed in (False, True)
        }

    def stretch(
        self, todo: Sequence[Key], wanted: float, *, informed: bool
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Two solutions, one where the ``todo`` cells are as far above their true counts as
        they can be, one where they are as far below, each cell counting for at most
        ``wanted`` above and below together: maximise the sum of up_i + down_i with
        up_i <= x_up[i] - true[i], down_i <= true[i] - x_down[i], up_i + down_i <= wanted."""
        n, k = len(self.cells), len(todo)
        targets = np.array([self.position[key] for key in todo], dtype=np.int64)
        # Variables: x_up (n), x_down (n), up (k), down (k).
        up, down = 2 * n + np.arange(k), 2 * n + k + np.arange(k)
        rows = np.arange(k)
        upper = csr_array(
            (
                np.concatenate([np.ones(k), -np.ones(k), np.ones(k), np.ones(k), np.ones(2 * k)]),
                (
                    np.concatenate([rows, rows, k + rows, k + rows, 2 * k + rows, 2 * k + rows]),
                    np.concatenate([up, targets, down, n + targets, up, down]),
                ),
            ),
            shape=(3 * k, 2 * n + 2 * k),
        )
        true = self.values[targets]
        upper_rhs = np.concatenate([-true, true, np.full(k, wanted)])
        rows_eq, cols_eq, coefficients = self.rows
        equalities = csr_array(
            (
                np.concatenate([coefficients, coefficients]),
                (
                    np.concatenate([rows_eq, np.asarray(rows_eq, dtype=np.int64) + len(self.rhs)]),
                    np.concatenate([cols_eq, np.asarray(cols_eq, dtype=np.int64) + n]),
                ),
            ),
            shape=(2 * len(self.rhs), 2 * n + 2 * k),
        )
        box = self.bounds[informed]
        far = float(self.bounds[False][:, 1].max(initial=0.0)) + 1.0
        bounds = np.vstack([box, box, np.tile([-far, wanted], (2 * k, 1))])
        objective = np.concatenate([np.zeros(2 * n), -np.ones(2 * k)])
        solution = _solve(
            objective,
            equalities,
            np.concatenate([self.rhs, self.rhs]),
            bounds,
            upper=upper,
            upper_rhs=upper_rhs,
        )
        return solution[:n], solution[n : 2 * n]

    def cheapest(
        self,
        key: Key,
        low: float,
        high: float,
        movable: Sequence[Key],
        cost: Callable[[Key], float],
        *,
        informed: bool,
    ) -> NDArray[np.float64] | None:
        """A solution with ``key`` in [low, high] that moves the ``movable`` cells as little
        as possible (weighted by ``cost``), or None when there is none."""
        n, m = len(self.cells), len(movable)
        columns = np.array([self.position[cell] for cell in movable], dtype=np.int64)
        rows = np.arange(m)
        # Variables: x (n), then per movable cell its move e >= |x - true|.
        upper = csr_array(
            (
                np.concatenate([np.ones(m), -np.ones(m), -np.ones(m), -np.ones(m)]),
                (
                    np.concatenate([rows, rows, m + rows, m + rows]),
                    np.concatenate([columns, n + rows, columns, n + rows]),
                ),
            ),
            shape=(2 * m, n + m),
        )
        true = self.values[columns]
        rows_eq, cols_eq, coefficients = self.rows
        equalities = csr_array((coefficients, (rows_eq, cols_eq)), shape=(len(self.rhs), n + m))
        box = self.bounds[informed].copy()
        target = self.position[key]
        box[target] = [max(box[target][0], low), min(box[target][1], high)]
        if box[target][0] > box[target][1] + _EPS:
            return None
        bounds = np.vstack([box, np.tile([0.0, np.inf], (m, 1))])
        objective = np.concatenate([np.zeros(n), [cost(cell) for cell in movable]])
        return _try_solve(
            objective,
            equalities,
            self.rhs,
            bounds,
            upper=upper,
            upper_rhs=np.concatenate([true, -true]),
        )

    def extreme(self, key: Key, direction: float, *, informed: bool) -> NDArray[np.float64]:
        """A solution where ``key`` is as large (direction 1) or as small (-1) as it can be."""
        objective = np.zeros(len(self.cells))
        objective[self.position[key]] = -direction
        return _solve(objective, self.equalities, self.rhs, self.bounds[informed])


def _solve(
    objective: NDArray[np.float64],
    equalities: Any,
    rhs: NDArray[np.float64],
    bounds: NDArray[np.float64],
    *,
    upper: Any = None,
    upper_rhs: NDArray[np.float64] | None = None,
) -> NDArray[np.float64]:
    """A solution of a programme that has one (the true counts always are one)."""
    solution = _try_solve(objective, equalities, rhs, bounds, upper=upper, upper_rhs=upper_rhs)
    if solution is None:
        raise RuntimeError("The disclosure audit found no solution, not even the true counts.")
    return solution


def _try_solve(
    objective: NDArray[np.float64],
    equalities: Any,
    rhs: NDArray[np.float64],
    bounds: NDArray[np.float64],
    *,
    upper: Any = None,
    upper_rhs: NDArray[np.float64] | None = None,
) -> NDArray[np.float64] | None:
    """Minimise ``objective @ x`` subject to ``equalities @ x == rhs``, the bounds and
    ``upper @ x <= upper_rhs`` with scipy's HiGHS; None when nothing satisfies them."""
    result = linprog(
        objective,
        A_ub=upper,
        b_ub=upper_rhs,
        A_eq=equalities if equalities.shape[0] else None,
        b_eq=rhs if equalities.shape[0] else None,
        bounds=bounds,
        method="highs",
    )
    if result.status == 2:  # infeasible
        return None
    if result.status != 0:
        raise RuntimeError(f"The disclosure audit failed: {result.message}")
    solution: NDArray[np.float64] = np.asarray(result.x, dtype=np.float64)
    return solution
