"""Steps a case must be able to take, and steps only the right desk may take: routing after the
triage list, escalation of a reopened case, merging at the level that handles a case, and the
refusals a person can act on (Art. 13, 15, 16–19)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from case_world import COUNTY, GRID_A, GRID_B, TOWNSHIP, TUESDAY, actor, assignments, dispatched
from desktop.errors import Conflict, InvalidTransition, LawRefusal, PermissionDenied, ValidationFailed
from desktop.models import Case, Department, Extension, Grid, MatterItem, MatterList, Objection, Place, Setting
from desktop.models.base import utcnow
from desktop.models.enums import (
    AssignmentRole,
    CaseState,
    Channel,
    GridStatus,
    HandlingLevel,
    MatterCategory,
    MatterListState,
    PlaceLevel,
    Role,
)
from desktop.services.cases import department, dispatch, duplicates, intake, onspot_escalation, queries, review
from desktop.services.clock import BEIJING


@pytest.mark.law("Art. 15")
def test_a_township_desk_does_not_merge_away_a_case_the_county_now_handles(world):
    duplicate, kept = world.new_case().case, world.new_case().case
    duplicate = onspot_escalation.escalate(world.db, world.operator, case_id=duplicate.id, reason="需县级协调",
                                           expected_version=duplicate.version)
    assert duplicate.level is HandlingLevel.COUNTY
    with pytest.raises(PermissionDenied, match=r"没有在 银海\(450503000000\) 受理诉求的权限.*Art. 15"):
        duplicates.merge(world.db, world.operator, case_id=duplicate.id, into_case_id=kept.id,
                         expected_version=duplicate.version)
    county = actor("op_yh", Role.OPERATOR, COUNTY, PlaceLevel.COUNTY)
    merged = duplicates.merge(world.db, county, case_id=duplicate.id, into_case_id=kept.id,
                              expected_version=duplicate.version)
    assert merged.state is CaseState.MERGED


@pytest.mark.law("Art. 16")
def test_a_case_is_routed_only_to_a_grid_in_use(world):
    case = world.new_case(at=None, township_code=TOWNSHIP).case
    with world.db.session() as session:
        grid = session.scalar(select(Place).where(Place.code == GRID_B))
        session.get(Grid, grid.id).status = GridStatus.RETIRED
        session.commit()
    with pytest.raises(ValidationFailed, match=re.escape(f"侨南第一网格({GRID_B})目前为“已撤销”,不在使用中")):
        intake.route_to_grid(world.db, world.operator, case_id=case.id, grid_code=GRID_B,
                             expected_version=case.version)
    routed = intake.route_to_grid(world.db, world.operator, case_id=case.id, grid_code=GRID_A,
                                  expected_version=case.version)
    assert routed.grid_id == world.grids["a"]


@pytest.mark.law("Art. 5")
def test_a_case_escalated_from_the_triage_list_and_assigned_back_down_can_be_given_its_grid(world):
    county = actor("op_yh", Role.OPERATOR, COUNTY, PlaceLevel.COUNTY)
    case = world.new_case(at=None, township_code=TOWNSHIP, channel=Channel.GRID_STAFF).case
    case = onspot_escalation.escalate(world.db, world.operator, case_id=case.id, reason="需县级协调",
                                      expected_version=case.version)
    case = onspot_escalation.assign_down(world.db, county, case_id=case.id, to_level=HandlingLevel.TOWNSHIP,
                                         reason="由乡镇牵头", expected_version=case.version)
    with pytest.raises(ValidationFailed, match="请先指定网格"):
        onspot_escalation.assign_down(world.db, world.operator, case_id=case.id, to_level=HandlingLevel.GRID,
                                      reason="请网格员协助", expected_version=case.version)
    assert "route" in queries.case_detail(world.db, world.operator, case.id).actions
    case = intake.route_to_grid(world.db, world.operator, case_id=case.id, grid_code=GRID_A,
                                expected_version=case.version)
    case = onspot_escalation.assign_down(world.db, world.operator, case_id=case.id, to_level=HandlingLevel.GRID,
                                         reason="请网格员协助", expected_version=case.version)
    assert case.level is HandlingLevel.GRID


@pytest.mark.law("Art. 17")
def test_a_reopened_case_the_grid_cannot_settle_again_is_escalated(world):
    case = world.new_case(channel=Channel.GRID_STAFF).case
    case = onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已劝导",
                                             expected_version=case.version)
    case = review.reopen(world.db, world.supervisor, case_id=case.id, reason="问题复发", expected_version=case.version)
    case = onspot_escalation.escalate(world.db, world.operator, case_id=case.id, reason="网格无法解决",
                                      expected_version=case.version)
    assert case.state is CaseState.ESCALATED


def _upheld_objection(world, dispatched_at, raised_after):
    """A case dispatched to the police station at `dispatched_at`, objected to `raised_after` its sign-for
    fell due (negative: before) and upheld now; the sign-for deadline."""
    case = dispatched(world, now=dispatched_at)
    share = assignments(world, case.id)[AssignmentRole.LEAD]
    share_id, sign_due = share.id, share.sign_due_at
    case = department.raise_objection(world.db, world.police, assignment_id=share_id, reason="属市场监管职责",
                                      expected_version=case.version, now=sign_due + raised_after)
    with world.db.session() as session:
        objection = session.scalar(select(Objection.id).where(Objection.assignment_id == share_id))
    review.decide_objection(world.db, world.operator, objection_id=objection, approve=True,
                            expected_version=case.version)
    return sign_due


def _police_response(world, sign_due):
    month = sign_due.astimezone(BEIJING).strftime("%Y-%m")
    from desktop.services.evaluation.scores import evaluate

    police = evaluate(world.db, world.system, month, "department", as_of=utcnow() + timedelta(days=1)) \
        .subject(world.departments["police"])
    return police.figure("response") if police else None


@pytest.mark.law("Art. 18")
def test_an_objection_raised_in_time_and_upheld_late_is_no_missed_sign_for(world):
    """Art. 18(2): the share was never the department's; the center deciding days later does not
    make it a sign-for the department missed (the response rate, SPEC §11)."""
    start = utcnow() - timedelta(days=20)  # a sign-for fallen due even across a week-long holiday
    in_time = _upheld_objection(world, start, -timedelta(hours=20))
    response = _police_response(world, in_time)
    assert response is None or response.denominator == 0
    # One raised after the sign-for fell due was the department's to sign: still counted as missed.
    late = _upheld_objection(world, start, timedelta(hours=1))
    response = _police_response(world, late)
    assert (response.numerator, response.denominator) == (0, 1)


@pytest.mark.law("Art. 19")
def test_a_refused_extension_says_the_deadline_the_paused_clock_gave_back(world):
    with world.db.session() as session:
        session.add(Setting(key="clock.pause_while_deciding", value=True))
        session.commit()
    case = dispatched(world, now=TUESDAY)
    share_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    case = department.sign_for(world.db, world.police, assignment_id=share_id, expected_version=case.version,
                               now=TUESDAY)
    case = department.request_extension(world.db, world.police, assignment_id=share_id, reason="需鉴定", amount=2,
                                        expected_version=case.version, now=TUESDAY + timedelta(hours=1))
    with world.db.session() as session:
        extension = session.scalar(select(Extension.id).where(Extension.assignment_id == share_id))
    review.decide_extension(world.db, world.operator, extension_id=extension, approve=False, comment="可按期办结",
                            expected_version=case.version, now=TUESDAY + timedelta(days=1))
    shown = queries.case_detail(world.db, world.operator, case.id)
    message = shown.events[-1].message
    assert "不同意延期;审批期间暂停的时间已补回,期限至 " in message and "按原期限" not in message


@pytest.mark.law("Art. 18")
def test_dispatch_names_a_stopped_department_by_its_name(world):
    case = world.new_case().case
    with world.db.session() as session:
        session.get(Department, world.departments["market"]).active = False
        session.commit()
    with pytest.raises(ValidationFailed, match="承办单位 银海区市场监管局 已停用,请另选承办单位"):
        dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["police"],
                          co_department_ids=[world.departments["market"]], expected_version=case.version)
    with pytest.raises(ValidationFailed, match=r"承办单位\(编号 99999\)不存在,请刷新单位列表"):
        dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=99999,
                          expected_version=case.version)


@pytest.mark.law("Art. 13")
def test_a_case_without_a_listed_item_is_refused_to_grid_staff_with_what_to_do_instead(world):
    """The item of a case is chosen at intake only: the refusal says where such a case goes."""
    case = world.new_case(channel=Channel.GRID_STAFF, category=MatterCategory.DISPUTE).case
    with pytest.raises(LawRefusal, match="未指定事项清单中的事项,不得要求网格工作人员办理或者协助;请派遣给承办部门或上报"):
        onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已调解",
                                          expected_version=case.version)
    case = world.new_case(channel=Channel.GRID_STAFF).case
    with world.db.session() as session:  # its list replaced by a newer one without it since
        city = session.get(MatterList, session.get(MatterItem, world.items["dispute"]).matter_list_id)
        session.add(MatterList(place_id=city.place_id, version=2, title=city.title, state=MatterListState.PUBLISHED,
                               published_on=TUESDAY.date()))
        session.commit()
    with pytest.raises(LawRefusal, match="不在现行网格化服务管理事项清单内.*;请派遣给承办部门或上报"):
        onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已调解",
                                          expected_version=case.version)

@pytest.mark.law("Art. 13")
def test_an_item_on_the_list_but_not_for_grid_staff_is_refused_as_such(world):
    case = world.new_case(channel=Channel.GRID_STAFF, matter_item_id=world.items["food"]).case
    with pytest.raises(LawRefusal, match="在现行清单内,但未列为网格工作人员办理或者协助的事项.*派遣给承办部门.*Art. 13"):
        onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已处理",
                                          expected_version=case.version)


@pytest.mark.law("Art. 18")
def test_a_co_handler_is_added_while_the_lead_works_in_place_of_one_whose_objection_was_upheld(world):
    """Art. 18(2): the objection goes back to the center, which sends the right department instead;
    the lead's result then waits for it (Art. 18(1): co-handlers report to the lead)."""
    case = dispatched(world, co=["market"], now=None)
    shares = {role.value: share.id for role, share in assignments(world, case.id).items()}
    case = department.raise_objection(world.db, world.market, assignment_id=shares["co"], reason="应由城管局协办",
                                      expected_version=case.version)
    with world.db.session() as session:
        objection = session.scalar(select(Objection.id))
    case = review.decide_objection(world.db, world.operator, objection_id=objection, approve=True,
                                   expected_version=case.version)
    shown = queries.case_detail(world.db, world.operator, case.id)
    assert "add_co_handler" in shown.actions and "dispatch" not in shown.actions
    offered = [s.id for s in shown.co_handler_choices]
    assert world.departments["city_admin"] in offered and world.departments["police"] not in offered
    with pytest.raises(ValidationFailed, match="增加协办的理由"):
        dispatch.add_co_handler(world.db, world.operator, case_id=case.id, department_id=world.departments["city_admin"],
                                reason=" ", expected_version=case.version)
    with pytest.raises(Conflict, match="已派遣给 侨港派出所 且尚未办结"):
        dispatch.add_co_handler(world.db, world.operator, case_id=case.id, department_id=world.departments["police"],
                                reason="加派", expected_version=case.version)
    with pytest.raises(PermissionDenied, match="Art. 15"):
        dispatch.add_co_handler(world.db, world.stranger, case_id=case.id, department_id=world.departments["city_admin"],
                                reason="加派", expected_version=case.version)
    case = dispatch.add_co_handler(world.db, world.operator, case_id=case.id,
                                   department_id=world.departments["city_admin"], reason="原协办单位异议成立",
                                   expected_version=case.version)
    shown = queries.case_detail(world.db, world.operator, case.id)
    added = next(a for a in shown.assignments if a.department_id == world.departments["city_admin"])
    assert added.role.value == "co" and added.state.value == "dispatched"
    assert shown.events[-1].kind == "co_added" and "增加协办单位 银海区城管局:原协办单位异议成立" in shown.events[-1].message
    # The lead's result waits for the added co-handler.
    case = department.sign_for(world.db, world.police, assignment_id=shares["lead"], expected_version=case.version)
    case = department.contact_requester(world.db, world.police, assignment_id=shares["lead"], note="已电话联系",
                                        expected_version=case.version)
    with pytest.raises(InvalidTransition, match="银海区城管局"):
        department.report_result(world.db, world.police, assignment_id=shares["lead"], result="已处理",
                                 expected_version=case.version)


