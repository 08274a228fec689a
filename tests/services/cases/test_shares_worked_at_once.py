"""Lead and co-handlers work on one case at the same time (Art. 18): a liaison's step on its own share
goes through from a panel that missed another department's step or the center's 督办 order, and is
still refused when what it missed concerns that share (department._own_assignment)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from case_world import TUESDAY, World, assignments, at_once, dispatched, lead_objection_upheld
from lock_waits import run, wait_for_a_lock
from desktop.errors import Conflict
from desktop.models import Assignment, CalendarDay, Case, CaseEvent, Extension, StageReport
from desktop.models.enums import AssignmentRole, AssignmentState, CaseState, DayKind, SupervisionLevel
from desktop.services import calendar_admin
from desktop.services.cases import department, dispatch, duplicates, hold, queries, review, supervision
from desktop.services.cases.common import record
from desktop.services.security import Actor
from desktop.services.unit_of_work import UnitOfWork

HOUR = timedelta(hours=1)


def _panel(world: World, liaison, case_id: int) -> dict:
    """What the liaison's panel sends with a step on its share: the version, the newest event and the
    share as the panel shows them (case_detail.CaseDetailDialog._share)."""
    detail = queries.case_detail(world.db, liaison, case_id)
    share = next(a for a in detail.assignments if a.id == detail.own_assignment_id)
    return {"assignment_id": share.id, "expected_version": detail.case.version,
            "seen_event_id": detail.events[-1].id, "seen_share_version": share.version}


def _both_signed(world: World):
    """A case led by the police station with the market bureau co-handling, both signed for."""
    case = dispatched(world, co=["market"])
    shares = assignments(world, case.id)
    case = department.sign_for(world.db, world.police, assignment_id=shares[AssignmentRole.LEAD].id,
                               expected_version=case.version, now=TUESDAY + HOUR)
    case = department.sign_for(world.db, world.market, assignment_id=shares[AssignmentRole.CO].id,
                               expected_version=case.version, now=TUESDAY + HOUR)
    return case


def _supervised(world: World, case_id: int):
    """The center issues a 督办 order on the case (Art. 20(1)) from its own, fresh panel."""
    version = queries.case_detail(world.db, world.supervisor, case_id).case.version
    supervision.supervise(world.db, world.supervisor, case_id=case_id, level=SupervisionLevel.GENERAL,
                          reason="加快办理", expected_version=version)


def _kinds(world: World, case_id: int) -> list[str]:
    with world.db.session() as s:
        return s.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)).all()


def _refused_as_changed(call, world: World, case_id: int):
    """The step is refused as any stale save is: by whom and when the case was last changed."""
    with pytest.raises(Conflict) as refused:
        call()
    case = queries.case_detail(world.db, world.operator, case_id).case
    # The day is said with the time where it was not today (common.conflict_message).
    beijing = timezone(timedelta(hours=8))
    changed = case.updated_at.astimezone(beijing)
    when = changed.strftime("%H:%M" if changed.date() == datetime.now(beijing).date() else "%m-%d %H:%M")
    assert refused.value.message == f"案件 {case.number} 已被 {case.updated_by} 于 {when} 修改,请重新载入"


# The lead's steps from a panel (`seen`), by the kind of event each writes.
_LEAD_STEPS = {
    "contacted": lambda world, seen: department.contact_requester(world.db, world.police, note="已电话联系诉求人",
                                                                now=TUESDAY + 3 * HOUR, **seen),
    "stage_report": lambda world, seen: department.stage_report(world.db, world.police, content="已约双方调解",
                                                                now=TUESDAY + 3 * HOUR, **seen),
}


@pytest.mark.law("Art. 18")
@pytest.mark.parametrize("written", sorted(_LEAD_STEPS))
def test_the_leads_step_goes_through_after_the_co_handler_reported_and_the_center_supervised(world, written):
    """Art. 18(1): the lead coordinates while the co-handler works; the co-handler's result on its own
    share and a 督办 order on the case (Art. 20) do not refuse the lead's call or stage report from a
    panel that had not shown them. The timeline holds all three, in order."""
    case = _both_signed(world)
    seen = _panel(world, world.police, case.id)
    department.report_result(world.db, world.market, result="经营户证照齐全", now=TUESDAY + 2 * HOUR,
                             **_panel(world, world.market, case.id))
    _supervised(world, case.id)
    _LEAD_STEPS[written](world, seen)
    assert _kinds(world, case.id)[-3:] == ["co_reported", "supervised", written]


@pytest.mark.law("Art. 19")
def test_the_leads_result_goes_through_after_a_supervision_order_and_a_duplicate_merged_in(world):
    """Art. 19(3): the lead feeds back its result from a panel that had shown the co-handler's result
    but not the 督办 order issued since, nor a duplicate request merged into the case since."""
    case = _both_signed(world)
    shares = assignments(world, case.id)
    case = department.contact_requester(world.db, world.police, assignment_id=shares[AssignmentRole.LEAD].id,
                                        note="已电话联系", expected_version=case.version, now=TUESDAY + 2 * HOUR)
    case = department.report_result(world.db, world.market, assignment_id=shares[AssignmentRole.CO].id,
                                    result="经营户证照齐全", expected_version=case.version, now=TUESDAY + 2 * HOUR)
    seen = _panel(world, world.police, case.id)
    _supervised(world, case.id)
    duplicate = world.new_case().case
    duplicates.merge(world.db, world.operator, case_id=duplicate.id, into_case_id=case.id,
                     expected_version=duplicate.version)
    case = department.report_result(world.db, world.police, result="已调解,双方签订协议", now=TUESDAY + 3 * HOUR,
                                    **seen)
    assert case.state is CaseState.REPORTED
    assert _kinds(world, case.id)[-3:] == ["supervised", "merged_in", "result_reported"]


@pytest.mark.law("Art. 18")
def test_a_co_handler_signs_for_its_share_after_the_lead_signed_and_called(world):
    """The case's state follows the lead's share; the lead's signing for it and its first call move the
    case, yet leave the co-handler's share as its panel showed it (Art. 18(1))."""
    case = dispatched(world, co=["market"])
    seen = _panel(world, world.market, case.id)
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    case = department.sign_for(world.db, world.police, assignment_id=lead.id, expected_version=case.version,
                               now=TUESDAY + HOUR)
    department.contact_requester(world.db, world.police, assignment_id=lead.id, note="已电话联系",
                                 expected_version=case.version, now=TUESDAY + 2 * HOUR)
    case = department.sign_for(world.db, world.market, now=TUESDAY + 3 * HOUR, **seen)
    assert case.state is CaseState.HANDLING
    assert _kinds(world, case.id)[-3:] == ["signed", "contacted", "signed"]


