"""The policy officer's scan through HTTP: upload, report, PDF, compare, questions, rubric."""

import io

import pytest
from conftest import login
from django.test import Client
from docx import Document as NewDocx
from pypdf import PdfReader

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.beleidsscan.models import PolicyScan, QuestionAnswer, RubricVersion
from schakel.geo.models import Municipality

POLICY_TEXT = (
    "Aanpak mensenhandel en uitbuiting van minderjarigen 2026-2029 (fictief).\n\n"
    "Mensenhandel en criminele uitbuiting raken ook jongeren in onze gemeente. Seksuele "
    "uitbuiting van minderjarigen komt voor. Het beleid tegen mensenhandel richt zich op "
    "preventie, signalering en hulp.\n\n"
    "Slachtoffers krijgen gespecialiseerde hulp. In 2026 kopen wij via het Landelijk "
    "Transitie Arrangement plaatsen in bij een expertisecentrum voor minderjarige "
    "slachtoffers van uitbuiting. Ook traumabehandeling is beschikbaar voor slachtoffers.\n\n"
    "De loverboy-aanpak wordt voortgezet. Kinderprostitutie moet stoppen."
)


def docx_bytes(text: str) -> bytes:
    document = NewDocx()
    for index, paragraph in enumerate(text.split("\n\n")):
        if index == 2:
            document.add_page_break()
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def gm0344(region):
    return Municipality.objects.get(code="GM0344")


@pytest.fixture
def policy_officer(make_user, gm0344):
    return make_user(Role.BELEIDSMEDEWERKER, with_device=False, regions=[], municipalities=[gm0344])


def upload(client, municipality, data, name="aanpak.docx", title="Aanpak 2026"):
    upload_file = io.BytesIO(data)
    upload_file.name = name
    return client.post(
        "/beleidsscan/nieuw/",
        {"municipality": municipality.pk, "title": title, "file": upload_file},
    )


def test_policy_officer_scans_a_docx_and_reads_the_report(login_as, policy_officer, gm0344):
    client = login_as(policy_officer, verify=False)
    response = upload(client, gm0344, docx_bytes(POLICY_TEXT))
    assert response.status_code == 302
    scan = PolicyScan.objects.get()
    assert scan.municipality == gm0344 and scan.pages == 2 and scan.kind == "docx"
    assert scan.is_trafficking_policy
    page = client.get(response["Location"]).content.decode()
    assert "Tip 6. Goede hulp voor minderjarige slachtoffers" in page
    assert "Landelijk Transitie Arrangement" in page  # evidence quote
    assert "pagina 2" in page
    # What a 2 asks for, part by part: this text names specialised help but no aftercare.
    assert "Wat een 2 vraagt" in page
    assert "gespecialiseerde hulp: <strong>genoemd</strong>" in page
    assert "nazorg: <strong>niet gevonden</strong>" in page
    assert "loverboy" in page and "kinderprostitutie" in page.lower()
    # Practice facts beside the score: no own route map for this municipality yet.
    assert "landelijke standaardroutekaart" in page
    run = AuditEvent.objects.get(action="beleidsscan.run", subject_type="policy_scan")
    assert run.details["tip_reader"]  # which weights read it, for the record


def test_the_report_downloads_as_a_tagged_pdf(login_as, policy_officer, gm0344):
    client = login_as(policy_officer, verify=False)
    upload(client, gm0344, docx_bytes(POLICY_TEXT))
    scan = PolicyScan.objects.get()
    response = client.get(f"/beleidsscan/{scan.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Beleidsscan: Aanpak 2026" in text and "Tip 10." in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for screen readers


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("beleid.exe", b"MZ....", "Dit bestandstype kan Schakel niet lezen"),
        ("beleid.pdf", b"%PDF-1.4 broken", "beschadigd"),
        ("beleid.docx", b"not a zip at all", "past niet bij de extensie"),
        ("leeg.txt", b"   ", "geen tekst"),
    ],
)
def test_bad_files_are_refused_in_dutch_and_nothing_is_stored(
    login_as, policy_officer, gm0344, name, data, message
):
    client = login_as(policy_officer, verify=False)
    response = upload(client, gm0344, data, name=name, title="Mijn titel")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="Mijn titel"' in page  # what was typed stays
    assert PolicyScan.objects.count() == 0


