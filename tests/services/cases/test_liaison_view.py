"""What a department liaison may read (Art. 15, 19): the cases its department holds a share of —
lead or co-handler, finished too — in the queue, its counts, the callbacks and a single
case; every other case is refused, and a liaison exports nothing. Operators, supervisors and auditors
still read the whole area. A liaison calls back only the requesters of the cases its department leads
now, and may not reopen or supervise a case through a callback (Art. 19, 20)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event, func, select

from case_world import TOWNSHIP, actor

from desktop.errors import PermissionDenied
from desktop.models import Assignment, Case, Department, Objection, utcnow
from desktop.models.enums import (
    ACTIVE_ASSIGNMENT_STATES,
    AssignmentRole,
    AssignmentState,
    CallbackOutcome,
    CaseState,
    PeriodKind,
    PlaceLevel,
    Role,
    Satisfaction,
    SupervisionLevel,
)
from desktop.services import hotspots, queue, users
from desktop.services.cases import callbacks, department, dispatch, queries, review
from desktop.services.evaluation.periods import period_of
from desktop.services.exchange import open311, table_export
from desktop.services.hotspots import Hardness
from desktop.services.map_data import map_data
from desktop.services.queue import QueueFilter

TUESDAY = datetime(2026, 6, 9, 2, 0, tzinfo=timezone.utc)  # Beijing 10:00 of an ordinary week
ALL_STATES = QueueFilter(states=frozenset())


def _dispatch(world, title: str, lead: str, co=()):
    case = world.new_case(title=title).case
    return dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments[lead],
                             co_department_ids=[world.departments[c] for c in co], expected_version=case.version,
                             now=TUESDAY)


def _close(world, case, liaison, co_liaison=None):
    """The co-handler (if any) reports to the lead; the lead department signs, contacts, reports, all
    within the deadlines of a dispatch on TUESDAY; the center closes it."""
    with world.db.session() as s:
        share = dict(s.execute(select(Assignment.role, Assignment.id).where(
            Assignment.case_id == case.id, Assignment.state.in_(ACTIVE_ASSIGNMENT_STATES))).all())
    lead_id = share[AssignmentRole.LEAD]
    hour = timedelta(hours=1)
    if co_liaison is not None:
        co_id = share[AssignmentRole.CO]
        case = department.sign_for(world.db, co_liaison, assignment_id=co_id, expected_version=case.version,
                                   now=TUESDAY + hour)
        case = department.report_result(world.db, co_liaison, assignment_id=co_id, result="已配合处理",
                                        expected_version=case.version, now=TUESDAY + 2 * hour)
    case = department.sign_for(world.db, liaison, assignment_id=lead_id, expected_version=case.version,
                               now=TUESDAY + hour)
    case = department.contact_requester(world.db, liaison, assignment_id=lead_id, note="已电话联系",
                                        expected_version=case.version, now=TUESDAY + 2 * hour)
    case = department.report_result(world.db, liaison, assignment_id=lead_id, result="已处理",
                                    expected_version=case.version, now=TUESDAY + 3 * hour)
    return review.review(world.db, world.operator, case_id=case.id, approve=True, expected_version=case.version)


@pytest.fixture
def shares(world):
    """Cases of 侨港镇 by who holds them: the police station leads, co-handles, or finished one; the
    market bureau alone; nobody yet."""
    return {
        "police_lead": _dispatch(world, "派出所主办", "police"),
        "police_co": _dispatch(world, "派出所协办", "market", co=["police"]),
        "police_closed": _close(world, _dispatch(world, "派出所已办结", "police"), world.police),
        "market_only": _dispatch(world, "市场监管主办", "market"),
        "market_closed": _close(world, _dispatch(world, "市场监管已办结", "market"), world.market),
        "undispatched": world.new_case(title="尚未派遣").case,
    }


def _numbers(world, who, f=QueueFilter()):
    return {row.number for row in queue.page(world.db, who, f, 0, 100)}


def _of(shares, *names):
    return {shares[name].number for name in names}


@pytest.mark.law("Art. 15")
def test_a_liaisons_queue_lists_only_the_cases_its_department_holds(world, shares):
    police, market = world.police, world.market
    assert _numbers(world, police) == _of(shares, "police_lead", "police_co")
    assert _numbers(world, police, ALL_STATES) == _of(shares, "police_lead", "police_co", "police_closed")
    assert queue.count(world.db, police, ALL_STATES) == 3
    assert queue.count(world.db, police, QueueFilter(text="市场监管")) == 0
    assert queue.summary(world.db, police).open == 2
    assert _numbers(world, market, ALL_STATES) == _of(shares, "police_co", "market_only", "market_closed")
    # A liaison may not export (no Permission.EXCHANGE): exports take no case of theirs at all.
    assert list(table_export.rows(world.db, police, ALL_STATES)) == []
    assert open311.export_requests(world.db, police) == []


def test_operators_supervisors_and_auditors_still_see_the_whole_township(world, shares):
    auditor = actor("aud_qg", Role.AUDITOR, TOWNSHIP, PlaceLevel.TOWNSHIP)
    everything = {case.number for case in shares.values()}
    for who in (world.operator, world.supervisor, auditor):
        assert _numbers(world, who, ALL_STATES) == everything
        assert queue.summary(world.db, who).open == 4
        assert queries.case_detail(world.db, who, shares["market_only"].id).case.number == shares["market_only"].number
    assert _numbers(world, world.stranger, ALL_STATES) == set()


@pytest.mark.law("Art. 15")
def test_a_liaison_reading_a_case_its_department_does_not_hold_is_refused(world, shares):
    police = world.police
    for name in ("police_lead", "police_co", "police_closed"):
        assert queries.case_detail(world.db, police, shares[name].id).requester_name == "陈先生"
    for name in ("market_only", "undispatched"):
        case = shares[name]
        with pytest.raises(PermissionDenied, match=f"无权查看案件 {case.number}:该案未派给侨港派出所.*Art. 15"):
            queries.case_detail(world.db, police, case.id)
        with pytest.raises(PermissionDenied, match="Art. 15"):
            queries.case_id_by_number(world.db, police, case.number)
    with pytest.raises(PermissionDenied, match="Art. 15"):
        dispatch.suggest_departments(world.db, police, shares["undispatched"].id)


@pytest.mark.law("Art. 15")
def test_a_liaison_calls_back_only_its_departments_requesters(world, shares):
    due = callbacks.due_callbacks(world.db, world.police)
    assert [c.case_number for c in due] == [shares["police_closed"].number]
    assert {c.case_number for c in callbacks.due_callbacks(world.db, world.operator)} == _of(
        shares, "police_closed", "market_closed")
    market_callback = next(c for c in callbacks.due_callbacks(world.db, world.market))
    with pytest.raises(PermissionDenied, match="Art. 15"):
        callbacks.record_callback(world.db, world.police, callback_id=market_callback.id, solved=True,
                                  satisfaction=Satisfaction.SATISFIED)


@pytest.mark.law("Art. 15")
def test_the_demo_police_liaison_sees_the_police_stations_cases_not_the_township(demo_db):
    police = users.login(demo_db, "qg_police", "qiaogang-police")
    with demo_db.session() as s:
        held = set(s.scalars(select(Case.number).join(Assignment).join(Department)
                             .where(Department.id == police.department_id,
                                    Assignment.state != AssignmentState.WITHDRAWN)))
        township_total = s.scalar(select(func.count()).select_from(Case))
    listed = {row.number for row in queue.page(demo_db, police, ALL_STATES, 0, 1000)}
    assert listed == held and 0 < len(held) < township_total


@pytest.mark.law("Art. 15")
def test_a_liaisons_map_marks_only_its_departments_open_cases(world, shares):
    everyone = {case.number for case in map_data(world.db, world.operator, TOWNSHIP).cases}
    assert _of(shares, "police_lead", "police_co", "market_only", "undispatched") <= everyone
    assert {case.number for case in map_data(world.db, world.police, TOWNSHIP).cases} == _of(
        shares, "police_lead", "police_co")


@pytest.mark.law("Art. 15")
def test_a_liaison_counts_the_areas_hard_problems_but_lists_only_its_own_cases(world, shares):
    """Cases received today, still open two months on: long-open ones (Art. 22)."""
    now = utcnow()
    period, later = period_of(now, PeriodKind.YEAR), now + timedelta(days=60)
    everyone = hotspots.hard_cases(world.db, world.operator, period, Hardness.LONG_OPEN, as_of=later)
    assert _of(shares, "police_lead", "market_only") <= {c.number for c in everyone}
    own = hotspots.hard_cases(world.db, world.police, period, Hardness.LONG_OPEN, as_of=later)
    assert {c.number for c in own} == _of(shares, "police_lead", "police_co")


def _callback_of(world, who, case):
    return next(c for c in callbacks.due_callbacks(world.db, who) if c.case_id == case.id)


def _unchanged(world, case, callback):
    """A refused callback left the case closed, unsupervised, and the callback pending."""
    info = queries.case_detail(world.db, world.operator, case.id).case
    assert (info.state, info.supervision) == (CaseState.CLOSED, SupervisionLevel.NONE)
    assert callback.id in {c.id for c in callbacks.due_callbacks(world.db, world.operator)}


@pytest.fixture
def co_closed(world):
    """A closed case the market bureau led and the police station co-handled."""
    return _close(world, _dispatch(world, "市场监管主办派出所协办", "market", co=["police"]), world.market,
                  co_liaison=world.police)


@pytest.mark.law("Art. 20")
def test_a_co_handlers_liaison_may_not_call_back_the_lead_departments_requester(world, shares, co_closed):
    assert co_closed.number not in {c.case_number for c in callbacks.due_callbacks(world.db, world.police)}
    callback = _callback_of(world, world.market, co_closed)
    with pytest.raises(PermissionDenied, match=f"不能回访案件 {co_closed.number}:该案由银海区市场监管局主办,"
                                               "侨港派出所不是主办单位.*Art. 20"):
        callbacks.record_callback(world.db, world.police, callback_id=callback.id, solved=False,
                                  satisfaction=Satisfaction.UNSATISFIED, outcome=CallbackOutcome.SUPERVISE)
    _unchanged(world, co_closed, callback)
    case = callbacks.record_callback(world.db, world.market, callback_id=callback.id, solved=True,
                                     satisfaction=Satisfaction.SATISFIED)
    assert case.state is CaseState.CLOSED


@pytest.mark.law("Art. 20")
def test_the_lead_departments_liaison_records_a_satisfied_callback(world, shares):
    callback = _callback_of(world, world.police, shares["police_closed"])
    case = callbacks.record_callback(world.db, world.police, callback_id=callback.id, solved=True,
                                     satisfaction=Satisfaction.BASICALLY, notes="诉求人表示认可")
    assert (case.state, case.supervision) == (CaseState.CLOSED, SupervisionLevel.NONE)
    assert callbacks.due_callbacks(world.db, world.police) == []


@pytest.mark.law("Art. 20")
def test_the_lead_liaison_has_its_case_redone_for_an_unhappy_requester_but_may_not_supervise(world, shares):
    """Art. 20: an unsatisfied requester's case is handled again — the lead department may reopen
    its own case; supervision stays the supervisor's."""
    case = shares["police_closed"]
    callback = _callback_of(world, world.police, case)
    [due] = [c for c in callbacks.due_callbacks(world.db, world.police) if c.id == callback.id]
    assert CallbackOutcome.REOPEN in due.outcomes and CallbackOutcome.SUPERVISE not in due.outcomes
    # Supervising a closed case reopens it: the supervisor's grant is missing.
    with pytest.raises(PermissionDenied, match="回访处理为“督办”:没有在 .*督办的权限.*Art. 20"):
        callbacks.record_callback(world.db, world.police, callback_id=callback.id, solved=False,
                                  satisfaction=Satisfaction.UNSATISFIED, outcome=CallbackOutcome.SUPERVISE)
    _unchanged(world, case, callback)
    redone = callbacks.record_callback(world.db, world.police, callback_id=callback.id, solved=False,
                                       satisfaction=Satisfaction.UNSATISFIED, outcome=CallbackOutcome.REOPEN)
    assert (redone.state, redone.supervision) == (CaseState.REOPENED, SupervisionLevel.NONE)


