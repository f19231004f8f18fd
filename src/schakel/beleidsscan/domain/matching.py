"""Find Dutch phrases in a document in any inflection, with the sentence and page as evidence.

Both the document and the phrases are reduced to lemmas with simplemma ("maatregelen" →
"maatregel", "uitgebuit" → "uitbuiten"), lowercased and without diacritics, so a phrase
matches however it is inflected. A phrase of several words matches those lemmas in order
within one sentence, with at most one other word between two of them. A single word ending in
"*" is the first part of compounds: "mensenhandel*" also matches "mensenhandelzaken" and
"uitbuit*" matches "uitbuitingsvormen".
"""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import simplemma

_WORD: Final = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)
MAX_SENTENCE: Final = 300  # characters on either side of a match that count as its sentence
MAX_GAP: Final = 1  # other words allowed between two words of a phrase
COMPOUND_MIN: Final = 9  # a word longer than this may be a compound
COMPOUND_PART: Final = 5  # the shortest last part of a compound that we look up
_SENTENCE_MARK: Final = re.compile(r"[.!?;:]")
_SENTENCE_END: Final = re.compile(r"(?<=[.!?;:])\s+|\n\s*\n")


@dataclass(frozen=True)
class Token:
    lemma: str
    start: int
    end: int


@dataclass(frozen=True)
class Evidence:
    phrase: str
    page: int
    text: str  # the sentence the phrase stands in, trimmed


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The plain lemma of one Dutch word (cached: documents repeat their words).

    simplemma is not always idempotent ("minderjarigen" -> "minderjarige" -> "minderjarig"),
    so the lemma is taken until it no longer changes: a phrase and the document then meet in
    the same form whichever inflection each uses."""
    current = word.lower()
    for _ in range(3):
        following = simplemma.lemmatize(current, lang="nl").lower()
        if following == current:
            break
        current = following
    if current == word.lower() and len(current) > COMPOUND_MIN:
        current = _compound_lemma(current)
    return _plain(current)


def _compound_lemma(word: str) -> str:
    """A compound the dictionary does not know, with its last part in its lemma:
    "voorlichtingslessen" -> "voorlichtingsles", "weerbaarheidstrainingen" ->
    "weerbaarheidstraining". Dutch inflects a compound on its last part, so the longest known
    word it ends in (at least five letters, after at least three) is that part."""
    if simplemma.is_known(word, lang="nl"):
        return word
    for begin in range(3, len(word) - COMPOUND_PART + 1):
        part = word[begin:]
        if simplemma.is_known(part, lang="nl"):
            base = simplemma.lemmatize(part, lang="nl").lower()
            return word[:begin] + base if base[:3] == part[:3] else word
    return word


def tokens(text: str) -> list[Token]:
    return [Token(lemma(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


class Page:
    """One page, tokenised once: its lemmas and where its sentences start and end."""

    __slots__ = ("_breaks", "_ends", "lemmas", "number", "text", "words")

    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.text = text
        self.words = tokens(text)
        self.lemmas = [t.lemma for t in self.words]
        found = list(_SENTENCE_END.finditer(text))
        self._breaks = [m.end() for m in found]  # where a sentence starts
        self._ends = [m.start() for m in found]  # where the sentence before it ends

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """Start and end of the sentence that holds ``text[start:end]``."""
        index = bisect_right(self._breaks, start)
        left = self._breaks[index - 1] if index else 0
        after = bisect_left(self._ends, end)
        right = self._ends[after] if after < len(self._ends) else len(self.text)
        # A text without punctuation is one long "sentence": keep the work per match bounded.
        return max(left, start - MAX_SENTENCE), min(right, end + MAX_SENTENCE)

    def sentence_spans(self, limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
        """(start, end) of every sentence on the page, in order; a sentence longer than
        ``limit`` characters (a table or a text without punctuation) in consecutive parts of at
        most ``limit``, cut between words."""
        spans = []
        for left, right in zip((0, *self._breaks), (*self._ends, len(self.text)), strict=True):
            while right - left > limit:
                cut = self.text.rfind(" ", left + 1, left + limit)
                cut = cut if cut > left else left + limit
                spans.append((left, cut))
                left = cut
            if self.text[left:right].strip():
                spans.append((left, right))
        return spans

    def window_span(self, start: int, end: int, around: int = 1) -> tuple[int, int]:
        """Start and end of the sentence that holds ``text[start:end]`` and ``around``
        sentences on either side."""
        index = bisect_right(self._breaks, start) - 1 - around
        left = self._breaks[index] if index >= 0 else 0
        after = bisect_left(self._ends, end) + around
        right = self._ends[after] if after < len(self._ends) else len(self.text)
        reach = MAX_SENTENCE * (1 + 2 * around)
        return max(left, start - reach), min(right, end + reach)

    def sentence(self, start: int, end: int, limit: int = 300) -> str:
        left, right = self.sentence_span(start, end)
        return _trim(self.text, left, right, start, end, limit)


def prepare(pages: Sequence[tuple[int, str]]) -> list[Page]:
    return [Page(number, text) for number, text in pages]


def phrase_lemmas(phrase: str) -> tuple[str, ...]:
    return tuple(lemma(m.group()) for m in _WORD.finditer(phrase))


PREFIX: Final = "*"


class PhraseIndex:
    """Many phrases, looked up from each token's lemma; one pass over a page."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        # "mensenhandel*": a word that begins with it, in its plain form (a stem has no lemma)
        self._prefixes: dict[str, str] = {}
        for phrase in dict.fromkeys(phrases):
            stem = phrase.removesuffix(PREFIX)
            if stem != phrase and _WORD.fullmatch(stem):
                self._prefixes[_plain(stem)] = phrase
                continue
            lemmas = phrase_lemmas(phrase)
            if lemmas:
                self._by_first.setdefault(lemmas[0], []).append((phrase, lemmas))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: -len(item[1]))  # longest phrase first

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(phrase, start, end) for every match in ``text``, in order, without overlaps: the
        longest phrase that starts first wins ("seksuele uitbuiting" is one match, not also
        "uitbuiting")."""
        words = tokens(text)
        return self._find(text, words, [t.lemma for t in words])

    def find_in(self, page: Page) -> list[tuple[str, int, int]]:
        """Like ``find``, on a page that is already tokenised."""
        return self._find(page.text, page.words, page.lemmas)

    def _find(
        self, text: str, words: Sequence[Token], lemmas: Sequence[str]
    ) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        by_first = self._by_first
        stems = tuple(self._prefixes)
        free = 0  # words before this index belong to a match already (no overlaps)
        for index, first in enumerate(lemmas):
            if index < free:
                continue
            candidates = by_first.get(first)
            if candidates is not None:
                for phrase, parts in candidates:
                    last = index if len(parts) == 1 else _rest_at(text, words, lemmas, index, parts)
                    if last is not None:
                        found.append((phrase, words[index].start, words[last].end))
                        free = last + 1
                        break
            if free <= index and stems and first.startswith(stems):
                # no whole phrase here, but a compound that begins with a stem
                stem = max((s for s in stems if first.startswith(s)), key=len)
                found.append((self._prefixes[stem], words[index].start, words[index].end))
        return found


def _rest_at(
    text: str, words: Sequence[Token], lemmas: Sequence[str], index: int, parts: tuple[str, ...]
) -> int | None:
    """Where the last word of ``parts`` is, when the words after the first follow in order
    with at most ``MAX_GAP`` other words between two of them ("ongeacht hun
    verblijfsstatus" matches "ongeacht verblijfsstatus") and within one sentence; None when
    they do not."""
    position = index
    for part in parts[1:]:
        for following in range(position + 1, min(position + MAX_GAP + 2, len(lemmas))):
            if _SENTENCE_MARK.search(text, words[position].end, words[following].start):
                return None
            if lemmas[following] == part:
                position = following
                break
        else:
            return None
    return position


def _trim(text: str, left: int, right: int, start: int, end: int, limit: int) -> str:
    sentence = " ".join(text[left:right].split())
    if len(sentence) <= limit:
        return sentence
    middle = (start - left + end - left) // 2
    begin = max(0, middle - limit // 2)
    return "…" + sentence[begin : begin + limit].strip() + "…"
