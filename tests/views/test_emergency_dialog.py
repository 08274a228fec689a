"""The emergency report form, the correction of its facts, the ladder panel and the ladder's settings,
driven with qtbot (synchronous task runner)."""

import time
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtGui import QFontDatabase

from desktop import paths
from desktop.models import utcnow
from desktop.errors import Conflict, ValidationFailed
from desktop.models.enums import EmergencyLevel, EmergencyStepKind, EmergencyType, HandlingLevel, PlaceLevel, Role
from desktop.services import emergencies, users
from desktop.services.clock import BEIJING, beijing_text, due_text
from desktop.services.security import Actor, Grant
from desktop.tasks import SyncTaskRunner
from desktop.views import beijing_time, dialogs
from desktop.views.emergencies.amend_dialog import AmendFactsDialog
from desktop.views.emergencies import ladder_panel
from desktop.views.emergencies.ladder_panel import OVERDUE, LadderPanel
from desktop.views.emergencies.ladder_settings import LadderSettingsDialog, open_ladder_settings
from desktop.views.emergencies.report_dialog import EmergencyReportDialog, EmergencyReportForm

QIAOGANG = "450503103000"


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: shown.append(exc))
    return shown


def _fill(form: EmergencyReportForm) -> None:
    form.type.setCurrentIndex(form.type.findData(EmergencyType.MAJOR_DISPUTE))
    form.level.setCurrentIndex(form.level.findData(EmergencyLevel.LEVEL_IV))
    form.title_edit.setText("渔排租金纠纷")
    form.occurred.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    form.place.setText("亚平村海边渔排")
    form.people.setValue(20)
    form.injuries.setValue(1)
    form.summary.setPlainText("二十余名养殖户与承包方发生争执")


@pytest.mark.law("Art. 21")
def test_the_form_sends_a_report_and_names_missing_fields(qtbot, sqlite_db, system, errors):
    dialog = EmergencyReportDialog(sqlite_db, system, SyncTaskRunner(), township_code=QIAOGANG)
    qtbot.addWidget(dialog)
    assert dialog.form.type.currentIndex() == dialog.form.level.currentIndex() == -1  # chosen, never preset
    dialog.submit()
    assert errors and "title" in "\n".join(errors[0].problems)
    assert errors[0].problems[:2] == ["类型(type):请选择紧急情况的类型", "级别(level):请选择紧急情况的级别"]
    _fill(dialog.form)
    dialog.form.place.clear()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.buttons.setFocus()
    dialog.submit()
    # Refused for the place alone: the focus goes there, not back to 类型 (the times cost five Tabs each).
    assert "place_text" in str(errors[-1]) and dialog.focusWidget() is dialog.form.place
    dialog.form.place.setText("亚平村海边渔排")
    with qtbot.waitSignal(dialog.reported, timeout=1000) as sent:
        dialog.submit()
    info = sent.args[0]
    assert info.type is EmergencyType.MAJOR_DISPUTE and info.level is EmergencyLevel.LEVEL_IV
    assert (info.people_involved, info.injuries, info.lon) == (20, 1, None)
    assert [r.id for r in emergencies.unacknowledged(sqlite_db, system)] == [info.id]


