"""Supervision 督办 (Art. 20(1)): orders with a level and a deadline; unresolved requests get
key supervision (重点督办), the queue's 待重点督办 listing them (`queue.due_for_key_supervision`).

A new order takes over the running orders of its level and below (再次督办, 一般督办 → 重点督办): they
close as it is issued, so that only its deadline is watched (督办超期) and the old ones stay on record.
A case handled within hours (urgent) is pushed within hours too: its orders' deadlines are moments,
not days."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ...db import Database
from ...errors import InvalidTransition, ValidationFailed
from ...models import Case, SupervisionOrder
from ...models.base import utcnow
from ...models.enums import SupervisionLevel, TimeLimitUnit
from ...said import Message
from ..clock import WorkCalendar, due_text_as_of
from ..security import Actor, Permission
from ..unit_of_work import UnitOfWork, unit_of_work
from .common import load_case, record, require_on_case, require_state
from .deadlines import Limit, case_limits
from .results import CaseInfo

DEFAULT_DAYS = 3  # working days to answer a supervision order unless a deadline is given
DEFAULT_HOURS = 4  # the same for a case handled within hours (urgent: 24 hours in all)
DEFAULT_LIMIT = Limit(DEFAULT_DAYS, TimeLimitUnit.WORKING_DAYS)
_RANK = {SupervisionLevel.NONE: 0, SupervisionLevel.GENERAL: 1, SupervisionLevel.KEY: 2}


def default_limit(handling: Limit) -> Limit:
    """The time an order gives unless the supervisor sets a deadline, by the case's handling limit: hours
    where that is in hours (urgent: three working days would outlast it), else DEFAULT_DAYS working days."""
    if handling.unit is TimeLimitUnit.HOURS:
        return Limit(DEFAULT_HOURS, TimeLimitUnit.HOURS)
    return DEFAULT_LIMIT


def default_due(calendar: WorkCalendar, issued_at: datetime, limit: Limit = DEFAULT_LIMIT) -> datetime:
    """The deadline of an order issued without one. One in working days follows the calendar when a
    year's holidays are entered (calendar_admin); one the supervisor set stays."""
    return limit.deadline(calendar, issued_at)


def _supersede(session, case: Case, level: SupervisionLevel, now: datetime) -> list[SupervisionOrder]:
    """Close the case's running orders a new order of `level` takes over (those of its level and below):
    the new one's deadline is the one that counts from now on."""
    taken_over = [order for order in session.scalars(select(SupervisionOrder).where(
        SupervisionOrder.case_id == case.id, SupervisionOrder.closed_at.is_(None)).order_by(SupervisionOrder.id))
        if _RANK[order.level] <= _RANK[level]]
    for order in taken_over:
        order.closed_at = now
    return taken_over


def taken_over_by(orders: list[SupervisionOrder]) -> dict[int, int]:
    """The order that took over each order it closed, by id: a later order of the case, issued the moment
    the earlier one closed (`_supersede`); an order closed with its case has none."""
    issued = {order.issued_at: order.id for order in orders}
    return {order.id: newer for order in orders
            if (newer := issued.get(order.closed_at)) is not None and newer > order.id}


def issue_order(uow: UnitOfWork, case: Case, level: SupervisionLevel, reason: str,
                due_at: datetime | None = None, now: datetime | None = None) -> SupervisionOrder:
    """Add a supervision order to a case (the caller has checked rights and state)."""
    now = now or utcnow()
    calendar = WorkCalendar.load(uow.session)
    due_at = due_at or default_due(calendar, now, default_limit(case_limits(uow.session, case).handle))
    taken_over = _supersede(uow.session, case, level, now)
    order = SupervisionOrder(case_id=case.id, level=level, issued_at=now, issued_by=uow.actor.display_name,
                             due_at=due_at, reason=reason)
    uow.session.add(order)
    if _RANK[level] > _RANK[case.supervision]:
        case.supervision = level
    replaced = "".join(f";取代此前的{old.level.label}(期限 {due_text_as_of(old.due_at, now)})" for old in taken_over)
    record(uow, case, "supervised", f"{level.label}:{reason}{replaced}", at=now,
           level=level.value, superseded=[old.id for old in taken_over], calendar_warning=calendar.warning_text())
    return order


_SUPERVISED_HIGHER = Message("案件 {number} 正在{running}中(期限 {due}),无需再下{level};如需再次督办,请选{running}")


def supervise(db: Database, actor: Actor, *, case_id: int, level: SupervisionLevel, reason: str,
              expected_version: int, due_at: datetime | None = None) -> CaseInfo:
    """Issue a 督办 order (Art. 20(1)) on an open case. An order may follow another (再次督办), but not
    one of a lower level while a higher one runs: a 一般督办 under a running 重点督办 says nothing."""
    if level is SupervisionLevel.NONE:
        raise ValidationFailed("督办级别(level):请选择一般督办或重点督办", field="level")
    if not reason or not reason.strip():
        raise ValidationFailed("请填写督办事由(reason)", field="reason")
    with unit_of_work(db, actor, "cases.supervise") as uow:
        case = load_case(uow, case_id, expected_version)
        require_on_case(uow, case, Permission.SUPERVISE)
        require_state(case, "supervise")
        if due_at is not None and due_at <= utcnow():
            raise ValidationFailed("督办期限(due_at):应晚于现在", field="due_at")
        higher = [order for order in uow.session.scalars(select(SupervisionOrder).where(
            SupervisionOrder.case_id == case.id, SupervisionOrder.closed_at.is_(None)).order_by(SupervisionOrder.id))
            if _RANK[order.level] > _RANK[level]]  # running orders above the one asked for
        if higher:
            raise InvalidTransition(_SUPERVISED_HIGHER(number=case.number, running=higher[-1].level, level=level,
                                                       due=due_text_as_of(higher[-1].due_at, utcnow())),
                                    article="Art. 20")
        issue_order(uow, case, level, reason.strip(), due_at)
        uow.session.flush()
        return CaseInfo.of(case)
