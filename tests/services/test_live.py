"""Live updates across desktops: two Database objects on one database, as two desktops would be."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop import migrate
from desktop.db import Database
from desktop.services import live, places

VILLAGE = "450502001003"


class Recorder:
    """Collects what a listener reports, from its thread; tests wait on it."""

    def __init__(self):
        self.changes: list[live.FeedChange] = []
        self.states: list[live.LiveState] = []
        self._cond = threading.Condition()

    def on_changes(self, batch):
        with self._cond:
            self.changes.extend(batch)
            self._cond.notify_all()

    def on_state(self, state):
        with self._cond:
            self.states.append(state)
            self._cond.notify_all()

    def wait(self, predicate, timeout=10.0, what="condition"):
        with self._cond:
            assert self._cond.wait_for(predicate, timeout), f"timed out waiting for {what}: {self.states} {self.changes}"

    def wait_state(self, state, count=1, timeout=10.0):
        self.wait(lambda: self.states.count(state) >= count, timeout, f"{state} ×{count}")

    def wait_entity(self, entity_id, timeout=10.0):
        self.wait(lambda: any(c.entity_id == entity_id for c in self.changes), timeout, f"entity {entity_id}")


def other_desktop(db: Database) -> Database:
    """A second desktop on the same database: its own engine and connections."""
    return Database.connect(db.engine.url.render_as_string(hide_password=False))


def a_desk_with_one_pooled_connection(db: Database) -> Database:
    """A desk whose pool a long task holds whole by taking one connection; waiting for it fails soon."""
    from desktop.db import make_engine

    return Database(make_engine(db.engine.url.render_as_string(hide_password=False),
                                pool_size=1, max_overflow=0, pool_timeout=0.5))


def add_grid(db, actor, n: int) -> int:
    return places.create_grid(db, actor, village_code=VILLAGE, code=f"{VILLAGE}{n:03d}", name=f"测试网格{n}").id


@pytest.fixture
def second(db):
    other = other_desktop(db)
    yield other
    other.dispose()


@pytest.fixture
def watching(second):
    """A started listener on the second desktop, and what it recorded."""
    recorder = Recorder()
    listener = live.listener_for(second, recorder.on_changes, recorder.on_state)
    listener.start()
    recorder.wait_state(live.LiveState.CONNECTED)
    yield listener, recorder
    listener.stop()


def test_change_on_one_desktop_reaches_the_others_listener(db, backend, system, watching):
    listener, recorder = watching
    assert isinstance(listener, live.NotifyListener if backend == "postgresql" else live.PollingListener)
    grid_id = add_grid(db, system, 1)
    recorder.wait_entity(grid_id)
    # Only what happened after the listener started: the reference tree's own changes are history.
    assert [(c.topic, c.entity_id, c.desktop) for c in recorder.changes] == [("places", grid_id, system.desktop)]
    assert recorder.changes[0].id == listener.last_seen


def test_every_change_arrives_once_and_in_order_after_a_burst(db, system, watching):
    listener, recorder = watching
    grid_ids = [add_grid(db, system, n) for n in range(1, 21)]
    recorder.wait_entity(grid_ids[-1])
    assert [c.entity_id for c in recorder.changes] == grid_ids


def test_stop_ends_the_thread_and_no_callback_follows(db, system, second):
    recorder = Recorder()
    listener = live.listener_for(second, recorder.on_changes, recorder.on_state)
    listener.start()
    recorder.wait_state(live.LiveState.CONNECTED)
    listener.stop(timeout=2.0)
    assert not listener.running
    add_grid(db, system, 1)
    time.sleep(0.6)  # longer than a poll interval: a stopped listener must stay silent
    assert recorder.changes == []


def test_a_failing_callback_does_not_end_live_updates(db, system, second):
    recorder = Recorder()

    def flaky(batch):
        recorder.on_changes(batch)
        if len(recorder.changes) == 1:
            raise RuntimeError("consumer bug")

    listener = live.listener_for(second, flaky, recorder.on_state)
    listener.start()
    try:
        recorder.wait_state(live.LiveState.CONNECTED)
        first = add_grid(db, system, 1)
        recorder.wait_entity(first)
        recorder.wait_entity(add_grid(db, system, 2))
    finally:
        listener.stop()


def test_an_unreachable_server_is_reported_and_stop_still_returns_at_once():
    nowhere = Database.connect("postgresql://postgres@127.0.0.1:1/griddesk", check=False)
    recorder = Recorder()
    listener = live.listener_for(nowhere, recorder.on_changes, recorder.on_state)
    assert isinstance(listener, live.NotifyListener)
    listener.start()
    try:
        recorder.wait_state(live.LiveState.RECONNECTING)
        time.sleep(0.6)  # into the growing backoff between attempts
    finally:
        started = time.monotonic()
        listener.stop(timeout=5.0)
    assert not listener.running and time.monotonic() - started < 1.0
    assert recorder.states == [live.LiveState.RECONNECTING]
    nowhere.dispose()


def test_polling_recovers_once_the_feed_can_be_read(tmp_path, system, caplog):
    """…logging the trace of the first failed attempt only: every 0.3 s for an hour-long outage, the same
    trace had rotated the whole log (five files of 2 MB) away."""
    fresh = Database.connect(f"sqlite:///{tmp_path / 'fresh.sqlite'}")  # no tables yet
    recorder = Recorder()
    listener = live.listener_for(fresh, recorder.on_changes, recorder.on_state)
    caplog.set_level("INFO", logger="desktop.services.live")
    listener.start()
    try:
        recorder.wait_state(live.LiveState.RECONNECTING)
        time.sleep(1.0)  # several attempts more
        migrate.upgrade(fresh)
        recorder.wait_state(live.LiveState.CONNECTED)
        assert recorder.states == [live.LiveState.RECONNECTING, live.LiveState.CONNECTED]
    finally:
        listener.stop()
        fresh.dispose()
    logged = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert logged[0] == ("WARNING", "polling the change feed failed; retrying") and caplog.records[0].exc_info
    assert len(logged) == 2 and logged[1][0] == "INFO" and logged[1][1].startswith("live updates back after ")


def _terminate(db: Database, pid: int) -> None:
    with db.engine.connect() as conn:
        assert conn.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})


def _gated_reconnects(listener: live.NotifyListener) -> threading.Event:
    """Hold the listener's reconnects until the returned event is set (initially open)."""
    gate = threading.Event()
    gate.set()
    connect = listener._connect

    def gated():
        assert gate.wait(20), "reconnect gate never opened"
        return connect()

    listener._connect = gated
    return gate


