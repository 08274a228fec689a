"""A department's duties on its share (Art. 18–19) as its liaison meets them: which deadline it
counts down, what it must say when late, and what becomes of the co-handlers when the lead's
objection is upheld."""

from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import select

from case_world import TUESDAY, World, assignments, dispatched, lead_objection_upheld
from desktop import migrate
from desktop.errors import InvalidTransition, LawRefusal, PermissionDenied, ValidationFailed
from desktop.models import Assignment, CaseEvent, Objection, Setting, utcnow
from desktop.models.enums import AssignmentRole, AssignmentState, CaseState
from desktop.services import queue
from desktop.services.cases import department, dispatch, duplicates, queries, review
from desktop.services.queue import QueueFilter

HOUR = timedelta(hours=1)


def _signed(world: World, case, share_id: int, liaison, at):
    return department.sign_for(world.db, liaison, assignment_id=share_id, expected_version=case.version, now=at)


@pytest.mark.law("Art. 19")
def test_an_urgent_leads_contact_falls_due_by_its_handling_deadline_and_its_queue_shows_it_overdue(world):
    """Art. 19(1): the requester is contacted in time to handle the case; an urgent case handled within
    24 hours is not given a working day for its first call, nor shown in time when it is late."""
    case = dispatched(world, matter_item_id=world.items["outage"])
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    assert lead.due_at == TUESDAY + 24 * HOUR and lead.contact_due_at == lead.due_at
    case = _signed(world, case, lead.id, world.police, TUESDAY + 0.25 * HOUR)
    late = lead.due_at + HOUR
    rows = queue.page(world.db, world.police, QueueFilter(), 0, 10, now=late)
    assert [(r.number, r.own_step, r.own_due_at) for r in rows] == [(case.number, "contact", lead.due_at)]
    assert [r.number for r in queue.page(world.db, world.police, QueueFilter(overdue_only=True), 0, 10, now=late)] == [
        case.number]


@pytest.mark.law("Art. 19")
def test_a_co_handler_has_no_contact_deadline_and_counts_down_its_handling(world):
    """Contacting the requester is the lead's duty (its result waits for it); a co-handler signed for
    counts down its handling deadline, and is not overdue for a call it never has to make."""
    case = dispatched(world, co=["market"])
    co = assignments(world, case.id)[AssignmentRole.CO]
    assert co.contact_due_at is None
    case = _signed(world, case, co.id, world.market, TUESDAY + HOUR)
    after_a_working_day = TUESDAY + timedelta(days=2)
    rows = queue.page(world.db, world.market, QueueFilter(), 0, 10, now=after_a_working_day)
    assert [(r.own_step, r.own_due_at) for r in rows] == [("handle", co.due_at)]
    assert queue.count(world.db, world.market, QueueFilter(overdue_only=True), now=after_a_working_day) == 0


@pytest.mark.law("Art. 18")
def test_a_result_fed_back_late_says_why(world):
    """Art. 18(1): a share that cannot finish in time says why; one fed back after its deadline is
    refused without the reason, and keeps the reason on the timeline."""
    case = dispatched(world)
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    case = _signed(world, case, lead.id, world.police, TUESDAY + HOUR)
    case = department.contact_requester(world.db, world.police, assignment_id=lead.id, note="已电话联系",
                                        expected_version=case.version, now=TUESDAY + 2 * HOUR)
    late = lead.due_at + HOUR
    with pytest.raises(LawRefusal, match=r"办理期限已于 2026-06-16 24:00 届满;逾期反馈办理结果须说明逾期理由.*Art. 18"):
        department.report_result(world.db, world.police, assignment_id=lead.id, result="已调解",
                                 expected_version=case.version, now=late)
    case = department.report_result(world.db, world.police, assignment_id=lead.id, result="已调解",
                                    late_reason="当事人外出务工,返乡后方能调解", expected_version=case.version, now=late)
    assert case.state is CaseState.REPORTED
    with world.db.session() as s:
        event = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "result_reported")).one()
    assert event.message.endswith("(逾期,理由:当事人外出务工,返乡后方能调解)")
    assert event.detail["late_reason"] == "当事人外出务工,返乡后方能调解"


