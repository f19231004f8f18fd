"""From raw counts to what may be shown: every table of the monitor passes ``protect`` (the
disclosure-control module), on the page, in the CSV download and in the command-line export
alike, so a number hidden in one is hidden in all."""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .domain.disclosure import (
    SECONDARY_MARKER,
    DisclosureError,
    Key,
    Policy,
    ProtectedTable,
    model_from_sums,
)
from .domain.disclosure import protect as protect_model
from .domain.indicators import QUARTERS, YEAR, Span
from .selectors import Table

TOTAL_ROW = "__totaal__"
WITHHELD = "withheld"


def suppression_policy() -> Policy:
    rounding = settings.SCHAKEL_MONITOR_ROUNDING or None
    return Policy(threshold=settings.SCHAKEL_MONITOR_THRESHOLD, rounding=rounding)


@dataclass
class ShownRow:
    label: str
    cells: list[str]
    change: str = ""


@dataclass
class ShownTable:
    key: str
    title: str
    row_header: str
    columns: list[str]
    rows: list[ShownRow] = field(default_factory=list)
    total: ShownRow | None = None
    hidden: bool = False  # some number is "<5" or "x"
    withheld: str = ""  # the whole table is not shown, and why
    with_change: bool = False


def protect_tables(
    tables: list[Table], spans: list[Span], policy: Policy | None = None
) -> list[ShownTable]:
    """The tables as they may be published, one column per span: small counts "<5", counts
    from which a small one could be worked out "x", or nothing at all when no pattern
    protects them.

    The unit of protection is an indicator in a calendar year: the total of each quarter, the
    total of the year, and the breakdowns of the year, in one model. Whatever is shown of it,
    on a page, in a download or in the export, comes from that one protected model, so no
    subtraction of a quarter from its year, of one table from another or of two requests
    reveals a hidden number. Breakdowns are published per year only: per quarter the numbers
    are too small, and a breakdown per quarter beside one per year would hide much more."""
    policy = policy or suppression_policy()
    groups: dict[str, list[Table]] = {}
    for table in tables:
        groups.setdefault(table.key.split(":")[0], []).append(table)
    shown: dict[str, ShownTable] = {}
    for code, members in groups.items():
        shown |= _protect_group(code, members, spans, policy)
    return [shown[table.key] for table in tables]


def is_total(table: Table) -> bool:
    return table.key.endswith(":totaal")


def _column(span: Span, stock: bool) -> str:
    # The year of a state is its fourth quarter: the same cell, shown the same.
    return "K4" if stock and span.quarter is None else span.column


def _year_model(code: str, tables: list[Table], year: int) -> tuple[Any, Any]:
    """The model of one indicator in one calendar year, and the key of every shown cell:
    the quarters' totals, the year's total as their sum (for events), and the year's
    breakdowns (with the same total when they add up to it)."""
    stock = tables[0].stock

    def key_of(table: Table, row: str, column: str) -> Key:
        if row == TOTAL_ROW or is_total(table):
            return (code, TOTAL_ROW, column)  # the indicator's total, wherever it is shown
        if column != YEAR and not (stock and column == "K4"):
            raise ValueError("Breakdowns are published per year only.")
        return (table.key, row, YEAR)  # a state's year is its fourth quarter

    totals = next((t for t in tables if is_total(t)), None)
    if totals is None:
        raise ValueError(f"Indicator {code} needs a table without a breakdown.")
    base: dict[Key, int] = {
        (code, TOTAL_ROW, f"K{q}"): totals.counts.get(("", year, f"K{q}"), 0) for q in QUARTERS
    }
    sums: list[tuple[Key, list[Key]]] = []
    # The year's total: the sum of the quarters (events) or the fourth quarter (a state).
    year_total: Key = (code, TOTAL_ROW, "K4" if stock else YEAR)
    if not stock:
        sums.append(((code, TOTAL_ROW, YEAR), [(code, TOTAL_ROW, f"K{q}") for q in QUARTERS]))
    for table in tables:
        if is_total(table):
            continue
        quarters = ["K4"] if stock else [f"K{q}" for q in QUARTERS]
        for row, _label in table.rows:
            base[(table.key, row, YEAR)] = sum(
                table.counts.get((row, year, quarter), 0) for quarter in quarters
            )
        if table.total_label:
            parts = [(table.key, row, YEAR) for row, _label in table.rows]
            sums.append((year_total, parts))
    return model_from_sums(base, sums), key_of


def _protect_group(
    code: str, tables: list[Table], spans: list[Span], policy: Policy
) -> dict[str, ShownTable]:
    out = {
        table.key: ShownTable(
            key=table.key,
            title=table.title,
            row_header=table.row_header,
            columns=[span.label() for span in spans],
            with_change=len(spans) == 2,
        )
        for table in tables
    }
    results: dict[int, Any] = {}
    for year in sorted({span.year for span in spans}):
        model, key_of = _year_model(code, tables, year)
        result = _protected(model, policy)
        if result is None:
            for item in out.values():
                item.withheld = _(
                    "Deze tabel tonen we niet: de aantallen zijn zo klein dat een jongere te "
                    "herkennen zou zijn. Kies een langere periode."
                )
            return out
        results[year] = (result, key_of)
    for table in tables:
        item = out[table.key]
        if not is_total(table) and any(span.quarter is not None for span in spans):
            item.withheld = _(
                "Deze uitsplitsing tonen we per jaar: per kwartaal zijn de aantallen te klein."
            )
            continue

        def row_of(row: str, label: str, table: Table = table, item: ShownTable = item) -> ShownRow:
            values: list[int | None] = []
            cells = []
            for span in spans:
                result, key_of = results[span.year]
                key = key_of(table, row, _column(span, table.stock))
                item.hidden = item.hidden or result.is_hidden(key)
                cells.append(result.display(key))
                values.append(result.published[key])
            shown_row = ShownRow(label, cells)
            if item.with_change:
                shown_row.change = _change(values[0], values[1])
            return shown_row

        item.rows = [row_of(row, label) for row, label in table.rows]
        if table.total_label:
            item.total = row_of(TOTAL_ROW, table.total_label)
    return out


