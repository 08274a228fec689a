"""A linked department's contacts: the responsible person who calls requesters back (Art. 20(3))
and the guidance contact the matter list names for the department's items (Art. 13(4)).

Contacts are kept by the same institution that keeps the department (departments.py). Their
phones are personal information (Art. 15): shown in full to those who may see sensitive data or
keep the register, masked to everyone else.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..db import Database
from ..errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from ..models import Department, Liaison, MatterItem, MatterList, Person, Place
from .departments import PHONE, by_code, require_keeper
from .clock import beijing_today
from .matter_list import institution_of
from .matters import lists_still_current
from .queue import mask_phone
from .security import Actor, Permission
from .unit_of_work import UnitOfWork, unit_of_work

@dataclass(frozen=True)
class ContactInfo:
    id: int
    name: str
    phone: str | None
    guidance: bool  # 业务指导人员 (Art. 13(4))
    responsible: bool  # 回访负责人 (Art. 20(3))


def _department(session, code: str) -> tuple[Department, Place]:
    department = by_code(session, code)
    return department, session.get(Place, department.place_id)


def _shows_phone(actor: Actor, place: Place) -> bool:
    return actor.can(Permission.VIEW_SENSITIVE, place.code) or \
        actor.can(Permission.MANAGE_MATTERS, institution_of(place).code)


def _info(liaison: Liaison, person: Person, full_phone: bool) -> ContactInfo:
    phone = person.phone if full_phone else mask_phone(person.phone)
    return ContactInfo(liaison.id, person.name, phone, liaison.is_guidance_contact, liaison.is_responsible)


def contacts(db: Database, actor: Actor, code: str) -> list[ContactInfo]:
    """The department's contacts, responsible person and guidance contact first."""
    with db.session() as session:
        department, place = _department(session, code)
        rows = session.execute(select(Liaison, Person).join(Person, Person.id == Liaison.person_id)
                               .where(Liaison.department_id == department.id)
                               .order_by(Liaison.is_responsible.desc(), Liaison.is_guidance_contact.desc(), Liaison.id))
        full = _shows_phone(actor, place)
        return [_info(liaison, person, full) for liaison, person in rows]


def _clean(name: str, phone: str | None) -> tuple[str, str | None]:
    name, phone = name.strip(), (phone or "").strip() or None
    problems = []
    if not name or len(name) > 40:
        problems.append("姓名:必填,不超过 40 字")
    if phone is None:
        problems.append("联系电话:必填(回访和业务指导都要靠它联系)")
    elif not PHONE.fullmatch(phone):
        problems.append(f"联系电话:“{phone}”不是电话号码")
    if problems:
        raise ValidationFailed("联系人信息有误", problems, field="contact")
    return name, phone


def add_contact(db: Database, actor: Actor, code: str, *, name: str, phone: str | None,
                guidance: bool = False, responsible: bool = False) -> ContactInfo:
    """A new contact of the department (a person record of its own)."""
    with unit_of_work(db, actor, "departments.add_contact", target=code) as uow:
        session = uow.session
        department, place = _department(session, code)
        require_keeper(uow, place)
        if not department.active:
            raise InvalidTransition(f"{department.name}已停用,不能再添加联系人")
        name, phone = _clean(name, phone)
        person = Person(name=name, phone=phone, organisation=department.name)
        session.add(person)
        session.flush()
        liaison = Liaison(department_id=department.id, person_id=person.id, is_guidance_contact=guidance,
                          is_responsible=responsible)
        session.add(liaison)
        session.flush()
        uow.audit(f"{department.name}新增联系人:{name}", after={"guidance": guidance, "responsible": responsible})
        uow.changed("departments", department.id)
        return _info(liaison, person, True)


def _contact(uow: UnitOfWork, contact_id: int) -> tuple[Liaison, Person, Department]:
    liaison = uow.session.get(Liaison, contact_id, with_for_update=True)  # two desktops take turns
    if liaison is None:
        raise NotFound(f"联系人 {contact_id} 不存在(可能已被移除)")
    department = uow.session.get(Department, liaison.department_id)
    uow.target = department.code
    require_keeper(uow, uow.session.get(Place, department.place_id))
    return liaison, uow.session.get(Person, liaison.person_id), department


def _guided_items(session, department: Department, person: Person) -> list[str]:
    """Items of a draft, published or still-in-force list naming the person as guidance contact (Art. 13(4))."""
    rows = session.execute(
        select(MatterItem.code, MatterItem.title).join(MatterList)
        .where(MatterItem.department_id == department.id, MatterItem.guidance_contact_id == person.id,
               MatterList.id.in_(lists_still_current(session, beijing_today())))
        .order_by(MatterItem.code)).all()
    return [f"{code} {title}" for code, title in rows]


def set_roles(db: Database, actor: Actor, contact_id: int, *, guidance: bool, responsible: bool,
              seen: tuple[bool, bool] | None) -> ContactInfo:
    """Make a contact the guidance contact and/or the responsible person, or neither. `seen` is
    (guidance, responsible) as the user saw them: changed meanwhile by another desktop, the save
    is refused rather than overwriting (None: a one-shot command acting on whatever is current)."""
    with unit_of_work(db, actor, "departments.set_contact_roles") as uow:
        liaison, person, department = _contact(uow, contact_id)
        if seen is not None and seen != (liaison.is_guidance_contact, liaison.is_responsible):
            raise Conflict(f"{person.name}的职责已被其他用户修改,请重新载入后再设定")
        if liaison.is_guidance_contact and not guidance:
            _refuse_while_named(uow.session, department, person, "不再担任业务指导人员")
        before = {"guidance": liaison.is_guidance_contact, "responsible": liaison.is_responsible}
        liaison.is_guidance_contact, liaison.is_responsible = guidance, responsible
        uow.audit(f"{department.name}联系人{person.name}的职责", before=before,
                  after={"guidance": guidance, "responsible": responsible})
        uow.changed("departments", department.id)
        return _info(liaison, person, True)


def _refuse_while_named(session, department: Department, person: Person, what: str) -> None:
    items = _guided_items(session, department, person)
    if items:
        shown = "、".join(items[:3]) + (f" 等 {len(items)} 项" if len(items) > 3 else "")
        raise Conflict(f"{person.name}是事项清单所列的业务指导人员({shown}),暂不能{what};"
                       f"请在下一版清单中为这些事项另行指定业务指导人员(Art. 13)")


def remove_contact(db: Database, actor: Actor, contact_id: int) -> None:
    """Remove a contact from the department; the person record stays for the history that names it."""
    with unit_of_work(db, actor, "departments.remove_contact") as uow:
        liaison, person, department = _contact(uow, contact_id)
        _refuse_while_named(uow.session, department, person, "移除")
        uow.session.delete(liaison)
        uow.audit(f"{department.name}移除联系人:{person.name}")
        uow.changed("departments", department.id)
