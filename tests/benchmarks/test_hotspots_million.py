"""Hotspot aggregation over 1,000,000 cases (goal < 1 s): the trend (bucket × category), the
per-grid map layer (optionally for one category) and the hard problems, each in one query."""

from __future__ import annotations

import pytest

from desktop.models.enums import MatterCategory
from desktop.services import hotspots
from desktop.services.evaluation.periods import PeriodKind
from desktop.services.security import Actor

from .conftest import NOW
from .test_evaluation_million import _median_seconds, last_complete


@pytest.mark.benchmark
@pytest.mark.parametrize("kind, bucket", [(PeriodKind.MONTH, "day"), (PeriodKind.YEAR, "week"),
                                          (PeriodKind.YEAR, "month")])
def test_hotspot_counts_over_a_million_cases(million_db, kind, bucket):
    period = last_complete(kind)
    actor = Actor.system("benchmark")
    seconds, counts = _median_seconds(lambda: hotspots.counts(million_db, actor, period, bucket))
    print(f"\nhotspots trend {period.code:<8} by {bucket:<5} median {seconds * 1000:7.0f} ms  "
          f"({counts.total:,} cases, {len(counts.starts)} buckets × {len(counts.by_category())} categories)")
    assert counts.total > 0


@pytest.mark.benchmark
@pytest.mark.parametrize("kind", [PeriodKind.MONTH, PeriodKind.YEAR])
def test_hotspot_map_layer_and_hard_problems_over_a_million_cases(million_db, kind):
    period = last_complete(kind)
    actor = Actor.system("benchmark")
    seconds, heat = _median_seconds(lambda: hotspots.grid_heat(million_db, actor, period))
    print(f"\nhotspots grid heat {period.code:<8} median {seconds * 1000:7.0f} ms ({len(heat):,} grids, "
          f"{sum(h.count for h in heat):,} cases)")
    seconds, one = _median_seconds(lambda: hotspots.grid_heat(million_db, actor, period,
                                                              category=MatterCategory.DISPUTE))
    print(f"hotspots grid heat of one category {period.code:<8} median {seconds * 1000:7.0f} ms ({len(one):,} grids)")
    seconds, hard = _median_seconds(lambda: hotspots.hard_problems(million_db, actor, period, as_of=NOW))
    print(f"hotspots hard problems {period.code:<8} median {seconds * 1000:7.0f} ms "
          f"({sum(sum(v.values()) for v in hard.values()):,} hard cases)")
    assert heat and one
