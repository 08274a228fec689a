"""Staff rosters in and out as CSV (UTF-8 with or without BOM, or GBK) and XLSX (SPEC §9).

Import is all-or-nothing: every row is checked first, and one bad row (unknown grid code, bad
role or source, bad phone or date, a duplicate, bytes that are neither UTF-8 nor GBK) means a
`ValidationFailed` listing every problem by row number and column, and nothing imported.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
from sqlalchemy import or_, select

from ..db import Database
from ..errors import GridDeskError, ValidationFailed
from ..models import GridStaffRole, Person, Place
from ..models.enums import PersonStatus, PlaceLevel, StaffRole, StaffSource
from .clock import beijing_today
from .evaluation.scores import resolve_scope
from .exchange.files import cell_text, decode_csv, read_bytes, read_xlsx, write_atomically
from .security import Actor, Permission
from .staff_admin import check_id_number, check_phone, check_source
from .unit_of_work import unit_of_work

COLUMNS = ["姓名", "手机", "身份证号", "网格代码", "网格名称", "角色", "来源", "状态", "起始日期"]
REQUIRED = ["姓名", "网格代码", "角色", "来源"]


@dataclass(frozen=True)
class ImportReport:
    rows: int
    people_added: int
    roles_added: int


@dataclass
class _Row:
    number: int
    name: str
    phone: str | None
    id_number: str | None
    grid: Place
    role: StaffRole
    source: StaffSource
    status: PersonStatus
    start_on: date

    @property
    def person_key(self) -> tuple:
        return ("id", self.id_number) if self.id_number else ("name", self.name, self.phone)


def read_table(path: Path) -> list[dict[str, object]]:
    """Rows of a .csv or .xlsx file as {column: value}; the header is row 1, data from row 2."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = read_xlsx(read_bytes(path), path.name)
    elif suffix == ".csv":
        rows = list(csv.reader(io.StringIO(decode_csv(read_bytes(path)), newline="")))
    else:
        raise ValidationFailed(f"不支持的文件类型 {suffix or '(无扩展名)'}:请使用 .csv 或 .xlsx", field="file")
    if not rows:
        raise ValidationFailed("文件是空的:第 1 行应为表头(" + "、".join(COLUMNS) + ")")
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationFailed("表头缺少必需的列:" + "、".join(missing), problems=[f"第 1 行:缺少“{c}”列" for c in missing])
    return [dict(zip(header, r, strict=False)) for r in rows[1:]]


def _date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value).replace("/", "-").replace(".", "-")
    if not text:
        return beijing_today()
    return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))


def _parse(session, raw_rows: list[dict[str, object]]) -> tuple[list[_Row], list[str]]:
    codes = {cell_text(r.get("网格代码")) for r in raw_rows}
    grids = {p.code: p for p in session.scalars(select(Place).where(Place.code.in_(codes),
                                                                    Place.level == PlaceLevel.GRID))}
    rows, problems, seen = [], [], {}
    for number, raw in enumerate(raw_rows, start=2):
        values = {c: cell_text(raw.get(c)) for c in COLUMNS}
        if not any(values.values()):
            continue  # blank lines at the end of a sheet
        row_problems = []

        def check(column, convert):
            try:
                return convert(values[column])
            except (GridDeskError, ValueError) as exc:
                detail = exc.message if isinstance(exc, GridDeskError) else f"无法识别“{values[column]}”"
                row_problems.append(f"第 {number} 行“{column}”:{detail}")
                return None

        for column in REQUIRED:
            if not values[column]:
                row_problems.append(f"第 {number} 行“{column}”:不能为空")
        if row_problems:
            problems += row_problems
            continue
        phone = check("手机", check_phone)
        id_number = check("身份证号", check_id_number)
        role = check("角色", StaffRole.from_label)
        source = check("来源", StaffSource.from_label)
        status = check("状态", lambda v: PersonStatus.from_label(v) if v else PersonStatus.ACTIVE)
        start_on = check("起始日期", lambda _: _date(raw.get("起始日期")))
        grid = grids.get(values["网格代码"])
        if grid is None:
            row_problems.append(f"第 {number} 行“网格代码”:没有代码为 {values['网格代码']} 的网格")
        if role and source:
            check("来源", lambda _: check_source(role, source))
        if not row_problems:
            row = _Row(number, values["姓名"], phone, id_number, grid, role, source, status, start_on)
            key = (row.person_key, grid.code, role)
            if key in seen:
                row_problems.append(f"第 {number} 行:与第 {seen[key]} 行重复(同一人、同一网格、同一角色)")
            else:
                seen[key] = number
                rows.append(row)
        problems += row_problems
    return rows, problems


