"""A KPI tile of the wall display: caption, a big figure, a small note."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from .scale import ALERT, TEXT


class KpiTile(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.caption, self.value, self.note = QLabel(), QLabel("—"), QLabel()
        self.caption.setObjectName("caption")
        # A caption too long for the tile (the month's rates say when they were computed) takes a second line
        # rather than widening its tile, and with it the wall past a smaller screen.
        self.caption.setWordWrap(True)
        self.value.setObjectName("tileValue")
        self.note.setObjectName("note")
        layout = QVBoxLayout(self)
        for label in (self.caption, self.value, self.note):
            layout.addWidget(label)

    def show_figure(self, caption: str, value: str, note: str = "", *, alert: bool = False) -> None:
        self.caption.setText(caption)
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {ALERT if alert else TEXT};")
        self.note.setText(note)
