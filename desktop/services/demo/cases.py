"""A few hundred made-up cases over the demo history, in every CaseState, each consistent with
its timeline: assignments with their clocks (cases.deadlines, WorkCalendar), events for every
step, extensions, objections, stage reports, supervision orders, callbacks, holds and merges.

Each case is first planned as a list of steps with delays (pure randomness, no dates), then
placed in time so that its last step lies before "now" and then played forward, computing
every deadline from the real working-day calendar. The callback after closing follows the last
step: made where its round has run out by "now", else still to make on the callback workbench.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from shapely import prepared
from sqlalchemy import select
from shapely.geometry import Point

from ...models import (
    Assignment,
    Callback,
    Case,
    CaseEvent,
    Department,
    Escalation,
    Extension,
    MatterItem,
    Objection,
    Person,
    StageReport,
    SupervisionOrder,
)
from ...models.enums import (
    AssignmentRole,
    AssignmentState,
    CallbackOutcome,
    CallbackState,
    CaseState,
    Channel,
    DecisionState,
    GridKind,
    HandlingLevel,
    MatterCategory,
    Satisfaction,
    SeaCategory,
    SupervisionLevel,
    TimeLimitUnit,
)
from ..cases.callback_schedule import DEFAULT_RULE, due_after_close, due_while_on_hold
from ..cases.deadlines import extend, limits_for, start_clock
from ..clock import due_text_as_of
from ..numbering import reserve_numbers
from .accounts import DEMO_USERS
from .context import HISTORY_DAYS, DemoContext
from .departments import DemoDepartments
from .grids import DemoGrid
from .matter_list import LIMITS, ItemSpec

S, A = CaseState, AssignmentState
CASE_COUNT = 400
# How often each final state occurs (every state occurs at least once regardless).
STATE_WEIGHTS = {
    S.CLOSED: 40, S.RESOLVED_ON_SPOT: 12, S.HANDLING: 9, S.SIGNED: 4, S.DISPATCHED: 4, S.RECEIVED: 2,
    S.REGISTERED: 3, S.ESCALATED: 2, S.EXTENSION_PENDING: 3, S.OBJECTION_PENDING: 2, S.REPORTED: 3,
    S.UNDER_REVIEW: 3, S.SENT_BACK: 2, S.REOPENED: 2, S.ON_HOLD: 3, S.MERGED: 2,
}
# Held less than a month: the monthly callback of a case on hold (Art. 20(2)) is still to come, not weeks overdue.
HELD_AT_MOST_HOURS = DEFAULT_RULE["on_hold_every_days"] * 24 - 24
# How long (hours) a case has been sitting in its final state: (low, high).
DWELL_HOURS = {
    S.RECEIVED: (0.05, 3), S.REGISTERED: (0.2, 20), S.DISPATCHED: (0.1, 40), S.SIGNED: (0.5, 30),
    S.HANDLING: (1, 600), S.EXTENSION_PENDING: (1, 40), S.OBJECTION_PENDING: (1, 40), S.REPORTED: (0.5, 30),
    S.UNDER_REVIEW: (1, 48), S.SENT_BACK: (1, 72), S.REOPENED: (1, 72), S.ON_HOLD: (120, HELD_AT_MOST_HOURS),
    S.ESCALATED: (1, 120),
}
CHANNELS = (Channel.GRID_STAFF,) * 4 + (Channel.HOTLINE_12345,) * 3 + (Channel.PLATFORM, Channel.WALK_IN,
                                                                       Channel.PHONE)
OPERATORS = ("侨港值班员甲", "侨港值班员乙")
SUPERVISOR = "侨港值班长"
DESKTOPS = ("ZHZX-01", "ZHZX-02")
HOLD_REASONS = (
    ("涉及规划调整,需待片区改造方案批复后统一解决", "已向诉求人说明规划审批进度,批复后优先处理"),
    ("历史遗留产权问题,需法院判决后才能处理", "已告知诉求人可通过诉讼途径解决,并提供法律援助联系方式"),
    ("所需资金未列入本年度预算", "已向诉求人解释资金安排情况,明年列入计划后处理"),
)
# The callbacks after closing left undone past their due, the latest rounds to run out: the workbench shows
# what is overdue (Art. 20(2)).
OVERDUE_CALLBACKS = 2
AWAITING_SIGN_FOR = 2  # cases led by each demo liaison's department, waiting for it to sign for them
EXTENSION_REFUSAL = "检测可加急办理,请按原期限办结"
LATE_REASON = "需协调相关方,现场处置耗时较长"


@dataclass
class Step:
    kind: str
    hours: float  # delay after the previous step


@dataclass
class Planned:
    grid: DemoGrid
    item_id: int
    spec: ItemSpec
    state: CaseState
    steps: list[Step]
    dwell_hours: float
    title: str
    channel: Channel
    point: tuple[float, float] | None
    # Hours after closing that the requester is called back, in a round run out by now (Player._callback).
    callback_after_hours: float | None = None
    callback_overdue: bool = False  # see _leave_overdue_callbacks
    received_at: datetime | None = None
    case: Case | None = None
    history: list[tuple[datetime, CaseState]] = field(default_factory=list)  # (when, state entered)

    @property
    def hours_ago(self) -> float:
        """How long before "now" the case was received."""
        return sum(step.hours for step in self.steps) + self.dwell_hours


@dataclass
class Pending:
    """Rows that need the id of a case or assignment not flushed yet."""

    rows: list = field(default_factory=list)

    def add(self, row, **owners) -> None:
        self.rows.append((row, owners))

    def resolve(self) -> list:
        for row, owners in self.rows:
            for attribute, owner in owners.items():
                setattr(row, attribute, owner.id)
        return [row for row, _ in self.rows]


class _Grids:
    """Where a case lies: a random point of a grid that routes to that grid (exclusive wins)."""

    def __init__(self, ctx: DemoContext, grids: list[DemoGrid]):
        self.rng = ctx.rng
        self.grids = grids
        self.exclusive = [prepared.prep(g.polygon) for g in grids if g.kind is not GridKind.REGULAR and g.polygon]
        self.prepared = {g.place.id: prepared.prep(g.polygon) for g in grids if g.polygon is not None}
        weights = {GridKind.REGULAR: 6, GridKind.EXCLUSIVE: 5, GridKind.SEA: 4}
        self.weights = [weights[g.kind] for g in grids]

    def pick(self) -> DemoGrid:
        return self.rng.choices(self.grids, self.weights)[0]

    def point(self, grid: DemoGrid) -> tuple[float, float] | None:
        if grid.polygon is None:
            return None
        minx, miny, maxx, maxy = grid.polygon.bounds
        while True:
            p = Point(self.rng.uniform(minx, maxx), self.rng.uniform(miny, maxy))
            if not self.prepared[grid.place.id].contains(p):
                continue
            if grid.kind is GridKind.REGULAR and any(e.contains(p) for e in self.exclusive):
                continue
            return round(p.x, 6), round(p.y, 6)


def _items_for(grid: DemoGrid, items: dict[int, ItemSpec]) -> list[int]:
    """Sea grids mostly raise fishery and safety matters; land grids anything else."""
    sea = [i for i, s in items.items() if s.lead == "YYZ"]
    if grid.kind is GridKind.SEA and sea:
        return sea
    return [i for i, s in items.items() if s.lead != "YYZ" or grid.grid.sea_category is SeaCategory.PORT]


class Planner:
    def __init__(self, ctx: DemoContext, grids: list[DemoGrid], items: dict[int, ItemSpec]):
        self.ctx, self.rng, self.items = ctx, ctx.rng, items
        self.where = _Grids(ctx, grids)

    def u(self, low: float, high: float) -> float:
        return self.rng.uniform(low, high)

    def states(self, count: int) -> list[CaseState]:
        forced = list(STATE_WEIGHTS)
        rest = self.rng.choices(forced, list(STATE_WEIGHTS.values()), k=count - len(forced))
        return forced + rest

    def plan(self, state: CaseState, grid: DemoGrid | None = None, item_id: int | None = None,
             max_age_days: float = HISTORY_DAYS) -> Planned:
        grid = grid or self.where.pick()
        item_id = item_id or self.rng.choice(_items_for(grid, self.items))
        spec = self.items[item_id]
        steps = self._steps(state, spec)
        callback_after = self.u(4, 70) if state in (S.CLOSED, S.RESOLVED_ON_SPOT) else None
        span = sum(s.hours for s in steps)
        if state in DWELL_HOURS:
            dwell = self.u(*DWELL_HOURS[state])
        else:  # finished cases are spread over the whole history, by when they were finished
            dwell = self.u(0.5, max(1.0, max_age_days * 24 - span))
        if span + dwell > max_age_days * 24:
            scale = (max_age_days * 24 - dwell) / span
            for step in steps:
                step.hours *= max(scale, 0.05)
        title = self.rng.choice(spec.case_titles) if spec.case_titles else spec.title
        channel = self.rng.choice(CHANNELS)
        point = self.where.point(grid)  # drawn for every case, so that the demo's other cases stay as they are
        # One still waiting to be taken over is on the triage list: taken in without a location (a grid
        # would have been given to a located one at intake, Art. 16).
        return Planned(grid, item_id, spec, state, steps, dwell, title, channel, None if state is S.RECEIVED else point,
                       callback_after)

    def _steps(self, state: CaseState, spec: ItemSpec) -> list[Step]:
        u, rng = self.u, self.rng
        urgent = spec.complexity.value == "urgent"
        handle_days = {"general": (0.5, 7), "complex": (3, 20), "urgent": (0.1, 1.2)}[spec.complexity.value]
        steps = [Step("received", 0)]
        if state is S.RECEIVED:
            return steps
        steps.append(Step("registered", u(0.05, 1)))
        if state in (S.REGISTERED, S.ESCALATED, S.MERGED, S.RESOLVED_ON_SPOT):
            extra = {S.ESCALATED: "escalated", S.MERGED: "merged", S.RESOLVED_ON_SPOT: "on_spot"}.get(state)
            if extra:
                steps.append(Step(extra, u(0.5, 30)))
            return steps
        sign = (0.05, 0.45) if urgent else ((0.2, 20) if rng.random() < 0.9 else (26, 60))
        if rng.random() < 0.05 and state not in (S.DISPATCHED, S.OBJECTION_PENDING):
            # Art. 18(2): the first department objects, the center agrees and dispatches again.
            steps += [Step("dispatched", u(0.1, 4)), Step("objection_raised", u(1, 20)),
                      Step("objection_approved", u(1, 24))]
        steps.append(Step("dispatched", u(0.1, 0.5) if urgent else u(0.2, 4)))
        if state is S.DISPATCHED:
            return steps
        if state is S.OBJECTION_PENDING:
            if rng.random() < 0.5:
                steps.append(Step("signed", u(*sign)))
            return steps + [Step("objection_raised", u(1, 20))]
        steps.append(Step("signed", u(*sign)))
        if state is S.SIGNED:
            return steps
        steps.append(Step("contacted", u(0.5, 20)))
        if state is S.HANDLING:
            if rng.random() < 0.3:
                steps += self._extension(steps, spec, rng.choice(("extension_approved", "extension_refused")))
            return steps
        if state is S.EXTENSION_PENDING:
            return steps + self._extension(steps, spec, None)
        if state is S.ON_HOLD:
            return steps + [Step("on_hold", u(24, 240)), Step("callback_on_hold", 0)]
        if rng.random() < 0.12:
            steps += self._extension(steps, spec, rng.choice(("extension_approved", "extension_approved",
                                                              "extension_refused")))
        steps += [Step("co_reported", u(*handle_days) * 12), Step("result_reported", u(*handle_days) * 12)]
        if state is S.REPORTED:
            return steps
        if rng.random() < 0.08 or state is S.SENT_BACK:
            steps += [Step("review_started", u(0.5, 12)), Step("sent_back", u(1, 24))]
            if state is S.SENT_BACK:
                return steps
            steps.append(Step("result_reported", u(*handle_days) * 8))
        steps.append(Step("review_started", u(0.5, 12)))
        if state is S.UNDER_REVIEW:
            return steps
        steps.append(Step("closed", u(1, 36)))
        if state is S.REOPENED:
            steps.append(Step("callback_unsatisfied_reopen", u(6, 60)))
        return steps

    def _extension(self, steps: list[Step], spec: ItemSpec, decision: str | None) -> list[Step]:
        """Art. 19(2): asked for while the lead's deadline still runs (the desk refuses it past the deadline,
        Art. 18), and decided within hours, before even the shortest extension would run out."""
        amount, unit = LIMITS[spec.complexity]
        # At the least: a deadline in working days falls at 24:00 of the last one, a day or more each.
        limit_hours = amount * 24 if unit is TimeLimitUnit.WORKING_DAYS else amount
        dispatched = max(i for i, step in enumerate(steps) if step.kind == "dispatched")
        hours_left = limit_hours - sum(step.hours for step in steps[dispatched + 1:])
        asked = [Step("extension_requested", self.u(0.1, 0.9) * hours_left)]
        return asked + [Step(decision, self.u(1, 8))] if decision else asked


def _late_note(late: bool) -> str:
    """A result fed back past the deadline says why: department.report_result asks for it (Art. 18(1))."""
    return f"(逾期,理由:{LATE_REASON})" if late else ""


def _late_detail(late: bool) -> dict:
    return {"late": True, "late_reason": LATE_REASON} if late else {"late": False}


class Player:
    """Plays a planned case forward in time, writing the case, its rows and its timeline."""

    def __init__(self, ctx: DemoContext, departments: DemoDepartments, items: dict[int, MatterItem],
                 staff: dict[int, list[Person]], pending: Pending):
        self.ctx, self.rng = ctx, ctx.rng
        self.departments, self.items, self.staff, self.pending = departments, items, staff, pending
        self.township_departments = list(departments.township.values())

    def play(self, plan: Planned, number: str) -> Case:
        ctx, rng = self.ctx, self.rng
        item = self.items[plan.item_id]
        requester = self.staff[plan.grid.place.id][0] if plan.channel is Channel.GRID_STAFF else None
        lon, lat = plan.point or (None, None)
        address = (f"{plan.grid.place.short_name}附近" if plan.point  # the grid's name holds its village's
                   else f"{plan.grid.village.short_name},具体位置待核实" if plan.state is S.RECEIVED
                   else f"{plan.grid.place.short_name}作业渔船")
        case = Case(number=number, channel=plan.channel, title=plan.title,
                    description=f"{'网格员' if requester else '群众'}反映:{plan.title},请协调处理。",
                    requester_name=requester.name if requester else ctx.names.person(),
                    requester_phone=requester.phone if requester else ctx.names.mobile(),
                    category=plan.spec.category, matter_item_id=item.id, lon=lon, lat=lat, address=address,
                    county_id=ctx.county.id, township_id=ctx.township.id, state=S.RECEIVED, level=HandlingLevel.TOWNSHIP,
                    urgent=plan.spec.complexity.value == "urgent", received_at=plan.received_at,
                    synthetic=True, updated_by=rng.choice(OPERATORS), reopen_count=0,
                    supervision=SupervisionLevel.NONE)
        case.assignments = []
        plan.case = case
        self.case, self.plan = case, plan
        self.limits = limits_for(item, case.urgent)
        self.lead: Assignment | None = None
        self.used_leads: set[int] = set()
        at = plan.received_at
        for step in plan.steps:
            at = at + timedelta(hours=step.hours)
            getattr(self, f"_{step.kind}")(at)
        self._stage_report_if_late()
        case.created_at = plan.received_at
        case.updated_at = at
        if plan.callback_after_hours is not None:
            self._callback(at + timedelta(hours=plan.callback_after_hours))
        return case

    # -- helpers --------------------------------------------------------------------------
    def event(self, at: datetime, kind: str, message: str, to_state: CaseState | None = None,
              assignment: Assignment | None = None, actor: str | None = None, **detail) -> None:
        case = self.case
        event = CaseEvent(assignment_id=None, at=at, kind=kind, actor_name=actor or self.rng.choice(OPERATORS),
                          desktop=self.rng.choice(DESKTOPS) if actor is None else None,
                          from_state=None if kind == "received" else case.state.value,
                          to_state=(to_state or case.state).value, message=message, detail=detail)
        if to_state is not None:
            case.state = to_state
            self.plan.history.append((at, to_state))
        owners = {"case_id": case} | ({"assignment_id": assignment} if assignment is not None else {})
        self.pending.add(event, **owners)

    def dept(self, assignment: Assignment) -> Department:
        return next(d for d in self.township_departments if d.id == assignment.department_id)

    def _assign(self, at: datetime, department: Department, role: AssignmentRole) -> Assignment:
        assignment = Assignment(department_id=department.id, role=role, dispatched_by=self.rng.choice(OPERATORS),
                                state=A.DISPATCHED)
        start_clock(assignment, self.ctx.calendar, self.limits, at)
        assignment.created_at = assignment.updated_at = at
        self.case.assignments.append(assignment)
        return assignment

    def _lead_department(self) -> Department:
        preferred = self.departments.township[self.plan.spec.lead]
        if preferred.id not in self.used_leads:
            return preferred
        return self.rng.choice([d for d in self.township_departments if d.id not in self.used_leads])

    def _all_active(self) -> list[Assignment]:
        return [a for a in self.case.assignments if a.state not in (A.DONE, A.WITHDRAWN)]

    def _finish_all(self, at: datetime) -> None:
        for assignment in self._all_active():
            assignment.state, assignment.finished_at = A.DONE, at
        self.case.due_at = None

    # -- steps (named after the timeline event kinds of services.cases) ------------------
    def _received(self, at):
        self.event(at, "received", f"受理诉求({self.case.channel.label})", to_state=S.RECEIVED,
                   channel=self.case.channel.value)

    def _registered(self, at):
        grid = self.plan.grid.place
        how = "按位置分派至网格" if self.plan.point else "指定网格"
        self.case.registered_at = at
        self.case.grid_id, self.case.village_id = grid.id, self.plan.grid.village.id
        self.event(at, "routed", f"{how} {grid.short_name}({grid.code})", to_state=S.REGISTERED)

    def _escalated(self, at):
        reason = "涉及多个部门职责,需区级统筹协调"
        self.pending.add(Escalation(from_level=HandlingLevel.TOWNSHIP, to_level=HandlingLevel.COUNTY, at=at,
                                    actor_name=SUPERVISOR, reason=reason), case_id=self.case)
        self.case.level = HandlingLevel.COUNTY
        self.event(at, "escalated", f"由乡镇(街道)上报至县(区):{reason}", to_state=S.ESCALATED, actor=SUPERVISOR,
                   from_level="township", to_level="county")

    def _merged(self, at):
        self.case.closed_at = at  # merged_into_id is set once every case exists (see seed_cases)

    def _on_spot(self, at):
        result = "网格员到场协调,问题已当场解决"
        self.case.resolution, self.case.closed_at, self.case.level = result, at, HandlingLevel.GRID
        self.event(at, "on_spot", f"网格工作人员就地办结:{result}", to_state=S.RESOLVED_ON_SPOT)

    def _dispatched(self, at):
        lead_department = self._lead_department()
        self.used_leads.add(lead_department.id)
        self.lead = self._assign(at, lead_department, AssignmentRole.LEAD)
        co = [self.departments.township[k] for k in self.plan.spec.co if self.rng.random() < 0.6
              and self.departments.township[k].id != lead_department.id]
        for department in co:
            self._assign(at, department, AssignmentRole.CO)
        self.case.due_at = self.lead.due_at
        due = due_text_as_of(self.lead.due_at, at)
        co_names = "、".join(d.name for d in co)
        self.event(at, "dispatched", f"派遣至主办单位 {lead_department.name}" + (f",协办单位 {co_names}" if co else "")
                   + f";办理时限 {self.limits.handle.label},至 {due}", to_state=S.DISPATCHED,
                   lead=lead_department.name, co=co_names)

    def _signed(self, at):
        for assignment in self._all_active():
            late = "(逾期签收)" if at > assignment.sign_due_at else ""
            assignment.state, assignment.signed_at = A.SIGNED, at
            to_state = S.SIGNED if assignment is self.lead else None
            self.event(at, "signed", f"{self.dept(assignment).name} 签收{late}", to_state=to_state,
                       assignment=assignment, actor=self.dept(assignment).name)

    def _contacted(self, at):
        lead = self.lead
        lead.state, lead.contacted_at = A.HANDLING, at
        for assignment in self._all_active():
            assignment.state = A.HANDLING
        self.event(at, "contacted", f"{self.dept(lead).name} 联系诉求人:已电话联系,约定上门核实",
                   to_state=S.HANDLING, assignment=lead, actor=self.dept(lead).name)

    def _stage_report_if_late(self) -> None:
        """Art. 18(1): a lead still handling past its deadline reported how far it got."""
        lead = self.lead
        if lead is None or lead.state is not A.HANDLING or lead.due_at > self.ctx.now:
            return
        at = max(lead.due_at - timedelta(hours=3), lead.contacted_at + timedelta(minutes=30))
        if at > self.ctx.now:
            return
        content = "已现场核实,正在协调相关方,预计需延后办结"
        self.pending.add(StageReport(at=at, by=self.dept(lead).name, content=content), assignment_id=lead)
        self.event(at, "stage_report", f"{self.dept(lead).name} 报送阶段性工作情况:{content}", assignment=lead,
                   actor=self.dept(lead).name)

    def _extension_requested(self, at):
        lead = self.lead
        amount = self.limits.handle.amount if self.rng.random() < 0.5 else max(1, self.limits.handle.amount // 2)
        reason = "需等待检测结果,无法在原期限内办结"
        self.extension = Extension(requested_at=at, requested_by=self.dept(lead).name, reason=reason,
                                   requested_amount=amount, state=DecisionState.PENDING)
        self.pending.add(self.extension, assignment_id=lead)
        self.event(at, "extension_requested", f"{self.dept(lead).name} 申请延期 {amount} {self.limits.handle.unit.label}:"
                   f"{reason}", to_state=S.EXTENSION_PENDING, assignment=lead, actor=self.dept(lead).name,
                   amount=amount)
        lead.state = A.EXTENSION_PENDING

    def _extension_approved(self, at):
        """The deadline counted on from the original one, as review.decide_extension counts it."""
        lead, extension = self.lead, self.extension
        extended = extend(self.ctx.calendar, lead.original_due_at, extension.requested_amount, self.limits.handle.unit)
        lead.due_at = extension.new_due_at = self.case.due_at = extended
        self._extension_decided(at, DecisionState.APPROVED, f"同意延期,新期限 {due_text_as_of(extended, at)}")

    def _extension_refused(self, at):
        """A refusal says why, for the department to read (review.decide_extension asks for it)."""
        self.extension.comment = EXTENSION_REFUSAL
        self._extension_decided(at, DecisionState.REFUSED, f"不同意延期,按原期限办理({EXTENSION_REFUSAL})")

    def _extension_decided(self, at, state: DecisionState, verdict: str) -> None:
        lead, extension = self.lead, self.extension
        extension.state, extension.decided_by, extension.decided_at = state, SUPERVISOR, at
        lead.state = A.HANDLING
        self.event(at, "extension_decided", f"{self.dept(lead).name} 的延期申请:{verdict}", to_state=S.HANDLING,
                   assignment=lead, actor=SUPERVISOR, approved=state is DecisionState.APPROVED)

    def _objection_raised(self, at):
        lead = self.lead
        reason = "该事项不属于本单位职责范围,建议派遣至相关主管单位"
        objection = Objection(raised_at=at, raised_by=self.dept(lead).name, reason=reason)
        self.pending.add(objection, assignment_id=lead)
        self.objection = objection
        lead.state = A.OBJECTION_PENDING
        self.event(at, "objection_raised", f"{self.dept(lead).name} 提出管辖异议:{reason}", to_state=S.OBJECTION_PENDING,
                   assignment=lead, actor=self.dept(lead).name)

    def _objection_approved(self, at):
        lead = self.lead
        self.objection.state, self.objection.decided_by, self.objection.decided_at = DecisionState.APPROVED, SUPERVISOR, at
        for assignment in self._all_active():
            assignment.state, assignment.finished_at = A.WITHDRAWN, at
        self.case.due_at = None
        self.event(at, "objection_decided", f"{self.dept(lead).name} 的管辖异议:异议成立,撤回派遣,待重新派遣",
                   to_state=S.REGISTERED, assignment=lead, actor=SUPERVISOR, approved=True)

    def _co_reported(self, at):
        for assignment in self._all_active():
            if assignment.role is AssignmentRole.CO:
                result = "已配合主办单位完成现场处置"
                assignment.state, assignment.result, assignment.reported_at = A.REPORTED, result, at
                late = at > assignment.due_at
                self.event(at, "co_reported", f"{self.dept(assignment).name}(协办)向主办单位报送办理结果:{result}"
                           + _late_note(late), assignment=assignment, actor=self.dept(assignment).name,
                           **_late_detail(late))

    def _result_reported(self, at):
        lead = self.lead
        result = "已按规定处理完毕,并将结果告知诉求人"
        lead.state, lead.result, lead.reported_at = A.REPORTED, result, at
        self.case.resolution, self.case.due_at = result, None  # waits on the center's review (sync_case_due)
        late = at > lead.due_at
        self.event(at, "result_reported", f"{self.dept(lead).name}(主办)向网格化服务管理机构和诉求人反馈办理结果:{result}"
                   + _late_note(late), to_state=S.REPORTED, assignment=lead, actor=self.dept(lead).name,
                   **_late_detail(late))

    def _review_started(self, at):
        self.event(at, "review_started", "开始核查办理结果", to_state=S.UNDER_REVIEW)

    def _sent_back(self, at):
        self.lead.state, self.case.due_at = A.HANDLING, self.lead.due_at
        self.event(at, "sent_back", "核查未通过,退回重新办理:诉求人反映问题仍然存在", to_state=S.SENT_BACK,
                   assignment=self.lead)

    def _closed(self, at):
        self._finish_all(at)
        self.case.closed_at = at
        self.event(at, "closed", "核查结案", to_state=S.CLOSED)

    def _on_hold(self, at):
        self._finish_all(at)
        self.case.hold_reason, self.case.hold_explanation = self.rng.choice(HOLD_REASONS)
        self.event(at, "on_hold", f"暂缓办理:{self.case.hold_reason};已向诉求人解释:{self.case.hold_explanation}",
                   to_state=S.ON_HOLD, actor=SUPERVISOR)

    def _callback_on_hold(self, at):
        self.pending.add(Callback(due_at=due_while_on_hold(at)), case_id=self.case)

    def _callback(self, at):
        """The callback after closing (Art. 20(2)), made at `at` in a round run out by now; one still running,
        or left overdue (_leave_overdue_callbacks), is still to make. The requester was satisfied: an
        unhappy answer reopens the case at once (_callback_unsatisfied_reopen)."""
        callback = Callback(due_at=due_after_close(self.ctx.calendar, self.case.closed_at))
        self.pending.add(callback, case_id=self.case)
        if callback.due_at > self.ctx.now or self.plan.callback_overdue:
            return
        satisfaction = self.rng.choices((Satisfaction.SATISFIED, Satisfaction.BASICALLY), (70, 22))[0]
        callback.state, callback.done_at, callback.caller = CallbackState.DONE, at, self.responsible_name()
        callback.solved, callback.satisfaction = True, satisfaction
        self.case.updated_at = at
        self.event(at, "callback", f"回访:已解决,{satisfaction.label}", actor=callback.caller,
                   satisfaction=satisfaction.value, solved=True)

    def _callback_unsatisfied_reopen(self, at):
        """Not solved, not satisfied: the callback reopens the case there and then, as at the desk (Art. 20)."""
        caller, notes = self.responsible_name(), "问题反复出现"
        self.pending.add(Callback(due_at=due_after_close(self.ctx.calendar, self.case.closed_at),
                                  state=CallbackState.DONE, done_at=at, caller=caller, solved=False,
                                  satisfaction=Satisfaction.UNSATISFIED, notes=notes, outcome=CallbackOutcome.REOPEN),
                         case_id=self.case)
        self.event(at, "callback", f"回访:未解决,不满意;{notes}", actor=caller, satisfaction="unsatisfied", solved=False)
        self.case.reopen_count += 1
        self.case.closed_at = None
        self.event(at, "reopened", f"重办:回访不满意:{notes}", to_state=S.REOPENED, actor=caller)

    def responsible_name(self) -> str:
        lead = self.lead or next(iter(self.case.assignments), None)
        person = self.departments.responsible.get(lead.department_id) if lead else None
        return person.name if person else SUPERVISOR


def _supervise_overdue(ctx: DemoContext, plans: list[Planned], pending: Pending) -> None:
    """Art. 20(1): overdue open cases get a supervision order; long-unresolved ones key supervision."""
    for plan in plans:
        case = plan.case
        if case.due_at is None or case.due_at > ctx.now or ctx.rng.random() < 0.4:
            continue
        key = ctx.now - case.received_at > timedelta(days=30)
        level = SupervisionLevel.KEY if key else SupervisionLevel.GENERAL
        issued = min(case.due_at + timedelta(hours=ctx.rng.uniform(2, 30)), ctx.now - timedelta(minutes=5))
        pending.add(SupervisionOrder(level=level, issued_at=issued, issued_by=SUPERVISOR,
                                     due_at=ctx.calendar.add_working_days(issued, 2),
                                     reason="已超过办理时限,请承办单位加快办理并说明原因"), case_id=case)
        case.supervision = level
        pending.add(CaseEvent(assignment_id=None, desktop=None, at=issued, kind="supervised", actor_name=SUPERVISOR, from_state=case.state.value,
                              to_state=case.state.value, message=f"{level.label}:已超过办理时限,请加快办理",
                              detail={"level": level.value}), case_id=case)


def _finished_at(plan: Planned) -> datetime:
    """When the case's last step was taken, as Player.play counts the steps on."""
    return plan.received_at + sum((timedelta(hours=step.hours) for step in plan.steps), timedelta())


