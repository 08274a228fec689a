"""The sign-for of a department whose jurisdiction objection the center refused (Art. 18).

Dispatched Tue 9 Jun 2026 10:00, the police station is to sign for it by 24:00 of Wed 10 Jun. Its
objection refused on Fri 12 Jun 10:00, it signs for it by 24:00 of the next working day, Mon 15 Jun,
where the objection was its answer in time; the days the center took to decide are not its delay.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from case_world import TUESDAY, assignments, dispatched
from desktop.models import Assignment, CaseEvent, Objection
from desktop.models.enums import AssignmentRole
from desktop.services import queue
from desktop.services.cases import case_rules, department, queries, review
from desktop.services.cases.deadlines import case_limits, recompute
from desktop.services.clock import WorkCalendar
from desktop.services.evaluation.scores import evaluate

BEIJING = timezone(timedelta(hours=8))


def at(day, hour=10, minute=0):
    """June 2026, Beijing time."""
    return datetime(2026, 6, day, hour, minute, tzinfo=BEIJING)


FIRST_DUE = at(11, 0)  # 24:00 of Wed 10 Jun
REFUSED = at(12)  # Fri
FRESH_DUE = at(16, 0)  # 24:00 of Mon 15 Jun


def objection_refused(world, raised_at):
    """The police station's objection to a case dispatched at TUESDAY, raised at `raised_at` and refused
    on Friday; the case and the lead's share id."""
    case = dispatched(world, now=TUESDAY)
    share_id = assignments(world, case.id)[AssignmentRole.LEAD].id
    assert assignments(world, case.id)[AssignmentRole.LEAD].sign_due_at == FIRST_DUE
    case = department.raise_objection(world.db, world.police, assignment_id=share_id, reason="属市场监管职责",
                                      expected_version=case.version, now=raised_at)
    with world.db.session() as s:
        objection = s.scalar(select(Objection.id).where(Objection.assignment_id == share_id))
    case = review.decide_objection(world.db, world.operator, objection_id=objection, approve=False,
                                   comment="属本单位职责", expected_version=case.version, now=REFUSED)
    return case, share_id


def signed(world, case, share_id, now):
    """Sign for the share at `now`; whether the timeline calls it late, and its sign-for deadline."""
    department.sign_for(world.db, world.police, assignment_id=share_id, expected_version=case.version, now=now)
    with world.db.session() as s:
        late = s.scalar(select(CaseEvent.detail).where(CaseEvent.kind == "signed")).get("late")
        return late, s.get(Assignment, share_id).sign_due_at


def response(world):
    police = evaluate(world.db, world.system, "2026-06", "department").subject(world.departments["police"])
    return police.figure("response").numerator, police.figure("response").denominator


def overdue(world, now):
    return [row.id for row in queue.page(world.db, world.operator, queue.QueueFilter(overdue_only=True), 0, 100,
                                         now=now)]


def assert_a_recount_keeps_it(world, share_id):
    """Recounting the share's deadlines (a calendar entered, an extension approved) moves none of them."""
    with world.db.session() as s:
        share = s.get(Assignment, share_id)
        assert not recompute(s, share, WorkCalendar.load(s), case_limits(s, share.case))


def decision(world, case, last=False):
    decided = [e for e in queries.case_detail(world.db, world.operator, case.id).events if e.kind == "objection_decided"]
    return max(decided, key=lambda e: e.at).message if last else min(decided, key=lambda e: e.at).message


@pytest.mark.law("Art. 18")
def test_an_objection_raised_before_signing_and_refused_late_gives_a_fresh_sign_for_period(world):
    case, share_id = objection_refused(world, TUESDAY + timedelta(hours=1))
    assert "签收期限自本决定起重新计算,至 06-15 24:00" in decision(world, case)
    shown = queries.case_detail(world.db, world.operator, case.id).assignments[0]
    assert shown.next_deadline() == (FRESH_DUE, "sign")
    # The queue chases it once the fresh period has passed unsigned, not before.
    assert case.id not in overdue(world, at(15, 12)) and case.id in overdue(world, at(16, 1))
    assert signed(world, case, share_id, at(15, 18)) == (False, FRESH_DUE)
    assert response(world) == (1, 1)
    assert_a_recount_keeps_it(world, share_id)  # a calendar change recounts the deadlines


@pytest.mark.law("Art. 18")
@pytest.mark.law("Art. 19")
def test_the_lead_signing_in_its_fresh_period_has_a_fresh_period_to_call_the_requester(world):
    """It cannot call before it has signed: a contact deadline left at Wed 10 Jun made it late at once."""
    case, share_id = objection_refused(world, TUESDAY + timedelta(hours=1))
    signed(world, case, share_id, at(15, 18))
    shown = queries.case_detail(world.db, world.operator, case.id).assignments[0]
    assert shown.next_deadline() == (FRESH_DUE, "contact")
    assert case.id not in overdue(world, at(15, 19))
    assert_a_recount_keeps_it(world, share_id)


@pytest.mark.law("Art. 18")
def test_only_the_first_refused_objection_gives_a_fresh_period(world):
    """Objecting again just before each fresh deadline would put off signing for ever."""
    case, share_id = objection_refused(world, TUESDAY + timedelta(hours=1))
    case = department.raise_objection(world.db, world.police, assignment_id=share_id, reason="仍属市场监管职责",
                                      expected_version=case.version, now=at(15, 10))
    with world.db.session() as s:
        again = s.scalar(select(Objection.id).where(Objection.assignment_id == share_id)
                         .order_by(Objection.id.desc()).limit(1))
    case = review.decide_objection(world.db, world.operator, objection_id=again, approve=False,
                                   comment="属本单位职责", expected_version=case.version, now=at(17))
    assert "签收期限" not in decision(world, case, last=True)
    assert signed(world, case, share_id, at(17, 11)) == (True, FRESH_DUE)
    assert_a_recount_keeps_it(world, share_id)


@pytest.mark.law("Art. 18")
def test_a_sign_for_after_the_fresh_period_is_late(world):
    case, share_id = objection_refused(world, TUESDAY + timedelta(hours=1))
    assert signed(world, case, share_id, at(16)) == (True, FRESH_DUE)
    assert response(world) == (0, 1)


@pytest.mark.law("Art. 18")
def test_an_objection_raised_after_the_sign_for_fell_due_excuses_nothing(world):
    case, share_id = objection_refused(world, at(11))
    assert decision(world, case) == "侨港派出所 的管辖异议:异议不成立,继续办理(属本单位职责)"
    assert signed(world, case, share_id, at(12, 11)) == (True, FIRST_DUE)
    assert response(world) == (0, 1)


@pytest.mark.law("Art. 18")
def test_with_the_clock_standing_still_while_deciding_the_time_left_is_given_back_as_before(world):
    """The clock stopped Tue 11:00 to Fri 10:00: 71 working hours given back to 24:00 of Wed 10 Jun
    (Thu, Fri, the weekend stepped over, 23 h of Mon): 23:00 of Mon 15 Jun, not a fresh period."""
    case_rules.configure_rules(world.db, world.system, pause_while_deciding=True)
    case, share_id = objection_refused(world, TUESDAY + timedelta(hours=1))
    given_back = at(15, 23)
    assert "签收期限" not in decision(world, case)
    assert signed(world, case, share_id, at(15, 23, 30)) == (True, given_back)
    assert_a_recount_keeps_it(world, share_id)
