"""What the monitor shows: counts per indicator, municipality and period, read through the
other apps' selectors and checked against the policy table. Nothing here returns a record;
every table goes through disclosure control (``presentation.protect``) before anyone sees it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.accounts.constants import OrganisationKind
from schakel.accounts.policy import Action
from schakel.accounts.scoping import municipality_ids_for_action
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.geo.domain.districts import districts_per_municipality
from schakel.geo.models import Municipality, Region
from schakel.intake.constants import ExploitationType
from schakel.intake.models import Gender
from schakel.intake.selectors import NO_VULNERABILITY, vulnerability_groups

from .aggregates import counted_until, ensure_counted
from .domain.indicators import (
    AGE_BANDS,
    CASE_BREAKDOWNS,
    DAY_BANDS,
    NOT_YET,
    UNKNOWN,
    Indicator,
    Span,
    load_indicators,
)
from .models import MonthlyCount

BREAKDOWN_LABELS: dict[str, Any] = {
    "exploitation": _("Vorm van uitbuiting"),
    "age_band": _("Leeftijd bij het signaal"),
    "organisation_kind": _("Soort organisatie van de melder"),
    "online": _("Online"),
    "child_heard": _("Jongere gehoord"),
    "gender": _("Gender"),
    "district": _("Wijk van de woonplaats"),
    "vulnerable_group": _("Kwetsbare groep"),
    "pickup_band": _("Dagen tot de casus"),
    "referral_band": _("Dagen tot de verwijzing"),
    "transition_plan": _("Plan voor na 18"),
}
# Breakdowns where every signal has exactly one value: their rows add up to the total.
ADDITIVE = frozenset(
    {
        "age_band",
        "organisation_kind",
        "online",
        "child_heard",
        "pickup_band",
        "referral_band",
        "transition_plan",
        "gender",
        "district",
    }
)


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    return load_indicators()


def values_of(breakdown: str, municipality: Municipality | None = None) -> list[tuple[str, str]]:
    """(value, label) per row of a breakdown, in a fixed order (also when a count is 0); for a
    breakdown whose rows depend on the place (such as its districts), those of
    ``municipality``."""
    unknown = (UNKNOWN, str(_("Onbekend")))
    if breakdown == "exploitation":
        return [(t.value, str(t.label)) for t in ExploitationType] + [unknown]
    if breakdown == "age_band":
        return [(name, f"{name} jaar") for name, _low, _high in AGE_BANDS] + [unknown]
    if breakdown == "organisation_kind":
        return [(k.value, str(k.label)) for k in OrganisationKind] + [unknown]
    if breakdown == "online":
        return [("ja", str(_("Ja"))), ("nee", str(_("Nee"))), unknown]
    if breakdown == "child_heard":
        return [("gehoord", str(_("Gehoord"))), ("niet gehoord", str(_("Niet gehoord")))]
    if breakdown == "gender":
        return [(g.value, str(g.label)) for g in Gender] + [unknown]
    if breakdown == "district":
        if municipality is None:
            raise ValueError("The rows of 'district' depend on the municipality.")
        # From the committed CBS file that fills the table: no query per municipality.
        districts = districts_per_municipality().get(municipality.code, ())
        return [(d.code, d.name) for d in districts] + [unknown]
    if breakdown == "vulnerable_group":
        none = (NO_VULNERABILITY, str(_("Geen kwetsbaarheid vastgelegd")))
        return [*vulnerability_groups(), none]
    if breakdown in ("pickup_band", "referral_band"):
        bands = [(code, day_band_label(code)) for code, _low, _high in DAY_BANDS]
        if breakdown == "pickup_band":
            bands.append((NOT_YET, str(_("Nog niet in een casus"))))
        return bands
    if breakdown == "transition_plan":
        return [
            ("volledig", str(_("Volledig plan"))),
            ("niet volledig", str(_("Geen of geen volledig plan"))),
        ]
    raise ValueError(f"Unknown breakdown {breakdown!r}")


def breakdown_label(by: str, indicator: Indicator) -> str:
    """The name of a breakdown of ``indicator`` (a case's age is the age when it was opened)."""
    if by == "age_band" and indicator.source == "cases":
        return str(_("Leeftijd bij het openen van de casus"))
    return str(BREAKDOWN_LABELS[by])


def day_band_label(code: str) -> str:
    labels = {
        "0-1": _("0 of 1 dag"),
        "2-7": _("2 tot en met 7 dagen"),
        "8-28": _("8 tot en met 28 dagen"),
        "29+": _("Meer dan 28 dagen"),
    }
    return str(labels[code])


@dataclass
class Table:
    """Raw counts, before disclosure control: per row and per quarter of each year involved,
    with a total row when the rows add up to it. The year of an event count is the sum of its
    quarters; the year of a state (``stock``) is its fourth quarter."""

    key: str  # "<indicator code>:<breakdown or 'totaal'>"
    title: str
    row_header: str
    rows: list[tuple[str, str]]  # (value, label)
    stock: bool = False
    counts: dict[tuple[str, int, str], int] = field(default_factory=dict)  # (row, year, "K1")
    total_label: str | None = None  # a total row that is the sum of the rows


def allowed_municipalities(user: Any) -> list[Municipality]:
    ids = municipality_ids_for_action(user, Action.MONITOR_VIEW)
    return list(Municipality.objects.filter(id__in=ids).order_by("name"))


def allowed_regions(user: Any) -> list[Region]:
    """Regions of which the user may see every municipality (the care coordinator's own)."""
    ids = municipality_ids_for_action(user, Action.MONITOR_VIEW)
    regions = Region.objects.filter(users=user).prefetch_related("municipalities")
    return [r for r in regions if {m.pk for m in r.municipalities.all()} <= ids]


def startfoto_tables(user: Any, municipality: Municipality, span: Span) -> list[Table]:
    """Per indicator (and per breakdown) the quarters of the years that ``span`` and the span
    before it fall in, for one municipality the user may see."""
    if municipality.pk not in municipality_ids_for_action(user, Action.MONITOR_VIEW):
        raise NotFoundOrForbidden()
    return municipality_tables(municipality, span)


def municipality_tables(
    municipality: Municipality,
    span: Span,
    today: date | None = None,
    codes: Sequence[str] | None = None,
) -> list[Table]:
    """The startfoto's tables (of the indicators ``codes``, by default all), without an
    access check (the command line, run by an operator)."""
    return tables_per_municipality([municipality], span, today, codes)[municipality.pk]


def tables_per_municipality(
    municipalities: Sequence[Municipality],
    span: Span,
    today: date | None = None,
    codes: Sequence[str] | None = None,
) -> dict[int, list[Table]]:
    """The startfoto's tables of several municipalities, counted together (the same number
    of queries for one municipality or a whole region)."""
    today = today or timezone.localdate()
    # The year of ``span`` and the year before: the span before it and the startfoto's trend.
    years = [span.year - 1, span.year]
    ids = [m.pk for m in municipalities]
    chosen = [i for i in indicators() if codes is None or i.code in codes]
    counts = _counts_of(chosen, ids, years, today)
    out: dict[int, list[Table]] = {pk: [] for pk in ids}
    for indicator in chosen:
        breakdowns: list[str | None] = [None, *indicator.breakdowns]
        for by in breakdowns:
            tables = {
                m.pk: Table(
                    key=f"{indicator.code}:{by or 'totaal'}",
                    title=str(indicator.name)
                    + ("" if by is None else f", {breakdown_label(by, indicator).lower()}"),
                    row_header=(
                        breakdown_label(by, indicator) if by else str(indicator.unit).capitalize()
                    ),
                    rows=[("", str(indicator.name))] if by is None else values_of(by, m),
                    stock=indicator.stock,
                    total_label=str(_("Totaal")) if by in ADDITIVE else None,
                )
                for m in municipalities
            }
            # A case indicator may carry its breakdown in its value (stored once).
            stored = "" if by is None or by in CASE_BREAKDOWNS else by
            for municipality_id, value, year, quarter, n in counts.get(
                (indicator.code, stored), []
            ):
                # Without a breakdown every value counts for the one row.
                key = ("" if by is None else value, year, quarter)
                table = tables[municipality_id]
                table.counts[key] = table.counts.get(key, 0) + n
            for pk in ids:
                out[pk].append(tables[pk])
    return out


def _counts_of(
    chosen: Sequence[Indicator], ids: Sequence[int], years: Sequence[int], today: date
) -> dict[tuple[str, str], list[tuple[int, str, int, str, int]]]:
    """(indicator, stored breakdown) -> (municipality id, value, year, "K1".."K4", count) of
    the quarters of ``years`` that have ended by ``today``, in one read of the counts made
    ahead."""
    until = {year: counted_until(year, today) for year in years}
    for year, last in until.items():
        if last is not None:
            ensure_counted(year, today)
    out: dict[tuple[str, str], list[tuple[int, str, int, str, int]]] = {}
    rows = MonthlyCount.objects.filter(
        indicator__in=[i.code for i in chosen],
        municipality_id__in=list(ids),
        month__gte=date(min(years), 1, 1),
        month__lte=date(max(years), 12, 31),
    ).values_list("indicator", "breakdown", "value", "municipality_id", "month", "count")
    for code, breakdown, value, municipality_id, month, n in rows.iterator(chunk_size=5000):
        last = until.get(month.year)
        if last is None or month > last:
            continue
        quarter = f"K{(month.month + 2) // 3}"
        out.setdefault((code, breakdown), []).append(
            (municipality_id, value, month.year, quarter, n)
        )
    return out


REGION_INDICATORS = ("signalen", "casussen_nieuw")


def region_table(user: Any, region: Region, span: Span) -> list[tuple[str, list[Table]]]:
    """For each municipality of a region the user may see: the tables of the indicators of the
    region overview (signals, new cases), as its startfoto has them."""
    if region not in allowed_regions(user):
        raise NotFoundOrForbidden()
    return region_overview(region, span)


def region_overview(
    region: Region, span: Span, today: date | None = None
) -> list[tuple[str, list[Table]]]:
    """(municipality name, its tables of the region indicators), without an access check."""
    municipalities = list(region.municipalities.order_by("name"))
    tables = tables_per_municipality(municipalities, span, today, REGION_INDICATORS)
    return [(m.name, tables[m.pk]) for m in municipalities]
