"""Grids and unit boundaries: GeoJSON import/export, vessel rosters, grid history (Art. 6–7).

How imports relate to the Art. 6 workflow: `import_grids` loads the *initial* division of
villages that have no grid yet (bringing an existing, already approved division into
GridDesk), by an institution administrator holding MANAGE_PLACES. Any later change to the
live grid set of a village goes through `services.adjustments` (township proposes, county
approves, city files); a direct import over existing grids is refused, and so is any import
by a linked department's account: other bodies may not draw grids (Art. 6(3)).

Feature properties (as written by `export_grids`): ``code`` (15 digits = village code + 3),
``name``, optional ``short_name``, ``kind`` (regular | exclusive | sea, or the Chinese label;
default regular), ``category`` (the exclusive or sea category of Art. 7), ``village_code``
(default: the first 12 digits of the code), ``managing_unit`` (required for exclusive grids),
``households``/``residents``/``units``/``village_groups`` (Art. 12(2) base data), ``staff_quota``
(the staff count of the approved division, also read as ``staff_count`` or ``网格员数``), ``urban``
(true or false, or 是/否; default true), and for vessel-group grids ``vessels``: a list of
{name, registration_no, skipper, phone} (such a grid needs no polygon). ``area_km2``, which the
export writes for the reader, is computed from the polygon and not read back. Any other property
is refused by name: a misspelt one would otherwise be lost without a word.

In an adjustment proposal (`with_live_values`) a property not given is unchanged: a feature
that names a live grid keeps its base data, urban flag and kind, its category, managing unit
and vessel roster while the kind and category stay the same, and its short name while the name
stays the same. Only a property given explicitly (even 0 or an empty roster) changes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, selectinload

from ..db import Database
from ..errors import LawRefusal, NotFound, PermissionDenied, ValidationFailed
from ..models import Grid, GridHistory, Place, Vessel, utcnow
from ..models.enums import ExclusiveCategory, GridKind, GridStatus, PlaceLevel, Role, SeaCategory
from .evaluation.scores import resolve_scope
from .geo import geojson_io
from .geo.geojson_io import shown
from .geo.projection import area_m2
from .geo.validation import FeatureRef, GridShape, Problem, layout_problems, outside_problems, ring_problems
from .places import get_place, normalise_code
from .security import Actor, Permission, scope_prefix
from .unit_of_work import UnitOfWork, unit_of_work

GRID_COUNTS = ("households", "residents", "units", "village_groups", "staff_quota")
# Other names a grid file may give the staff count by.
PROPERTY_ALIASES = {"staff_quota": ("staff_count", "网格员数"), "category": ("exclusive_category", "sea_category")}
VESSEL_FIELDS = ("name", "registration_no", "skipper", "phone")
_VESSEL_CONTACTS = ("skipper", "phone")  # personal data: exported only to those who may view it (Art. 15)
_TEXTS = ("code", "name", "short_name", "village_code", "managing_unit")
_PROPERTIES = ("code", "name", "short_name", "kind", "category", "village_code", "managing_unit", *GRID_COUNTS,
               "urban", "vessels")
_COMPUTED = ("area_km2",)  # written by the export for the reader; computed from the polygon on import
_KNOWN = {*_PROPERTIES, *_COMPUTED, *(name for names in PROPERTY_ALIASES.values() for name in names)}
# The column each text is stored in, whose length is its limit: PostgreSQL refuses a longer one with
# an error naming no feature, SQLite keeps it whole; so it is refused here by feature and property.
_LIMITS = {"name": Place.name, "short_name": Place.short_name, "managing_unit": Grid.managing_unit}
_VESSEL_LIMITS = {"name": Vessel.name, "registration_no": Vessel.registration_no, "skipper": Vessel.skipper,
                  "phone": Vessel.phone}
_KNOWN_TEXT = "、".join(_PROPERTIES) + "".join(f";{key} 也可写作 {'、'.join(names)}"
                                               for key, names in PROPERTY_ALIASES.items())


@dataclass(frozen=True)
class VesselSpec:
    name: str
    registration_no: str
    skipper: str
    phone: str | None = None


@dataclass(frozen=True)
class GridSpec:
    """One grid of an imported or proposed grid set, read and checked (geometry in WGS84)."""

    feature: FeatureRef
    code: str
    name: str
    short_name: str
    kind: GridKind
    village_code: str
    exclusive_category: ExclusiveCategory | None = None
    sea_category: SeaCategory | None = None
    managing_unit: str | None = None
    households: int = 0
    residents: int = 0
    units: int = 0
    village_groups: int = 0
    staff_quota: int = 0
    urban: bool = True
    geometry: BaseGeometry | None = None
    vessels: tuple[VesselSpec, ...] = ()

    @property
    def is_vessel_group(self) -> bool:
        return self.sea_category is SeaCategory.VESSEL_GROUP


@dataclass(frozen=True)
class GridImportResult:
    grids: int  # the grids of the file: new ones and those `revived`
    villages: int
    vessels: int
    dry_run: bool = False
    revived: tuple[str, ...] = ()  # codes of retired grids the file makes live again (their history goes on)


@dataclass(frozen=True)
class GridExportResult:
    grids: int
    vessels: int
    contacts_left_out: bool  # skippers' names and phones, for want of VIEW_SENSITIVE (Art. 15)


@dataclass(frozen=True)
class BoundaryImportResult:
    updated: int
    codes: tuple[str, ...]
    # How the grids in use now sit in the villages given new boundaries: gaps, grids reaching
    # beyond (see live_layout_problems). Said, not refused: a rescaled village gets its boundary
    # first, then its grids by an Art. 6 adjustment.
    layout: tuple[str, ...] = ()


@dataclass(frozen=True)
class GridVersion:
    """One version of a grid: closed versions come from GridHistory, the last one is live."""

    valid_from: datetime
    valid_to: datetime | None
    name: str
    kind: GridKind
    status: str
    area_km2: float | None
    adjustment_id: int | None


@dataclass
class ApplyCounts:
    created: int = 0
    updated: int = 0
    retired: int = 0
    revived: tuple[str, ...] = ()  # retired grids made live again under their code (not among `updated`)
    vessels_written: int = 0  # the roster entries of the grids created or changed, not of those kept
    kept: tuple[str, ...] = ()  # the codes of the live grids the set left as they were


# ---------------------------------------------------------------- reading a grid set


def _text(props: dict, key: str) -> str | None:
    value = props.get(key)
    if value is None:
        return None
    return str(value).strip() or None


def _not_texts(props: dict, keys, what: str = "") -> list[str]:
    """A problem for each of `keys` given as something other than text (or a whole number, as a code
    or phone may be written): a list or object would otherwise be stored as its Python spelling."""
    return [f"{what}{key} 应为文字,而是 {shown(props[key])}" for key in keys
            if props.get(key) is not None and (isinstance(props[key], bool) or not isinstance(props[key], (str, int)))]


def _too_long(props: dict, limits: dict, what: str = "") -> list[str]:
    """A problem for each text of `limits` longer than its column."""
    lengths = {key: (len(text), column.type.length) for key, column in limits.items() if (text := _text(props, key))}
    return [f"{what}{key} 不能超过 {limit} 个字(现为 {length} 个)" for key, (length, limit) in lengths.items()
            if length > limit]


def _flag(props: dict, key: str, default: bool, problems: list[str]) -> bool:
    value = props.get(key)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if value in ("是", "否"):
        return value == "是"
    problems.append(f"{key} {shown(value)} 应为 true 或 false(JSON 布尔值,不加引号),或“是”“否”")
    return default


def _enum(enum_cls, value, what: str, problems: list[str]):
    try:
        return enum_cls.from_label(str(value).strip())
    except ValueError:
        choices = "、".join(f"{m.value}({m.label})" for m in enum_cls)
        problems.append(f"{what} {value!r} 无效,应为 {choices}")
        return None


def _vessels(raw, problems: list[str]) -> tuple[VesselSpec, ...]:
    if not isinstance(raw, list):
        problems.append("vessels 应为船只列表 [{name, registration_no, skipper, phone}]")
        return ()
    vessels = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            problems.append(f"vessels 第 {n} 条船应为对象 {{name, registration_no, skipper, phone}},而是 {shown(item)}")
            continue
        unknown = [key for key in item if key not in VESSEL_FIELDS]
        wrong = _not_texts(item, VESSEL_FIELDS, f"vessels 第 {n} 条船的 ")
        wrong += _too_long(item, _VESSEL_LIMITS, f"vessels 第 {n} 条船的 ")
        if unknown:
            wrong.append(f"vessels 第 {n} 条船有未知属性 {'、'.join(unknown)}(可用的属性为 {'、'.join(VESSEL_FIELDS)})")
        values = {key: _text(item, key) for key in VESSEL_FIELDS}
        missing = [key for key in VESSEL_FIELDS[:3] if not values[key]]
        if missing:
            wrong.append(f"第 {n} 条船缺少 {'、'.join(missing)}(船名、登记号、船长必填)")
        problems += wrong
        if not wrong:
            vessels.append(VesselSpec(**values))
    return tuple(vessels)


def _grid_spec(ref: FeatureRef, props: dict, geometry: BaseGeometry | None, *, drawn: bool
               ) -> tuple[GridSpec | None, list[str]]:
    """`drawn`: the feature has a geometry (`geometry` None then means it was refused already)."""
    unknown = [key for key in props if key not in _KNOWN]
    problems = [f"未知属性 {'、'.join(unknown)}:可用的属性为 {_KNOWN_TEXT}"] if unknown else []
    problems += _not_texts(props, _TEXTS)
    problems += _too_long(props, _LIMITS)
    short_limit = Place.short_name.type.length
    if not _text(props, "short_name") and len(ref.name or "") > short_limit:  # the name would stand in for it
        problems.append(f"name 有 {len(ref.name)} 个字,简称最多 {short_limit} 个字:请另给 short_name(简称)")
    for key, aliases in PROPERTY_ALIASES.items():
        given = [name for name in (key, *aliases) if props.get(name) not in (None, "")]
        if len(given) > 1:
            problems.append(f"{'、'.join(given)} 是同一属性的不同写法,只能写一个")
    code, name = ref.code, ref.name
    if not code:  # not "code None": the person reading this never wrote None
        problems.append("缺少 code(网格代码,15 位数字:所属村代码 12 位 + 3 位)")
    elif not code.isdigit() or len(code) != 15:
        problems.append(f"code {code!r} 无效:网格代码应为 15 位数字(所属村代码 12 位 + 3 位)")
    if not name:
        problems.append("缺少 name(网格名称)")
    kind = _enum(GridKind, props.get("kind") or GridKind.REGULAR.value, "kind", problems)
    category = props.get("category") or props.get("exclusive_category") or props.get("sea_category")
    exclusive = sea = None
    if kind is GridKind.EXCLUSIVE:
        exclusive = _enum(ExclusiveCategory, category, "category(专属网格类别,Art. 7)", problems) if category else None
        if category is None:
            problems.append("专属网格须填写 category(商务楼宇、园区、商圈、市场、学校、医院、景区、企事业单位,Art. 7)")
        if not _text(props, "managing_unit"):
            problems.append("专属网格须填写 managing_unit(所在管理单位,Art. 7、Art. 9)")
    elif kind is GridKind.SEA:
        sea = _enum(SeaCategory, category, "category(涉海专属网格类别,Art. 7)", problems) if category else None
        if category is None:
            problems.append("涉海专属网格须填写 category(港口、船只编组、水产养殖海域、海上及滩涂作业区,Art. 7)")
    elif category:
        problems.append("基础网格不应填写 category")
    village_code = _text(props, "village_code")
    if village_code is not None:
        if not village_code.isdigit() or len(village_code) != 12:
            problems.append(f"village_code {village_code!r} 无效:应为 12 位村(社区)代码")
        elif code and not code.startswith(village_code):
            problems.append(f"网格代码 {code} 没有以所属村(社区)代码 {village_code} 开头")
    counts = {}
    for key in GRID_COUNTS:
        given = next((name for name in (key, *PROPERTY_ALIASES.get(key, ())) if name in props), key)
        value = props.get(given)
        if value is None or value == "":
            value = 0
        whole = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        if whole or isinstance(value, str) and value.isdecimal():  # isdecimal: the digits int() reads ("²" is not)
            counts[key] = int(value)
        else:
            problems.append(f"{given} {shown(value)} 应为非负整数")
    urban = _flag(props, "urban", True, problems)
    vessels = _vessels(props["vessels"], problems) if props.get("vessels") is not None else ()
    if vessels and sea is not SeaCategory.VESSEL_GROUP:
        problems.append("只有船只编组网格(kind sea, category vessel_group)可以带 vessels 船只名册")
    if not drawn and sea is not SeaCategory.VESSEL_GROUP and not problems:
        problems.append("缺少几何(geometry 为 null):只有船只编组网格可以没有多边形")
    if problems:
        return None, problems
    return GridSpec(
        feature=ref, code=code, name=name, short_name=_text(props, "short_name") or name, kind=kind,
        village_code=village_code or code[:12], exclusive_category=exclusive, sea_category=sea,
        managing_unit=_text(props, "managing_unit"), urban=urban,
        geometry=geometry, vessels=vessels, **counts,
    ), []


def read_grid_set(collection: dict, crs: str = "wgs84") -> tuple[list[GridSpec], list[Problem]]:
    """Parse and check each feature on its own (no database): properties, rings, duplicates."""
    crs = geojson_io.check_crs(crs)
    specs: list[GridSpec] = []
    problems: list[Problem] = []
    for index, feature in enumerate(collection["features"], 1):
        props, problem = geojson_io.feature_properties(index, feature)
        if problem:
            problems.append(problem)
            continue
        ref = FeatureRef(index, _text(props, "code"), _text(props, "name"))
        geometry, geometry_problems = geojson_io.feature_geometry(ref, feature, crs, required=False)
        if geometry is not None:
            geometry_problems += ring_problems(ref, geometry)
        problems += geometry_problems
        spec, messages = _grid_spec(ref, props, geometry, drawn=feature.get("geometry") is not None)
        problems += [Problem(ref, message) for message in messages]
        if spec and not geometry_problems:
            specs.append(spec)
    problems += _duplicates(specs)
    return specs, problems


def _duplicates(specs: list[GridSpec]) -> list[Problem]:
    problems = []
    codes = Counter(spec.code for spec in specs)
    registrations = Counter(v.registration_no for spec in specs for v in spec.vessels)
    for spec in specs:
        if codes[spec.code] > 1:
            problems.append(Problem(spec.feature, f"网格代码 {spec.code} 在文件中重复出现 {codes[spec.code]} 次"))
        for vessel in spec.vessels:
            if registrations[vessel.registration_no] > 1:
                problems.append(Problem(spec.feature, f"船只登记号 {vessel.registration_no} 在文件中重复"))
    return problems


def spec_feature(spec: GridSpec) -> dict:
    """A checked grid back as a GeoJSON feature (WGS84), in the form `read_grid_set` reads."""
    category = spec.exclusive_category or spec.sea_category
    props = {"code": spec.code, "name": spec.name, "short_name": spec.short_name, "kind": spec.kind.value,
             "category": category.value if category else None, "village_code": spec.village_code,
             "managing_unit": spec.managing_unit, **{key: getattr(spec, key) for key in GRID_COUNTS},
             "urban": spec.urban, "vessels": [vars(v) for v in spec.vessels] or None}
    return geojson_io.feature(spec.geometry, {k: v for k, v in props.items() if v is not None})


# ---------------------------------------------------------------- checks against the database


def _villages(session: Session, codes: set[str]) -> dict[str, Place]:
    return {p.code: p for p in session.scalars(select(Place).where(Place.code.in_(codes)))}


def check_against_tree(session: Session, specs: list[GridSpec], villages: dict[str, Place],
                       incomplete: set[str] = frozenset(), retiring: set[str] = frozenset()) -> list[Problem]:
    """Villages exist, layout of the regular grids of each village, vessels not on other rosters.

    `incomplete`: villages some of whose features were already refused (no gap report there).
    `retiring`: live grids an adjustment retires (layout_problems).
    """
    problems = []
    for spec in specs:
        village = villages.get(spec.village_code)
        if village is None:
            problems.append(Problem(spec.feature, f"所属村(社区)代码 {spec.village_code} 不在区划树中"))
        elif village.level is not PlaceLevel.VILLAGE:
            problems.append(Problem(spec.feature, f"{spec.village_code} 是{village.level.label},网格只能设在村(社区)下"))
    boundaries = {code: shapely.from_wkb(p.geometry) if p.geometry else None for code, p in villages.items()}
    regular = [GridShape(s.feature, s.village_code, s.geometry) for s in specs
               if s.kind is GridKind.REGULAR and s.geometry is not None]
    problems += layout_problems(regular, boundaries, incomplete, {code: p.short_name for code, p in villages.items()},
                                _left_out(session, specs, villages), retiring)
    problems += outside_problems([GridShape(s.feature, s.village_code, s.geometry) for s in specs
                                  if s.kind is GridKind.EXCLUSIVE and s.geometry is not None], boundaries)
    registrations = {v.registration_no: spec for spec in specs for v in spec.vessels}
    if registrations:
        taken = session.execute(
            select(Vessel.registration_no, Place.code).join(Place, Place.id == Vessel.grid_id)
            .where(Vessel.registration_no.in_(registrations))
        )
        for registration, grid_code in taken:
            if grid_code[:12] not in villages:
                problems.append(Problem(registrations[registration].feature,
                                        f"船只登记号 {registration} 已在网格 {grid_code} 的名册中"))
    return problems


def _left_out(session: Session, specs: list[GridSpec], villages: dict[str, Place]) -> list[GridShape]:
    """The live regular grids of `villages` (with a shape) that the file leaves out: where a gap lies on one,
    the gap is that grid dropped from the file (see layout_problems)."""
    proposed = {spec.code for spec in specs}
    return [GridShape(FeatureRef(0, code, grid.name), code[:12], shapely.from_wkb(grid.geometry))
            for code, grid in active_grids(session, villages).items()
            if code not in proposed and grid.grid.kind is GridKind.REGULAR and grid.geometry]


NOT_IMPORTED = "未导入任何网格;请修正后重新导入"


def validated_grid_set(session: Session, collection: dict, crs: str, villages_also: set[str] = frozenset(), *,
                       outcome: str = NOT_IMPORTED, retiring: set[str] = frozenset()
                       ) -> tuple[list[GridSpec], dict[str, Place]]:
    """The grid set, fully checked, and the villages it covers; every problem raised at once, followed by
    `outcome`: what became of the step and what to do (an adjustment imports nothing). `retiring`: live
    grids an adjustment retires (layout_problems)."""
    specs, problems = read_grid_set(collection, crs)
    villages = _villages(session, {s.village_code for s in specs} | set(villages_also))
    _raise_problems(session, specs, problems, villages, outcome, retiring)
    return specs, villages


def _raise_problems(session: Session, specs: list[GridSpec], problems: list[Problem], villages: dict[str, Place],
                    outcome: str = NOT_IMPORTED, retiring: set[str] = frozenset()) -> None:
    """Check the read grid set against the tree; its problems and those of reading it raised at once."""
    refused = [p.feature for p in problems if p.feature]
    # A refused feature without a readable code may belong to any village: no gap report at all then.
    incomplete = set(villages) if any(not f.code for f in refused) else {f.code[:12] for f in refused}
    problems += check_against_tree(session, specs, villages, incomplete, retiring)
    if problems:
        raise ValidationFailed(f"网格数据有 {len(problems)} 处问题,{outcome}", problems=[str(p) for p in problems])


def _named_villages(collection: dict) -> dict[str, list[FeatureRef]]:
    """The village each feature names (its village_code, else the first 12 digits of its code), even a
    feature refused for its other properties, with the features naming it: the villages a file is for."""
    named: dict[str, list[FeatureRef]] = {}
    for index, feature in enumerate(collection["features"], 1):
        props, problem = geojson_io.feature_properties(index, feature)
        if problem:
            continue
        code, village_code = _text(props, "code"), _text(props, "village_code")
        if not (village_code and village_code.isdigit() and len(village_code) == 12):
            village_code = code[:12] if code and code.isdigit() and len(code) == 15 else None
        if village_code:
            named.setdefault(village_code, []).append(FeatureRef(index, code, _text(props, "name")))
    return named


# ---------------------------------------------------------------- writing the live grid set


def _category(grid: Grid) -> str | None:
    category = grid.exclusive_category or grid.sea_category
    return category.value if category else None


def _snapshot(place: Place) -> dict:
    grid = place.grid
    return {
        "code": place.code, "name": place.name, "short_name": place.short_name, "status": grid.status.value,
        "kind": grid.kind.value, "category": _category(grid), "managing_unit": grid.managing_unit,
        **{key: getattr(grid, key) for key in GRID_COUNTS}, "urban": grid.urban, "area_km2": grid.area_km2,
    }


def _version_starts(session: Session, place_ids: list[int]) -> dict[int, datetime]:
    if not place_ids:
        return {}
    rows = session.execute(select(GridHistory.place_id, func.max(GridHistory.valid_to))
                           .where(GridHistory.place_id.in_(place_ids)).group_by(GridHistory.place_id))
    return dict(rows.all())


def _close_version(session: Session, place: Place, start: datetime, now: datetime, adjustment_id: int | None) -> None:
    # The row keeps the version as it was; `adjustment_id` is the adjustment that ended it.
    session.add(GridHistory(place_id=place.id, adjustment_id=adjustment_id, valid_from=start, valid_to=now,
                            name=place.name, kind=place.grid.kind, geometry=place.geometry,
                            snapshot=_snapshot(place)))


def _place_values(spec: GridSpec) -> dict:
    geometry = spec.geometry
    bounds = geometry.bounds if geometry is not None else (None,) * 4
    return {"name": spec.name, "short_name": spec.short_name,
            "geometry": shapely.to_wkb(geometry) if geometry is not None else None,
            **dict(zip(("min_lon", "min_lat", "max_lon", "max_lat"), bounds))}


def area_km2(geometry: BaseGeometry | None) -> float | None:
    """A grid's area as kept with it and compared in its history, from its polygon (None without one)."""
    return round(area_m2(geometry) / 1e6, 6) if geometry is not None else None


