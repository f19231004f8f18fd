"""Writes on signals: drafts, submitting (with "wat nu?"), the reporting-code steps."""

import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.models import User
from schakel.accounts.policy import Action, scope_for
from schakel.audit.services import audit_record
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.geo.constants import RegionKind
from schakel.geo.models import District, Municipality, Region
from schakel.routekaart.domain.engine import actions_to_contract
from schakel.routekaart.domain.situation import parse_situation
from schakel.routekaart.selectors import routing_for

from .constants import INDICATORS_PATH, MeldcodeAnswer, MunicipalityRole, SignalStatus
from .domain.meldcode import open_questions, questions_requiring_report
from .domain.person import age_on
from .models import Indicator, MeldcodeDecision, MeldcodeStep, Signal, SignalMunicipality
from .selectors import meldcode_for_signal, signal_get_for_user


@transaction.atomic
def indicators_load_defaults(*, path: Path = INDICATORS_PATH) -> int:
    """Add the default signal-list items that are missing; edited items are kept."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    created = 0
    order = 0
    for category in data["categories"]:
        for item in category["items"]:
            order += 1
            _obj, was_created = Indicator.objects.get_or_create(
                code=item["code"],
                defaults={
                    "category_code": category["code"],
                    "category_label": category["label"],
                    "kind": category["kind"],
                    "exploitation": category["exploitation"],
                    "label": item["label"],
                    "order": order,
                },
            )
            created += was_created
    return created


@dataclass
class SignalInput:
    """Everything the intake form collects; None means 'unknown'."""

    reporter_function: str = ""
    is_anonymous: bool = False
    given_names: str = ""
    roepnaam: str = ""
    tussenvoegsel: str = ""
    surname: str = ""
    date_of_birth: date | None = None
    age: int | None = None
    postcode: str = ""
    house_number: str = ""
    street: str = ""
    place: str = ""
    phone: str = ""
    school: str = ""
    bsn: str = ""
    gender: str = ""  # Gender value, "" = unknown
    district: str = ""  # WK code of a district of the residence, "" = unknown
    places: list[tuple[str, str]] = field(default_factory=list)  # (GM code, MunicipalityRole)
    exploitation_types: list[str] = field(default_factory=list)
    online: bool | None = None
    acute_danger: bool | None = None
    structural_unsafety: bool | None = None
    disclosure: bool | None = None
    sexual_assault_days_ago: int | None = None
    missing_now: bool | None = None
    missing_episodes_90d: int | None = None
    also_offender: bool | None = None
    wants_anonymity: bool | None = None
    parents_involved: bool | None = None
    indicator_codes: list[str] = field(default_factory=list)
    youth_view: str = ""
    parents_role: str = ""
    description: str = ""


_PERSON_FIELDS = (
    "given_names",
    "roepnaam",
    "tussenvoegsel",
    "surname",
    "date_of_birth",
    "postcode",
    "house_number",
    "street",
    "place",
    "phone",
    "school",
    "bsn",
)


def _apply(signal: Signal, data: SignalInput) -> None:
    for name, value in vars(data).items():
        if name not in ("places", "district"):
            setattr(signal, name, value)
    signal.district = _district_of_residence(data)
    if data.is_anonymous:  # an anonymous consultation stores nothing that identifies
        for name in _PERSON_FIELDS:
            setattr(signal, name, None if name == "date_of_birth" else "")
    if signal.date_of_birth is not None:
        signal.age = age_on(signal.date_of_birth, timezone.localdate())
    if signal.bsn and not signal.organisation.may_process_bsn:
        raise DomainValidationError("Uw organisatie mag geen BSN vastleggen. Laat dit veld leeg.")


def _district_of_residence(data: SignalInput) -> District | None:
    """The chosen district, which must lie in the chosen municipality of residence."""
    if not data.district:
        return None
    residence = [code for code, role in data.places if role == MunicipalityRole.RESIDENCE]
    district = District.objects.select_related("municipality").filter(code=data.district).first()
    if district is None or district.municipality.code not in residence:
        raise DomainValidationError(
            _(
                "Deze wijk hoort niet bij de gekozen woonplaats. Kies een wijk van de "
                "woonplaats, of laat de wijk leeg."
            ),
            field="district",
        )
    return district


def _set_places(signal: Signal, places: list[tuple[str, str]]) -> None:
    codes = {code for code, _ in places}
    found = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    unknown = codes - set(found)
    if unknown:
        raise DomainValidationError(f"Onbekende gemeentecode: {', '.join(sorted(unknown))}.")
    signal.places.all().delete()
    SignalMunicipality.objects.bulk_create(
        SignalMunicipality(signal=signal, municipality=found[code], role=role)
        for code, role in dict.fromkeys(places)
    )


def _region_for(signal: Signal, places: list[tuple[str, str]], reporter: User) -> Region | None:
    """The care-coordination region of the residence, else of another place, else the reporter's."""
    ordered = sorted(
        places,
        key=lambda p: [
            MunicipalityRole.RESIDENCE,
            MunicipalityRole.SCHOOL,
            MunicipalityRole.EXPLOITATION,
        ].index(p[1]),
    )
    for code, _role in ordered:
        region = (
            Region.objects.filter(kind=RegionKind.ZORGCOORDINATIE, municipalities__code=code)
            .order_by("name")
            .first()
        )
        if region is not None:
            return region
    return reporter.regions.filter(kind=RegionKind.ZORGCOORDINATIE).order_by("name").first()


