"""CSV and XLSX export of the queue as filtered; phones masked unless the actor may see them."""

import csv
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import select, update

import exchange_world as world
from desktop.errors import PermissionDenied, ValidationFailed
from desktop.models import Assignment, AuditEntry, Case, SupervisionOrder
from desktop.models.enums import AssignmentState, CaseState, PlaceLevel, Role, SupervisionLevel
from desktop.services import queue, users
from desktop.services.exchange import open311, table_import
from desktop.services.exchange.table_export import COUNTDOWN, HEADERS, column_of, export_count, export_table
from desktop.services.queue import QueueFilter
from desktop.services.security import Actor, Grant


@pytest.fixture
def world_db(db, system):
    world.build(db, system)
    world.add_case(db, "450503103-2025-000001", state=CaseState.DISPATCHED)
    world.add_case(db, "450503103-2025-000002", state=CaseState.CLOSED, grid=world.QIAOBEI + "002")
    return db


def _actor(db, system, role):
    users.add_user(db, system, username=role.value, display_name=role.label, password="secret-123", role=role,
                   scope_code=world.QIAOGANG)
    return users.actor_for(db, role.value)


def test_csv_has_a_bom_the_headers_and_the_open_cases_only(world_db, system, tmp_path):
    path = tmp_path / "queue.csv"
    assert export_table(world_db, system, path, QueueFilter(), "csv") == 1
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert [column_of(name) for name in table[0]] == HEADERS
    row = dict(zip(HEADERS, table[1]))
    assert row["编号"] == "450503103-2025-000001" and row["状态"] == "已派遣" and row["渠道"] == "12345热线"
    assert row["受理时间"] == "2026-03-02 09:30" and row["事项编码"] == "C09-001"
    assert row["联系电话"] == "13807791234"  # the system actor may see it


@pytest.mark.law("Art. 15")
def test_phones_are_masked_for_an_operator_and_shown_to_a_supervisor(world_db, system, tmp_path):
    everything = QueueFilter(states=frozenset())
    for role, phone in ((Role.OPERATOR, "138****1234"), (Role.SUPERVISOR, "13807791234")):
        path = tmp_path / f"{role.value}.csv"
        assert export_table(world_db, _actor(world_db, system, role), path, everything, "csv") == 2
        table = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert {r["联系电话"] for r in table} == {phone}


def test_xlsx_has_a_bold_frozen_header_and_widths(world_db, system, tmp_path):
    path = tmp_path / "queue.xlsx"
    assert export_table(world_db, system, path, QueueFilter(states=frozenset(), under=world.QIAOBEI + "002"), "xlsx") == 1
    sheet = load_workbook(path).active
    assert [column_of(c.value) for c in sheet[1]] == HEADERS
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions[get_column_letter(HEADERS.index("诉求描述") + 1)].width == 50
    assert sheet["A2"].value == "450503103-2025-000002" and sheet["G2"].value == "已办结"
    assert sheet.max_row == 2


AS_OF = world.T0 + timedelta(days=2)  # 2026-03-04 09:30, Beijing time


def _table(path, fmt: str) -> list[list[str]]:
    """The file as a reader opens it: the header, then the rows, as text."""
    if fmt == "csv":
        return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    return [["" if value is None else str(value) for value in row] for row in load_workbook(path).active.values]


