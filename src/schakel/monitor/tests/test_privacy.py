"""Differential privacy of open data, without a database: OpenDP's measurement, the noise and
the budget."""

import math

import opendp.prelude as dp
import pytest

from schakel.monitor.domain import privacy
from schakel.monitor.domain.privacy import BudgetExceeded, Histogram, InvalidEpsilon

TABLES = [
    Histogram("signalen:totaal", (("K1", 12), ("K2", 0), ("K3", 3), ("K4", 40)), 1),
    Histogram("signalen:exploitation", (("sexual", 20), ("criminal", 7)), 4),
]


def test_released_values_are_whole_numbers_not_below_zero():
    zeros = [Histogram("t", tuple((f"r{i}", 0) for i in range(200)), 1)]
    released = privacy.release(zeros, epsilon=0.1)  # scale 10: about half the noise is < 0
    values = list(released.values["t"].values())
    assert all(isinstance(v, int) and v >= 0 for v in values)
    assert len(values) == 200


def test_with_a_huge_epsilon_the_noise_is_tiny():
    released = privacy.release(TABLES, epsilon=100.0)
    assert released.values["signalen:totaal"] == {"K1": 12, "K2": 0, "K3": 3, "K4": 40}
    assert released.values["signalen:exploitation"] == {"sexual": 20, "criminal": 7}


def test_the_sensitivities_of_tables_released_together_add_up():
    assert privacy.sensitivity(TABLES) == 5
    release_plan = privacy.plan(TABLES, epsilon=0.5)
    assert release_plan.sensitivity == 5
    assert release_plan.scale == pytest.approx(10.0)


def test_the_epsilon_recorded_is_what_opendp_reports():
    release_plan = privacy.plan(TABLES, epsilon=0.3)
    space = (dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int))
    opendp_says = dp.m.make_laplace(*space, scale=release_plan.scale).map(5)
    assert release_plan.epsilon == opendp_says
    assert release_plan.epsilon <= 0.3
    released = privacy.draw(release_plan, TABLES)
    assert released.epsilon == opendp_says
    assert released.mechanism == "discrete_laplace"


def test_noise_has_the_promised_spread():
    """200 zero cells at scale 2: the discrete Laplace has mean absolute deviation below the
    scale; a generous bound of 3 times the scale cannot fail in practice (the chance that
    the mean of 200 deviations exceeds it is far below 1e-30)."""
    cells = tuple((f"r{i}", 1000) for i in range(200))
    released = privacy.release([Histogram("t", cells, 1)], epsilon=0.5)  # scale 2
    deviations = [abs(v - 1000) for v in released.values["t"].values()]
    assert sum(deviations) / len(deviations) < 3 * 2.0
    assert any(d != 0 for d in deviations)  # there is noise (all 200 zero: chance ~ 1e-45)


def test_accuracy_is_wider_for_a_smaller_epsilon():
    narrow = privacy.plan(TABLES, epsilon=1.0)
    wide = privacy.plan(TABLES, epsilon=0.1)
    assert privacy.accuracy(wide.scale) > privacy.accuracy(narrow.scale) > 0


@pytest.mark.parametrize("epsilon", [0.0, -1.0, math.inf, math.nan, 1000.0])
def test_an_impossible_epsilon_is_refused(epsilon):
    with pytest.raises(InvalidEpsilon):
        privacy.plan(TABLES, epsilon=epsilon)


def test_a_table_needs_counts_and_a_contribution_of_at_least_one():
    with pytest.raises(ValueError):
        Histogram("t", (("a", -1),), 1)
    with pytest.raises(ValueError):
        Histogram("t", (("a", 1),), 0)


def test_budget_remaining_and_refusal():
    current = privacy.budget(1.0, [0.5, 0.25])
    assert current.remaining == pytest.approx(0.25)
    after = privacy.check_budget(current, 0.25)
    assert after.exhausted
    with pytest.raises(BudgetExceeded) as refused:
        privacy.check_budget(current, 0.3)
    assert refused.value.remaining == pytest.approx(0.25)
    assert refused.value.requested == 0.3


def test_rounding_in_float_sums_does_not_refuse_the_last_of_the_budget():
    current = privacy.budget(1.0, [0.1] * 9)  # 0.8999999999999999
    assert privacy.check_budget(current, 0.1).exhausted


def test_a_budget_of_zero_or_less_is_refused():
    with pytest.raises(InvalidEpsilon):
        privacy.budget(0.0, [])


def test_spent_per_year():
    assert privacy.spent_per_year([(2024, 0.5), (2025, 0.2), (2024, 0.25)]) == {
        2024: 0.75,
        2025: 0.2,
    }