def test_after_its_connection_is_killed_the_listener_reconnects_and_catches_up(pg_db, system):
    second = other_desktop(pg_db)
    recorder = Recorder()
    listener = live.listener_for(second, recorder.on_changes, recorder.on_state)
    gate = _gated_reconnects(listener)
    listener.start()
    try:
        recorder.wait_state(live.LiveState.CONNECTED)
        before = add_grid(pg_db, system, 1)
        recorder.wait_entity(before)
        with second.engine.connect() as conn:
            application = conn.scalar(text("SELECT application_name FROM pg_stat_activity WHERE pid = :pid"),
                                      {"pid": listener.backend_pid})
        assert application == live.APPLICATION_NAME
        old_pid = listener.backend_pid

        gate.clear()
        _terminate(pg_db, old_pid)
        recorder.wait_state(live.LiveState.RECONNECTING)
        # Committed while the listener has no connection: no notification can reach it.
        missed = [add_grid(pg_db, system, n) for n in (2, 3)]
        gate.set()

        recorder.wait_state(live.LiveState.CONNECTED, count=2)
        recorder.wait_entity(missed[-1])
        assert recorder.states == [live.LiveState.CONNECTED, live.LiveState.RECONNECTING, live.LiveState.CONNECTED]
        assert [c.entity_id for c in recorder.changes] == [before, *missed]
        assert listener.backend_pid not in (None, old_pid)

        after = add_grid(pg_db, system, 4)  # and live notifications flow again
        recorder.wait_entity(after)
    finally:
        listener.stop()
        second.dispose()


@pytest.mark.skipif(os.environ.get("GRIDDESK_TEST_PG_RESTART") != "1",
                    reason="restarts the PostgreSQL server; set GRIDDESK_TEST_PG_RESTART=1")
def test_after_a_server_restart_the_listener_reconnects(pg_db, system, postgresql_server):
    second = other_desktop(pg_db)
    recorder = Recorder()
    listener = live.listener_for(second, recorder.on_changes, recorder.on_state)
    listener.start()
    try:
        recorder.wait_state(live.LiveState.CONNECTED)
        versions = sorted(p.name for p in Path("/etc/postgresql").iterdir())
        with postgresql_server.exclusive():  # other workers' tests keep their connections meanwhile
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "restart"],
                           check=True, timeout=120)
        recorder.wait_state(live.LiveState.RECONNECTING, timeout=30)
        recorder.wait_state(live.LiveState.CONNECTED, count=2, timeout=60)
        grid_id = add_grid(pg_db, system, 1)
        recorder.wait_entity(grid_id)
    finally:
        listener.stop()
        second.dispose()


