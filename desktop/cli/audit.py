"""`audit list|verify`: read the audit log and check its chain of hashes (Art. 15(3)), as an auditor."""

from __future__ import annotations

from ..models.enums import AuditOutcome
from ..services import audit_log
from ..services.audit_actions import label_of
from ..services.audit_log import AuditFilter, AuditRow
from ..services.clock import beijing_text, end_of_day, start_of_day
from . import iso_date
from .places import print_table


def _who(row: AuditRow) -> str:
    """The user, with the operating-system account and the computer as far as known (entries made
    before the desk recorded its operating-system account name the computer only)."""
    where = "@".join(part for part in (row.os_user, row.desktop) if part)
    return f"{row.actor}({where})" if where else row.actor


def _list(ctx, args) -> int:
    since, until = args.since, args.until
    wanted = AuditFilter(since=since and start_of_day(since), until=until and end_of_day(until),
                         user=args.user or "", action=args.action or "", text=args.text or "", under=args.under,
                         outcomes=frozenset({AuditOutcome.DENIED, AuditOutcome.FAILED}) if args.refused else frozenset())
    total = audit_log.count(ctx.db, ctx.actor, wanted)
    rows = audit_log.entries(ctx.db, ctx.actor, wanted, 0, args.limit)
    # The action's code, which --action and scripts name, and beside it its label for the reader.
    print_table(ctx, ["序号", "时间", "操作人", "操作", "操作名称", "对象", "地点", "结果", "内容"],
                [[row.id, beijing_text(row.at, "%Y-%m-%d %H:%M:%S"), _who(row), row.action, label_of(row.action),
                  row.target or "", row.place_code or "", row.outcome.label, row.message] for row in rows])
    more = f",只列出最新的 {len(rows)} 条(用 --limit 多列)" if total > len(rows) else ""
    ctx.print(f"共 {total} 条{more}")
    return 0


def _verify(ctx, args) -> int:
    checked = audit_log.check_chain(ctx.db, ctx.actor)
    for problem in checked.problems:
        ctx.print(f"第 {problem.entry_id} 条:{problem.problem}")
    if checked.intact:
        ctx.print(f"审计日志 {checked.entries} 条,哈希链完整")
        return 0
    ctx.print(f"审计日志 {checked.entries} 条,发现 {len(checked.problems)} 处问题")
    return 1


def register(cli) -> None:
    group = cli.group("audit", "审计日志 audit log (Art. 15)")
    sub = cli.command("list", "列出审计日志(最新的在前),可按日期、用户、操作、内容、地点筛选", _list, group=group)
    sub.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="自这一天起(北京时间)")
    sub.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="到这一天止(含这一天)")
    sub.add_argument("--user", metavar="NAME", help="用户名或操作系统用户名含此文字")
    sub.add_argument("--action", metavar="TEXT", help="操作代码或名称含此文字,如 cases.、users.login 或 登录")
    sub.add_argument("--text", metavar="TEXT", help="内容或对象含此文字")
    sub.add_argument("--under", metavar="CODE", help="只列该地及其下各地的记录")
    sub.add_argument("--refused", action="store_true", help="只列被拒绝或失败的操作")
    sub.add_argument("--limit", type=int, default=audit_log.PAGE, metavar="N", help=f"最多列出几条,默认 {audit_log.PAGE}")
    cli.command("verify", "重新计算审计日志的哈希链,发现被改动、删除或插入的记录时返回 1", _verify, group=group)
