"""`griddesk-admin audit list|verify`: the audit log read and checked from the command line (Art. 15(3))."""

from __future__ import annotations

import io

import pytest

from tampering import rewrite_audit_entry
from desktop.cli import main
from desktop.services import users


def _run(db, *argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *argv], out=out)
    return code, out.getvalue()


@pytest.mark.law("Art. 15")
def test_an_auditor_lists_the_log_filtered_and_verifies_its_chain(demo_db, capsys):
    code, out = _run(demo_db, "--as", "bh_audit", "audit", "list", "--action", "seed", "--limit", "1")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert lines[0].split() == ["序号", "时间", "操作人", "操作", "操作名称", "对象", "地点", "结果", "内容"]
    assert " demo.seed  生成演示数据 " in lines[1] and lines[2].startswith("共 ")
    if int(lines[2].split()[1]) > 1:
        assert lines[2].endswith("只列出最新的 1 条(用 --limit 多列)")
    code, out = _run(demo_db, "--as", "bh_audit", "audit", "list", "--action", "audit.read", "--since", "2000-01-01")
    assert code == 0 and "查阅审计日志(操作=seed)" in out  # the reading before is on record
    code, out = _run(demo_db, "--as", "bh_audit", "audit", "list", "--until", "2000-01-01")
    assert code == 0 and out.splitlines()[1:] == ["共 0 条"]
    code, out = _run(demo_db, "--as", "bh_audit", "audit", "verify")
    assert code == 0 and out.endswith("哈希链完整\n")

    rewrite_audit_entry(demo_db, 2, message="已篡改")
    code, out = _run(demo_db, "--as", "bh_audit", "audit", "verify")
    assert code == 1 and "第 2 条:内容与哈希不符(记录被篡改)" in out and "发现 1 处问题" in out


@pytest.mark.law("Art. 15")
def test_only_an_auditor_reads_the_log(demo_db, capsys):
    assert _run(demo_db, "--as", "qg_op1", "audit", "list")[0] == 1
    assert "审计日志只供审计员查阅" in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:
        _run(demo_db, "--as", "bh_audit", "audit", "list", "--since", "2026-13-01")
    assert refused.value.code == 2 and "参数 --since “2026-13-01”这一天不存在" in capsys.readouterr().err


@pytest.mark.law("Art. 15")
def test_a_log_in_at_the_desk_is_listed_with_its_os_account_and_computer(demo_db, capsys, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "li")  # whoever is logged into the shared duty-room PC
    users.login(demo_db, "qg_op1", "qiaogang-op1", desktop="desk-7")
    code, out = _run(demo_db, "--as", "bh_audit", "audit", "list", "--action", "users.login", "--limit", "1")
    assert code == 0 and " qg_op1(li@desk-7) " in out.splitlines()[1]
    code, out = _run(demo_db, "--as", "bh_audit", "audit", "list", "--action", "登录", "--limit", "1")  # by its label
    assert code == 0 and " qg_op1(li@desk-7)  users.login  登录 " in out.splitlines()[1]


@pytest.mark.law("Art. 15")
def test_an_auditor_lists_who_holds_which_role_and_the_listing_is_on_record(demo_db, capsys):
    """`--as bh_audit users list` was refused ("只有管理员可以查看和管理用户账号"): checking the accounts and
    their roles is the auditor's work. It reads them, read-only, and its reading is on record as a reading of
    the log is; a change is refused saying it only reads."""
    code, out = _run(demo_db, "--as", "bh_audit", "users", "list")
    assert code == 0 and "yh_admin" in out and "县(区)管理员 @ 银海(450503000000)" in out and "qg_chief" in out
    code, out = _run(demo_db, "--as", "bh_audit", "audit", "list", "--action", "users.read", "--limit", "1")
    assert code == 0 and " bh_audit" in out.splitlines()[1] and "查阅用户账号与角色(" in out.splitlines()[1]
    capsys.readouterr()
    assert _run(demo_db, "--as", "bh_audit", "users", "disable", "qg_op1") == (1, "")
    assert "审计员只查看账号与角色,不能更改" in capsys.readouterr().err
