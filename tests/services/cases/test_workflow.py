"""The case flow from dispatch to callback (Art. 17–20), and each refusal."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text

from desktop.errors import Conflict, InvalidTransition, LawRefusal, NotFound, PermissionDenied, ValidationFailed
from case_world import COUNTY, TOWNSHIP, TUESDAY, actor, assignments, at_once, dispatched, lead_objection_upheld
from lock_waits import run, wait_for_a_lock

from desktop.models import Assignment, Callback, Case, Escalation, Extension, Objection, Setting
from desktop.models.base import utcnow
from desktop.models.enums import (
    AssignmentRole,
    AssignmentState,
    CallbackOutcome,
    CaseState,
    Channel,
    HandlingLevel,
    MatterCategory,
    PlaceLevel,
    Role,
    Satisfaction,
    SupervisionLevel,
)
from desktop.services import queue
from desktop.services.clock import BEIJING, due_text_as_of
from desktop.services.unit_of_work import unit_of_work
from desktop.services.cases import (
    callbacks, department, dispatch, duplicates, hold, onspot_escalation, queries, review, supervision,
)
from desktop.services.cases.common import ACTION_ARTICLES, ASSIGNMENT_ACTIONS, CASE_ACTIONS

def detail(world, case_id, who=None):
    return queries.case_detail(world.db, who or world.operator, case_id)


def due_for_key_supervision(world, now=None) -> list[int]:
    """The township's cases the supervisor's queue lists under 待重点督办 (Art. 20(1))."""
    f = queue.QueueFilter(under=TOWNSHIP, key_supervision_due=True)
    return [row.id for row in queue.page(world.db, world.supervisor, f, 0, 100, now=now)]


@pytest.mark.law("Art. 18")
def test_dispatch_gives_lead_and_co_handlers_their_own_clocks(world):
    case = dispatched(world, co=["market"])
    assert case.state is CaseState.DISPATCHED
    shares = assignments(world, case.id)
    lead, co = shares[AssignmentRole.LEAD], shares[AssignmentRole.CO]
    beijing = timezone(timedelta(hours=8))
    # sign and contact within 1 working day (Wed 24:00), handle within 5 (next Tue 24:00)
    assert lead.sign_due_at == datetime(2026, 6, 11, 0, 0, tzinfo=beijing)
    assert lead.due_at == datetime(2026, 6, 17, 0, 0, tzinfo=beijing) == case.due_at
    assert co.due_at == lead.due_at and co.department_id == world.departments["market"]


def test_urgent_items_run_in_hours_and_minutes(world):
    case = dispatched(world, matter_item_id=world.items["outage"])
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    assert lead.sign_due_at - lead.dispatched_at == timedelta(minutes=30)
    assert lead.due_at - lead.dispatched_at == timedelta(hours=24)


@pytest.mark.law("Art. 18")
def test_dispatch_suggestion_ranks_the_listed_department_first_then_by_level(world):
    # Competence first (职权法定): the matter list names the county's market bureau for a food-safety
    # item; then the township's own departments (the matter arises there), then upward.
    case = world.new_case(matter_item_id=world.items["food"]).case
    ranked = dispatch.suggest_departments(world.db, world.operator, case.id)
    assert [s.name for s in ranked] == ["银海区市场监管局", "侨港派出所", "银海区城管局", "北海供电局"]
    assert "中街街道办" not in [s.name for s in ranked]  # another township's office does not cover it
    assert any("事项清单" in reason for reason in ranked[0].reasons)
    assert "层级相符" in ranked[1].reasons[0]


def test_dispatch_suggestion_puts_the_listed_department_first_then_the_handling_level(world):
    # Escalated to the county: the listed department, then the county's own, the township's last.
    case = world.new_case(channel=Channel.GRID_STAFF, matter_item_id=world.items["food"]).case
    for reason in ("网格无法处理", "涉及县级部门"):
        case = onspot_escalation.escalate(world.db, world.operator, case_id=case.id, reason=reason,
                                          expected_version=case.version)
    assert case.level is HandlingLevel.COUNTY
    ranked = dispatch.suggest_departments(world.db, world.operator, case.id)
    assert [s.name for s in ranked] == ["银海区市场监管局", "银海区城管局", "北海供电局", "侨港派出所"]


@pytest.mark.law("Art. 17")
def test_only_a_department_grounded_in_the_matter_item_is_recommended(world):
    """职权法定 (Art. 17(1)): the item's department is recommended, and so preset as the lead. Level and territory
    alone fit any local office (the power company as well as the police station): a case with no matter item has
    its list ordered but recommends none, nor does a case whose listed department's objection was upheld."""
    listed = world.new_case(matter_item_id=world.items["food"]).case
    ranked = dispatch.suggest_departments(world.db, world.operator, listed.id)
    assert [(s.name, s.recommended) for s in ranked][:2] == [("银海区市场监管局", True), ("侨港派出所", False)]
    unlisted = world.new_case(title="海边栈道栏杆松动", category=MatterCategory.SAFETY_RISK).case
    ranked = dispatch.suggest_departments(world.db, world.operator, unlisted.id)
    assert ranked[0].name == "侨港派出所" and not any(s.recommended for s in ranked)  # the township's own first
    objected = lead_objection_upheld(world, co=())  # the police station, listed for the dispute item
    assert not any(s.recommended for s in dispatch.suggest_departments(world.db, world.operator, objected.id))


@pytest.mark.law("Art. 18")
def test_a_suggestion_recommending_no_lead_says_why(world):
    """No item names a department for the case, or the one it names had its objection to the case's
    jurisdiction upheld (Art. 18(2)): the operator is told which, not that the list names none."""
    def why(case):
        return dispatch.no_recommendation(dispatch.suggest_departments(world.db, world.operator, case.id))

    assert why(world.new_case(matter_item_id=world.items["food"]).case) is None
    unlisted = world.new_case(title="海边栈道栏杆松动", category=MatterCategory.SAFETY_RISK).case
    assert why(unlisted) is dispatch.NoRecommendation.NOT_LISTED
    assert why(lead_objection_upheld(world, co=())) is dispatch.NoRecommendation.OBJECTED


@pytest.mark.law("Art. 17")
def test_never_a_double_dispatch(world):
    case = dispatched(world)
    with pytest.raises(InvalidTransition, match=r"不能派遣.*\(Art. 17\)$"):
        dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["market"],
                          expected_version=case.version)


def test_every_step_of_the_state_table_cites_its_article():
    """Each refusal for a wrong state names the article that provides for the step (Art. 5, 17–20)."""
    steps = set(CASE_ACTIONS) | set(ASSIGNMENT_ACTIONS)
    assert steps <= set(ACTION_ARTICLES)
    assert set(ACTION_ARTICLES.values()) == {"Art. 5", "Art. 17", "Art. 18", "Art. 19", "Art. 20"}


