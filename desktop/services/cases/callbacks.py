"""The callback workbench (Art. 20(2)(3)): the callbacks that are due, and what the requester said.

Solved? Satisfied (满意/基本满意/不满意)? An unsatisfied or unsolved answer must be followed up —
reopen the case or put it under supervision (key supervision when unsolved, Art. 20(1)); the
next callback follows the next closing. A case on hold is called back again a month later.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ...db import Database
from ...errors import InvalidTransition, NotFound, ValidationFailed
from ...models import Callback, Case, Place
from ...models.base import utcnow
from ...models.enums import CallbackOutcome, CallbackState, CaseState, Satisfaction, SupervisionLevel
from ..clock import WorkCalendar
from ..queue import mask_phone, visible_condition
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .callback_schedule import schedule_while_on_hold
from .common import load_case, record, require_case_view, require_on_case
from .results import CallbackInfo, CaseInfo
from .review import reopen_case
from .supervision import issue_order


def callback_info(callback: Callback, case: Case, actor: Actor, township_code: str) -> CallbackInfo:
    phone = case.requester_phone if actor.can(Permission.VIEW_SENSITIVE, township_code) else mask_phone(
        case.requester_phone)
    return CallbackInfo(callback.id, case.id, case.number, case.title, case.requester_name, phone, callback.due_at,
                        callback.state, callback.solved, callback.satisfaction, callback.notes, case.state)


def due_callbacks(db: Database, actor: Actor, *, until: datetime | None = None) -> list[CallbackInfo]:
    """Pending callbacks the actor may make, due by `until` (default: all pending), earliest first;
    a liaison's are those of its department's cases (Art. 15, 20(3))."""
    with db.session() as session:
        stmt = (select(Callback, Case, Place.code).join(Case, Case.id == Callback.case_id)
                .join(Place, Place.id == Case.township_id)
                .where(Callback.state == CallbackState.PENDING, visible_condition(session, actor))
                .order_by(Callback.due_at))
        if until is not None:
            stmt = stmt.where(Callback.due_at <= until)
        return [callback_info(cb, case, actor, code) for cb, case, code in session.execute(stmt)
                if actor.can(Permission.CALLBACK, code)]


def record_callback(db: Database, actor: Actor, *, callback_id: int, reached: bool = True,
                    solved: bool | None = None, satisfaction: Satisfaction | None = None, notes: str = "",
                    outcome: CallbackOutcome = CallbackOutcome.NONE, now: datetime | None = None) -> CaseInfo:
    """Record a callback. Not reached: tried again the next working day."""
    now = now or utcnow()
    if reached:
        problems = []
        if solved is None:
            problems.append("是否解决(solved):必填")
        if satisfaction is None:
            problems.append("满意度(satisfaction):请选择满意、基本满意或不满意")
        if problems:
            raise ValidationFailed("回访记录不完整", problems)
        if (not solved or satisfaction is Satisfaction.UNSATISFIED) and outcome is CallbackOutcome.NONE:
            raise ValidationFailed("诉求未解决或诉求人不满意,须选择重办或督办(outcome)", field="outcome",
                                   article="Art. 20")
    with unit_of_work(db, actor, "cases.callback") as uow:
        callback = uow.session.get(Callback, callback_id)
        if callback is None:
            raise NotFound(f"回访 {callback_id} 不存在,请刷新")
        case = load_case(uow, callback.case_id, None)
        require_on_case(uow, case, Permission.CALLBACK)
        require_case_view(uow.session, actor, case)
        if callback.state is not CallbackState.PENDING:
            raise InvalidTransition(f"案件 {case.number} 的这次回访已记录({callback.state.label}),请刷新")
        callback.caller, callback.notes, callback.done_at = actor.display_name, notes or None, now
        if not reached:
            callback.state = CallbackState.UNREACHABLE
            record(uow, case, "callback", "回访未联系上诉求人,下一工作日再次回访", at=now)
            uow.session.add(Callback(case_id=case.id, due_at=WorkCalendar.load(uow.session).add_working_days(now, 1)))
            uow.session.flush()
            return CaseInfo.of(case)
        callback.state, callback.solved, callback.satisfaction = CallbackState.DONE, solved, satisfaction
        callback.outcome = outcome
        record(uow, case, "callback", f"回访:{'已解决' if solved else '未解决'},{satisfaction.label}"
               + (f";{notes}" if notes else ""), at=now, solved=solved, satisfaction=satisfaction.value)
        uow.session.flush()  # the pending callback is done before a reopening looks for pending ones
        if outcome is CallbackOutcome.REOPEN or (outcome is CallbackOutcome.SUPERVISE and not case.state.is_open):
            reopen_case(uow, case, f"回访{satisfaction.label}:{notes or '诉求人要求重新办理'}", now)
        if outcome is CallbackOutcome.SUPERVISE:
            level = SupervisionLevel.GENERAL if solved else SupervisionLevel.KEY
            issue_order(uow, case, level, f"回访{satisfaction.label},{'已解决' if solved else '未解决'}", now=now)
        if case.state is CaseState.ON_HOLD:
            schedule_while_on_hold(uow.session, case, now)
        uow.session.flush()
        return CaseInfo.of(case)
