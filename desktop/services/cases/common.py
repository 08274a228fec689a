"""What every case step shares: loading with scope and version checks, the state table and
the timeline writer (each change is a CaseEvent: who, when, what, from which desktop)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ...errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from ...models import Assignment, Case, CaseEvent, Department, Objection, Place, Setting, SupervisionOrder
from ...models.base import utcnow
from ...models.enums import AssignmentRole, AssignmentState, CaseState, DecisionState, HandlingLevel, SupervisionLevel
from ...said import Message, enumerated
from ..clock import beijing_text
from ..queue import visible_condition
from ..saved_meanwhile import SOMEONE_ELSE
from ..security import Permission
from ..unit_of_work import UnitOfWork

S = CaseState
A = AssignmentState

# While the lead works on a case: its co-handlers may be added or withdrawn. Once it has fed back its result,
# the center sends the case back first.
_LEAD_AT_WORK = frozenset({S.DISPATCHED, S.SIGNED, S.HANDLING, S.EXTENSION_PENDING, S.SENT_BACK})

# The state table of SPEC §11: from which case states each center action may be taken.
CASE_ACTIONS: dict[str, frozenset[CaseState]] = {
    "route": frozenset({S.RECEIVED, S.REGISTERED}),  # while it has no grid (route_to_grid)
    "merge": frozenset({S.RECEIVED, S.REGISTERED, S.ESCALATED}),
    "unmerge": frozenset({S.MERGED}),
    "resolve_on_spot": frozenset({S.RECEIVED, S.REGISTERED}),
    "escalate": frozenset({S.RECEIVED, S.REGISTERED, S.ESCALATED, S.REOPENED}),
    "assign_down": frozenset({S.REGISTERED, S.ESCALATED}),
    "dispatch": frozenset({S.RECEIVED, S.REGISTERED, S.ESCALATED, S.REOPENED}),
    "add_co_handler": _LEAD_AT_WORK, "withdraw_co_handler": _LEAD_AT_WORK,
    "review": frozenset({S.REPORTED, S.UNDER_REVIEW}),
    "hold": frozenset({S.REGISTERED, S.ESCALATED, S.DISPATCHED, S.SIGNED, S.HANDLING, S.REPORTED,
                       S.UNDER_REVIEW, S.SENT_BACK, S.REOPENED}),
    "reopen": frozenset({S.CLOSED, S.RESOLVED_ON_SPOT, S.ON_HOLD}),
    "supervise": frozenset(s for s in CaseState if s.is_open),
}

# A department's own steps: from which assignment states each may be taken (Art. 18–19).
ASSIGNMENT_ACTIONS: dict[str, frozenset[AssignmentState]] = {
    "sign": frozenset({A.DISPATCHED}),
    "contact": frozenset({A.SIGNED, A.HANDLING}),
    "stage_report": frozenset({A.SIGNED, A.HANDLING}),
    "request_extension": frozenset({A.SIGNED, A.HANDLING}),
    "object": frozenset({A.DISPATCHED, A.SIGNED, A.HANDLING}),
    "report_result": frozenset({A.SIGNED, A.HANDLING}),
}

# Said in the desk's language within the refusals too (require_state), as a noun phrase ("merging").
ACTION_LABELS = {action: Message(label)() for action, label in {
    "route": "指定网格", "merge": "合并", "unmerge": "撤销合并", "resolve_on_spot": "就地办结", "escalate": "上报",
    "assign_down": "下派", "dispatch": "派遣", "add_co_handler": "增加协办单位",
    "withdraw_co_handler": "撤回协办单位", "review": "核查", "hold": "暂缓", "reopen": "重办",
    "supervise": "督办", "sign": "签收", "contact": "联系诉求人", "stage_report": "报送阶段情况",
    "request_extension": "申请延期", "object": "提出管辖异议", "report_result": "反馈办理结果",
    "decide_extension": "审批延期", "decide_objection": "处理管辖异议",
}.items()}

# The article that provides for each step, cited when the case or the share is not in a state to take it.
ACTION_ARTICLES = {
    # Art. 17: the center receives requests and sends each where it belongs, by territory and by level;
    # grid staff resolve on the spot or report up.
    "route": "Art. 17", "merge": "Art. 17", "unmerge": "Art. 17", "resolve_on_spot": "Art. 17", "dispatch": "Art. 17",
    # Art. 5: each level's center handles what the level below reports up and takes on what the level above
    # assigns down.
    "escalate": "Art. 5", "assign_down": "Art. 5",
    # Art. 18: first-receiver responsibility, co-handling, stage reports and objections.
    "add_co_handler": "Art. 18", "withdraw_co_handler": "Art. 18", "sign": "Art. 18", "stage_report": "Art. 18", "object": "Art. 18",
    "decide_objection": "Art. 18",
    # Art. 19: contact the requester, extend or pause with reasons, feed the result back.
    "contact": "Art. 19", "request_extension": "Art. 19", "report_result": "Art. 19", "decide_extension": "Art. 19",
    "hold": "Art. 19",
    # Art. 20: supervision and callbacks, following a case until it is solved.
    "review": "Art. 20", "reopen": "Art. 20", "supervise": "Art. 20",
}

# The case state that mirrors its lead assignment's state.
CASE_STATE_OF_LEAD = {
    A.DISPATCHED: S.DISPATCHED, A.SIGNED: S.SIGNED, A.HANDLING: S.HANDLING,
    A.EXTENSION_PENDING: S.EXTENSION_PENDING, A.OBJECTION_PENDING: S.OBJECTION_PENDING, A.REPORTED: S.REPORTED,
}

LEVEL_ORDER = [HandlingLevel.GRID, HandlingLevel.TOWNSHIP, HandlingLevel.COUNTY, HandlingLevel.CITY]


_CHANGED_MEANWHILE = Message("案件 {number} 已被 {who} 于 {when} 修改,请重新载入")
_NO_SUCH_CASE = Message("案件 {case} 不存在(可能已被删除),请刷新列表")
_NOT_FILLED_IN = Message("请填写{what}({field})")


def required_text(value: str, what: str, field: str) -> str:
    """`value` stripped; refused where left empty, naming `what` (a Said) and its command-line `field`."""
    if not value or not value.strip():
        raise ValidationFailed(_NOT_FILLED_IN(what=what, field=field), field=field)
    return value.strip()


def conflict_message(case: Case) -> str:
    """Who changed the case and when: the time alone where that was today (Beijing), with its date where a
    panel stood open since an earlier day."""
    today = beijing_text(utcnow(), "%Y-%m-%d") == beijing_text(case.updated_at, "%Y-%m-%d")
    when = beijing_text(case.updated_at, "%H:%M" if today else "%m-%d %H:%M")
    return _CHANGED_MEANWHILE(number=case.number, who=case.updated_by or SOMEONE_ELSE, when=when)


def stale(uow: UnitOfWork, case: Case) -> Conflict:
    """The refusal of a step taken on the case as it was before another desk changed it, naming who
    changed it and when — once the actor is found to be one who may read the case: to anyone else
    nothing of it is told, and the refusal is theirs (Art. 15)."""
    require_case_view(uow.session, uow.actor, case)
    return Conflict(conflict_message(case))


def load_case(uow: UnitOfWork, case_id: int, expected_version: int | None) -> Case:
    """The case, row-locked (PostgreSQL) so that a concurrent save waits and then sees our change.

    `expected_version` is the version the user saw; a different one means someone else saved
    in between, and the user must reload rather than overwrite (optimistic locking).
    None is for automatic steps that act on whatever is current.
    """
    case = uow.session.scalar(select(Case).where(Case.id == case_id).with_for_update())
    if case is None:
        raise NotFound(_NO_SUCH_CASE(case=case_id))
    uow.target = f"case:{case.id}"
    if expected_version is not None and case.version != expected_version:
        raise stale(uow, case)
    return case


def handling_place(session, case: Case) -> Place:
    """The place whose center handles the case now: its grid, township, county or the city."""
    if case.level is HandlingLevel.GRID and case.grid_id is not None:
        return session.get(Place, case.grid_id)
    township = session.get(Place, case.township_id)
    if case.level in (HandlingLevel.GRID, HandlingLevel.TOWNSHIP):
        return township
    county = session.get(Place, case.county_id)
    return county if case.level is HandlingLevel.COUNTY else county.parent


def require_on_case(uow: UnitOfWork, case: Case, permission: Permission) -> Place:
    """Scope check (Art. 15) at the level that handles the case now; returns that place."""
    place = handling_place(uow.session, case)
    uow.require(permission, place.code, place.short_name)
    return place


_LIST_NOT_YOURS = Message("用户“{user}”没有在 {place}({code}){permission}的权限:"
                          "这份清单属于网格化服务管理中心;请由中心的值班员或值班长查看")
_NOT_YOUR_AREA = Message("用户“{user}”无权查看 {place}({code})的案件;请由具有该地区查看权限的用户查看")


def require_view(actor, place: Place) -> None:
    """A list of the place's cases is the centre's, for who may read every case there — not a
    liaison, who reads their own department's cases (Art. 15)."""
    if not actor.can(Permission.VIEW_CASES, place.code):
        raise PermissionDenied(_LIST_NOT_YOURS(user=actor.display_name, place=place.short_name, code=place.code,
                                               permission=Permission.VIEW_CASES), article="Art. 15")


