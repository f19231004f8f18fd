"""Generator for held-out set k of the beleidsscan documents.

Sources are lightweight markup files in this folder:
  "# " title, "## " chapter, "### " section, "- " list item,
  lines containing " | " form a table (first row = header),
  "@@PB" forces a page break, any other line is a paragraph.

Run:  /work/main/.venv/bin/python build.py
Outputs are written to the parent folder (holdout_k/).
"""
from __future__ import annotations

import html
import re
import subprocess
import textwrap
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
WORDS_PER_PAGE = 500

DOCS = [
    # source, output file, format, short header text
    ("a_schepelland_regionale_visie.txt",
     "schepelland-regionale-visie-zorg-en-veiligheid-2026-2030.pdf", "pdf",
     "Regio Schepelland – Regionale Visie Zorg en Veiligheid 2026-2030"),
    ("b_greinsmolen_sextortion.txt",
     "greinsmolen-plan-van-aanpak-jongeren-sexting-sextortion-2026.docx", "docx",
     "Gemeente Greinsmolen – Plan van aanpak Jongeren, Sexting en Sextortion 2026-2027"),
    ("c_lankmoer_protocol.txt",
     "lankmoer-samenwerkingsprotocol-jeugdbescherming-politie-uitbuiting-minderjarigen-2026.odt", "odt",
     "Samenwerkingsprotocol Jeugdbescherming en Politie Lankmoer"),
    ("d_lastmeer_jaarplan_zorgcoordinatie.txt",
     "lastmeer-jaarplan-zorgcoordinatie-mensenhandel-2026.html", "html",
     "Gemeente Lastmeer"),
    ("e_zeldenrustwolde_evaluatie.txt",
     "zeldenrustwolde-evaluatie-beleidskader-mensenhandel-2022-2025-vervolgvoorstel-2026.docx", "docx",
     "Gemeente Zeldenrustwolde – Evaluatie Beleidskader Mensenhandel 2022-2025 en vervolgvoorstel"),
    ("f_loodwichteren_collegebrief.txt",
     "loodwichteren-collegebrief-voortgang-motie-kinderhandel-2025.txt", "txt",
     "Collegebrief CB/2025/1187 – gemeente Loodwichteren"),
    ("g_windlustervaart_gezondheidsnota.txt",
     "windlustervaart-nota-lokaal-gezondheidsbeleid-2026-2029.odt", "odt",
     "Gemeente Windlustervaart – Nota Lokaal Gezondheidsbeleid 2026-2029"),
    ("h_bargerpond_evenementenbeleid.txt",
     "bargerpond-evenementenbeleid-2026.pdf", "pdf",
     "Gemeente Bargerpond – Evenementenbeleid 2026"),
]


# --------------------------------------------------------------------- parse
def parse(path: Path):
    blocks = []
    table = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if " | " in line and not line.startswith("#"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line == "@@PB":
            blocks.append(("pb", ""))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("li", line[2:]))
        else:
            blocks.append(("p", line))
    return blocks


def words(text: str) -> int:
    return len(text.split())


def block_words(b) -> int:
    kind, val = b
    if kind == "table":
        return sum(words(" ".join(r)) for r in val)
    if kind == "pb":
        return 0
    return words(val)


def is_runin(text: str) -> bool:
    """Short line without final punctuation: a run-in subheading."""
    if re.match(r"^Stap \d – ", text):
        return True
    return (words(text) <= 8 and not re.search(r"[.:;,)]$", text)
            and ":" not in text and "," not in text and not re.match(r"^(\d|Bijlage|Voorwoord|Samenvatting)", text)
            and not text.startswith(("€", "Bron", "De ", "Gemeente ", "Aldus", "Vastgesteld")))


def paginate(blocks):
    """Insert page breaks about every WORDS_PER_PAGE words (at block boundaries)."""
    out, count = [], 0
    for b in blocks:
        if b[0] == "pb":
            out.append(b)
            count = 0
            continue
        if count >= WORDS_PER_PAGE and b[0] in ("h2", "h3", "p", "table"):
            out.append(("pb", ""))
            count = 0
        out.append(b)
        count += block_words(b)
    return out


