"""Evaluation indicators with the SPEC §11 weights and the monthly periods of the demo history."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ...models import EvaluationIndicator, EvaluationPeriod
from ..evaluation.indicators import DEFAULT_INDICATORS
from ..evaluation.periods import period_of
from .context import DemoContext


def add_evaluation(ctx: DemoContext) -> None:
    """Indicator rows and month periods that are not there yet (shared by all townships)."""
    session = ctx.session
    have = set(session.scalars(select(EvaluationIndicator.code)))
    session.add_all(
        EvaluationIndicator(code=i.code, name=i.name, weight=i.weight, enabled=i.enabled, sort_order=n,
                            description=i.description)
        for n, i in enumerate(DEFAULT_INDICATORS) if i.code not in have
    )
    months, day = {}, ctx.start
    while day <= ctx.now:
        period = period_of(day)
        months[period.code] = period
        day += timedelta(days=27)
    months[period_of(ctx.now).code] = period_of(ctx.now)
    have = set(session.scalars(select(EvaluationPeriod.code)))
    session.add_all(
        EvaluationPeriod(code=p.code, kind=p.kind, starts_on=p.starts_on, ends_on=p.ends_on,
                         closed=p.ends_on < ctx.now.date() - timedelta(days=10))
        for code, p in sorted(months.items()) if code not in have
    )
    session.flush()
