"""Duplicate hints and merging: the same problem reported twice is handled once.

Rule (Setting "cases.duplicate_rule", default radius 200 m, window 7 days): open cases of the
same category received within the window and located within the radius are offered.

A merge made by mistake is undone (`unmerge`): the case goes back to where it was before it was
merged, with the reason on both timelines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from ...db import Database
from ...errors import ValidationFailed
from ...models import Case, CaseEvent, Place
from ...models.base import utcnow
from ...models.enums import OPEN_CASE_STATES, CaseState, MatterCategory
from ..security import Actor, Permission
from ..unit_of_work import UnitOfWork, unit_of_work
from .common import load_case, record, require_on_case, require_state, setting, stale
from .results import CaseInfo

RULE_SETTING = "cases.duplicate_rule"
DEFAULT_RULE = {"radius_m": 200, "window_days": 7}
_EARTH_RADIUS_M = 6_371_008.8
_METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class DuplicateHint:
    case: CaseInfo
    distance_m: float


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine) in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(math.sqrt(h))


def find_duplicates(db: Database, actor: Actor, *, category: MatterCategory, lon: float, lat: float,
                    exclude_case_id: int | None = None, now: datetime | None = None,
                    permission: Permission = Permission.VIEW_CASES) -> list[DuplicateHint]:
    """Open cases that look like the same problem, nearest first: those in townships where the actor
    holds `permission` (viewing, to be shown a hint; taking in, to be offered a merge)."""
    now = now or utcnow()
    with db.session() as session:
        rule = setting(session, RULE_SETTING, DEFAULT_RULE)
        radius = float(rule["radius_m"])
        dlat = radius / _METRES_PER_DEGREE
        dlon = radius / (_METRES_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
        rows = session.execute(
            select(Case, Place.code)
            .join(Place, Place.id == Case.township_id)
            .where(Case.category == category, Case.state.in_(OPEN_CASE_STATES),
                   Case.received_at >= now - timedelta(days=rule["window_days"]),
                   Case.lon.between(lon - dlon, lon + dlon), Case.lat.between(lat - dlat, lat + dlat),
                   Case.id != (exclude_case_id or 0))
        )
        hints = []
        for case, township_code in rows:
            d = distance_m(lon, lat, case.lon, case.lat)
            if d <= radius and actor.can(permission, township_code):
                hints.append(DuplicateHint(CaseInfo.of(case), round(d, 1)))
        return sorted(hints, key=lambda h: h.distance_m)


def merge(db: Database, actor: Actor, *, case_id: int, into_case_id: int, expected_version: int) -> CaseInfo:
    """Merge a duplicate into the case that goes on (state merged, merged_into_id set)."""
    with unit_of_work(db, actor, "cases.merge") as uow:
        # The rows locked in id order — both cases and the duplicates merged into this one before, which
        # go on with `into` — so that two desks (merging X into Y and Y into X, or undoing a merge while
        # another merges) never each hold a lock the other waits for (a deadlock the database breaks).
        earlier = uow.session.scalars(select(Case.id).where(Case.merged_into_id == case_id)).all()
        locked = {i: load_case(uow, i, None) for i in sorted({case_id, into_case_id, *earlier})}
        case, into = locked[case_id], locked[into_case_id]
        if case.version != expected_version:
            raise stale(uow, case)
        uow.target = f"case:{case.id}"
        # The duplicate is closed: by who may take in requests where it is handled now (an escalated
        # case is the county's); merge_into checks the townships of both cases.
        require_on_case(uow, case, Permission.INTAKE)
        require_state(case, "merge")
        merge_into(uow, case, into)
        uow.session.flush()
        return CaseInfo.of(case)


def check_mergeable(uow: UnitOfWork, into: Case, township_ids: set[int], case_id: int | None = None) -> None:
    """Refuse a merge into `into` unless it is another open case and the acting user takes in
    requests in every township concerned (the duplicate's and its)."""
    if into.id == case_id or not into.state.is_open:
        raise ValidationFailed(f"不能并入案件 {into.number}:只能并入另一件未办结的案件", field="into_case_id")
    for township_id in sorted(township_ids | {into.township_id}):
        township = uow.session.get(Place, township_id)
        uow.require(Permission.INTAKE, township.code, township.short_name)


def merge_into(uow: UnitOfWork, case: Case, into: Case) -> None:
    """Close `case` as a duplicate of `into`, noted on both timelines, in the caller's transaction."""
    check_mergeable(uow, into, {case.township_id}, case.id)
    uow.target = f"case:{case.id}"  # the duplicate's event, whichever case was loaded last
    case.merged_into_id = into.id
    case.closed_at = utcnow()
    case.due_at = None
    record(uow, case, "merged", f"作为重复诉求并入案件 {into.number}", to_state=CaseState.MERGED, into=into.number)
    record(uow, into, "merged_in", f"案件 {case.number} 作为重复诉求并入本案", duplicate=case.number)
    # The duplicates merged into `case` before go on with it: their requesters are told by `into`.
    for earlier in uow.session.scalars(select(Case).where(Case.merged_into_id == case.id, Case.id != case.id)):
        earlier.merged_into_id = into.id
        record(uow, earlier, "merged", f"随案件 {case.number} 一并并入案件 {into.number}", into=into.number)
        record(uow, into, "merged_in", f"案件 {earlier.number} 随案件 {case.number} 一并并入本案",
               duplicate=earlier.number)
    uow.audit(f"案件 {case.number} 并入 {into.number}", case=case.number, event="merged")


def unmerge(db: Database, actor: Actor, *, case_id: int, reason: str, expected_version: int) -> CaseInfo:
    """Undo a merge made by mistake (Art. 16: each request is handled): the case leaves the case it
    was merged into and goes back to the state it was merged from (待受理 for one imported merged).

    Needs the intake right where the case is handled, as merging does. Duplicates that had been merged
    into this case before and went on with the other stay there; 督办 orders ended by the merge are
    not revived (supervise again if needed).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("撤销合并的理由(reason):请写明为何并非同一诉求", field="reason")
    with unit_of_work(db, actor, "cases.unmerge") as uow:
        into_id = uow.session.scalar(select(Case.merged_into_id).where(Case.id == case_id))
        # Both rows locked in id order, as merge locks its rows.
        locked = {i: load_case(uow, i, None) for i in sorted({case_id, into_id or case_id})}
        case = locked[case_id]
        if case.version != expected_version:
            raise stale(uow, case)
        uow.target = f"case:{case.id}"  # the undone duplicate's, whichever case was loaded last
        require_on_case(uow, case, Permission.INTAKE)
        require_state(case, "unmerge")
        into = locked[case.merged_into_id]
        # The other case's timeline is written too: its township's intake right, as merging needed.
        township = uow.session.get(Place, into.township_id)
        uow.require(Permission.INTAKE, township.code, township.short_name)
        before = uow.session.scalar(
            select(CaseEvent.from_state).where(CaseEvent.case_id == case.id, CaseEvent.kind == "merged",
                                               CaseEvent.to_state == CaseState.MERGED.value,
                                               CaseEvent.from_state != CaseState.MERGED.value)
            .order_by(CaseEvent.id.desc()).limit(1))
        back_to = CaseState(before) if before else CaseState.RECEIVED
        case.merged_into_id, case.closed_at = None, None
        record(uow, case, "unmerged", f"撤销合并,不再并入案件 {into.number}:{reason}", to_state=back_to,
               into=into.number, reason=reason)
        record(uow, into, "unmerged_out", f"案件 {case.number} 撤销合并,不再并入本案:{reason}",
               duplicate=case.number, reason=reason)
        uow.session.flush()
        return CaseInfo.of(case)
