"""`griddesk-admin matters import|publish|export`: a fresh database's matter list from a table (Art. 12–13)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.models.enums import Role
from desktop.services import matter_list, users
from desktop.services.clock import beijing_today
from desktop.services.security import Actor

CITY = "450500000000"
HEADER = "事项编码,事项名称,类别,复杂程度,办理时限,时限单位,责任部门,网格员可办,说明\n"
VERSIONS_HEADER = "版本  状态  公布日期  事项  名称"
ITEMS = ("C09-001,路灯损坏报修,民生公共服务,一般,5,工作日,BH-CG,是,\n"
         "C07-001,疑似食物中毒,公共卫生突发事件,紧急,24,小时,BH-WJ,否,=先报告卫健部门\n")


def _run(db, *argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *argv], out=out)
    return code, out.getvalue()


@pytest.fixture
def departments(db):
    for code, name in (("BH-CG", "北海市城市管理局"), ("BH-WJ", "北海市卫生健康委员会")):
        assert _run(db, "departments", "add", code, "--place", CITY, "--name", name)[0] == 0
    return db


@pytest.mark.law("Art. 12")
@pytest.mark.law("Art. 13")
def test_a_fresh_database_takes_its_list_from_a_table_and_publishes_it_once_contacts_exist(departments, tmp_path,
                                                                                          capsys):
    db = departments
    path = tmp_path / "items.csv"
    path.write_text(HEADER + ITEMS, encoding="gbk")
    code, out = _run(db, "matters", "import", str(path))
    assert code == 0 and out.startswith("已向北海事项清单第 1 版草稿导入事项 2 项;")
    assert _run(db, "matters", "publish")[0] == 1  # Art. 13(4): no guidance contact yet
    assert "没有责任部门的业务指导人员" in capsys.readouterr().err
    for code_ in ("BH-CG", "BH-WJ"):
        assert _run(db, "departments", "contact-add", code_, "--name", "王工", "--phone", "0779-3000000",
                    "--guidance")[0] == 0
    code, out = _run(db, "matters", "publish", "--on", "2026-01-01", "--title", "北海市网格化服务管理事项清单(2026年版)")
    assert code == 0 and "第 1 版《北海市网格化服务管理事项清单(2026年版)》(2 项),自 2026-01-01 起施行" in out
    code, out = _run(db, "matters", "in-force", "--place", "450503103000")
    assert code == 0 and "C07-001   公共卫生突发事件  疑似食物中毒  北海市卫生健康委员会" in out and "\t" not in out

    exported = tmp_path / "out.xlsx"
    assert _run(db, "matters", "export", str(exported))[0] == 0
    rows = [[c.value for c in row] for row in load_workbook(exported).active.iter_rows()]
    assert rows[1] == ["C07-001", "疑似食物中毒", "公共卫生突发事件", "紧急", 24, "小时", "BH-WJ", "否", "=先报告卫健部门"]
    assert load_workbook(exported).active["I2"].data_type == "s"  # text, not a formula
    again = tmp_path / "again.csv"
    assert _run(db, "matters", "export", str(again))[0] == 0
    assert again.read_text(encoding="utf-8-sig").splitlines()[1].endswith(",'=先报告卫健部门")


def test_a_bad_table_is_refused_row_by_row_and_adds_nothing(departments, tmp_path, capsys):
    db = departments
    path = tmp_path / "items.csv"
    path.write_text(HEADER + ITEMS + "C09-001,重复,民生公共服务,一般,5,工作日,BH-CG,是,\n"
                    "C99-1,某事,不存在的类别,一般,五,天,BH-XX,也许,\n", encoding="utf-8")
    assert _run(db, "matters", "import", str(path))[0] == 1
    err = capsys.readouterr().err
    for said in ("第 4 行 事项编码:C09-001 与第 2 行重复", "第 5 行 办理时限:“五”应为正整数", "第 5 行 网格员可办:“也许”应为 是 或 否",
                 "第 5 行 责任部门:没有代码为 BH-XX 的部门", "第 5 行 类别:“不存在的类别”应为", "第 5 行 时限单位:“天”应为 工作日、小时 之一"):
        assert said in err
    path.write_text(HEADER.replace("说明", "备注") + ITEMS, encoding="utf-8")
    assert _run(db, "matters", "import", str(path))[0] == 1
    assert "不认识的列 备注,其内容无处保存" in capsys.readouterr().err
    code, out = _run(db, "matters", "versions")
    assert code == 0 and out.splitlines() == [VERSIONS_HEADER]  # nothing was added, not even a draft


@pytest.mark.law("Art. 12")
def test_only_a_city_or_county_keeps_a_list(departments, tmp_path, capsys):
    path = tmp_path / "items.csv"
    path.write_text(HEADER + ITEMS, encoding="utf-8")
    assert _run(departments, "matters", "import", str(path), "--place", "450503103000")[0] == 1
    assert "事项清单由市、县(区)网格化服务管理机构编制" in capsys.readouterr().err


def test_the_applications_list_says_how_many_even_when_there_are_none(db):
    assert _run(db, "matters", "applications") == (0, "编号  状态  部门  申请  事项\n共 0 件申请\n")


@pytest.mark.law("Art. 12")
def test_the_export_of_the_list_in_force_is_not_a_version_published_to_take_effect_later(departments, tmp_path):
    db = departments
    for code_ in ("BH-CG", "BH-WJ"):
        assert _run(db, "departments", "contact-add", code_, "--name", "王工", "--phone", "0779-3000000",
                    "--guidance")[0] == 0
    path = tmp_path / "items.csv"
    path.write_text(HEADER + ITEMS, encoding="utf-8")
    assert _run(db, "matters", "import", str(path))[0] == 0
    assert _run(db, "matters", "publish", "--on", "2026-01-01")[0] == 0
    path.write_text(HEADER + "C10-001,占道经营,文明创建与人居环境,一般,5,工作日,BH-CG,是,\n", encoding="utf-8")
    assert _run(db, "matters", "import", str(path))[0] == 0
    assert _run(db, "matters", "publish", "--on", "2099-01-01")[0] == 0  # published now, in force from 2099
    exported = tmp_path / "out.csv"
    assert _run(db, "matters", "export", str(exported)) == (0, f"已导出事项 2 项到 {exported}\n")
    assert "C10-001" not in exported.read_text(encoding="utf-8-sig")


@pytest.mark.law("Art. 13")
def test_a_version_in_force_until_a_later_one_takes_effect_keeps_its_guidance_contacts(departments, tmp_path,
                                                                                       capsys):
    db = departments
    path = tmp_path / "items.csv"
    path.write_text(HEADER + ITEMS, encoding="utf-8")
    assert _run(db, "matters", "import", str(path))[0] == 0
    for code_ in ("BH-CG", "BH-WJ"):
        assert _run(db, "departments", "contact-add", code_, "--name", "王工", "--phone", "0779-3000000",
                    "--guidance")[0] == 0
    assert _run(db, "matters", "publish", "--on", "2026-01-01")[0] == 0
    assert _run(db, "departments", "contact-add", "BH-WJ", "--name", "李工", "--phone", "0779-3000001",
                 "--guidance")[0] == 0
    # The next version drops the health commission's item and takes effect in 2099.
    draft = matter_list.start_version(db, Actor.system("pytest"), place_code=CITY)
    item = next(i for i in matter_list.items(db, draft.id) if i.draft.code == "C07-001")
    matter_list.remove_item(db, Actor.system("pytest"), item.id)
    assert _run(db, "matters", "publish", "--on", "2099-01-01")[0] == 0
    contacts = _run(db, "departments", "contacts", "BH-WJ")[1].splitlines()
    assert contacts[0].split() == ["编号(contact-remove", "用)", "姓名", "联系电话", "职责"]
    contact = next(line.split()[0] for line in contacts if "王工" in line)
    assert _run(db, "departments", "contact-remove", contact)[0] == 1  # still named by the list in force
    assert "王工是事项清单所列的业务指导人员(C07-001 疑似食物中毒)" in capsys.readouterr().err
    assert _run(db, "departments", "retire", "BH-WJ")[0] == 1
    assert "事项清单仍列其为责任部门:C07-001 疑似食物中毒" in capsys.readouterr().err


@pytest.mark.law("Art. 12")
def test_an_item_naming_another_institutions_department_is_refused_by_row(departments, tmp_path, capsys):
    """The window offers a list's own departments only; a table could name a county's for the city's list."""
    db = departments
    assert _run(db, "departments", "add", "HC-ZJ", "--place", "450502000000", "--name", "海城区住房和城乡建设局")[0] == 0
    path = tmp_path / "items.csv"
    path.write_text(HEADER + ITEMS + "C04-001,协助排查自建房安全隐患,安全风险隐患排查,一般,5,工作日,HC-ZJ,是,\n",
                    encoding="utf-8")
    assert _run(db, "matters", "import", str(path))[0] == 1
    assert ("第 4 行 责任部门:海城区住房和城乡建设局是海城区的部门,不是北海市的;北海市事项清单的事项由北海市的联动部门负责,请改选(Art. 12)"
            in capsys.readouterr().err)
    assert _run(db, "matters", "versions")[1].splitlines() == [VERSIONS_HEADER]  # nothing was added