def _grid_values(spec: GridSpec) -> dict:
    return {"kind": spec.kind, "exclusive_category": spec.exclusive_category, "sea_category": spec.sea_category,
            "managing_unit": spec.managing_unit, "urban": spec.urban, "status": GridStatus.ACTIVE,
            **{key: getattr(spec, key) for key in GRID_COUNTS},
            "area_km2": area_km2(spec.geometry)}


def _insert_new(session: Session, specs: list[GridSpec], villages: dict[str, Place]) -> dict[str, int]:
    """New grids as two bulk INSERTs (the ORM would insert self-referencing places one by one)."""
    if not specs:
        return {}
    rows = session.execute(insert(Place).returning(Place.id, Place.code, sort_by_parameter_order=True), [
        {"code": s.code, "level": PlaceLevel.GRID, "parent_id": villages[s.village_code].id, **_place_values(s)}
        for s in specs]).all()
    ids = {code: place_id for place_id, code in rows}
    session.execute(insert(Grid), [{"place_id": ids[s.code], **_grid_values(s)} for s in specs])
    return ids


def apply_grid_set(session: Session, specs: list[GridSpec], villages: dict[str, Place], *,
                   adjustment_id: int | None = None) -> ApplyCounts:
    """Make `specs` the live grid set of `villages`: create, update, retire; history kept.

    Each replaced or retired version is written to GridHistory first (Art. 6: the history
    of each grid is kept). A live grid that `specs` leave as it is keeps its version: it is
    neither closed nor rewritten.
    """
    now = utcnow()
    places = {p.code: p for p in session.scalars(
        select(Place).options(selectinload(Place.grid).selectinload(Grid.vessels))
        .where(Place.parent_id.in_([v.id for v in villages.values()]), Place.level == PlaceLevel.GRID))}
    starts = _version_starts(session, [p.id for p in places.values()])
    wanted = {spec.code: spec for spec in specs}
    kept = {code for code, spec in wanted.items() if code in places
            and places[code].grid.status is GridStatus.ACTIVE and _unchanged(places[code], spec)}
    counts = ApplyCounts()
    for code, place in places.items():
        if code in kept:
            continue
        if place.grid.status is GridStatus.ACTIVE or code in wanted:
            _close_version(session, place, starts.get(place.id, place.created_at), now, adjustment_id)
            place.grid.vessels = []
        if place.grid.status is GridStatus.ACTIVE and code not in wanted:
            place.grid.status = GridStatus.RETIRED
            counts.retired += 1
    changed = [s for s in specs if s.code in places and s.code not in kept]
    counts.revived = tuple(sorted(s.code for s in changed if places[s.code].grid.status is GridStatus.RETIRED))
    for spec in changed:
        for obj, values in ((places[spec.code], _place_values(spec)), (places[spec.code].grid, _grid_values(spec))):
            for key, value in values.items():
                setattr(obj, key, value)
    counts.updated = len(changed) - len(counts.revived)
    # Old rosters are deleted first so that a vessel may move between grids of the set.
    session.flush()
    grid_ids = {code: place.id for code, place in places.items()}
    created = [s for s in specs if s.code not in places]
    grid_ids.update(_insert_new(session, created, villages))
    counts.created = len(created)
    vessels = [{"grid_id": grid_ids[s.code], **vars(v)} for s in [*changed, *created] for v in s.vessels]
    if vessels:
        session.execute(insert(Vessel), vessels)
    counts.vessels_written = len(vessels)
    counts.kept = tuple(sorted(kept))
    return counts


