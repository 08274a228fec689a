"""The callback workbench (Art. 20(2)(3)): the callbacks that are due, and what the requester said.

Solved? Satisfied (满意/基本满意/不满意)? An unsatisfied or unsolved answer must be followed up —
reopen the case or put it under supervision (key supervision when unsolved, Art. 20(1)); the
next callback follows the next closing. A case on hold is called back again a month later.

A requester not reached is tried again, each attempt on a later day and due no earlier than the
round's own due date, until the attempts the rules allow (`callback_attempts`, 3 by default) were
made: the last ends the round as 无法联系, with the reason on the timeline. A requester who left no
phone (a walk-in) is called back in person (上门回访); one anonymous without a phone cannot be
called back at all, and the round ends at the first attempt.

Who calls back: the centre, for any case of its area; a department's liaison, only for the cases its
department leads now (Art. 19, 20). Reopening needs the right to review and close (REVIEW), supervision
the right to supervise (SUPERVISE), whoever records the callback (Art. 15, 20).
"""

from __future__ import annotations

from dataclasses import replace

from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ...db import Database
from ...errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from ...models import Assignment, Callback, Case, Department, Liaison, Person, Place
from ...models.base import utcnow
from ...models.enums import (
    AssignmentRole,
    AssignmentState,
    CallbackMethod,
    CallbackOutcome,
    CallbackState,
    CaseState,
    Satisfaction,
    SupervisionLevel,
)
from ...said import Message
from ..clock import BEIJING, WorkCalendar, due_text
from ..personal_data_views import record_shown
from ..queue import granted_condition, mask_phone, visible_condition
from ..security import Actor, Permission
from ..unit_of_work import UnitOfWork, unit_of_work
from .callback_schedule import (
    DEFAULT_RULE,
    RULE_SETTING,
    schedule_again_if_basically_satisfied,
    schedule_while_on_hold,
)
from .common import handling_place, load_case, record, require_case_view, require_on_case, setting
from .results import CallbackInfo, CaseInfo
from .review import reopen_case
from .supervision import issue_order


def may_call(actor: Actor, handling_code: str, lead_id: int | None) -> bool:
    """May the actor call the requester back (Art. 20): where the case is handled (`record_callback`
    checks the same), and, acting for a department, on a case it leads now — the rule
    `_callable_condition` applies to the workbench."""
    return actor.can(Permission.CALLBACK, handling_code) and (
        actor.department_id is None or actor.can(Permission.VIEW_CASES, handling_code) or actor.department_id == lead_id)


def callback_info(callback: Callback, case: Case, actor: Actor, township_code: str, lead_id: int | None,
                  may_dial: bool) -> CallbackInfo:
    """`lead_id`: the department leading the case now (its liaison may have it redone, Art. 20).

    The requester's phone is shown whole to whoever is to make a pending callback (`may_dial`): a
    masked number cannot be dialled (Art. 15 keeps it masked for everyone else without VIEW_SENSITIVE).
    """
    dialling = callback.state is CallbackState.PENDING and may_dial
    phone = case.requester_phone if dialling or actor.can(Permission.VIEW_SENSITIVE, township_code) else mask_phone(
        case.requester_phone)
    outcomes = tuple(o for o in CallbackOutcome if not _missing_rights(actor, case, township_code, o, lead_id))
    return CallbackInfo(callback.id, case.id, case.number, case.title, case.requester_name, phone, callback.due_at,
                        callback.state, callback.solved, callback.satisfaction, callback.notes, case.state, outcomes,
                        case.resolution, case.hold_reason, case.hold_explanation, attempt=callback.attempt)


def current_lead(case_id):
    """The department leading the case's current round: its latest lead share not withdrawn, the
    one the evaluation holds answerable for the callback (Art. 19, 20(3))."""
    return (select(Assignment.department_id)
            .where(Assignment.case_id == case_id, Assignment.role == AssignmentRole.LEAD,
                   Assignment.state != AssignmentState.WITHDRAWN)
            .order_by(Assignment.id.desc()).limit(1))


def _callable_condition(session: Session, actor: Actor):
    """The cases whose requesters the actor may call back, the rule `record_callback` enforces: where
    they may call back and read the case; acting for a department (a liaison), only the cases it leads now."""
    condition = and_(granted_condition(session, actor, Permission.CALLBACK), visible_condition(session, actor))
    if actor.department_id is None:
        return condition
    return and_(condition, or_(granted_condition(session, actor, Permission.VIEW_CASES),
                               current_lead(Case.id).scalar_subquery() == actor.department_id))


_CALLER_LONGEST = Callback.caller.type.length


