"""Months that are over, counted once per level and kept until a change touches them.

After a month is over its live figures move only when a row they count changes: a late
sign-for, a callback made, a case reopened, moved or merged. So the first evaluation that
counts such a month keeps its figures (per subject and township, like a settlement, but
not frozen and not audited), and later evaluations of any period holding it read them: a
year reads twelve kept months instead of counting a million rows.

Triggers on assignments, callbacks and cases (migrations 0006, 0017) name in
`evaluation_changed_months` each month over a change touched — the months of its deadlines,
one at 24:00 of a month's last day among them; a month so named is counted again on its next
read. Keeping a month first takes the names it sees, then counts: a change committed meanwhile
is counted but leaves its name behind (counted again once more, never missed). Keepers of one
month take turns (SQLite's one writer; a transaction-scoped advisory lock on PostgreSQL), so that
one never drops or outlives another's figures half-way. A reader learns which months are kept
and sums their figures in one statement, one snapshot.

Only assignments, case rounds and callbacks are kept — emergency-report steps and work logs
are few and counted live (a follow-up owed counts more missed rounds as they fall due, with no row
changing), and the staff level is always counted live (settled.py). A month is
kept once the database's clock is `MARGIN_MINUTES` past it: a change made before its end by a
transaction still open after that would go unnamed. Units of work last milliseconds; on
PostgreSQL, where a desk's transaction may still be open at the keeping, a month is not kept
either while any transaction begun before its end is open (SQLite's one writer holds the
keeper off meanwhile, and the month is counted live).

The triggers see rows change, not the rules that count them: a change to what an indicator counts
(sources.py) comes with a migration that names the kept months it changes (as 0016 did when a
callback round began to count once), and settled months keep the figures they were settled with.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import column, delete, func, literal, null, select, table, union_all
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ... import migrate
from ...db import Database
from ...errors import DatabaseUnavailable, PermissionDenied
from ...models import EvaluationChangedMonth, EvaluationMonthCount, EvaluationMonthFigure, Place, utcnow
from ...models.enums import PlaceLevel
from ..exchange import bulk
from ..security import Actor, Permission
from .counting import township_figures
from .indicators import DEFAULT_INDICATORS, Grain
from .periods import Period, parse_period
from .settled import Sums, months_of, serves, settled_months, townships_under
from .sources import Level, codes_by_grain

GRAINS = (Grain.ASSIGNMENT, Grain.CASE, Grain.CALLBACK)
MARGIN_MINUTES = 10
# Each kept indicator's (numerator, denominator) columns.
_COLUMNS = {code: (getattr(EvaluationMonthFigure, f"{code}_numerator"),
                   getattr(EvaluationMonthFigure, f"{code}_denominator"))
            for grain, codes in codes_by_grain(DEFAULT_INDICATORS).items() if grain in GRAINS for code in codes}

log = logging.getLogger(__name__)


# The other sessions of this database (PostgreSQL's view of them; xact_start is when each one's
# open transaction began, NULL when none is open).
_SESSIONS = table("pg_stat_activity", column("datname"), column("pid"), column("backend_type"), column("xact_start"))


def _past_month(session: Session) -> str:
    """The Beijing month the database's clock was in `MARGIN_MINUTES` ago (the triggers' clock);
    on PostgreSQL no later than the month in which the oldest transaction still open began.

    A PostgreSQL role sees when another role's transactions began only with pg_read_all_stats or as a
    member of that role: the desks that share one database connect as one role, the one
    `griddesk-admin db grant-desks` granted, and so do the admin commands but `init`, whose upgrade
    the keeping waits for (migrate.held_revision).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_stat_clear_snapshot()))  # the view is read once per transaction otherwise
        oldest_open = (select(func.min(_SESSIONS.c.xact_start))
                       .where(_SESSIONS.c.datname == func.current_database(), _SESSIONS.c.pid != func.pg_backend_pid(),
                              _SESSIONS.c.backend_type == "client backend")
                       .scalar_subquery())
        clock = func.clock_timestamp() - func.make_interval(0, 0, 0, 0, 0, MARGIN_MINUTES)
        moment = func.to_char(func.timezone("Asia/Shanghai", func.least(clock, oldest_open)), "YYYY-MM")
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


def _fresh(level: Level, codes: list[str]):
    """The months among `codes` kept for `level` and not named since, as a subquery."""
    changed = select(EvaluationChangedMonth.month).where(EvaluationChangedMonth.month.in_(codes))
    return select(EvaluationMonthCount.month).where(EvaluationMonthCount.subject_kind == level.value,
                                                    EvaluationMonthCount.month.in_(codes),
                                                    EvaluationMonthCount.month.not_in(changed))


def unkept(session: Session, level: Level, scope: Place, period: Period, as_of: datetime) -> list[Period]:
    """The months of `period` that may be kept for this evaluation (keepable, not settled) and are
    not kept for `level`, or were touched since."""
    settled = {m.code for m in settled_months(session, period)}
    candidates = keepable(session, level, scope, [m for m in months_of(period) if m.code not in settled], as_of)
    fresh = set(session.scalars(_fresh(level, [m.code for m in candidates]))) if candidates else set()
    return [m for m in candidates if m.code not in fresh]


