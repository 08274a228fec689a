"""Counting the rows of a period in the database: one GROUP BY per grain (sources.py), never ORM objects."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ...models import Place
from ...models.enums import PlaceLevel
from .indicators import DEFAULT_INDICATORS, Grain
from .periods import Period
from .sources import Counted, Level, codes_by_grain, counted


def _sum(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def aggregate(session: Session, rows: Counted, codes: list[str], *, by_township: bool = False) -> dict:
    """{subject id: {indicator code: (numerator, denominator)}} in one GROUP BY; keyed by
    (subject id, township id) with `by_township` (what a settlement keeps)."""
    columns = []
    for code in codes:
        columns += [_sum(rows.numerator(code)), _sum(rows.denominator(code))]
    keys = (rows.key, rows.township) if by_township else (rows.key,)
    stmt = (select(*keys, *columns).select_from(rows.source)
            .where(*rows.where, rows.key.is_not(None)).group_by(*keys))
    width = len(keys)
    result: dict = {}
    # Pairs zipped in C: a grid level's thousands of subjects made this loop a tenth of the time.
    for row in session.connection().execute(stmt):
        result[tuple(row[:2]) if by_township else row[0]] = dict(zip(codes, zip(row[width::2], row[width + 1::2])))
    return result


def township_figures(session: Session, level: Level, period: Period, as_of: datetime,
                     grains: Collection[Grain] = tuple(Grain)) -> list[tuple[int, int, str, int, int]]:
    """Every indicator's figures of `grains` for the whole city, per subject and township — what a
    settled or kept month holds: (subject id, township id, code, numerator, denominator), nothing due left out."""
    city = session.scalar(select(Place).where(Place.level == PlaceLevel.CITY))
    rows = []
    for grain, codes in codes_by_grain(DEFAULT_INDICATORS).items():
        counted_rows = counted(grain, level, period, as_of, city) if grain in grains else None
        if counted_rows is None:
            continue
        for (subject_id, township_id), figures in aggregate(session, counted_rows, codes, by_township=True).items():
            rows += [(subject_id, township_id, code, numerator, denominator)
                     for code, (numerator, denominator) in figures.items() if denominator]
    return rows
