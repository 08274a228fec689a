"""Holidays and make-up workdays for years the bundled State Council schedule does not know yet.

`chinesecalendar` covers the years whose schedule has been published (it raises for later
ones); until an admin enters such a year, WorkCalendar counts Monday–Friday and deadlines
running into it carry a warning. A year's schedule may put days at the end of the year before
(29 December 2018, a make-up workday of the 2019 New Year): entered with the year whose schedule
they are part of, they apply over the published schedule of their own year until the package
publishes the later year too. A year is entered (or imported) as a whole; a year that has
entered days already is replaced only when the admin says so (`replace`), never unseen; a year
lacking one of the festivals every schedule holds is entered only when the admin says so too
(`incomplete`, schedule_gaps). A
single day of a year so entered can then be added or removed. After every change all open
deadlines are recounted at once.

CSV format: ``date,kind,name`` — ISO date; kind ``holiday``/``workday`` or 法定节假日/调休上班;
an optional header row; UTF-8 (with or without BOM) or GBK.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from chinese_calendar import constants as published_schedule
from sqlalchemy import and_, delete, extract, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased

from ..db import Database
from ..errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from ..models import (
    Assignment,
    Callback,
    CalendarDay,
    Case,
    CaseEvent,
    Department,
    EmergencyReport,
    EmergencyStep,
    MatterItem,
    Setting,
    SupervisionOrder,
    utcnow,
)
from ..models.enums import (
    ACTIVE_ASSIGNMENT_STATES,
    CallbackState,
    CaseState,
    DayKind,
    EmergencyStepKind,
    LabelledEnum,
    MatterComplexity,
)
from ..models.places import CITY_CODE, CITY_NAME
from .cases import supervision
from .cases.deadlines import case_limits, recompute, sync_case_due
from .clock import BEIJING, SCHEDULE_SETTING, WorkCalendar, due_text, last_published_year, parse_day, published_year
from .exchange.files import decode_csv, read_bytes
from .security import Actor, Permission
from .unit_of_work import UnitOfWork, unit_of_work


CALENDAR_PERMISSION = Permission.MANAGE_CALENDAR


def may_manage(actor: Actor) -> bool:
    """Whether `actor` may enter, import or remove days: only over the whole city, since a change
    recounts every township's deadlines. Reading the calendar is open to everyone."""
    return actor.can(CALENDAR_PERMISSION, CITY_CODE)


def _require_city(uow: UnitOfWork) -> None:
    """Refuse (Art. 15) an actor who keeps the calendar only for a township or county, saying why and who may."""
    uow.place_code = CITY_CODE
    if not may_manage(uow.actor):
        raise PermissionDenied(f"用户“{uow.actor.display_name}”不能修改工作日历:工作日历全市统一,录入、导入或删除"
                               f"节假日和调休上班日会重算全市各乡镇案件的期限,须有在{CITY_NAME}{CALENDAR_PERMISSION.label}"
                               "的权限;请由市级管理员办理", article="Art. 15")


@dataclass(frozen=True)
class DayEntry:
    day: date
    kind: DayKind
    name: str = ""
    regional: bool = False  # the region's own day (壮族三月三), over any schedule, in any year
    schedule_year: int | None = None  # the later year whose schedule put it in December (later_schedule_of)

    @property
    def schedule(self) -> int:
        """The year whose schedule the day is part of."""
        return self.schedule_year or self.day.year


def later_schedule_of(day: date) -> int | None:
    """The next year, for a day in the December of a published year whose next year is not published:
    a day of that year's schedule (its New Year's holiday may start or be made up in December), the
    only one a published year takes besides the region's own days. None for any other day."""
    if day.month == 12 and published_year(day.year) and not published_year(day.year + 1):
        return day.year + 1
    return None


def _in_schedule(entry: DayEntry) -> DayEntry:
    """The entry with the year whose schedule it is part of (a regional day is part of none)."""
    return entry if entry.regional else replace(entry, schedule_year=later_schedule_of(entry.day))


def _in_schedules(entries: list[DayEntry]) -> list[DayEntry]:
    """The entries of a year's schedule, each with the year it is part of (_in_schedule). A list of one
    year's days and some in the December before is that year's schedule as a whole, the year before
    published or not: entered by hand, that year would otherwise be replaced whole by those few days."""
    entries = [_in_schedule(entry) for entry in entries]
    national = [entry for entry in entries if not entry.regional]
    years = {entry.schedule for entry in national}
    if len(years) == 2 and (later := max(years)) == min(years) + 1 and all(
            entry.day.month == 12 for entry in national if entry.schedule < later):
        return [replace(entry, schedule_year=later) if not entry.regional and entry.schedule < later else entry
                for entry in entries]
    return entries


