"""People screen with qtbot: adequacy highlighted, roster with the published phones, add / end a role."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import delete, select

from desktop.errors import InvalidTransition
from desktop.models import LeadershipAssignment, Person
from desktop.models.enums import (LeadershipRole, PersonStatus, PlaceLevel, Profession, Role, StaffRole, StaffSource,
                                  WorkLogKind)
from desktop.services import staff_admin
from desktop.services.clock import beijing_today
from desktop.services.security import Actor, Grant
from desktop.views.people import open_people
from desktop.views.people import window as people_window
from desktop.views.people.add_staff_dialog import AddStaffDialog
from desktop.views.people.forms import LeaderForm, PersonForm, VisitForm, WorkLogForm
from desktop.views.people.staffing_model import UNDER_STAFFED

from .conftest import GRID, QIAOBEI
from .meanwhile import ok_after_removal_meanwhile

TOWNSHIP = "450503103000"
ADMIN = Actor(username="qg_admin", display_name="侨港管理员", grants=(Grant(Role.TOWNSHIP_ADMIN, TOWNSHIP, PlaceLevel.TOWNSHIP),))
OPERATOR = Actor(username="qg_op", display_name="侨港值班员", grants=(Grant(Role.OPERATOR, TOWNSHIP, PlaceLevel.TOWNSHIP),))


@pytest.mark.law("Art. 9")
def test_under_staffed_grids_are_highlighted(qtbot, qtmodeltester, desk_db, tasks, answered, feature_window):
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)
    model = people.staffing_model
    qtmodeltester.check(model)
    qtmodeltester.check(people.roster_model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["侨北第一网格", "侨北第二网格"]
    # 280 households need one member; grid 1 has only its head, grid 2 nobody.
    assert model.under_staffed_rows() == [0, 1]
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color() == UNDER_STAFFED
    assert "其中 2 个网格的网格员配备不足" in people.title.text() and people.title.text().startswith("侨北社区(")
    assert people.roster_model.rows[0].phone == "13807791234"

    staff_admin.add_grid_staff(desk_db, ADMIN, grid_code=GRID, role=StaffRole.GRID_MEMBER,
                               source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name="黎敏")
    people.window_.bus.changed.emit("staff")
    assert model.under_staffed_rows() == [1]
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_add_and_end_a_role(qtbot, desk_db, tasks, answered, monkeypatch, feature_window, far_from_beijing):
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)

    def fill(dialog: AddStaffDialog):
        dialog.grid.setCurrentIndex(1)
        dialog.role.setCurrentIndex(dialog.role.findData(StaffRole.GRID_MEMBER))
        # Only the Art. 9 sources of a grid member are offered.
        assert dialog.source.findData(StaffSource.HIRED) == -1
        dialog.source.setCurrentIndex(dialog.source.findData(StaffSource.GROUP_LEADER))
        dialog.name.setText("黎敏")
        dialog.phone.setText("13912340000")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AddStaffDialog, "exec", fill)
    people.add_button.click()
    assert answered == []
    assert [(m.name, m.grid_name) for m in people.roster_model.rows if m.name == "黎敏"] == [("黎敏", "侨北第二网格")]
    assert people.staffing_model.under_staffed_rows() == [0]

    row = next(n for n, m in enumerate(people.roster_model.rows) if m.name == "黎敏")
    people.roster_view.selectRow(row)
    people.end_button.click()
    assert answered == []
    # Today is the last day served: still listed, saying so, and a second 离任 is told it is done.
    row = next(n for n, m in enumerate(people.roster_model.rows) if m.name == "黎敏")
    member = people.roster_model.rows[row]
    assert member.last_day == beijing_today()
    status = people.roster_model.index(row, 4).data()
    assert status.endswith(f"(最后任职日 {beijing_today().isoformat()})")
    with pytest.raises(InvalidTransition, match=f"已办理离任,最后任职日为 {beijing_today()}"):
        staff_admin.end_serving(desk_db, ADMIN, person_id=member.person_id, grid_code=member.grid_code,
                                role=member.role, end_on=beijing_today())


def test_a_refused_entry_opens_the_form_again_with_what_was_typed(qtbot, desk_db, tasks, answered, monkeypatch,
                                                                 feature_window):
    """A mistyped phone (or a second 网格长, Art. 10) is refused by the service after the form closed:
    the form opens again holding every entry, to correct the one named, not to type it all again."""
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)
    shown = []

    def fill(dialog: AddStaffDialog):
        shown.append((dialog.grid.currentIndex(), dialog.source.currentData(), dialog.name.text(), dialog.phone.text()))
        if len(shown) == 1:
            dialog.grid.setCurrentIndex(1)
            dialog.role.setCurrentIndex(dialog.role.findData(StaffRole.GRID_MEMBER))
            dialog.source.setCurrentIndex(dialog.source.findData(StaffSource.GROUP_LEADER))
            dialog.name.setText("黎敏")
            dialog.phone.setText("1391234000")  # a digit short
        else:
            dialog.phone.setText("13912340000")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AddStaffDialog, "exec", fill)
    people.add_button.click()
    assert len(answered) == 1 and "电话号码 1391234000 无效" in answered[0]
    assert shown[1] == (1, StaffSource.GROUP_LEADER, "黎敏", "1391234000")
    assert [(m.name, m.phone) for m in people.roster_model.rows if m.name == "黎敏"] == [("黎敏", "13912340000")]

    def give_up(form: WorkLogForm):  # cancelled on the second showing: nothing more is tried
        shown.append("work log")
        form.summary.setPlainText("入户走访" if len(shown) == 3 else form.summary.toPlainText())
        return QDialog.DialogCode.Accepted if len(shown) == 3 else QDialog.DialogCode.Rejected

    monkeypatch.setattr(WorkLogForm, "exec", give_up)
    monkeypatch.setattr(staff_admin, "log_work", lambda *a, **k: (_ for _ in ()).throw(InvalidTransition("拒绝")))
    people.work_button.click()
    assert shown[2:] == ["work log", "work log"] and answered[-1] == "拒绝"


@pytest.mark.law("Art. 14")
def test_a_workers_new_phone_and_leave_are_entered_from_the_roster(qtbot, desk_db, tasks, answered, monkeypatch,
                                                                   feature_window):
    """A grid worker's phone, the one residents call from the notice board, could be changed nowhere on the
    desk; nor could a leave be recorded."""
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)
    people.edit_button.click()  # nobody chosen: said, nothing opened
    assert answered == ["请先在名单中选中一人"]
    member = people.roster_model.rows[0]
    people.roster_view.selectRow(0)
    shown = []

    def fill(form: PersonForm):
        shown.append((form.name.text(), form.phone.text(), form.status.currentData()))
        form.phone.setText("139 0000 1111" if len(shown) == 1 else "13900001111")
        form.status.setCurrentIndex(form.status.findData(PersonStatus.ON_LEAVE.value))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PersonForm, "exec", fill)
    people.edit_button.click()
    assert shown[0] == (member.name, "13807791234", PersonStatus.ACTIVE.value)
    [changed] = [m for m in people.roster_model.rows if m.person_id == member.person_id]
    assert (changed.phone, changed.status) == ("13900001111", PersonStatus.ON_LEAVE) and answered[1:] == []
    operator_view = open_people(feature_window(desk_db, OPERATOR, tasks))
    qtbot.addWidget(operator_view)
    assert not operator_view.edit_button.isEnabled()


def _first_member_chosen(qtbot, desk_db, tasks, feature_window):
    """The people window as the township administrator opens it, the roster's first row chosen, and its member."""
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)
    people.roster_view.selectRow(0)
    return people, people.roster_model.rows[0]