@pytest.mark.law("Art. 5")
def test_escalation_and_assignment_down_are_refused_citing_article_5(world):
    """Which center handles a case, the one above that a level reports up to or the one below that it is
    assigned down to, is Art. 5's; the refusals had cited Art. 17, whose reporting up is grid staff's."""
    case = dispatched(world)
    with pytest.raises(InvalidTransition, match=r"不能上报.*\(Art. 5\)$"):
        onspot_escalation.escalate(world.db, world.operator, case_id=case.id, reason="涉及多部门",
                                   expected_version=case.version)
    with pytest.raises(InvalidTransition, match=r"不能下派.*\(Art. 5\)$"):
        onspot_escalation.assign_down(world.db, world.operator, case_id=case.id, to_level=HandlingLevel.GRID,
                                      reason="请网格员协助", expected_version=case.version)
    case = world.new_case().case
    with pytest.raises(InvalidTransition, match=r"在乡镇\(街道\)办理,只能下派到更低的层级\(Art. 5\)$"):
        onspot_escalation.assign_down(world.db, world.operator, case_id=case.id, to_level=HandlingLevel.COUNTY,
                                      reason="请县级办理", expected_version=case.version)


def test_dispatch_refusals(world):
    case = world.new_case().case
    with pytest.raises(PermissionDenied, match="派遣"):
        dispatch.dispatch(world.db, world.stranger, case_id=case.id, lead_department_id=world.departments["police"],
                          expected_version=case.version)
    with pytest.raises(PermissionDenied):  # a liaison does not dispatch
        dispatch.dispatch(world.db, world.police, case_id=case.id, lead_department_id=world.departments["police"],
                          expected_version=case.version)
    with pytest.raises(ValidationFailed, match="协办"):
        dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["police"],
                          co_department_ids=[world.departments["police"]], expected_version=case.version)


@pytest.mark.law("Art. 19")
def test_full_flow_from_dispatch_to_callback(world):
    db, op, police, market = world.db, world.operator, world.police, world.market
    case = dispatched(world, co=["market"])
    shares = assignments(world, case.id)
    lead_id, co_id = shares[AssignmentRole.LEAD].id, shares[AssignmentRole.CO].id

    case = department.sign_for(db, police, assignment_id=lead_id, expected_version=case.version,
                               now=TUESDAY + timedelta(minutes=10))
    assert case.state is CaseState.SIGNED
    case = department.contact_requester(db, police, assignment_id=lead_id, note="电话联系陈先生,约定上门",
                                        expected_version=case.version, now=TUESDAY + timedelta(minutes=20))
    assert case.state is CaseState.HANDLING
    case = department.stage_report(db, police, assignment_id=lead_id, content="已约谈双方", expected_version=case.version,
                                   now=TUESDAY + timedelta(minutes=30))
    # Art. 18(1): the lead waits for its co-handler's report
    with pytest.raises(InvalidTransition, match="银海区市场监管局 尚未向主办单位报送"):
        department.report_result(db, police, assignment_id=lead_id, result="已调解", expected_version=case.version,
                                 now=TUESDAY + timedelta(minutes=40))
    case = department.sign_for(db, market, assignment_id=co_id, expected_version=case.version,
                               now=TUESDAY + timedelta(minutes=50))
    case = department.report_result(db, market, assignment_id=co_id, result="施工单位已整改",
                                    expected_version=case.version, now=TUESDAY + timedelta(minutes=60))
    assert case.state is CaseState.HANDLING  # a co-handler's report goes to the lead, not the case
    case = department.report_result(db, police, assignment_id=lead_id, result="双方达成协议,夜间停工",
                                    expected_version=case.version, now=TUESDAY + timedelta(minutes=70))
    assert case.state is CaseState.REPORTED
    assert "review" in detail(world, case.id).actions

    case = review.review(db, op, case_id=case.id, approve=False, comment="未附协议", expected_version=case.version,
                         now=TUESDAY + timedelta(minutes=80))
    assert case.state is CaseState.SENT_BACK
    case = department.report_result(db, police, assignment_id=lead_id, result="已附调解协议",
                                    expected_version=case.version, now=TUESDAY + timedelta(minutes=90))
    case = review.review(db, op, case_id=case.id, approve=True, expected_version=case.version,
                         now=TUESDAY + timedelta(minutes=100))
    assert case.state is CaseState.CLOSED and case.due_at is None
    assert {a.state for a in assignments(world, case.id).values()} == {AssignmentState.DONE}

    # Art. 20: a callback falls due within 3 working days of closing
    due = callbacks.due_callbacks(db, op)
    assert [c.case_id for c in due] == [case.id]
    # Art. 15, 20: the operator who is to call the requester back sees a number to dial; once the
    # callback is made the number is masked again for someone without VIEW_SENSITIVE.
    assert callbacks.numbers_to_dial(db, op, due[0].id).requester_phone == "13807790001"
    assert detail(world, case.id, op).requester_phone == "13807790001"
    case = callbacks.record_callback(db, op, callback_id=due[0].id, solved=True, satisfaction=Satisfaction.SATISFIED)
    assert case.state is CaseState.CLOSED and callbacks.due_callbacks(db, op) == []
    assert detail(world, case.id, op).requester_phone == "138****0001"
    assert detail(world, case.id, world.police).requester_phone == "138****0001"  # its share is finished

    kinds = [e.kind for e in detail(world, case.id).events]
    assert kinds == ["received", "routed", "dispatched", "signed", "contacted", "stage_report", "signed",
                     "co_reported", "result_reported", "sent_back", "result_reported", "closed", "callback"]


@pytest.mark.law("Art. 19")
def test_the_departments_handling_a_case_see_the_requesters_number_an_operator_does_not(world):
    """Art. 19(1): a department handling its share contacts the requester — it needs the whole number;
    an operator without VIEW_SENSITIVE sees it masked (Art. 15)."""
    case = dispatched(world, co=("market",))
    shares = assignments(world, case.id)
    case = department.sign_for(world.db, world.police, assignment_id=shares[AssignmentRole.LEAD].id,
                               expected_version=case.version, now=TUESDAY + timedelta(minutes=10))
    department.sign_for(world.db, world.market, assignment_id=shares[AssignmentRole.CO].id,
                        expected_version=case.version, now=TUESDAY + timedelta(minutes=20))
    assert detail(world, case.id, world.police).requester_phone == "13807790001"
    assert detail(world, case.id, world.market).requester_phone == "13807790001"
    assert detail(world, case.id, world.operator).requester_phone == "138****0001"


@pytest.mark.law("Art. 15")
def test_only_the_assigned_departments_liaison_may_act(world):
    case = dispatched(world)
    lead_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    with pytest.raises(PermissionDenied, match="不是 侨港派出所 的联络员"):
        department.sign_for(world.db, world.market, assignment_id=lead_id, expected_version=case.version)
    with pytest.raises(PermissionDenied):  # an operator lacks HANDLE
        department.sign_for(world.db, world.operator, assignment_id=lead_id, expected_version=case.version)