@pytest.mark.law("Art. 18")
def test_no_co_handler_is_added_once_the_lead_has_fed_back_its_result(world):
    case = dispatched(world, now=None)
    lead = assignments(world, case.id)[AssignmentRole.LEAD].id
    case = department.sign_for(world.db, world.police, assignment_id=lead, expected_version=case.version)
    case = department.contact_requester(world.db, world.police, assignment_id=lead, note="已电话联系",
                                        expected_version=case.version)
    case = department.report_result(world.db, world.police, assignment_id=lead, result="已处理",
                                    expected_version=case.version)
    with pytest.raises(InvalidTransition, match="不能增加协办单位"):
        dispatch.add_co_handler(world.db, world.operator, case_id=case.id,
                                department_id=world.departments["city_admin"], reason="加派",
                                expected_version=case.version)


@pytest.mark.law("Art. 16")
def test_a_merge_made_by_mistake_is_undone_and_the_case_goes_back_to_where_it_was(world):
    kept, duplicate = world.new_case().case, world.new_case(title="另一件事").case
    assert duplicate.state is CaseState.REGISTERED
    merged = duplicates.merge(world.db, world.operator, case_id=duplicate.id, into_case_id=kept.id,
                              expected_version=duplicate.version)
    assert "unmerge" in queries.case_detail(world.db, world.operator, duplicate.id).actions
    with pytest.raises(ValidationFailed, match="撤销合并的理由"):
        duplicates.unmerge(world.db, world.operator, case_id=duplicate.id, reason="", expected_version=merged.version)
    with pytest.raises(PermissionDenied, match="Art. 15"):
        duplicates.unmerge(world.db, world.stranger, case_id=duplicate.id, reason="误合并",
                           expected_version=merged.version)
    back = duplicates.unmerge(world.db, world.operator, case_id=duplicate.id, reason="核实后并非同一诉求",
                              expected_version=merged.version)
    assert back.state is CaseState.REGISTERED
    shown = queries.case_detail(world.db, world.operator, duplicate.id)
    assert shown.merged_into is None and shown.closed_at is None and "dispatch" in shown.actions
    assert shown.events[-1].message == f"撤销合并,不再并入案件 {kept.number}:核实后并非同一诉求"
    kept_events = queries.case_detail(world.db, world.operator, kept.id).events
    assert kept_events[-1].message == f"案件 {duplicate.number} 撤销合并,不再并入本案:核实后并非同一诉求"
    with pytest.raises(InvalidTransition, match="不能撤销合并"):
        duplicates.unmerge(world.db, world.operator, case_id=duplicate.id, reason="再撤一次",
                           expected_version=back.version)


