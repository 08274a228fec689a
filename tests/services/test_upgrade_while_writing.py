"""PostgreSQL: a desk's write and a newer GridDesk's upgrade of the same database take turns
(migrate.held_revision): the upgrade's data migrations see every write committed before it, and
a write begun during it is refused once it commits."""

from __future__ import annotations

import threading

import pytest
from alembic import command
from lock_waits import run, wait_for_a_lock
from sqlalchemy import func, select, text

from desktop import migrate
from desktop.db import Database
from desktop.errors import DatabaseUnavailable
from desktop.models import ChangeFeed, User
from desktop.models.enums import Role
from desktop.services import places, users
from desktop.services.unit_of_work import unit_of_work

NEWER = "0099_from_a_newer_version"
VILLAGE = "450502001003"


def other_desktop(db: Database) -> Database:
    return Database.connect(db.engine.url.render_as_string(hide_password=False))


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


@pytest.fixture
def upgrader(pg_db):
    other = other_desktop(pg_db)
    yield other
    other.dispose()


def test_an_upgrade_waits_for_a_write_under_way_and_its_data_migration_sees_it(pg_db, upgrader, system, monkeypatch):
    """The upgrade's backfill did not see the write, not committed yet, which then committed on the
    upgraded database unfilled."""
    written, release, upgrading = threading.Event(), threading.Event(), threading.Event()

    def write():
        with unit_of_work(pg_db, system, "test.write") as uow:
            row = ChangeFeed(topic="places")
            uow.session.add(row)
            uow.session.flush()
            written.set()
            assert release.wait(20)
        return row.id

    writing, wrote = run(write)
    assert written.wait(10)
    a_newer_upgrade(monkeypatch, upgrading)
    upgrade, upgraded = run(migrate.upgrade, upgrader)
    wait_for_a_lock(pg_db)
    assert not upgrading.is_set()
    release.set()
    writing.join(10)
    upgrade.join(10)
    assert len(wrote) == 1 and upgraded == [(migrate.head_revision(), migrate.head_revision())]
    with pg_db.session() as session:
        assert session.get(ChangeFeed, wrote[0]).note == "backfilled"
        assert session.scalar(text("SELECT version_num FROM alembic_version")) == NEWER


def test_a_write_begun_during_an_upgrade_waits_for_it_and_is_refused(pg_db, upgrader, system, monkeypatch):
    """The write read the revision the upgrade had not committed yet and committed after it, unfilled."""
    upgrading, release = threading.Event(), threading.Event()
    a_newer_upgrade(monkeypatch, upgrading, release)
    upgrade, upgraded = run(migrate.upgrade, upgrader)
    assert upgrading.wait(10)
    writing, wrote = run(lambda: places.create_grid(pg_db, system, village_code=VILLAGE, code=f"{VILLAGE}001",
                                                    name="测试网格1"))
    wait_for_a_lock(pg_db)
    release.set()
    upgrade.join(10)
    writing.join(10)
    assert isinstance(wrote[0], DatabaseUnavailable)
    assert wrote[0].message == f"{migrate.UPGRADED_WHILE_RUNNING}(结构版本 {NEWER});本次操作未保存"
    with pg_db.session() as session:
        assert session.scalar(select(func.count()).select_from(ChangeFeed).where(ChangeFeed.note.is_(None))) == 0


def test_a_log_in_on_a_database_a_newer_griddesk_upgraded_says_to_update_and_records_nothing(db, system):
    users.add_user(db, system, username="qg_new", display_name=None, password="Qiaogang-1", role=Role.OPERATOR,
                   scope_code="450503103")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :newer"), {"newer": NEWER})
    with db.session() as session:
        entries = session.scalar(text("SELECT count(*) FROM audit_log"))
    with pytest.raises(DatabaseUnavailable, match=f"数据库的结构版本 {NEWER} 比本程序新.*它已由更新版本的网格指挥台升级"):
        users.login(db, "qg_new", "Qiaogang-1")
    with db.session() as session:
        assert session.scalar(text("SELECT count(*) FROM audit_log")) == entries
        assert session.scalar(select(User.last_login_at).where(User.username == "qg_new")) is None