@pytest.mark.law("Art. 21")
def test_the_operator_is_told_the_reports_number_and_its_first_rung_once_it_is_filed(qtbot, sqlite_db, system,
                                                                                     errors):
    """The form closed on 报送 with no word: the report's number and when its phone report falls due were
    nowhere in sight (the banner names the oldest report waiting, not the one just filed)."""
    from desktop.views.emergencies.report_dialog import open_report_dialog
    from desktop.views.main_window import MainWindow

    window = MainWindow(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(window)
    window.select_place(QIAOGANG)
    open_report_dialog(window)
    dialog = window.findChild(EmergencyReportDialog)
    qtbot.addWidget(dialog)
    _fill(dialog.form)
    if dialog.township is not None:
        dialog.township.setCurrentIndex(dialog.township.findData(QIAOGANG))
    with qtbot.waitSignal(dialog.reported, timeout=1000) as sent:
        dialog.submit()
    info = sent.args[0]
    phone = [step for step in info.steps if step.kind is EmergencyStepKind.PHONE_FIRST]
    assert {step.to_level for step in phone} == {HandlingLevel.COUNTY, HandlingLevel.CITY}
    assert min(step.due_at for step in info.steps) == phone[0].due_at == phone[1].due_at
    # Owed to both levels at once: both named, upward.
    assert window.statusBar().currentMessage() == (
        f"已报送紧急情况 {info.number};电话首报:向县(区)、市报告,限 {due_text(phone[0].due_at)} 前")


@pytest.mark.law("Art. 21")
def test_a_situation_that_may_happen_is_sent_as_a_warning_with_its_expected_time(qtbot, sqlite_db, system, errors):
    dialog = EmergencyReportDialog(sqlite_db, system, SyncTaskRunner(), township_code=QIAOGANG)
    qtbot.addWidget(dialog)
    _fill(dialog.form)
    form = dialog.form
    assert form.time_label.text() == "发生时间" and form.time_unknown.isHidden()
    form.anticipated.setChecked(True)
    assert form.time_label.text() == "预计发生时间"
    # No time is made up from when the form was opened: 时间未定 until one is given.
    assert form.time_unknown.isChecked() and not form.occurred.isEnabled()
    assert form.values()["expected_at"] is None and form.values()["occurred_at"] is None
    form.time_unknown.setChecked(False)
    form.occurred.setDateTime(QDateTime.currentDateTime().addDays(1))  # tomorrow: not yet happened
    with qtbot.waitSignal(dialog.reported, timeout=1000) as sent:
        dialog.submit()
    info = sent.args[0]
    assert not errors and info.anticipated and info.expected_at > utcnow() and info.occurred_at == info.learned_at
    amend = AmendFactsDialog(sqlite_db, system, SyncTaskRunner(), info)
    qtbot.addWidget(amend)
    assert amend.form.anticipated.isChecked() and not amend.form.anticipated.isEnabled()
    assert amend.changes() == {}  # filled in as reported: nothing to send until something is changed
    amend.show()
    qtbot.keyClick(amend, Qt.Key.Key_Escape)  # nothing changed: Esc closes it
    assert not amend.isVisible()
    amend = AmendFactsDialog(sqlite_db, system, SyncTaskRunner(), info)
    qtbot.addWidget(amend)
    amend.show()
    amend.form.people.setValue(30)  # a count from a follow-up call, nothing typed
    qtbot.keyClick(amend, Qt.Key.Key_Escape)
    assert amend.isVisible() and amend.discard_note.isVisible() and amend.changes() == {"people_involved": 30}


@pytest.mark.law("Art. 21")
def test_casualties_still_being_verified_are_sent_ticked_and_untick_in_a_correction(qtbot, sqlite_db, system, errors):
    dialog = EmergencyReportDialog(sqlite_db, system, SyncTaskRunner(), township_code=QIAOGANG)
    qtbot.addWidget(dialog)
    _fill(dialog.form)
    assert not dialog.form.casualties_unverified.isChecked()
    dialog.form.casualties_unverified.setChecked(True)
    with qtbot.waitSignal(dialog.reported, timeout=1000) as sent:
        dialog.submit()
    info = sent.args[0]
    assert not errors and info.casualties_unverified and info.injuries == 1
    amend = AmendFactsDialog(sqlite_db, system, SyncTaskRunner(), info)
    qtbot.addWidget(amend)
    assert amend.form.casualties_unverified.isChecked() and amend.changes() == {}
    amend.form.casualties_unverified.setChecked(False)
    amend.form.injuries.setValue(2)
    amend.reason.setText("医院核实")
    assert amend.changes() == {"injuries": 2, "casualties_unverified": False}
    with qtbot.waitSignal(amend.amended, timeout=1000) as done:
        amend.submit()
    assert not errors and not done.args[0].casualties_unverified and done.args[0].injuries == 2


@pytest.mark.law("Art. 21")
def test_the_ladder_panel_names_the_follow_up_rounds_missed(qtbot, sqlite_db, system):
    learned = utcnow() - timedelta(hours=100)
    info = emergencies.report(sqlite_db, system, type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_IV,
                              title="堤坝渗水", occurred_at=learned, learned_at=learned, place_text="侨港海堤",
                              township_code=QIAOGANG, summary="海堤一处渗水")
    info = _first_reports_made(sqlite_db, system, info)
    follow_up = next(s for s in info.steps if s.kind is EmergencyStepKind.FOLLOW_UP)
    emergencies.record_step(sqlite_db, system, follow_up.id, "续报:已加固", done_at=learned + timedelta(hours=97))
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    contents = [panel.table.item(row, 4).text() for row in range(panel.table.rowCount())]
    assert contents.count("漏报,随此时的续报补报") == 3 and contents.count("续报:已加固") == 1
    # The other level, sent nothing since its first round fell due at 24 h: the rounds at 48, 72, 96 h are missed too.
    made = [panel.table.item(row, 3).text() for row in range(panel.table.rowCount())]
    assert made.count("—(又漏报 3 轮)") == 1


@pytest.mark.law("Art. 21")
def test_a_rung_another_desk_recorded_first_is_refused_and_the_panel_shows_it_made(qtbot, sqlite_db, system, errors):
    learned = utcnow() - timedelta(hours=2)
    info = emergencies.report(sqlite_db, system, type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_III,
                              title="渔船碰撞起火", occurred_at=learned, learned_at=learned, place_text="侨港渔港",
                              township_code=QIAOGANG, summary="两船碰撞起火")
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    phone_row = next(r for r in range(panel.table.rowCount())
                     if panel.table.item(r, 0).text() == EmergencyStepKind.PHONE_FIRST.label)
    panel.table.selectRow(phone_row)
    step = next(s for s in info.steps if s.kind is EmergencyStepKind.PHONE_FIRST
                and s.to_level.label in panel.table.item(phone_row, 1).text())
    emergencies.record_step(sqlite_db, system, step.id, "另一台电脑已电话报告")  # no live feed in this test
    panel.content.setText("电话报告")
    panel.record_selected()
    assert len(errors) == 1 and "无需重复登记" in str(errors[0])
    # Shown as it is now, without waiting for the live update: made, with the other desk's words.
    assert "另一台电脑已电话报告" in [panel.table.item(r, 4).text() for r in range(panel.table.rowCount())]


@pytest.mark.law("Art. 21")
def test_the_ladder_panel_shows_overdue_steps_and_records_one(qtbot, sqlite_db, system, errors, tmp_path):
    QFontDatabase.addApplicationFont(str(paths.font_path()))
    learned = utcnow() - timedelta(hours=2)
    info = emergencies.report(sqlite_db, system, type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_III,
                              title="渔船碰撞起火", occurred_at=learned, learned_at=learned, place_text="侨港渔港",
                              township_code=QIAOGANG, summary="两船碰撞起火")
    emergencies.configure_duty_phones(sqlite_db, system, {"450503000000": "0779-3030110"})
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    panel.resize(820, 420)
    assert panel.table.rowCount() == 6
    # Whom to call beside each report owed, where the duty room's phone is entered.
    assert {panel.table.item(r, 1).text() for r in range(6)} == {"县(区)(银海区 0779-3030110)", "市"}
    assert not panel.ack_button.isEnabled()  # the built-in administrator does not acknowledge for a supervisor
    phone_row = next(r for r in range(6) if panel.table.item(r, 0).text() == EmergencyStepKind.PHONE_FIRST.label)
    assert panel.table.item(phone_row, 0).foreground().color() == OVERDUE
    assert "(已逾期 " in panel.table.item(phone_row, 2).text()  # a rung still owed counts, in words too
    assert all(("(剩余 " in panel.table.item(r, 2).text()) or ("(已逾期 " in panel.table.item(r, 2).text())
               for r in range(6))
    panel.table.selectRow(phone_row)
    panel.content.setText("电话报区应急局值班室")
    qtbot.keyClick(panel.content, Qt.Key.Key_Return)  # Enter where it is typed records it
    assert not errors
    row = next(r for r in range(6) if panel.table.item(r, 4).text() == "电话报区应急局值班室")
    assert panel.table.item(row, 3).text() != "—" and "(" not in panel.table.item(row, 2).text()  # made: a date
    assert not panel.grab().isNull()
    chief = Actor(username="chief", display_name="值班长", grants=(Grant(Role.SUPERVISOR, QIAOGANG, PlaceLevel.TOWNSHIP),))
    chief_panel = LadderPanel(sqlite_db, chief, SyncTaskRunner())
    qtbot.addWidget(chief_panel)
    assert chief_panel.ack_button.isEnabled()
    chief_panel.acknowledge_current()
    assert not chief_panel.ack_button.isEnabled()
    assert emergencies.get_report(sqlite_db, system, info.id).acknowledged_by == "值班长"


def test_tabbed_into_the_ladder_the_rung_under_the_cursor_is_the_one_recorded(qtbot, sqlite_db, system, errors):
    """A current row alone was no selection: 登记报送 stayed disabled, and Enter in what was reported did
    nothing and said nothing, until an arrow key was pressed."""
    learned = utcnow() - timedelta(hours=2)
    emergencies.report(sqlite_db, system, type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_III,
                       title="渔船碰撞起火", occurred_at=learned, learned_at=learned, place_text="侨港渔港",
                       township_code=QIAOGANG, summary="两船碰撞起火")
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    assert not panel.table.selectionModel().hasSelection() and not panel.record_button.isEnabled()
    panel.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.table.hasFocus)
    assert panel.table.selectionModel().selectedRows()[0].row() == max(panel.table.currentRow(), 0)
    assert panel.record_button.isEnabled()


def _row_of(panel, text, column: int = 0) -> int:
    """The first row of the ladder panel's table whose cell in `column` reads `text` (a step kind: its label)."""
    wanted = text.label if isinstance(text, EmergencyStepKind) else text
    return next(r for r in range(panel.table.rowCount()) if panel.table.item(r, column).text() == wanted)


def _first_reports_made(db, actor, info):
    """Every first report recorded 20 minutes after learning of it: a level's follow-ups go on from them (Art. 21)."""
    for step in info.steps:
        if step.kind in emergencies.FIRST_REPORTS:
            info = emergencies.record_step(db, actor, step.id, "已报", done_at=info.learned_at + timedelta(minutes=20))
    return info


def _report(db, actor, **overrides):
    learned = utcnow() - timedelta(hours=2)
    values = dict(type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_IV, title="渔船碰撞起火",
                  occurred_at=learned - timedelta(minutes=10), learned_at=learned, place_text="侨港渔港",
                  township_code=QIAOGANG, summary="两船碰撞起火", people_involved=12, injuries=1,
                  measures="消防船已到场")
    return emergencies.report(db, actor, **values | overrides)


@pytest.mark.law("Art. 21")
def test_times_on_the_form_are_beijing_time_whatever_the_machine_zone(qtbot, far_from_beijing):
    """A desk whose clock runs in another zone (a server image in UTC) still offers and reads
    Beijing wall-clock time, as every list and sheet of GridDesk shows it."""
    form = EmergencyReportForm()
    qtbot.addWidget(form)
    shown = form.occurred.dateTime()
    offered = datetime(shown.date().year(), shown.date().month(), shown.date().day(), shown.time().hour(),
                       shown.time().minute(), tzinfo=BEIJING)
    assert abs(offered - datetime.now(timezone.utc)) < timedelta(minutes=2)
    form.occurred.setDateTime(QDateTime(QDate(2026, 10, 1), QTime(8, 30), QTimeZone.utc()))
    assert form.values()["occurred_at"] == datetime(2026, 10, 1, 0, 30, tzinfo=timezone.utc)


