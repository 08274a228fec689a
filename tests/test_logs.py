"""The log file: what goes wrong out of sight is kept for whoever looks after the desk."""

from __future__ import annotations

import logging
import sys

import pytest

from desktop import logs
from desktop.cli import main


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    handlers = list(logs.log.handlers)
    yield lambda program: (tmp_path / "GridDesk" / "log" / f"{program}.log")
    for handler in logs.log.handlers[len(handlers):]:
        handler.close()
        logs.log.removeHandler(handler)


def test_a_warning_from_anywhere_in_the_program_lands_in_its_log_file_once(log_file):
    path = logs.start_logging("griddesk")
    assert logs.start_logging("griddesk") == path == log_file("griddesk")  # a second start adds no handler
    logging.getLogger("desktop.app").warning("deadlines not recounted: %s", "服务器断开")
    logging.getLogger("desktop.services.live").info("listener reconnected")
    for handler in logs.log.handlers:
        handler.flush()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "WARNING" in lines[0] and "desktop.app: deadlines not recounted: 服务器断开" in lines[0]
    assert "INFO" in lines[1] and "listener reconnected" in lines[1]


def test_an_exception_nothing_caught_is_logged_with_its_trace_and_still_shown(log_file, capsys):
    path = logs.start_logging("griddesk")
    try:
        raise ZeroDivisionError("坏了")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    for handler in logs.log.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "CRITICAL" in text and "uncaught exception" in text and "ZeroDivisionError: 坏了" in text
    assert "Traceback" in text and "ZeroDivisionError: 坏了" in capsys.readouterr().err


def test_a_refused_command_is_logged_for_a_run_nobody_watches(log_file, tmp_path, capsys):
    assert main(["--db", f"sqlite:///{tmp_path / 'missing.sqlite'}", "check"]) == 1
    for handler in logs.log.handlers:
        handler.flush()
    text = log_file("griddesk-admin").read_text(encoding="utf-8")
    assert "WARNING" in text and "griddesk-admin check refused:" in text and "missing.sqlite" in text
