"""What the map shows of a place, as plain data: grids, unit boundaries and open cases.

Read-only; geometries are shapely objects in WGS84 (immutable values, safe to hand to a
worker thread). A grid's map is its village's, with the grid marked as selected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import aliased

from ..db import Database
from ..models import OPEN_CASE_STATES, Case, Grid, Place, utcnow
from ..models.enums import GridKind, GridStatus, PlaceLevel
from .places import get_place
from .queue import overdue_condition, visible_condition
from .security import Actor

# Case columns that hold the id of each level's place (the indexed subtree filters).
_CASE_PLACE_COLUMN = {PlaceLevel.COUNTY: Case.county_id, PlaceLevel.TOWNSHIP: Case.township_id,
                      PlaceLevel.VILLAGE: Case.village_id}
CASE_LIMIT = 5000


@dataclass(frozen=True)
class MapGrid:
    code: str
    short_name: str
    kind: GridKind
    category: str | None
    geometry: BaseGeometry
    village_name: str = ""  # the short name of the village (community) it lies in


@dataclass(frozen=True)
class MapBoundary:
    code: str
    short_name: str
    level: PlaceLevel
    geometry: BaseGeometry


@dataclass(frozen=True)
class MapCase:
    id: int
    number: str
    title: str
    lon: float
    lat: float
    overdue: bool
    grid_code: str | None = None  # the grid it was placed in


@dataclass(frozen=True)
class MapData:
    place_code: str
    place_name: str
    grids: tuple[MapGrid, ...] = ()
    boundaries: tuple[MapBoundary, ...] = ()
    cases: tuple[MapCase, ...] = ()
    selected_code: str | None = None

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """(min lon, min lat, max lon, max lat) of the grids and boundaries drawn — of the cases only where there
        are neither — or None when empty. One case located far away (0, 0 written for "unknown" by another
        platform) had shrunk the township to a dot: a case outside the area is off the map, not the map's frame."""
        shapes = [g.geometry for g in self.grids] + [b.geometry for b in self.boundaries]
        shapes = shapes or [shapely.Point(c.lon, c.lat) for c in self.cases]
        if not shapes:
            return None
        return tuple(shapely.total_bounds(shapes).tolist())


def map_data(db: Database, actor: Actor, code: str, *, now: datetime | None = None,
             case_limit: int = CASE_LIMIT) -> MapData:
    """The live grids, boundaries and located open cases under `code` (a grid shows its village).

    Grids and boundaries are public (they hang on the notice boards, Art. 14); the case markers
    are the cases the actor may read (a liaison: its department's, Art. 15).
    """
    now = now or utcnow()
    with db.session() as session:
        selected = get_place(session, code)
        area = selected.parent if selected.level is PlaceLevel.GRID else selected
        prefix = area.code[: area.level.code_prefix_length]
        village = aliased(Place)
        grid_rows = session.execute(
            select(Place.code, Place.short_name, Grid.kind, Grid.exclusive_category, Grid.sea_category, Place.geometry,
                   village.short_name)
            .join(Grid, Grid.place_id == Place.id).outerjoin(village, village.id == Place.parent_id)
            .where(Place.code.startswith(prefix), Grid.status == GridStatus.ACTIVE, Place.geometry.is_not(None))
            .order_by(Place.code))
        grids = tuple(MapGrid(c, name, kind, (ex or sea).value if (ex or sea) else None, shapely.from_wkb(wkb),
                              parent or "")
                      for c, name, kind, ex, sea, wkb, parent in grid_rows)
        boundary_rows = session.execute(
            select(Place.code, Place.short_name, Place.level, Place.geometry)
            .where(Place.code.startswith(prefix), Place.level != PlaceLevel.GRID, Place.geometry.is_not(None),
                   Place.level.in_([PlaceLevel.TOWNSHIP, PlaceLevel.VILLAGE]) | (Place.id == area.id))
            .order_by(Place.code))
        boundaries = tuple(MapBoundary(c, name, level, shapely.from_wkb(wkb)) for c, name, level, wkb in boundary_rows)
        grid = aliased(Place)
        # Overdue as the queue's 只看超期 has it: the handling deadline, or a sign-for the lead missed.
        overdue = overdue_condition(now).label("overdue")
        stmt = (select(Case.id, Case.number, Case.title, Case.lon, Case.lat, overdue, grid.code)
                .outerjoin(grid, grid.id == Case.grid_id)
                .where(Case.state.in_(OPEN_CASE_STATES), Case.lon.is_not(None), visible_condition(session, actor))
                .order_by(Case.due_at.is_(None), Case.due_at).limit(case_limit))
        if area.level in _CASE_PLACE_COLUMN:
            stmt = stmt.where(_CASE_PLACE_COLUMN[area.level] == area.id)
        cases = tuple(MapCase(i, number, title, lon, lat, bool(late), grid_code)
                      for i, number, title, lon, lat, late, grid_code in session.execute(stmt))
        return MapData(area.code, area.name, grids, boundaries, cases,
                       selected.code if selected.level is PlaceLevel.GRID else None)
