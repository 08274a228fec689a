"""Reading and writing GeoJSON (RFC 7946) FeatureCollections of grids and boundaries."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from ...errors import ValidationFailed
from ..exchange.files import read_bytes, write_bytes
from .gcj02 import geometry_to_wgs84
from .validation import FeatureRef, Problem

CRS_CHOICES = ("wgs84", "gcj02")
AREA_TYPES = ("Polygon", "MultiPolygon")
# The CRSs a file may declare (the pre-RFC 7946 `crs` member, which QGIS and ogr2ogr still write)
# whose coordinates are read as they are: WGS84 longitude and latitude, and CGCS2000's, within a
# metre of them.
_LON_LAT = re.compile(r"(urn:ogc:def:crs:)?(OGC:(1\.3:)?CRS84|CRS:?84|EPSG:{1,2}(4326|4490))", re.IGNORECASE)


def read_collection(path: str | Path) -> dict:
    """The FeatureCollection in a file; unreadable JSON is reported with line and column, a path
    that is no readable file (missing, a folder) as such (FileUnusable)."""
    path = Path(path)
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed(f"{path.name} 不是 UTF-8 编码的文本(GeoJSON 规定使用 UTF-8),"
                               f"问题出在第 {exc.start + 1} 个字节") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationFailed(f"{path.name} 不是有效的 GeoJSON:第 {exc.lineno} 行第 {exc.colno} 列 {exc.msg}") from exc
    return as_collection(data, path.name)


def as_collection(data, source: str = "GeoJSON") -> dict:
    """Accept a FeatureCollection, or a single Feature (wrapped); refuse anything else."""
    if isinstance(data, dict):
        _check_declared_crs(data.get("crs"), source)
    if isinstance(data, dict) and data.get("type") == "Feature":
        return {"type": "FeatureCollection", "features": [data]}
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise ValidationFailed(f"{source} 的顶层应为 FeatureCollection(含 features 数组)")
    return data


def _check_declared_crs(crs, source: str) -> None:
    """Refuse a file saved in another CRS once, by the CRS it names: its metres would otherwise be
    refused feature by feature as out of range, and degrees of another datum not at all."""
    if crs is None:
        return
    props = crs.get("properties") if isinstance(crs, dict) else None
    name = props.get("name") if isinstance(props, dict) and crs.get("type") == "name" else None
    if isinstance(name, str) and _LON_LAT.fullmatch(name.strip()):
        return
    raise ValidationFailed(f"{source} 声明的坐标系为 {name if isinstance(name, str) else shown(crs)},"
                           "不是 WGS84(或 CGCS2000)经纬度;请在 QGIS 等软件中另存为 EPSG:4326 后重新导入")


def check_crs(crs: str) -> str:
    crs = crs.lower()
    if crs not in CRS_CHOICES:
        raise ValidationFailed(f"坐标系 {crs!r} 不支持:应为 wgs84 或 gcj02(高德、DataV 绘制的数据)", field="crs")
    return crs


def shown(value) -> str:
    """A JSON value as a message quotes it (shortened)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def feature_properties(index: int, feature) -> tuple[dict | None, Problem | None]:
    """The properties of the `index`-th item (null read as none given), or why it is no Feature."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None, Problem(FeatureRef(index), f'不是 GeoJSON Feature 对象 {{"type": "Feature", "properties": …, '
                                                f'"geometry": …}},而是 {shown(feature)}')
    props = feature.get("properties")
    if props is None:
        return {}, None
    if not isinstance(props, dict):
        return None, Problem(FeatureRef(index), f'properties 应为对象 {{"code": …, "name": …}},而是 {shown(props)}')
    return props, None


def _is_list(value) -> bool:
    return isinstance(value, (list, tuple))  # tuples: features built in code with shapely's mapping()


def _coordinates_problem(kind: str, coordinates) -> str | None:
    """What keeps the coordinates of a Polygon or MultiPolygon from being closed rings of
    [经度, 纬度] (or [经度, 纬度, 高程] throughout) numbers, or None."""
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not _is_list(polygons) or not all(_is_list(p) and all(_is_list(r) for r in p) for p in polygons):
        nesting = "环的数组(每个环是点的数组)" if kind == "Polygon" else "面的数组(每个面是环的数组)"
        return f"{kind} 的 coordinates 应为{nesting},而是 {shown(coordinates)}"
    size = None  # values per point: the same for every point of the geometry
    for n, polygon in enumerate(polygons, 1):
        face = f"第 {n} 个面" if kind == "MultiPolygon" else ""
        if not polygon and kind == "MultiPolygon":
            return f"{face}没有外环(坐标为空)"
        for r, ring in enumerate(polygon, 1):
            where = face + ("外环" if r == 1 else f"第 {r - 1} 个内环")
            for p, point in enumerate(ring, 1):
                if not (_is_list(point) and len(point) in (2, 3)
                        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in point)):
                    return f"{where}第 {p} 个点 {shown(point)} 不是 [经度, 纬度] 两个数字"
                size = size or len(point)
                if len(point) != size:
                    return f"{where}第 {p} 个点 {shown(point)} 有 {len(point)} 个数,其他点有 {size} 个;各点须一致"
                if not all(math.isfinite(v) for v in point):
                    return f"{where}第 {p} 个点 {shown(point)} 坐标含非数字(NaN 或 Infinity)"
            if len(ring) < 4:
                return f"{where}只有 {len(ring)} 个点:每个环至少 4 个点且首尾相同"
            if tuple(ring[0]) != tuple(ring[-1]):
                return f"{where}未闭合:首点 {shown(ring[0])} 与末点 {shown(ring[-1])} 不同"
    return None


def feature_geometry(ref: FeatureRef, feature: dict, crs: str, *, required: bool = True
                     ) -> tuple[BaseGeometry | None, list[Problem]]:
    """The feature's area geometry in WGS84, or the problems that prevent reading it."""
    raw = feature.get("geometry")
    if raw is None:
        return None, ([Problem(ref, "缺少几何(geometry 为 null)")] if required else [])
    if not isinstance(raw, dict) or raw.get("type") not in AREA_TYPES:
        kind = raw.get("type") if isinstance(raw, dict) else shown(raw)
        return None, [Problem(ref, f"几何类型 {kind} 不可用:网格和边界须为 Polygon 或 MultiPolygon")]
    problem = _coordinates_problem(raw["type"], raw.get("coordinates"))
    if problem:
        return None, [Problem(ref, f"坐标无法读取:{problem}")]
    geometry = shape(raw)
    if crs == "gcj02":
        geometry = geometry_to_wgs84(geometry)
    return geometry, []


def feature(geometry: BaseGeometry | None, properties: dict) -> dict:
    return {"type": "Feature", "properties": properties,
            "geometry": mapping(geometry) if geometry is not None else None}


def collection(features: list[dict], **members) -> dict:
    return {"type": "FeatureCollection", **members, "features": features}


def write_collection(path: str | Path, collection: dict, *, published_by=None) -> None:
    """The collection as a UTF-8 file, whole or not at all; a link, a folder or a missing folder is
    refused by name (FileUnusable, see exchange.files.write_atomically, which `published_by` is handed to)."""
    write_bytes(Path(path), json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8"),
                published_by=published_by)
