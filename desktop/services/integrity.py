"""Integrity check of a GridDesk database (`griddesk-admin check`): tree shape and codes, grids,
case places, staff and open cases left on retired grids, orphan rows, the audit chain and the
schema revision. Read-only.

Most of this is also enforced by constraints; the check finds what constraints cannot express
(a parent one level up, a code extending its parent's) and what slipped in while they were off
(SQLite with foreign keys disabled, a hand-edited file, a restored backup).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from .. import migrate
from ..db import Database
from ..models import Assignment, Case, CaseEvent, Grid, Place
from ..models.enums import PlaceLevel, SeaCategory
from . import audit, grid_retirement, grids, reference


@dataclass(frozen=True)
class Problem:
    table: str
    row: str  # the code, number or id of the row
    problem: str

    def __str__(self) -> str:
        return f"{self.table} {self.row}: {self.problem}"


_PARENT_LEVEL = {level: list(PlaceLevel)[level.depth - 1] for level in PlaceLevel if level.depth > 0}
_CODE_LENGTH = {level: 15 if level is PlaceLevel.GRID else 12 for level in PlaceLevel}


def _tree(session) -> list[Problem]:
    problems = []
    cities = session.scalars(select(Place.code).where(Place.level == PlaceLevel.CITY)).all()
    if len(cities) != 1:
        problems.append(Problem("places", "—", f"应当恰好有一个市级单位,现有 {len(cities)} 个"
                                           f"({'、'.join(cities) or '无'});请运行 griddesk-admin init"))
    parent = aliased(Place)
    rows = session.execute(select(Place.code, Place.level, parent.code, parent.level)
                           .outerjoin(parent, Place.parent_id == parent.id).order_by(Place.code))
    for code, level, parent_code, parent_level in rows:
        if len(code) != _CODE_LENGTH[level] or not code.isdigit():
            problems.append(Problem("places", code, f"{level.label}代码应为 {_CODE_LENGTH[level]} 位数字"))
        if level is PlaceLevel.CITY:
            continue
        if parent_code is None:
            problems.append(Problem("places", code, f"{level.label}没有上级单位"))
            continue
        if parent_level is not _PARENT_LEVEL[level]:
            problems.append(Problem("places", code, f"{level.label}的上级 {parent_code} 是{parent_level.label},"
                                                    f"应为{_PARENT_LEVEL[level].label}"))
        prefix = parent_code[: parent_level.code_prefix_length]
        if not code.startswith(prefix):
            problems.append(Problem("places", code, f"代码没有延续上级 {parent_code} 的前缀 {prefix}"))
    return problems


def _grids(session) -> list[Problem]:
    problems = []
    missing = session.scalars(select(Place.code).outerjoin(Grid, Grid.place_id == Place.id)
                              .where(Place.level == PlaceLevel.GRID, Grid.place_id.is_(None)).order_by(Place.code))
    problems += [Problem("grids", code, "网格缺少网格信息(类型、基础数据)记录") for code in missing]
    stray = session.scalars(select(Place.code).join(Grid, Grid.place_id == Place.id)
                            .where(Place.level != PlaceLevel.GRID).order_by(Place.code))
    problems += [Problem("grids", code, "不是网格的单位却有网格信息记录") for code in stray]
    vessels = session.scalars(select(Place.code).join(Grid, Grid.place_id == Place.id).where(
        Grid.sea_category == SeaCategory.VESSEL_GROUP, Place.geometry.is_not(None)).order_by(Place.code))
    problems += [Problem("grids", code, "船只编组网格是船只名册,不应有地理范围(Art. 7)") for code in vessels]
    return problems


def _case_places(session) -> list[Problem]:
    """A case's grid lies in its village, the village in its township, the township in its county."""
    grid, village, township, county = (aliased(Place) for _ in range(4))
    wrong = or_(
        and_(Case.grid_id.is_not(None), or_(grid.level != PlaceLevel.GRID, grid.parent_id != Case.village_id,
                                            Case.village_id.is_(None))),
        and_(Case.village_id.is_not(None), or_(village.level != PlaceLevel.VILLAGE,
                                               village.parent_id != Case.township_id)),
        township.level != PlaceLevel.TOWNSHIP, township.parent_id != Case.county_id,
        county.level != PlaceLevel.COUNTY,
    )
    rows = session.scalars(
        select(Case.number)
        .outerjoin(grid, grid.id == Case.grid_id).outerjoin(village, village.id == Case.village_id)
        .join(township, township.id == Case.township_id).join(county, county.id == Case.county_id)
        .where(wrong).order_by(Case.number))
    return [Problem("cases", number, "网格、村(社区)、乡镇(街道)、县(区)彼此不符") for number in rows]


