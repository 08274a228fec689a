"""The main window's note while the township chosen lacks what its center needs to work: grids,
grid staff, a matter list in force, linked departments, an operator's account in use
(services.setup_status). It says where each is set up — to an admin who may do it, and to anyone
else whom to ask."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..i18n import enumeration
from ..services import setup_status
from ..services.security import Permission
from ..services.setup_status import Missing
from . import dialogs
from .banner import NOTICE, Banner

# What is missing, where it is set up, and who may do it.
STEPS = {
    Missing.GRIDS: (QT_TRANSLATE_NOOP("SetupBanner", "还没有在用的网格"),
                    QT_TRANSLATE_NOOP("SetupBanner", "用 griddesk-admin grids import 导入各村(社区)的网格划分 GeoJSON"),
                    Permission.MANAGE_PLACES),
    Missing.STAFF: (QT_TRANSLATE_NOOP("SetupBanner", "还没有网格人员"),
                    QT_TRANSLATE_NOOP("SetupBanner", "在“人员 → 网格人员与配备”中新增,或用 griddesk-admin staff import 导入"),
                    Permission.MANAGE_STAFF),
    Missing.MATTER_LIST: (QT_TRANSLATE_NOOP("SetupBanner", "还没有现行的事项清单"),
                          QT_TRANSLATE_NOOP("SetupBanner", "在“事项清单 → 事项清单与部门申请”中编制并公布"),
                          Permission.MANAGE_MATTERS),
    Missing.DEPARTMENTS: (QT_TRANSLATE_NOOP("SetupBanner", "还没有联动部门"),
                          QT_TRANSLATE_NOOP("SetupBanner", "在“事项清单 → 联动部门与联系人…”中新增"),
                          Permission.MANAGE_MATTERS),
    Missing.OPERATORS: (QT_TRANSLATE_NOOP("SetupBanner", "还没有值班员账号"),
                        QT_TRANSLATE_NOOP("SetupBanner", "在“人员 → 用户账号与权限”中新增值班员或值班长,"
                                                         "或用 griddesk-admin users add NAME --role operator 添加"),
                        Permission.MANAGE_USERS),
    Missing.OPERATORS_DISABLED: (QT_TRANSLATE_NOOP("SetupBanner", "值班员账号都已停用"),
                                 QT_TRANSLATE_NOOP("SetupBanner", "在“人员 → 用户账号与权限”中重新启用 %1,"
                                                                  "或新增值班员或值班长"),
                                 Permission.MANAGE_USERS),
}
TOPICS = ("places", "grid_adjustments", "staff", "matters", "departments", "users")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupBanner", text)


class SetupBanner(Banner):
    """Hidden while the chosen township lacks nothing (or a county or the city is chosen)."""

    def __init__(self, window):
        super().__init__(window, "SetupBanner", NOTICE)
        self.window_ = window
        self.status: setup_status.SetupStatus | None = None
        self._code: str | None = None
        self._asked = 0  # the latest check; an older answer landing late is dropped
        window.bus.placeSelected.connect(self.check)
        window.bus.changed.connect(self._changed)

    def _changed(self, topic: str) -> None:
        if topic in TOPICS and self._code:
            self.check(self._code)

    def check(self, code: str | None) -> None:
        self._code = code
        self._asked += 1
        if not code:
            self._landed((self._asked, None))
            return
        self.window_.tasks.submit(_status, self.window_.db, code, self._asked, on_done=self._landed,
                                  on_error=lambda exc: dialogs.show_error(self.window_, exc))

    def _landed(self, answer) -> None:
        asked, status = answer
        if asked != self._asked:
            return
        self.status = status
        self.retranslate()
        self.setVisible(bool(status and status.missing))

    def retranslate(self) -> None:
        status = self.status
        if not status or not status.missing:
            self.text.clear()
            return
        actor = self.window_.actor
        lines = []
        for missing in status.missing:
            what, how, permission = STEPS[missing]
            if actor.can(permission, status.kept_at(missing)):
                how = _tr(how).replace("%1", enumeration(status.disabled_operators))  # the accounts to re-enable
                lines.append(escape(self.tr("%1:%2").replace("%1", _tr(what)).replace("%2", how)))
            elif missing in setup_status.KEPT_BY_INSTITUTION:  # the county's or city's, not a township's (Art. 12(1))
                lines.append(escape(self.tr("%1:由%2的管理员设置(第十二条)").replace("%1", _tr(what))
                                    .replace("%2", status.institution_name)))
            else:
                lines.append(escape(self.tr("%1:请管理员设置").replace("%1", _tr(what))))
        head = self.tr("%1尚未完成初始设置,案件还不能按网格归属和派遣:").replace("%1", status.township_name)
        self.text.setText(f"<b>{escape(head)}</b><br>" + "<br>".join(f"· {line}" for line in lines))


def _status(db, code: str, asked: int):
    """Off the GUI thread, with the number of the check it answers."""
    return asked, setup_status.township_setup(db, code)
