"""Deadlines in Chinese working days or hours (SPEC §4, §11).

Working days follow the State Council's holiday schedule as published in the maintained
`chinesecalendar` package (statutory holidays and make-up workdays). For a year the package
does not know yet, holidays and make-up workdays entered by an admin (table calendar_days)
are used, and the days its schedule puts in the December before apply over the published
schedule of that year; with none entered, Monday–Friday is assumed and `WorkCalendar.warnings`
says so until they are entered (then open deadlines are recomputed by the case service). Days
of the region's own (壮族三月三 in Guangxi), entered as regional, apply over either, in any year.

A time limit of N working days ends at 24:00 Beijing time of the N-th working day after the
day the clock starts (the starting day itself does not count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import chinese_calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CalendarDay, Setting
from ..models.enums import DayKind, TimeLimitUnit

BEIJING = ZoneInfo("Asia/Shanghai")
# The last year of the published schedule the database's deadlines are counted with (see WorkCalendar).
SCHEDULE_SETTING = "calendar.published_through"


def beijing_today() -> date:
    """Today's date in Beihai, whatever the machine's own time zone (a CI runner keeps UTC)."""
    return datetime.now(BEIJING).date()


# A day written as YYYY-MM-DD: one that date() refuses in this form does not exist (2027-02-30, 2027-13-01).
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str) -> date:
    """A day typed as YYYY-MM-DD; ValueError says which is wrong, the writing or the day itself, as
    “2027-02-30”这一天不存在 (the writing is right, the calendar has no such day)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        wrong = "这一天不存在" if _ISO_DAY.fullmatch(text) else "不是 YYYY-MM-DD 格式的日期"
        raise ValueError(f"“{text}”{wrong}") from None


