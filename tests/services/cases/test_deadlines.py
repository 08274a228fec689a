"""Working-day deadlines across the 2026 National Day holiday and into 2027 (SPEC §4, §11)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from desktop.errors import ValidationFailed
from desktop.models import Assignment, AuditEntry, Callback, Case, CaseEvent, Extension, MatterItem, Objection
from desktop.models.enums import AssignmentRole, AssignmentState, CaseState, DayKind, MatterCategory, TimeLimitUnit
from desktop.services import calendar_admin
from desktop.services.cases import case_rules, department, dispatch, review

BEIJING = timezone(timedelta(hours=8))


def at(y, m, d, h=10):
    return datetime(y, m, d, h, tzinfo=BEIJING)


def lead_of(world, case_id):
    with world.db.session() as s:
        return s.scalar(select(Assignment).where(Assignment.case_id == case_id, Assignment.role == AssignmentRole.LEAD))


def dispatch_at(world, when, **kwargs):
    case = world.new_case(now=when, **kwargs).case
    return dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["police"],
                             expected_version=case.version, now=when)


def test_national_day_2026_and_its_make_up_workdays(world):
    # Wed 30 Sep: 1–7 Oct off; 8 Thu, 9 Fri, 10 Sat (make-up), 12 Mon, 13 Tue → 24:00 of the 13th
    lead = lead_of(world, dispatch_at(world, at(2026, 9, 30)).id)
    assert lead.sign_due_at == at(2026, 10, 9, 0)
    assert lead.due_at == at(2026, 10, 14, 0)
    # Fri 18 Sep: Sunday 20 Sep is a make-up workday, so signing is due at its end
    lead = lead_of(world, dispatch_at(world, at(2026, 9, 18)).id)
    assert lead.sign_due_at == at(2026, 9, 21, 0)


def test_the_dispatch_preview_gives_the_deadlines_the_dispatch_then_sets(world):
    """What the dispatch dialog says before sending is what the shares get (National Day 2026 between)."""
    case = world.new_case(now=at(2026, 9, 30)).case
    shown = dispatch.preview(world.db, world.operator, case.id, now=at(2026, 9, 30))
    assert (shown.sign_due_at, shown.handle_due_at, shown.unknown_years) == (at(2026, 10, 9, 0), at(2026, 10, 14, 0), ())
    assert (shown.number, shown.handle_amount, shown.handle_unit) == (case.number, 5, TimeLimitUnit.WORKING_DAYS)
    dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["police"],
                      expected_version=case.version, now=at(2026, 9, 30))
    lead = lead_of(world, case.id)
    assert (lead.sign_due_at, lead.due_at) == (shown.sign_due_at, shown.handle_due_at)
    late_in_year = world.new_case(now=at(2026, 12, 24), matter_item_id=world.items["food"]).case
    assert dispatch.preview(world.db, world.operator, late_in_year.id, now=at(2026, 12, 24)).unknown_years == (2027,)


def test_deadline_into_2027_falls_back_warns_and_is_recomputed_when_the_year_is_entered(world):
    complex_case = dispatch_at(world, at(2026, 12, 24), matter_item_id=world.items["food"])  # 15 working days
    # Mon–Fri fallback for 2027: 25, 28–31 Dec (5), then Jan 1, 4–8, 11–14 (10) → 24:00 of 14 Jan
    assert lead_of(world, complex_case.id).due_at == at(2027, 1, 15, 0)
    warning = calendar_admin.warning_for_open_deadlines(world.db)
    assert "2027" in warning and "周一至周五" in warning

    result = calendar_admin.enter_days(world.db, world.system, [
        calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
        calendar_admin.DayEntry(date(2027, 1, 4), DayKind.HOLIDAY, "元旦"),
        calendar_admin.DayEntry(date(2027, 1, 9), DayKind.WORKDAY, "元旦调休"),
    ], incomplete=True)
    assert (result.years, result.days, result.recomputed) == ((2027,), 3, 1)
    lead = lead_of(world, complex_case.id)
    # two weekdays off and one Saturday at work: 25, 28–31 Dec, Jan 5–8, 9, 11–15 → 24:00 of the 15th
    assert lead.due_at == at(2027, 1, 16, 0)
    with world.db.session() as s:
        recounted = s.get(Case, complex_case.id)
        assert recounted.due_at == lead.due_at
        # An operator saving the case with the version seen before is told who moved its deadline.
        assert recounted.updated_by == world.system.display_name and recounted.version != complex_case.version
    assert calendar_admin.warning_for_open_deadlines(world.db) is None


def test_an_urgent_case_running_into_an_unknown_year_raises_no_warning(world):
    """Its shares count hours (signing and handling; contact by the handling deadline), which no
    holiday of 2027 moves: the banner must not ask for a year that changes nothing."""
    urgent = dispatch_at(world, at(2026, 12, 31, 20), urgent=True)
    lead = lead_of(world, urgent.id)
    assert lead.due_at == at(2027, 1, 1, 20)  # 24 hours
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == ()

    unlisted = dispatch_at(world, at(2026, 12, 30), category=MatterCategory.DISPUTE)  # under no matter item
    assert lead_of(world, unlisted.id).due_at == at(2027, 1, 7, 0)  # five working days, Monday–Friday in 2027
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == (2027,)


def test_the_year_a_deadline_runs_into_is_read_in_beijing_time(world):
    """Deadlines are stored in UTC. One at 24:00 of 31 December counts no day of the next year; one
    a paused clock gave back to 04:59 of 1 January counts that day (2026-12-31 in UTC), and one of
    an item limited in hours still signs for within a working day, which can be the later one."""
    case = dispatch_at(world, at(2026, 12, 24))  # 5 working days: 25, 28–31 Dec → 24:00 of the 31st
    assert lead_of(world, case.id).due_at == at(2027, 1, 1, 0)
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == ()
    with world.db.session() as s:  # as an objection decided with the clock paused leaves it
        s.get(Assignment, lead_of(world, case.id).id).due_at = at(2027, 1, 1, 4) + timedelta(minutes=59)
        s.commit()
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == (2027,)


def test_a_sign_for_after_the_handling_deadline_runs_into_its_own_year(world):
    with world.db.session() as s:
        item = s.get(MatterItem, world.items["dispute"])
        item.time_limit, item.time_limit_unit = 8, TimeLimitUnit.HOURS
        s.commit()
    case = dispatch_at(world, at(2026, 12, 31, 15))
    lead = lead_of(world, case.id)
    assert lead.due_at == at(2026, 12, 31, 23) and lead.sign_due_at == at(2027, 1, 2, 0)  # 24:00 of 1 Jan
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == (2027,)


def test_the_timeline_writes_a_deadline_in_another_year_with_its_year(world):
    """"至 01-07 24:00" written on 30 December reads as the January past."""
    def dispatched_line(case_id):
        with world.db.session() as s:
            return s.scalars(select(CaseEvent.message).where(CaseEvent.case_id == case_id,
                                                             CaseEvent.kind == "dispatched")).one()

    assert dispatched_line(dispatch_at(world, at(2026, 12, 30)).id).endswith(",至 2027-01-06 24:00")
    assert dispatched_line(dispatch_at(world, at(2026, 9, 30)).id).endswith(",至 10-13 24:00")


def test_removing_the_entered_days_of_a_year_brings_back_the_fallback_and_the_warning(world):
    case = dispatch_at(world, at(2026, 12, 30))  # 5 working days: 31 Dec, then 1, 4, 5, 6 Jan (Mon–Fri)
    assert lead_of(world, case.id).due_at == at(2027, 1, 7, 0)
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == (2027,)
    new_year = calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")
    result = calendar_admin.enter_days(world.db, world.system, [new_year], incomplete=True)
    assert result.recomputed == 1 and lead_of(world, case.id).due_at == at(2027, 1, 8, 0)
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == ()

    result = calendar_admin.remove_day(world.db, world.system, date(2027, 1, 1))
    assert result.recomputed == 1 and lead_of(world, case.id).due_at == at(2027, 1, 7, 0)
    assert "2027" in calendar_admin.warning_for_open_deadlines(world.db)

    # The year is unknown again: it must be entered whole, not one day at a time.
    with pytest.raises(ValidationFailed, match="2027-01-01 未录入") as err:
        calendar_admin.add_day(world.db, world.system, new_year)
    assert "CSV" in err.value.problems[0]
    assert lead_of(world, case.id).due_at == at(2027, 1, 7, 0)
    assert calendar_admin.list_days(world.db, 2027) == []
    assert "2027" in calendar_admin.warning_for_open_deadlines(world.db)


def _pausing(world):
    case_rules.configure_rules(world.db, world.system, pause_while_deciding=True)


def test_a_pause_across_national_day_gives_back_working_time_not_the_holiday(world):
    """Dispatched Mon 28 Sep 2026: 5 working days are 29, 30 Sep, 8, 9, 10 (Sat, make-up) Oct → 24:00 of
    the 10th. An objection raised Wed 30 Sep 15:00 and refused Fri 9 Oct 09:00 stopped the clock for
    9 h of the 30th, all of the 8th and 9 h of the 9th: 42 working hours, not 8 days and 18 hours.
    Given back from 24:00 of the 10th: Sunday the 11th is off, Monday the 12th (24 h), then 18 h of
    Tuesday the 13th."""
    _pausing(world)
    case = dispatch_at(world, at(2026, 9, 28))
    lead = lead_of(world, case.id)
    assert lead.due_at == at(2026, 10, 11, 0)
    case = department.raise_objection(world.db, world.police, assignment_id=lead.id, reason="属市场监管职责",
                                      expected_version=case.version, now=at(2026, 9, 30, 15))
    with world.db.session() as s:
        objection_id = s.scalar(select(Objection.id))
    review.decide_objection(world.db, world.operator, objection_id=objection_id, approve=False, comment="属本单位职责",
                            expected_version=case.version, now=at(2026, 10, 9, 9))
    lead = lead_of(world, case.id)
    assert lead.due_at == at(2026, 10, 13, 18)
    # Signing was due at 24:00 of the 29th, before the objection: a deadline already passed gets nothing back.
    assert lead.sign_due_at == at(2026, 9, 30, 0)
    assert lead.paused_seconds == (at(2026, 10, 9, 9) - at(2026, 9, 30, 15)).total_seconds()


def test_an_extension_decided_over_a_weekend_costs_the_weekend_nothing_and_counts_from_the_original_deadline(world):
    """Dispatched Tue 9 Jun 2026 → 24:00 of Tue the 16th. Extension of 2 working days asked Fri 12 Jun
    10:00, approved Mon 15 Jun 10:00: 24 working hours stood still (Fri 14 h, Mon 10 h). The
    extension runs from the original deadline: Wed 17, Thu 18 (Fri 19 is the Dragon Boat
    Festival) → 24:00 of the 18th, plus the 24 h given back: Sat 20, Sun 21 off → 24:00 of Mon 22."""
    _pausing(world)
    case = dispatch_at(world, at(2026, 6, 9))
    lead = lead_of(world, case.id)
    case = department.sign_for(world.db, world.police, assignment_id=lead.id, expected_version=case.version,
                               now=at(2026, 6, 9, 11))
    case = department.request_extension(world.db, world.police, assignment_id=lead.id, reason="需第三方鉴定", amount=2,
                                        expected_version=case.version, now=at(2026, 6, 12, 10))
    with world.db.session() as s:
        extension_id = s.scalar(select(Extension.id))
    review.decide_extension(world.db, world.operator, extension_id=extension_id, approve=True,
                            expected_version=case.version, now=at(2026, 6, 15, 10))
    lead = lead_of(world, case.id)
    assert lead.original_due_at == at(2026, 6, 17, 0)
    assert lead.due_at == at(2026, 6, 23, 0)
    with world.db.session() as s:
        assert s.get(Extension, extension_id).new_due_at == lead.due_at

    # Entering a year's days recounts with the same pause: nothing moves.
    calendar_admin.enter_days(world.db, world.system, [calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")],
                              incomplete=True)
    assert lead_of(world, case.id).due_at == at(2026, 6, 23, 0)


def test_entering_a_years_holidays_recounts_callbacks_and_final_reports_running_into_it(world):
    """Counted Monday–Friday into unknown 2027, then recounted once 元旦 is entered (1 and 4 Jan off,
    Saturday 9 Jan at work): a callback due 3 working days after closing on 30 Dec 2026 and an
    emergency's final report due 5 working days after it was handled that day (Art. 20, 21)."""
    from desktop.models import Callback, EmergencyStep
    from desktop.models.enums import EmergencyLevel, EmergencyStepKind, EmergencyType
    from desktop.services import emergencies
    from desktop.services.cases.callback_schedule import schedule_after_close
    from desktop.services.clock import WorkCalendar

    end_of_year = at(2026, 12, 30, 16)
    case = world.new_case().case
    with world.db.session() as s:
        closing = s.get(Case, case.id)
        closing.closed_at = end_of_year
        callback = schedule_after_close(s, closing, end_of_year)
        s.commit()
        callback_id = callback.id
    now = datetime.now(BEIJING) - timedelta(hours=1)
    report = emergencies.report(world.db, world.system, type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_IV,
                                title="渔船失火", occurred_at=now, learned_at=now, place_text="侨港渔港",
                                township_code="450503103000", summary="一艘渔船失火")
    emergencies.mark_handled(world.db, world.system, report.id)
    finals = select(EmergencyStep).where(EmergencyStep.kind == EmergencyStepKind.FINAL)  # one per level reported to
    with world.db.session() as s:  # as if handled at the end of the year, counted as the service counts
        for final in s.scalars(finals):
            final.report.handled_at = end_of_year
            final.due_at = WorkCalendar.load(s).add_working_days(end_of_year, 5)
        s.commit()
    with world.db.session() as s:
        assert s.get(Callback, callback_id).due_at == at(2027, 1, 5, 0)  # 31 Dec, Fri 1 and Mon 4 Jan
    assert "2027" in calendar_admin.warning_for_open_deadlines(world.db)

    result = calendar_admin.enter_days(world.db, world.system, [
        calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
        calendar_admin.DayEntry(date(2027, 1, 4), DayKind.HOLIDAY, "元旦"),
        calendar_admin.DayEntry(date(2027, 1, 9), DayKind.WORKDAY, "元旦调休"),
    ], incomplete=True)
    with world.db.session() as s:
        assert s.get(Callback, callback_id).due_at == at(2027, 1, 7, 0)  # 31 Dec, 5 and 6 Jan
        assert {final.due_at for final in s.scalars(finals)} == {at(2027, 1, 9, 0)}  # 31 Dec, 5–8 Jan
    assert result.recomputed == 3 and calendar_admin.warning_for_open_deadlines(world.db) is None


