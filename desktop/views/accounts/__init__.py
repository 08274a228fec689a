"""Accounts and roles (Art. 15): the administrators' screen, and each user's own password."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...services import accounts
from .. import dialogs
from .forms import PasswordForm
from ..reuse import show_again
from .window import AccountsWindow


def open_accounts(window) -> None:
    """Menu 人员 → 用户账号与权限: the accounts in the administrator's subtree (one such screen,
    brought forward and reloaded if already open)."""
    show_again(window.findChild(AccountsWindow), lambda: AccountsWindow(window, parent=window))


def open_change_password(window) -> None:
    """Menu 文件 → 修改本人密码: the old password, then the new one twice (window-modal, not
    blocking: the desk goes on updating behind it). A refusal is said in the form, which stays open."""
    form = PasswordForm(window, ask_old=True)
    form.sends_by(window.tasks, lambda old, new: accounts.change_password(window.db, window.actor, old, new))
    form.accepted.connect(lambda: dialogs.information(window, form.windowTitle(),
                                                      QCoreApplication.translate("accounts", "密码已修改")))
    form.finished.connect(form.deleteLater)
    form.open()
