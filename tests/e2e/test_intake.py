"""Signal intake in real Chromium: by keyboard only, ending on "wat nu?"; axe on every page."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible

ROLE_PAGES = {
    "demo-professional": [
        "/signalen/",
        "/signalen/nieuw/",
        "/routekaart/",
        "/routekaart/gemeente/GM0344/",
    ],
    "demo-zorgcoordinator": [
        "/signalen/regio/",
        "/signalen/regio/?toon=acuut",
        "/routekaart/",
        "/casussen/",
    ],
    "demo-beheer": [
        "/routekaart/",
        "/beheer/admin/intake/indicator/",
        "/beheer/admin/kennis/term/",
        "/beheer/admin/routekaart/contactoverride/",
    ],
}


def _tab_to(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching selector has the focus, as a keyboard user does."""
    for _ in range(limit):
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} was not reachable by keyboard")


def test_intake_by_keyboard_only_ends_on_what_now(role_context):
    page = role_context("demo-professional").new_page()
    page.goto("/signalen/nieuw/")
    expect(page.locator("h1")).to_have_text("Signaal doorgeven")
    assert_accessible(page)

    _tab_to(page, "#id_reporter_function")
    page.keyboard.type("mentor")
    _tab_to(page, "#id_given_names")
    page.keyboard.type("Kim")
    _tab_to(page, "#id_surname")
    page.keyboard.type("Toetsenbord (fictief)")
    _tab_to(page, "#id_age")
    page.keyboard.type("15")
    _tab_to(page, "#id_residence")
    page.keyboard.type("Utrecht")  # a select jumps to the typed option
    _tab_to(page, "#id_exploitation_types_1")  # criminal exploitation
    page.keyboard.press("Space")
    _tab_to(page, "input[name=acute_danger]")
    page.keyboard.press("ArrowLeft")  # from "Weet ik niet" back to "Nee"
    page.keyboard.press("ArrowLeft")  # and to "Ja"
    _tab_to(page, "#id_description")
    page.keyboard.type("Wordt opgehaald door oudere jongens en heeft een loverboy.")
    expect(page.locator("#woordhulp")).to_contain_text("Gebruik liever")
    _tab_to(page, "button[value=versturen]")
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Wat nu?")
    expect(page.locator("#urgentie-now")).to_be_visible()
    expect(page.get_by_text("Bel 112").first).to_be_visible()
    expect(page.get_by_text("Zorgcoördinatie Demoregio (fictief)").first).to_be_visible()
    assert_accessible(page)
    page.close()


def test_errors_keep_what_was_typed(role_context):
    page = role_context("demo-professional").new_page()
    page.goto("/signalen/nieuw/")
    page.get_by_label("Achternaam").fill("Bewaard (fictief)")
    page.get_by_label("Postcode").fill("999")
    page.get_by_role("button", name="Verstuur signaal").click()
    expect(page.get_by_text("Vul een postcode in zoals 1234 AB.", exact=True)).to_be_visible()
    expect(page.get_by_label("Achternaam")).to_have_value("Bewaard (fictief)")
    assert_accessible(page)
    page.close()


def test_signal_pages_are_accessible(role_context):
    for username in ("demo-professional", "demo-zorgcoordinator"):
        page = role_context(username).new_page()
        page.goto("/signalen/regio/" if username == "demo-zorgcoordinator" else "/signalen/")
        page.locator("a[href^='/signalen/']").filter(has_text=re.compile(r"^\d+$")).first.click()
        expect(page.locator("h1")).to_contain_text("Signaal")
        assert_accessible(page)
        page.close()


def test_route_map_pages_are_accessible(role_context):
    for username, paths in ROLE_PAGES.items():
        page = role_context(username).new_page()
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            assert_accessible(page)
        page.close()


def test_route_map_edit_shows_broken_scenarios(role_context):
    page = role_context("demo-beheer").new_page()
    page.goto("/routekaart/")
    page.get_by_label("Regio").select_option(label="Demoregio Stichtse Landen (fictief)")
    page.get_by_role("button", name="Maak eigen routekaart").click()
    expect(page.locator("h1")).to_contain_text("Demoregio")
    assert_accessible(page)
    page.get_by_role("link", name="Bewerk deze routekaart").click()
    editor = page.get_by_label("Routekaart (YAML)")
    editor.fill(editor.input_value().replace("code: bel-112", "code: collegiale-consultatie"))
    page.get_by_role("button", name="Test deze routekaart").click()
    expect(page.get_by_text("ontbreekt: bel-112").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wat verandert u en waarom?").fill("Proef (e2e)")
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.locator("h1")).to_contain_text("versie 2")
    assert_accessible(page)
    page.close()


def test_public_help_page_without_login(page: Page):
    page.goto("/hulp/")
    assert_accessible(page)
    page.get_by_label("In welke gemeente woon je?").select_option(label="Houten")
    page.get_by_role("button", name="Laat zien waar ik hulp krijg").click()
    expect(page.locator("h1")).to_have_text("Hulp in Houten")
    expect(page.get_by_text("De Kindertelefoon", exact=True)).to_be_visible()
    assert page.context.cookies() == []
    assert_accessible(page)


def test_coordinator_case_page_and_a_refused_decision(role_context):
    page = role_context("demo-zorgcoordinator").new_page()
    page.goto("/casussen/?soort=eighteen_without_plan")
    page.get_by_role("link", name=re.compile("Noor")).first.click()
    expect(page.locator("h1")).to_contain_text("Noor")
    expect(page.get_by_text("plan voor de zorg na 18 jaar is nog niet compleet")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wat is besloten?").fill("Aanmelden bij het expertisecentrum")
    page.get_by_role("radio", name="Ja").first.check()  # heard, but no words of their own
    page.get_by_role("button", name="Leg besluit vast").click()
    expect(page.get_by_text("in zijn of haar eigen woorden").first).to_be_visible()
    expect(page.get_by_label("Wat is besloten?")).to_have_value(
        "Aanmelden bij het expertisecentrum"
    )
    assert_accessible(page)
    page.close()
