"""The paged queue model: qtmodeltester, countdown texts and colours, paging, sorting by header."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.services.queue import QueueFilter, SortKey
from desktop.views.queue_model import COUNTDOWN, DEADLINE, NEAR_COLOUR, OVERDUE_COLOUR, QueueModel


@pytest.fixture
def model(qtbot, desk_db, system, tasks):
    m = QueueModel(desk_db, system, tasks, page_size=7)
    m.refresh()
    return m


def test_model_passes_qtmodeltester(qtmodeltester, model):
    qtmodeltester.check(model)


def test_model_passes_qtmodeltester_on_demo_data(qtmodeltester, demo_db, system, tasks):
    m = QueueModel(demo_db, system, tasks, page_size=50)
    m.refresh()
    assert m.rowCount() > 0
    qtmodeltester.check(m)


def test_rows_come_in_pages_and_only_when_asked(model):
    assert model.rowCount() == 30
    assert list(model._pages) == [0]
    assert model.index(29, 0).data() == "450503103-2026-000030"  # the last page, fetched on demand
    assert sorted(model._pages) == [0, 4]


def test_countdown_text_and_colours(model):
    row = model.row_at(0)
    model.clock = lambda: row.due_at - timedelta(days=2, hours=3, minutes=10)
    assert model.index(0, COUNTDOWN).data() == "剩 2天3小时"
    assert model.index(0, COUNTDOWN).data(Qt.ItemDataRole.ForegroundRole) is None
    model.clock = lambda: row.due_at - timedelta(hours=3)
    assert model.index(0, COUNTDOWN).data(Qt.ItemDataRole.ForegroundRole) == NEAR_COLOUR
    model.clock = lambda: row.due_at + timedelta(hours=5, minutes=2)
    assert model.index(0, COUNTDOWN).data() == "超期 5小时"
    assert model.index(0, DEADLINE).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR


def test_timer_tick_repaints_the_countdown_without_refetching(qtbot, model, monkeypatch):
    asked = []
    monkeypatch.setattr("desktop.services.queue.page", lambda *a, **k: asked.append(a) or [])
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.tick()
    assert blocker.args[0].column() == COUNTDOWN and blocker.args[1].row() == 29
    assert asked == []


def test_header_sort_orders_in_sql(model):
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.filter.sort is SortKey.NUMBER and model.filter.descending
    assert model.index(0, 0).data() == "450503103-2026-000030"
    model.sort(5)  # the place column cannot be sorted: nothing changes
    assert model.filter.sort is SortKey.NUMBER


def test_filter_change_resets_and_counts_again(qtbot, model):
    with qtbot.waitSignal(model.modelReset):
        model.set_filter(QueueFilter(overdue_only=True))
    assert model.rowCount() == 10


def test_an_older_answer_arriving_late_is_dropped(desk_db, system, qtbot):
    class Deferred:
        def __init__(self):
            self.calls = []

        def submit(self, fn, *args, on_done=None, on_error=None, **kwargs):
            self.calls.append((fn(*args, **kwargs), on_done))

    tasks = Deferred()
    m = QueueModel(desk_db, system, tasks)
    m.refresh()
    m.set_filter(QueueFilter(overdue_only=True))
    (first, first_done), (newest, newest_done) = tasks.calls
    newest_done(newest)
    first_done(first)  # the unfiltered answer comes last
    assert m.rowCount() == 10

