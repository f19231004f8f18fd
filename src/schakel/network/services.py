"""Writes on the context network, each with its audit row in the same transaction.

Attach an entity to a signal or a case (the entity is found by its normal form, or made),
detach an attachment (the row stays), and rename an entity (the earlier name stays). Only the
care coordinator of the region may: the target must be in one of their regions. Audit rows
hold ids and codes only, never the typed names.
"""

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.policy import Action
from schakel.accounts.scoping import region_ids_for_action
from schakel.audit.services import audit_record
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden

from .constants import SUBJECT_ENTITY, SUBJECT_LINK, EntityKind
from .domain.normalise import (
    HANDLE_MAX,
    LABEL_MAX,
    PLATFORM_MAX,
    EntityText,
    Normalised,
    NormaliseError,
    normalise,
)
from .models import ContextEntity, ContextEntityRename, ContextLink
from .selectors import Target, target_region_id

NOTE_MAX = 2000


def _messages() -> dict[str, str]:
    """The Dutch sentence for each code of ``domain/normalise.py`` (B1, says what to do)."""
    return {
        "empty": _("Vul in wat u wilt koppelen."),
        "too_long": _("Maak de naam korter: ten hoogste %(n)s tekens.") % {"n": LABEL_MAX},
        "no_letters": _("Vul een naam in met letters of cijfers."),
        "unknown_kind": _("Kies een soort uit de lijst."),
        "phone_prefix": _(
            "Vul het hele telefoonnummer in, met 0 of + aan het begin. Bijvoorbeeld: "
            "06 12345678 of +32 470 123456."
        ),
        "phone_invalid": _(
            "Een telefoonnummer bestaat alleen uit cijfers, met eventueel + aan het begin."
        ),
        "phone_nl_length": _(
            "Een Nederlands telefoonnummer heeft 10 cijfers, bijvoorbeeld 06 12345678. "
            "Controleer het nummer."
        ),
        "phone_length": _("Dit telefoonnummer is te kort of te lang. Controleer het nummer."),
        "plate_invalid": _(
            "Een kenteken bestaat uit letters en cijfers, bijvoorbeeld AB-123-C. "
            "Controleer het kenteken."
        ),
        "platform_missing": _(
            "Vul in op welk platform het account staat, bijvoorbeeld Instagram of Snapchat."
        ),
        "platform_too_long": _("Maak de naam van het platform korter: ten hoogste %(n)s tekens.")
        % {"n": PLATFORM_MAX},
        "handle_invalid": _(
            "Vul de accountnaam in zonder spaties, ten hoogste %(n)s tekens. "
            "Bijvoorbeeld: @voorbeeld."
        )
        % {"n": HANDLE_MAX},
        "postcode_invalid": _("Vul een postcode in als 1234 AB."),
        "house_number_invalid": _(
            "Vul een huisnummer in, eventueel met een toevoeging. Bijvoorbeeld: 12 of 12a."
        ),
        "house_number_without_postcode": _("Vul ook de postcode in, of laat het huisnummer leeg."),
        "postcode_without_house_number": _("Vul ook het huisnummer in, of laat de postcode leeg."),
    }


class FormProblems(DomainValidationError):
    """Fields that are missing or wrong; ``problems`` maps a field name to a Dutch message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(_("Controleer het formulier."))


@dataclass(frozen=True)
class AttachInput:
    kind: str
    label: str
    platform: str = ""
    postcode: str = ""
    house_number: str = ""
    note: str = ""


@dataclass(frozen=True)
class AttachResult:
    link: ContextLink
    entity_created: bool
    link_created: bool  # False: it was attached already, nothing changed


def _normalised(text: EntityText, note: str = "") -> Normalised:
    problems: dict[str, str] = {}
    if text.kind not in EntityKind.values:
        problems["kind"] = _messages()["unknown_kind"]
    result = None
    if not problems:
        try:
            result = normalise(text)
        except NormaliseError as error:
            problems[error.field] = _messages()[error.code]
    if len(note) > NOTE_MAX:
        problems["note"] = _("Maak de toelichting korter: ten hoogste %(n)s tekens.") % {
            "n": NOTE_MAX
        }
    if problems or result is None:
        raise FormProblems(problems)
    return result


def _entity_for(actor: Any, region_id: int, kind: str, found: Normalised) -> tuple[Any, bool]:
    """The region's entity with this key, made when it is not there yet."""
    existing = ContextEntity.objects.filter(region_id=region_id, kind=kind, key=found.key).first()
    if existing is not None:
        return existing, False
    entity = ContextEntity(
        region_id=region_id,
        kind=kind,
        label=found.label,
        platform=found.platform,
        key=found.key,
        created_by=actor,
    )
    try:
        with transaction.atomic():  # another coordinator may add the same one at this moment
            entity.save(force_insert=True)
    except IntegrityError:
        return ContextEntity.objects.get(region_id=region_id, kind=kind, key=found.key), False
    return entity, True


