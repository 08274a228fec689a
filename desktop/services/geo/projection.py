"""A local equal-scale projection: metres east/north of a centre point.

Equirectangular scaled by cos(lat0): over a township or county (tens of kilometres) the
scale error is well under 0.1 %, so grid shapes are drawn undistorted and areas come out in
square metres without a projection library.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from shapely.geometry.base import BaseGeometry

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
METRES_PER_DEGREE = EARTH_RADIUS_M * math.pi / 180.0


@dataclass(frozen=True)
class LocalProjection:
    lon0: float
    lat0: float

    @classmethod
    def around(cls, geometry: BaseGeometry) -> LocalProjection:
        """Centred on the middle of the geometry's bounding box."""
        min_lon, min_lat, max_lon, max_lat = geometry.bounds
        return cls((min_lon + max_lon) / 2.0, (min_lat + max_lat) / 2.0)

    @property
    def _kx(self) -> float:
        return METRES_PER_DEGREE * math.cos(math.radians(self.lat0))

    def forward(self, lon, lat):
        """(lon, lat) degrees → (x east, y north) metres; scalars or arrays."""
        return (np.asarray(lon) - self.lon0) * self._kx, (np.asarray(lat) - self.lat0) * METRES_PER_DEGREE

    def inverse(self, x, y):
        return np.asarray(x) / self._kx + self.lon0, np.asarray(y) / METRES_PER_DEGREE + self.lat0


def area_m2(geometry: BaseGeometry, lat0: float | None = None) -> float:
    """Area in square metres; the projection is linear, so this is the degree area scaled."""
    if geometry.is_empty:
        return 0.0
    if lat0 is None:
        lat0 = (geometry.bounds[1] + geometry.bounds[3]) / 2.0
    return geometry.area * METRES_PER_DEGREE**2 * math.cos(math.radians(lat0))