def _leave_overdue_callbacks(ctx: DemoContext, plans: list[Planned]) -> None:
    """The callbacks after closing of the OVERDUE_CALLBACKS rounds that ran out last are not made yet."""
    run_out = [(due, plan) for plan in plans if plan.callback_after_hours is not None
               and (due := due_after_close(ctx.calendar, _finished_at(plan))) <= ctx.now]
    for _, plan in sorted(run_out, key=lambda pair: pair[0])[-OVERDUE_CALLBACKS:]:
        plan.callback_overdue = True


def _state_at(plan: Planned, moment: datetime) -> CaseState | None:
    """The state the planned case was in at `moment`; None before it was received."""
    states = [state for at, state in plan.history if at <= moment]
    return states[-1] if states else None


def _open_at(plan: Planned, moment: datetime) -> bool:
    state = _state_at(plan, moment)
    return state is not None and state.is_open


def _merge_duplicates(plans: list[Planned]) -> list[CaseEvent]:
    """Point each merged case at a case open at the time (duplicates.merge takes none into a finished case,
    Art. 17): of the same grid if one is, received before the duplicate if one was, the latest such. Where
    none was open yet (a township's first days), it is merged once the next case is received, into that."""
    events = []
    for plan in plans:
        if plan.state is not S.MERGED:
            continue
        at = plan.case.closed_at
        open_then = [p for p in plans if p.state is not S.MERGED and _open_at(p, at)]
        if not open_then:
            first = min((p for p in plans if p.state is not S.MERGED and p.received_at > at), key=lambda p: p.received_at)
            at = plan.case.closed_at = plan.case.updated_at = first.received_at
            open_then = [first]
        target = max(open_then, key=lambda p: (p.grid is plan.grid, p.received_at < plan.received_at, p.received_at))
        into, state_then = target.case, _state_at(target, at).value
        plan.case.merged_into_id = into.id
        plan.case.due_at = None
        events.append(CaseEvent(case_id=plan.case.id, assignment_id=None, desktop=None, at=at, kind="merged", actor_name=OPERATORS[0],
                                from_state="registered", to_state="merged", message=f"作为重复诉求并入案件 {into.number}",
                                detail={"into": into.number}))
        plan.case.state = S.MERGED
        events.append(CaseEvent(case_id=into.id, assignment_id=None, desktop=None, at=at, kind="merged_in", actor_name=OPERATORS[0],
                                from_state=state_then, to_state=state_then,
                                message=f"案件 {plan.case.number} 作为重复诉求并入本案",
                                detail={"duplicate": plan.case.number}))
    return events


