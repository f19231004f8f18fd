"""The context network in real Chromium: the demo care coordinator opens /netwerk/, finds the
demo group in the list and the drawing on the canvas (also under the real
Content-Security-Policy), and attaches a place from a case page; axe finds no WCAG 2.1 A/AA
violation on the way."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

COORDINATOR = "demo-zorgcoordinator"
# The demo group has 8 nodes (4 young people, 4 entities); the test that attaches a place to a
# case may add one, in whichever order the tests run.
DRAWN = re.compile(r"^(8|9)$")


def test_the_coordinator_sees_the_cluster_in_the_list_and_the_graph(role_context):
    page = role_context(COORDINATOR).new_page()
    try:
        page.goto("/netwerk/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Contextnetwerk")
        group = page.get_by_role("heading", name=re.compile(r"^Groep 1: 4 jongeren$"))
        expect(group).to_be_visible()
        expect(page.get_by_text("Verbindt de meeste jongeren:")).to_be_visible()
        expect(page.get_by_role("link", name="06-00 00 00 17").first).to_be_visible()
        expect(page.get_by_role("link", name=re.compile(r"^Signaal \d+$")).first).to_be_visible()
        # The drawing: shown once cytoscape.js has drawn its canvas, named for screen readers.
        graph = page.locator("#network-graph")
        expect(graph).to_be_visible()
        expect(graph).to_have_attribute("role", "img")
        expect(graph).to_have_attribute("data-drawn", DRAWN)
        expect(graph.locator("canvas").first).to_be_attached()
        box = graph.bounding_box()
        assert box is not None and box["height"] > 300
        assert_accessible(page)

        # Filtered to phone numbers: one group of three cases.
        page.get_by_label("Telefoonnummer").check()
        page.get_by_role("button", name="Toon").click()
        expect(page.get_by_role("heading", name="Groep 1: 3 jongeren")).to_be_visible()
        expect(page.get_by_role("link", name="Hotel De Wissel", exact=False)).to_have_count(0)
        assert_accessible(page)

        page.get_by_role("link", name="06-00 00 00 17").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("06-00 00 00 17")
        expect(page.get_by_role("table")).to_contain_text("Casus")
        assert_accessible(page)
    finally:
        page.close()


def test_the_graph_is_drawn_under_the_real_content_security_policy(role_context, browser, server):
    # The coordinator's session, in a context that keeps the Content-Security-Policy.
    strict = browser.new_context(base_url=server, locale="nl-NL", bypass_csp=False)
    strict.add_cookies(role_context(COORDINATOR).cookies())
    page = strict.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    try:
        page.goto("/netwerk/")
        expect(page.locator("#network-graph")).to_have_attribute("data-drawn", DRAWN)
        assert not [text for text in messages if "Content Security Policy" in text], messages
    finally:
        strict.close()


def test_the_coordinator_attaches_a_place_from_a_case_page(role_context):
    page = role_context(COORDINATOR).new_page()
    try:
        page.goto("/netwerk/")
        page.get_by_role("link", name=re.compile(r"^Casus \d+$")).first.click()
        section = page.locator(
            "section",
            has=page.get_by_role("heading", name="Plekken, accounts, voertuigen en nummers"),
        )
        expect(section).to_be_visible()
        assert_accessible(page)
        section.get_by_role(
            "link", name="Koppel een plek, account, voertuig of telefoonnummer"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Koppelen aan Casus")
        assert_accessible(page)
        page.get_by_label("Wat wilt u koppelen?").select_option("phone")
        page.get_by_label("Naam, adres, nummer of kenteken").fill("06-123")
        page.get_by_role("button", name="Koppel").click()
        expect(page.get_by_role("alert")).to_contain_text("Controleer het formulier.")
        expect(page.get_by_label("Naam, adres, nummer of kenteken")).to_have_value("06-123")
        assert_accessible(page)
        page.get_by_label("Wat wilt u koppelen?").select_option("park")
        page.get_by_label("Naam, adres, nummer of kenteken").fill("Het Speelpark (e2e, fictief)")
        page.get_by_role("button", name="Koppel").click()
        expect(page.get_by_text("Het Speelpark (e2e, fictief) is gekoppeld.")).to_be_visible()
        expect(
            page.get_by_role("link", name="Het Speelpark (e2e, fictief)", exact=True)
        ).to_be_visible()
    finally:
        page.close()
