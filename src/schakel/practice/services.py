"""Writes on the training register and the participation record, each audited in its transaction.

Audit details hold ids and codes only: never the name of a professional.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from schakel.accounts.models import Organisation, User
from schakel.accounts.policy import Action
from schakel.audit.services import audit_record
from schakel.common.exceptions import DomainValidationError

from .constants import IMPORT_MAX_ROWS, TrainingLevel
from .domain.figures import normalise_text
from .domain.training_csv import (
    ImportRow,
    Problem,
    RowProblem,
    level_spellings,
    parse_training_csv,
    record_key,
)
from .models import ParticipationActivity, TrainingRecord
from .selectors import (
    TRAINING_SUBJECT,
    area_ids,
    participation_get_for_user,
    training_get_for_user,
    training_organisations_for_user,
)

PARTICIPATION_SUBJECT = "participation_activity"


class FormProblems(DomainValidationError):
    """Fields that are missing or wrong; ``problems`` maps a field name to a Dutch message."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(_("Controleer het formulier."))


def _checked(instance: Any, *, rename: Mapping[str, str] | None = None, **kwargs: Any) -> None:
    """``full_clean`` with the model's messages mapped onto the form's field names."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        rename = rename or {}
        problems: dict[str, str] = {}
        for name, messages in error.message_dict.items():
            key = "" if name == NON_FIELD_ERRORS else rename.get(name, name)
            problems[key] = " ".join(messages)
        raise FormProblems(problems) from error


# --- Training register -------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingInput:
    professional_name: str
    organisation_id: int
    training: str
    date: date
    level: str
    username: str = ""  # the professional's Schakel account, when they have one


TRAINING_FIELDS = {"user": "username"}
_TRACKED = ("professional_name", "organisation_id", "training", "date", "level", "user_id")


def _prepare(actor: User, record: TrainingRecord, data: TrainingInput) -> None:
    """Fill in the record and check it; every problem at once, by the form's field names."""
    problems: dict[str, str] = {}
    organisation = (
        training_organisations_for_user(user=actor).filter(pk=data.organisation_id).first()
    )
    record.professional_name = normalise_text(data.professional_name)
    record.training = normalise_text(data.training)
    record.date = data.date
    record.level = data.level
    record.user = None
    if organisation is None:
        problems["organisation"] = _("Kies een organisatie in uw regio.")
    else:
        record.organisation = organisation
        username = data.username.strip()
        if username:
            # The same answer for an unknown account and one elsewhere: no guessing names.
            record.user = User.objects.filter(username=username, organisation=organisation).first()
            if record.user is None:
                problems["username"] = _(
                    "Bij deze organisatie is geen account met deze gebruikersnaam."
                )
    try:
        _checked(
            record,
            rename=TRAINING_FIELDS,
            exclude=["organisation", "created_by"] if organisation is None else ["created_by"],
        )
    except FormProblems as error:
        problems = {**error.problems, **problems}
    if problems:
        raise FormProblems(problems)


@transaction.atomic
def training_record_create(
    *, actor: User, data: TrainingInput, request: HttpRequest | None = None
) -> TrainingRecord:
    record = TrainingRecord(created_by=actor)
    _prepare(actor, record, data)
    record.save()
    audit_record(
        actor=actor,
        action="training.create",
        subject_type=TRAINING_SUBJECT,
        subject_id=record.pk,
        request=request,
        details={
            "organisation": record.organisation_id,
            "level": record.level,
            "account": record.user_id,
        },
    )
    return record


def _locked_record(actor: User, record_id: int) -> TrainingRecord:
    found = training_get_for_user(user=actor, record_id=record_id, audit=False)
    return (
        TrainingRecord.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=found.pk)
    )


