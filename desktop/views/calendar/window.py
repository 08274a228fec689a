"""The 工作日历 window: a year's days off and make-up workdays and where they come from (the
bundled State Council schedule, entered here, or not known), with the region's own days
(壮族三月三); a city administrator (the calendar is the whole city's) enters a year not known
yet as a whole (typed in rows, or a CSV imported), then adds or removes single days of it, adds
or removes a regional day in any year, and is told how many deadlines were recounted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...errors import GridDeskError, ValidationFailed
from ...i18n import enumeration, label
from ...models.enums import DayKind
from ...services import calendar_admin
from ...services.calendar_admin import DayEntry, EnterResult, YearCalendar, YearStatus
from ...services.clock import beijing_today
from .. import beijing_time, dialogs
from ..retranslating import Retranslating
from ..rows_model import RowsModel, rows_table
from ..form_buttons import enter_presses
from ..screen_fit import fit_to_screen
from ..unsaved import AsksBeforeDiscarding

FIRST_YEAR, LAST_YEAR = 2004, 2099  # the bundled schedule starts in 2004
ERROR_STYLE = "color: #c62828"
_WEEKDAYS = (QT_TRANSLATE_NOOP("DaysModel", "周一"), QT_TRANSLATE_NOOP("DaysModel", "周二"),
             QT_TRANSLATE_NOOP("DaysModel", "周三"), QT_TRANSLATE_NOOP("DaysModel", "周四"),
             QT_TRANSLATE_NOOP("DaysModel", "周五"), QT_TRANSLATE_NOOP("DaysModel", "周六"),
             QT_TRANSLATE_NOOP("DaysModel", "周日"))


def ask_csv_path(parent: QWidget) -> str | None:
    """The CSV to import (a function of its own so that tests can answer it)."""
    path, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("CalendarWindow", "选择节假日安排文件"), "",
                                          QCoreApplication.translate("CalendarWindow", "CSV 文件 (*.csv);;所有文件 (*)"))
    return path or None


class DaysModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("DaysModel", "日期"), QT_TRANSLATE_NOOP("DaysModel", "星期"),
               QT_TRANSLATE_NOOP("DaysModel", "类别"), QT_TRANSLATE_NOOP("DaysModel", "名称"),
               QT_TRANSLATE_NOOP("DaysModel", "适用")]

    def cells(self, entry: DayEntry) -> list:
        return [entry.day.isoformat(), self.tr(_WEEKDAYS[entry.day.weekday()]), label(entry.kind), entry.name,
                self.tr("广西地方") if entry.regional else self._national(entry)]

    def _national(self, entry: DayEntry) -> str:
        if entry.schedule_year:  # a day of the next year's schedule, over the published one of its year
            return self.tr("全国(%1 年安排)").replace("%1", str(entry.schedule_year))
        return self.tr("全国")


def _day_edit(day: date, year: int) -> QDateEdit:
    """A date of `year`'s schedule only — the year, and the December before when its schedule may put
    days there (calendar_admin.first_day_to_enter): what is entered replaces or extends the shown year."""
    edit = beijing_time.date_field(beijing_time.as_qdate(day))
    edit.setDateRange(QDate(calendar_admin.first_day_to_enter(year)), QDate(year, 12, 31))
    return edit


def _kind_box(kind: DayKind) -> QComboBox:
    box = QComboBox()
    for member in DayKind:
        box.addItem(label(member), member.value)  # Qt hands str enums back as plain str
    box.setCurrentIndex(box.findData(kind.value))
    return box


def _name_edit(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit(name)
    edit.setMaxLength(calendar_admin.DAY_NAME_LENGTH)  # the stored name's length
    edit.setPlaceholderText(placeholder)
    return edit


def _entry_of(day: QDateEdit, kind: QComboBox, name: QLineEdit) -> DayEntry:
    return DayEntry(day.date().toPython(), DayKind(kind.currentData()), name.text().strip())


def ask_to_enter_incomplete(parent: QWidget, gaps) -> bool:
    """Whether to save a year lacking what `gaps` (calendar_admin.schedule_gaps) says, listed in the question;
    No unless chosen (an Enter pressed once too often in the form does not save the year)."""
    return dialogs.confirm(parent, QCoreApplication.translate("CalendarWindow", "安排不完整"), "\n".join([
        QCoreApplication.translate("CalendarWindow", "每年的安排都有元旦、春节、清明节、劳动节、端午节、中秋节和国庆节;"
                                                     "以下未录入:"),
        *(f"• {dialogs.for_the_desk(gap)}" for gap in gaps),
        QCoreApplication.translate("CalendarWindow", "如仍录入,该年即算作已录入、不再提示,未录入的节假日按工作日计算期限。"
                                                     "仍然录入?")]), default_yes=False)


class Outcome(QWidget):
    """The outcome of the last change, or why the service refused it with each row or field it named."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        self.problems.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.problems)

    def say(self, text: str, problems=(), *, error: bool = False) -> None:
        """`text`, and the service's `problems` (or notes) listed under it as the desk words them."""
        self.text.setText(text)
        self.text.setStyleSheet(ERROR_STYLE if error else "")
        self.problems.setPlainText("\n".join(dialogs.for_the_desk(problem) for problem in problems))
        self.problems.setVisible(bool(problems))

    def refused(self, exc: BaseException) -> bool:
        """Say why a GridDeskError refused the change; False (and nothing said) for any other failure."""
        if not isinstance(exc, GridDeskError):
            self.say("")
            return False
        problems = exc.problems if isinstance(exc, ValidationFailed) else ()
        self.say(dialogs.for_the_desk(exc.message), problems, error=True)
        return True


