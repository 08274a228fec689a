"""`init`, `seed-demo` and `check`: set a database up, add the demo, check its integrity."""

from __future__ import annotations

from .. import migrate
from ..db import Database
from ..errors import DatabaseUnavailable, ValidationFailed
from ..services import calendar_admin, integrity, reference, setup_status
from ..services.clock import last_published_year
from ..services.demo import DEFAULT_TOWNSHIP, seed_demo
from ..services.places import normalise_code
from ..services.setup_status import Missing

# What a township lacks, and the command that sets it up (the desk's banner names its menus instead).
_SETUP_STEPS = {
    Missing.GRIDS: ("在用网格", "griddesk-admin boundaries import(可选)后 grids import FILE.geojson"),
    Missing.STAFF: ("网格人员", "griddesk-admin staff import FILE.csv"),
    Missing.MATTER_LIST: ("现行事项清单", "griddesk-admin matters import FILE --place {institution},"
                                         "再 matters publish --place {institution}"),
    Missing.DEPARTMENTS: ("联动部门", "griddesk-admin departments add CODE --place {township} --name …"
                                     "(或 --place {institution}),再 departments contact-add CODE --guidance …"),
    Missing.OPERATORS: ("值班员账号", "griddesk-admin users add NAME --role operator --scope {township}"),
    Missing.OPERATORS_DISABLED: ("在用的值班员账号", "值班员账号 {disabled} 都已停用;用 griddesk-admin users enable "
                                                   "{first_disabled} 重新启用,或用 griddesk-admin users add NAME "
                                                   "--role operator --scope {township} 新增"),
}


def require_current_schema(db: Database) -> None:
    """Commands other than `init` need the newest schema; say so instead of failing on a missing table."""
    revision = migrate.current_revision(db)
    if newer := migrate.newer_than_this_program(revision):
        raise newer
    if revision != migrate.head_revision():
        how = "griddesk-admin init(带上同样的 --db 或 --demo)" if db.is_sqlite else migrate.init_command(db)
        raise DatabaseUnavailable(f"数据库 {db.describe()} 尚未初始化或结构不是最新版本;请先对这个数据库运行 {how}")


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
    migrate.upgrade(db, on_wait=ctx.print, wait_limit=args.wait * 60)
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
    township = _township_status(ctx, args.township) if args.township else None
    problems = integrity.check(ctx.db)
    for problem in problems:
        ctx.print(problem)
    if problems:
        ctx.print(f"发现 {len(problems)} 个问题 ({len(problems)} problem(s) found)")
    else:
        counts = ",".join(f"{name} {n}" for name, n in integrity.summary(ctx.db).items())
        ctx.print(f"检查通过,未发现问题 (no problems found):{counts}")
    if township is not None:
        _print_setup(ctx, township)
    return 1 if problems or (township and township.missing) else 0


def _township_status(ctx, code: str) -> setup_status.SetupStatus:
    status = setup_status.township_setup(ctx.db, normalise_code(code))
    if status is None:
        raise ValidationFailed(f"{code} 不是乡镇(街道)或其下的村(社区)、网格;--township 请给出乡镇(街道)代码,"
                               "如 griddesk-admin places list --level township 所列", field="township")
    return status


def _print_setup(ctx, status: setup_status.SetupStatus) -> None:
    """Whether the township has what its center needs to work, naming the command for each thing
    missing; then, as warnings, the departments nobody can sign for at a desk."""
    if not status.missing:
        ctx.print(f"{status.township_name}({status.township_code})初始设置已完成:网格、网格人员、现行事项清单、"
                  "联动部门、值班员账号均已具备 (township set up)")
    else:
        ctx.print(f"{status.township_name}({status.township_code})尚未完成初始设置,"
                  f"还缺 {len(status.missing)} 项 (township not set up yet):")
        disabled = status.disabled_operators
        codes = {"township": status.township_code[:9], "institution": status.institution_code[:6],
                 "disabled": "、".join(disabled), "first_disabled": disabled[0] if disabled else ""}
        for missing in status.missing:
            what, how = _SETUP_STEPS[missing]
            ctx.print(f"  - 缺{what}:{how.format(**codes)}")
    for department in status.unsigned:
        ctx.print(f"注意:{department.name}({department.code})没有在用的联络员账号,派给它的案件无人能在桌面签收"
                  f"(Art. 18(1)),派遣后须电话通知;添加:griddesk-admin users add NAME --role liaison "
                  f"--scope {department.place_code} --department {department.code}")


def minutes(given: str) -> float:
    """`--wait`: a number of minutes, a fraction too (0.5 is half a minute); not below nought. Named for
    argparse's error (see cli._TYPES)."""
    value = float(given)
    if not value >= 0:  # NaN too
        raise ValueError(given)
    return value


def register(cli) -> None:
    sub = cli.command("init", "创建或升级数据库并载入北海市区划(只含参考数据,可重复执行) "
                              "create/upgrade the database and load the Beihai tree", _init, needs_schema=False)
    sub.add_argument("--wait", type=minutes, default=migrate.UPGRADE_WAIT_LIMIT / 60, metavar="MINUTES",
                     help="升级前最多等待其他值班台正在进行的写入(共享的 PostgreSQL 数据库或 SQLite 数据库文件上)多少分钟,"
                          f"默认 {migrate.UPGRADE_WAIT_LIMIT / 60:g},可为小数(0.5 即 30 秒);到时仍未完成则不作任何更改 "
                          "how many minutes (a fraction too) to wait for other desks' writes before upgrading")
    sub = cli.command("seed-demo", "在现有数据上添加一个乡镇的合成演示数据 add synthetic demo data", _seed_demo)
    sub.add_argument("--township", default=DEFAULT_TOWNSHIP, metavar="CODE",
                     help=f"乡镇(街道)的 9 位或 12 位代码,默认 {DEFAULT_TOWNSHIP}(侨港镇) township code")
    sub = cli.command("check", "检查数据完整性(区划树、代码、网格、孤立记录、审计链),有问题时返回 1 "
                               "check integrity; exit 1 on problems", _check)
    sub.add_argument("--township", metavar="CODE",
                     help="并检查该乡镇(街道)的初始设置(网格、网格人员、现行事项清单、联动部门、值班员账号),缺项时逐项说明"
                          "用哪条命令补上并返回 1 also check that the township is set up")
