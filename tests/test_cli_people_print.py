"""griddesk-admin staff import/export, matters and print commands, end to end on SQLite."""

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pdftools import assert_cjk_font_embedded, pdf_text
from desktop.cli import main
from desktop.models import Department, Liaison, Person, Place
from desktop.models.enums import DepartmentLevel, MatterCategory, StaffRole, StaffSource
from desktop.services import matter_list, notice_board, places, staff_admin
from desktop.services.clock import beijing_today
from desktop.services.printing import fonts
from desktop.services.security import Actor

VILLAGE = "450502001003"
GRID = VILLAGE + "001"


def run(db, *argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *argv], out=out)
    return code, out.getvalue()


@pytest.fixture
def grid(sqlite_db):
    places.create_grid(sqlite_db, Actor.system("pytest"), village_code=VILLAGE, code=GRID, name="塘仔里第一网格")
    return sqlite_db


def test_staff_import_export_and_notice_sheets(grid, tmp_path, capsys):
    source = tmp_path / "staff.csv"
    source.write_bytes(f"姓名,手机,网格代码,角色,来源\n李海燕,13907791234,{GRID},网格长,招聘工作人员\n".encode("gbk"))
    assert run(grid, "staff", "import", str(source)) == (0, "已导入 1 条网格任职记录(新增人员 1 名)\n")

    bad = tmp_path / "bad.csv"
    bad.write_text(f"姓名,手机,网格代码,角色,来源\n张三,123,{GRID},网格员,志愿者\n", encoding="utf-8")
    assert run(grid, "staff", "import", str(bad))[0] == 1
    assert "第 2 行“手机”" in capsys.readouterr().err

    exported = tmp_path / "out.xlsx"
    assert run(grid, "staff", "export", str(exported), "--under", VILLAGE)[0] == 0 and exported.exists()

    code, text = run(grid, "print", "needing-reprint", "--under", "450502001000")
    assert code == 0 and GRID in text
    pdf = tmp_path / "sheets.pdf"
    capsys.readouterr()
    code, text = run(grid, "print", "notice-sheets", "--under", "450502001000", "-o", str(pdf))
    assert code == 0 and "已打印网格公示牌 1 张(1 个网格)" in text
    assert "提示:尚未设置二维码网址({code} 处代入网格代码),公示牌上不印二维码" in capsys.readouterr().err
    body = pdf_text(pdf, layout=False)
    assert "李海燕" in body and "13907791234" in body and "12345" in body
    assert run(grid, "print", "needing-reprint", "--under", "450502001000")[1].startswith("共 0 个")
    assert run(grid, "print", "notice-texts", "--set", "url=https://example.org/grid/{code}")[0] == 0
    assert run(grid, "print", "notice-sheets", "--under", "450502001000", "-o", str(pdf))[0] == 0
    said = capsys.readouterr().err
    assert "尚未设置" not in said and "注意" not in said  # the grid's one member has a phone

    places.create_grid(grid, Actor.system("pytest"), village_code=VILLAGE, code=VILLAGE + "002", name="塘仔里第二网格")
    assert run(grid, "print", "notice-sheets", "--under", "450502001000", "-o", str(pdf))[0] == 0
    assert ("注意:塘仔里第二网格(450502001003002):没有在岗的网格工作人员,公示牌上无人可联系(Art. 14(2))"
            in capsys.readouterr().err)


@pytest.mark.law("Art. 12")
@pytest.mark.law("Art. 14")
def test_notice_sheet_commands_name_a_staff_change_coming_on_a_later_day(grid, tmp_path, capsys):
    """A sheet lists who is in post the day it is printed: printed the day before a new member starts, it is out of
    date the next day. The desk's print dialog said so; the commands now do too, with the grid and the day."""
    system = Actor.system("pytest")
    tomorrow = beijing_today() + timedelta(days=1)
    staff_admin.add_grid_staff(grid, system, grid_code=GRID, role=StaffRole.GRID_HEAD, source=StaffSource.HIRED,
                               start_on=beijing_today(), name="李海燕", phone="13907791234")
    staff_admin.add_grid_staff(grid, system, grid_code=GRID, role=StaffRole.GRID_MEMBER,
                               source=StaffSource.VOLUNTEER, start_on=tomorrow, name="陈新", phone="13800002222")
    said = f"塘仔里第一网格({GRID})的公示人员 {tomorrow.isoformat()} 起变动(离任或到任)"

    code, text = run(grid, "print", "needing-reprint", "--under", "450502001000")
    assert code == 0 and f"从未打印;{tomorrow.isoformat()} 起人员变动,届时需重新打印" in text
    capsys.readouterr()
    assert run(grid, "print", "notice-sheets", "--under", "450502001000", "-o", str(tmp_path / "sheets.pdf"))[0] == 0
    assert f"注意:{said}" in capsys.readouterr().err
    code, text = run(grid, "print", "needing-reprint", "--under", "450502001000")
    assert text.startswith("共 0 个") and said in text  # printed and up to date today, due again tomorrow


