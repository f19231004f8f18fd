"""Dutch error pages, no stack traces; the API answers errors in JSON."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from schakel.common.views import server_error

pytestmark = pytest.mark.django_db


def test_404_is_dutch(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


def test_500_is_dutch_and_says_nothing_was_saved():
    response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "niet opgeslagen" in body
    assert "Traceback" not in body


def test_csrf_failure_is_explained(make_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/inloggen/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "formulier is verlopen" in response.content.decode()


def test_demo_banner_only_in_demo_mode(client, settings):
    settings.SCHAKEL_DEMO_MODE = True
    assert "DEMO — fictieve gegevens" in client.get("/inloggen/").content.decode()
    settings.SCHAKEL_DEMO_MODE = False
    assert "DEMO — fictieve gegevens" not in client.get("/inloggen/").content.decode()


def test_english_is_available(client):
    client.post("/taal/", {"language": "en", "next": "/inloggen/"})
    body = client.get("/inloggen/").content.decode()
    assert '<html lang="en">' in body
    assert "Log in to Schakel" in body


def test_a_users_english_does_not_stay_behind_in_the_thread(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Log in to Schakel" in client.get("/inloggen/").content.decode()
    assert translation.get_language() == "nl"
    assert translation.gettext("Inloggen bij Schakel") == "Inloggen bij Schakel"


def test_health(client):
    assert client.get("/gezond/").content == b"ok"


def test_pages_carry_a_content_security_policy(client):
    policy = client.get("/inloggen/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_dutch_even_when_the_browser_asks_for_english(client):
    body = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in body
    assert "Inloggen bij Schakel" in body
