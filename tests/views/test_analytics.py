"""Analysis screens: evaluation with drill-down, hotspots charts and map layer, governance, conformance."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from sqlalchemy import select

from demo_dates import demo_month, demo_year
from desktop.models import AuditEntry, utcnow
from desktop.models.enums import GovernanceState
from desktop.services import conformance, governance, users
from desktop.services.evaluation import settlement
from desktop.services.evaluation.periods import period_of
from desktop.services.evaluation.scores import evaluate
from desktop.services.evaluation.sources import Level
from desktop.services.map_data import map_data
from desktop.services.security import Actor
from desktop.views import dialogs
from desktop.views.analytics import evaluation_panel
from desktop.views.analytics.conformance_panel import ConformancePanel
from desktop.views.analytics.evaluation_panel import DrillDownDialog, EvaluationPanel, open_evaluation
from desktop.views.analytics.governance_panel import AcceptDialog, GovernancePanel
from desktop.views.analytics.hotspots_panel import HotspotsPanel, apply_heat
from desktop.views.analytics.scores_model import FIXED, ScoresModel
from desktop.views.map.view import MapView

from .deferred import Deferred
from .keyboard import describe, unnamed

QIAOGANG = "450503103000"
QIAOBEI = "450503103001"


@pytest.fixture
def chief(demo_db):
    return users.login(demo_db, "qg_chief", "qiaogang-chief")


def test_scores_model(qtbot, qtmodeltester, demo_db, chief):
    model = ScoresModel()
    model.set_evaluation(evaluate(demo_db, chief, demo_year(demo_db), "grid"))
    qtmodeltester.check(model)
    assert model.rowCount() > 10 and model.data(model.index(0, 0)) == "1"
    assert model.indicator_code(FIXED) == "response" and model.indicator_code(1) is None


@pytest.mark.law("Art. 23")
def test_a_subject_of_too_small_a_sample_shows_no_rank_and_comes_after_the_ranked(qtbot, qtmodeltester, demo_db, chief,
                                                                                   tasks, monkeypatch):
    """A grid scored 100 on a single case was ranked first, above grids that handled many: a subject whose
    composite rests on fewer than the minimum of rows comes after the ranked ones, 样本不足 in place of its
    rank, its tooltip and the status line saying why."""
    year = demo_year(demo_db)
    samples = sorted(s.sample for s in evaluate(demo_db, chief, year, "grid", under=QIAOGANG).subjects
                     if s.composite is not None)
    minimum = samples[len(samples) // 2]  # about half the grids below it
    monkeypatch.setattr(evaluation_panel, "evaluate", partial(evaluate, min_sample=minimum))
    panel = EvaluationPanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.period.setText(year)
    panel.level.setCurrentIndex(list(Level).index(Level.GRID))
    panel.run_button.click()
    model = panel.model
    qtmodeltester.check(model)
    subjects = panel.evaluation.subjects
    small = [s.small_sample for s in subjects]
    assert any(small) and not all(small)
    ranks = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    scored = [s.small_sample and s.composite is not None for s in subjects]
    first, count = scored.index(True), scored.count(True)
    assert all(rank.isdigit() for rank in ranks[:first]) and ranks[0] == "1"
    assert ranks[first:first + count] == ["样本不足"] * count  # together, after every ranked grid
    # then those without a score: too small a sample too, 无数据 where nothing at all was counted
    assert ranks[first + count:] == ["无数据" if s.no_data else "样本不足" for s in subjects[first + count:]]
    subject = subjects[first]
    assert model.data(model.index(first, 2)) == f"{subject.composite:.2f}"  # the score is still shown
    tooltip = model.data(model.index(first, 0), Qt.ItemDataRole.ToolTipRole)
    assert f"只依据 {subject.sample} 件应计事项" in tooltip and f"少于 {minimum} 件" in tooltip
    assert f"{small.count(True)} 个对象样本不足(应计少于 {minimum} 件),列于排名之后,不参与排名。" in panel.status.text()


@pytest.mark.law("Art. 23")
def test_townships_with_nothing_counted_show_no_data_and_no_commendation_out_of_one(qtbot, demo_db, tasks):
    """银海区's townships but 侨港镇 have no cases: they showed "—" beside 侨港镇 ranked 1 of 1, uncounted in
    the status line; they are 无数据, counted, and a field of one is said to propose no commendation."""
    county = users.login(demo_db, "yh_admin", "yinhai-admin")
    panel = EvaluationPanel(demo_db, county, tasks, under="450503000000")
    qtbot.addWidget(panel)
    panel.period.setText(demo_month(demo_db).code)
    panel.run_button.click()
    model = panel.model
    rows = {model.data(model.index(row, 1)): row for row in range(model.rowCount())}
    assert model.data(model.index(rows["侨港镇"], 0)) == "1"
    for name in ("福成镇", "银滩镇", "平阳镇"):
        assert model.data(model.index(rows[name], 0)) == "无数据"
        assert "无可考核数据" in model.data(model.index(rows[name], 0), Qt.ItemDataRole.ToolTipRole)
    status = panel.status.text()
    assert "4 个对象,1 个参与排名" in status and "3 个对象样本不足" in status
    assert "其中 3 个本期无可考核数据(无数据)" in status
    assert "参与排名的对象仅 1 个,不多于建议表彰的 3 名:表彰建议名单不提出表彰建议。" in status


@pytest.mark.law("Art. 23")
def test_evaluation_screen_drills_down_to_the_counted_cases(qtbot, demo_db, chief, tasks, cjk_font, tmp_path):
    panel = EvaluationPanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.period.setText(demo_year(demo_db))
    panel.run_button.click()
    assert panel.model.rowCount() == 1 and panel.export_button.isEnabled()
    subject = panel.evaluation.subjects[0]
    figure = subject.figure("on_time")
    column = FIXED + [i.code for i in panel.evaluation.indicators].index("on_time")
    assert f"({figure.numerator}/{figure.denominator})" in panel.model.data(panel.model.index(0, column))
    dialog = DrillDownDialog(panel, subject.subject_id, subject.name, "on_time", "按期办结率")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == figure.denominator
    dialog.part.setCurrentIndex(1)
    assert dialog.table.rowCount() == figure.numerator
    dialog.show()
    assert [describe(w, dialog) for w in unnamed(dialog)] == []  # the part and the rows had no name to be read
    panel.show()
    panel.grab().save(str(tmp_path / "evaluation.png"))


def test_the_first_evaluation_of_a_year_says_which_month_it_counts(qtbot, demo_db, chief, tasks):
    """Months that are over are counted once and kept: the first evaluation of a year names each
    month as it counts it; the next one has nothing to count and says nothing of the kind."""
    panel = EvaluationPanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    counting, shown = panel._counting, []

    def spy(done, total, month):
        counting(done, total, month)
        shown.append((done, total, month, panel.status.text()))

    panel._counting = spy
    year = demo_year(demo_db)
    panel.period.setText(year)
    panel.run_button.click()
    first = panel.evaluation
    months = [month for _, _, month, _ in shown]
    assert months and months == sorted(months) and all(m.startswith(f"{year}-") for m in months)
    assert [(done, total) for done, total, _, _ in shown] == [(n, len(months)) for n in range(len(months))]
    assert f"正在统计 {months[0]}(第 1/{len(months)} 个月" in shown[0][3]
    shown.clear()
    panel.run_button.click()
    assert shown == [] and [s.figures for s in panel.evaluation.subjects] == [s.figures for s in first.subjects]


def _last_month() -> str:
    """A month that is over: its figures stay put while a test looks at them."""
    return period_of(period_of(utcnow()).start - timedelta(days=1)).code


@pytest.mark.law("Art. 23")
def test_scores_of_other_settings_or_of_a_failed_run_are_neither_shown_nor_printed(qtbot, demo_db, chief, tasks,
                                                                                    monkeypatch, tmp_path):
    """Last month computed, then a period not yet begun entered (refused) and 网格 chosen: 打印考核表…
    printed last month's township forms under the new settings. Any change of period or level, and a
    failed run, clear the table and leave nothing to print or export until the settings shown are computed."""
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: errors.append(str(exc)))
    panel = EvaluationPanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.period.setText(_last_month())
    panel.run_button.click()
    assert panel.model.rowCount() == 1 and panel.print_button.isEnabled() and panel.export_button.isEnabled()
    subject = panel.evaluation.subjects[0]
    drill = DrillDownDialog(panel, subject.subject_id, subject.name, "on_time", "按期办结率")
    qtbot.addWidget(drill)

    def nothing_to_print() -> bool:
        return (panel.evaluation is None and panel.model.rowCount() == 0 and not panel.print_button.isEnabled()
                and not panel.export_button.isEnabled())

    panel.period.setText(str(period_of(utcnow()).starts_on.year + 1))
    assert nothing_to_print() and "已更改" in panel.status.text()
    drill.part.setCurrentIndex(1)  # a drill-down open keeps to the scores it was opened on
    assert drill.table.rowCount() == subject.figure("on_time").numerator
    panel.run_button.click()
    assert errors and "尚未开始" in errors[-1] and nothing_to_print()
    panel.period.setText(_last_month())
    panel.run_button.click()
    assert panel.print_button.isEnabled()
    panel.level.setCurrentIndex(list(Level).index(Level.GRID))
    assert nothing_to_print() and "已更改" in panel.status.text()
    panel.run_button.click()
    assert panel.evaluation.level is Level.GRID and panel.model.rowCount() > 1 and panel.print_button.isEnabled()

    printed = tmp_path / "forms.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(printed), ""))
    panel.print_button.click()
    assert "考核表已保存到" in panel.status.text()
    printed.unlink()
    printed.mkdir()  # a folder where the file was: the print fails
    panel.print_button.click()
    assert panel.status.text() == f"考核表没有保存到 {printed}" and len(errors) == 2


@pytest.mark.law("Art. 23")
def test_a_slow_earlier_evaluation_does_not_replace_a_later_one(qtbot, demo_db, chief, monkeypatch):
    """Runs answer in any order off the GUI thread: a slow earlier run (of other settings) landed after a
    later one and replaced it, under the later settings; a refusal of an earlier run cleared a later result."""
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: errors.append(exc))
    tasks = Deferred()
    panel = EvaluationPanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.period.setText(_last_month())
    panel.run_button.click()  # 乡镇(街道)
    panel.period.setText(str(period_of(utcnow()).starts_on.year + 1))
    panel.run_button.click()  # not begun: refused
    panel.period.setText(_last_month())
    panel.level.setCurrentIndex(list(Level).index(Level.GRID))
    panel.run_button.click()
    tasks.run(2)
    assert panel.evaluation.level is Level.GRID and panel.print_button.isEnabled()
    shown = panel.status.text()
    tasks.run_all()  # the township's, then the refusal, land late
    assert panel.evaluation.level is Level.GRID and panel.model.evaluation is panel.evaluation
    assert panel.print_button.isEnabled() and panel.status.text() == shown and errors == []


@pytest.mark.law("Art. 23")
def test_the_township_level_of_a_village_chosen_assesses_the_whole_township(qtbot, demo_db, chief, tasks):
    """A village chosen in the tree, 乡镇(街道) showed 侨港镇 ranked on that village's figures only: it shows
    the whole township, as the township chosen does, and says why."""
    panels = {}
    for under in (QIAOGANG, QIAOBEI):
        panels[under] = panel = EvaluationPanel(demo_db, chief, tasks, under=under)
        qtbot.addWidget(panel)
        panel.period.setText(_last_month())
        panel.run_button.click()
    township, village = panels[QIAOGANG].evaluation, panels[QIAOBEI].evaluation
    assert village.scope_code == QIAOGANG and village.subjects == township.subjects
    assert "乡镇(街道)按整个乡镇考核:所选侨北社区属于侨港镇" in panels[QIAOBEI].status.text()
    assert "按整个乡镇" not in panels[QIAOGANG].status.text()


@pytest.mark.law("Art. 22")
def test_hotspots_charts_and_map_layer(qtbot, demo_db, chief, tasks, cjk_font):
    view = MapView()
    qtbot.addWidget(view)
    view.set_data(map_data(demo_db, Actor.system("pytest"), QIAOGANG))
    panel = HotspotsPanel(demo_db, chief, tasks, under=QIAOGANG, map_view=view)
    qtbot.addWidget(panel)
    panel.period.setText(demo_year(demo_db))
    panel.run_button.click()
    assert panel.data.counts.total > 0
    assert len(panel.trend.listDataItems()) >= 1 and panel.categories.getPlotItem().items
    panel.map_button.click()
    coloured = [item for item in view.grid_items.values() if item.toolTip().split(":")[-1].isdigit()]
    assert coloured and apply_heat(view, panel.data.heat) == len(coloured)
    # A month still running showed 久拖未决 0 with open cases older than a month: the chart says what it counts.
    assert "本期受理的诉求中" in panel.hard.getPlotItem().titleLabel.text
    assert "只计本期受理的诉求:久拖未决是其中受理超过 30 天仍未办结的" in panel.hard.toolTip()


@pytest.mark.law("Art. 22")
def test_governance_screen_follows_the_lifecycle(qtbot, demo_db, chief, tasks):
    panel = GovernancePanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.reload()
    listed = len(panel.items)
    assert panel.table.rowCount() == listed
    proposed = [i for i, item in enumerate(panel.items) if item.state is GovernanceState.PROPOSED]
    if proposed:
        panel.table.selectRow(proposed[0])
        assert panel.buttons["accept"].isEnabled() and not panel.buttons["close"].isEnabled()
    panel.detect()  # a second detection proposes nothing already under governance
    assert len(governance.list_items(demo_db, chief, under=QIAOGANG)) >= listed
    assert [panel.table.horizontalHeaderItem(c).text() for c in (5, 6)] == ["收到时段", "中心(经度, 纬度)"]
    detected = [r for r, item in enumerate(panel.items) if item.state is GovernanceState.PROPOSED]
    shown = {tuple(panel.table.item(r, c).text() for c in (3, 5, 6, 9)) for r in detected}
    assert len(detected) > 1 and len(shown) == len(detected)  # category, days, centre, title tell rows apart
    first = panel.items[detected[0]]
    assert panel.table.item(detected[0], 5).text() == "{0} 至 {1}".format(*first.window_dates())
    assert panel.table.item(detected[0], 9).toolTip() == first.description


def test_conformance_screen(qtbot, tasks):
    panel = ConformancePanel(tasks)
    qtbot.addWidget(panel)
    panel.load()
    assert panel.table.rowCount() == 22
    assert panel.table.item(21, 0).text().startswith("第23条")
    assert "test_township_scores_match_hand_count" in panel.table.item(21, 3).text()



def test_conformance_screen_of_an_installed_copy_says_the_tests_are_not_there(qtbot, tasks, monkeypatch):
    monkeypatch.setattr(conformance, "default_tests_dir", lambda: None)
    panel = ConformancePanel(tasks)
    qtbot.addWidget(panel)
    panel.load()
    assert panel.status.text() == "共 22 条;本安装不含测试,测试数不可用"
    assert {panel.table.item(r, 3).text() for r in range(panel.table.rowCount())} == {"—"}


@pytest.mark.law("Art. 23")
def test_a_city_evaluator_settles_and_reopens_a_month(qtbot, demo_db, chief, tasks, cjk_font, monkeypatch, tmp_path):
    chief_panel = EvaluationPanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(chief_panel)
    assert chief_panel.settle_button.isHidden()  # a township's chief does not settle (Art. 5(2))

    city = users.login(demo_db, "bh_admin", "beihai-admin")
    panel = EvaluationPanel(demo_db, city, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    monkeypatch.setattr(dialogs, "information", lambda *args: None)
    monkeypatch.setattr(dialogs, "ask_text", lambda *args: "回访数据补录")
    month = demo_month(demo_db).code
    panel.period.setText(month)
    panel.run_button.click()
    before = {(s.subject_id, f.code): (f.numerator, f.denominator)
              for s in panel.evaluation.subjects for f in s.figures}
    assert panel.settle_button.isEnabled() and not panel.reopen_button.isEnabled()
    panel.settle_button.click()
    assert panel.evaluation.settled == (month,) and f"{month} 为结算数据" in panel.status.text()
    assert {(s.subject_id, f.code): (f.numerator, f.denominator)
            for s in panel.evaluation.subjects for f in s.figures} == before
    assert panel.reopen_button.isEnabled() and not panel.settle_button.isEnabled()
    village = EvaluationPanel(demo_db, city, tasks, under="450503103001")  # counted live below a township
    qtbot.addWidget(village)
    village.level.setCurrentIndex(list(Level).index(Level.GRID))  # a township's level looks at the whole township
    village.period.setText(month)
    village.run_button.click()
    assert village.evaluation.settled == () and village.reopen_button.isEnabled()
    assert not village.settle_button.isEnabled()

    target = tmp_path / "forms.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    panel.print_button.click()
    assert target.stat().st_size > 1000 and "共" in panel.status.text()

    panel.reopen_button.click()
    assert panel.evaluation.settled == () and panel.settle_button.isEnabled()
    assert [(s.code, s.settled) for s in settlement.list_settlements(demo_db)] == [(month, False)]


@pytest.fixture
def liaison(demo_db):
    return users.login(demo_db, "qg_police", "qiaogang-police")


def _fits(table, *columns) -> bool:
    """Each column is as wide as its widest cell, so nothing is cut off with an ellipsis."""
    return all(table.columnWidth(c) >= table.sizeHintForColumn(c) for c in columns)


@pytest.mark.law("Art. 22")
def test_governance_owner_is_chosen_by_name_among_the_items_departments(qtbot, demo_db, chief, tasks, monkeypatch):
    panel = GovernancePanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.show()
    panel.detect()
    assert _fits(panel.table, 3, 5, 6)
    row = next(r for r, item in enumerate(panel.items) if item.state is GovernanceState.PROPOSED)
    item = panel.items[row]
    panel.table.selectRow(row)
    offered = governance.owner_departments(demo_db, chief, item.id)
    seen = {}

    def choose(dialog):
        box = dialog.department
        seen["names"] = [box.itemText(i) for i in range(box.count())]
        seen["preselected"], seen["ok_before"] = box.currentIndex(), dialog.ok_button.isEnabled()
        box.setCurrentIndex(box.count() - 1)
        seen["ok_after"] = dialog.ok_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AcceptDialog, "exec", choose)
    panel.buttons["accept"].click()
    assert seen == {"names": [name for _, name in offered], "preselected": -1, "ok_before": False, "ok_after": True}
    accepted = next(i for i in panel.items if i.id == item.id)
    assert accepted.state is GovernanceState.ACCEPTED and accepted.owner_department_id == offered[-1][0]
    row = panel.items.index(accepted)
    assert panel.table.horizontalHeaderItem(8).text() == "责任部门"
    assert panel.table.item(row, 8).text() == offered[-1][1]  # who owns it is on the list, not only in the dialog


def test_governance_buttons_are_off_without_supervision(qtbot, demo_db, liaison, tasks):
    panel = GovernancePanel(demo_db, liaison, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.reload()
    panel.table.selectRow(0)
    assert not any(button.isEnabled() for button in panel.buttons.values())
    assert "督办" in panel.buttons["detect"].toolTip()


@pytest.mark.law("Art. 5")
def test_a_month_not_yet_over_cannot_be_settled(qtbot, demo_db, tasks):
    city = users.login(demo_db, "bh_admin", "beihai-admin")
    panel = EvaluationPanel(demo_db, city, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.period.setText(period_of(utcnow()).code)
    panel.run_button.click()
    assert not panel.settle_button.isEnabled() and "尚未结束" in panel.settle_button.toolTip()
    panel.period.setText(_last_month())
    panel.run_button.click()
    assert panel.settle_button.isEnabled() and "尚未结束" not in panel.settle_button.toolTip()


def test_a_period_not_over_is_said_to_be_interim(qtbot, demo_db, chief, tasks):
    """The year looked at before its end showed scores and ranks as if final."""
    panel = EvaluationPanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    this_year = period_of(utcnow()).starts_on.year
    panel.period.setText(str(this_year))
    panel.run_button.click()
    assert f"考核期至 {this_year}-12-31 尚未结束" in panel.status.text()
    panel.period.setText(str(this_year - 1))
    panel.run_button.click()
    assert "尚未" not in panel.status.text()


def test_evaluation_without_the_permission_explains_instead_of_failing(qtbot, demo_db, liaison, tasks,
                                                                      feature_window, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: errors.append(exc))
    window = feature_window(demo_db, liaison, tasks, QIAOGANG)
    open_evaluation(window)
    panel = window.findChild(EvaluationPanel)
    assert errors == [] and not panel.run_button.isEnabled()
    assert "没有综合评价的权限" in panel.status.text() and panel.status.isVisible()
    panel.period.returnPressed.emit()  # Enter in the period, 计算 being off: nothing run, the reason kept
    assert errors == [] and "没有综合评价的权限" in panel.status.text()


@pytest.mark.parametrize("chosen, suffix", [(0, ".xlsx"), (1, ".csv"), (2, ".json")])
def test_an_export_or_form_named_without_its_suffix_takes_the_chosen_file_type(qtbot, demo_db, chief, tasks, tmp_path,
                                                                              monkeypatch, chosen, suffix):
    """A file dialog that does not add the suffix (Linux) hands back the bare name typed: the file type
    chosen in it decides the format, and the file gets its suffix."""
    panel = EvaluationPanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.period.setText("2026-10")
    panel.run_button.click()
    out = tmp_path / "out"
    out.mkdir()
    filters = panel.tr("Excel 工作簿 (*.xlsx);;CSV (*.csv);;JSON (*.json)").split(";;")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out / "十月考核"), filters[chosen]))
    panel.export_button.click()
    written = out / f"十月考核{suffix}"
    assert [p.name for p in out.iterdir()] == [written.name] and str(written) in panel.status.text()
    if suffix == ".csv":
        assert written.read_text(encoding="utf-8-sig").startswith("排名,")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out / "十月考核表"), "PDF (*.pdf)"))
    panel.print_button.click()
    assert (out / "十月考核表.pdf").read_bytes().startswith(b"%PDF")


def test_drill_down_and_conformance_columns_fit_and_exports_say_where(qtbot, demo_db, chief, tasks, tmp_path,
                                                                     monkeypatch):
    panel = EvaluationPanel(demo_db, chief, tasks, under=QIAOGANG)
    qtbot.addWidget(panel)
    panel.period.setText(demo_year(demo_db))
    panel.run_button.click()
    subject = panel.evaluation.subjects[0]
    dialog = DrillDownDialog(panel, subject.subject_id, subject.name, "on_time", "按期办结率")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() and _fits(dialog.table, 0, 2, 3)

    target = tmp_path / "考核.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    panel.export_button.click()
    assert target.exists() and str(target) in panel.status.text()
    with demo_db.session() as session:  # as the command line's: on record, with what and how many (Art. 15)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "evaluation.export")).one()
    assert (entry.detail["file"], entry.detail["rows"], entry.place_code) == (
        "考核.xlsx", len(panel.evaluation.subjects), QIAOGANG)

    conformance = ConformancePanel(tasks)
    qtbot.addWidget(conformance)
    conformance.show()
    conformance.load()
    assert _fits(conformance.table, 2)
    pdf = tmp_path / "条例对照表.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(pdf), ""))
    conformance.pdf_button.click()
    assert pdf.stat().st_size > 1000 and str(pdf) in conformance.status.text()
