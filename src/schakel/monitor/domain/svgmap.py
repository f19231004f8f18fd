"""From TopoJSON to SVG path data: decode the arcs, pick areas by code, project and fit them.

Pure Python, no Django: the monitor draws its maps on the server as inline SVG, so a map needs
no script and the page is complete without one. Works for any TopoJSON object whose geometries
carry a code (municipalities ``GMxxxx``, districts ``WKggggnn``, provinces ``PVxx``).

TopoJSON (https://github.com/topojson/topojson-specification): a geometry's rings are lists of
indexes into the topology's shared ``arcs``; index ``~i`` (that is ``-i - 1``) is arc ``i``
reversed. A quantised topology has a ``transform``: its arcs are delta-encoded integers, and a
position is ``(x * scale_x + translate_x, y * scale_y + translate_y)``.
"""

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # the outer ring, then its holes

DEFAULT_WIDTH: Final = 600.0
DEFAULT_PADDING: Final = 8.0


class TopologyError(ValueError):
    """The file is not a TopoJSON topology this module can read."""


@dataclass(frozen=True)
class Shape:
    """One area in longitude/latitude (degrees)."""

    code: str
    name: str
    polygons: list[Polygon]


@dataclass(frozen=True)
class SvgMap:
    """SVG path data per code, fitted into ``0 0 width height``."""

    width: float
    height: float
    paths: dict[str, str]
    names: dict[str, str]

    @property
    def view_box(self) -> str:
        return f"0 0 {_number(self.width)} {_number(self.height)}"


def decode_arcs(topology: Mapping[str, Any]) -> list[list[Point]]:
    """Every arc as absolute positions (undoing the quantisation when there is a transform)."""
    raw_arcs = topology.get("arcs")
    if topology.get("type") != "Topology" or not isinstance(raw_arcs, list):
        raise TopologyError("Not a TopoJSON topology with arcs.")
    transform = topology.get("transform")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in raw_arcs]
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    arcs = []
    for arc in raw_arcs:
        x = y = 0
        points = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(arcs: Sequence[Sequence[Point]], indexes: Sequence[int]) -> Ring:
    """The ring made of ``indexes``: a negative index is its arc reversed; the first position
    of each next arc is the last of the one before, so it is not repeated."""
    out: Ring = []
    for index in indexes:
        arc = list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))
        out.extend(arc if not out else arc[1:])
    return out


def shapes(
    topology: Mapping[str, Any],
    object_name: str,
    codes: Collection[str] | None = None,
    *,
    code_property: str = "statcode",
    name_property: str = "statnaam",
) -> dict[str, Shape]:
    """The areas of ``object_name`` whose code is in ``codes`` (all when None), by code. A code
    that is not in the topology is left out; geometries other than (Multi)Polygon are too."""
    objects = topology.get("objects") or {}
    if object_name not in objects:
        raise TopologyError(f"The topology has no object {object_name!r}.")
    arcs = decode_arcs(topology)
    wanted = None if codes is None else set(codes)
    out: dict[str, Shape] = {}
    for geometry in objects[object_name].get("geometries", []):
        properties = geometry.get("properties") or {}
        code = str(properties.get(code_property, geometry.get("id", "")))
        if wanted is not None and code not in wanted:
            continue
        if geometry.get("type") == "Polygon":
            polygons = [[ring(arcs, r) for r in geometry["arcs"]]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        name = str(properties.get(name_property, code))
        if code in out:  # one area in two geometries: draw both parts
            polygons = out[code].polygons + polygons
        out[code] = Shape(code=code, name=name, polygons=polygons)
    return out


def project(point: Point, reference_latitude: float) -> Point:
    """Equirectangular with the longitude scaled by cos(latitude) at the map's middle: true
    enough for a region of a small country. y grows downwards, as in SVG."""
    lon, lat = point
    return (lon * math.cos(math.radians(reference_latitude)), -lat)


def fit(
    found: Mapping[str, Shape],
    *,
    width: float = DEFAULT_WIDTH,
    height: float | None = None,
    padding: float = DEFAULT_PADDING,
) -> SvgMap:
    """Project the areas and scale them, keeping their proportions, into a box ``width`` wide
    (and ``height`` high; by default as high as the proportions need), centred, with
    ``padding`` on every side."""
    points = [p for shape in found.values() for poly in shape.polygons for r in poly for p in r]
    if not points:
        return SvgMap(width=width, height=height or width, paths={}, names={})
    latitudes = [lat for _lon, lat in points]
    middle = (min(latitudes) + max(latitudes)) / 2
    projected = [project(p, middle) for p in points]
    min_x, max_x = min(x for x, _y in projected), max(x for x, _y in projected)
    min_y, max_y = min(y for _x, y in projected), max(y for _x, y in projected)
    span_x, span_y = max(max_x - min_x, 1e-12), max(max_y - min_y, 1e-12)
    inner_width = width - 2 * padding
    if height is None:
        height = inner_width * span_y / span_x + 2 * padding
    scale = min(inner_width / span_x, (height - 2 * padding) / span_y)
    offset_x = (width - span_x * scale) / 2
    offset_y = (height - span_y * scale) / 2

    def place(point: Point) -> tuple[str, str]:
        x, y = project(point, middle)
        return _number((x - min_x) * scale + offset_x), _number((y - min_y) * scale + offset_y)

    paths = {}
    for code, shape in found.items():
        parts = []
        for polygon in shape.polygons:
            for r in polygon:
                placed: list[tuple[str, str]] = []
                for point in r:
                    xy = place(point)
                    if not placed or placed[-1] != xy:  # rounding joins near points
                        placed.append(xy)
                if len(placed) > 1 and placed[0] == placed[-1]:
                    placed.pop()
                if len(placed) >= 3:
                    parts.append("M" + "L".join(f"{x} {y}" for x, y in placed) + "Z")
        paths[code] = "".join(parts)
    names = {code: shape.name for code, shape in found.items()}
    return SvgMap(width=width, height=height, paths=paths, names=names)


def svg_map(
    topology: Mapping[str, Any],
    object_name: str,
    codes: Collection[str] | None = None,
    *,
    width: float = DEFAULT_WIDTH,
    height: float | None = None,
    padding: float = DEFAULT_PADDING,
    code_property: str = "statcode",
    name_property: str = "statnaam",
) -> SvgMap:
    """SVG path data for the areas ``codes`` of ``object_name``, fitted together into one
    view box. Unknown codes are left out."""
    found = shapes(
        topology, object_name, codes, code_property=code_property, name_property=name_property
    )
    return fit(found, width=width, height=height, padding=padding)


def _number(value: float) -> str:
    """One decimal is a tenth of a pixel: enough, and keeps the page small."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
