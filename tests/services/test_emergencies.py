"""Art. 21 emergency reports: the reporting ladder, its clocks, acknowledgement and scope."""

import re
import threading
from datetime import datetime, timedelta

import pytest
import shapely
from sqlalchemy import func, select

from desktop.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Case, CaseEvent, ChangeFeed, EmergencyReport, Setting, utcnow
from desktop.models.enums import (
    AuditOutcome,
    Channel,
    EmergencyLevel,
    EmergencyState,
    EmergencyStepKind,
    EmergencyType,
    HandlingLevel,
    MatterCategory,
    Role,
    SupervisionLevel,
)
from desktop.services import emergencies, places, users
from desktop.services.cases import supervision
from desktop.services.cases.intake import take_in
from desktop.services.clock import BEIJING, beijing_text
from desktop.services.printing.bulletin import write_bulletin
from desktop.services.security import Actor

QIAOGANG = "450503103000"
QIAOBEI = "450503103001"
GRID_CODE = QIAOBEI + "001"
CITY = "450500000000"


def _actor(db, system, username, role, scope=QIAOGANG):
    users.add_user(db, system, username=username, display_name=username, password="secret-123",
                   role=role, scope_code=scope)
    return users.actor_for(db, username)


@pytest.fixture
def operator(db, system):
    return _actor(db, system, "qg_op", Role.OPERATOR)


@pytest.fixture
def supervisor(db, system):
    return _actor(db, system, "qg_sup", Role.SUPERVISOR)


def _report(db, actor, learned_at=None, **overrides):
    learned_at = learned_at or utcnow() - timedelta(hours=2)
    values = dict(
        type=EmergencyType.MASS_INCIDENT, level=EmergencyLevel.LEVEL_IV, title="渔港码头聚集",
        occurred_at=learned_at - timedelta(minutes=10), learned_at=learned_at, place_text="侨港渔港码头",
        township_code=QIAOGANG, summary="约三十名渔民因补贴发放问题聚集", people_involved=30, injuries=1,
        measures="镇综治中心已派员到场劝导",
    )
    values.update(overrides)
    return emergencies.report(db, actor, **values)


def _first_reports_made(db, actor, info, made=None):
    """Every first report recorded, at `made` (20 minutes after learning of it by default): a level's
    follow-ups go on from its first reports (Art. 21)."""
    made = made or info.learned_at + timedelta(minutes=20)
    for step in info.steps:
        if step.kind in emergencies.FIRST_REPORTS:
            info = emergencies.record_step(db, actor, step.id, "已报", done_at=made)
    return info


def _steps(info, kind):
    return [s for s in info.steps if s.kind is kind]


def _by_level(info, kind):
    return {s.to_level: s for s in _steps(info, kind)}


@pytest.mark.law("Art. 21")
def test_report_opens_the_ladder_to_county_and_city(db, operator):
    learned = utcnow() - timedelta(hours=2)
    info = _report(db, operator, learned_at=learned)
    assert info.number.startswith("KB450503103-")
    assert info.state is EmergencyState.OPEN and info.acknowledged_at is None
    due = {(s.kind, s.to_level): s.due_at for s in info.steps}
    for level in (HandlingLevel.COUNTY, HandlingLevel.CITY):
        assert due[EmergencyStepKind.PHONE_FIRST, level] == learned + timedelta(minutes=30)
        assert due[EmergencyStepKind.WRITTEN_FIRST, level] == learned + timedelta(hours=1)
        assert due[EmergencyStepKind.FOLLOW_UP, level] == learned + timedelta(hours=24)
    assert len(info.steps) == 6
    # Two hours after learning of it, the phone and written first reports are overdue.
    overdue = emergencies.overdue_steps(db, operator)
    assert {(s.kind, s.to_level) for s in overdue} == {
        (k, lv) for k in (EmergencyStepKind.PHONE_FIRST, EmergencyStepKind.WRITTEN_FIRST)
        for lv in (HandlingLevel.COUNTY, HandlingLevel.CITY)
    }
    assert all(s.report_number == info.number for s in overdue)


@pytest.mark.law("Art. 21")
def test_steps_made_in_time_are_not_overdue_and_late_ones_are_flagged(db, operator):
    learned = utcnow() - timedelta(hours=2)
    info = _report(db, operator, learned_at=learned)
    phone = _by_level(info, EmergencyStepKind.PHONE_FIRST)
    county_phone, city_phone = phone[HandlingLevel.COUNTY], phone[HandlingLevel.CITY]
    info = emergencies.record_step(db, operator, county_phone.id, "电话报区综治中心值班室",
                                   done_at=learned + timedelta(minutes=20))
    info = emergencies.record_step(db, operator, city_phone.id, "电话报市网格中心", done_at=learned + timedelta(minutes=45))
    phone = _by_level(info, EmergencyStepKind.PHONE_FIRST)
    assert not phone[HandlingLevel.COUNTY].overdue() and phone[HandlingLevel.CITY].overdue()
    owed = {(s.kind, s.to_level) for s in emergencies.overdue_steps(db, operator)}
    assert (EmergencyStepKind.PHONE_FIRST, HandlingLevel.COUNTY) not in owed
    assert (EmergencyStepKind.WRITTEN_FIRST, HandlingLevel.COUNTY) in owed
    with pytest.raises(InvalidTransition, match="无需重复登记"):
        emergencies.record_step(db, operator, county_phone.id, "再报一次")


@pytest.mark.law("Art. 21")
def test_each_follow_up_starts_the_next_24_hour_clock(db, operator):
    info = _first_reports_made(db, operator, _report(db, operator, learned_at=utcnow() - timedelta(hours=30)))
    county_follow_up = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    assert county_follow_up.overdue()
    made = utcnow() - timedelta(hours=1)
    info = emergencies.record_step(db, operator, county_follow_up.id, "人员已疏散,一人轻伤送医", done_at=made)
    county = [s for s in _steps(info, EmergencyStepKind.FOLLOW_UP) if s.to_level is HandlingLevel.COUNTY]
    assert [s.done_at for s in county] == [made, None]
    assert county[1].due_at == made + timedelta(hours=24)


@pytest.mark.law("Art. 21")
def test_final_report_due_in_working_days_across_national_day(db, operator):
    """Handled on 2026-09-30: Oct 1–7 are off, Sat Oct 10 is a make-up workday → due 14 Oct 00:00."""
    learned = datetime(2026, 9, 30, 8, 0, tzinfo=BEIJING)
    info = _report(db, operator, learned_at=learned)
    info = emergencies.mark_handled(db, operator, info.id, handled_at=datetime(2026, 9, 30, 10, 0, tzinfo=BEIJING))
    finals = _steps(info, EmergencyStepKind.FINAL)
    assert {s.to_level for s in finals} == {HandlingLevel.COUNTY, HandlingLevel.CITY}
    assert all(s.due_at == datetime(2026, 10, 14, 0, 0, tzinfo=BEIJING) for s in finals)
    # Follow-ups not yet due when it was handled are no longer owed.
    assert not _steps(info, EmergencyStepKind.FOLLOW_UP)
    assert info.state is EmergencyState.HANDLED
    with pytest.raises(InvalidTransition, match="已处置"):
        emergencies.mark_handled(db, operator, info.id)


@pytest.mark.law("Art. 21")
def test_a_handling_time_before_the_learning_time_is_refused_in_the_handlings_own_words(db, operator):
    """The refusal names the time typed (处置完毕时间), not a rung's 报送时间, and the learning time it must follow."""
    learned = datetime(2026, 9, 30, 8, 0, tzinfo=BEIJING)
    info = _report(db, operator, learned_at=learned)
    with pytest.raises(ValidationFailed) as refused:
        emergencies.mark_handled(db, operator, info.id, handled_at=learned - timedelta(minutes=10))
    assert str(refused.value).startswith("处置完毕时间(handled_at)应在获知时间(09-30 08:00)之后")
    assert refused.value.field == "handled_at"


@pytest.mark.law("Art. 21")
@pytest.mark.law("Art. 24")
def test_a_report_is_never_graded_for_the_reporter_nor_dated_before_the_regulation(db, operator):
    learned = datetime(2024, 9, 30, 8, 0, tzinfo=BEIJING)  # a year mistyped
    with pytest.raises(ValidationFailed) as caught:
        _report(db, operator, level=None, learned_at=learned, occurred_at=learned)
    assert caught.value.problems[0] == "级别(level):请选择紧急情况的级别"
    assert "获知时间(learned_at):2024-09-30 早于《条例》施行之日 2025-09-01,请核对年份" in caught.value.problems


