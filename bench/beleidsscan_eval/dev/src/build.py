"""Build the dev evaluation documents from the plain-text sources in this folder.

Source format (one block per line, blank lines are ignored):
  % key: value      metadata (title, footer)
  # / ## / ###      headings
  - item            bullet item
  | a | b |         table row (first row of a run is the header)
  <<PB>>            forced page break
  anything else     a paragraph

Usage: .venv/bin/python bench/beleidsscan_eval/dev/src/build.py
"""
from __future__ import annotations

import html
import subprocess
import zipfile
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent

# source stem -> (output file, format)
DOCS = {
    "a_heerveen": ("heerveen-actieplan-uitbuiting-minderjarigen-2025-2028.docx", "docx"),
    "b_westerkwartier": ("westerkwartier-zuid-regionaal-plan-van-aanpak-mensenhandel-2024-2027.pdf", "pdf"),
    "c_dalmond": ("dalmond-beleidsplan-arbeidsuitbuiting-mensenhandel-2025.txt", "txt"),
    "d_aldenmeer": ("aldenmeer-raadsinformatiebrief-uitbuiting-jongeren.html", "html"),
    "e_brederwaal": ("brederwaal-uitvoeringsprogramma-criminele-uitbuiting-2025-2026.odt", "odt"),
    "f_lindermeer": ("lindermeer-notitie-aanpak-loverboyproblematiek.txt", "txt"),
    "g_vechtmonde": ("vechtmonde-collegevoorstel-kindgerichte-aanpak-mensenhandel.pdf", "pdf"),
    "h_ravenswoude": ("ravenswoude-kadernota-jeugd-2025-2028.docx", "docx"),
    "i_zandlinge": ("zandlinge-beleidsplan-armoede-en-schulden-2025-2028.html", "html"),
    "j_vlietbergen": ("vlietbergen-sportnota-2025-2030.txt", "txt"),
}

WORDS_PER_PAGE = 500


def parse(path: Path):
    meta, blocks = {}, []
    table = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if table is None:
                table = ["table", []]
                blocks.append(table)
            table[1].append(cells)
            continue
        table = None
        if not line:
            continue
        if line.startswith("% "):
            k, _, v = line[2:].partition(":")
            meta[k.strip()] = v.strip()
        elif line == "<<PB>>":
            blocks.append(["pb", None])
        elif line.startswith("### "):
            blocks.append(["h3", line[4:]])
        elif line.startswith("## "):
            blocks.append(["h2", line[3:]])
        elif line.startswith("# "):
            blocks.append(["h1", line[2:]])
        elif line.startswith("- "):
            blocks.append(["li", line[2:]])
        else:
            blocks.append(["p", line])
    return meta, blocks


def words(block) -> int:
    kind, val = block
    if kind == "table":
        return sum(len(c.split()) for row in val for c in row)
    if kind == "pb":
        return 0
    return len(val.split())


def paginate(blocks):
    """Split blocks into pages of about WORDS_PER_PAGE words, keeping headings with what follows."""
    pages, cur, n = [], [], 0
    for i, b in enumerate(blocks):
        if b[0] == "pb":
            if cur:
                pages.append(cur)
            cur, n = [], 0
            continue
        w = words(b)
        heading = b[0] in ("h1", "h2", "h3")
        if cur and ((heading and n >= WORDS_PER_PAGE - 90) or (n + w > WORDS_PER_PAGE + 60 and n >= 300)):
            # do not leave a heading dangling at the end of a page
            moved = []
            while cur and cur[-1][0] in ("h1", "h2", "h3"):
                moved.insert(0, cur.pop())
            pages.append(cur)
            cur, n = moved, sum(words(x) for x in moved)
        cur.append(b)
        n += w
    if cur:
        pages.append(cur)
    return pages


