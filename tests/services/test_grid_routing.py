"""Routing points to grids (Art. 7, 16): the documented rule and its edges."""

from __future__ import annotations

import io

import numpy as np
import pytest
import shapely

from desktop.cli import main
from desktop.models.enums import ExclusiveCategory, GridKind, SeaCategory
from desktop.services import places
from desktop.services.routing import NO_GRID, GridRouter, GridShape


def shape(place_id, bounds, kind=GridKind.REGULAR):
    return GridShape(place_id, f"{place_id:015d}", kind, shapely.box(*bounds).wkb)


ROUTER = GridRouter([
    shape(1, (0, 0, 10, 10)),  # a large regular grid
    shape(2, (10, 0, 20, 10)),  # its neighbour
    shape(3, (2, 2, 4, 4), GridKind.EXCLUSIVE),  # a market inside grid 1
    shape(4, (1, 1, 5, 5)),  # a smaller regular grid overlapping grid 1
    shape(5, (3, 3, 8, 8), GridKind.SEA),  # a larger sea-related grid overlapping the market
])


@pytest.mark.law("Art. 7")
def test_exclusive_and_sea_grids_win_then_the_smallest_area():
    assert ROUTER.route(3.5, 3.5) == 3  # exclusive (4) beats sea (25) by area, both beat regular
    assert ROUTER.route(6, 6) == 5  # sea-related beats the regular grid beneath
    assert ROUTER.route(1.5, 1.5) == 4  # two regular grids: the smaller wins
    assert ROUTER.route(9, 9) == 1


def test_boundary_points_route_deterministically_and_outside_points_do_not():
    assert ROUTER.route(10, 5) == 1  # on the shared edge of two equal grids: the lower code
    assert ROUTER.route(30, 30) is None


def test_route_many_agrees_with_route():
    rng = np.random.default_rng(7)
    lons, lats = rng.uniform(-2, 22, 2000), rng.uniform(-2, 12, 2000)
    expected = [ROUTER.route(x, y) for x, y in zip(lons, lats)]
    assert ROUTER.route_many(lons, lats).tolist() == [NO_GRID if e is None else e for e in expected]
    # edges and corners of grids, and the extent's own border
    edges = [(10, 5), (2, 2), (20, 10), (0, 0), (4, 3), (20.0000001, 5)]
    assert ROUTER.route_many(*zip(*edges)).tolist() == [1, 3, 2, 1, 3, NO_GRID]


def test_empty_router_routes_nothing():
    assert GridRouter([]).route(1, 1) is None
    assert GridRouter([]).route_many([1.0], [1.0]).tolist() == [NO_GRID]


def test_loaded_from_the_database_and_the_route_command(db, system, capsys):
    village = "450503103001"
    places.create_grid(db, system, village_code=village, code=village + "001", name="侨北第一网格",
                       geometry=shapely.box(109.10, 21.42, 109.11, 21.43).wkb, bounds=(109.10, 21.42, 109.11, 21.43))
    places.create_grid(db, system, village_code=village, code=village + "101", name="侨港渔港",
                       kind=GridKind.SEA, sea_category=SeaCategory.PORT,
                       geometry=shapely.box(109.105, 21.425, 109.12, 21.44).wkb,
                       bounds=(109.105, 21.425, 109.12, 21.44))
    places.create_grid(db, system, village_code=village, code=village + "102", name="侨港小学",
                       kind=GridKind.EXCLUSIVE, exclusive_category=ExclusiveCategory.SCHOOL)  # no polygon
    with db.session() as session:
        assert GridRouter.load(session).size == 2
    url = db.engine.url.render_as_string(hide_password=False)
    out = io.StringIO()
    assert main(["--db", url, "route", "109.107", "21.428"], out=out) == 0
    assert out.getvalue() == f"{village}101\t侨港渔港\n"
    out = io.StringIO()
    assert main(["--db", url, "route", "109.50", "21.00"], out=out) == 1
    assert out.getvalue() == "" and "未找到网格:该点在所有网格范围之外" in capsys.readouterr().err
