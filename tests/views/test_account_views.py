"""The accounts screen and the own-password dialog with qtbot (Art. 15)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop.errors import PermissionDenied
from desktop.models.enums import PlaceLevel, Role
from desktop.services import accounts, users
from desktop.tasks import TaskRunner
from desktop.views import dialogs
from desktop.views.accounts import open_accounts, open_change_password
from desktop.views.accounts import forms
from desktop.views.accounts.forms import GrantForm, PasswordForm
from desktop.views.accounts.window import AccountsWindow

pytestmark = pytest.mark.law("Art. 15")

QIAOGANG = "450503103000"
PASSWORD = "secret-123"


@pytest.fixture
def township_admin(sqlite_db, system):
    for name, role in (("qg_admin", Role.TOWNSHIP_ADMIN), ("qg_op", Role.OPERATOR)):
        users.add_user(sqlite_db, system, username=name, display_name=name, password=PASSWORD, role=role,
                       scope_code=QIAOGANG)
    return users.login(sqlite_db, "qg_admin", PASSWORD)


@pytest.fixture
def shown(monkeypatch):
    said: list = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: said.append(exc))
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: True)
    return said


def _answer(monkeypatch, form_class, fill) -> None:
    def exec_(form):
        fill(form)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(form_class, "exec", exec_)


def _screen(qtbot, feature_window, db, actor, tasks) -> AccountsWindow:
    window = feature_window(db, actor, tasks)
    open_accounts(window)
    screen = window.findChild(AccountsWindow)
    qtbot.addWidget(screen)
    return screen


def _select(screen, username) -> None:
    screen.view.selectRow([a.username for a in screen.model.rows].index(username))


def test_a_township_admin_adds_an_operator_then_disables_and_resets_them(qtbot, qtmodeltester, feature_window,
                                                                        sqlite_db, township_admin, tasks, shown,
                                                                        monkeypatch):
    screen = _screen(qtbot, feature_window, sqlite_db, township_admin, tasks)
    qtmodeltester.check(screen.model)
    assert [a.username for a in screen.model.rows] == ["qg_admin", "qg_op"]
    assert screen.model.index(1, 2).data() == "值班员 @ 侨港"

    def fill(form: GrantForm):
        assert form.role.count() == 4 and form.scope.count() == 1  # its own level and below, its own township
        form.username.setText("qg_op3")
        form.display_name.setText("侨港值班员 三")
        form.password.setText("first-pass-1")
        form.again.setText("first-pass-1")
        form.role.setCurrentIndex(form.role.findData(Role.SUPERVISOR.value))
    _answer(monkeypatch, GrantForm, fill)
    screen.add_button.click()
    assert shown == [] and "qg_op3" in [a.username for a in screen.model.rows]

    _select(screen, "qg_admin")  # one's own account is left to another administrator
    assert not screen.active_button.isEnabled() and not screen.reset_button.isEnabled()
    _select(screen, "qg_op3")
    screen.active_button.click()
    assert shown == [] and not screen.current().active and screen.active_button.text() == "启用"
    with pytest.raises(PermissionDenied):
        users.login(sqlite_db, "qg_op3", "first-pass-1")
    screen.active_button.click()

    screen.reset_button.click()
    form = screen.findChild(PasswordForm)
    form.new.setText("second-pass-2")
    form.again.setText("second-pass-2")
    form.accept()
    assert not form.isVisible() and form.result() == QDialog.DialogCode.Accepted
    assert users.login(sqlite_db, "qg_op3", "second-pass-2").username == "qg_op3"


def test_a_refused_new_account_opens_the_form_again_holding_every_entry(qtbot, feature_window, sqlite_db,
                                                                         township_admin, tasks, shown, monkeypatch):
    """A name already taken was refused after the form closed, and the name, display name and both passwords
    had to be typed again: the form opens again as it was, for the one entry named to be corrected."""
    screen = _screen(qtbot, feature_window, sqlite_db, township_admin, tasks)
    seen = []

    def exec_(form: GrantForm):
        seen.append((form.username.text(), form.display_name.text(), form.password.text(), form.again.text()))
        if len(seen) == 1:
            form.username.setText("qg_op")  # taken
            form.display_name.setText("侨港值班员 三")
            form.password.setText("first-pass-1")
            form.again.setText("first-pass-1")
        else:
            form.username.setText("qg_op3")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(GrantForm, "exec", exec_)
    screen.add_button.click()
    assert len(shown) == 1 and "qg_op" in shown[0].message
    assert seen[1] == ("qg_op", "侨港值班员 三", "first-pass-1", "first-pass-1")
    assert len(seen) == 2 and "qg_op3" in [a.username for a in screen.model.rows]
    assert users.login(sqlite_db, "qg_op3", "first-pass-1").display_name == "侨港值班员 三"


def test_a_role_is_granted_and_revoked_but_never_the_last(qtbot, feature_window, sqlite_db, township_admin, tasks,
                                                          shown, monkeypatch):
    screen = _screen(qtbot, feature_window, sqlite_db, township_admin, tasks)
    _select(screen, "qg_op")
    assert not screen.revoke_button.isEnabled()  # one role: disable the account instead

    def fill(form: GrantForm):
        assert [form.scope.itemData(i) for i in range(form.scope.count())] == [QIAOGANG]
        form.role.setCurrentIndex(form.role.findData(Role.SUPERVISOR.value))
    _answer(monkeypatch, GrantForm, fill)
    screen.grant_button.click()
    assert shown == [] and [r.role for r in screen.current().roles] == [Role.OPERATOR, Role.SUPERVISOR]
    assert screen.revoke_button.isEnabled()

    offered = []

    def pick_second(parent, title, text, names, current, editable):
        offered.extend(names)
        return names[1], True
    monkeypatch.setattr(forms.QInputDialog, "getItem", pick_second)
    screen.revoke_button.click()
    assert offered == ["值班员 @ 侨港(450503103000)", "值班长 @ 侨港(450503103000)"]
    assert shown == [] and [r.role for r in screen.current().roles] == [Role.OPERATOR]
    assert not screen.revoke_button.isEnabled()


def test_accounts_the_admin_may_not_change_are_listed_with_their_buttons_off(qtbot, feature_window, sqlite_db,
                                                                             township_admin, tasks, system):
    users.add_user(sqlite_db, system, username="yh_admin", display_name=None, password=PASSWORD,
                   role=Role.COUNTY_ADMIN, scope_code="450503000000")
    accounts.grant_role(sqlite_db, system, username="yh_admin", role=Role.OPERATOR, scope_code=QIAOGANG)
    screen = _screen(qtbot, feature_window, sqlite_db, township_admin, tasks)
    buttons = (screen.grant_button, screen.revoke_button, screen.reset_button, screen.active_button)
    for username, why in (("yh_admin", "该账号有您管辖范围以外的角色(县(区)管理员 @ 银海),请由上级管理员办理"),
                          ("qg_admin", "不能修改自己的账号;请由另一位管理员办理")):  # a wider administrator's, one's own
        _select(screen, username)
        assert not any(button.isEnabled() for button in buttons), username
        assert {button.toolTip() for button in buttons} == {why}  # the buttons say why they are off
    _select(screen, "qg_op")
    assert screen.reset_button.isEnabled() and screen.reset_button.toolTip() == ""
    assert screen.revoke_button.toolTip() == "这是该账号唯一的角色,不能撤销;不再使用的账号请停用"


def test_passwords_typed_differently_are_not_sent(qtbot, feature_window, sqlite_db, township_admin, tasks, shown):
    form = PasswordForm(ask_old=True)
    qtbot.addWidget(form)
    form.new.setText("new-password-1")
    form.again.setText("new-password-2")
    form.accept()
    assert form.result() != QDialog.DialogCode.Accepted and form.again.text() == ""
    assert shown == ["两次输入的密码不一致,请重新输入"]


def test_a_user_changes_their_own_password(qtbot, feature_window, sqlite_db, township_admin, tasks, shown,
                                           monkeypatch):
    operator = users.login(sqlite_db, "qg_op", PASSWORD)
    window = feature_window(sqlite_db, operator, tasks)
    open_change_password(window)
    form = window.findChild(PasswordForm)
    assert form.isVisible() and form.isModal()  # window-modal, opened without blocking the desk
    form.old.setText(PASSWORD)
    form.new.setText("mine-now-123")
    form.again.setText("mine-now-123")
    form.accept()
    assert shown == ["密码已修改"]
    assert users.login(sqlite_db, "qg_op", "mine-now-123").username == "qg_op"


def _own_password_form(qtbot, feature_window, db, tasks) -> tuple[PasswordForm, object]:
    operator = users.login(db, "qg_op", PASSWORD)
    window = feature_window(db, operator, tasks)
    open_change_password(window)
    return window.findChild(PasswordForm), window


def _typed(form: PasswordForm) -> tuple[str, str, str]:
    return form.old.text(), form.new.text(), form.again.text()


@pytest.mark.parametrize("old, new, said, at_fault", [
    ("not-my-password-1", "mine-now-123", "原密码不正确;请重新输入", "old"),
    (PASSWORD, "short1", "密码至少 8 位", "new"),
], ids=["wrong old", "weak new"])
def test_a_refused_own_password_is_said_in_the_form_which_keeps_what_was_typed(
        qtbot, feature_window, sqlite_db, township_admin, tasks, shown, old, new, said, at_fault):
    """The form had closed on Enter and a box then said "please re-enter": all three fields were typed again
    after opening the menu anew. It stays open, says why, and puts the cursor on the field to mend."""
    form, _ = _own_password_form(qtbot, feature_window, sqlite_db, tasks)
    form.old.setText(old)
    form.new.setText(new)
    form.again.setText(new)
    form.accept()
    assert form.isVisible() and _typed(form) == (old, new, new)
    assert said in form.error.text() and not form.error.isHidden() and shown == []
    assert form.focusWidget() is getattr(form, at_fault)
    assert getattr(form, at_fault).selectedText() == getattr(form, at_fault).text()  # typed over
    assert form.buttons.isEnabled()

    form.old.setText(PASSWORD)
    form.new.setText("mine-now-123")
    form.again.setText("mine-now-123")
    form.accept()
    assert not form.isVisible() and shown == ["密码已修改"]
    assert users.login(sqlite_db, "qg_op", "mine-now-123").username == "qg_op"


def test_the_own_password_form_waits_open_while_the_change_is_saved(qtbot, feature_window, sqlite_db,
                                                                    township_admin, shown):
    """Run off the GUI thread: the form is still there, its buttons off, until the service answers."""
    runner = TaskRunner()
    form, _ = _own_password_form(qtbot, feature_window, sqlite_db, runner)
    form.old.setText("not-my-password-1")
    form.new.setText("mine-now-123")
    form.again.setText("mine-now-123")
    form.accept()
    assert form.isVisible() and not form.buttons.isEnabled()
    form.reject()  # Esc while saving does not close on a password perhaps changed
    assert form.isVisible()
    qtbot.waitUntil(form.buttons.isEnabled, timeout=10000)
    assert form.isVisible() and "原密码不正确" in form.error.text()
    runner.wait()


def test_a_weak_reset_password_is_said_in_the_form_which_stays_open(qtbot, feature_window, sqlite_db,
                                                                   township_admin, tasks, shown):
    screen = _screen(qtbot, feature_window, sqlite_db, township_admin, tasks)
    _select(screen, "qg_op")
    screen.reset_button.click()
    form = screen.findChild(PasswordForm)
    form.new.setText("qg_op-pass1")  # holds the log-in name
    form.again.setText("qg_op-pass1")
    form.accept()
    assert form.isVisible() and "不能包含用户名 qg_op" in form.error.text() and form.focusWidget() is form.new
    assert _typed(form)[1:] == ("qg_op-pass1", "qg_op-pass1") and shown == []
    form.new.setText("given-in-person-2")
    form.again.setText("given-in-person-2")
    form.accept()
    assert not form.isVisible() and users.login(sqlite_db, "qg_op", "given-in-person-2").must_change_password


def test_opening_the_screen_again_brings_the_same_one_forward_up_to_date(qtbot, feature_window, sqlite_db,
                                                                        township_admin, tasks, system):
    window = feature_window(sqlite_db, township_admin, tasks)
    open_accounts(window)
    first = window.findChild(AccountsWindow)
    first.close()
    users.add_user(sqlite_db, system, username="qg_op9", display_name=None, password=PASSWORD, role=Role.OPERATOR,
                   scope_code=QIAOGANG)
    window.bus.changed.emit("users")  # a closed screen does not reload…
    assert "qg_op9" not in [a.username for a in first.model.rows]
    open_accounts(window)  # …until it is opened again
    assert window.findChildren(AccountsWindow) == [first] and first.isVisible()
    assert "qg_op9" in [a.username for a in first.model.rows]


def test_the_forms_offer_only_the_departments_whose_liaisons_the_admin_may_name(qtbot, feature_window, sqlite_db,
                                                                               township_admin, tasks, system,
                                                                               shown, monkeypatch):
    from desktop.services import departments
    from desktop.services.departments import DepartmentDraft

    for code, place in (("QG-PCS", QIAOGANG), ("YH-ZJJ", "450503000000"), ("BH-GAJ", "450500000000")):
        departments.add_department(sqlite_db, system, code=code, place_code=place, draft=DepartmentDraft(code))
    screen = _screen(qtbot, feature_window, sqlite_db, township_admin, tasks)
    offered = []

    def look(form):
        offered.append([form.department.itemText(i) for i in range(1, form.department.count())])
        return QDialog.DialogCode.Rejected
    monkeypatch.setattr(GrantForm, "exec", look)
    screen.add_button.click()
    _select(screen, "qg_op")
    screen.grant_button.click()
    assert offered == [["QG-PCS(QG-PCS)"]] * 2  # after "(not of a department)", only the township's own


def test_a_department_chosen_before_the_role_was_changed_is_not_given_to_a_non_liaison(
        qtbot, feature_window, sqlite_db, township_admin, tasks, system, shown, monkeypatch):
    from desktop.services import departments
    from desktop.services.departments import DepartmentDraft

    departments.add_department(sqlite_db, system, code="QG-PCS", place_code=QIAOGANG,
                               draft=DepartmentDraft("侨港派出所"))
    screen = _screen(qtbot, feature_window, sqlite_db, township_admin, tasks)

    def fill(form: GrantForm):
        form.username.setText("qg_chief2")
        form.password.setText("first-pass-1")
        form.again.setText("first-pass-1")
        form.role.setCurrentIndex(form.role.findData(Role.LIAISON.value))
        form.department.setCurrentIndex(1)
        form.role.setCurrentIndex(form.role.findData(Role.SUPERVISOR.value))  # thought better of it
    _answer(monkeypatch, GrantForm, fill)
    screen.add_button.click()
    assert shown == [] and users.login(sqlite_db, "qg_chief2", "first-pass-1").department_id is None


def test_a_new_liaisons_form_waits_for_the_department_before_saving(qtbot):
    """A liaison without a department was refused by users.add_user only after the whole form was typed and
    sent; OK now waits for the department, marked required, and a role granted to an account that has a
    department does not (the account's own serves, accounts.grant_role), but to one that has none does."""
    def ok(form: GrantForm):
        return form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)

    police = SimpleNamespace(id=7, name="侨港派出所", code="QG-PCS")  # what the form reads of a DepartmentInfo
    places = [(QIAOGANG, "侨港镇", PlaceLevel.TOWNSHIP)]
    form = GrantForm([Role.OPERATOR, Role.LIAISON], places, [police], new_account=True)
    qtbot.addWidget(form)
    form.password.setText("first-pass-1")
    form.again.setText("first-pass-1")
    assert ok(form).isEnabled()
    form.role.setCurrentIndex(form.role.findData(Role.LIAISON.value))
    assert not ok(form).isEnabled()
    form.accept()  # nor by a key past the disabled button
    assert form.result() != QDialog.DialogCode.Accepted
    form.department.setCurrentIndex(form.department.findData(7))
    assert ok(form).isEnabled()
    form.department.setCurrentIndex(0)
    form.role.setCurrentIndex(form.role.findData(Role.OPERATOR.value))
    assert ok(form).isEnabled()

    grant = GrantForm([Role.OPERATOR, Role.LIAISON], places, [police], account_department="侨港派出所")
    qtbot.addWidget(grant)
    grant.role.setCurrentIndex(grant.role.findData(Role.LIAISON.value))
    assert ok(grant).isEnabled()
    grant = GrantForm([Role.OPERATOR, Role.LIAISON], places, [police])
    qtbot.addWidget(grant)
    grant.role.setCurrentIndex(grant.role.findData(Role.LIAISON.value))
    assert not ok(grant).isEnabled()


