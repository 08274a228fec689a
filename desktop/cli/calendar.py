"""`griddesk-admin calendar import FILE` / `calendar list --year YEAR` / `calendar add|remove DATE`: holidays
and make-up workdays of years the bundled State Council schedule does not know yet, and the region's own."""

from __future__ import annotations

from ..models.enums import DayKind
from ..services import calendar_admin
from . import iso_date
from .places import print_table


def _import(ctx, args) -> int:
    result = calendar_admin.import_csv(ctx.db, ctx.actor, args.file, replace=args.replace,
                                       incomplete=args.incomplete)
    replaced = f"(替换原有录入 {result.replaced} 天)" if result.replaced else ""
    ctx.print(f"已导入 {'、'.join(map(str, result.years))} 年节假日安排 {result.days} 天{replaced};"
              f"重算未办结期限 {result.recomputed} 项")
    for warning in result.notes:
        ctx.print(f"注意:{warning}")
    return 0


def _list(ctx, args) -> int:
    year = calendar_admin.year_calendar(ctx.db, args.year)
    ctx.print(f"{year.year} 年:{year.status.label}")
    if year.status is calendar_admin.YearStatus.UNKNOWN:
        ctx.print(f"国务院公布该年安排后,请用 griddesk-admin calendar import FILE 录入全年的法定节假日和调休上班日"
                  f"(CSV 每行 date,kind,name,如 {year.year}-01-01,holiday,元旦)")
    if year.days:
        print_table(ctx, ["日期", "类型", "名称", "适用"],
                    [[entry.day.isoformat(), f"{entry.kind.value} {entry.kind.label}", entry.name,
                      "地方" if entry.regional else f"{entry.schedule_year} 年安排" if entry.schedule_year else ""]
                     for entry in year.days])
    warning = calendar_admin.warning_for_open_deadlines(ctx.db)
    if warning:
        ctx.print(f"注意:{warning}")
    return 0


def _add(ctx, args) -> int:
    entry = calendar_admin.DayEntry(args.day, DayKind.from_label(args.kind), args.name or "",
                                    regional=args.regional)
    result = calendar_admin.add_day(ctx.db, ctx.actor, entry)
    ctx.print(f"已录入 {entry.day} {'地方' if entry.regional else ''}{entry.kind.label};重算期限 {result.recomputed} 项")
    return 0


def _remove(ctx, args) -> int:
    result = calendar_admin.remove_day(ctx.db, ctx.actor, args.day)
    ctx.print(f"已删除 {args.day};重算期限 {result.recomputed} 项")
    return 0


def register(cli) -> None:
    group = cli.group("calendar", "节假日与调休安排 holidays and make-up workdays")
    sub = cli.command("import", "导入 CSV(date,kind,name)的节假日安排,并重算未办结期限", _import, group=group)
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--replace", action="store_true",
                     help="整体替换文件中年份已录入的安排(不加此项时,已有录入的年份拒绝导入)")
    sub.add_argument("--incomplete", action="store_true",
                     help="缺少某个法定节日(元旦、春节、清明节、劳动节、端午节、中秋节、国庆节)或某行没有名称的年份也导入"
                          "(不加此项时拒绝导入并逐项列出;未录入的节假日按工作日计算期限)")
    sub = cli.command("list", "某年的节假日安排:国务院已公布的、本系统录入的,或尚未可知", _list, group=group)
    sub.add_argument("--year", type=int, required=True)
    sub = cli.command("add", "录入一天:已录入全年安排的年份中增补,或地方节假日(--regional,如壮族三月三,任何年份)", _add,
                      group=group)
    sub.add_argument("day", metavar="DATE", type=iso_date, help="YYYY-MM-DD")
    sub.add_argument("--kind", choices=["holiday", "workday"], default="holiday",
                     help="holiday 放假(默认)或 workday 调休上班")
    sub.add_argument("--name", metavar="NAME", help="名称,如 壮族三月三")
    sub.add_argument("--regional", action="store_true",
                     help="广西的地方节假日:国务院安排之外另行放假或上班的日子,在已公布的年份也适用")
    sub = cli.command("remove", "删除录入的一天(全年安排中的一天,或地方节假日)", _remove, group=group)
    sub.add_argument("day", metavar="DATE", type=iso_date, help="YYYY-MM-DD")
