"""Hotspots (Art. 22): counts by category × grid × period, hard problems, the map layer,
recurring-problem detection."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from test_evaluation import Builder, bj

from desktop.models import Assignment, Case, Extension, Setting
from desktop.errors import ValidationFailed
from desktop.models.enums import (
    AssignmentRole,
    AssignmentState,
    CaseState,
    DecisionState,
    MatterCategory,
    Satisfaction,
)
from desktop.services import hotspots, places
from desktop.services.clock import BEIJING
from desktop.services.evaluation.periods import parse_period
from desktop.services.hotspots import Bucket, Hardness, RecurringRule

DISPUTE, LIVELIHOOD = MatterCategory.DISPUTE, MatterCategory.LIVELIHOOD
G1, G2 = "450502001003001", "450502001003002"
ORIGIN = (109.1200, 21.4800)


def near(dx_m: float, dy_m: float = 0.0) -> tuple[float, float]:
    """A point dx metres east and dy metres north of ORIGIN."""
    return ORIGIN[0] + dx_m / 103_600, ORIGIN[1] + dy_m / 111_195


@pytest.fixture
def grids(db, system):
    for code, name in ((G1, "一网格"), (G2, "二网格")):
        places.create_grid(db, system, village_code=code[:12], code=code, name=name)
    return db


def add_cases(db, specs):
    """specs: (grid code, category, received, extra kwargs); returns the case ids."""
    with db.session() as session:
        b = Builder(session)
        ids = []
        for grid, category, received, extra in specs:
            case = b.case(b.place(grid), received + timedelta(days=5), category=category, received=received,
                          state=extra.pop("state", CaseState.HANDLING), **extra)
            ids.append(case.id)
        session.commit()
        return ids


@pytest.mark.law("Art. 22")
def test_counts_by_category_grid_and_beijing_bucket(grids, system):
    add_cases(grids, [
        (G1, DISPUTE, datetime(2026, 10, 1, 0, 30, tzinfo=BEIJING), {}),  # 09-30 16:30 UTC: still 1 October
        (G1, DISPUTE, bj(10, 1, 15), {}),
        (G2, DISPUTE, bj(10, 6), {}),
        (G2, LIVELIHOOD, bj(10, 20), {}),
        (G1, LIVELIHOOD, datetime(2026, 9, 30, 23, 0, tzinfo=BEIJING), {}),  # September
    ])
    october = parse_period("2026-10")
    daily = hotspots.counts(grids, system, october, Bucket.DAY)
    assert daily.total == 4
    assert daily.by_category() == {DISPUTE: 3, LIVELIHOOD: 1}
    starts, lines = daily.series()
    assert starts == [date(2026, 10, d) for d in range(1, 32)]  # every day, empty ones too
    assert (lines[DISPUTE][0], lines[DISPUTE][5], lines[LIVELIHOOD][19]) == (2, 1, 1)
    assert sum(lines[DISPUTE]) == 3 and sum(lines[LIVELIHOOD]) == 1
    weekly = hotspots.counts(grids, system, october, "week")
    # 1 October 2026 is a Thursday: its week starts on Monday 28 September.
    starts, lines = weekly.series()
    assert starts == [date(2026, 9, 28) + timedelta(days=7 * w) for w in range(5)]
    assert lines[DISPUTE] == [2, 1, 0, 0, 0] and lines[LIVELIHOOD] == [0, 0, 0, 1, 0]
    monthly = hotspots.counts(grids, system, parse_period("2026-Q3"), Bucket.MONTH)
    assert monthly.cells == ((date(2026, 9, 1), LIVELIHOOD, 1),)
    assert monthly.starts == (date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1))
    by_grid = {heat.grid_name: heat.count for heat in hotspots.grid_heat(grids, system, october)}
    assert by_grid == {"一网格": 2, "二网格": 2}
    disputes = {heat.grid_name: heat.count for heat in hotspots.grid_heat(grids, system, october, category=DISPUTE)}
    assert disputes == {"一网格": 2, "二网格": 1}


@pytest.mark.law("Art. 22")
def test_hard_problems_and_map_layer(grids, system):
    as_of = bj(11, 20)
    ids = add_cases(grids, [
        (G1, DISPUTE, bj(10, 2), {"reopen_count": 1}),
        (G1, DISPUTE, bj(10, 3), {}),  # extended
        (G1, LIVELIHOOD, bj(10, 4), {}),  # two departments
        (G2, LIVELIHOOD, bj(10, 25), {"state": CaseState.CLOSED, "closed": bj(10, 28)}),  # unsatisfied
        (G2, DISPUTE, bj(10, 26), {}),  # open, but not 30 days yet
    ])
    with grids.session() as session:
        b = Builder(session)
        d1, d2 = b.department("D1", "城管"), b.department("D2", "水务")
        for dept, role in ((d1, AssignmentRole.LEAD), (d2, AssignmentRole.CO)):
            session.add(Assignment(case_id=ids[2], department_id=dept.id, role=role, state=AssignmentState.HANDLING,
                                   dispatched_at=bj(10, 4), sign_due_at=bj(10, 5), due_at=bj(10, 9),
                                   original_due_at=bj(10, 9)))
        extended = Assignment(case_id=ids[1], department_id=d1.id, role=AssignmentRole.LEAD,
                              state=AssignmentState.HANDLING, dispatched_at=bj(10, 3), sign_due_at=bj(10, 4),
                              due_at=bj(10, 20), original_due_at=bj(10, 9))
        session.add(extended)
        session.flush()
        session.add(Extension(assignment_id=extended.id, requested_by="城管", reason="需协调", requested_amount=5,
                              state=DecisionState.APPROVED, new_due_at=bj(10, 20)))
        session.commit()
        b.callback(session.get(Case, ids[3]), bj(10, 30), bj(10, 30),
                   solved=False, satisfaction=Satisfaction.UNSATISFIED)
        session.commit()
    hard = hotspots.hard_problems(grids, system, parse_period("2026-10"), as_of=as_of)
    assert hard[Hardness.REOPENED] == {DISPUTE: 1}
    assert hard[Hardness.EXTENDED] == {DISPUTE: 1}
    assert hard[Hardness.MULTI_DEPARTMENT] == {LIVELIHOOD: 1}
    assert hard[Hardness.UNSATISFIED] == {LIVELIHOOD: 1}
    # Open for more than 30 days on 20 November: the three early October cases, not the 26 October one.
    assert hard[Hardness.LONG_OPEN] == {DISPUTE: 2, LIVELIHOOD: 1}
    listed = hotspots.hard_cases(grids, system, parse_period("2026-10"), Hardness.LONG_OPEN, as_of=as_of)
    assert [c.id for c in listed] == ids[:3]

    heat = hotspots.grid_heat(grids, system, parse_period("2026-10"))
    assert [(h.grid_code, h.count) for h in heat] == [(G1, 3), (G2, 2)]
    assert heat[0].colour == hotspots.HEAT_COLOURS[-1] and heat[1].colour != heat[0].colour
    assert [h.count for h in hotspots.grid_heat(grids, system, parse_period("2026-10"), category=LIVELIHOOD)] == [1, 1]


@pytest.mark.law("Art. 22")
def test_multi_department_counts_departments_not_shares(grids, system):
    """A withdrawn share (re-dispatch) and a second share of the same department make no
    case a multi-department one; two departments still holding shares do."""
    ids = add_cases(grids, [(G1, DISPUTE, bj(10, d), {}) for d in (2, 3, 4)])
    with grids.session() as session:
        b = Builder(session)
        d1, d2 = b.department("D1", "城管"), b.department("D2", "水务")
        shares = {ids[0]: ((d1, AssignmentState.WITHDRAWN), (d2, AssignmentState.HANDLING)),
                  ids[1]: ((d1, AssignmentState.DONE), (d1, AssignmentState.HANDLING)),
                  ids[2]: ((d1, AssignmentState.SIGNED), (d2, AssignmentState.DONE))}
        for case_id, pair in shares.items():
            for n, (dept, state) in enumerate(pair):
                session.add(Assignment(case_id=case_id, department_id=dept.id,
                                       role=AssignmentRole.LEAD if n == 0 else AssignmentRole.CO, state=state,
                                       dispatched_at=bj(10, 4), sign_due_at=bj(10, 5), due_at=bj(10, 9),
                                       original_due_at=bj(10, 9)))
        session.commit()
    october = parse_period("2026-10")
    assert hotspots.hard_problems(grids, system, october, as_of=bj(10, 10))[Hardness.MULTI_DEPARTMENT] == {DISPUTE: 1}
    listed = hotspots.hard_cases(grids, system, october, Hardness.MULTI_DEPARTMENT, as_of=bj(10, 10))
    assert [c.id for c in listed] == [ids[2]]


def recurring(db, as_of):
    with db.session() as session:
        return hotspots.find_recurring(session, RecurringRule.load(session), as_of, None)


@pytest.mark.law("Art. 22")
def test_recurring_problem_needs_five_cases_within_500_m_in_30_days(grids):
    as_of = bj(10, 31)
    close_by = [(G1, DISPUTE, bj(10, d), {"lonlat": near(90 * d, 40)}) for d in (2, 3, 4, 5)]
    ids = add_cases(grids, close_by + [
        (G1, DISPUTE, bj(10, 6), {"lonlat": near(2000)}),  # 2 km away
        (G1, DISPUTE, bj(9, 20), {"lonlat": near(100)}),  # 41 days before
        (G1, LIVELIHOOD, bj(10, 7), {"lonlat": near(120)}),  # another category
    ])
    assert recurring(grids, as_of) == []  # four close cases only
    fifth = add_cases(grids, [(G2, DISPUTE, bj(10, 20), {"lonlat": near(300, -200)})])
    clusters = recurring(grids, as_of)
    assert len(clusters) == 1
    assert clusters[0].category is DISPUTE and sorted(clusters[0].case_ids) == sorted(ids[:4] + fifth)
    assert clusters[0].window_start == bj(10, 2) and clusters[0].window_end == bj(10, 20)
    # Configurable: a 3 km radius also takes in the case 2 km away (but not the 41-day-old one).
    with grids.session() as session:
        session.add(Setting(key=hotspots.RECURRING_SETTING, value={"min_cases": 5, "radius_m": 3000, "window_days": 30}))
        session.commit()
    assert sorted(recurring(grids, as_of)[0].case_ids) == sorted(ids[:5] + fifth)


def test_bad_recurring_rule_is_named():
    with pytest.raises(ValidationFailed) as bad:
        RecurringRule(min_cases=1, radius_m=-5, window_days=30).validate()
    assert any("min_cases" in p for p in bad.value.problems) and any("radius_m" in p for p in bad.value.problems)


def test_sqlite_index_hints_reach_sqlite(sqlite_db):
    """The year-long hotspot queries rely on `INDEXED BY`, which SQLAlchemy's SQLite dialect
    would drop: the engine's compiler renders it, and SQLite acts on it."""
    hinted = select(func.count()).select_from(Case).with_hint(Case, "INDEXED BY ix_cases_due", "sqlite")
    assert "FROM cases INDEXED BY ix_cases_due" in str(hinted.compile(sqlite_db.engine))
    with sqlite_db.session() as session:
        assert session.scalar(hinted) == session.scalar(select(func.count()).select_from(Case))
        with pytest.raises(OperationalError, match="no such index"):
            session.scalar(select(func.count()).select_from(Case)
                           .with_hint(Case, "INDEXED BY ix_no_such_index", "sqlite"))