# ---------------------------------------------------------------- txt
def build_txt(meta, blocks, out: Path):
    pages = paginate(blocks)
    footer = meta.get("footer", meta.get("title", ""))
    chunks = []
    for pno, page in enumerate(pages, 1):
        lines = []
        for kind, val in page:
            if kind == "h1":
                lines += [val.upper(), ""]
            elif kind in ("h2", "h3"):
                lines += [val, ""]
            elif kind == "li":
                lines.append("  - " + val)
            elif kind == "table":
                for row in val:
                    lines.append("  " + " | ".join(row))
                lines.append("")
            else:
                lines += [val, ""]
        lines += ["", f"{footer} - pagina {pno} van {len(pages)}"]
        chunks.append("\n".join(lines).replace("\n\n\n", "\n\n") + "\n")
    out.write_text("\f".join(chunks), encoding="utf-8")
    return len(pages)


# ---------------------------------------------------------------- html
CSS = """
@page { size: A4; margin: 2.3cm 2.2cm 2.3cm 2.2cm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #222; max-width: 46em; margin: 2em auto; }
h1 { font-size: 19pt; color: #1d4f7a; margin-bottom: .2em; }
h2 { font-size: 13.5pt; color: #1d4f7a; margin-top: 1.4em; }
h3 { font-size: 11.5pt; margin-top: 1.1em; }
table { border-collapse: collapse; width: 100%; margin: .8em 0; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #e4edf5; }
.meta { color: #555; }
@media print { body { margin: 0; max-width: none; } h2, h3 { break-after: avoid; } tr { break-inside: avoid; } }
"""


def build_html(meta, blocks, out: Path, for_print=False):
    e = html.escape
    body, in_list = [], False
    for kind, val in blocks:
        if kind != "li" and in_list:
            body.append("</ul>")
            in_list = False
        if kind == "li":
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"  <li>{e(val)}</li>")
        elif kind in ("h1", "h2", "h3"):
            body.append(f"<{kind}>{e(val)}</{kind}>")
        elif kind == "table":
            rows = [("<tr>" + "".join(f"<th>{e(c)}</th>" for c in val[0]) + "</tr>")]
            rows += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in val[1:]]
            body.append("<table>\n" + "\n".join(rows) + "\n</table>")
        elif kind == "pb":
            if for_print:
                body.append('<div style="break-after: page"></div>')
        else:
            body.append(f"<p>{e(val)}</p>")
    if in_list:
        body.append("</ul>")
    doc = (
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{e(meta.get('title', ''))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
    out.write_text(doc, encoding="utf-8")


def build_pdf(meta, blocks, out: Path, stem: str):
    src_html = SRC / f"{stem}.print.html"
    build_html(meta, blocks, src_html, for_print=True)
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={out}", src_html.as_uri()],
        check=True, capture_output=True,
    )
    import pypdf
    return len(pypdf.PdfReader(str(out)).pages)


# ---------------------------------------------------------------- docx
def build_docx(meta, blocks, out: Path):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = meta.get("title", "")
    d.core_properties.author = meta.get("author", "")
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    pages = paginate(blocks)
    for pno, page in enumerate(pages):
        if pno:
            d.add_page_break()
        for kind, val in page:
            if kind == "h1":
                d.add_heading(val, 0)
            elif kind == "h2":
                d.add_heading(val, 1)
            elif kind == "h3":
                d.add_heading(val, 2)
            elif kind == "li":
                d.add_paragraph(val, style="List Bullet")
            elif kind == "table":
                t = d.add_table(rows=0, cols=len(val[0]))
                t.style = "Table Grid"
                for ri, row in enumerate(val):
                    cells = t.add_row().cells
                    for ci, c in enumerate(row):
                        cells[ci].text = c
                        if ri == 0:
                            for r in cells[ci].paragraphs[0].runs:
                                r.bold = True
                d.add_paragraph("")
            else:
                d.add_paragraph(val)
    d.save(out)
    return len(pages)


# ---------------------------------------------------------------- odt
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)