@pytest.mark.law("Art. 19")
def test_an_extension_is_offered_only_while_it_may_be_asked(world, monkeypatch):
    """Once per share (unless refused) and before the deadline (department.request_extension): past either,
    the panel's button says why before anything is typed, as the service would refuse it (not_yet)."""
    def why_not():
        return dict(queries.case_detail(world.db, world.police, case.id).not_yet).get("request_extension")

    case = dispatched(world, now=utcnow())
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    case = department.sign_for(world.db, world.police, assignment_id=lead.id, expected_version=case.version)
    assert "request_extension" in queries.case_detail(world.db, world.police, case.id).actions and why_not() is None
    monkeypatch.setattr(queries, "utcnow", lambda: lead.due_at + HOUR)
    assert "届满,不能再申请延期;请报送阶段性工作情况说明逾期理由" in why_not()
    monkeypatch.undo()
    case = department.request_extension(world.db, world.police, assignment_id=lead.id, reason="需鉴定", amount=2,
                                        expected_version=case.version)
    extension = queries.case_detail(world.db, world.operator, case.id).pending_extension
    assert queries.case_detail(world.db, world.police, case.id).own_request_at is not None  # waiting since then
    case = review.decide_extension(world.db, world.operator, extension_id=extension.id, approve=False, comment="可按期办结",
                                   expected_version=case.version)
    assert why_not() is None  # refused: asked anew
    assert queries.case_detail(world.db, world.police, case.id).own_request_at is None
    case = department.request_extension(world.db, world.police, assignment_id=lead.id, reason="需第三方鉴定",
                                        amount=2, expected_version=case.version)
    extension = queries.case_detail(world.db, world.operator, case.id).pending_extension
    case = review.decide_extension(world.db, world.operator, extension_id=extension.id, approve=True,
                                   expected_version=case.version)
    assert "已申请过延期(同意),每件承办任务只能延期一次" in why_not()


def test_contacting_the_requester_again_keeps_a_case_sent_back(world):
    """The first contact starts the handling; a call made after the center sent the result back
    leaves the case marked 退回 until the lead reports again."""
    case = dispatched(world)
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    case = _signed(world, case, lead.id, world.police, TUESDAY + HOUR)
    case = department.contact_requester(world.db, world.police, assignment_id=lead.id, note="已电话联系",
                                        expected_version=case.version, now=TUESDAY + 2 * HOUR)
    case = department.report_result(world.db, world.police, assignment_id=lead.id, result="已调解",
                                    expected_version=case.version, now=TUESDAY + 3 * HOUR)
    case = review.review(world.db, world.operator, case_id=case.id, approve=False, comment="未附调解协议",
                         expected_version=case.version, now=TUESDAY + 4 * HOUR)
    case = department.contact_requester(world.db, world.police, assignment_id=lead.id, note="再次联系,补签协议",
                                        expected_version=case.version, now=TUESDAY + 5 * HOUR)
    assert case.state is CaseState.SENT_BACK
    assert assignments(world, case.id)[AssignmentRole.LEAD].state is AssignmentState.HANDLING


