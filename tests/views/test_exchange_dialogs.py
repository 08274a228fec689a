"""Import and export dialogs with qtbot: format by extension, progress, Cancel, the problem list, the queue filter."""

from __future__ import annotations

import csv
import importlib
import json

import pytest
from sqlalchemy import func, select

import exchange_world as world
from desktop.models import Case
from desktop.models.enums import AssignmentState, CaseState, MatterCategory, PlaceLevel, Role
from desktop.services.queue import QueueFilter
from desktop.services.security import Actor, Grant
from desktop.tasks import SyncTaskRunner
from desktop.views import dialogs
from desktop.views.exchange import export_dialog, import_dialog
from desktop.views.menus import FEATURE_ACTIONS


class _QueueModel:
    def __init__(self, f: QueueFilter):
        self.filter = f


@pytest.fixture
def window(sqlite_db, system, tasks, monkeypatch, feature_window):
    world.build(sqlite_db, system)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: pytest.fail(str(exc)))
    return feature_window(sqlite_db, system, tasks, world.QIAOBEI)


def _requests(tmp_path, records, name="requests.json"):
    path = tmp_path / name
    path.write_text("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n", encoding="utf-8")
    return path


def _request(n: int, **overrides) -> dict:
    record = {"service_request_id": f"EXT-{n:04d}", "service_code": "C09-001", "description": f"第 {n} 盏路灯不亮",
              "requested_datetime": "2026-03-02T09:30:00+08:00", "lat": 21.415, "long": 109.105}
    record.update(overrides)
    return record


def _cases(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Case))


def _open(qtbot, factory, window):
    dialog = factory(window)
    qtbot.addWidget(dialog)
    return dialog


def test_file_menu_offers_import_and_export():
    targets = {f.id: f.target for f in FEATURE_ACTIONS if f.menu == "文件"}
    assert set(targets) >= {"cases.import", "cases.export"}
    for target in (targets["cases.import"], targets["cases.export"]):
        module, _, function = target.partition(":")
        assert callable(getattr(importlib.import_module(module), function))


def test_format_follows_the_extension_and_the_township_of_the_chosen_place(qtbot, window):
    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    assert dialog.township.currentData() == world.QIAOGANG  # the tree's place is in 侨港镇
    assert dialog.township.itemData(0) is None and dialog.township.count() > 2
    assert not dialog.import_button.isEnabled()
    dialog.path.setText("/data/requests.JSON")
    assert "Open311" in dialog.format_label.text() and dialog.import_button.isEnabled()
    dialog.path.setText("/data/cases.csv")
    assert "CSV" in dialog.format_label.text()
    dialog.path.setText("/data/cases.pdf")
    assert "无法识别" in dialog.format_label.text() and not dialog.import_button.isEnabled()


def test_import_with_progress_then_the_queue_hears_of_it(qtbot, window, tmp_path, monkeypatch):
    duplicate = _request(3, status="closed", griddesk={"state": "merged", "merged_into": "EXT-0001",
                                                        "closed_datetime": "2026-03-02T10:00:00+08:00"})
    path = _requests(tmp_path, [_request(1), _request(2, lat=None, long=None), duplicate])
    monkeypatch.setattr(import_dialog, "ask_open_path", lambda parent: str(path))
    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    dialog.browse_button.click()
    seen = []
    dialog.progress_bar.valueChanged.connect(seen.append)
    with qtbot.waitSignal(window.bus.changed, timeout=5000) as changed:
        dialog.import_button.click()
    assert changed.args == ["cases"] and seen
    assert "已导入 3 件:待受理 2 件(其中待分拨 1 件)、已办结 0 件、作为重复诉求并入其他诉求 1 件" in dialog.status.text()
    assert _cases(window.db) == 3 and not dialog.progress_bar.isVisible() and dialog.problems.isHidden()


def test_the_reading_of_a_workbook_is_shown_with_its_rows_or_without_a_total(qtbot, window):
    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    assert dialog._describe(10000, 50001, "读取") == "正在读取 10000/50001"
    assert dialog._describe(10000, 0, "读取") == "正在读取 第 10000 行"


def test_the_cases_under_a_supervision_order_at_the_source_are_listed_to_decide_on(qtbot, window, tmp_path):
    path = _requests(tmp_path, [_request(1, griddesk={"supervision": "key"}), _request(2)])
    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    dialog.path.setText(str(path))
    with qtbot.waitSignal(window.bus.changed, timeout=5000):
        dialog.import_button.click()
    with window.db.session() as session:
        number = session.scalar(select(Case.number).where(Case.external_id == "EXT-0001"))
    assert "其中 1 件在来源系统受督办:督办未随之导入,需要时请在本库重新督办" in dialog.status.text()
    assert dialog.problems.isVisible() and [dialog.problems.item(i).text() for i in range(dialog.problems.count())] == [
        number]


