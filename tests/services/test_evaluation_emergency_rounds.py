"""Art. 21 emergency-report timeliness in the evaluation: a follow-up still owed counts, late, every
round fallen due while it is owed, as the desk, the bulletin and the wall count them
(EmergencyInfo.overdue_count) — each in the period of its own due time, and the same before and
after the late follow-up is made.

The ladder reports to the county only here, so that each report owes one follow-up at a time; the
phone and written first reports are made in time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.models import Place
from desktop.models.enums import EmergencyLevel, EmergencyStepKind, EmergencyType
from desktop.services import emergencies
from desktop.services.clock import BEIJING
from desktop.services.evaluation.drilldown import drill_down
from desktop.services.evaluation.periods import parse_period
from desktop.services.evaluation.scores import evaluate

QIAOGANG, ZHONGJIE = "450503103000", "450502001000"
DAY = timedelta(hours=24)


@pytest.fixture
def county_only(db, system):
    emergencies.configure_ladder(db, system, report_to=["county"])


def _township_id(db, code: str) -> int:
    with db.session() as session:
        return session.scalar(select(Place.id).where(Place.code == code))


def _open(db, actor, learned: datetime, township: str = QIAOGANG) -> emergencies.EmergencyInfo:
    """A report whose first reports were made in time; its follow-up is owed from learned + 24 h."""
    info = emergencies.report(db, actor, type=EmergencyType.MASS_INCIDENT, level=EmergencyLevel.LEVEL_IV,
                              title="渔港码头聚集", occurred_at=learned, learned_at=learned, place_text="侨港渔港码头",
                              summary="约三十名渔民聚集", township_code=township)
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FOLLOW_UP:
            info = emergencies.record_step(db, actor, step.id, "已报", done_at=step.due_at - timedelta(minutes=5))
    return info


def _follow_up(info: emergencies.EmergencyInfo) -> emergencies.StepInfo:
    return next(s for s in info.steps if s.kind is EmergencyStepKind.FOLLOW_UP and s.done_at is None)


def _emergency(db, actor, period: str, township: str, as_of: datetime) -> tuple[int, int]:
    figure = evaluate(db, actor, period, "township", as_of=as_of).subject(_township_id(db, township)).figure("emergency")
    return figure.numerator, figure.denominator


def _rounds(first_due: datetime, until: datetime, every: timedelta = DAY) -> list[datetime]:
    """The due times of the owed follow-up and of each round fallen due after it, before `until`."""
    count = -(-(until - first_due) // every)  # ceil, as StepInfo.rounds_behind counts them
    return [first_due + n * every for n in range(count)]


@pytest.mark.law("Art. 21")
def test_art21_a_follow_up_owed_for_four_days_counts_four_late_rounds(db, system, county_only):
    """Art. 21: four days without a follow-up are four late follow-ups in the timeliness rate, as at the
    desk — and with the ladder's interval in force, as the desk counts them too. Learned to the
    microsecond: the round due exactly at the evaluation's moment is not yet missed."""
    learned = datetime(2026, 10, 6, 9, 0, 59, 999_999, tzinfo=BEIJING)
    info = _open(db, system, learned)
    owed = _follow_up(info)
    as_of = owed.due_at + 4 * DAY
    late = _rounds(owed.due_at, as_of)
    assert len(late) == 4 == info.overdue_count(as_of)
    first_reports = len(info.steps) - 1
    assert _emergency(db, system, "2026-10", QIAOGANG, as_of) == (first_reports, first_reports + len(late))

    emergencies.configure_ladder(db, system, follow_up_hours=12)
    info = emergencies.get_report(db, system, info.id)
    late = _rounds(owed.due_at, as_of, timedelta(hours=12))
    assert len(late) == info.overdue_count(as_of) == 8
    assert _emergency(db, system, "2026-10", QIAOGANG, as_of) == (first_reports, first_reports + len(late))


@pytest.mark.law("Art. 21")
def test_art21_missed_rounds_count_the_same_before_and_after_the_late_follow_up_is_made(db, system, county_only):
    """Art. 21: made at last, the late follow-up answers for the rounds missed meanwhile (rows of their
    own): the rate neither drops nor counts them twice."""
    learned = datetime(2026, 10, 6, 9, 0, tzinfo=BEIJING)
    info = _open(db, system, learned)
    owed = _follow_up(info)
    as_of = owed.due_at + 4 * DAY
    before = _emergency(db, system, "2026-10", QIAOGANG, as_of)
    listed_before = drill_down(db, system, "2026-10", "township", _township_id(db, QIAOGANG), "emergency", as_of=as_of)
    info = emergencies.record_step(db, system, owed.id, "续报:人员已疏散", done_at=as_of - timedelta(hours=1))
    made = [s for s in info.steps if s.kind is EmergencyStepKind.FOLLOW_UP and s.done_at is not None]
    assert len(made) == len(_rounds(owed.due_at, as_of)) and info.overdue_count(as_of) == 0
    assert _emergency(db, system, "2026-10", QIAOGANG, as_of) == before
    listed = drill_down(db, system, "2026-10", "township", _township_id(db, QIAOGANG), "emergency", as_of=as_of)
    assert [row.due for row in listed] == [row.due for row in listed_before]