@pytest.mark.law("Art. 18")
def test_a_co_handler_takes_the_lead_after_the_leads_objection_is_upheld(world):
    """Art. 18(2): the center re-dispatches around the co-handler still at work. Named the lead, it
    takes the lead afresh (its co-handler share withdrawn, a lead's share to sign for as the lead)."""
    case = lead_objection_upheld(world)
    assert case.state is CaseState.REGISTERED
    market = {s.id: s for s in dispatch.suggest_departments(world.db, world.operator, case.id)}[
        world.departments["market"]]
    assert market.co_handling and market.reasons[0].startswith("正在协办本案")
    suggested = dispatch.suggest_departments(world.db, world.operator, case.id)
    police = {s.id: s for s in suggested}[world.departments["police"]]
    assert "该单位对本案提出的管辖异议曾被认定成立,宜另派其他单位(Art. 18)" in police.reasons and police.objected
    assert suggested[-1] == police and suggested[0] != police  # the item's department, but the case came back from it
    old_co = assignments(world, case.id)[AssignmentRole.CO]
    case = dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["market"],
                             expected_version=case.version, now=TUESDAY + 3 * HOUR)
    with world.db.session() as s:
        shares = s.execute(select(Assignment.id, Assignment.role, Assignment.state).where(
            Assignment.case_id == case.id, Assignment.department_id == world.departments["market"])
            .order_by(Assignment.id)).all()
        message = s.scalars(select(CaseEvent.message).where(CaseEvent.case_id == case.id)
                            .order_by(CaseEvent.id.desc())).first()
    assert [(role, state) for _, role, state in shares] == [
        (AssignmentRole.CO, AssignmentState.WITHDRAWN), (AssignmentRole.LEAD, AssignmentState.DISPATCHED)]
    assert shares[0].id == old_co.id and case.state is CaseState.DISPATCHED
    assert message.startswith("派遣至主办单位 银海区市场监管局(原为协办单位,改任主办);办理时限")


@pytest.mark.law("Art. 18")
def test_a_co_handler_at_work_carries_on_under_the_new_lead(world):
    """Named again as a co-handler, or not named at all, a co-handler at work keeps its share and clock."""
    case = lead_objection_upheld(world)
    co = assignments(world, case.id)[AssignmentRole.CO]
    case = dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["city_admin"],
                             co_department_ids=[world.departments["market"]], expected_version=case.version,
                             now=TUESDAY + 3 * HOUR)
    running = {a.role: a for a in assignments_of(world, case.id) if a.state is not AssignmentState.WITHDRAWN}
    assert (running[AssignmentRole.CO].id, running[AssignmentRole.CO].due_at) == (co.id, co.due_at)
    assert running[AssignmentRole.LEAD].department_id == world.departments["city_admin"]
    assert "银海区市场监管局 继续协办" in queries.case_detail(world.db, world.operator, case.id).events[-1].message


@pytest.mark.law("Art. 18")
def test_a_co_handler_waiting_on_the_center_is_not_made_the_lead_and_the_lead_is_told_why_it_waits(world):
    case = dispatched(world, co=["market"])
    shares = assignments(world, case.id)
    case = department.raise_objection(world.db, world.market, assignment_id=shares[AssignmentRole.CO].id,
                                      reason="不属市场监管职责", expected_version=case.version, now=TUESDAY + HOUR)
    lead = shares[AssignmentRole.LEAD]
    case = _signed(world, case, lead.id, world.police, TUESDAY + 2 * HOUR)
    case = department.contact_requester(world.db, world.police, assignment_id=lead.id, note="已联系",
                                        expected_version=case.version, now=TUESDAY + 3 * HOUR)
    with pytest.raises(InvalidTransition, match="协办单位 银海区市场监管局 的管辖异议尚待网格化服务管理机构处理,请联系机构;之后再反馈办理结果"):
        department.report_result(world.db, world.police, assignment_id=lead.id, result="已处理",
                                 expected_version=case.version, now=TUESDAY + 4 * HOUR)


@pytest.mark.law("Art. 18")
def test_a_co_handler_with_a_request_pending_is_decided_before_it_leads(world):
    case = lead_objection_upheld(world)
    co = assignments(world, case.id)[AssignmentRole.CO]
    case = _signed(world, case, co.id, world.market, TUESDAY + 3 * HOUR)
    case = department.raise_objection(world.db, world.market, assignment_id=co.id, reason="亦非本局职责",
                                      expected_version=case.version, now=TUESDAY + 4 * HOUR)
    with pytest.raises(InvalidTransition, match="协办单位 银海区市场监管局 的管辖异议尚待本中心处理;请先处理,再派其为主办单位"):
        dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["market"],
                          expected_version=case.version, now=TUESDAY + 5 * HOUR)
    assert assignments(world, case.id)[AssignmentRole.CO].state is AssignmentState.OBJECTION_PENDING


