"""The register of linked departments (联动部门, Art. 5(5)) and the lines they belong to.

The county or city institution that compiles a place's matter list (Art. 12(1)) keeps the
register of the departments serving it: it names them on the list's items (Art. 13) and
dispatches cases to them (Art. 18). A department is never deleted — cases, assignments and old
list versions name it — only retired, once nothing current still depends on it.

A county or city department often works in a township through an office of its own line — the
public security bureau through the police station, health through the health centre. The matter
list names the department by its statutory duty (Art. 13, 17(1): 职权法定); dispatch goes where
the matter arises (Art. 17(1), 18(1): 属地管理). Recording each office's department of the line
above lets dispatch suggest the local office of the named department (cases.dispatch).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from ..db import Database
from ..errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from ..models import (
    Assignment,
    Callback,
    Department,
    GovernanceItem,
    MatterApplication,
    MatterItem,
    MatterList,
    Place,
    RectificationNotice,
    RoleGrant,
    User,
)
from ..models.enums import (
    ACTIVE_ASSIGNMENT_STATES,
    CallbackState,
    DepartmentLevel,
    GovernanceState,
    MatterListState,
    PlaceLevel,
    RectificationState,
    ReviewState,
    Role,
)
from ..said import Message
from .cases.callbacks import current_lead
from .clock import beijing_today
from .matter_list import institution_of
from .matters import lists_still_current
from .places import get_place
from .saved_meanwhile import check_version, saved_by
from .security import Actor, Permission, in_scope, scope_prefix
from .unit_of_work import UnitOfWork, unit_of_work

_RANK = {DepartmentLevel.TOWNSHIP: 0, DepartmentLevel.COUNTY: 1, DepartmentLevel.CITY: 2}
# A department serves a city, a county or a township; its level follows from that place.
_LEVEL_OF_PLACE = {PlaceLevel.CITY: DepartmentLevel.CITY, PlaceLevel.COUNTY: DepartmentLevel.COUNTY,
                   PlaceLevel.TOWNSHIP: DepartmentLevel.TOWNSHIP}
_PLACE_OF_LEVEL = {level: place for place, level in _LEVEL_OF_PLACE.items()}
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{1,29}")
PHONE = re.compile(r"[0-9][0-9 -]{4,19}")  # a mobile, or an office number with its area code


@dataclass(frozen=True)
class DepartmentDraft:
    """What an administrator types for a department; `short_name` defaults to the name."""

    name: str
    short_name: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    code: str
    name: str
    short_name: str
    level: DepartmentLevel
    place_code: str
    place_name: str
    phone: str | None
    active: bool
    version: int
    parent_code: str | None
    parent_name: str | None
    signs_at_desk: bool  # it has an active liaison account (liaison_account_exists)


def by_code(session: Session, code: str, *, lock: str | None = None) -> Department:
    """The department with this code; `lock` "update" (to change it) or "share" (to name it,
    see department_use) locks its row on PostgreSQL and reads it afresh."""
    stmt = select(Department).where(Department.code == code.strip())
    if lock:
        stmt = stmt.with_for_update(read=lock == "share").execution_options(populate_existing=True)
    department = session.scalar(stmt)
    if department is None:
        raise NotFound(f"没有代码为 {code} 的联动部门;用 griddesk-admin departments list 查看各部门代码")
    return department


def liaison_account_exists():
    """Whether the department of the enclosing query has an active liaison account: someone to sign
    for the cases dispatched to it at a desk (Art. 18(1), 19). Without one a department works, but
    the center tells it of each case by phone."""
    return exists().where(User.department_id == Department.id, User.active.is_(True),
                          RoleGrant.user_id == User.id, RoleGrant.role == Role.LIAISON)


def require_keeper(uow: UnitOfWork, place: Place) -> None:
    """Art. 12(1): the institution that compiles the place's matter list keeps its departments."""
    institution = institution_of(place)
    uow.require(Permission.MANAGE_MATTERS, institution.code, institution.short_name)


_DEPARTMENT = Message("联动部门 {name}")  # a department changed meanwhile (check_version)


def _kept(uow: UnitOfWork, code: str, expected_version: int | None) -> tuple[Department, Place]:
    """The department and its territory, once the actor is found to keep it and to have seen its
    current version (None: a one-shot command acting on whatever is current)."""
    try:
        department = by_code(uow.session, code, lock="update")
    except NotFound:
        if expected_version is None:  # a code given on the command line: perhaps mistyped
            raise
        raise NotFound(f"联动部门 {code} 已不存在(可能已在其他桌面上删除),所作修改未保存;请重新载入") from None
    place = uow.session.get(Place, department.place_id)
    require_keeper(uow, place)
    check_version(department, expected_version, _DEPARTMENT(name=department.name))
    return department, place


