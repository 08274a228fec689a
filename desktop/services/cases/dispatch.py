"""Dispatch to linked departments (Art. 17(1), 18(1)): one lead (首接) department and optional
co-handlers, each with its own clock (sign for, contact, handle — see deadlines).

The suggestion follows Art. 17(1): 职权法定 first — the department the matter list names for the
item, and the offices of its line that cover the case (departments.set_parent: the police
station under the county bureau under the city's public security bureau), lead the list — then
属地管理、分级负责 and Art. 18 (the first receiving department is where the matter arises): the
departments of the level that handles the case (for a grid or township case, the township's
own), then each level above it, any level below last; within a level, those whose territory
covers the case. A township case about an item of the city's public security bureau thus
suggests the local police station first, then the county bureau, then the city bureau. A department
whose objection to the case's jurisdiction was upheld (Art. 18(2)) comes after all others.

Only a department grounded in the matter item (the named one, an office of its line) is recommended,
and so preset as the lead; level and territory alone say nothing of who is competent (the power
company covers the township as well as the police station does): a case with no matter item gets
its list ordered, not a recommendation, and the operator chooses.

A co-handler may be added while the lead works on the case (`add_co_handler`): one found to be
needed on the spot, or another in place of one whose objection was upheld (Art. 18(2)); and withdrawn
(`withdraw_co_handler`): one no longer needed, or one that does not report, whose silence would hold the
lead's result for ever.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ...db import Database
from ...errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from ...models import Assignment, Case, Department, MatterItem, Objection, Place
from ...models.base import utcnow
from ...models.enums import (
    AWAITING_DECISION,
    AssignmentRole,
    AssignmentState,
    CaseState,
    DecisionState,
    DepartmentLevel,
    HandlingLevel,
    TimeLimitUnit,
)
from ...said import Message, enumerated
from ..clock import WorkCalendar, due_text_as_of
from ..department_use import use_departments
from ..departments import liaison_account_exists
from ..places import upward
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .common import (
    CASE_STATE_OF_LEAD,
    active_assignments,
    load_case,
    record,
    require_case_view,
    require_on_case,
    require_state,
)
from .deadlines import case_limits, start_clock, sync_case_due
from .results import CaseInfo, DepartmentSuggestion

_LEVEL_OF = {HandlingLevel.GRID: DepartmentLevel.TOWNSHIP, HandlingLevel.TOWNSHIP: DepartmentLevel.TOWNSHIP,
             HandlingLevel.COUNTY: DepartmentLevel.COUNTY, HandlingLevel.CITY: DepartmentLevel.CITY}
_UPWARD = (DepartmentLevel.TOWNSHIP, DepartmentLevel.COUNTY, DepartmentLevel.CITY)


def _level_rank(level: DepartmentLevel, wanted: DepartmentLevel) -> int:
    """0 for the level that handles the case, 1, 2 for each level above it; a level below comes last."""
    above = _UPWARD.index(level) - _UPWARD.index(wanted)
    return above if above >= 0 else len(_UPWARD) - above


def _chain(session, case: Case) -> list[int]:
    """The township, county and city of the case: the territories that cover it."""
    return [place.id for place in upward(session.get(Place, case.township_id))]


def _line_below(session, department_id: int) -> set[int]:
    """The departments under `department_id` in its line, at any depth."""
    parent_of = dict(session.execute(select(Department.id, Department.parent_id)
                                     .where(Department.parent_id.is_not(None))).all())
    below = set()
    for dept_id in parent_of:
        step, seen = parent_of.get(dept_id), {dept_id}
        while step is not None and step not in seen:  # levels only rise, but a bad row must not hang
            if step == department_id:
                below.add(dept_id)
                break
            seen.add(step)
            step = parent_of.get(step)
    return below


@dataclass(frozen=True)
class DispatchPreview:
    """What dispatching the case now would set going: its limits, and when each would fall due."""

    number: str
    title: str
    matter_item: str | None
    handle_amount: int  # the handling limit: 5 (working days), 24 (hours) …
    handle_unit: TimeLimitUnit
    sign_due_at: datetime
    handle_due_at: datetime
    unknown_years: tuple[int, ...]  # years met whose holidays nobody entered: counted Monday–Friday


_NO_SUCH_CASE = Message("案件 {case} 不存在,请刷新列表")


def _case_to_dispatch(session, actor: Actor, case_id: int) -> tuple[Case, MatterItem | None]:
    """The case the actor may read, with its matter item (if it has one)."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(_NO_SUCH_CASE(case=case_id))
    require_case_view(session, actor, case)
    return case, session.get(MatterItem, case.matter_item_id) if case.matter_item_id else None


