"""What each indicator counts, as SQL: one definition shared by scores and drill-down.

For every grain (assignments, cases, callbacks, emergency-report steps, serving staff) a
`Counted` names the rows in the period, the subject each row belongs to, and per indicator
the condition for the denominator and for the numerator. Scores sum those conditions with
GROUP BY; the drill-down selects the rows that meet them — so a drill-down always returns
exactly the rows behind the figure.

Rows count in the period of their deadline (SPEC §11): a case by its lead's due date (one
row per handling round), an assignment by its sign-for deadline, a callback round (its last attempt)
and an emergency-report step by their own due dates. A follow-up report still owed (Art. 21)
counts, late, each further round fallen due meanwhile too, each in the period of its own due time:
where the row the late follow-up writes for it will count. A deadline at 00:00 Beijing time — where
every limit in working days ends — is 24:00 of the day before, as every screen shows it
(clock.due_text), and counts in that day's period: a period holds the deadlines in (start, end].
Cases that are temporarily unresolvable (暂缓, Art. 19(2)) are left out of every rate and
counted apart as "on_hold". Merged cases count through the case they were merged into.

Subjects: a department is answerable for the assignments it received, for the rounds it
led (首接, Art. 18; a withdrawn lead is not) and for the callbacks of its current rounds; a township or grid for the cases in it; a staff
member (网格工作人员) for the cases and emergency reports of every grid they served during the
period, and for their own work log in each of those grids (Art. 10).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, and_, case, cast, exists, literal, null, or_, select, true, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.orm import join as orm_join
from sqlalchemy.sql import ColumnElement, FromClause

from ...models import (
    Assignment,
    Callback,
    Case,
    EmergencyReport,
    EmergencyStep,
    GridStaffRole,
    Objection,
    Person,
    Place,
    WorkLogEntry,
)
from ...models.enums import (
    AssignmentRole,
    AssignmentState,
    CallbackState,
    CaseState,
    DecisionState,
    EmergencyStepKind,
    PlaceLevel,
    Satisfaction,
)
from ...models.types import UTCDateTime, hours_after
from ..emergencies import follow_up_hours_in_force
from .indicators import Grain
from .periods import Period


class Level(str, enum.Enum):
    """Who is evaluated (Art. 5: institutions and linked departments; Art. 23: units and people)."""

    DEPARTMENT = "department"
    TOWNSHIP = "township"
    GRID = "grid"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return {"department": "联动部门", "township": "乡镇(街道)", "grid": "网格", "staff": "网格工作人员"}[self.value]


ON_HOLD = "on_hold"
# Every state but "merged", spelled out so that the (state, due_at) index serves the range.
COUNTED_STATES = tuple(s for s in CaseState if s is not CaseState.MERGED)
_CLOSED = (CaseState.CLOSED, CaseState.RESOLVED_ON_SPOT)
_CONTENT = (Satisfaction.SATISFIED, Satisfaction.BASICALLY)
_CALLBACK_ENDED = (CallbackState.DONE, CallbackState.NO_CONTACT)  # a callback round complete


@dataclass(frozen=True)
class Counted:
    grain: Grain
    key: ColumnElement
    township: ColumnElement  # the township a row belongs to: settled figures are kept per township
    source: FromClause
    where: tuple[ColumnElement, ...]
    flags: dict[str, tuple[ColumnElement, ColumnElement]]  # code → (denominator, numerator)
    # For the drill-down: what one counted row is.
    item_id: ColumnElement
    case_id: ColumnElement
    number: ColumnElement
    title: ColumnElement
    due: ColumnElement
    done: ColumnElement

    def denominator(self, code: str) -> ColumnElement:
        return self.flags[code][0]

    def numerator(self, code: str) -> ColumnElement:
        return and_(self.flags[code][0], self.flags[code][1])


def _due_in(deadline: ColumnElement, period: Period) -> tuple[ColumnElement, ColumnElement]:
    """`deadline` falls in the period: after its first 00:00 (24:00 of the day before), up to 24:00
    of its last day."""
    return deadline > period.start, deadline <= period.end


def serving_staff(period: Period):
    """(person, grid) pairs of grid staff serving at any time in the period (Art. 9)."""
    return (
        select(GridStaffRole.person_id, GridStaffRole.grid_id)
        .where(GridStaffRole.start_on <= period.ends_on,
               or_(GridStaffRole.end_on.is_(None), GridStaffRole.end_on >= period.starts_on))
        .distinct()
        .subquery("serving")
    )


def case_scope(scope: Place | None) -> tuple[ColumnElement, ...]:
    """Cases in the subtree of `scope`, by the indexed place column of its level."""
    if scope is None or scope.level is PlaceLevel.CITY:
        return ()
    column = {PlaceLevel.COUNTY: Case.county_id, PlaceLevel.TOWNSHIP: Case.township_id,
              PlaceLevel.VILLAGE: Case.village_id, PlaceLevel.GRID: Case.grid_id}[scope.level]
    return (column == scope.id,)


def _places_under(column: ColumnElement, scope: Place | None) -> tuple[ColumnElement, ...]:
    if scope is None or scope.level is PlaceLevel.CITY:
        return ()
    prefix = scope.code[: scope.level.code_prefix_length]
    return (column.in_(select(Place.id).where(Place.code.startswith(prefix))),)


def _case_subject(level: Level, source: FromClause, period: Period, grid_column, assignment=None):
    """Join what names the subject of a case-based row; returns (source, key)."""
    if level is Level.TOWNSHIP:
        return source, Case.township_id
    if level is Level.GRID:
        return source, grid_column
    if level is Level.STAFF:
        serving = serving_staff(period)
        return source.join(serving, serving.c.grid_id == grid_column), serving.c.person_id
    if assignment is not None:
        return source, assignment.department_id
    # A callback is the department's that led the case's current round.
    lead = aliased(Assignment, name="lead")
    joined = source.join(lead, and_(lead.case_id == Case.id, lead.role == AssignmentRole.LEAD,
                                    lead.state != AssignmentState.WITHDRAWN, ~_superseded(lead)))
    return joined, lead.department_id


def _superseded(lead) -> ColumnElement:
    """A later lead (not withdrawn) of the same case exists: `lead` led an earlier round.

    It selects the id rather than "*", so that SQLite answers it from the covering index
    (case_id, role, state, …) instead of reading each assignment row.
    """
    later = aliased(Assignment, name="later_lead")
    return (select(later.id).where(later.case_id == lead.case_id, later.role == AssignmentRole.LEAD,
                                   later.state != AssignmentState.WITHDRAWN, later.id > lead.id).exists())


def _assignments(level, period, as_of, scope) -> Counted:
    a = Assignment
    source, key = _case_subject(level, a.__table__.join(Case.__table__, a.case_id == Case.id), period,
                                Case.grid_id, assignment=a)
    due = or_(a.signed_at.is_not(None), a.sign_due_at < as_of)
    # An objection upheld (Art. 18(2)) that was raised before the sign-for fell due: the share was never
    # the department's, however long the center took to decide.
    objected_in_time = select(Objection.id).where(
        Objection.assignment_id == a.id, Objection.state == DecisionState.APPROVED,
        Objection.raised_at <= a.sign_due_at).exists()
    return Counted(
        Grain.ASSIGNMENT, key, Case.township_id, source,
        (*_due_in(a.sign_due_at, period), Case.state.in_(COUNTED_STATES),
         # A share withdrawn unsigned before its sign-for fell due (re-dispatch, a hold taken up again)
         # was never the department's to sign; one withdrawn after it fell due was missed.
         ~and_(a.state == AssignmentState.WITHDRAWN, a.signed_at.is_(None),
               or_(a.finished_at <= a.sign_due_at, objected_in_time)),
         *case_scope(scope)),
        {"response": (and_(Case.state != CaseState.ON_HOLD, due), a.signed_at <= a.sign_due_at)},
        a.id, Case.id, Case.number, Case.title, a.sign_due_at, a.signed_at,
    )


def _latest_callback(current):
    """The case's last completed callback — the requester's final word on it (Art. 20) —
    joined to the case's current round only."""
    latest = aliased(Callback, name="latest_callback")
    newer = aliased(Callback, name="newer_callback")
    # "No newer completed callback" reads one covering index (case_id, state, …), where max(id)
    # followed by a fetch of the row needed two lookups per case.
    superseded = select(newer.id).where(newer.case_id == latest.case_id, newer.state == CallbackState.DONE,
                                        newer.id > latest.id).exists()
    return latest, and_(latest.case_id == Case.id, latest.state == CallbackState.DONE, current, ~superseded)


