"""Batch work for a whole region: (re)make the person records and suggestions of every sent
signal (nightly, and after an update of the normalisation or the model), and train the
region's own model. Audited; used by ``schakel link suggest|train``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from schakel.audit.services import audit_record
from schakel.geo.models import Region
from schakel.intake.constants import SignalStatus
from schakel.intake.models import Signal

from ..csvio import LinkInputError
from ..domain.normalise import NORMALISATION_VERSION
from ..engine import model_version, rows_table, train
from ..models import LinkageModel, PersonRecord
from ..progress import QUIET, Progress
from .records import record_signal
from .suggestions import region_model, suggest_for_record, suggest_in_batch

# From this many records to score, one pass over the whole region (about 40 s for 100,000
# records) is faster than scoring them one by one (about 0.15 s each).
BATCH_FROM = 200
# Fewer records than this give EM too little to learn from: the shipped model is better.
MIN_RECORDS_TO_TRAIN = 1000


def user_by_username(username: str) -> Any:
    """The active account that runs a command (``--by``), for the audit trail."""
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise LinkInputError(f"Onbekende of niet-actieve gebruiker: {username}.")
    return user


def region_by_number_or_name(value: str) -> Region:
    region = (
        Region.objects.filter(pk=int(value)).first()
        if value.isdigit()
        else Region.objects.filter(name=value).first()
    )
    if region is None:
        raise LinkInputError(f"Onbekende regio: {value}. Geef het nummer of de precieze naam.")
    return region


def suggest_region(region: Region, *, progress: Progress = QUIET) -> int:
    """Refresh the person records of the region's sent signals and suggest pairs; returns the
    number of new suggestions."""
    signals = Signal.objects.filter(region=region).exclude(status=SignalStatus.DRAFT)
    current = set(
        PersonRecord.objects.filter(
            region=region, normalisation_version=NORMALISATION_VERSION
        ).values_list("signal_id", flat=True)
    )
    todo = signals.exclude(pk__in=current)
    progress.step(f"persoonsgegevens bijwerken: {todo.count():,} signalen")
    for signal in todo.iterator(chunk_size=500):
        record_signal(signal)
    # Only records not yet scored with the region's current model: new, renormalised or
    # missed ones, or all of them after the region's model changed. They are scored in one
    # pass over the region (after a new model: every record; about a minute per 100,000).
    _, version = region_model(region.pk)
    todo = set(
        PersonRecord.objects.filter(region=region)
        .exclude(scored_model=version)
        .values_list("pk", flat=True)
    )
    progress.step(
        f"voorstellen zoeken: {len(todo):,} records nog niet met het huidige model bekeken"
    )
    if len(todo) >= BATCH_FROM:
        made = suggest_in_batch(region.pk, todo, progress=progress)
    else:  # a usual night: a few records, each scored as when it was sent
        made = sum(
            len(suggest_for_record(record))
            for record in PersonRecord.objects.filter(pk__in=todo).order_by("pk")
        )
    progress.step(f"klaar: {made:,} nieuwe voorstellen")
    return made


def train_region(
    region: Region, *, actor: Any | None = None, progress: Progress = QUIET
) -> LinkageModel:
    """Train the region's own model on its person records and store it (audited, with the
    person who ran it when known: ``schakel link train --by``)."""
    rows = [
        dict(values, unique_id=str(pk))
        for pk, values in PersonRecord.objects.filter(region=region).values_list("pk", "values")
    ]
    if len(rows) < MIN_RECORDS_TO_TRAIN:
        raise LinkInputError(
            f"De regio heeft {len(rows):,} records; trainen heeft er minstens "
            f"{MIN_RECORDS_TO_TRAIN:,} nodig. Het meegeleverde model blijft in gebruik."
        )
    progress.step(f"trainen op {len(rows):,} records")
    model = train([rows_table(rows)], "dedupe_only", progress=progress)
    model.pop("link_type", None)
    with transaction.atomic():
        saved = LinkageModel.objects.create(
            region=region,
            settings_json=model,
            version=model_version(model),
            record_count=len(rows),
            trained_by=actor,
        )
        audit_record(
            actor=actor,
            action="linkage.train",
            subject_type="region",
            subject_id=region.pk,
            details={"model": saved.version, "records": len(rows)},
        )
    progress.step(f"klaar: model {saved.version}")
    return saved
