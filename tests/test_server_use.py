"""The lock that keeps the server-restart test from pulling PostgreSQL from under another worker's test."""

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import server_use
from server_use import ServerUse

pytestmark = pytest.mark.skipif(server_use.fcntl is None, reason="flock is POSIX")

# Another process (another pytest-xdist worker) asking for the server alone, without waiting.
_ALONE = "import fcntl, sys; fcntl.flock(open(sys.argv[1], 'a+b'), fcntl.LOCK_EX | fcntl.LOCK_NB)"
# Another process's test opening a database of its own, without waiting.
_SHARE = "import fcntl, sys; fcntl.flock(open(sys.argv[1], 'a+b'), fcntl.LOCK_SH | fcntl.LOCK_NB)"


def _other_worker_may(script, path) -> bool:
    return subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True).returncode == 0


def test_a_restart_waits_while_any_test_has_a_database_and_others_wait_for_it(tmp_path):
    path = tmp_path / "server.lock"
    use = ServerUse(path)
    with use.shared():
        with use.shared():  # a second database in the same test
            assert not _other_worker_may(_ALONE, path)
            assert _other_worker_may(_SHARE, path)
        assert not _other_worker_may(_ALONE, path)  # still held by the first
        with use.exclusive():
            assert not _other_worker_may(_SHARE, path)
        assert _other_worker_may(_SHARE, path)
    assert _other_worker_may(_ALONE, path)
    assert use.file is None


# Another worker's test opening a database through ServerUse, waiting as long as it must.
_NEWCOMER = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]); from server_use import ServerUse\n"
             "with ServerUse(Path(sys.argv[1])).shared(): pass")


def test_a_restart_waiting_for_the_tests_under_way_lets_no_new_one_start_before_it(tmp_path):
    """flock prefers no one: with workers taking turns on the shared lock, the restart waited minutes."""
    path = tmp_path / "server.lock"
    under_way = subprocess.Popen([sys.executable, "-c", "import fcntl, sys; f = open(sys.argv[1], 'a+b'); "
                                  "fcntl.flock(f, fcntl.LOCK_SH); print(flush=True); sys.stdin.read()", str(path)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    under_way.stdout.readline()  # another worker's test has its database
    use = ServerUse(path)
    restarted = threading.Event()

    def restart():
        with use.exclusive():
            restarted.set()

    with use.shared():  # the restart test's own database
        waiting = threading.Thread(target=restart)
        waiting.start()
        try:
            while not _turnstile_held(use):
                time.sleep(0.01)
            newcomer = subprocess.Popen([sys.executable, "-c", _NEWCOMER, str(path),
                                         str(Path(server_use.__file__).parent)])
            with pytest.raises(subprocess.TimeoutExpired):
                newcomer.wait(timeout=1.5)  # it waits behind the restart
            assert not restarted.is_set()
        finally:
            under_way.communicate("")  # the test under way ends
        waiting.join(timeout=10)
    assert restarted.is_set() and newcomer.wait(timeout=10) == 0


def _turnstile_held(use: ServerUse) -> bool:
    return not _other_worker_may(_ALONE, use.turnstile)


# A restart test of another run on this machine: its own database, then the server alone.
_RESTART = ("import sys, time; from pathlib import Path; sys.path.insert(0, sys.argv[2]); from server_use import ServerUse\n"
            "use = ServerUse(Path(sys.argv[1]))\n"
            "with use.shared():\n"
            "    time.sleep(0.5)\n"
            "    with use.exclusive(): pass")


def test_two_restarts_at_once_each_have_the_server_alone_in_turn(tmp_path):
    """Each held the server shared while waiting at the other's turnstile: both waited for ever."""
    path, here = tmp_path / "server.lock", str(Path(server_use.__file__).parent)
    restarts = [subprocess.Popen([sys.executable, "-c", _RESTART, str(path), here]) for _ in range(2)]
    try:
        assert [restart.wait(timeout=20) for restart in restarts] == [0, 0]
    finally:
        for restart in restarts:
            restart.kill()
