"""Holidays and make-up workdays for years the bundled State Council schedule does not know yet.

`chinesecalendar` covers the years whose schedule has been published (it raises for later
ones); until an admin enters such a year, WorkCalendar counts Monday–Friday and deadlines
running into it carry a warning. Entering (or importing) a year replaces that year's days as
a whole, and every open deadline is recounted at once.

CSV format: ``date,kind,name`` — ISO date; kind ``holiday``/``workday`` or 法定节假日/调休上班;
an optional header row; UTF-8 (with or without BOM) or GBK.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, extract, func, select

from ..db import Database
from ..errors import ValidationFailed
from ..models import Assignment, CalendarDay, Case
from ..models.enums import ACTIVE_ASSIGNMENT_STATES, DayKind
from .cases.deadlines import case_limits, recompute, sync_case_due
from .clock import WorkCalendar, published_year
from .security import Actor, Permission
from .unit_of_work import unit_of_work


@dataclass(frozen=True)
class DayEntry:
    day: date
    kind: DayKind
    name: str = ""


@dataclass(frozen=True)
class EnterResult:
    years: tuple[int, ...]
    days: int
    recomputed: int  # open assignments whose deadlines moved


def enter_days(db: Database, actor: Actor, entries: list[DayEntry]) -> EnterResult:
    """Replace the entered days of each year in `entries`; recount open deadlines. All or nothing."""
    problems = []
    seen: dict[date, int] = {}
    for row, entry in enumerate(entries, start=1):
        if published_year(entry.day.year):
            problems.append(f"第 {row} 行 {entry.day}:{entry.day.year} 年的安排已由国务院公布并已内置,无需录入")
        if entry.kind is DayKind.WORKDAY and entry.day.weekday() < 5:
            problems.append(f"第 {row} 行 {entry.day}:调休上班日应为周六或周日")
        if entry.day in seen:
            problems.append(f"第 {row} 行 {entry.day}:与第 {seen[entry.day]} 行日期重复")
        seen.setdefault(entry.day, row)
    if not entries:
        problems.append("没有任何日期")
    if problems:
        raise ValidationFailed("节假日安排有误,未作任何修改", problems)
    years = tuple(sorted({e.day.year for e in entries}))
    with unit_of_work(db, actor, "calendar.enter", target=",".join(map(str, years))) as uow:
        uow.require(Permission.MANAGE_CALENDAR, None)
        session = uow.session
        session.execute(delete(CalendarDay).where(extract("year", CalendarDay.day).in_(years)))
        session.add_all(CalendarDay(day=e.day, kind=e.kind, name=e.name[:40], entered_by=actor.display_name)
                        for e in entries)
        session.flush()
        moved = recompute_open_deadlines(session)
        uow.audit(f"录入 {'、'.join(map(str, years))} 年节假日安排 {len(entries)} 天,重算 {moved} 项未办结期限",
                  days=len(entries), recomputed=moved)
        uow.changed("cases", note="deadlines recomputed")
        return EnterResult(years, len(entries), moved)


def recompute_open_deadlines(session) -> int:
    """Recount every open assignment's deadlines with the calendar as it now stands."""
    calendar = WorkCalendar.load(session)
    moved = 0
    open_cases = select(Assignment.case_id).where(Assignment.state.in_(ACTIVE_ASSIGNMENT_STATES))
    for case in session.scalars(select(Case).where(Case.id.in_(open_cases))):
        limits = case_limits(session, case)
        for assignment in case.assignments:
            if assignment.state in ACTIVE_ASSIGNMENT_STATES:
                moved += recompute(session, assignment, calendar, limits)
        sync_case_due(case)
    return moved


def parse_csv(data: bytes) -> list[DayEntry]:
    """Read ``date,kind,name`` rows; every bad row is named, nothing is half-read."""
    for encoding in ("utf-8-sig", "gbk"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationFailed("文件编码无法识别:请存为 UTF-8 或 GBK 编码的 CSV")
    entries, problems = [], []
    for row_no, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if row_no == 1 and row[0].strip().lower() in ("date", "日期"):
            continue
        if len(row) < 2:
            problems.append(f"第 {row_no} 行:应有 date,kind,name 三列")
            continue
        try:
            day = date.fromisoformat(row[0].strip())
        except ValueError:
            problems.append(f"第 {row_no} 行 date:{row[0]!r} 不是 YYYY-MM-DD 格式的日期")
            continue
        try:
            kind = DayKind.from_label(row[1].strip())
        except ValueError:
            problems.append(f"第 {row_no} 行 kind:{row[1]!r} 应为 holiday/法定节假日 或 workday/调休上班")
            continue
        entries.append(DayEntry(day, kind, row[2].strip() if len(row) > 2 else ""))
    if problems:
        raise ValidationFailed("节假日文件有误,未导入任何内容", problems)
    return entries


def import_csv(db: Database, actor: Actor, path: str | Path) -> EnterResult:
    return enter_days(db, actor, parse_csv(Path(path).read_bytes()))


def list_days(db: Database, year: int) -> list[DayEntry]:
    with db.session() as session:
        rows = session.scalars(select(CalendarDay).where(extract("year", CalendarDay.day) == year)
                               .order_by(CalendarDay.day))
        return [DayEntry(r.day, r.kind, r.name) for r in rows]


def warning_for_open_deadlines(db: Database) -> str | None:
    """A warning while any open deadline runs into a year whose holidays nobody has entered."""
    with db.session() as session:
        first, last = session.execute(
            select(func.min(Assignment.dispatched_at), func.max(Assignment.due_at))
            .where(Assignment.state.in_(ACTIVE_ASSIGNMENT_STATES))).one()
        if first is None:
            return None
        calendar = WorkCalendar.load(session)
        calendar.warnings.update(y for y in range(first.year, last.year + 1) if not calendar.year_known(y))
        return calendar.warning_text()
