"""Build the held-out beleidsscan evaluation documents from the Markdown-like sources.

Run from anywhere with the project venv:
    /work/main/.venv/bin/python bench/beleidsscan_eval/holdout/src/build.py

Source markup (one paragraph per line):
  '# ', '## ', '### '   headings
  '- '                  bullet item
  '1. ', 'a. '          numbered / lettered item (number kept in the text)
  '   a. '              indented sub-item
  '| a | b |'           table row (first row is the header; '|---|' rows are skipped)
  other line            paragraph

Outputs (in the parent folder): PDF (via HTML + headless Chromium), DOCX (python-docx),
ODT (hand-written minimal ODF package), HTML and TXT (form feed between pages).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import zipfile
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
WORDS_PER_PAGE = 500

DOCS = {
    "dorpsveld-plan-van-aanpak-mensenhandel": "pdf",
    "rivierenland-oost-aanpak-uitbuiting-jongeren": "docx",
    "lindewaard-raadsvoorstel-arbeidsuitbuiting": "html",
    "wilgenrode-uitvoeringsagenda-uitbuiting-minderjarigen-2026": "docx",
    "beekmonde-beleidsregel-zorgcoordinatie-mensenhandel": "odt",
    "marrendam-evaluatie-aanpak-mensenhandel": "txt",
    "hoeksterveen-lokaal-preventieakkoord": "txt",
    "oosterwaarde-kadernota-opgroeien": "pdf",
}

ITEM_RE = re.compile(r"^(\s*)(- |\d+\. |[a-z]\. )(.*)$")


def parse(text: str):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        m = re.match(r"^(#{1,3}) (.*)$", line)
        if m:
            blocks.append((f"h{len(m.group(1))}", m.group(2).strip()))
            continue
        m = ITEM_RE.match(line)
        if m:
            indent, marker, rest = m.groups()
            level = 2 if indent else 1
            if marker == "- ":
                blocks.append(("bullet", (level, rest.strip())))
            else:
                blocks.append(("item", (level, (marker + rest).strip())))
            continue
        blocks.append(("p", line.strip()))
    return blocks


def block_words(block) -> int:
    kind, payload = block
    if kind == "table":
        return sum(len(c.split()) for row in payload for c in row)
    if kind in ("bullet", "item"):
        return len(payload[1].split())
    return len(payload.split())


def paginate(blocks):
    """Split blocks into pages of about WORDS_PER_PAGE words, preferring to break before headings."""
    pages, cur, count = [], [], 0
    for b in blocks:
        w = block_words(b)
        is_heading = b[0] in ("h2", "h3")
        if cur and (count + w > WORDS_PER_PAGE * 1.15 or (is_heading and count >= WORDS_PER_PAGE * 0.8)):
            pages.append(cur)
            cur, count = [], 0
        cur.append(b)
        count += w
    if cur:
        pages.append(cur)
    return pages


# ---------------------------------------------------------------- TXT

def to_txt(blocks) -> str:
    out_pages = []
    for page in paginate(blocks):
        lines = []
        prev = None
        for kind, payload in page:
            if prev in ("bullet", "item") and kind not in ("bullet", "item"):
                lines.append("")
            prev = kind
            if kind == "h1":
                lines += [payload.upper(), "=" * min(len(payload), 78), ""]
            elif kind == "h2":
                lines += ["", payload, "-" * min(len(payload), 78), ""]
            elif kind == "h3":
                lines += ["", payload, ""]
            elif kind == "bullet":
                level, t = payload
                lines.append(("    " if level == 2 else "") + "- " + t)
            elif kind == "item":
                level, t = payload
                lines.append(("    " if level == 2 else "") + t)
            elif kind == "table":
                widths = [max(len(r[i]) if i < len(r) else 0 for r in payload) for i in range(len(payload[0]))]
                for j, row in enumerate(payload):
                    lines.append(" | ".join(c.ljust(widths[i]) for i, c in enumerate(row)).rstrip())
                    if j == 0:
                        lines.append("-+-".join("-" * w for w in widths))
                lines.append("")
            else:
                lines += [payload, ""]
        out_pages.append("\n".join(lines).strip("\n") + "\n")
    return "\f".join(out_pages)


# ---------------------------------------------------------------- HTML

CSS = """
@page { size: A4; margin: 22mm 20mm 22mm 22mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
h1 { font-size: 20pt; color: #1d4e6b; margin: 0 0 10pt 0; }
h2 { font-size: 14pt; color: #1d4e6b; margin: 18pt 0 6pt 0; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 12pt 0 4pt 0; page-break-after: avoid; }
p { margin: 0 0 7pt 0; }
ul, ol { margin: 0 0 7pt 0; padding-left: 18pt; }
li { margin-bottom: 2pt; }
li.sub { margin-left: 18pt; list-style: none; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt 0; font-size: 9.5pt; page-break-inside: auto; }
th, td { border: 1px solid #8aa; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #e4eef3; }
tr { page-break-inside: avoid; }
"""


def to_html_body(blocks) -> str:
    parts = []
    open_list = None

    def close():
        nonlocal open_list
        if open_list:
            parts.append(f"</{open_list}>")
            open_list = None

    for kind, payload in blocks:
        if kind in ("bullet", "item"):
            level, t = payload
            want = "ul"
            if open_list != want:
                close()
                style = "" if kind == "bullet" else ' style="list-style:none;padding-left:6pt"'
                parts.append(f"<ul{style}>")
                open_list = want
            cls = ' class="sub"' if level == 2 else ""
            parts.append(f"<li{cls}>{html.escape(t)}</li>")
            continue
        close()
        if kind in ("h1", "h2", "h3"):
            parts.append(f"<{kind}>{html.escape(payload)}</{kind}>")
        elif kind == "table":
            rows = ["<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in payload[0]) + "</tr>"]
            for row in payload[1:]:
                rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            parts.append("<table>\n" + "\n".join(rows) + "\n</table>")
        else:
            parts.append(f"<p>{html.escape(payload)}</p>")
    close()
    return "\n".join(parts)


def to_html(blocks, title: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + to_html_body(blocks)
        + "\n</body>\n</html>\n"
    )


def to_pdf(html_path: Path, pdf_path: Path) -> None:
    cmd = [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        f"--print-to-pdf={pdf_path}", html_path.as_uri(),
    ]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# ---------------------------------------------------------------- DOCX

def to_docx(blocks, path: Path, title: str) -> int:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.language = "nl-NL"
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    pages = paginate(blocks)
    for pi, page in enumerate(pages):
        if pi > 0:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for kind, payload in page:
            if kind == "h1":
                doc.add_heading(payload, level=0)
            elif kind == "h2":
                doc.add_heading(payload, level=1)
            elif kind == "h3":
                doc.add_heading(payload, level=2)
            elif kind == "bullet":
                level, t = payload
                doc.add_paragraph(t, style="List Bullet" if level == 1 else "List Bullet 2")
            elif kind == "item":
                level, t = payload
                para = doc.add_paragraph(t)
                para.paragraph_format.left_indent = Pt(18 if level == 1 else 36)
            elif kind == "table":
                ncol = len(payload[0])
                table = doc.add_table(rows=0, cols=ncol)
                table.style = "Table Grid"
                for ri, row in enumerate(payload):
                    cells = table.add_row().cells
                    for ci in range(ncol):
                        cells[ci].text = row[ci] if ci < len(row) else ""
                        if ri == 0:
                            for r in cells[ci].paragraphs[0].runs:
                                r.bold = True
                doc.add_paragraph()
            else:
                doc.add_paragraph(payload)
    doc.save(path)
    return len(pages)


# ---------------------------------------------------------------- ODT

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def x(t: str) -> str:
    return html.escape(t, quote=False)


def to_odt(blocks, path: Path, title: str) -> int:
    pages = paginate(blocks)
    body = []
    tcount = 0
    for pi, page in enumerate(pages):
        for bi, (kind, payload) in enumerate(page):
            brk = pi > 0 and bi == 0
            if kind in ("h1", "h2", "h3"):
                lvl = int(kind[1])
                sname = f"H{lvl}" + ("_brk" if brk else "")
                body.append(f'<text:h text:style-name="{sname}" text:outline-level="{lvl}">{x(payload)}</text:h>')
                continue
            if brk:
                body.append('<text:p text:style-name="PageBreak"/>')
            if kind == "bullet":
                level, t = payload
                inner = f"<text:list-item><text:p text:style-name=\"Body\">{x(t)}</text:p></text:list-item>"
                if level == 2:
                    inner = f"<text:list-item><text:list>{inner}</text:list></text:list-item>"
                body.append(f'<text:list text:style-name="Bullets">{inner}</text:list>')
            elif kind == "item":
                level, t = payload
                body.append(f'<text:p text:style-name="Item{level}">{x(t)}</text:p>')
            elif kind == "table":
                tcount += 1
                ncol = len(payload[0])
                rows = [f'<table:table table:name="Tabel{tcount}" table:style-name="Tbl">',
                        f'<table:table-column table:number-columns-repeated="{ncol}"/>']
                for ri, row in enumerate(payload):
                    rows.append("<table:table-row>")
                    for ci in range(ncol):
                        c = row[ci] if ci < len(row) else ""
                        ps = "TableHead" if ri == 0 else "TableCell"
                        rows.append(f'<table:table-cell table:style-name="Cell" office:value-type="string">'
                                    f'<text:p text:style-name="{ps}">{x(c)}</text:p></table:table-cell>')
                    rows.append("</table:table-row>")
                rows.append("</table:table>")
                body.append("\n".join(rows))
            else:
                body.append(f'<text:p text:style-name="Body">{x(payload)}</text:p>')

    auto_styles = """
<style:style style:name="PageBreak" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="H1" style:family="paragraph" style:parent-style-name="Heading_20_1"/>
<style:style style:name="H2" style:family="paragraph" style:parent-style-name="Heading_20_2"/>
<style:style style:name="H3" style:family="paragraph" style:parent-style-name="Heading_20_3"/>
<style:style style:name="H2_brk" style:family="paragraph" style:parent-style-name="Heading_20_2"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="H3_brk" style:family="paragraph" style:parent-style-name="Heading_20_3"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="H1_brk" style:family="paragraph" style:parent-style-name="Heading_20_1"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="Item1" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-left="0.6cm"/></style:style>
<style:style style:name="Item2" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-left="1.2cm"/></style:style>
<style:style style:name="TableHead" style:family="paragraph" style:parent-style-name="Body"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="TableCell" style:family="paragraph" style:parent-style-name="Body"/>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="16cm" table:align="left"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #888888"/></style:style>
<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:space-before="0.3cm" text:min-label-width="0.5cm"/></text:list-level-style-bullet><text:list-level-style-bullet text:level="2" text:bullet-char="–"><style:list-level-properties text:space-before="0.9cm" text:min-label-width="0.5cm"/></text:list-level-style-bullet></text:list-style>
"""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {ODF_NS} office:version="1.3">'
        f"<office:automatic-styles>{auto_styles}</office:automatic-styles>"
        "<office:body><office:text>\n" + "\n".join(body) + "\n</office:text></office:body></office:document-content>\n"
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {ODF_NS} office:version="1.3"><office:styles>'
        '<style:default-style style:family="paragraph"><style:text-properties fo:font-size="11pt" fo:language="nl" fo:country="NL"/></style:default-style>'
        '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
        '<style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard" style:class="text">'
        '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/></style:style>'
        '<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:class="text">'
        '<style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1" style:class="text"><style:text-properties fo:font-size="18pt"/></style:style>'
        '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text"><style:text-properties fo:font-size="14pt"/></style:style>'
        '<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="3" style:class="text"><style:text-properties fo:font-size="12pt"/></style:style>'
        "</office:styles>"
        '<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles>'
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>'
        "</office:document-styles>\n"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {ODF_NS} office:version="1.3"><office:meta>'
        f"<dc:title>{x(title)}</dc:title><dc:language>nl-NL</dc:language>"
        "<meta:generator>holdout build.py</meta:generator></office:meta></office:document-meta>\n"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\n'
        ' <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>\n'
        ' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
        ' <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>\n'
        ' <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>\n'
        "</manifest:manifest>\n"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta, compress_type=zipfile.ZIP_DEFLATED)
    return len(pages)


# ---------------------------------------------------------------- main

def main() -> None:
    only = set(sys.argv[1:])
    for stem, fmt in DOCS.items():
        if only and stem not in only:
            continue
        blocks = parse((SRC / f"{stem}.md").read_text(encoding="utf-8"))
        title = next(p for k, p in blocks if k == "h1")
        target = OUT / f"{stem}.{fmt}"
        if fmt == "txt":
            target.write_text(to_txt(blocks), encoding="utf-8")
        elif fmt == "html":
            target.write_text(to_html(blocks, title), encoding="utf-8")
        elif fmt == "pdf":
            src_html = SRC / f"{stem}.html"
            src_html.write_text(to_html(blocks, title), encoding="utf-8")
            to_pdf(src_html, target)
        elif fmt == "docx":
            to_docx(blocks, target, title)
        elif fmt == "odt":
            to_odt(blocks, target, title)
        print("built", target.name)


if __name__ == "__main__":
    main()
