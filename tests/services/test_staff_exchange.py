"""Staff import/export: UTF-8 (BOM or not), GBK and XLSX; bad rows named, nothing imported."""

import csv
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop.errors import PermissionDenied, ValidationFailed
from desktop.models import GridStaffRole, Person
from desktop.models.enums import PersonStatus, PlaceLevel, Role, StaffRole
from desktop.services import places, staff, staff_exchange
from desktop.services.exchange.files import FileUnusable
from desktop.services.security import Actor, Grant

VILLAGE = "450502001003"
GRID1, GRID2 = VILLAGE + "001", VILLAGE + "002"
HEADER = "姓名,手机,身份证号,网格代码,角色,来源,状态,起始日期"
GOOD = [
    f"李海燕,13907791234,,{GRID1},网格长,村(居)委会成员,在岗,2025-09-01",
    f"韦丽,13800001111,45050219800101123X,{GRID1},网格员,村(居)民小组长,,2025/9/1",
    f"韦丽,13800001111,45050219800101123X,{GRID2},网格员,村(居)民小组长,请假,2025-09-01",
]


@pytest.fixture
def grids(db, system):
    for code, name in ((GRID1, "塘仔里第一网格"), (GRID2, "塘仔里第二网格")):
        places.create_grid(db, system, village_code=VILLAGE, code=code, name=name)


def write(tmp_path, lines, encoding, name="staff.csv"):
    path = tmp_path / name
    path.write_bytes("\r\n".join([HEADER, *lines]).encode(encoding))
    return path


def counts(db):
    with db.session() as session:
        return (session.scalar(select(func.count()).select_from(Person)),
                session.scalar(select(func.count()).select_from(GridStaffRole)))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_each_encoding(db, grids, system, tmp_path, encoding):
    report = staff_exchange.import_staff(db, system, write(tmp_path, GOOD, encoding))
    assert (report.rows, report.people_added, report.roles_added) == (3, 2, 3)
    roster = staff.roster(db, system, VILLAGE)
    assert sorted((m.name, m.grid_code, m.role) for m in roster) == [
        ("李海燕", GRID1, StaffRole.GRID_HEAD), ("韦丽", GRID1, StaffRole.GRID_MEMBER),
        ("韦丽", GRID2, StaffRole.GRID_MEMBER)]
    assert {m.name: m.status for m in roster}["韦丽"] is PersonStatus.ON_LEAVE


def test_bad_rows_are_named_and_nothing_is_imported(db, grids, system, tmp_path):
    lines = GOOD + [
        f"张三,12345,,{GRID1},网格员,志愿者,,2025-09-01",             # row 5: phone
        "李四,13900000000,,450502001003999,网格员,志愿者,,2025-09-01",  # row 6: unknown grid
        f"王五,13900000001,,{GRID1},组长,志愿者,,2025-09-01",           # row 7: role
        f"赵六,13900000002,,{GRID1},网格员,路人,,2025-09-01",           # row 8: source
        f"钱七,13900000003,,{GRID1},网格员,志愿者,,2025-13-01",         # row 9: date
        GOOD[0],                                                       # row 10: duplicate of row 2
        f"孙八,13900000004,,{GRID1},网格长,志愿者,,2025-09-01",         # row 11: Art. 9 source
    ]
    before = counts(db)
    with pytest.raises(ValidationFailed) as caught:
        staff_exchange.import_staff(db, system, write(tmp_path, lines, "gbk"))
    problems = caught.value.problems
    assert len(problems) == 7
    for row, column in [(5, "手机"), (6, "网格代码"), (7, "角色"), (8, "来源"), (9, "起始日期"), (11, "来源")]:
        assert any(p.startswith(f"第 {row} 行“{column}”") for p in problems), (row, problems)
    assert any(p.startswith("第 10 行") and "第 2 行重复" in p for p in problems)
    assert "未导入" in caught.value.message
    assert counts(db) == before


