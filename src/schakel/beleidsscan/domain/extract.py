"""Text with page numbers from a policy document, refusing what is unsafe or unreadable.

Formats: PDF (pypdfium2; a scan without a text layer is read with tesseract when it is
installed), DOCX (python-docx), ODT (its content.xml, read with lxml and a parser
without DTDs or entities), HTML and TXT. Every refusal is an ``ExtractError`` with a plain
Dutch message; nothing is stored here. Zip-based formats are checked before unpacking.
"""

import io
import re
import shutil
import subprocess
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final

MAX_BYTES: Final = 25 * 1024 * 1024  # the upload itself
MAX_PAGES: Final = 500
MAX_UNPACKED: Final = 100 * 1024 * 1024  # all members of a DOCX/ODT together
MAX_RATIO: Final = 100  # uncompressed / compressed, per member
MAX_MEMBERS: Final = 2000
MAX_OCR_PAGES: Final = 50  # a scanned PDF is read with tesseract only up to this size
OCR_SCALE: Final = 300 / 72  # render at 300 dpi for tesseract
MAX_OCR_PIXELS: Final = 12_000_000  # per page (A4 at 300 dpi is 8.7 million)
OCR_SECONDS_PER_PAGE: Final = 60
MAX_CHARACTERS: Final = 4_000_000  # of text in all; about 500 full pages
_PDFIUM: Final = threading.Lock()
MIN_TEXT_PER_PAGE: Final = 20  # characters; below this on average a PDF has no text layer

KINDS: Final = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
}


class ExtractError(ValueError):
    """The document cannot be read; ``message`` says why, in Dutch, for the user."""

    def __init__(self, message: str, code: str) -> None:
        self.message = message
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    text: str


@dataclass(frozen=True)
class Document:
    kind: str
    pages: tuple[Page, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages)


def kind_of(filename: str, data: bytes) -> str:
    """The format from the extension, checked against the content (wrong extensions refused)."""
    name = filename.lower()
    kind = next((k for ext, k in KINDS.items() if name.endswith(ext)), None)
    if kind is None:
        raise ExtractError(
            "Dit bestandstype kan Schakel niet lezen. Gebruik PDF, DOCX, ODT, HTML of TXT.",
            "unsupported_type",
        )
    looks_zip = data[:4] == b"PK\x03\x04"
    looks_pdf = data[:5] == b"%PDF-"
    if (kind == "pdf") != looks_pdf or (kind in ("docx", "odt")) != looks_zip:
        raise ExtractError(
            "De inhoud past niet bij de extensie van het bestand. Controleer of u het goede "
            "bestand kiest, of sla het opnieuw op in het juiste formaat.",
            "wrong_extension",
        )
    return kind


def extract(filename: str, data: bytes) -> Document:
    if len(data) > MAX_BYTES:
        raise ExtractError(
            f"Het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB. Deel het op of "
            "verklein het.",
            "too_large",
        )
    if not data:
        raise ExtractError("Het bestand is leeg.", "empty")
    kind = kind_of(filename, data)
    reader = {"pdf": _pdf, "docx": _docx, "odt": _odt, "html": _html, "txt": _txt}[kind]
    pages = tuple(reader(data))
    if len(pages) > MAX_PAGES:
        raise ExtractError(
            f"Het document heeft meer dan {MAX_PAGES} pagina's. Scan de delen apart.",
            "too_many_pages",
        )
    if not any(page.text.strip() for page in pages):
        raise ExtractError("Er staat geen tekst in dit document.", "no_text")
    if sum(len(page.text) for page in pages) > MAX_CHARACTERS:
        raise ExtractError(
            "Dit document bevat meer tekst dan 500 volle pagina's. Scan de delen apart.",
            "too_much_text",
        )
    return Document(kind, pages)


# --- PDF ------------------------------------------------------------------------------------