def preview(db: Database, actor: Actor, case_id: int, *, now: datetime | None = None) -> DispatchPreview:
    """The deadlines a dispatch made now would give each share (start_clock, with the calendar as it is)."""
    now = now or utcnow()
    with db.session() as session:
        case, item = _case_to_dispatch(session, actor, case_id)
        limits, calendar = case_limits(session, case), WorkCalendar.load(session)
        sign_due, handle_due = limits.sign.deadline(calendar, now), limits.handle.deadline(calendar, now)
        return DispatchPreview(case.number, case.title, f"{item.code} {item.title}" if item else None,
                               limits.handle.amount, limits.handle.unit, sign_due, handle_due,
                               tuple(sorted(calendar.warnings)))


# Why a department is suggested (DepartmentSuggestion.reasons).
_CO_HANDLING = Message("正在协办本案(派为主办则改任主办,须重新签收;不派为主办则继续协办)")()
_OBJECTION_UPHELD = Message("该单位对本案提出的管辖异议曾被认定成立,宜另派其他单位(Art. 18)")()
_LEVEL_FITS = Message("层级相符({level},首接在诉求发生地)")
_NAMED_BY_ITEM = Message("事项清单指定的承办部门({item})")
_OFFICE_OF_NAMED = Message("事项清单指定部门({named})在本地的下属机构({item})")
_LOCAL = Message("属地:服务范围包含本案")()
_DISPATCHED_MEANWHILE = Message("案件 {number} 刚刚已被其他用户派遣,不能重复派遣,请重新载入")
_LEAD_ALSO_CO = Message("协办单位(co_department_ids):主办单位不能同时作为协办单位")()
_CO_HANDLER_AWAITING_US = Message("协办单位 {department} 的{request}尚待本中心处理;请先处理,再派其为主办单位")
_NO_SUCH_DEPARTMENTS = Message("承办单位(编号 {ids})不存在,请刷新单位列表后重新选择")
_DEPARTMENTS_STOPPED = Message("承办单位 {departments} 已停用,请另选承办单位")
_ALREADY_SENT = Message("案件 {number} 已派遣给 {department} 且尚未办结,不能重复派遣")


def suggest_departments(db: Database, actor: Actor, case_id: int) -> list[DepartmentSuggestion]:
    """Active departments ranked for a case: the matter item's department and the offices of its
    line that cover the case (recommended, Art. 17(1)), then by level from the case's own upward,
    territory, name (see the module's docstring)."""
    with db.session() as session:
        case, item = _case_to_dispatch(session, actor, case_id)
        covering = _chain(session, case)
        candidates = session.execute(select(Department, liaison_account_exists()).where(
            Department.active.is_(True),
            Department.place_id.in_(covering) | (Department.id == (item.department_id if item else -1))))
        wanted_level = _LEVEL_OF[case.level]
        line = _line_below(session, item.department_id) if item else set()
        named_name = session.get(Department, item.department_id).short_name if item else None
        working = {a.department_id for a in active_assignments(case) if a.role is AssignmentRole.CO}
        objected = set(session.scalars(select(Assignment.department_id).join(Objection).where(
            Assignment.case_id == case.id, Objection.state == DecisionState.APPROVED)))
        ranked = []
        for dept, signs_at_desk in candidates:
            named, local = item is not None and dept.id == item.department_id, dept.place_id in covering
            office = local and dept.id in line
            reasons = []
            if dept.id in working:
                reasons.append(_CO_HANDLING)
            if dept.id in objected:
                reasons.append(_OBJECTION_UPHELD)
            if dept.level is wanted_level:
                reasons.append(_LEVEL_FITS(level=wanted_level))
            if named:
                reasons.append(_NAMED_BY_ITEM(item=item.code))
            if office:
                reasons.append(_OFFICE_OF_NAMED(named=named_name, item=item.code))
            if local:
                reasons.append(_LOCAL)
            # A department whose objection was upheld comes last, however well it matches: sent first, it
            # was the one offered, and one press sent the case back to where it had just come from.
            key = (dept.id in objected, not (named or office), _level_rank(dept.level, wanted_level), not local,
                   dept.name)
            ranked.append((key, DepartmentSuggestion(dept.id, dept.name, dept.level, tuple(reasons),
                                                     co_handling=dept.id in working, signs_at_desk=signs_at_desk,
                                                     objected=dept.id in objected, listed=named or office,
                                                     recommended=(named or office) and dept.id not in objected)))
        return [suggestion for _, suggestion in sorted(ranked, key=lambda pair: pair[0])]


class NoRecommendation(Enum):
    """Why suggest_departments recommends no lead, for the operator choosing one."""

    NOT_LISTED = "not_listed"  # no matter item, or its department stopped: level and territory say nothing
    OBJECTED = "objected"  # the item's departments had their objection to the case upheld (Art. 18(2))