@transaction.atomic
def training_record_update(
    *, actor: User, record_id: int, data: TrainingInput, request: HttpRequest | None = None
) -> TrainingRecord:
    record = _locked_record(actor, record_id)
    before = {name: getattr(record, name) for name in _TRACKED}
    _prepare(actor, record, data)
    changed = sorted(name for name in _TRACKED if getattr(record, name) != before[name])
    if changed:
        record.save()
        audit_record(
            actor=actor,
            action="training.update",
            subject_type=TRAINING_SUBJECT,
            subject_id=record.pk,
            request=request,
            details={"changed": changed, "organisation": record.organisation_id},
        )
    return record


@transaction.atomic
def training_record_delete(
    *, actor: User, record_id: int, request: HttpRequest | None = None
) -> None:
    record = _locked_record(actor, record_id)
    audit_record(
        actor=actor,
        action="training.delete",
        subject_type=TRAINING_SUBJECT,
        subject_id=record.pk,
        request=request,
        details={"organisation": record.organisation_id},
    )
    record.delete()


class ImportRejected(DomainValidationError):
    """The file has problems: nothing was stored. ``lines`` are Dutch, one per problem."""

    code = "import_rejected"

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = tuple(problems)
        self.lines = [problem_text(problem) for problem in self.problems]
        super().__init__(
            ngettext(
                "Er is niets ingelezen: het bestand bevat %(n)s fout.",
                "Er is niets ingelezen: het bestand bevat %(n)s fouten.",
                len(self.problems),
            )
            % {"n": len(self.problems)}
        )


def _problem_messages() -> dict[Problem, str]:
    return {
        Problem.SPREADSHEET: _(
            "Dit is een Excel-bestand, geen CSV-bestand. Kies in Excel 'Opslaan als' en dan "
            "'CSV UTF-8 (door komma's gescheiden)' of 'CSV (gescheiden door lijstscheidingsteken)'."
        ),
        Problem.NOT_TEXT: _(
            "Dit bestand kan Schakel niet lezen. Sla het in Excel op als 'CSV UTF-8'."
        ),
        Problem.EMPTY: _("Het bestand bevat geen regels met gegevens."),
        Problem.TOO_MANY_ROWS: _(
            "Het bestand heeft meer dan %(value)s regels. Verdeel het over meer bestanden."
        ),
        Problem.MISSING_COLUMNS: _(
            "De eerste regel noemt niet alle kolommen. Deze ontbreken: %(value)s. Gebruik de "
            "kolommen naam; organisatie; training; datum; niveau."
        ),
        Problem.COLUMNS: _(
            "Regel %(line)s: er staan %(value)s kolommen, er horen er 5 (of 6, met "
            "gebruikersnaam) te zijn."
        ),
        Problem.NAME_MISSING: _("Regel %(line)s: de naam ontbreekt."),
        Problem.NAME_TOO_LONG: _("Regel %(line)s: de naam is langer dan %(value)s tekens."),
        Problem.ORGANISATION_MISSING: _("Regel %(line)s: de organisatie ontbreekt."),
        Problem.TRAINING_MISSING: _("Regel %(line)s: de naam van de training ontbreekt."),
        Problem.TRAINING_TOO_LONG: _(
            "Regel %(line)s: de naam van de training is langer dan %(value)s tekens."
        ),
        Problem.DATE_MISSING: _("Regel %(line)s: de datum ontbreekt."),
        Problem.DATE_INVALID: _(
            "Regel %(line)s: '%(value)s' is geen datum. Schrijf dag-maand-jaar, bijvoorbeeld "
            "14-03-2025."
        ),
        Problem.DATE_FUTURE: _("Regel %(line)s: de datum %(value)s ligt in de toekomst."),
        Problem.LEVEL_MISSING: _(
            "Regel %(line)s: het niveau ontbreekt. Kies basis, verdieping of specialist."
        ),
        Problem.LEVEL_UNKNOWN: _(
            "Regel %(line)s: niveau '%(value)s' bestaat niet. Kies basis, verdieping of specialist."
        ),
        Problem.DUPLICATE_IN_FILE: _(
            "Regel %(line)s: dezelfde persoon, organisatie, training en datum staan al op "
            "regel %(value)s."
        ),
        Problem.ORGANISATION_UNKNOWN: _(
            "Regel %(line)s: organisatie '%(value)s' bestaat niet in uw regio."
        ),
        Problem.USERNAME_UNKNOWN: _(
            "Regel %(line)s: bij deze organisatie is geen account met gebruikersnaam '%(value)s'."
        ),
        Problem.ALREADY_REGISTERED: _(
            "Regel %(line)s: deze persoon staat al met deze training op deze datum in het register."
        ),
    }


