"""PostgreSQL: a desk's write and a newer GridDesk's upgrade of the same database take turns
(migrate.held_revision, an advisory lock): the upgrade's data migrations see every write committed before it, and
a write begun during it is refused once it commits."""

from __future__ import annotations

import re
import threading
import time

import pytest
from alembic import command
from lock_waits import (NEWER, a_newer_upgrade, a_write_begun_during_a_newer_upgrade, a_write_under_way, run,
                        wait_for_a_lock)
from sqlalchemy import func, select, text

from desktop import migrate
from desktop.db import Database, application_name, explain_failure
from desktop.errors import DatabaseUnavailable, ValidationFailed
from desktop.models import AuditEntry, ChangeFeed, User
from desktop.models.enums import Role
from desktop.services import places, users
from desktop.services.security import Actor, Permission
from desktop.services.unit_of_work import unit_of_work

VILLAGE = "450502001003"


def other_desktop(db: Database) -> Database:
    return Database.connect(db.engine.url.render_as_string(hide_password=False))


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
    refused = a_write_begun_during_a_newer_upgrade(monkeypatch, upgrader, pg_db, system)
    assert isinstance(refused, DatabaseUnavailable)
    assert refused.message == f"{migrate.UPGRADED_WHILE_RUNNING}(结构版本 {NEWER});本次操作未保存"
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


