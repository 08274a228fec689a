"""Putting the Art. 21 ladder's record right: a rung entered with a wrong time or text, a report
marked handled by mistake.

The ladder's record is the yardstick of timely reporting (Art. 21), so nothing is erased: each
correction keeps before and after with its reason, in the audit and on the linked case's timeline,
and `emergencies.corrections` lists them with the corrected facts (`amend_facts`) for the ladder
panel and the bulletin. It is a shift supervisor's or an administrator's to make
(Permission.CORRECT_EMERGENCY_RECORD), not an operator's: it changes what the timeliness indicator counts.
Acknowledging an alarm, which only the township's shift supervisor does, is another right. The learning time stays fixed
(emergencies.FIXED_FACTS): every clock of the ladder runs from it. A report closed by its final
report is not corrected: the final report went out on that record.

A follow-up sets the next one's clock and may answer for rounds missed before it, so only the last
follow-up made to a level is corrected; the next one's due time and the missed rounds follow the
corrected time, at the interval they were scheduled with (a ladder changed since does not reach
back), and none falls due after the handling. Undoing a handling brings back the follow-ups it
had made unnecessary: each level's next follow-up is due an interval after its last one (after
the learning time if none was made).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from ..db import Database
from ..errors import InvalidTransition, ValidationFailed
from ..models import EmergencyReport, EmergencyStep, utcnow
from ..models.enums import EmergencyState, EmergencyStepKind, HandlingLevel
from .clock import beijing_text
from .emergencies import (
    EmergencyInfo,
    LadderRule,
    check_done_at,
    get_report,
    is_missed_round,
    last_told,
    load_report_for,
    load_step_for,
    missed_rounds,
    on_linked_case,
)
from .security import Actor, Permission
from .unit_of_work import unit_of_work

CORRECTION_PERMISSION = Permission.CORRECT_EMERGENCY_RECORD


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(f"{what}原因(reason):必须写明为何{what}(如:误录时间,应为电话记录所载时间)",
                               field="reason", article="Art. 21")
    return reason


def _follow_ups(steps: Sequence, level: HandlingLevel) -> list:
    return [s for s in steps if s.kind is EmergencyStepKind.FOLLOW_UP and s.to_level is level]


def _rounds_made_by(steps: Sequence, step) -> list:
    """The missed rounds this follow-up answered for: made with it, after its own due time."""
    return [s for s in _follow_ups(steps, step.to_level)
            if is_missed_round(s) and s.done_at == step.done_at and s.due_at > step.due_at]


def correction_refusal(state: EmergencyState, steps: Sequence, step) -> str | None:
    """Why this rung's record cannot be corrected, or None. `steps` are the report's (EmergencyStep
    rows, or the StepInfo the ladder panel shows: the panel offers what the service accepts)."""
    if state is EmergencyState.CLOSED:
        return "报告已终报结束,终报依据的是这份记录,不能再更正;如记录有误,请在新的报告中说明"
    if step.done_at is None:
        return "该环节尚未报送,无需更正;请登记报送"
    if is_missed_round(step):
        return "该轮续报为漏报,由其后的续报一并补报,没有自己的报送时间;请更正补报它的那次续报"
    if step.kind is EmergencyStepKind.FOLLOW_UP:
        own = _rounds_made_by(steps, step)
        if any(s.done_at is not None and s.due_at > step.due_at and s not in own
               for s in _follow_ups(steps, step.to_level)):
            return f"这次续报之后已有续报,其时限由这次续报起算;只能更正报{step.to_level.label}的最近一次续报"
    return None


def _interval(session, steps: Sequence, step, own_rounds: list) -> timedelta:
    """The follow-up interval this follow-up's schedule was made with: read off the rounds it answered
    for or the next one it set going; the ladder in force only where it set none."""
    if own_rounds:
        return min(s.due_at for s in own_rounds) - step.due_at
    owed = [s for s in _follow_ups(steps, step.to_level) if s.done_at is None and s.due_at > step.due_at]
    if owed:
        return min(s.due_at for s in owed) - step.done_at
    return timedelta(hours=LadderRule.load(session).follow_up_hours)


def _check_in_ladder_order(record: EmergencyReport, step: EmergencyStep, own_rounds: list[EmergencyStep],
                           done_at: datetime) -> None:
    """A follow-up goes on from what its level was told before it (Art. 21): corrected, it is no earlier
    than that, as recording it was (its own missed rounds move with it); a first report no later than the
    level's first follow-up made."""
    what = f"{step.kind.label}的报送时间"
    if step.kind is EmergencyStepKind.FOLLOW_UP:
        told_at, told_by = last_told([s for s in record.steps if s not in own_rounds], step)
        check_done_at(record, done_at, not_before=told_at, after=told_by, what=what)
    else:
        made = [s.done_at for s in _follow_ups(record.steps, step.to_level) if s.done_at is not None]
        check_done_at(record, done_at, not_after=min(made, default=None), what=what,
                      before=f"报{step.to_level.label}的首次续报")