# The year whose schedule an entered day is part of, in SQL.
_SCHEDULE = func.coalesce(CalendarDay.schedule_year, extract("year", CalendarDay.day))


@dataclass(frozen=True)
class EnterResult:
    years: tuple[int, ...]
    days: int  # days entered (or, by remove_day, removed)
    recomputed: int  # deadlines moved: shares', supervision orders', callbacks', final reports' (recount_deadlines)
    replaced: int = 0  # days entered earlier that enter_days replaced
    # What the admin should know of what was entered: December days of a published year taken as part of the
    # next year's schedule, over the published one (`_in_schedules`); a year lacking its fixed days off.
    notes: tuple[str, ...] = ()


# The festivals 《全国年节及纪念日放假办法》(2024 年修订) gives days off in every year's schedule (13 days: 元旦 1,
# 春节 4, 清明节 1, 劳动节 2, 端午节 1, 中秋节 1, 国庆节 3): its name, the word its holidays are named with, and the
# days (month, day) it falls on where fixed by date. The lunar ones' dates need a lunar calendar: they are
# checked by the names entered.
_FESTIVALS = (("元旦", "元旦", ((1, 1),)), ("春节", "春节", ()), ("清明节", "清明", ()),
              ("劳动节", "劳动", ((5, 1), (5, 2))), ("端午节", "端午", ()), ("中秋节", "中秋", ()),
              ("国庆节", "国庆", ((10, 1), (10, 2), (10, 3))))


def _over_published(entries: list[DayEntry]) -> tuple[str, ...]:
    """Days of a published year entered as part of the next year's schedule: they count in place of
    the published schedule's (a working day may become a holiday), which the admin is told."""
    days = [entry for entry in entries if entry.schedule_year and published_year(entry.day.year)]
    return tuple(f"{entry.day} 属 {entry.schedule_year} 年安排,按录入的{entry.kind.label}计算,"
                 f"不再按国务院已公布的 {entry.day.year} 年安排" for entry in days)


def _year_gaps(year: int, entries: list[DayEntry]) -> list[str]:
    """What `year`'s schedule (`entries`) lacks: each festival with no holiday named for it, or, for one
    fixed by date, its days that fall on a weekday and are no holiday; and the days without a name, which
    no festival can be told by."""
    holidays = [entry for entry in entries if entry.kind is DayKind.HOLIDAY]
    days_off = {entry.day for entry in holidays}
    gaps = []
    for festival, word, fixed in _FESTIVALS:
        its_days = [date(year, month, day) for month, day in fixed]
        lacking = [str(day) for day in its_days if day.weekday() < 5 and day not in days_off]
        if lacking:
            gaps.append(f"{year} 年缺少{festival}:{'、'.join(lacking)} 未录入为法定节假日")
        elif not days_off.intersection(its_days) and not any(word in entry.name for entry in holidays):
            gaps.append(f"{year} 年缺少{festival}:没有名称含“{word}”的法定节假日")
    unnamed = [str(entry.day) for entry in entries if not entry.name]
    if unnamed:
        gaps.append(f"{year} 年 {'、'.join(unnamed)} 没有名称(name):各节日按名称核对,请填写(如 春节、春节调休)")
    return gaps


def _gaps(entries: list[DayEntry]) -> tuple[str, ...]:
    """`_year_gaps` of each year whose schedule `entries` (`_in_schedules`) enter: a year entered counts as
    known, and what it lacks as working days unseen — a stray line of another year (2028-01-01 among 2027's)
    or a typed year (2072) enters a year of one day."""
    national = [entry for entry in entries if not entry.regional]
    return tuple(gap for year in sorted({entry.schedule for entry in national})
                 for gap in _year_gaps(year, [entry for entry in national if entry.schedule == year]))


def schedule_gaps(entries: list[DayEntry]) -> tuple[str, ...]:
    """What the years' schedules entered by `entries` lack (`_gaps`), for asking before they are saved:
    enter_days saves such a year only when told `incomplete`. A list enter_days would refuse is refused
    here as there (ValidationFailed naming each bad row)."""
    entries = _in_schedules(entries)
    _check_entries(entries)
    return _gaps(entries)


class YearStatus(LabelledEnum):
    PUBLISHED = ("published", "国务院已公布,程序已内置")
    ENTERED = ("entered", "已在本系统录入")
    UNKNOWN = ("unknown", "程序未内置该年的国务院安排,也未录入:期限暂按周一至周五计算")


@dataclass(frozen=True)
class YearCalendar:
    """The days off and make-up workdays of one year, and where they come from."""

    year: int
    status: YearStatus
    days: tuple[DayEntry, ...]  # the published schedule's, or the entered ones, and the region's own