def beijing_text(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M", missing: str = "") -> str:
    """A stored (UTC) moment as Beijing wall-clock text; `missing` when there is none."""
    return moment.astimezone(BEIJING).strftime(fmt) if moment else missing


def start_of_day(day: date) -> datetime:
    """00:00 Beijing time of `day`."""
    return datetime.combine(day, time(0), BEIJING)


def end_of_day(day: date) -> datetime:
    """24:00 Beijing time of `day` (00:00 of the next), where a limit in days ends."""
    return start_of_day(day + timedelta(days=1))


def deadline_day(moment: datetime) -> date:
    """The day a deadline falls on as people say it (`due_text`): one at 00:00 is the day before's 24:00."""
    local = moment.astimezone(BEIJING)
    return (local - timedelta(days=1)).date() if local.time() == time(0) else local.date()


def due_text(moment: datetime | None, day_format: str = "%Y-%m-%d", missing: str = "") -> str:
    """A deadline as people say it: one at 00:00 Beijing time — where every limit in working days
    ends — is 24:00 of the day before ("2026-11-06 24:00", not "2026-11-07 00:00", a Saturday)."""
    if moment is None:
        return missing
    local = moment.astimezone(BEIJING)
    if local.time() == time(0):
        return f"{deadline_day(moment).strftime(day_format)} 24:00"
    return local.strftime(f"{day_format} %H:%M")


def due_text_as_of(moment: datetime | None, now: datetime) -> str:
    """A deadline in a line written at `now` (a timeline entry, a refusal): month and day when it
    falls in `now`'s year, Beijing time; with the year when not — "新期限 01-08 24:00" written in
    December reads as the January past."""
    text = due_text(moment)
    return text[5:] if text[:4] == str(now.astimezone(BEIJING).year) else text


def span_units(span: timedelta) -> tuple[int, int, int]:
    """Whole days, hours and minutes of a span left or overdue, counted down (never rounded up); under a
    minute counts as one, which still says there is time, or none. Every countdown shows these."""
    minutes = max(1, int(abs(span).total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    return days, hours, minutes


def span_words(span: timedelta) -> str:
    """"2天3小时" / "5小时" / "12分钟" (`span_units`), in the Chinese of the files written: the desk's
    countdowns say it in the interface's language (views.countdown.span_text)."""
    days, hours, minutes = span_units(span)
    if days:
        return f"{days}天{hours}小时"
    return f"{hours}小时" if hours else f"{minutes}分钟"


@cache
def published_year(year: int) -> bool:
    """Does the bundled State Council schedule cover this year?"""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@cache
def last_published_year() -> int:
    """The last year the bundled schedule covers (it grows when the package is upgraded)."""
    return max(day.year for day in chinese_calendar.constants.holidays)


@dataclass
class WorkCalendar:
    """Working-day arithmetic; `supplement` holds admin-entered days for unpublished years.

    `published_through` limits the bundled schedule to the years up to it. A database keeps the
    year its deadlines were counted through with the published schedule (SCHEDULE_SETTING):
    every desk counts with no more than that, so that a desk upgraded to a package publishing
    more years counts as the others do until the deadlines are recounted with it, all at once
    (calendar_admin.catch_up_with_published_schedule).
    """

    supplement: dict[date, DayKind] = field(default_factory=dict)
    warnings: set[int] = field(default_factory=set)
    published_through: int | None = None
    regional: dict[date, DayKind] = field(default_factory=dict)  # the region's own days, over any schedule
    # Entered days of a later year's schedule, in the December before (CalendarDay.schedule_year): that year.
    later_schedule: dict[date, int] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, *, published_through: int | None = None) -> WorkCalendar:
        rows = session.execute(select(CalendarDay.day, CalendarDay.kind, CalendarDay.regional,
                                      CalendarDay.schedule_year)).all()
        if published_through is None:
            counted = session.get(Setting, SCHEDULE_SETTING)
            published_through = counted.value if counted is not None else None
        return cls({day: kind for day, kind, regional, _ in rows if not regional}, published_through=published_through,
                   regional={day: kind for day, kind, regional, _ in rows if regional},
                   later_schedule={day: year for day, _, _, year in rows if year is not None})

    def _published(self, year: int) -> bool:
        return published_year(year) and (self.published_through is None or year <= self.published_through)

    def _schedule_of(self, day: date) -> int:
        return self.later_schedule.get(day, day.year)

    def year_known(self, year: int) -> bool:
        return self._published(year) or any(self._schedule_of(d) == year for d in self.supplement)

    def is_workday(self, day: date) -> bool:
        if (kind := self.regional.get(day)) is not None:
            return kind is DayKind.WORKDAY
        # An entered day counts while its schedule is not published: a later year's, over the published
        # schedule of its own year, until the package publishes that later year (and the day with it).
        kind = self.supplement.get(day)
        if kind is not None and not self._published(self._schedule_of(day)):
            return kind is DayKind.WORKDAY
        if self._published(day.year):
            return chinese_calendar.is_workday(day)
        if not self.year_known(day.year):
            # Unknown schedule: Monday–Friday, and say so until an admin enters the year.
            self.warnings.add(day.year)
        return day.weekday() < 5

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """24:00 Beijing time of the `days`-th working day after the day of `start`."""
        if days < 1:
            raise ValueError("a time limit in working days is at least 1")
        day = start.astimezone(BEIJING).date()
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        return end_of_day(day)

    def deadline(self, start: datetime, amount: int, unit: TimeLimitUnit) -> datetime:
        if unit is TimeLimitUnit.HOURS:
            return start + timedelta(hours=amount)
        return self.add_working_days(start, amount)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """How much of [start, end) falls on working days (whole Beijing days)."""
        total, cursor, end = timedelta(), start.astimezone(BEIJING), end.astimezone(BEIJING)
        while cursor < end:
            midnight = datetime.combine(cursor.date() + timedelta(days=1), time(0), BEIJING)
            if self.is_workday(cursor.date()):
                total += min(end, midnight) - cursor
            cursor = midnight
        return total

    def add_working_time(self, moment: datetime, span: timedelta) -> datetime:
        """`moment` moved on by `span` counted on working days only: days off are stepped over.

        A working-day deadline (24:00 of its last day) given back the working time a pause took
        lands on a working day again, never on a Sunday or a holiday.
        """
        cursor = moment.astimezone(BEIJING)
        while span > timedelta():
            midnight = datetime.combine(cursor.date() + timedelta(days=1), time(0), BEIJING)
            if self.is_workday(cursor.date()):
                if span <= midnight - cursor:
                    return cursor + span
                span -= midnight - cursor
            cursor = midnight
        return cursor

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_workday(day)
        return count

    def warning_text(self) -> str | None:
        if not self.warnings:
            return None
        years = "、".join(str(y) for y in sorted(self.warnings))
        return (f"{years} 年的法定节假日和调休安排尚未录入,相关期限暂按周一至周五计算;"
                "请市级管理员在“工作日历”中录入或导入该年安排")
