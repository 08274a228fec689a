"""The case dialogs on the demo township: keyboard intake, the detail panel's actions and its
conflict message, dispatch with the suggestion, and the callback workbench."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
import shapely
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)
from sqlalchemy import select

from desktop.errors import Conflict
from desktop.models import Assignment, Callback, Case, Department, Extension, Grid, GridStaffRole, Person, Place, utcnow
from desktop.models.enums import (
    AssignmentRole,
    AssignmentState,
    CallbackMethod,
    CallbackOutcome,
    CallbackState,
    CaseState,
    Channel,
    DepartmentLevel,
    GridKind,
    HandlingLevel,
    MatterCategory,
    Satisfaction,
    SupervisionLevel,
)
from desktop.services import departments, users
from desktop.services.cases import callbacks, department, dispatch, onspot_escalation, queries
from desktop.views import dialogs
from desktop.views.cases import case_detail
from desktop.views.cases.callback_workbench import CallbackWorkbench
from desktop.views.cases.case_detail import CaseDetailDialog
from desktop.views.cases.dispatch_dialog import DispatchDialog
from desktop.views.cases.new_case_dialog import NewCaseDialog
from desktop.views.countdown import deadline_text
from desktop.views.queue_model import OVERDUE_COLOUR

from .deferred import Deferred

TOWNSHIP = "450503103000"


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: shown.append(text))
    return shown


def actor(db, username):
    return users.actor_for(db, username)


def staffed_regular_grid(db):
    """A point inside a regular demo grid that has staff and no exclusive grid over it."""
    with db.session() as s:
        rows = s.execute(select(Place).join(Grid).where(Grid.kind == GridKind.REGULAR, Place.geometry.is_not(None),
                                                        Place.id.in_(select(GridStaffRole.grid_id)))).scalars()
        others = [shapely.from_wkb(p.geometry) for p in s.scalars(select(Place).join(Grid).where(
            Grid.kind != GridKind.REGULAR, Place.geometry.is_not(None)))]
        for place in rows:
            point = shapely.from_wkb(place.geometry).representative_point()
            if not any(o.intersects(point) for o in others):
                return place.name, point.x, point.y
    raise AssertionError("no staffed regular grid in the demo data")


def test_new_case_by_keyboard_routes_shows_staff_and_saves_on_enter(qapp, qtbot, demo_db, tasks, cjk_font, errors):
    name, lon, lat = staffed_regular_grid(demo_db)
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    focus = [dialog.focusWidget()]
    for _ in range(8):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        focus.append(dialog.focusWidget())
    assert focus[:9] == [dialog.channel, dialog.requester_name, dialog.requester_phone, dialog.title_edit,
                         dialog.description, dialog.item, dialog.category, dialog.lon, dialog.lat]
    # The channel and the category start unchosen (a preset would file every hurried request under the
    # first one); the arrow key on the field chooses.
    assert dialog.category.currentIndex() == -1 and dialog.chosen_category() is None
    assert dialog.channel.currentIndex() == -1
    qtbot.keyClick(dialog.channel, Qt.Key.Key_Down)
    assert dialog.channel.currentData() == Channel.GRID_STAFF.value
    qtbot.keyClick(dialog.category, Qt.Key.Key_Down)
    assert dialog.chosen_category() is not None
    # QTest types only Latin-1 keys; Chinese text arrives as an input method would commit it
    dialog.requester_name.setText("林女士")
    qtbot.keyClicks(dialog.requester_phone, "13977790000")
    dialog.title_edit.setText("路灯不亮")
    dialog.description.setPlainText("巷口路灯连续三晚不亮")
    qtbot.keyClicks(dialog.lon, f"{lon:.6f}")
    qtbot.keyClicks(dialog.lat, f"{lat:.6f}")
    qtbot.waitUntil(lambda: name in dialog.grid_label.text())  # looked up once typing pauses
    shown = dialog.staff_label.text().replace("\u2060", "")  # word joiners keep an entry on one line
    with demo_db.session() as s:  # the numbers to call, whole (Art. 14(2), 17)
        phones = s.scalars(select(Person.phone).join(GridStaffRole).join(Place, Place.id == GridStaffRole.grid_id)
                           .where(Place.name == name, GridStaffRole.end_on.is_(None))).all()
    assert phones and all(phone in shown for phone in phones if phone)
    assert not dialog.grab().isNull()  # the whole dialog paints
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    assert saved.args[0].grid_name == name
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_new_case_escape_cancels_and_bad_input_keeps_the_dialog_open(qtbot, demo_db, tasks, errors):
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()  # nothing filled in
    assert "不完整" in errors[0] and dialog.isVisible()
    qtbot.keyClick(dialog.requester_name, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected




def test_a_request_saved_has_nothing_left_to_lose(qtbot, demo_db, tasks):
    """Once saved, the description no longer counted as typed text to warn about: only the one-line fields did."""
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.description.setPlainText("楼道里的灯坏了一个月")
    assert dialog.typed()
    dialog.result_info = object()  # what a save leaves
    assert not dialog.typed()


def test_escape_on_a_half_typed_request_warns_before_throwing_it_away(qtbot, demo_db, tasks):
    """One key lost what a caller had dictated: the first Esc now says so in the form, a second goes."""
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.description.setPlainText("楼道里的灯坏了一个月")  # as dictated by a caller still on the line
    qtbot.keyClick(dialog.requester_name, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.description.toPlainText() == "楼道里的灯坏了一个月"
    assert dialog.discard_note.isVisible() and "再按一次 Esc" in dialog.discard_note.text()
    qtbot.keyClicks(dialog.requester_phone, "1")  # typing on: the next Esc warns again
    assert not dialog.discard_note.isVisible()
    qtbot.keyClick(dialog.requester_name, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.discard_note.isVisible()
    qtbot.keyClick(dialog.requester_name, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_the_form_says_which_fields_must_be_filled_before_anything_is_saved(qtbot, demo_db, tasks):
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    assert "请选择" in dialog.channel.placeholderText() and "请选择" in dialog.category.placeholderText()
    assert dialog.title_edit.accessibleDescription() == dialog.description.accessibleDescription() == "必填"
    assert not dialog.requester_name.placeholderText() and not dialog.address.placeholderText()

def test_a_refused_save_puts_the_focus_on_the_first_field_to_correct(qtbot, demo_db, tasks, errors):
    """Saved from the Save button by keyboard, a refusal left the focus nowhere (the button was disabled
    while saving): the operator is taken to what to correct instead."""
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitActive(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    save.setFocus()
    qtbot.keyClick(save, Qt.Key.Key_Space)
    assert "受理渠道:请选择" in errors[0]
    assert dialog.focusWidget() is dialog.channel
    dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.HOTLINE_12345.value))
    dialog.category.setCurrentIndex(0)
    dialog.description.setPlainText("三楼楼道堆满杂物,影响通行")
    save.setFocus()
    qtbot.keyClick(save, Qt.Key.Key_Space)
    assert "标题:必填" in errors[1] and dialog.focusWidget() is dialog.title_edit


def test_a_location_half_typed_or_not_a_number_is_told_not_dropped(qtbot, demo_db, tasks, errors):
    """A longitude without its latitude, or one written with a comma, was saved as no location at all:
    the case went to the triage list without a word."""
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.HOTLINE_12345.value))
    dialog.category.setCurrentIndex(0)
    dialog.title_edit.setText("楼道堆放杂物")
    dialog.description.setPlainText("三楼楼道堆满杂物,影响通行")
    saved = []
    dialog.saved.connect(saved.append)
    qtbot.keyClicks(dialog.lon, "109.105")
    qtbot.keyClick(dialog.lon, Qt.Key.Key_Return)
    assert "经度和纬度须同时填写" in errors[0] and not saved and dialog.isVisible()
    assert dialog.focusWidget() is dialog.lat  # the half left empty, not the one typed
    qtbot.keyClicks(dialog.lat, "21.428")
    dialog.lon.clear()
    qtbot.keyClicks(dialog.lon, "109,105")  # a comma for the decimal point
    qtbot.keyClick(dialog.lat, Qt.Key.Key_Return)
    assert "“109,105”不是数字" in errors[1] and not saved and dialog.focusWidget() is dialog.lon


def test_a_coordinate_pasted_from_a_map_with_many_decimals_is_kept(qtbot, demo_db, tasks):
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    QApplication.clipboard().setText("109.10512345678")
    dialog.lon.paste()
    QApplication.clipboard().setText("21.42812345678")
    dialog.lat.paste()
    assert dialog.location() == (109.10512345678, 21.42812345678)
    # Copied out of a message with the spaces around it: the number is kept, the spaces dropped.
    for edit, text in ((dialog.lon, " 109.105\t"), (dialog.lat, "\n21.428 ")):
        edit.clear()
        QApplication.clipboard().setText(text)
        edit.paste()
    assert (dialog.lon.text(), dialog.lat.text()) == ("109.105", "21.428") and dialog.location() == (109.105, 21.428)
    dialog.lon.clear()
    QApplication.clipboard().setText("东经109度")
    dialog.lon.paste()
    assert dialog.lon.text() == ""  # not a number: refused as before

def test_new_case_lookups_land_in_the_background_and_a_stale_one_is_dropped(qtbot, demo_db, errors):
    name, lon, lat = staffed_regular_grid(demo_db)
    tasks = Deferred()
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    assert dialog.item.count() == 1  # only "(不选事项)" until the lists in force have loaded
    tasks.run()
    assert dialog.item.count() > 1
    dialog.lon.setText(f"{lon:.6f}")
    dialog.lat.setText(f"{lat:.6f}")
    dialog.look_around()
    dialog.lat.clear()  # the location is taken back before the first answer lands
    dialog.look_around()
    tasks.run_all()
    assert name not in dialog.grid_label.text() and dialog.grid_label.text() == "未定位:保存后进入待分拨清单"
    dialog.lat.setText(f"{lat:.6f}")
    dialog.look_around()
    tasks.run_all()
    assert name in dialog.grid_label.text()


def test_merging_looks_the_number_up_in_the_task_and_reports_an_unknown_one(qtbot, desk_db, system, tasks, errors,
                                                                          monkeypatch):
    with desk_db.session() as s:
        s.get(Case, 2).state = CaseState.RECEIVED
        s.commit()
    dialog = CaseDetailDialog(desk_db, system, tasks, 2)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(case_detail, "ask_choice", lambda *args: "450503103-2026-999999")
    dialog.buttons["merge"].click()  # no exception escapes the click: the task reports it
    assert errors == ["没有编号为 450503103-2026-999999 的案件,请核对编号"]
    monkeypatch.setattr(case_detail, "ask_choice", lambda *args: "450503103-2026-000001")
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["merge"].click()
    assert dialog.detail.case.state is CaseState.MERGED and dialog.detail.merged_into == "450503103-2026-000001"


def _police_case(db, state: AssignmentState, *conditions):
    with db.session() as s:
        police = s.scalar(select(Department.id).where(Department.code.like("%PCS%")))
        return s.scalar(select(Case.id).join(Assignment).where(Assignment.department_id == police,
                                                               Assignment.state == state, *conditions).limit(1))


def _in_time_without_extension():
    """Conditions on a share that may still ask for an extension (department.request_extension)."""
    return (Assignment.due_at > utcnow(), ~select(Extension.id).where(Extension.assignment_id == Assignment.id).exists())


def test_detail_shows_the_liaisons_actions_and_signing_adds_to_the_timeline(qapp, qtbot, qtmodeltester, demo_db, tasks,
                                                                           cjk_font):
    case_id = _police_case(demo_db, AssignmentState.DISPATCHED)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.timeline)
    assert "sign" in dialog.buttons and "dispatch" not in dialog.buttons
    before = dialog.timeline.rowCount()
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["sign"].click()
    assert dialog.timeline.rowCount() == before + 1
    last = dialog.timeline.index(before, 4).data()
    assert "签收" in last and dialog.timeline.index(before, 2).data()  # from which desktop
    assert "contact" in dialog.buttons and "sign" not in dialog.buttons
    dialog.resize(900, 640)
    assert not dialog.grab().isNull()  # the whole dialog paints


@pytest.mark.law("Art. 18")
def test_a_liaisons_panel_heads_with_its_own_shares_next_deadline(qtbot, demo_db, tasks):
    """The header had shown only the case's deadline (剩余 5天…) while the liaison's queue said 签收 超期 7小时:
    the department answers for signing for its share in time (Art. 18(1)), so the panel says that first."""
    case_id = _police_case(demo_db, AssignmentState.DISPATCHED)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(dialog)
    own = next(a for a in dialog.detail.assignments if a.id == dialog.detail.own_assignment_id)
    now = utcnow()
    dialog._show_facts(dialog.detail, now)
    assert "本单位签收期限:" + deadline_text(own.sign_due_at, now) in dialog.header.text()
    dialog._show_facts(dialog.detail, own.sign_due_at + timedelta(minutes=1))  # missed: red, as in the queue
    assert f'<span style="color:{OVERDUE_COLOUR.name()}">本单位签收期限:' in dialog.header.text()
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["sign"].click()
    own = next(a for a in dialog.detail.assignments if a.id == dialog.detail.own_assignment_id)
    due, step = (own.contact_due_at, "联系") if own.contact_due_at else (own.due_at, "办理")
    dialog._show_facts(dialog.detail, now)
    assert f"本单位{step}期限:" + deadline_text(due, now) in dialog.header.text()
    chief = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(chief)
    assert "本单位" not in chief.header.text()  # the center holds no share of its own


@pytest.mark.law("Art. 18")
def test_a_co_handler_that_reported_is_told_its_result_went_to_the_lead(qtbot, demo_db, tasks):
    """It had read "已反馈,待中心核查" while the lead had not reported: a co-handler reports to the lead
    department, which reports the whole to the center (Art. 18(1))."""
    case_id, _, _ = _sent_to_police_and_market(demo_db)
    market = actor(demo_db, "qg_market")
    share = next(a for a in queries.case_detail(demo_db, market, case_id).assignments if a.role is AssignmentRole.CO)
    case = department.sign_for(demo_db, market, assignment_id=share.id,
                               expected_version=queries.case_detail(demo_db, market, case_id).case.version)
    department.report_result(demo_db, market, assignment_id=share.id, result="已核查摊点证照",
                             expected_version=case.version)
    dialog = _panel(qtbot, demo_db, tasks, "qg_market", case_id)
    assert "本单位:已向主办单位反馈,待主办单位汇总报送中心" in dialog.header.text()
    assert "待中心核查" not in dialog.header.text()


def test_the_header_shows_a_title_with_angle_brackets_as_typed(qtbot, demo_db, tasks):
    """The header is rich text: "路灯<不亮>" had been read as a tag and vanished from it."""
    from html import escape

    from sqlalchemy import update

    case_id = _police_case(demo_db, AssignmentState.DISPATCHED)
    with demo_db.session() as s:
        s.execute(update(Case).where(Case.id == case_id).values(title="路灯<不亮> & 积水"))
        s.commit()
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    assert escape("路灯<不亮> & 积水") in dialog.header.text()


def test_enter_starts_no_action_and_the_timeline_shows_the_newest_event(qtbot, demo_db, tasks, monkeypatch):
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.REGISTERED).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    dialog.resize(900, 480)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "merge" in dialog.buttons and not any(b.isDefault() or b.autoDefault() for b in dialog.buttons.values())
    asked = []
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: asked.append(args) and None)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert asked == [] and dialog.isVisible()  # neither a merge nor a close
    for _ in range(6):  # enough events that the timeline scrolls, however few the demo case had
        monkeypatch.setattr(case_detail, "ask_item", lambda *args: 0)
        monkeypatch.setattr(case_detail, "ask_text", lambda *args: "请加快办理")
        monkeypatch.setattr(case_detail, "ask_due_date", lambda parent, title, label, default: default)
        with qtbot.waitSignal(dialog.changed):
            dialog.buttons["supervise"].click()
    assert dialog.detail.case.supervision is SupervisionLevel.GENERAL
    view, newest = dialog.timeline_view, dialog.timeline.rowCount() - 1
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    assert view.viewport().rect().contains(view.visualRect(dialog.timeline.index(newest, 0)))


def test_a_save_over_someone_elses_change_is_refused_with_who_and_when(qtbot, demo_db, tasks, errors, monkeypatch):
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.REGISTERED).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    seen = dialog.detail.case
    onspot_escalation.escalate(demo_db, actor(demo_db, "qg_op2"), case_id=case_id, reason="需区级协调",
                               expected_version=seen.version)
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "请网格员再核实")
    dialog.buttons["escalate"].click()
    assert errors == [f"案件 {seen.number} 已被 侨港值班员乙 于 {errors[0].split(' 于 ')[1][:5]} 修改,请重新载入"]
    assert dialog.detail.case.version > seen.version  # reloaded
    assert dialog.detail.case.level.value == "county"


def _registered_case_panel(qtbot, db, tasks):
    from desktop.views.bus import Bus

    with db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.REGISTERED).limit(1))
    bus = Bus()
    dialog = CaseDetailDialog(db, actor(db, "qg_op1"), tasks, case_id, bus=bus)
    qtbot.addWidget(dialog)
    return dialog, bus


def _escalated_elsewhere(db, dialog):
    onspot_escalation.escalate(db, actor(db, "qg_op2"), case_id=dialog.case_id, reason="需区级协调",
                               expected_version=dialog.detail.case.version)


def test_a_change_made_on_another_desktop_reloads_the_open_case_and_says_so(qtbot, demo_db, tasks):
    dialog, bus = _registered_case_panel(qtbot, demo_db, tasks)
    seen = dialog.detail.case.version
    _escalated_elsewhere(demo_db, dialog)
    bus.casesChanged.emit(frozenset({dialog.case_id + 1}))  # another case: nothing to do
    assert dialog.detail.case.version == seen and dialog.notice.isHidden()
    bus.casesChanged.emit(frozenset({dialog.case_id}))
    assert dialog.detail.case.version > seen and dialog.detail.case.level.value == "county"
    assert not dialog.notice.isHidden() and "其他终端刚更新了这件案件" in dialog.notice.text()
    with demo_db.session() as s:
        s.get(Case, dialog.case_id).title = "标题已由别处改过"
        s.commit()
    bus.casesChanged.emit(None)  # a change that did not say which case
    assert "标题已由别处改过" in dialog.header.text()


def test_a_change_made_elsewhere_while_answering_lets_the_action_be_refused_not_overwrite(qtbot, demo_db, tasks,
                                                                                       errors, monkeypatch):
    """The action goes with the version the user decided on: the service refuses it with who and when."""
    dialog, bus = _registered_case_panel(qtbot, demo_db, tasks)
    seen = dialog.detail.case

    def answer_while_another_desk_saves(*args):
        _escalated_elsewhere(demo_db, dialog)
        bus.casesChanged.emit(frozenset({dialog.case_id}))
        assert dialog.detail.case.version == seen.version  # not reloaded under the open question
        return "请网格员再核实"

    monkeypatch.setattr(case_detail, "ask_text", answer_while_another_desk_saves)
    dialog.buttons["escalate"].click()
    assert len(errors) == 1 and errors[0].startswith(f"案件 {seen.number} 已被 侨港值班员乙 于 ")
    assert dialog.detail.case.version > seen.version


def test_a_change_made_elsewhere_while_answering_a_cancelled_action_reloads_afterwards(qtbot, demo_db, tasks,
                                                                                        errors, monkeypatch):
    dialog, bus = _registered_case_panel(qtbot, demo_db, tasks)
    seen = dialog.detail.case.version

    def cancel_while_another_desk_saves(*args):
        _escalated_elsewhere(demo_db, dialog)
        bus.casesChanged.emit(frozenset({dialog.case_id}))
        return None

    monkeypatch.setattr(case_detail, "ask_text", cancel_while_another_desk_saves)
    dialog.buttons["escalate"].click()
    assert errors == [] and dialog.detail.case.version > seen


def test_dispatch_dialog_puts_the_suggestion_first(qtbot, demo_db, tasks):
    with demo_db.session() as s:
        case = s.scalar(select(Case).where(Case.state == CaseState.REGISTERED, Case.matter_item_id.is_not(None))
                        .limit(1))
        case_id, version = case.id, case.version
    dialog = DispatchDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id, version)
    qtbot.addWidget(dialog)
    item = next(s for s in dialog.suggestions if any("事项清单" in r for r in s.reasons))
    assert dialog.suggestions[0] == item and "事项清单" in dialog.reasons.text()  # competence first (Art. 17)
    # Which case, and when its shares would fall due if sent now (24:00 of a working day, as everywhere).
    assert case.number in dialog.case_label.text() and case.number in dialog.windowTitle()
    assert "前签收,办理时限" in dialog.case_label.text() and "24:00" in dialog.case_label.text()
    # Co-handlers are found by typing part of a name; Enter there goes to the first found, never dispatches.
    dialog.show()
    dialog.co_filter.setText("派出所")
    shown = [dialog.co.item(r).text() for r in range(dialog.co.count()) if not dialog.co.item(r).isHidden()]
    assert shown and all("派出所" in text for text in shown)
    qtbot.keyClick(dialog.co_filter, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.sending and dialog.co.currentItem().text() == shown[0]
    dialog.co.currentItem().setCheckState(Qt.CheckState.Checked)
    dialog.co_filter.setText("卫生")  # the one ticked is hidden now, but still said to be chosen
    assert dialog.co_chosen.text() == f"已选协办单位:{shown[0]}"
    dialog.co_filter.clear()
    dialog.co.currentItem().setCheckState(Qt.CheckState.Unchecked)
    assert dialog.co_chosen.text() == ""
    dialog.co.item(1).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.dispatched) as sent:
        dialog.buttons.accepted.emit()
    assert sent.args[0].state is CaseState.DISPATCHED
    with demo_db.session() as s:
        assert s.scalar(select(Assignment.id).where(Assignment.case_id == case_id).limit(1))


def _case_without_matter_item(db, operator):
    """A 12345 call about a loose railing: no matter item names a department for it."""
    from desktop.services.cases import intake

    return intake.take_in(db, operator, channel=Channel.HOTLINE_12345, title="海边栈道栏杆松动",
                          description="海边栈道一段栏杆松动,游客倚靠有坠落风险", category=MatterCategory.SAFETY_RISK,
                          requester_name="黄女士", requester_phone="13807790002", township_code=TOWNSHIP).case


@pytest.mark.law("Art. 17")
def test_a_case_without_a_matter_item_presets_no_lead_and_enter_sends_it_nowhere(qtbot, demo_db, tasks):
    """A 12345 call about a loose railing, with no matter item: level and territory fit the power company as
    well as the police station, so no lead is preset as if recommended (Art. 17(1)), and Enter does not send
    the case to a department the operator never chose; the one chosen then is sent."""
    operator = actor(demo_db, "qg_op1")
    case = _case_without_matter_item(demo_db, operator)
    dialog = DispatchDialog(demo_db, operator, tasks, case.id, case.version)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lead.count() > 1 and dialog.lead.currentIndex() == -1
    assert dialog.reasons.text().startswith("事项清单没有为本案指定可派的承办部门,不作推荐:")
    assert "层级相符" not in dialog.reasons.text()
    qtbot.keyClick(dialog.lead, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.sending
    with demo_db.session() as s:
        assert s.scalar(select(Assignment.id).where(Assignment.case_id == case.id)) is None
    dialog.lead.setCurrentIndex(0)  # chosen, even the first: not lost by one Esc
    qtbot.keyClick(dialog.lead, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.discard_note.isVisible()
    police = next(row for row, s in enumerate(dialog.suggestions) if s.name == "侨港派出所")
    dialog.lead.setCurrentIndex(police)
    with qtbot.waitSignal(dialog.dispatched):
        qtbot.keyClick(dialog.lead, Qt.Key.Key_Return)
    with demo_db.session() as s:
        assert s.scalar(select(Department.name).join(Assignment).where(Assignment.case_id == case.id)) == "侨港派出所"


@pytest.mark.law("Art. 18")
def test_co_handlers_ticked_before_the_lead_is_chosen_with_the_keyboard_are_kept(qtbot, demo_db, tasks):
    """No lead preset: Down in the lead box passes over co-handlers ticked first. Each is no co-handler while
    it is the lead (Art. 18(1)), and ticked again once the lead moves on: Enter sends the case with them."""
    operator = actor(demo_db, "qg_op1")
    case = _case_without_matter_item(demo_db, operator)
    dialog = DispatchDialog(demo_db, operator, tasks, case.id, case.version)
    qtbot.addWidget(dialog)
    dialog.show()
    ticked = [dialog.co.item(row).data(Qt.ItemDataRole.UserRole) for row in (1, 2)]
    for row in (1, 2):
        dialog.co.item(row).setCheckState(Qt.CheckState.Checked)
    assert dialog.co_handlers() == ticked
    for _ in range(3):
        qtbot.keyClick(dialog.lead, Qt.Key.Key_Down)
    assert dialog.lead.currentIndex() == 2 and dialog.co_handlers() == ticked[:1]  # the lead is no co-handler
    qtbot.keyClick(dialog.lead, Qt.Key.Key_Down)
    assert dialog.co_handlers() == ticked
    lead = dialog.lead.currentData()
    with qtbot.waitSignal(dialog.dispatched):
        qtbot.keyClick(dialog.lead, Qt.Key.Key_Return)
    with demo_db.session() as s:
        sent = s.execute(select(Assignment.department_id, Assignment.role).where(Assignment.case_id == case.id))
        assert sorted(sent) == sorted([(lead, AssignmentRole.LEAD), *[(i, AssignmentRole.CO) for i in ticked]])


@pytest.mark.law("Art. 20")
def test_callback_workbench_follows_an_unsolved_answer_with_reopening(qapp, qtbot, demo_db, tasks, cjk_font, errors):
    workbench = CallbackWorkbench(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(workbench)
    count = workbench.table.rowCount()
    first = workbench.entries[0]
    # The answer is chosen, never preset: nothing is recorded until it is.
    assert (workbench.solved.currentIndex(), workbench.satisfaction.currentIndex()) == (-1, -1)
    assert not workbench.record_button.isEnabled()
    workbench.solved.setCurrentIndex(workbench.solved.findData(False))
    assert workbench.outcome.currentData() == CallbackOutcome.REOPEN.value  # offered at once
    assert not workbench.record_button.isEnabled()
    workbench.satisfaction.setCurrentIndex(workbench.satisfaction.findData(Satisfaction.UNSATISFIED.value))
    assert workbench.record_button.isEnabled()
    # Without a follow-up the answer cannot be recorded, and the button says why before it is pressed.
    workbench.outcome.setCurrentIndex(workbench.outcome.findData(CallbackOutcome.NONE.value))
    assert not workbench.record_button.isEnabled() and "第二十条" in workbench.record_button.toolTip()
    workbench.outcome.setCurrentIndex(workbench.outcome.findData(CallbackOutcome.REOPEN.value))
    assert workbench.record_button.isEnabled() and not workbench.record_button.toolTip()
    # The demo's earliest callback fell due weeks ago: it says so, in red.
    assert first.due_at < utcnow() and "已逾期" in workbench.table.item(0, 0).text()
    with demo_db.session() as s:  # what the requester is asked about is in sight
        case = s.get(Case, first.case_id)
        asked = f"暂缓理由:{case.hold_reason}" if case.hold_reason else f"办理结果:{case.resolution}"
    assert workbench.answer.text().startswith(asked)
    on_hold = dataclasses.replace(first, hold_reason="待片区拆迁", hold_explanation="已说明拆迁后一并处理")
    assert workbench._answer_text(on_hold) == "暂缓理由:待片区拆迁;已向诉求人解释:已说明拆迁后一并处理"
    # The numbers to dial are the chosen row's, whole, and its duplicates' requesters' (the list masks them).
    assert "*" in first.requester_phone and workbench.dial.text().startswith(f"拨打:{first.requester_name or ''}")
    assert "*" not in workbench.dial.text()
    with_duplicates = dataclasses.replace(first, requester_name="冉宁静", requester_phone="18827998117",
                                          merged_in=(("黄女士", "13907790002"), (None, "13907790003")))
    workbench._show_numbers(with_duplicates)
    assert workbench.dial.text() == "拨打:冉宁静 18827998117\n并入本案的重复诉求人,请一并告知:黄女士 13907790002;13907790003"
    assert workbench.table.item(0, 1).foreground().color().name() == "#c62828"
    workbench.resize(820, 520)
    assert not workbench.grab().isNull()  # the whole workbench paints
    with qtbot.waitSignal(workbench.case_chosen) as opened:  # the whole case, a double-click away
        workbench.table.itemDoubleClicked.emit(workbench.table.item(0, 2))
    assert opened.args == [first.case_id]
    with qtbot.waitSignal(workbench.recorded):
        workbench.record_button.click()
    assert errors == [] and workbench.table.rowCount() == count - 1
    with demo_db.session() as s:
        assert s.get(Callback, first.id).state is CallbackState.DONE
        assert s.get(Case, first.case_id).state is CaseState.REOPENED


@pytest.mark.law("Art. 20")
def test_a_reopening_offered_for_an_unhappy_answer_is_taken_back_when_the_answer_is_corrected(qtbot, demo_db, tasks):
    """未解决 chosen by a key pressed once too often, then corrected to 已解决 and 满意: the 重办 the workbench had
    offered stayed, and the satisfied requester's case was reopened. One the operator chose stays chosen."""
    workbench = CallbackWorkbench(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(workbench)
    reopen, none = CallbackOutcome.REOPEN.value, CallbackOutcome.NONE.value
    workbench.solved.setCurrentIndex(workbench.solved.findData(False))
    assert workbench.outcome.currentData() == reopen
    workbench.solved.setCurrentIndex(workbench.solved.findData(True))
    workbench.satisfaction.setCurrentIndex(workbench.satisfaction.findData(Satisfaction.UNSATISFIED.value))
    assert workbench.outcome.currentData() == reopen
    workbench.satisfaction.setCurrentIndex(workbench.satisfaction.findData(Satisfaction.SATISFIED.value))
    assert workbench.outcome.currentData() == none
    workbench.outcome.setCurrentIndex(workbench.outcome.findData(reopen))
    workbench.outcome.activated.emit(workbench.outcome.currentIndex())  # as a click or a key in the list does
    workbench.satisfaction.setCurrentIndex(workbench.satisfaction.findData(Satisfaction.BASICALLY.value))
    assert workbench.outcome.currentData() == reopen


@pytest.mark.law("Art. 20")
@pytest.mark.law("Art. 20")
def test_the_callback_workbench_offers_the_departments_responsible_person_as_who_called(qtbot, demo_db, tasks, errors):
    """Art. 20(3): the department has its responsible person call back. The workbench had no word of who called:
    each callback went down as made by whoever entered it. The lead department's responsible person is offered,
    and an empty field still means the user."""
    operator = actor(demo_db, "qg_op1")
    first = next(entry for entry in callbacks.due_callbacks(demo_db, operator) if entry.responsible)
    workbench = CallbackWorkbench(demo_db, operator, tasks)
    qtbot.addWidget(workbench)
    workbench.table.selectRow(next(n for n, entry in enumerate(workbench.entries) if entry.id == first.id))
    # Offered, not chosen: at the center's desk the user often calls, and an empty field says so.
    assert workbench.caller.currentText() == "" and "第二十条" in workbench.caller.toolTip()
    assert workbench.caller.lineEdit().placeholderText() == f"本人({operator.display_name})"
    assert [workbench.caller.itemText(n) for n in range(workbench.caller.count())] == list(first.responsible)
    workbench.caller.setCurrentIndex(0)
    workbench.solved.setCurrentIndex(workbench.solved.findData(True))
    workbench.satisfaction.setCurrentIndex(workbench.satisfaction.findData(Satisfaction.SATISFIED.value))
    with qtbot.waitSignal(workbench.recorded):
        workbench.record_button.click()
    with demo_db.session() as s:
        assert s.get(Callback, first.id).caller == first.responsible[0] and not errors


@pytest.mark.law("Art. 15")
def test_a_callback_made_elsewhere_before_its_numbers_arrive_is_said_and_the_list_read_again(
        qtbot, demo_db, tasks, monkeypatch, errors):
    """Its numbers asked for, the callback had been recorded on another desk: the workbench had read its list
    again without a word; it says so. Any other failure is shown, and the row chosen again asks again."""
    from desktop.errors import NotFound

    workbench = CallbackWorkbench(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(workbench)

    def made_elsewhere(*args):
        raise NotFound("这次回访已由其他值班台记录,或已不需要回访;请刷新")

    monkeypatch.setattr(callbacks, "numbers_to_dial", made_elsewhere)
    workbench.table.selectRow(1)
    qtbot.waitUntil(lambda: not workbench.notice.isHidden())
    assert workbench.notice.text() == "这次回访已由其他值班台记录,或已不需要回访;请刷新" and workbench.dial.text() == ""
    assert not errors
    monkeypatch.setattr(callbacks, "numbers_to_dial", lambda *args: 1 / 0)
    workbench.table.selectRow(2)
    qtbot.waitUntil(lambda: bool(errors))
    assert workbench._numbers_for is None  # asked again when chosen again
    errors.clear()


def test_a_callback_sent_cannot_be_sent_again_before_its_answer(qtbot, demo_db, errors):
    """Enter pressed twice sent the callback twice: the second was refused as changed by another user."""
    tasks = Deferred()
    workbench = CallbackWorkbench(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(workbench)
    tasks.run_all()
    chosen = workbench._chosen()
    workbench.solved.setCurrentIndex(workbench.solved.findData(True))
    workbench.satisfaction.setCurrentIndex(workbench.satisfaction.findData(Satisfaction.SATISFIED.value))
    workbench.record_button.click()
    assert not workbench.record_button.isEnabled()
    workbench.record()  # Enter in a field, as the default button would
    assert [fn.__name__ for fn, _, _ in tasks.queued] == ["record_callback"]
    tasks.queued[0][2]["on_error"](Conflict("记录已被其他用户修改"))  # refused: the answer is there to send again
    assert workbench.record_button.isEnabled()
    tasks.queued.clear()
    workbench.record_button.click()
    tasks.run_all()
    assert [str(e) for e in errors] == ["记录已被其他用户修改"] and chosen.id not in [e.id for e in workbench.entries]
    with demo_db.session() as s:
        assert s.get(Callback, chosen.id).state is CallbackState.DONE
    assert not workbench.record_button.isEnabled()  # the next requester's answer is not chosen yet


@pytest.mark.law("Art. 20")
def test_callback_workbench_follows_other_desks_and_never_moves_an_answer_to_another_requester(
        qtbot, demo_db, tasks, feature_window, errors):
    from desktop.views.cases.callback_workbench import open_callback_workbench

    window = feature_window(demo_db, actor(demo_db, "qg_op1"), tasks)
    open_callback_workbench(window)
    workbench = window.findChild(CallbackWorkbench)
    first, second, third = workbench.entries[:3]
    workbench.table.selectRow(1)  # answering the second requester
    workbench.notes.setText("诉求人说路灯已经亮了")
    # Another desk records the first: it leaves this list, and the second stays chosen with its answer.
    callbacks.record_callback(demo_db, actor(demo_db, "qg_chief"), callback_id=first.id, solved=True,
                              satisfaction=Satisfaction.SATISFIED)
    window.bus.changed.emit("cases")
    qtbot.waitUntil(lambda: all(e.id != first.id for e in workbench.entries), timeout=5000)
    assert workbench._chosen().id == second.id and workbench.notes.text() == "诉求人说路灯已经亮了"
    assert workbench.notice.isHidden()
    # Then the one being answered is recorded elsewhere: the half-filled answer goes, with a word why.
    callbacks.record_callback(demo_db, actor(demo_db, "qg_chief"), callback_id=second.id, solved=True,
                              satisfaction=Satisfaction.SATISFIED)
    window.bus.changed.emit("cases")
    qtbot.waitUntil(lambda: all(e.id != second.id for e in workbench.entries), timeout=5000)
    assert workbench.notes.text() == "" and workbench.solved.currentIndex() == -1
    assert workbench.notice.isVisible() and second.case_number in workbench.notice.text()
    assert workbench._chosen().id == third.id and not workbench.record_button.isEnabled()
    assert workbench.answer.text() == workbench._answer_text(third)  # asked about the one now chosen
    workbench.close()
    callbacks.record_callback(demo_db, actor(demo_db, "qg_chief"), callback_id=third.id, solved=True,
                              satisfaction=Satisfaction.SATISFIED)
    window.bus.changed.emit("cases")  # closed: not reloaded for nothing
    assert any(e.id == third.id for e in workbench.entries)
    open_callback_workbench(window)  # the same workbench again, reloaded
    assert window.findChildren(CallbackWorkbench) == [workbench] and workbench.isVisible()
    qtbot.waitUntil(lambda: all(e.id != third.id for e in workbench.entries), timeout=5000)
    workbench.close()
    assert errors == []


@pytest.mark.law("Art. 20")
def test_callback_workbench_offers_only_the_follow_ups_the_user_may_decide(qapp, qtbot, demo_db, tasks, cjk_font,
                                                                          errors):
    """An operator may reopen (review) but not supervise; a shift supervisor may do both (Art. 15, 20)."""
    def offered(workbench) -> set[str]:
        items = workbench.outcome.model()
        return {workbench.outcome.itemData(i) for i in range(workbench.outcome.count()) if items.item(i).isEnabled()}

    operator = CallbackWorkbench(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(operator)
    assert operator.entries and CallbackOutcome.SUPERVISE.value not in offered(operator)
    assert CallbackOutcome.REOPEN.value in offered(operator)
    supervisor = CallbackWorkbench(demo_db, actor(demo_db, "qg_chief"), tasks)
    qtbot.addWidget(supervisor)
    assert offered(supervisor) == {o.value for o in CallbackOutcome}


@pytest.mark.law("Art. 20")
def test_a_requester_without_a_phone_is_called_back_in_person_from_the_workbench(qapp, qtbot, demo_db, tasks,
                                                                                 cjk_font, errors):
    first = callbacks.due_callbacks(demo_db, actor(demo_db, "qg_op1"))[0]
    with demo_db.session() as s:  # a walk-in who left a name and no phone
        s.get(Case, first.case_id).requester_phone = None
        s.commit()
    workbench = CallbackWorkbench(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(workbench)
    workbench.table.selectRow(next(row for row, e in enumerate(workbench.entries) if e.id == first.id))
    phone = workbench.method.findData(CallbackMethod.PHONE.value)
    assert workbench.method.currentData() == CallbackMethod.IN_PERSON.value
    assert not workbench.method.model().item(phone).isEnabled()
    workbench.solved.setCurrentIndex(workbench.solved.findData(True))
    workbench.satisfaction.setCurrentIndex(workbench.satisfaction.findData(Satisfaction.SATISFIED.value))
    with qtbot.waitSignal(workbench.recorded):
        workbench.record_button.click()
    assert errors == []
    with demo_db.session() as s:
        assert s.get(Callback, first.id).method is CallbackMethod.IN_PERSON
    # The next requester, with a phone, is called by phone again.
    assert workbench.entries[0].requester_phone and workbench.method.currentData() == CallbackMethod.PHONE.value


def _panel_in_window(qtbot, db, tasks):
    """The case panel as the main window opens it (Enter on a queue row), over a stand-in window."""
    from PySide6.QtWidgets import QWidget

    from desktop.views.bus import Bus

    window = QWidget()
    qtbot.addWidget(window)
    window.db, window.actor, window.tasks, window.bus = db, actor(db, "qg_op1"), tasks, Bus(window)
    with db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.REGISTERED).limit(1))
    case_detail.open_case(window, case_id)
    tasks.run()  # the detail
    return window, window.findChild(CaseDetailDialog)


def test_an_action_still_answers_after_its_panel_is_closed(qtbot, demo_db, errors, monkeypatch):
    """Esc right after 上报: the escalation still refreshes the queue; the panel is let go after."""
    tasks = Deferred()
    window, dialog = _panel_in_window(qtbot, demo_db, tasks)
    heard, gone = [], []
    window.bus.changed.connect(heard.append)
    dialog.destroyed.connect(lambda: gone.append(True))
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "需区级协调")
    dialog.buttons["escalate"].click()
    dialog.reject()
    qtbot.wait(50)
    assert gone == [] and tasks.queued  # kept while its action is on its way
    tasks.run()
    assert heard == ["cases"] and errors == []
    qtbot.waitUntil(lambda: gone == [True])
    assert not tasks.queued  # a deleted panel starts no reload


def test_a_refusal_after_the_panel_is_closed_is_shown_over_the_window(qtbot, demo_db, errors, monkeypatch):
    tasks = Deferred()
    window, dialog = _panel_in_window(qtbot, demo_db, tasks)
    onspot_escalation.escalate(demo_db, actor(demo_db, "qg_op2"), case_id=dialog.case_id, reason="需区级协调",
                               expected_version=dialog.detail.case.version)
    shown_over = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: shown_over.append(parent))
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "请网格员再核实")
    dialog.buttons["escalate"].click()
    dialog.reject()
    tasks.run()
    assert shown_over == [window]