def key_figures(tables: list[Table], shown: list[ShownTable], spans: list[Span]) -> ShownTable:
    """One table with the total of every indicator: the startfoto's first table."""
    figures = ShownTable(
        key="kerncijfers",
        title=_("Kerncijfers"),
        row_header=_("Indicator"),
        columns=[span.label() for span in spans],
        with_change=len(spans) == 2,
    )
    for table, item in zip(tables, shown, strict=True):
        if is_total(table) and not item.withheld:
            figures.rows.append(item.rows[0])
            figures.hidden = figures.hidden or item.hidden
    return figures


def startfoto(tables: list[Table], span: Span) -> list[ShownTable]:
    """What the startfoto publishes for ``span`` beside the span before it: the key figures,
    and for a year also the breakdowns."""
    spans = [span.previous(), span]
    shown = protect_tables(tables, spans)
    out = [key_figures(tables, shown, spans)]
    if span.quarter is None:
        out += [item for table, item in zip(tables, shown, strict=True) if not is_total(table)]
    return out


def export_tables(tables: list[Table], span: Span) -> list[ShownTable]:
    """What ``schakel monitor export`` publishes for one quarter or year: as the startfoto,
    with only that span's column."""
    shown = protect_tables(tables, [span])
    out = [key_figures(tables, shown, [span])]
    if span.quarter is None:
        out += [item for table, item in zip(tables, shown, strict=True) if not is_total(table)]
    return out


PROTECTION_CACHE_SECONDS = 24 * 3600


def _protected(model: Any, policy: Policy) -> ProtectedTable | None:
    """``protect`` on the model, remembered by its content: the same counts under the same
    policy always give the same pattern, so the cache can never show anything else. None
    when no pattern protects the model."""
    content = repr((sorted(model.values.items()), model.relations, policy))
    key = "monitor:protect:" + hashlib.sha256(content.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        try:
            found = protect_model(model, policy)
        except DisclosureError:
            found = WITHHELD
        cache.set(key, found, PROTECTION_CACHE_SECONDS)
    return None if found == WITHHELD else found


def _change(before: int | None, now: int | None) -> str:
    if before is None or now is None:
        return _("niet te tonen")
    if now == before:
        return _("gelijk")
    return f"+{now - before}" if now > before else f"-{before - now}"


CSV_HEADER = ["plaats", "van", "tot", "tabel", "rij", "kolom", "aantal"]


def csv_rows(tables: list[ShownTable], *, place: str, spans: list[Span]) -> list[list[str]]:
    """One line per published number (after disclosure control), with the dates of its
    quarter or year: the contract of the CSV download and of ``schakel monitor export``."""
    out = []
    for table in tables:
        if table.withheld:
            continue
        for row in [*table.rows, *([table.total] if table.total else [])]:
            for span, value in zip(spans, row.cells, strict=True):
                start, end = span.period.start, span.period.end
                out.append(
                    [
                        place,
                        f"{start:%Y-%m-%d}",
                        f"{end:%Y-%m-%d}",
                        table.title,
                        row.label,
                        span.label(),
                        value,
                    ]
                )
    return out


def csv_text(tables: list[ShownTable], *, place: str, spans: list[Span]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(tables, place=place, spans=spans))
    return buffer.getvalue()


def csv_response(tables: list[ShownTable], *, place: str, spans: list[Span]) -> HttpResponse:
    """The CSV for Excel (NL): semicolons, UTF-8 with a byte-order mark."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"monitor-{place}-{spans[-1].code}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff" + csv_text(tables, place=place, spans=spans))
    return response


def region_tables(per_municipality: list[tuple[str, list[Table]]], span: Span) -> list[ShownTable]:
    """Per indicator a row per municipality and the region. Each municipality's number is the
    total of its own startfoto, protected with all its breakdowns exactly as there, so the
    two pages never differ. The region's total is shown only when every municipality's number
    is shown (then it adds nothing); otherwise "x"."""
    policy = suppression_policy()
    out: dict[str, ShownTable] = {}
    for name, tables in per_municipality:
        shown = protect_tables(tables, [span], policy)
        for table, item in zip(tables, shown, strict=True):
            if not table.key.endswith(":totaal"):
                continue
            code = table.key.split(":")[0]
            region_table = out.setdefault(
                code,
                ShownTable(
                    key=f"{code}:regio",
                    title=table.title,
                    row_header=str(_("Gemeente")),
                    columns=[span.label()],
                    total=ShownRow(str(_("Regio")), []),
                ),
            )
            cell = item.rows[0].cells[0] if not item.withheld else SECONDARY_MARKER
            region_table.rows.append(ShownRow(name, [cell]))
            region_table.hidden = region_table.hidden or not cell.isdigit()
    for item in out.values():
        cells = [row.cells[0] for row in item.rows]
        total = str(sum(int(c) for c in cells)) if all(c.isdigit() for c in cells) else None
        assert item.total is not None  # noqa: S101 - set above
        item.total.cells = [total if total is not None else SECONDARY_MARKER]
    return list(out.values())


__all__ = ["SECONDARY_MARKER", "ShownTable", "csv_response", "csv_text", "protect_tables"]
