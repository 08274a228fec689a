"""Scores and rankings per department, township, grid and staff member (Art. 5, 23).

Aggregation runs in the database — one GROUP BY per grain over the indexed deadline columns
— and never loads ORM objects: a month over a million cases takes well under a second. The
months of a quarter or year that were settled (settlement.py) are read from their frozen
figures, the others that are over from their kept figures (kept.py), so only the month still
open — and a month a late change touched — is counted live.

A subject is ranked only on a sample of at least MIN_SAMPLE counted rows (Art. 23): its sample is
the largest denominator among the rates its composite weighs, so 100 % of a single case does not
rank above 98 % of three hundred. A smaller one is listed after the ranked, its score shown but
marked 样本不足 (small sample), with no rank and no place among the commendations; one with nothing
counted at all is marked 无数据 (no data) the same way, rather than shown as a score of noughts.

A commendation is proposed only out of a real field (Art. 23): where no more subjects were ranked than
would be proposed, every ranked subject would be on the list, which then singles nobody out as
outstanding, so none is proposed and the list says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db import Database
from ...errors import PermissionDenied, ValidationFailed
from ...models import Department, Person, Place, utcnow
from ...models.enums import PeriodKind, PlaceLevel
from ...models.places import CITY_CODE
from ..places import get_place, upward
from ..security import Actor, Permission
from .indicators import Grain, Indicator, competition_ranks, composite, load_indicators, rate
from . import kept
from .counting import aggregate
from .periods import Period, parse_period
from .settled import Sums, add_sums, months_of, serves, settled_months, settled_sums, spans
from .sources import ON_HOLD, Level, codes_by_grain, counted


_new_figure = tuple.__new__
MIN_SAMPLE = 5  # counted rows a composite must rest on to be ranked, as a recurring problem needs 5 cases (SPEC §11)
SMALL_SAMPLE = "样本不足"  # where the rank of a subject scored on fewer is printed or exported
NO_DATA = "无数据"  # the same for a subject with nothing counted in the period


class Figure(NamedTuple):
    """One indicator of one subject (a tuple: thousands are made per evaluation, and a frozen
    dataclass costs several times as much to create)."""

    code: str
    name: str
    numerator: int
    denominator: int
    rate: float | None
    weight: float


@dataclass(frozen=True)
class SubjectScore:
    level: Level
    subject_id: int
    ref: str  # place code, department code or person id
    name: str
    figures: tuple[Figure, ...]
    on_hold: int  # temporarily unresolvable cases, reported apart (Art. 19(2))
    composite: float | None
    rank: int | None = None
    small_sample: bool = False  # scored on fewer than the evaluation's min_sample rows, or on none: not ranked (Art. 23)

    @property
    def sample(self) -> int:
        return sample_of(self.figures)

    @property
    def no_data(self) -> bool:
        """Nothing was due for any indicator in the period: there is nothing to assess."""
        return not any(f.denominator for f in self.figures)

    @property
    def unranked_for(self) -> str:
        """无数据 or 样本不足 where that kept the subject from a rank (Art. 23), as printed and exported; else ""."""
        if self.no_data:
            return NO_DATA
        return SMALL_SAMPLE if self.small_sample else ""

    def figure(self, code: str) -> Figure:
        return next(f for f in self.figures if f.code == code)


def sample_of(figures: tuple[Figure, ...]) -> int:
    """The rows a composite rests on: the largest denominator among the rates it weighs."""
    return max((f.denominator for f in figures if f.weight > 0), default=0)


@dataclass(frozen=True)
class Evaluation:
    period: Period
    level: Level
    scope_code: str
    scope_name: str
    as_of: datetime
    indicators: tuple[Indicator, ...]
    subjects: tuple[SubjectScore, ...]  # ranked first, then the scored small samples, then the unscored, each by code
    settled: tuple[str, ...] = ()  # months whose settled figures were used (their drill-down is today's rows)
    period_settled: bool = False  # every month of the period is settled (whatever the scope)
    widened_from: str = ""  # the village or grid chosen, where the township level looks at its whole township
    min_sample: int = MIN_SAMPLE

    def widened_note(self) -> str:
        """For a township level asked of a village or grid: that the whole township is assessed (Art. 23)."""
        if not self.widened_from:
            return ""
        return f"乡镇(街道)按整个乡镇考核:所选{self.widened_from}属于{self.scope_name},按{self.scope_name}全部数据计算"

    def settled_note(self) -> str:
        """For printed and exported figures: which months are settled ones."""
        return f"其中 {'、'.join(self.settled)} 为结算数据" if self.settled else ""

    def running_note(self) -> str:
        """For printed figures of a period not over when counted (a year's forms printed in November):
        they still move, so they are not the period's result — nor is a commendation list made of them."""
        period = self.period
        if self.as_of >= period.end:
            return ""
        return f"考核期{period.label}至 {period.ends_on} 尚未结束,所列为阶段数据,期末前仍会变化,不作为最终考核结果"

    def small_sample_note(self) -> str:
        """For printed and exported figures: why a subject has no rank (Art. 23)."""
        return (f"综合得分所依据的应计件数(各项计分指标中最大的分母)少于 {self.min_sample} 件的对象为{SMALL_SAMPLE},"
                f"本考核期没有任何应计事项的对象为{NO_DATA},均列于排名之后,不参与排名和表彰")

    def subject(self, subject_id: int) -> SubjectScore:
        return next(s for s in self.subjects if s.subject_id == subject_id)

    def ranked(self) -> int:
        return sum(1 for s in self.subjects if s.rank is not None)

    def summary(self) -> str:
        """How many subjects were ranked, and how many not for too small a sample or no data (Art. 23)."""
        small = sum(1 for s in self.subjects if s.small_sample)
        no_data = sum(1 for s in self.subjects if s.no_data)
        return (f"{self.ranked()} 个对象参与排名,{small} 个样本不足"
                + (f"(其中 {no_data} 个本期无可考核数据)" if no_data else ""))

    def commendations(self, count: int = 3) -> list[SubjectScore]:
        """Top performers proposed for commendation (Art. 23): rank ≤ count, out of a field of more than
        `count` ranked subjects (commendation_note says why there is none)."""
        if self.ranked() <= count:
            return []
        return [s for s in self.subjects if s.rank is not None and s.rank <= count]

    def commendation_note(self, count: int = 3) -> str:
        """Why no commendation is proposed where subjects were ranked, but too few to single any out."""
        ranked = self.ranked()
        if not ranked or ranked > count:
            return ""
        return (f"参与排名的对象仅 {ranked} 个,不多于建议表彰的 {count} 名,排名不能区分出表现优秀者,"
                "本考核期不提出表彰建议")


def resolve_scope(session: Session, actor: Actor, under: str | None,
                  permission: Permission = Permission.EVALUATE) -> Place:
    """The place whose subtree is looked at (default: the actor's first grant with the
    permission, the city for the system actor); refuse an actor without it there (Art. 15)."""
    if under is None:
        grants = actor.scopes(permission)
        if grants is None:
            under = CITY_CODE
        elif grants:
            under = grants[0].place_code
        else:
            raise PermissionDenied(f"用户“{actor.display_name}”没有{permission.label}的权限;请由值班长或管理员办理",
                                   article="Art. 15")
    scope = get_place(session, under)
    if not actor.can(permission, scope.code):
        raise PermissionDenied(
            f"用户“{actor.display_name}”没有在 {scope.short_name}({scope.code}){permission.label}的权限",
            article="Art. 15")
    return scope


def evaluation_scope(session: Session, actor: Actor, under: str | None, level: Level) -> tuple[Place, str]:
    """The place an evaluation of `level` looks at (resolve_scope), and the short name of the place chosen
    where that is another. A township is assessed on all of its figures (Art. 23): asked of a village or a
    grid, the township level looks at the whole township it lies in rather than have one village's share
    signed under the township's name; refused to a user who may not evaluate the whole township."""
    scope = resolve_scope(session, actor, under)
    if level is not Level.TOWNSHIP or scope.level not in (PlaceLevel.VILLAGE, PlaceLevel.GRID):
        return scope, ""
    township = next(place for place in upward(scope) if place.level is PlaceLevel.TOWNSHIP)
    if not actor.can(Permission.EVALUATE, township.code):
        raise PermissionDenied(
            f"乡镇(街道)按整个乡镇考核,{scope.short_name}属于{township.short_name};用户“{actor.display_name}”"
            f"没有在 {township.short_name}({township.code})综合评价的权限:请选择网格或网格工作人员作为考核对象",
            article="Art. 23")
    return township, scope.short_name


def _counted_sums(session: Session, level: Level, period: Period, as_of: datetime, scope: Place,
                  by_grain: dict[Grain, list[str]], recount: bool) -> tuple[Sums, tuple[str, ...], bool]:
    """The figures of a period: settled months from their settlement, months kept since they
    were last counted (kept.py) from there, the rest counted live; also the months whose
    settlement was used, and whether every month of the period is settled."""
    in_period = settled_months(session, period)
    settled = in_period if serves(scope) else []
    whole = period.kind is PeriodKind.MONTH and len(settled) == 1
    codes_settled = {m.code for m in settled}
    unsettled = [m for m in months_of(period) if m.code not in codes_settled]
    kept_codes = [code for grain, codes in by_grain.items() if grain in kept.GRAINS for code in codes]
    codes_kept, sums = (set(), {}) if recount else kept.read(
        session, level, scope, kept.keepable(session, level, scope, unsettled, as_of), kept_codes)
    # A staff member answers for the grids they served during the period, and work-log activity
    # is one row per staff member and grid for the whole period: neither adds up over months,
    # so for them only a single settled month is read from its settlement.
    from_settlement = {grain: settled if whole or (level is not Level.STAFF and grain is not Grain.STAFF) else []
                       for grain in by_grain}
    codes_settled_read = [code for grain, codes in by_grain.items() if from_settlement[grain] for code in codes]
    add_sums(sums, settled_sums(session, level, scope, settled, codes_settled_read))
    for grain, codes in by_grain.items():
        read = (codes_settled if from_settlement[grain] else set()) | (codes_kept if grain in kept.GRAINS else set())
        for span in (spans([m for m in months_of(period) if m.code not in read]) if read else [period]):
            rows = counted(grain, level, span, as_of, scope)
            if rows is not None:
                add_sums(sums, aggregate(session, rows, codes))
    used = settled if level is not Level.STAFF or whole else []
    return sums, tuple(m.code for m in used), len(in_period) == len(months_of(period))


def _subject_names(session: Session, level: Level, scope: Place, ids: set[int]) -> dict[int, tuple[str, str]]:
    """(ref, name) of every subject with figures, plus every township/grid/department in scope."""
    prefix = scope.code[: scope.level.code_prefix_length]
    if level in (Level.TOWNSHIP, Level.GRID):
        place_level = PlaceLevel.TOWNSHIP if level is Level.TOWNSHIP else PlaceLevel.GRID
        stmt = select(Place.id, Place.code, Place.name).where(
            (Place.id.in_(ids)) | ((Place.level == place_level) & Place.code.startswith(prefix)))
    elif level is Level.DEPARTMENT:
        in_scope = Department.place_id.in_(select(Place.id).where(Place.code.startswith(prefix)))
        stmt = select(Department.id, Department.code, Department.name).where(
            Department.id.in_(ids) | (Department.active & in_scope))
    else:
        stmt = select(Person.id, Person.id, Person.name).where(Person.id.in_(ids))
    return {i: (str(ref), name) for i, ref, name in session.execute(stmt)}


def evaluate(db: Database, actor: Actor, period: str | Period, level: Level | str, *,
             under: str | None = None, as_of: datetime | None = None, recount: bool = False,
             progress: Callable[[int, int, str], None] | None = None, min_sample: int = MIN_SAMPLE) -> Evaluation:
    """Scores of every subject of `level` in the subtree of `under` for a period, ranked; the township
    level below a township looks at the whole township (evaluation_scope, Art. 23). A subject whose
    composite rests on fewer than `min_sample` rows is listed unranked, marked small_sample (Art. 23).

    Rates are None ("—") when nothing was due; the composite weighs only the rates present.
    Months that are over and not settled are counted once and kept (kept.py); `recount`
    counts them live instead, neither reading nor keeping them. `progress(done, total, month)`
    hears of each month being counted to be kept (the first evaluation of a year takes seconds).
    """
    period = parse_period(period) if isinstance(period, str) else period
    level = Level(level)
    as_of = as_of or utcnow()
    if as_of < period.start:  # nothing is due in it yet: every subject would score nought, ranked all the same
        raise ValidationFailed(f"考核期{period.label}自 {period.starts_on} 起,尚未开始,还没有可考核的数据;"
                               "请选择已开始的考核期", field="period", article="Art. 23")
    with db.session() as session:
        scope, widened_from = evaluation_scope(session, actor, under, level)
        indicators = load_indicators(session)
        unkept = [] if recount else kept.unkept(session, level, scope, period, as_of)
    kept.keep(db, level, unkept, as_of, progress)
    with db.session() as session:
        enabled = [i for i in indicators if i.enabled]
        by_grain = codes_by_grain(enabled)
        sums, settled, period_settled = _counted_sums(session, level, period, as_of, scope, by_grain, recount)
        names = _subject_names(session, level, scope, set(sums))
    nothing = (0, 0)
    rows = []
    for subject_id, (ref, name) in names.items():
        got = sums.get(subject_id, {})
        # tuple.__new__ skips the NamedTuple's own __new__, a Python call per figure (tens of thousands at grid level).
        figures = tuple(_new_figure(Figure, (i.code, i.name, n, d, rate(n, d), i.weight))
                        for i in enabled for n, d in (got.get(i.code, nothing),))
        score = composite({f.code: f.rate for f in figures}, enabled)
        rows.append((subject_id, ref, name, figures, got.get(ON_HOLD, nothing)[0], score))
    small = [sample_of(figures) < min_sample for _, _, _, figures, _, _ in rows]
    ranks = competition_ranks([None if too_few else row[-1] for row, too_few in zip(rows, small)])
    ranked = [SubjectScore(level, *row, rank, too_few) for row, rank, too_few in zip(rows, ranks, small)]
    ranked.sort(key=lambda s: (s.rank is None, s.composite is None, s.rank or 0, s.ref))
    return Evaluation(period, level, scope.code, scope.name, as_of, tuple(enabled), tuple(ranked), settled,
                      period_settled, widened_from, min_sample)


def scope_figures(db: Database, actor: Actor, period: Period, codes: tuple[str, ...], *, under: str | None = None,
                  as_of: datetime | None = None, department_id: int | None = None) -> dict[str, Figure]:
    """Figures of the whole scope (every case once) for a few indicators — the wall display's rates;
    with `department_id`, those of that department's shares in the scope only.

    Needs only Permission.VIEW: the figures are the scope's own, no subject is ranked.
    """
    as_of = as_of or utcnow()
    level = Level.TOWNSHIP if department_id is None else Level.DEPARTMENT
    with db.session() as session:
        scope = resolve_scope(session, actor, under, Permission.VIEW)
        indicators = {i.code: i for i in load_indicators(session) if i.code in codes}
        totals: dict[str, list[int]] = {code: [0, 0] for code in indicators}
        for grain in {i.grain for i in indicators.values()}:
            rows = counted(grain, level, period, as_of, scope)
            if rows is None:
                continue
            grain_codes = [c for c, i in indicators.items() if i.grain is grain]
            subjects = aggregate(session, rows, grain_codes)
            for subject, figures in subjects.items():
                if department_id is not None and subject != department_id:
                    continue
                for code, (num, den) in figures.items():
                    totals[code][0] += num
                    totals[code][1] += den
    return {code: Figure(code, indicators[code].name, num, den, rate(num, den), indicators[code].weight)
            for code, (num, den) in totals.items()}