# The longest name a day keeps (calendar_days.name).
DAY_NAME_LENGTH = CalendarDay.name.type.length


def _day_problems(entry: DayEntry) -> list[str]:
    problems = []
    if len(entry.name) > DAY_NAME_LENGTH:  # refused, never cut short: the audit and the calendar would differ
        problems.append(f"名称(name)“{entry.name}”有 {len(entry.name)} 个字,至多 {DAY_NAME_LENGTH} 个")
    if published_year(entry.day.year) and not entry.regional and entry.schedule_year is None:
        problems.append(f"{entry.day.year} 年的安排已由国务院公布并已内置,无需录入")
    if entry.kind is DayKind.WORKDAY and entry.day.weekday() < 5:
        problems.append("调休上班日应为周六或周日")
    return problems


def _describe(day: date, kind: DayKind, name: str, regional: bool = False, schedule_year: int | None = None) -> str:
    later = f"(属 {schedule_year} 年安排)" if schedule_year else ""
    return f"{day} {'地方' if regional else ''}{kind.label}" + (f"“{name}”" if name else "") + later


def _recount(uow: UnitOfWork, before: WorkCalendar, since: datetime, message: str, *, occasion: str = "",
             **detail) -> int:
    """Recount deadlines after a change of the calendar (`before`: as it was; `since`: the first day it
    changed, as 00:00 Beijing time); audit and announce it (with the `occasion` the program did it on)."""
    uow.session.flush()
    after = WorkCalendar.load(uow.session)
    moved = recount_deadlines(uow.session, before, after, since, uow.actor, message)
    uow.audit(f"{message},重算 {moved} 项期限" + (f";{occasion}" if occasion else ""), recomputed=moved, **detail)
    uow.changed("calendar")
    uow.changed("cases", note="deadlines recomputed")
    return moved


def _from(day: date) -> datetime:
    return datetime.combine(day, time(0), BEIJING)


def recount_deadlines(session, before: WorkCalendar, after: WorkCalendar, since: datetime, by: Actor,
                      why: str) -> int:
    """Recount, with the calendar `after`, the deadlines the change from `before` may move: every open
    share's, and those of finished shares, callbacks and final reports falling on `since` or later —
    the evaluation judges them by these (a month kept is counted again, a settled one stays).
    `by`: who changed the calendar, and `why` what changed, on the timeline of each case whose
    shares' deadlines moved."""
    return (recompute_open_deadlines(session, after, since, by=by, why=why)
            + recount_from_their_start(session, before, after, since))


def _program_at_start_of(user: Actor) -> tuple[Actor, str]:
    """The program acting on its own as `user` starts it — the built-in administrator, on their desktop —
    and what the audit says of the occasion. Recorded as the user, a county's admin who happened to start
    first read as changing the city's calendar, which the same log shows them refused."""
    program = replace(Actor.system(user.os_user), desktop=user.desktop)
    who = user.display_name if user.is_system else f"{user.display_name}({user.username})"
    return program, f"GridDesk 更新后由程序自动完成,于{who}启动程序时"


def catch_up_with_published_schedule(db: Database, started_by: Actor) -> int | None:
    """Once a desk's package publishes years the database's deadlines were not counted with
    (SCHEDULE_SETTING; every desk counts with no more than it), recount them with those years and
    move the setting on, in one transaction; the number of deadlines moved, or None if nothing
    was due. Run when a desktop starts and by `griddesk-admin init`, by the program itself at
    `started_by`'s start-up (_program_at_start_of).

    A database that never kept the year (set up before it did) has its open shares recounted
    from their start — that needs no knowledge of the calendar they were counted with — and
    keeps the year from then on. A desk whose package knows fewer years than the database leaves
    it alone: it counts the years it lacks as unknown, and its banner says so.
    """
    current = last_published_year()
    program, occasion = _program_at_start_of(started_by)
    with db.session() as session:
        counted = session.get(Setting, SCHEDULE_SETTING)
        if counted is not None and counted.value >= current:
            return None
    with unit_of_work(db, program, "calendar.published_schedule", target=str(current)) as uow:
        session = uow.session
        # Created, if missing, by an insert that waits for another desk creating it at the same moment
        # (two desks started at once on a new database), rather than failing on the key afterwards.
        created = _insert_if_missing(session, SCHEDULE_SETTING, current, by=program.display_name)
        row = session.get(Setting, SCHEDULE_SETTING, with_for_update=True, populate_existing=True)  # one desk recounts
        if not created and row.value >= current:
            uow.audit(f"国务院节假日安排(至 {row.value} 年)已由其他电脑计入期限,无需重算;{occasion}",
                      started_by=started_by.username)
            return None
        if created:
            moved = recompute_open_deadlines(session, WorkCalendar.load(session), by=program,
                                             why=f"本库期限今后按程序内置的国务院节假日安排(至 {current} 年)计算")
            uow.audit(f"本库期限今后按程序内置的国务院节假日安排(至 {current} 年)计算,重算未办结的承办期限 {moved} 项;"
                      f"{occasion}", published_through=current, recomputed=moved, started_by=started_by.username)
            uow.changed("cases", note="deadlines recomputed")
            return moved
        before = WorkCalendar.load(session)  # counted through row.value, as every desk counted until now
        first = row.value + 1
        row.value, row.updated_by = current, program.display_name
        # Days entered in a December with a newly published year's schedule count no more: recounted from them.
        since = session.scalar(select(func.min(CalendarDay.day)).where(
            CalendarDay.schedule_year.between(first, current))) or date(first, 1, 1)
        return _recount(uow, before, _from(min(since, date(first, 1, 1))),
                        f"程序内置的国务院节假日安排已更新至 {current} 年({first} 年起按公布的安排计算)",
                        occasion=occasion, published_through=current, started_by=started_by.username)


