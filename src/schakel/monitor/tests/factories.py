"""Fictitious signals for the monitor's tests."""

import uuid
from datetime import datetime

from schakel.intake.models import Signal
from schakel.intake.services import SignalInput, signal_submit


def send_signals(
    reporter,
    n: int,
    *,
    sent: datetime,
    place: str = "GM0344",
    age: int = 16,
    types: tuple[str, ...] = ("sexual",),
    name: str = "Fictief",
) -> list[Signal]:
    """``n`` fictitious signals about young people living in ``place``, dated ``sent``."""
    made = [
        signal_submit(
            actor=reporter,
            submission_key=uuid.uuid4(),
            data=SignalInput(
                given_names="Sam",
                surname=f"{name}{i} (fictief)",
                age=age,
                places=[(place, "residence")],
                exploitation_types=list(types),
            ),
        )
        for i in range(n)
    ]
    Signal.objects.filter(pk__in=[s.pk for s in made]).update(submitted_at=sent)
    return made