@pytest.mark.law("Art. 19")
def test_result_before_contacting_the_requester_is_refused(world):
    case = dispatched(world)
    lead_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    case = department.sign_for(world.db, world.police, assignment_id=lead_id, expected_version=case.version,
                               now=TUESDAY + timedelta(minutes=10))
    with pytest.raises(LawRefusal, match="Art. 19"):
        department.report_result(world.db, world.police, assignment_id=lead_id, result="已处理",
                                 expected_version=case.version, now=TUESDAY + timedelta(minutes=20))


@pytest.mark.law("Art. 18")
@pytest.mark.law("Art. 19")
def test_the_panel_says_what_comes_before_a_leads_result_before_anything_is_typed(world):
    """反馈办理结果 asked for the result (and, past the deadline, the reason it was late) and only then said
    that the requester was not contacted yet, or a co-handler had not reported: the case detail says so
    with the button, and the service says it before asking for a late result's reason."""
    case = dispatched(world, co=["market"])
    shares = assignments(world, case.id)
    lead_id, co_id = shares[AssignmentRole.LEAD].id, shares[AssignmentRole.CO].id
    case = department.sign_for(world.db, world.police, assignment_id=lead_id, expected_version=case.version,
                               now=TUESDAY + timedelta(minutes=10))
    shown = detail(world, case.id, world.police)
    assert "report_result" in shown.actions
    assert dict(shown.not_yet)["report_result"] == (f"案件 {case.number} 尚未联系诉求人;请先联系诉求人了解具体诉求,"
                                                   "再反馈办理结果(Art. 19)")
    late = shares[AssignmentRole.LEAD].due_at + timedelta(hours=1)
    with pytest.raises(LawRefusal, match="尚未联系诉求人"):  # not "say why it is late" first
        department.report_result(world.db, world.police, assignment_id=lead_id, result="已处理",
                                 expected_version=case.version, now=late)
    case = department.contact_requester(world.db, world.police, assignment_id=lead_id, note="已电话联系",
                                        expected_version=case.version, now=TUESDAY + timedelta(minutes=20))
    assert dict(detail(world, case.id, world.police).not_yet)["report_result"] == (
        "协办单位 银海区市场监管局 尚未向主办单位报送办理结果,请待其报送;之后再反馈办理结果(Art. 18)")
    case = department.sign_for(world.db, world.market, assignment_id=co_id, expected_version=case.version,
                               now=TUESDAY + timedelta(minutes=30))
    # A co-handler reports whenever it works on it (its deadline, long past here, is for an extension only).
    assert "report_result" not in dict(detail(world, case.id, world.market).not_yet)
    case = department.report_result(world.db, world.market, assignment_id=co_id, result="已整改",
                                    expected_version=case.version, now=TUESDAY + timedelta(minutes=40))
    assert "report_result" not in dict(detail(world, case.id, world.police).not_yet)


@pytest.mark.law("Art. 19")
@pytest.mark.law("Art. 20")
def test_wrong_state_is_refused(world):
    """A step the case or the share is not in a state to take is refused citing the article that
    provides for the step: contacting the requester before signing for the share (Art. 19(1)), and
    reviewing a case that has fed back no result (Art. 20)."""
    case = dispatched(world)
    lead_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    with pytest.raises(InvalidTransition, match=r"承办任务尚未签收,不能联系诉求人;请先签收\(Art. 18\)$"):
        department.contact_requester(world.db, world.police, assignment_id=lead_id, note="x",
                                     expected_version=case.version)
    with pytest.raises(InvalidTransition, match=r"不能核查;.*请重新查看案件当前状态\(Art. 20\)$"):
        review.review(world.db, world.operator, case_id=case.id, approve=True, expected_version=case.version)


@pytest.mark.law("Art. 19")
def test_extension_at_most_once_and_at_most_the_original_limit(world):
    case = dispatched(world)
    lead_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    case = department.sign_for(world.db, world.police, assignment_id=lead_id, expected_version=case.version,
                               now=TUESDAY + timedelta(minutes=10))
    with pytest.raises(ValidationFailed, match="不能超过原办理时限"):
        department.request_extension(world.db, world.police, assignment_id=lead_id, reason="需鉴定", amount=6,
                                     expected_version=case.version, now=TUESDAY + timedelta(minutes=20))
    case = department.request_extension(world.db, world.police, assignment_id=lead_id, reason="需第三方鉴定",
                                        amount=3, expected_version=case.version, now=TUESDAY + timedelta(minutes=30))
    assert case.state is CaseState.EXTENSION_PENDING
    with world.db.session() as s:
        ext_id = s.scalar(select(Extension.id))
    case = review.decide_extension(world.db, world.operator, extension_id=ext_id, approve=True,
                                   expected_version=case.version, now=TUESDAY + timedelta(hours=1))
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    beijing = timezone(timedelta(hours=8))
    # 3 more working days after Tue 16th: Wed 17, Thu 18, (Fri 19 is the Dragon Boat Festival) Mon 22
    assert lead.due_at == datetime(2026, 6, 23, 0, 0, tzinfo=beijing) == case.due_at
    assert lead.original_due_at == datetime(2026, 6, 17, 0, 0, tzinfo=beijing)
    with pytest.raises(InvalidTransition, match="只能延期一次"):
        department.request_extension(world.db, world.police, assignment_id=lead_id, reason="再延", amount=1,
                                     expected_version=case.version, now=TUESDAY + timedelta(minutes=40))


@pytest.mark.law("Art. 19")
def test_the_center_decides_a_request_knowing_what_it_asks_and_not_once_its_share_is_finished(world):
    """Art. 19(2): the co-handler asks for more time; the decision shows who asks what and why.
    Put on hold meanwhile, the case's shares are finished: nothing is left to decide, and a
    decision must not bring the share back to work."""
    case = dispatched(world, co=("market",))
    co_id = assignments(world, case.id)[AssignmentRole.CO].id
    case = department.sign_for(world.db, world.market, assignment_id=co_id, expected_version=case.version,
                               now=TUESDAY + timedelta(minutes=10))
    case = department.request_extension(world.db, world.market, assignment_id=co_id, reason="需等待检测报告",
                                        amount=2, expected_version=case.version, now=TUESDAY + timedelta(minutes=20))
    asked = detail(world, case.id).pending_extension
    assert asked.text == "银海区市场监管局 申请延期 2 工作日:需等待检测报告"
    case = hold.put_on_hold(world.db, world.operator, case_id=case.id, reason="待片区拆迁",
                            explanation="已向诉求人说明拆迁计划", expected_version=case.version)
    shown = detail(world, case.id)
    assert shown.pending_extension is None and "decide_extension" not in shown.actions
    with pytest.raises(InvalidTransition, match="该申请无需再处理"):
        review.decide_extension(world.db, world.operator, extension_id=asked.id, approve=True,
                                expected_version=case.version, now=TUESDAY + timedelta(minutes=30))
    assert assignments(world, case.id)[AssignmentRole.CO].state is AssignmentState.DONE


