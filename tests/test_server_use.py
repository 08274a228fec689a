"""The lock that keeps the server-restart test from pulling PostgreSQL from under another worker's test."""

import subprocess
import sys

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
