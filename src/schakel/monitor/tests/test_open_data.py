"""Open data with differential privacy through the service and HTTP: the budget, the stored
file, who may release and download it, and the audit trail."""

import csv
import io

import pytest
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.geo.models import Municipality
from schakel.monitor.models import PrivacyRelease
from schakel.monitor.open_data import OpenDataRefused, budget_of, open_data_release
from schakel.monitor.tests.factories import send_signals

pytestmark = pytest.mark.django_db

YEAR = 2025
IN_YEAR = timezone.datetime(2025, 8, 10, 12, tzinfo=timezone.get_current_timezone())
URL = "/monitor/open-data/"


@pytest.fixture
def gm0014(other_region):
    return Municipality.objects.get(code="GM0014")


@pytest.fixture
def signals(reporter):
    return send_signals(reporter, 30, sent=IN_YEAR)


def _lines(content: str) -> list[dict[str, str]]:
    assert content.startswith("\ufeff# ")
    body = [line for line in content.lstrip("\ufeff").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(body)), delimiter=";"))


def _post(client, place, *, epsilon="0,5", year=YEAR, tables=("signalen:totaal",)):
    return client.post(
        URL, {"gemeente": place.pk, "jaar": year, "tabellen": list(tables), "epsilon": epsilon}
    )


# -- the service -------------------------------------------------------------------------------


def test_a_release_spends_what_opendp_reports_and_stores_the_noisy_file(officer, gm0344, signals):
    release = open_data_release(
        user=officer, municipality=gm0344, year=YEAR, epsilon=0.5, table_keys=["signalen:totaal"]
    )
    assert release.epsilon == pytest.approx(0.5) and release.epsilon <= 0.5
    assert release.scale == pytest.approx(2.0)  # one table, one record in one quarter
    assert budget_of(gm0344, YEAR).remaining == pytest.approx(0.5)
    lines = _lines(release.content)
    assert list(lines[0]) == ["plaats", "jaar", "tabel", "rij", "waarde", "epsilon", "mechanisme"]
    assert [line["rij"] for line in lines] == [
        "1e kwartaal",
        "2e kwartaal",
        "3e kwartaal",
        "4e kwartaal",
        "Heel jaar",
    ]
    assert {line["plaats"] for line in lines} == {"GM0344"}
    assert {line["epsilon"] for line in lines} == {"0,5"}
    assert "onnauwkeurig" in release.content.splitlines()[0]
    # 30 signals in the third quarter; at scale 2 the noise is more than 25 off with a
    # chance of about 1e-5 (and the year is the sum of the noisy quarters).
    third = next(line for line in lines if line["rij"] == "3e kwartaal")
    assert abs(int(third["waarde"]) - 30) < 25


def test_a_huge_epsilon_gives_almost_the_true_numbers(officer, gm0344, signals, settings):
    settings.SCHAKEL_MONITOR_DP_EPSILON_PER_YEAR = 100.0
    release = open_data_release(
        user=officer, municipality=gm0344, year=YEAR, epsilon=100.0, table_keys=["signalen:totaal"]
    )
    values = {line["rij"]: line["waarde"] for line in _lines(release.content)}
    assert values == {
        "1e kwartaal": "0",
        "2e kwartaal": "0",
        "3e kwartaal": "30",
        "4e kwartaal": "0",
        "Heel jaar": "30",
    }


def test_tables_released_together_cost_their_sensitivities_together(officer, gm0344, signals):
    release = open_data_release(
        user=officer,
        municipality=gm0344,
        year=YEAR,
        epsilon=0.5,
        table_keys=["signalen:totaal", "signalen:exploitation", "signalen:age_band"],
    )
    assert release.sensitivity == 1 + 4 + 1
    assert release.scale == pytest.approx(12.0)


def test_a_release_over_the_budget_is_refused_and_nothing_is_stored(officer, gm0344, signals):
    open_data_release(
        user=officer, municipality=gm0344, year=YEAR, epsilon=0.75, table_keys=["signalen:totaal"]
    )
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(OpenDataRefused) as refused:
        open_data_release(
            user=officer,
            municipality=gm0344,
            year=YEAR,
            epsilon=0.5,
            table_keys=["signalen:totaal"],
        )
    assert "nog 0,25 over" in refused.value.message
    assert PrivacyRelease.objects.count() == 1
    assert AuditEvent.objects.count() == audit_rows