def test_the_dispatch_dialog_cannot_be_cancelled_or_sent_twice_while_it_sends(qtbot, demo_db):
    tasks = Deferred()
    with demo_db.session() as s:
        case_id, version = s.execute(select(Case.id, Case.version).where(Case.state == CaseState.REGISTERED)
                                     .limit(1)).one()
    dialog = DispatchDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id, version)
    qtbot.addWidget(dialog)
    tasks.run_all()  # the suggestions and the deadlines a dispatch now would set
    dialog.show()
    dialog.send()
    dialog.send()
    dialog.reject()
    assert len(tasks.queued) == 1 and dialog.isVisible() and not dialog.buttons.isEnabled()
    with qtbot.waitSignal(dialog.dispatched):
        tasks.run()
    assert not dialog.isVisible()


def test_this_panels_own_change_coming_back_from_the_feed_is_not_news(qtbot, demo_db, tasks, errors, monkeypatch):
    """The change feed also carries this desktop's own writes: after 上报 the panel says nothing."""
    from desktop.services.live import FeedChange
    from desktop.views.live_bridge import LiveBridge

    dialog, bus = _registered_case_panel(qtbot, demo_db, tasks)
    bridge = LiveBridge(demo_db, bus)  # not started: the test plays the listener
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "需区级协调")
    dialog.buttons["escalate"].click()
    reloads = []
    monkeypatch.setattr(dialog.tasks, "submit", lambda *args, **kwargs: reloads.append(args) or
                        tasks.__class__.submit(dialog.tasks, *args, **kwargs))
    bridge.arrived.emit([FeedChange(1, "cases", dialog.case_id, None, dialog.actor.desktop)])
    qtbot.waitUntil(lambda: len(reloads) == 1)
    assert errors == [] and dialog.notice.isHidden()