def test_a_bad_file_lists_each_problem_and_imports_nothing(qtbot, window, tmp_path):
    path = _requests(tmp_path, [_request(1), _request(2, lat=95.0), _request(3, requested_datetime="昨天")])
    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    dialog.path.setText(str(path))
    dialog.import_button.click()
    lines = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert dialog.problems.isVisible() and "整个文件未导入" in dialog.status.text()
    assert lines == ["第 2 项(第 3 行) 字段 lat:95.0 超出范围(−90 到 90)",
                     '第 3 项(第 4 行) 字段 requested_datetime:"昨天" 不是带时区的 ISO 8601 时间(如 2026-03-01T09:30:00+08:00)']
    assert _cases(window.db) == 0


def test_the_rows_of_a_problem_told_short_are_listed_under_the_details(qtbot, window, tmp_path):
    """20 requests already here, every third one of the file: the line told once names 10 runs of them,
    and the list goes on with every one of them, where "见详细信息" sends the user."""
    from desktop.services.exchange import open311

    old = [_request(n) for n in range(1, 21)]
    open311.import_file(window.db, window.actor, _requests(tmp_path, old, "old.json"), township_code=world.QIAOGANG)
    path = _requests(tmp_path, [r for n, one in enumerate(old) for r in (one, _request(100 + n), _request(200 + n))])
    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    dialog.path.setText(str(path))
    dialog.import_button.click()
    lines = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert lines[0].startswith("第 1、4、7、10、13、16、19、22、25、28 项等 20 项 字段 service_request_id:已导入为本库案件")
    assert lines[0].endswith("……另 10 项见详细信息") and lines[1] == "详细信息:"
    assert lines[2].startswith(f"第 {'、'.join(str(1 + 3 * n) for n in range(20))} 项等 20 项 字段 service_request_id:")
    assert len(lines) == 3 and _cases(window.db) == 20


def test_a_file_not_found_after_a_bad_one_does_not_stand_above_the_bad_one_s_problems(qtbot, window, tmp_path):
    path = _requests(tmp_path, [_request(1, lat=95.0)])
    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    dialog.path.setText(str(path))
    dialog.import_button.click()
    assert dialog.problems.count() == 1
    dialog.path.setText(str(tmp_path / "missing.json"))
    dialog.import_button.click()
    assert dialog.status.text() == f"文件 {tmp_path / 'missing.json'} 不存在"
    assert dialog.problems.isHidden() and dialog.problems.count() == 0


class _LaterRunner:
    """Keeps each job until run(), as a pool whose threads are all taken keeps it waiting."""

    def __init__(self):
        self.jobs = []

    def submit(self, fn, *args, **kwargs):
        self.jobs.append(lambda: SyncTaskRunner().submit(fn, *args, **kwargs))

    def run(self):
        while self.jobs:
            self.jobs.pop(0)()


def _import_held(qtbot, window, tmp_path):
    """An import dialog, shown, whose import of three requests was started and waits for a thread (run())."""
    path = _requests(tmp_path, [_request(n) for n in range(3)])
    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    dialog.show()
    later = dialog.task.tasks = _LaterRunner()
    dialog.path.setText(str(path))
    dialog.import_button.click()
    return dialog, later


def test_an_import_waiting_for_a_thread_is_not_started_twice_and_its_cancel_holds(qtbot, window, tmp_path):
    dialog, later = _import_held(qtbot, window, tmp_path)
    # A second click would import the same file again beside the first (refused as a conflict).
    assert not dialog.import_button.isEnabled() and dialog.cancel_button.isEnabled()
    dialog.cancel_button.click()
    later.run()
    assert dialog.status.text() == "已取消:没有导入任何诉求" and _cases(window.db) == 0
    assert dialog.import_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_an_import_closed_while_it_runs_asks_and_stopped_imports_nothing(qtbot, window, tmp_path, monkeypatch):
    """关闭, Esc or × while it ran hid the dialog and the import went on unseen: kept, with nobody told."""
    dialog, later = _import_held(qtbot, window, tmp_path)
    answers = iter([False, True])
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text) or next(answers))
    dialog.close_button.click()  # kept going: the dialog stays on its progress
    assert dialog.isVisible() and dialog.task.busy and asked == ["尚未完成。停止并关闭窗口?停止后不导入任何内容、不写出文件。"]
    dialog.reject()  # Esc: stopped, and closed once it has stopped
    assert dialog.isVisible() and dialog.status.text() == "正在取消…" and len(asked) == 2
    later.run()
    assert not dialog.isVisible() and _cases(window.db) == 0 and dialog.status.text() == "已取消:没有导入任何诉求"
    dialog.show()
    dialog.reject()  # nothing running: closed without a question
    assert not dialog.isVisible() and len(asked) == 2