def _unchanged(place: Place, spec: GridSpec) -> bool:
    """Whether the live grid already is `spec`: names, kind and base data, shape (the same point
    set, whatever the vertex order) and vessel roster."""
    grid = place.grid
    stored = shapely.from_wkb(place.geometry) if place.geometry else None
    same_shape = stored is None if spec.geometry is None else stored is not None and stored.equals(spec.geometry)
    fields = ("kind", "exclusive_category", "sea_category", "managing_unit", "urban", *GRID_COUNTS)
    roster = {VesselSpec(v.name, v.registration_no, v.skipper, v.phone) for v in grid.vessels}
    return ((place.name, place.short_name) == (spec.name, spec.short_name) and same_shape
            and all(getattr(grid, key) == getattr(spec, key) for key in fields) and roster == set(spec.vessels))


def changes_nothing(session: Session, specs: list[GridSpec], villages: dict[str, Place]) -> bool:
    """Whether `specs` already is the live grid set of `villages` (applying it would change nothing)."""
    live = active_grids(session, villages)
    return set(live) == {spec.code for spec in specs} and all(_unchanged(live[spec.code], spec) for spec in specs)


# ---------------------------------------------------------------- what a proposal keeps and changes


def _given(props: dict, key: str) -> bool:
    return any(name in props for name in (key, *PROPERTY_ALIASES.get(key, ())))


