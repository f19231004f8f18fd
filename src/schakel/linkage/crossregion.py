"""Linkage across regions in the web: a region submits its encodings, a run matches the latest
encodings of the regions of an agreement, and each region learns only "another region also has
signals about this young person; contact its care coordinator". Every step is audited.

What crosses a region is the ENC content of an ``EncodingSet``: random tokens and Bloom filters
(``pprl.py``). Which token stands for which record (``EncodedRecord``) stays with the region;
the matching reads only the ENC contents. A hit names the own record and the other *region*,
never the other region's record.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.constants import Role
from schakel.accounts.models import User
from schakel.accounts.policy import Action
from schakel.accounts.scoping import region_ids_for_action
from schakel.audit.constants import AuditResult
from schakel.audit.services import audit_record
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.geo.models import Region

from . import pprl
from .constants import SUBJECT_ENCODING, SUBJECT_RUN, RunStatus
from .csvio import LinkInputError
from .domain.bloom import LinkageFields
from .models import (
    CrossRegionHit,
    EncodedRecord,
    EncodingSet,
    LinkageAgreement,
    LinkageRun,
    PersonRecord,
)

ACTION_SUBMIT = "linkage.encoding_submit"
ACTION_RUN = "linkage.run_start"


class SecretMissing(DomainValidationError):
    """The agreement's secret file is absent or unusable on this server."""

    code = "linkage_secret_missing"


class NothingToLink(DomainValidationError):
    code = "linkage_nothing_to_link"


# --- selectors -------------------------------------------------------------------------------


def _region_ids(user: Any) -> set[int]:
    return region_ids_for_action(user, Action.LINKAGE_CROSS_REGION)


def agreement_get_for_user(*, user: Any, agreement_id: int) -> LinkageAgreement:
    """An active agreement one of the user's regions takes part in; the same error for "does
    not exist" and "not yours"."""
    found = (
        LinkageAgreement.objects.filter(pk=agreement_id, active=True, regions__in=_region_ids(user))
        .distinct()
        .first()
    )
    if found is None:
        raise NotFoundOrForbidden()
    return found


@dataclass(frozen=True)
class Delivery:
    region: Region
    own: bool
    delivered_at: datetime | None


@dataclass(frozen=True)
class AgreementOverview:
    agreement: LinkageAgreement
    deliveries: list[Delivery]
    own_regions: list[Region]
    last_run: LinkageRun | None

    @property
    def can_run(self) -> bool:
        return sum(1 for delivery in self.deliveries if delivery.delivered_at) >= 2


def agreements_for_user(*, user: Any) -> list[AgreementOverview]:
    """The agreements of the user's regions, with which regions delivered when, and the last
    run. Another region's delivery shows only its date."""
    own = _region_ids(user)
    agreements = list(
        LinkageAgreement.objects.filter(active=True, regions__in=own)
        .distinct()
        .prefetch_related("regions")
        .order_by("name")
    )
    latest: dict[tuple[int, int], datetime] = {}
    for agreement_id, region_id, created_at in EncodingSet.objects.filter(
        agreement__in=agreements
    ).values_list("agreement_id", "region_id", "created_at"):
        key = (agreement_id, region_id)
        if key not in latest or created_at > latest[key]:
            latest[key] = created_at
    runs: dict[int, LinkageRun] = {}
    for run in LinkageRun.objects.filter(agreement__in=agreements).order_by("-started_at", "-pk"):
        runs.setdefault(run.agreement_id, run)
    overviews = []
    for agreement in agreements:
        regions = sorted(agreement.regions.all(), key=lambda region: region.name)
        overviews.append(
            AgreementOverview(
                agreement=agreement,
                deliveries=[
                    Delivery(
                        region=region,
                        own=region.pk in own,
                        delivered_at=latest.get((agreement.pk, region.pk)),
                    )
                    for region in regions
                ],
                own_regions=[region for region in regions if region.pk in own],
                last_run=runs.get(agreement.pk),
            )
        )
    return overviews


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


@dataclass
class OtherRegion:
    region: Region
    contacts: list[Contact] = field(default_factory=list)


@dataclass
class OwnYoungPerson:
    """One of the user's own records with the other regions that also have signals."""

    record: PersonRecord
    signal_id: int
    others: list[OtherRegion] = field(default_factory=list)


