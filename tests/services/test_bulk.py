"""The bulk writer: every row lands with its own values, whatever the statement and chunk sizes."""

import sqlite3

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select
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
