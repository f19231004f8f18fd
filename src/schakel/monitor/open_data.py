"""Open data of the monitor with differential privacy: releases, their budget and their file.

A release covers one municipality and one calendar year that has ended. Its counts come from
the startfoto's raw tables (``selectors.municipality_tables``); ``domain.privacy`` adds the
noise with OpenDP. Per table: the indicator's total per quarter (a record falls in one
quarter, so the quarters are one histogram; the year is their sum, which is post-processing
and free) or a breakdown over the whole year. Counts of a state on a day (``stock``) are
left out: the same case is counted again every quarter and every year, which a budget per
year cannot cover.

Each release spends epsilon from its municipality's budget for that year
(``SCHAKEL_MONITOR_DP_EPSILON_PER_YEAR``). The noise is drawn once; the CSV is stored as
published and a download again returns the same bytes.
"""

import csv
import hashlib
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.policy import Action
from schakel.accounts.scoping import municipality_ids_for_action
from schakel.audit.services import audit_record
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.geo.models import Municipality
from schakel.intake.constants import ExploitationType

from .domain import privacy
from .domain.indicators import QUARTERS, Span
from .models import PrivacyRelease
from .selectors import (
    ADDITIVE,
    Table,
    breakdown_label,
    indicators,
    municipality_tables,
    values_of,
)

AUDIT_ACTION = "monitor.open_data_release"
AUDIT_SUBJECT = "monitor_release"
CSV_HEADER = ["plaats", "jaar", "tabel", "rij", "waarde", "epsilon", "mechanisme"]
DEFAULT_EPSILON = 0.5
YEARS_SHOWN = 5


class OpenDataRefused(DomainValidationError):
    """A release that is not made, with the reason in Dutch (next to ``field``)."""

    code = "open_data_refused"


def epsilon_per_year() -> float:
    """The budget per municipality per year; a value of 0 or less is a configuration error."""
    value = float(settings.SCHAKEL_MONITOR_DP_EPSILON_PER_YEAR)
    if not math.isfinite(value) or value <= 0:
        raise ImproperlyConfigured(
            "SCHAKEL_MONITOR_DP_EPSILON_PER_YEAR moet groter zijn dan 0, niet "
            f"{settings.SCHAKEL_MONITOR_DP_EPSILON_PER_YEAR!r}."
        )
    return value


# -- what can be released --------------------------------------------------------------------


@dataclass(frozen=True)
class TableOption:
    key: str  # as in selectors.Table.key: "<indicator>:<breakdown or 'totaal'>"
    title: str
    contribution: int  # the most one record adds to this table's cells together


def table_options() -> list[TableOption]:
    """The tables an open-data release can hold, in the startfoto's order."""
    out = []
    for indicator in indicators():
        if indicator.stock:
            continue
        out.append(TableOption(f"{indicator.code}:totaal", str(indicator.name), 1))
        breakdowns = list(indicator.breakdowns)
        if indicator.code == "stem_van_het_kind":
            breakdowns = ["child_heard"]
        for by in breakdowns:
            bound = _contribution(by)
            if bound is None:
                continue  # a breakdown whose rows depend on the place: not offered
            title = f"{indicator.name}, {breakdown_label(by, indicator).lower()}"
            out.append(TableOption(f"{indicator.code}:{by}", title, bound))
    return out


def _contribution(by: str) -> int | None:
    """The most one record adds to a breakdown's cells: 1 when every record has exactly one
    value, the number of forms for exploitation (a signal counts once under each of its
    forms), and otherwise, to be safe, the number of rows (a record could be in each)."""
    if by in ADDITIVE:
        return 1
    if by == "exploitation":
        return len(ExploitationType)
    try:
        return len(values_of(by))
    except (ValueError, TypeError, AttributeError):
        return None


def default_table_keys() -> list[str]:
    return ["signalen:totaal"]


def quarter_label(quarter: int) -> str:
    return Span(2000, quarter).label().removesuffix(" 2000")


def histograms(
    tables: Sequence[Table], year: int, options: Sequence[TableOption]
) -> list[privacy.Histogram]:
    """The true counts of the chosen tables: a total per quarter, a breakdown per year."""
    by_key = {t.key: t for t in tables}
    out = []
    for option in options:
        table = by_key[option.key]
        if option.key.endswith(":totaal"):
            cells = tuple((f"K{q}", table.counts.get(("", year, f"K{q}"), 0)) for q in QUARTERS)
        else:
            cells = tuple(
                (row, sum(table.counts.get((row, year, f"K{q}"), 0) for q in QUARTERS))
                for row, _label in table.rows
            )
        out.append(privacy.Histogram(option.key, cells, option.contribution))
    return out


