"""Changing the people of the grids: staff roles, leadership, professionals, visits, work log (Art. 8–11).

Every function here changes something, so it takes the acting user, checks role and place
scope, and leaves one audit entry (Art. 15). Phones are stored as given; showing them is the
business of the read side (staff.roster: whole for the centre that calls grid staff).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db import Database
from ..errors import InvalidTransition, LawRefusal, NotFound, PermissionDenied, ValidationFailed
from ..models import (
    GridStaffRole,
    LeadershipAssignment,
    Person,
    Place,
    Professional,
    ProfessionalVisit,
    WorkLogEntry,
)
from ..models.enums import (
    GridKind,
    LeadershipRole,
    PersonStatus,
    PlaceLevel,
    Profession,
    StaffRole,
    StaffSource,
    WorkLogKind,
)
from ..said import Message
from .clock import beijing_today
from .places import get_place, upward
from .saved_meanwhile import check_version, saved_by
from .security import Actor, Permission, enclosing_code, scope_prefix
from .unit_of_work import UnitOfWork, unit_of_work

# Mainland mobile numbers, or a landline with area code (0779 is Beihai).
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
_ID_NUMBER = re.compile(r"^\d{17}[\dX]$")
# GB 11643-1999: the 18th character checks the first 17 (ISO 7064 MOD 11-2).
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARACTERS = "10X98765432"
# An ID number Excel kept as a number and wrote back as text: 4.50503E+17
_SCIENTIFIC = re.compile(r"^\d+(\.\d*)?E\+?\d+$")

# Art. 9(2)–(3): where grid heads and members are drawn from; Art. 9(5): exclusive-grid staff.
ROLE_SOURCES: dict[StaffRole, frozenset[StaffSource]] = {
    StaffRole.GRID_HEAD: frozenset({StaffSource.PARTY_ORGANISATION, StaffSource.COMMITTEE_MEMBER,
                                    StaffSource.HIRED}),
    StaffRole.GRID_MEMBER: frozenset({StaffSource.GROUP_LEADER, StaffSource.OWNERS_COMMITTEE,
                                      StaffSource.PROPERTY_MANAGEMENT, StaffSource.RETIRED_CADRE,
                                      StaffSource.VOLUNTEER, StaffSource.OTHER}),
    StaffRole.EXCLUSIVE_STAFF: frozenset({StaffSource.MANAGING_UNIT}),
}


@dataclass(frozen=True)
class StaffRoleInfo:
    id: int
    person_id: int
    name: str
    grid_code: str
    grid_name: str
    role: StaffRole
    source: StaffSource
    start_on: date
    end_on: date | None


@dataclass(frozen=True)
class LeadershipInfo:
    id: int
    person_id: int
    name: str
    place_code: str
    place_name: str
    role: LeadershipRole
    title: str | None
    start_on: date
    end_on: date | None


@dataclass(frozen=True)
class ProfessionalInfo:
    id: int
    person_id: int
    name: str
    profession: Profession
    organisation: str


def check_length(text: str | None, column, label: str, field: str) -> None:
    """A text longer than the column it is stored in, refused by name: PostgreSQL would refuse the row
    with an error naming nothing, and SQLite keep it whole."""
    limit = column.type.length
    if text is not None and len(text.strip()) > limit:
        raise ValidationFailed(f"{label}不能超过 {limit} 个字(现为 {len(text.strip())} 个)", field=field)


def check_phone(phone: str | None, field: str = "phone") -> str | None:
    """Normalise a phone (spaces removed) or say what is wrong with it."""
    if phone is None or not phone.strip():
        return None
    phone = re.sub(r"[\s()]", "", phone)
    if not _PHONE.match(phone):
        raise ValidationFailed(f"电话号码 {phone} 无效:应为 11 位手机号或带区号的固定电话(如 0779-2051234)", field=field)
    return phone


def id_check_character(first_17: str) -> str:
    """The 18th character of a citizen ID number with these first 17 digits (GB 11643-1999)."""
    return _ID_CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first_17, _ID_WEIGHTS, strict=True)) % 11]


def check_id_number(id_number: str | None) -> str | None:
    """Normalise a citizen ID number (x as X) or say what is wrong with it: 18 characters, a date of
    birth that exists and has passed, and the check character of GB 11643-1999. Every path that takes
    an ID number (the staff form, the staff import) checks it here."""
    if id_number is None or not id_number.strip():
        return None
    id_number = id_number.strip().upper()
    wrong = f"身份证号 {id_number} 无效:"
    if _SCIENTIFIC.match(id_number):
        raise ValidationFailed(wrong + "似为 Excel 将身份证号转成了科学计数法;请将该列设为文本格式后重新导出",
                               field="id_number")
    if not _ID_NUMBER.match(id_number):
        raise ValidationFailed(wrong + "应为 18 位(末位可为 X)", field="id_number")
    try:
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        born = None
    if born is None or born > beijing_today():
        raise ValidationFailed(wrong + f"第 7-14 位 {id_number[6:14]} 不是有效的出生日期;请核对", field="id_number")
    expected = id_check_character(id_number[:17])
    if id_number[17] != expected:
        raise ValidationFailed(wrong + f"末位校验码应为 {expected},不是 {id_number[17]};请核对是否有数字抄错",
                               field="id_number")
    return id_number


def check_source(role: StaffRole, source: StaffSource) -> None:
    """Art. 9: a grid head comes from the village party organisation, committee or hired staff …"""
    if source not in ROLE_SOURCES[role]:
        allowed = "、".join(s.label for s in ROLE_SOURCES[role])
        raise LawRefusal(f"{role.label}不能从“{source.label}”中选任;应从{allowed}中选任", article="Art. 9",
                         field="source")


def _grid(session: Session, code: str) -> Place:
    place = get_place(session, code)
    if place.level is not PlaceLevel.GRID:
        raise ValidationFailed(f"{place.short_name}({place.code})不是网格", field="grid_code")
    return place


def _township(place: Place) -> Place:
    return next(node for node in upward(place) if node.level is PlaceLevel.TOWNSHIP)


def _require_for_grid(uow: UnitOfWork, grid: Place) -> None:
    uow.require(Permission.MANAGE_STAFF, grid.code, grid.short_name)


def _require_over_person(uow: UnitOfWork, person_id: int, permission: Permission) -> list[Place]:
    """The person's details are theirs in every grid they serve (the phone on each notice sheet, a 离岗 that
    takes them off every roster): the permission is needed over each grid they serve today (Art. 15), and
    over one of those they served, where they serve none now. Returns every grid they have served.

    A person serving no grid (a leader, a professional) needs a grant anywhere.
    """
    served = uow.session.execute(select(Place, GridStaffRole.end_on).join(GridStaffRole, GridStaffRole.grid_id == Place.id)
                                 .where(GridStaffRole.person_id == person_id)).all()
    today = beijing_today()
    serving = list({place.id: place for place, end_on in served if end_on is None or end_on >= today}.values())
    for grid in serving:
        uow.require(permission, grid.code, grid.short_name)
    grids = list({place.id: place for place, _ in served}.values())
    if not serving:
        place = next((g for g in grids if uow.actor.can(permission, g.code)), grids[0] if grids else None)
        uow.require(permission, place.code if place else None, place.short_name if place else None)
    return grids


def _role_info(role: GridStaffRole, person: Person, grid: Place) -> StaffRoleInfo:
    return StaffRoleInfo(role.id, person.id, person.name, grid.code, grid.short_name, role.role, role.source,
                         role.start_on, role.end_on)


def add_grid_staff(db: Database, actor: Actor, *, grid_code: str, role: StaffRole, source: StaffSource,
                   start_on: date, person_id: int | None = None, name: str | None = None,
                   phone: str | None = None, id_number: str | None = None) -> StaffRoleInfo:
    """Put a person (an existing one, or a new one from name and phone) into a grid's staff (Art. 9)."""
    phone = check_phone(phone)
    check_length(name, Person.name, "姓名", "name")
    id_number = check_id_number(id_number)
    with unit_of_work(db, actor, "staff.add_role", target=grid_code) as uow:
        grid = _grid(uow.session, grid_code)
        _require_for_grid(uow, grid)
        exclusive = grid.grid is not None and grid.grid.kind is not GridKind.REGULAR
        if role is StaffRole.EXCLUSIVE_STAFF and not exclusive:
            raise ValidationFailed(f"{grid.short_name}是基础网格,不设专属网格工作人员", article="Art. 9", field="role")
        check_source(role, source)
        person = _known_person(uow.session, actor, grid, name, phone, id_number) if person_id is None else None
        if person is None:
            person = _new_or_existing_person(uow.session, person_id, name, phone, id_number)
        _refuse_overlapping_term(uow.session, person, grid, role, start_on)
        if role is StaffRole.GRID_HEAD:
            _refuse_second_head(uow.session, grid, start_on)
        if person.status is PersonStatus.LEFT:  # appointed again: serving, not 离岗
            person.status = PersonStatus.ACTIVE
            saved_by(uow.session, person, actor)
        staff_role = GridStaffRole(person=person, grid_id=grid.id, role=role, source=source, start_on=start_on)
        uow.session.add(staff_role)
        uow.session.flush()
        uow.audit(f"{grid.short_name} 新增{role.label} {person.name}({source.label})", target=f"grid_role:{staff_role.id}")
        uow.changed("staff", staff_role.id, _township(grid).id)
        return _role_info(staff_role, person, grid)