def test_a_reload_landing_under_an_open_question_does_not_change_the_version_sent(qtbot, demo_db, tasks, errors,
                                                                                  monkeypatch):
    dialog, bus = _registered_case_panel(qtbot, demo_db, tasks)
    seen = dialog.detail.case

    def answer_while_a_reload_lands(*args):
        _escalated_elsewhere(demo_db, dialog)
        dialog.reload()  # a reload started before the question, landing now
        assert dialog.detail.case.version > seen.version
        return "请网格员再核实"

    monkeypatch.setattr(case_detail, "ask_text", answer_while_a_reload_lands)
    dialog.buttons["escalate"].click()
    assert len(errors) == 1 and errors[0].startswith(f"案件 {seen.number} 已被 侨港值班员乙 于 ")


def test_a_dispatch_refused_because_the_case_changed_closes_and_the_panel_reloads(qtbot, demo_db, errors):
    tasks = Deferred()
    with demo_db.session() as s:
        case_id, version = s.execute(select(Case.id, Case.version).where(Case.state == CaseState.REGISTERED)
                                     .limit(1)).one()
    dialog = DispatchDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id, version - 1)  # stale
    qtbot.addWidget(dialog)
    tasks.run_all()
    dialog.show()
    with qtbot.waitSignal(dialog.conflicted):
        dialog.send()
        tasks.run()
    assert not dialog.isVisible() and "请重新载入" in errors[0]


@pytest.mark.law("Art. 19")
def test_an_extension_is_decided_knowing_what_it_asks_and_with_the_version_decided_on(qtbot, demo_db, tasks, errors,
                                                                                     monkeypatch):
    from desktop.models.enums import SupervisionLevel
    from desktop.services.cases import supervision

    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.EXTENSION_PENDING).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    seen = dialog.detail.case
    asked = []

    def answer_while_a_reload_lands(parent, title, question, approve, refuse):
        asked.append(question)
        supervision.supervise(demo_db, actor(demo_db, "qg_chief"), case_id=case_id, level=SupervisionLevel.GENERAL,
                              reason="请加快", expected_version=seen.version)
        dialog.reload()
        return True

    monkeypatch.setattr(case_detail, "ask_decision", answer_while_a_reload_lands)
    dialog.buttons["decide_extension"].click()
    assert asked and asked[0].startswith(dialog.detail.pending_extension.text)  # who asks for how long, and why
    assert len(errors) == 1 and errors[0].startswith(f"案件 {seen.number} 已被 ")


def test_a_deadline_under_an_hour_counts_in_minutes():
    from datetime import datetime, timedelta, timezone

    now = datetime(2026, 6, 9, 2, 0, tzinfo=timezone.utc)
    assert deadline_text(now + timedelta(minutes=25), now).endswith("(剩余 25分钟)")
    assert deadline_text(now - timedelta(minutes=10), now).endswith("(已逾期 10分钟)")
    assert deadline_text(now + timedelta(hours=5), now).endswith("(剩余 5小时)")


def test_a_panel_counts_a_deadline_down_as_the_queue_does(qapp):
    """The queue said 剩 5小时 and the case panel 剩余 6 小时 of the same deadline: both count whole units
    left, never rounding up."""
    from datetime import datetime, timedelta, timezone

    from desktop.views.countdown import span_text

    now = datetime(2026, 6, 9, 2, 0, tzinfo=timezone.utc)
    for left, shown in ((timedelta(hours=5, minutes=59), "5小时"), (timedelta(days=18, hours=14, minutes=50), "18天14小时"),
                        (timedelta(days=6, hours=23, minutes=40), "6天23小时"), (timedelta(seconds=20), "1分钟")):
        assert span_text(left) == span_text(-left) == shown
        assert deadline_text(now + left, now).endswith(f"(剩余 {shown})")
        assert deadline_text(now - left, now).endswith(f"(已逾期 {shown})")


@pytest.mark.law("Art. 20")
def test_the_panel_shows_open_supervision_orders_with_their_deadline(qtbot, demo_db, tasks):
    from desktop.models.enums import SupervisionLevel
    from desktop.services.cases import supervision

    dialog, _bus = _registered_case_panel(qtbot, demo_db, tasks)
    supervision.supervise(demo_db, actor(demo_db, "qg_chief"), case_id=dialog.case_id, level=SupervisionLevel.KEY,
                          reason="群众多次反映", expected_version=dialog.detail.case.version)
    dialog.reload()
    rows = {dialog.particulars.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text():
            dialog.particulars.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
            for row in range(dialog.particulars.rowCount())}
    assert rows["督办"].startswith("重点督办:群众多次反映,期限 ") and "(剩余 " in rows["督办"]



