"""The national export page in real Chromium: the care coordinator's region and an ended
year, the tables in HTCDS categories and the downloads; axe finds no WCAG 2.1 A/AA
violation, also not in the error state."""

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible


def test_the_care_coordinator_reads_the_national_export(role_context):
    page = role_context("demo-zorgcoordinator").new_page()
    try:
        page.goto("/monitor/landelijk/")
        expect(page.get_by_role("heading", name="Monitor: landelijke export")).to_be_visible()
        expect(page.get_by_role("table", name="Vorm van uitbuiting")).to_be_visible()
        expect(
            page.get_by_role("link", name="Download als JSON (voor de landelijke verzameling)")
        ).to_be_visible()
        assert_accessible(page)
        page.get_by_label("Jaar", exact=True).select_option(index=1)
        page.get_by_role("button", name="Toon").click()
        expect(page.get_by_role("table", name="Manier van onder druk zetten")).to_be_visible()
    finally:
        page.close()


def test_a_year_that_has_not_ended_is_refused_accessibly(role_context):
    page = role_context("demo-zorgcoordinator").new_page()
    try:
        page.goto("/monitor/landelijk/")
        region = page.get_by_label("Regio", exact=True).input_value()
        page.goto(f"/monitor/landelijk/?regio={region}&jaar=2099")
        expect(page.get_by_role("alert").first).to_be_visible()
        assert_accessible(page)
    finally:
        page.close()