def signed_with_the_clock_pausing(world):
    """A case signed for by its lead, the clock set to stand still while requests are decided."""
    with world.db.session() as s:
        s.add(Setting(key="clock.pause_while_deciding", value=True))
        s.commit()
    case = dispatched(world)
    lead_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    return department.sign_for(world.db, world.police, assignment_id=lead_id, expected_version=case.version), lead_id


def test_clock_pauses_while_an_extension_is_decided_when_configured(world):
    case, lead_id = signed_with_the_clock_pausing(world)
    before = assignments(world, case.id)[AssignmentRole.LEAD].due_at
    case = department.request_extension(world.db, world.police, assignment_id=lead_id, reason="需鉴定", amount=2,
                                        expected_version=case.version, now=TUESDAY)
    assert detail(world, case.id).assignments[0].paused
    # The clock stands still: the case has no running deadline, so it is not counted overdue meanwhile.
    assert case.due_at is None
    overdue = queue.page(world.db, world.operator, queue.QueueFilter(overdue_only=True), 0, 100,
                         now=before + timedelta(days=3))
    assert case.id not in [row.id for row in overdue]
    with world.db.session() as s:
        ext_id = s.scalar(select(Extension.id))
    case = review.decide_extension(world.db, world.operator, extension_id=ext_id, approve=False, comment="材料齐全,可按期办结",
                                   expected_version=case.version, now=TUESDAY + timedelta(hours=5))
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    assert (lead.due_at - before, lead.paused_seconds, lead.paused_since) == (timedelta(hours=5), 5 * 3600, None)
    assert lead.state is AssignmentState.SIGNED and case.state is CaseState.SIGNED and case.due_at == lead.due_at


@pytest.mark.law("Art. 20")
def test_an_objection_raised_after_the_deadline_does_not_stop_the_clock_nor_hide_the_case_as_overdue(world):
    """Nothing is left to keep on an overdue share: the case stays overdue, and on the list for key
    supervision, while its objection is decided (Art. 20(1)). An extension is no longer asked
    then: the share reports how far it got and why it is late (Art. 18(1))."""
    case, lead_id = signed_with_the_clock_pausing(world)
    due = assignments(world, case.id)[AssignmentRole.LEAD].due_at
    late = due + timedelta(days=1)
    with pytest.raises(InvalidTransition, match=r"办理期限已于 2026-06-16 24:00 届满,不能再申请延期.*Art. 18"):
        department.request_extension(world.db, world.police, assignment_id=lead_id, reason="需鉴定", amount=2,
                                     expected_version=case.version, now=late)
    case = department.raise_objection(world.db, world.police, assignment_id=lead_id, reason="属市场监管职责",
                                      expected_version=case.version, now=late)
    assert not detail(world, case.id).assignments[0].paused and case.due_at == due
    overdue = queue.page(world.db, world.operator, queue.QueueFilter(overdue_only=True), 0, 100, now=late)
    assert case.id in [row.id for row in overdue]
    assert case.id in due_for_key_supervision(world, late)
    with world.db.session() as s:
        assert s.scalar(select(Objection.paused_clock)) is False
        assert s.scalar(select(func.count()).select_from(Extension)) == 0


@pytest.mark.law("Art. 18")
def test_upheld_objection_sends_the_case_back_for_redispatch(world):
    case = dispatched(world)
    lead_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    case = department.raise_objection(world.db, world.police, assignment_id=lead_id, reason="属市场监管职责",
                                      expected_version=case.version)
    assert case.state is CaseState.OBJECTION_PENDING
    assert "decide_objection" in detail(world, case.id).actions
    with world.db.session() as s:
        objection_id = s.scalar(select(Objection.id))
    case = review.decide_objection(world.db, world.operator, objection_id=objection_id, approve=True,
                                   expected_version=case.version)
    assert (case.state, case.due_at) == (CaseState.REGISTERED, None)
    case = dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["market"],
                             expected_version=case.version)
    assert case.state is CaseState.DISPATCHED


@pytest.mark.law("Art. 18")
def test_a_case_closed_without_review_withdraws_the_co_handlers_left_by_an_upheld_objection(world):
    """The lead's objection upheld sends the case back with its co-handler's share still running;
    resolved on the spot then, that share is withdrawn — no department keeps a closed case."""
    case = dispatched(world, co=("market",), channel=Channel.GRID_STAFF)
    lead_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    case = department.raise_objection(world.db, world.police, assignment_id=lead_id, reason="属市场监管职责",
                                      expected_version=case.version)
    with world.db.session() as s:
        objection_id = s.scalar(select(Objection.id))
    case = review.decide_objection(world.db, world.operator, objection_id=objection_id, approve=True,
                                   expected_version=case.version)
    assert assignments(world, case.id)[AssignmentRole.CO].state is AssignmentState.DISPATCHED
    case = onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="网格长现场调解",
                                             expected_version=case.version)
    co = assignments(world, case.id)[AssignmentRole.CO]
    assert (case.state, co.state, co.finished_at is not None) == (CaseState.RESOLVED_ON_SPOT,
                                                                  AssignmentState.WITHDRAWN, True)


@pytest.mark.law("Art. 17")
def test_on_the_spot_resolution_closes_and_schedules_a_callback(world):
    case = world.new_case(channel=Channel.GRID_STAFF).case
    assert "resolve_on_spot" in detail(world, case.id).actions
    assert "resolve_on_spot" not in dict(detail(world, case.id).not_yet)
    case = onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="网格长现场调解",
                                             expected_version=case.version)
    assert case.state is CaseState.RESOLVED_ON_SPOT
    assert [c.case_id for c in callbacks.due_callbacks(world.db, world.operator)] == [case.id]


@pytest.mark.law("Art. 13")
def test_off_list_matter_is_not_handed_to_grid_staff(world):
    case = world.new_case(channel=Channel.GRID_STAFF, matter_item_id=world.items["food"]).case
    # The case panel says so on the button, before a result is typed for the service to refuse.
    why = dict(detail(world, case.id).not_yet)["resolve_on_spot"]
    assert "未列为网格工作人员办理或者协助的事项" in why and why.endswith("(Art. 13)")
    unlisted = world.new_case(channel=Channel.GRID_STAFF, category=MatterCategory.DISPUTE).case
    assert dict(detail(world, unlisted.id).not_yet)["resolve_on_spot"].startswith("未指定事项清单中的事项")
    with pytest.raises(LawRefusal, match="Art. 13"):
        onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已处理",
                                          expected_version=case.version)
    case = onspot_escalation.escalate(world.db, world.operator, case_id=case.id, reason="网格无法处理",
                                      expected_version=case.version)
    with pytest.raises(LawRefusal, match="在现行清单内,但未列为网格工作人员办理或者协助的事项"):
        onspot_escalation.assign_down(world.db, world.operator, case_id=case.id, to_level=HandlingLevel.GRID,
                                      reason="请网格员协助", expected_version=case.version)


