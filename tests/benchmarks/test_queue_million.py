"""The case queue over 1,000,000 cases: first paint (goal < 150 ms) and a filter change (goal < 100 ms).

Measured end to end on the GUI side: the model's COUNT(*) and page query (run synchronously
here, so they are inside the figure) plus painting the table widget. Medians of 5.
"""

from __future__ import annotations

import statistics
import time

import pytest
from sqlalchemy import text

from desktop.models.enums import CaseState, MatterCategory, PlaceLevel, Role
from desktop.services.queue import QueueFilter, SortKey
from desktop.services.security import Actor, Grant
from desktop.tasks import SyncTaskRunner
from desktop.views.queue_model import QueueModel
from desktop.views.queue_panel import QueuePanel

ROUNDS = 5


def _median_ms(fn, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _panel(qtbot, db, actor) -> QueuePanel:
    panel = QueuePanel(QueueModel(db, actor, SyncTaskRunner()))
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    return panel


@pytest.mark.benchmark
def test_queue_first_paint_and_filter_changes(qtbot, million_db):
    system = Actor.system("benchmark")
    with million_db.session() as session:
        total = session.execute(text("SELECT count(*) FROM cases")).scalar()
        grid = session.execute(text("SELECT code FROM places WHERE level = 'grid' ORDER BY id LIMIT 1")).scalar()
        township_id, township = session.execute(text(
            "SELECT id, code FROM places WHERE id = (SELECT township_id FROM cases WHERE id = 1)")).one()
    operator = Actor("bench_op", "值班员", (Grant(Role.OPERATOR, township, PlaceLevel.TOWNSHIP, township_id),))
    print(f"\nqueue over {total:,} cases (SQLite)")

    def first_paint(actor):
        def run():
            panel = _panel(qtbot, million_db, actor)
            panel.model.refresh()
            panel.grab()  # paints every visible cell: data() for the first screenful
        return run

    first_paint(system)()  # warm the file cache and SQLAlchemy's statement cache
    figures = {"first paint, all of Beihai (open cases)": _median_ms(first_paint(system)),
               "first paint, a township operator": _median_ms(first_paint(operator))}

    panel = _panel(qtbot, million_db, system)
    panel.model.refresh()
    panel.grab()
    base = panel.model.filter
    changes = {
        "filter: one category": base.with_(categories=frozenset({MatterCategory.DISPUTE})),
        "filter: overdue only": base.with_(overdue_only=True),
        "filter: a township": base.with_(under=township),
        "filter: a grid": base.with_(under=grid),
        "filter: supervised only": base.with_(supervised_only=True),
        "filter: all states (1M rows)": base.with_(states=frozenset()),
        "filter: closed, newest first": base.with_(states=frozenset({CaseState.CLOSED}), sort=SortKey.RECEIVED,
                                                   descending=True),
        "filter: text in number/title": base.with_(text="路灯"),
    }
    for name, f in changes.items():
        def change(f=f):
            panel.model.set_filter(QueueFilter())  # back to the default, untimed below
            panel.grab()
            started = time.perf_counter()
            panel.model.set_filter(f)
            panel.grab()
            return time.perf_counter() - started
        figures[name] = statistics.median(change() * 1000 for _ in range(ROUNDS))

    panel.model.set_filter(base.with_(states=frozenset()))
    panel.grab()

    def bottom():
        panel.view.scrollToTop()
        panel.grab()
        started = time.perf_counter()
        panel.view.scrollToBottom()
        panel.grab()
        return time.perf_counter() - started
    figures["scroll to the bottom of 1M rows"] = statistics.median(bottom() * 1000 for _ in range(ROUNDS))

    for name, ms in figures.items():
        print(f"  {name:<42} {ms:8.1f} ms")
    assert panel.model.rowCount() == total
