"""Reading settled months: the figures frozen when a month was settled (结算), per township.

A row counts in the period of its deadline (sources.py), so a quarter's or a year's
numerators and denominators are the sums of its months': the settled months are read from
`evaluation_scores`, the others kept (kept.py) or counted live. The staff level (a staff
member answers for the grids served at any time in the period) and work-log activity (one
row per staff member and grid for the whole period) do not add up over months; they are
counted live for any period but a single settled month.

Settled figures are kept per township, so they serve a scope of a township or larger; a
village or grid scope is always counted live.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import EvaluationPeriod, EvaluationScore, Place
from ...models.enums import PeriodKind, PlaceLevel
from .periods import Period, parse_period
from .sources import Level

Sums = dict[int, dict[str, tuple[int, int]]]  # subject id → indicator code → (numerator, denominator)


@dataclass(frozen=True)
class SettledMonth:
    period_id: int
    code: str
    closed_at: datetime
    closed_by: str


def months_of(period: Period) -> list[Period]:
    """The calendar months of a period, in order."""
    months, day = [], period.starts_on
    while day <= period.ends_on:
        months.append(parse_period(f"{day.year}-{day.month:02d}"))
        day = months[-1].ends_on + timedelta(days=1)
    return months


def spans(months: list[Period]) -> list[Period]:
    """Runs of consecutive months as one period each (one live query per run, not per month)."""
    runs: list[list[Period]] = []
    for month in months:
        if runs and runs[-1][-1].ends_on + timedelta(days=1) == month.starts_on:
            runs[-1].append(month)
        else:
            runs.append([month])
    return [Period(f"{run[0].code}…{run[-1].code}" if len(run) > 1 else run[0].code, PeriodKind.MONTH,
                   run[0].starts_on, run[-1].ends_on) for run in runs]


def serves(scope: Place) -> bool:
    """Settled figures are kept per township: they serve a township, county or the city."""
    return scope.level in (PlaceLevel.CITY, PlaceLevel.COUNTY, PlaceLevel.TOWNSHIP)


def settled_months(session: Session, period: Period) -> list[SettledMonth]:
    """The settled months inside a period, in order."""
    rows = session.execute(
        select(EvaluationPeriod.id, EvaluationPeriod.code, EvaluationPeriod.closed_at, EvaluationPeriod.closed_by)
        .where(EvaluationPeriod.kind == PeriodKind.MONTH, EvaluationPeriod.closed,
               EvaluationPeriod.starts_on >= period.starts_on, EvaluationPeriod.ends_on <= period.ends_on)
        .order_by(EvaluationPeriod.starts_on))
    return [SettledMonth(*row) for row in rows]


def townships_under(column, scope: Place) -> tuple:
    """The condition that `column` names a township in the scope (none for the city)."""
    if scope.level is PlaceLevel.CITY:
        return ()
    prefix = scope.code[: scope.level.code_prefix_length]
    return (column.in_(select(Place.id).where(Place.level == PlaceLevel.TOWNSHIP, Place.code.startswith(prefix))),)


def settled_sums(session: Session, level: Level, scope: Place, months: list[SettledMonth],
                 codes: list[str]) -> Sums:
    """The settled numerators and denominators of `codes`, summed over `months` and the scope's townships."""
    if not months or not codes:
        return {}
    s = EvaluationScore
    # Grouped in the order of ix_evaluation_scores_read, which then needs no sorting.
    stmt = (select(s.subject_id, s.indicator_code, func.sum(s.numerator), func.sum(s.denominator))
            .where(s.subject_kind == level.value, s.indicator_code.in_(codes),
                   s.period_id.in_([m.period_id for m in months]), *townships_under(s.township_id, scope))
            .group_by(s.indicator_code, s.subject_id))
    sums: Sums = {}
    for subject_id, code, numerator, denominator in session.connection().execute(stmt):
        sums.setdefault(subject_id, {})[code] = (int(numerator), int(denominator))
    return sums


def add_sums(total: Sums, more: Sums) -> None:
    """Add `more` into `total`, indicator by indicator."""
    for subject_id, figures in more.items():
        mine = total.get(subject_id)
        if mine is None:
            total[subject_id] = dict(figures)
            continue
        for code, pair in figures.items():
            got = mine.get(code)
            mine[code] = pair if got is None else (got[0] + pair[0], got[1] + pair[1])
