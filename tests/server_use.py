"""Locks between the test processes of one machine: around their use of the PostgreSQL server, and
around building what a run builds once."""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no server-restart test runs there (it needs Debian's pg_ctlcluster)
    fcntl = None
    import msvcrt


@contextmanager
def exclusive_lock(path: Path):
    """One process of the machine at a time inside; released by the kernel if the process dies."""
    with open(path, "a+b") as file:
        if fcntl:
            fcntl.flock(file, fcntl.LOCK_EX)
        else:
            file.seek(0)  # the byte unlocked below
            while True:
                try:
                    msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    time.sleep(0.1)
        try:
            yield
        finally:
            if fcntl:
                fcntl.flock(file, fcntl.LOCK_UN)
            else:
                file.seek(0)
                msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)


def held_for_life(path: Path):
    """An open file locked for as long as this process lives (or the file stays open): `abandoned`
    tells another process that it is gone. None where there is no flock (Windows)."""
    if not fcntl:
        return None
    file = open(path, "a+b")
    fcntl.flock(file, fcntl.LOCK_EX)
    return file


def abandoned(path: Path) -> bool:
    """Whether no living process holds `path` (see `held_for_life`)."""
    if not fcntl:
        return False
    with open(path, "a+b") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


class ServerUse:
    """Which tests, in every worker of every run on this machine, have a PostgreSQL database open.

    The server-restart test must not pull the server from under another worker's test: each test
    holds a shared lock on one file while it has a database, and the restart takes it exclusively.
    flock locks are released by the kernel when a worker dies, so none is left behind.

    A shared lock is taken through a turnstile (a second file, held exclusively a moment), which the
    restart holds while it waits: flock prefers no one, and with five other workers taking turns on the
    shared lock the restart waited 344 s for a moment when none held it.
    """

    def __init__(self, path: Path):
        self.path = path
        self.turnstile = path.with_name(path.name + ".turnstile")
        self.file = None
        self.holders = 0

    @contextmanager
    def shared(self):
        if self.holders == 0 and fcntl:
            with exclusive_lock(self.turnstile):  # not past a restart waiting for the server
                self.file = open(self.path, "a+b")
                fcntl.flock(self.file, fcntl.LOCK_SH)
        self.holders += 1
        try:
            yield
        finally:
            self.holders -= 1
            if self.holders == 0 and self.file:
                self.file.close()  # closing releases the lock
                self.file = None

    @contextmanager
    def exclusive(self):
        """Alone on the server, from a test that holds it shared: waits for the other workers' tests to end."""
        assert self.holders, "exclusive() is taken from inside a test that has a PostgreSQL database"
        if fcntl:
            # Let go first, then the turnstile, then the server alone: always the turnstile before the
            # server, as shared() takes them. Holding the server shared while waiting at the turnstile,
            # two restarts (two runs on one machine) would each wait for the other for ever.
            fcntl.flock(self.file, fcntl.LOCK_UN)
            with exclusive_lock(self.turnstile):  # no test starts on the server while this waits
                fcntl.flock(self.file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl:
                fcntl.flock(self.file, fcntl.LOCK_SH)
