"""Staff rosters in and out as CSV (UTF-8 with or without BOM, or GBK) and XLSX (SPEC §9).

Import is all-or-nothing: every row is checked first, and one bad row means a `ValidationFailed`
listing every problem by row (the line it ends on) and column, and nothing imported. Refused:
a header column not among COLUMNS, or twice; a row with more or fewer cells than the header (an
unclosed quote or an unquoted comma shifts every cell after it: nothing is guessed back into
place); an unknown grid code, or a grid name not that code's; a bad role, source, phone or date;
an ID number of the wrong length, date of birth or check digit (GB 11643-1999), or written back by
Excel in scientific notation (4.50503E+17), all by `staff_admin.check_id_number`;
a text longer than its database column, or holding control characters; an ID number (or a phone
that is no mobile) kept by Excel as a number, whose digits are no longer those typed; a
duplicate; one person given two names, phones or statuses; a name or phone other than the one
stored for that person; 离岗 for someone who keeps other appointments; bytes that are neither
UTF-8 nor GBK. A blank 状态 leaves a known person's status as it is (a new person is 在岗); a
blank 起始日期 is today.

Export writes texts that start like a formula (=HYPERLINK(…)) inert, as the case export does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import or_, select

from ..db import Database
from ..errors import GridDeskError, ValidationFailed
from ..models import GridStaffRole, Person, Place
from ..models.enums import PersonStatus, PlaceLevel, StaffRole, StaffSource
from .clock import beijing_today
from .evaluation.scores import resolve_scope
from .exchange.files import cell_text, decode_csv, read_bytes, read_xlsx, write_atomically
from .exchange.problems import Problems
from .exchange.table_export import write_table
from .exchange.table_import import csv_rows
from .saved_meanwhile import saved_by
from .security import Actor, Permission
from .staff_admin import check_id_number, check_phone, check_source, heads_serving, id_number_elsewhere, second_head
from .unit_of_work import unit_of_work

COLUMNS = ["姓名", "手机", "身份证号", "网格代码", "网格名称", "角色", "来源", "状态", "起始日期"]
REQUIRED = ["姓名", "网格代码", "角色", "来源"]
# The column each text is stored in (网格名称: compared with), whose length is its limit.
_STORED = {"姓名": Person.name, "手机": Person.phone, "身份证号": Person.id_number, "网格代码": Place.code,
           "网格名称": Place.short_name}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # NUL cannot be stored in PostgreSQL, most others not in XLSX
# Columns whose digits Excel changes when it keeps them as a number, and what it changed.
_TEXT_ONLY = {"身份证号": "Excel 的数字只有 15 位有效数字,18 位身份证号的末几位已不是原来的",
              "手机": "固定电话区号前的 0 等已丢失"}
_MOBILE = re.compile(r"1\d{10}")  # a mobile kept as a number keeps every digit

Line = tuple[int, dict[str, object]]  # (the line or sheet row a row ends on, {column: cell})


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
    status: PersonStatus | None  # None: not given
    start_on: date

    @property
    def person_key(self) -> tuple:
        return ("id", self.id_number) if self.id_number else ("name", self.name, self.phone)


def _header_problems(line: int, header: list[str]) -> list[str]:
    known = "、".join(COLUMNS)
    problems = [f"第 {line} 行:缺少“{c}”列" for c in REQUIRED if c not in header]
    for index, name in enumerate(header):
        if not name:
            problems.append(f"第 {line} 行:第 {index + 1} 列没有列名;请删去这一列,或填上列名({known})")
        elif name not in COLUMNS:
            problems.append(f"第 {line} 行:不认识的列“{name}”,其内容无处保存;可用的列:{known}")
        elif name in header[:index]:
            problems.append(f"第 {line} 行:“{name}”列出现了两次")
    return problems


def read_table(path: Path) -> tuple[list[Line], list[str]]:
    """The data rows of a .csv or .xlsx file (its first row is the header) as (line, {column: cell}),
    and the rows that could not be read, by line. A bad header refuses the file at once."""
    path = Path(path)
    suffix = path.suffix.lower()
    unreadable = Problems(path.name)  # where the CSV reader had to stop
    if suffix == ".xlsx":
        lines = list(enumerate(read_xlsx(read_bytes(path), path.name), start=1))
    elif suffix == ".csv":
        lines = list(csv_rows(decode_csv(read_bytes(path)), unreadable))
    else:
        raise ValidationFailed(f"不支持的文件类型 {suffix or '(无扩展名)'}:请使用 .csv 或 .xlsx", field="file")
    if not lines and not unreadable:
        raise ValidationFailed("文件是空的:第 1 行应为表头(" + "、".join(COLUMNS) + ")")
    (header_line, header), *body = lines or [(1, [])]
    header = [cell_text(name) for name in header]
    problems = _header_problems(header_line, header)
    if problems:
        raise ValidationFailed("表头有误,本次未导入任何记录;请修正文件后重新导入",
                               problems=problems + unreadable.lines())
    rows = []
    for line, cells in body:
        if not any(cell_text(cell) for cell in cells):
            continue  # blank lines, as at the end of a sheet
        if suffix == ".xlsx":  # a sheet row stops at its last filled cell
            cells = cells + [None] * (len(header) - len(cells))
        if len(cells) != len(header):
            hint = {".csv": "(可能某格内容中的逗号未加引号)", ".xlsx": "(表头以外的列有内容)"}[suffix]
            problems.append(f"第 {line} 行:有 {len(cells)} 列,表头有 {len(header)} 列"
                            f"{hint if len(cells) > len(header) else ''};整行未读")
            continue
        rows.append((line, dict(zip(header, cells, strict=True))))
    return rows, problems + unreadable.lines()


def _date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value).replace("/", "-").replace(".", "-")
    if not text:
        return beijing_today()
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        raise ValidationFailed(f"无法识别“{cell_text(value)}”;应为日期,如 2025-09-01 或 2025/9/1") from None


def _labelled(enum_cls):
    """A cell's member of `enum_cls` by its label (or value); any other text is refused naming the labels."""
    def convert(text: str):
        try:
            return enum_cls.from_label(text)
        except ValueError:
            raise ValidationFailed(f"无法识别“{text}”;应为{'、'.join(m.label for m in enum_cls)}之一") from None
    return convert


