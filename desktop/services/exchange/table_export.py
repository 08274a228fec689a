"""The case queue as filtered, as CSV (UTF-8 with BOM, so that Excel opens it) or XLSX.

Rows come from `queue.filtered_select`: the same filter, scope and order as the queue on
screen. Requester phones are masked unless the actor may view sensitive data (Art. 15).
外部编号 is the id a case came with from another platform (as Open311's griddesk.external_id):
a case passed on through another database and exported back is known by it.

A leader reads the file as the queue's screen reads: who leads the handling (承办单位), whether a case is
overdue and by how much or how long is left (超期, 剩余/超期: what the countdown shows, by the queue's own
rules, at the moment of the export, which the column's header states), and whether a 督办 order ran past its
own deadline (督办超期). The import reads past these (`READER_COLUMNS`): they are worded for the reader.

Texts come from residents and other platforms: one that starts like a formula (=HYPERLINK(…))
must not be computed when the file is opened. XLSX cells are written as text; in CSV such a
text is prefixed with ' (`escape_text`), which the import takes off again (`unescape_text`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.styles import Font
from sqlalchemy import case, func, null, select
from sqlalchemy.orm import aliased

from ...db import Database
from ...errors import ValidationFailed
from ...models import Case, MatterItem, Place
from ...models.base import utcnow
from ...models.enums import CaseState
from ..clock import beijing_text, due_text, span_words
from ..places import get_place, normalise_code
from ..queue import (
    AWAITING_REVIEW,
    TAKEN_IN,
    QueueFilter,
    filtered_select,
    lead_deadline,
    lead_department,
    lead_sign_due,
    mask_phone,
    missed_sign_for,
    overdue_condition,
    supervision_overdue_condition,
)
from ..security import Actor, Permission, enclosing_code
from ..unit_of_work import unit_of_work
from .case_import import ProgressReport
from .files import write_atomically

COUNTDOWN = "剩余/超期"  # its header says when it was counted (`countdown_header`)
# (header, XLSX column width in characters)
COLUMNS = [
    ("编号", 24), ("渠道", 10), ("外部编号", 24), ("标题", 30), ("类别", 16), ("事项编码", 10), ("状态", 8), ("督办", 8),
    ("督办超期", 9), ("紧急", 6), ("网格/地点", 14), ("网格代码", 17), ("承办单位", 16), ("诉求人", 8), ("联系电话", 14),
    ("地址", 24), ("经度", 11), ("纬度", 11), ("受理时间", 17), ("办理期限", 17), ("超期", 6), (COUNTDOWN, 32),
    ("办结时间", 17), ("办理结果", 30), ("诉求描述", 50), ("并入案件", 24),
]
HEADERS = [name for name, _ in COLUMNS]
# Worded for the file's reader as the case stood at the export, not facts of the request: the import reads past them.
READER_COLUMNS = ("督办超期", "承办单位", "超期", COUNTDOWN)
TIME_FORMAT = "%Y-%m-%d %H:%M"
XLSX_CELL_LIMIT = 32_767  # characters Excel keeps in a cell; a longer text is cut when the file is opened


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")  # the ' itself, so that unescape_text is exact


def escape_text(value: str) -> str:
    """A CSV cell that spreadsheet programs show rather than compute."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def unescape_text(value: str) -> str:
    """The text `escape_text` was given; a ' that escape_text would not have added (a hand-made
    file's '老旧小区'改造) stays."""
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


def append_as_text(sheet, row: list) -> None:
    """Append a row to an XLSX sheet, texts as text: one starting with = is not made a formula.

    The cells are made here and appended as they are: reading the row back (`sheet[sheet.max_row]`) had
    openpyxl scan every cell of the sheet for its last row, each row, and a 10,000-case export took 87 s."""
    sheet.append([_as_text(sheet, value) for value in row])


def _as_text(sheet, value):
    if not isinstance(value, str) or not value.startswith("="):
        return value
    cell = Cell(sheet, value=value)
    cell.data_type = "s"  # openpyxl took it for a formula: it is text (an inline string)
    return cell


