"""Fictitious demo measures for the demo policy officer's municipality (demo mode only).

One prevention measure that started two quarters before the last one that ended, so its
before/after view compares three quarters with three (the monitor's demo counts cover the
last six); one training measure that started in the last quarter that ended. Dates are
relative to today; every write goes through the services (audited); loading twice adds
nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from schakel.accounts.models import User
from schakel.monitor.domain.indicators import last_full_span

from . import services
from .constants import MeasureKind
from .models import Measure

DEMO_USERNAME = "demo-beleid"


@transaction.atomic
def demo_measures_load() -> int:
    """Add the demo measures; returns how many were added (0 when they are there already)."""
    if not settings.SCHAKEL_DEMO_MODE:
        return 0
    user = User.objects.filter(username=DEMO_USERNAME).first()
    municipality = user.municipalities.order_by("name").first() if user else None
    if user is None or municipality is None:
        return 0
    last = last_full_span(timezone.localdate())
    prevention_start = last.previous().previous().period.start + timedelta(days=20)
    training_start = last.period.start + timedelta(days=10)
    measures = [
        services.MeasureInput(
            municipality_id=municipality.pk,
            title="Voorlichting over online uitbuiting op middelbare scholen (fictief)",
            description=(
                "Gastlessen in de tweede klas over grooming, sextortion en hoe je hulp vraagt, "
                "met een les voor ouders. Doel: jongeren herkennen eerder wanneer iemand hen "
                "probeert te misbruiken en weten waar ze terechtkunnen."
            ),
            kind=MeasureKind.PREVENTIE,
            whole_municipality=True,
            target_group="Leerlingen van de tweede klas van het voortgezet onderwijs en hun ouders",
            age_min=13,
            age_max=15,
            start_date=prevention_start,
            partners="GGD, politie (jeugdagenten), Chat met Fier, scholen in de gemeente",
            indicators=["signalen", "casussen_nieuw"],
        ),
        services.MeasureInput(
            municipality_id=municipality.pk,
            title="Training signalen herkennen voor jongerenwerk en wijkteams (fictief)",
            description=(
                "Een training van twee dagdelen over signalen van seksuele en criminele "
                "uitbuiting en over de meldcode. Meer signalen na de training kan betekenen "
                "dat professionals beter opletten."
            ),
            kind=MeasureKind.SCHOLING,
            whole_municipality=False,
            places="Noordoost en Centrum",
            target_group="Jongerenwerkers en medewerkers van de wijkteams",
            start_date=training_start,
            end_date=training_start + timedelta(days=60),
            partners="Zorgcoördinator mensenhandel, wijkteams, jongerenwerk",
            indicators=["signalen"],
        ),
    ]
    added = 0
    for data in measures:
        if Measure.objects.filter(municipality=municipality, title=data.title).exists():
            continue
        services.measure_create(actor=user, data=data)
        added += 1
    return added
