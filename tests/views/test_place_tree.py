"""The place tree queries off the GUI thread: lazy expand, reveal and search land later; stale answers are dropped."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import shapely
from PySide6.QtCore import QModelIndex, Qt

from desktop.errors import DatabaseUnavailable
from desktop.services import places
from desktop.services.places import get_place
from desktop.services.results import PlaceInfo
from desktop.tasks import TaskRunner
from desktop.views.place_tree import CODE_ROLE, PlaceTree

from .deferred import Deferred

YINHAI = "450503000000"
QIAOGANG = "450503103000"
QIAOBEI = "450503103001"


@pytest.fixture
def runner(qapp):
    r = TaskRunner()
    yield r
    r.wait()


def _codes(model, parent):
    return [model.index(r, 0, parent).data(CODE_ROLE) for r in range(model.rowCount(parent))]


def _add_first_grid(db, system) -> PlaceInfo:
    """侨北第一网格, as another desk adds it."""
    bounds = (109.100, 21.420, 109.110, 21.430)
    return places.create_grid(db, system, village_code=QIAOBEI, code=QIAOBEI + "001", name="侨北第一网格",
                              geometry=shapely.box(*bounds).wkb, bounds=bounds)


def test_expanding_a_branch_loads_its_level_on_a_worker_thread(qtbot, db, runner):
    tree = PlaceTree(db, runner)
    qtbot.addWidget(tree)
    model = tree.model
    qtbot.waitUntil(lambda: model.rowCount(model.index(0, 0)) == 4)  # the city, then its counties
    qtbot.waitUntil(lambda: not model.loading)
    yinhai = model.index_of(YINHAI)
    assert model.rowCount(yinhai) == 0 and model.canFetchMore(yinhai)

    tree.view.expand(yinhai)
    # The GUI thread did not wait for the database: the rows come with a later event.
    assert model.rowCount(yinhai) == 0 and model.loading
    assert tree.cursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: QIAOGANG in _codes(model, yinhai))
    qtbot.waitUntil(lambda: not model.loading)
    assert tree.cursor().shape() != Qt.CursorShape.BusyCursor
    assert model.rowCount(model.index_of(QIAOGANG)) == 0  # the townships' villages are still not loaded


def test_selecting_a_place_loads_the_levels_above_it_in_the_background(qtbot, db, runner):
    tree = PlaceTree(db, runner)
    qtbot.addWidget(tree)
    with qtbot.waitSignal(tree.placeSelected, timeout=10_000) as selected:
        tree.select_place(QIAOGANG)
    assert selected.args == [QIAOGANG]
    assert tree.current_code() == QIAOGANG
    assert tree.view.isExpanded(tree.model.index_of(YINHAI))


def test_an_older_selection_answering_late_is_dropped(qtbot, db):
    tasks = Deferred()
    tree = PlaceTree(db, tasks)
    qtbot.addWidget(tree)
    tasks.run()  # the root level
    tree.select_place(QIAOGANG)
    tree.select_place("450502000000")
    tasks.queued.reverse()  # the newer answer lands first
    tasks.run_all()
    assert tree.current_code() == "450502000000"
    assert tree.model.index_of(QIAOGANG).isValid()  # its levels are kept, but it is not chosen


def test_search_answers_out_of_order_show_only_the_latest(qtbot, db):
    tasks = Deferred()
    tree = PlaceTree(db, tasks)
    qtbot.addWidget(tree)
    tasks.run_all()  # the root level, then the counties
    tree.search.setText("450503103")
    tree.run_search()
    tree.search.setText("无此地名")
    tree.run_search()
    assert tree.cursor().shape() == Qt.CursorShape.BusyCursor
    tasks.run(len(tasks.queued) - 1)  # the latest search: nothing found
    tasks.run(len(tasks.queued) - 1)  # the older one answers late and is ignored
    assert [tree.hits.item(i).text() for i in range(tree.hits.count())] == ["没有找到“无此地名”"]
    assert tree.cursor().shape() != Qt.CursorShape.BusyCursor


def test_a_failed_level_is_reported_and_can_be_asked_again(qtbot, db, tasks, monkeypatch):
    shown = []
    monkeypatch.setattr("desktop.views.dialogs.error", lambda parent, title, text, details=None: shown.append(text))
    children = places.children

    def unreachable(*args):
        raise DatabaseUnavailable("数据库暂时无法连接,请稍后重试")

    monkeypatch.setattr(places, "children", unreachable)
    tree = PlaceTree(db, tasks)
    qtbot.addWidget(tree)
    assert shown == ["数据库暂时无法连接,请稍后重试"]
    assert tree.model.rowCount() == 0 and not tree.model.loading
    monkeypatch.setattr(places, "children", children)
    tree.model.fetchMore(QModelIndex())
    assert tree.model.rowCount() == 1


def test_model_passes_qtmodeltester_while_levels_arrive(qtbot, qtmodeltester, db):
    tasks = Deferred()
    tree = PlaceTree(db, tasks)
    qtbot.addWidget(tree)
    qtmodeltester.check(tree.model)  # also watches the inserts below
    tree.select_place(QIAOGANG)
    tasks.run_all()
    assert tree.current_code() == QIAOGANG


def test_the_tree_follows_places_added_renamed_and_gone_on_another_desk(qtbot, qtmodeltester, db, system, tasks):
    """A grid adjustment approved on another desk had left the tree as it was, even after F5, until the
    program was restarted."""
    tree = PlaceTree(db, tasks)
    qtbot.addWidget(tree)
    model = tree.model
    tree.select_place(QIAOBEI)
    tree.view.expand(model.index_of(QIAOBEI))
    assert _codes(model, model.index_of(QIAOBEI)) == []
    for n, west in ((1, 109.100), (2, 109.110)):
        bounds = (west, 21.420, west + 0.01, 21.430)
        places.create_grid(db, system, village_code=QIAOBEI, code=f"{QIAOBEI}00{n}", name=f"侨北第{n}网格",
                           geometry=shapely.box(*bounds).wkb, bounds=bounds)
    tree.refresh()
    assert _codes(model, model.index_of(QIAOBEI)) == [QIAOBEI + "001", QIAOBEI + "002"]
    with db.session() as s:
        get_place(s, QIAOBEI).short_name = "侨北新区"
        gone = get_place(s, QIAOBEI + "001")
        s.delete(gone.grid)
        s.delete(gone)
        s.commit()
    tree.refresh()
    assert _codes(model, model.index_of(QIAOBEI)) == [QIAOBEI + "002"]
    assert model.index_of(QIAOBEI).data() == "侨北新区" and tree.current_code() == QIAOBEI
    assert model.index_of(QIAOBEI + "001") == QModelIndex()
    qtmodeltester.check(model)


def test_a_level_landing_after_a_refresh_took_its_place_away_is_dropped(qtbot, qtmodeltester, db, system):
    tasks = Deferred()
    tree = PlaceTree(db, tasks)
    qtbot.addWidget(tree)
    model = tree.model
    tasks.run_all()
    tree.select_place(QIAOBEI)
    tasks.run_all()
    model.fetchMore(model.index_of(QIAOBEI))
    tasks.run_all()
    grid = _add_first_grid(db, system)
    tree.refresh()
    tasks.run_all()
    assert _codes(model, model.index_of(QIAOBEI)) == [QIAOBEI + "001"]
    model.fetchMore(model.index_of(QIAOBEI + "001"))  # the grid's level asked (it has none) …
    with db.session() as s:
        gone = get_place(s, grid.code)
        s.delete(gone.grid)
        s.delete(gone)
        s.commit()
    tree.refresh()
    tasks.run(1)  # … the refresh, taking the grid away, lands first
    tasks.run_all()
    assert model.index_of(QIAOBEI + "001") == QModelIndex()
    assert _codes(model, model.index_of(QIAOBEI)) == []
    qtmodeltester.check(model)


def _read_now(tasks: Deferred) -> Callable[[], None]:
    """The newest held task's query run now; its answer lands when the function returned is called."""
    fn, args, kwargs = tasks.queued.pop()
    answer = fn(*args)
    return lambda: kwargs["on_done"](answer)


