"""The indicator catalogue, configurable weights, and the maths of rates, composites and ranks.

Defaults follow SPEC §11: response rate = assignments signed within the limit ÷ assignments
due; on-time completion rate = cases closed within the limit ÷ cases closed (a case still
open past its deadline counts as closed late: it can no longer be on time); resolution rate
= called-back cases the requester calls solved ÷ called-back cases; satisfaction rate =
(满意 + 基本满意) ÷ rated callbacks; composite = 30 % response + 35 % resolution + 35 %
satisfaction. Callback completion, emergency-report timeliness (Art. 21) and work-log
activity (Art. 10) are shown with weight 0 until an admin weighs them in.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db import Database
from ...errors import ValidationFailed
from ...models import EvaluationIndicator
from ...models.places import CITY_CODE, CITY_NAME
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work


class Grain(str, enum.Enum):
    """What one unit of an indicator's numerator and denominator is."""

    ASSIGNMENT = "assignment"
    CASE = "case"
    CALLBACK = "callback"
    EMERGENCY_STEP = "emergency_step"
    STAFF = "staff"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    grain: Grain
    weight: float
    description: str
    enabled: bool = True


DEFAULT_INDICATORS: tuple[Indicator, ...] = (
    Indicator("response", "响应率", Grain.ASSIGNMENT, 0.30, "限时内签收的派遣 ÷ 签收期限已到的派遣"),
    Indicator("on_time", "按期办结率", Grain.CASE, 0.0, "期限内办结的诉求 ÷ 已办结或已超期的诉求"),
    Indicator("resolution", "解决率", Grain.CASE, 0.35, "回访中诉求人认为已解决的诉求 ÷ 已回访的诉求"),
    Indicator("satisfaction", "满意率", Grain.CASE, 0.35, "(满意 + 基本满意) ÷ 有满意度评价的回访"),
    Indicator("callback", "回访按时完成率", Grain.CALLBACK, 0.0,
              "按时完成的回访 ÷ 到期的回访(未联系上后的再次回访与首次合计一次;满规定次数仍未联系上的,按无法联系完成)"),
    Indicator("emergency", "紧急信息报送及时率", Grain.EMERGENCY_STEP, 0.0,
              "按时完成的报送环节 ÷ 到期的报送环节(续报逾期未报的,其间每轮到期的续报各计一次;第二十一条)"),
    Indicator("work_log", "工作日志活跃率", Grain.STAFF, 0.0, "考核期内记有工作日志的网格工作人员 ÷ 在岗网格工作人员(第十条)"),
)
INDICATOR_CODES = tuple(i.code for i in DEFAULT_INDICATORS)
_DEFAULTS = {i.code: i for i in DEFAULT_INDICATORS}


def load_indicators(session: Session) -> list[Indicator]:
    """The catalogue with the weights and switches an admin saved (defaults where none)."""
    saved = {row.code: row for row in session.scalars(select(EvaluationIndicator))}
    result = []
    for indicator in DEFAULT_INDICATORS:
        row = saved.get(indicator.code)
        if row is not None:
            indicator = replace(indicator, name=row.name, weight=row.weight, enabled=row.enabled)
        result.append(indicator)
    return result


def configure_indicators(db: Database, actor: Actor, weights: dict[str, float],
                         enabled: dict[str, bool] | None = None) -> list[Indicator]:
    """Save indicator weights (and on/off switches); all or nothing.

    Every weight is a fraction in [0, 1] and the weights of enabled indicators add up to 1,
    so that a composite stays on a 0–100 scale and periods remain comparable (Art. 23). The
    evaluation system is the city institution's to set (Art. 5(2)), so a city-wide grant is needed.
    """
    enabled = enabled or {}
    problems = [f"指标 {code!r}:未知指标(可用:{'、'.join(INDICATOR_CODES)})"
                for code in {*weights, *enabled} if code not in _DEFAULTS]
    problems += [f"指标 {code}:权重 {w} 应在 0 到 1 之间" for code, w in weights.items()
                 if code in _DEFAULTS and not 0 <= w <= 1]
    with unit_of_work(db, actor, "evaluation.configure_indicators") as uow:
        uow.require(Permission.EVALUATE, CITY_CODE, CITY_NAME)
        current = {i.code: i for i in load_indicators(uow.session)}
        merged = {code: replace(ind, weight=weights.get(code, ind.weight), enabled=enabled.get(code, ind.enabled))
                  for code, ind in current.items()}
        total = sum(i.weight for i in merged.values() if i.enabled)
        if not problems and abs(total - 1.0) > 1e-6:
            problems.append(f"启用指标的权重合计为 {total:.4f},应为 1")
        if problems:
            raise ValidationFailed("指标权重未保存:", problems)
        rows = {row.code: row for row in uow.session.scalars(select(EvaluationIndicator))}
        for order, ind in enumerate(merged.values()):
            row = rows.get(ind.code) or EvaluationIndicator(code=ind.code, name=ind.name, sort_order=order,
                                                            description=ind.description)
            row.weight, row.enabled = ind.weight, ind.enabled
            uow.session.add(row)
        uow.audit("修改考核指标权重", weights={c: i.weight for c, i in merged.items()},
                  enabled={c: i.enabled for c, i in merged.items()})
        uow.changed("evaluation")
        return list(merged.values())


def rate(numerator: int, denominator: int) -> float | None:
    """A fraction, or None when nothing was due (shown as "—", never as 0)."""
    return numerator / denominator if denominator else None


def composite(rates: dict[str, float | None], indicators: list[Indicator]) -> float | None:
    """Weighted score on 0–100 over the indicators that have a rate.

    An indicator with nothing due for a subject leaves its weight out rather than scoring 0:
    a grid without emergencies is not punished for them. None when no weighted rate exists.
    """
    weighted = [(i.weight, rates[i.code]) for i in indicators
                if i.enabled and i.weight > 0 and rates.get(i.code) is not None]
    total = sum(w for w, _ in weighted)
    if not total:
        return None
    return 100 * sum(w * r for w, r in weighted) / total


def competition_ranks(scores: list[float | None]) -> list[int | None]:
    """Ranks "1, 2, 2, 4" by descending score; subjects without a score get no rank."""
    # Rounded so that equal scores reached by different float sums tie.
    rounded = [round(s, 6) if s is not None else None for s in scores]
    first: dict[float, int] = {}
    for position, score in enumerate(sorted((s for s in rounded if s is not None), reverse=True), start=1):
        first.setdefault(score, position)
    return [first[s] if s is not None else None for s in rounded]