@pytest.mark.law("Art. 18")
def test_the_queue_row_carries_the_leads_sign_for_deadline_until_it_signs(world):
    from desktop.services import queue

    case = dispatched(world, now=TUESDAY)
    share = assignments(world, case.id)[AssignmentRole.LEAD]
    share_id, sign_due = share.id, share.sign_due_at

    def row():
        rows = queue.page(world.db, world.operator, queue.QueueFilter(under=TOWNSHIP), 0, 50)
        return next(r for r in rows if r.id == case.id)

    assert (row().lead_department, row().lead_sign_due_at) == ("派出所", sign_due)
    department.sign_for(world.db, world.police, assignment_id=share_id, expected_version=case.version)
    assert row().lead_sign_due_at is None and row().lead_department == "派出所"


@pytest.mark.law("Art. 18")
def test_a_sign_for_the_lead_let_pass_counts_as_overdue_as_its_countdown_shows_it(world):
    """只看超期, the status bar's 超期 and the map's red marks hold a case whose lead department let its
    sign-for deadline pass unsigned (Art. 18(1)), though its handling deadline is days away; once
    signed, they do not. The default order lists it first: no department has taken it on."""
    from desktop.services import queue
    from desktop.services.map_data import map_data

    case = dispatched(world, now=TUESDAY)
    share = assignments(world, case.id)[AssignmentRole.LEAD]
    missed = share.sign_due_at + timedelta(minutes=1)
    assert case.due_at > missed + timedelta(days=1)
    overdue = queue.QueueFilter(under=TOWNSHIP, overdue_only=True)

    def counted(now):
        ids = [row.id for row in queue.page(world.db, world.operator, overdue, 0, 50, now=now)]
        assert queue.count(world.db, world.operator, overdue, now=now) == len(ids)
        on_map = [mark.id for mark in map_data(world.db, world.operator, TOWNSHIP, now=now).cases if mark.overdue]
        assert on_map == ids
        return ids, queue.summary(world.db, world.operator, TOWNSHIP, now=now).overdue

    assert counted(share.sign_due_at - timedelta(minutes=1)) == ([], 0)
    assert counted(missed) == ([case.id], 1)

    # It rises in the deadline order above a signed case whose handling deadline comes sooner.
    sooner = dispatched(world, now=TUESDAY - timedelta(days=1))
    sooner_share = assignments(world, sooner.id)[AssignmentRole.LEAD]
    department.sign_for(world.db, world.police, assignment_id=sooner_share.id, expected_version=sooner.version,
                        now=TUESDAY)
    assert missed < sooner.due_at < case.due_at

    def order(now, **kw):
        f = queue.QueueFilter(under=TOWNSHIP, **kw)
        return [row.id for row in queue.page(world.db, world.operator, f, 0, 50, now=now)
                if row.id in (case.id, sooner.id)]

    assert order(share.sign_due_at - timedelta(minutes=1)) == [sooner.id, case.id]
    assert order(missed) == [case.id, sooner.id]
    assert order(missed, descending=True) == [case.id, sooner.id]  # the latest handling deadline first
    rows = [row.id for row in queue.page(world.db, world.operator, queue.QueueFilter(under=TOWNSHIP), 0, 50, now=missed)]
    assert [row.id for n in range(len(rows)) for row in queue.page(world.db, world.operator, queue.QueueFilter(
        under=TOWNSHIP), n, 1, now=missed)] == rows  # pages of one row cover the same queue in the same order
    with world.db.session() as s:  # and an export of the queue as filtered lists it in that order too
        assert list(s.scalars(queue.filtered_select(s, world.system, queue.QueueFilter(under=TOWNSHIP),
                                                    select(Case.id), now=missed))) == rows
    department.sign_for(world.db, world.police, assignment_id=share.id, expected_version=case.version, now=missed)
    assert counted(missed) == ([], 0)
    assert order(missed) == [sooner.id, case.id]


