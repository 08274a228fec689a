"""What a linked department does with its share of a case (Art. 18–19), by its liaison.

Sign for it, contact the requester (Art. 19(1)), report stages when it runs late (Art. 18(1)),
ask for an extension with a reason or object to the jurisdiction (Art. 18(2), 19(2)), and feed
the result back (Art. 19(3)); a co-handler reports its result to the lead (Art. 18(1)).
Only a liaison of the assigned department may act (Permission.HANDLE, own department).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ...db import Database
from ...errors import Conflict, InvalidTransition, LawRefusal, NotFound, PermissionDenied, ValidationFailed
from ...models import Assignment, Case, CaseEvent, Department, Extension, Objection, Place, StageReport
from ...models.base import utcnow
from ...models.enums import AWAITING_DECISION, AssignmentRole, AssignmentState, DecisionState
from ...said import Message, enumerated, joined
from ..clock import due_text
from ..security import Actor, Permission
from ..unit_of_work import UnitOfWork, unit_of_work
from .common import (
    CASE_STATE_OF_LEAD,
    active_assignments,
    conflict_message,
    load_case,
    record,
    require_assignment_state,
    required_text,
    stale,
)
from .deadlines import case_limits, pause, sync_case_due
from .results import CaseInfo


# What a liaison writes, named where it is left empty (required_text).
_CONTACT_NOTE = Message("联系情况")()
_STAGE_CONTENT = Message("阶段性工作情况")()
_EXTENSION_REASON = Message("延期理由")()
_OBJECTION_REASON = Message("异议理由")()
_RESULT = Message("办理结果")()

_NO_SUCH_SHARE = Message("承办任务 {share} 不存在,请刷新")
_NOT_YOUR_DEPARTMENT = Message("用户“{user}”不是 {department} 的联络员,不能办理派给该部门的案件 {number}")


def _own_assignment(uow: UnitOfWork, assignment_id: int, expected_version: int, seen_event_id: int | None,
                    seen_share_version: int | None, *, lead_builds_on: frozenset[str] = frozenset()) -> tuple:
    """The case (row-locked), the share and its department, for the share's own liaison.

    A case saved since `expected_version` is refused (optimistic locking) unless the panel says
    what it showed — the newest event `seen_event_id` and the share's `seen_share_version` — and
    nothing since concerns this share's decision (`_untouched_since`): lead and co-handlers work on
    one case at once (Art. 18), and one's step must not refuse another's. `lead_builds_on`: the
    kinds of event on other shares that the action of a lead builds on, which concern it too.
    """
    assignment = uow.session.get(Assignment, assignment_id)
    if assignment is None:
        raise NotFound(_NO_SUCH_SHARE(share=assignment_id))
    case = load_case(uow, assignment.case_id, None)
    # Read again under the lock: a desk that held it may have changed the share meanwhile.
    assignment = uow.session.get(Assignment, assignment_id, populate_existing=True)
    if case.version != expected_version and not (
            seen_event_id is not None and seen_share_version is not None
            and _untouched_since(uow.session, case, assignment, seen_event_id, seen_share_version,
                                 lead_builds_on if assignment.role is AssignmentRole.LEAD else frozenset())):
        if uow.actor.department_id is not None and uow.actor.department_id == assignment.department_id:
            raise Conflict(conflict_message(case))  # its own share's case: it knew the case (withdrawn since too)
        raise stale(uow, case)
    township = uow.session.get(Place, case.township_id)
    uow.require(Permission.HANDLE, township.code, township.short_name)
    department = uow.session.get(Department, assignment.department_id)
    if not uow.actor.is_system and uow.actor.department_id != assignment.department_id:
        raise PermissionDenied(_NOT_YOUR_DEPARTMENT(user=uow.actor.display_name, department=department.name,
                                                    number=case.number), article="Art. 15")
    return case, assignment, department


def _untouched_since(session, case: Case, share: Assignment, seen_event_id: int, seen_share_version: int,
                     builds_on: frozenset[str]) -> bool:
    """Whether what happened on the case after the panel's newest event leaves this share's decision
    as the liaison made it: the share itself unchanged (its version also catches what writes no event,
    such as deadlines recounted after a calendar change), and no event since about this share (a
    center's decision on it, or the department's own step from another panel), about the whole case
    moving it (a hold, a closing, a merge, a dispatch), or of a kind the action `builds_on`.

    Steps on other shares pass: a co-handler's report, and the lead's own steps too, although the
    case's state follows the lead's share (CASE_STATE_OF_LEAD). Events of a case are written under its
    row lock, so ids above the one seen are exactly what the panel did not show."""
    if share.version != seen_share_version:
        return False
    since = session.execute(select(CaseEvent.assignment_id, CaseEvent.kind, CaseEvent.from_state, CaseEvent.to_state)
                            .where(CaseEvent.case_id == case.id, CaseEvent.id > seen_event_id)).all()
    return not any(about == share.id or (about is None and before != after) or kind in builds_on
                   for about, kind, before, after in since)


# What a lead's result is made of besides its own work: the results its co-handlers reported to it
# (Art. 18(1)). One reported since the lead's panel showed the case is one the lead has not read.
_LEAD_RESULT_BUILDS_ON = frozenset({"co_reported"})


def _move(case, assignment: Assignment, state: AssignmentState):
    """Move the assignment; the case follows its lead assignment's state."""
    assignment.state = state
    return CASE_STATE_OF_LEAD.get(state) if assignment.role is AssignmentRole.LEAD else None