def no_recommendation(suggestions: Sequence[DepartmentSuggestion]) -> NoRecommendation | None:
    """Why `suggestions` recommend no lead, None if they do: the matter list names no department to send
    the case to, or those it names objected to the case's jurisdiction and the objection was upheld
    (Art. 18(2))."""
    if any(s.recommended for s in suggestions):
        return None
    return NoRecommendation.OBJECTED if any(s.listed for s in suggestions) else NoRecommendation.NOT_LISTED


def dispatch(db: Database, actor: Actor, *, case_id: int, lead_department_id: int,
             co_department_ids: tuple[int, ...] | list[int] = (), expected_version: int,
             now: datetime | None = None) -> CaseInfo:
    """Dispatch to a lead department and co-handlers (Art. 18(1)); never twice at once.

    Co-handlers still at work on the case (the lead's objection was upheld, Art. 18(2)) carry on
    with their own clocks, whether named again or not. One of them named the lead takes the lead
    afresh: its co-handler share ends and the lead's share starts, to be signed for as the lead.
    """
    now = now or utcnow()
    co_ids = list(dict.fromkeys(co_department_ids))
    if lead_department_id in co_ids:
        raise ValidationFailed(_LEAD_ALSO_CO, field="co_department_ids")
    with unit_of_work(db, actor, "cases.dispatch") as uow:
        session = uow.session
        case = load_case(uow, case_id, expected_version)
        require_on_case(uow, case, Permission.DISPATCH)
        require_state(case, "dispatch")
        working = {a.department_id: a for a in active_assignments(case) if a.role is AssignmentRole.CO}
        carrying_on = [a for dept_id, a in working.items() if dept_id != lead_department_id]
        co_ids = [i for i in co_ids if i not in working]
        promoted = working.get(lead_department_id)
        if promoted is not None:
            _end_co_share_for_lead(session, case, promoted, now)
        departments = _departments_to_send(session, case, [lead_department_id, *co_ids])
        limits, calendar = case_limits(session, case), WorkCalendar.load(session)
        made = []
        for dept_id, role in [(lead_department_id, AssignmentRole.LEAD), *[(i, AssignmentRole.CO) for i in co_ids]]:
            assignment = Assignment(case=case, department_id=dept_id, role=role, dispatched_by=actor.display_name)
            start_clock(assignment, calendar, limits, now)
            session.add(assignment)
            made.append(assignment)
        _flush_shares(session, case)
        case.registered_at = case.registered_at or now
        sync_case_due(case)
        lead = departments[lead_department_id]
        co = "、".join(departments[i].name for i in co_ids)
        kept = "、".join(session.get(Department, a.department_id).name for a in carrying_on)
        due = due_text_as_of(made[0].due_at, now)
        record(uow, case, "dispatched",
               f"派遣至主办单位 {lead.name}" + ("(原为协办单位,改任主办)" if promoted is not None else "")
               + (f",协办单位 {co}" if co else "") + (f";{kept} 继续协办" if kept else "")
               + f";办理时限 {limits.handle.label},至 {due}",
               to_state=CaseState.DISPATCHED, at=now, lead=lead.name, co=co, co_carrying_on=kept,
               calendar_warning=calendar.warning_text())
        session.flush()
        return CaseInfo.of(case)


def _end_co_share_for_lead(session, case: Case, share: Assignment, now: datetime) -> None:
    """A co-handler made the lead: its co-handler share is withdrawn (flushed first, as a department
    holds one running share of a case at a time). Not while the center has its request to decide."""
    if share.state in AWAITING_DECISION:
        name = session.get(Department, share.department_id).name
        raise InvalidTransition(_CO_HANDLER_AWAITING_US(department=name, request=CASE_STATE_OF_LEAD[share.state]),
                                article="Art. 18")
    share.state, share.finished_at, share.paused_since = AssignmentState.WITHDRAWN, now, None
    session.flush()


def _departments_to_send(session, case: Case, ids: list[int]) -> dict[int, Department]:
    """The departments a case is sent to, read afresh: each active and not already working on it."""
    departments = use_departments(session, ids)
    unknown = [str(i) for i in ids if i not in departments]
    if unknown:  # ids no desk offers: a stale list, or a department removed meanwhile
        raise ValidationFailed(_NO_SUCH_DEPARTMENTS(ids=enumerated(unknown)), field="departments")
    stopped = [departments[i].name for i in ids if not departments[i].active]
    if stopped:
        raise ValidationFailed(_DEPARTMENTS_STOPPED(departments=enumerated(stopped)), field="departments")
    busy = {a.department_id for a in active_assignments(case)}
    for dept_id in ids:
        if dept_id in busy:
            raise Conflict(_ALREADY_SENT(number=case.number, department=departments[dept_id].name))
    return departments


