"""Key governance of recurring and hard problems, tracked to closure (Art. 22; SPEC §6, §11).

Lifecycle: 建议治理 proposed (by the recurring-problem rule or by hand) → 治理中 accepted with an
owner department and a review date → 已销号 closed with a note; or 不予立项 dismissed with a
reason. Every step needs Permission.SUPERVISE in the item's place and is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from ..db import Database
from ..errors import InvalidTransition, NotFound, ValidationFailed
from ..models import Case, Department, GovernanceItem, Place, governance_item_cases, utcnow
from ..models.enums import GovernanceState, MatterCategory
from .clock import BEIJING, beijing_text, beijing_today
from .evaluation.scores import resolve_scope
from .evaluation.sources import case_scope
from .hotspots import Cluster, RecurringRule, find_recurring
from .places import upward
from .security import Actor, Permission, scope_prefix
from .unit_of_work import UnitOfWork, unit_of_work


@dataclass(frozen=True)
class GovernanceInfo:
    id: int
    place_code: str
    place_name: str
    category: MatterCategory
    title: str
    description: str
    state: GovernanceState
    case_ids: tuple[int, ...]
    owner_department_id: int | None
    owner_department_name: str | None
    owner_name: str | None
    review_on: date | None
    center_lon: float | None
    center_lat: float | None
    radius_m: float | None
    window_start: datetime | None
    window_end: datetime | None
    closed_at: datetime | None
    closing_note: str | None

    def window_dates(self) -> tuple[date, date] | None:
        """The window as Beijing days (a detected item's first and last case received); None if unset."""
        if self.window_start is None or self.window_end is None:
            return None
        return self.window_start.astimezone(BEIJING).date(), self.window_end.astimezone(BEIJING).date()

    def review_due(self, today: date) -> bool:
        return self.state is GovernanceState.ACCEPTED and self.review_on is not None and self.review_on <= today


def _info(session, item: GovernanceItem) -> GovernanceInfo:
    place = session.get(Place, item.place_id)
    owner = session.get(Department, item.owner_department_id) if item.owner_department_id else None
    case_ids = tuple(session.scalars(select(governance_item_cases.c.case_id)
                                     .where(governance_item_cases.c.governance_item_id == item.id)
                                     .order_by(governance_item_cases.c.case_id)))
    return GovernanceInfo(
        item.id, place.code, place.name, item.category, item.title, item.description, item.state, case_ids,
        item.owner_department_id, owner.name if owner else None, item.owner_name, item.review_on,
        item.center_lon, item.center_lat, item.radius_m, item.window_start, item.window_end, item.closed_at,
        item.closing_note,
    )


def _link(session, item: GovernanceItem, case_ids) -> None:
    session.execute(governance_item_cases.insert(),
                    [{"governance_item_id": item.id, "case_id": case_id} for case_id in case_ids])


def propose_recurring(db: Database, actor: Actor, *, under: str | None = None,
                      as_of: datetime | None = None) -> list[GovernanceInfo]:
    """Turn each recurring problem found by the rule (Setting "governance.recurring_rule") into a
    proposed key-governance item with its cases linked (Art. 22).

    Each case is proposed at most once: clusters of one run share no case, and a case linked to
    any item before (open, dismissed or closed; see `find_recurring`) is not proposed again, so
    a second run proposes only clusters of cases received since. Several items of one category
    differ by where they are: the title names the grid holding most of the cluster's cases, the
    description the first and last day received, the central case's place and the grids involved.
    """
    as_of = as_of or utcnow()
    with unit_of_work(db, actor, "governance.propose_recurring", target=under) as uow:
        scope = resolve_scope(uow.session, actor, under, Permission.SUPERVISE)
        uow.require(Permission.SUPERVISE, scope.code, scope.short_name)
        rule = RecurringRule.load(uow.session)
        proposed = []
        for cluster in find_recurring(uow.session, rule, as_of, scope):
            township = uow.session.get(Place, cluster.township_id)
            item = GovernanceItem(
                place_id=township.id, category=cluster.category, **_described(uow.session, cluster, township),
                center_lon=cluster.center_lon, center_lat=cluster.center_lat, radius_m=cluster.radius_m,
                window_start=cluster.window_start, window_end=cluster.window_end,
            )
            uow.session.add(item)
            uow.session.flush()
            _link(uow.session, item, cluster.case_ids)
            uow.changed("governance", item.id, township_id=township.id)
            proposed.append(_info(uow.session, item))
        uow.audit(f"按反复发生规则建议重点治理事项 {len(proposed)} 项", rule=rule.__dict__,
                  items=[p.id for p in proposed])
        return proposed


def _described(session, cluster: Cluster, township: Place) -> dict:
    """Title and description saying where, what, how many and when, so that items differ."""
    names = dict(session.execute(select(Place.id, Place.name)
                                 .where(Place.id.in_([grid_id for grid_id, _ in cluster.grid_cases]))).all())
    grids = [f"{names[grid_id]} {n} 件" for grid_id, n in cluster.grid_cases]
    outside = len(cluster.case_ids) - sum(n for _, n in cluster.grid_cases)
    if outside:
        grids.append(f"未落入网格 {outside} 件")
    address = session.scalar(select(Case.address).where(Case.id == cluster.center_case_id))
    centre = f"东经 {cluster.center_lon:.5f}、北纬 {cluster.center_lat:.5f}" + (f"({address})" if address else "")
    where = names[cluster.grid_cases[0][0]] if cluster.grid_cases else township.short_name
    first, last = (beijing_text(moment, "%Y-%m-%d") for moment in (cluster.window_start, cluster.window_end))
    category = cluster.category.label
    return {
        "title": f"{where}一带{category}问题反复发生",
        "description": (f"{first} 至 {last},以{centre}为中心半径 {cluster.radius_m:g} 米范围内收到{category}诉求 "
                        f"{len(cluster.case_ids)} 件({'、'.join(grids)}),建议开展源头治理(第二十二条)"),
    }


def propose(db: Database, actor: Actor, *, place_code: str, category: MatterCategory, title: str,
            description: str = "", case_ids: list[int] = ()) -> GovernanceInfo:
    """Propose a key-governance item by hand, e.g. for a hard problem seen on the charts."""
    if not title.strip():
        raise ValidationFailed("请填写治理事项名称", field="title")
    with unit_of_work(db, actor, "governance.propose") as uow:
        place = uow.session.scalar(select(Place).where(Place.code == place_code))
        if place is None:
            raise NotFound(f"未知的地点代码 {place_code}")
        uow.require(Permission.SUPERVISE, place.code, place.short_name)
        existing = set(uow.session.scalars(select(Case.id).where(Case.id.in_(case_ids))))
        inside = set(uow.session.scalars(select(Case.id).where(Case.id.in_(case_ids), *case_scope(place))))
        problems = [f"诉求 {cid}:不存在" if cid not in existing else f"诉求 {cid}:不在 {place.short_name} 范围内"
                    for cid in case_ids if cid not in inside]
        if problems:
            raise ValidationFailed("治理事项未建立:关联的诉求有误", problems, field="case_ids")
        item = GovernanceItem(place_id=place.id, category=MatterCategory(category), title=title.strip(),
                              description=description)
        uow.session.add(item)
        uow.session.flush()
        _link(uow.session, item, sorted(set(case_ids)))
        uow.audit(f"建议重点治理事项“{item.title}”", target=f"governance:{item.id}", cases=sorted(set(case_ids)))
        uow.changed("governance", item.id)
        return _info(uow.session, item)


def _load(uow: UnitOfWork, item_id: int, *expected: GovernanceState) -> GovernanceItem:
    item = uow.session.get(GovernanceItem, item_id)
    if item is None:
        raise NotFound(f"重点治理事项 {item_id} 不存在")
    place = uow.session.get(Place, item.place_id)
    uow.require(Permission.SUPERVISE, place.code, place.short_name)
    if expected and item.state not in expected:
        allowed = "、".join(s.label for s in expected)
        raise InvalidTransition(f"重点治理事项“{item.title}”当前为“{item.state.label}”,只有“{allowed}”的事项可以这样办理")
    return item


def _check_owner(uow: UnitOfWork, item: GovernanceItem, owner_department_id: int, review_on: date,
                 today: date) -> Department:
    """The owner is an active department serving the item's area or an area above it (the choice
    `owner_departments` offers), and the review is not in the past."""
    department = uow.session.get(Department, owner_department_id)
    problems = []
    if department is None or not department.active:
        problems.append(f"责任部门 {owner_department_id}:不存在或已停用")
    elif department.place_id not in {place.id for place in upward(uow.session.get(Place, item.place_id))}:
        place = uow.session.get(Place, item.place_id)
        problems.append(f"责任部门 {department.name}:不服务{place.short_name}所在地区,"
                        "请从本地区及上级地区的部门中选择")
    if review_on < today:
        problems.append(f"复核日期 {review_on}:不能早于今天")
    if problems:
        raise ValidationFailed("请指定有效的责任部门和复核日期:", problems)
    return department


def owner_departments(db: Database, actor: Actor, item_id: int) -> list[tuple[int, str]]:
    """(id, name) of the active departments that may own an item: those serving its area or an area
    above it, nearest first."""
    with db.session() as session:
        item = session.get(GovernanceItem, item_id)
        if item is None:
            raise NotFound(f"重点治理事项 {item_id} 不存在")
        places = list(upward(session.get(Place, item.place_id)))
        resolve_scope(session, actor, places[0].code, Permission.VIEW)
        nearness = {place.id: n for n, place in enumerate(places)}
        found = session.scalars(select(Department).where(Department.active, Department.place_id.in_(nearness)))
        return [(d.id, d.name) for d in sorted(found, key=lambda d: (nearness[d.place_id], d.code))]


def accept(db: Database, actor: Actor, item_id: int, *, owner_department_id: int, review_on: date,
           owner_name: str | None = None, today: date | None = None) -> GovernanceInfo:
    """Take a proposed item into key governance with an owner department and a review date."""
    with unit_of_work(db, actor, "governance.accept", target=f"governance:{item_id}") as uow:
        item = _load(uow, item_id, GovernanceState.PROPOSED)
        department = _check_owner(uow, item, owner_department_id, review_on, today or beijing_today())
        item.state, item.owner_department_id, item.owner_name, item.review_on = (
            GovernanceState.ACCEPTED, department.id, owner_name, review_on)
        uow.audit(f"重点治理事项“{item.title}”立项,责任部门 {department.name},复核日期 {review_on}")
        uow.changed("governance", item.id)
        return _info(uow.session, item)


def reassign(db: Database, actor: Actor, item_id: int, *, owner_department_id: int, review_on: date,
             owner_name: str | None = None, today: date | None = None) -> GovernanceInfo:
    """Change the owner or set the next review date of an item under governance."""
    with unit_of_work(db, actor, "governance.reassign", target=f"governance:{item_id}") as uow:
        item = _load(uow, item_id, GovernanceState.ACCEPTED)
        department = _check_owner(uow, item, owner_department_id, review_on, today or beijing_today())
        item.owner_department_id, item.owner_name, item.review_on = department.id, owner_name, review_on
        uow.audit(f"重点治理事项“{item.title}”责任部门 {department.name},下次复核 {review_on}")
        uow.changed("governance", item.id)
        return _info(uow.session, item)


def close(db: Database, actor: Actor, item_id: int, note: str) -> GovernanceInfo:
    """销号: the problem is governed at its source; the note says what was done."""
    if not note.strip():
        raise ValidationFailed("销号须写明治理情况", field="note")
    with unit_of_work(db, actor, "governance.close", target=f"governance:{item_id}") as uow:
        item = _load(uow, item_id, GovernanceState.ACCEPTED)
        item.state, item.closed_at, item.closing_note = GovernanceState.CLOSED, utcnow(), note.strip()
        uow.audit(f"重点治理事项“{item.title}”销号", note=note.strip())
        uow.changed("governance", item.id)
        return _info(uow.session, item)


def dismiss(db: Database, actor: Actor, item_id: int, reason: str) -> GovernanceInfo:
    """不予立项: a proposal that is not a real recurring problem; the reason is kept."""
    if not reason.strip():
        raise ValidationFailed("不予立项须写明理由", field="reason")
    with unit_of_work(db, actor, "governance.dismiss", target=f"governance:{item_id}") as uow:
        item = _load(uow, item_id, GovernanceState.PROPOSED)
        item.state, item.closed_at, item.closing_note = GovernanceState.DISMISSED, utcnow(), reason.strip()
        uow.audit(f"重点治理事项“{item.title}”不予立项", reason=reason.strip())
        uow.changed("governance", item.id)
        return _info(uow.session, item)


def list_items(db: Database, actor: Actor, *, under: str | None = None,
               states: tuple[GovernanceState, ...] = ()) -> list[GovernanceInfo]:
    """Items in the subtree of `under` (default: the actor's scope), open ones first by review date."""
    with db.session() as session:
        scope = resolve_scope(session, actor, under, Permission.VIEW)
        prefix = scope_prefix(scope.code, scope.level)
        stmt = (select(GovernanceItem).join(Place, Place.id == GovernanceItem.place_id)
                .where(Place.code.startswith(prefix))
                .order_by(GovernanceItem.state.in_((GovernanceState.CLOSED, GovernanceState.DISMISSED)),
                          GovernanceItem.review_on.is_(None), GovernanceItem.review_on, GovernanceItem.id))
        if states:
            stmt = stmt.where(GovernanceItem.state.in_(states))
        return [_info(session, item) for item in session.scalars(stmt)]