@pytest.mark.law("Art. 20")
def test_a_liaison_who_is_also_the_townships_supervisor_may_supervise_through_a_callback(world, shares):
    case = shares["police_closed"]
    callback = _callback_of(world, world.police, case)
    both = replace(world.police, grants=world.police.grants + world.supervisor.grants)
    case = callbacks.record_callback(world.db, both, callback_id=callback.id, solved=False,
                                     satisfaction=Satisfaction.UNSATISFIED, outcome=CallbackOutcome.SUPERVISE)
    assert (case.state, case.supervision) == (CaseState.REOPENED, SupervisionLevel.KEY)


@pytest.mark.law("Art. 20")
def test_the_centre_reopens_but_only_a_supervisor_supervises_through_a_callback(world, shares):
    police_callback = _callback_of(world, world.operator, shares["police_closed"])
    market_callback = _callback_of(world, world.operator, shares["market_closed"])
    with pytest.raises(PermissionDenied, match="回访处理为“督办”:没有在 .* 督办的权限"):
        callbacks.record_callback(world.db, world.operator, callback_id=market_callback.id, solved=False,
                                  satisfaction=Satisfaction.UNSATISFIED, outcome=CallbackOutcome.SUPERVISE)
    _unchanged(world, shares["market_closed"], market_callback)
    case = callbacks.record_callback(world.db, world.operator, callback_id=police_callback.id, solved=False,
                                     satisfaction=Satisfaction.UNSATISFIED, outcome=CallbackOutcome.REOPEN)
    assert (case.state, case.supervision) == (CaseState.REOPENED, SupervisionLevel.NONE)
    case = callbacks.record_callback(world.db, world.supervisor, callback_id=market_callback.id, solved=False,
                                     satisfaction=Satisfaction.UNSATISFIED, outcome=CallbackOutcome.SUPERVISE)
    assert (case.state, case.supervision) == (CaseState.REOPENED, SupervisionLevel.KEY)


