"""Item models of the leadership (Art. 8) and activity (Art. 10–11) tabs of the people screen."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ...i18n import label
from ...services.staff import LeaderEntry, LogEntry
from ..rows_model import RowsModel


class LeadersModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("LeadersModel", "姓名"), QT_TRANSLATE_NOOP("LeadersModel", "职责"),
               QT_TRANSLATE_NOOP("LeadersModel", "职务"), QT_TRANSLATE_NOOP("LeadersModel", "联系片区")]

    def cells(self, row: LeaderEntry) -> list:
        return [row.name, label(row.role), row.title or "", row.place_name]


class ActivityModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("ActivityModel", "日期"), QT_TRANSLATE_NOOP("ActivityModel", "网格"),
               QT_TRANSLATE_NOOP("ActivityModel", "人员"), QT_TRANSLATE_NOOP("ActivityModel", "事项"),
               QT_TRANSLATE_NOOP("ActivityModel", "情况")]

    def cells(self, row: LogEntry) -> list:
        return [row.day.isoformat(), row.grid_name, row.name, row.what, row.summary]
