"""Writes on cases: open from a signal, attach/detach signals, decisions, referrals,
missing episodes, the plan for after 18, closing and reopening, optimistic locking."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.accounts.models import User
from schakel.accounts.policy import Action, scope_for
from schakel.audit.services import audit_record
from schakel.common.exceptions import ConflictError, DomainValidationError, NotFoundOrForbidden
from schakel.geo.models import Municipality
from schakel.intake.constants import SignalStatus
from schakel.intake.selectors import signal_get_for_user

from .constants import CaseRoleKind
from .domain.access import emergency_expires, emergency_problems, membership_problems
from .domain.closing import Aftercare as AftercareSpec
from .domain.closing import CaseStatus, check_case_transition, closing_problems
from .domain.decisions import DecisionDraft, decision_problems
from .domain.locking import CONFLICT_MESSAGE, FieldChange, conflicts
from .domain.missing import MissingEpisode as EpisodeSpec
from .domain.missing import episode_problems
from .domain.queue import QueueKind
from .domain.referrals import INITIAL_STATUS, ReferralStatus, check_transition
from .domain.workflow import TransitionError
from .models import (
    Aftercare,
    Case,
    CaseAction,
    CaseMember,
    CaseRole,
    CaseSignal,
    CaseStatusChange,
    Decision,
    EmergencyAccess,
    MissingEpisode,
    QueueEntry,
    Referral,
    ReferralEvent,
    TransitionPlan,
)
from .selectors import (
    case_get_for_user,
    emergency_access_get_for_review,
    plan_spec,
    queue_items_for_cases,
)


class FormProblems(DomainValidationError):
    """Several fields are missing or wrong; ``problems`` maps field name to a Dutch message."""

    def __init__(self, problems: Mapping[str, str], message: str) -> None:
        self.problems = dict(problems)
        super().__init__(message)


class CaseConflict(ConflictError):
    """Someone else changed the case since the form was opened; nothing was saved."""

    def __init__(self, changes: list[FieldChange]) -> None:
        self.changes = changes
        super().__init__(CONFLICT_MESSAGE)


def _managed_case(actor: User, case_id: int) -> Case:
    case = case_get_for_user(user=actor, case_id=case_id, action=Action.CASE_MANAGE, audit=False)
    return Case.objects.select_for_update().get(pk=case.pk)


def _case_row(model: Any, pk: int, case_id: int | None, **still: Any) -> Any:
    """A row of a case (a referral, role, action, episode, member) that is still open.

    With ``case_id`` the row must belong to that case; the caller then checks access to the
    row's case with ``_managed_case``. Absent and not-this-case look the same.
    """
    filters = {"pk": pk, **still}
    if case_id is not None:
        filters["case_id"] = case_id
    row = model.objects.filter(**filters).first()
    if row is None:
        raise NotFoundOrForbidden()
    return row


def _audit(actor: User, action: str, case: Case, request: HttpRequest | None, **extra: Any) -> None:
    """Audit a change to a case, and bring its work-queue entries up to date with it."""
    queue_refresh(case_ids=[case.pk])
    audit_record(
        actor=actor,
        action=action,
        subject_type="case",
        subject_id=case.pk,
        request=request,
        **extra,
    )


def _touch(case: Case) -> None:
    case.lock_version += 1
    case.save(update_fields=["lock_version", "updated_at"])


@transaction.atomic
def case_open_from_signal(
    *, actor: User, signal_id: int, request: HttpRequest | None = None
) -> Case:
    """Open a case for the young person of a sent signal, and attach that signal."""
    signal = signal_get_for_user(
        user=actor, signal_id=signal_id, action=Action.SIGNAL_QUEUE, audit=False
    )
    if signal.status == SignalStatus.DRAFT:
        raise NotFoundOrForbidden()
    if signal.region_id is None:
        raise DomainValidationError("Dit signaal hoort nog bij geen regio.")
    if CaseSignal.objects.filter(signal=signal, detached_at__isnull=True).exists():
        raise DomainValidationError("Dit signaal hoort al bij een casus.")
    case = Case(
        region_id=signal.region_id,
        owner=actor,
        given_names=signal.given_names,
        roepnaam=signal.roepnaam,
        tussenvoegsel=signal.tussenvoegsel,
        surname=signal.surname,
        date_of_birth=signal.date_of_birth,
        exploitation_types=list(signal.exploitation_types),
        parents_take_part=bool(signal.parents_involved),
    )
    case.full_clean()
    case.save()
    case.municipalities.set({p.municipality_id for p in signal.places.all()})
    CaseSignal.objects.create(
        case=case, signal=signal, attached_by=actor, reason="Casus geopend vanuit dit signaal"
    )
    CaseStatusChange.objects.create(case=case, status=case.status, by=actor)
    _audit(actor, "case.open", case, request, details={"signal": signal.pk})
    return case


@transaction.atomic
def case_signal_attach(
    *,
    actor: User,
    case_id: int,
    signal_id: int,
    reason: str,
    request: HttpRequest | None = None,
) -> CaseSignal:
    case = _managed_case(actor, case_id)
    signal = signal_get_for_user(
        user=actor, signal_id=signal_id, action=Action.SIGNAL_QUEUE, audit=False
    )
    if not reason.strip():
        raise DomainValidationError(
            "Schrijf op waarom dit signaal bij deze jongere hoort.", field="reason"
        )
    if CaseSignal.objects.filter(signal=signal, detached_at__isnull=True).exists():
        raise DomainValidationError("Dit signaal hoort al bij een casus. Koppel het eerst los.")
    link = CaseSignal.objects.create(
        case=case, signal=signal, attached_by=actor, reason=reason.strip()
    )
    # The places in the new signal become municipalities involved in the case.
    case.municipalities.add(*{p.municipality_id for p in signal.places.all()})
    _touch(case)
    _audit(
        actor,
        "case.signal_attach",
        case,
        request,
        reason=reason.strip(),
        details={"signal": signal.pk},
    )
    return link


@transaction.atomic
def case_signal_detach(
    *,
    actor: User,
    case_id: int,
    signal_id: int,
    reason: str,
    request: HttpRequest | None = None,
) -> CaseSignal:
    """Undo an attachment. The row stays, with who detached it, when and why."""
    case = _managed_case(actor, case_id)
    link = CaseSignal.objects.filter(
        case=case, signal_id=signal_id, detached_at__isnull=True
    ).first()
    if link is None:
        raise NotFoundOrForbidden()
    if not reason.strip():
        raise DomainValidationError("Schrijf op waarom u dit signaal loskoppelt.", field="reason")
    link.detached_by = actor
    link.detached_at = timezone.now()
    link.detach_reason = reason.strip()
    link.save()
    _touch(case)
    _audit(
        actor,
        "case.signal_detach",
        case,
        request,
        reason=reason.strip(),
        details={"signal": signal_id},
    )
    return link


@transaction.atomic
def case_update(
    *,
    actor: User,
    case_id: int,
    base: Mapping[str, object],
    changes: Mapping[str, object],
    labels: Mapping[str, str],
    request: HttpRequest | None = None,
) -> Case:
    """Change case fields. ``base`` is what the user saw; a conflicting change is refused."""
    case = _managed_case(actor, case_id)
    current = case_snapshot(case, changes)
    found = conflicts(base, current, changes, labels)
    if found:
        raise CaseConflict(found)
    codes = changes.get("municipalities")
    for name, value in changes.items():
        if name != "municipalities":
            setattr(case, name, value)
    case.lock_version += 1
    case.full_clean()
    case.save()
    if codes is not None:
        assert isinstance(codes, list | tuple)  # noqa: S101
        found_municipalities = list(Municipality.objects.filter(code__in=codes))
        if len(found_municipalities) != len(set(codes)):
            raise DomainValidationError("Onbekende gemeente.", field="municipalities")
        case.municipalities.set(found_municipalities)
    _audit(actor, "case.update", case, request, details={"fields": sorted(changes)})
    return case


QUEUE_REFRESH_CHUNK = 2000


def queue_refresh(
    *,
    case_ids: Iterable[int] | None = None,
    cases: QuerySet[Case] | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> int:
    """Recompute the stored work-queue entries of these cases (derived data, not audited).

    Runs in chunks, each in its own transaction (or in the caller's). Returns how many cases
    were refreshed.
    """
    today = today or timezone.localdate()
    now = now or timezone.now()
    if case_ids is not None:
        ids = list(case_ids)
    else:
        assert cases is not None  # noqa: S101
        ids = list(cases.values_list("pk", flat=True))
    kinds = list(QueueKind)
    for start in range(0, len(ids), QUEUE_REFRESH_CHUNK):
        chunk = ids[start : start + QUEUE_REFRESH_CHUNK]
        with transaction.atomic():
            QueueEntry.objects.filter(case_id__in=chunk).delete()
            items = queue_items_for_cases(Case.objects.filter(pk__in=chunk), today, now)
            regions = dict(
                Case.objects.filter(pk__in={item.case_id for item in items}).values_list(
                    "pk", "region_id"
                )
            )
            QueueEntry.objects.bulk_create(
                QueueEntry(
                    case_id=item.case_id,
                    region_id=regions[int(item.case_id)],
                    kind=item.kind.value,
                    kind_order=kinds.index(item.kind),
                    label=item.label[:300],
                    due=item.due,
                    severity=int(item.severity),
                    ref="" if item.ref is None else str(item.ref),
                    computed_for=today,
                )
                for item in items
            )
            Case.objects.filter(pk__in=chunk).update(queue_computed_for=today)
    return len(ids)


def case_snapshot(case: Case, names: Iterable[str]) -> dict[str, object]:
    """The stored values of ``names``, comparable with a form's (municipalities as codes)."""
    values: dict[str, object] = {}
    for name in names:
        if name == "municipalities":
            values[name] = sorted(case.municipalities.values_list("code", flat=True))
        else:
            values[name] = getattr(case, name)
    return values


@transaction.atomic
def decision_record(
    *, actor: User, case_id: int, draft: DecisionDraft, request: HttpRequest | None = None
) -> Decision:
    """Record a decision. Refused, naming every missing part, unless it is complete."""
    case = _managed_case(actor, case_id)
    # Whether the parents take part in the exploitation is a fact of the case, not of the form.
    draft = replace(draft, parents_take_part=case.parents_take_part)
    problems = decision_problems(draft)
    if problems:
        raise FormProblems(problems, "Het besluit is nog niet compleet. Vul aan wat ontbreekt.")
    assert draft.child_heard is not None and draft.parents_involved is not None  # noqa: S101
    decision = Decision.objects.create(
        case=case,
        decided_by=actor,
        what=draft.what.strip(),
        why=draft.why.strip(),
        child_heard=draft.child_heard,
        child_view=draft.child_view.strip(),
        child_not_heard_reason=draft.child_not_heard_reason.strip(),
        best_interest=draft.best_interest.strip(),
        parents_involved=draft.parents_involved,
        parents_reason=draft.parents_reason.strip(),
        parents_extra_justification=draft.parents_extra_justification.strip(),
        shares_data=draft.shares_data,
        shared_with=draft.shared_with.strip(),
        legal_basis=draft.legal_basis,
    )
    _touch(case)
    _audit(actor, "case.decision", case, request, details={"decision": decision.pk})
    return decision


@transaction.atomic
def referral_send(
    *,
    actor: User,
    case_id: int,
    to_name: str,
    kind: str,
    on: date,
    request: HttpRequest | None = None,
) -> Referral:
    case = _managed_case(actor, case_id)
    if not to_name.strip():
        raise DomainValidationError("Vul in naar wie u verwijst.", field="to_name")
    referral = Referral.objects.create(
        case=case,
        to_name=to_name.strip(),
        kind=kind.strip(),
        status=INITIAL_STATUS.value,
        status_since=on,
        created_by=actor,
    )
    ReferralEvent.objects.create(referral=referral, status=INITIAL_STATUS.value, on=on, by=actor)
    _touch(case)
    _audit(actor, "case.referral_send", case, request, details={"referral": referral.pk})
    return referral


@transaction.atomic
def referral_update(
    *,
    actor: User,
    referral_id: int,
    status: str,
    on: date,
    note: str = "",
    case_id: int | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    referral = _case_row(Referral, referral_id, case_id)
    case = _managed_case(actor, referral.case_id)
    try:
        check_transition(ReferralStatus(referral.status), ReferralStatus(status))
    except (TransitionError, ValueError) as error:
        raise DomainValidationError(str(error), field="status") from error
    if on < referral.status_since:
        raise DomainValidationError("De datum ligt vóór de vorige stap.", field="on")
    referral.status = status
    referral.status_since = on
    referral.save(update_fields=["status", "status_since"])
    ReferralEvent.objects.create(
        referral=referral, status=status, on=on, by=actor, note=note.strip()
    )
    _touch(case)
    _audit(
        actor,
        "case.referral_update",
        case,
        request,
        details={"referral": referral.pk, "status": status},
    )
    return referral


@transaction.atomic
def missing_episode_record(
    *,
    actor: User,
    case_id: int,
    start: datetime,
    end: datetime | None = None,
    found_where: str = "",
    reported_by: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> MissingEpisode:
    case = _managed_case(actor, case_id)
    others = [EpisodeSpec(start=e.start, end=e.end) for e in case.missing_episodes.all()]
    problems = episode_problems(start, end, timezone.now(), others=others)
    if problems:
        raise DomainValidationError(" ".join(problems), field="start")
    episode = MissingEpisode.objects.create(
        case=case,
        start=start,
        end=end,
        found_where=found_where.strip(),
        reported_by=reported_by.strip(),
        note=note.strip(),
        recorded_by=actor,
    )
    _touch(case)
    _audit(actor, "case.missing_episode", case, request, details={"episode": episode.pk})
    return episode


@transaction.atomic
def transition_plan_save(
    *,
    actor: User,
    case_id: int,
    who_takes_over: str,
    adult_care_arranged: bool,
    consent_asked_again: bool,
    consent_given: bool | None,
    agreed_on: date | None,
    request: HttpRequest | None = None,
) -> TransitionPlan:
    case = _managed_case(actor, case_id)
    plan, _created = TransitionPlan.objects.update_or_create(
        case=case,
        defaults={
            "who_takes_over": who_takes_over.strip(),
            "adult_care_arranged": adult_care_arranged,
            "consent_asked_again": consent_asked_again,
            "consent_given": consent_given,
            "agreed_on": agreed_on,
        },
    )
    _touch(case)
    _audit(actor, "case.transition_plan", case, request)
    return plan


@transaction.atomic
def case_close(
    *,
    actor: User,
    case_id: int,
    reason: str,
    note: str,
    aftercare: Sequence[AftercareSpec],
    request: HttpRequest | None = None,
) -> Case:
    """Close with a reason and aftercare; turning 18 is never a reason in itself."""
    case = _managed_case(actor, case_id)
    try:
        check_case_transition(CaseStatus(case.status), CaseStatus.CLOSED)
    except TransitionError as error:
        raise DomainValidationError(str(error)) from error
    problems = closing_problems(
        reason,
        aftercare,
        timezone.localdate(),
        date_of_birth=case.date_of_birth,
        transition_plan=plan_spec(getattr(case, "transition_plan", None)),
    )
    if problems:
        raise FormProblems(problems, "De casus kan nog niet worden afgesloten.")
    Aftercare.objects.bulk_create(
        Aftercare(case=case, who=a.who.strip(), until=a.until, what=a.what.strip())
        for a in aftercare
        if a.until is not None
    )
    case.status = CaseStatus.CLOSED.value
    case.closing_reason = reason
    case.closing_note = note.strip()
    case.closed_at = timezone.now()
    case.lock_version += 1
    case.save()
    CaseStatusChange.objects.create(
        case=case, status=case.status, reason=reason, note=note.strip(), by=actor
    )
    _audit(actor, "case.close", case, request, reason=note.strip(), details={"reason": reason})
    return case


@transaction.atomic
def case_reopen(
    *, actor: User, case_id: int, reason: str, request: HttpRequest | None = None
) -> Case:
    """Reopen a closed case; everything that happened before stays."""
    case = _managed_case(actor, case_id)
    try:
        check_case_transition(CaseStatus(case.status), CaseStatus.OPEN)
    except TransitionError as error:
        raise DomainValidationError(str(error)) from error
    if not reason.strip():
        raise DomainValidationError("Schrijf op waarom de casus weer open gaat.", field="reason")
    case.status = CaseStatus.OPEN.value
    case.closed_at = None
    case.lock_version += 1
    case.save()
    CaseStatusChange.objects.create(case=case, status=case.status, note=reason.strip(), by=actor)
    _audit(actor, "case.reopen", case, request, reason=reason.strip())
    return case


@transaction.atomic
def case_role_add(
    *,
    actor: User,
    case_id: int,
    role: str,
    since: date,
    note: str = "",
    request: HttpRequest | None = None,
) -> CaseRole:
    """A role from a date on. Victim and offender can hold at the same time."""
    case = _managed_case(actor, case_id)
    if role not in CaseRoleKind.values:
        raise DomainValidationError("Kies slachtoffer of dader.", field="role")
    if since > timezone.localdate():
        raise DomainValidationError("De datum ligt in de toekomst.", field="since")
    if case.roles.filter(role=role, until__isnull=True).exists():
        raise DomainValidationError(
            "Deze rol geldt al. Beëindig hem eerst als u de datum wilt wijzigen.", field="role"
        )
    added = CaseRole.objects.create(case=case, role=role, since=since, note=note.strip())
    _touch(case)
    _audit(actor, "case.role_add", case, request, details={"role": role})
    return added


@transaction.atomic
def case_role_end(
    *,
    actor: User,
    role_id: int,
    until: date,
    case_id: int | None = None,
    request: HttpRequest | None = None,
) -> CaseRole:
    role = _case_row(CaseRole, role_id, case_id, until__isnull=True)
    case = _managed_case(actor, role.case_id)
    if until < role.since:
        raise DomainValidationError("De einddatum ligt vóór het begin van de rol.", field="until")
    role.until = until
    role.save(update_fields=["until"])
    _touch(case)
    _audit(actor, "case.role_end", case, request, details={"role": role.role})
    return role


@transaction.atomic
def case_action_add(
    *, actor: User, case_id: int, title: str, due: date | None, request: HttpRequest | None = None
) -> CaseAction:
    case = _managed_case(actor, case_id)
    problems = {}
    if not title.strip():
        problems["title"] = "Schrijf op wat er moet gebeuren."
    if due is None:
        problems["due"] = "Vul in wanneer het uiterlijk klaar moet zijn."
    if problems:
        raise FormProblems(problems, "De actie is nog niet compleet.")
    assert due is not None  # noqa: S101
    action = CaseAction.objects.create(case=case, title=title.strip(), due=due, created_by=actor)
    _touch(case)
    _audit(actor, "case.action_add", case, request, details={"action": action.pk})
    return action


@transaction.atomic
def case_action_done(
    *,
    actor: User,
    action_id: int,
    case_id: int | None = None,
    request: HttpRequest | None = None,
) -> CaseAction:
    action = _case_row(CaseAction, action_id, case_id, done_at__isnull=True)
    case = _managed_case(actor, action.case_id)
    action.done_at = timezone.now()
    action.done_by = actor
    action.save(update_fields=["done_at", "done_by"])
    _touch(case)
    _audit(actor, "case.action_done", case, request, details={"action": action.pk})
    return action


@transaction.atomic
def missing_episode_end(
    *,
    actor: User,
    episode_id: int,
    end: datetime,
    found_where: str = "",
    case_id: int | None = None,
    request: HttpRequest | None = None,
) -> MissingEpisode:
    """The young person is back: close the ongoing episode."""
    episode = _case_row(MissingEpisode, episode_id, case_id, end__isnull=True)
    case = _managed_case(actor, episode.case_id)
    others = [
        EpisodeSpec(start=e.start, end=e.end) for e in case.missing_episodes.exclude(pk=episode.pk)
    ]
    problems = episode_problems(episode.start, end, timezone.now(), others=others)
    if problems:
        raise DomainValidationError(" ".join(problems), field="end")
    episode.end = end
    if found_where.strip():
        episode.found_where = found_where.strip()
    episode.save(update_fields=["end", "found_where"])
    _touch(case)
    _audit(actor, "case.missing_episode_end", case, request, details={"episode": episode.pk})
    return episode


@transaction.atomic
def member_add(
    *,
    actor: User,
    case_id: int,
    user_id: int,
    sections: Sequence[str],
    until: date | None,
    request: HttpRequest | None = None,
) -> CaseMember:
    """Add a professional of a partner organisation, with chosen sections and an end date."""
    case = _managed_case(actor, case_id)
    problems = membership_problems(sections, until, timezone.localdate())
    member_user = User.objects.filter(pk=user_id, is_active=True).first()
    if member_user is None or member_user.role != Role.PROFESSIONAL:
        problems["user"] = "Kies een professional van een partnerorganisatie."
    elif not member_user.regions.filter(pk=case.region_id).exists() and not (
        member_user.municipalities.filter(pk__in=case.municipalities.values("pk")).exists()
    ):
        problems["user"] = "Deze professional werkt niet in de regio of gemeenten van de casus."
    elif CaseMember.objects.filter(case=case, user=member_user, ended_at__isnull=True).exists():
        problems["user"] = "Deze professional is al lid van het team. Beëindig eerst de toegang."
    if problems:
        raise FormProblems(problems, "Het teamlid is nog niet toegevoegd.")
    assert member_user is not None and until is not None  # noqa: S101
    member = CaseMember.objects.create(
        case=case, user=member_user, sections=sorted(set(sections)), until=until, added_by=actor
    )
    _touch(case)
    _audit(
        actor,
        "case.member_add",
        case,
        request,
        on_behalf_of="",
        details={"member": member_user.pk, "sections": member.sections, "until": str(until)},
    )
    return member


@transaction.atomic
def member_end(
    *,
    actor: User,
    member_id: int,
    case_id: int | None = None,
    request: HttpRequest | None = None,
) -> CaseMember:
    member = _case_row(CaseMember, member_id, case_id, ended_at__isnull=True)
    case = _managed_case(actor, member.case_id)
    member.ended_at = timezone.now()
    member.ended_by = actor
    member.save(update_fields=["ended_at", "ended_by"])
    _touch(case)
    _audit(actor, "case.member_end", case, request, details={"member": member.user_id})
    return member


@transaction.atomic
def emergency_access_request(
    *, actor: User, case_id: int, reason: str, request: HttpRequest | None = None
) -> EmergencyAccess:
    """Emergency access to a case outside one's region: 24 hours, reviewed afterwards."""
    if scope_for(actor, Action.CASE_EMERGENCY) is None:
        raise NotFoundOrForbidden()
    problems = emergency_problems(reason)
    if problems:
        raise FormProblems(problems, "Noodtoegang is niet gegeven.")
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise DomainValidationError(
            "Er is geen casus met dit nummer. Vraag het nummer na bij de zorgcoördinator.",
            field="case_id",
        )
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        case=case,
        user=actor,
        reason=reason.strip(),
        granted_at=now,
        expires_at=emergency_expires(now),
    )
    # Not a change to the case: audited without recomputing its work queue.
    audit_record(
        actor=actor,
        action="case.emergency_access",
        subject_type="case",
        subject_id=case.pk,
        request=request,
        reason=reason.strip(),
        details={"emergency": access.pk, "flag": "privacy_officer_review"},
    )
    return access


@transaction.atomic
def emergency_access_review(
    *, actor: User, access_id: int, note: str, request: HttpRequest | None = None
) -> EmergencyAccess:
    access = emergency_access_get_for_review(user=actor, access_id=access_id)
    if access.reviewed_at is not None:
        raise DomainValidationError("Deze noodtoegang is al beoordeeld.")
    if not note.strip():
        raise DomainValidationError("Schrijf uw oordeel op.", field="note")
    access.reviewed_by = actor
    access.reviewed_at = timezone.now()
    access.review_note = note.strip()
    access.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    audit_record(
        actor=actor,
        action="case.emergency_review",
        subject_type="case",
        subject_id=access.case_id,
        request=request,
        reason=note.strip(),
        details={"emergency": access.pk},
    )
    return access
