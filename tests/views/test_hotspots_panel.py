"""The hotspots charts: the trend stops at today, months are named, the bars' categories are readable."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics

from demo_dates import demo_month
from desktop.i18n import label
from desktop.services import users
from desktop.models.enums import MatterCategory
from desktop.services.hotspots import Bucket, Hardness
from desktop.views.analytics import hotspots_panel
from desktop.views.analytics.hotspots_panel import HotspotsPanel

from .keyboard import describe, unnamed

QIAOGANG = "450503103000"


@pytest.fixture
def today(demo_db) -> date:
    """A day of the demo's history with days of its month still to come."""
    return demo_month(demo_db).starts_on.replace(day=27)


@pytest.fixture
def year(today) -> str:
    return str(today.year)


@pytest.fixture
def panel(qtbot, demo_db, tasks, cjk_font, monkeypatch, today):
    monkeypatch.setattr(hotspots_panel, "beijing_today", lambda: today)
    chief = users.login(demo_db, "qg_chief", "qiaogang-chief")
    panel = HotspotsPanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    return panel


def analyse(panel, period: str, bucket: Bucket) -> None:
    panel.period.setText(period)
    panel.bucket.setCurrentIndex(panel.bucket.findData(bucket))
    panel.run_button.click()


def ticks(plot, side: str) -> list[str]:
    return [text for _, text in plot.getAxis(side)._tickLevels[0]]


@pytest.mark.law("Art. 22")
def test_the_trend_stops_at_today_and_names_the_months(panel, today, year):
    analyse(panel, year, Bucket.MONTH)
    assert ticks(panel.trend, "bottom") == [f"{month}月" for month in range(1, 13)]
    lines = panel.trend.listDataItems()
    assert lines and all(list(line.xData) == list(range(today.month)) for line in lines)  # January to today's month
    analyse(panel, f"{today:%Y-%m}", Bucket.DAY)
    lines = panel.trend.listDataItems()
    assert lines and all(len(line.xData) == 27 for line in lines)  # the 28th to the month's end are still to come
    days = calendar.monthrange(today.year, today.month)[1]
    assert panel.trend.getViewBox().viewRange()[0][1] >= days - 1  # the axis still spans the whole month


def test_the_bars_name_every_category_in_full(panel, year):
    analyse(panel, year, Bucket.MONTH)
    by_category = panel.data.counts.by_category()
    assert len(by_category) > 5
    # Top to bottom, the busiest first: the highest row carries the first name.
    rows = sorted(panel.categories.getAxis("left")._tickLevels[0], key=lambda tick: -tick[0])
    assert [name for _, name in rows] == [label(category) for category in by_category]
    assert ticks(panel.hard, "left") == [label(kind) for kind in Hardness]  # "久拖未决(超过30天)", not "久拖未决"


@pytest.mark.law("Art. 22")
def test_a_bar_of_the_hard_problems_clicked_lists_the_cases_behind_it(panel, qtbot, year):
    from PySide6.QtCore import QPointF, Qt

    from desktop.views.analytics.hotspots_panel import HardCasesDialog

    panel.show()
    analyse(panel, year, Bucket.MONTH)
    qtbot.waitUntil(lambda: panel.hard.getPlotItem().getViewBox().viewRange()[1][1] > 1)
    counted = sum(panel.data.hard[Hardness.MULTI_DEPARTMENT].values())
    assert 0 < counted < hotspots_panel.HARD_CASES_LISTED
    row = len(Hardness) - 1 - list(Hardness).index(Hardness.MULTI_DEPARTMENT)  # the first kind is the top bar
    viewbox = panel.hard.getPlotItem().getViewBox()
    where = panel.hard.mapFromScene(viewbox.mapViewToScene(QPointF(counted / 2, row + 0.2)))
    qtbot.mouseClick(panel.hard.viewport(), Qt.MouseButton.LeftButton, pos=where)
    dialog = panel.findChild(HardCasesDialog)
    assert dialog is not None and label(Hardness.MULTI_DEPARTMENT) in dialog.windowTitle()
    assert dialog.table.rowCount() == counted and dialog.count.text() == f"共 {counted} 件"
    numbers = [dialog.table.item(r, 0).text() for r in range(counted)]
    assert all(n.startswith(f"450503103-{year}-") for n in numbers) and len(set(numbers)) == counted
    # A case opens at the desk from the list, by Enter (or a double-click) on its row.
    dialog.show()
    qtbot.waitExposed(dialog)
    assert [describe(w, dialog) for w in unnamed(dialog)] == []  # the list had no name to be read
    dialog.table.setCurrentCell(1, 0)
    with qtbot.waitSignal(panel.case_chosen) as chosen:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert chosen.args == [dialog.case_ids[1]]


