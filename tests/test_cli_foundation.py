"""griddesk-admin foundation commands on fresh databases of both backends, and bad input."""

import argparse
import io
import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from backends import PG_URL
from desktop import migrate
from desktop.cli import build_parser, main
from desktop.db import Database, normalise_url
from desktop.models import AuditEntry, Case, Place, User
from desktop.models.enums import AuditOutcome, CaseState
from desktop.services import users

PG_DOWN = "postgresql://postgres@127.0.0.1:5999/test"


@pytest.fixture
def fresh_url(backend, tmp_path, postgresql_server):
    """The URL of a database that does not hold anything yet."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite'}"
        return
    with postgresql_server.shared():
        admin = create_engine(make_url(normalise_url(PG_URL)), isolation_level="AUTOCOMMIT")
        name = f"gdcli_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(normalise_url(PG_URL)).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(url, *argv, stdin=None, monkeypatch=None):
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["--db", url, *argv], out=out)
    return code, out.getvalue()


def counts(url):
    db = Database.connect(url)
    try:
        with db.session() as session:
            return tuple(session.scalar(select(func.count()).select_from(t)) for t in (AuditEntry, Place, User, Case))
    finally:
        db.dispose()


def test_init_loads_the_real_tree_once(fresh_url):
    assert run(fresh_url, "init")[0] == 0
    code, out = run(fresh_url, "places", "list", "--level", "township", "--json")
    townships = json.loads(out)
    assert code == 0 and len(townships) == 30
    assert {"code", "name", "short_name", "level", "parent_code"} <= set(townships[0])
    assert {t["level"] for t in townships} == {"township"}
    assert any(t["name"] == "侨港镇" and t["parent_code"] == "450503000000" for t in townships)
    assert len(json.loads(run(fresh_url, "places", "list", "--level", "village", "--json")[1])) == 437

    before = counts(fresh_url)
    code, out = run(fresh_url, "init")
    assert code == 0 and "nothing changed" in out
    assert counts(fresh_url) == before


def test_seed_demo_then_check_stays_clean(fresh_url):
    run(fresh_url, "init")
    code, out = run(fresh_url, "seed-demo", "--township", "450503103")
    assert code == 0 and "侨港镇" in out
    assert "qg_chief / qiaogang-chief" in out  # the log-ins it made, with their demo passwords
    grids = json.loads(run(fresh_url, "places", "list", "--level", "grid", "--under", "450503103", "--json")[1])
    assert len(grids) > 20 and all(g["code"].startswith("450503103") for g in grids)
    code, out = run(fresh_url, "check")
    assert code == 0 and "no problems found" in out
    code, out = run(fresh_url, "check", "--township", "450503103")
    assert code == 0 and "侨港镇(450503103000)初始设置已完成" in out
    db = Database.connect(fresh_url)
    with db.session() as session:
        assert set(session.scalars(select(Case.state).distinct())) == set(CaseState)
    db.dispose()
    table = run(fresh_url, "places", "list", "--under", "450503103001")[1]
    assert "侨北社区第1网格" in table



@pytest.mark.law("Art. 12")
def test_check_names_what_a_new_township_lacks_and_the_command_for_each(fresh_url, capsys):
    run(fresh_url, "init")
    code, out = run(fresh_url, "check", "--township", "450521101")  # 合浦县 党江镇, on a database just made
    assert code == 1 and "no problems found" in out  # the data is sound; the township is not set up yet
    assert "党江镇(450521101000)尚未完成初始设置,还缺 5 项" in out
    for command in ("grids import", "staff import", "matters import FILE --place 450521",
                    "departments add CODE --place 450521101", "users add NAME --role operator --scope 450521101"):
        assert command in out
    assert run(fresh_url, "check", "--township", "450521") == (1, "")  # a county has no center of its own
    assert "450521 不是乡镇(街道)" in capsys.readouterr().err


@pytest.mark.law("Art. 15")
def test_seed_demo_refuses_a_database_in_use(fresh_url, monkeypatch, capsys):
    """The demo's log-ins have published passwords: they never go into a database holding real accounts."""
    run(fresh_url, "init")
    run(fresh_url, "users", "add", "qg_admin", "--role", "township_admin", "--scope", "450503103",
        stdin="secret-123\n", monkeypatch=monkeypatch)
    before = counts(fresh_url)
    assert run(fresh_url, "seed-demo")[0] == 1
    assert "已有真实的用户账号或诉求,不能再生成演示数据" in capsys.readouterr().err
    assert counts(fresh_url)[1:] == before[1:]  # places, users, cases as they were (the refusal is audited)

