"""The monitor's tables as an Excel workbook: the same published numbers as the page and the
CSV (after disclosure control), numbers as numbers, "<5" and "x" as text, and a sheet that
explains them. No formulas: a sum in Excel over a table with hidden cells would mislead."""

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .domain.indicators import Indicator
from .presentation import ShownTable

BOLD = Font(bold=True)


def _value(cell: str) -> Any:
    return int(cell) if cell.isdigit() else cell


def workbook_bytes(
    tables: Sequence[ShownTable],
    *,
    title: str,
    lines: Sequence[str],
    notes: Sequence[str],
    indicators: Sequence[Indicator],
) -> bytes:
    """``tables`` one under the other on the sheet "Cijfers" (each with its title, column
    headings and a change column when it has one), ``lines`` (place, period, freshness)
    above them, and ``notes`` and the indicators' definitions on the sheet "Toelichting"."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Cijfers")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in lines:
        sheet.append([line])
    widest = 10
    for table in tables:
        sheet.append([])
        sheet.append([table.title])
        sheet.cell(sheet.max_row, 1).font = BOLD
        if table.withheld:
            sheet.append([table.withheld])
            continue
        heading = [table.row_header, *table.columns]
        if table.with_change:
            heading.append(_("Verandering"))
        sheet.append(heading)
        for column in range(1, len(heading) + 1):
            sheet.cell(sheet.max_row, column).font = BOLD
        for row in [*table.rows, *([table.total] if table.total else [])]:
            values: list[Any] = [row.label, *(_value(c) for c in row.cells)]
            if table.with_change:
                values.append(row.change)
            sheet.append(values)
            for column in range(2, len(row.cells) + 2):
                sheet.cell(sheet.max_row, column).alignment = Alignment(horizontal="right")
            widest = max(widest, len(row.label))
        if table.total:
            sheet.cell(sheet.max_row, 1).font = BOLD
    sheet.column_dimensions["A"].width = min(60, widest + 2)
    for column in range(2, 6):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    sheet.freeze_panes = "A2"

    about = book.create_sheet(_("Toelichting"))
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 100
    for note in notes:
        about.append([note])
    about.append([])
    about.append([_("Indicator"), _("Uitleg"), _("Formule"), _("Eenheid"), _("Bron")])
    for column in range(1, 6):
        about.cell(about.max_row, column).font = BOLD
    for indicator in indicators:
        about.append(
            [
                str(indicator.name),
                str(indicator.description),
                str(indicator.formula),
                str(indicator.unit),
                str(indicator.source),
            ]
        )
        for column in (2, 3):
            about.cell(about.max_row, column).alignment = Alignment(wrap_text=True)
    book.properties.title = title
    book.properties.creator = "Schakel"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
