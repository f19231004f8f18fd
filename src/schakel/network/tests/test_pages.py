"""The context network through HTTP: the coordinator's pages, the section on the case and
signal pages, attaching and detaching through forms with Dutch errors, who gets a 404, a
fixed number of queries, and no inline script (the Content-Security-Policy)."""

import json
import re

import pytest
from conftest import login
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.network.models import ContextEntity, ContextEntityRename, ContextLink

from .conftest import attach, send_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster(coordinator, make_case):
    first, second = make_case(), make_case()
    attach(coordinator, case=first, kind="hotel", label="Hotel De Zwaan")
    attach(coordinator, case=second, kind="hotel", label="Hotel de Zwaan")
    return first, second


def test_the_coordinator_sees_the_cluster_listed_and_the_graph_data(client_coordinator, cluster):
    response = client_coordinator.get("/netwerk/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Groep 1: 2 jongeren" in page
    assert "Verbindt de meeste jongeren:" in page and "Hotel De Zwaan" in page
    for case in cluster:
        assert f'href="/casussen/{case.pk}/">Casus {case.pk}</a>' in page
    assert "Sam" not in page  # no names of young people
    graph = json.loads(
        re.search(r'id="network-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    assert {n["label"] for n in graph["nodes"]} == {
        f"Casus {cluster[0].pk}",
        f"Casus {cluster[1].pk}",
        "Hotel De Zwaan",
    }
    assert len(graph["edges"]) == 2
    # The drawing is hidden until the script draws it: without JavaScript the list is the page.
    figure = re.search(r"<figure[^>]*data-network-graph[^>]*>", page).group(0)
    assert "hidden" in figure
    assert re.search(r'<div id="network-graph"[^>]*role="img"[^>]*aria-label="[^"]+"', page)


def test_no_inline_script_only_our_own_files_and_json(client_coordinator, cluster):
    response = client_coordinator.get("/netwerk/")
    for tag in re.findall(r"<script[^>]*>", response.content.decode()):
        assert 'type="application/json"' in tag or re.search(r'src="/static/[^"]+"', tag), tag
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "/static/vendor/cytoscape/cytoscape.min.js" in response.content.decode()


def test_the_filter_shows_only_the_chosen_kinds(client_coordinator, cluster, coordinator):
    attach(coordinator, case=cluster[0], label="06-12345678")
    page = client_coordinator.get("/netwerk/?soort=phone").content.decode()
    assert "Met deze soorten zijn er geen jongeren met elkaar verbonden." in page
    assert "06-12345678" in page and "Hotel De Zwaan" not in page
    page = client_coordinator.get("/netwerk/?soort=hotel&soort=phone").content.decode()
    assert "Groep 1: 2 jongeren" in page
    # A kind that does not exist shows everything and is not an error.
    assert client_coordinator.get("/netwerk/?soort=nationaliteit").status_code == 200


def test_an_empty_network_says_how_to_start(client_coordinator):
    page = client_coordinator.get("/netwerk/").content.decode()
    assert "Er zijn nog geen jongeren met elkaar verbonden." in page
    assert "network-data" not in page


def test_the_entity_page_lists_its_cases_and_signals(client_coordinator, cluster, coordinator):
    entity = ContextEntity.objects.get()
    page = client_coordinator.get(f"/netwerk/entiteit/{entity.pk}/").content.decode()
    assert "<h1" in page and "Hotel De Zwaan" in page
    assert "2 jongeren" in page
    for case in cluster:
        assert f'href="/casussen/{case.pk}/">Casus {case.pk}</a>' in page
    assert "Koppel los" in page and f"/netwerk/entiteit/{entity.pk}/naam/" in page


def test_other_roles_and_regions_get_the_same_404(make_user, other_region, cluster):
    entity = ContextEntity.objects.get()
    link = ContextLink.objects.first()
    case = cluster[0]
    paths = [
        "/netwerk/",
        f"/netwerk/entiteit/{entity.pk}/",
        f"/netwerk/entiteit/{entity.pk}/naam/",
        f"/netwerk/casus/{case.pk}/koppelen/",
        f"/netwerk/koppeling/{link.pk}/loskoppelen/",
    ]
    for role in (Role.PROFESSIONAL, Role.BELEIDSMEDEWERKER, Role.PRIVACY_OFFICER):
        client = login(Client(), make_user(role))
        for path in paths:
            assert client.get(path).status_code == 404, (role, path)
    outsider = login(Client(), make_user(Role.ZORGCOORDINATOR, regions=[other_region]))
    assert outsider.get("/netwerk/").status_code == 200
    assert "Hotel De Zwaan" not in outsider.get("/netwerk/").content.decode()
    for path in paths[1:]:
        assert outsider.get(path).status_code == 404, path
    assert outsider.post(paths[3], {"kind": "hotel", "label": "X"}).status_code == 404
    assert ContextEntity.objects.count() == 1


def test_not_logged_in_goes_to_the_login_page(client):
    response = client.get("/netwerk/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_the_case_page_shows_the_section_and_attaching_works(client_coordinator, case):
    page = client_coordinator.get(f"/casussen/{case.pk}/").content.decode()
    assert 'id="netwerk"' in page and "Nog geen plek, account, voertuig of telefoonnummer" in page
    assert f"/netwerk/casus/{case.pk}/koppelen/" in page
    form = client_coordinator.get(f"/netwerk/casus/{case.pk}/koppelen/").content.decode()
    assert "Wat wilt u koppelen?" in form
    response = client_coordinator.post(
        f"/netwerk/casus/{case.pk}/koppelen/",
        {
            "kind": "account",
            "label": "@Snel.Geld",
            "platform": "Insta",
            "note": "Stuurt berichten.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/casussen/{case.pk}/#netwerk"
    page = client_coordinator.get(f"/casussen/{case.pk}/").content.decode()
    assert "@Snel.Geld (Insta)" in page and "Stuurt berichten." in page
    assert ContextEntity.objects.get().key == "instagram:snel.geld"


def test_a_wrong_attachment_shows_dutch_errors_and_keeps_what_was_typed(client_coordinator, case):
    response = client_coordinator.post(
        f"/netwerk/casus/{case.pk}/koppelen/", {"kind": "phone", "label": "06-123"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page and "Controleer het formulier." in page
    assert "Een Nederlands telefoonnummer heeft 10 cijfers" in page
    assert 'value="06-123"' in page
    response = client_coordinator.post(f"/netwerk/casus/{case.pk}/koppelen/", {"label": "X"})
    assert "Kies wat u wilt koppelen." in response.content.decode()
    assert not ContextEntity.objects.exists()


def test_the_signal_page_shows_the_section_only_to_the_coordinator(
    client_coordinator, reporter, coordinator
):
    signal = send_signal(reporter)
    attach(coordinator, signal=signal, kind="park", label="Het Julianapark")
    page = client_coordinator.get(f"/signalen/{signal.pk}/").content.decode()
    assert 'id="netwerk"' in page and "Het Julianapark" in page
    assert f"/netwerk/signaal/{signal.pk}/koppelen/" in page
    own = login(Client(), reporter).get(f"/signalen/{signal.pk}/")
    assert own.status_code == 200
    assert (
        "Het Julianapark" not in own.content.decode() and 'id="netwerk"' not in own.content.decode()
    )


def test_detaching_through_the_form_needs_a_reason(client_coordinator, case, coordinator):
    link = attach(coordinator, case=case).link
    path = f"/netwerk/koppeling/{link.pk}/loskoppelen/"
    assert "Waarom koppelt u dit los?" in client_coordinator.get(path).content.decode()
    response = client_coordinator.post(path, {"reason": ""})
    assert response.status_code == 400
    assert "Schrijf op waarom u dit loskoppelt." in response.content.decode()
    response = client_coordinator.post(path, {"reason": "Verkeerd nummer."})
    assert response.status_code == 302 and response["Location"] == f"/casussen/{case.pk}/#netwerk"
    link.refresh_from_db()
    assert link.detached_at is not None
    page = client_coordinator.get(f"/netwerk/entiteit/{link.entity_id}/").content.decode()
    assert "Eerder gekoppeld" in page and "Verkeerd nummer." in page


def test_renaming_through_the_form_keeps_the_old_name(client_coordinator, case, coordinator):
    entity = attach(coordinator, case=case, kind="hotel", label="Hotel Zwann").link.entity
    path = f"/netwerk/entiteit/{entity.pk}/naam/"
    assert 'value="Hotel Zwann"' in client_coordinator.get(path).content.decode()
    response = client_coordinator.post(path, {"label": "Hotel Zwaan"})
    assert response.status_code == 302
    assert ContextEntityRename.objects.get().old_label == "Hotel Zwann"
    page = client_coordinator.get(f"/netwerk/entiteit/{entity.pk}/").content.decode()
    assert "Eerdere namen" in page and "Hotel Zwann" in page


def test_reading_the_pages_is_audited(client_coordinator, cluster, coordinator):
    client_coordinator.get("/netwerk/")
    event = AuditEvent.objects.filter(action="network.view").get()
    assert event.actor_id == coordinator.pk
    assert event.details["cases"] == sorted(c.pk for c in cluster)
    client_coordinator.get(f"/casussen/{cluster[0].pk}/")
    assert AuditEvent.objects.filter(
        action="network.attached_view", subject_id=str(cluster[0].pk)
    ).exists()


def test_the_overview_uses_a_fixed_number_of_queries(client_coordinator, coordinator, make_case):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_coordinator.get("/netwerk/").status_code == 200
        return len(captured)

    cases = [make_case(), make_case()]
    attach(coordinator, case=cases[0], kind="hotel", label="Hotel A")
    attach(coordinator, case=cases[1], kind="hotel", label="Hotel A")
    small = count()
    for n in range(4):
        more = make_case()
        attach(coordinator, case=more, kind="hotel", label="Hotel A")
        attach(coordinator, case=more, label=f"06-1234567{n}")
        attach(coordinator, case=cases[0], kind="vehicle", label=f"AB-12{n}-C")
    assert count() == small


def test_network_urls_carry_ids_only():
    patterns = [
        str(p.pattern)
        for p in get_resolver().url_patterns
        if getattr(p, "app_name", None) == "network"
        for p in p.url_patterns
    ]
    assert patterns
    for pattern in patterns:
        assert set(re.findall(r"<(\w+):\w+>", pattern)) <= {"int"}, pattern
