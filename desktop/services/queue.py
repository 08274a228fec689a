"""The case queue: filtered, sorted and paged in SQL, scoped to what the actor may view (a liaison:
its department's cases).

`QueueFilter` is the one description of "the queue as filtered": the main window's queue,
its status-bar counts and the CSV/XLSX export all take it. Every filter maps onto an indexed
column of `cases` (county/township/village/grid ids, state, due_at, category, supervision),
so a page of a million-case queue is a LIMIT query of a few milliseconds and no ORM object
is loaded. Each sort key is followed by columns that an existing index carries after it, so
that the index also serves the order (see `_ORDER`).

Default order: the cases whose lead department missed its sign-for first (`_missed_first`), then
overdue, then the nearest deadline — for open cases that is simply `due_at` ascending (a passed
deadline is the earliest), with cases without a deadline last.
A liaison's queue counts down, sorts and calls overdue by its department's share instead
(`OwnShare`): signing, contacting or handling, whichever step is next. Its state filter reads the
share's state too where the case's state names one of the share's own steps (`OWN_SHARE_STATES`):
本单位办理中 lists the cases its department is handling, one sent back to it as well, and not those where
it has reported its part while the case goes on. Those are found from the department's shares in that
state (ix_assignments_department_state): its work in hand, however large the queue. Its open list holds the open
cases whose share has finished too (reopened, held, or led on by another department): it may still read
them (`visible_condition`), and its row says its part is done.

Text search: a whole case number finds that case through the unique index; any other text
matches part of the case number or title (LIKE, within the rows the other filters select).
No full-text index: Chinese search words are mostly two characters, below
the three-character minimum of both SQLite's FTS5 trigram tokenizer and PostgreSQL's
pg_trgm, so either would fall back to the same scan. The default filter (open cases) narrows
the scan to a few ten thousand rows through the state index; over all states the page query
stops at the first page of matches in display order, and the view counts in the background.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import Boolean, Select, and_, case, false, func, literal_column, null, or_, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.functions import FunctionElement

from ..db import Database
from ..models import Assignment, Case, Department, Place, SupervisionOrder
from ..models.base import utcnow
from ..models.enums import (
    ACTIVE_ASSIGNMENT_STATES,
    AWAITING_DECISION,
    OPEN_CASE_STATES,
    AssignmentRole,
    AssignmentState,
    CaseState,
    MatterCategory,
    PlaceLevel,
    SupervisionLevel,
)
from .clock import BEIJING
from .places import get_place
from .security import Actor, Grant, Permission

# Which indexed column of `cases` selects the subtree of a place of each level.
_SUBTREE_COLUMN = {
    PlaceLevel.COUNTY: Case.county_id,
    PlaceLevel.TOWNSHIP: Case.township_id,
    PlaceLevel.VILLAGE: Case.village_id,
    PlaceLevel.GRID: Case.grid_id,
}


class SortKey(str, enum.Enum):
    DEADLINE = "deadline"  # overdue first, then the nearest deadline
    RECEIVED = "received"
    NUMBER = "number"
    TITLE = "title"
    CATEGORY = "category"
    STATE = "state"


# The order of each key: the key, then what its index holds next, then the id (a total order,
# so pages never overlap). ix_cases_state_due serves STATE, ix_cases_category_received serves
# CATEGORY, the unique number and ix_cases_received/ix_cases_due/ix_cases_title the others over
# all states. For the open cases (a state filter), ix_cases_state_due, ix_cases_state_received
# and ix_cases_state_title hold each state's rows in order, so SQLite reads only the first page's
# worth of every state and never a case row.
_ORDER = {
    SortKey.DEADLINE: (Case.due_at,),
    SortKey.RECEIVED: (Case.received_at,),
    SortKey.NUMBER: (Case.number,),
    SortKey.TITLE: (Case.title,),
    SortKey.CATEGORY: (Case.category, Case.received_at),
    SortKey.STATE: (Case.state, Case.due_at),
}


# The case states that are steps of a department's own share as well: a liaison's state filter reads them as its
# share's (QueueFilter.own_states), as its rows name them (本单位办理中).
OWN_SHARE_STATES = {CaseState.DISPATCHED: AssignmentState.DISPATCHED, CaseState.SIGNED: AssignmentState.SIGNED,
                    CaseState.HANDLING: AssignmentState.HANDLING,
                    CaseState.EXTENSION_PENDING: AssignmentState.EXTENSION_PENDING,
                    CaseState.OBJECTION_PENDING: AssignmentState.OBJECTION_PENDING,
                    CaseState.REPORTED: AssignmentState.REPORTED}


# Taken in and not yet dispatched: no deadline runs, the countdown says how long the request has waited (Art. 17).
TAKEN_IN = frozenset({CaseState.RECEIVED, CaseState.REGISTERED})

# The lead has fed back its result: the case waits on the center's review, not on a department, and keeps no
# running deadline (deadlines.sync_case_due).
AWAITING_REVIEW = frozenset({CaseState.REPORTED, CaseState.UNDER_REVIEW})

# What waits on the center itself, not on a department: requests to take over and dispatch (undated, so
# last in the deadline order), to dispatch again, and decisions (results to review, extensions, objections).
AWAITING_CENTER = frozenset({CaseState.RECEIVED, CaseState.REGISTERED, CaseState.ESCALATED, CaseState.REOPENED,
                             CaseState.REPORTED, CaseState.UNDER_REVIEW, CaseState.EXTENSION_PENDING,
                             CaseState.OBJECTION_PENDING})


@dataclass(frozen=True)
class QueueFilter:
    """What part of the queue to show, and in which order.

    under: a place code; only cases in its subtree (None: everything the actor may view).
    states: the case states to show; empty means all states. The default is the open ones.
    categories: Art. 12 categories to show; empty means all.
    overdue_only: open cases whose deadline has passed, or whose lead department let its sign-for
        deadline pass unsigned (`overdue_condition`): what the countdown shows red.
    supervised_only: cases under a supervision (督办) order.
    awaiting_center: cases waiting on the center itself (AWAITING_CENTER), a co-handler's request
        to decide among them.
    key_supervision_due: unresolved cases due for key supervision (待重点督办, Art. 20(1);
        `due_for_key_supervision`).
    unrouted: the triage list (待分拨清单): cases taken in that lie in no grid yet (`unrouted_condition`).
    own_states: a liaison's: the cases where its department's running share is in one of these states,
        whatever the case's (`OWN_SHARE_STATES`); empty means any. No one else holds a share of their
        own in the queue: for them nothing matches.
    text: part of the case number or title.
    sort, descending: the order; DEADLINE ascending is "overdue first, nearest deadline next".
    """

    under: str | None = None
    states: frozenset[CaseState] = field(default_factory=lambda: frozenset(OPEN_CASE_STATES))
    categories: frozenset[MatterCategory] = frozenset()
    overdue_only: bool = False
    supervised_only: bool = False
    awaiting_center: bool = False
    key_supervision_due: bool = False
    unrouted: bool = False
    own_states: frozenset[AssignmentState] = frozenset()
    text: str = ""
    sort: SortKey = SortKey.DEADLINE
    descending: bool = False

    def with_(self, **changes) -> QueueFilter:
        return replace(self, **changes)


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue, as the columns show it (phone already masked)."""

    id: int
    number: str
    title: str
    category: MatterCategory
    state: CaseState
    supervision: SupervisionLevel
    urgent: bool
    place_name: str
    requester_name: str | None
    requester_phone: str | None
    received_at: datetime
    due_at: datetime | None
    version: int
    lead_department: str | None = None  # who leads the handling now (or last did): the newest lead share's
    # When the lead was to sign for the case, while it has not: a missed sign-for shows before the
    # handling deadline does (Art. 18(1): the department that signs is responsible from then on).
    lead_sign_due_at: datetime | None = None
    # The earliest deadline of the 督办 orders still running (Art. 20(1)): past it, the supervision did
    # not get the case handled in time. Kept as a time, so that a row held on screen turns on the clock.
    supervision_due_at: datetime | None = None
    # A liaison's own part: its department's share still running, and that share's next deadline
    # (signing while unsigned, then contacting, then handling; none while its clock stands still or
    # it has reported).
    own_state: AssignmentState | None = None
    own_due_at: datetime | None = None
    own_step: str | None = None  # what own_due_at is the deadline of: "sign", "contact" or "handle"
    own_role: AssignmentRole | None = None  # whom it reports to: the center (lead) or the lead (co-handler)

    @property
    def is_open(self) -> bool:
        return self.state.is_open

    def supervision_overdue(self, now: datetime) -> bool:
        """A 督办 order still running past its own deadline (Art. 20(1)), while the case waits on a department
        (`supervision_overdue_condition`)."""
        return (self.supervision_due_at is not None and self.supervision_due_at < now
                and self.state not in AWAITING_REVIEW)


