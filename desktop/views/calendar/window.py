"""The 工作日历 window: a year's days off and make-up workdays and where they come from (the
bundled State Council schedule, entered here, or not known); admins add or remove a day of an
unpublished year or import a CSV, and are told how many open deadlines were recounted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...errors import GridDeskError, ValidationFailed
from ...i18n import enumeration, label
from ...models.enums import DayKind
from ...services import calendar_admin
from ...services.calendar_admin import DayEntry, EnterResult, YearCalendar, YearStatus
from ...services.clock import BEIJING
from ...services.security import Permission
from .. import dialogs
from ..retranslating import Retranslating
from ..rows_model import RowsModel, rows_table

FIRST_YEAR, LAST_YEAR = 2004, 2099  # the bundled schedule starts in 2004
ERROR_STYLE = "color: #c62828"
_WEEKDAYS = (QT_TRANSLATE_NOOP("DaysModel", "周一"), QT_TRANSLATE_NOOP("DaysModel", "周二"),
             QT_TRANSLATE_NOOP("DaysModel", "周三"), QT_TRANSLATE_NOOP("DaysModel", "周四"),
             QT_TRANSLATE_NOOP("DaysModel", "周五"), QT_TRANSLATE_NOOP("DaysModel", "周六"),
             QT_TRANSLATE_NOOP("DaysModel", "周日"))


def ask_csv_path(parent: QWidget) -> str | None:
    """The CSV to import (a function of its own so that tests can answer it)."""
    path, _ = QFileDialog.getOpenFileName(parent, parent.tr("选择节假日安排文件"), "",
                                          parent.tr("CSV 文件 (*.csv);;所有文件 (*)"))
    return path or None


class DaysModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("DaysModel", "日期"), QT_TRANSLATE_NOOP("DaysModel", "星期"),
               QT_TRANSLATE_NOOP("DaysModel", "类别"), QT_TRANSLATE_NOOP("DaysModel", "名称")]

    def cells(self, entry: DayEntry) -> list:
        return [entry.day.isoformat(), self.tr(_WEEKDAYS[entry.day.weekday()]), label(entry.kind), entry.name]


class DayForm(QDialog):
    """One day of `year`: the date, a day off or a make-up workday, and the holiday's name."""

    def __init__(self, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("录入一天"))
        self.day = QDateEdit(QDate(year, 1, 1))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        for kind in DayKind:
            self.kind.addItem(label(kind), kind.value)  # Qt hands str enums back as plain str
        self.name = QLineEdit()
        self.name.setMaxLength(40)
        self.name.setPlaceholderText(self.tr("如:春节"))
        form = QFormLayout(self)
        form.addRow(self.tr("日期"), self.day)
        form.addRow(self.tr("类别"), self.kind)
        form.addRow(self.tr("名称"), self.name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def entry(self) -> DayEntry:
        qdate = self.day.date()
        return DayEntry(date(qdate.year(), qdate.month(), qdate.day()), DayKind(self.kind.currentData()),
                        self.name.text().strip())


class CalendarWindow(Retranslating, QDialog):
    """Non-modal; `window` offers db, actor, tasks and bus (see views/menus.py)."""

    def __init__(self, window, year: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_ = window
        self.db, self.actor, self.tasks = window.db, window.actor, window.tasks
        self.manages = self.actor.can(Permission.MANAGE_CALENDAR)  # the services check it again
        self.read_only_note = QLabel()
        self.read_only_note.setVisible(not self.manages)
        self.shown: YearCalendar | None = None
        self.saving = False
        self.year_label = QLabel()
        self.year_box = QSpinBox()
        self.year_box.setRange(FIRST_YEAR, LAST_YEAR)
        self.year_box.setValue(year or calendar_admin.year_to_enter(datetime.now(BEIJING).date()))
        self.year_box.valueChanged.connect(self.reload)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.days_model = DaysModel(self)
        self.days_view = rows_table(self.days_model)
        self.days_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button, self.remove_button, self.import_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_day)
        self.remove_button.clicked.connect(self.remove_day)
        self.import_button.clicked.connect(self.import_csv)
        self.report = QLabel()  # the outcome of the last change, or why it was refused
        self.report.setWordWrap(True)
        self.problems = QPlainTextEdit()  # each bad row or field the service named
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        self.problems.hide()
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year_box)
        top.addWidget(self.status, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.read_only_note)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.days_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.report)
        layout.addWidget(self.problems)
        self.resize(640, 560)
        window.bus.changed.connect(self._changed)
        self.retranslate()
        self._update_buttons()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("工作日历"))
        self.year_label.setText(self.tr("年份"))
        self.add_button.setText(self.tr("录入一天…"))
        self.remove_button.setText(self.tr("删除所选日期"))
        self.import_button.setText(self.tr("导入 CSV…"))
        self.import_button.setToolTip(self.tr("每行:日期,类别,名称,如 2027-02-06,调休上班,春节调休;"
                                              "类别为 holiday/法定节假日 或 workday/调休上班。"
                                              "导入的年份原有录入将被整体替换。"))
        self.read_only_note.setText(self.tr("只有管理员可以录入、删除或导入节假日安排"))
        self._show_status()

    def _show_status(self) -> None:
        shown = self.shown
        if shown is None:
            self.status.clear()
            return
        self.status.setText(self.tr("%1 年:%2").replace("%1", str(shown.year)).replace("%2", label(shown.status)))
        self.status.setStyleSheet(ERROR_STYLE if shown.status is YearStatus.UNKNOWN else "")

    def _update_buttons(self) -> None:
        editable = (self.manages and not self.saving and self.shown is not None
                    and self.shown.status is not YearStatus.PUBLISHED)
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and self.selected_day() is not None)
        self.import_button.setEnabled(self.manages and not self.saving)

    def selected_day(self) -> date | None:
        rows = self.days_view.selectionModel().selectedRows()
        return self.days_model.rows[rows[0].row()].day if rows else None

    def _changed(self, topic: str) -> None:
        if topic == "calendar":
            self.reload()

    def reload(self) -> None:
        self.tasks.submit(calendar_admin.year_calendar, self.db, self.year_box.value(), on_done=self._loaded,
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def _loaded(self, calendar: YearCalendar) -> None:
        if calendar.year != self.year_box.value():
            return  # the user has moved on to another year
        self.shown = calendar
        self.days_model.set_rows(calendar.days)
        self.days_view.resizeColumnsToContents()
        self._show_status()
        self._update_buttons()

    # --- changes -------------------------------------------------------------------------------
    def add_day(self) -> None:
        form = DayForm(self.year_box.value(), self)
        if form.exec() == QDialog.DialogCode.Accepted:
            entry = form.entry()
            done = self.tr("已录入 %1 %2。").replace("%1", entry.day.isoformat()).replace("%2", label(entry.kind))
            self._save(lambda _: done, calendar_admin.add_day, self.db, self.actor, entry)

    def remove_day(self) -> None:
        day = self.selected_day()
        if day is None or not dialogs.confirm(self, self.tr("删除日期"), self.tr(
                "删除 %1?该日将按平常的周一至周五计算,未办结期限随之重算。").replace("%1", day.isoformat())):
            return
        done = self.tr("已删除 %1。").replace("%1", day.isoformat())
        self._save(lambda _: done, calendar_admin.remove_day, self.db, self.actor, day)

    def import_csv(self) -> None:
        path = ask_csv_path(self)
        if path:
            self._save(self._imported, calendar_admin.import_csv, self.db, self.actor, path)

    def _imported(self, result: EnterResult) -> str:
        return (self.tr("已导入 %1 年节假日安排 %2 天(该年原有录入已替换)。")
                .replace("%1", enumeration(result.years)).replace("%2", str(result.days)))

    def _save(self, done: Callable[[EnterResult], str], fn, *args) -> None:
        """Run one change of the calendar; the service recounts the open deadlines."""
        self.saving = True
        self._update_buttons()
        self._report(self.tr("正在保存并重算未办结案件的期限…"))
        self.tasks.submit(fn, *args, on_done=lambda result: self._saved(done, result), on_error=self._failed)

    def _saved(self, done: Callable[[EnterResult], str], result: EnterResult) -> None:
        self.saving = False
        self._update_buttons()
        self._report(done(result) + self.tr("重算了 %1 项未办结案件的期限。").replace("%1", str(result.recomputed)))
        if self.year_box.value() not in result.years:
            self.year_box.blockSignals(True)  # the bus's "calendar" below loads it
            self.year_box.setValue(result.years[0])
            self.year_box.blockSignals(False)
        self.window_.bus.changed.emit("calendar")
        self.window_.bus.changed.emit("cases")  # deadlines moved: queues and counts refresh

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self._update_buttons()
        if not isinstance(exc, GridDeskError):
            self._report("")
            dialogs.show_error(self, exc)
            return
        self._report(exc.message, exc.problems if isinstance(exc, ValidationFailed) else (), error=True)

    def _report(self, text: str, problems=(), *, error: bool = False) -> None:
        self.report.setText(text)
        self.report.setStyleSheet(ERROR_STYLE if error else "")
        self.problems.setPlainText("\n".join(problems))
        self.problems.setVisible(bool(problems))