def test_a_beijing_time_in_the_machine_zones_summer_time_gap_is_kept(qtbot, monkeypatch):
    """02:30 on 8 March 2026 does not exist in New York (clocks jump to 03:30); in Beijing it does."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        form = EmergencyReportForm()
        qtbot.addWidget(form)
        moment = datetime(2026, 3, 8, 2, 30, tzinfo=BEIJING)
        form.occurred.setDateTime(beijing_time.as_qdatetime(moment))
        assert form.occurred.text().endswith("02:30") and form.values()["occurred_at"] == moment
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_correction_form_is_filled_in_and_sends_only_what_changed_with_its_reason(qtbot, sqlite_db, system,
                                                                                       errors):
    info = _report(sqlite_db, system, level=EmergencyLevel.LEVEL_II, type=EmergencyType.MASS_INCIDENT, lon=109.105123,
                   lat=21.415456)
    dialog = AmendFactsDialog(sqlite_db, system, SyncTaskRunner(), info)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert (form.title_edit.text(), form.injuries.value(), form.people.value()) == ("渔船碰撞起火", 1, 12)
    assert EmergencyLevel(form.level.currentData()) is EmergencyLevel.LEVEL_II
    assert EmergencyType(form.type.currentData()) is EmergencyType.MASS_INCIDENT
    assert form.summary.toPlainText() == "两船碰撞起火"
    assert (form.lon.value(), form.lat.value()) == (109.105123, 21.415456)
    assert not form.learned.isEnabled() and dialog.changes() == {}
    form.injuries.setValue(3)
    form.level.setCurrentIndex(form.level.findData(EmergencyLevel.LEVEL_III))
    form.measures.setPlainText("消防船已到场,伤员送市人民医院")
    assert set(dialog.changes()) == {"injuries", "level", "measures"}
    dialog.submit()
    assert isinstance(errors[0], ValidationFailed) and "reason" in "\n".join(errors[0].problems)
    dialog.reason.setText("续报:伤员增至 3 人")
    with qtbot.waitSignal(dialog.amended, timeout=1000) as sent:
        dialog.submit()
    amended = sent.args[0]
    assert (amended.injuries, amended.level, amended.measures) == (3, EmergencyLevel.LEVEL_III,
                                                                   "消防船已到场,伤员送市人民医院")
    assert (amended.lon, amended.lat, amended.occurred_at) == (info.lon, info.lat, info.occurred_at)


CHIEF = Actor(username="chief", display_name="值班长", grants=(Grant(Role.SUPERVISOR, QIAOGANG, PlaceLevel.TOWNSHIP),))
OTHER_OPERATOR = Actor(username="qg_op2", display_name="侨港值班员乙",
                       grants=(Grant(Role.OPERATOR, QIAOGANG, PlaceLevel.TOWNSHIP),))


@pytest.mark.law("Art. 21")
def test_a_correction_typed_while_the_supervisor_acknowledged_is_saved(qtbot, sqlite_db, system, errors):
    """The acknowledgement changes no fact: the correction was refused "已被 值班长 … 修改" and, the dialog keeping
    the version it was opened on, every later save too."""
    info = _report(sqlite_db, system)
    dialog = AmendFactsDialog(sqlite_db, system, SyncTaskRunner(), info)
    qtbot.addWidget(dialog)
    dialog.show()
    emergencies.acknowledge(sqlite_db, CHIEF, info.id)  # another desk, meanwhile
    dialog.form.deaths.setValue(1)
    dialog.reason.setText("续报")
    with qtbot.waitSignal(dialog.amended, timeout=1000) as sent:
        dialog.submit()
    assert not errors and (sent.args[0].deaths, sent.args[0].acknowledged_by) == (1, "值班长")


@pytest.mark.law("Art. 21")
def test_a_correction_refused_for_facts_corrected_meanwhile_takes_them_keeps_what_was_typed_and_saves_again(
        qtbot, sqlite_db, system, errors):
    info = _report(sqlite_db, system)
    dialog = AmendFactsDialog(sqlite_db, system, SyncTaskRunner(), info)
    qtbot.addWidget(dialog)
    dialog.show()
    emergencies.amend_facts(sqlite_db, OTHER_OPERATOR, info.id, expected_version=info.version, reason="医院核实",
                            injuries=2, missing=1)  # another desk, meanwhile
    dialog.form.injuries.setValue(3)
    dialog.form.deaths.setValue(1)
    dialog.reason.setText("续报:一人死亡")
    dialog.submit()
    [refused] = errors
    assert isinstance(refused, Conflict) and refused.message.startswith(f"紧急情况报告 {info.number} 已被 qg_op2 于 ")
    assert refused.message.endswith("修改,请重新载入") and dialog.isVisible() and dialog.buttons.isEnabled()
    form = dialog.form
    assert (form.injuries.value(), form.deaths.value(), form.missing.value()) == (3, 1, 1)  # typed kept, missing loaded
    assert dialog.reason.text() == "续报:一人死亡"
    assert dialog.note.isVisible() and dialog.note.text() == (
        "已载入他人所作的修改:失踪;受伤 他人也已修改,表中仍是您填写的,保存即以此为准")
    assert dialog.changes() == {"injuries": 3, "deaths": 1}
    with qtbot.waitSignal(dialog.amended, timeout=1000) as sent:
        dialog.submit()
    amended = sent.args[0]
    assert len(errors) == 1 and (amended.injuries, amended.deaths, amended.missing) == (3, 1, 1)


@pytest.mark.law("Art. 21")
def test_a_handling_refused_for_a_report_changed_meanwhile_is_saved_on_a_second_press(qtbot, sqlite_db, system,
                                                                                        errors):
    """处置完毕 kept the version it was opened on: after the supervisor's acknowledgement every press was refused."""
    from desktop.models.enums import EmergencyState

    info = _report(sqlite_db, system)
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    dialog = panel.mark_handled()
    qtbot.addWidget(dialog)
    emergencies.acknowledge(sqlite_db, CHIEF, info.id)  # another desk, meanwhile
    handled_at = info.learned_at + timedelta(hours=1)
    dialog.when.setDateTime(beijing_time.as_qdatetime(handled_at))
    dialog.submit()
    assert len(errors) == 1 and errors[0].message.startswith(f"紧急情况报告 {info.number} 已被 chief 于 ")
    assert dialog.buttons.isEnabled() and dialog.info.version > info.version
    assert beijing_time.moment(dialog.when.dateTime()) == handled_at.replace(microsecond=0)  # as typed
    dialog.submit()
    assert len(errors) == 1 and not dialog.isVisible()
    assert emergencies.get_report(sqlite_db, system, info.id).state is EmergencyState.HANDLED