def test_the_department_whose_objection_was_upheld_learns_it_from_the_case_it_had(world):
    case = lead_objection_upheld(world, co=())
    with pytest.raises(PermissionDenied, match="管辖异议已于 06-09 12:00 由op_qg认定成立,派遣已撤回"):
        queries.case_detail(world.db, world.police, case.id)


@pytest.mark.law("Art. 19")
def test_upgrading_clears_co_handlers_contact_deadlines_and_caps_the_leads(world):
    """Revision 0015: shares dispatched before it had a contact deadline for co-handlers, and one after
    the handling deadline for urgent cases."""
    urgent = dispatched(world, co=["market"], matter_item_id=world.items["outage"])
    ordinary = dispatched(world)
    paused = _urgent_paused_by_a_refused_extension(world)
    with world.db.session() as s:  # as earlier versions set them: a working day from the dispatch, for every share
        for share in s.scalars(select(Assignment)):
            share.contact_due_at = TUESDAY + timedelta(hours=38)  # Wednesday 24:00
        s.commit()
    with world.db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0014")
    migrate.upgrade(world.db)
    urgent_shares, ordinary_lead = assignments(world, urgent.id), assignments(world, ordinary.id)[AssignmentRole.LEAD]
    assert urgent_shares[AssignmentRole.CO].contact_due_at is None
    assert urgent_shares[AssignmentRole.LEAD].contact_due_at == urgent_shares[AssignmentRole.LEAD].original_due_at
    assert ordinary_lead.contact_due_at == TUESDAY + timedelta(hours=38)
    paused_lead = assignments(world, paused.id)[AssignmentRole.LEAD]
    assert paused_lead.contact_due_at == paused_lead.due_at == TUESDAY + timedelta(hours=24 + 5)  # the pause given back


def _urgent_paused_by_a_refused_extension(world: World):
    """An urgent case whose clock stood still five hours while its extension was decided (and refused)."""
    with world.db.session() as s:
        s.add(Setting(key="clock.pause_while_deciding", value=True))
        s.commit()
    case = dispatched(world, matter_item_id=world.items["outage"])
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    case = _signed(world, case, lead.id, world.police, TUESDAY + HOUR)
    case = department.request_extension(world.db, world.police, assignment_id=lead.id, reason="需抢修队支援", amount=12,
                                        expected_version=case.version, now=TUESDAY + 2 * HOUR)
    extension = queries.case_detail(world.db, world.operator, case.id).pending_extension
    return review.decide_extension(world.db, world.operator, extension_id=extension.id, approve=False, comment="可按期办结",
                                   expected_version=case.version, now=TUESDAY + 7 * HOUR)


@pytest.mark.law("Art. 19")
def test_a_contact_deadline_capped_by_the_handling_deadline_stays_with_it_when_a_pause_is_given_back(world):
    """Given back the time its extension stood undecided, an urgent lead's contact deadline moves with its
    handling deadline, as a recount (holidays entered) would count it."""
    case = _urgent_paused_by_a_refused_extension(world)
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    assert lead.due_at == TUESDAY + timedelta(hours=24 + 5) and lead.contact_due_at == lead.due_at


def test_a_department_sent_the_case_again_is_not_told_of_its_old_objection(world):
    """Its last share ended otherwise (made a co-handler again, withdrawn when the case was merged away):
    the liaison is refused as for any case not its department's, not told of an objection long decided."""
    case = lead_objection_upheld(world, co=())
    case = dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["market"],
                             co_department_ids=[world.departments["police"]], expected_version=case.version,
                             now=TUESDAY + 3 * HOUR)
    lead = next(a for a in assignments_of(world, case.id) if a.department_id == world.departments["market"])
    case = department.raise_objection(world.db, world.market, assignment_id=lead.id, reason="亦非本局职责",
                                      expected_version=case.version, now=TUESDAY + 4 * HOUR)
    objection = queries.case_detail(world.db, world.operator, case.id).pending_objection
    case = review.decide_objection(world.db, world.operator, objection_id=objection.id, approve=True,
                                   expected_version=case.version, now=TUESDAY + 5 * HOUR)
    kept = world.new_case().case
    duplicates.merge(world.db, world.operator, case_id=case.id, into_case_id=kept.id, expected_version=case.version)
    assert assignments_of(world, case.id)[-1].state is AssignmentState.WITHDRAWN  # the police's co share
    with pytest.raises(PermissionDenied) as refused:
        queries.case_detail(world.db, world.police, case.id)
    assert "管辖异议" not in str(refused.value) and "无权查看案件" in str(refused.value)