def problem_text(problem: RowProblem) -> str:
    return _problem_messages()[problem.problem] % {"line": problem.line, "value": problem.value}


def _accepted_levels() -> dict[str, str]:
    """Levels by code and by label, in Dutch and in the language of the page."""
    spellings = level_spellings((code, str(label)) for code, label in TrainingLevel.choices)
    with translation.override("nl"):
        spellings.update(
            level_spellings((code, str(label)) for code, label in TrainingLevel.choices)
        )
    return spellings


@dataclass
class _Resolved:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    accounts: dict[tuple[str, int], User] = field(default_factory=dict)


def _resolve(actor: User, rows: Sequence[ImportRow]) -> _Resolved:
    """Organisations by exact name within the user's area, and the named accounts."""
    names = {row.organisation for row in rows if row.organisation}
    organisations = {
        org.name: org for org in training_organisations_for_user(user=actor).filter(name__in=names)
    }
    usernames = {row.username for row in rows if row.username}
    accounts = {
        (account.username, account.organisation_id): account
        for account in User.objects.filter(
            username__in=usernames, organisation__in=organisations.values()
        )
    }
    return _Resolved(organisations=organisations, accounts=accounts)


def _existing_keys(rows: Sequence[ImportRow], resolved: _Resolved) -> set[tuple[object, ...]]:
    dates = [row.date for row in rows if row.date is not None]
    if not dates or not resolved.organisations:
        return set()
    existing = TrainingRecord.objects.filter(
        organisation__in=resolved.organisations.values(),
        date__gte=min(dates),
        date__lte=max(dates),
    ).values_list("organisation_id", "professional_name", "training", "date")
    return {record_key(org, name, training, day) for org, name, training, day in existing}


@transaction.atomic
def training_import(
    *,
    actor: User,
    data: bytes,
    request: HttpRequest | None = None,
    today: date | None = None,
    max_rows: int = IMPORT_MAX_ROWS,
) -> int:
    """Store every row of a CSV file, or none: any problem rejects the whole file.

    Returns how many registrations were added.
    """
    area_ids(actor, Action.TRAINING_MANAGE)  # refuses users without the right at all
    today = today or timezone.localdate()
    parsed = parse_training_csv(data, today=today, levels=_accepted_levels(), max_rows=max_rows)
    if any(problem.line == 0 for problem in parsed.problems):
        raise ImportRejected(parsed.problems)
    resolved = _resolve(actor, parsed.rows)
    existing = _existing_keys(parsed.rows, resolved)
    problems = list(parsed.problems)
    records: list[TrainingRecord] = []
    for row in parsed.rows:
        organisation = resolved.organisations.get(row.organisation)
        if row.organisation and organisation is None:
            problems.append(RowProblem(row.line, Problem.ORGANISATION_UNKNOWN, row.organisation))
            continue
        if organisation is None:
            continue
        account = resolved.accounts.get((row.username, organisation.pk))
        if row.username and account is None:
            problems.append(RowProblem(row.line, Problem.USERNAME_UNKNOWN, row.username))
            continue
        if not row.complete or row.date is None:
            continue
        if record_key(organisation.pk, row.name, row.training, row.date) in existing:
            problems.append(RowProblem(row.line, Problem.ALREADY_REGISTERED))
            continue
        records.append(
            TrainingRecord(
                professional_name=row.name,
                organisation=organisation,
                user=account,
                training=row.training,
                date=row.date,
                level=row.level,
                created_by=actor,
            )
        )
    if problems:
        raise ImportRejected(sorted(problems, key=lambda problem: problem.line))
    for record in records:
        # Organisations, accounts and duplicates were checked for the whole file above;
        # asking the database again per row would cost thousands of queries.
        _checked(record, exclude=["organisation", "user", "created_by"], validate_constraints=False)
    TrainingRecord.objects.bulk_create(records, batch_size=500)
    audit_record(
        actor=actor,
        action="training.import",
        subject_type=TRAINING_SUBJECT,
        request=request,
        details={
            "created": len(records),
            "organisations": sorted({record.organisation_id for record in records}),
        },
    )
    return len(records)


