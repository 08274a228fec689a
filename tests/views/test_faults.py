"""An exception raised in a slot that has no handler of its own is shown, not only logged.

pytest-qt catches such exceptions with a hook of its own (and fails the test); these tests turn
that off (`qt_no_exception_capture`) so that the desk's hook is the one Qt's slots reach.
"""

from __future__ import annotations

import sys
import threading
import time

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRunnable, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QTableView

from desktop.errors import DatabaseUnavailable, PermissionDenied
from desktop.views import dialogs, faults

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def hook(monkeypatch):
    """The desk's hook over a recording one; yields (what was shown, what the hook before it got)."""
    shown, passed_on = [], []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, trace: passed_on.append(value))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: shown.append(exc))
    before = sys.excepthook
    restore = faults.install()
    yield shown, passed_on
    restore()
    assert sys.excepthook is before


def _button_raising(qtbot, exc: BaseException) -> QPushButton:
    button = QPushButton()
    qtbot.addWidget(button)

    def fail() -> None:
        raise exc
    button.clicked.connect(fail)
    return button


def test_a_fault_in_a_clicked_slot_is_shown_after_the_slot_and_handed_on_to_be_logged(qtbot, hook):
    """The click had seemed to do nothing: the trace went to the log only."""
    shown, passed_on = hook
    fault = ZeroDivisionError("division by zero")
    _button_raising(qtbot, fault).click()
    assert shown == [] and passed_on == [fault]  # not inside the call that failed: from the event loop
    qtbot.waitUntil(lambda: shown == [fault])
    assert "ZeroDivisionError" in fault.__traceback_text__  # under "Show Details…", not logged a second time


def test_a_refusal_or_a_lost_database_that_escapes_is_shown_in_its_own_words(qtbot, hook):
    import psycopg
    from sqlalchemy.exc import OperationalError

    shown, _ = hook
    refusal = PermissionDenied("没有该权限")
    _button_raising(qtbot, refusal).click()
    lost = OperationalError.instance("SELECT", {}, psycopg.OperationalError("server closed the connection"),
                                     psycopg.Error)
    _button_raising(qtbot, lost).click()
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert shown[0] is refusal
    assert isinstance(shown[1], DatabaseUnavailable) and "连接中断" in shown[1].message


def test_a_timer_slot_failing_again_and_again_is_shown_once_and_logged_each_time(qtbot, hook):
    """Fifty dialogs had stacked up, one per tick."""
    shown, passed_on = hook
    ticks = []

    def tick() -> None:
        ticks.append(1)
        raise RuntimeError("the same fault every tick")
    timer = QTimer(interval=10, timeout=tick)
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 10)
    timer.stop()
    assert len(shown) == 1 and len(passed_on) == len(ticks)


def test_a_fault_that_recurs_long_after_its_dialog_closed_is_not_shown_again(qtbot, hook, monkeypatch):
    """A timer failing every minute brought the same dialog back every minute, for as long as the desk ran."""
    shown, passed_on = hook
    button = _button_raising(qtbot, RuntimeError("the timer's fault"))
    button.click()
    qtbot.waitUntil(lambda: len(shown) == 1)
    an_hour_later = time.monotonic() + 3600
    with monkeypatch.context() as later:
        later.setattr(time, "monotonic", lambda: an_hour_later)
        button.click()
        QApplication.processEvents()
    QApplication.processEvents()
    assert len(shown) == 1 and len(passed_on) == 2


def test_a_models_data_failing_for_every_cell_is_one_fault_shown_once(qtbot, hook):
    """Each cell's KeyError named its own cell: a new fault each time, a dialog after every dialog."""
    shown, passed_on = hook

    class Failing(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()) -> int:
            return 0 if parent.isValid() else 3

        def columnCount(self, parent=QModelIndex()) -> int:
            return 0 if parent.isValid() else 2

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                raise KeyError(f"row {index.row()} col {index.column()}")
            return None

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(Failing(view))
    view.show()
    qtbot.waitUntil(lambda: len(passed_on) >= 6)
    qtbot.waitUntil(lambda: len(shown) == 1)
    painted = len(passed_on)
    view.viewport().update()  # after the dialog closed, the cells fail again
    qtbot.waitUntil(lambda: len(passed_on) > painted)
    QApplication.processEvents()
    assert len(shown) == 1 and len({str(fault) for fault in passed_on}) >= 6


