"""Made-up but well-formed geometry: square villages cut into rows × columns of grids.

For the demo database, tests and benchmarks, where the real tree carries no boundaries.
Neighbouring cells share their edges exactly, so a division passes the layout checks.
"""

from __future__ import annotations

import numpy as np
from shapely.geometry import Polygon, box

from .geojson_io import feature
from .projection import LocalProjection


def square(lon: float, lat: float, side_m: float) -> Polygon:
    """A square of `side_m` metres with its south-west corner at (lon, lat)."""
    projection = LocalProjection(lon, lat)
    east, north = projection.inverse(side_m, side_m)
    return box(lon, lat, float(east), float(north))


def divide(boundary: Polygon, rows: int, cols: int) -> list[Polygon]:
    """The bounding box of `boundary` cut into rows × cols cells, row by row from the north-west."""
    min_lon, min_lat, max_lon, max_lat = boundary.bounds
    lons = np.linspace(min_lon, max_lon, cols + 1)
    lats = np.linspace(max_lat, min_lat, rows + 1)
    return [box(lons[c], lats[r + 1], lons[c + 1], lats[r]) for r in range(rows) for c in range(cols)]


def grid_features(village_code: str, village_name: str, boundary: Polygon, rows: int, cols: int) -> list[dict]:
    """GeoJSON features of a regular division of one village, as `grids import` reads them."""
    return [feature(cell, {"code": f"{village_code}{n:03d}", "name": f"{village_name}第{n}网格", "kind": "regular",
                           "households": 300, "residents": 900})
            for n, cell in enumerate(divide(boundary, rows, cols), 1)]
