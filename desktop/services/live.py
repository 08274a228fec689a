"""Changes made on other desktops, delivered as they are committed (no Qt).

Every committed unit of work writes `change_feed` rows. A listener watches them from a
background thread and hands each batch to a callback:

- PostgreSQL: a dedicated autocommit psycopg connection LISTENs on the channel the
  `change_feed` trigger NOTIFYs (migration 0002). When the connection drops it reconnects
  with backoff and then catches up from `change_feed` rows it has not seen, so nothing
  committed while it was away is missed.
- SQLite: no notifications exist, so it polls `change_feed` for rows past the last one seen.

Both also read the schema's Alembic revision (SQLite on each poll; PostgreSQL, where an upgrade sends
no notification, on each connect and every few seconds): once a newer GridDesk has upgraded the
database, the listener reports `LiveState.UPGRADED` and stops.

Delivery is at least once: a change is a reason to refresh, so consumers must be idempotent.
PostgreSQL commits need not follow id order — a transaction may draw its id before an outage and
commit during it — so catch-up after a reconnect re-reads `CATCH_UP_MARGIN` ids below the last
one seen and skips the ids it remembers delivering. (SQLite has one writer at a time, so its
ids are committed in order and polling needs no margin.)
Callbacks run on the listener's thread; a GUI must move them to its own thread.
"""

from __future__ import annotations

import enum
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Executable

from .. import migrate
from ..db import Database, application_name
from ..models import ChangeFeed

if TYPE_CHECKING:  # the driver itself is imported only by NotifyListener: SQLite desktops start faster
    import psycopg

CHANNEL = "griddesk_changes"  # the channel migration 0002's trigger notifies
APPLICATION_NAME = application_name("griddesk-live")  # shows the listener's backend in pg_stat_activity
CATCH_UP_PAGE = 1000
CATCH_UP_MARGIN = 1000  # far more commits than can be in flight at once on one database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedChange:
    """One committed change, as another desktop announced it."""

    id: int
    topic: str
    entity_id: int | None
    township_id: int | None
    desktop: str | None


class LiveState(str, enum.Enum):
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    UPGRADED = "upgraded"  # a newer GridDesk upgraded the database: the listener has stopped for good


ChangesCallback = Callable[[Sequence[FeedChange]], None]
StateCallback = Callable[[LiveState], None]
# Runs a statement on the connection the listener reads by and returns its rows.
Rows = Callable[[Executable], Sequence[Sequence]]


def _revision(rows: Rows) -> str | None:
    found = rows(text(migrate.REVISION_QUERY))
    return found[0][0] if found else None


def _latest_id(rows: Rows) -> int:
    return rows(select(func.coalesce(func.max(ChangeFeed.id), 0)))[0][0]


def _rows_after(rows: Rows, last_id: int) -> list[FeedChange]:
    stmt = (
        select(ChangeFeed.id, ChangeFeed.topic, ChangeFeed.entity_id, ChangeFeed.township_id, ChangeFeed.desktop)
        .where(ChangeFeed.id > last_id)
        .order_by(ChangeFeed.id)
        .limit(CATCH_UP_PAGE)
    )
    return [FeedChange(*row) for row in rows(stmt)]