def require_case_view(session, actor, case: Case) -> Place:
    """Refuse unless the actor may read the case (`queue.visible_condition`: any case of their
    area, or a liaison's department's share, Art. 15, 19). Returns the township.

    A liaison is told the same whether a number they type is another department's case or no
    case at all: the refusal must not tell them which numbers exist.
    """
    township = session.get(Place, case.township_id)
    if session.scalar(select(Case.id).where(Case.id == case.id, visible_condition(session, actor))) is not None:
        return township
    if actor.department_id is not None and not actor.can(Permission.VIEW_CASES, township.code):
        raise _share_ended(session, actor, case) or liaison_refusal(session, actor, case.number)
    raise PermissionDenied(_NOT_YOUR_AREA(user=actor.display_name, place=township.short_name, code=township.code),
                           article="Art. 15")


_OBJECTION_UPHELD = Message("本部门对案件 {number} 提出的管辖异议已于 {when} 由{by}认定成立{comment},派遣已撤回;"
                            "该案不再由本部门承办,不能再查看")
_CO_HANDLING_WITHDRAWN = Message("本部门对案件 {number} 的协办已于 {when} 由{by}撤回(理由:{reason});"
                                 "该案不再由本部门协办,不能再查看")
_NOT_SENT_TO = Message("该案未派给{department},")
_NOT_A_SHARE_OF_YOURS = Message("用户“{user}”无权查看案件 {number}:{held_by}联络员只能查看本部门承办或协办的案件;"
                                "如需了解该案,请联系网格化服务管理中心")