# -- the file ----------------------------------------------------------------------------------


def _decimal(value: float) -> str:
    """Epsilon as Excel (NL) reads it: a decimal comma."""
    return f"{value:.6g}".replace(".", ",")


def epsilon_text(value: float) -> str:
    """An epsilon for people: at most three decimals, rounded down (what is shown as left
    can be spent), with a decimal comma."""
    return _decimal(math.floor(value * 1000 + 1e-6) / 1000)


def csv_text(
    *,
    municipality: Municipality,
    year: int,
    tables: Sequence[Table],
    options: Sequence[TableOption],
    released: privacy.Release,
) -> str:
    """The published file: a note that the numbers are made inexact on purpose, then one line
    per number. A total has a line per quarter and one for the year (the sum of the noisy
    quarters). Noisy counts under the monitor's threshold are shown as "<5", as everywhere
    in the monitor (post-processing: it costs no epsilon)."""
    threshold = settings.SCHAKEL_MONITOR_THRESHOLD
    by_key = {t.key: t for t in tables}
    epsilon = _decimal(released.epsilon)
    mechanism = privacy.MECHANISM_LABEL
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    note = _(
        "Let op: deze aantallen zijn met opzet een beetje onnauwkeurig gemaakt "
        "(differential privacy), zodat niemand een jongere kan herkennen. Epsilon {epsilon} "
        "van het budget van {year}; schaal van de ruis {scale}. Aantallen onder de {n} staan "
        "er als <{n}."
    ).format(epsilon=epsilon, year=year, scale=_decimal(released.scale), n=threshold)
    buffer.write(f"# {note}\n")
    writer.writerow(CSV_HEADER)

    def shown(value: int) -> str:
        return f"<{threshold}" if 0 < value < threshold else str(value)

    for option in options:
        values = released.values[option.key]
        table = by_key[option.key]
        if option.key.endswith(":totaal"):
            rows = [(quarter_label(q), values[f"K{q}"]) for q in QUARTERS]
            rows.append((_("Heel jaar"), sum(values.values())))
        else:
            rows = [(label, values[row]) for row, label in table.rows]
        for label, value in rows:
            writer.writerow(
                [municipality.code, year, option.title, label, shown(value), epsilon, mechanism]
            )
    return "\ufeff" + buffer.getvalue()


def file_name(release: PrivacyRelease) -> str:
    return f"open-data-{release.municipality.code}-{release.period}-{release.pk}.csv"


# -- the budget --------------------------------------------------------------------------------


def budget_of(municipality: Municipality, year: int) -> privacy.Budget:
    spent = PrivacyRelease.objects.filter(municipality=municipality, year=year).values_list(
        "epsilon", flat=True
    )
    return privacy.budget(epsilon_per_year(), spent)


def _may_release(user: Any, municipality: Municipality) -> bool:
    return municipality.pk in municipality_ids_for_action(user, Action.MONITOR_OPEN_DATA)


# -- the service -------------------------------------------------------------------------------


@transaction.atomic
def open_data_release(
    *,
    user: Any,
    municipality: Municipality,
    year: int,
    epsilon: float,
    table_keys: Sequence[str],
    request: HttpRequest | None = None,
    today: date | None = None,
) -> PrivacyRelease:
    """Make one release: check access, the year and the budget, draw the noise once, store
    the file and record it in the audit trail, all in one transaction. The municipality's
    row is locked first, so two releases at the same time cannot both spend the last of a
    budget."""
    if not _may_release(user, municipality):
        raise NotFoundOrForbidden()
    today = today or timezone.localdate()
    if date(year, 12, 31) >= today:
        raise OpenDataRefused(
            _("Het jaar {year} is nog niet voorbij. Kies een jaar dat voorbij is.").format(
                year=year
            ),
            field="jaar",
        )
    chosen = [o for o in table_options() if o.key in set(table_keys)]
    if not chosen or len(chosen) != len(set(table_keys)):
        raise OpenDataRefused(_("Kies minstens één tabel uit de lijst."), field="tabellen")
    try:
        privacy.check_epsilon(epsilon)
    except privacy.InvalidEpsilon as error:
        raise OpenDataRefused(
            _("Kies een epsilon groter dan 0 en hoogstens {max}.").format(
                max=_decimal(privacy.MAX_EPSILON)
            ),
            field="epsilon",
        ) from error

    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    codes = sorted({o.key.split(":")[0] for o in chosen})
    tables = municipality_tables(municipality, Span(year), today, codes)
    counts = histograms(tables, year, chosen)
    release_plan = privacy.plan(counts, epsilon=epsilon)
    try:  # what OpenDP says the measurement costs is what must fit
        privacy.check_budget(budget_of(municipality, year), release_plan.epsilon)
    except privacy.BudgetExceeded as error:
        raise OpenDataRefused(_budget_message(year, error.remaining), field="epsilon") from error
    released = privacy.draw(release_plan, counts)
    content = csv_text(
        municipality=municipality, year=year, tables=tables, options=chosen, released=released
    )
    release = PrivacyRelease(
        municipality=municipality,
        year=year,
        period=Span(year).code,
        tables=[o.key for o in chosen],
        epsilon=released.epsilon,
        mechanism=released.mechanism,
        scale=released.scale,
        sensitivity=released.sensitivity,
        released_by=user,
        released_at=timezone.now(),
        content=content,
        sha256=hashlib.sha256(content.encode("utf-8")).hexdigest(),
    )
    release.full_clean()
    release.save()
    audit_record(
        actor=user,
        action=AUDIT_ACTION,
        subject_type=AUDIT_SUBJECT,
        subject_id=release.pk,
        request=request,
        details={
            "municipality": municipality.code,
            "year": year,
            "tables": release.tables,
            "epsilon": release.epsilon,
            "mechanism": release.mechanism,
            "sha256": release.sha256,
        },
    )
    return release


