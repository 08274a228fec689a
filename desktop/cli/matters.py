"""`griddesk-admin matters versions|in-force|import|export|publish|applications|rectifications|rectification-…`:
the matter list (Art. 12–13)."""

from __future__ import annotations

from ..errors import ValidationFailed
from ..models.enums import MatterListState, ReviewState
from ..services import matter_exchange, matter_list, users
from ..services.clock import beijing_today
from ..services.security import Permission
from . import file_help, iso_date
from .places import print_table

LIST_PLACE_HELP = "市或县(区)代码(默认:当前用户编制的清单,或其所在地区适用的清单;系统管理员为北海市)"


def _list_place(ctx, given: str | None, permission: Permission = Permission.VIEW) -> str:
    """The city or county whose list a command works on: the one named, else the one the acting user
    keeps or whose list governs the user's area, as the desktop opens it (`matter_list.list_to_show`)."""
    return given or matter_list.list_to_show(ctx.db, ctx.actor, ctx.own_area(permission))


def _reviewing_place(ctx, given: str | None) -> str | None:
    """Whose applications or notices to list: those of the institution over the place named, else over
    the acting user's area (the one its departments serve); every institution's for the built-in administrator."""
    if given or ctx.actor.is_system:
        return given
    return ctx.own_area(Permission.VIEW)


def _versions(ctx, args) -> int:
    print_table(ctx, ["版本", "状态", "公布日期", "事项", "名称"],
                [[f"v{info.version}", info.state.label, info.published_on.isoformat() if info.published_on else "—",
                  f"{info.items} 项", info.title] for info in matter_list.lists(ctx.db, _list_place(ctx, args.place),
                                                                   viewer=ctx.actor)])
    return 0


def _in_force(ctx, args) -> int:
    on = args.on or beijing_today()
    lists = matter_list.in_force(ctx.db, args.place or ctx.own_area(Permission.VIEW), on)
    for info, items in lists:
        ctx.print(f"# {info.title} 第 {info.version} 版({info.published_on} 公布)")
        print_table(ctx, ["事项编码", "类别", "事项名称", "责任部门"],
                    [[item.draft.code, item.draft.category.label, item.draft.title, item.department] for item in items])
    if not lists:
        ctx.print(f"{on} 没有现行的事项清单")
    return 0


def _applications(ctx, args) -> int:
    state = ReviewState.PENDING if args.pending else None
    found = matter_list.applications(ctx.db, place_code=_reviewing_place(ctx, args.place), state=state,
                                     viewer=ctx.actor)
    print_table(ctx, ["编号", "状态", "部门", "申请", "事项"],
                [[a.id, a.state.label, a.department, a.action.label, f"{a.item_code} {a.item_title}"] for a in found])
    ctx.print(f"共 {len(found)} 件申请")
    return 0


def _rectifications(ctx, args) -> int:
    found = matter_list.rectifications(ctx.db, place_code=_reviewing_place(ctx, args.place), open_only=args.open,
                                       viewer=ctx.actor)
    print_table(ctx, ["编号", "状态", "整改期限", "部门", "整改事由", "整改情况"],
                [[n.id, n.standing(beijing_today()).label, n.due_on, n.department, n.reason,
                  f"退回理由:{n.returned_reason}" if n.returned_reason else (n.latest_report or "")] for n in found])
    ctx.print(f"共 {len(found)} 份整改通知")
    return 0


def _issue(ctx, args) -> int:
    notice = matter_list.issue_rectification(ctx.db, ctx.actor, department_id=users.department_id(ctx.db, args.department),
                                             reason=args.reason, due_on=args.due)
    ctx.print(f"已督促{notice.department}限期整改,整改期限 {notice.due_on}(整改通知 {notice.id})")
    return 0


def _answer(ctx, args) -> int:
    notice = matter_list.answer_rectification(ctx.db, ctx.actor, args.notice, report=args.report)
    late = "(逾期报送)" if notice.answers[-1].late else ""
    ctx.print(f"已报送{notice.department}对整改通知 {notice.id} 的整改情况{late},待确认")
    return 0


def _confirm(ctx, args) -> int:
    notice = matter_list.confirm_rectification(ctx.db, ctx.actor, args.notice)
    ctx.print(f"已确认{notice.department}整改完毕(整改通知 {notice.id})")
    return 0


def _return(ctx, args) -> int:
    notice = matter_list.return_rectification(ctx.db, ctx.actor, args.notice, reason=args.reason, due_on=args.due)
    ctx.print(f"已退回{notice.department}对整改通知 {notice.id} 的整改情况,整改期限 {notice.due_on}")
    return 0


def _import(ctx, args) -> int:
    place = _list_place(ctx, args.place, Permission.MANAGE_MATTERS)
    result = matter_exchange.import_items(ctx.db, ctx.actor, args.file, place_code=place)
    ctx.print(f"已向{result.place_name}事项清单第 {result.version} 版草稿导入事项 {result.added} 项;"
              f"核对无误后用 griddesk-admin matters publish --place {place} 公布")
    return 0


