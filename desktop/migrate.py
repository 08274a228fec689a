"""Schema migrations (Alembic) run from the program itself: `griddesk-admin init`.

Checking whether a database is current happens on every start, so it does not import
Alembic (about half a second): the head revision is read from the migration files'
`revision = …` / `down_revision = …` lines and the current one from `alembic_version`.
Alembic itself is imported only to upgrade or to write a new revision.
"""

from __future__ import annotations

import ast
import functools
import itertools
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool

from .db import DEADLOCK_DETECTED, SQLITE_BUSY_TIMEOUT_MS, Database, make_engine
from .errors import DatabaseUnavailable

MIGRATIONS = Path(__file__).with_name("migrations")
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for a lock_timeout run out
LOCK_ATTEMPT = 2.0  # seconds an upgrade waits for the revision's lock before it says what it waits for, and again
UPGRADE_WAIT_LIMIT = 300.0  # seconds an upgrade waits for the writes under way before it gives up
UPGRADE_TRIES = 3  # times an upgrade runs that a deadlock with a desk's read undid, before it gives up


def _config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache  # read once: asked before every write
def known_revisions() -> frozenset[str]:
    """Every revision this version's migration files name."""
    return frozenset({ast.literal_eval(dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))["revision"])
            for path in (MIGRATIONS / "versions").glob("*.py")})


def head_revision() -> str:
    """The newest revision: the one no migration file names as its `down_revision`."""
    revisions, parents = set(), set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        revisions.add(ast.literal_eval(found["revision"]))
        down = ast.literal_eval(found.get("down_revision", "None"))
        parents.update(down if isinstance(down, tuple) else (down,))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def current_revision(db: Database) -> str | None:
    """The revision recorded in the database (None for an empty database). A PostgreSQL role that may not
    read the tables (the desktops' role before `db grant-desks`) is told who grants it, not a traceback."""
    try:
        with db.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        url, owner = db.engine.url, _tables_owner(db)
        reason = str(exc.orig).strip().splitlines()[0]
        raise DatabaseUnavailable(
            f"数据库用户 {url.username} 无权读取数据库 {url.database} 的数据表({reason}):值班台和 griddesk-admin "
            f"的其他命令所用的数据库用户,须先由数据表的所有者 {owner} 为它授权:griddesk-admin --db "
            f"{owner_url(db, owner)} db grant-desks {url.username};init 和 db grant-desks 本身须用 {owner} "
            "的账号运行") from exc


def owner_url(db: Database, owner: str) -> str:
    """`db`'s PostgreSQL URL as `owner` gives it to a command, the password left for them to fill in."""
    url = db.engine.url
    port = f":{url.port}" if url.port else ""
    return f"postgresql://{owner}:…@{url.host or ''}{port}/{url.database}"


def init_command(db: Database) -> str:
    """The `init` that sets `db` up or upgrades it: on PostgreSQL, run as the tables' owner (before there are
    any, the database's, unless a superuser owns it) where that is another role than `db`'s, whose `init`
    would be refused."""
    url = db.engine.url
    if not db.is_sqlite:
        tables_owner = _tables_owner(db)
        owner = tables_owner or _database_owner(db)
        if owner not in (None, url.username):
            whose = "数据表" if tables_owner else "数据库"
            return f"griddesk-admin --db {owner_url(db, owner)} init(以{whose}的所有者 {owner} 的账号运行)"
    return f"griddesk-admin --db {db.describe()} init"


def newer_than_this_program(revision: str | None) -> DatabaseUnavailable | None:
    """A database another desktop's newer GridDesk has upgraded: this version does not know its schema,
    cannot upgrade it (Alembic fails on the unknown revision) and must not run on it."""
    if revision is None or revision in known_revisions():
        return None
    return DatabaseUnavailable(
        f"数据库的结构版本 {revision} 比本程序新(本程序只认识到 {head_revision()}):它已由更新版本的网格指挥台升级;"
        "请把本机的网格指挥台也升级到该版本后再使用,旧版本不能打开或降级它")


UPGRADED_WHILE_RUNNING = "数据库已被更新版本的网格指挥台升级,请保存/记下手头的工作后关闭并更新本程序"


REVISION_QUERY = "SELECT version_num FROM alembic_version"


def upgraded_to(revision: str | None) -> DatabaseUnavailable | None:
    """The refusal of a write with this program's model on a database at `revision`, if a newer GridDesk
    upgraded it after this desk started on it.

    No revision is a refusal too: a desk starts only on a database that has one, and a newer migration set
    may rewrite the row by DELETE and INSERT (Alembic does at merge points), which a row lock waiting on the
    deleted row (the previous release's FOR SHARE) sees as none."""
    if revision is not None and newer_than_this_program(revision) is None:
        return None
    which = f"(结构版本 {revision})" if revision is not None else ""
    return DatabaseUnavailable(f"{UPGRADED_WHILE_RUNNING}{which};本次操作未保存")


