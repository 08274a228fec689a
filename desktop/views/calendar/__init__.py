"""The working-day calendar: holidays and make-up workdays of years the State Council has not
published yet, entered by a city administrator; the main window's warning while deadlines run
into such a year."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .window import CalendarWindow


def open_calendar(window, year: int | None = None) -> CalendarWindow:
    """Menu 事项清单 → 工作日历, or the main window's warning (at the first year not known)."""
    calendar = CalendarWindow(window, year, window)
    calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closed: no longer reloading on every change
    calendar.show()
    return calendar
