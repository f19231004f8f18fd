"""The national export in HTCDS categories: the mapping, the counts, disclosure control
together with the region page, the command line and the page with its downloads."""

import io
import itertools
import json
import uuid

import pytest
import yaml
from django.core.management import call_command
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.cases import services as case_services
from schakel.cases.models import Case
from schakel.intake.constants import INDICATORS_PATH, ExploitationType
from schakel.intake.services import SignalInput, signal_submit
from schakel.monitor.national import NOT_RECORDED, load_standard

pytestmark = pytest.mark.django_db

YEAR = 2025  # ended: only ended years can be exported
IN_YEAR = timezone.datetime(2025, 6, 10, 12, tzinfo=timezone.get_current_timezone())


def _case(coordinator, reporter, *, place="GM0344", types=("sexual",), codes=()):
    signal = signal_submit(
        actor=reporter,
        submission_key=uuid.uuid4(),
        data=SignalInput(
            given_names="Sam",
            surname="Fictief",
            age=15,
            places=[(place, "residence")],
            exploitation_types=list(types),
            indicator_codes=list(codes),
        ),
    )
    return case_services.case_open_from_signal(actor=coordinator, signal_id=signal.pk)


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.ZORGCOORDINATOR)


@pytest.fixture
def cases(coordinator, make_user):
    """Six cases of sexual exploitation with debts and online contact, two of criminal
    exploitation with a debt to pay off; all in GM0344, opened in 2025."""
    reporter = make_user(Role.PROFESSIONAL)
    online_debt = ("seksueel-gedrag-algemeen-schulden", "seksueel-gedrag-seksueel-beelden")
    made = [_case(coordinator, reporter, codes=online_debt) for _ in range(6)]
    made += [
        _case(coordinator, reporter, types=("criminal",), codes=("crimineel-schuld",))
        for _ in range(2)
    ]
    Case.objects.update(created_at=IN_YEAR)
    return made


def _counts(export: dict, dimension: str) -> dict[str, str]:
    return {item["code"]: item["count"] for item in export["categories"][dimension]}


def _json(client, region, year=YEAR):
    response = client.get("/monitor/landelijk.json", {"regio": region.pk, "jaar": year})
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


# -- the mapping -----------------------------------------------------------------------------


def test_every_mapped_code_exists_in_the_intake_catalogue_and_no_origin_is_a_category():
    catalogue = yaml.safe_load(INDICATORS_PATH.read_text(encoding="utf-8"))
    known = {item["code"] for cat in catalogue["categories"] for item in cat["items"]}
    standard = load_standard()
    assert [d.key for d in standard.dimensions] == [
        "type_of_exploitation",
        "recruitment",
        "control",
    ]
    mapped = [code for d in standard.dimensions for c in d.categories for code in c.indicators]
    assert mapped and set(mapped) <= known
    types = {c.code: c for c in standard.dimensions[0].categories}
    # Criminal exploitation is its own type, and every exploitation type of Schakel is mapped.
    assert types["CriminalExploitation"].exploitation_types == ("criminal",)
    assert {t for c in types.values() for t in c.exploitation_types} == {
        t.value for t in ExploitationType
    }
    words = " ".join(
        f"{c.code} {c.label} {c.label_nl}".lower()
        for d in standard.dimensions
        for c in d.categories
    )
    for forbidden in ("national", "citizen", "migration", "herkomst", "verblijf", "nationalit"):
        assert forbidden not in words
    assert "UNMigration/HTCDS" in standard.source


# -- the counts and disclosure control -------------------------------------------------------


def test_counts_of_known_cases_with_small_ones_hidden(login_as, coordinator, region, cases):
    export = _json(login_as(coordinator), region)
    assert export["standard"] == "HTCDS" and export["year"] == YEAR
    assert export["cases_total"] == "8"
    types = _counts(export, "type_of_exploitation")
    assert types == {
        "SexualExploitation": "6",
        "CriminalExploitation": "<5",  # two cases: never shown as a number
        "ForcedLabour": "0",
        "Other": "0",
        NOT_RECORDED: "0",
    }
    control = _counts(export, "control")
    assert control["DebtBondage"] == "8" and control[NOT_RECORDED] == "0"
    # Online contact in six cases, nothing in two: the two would follow from 8 - 6, so the
    # whole recruitment table is hidden.
    assert set(_counts(export, "recruitment").values()) == {"x"}


