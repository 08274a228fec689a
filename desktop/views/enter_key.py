"""Enter, handled where it is pressed: a widget that does not take it lets it go on to its dialog, whose
default button it would press as well."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget


class _OnEnter(QObject):
    def __init__(self, parent: QObject, act: Callable[[QWidget], bool]):
        super().__init__(parent)
        self.act = act

    def eventFilter(self, widget: QObject, event: QEvent) -> bool:
        return (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.act(widget))


def on_enter(widgets: list[QWidget], act: Callable[[QWidget], bool], *, owner: QObject) -> None:
    """Enter on any of `widgets` calls `act(widget)`; where it returns True, Enter stops there."""
    handler = _OnEnter(owner, act)
    for widget in widgets:
        widget.installEventFilter(handler)
