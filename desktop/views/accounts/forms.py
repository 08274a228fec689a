"""Forms of the accounts screen: a new account, a role to grant, a password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from ...errors import GridDeskError
from ...i18n import label
from ...models.enums import PlaceLevel, Role
from ...services.accounts import AccountInfo, RoleInfo
from ...services.departments import DepartmentInfo
from ...services.password_policy import LONGEST_MAX_AGE_DAYS
from ...tasks import TaskRunner
from .. import dialogs
from ..form_buttons import ok_cancel
from ..required_fields import mark_required
from ..unsaved import AsksBeforeDiscarding

PLACEHOLDER_MARGIN = 16  # a line edit's frame and text margins around its placeholder


def typed_twice(form: QDialog, first: QLineEdit, again: QLineEdit) -> bool:
    """Whether the password was typed the same twice; if not, says so and puts the cursor back."""
    if first.text() == again.text():
        return True
    dialogs.information(form, form.windowTitle(), QCoreApplication.translate("forms", "两次输入的密码不一致,请重新输入"))
    again.clear()
    again.setFocus()
    return False


def _password_field(rule: bool = False) -> QLineEdit:
    """`rule`: the field of a new password says what users.check_password asks of it."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    if rule:
        field.setPlaceholderText(QCoreApplication.translate("PasswordForm", "至少 8 位,含字母、数字、符号中的两类"))
        # The rule is read whole before typing: the form, about 120 px wide, had cut it to "8 or more chara…".
        field.setMinimumWidth(field.fontMetrics().horizontalAdvance(field.placeholderText()) + PLACEHOLDER_MARGIN)
    return field