def test_the_total_is_the_region_pages_total_also_when_that_is_hidden(
    login_as, coordinator, region, cases, make_user
):
    reporter = make_user(Role.PROFESSIONAL)
    _case(coordinator, reporter, place="GM0356")  # one case in the other municipality
    Case.objects.update(created_at=IN_YEAR)
    client = login_as(coordinator)
    page = client.get("/monitor/regio/", {"regio": region.pk, "periode": str(YEAR)})
    text = page.content.decode()
    table = text[text.index("Nieuwe casussen") :]
    table = table[: table.index("</table>")]
    region_cell = table.split('scope="row">Regio</th>')[1]
    assert ">x<" in region_cell.split("</tr>")[0]
    export = _json(client, region)
    assert export["cases_total"] == "x"


@pytest.mark.parametrize("total_hidden", [False, True])
def test_no_hidden_count_can_be_worked_out_from_the_export_and_the_region_page(
    login_as, coordinator, region, cases, make_user, total_hidden
):
    """An attacker with the JSON and the region page's new cases (per municipality and the
    total) solves linear programmes over the number of cases per combination of categories:
    every "<5" must keep at least two possible values."""
    from scipy.optimize import linprog

    if total_hidden:  # one case in the other municipality: the region page hides the total
        _case(coordinator, make_user(Role.PROFESSIONAL), place="GM0356", types=("labour",))
        Case.objects.update(created_at=IN_YEAR)
    export = _json(login_as(coordinator), region)
    out = io.StringIO()
    call_command(
        "monitor", "export", "--scope", str(region.pk), "--from", "2025-01-01",
        "--to", "2025-12-31", stdout=out,
    )  # fmt: skip
    page = {
        line.split(";")[4]: line.split(";")[-1]
        for line in out.getvalue().splitlines()
        if line.split(";")[3] == "Nieuwe casussen"
    }
    assert page["Regio"] == export["cases_total"]
    names: list[str] = []
    bounds: list[tuple] = []
    equalities: list[dict[str, float]] = []
    inequalities: list[dict[str, float]] = []  # sum <= 0

    def add(name: str, shown: str | None) -> None:
        names.append(name)
        if shown is None or shown == "x":
            bounds.append((0, None))
        elif shown.startswith("<"):
            bounds.append((1, 4))
        else:
            bounds.append((int(shown), int(shown)))

    add("N", None)
    add("T", page["Regio"])
    municipalities = [name for name in page if name != "Regio"]
    for name in municipalities:
        add(name, page[name])
        inequalities.append({name: 1.0, "N": -1.0})
    inequalities.append({"N": 1.0, "T": -1.0})
    equalities.append({"T": -1.0, **{name: 1.0 for name in municipalities}})
    for dimension, items in export["categories"].items():
        codes = [i["code"] for i in items if i["code"] != NOT_RECORDED]
        combos = [c for r in range(len(codes) + 1) for c in itertools.combinations(codes, r)]
        for combo in combos:
            add(f"{dimension}:{combo}", None)
        equalities.append({"N": -1.0, **{f"{dimension}:{c}": 1.0 for c in combos}})
        for item in items:
            cell = f"{dimension}/{item['code']}"
            add(cell, item["count"])
            members = [
                c for c in combos if (item["code"] in c if item["code"] != NOT_RECORDED else not c)
            ]
            equalities.append({cell: -1.0, **{f"{dimension}:{c}": 1.0 for c in members}})

    def matrix(rows):
        return [[row.get(n, 0.0) for n in names] for row in rows]

    targets = [n for n, b in zip(names, bounds, strict=True) if b == (1, 4)]
    assert "type_of_exploitation/CriminalExploitation" in targets
    for target in targets:
        ends = []
        for sign in (1.0, -1.0):
            result = linprog(
                [sign if n == target else 0.0 for n in names],
                A_ub=matrix(inequalities),
                b_ub=[0.0] * len(inequalities),
                A_eq=matrix(equalities),
                b_eq=[0.0] * len(equalities),
                bounds=bounds,
                method="highs",
            )
            assert result.status == 0
            ends.append(sign * result.fun)
        assert ends[1] - ends[0] >= 1, (target, ends)


