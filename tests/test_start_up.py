"""The start path stays light: no Alembic, demo generator or optional heavy library before the window."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from desktop import app, migrate
from desktop.db import Database

HEAVY = ("alembic", "shapely", "numpy", "pyqtgraph", "reportlab", "openpyxl", "psycopg", "desktop.services.demo")


def test_head_revision_read_from_the_files_is_alembics_head():
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(migrate._config()).get_current_head()


def test_current_revision_of_an_empty_database_is_none(tmp_path):
    db = Database.connect(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    assert migrate.current_revision(db) is None
    db.dispose()


def test_main_window_modules_import_nothing_heavy():
    probe = ("import sys, desktop.app, desktop.views.main_window; "
             f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.split() == []


def test_a_finished_demo_file_opens_without_the_demo_generator(_templates, tmp_path, monkeypatch):
    demo = _templates["sqlite"].make("demo", tmp_path)
    url = demo.engine.url.render_as_string()
    demo.dispose()
    monkeypatch.setitem(sys.modules, "desktop.services.demo", None)  # importing it now raises ImportError
    db = app.open_demo_database(url)
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()


def test_a_demo_file_set_up_without_the_demo_is_seeded_on_start(sqlite_db, monkeypatch):
    """`griddesk-admin --demo init` on a new machine made the schema only: the desk then opened to
    a login no demo account could pass. Once seeded, the database's statistics are gathered (on
    PostgreSQL: test_a_postgresql_planner_is_given_the_statistics_of_tables_just_filled)."""
    from desktop.services import users

    gathered = []
    monkeypatch.setattr(Database, "gather_statistics", lambda db: gathered.append(db))
    url = sqlite_db.engine.url.render_as_string()
    sqlite_db.dispose()
    db = app.open_demo_database(url)
    assert users.login(db, "qg_op1", "qiaogang-op1").username == "qg_op1"
    assert len(gathered) == 1
    db.dispose()


def test_a_postgresql_planner_is_given_the_statistics_of_tables_just_filled(pg_db):
    """A PostgreSQL demo just built planned its tables as nearly empty until autovacuum came by: the
    wall's month rates took 2 s, 40 ms after ANALYZE."""
    def analyzed():
        with pg_db.engine.connect() as conn:
            return conn.scalar(text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'places'"))

    before = analyzed()  # None on a database just made, unless autovacuum came by first
    pg_db.gather_statistics()
    after = analyzed()
    assert after is not None and after != before


def test_a_missing_demo_file_is_built_aside_and_renamed_only_when_complete(tmp_path, monkeypatch):
    built = []

    def build(url):
        built.append(url)
        db = Database.connect(url)
        migrate.upgrade(db)
        return db

    def crash(url):
        Database.connect(url).dispose()
        raise RuntimeError("interrupted")

    target = tmp_path / "demo.sqlite"
    monkeypatch.setattr("desktop.services.demo.ensure_demo_database", crash)
    with pytest.raises(RuntimeError):
        app.open_demo_database(f"sqlite:///{target}")
    assert not target.exists()  # an interrupted build never passes for a finished demo

    monkeypatch.setattr("desktop.services.demo.ensure_demo_database", build)
    db = app.open_demo_database(f"sqlite:///{target}")
    assert built == [f"sqlite:///{target}.partial"]
    assert target.exists() and not target.with_name("demo.sqlite.partial").exists()
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()


def test_a_database_failing_while_the_demo_is_built_is_said_in_a_sentence(tmp_path, monkeypatch, capsys, qapp):
    """Past the first connection check, building the demo file went wrong with a traceback."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    def disk_failing(url):
        raise OperationalError("INSERT INTO cases", {}, sqlite3.OperationalError("disk I/O error"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("desktop.services.demo.ensure_demo_database", disk_failing)
    assert app.main(["--demo", "--screenshot", str(tmp_path / "desk.png")]) == 1
    assert capsys.readouterr().err == ("griddesk: 读写数据库文件出错,本次操作未保存;请检查数据库所在的磁盘或网络共享文件夹是否可用"
                                       "(disk I/O error)\n")


def test_offscreen_runs_drop_only_the_platforms_size_hint_noise(capsys):
    app.quiet_offscreen(None, None, app.OFFSCREEN_NOISE)
    app.quiet_offscreen(None, None, "QFont::setPointSize: Point size <= 0 (0), must be greater than 0")
    assert capsys.readouterr().err == "QFont::setPointSize: Point size <= 0 (0), must be greater than 0\n"


def test_a_mistyped_option_is_refused_in_chinese_as_griddesk_admin_refuses_it(capsys):
    with pytest.raises(SystemExit) as exited:
        app.build_parser().parse_args(["--bogus"])
    assert exited.value.code == 2
    assert "griddesk:错误:无法识别的参数 --bogus(用 -h 查看用法)" in capsys.readouterr().err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11/Wayland display variables are Linux's")
def test_a_start_without_a_screen_says_so_in_one_line_instead_of_aborting(tmp_path):
    """Without a display Qt had aborted the process (exit 134, a core dump) after a page about a
    missing xcb plug-in; the desk says what to do instead, and builds no demo database meanwhile."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")} | {"XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", "import sys; from desktop.app import main; sys.exit(main(['--demo']))"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "griddesk: 没有可用的屏幕(未设置 DISPLAY 或 WAYLAND_DISPLAY):无屏幕的机器上请用 --screenshot FILE.png 出图,"
        "或设置 QT_QPA_PLATFORM=offscreen (no display)"]
    assert not any(tmp_path.rglob("*.sqlite"))