@pytest.mark.law("Art. 18")
def test_the_leads_result_is_refused_when_a_co_handler_reported_since_its_panel_showed_the_case(world):
    """Art. 18(1): the co-handlers report their results to the lead, whose result is made of them; a
    result the lead's panel had not shown is one the lead has not read."""
    case = _both_signed(world)
    shares = assignments(world, case.id)
    case = department.contact_requester(world.db, world.police, assignment_id=shares[AssignmentRole.LEAD].id,
                                        note="已电话联系", expected_version=case.version, now=TUESDAY + 2 * HOUR)
    seen = _panel(world, world.police, case.id)
    department.report_result(world.db, world.market, assignment_id=shares[AssignmentRole.CO].id,
                             result="发现无证经营,已立案", expected_version=case.version, now=TUESDAY + 2 * HOUR)
    _refused_as_changed(lambda: department.report_result(world.db, world.police, result="已调解",
                                                         now=TUESDAY + 3 * HOUR, **seen), world, case.id)
    assert _kinds(world, case.id)[-1] == "co_reported"


@pytest.mark.law("Art. 19")
def test_a_step_is_refused_after_the_center_decided_the_shares_extension(world):
    """Art. 19(2): the center's decision on the share's extension request changes the share the panel
    showed (its deadline and state): the liaison reloads to see it."""
    case = _both_signed(world)
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    case = department.request_extension(world.db, world.police, assignment_id=lead.id, reason="需鉴定", amount=2,
                                        expected_version=case.version, now=TUESDAY + 2 * HOUR)
    seen = _panel(world, world.police, case.id)
    with world.db.session() as s:
        extension = s.scalar(select(Extension.id).where(Extension.assignment_id == lead.id))
    review.decide_extension(world.db, world.operator, extension_id=extension, approve=True,
                            expected_version=case.version, now=TUESDAY + 3 * HOUR)
    _refused_as_changed(lambda: _LEAD_STEPS["stage_report"](world, seen), world, case.id)


