"""A care coordinator's day in real Chromium: queue, case, decision, referral, 18th birthday.

axe-core checks every page on the way, in its normal and its error state.
"""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible


def _send_signal(role_context, surname: str) -> None:
    """The demo professional sends a signal (through the API, to keep this test short)."""
    context = role_context("demo-professional")
    page = context.new_page()
    page.goto("/")
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    response = context.request.post(
        "/api/v1/signals",
        data={
            "submission_key": "5e0c1f00-0000-4000-8000-00000000e2e1",
            "given_names": "Lotte",
            "surname": surname,
            "age": 17,
            "places": [{"municipality": "GM0344", "role": "residence"}],
            "exploitation_types": ["sexual"],
        },
        headers={"X-CSRFToken": token},
    )
    assert response.status in (200, 201), response.text()
    page.close()


def test_a_coordinators_day_from_signal_to_the_18th_birthday(role_context):
    surname = "Dagboek (fictief)"
    _send_signal(role_context, surname)
    page = role_context("demo-zorgcoordinator").new_page()

    # The queue shows the new signal; the coordinator opens a case from it.
    page.goto("/casussen/")
    expect(page.locator("h1")).to_have_text("Werkvoorraad casussen")
    assert_accessible(page)
    page.get_by_role("link", name=f"Lotte {surname}").first.click()
    page.get_by_role("button", name=re.compile("Open een casus")).click()
    expect(page.locator("h1")).to_contain_text(f"Lotte {surname}")
    assert_accessible(page)

    # Victim and offender at once.
    page.get_by_text("Rol toevoegen (slachtoffer, dader, of allebei)").click()
    page.get_by_label("Rol", exact=True).select_option("victim")
    page.get_by_role("button", name="Leg rol vast").click()
    expect(page.get_by_text(re.compile("^Slachtoffer sinds"))).to_be_visible()

    # A decision without the child's own words is refused, nothing typed is lost.
    page.get_by_label("Wat is besloten?").fill("Aanmelden bij het expertisecentrum")
    page.locator("#id_child_heard_0").check()
    page.get_by_role("button", name="Leg besluit vast").click()
    expect(page.get_by_text("in zijn of haar eigen woorden").first).to_be_visible()
    expect(page.get_by_label("Wat is besloten?")).to_have_value(
        "Aanmelden bij het expertisecentrum"
    )
    assert_accessible(page)
    page.get_by_label("Waarom?").fill("Zij heeft gespecialiseerde hulp nodig")
    page.get_by_label("Wat vindt de jongere zelf? (in eigen woorden)").fill(
        "Ik wil weg uit deze stad."
    )
    page.get_by_label("Wat is het belang van de jongere?").fill("Veiligheid en rust")
    page.locator("#id_parents_involved_1").check()
    page.get_by_label("Waarom wel of niet?").fill("De ouders weten ervan en helpen mee")
    page.get_by_role("button", name="Leg besluit vast").click()
    expect(page.get_by_text("Het besluit is vastgelegd.")).to_be_visible()

    # Triage and referral.
    page.get_by_role("link", name="Nieuwe verwijzing, met triage").click()
    expect(page.locator("h1")).to_have_text("Triage en verwijzing")
    expect(page.get_by_text(re.compile("minderjarige slachtoffers")).first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Leg verwijzing vast").click()
    expect(page.get_by_text("De verwijzing is vastgelegd.")).to_be_visible()
    expect(page.get_by_text(re.compile("Verstuurd sinds"))).to_be_visible()

    # She turns out to be 17 years and 8 months: the queue asks for the plan after 18.
    page.get_by_role("link", name="Gegevens wijzigen").click()
    assert_accessible(page)
    born = timezone.localdate() - timedelta(days=17 * 365 + 8 * 30)
    page.get_by_label("Geboortedatum").fill(born.isoformat())
    page.get_by_role("button", name="Sla op").click()
    expect(page.get_by_text("plan voor de zorg na 18 jaar is nog niet compleet")).to_be_visible()
    case_url = page.url
    page.goto("/casussen/?soort=eighteen_without_plan")
    expect(page.get_by_role("link", name=f"Lotte {surname}")).to_be_visible()
    assert_accessible(page)

    page.goto(case_url)
    page.get_by_role("link", name="Maak het plan af").click()
    assert_accessible(page)
    page.get_by_label("Wie neemt de zorg over na het 18e jaar?").fill("Wijkteam (fictief)")
    page.get_by_label("De zorg voor volwassenen is geregeld").check()
    page.get_by_label("De jongere is opnieuw om toestemming gevraagd").check()
    page.get_by_role("radio", name="Ja").check()
    page.get_by_label("Afgesproken op").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Sla het plan op").click()
    expect(page.get_by_text("Het plan voor na het 18e jaar is opgeslagen.")).to_be_visible()
    page.goto("/casussen/?soort=eighteen_without_plan")
    expect(page.get_by_role("link", name=f"Lotte {surname}")).to_have_count(0)

    # The case team: the demo professional may see the referrals only.
    page.goto(case_url + "team/")
    assert_accessible(page)
    page.get_by_label("Professional").select_option(
        label="Pim Proef (demo) (Demo Wijkteam Noordoost (fictief))"
    )
    page.get_by_label("Verwijzingen en hulp").check()
    page.get_by_label("Toegang tot en met").fill(
        (timezone.localdate() + timedelta(days=30)).isoformat()
    )
    page.get_by_role("button", name="Voeg toe").click()
    expect(page.get_by_text("Het teamlid is toegevoegd.")).to_be_visible()
    assert_accessible(page)

    member = role_context("demo-professional").new_page()
    member.goto("/casussen/")
    assert_accessible(member)
    member.get_by_role("link", name=re.compile(re.escape(surname))).click()
    expect(member.get_by_text("U bent lid van het casusteam")).to_be_visible()
    expect(member.get_by_role("heading", name="Verwijzingen en hulp")).to_be_visible()
    expect(member.get_by_role("heading", name="Besluiten")).to_have_count(0)
    expect(member.get_by_text("Ik wil weg uit deze stad.")).to_have_count(0)
    assert_accessible(member)
    member.close()

    # Timeline, printable summary, and closing refused without aftercare.
    for path, heading in (("tijdlijn/", "Tijdlijn"), ("samenvatting/", "Samenvatting")):
        page.goto(case_url + path)
        expect(page.locator("h1")).to_contain_text(heading)
        assert_accessible(page)
    page.goto(case_url + "afsluiten/")
    assert_accessible(page)
    page.get_by_label("Waarom sluit u de casus af?").select_option("hulp-afgerond")
    page.get_by_role("button", name="Sluit de casus af").click()
    expect(page.get_by_text("Maak minstens een afspraak over nazorg").first).to_be_visible()
    assert_accessible(page)
    page.close()


def test_emergency_pages_are_accessible(role_context):
    page = role_context("demo-zorgcoordinator").new_page()
    page.goto("/casussen/noodtoegang/")
    assert_accessible(page)
    page.get_by_role("button", name="Vraag noodtoegang").click()
    expect(page.get_by_text("Vul het casusnummer in.").first).to_be_visible()
    assert_accessible(page)
    page.close()
    officer = role_context("demo-privacy").new_page()
    officer.goto("/logboek/noodtoegang/")
    expect(officer.locator("h1")).to_have_text("Noodtoegang beoordelen")
    assert_accessible(officer)
    officer.close()
