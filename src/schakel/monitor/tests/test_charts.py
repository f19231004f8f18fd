"""Chart data: only what the tables publish, a hidden cell never as a number."""

from schakel.monitor.charts import (
    breakdown_chart,
    chart_value,
    trend_chart,
    trend_spans,
    trend_table,
)
from schakel.monitor.domain.indicators import Span
from schakel.monitor.presentation import ShownRow, ShownTable, startfoto
from schakel.monitor.selectors import Table


def _ages() -> ShownTable:
    return ShownTable(
        key="signalen:age_band",
        title="Signalen, leeftijd bij het signaal",
        row_header="Leeftijd bij het signaal",
        columns=["2024", "2025"],
        rows=[
            ShownRow("12-15 jaar", ["<5", "12"]),
            ShownRow("16-17 jaar", ["8", "x"]),
            ShownRow("18+ jaar", ["0", "0"]),
        ],
        total=ShownRow("Totaal", ["11", "15"]),
        hidden=True,
    )


def test_a_published_cell_is_a_number_and_a_hidden_one_is_not():
    assert chart_value("12") == 12 and chart_value("0") == 0
    assert chart_value("<5") is None and chart_value("x") is None
    assert chart_value("") is None


def test_the_bars_have_the_tables_numbers_and_a_gap_with_its_text_where_the_table_hides_one():
    chart = breakdown_chart(_ages(), "grafiek-1")
    assert chart is not None and chart["type"] == "bar"
    assert chart["labels"] == ["12-15 jaar", "16-17 jaar", "18+ jaar"]  # no total row
    assert [s["label"] for s in chart["series"]] == ["2024", "2025"]
    assert chart["series"][0]["values"] == [None, 8, 0]
    assert chart["series"][0]["shown"] == ["<5", "8", "0"]
    assert chart["series"][1]["values"] == [12, None, 0]
    assert "<5: te klein om te tonen" in chart["note"]
    assert "staafgrafiek" in chart["description"].lower()
    assert chart["data_id"] == "grafiek-1-data"
    # Every number in the chart is a number of the table, in the same place.
    for index, series in enumerate(chart["series"]):
        for row, value in zip(_ages().rows, series["values"], strict=True):
            assert value is None or str(value) == row.cells[index]


def test_no_note_without_hidden_numbers_and_no_chart_for_a_withheld_table():
    table = _ages()
    table.rows = [ShownRow("18+ jaar", ["5", "6"])]
    table.hidden = False
    chart = breakdown_chart(table, "g")
    assert chart is not None and chart["note"] == ""
    table.withheld = "Deze tabel tonen we niet."
    assert breakdown_chart(table, "g") is None


def test_the_trend_runs_from_the_first_quarter_of_the_year_before_up_to_the_chosen_span():
    assert [s.code for s in trend_spans(Span(2025, 2))] == [
        "2024-K1",
        "2024-K2",
        "2024-K3",
        "2024-K4",
        "2025-K1",
        "2025-K2",
    ]
    assert len(trend_spans(Span(2025))) == 8


def _signals(counts: dict[tuple[int, int], int]) -> list[Table]:
    """The signals' total table of one municipality: (year, quarter) -> count."""
    return [
        Table(
            key="signalen:totaal",
            title="Signalen",
            row_header="Signalen",
            rows=[("", "Signalen")],
            counts={("", year, f"K{q}"): n for (year, q), n in counts.items()},
        )
    ]


def test_the_trend_shows_each_quarter_exactly_as_the_startfoto_of_that_quarter_does(settings):
    settings.SCHAKEL_MONITOR_THRESHOLD = 5
    settings.SCHAKEL_MONITOR_ROUNDING = 0
    counts = {(2024, 1): 9, (2024, 2): 0, (2024, 3): 2, (2024, 4): 12}
    counts |= {(2025, 1): 6, (2025, 2): 3, (2025, 3): 7, (2025, 4): 0}
    tables = _signals(counts)
    trend = trend_table(tables, Span(2025))
    assert trend.title == "Verloop per kwartaal"
    assert trend.columns[0] == "1e kwartaal 2024" and trend.columns[-1] == "4e kwartaal 2025"
    cells = trend.rows[0].cells
    assert cells[2] == "<5" and cells[5] == "<5"
    assert "x" in cells  # and another one, so the year minus the rest does not give them away
    assert "12" in cells
    for index, span in enumerate(trend_spans(Span(2025))):
        on_its_startfoto = startfoto(tables, span)[0].rows[0].cells[-1]
        assert cells[index] == on_its_startfoto, span
    chart = trend_chart(trend, "grafiek-verloop")
    assert chart is not None and chart["type"] == "line"
    values = chart["series"][0]["values"]
    assert values[2] is None and values[5] is None  # the hidden 2 and 3 are gaps
    # No count that the table hides reaches the page as a number.
    assert 2 not in values and 3 not in values and 9 not in values  # 9: the "x" beside them
    for value, cell in zip(values, cells, strict=True):
        assert (value is None) == (not cell.isdigit())
    assert [v for v in values if v is not None] == [int(c) for c in cells if c.isdigit()]
