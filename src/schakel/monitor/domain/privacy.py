"""Differential privacy for the monitor's open data: noisy counts with OpenDP, and the budget.

The unit of privacy is one *record* of the kind a table counts: one signal, one case, one
missing episode, one decision. Two data sets are neighbours when one record is added or
removed. A record adds at most ``Histogram.contribution`` to the cells of a table (1 for a
total and for a breakdown where every record has exactly one value; the number of values a
record can have at once otherwise, such as the forms of exploitation of one signal).

A release puts all its tables into one vector and adds discrete Laplace noise (OpenDP's
``make_laplace`` on integers) to every cell. The sensitivity of that vector is the sum of
the contributions of its tables: we assume a record may count in every table of the release
(a signal in the total and in each breakdown, and the case that followed it in the case
tables), so one epsilon covers one record in all tables at once. The epsilon we record is
what OpenDP's own ``map`` reports for that sensitivity, never our own arithmetic.

What epsilon means for a young person: the data are events, not people, and one young
person can have several signals. Nothing in anonymous open data can cap that. A young
person with ``k`` records in the released tables is protected with ``k * epsilon``
(group privacy); the ADR (docs/adr/0009) says so in words.

The budget is per municipality and per calendar year: releases about the same year add up
(sequential composition). Noise is drawn once per release; the service stores the result
and a download again returns the same numbers (a fresh draw would cost again).

Post-processing costs nothing: negative noisy counts become 0, and the numbers are whole.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import opendp.prelude as dp

MECHANISM: Final = "discrete_laplace"  # OpenDP make_laplace on an integer vector
MECHANISM_LABEL: Final = "discrete Laplace (OpenDP 0.16)"
# Sums of floats (0.1 + 0.2) are not exact: a spend that is over the budget by less than
# this is rounding, not spending.
TOLERANCE: Final = 1e-9
MAX_EPSILON: Final = 100.0

dp.enable_features("contrib")


class PrivacyError(ValueError):
    """A release cannot be made as asked; ``code`` says why, for the Dutch message."""

    code = "privacy"


class InvalidEpsilon(PrivacyError):
    code = "invalid_epsilon"


class BudgetExceeded(PrivacyError):
    """The release would spend more than is left of the year's budget."""

    code = "budget_exceeded"

    def __init__(self, *, remaining: float, requested: float) -> None:
        self.remaining = remaining
        self.requested = requested
        super().__init__(
            f"Het budget is op: er is nog {remaining:.2f} over, deze uitgave vraagt "
            f"{requested:.2f}."
        )


@dataclass(frozen=True)
class Histogram:
    """One table of true counts; each record falls in at most ``contribution`` of its cells
    (and at most once in each)."""

    key: str
    cells: tuple[tuple[str, int], ...]  # (row, true count), in the order to publish
    contribution: int = 1

    def __post_init__(self) -> None:
        if self.contribution < 1:
            raise ValueError("contribution must be at least 1")
        if any(count < 0 for _row, count in self.cells):
            raise ValueError("counts cannot be negative")
        if len({row for row, _count in self.cells}) != len(self.cells):
            raise ValueError("rows must be unique")


def sensitivity(histograms: Iterable[Histogram]) -> int:
    """The L1 sensitivity of all tables released together: one record may count in each of
    them, so their contributions add up."""
    return sum(h.contribution for h in histograms)


@dataclass(frozen=True)
class Plan:
    """The OpenDP measurement for a release, before any noise is drawn."""

    measurement: Any
    sensitivity: int
    scale: float
    epsilon: float  # as OpenDP's map reports for ``sensitivity``


def plan(histograms: Sequence[Histogram], *, epsilon: float) -> Plan:
    """The discrete Laplace measurement that spends at most ``epsilon`` on ``histograms``.

    The scale starts at sensitivity / epsilon; when OpenDP's own (conservatively rounded)
    map says that costs a hair more than ``epsilon``, the scale goes up until it does not.
    """
    check_epsilon(epsilon)
    if not histograms:
        raise PrivacyError("Er is niets om uit te geven.")
    d_in = sensitivity(histograms)
    space = (dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int))
    scale = d_in / epsilon
    for _attempt in range(64):
        measurement: Any = dp.m.make_laplace(*space, scale=scale)
        spent = float(measurement.map(d_in))
        if spent <= epsilon:
            return Plan(measurement=measurement, sensitivity=d_in, scale=scale, epsilon=spent)
        scale = math.nextafter(scale, math.inf)
    raise PrivacyError("OpenDP found no scale for this epsilon.")  # pragma: no cover


@dataclass(frozen=True)
class Release:
    values: dict[str, dict[str, int]]  # table key -> row -> released count (whole, >= 0)
    scale: float
    epsilon: float
    sensitivity: int
    mechanism: str = MECHANISM


def draw(release_plan: Plan, histograms: Sequence[Histogram]) -> Release:
    """Draw the noise once (OpenDP's cryptographic sampler) and post-process: no negative
    counts. Call it once per release and store the result."""
    flat = [count for h in histograms for _row, count in h.cells]
    noisy = release_plan.measurement(flat)
    values: dict[str, dict[str, int]] = {}
    position = 0
    for h in histograms:
        table = values.setdefault(h.key, {})
        for row, _count in h.cells:
            table[row] = max(0, int(noisy[position]))
            position += 1
    return Release(
        values=values,
        scale=release_plan.scale,
        epsilon=release_plan.epsilon,
        sensitivity=release_plan.sensitivity,
    )


def release(histograms: Sequence[Histogram], *, epsilon: float) -> Release:
    """Plan and draw in one: noisy counts of ``histograms`` for at most ``epsilon``."""
    return draw(plan(histograms, epsilon=epsilon), histograms)


def accuracy(scale: float, alpha: float = 0.05) -> float:
    """With probability 1 - ``alpha`` the noise of one count is at most this far off."""
    return float(dp.discrete_laplacian_scale_to_accuracy(scale, alpha))


# -- the budget ------------------------------------------------------------------------------


def check_epsilon(epsilon: float) -> None:
    if not math.isfinite(epsilon) or epsilon <= 0:
        raise InvalidEpsilon("Epsilon moet groter zijn dan 0.")
    if epsilon > MAX_EPSILON:
        raise InvalidEpsilon(f"Epsilon mag niet groter zijn dan {MAX_EPSILON:g}.")


@dataclass(frozen=True)
class Budget:
    """The budget of one municipality in one calendar year, and what releases spent."""

    total: float
    spent: float

    @property
    def remaining(self) -> float:
        return max(0.0, self.total - self.spent)

    @property
    def exhausted(self) -> bool:
        return self.remaining <= TOLERANCE


def budget(total: float, spent: Iterable[float]) -> Budget:
    if not math.isfinite(total) or total <= 0:
        raise InvalidEpsilon("Het budget per jaar moet groter zijn dan 0.")
    return Budget(total=total, spent=math.fsum(spent))


def check_budget(current: Budget, requested: float) -> Budget:
    """The budget after spending ``requested``; BudgetExceeded when that is more than left."""
    check_epsilon(requested)
    if current.spent + requested > current.total + TOLERANCE:
        raise BudgetExceeded(remaining=current.remaining, requested=requested)
    return Budget(total=current.total, spent=current.spent + requested)


def spent_per_year(releases: Iterable[tuple[int, float]]) -> Mapping[int, float]:
    """(year, epsilon) of each release -> the epsilon spent per year."""
    out: dict[int, list[float]] = {}
    for year, epsilon in releases:
        out.setdefault(year, []).append(epsilon)
    return {year: math.fsum(values) for year, values in out.items()}