def situation_for(signal: Signal, places: list[tuple[str, str]]) -> dict[str, object]:
    """The routing contract's situation for this signal (never residence status)."""
    residence = [code for code, role in places if role == MunicipalityRole.RESIDENCE]
    municipality = (residence or [code for code, _ in places] or [None])[0]
    situation = {
        "age": signal.age,
        "exploitation_types": list(signal.exploitation_types),
        "online": signal.online,
        "acute_danger": signal.acute_danger,
        "structural_unsafety": signal.structural_unsafety,
        "disclosure": signal.disclosure,
        "sexual_assault_days_ago": signal.sexual_assault_days_ago,
        "missing": signal.missing_now,
        "missing_episodes_90d": signal.missing_episodes_90d,
        "also_offender": signal.also_offender,
        "wants_anonymity": signal.wants_anonymity,
        "parents_involved": signal.parents_involved,
        "municipality": municipality,
    }
    return {key: value for key, value in situation.items() if value not in (None, [])}


def _claim(actor: User, submission_key: uuid.UUID) -> tuple[Signal, bool]:
    """The signal for this form, locked; made (as a draft) if it does not exist yet.

    Two requests with the same key at the same moment (a double click) get the same row:
    the second waits for the first and then finds it.
    """
    signal = Signal.objects.select_for_update().filter(submission_key=submission_key).first()
    created = False
    if signal is None:
        try:
            with transaction.atomic():
                signal = Signal.objects.create(
                    submission_key=submission_key, reporter=actor, organisation=actor.organisation
                )
            created = True
        except IntegrityError:
            signal = Signal.objects.select_for_update().get(submission_key=submission_key)
    if signal.reporter_id != actor.pk:
        raise NotFoundOrForbidden()
    return signal, created


def _require_create(actor: User) -> None:
    if scope_for(actor, Action.SIGNAL_CREATE) is None or actor.organisation is None:
        raise NotFoundOrForbidden()


@transaction.atomic
def signal_save_draft(
    *, actor: User, submission_key: uuid.UUID, data: SignalInput, request: HttpRequest | None = None
) -> Signal:
    """Keep an unfinished intake: nothing typed is lost."""
    _require_create(actor)
    signal, created = _claim(actor, submission_key)
    if signal.status != SignalStatus.DRAFT:
        return signal  # already sent: saving the draft again changes nothing
    _apply(signal, data)
    signal.save()
    _set_places(signal, data.places)
    audit_record(
        actor=actor,
        action="signal.draft_create" if created else "signal.draft_update",
        subject_type="signal",
        subject_id=signal.pk,
        request=request,
    )
    return signal


@transaction.atomic
def signal_submit(
    *, actor: User, submission_key: uuid.UUID, data: SignalInput, request: HttpRequest | None = None
) -> Signal:
    """Send the signal: route it ("wat nu?") and put it in the region's queue.

    Idempotent: submitting the same form twice gives the same signal.
    """
    _require_create(actor)
    signal, _created = _claim(actor, submission_key)
    if signal.status != SignalStatus.DRAFT:
        return signal
    _apply(signal, data)
    if not data.is_anonymous and not (data.surname or data.given_names):
        raise DomainValidationError(
            "Vul de naam van de jongere in, of kies voor anoniem overleg.", field="surname"
        )
    situation = situation_for(signal, data.places)
    compiled, version = routing_for(municipality_code=situation.get("municipality"))
    signal.route_actions = actions_to_contract(compiled.route(parse_situation(situation)))
    signal.route_version = version
    signal.region = _region_for(signal, data.places, actor)
    signal.status = SignalStatus.SUBMITTED
    signal.submitted_at = timezone.now()
    signal.meldcode_framework = meldcode_for_signal(signal).code
    signal.full_clean(exclude=["route_version", "reporter", "organisation", "region"])
    signal.save()
    _set_places(signal, data.places)
    from schakel.linkage.services.signals import link_sent_signal

    link_sent_signal(signal, actor=actor)
    audit_record(
        actor=actor,
        action="signal.submit",
        subject_type="signal",
        subject_id=signal.pk,
        request=request,
    )
    return signal