@pytest.mark.law("Art. 21")
def test_art21_each_missed_round_counts_in_the_period_of_its_due_time(db, system, county_only):
    """Art. 21: a round counts in the month it fell due in, as the row the late follow-up writes for it
    will — one due at 00:00 of 1 November is 24:00 of 31 October, October's; rounds not yet due by the
    evaluation's moment are not counted."""
    learned = datetime(2026, 10, 29, 0, 0, tzinfo=BEIJING)
    info = _open(db, system, learned)
    owed = _follow_up(info)
    as_of = datetime(2026, 11, 2, 12, 0, tzinfo=BEIJING)
    late = _rounds(owed.due_at, as_of)
    first_reports = len(info.steps) - 1
    october, november = parse_period("2026-10"), parse_period("2026-11")
    in_october = [due for due in late if october.start < due <= october.end]
    in_november = [due for due in late if november.start < due <= november.end]
    assert datetime(2026, 11, 1, 0, 0, tzinfo=BEIJING) in in_october and len(in_november) == 1
    assert _emergency(db, system, "2026-10", QIAOGANG, as_of) == (first_reports, first_reports + len(in_october))
    assert _emergency(db, system, "2026-11", QIAOGANG, as_of) == (0, len(in_november))
    assert len(in_october) + len(in_november) == info.overdue_count(as_of)
    # Made now, the follow-up's rounds are rows in the same months.
    emergencies.record_step(db, system, owed.id, "续报:人员已疏散", done_at=as_of)
    assert _emergency(db, system, "2026-10", QIAOGANG, as_of) == (first_reports, first_reports + len(in_october))
    assert _emergency(db, system, "2026-11", QIAOGANG, as_of) == (0, len(in_november))


@pytest.mark.law("Art. 21")
def test_art21_the_handling_stops_the_rounds(db, system, county_only):
    """Art. 21: no follow-up is owed once the situation is handled — one overdue then counts the rounds
    fallen due before the handling only; one not yet due is dropped, as at the desk (mark_handled)."""
    learned = datetime(2026, 10, 6, 9, 0, tzinfo=BEIJING)
    info = _open(db, system, learned)
    owed = _follow_up(info)
    handled = owed.due_at + 2 * DAY + timedelta(hours=2)
    info = emergencies.mark_handled(db, system, info.id, handled_at=handled)
    as_of = owed.due_at + 6 * DAY
    late = _rounds(owed.due_at, handled)
    assert len(late) == 3 == info.overdue_count(as_of)
    made_in_time = sum(1 for s in info.steps if s.done_at is not None)
    final_due = [s.due_at for s in info.steps if s.kind is EmergencyStepKind.FINAL and s.due_at < as_of]
    assert _emergency(db, system, "2026-10", QIAOGANG, as_of) == (made_in_time,
                                                                  made_in_time + len(late) + len(final_due))

    early = _open(db, system, learned, ZHONGJIE)
    early = emergencies.mark_handled(db, system, early.id, handled_at=learned + timedelta(hours=20))
    assert not [s for s in early.steps if s.kind is EmergencyStepKind.FOLLOW_UP] and early.overdue_count(as_of) == 0
    made_in_time = sum(1 for s in early.steps if s.done_at is not None)
    assert _emergency(db, system, "2026-10", ZHONGJIE, as_of) == (made_in_time, made_in_time)


@pytest.mark.law("Art. 21")
def test_art21_the_drill_down_lists_each_missed_round(db, system, county_only):
    """Art. 21: the drill-down lists each round fallen due while the follow-up is owed, as the same
    report with the round's due time, marked as a round not reported — in the denominator, not the numerator."""
    learned = datetime(2026, 10, 6, 9, 0, tzinfo=BEIJING)
    info = _open(db, system, learned)
    owed = _follow_up(info)
    as_of = owed.due_at + 4 * DAY
    township = _township_id(db, QIAOGANG)
    counted = drill_down(db, system, "2026-10", "township", township, "emergency", as_of=as_of)
    owed_rows = [row for row in counted if row.item_id == owed.id]
    assert [(row.number, row.due, row.done, row.in_numerator) for row in owed_rows] == [
        (info.number, due, None, False) for due in _rounds(owed.due_at, as_of)]
    # The follow-up owed under its own title, each round missed since said to be one; each row names its rung,
    # as a report's rows would otherwise read alike.
    rung = "续报报县(区):"
    assert [row.title for row in owed_rows] == [rung + info.title] + [f"{rung}{info.title}(未报续报)"] * (
        len(owed_rows) - 1)
    first = next(row for row in counted if row.item_id == info.steps[0].id)
    assert first.title == f"{info.steps[0].kind.label}报县(区):{info.title}"
    on_time = drill_down(db, system, "2026-10", "township", township, "emergency", "numerator", as_of=as_of)
    assert owed.id not in [row.item_id for row in on_time]
    assert len(counted) == _emergency(db, system, "2026-10", QIAOGANG, as_of)[1]
