"""Chart data for the monitor's pages, made from the tables as they are published.

A chart shows only what its table shows: every value comes from a ``ShownTable`` cell after
disclosure control. A cell "<5" or "x" is not a number: in the chart it is a gap (``None``)
with its text beside it, so a hidden count never reaches the browser as a number. The dicts
here go into the page with ``json_script`` and are drawn by ``static/schakel/monitor-charts.js``.
"""

from typing import Any

from django.utils.translation import gettext as _

from .domain.indicators import QUARTERS, Span
from .presentation import ShownTable, key_figures, protect_tables, suppression_policy
from .selectors import Table

TREND_KEY = "verloop"


def chart_value(cell: str) -> int | None:
    """The number of a published cell; None for anything that is not shown as a number."""
    return int(cell) if cell.isdigit() else None


def trend_spans(span: Span) -> list[Span]:
    """The quarters of the trend beside ``span``: from the first quarter of the year before,
    up to and including ``span`` (for a year: its fourth quarter)."""
    last = (span.year, span.quarter or 4)
    return [
        Span(year, quarter)
        for year in (span.year - 1, span.year)
        for quarter in QUARTERS
        if (year, quarter) <= last
    ]


def trend_table(tables: list[Table], span: Span) -> ShownTable:
    """The key figures per quarter of the trend, protected exactly as the startfoto protects
    them (one model per indicator and calendar year), so every cell equals the one the
    startfoto and its CSV publish for that quarter."""
    spans = trend_spans(span)
    table = key_figures(tables, protect_tables(tables, spans, suppression_policy()), spans)
    table.key = TREND_KEY
    table.title = _("Verloop per kwartaal")
    return table


def _hidden_note(table: ShownTable) -> str:
    if not table.hidden:
        return ""
    threshold = suppression_policy().threshold
    return _(
        "<{n}: te klein om te tonen. x: niet getoond, omdat u anders een klein aantal zou "
        "kunnen terugrekenen. Zo'n aantal tekenen we niet: u ziet een open plek met de tekst "
        "<{n} of x."
    ).format(n=threshold)


def _series(label: str, cells: list[str]) -> dict[str, Any]:
    return {"label": label, "values": [chart_value(c) for c in cells], "shown": list(cells)}


def trend_chart(table: ShownTable, element_id: str) -> dict[str, Any] | None:
    """A line per key figure over the quarters. None when there is nothing to draw."""
    if table.withheld or not table.rows or not table.columns:
        return None
    series = [_series(row.label, row.cells) for row in table.rows]
    return {
        "id": element_id,
        "data_id": f"{element_id}-data",
        "type": "line",
        "title": table.title,
        "labels": list(table.columns),
        "series": series,
        "description": _(
            "Lijngrafiek: {title}, van {first} tot en met {last}, met een lijn voor: {names}. "
            "De getallen staan in de tabel onder de grafiek."
        ).format(
            title=table.title,
            first=table.columns[0],
            last=table.columns[-1],
            names=", ".join(row.label for row in table.rows),
        ),
        "note": _hidden_note(table),
        "axis": _("Aantal"),
    }


def breakdown_chart(table: ShownTable, element_id: str) -> dict[str, Any] | None:
    """Bars per row of a breakdown (without its total row), one set per year shown."""
    if table.withheld or not table.rows:
        return None
    series = [
        _series(column, [row.cells[index] for row in table.rows])
        for index, column in enumerate(table.columns)
    ]
    return {
        "id": element_id,
        "data_id": f"{element_id}-data",
        "type": "bar",
        "title": table.title,
        "labels": [row.label for row in table.rows],
        "series": series,
        "description": _(
            "Staafgrafiek: {title}, per {rows}, voor {columns}. "
            "De getallen staan in de tabel onder de grafiek."
        ).format(
            title=table.title,
            rows=table.row_header.lower(),
            columns=" en ".join(table.columns),
        ),
        "note": _hidden_note(table),
        "axis": _("Aantal"),
    }


def startfoto_charts(tables: list[ShownTable]) -> list[dict[str, Any] | None]:
    """Per table of the startfoto its chart (None: no chart): the breakdowns of a year as
    bars. The key figures get none; their trend has its own chart."""
    return [
        breakdown_chart(table, f"grafiek-{index}") if index > 0 else None
        for index, table in enumerate(tables)
    ]


def startfoto_pictures(span: Span, tables: list[Table], shown: list[ShownTable]) -> dict[str, Any]:
    """What the startfoto draws: the trend table and its chart, and a chart per breakdown.
    ``tables`` are the startfoto's own (already access-checked); they hold the year of
    ``span`` and the year before, every year of the trend."""
    trend = trend_table(tables, span)
    return {
        "trend": trend,
        "trend_chart": trend_chart(trend, "grafiek-verloop"),
        "sections": list(zip(shown, startfoto_charts(shown), strict=True)),
    }