def assignments_of(world: World, case_id: int) -> list:
    with world.db.session() as s:
        return list(s.scalars(select(Assignment).where(Assignment.case_id == case_id).order_by(Assignment.id)))


@pytest.mark.law("Art. 15")
def test_the_requesters_number_is_whole_to_a_department_from_signing_for_it_and_not_while_it_objects(world):
    """A department dispatched the case has taken on nothing until it signs (Art. 18(1)) and may yet
    object; objecting, it says the case is not its own (Art. 18(2)): its liaison sees the number masked
    until it signs, and again while the objection waits."""
    def phone_seen() -> str:
        return queries.case_detail(world.db, world.police, case.id).requester_phone

    case = dispatched(world)
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    assert phone_seen() == "138****0001"
    case = _signed(world, case, lead.id, world.police, TUESDAY + HOUR)
    assert phone_seen() == "13807790001"  # to contact the requester (Art. 19(1))
    department.raise_objection(world.db, world.police, assignment_id=lead.id, reason="属市场监管职责",
                               expected_version=case.version, now=TUESDAY + 2 * HOUR)
    assert phone_seen() == "138****0001"


@pytest.mark.law("Art. 18")
def test_a_co_handler_that_does_not_report_is_withdrawn_by_the_center_and_the_lead_reports(world):
    """Art. 18(1): co-handlers report to the lead, whose result waits for them. One that never does would
    hold the case for ever: the center withdraws its share, with a reason on the timeline, and the lead
    then feeds back its result. Not a co-handler whose request the center has still to decide, nor one
    that has reported, nor by a liaison."""
    case = dispatched(world, co=["market"])
    shares = assignments(world, case.id)
    lead, co = shares[AssignmentRole.LEAD], shares[AssignmentRole.CO]
    case = _signed(world, case, lead.id, world.police, TUESDAY + HOUR)
    case = department.contact_requester(world.db, world.police, assignment_id=lead.id, note="已联系",
                                        expected_version=case.version, now=TUESDAY + 2 * HOUR)
    with pytest.raises(InvalidTransition, match="协办单位 银海区市场监管局 尚未向主办单位报送办理结果"):
        department.report_result(world.db, world.police, assignment_id=lead.id, result="已处理",
                                 expected_version=case.version, now=TUESDAY + 3 * HOUR)
    with pytest.raises(PermissionDenied):
        dispatch.withdraw_co_handler(world.db, world.police, assignment_id=co.id, reason="不配合",
                                     expected_version=case.version)
    with pytest.raises(ValidationFailed, match="撤回协办的理由"):
        dispatch.withdraw_co_handler(world.db, world.operator, assignment_id=co.id, reason=" ",
                                     expected_version=case.version)
    with pytest.raises(InvalidTransition, match="不是本案正在协办的单位"):
        dispatch.withdraw_co_handler(world.db, world.operator, assignment_id=lead.id, reason="误派",
                                     expected_version=case.version)
    case = dispatch.withdraw_co_handler(world.db, world.operator, assignment_id=co.id, reason="逾期未报送,经协调不再协办",
                                        expected_version=case.version, now=TUESDAY + 4 * HOUR)
    withdrawn = assignments(world, case.id)[AssignmentRole.CO]
    assert (withdrawn.state, withdrawn.finished_at) == (AssignmentState.WITHDRAWN, TUESDAY + 4 * HOUR)
    event = queries.case_detail(world.db, world.police, case.id).events[-1]
    assert (event.kind, event.message) == ("co_withdrawn", "撤回协办单位 银海区市场监管局:逾期未报送,经协调不再协办")
    # The department withdrawn no longer reads the case, and is told who withdrew it, when and why.
    with pytest.raises(PermissionDenied, match=r"本部门对案件 \S+ 的协办已于 06-09 14:00 由op_qg撤回"
                                               r"\(理由:逾期未报送,经协调不再协办\);该案不再由本部门协办"):
        queries.case_detail(world.db, world.market, case.id)
    with pytest.raises(InvalidTransition, match="不是本案正在协办的单位"):
        dispatch.withdraw_co_handler(world.db, world.operator, assignment_id=co.id, reason="再撤",
                                     expected_version=case.version)
    case = department.report_result(world.db, world.police, assignment_id=lead.id, result="已处理",
                                    expected_version=case.version, now=TUESDAY + 5 * HOUR)
    assert case.state is CaseState.REPORTED