def due_callbacks(db: Database, actor: Actor, *, until: datetime | None = None) -> list[CallbackInfo]:
    """Pending callbacks the actor may make, due by `until` (default: all pending), earliest first;
    a liaison's are those of the cases its department leads (Art. 15, 20(3)).

    The requesters' phones are masked as everywhere else (whole only to who may see personal data there):
    the number to dial is read for the callback chosen (`numbers_to_dial`), not for the whole list at once."""
    return _callbacks(db, actor, until=until)


def numbers_to_dial(db: Database, actor: Actor, callback_id: int) -> CallbackInfo:
    """The pending callback chosen to make, with its requester's number, and its duplicates' requesters',
    whole: a masked number cannot be dialled. Who was shown them is on record (Art. 15). Refused as
    gone when it is no longer the actor's to make (made on another desk, the case reopened)."""
    found = _callbacks(db, actor, callback_id=callback_id)
    if not found:
        raise NotFound("这次回访已由其他值班台记录,或已不需要回访;请刷新")
    return found[0]


def _callbacks(db: Database, actor: Actor, *, until: datetime | None = None,
               callback_id: int | None = None) -> list[CallbackInfo]:
    """The pending callbacks the actor may make; one (`callback_id`) with its numbers whole, to dial."""
    dialling = callback_id is not None
    with db.session() as session:
        stmt = (select(Callback, Case, Place.code, current_lead(Case.id).scalar_subquery())
                .join(Case, Case.id == Callback.case_id)
                .join(Place, Place.id == Case.township_id)
                .where(Callback.state == CallbackState.PENDING, _callable_condition(session, actor))
                .order_by(Callback.due_at))
        if until is not None:
            stmt = stmt.where(Callback.due_at <= until)
        if dialling:
            stmt = stmt.where(Callback.id == callback_id)
        # Only those the actor may then record: the centre handling the case now calls back (a case
        # escalated to the county is the county's), as record_callback checks (Art. 15, 20).
        found = [(cb, case, code, lead) for cb, case, code, lead in session.execute(stmt)
                 if actor.can(Permission.CALLBACK, handling_place(session, case).code)]
        responsible = _responsible(session, {lead for *_, lead in found if lead is not None})
        rows = [(replace(callback_info(cb, case, actor, code, lead, dialling), responsible=responsible.get(lead, ())),
                 code) for cb, case, code, lead in found]
        # Whoever was shown a whole number is on record (Art. 15) — the duplicates' requesters' too, by the
        # duplicate's number and township, as the case panel records them.
        shown = {info.case_number: code for info, code in rows
                 if info.requester_phone and (dialling or actor.can(Permission.VIEW_SENSITIVE, code))}
        listed = _with_merged_requesters(session, actor, [info for info, _ in rows], shown, dialling)
    record_shown(db, actor, shown)
    return listed


def _responsible(session: Session, departments: set[int]) -> dict[int, tuple[str, ...]]:
    """{department id: its 回访负责人 by name} (department_contacts; Art. 20(3))."""
    named: dict[int, list[str]] = {}
    for department_id, name in session.execute(
            select(Liaison.department_id, Person.name).join(Person, Person.id == Liaison.person_id)
            .where(Liaison.department_id.in_(departments), Liaison.is_responsible).order_by(Liaison.id)):
        named.setdefault(department_id, []).append(name)
    return {department_id: tuple(names) for department_id, names in named.items()}


def _with_merged_requesters(session: Session, actor: Actor, listed: list[CallbackInfo],
                            shown: dict[str, str], dialling: bool) -> list[CallbackInfo]:
    """Whoever calls back tells the requesters of the duplicates merged into the case as well: each
    person once — by the number, or by the name of one who left no number (told in person) — and
    not the case's own requester again (a duplicate is often the same caller). Numbers whole when
    `dialling`, else where the actor may see personal data of the duplicate's township; each duplicate
    whose number is shown whole is added to `shown` ({case number: township code})."""
    if not listed:
        return listed
    merged: dict[int, list[tuple[str, str, str | None, str | None]]] = {}
    for into_id, number, code, name, phone in session.execute(
            select(Case.merged_into_id, Case.number, Place.code, Case.requester_name, Case.requester_phone)
            .join(Place, Place.id == Case.township_id)
            .where(Case.merged_into_id.in_({info.case_id for info in listed}),
                   or_(Case.requester_phone.is_not(None), Case.requester_name.is_not(None)))
            .order_by(Case.id)):
        merged.setdefault(into_id, []).append((number, code, name, phone))
    # The case's own requester as entered: the listed number may be masked, a duplicate's is compared whole.
    own = {case_id: (name, phone) for case_id, name, phone in session.execute(
        select(Case.id, Case.requester_name, Case.requester_phone).where(Case.id.in_(merged)))}
    result = []
    for info in listed:
        if info.case_id not in merged:
            result.append(info)
            continue
        seen, others = {_person(*own[info.case_id])}, []
        for number, code, name, phone in merged[info.case_id]:
            if _person(name, phone) not in seen:
                seen.add(_person(name, phone))
                whole = bool(phone) and (dialling or actor.can(Permission.VIEW_SENSITIVE, code))
                others.append((name, phone if whole else mask_phone(phone)))
                if whole:
                    shown[number] = code
        result.append(replace(info, merged_in=tuple(others)) if others else info)
    return result


