"""Every page, in real Chromium: it works, and axe-core finds no WCAG 2.1 A/AA violation."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    NEW_USER,
    NEW_USER_PASSWORD,
    assert_accessible,
    login_with_password,
    totp_code,
)

ROLE_PAGES = {
    "demo-professional": ["/", "/account/", "/regios/", "/gemeenten/"],
    "demo-zorgcoordinator": [
        "/",
        "/account/",
        "/regios/",
        "/gemeenten/",
        "/monitor/",
        "/monitor/regio/",
        "/monitor/landelijk/",
        "/monitor/maatregelen/",
        "/koppelen/",
        "/koppelen/?status=afgewezen",
        "/koppelen/regio-overstijgend/",
        "/netwerk/",
    ],
    "demo-beleid": [
        "/",
        "/account/",
        "/regios/",
        "/gemeenten/",
        "/beleidsscan/",
        "/beleidsscan/rubriek/",
        "/praktijk/",
        "/praktijk/participatie/",
        "/praktijk/participatie/nieuw/",
        "/monitor/",
        "/monitor/maatregelen/",
        "/monitor/maatregelen/nieuw/",
        "/monitor/open-data/",
    ],
    "demo-beheer": [
        "/",
        "/account/",
        "/beheer/gebruikers/",
        "/beheer/admin/",
        "/beheer/admin/geo/region/",
        "/beheer/admin/geo/region/add/",
        "/beheer/admin/accounts/user/",
        "/beheer/admin/accounts/organisation/",
        "/beheer/admin/accounts/organisation/add/",
        "/beheer/admin/accounts/user/add/",
        "/beheer/admin/geo/municipality/",
        "/praktijk/",
        "/praktijk/training/",
        "/praktijk/training/nieuw/",
        "/praktijk/training/importeren/",
        "/beleidsscan/rubriek/",
    ],
    "demo-privacy": ["/", "/account/", "/logboek/", "/beheer/gebruikers/"],
}


@pytest.mark.parametrize("path", ["/inloggen/", "/over-schakel/", "/bestaat-niet/"])
def test_public_pages_are_accessible(page: Page, path):
    page.goto(path)
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)


def test_login_error_state_is_accessible(page: Page):
    login_with_password(page, "demo-beleid", "verkeerd wachtwoord")
    expect(page.get_by_role("alert")).to_contain_text("klopt niet")
    assert_accessible(page)
    page.goto("/inloggen/")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Vul uw gebruikersnaam in.", exact=True)).to_be_visible()
    assert_accessible(page)


def test_lockout_page_is_accessible(page: Page):
    for _ in range(5):
        login_with_password(page, "iemand-die-niet-bestaat", "fout")
    login_with_password(page, "iemand-die-niet-bestaat", "fout")
    expect(page.locator("h1")).to_have_text("Inloggen is tijdelijk geblokkeerd")
    assert_accessible(page)


def test_english_login_page(page: Page):
    page.goto("/inloggen/")
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Kies taal").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Log in to Schakel")
    assert_accessible(page)


@pytest.mark.parametrize("username", sorted(ROLE_PAGES))
def test_every_page_per_role_is_accessible(role_context, username):
    page = role_context(username).new_page()
    try:
        for path in ROLE_PAGES[username]:
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            expect(page.locator("h1").first).to_be_visible()
            assert_accessible(page)
    finally:
        page.close()


def test_user_detail_and_block_form(role_context):
    page = role_context("demo-beheer").new_page()
    page.goto("/beheer/gebruikers/")
    page.get_by_role("link", name=re.compile("Pim")).click()
    expect(page.locator("h1")).to_contain_text("Pim")
    assert_accessible(page)
    page.get_by_role("button", name="Blokkeer account").click()  # no reason given
    expect(page.get_by_text("Geef een reden op.", exact=True)).to_be_visible()
    assert_accessible(page)
    page.close()


def test_audit_search_shows_who_looked(role_context):
    beheer = role_context("demo-beheer").new_page()
    beheer.goto("/beheer/gebruikers/")
    beheer.get_by_role("link", name=re.compile("Pim")).click()
    user_id = beheer.url.rstrip("/").split("/")[-1]
    beheer.close()

    page = role_context("demo-privacy").new_page()
    page.goto("/logboek/")
    page.get_by_label("Soort gegeven").select_option(label="Gebruikersaccount")
    page.get_by_label("Nummer (id)").fill(user_id)
    page.get_by_label("Waarom kijkt u dit na?").fill("Test van de inzage")
    page.get_by_role("button", name="Zoek in logboek").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("demo-beheer")
    expect(table).to_contain_text("user.view")
    assert_accessible(page)
    page.close()


def test_municipality_filter_updates_in_place(role_context):
    page = role_context("demo-zorgcoordinator").new_page()
    page.goto("/gemeenten/")
    expect(page.get_by_text("342 gemeenten gevonden.")).to_be_visible()
    page.get_by_label("Zoek op naam of code").fill("Utrecht")
    expect(page.get_by_text("2 gemeenten gevonden.")).to_be_visible()  # Utrecht, Utrechtse H.
    assert page.url.endswith("/gemeenten/")  # nothing typed ends up in the URL
    assert_accessible(page)
    page.close()


def test_mfa_setup_for_a_new_account(page: Page):
    login_with_password(page, NEW_USER, NEW_USER_PASSWORD)
    expect(page.locator("h1")).to_have_text("Tweestapsverificatie instellen")
    assert_accessible(page)
    page.goto("/regios/")  # nothing else is reachable before the code is set up
    expect(page.locator("h1")).to_have_text("Tweestapsverificatie instellen")
    secret = page.locator(".schakel-secret").inner_text()
    page.get_by_label("Code uit de app").fill(totp_code(base32_key=secret))
    page.get_by_role("button", name="Bevestig en ga verder").click()
    expect(page.locator("h1")).to_have_text("Bewaar uw herstelcodes")
    expect(page.locator(".schakel-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Ik heb de codes bewaard")).click()
    expect(page.locator("h1")).to_contain_text("Welkom")


def test_password_only_session_is_held_at_the_code_page(page: Page):
    login_with_password(page, "demo-professional-zonder-code-bestaat-niet", "x")
    login_with_password(page, "demo-privacy")
    expect(page.locator("h1")).to_have_text("Vul uw code in")
    assert_accessible(page)
    for path in ["/", "/logboek/", "/beheer/gebruikers/", "/account/"]:
        page.goto(path)
        expect(page.locator("h1")).to_have_text("Vul uw code in")


def test_pages_work_under_the_content_security_policy(browser, server):
    """Without bypassing the CSP (the other tests bypass it to inject axe)."""
    context = browser.new_context(base_url=server, locale="nl-NL")
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security" in msg.text else None,
    )
    login_with_password(page, "demo-beleid")
    page.goto("/gemeenten/")
    page.get_by_label("Zoek op naam of code").fill("Lopik")
    expect(page.get_by_text("1 gemeente gevonden.")).to_be_visible()
    context.close()
    assert violations == []
