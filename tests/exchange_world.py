"""A small world for the case-exchange tests: two grids in 侨北社区, a department, a city matter list.

Grids, department and list are made up for the tests (the villages are real, the polygons are not).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import shapely
from sqlalchemy import select

from desktop.models import Assignment, Case, Department, MatterItem, MatterList, Place
from desktop.models.enums import (
    AssignmentRole,
    CaseState,
    Channel,
    DepartmentLevel,
    MatterCategory,
    MatterListState,
    PlaceLevel,
)
from desktop.services import places
from desktop.services.clock import BEIJING

QIAOGANG = "450503103000"
QIAOBEI = "450503103001"
GRIDS = {QIAOBEI + "001": (109.10, 21.41, 109.11, 21.42), QIAOBEI + "002": (109.11, 21.41, 109.12, 21.42)}
ITEMS = {"C09-001": ("路灯损坏报修", MatterCategory.LIVELIHOOD), "C10-002": ("生活垃圾未及时清运", MatterCategory.CIVILISATION)}
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=BEIJING)


def build(db, system) -> None:
    """Grids with polygons, a township department and a published city matter list."""
    for code, bounds in GRIDS.items():
        box = shapely.box(*bounds)
        places.create_grid(db, system, village_code=QIAOBEI, code=code, name=f"侨北第{code[-1]}网格",
                           geometry=shapely.to_wkb(box), bounds=bounds)
    with db.session() as session:
        township = places.get_place(session, QIAOGANG)
        city = session.scalar(select(Place).where(Place.level == PlaceLevel.CITY))
        department = Department(code="QG-CG", name="侨港镇城管中队", short_name="城管中队",
                                level=DepartmentLevel.TOWNSHIP, place_id=township.id)
        session.add(department)
        session.flush()
        matter_list = MatterList(place_id=city.id, version=1, title="北海市网格化服务管理事项清单",
                                 state=MatterListState.PUBLISHED, published_on=date(2025, 9, 1))
        matter_list.items = [MatterItem(code=code, title=title, category=category, department_id=department.id)
                             for code, (title, category) in ITEMS.items()]
        session.add(matter_list)
        session.commit()


def add_case(db, number: str, *, state=CaseState.HANDLING, grid=QIAOBEI + "001", item="C09-001", lead=False,
             phone="13807791234", received=T0) -> int:
    """A case as the workflow would have left it (ORM, no services: only its columns matter here).

    Give numbers of a past year (e.g. 450503103-2025-000001): imports number in the current one.
    """
    with db.session() as session:
        grid_place = places.get_place(session, grid)
        village = grid_place.parent
        township = village.parent
        matter = session.scalar(select(MatterItem).where(MatterItem.code == item))
        lon = (GRIDS[grid][0] + GRIDS[grid][2]) / 2
        lat = (GRIDS[grid][1] + GRIDS[grid][3]) / 2
        case = Case(number=number, channel=Channel.HOTLINE_12345, requester_name="李海", requester_phone=phone,
                    title=f"{matter.title}({number[-3:]})", description=f"{matter.title},请尽快处理。编号{number}",
                    category=matter.category, matter_item_id=matter.id, lon=lon, lat=lat, address="侨港镇侨北路1号",
                    county_id=township.parent_id, township_id=township.id, village_id=village.id,
                    grid_id=grid_place.id, state=state, received_at=received, due_at=received + timedelta(days=7),
                    closed_at=received + timedelta(days=3) if not state.is_open else None,
                    resolution="已修复" if not state.is_open else None)
        session.add(case)
        session.flush()
        if lead:
            session.add(Assignment(case_id=case.id, department_id=matter.department_id, role=AssignmentRole.LEAD,
                                   sign_due_at=received + timedelta(days=1), due_at=received + timedelta(days=7),
                                   original_due_at=received + timedelta(days=7), dispatched_at=received))
        session.commit()
        return case.id
