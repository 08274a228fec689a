"""Evaluation maths on a hand-checked case set (Art. 5, 23; SPEC §11).

October 2026, as of 10 November. 中街 (township A) has grids G1 and G2, 侨港 (township B) G3.
Department D1 leads c1, c2, c7; D2 leads c3, c4.

  c1  G1 due 10-12  closed 10-10 (on time)  signed on time   callback: solved, 满意
  c2  G1 due 10-15  closed 10-20 (late)     signed late      callbacks: unsolved 不满意, then solved 基本满意
  c3  G2 due 10-05  still open (overdue)    never signed
  c4  G2 due 10-08  暂缓 on hold             signed on time   → reported apart
  c5  G1 due 11-03  closed 10-30            (received in October: its case counts in November,
                                            its sign-for deadline in October)
  c6  G3 due 09-30 23:00 Beijing            (September, although 15:00 UTC)
  c7  G3 due 10-01 00:30 Beijing            closed on time, signed on time (October, although 09-30 UTC)
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import delete, func, select, update
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table

from pdftools import pdf_text
from desktop import migrate
from desktop.errors import InvalidTransition, PermissionDenied, ValidationFailed
from desktop.models import (
    Assignment,
    AuditEntry,
    Callback,
    Case,
    Department,
    EmergencyReport,
    EmergencyStep,
    EvaluationChangedMonth,
    EvaluationMonthCount,
    EvaluationMonthFigure,
    GridStaffRole,
    Person,
    Place,
    WorkLogEntry,
)
from desktop.models.enums import (
    AssignmentRole,
    AssignmentState,
    CallbackState,
    CaseState,
    Channel,
    DepartmentLevel,
    EmergencyLevel,
    EmergencyStepKind,
    EmergencyType,
    HandlingLevel,
    MatterCategory,
    PeriodKind,
    PlaceLevel,
    Role,
    Satisfaction,
    StaffRole,
    StaffSource,
    WorkLogKind,
)
from desktop.services import places, users
from desktop.services.clock import BEIJING
from desktop.services.evaluation import export, kept, settlement
from desktop.services.evaluation.drilldown import drill_down
from desktop.services.evaluation.indicators import (
    DEFAULT_INDICATORS,
    competition_ranks,
    composite,
    configure_indicators,
    load_indicators,
)
from desktop.services.evaluation.periods import parse_period, period_of
from desktop.services.evaluation.scores import MIN_SAMPLE, evaluate
from desktop.services.evaluation.sources import Level
from desktop.services.printing.assessment import print_assessment
from desktop.services.security import Actor, Grant

AS_OF = datetime(2026, 11, 10, 12, 0, tzinfo=BEIJING)
TOWNSHIP_A, TOWNSHIP_B = "450502001000", "450503103000"


def bj(month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BEIJING)


class Builder:
    """Writes exact rows straight into the tables (the case services are not under test here)."""

    numbers = itertools.count(1)

    def __init__(self, session):
        self.session = session

    def place(self, code: str) -> Place:
        return self.session.scalar(select(Place).where(Place.code == code))

    def department(self, code: str, name: str) -> Department:
        dept = Department(code=code, name=name, short_name=name, level=DepartmentLevel.CITY,
                          place_id=self.place("450500000000").id)
        self.session.add(dept)
        self.session.flush()
        return dept

    def case(self, grid: Place, due: datetime, *, state=CaseState.CLOSED, closed: datetime | None = None,
             lead: Department | None = None, signed: datetime | None | str = "on time",
             category=MatterCategory.DISPUTE, received: datetime | None = None, lonlat=None,
             reopen_count: int = 0) -> Case:
        n = next(self.numbers)
        village = self.session.get(Place, grid.parent_id)
        township = self.session.get(Place, village.parent_id)
        received = received or due - timedelta(days=7)
        case = Case(number=f"T-{n:05d}", channel=Channel.HOTLINE_12345, title=f"诉求{n}",
                    description="测试", category=category, county_id=township.parent_id, township_id=township.id,
                    village_id=village.id, grid_id=grid.id, state=state, received_at=received, due_at=due,
                    closed_at=closed, hold_reason="客观原因" if state is CaseState.ON_HOLD else None,
                    reopen_count=reopen_count, lon=lonlat[0] if lonlat else None, lat=lonlat[1] if lonlat else None)
        self.session.add(case)
        self.session.flush()
        if lead is not None:
            sign_due = received + timedelta(days=1)
            signed_at = sign_due - timedelta(hours=2) if signed == "on time" else signed
            finished = state in (CaseState.CLOSED, CaseState.ON_HOLD)
            self.session.add(Assignment(case_id=case.id, department_id=lead.id, role=AssignmentRole.LEAD,
                                        state=AssignmentState.DONE if finished else AssignmentState.SIGNED,
                                        dispatched_at=received, sign_due_at=sign_due, signed_at=signed_at,
                                        due_at=due, original_due_at=due, finished_at=closed))
            if finished:
                case.due_at = None  # as the case service leaves it: the lead keeps the deadline
        self.session.flush()
        return case

    def callback(self, case: Case, due: datetime, done: datetime | None, solved=None, satisfaction=None):
        self.session.add(Callback(case_id=case.id, due_at=due, done_at=done, solved=solved, satisfaction=satisfaction,
                                  state=CallbackState.DONE if done else CallbackState.PENDING))
        self.session.flush()


@pytest.fixture
def world(db, system):
    """The hand-checked set above; returns ids by name."""
    for code, name in (("450502001003001", "一网格"), ("450502001003002", "二网格"), ("450503103001001", "侨北一网格")):
        places.create_grid(db, system, village_code=code[:12], code=code, name=name)
    with db.session() as session:
        b = Builder(session)
        g1, g2, g3 = (b.place(c) for c in ("450502001003001", "450502001003002", "450503103001001"))
        d1, d2 = b.department("D1", "市城管局"), b.department("D2", "市水务局")
        c1 = b.case(g1, bj(10, 12), closed=bj(10, 10), lead=d1)
        c2 = b.case(g1, bj(10, 15), closed=bj(10, 20), lead=d1, signed=bj(10, 9, 15))
        c3 = b.case(g2, bj(10, 5), state=CaseState.HANDLING, lead=d2, signed=None, received=bj(10, 1))
        c4 = b.case(g2, bj(10, 8), state=CaseState.ON_HOLD, lead=d2, received=bj(10, 1))
        c5 = b.case(g1, bj(11, 3), closed=bj(10, 30), received=bj(10, 27), lead=d1)
        c6 = b.case(g3, datetime(2026, 9, 30, 23, 0, tzinfo=BEIJING), closed=bj(9, 29), lead=d1)
        c7 = b.case(g3, datetime(2026, 10, 1, 0, 30, tzinfo=BEIJING), closed=bj(9, 30, 20), lead=d1,
                    received=bj(9, 30, 9))
        b.callback(c1, bj(10, 14), bj(10, 13), solved=True, satisfaction=Satisfaction.SATISFIED)
        b.callback(c2, bj(10, 22), bj(10, 21), solved=False, satisfaction=Satisfaction.UNSATISFIED)
        b.callback(c2, bj(10, 28), bj(10, 30), solved=True, satisfaction=Satisfaction.BASICALLY)
        b.callback(c5, bj(11, 4), None)
        p1 = Person(name="黄网格长")
        p2 = Person(name="陈网格员")
        session.add_all([p1, p2])
        session.flush()
        session.add_all([
            GridStaffRole(person_id=p1.id, grid_id=g1.id, role=StaffRole.GRID_HEAD, source=StaffSource.HIRED,
                          start_on=date(2026, 1, 1)),
            GridStaffRole(person_id=p2.id, grid_id=g2.id, role=StaffRole.GRID_MEMBER, source=StaffSource.VOLUNTEER,
                          start_on=date(2026, 1, 1), end_on=date(2026, 9, 15)),
            WorkLogEntry(person_id=p1.id, grid_id=g1.id, kind=WorkLogKind.VISIT, occurred_at=bj(10, 5), summary="走访"),
        ])
        report = EmergencyReport(number="E-1", township_id=g1.parent.parent_id, grid_id=g1.id,
                                 type=EmergencyType.MASS_INCIDENT, level=EmergencyLevel.LEVEL_III, title="聚集",
                                 occurred_at=bj(10, 3, 9), learned_at=bj(10, 3, 9, 30), place_text="广场",
                                 summary="聚集", reported_by="值班员")
        session.add(report)
        session.flush()
        session.add_all([
            EmergencyStep(report_id=report.id, kind=EmergencyStepKind.PHONE_FIRST, to_level=HandlingLevel.COUNTY,
                          due_at=bj(10, 3, 10), done_at=bj(10, 3, 9, 50)),
            EmergencyStep(report_id=report.id, kind=EmergencyStepKind.WRITTEN_FIRST, to_level=HandlingLevel.COUNTY,
                          due_at=bj(10, 3, 10, 30), done_at=bj(10, 3, 11)),
            EmergencyStep(report_id=report.id, kind=EmergencyStepKind.FOLLOW_UP, to_level=HandlingLevel.COUNTY,
                          due_at=bj(11, 20)),
        ])
        session.commit()
        ids = {name: obj.id for name, obj in dict(c1=c1, c2=c2, c3=c3, c4=c4, c5=c5, c6=c6, c7=c7, g1=g1, g2=g2,
                                                   g3=g3, d1=d1, d2=d2, p1=p1, p2=p2).items()}
        ids["A"], ids["B"] = b.place(TOWNSHIP_A).id, b.place(TOWNSHIP_B).id
    return ids


def fig(evaluation, subject_id, code):
    f = evaluation.subject(subject_id).figure(code)
    return f.numerator, f.denominator


def test_periods_parse_and_cover_beijing_days():
    oct_ = parse_period("2026-10")
    assert (oct_.kind, oct_.starts_on, oct_.ends_on) == (PeriodKind.MONTH, date(2026, 10, 1), date(2026, 10, 31))
    assert oct_.start.isoformat() == "2026-10-01T00:00:00+08:00" and oct_.label == "2026年10月"
    q4 = parse_period("2026-q4")
    assert (q4.code, q4.starts_on, q4.ends_on, q4.label) == ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31),
                                                             "2026年第四季度")
    assert parse_period("2026").ends_on == date(2026, 12, 31)
    assert parse_period("2027-2").code == "2027-02"
    assert period_of(datetime(2026, 9, 30, 16, 30, tzinfo=BEIJING).astimezone(BEIJING)).code == "2026-09"
    for bad in ("2026-13", "2026-Q5", "26-10", "十月"):
        with pytest.raises(ValidationFailed, match="考核期"):
            parse_period(bad)


def test_maths_of_composite_and_ranks():
    defaults = list(DEFAULT_INDICATORS)
    assert composite({"response": 1 / 3, "resolution": 1.0, "satisfaction": 1.0}, defaults) == pytest.approx(80.0)
    # Missing rates leave their weight out instead of scoring zero.
    assert composite({"response": 1.0, "resolution": None, "satisfaction": None}, defaults) == pytest.approx(100.0)
    assert composite({"on_time": 0.5}, defaults) is None
    assert competition_ranks([80.0, None, 100.0, 80.0, 0.1 + 0.2, 0.3]) == [2, None, 1, 2, 4, 4]


@pytest.mark.law("Art. 23")
def test_township_scores_match_hand_count(db, system, world):
    ev = evaluate(db, system, "2026-10", "township", as_of=AS_OF, min_sample=1)  # every score ranked, however few
    a, b = world["A"], world["B"]
    assert fig(ev, a, "on_time") == (1, 3)  # c1 on time; c2 late; c3 overdue and open
    assert fig(ev, a, "resolution") == (2, 2)  # c2's last callback says solved
    assert fig(ev, a, "satisfaction") == (2, 2)
    assert fig(ev, a, "response") == (2, 4)  # c5's sign-for deadline fell in October
    assert fig(ev, a, "callback") == (2, 3)  # c2's second callback was made late
    assert fig(ev, a, "emergency") == (1, 2)  # the November follow-up is not yet due
    assert fig(ev, a, "work_log") == (1, 1)  # 黄网格长 logged; 陈网格员 left in September
    assert ev.subject(a).on_hold == 1
    assert ev.subject(a).composite == pytest.approx(85.0)
    assert fig(ev, b, "on_time") == (1, 1)  # c7 only: c6 fell due in September Beijing time
    assert ev.subject(b).figure("resolution").rate is None
    assert ev.subject(b).composite == pytest.approx(100.0)
    assert [(s.subject_id, s.rank) for s in ev.subjects[:2]] == [(b, 1), (a, 2)]
    others = [s for s in ev.subjects if s.subject_id not in (a, b)]
    assert len(others) == 28 and all(s.rank is None and s.composite is None for s in others)
    assert [s.subject_id for s in ev.commendations(1)] == [b]


@pytest.mark.law("Art. 5")
def test_department_grid_and_staff_levels(db, system, world):
    dept = evaluate(db, system, "2026-10", "department", as_of=AS_OF, min_sample=1)
    assert fig(dept, world["d1"], "on_time") == (2, 3)
    assert fig(dept, world["d1"], "response") == (3, 4)
    assert dept.subject(world["d1"]).composite == pytest.approx(92.5)
    assert fig(dept, world["d2"], "response") == (0, 1) and dept.subject(world["d2"]).on_hold == 1
    assert dept.subject(world["d2"]).composite == pytest.approx(0.0)
    assert [s.rank for s in dept.subjects] == [1, 2]
    assert all(f.code not in ("emergency", "work_log") or f.denominator == 0 for f in dept.subject(world["d1"]).figures)

    grid = evaluate(db, system, "2026-10", "grid", as_of=AS_OF)
    assert grid.subject(world["g1"]).composite == pytest.approx(90.0)
    assert grid.subject(world["g2"]).composite == pytest.approx(0.0)
    assert grid.subject(world["g3"]).composite == pytest.approx(100.0)

    staff = evaluate(db, system, "2026-10", "staff", as_of=AS_OF)
    assert [s.subject_id for s in staff.subjects] == [world["p1"]]
    assert staff.subject(world["p1"]).composite == pytest.approx(90.0)
    assert fig(staff, world["p1"], "work_log") == (1, 1)


def _more_of_township_a(db, world, count: int) -> None:
    """`count` more cases of 一网格 led by D1 in October, each signed for and closed on time."""
    with db.session() as session:
        b = Builder(session)
        for day in range(count):
            b.case(b.place("450502001003001"), bj(10, 20 + day), closed=bj(10, 18), lead=session.get(Department,
                                                                                                   world["d1"]))
        session.commit()


@pytest.mark.law("Art. 23")
def test_a_subject_of_too_small_a_sample_is_listed_after_the_ranked_without_a_rank(db, system, world):
    """侨港 (township B) scored 100 on its single case and was ranked first and proposed for commendation,
    above 中街 and its six. A composite resting on fewer than MIN_SAMPLE rows (the largest denominator among
    its weighed rates) is shown, marked small_sample, listed after the ranked, and not ranked."""
    _more_of_township_a(db, world, 2)
    ev = evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    a, b = ev.subject(world["A"]), ev.subject(world["B"])
    assert ev.min_sample == MIN_SAMPLE == 5
    assert (a.sample, a.small_sample, a.rank) == (6, False, 1)  # 6 sign-fors due: c1, c2, c3, c5 and the two new
    assert (b.sample, b.small_sample, b.rank, b.composite) == (1, True, None, pytest.approx(100.0))
    assert [s.subject_id for s in ev.subjects[:2]] == [a.subject_id, b.subject_id]  # after the ranked, before the unscored
    assert all(s.small_sample and s.rank is None for s in ev.subjects if s.composite is None)
    assert ev.commendations(3) == []  # 侨港 unranked; 中街 alone is no field to commend out of
    assert "少于 5 件的对象为样本不足,本考核期没有任何应计事项的对象为无数据,均列于排名之后,不参与排名和表彰" in ev.small_sample_note()
    # The minimum is the evaluation's: at 1, the single case ranks first again.
    assert [(s.subject_id, s.rank) for s in evaluate(db, system, "2026-10", "township", as_of=AS_OF,
                                                      min_sample=1).subjects[:2]] == [(b.subject_id, 1), (a.subject_id, 2)]


@pytest.mark.law("Art. 23")
def test_exports_and_forms_mark_a_small_sample_as_the_screen_does(db, system, world, tmp_path):
    _more_of_township_a(db, world, 2)
    ev = evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    header, rows = export.table(ev)
    by_ref = {row[1]: dict(zip(header, row)) for row in rows}
    assert (by_ref[TOWNSHIP_A]["排名"], by_ref[TOWNSHIP_A]["样本件数"]) == (1, 6)
    assert (by_ref[TOWNSHIP_B]["排名"], by_ref[TOWNSHIP_B]["样本件数"]) == ("样本不足", 1)
    data = export.as_json(ev)
    assert data["min_sample"] == 5
    assert [(s["ref"], s["rank"], s["small_sample"]) for s in data["subjects"][:2]] == [
        (TOWNSHIP_A, 1, False), (TOWNSHIP_B, None, True)]
    path = tmp_path / "forms.pdf"
    print_assessment(db, system, ev, path)
    pages = ["".join(page.split()) for page in pdf_text(path).split("\f") if page.strip()]
    assert "排名1/1" in pages[0] and "排名(应计1件,少于5件,不参与排名)样本不足" in pages[1]
    assert all("少于5件的对象为样本不足" in page for page in pages)
    assert "侨港" not in pages[-1] and "参与排名的对象仅1个" in pages[-1]  # not on the commendation list


@pytest.mark.law("Art. 23")
def test_a_subject_with_nothing_counted_is_marked_no_data_and_its_form_says_so(db, system, world, tmp_path):
    """Townships without a single counted row were neither 样本不足 nor ranked, left out of the summary's
    count, and each printed a signed form of "0 0 —" rows: they are 无数据, counted among the small
    samples, and their form says 本考核期无可考核数据 instead of a table of noughts."""
    _more_of_township_a(db, world, 2)
    ev = evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    empty = [s for s in ev.subjects if s.subject_id not in (world["A"], world["B"])]
    assert len(empty) == 28 and all(s.no_data and s.small_sample and s.rank is None for s in empty)
    assert not ev.subject(world["B"]).no_data  # a single case is a small sample, not no data
    assert ev.subjects[2:] == tuple(empty)  # after the ranked and the scored small sample
    assert ev.summary() == "1 个对象参与排名,29 个样本不足(其中 28 个本期无可考核数据)"
    header, rows = export.table(ev)
    assert {row[0] for row in rows[2:]} == {"无数据"} and rows[1][0] == "样本不足"
    assert all(s["no_data"] for s in export.as_json(ev)["subjects"][2:])
    path = tmp_path / "forms.pdf"
    print_assessment(db, system, ev, path)
    pages = ["".join(page.split()) for page in pdf_text(path).split("\f") if page.strip()]
    assert len(pages) == 31  # a form for every township, then the list
    for page in pages[2:30]:
        assert "本考核期无可考核数据(无数据)" in page and "考核人(签字)" in page
        assert "响应率" not in page and "加权得分" not in page


@pytest.mark.law("Art. 23")
def test_a_commendation_is_proposed_only_out_of_a_field_larger_than_the_list(db, system, world, tmp_path):
    """侨港镇, the only township ranked, was 排名 1/1 and the only name proposed for commendation: where no
    more subjects are ranked than would be proposed, the ranking singles nobody out, and the list says so."""
    _more_of_township_a(db, world, 2)  # 中街 ranked alone, 侨港 of a small sample
    alone = evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    assert alone.ranked() == 1 and alone.commendations(3) == []
    assert alone.commendation_note(3) == ("参与排名的对象仅 1 个,不多于建议表彰的 3 名,排名不能区分出表现优秀者,"
                                          "本考核期不提出表彰建议")
    path = tmp_path / "alone.pdf"
    print_assessment(db, system, alone, path)
    listed = "".join(pdf_text(path).split("\f")[-2].split())
    assert "表彰奖励建议名单" in listed and "参与排名的对象仅1个" in listed and "名次" not in listed
    two = evaluate(db, system, "2026-10", "township", as_of=AS_OF, min_sample=1)
    assert two.ranked() == 2 and two.commendations(3) == [] and "仅 2 个" in two.commendation_note(3)
    assert [s.subject_id for s in two.commendations(1)] == [world["B"]] and two.commendation_note(1) == ""
    unranked = evaluate(db, system, "2026-01", "township", as_of=AS_OF)
    assert unranked.commendation_note(3) == ""  # nothing ranked: the list says there is nothing to rank


def test_period_without_cases_gives_no_rates(db, system, world):
    ev = evaluate(db, system, "2026-01", "township", as_of=AS_OF)
    assert all(f.rate is None for s in ev.subjects for f in s.figures if f.code != "work_log")
    assert all(s.rank is None for s in ev.subjects if s.composite is None)
    empty = evaluate(db, system, "2026-02", "department", as_of=AS_OF)
    assert all(s.composite is None and s.rank is None for s in empty.subjects)


@pytest.mark.law("Art. 23")
def test_a_period_not_yet_begun_is_refused(db, system, world):
    """Nothing is due in it: every subject would score nought and rank alike, which a printed form
    or an export would pass off as a result."""
    for period, starts in (("2026-12", "2026-12-01"), ("2027", "2027-01-01")):
        with pytest.raises(ValidationFailed, match=rf"自 {starts} 起,尚未开始.*\(Art\. 23\)$"):
            evaluate(db, system, period, "township", as_of=AS_OF)
    assert evaluate(db, system, "2026-11", "township", as_of=AS_OF).period.label  # begun, not over: counted


def test_cases_count_in_the_period_of_their_deadline(db, system, world):
    nov = evaluate(db, system, "2026-11", "township", as_of=AS_OF)
    assert fig(nov, world["A"], "on_time") == (1, 1)  # c5, received and closed in October
    assert fig(nov, world["A"], "callback") == (0, 1)  # c5's callback is overdue
    sep = evaluate(db, system, "2026-09", "township", as_of=AS_OF)
    assert fig(sep, world["B"], "on_time") == (1, 1)  # c6
    year = evaluate(db, system, "2026", "township", as_of=AS_OF)
    assert fig(year, world["A"], "on_time") == (2, 4)
    quarter = evaluate(db, system, "2026-Q4", "township", as_of=AS_OF)
    assert fig(quarter, world["B"], "on_time") == (1, 1)


# 2026-10-31 24:00: where a limit in working days ends (stored as 00:00 of the next day).
OCT_31_24H = datetime(2026, 11, 1, 0, 0, tzinfo=BEIJING)


def _due_at_24_00_on_october_31(session, world) -> int:
    """A case of 侨北一网格 (township B) whose sign-for, deadline, callback and report step all end
    at 2026-10-31 24:00, all met; returns its id."""
    b = Builder(session)
    case_ = b.case(b.place("450503103001001"), OCT_31_24H, closed=bj(10, 30), lead=session.get(Department, world["d1"]),
                   received=bj(10, 29))
    lead = session.scalar(select(Assignment).where(Assignment.case_id == case_.id))
    lead.sign_due_at, lead.signed_at = OCT_31_24H, bj(10, 29, 15)
    b.callback(case_, OCT_31_24H, bj(10, 31), solved=True, satisfaction=Satisfaction.SATISFIED)
    report = session.scalar(select(EmergencyReport).where(EmergencyReport.number == "E-1"))
    session.add(EmergencyStep(report_id=report.id, kind=EmergencyStepKind.FOLLOW_UP, to_level=HandlingLevel.COUNTY,
                              due_at=OCT_31_24H, done_at=bj(10, 31, 20)))
    session.commit()
    return case_.id


@pytest.mark.law("Art. 23")
def test_a_deadline_at_24_00_of_a_months_last_day_counts_in_that_month(db, system, world):
    """A deadline at 00:00 Beijing time is 24:00 of the day before, as every screen shows it: one
    ending 2026-10-31 24:00 counts in October — in its figures and its drill-down — not in November."""
    with db.session() as session:
        case_id = _due_at_24_00_on_october_31(session, world)
    for level, subject, code in (("township", "B", "on_time"), ("township", "B", "satisfaction"),
                                 ("township", "B", "callback"), ("department", "d1", "response"),
                                 ("grid", "g3", "resolution")):
        october = drill_down(db, system, "2026-10", level, world[subject], code, "numerator", as_of=AS_OF)
        november = drill_down(db, system, "2026-11", level, world[subject], code, "denominator", as_of=AS_OF)
        assert case_id in [row.case_id for row in october], (level, code)
        assert case_id not in [row.case_id for row in november], (level, code)
    october = evaluate(db, system, "2026-10", "township", as_of=AS_OF, recount=True)
    assert fig(october, world["B"], "on_time") == (2, 2)  # c7 and this one
    assert fig(october, world["A"], "emergency") == (2, 3)  # the follow-up ending 10-31 24:00 among October's steps
    assert fig(evaluate(db, system, "2026-11", "township", as_of=AS_OF), world["A"], "emergency") == (0, 0)


def test_drill_down_returns_exactly_the_counted_cases(db, system, world):
    def cases(indicator, part, level="township", subject="A"):
        rows = drill_down(db, system, "2026-10", level, world[subject], indicator, part, as_of=AS_OF)
        return sorted(r.case_id for r in rows)

    assert cases("on_time", "denominator") == sorted([world["c1"], world["c2"], world["c3"]])
    assert cases("on_time", "numerator") == [world["c1"]]
    assert cases("on_hold", "denominator") == [world["c4"]]
    assert cases("resolution", "numerator") == sorted([world["c1"], world["c2"]])
    assert cases("callback", "denominator") == sorted([world["c1"], world["c2"], world["c2"]])
    assert cases("response", "denominator", "department", "d1") == sorted(
        [world["c1"], world["c2"], world["c5"], world["c7"]])
    staff = drill_down(db, system, "2026-10", "staff", world["p1"], "work_log", "numerator", as_of=AS_OF)
    assert [(r.item_id, r.title, r.number) for r in staff] == [(world["p1"], "黄网格长", "一网格")]
    # Each figure equals the number of rows behind it, for every subject and indicator.
    ev = evaluate(db, system, "2026-10", "grid", as_of=AS_OF)
    for subject in ev.subjects:
        for f in subject.figures:
            for part, expected in (("numerator", f.numerator), ("denominator", f.denominator)):
                rows = drill_down(db, system, "2026-10", "grid", subject.subject_id, f.code, part, as_of=AS_OF)
                assert len(rows) == expected, (subject.name, f.code, part)


def test_weights_are_configurable_all_or_nothing(db, system, world):
    with pytest.raises(ValidationFailed) as refused:
        configure_indicators(db, system, {"response": 0.5, "bogus": 0.1, "on_time": 1.5})
    assert any("bogus" in p for p in refused.value.problems) and any("on_time" in p for p in refused.value.problems)
    with pytest.raises(ValidationFailed, match="合计"):
        configure_indicators(db, system, {"on_time": 0.2})
    with db.session() as session:
        assert [i.weight for i in load_indicators(session)][:4] == [0.30, 0.0, 0.35, 0.35]
    configure_indicators(db, system, {"response": 0.25, "on_time": 0.25, "resolution": 0.25, "satisfaction": 0.25})
    ev = evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    assert ev.subject(world["A"]).composite == pytest.approx(25 * (1 / 3 + 1 / 2 + 1 + 1))
    with db.session() as session:
        assert session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)) == \
            "evaluation.configure_indicators"


@pytest.mark.law("Art. 15")
def test_evaluation_is_scoped(db, system, world):
    users.add_user(db, system, username="qg_sup", display_name="侨港值班长", password="secret-123",
                   role=Role.SUPERVISOR, scope_code=TOWNSHIP_B)
    users.add_user(db, system, username="qg_op", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code=TOWNSHIP_B)
    supervisor = users.login(db, "qg_sup", "secret-123")
    own = evaluate(db, supervisor, "2026-10", "grid", as_of=AS_OF)
    assert own.scope_code == TOWNSHIP_B and {s.subject_id for s in own.subjects} == {world["g3"]}
    with pytest.raises(PermissionDenied, match="Art. 15"):
        evaluate(db, supervisor, "2026-10", "grid", under=TOWNSHIP_A, as_of=AS_OF)
    with pytest.raises(PermissionDenied):
        evaluate(db, users.login(db, "qg_op", "secret-123"), "2026-10", "township")
    with pytest.raises(PermissionDenied):
        configure_indicators(db, supervisor, {"response": 0.3})


@pytest.mark.law("Art. 23")
def test_the_township_level_asked_of_a_village_or_grid_assesses_the_whole_township(db, system, world):
    """A township's form printed with one of its villages chosen named the township, ranked it 1/1 and had
    it sign for that village's figures only. The township level looks at the whole township the place lies
    in (the drill-down too); a user who may not evaluate the whole township is refused."""
    places.create_grid(db, system, village_code="450502001005", code="450502001005001", name="新安街一网格")
    with db.session() as session:
        b = Builder(session)
        elsewhere = b.case(b.place("450502001005001"), bj(10, 20), closed=bj(10, 18), lead=session.get(Department,
                                                                                                     world["d1"]))
        session.commit()
    whole = evaluate(db, system, "2026-10", "township", under=TOWNSHIP_A, as_of=AS_OF)
    assert fig(whole, world["A"], "on_time") == (2, 4) and whole.widened_from == ""
    for under in ("450502001003", "450502001003002"):  # 塘仔里社区 (c1–c3), its second grid (c3)
        chosen = places.place_info(db, under).short_name
        ev = evaluate(db, system, "2026-10", "township", under=under, as_of=AS_OF)
        assert (ev.scope_code, ev.scope_name, ev.widened_from) == (TOWNSHIP_A, whole.scope_name, chosen)
        assert _all_figures(ev) == _all_figures(whole)
        assert ev.widened_note() == (f"乡镇(街道)按整个乡镇考核:所选{chosen}属于{whole.scope_name},"
                                     f"按{whole.scope_name}全部数据计算")
        rows = drill_down(db, system, "2026-10", "township", world["A"], "on_time", under=under, as_of=AS_OF)
        assert {r.case_id for r in rows} == {world["c1"], world["c2"], world["c3"], elsewhere.id}
    grid = evaluate(db, system, "2026-10", "grid", under="450502001003002", as_of=AS_OF)
    assert (grid.scope_code, grid.widened_from) == ("450502001003002", "")  # a grid is a whole subject

    village_only = Actor(username="tzl", display_name="塘仔里评价员",
                         grants=(Grant(Role.SUPERVISOR, "450502001003", PlaceLevel.VILLAGE),))
    with pytest.raises(PermissionDenied, match=r"按整个乡镇考核.*请选择网格或网格工作人员作为考核对象\(Art\. 23\)$"):
        evaluate(db, village_only, "2026-10", "township", under="450502001003", as_of=AS_OF)
    assert evaluate(db, village_only, "2026-10", "grid", under="450502001003", as_of=AS_OF).subjects


def test_a_reopened_case_counts_once_per_handling_round(db, system):
    """Round 1 closed on time in October; reopened, round 2 due in November. The requester's
    last word (solved) belongs to the current round only, so it is counted in November."""
    places.create_grid(db, system, village_code="450503100001", code="450503100001001", name="福成一网格")
    with db.session() as session:
        b = Builder(session)
        grid, dept = b.place("450503100001001"), b.department("D9", "市住建局")
        case = b.case(grid, bj(10, 10), closed=bj(10, 9), lead=dept, reopen_count=1)
        case.state = CaseState.REOPENED
        session.add(Assignment(case_id=case.id, department_id=dept.id, role=AssignmentRole.LEAD,
                               state=AssignmentState.HANDLING, dispatched_at=bj(10, 20), sign_due_at=bj(10, 21),
                               signed_at=bj(10, 20, 15), due_at=bj(11, 5), original_due_at=bj(11, 5)))
        b.callback(case, bj(10, 12), bj(10, 12), solved=False, satisfaction=Satisfaction.UNSATISFIED)
        b.callback(case, bj(11, 8), bj(11, 8), solved=True, satisfaction=Satisfaction.SATISFIED)
        session.commit()
        township = b.place("450503100000").id
    october = evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    assert fig(october, township, "on_time") == (1, 1)
    assert fig(october, township, "resolution") == (0, 0)
    november = evaluate(db, system, "2026-11", "township", as_of=AS_OF)
    assert fig(november, township, "on_time") == (0, 1)  # round 2 is still open past its 5 November deadline
    assert fig(november, township, "resolution") == (1, 1)
    rows = drill_down(db, system, "2026-11", "township", township, "resolution", "numerator", as_of=AS_OF)
    assert [r.case_id for r in rows] == [case.id]


def _all_figures(evaluation):
    return {(s.subject_id, f.code): (f.numerator, f.denominator) for s in evaluation.subjects for f in s.figures} | {
        (s.subject_id, "on_hold"): s.on_hold for s in evaluation.subjects}


@pytest.mark.law("Art. 23")
def test_a_settled_month_keeps_its_figures_and_serves_quarters_and_years(db, system, world):
    periods = ("2026-10", "2026-Q4", "2026")
    levels = ("township", "department", "grid", "staff")
    live = {(p, level, under): _all_figures(evaluate(db, system, p, level, under=under, as_of=AS_OF))
            for p in periods for level in levels for under in (None, TOWNSHIP_B)}
    settled = settlement.settle(db, system, "2026-10", as_of=AS_OF)
    assert settled.settled and settled.rows > 0 and settled.closed_at == AS_OF
    for (p, level, under), figures in live.items():
        ev = evaluate(db, system, p, level, under=under, as_of=AS_OF)
        # A staff member answers for the grids served in the whole period: counted live beyond a month.
        assert ev.settled == (() if level == "staff" and p != "2026-10" else ("2026-10",))
        assert _all_figures(ev) == figures, (p, level, under)

    # After settlement c3 is closed on time and c2's callback is redone: October's live figures
    # would move, the settled ones do not; November still counts live.
    with db.session() as session:
        lead = session.scalar(select(Assignment).where(Assignment.case_id == world["c3"]))
        lead.state, lead.finished_at = AssignmentState.DONE, bj(10, 4)
        session.get(Case, world["c3"]).state = CaseState.CLOSED
        session.commit()
    later = AS_OF + timedelta(days=2)
    assert fig(evaluate(db, system, "2026-10", "township", as_of=later), world["A"], "on_time") == (1, 3)
    assert fig(evaluate(db, system, "2026", "township", as_of=later), world["A"], "on_time") == (2, 4)

    with pytest.raises(ValidationFailed, match="理由"):
        settlement.reopen(db, system, "2026-10", " ")
    settlement.reopen(db, system, "2026-10", "c3 的办结时间录入有误")
    reopened = evaluate(db, system, "2026-10", "township", as_of=later)
    assert reopened.settled == () and fig(reopened, world["A"], "on_time") == (2, 3)
    with db.session() as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["evaluation.settle", "evaluation.reopen"]
    assert [(s.code, s.settled) for s in settlement.list_settlements(db)] == [("2026-10", False)]


def test_settling_is_refused_early_twice_or_for_a_quarter(db, system, world):
    with pytest.raises(InvalidTransition, match="尚未结束"):
        settlement.settle(db, system, "2026-11", as_of=AS_OF)
    with pytest.raises(ValidationFailed, match="按月结算"):
        settlement.settle(db, system, "2026-Q3", as_of=AS_OF)
    settlement.settle(db, system, "2026-09", as_of=AS_OF)
    with pytest.raises(InvalidTransition, match="已于 2026-11-10 12:00 由.*结算"):
        settlement.settle(db, system, "2026-09", as_of=AS_OF)
    with pytest.raises(InvalidTransition, match="尚未结算"):
        settlement.reopen(db, system, "2026-08", "无")


@pytest.mark.law("Art. 5")
def test_settling_is_the_city_institutions_to_do(db, system, world):
    users.add_user(db, system, username="qg_sup", display_name="侨港值班长", password="secret-123",
                   role=Role.SUPERVISOR, scope_code=TOWNSHIP_B)
    with pytest.raises(PermissionDenied, match="Art. 15"):
        settlement.settle(db, users.login(db, "qg_sup", "secret-123"), "2026-10", as_of=AS_OF)
    assert settlement.list_settlements(db) == []


def test_upgrading_drops_periods_marked_closed_without_a_settlement(db, system, world):
    """Before revision 0005 periods could be marked closed with no figures (the demo did): the
    upgrade drops those marks, and the months can then be settled."""
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0004")
        conn.exec_driver_sql(
            "INSERT INTO evaluation_periods (code, kind, starts_on, ends_on, closed, created_at, updated_at) "
            "VALUES ('2026-10', 'month', '2026-10-01', '2026-10-31', true, '2026-11-01', '2026-11-01')")
    migrate.upgrade(db)
    assert settlement.list_settlements(db) == []
    assert settlement.settle(db, system, "2026-10", as_of=AS_OF).rows > 0


# Months that are over are counted once and kept (kept.py); every change to what they count
# names the month (triggers of migration 0006) and it is counted again.

def _kept(db) -> dict[tuple[str, str], int]:
    with db.session() as session:
        counted_months = session.scalars(select(EvaluationMonthCount)).all()
        f = EvaluationMonthFigure
        return {(c.month, c.subject_kind): session.scalar(
                    select(func.count()).select_from(f).where(f.month == c.month, f.subject_kind == c.subject_kind))
                for c in counted_months}


def _named(db) -> set[str]:
    with db.session() as session:
        return set(session.scalars(select(EvaluationChangedMonth.month)))


def _figures(evaluation):
    return [(s.subject_id, s.figures, s.on_hold, s.composite, s.rank) for s in evaluation.subjects]


def test_a_month_over_is_counted_once_and_kept(db, system, world):
    first = evaluate(db, system, "2026-10", "department", as_of=AS_OF)
    kept_now = _kept(db)
    assert set(kept_now) == {("2026-10", "department")} and kept_now["2026-10", "department"] > 0
    assert "2026-10" not in _named(db)  # taken when the month was counted
    again = evaluate(db, system, "2026-10", "department", as_of=AS_OF)
    assert _figures(again) == _figures(first) == _figures(
        evaluate(db, system, "2026-10", "department", as_of=AS_OF, recount=True))
    # A quarter reads its kept months and counts the rest; every level keeps its own.
    for level in ("township", "grid"):
        assert _figures(evaluate(db, system, "2026-Q4", level, as_of=AS_OF)) == _figures(
            evaluate(db, system, "2026-Q4", level, as_of=AS_OF, recount=True))
    assert {("2026-10", "township"), ("2026-10", "grid")} <= set(_kept(db))


def test_what_is_not_over_or_not_kept_per_township_is_counted_live(db, system, world):
    evaluate(db, system, "2026-10", "township", as_of=bj(10, 31, 23))  # not over as of then
    evaluate(db, system, "2026-11", "township", as_of=AS_OF)
    evaluate(db, system, "2026-10", "staff", as_of=AS_OF)  # a staff member's grids are the period's
    evaluate(db, system, "2026-10", "grid", under="450502001003001", as_of=AS_OF)  # below a township
    assert _kept(db) == {}


def _record_sign_for(session, ids):
    """A sign-for entered afterwards, with the time it was made (before its deadline)."""
    lead = session.scalar(select(Assignment).where(Assignment.case_id == ids["c3"]))
    lead.signed_at = bj(10, 1, 18)


def _call_back(session, ids):
    session.add(Callback(case_id=ids["c1"], due_at=bj(10, 25), done_at=bj(10, 24), solved=False,
                         satisfaction=Satisfaction.UNSATISFIED, state=CallbackState.DONE))


def _hold(session, ids):
    case_ = session.get(Case, ids["c3"])
    case_.state, case_.hold_reason = CaseState.ON_HOLD, "客观原因"


def _move_to_another_township(session, ids):
    case_ = session.get(Case, ids["c1"])
    grid = session.get(Place, ids["g3"])
    case_.grid_id, case_.village_id = grid.id, grid.parent_id
    case_.township_id = ids["B"]


def _move_deadline_out(session, ids):
    lead = session.scalar(select(Assignment).where(Assignment.case_id == ids["c2"]))
    lead.due_at = lead.original_due_at = bj(9, 20)
    lead.dispatched_at = lead.sign_due_at = bj(9, 10)


def _withdraw_callback(session, ids):
    session.delete(session.scalar(select(Callback).where(Callback.case_id == ids["c1"])))


@pytest.mark.law("Art. 23")
@pytest.mark.parametrize("change", [_record_sign_for, _call_back, _hold, _move_to_another_township, _move_deadline_out,
                                    _withdraw_callback])
@pytest.mark.parametrize("level", ["township", "department", "grid"])
def test_a_change_to_a_kept_month_is_counted_again(db, system, world, change, level):
    evaluate(db, system, "2026-10", level, as_of=AS_OF)
    before = evaluate(db, system, "2026-10", level, under=TOWNSHIP_A, as_of=AS_OF)
    with db.session() as session:
        change(session, world)
        session.commit()
    assert "2026-10" in _named(db)
    for under in (None, TOWNSHIP_A, TOWNSHIP_B):
        assert _figures(evaluate(db, system, "2026-10", level, under=under, as_of=AS_OF)) == _figures(
            evaluate(db, system, "2026-10", level, under=under, as_of=AS_OF, recount=True))
    assert _figures(evaluate(db, system, "2026-10", level, under=TOWNSHIP_A, as_of=AS_OF)) != _figures(before)
    assert "2026-10" not in _named(db) and ("2026-10", level) in _kept(db)


def _hold_case(session, case_id):
    case_ = session.get(Case, case_id)
    case_.state, case_.hold_reason = CaseState.ON_HOLD, "客观原因"


def _call_back_unsatisfied(session, case_id):
    session.add(Callback(case_id=case_id, due_at=OCT_31_24H, done_at=bj(10, 31, 9), solved=False,
                         satisfaction=Satisfaction.UNSATISFIED, state=CallbackState.DONE))


def _sign_late(session, case_id):
    session.scalar(select(Assignment).where(Assignment.case_id == case_id)).signed_at = bj(11, 2)


@pytest.mark.law("Art. 23")
@pytest.mark.parametrize("change", [_hold_case, _call_back_unsatisfied, _sign_late])
def test_a_change_to_a_deadline_at_24_00_of_a_kept_months_last_day_names_that_month(db, system, world, change):
    """Such a deadline counts in the month whose last day it ends (2026-10-31 24:00, stored as
    11-01 00:00): a change to its row names that month, and its kept figures are counted again."""
    with db.session() as session:
        case_id = _due_at_24_00_on_october_31(session, world)
    for level in ("township", "department"):
        evaluate(db, system, "2026-10", level, as_of=AS_OF)
    with db.session() as session:
        change(session, case_id)
        session.commit()
    assert "2026-10" in _named(db)
    for level in ("township", "department"):
        assert _figures(evaluate(db, system, "2026-10", level, as_of=AS_OF)) == _figures(
            evaluate(db, system, "2026-10", level, as_of=AS_OF, recount=True))


@pytest.mark.law("Art. 23")
def test_upgrading_counts_the_kept_months_again_now_that_a_deadline_at_24_00_counts_in_its_month(db, system, world):
    with db.session() as session:
        case_id = _due_at_24_00_on_october_31(session, world)
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0016")
    with db.session() as session:  # October as a version before 0017 kept it: without the case due 10-31 24:00
        session.execute(delete(EvaluationChangedMonth))
        session.add(EvaluationMonthCount(month="2026-10", subject_kind="township", counted_at=bj(11, 2)))
        session.commit()
        _hold_case(session, case_id)
        session.commit()
    assert "2026-10" not in _named(db)  # the triggers of then named November only
    migrate.upgrade(db)
    assert "2026-10" in _named(db)
    with db.session() as session:
        session.execute(delete(EvaluationChangedMonth))
        session.commit()
        _sign_late(session, case_id)
        session.commit()
    assert "2026-10" in _named(db)


def test_a_change_names_the_months_it_touched_only_once_they_are_over(db, system, world):
    with db.session() as session:
        session.execute(delete(EvaluationChangedMonth))
        session.commit()
        case_ = session.get(Case, world["c5"])  # its sign-for deadline fell in October, its own in November
        case_.state = CaseState.HANDLING
        session.commit()
    this_month = period_of(datetime.now(BEIJING)).code  # the triggers read the database's clock
    assert _named(db) == {month for month in ("2026-10", "2026-11") if month < this_month}


def test_a_desk_left_running_on_a_database_a_newer_griddesk_upgraded_keeps_no_month(db, system, world, caplog):
    """Its figures, counted by the older rules, were kept in the upgraded database, where the newer desks
    read them as final."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099_from_a_newer_version'")
    kept.keep(db, Level.TOWNSHIP, [parse_period("2026-10"), parse_period("2026-11")], AS_OF)
    assert _kept(db) == {}
    assert [(r.levelname, r.getMessage()) for r in caplog.records if r.name == kept.log.name] == [
        ("WARNING", "months not kept for township: 数据库已被更新版本的网格指挥台升级,请保存/记下手头的工作后关闭并"
                    "更新本程序(结构版本 0099_from_a_newer_version);本次操作未保存")]