@pytest.mark.law("Art. 13")
@pytest.mark.law("Art. 15")
def test_a_liaison_answers_a_rectification_notice_and_the_county_returns_then_confirms_it(demo_db, capsys):
    """侨港派出所 (a township department) is told to rectify by 银海区, whose list holds its items."""
    db = demo_db
    due = beijing_today() + timedelta(days=15)
    assert _run(db, "--as", "qg_police", "matters", "rectification-issue", "450503103-PCS",
                "--reason", "自查", "--due", due.isoformat())[0] == 1  # a department does not notify itself
    assert "Art. 15" in capsys.readouterr().err
    code, out = _run(db, "--as", "yh_admin", "matters", "rectification-issue", "450503103-PCS",
                     "--reason", "未落实专门人员进行业务指导", "--due", due.isoformat())
    notice = next(n for n in matter_list.rectifications(db) if n.reason == "未落实专门人员进行业务指导")
    seeded = len(matter_list.rectifications(db)) - 1  # the demo's own notices, one of them to 侨港派出所 and rectified
    assert (code, out) == (0, f"已督促侨港派出所限期整改,整改期限 {due}(整改通知 {notice.id})\n")
    code, out = _run(db, "--as", "qg_police", "matters", "rectifications", "--open")
    header, row, total = out.splitlines()
    assert code == 0 and header.split() == ["编号", "状态", "整改期限", "部门", "整改事由", "整改情况"]
    assert row.split() == [str(notice.id), "整改中", str(notice.due_on), notice.department, "未落实专门人员进行业务指导"]
    assert total == "共 1 份整改通知"
    # Without --place, an administrator lists the notices of its own institution only.
    assert _run(db, "--as", "yh_admin", "matters", "rectifications")[1].endswith(f"共 {seeded + 1} 份整改通知\n")
    assert _run(db, "--as", "bh_admin", "matters", "rectifications")[1].endswith("整改情况\n共 0 份整改通知\n")

    assert _run(db, "--as", "qg_admin", "matters", "rectification-answer", str(notice.id), "--report", "已整改")[0] == 1
    assert "不是侨港派出所的联络员,不能报送该部门的整改情况" in capsys.readouterr().err
    code, out = _run(db, "--as", "qg_police", "matters", "rectification-answer", str(notice.id),
                     "--report", "已指定专人指导")
    assert (code, out) == (0, f"已报送{notice.department}对整改通知 {notice.id} 的整改情况,待确认\n")
    assert _run(db, "--as", "qg_police", "matters", "rectification-confirm", str(notice.id))[0] == 1
    assert "维护事项清单的权限" in capsys.readouterr().err  # the department does not confirm itself (Art. 15)

    new_due = beijing_today() + timedelta(days=30)
    code, out = _run(db, "--as", "yh_admin", "matters", "rectification-return", str(notice.id),
                     "--reason", "未见指导记录", "--due", new_due.isoformat())
    assert (code, out) == (0, f"已退回{notice.department}对整改通知 {notice.id} 的整改情况,整改期限 {new_due}\n")
    listed = _run(db, "--as", "qg_police", "matters", "rectifications")[1].splitlines()
    assert next(line for line in listed if line.startswith(f"{notice.id} ")).split() == [
        str(notice.id), "整改中(已退回)", str(new_due), notice.department, "未落实专门人员进行业务指导", "退回理由:未见指导记录"]
    assert _run(db, "--as", "qg_police", "matters", "rectification-answer", str(notice.id),
                "--report", "已补指导记录")[0] == 0
    code, out = _run(db, "--as", "yh_admin", "matters", "rectification-confirm", str(notice.id))
    assert (code, out) == (0, f"已确认{notice.department}整改完毕(整改通知 {notice.id})\n")
    assert _run(db, "--as", "yh_admin", "matters", "rectification-confirm", str(notice.id))[0] == 1
    assert "没有待确认的整改情况(Art. 13)" in capsys.readouterr().err
    assert _run(db, "--as", "qg_police", "matters", "rectifications", "--open")[1].endswith("整改情况\n共 0 份整改通知\n")