@pytest.mark.law("Art. 21")
def test_a_rung_correction_refused_for_another_desks_correction_shows_the_time_now_recorded_and_saves_again(
        qtbot, sqlite_db, system, errors):
    from desktop.services import emergency_corrections

    info = _report(sqlite_db, system)
    step = next(s for s in info.steps if s.kind is EmergencyStepKind.PHONE_FIRST)
    made = emergencies.record_step(sqlite_db, system, step.id, "电话报区应急局",
                                   done_at=info.learned_at + timedelta(minutes=10))
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    panel.table.selectRow(_row_of(panel, "电话报区应急局", column=4))
    dialog = panel.correct_selected()
    qtbot.addWidget(dialog)
    emergency_corrections.correct_step(sqlite_db, CHIEF, step.id, done_at=info.learned_at + timedelta(minutes=20),
                                       reason="按通话记录", expected_version=made.version)  # another desk, meanwhile
    dialog.when.setDateTime(beijing_time.as_qdatetime(info.learned_at + timedelta(minutes=25)))
    dialog.content.setPlainText("以传真回执为准")
    dialog.submit()
    assert len(errors) == 1 and errors[0].message.startswith(f"紧急情况报告 {info.number} 已被 chief 于 ")
    recorded = beijing_text(info.learned_at + timedelta(minutes=20), "%m-%d %H:%M")
    assert f"登记的报送时间为 {recorded}" in dialog.explanation.text()
    assert dialog.content.toPlainText() == "以传真回执为准"
    dialog.submit()
    assert len(errors) == 1 and not dialog.isVisible()
    corrected = next(s for s in emergencies.get_report(sqlite_db, system, info.id).steps if s.id == step.id)
    assert corrected.done_at == (info.learned_at + timedelta(minutes=25)).replace(microsecond=0)


def test_the_ladder_panel_opens_the_correction_and_shows_the_corrected_report(qtbot, sqlite_db, system, errors):
    info = _report(sqlite_db, system)
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    assert panel.amend_button.isEnabled()
    dialog = panel.amend_current()
    dialog.form.title_edit.setText("渔船碰撞起火(已扑灭)")
    dialog.reason.setText("续报:明火已扑灭")
    dialog.submit()
    assert not errors and not dialog.isVisible()
    assert panel.reports.currentText().endswith("渔船碰撞起火(已扑灭)") and panel.current().version > info.version


@pytest.mark.law("Art. 21")
def test_the_ladder_settings_save_for_the_city_and_name_a_wrong_order(qtbot, sqlite_db, system, errors):
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    dialog = panel.open_settings()
    assert (dialog.phone_first.value(), dialog.written_first.value(), dialog.follow_up.value(),
            dialog.final.value()) == (30, 60, 24, 5)
    assert all(box.isChecked() for box in dialog.report_to.values()) and dialog.save_button.isEnabled()
    assert not dialog.permission_note.isVisibleTo(dialog)
    dialog.phone_first.setValue(90)
    dialog.submit()
    assert isinstance(errors[0], ValidationFailed) and "phone_first_minutes" in errors[0].problems[0]
    assert emergencies.load_ladder(sqlite_db) == emergencies.LadderRule()
    dialog.phone_first.setValue(20)
    dialog.report_to[HandlingLevel.CITY].setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.submit()
    assert emergencies.load_ladder(sqlite_db) == emergencies.LadderRule(phone_first_minutes=20,
                                                                        report_to=(HandlingLevel.COUNTY,))


def test_the_ladder_settings_are_read_only_without_a_city_wide_grant(qtbot, sqlite_db, system, errors, cjk_font,
                                                                    feature_window):
    users.add_user(sqlite_db, system, username="qg_op", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code=QIAOGANG)
    window = feature_window(sqlite_db, users.actor_for(sqlite_db, "qg_op"), SyncTaskRunner())
    open_ladder_settings(window)  # 紧急情况 → 报告时限设置…
    [dialog] = window.findChildren(LadderSettingsDialog)
    assert dialog.isVisible()
    assert dialog.phone_first.value() == 30 and not dialog.phone_first.isEnabled()
    assert not dialog.save_button.isEnabled() and dialog.permission_note.isVisibleTo(dialog)
    # Who sets it, not a right of the evaluation's ("只有具有全市综合评价权限的用户…").
    assert dialog.permission_note.text() == "报告时限由市级管理员全市统一设定;需要修改时请联系市级管理员。"
    assert not dialog.grab().isNull()


@pytest.mark.law("Art. 21")
def test_duty_phones_are_entered_in_their_form_and_read_only_without_the_city_grant(qtbot, sqlite_db, system, errors,
                                                                                    feature_window):
    from desktop.views.emergencies.ladder_settings import DutyPhonesDialog, open_duty_phones

    window = feature_window(sqlite_db, system, SyncTaskRunner())
    open_duty_phones(window)  # 紧急情况 → 报送对象值班电话…
    [dialog] = window.findChildren(DutyPhonesDialog)
    assert list(dialog.phones) == ["450500000000", "450502000000", "450503000000", "450512000000", "450521000000"]
    assert dialog.form.labelForField(dialog.phones["450503000000"]).text() == "银海区" and dialog.save_button.isEnabled()
    emergencies.configure_duty_phones(sqlite_db, system, {"450500000000": "0779-2020110"})  # at another desk
    dialog.phones["450503000000"].setText("0779-3030110")
    assert dialog.changes() == {"phones": {"450503000000": "0779-3030110"}}
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.submit()
    assert emergencies.load_duty_phones(sqlite_db) == {"450500000000": "0779-2020110",
                                                       "450503000000": "0779-3030110"} and not errors
    users.add_user(sqlite_db, system, username="qg_op", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code=QIAOGANG)
    operator_window = feature_window(sqlite_db, users.actor_for(sqlite_db, "qg_op"), SyncTaskRunner())
    open_duty_phones(operator_window)
    [read_only] = operator_window.findChildren(DutyPhonesDialog)
    assert read_only.phones["450503000000"].text() == "0779-3030110"
    assert not read_only.phones["450503000000"].isEnabled() and not read_only.save_button.isEnabled()
    assert read_only.permission_note.isVisibleTo(read_only)
    # Who enters them, in the desk's terms: no evaluation permission is involved.
    assert read_only.permission_note.text() == "值班电话由市级管理员全市统一录入;需要修改时请联系市级管理员。"


@pytest.mark.law("Art. 21")
def test_the_ladder_panel_says_whose_duty_phone_is_not_entered_and_who_enters_it(qtbot, sqlite_db, system, errors,
                                                                                feature_window):
    """Art. 21: 及时报告. With no duty phone entered the ladder showed a deadline and nothing else: whoever
    reports is told there is no number, and who enters them (the city administrator, or the command line)."""
    from desktop.views.emergencies.banner import EmergencyBanner
    from desktop.views.emergencies.ladder_settings import DutyPhonesDialog

    users.add_user(sqlite_db, system, username="qg_chief", display_name="值班长", password="secret-123",
                   role=Role.SUPERVISOR, scope_code=QIAOGANG)
    chief = users.actor_for(sqlite_db, "qg_chief")
    _report(sqlite_db, chief)
    panel = LadderPanel(sqlite_db, chief, SyncTaskRunner())
    qtbot.addWidget(panel)
    note = panel.phones_note
    assert not note.isHidden() and not note.enter_button.isVisibleTo(note)
    assert note.text.text().startswith("银海区、北海市的值班电话未录入:待报环节旁没有可拨打的号码。")
    assert "市级管理员" in note.text.text() and "griddesk-admin emergencies phones --set" in note.text.text()
    window = feature_window(sqlite_db, chief, SyncTaskRunner())
    banner = EmergencyBanner(window)  # beside what is owed, if briefly
    assert banner.text.text().endswith(";银海区、北海市值班电话未录入,请市级管理员录入")
    # The city administrator is given the form; once both are entered, nothing more is said.
    admin_panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(admin_panel)
    assert admin_panel.phones_note.enter_button.isVisibleTo(admin_panel.phones_note)
    dialog = admin_panel.phones_note.enter_phones()
    assert isinstance(dialog, DutyPhonesDialog)
    dialog.phones["450503000000"].setText("0779-3030110")
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.submit()
    assert admin_panel.phones_note.text.text().startswith("北海市的值班电话未录入")
    emergencies.configure_duty_phones(sqlite_db, system, {"450500000000": "0779-2020110"})
    admin_panel.reload()
    window.bus.changed.emit("emergencies")
    assert admin_panel.phones_note.isHidden() and "值班电话未录入" not in banner.text.text() and not errors


