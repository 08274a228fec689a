"""An upgrade is all or nothing on SQLite as on PostgreSQL: one that fails part way leaves the database at
the revision it had, schema and all, and the next `griddesk-admin init` upgrades it cleanly."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.operations import Operations
from sqlalchemy import text

from desktop import migrate
from desktop.cli import main
from desktop.db import Database
from desktop.errors import DatabaseUnavailable

OLDER = "0022"


def at_revision(db: Database, revision: str) -> str:
    """The database's URL, once brought back to `revision`."""
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), revision)
    return db.engine.url.render_as_string(hide_password=False)


def schema(db: Database) -> list[tuple]:
    """Every table, column, index and trigger as the database itself describes them."""
    with db.engine.connect() as conn:
        if db.is_sqlite:
            query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        else:
            query = ("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
                     "WHERE table_schema = 'public' UNION ALL SELECT tablename, indexname, indexdef, '' "
                     "FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2")
        return [tuple(row) for row in conn.execute(text(query))]


class MigrationFailed(Exception):
    pass


@pytest.fixture
def newest_migration_fails_after_its_ddl(monkeypatch):
    """0023 adds its column, then fails (a disk full, say)."""
    add_column = Operations.add_column

    def add_then_fail(self, *args, **kwargs):
        add_column(self, *args, **kwargs)
        raise MigrationFailed

    monkeypatch.setattr(Operations, "add_column", add_then_fail)
    return monkeypatch


def test_an_upgrade_failing_part_way_leaves_the_older_schema_and_the_next_init_upgrades(
        db, newest_migration_fails_after_its_ddl, capsys):
    """On SQLite the column stayed, the revision did not move, and the next init failed on "duplicate column"."""
    url = at_revision(db, OLDER)
    before = schema(db)
    with pytest.raises(MigrationFailed):
        migrate.upgrade(db)
    assert migrate.current_revision(db) == OLDER
    assert schema(db) == before

    newest_migration_fails_after_its_ddl.undo()
    assert main(["--db", url, "init"]) == 0
    assert capsys.readouterr().out.startswith(f"数据库结构:{OLDER} → {migrate.head_revision()};")
    assert migrate.current_revision(db) == migrate.head_revision()


def copy_of_places_after_newest_ddl(monkeypatch):
    """0023 also copies the places (as batch mode does to change a constraint), which most tables refer to."""
    add_column = Operations.add_column

    def add_then_copy(self, *args, **kwargs):
        add_column(self, *args, **kwargs)
        with self.batch_alter_table("places", recreate="always"):
            pass

    monkeypatch.setattr(Operations, "add_column", add_then_copy)


def rows_referring_to_places(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("places", "grids", "users", "audit_log")}


@pytest.mark.parametrize("backend", ["sqlite"])  # PostgreSQL alters a table in place
def test_a_migration_copying_a_table_others_refer_to_keeps_their_rows(demo_db, monkeypatch):
    """With foreign keys on, SQLite deletes a copied table's rows before dropping it, with the rows referring to them."""
    at_revision(demo_db, OLDER)
    before = rows_referring_to_places(demo_db)
    assert before["grids"] and before["users"]
    copy_of_places_after_newest_ddl(monkeypatch)
    migrate.upgrade(demo_db)
    assert migrate.current_revision(demo_db) == migrate.head_revision()
    assert rows_referring_to_places(demo_db) == before


@pytest.mark.parametrize("backend", ["sqlite"])  # PostgreSQL checks each row as it is written
def test_a_migration_leaving_rows_that_refer_to_none_is_undone(demo_db, monkeypatch):
    """Foreign keys are off during an upgrade of an SQLite file: they are checked before its commit."""
    at_revision(demo_db, OLDER)
    before = schema(demo_db), rows_referring_to_places(demo_db)
    add_column = Operations.add_column

    def add_then_break_references(self, *args, **kwargs):
        add_column(self, *args, **kwargs)
        self.execute("UPDATE grids SET place_id = -abs(place_id)")  # once or many times: broken

    monkeypatch.setattr(Operations, "add_column", add_then_break_references)
    with pytest.raises(RuntimeError, match="the upgrade left rows referring to none"):
        migrate.upgrade(demo_db)
    assert migrate.current_revision(demo_db) == OLDER
    assert (schema(demo_db), rows_referring_to_places(demo_db)) == before


def test_an_upgrade_from_the_first_revision_gives_the_schema_the_models_describe(empty_db):
    """Every migration in the one transaction, batch copies and rewritten CREATE statements included."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from desktop.models import Base

    at_revision(empty_db, "0001")
    migrate.upgrade(empty_db)
    assert migrate.current_revision(empty_db) == migrate.head_revision()
    with empty_db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_an_sqlite_file_a_newer_griddesk_upgraded_while_init_waited_is_left_to_it(sqlite_db):
    """Read again once init holds the file: Alembic had failed on a revision it did not know, with a trace."""
    import sqlite3

    at_revision(sqlite_db, OLDER)
    desk = sqlite3.connect(sqlite_db.engine.url.database, isolation_level=None)
    desk.execute("BEGIN IMMEDIATE")  # a desk's write under way, here a newer GridDesk's own upgrade

    def the_newer_program_finishes(_said: str) -> None:
        if desk.in_transaction:
            desk.execute("UPDATE alembic_version SET version_num = '9999'")
            desk.execute("COMMIT")

    before = schema(sqlite_db)
    with pytest.raises(DatabaseUnavailable, match="结构版本 9999 比本程序新"):
        migrate.upgrade(sqlite_db, on_wait=the_newer_program_finishes, wait_limit=30)
    desk.close()
    assert migrate.current_revision(sqlite_db) == "9999" and schema(sqlite_db) == before
