"""Import of the case table CSV: a file imported twice, our own export and repeated rows are refused by row."""

import csv
import io
import re
import threading
import time
import zipfile
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update

import exchange_world as world
from desktop.errors import ValidationFailed
from desktop.models import Case, CaseEvent, Grid, Place
from desktop.models.enums import CaseState, GridStatus, MatterCategory, Role, SupervisionLevel
from desktop.services import users
from desktop.services.clock import BEIJING
from desktop.services.exchange import problems, table_import
from desktop.services.exchange.table_export import HEADERS, export_table
from desktop.services.queue import QueueFilter


@pytest.fixture
def world_db(db, system):
    world.build(db, system)
    return db


@pytest.fixture
def other_db(_templates, backend, system, tmp_path):
    """A second database of the same world, for round trips."""
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = _templates[backend].make(True, other_dir)
    world.build(other, system)
    yield other
    if backend == "postgresql":
        _templates[backend].drop(other)
    else:
        other.dispose()


def _row(number: str, **overrides) -> dict:
    row = {"编号": number, "事项编码": "C09-001", "诉求描述": "侨北路路灯不亮", "受理时间": "2026-03-02 09:30",
           "经度": "109.105", "纬度": "21.415"}
    row.update(overrides)
    return row


def _write(tmp_path, rows, name="cases.csv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, HEADERS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _refusal(db, system, path, **kwargs) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        table_import.import_file(db, system, path, **kwargs)
    assert "整个文件未导入" in caught.value.message
    return caught.value.problems


def _numbers(db) -> dict[str, str]:
    with db.session() as session:
        return dict(session.execute(select(Case.external_id, Case.number)).all())


def _case_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Case))


def test_a_file_imported_twice_is_refused_row_by_row_and_adds_nothing(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("OLD-1"), _row("OLD-2", 经度="", 纬度="")])
    assert table_import.import_file(world_db, system, path, township_code=world.QIAOGANG).imported == 2
    numbers = _numbers(world_db)
    again = _write(tmp_path, [_row("OLD-1"), _row("OLD-2", 经度="", 纬度=""), _row("NEW-3")], "again.csv")
    assert _refusal(world_db, system, again, township_code=world.QIAOGANG) == [
        f"第 {line} 行 字段 编号:编号 {old} 已导入为本库案件 {numbers[old]};这个文件可能已经导入过,请删去已导入的行后再导入"
        for line, old in ((2, "OLD-1"), (3, "OLD-2"))
    ]
    assert _refusal(world_db, system, path, township_code=world.QIAOGANG) == [
        f"文件:文件中的 2 件诉求都已导入过本库(例如编号 OLD-1 即本库案件 {numbers['OLD-1']}),这个文件已经导入过,"
        "没有新的诉求可导入"]
    assert _case_count(world_db) == 2


def test_rows_already_imported_told_once_are_all_named_in_the_details(world_db, system, tmp_path):
    """20 rows already here on every third line: the line names the first 10 runs and sends the user to
    the details for the other 10, which name every row to delete (they had been named nowhere)."""
    old = [_row(f"OLD-{n}") for n in range(1, 21)]
    assert table_import.import_file(world_db, system, _write(tmp_path, old), township_code=world.QIAOGANG).imported == 20
    numbers = _numbers(world_db)
    again = _write(tmp_path, [row for n, one in enumerate(old, start=1)
                              for row in (one, _row(f"NEW-{n}a"), _row(f"NEW-{n}b"))], "again.csv")
    with pytest.raises(ValidationFailed) as caught:
        table_import.import_file(world_db, system, again, township_code=world.QIAOGANG)
    examples = "、".join(f"编号 {number} 即本库案件 {numbers[number]}" for number in ("OLD-1", "OLD-2", "OLD-3"))
    message = (f"已导入为本库案件(如 {examples});"
               "这个文件可能已经导入过,请删去已导入的行后再导入")
    lines = [2 + 3 * n for n in range(20)]  # 2, 5, …, 59
    assert caught.value.problems == [
        f"第 {'、'.join(map(str, lines[:10]))} 行等 20 行 字段 编号:{message}……另 10 行见详细信息"]
    assert caught.value.details == [f"第 {'、'.join(map(str, lines))} 行等 20 行 字段 编号:{message}"]
    assert _case_count(world_db) == 20


def _not_in_force(code: str) -> str:
    return (f"{code} 不是 侨港({world.QIAOGANG}) 现行事项清单中的事项编码(现行事项见“事项清单”面板,"
            f"或 griddesk-admin matters in-force --place {world.QIAOGANG})")


def test_a_code_many_rows_share_is_told_once_with_its_rows_and_rows_past_the_list_are_still_named(
        world_db, system, tmp_path, monkeypatch):
    """A file of another matter list: the same code on many rows is one line naming them all, not a line per row
    that pushed the other bad rows out of the list; rows past the list are counted and named, all in the details."""
    codes = ["X99-999", "X99-999", "X99-998", "X99-999", "X99-999", "X99-998", "X99-999"]  # lines 2–8
    path = _write(tmp_path, [_row(f"M-{n}", 事项编码=code) for n, code in enumerate(codes)])
    assert _refusal(world_db, system, path) == [
        f"第 2–3、5–6、8 行等 5 行 字段 事项编码:{_not_in_force('X99-999')}",
        f"第 4 行 字段 事项编码:{_not_in_force('X99-998')}",
        f"第 7 行 字段 事项编码:{_not_in_force('X99-998')}"]
    monkeypatch.setattr(problems, "SHOWN", 1)
    monkeypatch.setattr(problems, "SHOWN_SPANS", 1)
    with pytest.raises(ValidationFailed) as caught:
        table_import.import_file(world_db, system, path)
    assert caught.value.message.startswith("cases.csv 有 7 处问题,整个文件未导入")
    assert caught.value.problems == [
        f"第 2–3 行等 5 行 字段 事项编码:{_not_in_force('X99-999')}……另 3 行见详细信息",
        "……另有 2 处问题未列出,在第 4 行等 2 行(另 1 行见详细信息);改正以上各处后重新导入,即列出这些问题"]
    assert caught.value.details == [f"第 2–3、5–6、8 行等 5 行 字段 事项编码:{_not_in_force('X99-999')}",
                                    "未列出的问题在第 4、7 行等 2 行"]
    assert _case_count(world_db) == 0


