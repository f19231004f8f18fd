"""The monitor through HTTP and the command line: counts only, after disclosure control, for
the people who may see them."""

import io
import re
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.cases import services as case_services
from schakel.cases.models import Case
from schakel.geo.models import Municipality
from schakel.intake.models import Signal
from schakel.intake.services import SignalInput, signal_submit
from schakel.monitor.domain.indicators import Span

# Only quarters and years that have ended can be shown: the signals are dated in 2025.
SPAN = Span(2025, 3)
YEAR = Span(2025)
IN_SPAN = timezone.datetime(2025, 8, 10, 12, tzinfo=timezone.get_current_timezone())

pytestmark = pytest.mark.django_db


def _signal(reporter, *, age: int, types=("sexual",), place="GM0344", surname="Fictief"):
    return signal_submit(
        actor=reporter,
        submission_key=uuid.uuid4(),
        data=SignalInput(
            given_names="Sam",
            surname=surname,
            age=age,
            places=[(place, "residence")],
            exploitation_types=list(types),
        ),
    )


@pytest.fixture
def signals(make_user):
    reporter = make_user(Role.PROFESSIONAL)
    # Six young people of 16-17 and one of 12-15: the one must not be recognisable.
    made = [_signal(reporter, age=16, surname=f"Zestien{i} (fictief)") for i in range(6)]
    made.append(_signal(reporter, age=13, types=("criminal",), surname="Dertien (fictief)"))
    Signal.objects.filter(pk__in=[s.pk for s in made]).update(submitted_at=IN_SPAN)
    return made


def _period(span: Span = SPAN) -> dict[str, str]:
    return {"periode": span.code}


def _row_cells(table: str) -> dict[str, list[str]]:
    """Row label -> the texts of its number cells."""
    rows = {}
    for chunk in table.split('scope="row">')[1:]:
        label = chunk[: chunk.index("<")]
        cells = re.findall(r'utrecht-table__cell--numeric">([^<]*)<', chunk.split("</tr>")[0])
        rows[label] = cells
    return rows


def _table(page: str, caption: str) -> str:
    start = page.index(f'<caption class="utrecht-table__caption">{caption}</caption>')
    return page[start : page.index("</table>", start)]


def test_the_policy_officer_sees_counts_of_her_municipality_with_small_ones_hidden(
    login_as, officer, gm0344, signals
):
    client = login_as(officer, verify=False)
    page = client.get("/monitor/", {"gemeente": gm0344.pk, **_period()}).content.decode()
    assert f"Gemeente {gm0344.name}" in page
    figures = _row_cells(_table(page, "Kerncijfers"))
    assert figures["Signalen"] == ["0", "7"]  # 2e and 3e kwartaal 2025
    assert "per kwartaal zijn de aantallen te klein" not in page  # no breakdown tables here
    # Per year, the breakdowns: the one young person of 12-15 is hidden, and the six of 16-17
    # too ("x"), so that the total of 7 minus the rest does not give the one away.
    page = client.get("/monitor/", {"gemeente": gm0344.pk, **_period(YEAR)}).content.decode()
    ages = _row_cells(_table(page, "Signalen, leeftijd bij het signaal"))
    assert ages["12-15 jaar"][-1] == "&lt;5"
    assert ages["Totaal"][-1] == "7" and ages["16-17 jaar"][-1] == "x"
    # Never a person: no names, no ages of one young person.
    assert "Dertien" not in page and "Zestien" not in page
    assert "Zo leest u deze cijfers" in page


def test_the_same_numbers_are_hidden_in_the_csv_download(login_as, officer, gm0344, signals):
    client = login_as(officer, verify=False)
    response = client.get("/monitor/startfoto.csv", {"gemeente": gm0344.pk, **_period(YEAR)})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "plaats;van;tot;tabel;rij;kolom;aantal"
    ages = {
        line.split(";")[4]: line.split(";")[-1]
        for line in text.splitlines()
        if ";Signalen, leeftijd bij het signaal;" in line and f";{YEAR.label()};" in line
    }
    assert ages == {
        "0-11 jaar": "0",
        "12-15 jaar": "<5",
        "16-17 jaar": "x",
        "18+ jaar": "0",
        "Onbekend": "0",
        "Totaal": "7",
    }


def test_another_municipality_or_role_cannot_see_the_monitor(
    login_as, officer, make_user, region, signals
):
    client = login_as(officer, verify=False)
    other = Municipality.objects.exclude(users=officer).first()
    assert client.get("/monitor/", {"gemeente": other.pk}).status_code == 404
    for role in (Role.PROFESSIONAL, Role.FUNCTIONEEL_BEHEERDER, Role.PRIVACY_OFFICER):
        response = login_as(make_user(role)).get("/monitor/")
        assert response.status_code in (403, 404)