def test_an_import_finished_while_the_question_to_stop_it_was_up_stays_in_sight(qtbot, window, tmp_path, monkeypatch):
    """Yes came after the import was done: the window closed over its result, as if nothing had been imported."""
    dialog, later = _import_held(qtbot, window, tmp_path)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: later.run() or True)
    dialog.close_button.click()
    assert dialog.isVisible() and _cases(window.db) == 3 and dialog.status.text().startswith("已导入 3 件")


def test_a_folder_or_a_pipe_is_told_as_such_before_the_import_starts(qtbot, window, tmp_path):
    import os

    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    folder = tmp_path / "cases.csv"
    folder.mkdir()
    dialog.path.setText(str(folder))
    dialog.import_button.click()
    assert dialog.status.text() == f"{folder} 是文件夹,不是文件;请选择其中的文件"
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    dialog.path.setText(str(pipe))
    dialog.import_button.click()
    assert dialog.status.text() == f"{pipe} 不是普通文件(是管道、设备或套接字),无法导入"
    dialog.path.setText(str(tmp_path / "missing.csv"))
    dialog.import_button.click()
    assert dialog.status.text() == f"文件 {tmp_path / 'missing.csv'} 不存在"


def test_cancel_during_the_import_writes_nothing(qtbot, window, tmp_path):
    path = _requests(tmp_path, [_request(n) for n in range(5)])
    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    dialog.path.setText(str(path))
    # Press Cancel when the writing starts (the synchronous runner reports inside the job).
    dialog.progress_bar.valueChanged.connect(
        lambda _: "写入" in dialog.status.text() and dialog.cancel_button.click())
    dialog.import_button.click()
    assert "已取消" in dialog.status.text()
    assert _cases(window.db) == 0
    assert dialog.import_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_export_takes_the_queue_filter_on_screen(qtbot, window, tmp_path, monkeypatch):
    world.add_case(window.db, "450503103-2025-000001")
    world.add_case(window.db, "450503103-2025-000002", grid=world.QIAOBEI + "002")
    window.queue_model = _QueueModel(QueueFilter(under=world.QIAOBEI + "002"))
    target = tmp_path / "out.csv"
    monkeypatch.setattr(export_dialog, "ask_save_path", lambda parent, title, suggested, filter_: str(target))
    dialog = _open(qtbot, export_dialog.open_export_dialog, window)
    assert "450503103001002" in dialog.scope.text() and "未办结" in dialog.scope.text()
    assert "共 1 件" in dialog.scope.text()
    dialog.export_button.click()
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [r[0] for r in rows[1:]] == ["450503103-2025-000002"]
    assert "已导出 1 件" in dialog.status.text()


@pytest.mark.parametrize("chosen, named", [
    (dict(awaiting_center=True), "待本中心办理"),
    (dict(key_supervision_due=True), "待重点督办"),
    (dict(unrouted=True, states=frozenset({CaseState.RECEIVED})), "待分拨清单(未落网格)"),
    # Liaisons may not export (Permission.EXCHANGE) today; their 本单位… list is named all the same, not 全部状态.
    (dict(states=frozenset(), own_states=frozenset({AssignmentState.DISPATCHED})), "本单位待签收"),
])
def test_export_names_the_queue_s_list_and_category_not_merely_its_states(qtbot, window, chosen, named):
    """待本中心办理 under one category was described as 未办结 of every category, with its count."""
    window.queue_model = _QueueModel(QueueFilter(under=world.QIAOGANG, categories=frozenset({MatterCategory.LIVELIHOOD}),
                                                 **chosen))
    dialog = _open(qtbot, export_dialog.open_export_dialog, window)
    assert dialog.scope.text().startswith(f"当前队列的筛选:侨港镇({world.QIAOGANG}),{named},民生公共服务,共 ")


