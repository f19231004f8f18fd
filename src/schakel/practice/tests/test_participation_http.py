"""The policy officer records participation activities: groups and numbers, never names."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.practice.models import ParticipationActivity

from .factories import ParticipationActivityFactory

pytestmark = pytest.mark.django_db


def _form(municipality, **extra):
    data = {
        "municipality": municipality.pk,
        "title": "Jongerenpanel over voorlichting",
        "date": "14-03-2025",
        "kind": "panel",
        "participant_groups": ["jongeren", "ervaringsdeskundigen"],
        "participant_count": "12",
        "what_changed": "",
    }
    data.update(extra)
    return data


def test_policy_officer_adds_edits_and_deletes_an_activity(client_p, utrecht):
    page = client_p.get("/praktijk/participatie/nieuw/").content.decode()
    assert "nooit namen" in page.lower() or "geen namen" in page.lower()
    assert '<legend class="utrecht-form-fieldset__legend utrecht-form-label">Wie deden mee?' in page
    added = client_p.post("/praktijk/participatie/nieuw/", _form(utrecht))
    assert added.status_code == 302
    activity = ParticipationActivity.objects.get()
    assert activity.participant_groups == ["ervaringsdeskundigen", "jongeren"]
    assert activity.date == date(2025, 3, 14) and activity.participant_count == 12
    listing = client_p.get("/praktijk/participatie/").content.decode()
    assert "Jongerenpanel over voorlichting" in listing
    assert "nog zonder zichtbaar resultaat" in listing

    changed = client_p.post(
        f"/praktijk/participatie/{activity.pk}/",
        _form(utrecht, what_changed="Voorlichting samen met jongeren", kind="cocreatie"),
    )
    assert changed.status_code == 302
    activity.refresh_from_db()
    assert (activity.kind, activity.what_changed) == (
        "cocreatie",
        "Voorlichting samen met jongeren",
    )
    assert (
        "nog zonder zichtbaar resultaat"
        not in client_p.get("/praktijk/participatie/").content.decode()
    )

    assert client_p.get(f"/praktijk/participatie/{activity.pk}/verwijderen/").status_code == 200
    assert client_p.post(f"/praktijk/participatie/{activity.pk}/verwijderen/").status_code == 302
    assert not ParticipationActivity.objects.exists()
    actions = list(
        AuditEvent.objects.filter(subject_type="participation_activity").values_list(
            "action", flat=True
        )
    )
    assert actions == ["participation.create", "participation.update", "participation.delete"]
    update = AuditEvent.objects.get(action="participation.update")
    assert update.details == {"changed": ["kind", "what_changed"], "municipality": utrecht.pk}


def test_mistakes_are_explained(client_p, utrecht):
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_p.post(
        "/praktijk/participatie/nieuw/",
        _form(utrecht, participant_groups=[], participant_count="0", date=future, title=""),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies ten minste één groep." in page
    assert 'href="#id_participant_groups_0"' in page
    assert "Er deed ten minste één persoon mee." in page
    assert "De datum ligt in de toekomst." in page
    assert "Beschrijf kort de activiteit." in page
    assert not ParticipationActivity.objects.exists()


def test_policy_officer_works_only_in_own_municipality(client_p, nieuwegein, utrecht):
    elsewhere = ParticipationActivityFactory(municipality=nieuwegein, title="Panel Nieuwegein")
    own = ParticipationActivityFactory(municipality=utrecht, title="Panel Utrecht")
    listing = client_p.get("/praktijk/participatie/").content.decode()
    assert "Panel Utrecht" in listing and "Panel Nieuwegein" not in listing
    assert client_p.get(f"/praktijk/participatie/{elsewhere.pk}/").status_code == 404
    assert client_p.post(f"/praktijk/participatie/{elsewhere.pk}/verwijderen/").status_code == 404
    moved = client_p.post(f"/praktijk/participatie/{own.pk}/", _form(nieuwegein))
    assert moved.status_code == 400
    assert "Kies een gemeente binnen uw bereik." in moved.content.decode()
    assert ParticipationActivity.objects.filter(municipality=nieuwegein).count() == 1


def test_regional_manager_sees_the_region_and_filters_by_municipality(
    client_b, client_o, utrecht, nieuwegein, django_assert_max_num_queries
):
    ParticipationActivityFactory.create_batch(3, municipality=utrecht)
    ParticipationActivityFactory(municipality=nieuwegein, title="Panel Nieuwegein")
    with django_assert_max_num_queries(20):
        everything = client_b.get("/praktijk/participatie/").content.decode()
    assert "4 activiteiten." in everything
    only = client_b.get(f"/praktijk/participatie/?gemeente={nieuwegein.pk}").content.decode()
    assert "1 activiteit." in only and "Panel Nieuwegein" in only
    assert "0 activiteiten." in client_o.get("/praktijk/participatie/").content.decode()
    assert client_o.get(f"/praktijk/participatie/?gemeente={utrecht.pk}").status_code == 404


def test_professionals_cannot_open_the_participation_record(make_user, login_as):
    client = login_as(make_user(Role.PROFESSIONAL))
    assert client.get("/praktijk/participatie/").status_code == 404
    assert client.get("/praktijk/").status_code == 404
