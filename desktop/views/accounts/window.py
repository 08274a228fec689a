"""The accounts screen (Art. 15): the accounts in the administrator's subtree, with their roles;
new accounts, roles granted and revoked, accounts disabled and enabled, passwords reset, and, for
a city administrator, how long a password may be used. An auditor reads it, every change off. The
services decide what is allowed (see accounts.py, users.check_grant and password_policy); refusals
are shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...errors import Conflict, ValidationFailed
from ...services import accounts, password_policy, users
from ...services.accounts import AccountInfo
from .. import dialogs
from ..retranslating import Retranslating
from ..rows_model import rows_table
from ..form_buttons import enter_presses
from ..screen_fit import fit_to_screen
from .forms import GrantForm, PasswordForm, ask_max_age, ask_role
from .models import AccountsModel


class AccountsWindow(Retranslating, QDialog):
    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_, self.db, self.actor, self.tasks = window, window.db, window.actor, window.tasks
        self.roles, self.places, self.departments = [], [], []  # what the forms offer
        self.read_only = not accounts.may_manage(self.actor)  # an auditor's: checks, changes nothing
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.model = AccountsModel(self)
        self.view = rows_table(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.add_button, self.grant_button, self.revoke_button, self.reset_button, self.active_button = (
            QPushButton() for _ in range(5))
        self.add_button.clicked.connect(self.add_account)
        self.grant_button.clicked.connect(self.grant)
        self.revoke_button.clicked.connect(self.revoke)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.disable_or_enable)
        self.max_age_button = QPushButton()  # the city's rule: shown to those who set it
        self.max_age_button.clicked.connect(self.set_max_age)
        self.max_age_button.setVisible(password_policy.may_set(self.actor))
        buttons = QHBoxLayout()
        buttons.addWidget(self.max_age_button)
        buttons.addStretch(1)
        for button in (self.add_button, self.grant_button, self.revoke_button, self.reset_button, self.active_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        enter_presses(self, None)  # every button opens a form of its own
        fit_to_screen(self, 1000, 560)
        window.bus.changed.connect(self._changed)
        self.retranslate()
        self._enable()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("用户账号与权限"))
        if self.read_only:
            self.note.setText(self.tr("您查阅范围内的账号及其角色(只读)。每次查阅记入审计日志;账号和角色由管理员办理"
                                      "(条例第十五条)。"))
        else:
            self.note.setText(self.tr("您管辖范围内的账号。管理员只在本辖区内授予角色,管理员角色须授予在其本级;审计员"
                                      "由系统管理员授予;自己的账号由另一位管理员办理(条例第十五条)。"))
        self.add_button.setText(self.tr("新增用户…"))
        self.grant_button.setText(self.tr("授予角色…"))
        self.revoke_button.setText(self.tr("撤销角色…"))
        self.reset_button.setText(self.tr("重置密码…"))
        self.max_age_button.setText(self.tr("密码有效期…"))
        self.view.setAccessibleName(self.tr("用户账号"))  # what a screen reader says for the list
        current = self.current()
        self.active_button.setText(self.tr("启用") if current and not current.active else self.tr("停用…"))

    def current(self) -> AccountInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        current = self.current()
        manageable = current is not None and current.manageable  # what the services would allow
        self.add_button.setEnabled(bool(self.roles and self.places))
        self.grant_button.setEnabled(manageable and bool(self.roles))
        self.revoke_button.setEnabled(manageable and len(current.roles) > 1)  # the last role stays
        self.reset_button.setEnabled(manageable)
        self.active_button.setEnabled(manageable)
        # The buttons say why they are off: the account is one's own, an auditor's or a higher administrator's.
        why = current.refusal if current is not None and current.refusal else ""
        for button in (self.grant_button, self.revoke_button, self.reset_button, self.active_button):
            button.setToolTip(why)
        if manageable and len(current.roles) == 1:
            self.revoke_button.setToolTip(self.tr("这是该账号唯一的角色,不能撤销;不再使用的账号请停用"))
        if self.read_only:  # said before any row is chosen: nothing here is the auditor's to change
            why = self.tr("审计员只查看账号与角色,不能更改;请由管理员办理(条例第十五条)")
            for button in (self.add_button, self.grant_button, self.revoke_button, self.reset_button,
                           self.active_button):
                button.setToolTip(why)
        self.retranslate()

    def _changed(self, topic: str) -> None:
        if topic == "users" and self.isVisible():
            self.reload()

    def _error(self, exc: BaseException) -> None:
        dialogs.show_error(self, exc)

    def reload(self) -> None:
        def load():
            roles, places = accounts.grantable(self.db, self.actor)
            return (accounts.list_accounts(self.db, self.actor), roles, places,
                    accounts.appointable_departments(self.db, self.actor))

        self.tasks.submit(load, on_done=self._loaded, on_error=self._error)

    def _loaded(self, result) -> None:
        keep = self.current().username if self.current() else None
        rows, self.roles, self.places, self.departments = result
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        names = [a.username for a in rows]
        if keep in names:
            self.view.selectRow(names.index(keep))
        self._enable()

    def _run(self, fn, *args, **kwargs) -> None:
        self.tasks.submit(fn, *args, on_done=lambda _: self.window_.bus.changed.emit("users"),
                          on_error=self._error, **kwargs)

    def _submit_form(self, form: GrantForm, fn, values, **fixed) -> None:
        """Open `form`; on OK run `fn` with the actor and `values(form)` (read here, on the GUI thread). A
        refusal (a name taken, a liaison's scope beside its department's territory) is shown and the form
        opens again holding every entry, the passwords too: the one named is corrected, nothing typed twice."""
        if form.exec() != QDialog.DialogCode.Accepted:
            return

        def refused(exc: BaseException) -> None:
            self._error(exc)
            # Again only for what the form can mend (a name taken, a scope refused), on a window still open.
            if isinstance(exc, (ValidationFailed, Conflict)) and self.isVisible():
                self._submit_form(form, fn, values, **fixed)

        self.tasks.submit(fn, self.db, self.actor, **fixed, **values(form),
                          on_done=lambda _: self.window_.bus.changed.emit("users"), on_error=refused)

    def add_account(self) -> None:
        form = GrantForm(self.roles, self.places, self.departments, self, new_account=True)
        self._submit_form(form, users.add_user, GrantForm.account)

    def grant(self) -> None:
        account = self.current()
        form = GrantForm(self.roles, self.places, self.departments, self, account_department=account.department)
        self._submit_form(form, accounts.grant_role, GrantForm.values, username=account.username)

    def revoke(self) -> None:
        account = self.current()
        chosen = ask_role(self, account)
        if chosen is not None:
            self._run(accounts.revoke_role, self.db, self.actor, account.username, chosen.role, chosen.place_code)

    def reset_password(self) -> None:
        account = self.current()
        form = PasswordForm(self, username=account.username)
        form.sends_by(self.tasks, lambda _, new: accounts.reset_password(self.db, self.actor, account.username, new))
        form.accepted.connect(lambda: self.window_.bus.changed.emit("users"))
        form.finished.connect(form.deleteLater)
        form.open()

    def disable_or_enable(self) -> None:
        account = self.current()
        if account.active and not dialogs.confirm(
                self, self.tr("停用账号"),
                self.tr("停用 %1?停用后不能再登录,其办理记录保留。").replace("%1", account.username)):
            return
        self._run(accounts.set_active, self.db, self.actor, account.username, not account.active)

    def set_max_age(self) -> None:
        def ask(days: int) -> None:
            chosen = ask_max_age(self, days)
            if chosen is not None and chosen != days:
                self._run(password_policy.set_max_age_days, self.db, self.actor, chosen)

        self.tasks.submit(password_policy.load_max_age_days, self.db, on_done=ask, on_error=self._error)
