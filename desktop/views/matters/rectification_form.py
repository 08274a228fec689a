"""Form: tell a department of this institution's level to rectify by a deadline (Art. 13(5))."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QPlainTextEdit, QWidget

from .. import beijing_time


class RectificationForm(QDialog):
    def __init__(self, departments: list[tuple[int, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("督促限期整改"))
        self.department = QComboBox()
        for department_id, name in departments:
            self.department.addItem(name, department_id)
        self.reason = QPlainTextEdit()
        self.due = QDateEdit(beijing_time.today().addDays(15))
        self.due.setCalendarPopup(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("部门"), self.department)
        form.addRow(self.tr("履职不到位情形"), self.reason)
        form.addRow(self.tr("整改期限"), self.due)
        form.addRow(buttons)

    def values(self) -> dict:
        return dict(department_id=self.department.currentData(), reason=self.reason.toPlainText(),
                    due_on=beijing_time.day_of(self.due.date()))
