"""Evaluation, assessment forms, key governance and the law-conformance report on the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from ..services.clock import BEIJING, beijing_today
from ..services import conformance, governance, users
from ..services.evaluation import export, kept, settlement
from ..services.evaluation.scores import evaluate
from ..services.evaluation.sources import Level
from ..services.printing.assessment import COMMENDED, print_assessment
from ..services.printing.conformance_pdf import render_conformance
from . import iso_date, terminal_counter
from .places import print_table

LEVELS = [level.value for level in Level]


def _evaluation(ctx, args):
    evaluation = evaluate(ctx.db, ctx.actor, args.period, args.level, under=args.under)
    if evaluation.widened_from:  # on standard error: an export may go to standard output
        print(f"griddesk-admin: 提示:{evaluation.widened_note()}", file=sys.stderr)
    return evaluation


def _export(ctx, args) -> int:
    fmt = args.format or (Path(args.output).suffix.lstrip(".").lower() if args.output else "csv")
    export.export(ctx.db, ctx.actor, _evaluation(ctx, args), fmt, Path(args.output) if args.output else None,
                  ctx.out if ctx.out is not None else sys.stdout)
    if args.output:
        print(f"已导出考核结果到 {args.output}", file=sys.stderr)
    return 0


def _assessment(ctx, args) -> int:
    evaluation = _evaluation(ctx, args)
    pages = print_assessment(ctx.db, ctx.actor, evaluation, args.output)
    settled = f";{evaluation.settled_note()}" if evaluation.settled else ""
    commended = f";{note}" if (note := evaluation.commendation_note(COMMENDED)) else ""
    ctx.print(f"已打印 {evaluation.period.label}{evaluation.level.label}考核表 {len(evaluation.subjects)} 份"
              f"及表彰建议名单到 {args.output},共 {pages} 页:{evaluation.summary()}{commended}{settled}"
              + (f";{running}" if (running := evaluation.running_note()) else ""))
    return 0


def _settle(ctx, args) -> int:
    done = settlement.settle(ctx.db, ctx.actor, args.period)
    ctx.print(f"已结算{done.label}考核数据 {done.rows} 项;此后该月及其所在季度、年度的考核按结算数据计算")
    return 0


def _reopen(ctx, args) -> int:
    done = settlement.reopen(ctx.db, ctx.actor, args.period, args.reason)
    ctx.print(f"已撤销{done.label}的结算;该月重新按当前数据计算,核实后请再次结算")
    return 0


def _settlements(ctx, args) -> int:
    rows = settlement.list_settlements(ctx.db)
    print_table(ctx, ["月份", "状态", "结算时间", "结算人", "数据"],
                [[row.code, "已结算" if row.settled else "已撤销结算",
                  f"{row.closed_at.astimezone(BEIJING):%Y-%m-%d %H:%M}" if row.settled else "-",
                  row.closed_by if row.settled else "-", f"{row.rows} 项"] for row in rows])
    ctx.print(f"共 {len(rows)} 个月")
    return 0


def _keep(ctx, args) -> int:
    this_year = beijing_today().year
    years = args.year or [this_year - 1, this_year]
    # Standard output is the answer alone, as a night's task scheduler logs it; a person at a terminal sees the count.
    counted = kept.prepare(ctx.db, ctx.actor, years,
                           progress=terminal_counter(sys.stderr, saying="正在统计各月份·层级的考核数据 "))
    ctx.print(f"已统计并保留 {len(counted)} 个月份·层级的考核数据({'、'.join(map(str, sorted(set(years))))} 年);"
              f"其余已结束的月份已保留或已结算")
    return 0


def _when_where(item) -> tuple[str, str]:
    """The days of the item's cases and the centre of their cluster: what tells detected items apart."""
    window = item.window_dates()
    days = f"{window[0]} 至 {window[1]}" if window else "-"
    centre = f"中心 {item.center_lon:.5f},{item.center_lat:.5f}" if item.center_lon is not None else "-"
    return days, centre


def _governance_detect(ctx, args) -> int:
    items = governance.propose_recurring(ctx.db, ctx.actor, under=args.under)
    print_table(ctx, ["编号", "地点", "类别", "案件", "案件日期", "聚集中心", "名称"],
                [[item.id, item.place_name, item.category.label, f"{len(item.case_ids)} 件", *_when_where(item),
                  item.title] for item in items])
    ctx.print(f"新建议重点治理事项 {len(items)} 项")
    return 0


def _governance_list(ctx, args) -> int:
    items = governance.list_items(ctx.db, ctx.actor, under=args.under)
    print_table(ctx, ["编号", "状态", "地点", "类别", "案件", "案件日期", "聚集中心", "复核日期", "责任部门", "名称"],
                [[item.id, item.state.label, item.place_name, item.category.label, f"{len(item.case_ids)} 件",
                  *_when_where(item), item.review_on.isoformat() if item.review_on else "-",
                  item.owner_department_name or "-", item.title] for item in items])
    ctx.print(f"共 {len(items)} 项")
    return 0


