"""County approval or rejection and city filing (备案) of grid adjustments (Art. 6)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import label
from ...models.enums import AdjustmentState
from ...services import adjustments
from .. import dialogs

_ACTIONS = [(QT_TRANSLATE_NOOP("ReviewDialog", "同意"), adjustments.approve, AdjustmentState.PROPOSED),
            (QT_TRANSLATE_NOOP("ReviewDialog", "不同意"), adjustments.reject, AdjustmentState.PROPOSED),
            (QT_TRANSLATE_NOOP("ReviewDialog", "备案"), adjustments.file, AdjustmentState.APPROVED)]


class ReviewDialog(QDialog):
    """Adjustments under the selected place; the chosen one is approved, rejected or filed."""

    def __init__(self, window, under: str | None, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.window_, self.under = window, under
        self.setWindowTitle(self.tr("网格调整审核与备案"))
        self.resize(820, 420)
        headers = [self.tr("编号"), self.tr("乡镇(街道)"), self.tr("类型"), self.tr("调整情形"), self.tr("状态"),
                   self.tr("网格数"), self.tr("理由"), self.tr("最后意见")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("审核或备案意见(不同意时必填)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.action_buttons: dict[str, QPushButton] = {}
        for text, action, state in _ACTIONS:
            button = self.buttons.addButton(self.tr(text), QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(lambda _=False, a=action: self.decide(a))
            self.action_buttons[text] = button
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.comment)
        layout.addWidget(self.buttons)
        self.items: list[adjustments.AdjustmentInfo] = []
        self.reload()

    def reload(self) -> None:
        self.window_.tasks.submit(adjustments.list_adjustments, self.window_.db, under=self.under,
                                  on_done=self._show, on_error=lambda exc: dialogs.show_error(self, exc))

    def _show(self, items: list[adjustments.AdjustmentInfo]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for row, info in enumerate(items):
            values = [f"#{info.id}", info.township_name, label(info.kind), label(info.reason),
                      label(info.state), str(info.grid_count), info.reason_text,
                      (info.steps[-1].comment or "") if info.steps else ""]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> adjustments.AdjustmentInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        info = self.selected()
        for text, _, state in _ACTIONS:
            self.action_buttons[text].setEnabled(info is not None and info.state is state)

    def decide(self, action) -> None:
        info = self.selected()
        if info is None:
            return
        self.window_.tasks.submit(action, self.window_.db, self.window_.actor, info.id, comment=self.comment.text(),
                                  on_done=self._decided, on_error=lambda exc: dialogs.show_error(self, exc))

    def _decided(self, info: adjustments.AdjustmentInfo) -> None:
        self.comment.clear()
        self.window_.bus.changed.emit("places")
        self.reload()


def open_review(window) -> None:
    ReviewDialog(window, window.current_place_code()).open()
