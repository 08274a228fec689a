"""Reading a feature's geometry: every fault in the coordinates is one Chinese message, never GEOS text."""

import json

import pytest
from shapely.geometry import box, mapping

from desktop.errors import ValidationFailed
from desktop.services.geo import geojson_io
from desktop.services.geo.validation import FeatureRef

REF = FeatureRef(2, "450503103001001", "一网格")
RING = [[109.10, 21.40], [109.11, 21.40], [109.11, 21.41], [109.10, 21.41], [109.10, 21.40]]


def problem_of(geometry) -> str:
    found, problems = geojson_io.feature_geometry(REF, {"type": "Feature", "geometry": geometry}, "wgs84")
    [problem] = problems
    assert found is None and not any(word in problem.message for word in ("Exception", "Error", "linestring"))
    return str(problem)


def polygon(*rings):
    return {"type": "Polygon", "coordinates": list(rings)}


@pytest.mark.parametrize("geometry,expected", [
    (polygon([*RING[:2], [109.11, float("nan")], *RING[3:]]), "外环第 3 个点 [109.11, NaN] 坐标含非数字"),
    (polygon([*RING[:2], [float("inf"), 21.41], *RING[3:]]), "外环第 3 个点 [Infinity, 21.41] 坐标含非数字"),
    (polygon([*RING[:2], ["109.11", 21.41], *RING[3:]]), '外环第 3 个点 ["109.11", 21.41] 不是 [经度, 纬度] 两个数字'),
    (polygon([*RING[:2], [109.11, True], *RING[3:]]), "不是 [经度, 纬度] 两个数字"),
    (polygon([*RING[:2], [109.11, 21.41, 5.0], *RING[3:]]), "第 3 个点 [109.11, 21.41, 5.0] 有 3 个数,其他点有 2 个"),
    (polygon(RING[:-1]), "外环未闭合:首点 [109.1, 21.4] 与末点 [109.1, 21.41] 不同"),
    (polygon(RING, RING[:3]), "第 1 个内环只有 3 个点:每个环至少 4 个点且首尾相同"),
    ({"type": "Polygon", "coordinates": RING}, "外环第 1 个点 109.1 不是 [经度, 纬度] 两个数字"),  # a ring given for the rings
    ({"type": "Polygon"}, "Polygon 的 coordinates 应为环的数组(每个环是点的数组),而是 null"),
    ({"type": "MultiPolygon", "coordinates": [[RING], []]}, "第 2 个面没有外环"),
    ({"type": "MultiPolygon", "coordinates": [[RING], [[*RING[:4], [1e999, 0]]]]}, "第 2 个面外环第 5 个点"),
    ({"type": "Point", "coordinates": [109.1, 21.4]}, "几何类型 Point 不可用:网格和边界须为 Polygon 或 MultiPolygon"),
    ("hello", '几何类型 "hello" 不可用'),
])
def test_each_coordinate_fault_is_named_in_chinese_with_its_place(geometry, expected):
    message = problem_of(geometry)
    assert message.startswith("要素 #2(450503103001001 一网格):") and expected in message


def test_nan_read_from_a_file_is_reported_not_passed_to_geos(tmp_path):
    path = tmp_path / "nan.geojson"
    path.write_text('{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": '
                    '[[[109.1, 21.4], [109.2, NaN], [109.2, 21.5], [109.1, 21.4]]]}}', encoding="utf-8")
    [feature] = geojson_io.read_collection(path)["features"]
    assert "坐标含非数字" in problem_of(feature["geometry"])


def test_good_rings_as_lists_or_as_tuples_from_shapely_are_read():
    for geometry in (polygon(RING), mapping(box(109.1, 21.4, 109.2, 21.5)),
                     json.loads(json.dumps(mapping(box(109.1, 21.4, 109.2, 21.5))))):
        found, problems = geojson_io.feature_geometry(REF, {"geometry": geometry}, "wgs84")
        assert problems == [] and found.area > 0


@pytest.mark.parametrize("name", ["urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326",
                                  "urn:ogc:def:crs:EPSG::4490"])
def test_a_file_declaring_longitude_and_latitude_is_read(tmp_path, name):
    path = tmp_path / "grids.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": name}},
                                "features": []}), encoding="utf-8")
    assert geojson_io.read_collection(path)["features"] == []


@pytest.mark.parametrize("crs,expected", [
    ({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}, "urn:ogc:def:crs:EPSG::3857"),
    ({"type": "name", "properties": {"name": "EPSG:4545"}}, "EPSG:4545"),  # CGCS2000 Gauss-Krüger, metres
    ({"type": "name", "properties": {"name": "EPSG:4214"}}, "EPSG:4214"),  # Beijing 1954 degrees: 100 m off
    ({"type": "link", "properties": {"href": "crs.wkt"}}, '"link"'),
])
def test_a_file_declaring_another_crs_is_refused_naming_it(tmp_path, crs, expected):
    """RFC 7946 dropped the member, but QGIS and ogr2ogr still write it: a file saved in another CRS is
    refused once, by the CRS it names, not feature by feature (or, in degrees of another datum, not at all)."""
    path = tmp_path / "grids.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "crs": crs, "features": [
        {"type": "Feature", "properties": {}, "geometry": polygon(RING)}]}), encoding="utf-8")
    with pytest.raises(ValidationFailed, match="EPSG:4326") as refused:
        geojson_io.read_collection(path)
    assert refused.value.message.startswith("grids.geojson 声明的坐标系为 ") and expected in refused.value.message
