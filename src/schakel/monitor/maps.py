"""The region page's map: each municipality coloured by the number the region table publishes.

The map is drawn on the server as inline SVG (``domain.svgmap``), so it needs no script. It
shows only the published cells: a municipality whose number is "<5" or "x" is hatched and
labelled "niet te tonen", never coloured by a hidden count. The table beside it has the same
numbers and stays the map's text alternative.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from django.utils.translation import gettext as _

from .domain.svgmap import svg_map
from .presentation import ShownTable

MAPS_DIR: Final = Path(__file__).resolve().parent.parent / "geo" / "data" / "maps"
MUNICIPALITIES: Final = "gemeente_2025"
DISTRICTS: Final = "wijk_2024"
SOURCE: Final = "Kadaster / CBS, 2025"  # the credit CBS asks for, with the year
DISTRICT_SOURCE: Final = "Kadaster / CBS, 2024"
# Fixed classes, the same on every map, so maps of two periods or regions compare. Counts 1-4
# are never published, so the first class after 0 starts at 5.
CLASSES: Final = ((0, 0), (5, 9), (10, 19), (20, 49), (50, None))


@lru_cache(maxsize=2)
def topology(name: str = MUNICIPALITIES) -> dict[str, Any]:
    """A TopoJSON file of ``geo/data/maps``, read once per process."""
    data: dict[str, Any] = json.loads((MAPS_DIR / f"{name}.topojson").read_text(encoding="utf-8"))
    return data


@dataclass
class MapArea:
    code: str
    name: str
    path: str
    shown: str  # the published cell
    css_class: str  # schakel-map__area--k<n>, or --hidden
    title: str


@dataclass
class LegendItem:
    css_class: str
    label: str


@dataclass
class RegionMap:
    element_id: str
    caption: str
    view_box: str
    areas: list[MapArea] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # names of places not on the map
    attribution: str = ""
    legend_title: str = ""
    missing_note: str = ""

    @property
    def hatch_id(self) -> str:
        return f"{self.element_id}-arcering"


def class_of(cell: str) -> str:
    """The CSS class of a published cell: its class of numbers, or hidden."""
    if not cell.isdigit():
        return "schakel-map__area--hidden"
    value = int(cell)
    for index, (low, high) in enumerate(CLASSES):
        if value >= low and (high is None or value <= high):
            return f"schakel-map__area--k{index}"
    return "schakel-map__area--k1"  # 1-4 (only when no threshold hides them)


def _class_label(low: int, high: int | None) -> str:
    if high is None:
        return _("{low} of meer").format(low=low)
    if low == high:
        return str(low)
    return _("{low} tot en met {high}").format(low=low, high=high)


def legend() -> list[LegendItem]:
    items = [
        LegendItem(f"schakel-map__area--k{index}", _class_label(low, high))
        for index, (low, high) in enumerate(CLASSES)
    ]
    items.append(LegendItem("schakel-map__area--hidden", _("niet te tonen (<5 of x)")))
    return items


def region_map(
    table: ShownTable,
    codes_by_name: dict[str, str],
    element_id: str,
    period: str,
    *,
    layer: str = MUNICIPALITIES,
    caption: str | None = None,
) -> RegionMap | None:
    """The map of one table whose rows are places (municipalities, or with ``layer`` the
    districts of a municipality), coloured by the last column (the period). None when the
    table is withheld or none of its places is on the map."""
    if table.withheld or not table.rows:
        return None
    codes = {codes_by_name[row.label]: row for row in table.rows if row.label in codes_by_name}
    drawn = svg_map(topology(layer), layer, codes)
    if not drawn.paths:
        return None
    out = RegionMap(
        element_id=element_id,
        caption=caption
        or _("Kaart: {title} per gemeente, {period}").format(title=table.title, period=period),
        view_box=drawn.view_box,
        legend=legend(),
        attribution=_("Kaart: {source}").format(
            source=DISTRICT_SOURCE if layer == DISTRICTS else SOURCE
        ),
        legend_title=_("Legenda: aantal per wijk")
        if layer == DISTRICTS
        else _("Legenda: aantal per gemeente"),
        missing_note=_("Niet op de kaart (geen grens van 2024 bekend, of de wijk is onbekend):")
        if layer == DISTRICTS
        else _("Niet op de kaart (geen grens van 2025 bekend):"),
    )
    for code, row in codes.items():
        if code not in drawn.paths:
            out.missing.append(row.label)
            continue
        cell = row.cells[-1]
        value = cell if cell.isdigit() else _("niet te tonen ({cell})").format(cell=cell)
        out.areas.append(
            MapArea(
                code=code,
                name=row.label,
                path=drawn.paths[code],
                shown=cell,
                css_class=class_of(cell),
                title=f"{row.label}: {value}",
            )
        )
    out.missing += [row.label for row in table.rows if row.label not in codes_by_name]
    return out


def district_map(
    table: ShownTable, districts: list[tuple[str, str]], period: str
) -> RegionMap | None:
    """The startfoto's map of a municipality's districts (``districts``: (WK code, name) as
    the rows of its district table), coloured by the chosen year's published numbers."""
    codes_by_name = {name: code for code, name in districts if code.startswith("WK")}
    return region_map(
        table,
        codes_by_name,
        "kaart-wijken",
        period,
        layer=DISTRICTS,
        caption=_("Kaart: {title} per wijk, {period}").format(title=table.title, period=period),
    )


def region_maps(region: Any, tables: list[ShownTable], period: str) -> list[RegionMap | None]:
    """A map per table of the region page, in the same order."""
    codes_by_name = {m.name: m.code for m in region.municipalities.all()}
    return [
        region_map(table, codes_by_name, f"kaart-{index}", period)
        for index, table in enumerate(tables, start=1)
    ]
