"""Import of the case table (the columns of `table_export`) from CSV, UTF-8 or GBK, or from XLSX.

Chinese CSV files from Excel are often GBK (SPEC §9): UTF-8 is tried first (with or without
BOM), then GB18030, the superset of GBK. Times are Beijing time as exported ("%Y-%m-%d %H:%M",
a deadline at the end of a day also "%Y-%m-%d 24:00"); in an XLSX file a cell Excel turned into a date is taken as that Beijing time. A masked phone
(138****1234, as an export for a user who may not see personal data writes it) is refused: the
number is gone, and the file should be exported by a user who may see it. A row with more or fewer cells than the
header is refused with both counts: a comma outside quotes or an unclosed quote shifts every
cell after it, and nothing shifted is guessed back into place.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from ...db import Database
from ...models import utcnow
from ...models.enums import CaseState, MatterCategory, SupervisionLevel
from ..cases.intake import phone_without_spaces
from ..clock import BEIJING
from ..security import Actor
from . import bulk
from .case_import import (
    FieldNames,
    ImportReport,
    IncomingRequest,
    ProgressReport,
    import_requests,
    note_masked_phone,
    text_problems,
    time_problems,
    value_problems,
)
from .files import cell_text, decode_csv, read_bytes, read_xlsx
from .problems import Problems
from .table_export import HEADERS, READER_COLUMNS, TIME_FORMAT, column_of, unescape_text

REQUIRED = ("编号", "事项编码", "诉求描述", "受理时间")  # 事项编码 may be left empty where 类别 is given
# Columns of the export a file may have and the import does not read: the channel is 受理平台's and the grid
# follows the 网格代码 or the point; the rest are worded for the file's reader as at the export.
NOT_READ = ("渠道", "网格/地点", *READER_COLUMNS)
FIELDS = FieldNames(request_id="编号", place="经度/纬度", service_code="事项编码", grid="网格代码", texts={
    "external_id": "编号", "service_code": "事项编码", "description": "诉求描述", "title": "标题", "address": "地址",
    "requester_name": "诉求人", "requester_phone": "联系电话", "grid_code": "网格代码", "source_state": "状态",
    "status_notes": "办理结果", "merged_into": "并入案件", "origin_id": "外部编号",
})
_STATE_LABELS = {s.label: s for s in CaseState}
_CATEGORY_LABELS = {c.label: c for c in MatterCategory}
_URGENT = {"是": True, "否": False, "": False}
_SUPERVISION_LABELS = {level.label: level for level in SupervisionLevel}
# A long number Excel showed as 4.50503E+14 and saved so: the digits after the fourth are gone.
_SCIENTIFIC = re.compile(r"\d(\.\d+)?E\+\d+", re.IGNORECASE)
_NUMBER_COLUMNS = ("编号", "外部编号", "网格代码", "联系电话")

# A description may run long (unbounded in the database); csv's default limit (131,072) would refuse it.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 24))

Rows = Iterator[tuple[int, list[str]]]  # (the line or sheet row a row starts on, its cells as text)


# As exported, and as Excel or WPS on a Chinese Windows save the exported times again (2026/3/2 9:30).
_TIME_FORMATS = (TIME_FORMAT, "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S")


def _read_time(value: str) -> datetime:
    for form in _TIME_FORMATS:
        try:
            return datetime.strptime(value, form).replace(tzinfo=BEIJING)
        except ValueError:
            continue
    raise ValueError(value)


# Written as a time is (as _TIME_FORMATS read it), whatever the numbers: 2026-11-31 is no day, not a bad format.
_TIME_SHAPE = re.compile(r"\d{4}([-/])\d{1,2}\1\d{1,2} \d{1,2}:\d{2}(:\d{2})?")


def _time(value: str, where: int, column: str, problems: Problems) -> datetime | None:
    if not value:
        return None
    try:
        if value.endswith(" 24:00"):  # the end of a day, as deadlines are written (clock.due_text)
            return _read_time(value[:-6] + " 00:00") + timedelta(days=1)
        return _read_time(value)
    except ValueError:
        if _TIME_SHAPE.fullmatch(value):
            problems.add(where, column, f"{value!r} 中没有这一天或这一时刻(月、日或时、分超出范围),请检查日期")
        else:
            problems.add(where, column, f"{value!r} 不是“年-月-日 时:分”格式的时间")
    except OverflowError:  # the day after 9999-12-31
        problems.add(where, column, f"{value!r} 超出可记录的日期范围,请检查日期")
    return None


def _number(value: str, where: int, column: str, limit: float, problems: Problems) -> float | None:
    if not value:
        return None
    try:
        if "_" in value:  # float() would read 1_09.1 as 109.1
            raise ValueError(value)
        number = float(value)
    except ValueError:
        problems.add(where, column, f"{value!r} 不是数字")
        return None
    if not -limit <= number <= limit:
        problems.add(where, column, f"{number} 超出范围(−{limit:g} 到 {limit:g})")
        return None
    return number


_CSV_ERRORS = {  # what the csv module's complaints mean for someone holding the file
    "unexpected end of data": "引号未闭合,一直到文件末尾",
    "field larger than field limit": "一格超过 1600 万字,多半是引号未闭合",
    "expected after": "带引号的格在右引号后应紧跟逗号;格内的引号须写成两个引号",
}


def csv_rows(text: str, problems: Problems) -> Rows:
    """(line, cells) of each row of a CSV text, strictly read; where the reader must stop is added to `problems`.
    A row is named by the line it starts on: a quoted cell may run over several lines, and the row is
    looked for where it begins."""
    # strict: an unclosed quote would otherwise swallow every later row into one cell, silently.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    read = 0  # the last line of the last row read whole
    try:
        for cells in reader:
            yield read + 1, [unescape_text(cell) for cell in cells]
            read = reader.line_num
    except csv.Error as exc:  # the reader cannot go on past it: named where the broken row starts
        hint = next((meaning for known, meaning in _CSV_ERRORS.items() if known in str(exc)), str(exc))
        problems.add(f"第 {read + 1} 行起", None, f"无法按 CSV 读取:{hint};此后的行未检查")


def _cell_text(value) -> str:
    if isinstance(value, datetime):  # Excel made the exported text a date: it was Beijing time
        return value.strftime(TIME_FORMAT)
    return cell_text(value)


def _xlsx_rows(data: bytes, name: str, progress: ProgressReport | None) -> Rows:
    report = (lambda read, total: progress(read, total, "读取")) if progress else None
    for number, values in enumerate(read_xlsx(data, name, report), start=1):
        yield number, [_cell_text(value) for value in values]


def parse_table(rows: Rows, source: str, problems: Problems | None = None, *, ragged: bool = False,
                progress: ProgressReport | None = None, total: int = 0) -> tuple[list[IncomingRequest], Problems]:
    """The requests of a case table, header first; every bad row is named by its line.

    `ragged`: a row may stop before the header's last column (a sheet drops empty cells at the end).
    `progress(done, total, "检查")` hears of the checking every bulk.CHUNK rows (`total`: the rows
    there are, or the text's lines, which a multi-line cell makes a few more); raising from it cancels.
    """
    lines: list[int] = []  # the line each row starts on (a quoted field may span lines)
    problems = Problems(source) if problems is None else problems
    problems.number, problems.unit = lines.__getitem__, "行"
    header_line, header = next(((line, cells) for line, cells in rows if any(cells)), (1, []))
    header = [column_of(name.strip()) for name in header]
    if not header and not problems:  # not "缺少列 编号、事项编码…": there is nothing in it at all
        problems.add("文件", None, "文件是空的,没有表头也没有诉求行;请选择导出的诉求清单文件")
        return [], problems
    missing = [h for h in REQUIRED if h not in header]
    unknown = [h for h in header if h not in HEADERS]  # its cells would be lost without a word
    twice = sorted({h for h in header if header.count(h) > 1})  # the later column would silently win
    where = f"第 {header_line} 行(表头)"
    if missing:
        problems.add(where, None, f"缺少列 {'、'.join(missing)};必有的列:{'、'.join(REQUIRED)},其他可有的列:"
                                  f"{','.join(h for h in HEADERS if h not in REQUIRED)}"
                                  "(griddesk-admin cases import --help 说明各列)")
    if unknown:
        problems.add(where, None, f"不认识的列 {'、'.join(h or '(空)' for h in unknown)},其内容无处保存;"
                                  f"请删去这些列,可用的列:{','.join(HEADERS)}")
    if twice:
        problems.add(where, None, f"列 {'、'.join(twice)} 出现了不止一次;请只保留一列")
    if missing or unknown or twice:
        return [], problems
    requests, now = [], utcnow()
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        index = len(lines)
        if progress and index % bulk.CHUNK == 0:
            progress(index, max(total, index), "检查")
        lines.append(line)
        if ragged and len(cells) < len(header):
            cells = cells + [""] * (len(header) - len(cells))
        if ragged and len(cells) > len(header):
            problems.add(index, None, f"第 {len(header) + 1} 列起有内容,表头只有 {len(header)} 列;整行未读")
            continue
        if len(cells) != len(header):
            shifted = "(有一格内容跨了行:可能有引号未闭合)" if any("\n" in cell for cell in cells) else (
                "(可能某格内容中的逗号未加引号)" if len(cells) > len(header) else "")
            problems.add(index, None, f"有 {len(cells)} 列,表头有 {len(header)} 列{shifted};整行未读")
            continue
        request = _request(dict(zip(header, (cell.strip() for cell in cells))), index, problems, now)
        if request is not None:
            requests.append(request)
    if not lines and not problems:
        problems.add(f"第 {header_line} 行(表头)", None, "表头之后没有诉求行,没有可导入的内容")
    return requests, problems


def _request(row: dict[str, str], index: int, problems: Problems, now: datetime) -> IncomingRequest | None:
    before = len(problems)
    category = _CATEGORY_LABELS.get(row.get("类别", ""))
    if row.get("类别") and category is None:
        problems.add(index, "类别", f"“{row['类别']}”不是事项类别;应为:{'、'.join(_CATEGORY_LABELS)}")
    for column in REQUIRED:
        # A case taken in under no matter item goes out with its category alone.
        if not row.get(column) and not (column == "事项编码" and category is not None):
            problems.add(index, column, "缺少必填内容")
    times_before = len(problems)
    requested = _time(row.get("受理时间", ""), index, "受理时间", problems)
    expected = _time(row.get("办理期限", ""), index, "办理期限", problems)
    closed_at = _time(row.get("办结时间", ""), index, "办结时间", problems)
    if len(problems) == times_before:  # the times read: whether they can be right, beside the row's other faults
        for column, message in time_problems(("受理时间", requested), ("办结时间", closed_at), ("办理期限", expected), now):
            problems.add(index, column, message)
    places_before = len(problems)
    lon = _number(row.get("经度", ""), index, "经度", 180, problems)
    lat = _number(row.get("纬度", ""), index, "纬度", 90, problems)
    if (lon is None) != (lat is None) and len(problems) == places_before:
        problems.add(index, "经度/纬度", "须同时填写")
    state = row.get("状态") or None
    if state is not None and state not in _STATE_LABELS:
        problems.add(index, "状态", f"“{state}”不是案件状态;应为导出的状态之一:{'、'.join(_STATE_LABELS)},"
                                  f"或留空(作为待受理的新诉求)")
    closed = state in _STATE_LABELS and not _STATE_LABELS[state].is_open
    if closed and not row.get("办结时间"):
        problems.add(index, "办结时间", f"状态为“{state}”的诉求须填写办结时间")
    if not closed and row.get("办结时间") and (state is None or state in _STATE_LABELS):
        problems.add(index, "状态/办结时间", f"状态为“{state or '待受理'}”(未办结),却填有办结时间;两者矛盾。若已办结,"
                                         f"请把状态改为“已办结”,否则请清空办结时间")
    merged = state == CaseState.MERGED.label
    if merged != bool(row.get("并入案件")):
        problems.add(index, "并入案件", "状态为“已合并”的诉求须填写并入的案件编号" if merged
                     else f"只有状态为“已合并”的诉求才并入其他案件(这一行是“{state or '待受理'}”)")
    urgent = _URGENT.get(row.get("紧急", ""))
    if urgent is None:
        problems.add(index, "紧急", f"“{row['紧急']}”应为“是”“否”或留空")
    supervision = _SUPERVISION_LABELS.get(row.get("督办") or SupervisionLevel.NONE.label)
    if supervision is None:
        problems.add(index, "督办", f"“{row['督办']}”不是督办级别;应为:{'、'.join(_SUPERVISION_LABELS)},或留空")
    for column in _NUMBER_COLUMNS:
        if _SCIENTIFIC.fullmatch(row.get(column, "")):
            problems.add(index, column, f"{row[column]} 是被 Excel 改成科学计数法的数字,原来的数字已无法还原;请回到原导出文件,"
                                        f"编辑时改用 XLSX 格式导出,或先把该列设为“文本”再打开")
    if len(problems) > before:
        return None
    request = IncomingRequest(
        row=index, external_id=row["编号"], service_code=row["事项编码"] or category.value, description=row["诉求描述"],
        requested_at=requested, title=row.get("标题") or None, expected_at=expected, updated_at=closed_at,
        closed=closed, status_notes=row.get("办理结果") or None, address=row.get("地址") or None, lon=lon, lat=lat,
        requester_name=row.get("诉求人") or None, requester_phone=phone_without_spaces(row.get("联系电话")),
        source_state=state, grid_code=row.get("网格代码") or None, closed_at=closed_at,
        category=category.value if category else None, merged_into=row.get("并入案件") or None,
        origin_id=row.get("外部编号") or None,  # a file of an older export has no such column
        urgent=urgent, supervision=supervision.value if supervision is not SupervisionLevel.NONE else None,
    )
    found = text_problems(request, FIELDS) + value_problems(request, FIELDS)
    for column, message in found:
        problems.add(index, column, message)
    if found:
        return None
    note_masked_phone(request, FIELDS, problems)  # kept, to be told also when it is already here
    return request


def parse_rows(text: str, source: str, progress: ProgressReport | None = None
               ) -> tuple[list[IncomingRequest], Problems]:
    """The requests of a case table CSV's text (`progress` as parse_table takes it)."""
    problems = Problems(source)
    return parse_table(csv_rows(text, problems), source, problems, progress=progress, total=text.count("\n"))


def import_file(db: Database, actor: Actor, path: Path, *, fmt: str = "csv", township_code: str | None = None,
                progress: ProgressReport | None = None) -> ImportReport:
    """Import a case table, `fmt` "csv" or "xlsx", as new cases (all-or-nothing; see case_import)."""
    path = Path(path)
    data = read_bytes(path)  # a missing or unreadable file is told as such, not as a broken workbook
    if fmt == "xlsx":
        rows = list(_xlsx_rows(data, path.name, progress))
        requests, problems = parse_table(iter(rows), path.name, ragged=True, progress=progress, total=len(rows))
    else:
        requests, problems = parse_rows(decode_csv(data), path.name, progress)
    return import_requests(db, actor, requests, problems, township_code=township_code, source=fmt.upper(),
                           fields=FIELDS, progress=progress)
