"""Enter, handled where it is pressed: a widget that does not take it lets it go on to its dialog, whose
default button it would press as well; and Enter on a focused button presses it, as Space does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QToolTip, QWidget

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


class _ButtonReachedByKeyboardTakesEnter(QObject):
    """Sees the application's events: which button the keyboard last moved the focus to, and Enter on it."""

    _BY_KEYBOARD = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._reached: QPushButton | None = None

    def eventFilter(self, receiver: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn and isinstance(receiver, QPushButton):
            self._reached = receiver if event.reason() in self._BY_KEYBOARD else None
        elif (kind == QEvent.Type.KeyPress and receiver is self._reached and event.key() in _ENTER
              and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            if not event.isAutoRepeat():
                press(receiver)
            return True  # never on to a dialog's default button: Enter on 取消 must not press 保存
        elif (kind == QEvent.Type.KeyPress and event.key() in _ENTER and isinstance(receiver, QPushButton)
              and not (receiver.isDefault() or receiver.autoDefault())):
            _say_space_presses(receiver)  # else Enter did nothing, and said nothing: the button looked broken
        return False


def _say_space_presses(button: QPushButton) -> None:
    text = QCoreApplication.translate(
        "EnterKey", "按空格键执行“%1”;打开窗口时自动获得焦点的按钮不响应回车,以免误操作").replace(
        "%1", button.text().replace("&", ""))
    QToolTip.showText(button.mapToGlobal(button.rect().bottomLeft()), text, button)


def enter_presses_focused_buttons(app: QApplication) -> None:
    """Enter on a button reached by Tab presses it, as Space does (as on Windows), in every window. Qt lets
    a button take Enter only in a dialog, and only as its default: Enter on the case panel's 派遣 reached
    by Tab, on the banner's 打开报告进度…, did nothing; on a dialog's other button it went on to press the
    default one. A button given the focus by the program (the case panel's first action, as it opens)
    takes no Enter: one Enter too many after opening a case must not sign for it."""
    app.installEventFilter(_ButtonReachedByKeyboardTakesEnter(app))
