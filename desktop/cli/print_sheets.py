"""`griddesk-admin print matter-list -o OUT.pdf [--place CODE]`,
`print notice-sheets [--under CODE] -o OUT.pdf [--only-needing-reprint]`, `print needing-reprint` and
`print notice-texts [--set KEY=VALUE ...]` (Art. 12, 14)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..services import notice_board
from ..services.printing.matter_list_pdf import print_matter_list
from ..services.printing.notice_sheets import print_notice_sheets
from ..services.security import Permission
from . import terminal_counter
from .key_value import split_setting
from .places import print_table


def _default_place(ctx, given: str | None) -> str:
    """The place named, else the acting user's own area to print in (`Context.own_area`)."""
    return given or ctx.own_area(Permission.PRINT)


def _matter_list(ctx, args) -> int:
    pages = print_matter_list(ctx.db, ctx.actor, Path(args.output), place_code=_default_place(ctx, args.place))
    ctx.print(f"已打印事项清单 {pages} 页到 {args.output}")
    return 0


def _notice_sheets(ctx, args) -> int:
    for label in notice_board.unset_texts(ctx.db):  # printed anyway: a proof sheet is fine
        print(f"griddesk-admin: 提示:尚未设置{label},公示牌上不印二维码;"
              f"请用 griddesk-admin print notice-texts --set url=… 设置", file=sys.stderr)
    result = print_notice_sheets(ctx.db, ctx.actor, Path(args.output), under=_default_place(ctx, args.under),
                                 only_needing_reprint=args.only_needing_reprint,
                                 progress=terminal_counter(ctx.out, every=100))
    ctx.print(f"已打印网格公示牌 {result.pages} 张({result.grids} 个网格)到 {args.output}")
    for gap in result.gaps:
        print(f"griddesk-admin: 注意:{gap}", file=sys.stderr)
    for change in notice_board.roster_changes_ahead(ctx.db, ctx.actor, _default_place(ctx, args.under)):
        print(f"griddesk-admin: 注意:{_change_ahead(change)}", file=sys.stderr)
    return 0


def _change_ahead(change: notice_board.RosterChange) -> str:
    # As the desk's print dialog says it: a sheet lists who is in post on the day it is printed (Art. 14).
    return (f"{change.grid_name}({change.grid_code})的公示人员 {change.on.isoformat()} 起变动(离任或到任),"
            f"公示牌只印打印当天在岗的人员,届时需要重新打印")


def _needing_reprint(ctx, args) -> int:
    under = _default_place(ctx, args.under)
    entries = notice_board.needs_reprint(ctx.db, ctx.actor, under)
    changes = {change.grid_code: change for change in notice_board.roster_changes_ahead(ctx.db, ctx.actor, under)}
    if entries:
        print_table(ctx, ["网格代码", "网格名称", "原因"],
                    [[entry.grid_code, entry.grid_name, entry.reason + (
                        f";{changes[entry.grid_code].on.isoformat()} 起人员变动,届时需重新打印"
                        if entry.grid_code in changes else "")] for entry in entries])
    ctx.print(f"共 {len(entries)} 个网格的公示牌需要(重新)打印")
    listed = {entry.grid_code for entry in entries}
    for change in changes.values():
        if change.grid_code not in listed:  # up to date today, due again on that day
            ctx.print(_change_ahead(change))
    return 0


def _notice_texts(ctx, args) -> int:
    if args.set:
        values = dict(split_setting(text, "hotline=12345") for text in args.set)
        before = notice_board.texts(ctx.db)
        shown = notice_board.configure_texts(ctx.db, ctx.actor, **values)
        ctx.print("已保存公示牌文字;此前打印的公示牌将列为需要重新打印:" if shown != before else "公示牌文字没有变化:")
    else:
        shown = notice_board.texts(ctx.db)
    for key, (label, _longest) in notice_board.TEXT_FIELDS.items():
        ctx.print(f"{key.removeprefix('notice.')}={shown[key]}\t{label}")
    return 0


def register(cli) -> None:
    group = cli.group("print", "打印 print")
    sub = cli.command("matter-list", "打印现行网格化服务管理事项清单(按十一类分组)", _matter_list, group=group)
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    sub.add_argument("--place", metavar="CODE",
                     help="该地区适用的清单(默认:当前用户所在地区,系统管理员为北海市;县区代码则含市、县两级)")
    sub = cli.command("notice-sheets", "打印网格公示牌(每个网格一页 A4)", _notice_sheets, group=group)
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    sub.add_argument("--under", metavar="CODE", help="乡镇(街道)等的区划代码(默认:当前用户所在地区,系统管理员为全市)")
    sub.add_argument("--only-needing-reprint", action="store_true", help="只打印从未打印或内容已变化的公示牌")
    sub = cli.command("needing-reprint", "列出需要(重新)打印公示牌的网格", _needing_reprint, group=group)
    sub.add_argument("--under", metavar="CODE", help="默认:当前用户所在地区,系统管理员为全市")
    sub = cli.command("notice-texts", "查看或设置网格公示牌上的受理平台、监督举报电话、二维码网址等文字(全市适用)",
                      _notice_texts, group=group)
    sub.add_argument("--set", nargs="+", action="extend", metavar="KEY=VALUE",
                     help="设置项:platform、hotline、url(含 {code} 处代入网格代码)、other")
