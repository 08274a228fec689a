"""`db backup`: a consistent copy of an SQLite database taken while desktops work on it, on record (Art. 15)."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
import threading

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.db import Database
from desktop.errors import PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Place
from desktop.models.enums import AuditOutcome, PlaceLevel, Role
from desktop.services import audit, backup
from desktop.services.exchange.files import FileUnusable
from desktop.services.security import Actor, Grant

pytestmark = pytest.mark.law("Art. 15")


def _places(path) -> int:
    with closing(sqlite3.connect(path)) as copy:
        return copy.execute("SELECT count(*) FROM places").fetchone()[0]


def test_a_backup_taken_while_a_desk_writes_holds_what_was_committed_and_is_on_record(sqlite_db, system, tmp_path):
    """A file copied by hand while a desk writes may be torn, and leaves out what is still in the -wal file."""
    database = sqlite_db.engine.url.database
    os.chmod(database, 0o600)
    # A change committed by another desk and not yet checkpointed: it is in the -wal file only.
    committed = sqlite3.connect(database)
    committed.execute("PRAGMA wal_autocheckpoint=0")
    committed.execute("UPDATE places SET short_name = short_name || '(已提交)' WHERE level = 'city'")
    committed.commit()
    with open(database, "rb") as main_file:
        assert "(已提交)".encode() not in main_file.read()
    before = _places(database)
    # Another desk, mid-transaction: it lets go half a second later, and the backup's audit entry waits for it.
    writing = sqlite3.connect(database, check_same_thread=False)
    writing.execute("BEGIN IMMEDIATE")
    writing.execute("UPDATE places SET short_name = short_name || '(未提交)' WHERE level = 'county'")
    letting_go = threading.Timer(0.5, writing.rollback)
    letting_go.start()
    folder = tmp_path / "backups"
    folder.mkdir()
    made = backup.back_up(sqlite_db, system, folder / "griddesk-2026-11-28.sqlite")
    letting_go.join()
    writing.close()
    committed.close()
    assert made.path.stat().st_size == made.size > 0 and _places(made.path) == before
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600  # as private as the database: every phone is in it
    copy = Database.connect(f"sqlite:///{made.path}")
    with copy.session() as session:
        assert not session.scalar(select(func.count()).select_from(Place).where(Place.short_name.like("%未提交%")))
        assert session.scalar(select(Place.short_name).where(Place.level == PlaceLevel.CITY)).endswith("(已提交)")
        assert audit.verify_chain(session) == []
    copy.dispose()
    with sqlite_db.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.outcome, entry.detail["size"]) == ("db.backup", AuditOutcome.OK, made.size)
    assert [p.name for p in folder.iterdir()] == [made.path.name]  # no temporary file left beside it


def test_a_backup_never_replaces_a_file_nor_the_database_itself(sqlite_db, system, tmp_path):
    kept = tmp_path / "yesterday.sqlite"
    kept.write_bytes(b"yesterday's backup")
    with pytest.raises(FileUnusable, match="已存在;备份不覆盖已有文件"):
        backup.back_up(sqlite_db, system, kept)
    assert kept.read_bytes() == b"yesterday's backup"
    with pytest.raises(FileUnusable, match="已存在"):
        backup.back_up(sqlite_db, system, sqlite_db.engine.url.database)


def test_only_who_may_export_for_the_city_backs_up_and_a_refusal_leaves_no_file(sqlite_db, tmp_path):
    tmp_path = tmp_path / "backups"
    tmp_path.mkdir()
    operator = Actor(username="qg_op", display_name="侨港值班员",
                     grants=(Grant(Role.OPERATOR, "450503103000", PlaceLevel.TOWNSHIP),))
    with pytest.raises(PermissionDenied, match="备份整个数据库"):
        backup.back_up(sqlite_db, operator, tmp_path / "b.sqlite")
    assert list(tmp_path.iterdir()) == []
    with sqlite_db.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.outcome) == ("db.backup", AuditOutcome.DENIED)


def test_postgresql_is_backed_up_with_its_own_tools(pg_db, system, tmp_path):
    with pytest.raises(ValidationFailed, match="pg_dump"):
        backup.back_up(pg_db, system, tmp_path / "b.sqlite")
    assert list(tmp_path.iterdir()) == []


def test_the_command_says_where_the_backup_is(sqlite_db, tmp_path, capsys):
    target = tmp_path / "b.sqlite"
    assert main(["--db", f"sqlite:///{sqlite_db.engine.url.database}", "db", "backup", str(target)]) == 0
    assert capsys.readouterr().out.startswith(f"已备份到 {target}(")
    assert _places(target) > 400