@pytest.mark.law("Art. 20")
def test_entering_a_years_holidays_recounts_supervision_orders_given_the_default_deadline(world):
    """A 督办 order issued on 31 Dec 2026 without a deadline is due in 3 working days, counted
    Monday–Friday into unknown 2027 and warned of; entering 元旦 recounts it. An order whose
    deadline the supervisor set keeps it."""
    from desktop.models import SupervisionOrder
    from desktop.models.enums import SupervisionLevel
    from desktop.services.cases import supervision
    from desktop.services.clock import WorkCalendar

    issued = at(2026, 12, 31)
    case, other = world.new_case().case, world.new_case().case  # on one case, the newer order would close the older
    supervision.supervise(world.db, world.supervisor, case_id=case.id, level=SupervisionLevel.GENERAL,
                          reason="群众反映未处理", expected_version=case.version)
    supervision.supervise(world.db, world.supervisor, case_id=other.id, level=SupervisionLevel.KEY, reason="限期答复",
                          expected_version=other.version, due_at=datetime.now(BEIJING) + timedelta(days=1))
    with world.db.session() as s:  # as if issued on the last day of the year
        default, set_by_hand = s.scalars(select(SupervisionOrder).order_by(SupervisionOrder.id)).all()
        default.issued_at = set_by_hand.issued_at = issued
        default.due_at = WorkCalendar.load(s).add_working_days(issued, supervision.DEFAULT_DAYS)
        set_by_hand.due_at = at(2027, 1, 7, 0)
        s.commit()
        ids = default.id, set_by_hand.id
    with world.db.session() as s:
        assert s.get(SupervisionOrder, ids[0]).due_at == at(2027, 1, 6, 0)  # Fri 1, Mon 4, Tue 5 Jan
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == (2027,)

    calendar_admin.enter_days(world.db, world.system, [
        calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
        calendar_admin.DayEntry(date(2027, 1, 4), DayKind.HOLIDAY, "元旦"),
    ], incomplete=True)
    with world.db.session() as s:
        assert [s.get(SupervisionOrder, i).due_at for i in ids] == [at(2027, 1, 8, 0), at(2027, 1, 7, 0)]  # 5–7 Jan
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == ()


