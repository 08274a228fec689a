"""`griddesk-admin emergencies list` and `print bulletin ID -o OUT.pdf` (Art. 21)."""

from __future__ import annotations

from pathlib import Path

from ..services import emergencies
from ..services.clock import BEIJING
from ..services.printing.bulletin import write_bulletin


def _list(ctx, args) -> int:
    reports = emergencies.list_reports(ctx.db, ctx.actor, open_only=args.open, under=args.under)
    for info in reports:
        overdue = len(info.overdue_steps())
        flags = ("未确认 " if info.acknowledged_at is None else "") + (f"超时{overdue}项" if overdue else "")
        ctx.print(f"{info.id}\t{info.number}\t{info.learned_at.astimezone(BEIJING):%Y-%m-%d %H:%M}\t"
                  f"{info.type.label}\t{info.level.label}\t{info.state.label}\t{info.title}\t{flags}".rstrip())
    if not reports:
        ctx.print("没有紧急情况报告")
    return 0


def _bulletin(ctx, args) -> int:
    pages = write_bulletin(ctx.db, ctx.actor, args.id, Path(args.output))
    ctx.print(f"已生成信息快报 {args.output}({pages} 页)")
    return 0


def register(cli) -> None:
    sub = cli.command("list", "列出紧急情况报告(Art. 21)", _list, group=cli.group("emergencies", "紧急情况 emergencies"))
    sub.add_argument("--open", action="store_true", help="只列未终报的")
    sub.add_argument("--under", metavar="CODE", help="只列该地区内的")
    sub = cli.command("bulletin", "打印紧急情况信息快报 PDF", _bulletin, group=cli.group("print", "打印 print"))
    sub.add_argument("id", type=int, metavar="ID", help="报告序号(emergencies list 第一列)")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
