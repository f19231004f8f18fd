"""Case pages through HTTP: the queue, the case page, decisions refused without the child's view."""

import uuid

import pytest
from conftest import login
from django.test import Client

from schakel.accounts.constants import Role
from schakel.cases.models import Case
from schakel.intake.services import SignalInput, signal_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def signal(make_user):
    return signal_submit(
        actor=make_user(Role.PROFESSIONAL),
        submission_key=uuid.uuid4(),
        data=SignalInput(
            given_names="Sasha", surname="Pagina (fictief)", places=[("GM0344", "residence")]
        ),
    )


def test_coordinator_opens_a_case_and_records_a_decision(signal, make_user, login_as):
    client = login_as(make_user(Role.ZORGCOORDINATOR))
    assert "Open een casus" in client.get(f"/signalen/{signal.pk}/").content.decode()
    opened = client.post(f"/casussen/open/{signal.pk}/")
    case = Case.objects.get()
    assert opened["Location"] == f"/casussen/{case.pk}/"
    signal_page = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert f"Dit signaal hoort bij casus {case.pk}" in signal_page
    assert "Open een casus" not in signal_page
    assert client.get("/casussen/").status_code == 200
    page = client.get(f"/casussen/{case.pk}/").content.decode()
    assert "Sasha" in page and "Nieuw besluit" in page

    refused = client.post(
        f"/casussen/{case.pk}/besluit/",
        {
            "what": "Aanmelden bij expertisecentrum",
            "why": "Past bij de hulpvraag",
            "child_heard": "ja",
            "child_view": "",
            "best_interest": "Veiligheid",
            "parents_involved": "nee",
            "parents_reason": "Niet veilig",
        },
    )
    assert refused.status_code == 400
    assert "in zijn of haar eigen woorden" in refused.content.decode()
    assert "Aanmelden bij expertisecentrum" in refused.content.decode()  # nothing lost
    done = client.post(
        f"/casussen/{case.pk}/besluit/",
        {
            "what": "Aanmelden bij expertisecentrum",
            "why": "Past bij de hulpvraag",
            "child_heard": "ja",
            "child_view": "Ik wil hulp, maar niet thuis.",
            "best_interest": "Veiligheid",
            "parents_involved": "nee",
            "parents_reason": "Niet veilig",
        },
    )
    assert done.status_code == 302
    assert "Ik wil hulp, maar niet thuis." in client.get(f"/casussen/{case.pk}/").content.decode()


def test_case_pages_are_need_to_know(signal, make_user, login_as, other_region):
    owner = login(Client(), make_user(Role.ZORGCOORDINATOR))
    owner.post(f"/casussen/open/{signal.pk}/")
    case = Case.objects.get()
    elsewhere = login(Client(), make_user(Role.ZORGCOORDINATOR, regions=[other_region]))
    professional = login(Client(), make_user(Role.PROFESSIONAL))
    for client in (elsewhere, professional):
        assert client.get(f"/casussen/{case.pk}/").status_code == 404
        assert client.post(f"/casussen/{case.pk}/besluit/", {}).status_code == 404
    mine = professional.get("/casussen/")
    assert mine.status_code == 200 and "geen lid van een casusteam" in mine.content.decode()
