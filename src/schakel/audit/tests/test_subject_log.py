"""The privacy officer sees who looked at a subject, when and why."""

import pytest

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_privacy_officer_sees_who_viewed_a_user(make_user, login_as, client):
    from conftest import login
    from django.test import Client

    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    target = make_user(Role.PROFESSIONAL)
    login(Client(), admin).get(f"/beheer/gebruikers/{target.pk}/")

    officer = make_user(Role.PRIVACY_OFFICER)
    officer_client = login_as(officer)
    response = officer_client.post(
        "/logboek/",
        {"subject_type": "user", "subject_id": str(target.pk), "reason": "Inzageverzoek 2026-17"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert admin.username in body
    assert "user.view" in body
    # Looking at the log is itself logged, with the reason.
    assert AuditEvent.objects.filter(
        action="audit.view_subject_log", actor_id=officer.pk, reason="Inzageverzoek 2026-17"
    ).exists()


def test_a_reason_is_required(make_user, login_as):
    client = login_as(make_user(Role.PRIVACY_OFFICER))
    response = client.post("/logboek/", {"subject_type": "user", "subject_id": "1"})
    assert response.status_code == 400
    assert "Geef een reden op" in response.content.decode()


def test_every_user_view_is_audited_with_ip(make_user, login_as):
    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    target = make_user(Role.PROFESSIONAL)
    login_as(admin).get(f"/beheer/gebruikers/{target.pk}/", REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.filter(action="user.view").latest("seq")
    assert event.subject_id == str(target.pk)
    assert event.actor_id == admin.pk
    assert event.role == Role.FUNCTIONEEL_BEHEERDER
    assert event.organisation == admin.organisation.name
    assert event.client_ip == "10.1.2.3"
    assert event.occurred_at.utcoffset().total_seconds() == 0


def test_refused_access_is_logged_as_denied(make_user, login_as):
    professional = make_user(Role.PROFESSIONAL)
    assert login_as(professional).get("/logboek/").status_code == 404
    event = AuditEvent.objects.filter(result="denied").latest("seq")
    assert (event.actor_id, event.action) == (professional.pk, "audit.view")
    assert event.details == {"view": "audit:log"}


def test_subjects_outside_the_officers_region_are_not_shown(make_user, login_as, other_region):
    outsider = make_user(Role.PROFESSIONAL, regions=[other_region])
    outsider.organisation.municipality = other_region.municipalities.get()
    outsider.organisation.save()
    client = login_as(make_user(Role.PRIVACY_OFFICER))
    response = client.post(
        "/logboek/", {"subject_type": "user", "subject_id": outsider.pk, "reason": "controle"}
    )
    assert response.status_code == 400
    assert "Binnen uw regio bestaat geen gegeven" in response.content.decode()
    assert outsider.username not in response.content.decode()


def test_privacy_officer_sees_who_looked_at_a_signal(make_user, login_as, region):
    import uuid

    from conftest import login
    from django.test import Client

    from schakel.intake.services import SignalInput, signal_submit

    reporter = make_user(Role.PROFESSIONAL)
    signal = signal_submit(
        actor=reporter,
        submission_key=uuid.uuid4(),
        data=SignalInput(
            given_names="Kai", surname="Logboek (fictief)", places=[("GM0344", "residence")]
        ),
    )
    coordinator = make_user(Role.ZORGCOORDINATOR)
    login(Client(), coordinator).get(f"/signalen/{signal.pk}/")
    client = login_as(make_user(Role.PRIVACY_OFFICER))
    response = client.post(
        "/logboek/",
        {"subject_type": "signal", "subject_id": signal.pk, "reason": "Klacht van ouders"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert coordinator.username in body
    assert "signal.view" in body
    assert "signal.submit" in body