def _cluster(planner: Planner, grids: list[DemoGrid], items: dict[int, ItemSpec]) -> list[Planned]:
    """A recurring problem for Art. 22: six rubbish complaints around the market in 30 days."""
    market = next((g for g in grids if g.grid.exclusive_category and g.grid.exclusive_category.value == "market"),
                  None)
    rubbish = next((i for i, s in items.items() if s.category is MatterCategory.CIVILISATION and "垃圾" in s.title),
                   None)
    if market is None or rubbish is None:
        return []
    states = (S.CLOSED, S.CLOSED, S.CLOSED, S.HANDLING, S.DISPATCHED, S.CLOSED)
    return [planner.plan(state, grid=market, item_id=rubbish, max_age_days=28) for state in states]


def _awaiting_liaisons(planner: Planner, grids: list[DemoGrid], items: dict[int, ItemSpec]) -> list[Planned]:
    """Cases each demo liaison's department leads and has yet to sign for (Art. 18): whoever logs in as
    one of them has a share to take on, whatever else the draw gave that department."""
    plans = []
    for department in [user.department for user in DEMO_USERS if user.department]:
        fitting = [(grid, item_id) for grid in grids for item_id in _items_for(grid, items)
                   if items[item_id].lead == department]
        if not fitting:  # an inland township has no grid for the fishery station's matters
            continue
        for _ in range(AWAITING_SIGN_FOR):
            grid, item_id = planner.rng.choice(fitting)
            plans.append(planner.plan(S.DISPATCHED, grid=grid, item_id=item_id))
    return plans