def _governance_accept(ctx, args) -> int:
    item = governance.accept(ctx.db, ctx.actor, args.id, owner_department_id=users.department_id(ctx.db, args.department),
                             review_on=args.review_on, owner_name=args.owner)
    ctx.print(f"重点治理事项 {item.id} 已立项:责任部门 {item.owner_department_name},复核日期 {item.review_on}")
    return 0


def _governance_close(ctx, args) -> int:
    item = governance.close(ctx.db, ctx.actor, args.id, args.note)
    ctx.print(f"重点治理事项 {item.id} 已销号")
    return 0


def _governance_dismiss(ctx, args) -> int:
    item = governance.dismiss(ctx.db, ctx.actor, args.id, args.reason)
    ctx.print(f"重点治理事项 {item.id} 不予立项")
    return 0


def _conformance(ctx, args) -> int:
    report = conformance.report()
    if args.output:
        render_conformance(report, args.output)
        ctx.print(f"已生成条例对照表到 {args.output}")
        return 0
    if not report.tests_counted:
        ctx.print(conformance.TESTS_NOT_INSTALLED)
    print_table(ctx, ["条款", "功能", "测试"],
                [[f"第{row.number}条 {row.title}", len(row.features), len(row.tests) if report.tests_counted else "—"]
                 for row in report.rows])
    if report.tests_counted:
        ctx.print(f"无测试检验的条款:{'、'.join(map(str, report.untested)) or '无'}")
    return 0


def _period_args(sub, *, level_required: bool) -> None:
    sub.add_argument("--period", required=True, help="考核期:2026-10(月)、2026-Q4(季度)、2026(年度)")
    sub.add_argument("--level", choices=LEVELS, required=level_required, default=None if level_required else "township",
                     help="考核对象:联动部门 department、乡镇 township、网格 grid、网格工作人员 staff")
    sub.add_argument("--under", metavar="CODE", help="只考核该区划范围(默认:当前用户的范围,系统管理员为全市)")


def register(cli) -> None:
    group = cli.group("evaluation", "综合评价 evaluation (Art. 5, 23)")
    sub = cli.command("export", "导出考核结果(各指标分子、分母、比率,综合得分与排名)", _export, group=group)
    _period_args(sub, level_required=False)
    sub.add_argument("--format", choices=export.FORMATS, help="csv(默认)、xlsx(须 -o)或 json")
    sub.add_argument("-o", "--output", metavar="FILE", help="输出文件;不写则输出到标准输出")

    sub = cli.command("settle", "结算一个月的考核数据(结算后不再随后续办理变化)", _settle, group=group)
    sub.add_argument("--period", required=True, metavar="YYYY-MM", help="已结束的月份,如 2026-10")
    sub = cli.command("reopen", "撤销一个月的结算(须写明理由)", _reopen, group=group)
    sub.add_argument("--period", required=True, metavar="YYYY-MM")
    sub.add_argument("--reason", required=True)
    cli.command("settlements", "列出已结算和撤销结算的月份", _settlements, group=group)
    sub = cli.command("keep", "预先统计已结束、未结算的月份并保留(此后按年、季度考核即时得出;可每晚或每月初定时运行)",
                      _keep, group=group)
    sub.add_argument("--year", type=int, nargs="+", action="extend", metavar="YYYY",
                     help="年份,可写多个(--year 2025 2026);默认去年和今年")

    sub = cli.command("assessment", "打印考核表(每个对象一页,含签字栏)及表彰建议名单", _assessment,
                      group=cli.group("print", "打印 print"))
    _period_args(sub, level_required=True)
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")

    group = cli.group("governance", "重点治理 key governance (Art. 22)")
    sub = cli.command("detect", "按反复发生规则建议重点治理事项", _governance_detect, group=group)
    sub.add_argument("--under", metavar="CODE")
    sub = cli.command("list", "列出重点治理事项", _governance_list, group=group)
    sub.add_argument("--under", metavar="CODE")
    sub = cli.command("accept", "立项:指定责任部门和复核日期", _governance_accept, group=group)
    sub.add_argument("id", type=int)
    sub.add_argument("--department", required=True, metavar="CODE", help="责任部门代码(departments list 第一列)")
    sub.add_argument("--review-on", required=True, type=iso_date, metavar="YYYY-MM-DD")
    sub.add_argument("--owner", metavar="NAME", help="责任人")
    sub = cli.command("close", "销号(写明治理情况)", _governance_close, group=group)
    sub.add_argument("id", type=int)
    sub.add_argument("--note", required=True)
    sub = cli.command("dismiss", "不予立项(写明理由)", _governance_dismiss, group=group)
    sub.add_argument("id", type=int)
    sub.add_argument("--reason", required=True)

    sub = cli.command("conformance", "条例对照表:各条款的实现功能和检验测试 law-conformance report", _conformance,
                      needs_schema=False)  # read from the code and the tests, not the database
    sub.add_argument("-o", "--output", metavar="OUT.pdf", help="生成 PDF;不写则在终端列出")
