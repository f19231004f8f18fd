"""The monitor's indicators as data, and the periods they are counted over.

``monitor/data/indicators.yaml`` names each indicator (code, name, description, formula in
words, unit, source and the breakdowns it can be split by). ``load_indicators`` checks the
whole file and raises ``IndicatorError`` with every problem in Dutch. The periods are
calendar ranges: a period and the one just before it, of the same length, are what the
startfoto compares.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

import yaml

DEFAULT_INDICATORS: Final = Path(__file__).resolve().parent.parent / "data" / "indicators.yaml"
SOURCES: Final = frozenset({"intake", "cases"})
# Breakdowns of signals (intake) and of case indicators (cases). Never origin, nationality or
# residence status.
BREAKDOWNS: Final = frozenset(
    {
        "exploitation",
        "age_band",
        "organisation_kind",
        "online",
        "gender",
        "district",
        "vulnerable_group",
        "child_heard",
        "pickup_band",
        "referral_band",
        "transition_plan",
    }
)
# Age bands of a signal's young person, on the day the signal was sent.
AGE_BANDS: Final = (("0-11", 0, 11), ("12-15", 12, 15), ("16-17", 16, 17), ("18+", 18, 200))
UNKNOWN: Final = "onbekend"
# Breakdowns that a case indicator carries in its value (stored once, under no breakdown).
CASE_BREAKDOWNS: Final = frozenset({"child_heard", "referral_band", "transition_plan"})
# Bands of days between two moments (signal sent -> first taken into a case; first signal of a
# case -> referral): (code, from days, to days inclusive; None = no upper bound).
DAY_BANDS: Final = (("0-1", 0, 1), ("2-7", 2, 7), ("8-28", 8, 28), ("29+", 29, None))
NOT_YET: Final = "nog niet"
_TEXT_KEYS: Final = ("code", "name", "description", "formula", "unit", "source")


class IndicatorError(ValueError):
    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("De indicatoren kloppen niet:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    description: str
    formula: str
    unit: str
    source: str
    breakdowns: tuple[str, ...]
    stock: bool = False  # a state on the last day of a period, not events in it


def load_indicators(path: Path = DEFAULT_INDICATORS) -> tuple[Indicator, ...]:
    return parse_indicators(path.read_text(encoding="utf-8"))


def parse_indicators(text: str) -> tuple[Indicator, ...]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise IndicatorError(["Dit is geen geldige YAML."]) from error
    raw = data.get("indicators") if isinstance(data, dict) else None
    if not isinstance(raw, list) or not raw:
        raise IndicatorError(["'indicators' moet een lijst met minstens één indicator zijn."])
    problems: list[str] = []
    out: list[Indicator] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, start=1):
        where = f"indicator {number}"
        if not isinstance(item, dict):
            problems.append(f"{where}: moet een lijst met sleutels zijn.")
            continue
        texts = {key: _text(item, key, where, problems) for key in _TEXT_KEYS}
        if texts["code"] in seen:
            problems.append(f"{where}: de code '{texts['code']}' komt twee keer voor.")
        seen.add(texts["code"])
        if texts["source"] and texts["source"] not in SOURCES:
            problems.append(f"{where}: onbekende bron '{texts['source']}'.")
        breakdowns = tuple(str(b) for b in item.get("breakdowns") or [])
        for breakdown in breakdowns:
            if breakdown not in BREAKDOWNS:
                problems.append(f"{where}: onbekende indeling '{breakdown}'.")
        out.append(Indicator(breakdowns=breakdowns, stock=bool(item.get("stock", False)), **texts))
    if problems:
        raise IndicatorError(problems)
    return tuple(out)


def _text(raw: dict[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: '{key}' ontbreekt of is leeg.")
        return ""
    return " ".join(value.split())


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    return next((name for name, low, high in AGE_BANDS if low <= age <= high), UNKNOWN)


@dataclass(frozen=True)
class Period:
    """From ``start`` up to and including ``end``."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("De einddatum ligt vóór de begindatum.")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before this one (no overlap)."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def label(self) -> str:
        return f"{self.start:%d-%m-%Y} t/m {self.end:%d-%m-%Y}"


