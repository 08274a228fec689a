"""`griddesk-admin users …`: accounts and their roles over subtrees of places (Art. 15) — added,
listed, granted and revoked roles, disabled and enabled, passwords reset, and how long a password
may be used."""

from __future__ import annotations

import getpass
import json
import sys

from ..errors import ValidationFailed
from ..models.enums import Role
from ..services import accounts, password_policy, users
from .places import print_table


NO_PASSWORD = "没有输入密码,未作任何更改"


def _password() -> str:
    """From stdin when it is not a terminal (scripts), else asked twice without echo."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:  # input ended before any line (an empty file or pipe): no password given, not an empty one
            raise ValidationFailed(f"{NO_PASSWORD}(标准输入为空);请经标准输入给出密码(一行),或在终端中运行以提示输入",
                                   field="password")
        return line.rstrip("\r\n")
    try:
        first = getpass.getpass("密码 password: ")
        again = getpass.getpass("再输入一次 again: ")
    except EOFError:  # Ctrl+D (Ctrl+Z on Windows) at the prompt: nothing typed, nothing done
        raise ValidationFailed(f"{NO_PASSWORD};请重新运行命令并输入密码", field="password") from None
    if first != again:
        raise ValidationFailed("两次输入的密码不一致,请重新运行命令", field="password")
    return first


def _add(ctx, args) -> int:
    users.check_new_username(ctx.db, args.name)  # before its password is typed, twice, for nothing
    department = users.department_id(ctx.db, args.department) if args.department else None
    info = users.add_user(ctx.db, ctx.actor, username=args.name, display_name=args.display_name,
                          password=_password(), role=Role(args.role), scope_code=args.scope,
                          department_id=department)
    role, scope = info.grants[0]
    ctx.print(f"已添加用户 {info.username}({info.display_name}):{Role(role).label} @ {scope} (user added)")
    return 0


def _list(ctx, args) -> int:
    found = accounts.list_accounts(ctx.db, ctx.actor)
    if args.json:
        ctx.print(json.dumps([{"username": a.username, "display_name": a.display_name, "active": a.active,
                               "grants": [{"role": r.role.value, "scope": r.place_code} for r in a.roles]}
                              for a in found], ensure_ascii=False, indent=1))
        return 0
    print_table(ctx, ["用户名", "显示名", "状态", "角色 @ 范围", "所属部门"],
                [[a.username, a.display_name, "有效" if a.active else "停用",
                  ";".join(f"{r.role.label} @ {r.place_name}({r.place_code})" for r in a.roles), a.department or ""]
                 for a in found])
    return 0


def _grant(ctx, args) -> int:
    department = users.department_id(ctx.db, args.department) if args.department else None
    accounts.grant_role(ctx.db, ctx.actor, username=args.name, role=Role(args.role), scope_code=args.scope,
                        department_id=department)
    ctx.print(f"已授予 {args.name} {Role(args.role).label} @ {args.scope}")
    return 0


def _revoke(ctx, args) -> int:
    accounts.revoke_role(ctx.db, ctx.actor, args.name, Role(args.role), args.scope)
    ctx.print(f"已撤销 {args.name} 的{Role(args.role).label} @ {args.scope}")
    return 0


def _disable(ctx, args) -> int:
    accounts.set_active(ctx.db, ctx.actor, args.name, False)
    ctx.print(f"已停用账号 {args.name}")
    return 0


def _enable(ctx, args) -> int:
    accounts.set_active(ctx.db, ctx.actor, args.name, True)
    ctx.print(f"已启用账号 {args.name}")
    return 0


def _reset_password(ctx, args) -> int:
    accounts.check_resettable(ctx.db, ctx.actor, args.name)  # before the new password is typed, twice, for nothing
    accounts.reset_password(ctx.db, ctx.actor, args.name, _password())
    ctx.print(f"已重置 {args.name} 的密码")
    return 0


def _password_max_age(ctx, args) -> int:
    if args.days is None:
        days = password_policy.load_max_age_days(ctx.db)
    else:
        days = password_policy.set_max_age_days(ctx.db, ctx.actor, args.days)
    ctx.print(f"密码最长使用天数:{days} 天(到期后登录时须设置新密码)" if days else "密码最长使用天数:不限")
    return 0


def _role_options(sub) -> None:
    sub.add_argument("name", metavar="NAME", help="用户名 username")
    sub.add_argument("--role", required=True, choices=[r.value for r in Role], help="角色 role")
    sub.add_argument("--scope", required=True, metavar="CODE", help="权限范围的区划代码 place code of the scope")


def register(cli) -> None:
    group = cli.group("users", "用户 users")
    sub = cli.command("add", "添加用户(密码从标准输入读取或提示输入) add a user", _add, group=group)
    _role_options(sub)
    sub.add_argument("--display-name", metavar="TEXT", help="显示名 display name")
    sub.add_argument("--department", metavar="CODE",
                     help="联络员所属部门代码,角色为 liaison 时必填 department code (required for liaisons)")
    sub = cli.command("list", "列出本人管辖范围内的用户 list users", _list, group=group)
    sub.add_argument("--json", action="store_true", help="输出 JSON JSON output")
    sub = cli.command("grant", "在本辖区内授予角色 grant a role", _grant, group=group)
    _role_options(sub)
    sub.add_argument("--department", metavar="CODE",
                     help="授予联络员角色时,尚未属于任何部门的账号所属的部门代码 department code (for a liaison)")
    _role_options(cli.command("revoke", "撤销角色(不撤销最后一个角色,请停用账号) revoke a role", _revoke, group=group))
    for name, text, handler in (("disable", "停用账号 disable an account", _disable),
                                ("enable", "启用账号 enable an account", _enable),
                                ("reset-password", "重置密码(新密码从标准输入读取或提示输入) reset a password",
                                 _reset_password)):
        cli.command(name, text, handler, group=group).add_argument("name", metavar="NAME", help="用户名 username")
    sub = cli.command("password-max-age", "查看或设定密码最长使用天数(全市适用) show or set the maximum password age",
                      _password_max_age, group=group)
    sub.add_argument("days", metavar="DAYS", type=int, nargs="?",
                     help=f"天数,0 为不限;不写则只查看(默认 {password_policy.DEFAULT_MAX_AGE_DAYS} 天) days, 0 for none")
