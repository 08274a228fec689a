"""Places: the administrative tree and grids (Art. 2, 4–7)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlalchemy import exists, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..db import Database
from ..errors import Conflict, NotFound, ValidationFailed
from ..models import Grid, Place
from ..models.enums import ExclusiveCategory, GridKind, PlaceLevel, SeaCategory
from .results import PlaceInfo
from .security import Actor, Permission, scope_prefix
from .unit_of_work import unit_of_work

_CODE = re.compile(r"^\d{4}(\d{2}){0,1}(\d{3}){0,2}(\d{3})?$")


def normalise_code(code: str) -> str:
    """Accept 4-, 6-, 9-, 12- or 15-digit codes (e.g. adcode 450502 → 450502000000)."""
    code = code.strip()
    if not code.isdigit() or len(code) not in (4, 6, 9, 12, 15):
        raise ValidationFailed(f"地点代码 {code!r} 无效:应为 4(市)、6、9、12 位统计用区划代码或 15 位网格代码",
                              field="code")
    if len(code) == 4:
        return code + "00000000"
    if len(code) in (6, 9):
        return code.ljust(12, "0")
    return code


def get_place(session: Session, code: str) -> Place:
    code = normalise_code(code)
    place = session.scalar(select(Place).where(Place.code == code))
    if place is None:
        if len(code) == 15:  # grids are drawn by each township, not loaded with the divisions
            raise NotFound(f"未知的网格代码 {code}:还没有这个网格(网格由乡镇划定后导入或新建)")
        raise NotFound(f"未知的地点代码 {code}:区划树中没有这个单位(先运行 griddesk-admin init 载入区划)")
    return place


# What a code is said to be the code of, when a township's was asked for.
_LEVEL_WORDS = {PlaceLevel.CITY: "市级", PlaceLevel.COUNTY: "县级", PlaceLevel.VILLAGE: "村级", PlaceLevel.GRID: "网格"}


def not_a_township(place: Place) -> str | None:
    """Why a place will not do where a township (乡镇/街道) is asked for, naming what its code is; None for
    a township. A county's code would otherwise pass for its townships', silently."""
    if place.level is PlaceLevel.TOWNSHIP:
        return None
    return f"{place.code} 是{place.name}({_LEVEL_WORDS[place.level]})的代码,要乡镇(街道)的代码"


def get_township(session: Session, code: str) -> Place:
    """The township (乡镇/街道) `code` names; an unknown code is refused as unknown, another place's
    code naming what it is."""
    place = get_place(session, code)
    why = not_a_township(place)
    if why:
        raise ValidationFailed(why, field="township")
    return place


def granted_places(actor: Actor, permission: Permission = Permission.VIEW):
    """A WHERE clause on Place: inside one of the places where the actor holds `permission`
    (Art. 15); None for the system actor, who sees everywhere."""
    grants = actor.scopes(permission)
    if grants is None:
        return None
    if not grants:
        return false()
    return or_(*(Place.code.startswith(scope_prefix(g.place_code, g.place_level)) for g in grants))


def upward(place: Place | None) -> Iterator[Place]:
    """The place, its parent, and so on up to the city."""
    while place is not None:
        yield place
        place = place.parent


def _info_query():
    parent = aliased(Place)
    child = aliased(Place)
    has_children = exists().where(child.parent_id == Place.id)
    return select(Place, parent.code, has_children).outerjoin(parent, Place.parent_id == parent.id)


def _infos(session: Session, stmt) -> list[PlaceInfo]:
    return [PlaceInfo.of(place, parent_code, bool(has)) for place, parent_code, has in session.execute(stmt)]


def list_places(db: Database, *, level: PlaceLevel | None = None, under: str | None = None) -> list[PlaceInfo]:
    """Places in code order, optionally of one level and/or inside the subtree of `under`."""
    with db.session() as session:
        stmt = _info_query().order_by(Place.code)
        if level is not None:
            stmt = stmt.where(Place.level == level)
        if under:
            root = get_place(session, under)
            prefix = root.code[: root.level.code_prefix_length]
            stmt = stmt.where(Place.code.startswith(prefix), Place.id != root.id)
        return _infos(session, stmt)


def children(db: Database, code: str | None) -> list[PlaceInfo]:
    """One level of the tree, for lazy loading: the roots when `code` is None."""
    with db.session() as session:
        stmt = _info_query().order_by(Place.sort_order, Place.code)
        if code is None:
            stmt = stmt.where(Place.parent_id.is_(None))
        else:
            stmt = stmt.where(Place.parent_id == get_place(session, code).id)
        return _infos(session, stmt)


def place_info(db: Database, code: str) -> PlaceInfo:
    with db.session() as session:
        place = get_place(session, code)
        return _infos(session, _info_query().where(Place.id == place.id))[0]


def ancestors(db: Database, code: str) -> list[PlaceInfo]:
    """From the root down to the place itself (to expand the tree to a search hit)."""
    with db.session() as session:
        ids = [p.id for p in upward(get_place(session, code))]
        found = {info.id: info for info in _infos(session, _info_query().where(Place.id.in_(ids)))}
        return [found[i] for i in reversed(ids)]


def search(db: Database, text: str, *, limit: int = 50) -> list[PlaceInfo]:
    """Places whose name or short name contains `text`, or whose code starts with it."""
    text = text.strip()
    if not text:
        return []
    with db.session() as session:
        conditions = [Place.name.contains(text, autoescape=True), Place.short_name.contains(text, autoescape=True)]
        if text.isdigit():
            conditions.append(Place.code.startswith(text))
        stmt = _info_query().where(or_(*conditions)).order_by(Place.code).limit(limit)
        return _infos(session, stmt)


def count_by_level(db: Database) -> dict[PlaceLevel, int]:
    with db.session() as session:
        rows = session.execute(select(Place.level, func.count()).group_by(Place.level))
        return {level: n for level, n in rows}


def create_grid(
    db: Database,
    actor: Actor,
    *,
    village_code: str,
    code: str,
    name: str,
    kind: GridKind = GridKind.REGULAR,
    exclusive_category: ExclusiveCategory | None = None,
    sea_category: SeaCategory | None = None,
    managing_unit: str | None = None,
    geometry: bytes | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    households: int = 0,
    residents: int = 0,
    units: int = 0,
    urban: bool = True,
    synthetic: bool = False,
) -> PlaceInfo:
    """Add a grid under a village. Its code extends the village code by three digits (SPEC §1)."""
    with unit_of_work(db, actor, "places.create_grid", target=code) as uow:
        village = get_place(uow.session, village_code)
        uow.require(Permission.MANAGE_PLACES, village.code, village.short_name)
        if village.level is not PlaceLevel.VILLAGE:
            raise ValidationFailed(f"{village.short_name}({village.code})不是村(社区),网格只能设在村(社区)下", field="village_code")
        if len(code) != 15 or not code.isdigit() or not code.startswith(village.code):
            raise ValidationFailed(f"网格代码 {code} 无效:应为所属村(社区)代码 {village.code} 后加 3 位数字", field="code")
        if uow.session.scalar(select(Place.id).where(Place.code == code)):
            raise Conflict(f"网格代码 {code} 已存在")
        if kind is GridKind.EXCLUSIVE and exclusive_category is None:
            raise ValidationFailed("专属网格须注明设置场所类别", article="Art. 7", field="exclusive_category")
        if kind is GridKind.SEA and sea_category is None:
            raise ValidationFailed("涉海专属网格须注明类别(港口、船只编组、养殖海域、海上及滩涂作业区)", article="Art. 7", field="sea_category")
        place = Place(code=code, name=name, short_name=name, level=PlaceLevel.GRID, parent=village,
                      geometry=geometry, synthetic=synthetic)
        if bounds:
            place.min_lon, place.min_lat, place.max_lon, place.max_lat = bounds
        place.grid = Grid(kind=kind, exclusive_category=exclusive_category, sea_category=sea_category,
                          managing_unit=managing_unit, households=households, residents=residents, units=units,
                          urban=urban)
        uow.session.add(place)
        uow.session.flush()
        uow.audit(f"新建网格 {name}", kind=kind.value)
        uow.changed("places", place.id)
        return PlaceInfo.of(place, village.code)