@pytest.mark.law("Art. 10")
@pytest.mark.law("Art. 14")
def test_leaving_is_refused_for_a_worker_still_appointed_and_taken_once_the_role_is_ended(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    """离岗 was taken for someone serving a grid: listed as 离岗, counted absent, dropped from the notice sheets."""
    people, member = _first_member_chosen(qtbot, desk_db, tasks, feature_window)
    shown = []

    def fill(form: PersonForm):
        shown.append(form.status.currentData())
        if len(shown) == 2:  # opened again on what was chosen
            return QDialog.DialogCode.Rejected
        form.status.setCurrentIndex(form.status.findData(PersonStatus.LEFT.value))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PersonForm, "exec", fill)
    people.edit_button.click()
    assert shown == [PersonStatus.ACTIVE.value, PersonStatus.LEFT.value]
    assert len(answered) == 1 and f"{member.name}仍担任{member.grid_name}{member.role.label}" in answered[0]
    assert "办理离任,再设为离岗" in answered[0]
    [kept] = [m for m in people.roster_model.rows if m.person_id == member.person_id]
    assert kept.status is PersonStatus.ACTIVE
    for row in [r for r, m in enumerate(people.roster_model.rows) if m.person_id == member.person_id][::-1]:
        people.roster_view.selectRow(row)
        people.end_button.click()  # 离任, today the last day: listed until it is over
    people.roster_view.selectRow(next(r for r, m in enumerate(people.roster_model.rows)
                                      if m.person_id == member.person_id))
    shown.clear()
    people.edit_button.click()  # 离岗 chosen and taken
    assert len(answered) == 1, answered
    assert {m.status for m in people.roster_model.rows if m.person_id == member.person_id} == {PersonStatus.LEFT}


