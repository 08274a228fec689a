"""Evaluation periods: a month "2026-10", a quarter "2026-Q4" or a year "2026" (Beijing time)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ...errors import ValidationFailed
from ...models.enums import PeriodKind
from ...said import Message
from ..clock import BEIJING, end_of_day

_PATTERN = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])))?$")
_QUARTER_NAMES = "一二三四"


@dataclass(frozen=True)
class Period:
    code: str
    kind: PeriodKind
    starts_on: date
    ends_on: date  # inclusive

    @property
    def start(self) -> datetime:
        """00:00 Beijing time of the first day (aware)."""
        return datetime.combine(self.starts_on, time(0), BEIJING)

    @property
    def end(self) -> datetime:
        """00:00 Beijing time of the day after the last day: the period is [start, end)."""
        return end_of_day(self.ends_on)

    @property
    def label(self) -> str:
        year = self.starts_on.year
        if self.kind is PeriodKind.MONTH:
            return f"{year}年{self.starts_on.month}月"
        if self.kind is PeriodKind.QUARTER:
            return f"{year}年第{_QUARTER_NAMES[(self.starts_on.month - 1) // 3]}季度"
        return f"{year}年度"


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


_UNREADABLE = Message("考核期 {code!r} 无效:应写作 2026-10(月)、2026-Q4(季度)或 2026(年度)")
_NO_SUCH_MONTH = Message("考核期 {code!r} 的月份应为 1–12")


def parse_period(code: str) -> Period:
    """"2026-10" (month), "2026-Q4" (quarter) or "2026" (year); anything else is refused."""
    match = _PATTERN.match(code.strip())
    if not match or not 2000 <= int(match.group(1)) <= 2999:
        raise ValidationFailed(_UNREADABLE(code=code), field="period")
    year = int(match.group(1))
    month, quarter = match.group(2), match.group(3)
    if month is not None:
        month = int(month)
        if not 1 <= month <= 12:
            raise ValidationFailed(_NO_SUCH_MONTH(code=code), field="period")
        return Period(f"{year}-{month:02d}", PeriodKind.MONTH, date(year, month, 1), _month_end(year, month))
    if quarter is not None:
        q = int(quarter)
        return Period(f"{year}-Q{q}", PeriodKind.QUARTER, date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
    return Period(str(year), PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))


def period_of(moment: datetime, kind: PeriodKind = PeriodKind.MONTH) -> Period:
    """The period of a kind that holds a moment (in Beijing time)."""
    day = moment.astimezone(BEIJING).date()
    if kind is PeriodKind.MONTH:
        return parse_period(f"{day.year}-{day.month:02d}")
    if kind is PeriodKind.QUARTER:
        return parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
    return parse_period(str(day.year))