@pytest.mark.law("Art. 20")
def test_a_liaisons_due_callbacks_are_those_of_the_cases_its_department_leads_now(world, shares, co_closed):
    assert [c.case_number for c in callbacks.due_callbacks(world.db, world.police)] == [
        shares["police_closed"].number]
    assert {c.case_number for c in callbacks.due_callbacks(world.db, world.market)} == {
        shares["market_closed"].number, co_closed.number}
    # The police led the first round; reopened, the market bureau leads the second and is called back for.
    case = callbacks.record_callback(world.db, world.operator, callback_id=_callback_of(
        world, world.operator, shares["police_closed"]).id, solved=False, satisfaction=Satisfaction.UNSATISFIED,
        outcome=CallbackOutcome.REOPEN)
    case = dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["market"],
                             expected_version=case.version)
    case = _close(world, case, world.market)
    assert callbacks.due_callbacks(world.db, world.police) == []
    callback = _callback_of(world, world.market, case)
    with pytest.raises(PermissionDenied, match="该案由银海区市场监管局主办,侨港派出所不是主办单位"):
        callbacks.record_callback(world.db, world.police, callback_id=callback.id, solved=True,
                                  satisfaction=Satisfaction.SATISFIED)


def test_an_auditors_due_callbacks_are_empty_without_loading_a_case(world, shares):
    """An auditor reads every case but calls no one back: the query selects nothing."""
    auditor = actor("aud_qg", Role.AUDITOR, TOWNSHIP, PlaceLevel.TOWNSHIP)
    loaded = []

    def count(target, context):
        loaded.append(target)

    event.listen(Case, "load", count)
    try:
        assert callbacks.due_callbacks(world.db, auditor) == []
    finally:
        event.remove(Case, "load", count)
    assert loaded == []
    assert len(callbacks.due_callbacks(world.db, world.operator)) == 2


