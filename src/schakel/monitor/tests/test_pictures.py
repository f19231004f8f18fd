"""Charts and maps through HTTP: they show what the tables publish, never a hidden count."""

import json
import re

import pytest
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.monitor.domain.indicators import Span
from schakel.monitor.tests.factories import send_signals

SPAN = Span(2025, 3)
YEAR = Span(2025)
IN_SPAN = timezone.datetime(2025, 8, 10, 12, tzinfo=timezone.get_current_timezone())
IN_Q2 = timezone.datetime(2025, 5, 10, 12, tzinfo=timezone.get_current_timezone())

pytestmark = pytest.mark.django_db


def _signals(reporter, n: int, *, place: str, age: int = 16, when=IN_SPAN):
    return send_signals(reporter, n, sent=when, place=place, age=age, name="Kaart")


def _paths(page: str) -> dict[str, tuple[str, str]]:
    """Municipality code -> (class, title) of each area of the first map."""
    svg = page[page.index('<svg class="schakel-map__svg"') :]
    svg = svg[: svg.index("</svg>")]
    return {
        code: (css, title)
        for css, code, title in re.findall(
            r'<path class="([^"]*)" d="[^"]+" data-code="(\w+)"[^>]*><title>([^<]*)</title>', svg
        )
    }


def _charts(page: str) -> dict[str, dict]:
    return {
        name: json.loads(data)
        for name, data in re.findall(
            r'<script id="([\w-]+)" type="application/json">(.*?)</script>', page, re.S
        )
    }


def _row_cells(page: str, caption: str) -> dict[str, list[str]]:
    start = page.index(f'<caption class="utrecht-table__caption">{caption}</caption>')
    table = page[start : page.index("</table>", start)]
    rows = {}
    for chunk in table.split('scope="row">')[1:]:
        label = chunk[: chunk.index("<")]
        rows[label] = re.findall(r'utrecht-table__cell--numeric">([^<]*)<', chunk.split("</tr>")[0])
    return rows


def test_the_region_map_has_an_area_per_municipality_with_its_published_number(
    login_as, make_user, region, reporter
):
    _signals(reporter, 7, place="GM0344")
    client = login_as(make_user(Role.ZORGCOORDINATOR))
    page = client.get("/monitor/regio/", {"regio": region.pk, "periode": SPAN.code}).content
    page = page.decode()
    areas = _paths(page)
    assert set(areas) == {m.code for m in region.municipalities.all()}
    assert areas["GM0344"] == ("schakel-map__area schakel-map__area--k1", "Utrecht: 7")
    assert areas["GM0356"][1] == "Nieuwegein: 0"
    assert 'role="img" aria-labelledby="kaart-1-titel"' in page
    assert 'id="kaart-1-titel">Kaart: Signalen per gemeente, 3e kwartaal 2025<' in page
    assert "Kaart: Kadaster / CBS, 2025" in page
    # The table stays beside the map, with the same numbers.
    assert _row_cells(page, "Signalen")["Utrecht"] == ["7"]


def test_a_municipality_with_a_hidden_number_is_hatched_and_says_it_is_not_shown(
    login_as, make_user, region, reporter
):
    _signals(reporter, 7, place="GM0344")
    _signals(reporter, 2, place="GM0356")
    client = login_as(make_user(Role.ZORGCOORDINATOR))
    page = client.get("/monitor/regio/", {"regio": region.pk, "periode": SPAN.code}).content
    page = page.decode()
    areas = _paths(page)
    css, title = areas["GM0356"]
    assert "schakel-map__area--hidden" in css
    assert title == "Nieuwegein: niet te tonen (&lt;5)"
    assert 'data-code="GM0356" data-shown="&lt;5" fill="url(#kaart-1-arcering)"' in page
    assert "niet te tonen (&lt;5 of x)" in page  # in the legend
    assert _row_cells(page, "Signalen")["Nieuwegein"] == ["&lt;5"]
    # The signals' map: never a number for Nieuwegein (the new cases' map may show its 0).
    first_map = page[page.index('<figure class="schakel-map">') : page.index("</figure>")]
    assert not re.search(r"Nieuwegein: \d", first_map)


