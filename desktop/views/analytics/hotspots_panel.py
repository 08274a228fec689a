"""Hotspots (Art. 22) with pyqtgraph: the trend by category, the busiest categories, the hard
problems; the grid counts are handed to the map as a colour layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from math import ceil

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import paths
from ...i18n import label, period_label
from ...models import utcnow
from ...services import hotspots
from ...services.clock import beijing_text, beijing_today
from ...services.evaluation.periods import parse_period, period_of
from ...services.hotspots import Bucket, GridHeat, HardCase, Hardness, HotspotCounts
from .. import dialogs
from ..form_buttons import enter_presses
from ..latest import LatestAnswer
from ..save_path import ask_save_path
from ..screen_fit import fit_to_screen

TOP_CATEGORIES = 5
AXIS_TEXT_MARGIN = 16  # pixels beside a bar chart's longest name: the tick mark and its gap
HARD_CASES_LISTED = 200
CHART_MIN_HEIGHT = 220  # pixels: a title, an axis and the trend's legend of five lines
BAR_GAP = 4  # pixels between the names of two bars
LINE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd")
TEXT_COLOUR = "#222"  # the titles and the legend: pyqtgraph's own grey was hard to read on white


@dataclass(frozen=True)
class HotspotData:
    counts: HotspotCounts
    hard: dict
    heat: list[GridHeat]
    as_of: datetime  # what "long open" was counted against; the cases behind a bar are listed as of it too


def load(db, actor, period_code: str, bucket: Bucket, under: str | None) -> HotspotData:
    """Off the GUI thread: the three aggregations of one period."""
    period, as_of = parse_period(period_code), utcnow()
    return HotspotData(hotspots.counts(db, actor, period, bucket, under=under),
                       hotspots.hard_problems(db, actor, period, under=under, as_of=as_of),
                       hotspots.grid_heat(db, actor, period, under=under), as_of)


def apply_heat(view, heat: list[GridHeat]) -> int:
    """Colour the grids of a MapView by their case counts; returns how many grids were coloured."""
    coloured = 0
    for item in heat:
        shape = view.grid_items.get(item.grid_code)
        if shape is not None:
            colour = QColor(item.colour)
            colour.setAlpha(190)
            shape.setBrush(QBrush(colour))
            shape.setToolTip(f"{item.grid_name}:{item.count}")
            coloured += 1
    return coloured


def bucket_label(start: date, bucket: Bucket) -> str:
    """A bucket on the trend's axis: a month by its name ("11月"), a day or week by its (first) date."""
    if bucket is Bucket.MONTH:
        return QCoreApplication.translate("HotspotsPanel", "{0}月").format(start.month)
    return start.strftime("%m-%d")


