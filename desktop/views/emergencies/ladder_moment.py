"""When a rung of the Art. 21 ladder was reached — the situation handled, the final report made:
a Beijing time (now by default) and, for the final report, what was reported. Sent once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from .. import beijing_time, dialogs
from ..unsaved import AsksBeforeDiscarding


class LadderMomentDialog(AsksBeforeDiscarding, QDialog):
    """`send(moment, content)` runs on the task runner; `sent` carries its EmergencyInfo."""

    sent = Signal(object)

    def __init__(self, tasks, title: str, note: str, when_label: str, send: Callable[[datetime, str], object], *,
                 content_label: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks, self.send = tasks, send
        self.setWindowTitle(title)
        explanation = QLabel(note)
        explanation.setWordWrap(True)
        self.when = beijing_time.beijing_field()
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.content = QPlainTextEdit() if content_label else None
        form = QFormLayout()
        form.addRow(when_label, self.when)
        if self.content is not None:
            self.content.setMinimumHeight(90)
            self.content.setTabChangesFocus(True)  # Tab goes on to the buttons, not into the text
            form.addRow(content_label, self.content)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)  # accepted once the service answers
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        self.buttons.setEnabled(False)  # once: a second press would record the rung twice or be refused
        content = self.content.toPlainText() if self.content is not None else ""
        self.tasks.submit(self.send, beijing_time.moment(self.when.dateTime()), content,
                          on_done=self._done, on_error=self._failed)

    def _done(self, info) -> None:
        self.sent.emit(info)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        dialogs.show_error(self, exc)
