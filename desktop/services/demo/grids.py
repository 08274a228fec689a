"""Writes the planned grids of a demo township: places, grid particulars, base data, vessels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shapely.geometry.base import BaseGeometry

from ...models import Grid, Place, Vessel
from ...models.enums import GridKind, PlaceLevel, SeaCategory
from ..grids import area_km2
from .context import DemoContext
from .geometry import GridPlan, Layout

ESTABLISHED_ON = date(2025, 9, 1)


@dataclass
class DemoGrid:
    place: Place
    grid: Grid
    village: Place
    polygon: BaseGeometry | None

    @property
    def kind(self) -> GridKind:
        return self.grid.kind


def _set_shape(place: Place, shape: BaseGeometry) -> None:
    place.geometry = shape.wkb
    place.min_lon, place.min_lat, place.max_lon, place.max_lat = shape.bounds


def _base_data(ctx: DemoContext, plan: GridPlan, rural: bool) -> dict:
    """Households, residents and units (Art. 12(2)) in plausible ranges for the grid's kind."""
    rng = ctx.rng
    if plan.kind is GridKind.REGULAR:
        households = rng.randint(150, 320) if rural else rng.randint(220, 460)
        per_household = rng.uniform(3.2, 4.0) if rural else rng.uniform(2.6, 3.3)
        return dict(households=households, residents=round(households * per_household),
                    units=rng.randint(1, 8) if rural else rng.randint(5, 40),
                    village_groups=rng.randint(2, 4) if rural else 0, urban=not rural)
    if plan.sea_category is SeaCategory.VESSEL_GROUP:
        return dict(households=0, residents=0, units=0, village_groups=0, urban=False)
    return dict(households=0, residents=rng.randint(0, 60), units=rng.randint(1, 120), village_groups=0,
                urban=plan.kind is GridKind.EXCLUSIVE)


def add_grids(ctx: DemoContext, layout: Layout) -> list[DemoGrid]:
    """Village and township shapes on the real rows, then one place + grid row per plan."""
    villages = {v.code: v for v in ctx.villages}
    for code, shape in layout.villages.items():
        _set_shape(villages[code], shape)
    _set_shape(ctx.township, layout.township)

    made = []
    for order, plan in enumerate(layout.grids):
        village = villages[plan.village_code]
        place = Place(code=plan.code, name=plan.name, short_name=plan.name, level=PlaceLevel.GRID, parent=village,
                      sort_order=order, synthetic=True)
        if plan.polygon is not None:
            _set_shape(place, plan.polygon)
        grid = Grid(kind=plan.kind, exclusive_category=plan.exclusive_category, sea_category=plan.sea_category,
                    managing_unit=plan.managing_unit, established_on=ESTABLISHED_ON,
                    area_km2=area_km2(plan.polygon),
                    **_base_data(ctx, plan, rural=village.unit_kind == "村民委员会"))
        place.grid = grid
        if plan.sea_category is SeaCategory.VESSEL_GROUP:
            grid.vessels = [_vessel(ctx) for _ in range(ctx.rng.randint(6, 10))]
            grid.units = len(grid.vessels)
        made.append(DemoGrid(place, grid, village, plan.polygon))
    ctx.add_all([g.place for g in made])
    return made


def _vessel(ctx: DemoContext) -> Vessel:
    name, registration = ctx.names.vessel()
    return Vessel(name=name, registration_no=registration, skipper=ctx.names.person(), phone=ctx.names.mobile())
