"""Dates and times in the forms are Beihai's (Beijing time), whatever the machine's own zone,
as everywhere else in GridDesk: what a form offers as "now" and what a typed time means."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit

from ..services.clock import BEIJING, beijing_today


def today() -> QDate:
    """Today in Beijing, for a date field's initial value."""
    return as_qdate(beijing_today())


def date_field(day: QDate) -> QDateEdit:
    """A date field with its calendar, writing the date as GridDesk writes it everywhere (2026-11-28), in
    English too: the locale's own short form was "11/28/26" there."""
    field = QDateEdit(day)
    field.setCalendarPopup(True)
    field.setDisplayFormat("yyyy-MM-dd")
    return field


def as_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def as_qdatetime(moment: datetime | None = None) -> QDateTime:
    """A moment (now when None) as the Beijing wall-clock time a `beijing_field` shows.

    The digits are kept in UTC, a zone without summer time: in the machine's own zone a Beijing
    time falling into its spring-forward gap would be moved by an hour.
    """
    wall = (moment or datetime.now(BEIJING)).astimezone(BEIJING)
    return QDateTime(QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute, wall.second),
                     QTimeZone.utc())


def beijing_field(shown: datetime | None = None) -> QDateTimeEdit:
    """A date-time field showing Beijing wall-clock time (now when `shown` is None)."""
    field = QDateTimeEdit()
    field.setTimeZone(QTimeZone.utc())  # see as_qdatetime
    field.setDateTime(as_qdatetime(shown))
    return field


def moment(shown: QDateTime) -> datetime:
    """The moment a date-time field's wall-clock time names, read as Beijing time."""
    day, clock = shown.date(), shown.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second(),
                    tzinfo=BEIJING)


def day_of(shown: QDate) -> date:
    return date(shown.year(), shown.month(), shown.day())
