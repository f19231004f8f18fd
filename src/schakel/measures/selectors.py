"""Access-checked reads of the measures registry, and a measure's before/after view.

The before/after numbers are the monitor's: raw tables per calendar year from its selectors,
published only through its disclosure control (``protect_tables``), so every number here is
exactly the one the startfoto shows for the same quarter.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.policy import Action
from schakel.accounts.scoping import municipalities_for_action, municipality_ids_for_action
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.geo.models import Municipality
from schakel.monitor.domain.indicators import Indicator, Span
from schakel.monitor.presentation import protect_tables, suppression_policy
from schakel.monitor.selectors import Table, indicators, municipality_tables

from .constants import LIST_PAGE_SIZE
from .domain.before_after import Comparison, Verdict, comparison, judge
from .models import Measure


def measure_municipalities(*, user: Any) -> QuerySet[Municipality]:
    """The municipalities whose measures ``user`` may keep, by name."""
    return municipalities_for_action(user, Action.MEASURE_MANAGE)


def measures_in_scope(*, user: Any) -> QuerySet[Measure]:
    ids = municipality_ids_for_action(user, Action.MEASURE_MANAGE)
    return Measure.objects.filter(municipality_id__in=ids)


def measure_list_page(
    *,
    user: Any,
    municipality_id: int | None = None,
    page_number: object = 1,
    page_size: int = LIST_PAGE_SIZE,
) -> Page:
    """One page of the registry, newest start first."""
    measures = measures_in_scope(user=user).select_related("municipality")
    if municipality_id is not None:
        measures = measures.filter(municipality_id=municipality_id)
    page = Paginator(measures, page_size).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def measure_get_for_user(*, user: Any, measure_id: int) -> Measure:
    """One measure in the user's area; absent and not allowed look the same."""
    measure = (
        measures_in_scope(user=user)
        .select_related("municipality", "created_by", "updated_by")
        .filter(pk=measure_id)
        .first()
    )
    if measure is None:
        raise NotFoundOrForbidden()
    return measure


def indicator_choices() -> list[tuple[str, str]]:
    return [(indicator.code, indicator.name) for indicator in indicators()]


# --- Before and after ----------------------------------------------------------------------


@dataclass
class QuarterCell:
    span: Span
    after: bool  # from the start quarter on
    value: str  # as published: "12", "<5" or "x"


@dataclass
class IndicatorBeforeAfter:
    indicator: Indicator
    cells: list[QuarterCell] = field(default_factory=list)
    verdict: Verdict = field(default_factory=lambda: judge(None, None))
    withheld: bool = False  # the monitor publishes none of this indicator's numbers

    @property
    def before_cells(self) -> list[QuarterCell]:
        return [cell for cell in self.cells if not cell.after]

    @property
    def after_cells(self) -> list[QuarterCell]:
        return [cell for cell in self.cells if cell.after]

    @property
    def change(self) -> str:
        """The difference of two published totals in words ("" when there is none to tell)."""
        difference = self.verdict.difference
        if difference is None or self.verdict.too_small:
            return ""
        if difference == 0:
            return _("Vanaf de start waren het er evenveel als ervoor.")
        if difference > 0:
            return _("Vanaf de start waren het er %(n)s meer dan ervoor.") % {"n": difference}
        return _("Vanaf de start waren het er %(n)s minder dan ervoor.") % {"n": -difference}


@dataclass
class BeforeAfter:
    comparison: Comparison
    indicators: list[IndicatorBeforeAfter]
    threshold: int


def _tables_of_years(
    municipality: Municipality, spans: list[Span], today: date, codes: list[str]
) -> list[Table]:
    """The raw tables of the indicators ``codes``, with the counts of every calendar year of
    ``spans`` merged into one table per indicator and breakdown (counts are keyed by year)."""
    merged: dict[str, Table] = {}
    covered: set[int] = set()
    for year in sorted({span.year for span in spans}, reverse=True):
        if year in covered:
            continue
        # A year's tables hold that year and the one before it.
        for table in municipality_tables(municipality, Span(year), today, codes):
            target = merged.setdefault(table.key, replace(table, counts={}))
            target.counts.update(table.counts)
        covered |= {year, year - 1}
    return list(merged.values())


def before_after(measure: Measure, today: date | None = None) -> BeforeAfter:
    """Per indicator the measure follows: its published quarterly totals before the start
    quarter and from it on, and what may be said about them."""
    today = today or timezone.localdate()
    compared = comparison(measure.start_date, today)
    policy = suppression_policy()
    chosen = [i for i in indicators() if i.code in set(measure.indicators)]
    out = BeforeAfter(compared, [], policy.threshold)
    if not compared.after:
        return out
    spans = [*compared.before, *compared.after]
    tables = _tables_of_years(measure.municipality, spans, today, [i.code for i in chosen])
    shown = {item.key: item for item in protect_tables(tables, spans, policy)}
    quarters = compared.quarters
    for indicator in chosen:
        item = shown[f"{indicator.code}:totaal"]
        if item.withheld or not item.rows:
            out.indicators.append(IndicatorBeforeAfter(indicator, withheld=True))
            continue
        values = item.rows[0].cells
        cells = [
            QuarterCell(span, index >= quarters, value)
            for index, (span, value) in enumerate(zip(spans, values, strict=True))
        ]
        verdict = judge(values[:quarters], values[quarters:], stock=indicator.stock)
        out.indicators.append(IndicatorBeforeAfter(indicator, cells, verdict))
    return out


def before_after_for_user(*, user: Any, measure: Measure) -> BeforeAfter | None:
    """The before/after view of a measure the user may see; None when the user may not see
    the monitor's numbers of its municipality."""
    try:
        allowed = municipality_ids_for_action(user, Action.MONITOR_VIEW)
    except NotFoundOrForbidden:
        return None
    if measure.municipality_id not in allowed:
        return None
    return before_after(measure)
