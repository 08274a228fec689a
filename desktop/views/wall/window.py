"""The wall window: header and clock, KPI tiles, map, live queue, emergencies, alarm takeover.

Everything is loaded through the task runner (never on the GUI thread); a refresh comes from
the live bus (this and other desktops' changes) and from a timer, and a refresh asked for
while one is running is folded into one more run afterwards. The month's three rates, by far
the slowest read, are loaded apart on a clock of their own (RATES_MS): a takeover and the counts
never wait for them.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedLayout,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...db import ON_THE_WALL, ConnectionLost, Database
from ...errors import GridDeskError
from ...i18n import enumeration, label, period_label, say
from ...models.enums import EmergencyState
from ...services import accounts, wall
from ...services.clock import BEIJING, beijing_text, due_text
from ...services.live import LiveState
from ...services.map_data import map_data
from ...services.queue import QueueFilter
from ...services.security import Actor
from ...tasks import logged_only
from ..bus import Bus
from ..countdown import WIDEST_SPAN, span_text
from ..map.view import MapView
from ..queue_model import COLUMNS, COUNTDOWN, PLACE, STATE, TITLE, QueueModel
from .alarm import AlarmOverlay
from .scale import ALERT, WARN, style_sheet, unit_for
from .tiles import KpiTile

REFRESH_MS = 30_000
# The month's three rates: month figures, recomputed once a minute however often cases change (each
# time they had been, a takeover waited seconds behind them), and shown with the time they were computed.
RATES_MS = 60_000
# Read from across the room: what and where, how late, how far along (numbers are for desks).
QUEUE_COLUMNS = (TITLE, PLACE, COUNTDOWN, STATE)
COUNTDOWN_LEAST_UNITS = 6  # body units of the queue's countdown column however short the countdowns shown
STATE_LEAST_UNITS = 6  # body units of the queue's state column however short the states shown
# Body units the queue's title keeps after its urgent mark, however long a countdown or a state: ten Chinese
# characters and the ellipsis. Eight units in all had shown "[Urgent] 片区突…" in English.
TITLE_LEAST_UNITS = 11
EVENT = 2  # the emergency table's event column: it takes the width the others leave
EVENT_LEAST_UNITS = 10  # body units of the title's width on one line before the rows take two


def cell_margins(table: QTableView) -> int:
    """What a cell's width holds besides its text: the item delegate's margin either side, the grid line, and
    2 pixels for the text's fractional advance (drawn on a width rounded down, a text as wide as it is elided)."""
    return 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + 1 + 2


def _narrowest(metrics: QFontMetrics, text: str, lines: int) -> int:
    """The least width in pixels at which `text` wraps onto at most `lines` lines (a word is never broken)."""
    # As tall as `lines` lines, give or take the font's rounding; a further line adds a whole line spacing.
    tallest = metrics.boundingRect(text).height() + (lines - 1) * metrics.lineSpacing() + metrics.lineSpacing() // 2

    def fits(width: int) -> bool:
        taken = metrics.boundingRect(QRect(0, 0, width, 1 << 20), Qt.TextFlag.TextWordWrap, text)
        return taken.width() <= width and taken.height() <= tallest

    whole = metrics.horizontalAdvance(text)
    low, high = whole // lines, whole
    while not fits(high):  # the whole advance is rounded: a line exactly that wide can still wrap its last word
        high += 1
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return high


def _percent(figure) -> str:
    return "—" if figure.rate is None else f"{100 * figure.rate:.1f}%"


