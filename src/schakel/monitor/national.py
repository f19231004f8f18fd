"""The anonymised national export: per care-coordination region and ended calendar year, the
new cases per category of the Human Trafficking Case Data Standard (HTCDS), after disclosure
control. Counts only; the categories and the mapping are data (``data/htcds.yaml``).

What it publishes beside the region page (``/monitor/regio/``) is audited together with it:
the total of new cases is the region page's own (the same number or "x"), and an attacker
who knows every number of both, and that a case is counted once per category it has, must
not be able to work out a small count of either (see ``audit_leaks``)."""

import csv
import io
import itertools
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.policy import Action
from schakel.accounts.scoping import municipality_ids_for_action
from schakel.cases.models import Case, CaseSignal
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.geo.models import Region

from .domain.disclosure import (
    SECONDARY_MARKER,
    DisclosureError,
    Key,
    Policy,
    model_from_sums,
    protect,
)
from .domain.indicators import Span
from .presentation import region_tables, suppression_policy
from .selectors import region_overview

HTCDS_PATH = Path(__file__).parent / "data" / "htcds.yaml"
NOT_RECORDED = "NietVastgelegd"
CASES = ("cases", "N")  # distinct new cases: counted, never published
NEW_CASES = "casussen_nieuw"


# -- the standard and the mapping -------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    label_nl: str
    exploitation_types: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    extension: bool = False  # not a code of the standard (criminal exploitation)


@dataclass(frozen=True)
class Dimension:
    key: str
    label_nl: str
    htcds_field: str
    single_valued: bool
    categories: tuple[Category, ...]

    def categories_of(self, exploitation_types: set[str], indicator_codes: set[str]) -> set[str]:
        """The codes of this dimension that a case with these data has (empty: not recorded)."""
        return {
            c.code
            for c in self.categories
            if exploitation_types & set(c.exploitation_types) or indicator_codes & set(c.indicators)
        }


@dataclass(frozen=True)
class Standard:
    name: str
    version: str
    source: str
    dimensions: tuple[Dimension, ...]


@lru_cache(maxsize=1)
def load_standard(path: Path = HTCDS_PATH) -> Standard:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    dimensions = tuple(
        Dimension(
            key=d["key"],
            label_nl=d["label_nl"],
            htcds_field=d["htcds_field"],
            single_valued=bool(d.get("single_valued", False)),
            categories=tuple(
                Category(
                    code=c["code"],
                    label=c["label"],
                    label_nl=c["label_nl"],
                    exploitation_types=tuple(c.get("from_exploitation_types", ())),
                    indicators=tuple(c.get("from_indicators", ())),
                    extension=bool(c.get("schakel_extension", False)),
                )
                for c in d["categories"]
            ),
        )
        for d in data["dimensions"]
    )
    source = data["source"]
    files = ", ".join(f"{f['path']}@{f['commit'][:7]}" for f in source["files"])
    return Standard(
        name=data["standard"],
        version=str(data["standard_version"]),
        source=f"{source['repository']}: {files}",
        dimensions=dimensions,
    )


# -- the counts (read-only, counts only) ------------------------------------------------------


@dataclass
class RawCounts:
    """Before disclosure control: distinct new cases, and per (dimension, code) the cases with
    at least that category (``NOT_RECORDED``: with none of the dimension)."""

    cases: int = 0
    counts: dict[tuple[str, str], int] = field(default_factory=dict)


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(date(year, 1, 1), time.min, tzinfo=tz),
        datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=tz),
    )


