"""Writing validated incoming requests as new cases, in bulk and all-or-nothing.

Both file formats (Open311 JSON, the CSV of the case table) parse into `IncomingRequest`s
that name their place in the file; this module checks what needs the database (grid, township,
matter item, duplicates, permission) and then inserts every case and its "imported" timeline
event with SQLAlchemy Core executemany — one audit entry for the whole file.

Imported requests come from another platform (Channel.PLATFORM): open ones start as received
(待受理: the center takes them over), closed ones are recorded closed with their result. The
detailed state of the source system is kept in the timeline event; it is not applied here,
because the dispatches behind it do not exist in this database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db import Database
from ...models import Case, CaseEvent, Place, utcnow
from ...models.enums import CaseState, Channel, HandlingLevel, MatterComplexity, PlaceLevel
from ..clock import BEIJING
from ..matters import lists_in_force
from ..numbering import reserve_numbers
from ..places import get_place
from ..routing import NO_GRID, GridRouter
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .problems import Problems

_CHUNK = 1000  # bound parameters per IN (...) lookup


@dataclass
class IncomingRequest:
    """One request read from a file; `where` names it in the file for error messages."""

    where: str
    external_id: str
    service_code: str
    description: str
    requested_at: datetime
    title: str | None = None
    updated_at: datetime | None = None
    expected_at: datetime | None = None
    closed: bool = False
    status_notes: str | None = None
    address: str | None = None
    lon: float | None = None
    lat: float | None = None
    requester_name: str | None = None
    requester_phone: str | None = None
    source_state: str | None = None


@dataclass(frozen=True)
class ImportReport:
    imported: int
    closed: int
    unrouted: int
    by_township: dict[str, int] = field(default_factory=dict)
    first_number: str | None = None
    last_number: str | None = None


@dataclass(frozen=True)
class _Item:
    id: int
    category: object
    urgent: bool


class _Places:
    """The place tree as parent links, to find a grid's village, township and county."""

    def __init__(self, session: Session):
        rows = session.execute(select(Place.id, Place.parent_id, Place.level, Place.code))
        self.parent, self.level, self.code = {}, {}, {}
        for place_id, parent_id, level, code in rows:
            self.parent[place_id], self.level[place_id], self.code[place_id] = parent_id, level, code

    def up_to(self, place_id: int, level: PlaceLevel) -> int | None:
        while place_id is not None and self.level[place_id] is not level:
            place_id = self.parent[place_id]
        return place_id


def _items_in_force(session: Session, township: Place) -> dict[str, _Item]:
    today = utcnow().astimezone(BEIJING).date()
    items: dict[str, _Item] = {}
    for matter_list in lists_in_force(session, township, today):
        for item in matter_list.items:
            items.setdefault(item.code, _Item(item.id, item.category, item.complexity is MatterComplexity.URGENT))
    return items


def _already_imported(session: Session, external_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(external_ids), _CHUNK):
        chunk = external_ids[start:start + _CHUNK]
        found.update(session.scalars(select(Case.external_id).where(Case.external_id.in_(chunk))))
    return found


def _title(request: IncomingRequest) -> str:
    text = (request.title or request.description).strip().splitlines()[0]
    return text[:60]


