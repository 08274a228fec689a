"""Menu 文件 → 导入诉求: an Open311 JSON or case-table CSV file, all-or-nothing, with progress and Cancel.

A bad file imports nothing; its problems (row, line and field) are listed in the dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import GridDeskError, ValidationFailed
from ...models.enums import PlaceLevel
from ...services import places
from ...services.exchange import formats
from ...services.exchange.case_import import ImportReport
from ...services.security import Permission
from .. import dialogs
from ..progress import StopsOnClose, TaskProgress
from ..retranslating import Retranslating
from ..form_buttons import enter_presses
from ..screen_fit import fit_to_screen


def ask_open_path(parent: QWidget) -> str | None:
    """The file to import (a function of its own so that tests can answer it)."""
    path, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("ImportDialog", "选择要导入的文件"), "",
                                          QCoreApplication.translate("ImportDialog", "Open311 JSON 或诉求清单 CSV、XLSX (*.json *.csv *.xlsx)"))
    return path or None


class ImportDialog(StopsOnClose, Retranslating, QDialog):
    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_ = window
        self.db, self.actor, self.tasks = window.db, window.actor, window.tasks
        self.path = QLineEdit()
        self.browse_button = QPushButton()
        self.format_label = QLabel()
        self.township = QComboBox()
        self.township_hint = QLabel()
        self.township_hint.setWordWrap(True)
        self.task = TaskProgress(self.tasks, self)
        self.progress_bar, self.status, self.cancel_button = self.task.bar, self.task.status, self.task.cancel_button
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.import_button = QPushButton()
        self.close_button = QPushButton()

        self.path.textChanged.connect(self._path_changed)
        self.browse_button.clicked.connect(self.browse)
        self.import_button.clicked.connect(self.start)
        self.task.busy_changed.connect(lambda busy: self._path_changed(self.path.text()))
        self.close_button.clicked.connect(self.close)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse_button)
        self.file_caption, self.format_caption, self.township_caption = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.file_caption, file_row)
        form.addRow(self.format_caption, self.format_label)
        form.addRow(self.township_caption, self.township)
        form.addRow(None, self.township_hint)
        # A screen reader names the file box and the township by their captions, as a sighted user reads them.
        self.file_caption.setBuddy(self.path)
        self.township_caption.setBuddy(self.township)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.import_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.problems, 1)
        layout.addLayout(buttons)
        enter_presses(self, self.import_button)  # not 选择…, the first button
        fit_to_screen(self, 640, 420)
        self.retranslate()
        self._path_changed("")
        self.tasks.submit(places.list_places, self.db, level=PlaceLevel.TOWNSHIP, on_done=self._townships,
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("导入诉求"))
        self.file_caption.setText(self.tr("文件"))
        self.format_caption.setText(self.tr("格式"))
        self.township_caption.setText(self.tr("乡镇(街道)"))
        self.path.setPlaceholderText(self.tr("Open311 requests.json 或导出的诉求清单 .csv、.xlsx"))
        self.browse_button.setText(self.tr("选择…"))
        if self.township.count():
            self.township.setItemText(0, self.tr("按坐标归入所在网格的乡镇"))
        self.township_hint.setText(self.tr("没有坐标或坐标不在任何网格内的诉求归入所选乡镇(街道)的待分拨清单;"
                                           "选“按坐标”时,这样的诉求会被列为问题,整个文件不导入。"))
        self.import_button.setText(self.tr("导入"))
        self.task.retranslate()
        self.close_button.setText(self.tr("关闭"))
        self._path_changed(self.path.text())

    def _townships(self, townships) -> None:
        self.township.clear()
        self.township.addItem(self.tr("按坐标归入所在网格的乡镇"), None)
        current = self.window_.current_place_code() or ""
        for info in townships:
            if self.actor.can(Permission.EXCHANGE, info.code):
                self.township.addItem(f"{info.name}({info.code})", info.code)
                if current[:9] == info.code[:9]:  # the township of the place chosen in the tree
                    self.township.setCurrentIndex(self.township.count() - 1)

    def _format(self) -> str | None:
        fmt = formats.format_of(self.path.text().strip())
        return fmt if fmt in formats.IMPORT_FORMATS else None

    def _path_changed(self, text: str) -> None:
        fmt = self._format()
        names = {"open311": self.tr("Open311 GeoReport v2 JSON"), "csv": self.tr("诉求清单 CSV(UTF-8 或 GBK)"),
                 "xlsx": self.tr("诉求清单 XLSX(Excel 工作簿)")}
        if fmt:
            self.format_label.setText(names[fmt])
        elif text.strip():
            self.format_label.setText(self.tr("无法识别:只能导入 .json(Open311)、.csv 或 .xlsx 文件"))
        else:
            self.format_label.setText(self.tr("按扩展名判断"))
        self.import_button.setEnabled(fmt is not None and not self.task.busy)

    def browse(self) -> None:
        path = ask_open_path(self)
        if path:
            self.path.setText(path)

    def start(self) -> None:
        path, fmt, township = Path(self.path.text().strip()), self._format(), self.township.currentData()
        self.problems.clear()  # a previous file's problems must not stand under this file's name
        self.problems.hide()
        if not path.is_file():
            why = (self.tr("%1 是文件夹,不是文件;请选择其中的文件") if path.is_dir()
                   else self.tr("%1 不是普通文件(是管道、设备或套接字),无法导入") if path.exists()
                   else self.tr("文件 %1 不存在"))
            self.status.setText(why.replace("%1", str(path)))
            return
        self.task.start(lambda report: formats.import_file(self.db, self.actor, path, fmt, township_code=township,
                                                           progress=report),
                        status=self.tr("正在读取 %1…").replace("%1", path.name), describe=self._describe,
                        on_done=self._done, cancelled=self.tr("已取消:没有导入任何诉求"), on_error=self._failed)

    def _describe(self, done: int, total: int, what: str) -> str:
        phases = {"读取": self.tr("正在读取"), "检查": self.tr("正在检查"), "准备": self.tr("正在准备"),
                  "写入案件": self.tr("正在写入案件"), "写入办理记录": self.tr("正在写入办理记录"),
                  # After a large import into a small table, SQLite builds the table's indexes again (bulk).
                  "整理案件索引": self.tr("正在整理案件索引"), "整理办理记录索引": self.tr("正在整理办理记录索引")}
        if not total:  # a workbook that does not say how many rows it has: the bar runs without an end
            return self.tr("%1 第 %2 行").replace("%1", phases.get(what, what)).replace("%2", str(done))
        return (self.tr("%1 %2/%3").replace("%1", phases.get(what, what)).replace("%2", str(done))
                .replace("%3", str(total)))

    def _done(self, report: ImportReport) -> None:
        text = (self.tr("已导入 %1 件:待受理 %2 件(其中待分拨 %3 件)、已办结 %4 件")
                .replace("%1", str(report.imported)).replace("%2", str(report.received))
                .replace("%3", str(report.unrouted)).replace("%4", str(report.closed)))
        if report.merged:  # duplicates that came in merged into another case (Art. 16)
            text += self.tr("、作为重复诉求并入其他诉求 %1 件").replace("%1", str(report.merged))
        if report.imported:
            text += self.tr(",编号 %1 … %2").replace("%1", report.first_number).replace("%2", report.last_number)
        if report.supervised:  # the source's supervision orders stay there (case_import): listed to decide on
            text += self.tr("。其中 %1 件在来源系统受督办:督办未随之导入,需要时请在本库重新督办(见下列案件)").replace(
                "%1", str(report.supervised))
        self.status.setText(text)
        self.problems.clear()
        self.problems.addItems(report.supervised_numbers)
        self.problems.setVisible(bool(report.supervised_numbers))
        self.window_.bus.changed.emit("cases")

    def _failed(self, exc: BaseException) -> None:
        """A bad file lists its problems in the dialog, and a refusal without a list (a second visible sheet, a
        workbook named .csv, another import just ahead) is said there too; a fault of the program goes to the
        error dialog."""
        if isinstance(exc, ValidationFailed) and exc.problems:
            self.status.setText(dialogs.for_the_desk(exc.message))
            self.problems.addItems(map(dialogs.for_the_desk, exc.problems))
            if exc.details:  # the rows of a problem told short, below it, where "见详细信息" sends the user
                self.problems.addItem(self.tr("详细信息:"))
                self.problems.addItems(map(dialogs.for_the_desk, exc.details))
            self.problems.show()
        elif isinstance(exc, GridDeskError):
            self.status.setText(dialogs.for_the_desk(exc.message))
        else:
            self.task.show_error(exc)


def open_import_dialog(window) -> ImportDialog:
    """Menu 文件 → 导入诉求…"""
    dialog = ImportDialog(window, window)
    dialog.show()
    return dialog
