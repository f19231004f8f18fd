"""The intake through HTTP: send, draft, errors, double submission, who sees what."""

import re
import uuid

import pytest
from conftest import login
from django.test import Client

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.intake.constants import SignalStatus
from schakel.intake.models import Signal
from schakel.intake.services import indicators_load_defaults
from schakel.kennis.services import terms_load_defaults

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference_lists(db):
    indicators_load_defaults()
    terms_load_defaults()


def form_data(**overrides):
    data = {
        "submission_key": str(uuid.uuid4()),
        "reporter_function": "mentor",
        "identity": "identified",
        "given_names": "Sam Jesse",
        "tussenvoegsel": "van der",
        "surname": "Voorbeeld",
        "date_of_birth": "2011-04-02",
        "postcode": "3511ab",
        "house_number": "12",
        "school": "De Brug",
        "residence": "GM0344",
        "school_municipality": "GM0356",
        "exploitation_types": ["criminal"],
        "online": "nee",
        "acute_danger": "nee",
        "assault_recent": "nee",
        "missing_now": "nee",
        "structural_unsafety": "onbekend",
        "disclosure": "ja",
        "wants_anonymity": "nee",
        "also_offender": "onbekend",
        "parents_involved": "nee",
        "description": "Wordt na school opgehaald door oudere jongens.",
        "actie": "versturen",
    }
    data.update(overrides)
    return data


@pytest.fixture
def professional(make_user, region):
    return make_user(Role.PROFESSIONAL)


def test_send_a_signal_and_see_what_now(professional, login_as, region):
    client = login_as(professional)
    response = client.post("/signalen/nieuw/", form_data())
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert response["Location"] == f"/signalen/{signal.pk}/wat-nu/"
    assert signal.status == SignalStatus.SUBMITTED
    assert (signal.given_names, signal.tussenvoegsel, signal.surname) == (
        "Sam Jesse",
        "van der",
        "Voorbeeld",
    )
    assert signal.postcode == "3511 AB"
    assert signal.region == region
    assert {p.municipality.code for p in signal.places.all()} == {"GM0344", "GM0356"}
    codes = [a["code"] for a in signal.route_actions["actions"]]
    assert "zorgcoordinator" in codes
    assert "veilig-thuis" in codes  # the young person told it themselves
    page = client.get(response["Location"]).content.decode()
    assert "Wat nu?" in page
    assert "Veilig Thuis" in page
    assert AuditEvent.objects.filter(action="signal.submit", subject_id=str(signal.pk)).exists()