def test_users_add_and_list(fresh_url, monkeypatch, capsys):
    run(fresh_url, "init")
    code, out = run(fresh_url, "users", "add", "qg_op", "--role", "operator", "--scope", "450503103",
                    "--display-name", "侨港值班员", stdin="secret-123\n", monkeypatch=monkeypatch)
    assert code == 0 and "qg_op" in out
    users = json.loads(run(fresh_url, "users", "list", "--json")[1])
    assert users == [{"username": "qg_op", "display_name": "侨港值班员", "active": True,
                      "grants": [{"role": "operator", "scope": "450503103000"}]}]

    before = counts(fresh_url)
    code, _ = run(fresh_url, "users", "add", "qg_op", "--role", "operator", "--scope", "450503103",
                  stdin="another-123\n", monkeypatch=monkeypatch)
    assert code == 1
    assert capsys.readouterr().err.strip().splitlines() == ["griddesk-admin: 用户名 qg_op 已存在"]
    assert counts(fresh_url) == before


def test_an_unknown_as_user_is_refused_by_every_command(fresh_url, monkeypatch, capsys):
    assert run(fresh_url, "--as", "qg_op", "init")[0] == 1  # refused before the database is set up
    assert "数据库尚未初始化" in capsys.readouterr().err
    db = Database.connect(fresh_url)
    assert migrate.current_revision(db) is None
    db.dispose()
    run(fresh_url, "init")
    run(fresh_url, "users", "add", "qg_op", "--role", "operator", "--scope", "450503103", stdin="secret-123\n",
        monkeypatch=monkeypatch)
    capsys.readouterr()
    for argv in (["users", "list"], ["check"], ["places", "list"], ["governance", "detect"]):
        assert run(fresh_url, "--as", "nobody", *argv) == (1, ""), argv
        assert capsys.readouterr().err.strip() == "griddesk-admin: 没有名为 'nobody' 的有效用户", argv
    code, out = run(fresh_url, "--as", "qg_op", "places", "list", "--under", "450503103")
    assert code == 0 and "侨北社区" in out
    assert run(fresh_url, "--as", "qg_op", "users", "list") == (1, "")  # an operator keeps no accounts
    assert "只有管理员和审计员可以查看用户账号" in capsys.readouterr().err


def test_users_add_refuses_a_liaison_without_department(fresh_url, monkeypatch, capsys):
    run(fresh_url, "init")
    code, out = run(fresh_url, "users", "add", "qg_pcs", "--role", "liaison", "--scope", "450503103",
                    stdin="secret-123\n", monkeypatch=monkeypatch)
    assert (code, out) == (1, "") and "联动部门联络员须指定所属联动部门" in capsys.readouterr().err
    assert json.loads(run(fresh_url, "users", "list", "--json")[1]) == []