@pytest.mark.law("Art. 18")
def test_a_step_is_refused_after_deadlines_were_recounted_by_a_calendar_change(world):
    """A calendar change recounts the share's deadline; its event on the timeline is about no share
    and moves no state, which the event check passes: the share's own version, sent with the step,
    still tells that it changed."""
    case = _both_signed(world)
    seen = _panel(world, world.police, case.id)
    events_before, due_before = _kinds(world, case.id), assignments(world, case.id)[AssignmentRole.LEAD].due_at
    calendar_admin.add_day(world.db, world.system, calendar_admin.DayEntry(
        date(2026, 6, 12), DayKind.HOLIDAY, "地方假日", regional=True))  # the Friday before the deadline
    assert _kinds(world, case.id) == [*events_before, "deadlines_recounted"]
    assert assignments(world, case.id)[AssignmentRole.LEAD].due_at == due_before + timedelta(days=1)
    _refused_as_changed(lambda: _LEAD_STEPS["stage_report"](world, seen), world, case.id)


@pytest.mark.law("Art. 18")
def test_a_co_handler_made_the_lead_is_refused_a_step_on_its_withdrawn_share(world):
    """Art. 18(2): re-dispatched as the lead after the lead's objection was upheld, the co-handler's old
    share is withdrawn; a step on it from a panel that showed it running is refused as stale."""
    case = lead_objection_upheld(world)
    seen = _panel(world, world.market, case.id)
    dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["market"],
                      expected_version=case.version, now=TUESDAY + 3 * HOUR)
    _refused_as_changed(lambda: department.sign_for(world.db, world.market, now=TUESDAY + 4 * HOUR, **seen),
                        world, case.id)


@pytest.mark.law("Art. 19")
def test_a_step_is_refused_after_the_case_was_put_on_hold(world):
    """Art. 19(2): a case put on hold stops every share; the step is refused as stale (the panel
    reloads and shows the hold), not as a share in the wrong state."""
    case = _both_signed(world)
    seen = _panel(world, world.police, case.id)
    hold.put_on_hold(world.db, world.supervisor, case_id=case.id, reason="需待道路改造后解决",
                     explanation="已向诉求人说明", expected_version=case.version)
    _refused_as_changed(lambda: _LEAD_STEPS["contacted"](world, seen), world, case.id)


@pytest.mark.law("Art. 18")
def test_a_co_handler_carrying_on_is_refused_after_the_case_was_merged(world):
    """Art. 18(2): a co-handler carries on after the lead's objection is upheld; the case merged into
    another meanwhile withdraws its share, and its step from the panel before is refused."""
    case = lead_objection_upheld(world)
    seen = _panel(world, world.market, case.id)
    goes_on = world.new_case().case
    duplicates.merge(world.db, world.operator, case_id=case.id, into_case_id=goes_on.id,
                     expected_version=case.version)
    _refused_as_changed(lambda: department.sign_for(world.db, world.market, now=TUESDAY + 3 * HOUR, **seen),
                        world, case.id)


