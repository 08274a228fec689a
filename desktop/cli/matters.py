"""`griddesk-admin matters versions|in-force|import|export|publish|applications`: the matter list (Art. 12–13)."""

from __future__ import annotations

from datetime import date

from ..errors import ValidationFailed
from ..models.enums import MatterListState, ReviewState
from ..services import matter_exchange, matter_list
from ..services.clock import beijing_today

CITY = "450500000000"


def _versions(ctx, args) -> int:
    for info in matter_list.lists(ctx.db, args.place):
        published = info.published_on.isoformat() if info.published_on else "—"
        ctx.print(f"v{info.version}\t{info.state.label}\t{published}\t{info.items} 项\t{info.title}")
    return 0


def _in_force(ctx, args) -> int:
    on = date.fromisoformat(args.on) if args.on else beijing_today()
    lists = matter_list.in_force(ctx.db, args.place, on)
    for info, items in lists:
        ctx.print(f"# {info.title} 第 {info.version} 版({info.published_on} 公布)")
        for item in items:
            ctx.print(f"{item.draft.code}\t{item.draft.category.label}\t{item.draft.title}\t{item.department}")
    if not lists:
        ctx.print(f"{on} 没有现行的事项清单")
    return 0


def _applications(ctx, args) -> int:
    state = ReviewState.PENDING if args.pending else None
    found = matter_list.applications(ctx.db, place_code=args.place, state=state, viewer=ctx.actor)
    for a in found:
        ctx.print(f"{a.id}\t{a.state.label}\t{a.department}\t{a.action.label}\t{a.item_code} {a.item_title}")
    ctx.print(f"共 {len(found)} 件申请")
    return 0


def _import(ctx, args) -> int:
    result = matter_exchange.import_items(ctx.db, ctx.actor, args.file, place_code=args.place)
    ctx.print(f"已向{result.place_name}事项清单第 {result.version} 版草稿导入事项 {result.added} 项;"
              f"核对无误后用 griddesk-admin matters publish --place {args.place} 公布")
    return 0


def _export(ctx, args) -> int:
    count = matter_exchange.export_items(ctx.db, ctx.actor, args.file, place_code=args.place, draft=args.draft)
    ctx.print(f"已导出事项 {count} 项到 {args.file}")
    return 0


def _publish(ctx, args) -> int:
    on = date.fromisoformat(args.on) if args.on else beijing_today()
    draft = next((info for info in matter_list.lists(ctx.db, args.place) if info.state is MatterListState.DRAFT), None)
    if draft is None:
        raise ValidationFailed(f"{args.place} 没有未公布的事项清单草稿;请先导入事项(matters import)或在桌面“事项清单”中新建版本")
    info = matter_list.publish(ctx.db, ctx.actor, draft.id, on=on)
    ctx.print(f"已公布{info.place_name}事项清单第 {info.version} 版({info.items} 项),自 {on} 起施行")
    return 0


def register(cli) -> None:
    group = cli.group("matters", "事项清单 matter list (Art. 12–13)")
    sub = cli.command("versions", "列出某机构事项清单的各版本", _versions, group=group)
    sub.add_argument("--place", default=CITY, metavar="CODE", help="市或县(区)代码,默认北海市")
    sub = cli.command("in-force", "列出某地现行的事项(市级及所在县区)", _in_force, group=group)
    sub.add_argument("--place", default=CITY, metavar="CODE")
    sub.add_argument("--on", metavar="YYYY-MM-DD", help="哪一天现行,默认今天")
    sub = cli.command("import", "从 CSV/XLSX 向市或县(区)事项清单的草稿导入事项(列:" + "、".join(matter_exchange.COLUMNS)
                      + ";责任部门填部门代码)", _import, group=group)
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--place", default=CITY, metavar="CODE", help="市或县(区)代码,默认北海市")
    sub = cli.command("export", "导出事项清单的事项为 CSV/XLSX(与导入的列相同)", _export, group=group)
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--place", default=CITY, metavar="CODE", help="市或县(区)代码,默认北海市")
    sub.add_argument("--draft", action="store_true", help="导出草稿,而不是现行的版本")
    sub = cli.command("publish", "公布事项清单草稿(每项须有责任部门的业务指导人员,Art. 13)", _publish, group=group)
    sub.add_argument("--place", default=CITY, metavar="CODE", help="市或县(区)代码,默认北海市")
    sub.add_argument("--on", metavar="YYYY-MM-DD", help="施行日期,默认今天")
    sub = cli.command("applications", "列出部门的纳入/退出申请", _applications, group=group)
    sub.add_argument("--place", metavar="CODE", help="只列该市或县(区)机构审核的申请")
    sub.add_argument("--pending", action="store_true", help="只列待审核的")
