"""Benchmark: 1,000 notice sheets into one PDF (goal < 15 s), on SQLite."""

import time
from datetime import date

import pytest
import shapely
from shapely.geometry import Polygon
from sqlalchemy import select

from desktop.models import Grid, GridStaffRole, Person, Place
from desktop.models.enums import GridKind, PlaceLevel, StaffRole, StaffSource
from desktop.services import notice_board
from desktop.services.printing.notice_sheets import print_notice_sheets

COUNTY = "450502000000"
SHEETS = 1000


def seed(db) -> None:
    """1,000 grids spread over the villages of 海城区, each with an outline, a head and two members."""
    with db.session() as session:
        villages = session.scalars(select(Place).where(Place.level == PlaceLevel.VILLAGE,
                                                       Place.code.startswith("450502"))).all()
        for n in range(SHEETS):
            village = villages[n % len(villages)]
            lon, lat = 109.10 + (n % 40) * 0.004, 21.45 + (n // 40) * 0.004
            polygon = Polygon([(lon, lat), (lon + 0.0035, lat + 0.0004), (lon + 0.003, lat + 0.0033),
                               (lon + 0.0002, lat + 0.0036)])
            place = Place(code=f"{village.code}{n // len(villages) + 1:03d}", name=f"{village.short_name}第{n + 1}网格",
                          short_name=f"网格{n + 1}", level=PlaceLevel.GRID, parent_id=village.id,
                          geometry=shapely.to_wkb(polygon), synthetic=True)
            place.grid = Grid(kind=GridKind.REGULAR, households=600)
            session.add(place)
            session.flush()
            for k, role in enumerate((StaffRole.GRID_HEAD, StaffRole.GRID_MEMBER, StaffRole.GRID_MEMBER)):
                person = Person(name=f"员工{n}-{k}", phone=f"139{n:04d}{k:04d}", synthetic=True)
                session.add(person)
                session.flush()
                session.add(GridStaffRole(person_id=person.id, grid_id=place.id, role=role,
                                          source=StaffSource.HIRED if k == 0 else StaffSource.VOLUNTEER,
                                          start_on=date(2025, 9, 1)))
        session.commit()


@pytest.mark.benchmark
def test_thousand_notice_sheets(sqlite_db, system, tmp_path):
    seed(sqlite_db)
    started = time.perf_counter()
    sheets = notice_board.sheets(sqlite_db, system, COUNTY)
    gather = time.perf_counter() - started
    started = time.perf_counter()
    result = print_notice_sheets(sqlite_db, system, tmp_path / "sheets.pdf", under=COUNTY)
    total = time.perf_counter() - started
    assert len(sheets) == result.pages == SHEETS
    started = time.perf_counter()
    assert notice_board.needs_reprint(sqlite_db, system, COUNTY) == []
    reprint = time.perf_counter() - started
    size = (tmp_path / "sheets.pdf").stat().st_size / 1e6
    print(f"\n{SHEETS} notice sheets: gather {gather:.2f} s; gather+draw+write+record {total:.2f} s "
          f"({SHEETS / total:.0f} pages/s), PDF {size:.1f} MB; needs-reprint check {reprint:.2f} s")
