"""The matter list's items in and out as CSV (UTF-8 or GBK) or XLSX (Art. 12–13).

An institution compiling its list with the departments (Art. 12(1)) often has it as a table
already; `import_items` adds the table's items to the institution's draft version (opened as a
copy of the list in force if there is none), all or nothing, each bad row named by its line;
publishing stays a step of its own (`matter_list.publish`). `export_items` writes the items of
a version in the same columns, so that one institution's list can be taken up by another
database. A department is named by its code (`griddesk-admin departments list`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..db import Database
from ..errors import ValidationFailed
from ..models import Department, MatterItem, MatterList
from ..models.enums import MatterCategory, MatterComplexity, MatterListState, TimeLimitUnit
from ..models.texts import unstorable
from .exchange.files import cell_text, decode_csv, read_bytes, read_xlsx, write_atomically
from .exchange.problems import Problems
from .exchange.table_export import write_table
from .exchange.table_import import csv_rows
from .department_use import use_departments
from .clock import beijing_today
from .matter_list import ItemDraft, draft_of, list_place, new_item, other_institutions, require_governed_reader
from .matters import lists_in_force
from .places import get_place
from .security import Actor, Permission
from .unit_of_work import unit_of_work

COLUMNS = ["事项编码", "事项名称", "类别", "复杂程度", "办理时限", "时限单位", "责任部门", "网格员可办", "说明"]
REQUIRED = ["事项编码", "事项名称", "类别", "办理时限", "责任部门"]
_YES, _NO = ("是", "yes", "true", "1"), ("否", "no", "false", "0")


@dataclass(frozen=True)
class ItemsImported:
    place_name: str
    version: int
    added: int


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line, {column: text}) of the file's data rows; a bad header or a row of the wrong width refuses it."""
    problems = Problems(path.name)
    if path.suffix.lower() == ".xlsx":
        lines = [(n, [cell_text(v) for v in values]) for n, values in enumerate(read_xlsx(read_bytes(path), path.name), 1)]
    elif path.suffix.lower() == ".csv":
        lines = list(csv_rows(decode_csv(read_bytes(path)), problems))
    else:
        raise ValidationFailed(f"不支持的文件类型 {path.suffix or '(无扩展名)'}:请使用 .csv 或 .xlsx", field="file")
    (header_line, header), *body = lines or [(1, [])]
    header = [name.strip() for name in header]
    wrong = ([f"缺少列 {'、'.join(c for c in REQUIRED if c not in header)}"] if set(REQUIRED) - set(header) else []) + \
            [f"不认识的列 {name or '(空)'},其内容无处保存" for name in header if name not in COLUMNS] + \
            [f"列 {name} 出现了不止一次" for name in sorted({h for h in header if header.count(h) > 1})]
    for message in wrong:
        problems.add(f"第 {header_line} 行(表头)", None, f"{message};可用的列:{','.join(COLUMNS)}")
    problems.raise_if_any()
    rows = []
    for line, cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells)) if path.suffix.lower() == ".xlsx" else cells
        if len(cells) != len(header):
            problems.add(f"第 {line} 行", None, f"有 {len(cells)} 列,表头有 {len(header)} 列;整行未读")
            continue
        rows.append((line, {name: cell.strip() for name, cell in zip(header, cells, strict=True)}))
    problems.raise_if_any()
    if not rows:
        raise ValidationFailed(f"{path.name}:表头之后没有事项,没有可导入的内容")
    return rows


def _enum(enum_cls, text: str, column: str, problems: list[str], default=None):
    if not text and default is not None:
        return default
    try:
        return enum_cls.from_label(text)
    except ValueError:
        problems.append(f"{column}:“{text}”应为 {'、'.join(m.label for m in enum_cls)} 之一")
        return default


def _draft(line: int, row: dict[str, str], departments: dict[str, Department],
           foreign: dict[int, str]) -> tuple[ItemDraft | None, int | None, list[str]]:
    """The item a row describes and its department's id, or what is wrong with it. `foreign`: why each
    department of another institution cannot be named (other_institutions)."""
    problems = [f"{column}:必填" for column in REQUIRED if not row.get(column)]
    problems += [f"{column}:{why}" for column, value in row.items() if (why := unstorable(value))]
    limit = row.get("办理时限", "")
    if limit and not limit.isdecimal():
        problems.append(f"办理时限:“{limit}”应为正整数")
    flag = row.get("网格员可办", "")
    if flag and flag.lower() not in _YES + _NO:
        problems.append(f"网格员可办:“{flag}”应为 是 或 否")
    department = departments.get(row.get("责任部门", ""))
    if row.get("责任部门") and department is None:
        problems.append(f"责任部门:没有代码为 {row['责任部门']} 的部门(见 griddesk-admin departments list)")
    elif department is not None and not department.active:
        problems.append(f"责任部门:{department.name}已停用,请改选在用的部门(Art. 13)")
    elif department is not None and department.id in foreign:
        problems.append(foreign[department.id])
    category = _enum(MatterCategory, row.get("类别", ""), "类别", problems)
    complexity = _enum(MatterComplexity, row.get("复杂程度", ""), "复杂程度", problems, MatterComplexity.GENERAL)
    unit = _enum(TimeLimitUnit, row.get("时限单位", ""), "时限单位", problems, TimeLimitUnit.WORKING_DAYS)
    if problems:
        return None, None, [f"第 {line} 行 {p}" for p in problems]
    draft = ItemDraft(code=row["事项编码"], title=row["事项名称"], category=category, complexity=complexity,
                      time_limit=int(limit), time_limit_unit=unit, grid_staff_task=flag.lower() not in _NO,
                      description=row.get("说明") or None)
    found = [f"第 {line} 行 {p}" for p in draft.problems()]
    title_limit = MatterItem.title.type.length
    if len(draft.title) > title_limit:
        found.append(f"第 {line} 行 事项名称:有 {len(draft.title)} 个字,超过上限 {title_limit} 个字")
    return (None, None, found) if found else (draft, department.id, [])


