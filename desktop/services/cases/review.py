"""The center's decisions (Permission.REVIEW): extensions (Art. 19(2)), jurisdiction objections
(Art. 18(2)), review and close (核查结案) or send back, and reopening."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select

from ...db import Database
from ...errors import InvalidTransition, NotFound, ValidationFailed
from ...models import Assignment, Callback, Case, CaseEvent, Department, Extension, Objection
from ...models.base import utcnow
from ...models.enums import AssignmentRole, AssignmentState, CallbackState, CaseState, DecisionState
from ...said import Message
from ..clock import WorkCalendar, due_text_as_of
from ..security import Actor, Permission
from ..unit_of_work import UnitOfWork, unit_of_work
from .callback_schedule import schedule_after_close
from .common import (
    CASE_STATE_OF_LEAD,
    finish_assignments,
    lead_assignment,
    load_case,
    record,
    require_on_case,
    require_state,
)
from .deadlines import case_limits, recompute, restart_sign_for, resume, sync_case_due
from .results import CaseInfo


def _back_to_work(assignment: Assignment) -> AssignmentState:
    """Where an assignment resumes after a decision on its extension or objection."""
    if assignment.contacted_at is not None:
        return AssignmentState.HANDLING
    return AssignmentState.SIGNED if assignment.signed_at is not None else AssignmentState.DISPATCHED


def _follow_lead(case: Case, assignment: Assignment) -> CaseState | None:
    return CASE_STATE_OF_LEAD.get(assignment.state) if assignment.role is AssignmentRole.LEAD else None


_DECIDED_BEFORE = Message("案件 {number} 的该申请已于此前处理({state}),请刷新")
_NO_LONGER_WAITING = Message("案件 {number} 中{department}的承办任务为“{state}”,该申请无需再处理")


def _decision(uow: UnitOfWork, row, expected_version: int, waiting: AssignmentState):
    """The case, share and department of a pending request the center decides now. A share
    finished meanwhile (the case closed, or put on hold) is not brought back by a decision."""
    if row is None:
        raise NotFound("申请不存在,请刷新")
    assignment = uow.session.get(Assignment, row.assignment_id)
    case = load_case(uow, assignment.case_id, expected_version)
    require_on_case(uow, case, Permission.REVIEW)
    department = uow.session.get(Department, assignment.department_id)
    if row.state is not DecisionState.PENDING:
        raise InvalidTransition(_DECIDED_BEFORE(number=case.number, state=row.state))
    if assignment.state is not waiting:
        raise InvalidTransition(_NO_LONGER_WAITING(number=case.number, department=department.name,
                                                   state=assignment.state))
    return case, assignment, department


def _refusal_reason(approve: bool, comment: str, refusing: str, article: str) -> str:
    """The decision's comment, trimmed; a refusal of what a department asked needs one (it reads it)."""
    comment = (comment or "").strip()
    if not approve and not comment:
        raise ValidationFailed(f"{refusing}须说明理由(comment),理由将告知提出申请的单位", field="comment",
                               article=article)
    return comment


def decide_extension(db: Database, actor: Actor, *, extension_id: int, approve: bool, comment: str = "",
                     expected_version: int, now: datetime | None = None) -> CaseInfo:
    """Approve (the deadline moves by the amount asked) or refuse an extension (Art. 19(2)); a refusal says
    why, for the department that asked."""
    now = now or utcnow()
    comment = _refusal_reason(approve, comment, "不同意延期", "Art. 19")
    with unit_of_work(db, actor, "cases.decide_extension") as uow:
        extension = uow.session.get(Extension, extension_id)
        case, assignment, dept = _decision(uow, extension, expected_version, AssignmentState.EXTENSION_PENDING)
        calendar, limits = WorkCalendar.load(uow.session), case_limits(uow.session, case)
        asked_with = assignment.due_at
        resume(assignment, now, calendar, limits)
        if approve:
            extension.new_due_at = assignment.due_at  # an approval carries a deadline; the recount below sets it
        extension.state = DecisionState.APPROVED if approve else DecisionState.REFUSED
        extension.decided_by, extension.decided_at, extension.comment = actor.display_name, now, comment or None
        if approve:  # counted on from the original deadline, every pause given back again
            recompute(uow.session, assignment, calendar, limits)
        assignment.state = _back_to_work(assignment)
        sync_case_due(case)
        if approve:
            verdict = f"同意延期,新期限 {due_text_as_of(assignment.due_at, now)}"
        elif assignment.due_at != asked_with:  # the clock stood still while it was decided (pauses setting)
            verdict = f"不同意延期;审批期间暂停的时间已补回,期限至 {due_text_as_of(assignment.due_at, now)}"
        else:
            verdict = "不同意延期,按原期限办理"
        record(uow, case, "extension_decided", f"{dept.name} 的延期申请:{verdict}" + (f"({comment})" if comment else ""),
               to_state=_follow_lead(case, assignment), assignment=assignment, at=now, approved=approve)
        uow.session.flush()
        return CaseInfo.of(case)