def _person(name: str | None, phone: str | None) -> tuple[str, str | None]:
    """Who a requester is, to tell them once: their number, else their name."""
    return ("phone", phone) if phone else ("name", name)


def _require_lead(uow: UnitOfWork, case: Case) -> None:
    """A liaison calls back the requesters of the cases its department leads now, not of those
    it co-handles: the lead department answers to the requester (Art. 19, 20)."""
    lead_id = uow.session.scalar(current_lead(case.id))
    if lead_id == uow.actor.department_id:
        return
    department = uow.session.get(Department, uow.actor.department_id).name
    lead = f"由{uow.session.get(Department, lead_id).name}主办" if lead_id else "目前没有主办单位"
    raise PermissionDenied(f"用户“{uow.actor.display_name}”不能回访案件 {case.number}:该案{lead},"
                           f"{department}不是主办单位;回访由主办单位或网格化服务管理中心进行(Art. 19、Art. 20),"
                           "请联系主办单位或中心回访", article="Art. 20")


def _reopens(case: Case, outcome: CallbackOutcome) -> bool:
    """Reopening, or supervising a case no longer open, which must first be reopened."""
    return outcome is CallbackOutcome.REOPEN or (outcome is CallbackOutcome.SUPERVISE and not case.state.is_open)


def _missing_rights(actor: Actor, case: Case, township_code: str, outcome: CallbackOutcome,
                    lead_id: int | None) -> list[Permission]:
    """Reopening is the review's decision (REVIEW) — or the lead department's, which redoes its
    own case for an unhappy requester (Art. 20); supervision is the supervisor's (SUPERVISE). A
    callback outcome is no way around either (Art. 15, 20)."""
    needed = []
    leads = actor.department_id is not None and actor.department_id == lead_id
    if _reopens(case, outcome) and not (leads and outcome is CallbackOutcome.REOPEN):
        needed.append(Permission.REVIEW)
    if outcome is CallbackOutcome.SUPERVISE:
        needed.append(Permission.SUPERVISE)
    return [p for p in needed if not actor.can(p, township_code)]


def _require_follow_up_rights(uow: UnitOfWork, case: Case, township: Place, outcome: CallbackOutcome) -> None:
    lead_id = uow.session.scalar(current_lead(case.id))
    missing = [p.label for p in _missing_rights(uow.actor, case, township.code, outcome, lead_id)]
    if missing:
        raise PermissionDenied(
            f"用户“{uow.actor.display_name}”不能将案件 {case.number} 的回访处理为“{outcome.label}”:"
            f"没有在 {township.short_name}({township.code}) {'、'.join(missing)}的权限(Art. 15、Art. 20);"
            "请将回访情况转告网格化服务管理中心,由具有该权限的人员记录回访", article="Art. 20")


def _require_means(case: Case, method: CallbackMethod, reached: bool) -> None:
    """A requester without a phone is called back in person (Art. 20(3): the responsible person
    calls back); only an anonymous one without a phone, whom nobody can find, may be given up at once."""
    if method is CallbackMethod.PHONE and not case.requester_phone and (reached or case.requester_name):
        raise ValidationFailed(f"案件 {case.number} 的诉求人未留联系电话,无法电话回访;请上门回访,"
                               "回访方式选“上门回访”(Art. 20)", field="method", article="Art. 20")


_UNREACHED_TODAY = Message("案件 {number} 今天已回访未联系上诉求人(第 {attempt} 次);未联系上的回访每次须在不同日期,"
                           "最多 {allowed} 次,今天再次未联系上不另计次数,请改日再回访(Art. 20)")
_RECORDED_BEFORE = Message("案件 {number} 的这次回访已记录({state}),请刷新")


