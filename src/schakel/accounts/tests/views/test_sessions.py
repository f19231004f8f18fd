"""Session rules: idle and absolute timeout, logout, disabling a user ends its sessions."""

from datetime import timedelta

import pytest
import time_machine
from conftest import login
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from schakel.accounts import services
from schakel.accounts.constants import Role

pytestmark = pytest.mark.django_db


def test_idle_timeout_logs_out(login_as, make_user, settings):
    client = login_as(make_user())
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=settings.SCHAKEL_SESSION_IDLE_MINUTES - 1)):
        assert client.get("/").status_code == 200
    later = start + timedelta(minutes=2 * settings.SCHAKEL_SESSION_IDLE_MINUTES + 1)
    with time_machine.travel(later):
        response = client.get("/")
    assert response["Location"] == "/inloggen/?verlopen=1"
    assert "verlopen" in client.get(response["Location"]).content.decode()
    assert client.get("/").status_code == 302


def test_activity_keeps_session_until_absolute_timeout(login_as, make_user, settings):
    settings.SCHAKEL_SESSION_ABSOLUTE_HOURS = 1
    client = login_as(make_user())
    start = timezone.now()
    for minutes in range(10, 60, 10):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=61)):
        assert client.get("/")["Location"] == "/inloggen/?verlopen=1"


def test_api_timeout_answers_json(login_as, make_user, settings):
    client = login_as(make_user())
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["code"] == "session_expired"


def test_logout_kills_the_session(login_as, make_user):
    client = login_as(make_user())
    key = client.session.session_key
    response = client.post("/uitloggen/")
    assert response["Location"] == "/inloggen/"
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["schakel_session"] = key  # replaying the old cookie gets nowhere
    assert client.get("/").status_code == 302


def test_logout_needs_post(login_as, make_user):
    client = login_as(make_user())
    assert client.get("/uitloggen/").status_code == 405


def test_disabling_a_user_ends_all_sessions(client, make_user, login_as):
    target = make_user(Role.PROFESSIONAL)
    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    target_client = login_as(target)
    key = target_client.session.session_key
    services.user_deactivate(actor=admin, user_id=target.pk, reason="Uit dienst")
    assert not Session.objects.filter(session_key=key).exists()
    assert target_client.get("/").status_code == 302


def test_logout_everywhere(make_user, login_as):
    user = make_user()
    second = login(Client(), user)
    # A TOTP code works once: the first device logs in a step later.
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        first = login_as(user)
        assert second.get("/").status_code == 200
        first.post("/account/overal-uitloggen/")
        assert second.get("/").status_code == 302
        assert first.get("/").status_code == 302
