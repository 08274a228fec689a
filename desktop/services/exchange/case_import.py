"""Writing validated incoming requests as new cases, in bulk and all-or-nothing.

Both file formats (Open311 JSON, the CSV of the case table) parse into `IncomingRequest`s
that know their row in the file; this module checks what needs the database (grid, township,
matter item, duplicates, permission) and then writes every case and its "imported" timeline
event through `bulk` (COPY on PostgreSQL, multi-row INSERT on SQLite) — one transaction and
one audit entry for the whole file.

Imported requests come from another platform (Channel.PLATFORM): open ones start as received
(待受理: the center takes them over), closed ones are recorded closed with their result. The
detailed state of the source system is kept in the timeline event; it is not applied here,
because the dispatches behind it do not exist in this database. A case is numbered in the
year its request was received (Beijing time), like the cases taken in that year.

A request marked urgent there (紧急) is urgent here: urgency is a fact of the request, and sets
its deadlines. A supervision order (督办) is not: it is a decision of that database's leaders on
their handling, and the case here is handled afresh. It is neither refused (the file is right to
carry it) nor dropped without a word: the source's order is kept in the "imported" event, and the
report counts the requests that had one (`ImportReport.supervised`), for the leaders here to decide.

A GridDesk export carries two things other platforms do not: a case taken in under no matter
item (its category alone; the service code is then the category's), and a duplicate merged into
another case (Art. 16), which comes back merged into that case — found in the same file or
among the cases imported here before under its id — or is refused by name, never turned into a
case closed on its own.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

from sqlalchemy import any_, bindparam, exists, func, select, text, union_all, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...db import Database
from ...errors import Conflict, PermissionDenied
from ...models import Case, CaseEvent, Grid, MatterItem, Place, utcnow
from ...models.enums import (
    CaseState,
    Channel,
    GridStatus,
    HandlingLevel,
    MatterComplexity,
    PlaceLevel,
    SupervisionLevel,
)
from ...models.texts import unstorable
from ..cases.intake import coordinate_problem, phone_problem
from ..clock import BEIJING, beijing_text
from ..matters import lists_in_force
from ..numbering import reserve_numbers
from ..places import get_place, not_a_township
from ..routing import NO_GRID, GridRouter
from ..security import Actor, Permission
from ..unit_of_work import UnitOfWork, unit_of_work
from . import bulk
from .problems import Problems, Shared

ProgressReport = Callable[[int, int, str], None]  # (done, total, what); raising from it cancels


@dataclass(slots=True)
class IncomingRequest:
    """One request read from a file; `row` is its index there (Problems names it for the user)."""

    row: int
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
    grid_code: str | None = None  # the grid a file exported from a GridDesk database names
    origin_id: str | None = None  # the id the request came with into that database, if it came from elsewhere
    closed_at: datetime | None = None  # when a closed request was closed, where the file says it apart from updated_at
    category: str | None = None  # the MatterCategory value of a request taken in under no matter item
    merged_into: str | None = None  # the request (its id in the file, or a case here) a duplicate was merged into
    source_fields: dict[str, object] | None = None  # what the source said that no column holds, kept on the timeline
    urgent: bool = False  # marked urgent there (紧急): handled within hours here too, whatever its matter item
    supervision: str | None = None  # the SupervisionLevel value of the source's order (督办), which does not carry over


@dataclass(frozen=True)
class FieldNames:
    """What a file format calls the fields named in the problems found: the database checks', and
    the text checks' (`texts`: IncomingRequest attribute → the file's name for it)."""

    request_id: str
    place: str
    service_code: str
    grid: str
    texts: dict[str, str] = field(default_factory=dict)


OPEN311_FIELDS = FieldNames(
    request_id="service_request_id", place="lat/long", service_code="service_code", grid="griddesk.grid_code",
    texts={"external_id": "service_request_id", "service_code": "service_code", "description": "description",
           "title": "griddesk.title", "status_notes": "status_notes", "address": "address",
           "source_state": "griddesk.state", "grid_code": "griddesk.grid_code", "origin_id": "griddesk.external_id",
           "merged_into": "griddesk.merged_into", "requester_name": "first_name/last_name", "requester_phone": "phone"},
)

# The longest text each field may hold: its column's length (description and result are unbounded).
_LIMITS = {attribute: column.type.length for attribute, column in (
    ("external_id", Case.external_id), ("title", Case.title), ("address", Case.address),
    ("requester_name", Case.requester_name), ("requester_phone", Case.requester_phone), ("grid_code", Place.code),
    ("origin_id", Case.external_id), ("merged_into", Case.external_id),
    ("service_code", MatterItem.code),
)}


def text_problems(request: IncomingRequest, fields: FieldNames) -> list[tuple[str, str]]:
    """What keeps the request's texts from being kept as they are, as (field, message): a character
    no column can hold, or more characters than the column holds. Nothing is cut or cleaned here."""
    found = []
    for attribute, name in fields.texts.items():
        value = getattr(request, attribute)
        if value is None:
            continue
        why = unstorable(value)
        limit = _LIMITS.get(attribute)
        if why:
            found.append((name, why))
        elif limit and len(value) > limit:
            found.append((name, f"有 {len(value)} 个字,超过上限 {limit} 个字;请缩短后重新导入"))
    return found


def value_problems(request: IncomingRequest, fields: FieldNames) -> list[tuple[str, str]]:
    """What the new-case form would refuse in the request's point and phone, as (field, message): a point far
    off Beihai and its sea (0, 0 for "unknown", another city's), which lay in no grid and went to the triage
    list as if it were near; a phone no one can call (不详, tel:…). A masked phone is told apart
    (note_masked_phone)."""
    found = []
    if request.lon is not None and request.lat is not None and (problem := coordinate_problem(request.lon, request.lat)):
        found.append((fields.place, problem))
    phone = request.requester_phone
    # Too long for its column is told by text_problems; masked, by note_masked_phone.
    if phone and "*" not in phone and len(phone) <= _LIMITS["requester_phone"] and (problem := phone_problem(phone)):
        found.append((fields.texts["requester_phone"], problem + ";不知道号码请留空"))
    return found


_MASKED_WHY = "导出这个文件的用户无权查看个人信息,号码中间几位已遮去,Art. 15"


def note_masked_phone(request: IncomingRequest, fields: FieldNames, problems: Problems) -> None:
    """Refuse a phone masked by an export for a user who may not see personal data (Art. 15): the number
    is gone. An export masks every phone of the file, so many rows are told in one line; the request is
    still checked against the database, for a file already imported to be told so first."""
    phone = request.requester_phone
    if phone and "*" in phone:
        name = fields.texts["requester_phone"]
        problems.add(request.row, name, f"{phone} 是遮挡过的号码({_MASKED_WHY}),原号码无法还原;"
                                        "请由有权查看个人信息的用户重新导出后再导入,或清空这一项",
                     shared=Shared(name, f"是遮挡过的号码(这个文件导出时号码已遮挡:{_MASKED_WHY}),原号码无法还原;"
                                         "请由有权查看个人信息的用户重新导出后再导入,或清空这些号码"))


# Times a request can carry. Outside them a date was mistyped or mis-converted (a year 2099, a
# 1900 "empty" date, a deadline before the request); refused rather than numbered in that year.
EARLIEST = datetime(2000, 1, 1, tzinfo=BEIJING)
CLOCK_SLACK = timedelta(hours=1)  # another system's clock may run a little ahead of ours
LONGEST_DEADLINE = timedelta(days=366)


def time_problems(requested: tuple[str, datetime | None], updated: tuple[str, datetime | None],
                  expected: tuple[str, datetime | None], now: datetime) -> list[tuple[str, str]]:
    """What cannot be right about a request's times, as (field, message): each (field name, time)."""
    (requested_name, received), (updated_name, changed), (expected_name, due) = requested, updated, expected
    if received is None:
        return []
    latest = now + CLOCK_SLACK
    if EARLIEST <= received <= latest:
        bad = []
        if changed is not None and not received <= changed <= latest:
            bad.append((updated_name, "应在受理时间 {} 与现在之间"))
        if due is not None and not received <= due <= received + LONGEST_DEADLINE:
            bad.append((expected_name, "应在受理时间 {} 之后一年以内"))
    else:
        bad = [(requested_name, "{} 早于 2000 年,请检查日期" if received < EARLIEST else "{} 晚于现在,请检查日期")]
    # As written (converting a year-9999 time would overflow), and only for a bad row.
    shown = received.isoformat(" ", "minutes") if bad else ""
    return [(name, message.format(shown)) for name, message in bad]


@dataclass(frozen=True)
class ImportReport:
    imported: int
    closed: int
    unrouted: int  # of those received: on the triage list, with no grid yet
    by_township: dict[str, int] = field(default_factory=dict)
    first_number: str | None = None
    last_number: str | None = None
    merged: int = 0  # duplicates that came in merged into another case (not counted as closed)
    supervised: int = 0  # of those imported: under a supervision order (督办) there, which stays there
    supervised_numbers: tuple[str, ...] = ()  # their numbers here, for the center to decide on

    @property
    def received(self) -> int:
        """Those that came in open, for the center to take over (待受理)."""
        return self.imported - self.closed - self.merged


@dataclass(frozen=True)
class _Item:
    id: int | None  # None: a case taken in under its category alone
    category: str  # the stored value of MatterCategory
    urgent: bool


@dataclass(frozen=True)
class _Where:
    """Where a case lands: the ids kept on the case row for subtree filters."""

    county_id: int
    township_id: int
    village_id: int | None
    grid_id: int | None


class _Places:
    """The place tree as parent links, to find a grid's village, township and county."""

    def __init__(self, session: Session):
        rows = session.execute(select(Place.id, Place.parent_id, Place.level, Place.code, Place.short_name))
        self.parent, self.level, self.code, self.name = {}, {}, {}, {}
        for place_id, parent_id, level, code, short_name in rows:
            self.parent[place_id], self.level[place_id], self.code[place_id] = parent_id, level, code
            self.name[place_id] = f"{short_name}({code})"

    def up_to(self, place_id: int, level: PlaceLevel) -> int | None:
        while place_id is not None and self.level[place_id] is not level:
            place_id = self.parent[place_id]
        return place_id

    def where(self, township_id: int, grid_id: int | None) -> _Where:
        village_id = self.up_to(grid_id, PlaceLevel.VILLAGE) if grid_id is not None else None
        return _Where(self.up_to(township_id, PlaceLevel.COUNTY), township_id, village_id, grid_id)


Planned = list[tuple[IncomingRequest, _Where, _Item]]  # each request placed, with its matter item


def _items_in_force(session: Session, township: Place) -> dict[str, _Item]:
    today = utcnow().astimezone(BEIJING).date()
    items: dict[str, _Item] = {}
    for matter_list in lists_in_force(session, township, today):
        for item in matter_list.items:
            items.setdefault(item.code, _Item(item.id, item.category.value,
                                              item.complexity is MatterComplexity.URGENT))
    return items


class _Here(NamedTuple):
    """A case of this database that an id of the file names."""

    number: str
    imported: bool  # the id is the case's external id (imported before), not its number
    received_at: datetime
    id: int
    state: CaseState
    township_id: int


def _existing_cases(session: Session, request_ids: list[str]) -> dict[str, _Here]:
    """The cases that the ids name, as their external id (imported before) or as their number (a file
    exported from this database).

    One statement with ONE parameter (an array, a JSON list on SQLite): compiling an IN (…) of 100,000
    bound parameters costs more than the lookup. Each column is matched in its own branch of a UNION
    ALL, so that both read their unique index.
    """
    if session.get_bind().dialect.name == "postgresql":
        listed = any_(bindparam("ids", request_ids, type_=postgresql.ARRAY(Case.external_id.type)))
        by_external_id, by_number = Case.external_id == listed, Case.number == listed
    else:
        listed = select(text("value")).select_from(func.json_each(bindparam("ids", json.dumps(request_ids))))
        by_external_id = Case.external_id.in_(listed.scalar_subquery())
        by_number = Case.number.in_(listed.scalar_subquery())
    columns = (Case.number, Case.external_id, Case.received_at, Case.id, Case.state, Case.township_id)
    rows = session.execute(union_all(select(*columns).where(by_external_id), select(*columns).where(by_number)))
    wanted = set(request_ids)
    found: dict[str, _Here] = {}
    for number, external_id, received_at, case_id, state, township_id in rows:
        if external_id in wanted:  # imported under this id: say so, even if a number reads the same
            found[external_id] = _Here(number, True, received_at, case_id, state, township_id)
        if number in wanted:
            found.setdefault(number, _Here(number, False, received_at, case_id, state, township_id))
    return found


def _same_moment(a: datetime, b: datetime) -> bool:
    """Equal to the minute: an Open311 export carries seconds, a CSV or XLSX export only minutes."""
    def minute(moment: datetime) -> datetime:
        return moment.astimezone(timezone.utc).replace(second=0, microsecond=0)
    return minute(a) == minute(b)


def _already_here(problems: Problems, request: IncomingRequest, field_name: str, number: str, imported: bool) -> None:
    """Refuse a request that names an existing case, saying what to do about it; rows already here are
    told before the others (see Shared), for a file imported again is told so first, not row by row."""
    request_id = request.external_id
    if imported:
        problems.add(request.row, field_name,
                     f"编号 {request_id} 已导入为本库案件 {number};这个文件可能已经导入过,请删去已导入的行后再导入",
                     shared=Shared(field_name, "已导入为本库案件(如 {examples});这个文件可能已经导入过,"
                                               "请删去已导入的行后再导入", first=True),
                     example=f"编号 {request_id} 即本库案件 {number}")
    else:
        problems.add(request.row, field_name,
                     f"编号 {request_id} 与本库已有案件 {number} 的编号和受理时间都相同(这一行多半导出自本库),"
                     f"不能再导入为新案件;请删去这一行后再导入",
                     shared=Shared(field_name, "与本库已有案件的编号和受理时间都相同(如 {examples}),这些行多半导出自"
                                               "本库,不能再导入为新案件;请删去这些行后再导入", first=True),
                     example=number)


_NOT_YOURS = "所在案件不属于你可导入的乡镇(街道),不予显示(Art. 15)"


def _used_elsewhere(problems: Problems, request: IncomingRequest, field_name: str, request_id: str) -> None:
    """Refuse a request that names a case of a township the importer may not import into, saying
    nothing of that case (its number, its place): the id cannot be taken twice, and that is all."""
    problems.add(request.row, field_name,
                 f"编号 {request_id} 在本库已被使用,不能再导入为新案件({_NOT_YOURS});"
                 f"请核实编号,或删去这一行后再导入",
                 shared=Shared(field_name, f"编号在本库已被使用,不能再导入为新案件({_NOT_YOURS});"
                                           "请核实编号,或删去这些行后再导入", first=True))


DERIVED_TITLE = 60  # a title made from the description's first line, when the file gives none


def _come_back(problems: Problems, request: IncomingRequest, field_name: str, number: str) -> None:
    """Refuse a request passed on through another database and back (told first, as _already_here)."""
    request_id, origin_id = request.external_id, request.origin_id
    problems.add(request.row, field_name,
                 f"编号 {request_id} 的诉求原编号为 {origin_id},即本库案件 {number}:它经另一个库转来又转回,本库已有;"
                 f"请删去这一行后再导入",
                 shared=Shared(field_name, "诉求经另一个库转来又转回,本库已有(如 {examples});请删去这些行后再导入",
                               first=True),
                 example=f"编号 {request_id} 原编号 {origin_id} 即本库案件 {number}")


def _title(request: IncomingRequest) -> str:
    if request.title:
        return request.title  # as the file gives it (text_problems checked its length)
    return request.description.strip().splitlines()[0][:DERIVED_TITLE]


def _plan(uow: UnitOfWork, requests: list[IncomingRequest], problems: Problems,
          township_code: str | None, fields: FieldNames) -> tuple[Planned, dict[str, _Here]]:
    """Where each request goes and under which matter item; every row that cannot be placed is named.
    Also the cases here that duplicates are merged into (see _link_duplicates).

    The importer's right in each township the rows go to is checked before anything of the cases
    here is told (_refuse_rows_elsewhere); a case here in a township the importer may not import into
    is told by nothing but that its id is taken (Art. 15)."""
    session = uow.session
    tree = _Places(session)
    default_township = None
    if township_code:
        default_township = get_place(session, township_code)
        if why := not_a_township(default_township):
            problems.add("参数 --township", None, why)
    located = [r for r in requests if r.lon is not None]
    grid_of: dict[int, int] = {}
    if located:
        routed = GridRouter.load(session).route_many([r.lon for r in located], [r.lat for r in located])
        grid_of = {r.row: int(g) for r, g in zip(located, routed.tolist()) if g != NO_GRID}
    named = {r.grid_code for r in requests if r.grid_code}
    grid_named = dict(session.execute(select(Place.code, Place.id).join(Grid, Grid.place_id == Place.id).where(
        Place.code.in_(named), Grid.status == GridStatus.ACTIVE)).all()) if named else {}
    # No grid in use at all: one sentence says what to do first, instead of a line per row.
    no_grids = bool(named) and not grid_named and not session.scalar(
        select(exists().where(Grid.status == GridStatus.ACTIVE)))
    unplaced = 0

    def grid_of_row(request: IncomingRequest) -> int | None:
        """The grid the file names (a vessel group's grid has no place to route to; an operator may
        have moved the case to a grid its point is not in), else the coordinates'."""
        return grid_named.get(request.grid_code) if request.grid_code else grid_of.get(request.row)

    may_import = _Rights(uow.actor, tree)
    _refuse_rows_elsewhere(uow, problems, may_import, requests, grid_of_row,
                           None if default_township is None or not_a_township(default_township) else default_township)
    existing = _existing_cases(session, [r.external_id for r in requests] + [r.origin_id for r in requests if r.origin_id]
                               + [r.merged_into for r in requests if r.merged_into])
    here: list[tuple[str, str | None, bool]] = []  # (request id, case number or None if not told, imported before)
    seen: dict[str, int] = {}
    wheres: dict[int | None, _Where] = {}
    items: dict[int, dict[str, _Item]] = {}
    planned = []
    for request in requests:
        external_id = request.external_id
        if external_id in seen:
            problems.add(request.row, fields.request_id, f"编号 {external_id} 在文件中出现多次",
                         duplicate_of=seen[external_id])
            continue
        seen[external_id] = request.row
        if external_id in existing:
            number, imported, received_at, *_, township_id = existing[external_id]
            # A number of this database with another receiving time is another system's id that
            # reads the same (two databases of one township number their cases alike): a new case.
            if imported or _same_moment(received_at, request.requested_at):
                if may_import(township_id):
                    _already_here(problems, request, fields.request_id, number, imported)
                else:
                    _used_elsewhere(problems, request, fields.request_id, external_id)
                    number = None
                here.append((external_id, number, imported))
                continue
        if request.origin_id in existing:  # passed on through another database, and back
            number, imported, received_at, *_, township_id = existing[request.origin_id]
            if imported or _same_moment(received_at, request.requested_at):
                if may_import(township_id):
                    _come_back(problems, request, fields.texts["origin_id"], number)
                else:
                    _used_elsewhere(problems, request, fields.texts["origin_id"], request.origin_id)
                    number = None
                here.append((external_id, number, imported))
                continue
        if request.grid_code and no_grids:
            unplaced += 1
            continue
        if request.grid_code and request.grid_code not in grid_named:
            problems.add(request.row, fields.grid, f"{request.grid_code} 不是本库在用的网格(可能已撤销,或来自另一个库的"
                                                   f"网格);请改为在用网格的代码,或不填,按坐标归入")
            continue
        grid_id = grid_of_row(request)
        if grid_id is None and default_township is None:
            reason = "坐标不在任何网格内" if request.lon is not None else "没有坐标"
            problems.add(request.row, fields.place,
                         f"{reason},无法确定归入哪个乡镇(街道);请指定归入的乡镇(街道)后重新导入:"
                         f"命令行加 --township 乡镇代码,导入窗口选“乡镇(街道)”")
            continue
        where = wheres.get(grid_id)  # one per grid; None: the default township's triage list
        if where is None:
            township_id = tree.up_to(grid_id, PlaceLevel.TOWNSHIP) if grid_id is not None else default_township.id
            where = wheres[grid_id] = tree.where(township_id, grid_id)
        township_items = items.get(where.township_id)
        if township_items is None:
            township_items = items[where.township_id] = _items_in_force(
                session, session.get(Place, where.township_id))
        item = township_items.get(request.service_code)
        if item is None and request.category and request.service_code == request.category:
            item = _Item(None, request.category, False)  # exported from a case taken in under no item
        if item is None:
            problems.add(request.row, fields.service_code,
                         f"{request.service_code} 不是 {tree.name[where.township_id]} 现行事项清单中的事项编码"
                         f"(现行事项见“事项清单”面板,或 griddesk-admin matters in-force "
                         f"--place {tree.code[where.township_id]})")
            continue
        planned.append((request, where, item))
    if unplaced:
        problems.add("文件", fields.grid, f"文件中有 {unplaced} 件诉求指明了所在网格,但本库还没有在用的网格;请先导入网格"
                                        f"(griddesk-admin grids import,或桌面“网格”中建立)再导入诉求")
    # Every row readable is here, and nothing else is wrong but masked phones (which leave no row out).
    if requests and len(here) == len(requests) and all(found.shared for found in problems.found):
        _whole_file_here(problems, here)
    return _link_duplicates(requests, planned, existing, problems, fields, may_import)


class _Rights:
    """Whether the importer may import into a township (Permission.EXCHANGE), asked once per township."""

    def __init__(self, actor: Actor, tree: _Places):
        self.actor, self.tree, self.known = actor, tree, {}

    def __call__(self, township_id: int) -> bool:
        if township_id not in self.known:
            self.known[township_id] = self.actor.can(Permission.EXCHANGE, self.tree.code[township_id])
        return self.known[township_id]


def _refuse_rows_elsewhere(uow: UnitOfWork, problems: Problems, may_import: _Rights,
                           requests: list[IncomingRequest], grid_of_row: Callable[[IncomingRequest], int | None],
                           default_township: Place | None) -> None:
    """Refuse, on record, the rows going to a township the importer may not import into, naming the
    rows and the township, before anything of the cases here is looked at or told (Art. 15)."""
    refused: dict[int, list[int]] = {}
    for request in requests:
        grid_id = grid_of_row(request)
        if grid_id is not None:
            township_id = may_import.tree.up_to(grid_id, PlaceLevel.TOWNSHIP)
        elif default_township is not None and not request.grid_code:
            township_id = default_township.id
        else:
            continue  # not placed: told with the row's other problems
        if not may_import(township_id):
            refused.setdefault(township_id, []).append(request.row)
    if not refused:
        return
    uow.place_code = may_import.tree.code[next(iter(refused))]  # on record where it was refused, as require() puts it
    uow.audit(refused_rows={may_import.tree.code[township_id]: len(rows) for township_id, rows in refused.items()})
    said = ";".join(f"{problems.rows_named(rows)}归入 {may_import.tree.name[township_id]}"
                    for township_id, rows in refused.items())
    raise PermissionDenied(
        f"用户“{may_import.actor.display_name}”没有在这些乡镇(街道)导入诉求的权限(需有{Permission.EXCHANGE.label}"
        f"权限):{said};整个文件未导入,请删去这些行,或由该乡镇(街道)具有相应角色的用户导入",
        article="Art. 15")


def _link_duplicates(requests: list[IncomingRequest], planned: Planned, existing: dict[str, _Here],
                     problems: Problems, fields: FieldNames,
                     may_import: _Rights) -> tuple[Planned, dict[str, _Here]]:
    """Refuse, by name, each duplicate whose case it was merged into is neither another request of
    the file that imports (itself not merged) nor a case here in the same township (Art. 16); the
    others are kept, to be linked. Also the cases here they are merged into, by the name the file gives.

    A case here is that case only when it came from the file's database under that id (its external
    id): the file names the target by the number it has there, and a case numbered alike here is
    another request (two databases of one township number their cases alike).
    """
    merged = [(request, where) for request, where, _ in planned if request.merged_into]
    if not merged:
        return planned, {}
    in_file = {request.external_id: request for request, _, _ in planned}
    refused_rows = {request.external_id for request in requests} - in_file.keys()
    here = {r.merged_into: existing[r.merged_into] for r, _ in merged
            if r.merged_into not in in_file and r.merged_into in existing and existing[r.merged_into].imported}
    refused = set()
    for request, where in merged:
        target = in_file.get(request.merged_into)
        case = here.get(request.merged_into)
        number, state, township_id = (case.number, case.state, case.township_id) if case else (None, None, None)
        if request.merged_into == request.external_id:
            why = f"并入了它自己({request.external_id});请改为它所重复的那件诉求的编号"
        elif target is not None and target.merged_into:
            why = _merged_further(request, in_file)
        elif target is None and request.merged_into in refused_rows:
            why = f"所并入的 {request.merged_into} 在本文件中,但那一行有误未能导入;请一并改正"
        elif (target is None and state is None and request.merged_into in existing
              and not may_import(existing[request.merged_into].township_id)):
            why = (f"所并入的案件 {request.merged_into} 不在本文件中,也不是从来源库导入本库的案件;"
                   f"请连同所并入的案件一并导出后导入,或删去这一行")
        elif target is None and state is None and request.merged_into in existing:
            why = (f"所并入的案件 {request.merged_into} 不在本文件中,也不是从来源库导入本库的案件:本库案件 "
                   f"{request.merged_into} 只是编号相同,是另一件诉求;请连同所并入的案件一并导出后导入,或删去这一行")
        elif target is None and state is None:
            why = (f"所并入的案件 {request.merged_into} 既不在本文件中,也不是本库案件;请连同该案件一并导出后导入,"
                   f"或删去这一行")
        elif state is not None and not may_import(township_id):
            why = (f"所并入的 {request.merged_into} 在本库已被使用({_NOT_YOURS});重复诉求只并入本乡镇的案件,"
                   f"请核实后办理")
        elif state is CaseState.MERGED:
            why = f"所并入的本库案件 {number} 本身也已合并;请改为并入它最终并入的案件"
        elif state is not None and township_id != where.township_id:
            why = f"所并入的本库案件 {number} 属于另一个乡镇(街道);重复诉求只并入本乡镇的案件,请在桌面上核实后办理"
        else:
            continue
        problems.add(request.row, fields.texts["merged_into"], why)
        refused.add(request.row)
    return [entry for entry in planned if entry[0].row not in refused], here


def _hold_targets(session: Session, targets_here: dict[str, _Here]) -> dict[str, _Here]:
    """The cases here that duplicates are merged into, row-locked (in id order, as a merge at a desk
    locks its rows) and as they are now: another desk may have merged one into a third case since the
    file was checked, and a duplicate must not come in merged into a case that is itself merged."""
    if not targets_here:
        return targets_here
    now = {row.id: row for row in session.execute(
        select(Case.id, Case.state, Case.updated_by, Case.updated_at)
        .where(Case.id.in_({here.id for here in targets_here.values()})).order_by(Case.id).with_for_update())}
    for here in targets_here.values():
        if now[here.id].state is CaseState.MERGED:
            raise Conflict(f"所并入的本库案件 {here.number} 刚被 {now[here.id].updated_by} 于 "
                           f"{beijing_text(now[here.id].updated_at, '%H:%M')} 并入其他案件,本文件未导入;"
                           "请改为并入它最终并入的案件后重新导入")
    return {key: here._replace(state=now[here.id].state) for key, here in targets_here.items()}


def _merged_further(request: IncomingRequest, in_file: dict[str, IncomingRequest]) -> str:
    """Why a duplicate merged into a request of the file that is itself merged is refused: the case the
    chain ends at, to merge it into directly, or the loop the chain runs into (no case is handled)."""
    chain = [request.external_id]
    current = request.merged_into
    while current in in_file and in_file[current].merged_into and current not in chain:
        chain.append(current)
        current = in_file[current].merged_into
    if current in chain:
        loop = chain[chain.index(current):] + [current]
        return (f"所并入的 {request.merged_into} 在 {' → '.join(loop)} 的并入环中,其中没有一件是最终办理的诉求;"
                f"请把其中一件改为不并入(由它办理),其余直接并入它")
    return f"所并入的 {request.merged_into} 本身也已并入 {in_file[request.merged_into].merged_into};请改为直接并入 {current}"


def _merged_into_ids(planned: Planned, ids: list[int], here: dict[str, _Here]) -> dict[int, int]:
    """{row: case id} of the duplicates: the id reserved for the request of the file, or the case here."""
    by_request = {request.external_id: case_id for (request, _, _), case_id in zip(planned, ids)}
    return {r.row: by_request.get(r.merged_into) or here[r.merged_into].id for r, _, _ in planned if r.merged_into}


def _whole_file_here(problems: Problems, here: list[tuple[str, str | None, bool]]) -> None:
    """Every row is a case already here: one sentence says so first, instead of a line per row; a summary
    of masked phones stays after it (they tell how the file was exported). The example is a case the
    importer may import into: where any is another township's, the rows are told as they were (_used_elsewhere)."""
    if any(number is None for _, number, _ in here):
        return
    request_id, number, _ = here[0]
    problems.found[:] = [found for found in problems.found if not found.shared.first]
    if all(imported for _, _, imported in here):
        problems.add("文件", None, f"文件中的 {len(here)} 件诉求都已导入过本库(例如编号 {request_id} 即本库案件 "
                                 f"{number}),这个文件已经导入过,没有新的诉求可导入")
    else:
        problems.add("文件", None, f"文件中的 {len(here)} 件诉求都是本库已有的案件(例如 {number}),这个文件多半导出自"
                                 f"本库,没有新的诉求可导入")


_CASE_COLUMNS = (
    "id", "number", "channel", "external_id", "requester_name", "requester_phone", "title", "description",
    "category", "matter_item_id", "lon", "lat", "address", "county_id", "township_id", "village_id", "grid_id",
    "state", "level", "urgent", "received_at", "due_at", "closed_at", "resolution", "created_at", "updated_at",
    "updated_by", "merged_into_id",
)
_EVENT_COLUMNS = ("case_id", "at", "kind", "actor_id", "actor_name", "desktop", "to_state", "message", "detail")


def _sent_text(value) -> str:
    """A kept field as the timeline shows it: text as it is, anything else as its JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _rows(session: Session, actor: Actor, planned: Planned, ids: list[int], numbers: list[str],
          targets_here: dict[str, _Here], source: str, report: ProgressReport) -> tuple[list[tuple], list[tuple]]:
    """The case rows and their "imported" timeline events, as driver-ready tuples (_CASE/_EVENT_COLUMNS);
    the duplicates' rows last, after the cases they were merged into (the reference is checked row by row).
    A case here that a duplicate is merged into gets a "merged_in" event, as a merge at the desk writes."""
    now = utcnow()
    stamp = bulk.stamp_for(session)
    now_stamp = stamp(now)
    merged_into = _merged_into_ids(planned, ids, targets_here)
    received, closed, merged = CaseState.RECEIVED.value, CaseState.CLOSED.value, CaseState.MERGED.value
    platform, township_level = Channel.PLATFORM.value, HandlingLevel.TOWNSHIP.value
    details: dict[str | None, str] = {}  # the event detail per source state, encoded once
    cases, events = [], []
    for index, (case_id, number, (request, where, item)) in enumerate(zip(ids, numbers, planned)):
        if index % bulk.CHUNK == 0:
            report(index, len(planned), "准备")
        into = merged_into.get(request.row)
        state = merged if into else closed if request.closed else received
        updated = stamp(request.updated_at) if request.updated_at else now_stamp
        finished = stamp(request.closed_at or request.updated_at) if request.closed else None
        cases.append((
            case_id, number, platform, request.external_id, request.requester_name, request.requester_phone,
            _title(request), request.description, item.category, item.id, request.lon, request.lat,
            request.address, where.county_id, where.township_id, where.village_id, where.grid_id, state,
            township_level, item.urgent or request.urgent, stamp(request.requested_at), stamp(request.expected_at),
            finished, request.status_notes if request.closed and not into else None,
            now_stamp, updated, actor.display_name, into,
        ))
        if (request.status_notes and not request.closed) or request.source_fields or request.supervision:
            noted = {"source_notes": request.status_notes} if request.status_notes and not request.closed else {}
            noted |= {"source_fields": request.source_fields} if request.source_fields else {}
            noted |= {"source_supervision": request.supervision} if request.supervision else {}
            detail = json.dumps({"source": source, "source_state": request.source_state, **noted}, ensure_ascii=False)
        else:
            detail = details.get(request.source_state)
            if detail is None:
                detail = details[request.source_state] = json.dumps(
                    {"source": source, "source_state": request.source_state}, ensure_ascii=False)
        notes = f";来源系统备注:{request.status_notes}" if request.status_notes and not request.closed else ""
        notes += f";作为重复诉求并入 {request.merged_into}" if into else ""
        if request.supervision:  # said where the operator reads the case: supervising it here is ours to decide
            notes += f";来源系统对其{SupervisionLevel(request.supervision).label},未随之导入,是否督办由本中心决定"
        if request.source_fields:
            notes += ";来源系统另有:" + ",".join(f"{key}={_sent_text(value)}" for key, value in request.source_fields.items())
        events.append((case_id, now_stamp, "imported", actor.user_id, actor.display_name, actor.desktop, state,
                       f"由{source}文件导入(外部编号 {request.external_id}{notes})", detail))
        if (target := targets_here.get(request.merged_into)) is not None and into == target.id:
            events.append((target.id, now_stamp, "merged_in", actor.user_id, actor.display_name, actor.desktop,
                           target.state.value, f"案件 {number} 作为重复诉求并入本案(由{source}文件导入)",
                           json.dumps({"duplicate": number, "source": source}, ensure_ascii=False)))
    cases.sort(key=lambda row: row[-1] is not None)  # stable: the file's order otherwise
    return cases, events


def import_requests(db: Database, actor: Actor, requests: list[IncomingRequest], problems: Problems, *,
                    township_code: str | None = None, source: str = "open311",
                    fields: FieldNames = OPEN311_FIELDS, progress: ProgressReport | None = None) -> ImportReport:
    """Insert the requests as cases, or nothing at all if any row is bad (named in the error, by `fields`).

    A request whose id names a case already here (its external id, or its number for a file
    exported from this database) or another row of the file is refused: a file imported twice
    adds nothing. A request naming a grid in use here (a GridDesk export's grid code) goes to that
    grid, and one naming another grid is refused; a located one goes to the grid it lies in
    (GridRouter); the others to `township_code`, on its triage list (no grid). Needs
    Permission.EXCHANGE in every township written to.
    `progress(done, total, what)` hears of the writing; if it raises (Cancel), nothing is written.
    """
    with unit_of_work(db, actor, "cases.import", target=source) as uow:
        session = uow.session
        planned, targets_here = _plan(uow, requests, problems, township_code, fields)
        problems.raise_if_any()

        townships = {tid: session.get(Place, tid) for tid in {where.township_id for _, where, _ in planned}}
        for township in townships.values():
            uow.require(Permission.EXCHANGE, township.code, township.short_name)

        # Before the numbers: a case, then a counter, as taking in a duplicate at a desk locks them.
        targets_here = _hold_targets(session, targets_here)
        # Numbered per township in the year each request was received (Beijing time), in file order.
        years = [request.requested_at.astimezone(BEIJING).year for request, _, _ in planned]
        counts = Counter((where.township_id, year) for (_, where, _), year in zip(planned, years))
        reserved = {key: iter(reserve_numbers(session, townships[key[0]], key[1], n))
                    for key, n in sorted(counts.items())}
        numbers = [next(reserved[where.township_id, year]) for (_, where, _), year in zip(planned, years)]
        ids = bulk.reserve_ids(session, Case.__table__, len(planned))

        report = progress or (lambda done, total, what: None)
        cases, events = _rows(session, actor, planned, ids, numbers, targets_here, source, report)
        try:
            bulk.insert_rows(session, Case.__table__, _CASE_COLUMNS, cases,
                             lambda done: report(done, len(cases), "写入案件"),
                             lambda built, count: report(built, count, "整理案件索引"))
        except IntegrityError as exc:
            if "external_id" not in str(exc.orig):
                raise
            # Checked free a moment ago: another import (this desk's or another's) wrote them meanwhile.
            raise Conflict("这个文件中的诉求刚刚已由另一个导入(本机或其他值班台)写入本库,本文件未导入;"
                           "请稍候在队列中查看,再导入时已导入的行会逐行列出") from exc
        bulk.insert_rows(session, CaseEvent.__table__, _EVENT_COLUMNS, events,
                         lambda done: report(done, len(events), "写入办理记录"),
                         lambda built, count: report(built, count, "整理办理记录索引"))
        if targets_here:  # changed, as a merge at a desk changes it: a panel open on one hears who did it
            session.execute(update(Case).where(Case.id.in_({here.id for here in targets_here.values()}))
                            .values(version=Case.version + 1, updated_by=actor.display_name, updated_at=utcnow())
                            .execution_options(synchronize_session=False))

        by_township = dict(Counter(townships[where.township_id].code for _, where, _ in planned))
        result = ImportReport(
            imported=len(cases), closed=sum(1 for request, _, _ in planned if request.closed and not request.merged_into),
            unrouted=sum(1 for request, where, _ in planned
                         if where.grid_id is None and not request.closed and not request.merged_into),
            by_township=by_township,
            first_number=numbers[0] if numbers else None, last_number=numbers[-1] if numbers else None,
            merged=sum(1 for request, _, _ in planned if request.merged_into),
            supervised=sum(1 for request, _, _ in planned if request.supervision),
            supervised_numbers=tuple(n for (request, _, _), n in zip(planned, numbers) if request.supervision),
        )
        merged = f",并入其他诉求 {result.merged} 件" if result.merged else ""
        supervised = f";{result.supervised} 件在来源系统受督办,督办未随之导入" if result.supervised else ""
        uow.audit(f"从{source}文件导入 {result.imported} 件诉求(待受理 {result.received} 件,其中待分拨 {result.unrouted} 件;"
                  f"已办结 {result.closed} 件{merged}{supervised})",
                  imported=result.imported, closed=result.closed, merged=result.merged, unrouted=result.unrouted,
                  supervised=result.supervised, by_township=result.by_township)
        for township_id, township in townships.items():
            uow.changed("cases", None, township_id=township_id, note=f"imported {by_township[township.code]}")
        return result
