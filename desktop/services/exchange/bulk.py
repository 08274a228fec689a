"""Writing many new rows fast, inside the caller's transaction (all-or-nothing stays with it).

Values are converted once, by the caller, into what the driver takes; the rows then go
straight to the DBAPI connection: on PostgreSQL through COPY (psycopg 3), on SQLite through
multi-row INSERT … VALUES (…), (…). Both are several times faster than SQLAlchemy Core
executemany, which spends most of an import converting each value of each row through the
column types.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

from sqlalchemy import Table, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

# Rows per progress report (and per check for Cancel between them).
CHUNK = 10_000
# Rows per SQLite INSERT statement, at most. SQLite builds the lookup table of a CHECK (x IN (…))
# — one per Enum column — once per statement run: one row per statement (executemany) spent
# two thirds of inserting 100,000 bare cases rebuilding them (measured 4.9 s; 1.7 s at 500 rows
# per statement). Fewer when the columns × rows would pass the driver's limit on parameters.
_ROWS_PER_STATEMENT = 500
# SQLite page cache while inserting (KiB, negative as PRAGMA cache_size wants it): new rows land
# all over the time-ordered indexes; with the default 2 MB cache, inserting 100,000 cases took
# 1.6× the CPU time of a 64 MB cache (measured). Restored after the insert.
_BULK_CACHE_KIB = -65536
# SQLite: an insert at least this many times the rows the table holds drops the table's own indexes
# first and builds them again after it, in the same transaction (a failure or Cancel rolls the drop
# back with the rows). Building an index sorts the rows once; inserting through it writes pages all
# over it: writing 100,000 cases and their events into empty tables took 4.4 s through the cases'
# 14 secondary indexes and 2.3 s building them after (measured). Into a larger table, building
# would sort the rows already there too.
_REBUILD_INDEXES_AT = 1.0

Report = Callable[[int], None]  # (rows written)
IndexReport = Callable[[int, int], None]  # (indexes built, of how many)


def _sqlite_stamp(moment: datetime | None) -> str | None:
    # The text SQLAlchemy's SQLite DATETIME writes for UTCDateTime: naive UTC, microseconds always.
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).isoformat(" ", "microseconds")[:26]  # without "+00:00"


def _as_is(moment: datetime | None) -> datetime | None:
    return moment


def stamp_for(session: Session) -> Callable[[datetime | None], object]:
    """How an aware datetime is handed to this driver for a `UTCDateTime` column."""
    return _sqlite_stamp if session.get_bind().dialect.name == "sqlite" else _as_is


def defaults(session: Session, table: Table, given: Sequence[str]) -> dict[str, object]:
    """The columns not in `given` that need a value: their scalar default, converted as SQLAlchemy would.

    Nullable columns without a default are left to NULL; a NOT NULL column without a scalar
    default that the caller forgot is a programming error, reported at once.
    """
    dialect = session.get_bind().dialect
    values = {}
    for column in table.columns:
        if column.name in given or column.server_default is not None:
            continue
        if column.default is not None and column.default.is_scalar:
            process = column.type.bind_processor(dialect)
            values[column.name] = process(column.default.arg) if process else column.default.arg
        elif not column.nullable and not column.primary_key:
            raise TypeError(f"{table.name}.{column.name} needs a value")
    return values


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` new primary keys of `table`, so that rows can refer to each other before they are written.

    PostgreSQL: from the column's sequence. SQLite: after the largest id; the caller's transaction
    must already have written (it holds SQLite's one write lock), so that no one else inserts
    until it ends.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # One array rather than `count` rows: the ids cross the wire as a single value.
        return connection.scalar(
            text("SELECT array_agg(nextval(pg_get_serial_sequence(:table, 'id'))) FROM generate_series(1, :count)"),
            {"table": table.name, "count": count},
        ) or []
    last = connection.scalar(text(f"SELECT coalesce(max(id), 0) FROM {table.name}"))
    return list(range(last + 1, last + 1 + count))


def insert_rows(session: Session, table: Table, columns: Sequence[str], rows: Sequence[tuple],
                report: Report | None = None, indexed: IndexReport | None = None) -> None:
    """Insert `rows` (tuples in the order of `columns`, driver-ready values) in chunks of CHUNK.

    The other columns get their defaults (`defaults`). `report(done)` is called after each
    chunk; on SQLite, when the indexes are built again after the rows (`_REBUILD_INDEXES_AT`),
    `indexed(built, count)` before the first and after each (`report(len(rows))` when not given).
    An exception either raises (Cancel) stops the insert, and the caller's transaction rolls
    everything back.
    """
    short = next((index for index, row in enumerate(rows) if len(row) != len(columns)), None)
    if short is not None:  # rows are flattened into one statement: a short row would shift its neighbours
        raise TypeError(f"{table.name}: row {short} has {len(rows[short])} values for {len(columns)} columns")
    extra = defaults(session, table, columns)
    if extra:
        columns = (*columns, *extra)
        constant = tuple(extra.values())
        rows = [row + constant for row in rows]
    dialect = session.get_bind().dialect
    report = report or (lambda done: None)
    driver = session.connection().connection.driver_connection
    try:
        if dialect.name == "postgresql":
            _copy(driver, table, columns, rows, report)
        else:
            _insert_many(driver, table, columns, rows, report, indexed or (lambda built, count: report(len(rows))))
    except dialect.dbapi.Error as exc:
        # As SQLAlchemy would raise it, so that unit_of_work reports an IntegrityError as a Conflict (e.g.
        # another desktop importing the same file at the same moment), and db.explain_failure a full disk
        # (building the indexes again needs room) or a lost server in words; everything is rolled back.
        raise DBAPIError.instance(f"INSERT INTO {table.name}", None, exc, dialect.dbapi.Error,
                                  dialect=dialect) from exc


def _copy(driver, table: Table, columns: Sequence[str], rows: Sequence[tuple], report: Report) -> None:
    with driver.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows[start:start + CHUNK]:
                    copy.write_row(row)
            report(min(start + CHUNK, len(rows)))


def _values(columns: Sequence[str], count: int) -> str:
    row = f"({', '.join('?' * len(columns))})"
    return ", ".join([row] * count)


def _insert_many(driver, table: Table, columns: Sequence[str], rows: Sequence[tuple], report: Report,
                 indexed: IndexReport) -> None:
    per_statement = max(1, min(_ROWS_PER_STATEMENT,
                               driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(columns)))
    insert = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES "
    full = insert + _values(columns, per_statement)
    cursor = driver.cursor()
    cache = cursor.execute("PRAGMA cache_size").fetchone()[0]
    cursor.execute(f"PRAGMA cache_size={_BULK_CACHE_KIB}")
    try:
        if not driver.in_transaction:
            # The BEGIN the driver would send before the first INSERT, sent first: the savepoint below
            # then nests in the caller's transaction (outside one, releasing it would commit).
            cursor.execute("BEGIN")
        # Whatever the caller does with a failure (roll back, or go on and commit), the table is left as it
        # was, its indexes with it: the rows written and any index dropped are undone here, to this savepoint.
        cursor.execute("SAVEPOINT bulk_insert")
        try:
            rebuilt = _indexes_to_rebuild(cursor, table, len(rows))
            for name, _ in rebuilt:
                cursor.execute(f'DROP INDEX "{name}"')
            _insert_chunks(cursor, insert, full, per_statement, columns, rows, report)
            # Building an index over a million rows takes seconds: the desk says so, and Cancel is heard between them.
            for built, (_, definition) in enumerate(rebuilt):
                indexed(built, len(rebuilt))
                cursor.execute(definition)
            if rebuilt:
                indexed(len(rebuilt), len(rebuilt))
        except BaseException:
            if driver.in_transaction:  # not if SQLite has rolled the whole transaction back itself
                cursor.execute("ROLLBACK TO bulk_insert")
                cursor.execute("RELEASE bulk_insert")
            raise
        cursor.execute("RELEASE bulk_insert")
    finally:
        cursor.execute(f"PRAGMA cache_size={int(cache)}")
        cursor.close()


def _insert_chunks(cursor, insert: str, full: str, per_statement: int, columns: Sequence[str], rows: Sequence[tuple],
                   report: Report) -> None:
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        whole = len(chunk) - len(chunk) % per_statement
        for first in range(0, whole, per_statement):
            cursor.execute(full, [value for row in chunk[first:first + per_statement] for value in row])
        if whole < len(chunk):
            cursor.execute(insert + _values(columns, len(chunk) - whole),
                           [value for row in chunk[whole:] for value in row])
        report(start + len(chunk))


def _indexes_to_rebuild(cursor, table: Table, count: int) -> list[tuple[str, str]]:
    """The indexes of `table` (name, CREATE statement as stored) to build after inserting `count` rows
    rather than through: none unless the insert is large against the table (`_REBUILD_INDEXES_AT`).
    The indexes SQLite made itself for UNIQUE constraints (no statement stored) cannot be dropped
    and stay: they are the check."""
    held = cursor.execute(f"SELECT coalesce(max(rowid), 0) FROM {table.name}").fetchone()[0]  # no count(*) scan
    if count == 0 or count < _REBUILD_INDEXES_AT * held:
        return []
    return cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                          "AND sql IS NOT NULL ORDER BY name", (table.name,)).fetchall()
