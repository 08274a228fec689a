"""The Art. 21 reporting ladder's clocks and the levels reported to, set city-wide."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...i18n import label
from ...services import emergencies
from .. import dialogs


def _clock(suffix: str, maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, maximum)
    box.setSuffix(" " + suffix)
    return box


class LadderSettingsDialog(QDialog):
    """Shows the ladder in force; users who may configure it (city-wide) change and save it.

    `saved` carries the LadderRule the service stored.
    """

    saved = Signal(object)

    def __init__(self, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self.setWindowTitle(self.tr("紧急情况报告时限(《条例》第二十一条)"))
        self.setMinimumWidth(460)
        self.phone_first = _clock(self.tr("分钟"), 24 * 60)
        self.written_first = _clock(self.tr("分钟"), 24 * 60)
        self.follow_up = _clock(self.tr("小时"), 30 * 24)
        self.final = _clock(self.tr("个工作日"), 60)
        self.report_to = {level: QCheckBox(label(level)) for level in emergencies.UPWARD_LEVELS}
        levels = QHBoxLayout()
        for box in self.report_to.values():
            levels.addWidget(box)
        levels.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("电话首报(获知后)"), self.phone_first)
        form.addRow(self.tr("书面首报(获知后)"), self.written_first)
        form.addRow(self.tr("续报间隔(处置期间)"), self.follow_up)
        form.addRow(self.tr("终报(处置完毕后)"), self.final)
        form.addRow(self.tr("报送对象"), levels)
        note = QLabel(self.tr("新的时限适用于保存之后报告的紧急情况。已报告的紧急情况,报送对象和已排定的时限不变,"
                              "此后排定的续报、终报按新的时限。"))
        note.setWordWrap(True)
        self.may_configure = emergencies.may_configure_ladder(actor)
        self.permission_note = QLabel(self.tr("只有具有全市综合评价权限的用户可以修改报告时限。"))
        self.permission_note.setWordWrap(True)
        self.permission_note.setVisible(not self.may_configure)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setEnabled(False)  # until the ladder in force is shown
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.permission_note)
        layout.addWidget(self.buttons)
        tasks.submit(emergencies.load_ladder, db, on_done=self.show_rule,
                     on_error=lambda exc: dialogs.show_error(self, exc))

    def show_rule(self, rule) -> None:
        self.phone_first.setValue(rule.phone_first_minutes)
        self.written_first.setValue(rule.written_first_minutes)
        self.follow_up.setValue(rule.follow_up_hours)
        self.final.setValue(rule.final_working_days)
        for level, box in self.report_to.items():
            box.setChecked(level in rule.report_to)
        for widget in (self.phone_first, self.written_first, self.follow_up, self.final, *self.report_to.values()):
            widget.setEnabled(self.may_configure)
        self.save_button.setEnabled(self.may_configure)

    def values(self) -> dict:
        """The settings as keyword arguments of `emergencies.configure_ladder`."""
        return dict(phone_first_minutes=self.phone_first.value(), written_first_minutes=self.written_first.value(),
                    follow_up_hours=self.follow_up.value(), final_working_days=self.final.value(),
                    report_to=[level for level, box in self.report_to.items() if box.isChecked()])

    def submit(self) -> None:
        self.tasks.submit(emergencies.configure_ladder, self.db, self.actor, **self.values(),
                          on_done=self._done, on_error=lambda exc: dialogs.show_error(self, exc))

    def _done(self, rule) -> None:
        self.saved.emit(rule)
        self.accept()


def open_ladder_settings(window) -> None:
    LadderSettingsDialog(window.db, window.actor, window.tasks, parent=window).open()
