"""`griddesk-admin departments list|line`: linked departments and the lines they belong to (Art. 17–18)."""

from __future__ import annotations

from ..services import departments


def _list(ctx, args) -> int:
    for line in departments.list_lines(ctx.db, args.under):
        above = f"{line.parent_name}({line.parent_code})" if line.parent_code else "—"
        ctx.print(f"{line.code}\t{line.level.label}\t{line.place_name}\t{line.name}\t上级:{above}")
    return 0


def _line(ctx, args) -> int:
    line = departments.set_parent(ctx.db, ctx.actor, args.code, None if args.clear else args.parent)
    above = f"{line.parent_name}({line.parent_code})" if line.parent_code else "(无)"
    ctx.print(f"{line.name}({line.code})的上级部门:{above}")
    return 0


def register(cli) -> None:
    group = cli.group("departments", "联动部门 linked departments and their lines (Art. 17–18)")
    sub = cli.command("list", "列出在用的联动部门及其上级部门", _list, group=group)
    sub.add_argument("--under", metavar="CODE", help="只列服务该地或其下属地方的部门")
    sub = cli.command("line", "记录部门的上级部门(如派出所属县区公安分局),派遣时优先建议本地下属机构", _line,
                      group=group)
    sub.add_argument("code", metavar="CODE", help="部门代码")
    which = sub.add_mutually_exclusive_group(required=True)
    which.add_argument("parent", nargs="?", metavar="PARENT", help="上级部门代码")
    which.add_argument("--clear", action="store_true", help="清除上级部门")
