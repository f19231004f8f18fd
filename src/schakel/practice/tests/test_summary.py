"""The figures the policy scan uses, and the summary page a policy officer reads."""

from datetime import date

import pytest
import time_machine

from schakel.accounts.constants import OrganisationKind, Role
from schakel.accounts.tests.factories import OrganisationFactory
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.practice.models import TrainingRecord
from schakel.practice.selectors import participation_summary, training_coverage

from .factories import ParticipationActivityFactory, TrainingRecordFactory

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 30)


@pytest.fixture
def utrecht_orgs(utrecht, wijkteam):
    """Four first-line organisations in Utrecht, and one that is not first-line (police)."""
    return {
        "wijkteam": wijkteam,
        "school": OrganisationFactory(
            name="Basisschool (fictief)", kind=OrganisationKind.ONDERWIJS, municipality=utrecht
        ),
        "jeugdzorg": OrganisationFactory(
            name="Jeugdhulp (fictief)", kind=OrganisationKind.JEUGDZORG, municipality=utrecht
        ),
        "vt": OrganisationFactory(
            name="Veilig Thuis (fictief)", kind=OrganisationKind.VEILIG_THUIS, municipality=utrecht
        ),
        "politie": OrganisationFactory(
            name="Politie (fictief)", kind=OrganisationKind.POLITIE, municipality=utrecht
        ),
    }


def _train(organisation, name, day, level="basis", **extra):
    return TrainingRecordFactory(
        organisation=organisation,
        professional_name=name,
        date=day,
        level=level,
        training=extra.pop("training", f"Training {day}"),
        **extra,
    )


def test_training_coverage_counts_window_people_and_first_line_only(
    beleid, make_user, utrecht, school, utrecht_orgs
):
    orgs = utrecht_orgs
    pim = make_user(Role.PROFESSIONAL, organisation=orgs["wijkteam"])
    make_user(Role.PROFESSIONAL, organisation=orgs["wijkteam"])
    make_user(Role.PROFESSIONAL, organisation=orgs["school"], is_active=False)  # not counted
    make_user(Role.ZORGCOORDINATOR, organisation=orgs["jeugdzorg"])  # not a professional
    _train(orgs["wijkteam"], "Pim Proef", date(2023, 1, 10), user=pim)
    _train(orgs["wijkteam"], "pim  proef", date(2025, 2, 1), level="verdieping", user=pim)
    _train(orgs["wijkteam"], "Sanne", date(2022, 6, 30))  # the first day of the window
    _train(orgs["wijkteam"], "Oud Getraind", date(2022, 6, 29))  # one day too early
    _train(orgs["jeugdzorg"], "Sanne", date(2024, 5, 5), level="specialist")  # a namesake
    _train(orgs["politie"], "Agent", date(2024, 5, 5))  # police is not first-line
    _train(school, "Docent Nieuwegein", date(2024, 5, 5))  # another municipality

    coverage = training_coverage(beleid, utrecht.pk, today=TODAY)
    assert coverage.municipality_id == utrecht.pk
    assert coverage.since == date(2022, 6, 30)
    assert coverage.first_line_organisations == 4  # the office and the police do not count
    assert coverage.organisations_trained == 2
    assert coverage.professionals_trained == 3  # Pim (twice), Sanne, Sanne at jeugdzorg
    assert coverage.professional_accounts == 2
    assert coverage.accounts_trained == 1
    assert coverage.by_level == {"basis": 2, "verdieping": 1, "specialist": 1}

    shorter = training_coverage(beleid, utrecht.pk, today=TODAY, months=12)
    assert shorter.since == date(2024, 6, 30)
    assert (shorter.organisations_trained, shorter.professionals_trained) == (1, 1)
    assert shorter.accounts_trained == 1


def test_participation_summary_in_the_window(beleid, utrecht, nieuwegein):
    ParticipationActivityFactory(
        municipality=utrecht,
        date=date(2024, 1, 1),
        participant_count=10,
        participant_groups=["jongeren", "ouders"],
        what_changed="Andere voorlichting",
    )
    ParticipationActivityFactory(
        municipality=utrecht,
        date=date(2025, 5, 1),
        participant_count=5,
        participant_groups=["ervaringsdeskundigen"],
    )
    ParticipationActivityFactory(municipality=utrecht, date=date(2023, 6, 29))  # too early
    ParticipationActivityFactory(municipality=nieuwegein, date=date(2025, 1, 1))

    summary = participation_summary(beleid, utrecht.pk, today=TODAY)
    assert summary.since == date(2023, 6, 30)
    assert (summary.activities, summary.participants, summary.with_change) == (2, 15, 1)
    assert summary.groups == {
        "jongeren": 1,
        "ervaringsdeskundigen": 1,
        "ouders": 1,
        "professionals": 0,
    }
    assert summary.latest == date(2025, 5, 1)


def test_figures_outside_the_users_area_are_refused(beleid, nieuwegein, make_user, utrecht):
    with pytest.raises(NotFoundOrForbidden):
        training_coverage(beleid, nieuwegein.pk, today=TODAY)
    with pytest.raises(NotFoundOrForbidden):
        participation_summary(beleid, nieuwegein.pk, today=TODAY)
    with pytest.raises(NotFoundOrForbidden):
        training_coverage(make_user(Role.ZORGCOORDINATOR), utrecht.pk, today=TODAY)


@time_machine.travel("2025-06-30 12:00 +0200", tick=False)
def test_summary_page_in_plain_dutch_for_the_policy_officer(client_p, utrecht, utrecht_orgs):
    _train(utrecht_orgs["wijkteam"], "Sanne de Vries (fictief)", date(2025, 1, 1))
    ParticipationActivityFactory(municipality=utrecht, date=date(2025, 1, 1), participant_count=8)
    response = client_p.get("/praktijk/")
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "1 van de 4 eerstelijnsorganisaties heeft in de afgelopen 3 jaar iemand laten trainen."
        in page
    )
    assert "In die tijd is 1 professional van deze organisaties getraind." in page
    assert "In de afgelopen 2 jaar was er 1 activiteit." in page
    assert "1 activiteit is nog zonder zichtbaar resultaat." in page
    assert "Geteld vanaf 30 juni 2022." in page
    assert "Sanne" not in page  # figures only
    assert "/praktijk/participatie/?gemeente=" in page
    assert "/praktijk/training/" not in page  # the register is not theirs
    assert client_p.get("/praktijk/training/").status_code == 404


@time_machine.travel("2025-06-30 12:00 +0200", tick=False)
def test_regional_manager_picks_a_municipality(client_b, utrecht, nieuwegein, school):
    _train(school, "Docent (fictief)", date(2025, 1, 1))
    start = client_b.get("/praktijk/").content.decode()
    assert "Gemeente Utrecht" in start  # where the manager's organisation is, not A-Z first
    page = client_b.get(f"/praktijk/?gemeente={nieuwegein.pk}").content.decode()
    assert "Gemeente Nieuwegein" in page
    assert "1 van de 1 eerstelijnsorganisaties heeft" in page
    assert f"/praktijk/training/?gemeente={nieuwegein.pk}" in page
    assert client_b.get("/praktijk/?gemeente=999999").status_code == 404
    assert TrainingRecord.objects.count() == 1


def test_other_regions_municipality_is_not_found(client_o, utrecht):
    assert client_o.get(f"/praktijk/?gemeente={utrecht.pk}").status_code == 404
