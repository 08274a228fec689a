"""What a grid retired by an adjustment leaves behind (Art. 6, 9–10): its staff and its open cases.

A retired grid is neither served nor routed to any more, so nothing may stay on it silently.
The proposal and the review name, per grid to be retired, who is appointed to it and its open
cases (`survey`); the approval settles both (`settle`):

* Each appointment (网格长, 网格员, 专属网格工作人员) still running on the grid ends on the day of
  the approval, as the staff window ends one (`staff_admin.end_grid_staff`: the end date is set,
  the term stays in the person's history, the person stays registered). Ended rather than refused:
  in a merge the staff usually go to a grid the adjustment itself creates, which exists only once
  the county agrees, so they cannot be appointed there before; and ending them beforehand would
  leave a grid still in use without its 网格长, who answers for its work (Art. 10), while the county
  decides, and for nothing should it not agree. The appointment is bound to the grid (Art. 9), so
  it ends with it; who serves where next is the township's decision, taken in the staff window
  (the review names everyone whose appointment the approval ends, and its audit entry lists them).
* Each open case on the grid follows the routing rule (services.routing): a located case moves to
  the grid of the new layout of its township that contains its point; a case without a point, or
  whose point no grid of the township contains any more, leaves the grid: one still waiting to be
  handled ("已立案") goes back to the township's triage list (待分拨清单: no grid, "待受理",
  `queue.unrouted_condition`) to be given a grid by hand, one further on stays with whoever
  handles it, in the township's list. Each move is a timeline event ("regridded") naming the old
  and new grid and the adjustment.

`staff_on_retired_grids` and `open_cases_on_retired_grids` find what a database from before this
was done still leaves on retired grids (`griddesk-admin check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Case, CaseEvent, Grid, GridHistory, GridStaffRole, Person, Place
from ..models.enums import OPEN_CASE_STATES, CaseState, GridStatus, HandlingLevel, StaffRole
from .cases.common import record
from .clock import BEIJING
from .routing import route_point
from .unit_of_work import UnitOfWork

ARTICLE = "Art. 6"
REGRIDDED = "regridded"  # the timeline event of a case moved off a retired grid

_ROLE_ORDER = {role: n for n, role in enumerate(StaffRole)}


@dataclass(frozen=True)
class AppointedStaff:
    role_id: int
    person_id: int
    name: str
    role: StaffRole
    start_on: date
    end_on: date | None

    def __str__(self) -> str:
        return f"{self.role.label} {self.name}"


@dataclass(frozen=True)
class RetiringGrid:
    """A grid an adjustment retires, with the staff appointed to it and its open cases (numbers).

    Before the approval, as they are now; after it, those the approval settled."""

    code: str
    name: str
    staff: tuple[AppointedStaff, ...]
    open_cases: tuple[str, ...]

    def __str__(self) -> str:
        staff = "、".join(str(s) for s in self.staff) or "无任职人员"
        return f"{self.name}({self.code}):{staff};未办结案件 {len(self.open_cases)} 件"


def appointed(session: Session, grid_ids, on: date) -> dict[int, list[AppointedStaff]]:
    """The appointments to each grid still running on `on` or later (the roster's rule), head first."""
    rows = session.execute(
        select(GridStaffRole, Person.name).join(Person, Person.id == GridStaffRole.person_id)
        .where(GridStaffRole.grid_id.in_(list(grid_ids)),
               GridStaffRole.end_on.is_(None) | (GridStaffRole.end_on >= on)))
    found: dict[int, list[AppointedStaff]] = {}
    for role, name in rows:
        found.setdefault(role.grid_id, []).append(
            AppointedStaff(role.id, role.person_id, name, role.role, role.start_on, role.end_on))
    for staff in found.values():
        staff.sort(key=lambda s: (_ROLE_ORDER[s.role], s.start_on, s.name, s.role_id))
    return found


def open_cases(session: Session, grid_ids) -> dict[int, list[str]]:
    """The numbers of the open cases on each grid."""
    found: dict[int, list[str]] = {}
    for grid_id, number in session.execute(
            select(Case.grid_id, Case.number).where(Case.grid_id.in_(list(grid_ids)),
                                                    Case.state.in_(OPEN_CASE_STATES)).order_by(Case.number)):
        found.setdefault(grid_id, []).append(number)
    return found


def survey(session: Session, grids: list[Place], on: date) -> list[RetiringGrid]:
    """Per grid to be retired (by code), who is appointed to it on `on` or later and its open cases."""
    ids = [grid.id for grid in grids]
    staff, cases = appointed(session, ids, on), open_cases(session, ids)
    return [RetiringGrid(grid.code, grid.name, tuple(staff.get(grid.id, ())), tuple(cases.get(grid.id, ())))
            for grid in sorted(grids, key=lambda g: g.code)]


def settled(session: Session, grids: list[Place], adjustment_id: int, on: date) -> list[RetiringGrid]:
    """What the approval on `on` settled on the grids it retired: the appointments running up to that day
    (it ended them then) and the cases it moved off them."""
    ids = [grid.id for grid in grids]
    staff = appointed(session, ids, on)
    moved: dict[str, list[str]] = {}
    for number, detail in session.execute(
            select(Case.number, CaseEvent.detail).join(Case, Case.id == CaseEvent.case_id)
            .where(CaseEvent.kind == REGRIDDED).order_by(Case.number)):
        if (detail or {}).get("adjustment") == adjustment_id:
            moved.setdefault(detail.get("old_grid"), []).append(number)
    return [RetiringGrid(grid.code, grid.name, tuple(staff.get(grid.id, ())), tuple(moved.get(grid.code, ())))
            for grid in sorted(grids, key=lambda g: g.code)]


@dataclass(frozen=True)
class Settlement:
    ended: tuple[str, ...]  # "grid code 网格长 name", one per appointment ended
    regridded: tuple[str, ...]  # "case number: old grid code → new grid code"
    to_township: tuple[str, ...]  # "case number: old grid code" (triage list, or the township's own list)


def settle(uow: UnitOfWork, grids: list[Place], township: Place, *, adjustment_id: int, on: date) -> Settlement:
    """End the appointments on the retired `grids` on `on` and move their open cases (see the module
    docstring). Runs in the approval's transaction, after the new layout is in place."""
    ids = [grid.id for grid in grids]
    by_id = {grid.id: grid for grid in grids}
    ended = []
    roles = uow.session.scalars(select(GridStaffRole).where(
        GridStaffRole.grid_id.in_(ids), GridStaffRole.end_on.is_(None) | (GridStaffRole.end_on > on))
        .order_by(GridStaffRole.grid_id, GridStaffRole.id))
    for role in roles:
        # An appointment not begun yet ends on its first day, the earliest an end may be (staff_admin).
        role.end_on = max(on, role.start_on)
        ended.append(f"{by_id[role.grid_id].code} {role.role.label} {role.person.name}")
        uow.changed("staff", role.id, township.id)
    regridded, to_township = [], []
    cases = uow.session.scalars(select(Case).where(Case.grid_id.in_(ids), Case.state.in_(OPEN_CASE_STATES))
                                .order_by(Case.number).with_for_update())
    for case in cases:
        old = by_id[case.grid_id]
        new = _new_grid(uow.session, case)
        gone = f"所在网格 {old.short_name}({old.code})随网格调整申请 #{adjustment_id} 撤销"
        detail = {"old_grid": old.code, "adjustment": adjustment_id}
        if new is not None:
            case.grid_id, case.village_id = new.id, new.parent_id
            record(uow, case, REGRIDDED, f"{gone},按位置改归网格 {new.short_name}({new.code})({ARTICLE})",
                   article=ARTICLE,
                   grid=new.code, **detail)
            regridded.append(f"{case.number}: {old.code} → {new.code}")
            continue
        why = "诉求没有位置" if case.lon is None or case.lat is None else "其位置不在调整后的任何网格内"
        case.grid_id = None
        if case.level is HandlingLevel.GRID:  # no grid staff to handle it any more
            case.level = HandlingLevel.TOWNSHIP
        if case.state in (CaseState.RECEIVED, CaseState.REGISTERED):
            record(uow, case, REGRIDDED, f"{gone},{why},转入{township.short_name}待分拨清单,请重新指定网格({ARTICLE})",
                   to_state=CaseState.RECEIVED, article=ARTICLE, grid=None, **detail)
        else:
            record(uow, case, REGRIDDED, f"{gone},{why},不再归属网格,由{township.short_name}继续办理({ARTICLE})",
                   article=ARTICLE, grid=None, **detail)
        to_township.append(f"{case.number}: {old.code}")
    return Settlement(tuple(ended), tuple(regridded), tuple(to_township))


def _new_grid(session: Session, case: Case) -> Place | None:
    """The grid of the case's township that now contains its point, by the routing rule; None without one."""
    if case.lon is None or case.lat is None:
        return None
    grid_id = route_point(session, case.lon, case.lat)
    grid = session.get(Place, grid_id) if grid_id is not None else None
    if grid is None or grid.parent is None or grid.parent.parent_id != case.township_id:
        return None
    return grid


# ---------------------------------------------------------------- for the integrity check


def _retired_on(session: Session, grid_ids) -> dict[int, date]:
    """The day each retired grid was retired: the end of its last active version (Beijing time)."""
    rows = session.execute(select(GridHistory.place_id, GridHistory.valid_to, GridHistory.snapshot)
                           .where(GridHistory.place_id.in_(list(grid_ids)), GridHistory.valid_to.is_not(None)))
    days: dict[int, date] = {}
    for place_id, valid_to, snapshot in rows:
        if (snapshot or {}).get("status", GridStatus.ACTIVE.value) == GridStatus.ACTIVE.value:
            day = valid_to.astimezone(BEIJING).date()
            days[place_id] = max(day, days.get(place_id, day))
    return days


def staff_on_retired_grids(session: Session) -> list[tuple[Place, AppointedStaff]]:
    """Appointments running beyond the day their grid was retired (a term may end on that day, or on its
    first day where it had not begun), by grid code."""
    rows = session.execute(
        select(Place, GridStaffRole, Person.name).join(Grid, Grid.place_id == Place.id)
        .join(GridStaffRole, GridStaffRole.grid_id == Place.id).join(Person, Person.id == GridStaffRole.person_id)
        .where(Grid.status == GridStatus.RETIRED).order_by(Place.code, GridStaffRole.id)).all()
    retired = _retired_on(session, {place.id for place, _, _ in rows})
    found = []
    for place, role, name in rows:
        day = retired.get(place.id)
        allowed = max(day, role.start_on) if day is not None else None
        if role.end_on is None or (allowed is not None and role.end_on > allowed):
            found.append((place, AppointedStaff(role.id, role.person_id, name, role.role, role.start_on,
                                                role.end_on)))
    return found


def open_cases_on_retired_grids(session: Session) -> list[tuple[str, Place]]:
    """(case number, grid) of the open cases still on a retired grid."""
    return list(session.execute(
        select(Case.number, Place).join(Place, Place.id == Case.grid_id).join(Grid, Grid.place_id == Place.id)
        .where(Grid.status == GridStatus.RETIRED, Case.state.in_(OPEN_CASE_STATES)).order_by(Case.number)).all())