def _cases(level, period, as_of, scope) -> Counted:
    """One row per handling round of a case: its lead assignment (a reopened case has two).

    The case's deadline is its lead's (extensions and paused time included); the case service
    clears `cases.due_at` when a case closes, the lead keeps it. A round is finished when the
    lead's clock stopped (the case closed); the requester's last word (resolution,
    satisfaction) and the on-hold mark belong to the case's current round only.
    """
    lead = aliased(Assignment, name="lead")
    current = ~_superseded(lead)
    latest, on = _latest_callback(current)
    # From the leads due in the period (a covering index) to their cases, never a scan of all cases.
    base = orm_join(lead, Case, and_(lead.case_id == Case.id, lead.role == AssignmentRole.LEAD,
                                     lead.state != AssignmentState.WITHDRAWN)).outerjoin(latest, on)
    source, key = _case_subject(level, base, period, Case.grid_id, assignment=lead)
    active = Case.state != CaseState.ON_HOLD
    finished = lead.state == AssignmentState.DONE
    return Counted(
        Grain.CASE, key, Case.township_id, source,
        (*_due_in(lead.due_at, period), Case.state.in_(COUNTED_STATES), *case_scope(scope)),
        {
            "on_time": (and_(active, or_(finished, lead.due_at < as_of)), lead.finished_at <= lead.due_at),
            "resolution": (and_(active, latest.solved.is_not(None)), latest.solved.is_(True)),
            "satisfaction": (and_(active, latest.satisfaction.is_not(None)), latest.satisfaction.in_(_CONTENT)),
            ON_HOLD: (and_(Case.state == CaseState.ON_HOLD, current), true()),
        },
        lead.id, Case.id, Case.number, Case.title, lead.due_at, lead.finished_at,
    )


