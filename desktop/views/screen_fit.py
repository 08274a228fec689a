"""Windows opened within the room the screen has.

A 1366×768 laptop at 150% scaling has 911×464 points beside the taskbar (at 125%, 1093×566): less than
the sizes several windows asked for, so that the case panel's and the new-case form's buttons opened
below the screen's edge, where a keyboard user could not see what Enter would press.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# What the window's title bar and frame take beside its size: Qt knows them only once it is shown.
FRAME_ROOM = QSize(16, 40)


def room(window: QWidget) -> QSize | None:
    """The size a window may have on its screen, its title bar and frame beside it (None: no screen)."""
    screen = window.screen()
    return screen.availableGeometry().size() - FRAME_ROOM if screen is not None else None


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to width×height, or as much of it as its screen has room for (Qt keeps it no
    smaller than its minimum: a form taller than that scrolls, see `scrolling`)."""
    available = room(window)
    if available is not None:
        width, height = min(width, available.width()), min(height, available.height())
    window.resize(width, height)


class FormScrollArea(QScrollArea):
    """A form that scrolls where the screen is too low for it, the dialog's buttons staying in view below.

    It asks for the form's whole size (a plain QScrollArea asks for at most 24 lines, and a form would
    scroll on any screen), but can shrink to a few lines. It takes no focus of its own: Tab goes from
    field to field, the area scrolling each into view.
    """

    def __init__(self, form: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _bar(self) -> int:
        return self.verticalScrollBar().sizeHint().width()  # the form keeps its width beside the bar

    def sizeHint(self) -> QSize:
        hint = self.widget().sizeHint()
        return QSize(hint.width() + self._bar(), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.widget().minimumSizeHint().width() + self._bar(), 6 * self.fontMetrics().height())


def scrolling(form: QWidget) -> FormScrollArea:
    """`form` in a FormScrollArea, to be put in the dialog's layout in its place."""
    return FormScrollArea(form)
