"""The one terminology check: finds words the field advises against, with a better word."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

KINDS = ("discouraged", "victim_blaming")

DEFAULT_TERMS_PATH = Path(__file__).resolve().parent.parent / "data" / "terms.yaml"

# Between the words of a phrase: spaces, line breaks, commas, quotes, brackets and dashes.
# No full stop, question or exclamation mark: a phrase does not run across sentences.
SEPARATOR = r"[\s,;:'\"\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb()\[\]\-\u2010-\u2014/]+"

# After a term: inflection or the rest of a compound ("loverboys", "loverboyproblematiek"),
# an apostrophe plural ("loverboy's") and hyphenated parts ("loverboy-aanpak").
_CONTINUATION = r"\w*(?:['\u2019]s(?!\w))?(?:-\w+)*"

# Invisible characters that PDF and word-processor text often carry inside words.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

_ENTRY_KEYS = frozenset({"term", "suggestion", "kind", "explanation", "patterns"})
_REQUIRED_KEYS = ("term", "suggestion", "kind", "explanation")


@dataclass(frozen=True)
class Term:
    """A word or phrase to avoid.

    Without patterns the term matches as a word or as the start of a compound, in any
    inflection, ignoring case and diacritics. With patterns, only the patterns match: each is a
    regular expression matched as whole words, in which a space stands for "one or more spaces
    or punctuation marks" (use ``\\s`` for exactly one space).
    """

    term: str
    suggestion: str
    kind: str  # "discouraged" | "victim_blaming"
    explanation: str
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    term: str
    suggestion: str
    kind: str
    explanation: str
    start: int
    end: int
    matched: str


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _INVISIBLE:
        return ""
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> tuple[str, list[int] | None]:
    """Remove diacritics, ligatures and invisible characters.

    Returns the folded text and, when its length differs from the input, the position in the
    input of every folded character (plus one closing entry), so matches map back exactly.
    """
    if text.isascii():
        return text, None
    mapping = {char: _fold_char(char) for char in set(text) if not char.isascii()}
    table = {ord(char): folded for char, folded in mapping.items() if len(folded) == 1}
    resized = sorted(char for char, folded in mapping.items() if len(folded) != 1)
    if not resized:
        # Usually few characters are non-ASCII: replacing just those beats str.translate.
        return _NON_ASCII.sub(lambda m: mapping[m[0]], text), None
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in re.finditer("[" + "".join(re.escape(c) for c in resized) + "]", text):
        index = match.start()
        parts.append(text[position:index].translate(table))
        offsets.extend(range(position, index))
        replacement = mapping[text[index]]
        parts.append(replacement)
        offsets.extend([index] * len(replacement))
        position = index + 1
    parts.append(text[position:].translate(table))
    offsets.extend(range(position, len(text)))
    offsets.append(len(text))
    return "".join(parts), offsets


def _spaces_to_separators(pattern: str) -> str:
    """Replace each run of literal spaces outside a character class by SEPARATOR."""
    out: list[str] = []
    in_class = escaped = False
    previous_space = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append(char)
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char == " ":
            if not previous_space:
                out.append(SEPARATOR)
            previous_space = True
            continue
        else:
            out.append(char)
        previous_space = False
    return "".join(out)


def _term_regex(term: Term) -> str:
    if term.patterns:
        bodies = [_spaces_to_separators(fold(p)[0]) for p in term.patterns]
        return "|".join(f"(?:{b})(?!\\w)" for b in bodies)
    words = fold(term.term)[0].split()
    return SEPARATOR.join(re.escape(w) for w in words) + _CONTINUATION


class TerminologyChecker:
    """Checks texts against a list of terms with one compiled regular expression."""

    def __init__(self, terms: Sequence[Term]) -> None:
        # Longer terms first, so the more specific term wins where two start at one place.
        self._terms = sorted(terms, key=lambda t: len(t.term), reverse=True)
        alternatives = "|".join(f"(?P<t{i}>{_term_regex(t)})" for i, t in enumerate(self._terms))
        # Every term starts at a word start: one look-behind in front of all of them.
        self._regex = re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE) if terms else None

    @property
    def terms(self) -> list[Term]:
        return list(self._terms)

    def check(self, text: str) -> list[Finding]:
        if self._regex is None or not text:
            return []
        folded, offsets = fold(text)
        findings: list[Finding] = []
        for match in self._regex.finditer(folded):
            start, end = match.span()
            if start == end or match.lastgroup is None:
                continue
            if offsets is not None:
                start, end = offsets[start], max(offsets[end], offsets[end - 1] + 1)
            term = self._terms[int(match.lastgroup[1:])]
            findings.append(
                Finding(
                    term=term.term,
                    suggestion=term.suggestion,
                    kind=term.kind,
                    explanation=term.explanation,
                    start=start,
                    end=end,
                    matched=text[start:end],
                )
            )
        return findings

    def summary(self, pages: Sequence[str]) -> list[dict[str, Any]]:
        """Count findings per term over a document's pages (page numbers start at 1)."""
        counts: dict[str, int] = {}
        suggestions: dict[str, str] = {}
        found_on: dict[str, set[int]] = {}
        for number, page in enumerate(pages, start=1):
            for finding in self.check(page):
                counts[finding.term] = counts.get(finding.term, 0) + 1
                suggestions[finding.term] = finding.suggestion
                found_on.setdefault(finding.term, set()).add(number)
        return [
            {
                "term": term,
                "count": counts[term],
                "suggestion": suggestions[term],
                "pages": sorted(found_on[term]),
            }
            for term in sorted(counts, key=lambda t: (-counts[t], t))
        ]


