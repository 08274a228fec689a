"""Log-in (Art. 15): username and password checked by services.users.login (scrypt hashes).

The check (a database round-trip and a deliberately slow hash) runs as a task, so the dialog
stays responsive on a busy shared database.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..db import AT_LOG_IN, ConnectionLost, Database
from ..errors import DatabaseUnavailable, GridDeskError
from ..i18n import say
from ..services import accounts, users
from ..services.security import Actor
from ..tasks import TaskRunner
from .accounts.forms import PasswordForm
from .retranslating import Retranslating


class LoginDialog(Retranslating, QDialog):
    """Enter logs in (or moves on to an empty password field); a failure keeps the name."""

    def __init__(self, db: Database, tasks: TaskRunner, parent: QWidget | None = None, username: str = ""):
        super().__init__(parent)
        self.db = db
        self.tasks = tasks
        self.actor: Actor | None = None
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        self.database = QLabel(db.describe())
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.labels = [QLabel(), QLabel(), QLabel()]
        self.labels[0].setBuddy(self.username)
        self.labels[1].setBuddy(self.password)
        self.form = QFormLayout()
        for caption, field in zip(self.labels, (self.username, self.password, self.database)):
            self.form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()
        (self.password if username else self.username).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("登录 — 网格指挥台"))
        for caption, text in zip(self.labels, (self.tr("用户名(&U)"), self.tr("密码(&P)"), self.tr("数据库"))):
            caption.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))

    def try_login(self) -> None:
        name = self.username.text().strip()
        if not name:
            self.show_error(self.tr("请输入用户名"))
            self.username.setFocus()
            return
        if not self.password.text():
            self.show_error(self.tr("请输入密码"))
            self.password.setFocus()
            return
        self.buttons.setEnabled(False)
        self.tasks.submit(users.login, self.db, name, self.password.text(),
                          on_done=self._logged_in, on_error=self._refused)

    def _logged_in(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        if actor.must_change_password or actor.password_expired:
            self._ask_own_password(actor)
            return
        self.actor = actor
        self.accept()

    def _ask_own_password(self, actor: Actor) -> None:
        """A password an administrator chose, or one older than the city allows, is replaced by the
        user's own before the desk opens (Art. 15). A new one refused is said in the form, which stays open;
        the server out of reach sends back here (登录 again asks for it anew)."""
        form = PasswordForm(self, first_own=actor.must_change_password, expired=not actor.must_change_password)
        typed = self.password.text()
        form.sends_by(self.tasks, lambda _, new: accounts.change_password(self.db, actor, typed, new),
                      hands_on=(DatabaseUnavailable,))
        form.accepted.connect(lambda: self._logged_in(replace(actor, must_change_password=False,
                                                                password_expired=False)))
        form.rejected.connect(lambda: self.show_error(self.tr("须先设置本人的密码才能使用;请重新登录后设置")))
        form.left.connect(self._refused)
        form.finished.connect(form.deleteLater)
        form.open()

    def _refused(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, GridDeskError):
            raise exc
        if isinstance(exc, ConnectionLost):  # worded for the desk's status bar, which the log-in has not
            exc = exc.with_next_step(AT_LOG_IN)
        self.show_error(say(exc.message))
        if not isinstance(exc, DatabaseUnavailable):  # the server did not answer: the password may be right
            self.password.clear()
        self.password.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.adjustSize()  # a long reason (a server out of reach) wraps onto lines the dialog grows to show