class WallWindow(QWidget):
    dataShown = Signal()  # the first snapshot and the first rates are on screen (for --screenshot)
    failed = Signal(object)  # a refresh went wrong
    refreshed = Signal()  # a snapshot landed (the rates land on their own)

    def __init__(self, db: Database, actor: Actor, tasks, *, bus: Bus | None = None, under: str | None = None,
                 live: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self.bus = bus or Bus(self)
        self.under = under or wall.home_scope(actor)
        self.snapshot: wall.WallSnapshot | None = None
        self.rates: wall.MonthRates | None = None
        self._loading = self._again = self._rates_loading = False
        self._stopped = False  # the account was disabled or its roles changed: nothing more is fetched or shown
        self._shown_once = False
        self._unit = 0  # the body type size in pixels the style sheet was made for
        self.setWindowTitle(self.tr("网格指挥台 · 值班大屏"))

        self.title, self.clock, self.status = QLabel(), QLabel(), QLabel()
        self.title.setObjectName("wallTitle")
        self.clock.setObjectName("clock")
        self.status.setObjectName("status")
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        header.addWidget(self.clock)
        # A newer GridDesk upgraded the database: this wall no longer follows changes, and says so across the room.
        self.upgraded_note = QLabel()
        self.upgraded_note.setObjectName("upgradedNote")
        self.upgraded_note.setWordWrap(True)
        self.upgraded_note.hide()
        # Countdowns counted Monday–Friday in a year whose holidays nobody has entered (the desk's banner says it too).
        self.calendar_note = QLabel()
        self.calendar_note.setObjectName("calendarNote")
        self.calendar_note.setWordWrap(True)
        self.calendar_note.hide()

        # Cases today, open and overdue; Art. 21 rungs overdue; the month's three rates.
        self.tiles = [KpiTile(self) for _ in range(7)]
        tiles = QHBoxLayout()
        for tile in self.tiles:
            tiles.addWidget(tile, 1)

        self.map = MapView(self, tasks=tasks)
        self.queue_model = QueueModel(db, actor, tasks, page_size=50, parent=self)
        self.queue_model.set_filter(QueueFilter(under=self.under))
        self.queue = QTableView()
        self.queue.setModel(self.queue_model)
        for column in range(len(COLUMNS)):
            self.queue.setColumnHidden(column, column not in QUEUE_COLUMNS)
        self.emergencies = QTableWidget(0, 6)
        for table in (self.queue, self.emergencies):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            table.verticalHeader().hide()
            table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Its columns follow its width (_fit_emergencies); a heading may take two lines as its rows do.
        self.emergencies.viewport().installEventFilter(self)
        self.queue.viewport().installEventFilter(self)  # the countdown and the state follow it (_fit_queue_columns)
        self.emergencies.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter
                                                                | Qt.TextFlag.TextWordWrap)

        self.queue_title, self.emergency_title, self.map_title = QLabel(), QLabel(), QLabel()
        # Said instead of an empty table: still loading, or nothing to show.
        self.queue_empty, self.emergencies_empty = QLabel(), QLabel()
        self._queue_loaded = False  # a refresh of the queue has landed
        self.queue_model.refreshed.connect(self._queue_landed)
        self.queue_model.modelReset.connect(self._show_queue_state)
        self.queue_model.dataChanged.connect(lambda *_: self._fit_queue_columns())  # 督办超期 on the countdown's tick
        self.emergencies_more = QLabel()  # 另有 N 条: reports the panel has no room for
        self.emergencies_more.setObjectName("note")
        self.emergencies_more.hide()
        body = QGridLayout()
        body.addWidget(self._panel(self.map_title, self.map), 0, 0, 2, 1)
        self.queue_rows = WholeRows(self.queue, self)
        body.addWidget(self._panel(self.queue_title, self._or_empty(self.queue_rows, self.queue_empty)), 0, 1)
        body.addWidget(self._panel(self.emergency_title, self._or_empty(self.emergencies, self.emergencies_empty),
                                   self.emergencies_more), 1, 1)
        # The queue, which the supervisor reads, takes three fifths of the body, the map, which shows where, two:
        # as wide as the map the titles had been cut after eight characters on a 1920-pixel wall, and at 11:9,
        # in English (its countdowns and states the wider), after three.
        body.setColumnStretch(0, 2)
        body.setColumnStretch(1, 3)
        body.setRowStretch(0, 3)
        body.setRowStretch(1, 2)

        # Everything shown of cases and reports, on a page of its own: a wall stopped shows only why (_stop).
        self.board = QWidget(self)
        layout = QVBoxLayout(self.board)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.upgraded_note)
        layout.addWidget(self.calendar_note)
        layout.addLayout(tiles)
        layout.addLayout(body, 1)
        self.stopped_note = QLabel()
        self.stopped_note.setObjectName("stoppedNote")
        self.stopped_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stopped_note.setWordWrap(True)
        self.pages = QStackedLayout()
        self.pages.addWidget(self.board)
        self.pages.addWidget(self.stopped_note)
        QVBoxLayout(self).addLayout(self.pages)

        self.alarm = AlarmOverlay(self)
        self.alarm.acknowledgeRequested.connect(self._acknowledge)

        self._clock_timer = QTimer(self, interval=1000, timeout=self._tick)
        self._clock_timer.start()
        self._refresh_timer = QTimer(self, interval=REFRESH_MS, timeout=self.refresh)
        self._refresh_timer.start()
        self._rates_timer = QTimer(self, interval=RATES_MS, timeout=self.refresh_rates)
        self._rates_timer.start()
        self.bus.changed.connect(self._changed)
        self.bridge = None
        if live:
            from ..live_bridge import LiveBridge

            self.bridge = LiveBridge(db, self.bus, self)
            self.bridge.stateChanged.connect(self._show_live_state)
            self.installEventFilter(self.bridge)
            self.bridge.start()
        self.retranslate()
        self.resize(1920, 1080)
        self._tick()
        self.refresh()
        self.refresh_rates()
        self.reload_map()

    def _panel(self, title: QLabel, content: QWidget, *below: QWidget) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName("panel")
        title.setObjectName("sectionTitle")
        box = QVBoxLayout(frame)
        box.addWidget(title)
        box.addWidget(content, 1)
        for widget in below:
            box.addWidget(widget)
        return frame

    def _or_empty(self, table: QWidget, empty: QLabel) -> QWidget:
        """The table, or in its place what is said while it has no rows."""
        holder = QWidget(self)
        stack = QStackedLayout(holder)
        empty.setObjectName("empty")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        stack.addWidget(table)
        stack.addWidget(empty)
        return holder

    @staticmethod
    def _empty_or_table(table: QWidget, empty: QLabel, text: str) -> None:
        empty.setText(text)
        empty.parentWidget().layout().setCurrentWidget(empty if text else table)

    def _queue_landed(self) -> None:
        self._queue_loaded = True
        self._show_queue_state()

    def _fit_queue_columns(self) -> None:
        """The countdown column as wide as the widest countdown of WIDEST_SPAN in the wall's language, or a longer
        text shown (why a clock does not run); the state column as its longest text shown: in English
        "Sign-for 17 h overdue", which 9 units had cut to "Sign-for 17 h …", and "Handling · General supervision",
        which a fixed width had cut ("办理中 · 一般督办 · 督办超期"); each at least its least units, and leaving
        the title its urgent mark and TITLE_LEAST_UNITS (it elides). Measured over the first page, which the wall
        (never scrolled) holds whole: a few dozen texts, and no page fetched for it."""
        unit = self._unit or unit_for(self.height())
        room = self.queue.viewport().width() - self.queue.columnWidth(PLACE) - self.least_title_width(unit)
        countdowns = self._queue_texts(COUNTDOWN) + self.queue_model.countdown_forms(span_text(WIDEST_SPAN))
        countdown = self._fit_queue_column(COUNTDOWN, countdowns, unit * COUNTDOWN_LEAST_UNITS,
                                           room - unit * STATE_LEAST_UNITS)
        self._fit_queue_column(STATE, self._queue_texts(STATE), unit * STATE_LEAST_UNITS, room - countdown)

    def least_title_width(self, unit: int) -> int:
        """The queue's title column at its narrowest: the urgent mark, then TITLE_LEAST_UNITS of the title."""
        return (self.queue.fontMetrics().horizontalAdvance(self.queue_model.urgent_mark()) + unit * TITLE_LEAST_UNITS
                + cell_margins(self.queue))

    def _queue_texts(self, column: int) -> list[str]:
        """The texts of the queue's `column` on the first page."""
        shown = min(self.queue_model.rowCount(), self.queue_model.page_size)
        return [self.queue_model.index(row, column).data() or "" for row in range(shown)]

    def _fit_queue_column(self, column: int, texts: list[str], least: int, most: int) -> int:
        """The queue's `column` as wide as the widest of `texts`, at most `most` and at least `least`."""
        metrics = self.queue.fontMetrics()
        widest = max(map(metrics.horizontalAdvance, texts), default=0) + cell_margins(self.queue)
        width = max(least, min(widest, most))
        self.queue.setColumnWidth(column, width)
        return width

    def _show_queue_state(self) -> None:
        self._fit_queue_columns()
        if self.queue_model.rowCount():
            text = ""
        else:
            text = self.tr("无在办诉求") if self._queue_loaded else self.tr("载入中…")
        self._empty_or_table(self.queue_rows, self.queue_empty, text)

    def retranslate(self) -> None:
        self.queue_title.setText(self.tr("实时诉求队列(超期优先)"))
        self.emergency_title.setText(self.tr("紧急情况报告(超时优先)"))
        self.map_title.setText(self.tr("在办诉求分布(红色为超期)"))
        # What a screen reader says for the two lists, whose titles are above them.
        self.queue.setAccessibleName(self.tr("实时诉求队列"))
        self.emergencies.setAccessibleName(self.tr("紧急情况报告"))
        self.emergencies.setHorizontalHeaderLabels(
            [self.tr("获知时间"), self.tr("级别"), self.tr("事件"), self.tr("状态"), self.tr("报告进度"), self.tr("确认")])
        self.alarm.retranslate()
        self._show()
        self._show_rates()

    # --- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load a new snapshot off the GUI thread (one at a time; a request meanwhile runs next)."""
        if self._stopped:  # an acknowledgement answered after the wall stopped
            return
        if self._loading:
            self._again = True
            return
        self._loading = True
        self.tasks.submit(wall.snapshot, self.db, self.actor, under=self.under,
                          on_done=self._landed, on_error=self._snapshot_failed)
        self.queue_model.refresh()

    def refresh_rates(self) -> None:
        """Recompute the month's three rates off the GUI thread (one at a time; a tick meanwhile is skipped)."""
        if self._rates_loading:
            return
        self._rates_loading = True
        self.tasks.submit(wall.month_rates, self.db, self.actor, under=self.under,
                          on_done=self._rates_landed, on_error=self._rates_failed)

    def reload_map(self) -> None:
        self.tasks.submit(map_data, self.db, self.actor, self.under, on_done=self.map.set_data, on_error=self._failed)

    def _changed(self, topic: str) -> None:
        if topic in ("cases", "emergencies", "calendar"):
            self.refresh()
        if topic in ("cases", "places"):
            self.reload_map()
        # A wall of its own (griddesk --wall); one opened from a desk is closed by the desk.
        if topic == "users" and self.parent() is None:
            self.tasks.submit(accounts.session_problem, self.db, self.actor, on_done=self._account_checked,
                              on_error=logged_only)

    def _show_live_state(self, text: str) -> None:
        """The live updates' state in the header; a database a newer GridDesk upgraded in a banner under it."""
        upgraded = self.bridge.state is LiveState.UPGRADED
        self.status.setText("" if upgraded else text)
        self.upgraded_note.setText(text)
        self.upgraded_note.setVisible(upgraded)

    def _account_checked(self, problem: str | None) -> None:
        """A wall whose account was disabled or whose roles changed stops at once (Art. 15)."""
        if problem:
            self._stop(problem)

    def _stop(self, problem: str) -> None:
        """Fetch nothing more and show no case, report or name: only why, in large type across the room. A message
        box waiting for a click had left the wall refreshing its cases behind it for hours, nobody at its keyboard."""
        self._stopped = True
        self._refresh_timer.stop()
        self._rates_timer.stop()
        self.bus.changed.disconnect(self._changed)
        if self.bridge is not None:
            self.bridge.stop()
        self.snapshot, self.rates = None, None
        self.alarm.hide()
        self.stopped_note.setText(self.tr("{0}\n本值班大屏已停止刷新,不再显示诉求和紧急情况(《条例》第十五条)").format(say(problem)))
        self.pages.setCurrentWidget(self.stopped_note)

    def _landed(self, snapshot: wall.WallSnapshot) -> None:
        if self._stopped:  # asked for before the wall stopped
            return
        self.snapshot = snapshot
        self._finish()
        self._show()
        self.refreshed.emit()
        self._first_shown()

    def _rates_landed(self, rates: wall.MonthRates) -> None:
        self._rates_loading = False
        if not self._stopped:
            self.rates = rates
            self._show_rates()
            self._first_shown()

    def _first_shown(self) -> None:
        if not self._shown_once and self.snapshot is not None and self.rates is not None:
            self._shown_once = True
            self.dataShown.emit()

    def _snapshot_failed(self, exc: BaseException) -> None:
        self._finish()
        self._failed(exc)

    def _rates_failed(self, exc: BaseException) -> None:
        """The rates shown stay, with the time they were computed; the header says why they are not newer."""
        self._rates_loading = False
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConnectionLost):  # worded for the desk's status bar and F5, which the wall has not
            exc = exc.with_next_step(ON_THE_WALL)
        self.status.setText(say(exc.message) if isinstance(exc, GridDeskError) else str(exc))
        self.failed.emit(exc)

    def _finish(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.refresh()

    # --- showing ----------------------------------------------------------------------------
    def _tick(self) -> None:
        self.clock.setText(datetime.now(BEIJING).strftime("%Y-%m-%d %H:%M:%S"))

    def _show(self) -> None:
        s = self.snapshot
        self._show_queue_state()
        if s is None:
            self.title.setText(self.tr("网格指挥台 · 值班大屏(载入中…)"))
            self._empty_or_table(self.emergencies, self.emergencies_empty, self.tr("载入中…"))
            return
        if s.department_name:
            self.title.setText(self.tr("网格指挥台 · {0} 值班大屏 · {1}承办的诉求").format(s.scope_name,
                                                                                   s.department_name))
        else:
            self.title.setText(self.tr("网格指挥台 · {0} 值班大屏").format(s.scope_name))
        self.calendar_note.setText(self.tr("%1 年的法定节假日和调休安排程序未内置也未录入:期限跨入该年的倒计时暂按周一至周五计算,"
                                           "可能不准;请市级管理员在“工作日历”中录入").replace("%1", enumeration(s.unknown_years)))
        self.calendar_note.setVisible(bool(s.unknown_years))
        k = s.kpis
        self.tiles[0].show_figure(self.tr("今日受理"), f"{k.received_today:,}")
        self.tiles[1].show_figure(self.tr("在办诉求"), f"{k.open:,}")
        self.tiles[2].show_figure(self.tr("超期诉求"), f"{k.overdue:,}", alert=k.overdue > 0)
        self.tiles[3].show_figure(self.tr("紧急报告超时环节"), f"{k.emergency_steps_overdue:,}",
                                  self.tr("{0} 件报告(第二十一条)").format(k.emergencies_overdue) if k.emergencies_overdue
                                  else self.tr("第二十一条报告进度"), alert=k.emergency_steps_overdue > 0)
        self._show_emergencies(s)
        self._fit_emergencies()
        if s.alarm is not None:
            self.alarm.show_report(s.alarm, s.alarms_waiting, s.at)
        else:
            self.alarm.hide()
            self.alarm.report = None

    def _show_rates(self) -> None:
        """The month's rates, each with its month and count, and when they were computed: they may be a minute old."""
        r = self.rates
        for n, (tile, caption) in enumerate(zip(self.tiles[4:], (self.tr("响应率"), self.tr("解决率"),
                                                                  self.tr("满意率")))):
            if r is None:
                tile.show_figure(caption, "—", self.tr("载入中…"))
                continue
            figure = r.rates[n]
            tile.show_figure(self.tr("{0}(截至 {1})").format(caption, beijing_text(r.at, "%H:%M")), _percent(figure),
                             self.tr("{0} · {1}/{2}").format(period_label(r.period), figure.numerator,
                                                               figure.denominator))

    def _fit_emergencies(self) -> None:
        """Every column as wide as its text and the event (its title) taking the rest, so that the whole table
        stays on the panel: where the title would keep less than EVENT_LEAST_UNITS, the widest texts wrap onto
        two lines (the English ladder, 续报 to the county and the city by when, had pushed 确认 off the wall).
        The table is then as tall as its rows, however many lines they take."""
        table, header = self.emergencies, self.emergencies.horizontalHeader()
        unit = self._unit or unit_for(self.height())
        metrics = table.fontMetrics()
        others = [column for column in range(table.columnCount()) if column != EVENT]
        margins = cell_margins(table)

        def width(column: int, lines: int) -> int:
            cells = max((_narrowest(metrics, table.item(row, column).text(), lines)
                         for row in range(table.rowCount())), default=0)
            # The header pads its text with the style sheet's padding (a quarter unit a side) and its own margins.
            return max(cells + margins, _narrowest(metrics, table.horizontalHeaderItem(column).text(), lines) + unit)

        room, least = table.viewport().width(), EVENT_LEAST_UNITS * unit
        widths = {column: width(column, 1) for column in others}
        narrower = {column: width(column, 2) for column in others}
        lines = 1

        def title_has_room() -> bool:  # its text on its lines, or EVENT_LEAST_UNITS of it
            return room - sum(widths.values()) >= min(width(EVENT, lines), least)

        # Until then the column that gains most by taking two lines takes them (and so do the rows, the
        # title's too); what needs no wrapping keeps its line.
        for column in sorted(others, key=lambda c: narrower[c] - widths[c]):
            if title_has_room():
                break
            widths[column], lines = narrower[column], 2
        if not title_has_room():  # even so: every column gives way in proportion (and elides)
            share = max(0, room - min(width(EVENT, lines), least)) / sum(widths.values())
            widths = {column: int(w * share) for column, w in widths.items()}
        for column, w in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            table.setColumnWidth(column, w)
        header.setSectionResizeMode(EVENT, QHeaderView.ResizeMode.Stretch)
        padding = int(unit * 1.9) - metrics.lineSpacing()  # a one-line row is 1.9 units, as the queue's
        header.setFixedHeight(lines * metrics.lineSpacing() + unit // 2 * 2)
        table.verticalHeader().setDefaultSectionSize(lines * metrics.lineSpacing() + padding)
        table.setMinimumHeight(header.height() + table.rowCount() * table.verticalHeader().defaultSectionSize()
                               + 2 * table.frameWidth())

    def _show_emergencies(self, s: wall.WallSnapshot) -> None:
        more = ""
        if s.emergencies_not_shown:
            more = self.tr("另有 {0} 条未显示").format(s.emergencies_not_shown)
            if s.emergencies_not_shown_overdue:
                more += self.tr("(其中 {0} 条有超时环节)").format(s.emergencies_not_shown_overdue)
        self.emergencies_more.setText(more)
        self.emergencies_more.setStyleSheet(f"color: {ALERT};" if s.emergencies_not_shown_overdue else "")
        self.emergencies_more.setVisible(bool(more))
        self._empty_or_table(self.emergencies, self.emergencies_empty, "" if s.emergencies else self.tr(
            "无紧急情况报告(未结束的及近 {0} 日的)").format(wall.RECENT_EMERGENCY_DAYS))
        self.emergencies.setRowCount(len(s.emergencies))
        for row, report in enumerate(s.emergencies):
            acknowledged = report.acknowledged_at is not None
            overdue = report.overdue_steps(s.at)
            cells = [report.learned_at.astimezone(BEIJING).strftime("%m-%d %H:%M"), label(report.level),
                     report.title, label(report.state), self._ladder_text(report, overdue, s.at),
                     self.tr("已确认") if acknowledged else self.tr("待确认")]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not acknowledged or overdue:
                    item.setForeground(QColor(ALERT))
                elif report.state is EmergencyState.OPEN:
                    item.setForeground(QColor(WARN))
                self.emergencies.setItem(row, column, item)

    def _ladder_text(self, report, overdue, now) -> str:
        """What the Art. 21 ladder owes: rungs overdue, else the next one — which report, to which
        levels, by when (续报·县(区)、市 11-28 02:26)."""
        if overdue:  # each follow-up round fallen due while one is owed counts (EmergencyInfo.overdue_count)
            return self.tr("超时 {0} 项").format(report.overdue_count(now))
        owed = report.next_owed()
        if not owed:
            return "—"
        return self.tr("{0}·{1} {2}").format(label(owed[0].kind), enumeration(label(s.to_level) for s in owed),
                                             due_text(owed[0].due_at, "%m-%d"))

    def resizeEvent(self, event) -> None:
        unit = unit_for(self.height())
        if unit != self._unit:
            # Restyled only when the type size changes: a style sheet set on every resize event
            # re-polishes every child while the resize is still being delivered.
            self._unit = unit
            self.setStyleSheet(style_sheet(unit))
            self.alarm.scale(unit)
            self.map.set_text_size(unit)
            self.queue.verticalHeader().setDefaultSectionSize(int(unit * 1.9))
            self.queue_rows.fit()
            # A fixed width in body units: the place holds a grid's name of ten characters whole
            # (亚平近岸水产养殖海域; 8 units had cut even 侨南社区第5网格).
            self.queue.setColumnWidth(PLACE, unit * 10 + cell_margins(self.queue))
            self.queue.horizontalHeader().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
            self._fit_queue_columns()
            self._fit_emergencies()
        self.alarm.resize(self.size())
        super().resizeEvent(event)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.emergencies.viewport():
                self._fit_emergencies()
            elif watched is self.queue.viewport():
                self._fit_queue_columns()
        return super().eventFilter(watched, event)

    # --- acknowledging the alarm ----------------------------------------------------------
    def _acknowledge(self, username: str, password: str, report_id: int) -> None:
        self.tasks.submit(wall.acknowledge_as, self.db, username, password, report_id,
                          on_done=lambda _info: self.refresh(),
                          on_error=lambda exc: self.alarm.show_error(
                              say(exc.message) if isinstance(exc, GridDeskError) else str(exc)))

    def closeEvent(self, event) -> None:
        if self.bridge is not None:
            self.bridge.stop()
        super().closeEvent(event)


class WholeRows(QWidget):
    """Holds a table no taller than the whole rows that fit, with its header: the room left under them stays
    blank. The wall's queue, never scrolled, was seldom a whole number of rows high, and drew its last row cut
    through the text."""

    def __init__(self, table: QTableView, parent: QWidget):
        super().__init__(parent)
        table.setParent(self)
        self.table = table

    def resizeEvent(self, event) -> None:
        self.fit()
        super().resizeEvent(event)

    def fit(self) -> None:
        table = self.table
        row = table.verticalHeader().defaultSectionSize()
        chrome = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        rows = max(1, (self.height() - chrome) // row)
        table.setGeometry(0, 0, self.width(), min(self.height(), chrome + rows * row))


def open_wall(window) -> None:
    """Menu 视图 → 值班大屏: the wall display full screen for the signed-in user's scope; the one
    already up is brought forward. Closed, it is let go with its timers and its hold on the bus."""
    wall = next((w for w in window.findChildren(WallWindow) if w.isVisible()), None)
    if wall is None:
        wall = WallWindow(window.db, window.actor, window.tasks, bus=window.bus, live=False)
        wall.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wall.setParent(window, wall.windowFlags() | Qt.WindowType.Window)
    wall.showFullScreen()
    wall.raise_()
    wall.activateWindow()
