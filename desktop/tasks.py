"""Work off the GUI thread: one runner, results and errors posted back to the GUI thread.

A task is a plain callable. If it accepts a ``progress`` keyword it gets a `Progress` to
report on and to poll for cancellation. Tests replace the runner with `SyncTaskRunner`.
"""

from __future__ import annotations

import inspect
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

from .db import explain_failure
from .errors import GridDeskError

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a task when the user pressed Cancel."""


@dataclass
class Progress:
    """Handed to a task: report progress, check for cancellation."""

    _report: Callable[[int, int, str], None] = lambda done, total, text: None
    _cancel: threading.Event = field(default_factory=threading.Event)

    def report(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._report(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


def receiver_gone(callback: Callable | None) -> bool:
    """Is `callback` a method of a Qt object that has been deleted since (a dialog closed meanwhile),
    or a closure over one (a lambda written in such a dialog's method)? It would only fail on it."""
    held = [getattr(callback, "__self__", None)]
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            held.append(cell.cell_contents)
        except ValueError:  # a cell not filled yet
            continue
    return any(isinstance(obj, QObject) and not isValid(obj) for obj in held)


def _wants_progress(fn: Callable) -> bool:
    try:
        return "progress" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def logged_only(_exc: BaseException) -> None:
    """The `on_error` of a background task nobody asked for (a check after a change arrived): its failure
    is in the log already (`_Job.run`), and a lost connection in the status bar, not in a dialog."""


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class _Job(QRunnable):
    def __init__(self, fn, args, kwargs, signals: _Signals):
        super().__init__()
        self.fn, self.args, self.kwargs, self.signals = fn, args, kwargs, signals

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # reported to the GUI thread, never lost
            exc.__traceback_text__ = traceback.format_exc()
            name = getattr(self.fn, "__qualname__", self.fn)
            if unavailable := explain_failure(exc):  # the database, not the program: said so, still kept
                log.warning("task %s: %s", name, unavailable.message, exc_info=exc)
                self.signals.failed.emit(unavailable)
                return
            if not isinstance(exc, (GridDeskError, Cancelled)):  # a fault, not a refusal: kept for support
                log.error("task %s failed", name, exc_info=exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Handle:
    """What `submit` returns: cancel the task, or watch its progress."""

    def __init__(self, progress: Progress, signals: _Signals | None):
        self.progress = progress
        self.signals = signals

    def cancel(self) -> None:
        self.progress.cancel()


class TaskRunner(QObject):
    """Runs tasks on thread pools; callbacks run on the GUI thread.

    A task that reports progress (an import, a print batch, a month's evaluation) is a long one:
    it runs on threads of its own, so that queue pages and lookups never wait behind it. An
    answer for a method of a widget deleted meanwhile (a dialog closed and let go while its load
    ran), or for a lambda over one, is dropped: there is nobody left to show it to.
    """

    def __init__(self, parent: QObject | None = None, max_threads: int = 4, long_threads: int = 2):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self.long_pool = QThreadPool(self)
        self.long_pool.setMaxThreadCount(long_threads)
        self._live: set[_Signals] = set()

    def submit(self, fn: Callable, *args, on_done: Callable | None = None, on_error: Callable | None = None,
               on_progress: Callable[[int, int, str], None] | None = None, **kwargs) -> Handle:
        signals = _Signals()
        progress = Progress(signals.progressed.emit)
        long = _wants_progress(fn)
        if long:
            kwargs["progress"] = progress
        self._live.add(signals)

        @Slot(object)
        def finished(result):
            self._live.discard(signals)
            if on_done and not receiver_gone(on_done):
                on_done(result)

        @Slot(object)
        def failed(exc):
            self._live.discard(signals)
            if receiver_gone(on_error):
                return
            if on_error:
                on_error(exc)
            elif not isinstance(exc, Cancelled):
                raise exc

        signals.done.connect(finished)
        signals.failed.connect(failed)
        if on_progress:
            signals.progressed.connect(on_progress)
        (self.long_pool if long else self.pool).start(_Job(fn, args, kwargs, signals))
        return Handle(progress, signals)

    @property
    def pending(self) -> bool:
        """Is a submitted task still to answer (running, or its answer not yet delivered)?"""
        return bool(self._live)

    def wait(self, msecs: int = 30000) -> bool:
        return self.long_pool.waitForDone(msecs) and self.pool.waitForDone(msecs)


class SyncTaskRunner(QObject):
    """Runs tasks at once on the calling thread (tests)."""

    def submit(self, fn: Callable, *args, on_done=None, on_error=None, on_progress=None, **kwargs) -> Handle:
        progress = Progress(on_progress or (lambda d, t, s: None))
        if _wants_progress(fn):
            kwargs["progress"] = progress
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:
            if on_error is None:
                raise
            on_error(explain_failure(exc) or exc)
        else:
            if on_done:
                on_done(result)
        return Handle(progress, None)

    pending = False  # every task has answered before submit returns

    def wait(self, msecs: int = 0) -> bool:
        return True
