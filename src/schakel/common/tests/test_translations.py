"""Every Dutch text has an English translation, and the compiled file is up to date."""

import ast
import gettext
from pathlib import Path

import schakel

PO = Path(schakel.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(text: str) -> list[dict[str, str]]:
    entries = []
    for block in text.split("\n\n"):
        entry: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] = line
            elif line.startswith(("msgid", "msgstr", "msgid_plural")):
                key, _, rest = line.partition(" ")
                entry[key] = rest.strip('"')
            elif line.startswith('"') and key:
                entry[key] += line.strip('"')
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def test_every_text_is_translated():
    entries = _entries(PO.read_text(encoding="utf-8"))
    assert len(entries) > 100
    untranslated = [
        e["msgid"]
        for e in entries
        if not any(v for k, v in e.items() if k.startswith("msgstr"))
        or "fuzzy" in e.get("flags", "")
    ]
    assert untranslated == []


def test_compiled_file_matches_the_source():
    """Run `make messages` when this fails: django.mo is out of date."""
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        e["msgid"]
        for e in _entries(PO.read_text(encoding="utf-8"))
        if "msgid_plural" not in e
        and "msgstr" in e
        and compiled.gettext(_unescape(e["msgid"])) != _unescape(e["msgstr"])
    ]
    assert stale == []


def _unescape(text: str) -> str:
    """A .po string literal (with \\n and \\" escapes) as Python text."""
    return str(ast.literal_eval(f'"{text}"'))