def test_our_own_export_imported_back_is_refused_naming_each_case(world_db, system, tmp_path):
    """Received at 09:30:45: the export shows minutes only, and is still recognised as ours."""
    world.add_case(world_db, "450503103-2025-000001", received=world.T0 + timedelta(seconds=45))
    world.add_case(world_db, "450503103-2025-000002", state=CaseState.CLOSED, grid=world.QIAOBEI + "002")
    path = tmp_path / "out.csv"
    export_table(world_db, system, path, QueueFilter(states=frozenset()), "csv")
    with path.open(encoding="utf-8-sig", newline="") as exported:
        numbers = [row["编号"] for row in csv.DictReader(exported)]
    assert sorted(numbers) == ["450503103-2025-000001", "450503103-2025-000002"]
    assert _refusal(world_db, system, path, township_code=world.QIAOGANG) == [
        f"文件:文件中的 2 件诉求都是本库已有的案件(例如 {numbers[0]}),这个文件多半导出自本库,没有新的诉求可导入"]
    with path.open("a", encoding="utf-8", newline="") as more:  # one new request among them
        csv.DictWriter(more, HEADERS).writerow(_row("NEW-1"))
    assert _refusal(world_db, system, path, township_code=world.QIAOGANG) == [
        f"第 {line} 行 字段 编号:编号 {number} 与本库已有案件 {number} 的编号和受理时间都相同(这一行多半导出自本库),不能再导入为新案件;"
        "请删去这一行后再导入"
        for line, number in enumerate(numbers, start=2)
    ]
    assert _case_count(world_db) == 2


def test_a_request_repeated_in_the_file_is_refused_and_nothing_imported(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("OLD-1"), _row("OLD-2"), _row("OLD-1", 诉求描述="又报一次")])
    assert _refusal(world_db, system, path) == ["第 4 行 字段 编号:编号 OLD-1 在文件中出现多次,与第 2 行重复"]
    assert _case_count(world_db) == 0


def test_a_row_without_coordinates_needs_a_township_named_in_the_csv_columns(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("OLD-1"), _row("OLD-2", 经度="", 纬度="")])
    assert _refusal(world_db, system, path) == [
        "第 3 行 字段 经度/纬度:没有坐标,无法确定归入哪个乡镇(街道);请指定归入的乡镇(街道)后重新导入:"
        "命令行加 --township 乡镇代码,导入窗口选“乡镇(街道)”"]
    assert _case_count(world_db) == 0
    report = table_import.import_file(world_db, system, path, township_code=world.QIAOGANG)
    assert (report.imported, report.unrouted, report.by_township) == (2, 1, {world.QIAOGANG: 2})


def test_a_row_with_more_or_fewer_cells_than_the_header_is_refused_with_both_counts(world_db, system, tmp_path):
    """A comma outside quotes shifts every cell after it: the row is named, nothing is guessed."""
    path = _write(tmp_path, [_row("OLD-1"), _row("OLD-2")])
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[1] += ",多出来的,两格"
    lines[2] = ",".join(lines[2].split(",")[:5])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    assert _refusal(world_db, system, path) == [
        f"第 2 行:有 {len(HEADERS) + 2} 列,表头有 {len(HEADERS)} 列(可能某格内容中的逗号未加引号);整行未读",
        f"第 3 行:有 5 列,表头有 {len(HEADERS)} 列;整行未读"]
    assert _case_count(world_db) == 0


def test_an_unclosed_quote_is_named_at_its_line(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("OLD-1"), _row("OLD-2")])
    text = path.read_text(encoding="utf-8-sig").replace("侨北路路灯不亮", '"侨北路路灯不亮', 1)
    path.write_text(text, encoding="utf-8-sig")
    assert _refusal(world_db, system, path) == ["第 2 行起:无法按 CSV 读取:引号未闭合,一直到文件末尾;此后的行未检查"]
    path.write_text(text + "x" * 140_000 + "\n", encoding="utf-8-sig")  # past the csv module's default cell limit
    assert _refusal(world_db, system, path) == ["第 2 行起:无法按 CSV 读取:引号未闭合,一直到文件末尾;此后的行未检查"]
    path.write_text(text.replace('"侨北路路灯不亮', '"侨北路"路灯不亮"', 1), encoding="utf-8-sig")
    assert "右引号后应紧跟逗号" in _refusal(world_db, system, path)[0]
    assert _case_count(world_db) == 0


def test_impossible_times_are_refused_not_numbered_in_that_year(world_db, system, tmp_path):
    path = _write(tmp_path, [
        _row("T-1", 受理时间="2099-11-01 20:47"), _row("T-2", 受理时间="1900-01-01 00:00"),
        _row("T-3", 办理期限="2020-01-01 00:00"), _row("T-4", 办结时间="2026-03-01 08:00", 状态="已办结"),
        _row("T-5", 办理期限="2031-03-02 09:30"), _row("T-6")])
    problems = _refusal(world_db, system, path)
    assert [p.split(":")[0] for p in problems] == [
        "第 2 行 字段 受理时间", "第 3 行 字段 受理时间", "第 4 行 字段 办理期限", "第 5 行 字段 办结时间",
        "第 6 行 字段 办理期限"]
    assert "晚于现在" in problems[0] and "早于 2000 年" in problems[1] and "一年以内" in problems[2]
    assert _case_count(world_db) == 0


