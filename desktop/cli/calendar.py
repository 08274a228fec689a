"""`griddesk-admin calendar import FILE` / `calendar list --year YEAR`: holidays and make-up
workdays of years the bundled State Council schedule does not know yet."""

from __future__ import annotations

from ..services import calendar_admin


def _import(ctx, args) -> int:
    result = calendar_admin.import_csv(ctx.db, ctx.actor, args.file, replace=args.replace)
    replaced = f"(替换原有录入 {result.replaced} 天)" if result.replaced else ""
    ctx.print(f"已导入 {'、'.join(map(str, result.years))} 年节假日安排 {result.days} 天{replaced};"
              f"重算未办结期限 {result.recomputed} 项")
    return 0


def _list(ctx, args) -> int:
    year = calendar_admin.year_calendar(ctx.db, args.year)
    ctx.print(f"{year.year} 年:{year.status.label}")
    if year.status is calendar_admin.YearStatus.UNKNOWN:
        ctx.print(f"国务院公布该年安排后,请用 griddesk-admin calendar import FILE 录入全年的法定节假日和调休上班日"
                  f"(CSV 每行 date,kind,name,如 {year.year}-01-01,holiday,元旦)")
    for entry in year.days:
        ctx.print(f"{entry.day.isoformat()}\t{entry.kind.value}\t{entry.kind.label}\t{entry.name}")
    warning = calendar_admin.warning_for_open_deadlines(ctx.db)
    if warning:
        ctx.print(f"注意:{warning}")
    return 0


def register(cli) -> None:
    group = cli.group("calendar", "节假日与调休安排 holidays and make-up workdays")
    sub = cli.command("import", "导入 CSV(date,kind,name)的节假日安排,并重算未办结期限", _import, group=group)
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--replace", action="store_true",
                     help="整体替换文件中年份已录入的安排(不加此项时,已有录入的年份拒绝导入)")
    sub = cli.command("list", "某年的节假日安排:国务院已公布的、本系统录入的,或尚未可知", _list, group=group)
    sub.add_argument("--year", type=int, required=True)
