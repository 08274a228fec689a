"""The accounts table: each user, their roles over places, department and state."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...i18n import label
from ...services.accounts import AccountInfo
from ...services.clock import BEIJING
from ..rows_model import RowsModel

DISABLED = QColor("#888888")


class AccountsModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("AccountsModel", "用户名"), QT_TRANSLATE_NOOP("AccountsModel", "显示名"),
               QT_TRANSLATE_NOOP("AccountsModel", "角色 @ 权限范围"), QT_TRANSLATE_NOOP("AccountsModel", "所属部门"),
               QT_TRANSLATE_NOOP("AccountsModel", "状态"), QT_TRANSLATE_NOOP("AccountsModel", "最近登录")]

    def cells(self, a: AccountInfo) -> list:
        roles = ";".join(f"{label(r.role)} @ {r.place_name}" for r in a.roles)
        login = a.last_login_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") if a.last_login_at else ""
        return [a.username, a.display_name, roles, a.department or "", self.tr("有效") if a.active else self.tr("停用"),
                login]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole and not self.rows[index.row()].active:
            return QBrush(DISABLED)
        return super().data(index, role)
