"""The map view with qtbot: items drawn by kind, click → grid code, zoom, PNG export, the dock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDockWidget, QVBoxLayout, QWidget
from shapely.geometry import box

from desktop.models import Case
from desktop.models.enums import CaseState, Channel, GridKind, MatterCategory
from desktop.services import grids
from desktop.services.geo import geojson_io, synthetic
from desktop.services.map_data import map_data
from desktop.services.security import Actor
from desktop.services.places import get_place
from desktop.views.main_window import MainWindow
from desktop.views.menus import FEATURE_ACTIONS
from desktop.views.map import MapView
from desktop.views.map.panel import DOCK_NAME, MapPanel, open_map
from desktop.views.map.view import OPEN_CASE, OVERDUE_CASE

from .conftest import QIAOBEI
from .deferred import Deferred

BOUNDARY = synthetic.square(109.10, 21.42, 1200)
CELLS = synthetic.divide(BOUNDARY, 2, 2)
SCHOOL = box(*CELLS[0].centroid.buffer(0.0008).bounds)


@pytest.fixture
def mapped_db(sqlite_db, system):
    """侨北社区: boundary, 2 × 2 regular grids, a school grid over grid 1, a port; two located cases."""
    grids.import_boundaries(sqlite_db, system, geojson_io.collection([geojson_io.feature(BOUNDARY, {"code": QIAOBEI})]))
    features = synthetic.grid_features(QIAOBEI, "侨北", BOUNDARY, 2, 2) + [
        geojson_io.feature(SCHOOL, {"code": QIAOBEI + "101", "name": "侨港中学", "kind": "exclusive",
                                    "category": "school", "managing_unit": "侨港中学"}),
        geojson_io.feature(synthetic.square(109.10, 21.41, 800), {"code": QIAOBEI + "201", "name": "侨港渔港",
                                                                 "kind": "sea", "category": "port"})]
    grids.import_grids(sqlite_db, system, geojson_io.collection(features))
    now = datetime.now(timezone.utc)
    with sqlite_db.session() as session:
        village = get_place(session, QIAOBEI)
        for n, (cell, due) in enumerate([(CELLS[1], now + timedelta(days=2)), (CELLS[3], now - timedelta(days=1))], 1):
            point = cell.centroid
            session.add(Case(number=f"T-{n}", channel=Channel.PHONE, title=f"诉求{n}", description="-",
                             category=MatterCategory.DISPUTE, county_id=village.parent.parent_id,
                             township_id=village.parent_id, village_id=village.id, state=CaseState.DISPATCHED,
                             lon=point.x, lat=point.y, due_at=due))
        session.commit()
    return sqlite_db


def rendered_map(qtbot, db) -> MapView:
    """侨港镇's map in a 640 × 480 view, once drawn."""
    widget = MapView()
    widget.resize(640, 480)
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.rendered, timeout=5000):
        widget.set_data(map_data(db, Actor.system("pytest"), "450503103000"))
    return widget


def shown_names(view: MapView) -> list:
    """(where on screen, its grid item) of each grid name shown."""
    return [(label.deviceTransform(view.viewportTransform()).mapRect(label.boundingRect()), item)
            for label, item, _rank in view._labels if label.isVisible()]


def overlapping(shown: list) -> bool:
    return any(a.intersects(b) for i, (a, _) in enumerate(shown) for b, _ in shown[i + 1:])


@pytest.fixture
def view(qtbot, mapped_db, cjk_font):
    return rendered_map(qtbot, mapped_db)


def viewport_point(view: MapView, lon: float, lat: float) -> QPoint:
    """Where a lon/lat lands in the viewport (through the scene position of a known item)."""
    grid = view.grid_items[QIAOBEI + "001"]
    rect, bounds = grid.path().boundingRect(), CELLS[0].bounds
    x = rect.left() + (lon - bounds[0]) / (bounds[2] - bounds[0]) * rect.width()
    y = rect.bottom() - (lat - bounds[1]) / (bounds[3] - bounds[1]) * rect.height()
    return view.mapFromScene(x, y)


def test_grids_boundaries_and_cases_are_drawn_by_kind(view):
    assert sorted(view.grid_items) == sorted([f"{QIAOBEI}00{n}" for n in range(1, 5)] + [QIAOBEI + "101", QIAOBEI + "201"])
    kinds = {code: item.data(1) for code, item in view.grid_items.items()}
    assert GridKind(kinds[QIAOBEI + "101"]) is GridKind.EXCLUSIVE and GridKind(kinds[QIAOBEI + "201"]) is GridKind.SEA
    assert view.grid_items[QIAOBEI + "101"].zValue() > view.grid_items[QIAOBEI + "001"].zValue()
    assert len(view.boundary_items) == 1
    assert sorted(item.brush().color().name() for item in view.case_items) == sorted(
        [OPEN_CASE.name(), OVERDUE_CASE.name()])
    width = view.grid_items[QIAOBEI + "001"].path().boundingRect().width()
    assert width == pytest.approx(600, rel=0.01)  # metres: the local projection keeps the shape