def sign_for(db: Database, actor: Actor, *, assignment_id: int, expected_version: int,
             seen_event_id: int | None = None, seen_share_version: int | None = None,
             now: datetime | None = None) -> CaseInfo:
    """签收 (Art. 18(1): the department that takes it is responsible for it from now on)."""
    now = now or utcnow()
    with unit_of_work(db, actor, "cases.sign_for") as uow:
        case, assignment, dept = _own_assignment(uow, assignment_id, expected_version, seen_event_id,
                                                 seen_share_version)
        require_assignment_state(case, assignment, "sign")
        assignment.signed_at = now
        late = "(逾期签收)" if now > assignment.sign_due_at else ""
        record(uow, case, "signed", f"{dept.name} 签收{late}", to_state=_move(case, assignment, AssignmentState.SIGNED),
               assignment=assignment, at=now, late=bool(late))
        uow.session.flush()
        return CaseInfo.of(case)


def contact_requester(db: Database, actor: Actor, *, assignment_id: int, note: str, expected_version: int,
                      seen_event_id: int | None = None, seen_share_version: int | None = None,
                      now: datetime | None = None) -> CaseInfo:
    """Art. 19(1): contact the requester to learn what exactly they need."""
    note = required_text(note, _CONTACT_NOTE, "note")
    now = now or utcnow()
    with unit_of_work(db, actor, "cases.contact") as uow:
        case, assignment, dept = _own_assignment(uow, assignment_id, expected_version, seen_event_id,
                                                 seen_share_version)
        require_assignment_state(case, assignment, "contact")
        # The first contact starts the handling; a later one (a case sent back, say) leaves the state as it is.
        first = assignment.state is AssignmentState.SIGNED
        to_state = _move(case, assignment, AssignmentState.HANDLING) if first else None
        assignment.contacted_at = assignment.contacted_at or now
        record(uow, case, "contacted", f"{dept.name} 联系诉求人:{note}", to_state=to_state, assignment=assignment,
               at=now)
        uow.session.flush()
        return CaseInfo.of(case)


def stage_report(db: Database, actor: Actor, *, assignment_id: int, content: str, expected_version: int,
                 seen_event_id: int | None = None, seen_share_version: int | None = None,
                 now: datetime | None = None) -> CaseInfo:
    """Art. 18(1): when it cannot be finished in time, say why and report how far it has got."""
    content = required_text(content, _STAGE_CONTENT, "content")
    now = now or utcnow()
    with unit_of_work(db, actor, "cases.stage_report") as uow:
        case, assignment, dept = _own_assignment(uow, assignment_id, expected_version, seen_event_id,
                                                 seen_share_version)
        require_assignment_state(case, assignment, "stage_report")
        uow.session.add(StageReport(assignment_id=assignment.id, at=now, by=actor.display_name, content=content))
        late = "(已逾期)" if now > assignment.due_at else ""
        record(uow, case, "stage_report", f"{dept.name} 报送阶段性工作情况{late}:{content}", assignment=assignment,
               at=now, late=bool(late))
        uow.session.flush()
        return CaseInfo.of(case)