def test_matter_list_commands_and_pdf(grid, tmp_path):
    db = grid
    system = Actor.system("pytest")
    with db.session() as session:
        city = session.scalar(select(Place).where(Place.code == "450500000000"))
        department = Department(code="450500-SFJ", name="北海市司法局", short_name="市司法局",
                                level=DepartmentLevel.CITY, place_id=city.id)
        contact = Person(name="林指导")
        session.add_all([department, contact])
        session.flush()
        session.add(Liaison(department_id=department.id, person_id=contact.id, is_guidance_contact=True))
        session.commit()
        department_id = department.id
    v1 = matter_list.start_version(db, system, place_code="450500000000")
    matter_list.add_item(db, system, v1.id, matter_list.ItemDraft("BH-05-01", "协助排查调处邻里纠纷",
                                                                  MatterCategory.DISPUTE), department_id=department_id)
    matter_list.publish(db, system, v1.id, on=date(2025, 9, 1))

    code, text = run(db, "matters", "versions")
    assert code == 0 and text.splitlines()[1].split()[:5] == ["v1", "已公布", "2025-09-01", "1", "项"]
    assert "BH-05-01" in run(db, "matters", "in-force", "--place", "450502")[1]

    pdf = tmp_path / "list.pdf"
    code, text = run(db, "print", "matter-list", "-o", str(pdf))
    assert code == 0 and "页" in text
    body = pdf_text(pdf)
    for expected in ("北海市网格化服务管理事项清单", "第 1 版", "2025年09月01日公布", "(五)矛盾纠纷排查调处",
                     "协助排查调处邻里纠纷", "市司法局", "林指导", "5个工作日"):
        assert expected in body, expected
    assert "(一)宣传政策法规" not in body and "本类暂无事项" not in body  # a category without items is left out
    assert_cjk_font_embedded(pdf)


def test_print_commands_default_to_the_users_own_place(demo_db, tmp_path):
    """A township supervisor prints their township's sheets without naming it; the whole city
    stays the system administrator's default (Art. 14)."""
    code, text = run(demo_db, "--as", "qg_chief", "print", "needing-reprint")
    assert code == 0 and "450503103" in text
    code, text = run(demo_db, "--as", "qg_chief", "print", "notice-sheets", "-o", str(tmp_path / "sheets.pdf"))
    assert code == 0 and "已打印网格公示牌" in text
    assert "侨港镇" in pdf_text(tmp_path / "sheets.pdf")
    code, text = run(demo_db, "--as", "qg_chief", "print", "matter-list", "-o", str(tmp_path / "list.pdf"))
    assert code == 0
    assert run(demo_db, "--as", "qg_chief", "print", "needing-reprint", "--under", "450500000000")[0] == 1


def test_printing_without_the_bundled_font_says_the_installation_is_broken(demo_db, tmp_path, monkeypatch, capsys):
    missing = tmp_path / "fonts" / "wqy-microhei.ttc"
    monkeypatch.setattr(fonts, "font_path", lambda: missing)
    fonts.register_pdf_font.cache_clear()  # registered by an earlier print in this process
    target = tmp_path / "list.pdf"
    assert run(demo_db, "print", "matter-list", "-o", str(target)) == (1, "")
    err = capsys.readouterr().err
    assert f"缺少或无法读取程序自带的中文字体 {missing}" in err and "请重新安装 GridDesk" in err
    assert "Traceback" not in err and not target.exists()


def test_notice_texts_shown_and_set(grid):
    code, text = run(grid, "print", "notice-texts")
    assert code == 0 and "hotline=12345 政务服务便民热线" in text and "url=\t" in text
    # Saving the texts with the address left empty (as the texts dialog saves all four) leaves it unset.
    assert run(grid, "print", "notice-texts", "--set", "other=周一至周五", "url=")[0] == 0
    assert notice_board.unset_texts(grid) == ["二维码网址({code} 处代入网格代码)"]
    code, text = run(grid, "print", "notice-texts", "--set", "hotline=0779-12345", "url=https://example.org/{code}")
    assert code == 0 and "hotline=0779-12345" in text and "url=https://example.org/{code}" in text
    assert notice_board.unset_texts(grid) == []
    assert "hotline=0779-12345" in run(grid, "print", "notice-texts")[1]
    assert run(grid, "print", "notice-texts", "--set", "hotline")[0] == 1  # not KEY=VALUE
    assert run(grid, "print", "notice-texts", "--set", "url=example.org")[0] == 1
    assert run(grid, "print", "notice-texts", "--set", "url=https://example.org/grids")[0] == 1  # no {code}
    # --set given twice keeps both.
    code, text = run(grid, "print", "notice-texts", "--set", "hotline=0779-1", "--set", "other=开放日")
    assert code == 0 and "hotline=0779-1" in text and "other=开放日" in text
    assert "没有变化" in run(grid, "print", "notice-texts", "--set", "other=开放日")[1]