def test_the_main_window_opens_a_case_chosen_in_the_hotspots(qtbot, demo_db, tasks, cjk_font, monkeypatch):
    from desktop.views.analytics.hotspots_panel import open_hotspots
    from desktop.views.cases import case_detail
    from desktop.views.main_window import MainWindow

    opened = []
    monkeypatch.setattr(case_detail, "open_case", lambda window, case_id: opened.append((window, case_id)))
    window = MainWindow(demo_db, users.login(demo_db, "qg_chief", "qiaogang-chief"), tasks)
    qtbot.addWidget(window)
    open_hotspots(window)
    panel = window.findChild(HotspotsPanel)
    panel.case_chosen.emit(7)
    assert opened == [(window, 7)]


def test_the_longest_category_name_has_room_beside_its_bar(panel, year):
    """The left axis had sized itself by its numbers and cut 法律法规规定的其他事项 at the window's edge."""
    from PySide6.QtGui import QFontMetrics

    analyse(panel, year, Bucket.MONTH)
    axis = panel.categories.getAxis("left")
    metrics = QFontMetrics(axis.style["tickFont"])
    longest = max(ticks(panel.categories, "left"), key=metrics.horizontalAdvance)
    assert axis.minimumWidth() >= metrics.horizontalAdvance(longest) + hotspots_panel.AXIS_TEXT_MARGIN
    assert axis.minimumWidth() >= metrics.horizontalAdvance(label(MatterCategory.OTHER_STATUTORY))


def test_a_township_without_requests_says_so_on_its_charts(qtbot, demo_db, tasks, cjk_font):
    """银滩镇 has no request in the demo: the charts had been three blank frames (and hairline bars)."""
    import pyqtgraph as pg

    chief = users.login(demo_db, "bh_admin", "beihai-admin")
    empty = HotspotsPanel(demo_db, chief, tasks, under="450503101000")
    qtbot.addWidget(empty)
    analyse(empty, "2026", Bucket.MONTH)
    assert empty.data.counts.total == 0
    for plot in (empty.trend, empty.categories, empty.hard):
        notes = [item for item in plot.getPlotItem().items if isinstance(item, pg.TextItem)]
        assert [note.textItem.toPlainText() for note in notes] == ["这段时间没有受理诉求"]
        assert not [item for item in plot.getPlotItem().items if isinstance(item, pg.BarGraphItem)]
    analyse(empty, "2026", Bucket.MONTH)  # again: one note each, not two
    assert len([i for i in empty.hard.getPlotItem().items if isinstance(i, pg.TextItem)]) == 1


