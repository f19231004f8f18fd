"""The map module: TopoJSON decoded as the specification says, fitted into the view box."""

import json
import math
import re
from pathlib import Path

import pytest

from schakel.monitor.domain.svgmap import (
    TopologyError,
    decode_arcs,
    fit,
    ring,
    shapes,
    svg_map,
)


def _named(code: str, name: str) -> dict[str, str]:
    return {"statcode": code, "statnaam": name}


# Three areas on a grid of half degrees from (4, 52): square A (4-5 E), square B (5-6 E) that
# shares A's east side (arc 0, used reversed by B), and C: two triangles (a MultiPolygon).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [4, 52]},
    "arcs": [
        [[2, 0], [0, 2]],  # 0: (5,52) -> (5,53), the shared side
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # 1: (5,53) -> (4,53) -> (4,52) -> (5,52)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # 2: (5,52) -> (6,52) -> (6,53) -> (5,53)
        [[6, 0], [2, 0], [-2, 2], [0, -2]],  # 3: triangle at 7 E
        [[10, 0], [2, 0], [-2, 2], [0, -2]],  # 4: triangle at 9 E
    ],
    "objects": {
        "gemeente": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": _named("GM0001", "A")},
                {"type": "Polygon", "arcs": [[2, -1]], "properties": _named("GM0002", "B")},
                {"type": "MultiPolygon", "arcs": [[[3]], [[4]]], "properties": _named("GM0003", "C")},  # noqa: E501
                {"type": "Point", "coordinates": [1, 1], "properties": {"statcode": "GM0004"}},
            ],
        }
    },
}  # fmt: skip


def _points(path: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"([-\d.]+) ([-\d.]+)", path)]


def test_quantised_arcs_are_delta_decoded_and_transformed():
    arcs = decode_arcs(TOPOLOGY)
    assert arcs[0] == [(5.0, 52.0), (5.0, 53.0)]
    assert arcs[1] == [(5.0, 53.0), (4.0, 53.0), (4.0, 52.0), (5.0, 52.0)]
    assert arcs[3] == [(7.0, 52.0), (8.0, 52.0), (7.0, 53.0), (7.0, 52.0)]


def test_arcs_without_a_transform_are_absolute_positions():
    assert decode_arcs({"type": "Topology", "arcs": [[[4.5, 52], [5, 52.5]]]}) == [
        [(4.5, 52.0), (5.0, 52.5)]
    ]


def test_a_negative_index_is_the_arc_reversed_and_joins_without_repeating_a_point():
    arcs = decode_arcs(TOPOLOGY)
    # -1 is ~0: arc 0 from (5,53) back to (5,52), the ring of B closes on its first point.
    assert ring(arcs, [2, -1]) == [(5, 52), (6, 52), (6, 53), (5, 53), (5, 52)]
    assert ring(arcs, [0, 1]) == [(5, 52), (5, 53), (4, 53), (4, 52), (5, 52)]


def test_shapes_are_picked_by_code_and_unknown_codes_and_other_geometries_are_left_out():
    found = shapes(TOPOLOGY, "gemeente", {"GM0001", "GM0003", "GM0004", "GM9999"})
    assert set(found) == {"GM0001", "GM0003"}
    assert found["GM0001"].name == "A"
    assert len(found["GM0003"].polygons) == 2  # a MultiPolygon keeps both parts
    assert set(shapes(TOPOLOGY, "gemeente")) == {"GM0001", "GM0002", "GM0003"}
    with pytest.raises(TopologyError):
        shapes(TOPOLOGY, "wijk")


def test_one_square_fills_the_view_box_with_the_longitude_scaled_by_cos_latitude():
    drawn = svg_map(TOPOLOGY, "gemeente", ["GM0001"], width=600, padding=0)
    # 1 degree of longitude at 52.5 N is cos(52.5) of a degree of latitude: taller than wide.
    assert drawn.height == pytest.approx(600 / math.cos(math.radians(52.5)))
    assert drawn.view_box == f"0 0 600 {drawn.height:.1f}"
    # North is up: (5, 52) is the bottom right corner, (4, 53) the top left one.
    assert drawn.paths["GM0001"] == "M600 985.6L600 0L0 0L0 985.6Z"


def test_the_areas_fit_together_into_a_given_box_centred_with_padding():
    drawn = svg_map(TOPOLOGY, "gemeente", None, width=400, height=300, padding=10)
    points = [p for path in drawn.paths.values() for p in _points(path)]
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    # Six degrees wide, one high: the width fills the box, and it is centred vertically,
    # not stretched (the same space above and below).
    assert min(xs) == pytest.approx(10, abs=0.1) and max(xs) == pytest.approx(390, abs=0.1)
    assert min(ys) == pytest.approx(300 - max(ys), abs=0.2)
    assert min(ys) > 10
    scale = 380 / (6 * math.cos(math.radians(52.5)))
    assert max(ys) - min(ys) == pytest.approx(scale, abs=0.2)  # one degree of latitude
    # B touches A: the shared side is at the same x in both paths.
    a, b = _points(drawn.paths["GM0001"]), _points(drawn.paths["GM0002"])
    assert max(x for x, _y in a) == min(x for x, _y in b)
    assert drawn.paths["GM0003"].count("M") == 2  # two triangles, two subpaths


def test_nothing_found_is_an_empty_map_not_an_error():
    drawn = fit({}, width=300)
    assert drawn.paths == {} and drawn.view_box == "0 0 300 300"


def test_the_municipal_map_of_2025_has_every_municipality_of_a_region():
    path = Path(__file__).resolve().parents[2] / "geo" / "data" / "maps" / "gemeente_2025.topojson"
    topology = json.loads(path.read_text(encoding="utf-8"))
    drawn = svg_map(topology, "gemeente_2025", ["GM0344", "GM0356", "GM0000"])
    assert set(drawn.paths) == {"GM0344", "GM0356"}
    assert drawn.names["GM0344"] == "Utrecht"
    for data in drawn.paths.values():
        points = _points(data)
        assert len(points) >= 4
        assert all(0 <= x <= drawn.width and 0 <= y <= drawn.height for x, y in points)