def _clean(draft: DepartmentDraft) -> DepartmentDraft:
    name = draft.name.strip()
    short_name = (draft.short_name or "").strip() or name
    phone = (draft.phone or "").strip() or None
    problems = []
    if not name or len(name) > 100:
        problems.append("名称:必填,不超过 100 字")
    if len(short_name) > 40:
        problems.append("简称:不超过 40 字(列表和派遣建议中显示简称)")
    if phone is not None and not PHONE.fullmatch(phone):
        problems.append(f"办公电话:“{phone}”不是电话号码(数字,可含区号连字符,5–20 位)")
    if problems:
        raise ValidationFailed("部门信息有误", problems, field="department")
    return DepartmentDraft(name, short_name, phone)


def _refuse_same_name(session: Session, place: Place, name: str, except_id: int | None = None) -> None:
    other = session.scalar(select(Department).where(Department.place_id == place.id, Department.name == name,
                                                    Department.id != (except_id or 0)))
    if other is not None:
        state = "" if other.active else "(已停用,可恢复启用)"
        raise Conflict(f"{place.short_name}已有名为“{name}”的部门:{other.code}{state}")


def add_department(db: Database, actor: Actor, *, code: str, place_code: str, draft: DepartmentDraft,
                   parent_code: str | None = None) -> DepartmentInfo:
    """Register a department serving a city, county or township (Art. 5(5)); its level follows
    from the place. Needs MANAGE_MATTERS at the institution compiling that place's list (Art. 12(1))."""
    code = code.strip()
    with unit_of_work(db, actor, "departments.add", target=code) as uow:
        session = uow.session
        place = get_place(session, place_code)
        level = _LEVEL_OF_PLACE.get(place.level)
        if level is None:
            raise ValidationFailed(f"{place.short_name}是{place.level.label}:联动部门的辖区须是市、县(区)"
                                   f"或乡镇(街道)", field="place")
        require_keeper(uow, place)
        if not _CODE.fullmatch(code):
            raise ValidationFailed(f"部门代码“{code}”不合格式:2–30 位字母、数字、连字符,如 450503103-PCS",
                                   field="code")
        if session.scalar(select(Department.id).where(Department.code == code)) is not None:
            raise Conflict(f"部门代码 {code} 已被使用;请换一个代码")
        draft = _clean(draft)
        _refuse_same_name(session, place, draft.name)
        department = Department(code=code, name=draft.name, short_name=draft.short_name, phone=draft.phone,
                                level=level, place_id=place.id, active=True)
        if parent_code:
            _link(session, department, place, parent_code)
        session.add(department)
        session.flush()
        uow.audit(f"新增联动部门:{department.name}({level.label},{place.short_name})", after=code)
        uow.changed("departments", department.id)
        return _info(session, department, place)


def update_department(db: Database, actor: Actor, code: str, draft: DepartmentDraft, *,
                      expected_version: int | None) -> DepartmentInfo:
    """Rename a department or change its phone. `expected_version` is the version the user saw:
    another desktop's save in between is reported, never overwritten (None: a one-shot command
    acting on whatever is current)."""
    with unit_of_work(db, actor, "departments.update", target=code) as uow:
        session = uow.session
        department, place = _kept(uow, code, expected_version)
        draft = _clean(draft)
        _refuse_same_name(session, place, draft.name, except_id=department.id)
        before = {"name": department.name, "short_name": department.short_name, "phone": department.phone}
        department.name, department.short_name, department.phone = draft.name, draft.short_name, draft.phone
        saved_by(session, department, uow.actor)
        uow.audit(f"修改联动部门:{department.name}", before=before,
                  after={"name": draft.name, "short_name": draft.short_name, "phone": draft.phone})
        uow.changed("departments", department.id)
        session.flush()
        return _info(session, department, place)


