"""Reports as PDF: the same HTML as the page, laid out by WeasyPrint as tagged PDF/UA (ADR
0007). Used by the policy scan and the monitor."""

import logging

# WeasyPrint logs its progress and every CSS property it does not know: noise in our logs.
for _name in ("weasyprint", "weasyprint.progress", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def render_pdf(html: str) -> bytes:
    """A PDF of self-contained HTML (styles inline, no external files are fetched)."""
    from weasyprint import HTML  # imported on first use: it loads native libraries

    document = HTML(string=html, base_url=None, url_fetcher=_no_fetch)
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"Fetching {url} is not allowed in a report.")
