"""Case and report numbers: township code, year and a running number per township, year and series."""

from __future__ import annotations

import re

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import CaseNumberSequence, Place

CASE_SERIES = "case"
BULLETIN_SERIES = "bulletin"  # emergency bulletins 信息快报 (Art. 21)

# What `reserve_numbers` hands out for cases: the township's nine digits, the year, six digits.
CASE_NUMBER = re.compile(r"\d{9}-\d{4}-\d{6}")
CASE_NUMBER_EXAMPLE = "450503103-2026-000042"

_INSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def reserve_numbers(session: Session, township: Place, year: int, count: int = 1, *, series: str = CASE_SERIES,
                    prefix: str = "") -> list[str]:
    """Reserve `count` consecutive numbers like ``450503103-2026-000042`` in the township's `series`.

    The counter row is created if missing (ON CONFLICT DO NOTHING, so two desktops starting a
    year at once do not collide) and advanced by one UPDATE … RETURNING, which row-locks it on
    PostgreSQL until the caller's transaction ends: numbers are never handed out twice.
    """
    key = dict(township_id=township.id, year=year, series=series)
    insert = _INSERT[session.get_bind().dialect.name]
    session.execute(insert(CaseNumberSequence).values(**key, last_value=0).on_conflict_do_nothing())
    last = session.scalar(
        update(CaseNumberSequence).filter_by(**key)
        .values(last_value=CaseNumberSequence.last_value + count).returning(CaseNumberSequence.last_value)
    )
    first = last - count + 1
    return [f"{prefix}{township.code[:9]}-{year}-{n:06d}" for n in range(first, last + 1)]