def end_grid_staff(db: Database, actor: Actor, role_id: int, *, end_on: date) -> StaffRoleInfo:
    """A person stops serving a grid from `end_on` (the history stays)."""
    with unit_of_work(db, actor, "staff.end_role", target=f"grid_role:{role_id}") as uow:
        staff_role = uow.session.get(GridStaffRole, role_id)
        if staff_role is None:
            raise NotFound(f"网格任职记录 {role_id} 不存在")
        return _end_role(uow, staff_role, end_on)


def end_serving(db: Database, actor: Actor, *, person_id: int, grid_code: str, role: StaffRole,
                end_on: date) -> StaffRoleInfo:
    """End the open role of a person in a grid, as the roster lists it (person, grid, role)."""
    with unit_of_work(db, actor, "staff.end_role", target=f"person:{person_id}") as uow:
        grid = _grid(uow.session, grid_code)
        _require_for_grid(uow, grid)  # before saying anything of the grid's staff
        staff_role = uow.session.scalar(select(GridStaffRole).where(
            GridStaffRole.person_id == person_id, GridStaffRole.grid_id == grid.id, GridStaffRole.role == role,
            GridStaffRole.end_on.is_(None)))
        if staff_role is None:
            ended = uow.session.scalar(select(func.max(GridStaffRole.end_on)).where(
                GridStaffRole.person_id == person_id, GridStaffRole.grid_id == grid.id, GridStaffRole.role == role))
            if ended is not None and ended >= end_on:  # still listed until that day is over
                raise InvalidTransition(f"此人在 {grid.short_name} 的{role.label}任职已办理离任,最后任职日为 {ended},"
                                        f"此后不再列入名单")
            raise NotFound(f"此人目前不是 {grid.short_name} 的{role.label}")
        return _end_role(uow, staff_role, end_on)