def test_a_change_uncommitted_while_a_month_is_kept_is_counted_after_all(db, system, world, backend):
    """PostgreSQL: another desktop's change to October, made but not yet committed while October
    is counted, must leave October named (each transaction names it for itself) — although an
    earlier change had named it already and the keeping took that name away."""
    if backend != "postgresql":
        pytest.skip("SQLite has one writer at a time: a month cannot be kept while another change is open")
    evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    with db.session() as session:
        _hold(session, world)
        session.commit()
    with db.session() as other:
        _call_back(other, world)
        other.flush()  # written, not committed
        evaluate(db, system, "2026-10", "township", as_of=AS_OF)  # keeps October again, without the callback
        other.commit()
    assert "2026-10" in _named(db)
    assert _figures(evaluate(db, system, "2026-10", "township", as_of=AS_OF)) == _figures(
        evaluate(db, system, "2026-10", "township", as_of=AS_OF, recount=True))


def test_a_month_is_not_kept_while_a_transaction_begun_before_its_end_is_still_open(pg_db, monkeypatch):
    """PostgreSQL: a desk's transaction that began before a month ended may change a row of that
    month unnamed (the triggers name only months over) and commit after the month is kept; so
    the month is counted live until that transaction ends, however long past the margin."""
    this_month = period_of(datetime.now(BEIJING)).code
    monkeypatch.setattr(kept, "MARGIN_MINUTES", -35 * 24 * 60)  # the database's clock in a month to come
    with pg_db.session() as keeper:
        assert kept._past_month(keeper) > this_month  # this month would be over and keepable
        with pg_db.session() as other_desk:
            other_desk.execute(select(func.count()).select_from(Case))  # its transaction begins now
            assert kept._past_month(keeper) == this_month
        assert kept._past_month(keeper) > this_month


