"""The bulk writer: every row lands with its own values, whatever the statement and chunk sizes."""

import sqlite3

import pytest
from sqlalchemy import Column, Index, Integer, MetaData, String, Table, UniqueConstraint, create_engine, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from desktop.services.exchange import bulk

_COLUMNS = [f"c{n}" for n in range(30)]


@pytest.fixture
def wide_table(tmp_path):
    """A table of 31 columns given and one left to its default, on a bare SQLite file, and a session on it."""
    table = Table("wide", MetaData(), Column("id", Integer, primary_key=True),
                  *(Column(name, String(20), nullable=False) for name in _COLUMNS),
                  Column("source", String(20), nullable=False, default="导入"))
    engine = create_engine(f"sqlite:///{tmp_path / 'wide.sqlite'}")
    table.metadata.create_all(engine)
    with Session(engine) as session:
        yield table, session
    engine.dispose()


def _rows(count: int) -> list[tuple]:
    return [(n, *(f"{n}-{column}" for column in _COLUMNS)) for n in range(1, count + 1)]


def _stored(count: int) -> list[tuple]:
    return [(*row, "导入") for row in _rows(count)]


@pytest.mark.parametrize("count", [1, 7, 120, 1_234])
def test_sqlite_rows_land_whole_across_statements_and_chunks(wide_table, monkeypatch, count):
    table, session = wide_table
    monkeypatch.setattr(bulk, "CHUNK", 500)
    monkeypatch.setattr(bulk, "_ROWS_PER_STATEMENT", 120)  # 500 = 4 × 120 + a tail of 20
    driver = session.connection().connection.driver_connection
    cache = driver.execute("PRAGMA cache_size").fetchone()
    reports = []
    bulk.insert_rows(session, table, ("id", *_COLUMNS), _rows(count), reports.append)
    session.commit()
    assert session.execute(select(table).order_by(table.c.id)).all() == _stored(count)
    assert reports == [min(done, count) for done in range(500, count + 500, 500)]
    assert driver.execute("PRAGMA cache_size").fetchone() == cache  # the bulk cache is given back


def test_a_row_with_a_value_too_few_is_refused_before_anything_is_written(wide_table):
    """Rows travel flattened, several to a statement: a short row would shift the values of the next."""
    table, session = wide_table
    rows = _rows(3)
    rows[1] = rows[1][:-1]
    with pytest.raises(TypeError, match="row 1 has 30 values for 31 columns"):
        bulk.insert_rows(session, table, ("id", *_COLUMNS), rows)
    assert session.execute(select(table)).all() == []


def test_sqlite_statements_stay_under_the_driver_limit_on_parameters(wide_table, monkeypatch):
    """32 columns under a limit of 100 parameters: three rows per statement, never a too-long one."""
    table, session = wide_table
    driver = session.connection().connection.driver_connection
    driver.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)
    bulk.insert_rows(session, table, ("id", *_COLUMNS), _rows(10))
    session.commit()
    assert session.execute(select(table).order_by(table.c.id)).all() == _stored(10)


@pytest.fixture
def indexed_table(tmp_path):
    """A table with an index, a partial index and a UNIQUE constraint, a session on it, and the
    statements its connection runs."""
    table = Table("indexed", MetaData(), Column("id", Integer, primary_key=True),
                  Column("code", String(20), nullable=False), Column("kind", String(20), nullable=False),
                  Column("note", String(20)), UniqueConstraint("code"),
                  Index("ix_indexed_kind", "kind"), Index("ix_indexed_note", "note", sqlite_where=text("note IS NOT NULL")))
    engine = create_engine(f"sqlite:///{tmp_path / 'indexed.sqlite'}")
    table.metadata.create_all(engine)
    with Session(engine) as session:
        statements = []
        session.connection().connection.driver_connection.set_trace_callback(statements.append)
        yield table, session, statements
    engine.dispose()


def _indexes(session) -> list[tuple]:
    return session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")).all()


def _coded(first: int, count: int) -> list[tuple]:
    return [(n, f"code-{n}", f"kind-{n % 3}", f"note-{n}" if n % 2 else None) for n in range(first, first + count)]


def _dropped(statements) -> list[str]:
    return [statement for statement in statements if statement.startswith("DROP INDEX")]


def test_sqlite_builds_the_indexes_after_an_insert_as_large_as_the_table(indexed_table):
    table, session, statements = indexed_table
    before = _indexes(session)
    bulk.insert_rows(session, table, ("id", "code", "kind", "note"), _coded(1, 50))
    session.commit()
    assert sorted(_dropped(statements)) == ['DROP INDEX "ix_indexed_kind"', 'DROP INDEX "ix_indexed_note"']
    assert _indexes(session) == before  # the same definitions, the partial one's WHERE included
    assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"  # every row is in every index
    assert session.execute(text("SELECT count(*) FROM indexed INDEXED BY ix_indexed_kind WHERE kind = 'kind-1'")
                           ).scalar() == 17


def test_sqlite_inserts_through_the_indexes_into_a_larger_table(indexed_table):
    table, session, statements = indexed_table
    bulk.insert_rows(session, table, ("id", "code", "kind", "note"), _coded(1, 50))
    session.commit()
    statements.clear()
    bulk.insert_rows(session, table, ("id", "code", "kind", "note"), _coded(51, 10))
    session.commit()
    assert _dropped(statements) == []
    assert session.execute(select(table.c.id).order_by(table.c.id)).scalars().all() == list(range(1, 61))


