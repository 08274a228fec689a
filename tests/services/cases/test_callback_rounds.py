"""A callback round (Art. 20(2)(3)): a requester not reached is tried again on later days, never
due earlier than the round, until the attempts allowed end it as 无法联系; one without a phone
is called back in person."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest
from sqlalchemy import select

from desktop.errors import InvalidTransition, NotFound, ValidationFailed
from desktop.models import Callback, CaseEvent
from desktop.models.base import utcnow
from desktop.models.enums import CallbackMethod, CallbackState, Channel, Satisfaction
from desktop.services.cases import callbacks, case_rules, dispatch, hold, onspot_escalation
from desktop.services.clock import BEIJING, WorkCalendar


def _closed(world, **requester):
    case = world.new_case(channel=Channel.GRID_STAFF, **requester).case
    onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已调解",
                                      expected_version=case.version)
    return case


def _round(world, case_id):
    with world.db.session() as s:
        return s.execute(select(Callback.attempt, Callback.state, Callback.due_at)
                         .where(Callback.case_id == case_id).order_by(Callback.id)).all()


def _pending(world, case_id):
    return next(c for c in callbacks.due_callbacks(world.db, world.operator) if c.case_id == case_id)


def _last_event(world, case_id):
    with world.db.session() as s:
        return s.scalars(select(CaseEvent.message).where(CaseEvent.case_id == case_id)
                         .order_by(CaseEvent.id.desc()).limit(1)).one()


@pytest.mark.law("Art. 20")
def test_an_early_attempt_not_reached_keeps_the_rounds_due_date_and_the_next_is_on_another_day(world):
    case = _closed(world)
    first = _pending(world, case.id)
    # Noon of Beijing's day: the attempts half an hour apart fall on one day whatever the hour the
    # tests run (from 23:30 Beijing time, utcnow() and half an hour later were two days).
    now = datetime.combine(utcnow().astimezone(BEIJING).date(), time(12), BEIJING).astimezone(timezone.utc)
    callbacks.record_callback(world.db, world.operator, callback_id=first.id, reached=False, now=now)
    retry = _pending(world, case.id)
    assert retry.due_at == first.due_at  # three working days off, not tomorrow
    assert [(a, s) for a, s, _ in _round(world, case.id)] == [(1, CallbackState.UNREACHABLE), (2, CallbackState.PENDING)]
    assert "第 1 次,最多 3 次" in _last_event(world, case.id)
    with pytest.raises(InvalidTransition, match="今天已回访未联系上诉求人"):
        callbacks.record_callback(world.db, world.operator, callback_id=retry.id, reached=False,
                                  now=now + timedelta(minutes=30))
    # Reached the same day after all: recorded.
    callbacks.record_callback(world.db, world.operator, callback_id=retry.id, solved=True,
                              satisfaction=Satisfaction.SATISFIED, now=now + timedelta(minutes=40))
    assert _round(world, case.id)[-1][:2] == (2, CallbackState.DONE)


@pytest.mark.law("Art. 20")
def test_an_attempt_made_late_leaves_the_retry_late_and_one_on_the_last_day_gives_a_working_day(world):
    case = _closed(world)
    first = _pending(world, case.id)
    late = first.due_at + timedelta(days=2)
    callbacks.record_callback(world.db, world.operator, callback_id=first.id, reached=False, now=late)
    assert _pending(world, case.id).due_at == first.due_at  # still overdue: the attempt was late
    case = _closed(world)
    first = _pending(world, case.id)
    last_day = first.due_at - timedelta(hours=2)
    callbacks.record_callback(world.db, world.operator, callback_id=first.id, reached=False, now=last_day)
    with world.db.session() as s:
        assert _pending(world, case.id).due_at == WorkCalendar.load(s).add_working_days(last_day, 1)


@pytest.mark.law("Art. 20")
def test_the_round_ends_as_no_contact_after_the_attempts_allowed_with_the_reason_on_the_timeline(world):
    case = _closed(world)
    start = utcnow()
    for day in range(3):
        callbacks.record_callback(world.db, world.operator, callback_id=_pending(world, case.id).id, reached=False,
                                  now=start + timedelta(days=day))
    assert [(a, s) for a, s, _ in _round(world, case.id)] == [
        (1, CallbackState.UNREACHABLE), (2, CallbackState.UNREACHABLE), (3, CallbackState.NO_CONTACT)]
    assert all(c.case_id != case.id for c in callbacks.due_callbacks(world.db, world.operator))
    assert "回访无法联系:3 次回访(不同日期)均未联系上诉求人,本轮回访结束" in _last_event(world, case.id)

    case_rules.configure_rules(world.db, world.system, callback_attempts=1)  # a city-wide rule
    case = _closed(world)
    callbacks.record_callback(world.db, world.operator, callback_id=_pending(world, case.id).id, reached=False)
    assert [s for _, s, _ in _round(world, case.id)] == [CallbackState.NO_CONTACT]


@pytest.mark.law("Art. 20")
def test_a_held_case_whose_round_ends_as_no_contact_is_called_back_again_next_month(world):
    case = world.new_case().case
    case = dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["police"],
                             expected_version=case.version)
    case = hold.put_on_hold(world.db, world.supervisor, case_id=case.id, reason="需等待规划调整",
                            explanation="已向诉求人说明", expected_version=case.version)
    case_rules.configure_rules(world.db, world.system, callback_attempts=1)
    now = utcnow()
    callbacks.record_callback(world.db, world.operator, callback_id=_pending(world, case.id).id, reached=False,
                              now=now)
    rows = _round(world, case.id)
    assert [s for _, s, _ in rows] == [CallbackState.NO_CONTACT, CallbackState.PENDING]
    assert rows[-1][2] == now + timedelta(days=30)


@pytest.mark.law("Art. 20")
def test_a_requester_without_a_phone_is_called_back_in_person(world):
    case = _closed(world, requester_phone=None)  # a walk-in who gave a name and no phone
    callback = _pending(world, case.id)
    with pytest.raises(ValidationFailed, match="未留联系电话,无法电话回访;请上门回访"):
        callbacks.record_callback(world.db, world.operator, callback_id=callback.id, solved=True,
                                  satisfaction=Satisfaction.SATISFIED)
    with pytest.raises(ValidationFailed, match="请上门回访"):
        callbacks.record_callback(world.db, world.operator, callback_id=callback.id, reached=False)
    callbacks.record_callback(world.db, world.operator, callback_id=callback.id, solved=True,
                              satisfaction=Satisfaction.SATISFIED, method=CallbackMethod.IN_PERSON)
    with world.db.session() as s:
        assert s.get(Callback, callback.id).method is CallbackMethod.IN_PERSON
    assert _last_event(world, case.id).startswith("上门回访:已解决,满意")


@pytest.mark.law("Art. 20")
def test_an_anonymous_requester_without_a_phone_cannot_be_called_back_and_the_round_ends_at_once(world):
    case = _closed(world, requester_name=None, requester_phone=None)
    callbacks.record_callback(world.db, world.operator, callback_id=_pending(world, case.id).id, reached=False)
    assert [s for _, s, _ in _round(world, case.id)] == [CallbackState.NO_CONTACT]
    assert "诉求人匿名且未留联系电话" in _last_event(world, case.id)


def _closed_after_review(world):
    """A case the police station handled, reported on and had closed after review: its callback is the station's."""
    from case_world import TUESDAY, assignments, dispatched
    from desktop.models.enums import AssignmentRole
    from desktop.services.cases import department, review

    case = dispatched(world)
    lead = assignments(world, case.id)[AssignmentRole.LEAD].id
    steps = (lambda v: department.sign_for(world.db, world.police, assignment_id=lead, expected_version=v, now=TUESDAY),
             lambda v: department.contact_requester(world.db, world.police, assignment_id=lead, note="电话联系",
                                                    expected_version=v, now=TUESDAY),
             lambda v: department.report_result(world.db, world.police, assignment_id=lead, result="已调解",
                                                expected_version=v, now=TUESDAY),
             lambda v: review.review(world.db, world.operator, case_id=case.id, approve=True, expected_version=v,
                                     now=TUESDAY))
    for step in steps:
        case = step(case.version)
    return case