@pytest.mark.law("Art. 21")
def test_what_may_happen_is_reported_before_it_happens_with_the_time_it_is_expected(db, operator, tmp_path):
    """《条例》第二十一条: 对可能发生的重大矛盾纠纷、群体性事件…应当及时报告 — not only what has happened."""
    from pdftools import pdf_text

    learned = utcnow() - timedelta(minutes=10)
    expected = utcnow() + timedelta(days=1)
    info = _report(db, operator, learned_at=learned, occurred_at=None, anticipated=True, expected_at=expected,
                   title="渔民拟明日到镇政府聚集", injuries=0)
    assert info.anticipated and info.expected_at == expected and info.occurred_at == learned
    assert min(s.due_at for s in info.steps) == learned + timedelta(minutes=30)  # the ladder runs from now on
    pdf = tmp_path / "warning.pdf"
    write_bulletin(db, operator, info.id, pdf)
    text = pdf_text(pdf, layout=False)
    assert "可能发生(预警报告,尚未发生)" in text and "预计发生时间" in text and "\n发生时间\n" not in text
    # As it draws near, the expected time is corrected; the report stays a warning.
    later = emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="续报:改为后天",
                                    expected_at=expected + timedelta(days=1))
    assert later.expected_at == expected + timedelta(days=1)
    with pytest.raises(ValidationFailed) as caught:
        emergencies.amend_facts(db, operator, info.id, expected_version=later.version, reason="已发生",
                                occurred_at=utcnow())
    assert "预警报告的情况尚未发生" in caught.value.problems[0]
    # What has happened has no expected time; a warning's is not before its risk became known.
    with pytest.raises(ValidationFailed) as caught:
        _report(db, operator, expected_at=expected)
    assert caught.value.problems == ["预计发生时间(expected_at):只有“可能发生”的预警报告才填写;已发生的请填写发生时间"]
    with pytest.raises(ValidationFailed) as caught:
        _report(db, operator, occurred_at=None, anticipated=True, expected_at=learned - timedelta(hours=2),
                learned_at=learned)
    assert caught.value.problems == ["预计发生时间(expected_at):不能早于获知时间;已经发生的,请按已发生的情况报告"]


@pytest.mark.law("Art. 21")
def test_a_rung_or_a_handling_entered_late_says_so_on_the_record(db, operator):
    """A phone report is often entered after the call: allowed, and the record says when it was entered."""
    learned = utcnow() - timedelta(hours=5)
    info = _report(db, operator, learned_at=learned)
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FOLLOW_UP:
            emergencies.record_step(db, operator, step.id, "已报告", done_at=learned + timedelta(minutes=20))
    emergencies.mark_handled(db, operator, info.id, handled_at=learned + timedelta(hours=3))
    emergencies.close(db, operator, info.id, "终报", done_at=learned + timedelta(hours=3, minutes=30))
    on_time = _report(db, operator, learned_at=utcnow() - timedelta(minutes=20))
    emergencies.record_step(db, operator, _steps(on_time, EmergencyStepKind.PHONE_FIRST)[0].id, "电话报区应急局")
    steps = [e.message for e in _audit(db, "emergencies.record_step")]
    assert all("(补录于 " in m for m in steps[:-1]) and "补录" not in steps[-1]
    for action in ("emergencies.mark_handled", "emergencies.close"):
        assert "(补录于 " in _audit(db, action)[0].message, action


@pytest.mark.law("Art. 21")
def test_close_refused_while_an_earlier_rung_is_owed_then_closes(db, operator):
    learned = utcnow() - timedelta(hours=3)
    info = _report(db, operator, learned_at=learned)
    with pytest.raises(InvalidTransition, match="先标记为已处置"):
        emergencies.close(db, operator, info.id, "终报")
    info = emergencies.mark_handled(db, operator, info.id, handled_at=learned + timedelta(hours=2))
    with pytest.raises(InvalidTransition, match="电话首报.*未报送.*Art. 21"):
        emergencies.close(db, operator, info.id, "终报")
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FINAL:
            emergencies.record_step(db, operator, step.id, f"{step.kind.label}内容",
                                    done_at=learned + timedelta(minutes=20))
    info = emergencies.close(db, operator, info.id, "事件已平息,补贴已发放到位")
    assert info.state is EmergencyState.CLOSED
    assert all(s.done_at is not None for s in info.steps)
    assert emergencies.overdue_steps(db, operator) == []
    assert emergencies.list_reports(db, operator, open_only=True) == []


@pytest.mark.law("Art. 21")
def test_casualties_still_being_verified_are_reported_as_known_so_far_and_verified_before_the_final_report(
        db, operator, tmp_path):
    """A first report is due within the hour, before casualties are known (Art. 21: 及时报告): it
    says the counts are those known so far; the final report states verified ones."""
    from pdftools import pdf_text

    learned = utcnow() - timedelta(hours=3)
    info = _report(db, operator, learned_at=learned, injuries=2, casualties_unverified=True)
    assert info.casualties_unverified and info.injuries == 2
    pdf = tmp_path / "first.pdf"
    write_bulletin(db, operator, info.id, pdf)
    assert "伤亡情况尚在核实。目前已知死亡 0 人,受伤 2 人,失踪 0 人" in pdf_text(pdf, layout=False).replace("\n", "")
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FINAL:
            emergencies.record_step(db, operator, step.id, "已报告", done_at=learned + timedelta(minutes=20))
    info = emergencies.mark_handled(db, operator, info.id, handled_at=learned + timedelta(hours=2))
    with pytest.raises(InvalidTransition, match="伤亡情况仍在核实.*取消“尚在核实”.*Art. 21"):
        emergencies.close(db, operator, info.id, "终报")
    info = emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="医院核实",
                                   injuries=3, casualties_unverified=False)
    assert not info.casualties_unverified
    assert "受伤 2 → 3;伤亡尚在核实 是 → 否" in _audit(db, "emergencies.amend_facts")[0].message
    with pytest.raises(ValidationFailed, match="应为是或否"):
        emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="x",
                                casualties_unverified="否")
    info = emergencies.close(db, operator, info.id, "伤员三人均已出院")
    assert info.state is EmergencyState.CLOSED
    pdf = tmp_path / "final.pdf"
    write_bulletin(db, operator, info.id, pdf)
    text = pdf_text(pdf, layout=False).replace("\n", "")
    # The facts as verified; how they were, under what the follow-ups brought up to date: no mistake corrected.
    facts, supplemented = text.split("续报补充、更新的事实")
    assert "死亡 0 人,受伤 3 人,失踪 0 人" in facts and "尚在核实" not in facts
    assert "受伤 2 → 3;伤亡尚在核实 是 → 否" in supplemented and "更正记录" not in text


@pytest.mark.law("Art. 21")
def test_a_follow_up_made_days_late_counts_each_missed_round_as_late(db, operator, tmp_path):
    """Art. 21: 及时报告 — at least one follow-up every 24 hours while open. Four days without one are
    four late follow-ups, not one: the evaluation's timeliness counts each round."""
    from pdftools import pdf_text

    from desktop.services.printing.bulletin import stage

    learned = utcnow() - timedelta(hours=118)  # the round due at 120 h has not fallen due yet
    info = _first_reports_made(db, operator, _report(db, operator, learned_at=learned))
    county = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    made = learned + timedelta(hours=97)  # owed since learned + 24 h; rounds fell due at 48, 72 and 96 h too
    info = emergencies.record_step(db, operator, county.id, "续报:已疏散", done_at=made)
    rounds = sorted((s for s in _steps(info, EmergencyStepKind.FOLLOW_UP) if s.to_level is HandlingLevel.COUNTY),
                    key=lambda s: s.due_at)
    assert [s.due_at - learned for s in rounds] == [timedelta(hours=h) for h in (24, 48, 72, 96, 121)]
    assert [s.missed_round for s in rounds] == [False, True, True, True, False]
    assert all(s.done_at == made and s.overdue() for s in rounds[:4]) and rounds[4].done_at is None
    assert "(另有 3 次续报漏报,一并计为超时)" in _audit(db, "emergencies.record_step")[-1].message
    assert stage(info) == "续报(第 1 次)"  # the missed rounds are no reports of their own
    pdf = tmp_path / "late.pdf"
    write_bulletin(db, operator, info.id, pdf)
    text = pdf_text(pdf, layout=False)
    # Printed once, on the front page as this bulletin's follow-up; listed among the reports made, pointing there.
    front, history = text.split("历次报送内容")
    assert text.count("漏报") == 4 and front.count("续报:已疏散") == 1 and "续报:已疏散" not in history
    assert "见上文“本次续报情况”" in history
    # The city, sent nothing since: its owed follow-up and the three rounds fallen due meanwhile count
    # as the county's do, not as one late step (a level that stopped reporting does not look better).
    owed = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.CITY]
    assert owed.rounds_behind() == 3 and owed.status() == "超时(又漏报 3 轮)"
    assert "超时(又漏报3轮)" in "".join(text.split())  # in the bulletin's status column, wrapped
    assert info.overdue_count() == len(info.overdue_steps()) + 3
    # Once handled, no follow-up is owed: rounds after the handling are not missed.
    city = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.CITY]
    info = emergencies.mark_handled(db, operator, info.id, handled_at=learned + timedelta(hours=50))
    info = emergencies.record_step(db, operator, city.id, "续报:已疏散", done_at=made)
    city_rounds = [s for s in _steps(info, EmergencyStepKind.FOLLOW_UP) if s.to_level is HandlingLevel.CITY]
    assert sorted(s.due_at - learned for s in city_rounds) == [timedelta(hours=24), timedelta(hours=48)]
    # The handling entered after the county's follow-up, dated before it: the county's rounds due after
    # the handling are no longer counted as missed either.
    county_rounds = [s for s in _steps(info, EmergencyStepKind.FOLLOW_UP) if s.to_level is HandlingLevel.COUNTY]
    assert sorted(s.due_at - learned for s in county_rounds) == [timedelta(hours=24), timedelta(hours=48)]