def test_a_screenshot_name_without_an_image_suffix_is_refused_before_the_window_loads(capsys):
    """Qt saves by the name's suffix: `--screenshot z` had loaded the whole window, then blamed the folder."""
    with pytest.raises(SystemExit) as exited:
        app.main(["--demo", "--screenshot", "z"])
    assert exited.value.code == 2
    assert "--screenshot z:文件名须以 .png 结尾(也可用 .jpg、.bmp)" in capsys.readouterr().err


def test_the_desk_starts_as_a_module_by_either_name():
    """`python -m desktop.app` did nothing and exited 0, while `python -m desktop` started the desk."""
    for module in ("desktop", "desktop.app"):
        done = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "--demo" in done.stdout, module


def test_a_database_a_newer_griddesk_upgraded_is_refused_as_such_not_sent_to_init(sqlite_db):
    """A desk left on an older version after another upgraded the shared database was told to run
    `init`, which then failed with Alembic's traceback ("Can't locate revision")."""
    from sqlalchemy import text

    from desktop.errors import DatabaseUnavailable

    with sqlite_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_a_newer_version'"))
    url = sqlite_db.engine.url.render_as_string()
    for attempt in (lambda: app.open_database(url, demo=False), lambda: migrate.upgrade(sqlite_db)):
        with pytest.raises(DatabaseUnavailable, match="结构版本 0099_from_a_newer_version 比本程序新.*请把本机的网格指挥台也升级"):
            attempt()
    assert migrate.current_revision(sqlite_db) == "0099_from_a_newer_version"  # nothing touched
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0021'"))
    with pytest.raises(DatabaseUnavailable, match="结构版本 0021 较旧;请运行 griddesk-admin"):
        app.open_database(url, demo=False)


def test_a_damaged_database_file_is_called_damaged_not_unreachable(sqlite_db, tmp_path):
    """A file cut short (a copy interrupted, a disk failing) was reported as 无法连接数据库."""
    from desktop.errors import DatabaseUnavailable

    source = sqlite_db.engine.url.database
    sqlite_db.dispose()  # the last close folds the WAL into the file
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(open(source, "rb").read(4096))  # the header page only
    with pytest.raises(DatabaseUnavailable, match=r"damaged.sqlite 已损坏\(database disk image is malformed\):请停止使用,"
                                                  "联系管理员从备份恢复"):
        app.open_database(f"sqlite:///{damaged}", demo=False)


def test_a_postgresql_connection_notices_a_server_that_vanished_without_a_word(pg_db):
    """Only the live listener set TCP keepalives: a save over a dropped network waited on a dead socket."""
    with pg_db.engine.connect() as conn:
        used = conn.connection.driver_connection.info.get_parameters()
    assert (used["keepalives"], used["keepalives_idle"], used["tcp_user_timeout"]) == ("1", "30", "60000")


def test_a_postgresql_connection_names_the_computer_it_comes_from(pg_db, monkeypatch):
    """Every desktop's connections had been named "griddesk" alike: the administrator, and `init` waiting
    for the writes under way, could tell them apart only by address and process."""
    import socket

    from sqlalchemy import text

    from desktop import db as database

    with pg_db.engine.connect() as conn:
        named = conn.scalar(text("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"))
    assert named == f"griddesk@{socket.gethostname()}"[:63]
    monkeypatch.setattr(socket, "gethostname", lambda: "值班室-" + "PC" * 40)  # PostgreSQL keeps 63 ASCII bytes
    assert database.application_name("griddesk-live") == ("griddesk-live@???-" + "PC" * 40)[:63]


@pytest.fixture
def hook_at_log_in(monkeypatch):
    """The `sys.excepthook` in place while the log-in dialog is up (it is cancelled)."""
    from PySide6.QtWidgets import QDialog

    from desktop.views.login_dialog import LoginDialog

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start_logging wraps it for the process: not beyond the test
    during = []

    def log_in_cancelled(dialog) -> QDialog.DialogCode:
        during.append(sys.excepthook)
        return QDialog.DialogCode.Rejected
    monkeypatch.setattr(LoginDialog, "exec", log_in_cancelled)
    return during


def test_the_desk_shows_uncaught_faults_for_its_life_and_gives_the_hook_back_on_exit(sqlite_db, hook_at_log_in, qapp):
    """A slot with no handler of its own failed out of sight: only the log knew."""
    from desktop.views import faults

    assert app.main(["--db", sqlite_db.engine.url.render_as_string()]) == 0
    assert isinstance(hook_at_log_in[0], faults.ShowingHook) and sys.excepthook is hook_at_log_in[0].previous


def test_the_wall_display_on_its_own_logs_uncaught_faults_and_shows_none(sqlite_db, hook_at_log_in, qapp):
    """Nobody is at the wall's keyboard: a dialog would cover the wall until someone came to close it."""
    from desktop.views import faults

    assert app.main(["--wall", "--db", sqlite_db.engine.url.render_as_string()]) == 0
    assert not isinstance(hook_at_log_in[0], faults.ShowingHook) and getattr(hook_at_log_in[0], "logs_to_file")
