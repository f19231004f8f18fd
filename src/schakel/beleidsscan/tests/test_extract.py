"""Reading real documents: text per page, and every kind of bad input refused in Dutch."""

import io
import shutil
import zipfile

import pytest
from docx import Document as NewDocx
from pypdf import PdfWriter

from schakel.beleidsscan.domain.extract import ExtractError, extract


def pdf_with_pages(*texts: str) -> bytes:
    """A real PDF (hand-built: one Helvetica text line per page) with a correct xref table."""
    objects: list[bytes] = []
    kids = []
    font_id = 3 + 2 * len(texts)
    for index, text in enumerate(texts):
        page_id, content_id = 3 + 2 * index, 4 + 2 * index
        kids.append(f"{page_id} 0 R")
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    body = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(texts)} >>".encode(),
        *objects,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(body) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(body) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF".encode()
    )
    return out.getvalue()


def odt_with(paragraphs: list[str], page_break_before: int | None = None) -> bytes:
    ns = (
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    )
    body = ""
    for index, text in enumerate(paragraphs):
        if index == page_break_before:
            body += "<text:soft-page-break/>"
        body += f"<text:p>{text}</text:p>"
    content = (
        f'<?xml version="1.0"?><office:document-content {ns}><office:body>'
        f"<office:text>{body}</office:text></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return out.getvalue()


def test_pdf_text_per_page():
    document = extract(
        "beleid.pdf",
        pdf_with_pages(
            "Aanpak mensenhandel gemeente Voorbeeld, hoofdstuk een over minderjarigen.",
            "Wij stellen een zorgcoordinator mensenhandel aan in 2026 voor de regio.",
        ),
    )
    assert document.kind == "pdf"
    assert [p.number for p in document.pages] == [1, 2]
    assert "zorgcoordinator mensenhandel" in document.pages[1].text


def test_docx_with_page_break_and_table():
    docx = NewDocx()
    docx.add_paragraph("Eerste pagina over signalen van uitbuiting.")
    docx.add_page_break()
    docx.add_paragraph("Tweede pagina over hulp aan minderjarige slachtoffers.")
    table = docx.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Maatregel"
    table.rows[0].cells[1].text = "Training"
    data = io.BytesIO()
    docx.save(data)
    document = extract("nota.docx", data.getvalue())
    assert len(document.pages) == 2
    assert "signalen" in document.pages[0].text and "slachtoffers" in document.pages[1].text
    assert "Maatregel | Training" in document.pages[1].text


def test_odt_soft_page_breaks():
    document = extract("nota.odt", odt_with(["Pagina een.", "Pagina twee, vervolg."], 1))
    assert [(p.number, p.text) for p in document.pages] == [
        (1, "Pagina een."),
        (2, "Pagina twee, vervolg."),
    ]


def test_html_and_txt():
    html = (
        b"<html><head><script>x()</script></head>"
        b"<body><h1>Beleid</h1><p>Tekst &amp; uitleg</p></body></html>"
    )
    assert extract("beleid.html", html).pages[0].text == "Beleid\nTekst & uitleg"
    text = extract("beleid.txt", "Een\fTwee met \u00e9\u00e9n".encode())
    assert [p.text for p in text.pages] == ["Een", "Twee met één"]


def _refused(filename: str, data: bytes) -> ExtractError:
    with pytest.raises(ExtractError) as raised:
        extract(filename, data)
    return raised.value


def test_encrypted_and_scanned_and_corrupt_pdfs_are_refused(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)  # as on a server without OCR
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("geheim")
    locked = io.BytesIO()
    writer.write(locked)
    assert _refused("a.pdf", locked.getvalue()).code == "encrypted"
    blank = PdfWriter()
    blank.add_blank_page(612, 792)
    scanned = io.BytesIO()
    blank.write(scanned)
    error = _refused("scan.pdf", scanned.getvalue())
    assert error.code == "no_text_layer" and "OCR" in error.message
    assert _refused("kapot.pdf", b"%PDF-1.4\nrommel").code == "corrupt"


def test_zip_bomb_is_refused_before_unpacking():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (5 * 1024 * 1024))
    error = _refused("bom.docx", out.getvalue())
    assert error.code == "zip_bomb" and "te groot" in error.message


def test_wrong_extension_unknown_type_empty_and_too_large():
    assert _refused("beleid.pdf", b"PK\x03\x04rest").code == "wrong_extension"
    assert _refused("beleid.docx", b"%PDF-1.4").code == "wrong_extension"
    assert _refused("beleid.exe", b"MZ").code == "unsupported_type"
    assert _refused("leeg.txt", b"").code == "empty"
    assert _refused("groot.txt", b"a" * (26 * 1024 * 1024)).code == "too_large"
    assert _refused("wit.txt", b"   \n ").code == "no_text"


def test_xml_entities_are_not_expanded():
    content = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
        '<office:document-content xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body>'
        "<office:text><text:p>Tekst &a;</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", content)
    try:
        document = extract("x.odt", out.getvalue())
    except ExtractError as error:
        assert error.code == "corrupt"
    else:
        assert "aaaaaaaaaa" not in document.text


def scanned_pdf(text: str) -> bytes:
    """A PDF that holds only a picture of the text (as from a scanner): no text layer."""
    import pypdfium2 as pdfium
    from weasyprint import HTML

    printed = HTML(string=f"<p style='font: 22pt DejaVu Sans'>{text}</p>").write_pdf()
    picture = pdfium.PdfDocument(printed)[0].render(scale=3).to_pil().convert("RGB")
    out = io.BytesIO()
    picture.save(out, format="PDF")
    return out.getvalue()


SCANNED_TEXT = "Aanpak mensenhandel: de zorgcoördinator helpt minderjarige slachtoffers."


@pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is installed in CI (.ci/run)"
)
def test_a_scanned_pdf_is_read_with_tesseract_when_installed():
    pages = extract("scan.pdf", scanned_pdf(SCANNED_TEXT)).pages
    assert len(pages) == 1
    assert "mensenhandel" in pages[0].text and "slachtoffers" in pages[0].text


def test_a_scanned_pdf_is_refused_when_tesseract_is_absent(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    error = _refused("scan.pdf", scanned_pdf(SCANNED_TEXT))
    assert error.code == "no_text_layer" and "OCR" in error.message
