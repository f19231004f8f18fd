"""Fictitious demo context network: a phone number, a hotel, an Instagram account and a car in
the demo region, so ``/netwerk/`` shows one group of connected young people (demo mode only).

- The phone number calls Demi (her mentor's signal), gives Noor her "appointments" and gives
  Milan his orders: it connects three cases, the most of all.
- Hotel De Wissel: Demi and Noor were both taken there.
- The Instagram account that sent Noor her first messages also writes to the 13-year-old girl
  of the anonymous consultation (a signal that is in no case).
- The car that picks Demi up at school: attached to her mentor's signal, so it counts for
  Demi's case and connects no one else.
Luuk's case stays outside the group. Every write goes through the services (audited, as the
demo care coordinator); loading twice adds nothing.
"""

import uuid

from django.conf import settings
from django.db import transaction

from schakel.accounts.models import User
from schakel.cases.models import CaseSignal
from schakel.intake.models import Signal

from . import services
from .constants import EntityKind
from .selectors import Target

COORDINATOR = "demo-zorgcoordinator"

# Demo signals by submission key (see intake/demo.py): the opening signals of the cases of
# Demi (1), Noor (2), Luuk (8) and Milan (10); the anonymous consultation (3); Demi's mentor (4).
DEMI, NOOR, MILAN = 1, 2, 10
ANONYMOUS, DEMI_MENTOR = 3, 4

PHONE = services.AttachInput(kind=EntityKind.PHONE, label="06-00 00 00 17")
HOTEL = services.AttachInput(
    kind=EntityKind.HOTEL, label="Hotel De Wissel (fictief), Stationsplein Utrecht"
)
INSTAGRAM = services.AttachInput(
    kind=EntityKind.ACCOUNT, label="@snelgeld.demo", platform="Instagram"
)
CAR = services.AttachInput(kind=EntityKind.VEHICLE, label="ZZ-999-Z")

# (what, the demo signal, attach to that signal itself (else to its case), note). The notes
# name no young person: the coordinator opens the case for that.
DEMO_LINKS: list[tuple[services.AttachInput, int, bool, str]] = [
    (
        PHONE,
        DEMI_MENTOR,
        True,
        "Fictief. De mentor ziet dat dit nummer steeds belt, ook in de les.",
    ),
    (PHONE, NOOR, False, "Fictief. Via dit nummer hoort de jongere waar ze moet zijn."),
    (PHONE, MILAN, False, "Fictief. Via dit nummer krijgt de jongere opdrachten."),
    (HOTEL, DEMI, False, "Fictief. De jongere vertelde dat ze hier naartoe werd gebracht."),
    (HOTEL, NOOR, False, "Fictief. Genoemd in het gesprek met het wijkteam."),
    (INSTAGRAM, NOOR, False, "Fictief. De eerste berichten kwamen van dit account."),
    (INSTAGRAM, ANONYMOUS, True, "Fictief. Het meisje kent de man van dit account."),
    (CAR, DEMI_MENTOR, True, "Fictief. Deze auto haalt de jongere na school op."),
]


def _signal_id(number: int) -> int | None:
    key = uuid.UUID(f"7d0c1f00-0000-4000-8000-{number:012d}")
    return Signal.objects.filter(submission_key=key).values_list("pk", flat=True).first()


def _case_id(signal_id: int) -> int | None:
    return (
        CaseSignal.objects.filter(signal_id=signal_id, detached_at__isnull=True)
        .values_list("case_id", flat=True)
        .first()
    )


@transaction.atomic
def demo_network_load() -> int:
    """Attach the demo entities; returns how many attachments were added (0 the second time)."""
    if not settings.SCHAKEL_DEMO_MODE:
        return 0
    coordinator = User.objects.filter(username=COORDINATOR).first()
    if coordinator is None:
        return 0
    added = 0
    for data, number, to_signal, note in DEMO_LINKS:
        signal_id = _signal_id(number)
        if signal_id is None:
            continue
        case_id = None if to_signal else _case_id(signal_id)
        target = Target(case_id=case_id) if case_id else Target(signal_id=signal_id)
        result = services.entity_attach(
            actor=coordinator,
            target=target,
            data=services.AttachInput(
                kind=data.kind, label=data.label, platform=data.platform, note=note
            ),
        )
        added += int(result.link_created)
    return added