def test_settling_a_month_forgets_its_kept_figures_and_reopening_counts_it_afresh(db, system, world):
    evaluate(db, system, "2026-10", "grid", as_of=AS_OF)
    with db.session() as session:
        _hold(session, world)
        session.commit()
    settlement.settle(db, system, "2026-10", as_of=AS_OF)
    assert _kept(db) == {} and "2026-10" not in _named(db)
    settled = evaluate(db, system, "2026-Q4", "grid", as_of=AS_OF)
    assert settled.settled == ("2026-10",) and _kept(db) == {}  # a settled month is not kept
    settlement.reopen(db, system, "2026-10", "更正")
    reopened = evaluate(db, system, "2026-Q4", "grid", as_of=AS_OF)
    assert set(_kept(db)) == {("2026-10", "grid")}
    assert _figures(reopened) == _figures(settled) == _figures(
        evaluate(db, system, "2026-Q4", "grid", as_of=AS_OF, recount=True))


def test_a_month_the_database_cannot_keep_now_is_counted_live(db, system, world, monkeypatch):
    def busy(session, level, month, as_of):
        raise db.engine.dialect.dbapi.OperationalError("database is locked")

    monkeypatch.setattr(kept, "_keep_month", busy)
    ev = evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    assert _kept(db) == {}
    assert _figures(ev) == _figures(evaluate(db, system, "2026-10", "township", as_of=AS_OF, recount=True))