def _not_reached(uow: UnitOfWork, case: Case, callback: Callback, notes: str, now: datetime) -> None:
    """An attempt that did not reach the requester: the next attempt of the round, due no earlier than
    the round's own due date and made on a later day; or, the attempts allowed made (or the requester
    anonymous without a phone), the end of the round as 无法联系."""
    allowed = setting(uow.session, RULE_SETTING, DEFAULT_RULE)["callback_attempts"]
    previous = uow.session.scalar(select(Callback.done_at).where(
        Callback.case_id == case.id, Callback.id < callback.id, Callback.state == CallbackState.UNREACHABLE)
        .order_by(Callback.id.desc()).limit(1)) if callback.attempt > 1 else None
    if previous is not None and previous.astimezone(BEIJING).date() == now.astimezone(BEIJING).date():
        raise InvalidTransition(_UNREACHED_TODAY(number=case.number, attempt=callback.attempt - 1, allowed=allowed),
                                article="Art. 20")
    suffix = f";{notes}" if notes else ""
    anonymous = not case.requester_phone and not case.requester_name
    if anonymous or callback.attempt >= allowed:
        callback.state = CallbackState.NO_CONTACT
        reason = ("诉求人匿名且未留联系电话" if anonymous
                  else f"{callback.attempt} 次回访(不同日期)均未联系上诉求人")
        record(uow, case, "callback", f"回访无法联系:{reason},本轮回访结束{suffix}", at=now, attempt=callback.attempt)
        if case.state is CaseState.ON_HOLD:
            schedule_while_on_hold(uow.session, case, now)  # the next monthly callback
        return
    callback.state = CallbackState.UNREACHABLE
    # Due as the round was, or by the end of the next working day when that has come already: an
    # early attempt never brings the deadline forward.
    due = callback.due_at if now > callback.due_at else max(
        callback.due_at, WorkCalendar.load(uow.session).add_working_days(now, 1))
    uow.session.add(Callback(case_id=case.id, due_at=due, attempt=callback.attempt + 1))
    record(uow, case, "callback", f"回访未联系上诉求人(第 {callback.attempt} 次,最多 {allowed} 次),"
           f"{due_text(due)} 前改日再次回访{suffix}", at=now, attempt=callback.attempt)


def record_callback(db: Database, actor: Actor, *, callback_id: int, reached: bool = True,
                    solved: bool | None = None, satisfaction: Satisfaction | None = None, notes: str = "",
                    outcome: CallbackOutcome = CallbackOutcome.NONE, method: CallbackMethod = CallbackMethod.PHONE,
                    caller: str = "", now: datetime | None = None) -> CaseInfo:
    """Record a callback made by phone or in person (上门回访). Not reached: see the module's note.

    `caller`: who made the call, where it is not the user recording it: the department's responsible person
    (Art. 20(3): 承办单位应当安排负责人回访), whose answer the center enters; kept with the callback and said on
    the case's timeline."""
    now = now or utcnow()
    caller = " ".join(caller.split())
    if len(caller) > _CALLER_LONGEST:
        raise ValidationFailed(f"回访人“{caller}”过长(最多 {_CALLER_LONGEST} 字);请只填姓名", field="caller")
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
        # As committed now: another desk may have recorded this callback, or reopened the case (which
        # drops it), while we waited for the case.
        callback = uow.session.get(Callback, callback_id, populate_existing=True)
        if callback is None:
            raise NotFound(f"案件 {case.number} 的这次回访已不存在(案件已重办),请刷新")
        require_on_case(uow, case, Permission.CALLBACK)
        township = require_case_view(uow.session, actor, case)
        if not actor.can(Permission.VIEW_CASES, township.code):
            _require_lead(uow, case)
        if callback.state is not CallbackState.PENDING:
            raise InvalidTransition(_RECORDED_BEFORE(number=case.number, state=callback.state))
        _require_means(case, method, reached)
        if reached:
            _require_follow_up_rights(uow, case, township, outcome)
        callback.caller, callback.notes, callback.done_at = caller or actor.display_name, notes or None, now
        callback.method = method
        if not reached:
            _not_reached(uow, case, callback, notes, now)
            uow.session.flush()
            return CaseInfo.of(case)
        callback.state, callback.solved, callback.satisfaction = CallbackState.DONE, solved, satisfaction
        callback.outcome = outcome
        heading = ("上门回访" if method is CallbackMethod.IN_PERSON else "回访") + (
            f"(回访人 {caller})" if caller and caller != actor.display_name else "")
        record(uow, case, "callback", f"{heading}:{'已解决' if solved else '未解决'},{satisfaction.label}"
               + (f";{notes}" if notes else ""), at=now, solved=solved, satisfaction=satisfaction.value)
        uow.session.flush()  # the pending callback is done before a reopening looks for pending ones
        if _reopens(case, outcome):
            reopen_case(uow, case, f"回访{satisfaction.label}:{notes or '诉求人要求重新办理'}", now)
        if outcome is CallbackOutcome.SUPERVISE:
            level = SupervisionLevel.GENERAL if solved else SupervisionLevel.KEY
            issue_order(uow, case, level, f"回访{satisfaction.label},{'已解决' if solved else '未解决'}", now=now)
        if case.state is CaseState.ON_HOLD:
            schedule_while_on_hold(uow.session, case, now)
        elif solved and satisfaction is Satisfaction.BASICALLY and not case.state.is_open:
            schedule_again_if_basically_satisfied(uow.session, case, now)
        uow.session.flush()
        return CaseInfo.of(case)
