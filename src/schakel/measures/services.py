"""Writes on the measures registry, each with its audit row in the same transaction.

A measure holds no personal data; the audit row records who changed what (field names,
codes and ids only).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schakel.accounts.policy import Action
from schakel.accounts.scoping import municipality_ids_for_action
from schakel.audit.services import audit_record
from schakel.common.exceptions import DomainValidationError

from .constants import SUBJECT
from .models import Measure
from .selectors import measure_get_for_user

# The same words as the form's: a municipality outside the user's area looks unknown.
MUNICIPALITY_UNKNOWN = gettext_lazy("Kies een gemeente uit de lijst.")


class FormProblems(DomainValidationError):
    """Fields that are missing or wrong; ``problems`` maps a field name to a Dutch message."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(_("Controleer het formulier."))


@dataclass(frozen=True)
class MeasureInput:
    municipality_id: int
    title: str
    description: str
    kind: str
    target_group: str
    start_date: date
    indicators: Sequence[str]
    whole_municipality: bool = True
    places: str = ""
    age_min: int | None = None
    age_max: int | None = None
    end_date: date | None = None
    partners: str = ""


TRACKED = (
    "municipality_id",
    "title",
    "description",
    "kind",
    "whole_municipality",
    "places",
    "target_group",
    "age_min",
    "age_max",
    "start_date",
    "end_date",
    "partners",
    "indicators",
)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _fill(actor: Any, measure: Measure, data: MeasureInput) -> None:
    """Fill in the measure and check it: every problem at once, by the form's field names."""
    problems: dict[str, str] = {}
    if data.municipality_id not in municipality_ids_for_action(actor, Action.MEASURE_MANAGE):
        problems["municipality"] = str(MUNICIPALITY_UNKNOWN)
    else:
        measure.municipality_id = data.municipality_id
    measure.title = _one_line(data.title)
    measure.description = data.description.strip()
    measure.kind = data.kind
    measure.whole_municipality = data.whole_municipality
    measure.places = "" if data.whole_municipality else _one_line(data.places)
    measure.target_group = _one_line(data.target_group)
    measure.age_min = data.age_min
    measure.age_max = data.age_max
    measure.start_date = data.start_date
    measure.end_date = data.end_date
    measure.partners = data.partners.strip()
    # The monitor's order, so the same choice is stored the same way.
    measure.indicators = list(dict.fromkeys(data.indicators))
    try:
        # The check constraints say the same as ``clean``: validated once, by field.
        measure.full_clean(
            exclude=["municipality", "created_by", "updated_by"] if problems else None,
            validate_constraints=False,
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems.setdefault("" if name == NON_FIELD_ERRORS else name, " ".join(messages))
    if problems:
        raise FormProblems(problems)


@transaction.atomic
def measure_create(
    *, actor: Any, data: MeasureInput, request: HttpRequest | None = None
) -> Measure:
    measure = Measure(created_by=actor, updated_by=actor)
    _fill(actor, measure, data)
    measure.save()
    audit_record(
        actor=actor,
        action="measure.create",
        subject_type=SUBJECT,
        subject_id=measure.pk,
        request=request,
        details={
            "municipality": measure.municipality_id,
            "kind": measure.kind,
            "indicators": measure.indicators,
        },
    )
    return measure


def _locked(actor: Any, measure_id: int) -> Measure:
    found = measure_get_for_user(user=actor, measure_id=measure_id)
    return Measure.objects.select_for_update().get(pk=found.pk)


@transaction.atomic
def measure_update(
    *, actor: Any, measure_id: int, data: MeasureInput, request: HttpRequest | None = None
) -> Measure:
    measure = _locked(actor, measure_id)
    before = {name: getattr(measure, name) for name in TRACKED}
    _fill(actor, measure, data)
    changed = sorted(name for name in TRACKED if getattr(measure, name) != before[name])
    if changed:
        measure.updated_by = actor
        measure.save()
        audit_record(
            actor=actor,
            action="measure.update",
            subject_type=SUBJECT,
            subject_id=measure.pk,
            request=request,
            details={"changed": changed, "municipality": measure.municipality_id},
        )
    return measure


@transaction.atomic
def measure_delete(*, actor: Any, measure_id: int, request: HttpRequest | None = None) -> None:
    measure = _locked(actor, measure_id)
    audit_record(
        actor=actor,
        action="measure.delete",
        subject_type=SUBJECT,
        subject_id=measure.pk,
        request=request,
        details={"municipality": measure.municipality_id, "kind": measure.kind},
    )
    measure.delete()