_EXTENDED_BEFORE = Message("案件 {number} 已申请过延期({state}),每件承办任务只能延期一次")
_TOO_LATE_TO_EXTEND = Message("案件 {number} 的办理期限已于 {due} 届满,不能再申请延期;请报送阶段性工作情况说明逾期理由,并尽快办结")
_LATE_WITHOUT_REASON = Message("案件 {number} 的办理期限已于 {due} 届满;逾期反馈办理结果须说明逾期理由")
_TOO_LONG_AN_EXTENSION = Message("延期时长(amount):应为 1 至 {limit}({unit}),不能超过原办理时限")
_NOT_CONTACTED = Message("案件 {number} 尚未联系诉求人;请先联系诉求人了解具体诉求,再反馈办理结果")


def extension_refusal(session, share: Assignment, now: datetime, number: str) -> InvalidTransition | None:
    """Why the share may not ask for an extension now, or None: once per share (a refused request
    may be made anew), and before its deadline — past it, the share says why it is late instead."""
    earlier = session.scalar(select(Extension).where(Extension.assignment_id == share.id,
                                                     Extension.state != DecisionState.REFUSED).limit(1))
    if earlier is not None:
        return InvalidTransition(_EXTENDED_BEFORE(number=number, state=earlier.state))
    if now > share.due_at:
        return InvalidTransition(_TOO_LATE_TO_EXTEND(number=number, due=due_text(share.due_at)), article="Art. 18")
    return None


def request_extension(db: Database, actor: Actor, *, assignment_id: int, reason: str, amount: int,
                      expected_version: int, seen_event_id: int | None = None,
                      seen_share_version: int | None = None, now: datetime | None = None) -> CaseInfo:
    """Art. 19(2): ask for more time, with the reason; at most once and at most the original
    limit (SPEC §11). The center decides (review.decide_extension)."""
    reason = required_text(reason, _EXTENSION_REASON, "reason")
    now = now or utcnow()
    with unit_of_work(db, actor, "cases.request_extension") as uow:
        case, assignment, dept = _own_assignment(uow, assignment_id, expected_version, seen_event_id,
                                                 seen_share_version)
        require_assignment_state(case, assignment, "request_extension")
        refusal = extension_refusal(uow.session, assignment, now, case.number)
        if refusal is not None:
            raise refusal
        limit = case_limits(uow.session, case).handle
        if not 1 <= amount <= limit.amount:
            raise ValidationFailed(_TOO_LONG_AN_EXTENSION(limit=limit.amount, unit=limit.unit), field="amount")
        uow.session.add(Extension(assignment_id=assignment.id, requested_at=now, requested_by=actor.display_name,
                                  reason=reason, requested_amount=amount,
                                  paused_clock=pause(uow.session, assignment, now)))
        sync_case_due(case)
        record(uow, case, "extension_requested", f"{dept.name} 申请延期 {amount} {limit.unit.label}:{reason}",
               to_state=_move(case, assignment, AssignmentState.EXTENSION_PENDING), assignment=assignment, at=now,
               amount=amount)
        uow.session.flush()
        return CaseInfo.of(case)


def raise_objection(db: Database, actor: Actor, *, assignment_id: int, reason: str, expected_version: int,
                    seen_event_id: int | None = None, seen_share_version: int | None = None,
                    now: datetime | None = None) -> CaseInfo:
    """Art. 18(2): object to the duty or jurisdiction; the center decides and may re-dispatch."""
    reason = required_text(reason, _OBJECTION_REASON, "reason")
    now = now or utcnow()
    with unit_of_work(db, actor, "cases.raise_objection") as uow:
        case, assignment, dept = _own_assignment(uow, assignment_id, expected_version, seen_event_id,
                                                 seen_share_version)
        require_assignment_state(case, assignment, "object")
        uow.session.add(Objection(assignment_id=assignment.id, raised_at=now, raised_by=actor.display_name,
                                  reason=reason, paused_clock=pause(uow.session, assignment, now)))
        sync_case_due(case)
        record(uow, case, "objection_raised", f"{dept.name} 提出管辖异议:{reason}",
               to_state=_move(case, assignment, AssignmentState.OBJECTION_PENDING), assignment=assignment, at=now)
        uow.session.flush()
        return CaseInfo.of(case)