@pytest.mark.law("Art. 21")
def test_a_follow_up_to_a_level_waits_for_the_first_reports_to_it(db, operator):
    """A follow-up was recorded while the county had been told nothing, and the next follow-up's clock
    ran from it as if the first reports had gone out (Art. 21: a follow-up goes on from the first report)."""
    learned = utcnow() - timedelta(hours=30)
    info = _report(db, operator, learned_at=learned)
    county = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    with pytest.raises(InvalidTransition, match="报县\\(区\\)的电话首报、书面首报尚未登记:续报接续首报.*Art. 21"):
        emergencies.record_step(db, operator, county.id, "续报", done_at=learned + timedelta(hours=25))
    phone = _by_level(info, EmergencyStepKind.PHONE_FIRST)[HandlingLevel.COUNTY]
    info = emergencies.record_step(db, operator, phone.id, "电话报区值班室", done_at=learned + timedelta(minutes=20))
    with pytest.raises(InvalidTransition, match="报县\\(区\\)的书面首报尚未登记"):
        emergencies.record_step(db, operator, county.id, "续报", done_at=learned + timedelta(hours=25))
    assert len(_steps(info, EmergencyStepKind.FOLLOW_UP)) == 2  # no next follow-up set going by a refused one
    written = _by_level(info, EmergencyStepKind.WRITTEN_FIRST)[HandlingLevel.COUNTY]
    info = emergencies.record_step(db, operator, written.id, "书面报区", done_at=learned + timedelta(hours=26))
    # Nor dated before what it goes on from.
    with pytest.raises(ValidationFailed, match="应不早于书面首报.*Art. 21"):
        emergencies.record_step(db, operator, county.id, "续报", done_at=learned + timedelta(hours=25))
    info = emergencies.record_step(db, operator, county.id, "续报", done_at=learned + timedelta(hours=27))
    assert [s.due_at - learned for s in _steps(info, EmergencyStepKind.FOLLOW_UP)
            if s.to_level is HandlingLevel.COUNTY and s.done_at is None] == [timedelta(hours=51)]
    # The city's follow-up waits for the city's own first reports.
    with pytest.raises(InvalidTransition, match="报市的电话首报、书面首报尚未登记"):
        emergencies.record_step(db, operator, _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.CITY].id,
                                "续报", done_at=learned + timedelta(hours=27))


@pytest.mark.law("Art. 21")
def test_the_ladder_is_made_in_order(db, operator):
    """Art. 21: follow-ups one after another, the final report to every level at once, after the
    situation is handled — times that would score a late step as on time are refused."""
    learned = utcnow() - timedelta(hours=30)
    info = _first_reports_made(db, operator, _report(db, operator, learned_at=learned))
    first = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    info = emergencies.record_step(db, operator, first.id, "人员已疏散", done_at=learned + timedelta(hours=25))
    second = next(s for s in _steps(info, EmergencyStepKind.FOLLOW_UP)
                  if s.to_level is HandlingLevel.COUNTY and s.done_at is None)
    with pytest.raises(ValidationFailed, match="不早于上一次续报.*Art. 21"):
        emergencies.record_step(db, operator, second.id, "补贴已发放", done_at=learned + timedelta(hours=2))
    city = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.CITY]
    info = emergencies.record_step(db, operator, city.id, "人员已疏散", done_at=learned + timedelta(hours=25))
    info = emergencies.mark_handled(db, operator, info.id, handled_at=learned + timedelta(hours=26))
    final = _steps(info, EmergencyStepKind.FINAL)[0]
    with pytest.raises(InvalidTransition, match="请用“终报”登记.*Art. 21"):
        emergencies.record_step(db, operator, final.id, "终报")
    with pytest.raises(ValidationFailed, match="不早于处置完毕的时间"):
        emergencies.close(db, operator, info.id, "终报", done_at=learned + timedelta(hours=25))
    assert [r.id for r in emergencies.unacknowledged(db, operator)] == [info.id]
    closed = emergencies.close(db, operator, info.id, "终报")
    assert closed.state is EmergencyState.CLOSED and closed.acknowledged_at is None
    # Closed unacknowledged, it no longer takes over the wall (the desk's banner shows running reports only).
    assert emergencies.unacknowledged(db, operator) == []


def test_a_report_links_only_a_case_of_its_own_township(db, operator, system):
    elsewhere = take_in(db, system, channel=Channel.GRID_STAFF, title="路灯不亮", description="路灯不亮",
                        category=MatterCategory.DISPUTE, township_code="450503100000").case
    with pytest.raises(ValidationFailed, match=f"关联案件 {elsewhere.number} 不属于侨港镇"):
        _report(db, operator, case_id=elsewhere.id)
    assert emergencies.list_reports(db, operator) == []


@pytest.mark.law("Art. 21")
@pytest.mark.law("Art. 15")
def test_acknowledgement_needs_the_supervisor_role_and_is_audited(db, operator, supervisor):
    info = _report(db, operator)
    assert [r.id for r in emergencies.unacknowledged(db, supervisor)] == [info.id]
    with pytest.raises(PermissionDenied, match="告警由侨港镇值班室的值班长以本人账号确认.*Art. 21"):
        emergencies.acknowledge(db, operator, info.id)
    with pytest.raises(PermissionDenied, match="须由值班长以本人账号确认.*--as"):
        emergencies.acknowledge(db, Actor.system("pytest"), info.id)
    acked = emergencies.acknowledge(db, supervisor, info.id)
    assert acked.acknowledged_by == "qg_sup" and acked.acknowledged_at is not None
    assert emergencies.unacknowledged(db, supervisor) == []
    with pytest.raises(InvalidTransition, match="已由 qg_sup"):
        emergencies.acknowledge(db, supervisor, info.id)
    with db.session() as session:
        entries = session.execute(
            select(AuditEntry.actor, AuditEntry.outcome, AuditEntry.target)
            .where(AuditEntry.action == "emergencies.acknowledge").order_by(AuditEntry.id)
        ).all()
    assert entries == [("qg_op", AuditOutcome.DENIED, f"emergency:{info.id}"),
                       ("system", AuditOutcome.DENIED, f"emergency:{info.id}"),
                       ("qg_sup", AuditOutcome.OK, f"emergency:{info.id}")]


