"""`griddesk-admin cases import|export`: exchange of cases as Open311 JSON, CSV or XLSX (SPEC §9);
`cases services FILE --township CODE`: the Open311 service list, from the matter list in force;
`cases rules [--set KEY=VALUE …]`: the callback and clock rules (Art. 20).

A bad file is refused as a whole: the CLI prints each bad row to stderr and exits 1.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ValidationFailed
from ..services.cases import case_rules
from ..services.exchange import formats, open311
from ..services.queue import QueueFilter
from .key_value import number_or_text, split_setting

_YES, _NO = ("yes", "true", "1", "是"), ("no", "false", "0", "否")


def _format(args, *, reading: bool = False) -> str:
    fmt = args.format or formats.format_of(args.file) or (formats.format_in(args.file) if reading else None)
    if fmt is None:
        raise ValidationFailed(f"无法从文件名 {args.file} 判断格式,请用 --format 指定(open311、csv 或 xlsx)", field="format")
    return fmt


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


def register(cli) -> None:
    group = cli.group("cases", "诉求案件 cases")
    sub = cli.command("import", "导入诉求(Open311 JSON,或导出的诉求清单 CSV、XLSX;有错误则整个文件不导入)",
                      _import, group=group)
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