def report_result(db: Database, actor: Actor, *, assignment_id: int, result: str, expected_version: int,
                  late_reason: str = "", seen_event_id: int | None = None, seen_share_version: int | None = None,
                  now: datetime | None = None) -> CaseInfo:
    """Feed back the result: a co-handler to the lead (Art. 18(1)); the lead to the center and
    the requester (Art. 19(3)) — after contacting the requester and once every co-handler reported.
    One fed back after its deadline says why it was late (`late_reason`, Art. 18(1))."""
    result = required_text(result, _RESULT, "result")
    now = now or utcnow()
    with unit_of_work(db, actor, "cases.report_result") as uow:
        case, assignment, dept = _own_assignment(uow, assignment_id, expected_version, seen_event_id,
                                                 seen_share_version,
                                                 lead_builds_on=_LEAD_RESULT_BUILDS_ON)
        require_assignment_state(case, assignment, "report_result")
        if (refusal := result_refusal(uow.session, case, assignment)) is not None:
            raise refusal
        late = now > assignment.due_at
        if late and not late_reason.strip():
            raise LawRefusal(_LATE_WITHOUT_REASON(number=case.number, due=due_text(assignment.due_at)),
                             article="Art. 18", field="late_reason")
        if assignment.role is AssignmentRole.LEAD:
            case.resolution = result
            message = f"{dept.name}(主办)向网格化服务管理机构和诉求人反馈办理结果:{result}"
        else:
            message = f"{dept.name}(协办)向主办单位报送办理结果:{result}"
        assignment.result, assignment.reported_at = result, now
        record(uow, case, "result_reported" if assignment.role is AssignmentRole.LEAD else "co_reported",
               message + (f"(逾期,理由:{late_reason.strip()})" if late else ""),
               to_state=_move(case, assignment, AssignmentState.REPORTED), assignment=assignment, at=now, late=late,
               **({"late_reason": late_reason.strip()} if late else {}))
        sync_case_due(case)  # the lead's result: the case waits on the center's review, its clock stopped
        uow.session.flush()
        return CaseInfo.of(case)


def result_refusal(session, case: Case, share: Assignment) -> LawRefusal | InvalidTransition | None:
    """Why the lead may not feed back its result yet, or None (a co-handler may report whenever it works on
    its share): the requester not contacted (Art. 19(1)), or a co-handler yet to report to it (Art. 18(1)).
    Asked before the result is typed, for the panel to say what comes first."""
    if share.role is not AssignmentRole.LEAD:
        return None
    if share.contacted_at is None:
        return LawRefusal(_NOT_CONTACTED(number=case.number), article="Art. 19")
    waiting = [a for a in active_assignments(case)
               if a.role is AssignmentRole.CO and a.state is not AssignmentState.REPORTED]
    return InvalidTransition(_waiting_for(session, waiting), article="Art. 18") if waiting else None


_CO_HANDLERS_TO_REPORT = Message("协办单位 {departments} 尚未向主办单位报送办理结果,请待其报送")
_CO_HANDLER_TO_BE_DECIDED = Message("协办单位 {department} 的{request}尚待网格化服务管理机构处理,请联系机构")
_THEN_THE_RESULT = Message("{waiting};之后再反馈办理结果")


def _waiting_for(session, shares: list[Assignment]) -> str:
    """Why the lead's result waits: the co-handlers yet to report, and those of them whose request
    the center has still to decide (the lead then asks the center, not the co-handler)."""
    def name(share: Assignment) -> str:
        return session.get(Department, share.department_id).name
    deciding = [s for s in shares if s.state in AWAITING_DECISION]
    others = [s for s in shares if s not in deciding]
    parts = [_CO_HANDLERS_TO_REPORT(departments=enumerated(name(s) for s in others))] if others else []
    parts += [_CO_HANDLER_TO_BE_DECIDED(department=name(s), request=CASE_STATE_OF_LEAD[s.state]) for s in deciding]
    return _THEN_THE_RESULT(waiting=joined(parts))