@pytest.mark.law("Art. 18")
def test_a_co_handler_that_reported_or_awaits_the_centers_decision_is_not_withdrawn(world):
    case = dispatched(world, co=["market"])
    co = assignments(world, case.id)[AssignmentRole.CO]
    case = department.raise_objection(world.db, world.market, assignment_id=co.id, reason="不属市场监管职责",
                                      expected_version=case.version, now=TUESDAY + HOUR)
    with pytest.raises(InvalidTransition, match="银海区市场监管局 的管辖异议尚待中心决定;请先处理,再决定是否撤回其协办"):
        dispatch.withdraw_co_handler(world.db, world.operator, assignment_id=co.id, reason="不配合",
                                     expected_version=case.version)
    other = dispatched(world, co=["market"])
    co = assignments(world, other.id)[AssignmentRole.CO]
    other = _signed(world, other, co.id, world.market, TUESDAY + HOUR)
    other = department.report_result(world.db, world.market, assignment_id=co.id, result="已检查摊位",
                                     expected_version=other.version, now=TUESDAY + 2 * HOUR)
    with pytest.raises(InvalidTransition, match="已向主办单位报送办理结果,主办单位无须再等待其结果"):
        dispatch.withdraw_co_handler(world.db, world.operator, assignment_id=co.id, reason="不配合",
                                     expected_version=other.version)


@pytest.mark.law("Art. 19")
@pytest.mark.law("Art. 18")
def test_refusing_an_extension_or_an_objection_says_why(world):
    """The department that asked reads the reason on its timeline: a refusal without one is refused."""
    case = dispatched(world)
    lead = assignments(world, case.id)[AssignmentRole.LEAD]
    case = _signed(world, case, lead.id, world.police, TUESDAY + HOUR)
    case = department.request_extension(world.db, world.police, assignment_id=lead.id, reason="需鉴定", amount=2,
                                        expected_version=case.version, now=TUESDAY + 2 * HOUR)
    extension = queries.case_detail(world.db, world.operator, case.id).pending_extension
    with pytest.raises(ValidationFailed, match=r"不同意延期须说明理由\(comment\).*\(Art. 19\)"):
        review.decide_extension(world.db, world.operator, extension_id=extension.id, approve=False, comment="  ",
                                expected_version=case.version, now=TUESDAY + 3 * HOUR)
    case = review.decide_extension(world.db, world.operator, extension_id=extension.id, approve=False,
                                   comment=" 鉴定可在期限内完成 ", expected_version=case.version, now=TUESDAY + 3 * HOUR)
    assert queries.case_detail(world.db, world.police, case.id).events[-1].message.endswith("(鉴定可在期限内完成)")
    case = department.raise_objection(world.db, world.police, assignment_id=lead.id, reason="属市场监管职责",
                                      expected_version=case.version, now=TUESDAY + 4 * HOUR)
    with world.db.session() as s:
        objection = s.scalar(select(Objection.id).where(Objection.assignment_id == lead.id))
    with pytest.raises(ValidationFailed, match=r"认定异议不成立须说明理由\(comment\).*\(Art. 18\)"):
        review.decide_objection(world.db, world.operator, objection_id=objection, approve=False,
                                expected_version=case.version, now=TUESDAY + 5 * HOUR)
