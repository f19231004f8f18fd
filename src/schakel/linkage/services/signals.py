"""What happens to a sent signal in linkage: its person record is written with the signal,
and after the commit the model looks for other signals about the same young person. A
failure there never undoes the signal: the nightly ``schakel link suggest`` catches up."""

from __future__ import annotations

import logging

from django.db import transaction

from schakel.intake.models import Signal

from .records import record_signal
from .suggestions import suggest_for_record

logger = logging.getLogger(__name__)


def link_sent_signal(signal: Signal, *, actor: object = None) -> None:
    """Call inside the transaction that sends the signal."""
    record = record_signal(signal, actor=actor)
    if record is None:
        return
    record_id = record.pk

    def suggest() -> None:
        from ..models import PersonRecord

        try:
            found = PersonRecord.objects.filter(pk=record_id).first()
            if found is not None:
                suggest_for_record(found)
        except Exception:  # the signal is sent; suggestions follow in the nightly run
            logger.exception("linkage: suggestions for record %s failed", record_id)

    transaction.on_commit(suggest)