@pytest.mark.law("Art. 5")
@pytest.mark.law("Art. 17")  # the first step up: grid staff report what they cannot settle (Art. 17(2))
def test_escalation_up_the_ladder_and_assignment_down(world):
    county_op = actor("op_yh", Role.OPERATOR, COUNTY, PlaceLevel.COUNTY)
    case = world.new_case(channel=Channel.GRID_STAFF).case
    case = onspot_escalation.escalate(world.db, world.operator, case_id=case.id, reason="网格无法解决",
                                      expected_version=case.version)
    case = onspot_escalation.escalate(world.db, world.operator, case_id=case.id, reason="涉及多部门",
                                      expected_version=case.version)
    assert (case.level, case.state) == (HandlingLevel.COUNTY, CaseState.ESCALATED)
    # The township follows it there and is told whose it is; the county has it to handle.
    assert detail(world, case.id).handled_above == "银海区" and not detail(world, case.id).actions
    assert detail(world, case.id, county_op).handled_above is None
    with pytest.raises(PermissionDenied):  # the township may not act for the county
        onspot_escalation.escalate(world.db, world.operator, case_id=case.id, reason="再上报",
                                   expected_version=case.version)
    case = onspot_escalation.assign_down(world.db, county_op, case_id=case.id, to_level=HandlingLevel.TOWNSHIP,
                                         reason="由乡镇牵头", expected_version=case.version)
    assert (case.level, case.state) == (HandlingLevel.TOWNSHIP, CaseState.REGISTERED)
    assert detail(world, case.id).handled_above is None
    with world.db.session() as s:
        steps = [(e.from_level, e.to_level) for e in s.scalars(select(Escalation).order_by(Escalation.id))]
    assert steps == [(HandlingLevel.GRID, HandlingLevel.TOWNSHIP), (HandlingLevel.TOWNSHIP, HandlingLevel.COUNTY),
                     (HandlingLevel.COUNTY, HandlingLevel.TOWNSHIP)]


@pytest.mark.law("Art. 19")
def test_hold_needs_reason_and_explanation_and_is_called_back_monthly(world):
    case = dispatched(world)
    with pytest.raises(ValidationFailed, match="explanation"):
        hold.put_on_hold(world.db, world.operator, case_id=case.id, reason="待拆迁", explanation="",
                         expected_version=case.version)
    case = hold.put_on_hold(world.db, world.operator, case_id=case.id, reason="待片区拆迁",
                            explanation="已向诉求人说明拆迁计划", expected_version=case.version)
    assert case.state is CaseState.ON_HOLD and case.due_at is None
    with world.db.session() as s:
        callback = s.scalar(select(Callback))
        assert timedelta(days=29) < callback.due_at - utcnow() <= timedelta(days=30)
    # Key supervision is the supervisor's (Art. 20), also when a callback asks for it.
    case = callbacks.record_callback(world.db, world.supervisor, callback_id=callback.id, solved=False,
                                     satisfaction=Satisfaction.BASICALLY, outcome=CallbackOutcome.SUPERVISE)
    assert (case.state, case.supervision) == (CaseState.ON_HOLD, SupervisionLevel.KEY)
    assert len(callbacks.due_callbacks(world.db, world.operator)) == 1  # the next monthly one


@pytest.mark.law("Art. 20")
def test_unsatisfied_callback_must_reopen_or_supervise_and_reopening_brings_a_new_callback(world):
    case = world.new_case(channel=Channel.GRID_STAFF).case
    case = onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已劝导",
                                             expected_version=case.version)
    callback_id = callbacks.due_callbacks(world.db, world.operator)[0].id
    with pytest.raises(ValidationFailed, match="Art. 20"):
        callbacks.record_callback(world.db, world.operator, callback_id=callback_id, solved=False,
                                  satisfaction=Satisfaction.UNSATISFIED)
    case = callbacks.record_callback(world.db, world.operator, callback_id=callback_id, solved=False,
                                     satisfaction=Satisfaction.UNSATISFIED, notes="噪音仍在",
                                     outcome=CallbackOutcome.REOPEN)
    assert (case.state, detail(world, case.id).case.state) == (CaseState.REOPENED, CaseState.REOPENED)
    case = dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["police"],
                             expected_version=case.version)
    lead_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    for step in (lambda v: department.sign_for(world.db, world.police, assignment_id=lead_id, expected_version=v),
                 lambda v: department.contact_requester(world.db, world.police, assignment_id=lead_id, note="上门",
                                                        expected_version=v),
                 lambda v: department.report_result(world.db, world.police, assignment_id=lead_id, result="已停工",
                                                    expected_version=v),
                 lambda v: review.review(world.db, world.operator, case_id=case.id, approve=True, expected_version=v)):
        case = step(case.version)
    assert [c.case_id for c in callbacks.due_callbacks(world.db, world.operator)] == [case.id]


@pytest.mark.law("Art. 20")
def test_a_case_closed_any_way_ends_its_supervision_and_reopened_may_get_key_supervision_again(world):
    """Art. 20(1): 督办 pushes an open case. Resolved on the spot, its orders close and its mark goes;
    reopened, it is unresolved again and is offered for key supervision anew."""
    case = world.new_case(channel=Channel.GRID_STAFF).case
    case = supervision.supervise(world.db, world.supervisor, case_id=case.id, level=SupervisionLevel.KEY,
                                 reason="群众多次反映", expected_version=case.version)
    case = onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="网格长现场调解",
                                             expected_version=case.version)
    assert case.supervision is SupervisionLevel.NONE
    assert [o.closed_at is not None for o in detail(world, case.id).supervision_orders] == [True]
    case = review.reopen(world.db, world.supervisor, case_id=case.id, reason="问题复发", expected_version=case.version)
    assert case.id in due_for_key_supervision(world)


def test_reopening_a_held_case_takes_up_its_hold_no_more(world):
    case = dispatched(world)
    case = hold.put_on_hold(world.db, world.operator, case_id=case.id, reason="待片区拆迁",
                            explanation="已向诉求人说明拆迁计划", expected_version=case.version)
    case = review.reopen(world.db, world.supervisor, case_id=case.id, reason="拆迁已完成", expected_version=case.version)
    shown = detail(world, case.id)
    assert (shown.case.state, shown.hold_reason, shown.hold_explanation) == (CaseState.REOPENED, None, None)
    assert "待片区拆迁" in " ".join(e.message for e in shown.events)  # the timeline keeps why it was held


