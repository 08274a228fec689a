"""Synthetic geometry of a demo township: village polygons tiled by regular grids, exclusive
grids inside villages and sea-related grids off the shore (shapely; no database here).

The villages are real (their codes and names come from the reference tree) but their
boundaries are NOT: the real boundaries are not public, so each village becomes a block of a
slightly jittered lattice. Regular grids are the lattice cells of a village, so they never
overlap and leave no gap inside it; a coastal township's land is cut by a made-up shoreline
and its sea grids lie between that shoreline and the open sea.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from shapely import affinity
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ...models.enums import ExclusiveCategory, GridKind, SeaCategory
from .profiles import TownshipProfile

CELL_LON, CELL_LAT = 0.0055, 0.0040  # about 570 m × 445 m at 21.4° N
BLOCK_COLS, BLOCK_ROWS = 2, 3  # lattice cells per village
JITTER = 0.18  # share of a cell a lattice vertex may move
SLIVER = 0.25  # a shore-cut cell smaller than this share of a cell joins its northern neighbour


@dataclass(frozen=True)
class Village:
    code: str
    short_name: str


@dataclass
class GridPlan:
    code: str
    name: str
    village_code: str
    kind: GridKind
    polygon: BaseGeometry | None  # None for a vessel-group roster
    exclusive_category: ExclusiveCategory | None = None
    sea_category: SeaCategory | None = None
    managing_unit: str | None = None


@dataclass
class Layout:
    villages: dict[str, BaseGeometry]
    grids: list[GridPlan]

    @property
    def township(self) -> BaseGeometry:
        return unary_union(list(self.villages.values()))


def _ordered(villages: list[Village], profile: TownshipProfile) -> list[Village]:
    rank = {code: i for i, code in enumerate(profile.layout)}
    return sorted(villages, key=lambda v: (rank.get(v.code, len(rank)), v.code))


def _lattice(rng: random.Random, cols: int, rows: int, origin: tuple[float, float]):
    x0, y0 = origin
    return {
        (i, j): (x0 + (i + rng.uniform(-JITTER, JITTER)) * CELL_LON, y0 + (j + rng.uniform(-JITTER, JITTER)) * CELL_LAT)
        for i in range(cols + 1) for j in range(rows + 1)
    }


def _shoreline_land(origin: tuple[float, float], cols: int, rows: int) -> Polygon:
    """Everything north of a gently winding made-up shoreline inside the bottom lattice row."""
    x0, y0 = origin
    xs = [x0 - CELL_LON + k * CELL_LON / 8 for k in range(8 * (cols + 2) + 1)]
    shore = [(x, y0 + CELL_LAT * (0.35 + 0.22 * math.sin((x - x0) / CELL_LON * 2.1))) for x in xs]
    top = y0 + (rows + 2) * CELL_LAT
    return Polygon([*shore, (xs[-1], top), (xs[0], top)])


def plan_layout(rng: random.Random, villages: list[Village], profile: TownshipProfile,
                township_short: str) -> Layout:
    """Village polygons, their regular grids, exclusive grids and (if coastal) sea grids."""
    villages = _ordered(villages, profile)
    per_row = math.ceil(math.sqrt(len(villages)))
    block_rows = math.ceil(len(villages) / per_row)
    cols, rows = per_row * BLOCK_COLS, block_rows * BLOCK_ROWS
    points = _lattice(rng, cols, rows, profile.origin)
    land = _shoreline_land(profile.origin, cols, rows) if profile.sea else None

    shapes: dict[str, BaseGeometry] = {}
    grids: list[GridPlan] = []
    cells_of: dict[str, list[BaseGeometry]] = {}
    blocks: dict[str, tuple[int, int]] = {}
    for index, village in enumerate(villages):
        brow, bcol = divmod(index, per_row)
        i0, j0 = bcol * BLOCK_COLS, (block_rows - 1 - brow) * BLOCK_ROWS
        blocks[village.code] = (i0, j0)
        cells: dict[tuple[int, int], BaseGeometry] = {}
        for j in range(j0 + BLOCK_ROWS - 1, j0 - 1, -1):  # north to south, so slivers find their neighbour
            for i in range(i0, i0 + BLOCK_COLS):
                cell = Polygon([points[i, j], points[i + 1, j], points[i + 1, j + 1], points[i, j + 1]])
                if land is not None:
                    cell = cell.intersection(land)
                if cell.area < SLIVER * CELL_LON * CELL_LAT:
                    if not cell.is_empty:
                        cells[i, j + 1] = unary_union([cells[i, j + 1], cell])
                    continue
                cells[i, j] = cell
        ordered = [cells[key] for key in sorted(cells, key=lambda k: (-k[1], k[0]))]
        cells_of[village.code] = ordered
        shapes[village.code] = unary_union(ordered)
        for n, cell in enumerate(ordered, start=1):
            grids.append(GridPlan(f"{village.code}{n:03d}", f"{village.short_name}第{n}网格", village.code,
                                  GridKind.REGULAR, cell))

    grids += _exclusive_grids(rng, villages, profile, township_short, cells_of)
    if profile.sea:
        grids += _sea_grids(villages, profile, blocks, land, block_rows, per_row)
    return Layout(shapes, grids)


def _exclusive_grids(rng, villages, profile, township_short, cells_of) -> list[GridPlan]:
    """Art. 7(1) grids drawn inside one cell of their village (they lie over a regular grid)."""
    by_suffix = {v.code[-3:]: v for v in villages}
    used: set[tuple[str, int]] = set()
    plans = []
    for n, (suffix, category, name) in enumerate(profile.exclusive, start=101):
        village = by_suffix.get(suffix, villages[0])
        free = [k for k in range(len(cells_of[village.code])) if (village.code, k) not in used]
        k = rng.choice(free)
        used.add((village.code, k))
        cell = cells_of[village.code][k]
        footprint = affinity.scale(cell, 0.45, 0.45, origin=cell.centroid).intersection(cell)
        full_name = name.format(t=township_short)
        code = f"{village.code}{n:03d}"
        plans.append(GridPlan(code, full_name, village.code, GridKind.EXCLUSIVE, footprint,
                              exclusive_category=ExclusiveCategory(category), managing_unit=full_name))
    return plans


def _sea_grids(villages, profile, blocks, land, block_rows, per_row) -> list[GridPlan]:
    """Art. 7(2): the port, aquaculture waters and a tidal-flat area off the southern villages."""
    sea = profile.sea
    shore_row = [v for v in villages if blocks[v.code][1] == 0]
    port_village, far_village = shore_row[0], shore_row[-1]
    x0, y0 = profile.origin

    def span(village, top, bottom):
        i0 = blocks[village.code][0]
        water = box(x0 + (i0 + 0.25) * CELL_LON, y0 + bottom * CELL_LAT,
                    x0 + (i0 + 1.75) * CELL_LON, y0 + top * CELL_LAT).difference(land)
        return water

    plans = [
        GridPlan(f"{port_village.code}201", sea.port, port_village.code, GridKind.SEA, span(port_village, 1.0, -1.6),
                 sea_category=SeaCategory.PORT, managing_unit=f"{sea.port}管理站"),
        GridPlan(f"{far_village.code}202", sea.tidal_flat, far_village.code, GridKind.SEA,
                 span(far_village, 1.0, -0.9), sea_category=SeaCategory.OFFSHORE_WORK,
                 managing_unit=f"{far_village.short_name}村民委员会"),
        GridPlan(f"{far_village.code}203", sea.aquaculture, far_village.code, GridKind.SEA,
                 span(far_village, -1.0, -2.6), sea_category=SeaCategory.AQUACULTURE,
                 managing_unit=f"{far_village.short_name}水产养殖合作社"),
    ]
    for n, name in enumerate(sea.vessel_groups):
        village = shore_row[n % len(shore_row)]
        plans.append(GridPlan(f"{village.code}{211 + n}", name, village.code, GridKind.SEA, None,
                              sea_category=SeaCategory.VESSEL_GROUP, managing_unit=f"{sea.port}渔船管理站"))
    return plans
