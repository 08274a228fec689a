"""`griddesk-admin departments …` as an administrator reads it."""

from __future__ import annotations

import io

import pytest

import exchange_world as world
from desktop.cli import main
from desktop.cli.places import display_width

CITY = "450500000000"


def _run(db, *argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *argv], out=out)
    return code, out.getvalue()


def test_add_and_edit_confirm_the_department_as_an_aligned_table(db):
    code, out = _run(db, "departments", "add", "BH-CG", "--place", CITY, "--name", "北海市城市管理局",
                     "--phone", "0779-3000000")
    lines = out.splitlines()
    assert code == 0 and "\t" not in out and lines[0] == "已新增联动部门:"
    assert lines[1].split() == ["代码", "级别", "辖区", "名称", "办公电话", "上级部门", "桌面签收"]
    assert lines[2].split() == ["BH-CG", "市级", "北海", "北海市城市管理局", "0779-3000000", "—", "无联络员账号,须电话通知"]
    heading, value = lines[1], lines[2]  # a heading starts in the column its value does
    assert display_width(heading[:heading.index("名称")]) == display_width(value[:value.index("北海市城")])
    code, out = _run(db, "departments", "edit", "BH-CG", "--short", "市城管")
    assert code == 0 and "\t" not in out and out.splitlines()[0] == "已修改联动部门:"


@pytest.mark.law("Art. 18")
def test_check_warns_of_a_department_nobody_can_sign_for_without_counting_it_missing(db, system):
    world.build(db, system)  # the list in force names 侨港镇城管中队, which has no liaison account
    code, out = _run(db, "check", "--township", "450503103")
    warning = next(line for line in out.splitlines() if "QG-CG" in line)
    assert warning.startswith("注意:侨港镇城管中队(QG-CG)没有在用的联络员账号,派给它的案件无人能在桌面签收(Art. 18(1)),派遣后须电话通知")
    assert warning.endswith(f"users add NAME --role liaison --scope {world.QIAOGANG} --department QG-CG")
    assert "还缺 2 项" in out  # grid staff and an operator: the department is no lack
