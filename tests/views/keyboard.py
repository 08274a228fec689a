"""What a keyboard and a screen reader meet on a window: its Tab chain walked by key presses, the fields
a screen reader cannot name, the default button and where the focus starts."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

# Fields a screen reader names from a label (a buddy) or from an accessible name: what has no text of its own.
FIELDS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)


def tabbable(top: QWidget) -> list[QWidget]:
    """The widgets Tab should reach on `top`: taking focus by Tab, shown, enabled, in this window."""
    found = []
    for widget in top.findChildren(QWidget):
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) != Qt.FocusPolicy.TabFocus:
            continue
        if not widget.isVisible() or not widget.isEnabled() or widget.window() is not top:
            continue
        if widget.focusProxy() is not None or isinstance(widget.parentWidget(), QComboBox):
            continue
        if widget.__class__.__name__ == "QLineEdit" and isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue
        found.append(widget)
    return found


def tab_walk(qtbot: QtBot, top: QWidget, limit: int = 200) -> list[QWidget]:
    """The widgets the focus visits pressing Tab from where it is, until it comes round again.
    A widget keeping the focus after Tab ends the walk (a trap)."""
    top.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is top,
                    timeout=2000)
    start = QApplication.focusWidget()
    walk, stayed = [start], 0
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is walk[-1]:
            # A date's Tab goes on to its next part (year, month, day, hour, minute) before leaving it.
            stayed += 1
            if isinstance(now, QAbstractSpinBox) and stayed < 6:
                continue
            walk.append(now)  # trapped
            break
        stayed = 0
        if now is start:
            break
        walk.append(now)
    return walk


def in_reading_order(walk: list[QWidget], top: QWidget) -> list[QWidget]:
    """The Tab cycle begun where a reader begins: at its topmost, then leftmost, widget."""
    if len(walk) > 1 and walk[-1] is walk[-2]:
        return walk
    first = min(range(len(walk)), key=lambda i: (where(walk[i], top)[1] // 8, where(walk[i], top)[0]))
    return walk[first:] + walk[:first]


def where(widget: QWidget, top: QWidget):
    at = widget.mapTo(top, QPoint(0, 0))
    return at.x(), at.y(), widget.width(), widget.height()


def backwards(a: QWidget, b: QWidget, top: QWidget) -> bool:
    """Going from a to b goes back against the reading order: up within the same column, or left on the same line."""
    ax, ay, aw, ah = where(a, top)
    bx, by, bw, bh = where(b, top)
    if by + bh <= ay:  # b wholly above a: fine only as the top of a column to the right
        return bx < ax + aw
    if by < ay + ah and ay < by + bh:  # the same line
        return bx + bw <= ax
    return False


def unnamed(top: QWidget) -> list[QWidget]:
    """The shown fields a screen reader would read without a name: no label is their buddy, no accessible name."""
    buddies = {label.buddy() for label in top.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top or widget.accessibleName():
            continue
        if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar)) \
                or isinstance(widget, QHeaderView) or widget in buddies or isinstance(widget.parentWidget(), QGroupBox):
            continue  # a part of a field, a table's header, or named by its label or its group's title
        if isinstance(widget, FIELDS) or (isinstance(widget, QAbstractButton) and not widget.text().strip()):
            missing.append(widget)
    return missing


def unnamed_on_every_tab(top: QWidget) -> list[QWidget]:
    """`unnamed` over each page of each of the window's tab widgets in turn, and the toolbar's overflow
    button left out (Qt's own, named by its tooltip)."""
    missing = [w for w in unnamed(top) if w.objectName() != "qt_toolbar_ext_button"]
    for tabs in top.findChildren(QTabWidget):
        if not tabs.isVisible() or tabs.window() is not top:
            continue
        shown = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            missing += [w for w in unnamed(top) if w not in missing and w.objectName() != "qt_toolbar_ext_button"]
        tabs.setCurrentIndex(shown)
    return missing


def describe(widget: QWidget | None, top: QWidget | None = None) -> str:
    if widget is None:
        return "None"
    text = ""
    if isinstance(widget, QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QLineEdit):
        text = widget.placeholderText()
    name = widget.accessibleName() or widget.objectName()
    iface = QAccessible.queryAccessibleInterface(widget)
    spoken = iface.text(QAccessible.Text.Name) if iface else ""
    return f"{type(widget).__name__}({text or name!r}; said {spoken!r}){where(widget, top) if top else ''}"


def default_button(dialog: QDialog) -> QPushButton | None:
    return next((b for b in dialog.findChildren(QPushButton) if b.isDefault() and b.isVisible()), None)


def open_feature(qtbot: QtBot, window, feature) -> list[QWidget]:
    """The windows and docks a menu's feature opened from the main window, with the queue's first case chosen."""
    window.queue_panel.view.selectRow(0)  # the case 案件详情 opens
    before = set(QApplication.topLevelWidgets()) | set(window.findChildren(QDockWidget))
    window.run_feature(feature)
    opened = [w for w in [*QApplication.topLevelWidgets(), *window.findChildren(QDockWidget)]
              if w not in before and w.isVisible()]
    for widget in opened:
        if widget.parent() is None:
            qtbot.addWidget(widget)
    return opened