def test_times_resaved_by_excel_are_read_and_a_date_past_9999_is_named(world_db, system, tmp_path):
    """Excel or WPS on a Chinese Windows save the exported times again as 2026/3/2 9:30 (and with seconds)."""
    path = _write(tmp_path, [_row("X-1", 受理时间="2026/3/2 9:30", 办理期限="2026/3/6 24:00"),
                             _row("X-2", 受理时间="2026-03-02 09:30:15")])
    assert table_import.import_file(world_db, system, path).imported == 2
    with world_db.session() as session:
        assert dict(session.execute(select(Case.external_id, Case.received_at)).all()) == {
            "X-1": datetime(2026, 3, 2, 9, 30, tzinfo=BEIJING), "X-2": datetime(2026, 3, 2, 9, 30, 15, tzinfo=BEIJING)}
        assert session.scalar(select(Case.due_at).where(Case.external_id == "X-1")) == datetime(2026, 3, 7, tzinfo=BEIJING)
    path = _write(tmp_path, [_row("X-3", 办理期限="9999-12-31 24:00"), _row("X-4", 经度="1_09.1")], name="bad.csv")
    problems = _refusal(world_db, system, path)
    assert problems == ["第 2 行 字段 办理期限:'9999-12-31 24:00' 超出可记录的日期范围,请检查日期",
                        "第 3 行 字段 经度:'1_09.1' 不是数字"]


@pytest.mark.parametrize("name, content", [("cases.csv", b""), ("cases.csv", b"\r\n\r\n"), ("cases.xlsx", None)])
def test_an_empty_file_is_told_empty_not_missing_every_column(world_db, system, tmp_path, name, content):
    path = tmp_path / name
    if content is None:
        import openpyxl

        openpyxl.Workbook().save(path)
    else:
        path.write_bytes(content)
    assert _refusal(world_db, system, path, fmt=name[-4:].lstrip(".")) == [
        "文件:文件是空的,没有表头也没有诉求行;请选择导出的诉求清单文件"]


def test_a_day_or_hour_that_does_not_exist_is_told_so_not_as_a_bad_format(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("D-1", 受理时间="2026-02-30 09:30"), _row("D-2", 办理期限="2026/3/6 25:00"),
                             _row("D-3", 受理时间="3月2日")])
    assert _refusal(world_db, system, path) == [
        "第 2 行 字段 受理时间:'2026-02-30 09:30' 中没有这一天或这一时刻(月、日或时、分超出范围),请检查日期",
        "第 3 行 字段 办理期限:'2026/3/6 25:00' 中没有这一天或这一时刻(月、日或时、分超出范围),请检查日期",
        "第 4 行 字段 受理时间:'3月2日' 不是“年-月-日 时:分”格式的时间"]


def test_a_point_far_off_beihai_is_named_not_put_on_the_triage_list(world_db, system, tmp_path):
    """A platform writing 0, 0 for "unknown": the row went to the triage list, and the map fitted itself to it."""
    path = _write(tmp_path, [_row("F-1"), _row("F-2", 经度="0", 纬度="0"), _row("F-3", 经度="116.4", 纬度="39.9")])
    problems = _refusal(world_db, system, path)
    assert [p.split(":")[0] for p in problems] == ["第 3 行 字段 经度/纬度", "第 4 行 字段 经度/纬度"]
    assert all("远在北海市及北部湾海域以外" in p and "不知道位置请留空" in p for p in problems)
    assert _case_count(world_db) == 0


def test_a_phone_no_one_can_call_is_named_as_the_new_case_form_names_it(world_db, system, tmp_path):
    """不详 or tel:… went in as the requester's phone, which the form at the desk refuses; spaces are taken out there."""
    path = _write(tmp_path, [_row("P-1", 联系电话="不详"), _row("P-2", 联系电话="tel:13812345678"),
                             _row("P-3", 联系电话="138 0779 1234")])
    problems = _refusal(world_db, system, path)
    assert problems == ["第 2 行 字段 联系电话:“不详”不是有效的电话号码(只能有数字和连字符,国际号码以 + 开头);不知道号码请留空",
                        "第 3 行 字段 联系电话:“tel:13812345678”不是有效的电话号码(只能有数字和连字符,国际号码以 + 开头);不知道号码请留空"]
    table_import.import_file(world_db, system, _write(tmp_path, [_row("P-3", 联系电话="138 0779 1234")], "ok.csv"))
    with world_db.session() as session:
        assert session.scalar(select(Case.requester_phone)) == "13807791234"


def test_numbers_excel_turned_into_scientific_notation_are_named_not_guessed(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("E-1", 网格代码="4.50503E+14"), _row("E-2", 联系电话="1.38078E+10")])
    problems = _refusal(world_db, system, path)
    assert [p.split(":")[0] for p in problems] == ["第 2 行 字段 网格代码", "第 3 行 字段 联系电话"]
    assert all("科学计数法" in p and "XLSX" in p for p in problems)
    assert _case_count(world_db) == 0


def test_a_description_longer_than_the_csv_modules_default_cell_comes_back_whole(world_db, system, tmp_path):
    description = "侨北路路灯不亮。" * 20_000  # 160,000 characters; csv reads 131,072 by default
    path = _write(tmp_path, [_row("L-1", 诉求描述=description)])
    assert table_import.import_file(world_db, system, path).imported == 1
    with world_db.session() as session:
        assert session.scalar(select(Case.description)) == description


def _release_readers(pipe, seconds: float = 10.0) -> None:
    """Give whoever opened the pipe to read it an end of file (open for writing succeeds only then)."""
    import os

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:  # no reader yet (ENXIO)
            time.sleep(0.1)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "open311"])
def test_a_named_pipe_or_a_folder_is_refused_as_such_without_waiting_on_it(world_db, system, tmp_path, fmt):
    """Opening a named pipe waits for a writer: the import must not hang the desk."""
    import os

    from desktop.services.exchange import formats
    from desktop.services.exchange.files import FileUnusable

    pipe, folder = tmp_path / "cases.in", tmp_path / "cases.dir"
    os.mkfifo(pipe)
    folder.mkdir()
    threading.Thread(target=_release_readers, args=(pipe,), daemon=True).start()  # a hang becomes a failure
    with pytest.raises(FileUnusable, match=re.escape("不是普通文件(是管道、设备或套接字),无法读取")):
        formats.import_file(world_db, system, pipe, fmt)
    with pytest.raises(FileUnusable, match=r"不是普通文件"):
        formats.format_in(pipe)
    with pytest.raises(FileUnusable, match="是文件夹,不是文件"):
        formats.import_file(world_db, system, folder, fmt)


