"""Access-checked reads of the training register and the participation record, and figures.

The training register names professionals: every read of it is audited. The participation
record and the figures for the policy scan hold no personal data.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.accounts.models import Organisation, User
from schakel.accounts.policy import Action, scope_for
from schakel.accounts.scoping import municipality_ids_for_action, municipality_ids_in_scope
from schakel.audit.services import audit_record
from schakel.common.exceptions import NotFoundOrForbidden

from .constants import (
    FIRST_LINE_KINDS,
    LIST_PAGE_SIZE,
    PARTICIPATION_WINDOW_MONTHS,
    TRAINING_WINDOW_MONTHS,
    ParticipantGroup,
    TrainingLevel,
)
from .domain.figures import (
    ActivityRow,
    TrainedRow,
    coverage_figures,
    normalise_text,
    participation_figures,
)
from .domain.window import window_start
from .models import ParticipationActivity, TrainingRecord

TRAINING_SUBJECT = "training_record"


def area_ids(user: Any, action: str) -> set[int]:
    """The municipalities in which ``user`` may do ``action``; refused when not at all."""
    return municipality_ids_for_action(user, action)


# --- Training register -------------------------------------------------------------------


def training_organisations_for_user(*, user: Any) -> QuerySet[Organisation]:
    """Organisations whose people this user may register (their municipality is in scope)."""
    return (
        Organisation.objects.filter(municipality_id__in=area_ids(user, Action.TRAINING_MANAGE))
        .select_related("municipality")
        .order_by("name")
    )


def training_records_in_scope(*, user: Any) -> QuerySet[TrainingRecord]:
    """Not audited: for the services, which audit what they do."""
    return TrainingRecord.objects.filter(
        organisation__municipality_id__in=area_ids(user, Action.TRAINING_MANAGE)
    )


@dataclass(frozen=True)
class TrainingFilter:
    municipality_id: int | None = None
    organisation_id: int | None = None
    level: str = ""
    name: str = ""  # personal data: comes from a POST body, never from the URL

    def audit_details(self) -> dict[str, Any]:
        """What was filtered on, without the searched name."""
        details: dict[str, Any] = {}
        if self.municipality_id is not None:
            details["municipality"] = self.municipality_id
        if self.organisation_id is not None:
            details["organisation"] = self.organisation_id
        if self.level:
            details["level"] = self.level
        if self.name:
            details["name_search"] = True
        return details


def training_list_page(
    *,
    user: Any,
    filters: TrainingFilter,
    page_number: object = 1,
    page_size: int = LIST_PAGE_SIZE,
    request: HttpRequest | None = None,
) -> Page:
    """One page of the register, newest first; the ids shown are written to the audit trail."""
    records = training_records_in_scope(user=user).select_related(
        "organisation", "organisation__municipality", "user"
    )
    if filters.municipality_id is not None:
        records = records.filter(organisation__municipality_id=filters.municipality_id)
    if filters.organisation_id is not None:
        records = records.filter(organisation_id=filters.organisation_id)
    if filters.level:
        records = records.filter(level=filters.level)
    name = normalise_text(filters.name)
    if name:
        records = records.filter(professional_name__icontains=name)
    page = Paginator(records, page_size).get_page(page_number)
    page.object_list = list(page.object_list)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="training.list",
            subject_type=TRAINING_SUBJECT,
            request=request,
            details={
                **filters.audit_details(),
                "page": page.number,
                "shown": [record.pk for record in page.object_list],
            },
        )
    return page


def training_get_for_user(
    *, user: Any, record_id: int, request: HttpRequest | None = None, audit: bool = True
) -> TrainingRecord:
    """One registration in the user's area; absent and not allowed look the same."""
    record = (
        training_records_in_scope(user=user)
        .select_related("organisation", "organisation__municipality", "user")
        .filter(pk=record_id)
        .first()
    )
    if record is None:
        raise NotFoundOrForbidden()
    if audit:
        with transaction.atomic():
            audit_record(
                actor=user,
                action="training.view",
                subject_type=TRAINING_SUBJECT,
                subject_id=record.pk,
                request=request,
            )
    return record


def training_record_in_audit_scope(officer: Any, record_id: int) -> bool:
    """Whether a privacy officer oversees this registration (its organisation's municipality)."""
    scope = scope_for(officer, Action.AUDIT_VIEW)
    if scope is None:
        return False
    return TrainingRecord.objects.filter(
        pk=record_id,
        organisation__municipality_id__in=municipality_ids_in_scope(officer, scope),
    ).exists()


# --- Participation record ----------------------------------------------------------------


