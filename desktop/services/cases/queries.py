"""Reading a case: the detail panel's data, its timeline, and what the current user may do now."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from ...db import Database
from ...errors import NotFound, PermissionDenied, ValidationFailed
from ...models import (
    Assignment,
    Callback,
    Case,
    CaseEvent,
    Department,
    Extension,
    MatterItem,
    Objection,
    Place,
    SupervisionOrder,
)
from ...models.base import utcnow
from ...models.enums import (
    ACTIVE_ASSIGNMENT_STATES,
    AssignmentRole,
    AssignmentState,
    CallbackState,
    DecisionState,
    HandlingLevel,
)
from ..clock import WorkCalendar
from ..numbering import CASE_NUMBER, CASE_NUMBER_EXAMPLE
from ..personal_data_views import record_shown
from ..queue import mask_phone
from ..security import Actor, Permission
from .callbacks import callback_info, current_lead, may_call
from .common import ASSIGNMENT_ACTIONS, CASE_ACTIONS, handling_place, liaison_refusal, require_case_view
from .deadlines import case_limits
from .department import extension_refusal, result_refusal
from .dispatch import WITHDRAWABLE, suggest_departments
from .duplicates import find_duplicates
from .intake import grid_choices
from .onspot_escalation import grid_task_refusal
from .results import (
    AssignmentInfo,
    CaseDetail,
    CaseInfo,
    EventInfo,
    MergeChoice,
    PendingRequest,
    ShareStep,
    SupervisionInfo,
)
from .supervision import default_due, default_limit, taken_over_by

# Which permission each center action needs at the place that handles the case.
_CENTER_PERMISSION = {
    "route": Permission.INTAKE, "merge": Permission.INTAKE, "unmerge": Permission.INTAKE,
    "resolve_on_spot": Permission.INTAKE,
    "escalate": Permission.DISPATCH, "assign_down": Permission.DISPATCH, "dispatch": Permission.DISPATCH,
    "add_co_handler": Permission.DISPATCH, "withdraw_co_handler": Permission.DISPATCH,
    "review": Permission.REVIEW, "hold": Permission.REVIEW, "reopen": Permission.REVIEW,
    "supervise": Permission.SUPERVISE,
}


# A department's share that calls the requester: from signing for it (Art. 18(1): it answers for the
# case from then on) until it ends — not while it may yet refuse the case, nor while it contends the
# case is not its own (Art. 18(2)); until then the number stays masked (Art. 15).
DIALLING_STATES = frozenset({AssignmentState.SIGNED, AssignmentState.HANDLING, AssignmentState.EXTENSION_PENDING,
                             AssignmentState.REPORTED})


def _center_actions(actor: Actor, case: Case, place_code: str) -> list[str]:
    actions = [a for a, perm in _CENTER_PERMISSION.items()
               if case.state in CASE_ACTIONS[a] and actor.can(perm, place_code)]
    unfit = {"route": case.grid_id is not None, "resolve_on_spot": case.grid_id is None,
             "escalate": case.level is HandlingLevel.CITY, "assign_down": case.level is HandlingLevel.GRID}
    return [a for a in actions if not unfit.get(a, False)]


def _waiting(session, model, rows, state: AssignmentState):
    """The oldest pending request of the case whose share still waits for it (a share finished
    meanwhile — the case closed or put on hold — has nothing left to decide), with its department."""
    waiting = {a.id: name for a, name in rows if a.state is state}
    request = session.scalars(select(model).where(model.assignment_id.in_(waiting), model.state == DecisionState.PENDING)
                              .order_by(model.id)).first() if waiting else None
    return (request, waiting[request.assignment_id]) if request else (None, None)


def _pending_extension(session, case, rows) -> PendingRequest | None:
    request, department = _waiting(session, Extension, rows, AssignmentState.EXTENSION_PENDING)
    if request is None:
        return None
    unit = case_limits(session, case).handle.unit.label
    return PendingRequest(request.id, f"{department} 申请延期 {request.requested_amount} {unit}:{request.reason}")


def _pending_objection(session, rows) -> PendingRequest | None:
    request, department = _waiting(session, Objection, rows, AssignmentState.OBJECTION_PENDING)
    return request and PendingRequest(request.id, f"{department} 提出管辖异议:{request.reason}")


def _asked_at(session, share: Assignment):
    """When the share's request the center has still to decide (an extension, an objection) was made; None
    when none waits."""
    if share.state is AssignmentState.EXTENSION_PENDING:
        model, at = Extension, Extension.requested_at
    elif share.state is AssignmentState.OBJECTION_PENDING:
        model, at = Objection, Objection.raised_at
    else:
        return None
    return session.scalar(select(func.max(at)).where(model.assignment_id == share.id,
                                                     model.state == DecisionState.PENDING))


def _running_share(actor: Actor, shares) -> Assignment | None:
    """The actor's department's running share among a case's `shares` (at most one,
    uq_assignments_one_active_per_department)."""
    return next((a for a in shares if a.department_id is not None and a.department_id == actor.department_id
                 and a.state in ACTIVE_ASSIGNMENT_STATES), None)


def case_detail(db: Database, actor: Actor, case_id: int) -> CaseDetail:
    with db.session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFound(f"案件 {case_id} 不存在,请刷新列表")
        township = require_case_view(session, actor, case)
        place = handling_place(session, case)
        grid = session.get(Place, case.grid_id) if case.grid_id else None
        item = session.get(MatterItem, case.matter_item_id) if case.matter_item_id else None
        rows = session.execute(select(Assignment, Department.name).join(Department)
                               .where(Assignment.case_id == case.id).order_by(Assignment.id)).all()
        pending_ext = _pending_extension(session, case, rows)
        pending_obj = _pending_objection(session, rows)
        actions = _center_actions(actor, case, place.code)
        # Escalated above the user's center (Art. 5): whose case it now is, rather than a panel without buttons.
        handled_above = (place.name if case.state.is_open and not actions
                         and case.level in (HandlingLevel.COUNTY, HandlingLevel.CITY) else None)
        if actor.can(Permission.REVIEW, place.code):
            actions += ["decide_extension"] * bool(pending_ext) + ["decide_objection"] * bool(pending_obj)
        if not any(a.role is AssignmentRole.CO and a.state in WITHDRAWABLE for a, _ in rows):
            actions = [a for a in actions if a != "withdraw_co_handler"]  # no co-handler it could end
        own = _running_share(actor, (a for a, _ in rows))
        not_yet, own_request_at = [], None
        if "resolve_on_spot" in actions and (off_list := grid_task_refusal(session, case)) is not None:
            not_yet.append(("resolve_on_spot", off_list.message))
        if own is not None and actor.can(Permission.HANDLE, township.code):
            actions += [a for a, states in ASSIGNMENT_ACTIONS.items() if own.state in states]
            # Offered, saying why not, rather than missing: asked once already, or past its deadline.
            if "request_extension" in actions and (late := extension_refusal(session, own, utcnow(), case.number)):
                not_yet.append(("request_extension", late.message))
            if "report_result" in actions and (early := result_refusal(session, case, own)) is not None:
                not_yet.append(("report_result", early.message))
            own_request_at = _asked_at(session, own)
        # Whole to those who may see personal data, and to those who must call the requester: the
        # department handling its share (Art. 19(1)) and whoever is to make a pending callback (Art. 20).
        callbacks = session.scalars(select(Callback).where(Callback.case_id == case.id).order_by(Callback.id)).all()
        lead_id = session.scalar(current_lead(case.id))
        pending_callback = any(cb.state is CallbackState.PENDING for cb in callbacks)
        dialling = ((own is not None and own.state in DIALLING_STATES
                     and actor.can(Permission.HANDLE, township.code))
                    or (pending_callback and may_call(actor, place.code, lead_id)))
        sensitive = actor.can(Permission.VIEW_SENSITIVE, township.code) or dialling
        merged_into = session.get(Case, case.merged_into_id).number if case.merged_into_id else None
        phones = dict(session.execute(select(Department.id, Department.phone).where(
            Department.id.in_({a.department_id for a, _ in rows}))).all()) if rows else {}
        # A duplicate's requester is called by whoever calls this case's; otherwise whole only where the
        # user may see personal data of the duplicate's own township (it may lie in another).
        duplicates = [(number, name, phone, code,
                       bool(phone) and (dialling or actor.can(Permission.VIEW_SENSITIVE, code)), said)
                      for number, name, phone, code, said in session.execute(
                          select(Case.number, Case.requester_name, Case.requester_phone, Place.code, Case.description)
                          .join(Place, Place.id == Case.township_id)
                          .where(Case.merged_into_id == case.id).order_by(Case.id))]
        merged_in = tuple((number, name, phone if whole else mask_phone(phone), said)
                          for number, name, phone, _, whole, said in duplicates)
        # The whole numbers shown, by case number: who saw them is on record (Art. 15).
        shown = {number: code for number, _, _, code, whole, _ in duplicates if whole}
        if sensitive and case.requester_phone:
            shown[case.number] = township.code
        orders = session.scalars(select(SupervisionOrder).where(SupervisionOrder.case_id == case.id)
                                 .order_by(SupervisionOrder.id)).all()
        superseded_by = taken_over_by(orders)
        limit = case_limits(session, case).handle
        events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id))
        detail = CaseDetail(
            case=CaseInfo.of(case), channel=case.channel, description=case.description,
            requester_name=case.requester_name,
            requester_phone=case.requester_phone if sensitive else mask_phone(case.requester_phone),
            matter_item=f"{item.code} {item.title}" if item else None, address=case.address, lon=case.lon,
            lat=case.lat, place_name=(grid or township).name, grid_code=grid.code if grid else None,
            received_at=case.received_at, closed_at=case.closed_at, resolution=case.resolution,
            hold_reason=case.hold_reason, hold_explanation=case.hold_explanation, merged_into=merged_into,
            assignments=tuple(AssignmentInfo.of(a, name, phones.get(a.department_id)) for a, name in rows),
            events=tuple(EventInfo.of(e) for e in events),
            supervision_orders=tuple(SupervisionInfo(o.id, o.level, o.issued_at, o.issued_by, o.due_at, o.reason,
                                                     o.closed_at, superseded_by.get(o.id)) for o in orders),
            callbacks=tuple(callback_info(cb, case, actor, township.code, lead_id, may_call(actor, place.code, lead_id))
                            for cb in callbacks),
            actions=tuple(actions), own_assignment_id=own.id if own else None,
            pending_extension=pending_ext, pending_objection=pending_obj,
            handling_limit=limit.amount, handling_unit=limit.unit,
            merged_in=merged_in, route_choices=grid_choices(session, case) if "route" in actions else (),
            supervise_due=(default_due(WorkCalendar.load(session), utcnow(), default_limit(limit))
                           if "supervise" in actions else None),
            handled_above=handled_above, merged_into_id=case.merged_into_id, not_yet=tuple(not_yet),
            own_request_at=own_request_at,
        )
    record_shown(db, actor, shown)
    if "merge" in actions and detail.lon is not None:  # looked up once this session has let go
        detail = replace(detail, merge_choices=_merge_choices(db, actor, detail))
    if "add_co_handler" in actions:
        working = {a.department_id for a in detail.assignments if a.state in ACTIVE_ASSIGNMENT_STATES}
        detail = replace(detail, co_handler_choices=tuple(
            s for s in suggest_departments(db, actor, case_id) if s.id not in working))
    return detail


def _merge_choices(db: Database, actor: Actor, detail: CaseDetail) -> tuple[MergeChoice, ...]:
    """The open cases a located case looks like a duplicate of (duplicates.find_duplicates' rule,
    its window counted from when this case was received) that the actor may merge it into: those
    where they take in requests ("merge" is offered only where they do so for this case)."""
    case = detail.case
    hints = find_duplicates(db, actor, category=case.category, lon=detail.lon, lat=detail.lat,
                            exclude_case_id=case.id, now=detail.received_at, permission=Permission.INTAKE)
    return tuple(MergeChoice(h.case.number, h.case.title, h.distance_m) for h in hints)


def case_id_by_number(db: Database, actor: Actor, number: str) -> int:
    """The id of a case the actor may view, by its number."""
    with db.session() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        if case is None:
            if not CASE_NUMBER.fullmatch(number.strip()):
                # Said to a liaison too: it gives away no case, and "not sent to your department" would mislead.
                raise ValidationFailed(f"“{number}”不是案件编号:案件编号形如 {CASE_NUMBER_EXAMPLE}"
                                       "(乡镇代码-受理年份-序号),请核对后重新输入", field="number")
            if actor.department_id is not None and actor.scopes(Permission.VIEW_CASES) == []:
                raise liaison_refusal(session, actor, number)  # as for another department's case
            raise NotFound(f"没有编号为 {number} 的案件,请核对编号")
        require_case_view(session, actor, case)
        return case.id


def own_share_step(db: Database, actor: Actor, number: str) -> ShareStep:
    """What the actor's step on its department's running share of case `number` goes with, as the
    case panel passes it. Reads the share, not the panel: no requester's phone is shown, so none is
    recorded as shown (Art. 15). Refused when the department has no running share (Art. 18)."""
    case_id = case_id_by_number(db, actor, number)
    with db.session() as session:
        case = session.get(Case, case_id)
        share = _running_share(actor, case.assignments)
        if share is None:
            if actor.department_id is None:
                raise PermissionDenied(f"用户“{actor.display_name}”不是部门联络员;案件 {number} 的签收、联系、反馈等"
                                       "由承办部门的联络员办理", article="Art. 15")
            department = session.get(Department, actor.department_id)
            raise PermissionDenied(f"{department.name} 在案件 {number} 没有正在办理的承办任务(未派给该部门,"
                                   "或已办结、已撤回);联络员只能办理本部门承办或协办中的任务", article="Art. 18")
        newest = session.scalar(select(func.max(CaseEvent.id)).where(CaseEvent.case_id == case.id))
        return ShareStep(CaseInfo.of(case), AssignmentInfo.of(share, session.get(Department, share.department_id).name),
                         newest, case_limits(session, case).handle.unit)