def _kind_value(value) -> str | None:
    try:
        return GridKind.from_label(str(value).strip()).value
    except ValueError:
        return None  # reported by `read_grid_set`


def _category_of(kind: str | None, value) -> ExclusiveCategory | SeaCategory | None:
    """The category a grid of `kind` (a GridKind value) has by `value` (value or label)."""
    enum_cls = {GridKind.EXCLUSIVE.value: ExclusiveCategory, GridKind.SEA.value: SeaCategory}.get(kind)
    try:
        return enum_cls.from_label(str(value).strip()) if enum_cls and value else None
    except ValueError:
        return None  # reported by `read_grid_set`


def _live_properties(place: Place, *, contacts: bool = True) -> dict:
    """A live grid as the feature properties `export_grids` writes (None values left out);
    without `contacts`, its vessels' skippers and phones are left out."""
    props = _snapshot(place)
    del props["status"]
    props["village_code"] = place.code[:12]
    fields = VESSEL_FIELDS if contacts else [key for key in VESSEL_FIELDS if key not in _VESSEL_CONTACTS]
    if place.grid.vessels:
        props["vessels"] = [{key: getattr(v, key) for key in fields} for v in place.grid.vessels]
    return {k: v for k, v in props.items() if v is not None}


def _inherit(props: dict, live: dict) -> dict:
    props = dict(props)
    for key in (*GRID_COUNTS, "urban", "kind"):
        if not _given(props, key) and key in live:
            props[key] = live[key]
    same_kind = _kind_value(props["kind"]) == live["kind"]
    if same_kind and not _given(props, "category") and "category" in live:
        props["category"] = live["category"]
    if same_kind and not _given(props, "managing_unit") and "managing_unit" in live:
        props["managing_unit"] = live["managing_unit"]
    category = next((props[name] for name in ("category", *PROPERTY_ALIASES["category"]) if props.get(name)), None)
    same_category = same_kind and _category_of(live["kind"], category) == _category_of(live["kind"],
                                                                                   live.get("category"))
    if same_category and "vessels" not in props and "vessels" in live:
        props["vessels"] = live["vessels"]
    if "short_name" not in props and _text(props, "name") == live["name"]:
        props["short_name"] = live["short_name"]
    return props


