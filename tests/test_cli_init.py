"""`griddesk-admin init` upgrading a database other desks are writing to: what it says while it waits,
when it gives up, and that it then changed nothing."""

from __future__ import annotations

import io
import re

import pytest
from alembic import command
from sqlalchemy import text

from desktop import migrate
from desktop.cli import main
from desktop.db import Database, application_name

OLDER = "0022"


def at_an_older_revision(db: Database) -> str:
    """The database's URL, once brought back to the revision before this version's newest."""
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), OLDER)
    return db.engine.url.render_as_string(hide_password=False)


def this_release_writing(session) -> str:
    return migrate.held_revision(session)  # a write's first statement, held to its commit


def the_previous_release_writing(session) -> str:
    """How a desk of the previous release, still running while this one upgrades, takes turns with it."""
    return session.execute(text(migrate.REVISION_QUERY + " FOR SHARE")).scalar_one()


@pytest.mark.parametrize("begin_writing", [this_release_writing, the_previous_release_writing])
def test_init_waits_for_a_desks_write_says_so_gives_up_after_wait_then_upgrades_once_it_ends(pg_db, monkeypatch,
                                                                                           capsys, begin_writing):
    """The previous release's desk: the upgrade went on under its write, which then committed with the older
    model on the upgraded database."""
    url = at_an_older_revision(pg_db)
    monkeypatch.setattr(migrate, "LOCK_ATTEMPT", 0.1)
    desk = Database.connect(url)
    writing = desk.session()
    assert begin_writing(writing) == OLDER
    said = io.StringIO()
    assert main(["--db", url, "init", "--wait", "0.01"], out=said) == 1
    waits = said.getvalue().splitlines()
    assert len(waits) >= 2 and set(waits) == {"正在等待其他值班台正在进行的 1 项写入完成后升级…"}
    name = re.escape(application_name("griddesk"))
    assert re.fullmatch(rf"griddesk-admin: 等待 0\.6 秒后,其他值班台仍有写入未完成\({name}\(来自 127\.0\.0\.1,进程 \d+\)\);"
                        r"升级未进行,未作任何更改;请待这些值班台办完手头的导出、导入或审计检查后再运行 griddesk-admin init\n",
                        capsys.readouterr().err)
    assert migrate.current_revision(pg_db) == OLDER

    writing.rollback()
    said = io.StringIO()
    assert main(["--db", url, "init", "--wait", "0.01"], out=said) == 0
    assert said.getvalue().startswith(f"数据库结构:{OLDER} → {migrate.head_revision()};")
    assert migrate.current_revision(pg_db) == migrate.head_revision()
    writing.close()
    desk.dispose()


def test_init_on_a_file_a_desk_is_writing_to_waits_says_so_gives_up_changing_nothing_then_upgrades(
        sqlite_db, monkeypatch, capsys):
    """It failed with SQLite's "database is locked" after 5 seconds, and could leave a half-upgraded schema."""
    url = at_an_older_revision(sqlite_db)
    with sqlite_db.engine.connect() as conn:
        schema = conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")).all()
    monkeypatch.setattr(migrate, "LOCK_ATTEMPT", 0.1)
    desk = Database.connect(url)
    with desk.engine.connect() as writing:
        writing.execute(text("UPDATE places SET name = name WHERE id = 1"))  # the file's write lock, held
        said = io.StringIO()
        assert main(["--db", url, "init", "--wait", "0.005"], out=said) == 1
        waits = said.getvalue().splitlines()
        assert len(waits) >= 2 and set(waits) == {"正在等待其他值班台正在进行的写入完成后升级…"}
        assert capsys.readouterr().err == (
            "griddesk-admin: 等待 0.3 秒后,数据库文件仍被另一个值班台(或另一条 griddesk-admin 命令)写入;"
            "升级未进行,未作任何更改;请待其办完手头的操作后再运行 griddesk-admin init\n")
        writing.rollback()
    assert migrate.current_revision(sqlite_db) == OLDER
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")).all() == schema

    assert main(["--db", url, "init", "--wait", "0.005"], out=io.StringIO()) == 0
    assert migrate.current_revision(sqlite_db) == migrate.head_revision()
    desk.dispose()


def test_a_wait_of_minutes_and_a_half_is_said_so(capsys):
    """90 seconds were said "2 分钟"."""
    assert migrate.said_duration(90) == "1.5 分钟"
    assert migrate.said_duration(36) == "36 秒"


@pytest.mark.parametrize("given", ["-1", "nan", "soon"])
def test_a_wait_that_is_no_number_of_minutes_is_refused(given, capsys):
    with pytest.raises(SystemExit) as refused:
        main(["--db", "sqlite://", "init", "--wait", given])
    assert refused.value.code == 2
    assert f"参数 --wait 应为不小于 0 的分钟数(可为小数),不是 '{given}'" in capsys.readouterr().err


def test_init_help_says_the_wait_may_be_a_fraction_of_a_minute(capsys):
    with pytest.raises(SystemExit):
        main(["init", "--help"])
    assert "可为小数(0.5即30秒)" in "".join(capsys.readouterr().out.split())  # argparse wraps it anywhere
