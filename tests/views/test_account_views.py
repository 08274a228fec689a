"""The accounts screen and the own-password dialog with qtbot (Art. 15)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from desktop.errors import PermissionDenied
from desktop.models.enums import Role
from desktop.services import users
from desktop.views import dialogs
from desktop.views.accounts import open_accounts, open_change_password
from desktop.views.accounts import window as accounts_window
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

    _answer(monkeypatch, PasswordForm, lambda form: (form.new.setText("second-pass-2"),
                                                      form.again.setText("second-pass-2")))
    screen.reset_button.click()
    assert users.login(sqlite_db, "qg_op3", "second-pass-2").username == "qg_op3"


def test_a_grant_beyond_the_admins_level_is_refused_and_a_role_revoked(qtbot, feature_window, sqlite_db,
                                                                       township_admin, tasks, shown, monkeypatch,
                                                                       system):
    users.grant_role(sqlite_db, system, username="qg_op", role=Role.SUPERVISOR, scope_code=QIAOGANG)
    screen = _screen(qtbot, feature_window, sqlite_db, township_admin, tasks)
    _select(screen, "qg_op")
    monkeypatch.setattr(accounts_window, "ask_role", lambda parent, account: account.roles[0])
    screen.revoke_button.click()
    assert shown == [] and [r.role for r in screen.current().roles] == [Role.SUPERVISOR]
    screen.revoke_button.click()  # the last role stays: disable the account instead
    assert "仅有的角色" in shown[-1].message


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
