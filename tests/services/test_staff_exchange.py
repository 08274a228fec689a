"""Staff import/export: UTF-8 (BOM or not), GBK and XLSX; bad rows named, nothing imported."""

import csv
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop.errors import Conflict, PermissionDenied, ValidationFailed
from desktop.models import GridStaffRole, Person
from desktop.models.enums import PersonStatus, PlaceLevel, Role, StaffRole
from desktop.services import places, staff, staff_admin, staff_exchange
from desktop.services.exchange.files import FileUnusable
from desktop.services.security import Actor, Grant

VILLAGE = "450502001003"
GRID1, GRID2 = VILLAGE + "001", VILLAGE + "002"
HEADER = "姓名,手机,身份证号,网格代码,角色,来源,状态,起始日期"
GOOD = [
    f"李海燕,13907791234,,{GRID1},网格长,村(居)委会成员,在岗,2025-09-01",
    f"韦丽,13800001111,45050219800101128X,{GRID1},网格员,村(居)民小组长,,2025/9/1",
    f"韦丽,13800001111,45050219800101128X,{GRID2},网格员,村(居)民小组长,请假,2025-09-01",
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
    # What the cell should hold is said, not only that it is not understood.
    assert "第 7 行“角色”:无法识别“组长”;应为网格长、网格员、专属网格工作人员之一" in problems
    assert any(p.startswith("第 8 行“来源”:无法识别“路人”;应为村(社区)党组织成员、") and p.endswith("、其他之一")
               for p in problems), problems
    assert "第 9 行“起始日期”:无法识别“2025-13-01”;应为日期,如 2025-09-01 或 2025/9/1" in problems
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


def refused(db, system, path) -> list[str]:
    """The problems of a file that is refused whole: nothing of it is imported."""
    before = counts(db)
    with pytest.raises(ValidationFailed) as caught:
        staff_exchange.import_staff(db, system, path)
    assert "未导入任何记录" in caught.value.message
    assert counts(db) == before
    return caught.value.problems


def write_sheet(tmp_path, rows, header=HEADER, name="staff.xlsx"):
    book = openpyxl.Workbook()
    book.active.append(header.split(","))
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / name)
    return tmp_path / name


