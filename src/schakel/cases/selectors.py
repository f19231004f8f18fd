"""Access-checked reads of cases (audited) and the care coordinator's work queue."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from schakel.accounts.policy import Action, scope_for
from schakel.accounts.scoping import area_q
from schakel.audit.services import audit_record
from schakel.common.exceptions import NotFoundOrForbidden

from .domain.closing import CaseStatus
from .domain.continuity import TransitionPlan as PlanSpec
from .domain.continuity import plan_is_complete
from .domain.missing import MissingEpisode as EpisodeSpec
from .domain.queue import QueueCase, QueueItem, QueueReferral, work_queue
from .domain.referrals import ReferralStatus
from .models import Case, TransitionPlan


def cases_in_scope(*, user: Any, action: str = Action.CASE_VIEW) -> QuerySet[Case]:
    scope = scope_for(user, action)
    if scope is None:
        raise NotFoundOrForbidden()
    return Case.objects.filter(area_q(user, scope, municipality_path="municipalities")).distinct()


def case_get_for_user(
    *,
    user: Any,
    case_id: int,
    action: str = Action.CASE_VIEW,
    request: HttpRequest | None = None,
    audit: bool = True,
) -> Case:
    case = (
        cases_in_scope(user=user, action=action)
        .filter(pk=case_id)
        .select_related("region", "owner")
        .first()
    )
    if case is None:
        raise NotFoundOrForbidden()
    if audit:
        with transaction.atomic():
            audit_record(
                actor=user,
                action="case.view",
                subject_type="case",
                subject_id=case.pk,
                request=request,
            )
    return case


def plan_spec(plan: TransitionPlan | None) -> PlanSpec | None:
    if plan is None:
        return None
    return PlanSpec(
        who_takes_over=plan.who_takes_over,
        adult_care_arranged=plan.adult_care_arranged,
        consent_asked_again=plan.consent_asked_again,
        consent_given=plan.consent_given,
        agreed_on=plan.agreed_on,
    )


def case_queue_for_user(
    *, user: Any, today: date, now: datetime, request: HttpRequest | None = None
) -> list[QueueItem]:
    """The work queue over the open cases of the coordinator's region (a pure computation)."""
    cases = list(
        cases_in_scope(user=user)
        .filter(status=CaseStatus.OPEN.value)
        .select_related("transition_plan")
        .prefetch_related("missing_episodes", "referrals")
    )
    queue_cases = []
    for case in cases:
        plan = getattr(case, "transition_plan", None)
        queue_cases.append(
            QueueCase(
                id=case.pk,
                name_display=" ".join(
                    part for part in (case.given_names, case.tussenvoegsel, case.surname) if part
                )
                or f"Casus {case.pk}",
                date_of_birth=case.date_of_birth,
                has_complete_transition_plan=plan_is_complete(plan_spec(plan)),
                missing_episodes=tuple(
                    EpisodeSpec(start=e.start, end=e.end) for e in case.missing_episodes.all()
                ),
                referrals=tuple(
                    QueueReferral(
                        id=r.pk,
                        to=r.to_name,
                        status=ReferralStatus(r.status),
                        since=r.status_since,
                    )
                    for r in case.referrals.all()
                ),
            )
        )
    items = work_queue(queue_cases, today, now)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="case.queue",
            subject_type="case",
            request=request,
            details={"shown": sorted({item.case_id for item in items})},
        )
    return items