def build_odt(meta, blocks, out: Path):
    from xml.sax.saxutils import escape as x

    pages = paginate(blocks)
    body = []
    for pno, page in enumerate(pages):
        first = True
        in_list = False
        for kind, val in page:
            if kind != "li" and in_list:
                body.append("</text:list>")
                in_list = False
            brk = pno > 0 and first
            if brk:
                body.append("<text:soft-page-break/>")
            pstyle = "PB" if brk else "Standaard"
            if kind in ("h1", "h2", "h3"):
                lvl = {"h1": 1, "h2": 2, "h3": 3}[kind]
                hs = "PBH" if brk else f"Kop{lvl}"
                body.append(f'<text:h text:style-name="{hs}" text:outline-level="{lvl}">{x(val)}</text:h>')
            elif kind == "li":
                if not in_list:
                    body.append('<text:list text:style-name="Opsomming">')
                    in_list = True
                body.append(f'<text:list-item><text:p text:style-name="{pstyle}">{x(val)}</text:p></text:list-item>')
            elif kind == "table":
                cols = len(val[0])
                body.append(f'<table:table table:name="Tabel{pno}">'
                            f'<table:table-column table:number-columns-repeated="{cols}"/>')
                for row in val:
                    body.append("<table:table-row>" + "".join(
                        f'<table:table-cell office:value-type="string"><text:p>{x(c)}</text:p></table:table-cell>'
                        for c in row) + "</table:table-row>")
                body.append("</table:table>")
            else:
                body.append(f'<text:p text:style-name="{pstyle}">{x(val)}</text:p>')
            first = False
        if in_list:
            body.append("</text:list>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {NS} office:version="1.2">'
        "<office:automatic-styles>"
        '<style:style style:name="PB" style:family="paragraph" style:parent-style-name="Standaard">'
        '<style:paragraph-properties fo:break-before="page"/></style:style>'
        '<style:style style:name="PBH" style:family="paragraph" style:parent-style-name="Kop1">'
        '<style:paragraph-properties fo:break-before="page"/></style:style>'
        "</office:automatic-styles>"
        "<office:body><office:text>" + "\n".join(body) + "</office:text></office:body>"
        "</office:document-content>"
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {NS} office:version="1.2"><office:styles>'
        '<style:style style:name="Standaard" style:family="paragraph">'
        '<style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="11pt"/></style:style>'
        '<style:style style:name="Kop1" style:family="paragraph" style:parent-style-name="Standaard">'
        '<style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Kop2" style:family="paragraph" style:parent-style-name="Standaard">'
        '<style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Kop3" style:family="paragraph" style:parent-style-name="Standaard">'
        '<style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>'
        '</office:styles></office:document-styles>'
    )
    metaxml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {NS} office:version="1.2"><office:meta>'
        f"<dc:title>{x(meta.get('title', ''))}</dc:title><dc:language>nl-NL</dc:language>"
        f'<meta:document-statistic meta:page-count="{len(pages)}"/>'
        "</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", metaxml, compress_type=zipfile.ZIP_DEFLATED)
    return len(pages)


def main():
    for stem, (name, fmt) in DOCS.items():
        src = SRC / f"{stem}.md"
        if not src.exists():
            print(f"skip {stem} (no source)")
            continue
        meta, blocks = parse(src)
        out = OUT / name
        nwords = sum(words(b) for b in blocks)
        if fmt == "txt":
            pages = build_txt(meta, blocks, out)
        elif fmt == "docx":
            pages = build_docx(meta, blocks, out)
        elif fmt == "odt":
            pages = build_odt(meta, blocks, out)
        elif fmt == "html":
            build_html(meta, blocks, out)
            pages = 1
        elif fmt == "pdf":
            pages = build_pdf(meta, blocks, out, stem)
        print(f"{name:75s} {fmt:5s} pages={pages:3d} words={nwords}")


if __name__ == "__main__":
    main()