def _tree_asking_for_qiaobeis_grids(qtbot, db) -> tuple[PlaceTree, Deferred]:
    """A tree at 侨北 that has asked for the village's grids; the answer is held in the runner returned."""
    tasks = Deferred()
    tree = PlaceTree(db, tasks)
    qtbot.addWidget(tree)
    tree.select_place(QIAOBEI)
    tasks.run_all()
    tree.model.fetchMore(tree.model.index_of(QIAOBEI))
    return tree, tasks


def test_a_level_read_before_its_place_was_taken_away_and_landing_after_the_refresh_is_dropped(
        qtbot, qtmodeltester, db, system):
    """A village's grids read just before another desk took the village away, landing after a refresh had
    taken it out of the tree: they had gone under a node no longer in the tree, and were found by code."""
    _add_first_grid(db, system)
    tree, tasks = _tree_asking_for_qiaobeis_grids(qtbot, db)
    model = tree.model
    land = _read_now(tasks)
    with db.session() as s:
        village = get_place(s, QIAOBEI)
        for grid in village.children:
            s.delete(grid.grid)
            s.delete(grid)
        s.delete(village)
        s.commit()
    tree.refresh()
    tasks.run_all()
    assert QIAOBEI not in _codes(model, model.index_of(QIAOGANG))
    land()
    assert model.index_of(QIAOBEI + "001") == QModelIndex() and not model.loading
    qtmodeltester.check(model)


def test_an_earlier_refresh_landing_after_a_later_one_is_dropped(qtbot, qtmodeltester, db, system):
    """A refresh read before another desk added a grid, answering after a later refresh had shown the grid,
    took it out of the tree again."""
    tree, tasks = _tree_asking_for_qiaobeis_grids(qtbot, db)
    model = tree.model
    tasks.run_all()
    tree.refresh()
    land_earlier = _read_now(tasks)
    _add_first_grid(db, system)
    tree.refresh()
    tasks.run_all()
    assert _codes(model, model.index_of(QIAOBEI)) == [QIAOBEI + "001"]
    land_earlier()
    assert _codes(model, model.index_of(QIAOBEI)) == [QIAOBEI + "001"] and not model.loading
    qtmodeltester.check(model)
