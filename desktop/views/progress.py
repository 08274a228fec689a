"""A progress bar, a status line and a Cancel button for a dialog that runs one long task at a time.

Built on `desktop.tasks`: the work runs off the GUI thread, reports through `Progress`, and
Cancel sets the flag the work polls. The dialog supplies the texts; this holds the plumbing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QWidget

from ..tasks import Cancelled, Progress
from . import dialogs

Report = Callable[[int, int, str], None]


class TaskProgress(QObject):
    """Owns `bar`, `status` and `cancel_button`; the dialog lays them out where it likes."""

    busy_changed = Signal(bool)  # the dialog enables or disables its own start button on it

    def __init__(self, tasks, parent: QWidget):
        super().__init__(parent)
        self.tasks = tasks
        self.running: Progress | None = None
        # Busy from start() on, not from when a worker thread takes the job up: until then the dialog's
        # start button would stay enabled (a second click started the same import again beside it).
        self._busy = False
        self._cancel_asked = False  # Cancel pressed before the job started: it is cancelled as it starts
        self.cancelled = False  # how the last job ended: stopped by Cancel, or not
        self.bar = QProgressBar()
        self.bar.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.retranslate()

    def retranslate(self) -> None:
        """Called from the dialog's own retranslate."""
        self.cancel_button.setText(self.tr("取消"))

    @property
    def busy(self) -> bool:
        return self._busy

    def start(self, work: Callable[[Report], Any], *, status: str, describe: Callable[[int, int, str], str],
              on_done: Callable[[Any], None], cancelled: str,
              on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run `work(report)` off the GUI thread.

        `describe(done, total, what)` turns a report into the status line; `cancelled` is the
        status line after Cancel; `on_error` handles other failures (default: the error dialog).
        """

        def job(progress: Progress):
            self.running = progress  # Cancel reaches the job through it, whichever runner runs it
            if self._cancel_asked:
                progress.cancel()
            return work(progress.report)

        def progressed(done: int, total: int, what: str) -> None:
            self.status.setText(describe(done, total, what))
            self.bar.setRange(0, total)
            self.bar.setValue(done)

        def done(result) -> None:
            self.cancelled = False
            self._finish()
            on_done(result)

        def failed(exc: BaseException) -> None:
            self.cancelled = isinstance(exc, Cancelled)
            self._finish()
            if isinstance(exc, Cancelled):
                self.status.setText(cancelled)
            else:
                (on_error or self.show_error)(exc)

        self._busy, self._cancel_asked = True, False
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.setEnabled(True)
        self.status.setText(status)
        self.busy_changed.emit(True)
        self.tasks.submit(job, on_done=done, on_error=failed, on_progress=progressed)

    def cancel(self) -> None:
        if self._busy:
            self._cancel_asked = True
            if self.running is not None:
                self.running.cancel()
            self.status.setText(self.tr("正在取消…"))

    def show_error(self, exc: BaseException) -> None:
        """Clear the status line and show the error in a dialog."""
        self.status.setText("")
        dialogs.show_error(self.parent(), exc)

    def _finish(self) -> None:
        self.running = None
        self._busy = False
        self.bar.hide()
        self.cancel_button.setEnabled(False)
        self.busy_changed.emit(False)


class StopsOnClose:
    """For a dialog running its work through `self.task` (a TaskProgress): closed while the work runs (关闭, Esc,
    the window's ×), it asks whether to stop it. Closed without a word, the work had gone on unseen: an import
    was kept and an export written with nobody told. Yes cancels it and closes the dialog once it has stopped —
    all or nothing: nothing imported, no file written. Work that ends anyway (it finished while the question was
    up, or was past its last step) leaves the dialog open on its result. No leaves it open on its progress."""

    def reject(self) -> None:  # QDialog's closeEvent comes here too
        if not self.task.busy:
            super().reject()
            return
        if not dialogs.confirm(self, self.windowTitle(), QCoreApplication.translate(
                "TaskProgress", "尚未完成。停止并关闭窗口?停止后不导入任何内容、不写出文件。")):
            return
        if self.task.busy:  # else it finished while the question was up: its result stays in sight
            self.task.busy_changed.connect(self._stopped, Qt.ConnectionType.SingleShotConnection)
            self.task.cancel()

    def _stopped(self, _busy: bool) -> None:
        if self.task.cancelled:
            super().reject()