@pytest.mark.law("Art. 20")
def test_a_supervisor_sets_the_deadline_of_a_supervision_order_or_keeps_the_default(qtbot, demo_db, tasks, monkeypatch):
    """Art. 20(1) 督促承办单位限时办结: the supervisor gives the order its time limit. The question
    starts at the default (3 working days); kept, the order gets the default deadline (recounted when a
    year's holidays are entered); another day chosen is the order's deadline, at 24:00 Beijing time."""
    from datetime import datetime, time

    from desktop.models.enums import SupervisionLevel
    from desktop.services.cases import supervision
    from desktop.services.clock import BEIJING, beijing_today

    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.REGISTERED).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    offered = []

    def answer(day_shift):
        def ask(parent, title, label, default):
            offered.append(default)
            return default + timedelta(days=day_shift)
        return ask

    monkeypatch.setattr(case_detail, "ask_item", lambda *args: 0)
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "请限期办结")
    monkeypatch.setattr(case_detail, "ask_due_date", answer(0))
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["supervise"].click()
    kept = dialog.detail.supervision_orders[-1]
    assert kept.due_at == supervision.default_due(_calendar(demo_db), kept.issued_at)
    assert offered[-1] == (kept.due_at.astimezone(BEIJING) - timedelta(days=1)).date()  # its day, shown as 24:00

    monkeypatch.setattr(case_detail, "ask_item", lambda *args: 1)
    monkeypatch.setattr(case_detail, "ask_due_date", lambda parent, title, label, default: beijing_today() + timedelta(days=1))
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["supervise"].click()
    chosen = dialog.detail.supervision_orders[-1]
    assert chosen.level is SupervisionLevel.KEY
    assert chosen.due_at == datetime.combine(beijing_today() + timedelta(days=2), time(0), BEIJING)

    monkeypatch.setattr(case_detail, "ask_due_date", lambda *args: None)  # cancelled: no order
    before = len(dialog.detail.supervision_orders)
    dialog.buttons["supervise"].click()
    assert len(dialog.detail.supervision_orders) == before


@pytest.mark.law("Art. 20")
def test_under_a_running_key_supervision_only_key_supervision_is_offered(qtbot, demo_db, tasks, errors, monkeypatch):
    """A 一般督办 under a running 重点督办 is refused by the service: it is not offered, to be refused
    only after the reason and the deadline were typed."""
    from desktop.services.cases import supervision

    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.HANDLING).limit(1))
        version = s.get(Case, case_id).version
    supervision.supervise(demo_db, actor(demo_db, "qg_chief"), case_id=case_id, level=SupervisionLevel.KEY,
                          reason="超期未办结", expected_version=version)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    offered = []
    monkeypatch.setattr(case_detail, "ask_item", lambda parent, title, label, items: offered.extend(items) or 0)
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "再次督办,请今日内办结")
    _take_the_default_deadline(monkeypatch)
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["supervise"].click()
    assert offered == ["重点督办"] and errors == []
    assert [o.level for o in dialog.detail.supervision_orders if o.closed_at is None][-1] is SupervisionLevel.KEY


def _rows_captioned(dialog, caption) -> list[str]:
    """The particulars under `caption`, which may head several rows (one per running 督办 order)."""
    return [dialog.particulars.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
            for row in range(dialog.particulars.rowCount())
            if dialog.particulars.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text() == caption]


@pytest.mark.law("Art. 20")
def test_an_order_taken_over_by_a_new_one_is_shown_so_not_overdue(qtbot, demo_db, tasks, monkeypatch):
    """Art. 20(1): a 一般督办 run out, then 重点督办 with a new deadline. The panel listed both orders, the old one
    已逾期, and the queue and the wall said 督办超期 for good. The old order is closed by the new one: the panel
    says it was taken over, and the queue watches the new deadline only."""
    from desktop.models import SupervisionOrder
    from desktop.services import queue

    with demo_db.session() as s:
        case_id, reason = s.execute(select(Case.id, SupervisionOrder.reason).join(SupervisionOrder).where(
            SupervisionOrder.closed_at.is_(None), SupervisionOrder.level == SupervisionLevel.GENERAL,
            SupervisionOrder.due_at < utcnow()).order_by(Case.id).limit(1)).one()
    chief = actor(demo_db, "qg_chief")
    dialog = CaseDetailDialog(demo_db, chief, tasks, case_id)
    qtbot.addWidget(dialog)
    assert any("(已逾期 " in text for text in _rows_captioned(dialog, "督办"))
    _answer_supervision(monkeypatch, "督办逾期未办结")
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["supervise"].click()
    taken_over, running = _rows_captioned(dialog, "督办")
    assert taken_over.startswith(f"一般督办:{reason},已由重点督办取代(") and "已逾期" not in taken_over
    assert running.startswith("重点督办:督办逾期未办结,期限 ") and "(剩余 " in running
    [row] = [r for r in queue.page(demo_db, chief, queue.QueueFilter(), 0, 1000) if r.id == case_id]
    assert not row.supervision_overdue(utcnow())


@pytest.mark.law("Art. 20")
def test_an_urgent_case_is_given_a_supervision_deadline_at_a_time_of_day(qtbot, demo_db, tasks, monkeypatch):
    """Art. 20(1) 限时办结: an urgent case is handled within 24 hours, yet its 督办 order could only be given whole
    days (3 working days by default). Its deadline is asked as a date and time now, starting DEFAULT_HOURS on."""
    from desktop.services.cases import supervision

    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.urgent, Case.state == CaseState.DISPATCHED,
                                                 Case.supervision == SupervisionLevel.NONE).order_by(Case.id).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    asked = []

    def an_hour_sooner(parent, title, label, default):
        asked.append((label, default))
        return default - timedelta(hours=1)

    monkeypatch.setattr(case_detail, "ask_item", lambda *args: 0)
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "停水未恢复")
    monkeypatch.setattr(case_detail, "ask_due_moment", an_hour_sooner)
    monkeypatch.setattr(case_detail, "ask_due_date", lambda *args: pytest.fail("asked for a day"))
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["supervise"].click()
    [(label, default)] = asked
    assert label == f"督办期限(北京时间;默认 {supervision.DEFAULT_HOURS} 小时后)"
    assert timedelta(0) < default - utcnow() <= timedelta(hours=supervision.DEFAULT_HOURS)
    [order] = dialog.detail.supervision_orders
    assert order.due_at == default - timedelta(hours=1)


def test_a_deadline_at_a_time_of_day_is_asked_to_the_minute_from_now_on(qtbot, monkeypatch):
    """The field of `ask_due_moment` shows Beijing time to the minute, starting at the default, and takes no
    moment already past."""
    from datetime import datetime, timezone

    from PySide6.QtWidgets import QDateTimeEdit

    asked = []

    def answer(dialog):
        asked.append(dialog)  # kept, with the field it holds
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", answer)
    default = datetime(2099, 3, 1, 6, 30, 45, tzinfo=timezone.utc)  # 14:30:45 Beijing time
    assert case_detail.ask_due_moment(None, "督办", "督办期限", default) == datetime(2099, 3, 1, 6, 30,
                                                                                   tzinfo=timezone.utc)
    field = asked[0].findChild(QDateTimeEdit)
    assert field.text() == "2099-03-01 14:30"
    field.setDateTime(field.minimumDateTime().addSecs(-3600))
    assert field.dateTime() == field.minimumDateTime()  # no earlier than now


def _calendar(db):
    from desktop.services.clock import WorkCalendar

    with db.session() as s:
        return WorkCalendar.load(s)

def _particulars(dialog) -> dict[str, str]:
    return {dialog.particulars.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text():
            dialog.particulars.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
            for row in range(dialog.particulars.rowCount())}


def test_a_result_sent_back_is_not_shown_as_the_cases_result_and_a_reported_share_counts_no_more(
        qtbot, demo_db, tasks):
    with demo_db.session() as s:
        sent_back = s.scalar(select(Case.id).where(Case.state == CaseState.SENT_BACK, Case.resolution.is_not(None)))
        registered = s.scalar(select(Case.id).where(Case.state == CaseState.REGISTERED))
        reported = s.scalar(select(Assignment.case_id).where(Assignment.state == AssignmentState.REPORTED))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, sent_back)
    qtbot.addWidget(dialog)
    assert "退回前的办理结果" in _particulars(dialog) and "办理结果" not in _particulars(dialog)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, registered)
    qtbot.addWidget(dialog)
    assert not dialog.shares.isVisibleTo(dialog)  # not dispatched: no empty table
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, reported)
    qtbot.addWidget(dialog)
    row = next(r for r in range(dialog.shares.rowCount()) if dialog.shares.item(r, 3).text() == "已反馈")
    assert "剩余" not in dialog.shares.item(row, 5).text() and "逾期" not in dialog.shares.item(row, 5).text()


@pytest.mark.parametrize("choice, answer", [("通过并结案", True), ("退回重办…", False), (None, None)])
def test_a_decision_names_what_each_choice_does_and_cancel_is_the_default(qtbot, choice, answer):
    """A 是/否 box reads like 确定/取消: 否 had sent a case back when the operator meant to step away."""
    seen = []

    def answer_it():
        box = QApplication.activeModalWidget()
        seen.append(([b.text() for b in box.buttons()], box.defaultButton().text()))
        pick = box.defaultButton() if choice is None else next(b for b in box.buttons() if b.text() == choice)
        pick.click()

    QTimer.singleShot(0, answer_it)
    assert case_detail.ask_decision(None, "核查", "核查办理结果", "通过并结案", "退回重办…") is answer
    texts, default = seen[0]
    assert {"通过并结案", "退回重办…"} <= set(texts) and len(texts) == 3
    assert default not in ("通过并结案", "退回重办…")


@pytest.mark.parametrize("typed, value", [("侨北第一网格(450503103001001)", "450503103001001"),
                                          (" 450503103002001 ", "450503103002001"), ("", None)])
def test_a_choice_starts_empty_and_is_picked_or_typed_on_one_line_where_enter_confirms(qtbot, typed, value):
    seen = []

    def answer_it():
        box = QApplication.activeModalWidget()
        edit = box.findChild(QLineEdit)
        seen.append(edit.text())
        edit.setText(typed)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer_it)
    choices = {"侨北第一网格(450503103001001)": "450503103001001", "侨南第一网格(450503103002001)": "450503103002001"}
    assert case_detail.ask_choice(None, "指定网格", "网格", choices) == value
    assert seen == [""]  # Enter alone takes nothing


def test_typing_part_of_a_choice_lists_the_entries_holding_it(qtbot):
    found = []

    def type_digits():
        box = QApplication.activeModalWidget()
        combo = box.findChild(QComboBox)
        combo.completer().setCompletionPrefix("002001")
        found.extend(combo.completer().completionModel().index(row, 0).data()
                     for row in range(combo.completer().completionCount()))
        box.reject()

    QTimer.singleShot(0, type_digits)
    choices = {"侨北第一网格(450503103001001)": "450503103001001", "侨南第一网格(450503103002001)": "450503103002001"}
    assert case_detail.ask_choice(None, "指定网格", "网格", choices) is None
    assert found == ["侨南第一网格(450503103002001)"]


@pytest.mark.law("Art. 19")
def test_an_extension_is_asked_in_the_cases_own_unit_up_to_its_own_limit(qtbot, demo_db, tasks, monkeypatch):
    case_id = _police_case(demo_db, AssignmentState.HANDLING, *_in_time_without_extension())
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(dialog)
    asked = []
    monkeypatch.setattr(case_detail, "ask_int", lambda parent, title, text, most: asked.append((text, most)) and None)
    dialog.buttons["request_extension"].click()
    unit = dialog.detail.handling_unit.label
    assert asked == [(f"延期多少{unit}(不超过原办理时限 {dialog.detail.handling_limit} {unit})",
                      dialog.detail.handling_limit)]


def test_a_suspected_duplicate_opens_by_double_click(qtbot, demo_db, tasks):
    from desktop.services.cases.duplicates import DuplicateHint
    from desktop.services.cases.results import CaseInfo

    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    with demo_db.session() as s:
        case = CaseInfo.of(s.scalars(select(Case).where(Case.state == CaseState.HANDLING)).first())
    dialog._show_lookup((None, [], [DuplicateHint(case, 120.0)]))
    item = dialog.duplicates.item(0)
    assert item.text().startswith(f"{case.number} {case.title}(相距 120 米")
    with qtbot.waitSignal(dialog.duplicate_chosen) as chosen:
        dialog.duplicates.itemDoubleClicked.emit(item)
    assert chosen.args == [case.id]


def test_each_new_case_dialog_is_let_go_when_closed_even_with_a_duplicate_opened_over_it(qtbot, demo_db, tasks,
                                                                                       feature_window, errors):
    from desktop.views.cases.new_case_dialog import open_new_case

    window = feature_window(demo_db, actor(demo_db, "qg_op1"), tasks)
    window.show()
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.HANDLING).limit(1))
    for _ in range(3):  # Ctrl+N, Esc, three times over
        open_new_case(window)
        window.findChild(NewCaseDialog).reject()
        qtbot.waitUntil(lambda: window.findChild(NewCaseDialog) is None, timeout=2000)
    open_new_case(window)
    dialog = window.findChild(NewCaseDialog)
    dialog.duplicate_chosen.emit(case_id)  # a suspected duplicate opened to look at
    panel = window.findChild(CaseDetailDialog)
    assert panel is not None and panel.isVisible()
    panel.close()
    dialog.reject()
    qtbot.waitUntil(lambda: not window.findChildren(NewCaseDialog) and not window.findChildren(CaseDetailDialog),
                    timeout=2000)
    assert errors == []


def test_a_case_opened_from_the_new_case_form_still_answers_for_its_action_after_the_form_is_closed(
        qtbot, demo_db, errors, monkeypatch, feature_window):
    """A suspected duplicate opened from 新建诉求 (deleted when it closes) was the form's child: 上报 on it,
    then Esc on both, and the form took the panel along before the escalation answered; the queue was
    not refreshed. The panel is the desk's (case_detail._in_front)."""
    from desktop.views.cases.new_case_dialog import open_new_case

    tasks = Deferred()
    window = feature_window(demo_db, actor(demo_db, "qg_op1"), tasks)
    window.show()
    open_new_case(window)
    form = window.findChild(NewCaseDialog)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.REGISTERED).limit(1))
    form.duplicate_chosen.emit(case_id)
    tasks.run_all()  # the form's lookups, the panel's detail
    panel = window.findChild(CaseDetailDialog)
    assert panel.parentWidget() is window
    heard, gone = [], []
    window.bus.changed.connect(heard.append)
    panel.destroyed.connect(lambda: gone.append(True))
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "需区级协调")
    panel.buttons["escalate"].click()
    panel.reject()
    form.reject()
    qtbot.waitUntil(lambda: window.findChild(NewCaseDialog) is None, timeout=2000)
    assert gone == [] and tasks.queued  # kept while its action is on its way
    tasks.run()
    assert heard == ["cases"] and errors == []
    qtbot.waitUntil(lambda: gone == [True])


@pytest.mark.law("Art. 16")
def test_a_request_is_saved_straight_into_the_chosen_duplicate_once_confirmed(qtbot, demo_db, tasks, errors,
                                                                            monkeypatch):
    from desktop.services.cases.duplicates import DuplicateHint
    from desktop.services.cases.results import CaseInfo

    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    with demo_db.session() as s:
        into = CaseInfo.of(s.scalars(select(Case).join(Place, Place.id == Case.township_id).where(
            Case.state == CaseState.HANDLING, Place.code == TOWNSHIP)).first())
    dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.HOTLINE_12345.value))
    dialog.title_edit.setText("路灯不亮")
    dialog.description.setPlainText("巷口路灯连续三晚不亮")
    dialog.category.setCurrentIndex(0)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog._show_lookup((None, [], [DuplicateHint(into, 80.0)]))
    assert not dialog.merge_button.isEnabled()  # nothing chosen yet
    # Enter on a suspected duplicate opens it to look at; it neither saves nor merges.
    dialog.duplicates.setFocus()
    dialog.duplicates.setCurrentRow(0)
    with qtbot.waitSignal(dialog.duplicate_chosen) as opened:
        qtbot.keyClick(dialog.duplicates, Qt.Key.Key_Return)
    assert opened.args == [into.id] and dialog.isVisible() and dialog.result_info is None
    assert dialog.merge_button.isEnabled()  # the row chosen
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text) or False)
    dialog.merge_button.setFocus()
    qtbot.keyClick(dialog.merge_button, Qt.Key.Key_Return)  # Enter on the button merges, never saves anew
    assert into.number in asked[0] and dialog.result_info is None  # declined: nothing saved
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: True)
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.merge_button.click()
    assert saved.args[0].case.state is CaseState.MERGED and not errors
    with demo_db.session() as s:
        assert s.get(Case, saved.args[0].case.id).merged_into_id == into.id
    panel = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, into.id)
    qtbot.addWidget(panel)
    shown = [panel.particulars.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
             for row in range(panel.particulars.rowCount())]
    assert any(saved.args[0].case.number in text for text in shown)  # whom else to tell of the result
    dialog.lon.setText("109.1")  # another place: its suspected duplicates are not those
    assert dialog.duplicates.count() == 0 and not dialog.merge_button.isEnabled()


