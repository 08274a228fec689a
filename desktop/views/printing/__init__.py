"""Printing screens: the notice-sheet batch (Art. 14)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .. import dialogs
from .notice_sheets_dialog import NoticeSheetsDialog


def open_notice_sheets(window) -> NoticeSheetsDialog | None:
    """Menu 打印 → 网格公示牌: the sheets of the grids under the place selected in the tree."""
    code = window.current_place_code()
    if code is None:
        dialogs.information(window, QCoreApplication.translate("printing", "打印网格公示牌"),
                            QCoreApplication.translate("printing", "请先在左侧区划树中选择乡镇(街道)或村(社区)"))
        return None
    dialog = NoticeSheetsDialog(window, code, window)
    dialog.show()
    return dialog