def test_catch_up_rereads_a_margin_for_late_commits_and_never_delivers_twice(db):
    """PostgreSQL commits need not follow id order: a change whose id is below the last one
    seen but that committed during an outage is still delivered by the reconnect's catch-up."""
    from sqlalchemy import insert

    from desktop.models import ChangeFeed
    from desktop.services.live import CATCH_UP_MARGIN, PollingListener

    got: list[int] = []
    listener = PollingListener(db, lambda changes: got.extend(c.id for c in changes))

    def catch_up(margin=0):
        with db.engine.connect() as conn:
            listener._catch_up(lambda stmt: conn.execute(stmt).all(), margin)

    with db.engine.begin() as conn:
        conn.execute(insert(ChangeFeed), [{"id": 10, "topic": "cases"}])
    catch_up()  # the start: history up to id 10 is not news
    with db.engine.begin() as conn:
        conn.execute(insert(ChangeFeed), [{"id": i, "topic": "cases"} for i in (11, 13, 14)])
    catch_up()
    assert got == [11, 13, 14]
    with db.engine.begin() as conn:  # id 12 was drawn earlier but commits only now
        conn.execute(insert(ChangeFeed), [{"id": 12, "topic": "cases"}])
    catch_up()
    assert got == [11, 13, 14]  # plain polling reads past the last id only
    catch_up(CATCH_UP_MARGIN)
    assert got == [11, 13, 14, 12]  # the reconnect's margin finds it, and nothing twice
    catch_up(CATCH_UP_MARGIN)
    assert got == [11, 13, 14, 12]


def test_a_desk_running_while_a_newer_griddesk_upgrades_the_database_is_told_and_writes_nothing(
        db, system, watching):
    """Desks left running on the older program went on writing with the older model."""
    from desktop.errors import DatabaseUnavailable
    from desktop.models import Place

    listener, recorder = watching
    listener.schema_check_interval = 0.1  # PostgreSQL: no notification says it; looked at every few seconds
    add_grid(db, system, 1)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_a_newer_version'"))
    recorder.wait_state(live.LiveState.UPGRADED)
    listener._thread.join(2.0)
    assert not listener.running  # for good: the feed may no longer be what this version reads
    with pytest.raises(DatabaseUnavailable, match="数据库已被更新版本的网格指挥台升级,请保存/记下手头的工作后关闭并"
                                                  r"更新本程序\(结构版本 0099_from_a_newer_version\);本次操作未保存"):
        add_grid(db, system, 2)
    with db.session() as session:
        assert session.query(Place).filter(Place.code.like(f"{VILLAGE}00_")).count() == 1


def test_the_schema_is_looked_at_on_the_listening_connection_when_long_tasks_hold_every_pooled_one(pg_db):
    """It borrowed a pooled connection every few seconds: with all of them taken it waited out the pool's
    timeout and the desk said the connection was lost, nothing being down."""
    desk = a_desk_with_one_pooled_connection(pg_db)
    recorder = Recorder()
    listener = live.listener_for(desk, recorder.on_changes, recorder.on_state)
    listener.schema_check_interval = 0.1
    listener.start()
    try:
        recorder.wait_state(live.LiveState.CONNECTED)
        with desk.engine.connect() as long_task:
            long_task.execute(text("SELECT 1"))
            time.sleep(1.0)  # checks many, none of them waiting for the pool
            with pg_db.engine.begin() as conn:
                conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_a_newer_version'"))
            recorder.wait_state(live.LiveState.UPGRADED)
        assert recorder.states == [live.LiveState.CONNECTED, live.LiveState.UPGRADED]
    finally:
        listener.stop()
        desk.dispose()


def test_a_reconnect_catches_up_on_the_listening_connection_when_long_tasks_hold_every_pooled_one(pg_db, system):
    """The catch-up borrowed a pooled connection: with all of them taken it waited out the pool's timeout,
    failed, and the desk said the connection was lost, nothing being down."""
    desk = a_desk_with_one_pooled_connection(pg_db)
    recorder = Recorder()
    listener = live.listener_for(desk, recorder.on_changes, recorder.on_state)
    gate = _gated_reconnects(listener)
    listener.start()
    try:
        recorder.wait_state(live.LiveState.CONNECTED)
        with desk.engine.connect() as long_task:
            long_task.execute(text("SELECT 1"))
            gate.clear()
            _terminate(pg_db, listener.backend_pid)
            recorder.wait_state(live.LiveState.RECONNECTING)
            missed = add_grid(pg_db, system, 1)
            gate.set()
            recorder.wait_entity(missed)
            recorder.wait_state(live.LiveState.CONNECTED, count=2)  # said once the catch-up has delivered
        assert recorder.states == [live.LiveState.CONNECTED, live.LiveState.RECONNECTING, live.LiveState.CONNECTED]
    finally:
        listener.stop()
        desk.dispose()