def held_and_reopened(world, case):
    """The case put on hold, then taken up again; its lead share as that leaves it."""
    case = hold.put_on_hold(world.db, world.operator, case_id=case.id, reason="待片区拆迁",
                            explanation="已向诉求人说明拆迁计划", expected_version=case.version)
    review.reopen(world.db, world.supervisor, case_id=case.id, reason="拆迁已完成", expected_version=case.version)
    return assignments(world, case.id)[AssignmentRole.LEAD]


@pytest.mark.law("Art. 19")
def test_a_round_stopped_by_a_hold_is_not_counted_handled_on_time_once_the_case_is_taken_up_again(world):
    """Art. 19(2): held in time, the round is set aside on reopening (its share withdrawn, not counted
    on time); held when already overdue, it stays counted late."""
    from desktop.services.evaluation.scores import evaluate

    in_time = held_and_reopened(world, dispatched(world, now=utcnow() - timedelta(hours=1)))
    overdue = held_and_reopened(world, dispatched(world, now=TUESDAY))
    assert (in_time.state, overdue.state) == (AssignmentState.WITHDRAWN, AssignmentState.DONE)
    police = world.departments["police"]
    for due in (in_time.due_at, overdue.due_at):
        month = due.astimezone(BEIJING).strftime("%Y-%m")
        evaluation = evaluate(world.db, world.system, month, "department", as_of=utcnow() + timedelta(days=400))
        on_time = evaluation.subject(police).figure("on_time")
        assert (on_time.numerator, on_time.denominator) == ((0, 0) if due == in_time.due_at else (0, 1))


@pytest.mark.law("Art. 18")
def test_a_sign_for_missed_before_the_share_was_withdrawn_still_counts_as_missed(world):
    """Withdrawn unsigned before its sign-for fell due, a share was never the department's to sign;
    withdrawn after (a hold taken up again, an objection raised late), it was missed."""
    from desktop.services.evaluation.scores import evaluate

    missed = dispatched(world, now=utcnow() - timedelta(hours=2))
    with world.db.session() as s:  # its sign-for fell due an hour ago, unsigned
        s.get(Assignment, assignments(world, missed.id)[AssignmentRole.LEAD].id).sign_due_at = utcnow() - timedelta(hours=1)
        s.commit()
    missed = held_and_reopened(world, missed)
    in_time = held_and_reopened(world, dispatched(world, now=utcnow() - timedelta(hours=1)))
    assert (missed.state, in_time.state) == (AssignmentState.WITHDRAWN, AssignmentState.WITHDRAWN)
    later = utcnow() + timedelta(days=400)
    months = {share.sign_due_at.astimezone(BEIJING).strftime("%Y-%m") for share in (missed, in_time)}
    responses = [evaluate(world.db, world.system, month, "department", as_of=later)
                 .subject(world.departments["police"]).figure("response") for month in sorted(months)]
    assert sum(r.denominator for r in responses) == 1 and sum(r.numerator for r in responses) == 0


@pytest.mark.law("Art. 20")
def test_two_desks_recording_one_callback_record_it_once(world, backend, monkeypatch):
    """The other desk records the same callback and commits while this one reads it: this one,
    waiting for the case, must see that and refuse, not record a second answer."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    case = world.new_case(channel=Channel.GRID_STAFF).case
    onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已劝导",
                                      expected_version=case.version)
    callback_id = callbacks.due_callbacks(world.db, world.operator)[0].id
    lock_case = callbacks.load_case

    def other_desk_records_first(uow, case_id, expected_version):
        monkeypatch.setattr(callbacks, "load_case", lock_case)
        callbacks.record_callback(world.db, world.supervisor, callback_id=callback_id, reached=False)
        return lock_case(uow, case_id, expected_version)

    monkeypatch.setattr(callbacks, "load_case", other_desk_records_first)
    with pytest.raises(InvalidTransition, match="这次回访已记录"):
        callbacks.record_callback(world.db, world.operator, callback_id=callback_id, solved=True,
                                  satisfaction=Satisfaction.SATISFIED)
    with world.db.session() as s:
        assert len(s.scalars(select(Callback).where(Callback.case_id == case.id)).all()) == 2  # done + the retry


@pytest.mark.law("Art. 20")
def test_a_callback_dropped_by_a_reopening_on_another_desk_is_refused_by_name(world, backend, monkeypatch):
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    case = world.new_case(channel=Channel.GRID_STAFF).case
    case = onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已劝导",
                                             expected_version=case.version)
    callback_id = callbacks.due_callbacks(world.db, world.operator)[0].id
    lock_case = callbacks.load_case

    def other_desk_reopens_first(uow, case_id, expected_version):
        monkeypatch.setattr(callbacks, "load_case", lock_case)
        review.reopen(world.db, world.supervisor, case_id=case_id, reason="问题复发", expected_version=case.version)
        return lock_case(uow, case_id, expected_version)

    monkeypatch.setattr(callbacks, "load_case", other_desk_reopens_first)
    with pytest.raises(NotFound, match="这次回访已不存在.案件已重办"):
        callbacks.record_callback(world.db, world.operator, callback_id=callback_id, solved=True,
                                  satisfaction=Satisfaction.SATISFIED)


@pytest.mark.law("Art. 20")
def test_the_workbench_lists_the_callbacks_of_the_cases_the_centre_handles_now(world):
    """A case escalated to the county is called back by the county's centre: the township's
    workbench does not offer what recording would then refuse."""
    county_op = actor("op_yh", Role.OPERATOR, COUNTY, PlaceLevel.COUNTY)
    case = world.new_case(channel=Channel.GRID_STAFF).case
    for reason in ("网格无法解决", "涉及多部门"):
        case = onspot_escalation.escalate(world.db, world.operator, case_id=case.id, reason=reason,
                                          expected_version=case.version)
    with world.db.session() as s:
        s.add(Callback(case_id=case.id, due_at=utcnow()))
        s.commit()
    assert callbacks.due_callbacks(world.db, world.operator) == []
    assert [c.case_id for c in callbacks.due_callbacks(world.db, county_op)] == [case.id]


@pytest.mark.law("Art. 20")
def test_supervision_orders_and_key_supervision_candidates(world):
    case = dispatched(world)
    with pytest.raises(PermissionDenied):  # an operator does not issue 督办
        supervision.supervise(world.db, world.operator, case_id=case.id, level=SupervisionLevel.GENERAL,
                              reason="进度慢", expected_version=case.version)
    later = TUESDAY + timedelta(days=30)
    assert due_for_key_supervision(world, later) == [case.id]
    case = supervision.supervise(world.db, world.supervisor, case_id=case.id, level=SupervisionLevel.KEY,
                                 reason="逾期未办结", expected_version=case.version)
    assert case.supervision is SupervisionLevel.KEY
    assert due_for_key_supervision(world, later) == []
    assert detail(world, case.id).supervision_orders[0].reason == "逾期未办结"
    # Under a running key order a general one says nothing; another key order (再次督办) may follow.
    with pytest.raises(InvalidTransition, match="正在重点督办中.*无需再下一般督办.*Art. 20"):
        supervision.supervise(world.db, world.supervisor, case_id=case.id, level=SupervisionLevel.GENERAL,
                              reason="再催", expected_version=case.version)
    case = supervision.supervise(world.db, world.supervisor, case_id=case.id, level=SupervisionLevel.KEY,
                                 reason="再次督办", expected_version=case.version)
    assert [o.reason for o in detail(world, case.id).supervision_orders] == ["逾期未办结", "再次督办"]



@pytest.mark.law("Art. 19", "Art. 20")
def test_a_case_whose_lead_fed_back_waits_on_the_centers_review_neither_overdue_nor_due_for_key_supervision(world):
    """The lead fed back its result in time (Art. 19(3)); the center had not reviewed it by the lead's deadline,
    and the case stood in 只看超期 and 待重点督办, as if the department were late: supervision urges the handling
    department (Art. 20(1)), which had delivered. The case now keeps no running deadline until it is sent back,
    when the lead's deadline, passed, makes it overdue at once."""
    db, police = world.db, world.police
    case = dispatched(world)
    lead_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    for step in (lambda v: department.sign_for(db, police, assignment_id=lead_id, expected_version=v, now=TUESDAY),
                 lambda v: department.contact_requester(db, police, assignment_id=lead_id, note="电话联系",
                                                        expected_version=v, now=TUESDAY)):
        case = step(case.version)
    due = case.due_at
    # A 督办 order that runs out before the review does: it urged the department, which has answered.
    case = supervision.supervise(db, world.supervisor, case_id=case.id, level=SupervisionLevel.GENERAL,
                                 reason="群众催办", expected_version=case.version)
    order_run_out = detail(world, case.id, world.supervisor).supervision_orders[0].due_at + timedelta(hours=1)
    case = department.report_result(db, police, assignment_id=lead_id, result="已调解", expected_version=case.version,
                                    now=due - timedelta(hours=2))
    assert case.state is CaseState.REPORTED and case.due_at is None
    assert assignments(world, case.id)[AssignmentRole.LEAD].due_at == due  # the lead's own deadline is kept
    later = due + timedelta(days=3)
    overdue = queue.QueueFilter(under=TOWNSHIP, overdue_only=True)
    for moment in (later, order_run_out):
        assert queue.page(db, world.supervisor, overdue, 0, 10, now=moment) == []
        assert due_for_key_supervision(world, moment) == []
    [row] = queue.page(db, world.supervisor, queue.QueueFilter(under=TOWNSHIP), 0, 10, now=order_run_out)
    assert not row.supervision_overdue(order_run_out)  # the queue's 督办超期
    case = review.review(db, world.operator, case_id=case.id, approve=False, comment="未附调解协议",
                         expected_version=case.version, now=later)
    assert case.state is CaseState.SENT_BACK and case.due_at == due
    assert [row.id for row in queue.page(db, world.supervisor, overdue, 0, 10, now=later)] == [case.id]
    assert due_for_key_supervision(world, later) == [case.id]


