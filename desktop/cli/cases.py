"""`griddesk-admin cases import|export`: exchange of cases as Open311 JSON, CSV or XLSX (SPEC §9);
`cases services FILE --township CODE`: the Open311 service list, from the matter list in force;
`cases rules [--set KEY=VALUE …]`: the callback and clock rules (Art. 20);
`cases mine|sign|contact|stage-report|extend|object|result`, as a liaison (--as): its department's
shares and its steps on them (Art. 18–19), each passing what it read of the case as the case panel does.

A bad file is refused as a whole: the CLI prints each bad row to stderr and exits 1.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..errors import PermissionDenied, ValidationFailed
from ..models.base import utcnow
from ..services import queue
from ..services.cases import case_rules, department
from ..services.cases.common import ASSIGNMENT_ACTIONS
from ..services.cases.queries import own_share_step
from ..services.cases.results import ShareStep
from ..services.clock import BEIJING, due_text
from ..services.exchange import formats, open311, table_export
from ..services.queue import QueueFilter
from . import file_help
from .key_value import number_or_text, split_setting
from .places import print_table

_YES, _NO = ("yes", "true", "1", "是"), ("no", "false", "0", "否")


def _format(args, *, reading: bool = False) -> str:
    fmt = args.format or formats.format_of(args.file) or (formats.format_in(args.file) if reading else None)
    if fmt is None:
        raise ValidationFailed(f"无法从文件名 {args.file} 判断格式,请用 --format 指定(open311、csv 或 xlsx)", field="format")
    return fmt


# A file for another platform must not be found unusable only when it is imported there.
MASKED_PHONES = ("其中诉求人的联系电话已遮挡(本用户无权查看个人信息,Art. 15):这个文件再导入时会被拒绝;"
                 "要把诉求转入其他系统,请由有权查看个人信息的用户导出")
# Said before the file is sent: imported elsewhere, its requests have nobody to call back (as the desktop says).
NO_REQUESTERS = ("Open311 文件不含诉求人的姓名和电话(个人信息只随 CSV、Excel 导出,Art. 15):"
                 "据此导入的系统无法回访诉求人")
SUPERVISED_SHOWN = 10  # case numbers listed for the center to look at; the rest are counted


def _import(ctx, args) -> int:
    path = Path(args.file)
    fmt = _format(args, reading=True)
    report = formats.import_file(ctx.db, ctx.actor, path, fmt, township_code=args.township)
    merged = f"、并入其他诉求 {report.merged} 件" if report.merged else ""
    ctx.print(f"已导入 {report.imported} 件:待受理 {report.received} 件(其中待分拨 {report.unrouted} 件)、"
              f"已办结 {report.closed} 件{merged}"
              + (f",编号 {report.first_number} … {report.last_number}" if report.imported else ""))
    if report.supervised:
        shown = report.supervised_numbers[:SUPERVISED_SHOWN]
        more = f" 等 {report.supervised} 件" if report.supervised > len(shown) else ""
        ctx.print(f"其中 {report.supervised} 件在来源系统受督办:督办是来源系统的决定,未随之导入(各案件的导入记录写明其督办级别),"
                  f"需要时请在本库重新督办:{'、'.join(shown)}{more}")
    return 0


def _export(ctx, args) -> int:
    path = Path(args.file)
    fmt = _format(args)
    everything = QueueFilter(under=args.under, states=frozenset())
    count = formats.export_file(ctx.db, ctx.actor, path, fmt, everything)
    ctx.print(f"已导出 {count} 件到 {path}")
    if fmt != "open311" and count and table_export.masks_phones(ctx.actor, everything):
        ctx.print(MASKED_PHONES)
    if fmt == "open311" and count:
        ctx.print(NO_REQUESTERS)
    return 0


def _services(ctx, args) -> int:
    path = Path(args.file)
    count = open311.write_service_list(ctx.db, args.township, path)
    ctx.print(f"已导出 {count} 项服务(现行事项清单)到 {path}")
    return 0


def _rule(text: str) -> tuple[str, object]:
    """KEY=VALUE as a keyword of configure_rules: numbers as integers, pause_while_deciding as yes/no."""
    name, value = split_setting(text, "after_close_working_days=3 或 pause_while_deciding=yes")
    value = value.strip().lower()
    if name == "pause_while_deciding" and value in _YES + _NO:
        return name, value in _YES
    return name, number_or_text(value)


def _rules(ctx, args) -> int:
    if args.set:
        rules = case_rules.configure_rules(ctx.db, ctx.actor, **dict(_rule(text) for text in args.set))
        ctx.print("已保存期限与回访规则;此后排定的回访和此后提出的申请适用:")
    else:
        rules = case_rules.load_rules(ctx.db)
    for name, (label, unit, _least, _most) in case_rules.NUMBERS.items():
        ctx.print(f"{name}={getattr(rules, name)}\t{label}:{getattr(rules, name)} {unit}")
    pause = rules.pause_while_deciding
    ctx.print(f"pause_while_deciding={'yes' if pause else 'no'}\t{case_rules.PAUSE_LABEL}:{'是' if pause else '否'}")
    return 0


# The share states in which the department has a step of its own to take; in the others it waits
# for the center (an extension or objection to decide, a result to review).
_NEEDS_ACTION = frozenset().union(*ASSIGNMENT_ACTIONS.values())
_STEPS = {"sign": "签收", "contact": "联系诉求人", "handle": "反馈办理结果"}
MINE_PAGE = 500  # rows read from the queue at a time


def _deadline(due: datetime | None, step: str | None, now: datetime) -> str:
    """A share's next deadline as the liaison's queue counts it down: which step, by when."""
    if due is None:
        return "不计时(待中心决定或核查)"
    return f"{_STEPS[step]} {due_text(due)}" + ("(已超期)" if due < now else "")


def _share_fields(state, step: str | None, due: datetime | None, now: datetime) -> dict[str, object]:
    """A share's state and next deadline as `--json` gives them."""
    return {"share_state": state.value, "share_state_label": state.label, "next_step": step,
            "next_due_at": due and due.astimezone(BEIJING).isoformat(), "overdue": due is not None and due < now}


