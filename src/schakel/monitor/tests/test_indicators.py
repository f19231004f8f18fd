"""The monitor's indicators as data, its periods and age bands (pure, no database)."""

from datetime import date

import pytest

from schakel.monitor.domain.indicators import (
    IndicatorError,
    Period,
    age_band,
    last_full_quarter,
    load_indicators,
    parse_indicators,
)


def test_the_shipped_indicators_have_every_part():
    indicators = load_indicators()
    codes = [i.code for i in indicators]
    assert codes[0] == "signalen" and len(set(codes)) == len(codes)
    assert all(i.name and i.description and i.formula and i.unit for i in indicators)
    signals = indicators[0]
    assert set(signals.breakdowns) == {
        "exploitation",
        "age_band",
        "gender",
        "vulnerable_group",
        "district",
        "organisation_kind",
        "online",
        "pickup_band",
    }
    by_code = {i.code: i for i in indicators}
    # Issue 6's indicators of time and continuity, as counts per band.
    assert by_code["tijd_tot_verwijzing"].breakdowns == ("referral_band",)
    assert by_code["overgangsplan"].stock and by_code["overgangsplan"].breakdowns == (
        "transition_plan",
    )


def test_a_broken_indicator_file_names_every_problem():
    text = """
indicators:
  - code: "a"
    name: "A"
    description: "x"
    formula: "x"
    unit: "x"
    source: "elders"
    breakdowns: ["nationaliteit"]
  - code: "a"
    name: ""
"""
    with pytest.raises(IndicatorError) as raised:
        parse_indicators(text)
    problems = raised.value.problems
    assert "indicator 1: onbekende bron 'elders'." in problems
    assert "indicator 1: onbekende indeling 'nationaliteit'." in problems  # never a factor
    assert "indicator 2: de code 'a' komt twee keer voor." in problems
    assert "indicator 2: 'name' ontbreekt of is leeg." in problems


def test_the_previous_period_has_the_same_length_and_does_not_overlap():
    period = Period(date(2026, 7, 1), date(2026, 9, 30))
    previous = period.previous()
    assert previous.end == date(2026, 6, 30) and previous.days == period.days == 92
    with pytest.raises(ValueError, match="vóór de begindatum"):
        Period(date(2026, 2, 1), date(2026, 1, 1))


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (date(2026, 11, 28), date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 1, 5), date(2025, 10, 1), date(2025, 12, 31)),
        (date(2026, 4, 1), date(2026, 1, 1), date(2026, 3, 31)),
    ],
)
def test_the_default_period_is_the_last_full_quarter(today, start, end):
    assert last_full_quarter(today) == Period(start, end)


@pytest.mark.parametrize(
    ("age", "band"), [(None, "onbekend"), (11, "0-11"), (12, "12-15"), (17, "16-17"), (18, "18+")]
)
def test_age_bands(age, band):
    assert age_band(age) == band
