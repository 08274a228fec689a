"""Each kind of bad geometry is found and located; nothing is repaired."""

import pytest
from shapely.geometry import MultiPolygon, Point, Polygon, box

from desktop.services.geo import synthetic
from desktop.services.geo.projection import LocalProjection, area_m2
from desktop.services.geo.validation import FeatureRef, GridShape, layout_problems, ring_problems

VILLAGE = synthetic.square(109.10, 21.45, 1000)
REF = FeatureRef(3, "450502001003001", "一网格")


def shapes(cells):
    return [GridShape(FeatureRef(n, f"450502001003{n:03d}", f"网格{n}"), "450502001003", cell)
            for n, cell in enumerate(cells, 1)]


def test_bowtie_ring_is_reported_with_its_crossing_point():
    bowtie = Polygon([(109.10, 21.45), (109.11, 21.46), (109.11, 21.45), (109.10, 21.46)])
    [problem] = ring_problems(REF, bowtie)
    assert "自相交" in problem.message
    assert problem.location == pytest.approx((109.105, 21.455))
    assert "要素 #3(450502001003001 一网格)" in str(problem) and "109.105000" in str(problem)


def test_hole_outside_shell_and_out_of_range_coordinates():
    shell = [(0, 0), (1, 0), (1, 1), (0, 1)]
    [problem] = ring_problems(REF, Polygon(shell, [[(2, 2), (3, 2), (3, 3), (2, 3)]]))
    assert "内环" in problem.message
    [problem] = ring_problems(REF, box(21.4, 109.1, 21.5, 109.2))  # lat/lon swapped
    assert "超出经纬度范围" in problem.message


def test_a_valid_multipolygon_of_islands_passes():
    islands = MultiPolygon([synthetic.square(109.1, 21.4, 200), synthetic.square(109.2, 21.4, 200)])
    assert ring_problems(REF, islands) == []


def test_good_division_has_no_problems():
    assert layout_problems(shapes(synthetic.divide(VILLAGE, 2, 2)), {"450502001003": VILLAGE}) == []


def test_overlap_is_reported_with_location_and_area():
    cells = synthetic.divide(VILLAGE, 1, 2)
    west, east = cells
    widened = box(*west.bounds[:2], west.bounds[2] + (east.bounds[2] - east.bounds[0]) / 10, west.bounds[3])
    problems = layout_problems(shapes([widened, east]), {"450502001003": VILLAGE})
    [overlap] = [p for p in problems if "重叠" in p.message]
    assert overlap.feature.index == 1 and "要素 #2" in overlap.message
    expected = area_m2(widened.intersection(east))  # 50 m × 1000 m
    assert expected == pytest.approx(50_000, rel=0.01) and f"{expected:.1f}" in overlap.message
    assert east.contains(Point(overlap.location)) and widened.contains(Point(overlap.location))


def test_protrusion_and_gap_are_reported_with_area():
    west, east = synthetic.divide(VILLAGE, 1, 2)
    shifted = box(east.bounds[0], east.bounds[1] + 0.001, east.bounds[2], east.bounds[3] + 0.001)
    problems = layout_problems(shapes([west, shifted]), {"450502001003": VILLAGE})
    messages = [p.message for p in problems]
    assert any("超出所属村(社区)450502001003边界" in m for m in messages)
    gap = next(p for p in problems if "未被基础网格覆盖" in p.message)
    assert gap.feature is None and "容差" in gap.message
    expected = area_m2(VILLAGE.difference(west.union(shifted)))
    assert f"{expected:.1f}" in gap.message
    assert gap.location[1] < shifted.bounds[1]  # the strip along the south edge


def test_touching_grids_and_tiny_slivers_are_not_overlaps():
    cells = synthetic.divide(VILLAGE, 3, 3)
    assert layout_problems(shapes(cells), {"450502001003": None}) == []


def test_local_projection_keeps_distances():
    projection = LocalProjection(109.1, 21.45)
    x, y = projection.forward(*synthetic.square(109.1, 21.45, 1000).bounds[2:])
    assert (float(x), float(y)) == pytest.approx((1000, 1000), abs=0.01)
    assert area_m2(VILLAGE) == pytest.approx(1e6, rel=1e-4)  # cos(lat) taken at the centre