@pytest.mark.law("Art. 14")
def test_an_emptied_name_is_refused_and_the_form_opens_again_with_the_phone_typed(qtbot, desk_db, tasks, answered,
                                                                               monkeypatch, feature_window):
    """The name is marked required; emptied, it was passed over without a word and the phone beside it saved."""
    people, member = _first_member_chosen(qtbot, desk_db, tasks, feature_window)
    shown = []

    def fill(form: PersonForm):
        shown.append((form.name.text(), form.phone.text()))
        if len(shown) == 1:
            form.name.clear()
            form.phone.setText("13900001111")
            return QDialog.DialogCode.Accepted
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(PersonForm, "exec", fill)
    people.edit_button.click()
    assert len(answered) == 1 and "姓名不能为空" in answered[0]
    assert shown[1] == ("", "13900001111")
    [kept] = [m for m in people.roster_model.rows if m.person_id == member.person_id]
    assert (kept.name, kept.phone) == (member.name, member.phone)


@pytest.mark.law("Art. 14")
def test_an_edit_of_a_worker_another_administrator_changed_meanwhile_is_refused_and_opens_again_on_the_change(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    """qg_admin pressed OK on 修改人员信息 without changing anything while yh_admin had set the worker's phone and
    请假: the old phone and 在岗 went back into the database, and nobody was told."""
    people, member = _first_member_chosen(qtbot, desk_db, tasks, feature_window)
    county = Actor(username="yh_admin", display_name="银海区管理员",
                   grants=(Grant(Role.COUNTY_ADMIN, "450503000000", PlaceLevel.COUNTY),))
    opened = []

    def ok(form: PersonForm):
        if not opened:  # while the form is open, on another desk
            staff_admin.update_person(desk_db, county, member.person_id, phone="13900002222",
                                      status=PersonStatus.ON_LEAVE, expected_version=member.version)
        opened.append((form.name.text(), form.phone.text(), form.status.currentData(), form.note.text()))
        if len(opened) == 2:
            form.name.setText("陈海洋")
        return QDialog.DialogCode.Accepted if len(opened) <= 2 else QDialog.DialogCode.Rejected

    monkeypatch.setattr(PersonForm, "exec", ok)
    people.edit_button.click()
    assert len(answered) == 1 and answered[0].startswith(f"人员 {member.name} 已被 银海区管理员 于 ")
    assert answered[0].endswith(" 修改,请重新载入")
    assert opened[1] == (member.name, "13900002222", PersonStatus.ON_LEAVE.value, "已载入他人所作的修改:手机、状态")
    assert len(opened) == 2  # OK on the form opened again saved what was typed onto the other's change
    [now] = [m for m in people.roster_model.rows if m.person_id == member.person_id]
    assert (now.name, now.phone, now.status) == ("陈海洋", "13900002222", PersonStatus.ON_LEAVE)


@pytest.mark.law("Art. 14")
def test_a_worker_removed_meanwhile_is_said_gone_once_and_the_form_not_opened_again(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    """OK on 修改人员信息 of a worker removed on another desktop was refused with the person's internal number
    (人员 1 不存在), as a record that never was."""
    people, member = _first_member_chosen(qtbot, desk_db, tasks, feature_window)
    opened = ok_after_removal_meanwhile(monkeypatch, PersonForm, desk_db,
                                        delete(Person).where(Person.id == member.person_id), phone="13900003333")
    people.edit_button.click()
    assert answered == ["此人的记录已不存在(可能已在其他桌面上删除),所作修改未保存;请重新载入"]
    assert len(opened) == 1 and member.person_id not in {m.person_id for m in people.roster_model.rows}


def test_a_phone_shown_masked_is_not_filled_in_and_is_kept_unless_one_is_typed(qtbot):
    from desktop.services.staff import StaffMember

    member = StaffMember(7, "黎敏", StaffRole.GRID_MEMBER, StaffSource.VOLUNTEER, "139****1111", PersonStatus.ACTIVE,
                         GRID, "侨北第一网格", 3)
    form = PersonForm(member)
    qtbot.addWidget(form)
    assert form.phone.text() == "" and form.phone.placeholderText() == "不修改请留空"
    assert form.values() == dict(person_id=7, name="黎敏", phone=None, status=PersonStatus.ACTIVE, expected_version=3)
    shown = PersonForm(dataclasses.replace(member, phone="13912341111"))
    qtbot.addWidget(shown)
    shown.phone.clear()  # a wrong number taken off: removed, not kept
    assert shown.values()["phone"] == "" and shown.typed()


def test_a_status_chosen_is_not_lost_by_one_esc(qtbot):
    from desktop.services.staff import StaffMember

    form = PersonForm(StaffMember(7, "黎敏", StaffRole.GRID_MEMBER, StaffSource.VOLUNTEER, "13912341111",
                                  PersonStatus.ACTIVE, GRID, "侨北第一网格", 1))
    qtbot.addWidget(form)
    form.show()
    assert not form.typed()
    form.status.setCurrentIndex(form.status.findData(PersonStatus.ON_LEAVE.value))
    form.reject()
    assert form.isVisible() and form.discard_note.isVisible()


def test_operators_see_the_published_phones_but_may_not_change_staff(qtbot, desk_db, tasks, answered, feature_window):
    operator_view = open_people(feature_window(desk_db, OPERATOR, tasks))
    qtbot.addWidget(operator_view)
    assert operator_view.roster_model.rows[0].phone == "13807791234" and not operator_view.add_button.isEnabled()


def test_needs_a_selected_place(qtbot, desk_db, tasks, answered, feature_window):
    assert open_people(feature_window(desk_db, ADMIN, tasks, code=None)) is None
    assert "请先" in answered[0]


@pytest.mark.law("Art. 8")
def test_leader_and_work_log_tabs(qtbot, qtmodeltester, desk_db, tasks, answered, monkeypatch, feature_window):
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)
    qtmodeltester.check(people.leaders_model)
    qtmodeltester.check(people.activity_model)

    def chief(form: LeaderForm):
        form.role.setCurrentIndex(form.role.findData(LeadershipRole.GRID_CHIEF))
        form.name.setText("梁海")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LeaderForm, "exec", chief)
    people.leader_button.click()
    assert answered == []
    assert [(r.name, r.place_name) for r in people.leaders_model.rows] == [("梁海", "侨北社区")]

    tries = []

    def mistyped(form: LeaderForm):
        tries.append(form.phone.text())
        form.name.setText("某")
        form.phone.setText("0779")
        return QDialog.DialogCode.Accepted if len(tries) == 1 else QDialog.DialogCode.Rejected

    monkeypatch.setattr(LeaderForm, "exec", mistyped)
    people.leader_button.click()
    assert "电话号码 0779 无效" in answered[-1] and tries == ["", "0779"]  # shown again as typed, then cancelled

    # The chief leaves: today is the last day in office (the service's own end_leadership, on record).
    people.leaders_view.selectRow(0)
    asked = []
    monkeypatch.setattr(people_window.dialogs, "confirm", lambda parent, title, text: asked.append(text) or False)
    people.end_leader_button.click()
    assert asked == ["梁海 以今日为最后任职日,卸任 侨北社区 的网格总负责人?(明日起不再列入名单)"]
    with desk_db.session() as s:
        assert s.scalar(select(LeadershipAssignment.end_on)) is None  # the question was answered no
    monkeypatch.setattr(people_window.dialogs, "confirm", lambda parent, title, text: True)
    people.end_leader_button.click()
    with desk_db.session() as s:
        assert s.scalar(select(LeadershipAssignment.end_on)) == beijing_today()

    def duty(form: WorkLogForm):
        qtbot.keyClick(form.summary, Qt.Key.Key_Tab)  # goes on to the buttons, typing nothing
        assert form.summary.toPlainText() == ""
        form.kind.setCurrentIndex(form.kind.findData(WorkLogKind.RISK_SCREENING))
        form.summary.setPlainText("排查消防通道堵塞 2 处")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WorkLogForm, "exec", duty)
    people.work_button.click()
    assert [(r.name, r.what) for r in people.activity_model.rows] == [("陈海", "排查风险隐患")]


