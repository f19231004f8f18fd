"""The functioneel beheerder keeps the training register through the pages; names stay private."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.practice.models import TrainingRecord

from .factories import TrainingRecordFactory

pytestmark = pytest.mark.django_db

NAME = "Sanne de Vries (fictief)"


def _form(organisation, **extra):
    data = {
        "professional_name": NAME,
        "organisation": organisation.pk,
        "training": "Signalen van uitbuiting herkennen",
        "date": "2025-03-14",
        "level": "basis",
        "username": "",
    }
    data.update(extra)
    return data


def _no_names_in_audit():
    for event in AuditEvent.objects.all():
        assert "Sanne" not in str(event.details), event.action
        assert "Vries" not in str(event.details), event.action


def test_add_edit_and_delete_a_training(client_b, wijkteam, school):
    page = client_b.get("/praktijk/training/nieuw/")
    assert page.status_code == 200
    assert "Wijkteam Noord (fictief)" in page.content.decode()
    added = client_b.post("/praktijk/training/nieuw/", _form(wijkteam))
    assert added.status_code == 302 and added["Location"] == "/praktijk/training/"
    record = TrainingRecord.objects.get()
    assert (record.professional_name, record.organisation, record.date) == (
        NAME,
        wijkteam,
        date(2025, 3, 14),
    )
    listing = client_b.get("/praktijk/training/")
    assert NAME in listing.content.decode() and "1 training gevonden" in listing.content.decode()

    edit = client_b.get(f"/praktijk/training/{record.pk}/")
    assert edit.status_code == 200 and NAME in edit.content.decode()
    changed = client_b.post(
        f"/praktijk/training/{record.pk}/",
        _form(school, level="verdieping", date="14-03-2025"),
    )
    assert changed.status_code == 302
    record.refresh_from_db()
    assert (record.organisation, record.level) == (school, "verdieping")

    confirm = client_b.get(f"/praktijk/training/{record.pk}/verwijderen/")
    assert confirm.status_code == 200 and "Weet u zeker" in confirm.content.decode()
    assert TrainingRecord.objects.exists()  # asking is not deleting
    gone = client_b.post(f"/praktijk/training/{record.pk}/verwijderen/")
    assert gone.status_code == 302 and not TrainingRecord.objects.exists()

    actions = list(AuditEvent.objects.values_list("action", flat=True))
    for action in ("training.create", "training.list", "training.view", "training.update"):
        assert action in actions
    assert actions[-1] == "training.delete"
    update = AuditEvent.objects.get(action="training.update")
    assert update.details["changed"] == ["level", "organisation_id"]
    _no_names_in_audit()


def test_mistakes_are_explained_in_dutch_next_to_the_field(client_b, wijkteam):
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client_b.post(
        "/praktijk/training/nieuw/",
        _form(wijkteam, professional_name="", date=future, level="expert"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Controleer het formulier." in page
    assert "Vul de naam in van wie de training volgde." in page
    assert 'href="#id_professional_name"' in page  # the summary links to the field
    assert "De datum ligt in de toekomst." in page
    assert 'href="#id_level_0"' in page
    assert not TrainingRecord.objects.exists()


def test_the_same_person_training_and_day_twice_is_refused(client_b, wijkteam):
    assert client_b.post("/praktijk/training/nieuw/", _form(wijkteam)).status_code == 302
    again = client_b.post(
        "/praktijk/training/nieuw/",
        _form(wijkteam, professional_name="sanne de vries (FICTIEF)"),
    )
    assert again.status_code == 400
    assert "staat al met deze training op deze datum" in again.content.decode()
    assert TrainingRecord.objects.count() == 1


def test_linking_a_schakel_account_of_the_same_organisation_only(
    client_b, make_user, wijkteam, school
):
    colleague = make_user(Role.PROFESSIONAL, organisation=wijkteam, username="sanne01")
    elsewhere = client_b.post("/praktijk/training/nieuw/", _form(school, username="sanne01"))
    assert elsewhere.status_code == 400
    assert "geen account met deze gebruikersnaam" in elsewhere.content.decode()
    unknown = client_b.post("/praktijk/training/nieuw/", _form(wijkteam, username="niemand"))
    assert "geen account met deze gebruikersnaam" in unknown.content.decode()
    linked = client_b.post("/praktijk/training/nieuw/", _form(wijkteam, username="sanne01"))
    assert linked.status_code == 302
    assert TrainingRecord.objects.get().user == colleague
    assert AuditEvent.objects.get(action="training.create").details["account"] == colleague.pk


def test_filters_by_id_and_search_by_name_only_by_post(client_b, wijkteam, school):
    TrainingRecordFactory(professional_name=NAME, organisation=wijkteam)
    TrainingRecordFactory(professional_name="Kees Mentor (fictief)", organisation=school)
    TrainingRecordFactory(
        professional_name="Ilse Test (fictief)", organisation=school, level="specialist"
    )
    by_org = client_b.get(f"/praktijk/training/?organisatie={school.pk}").content.decode()
    assert "Kees Mentor" in by_org and NAME not in by_org
    by_level = client_b.get("/praktijk/training/?niveau=specialist").content.decode()
    assert "Ilse Test" in by_level and "Kees Mentor" not in by_level
    by_place = client_b.get(f"/praktijk/training/?gemeente={wijkteam.municipality_id}")
    assert NAME in by_place.content.decode() and "Kees" not in by_place.content.decode()

    searched = client_b.post("/praktijk/training/", {"naam": "  kees   mentor "})
    assert searched.status_code == 200
    assert "Kees Mentor" in searched.content.decode() and NAME not in searched.content.decode()
    # A name in the URL is ignored: it would end up in server logs and browser history.
    in_url = client_b.get("/praktijk/training/?naam=Kees").content.decode()
    assert NAME in in_url and "Kees Mentor" in in_url
    event = AuditEvent.objects.filter(action="training.list").order_by("-seq")[1]
    assert event.details["name_search"] is True
    assert "Kees" not in str(event.details)
    _no_names_in_audit()


def test_the_list_pages_by_fifty_and_writes_the_shown_ids_to_the_log(
    client_b, wijkteam, django_assert_max_num_queries
):
    records = TrainingRecordFactory.create_batch(55, organisation=wijkteam)
    with django_assert_max_num_queries(25):
        first = client_b.get("/praktijk/training/")
    assert "Pagina 1 van 2" in first.content.decode()
    second = client_b.get("/praktijk/training/?pagina=2")
    assert second.status_code == 200
    event = AuditEvent.objects.filter(action="training.list").order_by("-seq").first()
    assert event.details["page"] == 2 and len(event.details["shown"]) == 5
    assert set(event.details["shown"]) <= {r.pk for r in records}
    # A search over several pages asks the next page by POST too, with the name inside.
    searched = client_b.post("/praktijk/training/", {"naam": "professional"}).content.decode()
    assert 'name="pagina" value="2"' in searched and "?pagina=2" not in searched


def test_another_regions_manager_gets_404_for_everything_of_this_region(
    client_o, wijkteam, far_away
):
    record = TrainingRecordFactory(professional_name=NAME, organisation=wijkteam)
    for path in (
        f"/praktijk/training/{record.pk}/",
        f"/praktijk/training/{record.pk}/verwijderen/",
    ):
        assert client_o.get(path).status_code == 404
        assert client_o.post(path, _form(far_away)).status_code == 404
    assert TrainingRecord.objects.filter(pk=record.pk, organisation=wijkteam).exists()
    assert NAME not in client_o.get("/praktijk/training/").content.decode()
    assert client_o.get(f"/praktijk/training/?organisatie={wijkteam.pk}").status_code == 404
    # Nor can they add a training to an organisation of this region.
    refused = client_o.post("/praktijk/training/nieuw/", _form(wijkteam))
    assert refused.status_code == 400 and TrainingRecord.objects.count() == 1


def test_policy_officer_and_others_cannot_open_the_register(client_p, make_user, login_as):
    for path in (
        "/praktijk/training/",
        "/praktijk/training/nieuw/",
        "/praktijk/training/importeren/",
    ):
        assert client_p.get(path).status_code == 404
    assert AuditEvent.objects.filter(action="training.manage", result="denied").exists()
    coordinator = login_as(make_user(Role.ZORGCOORDINATOR))
    assert coordinator.get("/praktijk/training/").status_code == 404


def test_the_register_needs_two_step_verification(make_user, login_as):
    beheerder = make_user(Role.FUNCTIONEEL_BEHEERDER)
    client = login_as(beheerder, verify=False)
    response = client.get("/praktijk/training/")
    assert response.status_code in (302, 403)
    assert not AuditEvent.objects.filter(action="training.list").exists()


def test_privacy_officer_can_see_who_read_or_changed_a_registration(
    client_b, make_user, login_as, wijkteam
):
    record = TrainingRecordFactory(professional_name=NAME, organisation=wijkteam)
    client_b.get(f"/praktijk/training/{record.pk}/")
    officer = login_as(make_user(Role.PRIVACY_OFFICER))
    response = officer.post(
        "/logboek/",
        {"subject_type": "training_record", "subject_id": record.pk, "reason": "Inzageverzoek"},
    )
    assert response.status_code == 200
    assert "training.view" in response.content.decode()