def test_a_youth_policy_is_reported_as_not_a_trafficking_policy(login_as, policy_officer, gm0344):
    client = login_as(policy_officer, verify=False)
    youth = (
        "Kadernota jeugd 2026. Alle kinderen groeien gezond en veilig op. Wij investeren in "
        "sport, cultuur, onderwijs en jongerenwerk, en in het belang van het kind. " * 30
    )
    upload(client, gm0344, youth.encode(), name="jeugd.txt")
    scan = PolicyScan.objects.get()
    assert not scan.is_trafficking_policy
    assert (
        "Dit lijkt geen beleid over mensenhandel."
        in client.get(f"/beleidsscan/{scan.pk}/").content.decode()
    )


def test_scans_of_another_municipality_are_not_found(login_as, policy_officer, make_user, gm0344):
    other = make_user(
        Role.BELEIDSMEDEWERKER,
        with_device=False,
        regions=[],
        municipalities=[Municipality.objects.get(code="GM0356")],
    )
    mine = login_as(policy_officer, verify=False)
    upload(mine, gm0344, docx_bytes(POLICY_TEXT))
    scan = PolicyScan.objects.get()
    theirs = Client()
    login(theirs, other, verify=False)
    for url in (
        f"/beleidsscan/{scan.pk}/",
        f"/beleidsscan/{scan.pk}/pdf/",
        f"/beleidsscan/{scan.pk}/verwijderen/",
        f"/beleidsscan/vragen/{gm0344.pk}/",
    ):
        assert theirs.get(url).status_code == 404, url
    assert upload(theirs, gm0344, b"tekst genoeg " * 20, name="x.txt").status_code == 400


def test_a_professional_has_no_policy_scan(login_as, make_user):
    client = login_as(make_user(Role.PROFESSIONAL))
    assert client.get("/beleidsscan/").status_code in (403, 404)


def test_compare_with_an_earlier_scan_shows_what_improved(login_as, policy_officer, gm0344):
    client = login_as(policy_officer, verify=False)
    weak = "Mensenhandel en uitbuiting. Mensenhandel is ernstig. Uitbuiting komt voor. " * 5
    upload(client, gm0344, weak.encode(), name="oud.txt", title="Oud beleid")
    upload(client, gm0344, docx_bytes(POLICY_TEXT), title="Nieuw beleid")
    old, new = PolicyScan.objects.order_by("created_at", "pk")
    page = client.get(f"/beleidsscan/{new.pk}/?vergelijk={old.pk}").content.decode()
    assert "Vergeleken met “Oud beleid”" in page
    assert "Verbeterd" in page
    assert client.get(f"/beleidsscan/{new.pk}/?vergelijk=999999").status_code == 404


def test_questions_are_saved_with_history_and_shown_in_the_report(login_as, policy_officer, gm0344):
    client = login_as(policy_officer, verify=False)
    url = f"/beleidsscan/vragen/{gm0344.pk}/"
    page = client.get(url).content.decode()
    assert "Tip 10." in page and "Wordt de mening van het kind zelf gevraagd" in page
    code = "t1-belang-kind"
    response = client.post(
        url,
        {
            f"{code}-answer": "deels",
            f"{code}-explanation": "Alleen bij de zorgcoördinator.",
            f"{code}-evidence": "werkinstructie 2026",
        },
    )
    assert response.status_code == 302
    assert QuestionAnswer.objects.get().answer == "deels"
    # The same answer again stores nothing new; a changed answer keeps the old one as history.
    same = {
        f"{code}-answer": "deels",
        f"{code}-explanation": "Alleen bij de zorgcoördinator.",
        f"{code}-evidence": "werkinstructie 2026",
    }
    client.post(url, same)
    assert QuestionAnswer.objects.count() == 1
    client.post(url, {f"{code}-answer": "ja"})
    assert QuestionAnswer.objects.count() == 2
    # An explanation without an answer is refused and nothing is stored.
    response = client.post(url, {"t1-mening-kind-explanation": "zie notitie"})
    assert response.status_code == 400
    assert "Kies een antwoord bij uw toelichting." in response.content.decode()
    assert QuestionAnswer.objects.count() == 2
    upload(client, gm0344, docx_bytes(POLICY_TEXT))
    report = client.get(f"/beleidsscan/{PolicyScan.objects.get().pk}/").content.decode()
    assert "De praktijk volgens uw antwoorden" in report