# --- Participation record ----------------------------------------------------------------


@dataclass(frozen=True)
class ParticipationInput:
    municipality_id: int
    date: date
    title: str
    kind: str
    participant_groups: list[str]
    participant_count: int
    what_changed: str = ""


def _fill_activity(actor: User, activity: ParticipationActivity, data: ParticipationInput) -> None:
    if data.municipality_id not in area_ids(actor, Action.PARTICIPATION_MANAGE):
        raise FormProblems({"municipality": _("Kies een gemeente binnen uw bereik.")})
    activity.municipality_id = data.municipality_id
    activity.date = data.date
    activity.title = normalise_text(data.title)
    activity.kind = data.kind
    activity.participant_groups = sorted(set(data.participant_groups))
    activity.participant_count = data.participant_count
    activity.what_changed = data.what_changed.strip()


@transaction.atomic
def participation_create(
    *, actor: User, data: ParticipationInput, request: HttpRequest | None = None
) -> ParticipationActivity:
    activity = ParticipationActivity(created_by=actor)
    _fill_activity(actor, activity, data)
    _checked(activity)
    activity.save()
    audit_record(
        actor=actor,
        action="participation.create",
        subject_type=PARTICIPATION_SUBJECT,
        subject_id=activity.pk,
        request=request,
        details={"municipality": activity.municipality_id, "kind": activity.kind},
    )
    return activity


_ACTIVITY_TRACKED = (
    "municipality_id",
    "date",
    "title",
    "kind",
    "participant_groups",
    "participant_count",
    "what_changed",
)


def _locked_activity(actor: User, activity_id: int) -> ParticipationActivity:
    found = participation_get_for_user(user=actor, activity_id=activity_id)
    return ParticipationActivity.objects.select_for_update().get(pk=found.pk)


@transaction.atomic
def participation_update(
    *,
    actor: User,
    activity_id: int,
    data: ParticipationInput,
    request: HttpRequest | None = None,
) -> ParticipationActivity:
    activity = _locked_activity(actor, activity_id)
    before = {name: getattr(activity, name) for name in _ACTIVITY_TRACKED}
    _fill_activity(actor, activity, data)
    _checked(activity)
    changed = sorted(n for n in _ACTIVITY_TRACKED if getattr(activity, n) != before[n])
    if changed:
        activity.save()
        audit_record(
            actor=actor,
            action="participation.update",
            subject_type=PARTICIPATION_SUBJECT,
            subject_id=activity.pk,
            request=request,
            details={"changed": changed, "municipality": activity.municipality_id},
        )
    return activity


@transaction.atomic
def participation_delete(
    *, actor: User, activity_id: int, request: HttpRequest | None = None
) -> None:
    activity = _locked_activity(actor, activity_id)
    audit_record(
        actor=actor,
        action="participation.delete",
        subject_type=PARTICIPATION_SUBJECT,
        subject_id=activity.pk,
        request=request,
        details={"municipality": activity.municipality_id},
    )
    activity.delete()