@pytest.mark.law("Art. 21")
def test_a_follow_ups_news_is_sent_and_listed_apart_from_a_correction(qtbot, sqlite_db, system, errors):
    """Art. 21: the county and the city read what a follow-up brought as news, not as the township's mistake
    put right: the form sends which it is (news unless a correction is chosen), the panel lists them apart."""
    _report(sqlite_db, system)
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    dialog = panel.amend_current()
    qtbot.addWidget(dialog)
    assert dialog.supplement.isChecked() and not dialog.correction.isChecked()
    dialog.form.injuries.setValue(3)
    dialog.reason.setText("续报:伤员增至 3 人")
    dialog.submit()
    dialog = panel.amend_current()
    qtbot.addWidget(dialog)
    dialog.correction.setChecked(True)
    dialog.form.place.setText("侨港渔港二号码头")
    dialog.reason.setText("地点误录")
    dialog.submit()
    assert not errors
    supplemented, corrected = panel.corrections.text().split("更正记录:")
    assert supplemented.startswith("续报补充、更新的事实:") and "受伤 1 → 3" in supplemented
    assert "地点误录" in corrected and "受伤" not in corrected


@pytest.mark.law("Art. 21")
def test_a_step_made_late_says_how_late_even_on_a_selected_row(qtbot, sqlite_db, system, errors):
    info = _report(sqlite_db, system)
    phone = next(s for s in info.steps if s.kind is EmergencyStepKind.PHONE_FIRST)
    on_time = next(s for s in info.steps if s.kind is EmergencyStepKind.PHONE_FIRST and s is not phone)
    emergencies.record_step(sqlite_db, system, phone.id, "电话报市应急局", done_at=phone.due_at + timedelta(minutes=49))
    emergencies.record_step(sqlite_db, system, on_time.id, "电话报区应急局", done_at=on_time.due_at - timedelta(minutes=5))
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    done = {panel.table.item(r, 4).text(): panel.table.item(r, 3).text() for r in range(panel.table.rowCount())}
    assert done["电话报市应急局"].endswith("(超时 49 分钟)")
    assert "超时" not in done["电话报区应急局"]


@pytest.mark.law("Art. 15")
def test_the_ladder_buttons_need_a_selected_owed_step_and_the_permission(qtbot, sqlite_db, system, errors):
    """An operator reports and records steps but does not acknowledge alarms (a supervisor does)."""
    _report(sqlite_db, system)
    operator = Actor(username="op", display_name="值班员", grants=(Grant(Role.OPERATOR, QIAOGANG, PlaceLevel.TOWNSHIP),))
    panel = LadderPanel(sqlite_db, operator, SyncTaskRunner())
    qtbot.addWidget(panel)
    assert not panel.ack_button.isEnabled() and "值班长" in panel.ack_button.toolTip()
    assert panel.amend_button.isEnabled()
    assert not panel.record_button.isEnabled() and "选择" in panel.record_button.toolTip()
    panel.table.selectRow(0)
    assert panel.record_button.isEnabled()
    panel.content.setText("电话报区应急局值班室")
    qtbot.keyClick(panel.content, Qt.Key.Key_Return)  # Enter where it is typed records it
    assert not errors
    row = _row_of(panel, "电话报区应急局值班室", column=4)
    panel.table.selectRow(row)
    assert not panel.record_button.isEnabled() and "已报送" in panel.record_button.toolTip()

    supervisor = Actor(username="chief", display_name="值班长",
                       grants=(Grant(Role.SUPERVISOR, QIAOGANG, PlaceLevel.TOWNSHIP),))
    panel = LadderPanel(sqlite_db, supervisor, SyncTaskRunner())
    qtbot.addWidget(panel)
    assert panel.ack_button.isEnabled() and not panel.ack_button.toolTip()


@pytest.mark.law("Art. 21")
@pytest.mark.parametrize(("role", "level", "code"), [(Role.TOWNSHIP_ADMIN, PlaceLevel.TOWNSHIP, QIAOGANG),
                                                     (Role.COUNTY_ADMIN, PlaceLevel.COUNTY, "450503000000"),
                                                     (Role.CITY_ADMIN, PlaceLevel.CITY, "450500000000"),
                                                     (Role.SUPERVISOR, PlaceLevel.COUNTY, "450503000000")])
def test_only_the_townships_shift_supervisor_is_offered_the_acknowledgement(qtbot, sqlite_db, system, errors, role,
                                                                            level, code):
    """确认告警 was offered to yh_admin: the alarm is acknowledged by the shift supervisor of the report's township,
    who takes note for its duty room, not by an administrator nor the county's duty room."""
    _report(sqlite_db, system)
    other = Actor(username="other", display_name="other", grants=(Grant(role, code, level),))
    panel = LadderPanel(sqlite_db, other, SyncTaskRunner())
    qtbot.addWidget(panel)
    assert not panel.ack_button.isEnabled()
    assert panel.ack_button.toolTip() == "告警由侨港镇值班室的值班长以本人账号确认(《条例》第二十一条);您不是该乡镇(街道)的值班长"


@pytest.mark.law("Art. 21")
def test_a_follow_up_is_not_offered_before_the_first_reports_to_its_level(qtbot, sqlite_db, system, errors):
    """登记报送 was offered on a follow-up to the county while nothing had been reported to the county yet;
    the rungs are listed up the ladder, the county before the city."""
    learned = utcnow() - timedelta(hours=27)
    info = _report(sqlite_db, system, learned_at=learned, occurred_at=learned)
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    rungs = [(panel.table.item(r, 0).text(), panel.table.item(r, 1).text()) for r in range(panel.table.rowCount())]
    assert rungs == [(kind, level) for kind in ("电话首报", "书面首报", "续报") for level in ("县(区)", "市")]
    panel.table.selectRow(rungs.index(("续报", "县(区)")))
    assert not panel.record_button.isEnabled()
    assert panel.record_button.toolTip() == "续报接续首报:请先登记报县(区)的电话首报、书面首报(《条例》第二十一条)"
    county_first = [s for s in info.steps if s.kind in emergencies.FIRST_REPORTS and s.to_level is HandlingLevel.COUNTY]
    for step in county_first:
        emergencies.record_step(sqlite_db, system, step.id, "已报县(区)")
    panel.reload()
    panel.table.selectRow(rungs.index(("续报", "县(区)")))
    assert panel.record_button.isEnabled()
    panel.table.selectRow(rungs.index(("续报", "市")))  # the city has not been told yet
    assert not panel.record_button.isEnabled() and "请先登记报市的电话首报、书面首报" in panel.record_button.toolTip()


@pytest.mark.law("Art. 21")
def test_the_ladder_panel_lists_open_reports_most_urgent_first_and_closed_ones_after(qtbot, sqlite_db, system, errors):
    """With 含已终报的 ticked, a report closed this morning was listed above a report still owing its first
    reports (newest first); open reports come first, those late on their ladder first of all."""
    now = utcnow()
    late = _report(sqlite_db, system, title="渔船碰撞起火", learned_at=now - timedelta(hours=5),
                   occurred_at=now - timedelta(hours=5))
    closed = _first_reports_made(sqlite_db, system, _report(sqlite_db, system, title="码头聚集",
                                                            learned_at=now - timedelta(hours=3),
                                                            occurred_at=now - timedelta(hours=3)))
    emergencies.mark_handled(sqlite_db, system, closed.id, handled_at=now - timedelta(hours=2))
    emergencies.close(sqlite_db, system, closed.id, "已平息", done_at=now - timedelta(hours=1))
    fresh = _report(sqlite_db, system, title="渔排倾覆", learned_at=now - timedelta(minutes=5),
                    occurred_at=now - timedelta(minutes=10))
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    panel.show_closed.setChecked(True)
    listed = [panel.reports.itemData(i) for i in range(panel.reports.count())]
    assert listed == [late.id, fresh.id, closed.id]
    assert panel.current().id == late.id  # the one to act on first is chosen