def test_broken_gbk_bytes_are_named_by_row(db, grids, system, tmp_path):
    path = tmp_path / "broken.csv"
    good = "\r\n".join([HEADER, *GOOD]).encode("gbk")
    path.write_bytes(good + b"\r\n\xd5,13900000009,," + GRID1.encode() + "网格员,志愿者,,2025-09-01".encode("gbk"))
    with pytest.raises(ValidationFailed) as caught:
        staff_exchange.import_staff(db, system, path)
    assert caught.value.problems == ["第 5 行:第 1 个字节起的字节序列不是有效的 GBK 编码"]
    assert counts(db) == (0, 0)


def test_already_serving_is_a_duplicate(db, grids, system, tmp_path):
    staff_exchange.import_staff(db, system, write(tmp_path, GOOD[:1], "utf-8"))
    with pytest.raises(ValidationFailed, match="1 处错误") as caught:
        staff_exchange.import_staff(db, system, write(tmp_path, GOOD[:1], "utf-8", "again.csv"))
    assert caught.value.problems[0].startswith("第 2 行:李海燕 已是")


def test_xlsx_round_trip(db, grids, system, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["李海燕", 13907791234, None, GRID1, "网格长", "村(居)委会成员", "在岗", date(2025, 9, 1)])
    sheet.append(["韦丽", "13800001111", None, GRID2, "grid_member", "group_leader", None, "2025-09-01"])
    source = tmp_path / "in.xlsx"
    book.save(source)
    assert staff_exchange.import_staff(db, system, source).rows == 2

    out = tmp_path / "out.xlsx"
    assert staff_exchange.export_staff(db, system, out, under=VILLAGE) == 2
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("姓名", "手机", "身份证号", "网格代码")
    assert rows[1][:2] == ("李海燕", "13907791234")

    not_a_workbook = tmp_path / "text.xlsx"
    not_a_workbook.write_text(HEADER, encoding="utf-8")
    with pytest.raises(ValidationFailed, match="text.xlsx 不是完好的 Excel 工作簿"):
        staff_exchange.import_staff(db, system, not_a_workbook)
    with pytest.raises(FileUnusable, match="missing.xlsx 不存在"):
        staff_exchange.import_staff(db, system, tmp_path / "missing.xlsx")

    csv_out = tmp_path / "out.csv"
    staff_exchange.export_staff(db, system, csv_out)
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    with open(csv_out, encoding="utf-8-sig", newline="") as f:
        assert [r[0] for r in csv.reader(f)] == ["姓名", "李海燕", "韦丽"]


@pytest.mark.law("Art. 15")
def test_export_with_phones_needs_sensitive_right(db, grids, system, tmp_path):
    operator = Actor(username="op", display_name="值班员",
                     grants=(Grant(Role.OPERATOR, "450502001000", PlaceLevel.TOWNSHIP),))
    with pytest.raises(PermissionDenied):
        staff_exchange.export_staff(db, operator, tmp_path / "x.csv", under="450502001000")
    assert not (tmp_path / "x.csv").exists()


def test_export_defaults_to_the_actors_own_scope(db, grids, system, tmp_path):
    other_grid = "450502002001001"  # another township's
    places.create_grid(db, system, village_code=other_grid[:12], code=other_grid, name="别镇第一网格")
    staff_exchange.import_staff(db, system, write(tmp_path, GOOD[:1] + [
        f"黄二,13900000005,,{other_grid},网格员,志愿者,,2025-09-01"], "utf-8"))
    chief = Actor(username="chief", display_name="值班长",
                  grants=(Grant(Role.SUPERVISOR, "450502001000", PlaceLevel.TOWNSHIP),))
    out = tmp_path / "mine.csv"
    assert staff_exchange.export_staff(db, chief, out) == 1
    with open(out, encoding="utf-8-sig", newline="") as f:
        assert [r[0] for r in csv.reader(f)] == ["姓名", "李海燕"]

    operator = Actor(username="op", display_name="值班员",
                     grants=(Grant(Role.OPERATOR, "450502001000", PlaceLevel.TOWNSHIP),))
    with pytest.raises(PermissionDenied, match="450502001000"):  # its own township, not the whole city
        staff_exchange.export_staff(db, operator, tmp_path / "x.csv")


def test_missing_header_column(db, tmp_path, system):
    path = tmp_path / "bad.csv"
    path.write_text("姓名,手机\n张三,13900000000\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        staff_exchange.import_staff(db, system, path)
    assert "第 1 行:缺少“网格代码”列" in caught.value.problems