def _pdf(data: bytes) -> Iterator[Page]:
    """Text per page with PDFium (pypdfium2): fast and tolerant of real-world PDFs. A scan
    without a text layer is rendered to images here and read with tesseract afterwards."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    with tempfile.TemporaryDirectory() as folder:
        with _PDFIUM:  # PDFium must not be used from two threads at once
            pages, images = _pdf_pages(pdfium, data, Path(folder))
        if images:
            pages = _ocr(images)  # slow: outside the lock, so other uploads are not held up
        yield from pages


def _pdf_pages(pdfium: Any, data: bytes, folder: Path) -> tuple[list[Page], list[Path]]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ExtractError(
                "Deze PDF is beveiligd met een wachtwoord. Sla hem zonder beveiliging op en "
                "probeer het opnieuw.",
                "encrypted",
            ) from error
        raise ExtractError(
            "Deze PDF is beschadigd of onleesbaar. Sla hem opnieuw op als PDF.", "corrupt"
        ) from error
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise ExtractError(
                f"Het document heeft meer dan {MAX_PAGES} pagina's. Scan de delen apart.",
                "too_many_pages",
            )
        pages = []
        for index in range(count):
            page = document[index]
            textpage = page.get_textpage()
            try:
                pages.append(Page(index + 1, _clean(textpage.get_text_range())))
            finally:
                textpage.close()
                page.close()
        characters = sum(len(page.text.strip()) for page in pages)
        if pages and characters / len(pages) < MIN_TEXT_PER_PAGE:
            return [], _render_for_ocr(document, folder)
    except pdfium.PdfiumError as error:
        raise ExtractError(
            "Deze PDF is beschadigd of onleesbaar. Sla hem opnieuw op als PDF.", "corrupt"
        ) from error
    finally:
        document.close()
    return pages, []


def _render_for_ocr(document: Any, folder: Path) -> list[Path]:
    """Each page as a PNG for tesseract, at most 300 dpi and ``MAX_OCR_PIXELS`` pixels."""
    if shutil.which("tesseract") is None:
        raise ExtractError(
            "Deze PDF lijkt een scan zonder tekstlaag: Schakel kan de tekst niet lezen. Vraag "
            "een digitale versie, of maak de tekst eerst doorzoekbaar (OCR).",
            "no_text_layer",
        )
    if len(document) > MAX_OCR_PAGES:
        raise ExtractError(
            f"Deze PDF is een scan zonder tekstlaag van meer dan {MAX_OCR_PAGES} pagina's. "
            "Tekstherkenning duurt dan te lang: maak de tekst eerst doorzoekbaar (OCR).",
            "no_text_layer",
        )
    images = []
    for index in range(len(document)):
        page = document[index]
        try:
            width, height = page.get_size()  # points
            area = max(width * height, 1.0)
            scale = min(OCR_SCALE, (MAX_OCR_PIXELS / area) ** 0.5)
            image = folder / f"{index}.png"
            page.render(scale=scale).to_pil().save(image)
            images.append(image)
        finally:
            page.close()
    return images


def _ocr(images: list[Path]) -> list[Page]:
    tesseract = shutil.which("tesseract") or "tesseract"
    pages = []
    for number, image in enumerate(images, start=1):
        try:
            done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [tesseract, str(image), "stdout", "-l", "nld"],
                capture_output=True,
                text=True,
                timeout=OCR_SECONDS_PER_PAGE,
                check=False,
            )
        except (subprocess.TimeoutExpired, OSError) as error:
            raise ExtractError(
                "Tekstherkenning van deze gescande PDF duurde te lang of lukte niet. Vraag een "
                "digitale versie of maak de tekst eerst doorzoekbaar (OCR).",
                "ocr_failed",
            ) from error
        pages.append(Page(number, _clean(done.stdout)))
    if sum(len(page.text.strip()) for page in pages) / len(pages) < MIN_TEXT_PER_PAGE:
        raise ExtractError(
            "Deze PDF is een scan en ook met tekstherkenning was er geen tekst uit te halen. "
            "Vraag een digitale versie.",
            "no_text",
        )
    return pages


# --- Zip-based: DOCX and ODT -------------------------------------------------------------------


def _safe_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ExtractError(
            "Dit bestand is beschadigd of onleesbaar. Sla het opnieuw op.", "corrupt"
        ) from error
    total = sum(member.file_size for member in members)
    bomb = (
        len(members) > MAX_MEMBERS
        or total > MAX_UNPACKED
        or any(m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members)
    )
    if bomb:
        raise ExtractError(
            "Dit bestand zou uitgepakt veel te groot worden. Schakel opent het daarom niet.",
            "zip_bomb",
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise ExtractError(
            "Dit document is beveiligd met een wachtwoord. Sla het zonder beveiliging op.",
            "encrypted",
        )
    return archive


def _docx(data: bytes) -> Iterator[Page]:
    from docx import Document as open_docx

    archive = _safe_zip(data)
    if "word/document.xml" not in archive.namelist():
        raise ExtractError("Dit is geen geldig Word-document (DOCX).", "corrupt")
    try:
        document = open_docx(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on broken files
        raise ExtractError(
            "Dit Word-document is beschadigd of onleesbaar. Sla het opnieuw op.", "corrupt"
        ) from error
    page, lines = 1, list[str]()
    for paragraph in document.paragraphs:
        xml = paragraph._p.xml
        breaks = xml.count('w:type="page"') + xml.count("lastRenderedPageBreak")
        if breaks and lines:
            yield Page(page, _clean("\n".join(lines)))
            page, lines = page + 1, []
        lines.append(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    yield Page(page, _clean("\n".join(lines)))


_ODF_TEXT: Final = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _odt(data: bytes) -> Iterator[Page]:
    from lxml import etree  # type: ignore[import-untyped]

    archive = _safe_zip(data)
    # No DTDs, no entity expansion, no network, no huge trees: safe against XML bombs and XXE.
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    if "content.xml" not in archive.namelist():
        raise ExtractError("Dit is geen geldig OpenDocument-tekstbestand (ODT).", "corrupt")
    try:
        root = etree.fromstring(archive.read("content.xml"), parser)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, OSError) as error:
        raise ExtractError(
            "Dit ODT-bestand is beschadigd of onleesbaar. Sla het opnieuw op.", "corrupt"
        ) from error
    page, lines, current = 1, list[str](), list[str]()
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == f"{{{_ODF_TEXT}}}soft-page-break":
            if current:
                lines.append("".join(current))
                current = []
            if any(line.strip() for line in lines):
                yield Page(page, _clean("\n".join(lines)))
                page, lines = page + 1, []
        elif tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"):
            if current:
                lines.append("".join(current))
            current = ["".join(element.itertext())]
    if current:
        lines.append("".join(current))
    yield Page(page, _clean("\n".join(lines)))


# --- HTML and TXT ------------------------------------------------------------------------------


class _Text(HTMLParser):
    SKIP: Final = frozenset({"script", "style", "head", "nav", "footer"})
    BLOCK: Final = frozenset({"p", "div", "li", "br", "h1", "h2", "h3", "h4", "tr", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractError("De tekens in dit bestand zijn niet te lezen.", "encoding")


def _html(data: bytes) -> Iterator[Page]:
    parser = _Text()
    parser.feed(_decode(data))
    yield Page(1, _clean("".join(parser.parts)))


def _txt(data: bytes) -> Iterator[Page]:
    for number, text in enumerate(_decode(data).split("\f"), start=1):
        yield Page(number, _clean(text))


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)  # words broken over two lines
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
