"""Open311 GeoReport v2 JSON: the service list, requests out, requests in (SPEC §9).

GeoReport v2 (https://wiki.open311.org/GeoReport_v2/) knows two request states, ``open`` and
``closed``; ours are detailed (SPEC §11). Every state counts as ``open`` except the finished
ones (就地办结, 已办结, 已合并); the detailed state is kept in the extension object
``"griddesk"`` ({state, state_label, grid_code, supervision, closed_datetime, merged_into, …}),
which other systems ignore. A closed request is closed at ``griddesk.closed_datetime``, else at
its ``updated_datetime``; one that gives neither is refused rather than closed at the import.
A case that came from another system carries the id it came with there (``external_id``), so
that a request passed on through another GridDesk database is known again when it comes back.

A request's keys are GeoReport v2's (with a POST's submitter: first_name, last_name, phone, …) and
the extension's; any other key is refused by name (REQUEST_KEYS). The submitter's name and phone
become the requester's; the export writes no requester at all: personal data leaves only through
the case table, masked for those who may not see it (Art. 15).

Import reads the whole file with `json.loads` and checks each request in one cheap pass; only
when something is wrong is the text walked element by element (`json.JSONDecoder.raw_decode`)
to name each bad request by its index AND the line it starts on, with its field. A file with
any bad request imports nothing.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import and_, case, select
from sqlalchemy.orm import aliased

from ...db import Database
from ...models import Assignment, Case, Department, MatterItem, Place, utcnow
from ...models.enums import AssignmentRole, CaseState, MatterCategory, SupervisionLevel
from ..cases.intake import phone_without_spaces
from ..clock import BEIJING, beijing_today
from ..matters import lists_in_force
from ..places import get_township
from ..queue import AWAITING_REVIEW, QueueFilter, filtered_select
from ..security import Actor
from ..unit_of_work import unit_of_work
from .case_import import (
    CLOCK_SLACK,
    OPEN311_FIELDS,
    ImportReport,
    IncomingRequest,
    ProgressReport,
    import_requests,
    note_masked_phone,
    text_problems,
    time_problems,
    value_problems,
)
from .files import read_bytes, write_atomically
from .problems import Problems
from .table_export import require_export

EXTENSION = "griddesk"
_CATEGORIES = {category.value for category in MatterCategory}
REQUIRED = ("service_request_id", "service_code", "description", "requested_datetime")
# Kept on the imported case's timeline ("source_fields"): no column holds them. service_name is the
# name of service_code, which the case keeps. GeoReport v2's POST fields (jurisdiction_id, attribute,
# address_string — the address where no `address` is given) and the extras platforms commonly add
# (token, extended_attributes) are kept alike; attribute and extended_attributes may be objects.
KEPT_AS_SENT = ("agency_responsible", "service_notice", "address_id", "zipcode", "media_url", "jurisdiction_id",
                "token")
KEPT_AS_JSON = ("attribute", "extended_attributes")
# The submitter's contact beyond name and phone (POST service request): personal data this database
# does not keep (Art. 15); a value is refused rather than dropped.
NOT_KEPT = ("email", "device_id", "account_id")
# The keys a request may have: GeoReport v2's (GET requests.json, and the submitter of a POST) and the
# extension object's. Any other is refused by name: a misspelt "adress" would be lost without a word.
_SUBMITTER = frozenset(("first_name", "last_name", "phone", *NOT_KEPT))
REQUEST_KEYS = frozenset((
    *REQUIRED, "status", "status_notes", "service_name", "updated_datetime", "expected_datetime", "address",
    "address_string", "lat", "long", *KEPT_AS_SENT, *KEPT_AS_JSON, *_SUBMITTER, EXTENSION,
))
_KEPT = frozenset((*KEPT_AS_SENT, *KEPT_AS_JSON, "address_string"))
EXTENSION_KEYS = frozenset(("state", "state_label", "grid_code", "supervision", "urgent", "title", "channel",
                            "category", "external_id", "closed_datetime", "merged_into"))
_SUPERVISION = {level.value for level in SupervisionLevel}
_WHITESPACE = re.compile(r"[ \t\n\r]*")
# Written as an ISO 8601 time is, whatever the numbers: 2026-13-01T09:00:00+08:00 is no day, not a bad format.
_ISO_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(BEIJING).isoformat(timespec="seconds") if moment else None


def status_of(state: CaseState) -> str:
    return "open" if state.is_open else "closed"


# --- out --------------------------------------------------------------------------------------


def service_list(db: Database, township_code: str) -> list[dict]:
    """GET services.json: one service per item of the matter list in force for the township (a county's
    code is refused: its lists are only part of each township's)."""
    with db.session() as session:
        township = get_township(session, township_code)
        today = beijing_today()
        services: dict[str, dict] = {}
        for matter_list in lists_in_force(session, township, today):
            for item in matter_list.items:
                services.setdefault(item.code, {
                    "service_code": item.code, "service_name": item.title,
                    "description": item.description or item.title, "metadata": False, "type": "realtime",
                    "keywords": ",".join([item.category.label, item.complexity.label]),
                    "group": item.category.label,
                })
        return sorted(services.values(), key=lambda s: s["service_code"])


def write_service_list(db: Database, township_code: str, path: Path) -> int:
    """Write services.json (GET services.json) of the township's matter list in force, whole or not at
    all; returns how many services. The list is public (Art. 12): no permission is needed."""
    services = service_list(db, township_code)
    write_atomically(path, lambda tmp: tmp.write_text(json.dumps(services, ensure_ascii=False, indent=1) + "\n",
                                                      encoding="utf-8"))
    return len(services)


def _status_notes(state: CaseState, resolution: str | None, hold_explanation: str | None) -> str:
    if state.is_open:
        return hold_explanation if state is CaseState.ON_HOLD and hold_explanation else state.label
    return resolution or state.label


def export_requests(db: Database, actor: Actor, f: QueueFilter | None = None) -> list[dict]:
    """GET requests.json for the cases of the queue filter (default: every case the actor may view)."""
    f = f or QueueFilter(states=frozenset())
    grid = aliased(Place)
    target = aliased(Case)  # the case a duplicate was merged into
    lead = aliased(Assignment)
    lead_department = aliased(Department)
    item_department = aliased(Department)
    # The newest lead assignment's department, else the department the matter item names.
    newest_lead = (select(Assignment.id).where(Assignment.case_id == Case.id, Assignment.role == AssignmentRole.LEAD)
                   .order_by(Assignment.id.desc()).limit(1).scalar_subquery())
    # Expected by the lead's deadline, met or missed, while the case waits on the center's review: it keeps none.
    expected = case((Case.state.in_(AWAITING_REVIEW), lead.due_at), else_=Case.due_at)
    columns = (Case.number, Case.state, Case.resolution, Case.hold_explanation, MatterItem.title, MatterItem.code,
               Case.category, Case.description, lead_department.name, item_department.name, Case.received_at,
               Case.updated_at, expected, Case.address, Case.lat, Case.lon, grid.code, Case.supervision,
               Case.title, Case.channel, Case.external_id, Case.closed_at, target.number, Case.urgent)
    stmt = (select(*columns).select_from(Case)
            .outerjoin(MatterItem, MatterItem.id == Case.matter_item_id)
            .outerjoin(item_department, item_department.id == MatterItem.department_id)
            .outerjoin(lead, and_(lead.id == newest_lead))
            .outerjoin(lead_department, lead_department.id == lead.department_id)
            .outerjoin(grid, grid.id == Case.grid_id)
            .outerjoin(target, target.id == Case.merged_into_id))
    with db.session() as session:
        records = []
        for (number, state, resolution, hold_explanation, item_title, item_code, category, description,
             lead_name, item_dept_name, received, updated, due, address, lat, lon, grid_code, supervision,
             title, channel, external_id, closed_at, merged_into, urgent) in session.execute(
                filtered_select(session, actor, f, stmt)):
            records.append({
                "service_request_id": number, "status": status_of(state),
                "status_notes": _status_notes(state, resolution, hold_explanation),
                "service_name": item_title or category.label, "service_code": item_code or category.value,
                "description": description, "agency_responsible": lead_name or item_dept_name or "",
                "service_notice": "", "requested_datetime": _iso(received), "updated_datetime": _iso(updated),
                "expected_datetime": _iso(due), "address": address or "", "address_id": "", "zipcode": "",
                "lat": lat, "long": lon, "media_url": "",
                EXTENSION: {"state": state.value, "state_label": state.label, "grid_code": grid_code,
                            "supervision": supervision.value, "urgent": urgent, "title": title,
                            "channel": channel.value, "category": category.value, "external_id": external_id,
                            "closed_datetime": _iso(closed_at), "merged_into": merged_into},
            })
        return records


def write_requests(db: Database, actor: Actor, path: Path, f: QueueFilter | None = None,
                   progress: ProgressReport | None = None) -> int:
    """Write requests.json (UTF-8, one request per line so that errors can be found by line).

    The file appears whole or not at all: `progress(done, total, what)` may raise to cancel.
    """
    with unit_of_work(db, actor, "cases.export", target=path.name) as uow:
        require_export(uow, f.under if f else None)
        records = export_requests(db, actor, f)
        lines = []
        for count, record in enumerate(records):
            if progress and count % 1000 == 0:
                progress(count, len(records), "导出")
            lines.append(json.dumps(record, ensure_ascii=False))
        if progress:
            progress(len(records), len(records), "导出")
        body = ",\n".join(lines)
        write_atomically(path, lambda tmp: tmp.write_text(f"[\n{body}\n]\n" if records else "[]\n",
                                                          encoding="utf-8"), published_by=uow)
        uow.audit(f"导出 Open311 诉求 {len(records)} 件到 {path.name}", count=len(records), format="open311")
    return len(records)


# --- in ---------------------------------------------------------------------------------------


# What the json module's complaints mean for someone holding the file (its messages are English).
_JSON_ERRORS = {
    "Expecting value": "此处应为一个值(可能多了逗号,或文字未加双引号)",
    "Expecting property name enclosed in double quotes": "此处应为双引号括起的字段名(可能多了逗号,或字段名未加双引号)",
    "Expecting ':' delimiter": "字段名之后应为冒号 :",
    "Expecting ',' delimiter": "此处应为逗号 ,(可能少了逗号或引号)",
    "Unterminated string starting at": "引号未闭合",
    "Invalid control character at": "文字中有未转义的控制字符(制表符、换行等应写作 \\t、\\n)",
    "Invalid \\escape": "文字中有无效的反斜杠转义(\\ 本身应写作 \\\\)",
    "Extra data": "数据结束后还有多余内容",
}


def _json_error(msg: str) -> str:
    return f"JSON 语法错误:{_JSON_ERRORS[msg]}" if msg in _JSON_ERRORS else f"JSON 语法错误({msg})"


class _BadJson(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(f"第 {line} 行第 {column} 列:{message}")


def _position(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def iter_array(text: str) -> Iterator[tuple[int, int, object]]:
    """(index, line, element) of each element of a top-level JSON array, in order; _BadJson names a syntax error."""
    decoder = json.JSONDecoder()
    pos = _WHITESPACE.match(text, 0).end()
    if not text.startswith("[", pos):
        raise _BadJson(*_position(text, pos), "文件应是一个 JSON 数组 [ {…}, {…} ]")
    pos = _WHITESPACE.match(text, pos + 1).end()
    line, counted_to, index = 1, 0, 0
    if text.startswith("]", pos):
        return
    while True:
        line += text.count("\n", counted_to, pos)
        counted_to = pos
        try:
            element, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise _BadJson(exc.lineno, exc.colno, f"第 {index + 1} 项 {_json_error(exc.msg)}") from exc
        yield index, line, element
        index += 1
        pos = _WHITESPACE.match(text, pos).end()
        if text.startswith(",", pos):
            pos = _WHITESPACE.match(text, pos + 1).end()
        elif text.startswith("]", pos):
            rest = _WHITESPACE.match(text, pos + 1).end()
            if rest != len(text):
                raise _BadJson(*_position(text, rest), "数组结束后还有多余内容")
            return
        else:
            raise _BadJson(*_position(text, pos), f"第 {index} 项之后应为逗号或 ]")  # index: already the next


def _syntax_problem(text: str, error: json.JSONDecodeError | None) -> str:
    """Why the text is not a JSON array of requests, at the line and column of the fault."""
    try:
        for _ in iter_array(text):
            pass
    except _BadJson as exc:
        return str(exc)
    return str(_BadJson(error.lineno, error.colno, _json_error(error.msg)))


def _lines_of(text: str, indices: Iterable[int]) -> dict[int, str]:
    """Names of the given requests: index and the line each starts on (one walk, as far as needed)."""
    wanted = set(indices)
    names: dict[int, str] = {}
    if wanted:
        last = max(wanted)
        for index, line, _ in iter_array(text):
            if index in wanted:
                names[index] = f"第 {index + 1} 项(第 {line} 行)"  # counted as people count, from 1
            if index >= last:
                break
    return names


def _moment(value, name: str, bad: list) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        parsed = None
    if parsed is None and type(value) is str and _ISO_SHAPE.fullmatch(value):
        bad.append((name, f"{_shown(value)} 中没有这一天或这一时刻(月、日或时、分超出范围),请检查日期"))
        return None
    if parsed is None or parsed.tzinfo is None:
        bad.append((name, f"{_shown(value)} 不是带时区的 ISO 8601 时间(如 2026-03-01T09:30:00+08:00)"))
        return None
    return parsed


class _Repeated(dict):
    """A JSON object naming a key more than once, which json.loads would keep the last of unseen."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, object]]) -> dict:
    made = dict(pairs)
    if len(made) == len(pairs):
        return made
    counted = Counter(key for key, _ in pairs)
    repeated = _Repeated(made)
    repeated.repeated = tuple(key for key, n in counted.items() if n > 1)
    return repeated


def _shown(value) -> str:
    """A value from the file as JSON writes it (null, "Closed", {…}), short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _degrees(value, name: str, limit: float, bad: list) -> float | None:
    if value is None or value == "":
        return None
    number = None
    if type(value) in (int, float) or (type(value) is str and "_" not in value):  # not true, not 1_000
        try:
            number = float(value)
        except (ValueError, OverflowError):  # OverflowError: a whole number of hundreds of digits
            pass
    if number is None:
        bad.append((name, f"{_shown(value)} 不是数字"))
    elif not -limit <= number <= limit:
        bad.append((name, f"{_shown(value)} 超出范围(−{limit:g} 到 {limit:g})"))
        return None
    return number


def _text(value, name: str, bad: list) -> str | None:
    """A text field: a string, or a whole number (ids often are); anything else is refused, not written out."""
    if value is None:
        return None
    if type(value) is str:
        return value.strip() or None
    if type(value) is int:
        return str(value)
    bad.append((name, f"应为文本,不是 {_shown(value)}"))
    return None


_STATES = {state.value: state for state in CaseState}


def _contradictions(status, given: bool, source_state: str | None, closed_at: datetime | None,
                    merged_into: str | None) -> list[tuple[str, str]]:
    """Where the request says both open and closed: the import would have to pick one of them.
    `given`: the file gives the status (a request without one is taken as open, and told so)."""
    said = f"status 为 {status}" if given else "status 未填(按 open 即未办结)"
    state = _STATES.get(source_state)
    if state is not None and status in ("open", "closed") and status != status_of(state):
        return [(f"status/{EXTENSION}.state", f"{said},{EXTENSION}.state 却是 {state.value}({state.label}),"
                                            f"是{'已办结' if status == 'open' else '未办结'}的状态;两者矛盾,请改正其中一个后重新导入")]
    if status == "open" and closed_at is not None and not merged_into:
        return [(f"{EXTENSION}.closed_datetime", f"{said}{'(未办结)' if given else ''}的诉求不应有办结时间;若已办结,请把 status 改为 "
                                                 "closed,否则请删去办结时间")]
    return []


def _unknown_keys(element: dict, known: frozenset, prefix: str = "") -> list[tuple[str, str]]:
    """Keys neither GeoReport v2 nor the extension knows that carry a value (an empty one loses nothing)."""
    found = []
    for key, value in element.items():
        if key not in known and value is not None and value != "":
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.8) if isinstance(key, str) else []
            hint = f"是否应为 {close[0]}?" if close else ""
            found.append((f"{prefix}{key}", f"不是 Open311 诉求的字段,其内容无处保存;{hint}请改为正确的字段名或删去后重新导入"))
    return found


def _kept(element: dict, bad: list) -> dict[str, object] | None:
    """What the request says that no column holds, for the imported event (KEPT_AS_SENT, KEPT_AS_JSON)."""
    kept = {}
    for key in _KEPT.intersection(element):
        value = element[key]
        if key in KEPT_AS_JSON:
            if value not in (None, "", [], {}):
                kept[key] = value
        elif (text := _text(value, key, bad)) is not None:
            kept[key] = text
    return kept or None


def _requester(get, bad: list) -> tuple[str | None, str | None]:
    """The submitter's name (family name first, as Chinese names are written, when either part is Chinese)
    and phone; email, device and account are not kept (NOT_KEPT)."""
    first, last = _text(get("first_name"), "first_name", bad), _text(get("last_name"), "last_name", bad)
    parts = [part for part in (first, last) if part]
    name = None
    if parts:
        name = f"{last or ''}{first or ''}" if not all(part.isascii() for part in parts) else " ".join(parts)
    for key in NOT_KEPT:
        if _text(get(key), key, bad):
            bad.append((key, "本系统只保存诉求人的姓名和电话,不保存其电子邮箱、设备号或账号;请清空该字段后重新导入"))
    return name, phone_without_spaces(_text(get("phone"), "phone", bad))


_NO_EXTENSION = (None, None, None, None, None, None, False, None)


def _extension(extension: dict, bad: list) -> tuple:
    """The extension's fields: title, state, grid code, external id, merged into, category, urgent, supervision."""
    if not extension.keys() <= EXTENSION_KEYS:
        bad += _unknown_keys(extension, EXTENSION_KEYS, f"{EXTENSION}.")
    bad += [(f"{EXTENSION}.{name}", "出现了不止一次,无法确定取哪一个值;请只保留一个")
            for name in getattr(extension, "repeated", ())]
    get = extension.get
    texts = [_text(get(name), f"{EXTENSION}.{name}", bad)
             for name in ("title", "state", "grid_code", "external_id", "merged_into", "category")]
    urgent = False if get("urgent") is None else extension["urgent"]
    if type(urgent) is not bool:
        bad.append((f"{EXTENSION}.urgent", f"{_shown(urgent)} 应为 true 或 false"))
    supervision = _text(get("supervision"), f"{EXTENSION}.supervision", bad)
    if supervision is not None and supervision not in _SUPERVISION:
        bad.append((f"{EXTENSION}.supervision", f"{_shown(supervision)} 应为 {'、'.join(sorted(_SUPERVISION))} 之一"))
    category = texts[-1]
    if category is not None and category not in _CATEGORIES:
        bad.append((f"{EXTENSION}.category", f"{_shown(category)} 不是事项类别代码"))
    return (*texts, urgent, supervision)


def _request(element, row: int, now: datetime) -> IncomingRequest | list[tuple[str | None, str]]:
    """The request, or what is wrong with it as (field, message) pairs — every fault of the row at once."""
    if not isinstance(element, dict):
        return [(None, "应为 JSON 对象 {…}")]
    bad: list[tuple[str | None, str]] = [(name, "出现了不止一次,无法确定取哪一个值;请只保留一个")
                                         for name in getattr(element, "repeated", ())]
    if not element.keys() <= REQUEST_KEYS:
        bad += _unknown_keys(element, REQUEST_KEYS)
    get = element.get
    for name in REQUIRED:
        value = get(name)
        if value is None or value == "" or (type(value) is str and not value.strip()):
            bad.append((name, "缺少必填字段"))
    external_id = _text(get("service_request_id"), "service_request_id", bad)
    service_code = _text(get("service_code"), "service_code", bad)
    description = _text(get("description"), "description", bad)
    before = len(bad)
    requested = _moment(get("requested_datetime"), "requested_datetime", bad)
    updated = _moment(get("updated_datetime"), "updated_datetime", bad)
    expected = _moment(get("expected_datetime"), "expected_datetime", bad)
    if len(bad) == before:  # the times read: whether they can be right, beside the row's other faults
        bad += time_problems(("requested_datetime", requested), ("updated_datetime", updated),
                             ("expected_datetime", expected), now)
    before = len(bad)
    lat = _degrees(get("lat"), "lat", 90, bad)
    lon = _degrees(get("long"), "long", 180, bad)
    if (lat is None) != (lon is None) and len(bad) == before:
        bad.append(("lat/long", "经纬度须同时给出"))
    given = "status" in element
    status = element["status"] if given else "open"
    if status != "open" and status != "closed":
        bad.append(("status", f"{_shown(status)} 应为 open 或 closed"))
    address = _text(get("address"), "address", bad)
    status_notes = _text(get("status_notes"), "status_notes", bad)
    requester_name = requester_phone = None
    if not _SUBMITTER.isdisjoint(element):
        requester_name, requester_phone = _requester(get, bad)
    sent = _kept(element, bad) if not _KEPT.isdisjoint(element) else None
    if address is None and sent and "address_string" in sent:  # GeoReport v2 POST: the address as text
        address = sent.pop("address_string")
    extension = get(EXTENSION)
    if extension is not None and not isinstance(extension, dict):
        bad.append((EXTENSION, f"应为 JSON 对象 {{…}},不是 {_shown(extension)}"))
    extension = extension if isinstance(extension, dict) else {}
    # Most feeds carry no extension: its fields are read only where there is one.
    title, source_state, grid_code, origin_id, merged_into, category, urgent, supervision = (
        _extension(extension, bad) if extension else _NO_EXTENSION)
    before = len(bad)
    closed_at = _moment(extension.get("closed_datetime"), f"{EXTENSION}.closed_datetime", bad)
    if closed_at is not None and requested is not None and len(bad) == before and not (
            requested <= closed_at <= now + CLOCK_SLACK):
        bad.append((f"{EXTENSION}.closed_datetime", "应在受理时间与现在之间"))
    if status == "closed" and closed_at is None and updated is None and len(bad) == before:
        bad.append(("updated_datetime", "已办结(closed)的诉求须给出办结时间(updated_datetime);"
                                        "不按导入时间补记"))
    if source_state is not None or closed_at is not None:
        bad += _contradictions(status, given, source_state, closed_at, merged_into)
    if source_state == CaseState.MERGED.value and not merged_into:
        bad.append((f"{EXTENSION}.merged_into", "已合并的诉求须写明并入了哪件诉求(其编号)"))
    if merged_into and status != "closed":
        bad.append(("status", "已并入另一诉求的诉求应为 closed"))
    if bad:
        return bad
    request = IncomingRequest(
        row=row, external_id=external_id, service_code=service_code, description=description,
        requested_at=requested, title=title, updated_at=updated, expected_at=expected,
        closed=status == "closed", status_notes=status_notes, address=address, lon=lon, lat=lat,
        source_state=source_state, grid_code=grid_code, origin_id=origin_id, closed_at=closed_at,
        category=category, merged_into=merged_into, requester_name=requester_name, requester_phone=requester_phone,
        source_fields=sent or None,
        urgent=urgent, supervision=supervision if supervision != SupervisionLevel.NONE.value else None,
    )
    return text_problems(request, OPEN311_FIELDS) + value_problems(request, OPEN311_FIELDS) or request


def parse_requests(text: str, source: str, progress: ProgressReport | None = None
                   ) -> tuple[list[IncomingRequest], Problems]:
    """Read a requests.json; bad JSON is reported at its line and column, bad fields per request."""
    problems = Problems(source, locate=lambda indices: _lines_of(text, indices))
    if not text.strip():  # not "第 1 行第 1 列:文件应是一个 JSON 数组": there is nothing in it at all
        problems.add("文件", None, "文件是空的,没有可导入的诉求(应为 JSON 数组 [ {…}, {…} ])")
        return [], problems
    try:
        elements = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        problems.add("JSON", None, _syntax_problem(text, exc))
        return [], problems
    except ValueError:  # not a syntax error: a number longer than Python reads (4,300 digits)
        problems.add("JSON", None, "文件中有位数过多的数字(超过 4300 位),不是诉求数据;请检查导出程序")
        return [], problems
    except RecursionError:
        problems.add("JSON", None, "文件中的数组或对象嵌套过深,不是 Open311 诉求数据(应为 [ {…}, {…} ])")
        return [], problems
    if type(elements) is not list:
        problems.add("JSON", None, _syntax_problem(text, None))
        return [], problems
    if not elements:
        problems.add("JSON", None, "数组是空的,没有可导入的诉求")
        return [], problems
    requests, now = [], utcnow()
    for row, element in enumerate(elements):
        if progress and row % 10_000 == 0:
            progress(row, len(elements), "检查")
        request = _request(element, row, now)
        if type(request) is list:
            for name, message in request:
                problems.add(row, name, message)
        else:
            note_masked_phone(request, OPEN311_FIELDS, problems)  # kept, to be told also when it is already here
            requests.append(request)
    return requests, problems


def read_text(path: Path) -> str:
    """The file as text (UTF-8, with or without BOM); anything else is refused as a whole."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems = Problems(path.name)
        problems.add("文件", None, f"不是 UTF-8 编码的 JSON:第 {line} 行第 {column} 个字节起的字节不是 UTF-8"
                                 f"(可能是 GBK);请另存为 UTF-8 后重新导入")
        problems.raise_if_any()


def import_file(db: Database, actor: Actor, path: Path, *, township_code: str | None = None,
                progress: ProgressReport | None = None) -> ImportReport:
    """Import an Open311 requests.json as new cases (all-or-nothing; see case_import).

    `progress(done, total, what)` hears of the checking and the writing; if it raises (Cancel),
    nothing is written.
    """
    requests, problems = parse_requests(read_text(path), path.name, progress)
    # Rows already bad are left out; the database checks still name every other bad row.
    return import_requests(db, actor, requests, problems, township_code=township_code, source="Open311",
                           progress=progress)