def test_click_on_a_grid_emits_its_code_and_exclusive_wins(view, qtbot):
    centre = CELLS[3].centroid
    with qtbot.waitSignal(view.gridClicked, timeout=1000) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(view, centre.x, centre.y))
    assert signal.args == [QIAOBEI + "004"]
    school = SCHOOL.centroid
    with qtbot.waitSignal(view.gridClicked, timeout=1000) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(view, school.x, school.y))
    assert signal.args == [QIAOBEI + "101"]


def test_drag_pans_without_selecting(view, qtbot):
    start = viewport_point(view, *CELLS[3].centroid.coords[0])
    with qtbot.assertNotEmitted(view.gridClicked):
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view.viewport(), start + QPoint(60, 40))
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(60, 40))


def test_zoom_and_fit(view):
    fitted = view.transform().m11()
    view.zoom(4)
    assert view.transform().m11() == pytest.approx(fitted * 4)
    view.fit()
    assert view.transform().m11() == pytest.approx(fitted)


def test_png_export_shows_the_map(view, tmp_path):
    path = tmp_path / "map.png"
    assert view.export_png(path)
    image = QImage(str(path))
    assert image.width() >= 600
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 10  # grids, boundary, markers and legend, not a blank canvas
    assert any(QColor(c).blue() > QColor(c).red() + 30 for c in colours)  # the blue of regular grids


def test_selected_grid_is_outlined(mapped_db, qtbot):
    widget = MapView()
    qtbot.addWidget(widget)
    widget.set_data(map_data(mapped_db, Actor.system("pytest"), QIAOBEI + "002"))
    assert widget.grid_items[QIAOBEI + "002"].pen().width() == 3
    widget.select_grid(QIAOBEI + "003")
    assert widget.grid_items[QIAOBEI + "002"].pen().width() == 1 and widget.grid_items[QIAOBEI + "003"].pen().width() == 3


def test_map_dock_follows_the_tree_and_clicks_select_in_the_tree(qtbot, mapped_db, system, tasks):
    window = MainWindow(mapped_db, system, tasks)
    qtbot.addWidget(window)
    window.select_place("450503103000")
    window.run_feature(next(f for f in FEATURE_ACTIONS if f.id == "grids.map"))  # 网格 → 地图
    panel = window.findChild(MapPanel)
    view = panel.view
    assert len(view.grid_items) == 6 and "侨港镇" in panel.title.text()
    view.gridClicked.emit(QIAOBEI + "003")
    assert window.current_place_code() == QIAOBEI + "003"
    assert view.grid_items[QIAOBEI + "003"].pen().width() == 3  # marked, the township map kept
    assert len(view.grid_items) == 6
    open_map(window)  # a second time raises the same dock
    assert [d.objectName() for d in window.findChildren(QDockWidget)].count(DOCK_NAME) == 1


def test_grid_names_are_centred_on_their_grids_and_never_overlap(view):
    grid = view.grid_items[QIAOBEI + "001"]
    label = next(label for label, *_ in view._labels if label.text() == grid.toolTip())
    for factor in (1, 3):
        view.fit()
        view.zoom(factor)
        centre = view.mapFromScene(grid.path().boundingRect().center())
        on_screen = label.deviceTransform(view.viewportTransform()).mapRect(label.boundingRect())
        assert abs(on_screen.center().x() - centre.x()) < 3 and abs(on_screen.center().y() - centre.y()) < 3
        shown = shown_names(view)
        assert shown and not overlapping(shown)
        # each inside its own grid
        assert all(item.path().contains(view.mapToScene(rect.toAlignedRect()).boundingRect()) for rect, item in shown)


def test_on_the_demos_qiaogang_map_the_chosen_grids_name_shows_and_no_names_overlap(qtbot, demo_db, cjk_font):
    """Exclusive grids lie over regular ones: their names and the regular grids' are laid out together,
    and the grid chosen keeps its name, even one too small to hold it (侨南社区第3网格 had none)."""
    widget = rendered_map(qtbot, demo_db)
    kinds = {GridKind(item.data(1)) for item in widget.grid_items.values()}
    assert GridKind.EXCLUSIVE in kinds and GridKind.REGULAR in kinds
    for code in [None, *widget.grid_items]:
        widget.select_grid(code)
        shown = shown_names(widget)
        assert not overlapping(shown), code
        assert code is None or widget.grid_items[code] in {item for _, item in shown}