def test_only_quarters_and_years_that_have_ended_can_be_chosen(login_as, officer, gm0344):
    client = login_as(officer, verify=False)
    running = f"{timezone.localdate().year}-K{(timezone.localdate().month + 2) // 3}"
    for wrong in (running, "2026-05", "1-1-2026"):
        response = client.get("/monitor/", {"gemeente": gm0344.pk, "periode": wrong})
        assert response.status_code == 400
        assert "<table" not in response.content.decode()


def test_the_care_coordinator_sees_the_municipalities_of_her_region(
    login_as, make_user, region, signals
):
    coordinator = make_user(Role.ZORGCOORDINATOR)
    client = login_as(coordinator)
    page = client.get("/monitor/regio/", {"regio": region.pk, **_period()}).content.decode()
    table = _table(page, "Signalen")
    assert "Regio" in table
    for municipality in region.municipalities.all():
        assert municipality.name in table
    assert ">7<" in table  # seven signals from GM0344: not small, as in its startfoto


def test_case_indicators_count_cases_of_the_municipality(
    login_as, officer, gm0344, make_user, signals
):
    coordinator = make_user(Role.ZORGCOORDINATOR)
    for signal in signals[:6]:
        case_services.case_open_from_signal(actor=coordinator, signal_id=signal.pk)
    Case.objects.update(created_at=IN_SPAN)
    page = (
        login_as(officer, verify=False)
        .get("/monitor/", {"gemeente": gm0344.pk, **_period()})
        .content.decode()
    )
    assert _row_cells(_table(page, "Kerncijfers"))["Nieuwe casussen"] == ["0", "6"]


def test_the_export_command_prints_the_protected_table(region, signals):
    start, end = f"{SPAN.period.start}", f"{SPAN.period.end}"
    out = io.StringIO()
    call_command(
        "monitor",
        "export",
        "--scope",
        "GM0344",
        "--from",
        start,
        "--to",
        end,
        "--format",
        "csv",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "plaats;van;tot;tabel;rij;kolom;aantal"
    assert f"GM0344;{start};{end};Kerncijfers;Signalen;{SPAN.label()};7" in lines
    out = io.StringIO()
    year = (f"{YEAR.period.start}", f"{YEAR.period.end}")
    call_command(
        "monitor", "export", "--scope", "GM0344", "--from", year[0], "--to", year[1], stdout=out
    )
    lines = out.getvalue().splitlines()
    assert any("12-15" in line and line.endswith(";<5") for line in lines)
    out = io.StringIO()
    call_command(
        "monitor", "export", "--scope", str(region.pk), "--from", start, "--to", end, stdout=out
    )
    assert f"{region.name};{start};{end};Signalen;Regio;" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scope", "GM9999", "--from", "2025-01-01", "--to", "2025-03-31"], "Geen gemeente"),
        (["--scope", "GM0344", "--from", "1-1-2025", "--to", "2025-03-31"], "JJJJ-MM-DD"),
        (["--scope", "GM0344", "--from", "2025-04-01", "--to", "2025-03-31"], "vóór"),
        (["--scope", "GM0344", "--from", "2025-01-01", "--to", "2025-04-01"], "heel kwartaal"),
        (["--scope", "GM0344", "--from", "2099-01-01", "--to", "2099-12-31"], "nog niet voorbij"),
    ],
)
def test_the_export_command_refuses_wrong_input_with_exit_2(region, capsys, args, message):
    with pytest.raises(SystemExit) as raised:
        call_command("monitor", "export", *args)
    assert raised.value.code == 2
    assert message in capsys.readouterr().err


