"""Months that are over, counted once per level and kept until a change touches them.

After a month is over its live figures move only when a row they count changes: a late
sign-for, a callback made, a case reopened, moved or merged. So the first evaluation that
counts such a month keeps its figures (per subject and township, like a settlement, but
not frozen and not audited), and later evaluations of any period holding it read them: a
year reads twelve kept months instead of counting a million rows.

Triggers on assignments, callbacks and cases (migration 0006) name in
`evaluation_changed_months` each month over a change touched; a month so named is counted
again on its next read. Keeping a month first takes the names it sees, then counts: a change
committed meanwhile is counted but leaves its name behind (counted again once more, never
missed). Only assignments, case rounds and callbacks are kept — emergency-report steps and
work logs are few and counted live, and the staff level is always counted live (settled.py).
A month is kept once the database's clock is past it by `MARGIN`, so that no change made
before its end is still uncommitted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ...db import Database
from ...models import EvaluationChangedMonth, EvaluationMonthCount, EvaluationMonthFigure, Place, utcnow
from ..exchange import bulk
from .counting import township_figures
from .indicators import DEFAULT_INDICATORS, Grain
from .periods import Period
from .settled import Sums, serves, townships_under
from .sources import Level, codes_by_grain

GRAINS = (Grain.ASSIGNMENT, Grain.CASE, Grain.CALLBACK)
MARGIN_MINUTES = 10
# Each kept indicator's (numerator, denominator) columns.
_COLUMNS = {code: (getattr(EvaluationMonthFigure, f"{code}_numerator"),
                   getattr(EvaluationMonthFigure, f"{code}_denominator"))
            for grain, codes in codes_by_grain(DEFAULT_INDICATORS).items() if grain in GRAINS for code in codes}

log = logging.getLogger(__name__)


def _past_month(session: Session) -> str:
    """The Beijing month the database's clock was in `MARGIN_MINUTES` ago (the triggers' clock)."""
    if session.get_bind().dialect.name == "postgresql":
        moment = func.to_char(func.timezone("Asia/Shanghai", func.now() - func.make_interval(
            0, 0, 0, 0, 0, MARGIN_MINUTES)), "YYYY-MM")
    else:
        moment = func.strftime("%Y-%m", "now", "+8 hours", f"-{MARGIN_MINUTES} minutes")
    return session.scalar(select(moment))


def keepable(session: Session, level: Level, scope: Place, months: list[Period], as_of: datetime) -> list[Period]:
    """The months among `months` whose kept figures may serve this evaluation: over (for the
    database and for `as_of`), at a level and scope that figures kept per township serve."""
    if level is Level.STAFF or not serves(scope) or not months:
        return []
    past = _past_month(session)
    return [m for m in months if m.code < past and m.end <= as_of]


def fresh(session: Session, level: Level, months: list[Period]) -> set[str]:
    """The codes of `months` kept for `level` and untouched since."""
    if not months:
        return set()
    codes = [m.code for m in months]
    changed = select(EvaluationChangedMonth.month).where(EvaluationChangedMonth.month.in_(codes))
    return set(session.scalars(
        select(EvaluationMonthCount.month).where(EvaluationMonthCount.subject_kind == level.value,
                                                 EvaluationMonthCount.month.in_(codes),
                                                 EvaluationMonthCount.month.not_in(changed))))


def kept_sums(session: Session, level: Level, scope: Place, codes_kept: set[str], codes: list[str]) -> Sums:
    """The kept numerators and denominators of `codes` (those kept), summed over the months `codes_kept`."""
    codes = [code for code in codes if code in _COLUMNS]
    if not codes_kept or not codes:
        return {}
    f = EvaluationMonthFigure
    columns = [func.sum(column) for code in codes for column in _COLUMNS[code]]
    stmt = (select(f.subject_id, *columns)
            .where(f.subject_kind == level.value, f.month.in_(sorted(codes_kept)), *townships_under(f.township_id, scope))
            .group_by(f.subject_id))
    return {row[0]: {code: (int(row[1 + 2 * i]), int(row[2 + 2 * i])) for i, code in enumerate(codes)}
            for row in session.connection().execute(stmt)}


def keep(db: Database, level: Level, months: list[Period], as_of: datetime,
         progress: Callable[[int, int, str], None] | None = None) -> list[str]:
    """Count each of `months` for `level` and keep the figures, one transaction per month;
    returns the months kept. A month another desktop is keeping at the same moment, or a
    database busy writing, is left to be counted live this time. `progress(done, total,
    month code)` hears of each month before it is counted."""
    done = []
    for number, month in enumerate(months):
        if progress is not None:
            progress(number, len(months), month.code)
        with db.session() as session:
            try:
                _keep_month(session, level, month, as_of)
                session.commit()
                done.append(month.code)
            except (IntegrityError, OperationalError) as exc:
                session.rollback()
                log.info("month %s not kept for %s now: %s", month.code, level.value, exc)
    return done


def _keep_month(session: Session, level: Level, month: Period, as_of: datetime) -> None:
    # The names first (see the module's note): deleting them is also this transaction's first write.
    named = session.execute(delete(EvaluationChangedMonth).where(EvaluationChangedMonth.month == month.code)).rowcount
    if named:  # every level kept for the month counted what has changed since
        session.execute(delete(EvaluationMonthFigure).where(EvaluationMonthFigure.month == month.code))
        session.execute(delete(EvaluationMonthCount).where(EvaluationMonthCount.month == month.code))
    elif session.get(EvaluationMonthCount, (month.code, level.value)) is not None:
        return  # kept meanwhile by another desktop
    per_subject: dict[tuple[int, int], dict[str, tuple[int, int]]] = {}
    for subject_id, township_id, code, numerator, denominator in township_figures(session, level, month, as_of, GRAINS):
        per_subject.setdefault((subject_id, township_id), {})[code] = (numerator, denominator)
    rows = [(month.code, level.value, subject_id, township_id,
             *(count for code in _COLUMNS for count in figures.get(code, (0, 0))))
            for (subject_id, township_id), figures in per_subject.items()]
    columns = ("month", "subject_kind", "subject_id", "township_id",
               *(column.key for pair in _COLUMNS.values() for column in pair))
    bulk.insert_rows(session, EvaluationMonthFigure.__table__, columns, rows)
    session.add(EvaluationMonthCount(month=month.code, subject_kind=level.value, counted_at=utcnow()))
