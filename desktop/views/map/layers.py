"""Turning map data into painter paths in a local metric projection (runs off the GUI thread).

QPainterPath and QPointF are plain values (reentrant), so a worker may build them; the
graphics items that show them are made on the GUI thread by the view. Scene units are
metres east and metres *south* of the centre (Qt's y axis points down).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPolygonF
from shapely.geometry.base import BaseGeometry

from ...models.enums import GridKind
from ...services.geo.projection import LocalProjection
from ...services.map_data import MapData


@dataclass(frozen=True)
class GridShape:
    code: str
    label: str
    kind: GridKind
    path: QPainterPath
    label_at: QPointF  # where its name goes, with room around it (_label_point)
    name: str = ""  # the label on the map: 侨南社区 above 第5网格, the village's name on a line of its own
    overdue: int = 0  # its open cases past their deadline
    open: int = 0  # its open cases


@dataclass(frozen=True)
class BoundaryShape:
    code: str
    label: str
    path: QPainterPath


@dataclass(frozen=True)
class CaseMark:
    id: int
    number: str
    title: str
    at: QPointF
    overdue: bool


@dataclass(frozen=True)
class MapLayers:
    grids: tuple[GridShape, ...]
    boundaries: tuple[BoundaryShape, ...]
    cases: tuple[CaseMark, ...]
    selected_code: str | None


def _path(geometry: BaseGeometry, projection: LocalProjection) -> QPainterPath:
    """All rings of a (multi)polygon in one odd-even path, so holes stay holes."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in shapely.get_rings(shapely.get_parts(geometry)):
        x, y = projection.forward(*shapely.get_coordinates(ring).T)
        path.addPolygon(QPolygonF([QPointF(px, -py) for px, py in zip(x.tolist(), y.tolist())]))
    return path


def _point(lon: float, lat: float, projection: LocalProjection) -> QPointF:
    x, y = projection.forward(lon, lat)
    return QPointF(float(x), -float(y))


def map_name(name: str, village: str) -> str:
    """A grid's name as the map writes it: the village it is named after on a line above the rest."""
    if village and name.startswith(village) and len(name) > len(village):
        return f"{village}\n{name[len(village):]}"
    return name


def _label_point(geometry: BaseGeometry, projection: LocalProjection) -> QPointF:
    """Where a grid's name goes: its centre when that lies well inside it, else the centre of the largest circle
    inside it (of its largest part) — an L-shaped or crescent grid's centre can lie at its edge or outside it."""
    part = max(shapely.get_parts(geometry), key=lambda polygon: polygon.area)
    circle = shapely.maximum_inscribed_circle(part)
    centre = part.centroid
    if part.contains(centre) and part.boundary.distance(centre) >= 0.8 * circle.length:
        return _point(centre.x, centre.y, projection)
    return _point(*shapely.get_coordinates(circle)[0], projection)


def build_layers(data: MapData) -> MapLayers:
    bounds = data.bounds
    if bounds is None:
        return MapLayers((), (), (), data.selected_code)
    projection = LocalProjection((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2)
    overdue = Counter(c.grid_code for c in data.cases if c.overdue)
    open_ = Counter(c.grid_code for c in data.cases)
    grids = tuple(
        GridShape(g.code, g.short_name, g.kind, _path(g.geometry, projection), _label_point(g.geometry, projection),
                  map_name(g.short_name, g.village_name), overdue[g.code], open_[g.code])
        for g in data.grids)
    boundaries = tuple(BoundaryShape(b.code, b.short_name, _path(b.geometry, projection)) for b in data.boundaries)
    cases = tuple(CaseMark(c.id, c.number, c.title, _point(c.lon, c.lat, projection), c.overdue) for c in data.cases)
    return MapLayers(grids, boundaries, cases, data.selected_code)