def test_a_triage_case_is_routed_by_picking_from_the_townships_grids_nearest_first(qtbot, demo_db, tasks, errors,
                                                                                  monkeypatch):
    with demo_db.session() as s:
        case = s.scalars(select(Case).where(Case.state == CaseState.REGISTERED, Case.lon.is_not(None))).first()
        case.state, case.grid_id, case.village_id = CaseState.RECEIVED, None, None
        case.lon, case.lat = case.lon + 0.5, case.lat - 0.5  # out at sea, off every grid
        case_id = case.id
        s.commit()
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    offered = []

    def pick_first(parent, title, label, choices):
        offered.extend(choices)
        return choices[offered[0]]

    monkeypatch.setattr(case_detail, "ask_choice", pick_first)
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["route"].click()
    assert dialog.detail.route_choices == ()  # routed: no longer on the triage list
    assert len(offered) > 1 and "米" in offered[0] and not errors
    assert dialog.detail.case.state is CaseState.REGISTERED and dialog.detail.grid_code in offered[0]


def test_a_grids_name_typed_whole_routes_to_it_and_a_name_no_grid_bears_is_said_before_anything_is_sent(
        qtbot, demo_db, monkeypatch, errors):
    """The prompt says a name may be typed; typed and left with Enter, the name went on as a place code and was
    refused as "地点代码 … 无效". A whole name, or a part only one grid's name holds, stands for that grid; any
    other name is said so. A merge still takes only what is picked or a number."""
    from desktop.services.cases.results import GridChoice

    grids = (GridChoice("450503103002001", "东街网格", 20), GridChoice("450503103002002", "新东街网格", 90),
             GridChoice("450503103002003", "侨中社区第3网格", None))
    names = [(grid.name, grid.code) for grid in grids]
    assert [case_detail._one_named(names, typed) for typed in ("东街网格", "新东街", "第3", "街网格", "西街")] == [
        "450503103002001", "450503103002002", "450503103002003", None, None]
    # Two villages' grids of one name: the name stands for neither.
    assert case_detail._one_named(names + [("东街网格", "450503103001001")], "东街网格") is None
    typed = []

    def enter(dialog):
        dialog.setTextValue(typed[-1])
        return 1

    monkeypatch.setattr(case_detail.QInputDialog, "exec", enter)
    typed.append("35")  # a part of a suspected duplicate's text is no case number: passed on as typed
    assert case_detail.ask_choice(None, "合并", "并入的案件", {"450503103-2026-000042 路灯不亮(相距 35 米)":
                                                               "450503103-2026-000042"}) == "35"
    tasks = Deferred()
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.RECEIVED, Case.grid_id.is_(None)).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    tasks.run_all()
    chosen = dialog.detail.route_choices[0]
    typed.append(chosen.name)
    dialog.buttons["route"].click()
    [(fn, _, kwargs)] = tasks.queued
    assert fn.__name__ == "route_to_grid" and kwargs["grid_code"] == chosen.code and not errors
    tasks.queued.clear()
    typed.append("侨北第九十九网格")
    dialog.buttons["route"].click()
    assert not tasks.queued and len(errors) == 1
    assert errors[0].startswith("请从列表中选择网格:“侨北第九十九网格”与本乡镇(街道)在用的网格都不相符")


def test_an_undispatched_case_says_its_clock_has_not_started_and_shows_no_empty_shares(qtbot, demo_db, tasks):
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.REGISTERED).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "期限:未派遣,未计时" in dialog.header.text()  # as the queue's countdown says it
    assert dialog.shares.isHidden() and dialog.shares_caption.isHidden()


@pytest.mark.law("Art. 5")
def test_escalating_and_assigning_down_say_which_level_the_case_goes_to(qtbot, demo_db, tasks, monkeypatch):
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.REGISTERED, Case.level == HandlingLevel.TOWNSHIP)
                           .limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    asked = []
    monkeypatch.setattr(case_detail, "ask_text", lambda parent, title, prompt, typed="": asked.append(prompt) and None)
    dialog.buttons["escalate"].click()
    dialog.buttons["assign_down"].click()
    assert asked == ["上报至县(区),上报理由", "下派至网格,下派说明"]


@pytest.mark.law("Art. 5")
def test_a_case_escalated_to_the_county_says_whose_it_is_to_the_township_that_follows_it(qtbot, demo_db, tasks):
    from desktop.services.cases import onspot_escalation

    with demo_db.session() as s:
        case_id, version = s.execute(select(Case.id, Case.version).where(
            Case.state == CaseState.REGISTERED, Case.level == HandlingLevel.TOWNSHIP).limit(1)).one()
    onspot_escalation.escalate(demo_db, actor(demo_db, "qg_chief"), case_id=case_id, reason="涉及多部门",
                               expected_version=version)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    rows = {dialog.particulars.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text():
            dialog.particulars.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
            for row in range(dialog.particulars.rowCount())}
    assert rows["办理机构"] == "已上报银海区,由银海区网格化服务管理机构办理;本级可查看进展,不能办理(第五条)"
    assert not [button for button in dialog.buttons.values() if button.isVisible()]


def test_each_share_shows_its_departments_office_number_to_chase_it(qtbot, demo_db, tasks):
    with demo_db.session() as s:
        case_id, phone = s.execute(select(Assignment.case_id, Department.phone).join(Department)
                                   .where(Assignment.state == AssignmentState.DISPATCHED, Department.phone.is_not(None))
                                   .limit(1)).one()
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    assert dialog.shares.horizontalHeaderItem(1).text() == "联系电话"
    assert phone in [dialog.shares.item(row, 1).text() for row in range(dialog.shares.rowCount())]


@pytest.mark.law("Art. 20")
def test_the_panel_says_which_attempt_of_its_round_a_pending_callback_is(qtbot, demo_db, tasks):
    from desktop.services.cases import callbacks

    operator = actor(demo_db, "qg_op1")
    due = next(info for info in callbacks.due_callbacks(demo_db, operator) if info.requester_phone)
    callbacks.record_callback(demo_db, operator, callback_id=due.id, reached=False, notes="无人接听")
    dialog = CaseDetailDialog(demo_db, operator, tasks, due.case_id)
    qtbot.addWidget(dialog)
    rows = {dialog.particulars.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text():
            dialog.particulars.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
            for row in range(dialog.particulars.rowCount())}
    assert rows["回访"].startswith("待回访(第 2 次,前 1 次未联系上),期限 ")


def test_a_case_double_clicked_in_the_callback_workbench_opens_over_it(qtbot, demo_db, tasks, feature_window):
    from desktop.views.cases.callback_workbench import open_callback_workbench

    window = feature_window(demo_db, actor(demo_db, "qg_op1"), tasks)
    window.show()
    open_callback_workbench(window)
    workbench = window.findChild(CallbackWorkbench)
    workbench.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is workbench)
    workbench.table.itemDoubleClicked.emit(workbench.table.item(0, 1))
    panel = window.findChild(CaseDetailDialog)
    assert panel is not None and panel.isVisible() and panel.detail.case.id == workbench.entries[0].case_id
    assert panel.parentWidget() is workbench  # closed, it goes back there, not to the main window's queue
    panel.close()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is workbench)
    workbench.close()


@pytest.mark.law("Art. 18")
def test_a_co_handler_is_picked_from_the_suggested_departments_not_yet_on_the_case(qtbot, demo_db, tasks, errors,
                                                                                 monkeypatch):
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.HANDLING).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    working = {a.department_name for a in dialog.detail.assignments if a.state is not AssignmentState.DONE}
    offered = []

    def pick_first(parent, title, label, choices):
        offered.extend(choices)
        return choices[offered[0]]

    monkeypatch.setattr(case_detail, "ask_choice", pick_first)
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "需要协办单位配合")
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["add_co_handler"].click()
    assert not errors and offered and not any(name in shown for shown in offered for name in working)
    added = dialog.detail.assignments[-1]
    assert offered[0].startswith(added.department_name) and added.state is AssignmentState.DISPATCHED
    monkeypatch.setattr(case_detail, "ask_choice", lambda *args: "不存在的单位")
    dialog.buttons["add_co_handler"].click()  # typed, not picked: refused before anything is sent
    assert errors and "请从列表中选择协办单位" in errors[-1] and "不存在的单位" in errors[-1]
    # A part of one suggested department's name, typed and left with Enter, stands for it.
    department = dialog.detail.co_handler_choices[0]
    part = next(department.name[i:i + 3] for i in range(len(department.name))
                if sum(department.name[i:i + 3] in s.name for s in dialog.detail.co_handler_choices) == 1)
    monkeypatch.setattr(case_detail, "ask_choice", lambda *args: part)
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["add_co_handler"].click()
    assert len(errors) == 1 and dialog.detail.assignments[-1].department_name == department.name


def test_the_case_a_duplicate_was_merged_into_opens_from_the_keyboard(qtbot, demo_db, tasks, monkeypatch):
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.MERGED).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    opened = []
    monkeypatch.setattr(dialog, "open_other", opened.append)
    dialog.show()
    qtbot.waitExposed(dialog)
    link = next(label for label in dialog.findChildren(QLabel) if 'href="case"' in label.text())
    assert link.focusPolicy() & Qt.FocusPolicy.TabFocus
    link.setFocus()
    qtbot.waitUntil(link.hasFocus)
    qtbot.keyClick(link, Qt.Key.Key_Tab)  # into the label: onto its link
    qtbot.keyClick(link, Qt.Key.Key_Return)
    assert opened == [dialog.detail.merged_into_id]


@pytest.mark.law("Art. 16")
def test_a_merged_case_is_taken_back_out_of_the_case_it_was_merged_into(qtbot, demo_db, tasks, errors, monkeypatch):
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.MERGED).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    into = dialog.detail.merged_into
    asked = []
    monkeypatch.setattr(case_detail, "ask_text", lambda parent, title, label, typed="": asked.append(label) or "并非同一诉求")
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["unmerge"].click()
    assert not errors and into in asked[0]
    assert dialog.detail.merged_into is None and dialog.detail.case.state.is_open and "unmerge" not in dialog.buttons


@pytest.mark.law("Art. 16")
def test_a_duplicates_panel_opens_the_case_it_was_merged_into(qtbot, demo_db, tasks):
    """A merged duplicate had named the case that answers its requester without a way to see its progress."""
    with demo_db.session() as s:
        case_id, into_id = s.execute(select(Case.id, Case.merged_into_id).where(Case.state == CaseState.MERGED)
                                     .limit(1)).one()
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    link = next(dialog.particulars.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
                for row in range(dialog.particulars.rowCount())
                if dialog.particulars.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text() == "并入案件")
    assert dialog.detail.merged_into in link.text() and "<a " in link.text()
    link.linkActivated.emit("case")
    other = next(child for child in dialog.findChildren(CaseDetailDialog) if child is not dialog)
    assert other.isVisible() and other.case_id == into_id and other.detail.case.id == into_id
    other.close()


@pytest.mark.law("Art. 16", "Art. 19")
def test_the_case_a_duplicate_went_into_shows_what_that_requester_asked(qtbot, demo_db, tasks):
    """The department tells the result to the duplicate's requester too (Art. 19(3)): the panel had named them,
    not what they had asked ("已经一个星期"), which lay only on the duplicate's own case."""
    with demo_db.session() as s:
        into_id, number, said = s.execute(select(Case.merged_into_id, Case.number, Case.description)
                                          .where(Case.state == CaseState.MERGED).limit(1)).one()
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, into_id)
    qtbot.addWidget(dialog)
    shown = next(dialog.particulars.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
                 for row in range(dialog.particulars.rowCount())
                 if dialog.particulars.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text() == "并入的重复诉求")
    assert number in shown and f":{said}" in shown


@pytest.mark.parametrize("state, step", [(CaseState.REGISTERED, "dispatch"), (CaseState.EXTENSION_PENDING,
                                                                         "decide_extension"),
                                         (CaseState.OBJECTION_PENDING, "decide_objection")])
def test_the_case_panel_opens_on_the_step_the_case_waits_for(qtbot, demo_db, tasks, state, step):
    """A registered case had opened on 合并, one with an extension asked for on 增加协办单位, 审批延期 two Tabs
    away: the panel opens on the step the case waits for."""
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).join(Place, Place.id == Case.township_id)
                           .where(Case.state == state, Case.grid_id.is_not(None), Place.code == TOWNSHIP).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitActive(dialog)
    assert list(dialog.buttons)[0] != step  # not merely the first
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.buttons[step])


def test_a_case_without_a_matter_item_says_so_and_names_its_category(qtbot, demo_db, tasks):
    """Without an item the 事项 row had shown the category ("社情民意") as if it were one."""
    from desktop.services.cases import intake

    case_id = intake.take_in(demo_db, actor(demo_db, "qg_op1"), channel=Channel.HOTLINE_12345, title="反映小区环境",
                             description="建议小区增设休闲座椅", category=MatterCategory.LIVELIHOOD,
                             township_code=TOWNSHIP).case.id
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    shown = next(dialog.particulars.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
                 for row in range(dialog.particulars.rowCount())
                 if dialog.particulars.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text() == "事项")
    assert shown == f"未指定事项(类别:{dialog.detail.case.category.label})"


def test_the_case_panel_is_worked_by_keyboard_tab_leaves_its_tables_and_an_action_keeps_the_focus(
        qtbot, demo_db, tasks, errors, monkeypatch):
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.HANDLING).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitActive(dialog)
    first = next(iter(dialog.buttons.values()))
    assert dialog.focusWidget() is first  # the panel opens on its first action
    assert not dialog.shares.tabKeyNavigation() and not dialog.timeline_view.tabKeyNavigation()
    dialog.timeline_view.setFocus()
    qtbot.keyClick(dialog.timeline_view, Qt.Key.Key_Tab)
    assert dialog.focusWidget() in dialog.buttons.values()  # out of the table, onto the actions
    dialog.buttons["supervise"].setFocus()
    _answer_supervision(monkeypatch, "请加快办理")
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["supervise"].click()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.buttons.get("supervise"), timeout=2000)
    # Reloaded for another desk's change while the user reads the timeline: the focus stays there.
    dialog.timeline_view.setFocus()
    dialog.reload()
    assert dialog.focusWidget() is dialog.timeline_view
    assert not errors


@pytest.mark.law("Art. 19")
def test_a_liaison_types_the_contact_note_and_tabs_on_to_send_it(qtbot, demo_db, tasks, errors, monkeypatch):
    """The note box of a duty (contact, stage report, reason, result) is left with Tab, not filled with it."""
    case_id = _police_case(demo_db, AssignmentState.SIGNED)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitActive(dialog)

    def type_and_tab_to_ok(box: dialogs.TextDialog):
        box.show()
        qtbot.waitActive(box)
        note = box.findChild(QPlainTextEdit)
        assert box.focusWidget() is note
        note.insertPlainText("已电话联系诉求人")
        qtbot.keyClick(note, Qt.Key.Key_Tab)
        assert isinstance(box.focusWidget(), QPushButton)  # OK, reached by keyboard
        box.focusWidget().click()
        return box.result()

    monkeypatch.setattr(dialogs.TextDialog, "exec", type_and_tab_to_ok)
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["contact"].click()
    assert dialog.timeline.index(dialog.timeline.rowCount() - 1, 4).data().endswith("联系诉求人:已电话联系诉求人")
    assert not errors