@pytest.mark.parametrize("size", [(455, 600), (640, 480)], ids=["beside-the-queue-at-1366", "wide"])
def test_the_legend_covers_no_grid_once_fitted_and_no_name_ever(qtbot, demo_db, cjk_font, size):
    """Beside the queue on a 1366-point laptop the legend lay over 侨北社区第1网格 and its name. The map is fitted
    beside the legend or below it; zoomed in, a name that comes under the legend is not shown."""
    widget = rendered_map(qtbot, demo_db)
    widget.resize(*size)  # fitted again
    legend = widget.legend_rect()
    for item in widget.grid_items.values():
        assert not widget.mapFromScene(item.sceneBoundingRect()).boundingRect().intersects(legend)
    for factor in (1, 3):
        widget.fit()
        widget.zoom(factor)
        assert shown_names(widget) and not any(rect.intersects(QRectF(legend)) for rect, _ in shown_names(widget))


def _in_a_layout(qtbot) -> tuple[MapView, QWidget]:
    """A map view laid out in a shown window, whose layout has read its least size (and keeps it, as layouts do)."""
    window = QWidget()
    qtbot.addWidget(window)
    QVBoxLayout(window).addWidget(widget := MapView())
    window.show()
    qtbot.waitExposed(window)
    return widget, window


def test_a_larger_legend_is_the_least_size_its_layout_keeps(qtbot, cjk_font):
    """The wall sets the legend's type on every change of unit; the layout kept the least size the map asked
    for first, too small for the legend in the larger type."""
    widget, window = _in_a_layout(qtbot)
    before = window.layout().minimumSize()
    widget.set_text_size(3 * widget.fontInfo().pixelSize())
    QApplication.processEvents()
    after = window.layout().minimumSize()
    assert after.width() > before.width() and after.height() > before.height()
    assert after.width() >= widget.minimumSizeHint().width()


def test_the_legend_in_english_is_the_least_size_its_layout_keeps(qtbot, cjk_font, translations):
    """English's legend entries are wider than Chinese's; the layout kept the least size of the Chinese."""
    translations.install("zh")
    widget, window = _in_a_layout(qtbot)
    before = window.layout().minimumSize()
    translations.install("en")
    QApplication.processEvents()
    after = window.layout().minimumSize()
    assert after.width() > before.width() and after.width() >= widget.minimumSizeHint().width()


def test_a_case_located_far_off_the_area_leaves_the_map_on_the_grids(qtbot, mapped_db, cjk_font):
    """A platform writing 0, 0 for "unknown" (or a point in Beijing): the map had fitted itself to take it in,
    and the township's grids shrank to a dot. The grids stay in view; the stray case is a pan away."""
    with mapped_db.session() as session:
        village = get_place(session, QIAOBEI)
        session.add(Case(number="T-far", channel=Channel.PHONE, title="位置不明", description="-",
                         category=MatterCategory.DISPUTE, county_id=village.parent.parent_id,
                         township_id=village.parent_id, state=CaseState.RECEIVED, lon=0.0, lat=0.0,
                         due_at=datetime.now(timezone.utc) + timedelta(days=3)))
        session.commit()
    view = rendered_map(qtbot, mapped_db)
    assert len(view.case_items) == 3 and map_data(mapped_db, Actor.system("pytest"), "450503103000").bounds[0] > 109
    shown = view.mapFromScene(view.grid_items[QIAOBEI + "001"].sceneBoundingRect()).boundingRect()
    assert shown.width() > view.viewport().width() / 10  # a quarter of the village, not a dot


def test_the_map_of_the_place_chosen_last_stays_when_an_earlier_ones_lands_after_it(qtbot, mapped_db, system,
                                                                                     feature_window):
    """A county clicked, then a township, before the county's map came back: the county's landing last
    had shown it under the township chosen."""
    tasks = Deferred()
    window = feature_window(mapped_db, system, tasks)
    window.select_place = lambda code: None
    panel = MapPanel(window)
    qtbot.addWidget(panel)
    panel.show_place("450503000000")
    panel.show_place("450503103000")
    tasks.run(1)
    assert panel.data.place_code == "450503103000"
    tasks.run(0)
    assert panel.data.place_code == "450503103000" and "侨港镇" in panel.title.text()
