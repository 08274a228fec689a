"""The task runner: answers reach the GUI thread, and not a widget that was deleted meanwhile."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialog

from desktop.tasks import TaskRunner


class _Listener(QDialog):
    def __init__(self):
        super().__init__()
        self.heard: list = []

    def done_with(self, result) -> None:
        self.heard.append(result)
        self.setWindowTitle(str(result))  # touches the C++ object: fails if it was deleted

    def failed_with(self, exc) -> None:
        self.heard.append(exc)
        self.setWindowTitle(str(exc))


def _answer_after(release: threading.Event, outcome):
    release.wait(10)
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def test_an_answer_reaches_its_widget_on_the_gui_thread(qtbot):
    runner, listener = TaskRunner(), _Listener()
    qtbot.addWidget(listener)
    release = threading.Event()
    release.set()
    runner.submit(_answer_after, release, "详情", on_done=listener.done_with, on_error=listener.failed_with)
    qtbot.waitUntil(lambda: listener.heard == ["详情"])
    assert listener.windowTitle() == "详情"


def _answer_a_deleted_listener(qtbot, runner: TaskRunner, callbacks) -> None:
    """For a success and a failure: submit, delete the listener before the answer, then let it answer.
    `callbacks(listener)` gives (on_done, on_error). The answer must be dropped without an error in the slot."""
    for outcome in ("详情", ValueError("数据库暂时无法连接")):
        listener, release = _Listener(), threading.Event()
        on_done, on_error = callbacks(listener)
        runner.submit(_answer_after, release, outcome, on_done=on_done, on_error=on_error)
        destroyed = []
        listener.destroyed.connect(lambda: destroyed.append(True))
        listener.deleteLater()
        qtbot.waitUntil(lambda: destroyed == [True])
        release.set()
        assert runner.wait(10_000)
        qtbot.waitUntil(lambda: not runner.pending)


def test_answers_for_a_closed_and_deleted_dialog_are_dropped(qtbot):
    """A case dialog closed while its load runs is let go; its answer must not touch it."""
    _answer_a_deleted_listener(qtbot, TaskRunner(), lambda listener: (listener.done_with, listener.failed_with))


def test_a_lambda_over_a_deleted_dialog_is_dropped_too_and_one_over_a_live_one_is_not(qtbot):
    """Dialogs let go when closed answer through lambdas too (on_done=lambda r: self._saved(done, r))."""
    runner, kept = TaskRunner(), []
    _answer_a_deleted_listener(qtbot, runner, lambda listener: (lambda result: listener.done_with(result),
                                                                lambda exc: listener.failed_with(exc)))
    alive, release = _Listener(), threading.Event()
    qtbot.addWidget(alive)
    release.set()
    runner.submit(_answer_after, release, "详情", on_done=lambda result: (kept.append(result), alive.done_with(result)))
    qtbot.waitUntil(lambda: kept == ["详情"])
    assert alive.windowTitle() == "详情"


def test_a_page_load_never_waits_behind_long_tasks(qtbot):
    """Four imports or print batches at once (tasks that report progress) leave a thread for the queue."""
    runner, release, heard = TaskRunner(), threading.Event(), []

    def long_task(progress):
        release.wait(10)
        return "长任务"

    try:
        for _ in range(4):
            runner.submit(long_task, on_done=heard.append)
        runner.submit(lambda: "一页案件", on_done=heard.append)
        qtbot.waitUntil(lambda: heard == ["一页案件"], timeout=3000)
    finally:
        release.set()
    assert runner.wait(10_000)
    qtbot.waitUntil(lambda: len(heard) == 5)


def test_a_task_that_fails_unexpectedly_is_logged_with_its_trace_a_refusal_is_not(qtbot, caplog):
    from desktop.errors import ValidationFailed

    runner, listener = TaskRunner(), _Listener()
    qtbot.addWidget(listener)
    release = threading.Event()
    release.set()
    with caplog.at_level("ERROR", logger="desktop.tasks"):
        for outcome in (ValidationFailed("标题必填"), KeyError("grid")):
            runner.submit(_answer_after, release, outcome, on_done=listener.done_with, on_error=listener.failed_with)
            assert runner.wait(10_000)
            qtbot.waitUntil(lambda: not runner.pending)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [("ERROR", "task _answer_after failed")]
    assert "KeyError: 'grid'" in caplog.text


def _failed_statement(orig: Exception):
    from sqlalchemy.exc import DBAPIError

    return DBAPIError.instance("COMMIT", {}, orig, type(orig))  # as SQLAlchemy wraps the driver's error


def test_a_database_that_stopped_answering_is_said_in_chinese_and_logged_as_a_warning_with_its_trace(
        qtbot, caplog):
    """A full disk or a PostgreSQL server out of reach had reached the user as SQLAlchemy's English text
    (with its sqlalche.me link and a traceback under Details), and a panel that expects only refusals
    (the roster, the log-in) raised it again in its slot."""
    import sqlite3

    import psycopg

    from desktop.errors import DatabaseUnavailable

    runner, listener = TaskRunner(), _Listener()
    qtbot.addWidget(listener)
    release = threading.Event()
    release.set()
    failures = {
        "磁盘已满": _failed_statement(sqlite3.OperationalError("database or disk is full")),
        "只读": _failed_statement(sqlite3.OperationalError("attempt to write a readonly database")),
        "已损坏": _failed_statement(sqlite3.DatabaseError("database disk image is malformed")),
        "连接中断": _failed_statement(psycopg.OperationalError(
            'connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection refused')),
    }
    with caplog.at_level("WARNING", logger="desktop.tasks"):
        for outcome in failures.values():
            runner.submit(_answer_after, release, outcome, on_done=listener.done_with, on_error=listener.failed_with)
            assert runner.wait(10_000)
            qtbot.waitUntil(lambda: not runner.pending)
    assert all(isinstance(exc, DatabaseUnavailable) for exc in listener.heard)
    for said, exc in zip(failures, listener.heard):
        assert said in exc.message and "sqlalche.me" not in exc.message
    assert "Connection refused" in listener.heard[-1].message  # the driver's reason, for whoever looks after it
    assert [r.levelname for r in caplog.records] == ["WARNING"] * len(failures)
    assert "database or disk is full" in caplog.text and "Traceback" in caplog.text


def test_the_latest_answer_goes_neither_to_an_earlier_request_nor_to_a_window_deleted_meanwhile(qtbot):
    from PySide6.QtWidgets import QLabel
    from shiboken6 import delete

    from desktop.views.latest import LatestAnswer

    label = QLabel()
    latest = LatestAnswer()
    earlier, later = latest.send()(label.setText), latest.send()(label.setText)
    later("后问的")
    earlier("先问的")  # landing last
    assert label.text() == "后问的"
    again = latest.send()(label.setText)
    delete(label)
    again("窗口已关闭")  # would raise RuntimeError on the deleted label