@pytest.mark.law("Art. 18", "Art. 20")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_file_says_who_leads_what_is_overdue_as_of_the_export_and_a_supervision_run_out(world_db, system,
                                                                                           tmp_path, fmt):
    """A leader reading the file sees what the queue shows: the lead department, the countdown frozen at the
    export (the header says when), a sign-for the lead missed while the handling deadline is days away
    (Art. 18(1)), and a 督办 order past its own deadline (Art. 20(1)): "已派遣 · 一般督办 · 督办超期" on screen."""
    world.add_case(world_db, "450503103-2025-000003", state=CaseState.DISPATCHED, lead=True)  # signed for by T0+1d
    world.add_case(world_db, "450503103-2025-000004", received=world.T0 - timedelta(days=10))  # due T0-3d
    reported = world.add_case(world_db, "450503103-2025-000005", state=CaseState.REPORTED, lead=True)
    waiting = world.add_case(world_db, "450503103-2025-000006", state=CaseState.REGISTERED,
                             received=world.T0 + timedelta(hours=40))
    with world_db.session() as session:
        supervised = session.scalar(select(Case).where(Case.number == "450503103-2025-000001"))
        supervised.supervision = SupervisionLevel.GENERAL
        session.add(SupervisionOrder(case_id=supervised.id, level=SupervisionLevel.GENERAL, issued_by="system",
                                     issued_at=world.T0, due_at=world.T0 + timedelta(days=1), reason="群众反映强烈"))
        # Its lead has fed back its result, the other is not dispatched yet: no deadline runs.
        session.execute(update(Case).where(Case.id.in_([reported, waiting])).values(due_at=None))
        session.execute(update(Assignment).where(Assignment.case_id == reported).values(state=AssignmentState.REPORTED))
        session.commit()
    path = tmp_path / f"queue.{fmt}"
    assert export_table(world_db, system, path, QueueFilter(states=frozenset()), fmt, now=AS_OF) == 6
    header, *lines = _table(path, fmt)
    assert header[HEADERS.index(COUNTDOWN)] == "剩余/超期(截至 2026-03-04 09:30)"
    rows = {row[0]: dict(zip(HEADERS, row)) for row in lines}
    shown = {number: tuple(row[name] for name in ("状态", "督办", "督办超期", "承办单位", "办理期限", "超期", COUNTDOWN))
             for number, row in rows.items()}
    assert shown == {
        "450503103-2025-000001": ("已派遣", "一般督办", "是", "", "2026-03-09 09:30", "否", "剩余 5天0小时"),
        "450503103-2025-000002": ("已办结", "", "", "", "2026-03-09 09:30", "", ""),
        "450503103-2025-000003": ("已派遣", "", "", "城管中队", "2026-03-09 09:30", "是", "签收超期 1天0小时"),
        "450503103-2025-000004": ("办理中", "", "", "", "2026-02-27 09:30", "是", "超期 5天0小时"),
        # Waiting on the center's review: its lead's deadline, met or missed, and no clock.
        "450503103-2025-000005": ("已反馈", "", "", "城管中队", "2026-03-09 09:30", "否", "不计时"),
        "450503103-2025-000006": ("已立案", "", "", "", "", "否", "未派遣,已等 8小时"),
    }
    # Overdue as the queue's 只看超期 has it, at the same moment.
    overdue = queue.page(world_db, system, QueueFilter(overdue_only=True), 0, 10, now=AS_OF)
    assert {row.number for row in overdue} == {number for number, row in rows.items() if row["超期"] == "是"}
    # The reader's columns stand in the way of no re-import: the file is known as this database's own.
    with pytest.raises(ValidationFailed) as refused:
        table_import.import_file(world_db, system, path, fmt=fmt, township_code=world.QIAOGANG)
    assert refused.value.problems == [
        "文件:文件中的 6 件诉求都是本库已有的案件(例如 450503103-2025-000003),这个文件多半导出自本库,没有新的诉求可导入"]


def test_a_control_character_kept_from_before_names_the_case_instead_of_failing_the_whole_xlsx(world_db, system,
                                                                                              tmp_path):
    with world_db.session() as session:
        session.execute(update(Case).where(Case.number == "450503103-2025-000001").values(description="路灯\x07不亮"))
        session.commit()
    path = tmp_path / "queue.xlsx"
    with pytest.raises(ValidationFailed, match="案件 450503103-2025-000001 的“诉求描述”含有 Excel 无法保存的控制字符"):
        export_table(world_db, system, path, QueueFilter(), "xlsx")
    assert not path.exists() and not list(tmp_path.glob("*.xlsx"))
    assert export_table(world_db, system, tmp_path / "queue.csv", QueueFilter(), "csv") == 1


def test_a_text_longer_than_an_excel_cell_names_the_case_and_goes_whole_into_csv(world_db, system, tmp_path):
    """Excel cuts a cell after 32,767 characters when it opens the file: refused, never cut unseen."""
    description = "路灯不亮。" * 28_000  # 140,000 characters
    with world_db.session() as session:
        session.execute(update(Case).where(Case.number == "450503103-2025-000001").values(description=description))
        session.commit()
    with pytest.raises(ValidationFailed, match="案件 450503103-2025-000001 的“诉求描述”有 140000 个字,超过 Excel 单格上限"):
        export_table(world_db, system, tmp_path / "queue.xlsx", QueueFilter(), "xlsx")
    assert not list(tmp_path.glob("*.xlsx"))
    path = tmp_path / "queue.csv"
    assert export_table(world_db, system, path, QueueFilter(), "csv") == 1
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8-sig", newline="") as table:
        assert next(csv.DictReader(table))["诉求描述"] == description


@pytest.mark.law("Art. 15")
def test_the_audit_says_whether_whole_phone_numbers_left_the_system(world_db, system, tmp_path):
    for role in (Role.OPERATOR, Role.SUPERVISOR):
        export_table(world_db, _actor(world_db, system, role), tmp_path / f"{role.value}.csv", QueueFilter(), "csv")
    with world_db.session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "cases.export")
                                  .order_by(AuditEntry.id)).all()
    assert [(e.actor, e.detail["phones"]) for e in entries] == [
        (Role.OPERATOR.value, "masked"), (Role.SUPERVISOR.value, "full")]
    assert "联系电话已遮挡" in entries[0].message and "联系电话完整" in entries[1].message
    # Entered at the township exported, not placeless: the county's auditor reads them too.
    assert [e.place_code for e in entries] == [world.QIAOGANG, world.QIAOGANG]