@pytest.mark.law("Art. 18")
def test_an_export_lists_the_missed_sign_fors_in_the_order_the_queue_shows_them(world):
    """By the sign-for missed, not by the handling deadline: an urgent case whose sign-for passed later
    comes second, though its handling deadline comes first."""
    from desktop.services import queue

    first = dispatched(world, now=TUESDAY)
    thursday = TUESDAY + timedelta(days=2)
    urgent = dispatched(world, now=thursday, urgent=True)
    shares = {case.id: assignments(world, case.id)[AssignmentRole.LEAD] for case in (first, urgent)}
    now = max(share.sign_due_at for share in shares.values()) + timedelta(minutes=1)
    assert shares[first.id].sign_due_at < shares[urgent.id].sign_due_at and urgent.due_at < first.due_at
    f = queue.QueueFilter(under=TOWNSHIP)
    shown = [row.id for row in queue.page(world.db, world.operator, f, 0, 50, now=now)]
    assert shown[:2] == [first.id, urgent.id]
    with world.db.session() as s:
        assert list(s.scalars(queue.filtered_select(s, world.system, f, select(Case.id), now=now))) == shown


@pytest.mark.law("Art. 15")
def test_undoing_a_merge_needs_the_intake_right_in_both_townships_as_merging_does(world):
    from case_world import OTHER_TOWNSHIP

    city = actor("op_city", Role.OPERATOR, "450500000000", PlaceLevel.CITY)
    duplicate = world.new_case(at=None, township_code=TOWNSHIP).case
    kept = world.new_case(at=None, township_code=OTHER_TOWNSHIP, who=world.stranger).case
    merged = duplicates.merge(world.db, city, case_id=duplicate.id, into_case_id=kept.id,
                              expected_version=duplicate.version)
    with pytest.raises(PermissionDenied, match="中街.*Art. 15"):  # would write on 中街's case
        duplicates.unmerge(world.db, world.operator, case_id=duplicate.id, reason="误合并",
                           expected_version=merged.version)
    assert duplicates.unmerge(world.db, city, case_id=duplicate.id, reason="误合并",
                              expected_version=merged.version).state.is_open


