"""Hotspots: high-frequency, long-duration and hard problems (Art. 22; SPEC §6).

Counts are by the day a request was received, bucketed by Beijing day, week (Monday) or
month, per Art. 12 category and grid, aggregated in SQL (one GROUP BY). Recurring problems —
many cases of one category close together within a short window — are found here and turned
into key-governance items by `services.governance`.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import shapely
from sqlalchemy import Date, String, and_, case, column, func, select, type_coerce, values
from sqlalchemy.orm import Session, aliased

from ..db import Database
from ..errors import ValidationFailed
from ..models import Assignment, Callback, Case, Extension, Place, Setting, governance_item_cases, utcnow
from ..models.enums import (
    OPEN_CASE_STATES,
    AssignmentState,
    CallbackState,
    CaseState,
    DecisionState,
    MatterCategory,
    Satisfaction,
)
from ..models.types import UTCDateTime
from .clock import BEIJING
from .evaluation.periods import Period
from .evaluation.scores import resolve_scope
from .evaluation.sources import case_scope
from .geo.projection import LocalProjection
from .queue import visible_condition
from .security import Actor, Permission

RECURRING_SETTING = "governance.recurring_rule"


class Bucket(str, enum.Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @property
    def label(self) -> str:
        return {"day": "日", "week": "周", "month": "月"}[self.value]


def _next_start(start: date, bucket: Bucket) -> date:
    if bucket is Bucket.DAY:
        return start + timedelta(days=1)
    if bucket is Bucket.WEEK:
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def bucket_starts(period: Period, bucket: Bucket) -> list[date]:
    """Every bucket of the period, by its first day: the Beijing day, the Monday of the week, the
    first of the month (the first bucket may begin before the period does)."""
    first = period.starts_on
    if bucket is Bucket.WEEK:
        first -= timedelta(days=first.weekday())
    elif bucket is Bucket.MONTH:
        first = first.replace(day=1)
    starts = [first]
    while (following := _next_start(starts[-1], bucket)) <= period.ends_on:
        starts.append(following)
    return starts


def _bucket_table(period: Period, bucket: Bucket):
    """The buckets as rows (start, lo, hi) with their UTC bounds inside the period.

    Joining the cases to these ranges reads each case once from the received-time index and
    needs no date arithmetic per case — over a year of half a million cases, several times
    faster than grouping by a computed Beijing date.
    """
    rows = []
    for start in bucket_starts(period, bucket):
        lo = max(datetime.combine(start, time(0), BEIJING), period.start)
        hi = min(datetime.combine(_next_start(start, bucket), time(0), BEIJING), period.end)
        rows.append((start, lo, hi))
    return values(column("start", Date), column("lo", UTCDateTime()), column("hi", UTCDateTime()),
                  name="buckets").data(rows).cte("buckets")


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class HotspotCounts:
    """Cases received per bucket and category (the trend); per grid see `grid_heat`."""

    period: Period
    bucket: Bucket
    starts: tuple[date, ...]  # every bucket of the period, empty ones too
    cells: tuple[tuple[date, MatterCategory, int], ...]  # (bucket start, category, cases), non-zero only

    @property
    def total(self) -> int:
        return sum(n for *_, n in self.cells)

    def by_category(self) -> dict[MatterCategory, int]:
        totals: Counter = Counter()
        for _, category, n in self.cells:
            totals[category] += n
        return dict(totals.most_common())

    def series(self) -> tuple[list[date], dict[MatterCategory, list[int]]]:
        """The trend: every bucket of the period in order, with a count per category (0 where none)."""
        index = {start: i for i, start in enumerate(self.starts)}
        lines: dict[MatterCategory, list[int]] = defaultdict(lambda: [0] * len(self.starts))
        for start, category, n in self.cells:
            lines[category][index[start]] += n
        return list(self.starts), dict(lines)


def _in_period(period: Period, scope: Place):
    return (Case.received_at >= period.start, Case.received_at < period.end, Case.state != CaseState.MERGED,
            *case_scope(scope))


def counts(db: Database, actor: Actor, period: Period, bucket: Bucket = Bucket.DAY, *,
           under: str | None = None) -> HotspotCounts:
    """High-frequency problems over time: cases received in the period by bucket × category."""
    bucket = Bucket(bucket)
    with db.session() as session:
        scope = resolve_scope(session, actor, under, Permission.VIEW)
        buckets = _bucket_table(period, bucket)
        category = type_coerce(Case.category, String)  # the bare value, converted below
        stmt = (select(buckets.c.start, category, func.count())
                .select_from(buckets)
                .join(Case, and_(Case.received_at >= buckets.c.lo, Case.received_at < buckets.c.hi))
                .where(Case.state != CaseState.MERGED, *case_scope(scope))
                .group_by(buckets.c.start, category))
        if not case_scope(scope):
            # The buckets' bounds are the period's: no constant range here, so that the planner
            # walks the buckets and reads each one's range from the covering index. A scoped
            # count is left to the planner: the index holds no township or village.
            stmt = stmt.with_hint(Case, "INDEXED BY ix_cases_received_category_grid", "sqlite")
        categories = {c.value: c for c in MatterCategory}
        cells = tuple(sorted((_as_date(s), categories[c], n) for s, c, n in session.execute(stmt).all()))
    return HotspotCounts(period, bucket, tuple(bucket_starts(period, bucket)), cells)


# --- long-duration and hard problems -------------------------------------------------------

LONG_OPEN_DAYS = 30


class Hardness(str, enum.Enum):
    LONG_OPEN = "long_open"
    REOPENED = "reopened"
    EXTENDED = "extended"
    MULTI_DEPARTMENT = "multi_department"
    UNSATISFIED = "unsatisfied"

    @property
    def label(self) -> str:
        return {"long_open": f"久拖未决(超过{LONG_OPEN_DAYS}天)", "reopened": "重办", "extended": "延期办理",
                "multi_department": "多部门办理", "unsatisfied": "回访不满意"}[self.value]


def _hardness_condition(kind: Hardness, as_of: datetime):
    if kind is Hardness.LONG_OPEN:
        return Case.state.in_(OPEN_CASE_STATES) & (Case.received_at < as_of - timedelta(days=LONG_OPEN_DAYS))
    if kind is Hardness.REOPENED:
        return Case.reopen_count > 0
    # Approved extensions and unsatisfied callbacks are few: their cases are collected once and
    # each case of the period is looked up among them, instead of searching its rows per case.
    if kind is Hardness.EXTENDED:
        return Case.id.in_(select(Assignment.case_id).join(Extension, Extension.assignment_id == Assignment.id)
                           .where(Extension.state == DecisionState.APPROVED))
    if kind is Hardness.MULTI_DEPARTMENT:
        # Two shares (not withdrawn) held by different departments, looked up per case through the
        # index on case_id (selecting an id, not "*", so that SQLite reads only the index).
        share, other = aliased(Assignment, name="share"), aliased(Assignment, name="other_share")
        return (select(share.id)
                .join(other, and_(other.case_id == share.case_id, other.department_id != share.department_id,
                                  other.state != AssignmentState.WITHDRAWN))
                .where(share.case_id == Case.id, share.state != AssignmentState.WITHDRAWN).exists())
    return Case.id.in_(select(Callback.case_id).where(Callback.state == CallbackState.DONE,
                                                      Callback.satisfaction == Satisfaction.UNSATISFIED))


@dataclass(frozen=True)
class HardCase:
    id: int
    number: str
    title: str
    category: MatterCategory
    state: CaseState
    received_at: datetime


def hard_problems(db: Database, actor: Actor, period: Period, *, under: str | None = None,
                  as_of: datetime | None = None) -> dict[Hardness, dict[MatterCategory, int]]:
    """Per kind of hardness, the cases received in the period by category (Art. 22(1)).

    One pass over the period's cases, every kind summed side by side (a case may be hard in
    several ways); categories without a hard case of a kind are left out of that kind.
    """
    as_of = as_of or utcnow()
    kinds = list(Hardness)
    sums = [func.sum(case((_hardness_condition(kind, as_of), 1), else_=0)) for kind in kinds]
    result: dict[Hardness, dict[MatterCategory, int]] = {kind: {} for kind in kinds}
    with db.session() as session:
        scope = resolve_scope(session, actor, under, Permission.VIEW)
        stmt = select(Case.category, *sums).where(*_in_period(period, scope)).group_by(Case.category)
        if not case_scope(scope):
            # The covering received-time index holds category, state and reopenings: SQLite
            # otherwise picks the category index for the GROUP BY and reads every case row.
            stmt = stmt.with_hint(Case, "INDEXED BY ix_cases_received_category_grid", "sqlite")
        for category, *numbers in session.execute(stmt):
            for kind, n in zip(kinds, numbers):
                if n:
                    result[kind][MatterCategory(category)] = int(n)
    return result


def hard_cases(db: Database, actor: Actor, period: Period, kind: Hardness, *, under: str | None = None,
               category: MatterCategory | None = None, as_of: datetime | None = None,
               limit: int = 200) -> list[HardCase]:
    """The cases behind one bar of `hard_problems` that the actor may read, oldest first (the
    counts are the area's, Art. 22; the cases listed are a liaison's own department's, Art. 15)."""
    as_of = as_of or utcnow()
    with db.session() as session:
        scope = resolve_scope(session, actor, under, Permission.VIEW)
        stmt = (select(Case.id, Case.number, Case.title, Case.category, Case.state, Case.received_at)
                .where(*_in_period(period, scope), _hardness_condition(Hardness(kind), as_of),
                       visible_condition(session, actor))
                .order_by(Case.received_at, Case.id).limit(limit))
        if category is not None:
            stmt = stmt.where(Case.category == category)
        return [HardCase(*row) for row in session.execute(stmt)]


# --- the map layer -------------------------------------------------------------------------

# ColorBrewer YlOrRd, 5 classes: light for few cases, dark red for the most.
HEAT_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")


@dataclass(frozen=True)
class GridHeat:
    grid_id: int
    grid_code: str
    grid_name: str
    count: int
    colour: str  # "#rrggbb"


def heat_colour(count: int, highest: int) -> str:
    """The colour class of a count relative to the busiest grid (equal-width classes)."""
    if highest <= 0:
        return HEAT_COLOURS[0]
    classes = len(HEAT_COLOURS)
    return HEAT_COLOURS[max(0, min(classes - 1, (count * classes - 1) // highest))]


def grid_heat(db: Database, actor: Actor, period: Period, *, under: str | None = None,
              category: MatterCategory | None = None) -> list[GridHeat]:
    """Cases per grid in the period, coloured for the map (busiest first)."""
    with db.session() as session:
        scope = resolve_scope(session, actor, under, Permission.VIEW)
        per_grid = (select(Case.grid_id, func.count().label("n")).where(*_in_period(period, scope),
                                                                         Case.grid_id.is_not(None))
                    .group_by(Case.grid_id))
        if category is not None:
            per_grid = per_grid.where(Case.category == category)
        per_grid = per_grid.subquery()
        rows = session.execute(select(Place.id, Place.code, Place.name, per_grid.c.n)
                               .join(per_grid, per_grid.c.grid_id == Place.id)
                               .order_by(per_grid.c.n.desc(), Place.code)).all()
    highest = rows[0][3] if rows else 0
    return [GridHeat(i, code, name, n, heat_colour(n, highest)) for i, code, name, n in rows]


# --- recurring problems --------------------------------------------------------------------


@dataclass(frozen=True)
class RecurringRule:
    """SPEC §11 default: at least 5 cases of one category within 500 m in 30 days."""

    min_cases: int = 5
    radius_m: float = 500.0
    window_days: int = 30

    @classmethod
    def load(cls, session: Session) -> RecurringRule:
        stored = session.get(Setting, RECURRING_SETTING)
        rule = cls(**{k: v for k, v in (stored.value if stored else {}).items() if k in cls.__dataclass_fields__})
        rule.validate()
        return rule

    def validate(self) -> None:
        problems = []
        if not isinstance(self.min_cases, int) or self.min_cases < 2:
            problems.append(f"min_cases(最少件数)= {self.min_cases!r}:应为不小于 2 的整数")
        if not isinstance(self.radius_m, (int, float)) or not 0 < self.radius_m <= 50_000:
            problems.append(f"radius_m(半径,米)= {self.radius_m!r}:应在 0 到 50000 之间")
        if not isinstance(self.window_days, int) or not 1 <= self.window_days <= 366:
            problems.append(f"window_days(时间窗,天)= {self.window_days!r}:应为 1–366 的整数")
        if problems:
            raise ValidationFailed(f"设置 {RECURRING_SETTING} 无效:", problems, field=RECURRING_SETTING)


@dataclass(frozen=True)
class Cluster:
    """Cases of one category within `radius_m` of a central case, inside the window."""

    category: MatterCategory
    case_ids: tuple[int, ...]
    center_lon: float
    center_lat: float
    radius_m: float
    window_start: datetime  # the first case received
    window_end: datetime  # the last case received
    township_id: int
    center_case_id: int
    grid_cases: tuple[tuple[int, int], ...]  # (grid id, cases) of the cases in a grid, most first


def find_recurring(session: Session, rule: RecurringRule, as_of: datetime, scope: Place | None) -> list[Cluster]:
    """Recurring problems in the window before `as_of`, each case in at most one cluster.

    Greedy: the case with the most same-category neighbours within the radius seeds a cluster
    of those neighbours; repeat over the cases not yet taken while a seed still reaches
    `min_cases`. Distances are metres in a local projection (shapely STRtree, dwithin).

    Cases already linked to a key-governance item are left out whatever its state: an open
    item tracks them, a dismissed one was judged no recurring problem, a closed one was
    governed. Only cases received since can form a new cluster at the same spot.
    """
    start = as_of - timedelta(days=rule.window_days)
    stmt = (select(Case.id, Case.category, Case.lon, Case.lat, Case.received_at, Case.township_id, Case.grid_id)
            .where(Case.received_at >= start, Case.received_at < as_of, Case.lon.is_not(None),
                   Case.state != CaseState.MERGED,
                   Case.id.not_in(select(governance_item_cases.c.case_id)), *case_scope(scope))
            .order_by(Case.id))
    by_category: dict[str, list] = defaultdict(list)
    for row in session.execute(stmt):
        by_category[row.category].append(row)
    clusters = []
    for category, rows in sorted(by_category.items()):
        if len(rows) >= rule.min_cases:
            clusters += _clusters(MatterCategory(category), rows, rule)
    return clusters


def _clusters(category: MatterCategory, rows: list, rule: RecurringRule) -> list[Cluster]:
    lon = np.array([r.lon for r in rows])
    lat = np.array([r.lat for r in rows])
    x, y = LocalProjection(float(lon.mean()), float(lat.mean())).forward(lon, lat)
    points = shapely.points(x, y)
    pairs = shapely.STRtree(points).query(points, predicate="dwithin", distance=rule.radius_m)
    neighbours: list[set[int]] = [set() for _ in rows]
    for i, j in zip(*pairs):
        neighbours[i].add(int(j))
    taken: set[int] = set()
    found = []
    while True:
        seed = max(range(len(rows)), key=lambda i: (len(neighbours[i] - taken) if i not in taken else -1, -i))
        members = sorted(neighbours[seed] - taken) if seed not in taken else []
        if len(members) < rule.min_cases:
            return found
        taken.update(members)
        times = [rows[m].received_at for m in members]
        townships = Counter(rows[m].township_id for m in members)
        # The central case counted first, so that its grid leads among grids with as many cases.
        grids = Counter(rows[m].grid_id for m in sorted(members, key=lambda m: m != seed)
                        if rows[m].grid_id is not None)
        found.append(Cluster(category, tuple(rows[m].id for m in members), rows[seed].lon, rows[seed].lat,
                             rule.radius_m, min(times), max(times), townships.most_common(1)[0][0],
                             rows[seed].id, tuple(grids.most_common())))
