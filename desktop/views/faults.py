"""An exception no slot caught, shown to the person at the desk.

PySide6 hands an exception raised in a slot (a click, a timer) to `sys.excepthook` and goes on: the
log keeps it, but the click seems to do nothing. For the life of the desk the hook also shows it,
with `dialogs.show_error`: a refusal or a database out of reach as its own sentence, a fault of the
program with where its trace is kept.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from .. import logs
from ..db import explain_failure
from . import dialogs

# A slot that fails again and again (a timer's, every fraction of a second) is shown once, not in a stack
# of dialogs; the same fault is shown again once it has not been shown for this long.
SAME_FAULT_QUIET_S = 10.0


class ShowingHook:
    """Logs as the hook before it did (each occurrence), then shows the fault unless it is a KeyboardInterrupt,
    one already in sight, one shown within SAME_FAULT_QUIET_S, or one raised while a fault is being shown."""

    def __init__(self, previous):
        self.previous = previous
        self._showing = False
        self._last_shown: dict[tuple, float] = {}

    def __call__(self, kind, value, trace) -> None:
        self.previous(kind, value, trace)
        if issubclass(kind, KeyboardInterrupt) or self._showing or QApplication.instance() is None:
            return
        fault = _identity(kind, value, trace)
        if time.monotonic() - self._last_shown.get(fault, -SAME_FAULT_QUIET_S) < SAME_FAULT_QUIET_S:
            return
        self._showing = True
        try:
            value.__traceback_text__ = "".join(traceback.format_exception(kind, value, trace))  # logged already
            dialogs.show_error(QApplication.activeWindow(), explain_failure(value) or value)
        except Exception:  # the dialog itself failed: kept, never shown in a loop
            logs.log.exception("a fault could not be shown")
        finally:
            self._showing = False
            self._last_shown[fault] = time.monotonic()


def _identity(kind, value, trace) -> tuple:
    """The same fault: of the same type, with the same message, raised on the same line."""
    where = traceback.extract_tb(trace)[-1] if trace is not None else None
    return kind, str(value), (where.filename, where.lineno) if where else None


def install() -> Callable[[], None]:
    """Show uncaught exceptions from now on; returns what puts the previous hook back."""
    previous = sys.excepthook
    sys.excepthook = ShowingHook(previous)
    return lambda: setattr(sys, "excepthook", previous)