def last_full_quarter(today: date) -> Period:
    """The last calendar quarter that has ended: the startfoto's default period."""
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = quarter_start - timedelta(days=1)
    return Period(date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end)


# -- the periods a user can choose ------------------------------------------------------------
# Only calendar quarters and years that have ended. Free dates would let anyone subtract two
# overlapping periods (1 January to 31 March, and to 1 April) and find the one signal of a
# single day; a quarter and its year are published from one protected model instead.

QUARTERS: Final = (1, 2, 3, 4)
YEAR: Final = "jaar"


@dataclass(frozen=True)
class Span:
    """A calendar quarter (``quarter`` 1-4) or a whole year (``quarter`` None)."""

    year: int
    quarter: int | None = None

    @property
    def period(self) -> Period:
        if self.quarter is None:
            return Period(date(self.year, 1, 1), date(self.year, 12, 31))
        start = date(self.year, 3 * self.quarter - 2, 1)
        following = (
            date(self.year + 1, 1, 1)
            if self.quarter == 4
            else date(self.year, 3 * self.quarter + 1, 1)
        )
        return Period(start, following - timedelta(days=1))

    @property
    def column(self) -> str:
        """The key of this span within its year's model: "K1".."K4" or "jaar"."""
        return YEAR if self.quarter is None else f"K{self.quarter}"

    @property
    def code(self) -> str:
        """As in the URL: "2026-K3" or "2026"."""
        return str(self.year) if self.quarter is None else f"{self.year}-K{self.quarter}"

    def label(self) -> str:
        if self.quarter is None:
            return str(self.year)
        return f"{self.quarter}e kwartaal {self.year}"

    def previous(self) -> "Span":
        if self.quarter is None:
            return Span(self.year - 1)
        if self.quarter == 1:
            return Span(self.year - 1, 4)
        return Span(self.year, self.quarter - 1)


def span_of(period: Period) -> Span:
    """The quarter or year that is exactly ``period``; ValueError in Dutch otherwise."""
    for span in (Span(period.start.year), Span(period.start.year, (period.start.month + 2) // 3)):
        if span.period == period:
            return span
    raise ValueError(
        "Kies een heel kwartaal (zoals 2026-07-01 tot en met 2026-09-30) of een heel jaar: "
        "bij andere periodes zijn kleine aantallen terug te rekenen."
    )


def parse_span(code: str) -> Span:
    """ "2026-K3" or "2026"; ValueError with a Dutch message otherwise."""
    text = code.strip().upper()
    year, _sep, quarter = text.partition("-K")
    if not year.isdigit() or len(year) != 4 or (quarter and quarter not in "1234"):
        raise ValueError("Kies een kwartaal (zoals 2026-K3) of een jaar (zoals 2026).")
    return Span(int(year), int(quarter) if quarter else None)


def last_full_span(today: date) -> Span:
    """The last calendar quarter that has ended: the startfoto's default."""
    period = last_full_quarter(today)
    return Span(period.start.year, (period.start.month + 2) // 3)


def completed_spans(today: date, years: int = 5) -> list[Span]:
    """The quarters and years that have ended, newest first, over the last ``years`` years."""
    newest = last_full_span(today)
    spans = []
    for year in range(newest.year, newest.year - years, -1):
        for quarter in (4, 3, 2, 1):
            if (year, quarter) <= (newest.year, newest.quarter or 4):
                spans.append(Span(year, quarter))
        if date(year, 12, 31) < today:
            spans.append(Span(year))
    return sorted(spans, key=lambda s: (s.period.end, s.quarter is None), reverse=True)


def day_band(days: int) -> str:
    """The band of a number of whole days (negative counts as 0)."""
    for code, low, high in DAY_BANDS:
        if days >= low and (high is None or days <= high):
            return code
    return DAY_BANDS[0][0]


def quarter_end(day: date) -> date:
    """The last day of the calendar quarter of ``day``."""
    quarter = (day.month - 1) // 3 + 1
    return Span(day.year, quarter).period.end
