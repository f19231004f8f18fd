"""The monitor in real Chromium: tables with hidden small counts, the period form's error
state, the region overview, the charts (drawn under the real Content-Security-Policy) and the
region map; axe finds no WCAG 2.1 A/AA violation on any of them."""

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
        # The map: an area per municipality, named by its caption, with the credit line.
        region_map = page.get_by_role("img", name=re.compile(r"^Kaart: Signalen per gemeente"))
        expect(region_map).to_be_visible()
        expect(region_map.locator("path").first).to_be_attached()
        assert region_map.locator("path").count() >= 2
        expect(region_map.locator("path title").first).to_contain_text(re.compile(r": "))
        expect(page.get_by_text("Kaart: Kadaster / CBS, 2025").first).to_be_visible()
        assert_accessible(page)
    finally:
        page.close()


def _canvas_is_drawn(page, selector: str) -> bool:
    """Some pixel of the canvas is not transparent: Chart.js has drawn on it."""
    return page.evaluate(
        """(selector) => {
            const canvas = document.querySelector(selector);
            if (!canvas || !canvas.width || !canvas.height) return false;
            const pixels = canvas.getContext("2d")
                .getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
            return false;
        }""",
        selector,
    )


def test_the_charts_are_drawn_under_the_content_security_policy(browser, server, role_context):
    """A context that enforces the CSP (the others bypass it, for axe): the vendored Chart.js
    and our script run, without a single console error or CSP violation."""
    state = role_context("demo-beleid").storage_state()
    context = browser.new_context(base_url=server, storage_state=state, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for url in ("/monitor/", "/monitor/?periode=2025"):
            page.goto(url)
            trend = page.locator("figure[data-schakel-chart='grafiek-verloop-data']")
            expect(trend).to_have_attribute("data-drawn", "true")
            expect(trend).to_be_visible()
            canvas = page.get_by_role("img", name=re.compile(r"^Lijngrafiek: Verloop per kwartaal"))
            expect(canvas).to_be_visible()
            assert _canvas_is_drawn(page, "#grafiek-verloop")
        # The year: the breakdowns as bars, beside their tables.
        bars = page.get_by_role("img", name=re.compile(r"^Staafgrafiek: "))
        expect(bars.first).to_be_visible()
        assert _canvas_is_drawn(page, "#grafiek-1")
        assert errors == []
    finally:
        context.close()


def test_the_startfoto_with_its_charts_is_accessible(role_context):
    page = role_context("demo-beleid").new_page()
    try:
        for url in ("/monitor/", "/monitor/?periode=2025"):
            page.goto(url)
            expect(page.locator("figure[data-schakel-chart]").first).to_have_attribute(
                "data-drawn", "true"
            )
            expect(page.get_by_role("table", name="Verloop per kwartaal")).to_be_visible()
            assert_accessible(page)
    finally:
        page.close()