def import_items(db: Database, actor: Actor, path: str | Path, *, place_code: str) -> ItemsImported:
    """Add the file's items to the draft of the city's or a county's list; nothing if any row is bad.

    An item whose code the draft has already is refused (the import only adds: change an item in
    the desktop's 事项清单); so is a code given twice in the file. Needs MANAGE_MATTERS (Art. 12(1)).
    """
    path = Path(path)
    rows = _rows(path)
    with unit_of_work(db, actor, "matters.import_items", target=path.name) as uow:
        session = uow.session
        place = list_place(uow, place_code)
        codes = {row.get("责任部门") for _, row in rows}
        named = session.scalars(select(Department.id).where(Department.code.in_(codes))).all()
        # Share-locked and read afresh, as add_item does: a department retired meanwhile is not listed.
        departments = {d.code: d for d in use_departments(session, named).values()}
        foreign = {d.id: why for d in departments.values() if (why := other_institutions(session, d, place))}
        draft_list = draft_of(session, place)
        present = {item.code for item in draft_list.items}
        problems, drafts, seen = [], [], {}
        for line, row in rows:
            draft, department_id, found = _draft(line, row, departments, foreign)
            problems += found
            if draft is None:
                continue
            if draft.code in present:
                problems.append(f"第 {line} 行 事项编码:第 {draft_list.version} 版草稿中已有 {draft.code};导入只新增事项,"
                                "修改请在桌面“事项清单”中办理")
            elif draft.code in seen:
                problems.append(f"第 {line} 行 事项编码:{draft.code} 与第 {seen[draft.code]} 行重复")
            else:
                drafts.append((draft, department_id))
            seen.setdefault(draft.code, line)
        if problems:
            raise ValidationFailed(f"{path.name} 有 {len(problems)} 处问题,未导入任何事项;请改正后重新导入", problems)
        for draft, department_id in drafts:
            new_item(session, draft_list, draft, department_id, None)
        uow.audit(f"从 {path.name} 向{place.short_name}事项清单第 {draft_list.version} 版草稿导入事项 {len(drafts)} 项",
                  target=f"matter_list:{draft_list.id}", added=len(drafts))
        uow.changed("matters", draft_list.id)
        return ItemsImported(place.short_name, draft_list.version, len(drafts))


def export_items(db: Database, actor: Actor, path: str | Path, *, place_code: str, draft: bool = False) -> int:
    """Write the items of the institution's list in force (or its draft) in the import's columns."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise ValidationFailed(f"不支持的文件类型 {path.suffix or '(无扩展名)'}:请使用 .csv 或 .xlsx", field="file")
    with unit_of_work(db, actor, "matters.export_items", target=path.name) as uow:
        place = get_place(uow.session, place_code)
        if draft:  # not yet published: for those who may view the institution's place, not the governed
            uow.require(Permission.VIEW, place.code, place.short_name)
            matter_list = uow.session.scalar(select(MatterList).where(MatterList.place_id == place.id,
                                                                      MatterList.state == MatterListState.DRAFT))
        else:  # in force today: a version published to take effect later is not yet
            require_governed_reader(uow, Permission.VIEW, place)
            matter_list = next((ml for ml in lists_in_force(uow.session, place, beijing_today())
                                if ml.place_id == place.id), None)
        if matter_list is None:
            raise ValidationFailed(f"{place.short_name}没有{'草稿' if draft else '现行'}的事项清单,没有可导出的事项")
        codes = dict(uow.session.execute(select(Department.id, Department.code)).all())
        rows = [[item.code, item.title, item.category.label, item.complexity.label, item.time_limit,
                 item.time_limit_unit.label, codes[item.department_id], "是" if item.grid_staff_task else "否",
                 item.description or ""] for item in sorted(matter_list.items, key=lambda i: i.code)]
        write_atomically(path, lambda tmp: write_table(tmp, "事项清单", COLUMNS, rows), published_by=uow)
        uow.audit(f"导出{place.short_name}事项清单第 {matter_list.version} 版事项 {len(rows)} 项到 {path.name}",
                  rows=len(rows))
        return len(rows)
