"""The measures registry in real Chromium: the policy officer records a measure through the
form, finds it in the list and reads its before/after view; axe finds no WCAG 2.1 A/AA
violation on the list, the form (also with errors) and the detail page."""

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

TITLE = "Voorlichting over online uitbuiting (e2e)"


def test_the_policy_officer_records_a_measure_and_reads_before_and_after(role_context):
    page = role_context("demo-beleid").new_page()
    try:
        page.goto("/monitor/maatregelen/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Maatregelen")
        assert_accessible(page)

        page.get_by_role("link", name="Maatregel toevoegen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Maatregel toevoegen")
        assert_accessible(page)
        # Sent half-filled: the errors in Dutch, and what was typed is still there.
        page.get_by_label("Naam van de maatregel").fill(TITLE)
        page.get_by_label("Startdatum").fill("2025-03-01")
        page.get_by_label("Einddatum").fill("2025-02-01")
        page.get_by_role("button", name="Sla op").click()
        expect(page.get_by_role("alert")).to_contain_text("De einddatum ligt vóór de startdatum")
        expect(page.get_by_label("Naam van de maatregel")).to_have_value(TITLE)
        assert_accessible(page)

        page.get_by_label("Einddatum").fill("")
        page.get_by_label("Wat houdt de maatregel in?").fill("Gastlessen in de tweede klas.")
        page.get_by_label("Preventie en voorlichting").check()
        page.get_by_label("In een deel van de gemeente").check()
        page.get_by_label("Welke wijken of plaatsen?").fill("Noordoost")
        page.get_by_label("Voor wie is de maatregel?").fill("Leerlingen van de tweede klas")
        page.get_by_label("Leeftijd vanaf (jaar)").fill("13")
        page.get_by_label("Leeftijd tot en met (jaar)").fill("15")
        page.get_by_label("Partners").fill("GGD, politie")
        page.get_by_label("Signalen", exact=True).check()
        page.get_by_role("button", name="Sla op").click()

        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(page.get_by_text("De maatregel is vastgelegd.")).to_be_visible()
        expect(page.get_by_role("heading", name="Cijfers vóór en na de start")).to_be_visible()
        expect(
            page.get_by_role("table", name="Signalen, per kwartaal vóór en vanaf de start")
        ).to_be_visible()
        expect(page.get_by_text("laat niet zien dat de maatregel")).to_be_visible()
        expect(page.get_by_text("13 tot en met 15 jaar", exact=False)).to_be_visible()
        assert_accessible(page)

        page.get_by_role("link", name="Terug naar de maatregelen").click()
        expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    finally:
        page.close()
