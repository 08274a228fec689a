"""Races made deterministic on PostgreSQL: a step started on a thread of its own is seen waiting for
a lock the test holds, and the test decides what happens before it goes on."""

from __future__ import annotations

import threading
import time

from alembic import command
from sqlalchemy import text

from desktop import migrate
from desktop.db import Database
from desktop.models import ChangeFeed
from desktop.services import places
from desktop.services.unit_of_work import unit_of_work

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


def a_write_under_way(db: Database, actor) -> tuple[threading.Event, threading.Thread, list]:
    """A desk's write (a whole-queue export, say) under way on a thread of its own until the event returned
    is set; the thread, and the list receiving what it returned or raised."""
    started, release = threading.Event(), threading.Event()

    def write():
        with unit_of_work(db, actor, "test.write") as uow:
            uow.session.add(ChangeFeed(topic="cases"))
            started.set()
            assert release.wait(20)

    writing, wrote = run(write)
    assert started.wait(10)
    return release, writing, wrote


def a_write_begun_during_a_newer_upgrade(monkeypatch, upgrader: Database, desk: Database, actor):
    """What a desk's write (a grid added) begun while a newer GridDesk upgrades the database returned or
    raised, the upgrade (run by `upgrader`) having committed meanwhile."""
    upgrading, release = threading.Event(), threading.Event()
    a_newer_upgrade(monkeypatch, upgrading, release)
    upgrade, _ = run(migrate.upgrade, upgrader)
    assert upgrading.wait(10)
    village = "450502001003"
    writing, wrote = run(lambda: places.create_grid(desk, actor, village_code=village, code=f"{village}001",
                                                    name="测试网格1"))
    wait_for_a_lock(desk)  # seen by the desk's role: what another role's session waits for is hidden
    release.set()
    upgrade.join(10)
    writing.join(10)
    return wrote[0]