def _end_role(uow: UnitOfWork, staff_role: GridStaffRole, end_on: date) -> StaffRoleInfo:
    grid = uow.session.get(Place, staff_role.grid_id)
    _require_for_grid(uow, grid)
    if staff_role.end_on is not None:
        raise ValidationFailed(f"{staff_role.person.name} 在 {grid.short_name} 的任职已于 {staff_role.end_on} 结束")
    if end_on < staff_role.start_on:
        raise ValidationFailed(f"结束日期 {end_on} 早于起始日期 {staff_role.start_on}", field="end_on")
    staff_role.end_on = end_on
    uow.audit(f"{grid.short_name} {staff_role.role.label} {staff_role.person.name} 于 {end_on} 离任",
              target=f"grid_role:{staff_role.id}")
    uow.changed("staff", staff_role.id, _township(grid).id)
    return _role_info(staff_role, staff_role.person, grid)


_PERSON = Message("人员 {name}")  # a person changed meanwhile (check_version)


def update_person(db: Database, actor: Actor, person_id: int, *, name: str | None = None,
                  phone: str | None = None, status: PersonStatus | None = None,
                  expected_version: int | None = None) -> None:
    """Correct a person's name or phone, or set their status (在岗/请假/离岗: only once no appointment to a grid
    stands, see `_refuse_leaving_while_appointed`). A name or phone None is kept
    as it is; an empty phone is removed (a wrong number taken off the notice sheets), an empty name refused
    (the notice sheets name everyone on them, Art. 14). `expected_version` is the version the form showed:
    another administrator's save in between is reported by name, never overwritten with what the form still
    showed (None: acting on whatever is current)."""
    if name is not None and not name.strip():
        raise ValidationFailed("姓名不能为空:公示牌上要写明每位网格人员的姓名(Art. 14);不改姓名请保留原来的姓名",
                               field="name")
    removing_phone = phone is not None and not phone.strip()
    phone = check_phone(phone)
    check_length(name, Person.name, "姓名", "name")
    with unit_of_work(db, actor, "staff.update_person", target=f"person:{person_id}") as uow:
        # Row-locked (PostgreSQL) and read afresh: a save at the same moment waits, then is told of this one.
        person = uow.session.scalar(select(Person).where(Person.id == person_id).with_for_update()
                                   .execution_options(populate_existing=True))
        if person is None:
            raise NotFound(f"人员 {person_id} 不存在" if expected_version is None else
                           "此人的记录已不存在(可能已在其他桌面上删除),所作修改未保存;请重新载入")
        grids = _require_over_person(uow, person_id, Permission.MANAGE_STAFF)
        check_version(person, expected_version, _PERSON(name=person.name))
        changed = {}
        if name is not None and name.strip() != person.name:
            changed["name"] = person.name = name.strip()
        if (phone is not None or removing_phone) and phone != person.phone:
            person.phone = phone
            changed["phone"] = "***"  # the audit log is no place for the number itself (Art. 15)
        if status is not None and status is not person.status:
            if status is PersonStatus.LEFT:
                _refuse_leaving_while_appointed(uow.session, person)
            person.status = status
            changed["status"] = status.value
        saved_by(uow.session, person, actor)
        uow.audit(f"修改人员 {person.name} 的信息", fields=sorted(changed))
        for grid in grids:
            uow.changed("staff", person.id, _township(grid).id)


