"""What a grid's public notice sheet shows (Art. 14), its content hash, and the reprint list.

Art. 14 asks the township to post, and keep up to date, each grid's name and area, its staff
with their phones, the acceptance platform and the supervision hotline, and other notices.
Phones are shown in full here: publishing them is what the law requires. A sheet needs
reprinting when the hash of what it would show now differs from its last printing.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import shapely
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..db import Database
from ..errors import PermissionDenied, ValidationFailed
from ..models import Grid, GridStaffRole, Person, Place, PrintedSheet, Setting, Vessel
from ..models.enums import GridStatus, PersonStatus, PlaceLevel, SeaCategory, SheetKind, StaffRole
from .clock import beijing_today
from .exchange.files import write_bytes
from ..models.places import CITY_CODE
from .places import get_place
from .security import Actor, Permission, scope_prefix
from .unit_of_work import checked_ahead, unit_of_work

# Configurable texts of the sheet (Settings) and their defaults.
DEFAULTS = {
    "notice.platform": "北海市网格化服务管理事项受理平台",
    "notice.hotline": "12345 政务服务便民热线",
    "notice.url": "",  # not set: the sheets print no QR code until the city names its grid pages
    "notice.other": "",
}
# Points kept per ring on the inset: plenty at 6 cm, and a redrawn boundary still changes the hash.
MAX_RING_POINTS = 200
# How far ahead the print dialog looks for a roster change that will make today's sheet out of date.
ROSTER_LOOKAHEAD_DAYS = 31
# The sheet lists the grid head first, then the members, then the exclusive-grid staff (Art. 9).
ROLE_ORDER = {StaffRole.GRID_HEAD: 0, StaffRole.GRID_MEMBER: 1, StaffRole.EXCLUSIVE_STAFF: 2}


@dataclass(frozen=True)
class SheetStaff:
    role: str
    name: str
    phone: str


@dataclass(frozen=True)
class NoticeSheet:
    grid_id: int
    grid_code: str
    grid_name: str
    area: str  # the units the grid lies in, e.g. 海城区 中街街道 塘仔里社区
    kind: str  # 基础网格 / 专属网格(学校) …
    outline: tuple[tuple[tuple[float, float], ...], ...]  # exterior rings, lon/lat
    vessels: int | None  # vessel-group grids are rosters, not areas (Art. 7(2))
    staff: tuple[SheetStaff, ...]
    platform: str
    hotline: str
    other: str
    url: str  # the grid's public page (its QR code); empty while the city has not set the address
    publisher: str  # the township (street) that posts the sheet (Art. 14), named in its footer

    def gaps(self) -> list[str]:
        """What Art. 14(2) asks the board to publish and this sheet prints blank: the grid's staff, each
        with a way to reach them. Printed all the same (a board with a gap beats none), but said."""
        if not self.staff:
            return ["没有在岗的网格工作人员,公示牌上无人可联系(Art. 14(2));请先在“网格人员”中配备"]
        return [f"{member.role} {member.name} 没有联系电话,公示牌上该栏空白(Art. 14(2));请在“网格人员”中补录"
                for member in self.staff if not member.phone]

    def content_hash(self) -> str:
        shown = asdict(self)
        # The publisher is the township `area` names already: left out, so that the sheets printed before
        # it was a field of its own do not all read as changed.
        del shown["publisher"]
        payload = json.dumps(shown, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReprintEntry:
    grid_code: str
    grid_name: str
    last_printed_at: datetime | None  # None: never printed

    @property
    def reason(self) -> str:
        return "从未打印" if self.last_printed_at is None else "公示内容已变化"


def notice_settings(session: Session) -> dict[str, str]:
    stored = dict(session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(DEFAULTS))).all())
    return {key: str(stored.get(key, default)) for key, default in DEFAULTS.items()}


# What each text is, for people: (label, longest length).
TEXT_FIELDS = {
    "notice.platform": ("受理平台名称", 60),
    "notice.hotline": ("监督举报电话", 40),  # as the sheet prints it (Art. 14(3))
    "notice.url": ("二维码网址({code} 处代入网格代码)", 200),
    "notice.other": ("其他说明(可空)", 120),
}


# Texts that no default can stand in for: a printed QR code must lead to the city's real page, so
# none is printed until it is set (a made-up address would send residents nowhere).
SET_BY_CITY = ("notice.url",)


def unset_texts(db: Database) -> list[str]:
    """The labels of the texts (SET_BY_CITY) the city has not set yet."""
    with db.session() as session:
        printed = notice_settings(session)
    return [TEXT_FIELDS[key][0] for key in SET_BY_CITY if not printed[key]]


def texts(db: Database) -> dict[str, str]:
    """The texts every notice-board sheet carries, as they print now."""
    with db.session() as session:
        return notice_settings(session)


def may_configure_texts(actor: Actor) -> bool:
    """The sheet texts are the city's: set with MANAGE_PLACES over the whole city."""
    return actor.can(Permission.MANAGE_PLACES, CITY_CODE)