@pytest.mark.law("Art. 11")
def test_professional_registered_and_visit_logged(qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)

    def visit(form: VisitForm):
        assert form.professional.currentData() is None and form.name.isEnabled()
        qtbot.keyClick(form.summary, Qt.Key.Key_Tab)
        assert form.summary.toPlainText() == ""
        form.name.setText("覃律师")
        form.profession.setCurrentIndex(form.profession.findData(Profession.LAWYER))
        form.organisation.setText("广西海派律师事务所")
        form.purpose.setCurrentText("纠纷化解")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(VisitForm, "exec", visit)
    people.visit_button.click()
    assert answered == []
    assert [(r.name, r.what, r.grid_name) for r in people.activity_model.rows] == [("覃律师", "纠纷化解", "侨北第一网格")]

    def again(form: VisitForm):  # the registered lawyer is offered and the new-person fields locked
        form.professional.setCurrentIndex(1)
        assert not form.name.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(VisitForm, "exec", again)
    people.visit_button.click()
    assert len(people.activity_model.rows) == 2


COUNTY_ADMIN = Actor(username="yh_admin", display_name="银海区管理员",
                     grants=(Grant(Role.COUNTY_ADMIN, "450503000000", PlaceLevel.COUNTY),))


@pytest.mark.law("Art. 8")
def test_a_leadership_ended_today_shows_its_last_day_and_is_not_ended_again(qtbot, qtmodeltester, desk_db, tasks,
                                                                            answered, feature_window):
    """卸任 changed nothing in the list, and a second 卸任 silently overwrote the end date."""
    chief = staff_admin.assign_leadership(desk_db, ADMIN, place_code=QIAOBEI, role=LeadershipRole.GRID_CHIEF,
                                          start_on=date(2025, 9, 1), name="梁海")
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)
    model = people.leaders_model
    qtmodeltester.check(model)
    assert model.headerData(4, Qt.Orientation.Horizontal) == "任期至" and model.index(0, 4).data() == "至今"
    people.leaders_view.selectRow(0)
    assert people.end_leader_button.isEnabled()
    people.end_leader_button.click()
    assert answered == []
    # Listed until today is over, with today as its last day; 卸任 is not offered again, and saying why.
    today = beijing_today().isoformat()
    assert [(r.name, model.index(0, 4).data()) for r in model.rows] == [("梁海", today)]
    people.leaders_view.selectRow(0)
    assert not people.end_leader_button.isEnabled()
    assert people.end_leader_button.toolTip() == f"梁海 的网格总负责人任职已办理卸任,最后任职日为 {today},此后不再列入名单"
    with pytest.raises(InvalidTransition, match=f"已办理卸任,最后任职日为 {today}"):
        staff_admin.end_leadership(desk_db, ADMIN, chief.id, end_on=beijing_today())