def _budget_message(year: int, remaining: float) -> str:
    if remaining <= privacy.TOLERANCE:
        return _(
            "Het budget voor {year} is op. Er kan dit jaar niets meer worden uitgegeven."
        ).format(year=year)
    return _(
        "Zo veel budget is er niet meer. Voor {year} is nog {left} over: kies een epsilon "
        "van hoogstens {left}."
    ).format(year=year, left=epsilon_text(remaining))


# -- reading -----------------------------------------------------------------------------------


def release_get_for_user(*, user: Any, release_id: int) -> PrivacyRelease:
    """A release of a municipality the user may release for; the same error otherwise."""
    ids = municipality_ids_for_action(user, Action.MONITOR_OPEN_DATA)
    release = (
        PrivacyRelease.objects.select_related("municipality")
        .filter(pk=release_id, municipality_id__in=ids)
        .first()
    )
    if release is None:
        raise NotFoundOrForbidden()
    return release


def release_download(
    *, user: Any, release_id: int, request: HttpRequest | None = None
) -> tuple[PrivacyRelease, bytes]:
    """The stored file, byte for byte (no new noise, no new cost); the download is audited."""
    release = release_get_for_user(user=user, release_id=release_id)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="monitor.open_data_download",
            subject_type=AUDIT_SUBJECT,
            subject_id=release.pk,
            request=request,
        )
    return release, release.content.encode("utf-8")


@dataclass
class YearBudget:
    year: int
    budget: privacy.Budget
    releases: list[PrivacyRelease] = field(default_factory=list)

    @property
    def total_text(self) -> str:
        return epsilon_text(self.budget.total)

    @property
    def spent_text(self) -> str:
        return _decimal(round(self.budget.spent, 6))

    @property
    def remaining_text(self) -> str:
        return epsilon_text(self.budget.remaining)


@dataclass
class PlaceOverview:
    municipality: Municipality
    years: list[YearBudget]

    @property
    def releases(self) -> list[PrivacyRelease]:
        return [release for item in self.years for release in item.releases]


def ended_years(today: date, count: int = YEARS_SHOWN) -> list[int]:
    return list(range(today.year - 1, today.year - 1 - count, -1))


def overview_for_user(*, user: Any, today: date | None = None) -> list[PlaceOverview]:
    """Per municipality the user may release for: per year the budget, what is spent and the
    releases (newest first). Two queries, however many releases."""
    today = today or timezone.localdate()
    ids = municipality_ids_for_action(user, Action.MONITOR_OPEN_DATA)
    places = list(Municipality.objects.filter(id__in=ids).order_by("name"))
    releases = PrivacyRelease.objects.filter(municipality_id__in=ids).select_related("released_by")
    grouped: dict[tuple[int, int], list[PrivacyRelease]] = {}
    for release in releases:
        grouped.setdefault((release.municipality_id, release.year), []).append(release)
    total = epsilon_per_year()
    out = []
    for place in places:
        own = {year: items for (pk, year), items in grouped.items() if pk == place.pk}
        years = sorted(set(ended_years(today)) | set(own), reverse=True)
        budgets = [
            YearBudget(
                year,
                privacy.budget(total, [r.epsilon for r in own.get(year, [])]),
                own.get(year, []),
            )
            for year in years
        ]
        out.append(PlaceOverview(place, budgets))
    return out


def table_titles(keys: Sequence[str]) -> list[str]:
    titles = {o.key: o.title for o in table_options()}
    return [titles.get(key, key) for key in keys]