def test_double_submission_creates_one_signal(professional, login_as):
    client = login_as(professional)
    data = form_data()
    first = client.post("/signalen/nieuw/", data)
    second = client.post("/signalen/nieuw/", data)
    assert Signal.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_errors_are_dutch_next_to_the_field_and_nothing_is_lost(professional, login_as):
    client = login_as(professional)
    data = form_data(
        postcode="12345",
        date_of_birth="2999-01-01",
        assault_recent="ja",
        description="Een zin die bewaard moet blijven.",
    )
    response = client.post("/signalen/nieuw/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Vul een postcode in zoals 1234 AB." in body
    assert "De geboortedatum kan niet in de toekomst liggen." in body
    assert "Hoeveel dagen geleden ongeveer?" in body
    assert "Een zin die bewaard moet blijven." in body
    assert 'value="Voorbeeld"' in body
    assert Signal.objects.count() == 0


def test_draft_keeps_an_unfinished_intake(professional, login_as):
    client = login_as(professional)
    data = form_data(surname="", given_names="", actie="concept", description="half af")
    response = client.post("/signalen/nieuw/", data)
    signal = Signal.objects.get()
    assert signal.status == SignalStatus.DRAFT
    assert response["Location"] == f"/signalen/{signal.pk}/bewerken/"
    page = client.get(response["Location"]).content.decode()
    assert "half af" in page
    assert data["submission_key"] in page
    # Sending without a name is refused with a clear message; the draft stays.
    refused = client.post(response["Location"], {**data, "actie": "versturen"})
    assert "kies voor anoniem overleg" in refused.content.decode()
    done = client.post(response["Location"], {**data, "surname": "Voorbeeld", "actie": "versturen"})
    assert done["Location"] == f"/signalen/{signal.pk}/wat-nu/"
    assert Signal.objects.get().status == SignalStatus.SUBMITTED


def test_anonymous_consultation_stores_nothing_identifying(professional, login_as):
    client = login_as(professional)
    client.post("/signalen/nieuw/", form_data(identity="anonymous", age="15"))
    signal = Signal.objects.get()
    assert signal.is_anonymous
    assert (signal.given_names, signal.surname, signal.postcode, signal.school) == ("", "", "", "")
    assert signal.date_of_birth is None
    assert signal.age == 15


def test_bsn_only_where_the_organisation_may(professional, login_as):
    client = login_as(professional)
    assert 'name="bsn"' not in client.get("/signalen/nieuw/").content.decode()
    professional.organisation.may_process_bsn = True
    professional.organisation.save()
    response = client.post("/signalen/nieuw/", form_data(bsn="123456789"))
    assert "Dit is geen geldig BSN" in response.content.decode()
    client.post("/signalen/nieuw/", form_data(bsn="111222333"))
    assert Signal.objects.get().bsn == "111222333"


def test_terminology_hints(professional, login_as):
    client = login_as(professional)
    response = client.post("/signalen/woordhulp/", {"description": "Ze heeft een loverboy."})
    body = response.content.decode()
    assert "loverboy" in body.lower()
    assert "mensenhandelaar" in body.lower() or "uitbuiter" in body.lower()
    assert (
        client.post("/signalen/woordhulp/", {"description": "Niets aan de hand."}).content.strip()
        == b""
    )


def test_who_sees_a_signal(professional, make_user, login_as, other_region):
    client = login_as(professional)
    client.post("/signalen/nieuw/", form_data())
    signal = Signal.objects.get()
    coordinator = login(Client(), make_user(Role.ZORGCOORDINATOR))
    queue = coordinator.get("/signalen/regio/").content.decode()
    assert f"/signalen/{signal.pk}/" in queue
    assert coordinator.get(f"/signalen/{signal.pk}/").status_code == 200

    elsewhere = make_user(Role.ZORGCOORDINATOR, regions=[other_region])
    assert login(Client(), elsewhere).get(f"/signalen/{signal.pk}/").status_code == 404
    colleague = login(Client(), make_user(Role.PROFESSIONAL))
    assert colleague.get(f"/signalen/{signal.pk}/").status_code == 404
    policy = make_user(Role.BELEIDSMEDEWERKER, with_device=False)
    policy_client = login(Client(), policy, verify=False)
    for path in (f"/signalen/{signal.pk}/", "/signalen/", "/signalen/nieuw/", "/signalen/regio/"):
        assert policy_client.get(path).status_code == 404


def test_a_coordinator_never_sees_someone_elses_draft(professional, make_user, login_as):
    client = login_as(professional)
    client.post("/signalen/nieuw/", form_data(actie="concept"))
    draft = Signal.objects.get()
    coordinator = login(Client(), make_user(Role.ZORGCOORDINATOR))
    assert coordinator.get(f"/signalen/{draft.pk}/").status_code == 404


def test_queue_query_count_does_not_grow(
    professional, make_user, login_as, django_assert_max_num_queries
):
    client = login_as(professional)
    for _ in range(8):
        client.post("/signalen/nieuw/", form_data())
    coordinator = login(Client(), make_user(Role.ZORGCOORDINATOR))
    with django_assert_max_num_queries(25):
        body = coordinator.get("/signalen/regio/").content.decode()
    assert len(re.findall(r'href="/signalen/\d+/"', body)) == 8


def test_reporting_code_requires_report_or_a_reason(professional, make_user, login_as):
    client = login_as(professional)
    client.post("/signalen/nieuw/", form_data())
    signal = Signal.objects.get()
    base = f"/signalen/{signal.pk}"
    step = client.post(
        f"{base}/meldcode/stap/",
        {"number": "1", "done_on": "2026-11-01", "notes": "Signalen opgeschreven."},
    )
    assert step.status_code == 302
    detail = client.get(f"{base}/").content.decode()
    assert "Signalen opgeschreven." in detail
    questions = re.findall(r'name="question_code" value="([^"]+)"', detail)
    assert len(questions) == 5
    for code in questions:  # "yes" to all: question 2 (acute or structural) requires a report
        response = client.post(
            f"{base}/meldcode/afweging/",
            {"question_code": code, "answer": "yes", "reasoning": "Omdat."},
        )
        assert response.status_code == 302
    refused = client.post(f"{base}/afronden/", {"reported_to_veilig_thuis": "nee"})
    assert refused.status_code == 400
    assert "Melden bij Veilig Thuis is verplicht" in refused.content.decode()
    done = client.post(
        f"{base}/afronden/",
        {"reported_to_veilig_thuis": "nee", "override_reason": "Jongere is al in zorg."},
    )
    assert done.status_code == 302
    coordinator = login(Client(), make_user(Role.ZORGCOORDINATOR))
    flagged = coordinator.get("/signalen/regio/?toon=afwijking").content.decode()
    assert f"/signalen/{signal.pk}/" in flagged
    assert "Jongere is al in zorg." in coordinator.get(f"{base}/").content.decode()


def test_reasoning_is_required_for_a_decision(professional, login_as):
    client = login_as(professional)
    client.post("/signalen/nieuw/", form_data())
    signal = Signal.objects.get()
    detail = client.get(f"/signalen/{signal.pk}/").content.decode()
    code = re.findall(r'name="question_code" value="([^"]+)"', detail)[0]
    response = client.post(
        f"/signalen/{signal.pk}/meldcode/afweging/", {"question_code": code, "answer": "yes"}
    )
    assert response.status_code == 400
    assert "Onderbouw uw antwoord" in response.content.decode()


def test_autosave_keeps_a_draft_and_submit_uses_it(professional, login_as):
    client = login_as(professional)
    data = form_data()
    saved = client.post("/signalen/concept/", data)
    assert "Concept automatisch bewaard" in saved.content.decode()
    draft = Signal.objects.get()
    assert draft.status == SignalStatus.DRAFT
    client.post("/signalen/nieuw/", data)
    assert Signal.objects.get().status == SignalStatus.SUBMITTED
    # After sending, a late autosave changes nothing.
    late = client.post("/signalen/concept/", {**data, "surname": "Anders"})
    assert "bewaard" not in late.content.decode()
    assert Signal.objects.get().surname == "Voorbeeld"
    invalid = client.post(
        "/signalen/concept/", {**data, "submission_key": str(uuid.uuid4()), "postcode": "x"}
    )
    assert "Nog niet automatisch bewaard" in invalid.content.decode()


def _sent_signal(client):
    client.post("/signalen/nieuw/", form_data())
    return Signal.objects.latest("pk")


def _questions(client, signal):
    detail = client.get(f"/signalen/{signal.pk}/").content.decode()
    return re.findall(r'name="question_code" value="([^"]+)"', detail)


def test_only_the_reporter_records_the_reporting_code(professional, make_user, login_as):
    signal = _sent_signal(login_as(professional))
    coordinator = login(Client(), make_user(Role.ZORGCOORDINATOR))
    assert coordinator.get(f"/signalen/{signal.pk}/").status_code == 200
    for path, data in (
        ("meldcode/afweging/", {"question_code": "vermoeden", "answer": "no", "reasoning": "x"}),
        ("afronden/", {"reported_to_veilig_thuis": "nee", "override_reason": "x"}),
        ("meldcode/stap/", {"number": "1", "done_on": "2026-11-01", "notes": "x"}),
    ):
        assert coordinator.post(f"/signalen/{signal.pk}/{path}", data).status_code == 404
    signal.refresh_from_db()
    assert signal.status == SignalStatus.SUBMITTED
    assert not signal.meldcode_decisions.exists()


def test_no_suspicion_can_be_concluded_and_then_nothing_changes(professional, login_as):
    client = login_as(professional)
    signal = _sent_signal(client)
    first = _questions(client, signal)[0]
    client.post(
        f"/signalen/{signal.pk}/meldcode/afweging/",
        {"question_code": first, "answer": "no", "reasoning": "Geen vermoeden meer."},
    )
    done = client.post(f"/signalen/{signal.pk}/afronden/", {"reported_to_veilig_thuis": "nee"})
    assert done.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CONCLUDED
    assert signal.report_required is False
    late = client.post(
        f"/signalen/{signal.pk}/meldcode/afweging/",
        {"question_code": first, "answer": "yes", "reasoning": "Toch wel."},
    )
    assert late.status_code == 400
    assert signal.meldcode_decisions.count() == 1


def test_required_report_message_stands_next_to_the_reason(professional, login_as):
    client = login_as(professional)
    signal = _sent_signal(client)
    for code in _questions(client, signal):
        client.post(
            f"/signalen/{signal.pk}/meldcode/afweging/",
            {"question_code": code, "answer": "yes", "reasoning": "Omdat."},
        )
    refused = client.post(f"/signalen/{signal.pk}/afronden/", {"reported_to_veilig_thuis": "nee"})
    form = refused.context["conclude_form"]
    assert "Melden bij Veilig Thuis is verplicht" in form.errors["override_reason"][0]


def test_edit_page_always_edits_its_own_draft(professional, login_as):
    client = login_as(professional)
    client.post("/signalen/nieuw/", form_data(actie="concept"))
    draft = Signal.objects.get()
    client.post(
        f"/signalen/{draft.pk}/bewerken/",
        form_data(submission_key=str(uuid.uuid4()), actie="concept", school="Nieuw"),
    )
    assert Signal.objects.count() == 1
    draft.refresh_from_db()
    assert draft.school == "Nieuw"


def test_audit_rows_of_signal_writes_carry_the_ip(professional, login_as):
    client = login_as(professional)
    client.post("/signalen/nieuw/", form_data(), REMOTE_ADDR="10.9.8.7")
    assert AuditEvent.objects.get(action="signal.submit").client_ip == "10.9.8.7"


def test_a_signal_without_a_care_region_says_so(professional, login_as, region):
    professional.regions.clear()
    client = login_as(professional)
    response = client.post(
        "/signalen/nieuw/", form_data(residence="GM0014", school_municipality="")
    )
    page = client.get(response["Location"]).content.decode()
    assert "nog geen zorgcoördinatieregio ingesteld" in page


def test_a_refused_decision_keeps_what_was_typed(professional, login_as):
    client = login_as(professional)
    signal = _sent_signal(client)
    code = _questions(client, signal)[1]
    response = client.post(
        f"/signalen/{signal.pk}/meldcode/afweging/",
        {"question_code": code, "answer": "yes", "reasoning": ""},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert f'value="yes" id="ja-{code}" checked' in body