def test_a_year_that_has_not_ended_is_refused(officer, gm0344):
    this_year = timezone.localdate().year
    with pytest.raises(OpenDataRefused) as refused:
        open_data_release(
            user=officer,
            municipality=gm0344,
            year=this_year,
            epsilon=0.5,
            table_keys=["signalen:totaal"],
        )
    assert f"Het jaar {this_year} is nog niet voorbij" in refused.value.message
    assert not PrivacyRelease.objects.exists()


def test_the_budget_setting_must_be_above_zero(officer, gm0344, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.SCHAKEL_MONITOR_DP_EPSILON_PER_YEAR = 0.0
    with pytest.raises(ImproperlyConfigured):
        budget_of(gm0344, YEAR)


# -- the pages ---------------------------------------------------------------------------------


def test_the_page_shows_the_budget_and_a_release_lowers_it(login_as, officer, gm0344, signals):
    client = login_as(officer, verify=False)
    page = client.get(URL).content.decode()
    assert "Wat is epsilon?" in page
    assert 'data-testid="over-GM0344-2025">1<' in page
    response = _post(client, gm0344, epsilon="0,4")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="over-GM0344-2025">0,6<' in page
    release = PrivacyRelease.objects.get()
    assert release.released_by == officer
    assert f"/monitor/open-data/{release.pk}.csv" in page


def test_a_second_release_over_the_budget_is_refused_in_dutch(login_as, officer, gm0344, signals):
    client = login_as(officer, verify=False)
    assert _post(client, gm0344, epsilon="0,8").status_code == 302
    response = _post(client, gm0344, epsilon="0,5")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Controleer het formulier." in page
    assert "Voor 2025 is nog 0,2 over" in page
    assert PrivacyRelease.objects.count() == 1


def test_download_again_returns_identical_bytes_and_is_audited(login_as, officer, gm0344, signals):
    client = login_as(officer, verify=False)
    _post(client, gm0344)
    release = PrivacyRelease.objects.get()
    first = client.get(f"/monitor/open-data/{release.pk}.csv")
    second = client.get(f"/monitor/open-data/{release.pk}.csv")
    assert first.status_code == 200
    assert first["Content-Type"] == "text/csv; charset=utf-8"
    assert first.content == second.content == release.content.encode("utf-8")
    assert first.content.startswith("\ufeff".encode())
    assert PrivacyRelease.objects.count() == 1
    assert budget_of(gm0344, YEAR).spent == pytest.approx(release.epsilon)
    made = AuditEvent.objects.get(action="monitor.open_data_release")
    assert made.subject_id == str(release.pk)
    assert made.details["municipality"] == "GM0344"
    assert made.details["sha256"] == release.sha256
    assert AuditEvent.objects.filter(action="monitor.open_data_download").count() == 2


def test_another_municipality_gets_404_for_a_release(
    login_as, make_user, officer, gm0344, gm0014, signals
):
    release = open_data_release(
        user=officer, municipality=gm0344, year=YEAR, epsilon=0.5, table_keys=["signalen:totaal"]
    )
    other = make_user(
        Role.BELEIDSMEDEWERKER, with_device=False, regions=[], municipalities=[gm0014]
    )
    client = login_as(other, verify=False)
    assert client.get(f"/monitor/open-data/{release.pk}.csv").status_code == 404
    page = client.get(URL).content.decode()
    assert f"{release.pk}.csv" not in page
    assert _post(client, gm0344).status_code == 404
    assert PrivacyRelease.objects.count() == 1


@pytest.mark.parametrize("role", [Role.ZORGCOORDINATOR, Role.PROFESSIONAL])
def test_a_care_coordinator_or_professional_cannot_release(login_as, make_user, gm0344, role):
    client = login_as(make_user(role))
    assert client.get(URL).status_code in (403, 404)
    assert _post(client, gm0344).status_code in (403, 404)
    assert not PrivacyRelease.objects.exists()


def test_the_page_reads_a_fixed_number_of_queries(
    login_as, officer, gm0344, signals, django_assert_max_num_queries
):
    for epsilon in (0.1, 0.2, 0.3):
        open_data_release(
            user=officer,
            municipality=gm0344,
            year=YEAR,
            epsilon=epsilon,
            table_keys=["signalen:totaal"],
        )
    client = login_as(officer, verify=False)
    with django_assert_max_num_queries(15):
        assert client.get(URL).status_code == 200