@pytest.mark.law("Art. 20")
def test_the_departments_responsible_person_is_offered_and_kept_as_who_called_back(world):
    """Art. 20(3): 承办单位应当安排负责人回访. The workbench recorded every callback as made by whoever entered it;
    the lead department's responsible person is offered, and who called is kept and said on the timeline."""
    from desktop.models import Department
    from desktop.services import department_contacts

    case = _closed_after_review(world)
    with world.db.session() as s:
        code = s.get(Department, world.departments["police"]).code
    department_contacts.add_contact(world.db, world.system, code, name="黄建国", phone="13807790123", responsible=True)
    due = _pending(world, case.id)
    assert due.responsible == ("黄建国",)
    with pytest.raises(ValidationFailed, match="回访人.*过长"):
        callbacks.record_callback(world.db, world.operator, callback_id=due.id, solved=True,
                                  satisfaction=Satisfaction.SATISFIED, caller="黄" * 61)
    callbacks.record_callback(world.db, world.operator, callback_id=due.id, solved=True,
                              satisfaction=Satisfaction.SATISFIED, caller=" 黄建国 ")
    with world.db.session() as s:
        assert s.scalar(select(Callback.caller).where(Callback.id == due.id)) == "黄建国"
    with pytest.raises(NotFound, match="已由其他值班台记录"):  # made: its number is nobody's to dial any more
        callbacks.numbers_to_dial(world.db, world.operator, due.id)
    assert _last_event(world, case.id).startswith("回访(回访人 黄建国):已解决,满意")