def _refuse_leaving_while_appointed(session: Session, person: Person) -> None:
    """离岗 while an appointment to a grid stands contradicts it, as the staff import says: the grid still has
    them while the roster, the staffing count and the notice sheets drop them (Art. 10, 14). Each appointment
    is ended first by 离任, on its own last day, which says to each grid that it has one fewer; one ended on a
    later day still stands until then."""
    today = beijing_today()
    held = session.execute(select(Place.short_name, GridStaffRole.role, GridStaffRole.end_on)
                           .join(GridStaffRole, GridStaffRole.grid_id == Place.id)
                           .where(GridStaffRole.person_id == person.id,
                                  GridStaffRole.end_on.is_(None) | (GridStaffRole.end_on > today))
                           .order_by(Place.code, GridStaffRole.role)).all()
    if not held:
        return
    roles = "、".join(f"{grid}{role.label}" + (f"(最后任职日 {end_on})" if end_on else "") for grid, role, end_on in held)
    if all(end_on is not None for _, _, end_on in held):
        last = max(end_on for _, _, end_on in held)
        raise ValidationFailed(f"{person.name}仍担任{roles},不能设为离岗:离岗的人员不列入网格名单和公示牌,网格却仍由其"
                               f"任职(Art. 10、Art. 14);请在 {last} 当天或之后再设为离岗;暂时不能到岗请设为请假",
                               field="status")
    raise ValidationFailed(f"{person.name}仍担任{roles},不能设为离岗:离岗的人员不列入网格名单和公示牌,网格却仍由其"
                           "任职(Art. 10、Art. 14);请先在“网格人员与配备”中选中其每项任职办理离任,再设为离岗;"
                           "暂时不能到岗请设为请假", field="status")


def _new_or_existing_person(session: Session, person_id: int | None, name: str | None,
                            phone: str | None, id_number: str | None = None) -> Person:
    if person_id is not None:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"人员 {person_id} 不存在")
        return person
    if not name or not name.strip():
        raise ValidationFailed("请填写姓名", field="name")
    person = Person(name=name.strip(), phone=phone, id_number=id_number)
    session.add(person)
    return person


def _known_person(session: Session, actor: Actor, grid: Place, name: str | None, phone: str | None,
                  id_number: str | None) -> Person | None:
    """The person already registered under this ID number, or else under this name and phone (as the staff
    import matches people): appointing them again, or to another grid, must not make a second person.
    A name alone matches nobody: two people may share one (李娜), and merging them would be silent."""
    if not name or not name.strip():
        return None
    if id_number:
        person = session.scalar(select(Person).where(Person.id_number == id_number))
        if person is not None and person.name != name.strip():
            raise ValidationFailed(
                id_number_elsewhere(session, actor, grid, person, name.strip())
                or f"身份证号 {id_number} 已登记为“{person.name}”,与填写的姓名“{name.strip()}”不符;请核对身份证号或姓名",
                field="id_number")
        if person is not None:
            return person
    if not phone:
        return None
    return session.scalars(select(Person).where(Person.name == name.strip(), Person.phone == phone)
                           .order_by(Person.id)).first()


