"""The reporting code's afwegingskader as data: which answers make reporting required."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class Step:
    number: int
    code: str
    title: str
    help: str


@dataclass(frozen=True)
class Question:
    number: int
    code: str
    question: str
    yes_means: str
    no_means: str
    report_required_if: str | None  # "yes", "no" or None
    note: str
    extra: bool = False  # a question of one professional group, not one of the five
    stop_if: str | None = None  # this answer ends the framework (e.g. no suspicion)


@dataclass(frozen=True)
class Framework:
    code: str
    label: str
    questions: tuple[Question, ...]
    extra_help: Mapping[str, str]
    extra_questions: tuple[tuple[int, Question], ...] = ()  # (after question number, question)

    def all_questions(self) -> list[Question]:
        """The five decisions with this group's extra questions in their place."""
        ordered: list[Question] = []
        for question in self.questions:
            ordered.append(question)
            ordered += [extra for after, extra in self.extra_questions if after == question.number]
        return ordered


@dataclass(frozen=True)
class Meldcode:
    steps: tuple[Step, ...]
    frameworks: Mapping[str, Framework]
    group_for_organisation_kind: Mapping[str, str]

    def framework_for(self, organisation_kind: str) -> Framework:
        code = self.group_for_organisation_kind.get(organisation_kind, "default")
        return self.frameworks.get(code, self.frameworks["default"])


def _question(raw: Mapping[str, Any]) -> Question:
    return Question(
        number=int(raw["number"]),
        code=str(raw["code"]),
        question=str(raw["question"]),
        yes_means=str(raw.get("yes_means", "")),
        no_means=str(raw.get("no_means", "")),
        report_required_if=raw.get("report_required_if"),
        note=str(raw.get("note", "") or raw.get("help", "")),
        stop_if=raw.get("stop_if"),
    )


def load_meldcode(text: str) -> Meldcode:
    data = yaml.safe_load(text)
    steps = tuple(
        Step(int(s["number"]), str(s["code"]), str(s["title"]), str(s.get("help", "")))
        for s in data["steps"]
    )
    raw_frameworks: Mapping[str, Mapping[str, Any]] = data["frameworks"]
    frameworks: dict[str, Framework] = {}

    def resolve(code: str, seen: tuple[str, ...] = ()) -> Framework:
        if code in frameworks:
            return frameworks[code]
        if code in seen:
            raise ValueError(f"Afwegingskader {code} verwijst naar zichzelf.")
        raw = raw_frameworks[code]
        questions: dict[str, Question] = {}
        extra_help: dict[str, str] = {}
        extras: list[tuple[int, Question]] = []
        if raw.get("extends"):
            parent = resolve(str(raw["extends"]), (*seen, code))
            questions = {q.code: q for q in parent.questions}
            extra_help = dict(parent.extra_help)
            extras = list(parent.extra_questions)
        for raw_extra in raw.get("extra_questions") or []:
            after = int(raw_extra["after"])
            extra = Question(
                number=after,
                code=str(raw_extra["code"]),
                question=str(raw_extra["question"]),
                yes_means=str(raw_extra.get("yes_means", "")),
                no_means=str(raw_extra.get("no_means", "")),
                report_required_if=None,
                note=str(raw_extra.get("help", "") or raw_extra.get("note", "")),
                extra=True,
            )
            extras.append((after, extra))
        for raw_question in raw.get("questions", []):
            question = _question(raw_question)
            questions[question.code] = question
        extra_help.update({str(k): str(v) for k, v in (raw.get("extra_help") or {}).items()})
        framework = Framework(
            code=code,
            label=str(raw.get("label", code)),
            questions=tuple(sorted(questions.values(), key=lambda q: q.number)),
            extra_help=extra_help,
            extra_questions=tuple(extras),
        )
        frameworks[code] = framework
        return framework

    for code in raw_frameworks:
        resolve(code)
    return Meldcode(
        steps=steps,
        frameworks=frameworks,
        group_for_organisation_kind={
            str(k): str(v) for k, v in (data.get("group_for_organisation_kind") or {}).items()
        },
    )


def questions_requiring_report(framework: Framework, answers: Mapping[str, str]) -> list[Question]:
    """The questions whose answer makes a report to Veilig Thuis required."""
    return [
        q
        for q in framework.questions
        if q.report_required_if is not None and answers.get(q.code) == q.report_required_if
    ]


def open_questions(framework: Framework, answers: Mapping[str, str]) -> list[Question]:
    """The five decisions still to answer, up to an answer that ends the framework."""
    missing: list[Question] = []
    for question in framework.questions:
        answer = answers.get(question.code)
        if answer is None:
            missing.append(question)
        elif question.stop_if is not None and answer == question.stop_if:
            break
    return missing