def test_excel_unicode_text_and_binary_files_are_refused_as_such(world_db, system, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(",".join(HEADERS).encode("utf-16"))
    with pytest.raises(ValidationFailed, match="UTF-16 编码.*CSV UTF-8"):
        table_import.import_file(world_db, system, path)
    path.write_bytes(bytes(range(256)) * 1000)
    with pytest.raises(ValidationFailed) as caught:
        table_import.import_file(world_db, system, path)
    assert "既不是有效的 UTF-8 也不是有效的 GBK" in caught.value.message and len(caught.value.problems) <= 200


@pytest.mark.parametrize("start", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_a_workbook_named_csv_is_told_as_a_workbook_not_as_lines_of_bad_gbk(world_db, system, tmp_path, start):
    path = tmp_path / "cases.csv"
    path.write_bytes(start + bytes(range(256)) * 10)
    with pytest.raises(ValidationFailed) as caught:
        table_import.import_file(world_db, system, path)
    assert caught.value.message.startswith("文件是 Excel 工作簿,不是 CSV 文本") and not caught.value.problems


def _csv_text(rows) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, HEADERS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_a_file_mixing_gbk_and_utf8_lines_is_refused_naming_the_lines(world_db, system, tmp_path):
    """GB18030 reads UTF-8 bytes too: a UTF-8 line pasted into a GBK file would come in as mojibake
    (渚ㄦ腐闀囦鲸鍖楄矾涓夊彿 for 侨港镇侨北路三号)."""
    pasted = _row("U-3", 地址="侨港镇侨北路三号", 诉求描述="侨北路灯不亮")  # reads as GB18030 as it stands
    gbk, utf8 = _csv_text([_row("G-1"), _row("G-2")]), _csv_text([pasted])
    path = tmp_path / "mixed.csv"
    path.write_bytes(gbk.encode("gbk") + utf8.splitlines(keepends=True)[1].encode("utf-8"))
    with pytest.raises(ValidationFailed) as caught:
        table_import.import_file(world_db, system, path)
    assert caught.value.message.startswith("文件混用了 UTF-8 和 GBK 两种编码:下列 1 行是 UTF-8,其余含中文的行是 GBK;")
    assert caught.value.problems == ["第 4 行:UTF-8 编码"]
    # The reverse: a GBK line in a UTF-8 file (with a BOM), which neither encoding reads as a whole.
    path.write_bytes(("\ufeff" + gbk).encode("utf-8") + utf8.splitlines(keepends=True)[1].encode("gbk"))
    with pytest.raises(ValidationFailed) as caught:
        table_import.import_file(world_db, system, path)
    assert caught.value.message.startswith("文件混用了 UTF-8 和 GBK 两种编码:下列 1 行是 GBK,其余含中文的行是 UTF-8;")
    assert caught.value.problems == ["第 4 行:GBK 编码"]
    assert _case_count(world_db) == 0
    for encoding in ("gbk", "utf-8", "utf-8-sig"):  # a file in one of them imports
        path.write_bytes(_csv_text([_row(f"{encoding}-1"), _row(f"{encoding}-2", 地址="侨港镇侨北路三号")]).encode(encoding))
        assert table_import.import_file(world_db, system, path).imported == 2
        with world_db.session() as session:
            assert session.scalar(select(Case.address).where(Case.external_id == f"{encoding}-2")) == "侨港镇侨北路三号"


def test_a_gbk_file_whose_short_texts_happen_to_be_valid_utf8_is_read_as_gbk():
    """漏水 in GBK is the valid UTF-8 of ©ˮ: a line of it is no UTF-8 line, and the file no mixed one."""
    from desktop.services.exchange.files import decode_csv

    assert "漏水".encode("gbk").decode("utf-8") == "©ˮ"
    text = "编号,标题\n1,漏水\n2,陆女士反映路灯不亮\n"
    assert decode_csv(text.encode("gbk")) == text


def test_texts_that_look_like_formulas_are_exported_inert_and_imported_back_unchanged(world_db, system, tmp_path):
    """A resident's "=HYPERLINK(…)" must not run in Excel; the CSV round trip keeps every text exact."""
    import openpyxl

    texts = ['=HYPERLINK("http://example.invalid/?x="&A1,"点击")', "+86 138 0779 1234", "-5 度", "@所有人", "'引号开头",
             "'老旧小区'改造"]
    path = _write(tmp_path, [_row(f"F-{n}", 诉求描述=text, 标题=text) for n, text in enumerate(texts)])
    assert table_import.import_file(world_db, system, path, township_code=world.QIAOGANG).imported == len(texts)
    csv_out, xlsx_out = tmp_path / "out.csv", tmp_path / "out.xlsx"
    export_table(world_db, system, csv_out, QueueFilter(states=frozenset()), "csv")
    export_table(world_db, system, xlsx_out, QueueFilter(states=frozenset()), "xlsx")
    with csv_out.open(encoding="utf-8-sig", newline="") as exported:
        cells = {row["诉求描述"] for row in csv.DictReader(exported)}
    assert cells == {"'" + text for text in texts}  # what a spreadsheet shows as text
    sheet = openpyxl.load_workbook(xlsx_out).active
    column = HEADERS.index("诉求描述") + 1
    written = [sheet.cell(row, column) for row in range(2, sheet.max_row + 1)]
    assert {cell.value for cell in written} == set(texts) and {cell.data_type for cell in written} == {"s"}

    again = table_import.parse_rows(csv_out.read_text(encoding="utf-8-sig"), "out.csv")[0]
    assert {request.description for request in again} == set(texts)
    # In a hand-made file, ' before a formula sign is how Excel is told "text": the text is what follows.
    hand_made = table_import.parse_rows(_write(tmp_path, [_row("H-1", 诉求描述="'=B1+C1")], "hand.csv")
                                        .read_text(encoding="utf-8-sig"), "hand.csv")[0]
    assert [request.description for request in hand_made] == ["=B1+C1"]


@pytest.mark.law("Art. 16")
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_duplicate_and_a_case_without_matter_item_come_back_as_they_were(world_db, other_db, system, tmp_path,
                                                                           suffix):
    going_on = world.add_case(world_db, "450503103-2025-000001", state=CaseState.HANDLING)
    duplicate = world.add_case(world_db, "450503103-2025-000002", state=CaseState.CLOSED)
    no_item = world.add_case(world_db, "450503103-2025-000003", state=CaseState.REGISTERED)
    with world_db.session() as session:
        session.execute(update(Case).where(Case.id == duplicate).values(
            state=CaseState.MERGED, merged_into_id=going_on, resolution=None))
        session.execute(update(Case).where(Case.id == no_item).values(matter_item_id=None))
        session.commit()
    path = tmp_path / f"out.{suffix}"
    export_table(world_db, system, path, QueueFilter(states=frozenset()), suffix)
    assert table_import.import_file(other_db, system, path, fmt=suffix).imported == 3
    with other_db.session() as session:
        cases = {c.external_id: c for c in session.scalars(select(Case))}
    merged = cases["450503103-2025-000002"]
    assert merged.state is CaseState.MERGED and merged.merged_into_id == cases["450503103-2025-000001"].id
    assert merged.resolution is None and merged.closed_at is not None
    taken = cases["450503103-2025-000003"]
    assert taken.matter_item_id is None and taken.category is MatterCategory.LIVELIHOOD


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_our_cases_passed_on_through_another_database_and_back_are_refused_by_their_original_number(
        world_db, other_db, system, tmp_path, suffix):
    world.add_case(world_db, "450503103-2025-000001")
    world.add_case(world_db, "450503103-2025-000002", state=CaseState.CLOSED)
    there, back = tmp_path / f"there.{suffix}", tmp_path / f"back.{suffix}"
    export_table(world_db, system, there, QueueFilter(states=frozenset()), suffix)
    assert table_import.import_file(other_db, system, there, fmt=suffix).imported == 2
    world.add_case(other_db, "450503103-2025-000007")  # one of its own besides
    export_table(other_db, system, back, QueueFilter(states=frozenset()), suffix)
    theirs = _numbers(other_db)
    with pytest.raises(ValidationFailed) as caught:
        table_import.import_file(world_db, system, back, fmt=suffix)
    assert sorted(caught.value.problems) == sorted(
        f"第 {line} 行 字段 外部编号:编号 {theirs[ours]} 的诉求原编号为 {ours},即本库案件 {ours}:它经另一个库转来又转回,"
        f"本库已有;请删去这一行后再导入" for line, ours in ((2, "450503103-2025-000001"), (3, "450503103-2025-000002")))
    assert _case_count(world_db) == 2


def test_a_file_exported_before_the_external_id_column_still_imports(world_db, system, tmp_path):
    path = tmp_path / "older.csv"
    older = [name for name in HEADERS if name != "外部编号"]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, older)
        writer.writeheader()
        writer.writerow(_row("OLD-1"))
    assert table_import.import_file(world_db, system, path).imported == 1
    assert list(_numbers(world_db)) == ["OLD-1"]


def test_an_open_row_with_a_closing_time_is_refused_naming_both_fields(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("O-1", 办结时间="2026-03-03 09:00"),
                             _row("O-2", 状态="办理中", 办结时间="2026-03-03 09:00"),
                             _row("O-3", 状态="已办结", 办结时间="2026-03-03 09:00")])
    assert _refusal(world_db, system, path) == [
        "第 2 行 字段 状态/办结时间:状态为“待受理”(未办结),却填有办结时间;两者矛盾。若已办结,请把状态改为“已办结”,否则请清空办结时间",
        "第 3 行 字段 状态/办结时间:状态为“办理中”(未办结),却填有办结时间;两者矛盾。若已办结,请把状态改为“已办结”,否则请清空办结时间",
    ]