@pytest.mark.law("Art. 20")
def test_a_general_supervision_order_whose_deadline_passed_unanswered_offers_the_case_for_key_supervision(world):
    """Art. 20(1): a case the department has not resolved by the deadline of its 督办 order is an
    unresolved request for key supervision, even while its own (15-working-day) limit still runs."""
    case = dispatched(world, matter_item_id=world.items["food"], now=utcnow())
    # Signed for: a sign-for let pass would offer it for key supervision by itself (Art. 18(1)).
    case = department.sign_for(world.db, world.police, assignment_id=assignments(world, case.id)[AssignmentRole.LEAD].id,
                               expected_version=case.version)
    case = supervision.supervise(world.db, world.supervisor, case_id=case.id, level=SupervisionLevel.GENERAL,
                                 reason="群众多次来电催办", expected_version=case.version)
    [order] = detail(world, case.id, world.supervisor).supervision_orders
    assert order.due_at < case.due_at
    before, after = order.due_at - timedelta(hours=1), order.due_at + timedelta(hours=1)
    assert due_for_key_supervision(world, before) == []
    assert due_for_key_supervision(world, after) == [case.id]
    supervision.supervise(world.db, world.supervisor, case_id=case.id, level=SupervisionLevel.KEY,
                          reason="督办逾期未办结", expected_version=case.version)
    assert due_for_key_supervision(world, after) == []


@pytest.mark.law("Art. 20")
def test_a_new_supervision_order_closes_the_running_orders_it_takes_over(world):
    """Art. 20(1): a 一般督办 run out, then 重点督办 with a new deadline, and the case stayed 督办超期 for good:
    the queue (and the wall) watch the earliest deadline of the orders still running, and the 一般督办 ran on
    beside the order that took it over. A new order now closes the running orders of its level and below as it
    is issued; they stay on record, closed and named as taken over, and the timeline says so."""
    db, chief = world.db, world.supervisor
    case = dispatched(world, now=utcnow())
    case = supervision.supervise(db, chief, case_id=case.id, level=SupervisionLevel.GENERAL, reason="群众多次来电催办",
                                 expected_version=case.version, due_at=utcnow() + timedelta(hours=1))
    later, key_due = utcnow() + timedelta(hours=2), utcnow() + timedelta(days=2)
    case = supervision.supervise(db, chief, case_id=case.id, level=SupervisionLevel.KEY, reason="督办逾期未办结",
                                 expected_version=case.version, due_at=key_due)
    [row] = [r for r in queue.page(db, chief, queue.QueueFilter(under=TOWNSHIP), 0, 100, now=later) if r.id == case.id]
    assert row.supervision_due_at == key_due and not row.supervision_overdue(later)
    shown = detail(world, case.id, chief)
    general, key = shown.supervision_orders
    assert (general.closed_at, general.superseded_by) == (key.issued_at, key.id)
    assert (key.closed_at, key.superseded_by) == (None, None)
    assert shown.events[-1].message == (f"重点督办:督办逾期未办结;取代此前的一般督办"
                                        f"(期限 {due_text_as_of(general.due_at, key.issued_at)})")
    # A 一般督办 a callback asks for (Art. 20(2)) takes over no 重点督办: that one runs on.
    with unit_of_work(db, chief, "test.callback_order") as uow:
        supervision.issue_order(uow, uow.session.get(Case, case.id), SupervisionLevel.GENERAL, "回访基本满意,已解决")
    assert [(o.level, o.closed_at is None) for o in detail(world, case.id, chief).supervision_orders] == [
        (SupervisionLevel.GENERAL, False), (SupervisionLevel.KEY, True), (SupervisionLevel.GENERAL, True)]


