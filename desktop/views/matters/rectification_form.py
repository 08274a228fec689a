"""Forms of the rectification notices (Art. 13(5)): tell a department of this institution's level to rectify
by a deadline; return a department's report, or confirm it, each with the notice and the whole report above."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from ...services.matter_list import RectificationInfo
from .. import beijing_time
from ..required_fields import mark_required
from ..unsaved import AsksBeforeDiscarding


class RectificationForm(AsksBeforeDiscarding, QDialog):
    def __init__(self, departments: list[tuple[int, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("督促限期整改"))
        self.department = QComboBox()
        for department_id, name in departments:
            self.department.addItem(name, department_id)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)  # Tab goes on to the deadline, not into the reason
        self.due = beijing_time.date_field(beijing_time.today().addDays(15))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("部门"), self.department)
        form.addRow(self.tr("履职不到位情形"), self.reason)
        mark_required(form, self.reason)
        form.addRow(self.tr("整改期限"), self.due)
        form.addRow(buttons)

    def values(self) -> dict:
        return dict(department_id=self.department.currentData(), reason=self.reason.toPlainText(),
                    due_on=beijing_time.day_of(self.due.date()))


def whole_text(text: str, lines: int) -> QPlainTextEdit:
    """A read-only text `lines` high that scrolls when longer: reached with Tab and scrolled with the arrow keys,
    where a label or a table cell cut short shows the rest only to a mouse (its tooltip)."""
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setTabChangesFocus(True)  # Tab goes on, as in every form
    view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                 | Qt.TextInteractionFlag.TextSelectableByMouse)
    view.setFixedHeight(view.fontMetrics().lineSpacing() * lines + 2 * (view.frameWidth() + 4))
    return view


def add_notice_rows(form: QFormLayout, notice: RectificationInfo) -> None:
    """The department, what it was to rectify and its report, whole: read before deciding on the report."""
    reason = QLabel(notice.reason)
    reason.setWordWrap(True)
    report = whole_text(notice.latest_report or "", 6)
    report.setAccessibleName(QCoreApplication.translate("ReturnForm", "部门报送的整改情况"))
    form.addRow(QCoreApplication.translate("ReturnForm", "部门"), QLabel(notice.department))
    form.addRow(QCoreApplication.translate("ReturnForm", "履职不到位情形"), reason)
    form.addRow(QCoreApplication.translate("ReturnForm", "部门报送的整改情况"), report)


class ConfirmForm(QDialog):
    """Asks to confirm a department's rectification, the notice and the department's whole report above the
    question (the message box had asked it naming only the department)."""

    def __init__(self, notice: RectificationInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("确认整改"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        add_notice_rows(form, notice)
        form.addRow(self.tr("整改期限"), QLabel(notice.due_on.isoformat()))
        form.addRow(QLabel(self.tr("确认%1已整改完毕?").replace("%1", notice.department)))
        form.addRow(buttons)
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())


class ReturnForm(AsksBeforeDiscarding, QDialog):
    """Form: return a department's rectification report, saying why; the deadline stays unless changed."""

    def __init__(self, notice: RectificationInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("退回整改情况"))
        self.notice = notice
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)  # Tab goes on to the deadline, as in every other form
        self.due = beijing_time.date_field(beijing_time.as_qdate(notice.due_on))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        add_notice_rows(form, notice)
        form.addRow(self.tr("退回理由"), self.reason)
        mark_required(form, self.reason)
        form.addRow(self.tr("整改期限"), self.due)
        form.addRow(buttons)

    def values(self) -> dict:
        """The reason, and the deadline only where it was set anew."""
        due_on = beijing_time.day_of(self.due.date())
        return dict(reason=self.reason.toPlainText(), due_on=None if due_on == self.notice.due_on else due_on)
