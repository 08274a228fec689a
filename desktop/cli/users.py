"""`users add` and `users list` (Art. 15: every user holds a role over a subtree of places)."""

from __future__ import annotations

import getpass
import json
import sys

from ..errors import ValidationFailed
from ..models.enums import Role
from ..services import users
from .places import print_table
from .setup import require_current_schema


def _password() -> str:
    """From stdin when it is not a terminal (scripts), else asked twice without echo."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码 password: ")
    if first != getpass.getpass("再输入一次 again: "):
        raise ValidationFailed("两次输入的密码不一致,请重新运行命令", field="password")
    return first


def _add(ctx, args) -> int:
    require_current_schema(ctx.db)
    department = users.department_id(ctx.db, args.department) if args.department else None
    info = users.add_user(ctx.db, ctx.actor, username=args.name, display_name=args.display_name,
                          password=_password(), role=Role(args.role), scope_code=args.scope,
                          department_id=department)
    role, scope = info.grants[0]
    ctx.print(f"已添加用户 {info.username}({info.display_name}):{Role(role).label} @ {scope} (user added)")
    return 0


def _list(ctx, args) -> int:
    require_current_schema(ctx.db)
    found = users.list_users(ctx.db)
    if args.json:
        ctx.print(json.dumps([{"username": u.username, "display_name": u.display_name, "active": u.active,
                               "grants": [{"role": r, "scope": c} for r, c in u.grants]} for u in found],
                             ensure_ascii=False, indent=1))
        return 0
    print_table(ctx, ["用户名", "显示名", "状态", "角色 @ 范围"],
                [[u.username, u.display_name, "有效" if u.active else "停用",
                  ";".join(f"{Role(r).label} @ {c}" for r, c in u.grants)] for u in found])
    return 0


def register(cli) -> None:
    group = cli.group("users", "用户 users")
    sub = cli.command("add", "添加用户(密码从标准输入读取或提示输入) add a user", _add, group=group)
    sub.add_argument("name", metavar="NAME", help="用户名 username")
    sub.add_argument("--role", required=True, choices=[r.value for r in Role], help="角色 role")
    sub.add_argument("--scope", required=True, metavar="CODE", help="权限范围的区划代码 place code of the scope")
    sub.add_argument("--display-name", metavar="TEXT", help="显示名 display name")
    sub.add_argument("--department", metavar="CODE",
                     help="联络员所属部门代码,角色为 liaison 时必填 department code (required for liaisons)")
    sub = cli.command("list", "列出用户 list users", _list, group=group)
    sub.add_argument("--json", action="store_true", help="输出 JSON JSON output")