@pytest.mark.law("Art. 20")
def test_an_order_on_a_case_handled_within_hours_is_due_within_hours(world):
    """Art. 20(1) 限时办结: an urgent case is handled within 24 hours; the default of a 督办 order, 3 working days,
    outlasted it. An order on a case whose limit runs in hours gets DEFAULT_HOURS, or the moment the supervisor
    sets; the case panel offers that default."""
    db, chief = world.db, world.supervisor
    case = dispatched(world, now=utcnow(), matter_item_id=world.items["outage"])
    assert detail(world, case.id, chief).supervise_due - utcnow() <= timedelta(hours=supervision.DEFAULT_HOURS)
    case = supervision.supervise(db, chief, case_id=case.id, level=SupervisionLevel.GENERAL, reason="停电未恢复",
                                 expected_version=case.version)
    [order] = detail(world, case.id, chief).supervision_orders
    assert order.due_at - order.issued_at == timedelta(hours=supervision.DEFAULT_HOURS)
    set_by_hand = (utcnow() + timedelta(hours=1, minutes=30)).replace(second=0, microsecond=0)
    supervision.supervise(db, chief, case_id=case.id, level=SupervisionLevel.KEY, reason="一小时内恢复供电",
                          expected_version=case.version, due_at=set_by_hand)
    assert detail(world, case.id, chief).supervision_orders[-1].due_at == set_by_hand


def test_stale_version_is_refused_with_who_and_when(world):
    case = world.new_case().case
    fresh = dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["police"],
                              expected_version=case.version)
    with pytest.raises(Conflict) as err:
        onspot_escalation.escalate(world.db, world.supervisor, case_id=case.id, reason="x",
                                   expected_version=case.version)
    hhmm = fresh.updated_at.astimezone(timezone(timedelta(hours=8))).strftime("%H:%M")
    assert err.value.message == f"案件 {case.number} 已被 op_qg 于 {hhmm} 修改,请重新载入"
    # A panel left open since an earlier day is told the day too: a time alone would read as today's.
    with world.db.session() as s:
        s.get(Case, case.id).updated_at = datetime(2026, 3, 9, 1, 30, tzinfo=timezone.utc)
        s.commit()
    with pytest.raises(Conflict) as err:
        onspot_escalation.escalate(world.db, world.supervisor, case_id=case.id, reason="x",
                                   expected_version=case.version)
    assert err.value.message == f"案件 {case.number} 已被 op_qg 于 03-09 09:30 修改,请重新载入"


def test_two_desks_merging_two_cases_into_each_other_at_once_merge_once_and_refuse_once(world, backend):
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    x, y = world.new_case().case, world.new_case().case
    outcomes = at_once(
        lambda: duplicates.merge(world.db, world.operator, case_id=x.id, into_case_id=y.id, expected_version=x.version),
        lambda: duplicates.merge(world.db, world.supervisor, case_id=y.id, into_case_id=x.id,
                                 expected_version=y.version))
    assert sorted(type(o).__name__ for o in outcomes) == ["CaseInfo", "Conflict"], outcomes  # no deadlock error
    with world.db.session() as s:
        states = [s.get(Case, c.id).state for c in (x, y)]
    assert states.count(CaseState.MERGED) == 1 and all(state.is_open for state in states if state is not CaseState.MERGED)


def test_a_deadlock_the_database_breaks_is_told_as_a_conflict_to_retry(world, backend):
    """Two transactions each holding what the other waits for: PostgreSQL cancels one (40P01); its
    desk is told that another desk was working on the same records, not shown a database error."""
    if backend == "sqlite":
        pytest.skip("SQLite has one writer at a time: no deadlock between rows")
    a, b = world.new_case().case, world.new_case().case
    barrier = threading.Barrier(2)

    def desk(first, then):
        with unit_of_work(world.db, world.operator, "test.locks") as uow:
            uow.session.execute(select(Case.id).where(Case.id == first).with_for_update())
            barrier.wait()
            uow.session.execute(select(Case.id).where(Case.id == then).with_for_update())

    outcomes = at_once(lambda: desk(a.id, b.id), lambda: desk(b.id, a.id))
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(refused) == 1 and outcomes.count(None) == 1, outcomes
    assert refused[0].message == "另一值班台正在同时办理相关记录,本次未保存;请稍候重新载入后再操作"


@pytest.mark.law("Art. 17")
def test_a_dispatch_that_waited_for_another_desks_dispatch_is_refused_and_the_case_dispatched_once(world, backend):
    """Two desks dispatch the case from the same version, the second seen waiting behind the first:
    once the first has committed, the second reads the case after it and is told who changed it
    when, instead of sending it to a second lead."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    case = world.new_case().case

    def dispatch_from(desk, department):
        return lambda: dispatch.dispatch(world.db, desk, case_id=case.id, expected_version=case.version,
                                         lead_department_id=world.departments[department])

    with world.db.session() as held:  # both desks wait in line for the case
        held.execute(select(Case.id).where(Case.id == case.id).with_for_update())
        first, first_outcome = run(dispatch_from(world.operator, "police"))
        wait_for_a_lock(world.db)
        second, second_outcome = run(dispatch_from(world.supervisor, "market"))
        wait_for_a_lock(world.db, waiting=2)
    first.join(10)
    second.join(10)
    [dispatched_first], [refused] = first_outcome, second_outcome
    assert isinstance(refused, Conflict), refused
    hhmm = dispatched_first.updated_at.astimezone(BEIJING).strftime("%H:%M")
    assert refused.message == f"案件 {case.number} 已被 op_qg 于 {hhmm} 修改,请重新载入"
    [lead] = assignments(world, case.id).values()
    assert lead.department_id == world.departments["police"]


def test_an_sqlite_file_another_program_holds_is_said_so_not_blamed_on_another_desk(sqlite_db, system):
    """A file locked past the busy timeout (an import by griddesk-admin, a backup copying it) had been
    told as another duty desk working on the same records, to be reloaded: there was nothing to reload."""
    import sqlite3

    holder = sqlite3.connect(sqlite_db.engine.url.database, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(Conflict) as refused:
            with unit_of_work(sqlite_db, system, "test.locked") as uow:
                uow.session.execute(text("PRAGMA busy_timeout = 100"))  # the desk's 5 s, shortened for the test
                uow.session.execute(text("UPDATE places SET name = name WHERE code = '4505'"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert refused.value.message == ("数据库文件正被另一个程序写入(如 griddesk-admin 导入、备份或另一个网格指挥台),"
                                     "本次未保存;请稍候片刻再试")