class DayForm(AsksBeforeDiscarding, QDialog):
    """One day of `year`: the date, a day off or a make-up workday, the holiday's name, and whether
    it is the region's own (壮族三月三) — the only kind a year published or not yet entered takes."""

    def __init__(self, year: int, parent: QWidget | None = None, *, regional_only: bool = False):
        super().__init__(parent)
        self.setWindowTitle(self.tr("录入一天"))
        self.day = _day_edit(date(year, 1, 1), year)
        self.kind = _kind_box(DayKind.HOLIDAY)
        self.name = _name_edit("", self.tr("如:春节、壮族三月三"))
        self.regional = QCheckBox(self.tr("广西地方节假日(国务院安排之外,如壮族三月三)"))
        self.regional.setChecked(regional_only)
        self.regional.setEnabled(not regional_only)
        form = QFormLayout(self)
        form.addRow(self.tr("日期"), self.day)
        form.addRow(self.tr("类别"), self.kind)
        form.addRow(self.tr("名称"), self.name)
        form.addRow("", self.regional)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def entry(self) -> DayEntry:
        return replace(_entry_of(self.day, self.kind, self.name), regional=self.regional.isChecked())


class YearForm(AsksBeforeDiscarding, QDialog):
    """Every day off and make-up workday of a `year` not known yet, typed in rows and saved at once.

    A year is entered whole (calendar_admin.enter_days) so that none of its holidays is left
    counted Monday–Friday unseen. The rows are sent in table order, so the row numbers of a
    refusal are the table's; a refused list is named here and nothing is saved. A year lacking a
    festival or a day's name is saved only once the admin, shown what it lacks, says so. Once saved,
    `saved` holds the service's result and the dialog is accepted.
    """

    DAY, KIND, NAME, REMOVE = range(4)

    def __init__(self, year: int, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.year, self.db, self.actor, self.tasks = year, db, actor, tasks
        self.saved: EnterResult | None = None
        self.saving = False
        self.setWindowTitle(self.tr("录入 %1 年全年安排").replace("%1", str(year)))
        note = QLabel(self.tr("逐行录入该年的全部法定节假日和调休上班日(不必录入平常的周末)。"
                              "保存时一次录入;有误的行将逐一列出,不作任何修改。"))
        note.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("日期"), self.tr("类别"), self.tr("名称"), ""])
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)  # rows are edited in place
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("全年安排"))
        self.table.setTabKeyNavigation(False)  # Tab goes from field to field of the rows, then on to the buttons
        self.add_row_button = QPushButton(self.tr("添加一行"))
        self.add_row_button.setToolTip(self.tr("新行为上一行的次日,类别和名称相同,便于录入连续的假日"))
        self.add_row_button.clicked.connect(self.add_row)
        self.outcome = Outcome()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存全年安排"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        rows = QHBoxLayout()
        rows.addWidget(self.add_row_button)
        rows.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(rows)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 560, 520)
        self._update_buttons()
        self.add_row_button.setFocus()  # the first key opens the first row, not an empty table

    def add_row(self) -> None:
        """A row after the last: the next day with the same kind and name, as a holiday runs for days."""
        row = self.table.rowCount()
        if row:
            previous = self.entries()[-1]
            day = min(previous.day + timedelta(days=1), date(self.year, 12, 31))
            kind, name = previous.kind, previous.name
        else:
            day, kind, name = date(self.year, 1, 1), DayKind.HOLIDAY, ""
        day_edit = _day_edit(day, self.year)
        remove = QPushButton(self.tr("删除"))
        remove.clicked.connect(lambda: self.remove_row(remove))
        self.table.insertRow(row)
        self.table.setCellWidget(row, self.DAY, day_edit)
        self.table.setCellWidget(row, self.KIND, _kind_box(kind))
        name_edit = _name_edit(name, self.tr("如:春节"))
        name_edit.textEdited.connect(self.discard_note.hide)  # typing on: the next Esc warns again
        self.table.setCellWidget(row, self.NAME, name_edit)
        self.discard_note.hide()  # a row added: so does adding one
        self.table.setCellWidget(row, self.REMOVE, remove)
        self.table.scrollToBottom()
        day_edit.setFocus()
        self._update_buttons()

    def remove_row(self, button: QPushButton) -> None:
        row = next(r for r in range(self.table.rowCount()) if self.table.cellWidget(r, self.REMOVE) is button)
        self.table.removeRow(row)
        self._update_buttons()

    def entries(self) -> list[DayEntry]:
        cell = self.table.cellWidget
        return [_entry_of(cell(row, self.DAY), cell(row, self.KIND), cell(row, self.NAME))
                for row in range(self.table.rowCount())]

    def _name_and_order_rows(self) -> None:
        """What a screen reader says for each row's fields, which have only the column's header above them:
        the row's number and the column, renumbered when a row is removed; and Tab goes through the rows
        from the first, then on to 添加一行 and the buttons (it had gone from a row added to the buttons
        and back to the rows before it)."""
        chain = [self.table]
        for row in range(self.table.rowCount()):
            for column, caption in ((self.DAY, self.tr("日期")), (self.KIND, self.tr("类别")),
                                    (self.NAME, self.tr("名称"))):
                self.table.cellWidget(row, column).setAccessibleName(
                    self.tr("第 %1 行%2").replace("%1", str(row + 1)).replace("%2", caption))
            chain += [self.table.cellWidget(row, column) for column in (self.DAY, self.KIND, self.NAME, self.REMOVE)]
        chain += [self.add_row_button, *self.buttons.buttons()]
        for first, then in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, then)

    def _update_buttons(self) -> None:
        self._name_and_order_rows()
        self.table.setEnabled(not self.saving)
        self.add_row_button.setEnabled(not self.saving)
        self.save_button.setEnabled(not self.saving and self.table.rowCount() > 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not self.saving)

    def save(self) -> None:
        """Save the rows; a year lacking a festival or a day's name only once the admin, shown what it lacks,
        says so; rows the service refuses are named and nothing is asked."""
        entries = self.entries()
        try:
            gaps = calendar_admin.schedule_gaps(entries)
        except ValidationFailed as exc:
            self.outcome.refused(exc)
            return
        if gaps and not ask_to_enter_incomplete(self, gaps):
            self.outcome.say(self.tr("未保存:请补全该年的安排后再保存。"), gaps, error=True)
            return
        self.saving = True
        self._update_buttons()
        self.outcome.say(self.tr("正在保存并重算未办结案件的期限…"))
        self.tasks.submit(calendar_admin.enter_days, self.db, self.actor, entries, incomplete=bool(gaps),
                          on_done=self._done, on_error=self._failed)

    def _done(self, result: EnterResult) -> None:
        self.saving = False
        self.saved = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self._update_buttons()
        if not self.outcome.refused(exc):
            dialogs.show_error(self, exc)

    def typed(self) -> bool:
        """Rows entered, a date or a kind chosen as much as a name typed: closing would lose them."""
        return self.table.rowCount() > 0

    def reject(self) -> None:
        if not self.saving:  # the window must learn what a running save did
            super().reject()