@pytest.mark.law("Art. 18")
def test_a_co_handler_carrying_on_is_refused_after_the_case_was_sent_to_a_new_lead(world):
    """Art. 18(1): the co-handler reports to the lead; the center naming a new lead moves the whole case
    though the co-handler's share stays as it was, and its step from the panel before is refused (the
    panel reloads and shows whom it now reports to)."""
    case = lead_objection_upheld(world)
    co = assignments(world, case.id)[AssignmentRole.CO]
    case = department.sign_for(world.db, world.market, assignment_id=co.id, expected_version=case.version,
                               now=TUESDAY + 3 * HOUR)
    seen = _panel(world, world.market, case.id)
    dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["city_admin"],
                      expected_version=case.version, now=TUESDAY + 4 * HOUR)
    assert assignments(world, case.id)[AssignmentRole.CO].version == seen["seen_share_version"]
    _refused_as_changed(lambda: department.stage_report(world.db, world.market, content="正在排查经营户",
                                                        now=TUESDAY + 5 * HOUR, **seen), world, case.id)


@pytest.mark.law("Art. 18")
def test_a_stage_report_sent_twice_from_one_panel_is_written_once(world):
    """Art. 18(1): the department's own step on its share since the panel loaded (a double click, a
    second desk) concerns that share: the second is refused, not written again."""
    case = _both_signed(world)
    seen = _panel(world, world.police, case.id)
    _LEAD_STEPS["stage_report"](world, seen)
    _refused_as_changed(lambda: _LEAD_STEPS["stage_report"](world, seen), world, case.id)
    with world.db.session() as s:
        assert s.scalar(select(func.count()).select_from(StageReport)) == 1


@pytest.mark.law("Art. 18")
def test_without_what_the_panel_showed_any_change_refuses_as_before(world):
    """A caller that sends only the version (a script, an older desk) keeps strict optimistic locking."""
    case = _both_signed(world)
    seen = _panel(world, world.police, case.id)
    _supervised(world, case.id)
    _refused_as_changed(lambda: department.stage_report(
        world.db, world.police, assignment_id=seen["assignment_id"], content="已约双方调解",
        expected_version=seen["expected_version"], now=TUESDAY + 3 * HOUR), world, case.id)


@pytest.mark.law("Art. 18")
def test_lead_and_co_handler_reporting_stages_at_the_same_moment_both_go_through(world, backend):
    """Two desks saving the same case at once: the second waits for the first's row lock, then finds
    only the other department's step since its panel, and goes through."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    case = _both_signed(world)
    lead_seen, co_seen = _panel(world, world.police, case.id), _panel(world, world.market, case.id)
    outcomes = at_once(
        lambda: department.stage_report(world.db, world.police, content="已约双方调解", now=TUESDAY + 3 * HOUR,
                                        **lead_seen),
        lambda: department.stage_report(world.db, world.market, content="正在排查经营户", now=TUESDAY + 3 * HOUR,
                                        **co_seen))
    assert [type(o).__name__ for o in outcomes] == ["CaseInfo", "CaseInfo"], outcomes
    assert sorted(_kinds(world, case.id)[-2:]) == ["stage_report", "stage_report"]


@pytest.mark.law("Art. 18")
def test_one_stage_report_sent_from_two_desks_at_the_same_moment_is_written_once(world, backend):
    """The second desk waits for the first's row lock, then finds the first's step on the same share."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    case = _both_signed(world)
    seen = _panel(world, world.police, case.id)
    outcomes = at_once(lambda: _LEAD_STEPS["stage_report"](world, seen),
                       lambda: _LEAD_STEPS["stage_report"](world, seen))
    assert sorted(type(o).__name__ for o in outcomes) == ["CaseInfo", "Conflict"], outcomes
    with world.db.session() as s:
        assert s.scalar(select(func.count()).select_from(StageReport)) == 1


def _while_another_desk_holds_the_case(world: World, case_id: int, step, by: Actor, writes):
    """`step` on a thread of its own, seen waiting for the case's row lock that another desk's step (by
    `by`) holds; that step `writes(uow, case)` and commits, then `step` goes on. What `step` returned;
    what it raised is raised."""
    with world.db.session() as session:
        case = session.scalar(select(Case).where(Case.id == case_id).with_for_update())
        waiting, outcome = run(step)
        wait_for_a_lock(world.db)
        writes(UnitOfWork(session, by, "test.another_desk"), case)
        session.commit()
    waiting.join(10)
    if isinstance(outcome[0], Exception):
        raise outcome[0]
    return outcome[0]


