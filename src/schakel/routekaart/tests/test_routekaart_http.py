"""Route maps through HTTP: pages, editing with scenario checks, versions, public help."""

import pytest
from conftest import login
from django.test import Client

from schakel.accounts.constants import Role
from schakel.routekaart.constants import VersionStatus
from schakel.routekaart.domain.situation import parse_situation
from schakel.routekaart.models import ContactOverride, RouteMap
from schakel.routekaart.selectors import routing_for
from schakel.routekaart.services import routekaart_ensure_default

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def default_map(db):
    return routekaart_ensure_default()


def test_public_help_page_needs_no_login_and_sets_no_cookie(client, region):
    response = client.get("/hulp/GM0344/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hulp in Utrecht" in body
    assert "0800-0432" in body  # Kindertelefoon, from the route map
    assert "Set-Cookie" not in str(response.headers)
    assert not response.cookies
    assert "<script" not in body
    chooser = client.get("/hulp/", {"gemeente": "GM0356"})
    assert chooser["Location"] == "/hulp/GM0356/"
    missing = client.get("/hulp/GM9999/")
    assert missing.status_code == 404
    assert not missing.cookies


def test_help_page_shows_the_regions_own_contacts(client, region):
    ContactOverride.objects.create(
        code="veilig-thuis", region=region, name="Veilig Thuis Demoregio", phone="0800-2000"
    )
    assert "Veilig Thuis Demoregio" in client.get("/hulp/GM0344/").content.decode()


def test_route_map_page_has_diagram_and_text(make_user, login_as, default_map):
    client = login_as(make_user(Role.PROFESSIONAL))
    body = client.get(f"/routekaart/{default_map.pk}/").content.decode()
    assert "<svg" in body and "communicatielijnen" in body
    assert "Het schema als tekst" in body
    assert "Bel 112" in body
    municipality = client.get("/routekaart/gemeente/GM0344/").content.decode()
    assert "Routekaart voor Utrecht" in municipality


def _region_map(client, region) -> RouteMap:
    response = client.post("/routekaart/nieuw/", {"region": region.pk})
    assert response.status_code == 302, response.content
    return RouteMap.objects.get(region=region)


def test_edit_check_save_and_publish(make_user, login_as, region):
    client = login_as(make_user(Role.FUNCTIONEEL_BEHEERDER))
    route_map = _region_map(client, region)
    yaml_text = route_map.versions.get().yaml_text

    # Removing the acute-danger rule breaks scenarios: the owner sees which, before publishing.
    broken = yaml_text.replace("code: bel-112", "code: collegiale-consultatie")
    tested = client.post(
        f"/routekaart/{route_map.pk}/bewerken/",
        {"yaml_text": broken, "actie": "testen", "note": ""},
    )
    body = tested.content.decode()
    assert tested.status_code == 200
    assert "slagen niet met deze wijziging" in body or "slaagt niet met deze wijziging" in body
    assert "ontbreekt: bel-112" in body
    assert "schakel-diff__del" in body

    saved = client.post(
        f"/routekaart/{route_map.pk}/bewerken/",
        {"yaml_text": broken, "actie": "opslaan", "note": "Test"},
    )
    version = route_map.versions.get(number=2)
    assert saved["Location"] == f"/routekaart/versie/{version.pk}/"
    assert version.status == VersionStatus.DRAFT
    refused = client.post(f"/routekaart/versie/{version.pk}/publiceren/", {})
    assert refused.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    client.post(f"/routekaart/versie/{version.pk}/publiceren/", {"accept_failures": "on"})
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    compiled, used = routing_for(municipality_code="GM0344")
    assert used == version
    codes = [a.code for a in compiled.route(parse_situation({"acute_danger": True}))]
    assert "bel-112" not in codes


def test_forbidden_fields_are_refused_with_a_clear_message(make_user, login_as, region):
    client = login_as(make_user(Role.FUNCTIONEEL_BEHEERDER))
    route_map = _region_map(client, region)
    yaml_text = route_map.versions.get().yaml_text
    bad = yaml_text.replace(
        "rules:\n",
        "rules:\n- id: verblijf\n  description: x\n"
        "  when: {residence_status: asielzoeker}\n"
        "  then: [{code: zorgcoordinator, urgency: now, contact: zorgcoordinator, why: x}]\n",
        1,
    )
    response = client.post(
        f"/routekaart/{route_map.pk}/bewerken/", {"yaml_text": bad, "actie": "opslaan", "note": "x"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "verblijf" in body
    assert route_map.versions.count() == 1


def test_policy_officer_edits_only_own_municipality(make_user, login_as, region):
    from schakel.accounts.tests.factories import municipality

    officer = make_user(
        Role.BELEIDSMEDEWERKER, with_device=False, municipalities=[municipality("GM0356")]
    )
    client = login_as(officer, verify=False)
    assert client.post("/routekaart/nieuw/", {"region": region.pk}).status_code == 302
    assert not RouteMap.objects.filter(region=region).exists()
    client.post("/routekaart/nieuw/", {"municipality": municipality("GM0356").pk})
    own = RouteMap.objects.get(municipality__code="GM0356")
    assert client.get(f"/routekaart/{own.pk}/bewerken/").status_code == 200
    beheer = login(Client(), make_user(Role.FUNCTIONEEL_BEHEERDER))
    other = _region_map(beheer, region)
    assert client.get(f"/routekaart/{other.pk}/bewerken/").status_code == 404


def test_professionals_cannot_edit(make_user, login_as, default_map):
    client = login_as(make_user(Role.PROFESSIONAL))
    assert client.get(f"/routekaart/{default_map.pk}/bewerken/").status_code == 404


def test_publishing_a_missing_or_foreign_version_is_a_404(make_user, login_as, region):
    client = login_as(make_user(Role.FUNCTIONEEL_BEHEERDER))
    assert client.post("/routekaart/versie/999999/publiceren/", {}).status_code == 404
    assert client.get("/routekaart/versie/999999/").status_code == 404


def test_an_older_draft_cannot_replace_a_newer_published_version(make_user, login_as, region):
    client = login_as(make_user(Role.FUNCTIONEEL_BEHEERDER))
    route_map = _region_map(client, region)
    text = route_map.versions.get().yaml_text
    for note in ("twee", "drie"):
        client.post(
            f"/routekaart/{route_map.pk}/bewerken/",
            {"yaml_text": text, "actie": "opslaan", "note": note},
        )
    v2, v3 = route_map.versions.get(number=2), route_map.versions.get(number=3)
    client.post(f"/routekaart/versie/{v3.pk}/publiceren/", {"accept_failures": "on"})
    client.post(f"/routekaart/versie/{v2.pk}/publiceren/", {"accept_failures": "on"})
    v2.refresh_from_db()
    assert v2.status == VersionStatus.DRAFT
    assert route_map.versions.get(status=VersionStatus.PUBLISHED) == v3


def test_saving_without_a_note_saves_nothing(make_user, login_as, region):
    client = login_as(make_user(Role.FUNCTIONEEL_BEHEERDER))
    route_map = _region_map(client, region)
    text = route_map.versions.get().yaml_text
    scenario = "scenarios:\n- name: eigen\n  situation: {acute_danger: true}\n  must: [bel-112]\n"
    response = client.post(
        f"/routekaart/{route_map.pk}/bewerken/",
        {"yaml_text": text, "actie": "opslaan", "note": "", "scenarios_yaml": scenario},
    )
    assert response.status_code == 400
    assert "Beschrijf kort wat u verandert" in response.content.decode()
    route_map.refresh_from_db()
    assert route_map.scenarios_yaml == ""
    assert route_map.versions.count() == 1


def test_a_region_map_needs_the_whole_region_to_edit(make_user, login_as, region):
    from schakel.accounts.tests.factories import RegionFactory, municipality

    owner = login(Client(), make_user(Role.FUNCTIONEEL_BEHEERDER))
    route_map = _region_map(owner, region)
    partial = RegionFactory(name="Deelregio", municipalities=[municipality("GM0344")])
    half = make_user(Role.FUNCTIONEEL_BEHEERDER, regions=[partial])
    half_client = login(Client(), half)
    assert half_client.get(f"/routekaart/{route_map.pk}/").status_code == 200
    assert half_client.get(f"/routekaart/{route_map.pk}/bewerken/").status_code == 404
