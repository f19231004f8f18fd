"""The beleidsscan rubric as data: the guide's ten tips, with what scores 0, 1 and 2.

Loaded from YAML (``beleidsscan/data/rubric.yaml`` by default; a functioneel beheerder edits a
copy). ``load_rubric`` checks the whole document and raises ``RubricError`` with every problem
in plain Dutch, naming the tip and the field, so a broken edit is never half taken over.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from schakel.kennis.domain.terminology import TerminologyChecker, load_terms

DEFAULT_RUBRIC: Final = Path(__file__).resolve().parent.parent / "data" / "rubric.yaml"
SCORES: Final = (0, 1, 2)
TIP_COUNT: Final = 10
FEATURES: Final = frozenset(
    {
        "routekaart",
        "signaal",
        "casussen",
        "werkvoorraad",
        "monitor",
        "beleidsscan",
        "trainingsregister",
        "participatie",
        "logboek",
    }
)
DEFAULT_TERMS: Final = Path(__file__).resolve().parents[2] / "kennis" / "data" / "terms.yaml"
_CODE: Final = re.compile(r"^[a-z][a-z0-9-]*$")
_STEM: Final = re.compile(r"\w+(?:[-']\w+)*\*")  # "mensenhandel*": the start of compounds


class RubricError(ValueError):
    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("De rubriek klopt niet:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Question:
    code: str
    text: str


@dataclass(frozen=True)
class Element:
    """Something score 2 asks for (e.g. "de meldcode"), recognised by any of its phrases."""

    name: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Tip:
    number: int
    code: str
    title: str
    explanation: str
    criteria: Mapping[int, str]
    topic_phrases: tuple[str, ...]
    concrete_phrases: tuple[str, ...]
    gap_hint: str
    general: bool  # its subject also exists outside trafficking policy (children's rights...)
    about_minors: bool  # a passage counts only where children or young people are named
    minors_throughout: bool  # 2 also when the whole policy is about minors (tip 2)
    elements: tuple[Element, ...]  # what score 2 asks for, each recognised by its phrases
    elements_for_2: int  # how many of them a policy must name to score 2 (0: no such check)
    actions: tuple[str, ...]
    features: tuple[str, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Rubric:
    version: int
    source: str
    scores: Mapping[int, str]
    tips: tuple[Tip, ...]
    concrete_phrases: tuple[str, ...]
    trafficking_phrases: tuple[str, ...]
    minor_phrases: tuple[str, ...]
    adult_phrases: tuple[str, ...]
    weak_phrases: tuple[str, ...]

    def tip(self, number: int) -> Tip:
        return self.tips[number - 1]


def default_checker() -> TerminologyChecker:
    return TerminologyChecker(load_terms(DEFAULT_TERMS.read_text(encoding="utf-8")))


def load_rubric(path: Path = DEFAULT_RUBRIC, checker: TerminologyChecker | None = None) -> Rubric:
    return parse_rubric(path.read_text(encoding="utf-8"), checker)


def parse_rubric(
    text: str, checker: TerminologyChecker | None = None, *, check_words: bool = True
) -> Rubric:
    """The rubric from YAML text, checked; RubricError lists every problem.

    The rubric must itself use the right words: ``checker`` (by default the shipped word
    list, the same one the intake and the scan use) finds any word to avoid. A version that
    was checked when it was saved is read with ``check_words=False``, so a later change of
    the word list never makes a stored rubric unreadable.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (regel {mark.line + 1})" if mark is not None else ""
        raise RubricError([f"Dit is geen geldige YAML{where}."]) from error
    problems: list[str] = []
    if not isinstance(data, dict):
        raise RubricError(["De rubriek moet een lijst met sleutels zijn (version, tips, ...)."])
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        problems.append("'version' moet een geheel getal vanaf 1 zijn.")
    source = _text(data, "source", "de rubriek", problems)
    scores = _scores(data.get("scores"), "de rubriek: scores", problems)
    concrete = _phrases(data, "concrete_phrases", "de rubriek", problems)
    trafficking = _phrases(data, "trafficking_phrases", "de rubriek", problems)
    minors = _phrases(data, "minor_phrases", "de rubriek", problems)
    adults = _phrases(data, "adult_phrases", "de rubriek", problems)
    weak = _phrases(data, "weak_phrases", "de rubriek", problems)
    raw_tips = data.get("tips")
    tips: list[Tip] = []
    if not isinstance(raw_tips, list) or len(raw_tips) != TIP_COUNT:
        problems.append(f"'tips' moet precies {TIP_COUNT} tips bevatten.")
    else:
        for index, raw in enumerate(raw_tips, start=1):
            tip = _tip(raw, index, problems)
            if tip is not None:
                tips.append(tip)
    _unique([t.code for t in tips], "tipcode", problems)
    _unique([q.code for t in tips for q in t.questions], "vraagcode", problems)
    if check_words:
        problems += _words_to_avoid(text, checker or default_checker())
    if problems:
        raise RubricError(problems)
    assert isinstance(version, int)  # noqa: S101 - checked above
    return Rubric(version, source, scores, tuple(tips), concrete, trafficking, minors, adults, weak)