@pytest.mark.law("Art. 15")
def test_a_share_withdrawn_on_an_accepted_objection_no_longer_opens_the_case(world):
    case = _dispatch(world, "错派给派出所", "police")
    with world.db.session() as s:
        share = s.scalar(select(Assignment.id).where(Assignment.case_id == case.id))
    case = department.raise_objection(world.db, world.police, assignment_id=share, reason="不属于公安管辖",
                                      expected_version=case.version)
    with world.db.session() as s:
        objection = s.scalar(select(Objection.id).where(Objection.assignment_id == share))
    review.decide_objection(world.db, world.operator, objection_id=objection, approve=True, comment="改派市场监管所",
                            expected_version=case.version)
    assert case.number not in _numbers(world, world.police, ALL_STATES)
    # Art. 18(2): the department is told the decision on its objection, and nothing more of the case.
    with pytest.raises(PermissionDenied, match=rf"本部门对案件 {case.number} 提出的管辖异议已于 .* 由op_qg认定成立"
                                               rf"\(改派市场监管所\),派遣已撤回;该案不再由本部门承办.*Art. 18"):
        queries.case_detail(world.db, world.police, case.id)
    with pytest.raises(PermissionDenied, match=f"无权查看案件 {case.number}.*Art. 15"):  # another department: no word
        queries.case_detail(world.db, world.market, case.id)


