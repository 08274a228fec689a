"""Item models of the leadership (Art. 8) and activity (Art. 10–11) tabs of the people screen."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ...i18n import label
from ...services.staff import LeaderEntry, LogEntry
from ...services.staff_admin import LeadershipTerm
from ..rows_model import RowsModel


class LeadersModel(RowsModel):
    """Each leadership with its last day (任期至): one ended today is still listed, as staff.leaders lists it
    until that day is over, and says so."""

    HEADERS = [QT_TRANSLATE_NOOP("LeadersModel", "姓名"), QT_TRANSLATE_NOOP("LeadersModel", "职责"),
               QT_TRANSLATE_NOOP("LeadersModel", "职务"), QT_TRANSLATE_NOOP("LeadersModel", "联系片区"),
               QT_TRANSLATE_NOOP("LeadersModel", "任期至")]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.terms: dict[int, LeadershipTerm] = {}

    def set_leaders(self, rows: list[LeaderEntry], terms: dict[int, LeadershipTerm]) -> None:
        self.terms = dict(terms)
        self.set_rows(rows)

    def cells(self, row: LeaderEntry) -> list:
        term = self.terms.get(row.id)
        until = term.end_on.isoformat() if term is not None and term.end_on is not None else self.tr("至今")
        return [row.name, label(row.role), row.title or "", row.place_name, until]


class ActivityModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("ActivityModel", "日期"), QT_TRANSLATE_NOOP("ActivityModel", "网格"),
               QT_TRANSLATE_NOOP("ActivityModel", "人员"), QT_TRANSLATE_NOOP("ActivityModel", "事项"),
               QT_TRANSLATE_NOOP("ActivityModel", "情况")]

    def cells(self, row: LogEntry) -> list:
        return [row.day.isoformat(), row.grid_name, row.name, row.what, row.summary]