def upgraded_by_a_newer_griddesk(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :newer"), {"newer": NEWER})


def audit_entries(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def refuse_for_want_of_permission(uow):
    uow.require(Permission.DISPATCH, VILLAGE)


def refuse_what_was_typed(uow):
    raise ValidationFailed("网格名称不能为空")


@pytest.mark.parametrize("body", [refuse_for_want_of_permission, refuse_what_was_typed])
def test_on_an_upgraded_database_a_write_says_to_update_before_anything_of_it_runs(db, body):
    """SQLite ran the write's body first: a refusal was put on record in the upgraded database and a check of
    what was typed was shown in place of "close and update"."""
    upgraded_by_a_newer_griddesk(db)
    entries = audit_entries(db)
    with pytest.raises(DatabaseUnavailable, match=migrate.UPGRADED_WHILE_RUNNING):
        with unit_of_work(db, Actor(username="qg_op9", display_name="值班员"), "test.write") as uow:
            body(uow)
    assert audit_entries(db) == entries


@pytest.mark.parametrize("write, refusal", [
    (lambda db, system: places.create_grid(db, system, village_code=VILLAGE, code=f"{VILLAGE}001", name="测试网格1"),
     f"{migrate.UPGRADED_WHILE_RUNNING}(结构版本 {NEWER});本次操作未保存"),
    (lambda db, system: users.login(db, "qg_new", "Qiaogang-1"), f"数据库的结构版本 {NEWER} 比本程序新"),
], ids=["a unit of work", "a log-in"])
def test_a_write_waiting_while_a_newer_migration_set_rewrites_the_revision_row_is_refused(pg_db, upgrader, system,
                                                                                          write, refusal):
    """The FOR SHARE that waited on the deleted row found none, and the write went on on the new schema; read
    by the snapshot taken before it waited, the revision would be the one replaced."""
    users.add_user(pg_db, system, username="qg_new", display_name=None, password="Qiaogang-1", role=Role.OPERATOR,
                   scope_code="450503103")
    entries = audit_entries(pg_db)
    with upgrader.engine.connect() as upgrade:
        upgrade.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": migrate.REVISION_LOCK})  # as upgrade does
        upgrade.execute(text("DELETE FROM alembic_version"))
        upgrade.execute(text("INSERT INTO alembic_version (version_num) VALUES (:newer)"), {"newer": NEWER})
        writing, wrote = run(write, pg_db, system)
        wait_for_a_lock(pg_db)
        upgrade.commit()
    writing.join(10)
    assert isinstance(wrote[0], DatabaseUnavailable)
    assert wrote[0].message.startswith(refusal)
    assert audit_entries(pg_db) == entries


@pytest.fixture
def a_long_write(pg_db, system):
    """A write under way on another desk (a whole-queue export, say) until the event returned is set."""
    release, writing, wrote = a_write_under_way(pg_db, system)
    yield release
    release.set()
    writing.join(10)
    assert wrote == [None]


def test_an_upgrade_waiting_for_a_long_write_says_so_and_goes_on_once_it_ends(upgrader, a_long_write, monkeypatch):
    """It waited with no word for as long as the write took."""
    upgrading, said = threading.Event(), []
    a_newer_upgrade(monkeypatch, upgrading)
    monkeypatch.setattr(migrate, "LOCK_ATTEMPT", 0.1)
    upgrade, upgraded = run(lambda: migrate.upgrade(upgrader, on_wait=said.append, wait_limit=20))
    deadline = time.monotonic() + 10
    while len(said) < 2:
        assert time.monotonic() < deadline, "nothing was said"
        time.sleep(0.05)
    assert said[:2] == ["正在等待其他值班台正在进行的 1 项写入完成后升级…"] * 2
    assert not upgrading.is_set()
    a_long_write.set()
    upgrade.join(10)
    assert upgrading.is_set() and upgraded == [(migrate.head_revision(), migrate.head_revision())]


def test_an_upgrade_gives_up_after_its_bound_naming_the_desks_and_changing_nothing(pg_db, upgrader, a_long_write,
                                                                                     monkeypatch):
    upgrading = threading.Event()
    a_newer_upgrade(monkeypatch, upgrading)
    monkeypatch.setattr(migrate, "LOCK_ATTEMPT", 0.1)
    with pytest.raises(DatabaseUnavailable) as refused:
        migrate.upgrade(upgrader, wait_limit=0.5)
    desk = re.escape(application_name("griddesk"))
    assert re.fullmatch(rf"等待 0\.5 秒后,其他值班台仍有写入未完成\({desk}\(来自 127\.0\.0\.1,进程 \d+\)\);升级未进行,"
                        r"未作任何更改;.*griddesk-admin init", refused.value.message)
    assert not upgrading.is_set() and migrate.current_revision(pg_db) == migrate.head_revision()


# A desk's read holds every table it has read to its end; one that read places and then asks for change_feed,
# while an upgrade has altered change_feed and asks for places, deadlocks with it.

def an_upgrade_altering_change_feed_then_places(monkeypatch, *, patient: bool = False) -> list[int]:
    """migrate.upgrade runs, in place of this version's migrations, two ALTERs in that order. `patient`: it
    leaves finding a deadlock to the other side (a long deadlock_timeout). The list counts its runs."""
    runs = []

    def upgrade(config, target):
        runs.append(1)
        conn = config.attributes["connection"]
        if patient:
            conn.execute(text("SET LOCAL deadlock_timeout = '60s'"))
        conn.execute(text("ALTER TABLE change_feed ADD COLUMN upgraded integer"))
        conn.execute(text("ALTER TABLE places ADD COLUMN upgraded integer"))

    monkeypatch.setattr(command, "upgrade", upgrade)
    return runs


def reading_places(db: Database):
    """A desk's read under way, having read places: its connection."""
    reader = other_desktop(db).engine.connect()
    reader.execute(text("SELECT count(*) FROM places"))
    return reader


def upgraded_columns(db: Database) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(text("SELECT count(*) FROM information_schema.columns WHERE column_name = 'upgraded'"))


def test_an_upgrade_cancelled_by_a_deadlock_with_a_desks_read_runs_again_and_says_so(pg_db, upgrader, monkeypatch):
    """The upgrade failed with PostgreSQL's raw "deadlock detected"."""
    runs, said = an_upgrade_altering_change_feed_then_places(monkeypatch), []
    reader = reading_places(pg_db)
    reader.execute(text("SET deadlock_timeout = '60s'"))  # the upgrade, waiting first, finds the deadlock
    upgrade, upgraded = run(lambda: migrate.upgrade(upgrader, on_wait=said.append))
    wait_for_a_lock(pg_db)  # the upgrade, for places
    reading, read = run(lambda: reader.execute(text("SELECT count(*) FROM change_feed")).scalar_one())
    reading.join(10)
    assert len(read) == 1 and isinstance(read[0], int)  # the deadlock broken by cancelling the upgrade
    wait_for_a_lock(pg_db)  # the upgrade run again, for change_feed the reader now holds
    reader.commit()
    upgrade.join(10)
    assert upgraded == [(migrate.head_revision(), migrate.head_revision())] and len(runs) == 2
    assert said == ["升级与其他值班台正在进行的查询互相等待(死锁),已被数据库撤销,未作任何更改;正在重试(第 2 次,共 3 次)…"]
    assert upgraded_columns(pg_db) == 2  # once each: nothing of the cancelled run stayed
    reader.close()


def test_an_upgrade_cancelled_by_deadlocks_each_time_gives_up_saying_why(pg_db, monkeypatch):
    import psycopg
    from sqlalchemy.exc import OperationalError

    runs = []

    def deadlocked(config, target):
        runs.append(1)
        raise OperationalError("ALTER TABLE places", {}, psycopg.errors.DeadlockDetected("deadlock detected"))

    monkeypatch.setattr(command, "upgrade", deadlocked)
    with pytest.raises(DatabaseUnavailable) as refused:
        migrate.upgrade(pg_db)
    assert len(runs) == migrate.UPGRADE_TRIES
    assert refused.value.message == ("升级连续 3 次与其他值班台正在进行的查询互相等待(死锁),均被数据库撤销;升级未进行,未作任何更改;"
                                     "请在值班台较空闲时再运行 griddesk-admin init")


def test_a_desks_read_cancelled_by_a_deadlock_with_an_upgrade_is_said_as_one_to_retry(pg_db, upgrader, monkeypatch):
    """It was taken for a fault of the program, its trace shown."""
    an_upgrade_altering_change_feed_then_places(monkeypatch, patient=True)  # the reader is to find the deadlock
    reader = reading_places(pg_db)
    upgrade, upgraded = run(migrate.upgrade, upgrader)
    wait_for_a_lock(pg_db)  # the upgrade, for places
    # The reader waits last: its one deadlock check, a second later, finds the upgrade waiting however slow the
    # machine (waiting first, it had checked before the upgrade waited, and the upgrade was cancelled instead).
    reading, read = run(lambda: reader.execute(text("SELECT count(*) FROM change_feed")).scalar_one())
    reading.join(10)
    reader.rollback()
    upgrade.join(10)
    assert upgraded == [(migrate.head_revision(), migrate.head_revision())]
    explained = explain_failure(read[0])
    assert explained is not None and explained.message.startswith(
        "本次操作与其他值班台的操作(如 griddesk-admin init 升级数据库)互相等待,已被数据库中止,未作任何更改;请稍候重试(")
    reader.close()


def test_an_upgrade_run_again_after_a_deadlock_waits_only_what_is_left_of_its_wait(db, monkeypatch):
    """Each run had started the wait afresh: three runs of `init --wait 5` could wait a quarter of an hour."""
    import psycopg
    from sqlalchemy.exc import OperationalError

    deadlines = []

    def run_once(_db, _before, waiting):
        deadlines.append(waiting.deadline)
        if len(deadlines) == 1:
            raise OperationalError("ALTER TABLE places", {}, psycopg.errors.DeadlockDetected("deadlock detected"))

    monkeypatch.setattr(migrate, "_upgrade_once", run_once)
    started = time.monotonic()
    migrate.upgrade(db, wait_limit=60)
    assert len(deadlines) == 2 and deadlines[0] == deadlines[1]
    assert started + 60 <= deadlines[0] <= time.monotonic() + 60