def _plot(title: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(background="w")
    # pyqtgraph's right-click menus (its view's and the scene's "Export...") are English and offer what a
    # desk has no use for; the panel offers its own (HotspotsPanel.offer_picture).
    plot.getPlotItem().setMenuEnabled(False)
    font = QFont(paths.FONT_FAMILY, 9)
    plot.setTitle(title, color=TEXT_COLOUR, size="11pt")
    for side in ("left", "bottom"):
        plot.getAxis(side).setTickFont(font)
        plot.getAxis(side).setTextPen("#333")
    plot.showGrid(y=True, alpha=0.25)
    return plot


class ChartsArea(QScrollArea):
    """The trend above the two bar charts, which stand side by side where both fit whole and one under
    the other where not; it scrolls where the window is smaller still. A plot narrower than its title and
    axes need is drawn past its widget's edge: at 800 points the hard problems lost their right-hand side."""

    def __init__(self, trend: pg.PlotWidget, bars: tuple[pg.PlotWidget, pg.PlotWidget]):
        super().__init__()
        self.trend, self.bars = trend, bars
        self.side_by_side: bool | None = None
        charts = QWidget()
        self.grid = QGridLayout(charts)
        self.grid.setContentsMargins(0, 0, 0, 0)  # the charts where they stood before they could scroll
        self.setWidget(charts)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to button, not to the frame
        for plot in (trend, *bars):
            plot.setMinimumHeight(CHART_MIN_HEIGHT)
        self.fit_charts()

    def fit_charts(self) -> None:
        """Each chart at least as wide as its title and axes (they change with the names on the axes)."""
        for plot in (self.trend, *self.bars):
            plot.setMinimumWidth(ceil(plot.getPlotItem().effectiveSizeHint(Qt.SizeHint.MinimumSize).width()))
        self.arrange()

    def arrange(self) -> None:
        # Room for the scroll bar is kept either way: a bar appearing would otherwise flip the choice back.
        room = self.width() - self.verticalScrollBar().sizeHint().width()
        side_by_side = room >= sum(plot.minimumWidth() for plot in self.bars) + self.grid.horizontalSpacing()
        if side_by_side == self.side_by_side:
            return
        self.side_by_side = side_by_side
        first, second = self.bars
        self.grid.addWidget(self.trend, 0, 0, 1, 2)
        if side_by_side:
            self.grid.addWidget(first, 1, 0)
            self.grid.addWidget(second, 1, 1)
        else:
            self.grid.addWidget(first, 1, 0, 1, 2)
            self.grid.addWidget(second, 2, 0, 1, 2)
        for row in range(3):  # the rows in use share the height alike
            self.grid.setRowStretch(row, 1 if row < 2 or not side_by_side else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.arrange()


class HardCasesDialog(QDialog):
    """The cases behind one bar of the hard problems (Art. 22(1)): those the user may read, oldest first."""

    def __init__(self, panel: HotspotsPanel, kind: Hardness):
        super().__init__(panel)
        counts = panel.data.counts
        self.setWindowTitle(self.tr("{0} · {1}:计入的诉求").format(label(kind), period_label(counts.period)))
        self.table = QTableWidget(0, 5)
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([self.tr("编号"), self.tr("标题"), self.tr("类别"), self.tr("状态"),
                                              self.tr("受理时间")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        # A case opens at the desk as it does from the queue: double-click or Enter.
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.table.setAccessibleName(self.tr("计入的诉求"))  # what a screen reader says for the list
        self.case_ids: list[int] = []
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        fit_to_screen(self, 900, 520)
        self.panel = panel
        panel.tasks.submit(hotspots.hard_cases, panel.db, panel.actor, counts.period, kind, under=panel.under,
                           as_of=panel.data.as_of, limit=HARD_CASES_LISTED,
                           on_done=self.show_cases, on_error=lambda exc: dialogs.show_error(self, exc))

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.case_ids):
            self.panel.case_chosen.emit(self.case_ids[row])

    def show_cases(self, cases: list[HardCase]) -> None:
        self.case_ids = [case.id for case in cases]
        self.table.setRowCount(len(cases))
        for r, case in enumerate(cases):
            cells = [case.number, case.title, label(case.category), label(case.state), beijing_text(case.received_at)]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        text = self.tr("共 {0} 件").format(len(cases))
        if len(cases) == HARD_CASES_LISTED:
            text = self.tr("列出最早受理的 {0} 件").format(len(cases))
        self.count.setText(text)


class HotspotsPanel(QDialog):
    case_chosen = Signal(int)  # a case of a hard-problems list, to open at the desk

    def __init__(self, db, actor, tasks, *, under: str | None = None, map_view=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks, self.under, self.map_view = db, actor, tasks, under, map_view
        self.data: HotspotData | None = None
        self.setWindowTitle(self.tr("高频与疑难问题分析(第二十二条)"))
        self.period = QLineEdit(period_of(utcnow()).code)
        self.bucket = QComboBox()
        for bucket in Bucket:
            self.bucket.addItem(self.tr("按{0}").format(label(bucket)), bucket)
        self.run_button = QPushButton(self.tr("分析"))
        self.run_button.clicked.connect(self.run)
        self.map_button = QPushButton(self.tr("在地图上着色"))
        self.map_button.clicked.connect(self.colour_map)
        self.map_button.setEnabled(map_view is not None)
        self.trend = _plot(self.tr("各类诉求趋势(前五类)"))
        self.trend.addLegend(offset=(10, 10), labelTextColor=TEXT_COLOUR)
        self.categories = _plot(self.tr("诉求数量(按类别)"))
        # Of the requests received in the period, as every figure here: 久拖未决 of a month still running is few.
        self.hard = _plot(self.tr("持续时间长、解决难度大的问题(本期受理的诉求中)"))
        for plot, name in ((self.trend, self.tr("诉求趋势")), (self.categories, self.tr("诉求数量")),
                           (self.hard, self.tr("疑难问题"))):
            self.offer_picture(plot, name)
        for bars in (self.categories, self.hard):
            bars.showGrid(x=True, y=False, alpha=0.25)  # the counts run along the bottom
        self.hard.setToolTip(self.tr("点击一类问题,查看计入的诉求。只计本期受理的诉求:久拖未决是其中受理超过 {0} 天仍未办结的,"
                                     "看更早受理的请选更长的期间").format(hotspots.LONG_OPEN_DAYS))
        self.hard.scene().sigMouseClicked.connect(self._hard_clicked)
        self.status = QLabel()
        # What a screen reader says for the period (its caption) and the unit (which has none).
        period_caption = QLabel(self.tr("期间"))
        period_caption.setBuddy(self.period)
        self.bucket.setAccessibleName(self.tr("统计单位"))
        top = QHBoxLayout()
        for widget in (period_caption, self.period, self.bucket, self.run_button, self.map_button):
            top.addWidget(widget)
        top.addStretch(1)
        self.charts = ChartsArea(self.trend, (self.categories, self.hard))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.charts, 1)
        layout.addWidget(self.status)
        enter_presses(self, None)  # Enter in the period analyses it, nowhere else
        self._latest = LatestAnswer()
        self.period.returnPressed.connect(self.run)
        fit_to_screen(self, 1200, 800)

    def run(self) -> None:
        self.status.setText(self.tr("统计中…"))
        answer = self._latest.send()  # a year asked, then a month: the year landing last showed under the month
        self.tasks.submit(load, self.db, self.actor, self.period.text(), self.bucket.currentData(), self.under,
                          on_done=answer(self.show_data), on_error=answer(self._failed))

    def _failed(self, exc) -> None:
        self.status.setText("")
        dialogs.show_error(self, exc)

    def show_data(self, data: HotspotData) -> None:
        self.data = data
        starts, lines = data.counts.series()
        # Buckets not yet begun are not zero, they are unknown: the lines stop at today's bucket.
        today = beijing_today()
        reached = sum(1 for start in starts if start <= today)
        by_category = data.counts.by_category()
        self.trend.clear()
        for colour, category in zip(LINE_COLOURS, list(by_category)[:TOP_CATEGORIES]):
            self.trend.plot(list(range(reached)), lines[category][:reached], pen=pg.mkPen(colour, width=2),
                            symbol="o", symbolSize=5, symbolBrush=colour, name=label(category))
        self.trend.setXRange(0, max(len(starts) - 1, 1), padding=0.02)  # the whole period, reached or not
        step = max(1, len(starts) // 12)
        bucket = data.counts.bucket
        self.trend.getAxis("bottom").setTicks(
            [[(i, bucket_label(start, bucket)) for i, start in enumerate(starts)][::step]])
        self._bars(self.categories, [(label(c), n) for c, n in by_category.items()], "#1f77b4")
        self._bars(self.hard, [(label(kind), sum(data.hard[kind].values())) for kind in Hardness], "#d62728")
        self.charts.fit_charts()  # the axes are as wide as their names now
        if not data.counts.total:  # said on the charts themselves, not left as three blank frames
            for plot in (self.trend, self.categories, self.hard):
                note = pg.TextItem(self.tr("这段时间没有受理诉求"), color="#666", anchor=(0.5, 0.5))
                note.setFont(QFont(paths.FONT_FAMILY, 11))
                plot.addItem(note)
                note.setPos(*(sum(axis) / 2 for axis in plot.getViewBox().viewRange()))
        self.status.setText(self.tr("{0}:受理 {1} 件,涉及网格 {2} 个").format(
            period_label(data.counts.period), data.counts.total, len(data.heat)))

    def _bars(self, plot: pg.PlotWidget, values: list[tuple[str, int]], colour: str) -> None:
        """Horizontal bars, the first at the top, each named in full on the left axis (eleven
        category names side by side under vertical bars ran into one another)."""
        plot.clear()
        rows = [len(values) - 1 - i for i in range(len(values))]
        widths = [n for _, n in values]
        if any(widths):  # zero-width bars would be drawn as hairlines at the axis
            plot.addItem(pg.BarGraphItem(x0=0, y=rows, width=widths, height=0.7, brush=colour))
        if values:  # every name in view, even where no bar is drawn
            plot.setYRange(-0.5, len(values) - 0.5, padding=0.02)
        axis = plot.getAxis("left")
        axis.setTicks([[(row, name) for row, (name, _) in zip(rows, values)]])
        # As wide as the longest name: the axis sizes itself by its numbers, and had cut 法律法规规定的其他事项.
        metrics = QFontMetrics(axis.style["tickFont"] or axis.font())
        axis.setWidth(max((metrics.horizontalAdvance(name) for name, _ in values), default=0) + AXIS_TEXT_MARGIN)
        # As tall as its names one under the other: squeezed, they ran into one another.
        frame = plot.getPlotItem().effectiveSizeHint(Qt.SizeHint.MinimumSize).height()  # title and bottom axis
        plot.setMinimumHeight(max(CHART_MIN_HEIGHT, ceil(frame) + len(values) * (metrics.lineSpacing() + BAR_GAP)))

    def offer_picture(self, plot: pg.PlotWidget, name: str) -> None:
        """A chart's right-click menu: the chart as a picture, to the clipboard or to a file."""
        plot.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        copy, save = QAction(self.tr("复制图片"), plot), QAction(self.tr("导出图片…"), plot)
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setPixmap(plot.grab()))
        save.triggered.connect(lambda: self.save_picture(plot, name))
        plot.addActions([copy, save])

    def save_picture(self, plot: pg.PlotWidget, name: str) -> None:
        title = self.tr("导出图表图片")
        period = f" {self.data.counts.period.code}" if self.data else ""  # the period shown, not one typed since
        path = ask_save_path(self, title, f"{name}{period}.png", self.tr("PNG 图片 (*.png)"))
        if path and not plot.grab().save(path, "PNG"):
            dialogs.error(self, title, self.tr("无法写入 {0}").format(path))

    def _hard_clicked(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:  # the right button opens the chart's menu
            self.open_hard_cases_at(event.scenePos())

    def open_hard_cases_at(self, scene_position: QPointF) -> None:
        """The cases behind the bar of the hard problems clicked (its row, anywhere along it)."""
        if self.data is None:
            return
        row = round(self.hard.getPlotItem().getViewBox().mapSceneToView(scene_position).y())
        kinds = list(Hardness)
        if 0 <= row < len(kinds):
            HardCasesDialog(self, kinds[len(kinds) - 1 - row]).show()  # the first kind is the top bar

    def colour_map(self) -> None:
        if self.data is not None and self.map_view is not None:
            coloured = apply_heat(self.map_view, self.data.heat)
            self.status.setText(self.tr("已在地图上为 {0} 个网格着色(颜色越深诉求越多)").format(coloured))


def open_hotspots(window) -> None:
    dock = window.findChild(QDockWidget, "mapDock")
    view = dock.widget().view if dock is not None else None
    panel = HotspotsPanel(window.db, window.actor, window.tasks, under=window.current_place_code(), map_view=view,
                          parent=window)
    from ..cases.case_detail import open_case  # as the queue opens a case
    panel.case_chosen.connect(lambda case_id: open_case(window, case_id))
    panel.show()
    panel.run()