ENUM = re.compile(r"^([0-9]+|[a-z])\.\s")


# ---------------------------------------------------------------------- HTML
def html_body(blocks, pdf=False):
    parts, in_list = [], False
    for kind, val in blocks:
        if kind != "li" and in_list:
            parts.append("</ul>")
            in_list = False
        if kind == "pb":
            if pdf:
                parts.append('<div class="pb"></div>')
            continue
        if kind in ("h1", "h2", "h3"):
            parts.append(f"<{kind}>{html.escape(val)}</{kind}>")
        elif kind == "li":
            if not in_list:
                cls = ' class="enum"' if ENUM.match(val) else ""
                parts.append(f"<ul{cls}>")
                in_list = True
            parts.append(f"<li>{html.escape(val)}</li>")
        elif kind == "p":
            if is_runin(val):
                parts.append(f"<p class=\"runin\"><strong>{html.escape(val)}</strong></p>")
            else:
                parts.append(f"<p>{html.escape(val)}</p>")
        elif kind == "table":
            rows = val
            t = ["<table>", "<thead><tr>"]
            t += [f"<th>{html.escape(c)}</th>" for c in rows[0]]
            t.append("</tr></thead><tbody>")
            for r in rows[1:]:
                t.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>")
            t.append("</tbody></table>")
            parts.append("".join(t))
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


PDF_CSS = """
@page { size: A4; margin: 22mm 20mm 22mm 22mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a;
       font-variant-ligatures: none; font-feature-settings: "liga" 0; }
* { font-variant-ligatures: none; font-feature-settings: "liga" 0; }
h1 { font-size: 22pt; color: #004a7c; margin-top: 40mm; }
h2 { font-size: 14pt; color: #004a7c; border-bottom: 1px solid #004a7c; padding-bottom: 2px; margin-top: 18pt; }
h3 { font-size: 11.5pt; color: #004a7c; margin-top: 12pt; }
p.runin { margin-bottom: 2pt; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; font-size: 9.5pt; }
th { background: #dbe8f3; text-align: left; }
th, td { border: 1px solid #8aa9c2; padding: 3pt 5pt; vertical-align: top; }
ul.enum { list-style: none; padding-left: 12pt; }
.pb { page-break-after: always; }
.docheader { font-size: 8pt; color: #666; border-bottom: 1px solid #ccc; margin-bottom: 12pt; }
"""


def write_pdf(blocks, title, header, out: Path):
    body = html_body(blocks, pdf=True)
    doc = (f"<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
           f"<title>{html.escape(title)}</title><style>{PDF_CSS}</style></head><body>"
           f"<div class=\"docheader\">{html.escape(header)}</div>{body}</body></html>")
    src = HERE / (out.stem + ".print.html")
    src.write_text(doc, encoding="utf-8")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={out}",
                    src.as_uri()], check=True, capture_output=True)
    src.unlink()  # intermediate print file is not kept


