"""Linked departments and their lines: which department does another's work in its territory.

A county or city department often works in a township through an office of its own line — the
public security bureau through the police station, health through the health centre. The matter
list names the department by its statutory duty (Art. 13, 17(1): 职权法定); dispatch goes where
the matter arises (Art. 17(1), 18(1): 属地管理). Recording each office's department of the line
above lets dispatch suggest the local office of the named department (cases.dispatch).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ..db import Database
from ..errors import NotFound, ValidationFailed
from ..models import Department, Place
from ..models.enums import DepartmentLevel
from .matter_list import institution_of
from .places import get_place
from .security import Actor, Permission, in_scope, scope_prefix
from .unit_of_work import unit_of_work

_RANK = {DepartmentLevel.TOWNSHIP: 0, DepartmentLevel.COUNTY: 1, DepartmentLevel.CITY: 2}


@dataclass(frozen=True)
class DepartmentLine:
    code: str
    name: str
    level: DepartmentLevel
    place_name: str
    parent_code: str | None
    parent_name: str | None


def _by_code(session: Session, code: str) -> Department:
    department = session.scalar(select(Department).where(Department.code == code.strip()))
    if department is None:
        raise NotFound(f"没有代码为 {code} 的联动部门;用 griddesk-admin departments list 查看各部门代码")
    return department


def set_parent(db: Database, actor: Actor, code: str, parent_code: str | None) -> DepartmentLine:
    """Record (or, with None, clear) the department of the line above `code`.

    The parent must be an active department of a higher level whose territory covers the
    office's: a township's police station belongs to its own county's bureau, not to another's.
    Needs MANAGE_MATTERS at the county or city that compiles the office's matter list (Art. 12(1)):
    a line decides where that list's items are dispatched first.
    """
    with unit_of_work(db, actor, "departments.set_parent", target=code) as uow:
        session = uow.session
        department = _by_code(session, code)
        place = session.get(Place, department.place_id)
        institution = institution_of(place)
        uow.require(Permission.MANAGE_MATTERS, institution.code, institution.short_name)
        parent = _by_code(session, parent_code) if parent_code else None
        if parent is not None:
            parent_place = session.get(Place, parent.place_id)
            if not parent.active:
                raise ValidationFailed(f"{parent.name}({parent.code})已停用,不能作为上级部门", field="parent")
            if _RANK[parent.level] <= _RANK[department.level]:
                raise ValidationFailed(
                    f"{parent.name}是{parent.level.label}部门,不在{department.name}({department.level.label})之上;"
                    f"上级部门须是更高一级的部门", field="parent")
            if not in_scope(place.code, parent_place.code, parent_place.level):
                raise ValidationFailed(
                    f"{parent.name}的辖区({parent_place.short_name})不包含{department.name}的辖区"
                    f"({place.short_name});请选所在县(区)或市的部门", field="parent")
        before = department.parent_id
        department.parent_id = parent.id if parent else None
        uow.audit(f"{department.name}的上级部门:" + (parent.name if parent else "(无)"),
                  before=before, after=department.parent_id)
        uow.changed("departments", department.id)
        return _line(department, place, parent)


def _line(department: Department, place: Place, parent: Department | None) -> DepartmentLine:
    return DepartmentLine(department.code, department.name, department.level, place.short_name,
                          parent.code if parent else None, parent.name if parent else None)


def list_lines(db: Database, under: str | None = None) -> list[DepartmentLine]:
    """Active departments (public institutions, like the place tree), by code, each with its
    department above; `under` keeps those serving a place or somewhere under it."""
    parent = aliased(Department)
    with db.session() as session:
        stmt = (select(Department, Place, parent).join(Place, Place.id == Department.place_id)
                .outerjoin(parent, parent.id == Department.parent_id)
                .where(Department.active.is_(True)).order_by(Department.code))
        if under:
            root = get_place(session, under)
            stmt = stmt.where(Place.code.startswith(scope_prefix(root.code, root.level)))
        return [_line(d, p, above) for d, p, above in session.execute(stmt)]