def _mine(ctx, args) -> int:
    if not queue.sees_own_share(ctx.actor):
        raise PermissionDenied(f"用户“{ctx.actor.display_name}”不是部门联络员,没有本部门的承办任务;"
                               "请用 --as 指定联络员", article="Art. 15")
    rows, offset = [], 0
    while True:  # the queue as a liaison's desk shows it: open cases, its own share's deadline first
        page = queue.page(ctx.db, ctx.actor, QueueFilter(), offset, MINE_PAGE)
        rows += [r for r in page if r.own_state is not None and (args.all or r.own_state in _NEEDS_ACTION)]
        if len(page) < MINE_PAGE:
            break
        offset += MINE_PAGE
    now = utcnow()
    if args.json:
        ctx.print(json.dumps([{"number": r.number, "title": r.title, "case_state": r.state.value,
                               **_share_fields(r.own_state, r.own_step, r.own_due_at, now)} for r in rows],
                             ensure_ascii=False, indent=1))
        return 0
    print_table(ctx, ["编号", "承办状态", "下一期限", "标题"],
                [[r.number, r.own_state.label, _deadline(r.own_due_at, r.own_step, now), r.title] for r in rows])
    ctx.print(f"共 {len(rows)} 件")
    return 0


def _step(ctx, args, service, done: str | Callable[[ShareStep], str], **given) -> int:
    """One step on the department's share of case `args.number`, passing the case's and the share's
    versions and the newest event read just before, as the case panel does; then the share as it
    stands (with --json, as one object for scripts). `done` says what was done, or makes it of what was read."""
    number = args.number
    before = own_share_step(ctx.db, ctx.actor, number)
    service(ctx.db, ctx.actor, **before.seen(), **given)
    done = done(before) if callable(done) else done
    share = own_share_step(ctx.db, ctx.actor, number).share
    due, step = share.next_deadline()
    now = utcnow()
    if args.json:
        ctx.print(json.dumps({"number": number, "step": args.cases_command, "department": share.department_name,
                              **_share_fields(share.state, step, due, now)}, ensure_ascii=False, indent=1))
        return 0
    ctx.print(f"已{done}:案件 {number}({share.department_name}),承办任务{share.state.label},"
              f"下一期限:{_deadline(due, step, now)}")
    return 0


def _sign(ctx, args) -> int:
    return _step(ctx, args, department.sign_for, "签收")


