"""The map dock of the main window (menu 网格 → 地图): follows the selected place."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QStyle, QToolBar, QVBoxLayout, QWidget

from ...services.map_data import map_data
from ...services.places import normalise_code
from .. import dialogs
from ..latest import LatestAnswer
from ..retranslating import Retranslating
from ..save_path import ask_save_path
from .view import MapView

DOCK_NAME = "mapDock"
WIDTH_CHARS = 44  # the width the map asks for, in characters of its type


class MapPanel(Retranslating, QWidget):
    """Toolbar + MapView for the place chosen in the tree; clicking a grid selects it there."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_ = window
        self._latest = LatestAnswer()  # of the places chosen one after another, the last one's map
        self.view = MapView(self, tasks=window.tasks)
        # What the map shows, below the tools: in the toolbar, on a 1366-point laptop, it had gone into the
        # toolbar's overflow menu. Tools that do not fit go there; the counts wrap.
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.toolbar = QToolBar()
        self.actions_ = []
        for slot in (self.view.fit, lambda: self.view.zoom(1.5), lambda: self.view.zoom(1 / 1.5), self.reload,
                     self.export):
            action = QAction(self)
            action.triggered.connect(slot)
            self.toolbar.addAction(action)
            self.actions_.append(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        self.code: str | None = None
        self.data = None  # what the title counts, kept to say it again in another language
        self.retranslate()
        self.view.gridClicked.connect(window.select_place)
        window.bus.placeSelected.connect(self.show_place)
        window.bus.changed.connect(self._changed)

    def retranslate(self) -> None:
        for action, text in zip(self.actions_, (self.tr("适合窗口"), self.tr("放大"), self.tr("缩小"), self.tr("刷新"),
                                                self.tr("导出图片…"))):
            action.setText(text)
        if isinstance(self.parent(), QDockWidget):
            self.parent().setWindowTitle(self.tr("地图"))
        if self.data is not None:
            self._show_title()

    def sizeHint(self) -> QSize:
        """WIDTH_CHARS characters wide: as wide as the map opened when its title stood in its toolbar."""
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.fontMetrics().horizontalAdvance("网") * WIDTH_CHARS), hint.height())

    def _show_title(self) -> None:
        # What the map can draw: grids with a boundary (not vessel groups), cases with a location.
        self.title.setText(self.tr("{0}:有边界的网格 {1} 个,已定位的在办案件 {2} 件").format(
            self.data.place_name, len(self.data.grids), len(self.data.cases)))

    def show_place(self, code: str | None) -> None:
        if code and code in self.view.grid_items:  # a grid already on the map: just mark it
            self.view.select_grid(code)
            return
        self.code = code
        self.reload()

    def _changed(self, topic: str) -> None:
        if topic in ("places", "cases"):
            self.reload()

    def reload(self) -> None:
        if not self.code:
            return
        self.title.setText(self.tr("载入中…"))
        answer = self._latest.send()
        self.window_.tasks.submit(map_data, self.window_.db, self.window_.actor, normalise_code(self.code),
                                  on_done=answer(self._loaded), on_error=answer(lambda exc: dialogs.show_error(self, exc)))

    def _loaded(self, data) -> None:
        self.data = data
        self._show_title()
        self.view.set_data(data)

    def export(self) -> None:
        path = ask_save_path(self, self.tr("导出地图图片"), self.tr("地图") + ".png", self.tr("PNG 图片 (*.png)"))
        if path and not self.view.export_png(path):
            dialogs.error(self, self.tr("导出地图图片"), self.tr("无法写入 {0}").format(path))


def _width_beside_the_queue(window, dock: QDockWidget) -> int:
    """The map's width as it opens: no more than a third of the window (on a 1366-point laptop it had taken all
    but the panes' least widths, the roster squeezed to a name and half a role), nor more than leaves the queue
    its key columns in sight (number, title, countdown, state and category: at 1366×768 beside the map it had
    kept the first three only), their state whole where the map keeps a quarter of the window. Where the roster
    at its least leaves the map less than that third, the map takes the roster's place until it closes: the
    queue is what the operator works in."""
    third = min(dock.sizeHint().width(), window.width() // 3)
    queue = window.queue_panel
    if _spare(window, queue.least_width()) < third:
        window.splitter.lend_roster()
    whole = _spare(window, queue.sizeHint().width())
    return min(third, whole if whole >= window.width() // 4 else _spare(window, queue.least_width()))


def _spare(window, queue: int) -> int:
    """The width the panes leave a dock opened beside them with the queue `queue` wide."""
    separator = window.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, window)
    return window.splitter.width() - separator - window.splitter.room_asked(queue)


def open_map(window) -> None:
    """Show (or raise) the map dock for the place selected in the tree."""
    dock = window.findChild(QDockWidget, DOCK_NAME)
    opening = dock is None or dock.isHidden()
    if dock is None:
        dock = QDockWidget(window)
        dock.setObjectName(DOCK_NAME)
        dock.setWidget(MapPanel(window, dock))  # which titles the dock, in the language of the moment
        # Closed, the map gives the roster its place back (not as the window closes: the layout stays as it is).
        dock.visibilityChanged.connect(lambda shown: shown or not window.isVisible() or window.splitter.roster_back())
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    if opening:
        width = _width_beside_the_queue(window, dock)
        dock.show()
        window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
    dock.raise_()
    dock.widget().show_place(window.current_place_code())
