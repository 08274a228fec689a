"""An exception no slot caught, shown to the person at the desk.

PySide6 hands an exception raised in a slot (a click, a timer) to `sys.excepthook` and goes on: the
log keeps it, but the click seems to do nothing. For the life of the desk the hook also shows it,
with `dialogs.show_error`: a refusal or a database out of reach as its own sentence, a fault of the
program with where its trace is kept.

The hook may be called from inside a paint, a model's `data()` or a timer: the dialog is shown from
the event loop afterwards, never inside the failing call (its own event loop would repaint, and fail
again), one at a time: a fault of the program once per run of the desk, a refusal or an outage when
its words are new or were said a while ago (`ShowingHook`). The log keeps every occurrence.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication

from .. import logs
from ..db import explain_failure
from ..errors import GridDeskError
from . import dialogs

# A refusal or an outage said in the same words is not said again sooner: a timer's slot failing every
# fraction of a second while the server is away would otherwise bring the dialog back at once.
SAID_AGAIN_AFTER_S = 60.0


class ShowingHook:
    """Logs as the hook before it did (each occurrence, on any thread), then queues a fault raised on the
    GUI thread to be shown, unless it is a KeyboardInterrupt or was said lately (`_identity`).

    A fault of the program (type and line) is shown once per run. A refusal or a database out of reach is
    the user's to read each time it comes with a new sentence, or again once SAID_AGAIN_AFTER_S passed:
    those of a whole layer raise on one line (`UnitOfWork.require`, the driver's `execute`), so once per
    line would have hidden every later refusal and outage."""

    def __init__(self, previous):
        self.previous = previous
        self._waiting: dict[tuple, BaseException] = {}  # in the order raised
        self._seen: set[tuple] = set()  # faults of the program, shown once per run
        self._said: dict[tuple, float] = {}  # refusals and outages: when each was last said
        self._showing = False

    def __call__(self, kind, value, trace) -> None:
        self.previous(kind, value, trace)
        app = QApplication.instance()
        # Off the GUI thread (a QRunnable, a thread) a message box would crash Qt: logged only.
        if issubclass(kind, KeyboardInterrupt) or app is None or QThread.currentThread() is not app.thread():
            return
        explained = value if isinstance(value, GridDeskError) else explain_failure(value)
        if explained is None:
            fault = _identity(kind, trace)
            if fault in self._seen:
                return
            self._seen.add(fault)
            value.__traceback_text__ = "".join(traceback.format_exception(kind, value, trace))  # logged already
        else:
            fault = (type(explained), explained.message)
            if fault in self._waiting or time.monotonic() - self._said.get(fault, -SAID_AGAIN_AFTER_S) < SAID_AGAIN_AFTER_S:
                return
            value = explained
        self._waiting[fault] = value
        if not self._showing and len(self._waiting) == 1:
            QTimer.singleShot(0, self._show_waiting)

    def _show_waiting(self) -> None:
        """Show the queued faults one after the other; those raised meanwhile join the queue."""
        if self._showing:
            return
        self._showing = True
        try:
            while self._waiting:
                fault = next(iter(self._waiting))
                value = self._waiting.pop(fault)
                said = isinstance(value, GridDeskError)
                if said:  # not queued again while it is in sight
                    self._said[fault] = time.monotonic()
                try:
                    dialogs.show_error(QApplication.activeWindow(), value)
                except Exception:  # the dialog itself failed: kept, never shown in a loop
                    logs.log.exception("a fault could not be shown")
                if said:  # and the quiet time counted from when it was read: the dialog closed
                    self._said[fault] = time.monotonic()
        finally:
            self._showing = False


def _identity(kind, trace) -> tuple:
    """The same fault: of the same type, raised on the same line, whatever its message (a model's `data()`
    names a different cell each time)."""
    where = traceback.extract_tb(trace)[-1] if trace is not None else None
    return kind, (where.filename, where.lineno) if where else None


def install() -> Callable[[], None]:
    """Show uncaught exceptions from now on; returns what puts the previous hook back."""
    previous = sys.excepthook
    sys.excepthook = ShowingHook(previous)
    return lambda: setattr(sys, "excepthook", previous)