def test_faults_raised_while_a_fault_is_shown_wait_for_it_to_close(qtbot, hook, monkeypatch, caplog):
    """One dialog at a time; what failed meanwhile (its own repaint again, or something else) comes after."""
    shown, passed_on = hook
    open_now, most_open = [0], [0]
    other = _button_raising(qtbot, ValueError("something else"))

    def modal_dialog(parent, exc) -> None:
        shown.append(exc)
        open_now[0] += 1
        most_open[0] = max(most_open[0], open_now[0])
        if len(shown) == 1:  # as slots run by the dialog's event loop would
            first.click()
            other.click()
            QApplication.processEvents()
        open_now[0] -= 1
        if len(shown) == 1:
            raise RuntimeError("the dialog itself broke")
    monkeypatch.setattr(dialogs, "show_error", modal_dialog)
    first = _button_raising(qtbot, KeyError("first"))
    first.click()
    qtbot.waitUntil(lambda: len(shown) == 2)
    QApplication.processEvents()
    assert [type(exc) for exc in shown] == [KeyError, ValueError] and len(passed_on) == 3
    assert most_open[0] == 1
    assert "a fault could not be shown" in caplog.text


def test_a_fault_on_another_thread_is_logged_never_shown(qtbot, hook):
    """A QMessageBox built off the GUI thread crashes Qt."""
    shown, passed_on = hook

    class Failing(QRunnable):
        def run(self) -> None:
            raise RuntimeError("in a pool thread")

    def thread_hook() -> None:
        try:
            raise RuntimeError("in a thread")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())  # as a thread's excepthook handing on to sys.excepthook does
    pool = QThreadPool()
    pool.start(Failing())
    pool.waitForDone()
    worker = threading.Thread(target=thread_hook)
    worker.start()
    worker.join()
    QApplication.processEvents()
    assert sorted(str(exc) for exc in passed_on) == ["in a pool thread", "in a thread"]
    assert shown == []


def test_a_keyboard_interrupt_is_left_to_the_hook_before(hook):
    shown, passed_on = hook
    interrupt = KeyboardInterrupt()
    sys.excepthook(KeyboardInterrupt, interrupt, None)
    assert shown == [] and passed_on == [interrupt]


def test_refusals_raised_on_one_line_are_each_shown_and_the_same_one_again_after_a_while(qtbot, hook, monkeypatch):
    """Every refusal of a layer is raised on one line (UnitOfWork.require): once per line had shown the
    first refusal of the day and hidden every later one, and every later outage."""
    shown, passed_on = hook

    def refuse(message: str) -> None:
        raise PermissionDenied(message)  # one line for all, as in the services
    dispatch, export = QPushButton(), QPushButton()
    for button, message in ((dispatch, "没有派遣的权限"), (export, "没有导出的权限")):
        qtbot.addWidget(button)
        button.clicked.connect(lambda _=False, m=message: refuse(m))
    dispatch.click()
    export.click()
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert [e.message for e in shown] == ["没有派遣的权限", "没有导出的权限"]
    dispatch.click()  # the same sentence at once: read a moment ago, not said again
    QApplication.processEvents()
    QApplication.processEvents()
    assert len(shown) == 2 and len(passed_on) == 3
    a_while_later = time.monotonic() + faults.SAID_AGAIN_AFTER_S + 1
    with monkeypatch.context() as later:
        later.setattr(time, "monotonic", lambda: a_while_later)
        dispatch.click()
        qtbot.waitUntil(lambda: len(shown) == 3)
    assert shown[2].message == "没有派遣的权限"
