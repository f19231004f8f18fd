"""Find Dutch phrases in a document in any inflection, with the sentence and page as evidence.

Both the document and the phrases are reduced to lemmas with simplemma ("maatregelen" →
"maatregel", "uitgebuit" → "uitbuiten"), lowercased and without diacritics, so a phrase
matches however it is inflected. A phrase of several words matches those lemmas in a row.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import simplemma

_WORD: Final = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)
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
    """The plain lemma of one Dutch word (cached: documents repeat their words)."""
    return _plain(simplemma.lemmatize(word.lower(), lang="nl"))


def tokens(text: str) -> list[Token]:
    return [Token(lemma(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def phrase_lemmas(phrase: str) -> tuple[str, ...]:
    return tuple(lemma(m.group()) for m in _WORD.finditer(phrase))


class PhraseIndex:
    """Many phrases, looked up from each token's lemma; one pass over a page."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for phrase in dict.fromkeys(phrases):
            lemmas = phrase_lemmas(phrase)
            if lemmas:
                self._by_first.setdefault(lemmas[0], []).append((phrase, lemmas))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: -len(item[1]))  # longest phrase first

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(phrase, start, end) for every match in ``text``, in order."""
        found: list[tuple[str, int, int]] = []
        words = tokens(text)
        lemmas = [t.lemma for t in words]
        for index, token in enumerate(words):
            for phrase, parts in self._by_first.get(token.lemma, ()):
                if tuple(lemmas[index : index + len(parts)]) == parts:
                    found.append((phrase, token.start, words[index + len(parts) - 1].end))
                    break
        return found


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence that holds ``text[start:end]``, at most ``limit`` characters."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    sentence = " ".join(text[left:right].split())
    if len(sentence) <= limit:
        return sentence
    middle = (start - left + end - left) // 2
    begin = max(0, middle - limit // 2)
    return "…" + sentence[begin : begin + limit].strip() + "…"


def evidence(
    pages: Sequence[tuple[int, str]], index: PhraseIndex, *, most: int = 5
) -> list[Evidence]:
    """Up to ``most`` evidence passages, one per sentence, in document order."""
    out: list[Evidence] = []
    seen: set[str] = set()
    for number, text in pages:
        for phrase, start, end in index.find(text):
            sentence = sentence_around(text, start, end)
            if sentence not in seen:
                seen.add(sentence)
                out.append(Evidence(phrase, number, sentence))
                if len(out) >= most:
                    return out
    return out
