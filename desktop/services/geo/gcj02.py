"""GCJ-02 (the offset datum of Amap, DataV and other Chinese web maps) ↔ WGS84.

The forward transform is the widely published one (as in eviltransform); it has no closed
inverse, so `gcj02_to_wgs84` iterates the forward transform until the residual is below a
millimetre. The offset applies only inside the customary mainland bounding box; points
outside it are returned unchanged (maps there are not offset).
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

_A = 6378245.0  # Krasovsky 1940 semi-major axis used by the transform
_EE = 0.00669342162296594323
_TOLERANCE_DEG = 1e-9  # ≈ 0.1 mm
_MAX_ITERATIONS = 30


def out_of_china(lon, lat):
    """True where the point lies outside the mainland box in which GCJ-02 applies."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = lon - 105.0, lat - 35.0
    d_lat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
             + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
             + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
             + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0)
    d_lon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
             + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
             + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
             + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0)
    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = d_lat * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    d_lon = d_lon * 180.0 / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    inside = ~out_of_china(lon, lat)
    return np.where(inside, d_lon, 0.0), np.where(inside, d_lat, 0.0)


def wgs84_to_gcj02(lon, lat):
    """WGS84 → GCJ-02; scalars or arrays (lon, lat order)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    d_lon, d_lat = _offset(lon, lat)
    return _same_shape(lon + d_lon, lat + d_lat)


def gcj02_to_wgs84(lon, lat):
    """GCJ-02 → WGS84 by fixed-point iteration of the forward transform (sub-millimetre)."""
    g_lon, g_lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(_MAX_ITERATIONS):
        f_lon, f_lat = wgs84_to_gcj02(w_lon, w_lat)
        e_lon, e_lat = np.asarray(f_lon) - g_lon, np.asarray(f_lat) - g_lat
        w_lon, w_lat = w_lon - e_lon, w_lat - e_lat
        if np.all(np.abs(e_lon) < _TOLERANCE_DEG) and np.all(np.abs(e_lat) < _TOLERANCE_DEG):
            break
    return _same_shape(w_lon, w_lat)


def _same_shape(lon: np.ndarray, lat: np.ndarray):
    if lon.ndim == 0:
        return float(lon), float(lat)
    return lon, lat


def geometry_to_wgs84(geometry: BaseGeometry) -> BaseGeometry:
    """Every vertex of a GCJ-02 geometry converted to WGS84 (vectorised over the coordinates)."""

    def convert(coords: np.ndarray) -> np.ndarray:
        lon, lat = gcj02_to_wgs84(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geometry, convert)