def test_the_english_ladder_list_flags_a_closed_report_in_english_brackets(qtbot, sqlite_db, system, errors,
                                                                           translations):
    """A closed report's row had read "【Final report filed】KB…" on the English desk: Chinese brackets."""
    from desktop import i18n
    from desktop.models.enums import EmergencyState

    now = utcnow()
    closed = _first_reports_made(sqlite_db, system, _report(sqlite_db, system, learned_at=now - timedelta(hours=3),
                                                            occurred_at=now - timedelta(hours=3)))
    emergencies.mark_handled(sqlite_db, system, closed.id, handled_at=now - timedelta(hours=2))
    emergencies.close(sqlite_db, system, closed.id, "已平息", done_at=now - timedelta(hours=1))
    translations.install("en")
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    panel.show_closed.setChecked(True)
    row = panel.reports.itemText(panel.reports.findData(closed.id))
    assert f"[{i18n.label(EmergencyState.CLOSED)}] {closed.number}" in row and not set("【】") & set(row)


@pytest.mark.law("Art. 21")
def test_the_ladder_panel_walks_a_report_to_its_final_report_and_prints_it(qtbot, sqlite_db, system, errors,
                                                                           monkeypatch, tmp_path):
    from desktop.models.enums import EmergencyState
    from desktop.views.emergencies import ladder_panel

    info = _report(sqlite_db, system)
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    assert panel.handled_button.isEnabled() and not panel.final_button.isEnabled()
    made_at = info.learned_at + timedelta(minutes=25)
    for row in range(panel.table.rowCount()):
        if panel.table.item(row, 0).text() != EmergencyStepKind.FOLLOW_UP.label:
            panel.table.selectRow(row)
            panel.done_at.setDateTime(beijing_time.as_qdatetime(made_at))  # the time it was made, not of the click
            panel.content.setText("已报")
            panel.record_selected()
    assert not errors
    made = [s for s in panel.current().steps if s.done_at is not None]
    assert len(made) == 4 and {s.done_at for s in made} == {made_at.replace(microsecond=0)}
    # The time typed for the last rung is not offered for the next: the field shows the moment again.
    assert abs(beijing_time.moment(panel.done_at.dateTime()) - utcnow()) < timedelta(minutes=2)

    dialog = panel.mark_handled()
    qtbot.addWidget(dialog)
    dialog.when.setDateTime(beijing_time.as_qdatetime(info.learned_at + timedelta(hours=1)))
    dialog.submit()
    assert not errors and panel.current().state is EmergencyState.HANDLED
    final_row = _row_of(panel, EmergencyStepKind.FINAL)
    panel.table.selectRow(final_row)
    assert not panel.record_button.isEnabled() and "终报…" in panel.record_button.toolTip()

    dialog = panel.make_final_report()
    qtbot.addWidget(dialog)
    dialog.content.setPlainText("火已扑灭,伤员出院")
    dialog.submit()
    assert not errors and not dialog.isVisible()
    assert emergencies.get_report(sqlite_db, system, info.id).state is EmergencyState.CLOSED
    assert panel.current() is None  # closed reports are listed only on request
    panel.show_closed.setChecked(True)
    assert panel.current().id == info.id and not panel.final_button.isEnabled()

    shown = []
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(ladder_panel, "ask_pdf_path", lambda parent, title, suggested: str(tmp_path / suggested))
    panel.print_bulletin()
    assert not errors and (tmp_path / f"信息快报-{info.number}.pdf").stat().st_size > 0
    assert shown and info.number in shown[0]


def test_a_refused_final_report_keeps_the_dialog_open_to_try_again(qtbot, sqlite_db, system, errors):
    info = _report(sqlite_db, system)
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FOLLOW_UP:
            emergencies.record_step(sqlite_db, system, step.id, "已报")
    emergencies.mark_handled(sqlite_db, system, info.id)
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    dialog = panel.make_final_report()
    qtbot.addWidget(dialog)
    dialog.submit()  # no content
    assert isinstance(errors[0], ValidationFailed) and dialog.isVisible() and dialog.buttons.isEnabled()


def test_a_report_on_its_way_cannot_be_sent_twice(qtbot, sqlite_db, system, errors):
    from .deferred import Deferred

    tasks = Deferred()
    dialog = EmergencyReportDialog(sqlite_db, system, tasks, township_code=QIAOGANG)
    qtbot.addWidget(dialog)
    _fill(dialog.form)
    dialog.submit()
    assert not dialog.buttons.isEnabled()  # a second Enter finds nothing to press
    with qtbot.waitSignal(dialog.reported, timeout=1000):
        tasks.run(0)
    assert len(emergencies.list_reports(sqlite_db, system)) == 1


@pytest.mark.law("Art. 21")
def test_a_report_from_a_county_without_coordinates_names_its_township(qtbot, sqlite_db, system, errors):
    """Opened on 银海区, the form offers the county's townships; a place without coordinates had
    been refused with "请选择所属乡镇" and nothing to choose from."""
    dialog = EmergencyReportDialog(sqlite_db, system, SyncTaskRunner(), under="450503000000")
    qtbot.addWidget(dialog)
    offered = [dialog.township.itemData(i) for i in range(dialog.township.count())]
    assert offered[0] is None and QIAOGANG in offered and all(c is None or c.startswith("450503") for c in offered)
    _fill(dialog.form)
    dialog.township.setCurrentIndex(offered.index(QIAOGANG))
    with qtbot.waitSignal(dialog.reported, timeout=1000) as sent:
        dialog.submit()
    assert not errors and sent.args[0].township_code == QIAOGANG


@pytest.mark.law("Art. 21")
def test_a_rung_falling_overdue_while_the_panel_is_open_turns_red_without_losing_the_selection(
        qtbot, sqlite_db, system, errors, monkeypatch):
    from desktop.services import emergencies as emergency_service

    info = _report(sqlite_db, system, learned_at=utcnow(), occurred_at=utcnow() - timedelta(minutes=5))
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    assert panel.clock.isActive()
    phone_row = _row_of(panel, EmergencyStepKind.PHONE_FIRST)
    assert panel.table.item(phone_row, 0).foreground().color() != OVERDUE
    panel.table.selectRow(phone_row)
    typed = beijing_time.as_qdatetime(info.learned_at + timedelta(minutes=3))
    panel.done_at.setDateTime(typed)
    assert "剩余" in panel.table.item(phone_row, 2).text()
    later = utcnow() + timedelta(hours=1)
    monkeypatch.setattr(emergency_service, "utcnow", lambda: later)
    monkeypatch.setattr(ladder_panel, "utcnow", lambda: later)
    panel.clock.timeout.emit()
    assert panel.table.item(phone_row, 0).foreground().color() == OVERDUE
    assert "已逾期" in panel.table.item(phone_row, 2).text()  # the countdown ticks on with the clock
    assert panel.table.currentRow() == phone_row and panel.done_at.dateTime() == typed


@pytest.mark.law("Art. 21")
def test_a_rung_recorded_without_a_typed_time_is_made_when_recorded_not_when_selected(qtbot, sqlite_db, system,
                                                                                      errors, monkeypatch):
    from desktop.services import emergencies as emergency_service

    info = _report(sqlite_db, system)
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    phone_row = _row_of(panel, EmergencyStepKind.PHONE_FIRST)
    panel.table.selectRow(phone_row)
    later = utcnow() + timedelta(minutes=20)  # the call took a while after the row was chosen
    monkeypatch.setattr(emergency_service, "utcnow", lambda: later)
    panel.content.setText("电话报区应急局")
    panel.record_selected()
    assert not errors
    made = {s.done_at for s in emergencies.get_report(sqlite_db, system, info.id).steps if s.done_at}
    assert made == {later}


