"""Which quarters a measure compares, and what may be said about published numbers."""

from datetime import date

from schakel.measures.domain.before_after import comparison, judge, quarter_of
from schakel.monitor.domain.indicators import Span


def test_four_quarters_before_and_four_from_the_start_quarter_on_at_most():
    compared = comparison(date(2024, 11, 20), today=date(2026, 11, 28))
    assert compared.after == (Span(2024, 4), Span(2025, 1), Span(2025, 2), Span(2025, 3))
    assert compared.before == (Span(2023, 4), Span(2024, 1), Span(2024, 2), Span(2024, 3))


def test_as_many_quarters_before_as_have_ended_since_the_start():
    compared = comparison(date(2026, 5, 1), today=date(2026, 11, 28))
    assert compared.after == (Span(2026, 2), Span(2026, 3))  # the 4th quarter is still running
    assert compared.before == (Span(2025, 4), Span(2026, 1))
    # The last day of a quarter is not yet its end.
    assert comparison(date(2026, 8, 1), today=date(2026, 9, 30)).after == ()
    assert comparison(date(2026, 8, 1), today=date(2026, 10, 1)).after == (Span(2026, 3),)


def test_nothing_to_compare_in_the_start_quarter_or_before_the_start():
    for start in (date(2026, 11, 1), date(2027, 3, 1)):
        compared = comparison(start, today=date(2026, 11, 28))
        assert compared.before == () and compared.after == ()
    assert comparison(date(2026, 11, 1), date(2026, 11, 28)).first_possible == date(2027, 1, 1)
    assert quarter_of(date(2026, 12, 31)) == Span(2026, 4)


def test_totals_only_of_quarters_that_are_all_shown():
    verdict = judge(["<5", "12"], ["9", "11"])
    assert verdict.hidden and verdict.too_small
    assert verdict.before_total is None and verdict.after_total == 20
    assert verdict.difference is None
    assert judge(["x", "12"], ["9", "11"]).before_total is None


def test_small_totals_say_nothing_and_large_ones_give_a_difference():
    small = judge(["5", "6"], ["9", "7"])
    assert (small.before_total, small.after_total, small.too_small) == (11, 16, True)
    large = judge(["10", "12"], ["9", "15"])
    assert (large.before_total, large.after_total, large.too_small) == (22, 24, False)
    assert large.difference == 2
    assert judge(None, None).too_small and judge(None, None).hidden


def test_states_are_never_summed():
    verdict = judge(["30", "31"], ["25", "40"], stock=True)
    assert verdict.before_total is None and verdict.after_total is None
    assert not verdict.too_small
    assert judge(["30", "8"], ["25", "40"], stock=True).too_small


def test_a_difference_is_told_only_of_large_published_totals():
    from schakel.measures.selectors import IndicatorBeforeAfter
    from schakel.monitor.selectors import indicators

    signals = indicators()[0]
    large = IndicatorBeforeAfter(signals, verdict=judge(["10", "12"], ["15", "16"]))
    assert large.change == "Vanaf de start waren het er 9 meer dan ervoor."
    fewer = IndicatorBeforeAfter(signals, verdict=judge(["20", "12"], ["15", "16"]))
    assert fewer.change == "Vanaf de start waren het er 1 minder dan ervoor."
    small = IndicatorBeforeAfter(signals, verdict=judge(["1", "2"], ["15", "16"]))
    assert small.change == ""
