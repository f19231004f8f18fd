"""Score a policy document against the ten tips, with evidence, gaps and word findings.

Per tip: 0 when the document does not touch the topic, 1 when it does without anything
concrete, 2 when at least one passage on the topic is concrete (a measure, owner, date,
budget or agreement: the rubric's concreteness phrases) and the topic comes back more than
once. The evidence is the passages (sentence and page) that carried the score. Whether the
document is a human-trafficking policy at all is decided from the rubric's trafficking
phrases, so a youth or poverty policy is not scored as one.

The output of ``to_contract`` is the JSON of ``schakel beleidsscan --json`` (issue 5).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from schakel.kennis.domain.terminology import TerminologyChecker

from .matching import Evidence, PhraseIndex, sentence_around, tokens
from .rubric import Rubric, Tip

MIN_TOPIC_HITS_FOR_2: Final = 2
# A trafficking policy names the subject often and in more than one way.
TRAFFICKING_MIN_HITS: Final = 5
TRAFFICKING_MIN_DISTINCT: Final = 2
TRAFFICKING_MIN_PER_1000_WORDS: Final = 1.0
EVIDENCE_PER_TIP: Final = 5


@dataclass(frozen=True)
class TipResult:
    tip: Tip
    score: int
    evidence: tuple[Evidence, ...]
    why: str  # why the tip did not score 2 ("" when it did)


@dataclass(frozen=True)
class TermResult:
    term: str
    count: int
    suggestion: str
    pages: tuple[int, ...]
    kind: str


@dataclass(frozen=True)
class ScanResult:
    is_trafficking_policy: bool
    trafficking_hits: int
    words: int
    tips: tuple[TipResult, ...]
    terms: tuple[TermResult, ...]


Pages = Sequence[tuple[int, str]]


def scan(pages: Pages, rubric: Rubric, checker: TerminologyChecker) -> ScanResult:
    general = tuple(rubric.concrete_phrases)
    words = sum(len(tokens(text)) for _n, text in pages)
    trafficking = PhraseIndex(rubric.trafficking_phrases)
    hits = [phrase for _n, text in pages for phrase, _s, _e in trafficking.find(text)]
    is_policy = (
        len(hits) >= TRAFFICKING_MIN_HITS
        and len(set(hits)) >= TRAFFICKING_MIN_DISTINCT
        and len(hits) * 1000 / max(words, 1) >= TRAFFICKING_MIN_PER_1000_WORDS
    )
    return ScanResult(
        is_trafficking_policy=is_policy,
        trafficking_hits=len(hits),
        words=words,
        tips=tuple(score_tip(tip, pages, general) for tip in rubric.tips),
        terms=tuple(term_findings(pages, checker)),
    )


def score_tip(tip: Tip, pages: Pages, general_concrete: Sequence[str]) -> TipResult:
    topic = PhraseIndex(tip.topic_phrases)
    concrete = PhraseIndex((*tip.concrete_phrases, *general_concrete))
    passages: list[Evidence] = []
    concrete_passages: list[Evidence] = []
    seen: set[str] = set()
    for number, text in pages:
        for phrase, start, end in topic.find(text):
            sentence = sentence_around(text, start, end)
            if sentence in seen:
                continue
            seen.add(sentence)
            found = Evidence(phrase, number, sentence)
            passages.append(found)
            if concrete.find(sentence):
                concrete_passages.append(found)
    if not passages:
        return TipResult(tip, 0, (), f"Het document gaat hier niet op in. {tip.gap_hint}")
    if concrete_passages and len(passages) >= MIN_TOPIC_HITS_FOR_2:
        shown = concrete_passages + [p for p in passages if p not in concrete_passages]
        return TipResult(tip, 2, tuple(shown[:EVIDENCE_PER_TIP]), "")
    why = (
        "Het onderwerp komt voor, maar zonder concrete maatregel, eigenaar, termijn of afspraak."
        if not concrete_passages
        else "Het onderwerp komt maar één keer en kort aan bod."
    )
    return TipResult(tip, 1, tuple(passages[:EVIDENCE_PER_TIP]), f"{why} {tip.gap_hint}")


def term_findings(pages: Pages, checker: TerminologyChecker) -> list[TermResult]:
    """Words to avoid, per term: how often, on which pages, and what to say instead."""
    counts: dict[str, list[Any]] = {}
    for number, text in pages:
        for finding in checker.check(text):
            entry = counts.setdefault(finding.term, [0, set(), finding.suggestion, finding.kind])
            entry[0] += 1
            entry[1].add(number)
    return [
        TermResult(term, count, suggestion, tuple(sorted(numbers)), kind)
        for term, (count, numbers, suggestion, kind) in sorted(
            counts.items(), key=lambda item: (-item[1][0], item[0])
        )
    ]


def to_contract(result: ScanResult) -> dict[str, Any]:
    """The JSON contract of ``schakel beleidsscan --json`` (keep these keys stable)."""
    return {
        "is_trafficking_policy": result.is_trafficking_policy,
        "tips": [
            {
                "tip": item.tip.number,
                "score": item.score,
                "evidence": [{"text": e.text, "page": e.page} for e in item.evidence],
            }
            for item in result.tips
        ],
        "terms": [
            {
                "term": term.term,
                "count": term.count,
                "suggestion": term.suggestion,
                "pages": list(term.pages),
            }
            for term in result.terms
        ],
    }