@pytest.mark.law("Art. 15")
def test_a_liaison_learns_nothing_from_a_number_that_does_not_exist(world, shares):
    with pytest.raises(PermissionDenied) as unknown:
        queries.case_id_by_number(world.db, world.police, "450503103-2026-999999")
    with pytest.raises(PermissionDenied) as other:
        queries.case_id_by_number(world.db, world.police, shares["market_only"].number)
    assert str(unknown.value).replace("999999", "N") == str(other.value).replace(shares["market_only"].number[-6:], "N")


@pytest.mark.law("Art. 19")
def test_a_liaisons_queue_rises_falls_and_counts_overdue_by_its_own_shares_deadline(world):
    """The countdown a liaison sees is its department's next step (signing, contacting, handling): the
    queue sorts by it, and 逾期 means that step is late — not the case's overall deadline."""
    signed = _dispatch(world, "已签收并联系", "police")
    unsigned = _dispatch(world, "尚未签收", "police")
    with world.db.session() as s:
        share = s.scalar(select(Assignment).where(Assignment.case_id == signed.id))
        signed = department.sign_for(world.db, world.police, assignment_id=share.id, expected_version=signed.version)
        department.contact_requester(world.db, world.police, assignment_id=share.id, note="已电话联系",
                                     expected_version=signed.version)
        sign_due = s.scalar(select(Assignment.sign_due_at).where(Assignment.case_id == unsigned.id))
        handle_due = s.scalar(select(Case.due_at).where(Case.id == unsigned.id))
    late_to_sign = sign_due + timedelta(hours=1)
    assert late_to_sign < handle_due  # the case itself is not overdue yet

    in_time = sign_due - timedelta(hours=1)

    def order(who, now):
        return [r.number for r in queue.page(world.db, who, QueueFilter(), 0, 10, now=now)
                if r.number in (signed.number, unsigned.number)]

    assert order(world.police, in_time) == [unsigned.number, signed.number]
    assert order(world.operator, in_time) == [signed.number, unsigned.number]  # the case order is the other way
    # Once the sign-for is missed, the center's queue raises the case too (its countdown: 签收 超期).
    assert order(world.police, late_to_sign) == order(world.operator, late_to_sign) == [unsigned.number, signed.number]
    overdue = QueueFilter(overdue_only=True)
    assert [r.number for r in queue.page(world.db, world.police, overdue, 0, 10, now=late_to_sign)] == [unsigned.number]
    assert queue.count(world.db, world.police, overdue, now=late_to_sign) == 1
    assert queue.summary(world.db, world.police, now=late_to_sign).overdue == 1
    # The center counts it too, by the sign-for its lead missed (its countdown: 签收 超期), not by the case's deadline.
    assert queue.summary(world.db, world.operator, now=late_to_sign).overdue == 1
    descending = [r.number for r in queue.page(world.db, world.police, QueueFilter(descending=True), 0, 10)]
    assert descending == [signed.number, unsigned.number]
    # An operator who belongs to the department too watches the whole township by the cases' deadlines.
    member = replace(world.operator, department_id=world.departments["police"])
    rows = [r for r in queue.page(world.db, member, QueueFilter(), 0, 10, now=in_time)
            if r.number in (signed.number, unsigned.number)]
    assert [(r.number, r.own_state) for r in rows] == [(signed.number, None), (unsigned.number, None)]
    assert queue.summary(world.db, member, now=late_to_sign) == queue.summary(world.db, world.operator, now=late_to_sign)