@pytest.mark.law("Art. 12")
def test_without_place_the_matters_commands_work_on_the_acting_users_own_area(demo_db, tmp_path, capsys):
    """侨港镇 is governed by the city's list and 银海区's own; 银海区's administrator keeps the latter.
    The built-in administrator's default stays the city."""
    code, out = _run(demo_db, "--as", "qg_admin", "matters", "in-force")
    assert code == 0 and [line.split("网格化")[0] for line in out.splitlines() if line.startswith("# ")] == [
        "# 北海市", "# 银海区"]
    code, out = _run(demo_db, "--as", "yh_admin", "matters", "versions")
    assert code == 0 and "银海区网格化服务管理事项清单" in out and "北海市" not in out
    exported = tmp_path / "yinhai.csv"
    code, out = _run(demo_db, "--as", "yh_admin", "matters", "export", str(exported))
    assert (code, out) == (0, f"已导出事项 4 项到 {exported}\n")
    assert _run(demo_db, "--as", "yh_admin", "matters", "publish")[0] == 1
    assert "450503000000 没有未公布的事项清单草稿" in capsys.readouterr().err
    assert "北海市网格化服务管理事项清单" in _run(demo_db, "matters", "versions")[1]
    assert _run(demo_db, "--as", "qg_op1", "matters", "import", str(exported))[0] == 1
    assert "没有维护事项清单的权限" in capsys.readouterr().err  # an operator keeps no list anywhere