def _existing_people(session, rows: list[_Row]) -> dict[tuple, Person]:
    ids = {r.id_number for r in rows if r.id_number}
    names = {r.name for r in rows if not r.id_number}
    people = session.scalars(select(Person).where(or_(Person.id_number.in_(ids), Person.name.in_(names))))
    found = {}
    for person in people:
        if person.id_number:
            found[("id", person.id_number)] = person
        found.setdefault(("name", person.name, person.phone), person)
    return found


def import_staff(db: Database, actor: Actor, path: Path) -> ImportReport:
    """Add the staff roles listed in a CSV/XLSX file, or nothing if any row is bad."""
    raw_rows = read_table(path)
    with unit_of_work(db, actor, "staff.import", target=Path(path).name) as uow:
        session = uow.session
        rows, problems = _parse(session, raw_rows)
        people = _existing_people(session, rows)
        current = set(session.execute(
            select(GridStaffRole.person_id, GridStaffRole.grid_id, GridStaffRole.role)
            .where(GridStaffRole.end_on.is_(None), GridStaffRole.person_id.in_([p.id for p in people.values()]))
        ).all())
        for row in rows:
            person = people.get(row.person_key)
            if person is not None and (person.id, row.grid.id, row.role) in current:
                problems.append(f"第 {row.number} 行:{row.name} 已是 {row.grid.short_name} 的{row.role.label},不能重复导入"
                                "(导入只新增任职;已在岗人员的变更或离岗请在“网格人员”中办理,文件中删去这一行)")
        if problems:
            raise ValidationFailed(f"{len(problems)} 处错误,本次未导入任何记录;请修正文件后重新导入", problems=problems)
        for grid in {r.grid.code: r.grid for r in rows}.values():
            uow.require(Permission.MANAGE_STAFF, grid.code, grid.short_name)
        added_people = 0
        for row in rows:
            person = people.get(row.person_key)
            if person is None:
                person = people[row.person_key] = Person(name=row.name, phone=row.phone, id_number=row.id_number)
                session.add(person)
                added_people += 1
            person.status = row.status
            session.add(GridStaffRole(person=person, grid_id=row.grid.id, role=row.role, source=row.source,
                                      start_on=row.start_on))
        report = ImportReport(len(rows), added_people, len(rows))
        uow.audit(f"导入网格人员 {len(rows)} 条(新增人员 {added_people})", rows=len(rows), people_added=added_people)
        uow.changed("staff", note="import")
        return report


def _export_rows(session, under: Place) -> list[list[object]]:
    stmt = (select(GridStaffRole, Person, Place)
            .join(Person, Person.id == GridStaffRole.person_id)
            .join(Place, Place.id == GridStaffRole.grid_id)
            .where(GridStaffRole.end_on.is_(None), Place.code.startswith(under.code[: under.level.code_prefix_length]))
            .order_by(Place.code, GridStaffRole.role, Person.name))
    return [[person.name, person.phone or "", person.id_number or "", grid.code, grid.short_name, role.role.label,
             role.source.label, person.status.label, role.start_on.isoformat()]
            for role, person, grid in session.execute(stmt)]


def export_staff(db: Database, actor: Actor, path: Path, *, under: str | None = None) -> int:
    """Write the serving staff under a place (default: the actor's own scope, see resolve_scope)
    to .csv (UTF-8 with BOM, for Excel) or .xlsx.

    The file carries phones and ID numbers, so the actor needs the right to see sensitive
    information there, and the export is audited (Art. 15).
    """
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise ValidationFailed(f"不支持的文件类型 {path.suffix or '(无扩展名)'}:请使用 .csv 或 .xlsx", field="file")
    with unit_of_work(db, actor, "staff.export", target=path.name) as uow:
        scope = resolve_scope(uow.session, actor, under, Permission.EXCHANGE)
        uow.require(Permission.VIEW_SENSITIVE, scope.code, scope.short_name)
        rows = _export_rows(uow.session, scope)

        def write(target: Path) -> None:
            if path.suffix.lower() == ".xlsx":
                book = openpyxl.Workbook()
                sheet = book.active
                sheet.title = "网格人员"
                sheet.append(COLUMNS)
                for row in rows:
                    sheet.append(row)
                book.save(target)
            else:
                with open(target, "w", encoding="utf-8-sig", newline="") as f:
                    writer = csv.writer(f)
                    writer.writerow(COLUMNS)
                    writer.writerows(rows)

        write_atomically(path, write)
        uow.audit(f"导出网格人员 {len(rows)} 条(含手机号、身份证号)", rows=len(rows), scope=scope.code)
        return len(rows)