@pytest.mark.law("Art. 20")
def test_the_callback_names_the_requesters_of_the_duplicates_merged_into_the_case(world):
    case = _dispatch(world, "路灯不亮", "police")
    world.new_case(title="路灯不亮", requester_name="黄女士", requester_phone="13907790002", duplicate_of=case.id)
    # The same caller again, and a second call from the same number: told once, the case's own not again.
    world.new_case(title="路灯不亮", requester_phone="13807790001", duplicate_of=case.id)
    world.new_case(title="路灯不亮", requester_name="黄女士", requester_phone="13907790002", duplicate_of=case.id)
    # A walk-in who left only a name is told in person, once; an anonymous report tells nobody.
    world.new_case(title="路灯不亮", requester_name="陈伯", requester_phone=None, duplicate_of=case.id)
    world.new_case(title="路灯不亮", requester_name="陈伯", requester_phone=None, duplicate_of=case.id)
    world.new_case(title="路灯不亮", requester_name=None, requester_phone=None, duplicate_of=case.id)
    closed = _close(world, queries.case_detail(world.db, world.operator, case.id).case, world.police)
    due = next(info for info in callbacks.due_callbacks(world.db, world.operator) if info.case_id == closed.id)
    assert due.merged_in == (("黄女士", "139****0002"), ("陈伯", None))  # masked in the list
    dialled = callbacks.numbers_to_dial(world.db, world.operator, due.id)  # to dial, as the requester's own number is
    assert dialled.merged_in == (("黄女士", "13907790002"), ("陈伯", None))
    assert all(info.merged_in == () for info in callbacks.due_callbacks(world.db, world.operator)
               if info.case_id != closed.id)



def _share_of(world, case, who):
    with world.db.session() as s:
        return s.scalar(select(Assignment.id).where(Assignment.case_id == case.id,
                                                    Assignment.department_id == who.department_id,
                                                    Assignment.state.in_(ACTIVE_ASSIGNMENT_STATES)))


def _steps(world, case, who, *steps):
    """The department's share of `case` taken through `steps` (sign, contact, report), an hour apart after a
    dispatch on TUESDAY."""
    share = _share_of(world, case, who)
    calls = {"sign": (department.sign_for, {}), "contact": (department.contact_requester, {"note": "已电话联系"}),
             "report": (department.report_result, {"result": "已处理"})}
    for hours, step in enumerate(steps, start=1):
        call, kwargs = calls[step]
        case = call(world.db, who, assignment_id=share, expected_version=case.version,
                    now=TUESDAY + timedelta(hours=hours), **kwargs)
    return case


@pytest.mark.law("Art. 18")
@pytest.mark.law("Art. 19")
def test_a_liaisons_state_filter_reads_its_own_shares_state(world):
    """A liaison thinks in its own share's state: 本单位办理中 holds a case sent back to it (the case reads 退回) and
    not one where it has reported its part to the lead while the case goes on (the case reads 办理中)."""
    handling = _steps(world, _dispatch(world, "派出所办理中", "police"), world.police, "sign", "contact")
    sent_back = _steps(world, _dispatch(world, "派出所被退回", "police"), world.police, "sign", "contact", "report")
    sent_back = review.review(world.db, world.operator, case_id=sent_back.id, approve=False, comment="未解决",
                              expected_version=sent_back.version)
    co_reported = _steps(world, _dispatch(world, "派出所协办已报送", "market", co=["police"]), world.police,
                         "sign", "report")
    co_reported = _steps(world, co_reported, world.market, "sign", "contact")
    assert (handling.state, sent_back.state, co_reported.state) == (
        CaseState.HANDLING, CaseState.SENT_BACK, CaseState.HANDLING)

    def own(*states):
        return QueueFilter(states=frozenset(), own_states=frozenset(states))

    assert _numbers(world, world.police, own(AssignmentState.HANDLING)) == {handling.number, sent_back.number}
    assert queue.count(world.db, world.police, own(AssignmentState.HANDLING)) == 2
    assert _numbers(world, world.police, own(AssignmentState.REPORTED)) == {co_reported.number}
    assert _numbers(world, world.market, own(AssignmentState.HANDLING)) == {co_reported.number}
    # The center's queue filters by the case's state, as before; it holds no share of its own.
    case_handling = QueueFilter(states=frozenset({CaseState.HANDLING}))
    assert _numbers(world, world.operator, case_handling) == {handling.number, co_reported.number}
    assert _numbers(world, world.operator, own(AssignmentState.HANDLING)) == set()