class CalendarWindow(Retranslating, QDialog):
    """Non-modal; `window` offers db, actor, tasks and bus (see views/menus.py)."""

    def __init__(self, window, year: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_ = window
        self.db, self.actor, self.tasks = window.db, window.actor, window.tasks
        self.manages = calendar_admin.may_manage(self.actor)  # city-wide only; the services check it again
        self.read_only_note = QLabel()
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(not self.manages)
        self.shown: YearCalendar | None = None
        self.saving = False
        self.year_label = QLabel()
        self.year_box = QSpinBox()
        self.year_box.setRange(FIRST_YEAR, LAST_YEAR)
        self.year_box.setValue(year or beijing_today().year)  # until the year to enter is read (_open_at)
        self.year_box.valueChanged.connect(self.reload)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.days_model = DaysModel(self)
        self.days_view = rows_table(self.days_model)
        self.days_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.enter_year_button, self.add_button = QPushButton(), QPushButton()
        self.remove_button, self.import_button = QPushButton(), QPushButton()
        self.enter_year_button.clicked.connect(self.enter_year)
        self.add_button.clicked.connect(self.add_day)
        self.remove_button.clicked.connect(self.remove_day)
        self.import_button.clicked.connect(self.import_csv)
        self.outcome = Outcome()
        top = QHBoxLayout()
        self.year_label.setBuddy(self.year_box)  # a screen reader names the year by its caption
        top.addWidget(self.year_label)
        top.addWidget(self.year_box)
        top.addWidget(self.status, 1)
        buttons = QHBoxLayout()
        for button in (self.enter_year_button, self.add_button, self.remove_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.days_view, 1)
        layout.addLayout(buttons)
        # Under the buttons, not beside them: there, in one English line, it widened the window by half.
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.outcome)
        enter_presses(self, None)  # its buttons open forms or delete a day: never from the year box
        fit_to_screen(self, 640, 560)
        window.bus.changed.connect(self._changed)
        self.retranslate()
        self._update_buttons()
        self._year_chosen = year is not None
        self.year_box.valueChanged.connect(self._choose_year)
        if year is None:
            self.tasks.submit(calendar_admin.year_to_enter, self.db, beijing_today(), on_done=self._open_at,
                              on_error=lambda exc: self._open_at(self.year_box.value()))
        else:
            self.reload()

    def _choose_year(self) -> None:
        self._year_chosen = True

    def _open_at(self, year: int) -> None:
        """Open at the year to enter (this year's, where it could not be read), unless the user has chosen a
        year meanwhile: their choice loads."""
        if self._year_chosen:
            return
        if self.year_box.value() == year:
            self.reload()
        else:
            self.year_box.setValue(year)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("工作日历"))
        self.year_label.setText(self.tr("年份"))
        self.days_view.setAccessibleName(self.tr("节假日和调休上班日"))  # what a screen reader says for the list
        self.enter_year_button.setText(self.tr("录入全年安排…"))
        self.enter_year_button.setToolTip(self.tr("逐行录入程序未内置也未录入的年份的全部节假日和调休上班日,一次保存"))
        self.add_button.setText(self.tr("录入一天…"))
        self.add_button.setToolTip(self.tr("已录入全年安排的年份中增补一天;或任何年份的广西地方节假日(如壮族三月三)"))
        self.remove_button.setText(self.tr("删除所选日期"))
        self.import_button.setText(self.tr("导入 CSV…"))
        self.import_button.setToolTip(self.tr("每行:日期,类别,名称,如 2027-02-06,调休上班,春节调休;"
                                              "类别为 holiday/法定节假日 或 workday/调休上班。"
                                              "导入的年份如已有录入,先询问是否整体替换。"))
        self.read_only_note.setText(self.tr("工作日历全市统一:只有市级管理员可以录入、删除或导入节假日安排"))
        self._show_status()

    def _show_status(self) -> None:
        """The shown year's status, and for a year not known what to do about it."""
        shown = self.shown
        if shown is None:
            self.status.clear()
            return
        if shown.status is not YearStatus.UNKNOWN:
            text = self.tr("%1 年:%2。")
        elif self.manages:
            text = self.tr("%1 年:%2。请用“录入全年安排…”逐行录入该年全部法定节假日和调休上班日,或“导入 CSV…”;"
                           "全年录入后可逐日增删(“录入一天…”在此之前只录入广西地方节假日)。")
        else:
            text = self.tr("%1 年:%2。请市级管理员录入该年全部安排。")
        regional = sum(entry.regional for entry in shown.days)
        if regional:
            text += self.tr("另有广西地方节假日 %3 天。").replace("%3", str(regional))
        self.status.setText(text.replace("%1", str(shown.year)).replace("%2", label(shown.status)))
        self.status.setStyleSheet(ERROR_STYLE if shown.status is YearStatus.UNKNOWN else "")

    def _still_saving(self) -> bool:
        """A recount under way: its outcome (and the refresh it brings) must be seen before closing."""
        if self.saving:
            self.outcome.say(self.tr("正在保存并重算期限,完成后再关闭"))
        return self.saving

    def closeEvent(self, event) -> None:
        if self._still_saving():
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:  # Esc
        if not self._still_saving():
            super().reject()

    def _update_buttons(self) -> None:
        status = self.shown.status if self.shown is not None else None
        may_change = self.manages and not self.saving
        selected = self.selected_entry()
        self.enter_year_button.setEnabled(may_change and status is YearStatus.UNKNOWN)
        self.add_button.setEnabled(may_change and status is not None)
        self.remove_button.setEnabled(may_change and selected is not None and (
            selected.regional or selected.schedule_year or status is YearStatus.ENTERED))
        self.import_button.setEnabled(may_change)

    def selected_entry(self) -> DayEntry | None:
        rows = self.days_view.selectionModel().selectedRows()
        return self.days_model.rows[rows[0].row()] if rows else None

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
    def enter_year(self) -> None:
        form = YearForm(self.year_box.value(), self.db, self.actor, self.tasks, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self._saved(self._entered_year, form.saved)

    def _entered_year(self, result: EnterResult) -> str:
        return (self.tr("已录入 %1 年全年安排 %2 天。")
                .replace("%1", enumeration(result.years)).replace("%2", str(result.days)))

    def add_day(self) -> None:
        regional_only = self.shown is not None and self.shown.status is not YearStatus.ENTERED
        form = DayForm(self.year_box.value(), self, regional_only=regional_only)
        if form.exec() == QDialog.DialogCode.Accepted:
            entry = form.entry()
            done = self.tr("已录入 %1 %2。").replace("%1", entry.day.isoformat()).replace("%2", label(entry.kind))
            self._save(lambda _: done, calendar_admin.add_day, self.db, self.actor, entry)

    def remove_day(self) -> None:
        entry = self.selected_entry()
        # A regional day, or one of next year's schedule, leaves its date to the published schedule.
        question = (self.tr("删除 %1?该日将按国务院的安排(或该年录入的全年安排)计算,期限随之重算。")
                    if entry and (entry.regional or entry.schedule_year)
                    else self.tr("删除 %1?该日将按平常的周一至周五计算,未办结期限随之重算。"))
        if entry is None or not dialogs.confirm(self, self.tr("删除日期"), question.replace("%1", entry.day.isoformat())):
            return
        day = entry.day
        done = self.tr("已删除 %1。").replace("%1", day.isoformat())
        self._save(lambda _: done, calendar_admin.remove_day, self.db, self.actor, day)

    def import_csv(self) -> None:
        """Check the file first: years with entered days are replaced only once the admin agrees."""
        path = ask_csv_path(self)
        if path:
            self.saving = True
            self._update_buttons()
            self.tasks.submit(calendar_admin.check_import, self.db, path,
                              on_done=lambda check: self._import(path, check), on_error=self._failed)

    def _import(self, path: str, check: calendar_admin.ImportCheck) -> None:
        if check.gaps and not ask_to_enter_incomplete(self, check.gaps):
            self.saving = False
            self._update_buttons()
            self.outcome.say(self.tr("未导入:请补全文件中该年的安排后再导入。"), check.gaps, error=True)
            return
        replaced = check.replaced
        if replaced:
            years = enumeration(self.tr("%1 年已录入 %2 天").replace("%1", str(year)).replace("%2", str(days))
                                for year, days in sorted(replaced.items()))
            if not dialogs.confirm(self, self.tr("替换已录入的安排"), self.tr(
                    "%1。导入将整体替换这些年份已录入的全部日期,替换?").replace("%1", years)):
                self.saving = False
                self._update_buttons()
                self.outcome.say(self.tr("未导入:已录入的安排保持不变。"))
                return
        self._save(self._imported, calendar_admin.import_csv, self.db, self.actor, path, replace=bool(replaced),
                   incomplete=bool(check.gaps))

    def _imported(self, result: EnterResult) -> str:
        text = (self.tr("已导入 %1 年节假日安排 %2 天(替换原有录入 %3 天)。") if result.replaced
                else self.tr("已导入 %1 年节假日安排 %2 天。"))
        return (text.replace("%1", enumeration(result.years)).replace("%2", str(result.days))
                .replace("%3", str(result.replaced)))

    def _save(self, done: Callable[[EnterResult], str], fn, *args, **kwargs) -> None:
        """Run one change of the calendar; the service recounts the open deadlines."""
        self.saving = True
        self._update_buttons()
        self.outcome.say(self.tr("正在保存并重算未办结案件的期限…"))
        self.tasks.submit(fn, *args, **kwargs, on_done=lambda result: self._saved(done, result),
                          on_error=self._failed)

    def _saved(self, done: Callable[[EnterResult], str], result: EnterResult) -> None:
        self.saving = False
        self._update_buttons()
        self.outcome.say(done(result) + self.tr("%1 项期限随之重算(承办、督办、回访及紧急情况终报)。").replace("%1", str(result.recomputed)),
                         result.notes)  # e.g. a year lacking its fixed days off: a stray line or a mistyped year
        if self.year_box.value() not in result.years:
            self.year_box.blockSignals(True)  # the bus's "calendar" below loads it
            self.year_box.setValue(result.years[0])
            self.year_box.blockSignals(False)
        self.window_.bus.changed.emit("calendar")
        self.window_.bus.changed.emit("cases")  # deadlines moved: queues and counts refresh

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self._update_buttons()
        if not self.outcome.refused(exc):
            dialogs.show_error(self, exc)