def id_number_elsewhere(session: Session, actor: Actor, grid: Place, person: Person, name: str) -> str | None:
    """Why `person`'s ID number cannot be entered under another name for `grid`, said without their name,
    or None where the actor may be told who it is.

    The administrator needs to know the number is registered, so that the same person is not entered
    twice (one person, one record); who it is, only if they may view a place where that person serves or
    is registered (a grid served, a place led; the professionals' register is read by every desk).
    Otherwise the name is not shown (Art. 15), and they are told whose administrator to ask: the one
    over both places."""
    places = _places_of(session, person.id)
    professional = session.scalar(select(Professional.id).where(Professional.person_id == person.id))
    if professional is not None or any(actor.can(Permission.VIEW, code) for code in places):
        return None
    over = enclosing_code(places | {grid.code}) if places else None
    ask = get_place(session, over) if over else None
    if ask is None or ask.level not in (PlaceLevel.CITY, PlaceLevel.COUNTY):
        ask = session.scalar(select(Place).where(Place.level == PlaceLevel.CITY))
    return (f"身份证号 {person.id_number} 已在其他地方登记,登记的姓名与填写的“{name}”不符(姓名不予显示,Art. 15);"
            f"同一人不能登记两次:请核对身份证号,如确是同一人(姓名有误或已更名),请联系{ask.name}的管理员核实后办理")


def _places_of(session: Session, person_id: int) -> set[str]:
    """The codes of the grids a person serves or served and of the places they lead or led."""
    grids = select(Place.code).join(GridStaffRole, GridStaffRole.grid_id == Place.id).where(
        GridStaffRole.person_id == person_id)
    led = select(Place.code).join(LeadershipAssignment, LeadershipAssignment.place_id == Place.id).where(
        LeadershipAssignment.person_id == person_id)
    return set(session.scalars(grids.union(led)))


def _refuse_overlapping_term(session: Session, person: Person, grid: Place, role: StaffRole, start_on: date) -> None:
    """One person holds one role in one grid once at a time: a second term may start only after the first ended."""
    if person.id is None:
        return
    term = session.scalars(select(GridStaffRole).where(
        GridStaffRole.person_id == person.id, GridStaffRole.grid_id == grid.id, GridStaffRole.role == role,
        (GridStaffRole.end_on.is_(None)) | (GridStaffRole.end_on >= start_on)).order_by(GridStaffRole.start_on)).first()
    if term is not None:
        until = f"至 {term.end_on}" if term.end_on else "至今"
        raise ValidationFailed(f"{person.name} 已是 {grid.short_name} 的{role.label}({term.start_on} 起{until}),"
                               f"不能从 {start_on} 起重复任命;如是改任或重新任命,请先办理离任", field="name")


def heads_serving(session: Session, grid_ids, on: date) -> dict[int, tuple[str, date, date | None]]:
    """The grid head serving each grid from `on` on (a term not ended before it): {grid id: (name, start, last day
    or None)}."""
    rows = session.execute(
        select(GridStaffRole.grid_id, Person.name, GridStaffRole.start_on, GridStaffRole.end_on).join(Person)
        .where(GridStaffRole.grid_id.in_(grid_ids), GridStaffRole.role == StaffRole.GRID_HEAD,
               (GridStaffRole.end_on.is_(None)) | (GridStaffRole.end_on >= on)))
    return {grid_id: (name, start, end) for grid_id, name, start, end in rows}


def second_head(grid: Place, head: tuple[str, date, date | None]) -> str:
    """Why another grid head is refused where `head` (name, start, last day) serves (Art. 10). A head whose 离任
    is done serves through the last day (离任 in the desk makes it today): the successor starts the day after,
    which is what to do, not a 离任 done already."""
    name, start, end = head
    if end is not None:
        return (f"{grid.short_name} 的网格长 {name} 已办理离任,最后任职日为 {end},当日仍由其负责;一个网格由一名网格长"
                f"负责(Art. 10),新任网格长的起始日期请填 {end + timedelta(days=1)} 或以后")
    return (f"{grid.short_name} 已有网格长 {name}({start} 起);网格长具体负责本网格的网格化服务管理工作,一个网格"
            f"由一名网格长负责(Art. 10),请先为 {name} 办理离任,或将新任人员任为网格员")


