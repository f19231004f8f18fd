"""API v1 for cases: need-to-know per role and section, complete decisions, audited writes."""

import uuid
from datetime import timedelta

import pytest
from conftest import login
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.api.cases import CasePagination
from schakel.audit.models import AuditEvent
from schakel.cases import services
from schakel.intake.services import SignalInput, signal_submit

pytestmark = pytest.mark.django_db

DECISION = {
    "what": "Aanmelden bij expertisecentrum",
    "why": "Past bij de hulpvraag",
    "child_heard": True,
    "child_view": "Ik wil hulp, maar niet thuis.",
    "best_interest": "Veiligheid gaat voor",
    "parents_involved": False,
    "parents_reason": "Niet veilig",
}


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.ZORGCOORDINATOR)


@pytest.fixture
def open_case(make_user, coordinator):
    """Open a case the way the care coordinator does: from a sent signal of the region."""
    professional = make_user(Role.PROFESSIONAL)

    def open_one(given_names: str = "Sasha"):
        signal = signal_submit(
            actor=professional,
            submission_key=uuid.uuid4(),
            data=SignalInput(
                given_names=given_names,
                surname="Api (fictief)",
                places=[("GM0344", "residence")],
            ),
        )
        return services.case_open_from_signal(actor=coordinator, signal_id=signal.pk)

    return open_one


@pytest.fixture
def case(open_case):
    return open_case()


@pytest.fixture
def member(make_user, coordinator, case):
    """A professional of a partner organisation on the team, who may see the referrals only."""
    user = make_user(Role.PROFESSIONAL)
    services.member_add(
        actor=coordinator,
        case_id=case.pk,
        user_id=user.pk,
        sections=["referrals"],
        until=timezone.localdate() + timedelta(days=30),
    )
    return user


def _post(client: Client, path: str, data: dict):
    return client.post(path, data, content_type="application/json")


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat()


def test_coordinator_lists_the_region_cases_and_the_read_is_audited(
    coordinator, login_as, case, open_case
):
    other = open_case("Robin")
    client = login_as(coordinator)
    body = client.get("/api/v1/cases").json()
    assert body["count"] == 2 and body["next"] is None and body["previous"] is None
    assert {item["id"] for item in body["results"]} == {case.pk, other.pk}
    item = next(item for item in body["results"] if item["id"] == case.pk)
    assert item["given_names"] == "Sasha"
    assert item["status"] == "open"
    assert item["region"]["name"] == case.region.name
    assert item["owner"] == coordinator.display_name
    assert item["lock_version"] == case.lock_version
    assert "decisions" not in item  # the list shows no section
    row = AuditEvent.objects.filter(action="case.list").get()
    assert row.actor_id == coordinator.pk
    assert row.details["shown"] == sorted([case.pk, other.pk])


def test_case_list_filters_on_status_and_refuses_unknown_status(coordinator, login_as, case):
    client = login_as(coordinator)
    assert [c["id"] for c in client.get("/api/v1/cases", {"status": "open"}).json()["results"]] == [
        case.pk
    ]
    assert client.get("/api/v1/cases", {"status": "closed"}).json()["count"] == 0
    refused = client.get("/api/v1/cases", {"status": "dicht"})
    assert refused.status_code == 400
    assert set(refused.json()["fields"]) == {"status"}