def decide_objection(db: Database, actor: Actor, *, objection_id: int, approve: bool, comment: str = "",
                     expected_version: int, now: datetime | None = None) -> CaseInfo:
    """Art. 18(2): an accepted objection withdraws the department's share; a lead's withdrawal
    sends the case back to the center for re-dispatch. A refused one resumes the work, and says why, for
    the department that objected; raised in time before signing, it gives a fresh sign-for period from
    the decision (Art. 18, `restart_sign_for`)."""
    now = now or utcnow()
    comment = _refusal_reason(approve, comment, "认定异议不成立", "Art. 18")
    with unit_of_work(db, actor, "cases.decide_objection") as uow:
        objection = uow.session.get(Objection, objection_id)
        case, assignment, dept = _decision(uow, objection, expected_version, AssignmentState.OBJECTION_PENDING)
        calendar, limits = WorkCalendar.load(uow.session), case_limits(uow.session, case)
        resume(assignment, now, calendar, limits)
        objection.state = DecisionState.APPROVED if approve else DecisionState.REFUSED
        objection.decided_by, objection.decided_at, objection.comment = actor.display_name, now, comment or None
        to_state, restarted = None, False
        if approve:
            assignment.state, assignment.finished_at = AssignmentState.WITHDRAWN, now
            if assignment.role is AssignmentRole.LEAD:
                to_state = CaseState.REGISTERED
        else:
            restarted = restart_sign_for(uow.session, assignment, objection, calendar, limits, now)
            assignment.state = _back_to_work(assignment)
            to_state = _follow_lead(case, assignment)
        sync_case_due(case)
        if approve:
            verdict = "异议成立,撤回派遣" + (",待重新派遣" if to_state is CaseState.REGISTERED else "")
        elif restarted:
            verdict = f"异议不成立,继续办理;签收期限自本决定起重新计算,至 {due_text_as_of(assignment.sign_due_at, now)}"
        else:
            verdict = "异议不成立,继续办理"
        record(uow, case, "objection_decided", f"{dept.name} 的管辖异议:{verdict}" + (f"({comment})" if comment else ""),
               to_state=to_state, assignment=assignment, at=now, approved=approve)
        uow.session.flush()
        return CaseInfo.of(case)


def review(db: Database, actor: Actor, *, case_id: int, approve: bool, comment: str = "", expected_version: int,
           now: datetime | None = None) -> CaseInfo:
    """核查结案: close the case (a callback falls due) — or send it back to the lead department."""
    now = now or utcnow()
    if not approve and not comment.strip():
        raise ValidationFailed("退回须说明理由(comment)", field="comment")
    with unit_of_work(db, actor, "cases.review") as uow:
        case = load_case(uow, case_id, expected_version)
        require_on_case(uow, case, Permission.REVIEW)
        require_state(case, "review")
        if approve:
            finish_assignments(case, now)
            case.closed_at = now
            record(uow, case, "closed", "核查结案" + (f":{comment}" if comment else ""), to_state=CaseState.CLOSED, at=now)
            schedule_after_close(uow.session, case, now)
        else:
            lead = lead_assignment(case)
            lead.state = AssignmentState.HANDLING
            sync_case_due(case)  # the lead's deadline runs again (already past, the case is overdue at once)
            record(uow, case, "sent_back", f"核查未通过,退回重新办理:{comment}", to_state=CaseState.SENT_BACK,
                   assignment=lead, at=now)
        uow.session.flush()
        return CaseInfo.of(case)


def _set_aside_held_round(session, case: Case) -> None:
    """A hold stops the shares for objective reasons (Art. 19(2)): the round it stopped was neither
    handled nor late, and is counted apart while the case is held. Taken up again, its shares stopped
    in time are withdrawn, so that the evaluation does not count that round as handled on time; one
    already overdue when held stays counted late. (A sign-for missed before the hold still counts
    as missed: the evaluation counts a share withdrawn unsigned after its sign-for fell due.)"""
    held_at = session.scalar(select(func.max(CaseEvent.at)).where(CaseEvent.case_id == case.id,
                                                                   CaseEvent.kind == "on_hold"))
    for assignment in case.assignments:
        if (assignment.state is AssignmentState.DONE and assignment.finished_at == held_at
                and assignment.finished_at <= assignment.due_at):
            assignment.state = AssignmentState.WITHDRAWN


def reopen_case(uow: UnitOfWork, case: Case, reason: str, now: datetime) -> None:
    """Open a closed, resolved or held case again for re-dispatch (the caller checked rights)."""
    require_state(case, "reopen")
    # A scheduled callback belongs to the handling that is now undone; a new one follows the next closing.
    uow.session.execute(delete(Callback).where(Callback.case_id == case.id, Callback.state == CallbackState.PENDING))
    case.reopen_count += 1
    case.closed_at = None
    if case.state is CaseState.ON_HOLD:
        _set_aside_held_round(uow.session, case)
    finish_assignments(case, now)
    record(uow, case, "reopened", f"重办:{reason}", to_state=CaseState.REOPENED, at=now)
    case.hold_reason = case.hold_explanation = None  # a held case taken up again; the timeline keeps why it was held


def reopen(db: Database, actor: Actor, *, case_id: int, reason: str, expected_version: int) -> CaseInfo:
    """重办: the requester is not satisfied or the problem came back; dispatch again afterwards."""
    if not reason or not reason.strip():
        raise ValidationFailed("请填写重办理由(reason)", field="reason")
    with unit_of_work(db, actor, "cases.reopen") as uow:
        case = load_case(uow, case_id, expected_version)
        require_on_case(uow, case, Permission.REVIEW)
        reopen_case(uow, case, reason.strip(), utcnow())
        uow.session.flush()
        return CaseInfo.of(case)