def _refuse_second_head(session: Session, grid: Place, start_on: date) -> None:
    head = heads_serving(session, [grid.id], start_on).get(grid.id)
    if head is not None:
        raise LawRefusal(second_head(grid, head), article="Art. 10")


def assign_leadership(db: Database, actor: Actor, *, place_code: str, role: LeadershipRole, start_on: date,
                      person_id: int | None = None, name: str | None = None, phone: str | None = None,
                      title: str | None = None) -> LeadershipInfo:
    """Art. 8: the county institution names contact leaders and instructors for an area (片区);
    the township names the chief (网格总负责人) of each village (村/社区)."""
    phone = check_phone(phone)
    check_length(name, Person.name, "姓名", "name")
    check_length(title, LeadershipAssignment.title, "职务", "title")
    with unit_of_work(db, actor, "staff.assign_leadership", target=place_code) as uow:
        place = get_place(uow.session, place_code)
        if refusal := _level_refusal(place, role):
            raise LawRefusal(refusal, article="Art. 8", field="place_code")
        if role is LeadershipRole.GRID_CHIEF:
            township = place.parent
            uow.require(Permission.MANAGE_STAFF, township.code, township.short_name)
        else:
            county = _leadership_scope(place, role)
            if not actor.can(Permission.MANAGE_STAFF, county.code):
                uow.place_code = place.code
                raise LawRefusal(named_by_county(role, county), article="Art. 8")
            uow.require(Permission.MANAGE_STAFF, county.code, county.short_name)
        person = _new_or_existing_person(uow.session, person_id, name, phone)
        uow.session.flush()
        assignment = LeadershipAssignment(person_id=person.id, place_id=place.id, role=role, title=title,
                                          start_on=start_on)
        uow.session.add(assignment)
        uow.session.flush()
        uow.audit(f"确定 {place.short_name} 的{role.label} {person.name}", target=f"leadership:{assignment.id}")
        uow.changed("staff", assignment.id, _township(place).id)
        return LeadershipInfo(assignment.id, person.id, person.name, place.code, place.short_name, role, title,
                              start_on, None)


def end_leadership(db: Database, actor: Actor, assignment_id: int, *, end_on: date) -> None:
    """Art. 8: a leadership ends with its last day, by whoever names it (the county a contact leader or
    instructor, the township a village's chief), once: a second 卸任 is told when the first was."""
    with unit_of_work(db, actor, "staff.end_leadership", target=f"leadership:{assignment_id}") as uow:
        assignment = uow.session.get(LeadershipAssignment, assignment_id)
        if assignment is None:
            raise NotFound(f"领导联系记录 {assignment_id} 不存在")
        place = uow.session.get(Place, assignment.place_id)
        scope = _leadership_scope(place, assignment.role)
        if assignment.role is not LeadershipRole.GRID_CHIEF and not actor.can(Permission.MANAGE_STAFF, scope.code):
            uow.place_code = place.code
            raise LawRefusal(named_by_county(assignment.role, scope), article="Art. 8")
        uow.require(Permission.MANAGE_STAFF, scope.code, scope.short_name)
        name = uow.session.get(Person, assignment.person_id).name
        if assignment.end_on is not None:
            raise InvalidTransition(f"{name} 在 {place.short_name} 的{assignment.role.label}任职已办理卸任,"
                                    f"最后任职日为 {assignment.end_on},此后不再列入名单", article="Art. 8")
        if end_on < assignment.start_on:
            raise ValidationFailed(f"结束日期 {end_on} 早于起始日期 {assignment.start_on}", field="end_on")
        assignment.end_on = end_on
        uow.audit(f"{place.short_name} 的{assignment.role.label} {name} 于 {end_on} 卸任")
        uow.changed("staff", assignment.id, _township(place).id)


def _leadership_scope(place: Place, role: LeadershipRole) -> Place:
    """Whose administrators name and end a leadership of `place` (Art. 8): the county institution a contact
    leader's or instructor's, the township a village chief's."""
    return place.parent if role is LeadershipRole.GRID_CHIEF else _township(place).parent