SITE = {
    "lastmeer": dict(
        css="body{font-family:Verdana,Arial,sans-serif;margin:0;color:#1e2a32;background:#eef2f4}"
            ".top{background:#1f5c4a;color:#fff;padding:14px 30px}.top a{color:#fff;margin-right:18px;text-decoration:none;font-size:14px}"
            "nav.crumbs{font-size:12px;padding:9px 30px;background:#dde8e3}"
            "main{max-width:920px;margin:0 auto;padding:18px 30px 44px;background:#fff}"
            "table{border-collapse:collapse;width:100%;margin:10px 0}td,th{border:1px solid #a9c2b8;padding:5px;text-align:left;font-size:13px}"
            "th{background:#dde8e3}aside{background:#f0f5f2;padding:12px 16px;margin:22px 0;font-size:13px}"
            "footer{background:#123a2e;color:#e6e6e6;font-size:12px;padding:20px 30px}",
        top='<div class="top"><strong>Gemeente Lastmeer</strong> &nbsp; <a href="/inwoners">Inwoners</a>'
            '<a href="/zorg-en-ondersteuning">Zorg en ondersteuning</a><a href="/veiligheid">Veiligheid</a>'
            '<a href="/bestuur-en-organisatie">Bestuur en organisatie</a><a href="/zoeken">Zoeken</a></div>'
            '<nav class="crumbs">Home › Zorg en ondersteuning › Mensenhandel en uitbuiting › '
            'Jaarplan Zorgcoördinatie Mensenhandel 2026</nav><main><p style="font-size:12px;color:#555">'
            'Publicatiedatum: 5 februari 2026 | Onderwerp: zorg en veiligheid | Ook beschikbaar als pdf op aanvraag</p><article>',
        bottom='</article><aside>Heeft u een vermoeden van mensenhandel? Professionals kunnen de Zorgcoördinatie Mensenhandel '
               'bereiken via 14 0321 (vraag naar de zorgcoördinatie) of zorgcoordinatie@lastmeer.nl. Bij direct gevaar: bel 112. '
               'Laatst gewijzigd: 5 februari 2026.</aside>'
               '</main><footer>Gemeente Lastmeer · Stadhuisplein 1 · Postbus 40 · Lastmeer · '
               '<a style="color:#e6e6e6" href="/privacyverklaring">Privacyverklaring</a> · '
               '<a style="color:#e6e6e6" href="/cookies">Cookies</a> · '
               '<a style="color:#e6e6e6" href="/toegankelijkheidsverklaring">Toegankelijkheid</a></footer>',
    ),
}


def write_html(blocks, title, key, out: Path):
    s = SITE[key]
    doc = (f"<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
           f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           f"<title>{html.escape(title)}</title>\n<style>{s['css']}</style>\n</head>\n<body>\n"
           f"{s['top']}\n{html_body(blocks)}\n{s['bottom']}\n</body>\n</html>\n")
    out.write_text(doc, encoding="utf-8")


# ---------------------------------------------------------------------- DOCX
def write_docx(blocks, title, header, out: Path, author: str):
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    d = Document()
    d.core_properties.title = title
    d.core_properties.author = author
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10.5)
    sec = d.sections[0]
    sec.header.paragraphs[0].text = header
    sec.footer.paragraphs[0].text = author
    pending_break = False
    for kind, val in paginate(blocks):
        if kind == "pb":
            pending_break = True
            continue
        if pending_break:
            p = d.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
            pending_break = False
        if kind == "h1":
            d.add_heading(val, level=0)
        elif kind == "h2":
            d.add_heading(val, level=1)
        elif kind == "h3":
            d.add_heading(val, level=2)
        elif kind == "li":
            if ENUM.match(val):
                d.add_paragraph(val, style="List")
            else:
                d.add_paragraph(val, style="List Bullet")
        elif kind == "p":
            p = d.add_paragraph()
            r = p.add_run(val)
            if is_runin(val):
                r.bold = True
        elif kind == "table":
            ncol = max(len(r) for r in val)
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for i, row in enumerate(val):
                cells = t.add_row().cells
                for j in range(ncol):
                    cells[j].text = row[j] if j < len(row) else ""
                    if i == 0:
                        for run in cells[j].paragraphs[0].runs:
                            run.bold = True
            d.add_paragraph()
    d.save(out)


