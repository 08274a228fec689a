"""GCJ-02 ↔ WGS84 against published reference points (eviltransform's test vectors)."""

import math

import numpy as np
import pytest
from shapely.geometry import Polygon

from desktop.services.geo.gcj02 import gcj02_to_wgs84, geometry_to_wgs84, out_of_china, wgs84_to_gcj02

# (WGS84 lon, lat) → (GCJ-02 lon, lat), as published with eviltransform.
REFERENCE = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),  # Shanghai
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),  # Shenzhen
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),  # Beijing
]


def metres(a, b) -> float:
    """Distance of two nearby lon/lat points (local equirectangular, ample for < 1 km)."""
    k = 6371008.8 * math.pi / 180
    return math.hypot((a[0] - b[0]) * k * math.cos(math.radians(a[1])), (a[1] - b[1]) * k)


@pytest.mark.parametrize("wgs,gcj", REFERENCE)
def test_forward_matches_published_offsets_within_a_metre(wgs, gcj):
    assert metres(wgs84_to_gcj02(*wgs), gcj) < 1.0


@pytest.mark.parametrize("wgs,gcj", REFERENCE)
def test_inverse_recovers_wgs84_within_a_decimetre(wgs, gcj):
    assert metres(gcj02_to_wgs84(*gcj), wgs) < 0.1


def test_beihai_offset_is_hundreds_of_metres_and_round_trips():
    beihai = (109.1193, 21.4811)  # 北海 city centre, WGS84
    gcj = wgs84_to_gcj02(*beihai)
    assert 300 < metres(beihai, gcj) < 800
    assert metres(gcj02_to_wgs84(*gcj), beihai) < 0.1


def test_points_outside_china_are_unchanged():
    for point in [(-104.9903, 39.7392), (153.0251, -27.4698), (2.3522, 48.8566)]:
        assert out_of_china(*point)
        assert wgs84_to_gcj02(*point) == point
        assert gcj02_to_wgs84(*point) == point


def test_arrays_and_geometries_convert_every_vertex():
    lons, lats = np.array([p[1][0] for p in REFERENCE]), np.array([p[1][1] for p in REFERENCE])
    w_lon, w_lat = gcj02_to_wgs84(lons, lats)
    for (wgs, _), lon, lat in zip(REFERENCE, w_lon, w_lat):
        assert metres((lon, lat), wgs) < 0.1
    polygon = Polygon([gcj for _, gcj in REFERENCE])
    converted = geometry_to_wgs84(polygon)
    for (wgs, _), vertex in zip(REFERENCE, converted.exterior.coords):
        assert metres(vertex, wgs) < 0.1