@pytest.mark.law("Art. 23")
def test_entering_a_year_recounts_deadlines_already_met_or_finished_which_the_evaluation_judges_by(world):
    """Dispatched Thu 31 Dec 2026: sign-for due 24:00 Fri 1 Jan counted Monday–Friday, so a signature
    on Mon 4 Jan reads late. Once 元旦 (1 Jan) is entered it was due at 24:00 on the 4th: on time.
    A share already finished is recounted too; a deadline before the changed days is not touched."""
    signed = dispatch_at(world, at(2026, 12, 31))
    lead_id = lead_of(world, signed.id).id
    department.sign_for(world.db, world.police, assignment_id=lead_id, expected_version=signed.version,
                        now=at(2027, 1, 4, 9))
    finished = dispatch_at(world, at(2026, 12, 30))
    with world.db.session() as s:  # finished as a closing leaves it (its clock stopped, its deadlines kept)
        share = s.get(Assignment, lead_of(world, finished.id).id)
        share.state, share.finished_at = AssignmentState.DONE, at(2026, 12, 31, 15)
        s.commit()
    earlier = dispatch_at(world, at(2026, 12, 1))
    before = lead_of(world, earlier.id)
    lead = lead_of(world, signed.id)
    assert (lead.sign_due_at, lead.signed_at > lead.sign_due_at) == (at(2027, 1, 2, 0), True)
    assert lead_of(world, finished.id).due_at == at(2027, 1, 7, 0)  # 31 Dec, 1, 4, 5, 6 Jan

    calendar_admin.enter_days(world.db, world.system, [calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")],
                              incomplete=True)
    lead = lead_of(world, signed.id)
    assert (lead.sign_due_at, lead.signed_at <= lead.sign_due_at) == (at(2027, 1, 5, 0), True)
    assert lead_of(world, finished.id).due_at == at(2027, 1, 8, 0)
    after = lead_of(world, earlier.id)
    assert (after.sign_due_at, after.due_at) == (before.sign_due_at, before.due_at)


def test_an_upgrade_that_publishes_a_year_recounts_the_deadlines_counted_without_it(world):
    """The database counted through 2025 with the published schedule: a desk whose package knows
    2026 counts as the others do — Monday–Friday through National Day 2026 — until its start
    recounts every such deadline at once with 2026 and moves the database on; once."""
    from desktop.models import AuditEntry, Setting
    from desktop.services.cases.callback_schedule import schedule_after_close
    from desktop.services.clock import last_published_year

    with world.db.session() as s:
        s.add(Setting(key=calendar_admin.SCHEDULE_SETTING, value=2025))
        s.commit()
    case = dispatch_at(world, at(2026, 9, 30))
    assert lead_of(world, case.id).due_at == at(2026, 10, 8, 0)  # 1, 2, 5, 6, 7 Oct, as the 2025 desks count
    closed = world.new_case().case
    with world.db.session() as s:
        closing = s.get(Case, closed.id)
        closing.closed_at = at(2026, 9, 30, 16)
        callback = schedule_after_close(s, closing, closing.closed_at)
        s.commit()
        callback_id = callback.id
        assert s.get(Callback, callback_id).due_at == at(2026, 10, 6, 0)  # 1, 2, 5 Oct

    assert calendar_admin.catch_up_with_published_schedule(world.db, world.system) == 2
    assert lead_of(world, case.id).due_at == at(2026, 10, 14, 0)  # 8, 9, 10 (make-up), 12, 13 Oct
    with world.db.session() as s:
        assert s.get(Callback, callback_id).due_at == at(2026, 10, 11, 0)  # 8, 9, 10 Oct
        assert s.get(Setting, calendar_admin.SCHEDULE_SETTING).value == last_published_year()
        entries = s.scalars(select(AuditEntry.message).where(AuditEntry.action == "calendar.published_schedule")).all()
    assert entries == [f"程序内置的国务院节假日安排已更新至 {last_published_year()} 年(2026 年起按公布的安排计算),"
                       f"重算 2 项期限;GridDesk 更新后由程序自动完成,于系统管理员(pytest)启动程序时"]
    assert calendar_admin.catch_up_with_published_schedule(world.db, world.system) is None
    assert lead_of(world, dispatch_at(world, at(2026, 9, 30)).id).due_at == at(2026, 10, 14, 0)


@pytest.mark.law("Art. 15")
@pytest.mark.parametrize("counted_through", [None, 2025], ids=["new database", "upgrade"])
def test_the_recount_at_a_users_start_up_is_recorded_as_the_programs_doing_on_their_desktop(world, counted_through):
    """The first desk started after an upgrade (or on a new database) recounts the city's deadlines. It was
    recorded as the user who happened to start it — a county's admin, whom the same log shows refused the
    calendar — now as the program (the built-in administrator) on their desktop, saying at whose start-up."""
    from desktop.models import Setting
    from desktop.models.enums import PlaceLevel, Role
    from desktop.services.cases.deadlines import case_limits, recompute
    from desktop.services.clock import WorkCalendar
    from desktop.services.security import Actor, Grant

    case = dispatch_at(world, at(2026, 9, 30))
    with world.db.session() as s:  # counted by an older package that did not know 2026
        if counted_through:
            s.add(Setting(key=calendar_admin.SCHEDULE_SETTING, value=counted_through))
        share = s.get(Assignment, lead_of(world, case.id).id)
        recompute(s, share, WorkCalendar.load(s, published_through=2025), case_limits(s, share.case))
        s.commit()
    county_admin = Actor("yh_admin", "银海区管理员", (Grant(Role.COUNTY_ADMIN, "450503000000", PlaceLevel.COUNTY),),
                         desktop="duty-pc-3", os_user="zhang")
    assert calendar_admin.catch_up_with_published_schedule(world.db, county_admin) == 1
    with world.db.session() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "calendar.published_schedule"))
        event = s.scalar(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "deadlines_recounted"))
    assert (entry.actor, entry.user_id, entry.os_user, entry.desktop) == ("system", None, "zhang", "duty-pc-3")
    assert entry.message.endswith(";GridDesk 更新后由程序自动完成,于银海区管理员(yh_admin)启动程序时")
    assert entry.detail["started_by"] == "yh_admin"
    assert (event.actor_id, event.actor_name, event.desktop) == (None, "系统管理员(zhang)", "duty-pc-3")