def correct_step(db: Database, actor: Actor, step_id: int, *, done_at: datetime, reason: str,
                 expected_version: int, content: str | None = None) -> EmergencyInfo:
    """Correct when a rung was made (and what was reported, if `content` is given), with the reason.

    Refused as `correction_refusal` says. The time is checked as recording it was (after the
    learning time, not in the future) and kept in the ladder's order (`_check_in_ladder_order`).
    """
    reason = _reason(reason, "更正")
    with unit_of_work(db, actor, "emergencies.correct_step") as uow:
        record, step = load_step_for(uow, step_id, CORRECTION_PERMISSION, expected_version, action="更正报送记录")
        name = f"报告 {record.number} 的{step.kind.label}(报{step.to_level.label})"
        refusal = correction_refusal(record.state, record.steps, step)
        if refusal:
            raise InvalidTransition(f"{name}:{refusal}", article="Art. 21")
        own_rounds = _rounds_made_by(record.steps, step) if step.kind is EmergencyStepKind.FOLLOW_UP else []
        _check_in_ladder_order(record, step, own_rounds, done_at)
        content = content.strip() if content is not None and content.strip() else step.content
        before = (step.done_at, step.content)
        if (done_at, content) == before:
            raise ValidationFailed(f"{name}的报送时间和内容都没有变化:请先改动要更正的内容", field="done_at")
        if step.kind is EmergencyStepKind.FOLLOW_UP and done_at != before[0]:
            interval = _interval(uow.session, record.steps, step, own_rounds)
            step.done_at = done_at
            _retime_follow_ups(uow.session, record, step, own_rounds, interval)
        step.done_at, step.content = done_at, content
        record.updated_at = utcnow()  # bumps the version: another desktop's panel reloads
        uow.session.flush()
        lines = []
        if done_at != before[0]:
            lines.append(f"报送时间 {beijing_text(before[0])} → {beijing_text(done_at)}"
                         + ("(更正后超时)" if done_at > step.due_at >= before[0] else ""))
        if content != before[1]:
            lines.append(f"报送内容 {before[1]} → {content}")
        message = f"更正 {record.number} {step.kind.label}报{step.to_level.label}({reason}):{';'.join(lines)}"
        on_linked_case(uow, record, "emergency_corrected", message)
        uow.audit(message, target=f"emergency:{record.id}", reason=reason, step=step.id,
                  before=before[0].isoformat(), after=done_at.isoformat())
        uow.changed("emergencies", record.id, township_id=record.township_id)
    return get_report(db, actor, record.id)  # read after the commit: with this correction's audit entry


def _retime_follow_ups(session, record: EmergencyReport, step: EmergencyStep, own_rounds: list[EmergencyStep],
                       interval: timedelta) -> None:
    """The rounds the corrected follow-up answers for, and the next one's clock, from its corrected time:
    none due after the handling (mark_handled's rule), one owed where its time fell before it."""
    for missed in own_rounds:
        record.steps.remove(missed)
        session.delete(missed)
    record.steps.extend(missed_rounds(record, step, interval))
    owed = [s for s in _follow_ups(record.steps, step.to_level) if s.done_at is None and s.due_at > step.due_at]
    next_due = step.done_at + interval
    if record.handled_at is None or next_due <= record.handled_at:
        if owed:
            owed[0].due_at = next_due
        else:
            record.steps.append(EmergencyStep(kind=EmergencyStepKind.FOLLOW_UP, to_level=step.to_level,
                                              due_at=next_due))
        owed = owed[1:]
    for dropped in owed:
        record.steps.remove(dropped)
        session.delete(dropped)


def undo_handled(db: Database, actor: Actor, report_id: int, *, reason: str, expected_version: int) -> EmergencyInfo:
    """The report was marked handled by mistake: it is open again, its final report no longer due,
    and the follow-ups the handling had made unnecessary are owed again (see the module's docstring).
    Refused once the final report is made."""
    reason = _reason(reason, "撤销处置完毕")
    with unit_of_work(db, actor, "emergencies.undo_handled") as uow:
        record = load_report_for(uow, report_id, CORRECTION_PERMISSION, expected_version, action="撤销处置完毕")
        if record.state is EmergencyState.OPEN:
            raise InvalidTransition(f"报告 {record.number} 尚未标记处置完毕,无需撤销")
        if record.state is EmergencyState.CLOSED:
            raise InvalidTransition(f"报告 {record.number} 已终报结束,不能撤销处置完毕;事态如有反复,请另行报告",
                                    article="Art. 21")
        handled_at = record.handled_at
        for final in [s for s in record.steps if s.kind is EmergencyStepKind.FINAL]:
            record.steps.remove(final)
            uow.session.delete(final)
        record.state, record.handled_at = EmergencyState.OPEN, None
        for level in sorted({s.to_level for s in record.steps}, key=list(HandlingLevel).index):
            _owe_follow_ups_again(uow.session, record, level)
        record.updated_at = utcnow()
        uow.session.flush()
        message = f"撤销 {record.number} 的“处置完毕”(原记 {beijing_text(handled_at)};{reason}):续报恢复计时,终报不再计时"
        on_linked_case(uow, record, "emergency_reopened", message)
        uow.audit(message, target=f"emergency:{record.id}", reason=reason, handled_at=handled_at.isoformat())
        uow.changed("emergencies", record.id, township_id=record.township_id)
    return get_report(db, actor, report_id)


def _owe_follow_ups_again(session, record: EmergencyReport, level: HandlingLevel) -> None:
    follow_ups = _follow_ups(record.steps, level)
    made = [s for s in follow_ups if s.done_at is not None and not is_missed_round(s)]
    last = max(made, key=lambda s: s.due_at, default=None)
    if last is None:
        interval = timedelta(hours=LadderRule.load(session).follow_up_hours)
    else:  # the rounds it answered for that the handling had dropped, at the interval they were kept at
        interval = _interval(session, record.steps, last, _rounds_made_by(record.steps, last))
        kept = {s.due_at for s in follow_ups}
        record.steps.extend(s for s in missed_rounds(record, last, interval) if s.due_at not in kept)
    if not any(s.done_at is None for s in follow_ups):
        record.steps.append(EmergencyStep(kind=EmergencyStepKind.FOLLOW_UP, to_level=level,
                                          due_at=(last.done_at if last else record.learned_at) + interval))