@pytest.mark.law("Art. 15")
def test_routing_another_townships_case_is_refused_before_anything_is_said_of_it(world):
    case = world.new_case().case  # routed at intake
    with pytest.raises(PermissionDenied):
        intake.route_to_grid(world.db, world.stranger, case_id=case.id, grid_code=GRID_A,
                             expected_version=case.version)


@pytest.mark.law("Art. 15")
def test_acting_on_another_townships_case_as_it_was_is_refused_not_told_who_changed_it(world):
    """A step on what the screen showed before a change is refused with who changed the case and when
    (optimistic locking); to a user who may not read the case, nothing of it is told: refused, on record.
    So is a department's step on another department's share."""
    from desktop.models import AuditEntry
    from desktop.models.enums import AuditOutcome

    case = dispatched(world)
    stale = case.version - 1
    share = next(iter(assignments(world, case.id).values()))
    steps = (
        lambda who: review.review(world.db, who, case_id=case.id, approve=True, expected_version=stale),
        lambda who: dispatch.add_co_handler(world.db, who, case_id=case.id, department_id=world.departments["power"],
                                            reason="需供电部门配合", expected_version=stale),
    )
    for step in steps:
        with pytest.raises(PermissionDenied, match="中街|无权查看") as refused:
            step(world.stranger)
        assert case.number not in refused.value.message
    with pytest.raises(PermissionDenied) as refused:
        department.sign_for(world.db, world.market, assignment_id=share.id, expected_version=stale)
    assert case.number not in refused.value.message or "未派给" in refused.value.message
    with world.db.session() as s:
        denied = s.scalars(select(AuditEntry.actor).where(AuditEntry.outcome == AuditOutcome.DENIED)
                           .order_by(AuditEntry.id)).all()
    assert denied == ["op_zj", "op_zj", "liaison_scjg"]
    with pytest.raises(Conflict, match=case.number):  # one who may act is told, to reload
        review.review(world.db, world.operator, case_id=case.id, approve=True, expected_version=stale)