def test_a_cancelled_export_leaves_no_file_and_the_progress_knows_the_total(world_db, system, tmp_path):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "queue.csv"
    seen = []

    class Cancelled(Exception):
        pass

    def cancel(done, total, what):
        seen.append((done, total, what))
        raise Cancelled()

    with pytest.raises(Cancelled):
        export_table(world_db, system, path, QueueFilter(states=frozenset()), "csv", progress=cancel)
    assert seen == [(0, 2, "导出")]
    assert list(path.parent.iterdir()) == []


@pytest.mark.law("Art. 15")
def test_a_user_exports_only_where_they_may_export_and_sees_phones_only_where_they_may(world_db, tmp_path):
    """Viewing the township (auditor) but exporting for one grid (operator) exports that grid's cases;
    full phones only where every exported place allows them."""
    grid1, grid2 = world.QIAOBEI + "001", world.QIAOBEI + "002"
    everything = QueueFilter(states=frozenset())
    both = Actor(username="mixed", display_name="混合授权", grants=(
        Grant(Role.OPERATOR, grid1, PlaceLevel.GRID), Grant(Role.AUDITOR, world.QIAOGANG, PlaceLevel.TOWNSHIP)))
    path = tmp_path / "mixed.csv"
    assert export_table(world_db, both, path, everything, "csv") == 1
    assert [r["编号"] for r in csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())] == [
        "450503103-2025-000001"]
    assert len(open311.export_requests(world_db, both, everything)) == 1

    supervisor_and_operator = Actor(username="two", display_name="两处授权", grants=(
        Grant(Role.SUPERVISOR, grid1, PlaceLevel.GRID), Grant(Role.OPERATOR, grid2, PlaceLevel.GRID)))
    assert export_table(world_db, supervisor_and_operator, path, everything, "csv") == 2
    assert {r["联系电话"] for r in csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())} == {"138****1234"}
    export_table(world_db, supervisor_and_operator, path, QueueFilter(states=frozenset(), under=grid1), "csv")
    assert {r["联系电话"] for r in csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())} == {"13807791234"}


@pytest.mark.law("Art. 15")
def test_the_export_count_and_the_progress_total_are_the_rows_written_not_the_cases_viewed(world_db, tmp_path):
    """Viewing the township (auditor) but exporting for one grid: the count the dialog shows and the
    progress total are the one case written, not the two the actor may view."""
    everything = QueueFilter(states=frozenset())
    both = Actor(username="mixed", display_name="混合授权", grants=(
        Grant(Role.OPERATOR, world.QIAOBEI + "001", PlaceLevel.GRID),
        Grant(Role.AUDITOR, world.QIAOGANG, PlaceLevel.TOWNSHIP)))
    assert queue.count(world_db, both, everything) == 2
    assert export_count(world_db, both, everything) == 1
    seen = []
    written = export_table(world_db, both, tmp_path / "mixed.csv", everything, "csv",
                           progress=lambda done, total, what: seen.append((done, total)))
    assert written == 1 and seen == [(0, 1), (1, 1)]
    assert len(open311.export_requests(world_db, both, everything)) == 1


@pytest.mark.law("Art. 15")
def test_a_refused_export_names_the_place_it_was_refused_for(world_db, tmp_path):
    """The export services pass only the filter's code; the refusal still says where (it read "在 (4505…)")."""
    liaison = Actor(username="police", display_name="派出所联络员",
                    grants=(Grant(Role.LIAISON, world.QIAOGANG, PlaceLevel.TOWNSHIP),))
    refused = QueueFilter(under=world.QIAOGANG)
    with pytest.raises(PermissionDenied, match=r"没有在 侨港\(450503103000\) 数据导入导出的权限"):
        export_table(world_db, liaison, tmp_path / "x.csv", refused, "csv")
    with pytest.raises(PermissionDenied, match=r"没有在 侨港\(450503103000\) 数据导入导出的权限"):
        open311.write_requests(world_db, liaison, tmp_path / "x.json", refused)
    # Without a place: no "此处" standing for one.
    with pytest.raises(PermissionDenied, match=r"用户“派出所联络员”没有数据导入导出的权限;"):
        export_table(world_db, liaison, tmp_path / "x.csv", QueueFilter(), "csv")


def test_a_row_appended_to_a_workbook_is_not_read_back(monkeypatch):
    """Reading the row back (sheet[sheet.max_row]) had openpyxl scan every cell for the last row, each row: a
    10,000-case XLSX export took 87 s against half a second for CSV. A text starting with = is still text."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from desktop.services.exchange.table_export import append_as_text

    sheet = Workbook().active
    monkeypatch.setattr(Worksheet, "max_row", property(lambda self: pytest.fail("the sheet was scanned")))
    append_as_text(sheet, ["=1+1", "路灯", 3, None])
    append_as_text(sheet, ["=B1", "@x", 4.5, "'="])
    monkeypatch.undo()
    assert [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()] == [
        [("=1+1", "s"), ("路灯", "s"), (3, "n"), (None, "n")], [("=B1", "s"), ("@x", "s"), (4.5, "n"), ("'=", "s")]]