class GrantForm(AsksBeforeDiscarding, QDialog):
    """A role over a place; with `new_account`, also the account's name, password and department.
    `account_department`: the department the account granted a role already belongs to, if any."""

    def __init__(self, roles: list[Role], places: list[tuple[str, str, PlaceLevel]],
                 departments: list[DepartmentInfo], parent: QWidget | None = None, *, new_account: bool = False,
                 account_department: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增用户") if new_account else self.tr("授予角色"))
        self.role, self.scope, self.department = QComboBox(), QComboBox(), QComboBox()
        for role in roles:
            self.role.addItem(label(role), role.value)
        for code, name, level in places:
            self.scope.addItem(f"{name}({label(level)})", code)
        # Left at this, a liaison's role is granted in the account's own department (accounts.grant_role).
        self.department.addItem(self.tr("(沿用账号所属的{0})").format(account_department) if account_department
                                else self.tr("(不属于联动部门)"), None)
        # An account belongs to one department: another named for it is refused (accounts.grant_role), so none is
        # offered.
        for department in [] if account_department else departments:
            self.department.addItem(f"{department.name}({department.code})", department.id)
        self.username, self.display_name = QLineEdit(), QLineEdit()
        self.password, self.again = _password_field(rule=True), _password_field()
        self.username.setPlaceholderText(self.tr("字母、数字、下划线和点,如 qg_op3"))
        form = QFormLayout(self)
        if new_account:
            form.addRow(self.tr("用户名"), self.username)
            form.addRow(self.tr("显示名"), self.display_name)
            form.addRow(self.tr("初始密码"), self.password)
            form.addRow(self.tr("再输入一次"), self.again)
        form.addRow(self.tr("角色"), self.role)
        form.addRow(self.tr("权限范围"), self.scope)
        form.addRow(self.tr("所属联动部门"), self.department)
        if new_account:
            mark_required(form, self.username, self.password, self.again)
        self.form, self.account_department = form, account_department
        buttons = ok_cancel(self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.role.currentIndexChanged.connect(self._department_wanted)
        self.department.currentIndexChanged.connect(self._department_wanted)
        self._department_wanted()
        form.addRow(buttons)
        self.resize(480, self.sizeHint().height())

    def _department_wanted(self) -> None:
        """A liaison belongs to a department; the service refuses one without it, and any other role with one.
        An account that has one already may leave the field empty: its own serves (accounts.grant_role)."""
        mark_required(self.form, self.department, required=self._liaison_without_own_department())
        self.ok_button.setEnabled(not self._department_missing())

    def _liaison_without_own_department(self) -> bool:
        return self.role.currentData() == Role.LIAISON.value and self.account_department is None

    def _department_missing(self) -> bool:
        """A liaison without a department, which users.add_user and accounts.grant_role refuse: OK waits for
        it rather than the refusal coming after the whole form was typed."""
        return self._liaison_without_own_department() and self.department.currentData() is None

    def accept(self) -> None:
        # Nor by a key that accepts the dialog past the disabled button.
        if not self._department_missing() and typed_twice(self, self.password, self.again):
            super().accept()

    def values(self) -> dict:
        """The role to grant, for accounts.grant_role (a department only with a liaison's role)."""
        role = Role(self.role.currentData())
        return {"role": role, "scope_code": self.scope.currentData(),
                "department_id": self.department.currentData() if role is Role.LIAISON else None}

    def account(self) -> dict:
        """The new account's fields, for users.add_user."""
        return {"username": self.username.text().strip(), "display_name": self.display_name.text().strip() or None,
                "password": self.password.text(), **self.values()}


class PasswordForm(QDialog):
    """A new password typed twice; with `ask_old`, the user's own old one first; with `first_own`,
    the user's own in place of the one an administrator chose, and with `expired`, in place of one
    older than the city allows (both asked at log-in).

    OK sends the passwords as `sends_by` says, and the form stays open holding what was typed until they are
    saved: a refusal (a wrong old password, a weak new one) is said in the form, the cursor on the field at
    fault. It had closed on OK and said the refusal after, and all three fields were typed again."""

    left = Signal(object)  # an error of a kind `sends_by` hands on: the form closed on it, neither saved nor cancelled
    LEFT = 2  # its result code then

    def __init__(self, parent: QWidget | None = None, *, ask_old: bool = False, username: str | None = None,
                 first_own: bool = False, expired: bool = False):
        super().__init__(parent)
        if first_own or expired:
            self.setWindowTitle(self.tr("设置本人密码") if first_own else self.tr("更换密码"))
        else:
            self.setWindowTitle(self.tr("修改本人密码") if ask_old
                                else self.tr("重置 %1 的密码").replace("%1", username or ""))
        self.old, self.new, self.again = _password_field(), _password_field(rule=True), _password_field()
        form = QFormLayout(self)
        if first_own or expired:
            why = QLabel(self.tr("这个密码由管理员设置;请设置只有您自己知道的新密码后再使用") if first_own else
                         self.tr("这个密码已使用超过本市规定的最长天数;请设置新密码后再使用"))
            why.setWordWrap(True)
            form.addRow(why)
        if ask_old:
            form.addRow(self.tr("原密码"), self.old)
        form.addRow(self.tr("新密码"), self.new)
        form.addRow(self.tr("再输入一次"), self.again)
        mark_required(form, *([self.old] if ask_old else []), self.new, self.again)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        self.buttons = ok_cancel(self)
        form.addRow(self.buttons)
        self._saving = False

    def sends_by(self, tasks: TaskRunner, save: Callable[[str, str], None],
                 hands_on: tuple[type[BaseException], ...] = ()) -> None:
        """OK runs `save(old, new)` on `tasks`; once it has, the form closes, accepted. An error of a kind
        in `hands_on` (which the form cannot mend) closes it too, and `left` hands it on."""
        self._tasks, self._save, self._hands_on = tasks, save, hands_on

    def accept(self) -> None:
        if not typed_twice(self, self.new, self.again):
            return
        self.error.hide()
        self._busy(True)
        self._tasks.submit(self._save, *self.values(), on_done=self._saved, on_error=self._refused)

    def reject(self) -> None:
        if not self._saving:  # Esc while saving would close on a password perhaps changed, unsaid
            super().reject()

    def _busy(self, saving: bool) -> None:
        self._saving = saving
        self.buttons.setEnabled(not saving)

    def _saved(self, _) -> None:
        self._busy(False)
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, self._hands_on):
            self.done(self.LEFT)
            self.left.emit(exc)
        elif isinstance(exc, GridDeskError):
            self.error.setText(dialogs.for_the_desk(exc.message))
            self.error.show()
            self.adjustSize()  # the reason wraps onto lines the form grows to show
            at_fault = {"old_password": self.old, "password": self.new}.get(exc.field)
            if at_fault is not None:
                at_fault.setFocus()
                at_fault.selectAll()  # typed over, not added to
        else:
            dialogs.show_error(self, exc)

    def values(self) -> tuple[str, str]:
        return self.old.text(), self.new.text()


def ask_role(parent: QWidget, account: AccountInfo) -> RoleInfo | None:
    """Which of the account's roles to revoke; None if cancelled (its own function so that tests
    can answer it)."""
    names = [f"{label(r.role)} @ {r.place_name}({r.place_code})" for r in account.roles]  # names may repeat
    text, ok = QInputDialog.getItem(parent, QCoreApplication.translate("ask_role", "撤销角色"),
                                    QCoreApplication.translate("ask_role", "撤销 %1 的哪个角色?")
                                    .replace("%1", account.username), names, 0, False)
    return account.roles[names.index(text)] if ok else None


def ask_max_age(parent: QWidget, days: int) -> int | None:
    """The city's maximum password age in days, starting from `days`; None if cancelled (its own
    function so that tests can answer it)."""
    chosen, ok = QInputDialog.getInt(
        parent, QCoreApplication.translate("ask_max_age", "密码有效期"),
        QCoreApplication.translate("ask_max_age", "密码最长使用天数(全市适用;0 为不限,到期后登录时须设置新密码):"),
        days, 0, LONGEST_MAX_AGE_DAYS, 1)
    return chosen if ok else None
