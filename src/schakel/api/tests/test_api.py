"""API v1: policy-checked, MFA-checked, Dutch JSON errors, committed OpenAPI document."""

import pytest
from conftest import PASSWORD
from django.test import Client

from schakel.accounts.constants import Role

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_in_dutch(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "message": "Log eerst in."}


def test_password_only_session_gets_mfa_required(client, make_user):
    user = make_user(Role.ZORGCOORDINATOR)
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"


def test_me_describes_the_user(make_user, login_as, region):
    user = make_user(Role.ZORGCOORDINATOR)
    data = login_as(user).get("/api/v1/me").json()
    assert data["username"] == user.username
    assert data["role"] == "zorgcoordinator"
    assert data["regions"] == [region.name]
    assert data["mfa_verified"] is True


def test_municipalities_and_regions(make_user, login_as, region):
    client = login_as(make_user(Role.PROFESSIONAL))
    municipalities = client.get("/api/v1/municipalities").json()
    assert len(municipalities) == 342
    regions = client.get("/api/v1/regions").json()
    assert {"GM0344", "GM0356"} <= set(regions[0]["municipalities"])


def test_wrong_method_and_bad_json_are_explained(make_user, login_as):
    client = login_as(make_user(Role.PROFESSIONAL))
    response = client.post("/api/v1/me", data="{niet json", content_type="application/json")
    assert response.status_code == 405
    assert response.json()["message"] == "Deze methode is hier niet toegestaan."


def test_schema_is_served_to_logged_in_users(make_user, login_as):
    assert Client().get("/api/v1/schema").status_code == 401
    response = login_as(make_user(Role.PROFESSIONAL)).get("/api/v1/schema")
    assert response.status_code == 200
    assert b"/api/v1/me" in response.content