def test_a_period_asked_before_the_last_does_not_replace_its_figures_landing_late(qtbot, demo_db, cjk_font):
    from .deferred import Deferred

    tasks = Deferred()
    panel = HotspotsPanel(demo_db, users.login(demo_db, "qg_chief", "qiaogang-chief"), tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    analyse(panel, "2026", Bucket.MONTH)
    analyse(panel, "2026-10", Bucket.DAY)
    tasks.run(1)
    shown = panel.data
    tasks.run(0)  # the year's, landing last
    assert panel.data is shown and panel.data.counts.period.code == "2026-10"


def _whole(plot) -> bool:
    """The plot drawn whole inside its widget (pyqtgraph draws one narrower than its title and axes past the edge)."""
    drawn = plot.getPlotItem().geometry()
    return drawn.width() <= plot.viewport().width() and drawn.height() <= plot.viewport().height()


def _in_view(panel, widget) -> bool:
    corner = widget.mapTo(panel, widget.rect().topLeft())
    return panel.rect().contains(corner) and panel.rect().contains(corner + widget.rect().bottomRight())


@pytest.mark.law("Art. 22")
def test_at_800_by_600_both_bar_charts_are_whole_side_by_side(panel, qtbot, year):
    """At 800 points wide the hard problems lost their right-hand side: their title and axis needed more
    than half the width, and pyqtgraph drew the plot past its widget's edge (the bar of 多部门办理 with it)."""
    panel.resize(800, 600)
    panel.show()
    qtbot.waitExposed(panel)
    analyse(panel, year, Bucket.MONTH)
    charts = (panel.trend, panel.categories, panel.hard)
    qtbot.waitUntil(lambda: all(_whole(plot) and _in_view(panel, plot) for plot in charts))  # laid out anew
    assert panel.categories.y() == panel.hard.y() and panel.categories.x() < panel.hard.x()  # side by side
    longest = max(sum(panel.data.hard[kind].values()) for kind in Hardness)
    assert panel.hard.getPlotItem().getViewBox().viewRange()[0][1] >= longest  # the longest bar in view


def test_narrower_the_bar_charts_stand_one_under_the_other_and_scroll(panel, qtbot, year):
    """Where the two do not fit side by side, each keeps its whole width one under the other, the charts
    scrolling rather than squeezing eleven names into one another."""
    panel.resize(640, 600)
    panel.show()
    qtbot.waitExposed(panel)
    analyse(panel, year, Bucket.MONTH)
    charts = (panel.trend, panel.categories, panel.hard)
    qtbot.waitUntil(lambda: panel.categories.x() == panel.hard.x() and all(_whole(plot) for plot in charts))
    assert not panel.charts.side_by_side and panel.categories.y() < panel.hard.y()
    assert panel.charts.verticalScrollBar().maximum() > 0 and panel.charts.horizontalScrollBar().maximum() == 0
    font = QFontMetrics(panel.categories.getAxis("left").style["tickFont"])
    names = len(panel.data.counts.by_category())
    assert panel.categories.getPlotItem().getViewBox().height() >= names * font.lineSpacing()


def test_at_a_large_size_the_charts_are_laid_out_as_ever(panel, qtbot, year):
    """The trend across the top, the two bar charts of equal width below it, all in view without scrolling."""
    panel.resize(1200, 800)
    panel.show()
    qtbot.waitExposed(panel)
    analyse(panel, year, Bucket.MONTH)
    qtbot.waitUntil(lambda: panel.charts.side_by_side and _whole(panel.hard))
    assert panel.categories.width() == panel.hard.width() and panel.trend.width() > 2 * panel.hard.width()
    # The two rows share the height: an odd pixel left over goes to one of them, as the layout pass lands.
    assert abs(panel.trend.height() - panel.hard.height()) <= 1
    assert panel.charts.verticalScrollBar().maximum() == panel.charts.horizontalScrollBar().maximum() == 0


def test_in_english_at_800_by_600_the_charts_never_scroll_sideways(translations, qtbot, demo_db, tasks, cjk_font,
                                                                   monkeypatch, today, year):
    """The English names are longer: the bar charts stand one under the other, each whole, rather than
    one wider than the window."""
    translations.install("en")
    monkeypatch.setattr(hotspots_panel, "beijing_today", lambda: today)
    panel = HotspotsPanel(demo_db, users.login(demo_db, "qg_chief", "qiaogang-chief"), tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.resize(800, 600)
    panel.show()
    qtbot.waitExposed(panel)
    analyse(panel, year, Bucket.MONTH)
    charts = (panel.trend, panel.categories, panel.hard)
    qtbot.waitUntil(lambda: all(_whole(plot) for plot in charts) and bool(panel.hard.getPlotItem().titleLabel.text))
    assert panel.hard.getPlotItem().titleLabel.text.startswith("Long-running")
    assert panel.charts.horizontalScrollBar().maximum() == 0
    assert all(plot.width() <= panel.charts.viewport().width() for plot in charts)


def _menus_shown() -> list[list[str]]:
    from PySide6.QtWidgets import QApplication, QMenu

    return [[action.text() for action in widget.actions()] for widget in QApplication.topLevelWidgets()
            if isinstance(widget, QMenu) and widget.isVisible()]


def test_a_right_click_on_a_chart_offers_its_own_menu_in_chinese_not_pyqtgraphs(panel, qtbot, year):
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    from desktop.views.analytics.hotspots_panel import HardCasesDialog

    panel.show()
    analyse(panel, year, Bucket.MONTH)
    offered: list[list[str]] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        offered.append([action.text() for action in menu.actions()] if menu else [])
        if menu:
            menu.close()

    for plot in (panel.trend, panel.categories, panel.hard):
        centre = plot.viewport().rect().center()
        # pyqtgraph's way to its menus: a right click handed to the view under the mouse.
        qtbot.mouseClick(plot.viewport(), Qt.MouseButton.RightButton, pos=centre)
        assert _menus_shown() == []  # no "View All", "X axis", "Mouse Mode", "Export..."
        QTimer.singleShot(0, read_and_close)
        QApplication.sendEvent(plot.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre,
                                                                  plot.viewport().mapToGlobal(centre)))
    assert offered == [["复制图片", "导出图片…"]] * 3
    assert panel.findChild(HardCasesDialog) is None  # the right button opens no list of cases


def test_a_chart_is_copied_and_saved_as_a_picture(panel, qtbot, year, monkeypatch, tmp_path):
    from PySide6.QtGui import QGuiApplication, QImage

    panel.show()
    analyse(panel, year, Bucket.MONTH)
    copy, save = panel.categories.actions()
    copy.trigger()
    assert QGuiApplication.clipboard().image().size() == panel.categories.size()
    asked = []
    monkeypatch.setattr(hotspots_panel, "ask_save_path", lambda parent, title, suggested, types: asked.append(
        suggested) or str(tmp_path / suggested))
    save.trigger()
    assert asked == [f"诉求数量 {year}.png"]
    assert QImage(str(tmp_path / asked[0])).size() == panel.categories.size()


def test_the_trend_names_its_lines_in_dark_text(panel, year):
    analyse(panel, year, Bucket.MONTH)
    legend = panel.trend.getPlotItem().legend
    assert len(legend.items) == hotspots_panel.TOP_CATEGORIES
    for _, name in legend.items:  # pyqtgraph's own grey (lightness 150) was hard to read on white
        assert pg.mkColor(name.opts["color"] or pg.getConfigOption("foreground")).lightness() < 60, name.text
