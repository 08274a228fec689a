"""Correct or complete a report's facts after a follow-up (Art. 21): the report form, filled in,
with the reason for the correction. Only what was changed in the form is sent."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...services import emergencies
from .. import dialogs
from ..required_fields import mark_required
from ..screen_fit import fit_to_screen, scrolling
from ..unsaved import AsksBeforeDiscarding
from .report_dialog import EmergencyReportForm


class AmendFactsDialog(AsksBeforeDiscarding, QDialog):
    """`amended` carries the EmergencyInfo after the correction."""

    amended = Signal(object)

    def __init__(self, db, actor, tasks, info, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks, self.info = db, actor, tasks, info
        self.setWindowTitle(self.tr("更正/补充事实 — %1").replace("%1", info.number))
        note = QLabel(self.tr("按续报或核实的情况改动下列事实;原值和新值记入审计日志,关联案件的时间线也会记录。"
                              "获知时间是报告时限的起算点,不能更正。"))
        note.setWordWrap(True)
        self.form = EmergencyReportForm()
        self.form.fill(info)
        self.form.learned.setEnabled(False)
        self.shown = self.form.values()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("如:16:00 续报,伤员增至 3 人"))
        self.form.layout().addRow(self.tr("更正原因"), self.reason)
        mark_required(self.form.layout(), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存更正"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(scrolling(self.form))  # on a low screen the form scrolls; 保存更正 stays in view
        layout.addWidget(buttons)
        hint = self.sizeHint()
        fit_to_screen(self, hint.width(), hint.height())

    def changes(self) -> dict:
        """The facts changed in the form since it was filled in."""
        return {name: value for name, value in self.form.values().items() if value != self.shown[name]}

    def typed(self) -> bool:
        """A count or a level corrected from a follow-up call is lost on closing as much as a text typed."""
        return bool(self.changes()) or bool(self.reason.text().strip())

    def submit(self) -> None:
        self.buttons.setEnabled(False)  # sent once: a second press would be refused as a stale edit
        self.tasks.submit(emergencies.amend_facts, self.db, self.actor, self.info.id,
                          expected_version=self.info.version, reason=self.reason.text(), **self.changes(),
                          on_done=self._done, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        dialogs.show_error(self, exc)

    def _done(self, info) -> None:
        self.amended.emit(info)
        self.accept()