def test_a_department_refused_as_given_is_not_asked_for_again(demo_db, monkeypatch, capsys):
    """The option hint names an option left out; where the --department given is what was refused,
    it would tell the administrator to give what they gave (or what they must leave out)."""
    url = demo_db.engine.url.render_as_string(hide_password=False)
    add = ["--as", "qg_admin", "users", "add", "qg_op3", "--scope", "450503103"]
    assert run(url, *add, "--role", "operator", "--department", "450503103-PCS",
               stdin="secret-123\n", monkeypatch=monkeypatch)[0] == 1
    assert capsys.readouterr().err.endswith("值班员不属于联动部门,请不选所属部门\n")
    assert run(url, "--as", "qg_admin", "users", "grant", "qg_police", "--role", "liaison", "--scope", "450503103",
               "--department", "450503103-SCJGS")[0] == 1
    assert capsys.readouterr().err.endswith("一个账号只属于一个部门,请另开账号\n")
    assert run(url, *add, "--role", "liaison", stdin="secret-123\n", monkeypatch=monkeypatch)[0] == 1
    assert capsys.readouterr().err.endswith("未指定部门则无法办理任何事项;用 --department 给出\n")  # left out: asked for


@pytest.mark.parametrize("argv, reason", [
    (["places", "list", "--under", "450599"], "未知的地点代码 450599000000"),
    (["seed-demo", "--township", "450503999"], "未知的地点代码 450503999000"),
    (["places", "list", "--under", "450503103002999"], "未知的网格代码 450503103002999:还没有这个网格"),
])
def test_unknown_place_code(fresh_url, capsys, argv, reason):
    run(fresh_url, "init")
    before = counts(fresh_url)
    code, _ = run(fresh_url, *argv)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and err[0].startswith("griddesk-admin: ") and reason in err[0]
    assert counts(fresh_url) == before