def coordinators_of(region_ids: Sequence[int]) -> dict[int, list[Contact]]:
    """The active care coordinators of each region (name and e-mail), to contact."""
    contacts: dict[int, list[Contact]] = {region_id: [] for region_id in region_ids}
    users = (
        User.objects.filter(role=Role.ZORGCOORDINATOR, is_active=True, regions__in=region_ids)
        .prefetch_related("regions")
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )
    for user in users:
        for region in user.regions.all():
            if region.pk in contacts:
                contacts[region.pk].append(Contact(name=user.display_name, email=user.email))
    return contacts


def hits_for_user(*, user: Any) -> list[OwnYoungPerson]:
    """The hits of the last finished run of each agreement, for the user's own regions only:
    per own young person, which other regions also have signals and whom to contact there."""
    own = _region_ids(user)
    last_runs: dict[int, int] = {}
    for run_id, agreement_id in (
        LinkageRun.objects.filter(
            status=RunStatus.DONE, agreement__active=True, agreement__regions__in=own
        )
        .order_by("-started_at", "-pk")
        .values_list("pk", "agreement_id")
    ):
        last_runs.setdefault(agreement_id, run_id)
    hits = (
        CrossRegionHit.objects.filter(run_id__in=last_runs.values(), region_id__in=own)
        .select_related("record", "other_region")
        .order_by("record_id", "other_region__name")
    )
    people: dict[int, OwnYoungPerson] = {}
    seen: set[tuple[int, int]] = set()
    for hit in hits:
        person = people.setdefault(
            hit.record_id, OwnYoungPerson(record=hit.record, signal_id=hit.record.signal_id)
        )
        if (hit.record_id, hit.other_region_id) not in seen:
            seen.add((hit.record_id, hit.other_region_id))
            person.others.append(OtherRegion(region=hit.other_region))
    contacts = coordinators_of(
        sorted({other.region.pk for person in people.values() for other in person.others})
    )
    for person in people.values():
        for other in person.others:
            other.contacts = contacts.get(other.region.pk, [])
    return list(people.values())


# --- services --------------------------------------------------------------------------------


def secret_path(agreement: LinkageAgreement) -> Path:
    return Path(settings.SCHAKEL_LINKAGE_SECRETS_DIR) / f"{agreement.slug}.key"


def agreement_secret(agreement: LinkageAgreement) -> bytes:
    """The agreement's secret from its file; SecretMissing (a Dutch message for the
    functioneel beheerder) when it is absent or unusable."""
    try:
        return pprl.read_secret(secret_path(agreement))
    except LinkInputError as error:
        raise SecretMissing(
            _(
                "De geheime sleutel van de koppelafspraak '%(name)s' ontbreekt op de server of "
                "is niet bruikbaar. Er is niets versleuteld. Vraag de functioneel beheerder om "
                "het sleutelbestand '%(file)s' in de map voor koppelsleutels te zetten "
                "(instelling SCHAKEL_LINKAGE_SECRETS_DIR; zie de handleiding "
                "'Koppelen tussen regio's')."
            )
            % {"name": agreement.name, "file": f"{agreement.slug}.key"}
        ) from error


def _fields(record: PersonRecord) -> LinkageFields:
    return LinkageFields.from_values(
        first_name=record.first_name,
        initials=record.initials,
        surname=record.surname,
        tussenvoegsel=record.tussenvoegsel,
        date_of_birth=record.date_of_birth,
        sex=record.sex,
        postcode=record.postcode,
        house_number=record.house_number,
    )


_FIELDS = (
    "first_name",
    "initials",
    "surname",
    "tussenvoegsel",
    "date_of_birth",
    "sex",
    "postcode",
    "house_number",
)