def test_an_attacker_with_every_table_of_the_page_cannot_recover_the_small_count(
    login_as, officer, gm0344, signals
):
    """Solve for the hidden counts with everything the CSV publishes: the total shared by the
    breakdown tables, "<5" meaning 1 to 4 and "x" at least 5. The count of 12-15 year olds
    must keep more than one possible value."""
    from scipy.optimize import linprog

    client = login_as(officer, verify=False)
    text = client.get(
        "/monitor/startfoto.csv", {"gemeente": gm0344.pk, **_period(YEAR)}
    ).content.decode("utf-8-sig")
    tables: dict[str, dict[str, str]] = {}
    for line in text.splitlines()[1:]:
        _place, _van, _tot, table, row, column, value = line.split(";")
        if table == "Kerncijfers" and row == "Signalen" and column == YEAR.label():
            tables.setdefault("Signalen", {})["Signalen"] = value
        elif table.startswith("Signalen") and column == YEAR.label():
            tables.setdefault(table, {})[row] = value
    variables: list[tuple[str, str]] = []
    bounds = []
    for table, rows in tables.items():
        for row, value in rows.items():
            if value in ("<5", "x"):
                variables.append((table, row))
                bounds.append((1, 4) if value == "<5" else (5, None))
    total_name = "Signalen"
    shared_total = tables[total_name][total_name]
    equalities, rhs = [], []
    for table, rows in tables.items():
        if "Totaal" not in rows:
            continue
        coefficients = [0.0] * len(variables)
        known = 0
        for row, value in rows.items():
            sign = -1 if row == "Totaal" else 1
            if (table, row) in variables:
                coefficients[variables.index((table, row))] += sign
            else:
                known += sign * int(value)
        assert rows["Totaal"] == shared_total  # one total, shown the same everywhere
        equalities.append(coefficients)
        rhs.append(-known)
    target = variables.index(("Signalen, leeftijd bij het signaal", "12-15 jaar"))
    objective = [0.0] * len(variables)
    objective[target] = 1
    low = linprog(objective, A_eq=equalities, b_eq=rhs, bounds=bounds, method="highs")
    objective[target] = -1
    high = linprog(objective, A_eq=equalities, b_eq=rhs, bounds=bounds, method="highs")
    assert low.status == 0 and high.status == 0
    assert -high.fun - low.fun >= 1  # at least two possible values remain


def _solve_range(names, bounds, equalities, target):
    from scipy.optimize import linprog

    rows = [[coef.get(name, 0.0) for name in names] for coef, _rhs in equalities]
    rhs = [value for _coef, value in equalities]
    objective = [1.0 if name == target else 0.0 for name in names]
    low = linprog(objective, A_eq=rows or None, b_eq=rhs or None, bounds=bounds, method="highs")
    high = linprog(
        [-c for c in objective], A_eq=rows or None, b_eq=rhs or None, bounds=bounds, method="highs"
    )
    assert low.status == 0 and high.status == 0
    return low.fun, -high.fun


def test_a_quarter_cannot_be_worked_out_from_its_year_and_the_other_quarters(
    login_as, officer, gm0344, make_user
):
    """One signal in the second quarter of 2025 and six in the third: export every quarter
    and the year, and solve for the second quarter with everything published."""
    reporter = make_user(Role.PROFESSIONAL)
    q2 = [_signal(reporter, age=13, surname="Alleen (fictief)")]
    q3 = [_signal(reporter, age=16, surname=f"Groep{i} (fictief)") for i in range(6)]
    moment = timezone.datetime(2025, 5, 15, 12, tzinfo=timezone.get_current_timezone())
    Signal.objects.filter(pk__in=[s.pk for s in q2]).update(submitted_at=moment)
    Signal.objects.filter(pk__in=[s.pk for s in q3]).update(
        submitted_at=moment + timedelta(days=90)
    )
    client = login_as(officer, verify=False)
    published: dict[str, str] = {}
    for code in ("2025-K1", "2025-K2", "2025-K3", "2025-K4", "2025"):
        text = client.get(
            "/monitor/startfoto.csv", {"gemeente": gm0344.pk, "periode": code}
        ).content.decode("utf-8-sig")
        for line in text.splitlines()[1:]:
            _place, van, tot, table, _row, _column, value = line.split(";")
            if (table, _row) == ("Kerncijfers", "Signalen") and van.startswith("2025"):
                key = "jaar" if (van, tot) == ("2025-01-01", "2025-12-31") else van[5:7]
                assert published.setdefault(key, value) == value  # the same everywhere
    quarters = ["01", "04", "07", "10"]
    names, bounds, known = [], [], {}
    for key, value in published.items():
        if value in ("<5", "x"):
            names.append(key)
            bounds.append((1, 4) if value == "<5" else (5, None))
        else:
            known[key] = int(value)
    # The year is the sum of its quarters: hidden ones on the left, published ones on the right.
    coef = {q: 1.0 for q in quarters if q in names}
    if "jaar" in names:
        coef["jaar"] = -1.0
    rhs = known.get("jaar", 0) - sum(known.get(q, 0) for q in quarters)
    equalities = [(coef, float(rhs))]
    assert published["04"] == "<5"
    low, high = _solve_range(names, bounds, equalities, "04")
    assert high - low >= 1, published


def test_the_region_overview_needs_the_same_queries_however_many_municipalities(
    login_as, make_user, region, signals
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login_as(make_user(Role.ZORGCOORDINATOR))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get("/monitor/regio/", {"regio": region.pk, **_period()}).status_code == 200
            )
        return len(captured)

    queries()  # the first view of a year counts it ahead (aggregates.py)
    before = queries()
    region.municipalities.add(*Municipality.objects.exclude(regions=region)[:6])
    assert queries() == before