class ChangeListener:
    """Base of both listeners: a thread, the last id seen, and the two callbacks."""

    thread_name = "griddesk-live"

    def __init__(self, db: Database, on_changes: ChangesCallback, on_state: StateCallback | None = None):
        self.db = db
        self._on_changes = on_changes
        self._on_state = on_state
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_seen: int | None = None  # None until the first successful look at change_feed
        self._first_id = 0  # where the feed stood at start: history before it is not news
        self.state: LiveState | None = None
        self._failures = 0  # attempts failed since live updates last worked
        # Ids delivered lately, so that a re-read margin or a notification never delivers twice.
        self._recent: deque[int] = deque(maxlen=4 * CATCH_UP_MARGIN)
        self._recent_ids: set[int] = set()

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("listener already started")
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 1.0) -> None:
        """Stop, waiting at most `timeout` for the thread; no callback is made afterwards."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        raise NotImplementedError

    def _failed(self, message: str) -> None:
        """Log a failed attempt, with its trace once per outage: retried several times a second for as long as
        a server is down or a share unplugged, the same trace had rotated every earlier record out of the log."""
        self._failures += 1
        log.log(logging.DEBUG if self.state is LiveState.RECONNECTING else logging.WARNING, message, exc_info=True)

    def _set_state(self, state: LiveState) -> None:
        if state is self.state or self._stop.is_set():
            return
        if state is LiveState.CONNECTED and self._failures:
            log.info("live updates back after %d failed attempts", self._failures)
            self._failures = 0
        self.state = state
        if self._on_state:
            try:
                self._on_state(state)
            except Exception:  # a failing consumer must not end live updates
                log.exception("live state callback failed")

    def _upgraded(self, revision: str | None) -> bool:
        """Has a newer GridDesk upgraded the database to `revision` since? Then say so and stop: the desk is to
        be closed and updated, and the feed may no longer be what this version reads."""
        if (newer := migrate.newer_than_this_program(revision)) is None:  # None too: a database being set up
            return False
        log.warning("live updates stopped: %s", newer.message)
        self._set_state(LiveState.UPGRADED)
        self._stop.set()
        return True

    def _remember(self, change_id: int) -> None:
        if len(self._recent) == self._recent.maxlen:
            self._recent_ids.discard(self._recent[0])
        self._recent.append(change_id)
        self._recent_ids.add(change_id)

    def _deliver(self, changes: list[FeedChange]) -> None:
        changes = [c for c in changes if c.id not in self._recent_ids]
        if not changes:
            return
        for change in changes:
            self._remember(change.id)
        self.last_seen = max(self.last_seen or 0, max(c.id for c in changes))
        if self._stop.is_set():
            return
        try:
            self._on_changes(changes)
        except Exception:  # a failing consumer must not end live updates
            log.exception("live change callback failed")

    def _catch_up(self, rows: Rows, margin: int = 0) -> None:
        """Deliver rows past `last_seen` less `margin` not delivered yet (on first run just note
        where the feed is)."""
        if self._upgraded(_revision(rows)):
            return
        if self.last_seen is None:
            self.last_seen = self._first_id = _latest_id(rows)
            return
        after = max(self.last_seen - margin, self._first_id)
        while changes := _rows_after(rows, after):
            self._deliver(changes)
            after = changes[-1].id


class PollingListener(ChangeListener):
    """SQLite: look for new change_feed rows every `interval` seconds."""

    thread_name = "griddesk-live-poll"
    interval = 0.3  # seconds; a primary-key range read, cheap enough to run this often

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with self.db.engine.connect() as conn:
                    self._catch_up(lambda stmt: conn.execute(stmt).all())
            except Exception:  # a locked, moved or broken file: keep trying, say so meanwhile
                self._failed("polling the change feed failed; retrying")
                self._set_state(LiveState.RECONNECTING)
            else:
                self._set_state(LiveState.CONNECTED)
            self._stop.wait(self.interval)


class NotifyListener(ChangeListener):
    """PostgreSQL: LISTEN on a dedicated connection; reconnect with backoff and catch up."""

    thread_name = "griddesk-live-listen"
    wait_slice = 0.2  # how long one wait for notifications may block `stop()`
    # An upgrade sends no notification; the schema is looked at on each (re)connect and this often. That and
    # the catch-up run on the listening connection itself: the pooled ones may all be taken by long tasks. A
    # write in between is refused by the unit of work's own check, so this only has to tell the user soon.
    schema_check_interval = 5.0
    backoff_first, backoff_max = 0.25, 8.0

    def __init__(self, db: Database, on_changes: ChangesCallback, on_state: StateCallback | None = None):
        super().__init__(db, on_changes, on_state)
        url = db.engine.url.set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self.backend_pid: int | None = None

    def _connect(self) -> psycopg.Connection:
        import psycopg

        # TCP keepalives let a silently vanished server surface as an error instead of a hang.
        return psycopg.connect(self._conninfo, autocommit=True, application_name=APPLICATION_NAME,
                               connect_timeout=5, keepalives=1, keepalives_idle=10,
                               keepalives_interval=5, keepalives_count=3)

    def _run(self) -> None:
        import psycopg

        delay = self.backoff_first
        while not self._stop.is_set():
            try:
                with self._connect() as conn:
                    self._listen(conn)
            except (psycopg.Error, DBAPIError):
                self._failed("live connection lost")
            except Exception:  # unexpected, but live updates must outlive it
                log.exception("live listener failed")
            self.backend_pid = None
            if self._stop.is_set():
                break
            if self.state is LiveState.CONNECTED:  # the lost connection had worked: retry at once
                delay = self.backoff_first
            self._set_state(LiveState.RECONNECTING)
            self._stop.wait(delay)
            delay = min(delay * 2, self.backoff_max)

    def _listen(self, conn: psycopg.Connection) -> None:
        # LISTEN before catching up, so a change committed in between is never missed; the
        # second copy its notification brings is dropped by `_deliver`.
        conn.execute(f"LISTEN {CHANNEL}")
        self.backend_pid = conn.info.backend_pid
        rows = self._rows_on(conn)
        self._catch_up(rows, CATCH_UP_MARGIN)
        self._set_state(LiveState.CONNECTED)
        schema_checked = time.monotonic()
        while not self._stop.is_set():
            self._deliver([_parse(n.payload) for n in conn.notifies(timeout=self.wait_slice, stop_after=1)])
            if time.monotonic() - schema_checked >= self.schema_check_interval:
                # Notifications arriving meanwhile wait for the next `notifies` (psycopg 3.2.4 and later).
                self._upgraded(_revision(rows))
                schema_checked = time.monotonic()

    def _rows_on(self, conn: psycopg.Connection) -> Rows:
        dialect = self.db.engine.dialect

        def rows(stmt: Executable) -> list[tuple]:
            compiled = stmt.compile(dialect=dialect)
            return conn.execute(compiled.string, compiled.params).fetchall()

        return rows


def _parse(payload: str) -> FeedChange:
    data = json.loads(payload)
    return FeedChange(data["id"], data["topic"], data.get("entity_id"), data.get("township_id"), data.get("desktop"))


def listener_for(db: Database, on_changes: ChangesCallback, on_state: StateCallback | None = None) -> ChangeListener:
    """The listener that suits the database: notifications on PostgreSQL, polling on SQLite."""
    if db.is_sqlite:
        return PollingListener(db, on_changes, on_state)
    return NotifyListener(db, on_changes, on_state)