# A callback round (Art. 20(2)): the attempts that did not reach the requester, then the one that
# did, or the last allowed, which ends the round as 无法联系.

def _attempt(session, case_id, due, done, state, attempt):
    session.add(Callback(case_id=case_id, due_at=due, done_at=done, state=state, attempt=attempt))


@pytest.mark.law("Art. 20")
def test_a_callback_round_counts_once_and_one_ended_as_no_contact_is_complete(db, system, world):
    with db.session() as session:
        # c1 (township A): tried on 10-12 and not reached, reached on 10-13 (the callback the world has).
        _attempt(session, world["c1"], bj(10, 14), bj(10, 12), CallbackState.UNREACHABLE, 1)
        # c7 (township B): three attempts on three days, none reached, all by the due date.
        for attempt, day in enumerate((3, 4, 5), start=1):
            state = CallbackState.NO_CONTACT if attempt == 3 else CallbackState.UNREACHABLE
            _attempt(session, world["c7"], bj(10, 5), bj(10, day), state, attempt)
        session.commit()
    ev = evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    assert fig(ev, world["A"], "callback") == (2, 3)  # as before: c1's round is one callback, on time
    assert fig(ev, world["B"], "callback") == (1, 1)  # c7's round ended as 无法联系 after all the attempts
    assert fig(ev, world["A"], "resolution") == (2, 2) and fig(ev, world["B"], "resolution") == (0, 0)
    rows = drill_down(db, system, "2026-10", "township", world["B"], "callback", "denominator", as_of=AS_OF)
    assert [row.case_id for row in rows] == [world["c7"]]