def test_an_unknown_column_is_refused_naming_it_and_the_known_ones(db, grids, system, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("\n".join([HEADER + ",备注,姓名", GOOD[0] + ",调往海城区,李海燕"]), encoding="utf-8")
    assert refused(db, system, path) == [
        "第 1 行:不认识的列“备注”,其内容无处保存;可用的列:姓名、手机、身份证号、网格代码、网格名称、角色、来源、状态、起始日期",
        "第 1 行:“姓名”列出现了两次"]


def test_a_row_shifted_by_a_quote_or_comma_is_named_by_line_and_never_read(db, grids, system, tmp_path):
    """An unclosed quote, a cell too many or too few: nothing is guessed back into place or defaulted."""
    lines = [GOOD[0],
             f'"韦丽\n韦芳",13800001111,,{GRID1},网格员,志愿者,,2025-09-01',  # lines 3-4: a quoted line break, named by line 3
             f"张三,13900000001,,{GRID1},网格员,志愿者,,2025-09-01,多出一格",  # line 5
             f"李四,13900000002,,{GRID1},网格员,志愿者"]  # line 6: no 状态, 起始日期 (would be today)
    assert refused(db, system, write(tmp_path, lines, "utf-8")) == [
        "第 5 行:有 9 列,表头有 8 列(可能某格内容中的逗号未加引号);整行未读",
        "第 6 行:有 6 列,表头有 8 列;整行未读",
        "第 3 行“姓名”:含有控制字符 U+000A(换行、制表符或看不见的字符),无法保存;请删去后重新导入"]
    unclosed = GOOD[:2] + [f'王五,13900000003,,{GRID1},网格员,志愿者,"在岗,2025-09-01', GOOD[2]]
    assert refused(db, system, write(tmp_path, unclosed, "gbk")) == [
        "第 4 行起:无法按 CSV 读取:引号未闭合,一直到文件末尾;此后的行未检查"]


def test_a_sheet_row_with_cells_past_the_header_is_refused(db, grids, system, tmp_path):
    path = write_sheet(tmp_path, [["李海燕", "13907791234", None, GRID1, "网格长", "村(居)委会成员", None, None,
                                   None, "备注"]])
    assert refused(db, system, path) == ["第 2 行:有 10 列,表头有 8 列(表头以外的列有内容);整行未读"]


def test_texts_too_long_for_their_column_or_with_control_characters_are_refused(db, grids, system, tmp_path):
    """A 60-character name used to fail on PostgreSQL with the database's own error; NUL cannot be stored there."""
    lines = [f"{'李' * 60},13907791234,,{GRID1},网格长,村(居)委会成员,,2025-09-01",
             f"韦\x00丽,13800001111,,{GRID1},网格员,志愿者,,2025-09-01",
             f"韦芳,13800001112,,{GRID1},网格员,志\x0b愿者,,2025-09-01"]
    assert refused(db, system, write(tmp_path, lines, "utf-8")) == [
        "第 2 行“姓名”:不能超过 40 个字(本行 60 个字)",
        "第 3 行“姓名”:含有控制字符 U+0000(换行、制表符或看不见的字符),无法保存;请删去后重新导入",
        "第 4 行“来源”:含有控制字符 U+000B(换行、制表符或看不见的字符),无法保存;请删去后重新导入"]
    header = "姓名,手机,网格代码,网格名称,角色,来源"
    path = write_sheet(tmp_path, [["李海燕", "13907791234", GRID1, "塘" * 51, "网格长", "村(居)委会成员"]], header)
    assert refused(db, system, path) == ["第 2 行“网格名称”:不能超过 50 个字(本行 51 个字)"]


def test_one_person_with_two_names_phones_or_statuses_in_the_file_is_refused(db, grids, system, tmp_path):
    lines = [GOOD[1],
             f"韦莉,13800001111,45050219800101128X,{GRID2},网格员,村(居)民小组长,,2025-09-01",
             f"韦丽,13800002222,45050219800101128X,{GRID2},网格长,村(居)委会成员,请假,2025-09-01",
             f"韦丽,13800001111,45050219800101128X,{GRID1},网格长,村(居)委会成员,在岗,2025-10-01"]
    assert refused(db, system, write(tmp_path, lines, "utf-8")) == [
        "第 3 行“姓名”:与第 2 行身份证号相同,是同一人,姓名却不同(第 2 行“韦丽”,本行“韦莉”);同一人各行须一致",
        "第 4 行“手机”:与第 2 行身份证号相同,是同一人,手机却不同(第 2 行“13800001111”,本行“13800002222”);同一人各行须一致",
        "第 5 行“状态”:与第 4 行身份证号相同,是同一人,状态却不同(第 4 行“请假”,本行“在岗”);同一人各行须一致"]

    blank_first = [f"韦丽,,45050219800101128X,{GRID1},网格员,村(居)民小组长,,", GOOD[2]]  # a blank is no other phone
    staff_exchange.import_staff(db, system, write(tmp_path, blank_first, "utf-8", "blank.csv"))
    with db.session() as session:
        assert session.execute(select(Person.phone, Person.status)).one() == ("13800001111", PersonStatus.ON_LEAVE)


def test_a_row_must_agree_with_the_person_stored_under_its_id_number(db, grids, system, tmp_path):
    staff_exchange.import_staff(db, system, write(tmp_path, [GOOD[2]], "utf-8"))  # 韦丽 in grid 2, 请假
    other_name = f"韦莉,13800001111,45050219800101128X,{GRID1},网格员,村(居)民小组长,,2025-09-01"
    assert refused(db, system, write(tmp_path, [other_name], "utf-8", "name.csv")) == [
        "第 2 行“姓名”:此身份证号已登记为“韦丽”,本行为“韦莉”;请核对身份证号,或在“网格人员”中更正姓名"]
    # An administrator of another township is told the number is taken, not whose it is (Art. 15).
    qiaogang_grid = "450503103001001"
    places.create_grid(db, system, village_code=qiaogang_grid[:12], code=qiaogang_grid, name="侨北第一网格")
    qiaogang_admin = Actor(username="qg_admin", display_name="侨港管理员",
                           grants=(Grant(Role.TOWNSHIP_ADMIN, "450503103000", PlaceLevel.TOWNSHIP),))
    elsewhere = f"韦莉,13800002222,45050219800101128X,{qiaogang_grid},网格员,村(居)民小组长,,2025-09-01"
    assert refused(db, qiaogang_admin, write(tmp_path, [elsewhere], "utf-8", "elsewhere.csv")) == [
        "第 2 行“身份证号”:身份证号 45050219800101128X 已在其他地方登记,登记的姓名与填写的“韦莉”不符(姓名不予显示,"
        "Art. 15);同一人不能登记两次:请核对身份证号,如确是同一人(姓名有误或已更名),请联系北海市的管理员核实后办理"]
    other_phone = f"韦丽,13800002222,45050219800101128X,{GRID1},网格员,村(居)民小组长,,2025-09-01"
    assert refused(db, system, write(tmp_path, [other_phone], "utf-8", "phone.csv")) == [
        "第 2 行“手机”:与韦丽已登记的手机号不同;导入不更改已登记人员的手机号,请在“网格人员”中更改,或清空这一格"]

    # A blank 状态 and 手机 leave what is stored as it is.
    staff_exchange.import_staff(db, system, write(tmp_path, [
        f"韦丽,,45050219800101128X,{GRID1},网格员,村(居)民小组长,,2025-09-01"], "utf-8", "blank.csv"))
    roster = staff.roster(db, system, VILLAGE)
    assert {(m.grid_code, m.status) for m in roster} == {(GRID1, PersonStatus.ON_LEAVE), (GRID2, PersonStatus.ON_LEAVE)}
    with db.session() as session:
        assert session.scalar(select(Person.phone)) == "13800001111"


def test_a_status_an_import_changed_makes_an_edit_shown_before_it_stale_naming_the_importer(db, grids, system,
                                                                                          tmp_path):
    """An import sets the status of people already registered: a form showing the one before is told who changed it."""
    staff_exchange.import_staff(db, system, write(tmp_path, GOOD[1:2], "utf-8"))
    [seen] = staff.roster(db, system, VILLAGE)
    importer = Actor(username="hc_admin", display_name="海城区管理员",
                     grants=(Grant(Role.COUNTY_ADMIN, "450502000000", PlaceLevel.COUNTY),))
    staff_exchange.import_staff(db, importer, write(tmp_path, GOOD[2:], "utf-8", "more.csv"))  # 韦丽 in grid 2, 请假
    with pytest.raises(Conflict, match="人员 韦丽 已被 海城区管理员 于 .* 修改,请重新载入"):
        staff_admin.update_person(db, system, seen.person_id, status=PersonStatus.ACTIVE, expected_version=seen.version)
    assert {m.status for m in staff.roster(db, system, VILLAGE)} == {PersonStatus.ON_LEAVE}


def test_a_new_appointment_marked_left_while_others_are_held_is_refused(db, grids, system, tmp_path):
    staff_exchange.import_staff(db, system, write(tmp_path, [GOOD[1]], "utf-8"))  # 韦丽 serves grid 1
    left = f"韦丽,13800001111,45050219800101128X,{GRID2},网格员,村(居)民小组长,离岗,2025-09-01"
    assert refused(db, system, write(tmp_path, [left], "utf-8", "left.csv")) == [
        "第 2 行“状态”:新增任职却填离岗,自相矛盾:韦丽还担任另外 1 项网格职务(已登记的或本文件其他行的),"
        "导入后整个人都会成为离岗;请改填在岗或请假,离岗请在“网格人员”中办理"]
    with db.session() as session:
        assert session.scalar(select(Person.status)) is PersonStatus.ACTIVE


def test_a_grid_name_must_be_that_of_the_grid_code(db, grids, system, tmp_path):
    header = "姓名,手机,网格代码,网格名称,角色,来源"
    path = tmp_path / "staff.csv"
    path.write_text("\n".join([header, f"李海燕,13907791234,{GRID1},塘仔里第二网格,网格长,村(居)委会成员",
                               f"韦丽,13800001111,{GRID2},塘仔里第二网格,网格员,志愿者"]), encoding="utf-8")
    assert refused(db, system, path) == [
        f"第 2 行“网格名称”:“塘仔里第二网格”与网格代码 {GRID1} 不符(该代码的网格是“塘仔里第一网格”)"]


def test_id_numbers_and_landlines_excel_kept_as_numbers_are_refused(db, grids, system, tmp_path):
    """450503199001011234 as a number is 450503199001011264: its digits are not those typed."""
    path = write_sheet(tmp_path, [
        ["韦丽", "13800001111", 450503199001011234.0, GRID1, "网格员", "志愿者"],
        ["韦芳", 7792051234, None, GRID1, "网格员", "志愿者"],  # 0779-2051234 without its 0
        ["李海燕", 13907791234, "45050319900101123X", GRID1, "网格长", "村(居)委会成员"]])  # a mobile keeps its digits
    assert refused(db, system, path) == [
        "第 2 行“身份证号”:单元格是数字格式,Excel 的数字只有 15 位有效数字,18 位身份证号的末几位已不是原来的;"
        "请把身份证号列设为文本格式后重新填写",
        "第 3 行“手机”:单元格是数字格式,固定电话区号前的 0 等已丢失;请把手机列设为文本格式后重新填写"]


@pytest.mark.law("Art. 15")
def test_id_numbers_are_checked_by_their_check_digit_date_of_birth_and_excel_notation(db, grids, system, tmp_path):
    """450503199001011234 has the check digit X (GB 11643-1999), not 4; 4.50503E+17 is what Excel writes back
    for an ID number it kept as a number: the file says so, not only that 18 digits are wanted."""
    lines = [f"韦丽,13800001111,450503199001011234,{GRID1},网格员,志愿者,,2025-09-01",
             f"韦芳,13800002222,4.50503E+17,{GRID1},网格员,志愿者,,2025-09-01",
             f"李明,13800003333,450503199002301230,{GRID1},网格员,志愿者,,2025-09-01",
             f"黄建,13800004444,45050319900101123x,{GRID1},网格员,志愿者,,2025-09-01"]  # x read as X: valid
    assert refused(db, system, write(tmp_path, lines, "utf-8")) == [
        "第 2 行“身份证号”:身份证号 450503199001011234 无效:末位校验码应为 X,不是 4;请核对是否有数字抄错",
        "第 3 行“身份证号”:身份证号 4.50503E+17 无效:似为 Excel 将身份证号转成了科学计数法;"
        "请将该列设为文本格式后重新导出",
        "第 4 行“身份证号”:身份证号 450503199002301230 无效:第 7-14 位 19900230 不是有效的出生日期;请核对"]
    staff_exchange.import_staff(db, system, write(tmp_path, lines[3:], "utf-8"))
    with db.session() as session:
        assert session.scalar(select(Person.id_number).where(Person.name == "黄建")) == "45050319900101123X"


def test_texts_that_look_like_formulas_are_exported_inert(db, grids, system, tmp_path):
    """The file carries phones and ID numbers: a name must not run as a formula when it is opened."""
    formula = '=HYPERLINK("http://evil","点")'
    source = tmp_path / "staff.csv"
    with open(source, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER.split(","), [formula, "13907791234", "", GRID1, "网格员", "志愿者", "", ""],
                                 ["@SUM(1+1)", "13907791235", "", GRID1, "网格员", "志愿者", "", ""]])
    staff_exchange.import_staff(db, system, source)

    csv_out = tmp_path / "out.csv"
    staff_exchange.export_staff(db, system, csv_out)
    with open(csv_out, encoding="utf-8-sig", newline="") as f:
        assert [r[0] for r in csv.reader(f)][1:] == ["'" + formula, "'@SUM(1+1)"]
    rows, problems = staff_exchange.read_table(csv_out)  # imported back, the texts are exact
    assert [cells["姓名"] for _, cells in rows] == [formula, "@SUM(1+1)"] and problems == []

    xlsx_out = tmp_path / "out.xlsx"
    staff_exchange.export_staff(db, system, xlsx_out)
    cells = [row[0] for row in openpyxl.load_workbook(xlsx_out).active.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [(formula, "s"), ("@SUM(1+1)", "s")]


@pytest.mark.law("Art. 10")
def test_a_second_grid_head_is_refused_whether_stored_or_twice_in_the_file(db, grids, system, tmp_path):
    """网格长具体负责本网格 (Art. 10): one head answers for a grid."""
    staff_exchange.import_staff(db, system, write(tmp_path, GOOD[:1], "utf-8"))
    heads = [f"黄建,13900002222,,{GRID1},网格长,村(居)委会成员,在岗,2025-10-01",
             f"覃华,13900003333,,{GRID2},网格长,村(居)委会成员,在岗,2025-10-01",
             f"莫青,13900004444,,{GRID2},网格长,村(居)委会成员,在岗,2025-10-01"]
    with pytest.raises(ValidationFailed) as caught:
        staff_exchange.import_staff(db, system, write(tmp_path, heads, "utf-8", "heads.csv"))
    assert caught.value.problems == [
        "第 2 行:塘仔里第一网格 已有网格长 李海燕(2025-09-01 起);网格长具体负责本网格的网格化服务管理工作,一个网格"
        "由一名网格长负责(Art. 10),请先为 李海燕 办理离任,或将新任人员任为网格员",
        "第 4 行:与第 3 行都是 塘仔里第二网格 的网格长;一个网格由一名网格长负责(Art. 10),请只留一行为网格长"]
