"""Case and report numbers: township code, year and a running number per township and year."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CaseNumberSequence, Place


def reserve_numbers(session: Session, township: Place, year: int, count: int = 1, *, prefix: str = "") -> list[str]:
    """Reserve `count` consecutive numbers like ``450503103-2026-000042`` (row-locked on PostgreSQL)."""
    seq = session.scalar(
        select(CaseNumberSequence)
        .where(CaseNumberSequence.township_id == township.id, CaseNumberSequence.year == year)
        .with_for_update()
    )
    if seq is None:
        seq = CaseNumberSequence(township_id=township.id, year=year, last_value=0)
        session.add(seq)
    first = seq.last_value + 1
    seq.last_value += count
    session.flush()
    return [f"{prefix}{township.code[:9]}-{year}-{n:06d}" for n in range(first, first + count)]
