"""The departments screen with qtbot: the register a county keeps (Art. 5(5), 12(1)), the line
above (Art. 17), retiring, stale edits, and contacts (Art. 13(4), 20(3))."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import delete

from desktop.errors import Conflict, InvalidTransition
from desktop.models import Department, Liaison
from desktop.models.enums import PlaceLevel, Role
from desktop.services import department_contacts, departments, users
from desktop.services.departments import DepartmentDraft
from desktop.services.security import Actor, Grant
from desktop.views import dialogs
from desktop.views.departments import open_departments
from desktop.views.departments import window as departments_window
from desktop.views.departments.forms import ContactForm, DepartmentForm
from desktop.views.departments.models import UNSIGNED, DepartmentsModel
from desktop.views.departments.window import DepartmentsWindow

from .conftest import QIAOBEI
from .meanwhile import ok_after_removal_meanwhile

YINHAI, QIAOGANG, CITY = "450503000000", "450503103000", "450500000000"
COUNTY_ADMIN = Actor(username="adm_yh", display_name="银海区管理员",
                     grants=(Grant(Role.COUNTY_ADMIN, YINHAI, PlaceLevel.COUNTY),))
OPERATOR = Actor(username="op_qg", display_name="侨港值班员", grants=(Grant(Role.OPERATOR, QIAOGANG, PlaceLevel.TOWNSHIP),))


@pytest.fixture
def registered(sqlite_db, system):
    """银海区's public security bureau under the city's, with a responsible contact."""
    departments.add_department(sqlite_db, system, code="BH-GAJ", place_code=CITY, draft=DepartmentDraft("北海市公安局"))
    departments.add_department(sqlite_db, system, code="YH-GA", place_code=YINHAI,
                               draft=DepartmentDraft("北海市公安局银海分局", "银海公安分局", "0779-3030110"),
                               parent_code="BH-GAJ")
    department_contacts.add_contact(sqlite_db, system, "YH-GA", name="陈警官", phone="13907790110", responsible=True)
    return sqlite_db


@pytest.fixture
def errors(monkeypatch):
    shown: list[BaseException] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: shown.append(exc))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: True)
    return shown


def _open(qtbot, feature_window, db, actor, tasks) -> DepartmentsWindow:
    window = feature_window(db, actor, tasks, QIAOBEI)
    open_departments(window)
    screen = window.findChild(DepartmentsWindow)
    qtbot.addWidget(screen)
    return screen


def _select(screen: DepartmentsWindow, code: str) -> None:
    row = [d.code for d in screen.model.rows].index(code)
    screen.view.selectRow(screen.proxy.mapFromSource(screen.model.index(row, 0)).row())


def _answer(monkeypatch, form_class, fill) -> None:
    def exec_(form):
        fill(form)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(form_class, "exec", exec_)


@pytest.mark.law("Art. 12")
def test_a_county_admin_registers_an_office_and_records_its_line(qtbot, qtmodeltester, feature_window, registered,
                                                                  tasks, errors, monkeypatch):
    screen = _open(qtbot, feature_window, registered, COUNTY_ADMIN, tasks)
    assert screen.code == YINHAI and "银海" in screen.title.text()  # 侨北社区's county keeps the register
    qtmodeltester.check(screen.model)
    assert [d.code for d in screen.model.rows] == ["YH-GA"]  # the city's bureau is the city's to keep
    assert screen.model.index(0, 5).data() == "北海市公安局"
    assert (QIAOGANG, "侨港") in screen.territories and all(c.startswith("450503") for c, _ in screen.territories)

    def fill(form: DepartmentForm):
        form.code.setText("QG-PCS")
        form.place.setCurrentIndex(form.place.findData(QIAOGANG))
        form.name.setText("侨港派出所")
        form.phone.setText("0779-3201110")
    _answer(monkeypatch, DepartmentForm, fill)
    screen.add_button.click()
    assert errors == [] and [d.code for d in screen.model.rows] == ["QG-PCS", "YH-GA"]
    assert screen.model.index(0, 3).data() == "乡镇(街道)级"

    _select(screen, "QG-PCS")
    offered = []

    def choose(parent, department, choices):
        offered.extend(c.code for c in choices)
        return "YH-GA"
    monkeypatch.setattr(departments_window, "ask_parent", choose)
    screen.line_button.click()
    assert offered == ["BH-GAJ", "YH-GA"]
    assert screen.current().code == "QG-PCS" and screen.current().parent_name == "北海市公安局银海分局"

    screen.search.setText("分局")
    assert screen.proxy.rowCount() == 2  # the office's line names the bureau too
    _select(screen, "YH-GA")
    screen.search.setText("派出所")
    assert screen.proxy.rowCount() == 1
    # The chosen bureau is filtered out: nothing is chosen, rather than the row Qt moves to.
    assert screen.current() is None and not screen.edit_button.isEnabled()
    assert screen.contacts_model.rowCount() == 0


def test_a_stale_edit_names_who_and_opens_again_on_the_department_as_saved_with_what_was_typed(
        qtbot, feature_window, registered, tasks, errors, monkeypatch):
    """The refusal said only "已被其他用户于 … 修改,请重新载入后再编辑", the phone typed was thrown away, and
    a form opened again would have been refused for ever on the version it was opened on."""
    screen = _open(qtbot, feature_window, registered, COUNTY_ADMIN, tasks)
    _select(screen, "YH-GA")
    seen = screen.current()
    other = Actor(username="adm_yh2", display_name="银海区管理员乙", grants=COUNTY_ADMIN.grants)
    departments.update_department(registered, other, "YH-GA", DepartmentDraft("北海市公安局银海分局", "银海分局",
                                                                          "0779-3030120"), expected_version=seen.version)  # another desktop, not yet announced here
    opened = []

    def fill(form: DepartmentForm):
        opened.append((form.short_name.text(), form.phone.text(), form.note.isVisibleTo(form), form.note.text()))
        if len(opened) == 1:
            form.phone.setText("0779-3039999")
        return QDialog.DialogCode.Accepted  # OK again on the form opened again: saved
    monkeypatch.setattr(DepartmentForm, "exec", fill)
    screen.edit_button.click()
    [refused] = errors
    assert isinstance(refused, Conflict) and refused.message.startswith("联动部门 北海市公安局银海分局 已被 银海区管理员乙 于 ")
    assert refused.message.endswith(" 修改,请重新载入")
    assert opened[1] == ("银海分局", "0779-3039999", True,
                         "已载入他人所作的修改:简称;办公电话 他人也已修改,表中仍是您填写的,保存即以此为准")
    assert len(opened) == 2 and (screen.current().short_name, screen.current().phone) == ("银海分局", "0779-3039999")


def test_a_department_removed_meanwhile_is_said_gone_once_and_its_form_not_opened_again(
        qtbot, feature_window, registered, tasks, errors, monkeypatch):
    """OK on 编辑 of a department removed on another desktop showed two refusals: the save's, then the same
    again from reading the department to open the form on."""
    screen = _open(qtbot, feature_window, registered, COUNTY_ADMIN, tasks)
    _select(screen, "YH-GA")
    opened = ok_after_removal_meanwhile(monkeypatch, DepartmentForm, registered, delete(Liaison),
                                        delete(Department).where(Department.code == "YH-GA"), phone="0779-3039999")
    screen.edit_button.click()
    assert [str(exc) for exc in errors] == ["联动部门 YH-GA 已不存在(可能已在其他桌面上删除),所作修改未保存;请重新载入"]
    assert len(opened) == 1 and screen.model.rows == []  # not opened again; the register as it is now


def test_a_refused_new_department_opens_again_holding_what_was_typed(qtbot, feature_window, registered, tasks, errors,
                                                                     monkeypatch):
    screen = _open(qtbot, feature_window, registered, COUNTY_ADMIN, tasks)
    opened = []

    def fill(form: DepartmentForm):
        opened.append((form.code.text(), form.name.text()))
        if len(opened) == 1:
            form.code.setText("YH-GA")  # taken
            form.place.setCurrentIndex(form.place.findData(QIAOGANG))
            form.name.setText("侨港派出所")
            return QDialog.DialogCode.Accepted
        form.code.setText("QG-PCS")
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(DepartmentForm, "exec", fill)
    screen.add_button.click()
    assert len(errors) == 1 and "YH-GA 已被使用" in errors[0].message
    assert opened[1] == ("YH-GA", "侨港派出所") and "QG-PCS" in [d.code for d in screen.model.rows]


@pytest.mark.law("Art. 20")
def test_contacts_are_added_given_duties_and_removed(qtbot, qtmodeltester, feature_window, registered, tasks,
                                                      errors, monkeypatch):
    screen = _open(qtbot, feature_window, registered, COUNTY_ADMIN, tasks)
    assert not screen.add_contact_button.isEnabled()  # no department chosen yet
    _select(screen, "YH-GA")
    qtmodeltester.check(screen.contacts_model)
    assert "北海市公安局银海分局 的联系人" == screen.contacts_box.title()
    assert [screen.contacts_model.index(0, c).data() for c in range(3)] == [
        "陈警官", "13907790110", "回访负责人(条例第二十条)"]

    def fill(form: ContactForm):
        form.name.setText("覃指导")
        form.phone.setText("13807790220")
        form.guidance.setChecked(True)
    _answer(monkeypatch, ContactForm, fill)
    screen.add_contact_button.click()
    assert [c.name for c in screen.contacts_model.rows] == ["陈警官", "覃指导"]
    assert screen.contacts_model.index(1, 2).data() == "业务指导人员(条例第十三条)"

    screen.contacts_view.selectRow(1)
    assert screen.roles_button.isEnabled()
    _answer(monkeypatch, ContactForm, lambda form: form.responsible.setChecked(True))
    screen.roles_button.click()
    assert [c.name for c in screen.contacts_model.rows] == ["覃指导", "陈警官"]  # responsible and guiding first
    assert screen.contacts_model.index(0, 2).data() == "回访负责人(条例第二十条)、业务指导人员(条例第十三条)"
    screen.contacts_view.selectRow(1)
    screen.remove_contact_button.click()
    assert errors == [] and [c.name for c in screen.contacts_model.rows] == ["覃指导"]


@pytest.mark.law("Art. 18")
def test_retire_refusal_is_shown_and_a_retired_department_restored(qtbot, feature_window, registered, tasks, errors):
    departments.add_department(registered, COUNTY_ADMIN, code="QG-PCS", place_code=QIAOGANG,
                               draft=DepartmentDraft("侨港派出所"), parent_code="YH-GA")
    screen = _open(qtbot, feature_window, registered, COUNTY_ADMIN, tasks)
    _select(screen, "YH-GA")
    screen.retire_button.click()
    assert isinstance(errors[0], InvalidTransition) and "侨港派出所以其为上级部门" in errors[0].message
    _select(screen, "QG-PCS")
    assert screen.retire_button.text() == "停用…"
    screen.retire_button.click()
    assert [d.code for d in screen.model.rows] == ["YH-GA"]  # retired ones are hidden…
    screen.show_retired.setChecked(True)
    assert [d.code for d in screen.model.rows] == ["QG-PCS", "YH-GA"]  # …unless asked for
    _select(screen, "QG-PCS")
    assert screen.retire_button.text() == "恢复启用" and not screen.line_button.isEnabled()
    assert screen.model.index(0, 7).data() == "已停用"
    screen.retire_button.click()
    assert screen.current().active and len(errors) == 1


@pytest.mark.law("Art. 15")
def test_an_operator_reads_the_register_with_masked_phones_and_cannot_change_it(qtbot, feature_window, registered,
                                                                               tasks, errors):
    screen = _open(qtbot, feature_window, registered, OPERATOR, tasks)
    _select(screen, "YH-GA")
    assert screen.contacts_model.index(0, 1).data() == "139****0110"
    screen.contacts_view.selectRow(0)
    buttons = (screen.add_button, screen.edit_button, screen.line_button, screen.retire_button,
               screen.add_contact_button, screen.roles_button, screen.remove_contact_button)
    assert not any(button.isEnabled() for button in buttons)


def test_another_desktops_change_reloads_the_screen(qtbot, feature_window, registered, tasks, errors):
    screen = _open(qtbot, feature_window, registered, COUNTY_ADMIN, tasks)
    departments.add_department(registered, COUNTY_ADMIN, code="QG-WSY", place_code=QIAOGANG,
                               draft=DepartmentDraft("侨港镇卫生院"))
    assert [d.code for d in screen.model.rows] == ["YH-GA"]
    screen.window_.bus.changed.emit("departments")  # what the live listener emits for it
    assert [d.code for d in screen.model.rows] == ["QG-WSY", "YH-GA"]


def test_late_answers_for_another_department_or_an_older_reload_are_dropped(qtbot, feature_window, registered,
                                                                          system):
    from .deferred import Deferred

    departments.add_department(registered, system, code="QG-PCS", place_code=QIAOGANG,
                               draft=DepartmentDraft("侨港派出所"))
    tasks = Deferred()
    window = feature_window(registered, COUNTY_ADMIN, tasks, QIAOBEI)
    screen = DepartmentsWindow(window, YINHAI, "银海区", parent=window)
    qtbot.addWidget(screen)
    tasks.run_all()
    _select(screen, "YH-GA")
    _select(screen, "QG-PCS")
    assert screen.contacts_model.rowCount() == 0  # cleared at once, not 银海分局's under 派出所's title
    tasks.run(0)  # 银海分局's contacts arrive last-but-one…
    assert screen.contacts_model.rowCount() == 0  # …and are not shown under 侨港派出所
    tasks.run(0)
    assert screen.contacts_model.rowCount() == 0 and screen.current().code == "QG-PCS"  # it has none

    departments.set_active(registered, system, "QG-PCS", False, expected_version=None)
    screen.show_retired.setChecked(True)  # asks for [QG-PCS (retired), YH-GA]…
    screen.show_retired.setChecked(False)  # …then for [YH-GA]
    assert len(tasks.queued) == 2
    tasks.run(len(tasks.queued) - 1)  # the newer answer lands first
    tasks.run(0)  # the older one, landing last, is dropped
    assert [d.code for d in screen.model.rows] == ["YH-GA"]


def test_the_matter_list_screen_reloads_its_department_pickers_on_a_department_change(qtbot, feature_window,
                                                                                   registered, tasks, system):
    from desktop.views.matters.window import MatterListWindow

    window = feature_window(registered, system, tasks, QIAOBEI)
    matters = MatterListWindow(window, YINHAI, window)
    qtbot.addWidget(matters)
    assert [name for _, name in matters.departments] == ["银海公安分局"]
    departments.add_department(registered, system, code="YH-WJJ", place_code=YINHAI, draft=DepartmentDraft("银海区卫健局"))
    window.bus.changed.emit("departments")
    assert [name for _, name in matters.departments] == ["银海公安分局", "银海区卫健局"]


@pytest.mark.law("Art. 18")
def test_each_department_says_whether_someone_can_sign_for_its_cases_at_a_desk(qtbot, qtmodeltester, feature_window,
                                                                              registered, tasks, errors, system):
    screen = _open(qtbot, feature_window, registered, COUNTY_ADMIN, tasks)
    qtmodeltester.check(screen.model)
    cell = screen.model.index(0, DepartmentsModel.SIGNING)
    assert screen.model.headerData(DepartmentsModel.SIGNING, Qt.Orientation.Horizontal) == "桌面签收"
    assert cell.data() == "无联络员账号,须电话通知" and "条例第十八条" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color() == UNSIGNED
    department_id = departments.get_department(registered, "YH-GA").id
    users.add_user(registered, system, username="yh_ga", display_name="分局联络员", password="liaison-2026",
                   role=Role.LIAISON, scope_code=YINHAI, department_id=department_id)
    screen.reload()
    cell = screen.model.index(0, DepartmentsModel.SIGNING)
    assert cell.data() == "有联络员账号" and cell.data(Qt.ItemDataRole.ToolTipRole) is None
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_search_matches_a_departments_own_text_not_its_state_or_signing(qtbot, qtmodeltester, feature_window,
                                                                             registered, tasks, errors):
    screen = _open(qtbot, feature_window, registered, COUNTY_ADMIN, tasks)
    qtmodeltester.check(screen.proxy)
    assert screen.proxy.rowCount() == 1  # 北海市公安局银海分局, in use, without a liaison account
    for every_departments_words in ("联络员", "电话", "在用"):
        screen.search.setText(every_departments_words)
        assert screen.proxy.rowCount() == 0, every_departments_words
    screen.search.setText("yh-ga")  # the code, whatever the case
    assert [screen.proxy.index(row, 0).data() for row in range(screen.proxy.rowCount())] == ["YH-GA"]