def _insert_if_missing(session, key: str, value, *, by: str) -> bool:
    """Insert the setting unless its key is there (ON CONFLICT DO NOTHING on both backends); whether it was."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(Setting).values(key=key, value=value, updated_by=by, updated_at=utcnow())
    return session.execute(insert.on_conflict_do_nothing(index_elements=["key"]).returning(Setting.key)).first() is not None


def _check_entries(entries: list[DayEntry]) -> None:
    """Refuse the whole list, naming each bad row, if any day may not be entered (`_in_schedule`)."""
    problems = []
    seen: dict[date, int] = {}
    for row, entry in enumerate(entries, start=1):
        problems.extend(f"第 {row} 行 {entry.day}:{problem}" for problem in _day_problems(entry))
        if entry.day in seen:
            problems.append(f"第 {row} 行 {entry.day}:与第 {seen[entry.day]} 行日期重复")
        seen.setdefault(entry.day, row)
    if not entries:
        problems.append("没有任何日期")
    if problems:
        raise ValidationFailed("节假日安排有误,未作任何修改", problems)


def _staying(row: CalendarDay, year: int) -> str:
    """Why a day entered already, that entering `year`'s schedule would not replace, stops the entry."""
    if row.regional:
        return "该日已录入为广西地方节假日(如壮族三月三);请先删除该地方节假日,或从文件中删去这一行"
    name = f"“{row.name}”" if row.name else ""
    return (f"该日已录入为 {row.schedule_year or row.day.year} 年安排中的{row.kind.label}{name},导入 {year} 年的安排"
            f"不会替换它;请先删除该日,或从文件中删去这一行")


def _entered_days(session, years) -> dict[int, int]:
    """{year: days entered} of those of `years` that have entered days (the region's own days aside)."""
    counted = session.execute(select(_SCHEDULE, func.count()).where(_SCHEDULE.in_(years),
                                                                   CalendarDay.regional.is_(False))
                              .group_by(_SCHEDULE))
    return {int(y): n for y, n in counted}


def _describe_entered(entered: dict[int, int]) -> str:
    return "、".join(f"{year} 年已录入 {days} 天" for year, days in sorted(entered.items()))