def participation_in_scope(*, user: Any) -> QuerySet[ParticipationActivity]:
    return ParticipationActivity.objects.filter(
        municipality_id__in=area_ids(user, Action.PARTICIPATION_MANAGE)
    )


def participation_list_page(
    *,
    user: Any,
    municipality_id: int | None = None,
    page_number: object = 1,
    page_size: int = LIST_PAGE_SIZE,
) -> Page:
    activities = participation_in_scope(user=user).select_related("municipality")
    if municipality_id is not None:
        activities = activities.filter(municipality_id=municipality_id)
    page = Paginator(activities, page_size).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def participation_get_for_user(*, user: Any, activity_id: int) -> ParticipationActivity:
    activity = (
        participation_in_scope(user=user)
        .select_related("municipality")
        .filter(pk=activity_id)
        .first()
    )
    if activity is None:
        raise NotFoundOrForbidden()
    return activity


# --- Figures for the policy scan ---------------------------------------------------------


def _summary_area(user: Any, municipality_id: int) -> None:
    if municipality_id not in area_ids(user, Action.PRACTICE_SUMMARY):
        raise NotFoundOrForbidden()


@dataclass(frozen=True)
class TrainingCoverage:
    municipality_id: int
    since: date  # start of the window
    first_line_organisations: int  # organisations in the municipality of a first-line kind
    organisations_trained: int  # of those, with >=1 record in the window
    professionals_trained: int  # distinct (organisation, lower(name)) in the window
    professional_accounts: int  # active Schakel users with role professional in those orgs
    accounts_trained: int  # of those, linked by user FK to a record in the window
    by_level: dict[str, int]  # level code -> distinct professionals in the window


def training_coverage(
    user: Any,
    municipality_id: int,
    *,
    today: date | None = None,
    months: int = TRAINING_WINDOW_MONTHS,
) -> TrainingCoverage:
    """How far training reached the first-line organisations of a municipality (figures only)."""
    _summary_area(user, municipality_id)
    today = today or timezone.localdate()
    since = window_start(today, months)
    organisation_ids = set(
        Organisation.objects.filter(
            municipality_id=municipality_id, kind__in=FIRST_LINE_KINDS
        ).values_list("id", flat=True)
    )
    account_ids = set(
        User.objects.filter(
            is_active=True, role=Role.PROFESSIONAL, organisation_id__in=organisation_ids
        ).values_list("id", flat=True)
    )
    rows = (
        TrainedRow(organisation_id=org, name=name, user_id=user_id, level=level)
        for org, name, user_id, level in TrainingRecord.objects.filter(
            organisation_id__in=organisation_ids, date__gte=since, date__lte=today
        ).values_list("organisation_id", "professional_name", "user_id", "level")
    )
    figures = coverage_figures(
        rows,
        first_line_organisation_ids=organisation_ids,
        professional_account_ids=account_ids,
        levels=TrainingLevel.values,
    )
    return TrainingCoverage(
        municipality_id=municipality_id,
        since=since,
        first_line_organisations=len(organisation_ids),
        organisations_trained=figures.organisations_trained,
        professionals_trained=figures.professionals_trained,
        professional_accounts=len(account_ids),
        accounts_trained=figures.accounts_trained,
        by_level=figures.by_level,
    )


@dataclass(frozen=True)
class ParticipationSummary:
    municipality_id: int
    since: date
    activities: int
    participants: int  # sum of participant_count
    with_change: int  # activities with a non-empty what_changed
    groups: dict[str, int]  # group code -> activities that involved that group
    latest: date | None


def participation_summary(
    user: Any,
    municipality_id: int,
    *,
    today: date | None = None,
    months: int = PARTICIPATION_WINDOW_MONTHS,
) -> ParticipationSummary:
    """Participation activities of a municipality in the window (figures only)."""
    _summary_area(user, municipality_id)
    today = today or timezone.localdate()
    since = window_start(today, months)
    rows = (
        ActivityRow(
            date=day, participant_count=count, what_changed=changed, groups=tuple(groups or ())
        )
        for day, count, changed, groups in ParticipationActivity.objects.filter(
            municipality_id=municipality_id, date__gte=since, date__lte=today
        ).values_list("date", "participant_count", "what_changed", "participant_groups")
    )
    figures = participation_figures(rows, groups=ParticipantGroup.values)
    return ParticipationSummary(
        municipality_id=municipality_id,
        since=since,
        activities=figures.activities,
        participants=figures.participants,
        with_change=figures.with_change,
        groups=figures.groups,
        latest=figures.latest,
    )
