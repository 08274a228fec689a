"""People screens (Art. 8–11): roster with staffing adequacy of the selected place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from .. import dialogs
from .window import PeopleWindow


def open_people(window) -> PeopleWindow | None:
    """Menu 人员 → 网格人员: the grids and staff under the place selected in the tree."""
    code = window.current_place_code()
    if code is None:
        dialogs.information(window, QCoreApplication.translate("people", "网格人员"),
                            QCoreApplication.translate("people", "请先在左侧区划树中选择乡镇(街道)、村(社区)或网格"))
        return None
    people = PeopleWindow(window, code, window)
    people.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closed: no longer reloading on every change
    people.show()
    return people