def _before_0016(db, *callbacks):
    """The database as a version before revision 0016 left it, with these callbacks (case, due,
    done, state) added."""
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0015")
        table = Callback.__table__
        then = sa_table("callbacks", *(sa_column(name, table.c[name].type)  # the columns it had then
                                       for name in ("case_id", "due_at", "done_at", "state", "outcome")))
        for case_id, due, done, state in callbacks:
            conn.execute(then.insert().values(case_id=case_id, due_at=due, done_at=done, state=state, outcome="none"))


@pytest.mark.law("Art. 20")
@pytest.mark.law("Art. 23")
def test_upgrading_recounts_the_kept_months_in_which_an_attempt_not_reached_counted_as_missed(db, system, world):
    _before_0016(db, (world["c1"], bj(10, 14), bj(10, 12), "unreachable"))
    evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    with db.session() as session:  # October as a version before 0016 kept it: the attempt a missed callback
        session.execute(update(EvaluationMonthFigure).where(EvaluationMonthFigure.subject_id == world["A"])
                        .values(callback_denominator=EvaluationMonthFigure.callback_denominator + 1))
        session.commit()
    assert fig(evaluate(db, system, "2026-10", "township", as_of=AS_OF), world["A"], "callback") == (2, 4)
    migrate.upgrade(db)
    assert "2026-10" in _named(db)
    ev = evaluate(db, system, "2026-10", "township", as_of=AS_OF)
    assert fig(ev, world["A"], "callback") == (2, 3)
    assert _figures(ev) == _figures(evaluate(db, system, "2026-10", "township", as_of=AS_OF, recount=True))


@pytest.mark.law("Art. 20")
def test_upgrading_numbers_the_attempts_and_gives_a_pending_retry_its_rounds_due_date_back(db, system, world):
    with db.session() as session:
        session.execute(delete(Callback).where(Callback.case_id == world["c5"]))
        session.commit()
    # Due 11-04, tried on 10-30 and not reached: the retry was due the next working day.
    _before_0016(db, (world["c5"], bj(11, 4), bj(10, 30), "unreachable"), (world["c5"], bj(11, 2), None, "pending"))
    migrate.upgrade(db)
    with db.session() as session:
        rows = session.execute(select(Callback.attempt, Callback.due_at).where(Callback.case_id == world["c5"])
                               .order_by(Callback.id)).all()
    assert rows == [(1, bj(11, 4)), (2, bj(11, 4))]
