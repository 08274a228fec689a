"""Which grid a located request belongs to (Art. 7, 16–17): point in polygon over the live grids.

The rule, when a point lies in more than one grid:

1. Exclusive grids (专属网格) and sea-related exclusive grids (涉海专属网格) win over regular
   grids: Art. 7 sets them up over the regular grid system for places that need their own
   staff (a market, a school, a port …), so a request there belongs to that place's staff.
2. Among candidates of the same rank the smallest area wins (the more specific place), and
   on an exact tie the lower grid code, so that routing is deterministic.
3. Points on a boundary count as inside (both neighbours are candidates; rule 2 decides).
4. Points outside every grid are not routed: the case goes to the township's triage list.

Only active grids with a polygon take part (vessel-group grids are rosters, not areas).
Areas are compared in square degrees, which is monotone with true area within one city.

`GridRouter` loads the geometry once (WKB from `places.geometry`), indexes it in a shapely 2
STRtree and answers single points (`route`) or whole arrays (`route_many`, vectorised).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Grid, Place
from ..models.enums import GridKind, GridStatus, PlaceLevel

NO_GRID = -1  # route_many's value for a point outside every grid

_RANK = {GridKind.EXCLUSIVE: 0, GridKind.SEA: 0, GridKind.REGULAR: 1}


@dataclass(frozen=True)
class GridShape:
    place_id: int
    code: str
    kind: GridKind
    wkb: bytes


class GridRouter:
    """A spatial index over grid polygons, answering "which grid is this point in?".

    Single points go through a shapely STRtree. Whole arrays avoid building a million point
    objects: a regular lattice over the grids' extent knows, per cell, its candidate polygons
    best first, and the answer outright where the best candidate covers the whole cell; the
    other points are tested with shapely.intersects_xy, one call per polygon, best candidate first.
    """

    def __init__(self, shapes: list[GridShape]):
        self._geoms = shapely.from_wkb([s.wkb for s in shapes]) if shapes else np.empty(0, dtype=object)
        shapely.prepare(self._geoms)
        areas = shapely.area(self._geoms)
        ranks = np.array([_RANK[s.kind] for s in shapes], dtype=np.int64)
        codes = np.array([s.code for s in shapes])
        # Priority of each polygon: its position in the (rank, area, code) order; lower wins.
        order = np.lexsort((codes, areas, ranks)) if shapes else np.empty(0, dtype=np.int64)
        self._priority = np.empty(len(shapes), dtype=np.int64)
        self._priority[order] = np.arange(len(shapes))
        self._ids = np.array([s.place_id for s in shapes], dtype=np.int64)
        self._tree = shapely.STRtree(self._geoms)
        self._lattice: _Lattice | None = None
        self.size = len(shapes)

    @classmethod
    def load(cls, session: Session, *, around: tuple[float, float] | None = None) -> GridRouter:
        """The active grids with a polygon; `around=(lon, lat)` loads only those whose box holds it."""
        stmt = (
            select(Place.id, Place.code, Grid.kind, Place.geometry)
            .join(Grid, Grid.place_id == Place.id)
            .where(Place.level == PlaceLevel.GRID, Grid.status == GridStatus.ACTIVE, Place.geometry.is_not(None))
        )
        if around is not None:
            lon, lat = around
            stmt = stmt.where(Place.min_lon <= lon, Place.max_lon >= lon, Place.min_lat <= lat, Place.max_lat >= lat)
        return cls([GridShape(*row) for row in session.execute(stmt)])

    def route(self, lon: float, lat: float) -> int | None:
        """The place id of the grid the point routes to, or None outside every grid."""
        hits = self._tree.query(shapely.points(lon, lat), predicate="intersects")
        if len(hits) == 0:
            return None
        return int(self._ids[hits[np.argmin(self._priority[hits])]])

    def route_many(self, lons, lats) -> np.ndarray:
        """Vectorised `route`: an int64 array of grid place ids, NO_GRID where nothing matched."""
        x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        result = np.full(len(x), NO_GRID, dtype=np.int64)
        if self.size == 0:
            return result
        if self._lattice is None:
            self._lattice = _Lattice(self._geoms, self._priority, self._tree)
        lattice = self._lattice
        points, cells = lattice.locate(x, y)
        winners = lattice.solid[cells]
        decided = winners >= 0
        result[points[decided]] = self._ids[winners[decided]]
        points, cells = points[~decided], cells[~decided]
        rank = 0
        while points.size:
            left = lattice.counts[cells] > rank
            points, cells = points[left], cells[left]
            geoms = lattice.candidates[lattice.starts[cells] + rank]
            hit = self._intersects(geoms, x[points], y[points])
            result[points[hit]] = self._ids[geoms[hit]]
            points, cells = points[~hit], cells[~hit]
            rank += 1
        return result

    def _intersects(self, geoms: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Point-in-polygon for (polygon, point) pairs, one shapely call per polygon."""
        hit = np.zeros(len(geoms), dtype=bool)
        order = np.argsort(geoms, kind="stable")
        bounds = np.flatnonzero(np.diff(geoms[order])) + 1
        for group in np.split(order, bounds) if len(order) else ():
            hit[group] = shapely.intersects_xy(self._geoms[geoms[group[0]]], xs[group], ys[group])
        return hit