def enter_days(db: Database, actor: Actor, entries: list[DayEntry], *, replace: bool = False,
               incomplete: bool = False) -> EnterResult:
    """Enter the days of each year in `entries`; recount open deadlines. All or nothing.

    A year with entered days already is refused unless `replace`: then its earlier days go (the
    region's own days stay: they are entered one by one, see add_day). A year lacking a festival
    or a day's name (schedule_gaps) is refused unless `incomplete`: once entered, its missing
    holidays would count as working days with no warning left. A day in the December of a
    published year, or in the December before the one year of the other days, is entered as part of
    the next year's schedule (_in_schedules).
    """
    entries = _in_schedules(entries)
    years = tuple(sorted({e.schedule for e in entries}))
    with unit_of_work(db, actor, "calendar.enter", target=",".join(map(str, years))) as uow:
        _require_city(uow)  # first: one who may not change the calendar is not sent to correct the file
        _check_entries(entries)
        if any(entry.regional for entry in entries):
            raise ValidationFailed("地方节假日(如壮族三月三)请逐日录入,不随全年安排导入", field="regional")
        gaps = _gaps(entries)
        if gaps and not incomplete:
            raise ValidationFailed("节假日安排不完整,未作任何修改:未录入的节假日将按工作日计算期限,且不再提示该年未录入;"
                                   "请补全后再录入。如确需只录入部分安排:命令行加 --incomplete,工作日历窗口保存时确认",
                                   list(gaps), field="incomplete")
        session = uow.session
        before = WorkCalendar.load(session)
        # Days entered already that this entry does not replace: the region's own, or another year's.
        staying = {row.day: row for row in session.scalars(select(CalendarDay).where(
            CalendarDay.day.in_([e.day for e in entries]),
            or_(CalendarDay.regional.is_(True), _SCHEDULE.not_in(years))))}
        if staying:
            raise ValidationFailed("节假日安排有误,未作任何修改", [
                f"第 {row} 行 {entry.day}:" + _staying(staying[entry.day], entry.schedule)
                for row, entry in enumerate(entries, start=1) if entry.day in staying])
        entered = _entered_days(session, years)
        if entered and not replace:
            raise Conflict(f"{_describe_entered(entered)};再次录入会整体替换这些年份已录入的全部日期,"
                           "本次未作任何修改。如确需替换:命令行加 --replace,工作日历窗口导入时确认替换")
        replacing = (_SCHEDULE.in_(years), CalendarDay.regional.is_(False))
        first = min([date(years[0], 1, 1), *(e.day for e in entries),
                     *session.scalars(select(CalendarDay.day).where(*replacing))])
        session.execute(delete(CalendarDay).where(*replacing))
        session.add_all(CalendarDay(day=e.day, kind=e.kind, name=e.name, schedule_year=e.schedule_year,
                                    entered_by=actor.display_name) for e in entries)
        replaced = sum(entered.values())
        earlier = Counter(e.day.year for e in entries if e.schedule_year)
        moved = _recount(uow, before, _from(first),
                         f"录入 {'、'.join(map(str, years))} 年节假日安排 {len(entries)} 天"
                         + "".join(f"(含 {year} 年 12 月 {n} 天)" for year, n in sorted(earlier.items()))
                         + (f"(替换原有录入 {replaced} 天)" if replaced else ""),
                         days=len(entries), replaced=replaced)
        return EnterResult(years, len(entries), moved, replaced, (*_over_published(entries), *gaps))


def add_day(db: Database, actor: Actor, entry: DayEntry) -> EnterResult:
    """Enter one more day of a year already entered (import_csv / enter_days), keeping its other days;
    or a day of the region's own (`entry.regional`: 壮族三月三, announced by the autonomous region
    each year), in any year, published or not.

    A year is entered as a whole: once it has any entered day it counts as known, so a single
    day typed into an unknown year would leave its other holidays counted Monday–Friday unseen.
    A regional day does not make its year known. A day in the December of a published year is
    one more day of the next year's schedule (later_schedule_of), entered as such.
    """
    entry = _in_schedule(entry)
    with unit_of_work(db, actor, "calendar.add_day", target=entry.day.isoformat()) as uow:
        _require_city(uow)
        before = WorkCalendar.load(uow.session)
        problems = _day_problems(entry)
        year = entry.schedule
        entered = uow.session.scalar(select(func.count()).select_from(CalendarDay).where(
            _SCHEDULE == year, CalendarDay.regional.is_(False)))
        if not problems and not entered and not entry.regional:
            problems.append(f"{year} 年尚未录入安排:请先导入该年度的全部节假日和调休上班日(CSV),之后可逐日增删;"
                            "只录入一天会让其余假日仍按周一至周五计算而不再提示")
        existing = uow.session.get(CalendarDay, entry.day)
        if existing is not None:
            problems.append(f"该日已录入为 {_describe(existing.day, existing.kind, existing.name, existing.regional, existing.schedule_year)};"
                            f"如需更改,请先删除该日")
        if problems:
            raise ValidationFailed(f"{entry.day} 未录入", problems)
        uow.session.add(CalendarDay(day=entry.day, kind=entry.kind, name=entry.name, regional=entry.regional,
                                    schedule_year=entry.schedule_year, entered_by=actor.display_name))
        moved = _recount(uow, before, _from(entry.day),
                         f"录入 {_describe(entry.day, entry.kind, entry.name, entry.regional, entry.schedule_year)}",
                         kind=entry.kind.value, regional=entry.regional)
        return EnterResult((entry.schedule,), 1, moved)


def remove_day(db: Database, actor: Actor, day: date) -> EnterResult:
    """Remove an entered day; a year left without any entered day counts Monday–Friday again."""
    with unit_of_work(db, actor, "calendar.remove_day", target=day.isoformat()) as uow:
        _require_city(uow)
        before = WorkCalendar.load(uow.session)
        row = uow.session.get(CalendarDay, day)
        if row is None:
            raise NotFound(f"{day} 不是录入的节假日或调休上班日,无可删除;请重新载入该年安排")
        uow.session.delete(row)
        moved = _recount(uow, before, _from(day),
                         f"删除 {_describe(row.day, row.kind, row.name, row.regional, row.schedule_year)}",
                         kind=row.kind.value, regional=row.regional)
        return EnterResult((row.schedule_year or day.year,), 1, moved)


