"""Fictitious counts for the monitor's demo: anonymous consultations over the last six quarters
that have ended, in the municipalities of the demo region, so the startfoto shows figures,
small counts hidden as "<5", and a change from one quarter to the next.

An anonymous consultation stores nothing that identifies a young person (only age, forms of
exploitation and places), so these demo signals are counts and nothing more. Fixed submission
keys: loading twice gives the same signals.
"""

import uuid
from datetime import datetime, time, timedelta

from django.utils import timezone

from schakel.accounts.models import User
from schakel.cases.selectors import NEW_SIGNAL_DAYS
from schakel.geo.models import District, Region
from schakel.intake.models import Signal
from schakel.intake.services import SignalInput, signal_submit

from .domain.indicators import Span, last_full_span

DEMO_NAMESPACE = uuid.UUID("6f1b7c1e-7a51-4c1e-9a43-0d3e5f2b8c11")
# Per quarter (newest first) and per municipality of the demo region (by name order):
# how many anonymous consultations. Small numbers on purpose: they must stay hidden.
PATTERN = ((14, 2, 6), (11, 1, 5), (12, 3, 0), (9, 2, 7), (10, 0, 4), (12, 2, 5))
# Reporters without a login (from intake.demo), so no one's own list fills up with these.
REPORTERS = ("demo-melder-school", "demo-melder-jongerenwerk", "demo-melder-huisarts")
AGES = (16, 15, 17, 16, 15, 17, 16, 13)
TYPES = (["sexual"], ["criminal"], ["sexual", "criminal"], ["criminal"], ["labour"])
# Target groups: gender ("" = not filled in) and vulnerabilities ticked (codes of the list).
GENDERS = ("meisje", "jongen", "meisje", "", "jongen", "meisje", "anders")
VULNERABILITIES = (
    [],
    ["kwetsbaar-school-gezin-thuiszitter"],
    ["kwetsbaar-zorg-opvang-weglopen", "kwetsbaar-gezondheid-lvb"],
    [],
    ["kwetsbaar-ervaringen-geweld-thuis"],
)


def demo_monitor_load(*, region_id: int) -> int:
    """Add the monitor's demo consultations; returns how many there are."""
    reporters = list(User.objects.filter(username__in=REPORTERS).order_by("username"))
    municipalities = list(Region.objects.get(pk=region_id).municipalities.order_by("name"))[:3]
    today = timezone.localdate()
    span: Span = last_full_span(today)
    latest = today - timedelta(days=NEW_SIGNAL_DAYS + 1)
    keys = []
    for quarter_counts in PATTERN:
        for municipality, count in zip(municipalities, quarter_counts, strict=False):
            # A few districts per municipality, and now and then none filled in.
            districts = [*District.objects.filter(municipality=municipality)[:3], None]
            for number in range(count):
                key = uuid.uuid5(DEMO_NAMESPACE, f"{span.code}/{municipality.code}/{number}")
                keys.append(key)
                if Signal.objects.filter(submission_key=key).exists():
                    continue
                index = len(keys)
                signal = signal_submit(
                    actor=reporters[index % len(reporters)],
                    submission_key=key,
                    data=SignalInput(
                        is_anonymous=True,
                        age=AGES[index % len(AGES)],
                        places=[(municipality.code, "residence")],
                        exploitation_types=TYPES[index % len(TYPES)],
                        online=index % 3 == 0,
                        gender=GENDERS[index % len(GENDERS)],
                        district=getattr(districts[number % len(districts)], "code", ""),
                        indicator_codes=VULNERABILITIES[index % len(VULNERABILITIES)],
                        description="Anoniem overleg (fictief, voor de demo van de monitor).",
                    ),
                )
                # Older than a month, so they never show as new in the work queue.
                day = min(span.period.start + timedelta(days=(7 * number) % 85), latest)
                moment = datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())
                Signal.objects.filter(pk=signal.pk).update(submitted_at=moment)
        span = span.previous()
    return Signal.objects.filter(submission_key__in=keys).count()