def read(session: Session, level: Level, scope: Place, months: list[Period], codes: list[str]) -> tuple[set[str], Sums]:
    """Which of `months` are kept and fresh, and the sums of `codes` (those kept) over them.

    One statement (the fresh months, then the sums of their figures), so that a month another
    desktop drops meanwhile is either read whole or left to be counted live, never half.
    """
    codes = [code for code in codes if code in _COLUMNS]
    if not months or not codes:
        return set(), {}
    fresh_months = _fresh(level, [m.code for m in months])
    f = EvaluationMonthFigure
    sums = (select(f.subject_id, null().label("month"), *(func.sum(c) for code in codes for c in _COLUMNS[code]))
            .where(f.subject_kind == level.value, f.month.in_(fresh_months), *townships_under(f.township_id, scope))
            .group_by(f.subject_id))
    listed = select(null(), fresh_months.subquery().c.month, *(literal(0) for _ in range(2 * len(codes))))
    kept_months, kept_sums = set(), {}
    for row in session.connection().execute(union_all(listed, sums)):
        if row[1] is not None:
            kept_months.add(row[1])
        else:
            kept_sums[row[0]] = dict(zip(codes, zip(row[2::2], row[3::2])))
    return kept_months, kept_sums


def keep(db: Database, level: Level, months: list[Period], as_of: datetime,
         progress: Callable[[int, int, str], None] | None = None) -> None:
    """Count each of `months` for `level` and keep the figures, one transaction per month.

    A month the database cannot keep now (busy writing, or kept by another desktop at the
    same moment) is left to be counted live this time. `progress(done, total, month code)`
    hears of each month before it is counted.

    Nothing is kept on a database a newer GridDesk has upgraded since the desk started: figures counted
    by this version's rules would be read there as final by the newer desks.
    """
    busy = (IntegrityError, OperationalError, db.engine.dialect.dbapi.IntegrityError,
            db.engine.dialect.dbapi.OperationalError)
    for number, month in enumerate(months):
        if progress is not None:
            progress(number, len(months), month.code)
        with db.session() as session:
            try:
                with migrate.writing_with_this_schema(session):
                    _keep_month(session, level, month, as_of)
                session.commit()
            except busy as exc:
                session.rollback()
                log.info("month %s not kept for %s now: %s", month.code, level.value, exc)
            except DatabaseUnavailable as exc:
                session.rollback()
                log.warning("months not kept for %s: %s", level.value, exc.message)
                return


def prepare(db: Database, actor: Actor, years: list[int], *, as_of: datetime | None = None,
            progress: Callable[[int, int, str], None] | None = None) -> list[str]:
    """Keep, at every level an evaluation keeps, each month over of `years` that is not kept yet
    or was touched since — what a night or the first day of a month may do ahead of the
    evaluations, so that none of them waits. Needs Permission.EVALUATE (any scope: kept
    figures are read only through an evaluation of the reader's own scope). `progress(done, total,
    "level month")` hears of each month before it is counted, and of the end. Returns "level month"
    for each month counted."""
    if not actor.can(Permission.EVALUATE):
        raise PermissionDenied(f"用户“{actor.display_name}”没有综合评价的权限", article="Art. 15")
    as_of = as_of or utcnow()
    with db.session() as session:
        city = session.scalar(select(Place).where(Place.level == PlaceLevel.CITY))
        periods = [parse_period(str(year)) for year in sorted(set(years))]
        todo = [(level, month) for level in (Level.TOWNSHIP, Level.DEPARTMENT, Level.GRID) for period in periods
                for month in unkept(session, level, city, period, as_of)]
    counted = [f"{level.value} {month.code}" for level, month in todo]
    for number, (level, month) in enumerate(todo):
        if progress is not None:
            progress(number, len(todo), counted[number])
        keep(db, level, [month], as_of)
    if progress is not None and todo:
        progress(len(todo), len(todo), "")
    return counted


def _keep_month(session: Session, level: Level, month: Period, as_of: datetime) -> None:
    if session.get_bind().dialect.name == "postgresql":  # keepers of a month take turns (SQLite: the DELETE below)
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"griddesk.evaluation.{month.code}"))))
    # The names first (see the module's note): taking them is also this transaction's first write.
    named = forget_month(session, month.code)
    if not named and session.get(EvaluationMonthCount, (month.code, level.value)) is not None:
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


def forget_month(session: Session, code: str, *, even_unchanged: bool = False) -> bool:
    """Take the month's names and, if there were any (or `even_unchanged`), every level's kept
    figures of it; returns whether the month was named.

    Settling a month forgets it even unchanged: a settled month is read from its settlement,
    and once reopened it is counted afresh.
    """
    named = session.execute(delete(EvaluationChangedMonth).where(EvaluationChangedMonth.month == code)).rowcount
    if named or even_unchanged:
        session.execute(delete(EvaluationMonthFigure).where(EvaluationMonthFigure.month == code))
        session.execute(delete(EvaluationMonthCount).where(EvaluationMonthCount.month == code))
    return bool(named)
