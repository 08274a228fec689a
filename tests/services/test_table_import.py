"""Import of the case table CSV: a file imported twice, our own export and repeated rows are refused by row."""

import csv
from datetime import timedelta

import pytest
from sqlalchemy import func, select

import exchange_world as world
from desktop.errors import ValidationFailed
from desktop.models import Case
from desktop.models.enums import CaseState
from desktop.services.exchange import table_import
from desktop.services.exchange.table_export import HEADERS, export_table
from desktop.services.queue import QueueFilter


@pytest.fixture
def world_db(db, system):
    world.build(db, system)
    return db


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
    assert _refusal(world_db, system, path, township_code=world.QIAOGANG) == [
        f"第 {line} 行 字段 编号:编号 {old} 已导入为本库案件 {numbers[old]};这个文件可能已经导入过,请删去已导入的行后再导入"
        for line, old in ((2, "OLD-1"), (3, "OLD-2"))
    ]
    assert _case_count(world_db) == 2


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
        f"第 {line} 行 字段 编号:编号 {number} 是本库已有的案件 {number}(这一行导出自本库),不能再导入为新案件;"
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