@pytest.mark.law("Art. 15")
def test_export_counts_and_reports_progress_over_the_cases_the_user_may_export(qtbot, window, tmp_path, monkeypatch):
    """Viewing the township (auditor) but exporting for one grid: the dialog names the areas where the
    user may export and counts, reports and writes that grid's one case, not the two they may view."""
    world.add_case(window.db, "450503103-2025-000001")
    world.add_case(window.db, "450503103-2025-000002", grid=world.QIAOBEI + "002")
    window.actor = Actor(username="mixed", display_name="混合授权", grants=(
        Grant(Role.OPERATOR, world.QIAOBEI + "001", PlaceLevel.GRID),
        Grant(Role.AUDITOR, world.QIAOGANG, PlaceLevel.TOWNSHIP)))
    window.queue_model = _QueueModel(QueueFilter(states=frozenset()))
    dialog = _open(qtbot, export_dialog.open_export_dialog, window)
    assert "可导出的全部地区" in dialog.scope.text() and "共 1 件" in dialog.scope.text()
    for fmt, name in (("csv", "out.csv"), ("open311", "requests.json")):
        monkeypatch.setattr(export_dialog, "ask_save_path", lambda parent, title, suggested, filter_: str(tmp_path / name))
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        reports = []
        dialog.progress_bar.valueChanged.connect(lambda _: reports.append(dialog.status.text()))
        dialog.export_button.click()
        dialog.progress_bar.valueChanged.disconnect()
        assert reports[-1] == "正在导出 1/1", fmt
        assert (dialog.progress_bar.value(), dialog.progress_bar.maximum()) == (1, 1)
        assert "已导出 1 件" in dialog.status.text()
        # An operator may not see whole phones (Art. 15): the CSV says so; Open311 carries no requester, and says so.
        assert ("联系电话已遮挡(本用户无权查看个人信息,Art. 15)" in dialog.status.text()) is (fmt == "csv")
        assert ("Open311 文件不含诉求人的姓名和电话" in dialog.status.text()) is (fmt == "open311")


def test_export_without_a_queue_takes_every_case_under_the_place_and_cancel_leaves_no_file(
        qtbot, window, tmp_path, monkeypatch):
    world.add_case(window.db, "450503103-2025-000001")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "requests.json"
    monkeypatch.setattr(export_dialog, "ask_save_path", lambda parent, title, suggested, filter_: str(target))
    dialog = _open(qtbot, export_dialog.open_export_dialog, window)
    assert dialog.filter == QueueFilter(under=world.QIAOBEI, states=frozenset())
    dialog.format.setCurrentIndex(dialog.format.findData("open311"))
    dialog.progress_bar.valueChanged.connect(lambda _: dialog.cancel_button.click())
    dialog.export_button.click()
    assert "已取消" in dialog.status.text() and list(target.parent.iterdir()) == []
    dialog.progress_bar.valueChanged.disconnect()
    dialog.export_button.click()
    assert [r["service_request_id"] for r in json.loads(target.read_text(encoding="utf-8"))] == [
        "450503103-2025-000001"]


@pytest.mark.law("Art. 15")
def test_export_is_not_offered_where_the_user_may_not_export(qtbot, window):
    window.actor = Actor(username="police", display_name="派出所联络员",
                         grants=(Grant(Role.LIAISON, world.QIAOGANG, PlaceLevel.TOWNSHIP),))
    window.queue_model = _QueueModel(QueueFilter(under=world.QIAOGANG))
    dialog = _open(qtbot, export_dialog.open_export_dialog, window)
    assert not dialog.export_button.isEnabled()
    assert f"({world.QIAOGANG}) 没有“数据导入导出”的权限" in dialog.export_button.toolTip()


def test_a_refusal_without_a_list_is_said_in_the_dialog_not_over_it(qtbot, window, tmp_path, monkeypatch):
    """Another import just ahead, a second visible sheet: an error box had stood over the dialog, its status blank."""
    from desktop.errors import Conflict

    path = _requests(tmp_path, [_request(1)])
    dialog = _open(qtbot, import_dialog.open_import_dialog, window)
    said = "这个文件中的诉求刚刚已由另一个导入(本机或其他值班台)写入本库,本文件未导入"

    def refuse(*args, **kwargs):
        raise Conflict(said)

    monkeypatch.setattr(import_dialog.formats, "import_file", refuse)
    dialog.path.setText(str(path))
    dialog.import_button.click()
    assert dialog.status.text() == said and dialog.problems.isHidden() and dialog.import_button.isEnabled()