def test_an_upgrade_that_publishes_a_year_recounts_from_its_days_entered_in_the_december_before(world):
    """Mon 29 Dec 2025 entered as a holiday of the 2026 schedule, which the database's desks did not
    know: a share dispatched Mon 22 Dec and finished in December was due at 24:00 on the 30th. Once the
    package publishes 2026 that day counts no more and the deadline, in December, is recounted too."""
    from desktop.models import CalendarDay, Setting

    with world.db.session() as s:
        s.add(Setting(key=calendar_admin.SCHEDULE_SETTING, value=2025))
        s.add(CalendarDay(day=date(2025, 12, 29), kind=DayKind.HOLIDAY, name="元旦", schedule_year=2026,
                          entered_by="市级管理员"))
        s.commit()
    case = dispatch_at(world, at(2025, 12, 22))
    with world.db.session() as s:  # finished as a closing leaves it (its clock stopped, its deadlines kept)
        share = s.get(Assignment, lead_of(world, case.id).id)
        share.state, share.finished_at = AssignmentState.DONE, at(2025, 12, 30, 15)
        s.commit()
    assert lead_of(world, case.id).due_at == at(2025, 12, 31, 0)  # 23, 24, 25, 26, 30 Dec

    assert calendar_admin.catch_up_with_published_schedule(world.db, world.system) == 1
    assert lead_of(world, case.id).due_at == at(2025, 12, 30, 0)  # 23, 24, 25, 26, 29 Dec