def _entry_error(number: int, entry: Any, message: str) -> ValueError:
    name = entry.get("term") if isinstance(entry, Mapping) else entry
    label = f"Term {number} ({name!r})" if isinstance(name, str) and name else f"Term {number}"
    return ValueError(f"{label}: {message}")


def _parse_entry(number: int, entry: Any) -> Term:
    if not isinstance(entry, Mapping):
        raise _entry_error(number, entry, "moet een lijst van velden zijn (term, kind, ...).")
    unknown = sorted(str(k) for k in entry if k not in _ENTRY_KEYS)
    if unknown:
        raise _entry_error(number, entry, f"onbekend veld {', '.join(unknown)}.")
    for key in _REQUIRED_KEYS:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _entry_error(number, entry, f"het veld '{key}' ontbreekt of is leeg.")
    if entry["kind"] not in KINDS:
        raise _entry_error(
            number, entry, f"soort {entry['kind']!r} bestaat niet; kies uit {', '.join(KINDS)}."
        )
    raw_patterns = entry.get("patterns") or []
    if not isinstance(raw_patterns, list) or not all(isinstance(p, str) for p in raw_patterns):
        raise _entry_error(number, entry, "'patterns' moet een lijst van teksten zijn.")
    for pattern in raw_patterns:
        if "(?P<" in pattern:
            raise _entry_error(number, entry, f"patroon {pattern!r} mag geen groepsnamen hebben.")
        try:
            compiled = re.compile(_term_regex(Term("x", "x", "x", "x", (pattern,))), re.IGNORECASE)
        except re.error as error:
            raise _entry_error(number, entry, f"patroon {pattern!r} klopt niet: {error}.") from None
        if compiled.fullmatch(""):
            raise _entry_error(number, entry, f"patroon {pattern!r} past ook op lege tekst.")
    return Term(
        term=entry["term"].strip(),
        suggestion=entry["suggestion"].strip(),
        kind=entry["kind"],
        explanation=entry["explanation"].strip(),
        patterns=tuple(raw_patterns),
    )


def load_terms(text: str) -> list[Term]:
    """Read a term list (YAML with a 'terms' list); a ValueError names the faulty entry."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(f"De termenlijst is geen geldige YAML: {error}") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("terms"), list):
        raise ValueError("De termenlijst moet een veld 'terms' met een lijst van termen hebben.")
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(data["terms"], start=1):
        term = _parse_entry(number, entry)
        key = fold(term.term)[0].casefold()
        if key in seen:
            raise _entry_error(number, entry, f"staat al in de lijst als term {seen[key]}.")
        seen[key] = number
        terms.append(term)
    return terms


def load_default_terms() -> list[Term]:
    """The project's default term list (kennis/data/terms.yaml)."""
    return load_terms(DEFAULT_TERMS_PATH.read_text(encoding="utf-8"))
