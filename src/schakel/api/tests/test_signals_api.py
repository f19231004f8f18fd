"""API v1 for routing, route maps and signals: contracts, idempotency, need-to-know."""

import uuid

import pytest
from conftest import login
from django.test import Client

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.intake.models import Signal

pytestmark = pytest.mark.django_db


def test_route_answers_the_contract(make_user, login_as):
    client = login_as(make_user(Role.PROFESSIONAL))
    response = client.post(
        "/api/v1/route", {"missing": True, "age": 15}, content_type="application/json"
    )
    assert response.status_code == 200
    actions = response.json()["actions"]
    assert actions[0]["code"] == "vermissing-melden"
    assert all(set(a) == {"code", "urgency", "contact", "why"} for a in actions)


def test_route_refuses_unknown_fields_in_dutch(make_user, login_as):
    client = login_as(make_user(Role.PROFESSIONAL))
    response = client.post("/api/v1/route", {"nationaliteit": "x"}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_situation"
    assert any("nationaliteit" in message for message in body["fields"])


def test_routekaart_for_a_municipality(make_user, login_as):
    client = login_as(make_user(Role.BELEIDSMEDEWERKER, with_device=False), verify=False)
    data = client.get("/api/v1/routekaart", {"municipality": "GM0344"}).json()
    assert data["version"] >= 1
    assert "veilig-thuis" in data["contacts"]
    assert data["rules"]


def test_signals_create_is_idempotent_and_scoped(make_user, login_as, other_region):
    professional = make_user(Role.PROFESSIONAL)
    client = login_as(professional)
    payload = {
        "submission_key": str(uuid.uuid4()),
        "given_names": "Alex",
        "surname": "Api (fictief)",
        "age": 16,
        "places": [{"municipality": "GM0344", "role": "residence"}],
        "exploitation_types": ["sexual"],
        "acute_danger": True,
    }
    first = client.post("/api/v1/signals", payload, content_type="application/json")
    second = client.post("/api/v1/signals", payload, content_type="application/json")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert Signal.objects.count() == 1
    assert first.json()["route_actions"]["actions"][0]["code"] == "bel-112"

    signal_id = first.json()["id"]
    assert [s["id"] for s in client.get("/api/v1/signals").json()] == [signal_id]
    coordinator = login(Client(), make_user(Role.ZORGCOORDINATOR))
    assert coordinator.get(f"/api/v1/signals/{signal_id}").status_code == 200
    elsewhere = login(Client(), make_user(Role.ZORGCOORDINATOR, regions=[other_region]))
    assert elsewhere.get(f"/api/v1/signals/{signal_id}").status_code == 404
    assert elsewhere.get("/api/v1/signals").json() == []
    policy = login(Client(), make_user(Role.BELEIDSMEDEWERKER, with_device=False), verify=False)
    assert policy.get("/api/v1/signals").status_code == 404
    assert (
        policy.post("/api/v1/signals", payload, content_type="application/json").status_code == 404
    )
    assert AuditEvent.objects.filter(action="signal.view", subject_id=str(signal_id)).exists()


def test_signals_create_validates(make_user, login_as):
    client = login_as(make_user(Role.PROFESSIONAL))
    response = client.post(
        "/api/v1/signals",
        {"places": [{"municipality": "Utrecht", "role": "residence"}], "age": 99},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"places", "age"}
    assert Signal.objects.count() == 0