def test_a_database_that_never_kept_the_year_has_its_open_shares_recounted_from_their_start(world):
    from desktop.models import Setting
    from desktop.services.cases.deadlines import case_limits, recompute
    from desktop.services.clock import WorkCalendar, last_published_year

    case = dispatch_at(world, at(2026, 9, 30))
    with world.db.session() as s:  # counted by an older package that did not know 2026
        share = s.get(Assignment, lead_of(world, case.id).id)
        recompute(s, share, WorkCalendar.load(s, published_through=2025), case_limits(s, share.case))
        s.commit()
    assert lead_of(world, case.id).due_at == at(2026, 10, 8, 0)
    assert calendar_admin.catch_up_with_published_schedule(world.db, world.system) == 1
    assert lead_of(world, case.id).due_at == at(2026, 10, 14, 0)
    with world.db.session() as s:
        assert s.get(Setting, calendar_admin.SCHEDULE_SETTING).value == last_published_year()



def test_two_desks_starting_at_once_on_a_new_database_recount_once_without_a_conflict(world, backend, monkeypatch):
    """Both desks find no schedule setting and set out to create it: the second had then failed on
    the key (a Conflict in its log, the recount left to its next start); now it waits for the first
    and finds the deadlines already counted with the published years."""
    import threading
    import time

    from desktop.services.clock import WorkCalendar
    from desktop.services.cases.deadlines import case_limits, recompute

    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    case = dispatch_at(world, at(2026, 9, 30))
    with world.db.session() as s:  # counted by an older package that did not know 2026
        share = s.get(Assignment, lead_of(world, case.id).id)
        recompute(s, share, WorkCalendar.load(s, published_through=2025), case_limits(s, share.case))
        s.commit()
    recounting, go_on = threading.Event(), threading.Event()
    real = calendar_admin.recompute_open_deadlines

    def held(*args, **kwargs):  # the first desk has created the setting and recounts, not yet committed
        recounting.set()
        go_on.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(calendar_admin, "recompute_open_deadlines", held)
    results = {}

    def desk(name):
        try:
            results[name] = calendar_admin.catch_up_with_published_schedule(world.db, world.system)
        except Exception as exc:  # what the desk's log would have shown
            results[name] = exc

    first = threading.Thread(target=desk, args=("first",))
    first.start()
    assert recounting.wait(10)
    second = threading.Thread(target=desk, args=("second",))
    second.start()
    time.sleep(0.5)  # the second desk reaches the setting and waits for the first
    go_on.set()
    first.join(10)
    second.join(10)
    assert results == {"first": 1, "second": None}
    assert lead_of(world, case.id).due_at == at(2026, 10, 14, 0)

