"""A policy officer's scan in real Chromium: upload, refusal, report, questions, PDF, rubric.

axe-core checks every page on the way, in its normal and its error state.
"""

import io
import re

from docx import Document as NewDocx
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

POLICY = [
    "Aanpak mensenhandel en uitbuiting van minderjarigen 2026-2029 (fictief)",
    "Mensenhandel en criminele uitbuiting raken ook jongeren in onze gemeente. Seksuele "
    "uitbuiting van minderjarigen komt voor. Het beleid tegen mensenhandel gaat over "
    "voorkomen, signaleren en hulp.",
    "Slachtoffers krijgen gespecialiseerde hulp. In 2026 kopen wij plaatsen in bij een "
    "expertisecentrum voor minderjarige slachtoffers van uitbuiting. De zorgcoördinator "
    "mensenhandel is vanaf 1 maart 2026 bereikbaar voor alle professionals.",
    "De loverboy-aanpak wordt voortgezet.",
]


def _docx(tmp_path) -> str:
    document = NewDocx()
    for index, paragraph in enumerate(POLICY):
        if index == 2:
            document.add_page_break()
        document.add_paragraph(paragraph)
    path = tmp_path / "aanpak-mensenhandel.docx"
    out = io.BytesIO()
    document.save(out)
    path.write_bytes(out.getvalue())
    return str(path)


def test_a_policy_officer_scans_a_policy_and_reads_the_report(role_context, tmp_path):
    page = role_context("demo-beleid").new_page()
    page.goto("/")
    page.get_by_role("link", name="Beleidsscan").first.click()
    expect(page.locator("h1")).to_have_text("Beleidsscan")
    assert_accessible(page)

    page.get_by_role("link", name="Scan een beleidsdocument").click()
    expect(page.locator("h1")).to_have_text("Scan een beleidsdocument")
    assert_accessible(page)

    # A wrong file is refused in Dutch next to the field; the typed title stays.
    wrong = tmp_path / "beleid.exe"
    wrong.write_bytes(b"MZ not a policy")
    page.get_by_label("Titel van het document").fill("Aanpak 2026 (e2e)")
    page.get_by_label("Bestand").set_input_files(str(wrong))
    page.get_by_role("button", name="Scan het document").click()
    expect(page.get_by_text("Controleer het formulier.")).to_be_visible()
    expect(page.get_by_label("Titel van het document")).to_have_value("Aanpak 2026 (e2e)")
    assert_accessible(page)

    page.get_by_label("Bestand").set_input_files(_docx(tmp_path))
    page.get_by_role("button", name="Scan het document").click()
    expect(page.locator("h1")).to_have_text("Beleidsscan: Aanpak 2026 (e2e)")
    expect(page.get_by_role("heading", name=re.compile(r"Tip 6\. Goede hulp"))).to_be_visible()
    expect(
        page.get_by_text("expertisecentrum voor minderjarige slachtoffers").first
    ).to_be_visible()
    expect(page.get_by_role("rowheader", name="loverboy")).to_be_visible()
    assert_accessible(page)

    # The PDF export downloads.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # Practice questions: answer one; the report shows it.
    page.get_by_role("link", name="Beantwoord de vragen over de praktijk").click()
    assert_accessible(page)
    question = page.get_by_role("group", name=re.compile("gespecialiseerd expertisecentrum"))
    question.get_by_label("Ja").check()
    page.get_by_role("button", name="Sla de antwoorden op").click()
    expect(page.get_by_text("1 antwoord opgeslagen.")).to_be_visible()
    page.go_back()
    page.go_back()
    page.reload()
    expect(page.get_by_text("De praktijk volgens uw antwoorden").first).to_be_visible()

    page.goto("/beleidsscan/rubriek/")
    expect(page.locator("h1")).to_have_text("De tien tips en hoe we scoren")
    assert_accessible(page)
    page.close()


def test_the_functioneel_beheerder_changes_a_tip(role_context):
    page = role_context("demo-beheer").new_page()
    page.goto("/beleidsscan/rubriek/tip/9/")
    assert_accessible(page)
    page.get_by_label("Titel").fill("")
    page.get_by_role("button", name="Sla op als nieuwe versie").click()
    expect(page.get_by_text("Controleer het formulier.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Jongeren en ervaringsdeskundigen laten meedenken")
    page.get_by_label("Wat verandert er, en waarom?").fill("Titel duidelijker")
    page.get_by_role("button", name="Sla op als nieuwe versie").click()
    expect(page.get_by_text(re.compile("De rubriek heeft nu versie"))).to_be_visible()
    expect(
        page.get_by_role("heading", name="Tip 9. Jongeren en ervaringsdeskundigen laten meedenken")
    ).to_be_visible()
    page.close()
