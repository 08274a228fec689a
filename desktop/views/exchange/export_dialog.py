"""Menu 文件 → 导出诉求: the queue as filtered on screen, as CSV, XLSX or Open311 JSON, with progress and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import label
from ...models.enums import OPEN_CASE_STATES
from ...services import places
from ...services.exchange import formats, table_export
from ...services.queue import QueueFilter
from ...services.security import Permission
from .. import dialogs, permissions
from ..progress import StopsOnClose, TaskProgress
from ..retranslating import Retranslating
from ..save_path import ask_save_path
from ..screen_fit import fit_to_screen


def current_filter(window) -> QueueFilter:
    """The queue filter on screen when the window has a queue, else every case under the chosen place."""
    model = getattr(window, "queue_model", None)
    if model is not None:
        return model.filter
    return QueueFilter(under=window.current_place_code(), states=frozenset())


def _scope_facts(db, actor, f: QueueFilter) -> tuple[str | None, int]:
    """The name of the filter's place and how many of its cases the actor may export (one job off the GUI thread)."""
    return (places.place_info(db, f.under).name if f.under else None), table_export.export_count(db, actor, f)


class ExportDialog(StopsOnClose, Retranslating, QDialog):
    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_ = window
        self.db, self.actor, self.tasks = window.db, window.actor, window.tasks
        self.filter = current_filter(window)
        self.count: int | None = None
        self.place_name: str | None = None
        self.format = QComboBox()
        for fmt in ("csv", "xlsx", "open311"):
            self.format.addItem("", fmt)
        self.scope = QLabel()
        self.scope.setWordWrap(True)
        self.task = TaskProgress(self.tasks, self)
        self.progress_bar, self.status, self.cancel_button = self.task.bar, self.task.status, self.task.cancel_button
        self.export_button = QPushButton()
        self.close_button = QPushButton()
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.close)
        self.task.busy_changed.connect(self._offer_export)

        self.format_caption, self.scope_caption = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.format_caption, self.format)
        self.format_caption.setBuddy(self.format)  # a screen reader names the list by its caption
        form.addRow(self.scope_caption, self.scope)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.export_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        fit_to_screen(self, 520, 240)
        self.retranslate()
        self.tasks.submit(_scope_facts, self.db, self.actor, self.filter, on_done=self._counted,
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("导出诉求"))
        self.format_caption.setText(self.tr("格式"))
        self.scope_caption.setText(self.tr("范围"))
        for index, text in enumerate((self.tr("CSV(Excel 可直接打开)"), self.tr("Excel 工作簿 XLSX"),
                                      self.tr("Open311 GeoReport v2 JSON"))):
            self.format.setItemText(index, text)
        self.scope.setText(self._scope_text())
        self.export_button.setText(self.tr("导出…"))
        self._offer_export()
        self.task.retranslate()
        self.close_button.setText(self.tr("关闭"))

    def _scope_text(self) -> str:
        f = self.filter
        place = (f"{self.place_name}({f.under})" if self.place_name else f.under) if f.under \
            else self.tr("可导出的全部地区")
        # The queue's own lists first: each is a narrower choice than the states it draws on.
        if f.awaiting_center:
            states = self.tr("待本中心办理")
        elif f.unrouted:
            states = self.tr("待分拨清单(未落网格)")
        elif f.key_supervision_due:
            states = self.tr("待重点督办")
        elif f.own_states:  # a liaison's: its share's states, whatever the case's, as its queue names them
            states = self.tr("本单位%1").replace("%1", self.tr("、").join(sorted(label(s) for s in f.own_states)))
        elif not f.states:
            states = self.tr("全部状态")
        elif f.states == frozenset(OPEN_CASE_STATES):
            states = self.tr("未办结")
        else:
            states = self.tr("、").join(sorted(label(s) for s in f.states))
        parts = [self.tr("当前队列的筛选:%1,%2").replace("%1", place).replace("%2", states)]
        if f.categories:
            parts.append(self.tr("、").join(sorted(label(c) for c in f.categories)))
        if f.overdue_only:
            parts.append(self.tr("只含已超期"))
        if f.supervised_only:
            parts.append(self.tr("只含督办"))
        if f.text:
            parts.append(self.tr("含“%1”").replace("%1", f.text))
        if self.count is not None:
            parts.append(self.tr("共 %1 件").replace("%1", str(self.count)))
        return self.tr(",").join(parts)

    def _counted(self, facts: tuple[str | None, int]) -> None:
        self.place_name, self.count = facts
        self.scope.setText(self._scope_text())
        self._offer_export()

    def _offer_export(self, busy: bool = False) -> None:
        """Export only where the user may (Art. 15): a liaison is not shown 共 0 件 and then refused."""
        if busy:
            self.export_button.setEnabled(False)
        else:
            permissions.offer(self.export_button, self.actor, Permission.EXCHANGE, self.filter.under, self.place_name)

    def start(self) -> None:
        fmt = self.format.currentData()
        suffix = formats.SUFFIXES[fmt]
        kinds = {"open311": self.tr("Open311 JSON"), "csv": self.tr("CSV 文件"), "xlsx": self.tr("Excel 工作簿")}
        path = ask_save_path(self, self.tr("导出诉求"), self.tr("诉求") + suffix, f"{kinds[fmt]} (*{suffix})")
        if not path:
            return
        path = Path(path)
        f = self.filter
        masked = fmt != "open311" and table_export.masks_phones(self.actor, f)  # Open311 carries no phones
        self.task.start(lambda report: formats.export_file(self.db, self.actor, path, fmt, f, report),
                        status=self.tr("正在导出…"), describe=self._describe,
                        on_done=lambda count: self._done(count, path, masked, fmt == "open311"),
                        cancelled=self.tr("已取消:没有写出文件"))

    def _describe(self, done: int, total: int, what: str) -> str:
        return self.tr("正在导出 %1/%2").replace("%1", str(done)).replace("%2", str(total))

    def _done(self, count: int, path: Path, masked: bool = False, open311: bool = False) -> None:
        text = self.tr("已导出 %1 件到 %2").replace("%1", str(count)).replace("%2", str(path))
        if masked and count:  # such a file is refused when imported: said now, not there
            text += self.tr("。其中诉求人的联系电话已遮挡(本用户无权查看个人信息,Art. 15):这个文件再导入时会被拒绝;"
                            "要把诉求转入其他系统,请由有权查看个人信息的用户导出")
        if open311 and count:  # imported elsewhere, its requests have nobody to call back: said before it is sent
            text += self.tr("。Open311 文件不含诉求人的姓名和电话(个人信息只随 CSV、Excel 导出,Art. 15):"
                            "据此导入的系统无法回访诉求人")
        self.status.setText(text)


def open_export_dialog(window) -> ExportDialog:
    """Menu 文件 → 导出诉求…"""
    dialog = ExportDialog(window, window)
    dialog.show()
    return dialog
