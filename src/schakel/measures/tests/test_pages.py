"""The measures registry through HTTP: the policy officer's own municipalities only, Dutch
validation that keeps what was typed, and a before/after view whose every number is the one
the startfoto publishes for the same quarter."""

import re
import uuid
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.intake.models import Signal
from schakel.intake.services import SignalInput, signal_submit
from schakel.measures import services
from schakel.measures.models import Measure
from schakel.monitor.domain.indicators import Span

from .conftest import measure_input

pytestmark = pytest.mark.django_db

HONEST = "laat niet zien dat de maatregel dat verschil heeft veroorzaakt"
TOO_SMALL = "De aantallen zijn te klein om er iets over te zeggen"


def _form(municipality, **changes) -> dict:
    data = {
        "municipality": municipality.pk,
        "title": "Voorlichting over online uitbuiting",
        "description": "Gastlessen in de tweede klas.",
        "kind": "preventie",
        "where": "deel",
        "places": "Overvecht en Zuilen",
        "target_group": "Leerlingen van de tweede klas",
        "age_min": "13",
        "age_max": "15",
        "start_date": "2025-03-01",
        "end_date": "",
        "partners": "GGD, politie",
        "indicators": ["signalen", "casussen_nieuw"],
    }
    data.update(changes)
    return data


def test_the_policy_officer_records_a_measure_and_finds_it_in_the_list(
    client_officer, utrecht, officer
):
    page = client_officer.get("/monitor/maatregelen/nieuw/").content.decode()
    assert "Welke cijfers uit de monitor wilt u volgen?" in page
    assert '<label for="id_indicators_0">Signalen</label>' in page
    response = client_officer.post("/monitor/maatregelen/nieuw/", _form(utrecht))
    measure = Measure.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/monitor/maatregelen/{measure.pk}/"
    )
    assert measure.indicators == ["signalen", "casussen_nieuw"]
    assert (measure.whole_municipality, measure.places) == (False, "Overvecht en Zuilen")
    listing = client_officer.get("/monitor/maatregelen/").content.decode()
    assert "Voorlichting over online uitbuiting" in listing and "1 maatregel." in listing
    detail = client_officer.get(f"/monitor/maatregelen/{measure.pk}/").content.decode()
    assert "13 tot en met 15 jaar" in detail and "Bea Beleid" in detail
    assert "Overvecht en Zuilen" in detail