def _callbacks(level, period, as_of, scope) -> Counted:
    """Callback completion (回访按时完成率): one row per callback round, its last attempt.

    An attempt that did not reach the requester (未联系上) is followed by another of the same
    round, so it is not counted itself: the round is, once, in the period of its last attempt's due
    date. A retry is due no earlier than the round was, nor later than the day after an attempt made
    in time, so the round is on time when every attempt was made by its due date. A round is
    complete when the requester was reached (已回访) or, the attempts the rules allow all made on
    different days, it ended as 无法联系: the desk did what it could. A round still pending past
    its due date is a missed callback.
    """
    cb = Callback
    source, key = _case_subject(level, cb.__table__.join(Case.__table__, cb.case_id == Case.id), period,
                                Case.grid_id)
    due = or_(cb.state != CallbackState.PENDING, cb.due_at < as_of)
    return Counted(
        Grain.CALLBACK, key, Case.township_id, source,
        (*_due_in(cb.due_at, period), cb.state != CallbackState.UNREACHABLE,
         Case.state.in_(COUNTED_STATES), *case_scope(scope)),
        {"callback": (and_(Case.state != CaseState.ON_HOLD, due),
                      and_(cb.state.in_(_CALLBACK_ENDED), cb.done_at <= cb.due_at))},
        cb.id, Case.id, Case.number, Case.title, cb.due_at, cb.done_at,
    )


UNREPORTED_ROUND = "(未报续报)"  # a drill-down row's title suffix for a round missed while one is owed


def _missed_rounds(period: Period, as_of: datetime):
    """The follow-up rounds fallen due while a follow-up is still owed (Art. 21), as rows (step id,
    report id, due time), as the desk counts them (StepInfo.rounds_behind): one an interval of the
    ladder in force after another from the owed follow-up's due time, each due before `as_of` and
    before the handling; here only those due by the end of the period. Once the follow-up is made,
    the rounds it answers for are rows of their own with the same due times (emergencies.missed_rounds)
    and are generated here no more."""
    s, r = EmergencyStep, EmergencyReport
    owed = (select(s.id.label("step_id"), s.report_id.label("report_id"), s.due_at.label("due"),
                   r.handled_at.label("handled_at"), follow_up_hours_in_force().label("every"),
                   literal(0).label("behind"))
            .join_from(s, r, s.report_id == r.id)
            .where(s.kind == EmergencyStepKind.FOLLOW_UP, s.done_at.is_(None), s.due_at < as_of)
            .cte("owed_rounds", recursive=True))
    due = hours_after(owed.c.due, owed.c.every)
    rounds = owed.union_all(
        select(owed.c.step_id, owed.c.report_id, due, owed.c.handled_at, owed.c.every, owed.c.behind + 1)
        .where(due < as_of, due <= period.end, or_(owed.c.handled_at.is_(None), due < owed.c.handled_at)))
    # The owed follow-up itself (behind 0) is among the rungs already.
    return select(rounds.c.step_id, rounds.c.report_id, rounds.c.due).where(rounds.c.behind > 0)


