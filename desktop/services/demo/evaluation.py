"""Evaluation indicators with the SPEC §11 weights (months are settled by an admin, not by the demo)."""

from __future__ import annotations

from sqlalchemy import select

from ...models import EvaluationIndicator
from ..evaluation.indicators import DEFAULT_INDICATORS
from .context import DemoContext


def add_evaluation(ctx: DemoContext) -> None:
    """Indicator rows that are not there yet (shared by all townships)."""
    session = ctx.session
    have = set(session.scalars(select(EvaluationIndicator.code)))
    session.add_all(
        EvaluationIndicator(code=i.code, name=i.name, weight=i.weight, enabled=i.enabled, sort_order=n,
                            description=i.description)
        for n, i in enumerate(DEFAULT_INDICATORS) if i.code not in have
    )
    session.flush()