def test_undoing_a_merge_while_the_case_it_is_in_is_merged_on_does_not_deadlock(world):
    """unmerge(A out of B) and merge(B into C), which moves A on with B, lock their rows in one id order:
    one waits for the other and then sees its change, instead of each holding a row the other needs."""
    import threading

    if world.db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: two desks never hold row locks at once")

    a, b, c = (world.new_case(title=title).case for title in ("甲", "乙", "丙"))
    a = duplicates.merge(world.db, world.operator, case_id=a.id, into_case_id=b.id, expected_version=a.version)
    b_version = queries.case_detail(world.db, world.operator, b.id).case.version
    merge_holds_its_rows, unmerge_holds_a, outcomes = threading.Event(), threading.Event(), {}
    real_load, real_check = duplicates.load_case, duplicates.check_mergeable

    def load_case(uow, case_id, expected):  # the unmerge signals once it holds A
        case = real_load(uow, case_id, expected)
        if threading.current_thread().name == "unmerge" and case_id == a.id:
            unmerge_holds_a.set()
        return case

    def check_mergeable(*args, **kwargs):  # the merge, holding its rows, lets the unmerge start
        if threading.current_thread().name == "merge":
            merge_holds_its_rows.set()
            unmerge_holds_a.wait(3)
        return real_check(*args, **kwargs)

    def run(name, call):
        try:
            outcomes[name] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome under test
            outcomes[name] = exc

    duplicates.load_case, duplicates.check_mergeable = load_case, check_mergeable
    try:
        merge = threading.Thread(name="merge", target=run, args=("merge", lambda: duplicates.merge(
            world.db, world.operator, case_id=b.id, into_case_id=c.id, expected_version=b_version)))
        # Started first on a busy machine, the unmerge had finished before the merge began, which then found B
        # changed: the race under test is the unmerge starting while the merge holds its rows.
        unmerge = threading.Thread(name="unmerge", target=run, args=("unmerge", lambda: merge_holds_its_rows.wait(20)
                                   and duplicates.unmerge(world.db, world.operator, case_id=a.id, reason="误合并",
                                                          expected_version=a.version)))
        merge.start()
        unmerge.start()
        merge.join(20)
        unmerge.join(20)
    finally:
        duplicates.load_case, duplicates.check_mergeable = real_load, real_check
    assert not isinstance(outcomes["merge"], Exception), outcomes["merge"]
    # The unmerge waited for the merge, which moved A on with B: it is refused as stale, not as a deadlock.
    assert isinstance(outcomes["unmerge"], Conflict) and "已被" in str(outcomes["unmerge"]), outcomes["unmerge"]