def _flush_shares(session, case: Case) -> None:
    try:
        session.flush()
    except IntegrityError as exc:  # another desktop sent the case to the same department a moment ago
        raise Conflict(_DISPATCHED_MEANWHILE(number=case.number)) from exc


_NO_REASON_TO_ADD = Message("增加协办的理由(reason):请写明为何需要该单位协办")()


def add_co_handler(db: Database, actor: Actor, *, case_id: int, department_id: int, reason: str,
                   expected_version: int, now: datetime | None = None) -> CaseInfo:
    """Add a co-handler (协办) while the lead works on the case (Art. 18(1)): one found to be needed,
    or another in place of one whose objection was upheld (Art. 18(2)). Its own clock starts now;
    it reports to the lead, whose result waits for it. Not once the lead has fed back its result:
    the center sends the case back first. Needs Permission.DISPATCH where the case is handled.
    """
    now = now or utcnow()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_NO_REASON_TO_ADD, field="reason")
    with unit_of_work(db, actor, "cases.add_co_handler") as uow:
        session = uow.session
        case = load_case(uow, case_id, expected_version)
        require_on_case(uow, case, Permission.DISPATCH)
        require_state(case, "add_co_handler")
        department = _departments_to_send(session, case, [department_id])[department_id]
        limits, calendar = case_limits(session, case), WorkCalendar.load(session)
        share = Assignment(case=case, department_id=department_id, role=AssignmentRole.CO,
                           dispatched_by=actor.display_name)
        start_clock(share, calendar, limits, now)
        session.add(share)
        _flush_shares(session, case)
        record(uow, case, "co_added", f"增加协办单位 {department.name}:{reason};办理时限至 {due_text_as_of(share.due_at, now)}",
               at=now, assignment=share, co=department.name, reason=reason,
               calendar_warning=calendar.warning_text())
        session.flush()
        return CaseInfo.of(case)


# A co-handler's share the center may withdraw: at work, neither waiting on the center nor reported.
WITHDRAWABLE = frozenset({AssignmentState.DISPATCHED, AssignmentState.SIGNED, AssignmentState.HANDLING})

_NO_REASON_TO_WITHDRAW = Message("撤回协办的理由(reason):请写明为何撤回该单位的协办")()
_NO_SUCH_SHARE = Message("承办任务 {share} 不存在")
_NOT_CO_HANDLING = Message("{department} 不是本案正在协办的单位,无须撤回")
_CO_HANDLER_REPORTED = Message("{department} 已向主办单位报送办理结果,主办单位无须再等待其结果,无须撤回")
_CO_HANDLER_AWAITING_DECISION = Message("{department} 的{request}尚待中心决定;请先处理,再决定是否撤回其协办")


def withdraw_co_handler(db: Database, actor: Actor, *, assignment_id: int, reason: str, expected_version: int,
                        now: datetime | None = None) -> CaseInfo:
    """Withdraw a co-handler's share (Art. 18(1)): one no longer needed, or one that does not report to the
    lead, whose result waits for it (department.result_refusal) — for ever, had the center no way to end
    the share. Its clock stops; the share stays on record as 已撤回, and the evaluation counts a sign-for
    it missed as missed. Not while its request awaits the center's decision (decided first), nor once it
    has reported (nothing waits on it). Needs Permission.DISPATCH where the case is handled."""
    now = now or utcnow()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_NO_REASON_TO_WITHDRAW, field="reason")
    with unit_of_work(db, actor, "cases.withdraw_co_handler") as uow:
        session = uow.session
        share = session.get(Assignment, assignment_id)
        if share is None:
            raise NotFound(_NO_SUCH_SHARE(share=assignment_id))
        case = load_case(uow, share.case_id, expected_version)
        require_on_case(uow, case, Permission.DISPATCH)
        require_state(case, "withdraw_co_handler")
        name = session.get(Department, share.department_id).name
        if share.role is not AssignmentRole.CO or share.state in (AssignmentState.DONE, AssignmentState.WITHDRAWN):
            raise InvalidTransition(_NOT_CO_HANDLING(department=name), article="Art. 18")
        if share.state is AssignmentState.REPORTED:
            raise InvalidTransition(_CO_HANDLER_REPORTED(department=name), article="Art. 18")
        if share.state in AWAITING_DECISION:
            request = CASE_STATE_OF_LEAD[share.state]  # 延期申请, 管辖异议
            raise InvalidTransition(_CO_HANDLER_AWAITING_DECISION(department=name, request=request), article="Art. 18")
        share.state, share.finished_at = AssignmentState.WITHDRAWN, now  # the case's deadline is its lead's
        record(uow, case, "co_withdrawn", f"撤回协办单位 {name}:{reason}", assignment=share, at=now, co=name,
               reason=reason)
        session.flush()
        return CaseInfo.of(case)