@pytest.mark.law("Art. 8")
def test_leader_buttons_are_offered_only_to_who_may_take_the_step(qtbot, desk_db, tasks, monkeypatch, feature_window):
    """An operator was offered 确定领导联系… and 卸任, refused only after confirming; a township administrator's
    卸任 of the county's contact leader was refused, after confirming, as a missing 维护网格人员 grant."""
    staff_admin.assign_leadership(desk_db, COUNTY_ADMIN, place_code=QIAOBEI, role=LeadershipRole.CONTACT_LEADER,
                                  start_on=date(2025, 9, 1), name="邓霞静")
    operator_view = open_people(feature_window(desk_db, OPERATOR, tasks))
    qtbot.addWidget(operator_view)
    for button in (operator_view.leader_button, operator_view.end_leader_button, operator_view.visit_button):
        assert not button.isEnabled() and "维护网格人员" in button.toolTip()
    assert operator_view.work_button.isEnabled()  # the work log is the desk's (受理诉求), as log_work allows

    said, asked = [], []
    monkeypatch.setattr(people_window.dialogs, "information", lambda parent, title, text: said.append((title, text)))
    monkeypatch.setattr(people_window.dialogs, "warning",
                        lambda parent, title, text, items=(): said.append((title, text)))
    monkeypatch.setattr(people_window.dialogs, "confirm", lambda parent, title, text: asked.append(text) or True)
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)
    assert people.leader_button.isEnabled() and people.end_leader_button.isEnabled()
    people.end_leader_button.click()  # nobody chosen: said, under the tab's own name
    assert said == [("挂点领导、指导员、总负责人", "请先在名单中选中一人")]
    people.leaders_view.selectRow(0)
    refusal = "网格挂点领导由县(区)网格化服务管理机构确定;请由银海的管理员办理(Art. 8)"
    assert not people.end_leader_button.isEnabled() and people.end_leader_button.toolTip() == refusal
    people.end_leader()  # however reached, refused before anything is asked
    assert said[1:] == [("卸任", refusal)] and asked == []
    with desk_db.session() as s:
        assert s.scalar(select(LeadershipAssignment.end_on)) is None

    county_view = open_people(feature_window(desk_db, COUNTY_ADMIN, tasks))
    qtbot.addWidget(county_view)
    county_view.leaders_view.selectRow(0)
    assert county_view.end_leader_button.isEnabled() and county_view.end_leader_button.toolTip() == ""


