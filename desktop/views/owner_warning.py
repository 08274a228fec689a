"""The main window's banner while this desk connects to a shared PostgreSQL database as the tables' owner
(a member of its role, or a superuser) although the desktops were given a role of their own
(`griddesk-admin db grant-desks`): such a connection can alter and drop the tables, which no desk needs
(Art. 15). Checked once, at start-up: the connection does not change while the program runs."""

from __future__ import annotations

import logging

from ..i18n import enumeration
from ..services import desk_roles
from .banner import WARNING, Banner

log = logging.getLogger(__name__)

class OwnerWarning(Banner):
    def __init__(self, window):
        super().__init__(window, "OwnerWarning", WARNING)
        self.found: desk_roles.OwnerConnection | None = None
        window.tasks.submit(desk_roles.owner_connection, window.db, on_done=self._landed, on_error=self._failed)

    def retranslate(self) -> None:
        if self.found is None:
            return
        self.text.setText(self.tr(
            "本值班台以数据库用户 %1 连接数据库:它是数据表的所有者或超级用户,可以更改、删除数据表,值班台不需要也不应有"
            "这样的权限(《条例》第十五条)。已为值班台授权的数据库用户:%2。请系统管理员把本机 GRIDDESK_DATABASE_URL"
            "(或启动参数 --db)中的用户改为其中之一(连同其密码),再重新启动网格指挥台。")
            .replace("%1", self.found.user).replace("%2", enumeration(self.found.desk_roles)))

    def _landed(self, found: desk_roles.OwnerConnection | None) -> None:
        self.found = found
        self.retranslate()
        self.setVisible(found is not None)

    def _failed(self, exc: BaseException) -> None:
        # Only a warning about the set-up: the desk works on, and the log says why it could not tell.
        log.warning("could not check which database user this desk connects as: %s", exc)