def named_by_county(role: LeadershipRole, county: Place) -> str:
    """Why a township (or anyone without the county's grant) may not name or end a contact leader or instructor."""
    return f"{role.label}由县(区)网格化服务管理机构确定;请由{county.short_name}的管理员办理"


def _level_refusal(place: Place, role: LeadershipRole) -> str:
    """Why `role` is not named for a place of this level (Art. 8): a chief leads a village, contact leaders
    and instructors an area within a county; "" when it is."""
    if role is LeadershipRole.GRID_CHIEF:
        return "" if place.level is PlaceLevel.VILLAGE else f"网格总负责人按村(社区)确定,{place.short_name}不是村(社区)"
    if place.level in (PlaceLevel.TOWNSHIP, PlaceLevel.VILLAGE, PlaceLevel.GRID):
        return ""
    return f"{role.label}联系指导的是县(区)内的片区(乡镇、村或网格),不是{place.level.label}"


def _naming_refusal(actor: Actor, place: Place, role: LeadershipRole) -> str:
    """Why `actor` may not name `role` for `place`, as assign_leadership refuses it (Art. 8); "" when it may."""
    if refusal := _level_refusal(place, role):
        return refusal
    scope = _leadership_scope(place, role)
    if actor.can(Permission.MANAGE_STAFF, scope.code):
        return ""
    if role is LeadershipRole.GRID_CHIEF:
        return f"网格总负责人由乡镇(街道)确定;请由{scope.short_name}的管理员办理"
    return named_by_county(role, scope)


@dataclass(frozen=True)
class LeadershipPlace:
    code: str
    name: str
    roles: tuple[LeadershipRole, ...]


@dataclass(frozen=True)
class LeadershipOffer:
    """What 确定领导联系 offers an actor on the people screen of a place (Art. 8): the place and those one level
    below where the actor may name some role, each with those roles; `refusal` says why, when that is none."""
    places: tuple[LeadershipPlace, ...]
    refusal: str


def leadership_offer(db: Database, actor: Actor, code: str) -> LeadershipOffer:
    """The roles `actor` may name at the place `code` and those one level below (see LeadershipOffer); with none,
    the refusal each role meets at the place itself."""
    with db.session() as session:
        here = get_place(session, code)
        below = session.scalars(select(Place).where(Place.parent_id == here.id)
                                .order_by(Place.sort_order, Place.code)).all()
        places = tuple(LeadershipPlace(place.code, place.short_name, roles) for place in (here, *below)
                       if (roles := tuple(role for role in LeadershipRole
                                          if not _naming_refusal(actor, place, role))))
        refusal = "" if places else ";".join(_naming_refusal(actor, here, role) for role in LeadershipRole)
        return LeadershipOffer(places, f"{refusal}(Art. 8)" if refusal else "")


@dataclass(frozen=True)
class LeadershipTerm:
    """A leadership as 卸任 on the people screen needs it: its last day (None: in office with no end set), the
    place whose 维护网格人员 grant may end it, and the Art. 8 refusal end_leadership gives this actor ("" if none),
    said on the button before anything is asked."""
    id: int
    end_on: date | None
    scope_code: str
    scope_name: str
    refusal: str


def leadership_terms(db: Database, actor: Actor, code: str) -> dict[int, LeadershipTerm]:
    """{assignment id: term} of the leaderships of the place and the places under it (as staff.leaders lists them)."""
    with db.session() as session:
        here = get_place(session, code)
        if not actor.can(Permission.VIEW, here.code):
            raise PermissionDenied(f"用户“{actor.display_name}”无权查看 {here.short_name}({here.code})的网格人员;"
                                   "请由具有该地区查看权限的用户查看", article="Art. 15")
        rows = session.execute(select(LeadershipAssignment, Place)
                               .join(Place, Place.id == LeadershipAssignment.place_id)
                               .where(Place.code.startswith(scope_prefix(here.code, here.level))))
        terms = {}
        for assignment, place in rows:
            scope = _leadership_scope(place, assignment.role)
            refused = assignment.role is not LeadershipRole.GRID_CHIEF and \
                not actor.can(Permission.MANAGE_STAFF, scope.code)
            refusal = f"{named_by_county(assignment.role, scope)}(Art. 8)" if refused else ""
            terms[assignment.id] = LeadershipTerm(assignment.id, assignment.end_on, scope.code, scope.short_name,
                                                  refusal)
        return terms


