"""Render the hold-out policy texts (simple markup in *.txt here) to their target formats.

Markup, one block per paragraph (blocks separated by blank lines):
  # / ## / ###   heading level 1-3
  - item         bullet list (consecutive lines)
  | a | b |      table (consecutive lines, first row is the header)
  anything else  paragraph (consecutive lines are joined)

Run:  /work/main/.venv/bin/python build.py
"""

from __future__ import annotations

import html
import re
import subprocess
import zipfile
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
WORDS_PER_PAGE = 500

DOCS = [
    ("a_harderveen.txt", "harderveen-integrale-aanpak-mensenhandel-uitbuiting-2025-2028.pdf"),
    ("b_lingemeer.txt", "regio-lingemeer-programmaplan-zorgcoordinatie-ketenaanpak-mensenhandel.docx"),
    ("c_oosterbroek.txt", "oosterbroek-raadsinformatiebrief-voortgang-criminele-uitbuiting.pdf"),
    ("d_zuidwaarden.txt", "zuidwaarden-plan-van-aanpak-jeugd-en-uitbuiting-2025-2027.odt"),
    ("e_dalsum.txt", "dalsum-notitie-bestuurlijke-aanpak-mensenhandel.txt"),
    ("f_velderhoven.txt", "velderhoven-preventieplan-seksuele-en-criminele-uitbuiting-jongeren.html"),
    ("g_maasterp.txt", "maasterp-integraal-veiligheidsplan-2025-2028.docx"),
    ("h_bremdijk.txt", "bremdijk-beleidskader-sociaal-domein-jeugdhulp-2025-2028.odt"),
]


def parse(text: str) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    for raw in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.rstrip() for ln in raw.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        first = lines[0]
        if first.startswith("#"):
            level = min(3, len(first) - len(first.lstrip("#")))
            blocks.append((f"h{level}", first.lstrip("#").strip()))
            rest = lines[1:]
            if rest:
                blocks.extend(parse("\n".join(rest)))
        elif first.startswith("- "):
            items: list[str] = []
            for ln in lines:
                if ln.startswith("- "):
                    items.append(ln[2:].strip())
                else:
                    items[-1] += " " + ln.strip()
            blocks.append(("ul", items))
        elif first.startswith("|"):
            rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in lines]
            blocks.append(("table", rows))
        else:
            blocks.append(("p", " ".join(ln.strip() for ln in lines)))
    return blocks


def block_words(kind: str, content: object) -> int:
    if kind == "ul":
        return sum(len(i.split()) for i in content)  # type: ignore[union-attr]
    if kind == "table":
        return sum(len(c.split()) for row in content for c in row)  # type: ignore[union-attr]
    return len(str(content).split())


def paginate(blocks):
    """Yield (block, page_break_before) with a break every ~WORDS_PER_PAGE words,
    never directly after a heading."""
    count = 0
    prev_kind = None
    for kind, content in blocks:
        brk = count >= WORDS_PER_PAGE and prev_kind not in ("h1", "h2", "h3")
        if brk:
            count = 0
        count += block_words(kind, content)
        prev_kind = kind
        yield kind, content, brk


# ---------------------------------------------------------------- HTML / PDF
CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.45;
       color: #1a1a1a; max-width: 46em;
       font-variant-ligatures: none; font-feature-settings: 'liga' 0, 'clig' 0; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 19pt; color: #00507a; border-bottom: 2px solid #00507a; padding-bottom: .2em; }
