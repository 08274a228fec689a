"""The callback and clock rules, set city-wide (Art. 19(2), 20(2); SPEC §11)."""

from __future__ import annotations


import pytest
from sqlalchemy import select

from case_world import TOWNSHIP, actor
from desktop.errors import PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Callback
from desktop.models.base import utcnow
from desktop.models.enums import CallbackState, Channel, PlaceLevel, Role
from desktop.services.cases import case_rules, department, dispatch, onspot_escalation
from desktop.services.cases.case_rules import CaseRules
from desktop.services.clock import WorkCalendar


@pytest.mark.law("Art. 20")
def test_the_rules_set_when_a_callback_falls_due_and_whether_a_decision_stops_the_clock(world):
    assert case_rules.load_rules(world.db) == CaseRules(3, 30, False)  # SPEC §11's defaults
    rules = case_rules.configure_rules(world.db, world.system, after_close_working_days=1, pause_while_deciding=True)
    assert rules == CaseRules(1, 30, True) == case_rules.load_rules(world.db)
    with world.db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "cases.configure_rules")).one()
    assert entry.detail["before"]["after_close_working_days"] == 3 and entry.detail["after"]["pause_while_deciding"]

    case = world.new_case(channel=Channel.GRID_STAFF).case
    closed = utcnow()
    onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已调解",
                                      expected_version=case.version)
    with world.db.session() as s:
        due = s.scalar(select(Callback.due_at).where(Callback.case_id == case.id))
        assert due == WorkCalendar.load(s).add_working_days(closed, 1)

    case = world.new_case().case
    case = dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["police"],
                             expected_version=case.version)
    lead_id = _lead_of(world, case.id)
    case = department.raise_objection(world.db, world.police, assignment_id=lead_id, reason="属市场监管职责",
                                      expected_version=case.version)
    assert case.due_at is None  # the clock stands still while the center decides


def _lead_of(world, case_id):
    from desktop.services.cases import queries

    return queries.case_detail(world.db, world.operator, case_id).assignments[0].id


@pytest.mark.law("Art. 20")
def test_wrong_values_are_named_and_only_the_city_wide_calendar_keeper_sets_the_rules(world):
    with pytest.raises(ValidationFailed) as refused:
        case_rules.configure_rules(world.db, world.system, after_close_working_days=0, on_hold_every_days="monthly",
                                   pause_while_deciding="yes", callbacks=2)
    problems = "\n".join(refused.value.problems)
    for named in ("结案后回访(after_close_working_days):应为 1 至 30 的整数", "on_hold_every_days", "pause_while_deciding",
                  "callbacks:不是期限与回访规则的设置项"):
        assert named in problems
    township_admin = actor("qg_admin", Role.TOWNSHIP_ADMIN, TOWNSHIP, PlaceLevel.TOWNSHIP)
    assert not case_rules.may_configure(township_admin) and case_rules.may_configure(world.system)
    with pytest.raises(PermissionDenied, match=r"设定办理期限与回访规则\(需有维护节假日权限\)"):
        case_rules.configure_rules(world.db, township_admin, on_hold_every_days=14)
    assert case_rules.load_rules(world.db) == CaseRules(3, 30, False)


@pytest.mark.law("Art. 20")
def test_a_requester_only_basically_satisfied_is_called_back_again_when_so_configured(world):
    """Art. 20(2): the frequency follows how satisfied the requester was, not only how it was solved."""
    from desktop.models.enums import Satisfaction
    from desktop.services.cases import callbacks

    def closed_and_called_back(satisfaction):
        case = world.new_case(channel=Channel.GRID_STAFF).case
        onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已调解",
                                          expected_version=case.version)
        callback = next(c for c in callbacks.due_callbacks(world.db, world.operator) if c.case_id == case.id)
        called = utcnow()
        callbacks.record_callback(world.db, world.operator, callback_id=callback.id, solved=True,
                                  satisfaction=satisfaction)
        with world.db.session() as s:
            return called, s.scalars(select(Callback.due_at).where(Callback.case_id == case.id,
                                                                   Callback.state == CallbackState.PENDING)).all()

    assert closed_and_called_back(Satisfaction.BASICALLY)[1] == []  # by default, once is enough
    rules = case_rules.configure_rules(world.db, world.system, basically_satisfied_again_working_days=5)
    assert rules.basically_satisfied_again_working_days == 5 and "基本满意的 5 个工作日后再次回访" in rules.text()
    called, pending = closed_and_called_back(Satisfaction.BASICALLY)
    with world.db.session() as s:
        assert pending == [WorkCalendar.load(s).add_working_days(called, 5)]
    assert closed_and_called_back(Satisfaction.SATISFIED)[1] == []
