"""`griddesk-admin staff import FILE` / `staff export FILE [--under CODE]`: grid staff as CSV
(UTF-8 or GBK, detected) or XLSX; a bad file is reported row by row and nothing is imported."""

from __future__ import annotations

from pathlib import Path

from ..services import staff_exchange
from . import file_help


def _import(ctx, args) -> int:
    report = staff_exchange.import_staff(ctx.db, ctx.actor, Path(args.file))
    ctx.print(f"已导入 {report.roles_added} 条网格任职记录(新增人员 {report.people_added} 名)")
    return 0


def _export(ctx, args) -> int:
    rows = staff_exchange.export_staff(ctx.db, ctx.actor, Path(args.file), under=args.under)
    ctx.print(f"已导出 {rows} 条网格任职记录到 {args.file}")
    return 0


def register(cli) -> None:
    group = cli.group("staff", "网格人员 导入导出 (grid staff: CSV/XLSX import and export)")
    sub = cli.command("import", "导入网格人员(.csv 为 UTF-8 或 GBK,或 .xlsx);任何一行有误则全部不导入", _import,
                      group=group, epilog=file_help.staff_import_epilog())
    sub.add_argument("file", metavar="FILE", help="首行为表头的 .csv 或 .xlsx 文件,各列见下")
    sub = cli.command("export", "导出在岗网格人员(含手机号、身份证号,需查看敏感信息权限)", _export, group=group)
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--under", metavar="CODE", help="只导出该地区(区划代码)内的网格(默认:当前用户可导出的地区,系统管理员为全市)")