# -- the command line ------------------------------------------------------------------------


def test_the_command_prints_json_and_csv(region, cases):
    out = io.StringIO()
    call_command("monitor", "national", "--region", str(region.pk), "--year", "2025", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) >= {
        "standard", "standard_version", "region", "year", "generated_at", "threshold",
        "categories", "cases_total",
    }  # fmt: skip
    assert data["region"] == str(region.pk) and data["threshold"] == 5
    out = io.StringIO()
    call_command(
        "monitor", "national", "--region", region.name, "--year", "2025", "--format", "csv",
        stdout=out,
    )  # fmt: skip
    lines = out.getvalue().lstrip("\ufeff").splitlines()
    assert out.getvalue().startswith("\ufeff")
    assert lines[0] == "regio;jaar;categorie;code;omschrijving;aantal"
    assert (
        f"{region.pk};2025;type_of_exploitation;CriminalExploitation;Criminele uitbuiting;<5"
        in (lines)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2099"], "nog niet voorbij"),
        (["--year", "volgend"], "JJJJ"),
    ],
)
def test_the_command_refuses_a_year_that_has_not_ended(region, capsys, args, message):
    with pytest.raises(SystemExit) as raised:
        call_command("monitor", "national", "--region", str(region.pk), *args)
    assert raised.value.code == 2
    assert message in capsys.readouterr().err


def test_the_command_refuses_an_unknown_region(region, capsys):
    with pytest.raises(SystemExit) as raised:
        call_command("monitor", "national", "--region", "Nergens", "--year", "2025")
    assert raised.value.code == 2
    assert "Geen regio" in capsys.readouterr().err


# -- the page and the downloads --------------------------------------------------------------


def test_the_page_shows_the_tables_and_the_downloads_are_recorded(
    login_as, coordinator, region, cases
):
    client = login_as(coordinator)
    page = client.get("/monitor/landelijk/", {"regio": region.pk, "jaar": YEAR})
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count("<h1") == 1
    assert '<caption class="utrecht-table__caption">Vorm van uitbuiting</caption>' in text
    assert "Criminele uitbuiting" in text and "&lt;5" in text
    assert "Fictief" not in text
    assert f"/monitor/landelijk.json?regio={region.pk}&amp;jaar={YEAR}" in text
    before = AuditEvent.objects.filter(action="monitor.national_export").count()
    csv = client.get("/monitor/landelijk.csv", {"regio": region.pk, "jaar": YEAR})
    assert csv.status_code == 200 and csv.content.decode("utf-8").startswith("\ufeffregio;jaar")
    _json(client, region)
    events = AuditEvent.objects.filter(action="monitor.national_export").order_by("seq")
    assert events.count() == before + 2
    assert events.last().details == {"year": YEAR, "format": "json", "standard": "2.0"}


def test_a_year_that_has_not_ended_cannot_be_chosen(login_as, coordinator, region):
    client = login_as(coordinator)
    year = timezone.localdate().year
    response = client.get("/monitor/landelijk/", {"regio": region.pk, "jaar": year})
    assert response.status_code == 400
    assert "<table" not in response.content.decode()
    assert client.get(
        "/monitor/landelijk.json", {"regio": region.pk, "jaar": year}
    ).status_code in (404,)


def test_others_cannot_export(login_as, make_user, region, other_region, coordinator):
    client = login_as(coordinator)
    assert (
        client.get("/monitor/landelijk/", {"regio": other_region.pk, "jaar": YEAR}).status_code
        == 404
    )
    assert (
        client.get("/monitor/landelijk.json", {"regio": other_region.pk, "jaar": YEAR}).status_code
        == 404
    )
    officer = make_user(Role.BELEIDSMEDEWERKER, with_device=False)
    for user in (make_user(Role.PROFESSIONAL), officer):
        verify = user is not officer
        response = login_as(user, verify=verify).get(
            "/monitor/landelijk/", {"regio": region.pk, "jaar": YEAR}
        )
        assert response.status_code in (403, 404)
        response = login_as(user, verify=verify).get(
            "/monitor/landelijk.json", {"regio": region.pk, "jaar": YEAR}
        )
        assert response.status_code in (403, 404)