def national_counts(region: Region, year: int) -> RawCounts:
    """The cases opened in ``year`` that belong to a municipality of ``region`` (the cases of
    the region page's "Nieuwe casussen", each counted once), per HTCDS category. Without an
    access check (the command line, run by an operator). Two queries; only codes are read."""
    standard = load_standard()
    since, until = _year_bounds(year)
    places = Case.municipalities.through.objects.filter(
        municipality_id__in=region.municipalities.values("id")
    )
    cases = Case.objects.filter(
        id__in=places.values("case_id"), created_at__gte=since, created_at__lt=until
    )
    types: dict[int, set[str]] = {}
    codes: dict[int, set[str]] = {}
    for case_id, exploitation in cases.values_list("id", "exploitation_types"):
        types[case_id] = set(exploitation or ())
        codes[case_id] = set()
    linked = CaseSignal.objects.filter(case__in=cases, detached_at__isnull=True).values_list(
        "case_id", "signal__exploitation_types", "signal__indicator_codes"
    )
    for case_id, exploitation, indicator_codes in linked:
        types[case_id] |= set(exploitation or ())
        codes[case_id] |= set(indicator_codes or ())
    counter: Counter[tuple[str, str]] = Counter()
    for case_id in types:
        for dimension in standard.dimensions:
            found = dimension.categories_of(types[case_id], codes[case_id])
            for code in found or {NOT_RECORDED}:
                counter[(dimension.key, code)] += 1
    raw = RawCounts(cases=len(types))
    for dimension in standard.dimensions:
        for code in [*(c.code for c in dimension.categories), NOT_RECORDED]:
            raw.counts[(dimension.key, code)] = counter[(dimension.key, code)]
    return raw


# -- the region page's numbers ----------------------------------------------------------------


@dataclass(frozen=True)
class RegionPage:
    """What the region page publishes of the new cases in the year: per municipality and the
    region's total, as displayed ("12", "<5", "x")."""

    municipalities: tuple[tuple[str, str], ...]
    total: str


def region_page_new_cases(region: Region, year: int, today: date | None = None) -> RegionPage:
    span = Span(year)
    for table in region_tables(region_overview(region, span, today), span):
        if table.key == f"{NEW_CASES}:regio":
            assert table.total is not None  # noqa: S101 - region tables have a total
            return RegionPage(
                tuple((row.label, row.cells[0]) for row in table.rows), table.total.cells[0]
            )
    raise ValueError("The region page has no table of new cases.")


# -- disclosure control and the audit against the region page --------------------------------


def _model(standard: Standard, raw: RawCounts) -> Any:
    base: dict[Key, int] = {}
    sums: list[tuple[Key, list[Key]]] = []
    for dimension in standard.dimensions:
        keys: list[Key] = [
            (dimension.key, code)
            for code in [*(c.code for c in dimension.categories), NOT_RECORDED]
        ]
        base |= {key: raw.counts[(key[0], key[1])] for key in keys}
        if dimension.single_valued:
            # The rows add up to the cases: a sum to protect. The number of cases is not
            # published, but modelled as known, which only makes the protection stricter.
            sums.append((CASES, keys))
    return model_from_sums(base, sums)


def _is_number(text: str) -> bool:
    return text.isdigit()


