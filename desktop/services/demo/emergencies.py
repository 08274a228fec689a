"""Three made-up Art. 21 emergency reports with their reporting ladders (SPEC §11 clocks):
one just learned of and not yet acknowledged (it takes over the wall display), one open for
two days with its follow-ups, one handled and closed with its final report."""

from __future__ import annotations

from datetime import datetime, timedelta

from ...models import EmergencyReport, EmergencyStep
from ...models.enums import (
    EmergencyLevel,
    EmergencyState,
    EmergencyStepKind,
    EmergencyType,
    GridKind,
    SeaCategory,
)
from ..clock import BEIJING
from ..emergencies import NUMBER_PREFIX, LadderRule
from ..numbering import BULLETIN_SERIES, reserve_numbers
from .context import DemoContext
from .grids import DemoGrid

K = EmergencyStepKind


def _grid(grids: list[DemoGrid], kind: GridKind, sea: SeaCategory | None = None) -> DemoGrid:
    return next(g for g in grids if g.kind is kind and g.polygon is not None and (sea is None or g.grid.sea_category is sea))


def _steps(ctx: DemoContext, rule: LadderRule, learned: datetime, done: dict[K, list[float]],
           follow_ups: int, handled: datetime | None, final_done: float | None) -> list[EmergencyStep]:
    """Rungs owed to each level; `done` gives hours after learning when each rung was made."""
    steps = []
    for to_level in rule.report_to:
        first = [(K.PHONE_FIRST, learned + timedelta(minutes=rule.phone_first_minutes)),
                 (K.WRITTEN_FIRST, learned + timedelta(minutes=rule.written_first_minutes))]
        index = rule.report_to.index(to_level)
        for kind, due in first:
            made = done.get(kind, [])
            at = learned + timedelta(hours=made[index]) if index < len(made) else None
            steps.append(EmergencyStep(kind=kind, to_level=to_level, due_at=due, done_at=at,
                                       done_by="侨港值班长" if at else None, content="已报告基本情况" if at else None))
        due = learned + timedelta(hours=rule.follow_up_hours)
        for hours in done.get(K.FOLLOW_UP, [])[:follow_ups]:
            at = learned + timedelta(hours=hours)
            steps.append(EmergencyStep(kind=K.FOLLOW_UP, to_level=to_level, due_at=due, done_at=at, done_by="侨港值班长",
                                       content="续报处置进展"))
            due = at + timedelta(hours=rule.follow_up_hours)
        if handled is None:
            steps.append(EmergencyStep(kind=K.FOLLOW_UP, to_level=to_level, due_at=due))
        else:
            final_due = ctx.calendar.add_working_days(handled, rule.final_working_days)
            at = handled + timedelta(hours=final_done) if final_done is not None else None
            steps.append(EmergencyStep(kind=K.FINAL, to_level=to_level, due_at=final_due, done_at=at,
                                       done_by="侨港值班长" if at else None, content="终报处置结果" if at else None))
    return steps


def add_emergencies(ctx: DemoContext, grids: list[DemoGrid]) -> list[EmergencyReport]:
    rule, now = LadderRule(), ctx.now.replace(second=0, microsecond=0)
    sea = ctx.profile.sea is not None
    specs = [
        dict(type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_IV, learned=now - timedelta(minutes=25),
             title="渔船靠泊时起火" if sea else "沿街商铺起火",
             grid=_grid(grids, GridKind.SEA, SeaCategory.PORT) if sea else _grid(grids, GridKind.REGULAR),
             people=6, injuries=1, unverified=True,
             summary="一艘渔船在港内靠泊时机舱起火,船员一人轻微烧伤,其余人员伤亡情况正在核实,火势已得到初步控制。",
             measures="已通知消防救援和渔业站,疏散周边船只", done={K.PHONE_FIRST: [0.2]}, follow_ups=0,
             handled=None, final=None, ack=False),
        dict(type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_IV, learned=now - timedelta(hours=50),
             title="老旧自建房局部坍塌", grid=_grid(grids, GridKind.REGULAR), people=12, injuries=2,
             summary="一栋老旧自建房二层阳台局部坍塌,两人受轻伤送医,周边住户已临时转移。",
             measures="设置警戒区,组织住户转移,联系住建部门鉴定",
             done={K.PHONE_FIRST: [0.25, 0.3], K.WRITTEN_FIRST: [0.8, 0.9], K.FOLLOW_UP: [20, 43]}, follow_ups=2,
             handled=None, final=None, ack=True),
        dict(type=EmergencyType.MAJOR_DISPUTE, level=EmergencyLevel.LEVEL_IV, learned=now - timedelta(days=20),
             title="养殖海域边界纠纷引发聚集" if sea else "土地承包纠纷引发聚集",
             grid=_grid(grids, GridKind.SEA, SeaCategory.AQUACULTURE) if sea else _grid(grids, GridKind.REGULAR),
             people=30, injuries=0, summary="两村养殖户因海域边界争执,约三十人聚集,未发生肢体冲突。",
             measures="派出所、司法所到场劝解,组织双方协商",
             done={K.PHONE_FIRST: [0.3, 0.4], K.WRITTEN_FIRST: [0.9, 0.95], K.FOLLOW_UP: [22]}, follow_ups=1,
             handled=now - timedelta(days=20) + timedelta(hours=30), final=40.0, ack=True),
    ]
    reports = []
    for spec in specs:
        learned = spec["learned"]
        number = reserve_numbers(ctx.session, ctx.township, learned.astimezone(BEIJING).year,
                                 series=BULLETIN_SERIES, prefix=NUMBER_PREFIX)[0]
        point = spec["grid"].polygon.representative_point()
        handled = spec["handled"]
        report = EmergencyReport(
            number=number, township_id=ctx.township.id, grid_id=spec["grid"].place.id, type=spec["type"],
            level=spec["level"], title=spec["title"], occurred_at=learned - timedelta(minutes=10), learned_at=learned,
            place_text=f"{spec['grid'].village.short_name}{spec['grid'].place.short_name}", lon=round(point.x, 6),
            lat=round(point.y, 6), people_involved=spec["people"], injuries=spec["injuries"],
            casualties_unverified=spec.get("unverified", False), summary=spec["summary"],
            measures=spec["measures"], state=EmergencyState.CLOSED if spec["final"] is not None else EmergencyState.OPEN,
            handled_at=handled, reported_by="侨港值班员甲",
            acknowledged_at=learned + timedelta(minutes=8) if spec["ack"] else None,
            acknowledged_by="侨港值班长" if spec["ack"] else None, synthetic=True)
        report.steps = _steps(ctx, rule, learned, spec["done"], spec["follow_ups"], handled, spec["final"])
        reports.append(report)
    return ctx.add_all(reports)