@pytest.mark.law("Art. 15")
def test_a_masked_phone_is_refused_saying_who_should_export_the_file(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("P-1", 联系电话="13807791234"), _row("P-2", 联系电话="138****0001")])
    assert _refusal(world_db, system, path) == [
        "第 3 行 字段 联系电话:138****0001 是遮挡过的号码(导出这个文件的用户无权查看个人信息,号码中间几位已遮去,Art. 15),原号码无法还原;"
        "请由有权查看个人信息的用户重新导出后再导入,或清空这一项"]
    assert _case_count(world_db) == 0


@pytest.mark.law("Art. 15")
def test_our_masked_export_imported_back_says_first_that_it_is_here_and_tells_the_masked_phones_once(
        world_db, system, tmp_path):
    for n in range(1, 6):
        world.add_case(world_db, f"450503103-2025-00000{n}")
    users.add_user(world_db, system, username="qg_op1", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code=world.QIAOGANG)
    path = tmp_path / "out.csv"
    assert export_table(world_db, users.actor_for(world_db, "qg_op1"), path, QueueFilter(states=frozenset()), "csv") == 5
    numbers = [row["编号"] for row in csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())]
    masked = ("是遮挡过的号码(这个文件导出时号码已遮挡:导出这个文件的用户无权查看个人信息,号码中间几位已遮去,Art. 15),"
              "原号码无法还原;请由有权查看个人信息的用户重新导出后再导入,或清空这些号码")
    assert _refusal(world_db, system, path) == [
        f"文件:文件中的 5 件诉求都是本库已有的案件(例如 {numbers[0]}),这个文件多半导出自本库,没有新的诉求可导入",
        f"第 2–6 行等 5 行 字段 联系电话:{masked}"]
    with path.open("a", encoding="utf-8", newline="") as more:  # new requests among them: one with a bad item
        csv.DictWriter(more, HEADERS).writerows([_row("NEW-1", 事项编码="X99-999"), _row("NEW-2", 联系电话="138****0002")])
    assert _refusal(world_db, system, path) == [
        f"第 2–6 行等 5 行 字段 编号:与本库已有案件的编号和受理时间都相同(如 {'、'.join(numbers[:3])}),"
        "这些行多半导出自本库,不能再导入为新案件;请删去这些行后再导入",
        f"第 2–6、8 行等 6 行 字段 联系电话:{masked}",
        "第 7 行 字段 事项编码:X99-999 不是 侨港(450503103000) 现行事项清单中的事项编码(现行事项见“事项清单”面板,"
        "或 griddesk-admin matters in-force --place 450503103000)"]
    assert _case_count(world_db) == 5


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_urgency_comes_in_and_supervision_orders_are_counted_not_carried_over(world_db, other_db, system, tmp_path,
                                                                             suffix):
    urgent = world.add_case(world_db, "450503103-2025-000001")
    world.add_case(world_db, "450503103-2025-000002")
    with world_db.session() as session:
        session.execute(update(Case).where(Case.id == urgent).values(urgent=True, supervision=SupervisionLevel.KEY))
        session.commit()
    path = tmp_path / f"out.{suffix}"
    export_table(world_db, system, path, QueueFilter(states=frozenset()), suffix)
    report = table_import.import_file(other_db, system, path, fmt=suffix)
    assert (report.imported, report.supervised) == (2, 1)
    with other_db.session() as session:
        cases = {c.external_id: c for c in session.scalars(select(Case))}
        assert cases["450503103-2025-000001"].urgent and not cases["450503103-2025-000002"].urgent
        assert cases["450503103-2025-000001"].supervision is SupervisionLevel.NONE
        event = session.scalars(select(CaseEvent).where(CaseEvent.case_id == cases["450503103-2025-000001"].id)).one()
        number = cases["450503103-2025-000001"].number
    # Said where the operator reads the case, and listed in the import's summary.
    assert event.detail["source_supervision"] == "key"
    assert "来源系统对其重点督办,未随之导入,是否督办由本中心决定" in event.message
    assert report.supervised_numbers == (number,)