def audit_leaks(
    standard: Standard,
    raw: RawCounts,
    shown: Mapping[Key, str],
    page: RegionPage,
    policy: Policy,
) -> list[Key]:
    """The small counts (of the export and of the region page) that an attacker could narrow
    down too far with both publications. The attacker knows every published number, that
    "<5" is 1 to 4, that a case has any set of categories per dimension (so each category is
    at most the cases minus "not recorded", and together they are at least that), and that
    the distinct cases are at least each municipality's and at most the region's total.

    Linear programmes over the number of cases per combination of categories (the finest
    thing the counts are sums of); a small count is protected as in ``domain.disclosure``:
    the attacker without the markers keeps a range of at least the policy's width, the one
    with the markers at least two whole values."""
    from scipy.optimize import linprog  # type: ignore[import-untyped]

    names: list[str] = []
    index: dict[str, int] = {}

    def var(name: str) -> int:
        if name not in index:
            index[name] = len(names)
            names.append(name)
        return index[name]

    cases = var("N")
    total = var("T")
    small: dict[str, bool] = {}  # variable -> shown as "<5"
    fixed: dict[str, int] = {}
    # The region page: T is the sum of the municipalities; the distinct cases N are at least
    # each municipality's (m - N <= 0) and at most T (N - T <= 0).
    row: dict[int, float] = {total: -1.0}
    rows_le: list[dict[int, float]] = [{cases: 1.0, total: -1.0}]
    for number, (_name, text) in enumerate(page.municipalities):
        m = var(f"m{number}")
        row[m] = 1.0
        rows_le.append({m: 1.0, cases: -1.0})
        _observe(f"m{number}", text, small, fixed)
    rhs_le = [0.0] * len(rows_le)
    rows_eq = [row]
    rhs_eq = [0.0]
    _observe("T", page.total, small, fixed)
    for dimension in standard.dimensions:
        codes = [c.code for c in dimension.categories]
        combos = [
            frozenset(s) for r in range(len(codes) + 1) for s in itertools.combinations(codes, r)
        ]
        combo_vars = {s: var(f"{dimension.key}:{'+'.join(sorted(s))}") for s in combos}
        rows_eq.append({cases: -1.0, **{v: 1.0 for v in combo_vars.values()}})
        rhs_eq.append(0.0)
        for code in [*codes, NOT_RECORDED]:
            cell = var(f"{dimension.key}/{code}")
            members = [s for s in combos if (code in s if code != NOT_RECORDED else not s)]
            rows_eq.append({cell: -1.0, **{combo_vars[s]: 1.0 for s in members}})
            rhs_eq.append(0.0)
            _observe(f"{dimension.key}/{code}", shown[(dimension.key, code)], small, fixed)
    targets = [name for name, is_small in small.items() if is_small]
    leaks: list[Key] = []
    for informed in (False, True):
        bounds: list[tuple[float | None, float | None]] = []
        for name in names:
            if name in fixed:
                bounds.append((fixed[name], fixed[name]))
            elif informed and small.get(name):
                bounds.append((1, policy.threshold - 1))
            else:
                bounds.append((0, None))
        a_eq = [[r.get(i, 0.0) for i in range(len(names))] for r in rows_eq]
        a_le = [[r.get(i, 0.0) for i in range(len(names))] for r in rows_le]
        for name in targets:
            objective = [0.0] * len(names)
            objective[index[name]] = 1.0
            ends = []
            for direction in (1.0, -1.0):
                result = linprog(
                    [direction * c for c in objective],
                    A_ub=a_le,
                    b_ub=rhs_le,
                    A_eq=a_eq,
                    b_eq=rhs_eq,
                    bounds=bounds,
                    method="highs",
                )
                if result.status == 3:  # unbounded
                    ends.append(math.inf)
                elif result.status != 0:
                    raise DisclosureError("The national export is inconsistent with the page.")
                else:
                    ends.append(direction * result.fun)
            low, high = ends[0], ends[1]
            if informed:
                ok = math.floor(high + 1e-6) - math.ceil(low - 1e-6) >= 1
            else:
                ok = high - low >= policy.required_width - 1e-6
            if not ok:
                key = tuple(name.split("/")) if "/" in name else ("region", name)
                if key not in leaks:
                    leaks.append(key)
    return leaks


def _observe(name: str, text: str, small: dict[str, bool], fixed: dict[str, int]) -> None:
    if _is_number(text):
        fixed[name] = int(text)
    else:
        small[name] = text.startswith("<")


# -- the export ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownCategory:
    code: str
    label_nl: str
    count: str


@dataclass(frozen=True)
class NationalExport:
    standard: str
    standard_version: str
    source: str
    region: str
    region_name: str
    year: int
    generated_at: str
    threshold: int
    cases_total: str
    categories: dict[str, list[ShownCategory]]
    dimension_labels: dict[str, str]
    withheld: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "standard": self.standard,
            "standard_version": self.standard_version,
            "source": self.source,
            "region": self.region,
            "region_name": self.region_name,
            "year": self.year,
            "generated_at": self.generated_at,
            "threshold": self.threshold,
            "categories": {
                key: [{"code": c.code, "label_nl": c.label_nl, "count": c.count} for c in items]
                for key, items in self.categories.items()
            },
            "cases_total": self.cases_total,
        }


