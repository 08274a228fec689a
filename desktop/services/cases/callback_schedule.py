"""When callbacks fall due (Art. 20(2): the center sets the frequency by how the request was
resolved and how satisfied the requester was). Setting "callbacks.rule", SPEC §11 defaults:
every closed case within 3 working days of closing; a temporarily unresolvable case monthly; a
requester basically satisfied, again after a set number of working days if configured; a
requester not reached, tried up to 3 times on different days."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from ...models import Callback, Case
from ...models.base import utcnow
from ...models.enums import CallbackState
from ..clock import WorkCalendar
from .common import setting

RULE_SETTING = "callbacks.rule"
# basically_satisfied_again_working_days: a requester only basically satisfied with a solved
# request is called back again so many working days later (0: not again) — the frequency follows
# satisfaction too (Art. 20(2)). callback_attempts: a requester not reached is tried again, each
# time on a later day, until so many attempts were made; then the round ends as 无法联系.
DEFAULT_RULE = {"after_close_working_days": 3, "on_hold_every_days": 30, "basically_satisfied_again_working_days": 0,
                "callback_attempts": 3}


def _pending(session, case: Case) -> Callback | None:
    return session.scalar(select(Callback).where(Callback.case_id == case.id,
                                                 Callback.state == CallbackState.PENDING))


def due_after_close(calendar: WorkCalendar, closed_at: datetime, rule: dict = DEFAULT_RULE) -> datetime:
    """When the callback after closing falls due: N working days after the day of closing."""
    return calendar.add_working_days(closed_at, rule["after_close_working_days"])


def due_while_on_hold(since: datetime, rule: dict = DEFAULT_RULE) -> datetime:
    """When the next periodic callback of a case on hold falls due, counted from `since`."""
    return since + timedelta(days=rule["on_hold_every_days"])


def schedule_after_close(session, case: Case, now: datetime | None = None) -> Callback:
    """A callback within N working days of closing (also after a reopened case is closed again)."""
    now = now or utcnow()
    due = due_after_close(WorkCalendar.load(session), now, setting(session, RULE_SETTING, DEFAULT_RULE))
    return _schedule(session, case, due)


def schedule_again_if_basically_satisfied(session, case: Case, now: datetime) -> Callback | None:
    """Once more, N working days on, for a solved request the requester was only basically satisfied with."""
    days = setting(session, RULE_SETTING, DEFAULT_RULE)["basically_satisfied_again_working_days"]
    if not days:
        return None
    return _schedule(session, case, WorkCalendar.load(session).add_working_days(now, days))


def schedule_while_on_hold(session, case: Case, now: datetime | None = None) -> Callback:
    """The next periodic callback of a temporarily unresolvable case (Art. 19(2), 20(2))."""
    now = now or utcnow()
    return _schedule(session, case, due_while_on_hold(now, setting(session, RULE_SETTING, DEFAULT_RULE)))


def _schedule(session, case: Case, due: datetime) -> Callback:
    callback = _pending(session, case)
    if callback is None:
        callback = Callback(case_id=case.id, due_at=due)
        session.add(callback)
    else:  # a new round, where a retry was pending
        callback.due_at, callback.attempt = due, 1
    return callback
