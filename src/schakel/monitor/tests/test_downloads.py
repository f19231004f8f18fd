# ruff: noqa: F401, F811 - pytest fixtures imported from the page tests
"""The monitor's downloads (Excel, PDF, the region's CSV): the same published numbers as the
page, hidden ones hidden, only for those who may see the place."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from schakel.accounts.constants import Role
from schakel.geo.models import Municipality

# The page tests' fixture "signals" is used here by name.
from .test_monitor_pages import YEAR, _period, _row_cells, _table, signals

pytestmark = pytest.mark.django_db


def _sheet_rows(content: bytes, sheet: str = "Cijfers") -> list[tuple]:
    book = load_workbook(io.BytesIO(content))
    return [
        tuple(c for c in row if c is not None) for row in book[sheet].iter_rows(values_only=True)
    ]


def test_the_excel_download_has_the_pages_numbers_with_small_ones_hidden(
    login_as, officer, gm0344, signals
):
    client = login_as(officer, verify=False)
    response = client.get("/monitor/startfoto.xlsx", {"gemeente": gm0344.pk, **_period(YEAR)})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"monitor-{gm0344.code}-2025.xlsx" in response["Content-Disposition"]
    rows = _sheet_rows(response.content)
    assert rows[0] == (f"Startfoto gemeente {gm0344.name}",)
    ages = rows.index(("Signalen, leeftijd bij het signaal",))
    block = {row[0]: row[1:] for row in rows[ages + 2 : ages + 8]}
    # As on the page: the year 2025 beside 2024; numbers as numbers, hidden ones as text.
    assert block["12-15 jaar"][1] == "<5"
    assert block["16-17 jaar"][1] == "x"
    assert block["Totaal"][1] == 7
    page = client.get("/monitor/", {"gemeente": gm0344.pk, **_period(YEAR)}).content.decode()
    assert (
        _row_cells(_table(page, "Signalen, leeftijd bij het signaal"))["12-15 jaar"][-1] == "&lt;5"
    )
    notes = _sheet_rows(response.content, "Toelichting")
    assert any("geen jongere te herkennen" in row[0] for row in notes if row)
    assert any(row and row[0] == "Signalen" for row in notes)  # the indicators' definitions
    assert "Dertien" not in str(rows) and "Zestien" not in str(rows)


def test_the_pdf_download_is_a_tagged_report_with_the_same_hidden_numbers(
    login_as, officer, gm0344, signals
):
    client = login_as(officer, verify=False)
    response = client.get("/monitor/startfoto.pdf", {"gemeente": gm0344.pk, **_period(YEAR)})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"Startfoto gemeente {gm0344.name}" in text
    assert "<5" in text and "Zo leest u deze cijfers" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA)
    assert "Dertien" not in text


def test_the_region_downloads_match_the_region_page(login_as, make_user, region, signals):
    client = login_as(make_user(Role.ZORGCOORDINATOR))
    query = {"regio": region.pk, **_period()}
    csv_text = client.get("/monitor/regio.csv", query).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "plaats;van;tot;tabel;rij;kolom;aantal"
    utrecht = [line for line in csv_text.splitlines() if ";Signalen;Utrecht;" in line]
    assert utrecht and utrecht[0].endswith(";7")
    page = client.get("/monitor/regio/", query).content.decode()
    assert _row_cells(_table(page, "Signalen"))["Utrecht"] == ["7"]
    rows = _sheet_rows(client.get("/monitor/regio.xlsx", query).content)
    assert ("Utrecht", 7) in rows
    pdf = client.get("/monitor/regio.pdf", query)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_downloads_only_for_a_place_one_may_see(login_as, officer, make_user, region, signals):
    client = login_as(officer, verify=False)
    other = Municipality.objects.exclude(users=officer).first()
    for path in ("/monitor/startfoto.xlsx", "/monitor/startfoto.pdf"):
        assert client.get(path, {"gemeente": other.pk, **_period()}).status_code == 404
    # The policy officer sees no region overview; a professional no monitor at all.
    assert client.get("/monitor/regio.xlsx", {"regio": region.pk, **_period()}).status_code == 404
    professional = login_as(make_user(Role.PROFESSIONAL))
    for path in ("/monitor/startfoto.xlsx", "/monitor/regio.csv", "/monitor/regio.pdf"):
        assert professional.get(path, {"regio": region.pk, **_period()}).status_code in (403, 404)