def _share_ended(session, actor, case: Case) -> PermissionDenied | None:
    """A department whose share the center withdrew — its objection upheld (Art. 18(2)), or its co-handling
    ended (dispatch.withdraw_co_handler) — no longer reads the case, but is told the center's decision and
    why: it knew the case, so nothing is given away. Said only where its last share ended so, not after a
    later share ended otherwise."""
    last_share = session.scalar(select(Assignment.id).where(Assignment.case_id == case.id,
                                                          Assignment.department_id == actor.department_id)
                                .order_by(Assignment.id.desc()).limit(1))
    decided = session.execute(select(Objection.decided_at, Objection.decided_by, Objection.comment).where(
        Objection.assignment_id == last_share, Objection.state == DecisionState.APPROVED)).first()
    if decided is not None:
        at, by, comment = decided
        return PermissionDenied(_OBJECTION_UPHELD(number=case.number, when=beijing_text(at, '%m-%d %H:%M'), by=by,
                                                  comment=f"({comment})" if comment else ""), article="Art. 18")
    withdrawn = session.execute(select(CaseEvent.at, CaseEvent.actor_name, CaseEvent.detail).where(
        CaseEvent.assignment_id == last_share, CaseEvent.kind == "co_withdrawn")).first()
    if withdrawn is not None:
        at, by, detail = withdrawn
        return PermissionDenied(_CO_HANDLING_WITHDRAWN(number=case.number, when=beijing_text(at, '%m-%d %H:%M'),
                                                       by=by, reason=detail.get('reason', '')), article="Art. 18")
    return None


def liaison_refusal(session, actor, number: str) -> PermissionDenied:
    department = session.get(Department, actor.department_id)
    held_by = _NOT_SENT_TO(department=department.name) if department else ""
    return PermissionDenied(_NOT_A_SHARE_OF_YOURS(user=actor.display_name, number=number, held_by=held_by),
                            article="Art. 15")


_WRONG_CASE_STATE = Message("案件 {number} 当前状态为“{state}”,不能{action};"
                            "只有“{allowed}”状态的案件可以{action},请重新查看案件当前状态")
_NOT_SIGNED_FOR = Message("案件 {number} 的承办任务尚未签收,不能{action};请先签收")
_WRONG_SHARE_STATE = Message("案件 {number} 的承办任务当前为“{state}”,不能{action};请重新查看承办状态")


