"""An exception raised in a slot that has no handler of its own is shown, not only logged.

pytest-qt catches such exceptions with a hook of its own (and fails the test); these tests turn
that off (`qt_no_exception_capture`) so that the desk's hook is the one Qt's slots reach.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

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


def test_a_fault_in_a_clicked_slot_is_shown_and_handed_on_to_be_logged(qtbot, hook):
    """The click had seemed to do nothing: the trace went to the log only."""
    shown, passed_on = hook
    fault = ZeroDivisionError("division by zero")
    _button_raising(qtbot, fault).click()
    assert shown == [fault] and passed_on == [fault]
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


def test_a_fault_while_the_fault_is_shown_is_logged_not_shown_again(qtbot, hook, monkeypatch, caplog):
    shown, passed_on = hook

    def failing_dialog(parent, exc) -> None:
        shown.append(exc)
        sys.excepthook(ValueError, ValueError("the dialog failed"), None)  # as a slot run by its event loop would
        raise RuntimeError("the dialog itself broke")
    monkeypatch.setattr(dialogs, "show_error", failing_dialog)
    _button_raising(qtbot, KeyError("first")).click()
    assert len(shown) == 1 and len(passed_on) == 2
    assert "a fault could not be shown" in caplog.text
    _button_raising(qtbot, KeyError("another")).click()  # the hook is not stuck in "showing"
    assert len(shown) == 2


def test_a_keyboard_interrupt_is_left_to_the_hook_before(hook):
    shown, passed_on = hook
    interrupt = KeyboardInterrupt()
    sys.excepthook(KeyboardInterrupt, interrupt, None)
    assert shown == [] and passed_on == [interrupt]