def test_sqlite_a_failed_insert_leaves_the_indexes_as_they_were(indexed_table):
    """The drop runs in the insert's transaction: the rollback of a refused file gives the indexes back.
    The UNIQUE constraint's index is never dropped, so a duplicate is refused as ever."""
    table, session, statements = indexed_table
    before = _indexes(session)
    rows = _coded(1, 40) + [(41, "code-7", "kind-0", None)]
    with pytest.raises(IntegrityError, match="UNIQUE"):
        bulk.insert_rows(session, table, ("id", "code", "kind", "note"), rows)
    session.rollback()
    assert _dropped(statements)
    assert _indexes(session) == before
    assert session.execute(select(table)).all() == []


def test_sqlite_cancel_during_the_insert_leaves_the_indexes_as_they_were(indexed_table, monkeypatch):
    table, session, _ = indexed_table
    monkeypatch.setattr(bulk, "CHUNK", 10)
    before = _indexes(session)

    def cancel(done):
        raise KeyboardInterrupt  # what a Cancel raises does not matter here: it stops the insert

    with pytest.raises(KeyboardInterrupt):
        bulk.insert_rows(session, table, ("id", "code", "kind", "note"), _coded(1, 40), cancel)
    session.rollback()
    assert _indexes(session) == before
    assert session.execute(select(table)).all() == []


def test_sqlite_a_failed_insert_gives_the_indexes_back_even_to_a_caller_that_goes_on_and_commits(indexed_table):
    """A caller may catch the failure and commit what it wrote before: the dropped indexes come back all the same."""
    table, session, statements = indexed_table
    before = _indexes(session)
    session.execute(table.insert().values(id=1000, code="earlier", kind="kind-0"))  # written before, in the transaction
    rows = _coded(1, 1000) + [(1001, "code-7", "kind-0", None)]
    with pytest.raises(IntegrityError, match="UNIQUE"):
        bulk.insert_rows(session, table, ("id", "code", "kind", "note"), rows)
    session.commit()
    assert _dropped(statements)
    assert _indexes(session) == before
    assert session.execute(select(table.c.code)).scalars().all() == ["earlier"]
    assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_sqlite_a_failed_insert_leaves_no_row_of_its_own_whether_or_not_it_dropped_the_indexes(indexed_table,
                                                                                                monkeypatch):
    """Into a table larger than the insert (no index dropped), a failure had left the rows of the statements before
    it in the caller's transaction, while into a small one it took them back: the same failure left different
    tables."""
    table, session, statements = indexed_table
    monkeypatch.setattr(bulk, "_ROWS_PER_STATEMENT", 4)  # the duplicate in the third statement
    bulk.insert_rows(session, table, ("id", "code", "kind", "note"), _coded(1, 50))
    session.commit()
    statements.clear()
    rows = _coded(51, 10) + [(61, "code-7", "kind-0", None)]
    with pytest.raises(IntegrityError, match="UNIQUE"):
        bulk.insert_rows(session, table, ("id", "code", "kind", "note"), rows)
    session.commit()
    assert not _dropped(statements)
    assert session.execute(select(table.c.id).order_by(table.c.id)).scalars().all() == list(range(1, 51))


def test_sqlite_cancel_is_heard_while_the_indexes_are_built_again(indexed_table, monkeypatch):
    """Building the cases' indexes over a million imported rows took 20 s with the progress at 100% and Cancel
    unheard: each index is reported as it is built, Cancel is heard after each, and leaves the table as it was."""
    table, session, _ = indexed_table
    monkeypatch.setattr(bulk, "CHUNK", 10)
    before = _indexes(session)
    rows, indexes = [], []

    def cancel_after_the_first_index(built, count):
        indexes.append((built, count))
        if built == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        bulk.insert_rows(session, table, ("id", "code", "kind", "note"), _coded(1, 40), rows.append,
                         cancel_after_the_first_index)
    session.rollback()
    assert rows == [10, 20, 30, 40]
    assert indexes == [(0, 2), (1, 2)]  # the two indexes of the table: said before the first is built
    assert _indexes(session) == before
    assert session.execute(select(table)).all() == []


def test_sqlite_without_an_index_report_the_rows_report_hears_of_each_index(indexed_table, monkeypatch):
    """A caller that reports rows only still gets a chance to cancel between the indexes."""
    table, session, _ = indexed_table
    monkeypatch.setattr(bulk, "CHUNK", 10)
    reports = []
    bulk.insert_rows(session, table, ("id", "code", "kind", "note"), _coded(1, 40), reports.append)
    assert reports == [10, 20, 30, 40, 40, 40, 40]  # the rows; before each of the two indexes, and after them


def test_sqlite_a_full_disk_is_said_in_words_and_leaves_the_table_as_it_was(indexed_table):
    """Building the indexes again needs room: a full disk had reached the desk as a bare sqlite3 error, an
    unexplained fault, where the database's failures are said with what to do (db.explain_failure)."""
    from desktop.db import explain_failure

    table, session, _ = indexed_table
    before = _indexes(session)
    pages = session.execute(text("PRAGMA page_count")).scalar()
    session.execute(text(f"PRAGMA max_page_count = {pages + 3}"))  # the file may grow by three pages: "full"
    with pytest.raises(DBAPIError) as failed:
        bulk.insert_rows(session, table, ("id", "code", "kind", "note"), _coded(1, 2000))
    session.rollback()
    assert "数据库所在的磁盘已满,本次操作未保存" in str(explain_failure(failed.value))
    assert _indexes(session) == before
    assert session.execute(select(table)).all() == []
