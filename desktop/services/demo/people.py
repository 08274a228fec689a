"""Grid staff with their Art. 9 sources, leadership (Art. 8), professionals and their visits
(Art. 11) and the staff's work log (Art. 10). Every person here is made up."""

from __future__ import annotations

from ...models import (
    GridStaffRole,
    LeadershipAssignment,
    Person,
    Professional,
    ProfessionalVisit,
    WorkLogEntry,
)
from ...models.enums import GridKind, LeadershipRole, Profession, StaffRole, StaffSource, WorkLogKind
from .context import DemoContext
from .grids import DemoGrid, ESTABLISHED_ON

_HEAD_SOURCES = (StaffSource.PARTY_ORGANISATION, StaffSource.COMMITTEE_MEMBER, StaffSource.HIRED)
_MEMBER_SOURCES = (StaffSource.GROUP_LEADER, StaffSource.OWNERS_COMMITTEE, StaffSource.PROPERTY_MANAGEMENT,
                   StaffSource.RETIRED_CADRE, StaffSource.VOLUNTEER)
_WORK = {
    WorkLogKind.PUBLICITY: ("入户宣传防范电信诈骗知识", "在小区公告栏张贴防台风须知", "向渔民宣传休渔期规定"),
    WorkLogKind.DATA_COLLECTION: ("核实出租屋新入住人员信息", "更新网格内商户台账", "采集新建住宅楼住户信息"),
    WorkLogKind.VISIT: ("走访独居老人,了解生活需求", "走访困难家庭,送去慰问品", "走访渔船船东了解出海情况"),
    WorkLogKind.RISK_SCREENING: ("排查楼道消防通道堵塞情况", "检查码头护栏和照明", "巡查低洼易涝点"),
    WorkLogKind.MEDIATION: ("调解邻里停车纠纷", "调解渔网损坏赔偿纠纷", "劝解家庭矛盾"),
    WorkLogKind.INFO_REPORT: ("上报路灯损坏情况", "上报垃圾堆积点位", "上报疑似违章搭建"),
}
_PROFESSIONALS = (
    (Profession.POLICE, "{s}派出所"),
    (Profession.POLICE, "{s}派出所"),
    (Profession.JUDGE, "北海市{c}人民法院"),
    (Profession.PROSECUTOR, "北海市{c}人民检察院"),
    (Profession.LAWYER, "{c}法律援助中心"),
    (Profession.OTHER, "{c}心理健康服务站"),
)
_VISIT_PURPOSES = ("法治宣传", "纠纷化解", "便民服务")


def _person(ctx: DemoContext, organisation: str | None = None) -> Person:
    return Person(name=ctx.names.person(), phone=ctx.names.mobile(), organisation=organisation, synthetic=True)


def add_staff(ctx: DemoContext, grids: list[DemoGrid]) -> dict[int, list[Person]]:
    """A head and 1–3 members per regular grid, 1–2 managing-unit staff per exclusive or sea grid.

    A few busy grids deliberately get fewer members than the staffing rule asks (Art. 9(4)),
    so that the adequacy report has something to show.
    """
    rng = ctx.rng
    staff: dict[int, list[Person]] = {}
    plans = []
    for grid in grids:
        if grid.kind is GridKind.REGULAR:
            wanted = max(1, round(grid.grid.households / 300)) if grid.grid.urban else grid.grid.village_groups
            members = max(1, wanted - (1 if rng.random() < 0.2 else 0))
            roles = [(StaffRole.GRID_HEAD, rng.choice(_HEAD_SOURCES))]
            roles += [(StaffRole.GRID_MEMBER, rng.choice(_MEMBER_SOURCES)) for _ in range(members)]
        else:
            roles = [(StaffRole.EXCLUSIVE_STAFF, StaffSource.MANAGING_UNIT) for _ in range(rng.randint(1, 2))]
        people = [_person(ctx, grid.grid.managing_unit) for _ in roles]
        staff[grid.place.id] = people
        plans.append((grid, roles, people))
    ctx.add_all([p for _, _, people in plans for p in people])
    ctx.add_all([
        GridStaffRole(person_id=person.id, grid_id=grid.place.id, role=role, source=source, start_on=ESTABLISHED_ON)
        for grid, roles, people in plans for (role, source), person in zip(roles, people)
    ])
    return staff


def add_leadership(ctx: DemoContext) -> None:
    """Art. 8: the county's contact leader and instructor for the township, a chief per village."""
    county, township = ctx.county, ctx.township
    leader = _person(ctx, f"{county.name}人民政府")
    instructor = _person(ctx, f"{county.name}网格化服务管理中心")
    chiefs = [_person(ctx, f"{township.name}人民政府") for _ in ctx.villages]
    ctx.add_all([leader, instructor, *chiefs])
    rows = [
        LeadershipAssignment(person_id=leader.id, place_id=township.id, role=LeadershipRole.CONTACT_LEADER,
                             title=f"{county.name}副区长" if county.name.endswith("区") else f"{county.name}副县长",
                             start_on=ESTABLISHED_ON),
        LeadershipAssignment(person_id=instructor.id, place_id=township.id, role=LeadershipRole.INSTRUCTOR,
                             title="网格指导员", start_on=ESTABLISHED_ON),
    ]
    rows += [LeadershipAssignment(person_id=chief.id, place_id=village.id, role=LeadershipRole.GRID_CHIEF,
                                  title=f"{township.name}党委委员", start_on=ESTABLISHED_ON)
             for chief, village in zip(chiefs, ctx.villages)]
    ctx.add_all(rows)


def add_professionals(ctx: DemoContext, grids: list[DemoGrid]) -> None:
    """Art. 11(2): judges, prosecutors, police, lawyers … and their visits to grids."""
    names = {"s": ctx.township.short_name, "c": ctx.county.short_name}
    people = [_person(ctx, organisation.format(**names)) for _, organisation in _PROFESSIONALS]
    ctx.add_all(people)
    professionals = ctx.add_all([
        Professional(person_id=person.id, profession=profession, organisation=person.organisation)
        for (profession, _), person in zip(_PROFESSIONALS, people)
    ])
    visited = [g for g in grids if g.polygon is not None]
    visits = []
    for _ in range(24):
        purpose = ctx.rng.choice(_VISIT_PURPOSES)
        visits.append(ProfessionalVisit(professional_id=ctx.rng.choice(professionals).id,
                                        grid_id=ctx.rng.choice(visited).place.id, visited_on=ctx.moment().date(),
                                        purpose=purpose, summary=f"进入网格开展{purpose}"))
    ctx.add_all(visits)


def add_work_log(ctx: DemoContext, staff: dict[int, list[Person]]) -> None:
    """Art. 10: a few entries per person over the demo's history."""
    kinds = list(_WORK)
    entries = []
    for grid_id, people in staff.items():
        for person in people:
            for _ in range(ctx.rng.randint(2, 7)):
                kind = ctx.rng.choice(kinds)
                entries.append(WorkLogEntry(person_id=person.id, grid_id=grid_id, kind=kind,
                                            occurred_at=ctx.moment().replace(minute=0, second=0, microsecond=0),
                                            summary=ctx.rng.choice(_WORK[kind])))
    ctx.insert_many(entries)