def test_ending_a_role_names_the_role(qtbot, desk_db, tasks, monkeypatch, feature_window):
    """The 离任 question read "卸任 侨北第一网格 的该职务", naming no role."""
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)
    asked = []
    monkeypatch.setattr(people_window.dialogs, "confirm", lambda parent, title, text: asked.append(text) or False)
    people.roster_view.selectRow(0)
    people.end_button.click()
    assert asked == ["陈海 以今日为最后任职日,卸任 侨北第一网格 的网格长?(明日起不再列入名单)"]


@pytest.mark.law("Art. 8")
def test_the_leader_form_offers_only_the_roles_this_user_may_name(qtbot, desk_db, tasks, monkeypatch, feature_window):
    """确定领导联系 offered a township administrator the county's contact leaders and instructors, and grids
    as a chief's place, refused only once the form was filled in."""
    offered = []

    def look(form: LeaderForm):
        roles = {}
        for index in range(form.place.count()):
            form.place.setCurrentIndex(index)
            roles[form.place.currentData()] = [LeadershipRole(form.role.itemData(r)) for r in range(form.role.count())]
        offered.append(roles)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(LeaderForm, "exec", look)
    people = open_people(feature_window(desk_db, ADMIN, tasks))
    qtbot.addWidget(people)
    people.leader_button.click()
    assert offered == [{QIAOBEI: [LeadershipRole.GRID_CHIEF]}]

    county_view = open_people(feature_window(desk_db, COUNTY_ADMIN, tasks))
    qtbot.addWidget(county_view)
    county_view.leader_button.click()
    area = [LeadershipRole.CONTACT_LEADER, LeadershipRole.INSTRUCTOR]
    assert offered[1] == {QIAOBEI: list(LeadershipRole), GRID: area, QIAOBEI + "002": area}

    grid_view = open_people(feature_window(desk_db, ADMIN, tasks, code=GRID))  # nothing a township names here
    qtbot.addWidget(grid_view)
    assert not grid_view.leader_button.isEnabled() and grid_view.add_button.isEnabled()
    assert grid_view.leader_button.toolTip() == (
        "网格挂点领导由县(区)网格化服务管理机构确定;请由银海的管理员办理;网格指导员由县(区)网格化服务管理机构确定;"
        "请由银海的管理员办理;网格总负责人按村(社区)确定,侨北第一网格不是村(社区)(Art. 8)")