def with_live_values(session: Session, collection: dict) -> dict:
    """The collection with what each feature leaves out taken from the live grid it names
    (a property not given is unchanged, see the module docstring); other features as they are."""
    features = collection["features"]
    # An item that is no Feature with properties stays as given, for read_grid_set to report.
    props_of = [geojson_io.feature_properties(n, f)[0] or {} for n, f in enumerate(features, 1)]
    codes = {_text(props, "code") for props in props_of} - {None}
    live = {place.code: _live_properties(place) for place in session.scalars(
        select(Place).join(Grid, Grid.place_id == Place.id)
        .options(selectinload(Place.grid).selectinload(Grid.vessels))
        .where(Place.code.in_(codes), Grid.status == GridStatus.ACTIVE))} if codes else {}
    merged = [{**feature, "properties": _inherit(props, live[_text(props, "code")])}
              if _text(props, "code") in live else feature for feature, props in zip(features, props_of)]
    return {**collection, "features": merged}


def active_grids(session: Session, villages: dict[str, Place]) -> dict[str, Place]:
    """The live (active) grids of `villages` by code, with their vessel rosters."""
    return {p.code: p for p in session.scalars(
        select(Place).join(Grid, Grid.place_id == Place.id)
        .options(selectinload(Place.grid).selectinload(Grid.vessels))
        .where(Place.parent_id.in_([v.id for v in villages.values()]), Grid.status == GridStatus.ACTIVE)
        .order_by(Place.code))}