def test_the_functioneel_beheerder_edits_a_tip_as_a_new_version(login_as, make_user, region):
    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    client = login_as(admin)
    page = client.get("/beleidsscan/rubriek/tip/9/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {**form.initial, "features": form.initial["features"]}
    data["actions"] = data["actions"] + "\nVraag jongeren twee keer per jaar om advies."
    data["note"] = "Extra actie voor participatie"
    response = client.post("/beleidsscan/rubriek/tip/9/", data)
    assert response.status_code == 302
    assert list(RubricVersion.objects.values_list("version", flat=True)) == [2, 1]
    assert (
        "Vraag jongeren twee keer per jaar om advies."
        in client.get("/beleidsscan/rubriek/").content.decode()
    )
    # A word to avoid in the rubric, or an empty list, is refused with the reason.
    data["base_version"] = 2
    data["explanation"] = "Ook de loverboy-problematiek hoort hierbij."
    data["topic_phrases"] = ""
    response = client.post("/beleidsscan/rubriek/tip/9/", data)
    assert response.status_code == 400
    assert RubricVersion.objects.count() == 2
    assert response.context["form"].errors["topic_phrases"]
    data["topic_phrases"] = "participatie"
    response = client.post("/beleidsscan/rubriek/tip/9/", data)
    assert response.status_code == 400
    assert "Gebruik liever" in response.content.decode()
    assert RubricVersion.objects.count() == 2


def test_the_parts_score_2_asks_for_are_edited_one_per_line(login_as, make_user, region):
    from schakel.beleidsscan.selectors import current_rubric

    client = login_as(make_user(Role.FUNCTIONEEL_BEHEERDER))
    form = client.get("/beleidsscan/rubriek/tip/8/").context["form"]
    assert "de Meldcode: meldcode" in form.initial["elements"]
    data = {**form.initial, "features": form.initial["features"], "note": "Onderdelen"}
    data["elements"] += "\nafspraken met scholen zonder dubbele punt"
    response = client.post("/beleidsscan/rubriek/tip/8/", data)
    assert response.status_code == 400
    assert "Regel 6: schrijf de naam, een dubbele punt" in response.content.decode()
    data["elements"] = form.initial["elements"] + "\nafspraken met scholen: schoolafspraak"
    data["elements_for_2"] = "4"
    assert client.post("/beleidsscan/rubriek/tip/8/", data).status_code == 302
    tip = current_rubric().rubric.tip(8)
    assert tip.elements[-1].name == "afspraken met scholen"
    assert tip.elements[-1].phrases == ("schoolafspraak",) and tip.elements_for_2 == 4


def test_a_policy_officer_reads_but_cannot_edit_the_rubric(login_as, policy_officer):
    client = login_as(policy_officer, verify=False)
    assert client.get("/beleidsscan/rubriek/").status_code == 200
    assert client.get("/beleidsscan/rubriek/tip/1/").status_code in (403, 404)


def test_a_rubric_edit_on_an_old_version_is_refused_and_answers_keep_their_question(
    login_as, make_user, policy_officer, gm0344, client
):
    from schakel.beleidsscan.selectors import current_rubric

    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    officer = Client()
    login(officer, policy_officer, verify=False)
    officer.post(f"/beleidsscan/vragen/{gm0344.pk}/", {"t1-mening-kind-answer": "ja"})
    login_as(admin)
    form = client.get("/beleidsscan/rubriek/tip/1/").context["form"]
    stale = {**form.initial, "note": "Eerste wijziging"}
    questions = form.initial["questions"].splitlines()
    # Moved questions keep their code by their text, a reworded one by its place, and a
    # new one gets a code never used before.
    lines = [
        questions[2],
        "Wordt bij elk besluit vastgelegd hoe het belang van het kind is gewogen?",
        "Is er een kinderrechtentoets?",
    ]
    first = {**stale, "questions": "\n".join(lines)}
    assert client.post("/beleidsscan/rubriek/tip/1/", first).status_code == 302
    codes = [q.code for q in current_rubric().rubric.tip(1).questions]
    assert codes == ["t1-mening-kind", "t1-geen-onderscheid", "t1-v1"]
    # A second edit from the same (now old) form is refused; nothing is stored.
    response = client.post("/beleidsscan/rubriek/tip/1/", {**stale, "note": "Tweede"})
    assert response.status_code == 400
    assert "Iemand anders heeft de rubriek intussen gewijzigd" in response.content.decode()
    assert RubricVersion.objects.count() == 2


def test_the_list_and_report_need_the_same_number_of_queries_as_scans_grow(
    login_as, policy_officer, gm0344
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login_as(policy_officer, verify=False)
    upload(client, gm0344, docx_bytes(POLICY_TEXT))

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    first = PolicyScan.objects.get()
    list_one, report_one = count("/beleidsscan/"), count(f"/beleidsscan/{first.pk}/")
    for index in range(4):
        upload(client, gm0344, docx_bytes(POLICY_TEXT), title=f"Versie {index}")
    assert count("/beleidsscan/") == list_one
    assert count(f"/beleidsscan/{first.pk}/") == report_one