def test_a_closed_ladder_panel_is_let_go_and_other_desks_changes_no_longer_reach_it(qtbot, sqlite_db, system,
                                                                                   feature_window, cjk_font):
    from desktop.views.emergencies.ladder_panel import open_ladder_panel

    window = feature_window(sqlite_db, system, SyncTaskRunner())
    open_ladder_panel(window)
    open_ladder_panel(window)  # the banner's button pressed again: the same panel, brought forward
    [panel] = window.findChildren(LadderPanel)
    with qtbot.waitSignal(panel.destroyed, timeout=2000):
        panel.close()
    window.bus.changed.emit("emergencies")  # nothing left to reload, nothing raised
    assert window.findChildren(LadderPanel) == []


@pytest.mark.law("Art. 21")
def test_the_main_windows_banner_calls_for_acknowledgement_and_late_reports_until_done(qtbot, sqlite_db, system,
                                                                                      feature_window):
    from desktop.views.emergencies.banner import EmergencyBanner

    window = feature_window(sqlite_db, system, SyncTaskRunner())
    banner = EmergencyBanner(window)
    assert banner.isHidden() and banner.text.text() == ""  # nothing open: no banner
    info = _report(sqlite_db, system)  # learned two hours ago: its first reports are owed and late
    window.bus.changed.emit("emergencies")
    assert not banner.isHidden()
    assert f"紧急情况 1 起待值班长确认({info.number} " in banner.text.text()
    assert "个报送环节已超时,请先补报:" in banner.text.text() and "已逾期" in banner.text.text()
    users.add_user(sqlite_db, system, username="qg_chief", display_name="值班长", password="secret-123",
                   role=Role.SUPERVISOR, scope_code=QIAOGANG)
    emergencies.acknowledge(sqlite_db, users.actor_for(sqlite_db, "qg_chief"), info.id)
    for step in info.steps:
        emergencies.record_step(sqlite_db, system, step.id, "已报告")
    window.bus.changed.emit("emergencies")
    assert banner.isHidden()
    banner.open_button.click()  # the ladder panel opens over the window
    panel = window.findChild(LadderPanel)
    assert panel is not None and panel.isVisible()
    panel.close()


@pytest.mark.law("Art. 21")
def test_the_banner_names_the_newest_late_reports_rung_owed_longest_and_counts_every_missed_round(
        qtbot, sqlite_db, system, feature_window):
    """An old report's long-overdue rungs do not hide a fresh incident's missed call, and of that incident the
    rung owed longest is named (its phone report, not the written one fallen due after it); the count takes in
    each follow-up round fallen due while one is owed (StepInfo.rounds_behind)."""
    from desktop.views.emergencies.banner import EmergencyBanner

    window = feature_window(sqlite_db, system, SyncTaskRunner())
    old = _report(sqlite_db, system, learned_at=utcnow() - timedelta(hours=60),
                  occurred_at=utcnow() - timedelta(hours=61))
    fresh = _report(sqlite_db, system, learned_at=utcnow() - timedelta(hours=2),
                    occurred_at=utcnow() - timedelta(hours=3))
    banner = EmergencyBanner(window)
    now = utcnow()
    infos = emergencies.list_reports(sqlite_db, system, open_only=True)
    count = sum(info.overdue_count(now) for info in infos)
    assert count == sum(len(info.overdue_steps(now)) for info in infos) + 2  # the old report's 48 h rounds
    assert f"{count} 个报送环节已超时,请先补报:{fresh.number} 电话首报 · 县(区)、市," in banner.text.text()
    assert old.number not in banner.text.text().split("已超时")[1]


@pytest.mark.law("Art. 21")
def test_the_banner_names_the_rung_owed_longest_as_the_walls_takeover_does(qtbot, sqlite_db, system, feature_window):
    """A report owing its first reports since yesterday and its follow-ups since this morning: the banner
    named the follow-up ("最近到期 … 续报"), while the wall's takeover named the phone report owed longest."""
    from desktop.views.emergencies.banner import EmergencyBanner

    window = feature_window(sqlite_db, system, SyncTaskRunner())
    learned = utcnow() - timedelta(hours=27)
    info = _report(sqlite_db, system, learned_at=learned, occurred_at=learned - timedelta(minutes=30))
    banner = EmergencyBanner(window)
    [owed_first, *_] = info.next_owed()  # what the wall's takeover names (views/wall/alarm.py)
    assert owed_first.kind is EmergencyStepKind.PHONE_FIRST
    named = banner.text.text().split("已超时,")[1]
    assert named.startswith(f"请先补报:{info.number} 电话首报 · 县(区)、市,{due_text(owed_first.due_at, '%m-%d')}(已逾期 1天")
    assert "续报" not in named


@pytest.mark.law("Art. 21")
def test_a_liaisons_desk_shows_no_banner_of_the_centers_reporting_duties(qtbot, sqlite_db, system, feature_window):
    """A liaison's desk showed every liaison, in red, 待值班长确认 and 请先补报 over its queue: Art. 21 is the
    center's duty, and a liaison can neither acknowledge a report nor record a rung. The operator's desk still
    calls for both."""
    from desktop.views.emergencies.banner import EmergencyBanner

    _report(sqlite_db, system)  # unacknowledged, its first reports late
    liaison = Actor(username="police", display_name="派出所联络员",
                    grants=(Grant(Role.LIAISON, QIAOGANG, PlaceLevel.TOWNSHIP),))
    operator = Actor(username="op", display_name="值班员", grants=(Grant(Role.OPERATOR, QIAOGANG, PlaceLevel.TOWNSHIP),))
    assert emergencies.list_reports(sqlite_db, liaison, open_only=True)  # it may read them, in the ladder panel
    liaisons = EmergencyBanner(feature_window(sqlite_db, liaison, SyncTaskRunner()))
    operators = EmergencyBanner(feature_window(sqlite_db, operator, SyncTaskRunner()))
    assert liaisons.isHidden() and liaisons.text.text() == ""
    assert not operators.isHidden() and "待值班长确认" in operators.text.text() and "请先补报" in operators.text.text()


def test_the_banner_notices_a_rung_falling_late_with_time_alone(qtbot, sqlite_db, system, feature_window, monkeypatch):
    from desktop.views.emergencies import banner as banner_module

    window = feature_window(sqlite_db, system, SyncTaskRunner())
    info = _report(sqlite_db, system, learned_at=utcnow(), occurred_at=utcnow() - timedelta(minutes=5))
    banner = banner_module.EmergencyBanner(window)
    assert "待值班长确认" in banner.text.text() and "超时" not in banner.text.text()
    assert "即将到期" not in banner.text.text()  # the phone report is 30 minutes off
    soon = utcnow() + timedelta(minutes=20)
    monkeypatch.setattr(banner_module, "utcnow", lambda: soon)
    banner.clock.timeout.emit()  # ten minutes before the phone report is due: named before it is late
    assert f"个报送环节即将到期,最早:{info.number} 电话首报 · 县(区)、市," in banner.text.text()  # owed to both
    assert "剩余" in banner.text.text()
    later = utcnow() + timedelta(hours=3)
    monkeypatch.setattr(banner_module, "utcnow", lambda: later)
    monkeypatch.setattr(emergencies, "utcnow", lambda: later)
    banner.clock.timeout.emit()  # no change announced: the clock alone
    assert f"个报送环节已超时,请先补报:{info.number} " in banner.text.text()