# What a before/after comparison shows, in this order; "area_km2" stands for the shape. The short name too: the
# tree, the queue and the roster show it, so a proposal changing it alone is a change the county must see.
COMPARED = ("name", "short_name", "kind", "category", "managing_unit", *GRID_COUNTS, "urban", "area_km2", "vessels")


@dataclass(frozen=True)
class VesselChange:
    """One vessel of a roster as a proposal changes it: added (`before` None), taken off (`after` None),
    or its name, skipper or phone changed under the same registration number."""

    before: VesselSpec | None
    after: VesselSpec | None
    # The details changed, as compared before `masked` hid the contacts: a phone changed in its middle digits,
    # or a skipper replaced, reads alike on both sides once hidden, and is still a change.
    changed: tuple[str, ...] | None = None

    @property
    def registration_no(self) -> str:
        return (self.after or self.before).registration_no

    @property
    def fields(self) -> tuple[tuple[str, object, object], ...]:
        """(field, before, after) of each detail changed, for a vessel on both rosters."""
        if self.before is None or self.after is None:
            return ()
        keys = self.changed if self.changed is not None else [
            key for key in VESSEL_FIELDS if getattr(self.before, key) != getattr(self.after, key)]
        return tuple((key, getattr(self.before, key), getattr(self.after, key)) for key in keys)

    def masked(self) -> VesselChange:
        """The change as shown to someone who may not view personal data: the skipper's name and phone hidden,
        as the grid export leaves them out (Art. 15)."""
        def hidden(vessel: VesselSpec | None) -> VesselSpec | None:
            return vessel and replace(vessel, **{key: HIDDEN if getattr(vessel, key) else None
                                                 for key in _VESSEL_CONTACTS})
        return VesselChange(hidden(self.before), hidden(self.after), tuple(key for key, _, _ in self.fields))


HIDDEN = "***"  # a contact detail the viewer may not see (Art. 15)


def _roster(vessels) -> dict[str, VesselSpec]:
    """A roster by registration number (unique to a vessel), each vessel with every detail compared."""
    return {v.registration_no: VesselSpec(v.name, v.registration_no, v.skipper, v.phone) for v in vessels}


def vessel_changes(before: dict, after: dict) -> tuple[VesselChange, ...]:
    """Each vessel added, taken off or changed, by registration number (none where the old roster is unknown)."""
    old, new = before["vessels"], after["vessels"]
    if old is None:
        return ()
    return tuple(VesselChange(old.get(number), new.get(number)) for number in sorted(old.keys() | new.keys())
                 if old.get(number) != new.get(number))


def _comparable(snapshot: dict, geometry: bytes | None, vessels: dict[str, VesselSpec] | None) -> dict:
    kind = snapshot["kind"]
    return {**{key: snapshot.get(key) for key in COMPARED[:-2]}, "kind": GridKind(kind),
            "category": _category_of(kind, snapshot.get("category")), "area_km2": snapshot.get("area_km2"),
            "geometry": shapely.from_wkb(geometry) if geometry else None, "vessels": vessels}


def live_values(place: Place) -> dict:
    """A live grid in the form `changed_fields` compares."""
    return _comparable(_snapshot(place), place.geometry, _roster(place.grid.vessels))


def history_values(row: GridHistory) -> dict:
    """A closed grid version in the form `changed_fields` compares (its vessel roster is not kept)."""
    return _comparable(row.snapshot, row.geometry, None)


def spec_values(spec: GridSpec) -> dict:
    """A proposed grid in the form `changed_fields` compares."""
    return {"name": spec.name, "short_name": spec.short_name, "kind": spec.kind,
            "category": spec.exclusive_category or spec.sea_category, "managing_unit": spec.managing_unit,
            **{key: getattr(spec, key) for key in GRID_COUNTS}, "urban": spec.urban,
            "area_km2": area_km2(spec.geometry),
            "geometry": spec.geometry, "vessels": _roster(spec.vessels)}


def changed_fields(before: dict, after: dict) -> list[tuple[str, object, object]]:
    """(field, before, after) for each compared field that differs; a new shape shows as its area,
    a roster of another size as its vessel count (not compared where the old roster is unknown; each
    vessel changed is in `vessel_changes`)."""
    changes = [(key, before[key], after[key]) for key in COMPARED[:-2] if before[key] != after[key]]
    old_shape, new_shape = before["geometry"], after["geometry"]
    if (old_shape is None) != (new_shape is None) or (old_shape is not None and not old_shape.equals(new_shape)):
        changes.append(("area_km2", before["area_km2"], after["area_km2"]))
    if before["vessels"] is not None and len(before["vessels"]) != len(after["vessels"]):
        changes.append(("vessels", len(before["vessels"]), len(after["vessels"])))
    return changes


# ---------------------------------------------------------------- use cases


def refuse_other_bodies(actor: Actor) -> None:
    """Art. 6(3): departments and other units may not divide grids of their own."""
    if not actor.is_system and (actor.department_id is not None or actor.roles == {Role.LIAISON}):
        raise LawRefusal("部门、单位不得在村(社区)另行划分网格;网格由乡镇(街道)划分,经县(区)同意后报市备案",
                         article="Art. 6")


def _village_names(villages) -> str:
    villages = sorted(villages, key=lambda v: v.code)
    return "、".join(f"{v.short_name}({v.code})" for v in villages[:10]) + (" 等" if len(villages) > 10 else "")