class _Lattice:
    """Cells over the grids' extent, each with its candidate polygons sorted best first."""

    CELLS_PER_GRID = 16
    EPS = 1e-9  # cells are widened a little so that rounding at a cell edge loses no candidate

    def __init__(self, geoms: np.ndarray, priority: np.ndarray, tree: shapely.STRtree):
        self.xmin, self.ymin, xmax, ymax = shapely.total_bounds(geoms)
        width, height = max(xmax - self.xmin, 1e-9), max(ymax - self.ymin, 1e-9)
        cells = self.CELLS_PER_GRID * len(geoms)
        self.nx = max(1, round(math.sqrt(cells * width / height)))
        self.ny = max(1, math.ceil(cells / self.nx))
        self.cw, self.ch = width / self.nx, height / self.ny
        self.xmax, self.ymax = xmax, ymax
        ix, iy = np.divmod(np.arange(self.nx * self.ny), self.ny)
        x0, y0 = self.xmin + ix * self.cw, self.ymin + iy * self.ch
        boxes = shapely.box(x0 - self.EPS, y0 - self.EPS, x0 + self.cw + self.EPS, y0 + self.ch + self.EPS)
        cell_idx, geom_idx = tree.query(boxes, predicate="intersects")
        order = np.lexsort((priority[geom_idx], cell_idx))
        self.candidates = geom_idx[order]
        self.counts = np.bincount(cell_idx, minlength=len(boxes))
        self.starts = np.concatenate(([0], np.cumsum(self.counts)[:-1]))
        # A cell wholly covered by its best candidate is decided without testing its points.
        self.solid = np.full(len(boxes), -1, dtype=np.int64)
        occupied = np.flatnonzero(self.counts)
        best = self.candidates[self.starts[occupied]]
        covered = shapely.covers(geoms[best], boxes[occupied])
        self.solid[occupied[covered]] = best[covered]

    def locate(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The indexes of the points inside the extent, and their cells."""
        inside = (x >= self.xmin) & (x <= self.xmax) & (y >= self.ymin) & (y <= self.ymax)
        points = np.flatnonzero(inside)
        ix = np.minimum(((x[points] - self.xmin) / self.cw).astype(np.int64), self.nx - 1)
        iy = np.minimum(((y[points] - self.ymin) / self.ch).astype(np.int64), self.ny - 1)
        return points, ix * self.ny + iy


def grid_extent(session: Session) -> tuple[float, float, float, float] | None:
    """(min lon, min lat, max lon, max lat) over the active grids with a polygon; None if there are none."""
    extent = session.execute(
        select(func.min(Place.min_lon), func.min(Place.min_lat), func.max(Place.max_lon), func.max(Place.max_lat))
        .join(Grid, Grid.place_id == Place.id)
        .where(Place.level == PlaceLevel.GRID, Grid.status == GridStatus.ACTIVE, Place.geometry.is_not(None))
    ).one()
    return None if extent[0] is None else tuple(extent)


def route_point(session: Session, lon: float, lat: float) -> int | None:
    """Route one point, loading only the grids whose bounding box holds it."""
    return GridRouter.load(session, around=(lon, lat)).route(lon, lat)