def _export(ctx, args) -> int:
    count = matter_exchange.export_items(ctx.db, ctx.actor, args.file, place_code=_list_place(ctx, args.place),
                                         draft=args.draft)
    ctx.print(f"已导出事项 {count} 项到 {args.file}")
    return 0


def _publish(ctx, args) -> int:
    on = args.on or beijing_today()
    place = _list_place(ctx, args.place, Permission.MANAGE_MATTERS)
    draft = next((info for info in matter_list.lists(ctx.db, place) if info.state is MatterListState.DRAFT), None)
    if draft is None:
        raise ValidationFailed(f"{place} 没有未公布的事项清单草稿;请先导入事项(matters import)或在桌面“事项清单”中新建版本")
    info = matter_list.publish(ctx.db, ctx.actor, draft.id, on=on, title=args.title)
    ctx.print(f"已公布{info.place_name}事项清单第 {info.version} 版《{info.title}》({info.items} 项),自 {on} 起施行")
    return 0


def register(cli) -> None:
    group = cli.group("matters", "事项清单 matter list (Art. 12–13)")
    sub = cli.command("versions", "列出某机构事项清单的各版本", _versions, group=group)
    sub.add_argument("--place", metavar="CODE", help=LIST_PLACE_HELP)
    sub = cli.command("in-force", "列出某地现行的事项(市级及所在县区)", _in_force, group=group)
    sub.add_argument("--place", metavar="CODE", help="区划代码(默认:当前用户所在地区,系统管理员为北海市)")
    sub.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="哪一天现行,默认今天")
    sub = cli.command("import", "从 CSV/XLSX 向市或县(区)事项清单的草稿导入事项(各列见下)", _import, group=group,
                      epilog=file_help.matters_import_epilog())
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--place", metavar="CODE", help=LIST_PLACE_HELP)
    sub = cli.command("export", "导出事项清单的事项为 CSV/XLSX(与导入的列相同)", _export, group=group)
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--place", metavar="CODE", help=LIST_PLACE_HELP)
    sub.add_argument("--draft", action="store_true", help="导出草稿,而不是现行的版本")
    sub = cli.command("publish", "公布事项清单草稿(每项须有责任部门的业务指导人员,Art. 13)", _publish, group=group)
    sub.add_argument("--place", metavar="CODE", help=LIST_PLACE_HELP)
    sub.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="施行日期,默认今天")
    sub.add_argument("--title", metavar="TEXT", help="公布的标题(默认:草稿的标题,即沿用上一版的标题)")
    sub = cli.command("applications", "列出部门的纳入/退出申请", _applications, group=group)
    sub.add_argument("--place", metavar="CODE", help="只列该市或县(区)机构审核的申请"
                     "(默认:当前用户所在地区的机构;系统管理员列全部)")
    sub.add_argument("--pending", action="store_true", help="只列待审核的")
    sub = cli.command("rectifications", "列出督促整改通知(联络员只见本部门的)", _rectifications, group=group)
    sub.add_argument("--place", metavar="CODE", help="只列该市或县(区)机构督促的"
                     "(默认:当前用户所在地区的机构;系统管理员列全部)")
    sub.add_argument("--open", action="store_true", help="只列尚未整改完毕的")
    sub = cli.command("rectification-issue", "督促履职不到位的部门限期整改(Art. 13)", _issue, group=group)
    sub.add_argument("department", metavar="CODE", help="部门代码(见 departments list)")
    sub.add_argument("--reason", required=True, metavar="TEXT", help="履职不到位的具体情形")
    sub.add_argument("--due", required=True, type=iso_date, metavar="YYYY-MM-DD", help="整改期限")
    sub = cli.command("rectification-answer", "以联络员身份(--as)报送本部门对整改通知的整改情况,待机构确认(Art. 13)",
                      _answer, group=group)
    sub.add_argument("notice", type=int, metavar="ID", help="整改通知编号(见 rectifications)")
    sub.add_argument("--report", required=True, metavar="TEXT", help="整改情况")
    sub = cli.command("rectification-confirm", "确认部门报送的整改情况,整改通知办结(Art. 13)", _confirm, group=group)
    sub.add_argument("notice", type=int, metavar="ID", help="整改通知编号")
    sub = cli.command("rectification-return", "退回部门报送的整改情况,部门继续整改(Art. 13)", _return, group=group)
    sub.add_argument("notice", type=int, metavar="ID", help="整改通知编号")
    sub.add_argument("--reason", required=True, metavar="TEXT", help="退回理由")
    sub.add_argument("--due", type=iso_date, metavar="YYYY-MM-DD", help="新的整改期限,默认不变")
