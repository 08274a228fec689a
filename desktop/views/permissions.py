"""Why an action is not offered: the missing permission, said before the user fills in a form (Art. 15).

The services check again; this only spares the user a refusal at save.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..i18n import label
from ..models.enums import PlaceLevel
from ..services.security import Actor, Permission


def missing(actor: Actor, permission: Permission, place_code: str | None, place_name: str | None = None,
            level: PlaceLevel | None = None, action: str = "") -> str:
    """The reason the actor may not do this at the place ("" when it may), for a tooltip; with
    `level`, only a grant of an institution at that level counts (Art. 6). `action` names the step
    where the permission's name alone would mislead (a correction needs the right to acknowledge
    alarms: "不能更正报送记录,需有“确认紧急告警”的权限")."""
    if actor.holds_at(permission, place_code, level) if level else actor.can(permission, place_code):
        return ""
    what = label(permission)
    if place_code is None:
        return QCoreApplication.translate("permissions", "您没有“%1”的权限").replace("%1", what)
    where = f"{place_name}({place_code})" if place_name else place_code
    if action:
        return (QCoreApplication.translate("permissions", "您在 %1 不能%3:需有“%2”的权限;请由具有该地区相应角色的用户办理")
                .replace("%1", where).replace("%2", what).replace("%3", action))
    return (QCoreApplication.translate("permissions", "您在 %1 没有“%2”的权限;请由具有该地区相应角色的用户办理")
            .replace("%1", where).replace("%2", what))


def offer(widget, actor: Actor, permission: Permission, place_code: str | None, place_name: str | None = None,
          *, reason: str = "", level: PlaceLevel | None = None, action: str = "") -> bool:
    """Enable a button or action only when permitted and `reason` (another obstacle) is empty; its tooltip
    says why not. Returns whether it is enabled."""
    reason = missing(actor, permission, place_code, place_name, level, action) or reason
    widget.setEnabled(not reason)
    widget.setToolTip(reason)
    return not reason