@pytest.mark.law("Art. 21")
@pytest.mark.law("Art. 15")
def test_only_a_shift_supervisor_of_the_reports_township_acknowledges_its_alarm(db, system, operator, supervisor):
    """A county or city administrator acknowledged a township's alarm and gave its wall back, though nobody in
    that duty room had taken note. The acknowledgement is its shift supervisor's (SPEC §5): no administrator's,
    the township's own neither, nor a supervisor of the county's or of another township."""
    info = _report(db, operator)
    others = [_actor(db, system, "qg_admin", Role.TOWNSHIP_ADMIN),
              _actor(db, system, "yh_admin", Role.COUNTY_ADMIN, scope="450503000000"),
              _actor(db, system, "bh_admin", Role.CITY_ADMIN, scope=CITY),
              _actor(db, system, "yh_chief", Role.SUPERVISOR, scope="450503000000")]
    for actor in others:
        assert not emergencies.may_acknowledge(actor, QIAOGANG), actor.username
        with pytest.raises(PermissionDenied) as refused:
            emergencies.acknowledge(db, actor, info.id)
        assert ("告警由侨港镇值班室的值班长以本人账号确认" in refused.value.message
                and refused.value.message.endswith("(Art. 21)")), actor.username
    another_townships = _actor(db, system, "yt_chief", Role.SUPERVISOR, scope="450503101000")
    assert not emergencies.may_acknowledge(another_townships, QIAOGANG)
    with pytest.raises(PermissionDenied, match="没有在 侨港\\(450503103000\\) 查看的权限"):  # nor sees it
        emergencies.acknowledge(db, another_townships, info.id)
    assert emergencies.unacknowledged(db, supervisor)[0].id == info.id
    assert emergencies.may_acknowledge(supervisor, QIAOGANG) and not emergencies.may_acknowledge(system, QIAOGANG)
    assert emergencies.acknowledge(db, supervisor, info.id).acknowledged_by == "qg_sup"
    refusals = [(e.actor, e.outcome, e.place_code) for e in _audit(db, "emergencies.acknowledge")][:-1]
    assert refusals == [(a.username, AuditOutcome.DENIED, QIAOGANG) for a in (*others, another_townships)]


@pytest.mark.law("Art. 15")
def test_reporting_outside_ones_township_is_refused_and_not_seen(db, system, operator):
    stranger = _actor(db, system, "hc_op", Role.OPERATOR, scope="450502001000")
    with pytest.raises(PermissionDenied, match="报告紧急情况"):
        _report(db, stranger)
    _report(db, operator)
    assert emergencies.list_reports(db, stranger) == []
    assert len(emergencies.list_reports(db, operator)) == 1


@pytest.mark.law("Art. 21")
def test_bad_report_names_each_field_and_writes_nothing(db, operator):
    learned = utcnow() - timedelta(hours=1)
    with pytest.raises(ValidationFailed) as caught:
        _report(db, operator, learned_at=learned, occurred_at=learned + timedelta(minutes=5), deaths=-1, title="",
                lon=109.1, lat=None)
    problems = "\n".join(caught.value.problems)
    for name in ("title", "learned_at", "deaths", "lon/lat"):
        assert name in problems
    with pytest.raises(ValidationFailed) as caught:  # 0, 0 for "unknown": no place in Beihai
        _report(db, operator, lon=0.0, lat=0.0)
    assert any("(0.0, 0.0) 远在北海市及北部湾海域以外" in problem for problem in caught.value.problems)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(EmergencyReport)) == 0


@pytest.mark.law("Art. 21")
def test_a_boat_in_the_gulf_is_reported_where_it_is_and_a_point_stored_is_not_judged_again(db, operator):
    """The Gulf's common fishing zone, where 侨港's fleet works, is no mistake; and a report whose point was stored
    by earlier rules is corrected (a death, a follow-up's news) without its point being refused."""
    at_sea = _report(db, operator, lon=107.5, lat=18.9)
    assert (at_sea.lon, at_sea.lat) == (107.5, 18.9)
    with db.session() as session:  # stored before the rule, far off
        session.get(EmergencyReport, at_sea.id).lon = 104.0
        session.commit()
    stored = emergencies.get_report(db, operator, at_sea.id)
    amended = emergencies.amend_facts(db, operator, at_sea.id, expected_version=stored.version, reason="医院核实",
                                      deaths=1)
    assert amended.deaths == 1 and amended.lon == 104.0
    with pytest.raises(ValidationFailed, match="远在北海市及北部湾海域以外"):  # given anew, it is judged
        emergencies.amend_facts(db, operator, at_sea.id, expected_version=amended.version, reason="定位", lon=0.0,
                                lat=0.0)


def test_a_located_report_is_routed_to_its_grid(db, system, operator):
    box = shapely.box(109.10, 21.41, 109.11, 21.42)
    places.create_grid(db, system, village_code=QIAOBEI, code=GRID_CODE, name="侨北第一网格",
                       geometry=shapely.to_wkb(box), bounds=box.bounds)
    info = _report(db, operator, township_code=None, lon=109.105, lat=21.415)
    assert info.grid_code == GRID_CODE and info.township_code == QIAOGANG
    with pytest.raises(ValidationFailed, match="所属乡镇"):
        _report(db, operator, township_code=None, lon=108.0, lat=21.0)


def test_ladder_clocks_come_from_the_setting(db, system, operator):
    with db.session() as session:
        session.add(Setting(key=emergencies.LADDER_SETTING,
                            value={"phone_first_minutes": 15, "report_to": ["county"]}))
        session.commit()
    learned = utcnow() - timedelta(minutes=5)
    info = _report(db, operator, learned_at=learned)
    assert {s.to_level for s in info.steps} == {HandlingLevel.COUNTY}
    phone = _steps(info, EmergencyStepKind.PHONE_FIRST)[0]
    assert phone.due_at == learned + timedelta(minutes=15)


def _grid(db, system, code=GRID_CODE, village=QIAOBEI, corner=(109.10, 21.41)):
    box = shapely.box(*corner, corner[0] + 0.01, corner[1] + 0.01)
    places.create_grid(db, system, village_code=village, code=code, name=f"网格 {code[-3:]}",
                       geometry=shapely.to_wkb(box), bounds=box.bounds)


def _audit(db, action):
    with db.session() as session:
        return session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


@pytest.mark.law("Art. 21")
def test_amended_facts_keep_before_and_after_in_the_audit_and_the_case_timeline(db, operator):
    case = take_in(db, operator, channel=Channel.GRID_STAFF, title="渔民聚集", description="补贴问题聚集",
                   category=MatterCategory.DISPUTE, township_code=QIAOGANG).case
    info = _report(db, operator, case_id=case.id)
    amended = emergencies.amend_facts(
        db, operator, info.id, expected_version=info.version, reason="16:00 续报:伤员增加,已升级处置",
        injuries=3, deaths=0, level=EmergencyLevel.LEVEL_III, measures=" 区公安分局已到场维持秩序 ",
    )
    assert (amended.injuries, amended.deaths, amended.level) == (3, 0, EmergencyLevel.LEVEL_III)
    assert amended.measures == "区公安分局已到场维持秩序" and amended.version > info.version
    changes = {
        "injuries": {"before": 1, "after": 3},
        "level": {"before": "iv", "after": "iii"},
        "measures": {"before": "镇综治中心已派员到场劝导", "after": "区公安分局已到场维持秩序"},
    }  # deaths was given unchanged, so it is not among the changes
    entry = _audit(db, "emergencies.amend_facts")[-1]
    assert entry.target == f"emergency:{info.id}" and entry.outcome is AuditOutcome.OK
    assert entry.detail["changes"] == changes and entry.detail["reason"] == "16:00 续报:伤员增加,已升级处置"
    assert entry.message.startswith(f"续报补充紧急情况报告 {info.number} 的事实(16:00 续报")
    assert entry.detail["correction"] is False  # news of a follow-up, no mistake put right
    assert "受伤 1 → 3" in entry.message and "级别 一般(IV级) → 较大(III级)" in entry.message
    with db.session() as session:
        event = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)).all()[-1]
        feed = session.scalars(select(ChangeFeed).where(ChangeFeed.topic == "emergencies")
                               .order_by(ChangeFeed.id.desc())).first()
    assert event.kind == "emergency_amended" and event.actor_name == "qg_op" and event.message == entry.message
    assert event.detail["changes"] == changes and event.detail["emergency"] == info.number
    assert feed.entity_id == info.id


def test_a_report_without_a_case_is_amended_and_a_new_location_finds_its_grid(db, system, operator):
    _grid(db, system)
    info = _report(db, operator)
    amended = emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="现场核实位置",
                                      lon=109.105, lat=21.415, place_text="侨港渔港 3 号泊位")
    assert (amended.grid_code, amended.township_code, amended.place_text) == (GRID_CODE, QIAOGANG, "侨港渔港 3 号泊位")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == 0