def national_export(region: Region, year: int, today: date | None = None) -> NationalExport:
    """The protected export of one region and ended year, without an access check (the
    command line). ValueError (Dutch) for a year that has not ended."""
    today = today or timezone.localdate()
    if date(year, 12, 31) >= today:
        raise ValueError(_("Dit jaar is nog niet voorbij; kies een jaar dat voorbij is."))
    standard = load_standard()
    policy = suppression_policy()
    raw = national_counts(region, year)
    page = region_page_new_cases(region, year, today)
    model = _model(standard, raw)
    withheld: set[str] = set()
    try:
        result = protect(model, policy)
        shown = {key: result.display(key) for key in model.values if key != CASES}
    except DisclosureError:
        shown = {key: SECONDARY_MARKER for key in model.values if key != CASES}
        withheld = {d.key for d in standard.dimensions}

    def current() -> dict[Key, str]:
        return {
            key: SECONDARY_MARKER if key[0] in withheld else text for key, text in shown.items()
        }

    # Withhold whole dimensions until nothing small can be narrowed down: a leaking count of
    # a dimension withholds that dimension; one of the region page, all of them.
    while len(withheld) < len(standard.dimensions):
        leaks = audit_leaks(standard, raw, _for_audit(current(), withheld), page, policy)
        if not leaks:
            break
        own = {key[0] for key in leaks if key[0] != "region"}
        withheld |= own or {d.key for d in standard.dimensions}
    published = current()
    return NationalExport(
        standard=standard.name,
        standard_version=standard.version,
        source=standard.source,
        region=str(region.pk),
        region_name=region.name,
        year=year,
        generated_at=timezone.now().replace(microsecond=0).isoformat(),
        threshold=policy.threshold,
        cases_total=page.total,
        categories={
            d.key: [
                ShownCategory(c.code, c.label_nl, published[(d.key, c.code)]) for c in d.categories
            ]
            + [ShownCategory(NOT_RECORDED, _("Niet vastgelegd"), published[(d.key, NOT_RECORDED)])]
            for d in standard.dimensions
        },
        dimension_labels={d.key: d.label_nl for d in standard.dimensions},
        withheld=tuple(sorted(withheld)),
    )


def _for_audit(shown: Mapping[Key, str], withheld: Iterable[str]) -> dict[Key, str]:
    """A withheld dimension tells the attacker nothing ("x" may be any count, also 0)."""
    gone = set(withheld)
    return {key: ("?" if key[0] in gone else text) for key, text in shown.items()}


# -- access ----------------------------------------------------------------------------------


def allowed_export_regions(user: Any) -> list[Region]:
    """Regions of which the user may export every municipality (the care coordinator's)."""
    ids = municipality_ids_for_action(user, Action.MONITOR_NATIONAL_EXPORT)
    regions = Region.objects.filter(users=user).prefetch_related("municipalities")
    return [r for r in regions if {m.pk for m in r.municipalities.all()} <= ids]


def national_export_for_user(*, user: Any, region_id: int, year: int) -> NationalExport:
    """The export for a region the user may export; any other region is answered as if it
    did not exist."""
    region = next((r for r in allowed_export_regions(user) if r.pk == region_id), None)
    if region is None:
        raise NotFoundOrForbidden()
    return national_export(region, year)


@transaction.atomic
def national_export_download(
    *, user: Any, region_id: int, year: int, fmt: str, request: HttpRequest | None = None
) -> NationalExport:
    """The export for a download, recorded in the audit trail (codes only)."""
    from schakel.audit.services import audit_record

    export = national_export_for_user(user=user, region_id=region_id, year=year)
    audit_record(
        actor=user,
        action=Action.MONITOR_NATIONAL_EXPORT,
        subject_type="region",
        subject_id=region_id,
        request=request,
        details={"year": year, "format": fmt, "standard": export.standard_version},
    )
    return export


# -- the files -------------------------------------------------------------------------------

CSV_HEADER = ["regio", "jaar", "categorie", "code", "omschrijving", "aantal"]


def export_json(export: NationalExport) -> str:
    return json.dumps(export.as_dict(), ensure_ascii=False, indent=2) + "\n"


def export_csv_rows(export: NationalExport) -> list[list[str]]:
    rows = [
        [
            export.region,
            str(export.year),
            "totaal",
            "cases_total",
            _("Nieuwe casussen"),
            export.cases_total,
        ]
    ]
    for key, items in export.categories.items():
        rows += [[export.region, str(export.year), key, c.code, c.label_nl, c.count] for c in items]
    return rows


def export_csv(export: NationalExport) -> str:
    """For Excel (NL): semicolons, UTF-8 with a byte-order mark (in the download and on the
    command line alike)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(export_csv_rows(export))
    return buffer.getvalue()


def ended_years(today: date | None = None, years: int = 5) -> list[int]:
    today = today or timezone.localdate()
    return [today.year - n for n in range(1, years + 1)]


__all__: Sequence[str] = [
    "NOT_RECORDED",
    "NationalExport",
    "audit_leaks",
    "export_csv",
    "export_json",
    "load_standard",
    "national_counts",
    "national_export",
    "national_export_for_user",
]
