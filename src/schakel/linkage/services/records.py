"""The comparison view of a sent signal's young person (``PersonRecord``) and its candidate
keys. Derived from the signal, never edited by hand; written in the transaction of the
signal, audited, and deleted with the signal."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from schakel.audit.services import audit_record
from schakel.intake.models import Signal

from ..domain.normalise import NORMALISATION_VERSION, RawPerson, blocking_keys, normalise
from ..engine import person_row
from ..models import BlockingKey, PersonRecord


def raw_person_of(signal: Signal) -> RawPerson:
    return RawPerson(
        record_id=str(signal.pk),
        voornamen=signal.given_names,
        roepnaam=signal.roepnaam,
        tussenvoegsel=signal.tussenvoegsel,
        achternaam=signal.surname,
        geboortedatum=signal.date_of_birth,
        geslacht={"meisje": "v", "jongen": "m"}.get(signal.gender, ""),
        straat=signal.street,
        huisnummer=signal.house_number,
        postcode=signal.postcode,
        woonplaats=signal.place,
        bsn=signal.bsn,
        school=signal.school,
        telefoon=signal.phone,
    )


def _identifies(signal: Signal) -> bool:
    return bool(
        not signal.is_anonymous
        and signal.region_id is not None
        and (signal.surname or signal.given_names or signal.bsn)
    )


def record_signal(signal: Signal, *, actor: Any = None) -> PersonRecord | None:
    """Create or refresh the signal's person record and keys. None for an anonymous
    consultation or a signal without a region or name: nothing to link."""
    if not _identifies(signal):
        PersonRecord.objects.filter(signal=signal).delete()
        return None
    person = normalise(raw_person_of(signal))
    row = person_row(person)
    fields = {
        "region_id": signal.region_id,
        "first_name": person.first_name[:100],
        "first_name_canon": person.first_name_canon[:100],
        "given_names": " ".join(person.given_names)[:200],
        "initials": person.initials[:20],
        "surname": person.surname[:200],
        "tussenvoegsel": person.tussenvoegsel[:20],
        "date_of_birth": person.date_of_birth,
        "sex": person.sex[:1],
        "street": person.street[:200],
        "house_number": person.house_number[:10],
        "postcode": person.postcode[:6],
        "place": person.place[:100],
        "school": person.school[:200],
        "bsn": person.bsn,
        "phone": person.phone[:20],
        "values": row,
        "normalisation_version": NORMALISATION_VERSION,
        "scored_model": "",  # new or changed values: their candidates are to be scored
    }
    with transaction.atomic():
        record, created = PersonRecord.objects.update_or_create(signal=signal, defaults=fields)
        record.keys.all().delete()
        BlockingKey.objects.bulk_create(
            BlockingKey(record=record, region_id=signal.region_id, key=key)
            for key in dict.fromkeys(blocking_keys(person))
        )
        audit_record(
            actor=actor,
            action="linkage.record_write",
            subject_type="signal",
            subject_id=signal.pk,
            details={"record": record.pk, "created": created},
        )
    return record