def recompute_open_deadlines(session, calendar: WorkCalendar | None = None, since: datetime | None = None, *,
                             by: Actor | None = None, why: str = "") -> int:
    """Recount every open share's deadlines with the calendar as it now stands, and with `since` also
    those of finished shares with a deadline on or after it. Returns how many shares' deadlines moved.

    The cases are locked in id order before they are read: a desk saving one of them meanwhile is
    waited for, not overwritten, and a desk saving after is told the case changed — by `by`, the
    user whose calendar change (`why`) moved its deadlines, as the case's timeline then says: its
    panel shows the new deadlines where the timeline's last word was the old ones."""
    calendar = calendar or WorkCalendar.load(session)
    recounted = Assignment.state.in_(ACTIVE_ASSIGNMENT_STATES)
    if since is not None:
        recounted = or_(recounted, Assignment.due_at >= since, Assignment.sign_due_at >= since,
                        Assignment.contact_due_at >= since)
    moved = 0
    cases = (select(Case).where(Case.id.in_(select(Assignment.case_id).where(recounted)))
             .order_by(Case.id).with_for_update(of=Case))
    for case in session.scalars(cases):
        limits = case_limits(session, case)
        moved_here = []
        for assignment in case.assignments:
            if assignment.state in ACTIVE_ASSIGNMENT_STATES or (since is not None and any(
                    due is not None and due >= since
                    for due in (assignment.due_at, assignment.sign_due_at, assignment.contact_due_at))):
                was = _deadlines(assignment)
                if recompute(session, assignment, calendar, limits):
                    moved_here.append((assignment, was))
        sync_case_due(case)
        if moved_here and by is not None:
            case.updated_by = by.display_name
            session.add(CaseEvent(case=case, at=utcnow(), kind="deadlines_recounted", actor_id=by.user_id,
                                  actor_name=by.display_name, desktop=by.desktop, from_state=case.state.value,
                                  to_state=case.state.value, message=_recounted_text(session, why, moved_here),
                                  detail={"shares": [a.id for a, _ in moved_here]}))
        moved += len(moved_here)
    return moved


_DEADLINE_NAMES = ("签收期限", "联系诉求人期限", "办理期限")


def _deadlines(assignment: Assignment) -> tuple:
    return assignment.sign_due_at, assignment.contact_due_at, assignment.due_at


def _recounted_text(session, why: str, moved: list[tuple[Assignment, tuple]]) -> str:
    """The timeline's line for deadlines a calendar change moved: each share's deadlines from → to."""
    shares = []
    for assignment, was in moved:
        changes = [f"{name} {due_text(before, missing='无')} → {due_text(after, missing='无')}"
                   for name, before, after in zip(_DEADLINE_NAMES, was, _deadlines(assignment)) if before != after]
        shares.append(f"{session.get(Department, assignment.department_id).name} " + ",".join(changes))
    return f"工作日历变更后重算期限({why}):" + ";".join(shares)


def _recounted(due: datetime, start: datetime, before: WorkCalendar, after: WorkCalendar) -> datetime | None:
    """A working-day deadline (24:00 Beijing of its last day) counted from `start` again with the
    calendar `after`, as many working days as `before` counted; None for one that `before` did not
    count so (a deadline in hours or calendar days, or one counted with another calendar still,
    such as a callback done before finished ones were recounted): nothing is guessed."""
    last = due.astimezone(BEIJING)
    if last.time() != time(0) or last <= start:
        return None
    days = before.working_days_between(start.astimezone(BEIJING).date(), last.date() - timedelta(days=1))
    if not days or before.add_working_days(start, days) != due:
        return None
    return after.add_working_days(start, days)


