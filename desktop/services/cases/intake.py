"""Intake of requests (Art. 16) and routing to the grid (Art. 7, 17).

A located request is routed to its grid (services.routing; exclusive grids before regular
ones) and registered there at once. A request without a location, or outside every grid,
stays "received" on the township's triage list until an operator names its grid or
dispatches it directly.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

import shapely
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ...db import Database
from ...errors import InvalidTransition, NotFound, ValidationFailed
from ...models import Case, Grid, MatterItem, Place
from ...models.places import CITY_REGION
from ...models.base import utcnow
from ...models.enums import CaseState, Channel, GridKind, GridStatus, HandlingLevel, MatterCategory, PlaceLevel
from ...said import Message
from ..clock import BEIJING
from ..matters import current_version_of
from ..numbering import reserve_numbers
from ..places import get_place
from ..queue import unrouted_condition
from ..routing import grid_extent, route_point
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .common import load_case, record, require_state, require_view
from .duplicates import DuplicateHint, check_mergeable, distance_m, find_duplicates, merge_into
from .results import CaseInfo, GridChoice


@dataclass(frozen=True)
class IntakeResult:
    case: CaseInfo
    grid_code: str | None  # None: on the triage list
    grid_name: str | None
    duplicates: tuple[DuplicateHint, ...]  # open cases nearby of the same category, to offer merging


@dataclass(frozen=True)
class RoutedGrid:
    code: str
    name: str
    kind: GridKind


_SWAPPED = Message("(经度和纬度可能写反了:先经度后纬度)")()
_FAR_OFF = Message("({lon}, {lat}) 远在北海市及北部湾海域以外(东经 {west}~{east}、北纬 {south}~{north}){swapped};"
                   "请核对是否为 WGS84 经纬度,不知道位置请留空")
_OUT_OF_RANGE = Message("({lon}, {lat}) 超出范围(经度 -180~180,纬度 -90~90){swapped}")
_BAD_LOCATION = Message("经纬度{problem}")


def coordinate_problem(lon: float, lat: float) -> str | None:
    """What is wrong with a WGS84 point, if anything (NaN and infinity fail the range test too): out of range,
    or far off Beihai and the Beibu Gulf (CITY_REGION), as 0, 0 written for "unknown" is."""
    west, south, east, north = CITY_REGION
    if west <= lon <= east and south <= lat <= north:
        return None
    in_range = -180 <= lon <= 180 and -90 <= lat <= 90
    # Written the other way round, would it do?
    turned = west <= lat <= east and south <= lon <= north if in_range else -180 <= lat <= 180 and -90 <= lon <= 90
    swapped = _SWAPPED if turned else ""
    if in_range:
        return _FAR_OFF(lon=lon, lat=lat, west=west, east=east, south=south, north=north, swapped=swapped)
    return _OUT_OF_RANGE(lon=lon, lat=lat, swapped=swapped)


def preview_route(db: Database, lon: float, lat: float) -> RoutedGrid | None:
    """The grid a location would be routed to (for the intake form, before saving)."""
    problem = coordinate_problem(lon, lat)
    if problem:
        raise ValidationFailed(_BAD_LOCATION(problem=problem), field="lon/lat")
    with db.session() as session:
        grid_id = route_point(session, lon, lat)
        if grid_id is None:
            return None
        place = session.get(Place, grid_id)
        return RoutedGrid(place.code, place.name, place.grid.kind)


def unrouted_reason(db: Database, lon: float, lat: float) -> str:
    """Why a (valid) point routes to no grid, and what that means for a case taken there."""
    with db.session() as session:
        extent = grid_extent(session)
    if extent is None:
        return "库中还没有画出范围的在用网格;案件将进入所在乡镇(街道)的待分拨清单"
    west, south, east, north = extent
    where = f"在用网格分布在经度 {west:.4f}~{east:.4f}、纬度 {south:.4f}~{north:.4f}"
    if west <= lon <= east and south <= lat <= north:
        return f"该点在网格之间的空隙中({where});在此受理的案件将进入所在乡镇(街道)的待分拨清单"
    return f"该点在所有网格范围之外({where});请检查坐标是否为 WGS84 经纬度"


def phone_without_spaces(text: str | None) -> str | None:
    """A phone number without the spaces it is read out and pasted with (138 0779 1234), its full-width digits
    (１３８…, as a Chinese input method types them) made the digits a phone dials (NFKC)."""
    return "".join(unicodedata.normalize("NFKC", text or "").split()) or None


_PHONE_TOO_LONG = Message("有 {digits} 位,电话号码最多 20 位")
_NOT_A_PHONE = Message("“{typed}”不是有效的电话号码(只能有数字和连字符,国际号码以 + 开头)")


def phone_problem(phone: str, typed: str | None = None) -> str | None:
    """What keeps `phone` (phone_without_spaces) from being a number to call, if anything; `typed` is shown.
    Digits and hyphens, an international number led by +; an extension (转 801) goes into the notes."""
    if len(phone) > 20:
        return _PHONE_TOO_LONG(digits=len(phone))
    digits = phone.removeprefix("+").replace("-", "")
    if not (digits.isascii() and digits.isdigit()):
        return _NOT_A_PHONE(typed=typed or phone)
    return None


# What keeps a request from being taken in, field by field (the command line's option in brackets).
_NO_CHANNEL = Message("受理渠道(channel):请选择诉求从哪个渠道来")()
_NO_TITLE = Message("标题(title):必填")()
_TITLE_TOO_LONG = Message("标题(title):不能超过 120 字")()
_NO_DESCRIPTION = Message("诉求内容(description):必填")()
_NO_CATEGORY = Message("类别(category):请选择诉求类别或事项清单中的事项")()
_NAME_TOO_LONG = Message("诉求人姓名(requester_name):不能超过 40 字")()
_BAD_PHONE = Message("联系电话(requester_phone):{problem}")
_HALF_A_LOCATION = Message("经纬度(lon/lat):经度和纬度须同时填写或同时不填")()
_BAD_COORDINATES = Message("经纬度(lon/lat):{problem}")
_ADDRESS_TOO_LONG = Message("地址(address):不能超过 200 字")()
_NOT_TAKEN_IN = Message("诉求信息不完整或有误,请修改后再保存")()
_NO_SUCH_ITEM = Message("事项(matter_item_id):事项 {item} 不存在,请从事项清单中选择")
_ITEM_OF_ANOTHER_CATEGORY = Message("类别(category):事项“{title}”属于“{category}”,与所选类别“{chosen}”不符")
_NO_TOWNSHIP = Message("乡镇(township_code):诉求未定位到网格,请指定受理的乡镇(街道)")()
_ITEM_NOT_IN_FORCE = Message("事项(matter_item_id):事项“{title}”({code})不在现行网格化服务管理事项清单内"
                             "(已退出或尚未发布),请从现行清单中选择事项,或只选类别")
_NO_SUCH_CASE = Message("案件 {case} 不存在(可能已被删除),请重新查找疑似重复案件")


def _check(channel: Channel | None, title: str, description: str, category_given: bool, requester_name: str | None,
           requester_phone: str | None, lon: float | None, lat: float | None, address: str | None) -> None:
    problems = []
    if channel is None:  # never assumed: a request filed as a grid staff report starts at grid level
        problems.append(_NO_CHANNEL)
    if not title.strip():
        problems.append(_NO_TITLE)
    elif len(title) > 120:
        problems.append(_TITLE_TOO_LONG)
    if not description.strip():
        problems.append(_NO_DESCRIPTION)
    if not category_given:
        problems.append(_NO_CATEGORY)
    if requester_name and len(requester_name) > 40:
        problems.append(_NAME_TOO_LONG)
    phone = phone_without_spaces(requester_phone)
    if phone and (problem := phone_problem(phone, requester_phone)):
        problems.append(_BAD_PHONE(problem=problem))
    if (lon is None) != (lat is None):
        problems.append(_HALF_A_LOCATION)
    elif lon is not None and (problem := coordinate_problem(lon, lat)):
        problems.append(_BAD_COORDINATES(problem=problem))
    if address and len(address) > 200:
        problems.append(_ADDRESS_TOO_LONG)
    if problems:
        raise ValidationFailed(_NOT_TAKEN_IN, problems)


def _default_township(session, actor: Actor) -> Place | None:
    """The township an operator works for, when they hold intake rights over exactly one."""
    grants = actor.scopes(Permission.INTAKE) or []
    townships = {g.place_code for g in grants if g.place_level is PlaceLevel.TOWNSHIP}
    return get_place(session, townships.pop()) if len(townships) == 1 else None


def take_in(db: Database, actor: Actor, *, channel: Channel | None, title: str, description: str,
            category: MatterCategory | None = None, matter_item_id: int | None = None,
            requester_name: str | None = None, requester_phone: str | None = None,
            lon: float | None = None, lat: float | None = None, address: str | None = None,
            urgent: bool = False, township_code: str | None = None, duplicate_of: int | None = None,
            now: datetime | None = None) -> IntakeResult:
    """Take in a request (Art. 16): number it, route it to its grid or put it on the triage list.

    `duplicate_of` (a case id): the operator saw that an open case already covers this request;
    it is recorded with its requester and, in the same transaction, merged into that case
    (duplicates.merge_into) instead of being handled twice.
    """
    _check(channel, title, description, category is not None or matter_item_id is not None, requester_name,
           requester_phone, lon, lat, address)
    now = now or utcnow()
    with unit_of_work(db, actor, "cases.take_in") as uow:
        session = uow.session
        item = session.get(MatterItem, matter_item_id) if matter_item_id is not None else None
        if matter_item_id is not None and item is None:
            raise ValidationFailed(_NO_SUCH_ITEM(item=matter_item_id), field="matter_item_id")
        category = category or item.category
        if item is not None and item.category is not category:
            raise ValidationFailed(_ITEM_OF_ANOTHER_CATEGORY(title=item.title, category=item.category, chosen=category),
                                   field="category")
        grid_id = route_point(session, lon, lat) if lon is not None else None
        if grid_id is not None:
            grid = session.get(Place, grid_id)
            village, township = grid.parent, grid.parent.parent
        else:
            grid = village = None
            township = get_place(session, township_code) if township_code else _default_township(session, actor)
            if township is None or township.level is not PlaceLevel.TOWNSHIP:
                raise ValidationFailed(_NO_TOWNSHIP, field="township_code")
        # The item itself in force (not an earlier version's copy, which intake never offers).
        if item is not None and current_version_of(session, item, township, now.astimezone(BEIJING).date()) is not item:
            raise ValidationFailed(_ITEM_NOT_IN_FORCE(title=item.title, code=item.code), field="matter_item_id",
                                   article="Art. 13")
        uow.require(Permission.INTAKE, (grid or township).code, (grid or township).short_name)
        into = None
        if duplicate_of is not None:  # refused before anything is numbered (not through load_case: the
            into = session.get(Case, duplicate_of, with_for_update=True)  # audit target is the new case)
            if into is None:
                raise NotFound(_NO_SUCH_CASE(case=duplicate_of))
            check_mergeable(uow, into, {township.id})
        number = reserve_numbers(session, township, now.astimezone(BEIJING).year)[0]
        case = Case(
            number=number, channel=channel, requester_name=requester_name or None,
            requester_phone=phone_without_spaces(requester_phone), title=title.strip(), description=description.strip(),
            category=category, matter_item_id=matter_item_id, lon=lon, lat=lat, address=address or None,
            county_id=township.parent_id, township_id=township.id, village_id=village.id if village else None,
            grid_id=grid_id, state=CaseState.RECEIVED, urgent=urgent, received_at=now,
            # Art. 17(2): what grid staff report is theirs to settle first.
            level=HandlingLevel.GRID if grid and channel is Channel.GRID_STAFF else HandlingLevel.TOWNSHIP,
        )
        session.add(case)
        session.flush()
        record(uow, case, "received", f"受理诉求({channel.label})", at=now, channel=channel.value)
        if grid is not None:
            case.registered_at = now
            record(uow, case, "routed", f"按位置分派至网格 {grid.short_name}({grid.code})",
                   to_state=CaseState.REGISTERED, at=now, grid=grid.code)
        if into is not None:
            merge_into(uow, case, into)
        session.flush()
        info = CaseInfo.of(case)
    duplicates = (find_duplicates(db, actor, category=category, lon=lon, lat=lat, exclude_case_id=info.id, now=now)
                  if lon is not None and duplicate_of is None else [])
    return IntakeResult(info, grid.code if grid else None, grid.short_name if grid else None, tuple(duplicates))


def route_to_grid(db: Database, actor: Actor, *, case_id: int, grid_code: str, expected_version: int) -> CaseInfo:
    """Take a case off the triage list by naming its grid (a grid in use in the case's township).

    A case registered without a grid (one escalated from the triage list and assigned back down)
    is routed the same way."""
    with unit_of_work(db, actor, "cases.route") as uow:
        case = load_case(uow, case_id, expected_version)
        township = uow.session.get(Place, case.township_id)
        uow.require(Permission.INTAKE, township.code, township.short_name)  # before saying anything of the case
        require_state(case, "route")
        if case.grid_id is not None:
            current = uow.session.get(Place, case.grid_id)
            raise InvalidTransition(f"案件 {case.number} 已在 {current.short_name}({current.code}),不在待分拨清单上")
        grid = get_place(uow.session, grid_code)
        if grid.level is not PlaceLevel.GRID or grid.parent.parent_id != township.id:
            raise ValidationFailed(f"网格(grid_code):{grid.short_name}({grid.code})不是"
                                   f"{township.short_name}的网格,请选择本乡镇(街道)的网格", field="grid_code")
        status = grid.grid.status
        if status is not GridStatus.ACTIVE:
            raise ValidationFailed(f"网格(grid_code):{grid.short_name}({grid.code})目前为“{status.label}”,不在使用中,"
                                   f"请选择在用的网格", field="grid_code")
        case.grid_id, case.village_id = grid.id, grid.parent_id
        case.registered_at = utcnow()
        record(uow, case, "routed", f"指定网格 {grid.short_name}({grid.code})", to_state=CaseState.REGISTERED,
               grid=grid.code)
        uow.session.flush()
        return CaseInfo.of(case)


def grid_choices(session: Session, case: Case) -> tuple[GridChoice, ...]:
    """The grids in use in the case's township, where route_to_grid may send it: nearest first for a
    located case (it lies outside them all, so the nearest is the likely one), else by code."""
    village = aliased(Place)
    rows = session.execute(
        select(Place.code, Place.short_name, Place.geometry).join(Grid, Grid.place_id == Place.id)
        .join(village, village.id == Place.parent_id)
        .where(village.parent_id == case.township_id, Place.level == PlaceLevel.GRID, Grid.status == GridStatus.ACTIVE)
        .order_by(Place.code)).all()
    if case.lon is None or not rows:
        return tuple(GridChoice(code, name, None) for code, name, _ in rows)
    # All shapes at once (a township may have a thousand grids): the nearest point of each edge.
    point = shapely.Point(case.lon, case.lat)
    shapes = shapely.from_wkb([geometry for _, _, geometry in rows])  # None stays None
    edges = shapely.get_coordinates(shapely.shortest_line(shapes, point), include_z=False)
    choices, edge = [], iter(edges[::2])
    for (code, name, geometry) in rows:
        distance = None
        if geometry is not None:
            x, y = next(edge)
            distance = round(distance_m(x, y, case.lon, case.lat))
        choices.append(GridChoice(code, name, distance))
    return tuple(sorted(choices, key=lambda c: (c.distance_m is None, c.distance_m or 0, c.code)))


def triage_list(db: Database, actor: Actor, township_code: str) -> list[CaseInfo]:
    """Cases of a township waiting for a grid: no location, or outside every grid."""
    with db.session() as session:
        township = get_place(session, township_code)
        require_view(actor, township)
        cases = session.scalars(select(Case).where(Case.township_id == township.id, unrouted_condition())
                                .order_by(Case.received_at))
        return [CaseInfo.of(c) for c in cases]
