"""When a rung of the Art. 21 ladder was reached — the situation handled, the final report made, a rung's
record corrected: a Beijing time (now by default) and, for the final report or a correction, a text. Sent
once; refused because another desk changed the report meanwhile, the dialog takes the report as it is now
and may send again (RetakesReport)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from .. import beijing_time
from ..unsaved import AsksBeforeDiscarding
from .retake import RetakesReport


class LadderMomentDialog(RetakesReport, AsksBeforeDiscarding, QDialog):
    """`send(info, moment, content)` runs on the task runner for the report as the dialog holds it (`info`, with
    the version to send); `sent` carries its EmergencyInfo. `note(info)` explains the step on that report."""

    sent = Signal(object)

    def __init__(self, db, actor, tasks, info, title: str, note: Callable[[object], str], when_label: str,
                 send: Callable[[object, datetime, str], object], *, content_label: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks, self.info, self.explain, self.send = db, actor, tasks, info, note, send
        self.setWindowTitle(title)
        self.explanation = QLabel(note(info))
        self.explanation.setWordWrap(True)
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
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def take(self, info) -> None:
        """The report as it is now: its version to send, and the explanation of what is there now (a rung's time
        another desk corrected meanwhile); the time and the text typed stay."""
        self.info = info
        self.explanation.setText(self.explain(info))

    def submit(self) -> None:
        self.buttons.setEnabled(False)  # once: a second press would record the rung twice or be refused
        content = self.content.toPlainText() if self.content is not None else ""
        self.tasks.submit(self.send, self.info, beijing_time.moment(self.when.dateTime()), content,
                          on_done=self._done, on_error=self.refused)

    def _done(self, info) -> None:
        self.sent.emit(info)
        self.accept()
