"""Enter, handled where it is pressed: a widget that does not take it lets it go on to its dialog, whose
default button it would press as well; and Enter on a focused button presses it, as Space does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _OnEnter(QObject):
    def __init__(self, parent: QObject, act: Callable[[QWidget], bool]):
        super().__init__(parent)
        self.act = act

    def eventFilter(self, widget: QObject, event: QEvent) -> bool:
        return event.type() == QEvent.Type.KeyPress and event.key() in _ENTER and self.act(widget)


def on_enter(widgets: list[QWidget], act: Callable[[QWidget], bool], *, owner: QObject) -> None:
    """Enter on any of `widgets` calls `act(widget)`; where it returns True, Enter stops there."""
    handler = _OnEnter(owner, act)
    for widget in widgets:
        widget.installEventFilter(handler)


def press(button: QPushButton) -> bool:
    """Enter on `button` presses it, where it is enabled; True: Enter stops there."""
    if not button.isEnabled():
        return False
    button.animateClick()
    return True


class _ButtonTakesEnter(QObject):
    def eventFilter(self, button: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or event.key() not in _ENTER:
            return False
        if not event.isAutoRepeat():
            press(button)
        return True  # never on to a dialog's default button: Enter on 取消 must not press 保存


def enter_presses_focused_buttons(app: QApplication) -> None:
    """Enter on the button that has the focus presses it, as Space does (as on Windows), in every
    window. Qt lets a button take Enter only in a dialog, and only as its default: Enter on the case
    panel's 派遣 reached by Tab, on the banner's 打开报告进度…, did nothing; on a dialog's other
    button it went on to press the default one. Each button is given the filter as it takes the
    focus (installing it again only moves it first), not every event of the application."""
    handler = _ButtonTakesEnter(app)

    def focused(_old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QPushButton):
            new.installEventFilter(handler)

    app.focusChanged.connect(focused)
