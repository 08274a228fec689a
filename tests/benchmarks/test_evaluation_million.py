"""Evaluation over 1,000,000 cases (goal < 1 s): SQL GROUP BY per grain, no ORM objects."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest

from desktop.services.evaluation.periods import PeriodKind, period_of
from desktop.services.evaluation.scores import evaluate
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
    seconds, ev = _median_seconds(lambda: evaluate(million_db, actor, period, level, as_of=NOW))
    counted = sum(s.figure("on_time").denominator for s in ev.subjects)
    ranked = sum(1 for s in ev.subjects if s.rank is not None)
    print(f"\nevaluation {level:<10} {period.code:<8} median {seconds * 1000:7.0f} ms  "
          f"({counted:,} case rounds counted, {ranked:,} subjects ranked)")
    assert counted > 0