def upgraded_while_running(connection) -> DatabaseUnavailable | None:
    """`upgraded_to` the revision `connection` (a Connection or a Session) reads: one row, as cheap as a
    write's audit entry."""
    return upgraded_to(connection.execute(text(REVISION_QUERY)).scalar_one_or_none())


# A write and an upgrade of a shared PostgreSQL database take turns on a transaction-scoped advisory lock,
# REVISION_LOCK: the write's transaction takes it shared as its first statement and holds it to its commit,
# the upgrade takes it exclusively before it changes anything. Whichever comes second waits: an upgrade's
# data migrations see every write committed before it, and a write begun meanwhile reads the newer revision
# once the upgrade commits, and is refused. The revision is read by a statement of its own once the lock is
# granted: in READ COMMITTED (which db.make_engine fixes for every PostgreSQL session) each statement reads
# by a snapshot taken as it starts, so that one sees an upgrade committed while the lock was waited for; a
# single statement locking and reading would read by the snapshot it took before it waited. An advisory lock
# asks no privilege of the desk's role, where a row locked FOR SHARE asks UPDATE on alembic_version: the
# desktops need not connect as the schema's owner. First statement, because a table the write had read
# would stay share-locked by it, and an upgrade's ALTER of that table waiting for the write while the write
# waited for the lock would deadlock.
#
# The previous GridDesk release's desks lock the row of alembic_version FOR SHARE instead: an upgrade takes
# the row FOR UPDATE too, so that it waits for their writes as well while they run on a database being
# upgraded to this release (they see the new revision once it commits, and refuse to write).

REVISION_LOCK = 4505_0000_0000  # the advisory lock's key: beyond the 32-bit keys hashtext() gives other locks


def held_revision(session) -> str | None:
    """The database's revision, on PostgreSQL locked against an upgrade until the transaction ends; to be
    a write transaction's first statement (see above)."""
    if session.get_bind().dialect.name != "sqlite":
        session.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": REVISION_LOCK})
    return session.execute(text(REVISION_QUERY)).scalar_one_or_none()


@contextmanager
def writing_with_this_schema(session) -> Iterator[None]:
    """Around all of a write transaction's statements, before its commit: raise DatabaseUnavailable
    (`upgraded_to`) rather than let it commit on a database a newer GridDesk has upgraded.

    Before the statements on both: on an upgraded database nothing of the write runs, not even a refusal
    to be put on record there or a check of what was typed."""
    if upgraded := upgraded_to(held_revision(session)):
        raise upgraded
    yield
    if session.get_bind().dialect.name == "sqlite":
        # SQLite has no row locks but one writer: read again once the rows are flushed, when this
        # transaction holds the file's write lock, so no upgrade slips in before the commit.
        session.flush()
        if upgraded := upgraded_while_running(session):
            raise upgraded


def _writes_under_way(conn) -> list[str]:
    """The other connections holding the revision's lock for their writes (or, the previous release's desks,
    its row: a row lock shows in pg_locks only as its table's ROW SHARE lock), named as pg_stat_activity
    knows them. The address of a connection of another role than this one's is hidden from it, unless this
    role has that one's privileges (or pg_read_all_stats): such a desk is named by its computer alone."""
    holders = conn.execute(text(
        "SELECT a.application_name, host(a.client_addr), a.client_port, a.pid FROM pg_stat_activity a "
        "WHERE a.pid <> pg_backend_pid() AND a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.granted "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND ("
        "(l.locktype = 'advisory' AND l.classid = :high AND l.objid = :low AND l.objsubid = 1) "
        "OR (l.locktype = 'relation' AND l.relation = 'alembic_version'::regclass AND l.mode = 'RowShareLock'))) "
        "ORDER BY a.pid"), {"high": REVISION_LOCK >> 32, "low": REVISION_LOCK & 0xFFFF_FFFF})
    # A connection by a local socket has no address and port -1; one hidden, neither.
    return [f"{application or '?'}({_from(address, port)}进程 {pid})" for application, address, port, pid in holders]


def _from(address: str | None, port: int | None) -> str:
    return "" if port is None else f"来自 {address or '本机'},"


@dataclass
class _Waiting:
    """How long an upgrade may still wait for the writes under way, counted once for all its runs (one that
    a deadlock undid does not start the wait afresh), and whom it tells why it waits."""

    on_wait: Callable[[str], None] | None
    limit: float  # seconds, as `init --wait` gave them
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.limit

    def over(self) -> bool:
        return time.monotonic() >= self.deadline

    def say(self, words: str) -> None:
        if self.on_wait is not None:
            self.on_wait(words)


def _lock_revision(conn, waiting: _Waiting) -> str | None:
    """The revision, under the revision's lock taken exclusively and its row FOR UPDATE (see held_revision):
    waits for the writes under way and holds new ones off until this commits. A write may hold the lock for
    as long as a whole-queue export, and writes begun meanwhile queue behind the waiting upgrade (the previous
    release's, locking the row FOR SHARE, are let in ahead of it), so the lock is tried `LOCK_ATTEMPT` seconds
    at a time, saying what it waits for in between, until `waiting` is over."""
    # Before the savepoints, so that rolling one back keeps it; reset once locked: the migrations' own
    # ALTERs wait for readers as long as they need.
    conn.execute(text(f"SET LOCAL lock_timeout = '{round(LOCK_ATTEMPT * 1000)}ms'"))
    while True:
        try:
            with conn.begin_nested():
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REVISION_LOCK})
                locked = conn.execute(text(REVISION_QUERY + " FOR UPDATE")).scalar_one_or_none()
            conn.execute(text("SET LOCAL lock_timeout TO DEFAULT"))
            return locked
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                raise
        writes = _writes_under_way(conn)
        if waiting.over():
            raise DatabaseUnavailable(
                f"等待 {said_duration(waiting.limit)}后,其他值班台仍有写入未完成({'、'.join(writes) or '刚刚结束'});"
                f"升级未进行,未作任何更改;请待这些值班台办完手头的导出、导入或审计检查后再运行 griddesk-admin init")
        how_many = f" {len(writes)} 项" if writes else ""  # none: the last has just ended
        waiting.say(f"正在等待其他值班台正在进行的{how_many}写入完成后升级…")