@dataclass
class SeededCases:
    cases: list[Case]
    cluster: list[Case]


def seed_cases(ctx: DemoContext, grids: list[DemoGrid], departments: DemoDepartments,
               items: dict[int, ItemSpec], staff: dict[int, list[Person]], count: int = CASE_COUNT) -> SeededCases:
    session = ctx.session
    planner = Planner(ctx, grids, items)
    cluster = _cluster(planner, grids, items)
    deliberate = cluster + _awaiting_liaisons(planner, grids, items)
    plans = [planner.plan(state) for state in planner.states(count - len(deliberate))] + deliberate
    for plan in plans:
        plan.received_at = (ctx.now - timedelta(hours=plan.hours_ago)).replace(second=0, microsecond=0)
    # Oldest first by age, not by the minute received: two received within a minute keep their numbers
    # whatever the seconds of "now".
    plans.sort(key=lambda p: -p.hours_ago)
    _leave_overdue_callbacks(ctx, plans)

    numbers: list[str] = []
    for year in sorted({p.received_at.year for p in plans}):
        numbers += reserve_numbers(session, ctx.township, year, sum(p.received_at.year == year for p in plans))
    matter_items = {i.id: i for i in session.scalars(select(MatterItem).where(MatterItem.id.in_(list(items))))}
    pending = Pending()
    player = Player(ctx, departments, matter_items, staff, pending)
    cases = [player.play(plan, number) for plan, number in zip(plans, numbers)]
    _supervise_overdue(ctx, plans, pending)
    ctx.add_all(cases)
    rows = pending.resolve() + _merge_duplicates(plans)
    # The timeline is read in id order and never updated (append-only): insert it in time order.
    events = sorted((r for r in rows if isinstance(r, CaseEvent)), key=lambda e: e.at)
    ctx.insert_many([r for r in rows if not isinstance(r, CaseEvent)])
    ctx.insert_many(events)
    return SeededCases(cases, [p.case for p in plans if p in cluster])