@pytest.mark.law("Art. 18")
def test_waiting_on_the_center_lists_a_co_handlers_request_to_decide(world):
    """A co-handler's objection leaves the case in its lead's state (已派遣), yet the center owes the decision."""
    from desktop.services import queue

    def waiting():
        rows = queue.page(world.db, world.operator, queue.QueueFilter(under=TOWNSHIP, awaiting_center=True), 0, 50)
        return {r.id for r in rows}

    fresh = world.new_case().case  # to be dispatched: the center's
    case = dispatched(world, co=["market"], now=None)
    assert waiting() == {fresh.id}
    co = assignments(world, case.id)[AssignmentRole.CO].id
    case = department.raise_objection(world.db, world.market, assignment_id=co, reason="不属本局职责",
                                      expected_version=case.version)
    assert case.state is CaseState.DISPATCHED and waiting() == {fresh.id, case.id}


def test_undoing_a_merge_is_audited_against_the_case_taken_back_out(world):
    from desktop.models import AuditEntry

    duplicate = world.new_case(title="先受理的一件").case
    kept = world.new_case(title="后受理的一件").case  # the later id: loaded last under the id-ordered locks
    merged = duplicates.merge(world.db, world.operator, case_id=duplicate.id, into_case_id=kept.id,
                              expected_version=duplicate.version)
    duplicates.unmerge(world.db, world.operator, case_id=duplicate.id, reason="误合并", expected_version=merged.version)
    with world.db.session() as session:
        targets = set(session.scalars(select(AuditEntry.target).where(AuditEntry.action == "cases.unmerge")))
    assert targets == {f"case:{duplicate.id}"}
