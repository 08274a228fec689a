"""Database URLs, engines and sessions for SQLite and PostgreSQL (no Qt)."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .errors import DatabaseUnavailable

ENV_URL = "GRIDDESK_DATABASE_URL"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("GridDesk", appauthor=False, ensure_exists=True)


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'griddesk.sqlite'}"


def demo_url() -> str:
    return f"sqlite:///{data_dir() / 'griddesk-demo.sqlite'}"


def resolve_url(cli_url: str | None = None, *, demo: bool = False) -> str:
    """`--db URL`, else $GRIDDESK_DATABASE_URL, else a file in the user's data folder."""
    if cli_url:
        return cli_url
    if demo:
        return demo_url()
    return os.environ.get(ENV_URL) or default_url()


def normalise_url(url: str) -> str:
    """Accept plain `postgresql://` and `postgres://` URLs and use psycopg 3 for them."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUnavailable(f"数据库地址无法识别: {url!r}(应为 sqlite:///文件 或 postgresql://用户@主机/库)") from exc
    driver = parsed.drivername
    if driver in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif driver not in ("postgresql+psycopg", "sqlite", "sqlite+pysqlite"):
        raise DatabaseUnavailable(f"不支持的数据库类型 {driver!r}:只支持 SQLite 和 PostgreSQL")
    return parsed.render_as_string(hide_password=False)


SQLITE_BUSY_TIMEOUT_MS = 5000  # how long a statement waits for another connection's hold on the file


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


class _HintingSQLiteCompiler(SQLiteCompiler):
    """SQLAlchemy's SQLite dialect drops table hints; SQLite's (`INDEXED BY index`) follows the
    table name, which is where `Select.with_hint(…, dialect_name="sqlite")` puts the text."""

    def get_from_hint_text(self, table, text):
        return text


_SQLITE_HEADER = b"SQLite format 3\x00"


def _is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError as exc:  # no right to read it, say
        raise DatabaseUnavailable(f"无法读取数据库文件 {path}:{exc.strerror}") from exc


def _not_a_database(path) -> DatabaseUnavailable:
    return DatabaseUnavailable(f"{path} 不是 SQLite 数据库文件(file is not a database):"
                               f"请检查 --db 所指的文件是否正确,或文件是否已损坏")


def make_engine(url: str, **kwargs) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        database = parsed.database
        if database and database != ":memory:":
            path = Path(database).expanduser().resolve()
            if not path.parent.is_dir():
                raise DatabaseUnavailable(f"数据库文件夹不存在: {path.parent}")
            if path.is_file() and path.stat().st_size and not _is_sqlite_file(path):
                # Checked before SQLite opens it: SQLite takes a file shorter than its header for an
                # empty database and writes one over it.
                raise _not_a_database(path)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        engine.dialect.statement_compiler = _HintingSQLiteCompiler
    else:
        # A server or network that vanishes without a word (a cable pulled, a VPN dropped) surfaces as a
        # lost connection within a minute or so, not as a desk waiting on a dead socket for many minutes.
        connect_args = {"connect_timeout": 5, "application_name": application_name("griddesk"), "keepalives": 1,
                        "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,
                        "tcp_user_timeout": 60_000}
        # READ COMMITTED whatever the server's or the role's default_transaction_isolation: a write reads the
        # schema's revision after waiting for an upgrade, by a snapshot taken then (migrate.held_revision).
        kwargs.setdefault("isolation_level", "READ COMMITTED")
        engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)
    return engine


def application_name(program: str) -> str:
    """How this desktop's connections are named in pg_stat_activity: the program and the computer, so that
    an administrator (and `init` waiting for the writes under way) can tell one desktop from another.
    PostgreSQL keeps 63 bytes of printable ASCII (a Chinese computer name would show as question marks)."""
    host = socket.gethostname().encode("ascii", "replace").decode("ascii")
    return f"{program}@{host}".encode("ascii")[:63].decode("ascii")


DEADLOCK_DETECTED = "40P01"  # PostgreSQL's SQLSTATE for a transaction it cancelled to break a deadlock
# PostgreSQL's connection_exception class, and admin_shutdown, crash_shutdown, cannot_connect_now.
_CONNECTION_LOST = ("08", "57P01", "57P02", "57P03")
# SQLite's reasons a file stopped taking work, and what to do about each.
_SQLITE_FAILURES = (
    ("database or disk is full", "数据库所在的磁盘已满,本次操作未保存;请清理该磁盘的空间后重试"),
    ("readonly database", "数据库文件是只读的,本次操作未保存;请检查该文件及其所在文件夹是否可写"),
    ("disk I/O error", "读写数据库文件出错,本次操作未保存;请检查数据库所在的磁盘或网络共享文件夹是否可用"),
    ("unable to open database file", "无法打开数据库文件(可能已被移走,或所在文件夹不可写、网络共享文件夹已断开);"
                                     "本次操作未完成,请检查后重试"),
    ("malformed", "数据库文件已损坏,本次操作未完成;请停止使用,联系管理员从备份恢复(恢复后可用 griddesk-admin check 检查)"),
    ("not a database", "数据库文件已损坏,本次操作未完成;请停止使用,联系管理员从备份恢复(恢复后可用 griddesk-admin check 检查)"),
)


# What to do once a lost connection comes back: at the desk, which says when it has; at the prompt; at start-up,
# before any window; at the log-in, which has neither a status bar nor anything to refresh; on the wall display,
# which refreshes itself.
AT_THE_DESK = "请待状态栏显示“实时更新:已连接”后按 F5 刷新查看,再重试"
AT_THE_PROMPT = "请稍后重新运行该命令"
AT_START = "请稍后重新启动网格指挥台"
AT_LOG_IN = "请检查本机网络是否连通,或请维护数据库服务器的同事查看服务器是否在运行,再按“登录”重试(已输入的密码仍保留)"
ON_THE_WALL = "连接恢复后大屏自动刷新"


class ConnectionLost(DatabaseUnavailable):
    """The server stopped answering. The sentence ends with what to do once it answers again, which depends
    on where it is shown: a task's failure is worded for the desk, and `then` words it for elsewhere."""

    def __init__(self, reason: str, then: str):
        super().__init__(f"与数据库服务器的连接中断,本次操作未完成({reason});{then}。如长时间不恢复,请联系数据库管理员")
        self.reason = reason

    def with_next_step(self, then: str) -> ConnectionLost:
        return ConnectionLost(self.reason, then)


