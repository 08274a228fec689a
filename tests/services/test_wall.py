"""The wall display's reads (SPEC §5, §10): what takes over and what counts, apart from the month's rates."""

from __future__ import annotations

import pytest

from desktop.services import users, wall
from desktop.services.evaluation.periods import period_of
from desktop.services.evaluation.scores import scope_figures


@pytest.mark.law("Art. 21")
def test_the_snapshot_reads_no_rates_and_the_rates_are_read_for_the_same_scope(demo_db, monkeypatch):
    """The month's three rates had been read with the takeover and the counts on every change of a case:
    seconds behind which a new Art. 21 report waited to take the wall over."""
    chief = users.login(demo_db, "qg_chief", "qiaogang-chief")
    liaison = users.login(demo_db, "qg_fish", "qiaogang-fish")
    read = []
    monkeypatch.setattr(wall, "scope_figures", lambda *args, **kwargs: read.append(kwargs) or scope_figures(
        *args, **kwargs))
    snapshot = wall.snapshot(demo_db, chief)
    assert read == []
    assert snapshot.alarm is not None and snapshot.kpis.open > 0

    township, own = wall.month_rates(demo_db, chief), wall.month_rates(demo_db, liaison)
    assert [(r["under"], r["department_id"]) for r in read] == [(snapshot.scope_code, None),
                                                                 (snapshot.scope_code, liaison.department_id)]
    assert township.period == period_of(township.at) and township.at > snapshot.at
    assert [r.code for r in township.rates] == [r.code for r in own.rates] == list(wall.THREE_RATES)
    assert all(mine.denominator <= whole.denominator for mine, whole in zip(own.rates, township.rates))
