"""The log-in dialog (Art. 15): good and bad passwords, keyboard only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from desktop.models import AuditEntry
from desktop.models.enums import AuditOutcome
from desktop.tasks import SyncTaskRunner, TaskRunner
from desktop.views.login_dialog import LoginDialog

from .conftest import PASSWORD


def _dialog(qtbot, db) -> LoginDialog:
    dialog = LoginDialog(db, SyncTaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_good_password_accepts_with_the_users_actor(qtbot, desk_db):
    dialog = _dialog(qtbot, desk_db)
    qtbot.keyClicks(dialog.username, "qg_op")
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor.username == "qg_op"
    assert dialog.actor.grants[0].place_code == "450503103000"


def test_bad_password_shows_the_reason_keeps_the_name_and_is_audited(qtbot, desk_db):
    dialog = _dialog(qtbot, desk_db)
    dialog.username.setText("qg_op")
    dialog.password.setText("wrong-password")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.error.isVisible() and "用户名或密码错误" in dialog.error.text()
    assert dialog.username.text() == "qg_op" and dialog.password.text() == ""
    with desk_db.session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (last.action, last.outcome, last.target) == ("users.login", AuditOutcome.DENIED, "qg_op")


def _server_out_of_reach(*args, **kwargs):
    import psycopg
    from sqlalchemy.exc import OperationalError

    raise OperationalError.instance("SELECT", {}, psycopg.OperationalError(
        'connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection refused'),
        psycopg.Error)


def test_a_database_out_of_reach_keeps_the_password_typed_and_says_what_to_do_at_the_log_in(
        qtbot, desk_db, monkeypatch):
    """The password was cleared as after a wrong one, though the server had not even answered; and the
    message sent the user to wait for a status bar and press F5, neither of which the log-in has."""
    from desktop.services import users

    monkeypatch.setattr(users, "login", _server_out_of_reach)
    dialog = _dialog(qtbot, desk_db)
    dialog.username.setText("qg_op")
    dialog.password.setText(PASSWORD)
    dialog.buttons.accepted.emit()
    said = dialog.error.text()
    assert dialog.isVisible() and "连接中断" in said and "Connection refused" in said
    assert "状态栏" not in said and "F5" not in said
    assert "检查本机网络" in said and "再按“登录”重试" in said
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())  # in sight to its end
    assert dialog.password.text() == PASSWORD  # 登录 again once the server is back


def _asked_for_own_password(qtbot, db, system) -> LoginDialog:
    """The log-in of a user whose password an administrator reset, at the form asking for their own."""
    from desktop.services import accounts
    from desktop.views.accounts.forms import PasswordForm

    accounts.reset_password(db, system, "qg_op", "given-in-person")
    dialog = _dialog(qtbot, db)
    dialog.username.setText("qg_op")
    dialog.password.setText("given-in-person")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.findChild(PasswordForm) is not None)
    return dialog


def test_a_database_lost_while_the_users_own_password_is_set_sends_back_to_the_log_in(
        qtbot, desk_db, system, monkeypatch):
    """The new password was not saved: 登录 again (the password typed is still there) asks for it anew."""
    from desktop.services import accounts
    from desktop.views.accounts.forms import PasswordForm

    dialog = _asked_for_own_password(qtbot, desk_db, system)
    monkeypatch.setattr(accounts, "change_password", _server_out_of_reach)
    form = dialog.findChild(PasswordForm)
    form.new.setText("my-own-secret-1")
    form.again.setText("my-own-secret-1")
    form.accept()
    assert "再按“登录”重试" in dialog.error.text() and "状态栏" not in dialog.error.text()
    assert not any(f.isVisible() for f in dialog.findChildren(PasswordForm))
    assert dialog.password.text() == "given-in-person" and dialog.buttons.isEnabled()


def test_empty_fields_are_asked_for_without_a_database_round_trip(qtbot, desk_db):
    dialog = _dialog(qtbot, desk_db)
    dialog.buttons.accepted.emit()
    assert dialog.error.text() == "请输入用户名"
    dialog.username.setText("qg_op")
    dialog.buttons.accepted.emit()
    assert dialog.error.text() == "请输入密码" and dialog.password.hasFocus()


def test_labels_are_buddies_for_alt_shortcuts(qtbot, desk_db):
    dialog = _dialog(qtbot, desk_db)
    buddies = [dialog.form.itemAt(row, dialog.form.ItemRole.LabelRole).widget().buddy() for row in (0, 1)]
    assert buddies == [dialog.username, dialog.password]


def test_the_check_runs_off_the_gui_thread_and_the_buttons_wait_for_it(qtbot, desk_db):
    runner = TaskRunner()
    dialog = LoginDialog(desk_db, runner)
    qtbot.addWidget(dialog)
    dialog.username.setText("qg_op")
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.buttons.accepted.emit()
        assert not dialog.buttons.isEnabled()  # still checking: no second submission
    assert dialog.actor.username == "qg_op" and dialog.buttons.isEnabled()
    runner.wait()


def test_a_password_an_administrator_chose_is_replaced_by_the_users_own_before_the_desk_opens(qtbot, desk_db,
                                                                                                 system, monkeypatch):
    """Art. 15: a reset password is known to the administrator who typed it; the desk opens on the user's own."""
    from PySide6.QtWidgets import QApplication

    from desktop.services import users
    from desktop.views.accounts.forms import PasswordForm

    dialog = _asked_for_own_password(qtbot, desk_db, system)
    form = dialog.findChild(PasswordForm)
    assert form.windowTitle() == "设置本人密码" and dialog.actor is None
    form.reject()  # not now: the desk does not open
    assert dialog.isVisible() and dialog.actor is None and "须先设置本人的密码" in dialog.error.text()

    dialog.buttons.accepted.emit()
    form = next(f for f in dialog.findChildren(PasswordForm) if f.isVisible())
    form.new.setText("qg_op-pass1")  # holds the log-in name: refused in the form, which stays open
    form.again.setText("qg_op-pass1")
    form.accept()
    QApplication.processEvents()
    assert "不能包含用户名" in form.error.text() and dialog.actor is None
    assert form.isVisible() and form.focusWidget() is form.new and form.again.text() == "qg_op-pass1"
    form.new.setText("my-own-secret-1")
    form.again.setText("my-own-secret-1")
    with qtbot.waitSignal(dialog.accepted):
        form.accept()
    assert dialog.actor.username == "qg_op" and not dialog.actor.must_change_password
    assert not users.login(desk_db, "qg_op", "my-own-secret-1").must_change_password


def test_a_password_older_than_the_city_allows_is_replaced_before_the_desk_opens(qtbot, desk_db):
    """Art. 15: past the city's maximum age the password still logs in, and the desk asks for a new one,
    saying why, before it opens."""
    from datetime import timedelta

    from desktop.models import User, utcnow
    from desktop.services import users
    from desktop.views.accounts.forms import PasswordForm

    with desk_db.session() as session:
        session.scalar(select(User).where(User.username == "qg_op")).password_changed_at = (
            utcnow() - timedelta(days=91))
        session.commit()
    dialog = _dialog(qtbot, desk_db)
    dialog.username.setText("qg_op")
    dialog.password.setText(PASSWORD)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.findChild(PasswordForm) is not None)
    form = dialog.findChild(PasswordForm)
    assert form.windowTitle() == "更换密码" and dialog.actor is None
    assert any("超过本市规定的最长天数" in label.text() for label in form.findChildren(QLabel))
    form.new.setText("a-new-secret-2")
    form.again.setText("a-new-secret-2")
    with qtbot.waitSignal(dialog.accepted):
        form.accept()
    assert dialog.actor.username == "qg_op" and not dialog.actor.password_expired
    assert not users.login(desk_db, "qg_op", "a-new-secret-2").password_expired
