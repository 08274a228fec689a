"""Settling a month (结算): its figures frozen for every subject, so that they stop moving.

After a month is over, callbacks and late reports still change its live figures. An
assessment (Art. 23) is made on settled figures: `settle` counts the month as of that
moment — every indicator, enabled or not, for every level, per township — and keeps the
result in `evaluation_scores`; evaluations of that month, and of the quarters and years
holding it, read them from then on (settled.py). A settlement found wrong is reopened with a
reason and settled again. Both are the city institution's to do (Art. 5(2)), and both are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from ...db import Database
from ...errors import InvalidTransition, ValidationFailed
from ...models import EvaluationPeriod, EvaluationScore, utcnow
from ...models.enums import PeriodKind
from ...models.places import CITY_CODE, CITY_NAME
from ..clock import BEIJING
from ..exchange import bulk
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .indicators import rate
from .periods import Period, parse_period
from . import kept
from .counting import township_figures
from .sources import Level

_COLUMNS = ("period_id", "subject_kind", "subject_id", "township_id", "indicator_code", "numerator",
            "denominator", "value", "computed_at")


@dataclass(frozen=True)
class Settlement:
    code: str
    label: str
    settled: bool
    closed_at: datetime | None
    closed_by: str | None
    rows: int  # figures kept


def _month(code: str | Period) -> Period:
    period = parse_period(code) if isinstance(code, str) else code
    if period.kind is not PeriodKind.MONTH:
        raise ValidationFailed(f"考核期 {period.code} 不能结算:按月结算,季度和年度由已结算的月份汇总", field="period")
    return period


def _figures(session, period: Period, as_of: datetime, period_id: int) -> list[tuple]:
    """Every level's figures of the month, per subject and township, as rows of evaluation_scores."""
    now = bulk.stamp_for(session)(as_of)
    return [(period_id, level.value, subject_id, township_id, code, numerator, denominator,
             rate(numerator, denominator), now)
            for level in Level
            for subject_id, township_id, code, numerator, denominator
            in township_figures(session, level, period, as_of)]


def _record(session, period: Period) -> EvaluationPeriod:
    record = session.scalar(select(EvaluationPeriod).where(EvaluationPeriod.code == period.code))
    if record is None:
        record = EvaluationPeriod(code=period.code, kind=period.kind, starts_on=period.starts_on,
                                  ends_on=period.ends_on)
        session.add(record)
        session.flush()
    return record


def settle(db: Database, actor: Actor, period: str | Period, *, as_of: datetime | None = None) -> Settlement:
    """Freeze a month's figures (as of now). Refused before the month is over and when already settled."""
    period = _month(period)
    as_of = as_of or utcnow()
    with unit_of_work(db, actor, "evaluation.settle", target=period.code) as uow:
        uow.require(Permission.EVALUATE, CITY_CODE, CITY_NAME)
        if period.end > as_of:
            raise InvalidTransition(f"{period.label}尚未结束(至 {period.ends_on:%Y-%m-%d}),结束后才能结算")
        session = uow.session
        record = _record(session, period)
        if record.closed:
            raise InvalidTransition(f"{period.label}已于 {record.closed_at.astimezone(BEIJING):%Y-%m-%d %H:%M} "
                                    f"由{record.closed_by}结算;如需更正,请先撤销结算")
        kept.forget_month(session, period.code, even_unchanged=True)
        rows = _figures(session, period, as_of, record.id)
        bulk.insert_rows(session, EvaluationScore.__table__, _COLUMNS, rows)
        record.closed, record.closed_at, record.closed_by = True, as_of, actor.display_name
        uow.audit(f"结算{period.label}考核数据({len(rows)} 项)", period=period.code, rows=len(rows))
        uow.changed("evaluation")
        return Settlement(period.code, period.label, True, as_of, actor.display_name, len(rows))


def reopen(db: Database, actor: Actor, period: str | Period, reason: str) -> Settlement:
    """Undo a settlement (its figures are dropped; the month is counted live until settled again)."""
    period = _month(period)
    if not reason or not reason.strip():
        raise ValidationFailed("撤销结算须说明理由", field="reason")
    with unit_of_work(db, actor, "evaluation.reopen", target=period.code) as uow:
        uow.require(Permission.EVALUATE, CITY_CODE, CITY_NAME)
        session = uow.session
        record = session.scalar(select(EvaluationPeriod).where(EvaluationPeriod.code == period.code))
        if record is None or not record.closed:
            raise InvalidTransition(f"{period.label}尚未结算,无需撤销")
        dropped = session.execute(delete(EvaluationScore).where(EvaluationScore.period_id == record.id)).rowcount
        settled_at, settled_by = record.closed_at, record.closed_by
        record.closed, record.closed_at, record.closed_by = False, None, None
        uow.audit(f"撤销{period.label}考核结算:{reason.strip()}", period=period.code, reason=reason.strip(),
                  settled_at=settled_at.isoformat(), settled_by=settled_by, rows=dropped)
        uow.changed("evaluation")
        return Settlement(period.code, period.label, False, None, None, 0)


def list_settlements(db: Database) -> list[Settlement]:
    """Every month ever settled or reopened, newest first."""
    with db.session() as session:
        counts = dict(session.execute(select(EvaluationScore.period_id, func.count())
                                      .group_by(EvaluationScore.period_id)).all())
        records = session.scalars(select(EvaluationPeriod).where(EvaluationPeriod.kind == PeriodKind.MONTH)
                                  .order_by(EvaluationPeriod.starts_on.desc()))
        return [Settlement(r.code, parse_period(r.code).label, r.closed, r.closed_at, r.closed_by, counts.get(r.id, 0))
                for r in records]