def explain_failure(exc: BaseException, then: str = AT_THE_DESK) -> DatabaseUnavailable | None:
    """The database stopped answering — the server down or out of reach, an SQLite file full, read-only
    or damaged — said as a sentence a person can act on (`then`: what to do once the server answers
    again); None for any other error (a fault, whose trace is what support needs)."""
    if not isinstance(exc, DBAPIError) or exc.orig is None:
        return None
    reason = (str(exc.orig).strip().splitlines() or [""])[0]
    if type(exc.orig).__module__.startswith("sqlite3"):
        said = next((text for key, text in _SQLITE_FAILURES if key in reason), None)
        return DatabaseUnavailable(f"{said}({reason})") if said else None
    state = getattr(exc.orig, "sqlstate", None)
    if state == DEADLOCK_DETECTED:  # a read that took its tables in the other order than an upgrade, say
        return DatabaseUnavailable(f"本次操作与其他值班台的操作(如 griddesk-admin init 升级数据库)互相等待,已被数据库中止,"
                                   f"未作任何更改;请稍候重试({reason})")
    if state == "53100":  # disk_full
        return DatabaseUnavailable(f"数据库服务器的磁盘已满,本次操作未保存;请联系数据库管理员({reason})")
    if isinstance(exc, (OperationalError, InterfaceError)) and (
            exc.connection_invalidated or state is None or state.startswith(_CONNECTION_LOST)):
        return ConnectionLost(reason, then)
    return None


@dataclass
class Database:
    """An engine and its session factory; what every service is handed."""

    engine: Engine

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def connect(cls, url: str, *, check: bool = True) -> Database:
        db = cls(make_engine(url))
        if check:
            db.check()
        return db

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def describe(self) -> str:
        """The URL without its password, for the status bar and messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def check(self) -> None:
        """Connect once; a server that is down, a bad URL or a file that is no database raises DatabaseUnavailable."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except DatabaseError as exc:  # a server down, a bad URL, or a file that is no database
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            path = self.engine.url.database
            if self.is_sqlite and "not a database" in reason:  # a damaged one
                raise _not_a_database(path) from exc
            if self.is_sqlite and "malformed" in reason:  # damaged inside: cut short, say
                raise DatabaseUnavailable(f"数据库文件 {path} 已损坏({reason}):请停止使用,联系管理员从备份恢复"
                                          "(恢复后可用 griddesk-admin check 检查)") from exc
            if self.is_sqlite and "unable to open" in reason:  # WAL mode writes two files beside it
                raise DatabaseUnavailable(
                    f"无法打开数据库文件 {path}({reason}):网格指挥台须能写入该文件及其所在文件夹(在旁边建 -wal、-shm "
                    "两个文件);请检查该文件夹是否可写、磁盘是否只读、网络共享文件夹是否已连接") from exc
            raise DatabaseUnavailable(f"无法连接数据库 {self.describe()}: {reason}") from exc

    def session(self) -> Session:
        return self.sessions()

    def gather_statistics(self) -> None:
        """Let PostgreSQL's planner know the tables just filled (the demo): until autovacuum samples them,
        it plans them as nearly empty, and the wall's month rates took 2 s instead of 40 ms. SQLite's
        plans are the ones its indexes were laid out for: its statistics are not gathered."""
        if not self.is_sqlite:
            with self.engine.connect() as conn:
                conn.execute(text("ANALYZE"))
                conn.commit()

    def dispose(self) -> None:
        self.engine.dispose()
