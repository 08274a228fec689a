"""Evaluation over 1,000,000 cases (goal < 1 s): SQL GROUP BY per grain, no ORM objects; a quarter
or year reads the months that are over from their settled or kept figures (kept.py), so that only
the months still open — and a month a late change touched — are counted."""

from __future__ import annotations

import shutil
import statistics
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Callback
from desktop.models.enums import CallbackState, Satisfaction
from desktop.services.evaluation import settlement
from desktop.services.evaluation.periods import PeriodKind, period_of
from desktop.services.evaluation.scores import evaluate
from desktop.services.evaluation.settled import months_of
from desktop.services.security import Actor

from .conftest import NOW


def last_complete(kind: PeriodKind):
    """The last month or year that is over (a full period's worth of cases)."""
    return period_of(period_of(NOW, kind).start - timedelta(days=1), kind)


def _median_seconds(fn, runs: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


@pytest.mark.benchmark
@pytest.mark.parametrize("kind", [PeriodKind.MONTH, PeriodKind.YEAR])
@pytest.mark.parametrize("level", ["township", "department", "grid"])
def test_evaluation_over_a_million_cases(million_db, level, kind):
    period = last_complete(kind)
    actor = Actor.system("benchmark")
    seconds, ev = _median_seconds(lambda: evaluate(million_db, actor, period, level, as_of=NOW, recount=True))
    counted = sum(s.figure("on_time").denominator for s in ev.subjects)
    ranked = sum(1 for s in ev.subjects if s.rank is not None)
    print(f"\nevaluation {level:<10} {period.code:<8} counted live: median {seconds * 1000:7.0f} ms  "
          f"({counted:,} case rounds counted, {ranked:,} subjects ranked)")
    assert counted > 0


@pytest.fixture(scope="module")
def settled_million_db(million_db, tmp_path_factory):
    """A copy of the million cases with every month of the last complete year settled."""
    path = tmp_path_factory.mktemp("settled") / "million.sqlite"
    shutil.copyfile(million_db.engine.url.database, path)
    db = Database.connect(f"sqlite:///{path}")
    actor = Actor.system("benchmark")
    times = []
    for month in months_of(last_complete(PeriodKind.YEAR)):
        started = time.perf_counter()
        settlement.settle(db, actor, month, as_of=NOW)
        times.append(time.perf_counter() - started)
    print(f"\nsettling a month of the million cases (every level, per township): median "
          f"{statistics.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms")
    yield db
    db.dispose()


@pytest.mark.benchmark
@pytest.mark.parametrize("level", ["township", "department", "grid"])
def test_evaluation_of_a_settled_year(settled_million_db, million_db, level):
    period = last_complete(PeriodKind.YEAR)
    actor = Actor.system("benchmark")
    seconds, ev = _median_seconds(lambda: evaluate(settled_million_db, actor, period, level, as_of=NOW))
    live = evaluate(million_db, actor, period, level, as_of=NOW, recount=True)
    assert len(ev.settled) == 12
    assert [(s.subject_id, s.figures) for s in ev.subjects] == [(s.subject_id, s.figures) for s in live.subjects]
    print(f"\nevaluation {level:<10} {period.code:<8} settled median {seconds * 1000:7.0f} ms  "
          f"(12 settled months, same figures as counted live)")


@pytest.fixture(scope="module")
def kept_million_db(million_db, tmp_path_factory):
    """A copy of the million cases in which evaluations keep the months that are over."""
    path = tmp_path_factory.mktemp("kept") / "million.sqlite"
    shutil.copyfile(million_db.engine.url.database, path)
    db = Database.connect(f"sqlite:///{path}")
    yield db
    db.dispose()


@pytest.mark.benchmark
@pytest.mark.parametrize("which", ["last complete year", "this year"])
@pytest.mark.parametrize("level", ["township", "department", "grid"])
def test_evaluation_of_a_year_with_kept_months(kept_million_db, level, which):
    """The first evaluation of a year counts and keeps each month that is over; the next ones read
    them (and count only this month live); a late change to one month has it counted again."""
    period = last_complete(PeriodKind.YEAR) if which == "last complete year" else period_of(NOW, PeriodKind.YEAR)
    actor = Actor.system("benchmark")
    started = time.perf_counter()
    evaluate(kept_million_db, actor, period, level, as_of=NOW)
    first = time.perf_counter() - started
    seconds, ev = _median_seconds(lambda: evaluate(kept_million_db, actor, period, level, as_of=NOW))
    live = evaluate(kept_million_db, actor, period, level, as_of=NOW, recount=True)
    assert [(s.subject_id, s.figures) for s in ev.subjects] == [(s.subject_id, s.figures) for s in live.subjects]

    month = months_of(period)[2]
    with kept_million_db.session() as session:  # a callback made late for a case of that month
        callback = session.scalar(select(Callback).where(Callback.state == CallbackState.PENDING,
                                                         Callback.due_at >= month.start, Callback.due_at < month.end)
                                  .limit(1))
        callback.state, callback.done_at, callback.solved = CallbackState.DONE, NOW, True
        callback.satisfaction = Satisfaction.SATISFIED
        session.commit()
    started = time.perf_counter()
    evaluate(kept_million_db, actor, period, level, as_of=NOW)
    after_change = time.perf_counter() - started
    print(f"\nevaluation {level:<10} {period.code:<8} ({which}) with kept months: median {seconds * 1000:6.0f} ms; "
          f"first, keeping them {first:5.1f} s; after a late callback in {month.code} {after_change * 1000:6.0f} ms")