def said_duration(seconds: float) -> str:
    """"90 秒" is said "1.5 分钟", as `init --wait 1.5` gave it."""
    return f"{seconds / 60:g} 分钟" if seconds >= 60 else f"{seconds:g} 秒"


def schema_problem(db: Database) -> DatabaseUnavailable | None:
    """Why the program cannot run on `db` as it stands (not set up, older or newer), or None."""
    revision = current_revision(db)
    if revision == head_revision():
        return None
    where = db.describe()
    if revision is None:
        return DatabaseUnavailable(f"数据库 {where} 尚未初始化;请先对它运行 {init_command(db)}")
    return newer_than_this_program(revision) or DatabaseUnavailable(
        f"数据库 {where} 的结构版本 {revision} 较旧;请运行 {init_command(db)} 升级")


def upgrade(db: Database, *, on_wait: Callable[[str], None] | None = None,
            wait_limit: float = UPGRADE_WAIT_LIMIT) -> tuple[str | None, str]:
    """Bring the schema to the newest revision; returns (before, after). It first waits for other desks'
    writes under way (on an SQLite file, the one holding its write lock), telling `on_wait` why now and
    then, for `wait_limit` seconds at most in all (then DatabaseUnavailable, nothing changed).

    A desk's read that holds one table while it asks for another the upgrade has altered deadlocks with it,
    and PostgreSQL may cancel the upgrade: its DDL being transactional, nothing of it stays, and it is run
    again, `UPGRADE_TRIES` times at most."""
    before = current_revision(db)
    if newer := newer_than_this_program(before):
        raise newer
    waiting = _Waiting(on_wait, wait_limit)
    for attempt in itertools.count(1):
        try:
            _upgrade_once(db, before, waiting)
            return before, head_revision()
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) != DEADLOCK_DETECTED:
                raise
            if attempt == UPGRADE_TRIES:
                raise DatabaseUnavailable(
                    f"升级连续 {UPGRADE_TRIES} 次与其他值班台正在进行的查询互相等待(死锁),均被数据库撤销;升级未进行,"
                    "未作任何更改;请在值班台较空闲时再运行 griddesk-admin init") from exc
            waiting.say(f"升级与其他值班台正在进行的查询互相等待(死锁),已被数据库撤销,未作任何更改;"
                        f"正在重试(第 {attempt + 1} 次,共 {UPGRADE_TRIES} 次)…")


