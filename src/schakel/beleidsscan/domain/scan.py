"""Score a policy document against the ten tips, with evidence, gaps and word findings.

Per tip: 0 when the document does not touch the topic, 1 when it does without anything
concrete, 2 when at least one passage on the topic is concrete (a measure, owner, date,
budget or agreement: the rubric's concreteness phrases) and the topic comes back more than
once. The evidence is the passages (sentence and page) that carried the score. Whether the
document is a human-trafficking policy at all is decided from the rubric's trafficking
phrases: whether the title names them, how often and how evenly they run through the text, so
a youth or poverty policy, or a safety plan with one paragraph on trafficking, is not scored as
one. docs/beleidsscan.md has the rules in full.

The output of ``to_contract`` is the JSON of ``schakel beleidsscan --json`` (issue 5).
"""

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import simplemma

from schakel.kennis.domain.terminology import Finding, TerminologyChecker

from .matching import Evidence, Page, PhraseIndex, lemma, prepare
from .rubric import Rubric, Tip
from .tipreader import RECOGNISED, TipReader, default_tip_reader

MIN_TOPIC_HITS_FOR_2: Final = 2
# A trafficking policy names the subject often, in more than one way, and throughout: in at
# least half of its parts of 200 words. A safety or youth plan with one paragraph on
# trafficking names it often in that paragraph only.
TRAFFICKING_MIN_HITS: Final = 5
TRAFFICKING_MIN_DISTINCT: Final = 2
TRAFFICKING_MIN_SHARE: Final = 0.5
# What a document is about, it says in its title: the opening (title, subtitle, the subject
# line of a letter; after a website's menu) names the subject in a policy on it, and not in a
# youth or safety plan, whose table of contents comes later.
OPENING_WORDS: Final = 60
# A text of this many words or more has chapters (a letter or a decision has none): when most of
# its mentions stand in one stretch of a third of the text, it has a chapter on trafficking and
# is not a policy on it.
CHAPTERS_MIN_WORDS: Final = 1000
# With the subject in its opening, a document is a policy on it unless this share of the
# mentions stands in one third (in the evaluation set such policies at most 0.75; a safety plan
# with one chapter 0.83 and more).
TITLED_MAX_IN_ONE_THIRD: Final = 0.8
# Without it, the document must show its subject by naming it often and evenly: a programme on
# organised crime or a youth programme with one line of four on exploitation names it in most of
# its parts too, but less often (at most 5.6 times per 1,000 words in the evaluation set, the
# policies at least 6.9) or with two thirds of the mentions in one third (the policies at most
# 0.55, such programmes 0.64 and more).
UNTITLED_MIN_PER_1000_WORDS: Final = 6.0
UNTITLED_MAX_IN_ONE_THIRD: Final = 2 / 3
# Words to avoid (the word list of ``kennis``) that name the exploitation of a child all the
# same: a document that says "loverboy" is about exploitation, even if it should say
# "mensenhandelaar". The rubric cannot hold them (it is checked against that word list), so they
# are named here, by their term in the word list.
SUBJECT_TERMS_TO_AVOID: Final = frozenset(
    {
        "loverboy",
        "tienerpooier",
        "kinderprostituee",
        "kinderprostitutie",
        "jeugdprostitutie",
        "tienerprostitutie",
        "jongensprostitutie",
        "minderjarige prostituee",
        "minderjarige sekswerker",
    }
)
PART_WORDS: Final = 200
EVIDENCE_PER_TIP: Final = 5
# A concrete measure counts for minors when they are named this many sentences around it.
MINORS_AROUND: Final = 1
# A date that sets a deadline counts as a concrete marker, whatever the year.
_MONTHS: Final = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
)
DEADLINE: Final = re.compile(
    rf"\b(?:in|vanaf|per|uiterlijk|voor|vóór|eind|begin|medio|kwartaal|{_MONTHS})"
    r"\s+(?:\d{1,2}\s+)?20[2-4]\d\b",
    re.IGNORECASE,
)
DEADLINE_MARKER: Final = "termijn"
# Outside a trafficking policy a passage counts when exploitation is named this near (or in
# the heading of its section: ``subject_sections``).
CONTEXT_AROUND: Final = 2
# Two concrete passages about minors, or one with a measure typical for the tip, make a 2.
STRONG_FOR_2: Final = 2
# A criterion of this many parts (tip.elements) that asks for all of them, and a policy that
# names all of them: that is concrete enough by itself.
ELEMENTS_ENOUGH: Final = 4
# A sentence with this many commas is a list (of partners, say), not a measure.
LIST_COMMAS: Final = 5
# A policy that names children or young people in nearly every part of 100 words is about them
# as a group of their own (tip 2, "minors_throughout: true" in the rubric).
MINOR_PART_WORDS: Final = 100
MINORS_THROUGHOUT: Final = 0.85
# A numbered heading ("7.2 Aanbevelingen", "5. Conclusies en adviezen"): a short line that is
# not a sentence. Under a heading that names recommendations or advice, what is written is
# asked of others, not promised: it is not concrete, up to the next section of the same or a
# higher level ("7.3" or "8." after "7.2").
HEADING: Final = re.compile(
    r"^[ \t]*(\d{1,2}(?:\.\d{1,2})*)\.?[ \t]+(\w[^\n]*?)[ \t]*$", re.MULTILINE
)
HEADING_MAX_WORDS: Final = 10
# Whole words: "Aanbevelingen", "Conclusies en advies"; not "Adviespunt" or "Adviesraad".
ADVICE_HEADING: Final = re.compile(r"\b(?:aanbeveling(?:en)?|advie[sz](?:en)?)\b", re.IGNORECASE)
# A sentence in the simple past reports what was or happened (a finding of a monitor, what an
# evaluation saw, a look back in a plan): it promises nothing. Strong and irregular verbs by
# their past forms; a weak verb by its form: its lemma is a verb and the word is its stem with
# -de(n) or -te(n) ("organiseerde", "daalden"), not a present participle ("volgende") nor a
# past participle ("gerichte"), and not after an article or a pronoun, where the same form
# is an adjective ("een beperkte groep", "de verbeterde aanpak").
PAST_FORMS: Final = frozenset(
    (  # noqa: SIM905 (a list of words reads better as one string)
        "was waren had hadden werd werden kon konden moest moesten wilde wilden mocht "
        "mochten ging gingen kwam kwamen bleek bleken lag lagen stond stonden gaf gaven zag "
        "zagen vond vonden kreeg kregen deed deden nam namen hield hielden liep liepen "
        "bracht brachten dacht dachten zei zeiden sprak spraken schreef schreven bleef "
        "bleven viel vielen steeg stegen trok trokken voorzag voorzagen ontving ontvingen "
        "begon begonnen verliep verliepen onderging ondergingen"
    ).split()
)
_WEAK_PAST: Final = re.compile(r"\w+(?<!n)(?:de|te)n?")
_BEFORE_ADJECTIVE: Final = frozenset(
    (  # noqa: SIM905 (a list of words reads better as one string)
        "de het een deze die dit dat onze ons hun haar zijn uw elke iedere welke geen"
    ).split()
)
_WORD_RE: Final = re.compile(r"\w+")
_CLAUSE: Final = re.compile(r"[,;:()\u2013]")  # a comma, colon, bracket or en dash
SUBORDINATORS: Final = frozenset(
    (  # noqa: SIM905 (a list of words reads better as one string)
        "die dat wat wie welke waar waarin waarmee waarbij waarvan waardoor omdat doordat "
        "toen nadat voordat zodat als wanneer terwijl hoewel indien of zoals"
    ).split()
)