def _still_named(session: Session, department: Department) -> list[str]:
    """What still depends on the department: items of a draft, published or still-in-force list, pending
    applications (Art. 13), open rectification notices (Art. 13(5)), open assignments (Art. 18),
    callbacks it owes as the lead of their case (Art. 20(3)), governance it owns (Art. 22), and
    active departments whose line runs through it."""
    reasons = []
    items = session.execute(
        select(MatterItem.code, MatterItem.title, MatterList.state).join(MatterList)
        .where(MatterItem.department_id == department.id,
               MatterList.id.in_(lists_still_current(session, beijing_today())))
        .order_by(MatterItem.code)).all()
    if items:
        shown = {MatterListState.SUPERSEDED: "现行,至新版施行"}  # published, a later version takes effect on its date
        names = "、".join(f"{c} {t}({shown.get(s, s.label)})" for c, t, s in items[:3]) + \
            (" 等" if len(items) > 3 else "")
        reasons.append(f"事项清单仍列其为责任部门:{names};请先经申请审核退出这些事项或在新版清单中改由他部门负责"
                       f"(Art. 13)")
    counted = [
        ("尚有 {} 份纳入或退出事项的申请待审核;请先审核(Art. 13)", MatterApplication.id,
         (MatterApplication.department_id == department.id, MatterApplication.state == ReviewState.PENDING)),
        ("尚有 {} 份督促整改通知未整改完毕(Art. 13)", RectificationNotice.id,
         (RectificationNotice.department_id == department.id,
          RectificationNotice.state != RectificationState.RECTIFIED)),
        ("尚有 {} 件在办案件由其承办;请待办结或改派后再停用(Art. 18)", Assignment.id,
         (Assignment.department_id == department.id, Assignment.state.in_(ACTIVE_ASSIGNMENT_STATES))),
        ("尚有 {} 次回访由其负责人待办(Art. 20)", Callback.id,
         (Callback.state == CallbackState.PENDING, current_lead(Callback.case_id).scalar_subquery() == department.id)),
        ("尚有 {} 项重点治理由其牵头(Art. 22)", GovernanceItem.id,
         (GovernanceItem.owner_department_id == department.id, GovernanceItem.state == GovernanceState.ACCEPTED)),
    ]
    for message, column, conditions in counted:
        found = session.scalar(select(func.count(column)).where(*conditions))
        if found:
            reasons.append(message.format(found))
    below = session.scalars(select(Department.name).where(Department.parent_id == department.id,
                                                          Department.active.is_(True)).order_by(Department.code)).all()
    if below:
        reasons.append(f"{'、'.join(below)}以其为上级部门;请先改记或清除这些部门的上级部门")
    return reasons


def set_active(db: Database, actor: Actor, code: str, active: bool, *,
               expected_version: int | None) -> DepartmentInfo:
    """Retire a department (停用) — refused while anything current still names it (see
    `_still_named`) — or restore a retired one, unless its department above is retired. Retired
    departments are offered nowhere: dispatch, list items, applications, liaison accounts."""
    action = "departments.restore" if active else "departments.retire"
    with unit_of_work(db, actor, action, target=code) as uow:
        session = uow.session
        department, place = _kept(uow, code, expected_version)
        if department.active == active:
            raise InvalidTransition(f"{department.name}已{'在用' if active else '停用'}")
        parent = session.get(Department, department.parent_id) if department.parent_id else None
        if not active:
            reasons = _still_named(session, department)
            if reasons:
                raise InvalidTransition(f"{department.name}不能停用:" + ";".join(reasons))
        elif parent is not None and not parent.active:
            raise InvalidTransition(f"{department.name}的上级部门{parent.name}已停用;请先恢复启用{parent.name},"
                                    f"或清除{department.name}的上级部门后再恢复启用")
        department.active = active
        saved_by(session, department, uow.actor)
        uow.audit(f"{'恢复启用' if active else '停用'}联动部门:{department.name}", before=not active, after=active)
        uow.changed("departments", department.id)
        session.flush()
        return _info(session, department, place)


def _higher(parent: DepartmentLevel, level: DepartmentLevel) -> bool:
    return _RANK[parent] > _RANK[level]


def _parents_wanted(level: DepartmentLevel) -> str:
    """What a department of `level` may have as its parent: any higher level, not only the next one."""
    above = sorted((other for other in DepartmentLevel if _higher(other, level)), key=_RANK.get)
    if not above:
        return f"{level.label}部门之上没有更高层级的部门"
    return f"上级部门须是更高层级({'或'.join(other.label for other in above)})的部门"


def _covers(parent_place_code: str, parent_level: DepartmentLevel, place_code: str) -> bool:
    return in_scope(place_code, parent_place_code, _PLACE_OF_LEVEL[parent_level])