def configure_texts(db: Database, actor: Actor, **values: str) -> dict[str, str]:
    """Set the texts every sheet carries (keys of TEXT_FIELDS, with or without "notice."); all or
    nothing. They are the city's: the acceptance platform, the hotline and the web address by which
    residents reach the grid (Art. 14). Needs MANAGE_PLACES over the whole city; audited with the
    texts before and after. Sheets printed before then read as changed, so they are listed for reprinting.
    """
    given = {key if key.startswith("notice.") else f"notice.{key}": str(value).strip() for key, value in values.items()}
    problems = [f"{key.removeprefix('notice.')}:没有这项公示牌文字;可设置 {'、'.join(k.removeprefix('notice.') for k in TEXT_FIELDS)}"
                for key in given if key not in TEXT_FIELDS]
    for key, value in given.items():
        if key not in TEXT_FIELDS:
            continue
        label, longest = TEXT_FIELDS[key]
        if len(value) > longest:
            problems.append(f"{label}({key}):最多 {longest} 个字,现为 {len(value)} 个")
        if not value and key not in ("notice.other", *SET_BY_CITY):  # an address emptied: no QR code again
            problems.append(f"{label}({key}):不能为空")
        if key == "notice.url" and value and not value.startswith(("https://", "http://")):
            problems.append(f"{label}({key}):应以 https:// 或 http:// 开头,现为 {value!r}")
        if key == "notice.url" and value and "{code}" not in value:
            problems.append(f"{label}({key}):应含 {{code}}(打印时换成网格代码),否则每块公示牌的二维码都指向同一网页")
    if problems:
        raise ValidationFailed("公示牌文字未保存,请按提示改正:", problems, article="Art. 14")
    with unit_of_work(db, actor, "print.notice_texts") as uow:
        city = get_place(uow.session, CITY_CODE)
        uow.require(Permission.MANAGE_PLACES, city.code, city.short_name,
                    action="设置全市公示牌文字(由市级管理员设置)")
        before = notice_settings(uow.session)
        for key, value in given.items():
            setting = uow.session.get(Setting, key) or Setting(key=key)
            setting.value, setting.updated_by = value, actor.username
            uow.session.add(setting)
        uow.session.flush()
        after = notice_settings(uow.session)
        changed = [TEXT_FIELDS[key][0] for key in TEXT_FIELDS if before[key] != after[key]]
        uow.audit(f"修改网格公示牌文字:{'、'.join(changed) or '无变化'}", before=before, after=after)
        uow.changed("printing", city.id)
        return after