@pytest.mark.law("Art. 21")
def test_a_stale_amendment_names_who_changed_the_report_and_when(db, operator, supervisor, tmp_path):
    info = _report(db, operator)
    acked = emergencies.acknowledge(db, supervisor, info.id)
    write_bulletin(db, operator, info.id, tmp_path / "bulletin.pdf")  # printing changes nothing
    with pytest.raises(Conflict) as caught:  # the command line's way: without the facts shown, any change refuses
        emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="续报", deaths=1)
    when = acked.acknowledged_at.astimezone(BEIJING)
    assert caught.value.message in {f"紧急情况报告 {info.number} 已被 qg_sup 于 {(when + timedelta(minutes=m)):%m-%d %H:%M} "
                                    "修改,请重新载入" for m in (-1, 0, 1)}
    assert emergencies.get_report(db, operator, info.id).deaths == 0


@pytest.mark.law("Art. 21")
def test_a_correction_made_on_the_facts_shown_is_refused_only_where_a_fact_changed_since(db, system, operator,
                                                                                        supervisor):
    """The supervisor's acknowledgement changes no fact, yet the operator's correction typed meanwhile was refused
    "已被 值班长 … 修改" and could not be saved again. Another desk's correction of a fact still refuses it, naming
    who corrected it, not who acknowledged since."""
    info = _report(db, operator)
    emergencies.acknowledge(db, supervisor, info.id)
    amended = emergencies.amend_facts(db, operator, info.id, expected_version=info.version,
                                      seen=emergencies.facts(info), reason="续报", deaths=1)
    assert amended.deaths == 1 and amended.acknowledged_by == "qg_sup"
    other = _actor(db, system, "qg_op2", Role.OPERATOR)
    corrected = emergencies.amend_facts(db, other, info.id, expected_version=amended.version,
                                        seen=emergencies.facts(amended), reason="医院核实", injuries=2)
    phone_first = _by_level(corrected, EmergencyStepKind.PHONE_FIRST)[HandlingLevel.COUNTY]
    emergencies.record_step(db, supervisor, phone_first.id, "电话报区值班室")  # the last change, but not of a fact
    with pytest.raises(Conflict) as caught:
        emergencies.amend_facts(db, operator, info.id, expected_version=amended.version,
                                seen=emergencies.facts(amended), reason="续报", missing=1)
    [entry] = [e for e in _audit(db, "emergencies.amend_facts") if e.actor == "qg_op2"]
    assert caught.value.message == (f"紧急情况报告 {info.number} 已被 qg_op2 于 "
                                    f"{beijing_text(entry.at, '%m-%d %H:%M')} 修改,请重新载入")
    now = emergencies.get_report(db, operator, info.id)
    assert (now.injuries, now.missing) == (2, 0)
    emergencies.amend_facts(db, operator, info.id, expected_version=now.version, seen=emergencies.facts(now),
                            reason="续报", missing=1)  # on the facts as they are now
    assert emergencies.get_report(db, operator, info.id).missing == 1


@pytest.mark.law("Art. 21")
def test_amending_needs_a_reason_and_only_facts_of_the_form_that_may_change(db, operator):
    info = _report(db, operator)
    with pytest.raises(ValidationFailed) as caught:
        emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="  ",
                                learned_at=utcnow(), township_code="450502001000", number="KB1", deaths="两人",
                                level="v", measures=None)
    problems = "\n".join(caught.value.problems)
    assert "更正原因(reason)" in problems and "获知时间(learned_at):报告时限自获知时间起算" in problems
    assert "所属乡镇(township_code)" in problems and "number:不是紧急情况报告可更正的事实" in problems
    assert "死亡(deaths):应为整数人数" in problems and "级别(level):无此级别 'v'" in problems
    assert "已采取的措施(measures):应为文字" in problems
    with pytest.raises(ValidationFailed) as caught:
        emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="续报", deaths=-1,
                                title="", occurred_at=info.learned_at + timedelta(minutes=1), lon=109.1)
    problems = "\n".join(caught.value.problems)
    for name in ("deaths", "title", "learned_at", "lon/lat"):
        assert name in problems
    with pytest.raises(ValidationFailed, match="没有变化"):
        emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="续报",
                                injuries=1, title=" 渔港码头聚集 ")
    assert emergencies.get_report(db, operator, info.id).version == info.version
    assert _audit(db, "emergencies.amend_facts") == []


@pytest.mark.law("Art. 21")
def test_a_location_in_another_township_is_refused(db, system, operator):
    _grid(db, system, code="450502001003001", village="450502001003", corner=(109.20, 21.50))
    info = _report(db, operator)
    with pytest.raises(ValidationFailed, match="不在本报告所属乡镇.*另行报告"):
        emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="核实位置",
                                lon=109.205, lat=21.505)


@pytest.mark.law("Art. 21")
def test_a_closed_report_is_not_amended(db, operator):
    learned = utcnow() - timedelta(hours=3)
    info = emergencies.mark_handled(db, operator, _report(db, operator, learned_at=learned).id,
                                    handled_at=learned + timedelta(hours=2))
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FINAL:
            emergencies.record_step(db, operator, step.id, "已报", done_at=learned + timedelta(minutes=20))
    info = emergencies.close(db, operator, info.id, "已平息")
    with pytest.raises(InvalidTransition, match="已终报结束,事实以终报为准.*Art. 21"):
        emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="补充", deaths=1)


@pytest.mark.law("Art. 15")
def test_amending_outside_ones_township_is_refused_and_audited(db, system, operator):
    stranger = _actor(db, system, "hc_op", Role.OPERATOR, scope="450502001000")
    info = _report(db, operator)
    with pytest.raises(PermissionDenied, match="报告紧急情况的权限"):
        emergencies.amend_facts(db, stranger, info.id, expected_version=info.version, reason="续报", deaths=1)
    [refusal] = _audit(db, "emergencies.amend_facts")
    assert (refusal.actor, refusal.outcome, refusal.target) == ("hc_op", AuditOutcome.DENIED, f"emergency:{info.id}")


@pytest.fixture
def city_admin(db, system):
    return _actor(db, system, "bh_admin", Role.CITY_ADMIN, scope=CITY)


@pytest.mark.law("Art. 21")
@pytest.mark.law("Art. 21")
def test_the_bulletin_counts_a_round_of_follow_ups_once_and_goes_to_the_levels_its_ladder_reports_to(
        db, operator, city_admin, tmp_path):
    from pdftools import pdf_text

    from desktop.services.printing.bulletin import stage

    learned = utcnow() - timedelta(hours=30)
    info = _first_reports_made(db, operator, _report(db, operator, learned_at=learned))
    assert stage(info) == "首报"
    for step in _steps(info, EmergencyStepKind.FOLLOW_UP):  # one round: to the county and to the city
        info = emergencies.record_step(db, operator, step.id, "续报进展", done_at=learned + timedelta(hours=23))
    assert stage(info) == "续报(第 1 次)"
    emergencies.configure_ladder(db, city_admin, report_to=["county"])
    county_only = _report(db, operator)
    pdf = tmp_path / "county.pdf"
    write_bulletin(db, operator, county_only.id, pdf)
    text = pdf_text(pdf, layout=False)
    assert "主送:银海区网格化服务管理机构\n" in text and "北海市网格化服务管理机构" not in text


@pytest.mark.law("Art. 21")
@pytest.mark.law("Art. 15")
def test_duty_phones_of_the_levels_reported_to_are_shown_with_each_report(db, operator, city_admin, supervisor):
    """Whom to call at 3 a.m.: the county's and the city's duty rooms, entered once city-wide."""
    with pytest.raises(PermissionDenied, match="设定紧急情况报送对象的值班电话"):
        emergencies.configure_duty_phones(db, supervisor, {"450503000000": "0779-3030110"})
    with pytest.raises(ValidationFailed) as caught:
        emergencies.configure_duty_phones(db, city_admin, {QIAOGANG: "0779-1", "450503000000": "值班室"})
    assert caught.value.problems == [
        f"{QIAOGANG}:不是市或县(区)的区划代码;值班电话只为报送对象(县区、市)录入",
        "银海区(450503000000):'值班室' 不像电话号码(如 0779-2020110)"]
    phones = emergencies.configure_duty_phones(db, city_admin, {"450503000000": " 0779-3030110 ",
                                                                 "450500000000": "0779-2020110"})
    assert phones == {"450500000000": "0779-2020110", "450503000000": "0779-3030110"}
    info = _report(db, operator)
    assert info.duty_phones == {HandlingLevel.COUNTY: "银海区 0779-3030110", HandlingLevel.CITY: "北海市 0779-2020110"}
    assert emergencies.configure_duty_phones(db, city_admin, {"450500000000": ""}) == {"450503000000": "0779-3030110"}
    assert emergencies.get_report(db, operator, info.id).duty_phones == {HandlingLevel.COUNTY: "银海区 0779-3030110"}
    assert [e.outcome for e in _audit(db, "emergencies.duty_phones")] == [
        AuditOutcome.DENIED, AuditOutcome.OK, AuditOutcome.OK]


