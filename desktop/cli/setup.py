"""`init`, `seed-demo` and `check`: set a database up, add the demo, check its integrity."""

from __future__ import annotations

from .. import migrate
from ..db import Database
from ..errors import DatabaseUnavailable
from ..services import calendar_admin, integrity, reference
from ..services.clock import last_published_year
from ..services.demo import DEFAULT_TOWNSHIP, seed_demo
from ..services.places import normalise_code


def require_current_schema(db: Database) -> None:
    """Commands other than `init` need the newest schema; say so instead of failing on a missing table."""
    revision = migrate.current_revision(db)
    if newer := migrate.newer_than_this_program(revision):
        raise newer
    if revision != migrate.head_revision():
        raise DatabaseUnavailable(f"数据库 {db.describe()} 尚未初始化或结构不是最新版本;"
                                  "请先对这个数据库运行 griddesk-admin init(带上同样的 --db 或 --demo)")


def _init(ctx, args) -> int:
    db = ctx.db
    before, head = migrate.current_revision(db), migrate.head_revision()
    if before == head and integrity.reference_tree_current(db):
        moved = calendar_admin.catch_up_with_published_schedule(db, ctx.actor)
        if moved is None:
            ctx.print(f"数据库已是最新版本({head}),北海市区划完整,无需更改 (already up to date, nothing changed)")
        else:
            ctx.print(f"数据库已是最新版本({head});程序内置的国务院节假日安排已更新至 {last_published_year()} 年,"
                      f"重算期限 {moved} 项 (deadlines recounted with the newly published holidays)")
        return 0
    migrate.upgrade(db)
    report = reference.load_beihai_tree(db, ctx.actor)
    calendar_admin.catch_up_with_published_schedule(db, ctx.actor)
    ctx.print(f"数据库结构:{before or '空库'} → {head};北海市区划:新增 {report.added},更新 {report.updated},"
              f"未变 {report.unchanged} (schema {before or 'empty'} → {head}; reference tree loaded)")
    return 0


def _seed_demo(ctx, args) -> int:
    report = seed_demo(ctx.db, ctx.actor, normalise_code(args.township))
    ctx.print(f"已为 {report.township_name}({report.township_code})生成合成演示数据:网格 {report.grids} 个,"
              f"网格工作人员 {report.staff} 人,诉求 {report.cases} 件 (synthetic demo data added)")
    if report.users:
        ctx.print("演示账号(用户名 / 密码,仅供演示) demo log-ins: "
                  + ",".join(f"{name} / {password}" for name, password in report.users))
    return 0


def _check(ctx, args) -> int:
    problems = integrity.check(ctx.db)
    for problem in problems:
        ctx.print(problem)
    if problems:
        ctx.print(f"发现 {len(problems)} 个问题 ({len(problems)} problem(s) found)")
        return 1
    counts = ",".join(f"{name} {n}" for name, n in integrity.summary(ctx.db).items())
    ctx.print(f"检查通过,未发现问题 (no problems found):{counts}")
    return 0


def register(cli) -> None:
    cli.command("init", "创建或升级数据库并载入北海市区划(只含参考数据,可重复执行) "
                        "create/upgrade the database and load the Beihai tree", _init, needs_schema=False)
    sub = cli.command("seed-demo", "在现有数据上添加一个乡镇的合成演示数据 add synthetic demo data", _seed_demo)
    sub.add_argument("--township", default=DEFAULT_TOWNSHIP, metavar="CODE",
                     help=f"乡镇(街道)的 9 位或 12 位代码,默认 {DEFAULT_TOWNSHIP}(侨港镇) township code")
    cli.command("check", "检查数据完整性(区划树、代码、网格、孤立记录、审计链),有问题时返回 1 "
                         "check integrity; exit 1 on problems", _check)
