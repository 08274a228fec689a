"""Correct or complete a report's facts after a follow-up (Art. 21): the report form, filled in,
with the reason for the correction. Only what was changed in the form is sent; a report whose facts
another desk corrected meanwhile is taken again, what was typed kept (`take`)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...services import emergencies
from ..required_fields import mark_required
from ..resubmit import TakesSavedRecord
from ..screen_fit import fit_to_screen, scrolling
from ..unsaved import AsksBeforeDiscarding
from .report_dialog import EmergencyReportForm
from .retake import RetakesReport


class AmendFactsDialog(RetakesReport, TakesSavedRecord, AsksBeforeDiscarding, QDialog):
    """`amended` carries the EmergencyInfo after the correction. Sent with the facts shown: a report another
    desk changed meanwhile is refused only where a fact changed (emergencies.amend_facts), and then taken
    for the facts to be corrected again on what is there now."""

    amended = Signal(object)

    def __init__(self, db, actor, tasks, info, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self.setWindowTitle(self.tr("更正/补充事实 — %1").replace("%1", info.number))
        note = QLabel(self.tr("按续报或核实的情况改动下列事实;原值和新值记入审计日志,关联案件的时间线也会记录。"
                              "获知时间是报告时限的起算点,不能更正。"))
        note.setWordWrap(True)
        self.form = EmergencyReportForm()
        self.show_record(info)
        self.form.learned.setEnabled(False)
        # The county and the city read a follow-up's news apart from a mistake put right (the bulletin's 更正记录):
        # news is what this form is mostly for, a correction is chosen.
        self.supplement = QRadioButton(self.tr("续报补充、更新(事态发展或核实所得)"))
        self.correction = QRadioButton(self.tr("更正原报错误"))
        self.supplement.setChecked(True)
        kind = QHBoxLayout()
        kind.addWidget(self.supplement)
        kind.addWidget(self.correction)
        kind.addStretch(1)
        self.form.layout().addRow(self.tr("改动性质"), kind)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("如:16:00 续报,伤员增至 3 人"))
        self.form.layout().addRow(self.tr("依据或原因"), self.reason)
        mark_required(self.form.layout(), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(scrolling(self.form))  # on a low screen the form scrolls; 保存更正 stays in view
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        hint = self.sizeHint()
        fit_to_screen(self, hint.width(), hint.height())

    def fill(self, info, over: dict) -> None:
        self.info = info
        self.form.fill(replace(info, **over))

    def held(self) -> dict:
        """The facts as the form holds them."""
        return {name: value for name, value in self.form.values().items() if name in emergencies.AMENDABLE_FACTS}

    def captions(self) -> dict:
        return self.form.captions()

    def changes(self) -> dict:
        """The facts changed in the form since it showed the report."""
        return {name: value for name, value in self.held().items() if value != self._shown[name]}

    def typed(self) -> bool:
        """A count or a level corrected from a follow-up call is lost on closing as much as a text typed."""
        return bool(self.changes()) or bool(self.reason.text().strip())

    def submit(self) -> None:
        self.buttons.setEnabled(False)  # sent once: a second press would be refused as a stale edit
        self.tasks.submit(emergencies.amend_facts, self.db, self.actor, self.info.id,
                          expected_version=self.info.version, seen=emergencies.facts(self.info),
                          reason=self.reason.text(), correction=self.correction.isChecked(), **self.changes(),
                          on_done=self._done, on_error=self.refused)

    def _done(self, info) -> None:
        self.amended.emit(info)
        self.accept()