def _refuse_by_village(uow: UnitOfWork, named: dict[str, list[FeatureRef]], villages: dict[str, Place]) -> None:
    """What refuses a file for the villages it is for, before anything in its features is checked: a
    village not in the tree, one not the actor's to maintain (Art. 15), one already divided (Art. 6:
    changed by an adjustment only). Why the geometry falls short is no use to someone who may not import."""
    unknown = [Problem(ref, f"所属村(社区)代码 {code} 不在区划树中" if code not in villages else
                       f"{code} 是{villages[code].level.label},网格只能设在村(社区)下")
               for code, refs in sorted(named.items())
               if code not in villages or villages[code].level is not PlaceLevel.VILLAGE for ref in refs]
    if unknown:
        raise ValidationFailed(f"有 {len(unknown)} 个网格所属的村(社区)代码无效,未导入任何网格;"
                               "请核对网格代码(code)和所属村(社区)代码(village_code)",
                               problems=[str(p) for p in unknown])
    barred = [v for v in villages.values() if not uow.actor.can(Permission.MANAGE_PLACES, v.code)]
    if barred:
        uow.place_code = min(v.code for v in barred)
        townships = sorted({v.parent for v in barred if v.parent is not None}, key=lambda t: t.code)
        who = "、".join(t.name for t in townships)
        raise PermissionDenied(
            f"用户“{uow.actor.display_name}”没有在 {_village_names(barred)} 维护区划与网格的权限,未导入任何网格;"
            f"请由{who + '或其' if who else ''}县(区)、市的管理员导入", article="Art. 15")
    for village in villages.values():
        uow.require(Permission.MANAGE_PLACES, village.code, village.short_name)  # passes: records the place
    divided = uow.session.scalars(
        select(Place.parent_id).join(Grid, Grid.place_id == Place.id)
        .where(Place.parent_id.in_([v.id for v in villages.values()]), Grid.status == GridStatus.ACTIVE)
        .distinct()).all()
    if divided:
        already = [v for v in villages.values() if v.id in set(divided)]
        raise LawRefusal(
            f"{_village_names(already)}已有在用网格,不能再导入;"
            "调整网格须由乡镇(街道)提出调整申请,经县(区)同意(griddesk-admin adjustments propose)",
            article="Art. 6")


def import_grids(db: Database, actor: Actor, collection: dict, *, crs: str = "wgs84",
                 dry_run: bool = False) -> GridImportResult:
    """Initial division of villages without grids, all-or-nothing (see the module docstring).

    The villages the file is for are checked first (known, the actor's, not divided yet), and only then
    its features: the content of a file that may not be imported at all is not worth correcting."""
    refuse_other_bodies(actor)
    with unit_of_work(db, actor, "grids.import") as uow:
        specs, problems = read_grid_set(collection, crs)
        named = _named_villages(collection)
        _refuse_by_village(uow, named, _villages(uow.session, set(named) | {s.village_code for s in specs}))
        villages = _villages(uow.session, {s.village_code for s in specs})
        _raise_problems(uow.session, specs, problems, villages)
        revived = _retired_among(uow.session, [spec.code for spec in specs])
        result = GridImportResult(len(specs), len(villages), sum(len(s.vessels) for s in specs), dry_run, revived)
        again = f"(其中重新启用已撤销的网格 {len(revived)} 个:{'、'.join(revived)})" if revived else ""
        if dry_run:  # checked only: the audit entry says so, nothing else is written
            uow.audit(f"检查网格文件:{len(specs)} 个网格可导入{again}(未写入)", dry_run=True, grids=len(specs),
                      revived=list(revived))
            return result
        counts = apply_grid_set(uow.session, specs, villages)
        uow.audit(f"导入网格 {counts.created + len(counts.revived)} 个{again},涉及村(社区){len(villages)} 个,"
                  f"写入船只名册 {counts.vessels_written} 条",
                  created=counts.created, revived=list(counts.revived), villages=len(villages),
                  vessels_written=counts.vessels_written, crs=crs)
        for village in villages.values():
            uow.changed("places", village.id)
        return result


def _retired_among(session: Session, codes: list[str]) -> tuple[str, ...]:
    """The codes that name retired grids: imported again, those grids are live again, their history kept (Art. 6)."""
    return tuple(session.scalars(
        select(Place.code).join(Grid, Grid.place_id == Place.id)
        .where(Place.code.in_(codes), Grid.status == GridStatus.RETIRED).order_by(Place.code)).all())


def export_grids(db: Database, actor: Actor, path: str | Path, *, under: str | None = None) -> GridExportResult:
    """Write the live grids under a place (default: the actor's own scope, see resolve_scope) to a
    GeoJSON file that re-imports; needs Permission.EXCHANGE there, and the export is audited.

    Vessel skippers' names and phones are personal data: written only where the actor may view
    sensitive information, left out otherwise (Art. 15). The file appears whole or not at all.
    """
    path = Path(path)
    with unit_of_work(db, actor, "grids.export", target=path.name) as uow:
        scope = resolve_scope(uow.session, actor, under, Permission.EXCHANGE)
        uow.require(Permission.EXCHANGE, scope.code, scope.short_name)  # passes: records the place
        contacts = actor.can(Permission.VIEW_SENSITIVE, scope.code)
        places = uow.session.scalars(
            select(Place).join(Grid, Grid.place_id == Place.id)
            .options(selectinload(Place.grid).selectinload(Grid.vessels))
            .where(Grid.status == GridStatus.ACTIVE, Place.code.startswith(scope_prefix(scope.code, scope.level)))
            .order_by(Place.code)).all()
        features = [geojson_io.feature(shapely.from_wkb(p.geometry) if p.geometry else None,
                                       _live_properties(p, contacts=contacts)) for p in places]
        geojson_io.write_collection(path, geojson_io.collection(features), published_by=uow)
        vessels = sum(len(p.grid.vessels) for p in places)
        result = GridExportResult(len(features), vessels, contacts_left_out=bool(vessels) and not contacts)
        left_out = "(无查看敏感个人信息权限,船长姓名和电话未导出)" if result.contacts_left_out else ""
        uow.audit(f"导出网格 {len(features)} 个到 {path.name}{left_out}", grids=len(features), vessels=vessels,
                  contacts=contacts, scope=scope.code)
        return result


def grid_history(db: Database, actor: Actor, code: str) -> list[GridVersion]:
    """Every version of a grid, oldest first, each with the Art. 6 adjustment that ended it; the last
    is the live (or retired) one. For a user who may view the grid's place (Art. 15)."""
    with db.session() as session:
        place = get_place(session, normalise_code(code))
        if not actor.can(Permission.VIEW, place.code):
            raise PermissionDenied(f"用户“{actor.display_name}”无权查看 {place.short_name}({place.code})的网格沿革;"
                                   "请由具有该地区查看权限的用户查看", article="Art. 15")
        if place.grid is None:
            raise NotFound(f"{place.short_name}({place.code})不是网格")
        rows = session.scalars(select(GridHistory).where(GridHistory.place_id == place.id)
                               .order_by(GridHistory.valid_to, GridHistory.id)).all()
        versions = [GridVersion(r.valid_from, r.valid_to, r.name, r.kind, r.snapshot.get("status", "active"),
                                r.snapshot.get("area_km2"), r.adjustment_id) for r in rows]
        start = rows[-1].valid_to if rows else place.created_at
        versions.append(GridVersion(start, None, place.name, place.grid.kind, place.grid.status.value,
                                    place.grid.area_km2, None))
        return versions