@dataclass(frozen=True)
class TipResult:
    tip: Tip
    score: int
    evidence: tuple[Evidence, ...]
    why: str  # why the tip did not score 2 ("" when it did)
    # In a trafficking policy: each part score 2 asks for (tip.elements), and whether it is named.
    elements: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class TermResult:
    term: str
    count: int
    suggestion: str
    pages: tuple[int, ...]
    kind: str


@dataclass(frozen=True)
class Subject:
    """Where a document names trafficking and exploitation: what the kind rule reads."""

    hits: tuple[str, ...]  # the phrase of each mention, in order
    positions: tuple[int, ...]  # where each mention stands, in words from the start
    words: int

    @property
    def per_1000_words(self) -> float:
        return 1000 * len(self.hits) / max(self.words, 1)

    @property
    def share_of_parts(self) -> float:
        """The share of the parts of PART_WORDS words that name the subject."""
        parts = max(1, -(-self.words // PART_WORDS))
        return len({position // PART_WORDS for position in self.positions}) / parts

    @property
    def in_opening(self) -> bool:
        """Whether the opening (its first OPENING_WORDS words) names the subject."""
        return bool(self.positions) and self.positions[0] < OPENING_WORDS

    @property
    def in_one_third(self) -> float:
        """The largest share of the mentions that stands in one stretch of a third."""
        return _most_in_one_stretch(self.positions, self.words / 3)


def is_trafficking_policy(subject: Subject) -> bool:
    """Whether the document is a policy on trafficking and exploitation, not a plan that names
    them in passing or in one chapter (docs/beleidsscan.md, "Is this a trafficking policy?")."""
    if not (
        len(subject.hits) >= TRAFFICKING_MIN_HITS
        and len(set(subject.hits)) >= TRAFFICKING_MIN_DISTINCT
        and subject.share_of_parts >= TRAFFICKING_MIN_SHARE
    ):
        return False
    chapters = subject.words >= CHAPTERS_MIN_WORDS
    if subject.in_opening:
        return not (chapters and subject.in_one_third >= TITLED_MAX_IN_ONE_THIRD)
    return subject.per_1000_words >= UNTITLED_MIN_PER_1000_WORDS and not (
        chapters and subject.in_one_third >= UNTITLED_MAX_IN_ONE_THIRD
    )


@dataclass(frozen=True)
class ScanResult:
    is_trafficking_policy: bool
    trafficking_hits: int
    words: int
    tips: tuple[TipResult, ...]
    terms: tuple[TermResult, ...]
    subject: Subject  # how the document names the subject (the kind rule reads it)
    tip_reader_version: str = ""  # the tip reader's weights used ("" when not used)


Pages = Sequence[tuple[int, str]]
# A sentence (start, end) and the tips the tip reader takes it to address.
Recognised = tuple[int, int, frozenset[int]]


def scan(
    pages: Pages, rubric: Rubric, checker: TerminologyChecker, *, use_tip_reader: bool = True
) -> ScanResult:
    """``use_tip_reader=False``: the rubric's phrases alone (for comparison in bench/)."""
    prepared = prepare(pages)
    reader = default_tip_reader() if use_tip_reader else None
    words = sum(len(page.words) for page in prepared)
    trafficking = PhraseIndex(rubric.trafficking_phrases)
    minors = PhraseIndex(rubric.minor_phrases)
    adults = PhraseIndex(rubric.adult_phrases)
    weak = PhraseIndex(rubric.weak_phrases)
    marks = []
    hits: list[str] = []
    hit_words: list[int] = []  # where each hit stands, counted in words from the start
    parts_with_minors: set[int] = set()
    offset = 0  # words on earlier pages
    advice = advice_sections(prepared)
    findings = [checker.check(text) for _number, text in pages]
    for page, advice_spans, page_findings in zip(prepared, advice, findings, strict=True):
        found = trafficking.find_in(page) + [
            (f.term, f.start, f.end) for f in page_findings if f.term in SUBJECT_TERMS_TO_AVOID
        ]
        found.sort(key=lambda item: item[1])
        hits += [phrase for phrase, _s, _e in found]
        starts = [token.start for token in page.words]
        hit_words += [offset + bisect_left(starts, start) for _p, start, _e in found]
        minor_starts = [start for _p, start, _e in minors.find_in(page)]
        for start in minor_starts:
            parts_with_minors.add((offset + bisect_left(starts, start)) // MINOR_PART_WORDS)
        offset += len(page.words)
        marks.append(
            Marks(
                trafficking=[start for _p, start, _e in found],
                minors=minor_starts,
                adults=[start for _p, start, _e in adults.find_in(page)],
                weak=[start for _p, start, _e in weak.find_in(page)],
                deadlines=[m.start() for m in DEADLINE.finditer(page.text)],
                advice=advice_spans,
            )
        )
    for mark, spans in zip(marks, subject_sections(prepared, marks), strict=True):
        mark.subject_sections.extend(spans)
    subject = Subject(tuple(hits), tuple(hit_words), words)
    is_policy = is_trafficking_policy(subject)
    general = tuple(rubric.concrete_phrases)
    recognised = None if reader is None else recognised_sentences(prepared, reader, rubric.tips)
    about_minors = len(parts_with_minors) / max(1, -(-words // MINOR_PART_WORDS))
    throughout = is_policy and about_minors >= MINORS_THROUGHOUT
    return ScanResult(
        is_trafficking_policy=is_policy,
        trafficking_hits=len(hits),
        subject=subject,
        words=words,
        tips=tuple(
            score_tip(
                tip,
                prepared,
                marks,
                general,
                is_policy=is_policy,
                minors_throughout=throughout,
                recognised=recognised,
            )
            for tip in rubric.tips
        ),
        terms=tuple(_term_results(pages, findings)),
        tip_reader_version=reader.version if reader is not None else "",
    )


def _most_in_one_stretch(positions: Sequence[int], length: float) -> float:
    """The largest share of ``positions`` (sorted) that fall in one stretch of ``length``."""
    if not positions:
        return 0.0
    most = 0
    end = 0
    for begin, position in enumerate(positions):
        while end < len(positions) and positions[end] < position + length:
            end += 1
        most = max(most, end - begin)
    return most / len(positions)


@dataclass(frozen=True)
class Marks:
    """Where on a page the subject (trafficking, exploitation) and minors are named."""

    trafficking: list[int]
    minors: list[int]
    adults: list[int]
    weak: list[int]
    deadlines: list[int]  # "in 2026", "uiterlijk 1 maart 2027", "vanaf het derde kwartaal 2026"
    advice: list[tuple[int, int]] = field(default_factory=list)  # sections of recommendations
    # The stretches of the page (a section under a numbered heading) that name the subject.
    subject_sections: list[tuple[int, int]] = field(default_factory=list)

    def in_subject_section(self, position: int) -> bool:
        return any(begin <= position < end for begin, end in self.subject_sections)

    def in_advice(self, left: int, right: int) -> bool:
        return any(begin < right and left < end for begin, end in self.advice)


def advice_sections(pages: Sequence[Page]) -> list[list[tuple[int, int]]]:
    """Per page, the spans of text under a numbered heading on recommendations or advice,
    up to the next heading of the same or a higher level (across pages)."""
    return sections_under(
        pages,
        lambda index, left, right: bool(ADVICE_HEADING.search(pages[index].text, left, right)),
    )


def subject_sections(pages: Sequence[Page], marks: Sequence[Marks]) -> list[list[tuple[int, int]]]:
    """Per page, the spans of text under a numbered heading that names the subject
    ("6.2 Jongeren en veiligheid: criminele en seksuele uitbuiting"), heading included, up to
    the next heading of the same or a higher level (across pages): all of it is about
    exploitation, however far from the heading a passage stands."""
    return sections_under(
        pages,
        lambda index, left, right: _any_between(marks[index].trafficking, left, right),
    )


def sections_under(
    pages: Sequence[Page], opens: Callable[[int, int, int], bool]
) -> list[list[tuple[int, int]]]:
    """Per page, the spans under each numbered heading for which ``opens(page index, start,
    end)`` of its title holds, heading included, up to the next heading of the same or a
    higher level ("7.3" or "8." after "7.2")."""
    spans: list[list[tuple[int, int]]] = []
    open_at: tuple[int, ...] | None = None  # the number of the heading we are under
    for index, page in enumerate(pages):
        here: list[tuple[int, int]] = []
        begin = 0
        for match in HEADING.finditer(page.text):
            title = match.group(2)
            if len(title.split()) > HEADING_MAX_WORDS or title[-1] in ".,;:":
                continue
            number = tuple(int(part) for part in match.group(1).split("."))
            if open_at is not None and _next_section(open_at, number):
                here.append((begin, match.start()))
                open_at = None
            if open_at is None and opens(index, match.start(2), match.end(2)):
                open_at, begin = number, match.start()
        if open_at is not None:
            here.append((begin, len(page.text)))
        spans.append(here)
    return spans


def _next_section(current: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """Whether ``number`` comes after ``current`` at its level or a higher one ("7.3", "8" or,
    when "8" is missing or lost in the PDF, "9" after "7.2"), and is not an item of a numbered
    list in it ("1.", "2.")."""
    return any(
        len(number) == level
        and number[: level - 1] == current[: level - 1]
        and number[level - 1] > current[level - 1]
        for level in range(1, len(current) + 1)
    )


def in_simple_past(sentence: str) -> bool:
    """Whether the main clause of the sentence has a verb in the simple past: it reports, it
    does not promise. A past verb after "die", "omdat", "toen" (a subordinate clause, up to the
    next comma) describes, it does not report: "jongeren die eerder geweld meemaakten"."""
    for clause in _CLAUSE.split(sentence.lower()):
        previous = ""
        for match in _WORD_RE.finditer(clause):
            word = match.group()
            if word in SUBORDINATORS:
                break
            if word in PAST_FORMS or _weak_past(word, previous):
                return True
            previous = word
    return False


def _weak_past(word: str, previous: str) -> bool:
    if not _WEAK_PAST.fullmatch(word) or word.startswith("ge") or previous in _BEFORE_ADJECTIVE:
        return False
    if not simplemma.is_known(word, lang="nl"):
        return False  # two words run together by the extraction ("KnollendrechtDe")
    base = lemma(word)
    return base != word and base.endswith("en") and _weak_stem(base, word)


def _weak_stem(infinitive: str, word: str) -> bool:
    """Whether ``word`` is the stem of ``infinitive`` with -de(n)/-te(n): "werken" ->
    "werkte", "dalen" -> "daalde", "stoppen" -> "stopte", "leven" -> "leefde"."""
    root = infinitive[:-2]
    if len(root) >= 2 and root[-1] == root[-2]:
        root = root[:-1]  # stoppen -> stop
    elif (
        len(root) >= 2
        and root[-2] in "aeou"
        and root[-1] not in "aeiou"
        and (len(root) < 3 or root[-3] not in "aeiou")
    ):
        root = root[:-2] + root[-2] + root[-2:]  # dalen -> daal
    root = root[:-1] + {"v": "f", "z": "s"}.get(root[-1], root[-1])  # leven -> leef
    stem = word.removesuffix("n")[:-2]
    return stem in (root, root.replace("ee", "e")) or stem == infinitive[:-2]


def _any_between(starts: Sequence[int], left: int, right: int) -> bool:
    index = bisect_left(starts, left)
    return index < len(starts) and starts[index] < right


def score_tip(
    tip: Tip,
    pages: Sequence[Page],
    marks: Sequence[Marks],
    general_concrete: Sequence[str],
    *,
    is_policy: bool,
    minors_throughout: bool = False,
    recognised: Sequence[Sequence[Recognised]] | None = None,
) -> TipResult:
    """0: the topic is absent. 1: named, or concrete but not for minors, or not in a
    trafficking policy. 2: a concrete passage about minors, and the topic comes back.

    In a document that is not a trafficking policy a passage counts only near a word for
    trafficking or exploitation or in a section whose heading names it, unless the tip's
    subject is general (children's rights, participation). A measure in a question, under
    advice, hedged or in the simple past is not a commitment."""
    topic = PhraseIndex((*tip.topic_phrases, *tip.concrete_phrases))  # a measure names its topic
    own = PhraseIndex(tip.concrete_phrases)
    concrete = PhraseIndex(general_concrete)
    passages: list[Evidence] = []
    strong: list[Evidence] = []
    strong_own = 0
    concrete_for_others = False
    only_intended = False
    only_reported = False
    seen: set[str] = set()
    phrase_spans: dict[int, list[tuple[int, int]]] = {}  # page -> sentences with a phrase
    for page, mark in zip(pages, marks, strict=True):
        matches = topic.find_in(page)
        if not matches:
            continue
        own_starts = sorted(start for _p, start, _e in own.find_in(page))
        general_found = sorted(
            [*concrete.find_in(page), *((DEADLINE_MARKER, s, s) for s in mark.deadlines)],
            key=lambda found: found[1],
        )
        general_starts = [start for _p, start, _e in general_found]
        for phrase, start, end in matches:
            minors_near = _in_context(tip, page, mark, start, end, is_policy=is_policy)
            if minors_near is None:
                continue
            sentence = page.sentence(start, end)
            if sentence in seen:
                continue
            seen.add(sentence)
            found = Evidence(phrase, page.number, sentence)
            passages.append(found)
            left, right = page.sentence_span(start, end)
            phrase_spans.setdefault(page.number, []).append((left, right))
            markers = {
                general_found[k][0]
                for k in range(
                    bisect_left(general_starts, left), bisect_left(general_starts, right)
                )
            }
            # A measure typical for the tip, or two different markers (a year and a budget).
            has_own = _any_between(own_starts, left, right) or len(markers) >= 2
            if not (has_own or _any_between(general_starts, left, right)):
                continue
            asked = page.text[left:right].rstrip().endswith("?")  # a question promises nothing
            if asked or _any_between(mark.weak, left, right) or mark.in_advice(left, right):
                only_intended = True  # hedged, asked of others or excluded: not a commitment
                continue
            if page.text.count(",", left, right) >= LIST_COMMAS:
                continue  # a list (of partners, say) names, it does not commit
            if in_simple_past(page.text[left:right]):
                only_reported = True  # a finding or a look back: what was, not what will be
                continue
            minors_here = _any_between(mark.minors, left, right)
            for_minors = minors_here or (minors_near and not _any_between(mark.adults, left, right))
            if is_policy and for_minors:
                strong.append(found)
                strong_own += has_own
            else:
                concrete_for_others = True
    # The topic comes back: counted on the rubric's phrases only (the reader shows presence).
    phrase_passages = len(passages)
    if recognised is not None:
        for page, mark, sentences in zip(pages, marks, recognised, strict=True):
            taken = phrase_spans.get(page.number, [])
            for left, right, tips in sentences:
                if tip.number not in tips or any(a < right and left < b for a, b in taken):
                    continue
                if _in_context(tip, page, mark, left, right, is_policy=is_policy) is None:
                    continue
                passages.append(Evidence(RECOGNISED, page.number, page.sentence(left, right)))
    # Only a trafficking policy can score 2; there the parts of the criterion are checked.
    checklist = named_elements(tip, pages) if is_policy else ()
    missing = [name for name, named in checklist if not named]
    enough = is_policy and (
        strong_own >= 1
        or len(strong) >= STRONG_FOR_2
        or (tip.minors_throughout and minors_throughout)
        # a criterion of many parts that asks for all of them, and every part is named
        or (
            len(checklist) >= ELEMENTS_ENOUGH
            and tip.elements_for_2 == len(checklist)
            and not missing
        )
    )
    if not passages:
        why = f"Het document gaat hier niet op in. {tip.gap_hint}"
        return TipResult(tip, 0, (), why, checklist)
    parts_ok = len(checklist) - len(missing) >= tip.elements_for_2
    if enough and parts_ok and phrase_passages >= MIN_TOPIC_HITS_FOR_2:
        strong_ids = {id(item) for item in strong}
        shown = strong + [p for p in passages if id(p) not in strong_ids]
        return TipResult(tip, 2, tuple(shown[:EVIDENCE_PER_TIP]), "", checklist)
    if enough and not parts_ok:
        why = f"Voor een 2 noemt het beleid nog niet: {', '.join(missing)}."
    elif not is_policy:
        why = "Dit document is geen mensenhandelbeleid; het onderwerp komt alleen zijdelings voor."
    elif strong and phrase_passages < MIN_TOPIC_HITS_FOR_2:
        why = "Het onderwerp komt maar één keer en kort aan bod."
    elif strong:
        why = (
            "Er staat één concrete maatregel voor kinderen en jongeren, maar zonder eigenaar, "
            "budget of termijn, of zonder een tweede maatregel."
        )
    elif concrete_for_others:
        why = "Er staan concrete maatregelen, maar niet voor kinderen en jongeren."
    elif only_reported and not only_intended:
        why = (
            "Maatregelen staan er alleen als bevinding of terugblik: wat er was of gebeurde, "
            "niet wat de gemeente afspreekt."
        )
    elif only_intended:
        why = (
            "Maatregelen staan er alleen als vraag, aanbeveling, voornemen of voorbehoud, of als "
            "wat buiten de regeling valt; niet als vaste afspraak."
        )
    else:
        why = (
            "Het onderwerp komt voor, maar zonder concrete maatregel, eigenaar, termijn of "
            "afspraak."
        )
    evidence = tuple(passages[:EVIDENCE_PER_TIP])
    return TipResult(tip, 1, evidence, f"{why} {tip.gap_hint}", checklist)


def _in_context(
    tip: Tip, page: Page, mark: Marks, start: int, end: int, *, is_policy: bool
) -> bool | None:
    """None when a passage at ``start:end`` does not count for the tip; else whether children
    or young people are named around it. Outside a trafficking policy a passage counts only
    near the subject or in a section whose heading names it (unless the tip is general); for a
    tip about minors only where minors or the subject are named."""
    near_left, near_right = page.window_span(start, end, CONTEXT_AROUND)
    subject_near = _any_between(mark.trafficking, near_left, near_right)
    subject_near = subject_near or mark.in_subject_section(start)
    if not (is_policy or tip.general or subject_near):
        return None
    minors_near = _any_between(mark.minors, *page.window_span(start, end, MINORS_AROUND))
    if tip.about_minors and not (minors_near or subject_near):
        return None
    return minors_near


# A sentence shorter than this is a heading or a table cell: too little for the reader.
RECOGNISED_MIN_CHARS: Final = 25


def recognised_sentences(
    pages: Sequence[Page], reader: TipReader, tips: Sequence[Tip]
) -> list[list[Recognised]]:
    """Per page, the sentences the tip reader takes to address one or more tips (each
    sentence read once, for the tips of the rubric it was trained for). Such a sentence shows
    that the document touches a tip (a 1), never that it is concrete, and counts only under
    the same context rules as a phrase (``_in_context``)."""
    known = [tip.number for tip in tips if reader.knows(tip.number, tip.code)]
    found: list[list[Recognised]] = []
    for page in pages:
        sentences = []
        for left, right in page.sentence_spans():
            text = page.text[left:right]
            if len(text.strip()) < RECOGNISED_MIN_CHARS:
                continue
            addressed = reader.tips_addressed(text, known)
            if addressed:
                sentences.append((left, right, addressed))
        found.append(sentences)
    return found


def named_elements(tip: Tip, pages: Sequence[Page]) -> tuple[tuple[str, bool], ...]:
    """Each part of score 2's criterion (tip.elements) and whether the document names it."""
    if not tip.elements:
        return ()
    owner = {phrase: element.name for element in tip.elements for phrase in element.phrases}
    index = PhraseIndex(owner)
    found = {owner[phrase] for page in pages for phrase, _s, _e in index.find_in(page)}
    return tuple((element.name, element.name in found) for element in tip.elements)


def term_findings(pages: Pages, checker: TerminologyChecker) -> list[TermResult]:
    """Words to avoid, per term: how often, on which pages, and what to say instead."""
    return _term_results(pages, [checker.check(text) for _number, text in pages])


def _term_results(pages: Pages, findings: Sequence[Sequence[Finding]]) -> list[TermResult]:
    counts: dict[str, list[Any]] = {}
    for (number, _text), page_findings in zip(pages, findings, strict=True):
        for finding in page_findings:
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
