"""Fictitious demo signals, so the queue and "wat nu?" show something meaningful."""

import uuid

from django.db import transaction

from schakel.accounts.models import User
from schakel.routekaart.models import ContactOverride

from .constants import MunicipalityRole
from .models import Signal
from .services import SignalInput, indicators_load_defaults, signal_submit

# Fixed keys: loading the demo twice gives the same signals.
DEMO_SIGNALS = [
    (
        "7d0c1f00-0000-4000-8000-000000000001",
        SignalInput(
            reporter_function="mentor (demo)",
            given_names="Demi",
            surname="Voorbeeld (fictief)",
            age=15,
            places=[("GM0344", MunicipalityRole.RESIDENCE), ("GM0356", MunicipalityRole.SCHOOL)],
            exploitation_types=["criminal"],
            online=False,
            acute_danger=False,
            disclosure=True,
            parents_involved=False,
            description="Fictief: moet drugs vervoeren om een schuld af te betalen.",
        ),
    ),
    (
        "7d0c1f00-0000-4000-8000-000000000002",
        SignalInput(
            reporter_function="jongerenwerker (demo)",
            given_names="Noor",
            surname="Proefpersoon (fictief)",
            age=17,
            places=[("GM0353", MunicipalityRole.RESIDENCE)],
            exploitation_types=["sexual"],
            online=True,
            acute_danger=True,
            description="Fictief: wordt online en op straat bedreigd.",
        ),
    ),
    (
        "7d0c1f00-0000-4000-8000-000000000003",
        SignalInput(
            reporter_function="wijkteammedewerker (demo)",
            is_anonymous=True,
            age=14,
            places=[("GM0321", MunicipalityRole.RESIDENCE)],
            exploitation_types=["sexual", "criminal"],
            online=True,
            description="Fictief: onder druk gezet na het sturen van foto's, leent nu "
            "zijn bankrekening uit.",
        ),
    ),
]


@transaction.atomic
def demo_signals_load(*, region_id: int) -> int:
    indicators_load_defaults()
    ContactOverride.objects.update_or_create(
        code="zorgcoordinator",
        region_id=region_id,
        defaults={
            "name": "Zorgcoördinatie Demoregio (fictief)",
            "phone": "030-000 00 00",
            "hours": "werkdagen 9.00-17.00 uur",
            "notes": "Fictief nummer voor de demo.",
        },
    )
    reporter = User.objects.get(username="demo-professional")
    for key, data in DEMO_SIGNALS:
        signal_submit(actor=reporter, submission_key=uuid.UUID(key), data=data)
    return Signal.objects.filter(reporter=reporter).count()