def _grid_layout(session) -> list[Problem]:
    """Grids in use that no longer fit their village's boundary (one imported after them)."""
    return [Problem("grids", code or "—", message) for code, message in grids.live_layout_problems(session)]


def _left_on_retired_grids(session) -> list[Problem]:
    """Appointments and open cases on a retired grid (Art. 6): an approval settles them
    (services.grid_retirement), but a database from before that may still hold them."""
    problems = [Problem("grid_staff_roles", str(staff.role_id),
                        f"{staff.name} 仍任已撤销网格 {grid.name}({grid.code})的{staff.role.label}"
                        f"({staff.start_on} 起);请在人员窗口为 {staff.name} 办理离任或调整到其他网格"
                        "(Art. 6、Art. 10)")
                for grid, staff in grid_retirement.staff_on_retired_grids(session)]
    problems += [Problem("cases", number, f"未办结案件仍在已撤销网格 {grid.name}({grid.code})上,该网格已无人负责;"
                                          "须改归调整后的网格,或转入乡镇(街道)待分拨清单(Art. 6)")
                 for number, grid in grid_retirement.open_cases_on_retired_grids(session)]
    return problems


def _orphans(session) -> list[Problem]:
    problems = []
    for model, table in ((Assignment, "assignments"), (CaseEvent, "case_events")):
        rows = session.execute(select(model.id, model.case_id).outerjoin(Case, Case.id == model.case_id)
                               .where(Case.id.is_(None)).order_by(model.id))
        problems += [Problem(table, str(row_id), f"所属案件 {case_id} 不存在(孤立记录)") for row_id, case_id in rows]
    return problems


def reference_tree_current(db: Database) -> bool:
    """Does the database hold every place of the bundled reference tree, with the same names?"""
    wanted = {d.code: (d.name, d.short_name) for d in reference.divisions()}
    with db.session() as session:
        have = {code: (name, short) for code, name, short in session.execute(
            select(Place.code, Place.name, Place.short_name).where(Place.code.in_(list(wanted))))}
    return have == wanted


def check(db: Database) -> list[Problem]:
    """Every problem found; an empty list means the database is sound."""
    revision, head = migrate.current_revision(db), migrate.head_revision()
    if revision != head:
        # Without the newest schema the queries below may not even run.
        newer = migrate.newer_than_this_program(revision)
        return [Problem("alembic_version", revision or "—",
                        newer.message if newer else f"数据库结构不是最新版本 {head};请运行 griddesk-admin init")]
    with db.session() as session:
        problems = (_tree(session) + _grids(session) + _grid_layout(session) + _case_places(session)
                    + _left_on_retired_grids(session) + _orphans(session))
        problems += [Problem("audit_log", str(p.entry_id), p.problem) for p in audit.verify_chain(session)]
    return problems


def summary(db: Database) -> dict[str, int]:
    """Row counts shown after a clean check."""
    with db.session() as session:
        counts = dict(session.execute(select(Place.level, func.count()).group_by(Place.level)).all())
        return {
            **{level.label: counts.get(level, 0) for level in PlaceLevel},
            "诉求": session.scalar(select(func.count()).select_from(Case)),
            "时间线记录": session.scalar(select(func.count()).select_from(CaseEvent)),
        }