def test_case_list_pages_with_a_constant_number_of_queries(
    coordinator, login_as, open_case, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(CasePagination, "page_size", 2)
    client = login_as(coordinator)
    open_case("Een")
    client.get("/api/v1/cases")  # warm up the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/cases")
    expected = len(one.captured_queries)  # read now: the next request clears the log
    open_case("Twee")
    open_case("Drie")
    with django_assert_num_queries(expected):
        first = client.get("/api/v1/cases").json()
    assert first["count"] == 3 and len(first["results"]) == 2
    assert first["next"].endswith("/api/v1/cases?page=2")
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["previous"]
    shown = {item["id"] for item in first["results"] + second["results"]}
    assert len(shown) == 3
    assert AuditEvent.objects.filter(action="case.list").last().details["shown"] == sorted(
        item["id"] for item in second["results"]
    )


def test_coordinator_reads_the_whole_case(coordinator, login_as, case):
    client = login_as(coordinator)
    _post(client, f"/api/v1/cases/{case.pk}/decisions", DECISION)
    response = client.get(f"/api/v1/cases/{case.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["via"] == "coordinator"
    assert body["sections"] == sorted(
        ["signals", "roles", "decisions", "referrals", "missing", "continuity"]
    )
    assert body["given_names"] == "Sasha"
    assert len(body["signals"]) == 1 and body["signals"][0]["organisation"]
    assert body["decisions"][0]["child_view"] == DECISION["child_view"]
    assert body["municipalities"] == [{"code": "GM0344", "name": "Utrecht"}]
    for key in ("roles", "referrals", "missing_episodes", "aftercare", "actions"):
        assert body[key] == []
    assert body["transition_plan"] is None
    assert [change["status"] for change in body["status_history"]] == ["open"]
    assert AuditEvent.objects.filter(
        action="case.view", subject_id=str(case.pk), actor_id=coordinator.pk
    ).exists()


def test_case_detail_reads_with_a_constant_number_of_queries(
    coordinator, login_as, case, django_assert_num_queries
):
    client = login_as(coordinator)

    def add_rows() -> None:
        _post(client, f"/api/v1/cases/{case.pk}/decisions", DECISION)
        services.referral_send(
            actor=coordinator, case_id=case.pk, to_name="Fier", kind="", on=timezone.localdate()
        )

    add_rows()
    client.get(f"/api/v1/cases/{case.pk}")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/api/v1/cases/{case.pk}")
    expected = len(one.captured_queries)  # read now: the next request clears the log
    add_rows()
    add_rows()
    with django_assert_num_queries(expected):
        body = client.get(f"/api/v1/cases/{case.pk}").json()
    assert len(body["decisions"]) == 3 and len(body["referrals"]) == 3


@pytest.mark.parametrize(
    "role",
    [Role.BELEIDSMEDEWERKER, Role.PRIVACY_OFFICER, Role.FUNCTIONEEL_BEHEERDER, Role.PROFESSIONAL],
)
def test_case_is_absent_for_roles_without_need_to_know(make_user, login_as, case, role):
    client = login_as(make_user(role))
    for path in (
        f"/api/v1/cases/{case.pk}",
        f"/api/v1/cases/{case.pk}/decisions",
        f"/api/v1/cases/{case.pk}/referrals",
        f"/api/v1/cases/{case.pk}/missing-episodes",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"
    absent = client.get("/api/v1/cases/999999")
    assert absent.status_code == 404 and absent.json() == response.json()


def test_case_is_absent_for_the_coordinator_of_another_region(
    make_user, login_as, case, other_region
):
    client = login_as(make_user(Role.ZORGCOORDINATOR, regions=[other_region]))
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert client.get("/api/v1/cases").json()["count"] == 0
    refused = _post(client, f"/api/v1/cases/{case.pk}/decisions", DECISION)
    assert refused.status_code == 404
    assert not AuditEvent.objects.filter(action="case.decision").exists()


def test_professionals_without_a_team_see_no_cases(make_user, login_as, case):
    client = login_as(make_user(Role.PROFESSIONAL))
    assert client.get("/api/v1/cases").json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_team_member_sees_only_the_granted_sections(coordinator, member, login_as, case):
    services.referral_send(
        actor=coordinator,
        case_id=case.pk,
        to_name="Expertisecentrum (fictief)",
        kind="Specialistische hulp",
        on=timezone.localdate(),
    )
    client = login_as(member)
    assert [c["id"] for c in client.get("/api/v1/cases").json()["results"]] == [case.pk]
    body = client.get(f"/api/v1/cases/{case.pk}").json()
    assert body["via"] == "team"
    assert body["sections"] == ["referrals"]
    assert body["referrals"][0]["to_name"] == "Expertisecentrum (fictief)"
    assert body["referrals"][0]["events"][0]["status"] == "sent"
    for hidden in (
        "signals",
        "roles",
        "exploitation_types",
        "municipalities",
        "decisions",
        "actions",
        "missing_episodes",
        "transition_plan",
        "aftercare",
    ):
        assert hidden not in body
    assert client.get(f"/api/v1/cases/{case.pk}/referrals").status_code == 200
    assert client.get(f"/api/v1/cases/{case.pk}/decisions").status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}/missing-episodes").status_code == 404


def test_team_member_cannot_write(member, login_as, case):
    client = login_as(member)
    writes = [
        (f"/api/v1/cases/{case.pk}/decisions", DECISION),
        (
            f"/api/v1/cases/{case.pk}/referrals",
            {"to_name": "Fier (fictief)", "on": str(timezone.localdate())},
        ),
        (
            f"/api/v1/cases/{case.pk}/missing-episodes",
            {"start": _iso(timezone.now() - timedelta(hours=3))},
        ),
    ]
    for path, data in writes:
        assert _post(client, path, data).status_code == 404, path
    assert not AuditEvent.objects.filter(
        action__in=["case.decision", "case.referral_send", "case.missing_episode"]
    ).exists()
    assert AuditEvent.objects.filter(
        actor_id=member.pk, action="case.manage", result="denied"
    ).count() == len(writes)


def test_decision_without_the_child_view_is_refused_naming_the_field(coordinator, login_as, case):
    client = login_as(coordinator)
    refused = _post(client, f"/api/v1/cases/{case.pk}/decisions", {**DECISION, "child_view": ""})
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"child_view"}
    assert "eigen woorden" in body["fields"]["child_view"]
    assert not AuditEvent.objects.filter(action="case.decision").exists()

    empty = _post(client, f"/api/v1/cases/{case.pk}/decisions", {})
    assert set(empty.json()["fields"]) == {
        "what",
        "why",
        "child_heard",
        "best_interest",
        "parents_involved",
    }


def test_decision_is_recorded_listed_and_audited(coordinator, login_as, case):
    client = login_as(coordinator)
    created = _post(client, f"/api/v1/cases/{case.pk}/decisions", DECISION)
    assert created.status_code == 201
    decision = created.json()
    assert decision["decided_by"] == coordinator.display_name
    assert decision["child_heard"] is True
    listed = client.get(f"/api/v1/cases/{case.pk}/decisions").json()
    assert [d["id"] for d in listed] == [decision["id"]]
    row = AuditEvent.objects.get(action="case.decision")
    assert row.subject_id == str(case.pk) and row.details == {"decision": decision["id"]}


def test_decision_sharing_data_needs_a_known_legal_basis(coordinator, login_as, case):
    client = login_as(coordinator)
    data = {**DECISION, "shares_data": True, "shared_with": "Veilig Thuis"}
    assert set(_post(client, f"/api/v1/cases/{case.pk}/decisions", data).json()["fields"]) == {
        "legal_basis"
    }
    unknown = _post(
        client, f"/api/v1/cases/{case.pk}/decisions", {**data, "legal_basis": "nationaliteit"}
    )
    assert unknown.status_code == 400 and set(unknown.json()["fields"]) == {"legal_basis"}
    done = _post(client, f"/api/v1/cases/{case.pk}/decisions", {**data, "legal_basis": "jeugdwet"})
    assert done.status_code == 201 and done.json()["legal_basis"] == "jeugdwet"


def test_referral_steps_follow_the_workflow(coordinator, login_as, case):
    client = login_as(coordinator)
    today = timezone.localdate()
    sent = _post(
        client,
        f"/api/v1/cases/{case.pk}/referrals",
        {"to_name": "Expertisecentrum (fictief)", "kind": "Specialistische hulp", "on": str(today)},
    )
    assert sent.status_code == 201
    referral = sent.json()
    assert referral["status"] == "sent"
    path = f"/api/v1/cases/{case.pk}/referrals/{referral['id']}/status"

    skipped = _post(client, path, {"status": "completed", "on": str(today)})
    assert skipped.status_code == 400
    assert skipped.json()["code"] == "invalid"
    assert set(skipped.json()["fields"]) == {"status"}
    assert "Afgerond" in skipped.json()["message"]  # the Dutch label of the refused step

    waiting = _post(client, path, {"status": "waiting_list", "on": str(today), "note": "6 weken"})
    assert waiting.status_code == 200 and waiting.json()["status"] == "waiting_list"
    accepted = _post(client, path, {"status": "accepted", "on": str(today)})
    assert accepted.status_code == 200
    assert [e["status"] for e in accepted.json()["events"]] == ["sent", "waiting_list", "accepted"]
    listed = client.get(f"/api/v1/cases/{case.pk}/referrals").json()
    assert listed[0]["status"] == "accepted"
    assert AuditEvent.objects.filter(action="case.referral_send").count() == 1
    updates = AuditEvent.objects.filter(action="case.referral_update").order_by("seq")
    assert [row.details["status"] for row in updates] == ["waiting_list", "accepted"]


def test_referral_needs_a_receiver_and_a_known_status(coordinator, login_as, case):
    client = login_as(coordinator)
    missing = _post(client, f"/api/v1/cases/{case.pk}/referrals", {"to_name": "  ", "on": "x"})
    assert missing.status_code == 400
    assert set(missing.json()["fields"]) == {"to_name", "on"}
    referral = services.referral_send(
        actor=coordinator, case_id=case.pk, to_name="Fier", kind="", on=timezone.localdate()
    )
    unknown = _post(
        client,
        f"/api/v1/cases/{case.pk}/referrals/{referral.pk}/status",
        {"status": "kwijt", "on": str(timezone.localdate())},
    )
    assert unknown.status_code == 400 and set(unknown.json()["fields"]) == {"status"}


def test_referral_of_another_case_is_absent_and_unchanged(coordinator, login_as, case, open_case):
    other = open_case("Robin")
    referral = services.referral_send(
        actor=coordinator, case_id=other.pk, to_name="Fier", kind="", on=timezone.localdate()
    )
    client = login_as(coordinator)
    response = _post(
        client,
        f"/api/v1/cases/{case.pk}/referrals/{referral.pk}/status",
        {"status": "accepted", "on": str(timezone.localdate())},
    )
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == "sent"
    assert not AuditEvent.objects.filter(action="case.referral_update").exists()


def test_missing_episode_is_recorded_and_ended(coordinator, login_as, case):
    client = login_as(coordinator)
    start = timezone.now() - timedelta(days=1)
    created = _post(
        client,
        f"/api/v1/cases/{case.pk}/missing-episodes",
        {"start": _iso(start), "reported_by": "Moeder", "note": "Niet thuisgekomen"},
    )
    assert created.status_code == 201
    episode = created.json()
    assert episode["end"] is None and episode["reported_by"] == "Moeder"

    second = _post(
        client,
        f"/api/v1/cases/{case.pk}/missing-episodes",
        {"start": _iso(timezone.now() - timedelta(hours=1))},
    )
    assert second.status_code == 400
    assert set(second.json()["fields"]) == {"start"}  # one ongoing episode at a time

    end = timezone.now() - timedelta(hours=2)
    ended = _post(
        client,
        f"/api/v1/cases/{case.pk}/missing-episodes/{episode['id']}/end",
        {"end": _iso(end), "found_where": "Station (fictief)"},
    )
    assert ended.status_code == 200
    assert ended.json()["found_where"] == "Station (fictief)"
    assert ended.json()["end"] is not None
    listed = client.get(f"/api/v1/cases/{case.pk}/missing-episodes").json()
    assert [e["id"] for e in listed] == [episode["id"]]
    again = _post(
        client,
        f"/api/v1/cases/{case.pk}/missing-episodes/{episode['id']}/end",
        {"end": _iso(end)},
    )
    assert again.status_code == 404  # an ended episode cannot be ended again
    assert AuditEvent.objects.filter(action="case.missing_episode").count() == 1
    assert AuditEvent.objects.filter(action="case.missing_episode_end").count() == 1


def test_missing_episode_needs_a_timezone_and_no_future(coordinator, login_as, case):
    client = login_as(coordinator)
    naive = _post(
        client, f"/api/v1/cases/{case.pk}/missing-episodes", {"start": "2025-03-01T14:00:00"}
    )
    assert naive.status_code == 400
    assert "tijdzone" in naive.json()["fields"]["start"][0]
    future = _post(
        client,
        f"/api/v1/cases/{case.pk}/missing-episodes",
        {"start": _iso(timezone.now() + timedelta(days=1))},
    )
    assert future.status_code == 400
    assert "toekomst" in future.json()["fields"]["start"]
    assert not AuditEvent.objects.filter(action="case.missing_episode").exists()


def test_case_endpoints_need_a_login(case):
    client = Client()
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 401
    assert _post(client, f"/api/v1/cases/{case.pk}/decisions", DECISION).status_code == 401


def test_every_coordinator_of_the_region_reaches_the_case(make_user, case):
    colleague = login(Client(), make_user(Role.ZORGCOORDINATOR))
    assert colleague.get(f"/api/v1/cases/{case.pk}").json()["via"] == "coordinator"
    assert colleague.get("/api/v1/cases").json()["count"] == 1
