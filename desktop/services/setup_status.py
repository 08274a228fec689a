"""What a township still lacks before its center can work: grids in use (Art. 6), grid staff
(Art. 9), a matter list in force (Art. 12–13), linked departments to dispatch to (Art. 18) and
someone on duty to take requests in. Said besides, as no lack (the center can phone them): the
departments its matter list sends cases to that nobody can sign for at a desk (Art. 18(1), 19).

A fresh database holds only the Beihai tree; the main window says what is missing for the
township chosen, instead of an empty queue that explains nothing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import aliased

from ..db import Database
from ..models import Department, Grid, GridStaffRole, MatterItem, Place, RoleGrant, User
from ..models.enums import GridStatus, PlaceLevel, Role
from .clock import beijing_today
from .departments import liaison_account_exists
from .matter_list import institution_of
from .matters import lists_in_force
from .places import get_place, upward


class Missing(enum.Enum):
    GRIDS = "grids"  # no grid in use
    STAFF = "staff"  # nobody serving any of its grids
    MATTER_LIST = "matter_list"  # no published list in force holds an item
    DEPARTMENTS = "departments"  # no active department of the township, its county or the city
    OPERATORS = "operators"  # no operator or shift supervisor account over the township
    # Such accounts, every one disabled: re-enabling one is the step, not adding another
    # (SetupStatus.disabled_operators names them).
    OPERATORS_DISABLED = "operators_disabled"


# Kept by the county or city institution that compiles the township's matter list (Art. 12(1)),
# not by the township: the list and the departments it dispatches to.
KEPT_BY_INSTITUTION = frozenset({Missing.MATTER_LIST, Missing.DEPARTMENTS})


@dataclass(frozen=True)
class UnsignedDepartment:
    """A department of the township's list without an active liaison account."""

    code: str
    name: str
    place_code: str  # its territory: where a liaison account for it is granted


@dataclass(frozen=True)
class SetupStatus:
    township_code: str
    township_name: str
    missing: tuple[Missing, ...]  # in the order they are best done
    institution_code: str = ""  # the county (or city) compiling its matter list: who keeps KEPT_BY_INSTITUTION
    institution_name: str = ""
    # Departments of the list in force (and the offices of their lines covering the township, where
    # dispatch goes first) that nobody can sign for at a desk: the center phones them (Art. 18(1), 19).
    unsigned: tuple[UnsignedDepartment, ...] = ()
    disabled_operators: tuple[str, ...] = ()  # log-in names, while Missing.OPERATORS_DISABLED

    def kept_at(self, missing: Missing) -> str:
        """The place code where what is missing is set up (the permission is needed there)."""
        return self.institution_code if missing in KEPT_BY_INSTITUTION else self.township_code


def township_setup(db: Database, place_code: str) -> SetupStatus | None:
    """What the township of `place_code` (itself, or the township above a village or grid) lacks;
    None above the township level (a county or the city has no queue of its own to set up)."""
    with db.session() as session:
        place = get_place(session, place_code)
        township = next((p for p in upward(place) if p.level is PlaceLevel.TOWNSHIP), None)
        if township is None:
            return None
        village = aliased(Place)
        grids = (select(Grid.place_id).join(Place, Place.id == Grid.place_id)
                 .join(village, village.id == Place.parent_id)
                 .where(village.parent_id == township.id, Grid.status == GridStatus.ACTIVE))
        today = beijing_today()
        chain = [p.id for p in upward(township)]
        in_force = [matter_list.id for matter_list in lists_in_force(session, township, today)]
        # Accounts that take the township's requests in: an operator or supervisor over it, its county or the city.
        on_duty = (RoleGrant.user_id == User.id, RoleGrant.role.in_((Role.OPERATOR, Role.SUPERVISOR)),
                   RoleGrant.place_id.in_(chain))
        checks = {
            Missing.GRIDS: exists(grids),
            Missing.STAFF: exists().where(GridStaffRole.grid_id.in_(grids), GridStaffRole.start_on <= today,
                                          or_(GridStaffRole.end_on.is_(None), GridStaffRole.end_on >= today)),
            Missing.MATTER_LIST: exists().where(MatterItem.matter_list_id.in_(in_force)),
            Missing.DEPARTMENTS: exists().where(Department.active.is_(True), Department.place_id.in_(chain)),
            Missing.OPERATORS: exists().where(*on_duty, User.active.is_(True)),
        }
        present = session.execute(select(*checks.values())).one()
        missing = tuple(kind for kind, there in zip(checks, present) if not there)
        disabled = ()
        if Missing.OPERATORS in missing:  # the township's own: its administrator may enable them again, not the county's
            disabled = tuple(session.scalars(select(User.username).where(*on_duty, RoleGrant.place_id == township.id)
                                             .distinct().order_by(User.username)))
        if disabled:
            missing = tuple(Missing.OPERATORS_DISABLED if kind is Missing.OPERATORS else kind for kind in missing)
        institution = institution_of(township)
        return SetupStatus(township.code, township.name, missing, institution.code, institution.name,
                           _unsigned(session, chain, in_force), disabled)


def _unsigned(session, chain: list[int], in_force: list[int]) -> tuple[UnsignedDepartment, ...]:
    """The active departments covering the township that the lists in force name, or whose line
    leads up to one they name (the local office dispatch suggests first), without a liaison account."""
    named = set(session.scalars(select(MatterItem.department_id).where(MatterItem.matter_list_id.in_(in_force))))
    if not named:
        return ()
    parent_of = dict(session.execute(select(Department.id, Department.parent_id)).all())
    rows = session.execute(
        select(Department.id, Department.code, Department.name, Place.code).join(Place, Place.id == Department.place_id)
        .where(Department.active.is_(True), Department.place_id.in_(chain), ~liaison_account_exists())
        .order_by(Department.code))
    unsigned = []
    for dept_id, code, name, place_code in rows:
        line, step = set(), dept_id
        while step is not None and step not in line:  # levels only rise, but a bad row must not hang
            line.add(step)
            step = parent_of.get(step)
        if line & named:
            unsigned.append(UnsignedDepartment(code, name, place_code))
    return tuple(unsigned)