@pytest.mark.law("Art. 21")
def test_the_ladder_panel_corrects_a_rung_and_undoes_a_handling_and_lists_each_correction(qtbot, sqlite_db, system,
                                                                                       errors, monkeypatch):
    from desktop.models.enums import EmergencyState

    info = _report(sqlite_db, system)
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    assert panel.reports.itemText(0).startswith(f"【未确认】【超时 {info.overdue_count()} 项】")
    assert not panel.correct_button.isEnabled() and not panel.undo_handled_button.isEnabled()
    assert panel.corrections.isHidden()
    row = _row_of(panel, EmergencyStepKind.PHONE_FIRST)
    panel.table.selectRow(row)
    assert not panel.correct_button.isEnabled() and "尚未报送" in panel.correct_button.toolTip()
    panel.done_at.setDateTime(beijing_time.as_qdatetime(info.learned_at + timedelta(minutes=10)))
    panel.content.setText("电话报区应急局")
    panel.record_selected()
    row = _row_of(panel, "电话报区应急局", column=4)
    panel.table.selectRow(row)
    assert panel.correct_button.isEnabled()
    dialog = panel.correct_selected()
    qtbot.addWidget(dialog)
    # It opens on the time recorded, to be put right.
    assert beijing_time.moment(dialog.when.dateTime()) == (info.learned_at + timedelta(minutes=10)).replace(microsecond=0)
    dialog.when.setDateTime(beijing_time.as_qdatetime(info.learned_at + timedelta(minutes=50)))
    dialog.content.setPlainText("值班记录误录,以通话记录为准")
    dialog.submit()
    assert not errors and not dialog.isVisible()
    assert not panel.corrections.isHidden() and "值班记录误录,以通话记录为准" in panel.corrections.text()
    assert "(更正后超时)" in panel.corrections.text()
    follow_up = _row_of(panel, EmergencyStepKind.FOLLOW_UP)
    assert panel.table.item(follow_up, 3).text() == "—"  # two hours in: no round behind yet

    dialog = panel.mark_handled()
    qtbot.addWidget(dialog)
    dialog.submit()
    assert panel.undo_handled_button.isEnabled()
    offered = []

    def ask_lines(parent, title, label, typed=""):
        offered.append(typed)
        return typed or "误点,现场仍在处置"

    monkeypatch.setattr(dialogs, "ask_lines", ask_lines)
    emergencies.acknowledge(sqlite_db, CHIEF, info.id)  # another desk, meanwhile: the undoing is refused
    panel.undo_handled()
    assert len(errors) == 1 and panel.current().state is EmergencyState.HANDLED
    errors.clear()
    panel.undo_handled()  # the reason typed is offered again, not typed twice
    assert offered == ["", "误点,现场仍在处置"]
    assert not errors and panel.current().state is EmergencyState.OPEN
    assert "误点,现场仍在处置" in panel.corrections.text() and not panel.undo_handled_button.isEnabled()


@pytest.mark.law("Art. 21")
def test_a_blank_reason_for_undoing_a_handling_is_left_to_the_dialog_and_the_service(qtbot, sqlite_db, system,
                                                                                  errors, monkeypatch):
    """The panel checked the reason for blanks itself, dropping one without a word: the reason box lets none
    through, and the service refuses one, saying what to write (Art. 21)."""
    from desktop.models.enums import EmergencyState

    info = _report(sqlite_db, system)
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    handled = panel.mark_handled()
    qtbot.addWidget(handled)
    handled.submit()

    def ok_on_blanks(dialog: dialogs.TextDialog) -> int:
        dialog.setTextValue(" \n ")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialogs.TextDialog, "exec", ok_on_blanks)
    assert dialogs.ask_lines(panel, "撤销处置完毕", "撤销原因") is None  # as if cancelled: no blank comes back
    monkeypatch.setattr(dialogs, "ask_lines", lambda parent, title, label, typed="": " \n ")
    panel.undo_handled()
    assert [str(exc) for exc in errors] == [
        "撤销处置完毕原因(reason):必须写明为何撤销处置完毕(如:误录时间,应为电话记录所载时间)(Art. 21)"]
    assert panel.current().state is EmergencyState.HANDLED and panel.current().id == info.id


@pytest.mark.law("Art. 21")
def test_the_correction_button_says_why_where_the_service_would_refuse(qtbot, sqlite_db, system):
    """An earlier follow-up, once a later one followed it, is not offered for correction; an operator is
    offered none (the supervisor corrects the record)."""
    learned = utcnow() - timedelta(hours=60)
    info = _first_reports_made(sqlite_db, system, _report(sqlite_db, system, learned_at=learned, occurred_at=learned))
    county = next(s for s in info.steps if s.kind is EmergencyStepKind.FOLLOW_UP and s.to_level is HandlingLevel.COUNTY)
    info = emergencies.record_step(sqlite_db, system, county.id, "第一次续报", done_at=learned + timedelta(hours=20))
    later = next(s for s in info.steps if s.kind is EmergencyStepKind.FOLLOW_UP and s.done_at is None
                 and s.to_level is HandlingLevel.COUNTY)
    emergencies.record_step(sqlite_db, system, later.id, "第二次续报", done_at=learned + timedelta(hours=40))
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    panel.table.selectRow(_row_of(panel, "第一次续报", column=4))
    assert not panel.correct_button.isEnabled() and "只能更正报县(区)的最近一次续报" in panel.correct_button.toolTip()
    panel.table.selectRow(_row_of(panel, "第二次续报", column=4))
    assert panel.correct_button.isEnabled()
    operator = Actor(username="op", display_name="值班员", grants=(Grant(Role.OPERATOR, QIAOGANG, PlaceLevel.TOWNSHIP),))
    panel = LadderPanel(sqlite_db, operator, SyncTaskRunner())
    qtbot.addWidget(panel)
    panel.table.selectRow(_row_of(panel, "第二次续报", column=4))
    # The step refused is named, not only the permission it needs (which reads as acknowledging an alarm).
    assert not panel.correct_button.isEnabled()
    assert panel.correct_button.toolTip() == ("您在 侨港镇(450503103000) 不能更正报送记录:需有“更正紧急情况报送记录”的权限;"
                                              "请由具有该地区相应角色的用户办理")
    assert panel.undo_handled_button.toolTip().startswith("您在 侨港镇(450503103000) 不能撤销处置完毕:")


class _LowScreen:
    """A 1366×768 laptop at 150% scaling: 911×464 points beside the taskbar."""

    def availableGeometry(self):
        from PySide6.QtCore import QRect

        return QRect(0, 0, 911, 464)


def test_the_report_and_its_correction_open_within_a_low_screen_with_their_buttons_in_view(
        qtbot, sqlite_db, system, errors, monkeypatch):
    """At 150% on a 1366×768 laptop the report form was 503 points high, no smaller, on 464: 报送 was below
    the screen's edge (the correction, with its note and reason, was taller still). The form scrolls
    above its buttons instead; where the screen has room it shows whole."""
    from PySide6.QtCore import QPoint

    from desktop.views.screen_fit import FRAME_ROOM, FormScrollArea

    def check(dialog, button) -> None:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.height() + FRAME_ROOM.height() <= 464
        assert button.mapTo(dialog, QPoint(0, button.height())).y() <= dialog.height()

    dialog = EmergencyReportDialog(sqlite_db, system, SyncTaskRunner(), township_code=QIAOGANG)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.findChild(FormScrollArea).verticalScrollBar().maximum() == 0  # the test screen has room
    monkeypatch.setattr(EmergencyReportDialog, "screen", lambda self: _LowScreen())
    monkeypatch.setattr(AmendFactsDialog, "screen", lambda self: _LowScreen())
    dialog = EmergencyReportDialog(sqlite_db, system, SyncTaskRunner(), township_code=QIAOGANG)
    check(dialog, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    _fill(dialog.form)
    with qtbot.waitSignal(dialog.reported, timeout=1000) as sent:
        dialog.submit()
    amend = AmendFactsDialog(sqlite_db, system, SyncTaskRunner(), sent.args[0])
    check(amend, amend.buttons.button(amend.buttons.StandardButton.Ok))