def test_the_startfoto_charts_contain_no_number_that_the_tables_hide(
    login_as, officer, gm0344, reporter
):
    _signals(reporter, 6, place="GM0344", age=16)
    _signals(reporter, 1, place="GM0344", age=13)
    _signals(reporter, 2, place="GM0344", age=16, when=IN_Q2)
    client = login_as(officer, verify=False)
    page = client.get("/monitor/", {"gemeente": gm0344.pk, "periode": YEAR.code}).content
    page = page.decode()
    charts = _charts(page)
    assert "grafiek-verloop-data" in charts
    ages = next(c for c in charts.values() if c["title"] == "Signalen, leeftijd bij het signaal")
    table = _row_cells(page, "Signalen, leeftijd bij het signaal")
    assert table["12-15 jaar"][-1] == "&lt;5" and table["16-17 jaar"][-1] == "x"
    checked = 0
    for chart in charts.values():
        caption = chart["title"]
        rows = _row_cells(page, caption)
        for index, series in enumerate(chart["series"]):
            for position, value in enumerate(series["values"]):
                if chart["type"] == "line":  # a line per row, a point per column
                    cell = rows[series["label"]][position]
                else:  # a set of bars per column, a bar per row
                    cell = rows[chart["labels"][position]][index]
                if cell.isdigit():
                    assert value == int(cell)
                else:
                    assert value is None, (caption, series["label"], cell)
                    assert series["shown"][position] == cell.replace("&lt;", "<")
                checked += 1
    assert checked > 20
    # The hidden 1 of 12-15 and 8 of 16-17 are nowhere in the ages chart.
    year = ages["series"][-1]
    assert year["values"][ages["labels"].index("12-15 jaar")] is None
    assert year["values"][ages["labels"].index("16-17 jaar")] is None
    assert "&lt;5: te klein om te tonen" in page


def test_the_trend_shows_each_quarter_as_the_startfoto_of_that_quarter(
    login_as, officer, gm0344, reporter
):
    _signals(reporter, 7, place="GM0344")
    _signals(reporter, 2, place="GM0344", when=IN_Q2)
    client = login_as(officer, verify=False)
    page = client.get("/monitor/", {"gemeente": gm0344.pk, "periode": SPAN.code}).content.decode()
    assert '<h2 class="utrecht-heading-2" id="kop-verloop">Verloop per kwartaal</h2>' in page
    trend = _row_cells(page, "Verloop per kwartaal")
    # From the first quarter of 2024 up to the third of 2025: seven quarters.
    assert len(trend["Signalen"]) == 7
    assert trend["Signalen"][-2] == "&lt;5"  # the two of the second quarter
    for index, quarter in ((5, Span(2025, 2)), (6, Span(2025, 3)), (3, Span(2024, 4))):
        other = client.get("/monitor/", {"gemeente": gm0344.pk, "periode": quarter.code})
        figures = _row_cells(other.content.decode(), "Kerncijfers")
        for name, cells in trend.items():
            assert cells[index] == figures[name][-1], (name, quarter)
    chart = _charts(page)["grafiek-verloop-data"]
    assert chart["labels"][0] == "1e kwartaal 2024"
    signals = next(s for s in chart["series"] if s["label"] == "Signalen")
    assert signals["values"][5] is None and signals["shown"][5] == "<5"


def test_the_chart_is_an_enhancement_the_page_works_without_script(
    login_as, officer, gm0344, reporter
):
    _signals(reporter, 7, place="GM0344")
    client = login_as(officer, verify=False)
    response = client.get("/monitor/", {"gemeente": gm0344.pk, "periode": SPAN.code})
    page = response.content.decode()
    figure = re.search(r'<figure class="schakel-chart"[^>]*>', page).group(0)
    assert "hidden" in figure  # shown by the script once drawn
    assert re.search(
        r'<canvas id="grafiek-verloop" role="img" aria-label="Lijngrafiek: [^"]+"', page
    )
    # Only our own script files and JSON data: nothing the Content-Security-Policy would block.
    for tag in re.findall(r"<script[^>]*>", page):
        assert " src=" in tag or 'type="application/json"' in tag, tag
    assert "/static/vendor/chartjs/chart.umd.min.js" in page
    assert "/static/schakel/monitor-charts.js" in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