def _own_sent_signal(actor: User, signal_id: int) -> Signal:
    """The reporting code is the reporter's own duty, on a sent signal not yet concluded."""
    signal = signal_get_for_user(
        user=actor, signal_id=signal_id, action=Action.MELDCODE_RECORD, audit=False
    )
    if signal.reporter_id != actor.pk:
        raise NotFoundOrForbidden()
    if signal.status != SignalStatus.SUBMITTED:
        raise DomainValidationError(
            "Dit kan alleen bij een verstuurd signaal dat nog niet is afgerond."
        )
    return signal


@transaction.atomic
def meldcode_step_record(
    *,
    actor: User,
    signal_id: int,
    number: int,
    done_on: date,
    notes: str,
    request: HttpRequest | None = None,
) -> MeldcodeStep:
    signal = _own_sent_signal(actor, signal_id)
    if not 1 <= number <= 5:
        raise DomainValidationError("Kies stap 1 tot en met 5.", field="number")
    if done_on > timezone.localdate():
        raise DomainValidationError("De datum kan niet in de toekomst liggen.", field="done_on")
    if not notes.strip():
        raise DomainValidationError(
            "Schrijf kort op wat u in deze stap heeft gedaan.", field="notes"
        )
    step = MeldcodeStep.objects.create(
        signal=signal, number=number, done_on=done_on, done_by=actor, notes=notes.strip()
    )
    audit_record(
        actor=actor,
        action="meldcode.step",
        subject_type="signal",
        subject_id=signal.pk,
        details={"step": number},
        request=request,
    )
    return step


@transaction.atomic
def meldcode_decision_record(
    *,
    actor: User,
    signal_id: int,
    question_code: str,
    answer: str,
    reasoning: str,
    request: HttpRequest | None = None,
) -> MeldcodeDecision:
    signal = _own_sent_signal(actor, signal_id)
    framework = meldcode_for_signal(signal)
    if question_code not in {q.code for q in framework.all_questions()}:
        raise DomainValidationError("Deze vraag hoort niet bij het afwegingskader.")
    if answer not in MeldcodeAnswer.values:
        raise DomainValidationError("Kies ja of nee.", field="answer")
    if not reasoning.strip():
        raise DomainValidationError("Onderbouw uw antwoord: waarom ja of nee?", field="reasoning")
    decision = MeldcodeDecision.objects.create(
        signal=signal,
        question_code=question_code,
        answer=answer,
        reasoning=reasoning.strip(),
        decided_by=actor,
    )
    audit_record(
        actor=actor,
        action="meldcode.decision",
        subject_type="signal",
        subject_id=signal.pk,
        details={"question": question_code, "answer": answer},
        request=request,
    )
    return decision


@transaction.atomic
def signal_conclude(
    *,
    actor: User,
    signal_id: int,
    reported_to_veilig_thuis: bool,
    override_reason: str = "",
    request: HttpRequest | None = None,
) -> Signal:
    """Conclude the reporter's part. When reporting is required, report or give a reason."""
    signal = _own_sent_signal(actor, signal_id)
    framework = meldcode_for_signal(signal)
    answers = {d.question_code: d.answer for d in signal.meldcode_decisions.order_by("decided_at")}
    missing = [q.question for q in open_questions(framework, answers)]
    required = questions_requiring_report(framework, answers)
    if missing and not required:
        raise DomainValidationError(
            "Beantwoord eerst alle vragen van het afwegingskader. Nog open: " + "; ".join(missing)
        )
    if required and not reported_to_veilig_thuis and not override_reason.strip():
        raise DomainValidationError(
            "Melden bij Veilig Thuis is verplicht bij deze antwoorden. Meld, of leg uit "
            "waarom u afwijkt; de zorgcoördinator ziet die uitleg.",
            field="override_reason",
        )
    signal.reported_to_veilig_thuis = reported_to_veilig_thuis
    signal.report_required = bool(required)
    signal.report_override_reason = "" if reported_to_veilig_thuis else override_reason.strip()
    signal.status = SignalStatus.CONCLUDED
    signal.concluded_at = timezone.now()
    signal.save()
    audit_record(
        actor=actor,
        action="signal.conclude",
        subject_type="signal",
        subject_id=signal.pk,
        reason=signal.report_override_reason,
        details={"reported": reported_to_veilig_thuis, "report_required": bool(required)},
        request=request,
    )
    return signal