@pytest.mark.law("Art. 21")
def test_a_report_names_the_levels_owed_a_rung_whose_duty_phone_nobody_entered(db, operator, city_admin):
    """Art. 21: 及时报告 — whoever reports at 3 a.m. with no number to call is told so, by the place's name,
    not left with a deadline alone; a level owed nothing more is not named."""
    info = _report(db, operator)
    assert info.owed_without_phone() == {HandlingLevel.COUNTY: "银海区", HandlingLevel.CITY: "北海市"}
    emergencies.configure_duty_phones(db, city_admin, {"450503000000": "0779-3030110"})
    info = emergencies.get_report(db, operator, info.id)
    assert info.owed_without_phone() == {HandlingLevel.CITY: "北海市"}
    for step in _steps(info, EmergencyStepKind.PHONE_FIRST) + _steps(info, EmergencyStepKind.WRITTEN_FIRST):
        info = emergencies.record_step(db, operator, step.id, "已报")
    info = emergencies.mark_handled(db, operator, info.id)  # the follow-ups not yet due are dropped
    assert {step.kind for step in info.steps if step.done_at is None} == {EmergencyStepKind.FINAL}
    assert info.owed_without_phone() == {HandlingLevel.CITY: "北海市"}  # the final report is owed to the city
    info = emergencies.close(db, operator, info.id, "已平息")
    assert info.owed_without_phone() == {}


@pytest.mark.law("Art. 21")
@pytest.mark.law("Art. 15")
def test_duty_phones_are_the_city_administrators_to_enter_not_an_evaluation_setting(db, system, supervisor,
                                                                                     city_admin):
    """A supervisor was refused "…值班电话(需有综合评价权限)": the duty rooms are no yardstick of the evaluation
    but the city's and the counties' own, entered city-wide with the administrative tree they belong to."""
    city_supervisor = _actor(db, system, "bh_chief", Role.SUPERVISOR, scope=CITY)  # evaluates city-wide
    for actor in (supervisor, city_supervisor):
        assert not emergencies.may_configure_duty_phones(actor)
        with pytest.raises(PermissionDenied, match="不能设定紧急情况报送对象的值班电话:.*请由市级管理员办理.*Art. 15") as refused:
            emergencies.configure_duty_phones(db, actor, {"450503000000": "0779-3030110"})
        assert "综合评价" not in str(refused.value)
    assert emergencies.may_configure_duty_phones(city_admin) and emergencies.may_configure_duty_phones(system)
    assert emergencies.configure_duty_phones(db, city_admin, {"450503000000": "0779-3030110"}) == {
        "450503000000": "0779-3030110"}
    assert [e.outcome for e in _audit(db, "emergencies.duty_phones")] == [AuditOutcome.DENIED] * 2 + [AuditOutcome.OK]


@pytest.mark.law("Art. 21")
def test_duty_phones_take_a_places_code_given_short_as_every_other_command_does(db, city_admin):
    """`emergencies phones --set 4505=… 450503=…` was refused as "not a city's or county's code"."""
    assert emergencies.configure_duty_phones(db, city_admin, {"4505": "0779-2020110", "450503": "0779-3030110"}) == {
        "450500000000": "0779-2020110", "450503000000": "0779-3030110"}
    with pytest.raises(ValidationFailed) as caught:
        emergencies.configure_duty_phones(db, city_admin, {"450503": "0779-3030111", "450503000000": "0779-3030112"})
    assert caught.value.problems == ["450503000000:与 450503 是同一地方,请只写一次"]
    assert emergencies.load_duty_phones(db)["450503000000"] == "0779-3030110"


def test_configured_ladder_applies_to_reports_made_afterwards(db, operator, city_admin):
    learned = utcnow() - timedelta(hours=3)
    earlier = _report(db, operator, learned_at=learned)
    rule = emergencies.configure_ladder(db, city_admin, phone_first_minutes=20, written_first_minutes=45,
                                        follow_up_hours=12, report_to=["county"])
    assert rule == emergencies.LadderRule(20, 45, 12, 5, (HandlingLevel.COUNTY,))
    assert emergencies.load_ladder(db) == rule
    later = _report(db, operator, learned_at=learned)
    assert {(s.kind, s.to_level): s.due_at - learned for s in later.steps} == {
        (EmergencyStepKind.PHONE_FIRST, HandlingLevel.COUNTY): timedelta(minutes=20),
        (EmergencyStepKind.WRITTEN_FIRST, HandlingLevel.COUNTY): timedelta(minutes=45),
        (EmergencyStepKind.FOLLOW_UP, HandlingLevel.COUNTY): timedelta(hours=12),
    }
    # The earlier report keeps its due times and still reports to both levels, to the end.
    assert emergencies.get_report(db, operator, earlier.id).steps == earlier.steps
    handled = emergencies.mark_handled(db, operator, earlier.id, handled_at=learned + timedelta(hours=1))
    assert {s.to_level for s in _steps(handled, EmergencyStepKind.FINAL)} == {HandlingLevel.COUNTY, HandlingLevel.CITY}
    entry = _audit(db, "emergencies.configure_ladder")[-1]
    assert entry.target == emergencies.LADDER_SETTING and entry.actor == "bh_admin"
    assert entry.detail["before"]["phone_first_minutes"] == 30 and entry.detail["after"]["report_to"] == ["county"]
    assert "此后报告的紧急情况适用" in entry.message


@pytest.mark.law("Art. 21")
def test_ladder_clocks_must_be_positive_and_in_order(db, city_admin):
    with pytest.raises(ValidationFailed) as caught:
        emergencies.configure_ladder(db, city_admin, phone_first_minutes=0, follow_up_hours=1.5, final_working_days=True,
                                     report_to=["township"], escalate_after=3)
    problems = "\n".join(caught.value.problems)
    for text in ("电话首报时限(phone_first_minutes):应为正整数(分钟)", "续报间隔(follow_up_hours)",
                 "终报时限(final_working_days)", "报送对象(report_to):应为县(区)county、市 city 中的一个或两个,不是 township",
                 "escalate_after:不是报告时限的设置项"):
        assert text in problems
    # A clock past LADDER_LIMITS is a typo; one past what a timedelta holds would stop every later report.
    with pytest.raises(ValidationFailed) as caught:
        emergencies.configure_ladder(db, city_admin, written_first_minutes=48 * 60 + 1, follow_up_hours=10 ** 20)
    assert caught.value.problems == ["书面首报时限(written_first_minutes):不能超过 2880 分钟,不是 2881(紧急情况应当及时报告)",
                                     f"续报间隔(follow_up_hours):不能超过 720 小时,不是 {10 ** 20}(紧急情况应当及时报告)"]
    assert "Art. 21" in caught.value.message
    with pytest.raises(ValidationFailed, match="报送对象"):
        emergencies.configure_ladder(db, city_admin, report_to=[])
    for values, names in (
        (dict(phone_first_minutes=90), ("phone_first_minutes", "written_first_minutes")),
        (dict(phone_first_minutes=60, written_first_minutes=60), None),  # equal is in order
        # Follow-ups and the final report are not ordered against the first reports (Art. 21 sets no numbers).
        (dict(written_first_minutes=25 * 60, follow_up_hours=49, final_working_days=1), None),
    ):
        if names is None:
            emergencies.configure_ladder(db, city_admin, **values)
            continue
        with pytest.raises(ValidationFailed) as caught:
            emergencies.configure_ladder(db, city_admin, **values)
        first, then = names
        assert f"({first})不能长于" in caught.value.problems[0] and f"({then})" in caught.value.problems[0]
    assert emergencies.load_ladder(db) == emergencies.LadderRule(
        phone_first_minutes=60, written_first_minutes=25 * 60, follow_up_hours=49, final_working_days=1)