def add_professional(db: Database, actor: Actor, *, name: str, profession: Profession, organisation: str,
                     phone: str | None = None, person_id: int | None = None) -> ProfessionalInfo:
    """Art. 11(2): register a judge, prosecutor, police officer, lawyer or other professional."""
    phone = check_phone(phone)
    if not organisation or not organisation.strip():
        raise ValidationFailed("请填写所在单位(如 海城区人民法院)", field="organisation")
    check_length(name, Person.name, "姓名", "name")
    check_length(organisation, Professional.organisation, "所在单位", "organisation")
    with unit_of_work(db, actor, "staff.add_professional", target=name) as uow:
        uow.require(Permission.MANAGE_STAFF, None)
        person = _new_or_existing_person(uow.session, person_id, name, phone)
        uow.session.flush()
        professional = Professional(person_id=person.id, profession=profession, organisation=organisation.strip())
        uow.session.add(professional)
        uow.session.flush()
        uow.audit(f"登记进网格专业人员 {person.name}({profession.label},{organisation})",
                  target=f"professional:{professional.id}")
        uow.changed("staff", professional.id)
        return ProfessionalInfo(professional.id, person.id, person.name, profession, professional.organisation)


def log_professional_visit(db: Database, actor: Actor, *, professional_id: int, grid_code: str,
                           visited_on: date, purpose: str, summary: str | None = None) -> int:
    """Art. 11(2): a professional entered a grid for legal publicity, mediation or services."""
    if not purpose or not purpose.strip():
        raise ValidationFailed("请填写进网格事由(如 法治宣传、纠纷化解、便民服务)", field="purpose")
    check_length(purpose, ProfessionalVisit.purpose, "进网格事由", "purpose")
    with unit_of_work(db, actor, "staff.log_visit", target=f"professional:{professional_id}") as uow:
        professional = uow.session.get(Professional, professional_id)
        if professional is None:
            raise NotFound(f"专业人员 {professional_id} 不存在")
        grid = _grid(uow.session, grid_code)
        _require_for_grid(uow, grid)
        visit = ProfessionalVisit(professional_id=professional.id, grid_id=grid.id, visited_on=visited_on,
                                  purpose=purpose.strip(), summary=summary)
        uow.session.add(visit)
        uow.session.flush()
        uow.audit(f"专业人员进网格:{grid.short_name} {visited_on} {purpose}")
        uow.changed("staff", visit.id, _township(grid).id)
        return visit.id


def log_work(db: Database, actor: Actor, *, person_id: int, grid_code: str, kind: WorkLogKind,
             occurred_at: datetime, summary: str, case_id: int | None = None) -> int:
    """Art. 10: a grid head's or member's visit, risk screening, mediation or information report.

    The person must serve the grid on that day: the log records the duties of its staff.
    """
    if not summary or not summary.strip():
        raise ValidationFailed("请填写工作内容", field="summary")
    with unit_of_work(db, actor, "staff.log_work", target=f"person:{person_id}") as uow:
        grid = _grid(uow.session, grid_code)
        uow.require(Permission.INTAKE, grid.code, grid.short_name)
        person = uow.session.get(Person, person_id)
        if person is None:
            raise NotFound(f"人员 {person_id} 不存在")
        day = occurred_at.date()
        serving = uow.session.scalar(select(GridStaffRole.id).where(
            GridStaffRole.person_id == person_id, GridStaffRole.grid_id == grid.id, GridStaffRole.start_on <= day,
            (GridStaffRole.end_on.is_(None)) | (GridStaffRole.end_on >= day)))
        if serving is None:
            raise ValidationFailed(f"{person.name} 在 {day} 不是 {grid.short_name} 的网格工作人员,不能记入该网格工作日志",
                                   article="Art. 10", field="person_id")
        entry = WorkLogEntry(person_id=person_id, grid_id=grid.id, kind=kind, occurred_at=occurred_at,
                             summary=summary.strip(), case_id=case_id)
        uow.session.add(entry)
        uow.session.flush()
        uow.audit(f"{grid.short_name} {person.name}:{kind.label}")
        uow.changed("staff", entry.id, _township(grid).id)
        return entry.id