def test_a_pause_decided_before_pauses_were_marked_is_still_given_back_in_clock_time(world):
    """Migration 0009 marks the requests that stop a clock; a pause decided before it (kept only
    as seconds stood still) is given back as it was then, in clock time — a recount must not
    take it away and leave the share overdue."""
    case = dispatch_at(world, at(2026, 6, 9))
    with world.db.session() as s:
        lead = s.get(Assignment, lead_of(world, case.id).id)
        lead.paused_seconds = 64 * 3600  # Friday 17:00 to Monday 09:00, before the upgrade
        lead.due_at = lead.original_due_at + timedelta(hours=64)
        s.commit()
    calendar_admin.enter_days(world.db, world.system, [calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")],
                              incomplete=True)
    lead = lead_of(world, case.id)
    assert lead.due_at == lead.original_due_at + timedelta(hours=64) == at(2026, 6, 19, 16)


def test_a_deadline_at_midnight_reads_as_24_00_of_the_day_before():
    """A limit in working days ends at 24:00: "2026-11-07 00:00" would name a Saturday."""
    from desktop.services.clock import due_text

    assert due_text(at(2026, 11, 7, 0)) == "2026-11-06 24:00"
    assert due_text(at(2026, 11, 7, 0), "%m-%d") == "11-06 24:00"
    assert due_text(datetime(2026, 11, 7, 9, 30, tzinfo=BEIJING)) == "2026-11-07 09:30"
    assert due_text(None, missing="—") == "—"


def test_a_day_of_the_regions_own_counts_in_a_published_year_and_does_not_make_an_unknown_year_known(world):
    """Guangxi's 壮族三月三: two days off the State Council's schedule does not know. Entered as
    regional they count at once (deadlines recounted), in a published year as in any other."""
    case = dispatch_at(world, at(2026, 4, 17))  # Friday; 5 working days: 20–24 Apr
    assert lead_of(world, case.id).due_at == at(2026, 4, 25, 0)
    for day in (date(2026, 4, 20), date(2026, 4, 21)):
        calendar_admin.add_day(world.db, world.system, calendar_admin.DayEntry(day, DayKind.HOLIDAY, "壮族三月三",
                                                                               regional=True))
    assert lead_of(world, case.id).due_at == at(2026, 4, 29, 0)  # 22, 23, 24, 27, 28 Apr
    shown = calendar_admin.year_calendar(world.db, 2026)
    assert [(e.day, e.regional) for e in shown.days if e.name == "壮族三月三"] == [(date(2026, 4, 20), True),
                                                                                (date(2026, 4, 21), True)]
    with pytest.raises(ValidationFailed, match="已由国务院公布并已内置"):  # a national day is not entered so
        calendar_admin.add_day(world.db, world.system, calendar_admin.DayEntry(date(2026, 4, 22), DayKind.HOLIDAY))

    later = dispatch_at(world, at(2026, 12, 30))
    calendar_admin.add_day(world.db, world.system, calendar_admin.DayEntry(date(2027, 4, 9), DayKind.HOLIDAY,
                                                                           "壮族三月三", regional=True))
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == (2027,)  # still to be entered
    assert calendar_admin.year_calendar(world.db, 2027).status is calendar_admin.YearStatus.UNKNOWN
    with pytest.raises(ValidationFailed) as caught:  # a whole year meeting the regional day names the row
        calendar_admin.enter_days(world.db, world.system, [
            calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
            calendar_admin.DayEntry(date(2027, 4, 9), DayKind.HOLIDAY, "清明")], incomplete=True)
    assert caught.value.problems == ["第 2 行 2027-04-09:该日已录入为广西地方节假日(如壮族三月三);"
                                     "请先删除该地方节假日,或从文件中删去这一行"]
    calendar_admin.enter_days(world.db, world.system, [calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")],
                              incomplete=True)
    calendar_admin.enter_days(world.db, world.system, [calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")],
                              replace=True, incomplete=True)
    assert [e.day for e in calendar_admin.list_days(world.db, 2027)] == [date(2027, 1, 1), date(2027, 4, 9)]
    assert lead_of(world, later.id).due_at == at(2027, 1, 8, 0)  # 31 Dec, 4–7 Jan

    calendar_admin.remove_day(world.db, world.system, date(2026, 4, 21))
    assert lead_of(world, case.id).due_at == at(2026, 4, 28, 0)


def test_days_of_2027s_schedule_in_december_2026_count_over_the_published_schedule_as_part_of_2027(world):
    """As the 2019 New Year's holiday made 29 December 2018 a make-up workday: a later year's schedule
    may put days in the December of a published year. Entered with that year, they count over the
    published schedule of their dates, are on record as that year's, and deadlines are recounted."""
    case = dispatch_at(world, at(2026, 12, 24))  # Thursday; 5 working days: 25, 28, 29, 30, 31 Dec
    assert lead_of(world, case.id).due_at == at(2027, 1, 1, 0)
    new_year = [calendar_admin.DayEntry(date(2026, 12, 26), DayKind.WORKDAY, "元旦调休"),  # a Saturday
                calendar_admin.DayEntry(date(2026, 12, 31), DayKind.HOLIDAY, "元旦"),  # a Thursday
                calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")]
    result = calendar_admin.enter_days(world.db, world.system, new_year, incomplete=True)
    assert (result.years, result.days, result.recomputed) == ((2027,), 3, 1)
    assert lead_of(world, case.id).due_at == at(2026, 12, 31, 0)  # 25, 26, 28, 29, 30 Dec
    assert [(e.day, e.schedule_year) for e in calendar_admin.list_days(world.db, 2027)] == [
        (date(2026, 12, 26), 2027), (date(2026, 12, 31), 2027), (date(2027, 1, 1), None)]
    shown = calendar_admin.year_calendar(world.db, 2026)  # the published year shows what counts there
    assert calendar_admin.DayEntry(date(2026, 12, 31), DayKind.HOLIDAY, "元旦", schedule_year=2027) in shown.days
    assert calendar_admin.year_calendar(world.db, 2027).status is calendar_admin.YearStatus.ENTERED
    with world.db.session() as s:
        audit = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (audit.action, audit.target) == ("calendar.enter", "2027") and "含 2026 年 12 月 2 天" in audit.message

    # Entered again without them, 2027 takes its December days away: the published schedule counts again.
    result = calendar_admin.enter_days(world.db, world.system, new_year[2:], replace=True, incomplete=True)
    assert (result.replaced, result.recomputed) == (3, 1) and lead_of(world, case.id).due_at == at(2027, 1, 1, 0)
    # One day more of 2027's schedule, in December 2026; any other day of 2026 is the published schedule's.
    result = calendar_admin.add_day(world.db, world.system, new_year[1])
    assert (result.years, result.recomputed) == ((2027,), 1)
    with pytest.raises(ValidationFailed, match="已由国务院公布并已内置"):
        calendar_admin.add_day(world.db, world.system, calendar_admin.DayEntry(date(2026, 11, 30), DayKind.HOLIDAY))


@pytest.mark.law("Art. 19")
def test_a_held_cases_monthly_callback_into_an_unknown_year_raises_no_warning(world):
    """A held case is called back so many calendar days on: no holiday of 2027 moves that date, so it is
    no reason to warn that 2027's holidays are not entered. A callback after closing, in working days, is."""
    from desktop.services.cases import hold

    case = world.new_case(title="待拆迁片区路面破损")
    case = hold.put_on_hold(world.db, world.operator, case_id=case.case.id, reason="待片区拆迁",
                            explanation="已向诉求人说明拆迁计划", expected_version=case.case.version)
    with world.db.session() as s:
        s.scalar(select(Callback).where(Callback.case_id == case.id)).due_at = at(2027, 1, 15, 0)
        s.commit()
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == ()
    with world.db.session() as s:  # the same date for a closed case's callback, counted in working days
        s.get(Case, case.id).state = CaseState.CLOSED
        s.commit()
    assert calendar_admin.unknown_years_of_open_deadlines(world.db) == (2027,)


def test_deadlines_a_calendar_change_moves_are_on_the_cases_timeline(world):
    """The case panel showed the new deadline while the timeline's last word was the old one: the
    recount now says on the timeline who moved which share's deadline, from what to what, and why."""
    from desktop.models import CaseEvent, Department

    case = dispatch_at(world, at(2026, 12, 30))  # 5 working days, Mon–Fri into 2027: 24:00 of 6 Jan
    untouched = dispatch_at(world, at(2026, 11, 2))  # due in November: no event
    calendar_admin.enter_days(world.db, world.system, [calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")],
                              incomplete=True)
    with world.db.session() as s:
        events = s.scalars(select(CaseEvent).where(CaseEvent.kind == "deadlines_recounted")).all()
        assert [e.case_id for e in events] == [case.id]
        police = s.get(Department, world.departments["police"]).name
        event = events[0]
        assert event.actor_name == world.system.display_name
        assert event.from_state == event.to_state == s.get(Case, case.id).state.value
        assert event.message == ("工作日历变更后重算期限(录入 2027 年节假日安排 1 天):"
                                 f"{police} 办理期限 2027-01-06 24:00 → 2027-01-07 24:00")
        assert not s.scalars(select(CaseEvent).where(CaseEvent.case_id == untouched.id,
                                                     CaseEvent.kind == "deadlines_recounted")).all()