# ---------------------------------------------------------------- unit boundaries

BOUNDARY_CODE_KEYS = ("code", "adcode", "区划代码")
BOUNDARY_NAME_KEYS = ("name", "short_name", "名称")


def _match_unit(session: Session, ref: FeatureRef, props: dict) -> tuple[Place | None, str | None]:
    for key in BOUNDARY_CODE_KEYS:
        if props.get(key) not in (None, ""):
            try:
                code = normalise_code(str(props[key]))
            except ValidationFailed as exc:
                return None, exc.message
            place = session.scalar(select(Place).where(Place.code == code))
            if place is None or place.level is PlaceLevel.GRID:
                return None, f"{key} {props[key]} 对应的单位 {code} 不在区划树中(网格边界请用 grids import)"
            return place, None
    name = next((str(props[k]).strip() for k in BOUNDARY_NAME_KEYS if props.get(k)), None)
    if not name:
        return None, f"没有可用于匹配的属性:需要 {'/'.join(BOUNDARY_CODE_KEYS)} 或 {'/'.join(BOUNDARY_NAME_KEYS)}"
    matches = session.scalars(select(Place).where(Place.level != PlaceLevel.GRID)
                              .where((Place.name == name) | (Place.short_name == name))).all()
    if not matches:
        return None, f"区划树中没有名为“{name}”的单位"
    if len(matches) > 1:
        listed = "、".join(f"{p.name}({p.code})" for p in matches[:5])
        return None, f"名称“{name}”对应多个单位({listed}),请改用 code 属性指明"
    return matches[0], None


def import_boundaries(db: Database, actor: Actor, collection: dict, *, crs: str = "wgs84") -> BoundaryImportResult:
    """Set the boundaries of existing units, matched by code (6/9/12 digits) or unique name."""
    crs = geojson_io.check_crs(crs)
    with unit_of_work(db, actor, "grids.import_boundaries") as uow:
        problems: list[Problem] = []
        matched: dict[str, tuple[Place, BaseGeometry, FeatureRef]] = {}
        for index, feature in enumerate(collection["features"], 1):
            # Other properties (DataV's center, level, parent, …) are left alone: only the shape is set.
            props, problem = geojson_io.feature_properties(index, feature)
            if problem:
                problems.append(problem)
                continue
            ref = FeatureRef(index, _text(props, "code") or _text(props, "adcode"), _text(props, "name"))
            place, problem = _match_unit(uow.session, ref, props)
            geometry, geometry_problems = geojson_io.feature_geometry(ref, feature, crs)
            if geometry is not None:
                geometry_problems += ring_problems(ref, geometry)
            problems += geometry_problems + ([Problem(ref, problem)] if problem else [])
            if place is None or geometry_problems:
                continue
            if place.code in matched:
                problems.append(Problem(ref, f"与{matched[place.code][2]}指向同一单位 {place.code}"))
            matched[place.code] = (place, geometry, ref)
        if problems:
            raise ValidationFailed(f"边界数据有 {len(problems)} 处问题,未导入任何边界;请修正后重新导入",
                                   problems=[str(p) for p in problems])
        for place, geometry, _ in matched.values():
            uow.require(Permission.MANAGE_PLACES, place.code, place.short_name)
            place.geometry = shapely.to_wkb(geometry)
            place.min_lon, place.min_lat, place.max_lon, place.max_lat = geometry.bounds
            uow.changed("places", place.id)
        uow.session.flush()
        villages = {place.code for place, _, _ in matched.values() if place.level is PlaceLevel.VILLAGE}
        layout = tuple(f"网格 {code}:{message}" if code else message
                       for code, message in live_layout_problems(uow.session, villages)) if villages else ()
        uow.audit(f"导入边界 {len(matched)} 个" + (f";在用网格与新边界有 {len(layout)} 处不符" if layout else ""),
                  updated=len(matched), crs=crs, layout=list(layout))
        return BoundaryImportResult(len(matched), tuple(sorted(matched)), layout)


def live_layout_problems(session: Session, village_codes: set[str] | None = None) -> list[tuple[str | None, str]]:
    """How the grids in use lie in their villages' boundaries (of `village_codes`, or of every village
    with one), as (grid code or None, what): regular grids overlapping, reaching beyond the village or
    leaving part of it uncovered; exclusive grids reaching beyond it (Art. 5, 7). The checks a grid
    import passes, run on what is stored: a boundary imported afterwards may no longer fit."""
    query = select(Place).where(Place.level == PlaceLevel.VILLAGE, Place.geometry.is_not(None))
    if village_codes is not None:
        query = query.where(Place.code.in_(village_codes))
    villages = {v.id: v for v in session.scalars(query)}
    if not villages:
        return []
    grids = session.execute(
        select(Place.code, Place.short_name, Place.parent_id, Place.geometry, Grid.kind)
        .join(Grid, Grid.place_id == Place.id)
        .where(Place.parent_id.in_(villages), Place.geometry.is_not(None), Grid.status == GridStatus.ACTIVE)
        .order_by(Place.code)).all()
    shapes = {kind: [GridShape(FeatureRef(0, code, name), villages[parent].code, shapely.from_wkb(geometry))
                     for code, name, parent, geometry, grid_kind in grids if grid_kind is kind]
              for kind in (GridKind.REGULAR, GridKind.EXCLUSIVE)}
    boundaries = {v.code: shapely.from_wkb(v.geometry) for v in villages.values()}
    found = (layout_problems(shapes[GridKind.REGULAR], boundaries)
             + outside_problems(shapes[GridKind.EXCLUSIVE], boundaries))
    return [(p.feature.code if p.feature else None, str(Problem(None, p.message, p.location))) for p in found]
