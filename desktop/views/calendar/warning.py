"""The main window's banner while open deadlines run into a year whose holidays are neither
published nor entered: they are counted Monday–Friday until a city administrator enters the year."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from ...i18n import enumeration
from ...services import calendar_admin
from .. import dialogs
from ..banner import WARNING, Banner
from . import open_calendar



class CalendarWarning(Banner):
    """Hidden until a check finds unknown years; rechecked whenever cases or the calendar change."""

    def __init__(self, window):
        super().__init__(window, "CalendarWarning", WARNING)
        self.window_ = window
        self.years: tuple[int, ...] = ()
        self._asked = 0  # the latest check; an older answer landing late is dropped
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_calendar)
        self.row.addWidget(self.open_button)
        window.bus.changed.connect(self._changed)
        self.retranslate()
        self.check()

    def retranslate(self) -> None:
        years = enumeration(self.years)
        # The calendar is the whole city's: only a city administrator enters a year; others are told to ask them.
        if calendar_admin.may_manage(self.window_.actor):
            text = self.tr("%1 年的法定节假日和调休安排程序未内置,也没有录入:未办结案件在该年的期限暂按"
                           "周一至周五计算,可能不准。国务院公布该年安排后(通常在上一年年底前),请录入。")
            self.open_button.setText(self.tr("录入该年安排…"))
        else:
            text = self.tr("%1 年的法定节假日和调休安排程序未内置,也没有录入:未办结案件在该年的期限暂按"
                           "周一至周五计算,可能不准。工作日历全市统一,国务院公布该年安排后,请市级管理员录入。")
            self.open_button.setText(self.tr("查看工作日历(请市级管理员录入)…"))
        self.text.setText(text.replace("%1", years))

    def _changed(self, topic: str) -> None:
        if topic in ("cases", "calendar"):
            self.check()

    def check(self) -> None:
        self._asked += 1
        # The answer says which check it answers: one overtaken by a later check is dropped.
        self.window_.tasks.submit(_unknown_years, self.window_.db, self._asked, on_done=self._landed,
                                  on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        dialogs.show_error(self.window_, exc)

    def _landed(self, answer: tuple[int, tuple[int, ...]]) -> None:
        asked, years = answer
        if asked != self._asked:
            return
        self.years = years
        self.retranslate()
        self.setVisible(bool(years))

    def open_calendar(self):
        return open_calendar(self.window_, self.years[0] if self.years else None)


def _unknown_years(db, asked: int) -> tuple[int, tuple[int, ...]]:
    """Off the GUI thread, with the number of the check it answers."""
    return asked, calendar_admin.unknown_years_of_open_deadlines(db)