# ----------------------------------------------------------------------- ODT
def write_odt(blocks, title, out: Path, author: str):
    esc = lambda s: html.escape(s, quote=False)  # noqa: E731
    body, in_list = [], False
    for kind, val in paginate(blocks):
        if kind != "li" and in_list:
            body.append("</text:list>")
            in_list = False
        if kind == "pb":
            body.append('<text:p text:style-name="PB"/>')
        elif kind == "h1":
            body.append(f'<text:h text:style-name="Title" text:outline-level="1">{esc(val)}</text:h>')
        elif kind == "h2":
            body.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{esc(val)}</text:h>')
        elif kind == "h3":
            body.append(f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{esc(val)}</text:h>')
        elif kind == "li":
            if not in_list:
                body.append("<text:list>")
                in_list = True
            body.append(f"<text:list-item><text:p>{esc(val)}</text:p></text:list-item>")
        elif kind == "p":
            style = "Strong_20_para" if is_runin(val) else "Text_20_body"
            body.append(f'<text:p text:style-name="{style}">{esc(val)}</text:p>')
        elif kind == "table":
            ncol = max(len(r) for r in val)
            rows = [f'<table:table table:name="Tabel{len(body)}">',
                    f'<table:table-column table:number-columns-repeated="{ncol}"/>']
            for r in val:
                rows.append("<table:table-row>" + "".join(
                    f'<table:table-cell office:value-type="string"><text:p>{esc(r[j] if j < len(r) else "")}'
                    f"</text:p></table:table-cell>" for j in range(ncol)) + "</table:table-row>")
            rows.append("</table:table>")
            body.append("".join(rows))
    if in_list:
        body.append("</text:list>")
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} office:version="1.2">'
               '<office:automatic-styles><style:style style:name="PB" style:family="paragraph" '
               'style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page"/>'
               '</style:style></office:automatic-styles>'
               '<office:body><office:text>' + "\n".join(body) + '</office:text></office:body>'
               '</office:document-content>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ns} office:version="1.2">'
              '<office:styles>'
              '<style:style style:name="Standard" style:family="paragraph"/>'
              '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" '
              'style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>'
              '<style:style style:name="Strong_20_para" style:family="paragraph" style:parent-style-name="Standard">'
              '<style:text-properties fo:font-weight="bold"/></style:style>'
              '<style:style style:name="Title" style:family="paragraph"><style:text-properties fo:font-size="20pt" '
              'fo:font-weight="bold"/></style:style>'
              '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph">'
              '<style:text-properties fo:font-size="15pt" fo:font-weight="bold"/></style:style>'
              '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph">'
              '<style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>'
              '</office:styles></office:document-styles>')
    meta = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ns} office:version="1.2">'
            f'<office:meta><dc:title>{esc(title)}</dc:title><meta:initial-creator>{esc(author)}'
            '</meta:initial-creator><meta:generator>holdout_k generator</meta:generator>'
            '</office:meta></office:document-meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta, compress_type=zipfile.ZIP_DEFLATED)


# ----------------------------------------------------------------------- TXT
def write_txt(blocks, header, out: Path):
    pages, cur = [], []

    def flush():
        if cur:
            pages.append(cur[:])
            cur.clear()

    for kind, val in paginate(blocks):
        if kind == "pb":
            flush()
            continue
        if kind == "h1":
            cur += ["", val.upper(), "=" * len(val), ""]
        elif kind == "h2":
            cur += ["", val, "-" * len(val)]
        elif kind == "h3":
            cur += ["", val]
        elif kind == "li":
            if ENUM.match(val):
                cur += textwrap.wrap(val, 96, initial_indent="  ", subsequent_indent="     ")
            else:
                cur += textwrap.wrap(val, 96, initial_indent="  - ", subsequent_indent="    ")
        elif kind == "p":
            cur += [""] + textwrap.wrap(val, 100)
        elif kind == "table":
            cur += [""] + [" | ".join(r) for r in val] + [""]
    flush()
    n = len(pages)
    chunks = []
    for i, pg in enumerate(pages, 1):
        body = "\n".join(pg).strip("\n")
        chunks.append(f"{body}\n\n{header} – pagina {i} van {n}\n")
    out.write_text("\f".join(chunks), encoding="utf-8")


# ---------------------------------------------------------------------- main
def main():
    for src, name, fmt, header in DOCS:
        blocks = parse(HERE / src)
        title = next(v for k, v in blocks if k == "h1")
        author = next(v for k, v in blocks if k == "p")  # first line: issuing body
        out = OUT / name
        if fmt == "pdf":
            write_pdf(blocks, title, header, out)
        elif fmt == "docx":
            write_docx(blocks, title, header, out, author)
        elif fmt == "odt":
            write_odt(blocks, title, out, author)
        elif fmt == "html":
            write_html(blocks, title, "lastmeer", out)
        elif fmt == "txt":
            write_txt(blocks, header, out)
        print(f"{name}: {sum(block_words(b) for b in blocks)} words")


if __name__ == "__main__":
    main()