def require_state(case: Case, action: str) -> None:
    if case.state not in CASE_ACTIONS[action]:
        allowed = enumerated(s for s in CaseState if s in CASE_ACTIONS[action])
        raise InvalidTransition(
            _WRONG_CASE_STATE(number=case.number, state=case.state, action=ACTION_LABELS[action], allowed=allowed),
            article=ACTION_ARTICLES[action])


def require_assignment_state(case: Case, assignment: Assignment, action: str) -> None:
    if assignment.state is A.DISPATCHED and assignment.state not in ASSIGNMENT_ACTIONS[action]:
        raise InvalidTransition(_NOT_SIGNED_FOR(number=case.number, action=ACTION_LABELS[action]),
                                article=ACTION_ARTICLES["sign"])
    if assignment.state not in ASSIGNMENT_ACTIONS[action]:
        raise InvalidTransition(
            _WRONG_SHARE_STATE(number=case.number, state=assignment.state, action=ACTION_LABELS[action]),
            article=ACTION_ARTICLES[action])


def lead_assignment(case: Case) -> Assignment | None:
    active = [a for a in case.assignments if a.role is AssignmentRole.LEAD and a.state is not A.WITHDRAWN
              and a.state is not A.DONE]
    return active[0] if active else None


def active_assignments(case: Case) -> list[Assignment]:
    return [a for a in case.assignments if a.state not in (A.DONE, A.WITHDRAWN)]


def finish_assignments(case: Case, now: datetime) -> None:
    """Stop every running clock of the case (closed, or put on hold)."""
    for assignment in active_assignments(case):
        assignment.state = A.DONE
        assignment.finished_at = now
        assignment.paused_since = None
    case.due_at = None


def record(uow: UnitOfWork, case: Case, kind: str, message: str, *, to_state: CaseState | None = None,
           assignment: Assignment | None = None, at: datetime | None = None, **detail) -> CaseEvent:
    """Write the timeline event, move the case, keep updated_by current, audit and feed live updates."""
    at = at or utcnow()
    from_state = case.state
    if to_state is not None:
        case.state = to_state
        if from_state.is_open and not to_state.is_open:
            _withdraw_leftover_shares(case, at)
            _end_supervision(uow.session, case, at)
    # Always touching the row bumps its version, so every step is seen by optimistic locking.
    case.updated_by = uow.actor.display_name
    case.updated_at = at
    event = CaseEvent(case=case, at=at, kind=kind, actor_id=uow.actor.user_id, actor_name=uow.actor.display_name,
                      desktop=uow.actor.desktop, from_state=from_state.value if from_state else None,
                      to_state=case.state.value, assignment_id=assignment.id if assignment else None,
                      message=message, detail=detail)
    uow.session.add(event)
    uow.audit(f"案件 {case.number}:{message}", target=uow.target or f"case:{case.id}", case=case.number, event=kind,
              **detail)
    uow.changed("cases", case.id, township_id=case.township_id, note=kind)
    return event


def _withdraw_leftover_shares(case: Case, now: datetime) -> None:
    """A case closed without review (resolved on the spot, merged) may still hold shares — the
    co-handlers of a lead whose objection was upheld (Art. 18(2)). Nobody will report on them any
    more: they are withdrawn, so that no department keeps a case it cannot finish (a review
    finishes the shares as done before closing)."""
    for assignment in active_assignments(case):
        assignment.state = A.WITHDRAWN
        assignment.finished_at = now
        assignment.paused_since = None
    case.due_at = None


def _end_supervision(session, case: Case, now: datetime) -> None:
    """A case closed however (reviewed, resolved on the spot, merged) needs no more pushing: its
    open 督办 orders close with it, and it is under supervision no more (Art. 20(1)). The orders
    and the timeline keep that it was; reopened, it may be put under key supervision again."""
    for order in session.scalars(select(SupervisionOrder).where(SupervisionOrder.case_id == case.id,
                                                                SupervisionOrder.closed_at.is_(None))):
        order.closed_at = now
    case.supervision = SupervisionLevel.NONE


def setting(session, key: str, default):
    """A configurable rule from the settings table; dict values are completed from the default."""
    row = session.get(Setting, key)
    if row is None:
        return default
    if isinstance(default, dict) and isinstance(row.value, dict):
        return {**default, **row.value}
    return row.value
