"""Writes of the beleidsscan: scan an uploaded document, save practice answers, keep the
rubric. Each write is one transaction with its audit row; a document that cannot be read
leaves nothing behind."""

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from schakel.accounts.policy import Action, scope_for
from schakel.audit.services import audit_record
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden

from . import selectors
from .constants import TITLE_MAX_LENGTH, Answer
from .domain.extract import ExtractError, extract
from .domain.rubric import parse_rubric, with_tip_changes
from .domain.scan import scan
from .models import PolicyScan, QuestionAnswer, RubricVersion, ScanTerm, ScanTip


def scan_upload(
    *,
    user: Any,
    municipality_id: int,
    title: str,
    filename: str,
    data: bytes,
    document_date: date | None = None,
    request: HttpRequest | None = None,
) -> PolicyScan:
    """Read, score and store a policy document. Raises DomainValidationError (field "file")
    with the reason in Dutch when the file cannot be read; nothing is stored then."""
    municipality = selectors.municipality_get_for_user(user, municipality_id)
    try:
        document = extract(filename, data)
    except ExtractError as error:
        raise DomainValidationError(error.message, code=error.code, field="file") from error
    current = selectors.current_rubric()
    result = scan(
        [(page.number, page.text) for page in document.pages],
        current.rubric,
        selectors.checker(),
    )
    facts = selectors.practice_facts(user, municipality)
    with transaction.atomic():
        policy_scan = PolicyScan(
            municipality=municipality,
            title=(title.strip() or filename)[:TITLE_MAX_LENGTH],
            document_date=document_date,
            filename=filename[-255:],
            kind=document.kind,
            sha256=hashlib.sha256(data).hexdigest(),
            pages=len(document.pages),
            words=result.words,
            is_trafficking_policy=result.is_trafficking_policy,
            trafficking_hits=result.trafficking_hits,
            rubric_version=current.version,
            practice=facts,
            created_by=user,
        )
        policy_scan.full_clean()
        policy_scan.save()
        ScanTip.objects.bulk_create(
            ScanTip(
                scan=policy_scan,
                tip=item.tip.number,
                code=item.tip.code,
                title=item.tip.title,
                score=item.score,
                why=item.why,
                evidence=[
                    {"text": e.text, "page": e.page, "phrase": e.phrase} for e in item.evidence
                ],
                elements=[{"name": name, "named": named} for name, named in item.elements],
            )
            for item in result.tips
        )
        ScanTerm.objects.bulk_create(
            ScanTerm(
                scan=policy_scan,
                term=term.term,
                count=term.count,
                suggestion=term.suggestion,
                kind=term.kind,
                pages=list(term.pages),
            )
            for term in result.terms
        )
        audit_record(
            actor=user,
            action=Action.BELEIDSSCAN_RUN,
            subject_type="policy_scan",
            subject_id=policy_scan.pk,
            request=request,
            details={
                "event": "scan",
                "municipality": municipality.code,
                "pages": policy_scan.pages,
                "scores": [item.score for item in result.tips],
                "rubric_version": current.version,
                "tip_reader": result.tip_reader_version,
            },
        )
    return policy_scan


@transaction.atomic
def scan_delete(*, user: Any, scan_id: int, request: HttpRequest | None = None) -> None:
    policy_scan = selectors.scan_get_for_user(user, scan_id)
    code = policy_scan.municipality.code
    policy_scan.delete()
    audit_record(
        actor=user,
        action=Action.BELEIDSSCAN_RUN,
        subject_type="policy_scan",
        subject_id=scan_id,
        request=request,
        details={"event": "delete", "municipality": code},
    )


@dataclass(frozen=True)
class AnswerInput:
    question: str
    tip: int
    answer: str
    explanation: str = ""
    evidence: str = ""


@transaction.atomic
def answers_save(
    *,
    user: Any,
    municipality_id: int,
    answers: list[AnswerInput],
    request: HttpRequest | None = None,
) -> int:
    """Store the answers that changed (earlier answers stay as history); returns how many."""
    municipality = selectors.municipality_get_for_user(user, municipality_id)
    rubric = selectors.current_rubric().rubric
    known = {q.code: tip.number for tip in rubric.tips for q in tip.questions}
    current = selectors.current_answers(user, municipality_id)
    saved: list[str] = []
    for item in answers:
        if known.get(item.question) != item.tip:
            raise DomainValidationError(f"Onbekende vraag: {item.question}.")
        if item.answer not in Answer.values:
            raise DomainValidationError("Kies ja, deels, nee of weet ik niet.", field=item.question)
        before = current.get(item.question)
        unchanged = before is not None and (
            before.answer,
            before.explanation,
            before.evidence,
        ) == (item.answer, item.explanation.strip(), item.evidence.strip())
        if unchanged:
            continue
        QuestionAnswer.objects.create(
            municipality=municipality,
            question=item.question,
            tip=item.tip,
            answer=item.answer,
            explanation=item.explanation.strip(),
            evidence=item.evidence.strip(),
            answered_by=user,
        )
        saved.append(item.question)
    if saved:
        audit_record(
            actor=user,
            action=Action.BELEIDSSCAN_RUN,
            subject_type="municipality",
            subject_id=municipality.pk,
            request=request,
            details={"event": "answers", "answers": saved},
        )
    return len(saved)


@transaction.atomic
def rubric_save_tip(
    *,
    user: Any,
    tip: int,
    changes: dict[str, Any],
    note: str,
    base_version: int,
    request: HttpRequest | None = None,
) -> RubricVersion:
    """A new version of the rubric with one tip changed. RubricError lists every problem;
    nothing is stored then."""
    rubric_check_access(user)
    if not note.strip():
        raise DomainValidationError("Schrijf kort op wat er verandert en waarom.", field="note")
    current = selectors.current_rubric()
    changed_meanwhile = DomainValidationError(
        "Iemand anders heeft de rubriek intussen gewijzigd (nu versie "
        f"{current.version}). Uw tekst staat nog in het formulier: kopieer wat u wilt houden "
        "en open de tip opnieuw."
    )
    if base_version != current.version:
        raise changed_meanwhile
    new_version = current.version + 1
    text = with_tip_changes(current.yaml_text, tip, changes, new_version)
    parse_rubric(text, selectors.checker())  # RubricError: nothing is stored
    try:
        with transaction.atomic():
            if not current.stored:
                # The shipped rubric becomes the first stored version: history starts there.
                RubricVersion.objects.create(
                    version=current.version,
                    yaml_text=current.yaml_text,
                    note="De rubriek zoals Schakel die meelevert.",
                )
            version = RubricVersion.objects.create(
                version=new_version, yaml_text=text, note=note.strip(), created_by=user
            )
    except IntegrityError as error:
        raise changed_meanwhile from error
    audit_record(
        actor=user,
        action=Action.BELEIDSSCAN_RUBRIC_EDIT,
        subject_type="rubric",
        subject_id=new_version,
        request=request,
        details={"tip": tip, "fields": sorted(changes)},
    )
    return version


def rubric_check_access(user: Any) -> None:
    if scope_for(user, Action.BELEIDSSCAN_RUBRIC_EDIT) is None:
        raise NotFoundOrForbidden()