def _text_problems(number: int, raw: dict[str, object], values: dict[str, str]) -> list[str]:
    """What makes a row's texts unusable before anything is looked up."""
    problems = [f"第 {number} 行“{c}”:不能为空" for c in REQUIRED if not values[c]]
    for column, value in values.items():
        limit = _STORED[column].type.length if column in _STORED else None
        if control := _CONTROL.search(value):
            problems.append(f"第 {number} 行“{column}”:含有控制字符 U+{ord(control.group()):04X}(换行、制表符或"
                            "看不见的字符),无法保存;请删去后重新导入")
        elif limit and len(value) > limit:
            problems.append(f"第 {number} 行“{column}”:不能超过 {limit} 个字(本行 {len(value)} 个字)")
    for column, lost in _TEXT_ONLY.items():
        if isinstance(raw.get(column), int | float) and not (column == "手机" and _MOBILE.fullmatch(values[column])):
            problems.append(f"第 {number} 行“{column}”:单元格是数字格式,{lost};请把{column}列设为文本格式后重新填写")
    return problems


def _parse(session, table: list[Line]) -> tuple[list[_Row], list[str]]:
    problems, readable = [], []
    for number, raw in table:
        values = {c: cell_text(raw.get(c)) for c in COLUMNS}
        row_problems = _text_problems(number, raw, values)
        problems += row_problems
        if not row_problems:
            readable.append((number, raw, values))
    codes = {values["网格代码"] for _, _, values in readable}
    grids = {p.code: p for p in session.scalars(select(Place).where(Place.code.in_(codes),
                                                                    Place.level == PlaceLevel.GRID))}
    rows, seen = [], {}
    for number, raw, values in readable:
        row_problems = []

        def check(column, convert):
            try:
                return convert(values[column])
            except (GridDeskError, ValueError) as exc:
                detail = exc.message if isinstance(exc, GridDeskError) else f"无法识别“{values[column]}”"
                row_problems.append(f"第 {number} 行“{column}”:{detail}")
                return None

        phone = check("手机", check_phone)
        id_number = check("身份证号", check_id_number)
        role = check("角色", _labelled(StaffRole))
        source = check("来源", _labelled(StaffSource))
        status = check("状态", lambda v: _labelled(PersonStatus)(v) if v else None)
        start_on = check("起始日期", lambda _: _date(raw.get("起始日期")))
        grid, grid_name = grids.get(values["网格代码"]), values["网格名称"]
        if grid is None:
            row_problems.append(f"第 {number} 行“网格代码”:没有代码为 {values['网格代码']} 的网格")
        elif grid_name and grid_name not in (grid.short_name, grid.name):
            row_problems.append(f"第 {number} 行“网格名称”:“{grid_name}”与网格代码 {grid.code} 不符"
                                f"(该代码的网格是“{grid.short_name}”)")
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


def _file_problems(rows: list[_Row]) -> list[str]:
    """One person given two names, phones or statuses in the file: keeping either would drop the other."""
    problems, given = [], {}  # (person, column) → (the first row giving it, its value)
    for row in rows:
        same = "身份证号相同" if row.id_number else "姓名、手机相同"
        for column, value in (("姓名", row.name), ("手机", row.phone), ("状态", row.status)):
            if value is None:
                continue  # not given here: another row of the person may give it
            first_number, first = given.setdefault((row.person_key, column), (row.number, value))
            if first != value:
                problems.append(f"第 {row.number} 行“{column}”:与第 {first_number} 行{same},是同一人,{column}却不同"
                                f"(第 {first_number} 行“{getattr(first, 'label', first)}”,本行"
                                f"“{getattr(value, 'label', value)}”);同一人各行须一致")
    return problems


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