def _upgrade_once(db: Database, before: str | None, waiting: _Waiting) -> None:
    from alembic import command

    try:
        if db.is_sqlite:
            engine = _sqlite_upgrade_engine(db, waiting)
            try:
                with engine.begin() as conn:
                    if before is not None and (newer := newer_than_this_program(
                            conn.execute(text(REVISION_QUERY)).scalar_one_or_none())):
                        raise newer  # a newer GridDesk upgraded it while this waited for the file
                    command.upgrade(_config(conn), "head")
                    _check_foreign_keys(conn)
            except OperationalError as exc:
                if "database is locked" not in str(exc.orig):
                    raise
                # A file not in WAL mode (some network shares): the commit waited for readers in vain.
                raise DatabaseUnavailable(
                    "数据库文件正被其他值班台读取或写入,升级未能保存,未作任何更改;请待其办完手头的操作后再运行 "
                    "griddesk-admin init") from exc
            finally:
                engine.dispose()
        else:
            with db.engine.begin() as conn:
                if before is not None:
                    locked = _lock_revision(conn, waiting)
                    if newer := newer_than_this_program(locked):  # a newer GridDesk upgraded it meanwhile
                        raise newer
                command.upgrade(_config(conn), "head")
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        url = db.engine.url
        reason = str(exc.orig).strip().splitlines()[0]
        if (owner := _tables_owner(db)) not in (None, url.username):  # a desktops' role (db grant-desks), say
            raise DatabaseUnavailable(
                f"数据库用户 {url.username} 无权改动数据库 {url.database} 的表结构({reason}):升级只能由数据表的所有者 "
                f"{owner} 运行;请用 {owner} 的账号运行 griddesk-admin init(值班台所用的数据库用户只能读写数据);"
                "未作任何更改") from exc
        if (owner := _database_owner(db)) not in (None, url.username):  # the desktops' role before the first init
            raise DatabaseUnavailable(
                f"数据库用户 {url.username} 无权在数据库 {url.database} 中建表({reason}):数据库 {url.database} 属于 "
                f"{owner},请用 {owner} 的账号运行 griddesk-admin init(值班台所用的数据库用户只能读写数据,"
                "由 init 之后的 db grant-desks 授权);未作任何更改") from exc
        # From PostgreSQL 15 only a database's owner may create tables in its public schema.
        raise DatabaseUnavailable(
            f"数据库用户 {url.username} 无权在数据库 {url.database} 中建表或改表({reason});请由数据库管理员把该库的"
            f"所有者设为这个用户(ALTER DATABASE {url.database} OWNER TO {url.username}),或用该库所有者的账号运行 "
            f"griddesk-admin init;未作任何更改") from exc


def _tables_owner(db: Database) -> str | None:
    """Who owns the schema's tables (the role that ran `init` first), None before there are any."""
    with db.engine.connect() as conn:
        return conn.scalar(text("SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
                                "AND tablename = 'alembic_version'"))


def _database_owner(db: Database) -> str | None:
    """Who owns the PostgreSQL database itself (`createdb --owner`), None where a superuser does: that one is
    no role to run `init` as (the tables would be the superuser's)."""
    with db.engine.connect() as conn:
        return conn.scalar(text("SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
                                "WHERE d.datname = current_database() AND NOT r.rolsuper"))


def _sqlite_upgrade_engine(db: Database, waiting: _Waiting) -> Engine:
    """An engine of its own for an upgrade of an SQLite file, making it one transaction (SQLAlchemy's recipe
    for transactional DDL on pysqlite): the driver would begin one only before the first INSERT, UPDATE or
    DELETE, committing each CREATE, ALTER and DROP before it as it ran."""
    engine = make_engine(db.engine.url.render_as_string(hide_password=False), poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def leave_transactions_to_the_upgrade(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # the driver begins no transaction of its own
        # Alembic's batch mode copies a table and drops the original: with foreign keys on, SQLite deletes
        # the original's rows first, refusing, or cascading to, the rows referring to them. Off before BEGIN,
        # as SQLite ignores the pragma inside a transaction; checked before the commit instead.
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(engine, "begin")
    def begin_immediate(conn):
        _lock_file(conn, waiting)

    return engine


def _lock_file(conn, waiting: _Waiting) -> None:
    """Begin the upgrade's transaction holding the file's write lock, so that no desk's write comes between
    its statements: waits for the write under way, `LOCK_ATTEMPT` seconds at a time, saying so in between,
    until `waiting` is over."""
    conn.exec_driver_sql(f"PRAGMA busy_timeout={round(LOCK_ATTEMPT * 1000)}")
    while True:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            break
        except OperationalError as exc:
            if "database is locked" not in str(exc.orig):
                raise
        if waiting.over():
            raise DatabaseUnavailable(
                f"等待 {said_duration(waiting.limit)}后,数据库文件仍被另一个值班台(或另一条 griddesk-admin 命令)写入;"
                "升级未进行,未作任何更改;请待其办完手头的操作后再运行 griddesk-admin init")
        waiting.say("正在等待其他值班台正在进行的写入完成后升级…")
    conn.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def _check_foreign_keys(conn) -> None:
    """The references the upgrade left, checked as SQLite would have row by row with foreign keys on."""
    if broken := conn.exec_driver_sql("PRAGMA foreign_key_check").all():
        raise RuntimeError(f"the upgrade left rows referring to none (table, rowid, parent, key): {broken}")


def revision(db: Database, message: str) -> None:
    """Autogenerate a new revision against `db` (a development helper)."""
    from alembic import command

    with db.engine.begin() as conn:
        command.revision(_config(conn), message=message, autogenerate=True)