def test_commands_before_init_ask_for_init(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    code, _ = run(url, "places", "list")
    assert code == 1 and f"请先运行 griddesk-admin --db {url} init 创建" in capsys.readouterr().err


@pytest.mark.parametrize("url, reason", [
    ("mysql://x", "不支持的数据库类型"),
    ("nonsense", "数据库地址无法识别"),
    (PG_DOWN, "无法连接数据库"),
])
def test_bad_database_url(url, reason, capsys):
    code, out = run(url, "init")
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and out == ""
    assert len(err) == 1 and err[0].startswith("griddesk-admin: ") and reason in err[0]



@pytest.mark.parametrize("content", [b"x", "会议记录:网格员培训安排\n".encode() * 20,
                                     b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_file_that_is_no_database_is_named_in_one_line_and_left_as_it_was(tmp_path, capsys, content):
    """A --db pointing at some other file, or a damaged one, had ended in a page of traceback from the
    first PRAGMA; a file shorter than SQLite's header had even been taken for an empty database and
    written over."""
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    code, out = run(f"sqlite:///{path}", "check")
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and out == "" and len(err) == 1
    assert err[0] == f"griddesk-admin: {path} 不是 SQLite 数据库文件(file is not a database):请检查 --db 所指的文件是否正确,或文件是否已损坏"
    assert path.read_bytes() == content


def test_a_database_file_the_user_may_not_read_is_named_in_one_line(tmp_path, capsys, monkeypatch):
    """A --db file on a share the user has no right to read: one line naming the file and the
    system's reason. (The tests run as a user who reads every file: the refusal is the OS's, faked.)"""
    path = tmp_path / "griddesk.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + bytes(200))
    real_open = Path.open

    def refused(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refused)
    code, out = run(f"sqlite:///{path}", "check")
    err = capsys.readouterr().err.strip().splitlines()
    assert (code, out) == (1, "") and err == [f"griddesk-admin: 无法读取数据库文件 {path}:Permission denied"]


@pytest.mark.parametrize("url", ["mysql://x", PG_DOWN])
def test_real_process_exit_code_and_one_line(url):
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", url, "init"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("griddesk-admin: ")


@pytest.mark.law("Art. 15")
def test_users_grant_revoke_disable_enable_and_reset_password(fresh_url, monkeypatch, capsys):
    run(fresh_url, "init")
    run(fresh_url, "users", "add", "qg_op", "--role", "operator", "--scope", "450503103", stdin="secret-123\n",
        monkeypatch=monkeypatch)
    assert run(fresh_url, "users", "grant", "qg_op", "--role", "supervisor", "--scope", "450503103")[0] == 0
    assert run(fresh_url, "users", "revoke", "qg_op", "--role", "operator", "--scope", "450503103")[0] == 0
    listed = json.loads(run(fresh_url, "users", "list", "--json")[1])
    assert listed[0]["grants"] == [{"role": "supervisor", "scope": "450503103000"}]
    assert run(fresh_url, "users", "grant", "qg_op", "--role", "township_admin", "--scope", "450503")[0] == 1
    assert "乡镇(街道)管理员的权限范围须是乡镇(街道)" in capsys.readouterr().err
    assert run(fresh_url, "users", "disable", "qg_op") == (0, "已停用账号 qg_op\n")
    assert json.loads(run(fresh_url, "users", "list", "--json")[1])[0]["active"] is False
    assert run(fresh_url, "users", "enable", "qg_op")[0] == 0
    code, out = run(fresh_url, "users", "reset-password", "qg_op", stdin="renewed-456\n", monkeypatch=monkeypatch)
    assert (code, out) == (0, "已重置 qg_op 的密码\n")
    db = Database.connect(fresh_url)
    try:
        assert users.login(db, "qg_op", "renewed-456").username == "qg_op"
    finally:
        db.dispose()



@pytest.mark.law("Art. 15")
def test_users_password_max_age_shows_and_sets_the_citys_rule(fresh_url, monkeypatch, capsys):
    run(fresh_url, "init")
    assert run(fresh_url, "users", "password-max-age") == (0, "密码最长使用天数:90 天(到期后登录时须设置新密码)\n")
    assert run(fresh_url, "users", "password-max-age", "0") == (0, "密码最长使用天数:不限\n")
    assert run(fresh_url, "users", "password-max-age", "4000")[0] == 1
    assert "0 至 3650 的整数" in capsys.readouterr().err
    run(fresh_url, "users", "add", "qg_admin", "--role", "township_admin", "--scope", "450503103",
        stdin="secret-123\n", monkeypatch=monkeypatch)
    assert run(fresh_url, "--as", "qg_admin", "users", "password-max-age", "30")[0] == 1
    assert "Art. 15" in capsys.readouterr().err
    assert run(fresh_url, "users", "password-max-age")[1] == "密码最长使用天数:不限\n"

def test_a_password_prompt_left_with_end_of_input_changes_nothing(fresh_url, monkeypatch, capsys):
    import getpass

    run(fresh_url, "init")
    monkeypatch.setattr(sys, "stdin", type("Terminal", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr(getpass, "getpass", lambda prompt: (_ for _ in ()).throw(EOFError))  # Ctrl+D
    capsys.readouterr()
    assert run(fresh_url, "users", "add", "qg_op", "--role", "operator", "--scope", "450503103")[0] == 1
    assert "没有输入密码,未作任何更改" in capsys.readouterr().err
    assert json.loads(run(fresh_url, "users", "list", "--json")[1]) == []


def test_a_password_is_asked_for_only_once_the_name_is_free(fresh_url, monkeypatch, capsys):
    import getpass

    run(fresh_url, "init")
    run(fresh_url, "users", "add", "qg_op", "--role", "operator", "--scope", "450503103", stdin="secret-123\n",
        monkeypatch=monkeypatch)
    monkeypatch.setattr(sys, "stdin", type("Terminal", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr(getpass, "getpass", lambda prompt: pytest.fail(f"asked {prompt!r} for a name refused"))
    capsys.readouterr()
    for name, said in (("qg_op", "用户名 qg_op 已存在"), ("QG_OP", "用户名 QG_OP 与已有的 qg_op 只差大小写"),
                       ("侨港值班员", "用户名 '侨港值班员' 无效")):
        assert run(fresh_url, "users", "add", name, "--role", "operator", "--scope", "450503103") == (1, "")
        assert capsys.readouterr().err.startswith(f"griddesk-admin: {said}")


@pytest.mark.law("Art. 15")
def test_a_new_password_is_asked_for_only_once_the_account_is_the_actors_to_reset(fresh_url, monkeypatch, capsys):
    run(fresh_url, "init")
    for name, role, scope in (("qg_admin", "township_admin", "450503103"), ("yh_admin", "county_admin", "450503")):
        run(fresh_url, "users", "add", name, "--role", role, "--scope", scope, stdin="secret-123\n",
            monkeypatch=monkeypatch)
    capsys.readouterr()
    for actor, name, said in ((None, "nobody", "没有名为 'nobody' 的用户"), ("qg_admin", "yh_admin", "管辖范围以外"),
                              ("qg_admin", "qg_admin", "不能修改自己的账号")):
        typed = io.StringIO("renewed-456\n")
        monkeypatch.setattr(sys, "stdin", typed)
        as_actor = ["--as", actor] if actor else []
        assert run(fresh_url, *as_actor, "users", "reset-password", name) == (1, "")
        assert said in capsys.readouterr().err
        assert typed.tell() == 0  # the password was never read
    db = Database.connect(fresh_url)
    try:
        with db.session() as session:
            refused = session.scalars(select(AuditEntry.target).where(AuditEntry.action == "users.reset_password",
                                                                      AuditEntry.outcome == AuditOutcome.DENIED))
            assert sorted(refused) == ["qg_admin", "yh_admin"]  # on record as a refused reset would be
    finally:
        db.dispose()

def test_no_password_on_standard_input_is_said_so_not_taken_for_a_short_one(fresh_url, monkeypatch, capsys):
    run(fresh_url, "init")
    capsys.readouterr()
    add = ["users", "add", "qg_op", "--role", "operator", "--scope", "450503103"]
    assert run(fresh_url, *add, stdin="", monkeypatch=monkeypatch) == (1, "")  # as from </dev/null
    err = capsys.readouterr().err
    assert "没有输入密码,未作任何更改(标准输入为空)" in err and "8 位" not in err
    assert json.loads(run(fresh_url, "users", "list", "--json")[1]) == []
    assert run(fresh_url, *add, stdin="secret-123\n", monkeypatch=monkeypatch)[0] == 0
    assert run(fresh_url, "users", "reset-password", "qg_op", stdin="", monkeypatch=monkeypatch) == (1, "")
    assert "没有输入密码,未作任何更改(标准输入为空)" in capsys.readouterr().err
    assert run(fresh_url, "users", "add", "qg_op2", "--role", "operator", "--scope", "450503103", stdin="\n",
               monkeypatch=monkeypatch)[0] == 1  # an empty line is a password given, and too short
    assert "密码至少 8 位" in capsys.readouterr().err


def test_demo_names_the_demo_database_and_a_missing_file_is_not_created(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("GRIDDESK_DATABASE_URL", raising=False)
    demo = tmp_path / "GridDesk" / "griddesk-demo.sqlite"
    for argv in (["--demo", "emergencies", "list"], ["--demo", "route", "109.1", "21.4"], ["--demo", "check"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert f"演示数据库 {demo} 还没有建立;请先运行一次 griddesk --demo" in err
        assert "无屏幕的机器上运行 griddesk --demo --screenshot demo.png" in err  # where the desk cannot open
    assert not demo.exists()
    assert main(["--demo", "conformance"]) == 0  # read from the code and the tests: no database needed
    assert not demo.exists()
    assert main(["--demo", "init"]) == 0 and demo.exists()  # the schema: `griddesk --demo` seeds it on start
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--demo", "--db", f"sqlite:///{demo}", "check"])
    assert "参数 --db 不能与 --demo 同时使用" in capsys.readouterr().err


def test_init_by_a_role_that_may_not_create_tables_says_what_to_do_without_a_traceback(fresh_url, backend, capsys):
    """From PostgreSQL 15 only a database's owner may create tables in its public schema: init by
    another role had ended in a traceback."""
    if backend != "postgresql":
        pytest.skip("SQLite has no roles")
    role = f"gdcli_role_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(normalise_url(PG_URL)), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    try:
        url = make_url(fresh_url).set(username=role).render_as_string(hide_password=False)
        assert main(["--db", url, "init"]) == 1
        err = capsys.readouterr().err
        database = make_url(fresh_url).database
        assert err.startswith(f"griddesk-admin: 数据库用户 {role} 无权在数据库 {database} 中建表")
        assert f"ALTER DATABASE {database} OWNER TO {role}" in err and "Traceback" not in err
        db = Database.connect(fresh_url)
        assert migrate.current_revision(db) is None  # nothing half made
        db.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


@pytest.mark.parametrize("argv, said", [
    (["check", "--demo"], "无法识别的参数 --demo;--demo 须写在命令之前:griddesk-admin --demo check"),
    (["--demo", "matters", "in-force", "--place", "450503103", "--as", "qg_admin"],
     "--as 须写在命令之前:griddesk-admin --as qg_admin --demo matters in-force --place 450503103"),
    (["check", "--frobnicate"], "无法识别的参数 --frobnicate(用 -h 查看用法)"),
])
def test_an_option_of_the_tool_after_the_command_is_said_to_go_before_it(argv, said, capsys):
    with pytest.raises(SystemExit) as refused:
        main(argv)
    assert refused.value.code == 2 and said in capsys.readouterr().err


@pytest.mark.parametrize("argv, said", [
    (["calendar", "add", "2027-02-30"], "参数 DATE “2027-02-30”这一天不存在"),
    (["audit", "list", "--since", "2027-02-30"], "参数 --since “2027-02-30”这一天不存在"),
    (["matters", "in-force", "--on", "2027-13-01"], "参数 --on “2027-13-01”这一天不存在"),
    (["governance", "accept", "1", "--department", "X", "--review-on", "2027-02-29"],
     "参数 --review-on “2027-02-29”这一天不存在"),
    (["audit", "list", "--until", "2027/03/01"], "参数 --until “2027/03/01”不是 YYYY-MM-DD 格式的日期"),
])
def test_a_date_option_says_a_day_that_does_not_exist_apart_from_one_badly_written(argv, said, capsys):
    with pytest.raises(SystemExit) as refused:
        main(argv)
    assert refused.value.code == 2 and said in capsys.readouterr().err


def test_a_database_that_stops_answering_is_said_in_a_line_not_a_trace(sqlite_db, monkeypatch, capsys):
    """A server gone or a disk full in the middle of a command printed SQLAlchemy's trace."""
    import sqlite3

    import psycopg
    from sqlalchemy.exc import OperationalError

    from desktop.services import integrity

    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    for failure, said in ((sqlite3.OperationalError("database or disk is full"), "磁盘已满,本次操作未保存"),
                          (psycopg.OperationalError("server closed the connection unexpectedly"),
                           "与数据库服务器的连接中断,本次操作未完成(server closed the connection unexpectedly);"
                           "请稍后重新运行该命令。如长时间不恢复,请联系数据库管理员")):
        def stopped(db, failure=failure):
            raise OperationalError("SELECT 1", {}, failure)
        monkeypatch.setattr(integrity, "check", stopped)
        assert run(url, "check")[0] == 1
        printed = capsys.readouterr().err
        assert said in printed and "Traceback" not in printed and "sqlalche.me" not in printed


def test_every_command_in_the_top_help_has_an_english_gloss():
    """The README promises the help in Chinese with English glosses of the commands."""
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    unglossed = [choice.dest for choice in commands._choices_actions
                 if not re.search(r"\b(?!Art\b)[A-Za-z]{3,}", choice.help)]
    assert unglossed == []


def test_the_readmes_first_account_examples_name_no_township_to_copy_by_mistake():
    """Setting up a real township, the first account's scope is the administrator's own township:
    an example naming 侨港镇 would be run as it stands."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    set_up = readme.split("## Configuration: which database")[1].split("## The admin command line")[0]
    assert re.findall(r"users add (\S+) .*--scope (\S+)", set_up) == [("NAME", "CODE")] * 3  # Windows, Linux, PostgreSQL
    assert "CODE: the township's code" in set_up