def write_table(target: Path, title: str, columns: list[str], rows: list[list]) -> None:
    """A header and rows as XLSX (by the target's suffix; one sheet named `title`) or as CSV in UTF-8
    with a BOM, texts written inert (`escape_text`, `append_as_text`)."""
    if target.suffix.lower() == ".xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = title
        sheet.append(columns)
        for row in rows:
            append_as_text(sheet, row)
        book.save(target)
    else:
        with open(target, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            writer.writerows([escape_text(v) if isinstance(v, str) else v for v in row] for row in rows)


def _time(moment) -> str:
    return beijing_text(moment, TIME_FORMAT)


def countdown_header(now: datetime) -> str:
    """The countdown's header, with the moment it was counted at: the file does not count on."""
    return f"{COUNTDOWN}(截至 {_time(now)})"


def column_of(header: str) -> str:
    """The column a header names (the countdown's says when it was counted)."""
    return COUNTDOWN if header.startswith(f"{COUNTDOWN}(截至 ") and header.endswith(")") else header


def _countdown(state: CaseState, received: datetime, due: datetime | None, overdue: bool | None,
               sign_for_missed: datetime | None, now: datetime) -> tuple[str, str]:
    """超期 and 剩余/超期 of a case at `now`, as the queue's countdown has them: the sign-for its lead let pass
    unsigned first, then the handling deadline; a request not yet dispatched, how long it has waited.
    `overdue` and `sign_for_missed` are the queue's own judgement (overdue_condition, missed_sign_for).
    Nothing for a finished case."""
    if not state.is_open:
        return "", ""
    if sign_for_missed is not None:
        return "是", f"签收超期 {span_words(now - sign_for_missed)}"
    if due is None and state in TAKEN_IN:
        return "否", f"未派遣,已等 {span_words(now - received)}"
    if due is None:  # on hold, or waiting for a decision or the center's review: the 状态 says which
        return "否", "不计时"
    return ("是", f"超期 {span_words(now - due)}") if overdue else ("否", f"剩余 {span_words(due - now)}")


def _sees_full_contacts(actor: Actor, under: str | None) -> bool:
    """Full requester phones only where the actor holds VIEW_SENSITIVE over every exported place."""
    if under is not None:
        return actor.can(Permission.VIEW_SENSITIVE, under)
    exported = actor.scopes(Permission.EXCHANGE)
    return exported is None or all(actor.can(Permission.VIEW_SENSITIVE, g.place_code) for g in exported)


def masks_phones(actor: Actor, f: QueueFilter) -> bool:
    """Whether a CSV or XLSX export of the filter writes requesters' phones masked (Art. 15): said when
    the file is written, since such a file cannot be imported elsewhere (case_import refuses a masked phone)."""
    return not _sees_full_contacts(actor, normalise_code(f.under) if f.under else None)


def rows(db: Database, actor: Actor, f: QueueFilter, now: datetime | None = None) -> Iterator[list]:
    """The table rows, in the queue's order at `now` (streamed: a large queue is never held twice). What the
    queue looks up per case (the lead department, the sign-for missed) is a subquery of the one statement;
    the overdue cases and 督办 orders are a few, read once."""
    grid, village, township = aliased(Place), aliased(Place), aliased(Place)
    target = aliased(Case)  # the case a duplicate was merged into
    place_name = func.coalesce(grid.short_name, village.short_name, township.short_name)
    now = now or utcnow()
    # Exports are the center's (liaisons hold no Permission.EXCHANGE): the case's deadlines, not a share's.
    sign_for_missed = case((missed_sign_for(now), lead_sign_due()), else_=null())
    # 办理期限 of a case waiting on the center's review is its lead's, met or missed: the case keeps no running one.
    deadline = case((Case.state.in_(AWAITING_REVIEW), lead_deadline()), else_=Case.due_at)
    stmt = (select(Case.number, Case.channel, Case.external_id, Case.title, Case.category, MatterItem.code, Case.state,
                   Case.supervision, supervision_overdue_condition(now), Case.urgent, place_name, grid.code,
                   lead_department(), Case.requester_name, Case.requester_phone, Case.address, Case.lon, Case.lat,
                   Case.received_at, Case.due_at, deadline, overdue_condition(now), sign_for_missed, Case.closed_at,
                   Case.resolution, Case.description, target.number)
            .select_from(Case)
            .outerjoin(MatterItem, MatterItem.id == Case.matter_item_id)
            .outerjoin(grid, grid.id == Case.grid_id)
            .outerjoin(village, village.id == Case.village_id)
            .join(township, township.id == Case.township_id)
            .outerjoin(target, target.id == Case.merged_into_id))
    with db.session() as session:
        sensitive = _sees_full_contacts(actor, normalise_code(f.under) if f.under else None)
        result = session.execute(filtered_select(session, actor, f, stmt, now=now).execution_options(yield_per=2000))
        for (number, channel, external_id, title, category, item_code, state, supervision, supervision_overdue, urgent,
             place, grid_code, lead, name, phone, address, lon, lat, received, due, shown_deadline, overdue, missed,
             closed, resolution, description, merged_into) in result:
            yield [number, channel.label, external_id or "", title, category.label, item_code or "", state.label,
                   supervision.label if supervision.value != "none" else "", "是" if supervision_overdue else "",
                   "是" if urgent else "", place, grid_code or "", lead or "", name or "",
                   (phone if sensitive else mask_phone(phone)) or "", address or "",
                   lon if lon is not None else "", lat if lat is not None else "", _time(received),
                   due_text(shown_deadline),
                   *_countdown(state, received, due, overdue, missed, now), _time(closed), resolution or "", description,
                   merged_into or ""]


def require_export(uow, under: str | None) -> str | None:
    """The place code an export is limited to (None: all the actor may export), once the actor is found
    to hold Permission.EXCHANGE there; a code naming no place is told as such, not as a missing permission."""
    code = normalise_code(under) if under else None
    if code is not None:
        get_place(uow.session, code)
    uow.require(Permission.EXCHANGE, code)
    if code is None:  # everything the actor exports: entered where that is, for the auditor over it
        scopes = uow.actor.scopes(Permission.EXCHANGE)
        uow.place_code = None if scopes is None else enclosing_code(g.place_code for g in scopes)
    return code


def export_count(db: Database, actor: Actor, f: QueueFilter, *, now: datetime | None = None) -> int:
    """How many cases an export of the filter writes (those of `filtered_select`, where the actor may
    export): the count the export dialog shows and the progress total, never the cases merely viewed."""
    with db.session() as session:
        stmt = filtered_select(session, actor, f, select(func.count()).select_from(Case), now=now)
        return session.scalar(stmt.order_by(None))  # a count needs no order


def _reporting(table: Iterator[list], total: int, progress: ProgressReport | None) -> Iterator[list]:
    """The rows, telling `progress` every 1,000 and at the end (it raises to cancel)."""
    done = 0
    for row in table:
        if progress and done % 1000 == 0:
            progress(done, total, "导出")
        yield row
        done += 1
    if progress:
        progress(done, total, "导出")


def _write_csv(path: Path, headers: list[str], table: Iterator[list]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(headers)
        for row in table:
            writer.writerow([escape_text(value) if isinstance(value, str) else value for value in row])
            count += 1
    return count


def _write_xlsx(path: Path, headers: list[str], table: Iterator[list]) -> int:
    book = Workbook()
    sheet = book.active
    sheet.title = "诉求清单"
    sheet.append(headers)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    count = 0
    for row in table:
        too_long = next((i for i, value in enumerate(row) if isinstance(value, str) and len(value) > XLSX_CELL_LIMIT), None)
        if too_long is not None:
            raise ValidationFailed(f"案件 {row[0]} 的“{HEADERS[too_long]}”有 {len(row[too_long])} 个字,超过 Excel 单格上限 "
                                   f"{XLSX_CELL_LIMIT} 个字,Excel 打开时会截去后半部分;未导出。请导出为 CSV",
                                   field=HEADERS[too_long])
        try:
            append_as_text(sheet, row)
        except IllegalCharacterError:  # a control character kept from before such texts were refused
            column = next(i for i, value in enumerate(row) if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value))
            raise ValidationFailed(f"案件 {row[0]} 的“{HEADERS[column]}”含有 Excel 无法保存的控制字符,未导出;"
                                   f"请导出为 CSV,或先更正该案件后再导出为 Excel", field=HEADERS[column]) from None
        count += 1
    book.save(path)
    return count


def export_table(db: Database, actor: Actor, path: Path, f: QueueFilter, fmt: str,
                 progress: ProgressReport | None = None, *, now: datetime | None = None) -> int:
    """Write the filtered queue to `path` as "csv" or "xlsx"; needs Permission.EXCHANGE. Returns the rows.

    The file appears whole or not at all: `progress(done, total, what)` may raise to cancel. Overdue and
    the time left are counted at `now` (the moment of the export), which the countdown's header states.
    """
    writer = {"csv": _write_csv, "xlsx": _write_xlsx}[fmt]
    now = now or utcnow()
    headers = [countdown_header(now) if name == COUNTDOWN else name for name in HEADERS]
    with unit_of_work(db, actor, "cases.export", target=path.name) as uow:
        under = require_export(uow, f.under)
        total = export_count(db, actor, f, now=now) if progress else 0
        count = write_atomically(path, lambda tmp: writer(tmp, headers, _reporting(rows(db, actor, f, now), total,
                                                                                    progress)),
                                 published_by=uow)
        # Whether whole phone numbers left the system is what an audit of personal data asks first (Art. 15).
        phones = "full" if _sees_full_contacts(actor, under) else "masked"
        uow.audit(f"导出诉求清单 {count} 件到 {path.name}(联系电话{'完整' if phones == 'full' else '已遮挡'})",
                  count=count, format=fmt, under=f.under, phones=phones)
    return count
