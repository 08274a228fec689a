"""Art. 21 emergency reports: the reporting ladder, its clocks, acknowledgement and scope."""

from datetime import datetime, timedelta

import pytest
import shapely
from sqlalchemy import func, select

from desktop.errors import InvalidTransition, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, EmergencyReport, Setting, utcnow
from desktop.models.enums import (
    AuditOutcome,
    EmergencyLevel,
    EmergencyState,
    EmergencyStepKind,
    EmergencyType,
    HandlingLevel,
    Role,
)
from desktop.services import emergencies, places, users
from desktop.services.clock import BEIJING

QIAOGANG = "450503103000"
QIAOBEI = "450503103001"
GRID_CODE = QIAOBEI + "001"


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
    info = _report(db, operator, learned_at=utcnow() - timedelta(hours=30))
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
@pytest.mark.law("Art. 15")
def test_acknowledgement_needs_the_supervisor_role_and_is_audited(db, operator, supervisor):
    info = _report(db, operator)
    assert [r.id for r in emergencies.unacknowledged(db, supervisor)] == [info.id]
    with pytest.raises(PermissionDenied, match="确认紧急告警.*Art. 15"):
        emergencies.acknowledge(db, operator, info.id)
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
                       ("qg_sup", AuditOutcome.OK, f"emergency:{info.id}")]


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
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(EmergencyReport)) == 0


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
