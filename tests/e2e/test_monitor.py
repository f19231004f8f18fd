"""The monitor in real Chromium: tables with hidden small counts, the period form's error
state, the region overview; axe finds no WCAG 2.1 A/AA violation on any of them."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible


def test_the_policy_officer_reads_the_startfoto_and_chooses_another_quarter(role_context):
    page = role_context("demo-beleid").new_page()
    try:
        page.goto("/monitor/")
        expect(page.get_by_role("heading", name="Monitor: startfoto")).to_be_visible()
        expect(page.get_by_role("heading", name="Zo leest u deze cijfers")).to_be_visible()
        expect(page.get_by_role("table").first).to_be_visible()
        assert_accessible(page)
        options = page.get_by_label("Periode", exact=True).locator("option")
        expect(options.first).to_have_text(re.compile(r"kwartaal"))
        page.get_by_label("Periode", exact=True).select_option(index=1)
        page.get_by_role("button", name="Toon").click()
        expect(page.get_by_role("heading", name="Zo leest u deze cijfers")).to_be_visible()
        # A period that has not ended (typed into the address) is refused, accessibly.
        page.goto("/monitor/?periode=2099-K1")
        expect(page.get_by_role("alert").first).to_be_visible()
        assert_accessible(page)
    finally:
        page.close()


def test_the_care_coordinator_sees_the_region(role_context):
    page = role_context("demo-zorgcoordinator").new_page()
    try:
        page.goto("/monitor/regio/")
        expect(page.get_by_role("heading", name="Monitor: regio")).to_be_visible()
        expect(page.get_by_role("table", name="Signalen")).to_be_visible()
        assert_accessible(page)
    finally:
        page.close()