def test_an_urgency_or_supervision_the_table_does_not_know_is_named(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("U-1", 紧急="急"), _row("U-2", 督办="督办")])
    assert _refusal(world_db, system, path) == ["第 2 行 字段 紧急:“急”应为“是”“否”或留空",
                                                 "第 3 行 字段 督办:“督办”不是督办级别;应为:无、一般督办、重点督办,或留空"]


def test_a_bad_row_whose_text_spans_lines_is_named_by_the_line_it_starts_on(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("S-1", 诉求描述="第一行\n第二行\n第三行"), _row("S-2", 诉求描述="一\n二", 经度="东经"),
                             _row("S-3", 经度="西经")])
    assert _refusal(world_db, system, path) == ["第 5 行 字段 经度:'东经' 不是数字", "第 7 行 字段 经度:'西经' 不是数字"]


def test_merges_and_categories_that_do_not_add_up_are_named(world_db, system, tmp_path):
    path = _write(tmp_path, [_row("M-1", 状态="已合并", 办结时间="2026-03-03 09:00"),
                             _row("M-2", 并入案件="M-9"),
                             _row("M-3", 类别="路灯", 事项编码="")])
    problems = _refusal(world_db, system, path)
    assert problems == [
        "第 2 行 字段 并入案件:状态为“已合并”的诉求须填写并入的案件编号",
        "第 3 行 字段 并入案件:只有状态为“已合并”的诉求才并入其他案件(这一行是“待受理”)",
        f"第 4 行 字段 类别:“路灯”不是事项类别;应为:{'、'.join(c.label for c in MatterCategory)}",
        "第 4 行 字段 事项编码:缺少必填内容",
    ]


def test_an_exported_workbook_imports_into_another_database(world_db, other_db, system, tmp_path):
    other = other_db
    path = _write(tmp_path, [_row("X-1", 诉求人="王女士", 联系电话="13807791234"), _row("X-2", 经度="", 纬度="")])
    table_import.import_file(world_db, system, path, township_code=world.QIAOGANG)
    workbook = tmp_path / "out.xlsx"
    export_table(world_db, system, workbook, QueueFilter(states=frozenset()), "xlsx")
    report = table_import.import_file(other, system, workbook, fmt="xlsx", township_code=world.QIAOGANG)
    assert (report.imported, report.unrouted) == (2, 1)
    with other.session() as session:
        phones = set(session.scalars(select(Case.requester_phone)))
    assert phones == {"13807791234", None}
    assert "都已导入过本库" in _refusal(other, system, workbook, fmt="xlsx", township_code=world.QIAOGANG)[0]


def test_a_closed_cases_result_goes_out_and_comes_back_with_it(world_db, other_db, system, tmp_path):
    path = _write(tmp_path, [_row("X-1", 状态="已办结", 办结时间="2026-03-05 10:00", 办理结果="已更换灯泡")])
    table_import.import_file(world_db, system, path)
    exported = tmp_path / "out.csv"
    export_table(world_db, system, exported, QueueFilter(states=frozenset()), "csv")
    table_import.import_file(other_db, system, exported)
    with other_db.session() as session:
        assert session.execute(select(Case.state, Case.resolution)).one() == (CaseState.CLOSED, "已更换灯泡")


