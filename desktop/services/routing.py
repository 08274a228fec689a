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

from dataclasses import dataclass

import numpy as np
import shapely
from sqlalchemy import select
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
    """A spatial index over grid polygons, answering "which grid is this point in?"."""

    def __init__(self, shapes: list[GridShape]):
        geometries = shapely.from_wkb([s.wkb for s in shapes]) if shapes else np.empty(0, dtype=object)
        areas = shapely.area(geometries)
        ranks = np.array([_RANK[s.kind] for s in shapes], dtype=np.int64)
        codes = np.array([s.code for s in shapes])
        # Priority of each polygon: its position in the (rank, area, code) order; lower wins.
        order = np.lexsort((codes, areas, ranks)) if shapes else np.empty(0, dtype=np.int64)
        self._priority = np.empty(len(shapes), dtype=np.int64)
        self._priority[order] = np.arange(len(shapes))
        self._by_priority = np.array([s.place_id for s in shapes], dtype=np.int64)[order]
        self._tree = shapely.STRtree(geometries)
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
        return int(self._by_priority[self._priority[hits].min()])

    def route_many(self, lons, lats) -> np.ndarray:
        """Vectorised `route`: an int64 array of grid place ids, NO_GRID where nothing matched."""
        points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        point_idx, geom_idx = self._tree.query(points, predicate="intersects")
        best = np.full(len(points), self.size, dtype=np.int64)
        np.minimum.at(best, point_idx, self._priority[geom_idx])
        lookup = np.append(self._by_priority, NO_GRID)
        return lookup[best]


def route_point(session: Session, lon: float, lat: float) -> int | None:
    """Route one point, loading only the grids whose bounding box holds it."""
    return GridRouter.load(session, around=(lon, lat)).route(lon, lat)
