"""A banner above the main window's panes: a coloured strip with a wrapping text, and any buttons a
banner adds at its right (`row`). Hidden until the banner has something to say."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from .retranslating import Retranslating


@dataclass(frozen=True)
class Colours:
    background: str
    border: str
    text: str


WARNING = Colours("#fff3cd", "#e68a00", "#7a4a00")  # a set-up or calendar matter to put right
NOTICE = Colours("#e8f1fb", "#5b8fc7", "#123e6b")  # what a township still lacks
ALARM = Colours("#fdecea", "#c62828", "#8b0000")  # an emergency waiting (Art. 21)


class Banner(Retranslating, QFrame):
    def __init__(self, parent: QWidget, name: str, colours: Colours):
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(f"#{name} {{ background: {colours.background}; border: 1px solid {colours.border}; }} "
                           f"QLabel {{ color: {colours.text}; }}")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(8, 4, 8, 4)
        self.row.addWidget(self.text, 1)
        self.hide()