def test_an_error_is_shown_in_dutch_and_nothing_typed_is_lost(client_officer, utrecht):
    response = client_officer.post(
        "/monitor/maatregelen/nieuw/",
        _form(utrecht, end_date="2025-02-01", indicators=["onbekend_cijfer"]),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page and "Controleer het formulier." in page
    assert "De einddatum ligt vóór de startdatum" in page
    assert "Kies alleen cijfers uit de lijst." in page
    for typed in (
        "Voorlichting over online uitbuiting",
        "Gastlessen in de tweede klas.",
        "Overvecht en Zuilen",
        "GGD, politie",
        'value="2025-02-01"',
    ):
        assert typed in page
    assert not Measure.objects.exists()


def test_a_municipality_the_user_may_not_manage_is_refused_as_unknown(client_officer, nieuwegein):
    response = client_officer.post("/monitor/maatregelen/nieuw/", _form(nieuwegein))
    assert response.status_code == 400
    assert "Kies een gemeente uit de lijst." in response.content.decode()
    assert not Measure.objects.exists()


def test_edit_and_delete_with_a_confirmation_page(client_officer, utrecht, measure):
    response = client_officer.post(
        f"/monitor/maatregelen/{measure.pk}/wijzigen/",
        _form(utrecht, title="Voorlichting, tweede ronde", where="heel", places=""),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Voorlichting, tweede ronde" and measure.whole_municipality
    confirm = client_officer.get(f"/monitor/maatregelen/{measure.pk}/verwijderen/")
    assert "Weet u zeker" in confirm.content.decode()
    assert Measure.objects.exists()
    assert client_officer.post(f"/monitor/maatregelen/{measure.pk}/verwijderen/").status_code == 302
    assert not Measure.objects.exists()


def test_another_municipalitys_officer_gets_404(login_as, neighbour, measure):
    client = login_as(neighbour, verify=False)
    base = f"/monitor/maatregelen/{measure.pk}/"
    for url in (base, f"{base}wijzigen/", f"{base}verwijderen/"):
        assert client.get(url).status_code == 404
    assert client.post(f"{base}verwijderen/").status_code == 404
    assert client.post(f"{base}wijzigen/", _form(measure.municipality)).status_code == 404
    assert "Voorlichting" not in client.get("/monitor/maatregelen/").content.decode()
    assert (
        client.get("/monitor/maatregelen/", {"gemeente": measure.municipality_id}).status_code
        == 404
    )
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_roles_without_the_registry_get_403_or_404(login_as, make_user, measure):
    for role in (Role.PROFESSIONAL, Role.FUNCTIONEEL_BEHEERDER, Role.PRIVACY_OFFICER):
        client = login_as(make_user(role))
        for url in ("/monitor/maatregelen/", f"/monitor/maatregelen/{measure.pk}/"):
            assert client.get(url).status_code in (403, 404)


def test_the_care_coordinator_keeps_the_measures_of_her_region_only(
    login_as, make_user, other_region, measure
):
    own = login_as(make_user(Role.ZORGCOORDINATOR))
    assert own.get(f"/monitor/maatregelen/{measure.pk}/").status_code == 200
    # Two municipalities in her region: the list can be filtered by one of them.
    listed = own.get("/monitor/maatregelen/").content.decode()
    assert "Alle gemeenten" in listed and 'name="gemeente"' in listed
    chosen = own.get("/monitor/maatregelen/", {"gemeente": measure.municipality_id})
    assert measure.title in chosen.content.decode()
    assert own.get("/monitor/maatregelen/", {"gemeente": 999999}).status_code == 404
    other = login_as(make_user(Role.ZORGCOORDINATOR, regions=[other_region]))
    assert other.get(f"/monitor/maatregelen/{measure.pk}/").status_code == 404


def test_the_list_costs_the_same_number_of_queries_for_many_measures(
    client_officer, officer, utrecht, django_assert_max_num_queries
):
    for number in range(12):
        services.measure_create(actor=officer, data=measure_input(utrecht, title=f"M {number}"))
    with django_assert_max_num_queries(12):
        page = client_officer.get("/monitor/maatregelen/").content.decode()
    assert "12 maatregelen." in page


# --- Before and after -----------------------------------------------------------------------

TODAY = datetime(2025, 11, 15, 12, tzinfo=UTC)
# Signals per quarter in Utrecht: 2024-K2 has only two (to be hidden as "<5").
PER_QUARTER = {
    Span(2024, 1): 6,
    Span(2024, 2): 2,
    Span(2024, 3): 7,
    Span(2024, 4): 8,
    Span(2025, 1): 6,
    Span(2025, 2): 9,
    Span(2025, 3): 5,
}


def _signals(reporter) -> None:
    for span, count in PER_QUARTER.items():
        made = [
            signal_submit(
                actor=reporter,
                submission_key=uuid.uuid4(),
                data=SignalInput(
                    given_names="Sam",
                    surname=f"Fictief{span.code}{n}",
                    age=15,
                    places=[("GM0344", "residence")],
                    exploitation_types=["sexual"],
                ),
            )
            for n in range(count)
        ]
        moment = datetime.combine(
            span.period.start.replace(day=10),
            datetime.min.time(),
            tzinfo=timezone.get_current_timezone(),
        )
        Signal.objects.filter(pk__in=[s.pk for s in made]).update(submitted_at=moment)


def _row_cells(table: str) -> dict[str, list[str]]:
    rows = {}
    for chunk in table.split('scope="row">')[1:]:
        label = chunk[: chunk.index("<")]
        rows.setdefault(label, []).extend(
            re.findall(r'utrecht-table__cell--numeric">([^<]*)<', chunk.split("</tr>")[0])
        )
    return rows


def _table(page: str, caption: str) -> str:
    start = page.index(f'<caption class="utrecht-table__caption">{caption}</caption>')
    return page[start : page.index("</table>", start)]


def test_before_and_after_are_the_startfotos_protected_quarterly_numbers(
    login_as, officer, utrecht, make_user
):
    with time_machine.travel(TODAY, tick=False):
        _signals(make_user(Role.PROFESSIONAL))
        measure = services.measure_create(
            actor=officer,
            data=measure_input(
                utrecht, start_date=date(2024, 11, 20), indicators=["signalen", "casussen_nieuw"]
            ),
        )
        client = login_as(officer, verify=False)
        page = client.get(f"/monitor/maatregelen/{measure.pk}/").content.decode()
        shown = _row_cells(_table(page, "Signalen, per kwartaal vóór en vanaf de start"))
        # Four quarters before the start quarter (2024-K4) and four from it on, across three
        # calendar years.
        quarters = [
            Span(2023, 4),
            Span(2024, 1),
            Span(2024, 2),
            Span(2024, 3),
            Span(2024, 4),
            Span(2025, 1),
            Span(2025, 2),
            Span(2025, 3),
        ]
        assert [label for label in shown if label != "Samen"] == [s.label() for s in quarters]
        for span in quarters:
            startfoto = client.get(
                "/monitor/", {"gemeente": utrecht.pk, "periode": span.code}
            ).content.decode()
            published = _row_cells(_table(startfoto, "Kerncijfers"))["Signalen"][-1]
            assert shown[span.label()] == [published], span
        assert shown[Span(2024, 2).label()] == ["&lt;5"]
        # A hidden quarter before: no sum of the quarters before; those after are all
        # shown, so their sum is (one "Samen" row); and the honest sentences.
        after = [shown[span.label()][0] for span in quarters[4:]]
        assert all(cell.isdigit() for cell in after)
        assert shown["Samen"] == [str(sum(int(cell) for cell in after))]
        assert TOO_SMALL in page and HONEST in page
        assert "%" not in page.split("kop-voor-na")[1]
        cases = _row_cells(_table(page, "Nieuwe casussen, per kwartaal vóór en vanaf de start"))
        assert cases["Samen"] == ["0", "0"]  # every quarter shown: summed, and still too small
        assert "Vanaf de start waren het er" not in page


def test_nothing_to_compare_before_a_quarter_since_the_start_has_ended(
    client_officer, officer, utrecht
):
    measure = services.measure_create(
        actor=officer, data=measure_input(utrecht, start_date=timezone.localdate())
    )
    page = client_officer.get(f"/monitor/maatregelen/{measure.pk}/").content.decode()
    assert "Er valt nog niets te vergelijken" in page
    assert HONEST in page
    assert "per kwartaal vóór en vanaf de start" not in page
