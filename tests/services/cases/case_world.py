"""A small world for case tests: 侨港镇 with three grids, four departments, a published matter
list and actors of each kind (all made up except the administrative tree)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest
import shapely
from sqlalchemy import select

from desktop.models import Assignment, Department, MatterItem, MatterList, Objection, Place
from desktop.models.enums import (
    AssignmentRole,
    Channel,
    DepartmentLevel,
    ExclusiveCategory,
    GridKind,
    MatterCategory,
    MatterComplexity,
    MatterListState,
    PlaceLevel,
    Role,
    TimeLimitUnit,
)
from desktop.services import places
from desktop.services.cases import department, dispatch, intake, review
from desktop.services.security import Actor, Grant

TOWNSHIP = "450503103000"  # 侨港镇
OTHER_TOWNSHIP = "450502001000"  # 中街街道
COUNTY = "450503000000"  # 银海区
GRID_A = "450503103001001"
GRID_B = "450503103002001"
MARKET = "450503103001101"
IN_A = (109.105, 21.428)
IN_MARKET = (109.103, 21.423)
IN_B = (109.115, 21.425)
AT_SEA = (109.30, 21.30)


def box_grid(db, system, village, code, name, bounds, **kwargs):
    return places.create_grid(db, system, village_code=village, code=code, name=name,
                              geometry=shapely.box(*bounds).wkb, bounds=bounds, **kwargs)


def actor(username, role, code, level, department_id=None):
    return Actor(username=username, display_name=username, grants=(Grant(role, code, level),),
                 department_id=department_id, desktop=f"desk-{username}")


@dataclass
class World:
    db: object
    system: Actor
    grids: dict
    departments: dict
    items: dict
    operator: Actor
    supervisor: Actor
    police: Actor  # liaison of 侨港派出所
    market: Actor  # liaison of 银海区市场监管局
    stranger: Actor  # operator of another township

    def new_case(self, *, at=IN_A, who=None, **kwargs):
        kwargs.setdefault("channel", Channel.HOTLINE_12345)
        kwargs.setdefault("title", "邻里噪音纠纷")
        kwargs.setdefault("description", "楼上夜间施工噪音,协商未果")
        kwargs.setdefault("requester_name", "陈先生")
        kwargs.setdefault("requester_phone", "13807790001")
        if "matter_item_id" not in kwargs and "category" not in kwargs:
            kwargs["matter_item_id"] = self.items["dispute"]
        lon, lat = at if at else (None, None)
        return intake.take_in(self.db, who or self.operator, lon=lon, lat=lat, **kwargs)


@pytest.fixture
def world(db, system) -> World:
    grids = {
        "a": box_grid(db, system, "450503103001", GRID_A, "侨北第一网格", (109.100, 21.420, 109.110, 21.430)).id,
        "b": box_grid(db, system, "450503103002", GRID_B, "侨南第一网格", (109.110, 21.420, 109.120, 21.430)).id,
        "market": box_grid(db, system, "450503103001", MARKET, "侨港海鲜市场专属网格",
                           (109.102, 21.422, 109.104, 21.424), kind=GridKind.EXCLUSIVE,
                           exclusive_category=ExclusiveCategory.MARKET).id,
    }
    with db.session() as s:
        code_id = {p.code: p.id for p in s.query(Place).filter(Place.level != PlaceLevel.GRID)}
        depts = {
            "police": Department(code="QG-PCS", name="侨港派出所", short_name="派出所", level=DepartmentLevel.TOWNSHIP,
                                 place_id=code_id[TOWNSHIP]),
            "market": Department(code="YH-SCJG", name="银海区市场监管局", short_name="市场监管",
                                 level=DepartmentLevel.COUNTY, place_id=code_id[COUNTY]),
            "city_admin": Department(code="YH-CG", name="银海区城管局", short_name="城管", level=DepartmentLevel.COUNTY,
                                     place_id=code_id[COUNTY]),
            "power": Department(code="BH-GD", name="北海供电局", short_name="供电", level=DepartmentLevel.CITY,
                                place_id=code_id["450500000000"]),
            "elsewhere": Department(code="HC-ZJ", name="中街街道办", short_name="中街", level=DepartmentLevel.TOWNSHIP,
                                    place_id=code_id[OTHER_TOWNSHIP]),
        }
        s.add_all(depts.values())
        s.flush()
        ml = MatterList(place_id=code_id["450500000000"], version=1, title="北海市网格化服务管理事项清单",
                        state=MatterListState.PUBLISHED, published_on=date(2025, 9, 1))
        items = {
            "dispute": MatterItem(code="M05-01", title="邻里矛盾纠纷调处", category=MatterCategory.DISPUTE,
                                  department_id=depts["police"].id),
            "outage": MatterItem(code="M09-01", title="停电抢修", category=MatterCategory.LIVELIHOOD,
                                 department_id=depts["power"].id, complexity=MatterComplexity.URGENT,
                                 time_limit_unit=TimeLimitUnit.HOURS, time_limit=24),
            "food": MatterItem(code="M04-02", title="食品安全隐患排查", category=MatterCategory.SAFETY_RISK,
                               department_id=depts["market"].id, complexity=MatterComplexity.COMPLEX,
                               time_limit=15, grid_staff_task=False),
        }
        ml.items.extend(items.values())
        s.add(ml)
        s.commit()
        dept_ids = {k: d.id for k, d in depts.items()}
        item_ids = {k: i.id for k, i in items.items()}
    return World(
        db=db, system=system, grids=grids, departments=dept_ids, items=item_ids,
        operator=actor("op_qg", Role.OPERATOR, TOWNSHIP, PlaceLevel.TOWNSHIP),
        supervisor=actor("sup_qg", Role.SUPERVISOR, TOWNSHIP, PlaceLevel.TOWNSHIP),
        police=actor("liaison_pcs", Role.LIAISON, COUNTY, PlaceLevel.COUNTY, dept_ids["police"]),
        market=actor("liaison_scjg", Role.LIAISON, COUNTY, PlaceLevel.COUNTY, dept_ids["market"]),
        stranger=actor("op_zj", Role.OPERATOR, OTHER_TOWNSHIP, PlaceLevel.TOWNSHIP),
    )


# A Tuesday in an ordinary week of 2026 (Beijing 10:00).
TUESDAY = datetime(2026, 6, 9, 2, 0, tzinfo=timezone.utc)


def dispatched(world, *, co=(), now=TUESDAY, **kwargs):
    """A new case dispatched to the police station (and to the co-handlers named), at `now`."""
    case = world.new_case(**kwargs).case
    return dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["police"],
                             co_department_ids=[world.departments[c] for c in co], expected_version=case.version,
                             now=now)


def assignments(world, case_id):
    """{role: share} of a case: the newest share of each role."""
    with world.db.session() as s:
        return {a.role: a for a in s.scalars(select(Assignment).where(Assignment.case_id == case_id)
                                             .order_by(Assignment.id))}


def lead_objection_upheld(world: World, co=("market",)):
    """The police station leads with the co-handlers named; its objection is upheld."""
    case = dispatched(world, co=co)
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    case = department.raise_objection(world.db, world.police, assignment_id=lead.id, reason="属市场监管职责",
                                      expected_version=case.version, now=TUESDAY + timedelta(hours=1))
    with world.db.session() as s:
        objection = s.scalar(select(Objection.id).where(Objection.assignment_id == lead.id))
    return review.decide_objection(world.db, world.operator, objection_id=objection, approve=True,
                                   expected_version=case.version, now=TUESDAY + timedelta(hours=2))


def at_once(*desks) -> list:
    """Run each desk (a callable) on its own thread, started together; what each returned or raised."""
    barrier = threading.Barrier(len(desks))
    outcomes = [None] * len(desks)

    def run(index, desk):
        barrier.wait()
        try:
            outcomes[index] = desk()
        except Exception as exc:  # noqa: BLE001 - the outcome under test
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(desks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes
