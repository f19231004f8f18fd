"""The monitor's counts, made ahead of time.

Every dashboard reads ``MonthlyCount`` rows instead of counting signals and cases itself, so a
region with a million signals is read in a few thousand rows. The counts of a calendar year are
made for the quarters that have ended, in one transaction, by ``refresh_year``: when a page
needs a year that was never counted, when a quarter has ended since, when what is counted has
changed (an indicator or breakdown added: ``counting_definition``), when they are older than
``SCHAKEL_MONITOR_COUNTS_MAX_AGE_MINUTES`` (default 26 hours: a fallback when the nightly count
did not run), and every night by ``schakel monitor refresh``. Every page says when its numbers
were counted. Counting a year of a region with a million signals takes about a minute: the
nightly run keeps that out of the pages.

Only counts are kept (per indicator, breakdown value, municipality and month): nothing about a
person. Disclosure control happens afterwards, on the way to the screen (presentation.py).
"""

import contextlib
import hashlib
import time as clock
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from schakel.cases.selectors import case_counts, signal_pickup_counts
from schakel.geo.models import Municipality
from schakel.intake.selectors import signal_breakdown_counts

from .domain.indicators import CASE_BREAKDOWNS, QUARTERS, Indicator, Span, load_indicators
from .models import CountRefresh, MonthlyCount


def counted_until(year: int, today: date) -> date | None:
    """The last day of the last quarter of ``year`` that has ended by ``today`` (None: none)."""
    ended = [Span(year, q).period.end for q in QUARTERS if Span(year, q).period.end < today]
    return ended[-1] if ended else None


# Raise when the way of counting changes (a selector counts differently): every year is then
# counted again on its next view, as when an indicator or breakdown is added or removed.
COUNTING_VERSION = "1"


@lru_cache(maxsize=1)
def counting_definition() -> str:
    """A hash of what the counts hold: the indicators, their sources and breakdowns, and the
    version of the counting code."""
    shape = [(i.code, i.source, i.stock, i.breakdowns) for i in load_indicators()]
    return hashlib.sha256(repr((COUNTING_VERSION, shape)).encode()).hexdigest()


def is_fresh(refresh: CountRefresh | None, until: date, now: datetime) -> bool:
    max_age = timedelta(minutes=settings.SCHAKEL_MONITOR_COUNTS_MAX_AGE_MINUTES)
    return (
        refresh is not None
        and refresh.definition == counting_definition()
        and refresh.counted_until >= until
        and refresh.refreshed_at >= now - max_age
    )


def ensure_counted(year: int, today: date) -> CountRefresh | None:
    """The counts of ``year`` as fresh as the rules above ask, made now when they are not;
    None when no quarter of the year has ended yet."""
    until = counted_until(year, today)
    if until is None:
        return None
    refresh = CountRefresh.objects.filter(year=year).first()
    if is_fresh(refresh, until, timezone.now()):
        return refresh
    return refresh_year(year, today)


def refresh_year(year: int, today: date, *, force: bool = False) -> CountRefresh | None:
    """Count ``year`` again for every municipality, replacing its earlier counts in one
    transaction. Two processes never count the same year at once: the second waits for the
    first and then finds its counts fresh."""
    until = counted_until(year, today)
    if until is None:
        return None
    now = timezone.now()
    with contextlib.suppress(IntegrityError):  # made by another process meanwhile
        CountRefresh.objects.get_or_create(
            year=year,
            defaults={
                "counted_until": date(year, 1, 1),
                "refreshed_at": now - timedelta(days=3650),
            },
        )
    with transaction.atomic():
        refresh = CountRefresh.objects.select_for_update().get(year=year)
        if not force and is_fresh(refresh, until, timezone.now()):
            return refresh
        began = clock.perf_counter()
        rows = list(_count_year(year, until))
        MonthlyCount.objects.filter(
            month__gte=date(year, 1, 1), month__lte=date(year, 12, 31)
        ).delete()
        MonthlyCount.objects.bulk_create(rows, batch_size=2000)
        refresh.counted_until = until
        refresh.definition = counting_definition()
        refresh.refreshed_at = timezone.now()
        refresh.seconds = round(clock.perf_counter() - began, 3)
        refresh.save()
    return refresh


def _count_year(year: int, until: date) -> list[MonthlyCount]:
    ids = list(Municipality.objects.values_list("pk", flat=True))
    start = date(year, 1, 1)
    out: list[MonthlyCount] = []

    def add(indicator: Indicator, breakdown: str, counts: dict[tuple[int, str, date], int]) -> None:
        for (municipality_id, value, when), n in counts.items():
            if n:
                out.append(
                    MonthlyCount(
                        indicator=indicator.code,
                        breakdown=breakdown,
                        value=value,
                        municipality_id=municipality_id,
                        month=when.replace(day=1),
                        count=n,
                    )
                )

    for indicator in load_indicators():
        if indicator.source == "intake":
            # Days to a case needs the cases: counted there, stored with the other breakdowns
            # of the signals (so it shares their total in disclosure control).
            breakdowns: list[str | None] = [
                None,
                *(b for b in indicator.breakdowns if b != "pickup_band"),
            ]
            per_breakdown = signal_breakdown_counts(
                municipality_ids=ids, start=start, end=until, breakdowns=breakdowns
            )
            for by, counts in per_breakdown.items():
                add(indicator, by or "", counts)
            if "pickup_band" in indicator.breakdowns:
                pickup = signal_pickup_counts(municipality_ids=ids, start=start, end=until)
                add(indicator, "pickup_band", pickup)
        elif indicator.stock:
            # A state, counted on the last day of every ended quarter (stored under that
            # quarter's last month).
            for quarter in QUARTERS:
                span = Span(year, quarter)
                if span.period.end > until:
                    break
                counts = case_counts(
                    indicator.code,
                    municipality_ids=ids,
                    start=span.period.start,
                    end=span.period.end,
                )
                add(indicator, "", counts)
        else:
            # Events; a breakdown the value does not carry is counted on its own.
            for by in [None, *(b for b in indicator.breakdowns if b not in CASE_BREAKDOWNS)]:
                counts = case_counts(
                    indicator.code, municipality_ids=ids, start=start, end=until, by=by
                )
                add(indicator, by or "", counts)
    return out


def freshness(years: list[int]) -> CountRefresh | None:
    """The oldest count among ``years`` that has one: what a page's numbers are as old as."""
    made = [r for r in CountRefresh.objects.filter(year__in=years) if r.counted_until.month >= 3]
    return min(made, key=lambda r: r.refreshed_at) if made else None
