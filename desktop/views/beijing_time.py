"""Dates and times in the forms are Beihai's (Beijing time), whatever the machine's own zone,
as everywhere else in GridDesk: what a form offers as "now" and what a typed time means."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime

from ..services.clock import BEIJING, beijing_today


def today() -> QDate:
    """Today in Beijing, for a date field's initial value."""
    day = beijing_today()
    return QDate(day.year, day.month, day.day)


def as_qdatetime(moment: datetime | None = None) -> QDateTime:
    """A moment (now when None) as the Beijing wall-clock time a date-time field shows."""
    wall = (moment or datetime.now(BEIJING)).astimezone(BEIJING)
    return QDateTime(QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute, wall.second))


def moment(shown: QDateTime) -> datetime:
    """The moment a date-time field's wall-clock time names, read as Beijing time."""
    day, clock = shown.date(), shown.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second(),
                    tzinfo=BEIJING)


def day_of(shown: QDate) -> date:
    return date(shown.year(), shown.month(), shown.day())
