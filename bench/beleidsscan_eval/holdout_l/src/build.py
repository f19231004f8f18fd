"""Generator for held-out set l of the beleidsscan documents.

Sources are lightweight markup files in this folder:
  "# " title, "## " chapter, "### " section, "#### " subsection, "- " list item,
  lines containing " | " form a table (first row = header),
  "@@PB" forces a page break, any other line is a paragraph.

Run:  /work/main/.venv/bin/python build.py
Outputs are written to the parent folder (holdout_l/).
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
    ("a_veerhaven_dopheide_meerjarenbeleidsplan.txt",
     "veerhaven-dopheide-meerjarenbeleidsplan-veiligheid-2027-2030.pdf", "pdf",
     "Veiligheidsregio Veerhaven-Dopheide – Meerjarenbeleidsplan Veiligheid 2027–2030 – AB-2026-112"),
    ("b_zeepziedersveld_bestuursopdracht.txt",
     "zeepziedersveld-bestuursopdracht-aanpak-criminele-uitbuiting-2027-2028.docx", "docx",
     "Gemeente Zeepziedersveld – Bestuursopdracht Aanpak Criminele Uitbuiting – Z/26/041178"),
    ("c_lakenvollerszijl_ketenafspraken.txt",
     "lakenvollerszijl-ketenafspraken-opvang-slachtoffers-mensenhandel-2027-2029.odt", "odt",
     "Ketenafspraken Opvang Slachtoffers Mensenhandel Lakenvollerszijl-Volderland"),
    ("d_kaarsmakerswolde_notitie_jongerenparticipatie.txt",
     "kaarsmakerswolde-notitie-jongerenparticipatie-beleid-tegen-uitbuiting-2027.html", "html",
     "Gemeente Kaarsmakerswolde"),
    ("e_touwslagersdijk_werkplan_jongerenwerk.txt",
     "touwslagersdijk-werkplan-jongerenwerk-preventie-ronselen-2027.txt", "txt",
     "Stichting Jongerenwerk De Lantaarnopsteker – Werkplan Preventie Ronselen 2027"),
    ("f_waaiersluis_raadsvoorstel.txt",
     "waaiersluis-raadsvoorstel-kaders-aanpak-mensenhandel-2027-2031.docx", "docx",
     "Gemeente Waaiersluis – Raadsvoorstel RV-2027-031 – Kaders Aanpak Mensenhandel"),
    ("g_vlasbrakersveen_beleidsplan_sociaal_domein.txt",
     "vlasbrakersveen-beleidsplan-sociaal-domein-2027-2030.pdf", "pdf",
     "Gemeente Vlasbrakersveen – Beleidsplan Sociaal Domein 2027–2030"),
    ("h_ketellappersdonk_cultuurnota.txt",
     "ketellappersdonk-cultuurnota-2027-2030.odt", "odt",
     "Cultuurnota Ketellappersdonk 2027–2030"),
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
        elif line.startswith("#### "):
            blocks.append(("h4", line[5:]))
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
        if count >= WORDS_PER_PAGE and b[0] in ("h2", "h3", "h4", "p", "table"):
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
        if kind in ("h1", "h2", "h3", "h4"):
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
* { font-variant-ligatures: none; font-feature-settings: "liga" 0, "clig" 0; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a;
       font-variant-ligatures: none; font-feature-settings: "liga" 0, "clig" 0; }
h1 { font-size: 22pt; color: #004a7c; margin-top: 40mm; }
h2 { font-size: 14pt; color: #004a7c; border-bottom: 1px solid #004a7c; padding-bottom: 2px; margin-top: 18pt; }
h3 { font-size: 11.5pt; color: #004a7c; margin-top: 12pt; }
h4 { font-size: 10.5pt; color: #333; margin-top: 10pt; margin-bottom: 3pt; }
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
    src.unlink()


SITE = {
    "d": dict(
        css="body{font-family:Verdana,Geneva,sans-serif;margin:0;color:#1f2a30;background:#eef3f1}"
            ".top{background:#1d5c4d;color:#fff;padding:14px 30px;display:flex;gap:18px;align-items:center}"
            ".top a{color:#e8f5ef;text-decoration:none;font-size:14px}"
            "nav.crumbs{font-size:12px;padding:8px 30px;background:#d7e8e1}"
            "main{max-width:880px;margin:0 auto;padding:18px 30px 44px;background:#fff}"
            "table{border-collapse:collapse;width:100%;margin:10px 0}td,th{border:1px solid #a9c6bb;padding:6px;text-align:left;font-size:13px}"
            "th{background:#d7e8e1}h1{color:#1d5c4d}h2{color:#1d5c4d;border-bottom:2px solid #d7e8e1}"
            "aside{background:#f3f8f6;border-left:4px solid #1d5c4d;padding:12px 16px;margin:22px 0;font-size:13px}"
            "footer{background:#123b31;color:#dfe;font-size:12px;padding:20px 30px}",
        top='<div class="top"><strong>Gemeente Kaarsmakerswolde</strong><a href="/inwoners">Inwoners</a>'
            '<a href="/ondernemers">Ondernemers</a><a href="/bestuur-en-organisatie">Bestuur en organisatie</a>'
            '<a href="/zoeken">Zoeken</a></div>'
            '<nav class="crumbs">Home › Bestuur en organisatie › Beleid en regelgeving › Zorg en veiligheid › '
            'Notitie Jongerenparticipatie in het beleid tegen uitbuiting</nav><main><p style="font-size:12px;color:#5a6a70">'
            'Soort document: notitie | Publicatiedatum: 21 maart 2027 | Team Jeugd en Veiligheid, afdeling Samenleving</p><article>',
        bottom='</article><aside>Wil je meedoen met het Jongerenpanel Vlamvast of heb je een vraag over deze notitie? '
               'Stuur een bericht naar vlamvast@kaarsmakerswolde.nl of bel 14 0529. Laatst gewijzigd: 21 maart 2027.</aside>'
               '</main><footer>Gemeente Kaarsmakerswolde · Wiekenplein 1 · 7790 KW Kaarsmakerswolde · '
               '<a style="color:#dfe" href="/privacyverklaring">Privacyverklaring</a> · '
               '<a style="color:#dfe" href="/cookies">Cookies</a> · '
               '<a style="color:#dfe" href="/toegankelijkheidsverklaring">Toegankelijkheid</a></footer>',
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
        elif kind == "h4":
            d.add_heading(val, level=3)
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
        elif kind == "h4":
            body.append(f'<text:h text:style-name="Heading_20_3" text:outline-level="3">{esc(val)}</text:h>')
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
              '<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph">'
              '<style:text-properties fo:font-size="11pt" fo:font-style="italic" fo:font-weight="bold"/></style:style>'
              '</office:styles></office:document-styles>')
    meta = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ns} office:version="1.2">'
            f'<office:meta><dc:title>{esc(title)}</dc:title><meta:initial-creator>{esc(author)}'
            '</meta:initial-creator><meta:generator>holdout_l generator</meta:generator>'
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
        elif kind == "h4":
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
            write_html(blocks, title, "d", out)
        elif fmt == "txt":
            write_txt(blocks, header, out)
        print(f"{name}: {sum(block_words(b) for b in blocks)} words")


if __name__ == "__main__":
    main()