def test_a_city_administrator_sets_how_long_a_password_may_be_used(qtbot, feature_window, sqlite_db, township_admin,
                                                                   tasks, system, shown, monkeypatch):
    """The maximum password age is the city's (password_policy): its administrator sets it from the
    accounts screen, starting from the rule in force; a township's administrator is not offered it."""
    from desktop.services import password_policy

    assert _screen(qtbot, feature_window, sqlite_db, township_admin, tasks).max_age_button.isHidden()
    users.add_user(sqlite_db, system, username="bh_admin", display_name=None, password=PASSWORD,
                   role=Role.CITY_ADMIN, scope_code="450500000000")
    screen = _screen(qtbot, feature_window, sqlite_db, users.login(sqlite_db, "bh_admin", PASSWORD), tasks)
    offered = []
    monkeypatch.setattr("desktop.views.accounts.window.ask_max_age",
                        lambda parent, days: offered.append(days) or 30)
    screen.max_age_button.click()
    assert offered == [90] and not shown
    assert password_policy.load_max_age_days(sqlite_db) == 30


def test_the_auditor_reads_the_accounts_screen_with_every_change_off_and_says_why(qtbot, feature_window, sqlite_db,
                                                                                   township_admin, tasks, system):
    """The auditor's 用户账号与权限 was off in the menu: who holds which role is what it checks. It opens,
    read-only, each button saying why before any row is chosen, and the reading is on record."""
    from PySide6.QtGui import QAction
    from sqlalchemy import select

    from desktop.models import AuditEntry
    from desktop.services.security import Actor, Grant
    from desktop.views.main_window import MainWindow

    users.add_user(sqlite_db, system, username="bh_audit", display_name=None, password=PASSWORD,
                   role=Role.AUDITOR, scope_code="450500000000")
    auditor = users.login(sqlite_db, "bh_audit", PASSWORD)
    desk = MainWindow(sqlite_db, auditor, tasks)
    qtbot.addWidget(desk)
    menu_entry = next(a for a in desk.findChildren(QAction) if a.text() == "用户账号与权限…")
    assert menu_entry.isEnabled()
    operator = Actor(username="qg_op", display_name="qg_op", grants=(Grant(Role.OPERATOR, QIAOGANG, PlaceLevel.TOWNSHIP),))
    desk = MainWindow(sqlite_db, operator, tasks)
    qtbot.addWidget(desk)
    assert not next(a for a in desk.findChildren(QAction) if a.text() == "用户账号与权限…").isEnabled()

    screen = _screen(qtbot, feature_window, sqlite_db, auditor, tasks)
    assert [a.username for a in screen.model.rows] == ["bh_audit", "qg_admin", "qg_op"]
    assert "只读" in screen.note.text() and "审计日志" in screen.note.text()
    buttons = (screen.add_button, screen.grant_button, screen.revoke_button, screen.reset_button, screen.active_button)
    why = "审计员只查看账号与角色,不能更改;请由管理员办理(条例第十五条)"
    for username in (None, "qg_op", "qg_admin"):
        if username:
            _select(screen, username)
        assert not any(button.isEnabled() for button in buttons), username
        assert {button.toolTip() for button in buttons} == {why}, username
    assert screen.max_age_button.isHidden()
    with sqlite_db.session() as session:
        assert session.scalars(select(AuditEntry.actor).where(AuditEntry.action == "users.read")).all() == ["bh_audit"]