@transaction.atomic
def entity_attach(
    *, actor: Any, target: Target, data: AttachInput, request: HttpRequest | None = None
) -> AttachResult:
    """Attach a place, account, vehicle or number to a signal or case of the actor's region.

    The entity is found by its normal form in that region (or made). Attaching what is
    attached already changes nothing. Bad input stores nothing and says what to fix.
    """
    region_id = target_region_id(actor=actor, target=target)
    text = EntityText(
        kind=data.kind,
        label=data.label,
        platform=data.platform,
        postcode=data.postcode,
        house_number=data.house_number,
    )
    note = data.note.strip()
    found = _normalised(text, note)
    entity, entity_created = _entity_for(actor, region_id, data.kind, found)
    if entity_created:
        audit_record(
            actor=actor,
            action="network.entity_create",
            subject_type=SUBJECT_ENTITY,
            subject_id=entity.pk,
            request=request,
            details={"kind": entity.kind, "region": region_id},
        )
    where = target.lookup()
    active = (
        ContextLink.objects.select_for_update()
        .filter(entity=entity, detached_at__isnull=True, **where)
        .first()
    )
    if active is not None:
        return AttachResult(link=active, entity_created=entity_created, link_created=False)
    try:
        with transaction.atomic():  # the same attachment sent twice at once
            link = ContextLink.objects.create(entity=entity, note=note, attached_by=actor, **where)
    except IntegrityError:
        link = ContextLink.objects.get(entity=entity, detached_at__isnull=True, **where)
        return AttachResult(link=link, entity_created=entity_created, link_created=False)
    audit_record(
        actor=actor,
        action="network.attach",
        subject_type=SUBJECT_LINK,
        subject_id=link.pk,
        request=request,
        details={
            "entity": entity.pk,
            "kind": entity.kind,
            "entity_created": entity_created,
            target.kind: target.id,
        },
    )
    return AttachResult(link=link, entity_created=entity_created, link_created=True)


def link_get_for_edit(*, actor: Any, link_id: int) -> ContextLink:
    """An attachment in one of the actor's regions (not audited: the caller writes or reads
    it under its own audit row)."""
    regions = region_ids_for_action(actor, Action.NETWORK_EDIT)
    link = (
        ContextLink.objects.select_related("entity")
        .filter(pk=link_id, entity__region_id__in=regions)
        .first()
    )
    if link is None:
        raise NotFoundOrForbidden()
    return link


@transaction.atomic
def link_detach(
    *, actor: Any, link_id: int, reason: str, request: HttpRequest | None = None
) -> ContextLink:
    """Detach an attachment, with a reason; the row stays, with who and when."""
    found = link_get_for_edit(actor=actor, link_id=link_id)
    link = ContextLink.objects.select_for_update().get(pk=found.pk)
    reason = reason.strip()
    if link.detached_at is not None:
        raise DomainValidationError(
            _("Dit is al losgekoppeld."), code="already_detached", field="reason"
        )
    if not reason:
        raise FormProblems({"reason": _("Schrijf op waarom u dit loskoppelt.")})
    if len(reason) > NOTE_MAX:
        raise FormProblems(
            {"reason": _("Maak de reden korter: ten hoogste %(n)s tekens.") % {"n": NOTE_MAX}}
        )
    link.detached_at = timezone.now()
    link.detached_by = actor
    link.detach_note = reason
    link.save(update_fields=["detached_at", "detached_by", "detach_note"])
    target = Target(signal_id=link.signal_id, case_id=link.case_id)
    audit_record(
        actor=actor,
        action="network.detach",
        subject_type=SUBJECT_LINK,
        subject_id=link.pk,
        request=request,
        details={"entity": link.entity_id, target.kind: target.id},
    )
    return link


def entity_get_for_edit(*, actor: Any, entity_id: int) -> ContextEntity:
    regions = region_ids_for_action(actor, Action.NETWORK_EDIT)
    entity = ContextEntity.objects.filter(pk=entity_id, region_id__in=regions).first()
    if entity is None:
        raise NotFoundOrForbidden()
    return entity


@transaction.atomic
def entity_rename(
    *,
    actor: Any,
    entity_id: int,
    label: str,
    platform: str = "",
    postcode: str = "",
    house_number: str = "",
    request: HttpRequest | None = None,
) -> ContextEntity:
    """Correct the name of an entity. Its normal form follows the new name; when another
    entity of the region already has that form, the rename is refused (attach that one
    instead). The earlier name is kept as a ``ContextEntityRename`` row."""
    found = entity_get_for_edit(actor=actor, entity_id=entity_id)
    entity = ContextEntity.objects.select_for_update().get(pk=found.pk)
    text = EntityText(
        kind=entity.kind,
        label=label,
        platform=platform,
        postcode=postcode,
        house_number=house_number,
    )
    renamed = _normalised(text)
    if (renamed.label, renamed.platform, renamed.key) == (
        entity.label,
        entity.platform,
        entity.key,
    ):
        return entity
    taken = (
        ContextEntity.objects.filter(region_id=entity.region_id, kind=entity.kind, key=renamed.key)
        .exclude(pk=entity.pk)
        .exists()
    )
    if taken:
        raise FormProblems(
            {
                "label": _(
                    "Er is in uw regio al een %(kind)s met deze naam of dit nummer. Koppel die, "
                    "of kies een andere naam."
                )
                % {"kind": EntityKind(entity.kind).label.lower()}
            }
        )
    ContextEntityRename.objects.create(
        entity=entity,
        old_label=entity.label,
        old_platform=entity.platform,
        old_key=entity.key,
        new_label=renamed.label,
        new_platform=renamed.platform,
        new_key=renamed.key,
        renamed_by=actor,
    )
    changed = [
        name
        for name, old, new in (
            ("label", entity.label, renamed.label),
            ("platform", entity.platform, renamed.platform),
            ("key", entity.key, renamed.key),
        )
        if old != new
    ]
    entity.label, entity.platform, entity.key = renamed.label, renamed.platform, renamed.key
    entity.save(update_fields=["label", "platform", "key", "updated_at"])
    audit_record(
        actor=actor,
        action="network.entity_rename",
        subject_type=SUBJECT_ENTITY,
        subject_id=entity.pk,
        request=request,
        details={"kind": entity.kind, "changed": changed},
    )
    return entity