def _contact(ctx, args) -> int:
    return _step(ctx, args, department.contact_requester, "记录联系诉求人情况", note=args.note)


def _stage_report(ctx, args) -> int:
    return _step(ctx, args, department.stage_report, "报送阶段性工作情况", content=args.content)


def _extend(ctx, args) -> int:
    return _step(ctx, args, department.request_extension,
                 lambda read: f"申请延期 {args.amount} {read.handling_unit.label},待审批",
                 amount=args.amount, reason=args.reason)


def _object(ctx, args) -> int:
    return _step(ctx, args, department.raise_objection, "提出管辖异议,待审批", reason=args.reason)


def _result(ctx, args) -> int:
    return _step(ctx, args, department.report_result, "反馈办理结果", result=args.result,
                 late_reason=args.late_reason or "")


def _register_liaison_steps(cli, group: str) -> None:
    sub = cli.command("mine", "以联络员身份(--as)列出本部门待办的承办任务:编号、承办状态、下一期限(Art. 18–19)"
                      " the liaison's own shares that need action", _mine, group=group)
    sub.add_argument("--all", action="store_true", help="也列出待中心审批或核查的 also those waiting for the center")
    sub.add_argument("--json", action="store_true", help="输出 JSON 数组 JSON output")
    steps = [
        ("sign", "签收本部门的承办任务(Art. 18) sign for the share", _sign, []),
        ("contact", "记录联系诉求人的情况(Art. 19) contact the requester", _contact,
         [("--note", "联系情况")]),
        ("stage-report", "报送阶段性工作情况(Art. 18) report a stage", _stage_report,
         [("--content", "阶段性工作情况")]),
        ("extend", "申请延期,每件一次、不超过原办理时限(Art. 19) ask for an extension", _extend,
         [("--reason", "延期理由")]),
        ("object", "提出管辖异议(Art. 18) object to the jurisdiction", _object, [("--reason", "异议理由")]),
        ("result", "反馈办理结果(Art. 18–19) report the result", _result, [("--result", "办理结果")]),
    ]
    parsers = {}
    for name, help_text, handler, texts in steps:
        parsers[name] = sub = cli.command(name, "以联络员身份(--as)" + help_text, handler, group=group)
        sub.add_argument("number", metavar="NUMBER", help="案件编号 case number")
        sub.add_argument("--json", action="store_true", help="输出承办任务此后的状态(JSON 对象) JSON output")
        for option, meaning in texts:
            sub.add_argument(option, required=True, metavar="TEXT", help=meaning)
    parsers["extend"].add_argument("--amount", required=True, type=int, metavar="N",
                                   help="延期时长,单位同原办理时限(工作日或小时)")
    parsers["result"].add_argument("--late-reason", metavar="TEXT", help="逾期理由(办理期限已过时必填,Art. 18)")


def register(cli) -> None:
    group = cli.group("cases", "诉求案件 cases")
    sub = cli.command("import", "导入诉求(Open311 JSON,或导出的诉求清单 CSV、XLSX;有错误则整个文件不导入)",
                      _import, group=group, epilog=file_help.cases_import_epilog())
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--format", choices=formats.IMPORT_FORMATS, help="默认按扩展名:.json、.csv、.xlsx")
    sub.add_argument("--township", metavar="CODE", help="没有坐标或不在网格内的诉求归入的乡镇(街道)")
    sub = cli.command("export", "导出诉求(Open311 JSON、CSV 或 XLSX)", _export, group=group)
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--format", choices=formats.EXPORT_FORMATS, help="默认按扩展名:.json、.csv、.xlsx")
    sub.add_argument("--under", metavar="CODE", help="只导出该地区(区划或网格代码)内的诉求")
    sub = cli.command("services", "导出 Open311 服务清单 services.json(乡镇现行事项清单,供其他平台对照 service_code)",
                      _services, group=group)
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--township", metavar="CODE", required=True, help="乡镇(街道)代码")
    sub = cli.command("rules", "查看或设置期限与回访规则(全市适用;Art. 20)", _rules, group=group)
    sub.add_argument("--set", nargs="+", action="extend", metavar="KEY=VALUE",
                     help=f"设置项:{'、'.join(case_rules.NUMBERS)}、pause_while_deciding(yes 或 no)")
    _register_liaison_steps(cli, group)