def _tip(raw: Any, index: int, problems: list[str]) -> Tip | None:
    where = f"tip {index}"
    if not isinstance(raw, dict):
        problems.append(f"{where}: moet een lijst met sleutels zijn.")
        return None
    if raw.get("number") != index:
        problems.append(f"{where}: 'number' moet {index} zijn (de tips staan op volgorde).")
    code = _text(raw, "code", where, problems)
    if code and not _CODE.match(code):
        problems.append(f"{where}: 'code' mag alleen kleine letters, cijfers en '-' bevatten.")
    features = tuple(str(f) for f in raw.get("features") or [])
    for feature in features:
        if feature not in FEATURES:
            problems.append(f"{where}: onbekende functie '{feature}' in 'features'.")
    questions = []
    for number, item in enumerate(raw.get("questions") or [], start=1):
        if not isinstance(item, dict) or not item.get("code") or not item.get("text"):
            problems.append(f"{where}: vraag {number} heeft een 'code' en een 'text' nodig.")
            continue
        questions.append(Question(str(item["code"]), str(item["text"]).strip()))
    if not questions:
        problems.append(f"{where}: geef minstens één vraag over de praktijk ('questions').")
    actions = tuple(str(a).strip() for a in raw.get("actions") or [] if str(a).strip())
    if not actions:
        problems.append(f"{where}: geef minstens één aanbevolen actie ('actions').")
    elements = _elements(raw.get("elements"), where, problems)
    elements_for_2 = raw.get("elements_for_2", len(elements))
    if not isinstance(elements_for_2, int) or not 0 <= elements_for_2 <= len(elements):
        problems.append(
            f"{where}: 'elements_for_2' moet een geheel getal van 0 tot en met het aantal "
            f"onderdelen ({len(elements)}) zijn."
        )
        elements_for_2 = len(elements)
    return Tip(
        number=index,
        code=code,
        title=_text(raw, "title", where, problems),
        explanation=_text(raw, "explanation", where, problems),
        criteria=_scores(raw.get("criteria"), f"{where}: criteria", problems),
        topic_phrases=_phrases(raw, "topic_phrases", where, problems),
        concrete_phrases=_phrases(raw, "concrete_phrases", where, problems),
        gap_hint=_text(raw, "gap_hint", where, problems),
        general=bool(raw.get("general", False)),
        about_minors=bool(raw.get("about_minors", False)),
        minors_throughout=bool(raw.get("minors_throughout", False)),
        elements=elements,
        elements_for_2=elements_for_2,
        actions=actions,
        features=features,
        questions=tuple(questions),
    )


def _elements(raw: Any, where: str, problems: list[str]) -> tuple[Element, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(f"{where}: 'elements' moet een lijst zijn.")
        return ()
    out = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            problems.append(f"{where}: onderdeel {number} heeft een 'name' nodig.")
            continue
        phrases = _phrases(item, "phrases", f"{where}, onderdeel '{item['name']}'", problems)
        out.append(Element(" ".join(str(item["name"]).split()), phrases))
    _unique([element.name for element in out], f"naam van een onderdeel bij {where}", problems)
    owners: dict[str, str] = {}
    for element in out:
        for phrase in element.phrases:
            other = owners.setdefault(phrase, element.name)
            if other != element.name:
                problems.append(
                    f"{where}: '{phrase}' staat bij twee onderdelen ('{other}' en "
                    f"'{element.name}'); een woord hoort bij één onderdeel."
                )
    return tuple(out)


def _text(raw: Mapping[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: '{key}' ontbreekt of is leeg.")
        return ""
    return value.strip()


def _scores(raw: Any, where: str, problems: list[str]) -> dict[int, str]:
    if not isinstance(raw, dict) or sorted(raw) != list(SCORES):
        problems.append(f"{where}: beschrijf precies de scores 0, 1 en 2.")
        return {}
    out = {}
    for score in SCORES:
        if not isinstance(raw[score], str) or not raw[score].strip():
            problems.append(f"{where}: de beschrijving bij score {score} is leeg.")
        else:
            out[score] = raw[score].strip()
    return out


def _phrases(raw: Mapping[str, Any], key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not value:
        problems.append(f"{where}: '{key}' moet een lijst met minstens één woord zijn.")
        return ()
    phrases = tuple(" ".join(str(v).lower().split()) for v in value)
    if any(not phrase for phrase in phrases):
        problems.append(f"{where}: '{key}' bevat een leeg woord.")
    for phrase in phrases:
        if "*" in phrase and not _STEM.fullmatch(phrase):
            problems.append(
                f"{where}: '{phrase}' in '{key}': een * staat alleen aan het eind van één woord "
                "(zoals 'mensenhandel*': ook mensenhandelzaken)."
            )
    return tuple(dict.fromkeys(p for p in phrases if p))


def _unique(codes: Sequence[str], label: str, problems: list[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if code and code in seen:
            problems.append(f"De {label} '{code}' komt twee keer voor.")
        seen.add(code)


def _words_to_avoid(text: str, checker: TerminologyChecker) -> list[str]:
    return [
        f"De rubriek gebruikt '{finding.matched}'. Gebruik liever: {finding.suggestion}."
        for finding in checker.check(text)
    ]


EDITABLE_TIP_FIELDS: Final = (
    "title",
    "explanation",
    "criteria",
    "gap_hint",
    "actions",
    "features",
    "questions",
    "topic_phrases",
    "concrete_phrases",
    "elements",
    "elements_for_2",
)


def with_tip_changes(text: str, number: int, changes: Mapping[str, Any], version: int) -> str:
    """The rubric's YAML with tip ``number`` changed and ``version`` set; not yet checked
    (``parse_rubric`` on the result says what is wrong). Comments in the YAML are lost."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("tips"), list):
        raise RubricError(["De huidige rubriek is onleesbaar; laat een ontwikkelaar kijken."])
    unknown = sorted(set(changes) - set(EDITABLE_TIP_FIELDS))
    if unknown:
        raise ValueError(f"Not editable: {unknown}")
    if not 1 <= number <= len(data["tips"]):
        raise RubricError([f"Tip {number} bestaat niet."])
    tip = dict(data["tips"][number - 1])
    tip.update(changes)
    data["tips"][number - 1] = tip
    data["version"] = version
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