def _link(session: Session, department: Department, place: Place, parent_code: str) -> Department:
    if not department.active:
        raise InvalidTransition(f"{department.name}已停用;请先恢复启用,再记录其上级部门")
    parent = by_code(session, parent_code, lock="share")
    parent_place = session.get(Place, parent.place_id)
    if not parent.active:
        raise ValidationFailed(f"{parent.name}({parent.code})已停用,不能作为上级部门", field="parent")
    if not _higher(parent.level, department.level):
        raise ValidationFailed(
            f"{parent.name}是{parent.level.label}部门,不在{department.name}({department.level.label})之上;"
            f"{_parents_wanted(department.level)}", field="parent")
    if not _covers(parent_place.code, parent.level, place.code):
        raise ValidationFailed(
            f"{parent.name}的辖区({parent_place.short_name})不包含{department.name}的辖区"
            f"({place.short_name});请选所在县(区)或市的部门", field="parent")
    department.parent_id = parent.id
    return parent


def set_parent(db: Database, actor: Actor, code: str, parent_code: str | None, *,
               expected_version: int | None = None) -> DepartmentInfo:
    """Record (or, with None, clear) the department of the line above `code`.

    The parent must be an active department of a higher level whose territory covers the
    office's: a township's police station belongs to its own county's bureau, not to another's.
    Needs MANAGE_MATTERS at the county or city that compiles the office's matter list (Art. 12(1)):
    a line decides where that list's items are dispatched first.
    """
    with unit_of_work(db, actor, "departments.set_parent", target=code) as uow:
        session = uow.session
        department, place = _kept(uow, code, expected_version)
        before = department.parent_id
        if parent_code:
            parent = _link(session, department, place, parent_code)
        else:
            parent, department.parent_id = None, None
        saved_by(session, department, uow.actor)
        uow.audit(f"{department.name}的上级部门:" + (parent.name if parent else "(无)"),
                  before=before, after=department.parent_id)
        uow.changed("departments", department.id)
        session.flush()
        return _info(session, department, place)


def _info(session: Session, department: Department, place: Place) -> DepartmentInfo:
    parent = session.get(Department, department.parent_id) if department.parent_id else None
    signs = session.scalar(select(liaison_account_exists()).where(Department.id == department.id))
    return _row(department, place, parent, signs)


def _row(department: Department, place: Place, parent: Department | None, signs_at_desk: bool) -> DepartmentInfo:
    return DepartmentInfo(department.id, department.code, department.name, department.short_name, department.level,
                          place.code, place.short_name, department.phone, department.active, department.version,
                          parent.code if parent else None, parent.name if parent else None, signs_at_desk)


def keeper_of(db: Database, place_code: str) -> tuple[str, str]:
    """(code, name) of the county or city whose institution keeps the departments that serve a
    place (Art. 12(1)): a township's, a village's or a grid's county; the city for itself."""
    with db.session() as session:
        institution = institution_of(get_place(session, place_code))
        return institution.code, institution.name


def territories(db: Database, institution_code: str) -> list[tuple[str, str]]:
    """(code, short name) of the places whose departments an institution keeps: a county and its
    townships; the city, its counties and their townships."""
    with db.session() as session:
        root = get_place(session, institution_code)
        rows = session.execute(select(Place.code, Place.short_name).where(
            Place.code.startswith(scope_prefix(root.code, root.level)),
            Place.level.in_(list(_LEVEL_OF_PLACE))).order_by(Place.code))
        return [tuple(row) for row in rows]


def parent_choices(db: Database, place_code: str) -> list[DepartmentInfo]:
    """Departments that may stand above one serving `place_code` (see `set_parent`): active, of a
    higher level, their territory covering the place."""
    with db.session() as session:
        level = _LEVEL_OF_PLACE.get(get_place(session, place_code).level)
    if level is None:
        return []
    return [d for d in list_departments(db) if _higher(d.level, level) and _covers(d.place_code, d.level, place_code)]


def get_department(db: Database, code: str) -> DepartmentInfo:
    with db.session() as session:
        department = by_code(session, code)
        return _info(session, department, session.get(Place, department.place_id))


def list_departments(db: Database, under: str | None = None, *, include_retired: bool = False
                     ) -> list[DepartmentInfo]:
    """Departments by code, each with its department above (one statement); `under` keeps those
    serving a place or somewhere under it. Retired ones only when asked for."""
    parent = aliased(Department)
    with db.session() as session:
        stmt = (select(Department, Place, parent, liaison_account_exists()).join(Place, Place.id == Department.place_id)
                .outerjoin(parent, parent.id == Department.parent_id).order_by(Department.code))
        if not include_retired:
            stmt = stmt.where(Department.active.is_(True))
        if under:
            root = get_place(session, under)
            stmt = stmt.where(Place.code.startswith(scope_prefix(root.code, root.level)))
        return [_row(d, p, above, signs) for d, p, above, signs in session.execute(stmt)]