def recount_from_their_start(session, before: WorkCalendar, after: WorkCalendar, since: datetime) -> int:
    """Recount the working-day deadlines that are not a share's: callbacks after closing (Art. 20(2))
    and final reports of emergencies (Art. 21) still owed or due on or after `since`, and open
    supervision orders with the default deadline (Art. 20(1)). Returns how many moved."""
    # A pending callback's working days began at the last attempt before it (unanswered, or
    # answered basically satisfied), else at the closing.
    earlier = aliased(Callback)
    attempted = (select(func.max(earlier.done_at))
                 .where(earlier.case_id == Callback.case_id, earlier.state != CallbackState.PENDING,
                        earlier.id < Callback.id).scalar_subquery())
    callbacks = session.execute(select(Callback, attempted, Case.closed_at).join(Case, Case.id == Callback.case_id)
                                .where(or_(Callback.state == CallbackState.PENDING, Callback.due_at >= since)))
    finals = session.execute(select(EmergencyStep, EmergencyReport.handled_at)
                             .join(EmergencyReport, EmergencyReport.id == EmergencyStep.report_id)
                             .where(EmergencyStep.kind == EmergencyStepKind.FINAL,
                                    or_(EmergencyStep.done_at.is_(None), EmergencyStep.due_at >= since)))
    counted = [(callback, max(filter(None, (tried, closed)), default=None)) for callback, tried, closed in callbacks]
    # Open 督办 orders given the default deadline (Art. 20(1)); a deadline the supervisor set is theirs.
    orders = [(order, order.issued_at) for order in session.scalars(
                  select(SupervisionOrder).where(SupervisionOrder.closed_at.is_(None)))
              if order.due_at == supervision.default_due(before, order.issued_at)]
    moved = 0
    for row, start in [*counted, *finals, *orders]:
        due = start and _recounted(row.due_at, start, before, after)
        if due and due != row.due_at:
            row.due_at, moved = due, moved + 1
    return moved


def parse_csv(data: bytes) -> list[DayEntry]:
    """Read ``date,kind,name`` rows; every bad row is named, nothing is half-read."""
    text = decode_csv(data)
    entries, problems = [], []
    for row_no, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if row_no == 1 and row[0].strip().lower() in ("date", "日期"):
            continue
        # Each column named as the desk's form and the file's header name it, 日期(date), 类别(kind), 名称(name), its
        # value right after it as `_day_problems` writes it: with no colon between, the desk keeps the file's key in
        # sight (dialogs.for_the_desk drops only a form field's).
        if not 2 <= len(row) <= 3:  # a fourth column is no field of ours: a misplaced comma, or another file
            problems.append(f"第 {row_no} 行:应有 日期(date)、类别(kind)、名称(name)三列(名称可省),此行有 {len(row)} 列")
            continue
        given = row[0].strip()
        try:
            day = parse_day(given)
        except ValueError as wrong:
            problems.append(f"第 {row_no} 行 日期(date){wrong}")
            continue
        try:
            kind = DayKind.from_label(row[1].strip())
        except ValueError:
            problems.append(f"第 {row_no} 行 类别(kind)“{row[1].strip()}”应为 holiday/法定节假日 或 workday/调休上班")
            continue
        entries.append(DayEntry(day, kind, row[2].strip() if len(row) > 2 else ""))
    if problems:
        raise ValidationFailed("节假日文件有误,未导入任何内容", problems)
    return entries


def import_csv(db: Database, actor: Actor, path: str | Path, *, replace: bool = False,
               incomplete: bool = False) -> EnterResult:
    """Enter the days of a CSV file; years with entered days already only with `replace`, years lacking
    a festival or a day's name only with `incomplete` (see enter_days)."""
    return enter_days(db, actor, parse_csv(read_bytes(path)), replace=replace, incomplete=incomplete)


@dataclass(frozen=True)
class ImportCheck:
    """What importing a file would do that the admin is asked about first."""

    replaced: dict[int, int]  # {year: days entered} it would replace
    gaps: tuple[str, ...]  # what its years lack (schedule_gaps)


def check_import(db: Database, path: str | Path) -> ImportCheck:
    """What importing the file would replace and what its years lack, for asking first; a bad file is
    refused here as import_csv refuses it."""
    entries = parse_csv(read_bytes(path))
    gaps = schedule_gaps(entries)
    with db.session() as session:
        return ImportCheck(_entered_days(session, {e.schedule for e in _in_schedules(entries)}), gaps)


def list_days(db: Database, year: int) -> list[DayEntry]:
    """The days entered for `year`: of its schedule (with those in the December before), and the
    region's own of that year."""
    with db.session() as session:
        rows = session.scalars(select(CalendarDay).where(or_(
            and_(CalendarDay.regional.is_(False), _SCHEDULE == year),
            and_(CalendarDay.regional.is_(True), extract("year", CalendarDay.day) == year))).order_by(CalendarDay.day))
        return [DayEntry(r.day, r.kind, r.name, r.regional, r.schedule_year) for r in rows]


def _published_days(year: int) -> list[DayEntry]:
    names = {holiday.value: holiday.chinese for holiday in published_schedule.Holiday}
    days = [DayEntry(day, kind, names.get(name, name))
            for kind, table in ((DayKind.HOLIDAY, published_schedule.holidays),
                                (DayKind.WORKDAY, published_schedule.workdays))
            for day, name in table.items() if day.year == year]
    return sorted(days, key=lambda entry: entry.day)