def test_the_callback_workbench_counts_down_while_open_and_keeps_the_answer_being_typed(
        qtbot, demo_db, tasks, feature_window, monkeypatch):
    from datetime import timedelta

    from desktop.views.cases import callback_workbench
    from desktop.views.cases.callback_workbench import open_callback_workbench

    window = feature_window(demo_db, actor(demo_db, "qg_op1"), tasks)
    open_callback_workbench(window)
    workbench = window.findChild(CallbackWorkbench)
    late = max(workbench.entries, key=lambda e: e.due_at)
    row = workbench.entries.index(late)
    workbench.table.selectRow(row)
    workbench.notes.setText("正在回访")
    monkeypatch.setattr(callback_workbench, "utcnow", lambda: late.due_at + timedelta(hours=1, minutes=1))
    workbench.clock.timeout.emit()
    assert "(已逾期 1小时)" in workbench.table.item(row, 0).text()
    assert workbench.notes.text() == "正在回访" and workbench.table.currentRow() == row
    workbench.close()


def test_moving_to_another_callback_clears_an_answer_begun_and_tab_never_moves_the_row(
        qtbot, demo_db, tasks, feature_window, errors):
    from desktop.views.cases.callback_workbench import open_callback_workbench

    window = feature_window(demo_db, actor(demo_db, "qg_op1"), tasks)
    open_callback_workbench(window)
    workbench = window.findChild(CallbackWorkbench)
    workbench.table.selectRow(0)
    workbench.solved.setCurrentIndex(0)
    workbench.notes.setText("已解决,很满意")
    workbench.table.setFocus()
    qtbot.keyClick(workbench.table, Qt.Key.Key_Tab)
    assert workbench.table.currentRow() == 0 and workbench.notes.text() == "已解决,很满意"
    workbench.table.selectRow(1)  # another requester chosen: the answer was not theirs
    assert workbench.notes.text() == "" and workbench.solved.currentIndex() == -1
    assert workbench.notice.isVisible() and workbench.entries[1].case_number in workbench.notice.text()
    workbench.close()
    assert not errors


@pytest.mark.law("Art. 20")
def test_the_next_requesters_answer_starts_afresh_after_a_reopening_or_one_not_reached(
        qtbot, demo_db, tasks, feature_window, errors):
    """The follow-up chosen for an unhappy requester, or "not reached", is not left standing for the
    next one: a satisfied requester's case was reopened by the 重办 left over."""
    from desktop.views.cases.callback_workbench import open_callback_workbench

    window = feature_window(demo_db, actor(demo_db, "qg_op1"), tasks)
    open_callback_workbench(window)
    workbench = window.findChild(CallbackWorkbench)
    workbench.table.selectRow(0)
    workbench.solved.setCurrentIndex(workbench.solved.findData(False))
    workbench.satisfaction.setCurrentIndex(workbench.satisfaction.findData(Satisfaction.UNSATISFIED.value))
    assert workbench.outcome.currentData() == CallbackOutcome.REOPEN.value
    with qtbot.waitSignal(workbench.recorded):
        workbench.record_button.click()
    happy = workbench._chosen()
    assert workbench.outcome.currentData() == CallbackOutcome.NONE.value
    workbench.solved.setCurrentIndex(workbench.solved.findData(True))
    workbench.satisfaction.setCurrentIndex(workbench.satisfaction.findData(Satisfaction.SATISFIED.value))
    with qtbot.waitSignal(workbench.recorded):
        workbench.record_button.click()
    with demo_db.session() as s:
        assert s.get(Case, happy.case_id).state is not CaseState.REOPENED
    workbench.reached.setChecked(False)  # the next one is not reached…
    with qtbot.waitSignal(workbench.recorded):
        workbench.record_button.click()
    assert workbench.reached.isChecked()  # …and the one after is asked, not recorded as not reached by Enter
    assert not workbench.record_button.isEnabled()
    workbench.close()
    assert not errors


def test_tabbing_into_the_suspected_duplicates_chooses_one_so_it_can_be_merged(qtbot, demo_db, tasks):
    from desktop.services.cases.duplicates import DuplicateHint
    from desktop.services.cases.results import CaseInfo

    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitActive(dialog)
    with demo_db.session() as s:
        case = CaseInfo.of(s.scalars(select(Case).where(Case.state == CaseState.HANDLING)).first())
    dialog._show_lookup((None, [], [DuplicateHint(case, 60.0)]))
    assert not dialog.merge_button.isEnabled()
    dialog.duplicates.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: dialog.chosen_duplicate() is not None, timeout=2000)  # focus arrives as an event
    assert dialog.merge_button.isEnabled()


def _take_the_default_deadline(monkeypatch) -> None:
    """The 督办 deadline asked as a day, or a time for a case handled within hours: the default taken."""
    for ask in ("ask_due_date", "ask_due_moment"):
        monkeypatch.setattr(case_detail, ask, lambda parent, title, label, default: default)


def _answer_supervision(monkeypatch, reason: str) -> None:
    """A 重点督办 asked for with `reason` and the default deadline."""
    monkeypatch.setattr(case_detail, "ask_item", lambda *args: 1)  # 重点督办
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: reason)
    _take_the_default_deadline(monkeypatch)


def _take_in(qtbot, window, title: str, description: str, category: MatterCategory | None = None):
    """A hotline request taken in through the main window's new-case form, saved; the saved signal's answer."""
    from desktop.views.cases.new_case_dialog import open_new_case

    open_new_case(window)
    dialog = window.findChild(NewCaseDialog)
    _fill_new_case(dialog, Channel.HOTLINE_12345, category, title, description)
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save()
    return saved


def _fill_new_case(dialog, channel: Channel, category: MatterCategory | None, title: str, description: str) -> None:
    """The new-case form filled as an operator would (the first category offered where none is given)."""
    dialog.channel.setCurrentIndex(dialog.channel.findData(channel.value))
    dialog.category.setCurrentIndex(dialog.category.findData(category.value) if category else 0)
    dialog.title_edit.setText(title)
    dialog.description.setPlainText(description)


def test_a_case_taken_in_is_named_in_the_status_bar_and_chosen_in_the_queue(qtbot, demo_db, tasks, errors):
    """The caller is often still on the phone: the number goes to them at once."""
    from desktop.views.main_window import MainWindow

    window = MainWindow(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(window)
    window.select_place(TOWNSHIP)
    saved = _take_in(qtbot, window, "楼道堆放杂物", "三楼楼道堆满杂物,影响通行")
    number = saved.args[0].case.number
    assert f"已受理诉求 {number},未落入网格,在待分拨清单上" == window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.queue_panel.current_case_id() == saved.args[0].case.id, timeout=3000)
    assert not errors