@dataclass(frozen=True)
class QueueSummary:
    open: int
    overdue: int
    received_today: int


def mask_phone(phone: str | None) -> str | None:
    """138****1234: keep the first three and last four digits (Art. 15, SPEC §9)."""
    if not phone:
        return phone
    digits = phone.strip()
    if len(digits) <= 7:
        return digits[:1] + "*" * (len(digits) - 1)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def _within(session: Session, grants: list[Grant]):
    """Cases inside the subtrees of the grants."""
    conditions = []
    for grant in grants:
        if grant.place_level is PlaceLevel.CITY:
            return true()  # Beihai is the whole tree
        place_id = grant.place_id or get_place(session, grant.place_code).id
        conditions.append(_SUBTREE_COLUMN[grant.place_level] == place_id)
    return or_(*conditions) if conditions else false()


def visible_condition(session: Session, actor: Actor):
    """The cases the actor may read (Art. 15): every case where they hold VIEW_CASES; where they
    handle for a department (a liaison), the cases it holds a share of — lead or co-handler,
    finished too, but not a share withdrawn (an objection accepted, a re-dispatch) (Art. 18–19). The share is an EXISTS on (case, department), which the covering
    ix_assignments_case_lead answers for each case the other filters leave: a township's open
    cases are probed in milliseconds, where an IN list would read every share the department ever had."""
    grants = actor.scopes(Permission.VIEW_CASES)
    if grants is None:
        return true()
    condition = _within(session, grants)
    handling = actor.scopes(Permission.HANDLE)
    if handling and actor.department_id is not None:
        shares = select(Assignment.id).where(Assignment.case_id == Case.id,
                                             Assignment.department_id == actor.department_id,
                                             Assignment.state != AssignmentState.WITHDRAWN)
        condition = or_(condition, and_(_within(session, handling), shares.exists()))
    return condition


