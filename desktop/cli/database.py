"""`db grant-desks`: the PostgreSQL role the desktops log in with, given the rights a desktop needs;
`db backup FILE`: a copy of an SQLite database, taken while desktops work on it."""

from __future__ import annotations

from pathlib import Path

from ..services import backup, desk_roles


def _grant_desks(ctx, args) -> int:
    granted = desk_roles.grant_desks(ctx.db, ctx.actor, args.role)
    ctx.print(f"已为数据库用户 {granted.role} 授予值班台所需的权限:{granted.tables} 张表可读写数据"
              f"(结构版本表只读)、{granted.sequences} 个序列可用,{granted.owner} 以后运行 griddesk-admin init 新建的表亦然;"
              f"它不能{'' if granted.can_create else '建表、'}改表或删表 "
              f"(granted {granted.role} the rights a desktop needs, no schema changes)")
    if not granted.can_log_in:
        ctx.print(f"注意:{granted.role} 尚不能登录(NOLOGIN),请由数据库管理员运行 ALTER ROLE {granted.role} LOGIN "
                  "(the role cannot log in yet)")
    if granted.can_create:
        ctx.print(f"注意:{granted.role} 仍可在模式 {granted.schema} 中建表(CREATE 权限来自 PUBLIC 或直接授予,"
                  f"本命令不收回);{desk_roles.revoke_create(granted.schema)} "
                  "(the role can still create tables in the schema)")
    return 0


def _backup(ctx, args) -> int:
    made = backup.back_up(ctx.db, ctx.actor, Path(args.file))
    ctx.print(f"已备份到 {made.path}({made.size:,} 字节)(backed up)")
    return 0


def register(cli) -> None:
    group = cli.group("db", "数据库的备份,共享的 PostgreSQL 数据库的用户权限 "
                            "backups; database roles of a shared PostgreSQL database")
    sub = cli.command("backup", "把 SQLite 数据库备份到一个新文件,值班台可照常使用;审计留痕 "
                                "back up an SQLite database while desktops work on it", _backup, group=group)
    sub.add_argument("file", metavar="FILE", help="备份文件(不覆盖已有文件) the backup file, a new one")
    sub = cli.command("grant-desks", "为值班台连接所用的数据库用户授予读写数据的权限(不能改表结构;现有的表和以后 init 新建的表),"
                                     "须以数据表所有者的账号运行,可重复执行 grant a desktops' role the data rights "
                                     "(no schema changes), as the tables' owner", _grant_desks, group=group)
    sub.add_argument("role", metavar="ROLE", help="值班台连接所用的数据库用户(角色)名 the desktops' database role")
