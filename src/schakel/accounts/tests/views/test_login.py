"""Logging in: password, then TOTP; lockout; clear Dutch messages."""

import pytest
from conftest import PASSWORD, totp_now
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_login_page_is_dutch(client):
    response = client.get("/inloggen/")
    assert response.status_code == 200
    assert "Inloggen bij Schakel" in response.content.decode()


def test_wrong_password_gives_clear_message_and_no_session(client, make_user):
    user = make_user()
    response = client.post("/inloggen/", {"username": user.username, "password": "fout"})
    assert response.status_code == 400
    assert "combinatie van gebruikersnaam en wachtwoord klopt niet" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.login", result="failure").count() == 1


def test_empty_form_names_missing_fields(client):
    response = client.post("/inloggen/", {})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Vul uw gebruikersnaam in." in body
    assert "Vul uw wachtwoord in." in body


def test_password_then_totp_reaches_home(client, make_user):
    user = make_user()
    response = client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    assert response["Location"].startswith("/inloggen/verificatie/")
    # A password-only session is sent back to the code page.
    assert client.get("/")["Location"].startswith("/inloggen/verificatie/")
    device = user.totpdevice_set.get()
    response = client.post("/inloggen/verificatie/", {"token": totp_now(device)})
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "Welkom" in home.content.decode()


def test_wrong_code_is_refused(client, make_user):
    user = make_user()
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    response = client.post("/inloggen/verificatie/", {"token": "000000"})
    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/").status_code == 302


def test_recovery_code_works_once(client, make_user):
    user = make_user()
    device = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
    StaticToken.objects.create(device=device, token="abcd1234ef567890")
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    response = client.post("/inloggen/verificatie/", {"token": "ABCD 1234 EF56 7890"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/uitloggen/")
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    response = client.post("/inloggen/verificatie/", {"token": "abcd1234ef567890"})
    assert response.status_code == 400


def test_beleidsmedewerker_needs_no_code(client, make_user):
    user = make_user(Role.BELEIDSMEDEWERKER, with_device=False)
    response = client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_login_gives_a_new_session_key(client, make_user):
    user = make_user()
    client.get("/inloggen/")
    client.session.save()
    before = client.session.session_key
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    assert client.session.session_key != before


def test_open_redirect_is_refused(client, make_user):
    user = make_user(Role.BELEIDSMEDEWERKER, with_device=False)
    response = client.post(
        "/inloggen/",
        {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_lockout_after_repeated_failures(client, make_user, settings):
    user = make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/inloggen/", {"username": user.username, "password": "fout"})
    response = client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