def import_requests(db: Database, actor: Actor, requests: list[IncomingRequest], problems: Problems, *,
                    township_code: str | None = None, source: str = "open311") -> ImportReport:
    """Insert the requests as cases, or nothing at all if any row is bad (named in the error).

    Located requests go to their grid (GridRouter); the others to `township_code`, on its
    triage list (no grid). Needs Permission.EXCHANGE in every township written to.
    """
    with unit_of_work(db, actor, "cases.import", target=source) as uow:
        session = uow.session
        tree = _Places(session)
        default_township = None
        if township_code:
            default_township = get_place(session, township_code)
            if default_township.level is not PlaceLevel.TOWNSHIP:
                problems.add("参数 --township", None, f"{default_township.short_name}({default_township.code})不是乡镇(街道)")
        located = [r for r in requests if r.lon is not None]
        grid_of: dict[int, int] = {}
        if located:
            routed = GridRouter.load(session).route_many([r.lon for r in located], [r.lat for r in located])
            grid_of = {id(r): int(g) for r, g in zip(located, routed) if g != NO_GRID}

        seen: dict[str, str] = {}
        existing = _already_imported(session, [r.external_id for r in requests])
        items_by_township: dict[int, dict[str, _Item]] = {}
        planned = []
        for request in requests:
            if request.external_id in seen:
                problems.add(request.where, "service_request_id",
                             f"编号 {request.external_id} 与{seen[request.external_id]}重复")
                continue
            seen[request.external_id] = request.where
            if request.external_id in existing:
                problems.add(request.where, "service_request_id", f"编号 {request.external_id} 已导入过,不能重复导入")
                continue
            grid_id = grid_of.get(id(request))
            if grid_id is not None:
                township_id = tree.up_to(grid_id, PlaceLevel.TOWNSHIP)
            elif default_township is not None:
                township_id = default_township.id
            else:
                reason = "坐标不在任何网格内" if request.lon is not None else "没有坐标"
                problems.add(request.where, "lat/long", f"{reason},无法确定所属乡镇(街道);请用 --township 指定")
                continue
            if township_id not in items_by_township:
                items_by_township[township_id] = _items_in_force(session, session.get(Place, township_id))
            item = items_by_township[township_id].get(request.service_code)
            if item is None:
                problems.add(request.where, "service_code",
                             f"{request.service_code} 不是{tree.code[township_id]}现行事项清单中的事项编码")
                continue
            planned.append((request, grid_id, township_id, item))
        problems.raise_if_any()

        townships = {tid: session.get(Place, tid) for tid in {p[2] for p in planned}}
        for township in townships.values():
            uow.require(Permission.EXCHANGE, township.code, township.short_name)
        now = utcnow()
        year = now.astimezone(BEIJING).year
        counts = defaultdict(int)
        for _, _, township_id, _ in planned:
            counts[township_id] += 1
        reserved_numbers = {tid: reserve_numbers(session, townships[tid], year, n) for tid, n in counts.items()}
        numbers = {tid: iter(reserved) for tid, reserved in reserved_numbers.items()}

        rows = []
        for request, grid_id, township_id, item in planned:
            state = CaseState.CLOSED if request.closed else CaseState.RECEIVED
            rows.append(dict(
                number=next(numbers[township_id]), channel=Channel.PLATFORM, external_id=request.external_id,
                requester_name=request.requester_name, requester_phone=request.requester_phone,
                title=_title(request), description=request.description, category=item.category,
                matter_item_id=item.id, lon=request.lon, lat=request.lat, address=request.address,
                county_id=tree.up_to(township_id, PlaceLevel.COUNTY), township_id=township_id,
                village_id=tree.up_to(grid_id, PlaceLevel.VILLAGE) if grid_id else None, grid_id=grid_id,
                state=state, level=HandlingLevel.TOWNSHIP, urgent=item.urgent, received_at=request.requested_at,
                due_at=request.expected_at, closed_at=(request.updated_at or now) if request.closed else None,
                resolution=request.status_notes if request.closed else None,
                created_at=now, updated_at=request.updated_at or now, updated_by=actor.display_name,
            ))
        if rows:
            # Core executemany without RETURNING (SQLite would fall back to one row per statement);
            # the new ids are then read back by the reserved numbers, a range on a unique index.
            session.execute(Case.__table__.insert(), rows)
            ids = {}
            for township_id, reserved in reserved_numbers.items():
                ids.update(session.execute(select(Case.number, Case.id).where(
                    Case.number.between(reserved[0], reserved[-1]), Case.township_id == township_id)).all())
            session.execute(CaseEvent.__table__.insert(), [
                dict(case_id=ids[row["number"]], at=now, kind="imported", actor_id=actor.user_id,
                     actor_name=actor.display_name, desktop=actor.desktop, to_state=row["state"].value,
                     message=f"由{source}文件导入(外部编号 {row['external_id']})",
                     detail={"source": source, "external_id": row["external_id"], "source_state": request.source_state})
                for row, request in zip(rows, (p[0] for p in planned))
            ])
        by_township = {townships[tid].code: n for tid, n in counts.items()}
        report = ImportReport(
            imported=len(rows), closed=sum(1 for r in rows if r["state"] is CaseState.CLOSED),
            unrouted=sum(1 for r in rows if r["grid_id"] is None), by_township=by_township,
            first_number=rows[0]["number"] if rows else None, last_number=rows[-1]["number"] if rows else None,
        )
        uow.audit(f"从{source}文件导入 {report.imported} 件诉求(其中已办结 {report.closed} 件,待分拨 {report.unrouted} 件)",
                  imported=report.imported, closed=report.closed, unrouted=report.unrouted, by_township=by_township)
        for township_id in townships:
            uow.changed("cases", None, township_id=township_id, note=f"imported {counts[township_id]}")
        return report

