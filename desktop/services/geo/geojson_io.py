"""Reading and writing GeoJSON (RFC 7946) FeatureCollections of grids and boundaries."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from ...errors import ValidationFailed
from .gcj02 import geometry_to_wgs84
from .validation import FeatureRef, Problem

CRS_CHOICES = ("wgs84", "gcj02")
AREA_TYPES = ("Polygon", "MultiPolygon")


def read_collection(path: str | Path) -> dict:
    """The FeatureCollection in a file; unreadable JSON is reported with line and column."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ValidationFailed(f"找不到文件 {path}") from exc
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
    if isinstance(data, dict) and data.get("type") == "Feature":
        return {"type": "FeatureCollection", "features": [data]}
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise ValidationFailed(f"{source} 的顶层应为 FeatureCollection(含 features 数组)")
    return data


def check_crs(crs: str) -> str:
    crs = crs.lower()
    if crs not in CRS_CHOICES:
        raise ValidationFailed(f"坐标系 {crs!r} 不支持:应为 wgs84 或 gcj02(高德、DataV 绘制的数据)", field="crs")
    return crs


def feature_geometry(ref: FeatureRef, feature: dict, crs: str, *, required: bool = True
                     ) -> tuple[BaseGeometry | None, list[Problem]]:
    """The feature's area geometry in WGS84, or the problems that prevent reading it."""
    raw = feature.get("geometry")
    if raw is None:
        return None, ([Problem(ref, "缺少几何(geometry 为 null)")] if required else [])
    if not isinstance(raw, dict) or raw.get("type") not in AREA_TYPES:
        kind = raw.get("type") if isinstance(raw, dict) else type(raw).__name__
        return None, [Problem(ref, f"几何类型 {kind} 不可用:网格和边界须为 Polygon 或 MultiPolygon")]
    try:
        geometry = shape(raw)
    except (ValueError, TypeError, IndexError, AttributeError, shapely.errors.GEOSException) as exc:
        return None, [Problem(ref, f"坐标无法读取:{exc}(每个环至少 4 个 [经度, 纬度] 点)")]
    if crs == "gcj02":
        geometry = geometry_to_wgs84(geometry)
    return geometry, []


def feature(geometry: BaseGeometry | None, properties: dict) -> dict:
    return {"type": "Feature", "properties": properties,
            "geometry": mapping(geometry) if geometry is not None else None}


def collection(features: list[dict], **members) -> dict:
    return {"type": "FeatureCollection", **members, "features": features}


def write_collection(path: str | Path, collection: dict) -> None:
    Path(path).write_text(json.dumps(collection, ensure_ascii=False, indent=1), encoding="utf-8")
