"""Read-only views of grid staff and place particulars (Art. 7–9, 12(2)) for the roster panel.

The phones of the staff serving a grid are shown whole to the centre that calls them to settle a
case on the spot (Art. 17) — those who take in, dispatch or keep staff, or may see personal data
there; Art. 14(2) has them published where residents gather (the notice sheets print them). Others
who may view the place (a liaison, an auditor) see them masked: a table of every grid worker's
mobile across a county is more than any notice board shows (Art. 15(3), information security).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from ..db import Database
from ..errors import PermissionDenied
from ..models import (
    Grid,
    GridStaffRole,
    LeadershipAssignment,
    Person,
    Place,
    Professional,
    ProfessionalVisit,
    WorkLogEntry,
)
from ..models.enums import GridKind, LeadershipRole, PersonStatus, PlaceLevel, StaffRole, StaffSource
from .clock import BEIJING, beijing_today
from .places import get_place
from .queue import mask_phone
from .security import Actor, Permission, scope_prefix


@dataclass(frozen=True)
class StaffMember:
    person_id: int
    name: str
    role: StaffRole
    source: StaffSource
    phone: str | None  # whole for the centre that calls grid staff, else masked (see the module)
    status: PersonStatus
    grid_code: str
    grid_name: str
    version: int  # the person's, sent back by an edit (staff_admin.update_person's expected_version)
    last_day: date | None = None  # the last day of a term ended (离任): it serves through that day


@dataclass(frozen=True)
class GridSummary:
    code: str
    name: str
    kind: GridKind
    households: int
    residents: int
    units: int
    staff: int


@dataclass(frozen=True)
class PlaceDetails:
    """What the details pane shows for a place: its base data summed over its grids (which may
    cover only part of a county or the city), and its census population where the tree has one."""

    code: str
    name: str
    short_name: str
    level: PlaceLevel
    unit_kind: str | None
    kind: GridKind | None  # grids only
    category: str | None  # the exclusive or sea-related category label of a grid (Art. 7)
    households: int
    residents: int
    units: int
    staff: int  # people now serving its grids
    grids: tuple[GridSummary, ...]  # the grids of a village (or the grid itself)
    grid_count: int = 0  # grids under the place
    population: int | None = None  # resident population, 2020 census (city and counties)


# Who calls grid staff, and so reads their numbers whole.
_CALLS_GRID_STAFF = (Permission.INTAKE, Permission.DISPATCH, Permission.MANAGE_STAFF, Permission.VIEW_SENSITIVE)


def _require_view(actor: Actor, place: Place) -> None:
    if not actor.can(Permission.VIEW, place.code):
        raise PermissionDenied(f"用户“{actor.display_name}”无权查看 {place.short_name}({place.code})的网格人员;"
                               "请由具有该地区查看权限的用户查看", article="Art. 15")


def _serving_today():
    today = beijing_today()
    return GridStaffRole.start_on <= today, or_(GridStaffRole.end_on.is_(None), GridStaffRole.end_on >= today)


def _grids_under(place: Place):
    return select(Place.id).where(Place.level == PlaceLevel.GRID,
                                  Place.code.startswith(scope_prefix(place.code, place.level)))


def roster(db: Database, actor: Actor, code: str) -> list[StaffMember]:
    """The staff now serving the grids of a place (a grid, or every grid of a village …), their phones
    whole or masked by who asks (see the module)."""
    with db.session() as session:
        place = get_place(session, code)
        _require_view(actor, place)
        stmt = (
            select(Person.id, Person.name, GridStaffRole.role, GridStaffRole.source, Person.phone, Person.status,
                   Place.code, Place.short_name, Person.version, GridStaffRole.end_on)
            .join(GridStaffRole, GridStaffRole.person_id == Person.id)
            .join(Place, Place.id == GridStaffRole.grid_id)
            .where(GridStaffRole.grid_id.in_(_grids_under(place)), *_serving_today())
            .order_by(Place.code, GridStaffRole.role, Person.name)
        )
        whole = any(actor.can(permission, place.code) for permission in _CALLS_GRID_STAFF)
        return [StaffMember(pid, name, role, source, phone if whole else mask_phone(phone), status, gcode, gname,
                            version, end)
                for pid, name, role, source, phone, status, gcode, gname, version, end in session.execute(stmt)]


def details(db: Database, actor: Actor, code: str) -> PlaceDetails:
    """Kind, base data and staff count of a place; for a village, each of its grids."""
    with db.session() as session:
        place = get_place(session, code)
        _require_view(actor, place)
        staff = (select(GridStaffRole.grid_id, func.count(func.distinct(GridStaffRole.person_id)).label("n"))
                 .where(*_serving_today()).group_by(GridStaffRole.grid_id).subquery())
        rows = session.execute(
            select(Place.code, Place.short_name, Grid.kind, Grid.households, Grid.residents, Grid.units,
                   func.coalesce(staff.c.n, 0))
            .join(Grid, Grid.place_id == Place.id)
            .outerjoin(staff, staff.c.grid_id == Place.id)
            .where(Place.id.in_(_grids_under(place)))
            .order_by(Place.code)
        ).all()
        grids = tuple(GridSummary(*row) for row in rows)
        # A person serving two grids of a village counts once for the village.
        people = session.scalar(select(func.count(func.distinct(GridStaffRole.person_id)))
                                .where(GridStaffRole.grid_id.in_(_grids_under(place)), *_serving_today()))
        kind = category = None
        if place.level is PlaceLevel.GRID and place.grid is not None:
            kind = place.grid.kind
            special = place.grid.exclusive_category or place.grid.sea_category
            category = special.label if special else None
        return PlaceDetails(
            code=place.code, name=place.name, short_name=place.short_name, level=place.level,
            unit_kind=place.unit_kind, kind=kind, category=category,
            households=sum(g.households for g in grids), residents=sum(g.residents for g in grids),
            units=sum(g.units for g in grids), staff=people,
            grids=grids if place.level in (PlaceLevel.VILLAGE, PlaceLevel.GRID) else (),
            grid_count=len(grids), population=place.population,
        )


@dataclass(frozen=True)
class LeaderEntry:
    """A contact leader, instructor or village chief now in office for a place of the subtree (Art. 8)."""

    id: int
    name: str
    role: LeadershipRole
    title: str | None
    place_name: str


@dataclass(frozen=True)
class LogEntry:
    """A professional's visit (Art. 11) or a grid staff member's duty (Art. 10), newest first."""

    day: date
    grid_name: str
    name: str
    what: str  # the visit's purpose or the duty's label
    summary: str


def _subtree(place: Place):
    return Place.code.startswith(scope_prefix(place.code, place.level))


def leaders(db: Database, actor: Actor, code: str) -> list[LeaderEntry]:
    """Leadership in office for the place and the places under it (Art. 8)."""
    with db.session() as session:
        place = get_place(session, code)
        _require_view(actor, place)
        today = beijing_today()
        rows = session.execute(
            select(LeadershipAssignment.id, Person.name, LeadershipAssignment.role, LeadershipAssignment.title,
                   Place.short_name)
            .join(Person, Person.id == LeadershipAssignment.person_id)
            .join(Place, Place.id == LeadershipAssignment.place_id)
            .where(_subtree(place), LeadershipAssignment.start_on <= today,
                   or_(LeadershipAssignment.end_on.is_(None), LeadershipAssignment.end_on >= today))
            .order_by(Place.code, LeadershipAssignment.role, Person.name))
        return [LeaderEntry(*row) for row in rows]


def professionals(db: Database) -> list[tuple[int, str]]:
    """(id, "name · profession · organisation") of the registered professionals (Art. 11), for pickers."""
    with db.session() as session:
        rows = session.execute(select(Professional.id, Person.name, Professional.profession, Professional.organisation)
                               .join(Person, Person.id == Professional.person_id).order_by(Person.name))
        return [(pid, f"{name} · {profession.label} · {organisation}") for pid, name, profession, organisation in rows]


def activity(db: Database, actor: Actor, code: str, *, limit: int = 200) -> list[LogEntry]:
    """Recent professional visits and work-log entries in the grids under a place."""
    with db.session() as session:
        place = get_place(session, code)
        _require_view(actor, place)
        visits = session.execute(
            select(ProfessionalVisit.visited_on, Place.short_name, Person.name, ProfessionalVisit.purpose,
                   ProfessionalVisit.summary)
            .join(Professional, Professional.id == ProfessionalVisit.professional_id)
            .join(Person, Person.id == Professional.person_id)
            .join(Place, Place.id == ProfessionalVisit.grid_id)
            .where(_subtree(place)).order_by(ProfessionalVisit.visited_on.desc()).limit(limit))
        duties = session.execute(
            select(WorkLogEntry.occurred_at, Place.short_name, Person.name, WorkLogEntry.kind, WorkLogEntry.summary)
            .join(Person, Person.id == WorkLogEntry.person_id)
            .join(Place, Place.id == WorkLogEntry.grid_id)
            .where(_subtree(place)).order_by(WorkLogEntry.occurred_at.desc()).limit(limit))
        entries = [LogEntry(day, grid, name, purpose, summary or "") for day, grid, name, purpose, summary in visits]
        entries += [LogEntry(at.astimezone(BEIJING).date(), grid, name, kind.label, summary)
                    for at, grid, name, kind, summary in duties]
        return sorted(entries, key=lambda e: e.day, reverse=True)[:limit]