def _emergency_steps(level, period, as_of, scope) -> Counted | None:
    """Every rung of the Art. 21 ladder by its due time and, for a follow-up still owed, each further
    round fallen due meanwhile, late (_missed_rounds): a level that stopped reporting scores as the
    desk, the bulletin and the wall count it, and the same before and after the follow-up is made."""
    if level is Level.DEPARTMENT:
        return None  # reports come from the institutions, not from linked departments
    s, r = EmergencyStep, EmergencyReport
    made = select(s.id.label("step_id"), s.report_id.label("report_id"), s.due_at.label("due"),
                  s.done_at.label("done"), literal(False).label("unreported_round"))
    missed = _missed_rounds(period, as_of).add_columns(cast(null(), UTCDateTime()).label("done"),
                                                       literal(True).label("unreported_round"))
    rungs = union_all(made, missed).subquery("rungs")
    source = rungs.join(r.__table__, rungs.c.report_id == r.id)
    if level is Level.TOWNSHIP:
        key = r.township_id
    elif level is Level.GRID:
        key = r.grid_id
    else:
        serving = serving_staff(period)
        source, key = source.join(serving, serving.c.grid_id == r.grid_id), serving.c.person_id
    where_scope = _places_under(r.grid_id if scope is not None and scope.level in (PlaceLevel.VILLAGE, PlaceLevel.GRID)
                                else r.township_id, scope)
    return Counted(
        Grain.EMERGENCY_STEP, key, r.township_id, source,
        (*_due_in(rungs.c.due, period), *where_scope),
        {"emergency": (or_(rungs.c.done.is_not(None), rungs.c.due < as_of), rungs.c.done <= rungs.c.due)},
        # A round not reported shows the owed follow-up's id: its title says what the row is.
        rungs.c.step_id, r.case_id, r.number,
        case((rungs.c.unreported_round, r.title + UNREPORTED_ROUND), else_=r.title), rungs.c.due, rungs.c.done,
    )


def _staff(level, period, as_of, scope) -> Counted | None:
    if level is Level.DEPARTMENT:
        return None
    serving = serving_staff(period)
    grid = aliased(Place, name="grid")
    village = aliased(Place, name="village")
    source = (serving.join(grid, grid.id == serving.c.grid_id).join(village, village.id == grid.parent_id)
              .join(Person, Person.id == serving.c.person_id))
    key = {Level.TOWNSHIP: village.parent_id, Level.GRID: serving.c.grid_id, Level.STAFF: serving.c.person_id}[level]
    until = min(period.end, as_of) if as_of > period.start else period.start
    logged = exists().where(WorkLogEntry.person_id == serving.c.person_id, WorkLogEntry.grid_id == serving.c.grid_id,
                            WorkLogEntry.occurred_at >= period.start, WorkLogEntry.occurred_at < until)
    return Counted(
        Grain.STAFF, key, village.parent_id, source, _places_under(serving.c.grid_id, scope),
        {"work_log": (true(), logged)},
        serving.c.person_id, cast(null(), Integer), grid.name, Person.name,
        cast(null(), UTCDateTime()), cast(null(), UTCDateTime()),
    )


_BUILDERS = {
    Grain.ASSIGNMENT: _assignments,
    Grain.CASE: _cases,
    Grain.CALLBACK: _callbacks,
    Grain.EMERGENCY_STEP: _emergency_steps,
    Grain.STAFF: _staff,
}


def codes_by_grain(indicators) -> dict[Grain, list[str]]:
    """The indicator codes to sum per grain (one GROUP BY each), with the on-hold count among the cases."""
    by_grain: dict[Grain, list[str]] = {}
    for indicator in indicators:
        by_grain.setdefault(indicator.grain, []).append(indicator.code)
    by_grain.setdefault(Grain.CASE, []).append(ON_HOLD)
    return by_grain


def counted(grain: Grain, level: Level, period: Period, as_of: datetime, scope: Place | None) -> Counted | None:
    """The rows of one grain for a level and period; None when the grain does not apply."""
    return _BUILDERS[grain](level, period, as_of, scope)