def _outline(wkb: bytes | None) -> tuple[tuple[tuple[float, float], ...], ...]:
    if not wkb:
        return ()
    geometry = shapely.from_wkb(wkb)
    rings = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        ring = polygon.exterior
        step = max(1, len(ring.coords) // MAX_RING_POINTS)
        coords = list(ring.coords)[::step]
        rings.append(tuple((round(x, 6), round(y, 6)) for x, y in coords))
    return tuple(rings)


def _require(actor: Actor, permission: Permission, place: Place) -> None:
    if not actor.can(permission, place.code):
        raise PermissionDenied(f"用户“{actor.display_name}”没有在 {place.short_name}({place.code}){permission.label}的权限",
                               article="Art. 15")


def _grid_rows(session: Session, root: Place, codes: set[str] | None = None):
    """The active grids under `root` (or just `codes` of them), with their village's, township's and county's names."""
    village, township, county = aliased(Place), aliased(Place), aliased(Place)
    stmt = (select(Place, Grid, village.short_name, township.name, county.name)
            .join(Grid, Grid.place_id == Place.id)
            .join(village, village.id == Place.parent_id)
            .join(township, township.id == village.parent_id)
            .join(county, county.id == township.parent_id)
            .where(Place.level == PlaceLevel.GRID, Grid.status == GridStatus.ACTIVE,
                   Place.code.startswith(scope_prefix(root.code, root.level)))
            .order_by(Place.code))
    if codes is not None:  # a few grids of a county (the roster changes ahead): not its every row to filter here
        stmt = stmt.where(Place.code.in_(sorted(codes)))
    return session.execute(stmt).all()


def _staff_by_grid(session: Session, grid_ids: list[int], on: date) -> dict[int, list[SheetStaff]]:
    rows = session.execute(
        select(GridStaffRole.grid_id, GridStaffRole.role, Person.name, Person.phone, Person.id)
        .join(Person, Person.id == GridStaffRole.person_id)
        .where(GridStaffRole.grid_id.in_(grid_ids), GridStaffRole.start_on <= on,
               or_(GridStaffRole.end_on.is_(None), GridStaffRole.end_on >= on), Person.status != PersonStatus.LEFT)
    ).all()
    # By role as the sheet lists them, then by name in code-point order (for Chinese names the CJK block's
    # radical-and-stroke order; sorted here, as ORDER BY would follow each database's collation), then by
    # person: namesakes keep one order, on which the sheet's hash depends.
    rows.sort(key=lambda r: (ROLE_ORDER[r.role], r.name, r.id))
    found: dict[int, list[SheetStaff]] = defaultdict(list)
    for grid_id, role, name, phone, _person_id in rows:
        found[grid_id].append(SheetStaff(role.label, name, phone or ""))
    return found


def sheets(db: Database, actor: Actor, under: str, *, on: date | None = None,
           codes: set[str] | None = None) -> list[NoticeSheet]:
    """The sheets of every active grid under a place (or just `codes`), as they would print today."""
    on = on or beijing_today()
    with db.session() as session:
        root = get_place(session, under)
        _require(actor, Permission.VIEW, root)
        texts = notice_settings(session)
        rows = _grid_rows(session, root, codes)
        ids = [place.id for place, *_ in rows]
        staff = {}
        vessels = {}
        # Chunked: SQLite and PostgreSQL both limit the parameters of one statement.
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            staff.update(_staff_by_grid(session, chunk, on))
            vessels.update(session.execute(select(Vessel.grid_id, func.count()).where(Vessel.grid_id.in_(chunk))
                                           .group_by(Vessel.grid_id)).all())
        result = []
        for place, grid, village, township, county in rows:
            special = grid.exclusive_category or grid.sea_category
            kind = grid.kind.label + (f"({special.label})" if special else "")
            is_vessel_group = grid.sea_category is SeaCategory.VESSEL_GROUP
            result.append(NoticeSheet(
                grid_id=place.id, grid_code=place.code, grid_name=place.name,
                area=f"{county} {township} {village}", kind=kind,
                outline=() if is_vessel_group else _outline(place.geometry),
                vessels=vessels.get(place.id, 0) if is_vessel_group else None,
                staff=tuple(staff.get(place.id, ())),
                platform=texts["notice.platform"], hotline=texts["notice.hotline"], other=texts["notice.other"],
                url=texts["notice.url"].replace("{code}", place.code), publisher=township,
            ))
        return result


def _last_hashes(session: Session, grid_ids: list[int]) -> dict[int, tuple[str, datetime]]:
    newest = (select(PrintedSheet.place_id, func.max(PrintedSheet.id).label("id"))
              .where(PrintedSheet.kind == SheetKind.NOTICE_SHEET).group_by(PrintedSheet.place_id).subquery())
    rows = session.execute(select(PrintedSheet.place_id, PrintedSheet.content_hash, PrintedSheet.printed_at)
                           .join(newest, newest.c.id == PrintedSheet.id)).all()
    wanted = set(grid_ids)
    return {place_id: (digest, at) for place_id, digest, at in rows if place_id in wanted}


def needs_reprint(db: Database, actor: Actor, under: str, *, on: date | None = None) -> list[ReprintEntry]:
    """Grids whose sheet was never printed or would now show something else (Art. 14 "及时更新")."""
    current = sheets(db, actor, under, on=on)
    with db.session() as session:
        last = _last_hashes(session, [s.grid_id for s in current])
    result = []
    for sheet in current:
        printed = last.get(sheet.grid_id)
        if printed is None or printed[0] != sheet.content_hash():
            result.append(ReprintEntry(sheet.grid_code, sheet.grid_name, printed[1] if printed else None))
    return result


@dataclass(frozen=True)
class RosterChange:
    grid_code: str
    grid_name: str
    on: date  # the first day the sheet lists other staff than it does on the day printed


def roster_changes_ahead(db: Database, actor: Actor, under: str, *, on: date | None = None,
                         days: int = ROSTER_LOOKAHEAD_DAYS) -> list[RosterChange]:
    """Grids whose sheet printed on `on` will list other staff within `days`: a sheet prints who is in post
    that day, so one printed on a head's last day lists the leaving head, not the successor starting the next."""
    on = on or beijing_today()
    last = on + timedelta(days=days)
    with db.session() as session:
        root = get_place(session, under)
        _require(actor, Permission.VIEW, root)
        rows = session.execute(
            select(Place.code, GridStaffRole.start_on, GridStaffRole.end_on)
            .join(GridStaffRole, GridStaffRole.grid_id == Place.id)
            .where(Place.code.startswith(scope_prefix(root.code, root.level)),
                   or_(and_(GridStaffRole.start_on > on, GridStaffRole.start_on <= last),
                       and_(GridStaffRole.end_on >= on, GridStaffRole.end_on < last)))).all()
    # The days a grid's roster may change: a start, or the day after an end (the last day is still in post).
    candidates: dict[str, set[date]] = defaultdict(set)
    for code, start, end in rows:
        candidates[code] |= {day for day in (start, end and end + timedelta(days=1)) if day and on < day <= last}
    if not candidates:
        return []
    printed = {sheet.grid_code: sheet for sheet in sheets(db, actor, under, on=on, codes=set(candidates))}
    changes: dict[str, RosterChange] = {}
    for day in sorted(set().union(*candidates.values())):
        codes = {code for code, days_ in candidates.items() if day in days_ and code in printed and code not in changes}
        for sheet in sheets(db, actor, under, on=day, codes=codes) if codes else ():
            if sheet.staff != printed[sheet.grid_code].staff:  # a renewal on the same day changes nothing
                changes[sheet.grid_code] = RosterChange(sheet.grid_code, sheet.grid_name, day)
    return sorted(changes.values(), key=lambda change: change.grid_code)


def require_printing(db: Database, actor: Actor, under: str) -> None:
    """Refuse, on record, a user who may not print the sheets under a place (Art. 15) before any is
    drawn: they carry the staff's whole phones, which no file is to hold for one who may not print them."""
    with checked_ahead(db, actor, "print.notice_sheets") as uow:
        uow.target = under
        root = get_place(uow.session, under)
        uow.require(Permission.PRINT, root.code, root.short_name)


def record_printed(db: Database, actor: Actor, under: str, printed: list[NoticeSheet], *, pdf: bytes, pages: int,
                   out: Path) -> None:
    """Note what each printed sheet showed, which clears it from the reprint list, and write the sheets
    (`pdf`, `pages` pages: a grid with many staff takes more than one) to `out` once that is on record
    (they carry the staff's whole phones, Art. 15)."""
    with unit_of_work(db, actor, "print.notice_sheets", target=under) as uow:
        root = get_place(uow.session, under)
        uow.require(Permission.PRINT, root.code, root.short_name)
        write_bytes(out, pdf, published_by=uow)
        uow.session.add_all(PrintedSheet(kind=SheetKind.NOTICE_SHEET, place_id=s.grid_id, subject_ref=s.grid_code,
                                         content_hash=s.content_hash(), printed_by=actor.username)
                            for s in printed)
        uow.audit(f"打印网格公示牌({root.short_name}):{len(printed)} 个网格,共 {pages} 张", sheets=len(printed),
                  pages=pages)
        uow.changed("printing", root.id)