def test_a_case_taken_in_is_chosen_past_the_pages_the_queue_has_loaded(qtbot, demo_db, tasks, errors):
    """A township's open queue runs past its first page in a normal shift, and a case just taken in has no
    deadline yet: it sorts last, on a page not loaded, and had not been chosen. Its row is looked up, and the
    queue scrolls to it."""
    from desktop.views.main_window import MainWindow

    window = MainWindow(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(window)
    window.select_place(TOWNSHIP)
    model = window.queue_model
    model.page_size = 20  # the demo's open queue is a few pages of 20: the new case falls on the last
    with qtbot.waitSignal(model.modelReset):
        model.refresh(keep_pages=False)
    qtbot.waitUntil(lambda: not model.counting, timeout=3000)
    assert model.rowCount() > 2 * model.page_size
    saved = _take_in(qtbot, window, "楼道堆放杂物", "三楼楼道堆满杂物,影响通行")
    case_id = saved.args[0].case.id
    qtbot.waitUntil(lambda: window.queue_panel.current_case_id() == case_id, timeout=5000)
    assert window.queue_panel.view.currentIndex().row() >= 2 * model.page_size
    assert window.queue_panel.not_listed.isHidden() and not errors


def test_a_case_taken_in_beyond_the_rows_looked_through_is_not_said_to_be_filtered_out(qtbot, demo_db, tasks, errors,
                                                                                        monkeypatch):
    """Past the rows `queue.position` reads (a city's queue of a million), the new case had been told as one the
    filters leave out: it is said to lie further down, with the link to open it."""
    import functools

    from desktop.services import queue
    from desktop.views.main_window import MainWindow

    monkeypatch.setattr(queue, "position", functools.partial(queue.position, within=3))
    window = MainWindow(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(window)
    window.select_place(TOWNSHIP)
    window.queue_model.page_size = 20
    with qtbot.waitSignal(window.queue_model.modelReset):
        window.queue_model.refresh(keep_pages=False)
    saved = _take_in(qtbot, window, "楼道堆放杂物", "三楼楼道堆满杂物,影响通行")
    panel = window.queue_panel
    qtbot.waitUntil(lambda: not panel.not_listed.isHidden(), timeout=5000)
    assert f"刚受理的案件 {saved.args[0].case.number} 在队列的前 50,000 行之后" in panel.not_listed.text()
    assert "不符合" not in panel.not_listed.text() and not errors


def test_a_case_placed_past_the_count_read_before_it_refreshes_the_queue_and_is_chosen(qtbot, demo_db, tasks, errors,
                                                                                      monkeypatch):
    """Another desk's case taken in between the queue's count and the lookup of this one sorts above it: its row
    came out past the count, and the case was told as filtered out. The queue is read again, and it is chosen."""
    from desktop.services import queue
    from desktop.views.main_window import MainWindow

    window = MainWindow(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(window)
    window.select_place(TOWNSHIP)
    model = window.queue_model
    model.page_size = 20
    with qtbot.waitSignal(model.modelReset):
        model.refresh(keep_pages=False)
    qtbot.waitUntil(lambda: not model.counting, timeout=3000)
    real, asked = queue.position, []

    def stale_first(*args, **kwargs):
        placed = real(*args, **kwargs)
        asked.append(placed)
        return queue.Placed(True, model.rowCount() + 3) if len(asked) == 1 else placed

    monkeypatch.setattr(queue, "position", stale_first)
    saved = _take_in(qtbot, window, "楼道堆放杂物", "三楼楼道堆满杂物,影响通行")
    qtbot.waitUntil(lambda: window.queue_panel.current_case_id() == saved.args[0].case.id, timeout=5000)
    assert len(asked) >= 2 and window.queue_panel.not_listed.isHidden() and not errors  # looked up again


def test_a_case_taken_in_that_the_filters_leave_out_is_said_with_a_link_to_open_it(qtbot, demo_db, tasks, errors):
    """Taken in under a category filter it does not match, the case had simply not appeared: the queue says so,
    and opens it from the link; changing the filters puts the note away."""
    from desktop.views.main_window import MainWindow

    window = MainWindow(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(window)
    window.select_place(TOWNSHIP)
    panel = window.queue_panel
    panel.category.setCurrentIndex(panel.category.findData(MatterCategory.SAFETY_RISK.value))
    saved = _take_in(qtbot, window, "邻里噪音", "楼上深夜敲打", category=MatterCategory.DISPUTE)
    case = saved.args[0].case
    qtbot.waitUntil(lambda: not panel.not_listed.isHidden(), timeout=5000)
    assert f"刚受理的案件 {case.number} 不符合当前的筛选条件" in panel.not_listed.text()
    assert panel.current_case_id() is None
    with qtbot.waitSignal(panel.caseActivated) as opened:
        panel.not_listed.linkActivated.emit("open")
    assert opened.args == [case.id]
    panel.category.setCurrentIndex(0)
    assert panel.not_listed.isHidden() and not errors


@pytest.mark.law("Art. 16")
def test_a_request_merged_on_intake_names_the_case_that_answers_it_and_the_queue_chooses_that(
        qtbot, demo_db, tasks, errors, answered):
    """The duplicate itself is in no open queue: the caller is told, and the queue shows, the case
    that goes on."""
    from desktop.services.cases.duplicates import DuplicateHint
    from desktop.services.cases.results import CaseInfo
    from desktop.views.cases.new_case_dialog import open_new_case
    from desktop.views.main_window import MainWindow

    window = MainWindow(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(window)
    window.select_place(TOWNSHIP)
    with demo_db.session() as s:
        into = CaseInfo.of(s.scalars(select(Case).join(Place, Place.id == Case.township_id).where(
            Case.state == CaseState.HANDLING, Place.code == TOWNSHIP)).first())
    open_new_case(window)
    dialog = window.findChild(NewCaseDialog)
    _fill_new_case(dialog, Channel.HOTLINE_12345, into.category, "路灯不亮", "巷口路灯连续三晚不亮")
    dialog._show_lookup((None, [], [DuplicateHint(into, 80.0)]))
    dialog.duplicates.setCurrentRow(0)
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.merge_button.click()
    number = saved.args[0].case.number
    assert window.statusBar().currentMessage() == f"已受理诉求 {number},作为重复诉求并入案件 {into.number}"
    qtbot.waitUntil(lambda: window.queue_panel.current_case_id() == into.id, timeout=3000)
    assert not errors


def test_the_grid_and_its_staff_stand_level_with_their_captions(qtbot, demo_db, tasks):
    """The form's spare height goes to the grid and staff rows: their text stays on its caption's line,
    not halfway down to the next caption."""
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.grid_label.parentWidget().layout()  # the form, in its scroll area
    for shown in (dialog.grid_label, dialog.staff_label):
        shown.setText("侨港镇卫生院(450503103001103,专属网格)")
        caption = form.labelForField(shown)
        line = shown.fontMetrics().height()
        assert shown.height() > 2 * line  # the spare height is there…
        text_top = shown.contentsRect().top() + (0 if shown.alignment() & Qt.AlignmentFlag.AlignTop
                                                 else (shown.contentsRect().height() - line) // 2)
        assert abs(shown.y() + text_top - caption.y()) < line  # …and the text is level with its caption


def test_a_case_saved_before_its_duplicates_were_shown_names_them_in_the_status_bar(qtbot, demo_db, tasks, errors):
    """Enter pressed before the lookup of the location landed: the service still finds the open cases
    like it, and the operator is told of them, to merge from the case panel."""
    from desktop.services.cases import intake
    from desktop.views.cases.new_case_dialog import open_new_case
    from desktop.views.main_window import MainWindow

    _name, lon, lat = staffed_regular_grid(demo_db)
    operator = actor(demo_db, "qg_op1")
    first = intake.take_in(demo_db, operator, channel=Channel.HOTLINE_12345, title="楼道堆放杂物",
                           description="三楼楼道堆满杂物", category=MatterCategory.LIVELIHOOD, lon=lon, lat=lat).case
    window = MainWindow(demo_db, operator, tasks)
    qtbot.addWidget(window)
    window.select_place(TOWNSHIP)
    open_new_case(window)
    dialog = window.findChild(NewCaseDialog)
    _fill_new_case(dialog, Channel.WALK_IN, MatterCategory.LIVELIHOOD, "楼道杂物堵塞", "楼道杂物影响通行")
    dialog.lon.setText(f"{lon:.6f}")
    dialog.lat.setText(f"{lat:.6f}")
    assert dialog.duplicates.count() == 0  # the lookup waits for typing to pause
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert f"疑似重复:{first.number}" in window.statusBar().currentMessage()

def test_an_open_case_panel_counts_its_deadlines_down(qtbot, demo_db, tasks, monkeypatch):
    from datetime import timedelta

    with demo_db.session() as s:
        case_id, due = s.execute(select(Case.id, Case.due_at).where(Case.state == CaseState.HANDLING,
                                                                    Case.due_at > utcnow()).limit(1)).one()
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    assert "(剩余 " in dialog.header.text()
    monkeypatch.setattr(case_detail, "utcnow", lambda: due + timedelta(hours=2, minutes=5))
    dialog.clock.timeout.emit()  # a minute on: redrawn without asking the database again
    assert "(已逾期 2小时)" in dialog.header.text()


def test_callbacks_recorded_elsewhere_above_the_one_being_answered_leave_its_answer_alone(
        qtbot, demo_db, tasks, feature_window, errors):
    from desktop.views.cases.callback_workbench import open_callback_workbench

    window = feature_window(demo_db, actor(demo_db, "qg_op1"), tasks)
    open_callback_workbench(window)
    workbench = window.findChild(CallbackWorkbench)
    first, second, third = workbench.entries[:3]
    workbench.table.selectRow(2)
    workbench.solved.setCurrentIndex(0)
    workbench.notes.setText("诉求人说已解决,很满意")
    for done in (first, second):
        callbacks.record_callback(demo_db, actor(demo_db, "qg_chief"), callback_id=done.id, solved=True,
                                  satisfaction=Satisfaction.SATISFIED)
    workbench.reload()
    assert workbench._chosen().id == third.id and workbench.notes.text() == "诉求人说已解决,很满意"
    assert workbench.solved.currentIndex() == 0 and workbench.notice.isHidden()
    workbench.close()
    assert not errors


@pytest.mark.law("Art. 18")
def test_a_co_handler_at_work_is_offered_as_the_lead_and_otherwise_carries_on_ticked(qtbot, demo_db):
    """After the lead's objection is upheld (Art. 18(2)), a co-handler still at work stays ticked in the
    co-handler list and cannot be unticked; chosen as the lead, it leaves that list."""
    from desktop.services.cases.results import DepartmentSuggestion

    with demo_db.session() as s:
        case_id, version = s.execute(select(Case.id, Case.version).where(Case.state == CaseState.REGISTERED)
                                     .limit(1)).one()
    dialog = DispatchDialog(demo_db, actor(demo_db, "qg_op1"), Deferred(), case_id, version)
    qtbot.addWidget(dialog)
    dialog.show_suggestions([
        DepartmentSuggestion(1, "侨港镇城建办", DepartmentLevel.TOWNSHIP, ("层级相符",)),
        DepartmentSuggestion(2, "侨港市场监管所", DepartmentLevel.TOWNSHIP, ("正在协办本案",), co_handling=True),
        DepartmentSuggestion(3, "侨港派出所", DepartmentLevel.TOWNSHIP, ()),
    ])
    working = dialog.co.item(1)
    assert dialog.lead.itemText(1) == "侨港市场监管所(乡镇(街道)级) · 正在协办"
    assert working.text().endswith("正在协办,继续协办") and working.checkState() == Qt.CheckState.Checked
    assert not working.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "侨港市场监管所" in dialog.co_chosen.text()
    dialog.co.item(2).setCheckState(Qt.CheckState.Checked)
    assert dialog.co_handlers() == [3]  # the one at work carries on without being sent again
    dialog.lead.setCurrentIndex(1)
    assert working.checkState() == Qt.CheckState.Unchecked and dialog.reasons.text() == "正在协办本案"
    assert dialog.co_handlers() == [3]


@pytest.mark.law("Art. 18")
def test_a_result_fed_back_late_is_sent_with_the_reason_asked_for(qtbot, demo_db, monkeypatch):
    """Art. 18(1): past its deadline the panel asks why before it feeds the result back; no reason, nothing sent."""
    tasks = Deferred()
    case_id = _police_case(demo_db, AssignmentState.HANDLING)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(dialog)
    tasks.run_all()
    own = next(a for a in dialog.detail.assignments if a.id == dialog.detail.own_assignment_id)
    asked = []
    answers = iter(["已修复", None, "已修复", "等待配件"])
    monkeypatch.setattr(case_detail, "ask_text", lambda parent, title, text, typed="": asked.append(text) or next(answers))
    monkeypatch.setattr(case_detail, "utcnow", lambda: own.due_at + timedelta(hours=1))
    dialog.buttons["report_result"].click()
    assert asked == ["办理结果", "办理期限已过,请说明逾期理由"] and not tasks.queued
    dialog.buttons["report_result"].click()
    (fn, _, kwargs), = tasks.queued
    assert fn.__name__ == "report_result" and (kwargs["result"], kwargs["late_reason"]) == ("已修复", "等待配件")


@pytest.mark.law("Art. 19")
def test_a_leads_result_before_the_requester_is_contacted_says_so_before_anything_is_typed(qtbot, demo_db, answered,
                                                                                          monkeypatch):
    """The panel asked for the result, and past the deadline for the reason it was late, before the service
    refused it because the requester had not been contacted: now the button says what comes first."""
    tasks = Deferred()
    case_id = _police_case(demo_db, AssignmentState.SIGNED, Assignment.role == AssignmentRole.LEAD)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(dialog)
    tasks.run_all()
    monkeypatch.setattr(case_detail, "ask_text", lambda *args, **kwargs: pytest.fail("asked for text"))
    dialog.buttons["report_result"].click()
    assert len(answered) == 1 and "尚未联系诉求人;请先联系诉求人" in answered[0] and not tasks.queued
    assert dialog.buttons["report_result"].toolTip() == answered[0]
    assert dialog.buttons["contact"].toolTip() == ""


def test_the_shares_table_counts_down_the_leads_contact_deadline(qtbot, demo_db, tasks):
    case_id = _police_case(demo_db, AssignmentState.SIGNED, Assignment.role == AssignmentRole.LEAD)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    header = [dialog.shares.horizontalHeaderItem(c).text() for c in range(dialog.shares.columnCount())]
    assert header[5] == "联系诉求人期限"
    row = next(r for r, a in enumerate(dialog.detail.assignments) if a.role is AssignmentRole.LEAD
               and a.state is AssignmentState.SIGNED)
    share = dialog.detail.assignments[row]
    assert dialog.shares.item(row, 5).text() == deadline_text(share.contact_due_at, utcnow())


def test_a_case_that_leaves_the_users_view_while_open_closes_its_panel(qtbot, demo_db, errors):
    from desktop.errors import PermissionDenied

    tasks = Deferred()
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, _police_case(demo_db, AssignmentState.SIGNED))
    qtbot.addWidget(dialog)
    tasks.run_all()
    dialog.show()
    refusal = PermissionDenied("本部门对案件提出的管辖异议已认定成立,派遣已撤回")
    dialog._load_failed(refusal)
    assert len(errors) == 1 and "管辖异议已认定成立" in errors[0]
    assert not dialog.isVisible() and not dialog.clock.isActive()


def test_a_note_refused_because_the_share_changed_elsewhere_is_offered_again(qtbot, demo_db, tasks, errors,
                                                                           monkeypatch):
    """A liaison's contact note refused because the department's other desk reported on the same share
    meanwhile had to be typed anew; taken again, the action starts from what was typed."""
    case_id = _police_case(demo_db, AssignmentState.SIGNED, Assignment.contacted_at.is_(None))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(dialog)
    assert "contact" in dialog.buttons
    note = "已电话联系诉求人,约定明日上门核实"
    offered = []

    def typed_while_the_other_desk_reports(parent, title, label, typed=""):
        offered.append(typed)
        if len(offered) == 1:
            department.stage_report(demo_db, actor(demo_db, "qg_police"), content="已约谈双方",
                                    assignment_id=dialog.detail.own_assignment_id,
                                    expected_version=dialog.detail.case.version)
        return note

    monkeypatch.setattr(case_detail, "ask_text", typed_while_the_other_desk_reports)
    dialog.buttons["contact"].click()
    assert len(errors) == 1 and "已被" in errors[0]  # refused: the share changed under the note
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["contact"].click()
    assert offered == ["", note]
    assert any(note in event.message for event in dialog.detail.events)


def test_a_reason_typed_before_esc_on_the_next_question_is_offered_again(qtbot, demo_db, tasks, errors, monkeypatch):
    """暂缓 asks its reason, then the explanation to the requester: Esc on the second had thrown the
    reason away, and 暂缓 taken again started empty."""
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.HANDLING).limit(1))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id)
    qtbot.addWidget(dialog)
    assert "hold" in dialog.buttons
    offered, answers = [], iter(["待汛期结束后施工", None, "待汛期结束后施工", "已向诉求人说明"])

    def answer(parent, title, label, typed=""):
        offered.append(typed)
        return next(answers)

    monkeypatch.setattr(case_detail, "ask_text", answer)
    dialog.buttons["hold"].click()  # Esc on the explanation
    assert dialog.detail.case.state is CaseState.HANDLING
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["hold"].click()
    assert offered == ["", "", "待汛期结束后施工", ""] and not errors
    assert dialog.detail.case.state is CaseState.ON_HOLD


def _sent_to_police_and_market(db) -> tuple[int, str, str]:
    """A registered demo case dispatched to the police station (lead) and the market office (co-handler):
    its id and the two departments' names."""
    police, market = actor(db, "qg_police").department_id, actor(db, "qg_market").department_id
    with db.session() as s:
        case = s.scalar(select(Case).where(Case.state == CaseState.REGISTERED).limit(1))
        case_id, version = case.id, case.version
        names = [s.get(Department, d).name for d in (police, market)]
    dispatch.dispatch(db, actor(db, "qg_op1"), case_id=case_id, lead_department_id=police, co_department_ids=[market],
                      expected_version=version)
    return case_id, *names


def _panel(qtbot, db, tasks, username, case_id):
    dialog = CaseDetailDialog(db, actor(db, username), tasks, case_id)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.law("Art. 18")
def test_lead_and_co_handler_each_act_from_panels_opened_before_the_others_step(qtbot, demo_db, tasks, errors):
    """Art. 18(1): lead and co-handler work on one case at once; the co-handler signing for its share does
    not refuse the lead's signing from a panel that had not reloaded, and the lead's panel then shows
    both."""
    case_id, police, market = _sent_to_police_and_market(demo_db)
    lead_panel = _panel(qtbot, demo_db, tasks, "qg_police", case_id)
    co_panel = _panel(qtbot, demo_db, tasks, "qg_market", case_id)
    with qtbot.waitSignal(co_panel.changed):
        co_panel.buttons["sign"].click()
    with qtbot.waitSignal(lead_panel.changed):
        lead_panel.buttons["sign"].click()
    assert errors == []
    assert [e.message for e in lead_panel.detail.events[-2:]] == [f"{market} 签收", f"{police} 签收"]
    assert "contact" in lead_panel.buttons and "sign" not in lead_panel.buttons


@pytest.mark.law("Art. 18")
def test_a_co_handler_is_asked_for_its_result_as_a_report_to_the_lead_department(qtbot, demo_db, tasks, monkeypatch):
    """Art. 18(1): a co-handler reports its result to the lead department, which feeds the whole back to the center
    and the requester. Its button and question were the lead's (反馈办理结果, 办理结果): a co-handler could take its
    result for one sent to the center. They say where it goes; the lead's stay as they were."""
    case_id, police, market = _sent_to_police_and_market(demo_db)
    co_panel, lead_panel = (_panel(qtbot, demo_db, tasks, username, case_id) for username in ("qg_market", "qg_police"))
    for panel in (co_panel, lead_panel):
        with qtbot.waitSignal(panel.changed):
            panel.buttons["sign"].click()
    assert co_panel.buttons["report_result"].text() == "向主办单位报送结果"
    assert lead_panel.buttons["report_result"].text() == "反馈办理结果"
    asked = []
    monkeypatch.setattr(case_detail, "ask_text",
                        lambda parent, title, text, typed="": asked.append((title, text)) or "已检查涉事摊位")
    with qtbot.waitSignal(co_panel.changed):
        co_panel.buttons["report_result"].click()
    assert asked == [("向主办单位报送结果", "报送主办单位的办理结果(由主办单位汇总后反馈网格化服务管理机构和诉求人)")]
    assert co_panel.detail.events[-1].message == f"{market}(协办)向主办单位报送办理结果:已检查涉事摊位"


@pytest.mark.law("Art. 18")
def test_a_stage_report_is_asked_for_with_the_reason_the_share_runs_late(qtbot, demo_db, tasks, monkeypatch):
    """Art. 18(1): a department that cannot finish in time says why and reports how far it has got. The question
    asked for the progress alone, although a share past its deadline is sent to it to explain the delay."""
    case_id = _police_case(demo_db, AssignmentState.HANDLING)
    dialog = _panel(qtbot, demo_db, tasks, "qg_police", case_id)
    asked = []
    late = "已约谈双方;当事人外出,未能按期办结"
    monkeypatch.setattr(case_detail, "ask_text",
                        lambda parent, title, text, typed="": asked.append((title, text)) or late)
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["stage_report"].click()
    assert asked == [("报送阶段情况", "阶段性工作情况(不能按期办结的,请一并写明理由)")]


@pytest.mark.law("Art. 19")
def test_a_liaisons_panel_opened_before_the_case_was_put_on_hold_is_refused_and_reloads(qtbot, demo_db, tasks, errors,
                                                                                       monkeypatch):
    """Art. 19(2): the supervisor puts the case on hold from the center's panel, which stops the liaison's
    share; the liaison's step from a panel opened before is refused with who and when, and the panel
    reloads without it."""
    case_id, _, _ = _sent_to_police_and_market(demo_db)
    liaison_panel = _panel(qtbot, demo_db, tasks, "qg_police", case_id)
    center_panel = _panel(qtbot, demo_db, tasks, "qg_chief", case_id)
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "需待道路改造后解决,已向诉求人说明")
    with qtbot.waitSignal(center_panel.changed):
        center_panel.buttons["hold"].click()
    liaison_panel.buttons["object"].click()
    number = liaison_panel.detail.case.number
    assert len(errors) == 1 and errors[0].startswith(f"案件 {number} 已被 侨港值班长 于 ")
    assert liaison_panel.detail.case.state is CaseState.ON_HOLD and "object" not in liaison_panel.buttons


class _Screen:
    def __init__(self, width: int, height: int = 1040):
        self.width, self.height = width, height

    def availableGeometry(self):
        from PySide6.QtCore import QRect

        return QRect(0, 0, self.width, self.height)


LOW_SCREEN = (911, 464)  # a 1366×768 laptop at 150% scaling, beside the taskbar


def _shown_whole_on_a_low_screen(qtbot, dialog, button) -> None:
    """The dialog, with its title bar, within the low screen, and `button` in view at its foot."""
    from PySide6.QtCore import QPoint

    from desktop.views.screen_fit import FRAME_ROOM

    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() + FRAME_ROOM.width() <= LOW_SCREEN[0]
    assert dialog.height() + FRAME_ROOM.height() <= LOW_SCREEN[1]
    assert button.isVisible() and button.mapTo(dialog, QPoint(0, button.height())).y() <= dialog.height()


def test_the_new_case_form_scrolls_on_a_low_screen_with_save_in_view(qtbot, demo_db, tasks, monkeypatch):
    """At 150% scaling on a 1366×768 laptop the form opened 640 points high on 464: Save and Cancel
    were below the screen's edge. It opens within the screen, the form scrolling above its buttons,
    and Tab brings each field it reaches into view."""
    from desktop.views.screen_fit import FormScrollArea

    monkeypatch.setattr(NewCaseDialog, "screen", lambda self: _Screen(*LOW_SCREEN))
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    _shown_whole_on_a_low_screen(qtbot, dialog, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    area = dialog.findChild(FormScrollArea)
    dialog.channel.setFocus()
    while dialog.focusWidget() is not dialog.duplicates:  # the last field, at the foot of the form
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert area.verticalScrollBar().value() > 0  # scrolled down to the field reached
    top = dialog.duplicates.mapTo(area.viewport(), dialog.duplicates.rect().topLeft()).y()
    assert 0 <= top and top + dialog.duplicates.height() <= area.viewport().height()


def test_the_new_case_form_does_not_scroll_where_the_screen_has_room(qtbot, demo_db, tasks, monkeypatch):
    from desktop.views.screen_fit import FormScrollArea

    monkeypatch.setattr(NewCaseDialog, "screen", lambda self: _Screen(1920))
    dialog = NewCaseDialog(demo_db, actor(demo_db, "qg_op1"), tasks, township_code=TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.size().toTuple() == (560, 640)
    assert dialog.findChild(FormScrollArea).verticalScrollBar().maximum() == 0


def test_the_case_panel_and_the_callback_workbench_open_within_a_low_screen(qtbot, demo_db, tasks, monkeypatch):
    """Opened 640 and 520 points high, their action buttons (and 记录回访) were below the edge of a
    1366×768 screen at 150%."""
    case_id, _, _ = _sent_to_police_and_market(demo_db)
    monkeypatch.setattr(CaseDetailDialog, "screen", lambda self: _Screen(*LOW_SCREEN))
    monkeypatch.setattr(CallbackWorkbench, "screen", lambda self: _Screen(*LOW_SCREEN))
    panel = _panel(qtbot, demo_db, tasks, "qg_police", case_id)
    _shown_whole_on_a_low_screen(qtbot, panel, panel.buttons["sign"])
    workbench = CallbackWorkbench(demo_db, actor(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(workbench)
    _shown_whole_on_a_low_screen(qtbot, workbench, workbench.record_button)


@pytest.mark.parametrize("screen_width", [1920, 1000])
def test_the_panel_opens_wide_enough_for_the_shares_whole_within_the_screen(qtbot, demo_db, tasks, monkeypatch,
                                                                          screen_width):
    """Two shares a month overdue (each deadline followed by how long it is past) had the shares table
    scroll sideways at the panel's default width, the result cut off; the panel opens wider, never wider
    than the screen."""
    case_id, _, _ = _sent_to_police_and_market(demo_db)
    monkeypatch.setattr(case_detail, "utcnow", lambda: utcnow() + timedelta(days=30))
    monkeypatch.setattr(CaseDetailDialog, "screen", lambda self: _Screen(screen_width))
    dialog = _panel(qtbot, demo_db, tasks, "qg_police", case_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    header = dialog.shares.horizontalHeader()
    before_result = sum(header.sectionSize(c) for c in range(dialog.shares.columnCount() - 1))
    assert before_result > 900 - 24 * dialog.fontMetrics().averageCharWidth()  # more than the default width holds
    if screen_width == 1920:
        assert dialog.shares.horizontalScrollBar().maximum() == 0  # nothing beyond the right edge
        assert header.sectionSize(dialog.shares.columnCount() - 1) >= 20 * dialog.fontMetrics().averageCharWidth()
    else:
        assert dialog.width() <= 0.95 * screen_width


def test_a_panel_widened_after_it_opened_stays_on_the_screen(qtbot, demo_db, monkeypatch):
    """The detail comes after the panel has opened, centred over the main window: widened from there to
    the right, its right part (the result the widening was for) went past the screen's edge on a
    1366-pixel screen; it grows about its centre instead, within the screen."""
    from PySide6.QtWidgets import QWidget

    case_id, _, _ = _sent_to_police_and_market(demo_db)
    monkeypatch.setattr(case_detail, "utcnow", lambda: utcnow() + timedelta(days=30))
    monkeypatch.setattr(CaseDetailDialog, "screen", lambda self: _Screen(1366))
    window = QWidget()
    qtbot.addWidget(window)
    window.setGeometry(0, 0, 1366, 740)
    tasks = Deferred()
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id, parent=window)
    dialog.move((1366 - 900) // 2, 60)  # centred over the window, as it opens there (the test screen is smaller)
    dialog.show()
    qtbot.waitExposed(dialog)
    tasks.run_all()  # the detail, after the panel has opened
    assert dialog.width() > 900  # widened for the overdue shares…
    assert 0 <= dialog.frameGeometry().left() and dialog.frameGeometry().right() < 1366  # …and still on the screen


def test_a_panel_opened_before_dispatch_widens_once_the_shares_arrive(qtbot, demo_db, tasks, monkeypatch):
    """Opened on a registered case there are no shares to fit; dispatched meanwhile, the shares land at
    the next load, and the panel widens then."""
    with demo_db.session() as s:
        case = s.scalar(select(Case).where(Case.state == CaseState.REGISTERED).limit(1))
        case_id, version = case.id, case.version
    monkeypatch.setattr(case_detail, "utcnow", lambda: utcnow() + timedelta(days=30))
    monkeypatch.setattr(CaseDetailDialog, "screen", lambda self: _Screen(1920))
    dialog = _panel(qtbot, demo_db, tasks, "qg_op1", case_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() == 900 and dialog.shares.rowCount() == 0
    police, market = actor(demo_db, "qg_police").department_id, actor(demo_db, "qg_market").department_id
    dispatch.dispatch(demo_db, actor(demo_db, "qg_op1"), case_id=case_id, lead_department_id=police,
                      co_department_ids=[market], expected_version=version)
    dialog.reload()
    assert dialog.shares.rowCount() == 2 and dialog.width() > 900
    assert dialog.shares.horizontalScrollBar().maximum() == 0


@pytest.mark.law("Art. 18")
def test_dispatch_dialog_says_which_chosen_department_nobody_can_sign_for(qtbot, demo_db, tasks):
    with demo_db.session() as s:
        case_id, version = s.execute(select(Case.id, Case.version).where(
            Case.state == CaseState.REGISTERED, Case.matter_item_id.is_not(None)).limit(1)).one()
    dialog = DispatchDialog(demo_db, actor(demo_db, "qg_op1"), tasks, case_id, version)
    qtbot.addWidget(dialog)
    signs = {s.name: s.signs_at_desk for s in dialog.suggestions}
    assert signs == {d.name: d.signs_at_desk for d in departments.list_departments(demo_db) if d.name in signs}
    assert signs["侨港派出所"] and not all(signs.values())  # qg_police signs for the police station
    signing = next(row for row, s in enumerate(dialog.suggestions) if s.signs_at_desk)
    unsigned = next(row for row, s in enumerate(dialog.suggestions) if not s.signs_at_desk)
    said = f"{dialog.suggestions[unsigned].name} 没有联络员账号,无人能在桌面签收(条例第十八条):派遣后请电话通知"
    dialog.lead.setCurrentIndex(signing)
    assert dialog.unsigned_note.text() == "" and dialog.unsigned_note.isHidden()
    dialog.co.item(unsigned).setCheckState(Qt.CheckState.Checked)  # a co-handler is sent the case too
    assert dialog.unsigned_note.text() == said and not dialog.unsigned_note.isHidden()
    dialog.co.item(unsigned).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.unsigned_note.text() == ""
    dialog.lead.setCurrentIndex(unsigned)
    assert dialog.unsigned_note.text() == said


def _asked_for(db, state: AssignmentState) -> tuple[int, str]:
    """A police share in time asking the center, as its liaison asked: an extension or a jurisdiction
    objection. The case and the reason asked with."""
    case_id = _police_case(db, AssignmentState.HANDLING, *_in_time_without_extension())
    police = actor(db, "qg_police")
    with db.session() as s:
        share_id, version = s.execute(select(Assignment.id, Case.version).join(Case).where(
            Assignment.case_id == case_id, Assignment.department_id == police.department_id,
            Assignment.state == AssignmentState.HANDLING)).one()
    if state is AssignmentState.EXTENSION_PENDING:
        reason = "需第三方鉴定,鉴定机构排期两周"
        department.request_extension(db, police, assignment_id=share_id, reason=reason, amount=1,
                                     expected_version=version)
    else:
        reason = "该路段由市政部门管养,不属本所职责"
        department.raise_objection(db, police, assignment_id=share_id, reason=reason, expected_version=version)
    return case_id, reason


@pytest.mark.law("Art. 19")
def test_refusing_an_extension_asks_why_and_the_liaison_reads_it_on_the_timeline(qtbot, demo_db, tasks, errors,
                                                                                monkeypatch):
    """不同意 had sent the refusal with no reason: the liaison read only "不同意延期,按原期限办理". The reason
    is asked, required (Esc sends nothing), and goes on the timeline the department's panel shows."""
    case_id, _ = _asked_for(demo_db, AssignmentState.EXTENSION_PENDING)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    asked, answers = [], iter([None, "鉴定可在原期限内完成,请按期办结"])
    monkeypatch.setattr(case_detail, "ask_decision", lambda *args: False)
    monkeypatch.setattr(case_detail, "ask_text",
                        lambda parent, title, label, typed="": asked.append((title, label)) or next(answers))
    dialog.buttons["decide_extension"].click()  # Esc on the reason: nothing decided
    assert asked == [("审批延期", "不同意延期的理由(将告知申请单位)")]
    assert dialog.detail.pending_extension is not None
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["decide_extension"].click()
    assert dialog.detail.pending_extension is None and not errors
    liaison = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(liaison)
    assert liaison.detail.events[-1].message.endswith("不同意延期,按原期限办理(鉴定可在原期限内完成,请按期办结)")


@pytest.mark.law("Art. 18")
def test_refusing_an_objection_asks_why_and_a_reason_refused_with_the_decision_is_offered_again(
        qtbot, demo_db, tasks, errors, monkeypatch):
    """异议不成立 says why to the department told to carry on; the reason typed for a decision refused
    (the case changed meanwhile) comes back when it is decided again. Upholding it asks nothing more."""
    from desktop.services.cases import supervision

    case_id, _ = _asked_for(demo_db, AssignmentState.OBJECTION_PENDING)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    seen = dialog.detail.case
    reason = "该路段经核实属本所辖区,请继续办理"
    offered = []

    def typed_while_another_desk_supervises(parent, title, label, typed=""):
        offered.append((label, typed))
        if len(offered) == 1:
            supervision.supervise(demo_db, actor(demo_db, "qg_chief"), case_id=case_id, level=SupervisionLevel.GENERAL,
                                  reason="请加快", expected_version=seen.version)
        return reason

    monkeypatch.setattr(case_detail, "ask_decision", lambda *args: False)
    monkeypatch.setattr(case_detail, "ask_text", typed_while_another_desk_supervises)
    dialog.buttons["decide_objection"].click()
    assert len(errors) == 1 and "已被" in errors[0]  # refused: the case changed under the decision
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["decide_objection"].click()
    label = "异议不成立的理由(将告知提出异议的单位)"
    assert offered == [(label, ""), (label, reason)]
    assert dialog.detail.events[-1].message.endswith(f"异议不成立,继续办理({reason})")


def test_upholding_an_objection_asks_no_reason(qtbot, demo_db, tasks, monkeypatch):
    case_id, _ = _asked_for(demo_db, AssignmentState.OBJECTION_PENDING)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(case_detail, "ask_decision", lambda *args: True)
    monkeypatch.setattr(case_detail, "ask_text", lambda *args, **kwargs: pytest.fail("asked for a reason"))
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["decide_objection"].click()
    assert "异议成立,撤回派遣" in dialog.detail.events[-1].message


@pytest.mark.law("Art. 19")
@pytest.mark.parametrize("action", ["contact", "stage_report", "object"])
def test_ok_on_a_blank_note_is_not_pressed_until_something_is_typed(qtbot, demo_db, tasks, errors, monkeypatch,
                                                                    action):
    """OK on an empty box (or one of blanks) had closed it as if cancelled: nothing sent, nothing said."""
    case_id = _police_case(demo_db, AssignmentState.SIGNED, Assignment.contacted_at.is_(None))
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitActive(dialog)

    def blank_then_typed(box: dialogs.TextDialog):
        box.show()
        qtbot.waitActive(box)
        ok = box.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        note = box.findChild(QPlainTextEdit)
        assert not ok.isEnabled()
        qtbot.keyClicks(note, "  ")
        qtbot.keyClick(note, Qt.Key.Key_Return)
        assert not ok.isEnabled()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert box.isVisible()
        note.insertPlainText("已与诉求人约定现场核实")  # typed through an input method: no key to click
        assert ok.isEnabled()
        ok.click()
        return box.result()

    monkeypatch.setattr(dialogs.TextDialog, "exec", blank_then_typed)
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons[action].click()
    assert "已与诉求人约定现场核实" in dialog.detail.events[-1].message and not errors


@pytest.mark.law("Art. 18")
@pytest.mark.law("Art. 19")
@pytest.mark.parametrize("state, said", [(AssignmentState.EXTENSION_PENDING, "延期申请待中心审批(申请于 %1)"),
                                         (AssignmentState.OBJECTION_PENDING, "管辖异议待中心处理(提出于 %1)")])
def test_a_liaison_waiting_for_the_center_is_told_so_where_its_steps_were(qtbot, demo_db, tasks, state, said):
    """After 申请延期 or 提出管辖异议 the liaison's action bar was simply empty."""
    from desktop.services.clock import BEIJING

    case_id, _ = _asked_for(demo_db, state)
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    asked_at = dialog.detail.events[-1].at
    assert dialog.buttons == {} and dialog.waiting.isVisible()
    assert dialog.waiting.text() == said.replace("%1", asked_at.astimezone(BEIJING).strftime("%m-%d %H:%M"))
    center = CaseDetailDialog(demo_db, actor(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(center)
    assert center.waiting.isHidden()  # the center decides: its buttons say what there is to do


@pytest.mark.law("Art. 18")
def test_an_extension_past_the_deadline_says_why_it_may_not_be_asked(qtbot, demo_db, answered, monkeypatch):
    """Past its handling deadline 申请延期 was simply missing; the command line says why, and so does the panel."""
    from desktop.services.cases import queries
    from desktop.services.clock import due_text

    tasks = Deferred()
    case_id = _police_case(demo_db, AssignmentState.HANDLING, *_in_time_without_extension())
    dialog = CaseDetailDialog(demo_db, actor(demo_db, "qg_police"), tasks, case_id)
    qtbot.addWidget(dialog)
    tasks.run_all()
    own = next(a for a in dialog.detail.assignments if a.id == dialog.detail.own_assignment_id)
    assert dialog.buttons["request_extension"].toolTip() == ""  # in time: asked as ever
    late = own.due_at + timedelta(hours=1)
    monkeypatch.setattr(queries, "utcnow", lambda: late)
    dialog.reload()
    tasks.run_all()
    why = (f"案件 {dialog.detail.case.number} 的办理期限已于 {due_text(own.due_at)} 届满,不能再申请延期;"
           "请报送阶段性工作情况说明逾期理由,并尽快办结(Art. 18)")
    assert list(dialog.buttons).index("request_extension") == list(dialog.buttons).index("stage_report") + 1
    assert dialog.buttons["request_extension"].toolTip() == why
    monkeypatch.setattr(case_detail, "ask_int", lambda *args: pytest.fail("asked for the extension"))
    dialog.buttons["request_extension"].click()
    assert answered == [why] and not tasks.queued


@pytest.mark.law("Art. 18")
def test_the_center_withdraws_a_co_handler_at_work_with_a_reason_and_it_is_no_longer_offered(qtbot, demo_db, tasks,
                                                                                            errors, monkeypatch):
    """A co-handler that never reports held the lead's result for ever: the center ends its share."""
    with demo_db.session() as s:
        case_id, version = s.execute(select(Case.id, Case.version).where(Case.state == CaseState.HANDLING)
                                     .order_by(Case.id).limit(1)).one()
    operator = actor(demo_db, "qg_op1")
    dialog = CaseDetailDialog(demo_db, operator, tasks, case_id)
    qtbot.addWidget(dialog)
    if "withdraw_co_handler" not in dialog.buttons:  # no co-handler at work yet: one is added
        assert not any(a.role is AssignmentRole.CO and a.state in dispatch.WITHDRAWABLE for a in dialog.detail.assignments)
        dispatch.add_co_handler(demo_db, operator, case_id=case_id, department_id=dialog.detail.co_handler_choices[0].id,
                                reason="需要配合", expected_version=version)
        dialog.reload()
    working = [a for a in dialog.detail.assignments if a.role is AssignmentRole.CO and a.state in dispatch.WITHDRAWABLE]
    offered = []
    monkeypatch.setattr(case_detail, "ask_choice", lambda parent, title, label, choices: offered.append(choices) or
                        choices[working[0].department_name])
    monkeypatch.setattr(case_detail, "ask_text", lambda *args: "逾期未报送,经协调不再协办")
    with qtbot.waitSignal(dialog.changed):
        dialog.buttons["withdraw_co_handler"].click()
    assert not errors and set(offered[0]) == {a.department_name for a in working}
    share = next(a for a in dialog.detail.assignments if a.id == working[0].id)
    assert share.state is AssignmentState.WITHDRAWN
    assert dialog.detail.events[-1].message == f"撤回协办单位 {share.department_name}:逾期未报送,经协调不再协办"
    assert ("withdraw_co_handler" in dialog.buttons) is (len(working) > 1)
