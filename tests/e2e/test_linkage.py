"""Same-person suggestions in real Chromium: the demo care coordinator reads why Schakel
thinks two signals are about the same young person, confirms one, rejects another and undoes
the confirmed link (a reason is required); axe finds no WCAG 2.1 A/AA violation."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

COORDINATOR = "demo-zorgcoordinator"


def _open_first_suggestion(page) -> str:
    page.goto("/koppelen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dezelfde jongere?")
    link = page.get_by_role("link", name=re.compile(r"^Bekijk voorstel \d+$")).first
    name = link.inner_text()
    link.click()
    expect(page.get_by_role("table")).to_contain_text("Achternaam")
    return name


def test_the_coordinator_confirms_rejects_and_undoes(role_context):
    page = role_context(COORDINATOR).new_page()
    try:
        page.goto("/koppelen/")
        expect(page.get_by_role("status")).to_contain_text("voorstel")
        assert_accessible(page)

        _open_first_suggestion(page)
        expect(page.get_by_text("Wat overeenkomt en wat verschilt")).to_be_visible()
        assert_accessible(page)
        page.get_by_label("Toelichting").fill("Zelfde naam en geboortedatum, zelfde school.")
        page.get_by_role("button", name="Bevestig: dezelfde jongere").click()
        expect(page.get_by_role("status").or_(page.locator(".utrecht-alert")).first).to_be_visible()
        expect(page.locator("p").filter(has_text="Stand:")).to_contain_text("bevestigd")
        confirmed_url = page.url

        _open_first_suggestion(page)
        page.get_by_role("button", name="Wijs af: niet dezelfde jongere").click()
        expect(page.locator("p").filter(has_text="Stand:")).to_contain_text("afgewezen")

        page.goto(confirmed_url)
        page.get_by_role("button", name="Maak de koppeling ongedaan").click()
        expect(
            page.get_by_text("Schrijf kort op waarom u de koppeling ongedaan maakt.").first
        ).to_be_visible()
        assert_accessible(page)
        page.get_by_label("Waarom maakt u de koppeling ongedaan?").fill("Toch twee jongeren.")
        page.get_by_role("button", name="Maak de koppeling ongedaan").click()
        expect(page.locator("p").filter(has_text="Stand:")).to_contain_text("ongedaan")
        expect(page.get_by_role("list").last).to_contain_text("ongedaan gemaakt")

        page.goto("/koppelen/?status=ongedaan")
        expect(page.get_by_role("link", name=re.compile(r"^Bekijk voorstel \d+$"))).to_have_count(1)
        assert_accessible(page)
    finally:
        page.close()