@transaction.atomic
def encoding_submit(
    *, actor: Any, agreement_id: int, region_id: int, request: HttpRequest | None = None
) -> EncodingSet:
    """Encode the region's records with the agreement's secret and deliver them: the ENC
    content (random tokens, filters) for the matching, the token -> record table for the
    region."""
    agreement = agreement_get_for_user(user=actor, agreement_id=agreement_id)
    if region_id not in _region_ids(actor) or not agreement.regions.filter(pk=region_id).exists():
        raise NotFoundOrForbidden()
    secret = agreement_secret(agreement)
    records = list(PersonRecord.objects.filter(region_id=region_id).only("pk", *_FIELDS))
    tokens = {secrets.token_hex(16): record for record in records}
    data, encoded = pprl.encode_records(
        [(token, _fields(record)) for token, record in tokens.items()],
        secret,
        agreement=agreement.slug,
        threshold=agreement.threshold,
    )
    if not encoded:
        raise NothingToLink(
            _(
                "Uw regio heeft nog geen gegevens van jongeren die versleuteld kunnen worden "
                "(nodig: twee van voornaam, achternaam en geboortedatum)."
            )
        )
    encoding_set = EncodingSet.objects.create(
        agreement=agreement,
        region_id=region_id,
        created_by=actor,
        record_count=len(encoded),
        content=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    EncodedRecord.objects.bulk_create(
        [
            EncodedRecord(encoding_set=encoding_set, token=token, record=tokens[token])
            for token in encoded
        ],
        batch_size=2000,
    )
    audit_record(
        actor=actor,
        action=ACTION_SUBMIT,
        subject_type=SUBJECT_ENCODING,
        subject_id=encoding_set.pk,
        request=request,
        details={
            "agreement": agreement.pk,
            "region": region_id,
            "records": len(encoded),
            "skipped": len(records) - len(encoded),
        },
    )
    return encoding_set


def _latest_sets(agreement: LinkageAgreement) -> list[EncodingSet]:
    latest: list[EncodingSet] = []
    for region in agreement.regions.order_by("name"):
        found = (
            EncodingSet.objects.filter(agreement=agreement, region=region)
            .select_related("region")
            .order_by("-created_at", "-pk")
            .first()
        )
        if found is not None:
            latest.append(found)
    return latest


def _match(agreement: LinkageAgreement, sets: list[EncodingSet]) -> list[CrossRegionHit]:
    """Every pair of regions' latest encodings; a hit for each side of each matched pair."""
    files = {
        encoding_set.pk: pprl.parse_encoding(
            bytes(encoding_set.content),
            name=_("de aanlevering van %(region)s") % {"region": encoding_set.region.name},
        )
        for encoding_set in sets
    }
    tokens = {
        encoding_set.pk: dict(
            EncodedRecord.objects.filter(encoding_set=encoding_set).values_list(
                "token", "record_id"
            )
        )
        for encoding_set in sets
    }
    hits: list[CrossRegionHit] = []
    for first, second in combinations(sets, 2):
        names = (first.region.name, second.region.name)
        pprl.check_compatible(files[first.pk], files[second.pk], names)
        pairs = pprl.match_encodings(
            files[first.pk], files[second.pk], threshold=agreement.threshold
        )
        for token_a, token_b, similarity in pairs:
            hits.append(
                CrossRegionHit(
                    region=first.region,
                    record_id=tokens[first.pk][token_a],
                    other_region=second.region,
                    similarity=similarity,
                )
            )
            hits.append(
                CrossRegionHit(
                    region=second.region,
                    record_id=tokens[second.pk][token_b],
                    other_region=first.region,
                    similarity=similarity,
                )
            )
    return hits


@transaction.atomic
def linkage_run_start(
    *, actor: Any, agreement_id: int, request: HttpRequest | None = None
) -> LinkageRun:
    """Match the latest encodings of the agreement's regions. A run that cannot match (for
    example a region that encoded with another secret) is kept as failed, with its reason."""
    agreement = agreement_get_for_user(user=actor, agreement_id=agreement_id)
    sets = _latest_sets(agreement)
    if len(sets) < 2:
        raise NothingToLink(
            _(
                "Er kan nog niet gekoppeld worden: minstens twee regio's van deze afspraak "
                "moeten hun gegevens versleuteld hebben aangeleverd."
            )
        )
    run = LinkageRun.objects.create(agreement=agreement, started_by=actor)
    details: dict[str, Any] = {
        "agreement": agreement.pk,
        "encoding_sets": [encoding_set.pk for encoding_set in sets],
    }
    try:
        hits = _match(agreement, sets)
    except LinkInputError as error:
        run.status = RunStatus.FAILED
        run.message = str(error)
        result = AuditResult.FAILURE
    else:
        for hit in hits:
            hit.run = run
        CrossRegionHit.objects.bulk_create(hits, batch_size=2000)
        run.status = RunStatus.DONE
        run.pair_count = len(hits) // 2
        result = AuditResult.SUCCESS
        details["pairs"] = run.pair_count
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "message", "pair_count", "finished_at"])
    audit_record(
        actor=actor,
        action=ACTION_RUN,
        subject_type=SUBJECT_RUN,
        subject_id=run.pk,
        result=result,
        request=request,
        details=details,
    )
    return run