@pytest.mark.law("Art. 21")
@pytest.mark.law("Art. 15")
def test_only_the_city_administrator_sets_the_ladder_and_is_told_so_before_any_value(db, system, supervisor,
                                                                                    city_admin):
    """The refusal named the evaluation right ("…报告时限(需有综合评价权限)"), and a city-wide supervisor, who
    evaluates, could set the clocks; a mistyped setting was answered with its correction before the refusal."""
    township_admin = _actor(db, system, "qg_admin", Role.TOWNSHIP_ADMIN)
    county_admin = _actor(db, system, "yh_admin", Role.COUNTY_ADMIN, scope="450503000000")
    city_supervisor = _actor(db, system, "bh_chief", Role.SUPERVISOR, scope=CITY)
    auditor = _actor(db, system, "bh_audit", Role.AUDITOR, scope=CITY)
    for actor in (supervisor, township_admin, county_admin, city_supervisor, auditor):
        assert not emergencies.may_configure_ladder(actor)
        for values in (dict(follow_up_hours=12), dict(phone_frist_minutes=60)):
            with pytest.raises(PermissionDenied) as refused:
                emergencies.configure_ladder(db, actor, **values)
            assert refused.value.message == (f"用户“{actor.display_name}”不能设定紧急情况报告时限:报告时限全市统一,"
                                             "须有在北海市设定紧急情况报告时限的权限;请由市级管理员办理(Art. 15)")
    assert emergencies.may_configure_ladder(city_admin) and emergencies.may_configure_ladder(system)
    assert emergencies.load_ladder(db) == emergencies.LadderRule()
    assert [(e.outcome, e.place_code) for e in _audit(db, "emergencies.configure_ladder")] == [
        (AuditOutcome.DENIED, CITY)] * 10



def test_a_bulletin_of_a_summary_longer_than_a_page_flows_on_and_keeps_every_line(db, operator, tmp_path):
    """A report grows with each follow-up: a long summary, casualties listed line by line. A table
    row taller than a page had failed the whole print."""
    from pdftools import pdf_text

    lines = [f"第{n}名伤员:渔民,男,轻伤,已送市人民医院" for n in range(1, 61)]
    info = _report(db, operator, summary="\n".join(lines), measures="镇综治中心已派员到场劝导。" * 120)
    pdf = tmp_path / "bulletin.pdf"
    pages = write_bulletin(db, operator, info.id, pdf)
    text = pdf_text(pdf, layout=False)
    assert pages >= 2 and all(line in text for line in (lines[0], lines[29], lines[-1]))
    assert "签发人" in text.split("事件概要")[0]  # in the head, never alone on a last page
    feet = text.replace(" ", "")
    assert f"第1页共{pages}页" in feet and f"第{pages}页共{pages}页" in feet


def test_the_long_texts_of_a_bulletin_flow_over_pages_each_under_its_own_label(db, operator, tmp_path):
    """The facts table had repeated its first row (事件标题) on each page a long summary ran on to, and
    the measures went on under it."""
    from pdftools import pdf_text

    summary = "".join(f"概要第{n}句:渔民因补贴发放延迟聚集在码头,部分人员情绪激动。" for n in range(1, 61))
    measures = "".join(f"措施第{n}条:派出所、司法所工作人员已赶赴现场劝解。" for n in range(1, 61))
    info = _report(db, operator, summary=summary, measures=measures)
    pdf = tmp_path / "bulletin.pdf"
    assert write_bulletin(db, operator, info.id, pdf) >= 2
    pages = pdf_text(pdf, layout=False).replace("\n", "").split("\f")
    text = "".join(pages)
    assert [text.count(label) for label in ("事件标题", "事件概要", "处置措施")] == [1, 1 + text.count("事件概要(续)"),
                                                                             1 + text.count("处置措施(续)")]
    order = ["事件标题", "事件概要", "概要第1句", "概要第60句", "处置措施", "措施第1条", "措施第60条", "报告进度"]
    assert [text.index(mark) for mark in order] == sorted(text.index(mark) for mark in order)
    # A page that opens in the middle of a text says whose text it is, and only then.
    assert not [page[:20] for page in pages[1:] if page.lstrip().startswith(("概要第", "措施第"))]
    continued = [page for page in pages[1:] if "(续)" in page]
    assert continued and all(page.lstrip().startswith(("事件概要(续)", "处置措施(续)")) for page in continued)


def test_a_bulletins_list_heading_never_ends_a_page_and_续_opens_only_a_page_it_runs_on_to(db, operator, tmp_path):
    """历次报送内容 had stood alone at the foot of a page, its reports all on the next, which opened
    with 历次报送内容(续) though nothing of it came before. Summaries of every length up to a page
    push the heading past each position at the foot of the first page."""
    from pdftools import pdf_text

    info = _report(db, operator)
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FOLLOW_UP:
            emergencies.record_step(db, operator, step.id, f"已报{step.to_level.label}{step.kind.label}")
    pdf, moved = tmp_path / "bulletin.pdf", 0
    for lines in range(1, 30):
        info = emergencies.get_report(db, operator, info.id)
        emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="核实",
                                summary="\n".join(f"第{n}条情况:渔民聚集,已劝导" for n in range(lines)))
        write_bulletin(db, operator, info.id, pdf)
        pages = [[line for line in page.splitlines() if line.strip() and "页" not in line]
                 for page in pdf_text(pdf, layout=False).split("\f") if page.strip()]
        assert all(page[-1] != "历次报送内容" for page in pages), lines
        for before, page in zip(pages, pages[1:]):
            if page[0] == "历次报送内容(续)":
                assert before[-1].startswith(tuple("0123456789")) and "历次报送内容" in before, lines
        moved += any(page[0] == "历次报送内容" for page in pages[1:])
        if moved:
            break
    assert moved  # the heading was pushed over to a page of its own at least once


@pytest.mark.law("Art. 21")
def test_a_bulletins_head_gives_the_time_of_the_report_it_is_not_the_print_time(db, operator, tmp_path):
    import re

    from pdftools import pdf_text

    learned = (utcnow() - timedelta(hours=5)).replace(second=0, microsecond=0)
    info = _report(db, operator, learned_at=learned, people_involved=0)
    pdf = tmp_path / "first.pdf"
    write_bulletin(db, operator, info.id, pdf)
    text = pdf_text(pdf, layout=False)
    flat = text.replace("\n", "")
    assert "报送时间:尚未报送" in flat and "打印时间:" in flat
    assert "涉及人员无" in flat and "约 0 人" not in flat
    assert "　" not in text and "  " not in text  # the head is laid out, not spaced out
    # Each deadline on one line: day and time together.
    assert len(re.findall(r"\d\d月\d\d日 \d\d:\d\d", text)) >= len(info.steps)
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FOLLOW_UP:
            emergencies.record_step(db, operator, step.id, "已报告", done_at=learned + timedelta(minutes=20))
    emergencies.mark_handled(db, operator, info.id, handled_at=learned + timedelta(hours=3))
    final = learned + timedelta(hours=3, minutes=30)
    emergencies.close(db, operator, info.id, "终报", done_at=final)
    write_bulletin(db, operator, info.id, pdf)
    flat = pdf_text(pdf, layout=False).replace("\n", "")
    assert "信息快报(终报)" in flat
    assert f"报送时间:{final.astimezone(BEIJING):%Y年%m月%d日 %H:%M}" in flat


@pytest.mark.law("Art. 21")
def test_a_bulletin_after_the_final_report_leads_with_the_result_and_tells_follow_ups_from_corrections(
        db, operator, supervisor, tmp_path):
    """Art. 21: the final report states how the situation ended. Printed after it, the bulletin's front
    page gave the first report's summary (约40名) beside 涉及人员 60 and the result only on page 2; and
    each fact a follow-up brought was listed under 更正记录, as if the township had reported wrong."""
    from pdftools import pdf_text

    learned = utcnow() - timedelta(hours=50)
    info = _report(db, operator, learned_at=learned, summary="约40名渔民因补贴发放问题聚集", people_involved=40,
                   casualties_unverified=True)
    info = _first_reports_made(db, operator, info)
    info = emergencies.amend_facts(db, supervisor, info.id, expected_version=info.version, correction=True,
                                   reason="地点误录", place_text="侨港渔港二号码头")
    info = emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="续报:人数增至60人",
                                   people_involved=60)
    for hours, news in ((23, "续报:派出所到场维持秩序"), (45, "续报:补贴开始发放,人员逐步散去")):
        for step in _steps(info, EmergencyStepKind.FOLLOW_UP):
            if step.done_at is None:
                info = emergencies.record_step(db, operator, step.id, news, done_at=learned + timedelta(hours=hours))
    pdf = tmp_path / "follow_up.pdf"
    write_bulletin(db, operator, info.id, pdf)
    front = pdf_text(pdf, layout=False).replace("\n", "").split("\f")[0]
    assert "本次续报情况续报:补贴开始发放,人员逐步散去" in front  # each level's, told once
    info = emergencies.mark_handled(db, operator, info.id, handled_at=learned + timedelta(hours=46))
    info = emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="医院核实",
                                   casualties_unverified=False)
    emergencies.close(db, operator, info.id, "补贴已全部发放,人员散去,伤者已出院")
    pdf = tmp_path / "final.pdf"
    write_bulletin(db, operator, info.id, pdf)
    front, *rest = pdf_text(pdf, layout=False).replace("\n", "").split("\f")
    assert front.index("涉及人员约 60 人") < front.index("处置结果(终报)补贴已全部发放,人员散去,伤者已出院") \
        < front.index("事件概要(首报所述)约40名渔民")
    history = "".join("".join(rest).split())  # spaces dropped: a line may wrap at any of them
    # The result leads the front page once; the list of reports made points to it, not printing it again.
    assert "补贴已全部发放" not in history and history.count("终报(报县(区),qg_op):见上文“处置结果(终报)”") == 1
    assert "续报:补贴开始发放,人员逐步散去" in history  # an earlier report: on no other page
    supplemented, corrected = history.split("续报补充、更新的事实")[1].split("更正记录")
    assert "涉及人数40→60" in supplemented and "伤亡尚在核实是→否" in supplemented
    assert "地点侨港渔港码头→侨港渔港二号码头" in corrected and "涉及人数" not in corrected
    assert "尚在核实" not in corrected


