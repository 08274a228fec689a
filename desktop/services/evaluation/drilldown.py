"""Drill-down: the very rows behind a figure's numerator or denominator (Art. 23).

It selects with the same conditions the scores sum (see sources.py), so the rows returned
are exactly the ones counted.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ...db import Database
from ...errors import ValidationFailed
from ...models import EmergencyStep, utcnow
from .indicators import Grain, load_indicators
from .periods import Period, parse_period
from ..security import Actor
from .scores import evaluation_scope
from .sources import ON_HOLD, Level, counted


class Part(str, enum.Enum):
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"


@dataclass(frozen=True)
class CountedRow:
    """One unit of a figure: a case, an assignment, a callback, a report step or a staff member."""

    grain: Grain
    item_id: int
    case_id: int | None
    number: str | None  # case or report number; the grid's name for staff
    title: str  # case or report title (a report's with its rung: 续报报县(区):…); the person's name for staff
    due: datetime | None
    done: datetime | None
    in_numerator: bool


def drill_down(db: Database, actor: Actor, period: str | Period, level: Level | str, subject_id: int,
               indicator: str, part: Part | str = Part.DENOMINATOR, *, under: str | None = None,
               as_of: datetime | None = None, limit: int | None = None) -> list[CountedRow]:
    """Rows counted in `indicator`'s numerator or denominator for one subject.

    `indicator` may also be "on_hold" (the temporarily unresolvable cases reported apart).
    """
    period = parse_period(period) if isinstance(period, str) else period
    level, part = Level(level), Part(part)
    as_of = as_of or utcnow()
    with db.session() as session:
        scope, _chosen = evaluation_scope(session, actor, under, level)
        grains = {i.code: i.grain for i in load_indicators(session)} | {ON_HOLD: Grain.CASE}
        if indicator not in grains:
            raise ValidationFailed(f"未知的考核指标 {indicator!r}(可用:{'、'.join(grains)})", field="indicator")
        grain = grains[indicator]
        rows = counted(grain, level, period, as_of, scope)
        if rows is None:
            return []
        condition = rows.numerator(indicator) if part is Part.NUMERATOR else rows.denominator(indicator)
        stmt = (select(rows.item_id.label("item_id"), rows.case_id.label("case_id"), rows.number.label("number"),
                       rows.title.label("title"), rows.due.label("due"), rows.done.label("done"),
                       rows.numerator(indicator).label("in_numerator"))
                .select_from(rows.source).where(*rows.where, rows.key == subject_id, condition)
                .order_by(rows.due, rows.item_id).limit(limit))
        found = session.execute(stmt).all()
        rungs = {}
        if grain is Grain.EMERGENCY_STEP:  # a report's rows differ by rung: named, so that the late one is found
            ids = {row.item_id for row in found}
            rungs = {step_id: f"{kind.label}报{level.label}:" for step_id, kind, level in session.execute(
                select(EmergencyStep.id, EmergencyStep.kind, EmergencyStep.to_level).where(EmergencyStep.id.in_(ids)))}
        return [CountedRow(grain, item_id, case_id, number, rungs.get(item_id, "") + title, due, done, bool(num))
                for item_id, case_id, number, title, due, done, num in found]