def _stage_reports(world: World) -> list[str]:
    with world.db.session() as s:
        return s.scalars(select(StageReport.content).order_by(StageReport.id)).all()


@pytest.mark.law("Art. 18")
def test_a_step_that_waited_for_the_case_is_refused_when_the_desk_it_waited_for_reported_on_its_share(world,
                                                                                                     backend):
    """Another desk of the same department reports a stage on the share while this one's report waits
    for the case: read after the wait, the timeline holds that report, and this one is refused."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    case = _both_signed(world)
    seen = _panel(world, world.police, case.id)

    def reports_a_stage(uow, locked):
        uow.session.add(StageReport(assignment_id=seen["assignment_id"], at=TUESDAY + 2 * HOUR, by="liaison_pcs",
                                    content="已约双方调解"))
        record(uow, locked, "stage_report", "侨港派出所 报送阶段性工作情况:已约双方调解",
               assignment=uow.session.get(Assignment, seen["assignment_id"]), at=TUESDAY + 2 * HOUR)

    _refused_as_changed(lambda: _while_another_desk_holds_the_case(
        world, case.id, lambda: _LEAD_STEPS["stage_report"](world, seen), world.police, reports_a_stage),
        world, case.id)
    assert _stage_reports(world) == ["已约双方调解"]
    assert _kinds(world, case.id)[-1] == "stage_report"


@pytest.mark.law("Art. 18")
def test_a_step_that_waited_for_the_case_is_refused_when_its_deadline_was_recounted_meanwhile(world, backend):
    """A calendar change recounts the share's deadline while the liaison's stage report waits for the
    case. The recount writes no event about the share: only the share read again after the wait tells
    that it changed (the copy read before the wait still has the old deadline and version)."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    case = _both_signed(world)
    seen = _panel(world, world.police, case.id)

    def recounts(uow, locked):
        uow.session.add(CalendarDay(day=date(2026, 6, 12), kind=DayKind.HOLIDAY, name="地方假日", regional=True,
                                    entered_by="system"))  # the Friday before the deadline
        uow.session.flush()
        assert calendar_admin.recompute_open_deadlines(uow.session, by=uow.actor, why="录入 地方假日") == 2

    _refused_as_changed(lambda: _while_another_desk_holds_the_case(
        world, case.id, lambda: _LEAD_STEPS["stage_report"](world, seen), world.system, recounts),
        world, case.id)
    assert _stage_reports(world) == []
    assert _kinds(world, case.id)[-1] == "deadlines_recounted"


@pytest.mark.law("Art. 18")
def test_a_step_that_waited_for_the_case_goes_through_when_the_co_handler_reported_meanwhile(world, backend):
    """Art. 18(1): the co-handler's result, committed while the lead's stage report waits for the case,
    is about the co-handler's share only: the lead's report goes through after it."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    case = _both_signed(world)
    seen = _panel(world, world.police, case.id)
    co_id = assignments(world, case.id)[AssignmentRole.CO].id

    def co_handler_reports(uow, locked):
        co = uow.session.get(Assignment, co_id)
        co.state, co.result, co.reported_at = AssignmentState.REPORTED, "经营户证照齐全", TUESDAY + 2 * HOUR
        record(uow, locked, "co_reported", "银海区市场监管局(协办)向主办单位报送办理结果:经营户证照齐全",
               assignment=co, at=TUESDAY + 2 * HOUR)

    stepped = _while_another_desk_holds_the_case(world, case.id, lambda: _LEAD_STEPS["stage_report"](world, seen),
                                                 world.market, co_handler_reports)
    assert stepped.version == seen["expected_version"] + 2
    assert _stage_reports(world) == ["已约双方调解"]
    assert _kinds(world, case.id)[-2:] == ["co_reported", "stage_report"]
