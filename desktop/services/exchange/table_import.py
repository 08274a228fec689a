"""Import of the case table (the columns of `table_export`) from CSV, UTF-8 or GBK.

Chinese CSV files from Excel are often GBK (SPEC §9): UTF-8 is tried first (with or without
BOM), then GB18030, the superset of GBK. Times are Beijing time as exported ("%Y-%m-%d %H:%M").
A masked phone (138****1234) carries no number and is not imported.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from ...db import Database
from ...models.enums import CaseState
from ..clock import BEIJING
from ..security import Actor
from .case_import import FieldNames, ImportReport, IncomingRequest, ProgressReport, import_requests
from .problems import Problems
from .table_export import HEADERS, TIME_FORMAT

REQUIRED = ("编号", "事项编码", "诉求描述", "受理时间")
FIELDS = FieldNames(request_id="编号", place="经度/纬度", service_code="事项编码")
_CLOSED_LABELS = {s.label for s in CaseState if not s.is_open}


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def _time(value: str, where: int, column: str, problems: Problems) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, TIME_FORMAT).replace(tzinfo=BEIJING)
    except ValueError:
        problems.add(where, column, f"{value!r} 不是“年-月-日 时:分”格式的时间")
        return None


def _number(value: str, where: int, column: str, limit: float, problems: Problems) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        problems.add(where, column, f"{value!r} 不是数字")
        return None
    if not -limit <= number <= limit:
        problems.add(where, column, f"{number} 超出范围")
        return None
    return number


def parse_rows(text: str, source: str) -> tuple[list[IncomingRequest], Problems]:
    lines: list[int] = []  # the line each row ends on (a quoted field may span lines)
    problems = Problems(source, locate=lambda indices: {i: f"第 {lines[i]} 行" for i in indices})
    reader = csv.DictReader(io.StringIO(text))
    missing = [h for h in REQUIRED if h not in (reader.fieldnames or [])]
    if missing:
        problems.add("第 1 行(表头)", None, f"缺少列 {'、'.join(missing)};应为导出的列:{','.join(HEADERS)}")
        return [], problems
    requests = []
    for index, row in enumerate(reader):
        lines.append(reader.line_num)
        before = len(problems)
        row = {k: (v or "").strip() for k, v in row.items() if k}
        for column in REQUIRED:
            if not row.get(column):
                problems.add(index, column, "缺少必填内容")
        requested = _time(row.get("受理时间", ""), index, "受理时间", problems)
        expected = _time(row.get("办理期限", ""), index, "办理期限", problems)
        closed_at = _time(row.get("办结时间", ""), index, "办结时间", problems)
        lon = _number(row.get("经度", ""), index, "经度", 180, problems)
        lat = _number(row.get("纬度", ""), index, "纬度", 90, problems)
        if (lon is None) != (lat is None) and len(problems) == before:
            problems.add(index, "经度/纬度", "须同时填写")
        if len(problems) > before:
            continue
        phone = row.get("联系电话") or None
        requests.append(IncomingRequest(
            row=index, external_id=row["编号"], service_code=row["事项编码"], description=row["诉求描述"],
            requested_at=requested, title=row.get("标题") or None, expected_at=expected, updated_at=closed_at,
            closed=row.get("状态") in _CLOSED_LABELS, address=row.get("地址") or None, lon=lon, lat=lat,
            requester_name=row.get("诉求人") or None, requester_phone=None if phone and "*" in phone else phone,
            source_state=row.get("状态") or None,
        ))
    return requests, problems


def import_file(db: Database, actor: Actor, path: Path, *, township_code: str | None = None,
                progress: ProgressReport | None = None) -> ImportReport:
    """Import a case table CSV as new cases (all-or-nothing; see case_import and its `progress`)."""
    requests, problems = parse_rows(decode(path.read_bytes()), path.name)
    return import_requests(db, actor, requests, problems, township_code=township_code, source="CSV", fields=FIELDS,
                           progress=progress)