@pytest.mark.law("Art. 21")
def test_each_rung_of_a_linked_report_is_on_the_case_timeline(db, operator):
    case = take_in(db, operator, channel=Channel.GRID_STAFF, title="渔民聚集", description="补贴问题聚集",
                   category=MatterCategory.DISPUTE, township_code=QIAOGANG).case
    learned = utcnow() - timedelta(hours=3)
    info = _report(db, operator, learned_at=learned, case_id=case.id)
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FOLLOW_UP:
            emergencies.record_step(db, operator, step.id, "已报", done_at=learned + timedelta(minutes=20))
    emergencies.mark_handled(db, operator, info.id, handled_at=learned + timedelta(hours=2))
    emergencies.close(db, operator, info.id, "补贴已发放,人员散去")
    with db.session() as session:
        events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)).all()
    kinds = [e.kind for e in events if e.kind.startswith("emergency_")]
    assert kinds == ["emergency_reported"] + ["emergency_step"] * 4 + ["emergency_handled", "emergency_closed"]
    assert events[-1].message == f"紧急情况 {info.number} 终报:补贴已发放,人员散去" and events[-1].actor_name == "qg_op"


def _both_read_then_act(monkeypatch, *desks) -> list:
    """Run each desk (a callable) on its own thread at once; each, having read the report, waits (up to
    a second) for the other to have read it too, as two desks acting at the same moment would. A desk
    made to wait for the other's lock meanwhile never reaches that point, and the first goes on alone."""
    read = emergencies.load_report_for
    both_read, start = threading.Barrier(len(desks)), threading.Barrier(len(desks))

    def reading(*args, **kwargs):
        record = read(*args, **kwargs)
        try:
            both_read.wait(timeout=1)
        except threading.BrokenBarrierError:
            pass
        return record

    monkeypatch.setattr(emergencies, "load_report_for", reading)
    outcomes = [None] * len(desks)

    def run(index, desk):
        start.wait()
        try:
            outcomes[index] = desk()
        except Exception as exc:  # noqa: BLE001 - the outcome under test
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(desks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.law("Art. 21")
def test_two_supervisors_acknowledging_at_once_the_second_is_told_who_did_and_when(db, backend, system, operator,
                                                                                  supervisor, monkeypatch):
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    other = _actor(db, system, "qg_sup2", Role.SUPERVISOR)
    info = _report(db, operator)
    outcomes = _both_read_then_act(monkeypatch, lambda: emergencies.acknowledge(db, supervisor, info.id),
                                   lambda: emergencies.acknowledge(db, other, info.id))
    [refused] = [o for o in outcomes if isinstance(o, Exception)]
    acknowledged = emergencies.get_report(db, operator, info.id)
    assert isinstance(refused, InvalidTransition), refused
    assert refused.message.startswith(f"报告 {info.number} 已由 {acknowledged.acknowledged_by} 于 "
                                      f"{acknowledged.acknowledged_at.astimezone(BEIJING):%Y-%m-%d %H:%M} 确认")


@pytest.mark.law("Art. 21")
def test_two_desks_recording_one_rung_at_once_record_it_once_and_the_second_is_told_who_did(
        db, backend, operator, supervisor, monkeypatch):
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    info = _report(db, operator)
    step = _by_level(info, EmergencyStepKind.PHONE_FIRST)[HandlingLevel.COUNTY]
    outcomes = _both_read_then_act(monkeypatch, lambda: emergencies.record_step(db, operator, step.id, "电话报区值班室"),
                                   lambda: emergencies.record_step(db, supervisor, step.id, "已电话报区里"))
    [refused] = [o for o in outcomes if isinstance(o, Exception)]
    made = _by_level(emergencies.get_report(db, operator, info.id), EmergencyStepKind.PHONE_FIRST)[HandlingLevel.COUNTY]
    assert isinstance(refused, InvalidTransition), refused
    assert f"已由 {made.done_by} 于 {made.done_at.astimezone(BEIJING):%Y-%m-%d %H:%M} 报送,无需重复登记" in refused.message


@pytest.mark.law("Art. 21")
def test_a_follow_up_dropped_by_a_handling_on_another_desk_is_refused_saying_who_changed_the_report(
        db, backend, operator, supervisor, monkeypatch):
    """The wall's desk marks the situation handled (follow-ups no longer owed are dropped) while the
    other records the next follow-up: that one is told the report changed, by whom, not shown an error."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    info = _report(db, operator, learned_at=utcnow() - timedelta(hours=2))
    follow_up = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    read = emergencies.load_report_for

    def handled_meanwhile(uow, report_id, *args, **kwargs):
        monkeypatch.setattr(emergencies, "load_report_for", read)
        emergencies.mark_handled(db, supervisor, report_id, handled_at=utcnow() - timedelta(minutes=5))
        return read(uow, report_id, *args, **kwargs)

    monkeypatch.setattr(emergencies, "load_report_for", handled_meanwhile)
    with pytest.raises(Conflict, match=f"紧急情况报告 {info.number} 已被 qg_sup 于 .* 修改,请重新载入"):
        emergencies.record_step(db, operator, follow_up.id, "续报")


@pytest.mark.law("Art. 21")
def test_a_rung_recorded_while_another_desk_works_on_the_linked_case_is_recorded(db, backend, operator, supervisor,
                                                                                  monkeypatch):
    """The rung waits for the desk supervising the linked case and then notes itself on the case as it
    is now; the supervisor, who decided on the case as it was before that note, is told who noted what
    when — neither desk is shown a nameless error, and the rung is not lost."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    case = take_in(db, operator, channel=Channel.GRID_STAFF, title="渔民聚集", description="补贴问题聚集",
                   category=MatterCategory.DISPUTE, township_code=QIAOGANG).case
    info = _report(db, operator, case_id=case.id)
    step = _by_level(info, EmergencyStepKind.PHONE_FIRST)[HandlingLevel.COUNTY]
    with db.session() as session:
        case_version = session.get(Case, case.id).version
    supervising = {}

    def supervise():
        try:
            supervising["outcome"] = supervision.supervise(db, supervisor, case_id=case.id, level=SupervisionLevel.GENERAL,
                                                           reason="群众多次来电", expected_version=case_version)
        except Exception as exc:  # noqa: BLE001 - the outcome under test
            supervising["outcome"] = exc

    other_desk = threading.Thread(target=supervise)
    write_event = emergencies.record_case_event

    def while_the_other_desk_supervises(uow, linked, *args, **kwargs):
        other_desk.start()
        other_desk.join(timeout=1)  # done at once unless it waits for this desk's hold on the case
        return write_event(uow, linked, *args, **kwargs)

    monkeypatch.setattr(emergencies, "record_case_event", while_the_other_desk_supervises)
    made = emergencies.record_step(db, operator, step.id, "电话报区值班室")
    other_desk.join()
    assert _by_level(made, EmergencyStepKind.PHONE_FIRST)[HandlingLevel.COUNTY].done_at is not None
    refused = supervising["outcome"]
    assert isinstance(refused, Conflict) and re.fullmatch(f"案件 {case.number} 已被 qg_op 于 .* 修改,请重新载入",
                                                          refused.message), refused
    with db.session() as session:
        kinds = session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)).all()
    assert "emergency_step" in kinds and "supervised" not in kinds
