"""Races made deterministic on PostgreSQL: a step started on a thread of its own is seen waiting for
a lock the test holds, and the test decides what happens before it goes on."""

from __future__ import annotations

import threading
import time

from alembic import command
from sqlalchemy import text

from desktop.db import Database

NEWER = "0099_from_a_newer_version"


def wait_for_a_lock(db: Database, waiting: int = 1, timeout: float = 10.0) -> None:
    """Until `waiting` transactions of the database wait for a lock another holds."""
    deadline = time.monotonic() + timeout
    with db.engine.connect() as conn:
        while conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND wait_event_type = 'Lock'")) < waiting:
            assert time.monotonic() < deadline, "nobody waited"
            time.sleep(0.05)
            conn.rollback()


def run(target, *args) -> tuple[threading.Thread, list]:
    """`target(*args)` in a thread of its own; the list receives what it returned or raised."""
    outcome = []

    def body():
        try:
            outcome.append(target(*args))
        except Exception as exc:
            outcome.append(exc)

    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    return thread, outcome


def a_newer_upgrade(monkeypatch, upgrading: threading.Event, release: threading.Event | None = None):
    """migrate.upgrade runs, in place of this version's migrations, a data migration filling a column of
    every row there is, then records a revision this version does not know (waiting for `release`)."""
    def upgrade(config, target):
        conn = config.attributes["connection"]
        conn.execute(text("UPDATE change_feed SET note = 'backfilled' WHERE note IS NULL"))
        conn.execute(text("UPDATE alembic_version SET version_num = :newer"), {"newer": NEWER})
        upgrading.set()
        if release is not None:
            assert release.wait(20)

    monkeypatch.setattr(command, "upgrade", upgrade)
