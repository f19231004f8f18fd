"""The monitor's target groups and districts: per year, signals per gender, district of
residence and vulnerable group, after disclosure control."""

import uuid

import pytest
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.geo.models import Municipality
from schakel.geo.services import districts_load
from schakel.intake.models import Signal
from schakel.intake.services import SignalInput, signal_submit
from schakel.monitor.domain.indicators import Span
from schakel.monitor.tests.test_monitor_pages import _row_cells, _table

YEAR = Span(2025)
IN_YEAR = timezone.datetime(2025, 8, 10, 12, tzinfo=timezone.get_current_timezone())

pytestmark = pytest.mark.django_db


@pytest.fixture
def gm0344(region):
    districts_load()
    return Municipality.objects.get(code="GM0344")


@pytest.fixture
def officer(make_user, gm0344):
    return make_user(Role.BELEIDSMEDEWERKER, with_device=False, regions=[], municipalities=[gm0344])


@pytest.fixture
def signals(make_user, gm0344):
    """Seven signals from Utrecht: six girls in Overvecht, one boy in the Binnenstad; one of
    the girls in two vulnerable groups, the boy in one."""
    reporter = make_user(Role.PROFESSIONAL)

    def sent(gender: str, district: str, codes: list[str]) -> Signal:
        return signal_submit(
            actor=reporter,
            submission_key=uuid.uuid4(),
            data=SignalInput(
                surname="Fictief",
                age=15,
                places=[("GM0344", "residence")],
                gender=gender,
                district=district,
                indicator_codes=codes,
            ),
        )

    made = [
        sent(
            "meisje",
            "WK034403",
            ["kwetsbaar-gezondheid-lvb", "kwetsbaar-zorg-opvang-weglopen"] if i == 0 else [],
        )
        for i in range(6)
    ]
    made.append(sent("jongen", "WK034406", ["kwetsbaar-zorg-opvang-vermist"]))
    Signal.objects.filter(pk__in=[s.pk for s in made]).update(submitted_at=IN_YEAR)
    return made


def _year_column(page: str, caption: str) -> dict[str, str]:
    return {row: cells[-1] for row, cells in _row_cells(_table(page, caption)).items()}


def test_the_startfoto_of_a_year_shows_the_target_groups_with_small_counts_hidden(
    login_as, officer, gm0344, signals
):
    client = login_as(officer, verify=False)
    page = client.get("/monitor/", {"gemeente": gm0344.pk, "periode": YEAR.code}).content.decode()
    gender = _year_column(page, "Signalen, gender")
    assert list(gender) == ["Meisje", "Jongen", "Anders", "Onbekend", "Totaal"]
    # The one boy is hidden, and so are the six girls: 7 minus 6 would give him away.
    assert gender["Jongen"] == "&lt;5" and gender["Meisje"] == "x"
    assert gender["Totaal"] == "7" and gender["Anders"] == "0"

    districts = _year_column(page, "Signalen, wijk van de woonplaats")
    assert len(districts) == 10 + 2  # Utrecht's ten districts, Onbekend and Totaal
    assert districts["Wijk 06 Binnenstad"] == "&lt;5"
    assert districts["Wijk 03 Overvecht"] == "x"
    assert districts["Wijk 09 Leidsche Rijn"] == "0" and districts["Totaal"] == "7"

    groups = _year_column(page, "Signalen, kwetsbare groep")
    assert "Totaal" not in groups  # one young person can be in several groups
    assert groups["Wonen in een instelling of opvang"] == "&lt;5"
    assert groups["Ontwikkeling en gezondheid"] == "&lt;5"
    assert groups["Geen kwetsbaarheid vastgelegd"] == "5"  # no total to subtract it from
    assert groups["Eerdere ervaringen"] == "0"
    assert "Fictief" not in page


def test_the_csv_download_hides_the_same_target_group_counts(login_as, officer, gm0344, signals):
    client = login_as(officer, verify=False)
    text = client.get(
        "/monitor/startfoto.csv", {"gemeente": gm0344.pk, "periode": YEAR.code}
    ).content.decode("utf-8-sig")
    gender = {
        line.split(";")[4]: line.split(";")[-1]
        for line in text.splitlines()
        if ";Signalen, gender;" in line and f";{YEAR.label()};" in line
    }
    assert gender == {"Meisje": "x", "Jongen": "<5", "Anders": "0", "Onbekend": "0", "Totaal": "7"}


def test_the_year_startfoto_draws_the_districts_with_hidden_ones_hatched(
    login_as, officer, gm0344, signals
):
    client = login_as(officer, verify=False)
    page = client.get("/monitor/", {"gemeente": gm0344.pk, "periode": YEAR.code}).content.decode()
    start = page.index('id="kaart-wijken-titel"')
    drawn = page[start : page.index("</figure>", start)]
    # Every district of Utrecht has a shape; the two with signals are hatched (6 would give
    # the 1 away), never coloured by their hidden numbers.
    assert drawn.count("<path ") == 10
    at = drawn.index('data-code="WK034403"')
    overvecht = drawn[drawn.rindex("<path ", 0, at) :].split("</path>")[0]
    assert 'data-shown="x"' in overvecht and "niet te tonen (x)" in overvecht
    assert "schakel-map__area--hidden" in overvecht
    assert 'data-shown="6"' not in drawn and 'data-shown="1"' not in drawn
    assert "Kadaster / CBS, 2024" in drawn
    # A quarter has no breakdowns, so no district map.
    quarter = client.get("/monitor/", {"gemeente": gm0344.pk, "periode": "2025-K3"})
    assert "kaart-wijken" not in quarter.content.decode()


def test_new_cases_by_what_their_signals_say(make_user, gm0344, signals):
    from schakel.cases import services as case_services
    from schakel.cases.models import Case
    from schakel.monitor.selectors import municipality_tables

    coordinator = make_user(Role.ZORGCOORDINATOR)
    for signal in signals:
        case_services.case_open_from_signal(actor=coordinator, signal_id=signal.pk)
    Case.objects.update(created_at=IN_YEAR)
    tables = {t.key: t for t in municipality_tables(gm0344, YEAR, codes=["casussen_nieuw"])}

    def year(key: str) -> dict[str, int]:
        table = tables[f"casussen_nieuw:{key}"]
        return {
            row: sum(table.counts.get((row, 2025, f"K{q}"), 0) for q in (1, 2, 3, 4))
            for row, _label in table.rows
        }

    assert year("gender") == {"meisje": 6, "jongen": 1, "anders": 0, "onbekend": 0}
    districts = year("district")
    assert districts["WK034403"] == 6 and districts["WK034406"] == 1
    assert sum(districts.values()) == 7  # every case once: the rows add up to the total
    groups = year("vulnerable_group")
    assert groups["geen"] == 5
    assert groups["kwetsbaar-zorg-opvang"] == 2 and groups["kwetsbaar-gezondheid"] == 1