def test_a_column_the_table_does_not_have_or_has_twice_is_refused_not_dropped(world_db, system, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("编号,事项编码,诉求描述,受理时间,备注,诉求描述\nX-1,C09-001,路灯不亮,2026-03-02 09:30,夜里,又一次\n",
                    encoding="utf-8")
    problems = _refusal(world_db, system, path)
    assert problems[0].startswith("第 1 行(表头):不认识的列 备注,其内容无处保存;请删去这些列,可用的列:编号,")
    assert problems[1:] == ["第 1 行(表头):列 诉求描述 出现了不止一次;请只保留一列"]


def test_a_file_that_is_no_workbook_is_refused_by_name(world_db, system, tmp_path):
    path = tmp_path / "cases.xlsx"
    path.write_text("编号,事项编码\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="cases.xlsx 不是完好的 Excel 工作簿"):
        table_import.import_file(world_db, system, path, fmt="xlsx")


def _workbook(path, rows):
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_rows_on_a_second_sheet_are_refused_naming_the_sheet_not_left_out(world_db, system, tmp_path):
    header = ["编号", "事项编码", "诉求描述", "受理时间", "经度", "纬度"]
    path = _workbook(tmp_path / "cases.xlsx", [header, ["X-1", "C09-001", "侨北路路灯不亮", "2026-03-02 09:30", 109.105, 21.415]])
    import openpyxl

    book = openpyxl.load_workbook(path)
    book.create_sheet("空表")  # an empty sheet is no matter
    book.create_sheet("第二页").append(header)
    book.save(path)
    with pytest.raises(ValidationFailed) as caught:
        table_import.import_file(world_db, system, path, fmt="xlsx")
    assert caught.value.message == (
        "cases.xlsx 除第一张工作表“Sheet”外,工作表“第二页”也有内容;只导入第一张工作表,其他表的行不会导入。"
        "请把要导入的行都移到第一张工作表,删去或清空其他工作表后重新导入,本次未导入任何记录")
    del book["第二页"]
    lists = book.create_sheet("下拉选项")  # a template's hidden helper sheet: no rows to import
    lists.append(["12345 热线", "网格员上报"])
    lists.sheet_state = "hidden"
    book.save(path)
    assert table_import.import_file(world_db, system, path, fmt="xlsx").imported == 1


def test_a_formula_without_a_computed_value_is_refused_naming_the_cell(world_db, system, tmp_path):
    """openpyxl writes formulas without computing them: read as values they would be empty."""
    header = ["编号", "事项编码", "诉求描述", "地址", "受理时间", "经度", "纬度"]
    row = ["X-1", "C09-001", "侨北路路灯不亮", "=B2&C2", "2026-03-02 09:30", 109.105, 21.415]
    path = _workbook(tmp_path / "cases.xlsx", [header, row])
    with pytest.raises(ValidationFailed) as caught:
        table_import.import_file(world_db, system, path, fmt="xlsx")
    assert caught.value.message.startswith("cases.xlsx 有 1 个公式单元格没有保存计算结果")
    assert caught.value.problems == ["第 2 行 地址(D2):公式 =B2&C2 没有计算结果"]
    assert _case_count(world_db) == 0
    # Saved by Excel, the formula's result "" is an empty value element: computed, empty, imported.
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet], found = re.subn(rb'<c r="D2"[^>]*>.*?</c>', b'<c r="D2" t="str"><f>IF(1=1,"",B2)</f><v></v></c>',
                                  parts[sheet], flags=re.S)
    assert found == 1
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    assert table_import.import_file(world_db, system, path, fmt="xlsx").imported == 1
    with world_db.session() as session:
        assert session.scalar(select(Case.address).where(Case.external_id == "X-1")) is None


def test_a_sheet_row_may_end_before_the_headers_last_column_but_not_run_past_it(world_db, system, tmp_path):
    header = ["编号", "事项编码", "诉求描述", "受理时间", "经度", "纬度", "联系电话"]
    row = ["X-1", "C09-001", "侨北路路灯不亮", "2026-03-02 09:30", 109.105, 21.415]
    path = _workbook(tmp_path / "cases.xlsx", [header, row, ["X-2", *row[1:], 13807791234, "多出的一格"]])
    problems = _refusal(world_db, system, path, fmt="xlsx")
    assert problems == ["第 3 行:第 8 列起有内容,表头只有 7 列;整行未读"]
    _workbook(path, [header, row, ["X-2", *row[1:], 13807791234]])
    assert table_import.import_file(world_db, system, path, fmt="xlsx").imported == 2  # X-1 has no phone: fine
    with world_db.session() as session:
        assert dict(session.execute(select(Case.external_id, Case.requester_phone)).all()) == {
            "X-1": None, "X-2": "13807791234"}


def test_a_damaged_workbook_or_one_without_requests_is_refused_by_name(world_db, system, tmp_path):
    import zipfile

    good = _workbook(tmp_path / "good.xlsx", [list(HEADERS), ["X-1", "", "", "", "C09-001"]])
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    with pytest.raises(ValidationFailed, match="damaged.xlsx 不是完好的 Excel 工作簿"):
        table_import.import_file(world_db, system, damaged, fmt="xlsx")
    header_only = _workbook(tmp_path / "header.xlsx", [[], list(HEADERS)])
    assert _refusal(world_db, system, header_only, fmt="xlsx") == ["第 2 行(表头):表头之后没有诉求行,没有可导入的内容"]
    assert _case_count(world_db) == 0


def test_the_grid_a_row_names_takes_it_in_without_coordinates(world_db, system, tmp_path):
    """A vessel group's grid has no place to route to: an export names it, and the import puts the case there."""
    grid = world.QIAOBEI + "002"
    with world_db.session() as session:
        retired = session.scalar(select(Grid).join(Place).where(Place.code == world.QIAOBEI + "001"))
        retired.status = GridStatus.RETIRED
        session.commit()
    path = _write(tmp_path, [_row("G-1", 经度="", 纬度="", 网格代码=grid),
                             _row("G-2", 网格代码=grid),  # its coordinates lie in …001: the named grid wins
                             _row("G-3", 网格代码="450503103099999"),  # a grid of another database
                             _row("G-4", 网格代码=world.QIAOBEI + "001")])  # retired since the export
    problems = _refusal(world_db, system, path, township_code=world.QIAOGANG)
    assert [p.split(":")[0] for p in problems] == ["第 4 行 字段 网格代码", "第 5 行 字段 网格代码"]
    assert problems[0] == ("第 4 行 字段 网格代码:450503103099999 不是本库在用的网格(可能已撤销,或来自另一个库的网格);"
                           "请改为在用网格的代码,或不填,按坐标归入")
    with world_db.session() as session:
        session.scalar(select(Grid).join(Place).where(Place.code == world.QIAOBEI + "001")).status = GridStatus.ACTIVE
        session.commit()
    path = _write(tmp_path, [_row("G-1", 经度="", 纬度="", 网格代码=grid), _row("G-2", 网格代码=grid)])
    assert table_import.import_file(world_db, system, path).unrouted == 0
    with world_db.session() as session:
        placed = set(session.execute(select(Place.code).join(Case, Case.grid_id == Place.id)).scalars())
    assert placed == {grid}


def test_unknown_states_closed_rows_without_a_closing_time_and_overlong_texts_are_refused(world_db, system, tmp_path):
    """A state the export never writes is not read as a new open request, and a closed one is not
    given the import's time as its closing; a text longer than its column is named, not cut."""
    path = _write(tmp_path, [
        _row("A-1", 状态="已关闭", 办结时间="2026-03-05 10:00"),
        _row("A-2", 状态="已办结"),
        _row("A-3", 诉求人="侨" * 41),
        _row("A-4", 编号="X" * 65),
        _row("A-5", 联系电话="1380779123412345678901"),
        _row("A-6", 地址="路\u0007灯"),
    ])
    problems = _refusal(world_db, system, path)
    assert problems[0].startswith("第 2 行 字段 状态:“已关闭”不是案件状态;应为导出的状态之一:待受理、已立案")
    assert problems[1:] == [
        "第 3 行 字段 办结时间:状态为“已办结”的诉求须填写办结时间",
        "第 4 行 字段 诉求人:有 41 个字,超过上限 40 个字;请缩短后重新导入",
        "第 5 行 字段 编号:有 65 个字,超过上限 64 个字;请缩短后重新导入",
        "第 6 行 字段 联系电话:有 22 个字,超过上限 20 个字;请缩短后重新导入",
        "第 7 行 字段 地址:第 2 个字符是不可见的控制字符(U+0007),无法保存,请删去",
    ]
    with world_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


def test_a_deadline_at_the_end_of_a_day_goes_out_as_24_00_and_comes_back_the_same(world_db, other_db, system,
                                                                                 tmp_path):
    """Working-day deadlines end at 24:00 (SPEC §11): the table says "3月6日 24:00", as people do, not
    "3月7日 00:00" (a Saturday); the import reads either."""
    path = _write(tmp_path, [_row("D-1", 办理期限="2026-03-06 24:00"), _row("D-2", 办理期限="2026-03-09 00:00"),
                             _row("D-3", 办理期限="2026-03-09 17:30")])
    table_import.import_file(world_db, system, path)
    exported = tmp_path / "out.csv"
    export_table(world_db, system, exported, QueueFilter(states=frozenset()), "csv")
    with exported.open(encoding="utf-8-sig", newline="") as table:
        deadlines = {row["编号"]: row["办理期限"] for row in csv.DictReader(table)}
    numbers = _numbers(world_db)
    assert deadlines == {numbers["D-1"]: "2026-03-06 24:00", numbers["D-2"]: "2026-03-08 24:00",
                         numbers["D-3"]: "2026-03-09 17:30"}
    table_import.import_file(other_db, system, exported)
    with world_db.session() as here, other_db.session() as there:
        assert sorted(there.scalars(select(Case.due_at))) == sorted(here.scalars(select(Case.due_at)))
        assert here.scalar(select(Case.due_at).where(Case.external_id == "D-1")) == datetime(2026, 3, 7, tzinfo=BEIJING)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_checking_reports_progress_and_a_cancel_there_imports_nothing(world_db, system, tmp_path, monkeypatch,
                                                                           suffix):
    """A large file is checked row by row before anything is written: Cancel acts during the checking too."""
    from desktop.services.exchange import bulk

    monkeypatch.setattr(bulk, "CHUNK", 2)
    path = tmp_path / f"cases.{suffix}"
    rows = [_row(f"P-{n}") for n in range(5)]
    if suffix == "csv":
        path.write_text(_csv_text(rows), encoding="utf-8")
    else:
        header = list(rows[0])
        _workbook(path, [header, *[[row[h] for h in header] for row in rows]])
    heard = []
    table_import.import_file(world_db, system, path, fmt=suffix, progress=lambda *said: heard.append(said))
    checking = [(done, what) for done, _, what in heard if what == "检查"]
    assert checking == [(0, "检查"), (2, "检查"), (4, "检查")]
    assert heard[0][0] == 0 and heard[0][2] == ("检查" if suffix == "csv" else "读取")  # told from the start
    assert all(total >= 5 for _, total, what in heard if what == "检查")

    class Cancelled(Exception):
        pass

    def cancel_at_the_second(done, total, what):
        if what == "检查" and done:
            raise Cancelled

    path.rename(tmp_path / f"again.{suffix}")
    before = _case_count(world_db)
    with pytest.raises(Cancelled):
        table_import.import_file(world_db, system, tmp_path / f"again.{suffix}", fmt=suffix,
                                 progress=cancel_at_the_second)
    assert _case_count(world_db) == before


def test_a_workbook_reports_its_reading_and_a_cancel_there_stops_it_as_a_cancel(world_db, system, tmp_path,
                                                                                monkeypatch):
    """A large sheet takes seconds to read before its rows are checked: Cancel acts while it is read,
    and is raised as the cancel it is, not taken for a damaged workbook."""
    from desktop.services.exchange import files

    monkeypatch.setattr(files, "READ_CHUNK", 2)
    path = tmp_path / "cases.xlsx"
    rows = [_row(f"R-{n}") for n in range(5)]
    header = list(rows[0])
    _workbook(path, [header, *[[row[h] for h in header] for row in rows]])
    heard = []
    table_import.import_file(world_db, system, path, fmt="xlsx", progress=lambda *said: heard.append(said))
    reading = [said for said in heard if said[2] == "读取"]
    assert [done for done, _, _ in reading] == [0, 2, 4] and heard[:len(reading)] == reading
    assert all(total >= 6 for _, total, _ in reading)  # the header and five rows, as the sheet says

    class Cancelled(Exception):
        pass

    def cancel_while_reading(done, total, what):
        if what == "读取" and done:
            raise Cancelled

    path.rename(tmp_path / "again.xlsx")
    before = _case_count(world_db)
    with pytest.raises(Cancelled):
        table_import.import_file(world_db, system, tmp_path / "again.xlsx", fmt="xlsx", progress=cancel_while_reading)
    assert _case_count(world_db) == before


def test_a_workbook_that_does_not_say_how_many_rows_it_has_is_read_with_no_total():
    """A program writing a sheet row by row may leave out its dimension: the total is then 0 (not
    known), not the rows read so far, which would show a bar always full."""
    import openpyxl

    from desktop.services.exchange import files

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for n in range(files.READ_CHUNK + 1):
        sheet.append([f"第 {n} 行"])
    data = io.BytesIO()
    book.save(data)
    heard = []
    rows = files.read_xlsx(data.getvalue(), "rows.xlsx", lambda read, total: heard.append((read, total)))
    assert len(rows) == files.READ_CHUNK + 1 and heard == [(0, 0), (files.READ_CHUNK, 0)]
