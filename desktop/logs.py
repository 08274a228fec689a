"""The program's log file: what goes wrong out of sight, kept for whoever looks after the desk.

A background task that failed unexpectedly, the live listener losing and finding the server,
deadlines not recounted after an upgrade: the desktop shows some of it in a message box, or
nothing (a windowed Windows build has no console), and the command line, run at night by the
task scheduler, writes to a standard error nobody reads. Each program writes its own file (two
processes must not rotate one file) in the user's log folder (%LOCALAPPDATA%\\GridDesk\\Logs on
Windows, ~/.local/state/GridDesk/log on Linux), rotated at LOG_BYTES, LOG_BACKUPS kept.
Who did what is not logged here: that is the audit log in the database.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_BYTES = 2_000_000
LOG_BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"

log = logging.getLogger("desktop")


def log_folder() -> Path:
    from platformdirs import user_log_path

    return user_log_path("GridDesk", appauthor=False, ensure_exists=True)


def start_logging(program: str) -> Path:
    """Log INFO and above of the program's own loggers to `program`.log; also what nothing caught.
    Called again (a test, a second window), it adds no second handler. Returns the file's path."""
    path = log_folder() / f"{program}.log"
    if not any(getattr(handler, "baseFilename", None) == str(path) for handler in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8",
                                      delay=True)
        handler.setFormatter(logging.Formatter(FORMAT))
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    if not getattr(sys.excepthook, "logs_to_file", False):
        sys.excepthook = _logging_hook(sys.excepthook)
    return path


def log_file() -> Path | None:
    """The file this program logs to, to name where a person is told to look (None before start_logging)."""
    paths = [handler.baseFilename for handler in log.handlers if getattr(handler, "baseFilename", None)]
    return Path(paths[-1]) if paths else None


def _logging_hook(previous):
    """An exception nothing caught (in a Qt slot it does not end the program): logged, then shown
    as before."""
    def hook(kind, value, trace) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            log.critical("uncaught exception", exc_info=(kind, value, trace))
        previous(kind, value, trace)
    hook.logs_to_file = True
    return hook