@pytest.mark.law("Art. 14")
@pytest.mark.law("Art. 15")
def test_a_township_reads_its_countys_list_in_force_and_another_county_does_not(demo_db, tmp_path, capsys):
    """The list is published for the people it governs (Art. 14): 侨港镇's administrator exports and prints
    银海区's list; a user of 海城区, which it does not govern, may not, nor may 侨港镇 take 银海区's draft."""
    db = demo_db
    users.add_user(db, Actor.system(), username="hc_op", display_name=None, password="secret-123",
                   role=Role.OPERATOR, scope_code="450502")
    exported = tmp_path / "yh.csv"
    code, out = _run(db, "--as", "qg_admin", "matters", "export", str(exported))
    (county_items,) = [found for info, found in matter_list.in_force(db, "450503", beijing_today())
                       if info.place_code == "450503000000"]
    assert (code, out) == (0, f"已导出事项 {len(county_items)} 项到 {exported}\n")
    assert sorted(line.split(",")[0] for line in exported.read_text(encoding="utf-8-sig").splitlines()[1:]) == \
        sorted(item.draft.code for item in county_items)
    printed = tmp_path / "yh.pdf"
    assert _run(db, "--as", "qg_admin", "print", "matter-list", "--place", "450503", "-o", str(printed))[0] == 0
    capsys.readouterr()
    assert _run(db, "--as", "qg_admin", "matters", "export", str(tmp_path / "draft.csv"), "--draft")[0] == 1
    assert "Art. 15" in capsys.readouterr().err
    for argv in (["matters", "export", str(tmp_path / "other.csv"), "--place", "450503"],
                 ["print", "matter-list", "--place", "450503", "-o", str(tmp_path / "other.pdf")]):
        assert _run(db, "--as", "hc_op", *argv) == (1, "")
        assert "没有在 银海(450503000000)" in capsys.readouterr().err


def test_a_user_with_roles_in_two_places_names_the_place(demo_db, capsys):
    """Without --place a command works on the acting user's own area; a user holding the right in two
    townships names one, rather than the command picking either."""
    from desktop.services import accounts

    accounts.grant_role(demo_db, Actor.system("pytest"), username="qg_op1", role=Role.OPERATOR,
                        scope_code="450503101000")
    assert _run(demo_db, "--as", "qg_op1", "matters", "in-force")[0] == 1
    assert ("在 450503101000、450503103000 都有查看的权限;请用 --place 或 --under 指明在哪里办理"
            in capsys.readouterr().err)
    code, out = _run(demo_db, "--as", "qg_op1", "matters", "in-force", "--place", "450503101")
    assert code == 0 and "银海区网格化服务管理事项清单" in out