def _stored_problems(session, actor: Actor, rows: list[_Row], people: dict[tuple, Person]) -> list[str]:
    """Rows that contradict what is stored of their person: the import only adds appointments."""
    serving = session.execute(
        select(GridStaffRole.person_id, GridStaffRole.grid_id, GridStaffRole.role)
        .where(GridStaffRole.end_on.is_(None), GridStaffRole.person_id.in_([p.id for p in people.values()]))
    ).all()
    current, held, in_file = set(serving), Counter(p for p, _, _ in serving), Counter(r.person_key for r in rows)
    problems = []
    heads_in_file: dict[int, int] = {}  # grid id → the row naming its head
    for row in rows:
        person = people.get(row.person_key)
        already = person is not None and (person.id, row.grid.id, row.role) in current
        if row.role is StaffRole.GRID_HEAD and not already:  # one head per grid (Art. 10): stored, or in the file
            head = heads_serving(session, [row.grid.id], row.start_on).get(row.grid.id)
            if head is not None:
                problems.append(f"第 {row.number} 行:{second_head(row.grid, head)}")
            elif row.grid.id in heads_in_file:
                problems.append(f"第 {row.number} 行:与第 {heads_in_file[row.grid.id]} 行都是 {row.grid.short_name} 的"
                                f"网格长;一个网格由一名网格长负责(Art. 10),请只留一行为网格长")
            heads_in_file.setdefault(row.grid.id, row.number)
        if already:
            problems.append(f"第 {row.number} 行:{row.name} 已是 {row.grid.short_name} 的{row.role.label},不能重复导入"
                            "(导入只新增任职;已在岗人员的变更或离岗请在“网格人员”中办理,文件中删去这一行)")
        if person is not None and person.name != row.name:
            elsewhere = id_number_elsewhere(session, actor, row.grid, person, row.name)
            if elsewhere:  # the name is not the importer's to see: nothing more is said of that person
                problems.append(f"第 {row.number} 行“身份证号”:{elsewhere}")
                continue
            problems.append(f"第 {row.number} 行“姓名”:此身份证号已登记为“{person.name}”,本行为“{row.name}”;"
                            "请核对身份证号,或在“网格人员”中更正姓名")
        if person is not None and row.phone and row.phone != person.phone:
            problems.append(f"第 {row.number} 行“手机”:与{person.name}已登记的手机号不同;导入不更改已登记人员的手机号,"
                            "请在“网格人员”中更改,或清空这一格")
        others = in_file[row.person_key] - 1 + (held[person.id] if person is not None else 0)
        if row.status is PersonStatus.LEFT and others:
            problems.append(f"第 {row.number} 行“状态”:新增任职却填离岗,自相矛盾:{row.name}还担任另外 {others} 项网格职务"
                            "(已登记的或本文件其他行的),导入后整个人都会成为离岗;请改填在岗或请假,离岗请在“网格人员”中办理")
    return problems


def import_staff(db: Database, actor: Actor, path: Path) -> ImportReport:
    """Add the staff roles listed in a CSV/XLSX file, or nothing if any row is bad."""
    table, problems = read_table(path)
    with unit_of_work(db, actor, "staff.import", target=Path(path).name) as uow:
        session = uow.session
        rows, row_problems = _parse(session, table)
        problems += row_problems + _file_problems(rows)
        for grid in {r.grid.code: r.grid for r in rows}.values():  # before anything stored of people is told
            uow.require(Permission.MANAGE_STAFF, grid.code, grid.short_name)
        people = _existing_people(session, rows)
        problems += _stored_problems(session, actor, rows, people)
        if problems:
            raise ValidationFailed(f"{len(problems)} 处错误,本次未导入任何记录;请修正文件后重新导入", problems=problems)
        added_people = 0
        for row in rows:
            person = people.get(row.person_key)
            if person is None:
                person = people[row.person_key] = Person(name=row.name, id_number=row.id_number)
                session.add(person)
                added_people += 1
            person.phone = person.phone or row.phone  # from whichever row gives it (all agree, else refused)
            if row.status is not None:
                person.status = row.status
            saved_by(session, person, actor)
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

        write_atomically(path, lambda tmp: write_table(tmp, "网格人员", COLUMNS, rows), published_by=uow)
        uow.audit(f"导出网格人员 {len(rows)} 条(含手机号、身份证号)", rows=len(rows), scope=scope.code)
        return len(rows)