def _subtree_condition(session: Session, code: str):
    place = get_place(session, code)
    column = _SUBTREE_COLUMN.get(place.level)
    return true() if column is None else column == place.id


class rare(FunctionElement):
    """A condition few rows meet. SQLite is told so with unlikely(): its statistics (no STAT4)
    cannot know that open cases are a small minority, and would otherwise walk the whole
    deadline index in order looking for them. Other backends get the bare condition."""

    type = Boolean()
    name = "rare"
    inherit_cache = True
    _is_implicitly_boolean = True  # a condition in its own right: no "= 1" on SQLite


@compiles(rare)
def _bare(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(rare, "sqlite")
def _unlikely(element, compiler, **kw):
    return f"unlikely({compiler.process(element.clauses, **kw)})"


def _state_condition(states: frozenset[CaseState]):
    condition = Case.state.in_(sorted(states))
    # Open cases are a small part of any database that has been in use for a while.
    return rare(condition) if all(s.is_open for s in states) else condition


def supervision_overdue_condition(now: datetime):
    """Under a 督办 order still running past its own deadline (Art. 20(1)): the supervision did not get the
    case handled in time (the queue's "督办超期"). Not once the lead has fed back its result: the order urged
    the department, which has answered, and the case waits on the center's review (AWAITING_REVIEW); sent
    back, it is overdue under its order again. The orders past their deadline are few."""
    return and_(Case.state.not_in(AWAITING_REVIEW),
                Case.id.in_(select(SupervisionOrder.case_id).where(SupervisionOrder.closed_at.is_(None),
                                                                   SupervisionOrder.due_at < now)))


def due_for_key_supervision(now: datetime):
    """Art. 20(1): unresolved requests not yet under key supervision — overdue (as the queue marks it:
    past the handling deadline, or the sign-for its lead let pass unsigned), reopened, on hold, or
    past the deadline of a 督办 order still running (the order did not get them resolved in time) while
    a department still holds them (supervision_overdue_condition).
    Open cases through the state index; the orders past their deadline are few."""
    return and_(_state_condition(frozenset(OPEN_CASE_STATES)), Case.supervision != SupervisionLevel.KEY,
                or_(overdue_condition(now), Case.reopen_count > 0, Case.state == CaseState.ON_HOLD,
                    supervision_overdue_condition(now)))


def unrouted_condition():
    """The triage list (待分拨清单): cases taken in with no location, or one outside every grid, waiting
    for the center to give them a grid. Through the (grid, state) index."""
    return and_(Case.grid_id.is_(None), Case.state == CaseState.RECEIVED)


def granted_condition(session: Session, actor: Actor, permission: Permission):
    """Cases inside the places where the actor holds `permission` (everywhere for the system actor)."""
    grants = actor.scopes(permission)
    return true() if grants is None else _within(session, grants)


# A share reported has no deadline of its own to count down (one waiting for a decision has none
# while its clock is paused: paused_since).
_NO_OWN_CLOCK = (AssignmentState.REPORTED,)


def state_of_readable(db: Database, actor: Actor, number: str) -> CaseState | None:
    """The state of the case numbered `number` where the actor may read it (visible_condition), else None:
    for a search by number that the queue's filters left empty (the case closed, merged, in another
    place), to say why. A case the actor may not read is no more told of than one that does not exist."""
    with db.session() as session:
        return session.scalar(select(Case.state).where(Case.number == number.strip(),
                                                       visible_condition(session, actor)))


def sees_own_share(actor: Actor) -> bool:
    """A liaison: a department's user who views cases nowhere (wall.snapshot's department view) reads
    its own share of each case. Whoever views an area — an operator who belongs to a department too —
    reads the case's."""
    return actor.department_id is not None and actor.scopes(Permission.VIEW_CASES) == []


@dataclass(frozen=True)
class OwnShare:
    """A liaison's part of each case: its department's running share (outer-joined; at most one per
    case, uq_assignments_one_active_per_department), that share's next deadline and which step it is
    the deadline of, and the deadline the queue counts down, sorts and calls overdue by — the
    share's where the department holds one running, the case's where its share has finished."""

    share: type[Assignment]
    due: object
    step: object
    deadline: object

    @classmethod
    def of(cls, actor: Actor, *, outer: bool = False) -> OwnShare | None:
        """For a liaison (sees_own_share); None for anyone else. `outer`: the one for a statement that
        selects from a subquery made with the other, which is a table of its own there."""
        return _own_share("own_share_outer" if outer else "own_share") if sees_own_share(actor) else None

    def joined(self, stmt: Select, actor: Actor) -> Select:
        return stmt.outerjoin(self.share, and_(self.share.case_id == Case.id,
                                               self.share.department_id == actor.department_id,
                                               self.share.state.in_(_RUNNING_LITERALLY)))


# The running states written into the statement as the partial index uq_assignments_one_active_per_department
# lists them: from bound values SQLite cannot tell that the joined share is one of that index's rows, and read
# all of the department's running shares for every case (a liaison's first page over 1,000,000 cases: 35 s).
_RUNNING_LITERALLY = [literal_column(f"'{state.value}'") for state in ACTIVE_ASSIGNMENT_STATES]


@functools.cache
def _own_share(name: str) -> OwnShare:
    """Built once per alias: the share's expressions depend on no actor (the department is joined by
    `OwnShare.joined`), and adapting them to an alias costs a few milliseconds, a third of a liaison's
    page query."""
    share = aliased(Assignment, name=name)
    stopped = share.state.in_(_NO_OWN_CLOCK) | share.paused_since.is_not(None)
    unsigned = share.signed_at.is_(None)
    to_contact = share.contacted_at.is_(None) & share.contact_due_at.is_not(None)
    due = case((stopped, null()), (unsigned, share.sign_due_at), (to_contact, share.contact_due_at),
               else_=share.due_at)
    # No step where the department holds no running share (outer-joined: its columns are null, "unsigned" too).
    step = case((share.id.is_(None) | stopped, null()), (unsigned, "sign"), (to_contact, "contact"), else_="handle")
    return OwnShare(share, due, step, case((share.id.is_(None), Case.due_at), else_=due))


def _filtered(session: Session, actor: Actor, f: QueueFilter, stmt: Select, now: datetime,
              own: OwnShare | None = None) -> Select:
    """`stmt` limited to the filter. For a liaison, `own` (joined here) decides what is overdue."""
    stmt = stmt.where(visible_condition(session, actor))
    if own is not None:
        stmt = own.joined(stmt, actor)
    if f.under:
        stmt = stmt.where(_subtree_condition(session, f.under))
    if f.states:
        stmt = stmt.where(_state_condition(f.states))
    if f.own_states:
        # On the outer-joined share, this makes it an inner join: both backends can then start from the
        # department's shares in those states (ix_assignments_department_state).
        stmt = stmt.where(own.share.state.in_(sorted(f.own_states)) if own is not None else false())
    if f.categories:
        stmt = stmt.where(Case.category.in_(sorted(f.categories)))
    if f.overdue_only:
        stmt = stmt.where(_state_condition(frozenset(OPEN_CASE_STATES)), overdue_condition(now, own))
    if f.supervised_only:
        # Few cases are ever under a supervision order.
        stmt = stmt.where(rare(Case.supervision.in_([s for s in SupervisionLevel if s is not SupervisionLevel.NONE])))
    if f.awaiting_center:
        # A co-handler's extension or objection leaves the case in its lead's state: found by its share.
        pending = select(Assignment.id).where(Assignment.case_id == Case.id,
                                              Assignment.state.in_(AWAITING_DECISION)).exists()
        stmt = stmt.where(or_(_state_condition(AWAITING_CENTER), pending))
    if f.key_supervision_due:
        stmt = stmt.where(due_for_key_supervision(now))
    if f.unrouted:
        stmt = stmt.where(unrouted_condition())
    text = f.text.strip()
    if text:
        stmt = stmt.where(_text_condition(session, text))
    return stmt


def _missed_sign_for(now: datetime):
    """The unsigned leads whose sign-for deadline has passed (Art. 18(1)), through their partial index:
    a few rows however large the queue."""
    return select(Assignment.case_id).where(
        Assignment.role == AssignmentRole.LEAD, Assignment.state == AssignmentState.DISPATCHED,
        Assignment.sign_due_at < now)


def missed_sign_for(now: datetime):
    """The cases whose lead department let its sign-for deadline pass unsigned (Art. 18(1))."""
    return Case.id.in_(_missed_sign_for(now))


def overdue_condition(now: datetime, own: OwnShare | None = None):
    """Overdue by the deadline the queue's countdown shows red (the caller keeps to open cases).

    A liaison's: its own share's next one (`OwnShare`). Anyone else's: the case's handling
    deadline, or the sign-for its lead department let pass unsigned (Art. 18(1) — the countdown
    shows "签收 超期" while the handling deadline may be days away).
    """
    if own is not None:
        return own.deadline < now
    return or_(Case.due_at < now, missed_sign_for(now))


def _missed_first(f: QueueFilter, own: OwnShare | None) -> bool:
    """Whether the queue lists the cases whose lead missed its sign-for first: in the default order
    (overdue first, nearest deadline next), and not a liaison's, which counts its own share's steps.
    A case no department has taken on is the first the center chases (Art. 18(1)); listed ahead as a
    block of their own, they leave the rest in the order of an index (`page`)."""
    return own is None and f.sort is SortKey.DEADLINE and not f.descending


def _text_condition(session: Session, text: str):
    """A whole case number finds its case through the unique index; anything else is a substring."""
    if session.scalar(select(Case.id).where(Case.number == text)) is not None:
        return Case.number == text
    return or_(Case.number.contains(text, autoescape=True), Case.title.contains(text, autoescape=True))


def count(db: Database, actor: Actor, f: QueueFilter, *, now: datetime | None = None) -> int:
    """How many cases the filter selects (the row count of the queue view)."""
    with db.session() as session:
        own = OwnShare.of(actor)
        return session.scalar(_filtered(session, actor, f, select(func.count()).select_from(Case), now or utcnow(), own))


def _order_by(f: QueueFilter, own: OwnShare | None = None) -> list:
    order = []
    for column in (*_ORDER[f.sort], Case.id):
        if column is Case.due_at:
            # Sorted by deadline, undated cases come last either way (an index on due_at still
            # serves that on both backends); as a tie-breaker a missing deadline counts as the
            # smallest, which is the order of the state index. A liaison's queue is ordered by the
            # deadline its countdown shows (its department's share's): its department's cases, no index.
            deadline = own.deadline if own is not None else column
            term = deadline.desc() if f.descending else deadline.asc()
            last = f.sort is SortKey.DEADLINE or f.descending
            term = term.nulls_last() if last else term.nulls_first()
        else:
            term = column.desc() if f.descending else column.asc()
        order.append(term)
    return order


def filtered_select(session: Session, actor: Actor, f: QueueFilter, stmt: Select, *,
                    now: datetime | None = None) -> Select:
    """`stmt` (a select over `cases`) limited to the filter and in the queue's order, for exports:
    only the cases of the places where the actor may also export (Permission.EXCHANGE). A user who
    views two places but exports for one exports that one's cases (Art. 15)."""
    own, now = OwnShare.of(actor), now or utcnow()
    stmt = _filtered(session, actor, f, stmt, now, own).where(
        granted_condition(session, actor, Permission.EXCHANGE))
    if _missed_first(f, own):  # as `page` lists them: a block first, by the sign-for missed
        missed = missed_sign_for(now)
        stmt = stmt.order_by(case((missed, 0), else_=1), case((missed, lead_sign_due()), else_=null()))
    return stmt.order_by(*_order_by(f, own))


def lead_sign_due():
    """The sign-for deadline of a case's lead department waiting to sign (correlated to `cases`; one lead
    at most is active, uq_assignments_one_active_lead)."""
    return (select(func.min(Assignment.sign_due_at))
            .where(Assignment.case_id == Case.id, Assignment.role == AssignmentRole.LEAD,
                   Assignment.state == AssignmentState.DISPATCHED).scalar_subquery())


def _newest_lead(stmt: Select):
    """`stmt` (a select over `assignments`) of the case's newest lead share not withdrawn (correlated to `cases`,
    through the index on assignments.case_id: looked up for the rows read only)."""
    return (stmt.where(Assignment.case_id == Case.id, Assignment.role == AssignmentRole.LEAD,
                       Assignment.state != AssignmentState.WITHDRAWN)
            .order_by(Assignment.id.desc()).limit(1).scalar_subquery())


def lead_department():
    """The short name of the department leading the case now (or last)."""
    return _newest_lead(select(Department.short_name).join(Assignment, Assignment.department_id == Department.id))


def lead_deadline():
    """The handling deadline of the case's lead share: the case's own while it runs; kept on the share once
    the lead has fed back (AWAITING_REVIEW), where the case keeps none (deadlines.sync_case_due)."""
    return _newest_lead(select(Assignment.due_at))


def _window(session: Session, f: QueueFilter, ids: Select, own: OwnShare | None, now: datetime,
            offset: int, limit: int) -> list[int]:
    """The ids of rows [offset, offset + limit) of the filtered queue `ids`, in order. Where the cases
    whose lead missed its sign-for come first (`_missed_first`), those few are read whole, and the
    rest keep to their index's order. The rest leaves out the ids read, not a second reading of who
    missed a sign-for: a sign-for saved between the two reads neither repeats a case nor drops one."""
    if not _missed_first(f, own):
        return list(session.scalars(ids.order_by(*_order_by(f, own)).offset(offset).limit(limit)))
    first = list(session.scalars(ids.where(missed_sign_for(now)).order_by(lead_sign_due(), Case.id)))
    head = first[offset:offset + limit]
    if len(head) == limit:
        return head
    rest = ids.where(Case.id.not_in(first)) if first else ids
    rest = rest.order_by(*_order_by(f, own)).offset(max(0, offset - len(first))).limit(limit - len(head))
    return head + list(session.scalars(rest))


# How far down the queue `position` looks for a case: a township's open queue is a few thousand rows; reading
# this many ids in the queue's index order takes tens of milliseconds, off the GUI thread.
POSITION_LIMIT = 50_000


@dataclass(frozen=True)
class Placed:
    """Where a case stands in the filtered queue: whether the filter and the actor's places hold it (`listed`),
    and its row where it lies within the rows `position` reads (None beyond them)."""

    listed: bool
    row: int | None = None


def position(db: Database, actor: Actor, f: QueueFilter, case_id: int, *, now: datetime | None = None,
             within: int = POSITION_LIMIT) -> Placed:
    """Where a case stands in the filtered, sorted queue, as `page` lists it at `now`: a case just taken in,
    to be chosen wherever it falls, not only on the pages a desk has loaded."""
    now = now or utcnow()
    with db.session() as session:
        own = OwnShare.of(actor)
        ids = _filtered(session, actor, f, select(Case.id), now, own)
        if session.scalar(ids.where(Case.id == case_id)) is None:
            return Placed(listed=False)
        window = _window(session, f, ids, own, now, 0, within)
    return Placed(listed=True, row=window.index(case_id) if case_id in window else None)


def page(db: Database, actor: Actor, f: QueueFilter, offset: int, limit: int, *,
         now: datetime | None = None) -> list[QueueRow]:
    """Rows [offset, offset + limit) of the filtered, sorted queue."""
    now = now or utcnow()
    grid, village, township = aliased(Place), aliased(Place), aliased(Place)
    place_name = func.coalesce(grid.short_name, village.short_name, township.short_name)
    # As the lead department, for the page's rows only (through the index on supervision_orders.case_id).
    supervision_due = (select(func.min(SupervisionOrder.due_at))
                       .where(SupervisionOrder.case_id == Case.id, SupervisionOrder.closed_at.is_(None))
                       .scalar_subquery())
    columns = (Case.id, Case.number, Case.title, Case.category, Case.state, Case.supervision, Case.urgent,
               place_name, Case.requester_name, Case.requester_phone, Case.received_at, Case.due_at, Case.version,
               lead_department(), lead_sign_due(), supervision_due)
    with db.session() as session:
        inner = OwnShare.of(actor)
        window = _window(session, f, _filtered(session, actor, f, select(Case.id), now, inner), inner, now,
                         offset, limit)
        own = OwnShare.of(actor, outer=True)  # the outer statement's own join
        stmt = (
            select(*columns)
            .where(Case.id.in_(window))
            .outerjoin(grid, grid.id == Case.grid_id)
            .outerjoin(village, village.id == Case.village_id)
            .join(township, township.id == Case.township_id)
        )
        stmt = own.joined(stmt, actor) if own is not None else stmt
        if own is not None:  # a liaison's countdown: its own share's
            stmt = stmt.add_columns(own.share.state, own.due, own.step, own.share.role)
        position = {case_id: n for n, case_id in enumerate(window)}
        rows = sorted(session.execute(stmt).all(), key=lambda row: position[row[0]])
    return [QueueRow(*row[:9], mask_phone(row[9]), *row[10:]) for row in rows]


def summary(db: Database, actor: Actor, under: str | None = None, *, now: datetime | None = None) -> QueueSummary:
    """Open cases, overdue open cases and today's intake (Beijing day) for the status bar."""
    now = now or utcnow()
    midnight = now.astimezone(BEIJING).replace(hour=0, minute=0, second=0, microsecond=0)
    is_open = Case.state.in_(OPEN_CASE_STATES)
    own = OwnShare.of(actor)  # a liaison: overdue by its department's share
    with db.session() as session:
        stmt = select(
            func.count().filter(is_open),
            func.count().filter(and_(is_open, overdue_condition(now, own))),
            func.count().filter(Case.received_at >= midnight),
        ).select_from(Case)
        stmt = _filtered(session, actor, QueueFilter(under=under, states=frozenset()), stmt, now, own)
        open_, overdue, today = session.execute(stmt).one()
    return QueueSummary(open_, overdue, today)