def year_calendar(db: Database, year: int) -> YearCalendar:
    """A year's days off and make-up workdays: published (read only), entered here, or none known; with
    those of the next year's schedule entered in its December over them, and the region's own days of
    that year, in any case."""
    entered = list_days(db, year)
    regional = [entry for entry in entered if entry.regional]
    later = {entry.day: entry for entry in list_days(db, year + 1)
             if entry.day.year == year and not entry.regional and not published_year(year + 1)}
    if published_year(year):
        status, days = YearStatus.PUBLISHED, _published_days(year)
    else:
        days = [entry for entry in entered if not entry.regional]
        status = YearStatus.ENTERED if days else YearStatus.UNKNOWN
    days = list(({entry.day: entry for entry in days} | later).values())
    return YearCalendar(year, status, tuple(sorted(days + regional, key=lambda entry: entry.day)))


def first_day_to_enter(year: int) -> date:
    """The first day of `year`'s schedule that may be entered: 1 December before, when that year is
    published (later_schedule_of), else 1 January."""
    december = date(year - 1, 12, 1)
    return december if later_schedule_of(december) == year else date(year, 1, 1)


def year_to_enter(db: Database, today: date) -> int:
    """The year an admin most likely means: this one if neither published nor entered; in November and
    December (when the State Council publishes the next year's schedule), the next if neither; else this
    one, to be read. In the December of a year entered here, the next is the one to come."""
    years = (today.year, today.year + 1) if today.month >= 11 else (today.year,)
    with db.session() as session:
        entered = _entered_days(session, years)
    return next((y for y in years if not published_year(y) and y not in entered), today.year)


def _last_counted_year(moment: datetime) -> int:
    """The year of the last day counted up to `moment`, a time stored in UTC: 2027-01-01 04:59 in
    Beijing (a paused clock gives back its time to the minute) counts a day of 2027, though it is
    2026-12-31 in UTC; a deadline at 24:00 of 31 December (2027-01-01 00:00) counts none."""
    return (moment.astimezone(BEIJING) - timedelta(microseconds=1)).year


def unknown_years_of_open_deadlines(db: Database) -> tuple[int, ...]:
    """Years that open deadlines run through whose holidays are neither published nor entered:
    the shares' (from dispatch), open supervision orders' (from issue), pending callbacks' and final
    reports still owed (up to when due). An urgent case's shares count hours (signing, handling, and
    contact no later than handling: `deadlines.limits_for`), which no holiday moves."""
    # Spelled out for SQL's NULLs: a case under no matter item has no complexity to compare.
    counts_days = and_(Case.urgent.is_(False), or_(Case.matter_item_id.is_(None),
                                                   MatterItem.complexity != MatterComplexity.URGENT))
    with db.session() as session:
        # A share of an item limited in hours still signs for within a working day: its sign-for can
        # come after its handling deadline.
        first, due, sign_due = session.execute(
            select(func.min(Assignment.dispatched_at), func.max(Assignment.due_at), func.max(Assignment.sign_due_at))
            .join(Case, Case.id == Assignment.case_id)
            .outerjoin(MatterItem, MatterItem.id == Case.matter_item_id)
            .where(Assignment.state.in_(ACTIVE_ASSIGNMENT_STATES), counts_days)).one()
        spans = [(first, max(d for d in (due, sign_due) if d is not None) if first is not None else None),
                 # A held case's callback is due so many calendar days on (Art. 19(2)): no holiday moves it.
                 session.execute(select(func.min(Callback.due_at), func.max(Callback.due_at))
                                 .join(Case, Case.id == Callback.case_id)
                                 .where(Callback.state == CallbackState.PENDING, Case.state != CaseState.ON_HOLD)).one(),
                 session.execute(select(func.min(EmergencyStep.due_at), func.max(EmergencyStep.due_at))
                                 .where(EmergencyStep.kind == EmergencyStepKind.FINAL,
                                        EmergencyStep.done_at.is_(None))).one(),
                 session.execute(select(func.min(SupervisionOrder.issued_at), func.max(SupervisionOrder.due_at))
                                 .where(SupervisionOrder.closed_at.is_(None))).one()]
        years = {year for first, last in spans if first is not None
                 for year in range(first.astimezone(BEIJING).year, _last_counted_year(last) + 1)}
        calendar = WorkCalendar.load(session)
        return tuple(sorted(y for y in years if not calendar.year_known(y)))


def warning_for_open_deadlines(db: Database) -> str | None:
    """A warning while any open deadline runs into a year whose holidays nobody has entered."""
    calendar = WorkCalendar(warnings=set(unknown_years_of_open_deadlines(db)))
    return calendar.warning_text()