h2 { font-size: 14pt; color: #00507a; margin-top: 1.6em; }
h3 { font-size: 11.5pt; color: #333; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; margin: .8em 0; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #e3eef5; }
"""
PRINT_CSS = """
@page { size: A4; margin: 22mm 20mm 20mm 20mm;
        @bottom-right { content: "Pagina " counter(page) " van " counter(pages);
                        font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8pt; color: #555; }
        @bottom-left { content: "%s"; font-family: 'DejaVu Sans', Arial, sans-serif;
                       font-size: 8pt; color: #555; } }
body { max-width: none; margin: 0; padding: 0; }
h2 { break-after: avoid; } h3 { break-after: avoid; } tr { break-inside: avoid; }
"""


def to_html(blocks, title: str, footer: str | None = None) -> str:
    parts = []
    for kind, content in blocks:
        if kind in ("h1", "h2", "h3"):
            parts.append(f"<{kind}>{html.escape(content)}</{kind}>")
        elif kind == "p":
            parts.append(f"<p>{html.escape(content)}</p>")
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in content) + "</ul>")
        elif kind == "table":
            head, *rows = content
            t = "<table><thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr></thead><tbody>"
            for r in rows:
                t += "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
            parts.append(t + "</tbody></table>")
    css = CSS + (PRINT_CSS % footer.replace('"', "'") if footer else "")
    return (
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )


def to_pdf(blocks, title: str, footer: str, out: Path) -> None:
    tmp = SRC / (out.stem + ".print.html")
    tmp.write_text(to_html(blocks, title, footer), encoding="utf-8")
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={out}", tmp.as_uri()],
        check=True, capture_output=True,
    )


# ---------------------------------------------------------------- DOCX
def to_docx(blocks, title: str, out: Path) -> None:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = title
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    for kind, content, brk in paginate(blocks):
        if brk:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if kind in ("h1", "h2", "h3"):
            d.add_heading(content, level=int(kind[1]) - (1 if kind == "h1" else 0) or 0)
        elif kind == "p":
            d.add_paragraph(content)
        elif kind == "ul":
            for i in content:
                d.add_paragraph(i, style="List Bullet")
        elif kind == "table":
            t = d.add_table(rows=len(content), cols=len(content[0]))
            t.style = "Table Grid"
            for r, row in enumerate(content):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
    d.save(out)


# ---------------------------------------------------------------- ODT
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)


def x(s: str) -> str:
    return html.escape(s, quote=False)


def to_odt(blocks, title: str, out: Path) -> None:
    body = []
    for kind, content, brk in paginate(blocks):
        if brk:
            body.append("<text:soft-page-break/>")
        if kind in ("h1", "h2", "h3"):
            lvl = kind[1]
            body.append(f'<text:h text:style-name="Heading_20_{lvl}" text:outline-level="{lvl}">{x(content)}</text:h>')
        elif kind == "p":
            body.append(f'<text:p text:style-name="Text_20_body">{x(content)}</text:p>')
        elif kind == "ul":
            body.append("<text:list>" + "".join(
                f'<text:list-item><text:p text:style-name="Text_20_body">{x(i)}</text:p></text:list-item>'
                for i in content) + "</text:list>")
        elif kind == "table":
            ncols = len(content[0])
            t = f'<table:table table:name="Tabel{len(body)}"><table:table-column table:number-columns-repeated="{ncols}"/>'
            for r, row in enumerate(content):
                t += "<table:table-row>" + "".join(
                    f'<table:table-cell office:value-type="string"><text:p text:style-name="{"Table_20_Heading" if r == 0 else "Table_20_Contents"}">{x(c)}</text:p></table:table-cell>'
                    for c in row) + "</table:table-row>"
            body.append(t + "</table:table>")
    content_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {NS} office:version="1.2">'
        "<office:body><office:text>" + "".join(body) + "</office:text></office:body>"
        "</office:document-content>"
    )
    styles_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {NS} office:version="1.2"><office:styles>'
        '<style:style style:name="Standard" style:family="paragraph"/>'
        '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.21cm"/></style:style>'
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard"/>'
        '<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents"><style:text-properties fo:font-weight="bold"/></style:style>'
        "</office:styles></office:document-styles>"
    )
    meta_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {NS} office:version="1.2"><office:meta>'
        f"<dc:title>{x(title)}</dc:title><dc:language>nl-NL</dc:language>"
        "</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content_xml, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles_xml, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta_xml, compress_type=zipfile.ZIP_DEFLATED)


# ---------------------------------------------------------------- TXT
def to_txt(blocks, out: Path) -> None:
    import textwrap

    chunks = []
    for kind, content, brk in paginate(blocks):
        if brk:
            chunks.append("\f")
        if kind == "h1":
            chunks.append(content.upper() + "\n" + "=" * min(len(content), 78) + "\n")
        elif kind == "h2":
            chunks.append(content + "\n" + "-" * min(len(content), 78) + "\n")
        elif kind == "h3":
            chunks.append(content + "\n")
        elif kind == "p":
            chunks.append(textwrap.fill(content, 78) + "\n")
        elif kind == "ul":
            chunks.append("\n".join(textwrap.fill(i, 78, initial_indent="  - ", subsequent_indent="    ")
                                    for i in content) + "\n")
        elif kind == "table":
            lines = []
            for r, row in enumerate(content):
                lines.append(" | ".join(row))
                if r == 0:
                    lines.append("-" * 78)
            chunks.append("\n".join(lines) + "\n")
    text = ""
    for ch in chunks:
        if ch == "\f":
            text = text.rstrip("\n") + "\n\f"
        else:
            text += ch + "\n"
    out.write_text(text.rstrip() + "\n", encoding="utf-8")


def main() -> None:
    for src_name, out_name in DOCS:
        src = SRC / src_name
        if not src.exists():
            print("skip (no source yet):", src_name)
            continue
        text = src.read_text(encoding="utf-8")
        blocks = parse(text)
        title = next(c for k, c in blocks if k == "h1")
        out = OUT / out_name
        ext = out.suffix
        if ext == ".pdf":
            footer = title if len(title) < 70 else title[:67] + "..."
            to_pdf(blocks, title, footer, out)
        elif ext == ".docx":
            to_docx(blocks, title, out)
        elif ext == ".odt":
            to_odt(blocks, title, out)
        elif ext == ".html":
            out.write_text(to_html(blocks, title), encoding="utf-8")
        elif ext == ".txt":
            to_txt(blocks, out)
        print("built", out_name, sum(block_words(k, c) for k, c in blocks), "words")


if __name__ == "__main__":
    main()
