"""`griddesk-admin matters versions|in-force|applications`: the matter list at a glance (Art. 12–13)."""

from __future__ import annotations

from datetime import date

from ..models.enums import ReviewState
from ..services import matter_list
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
    for a in matter_list.applications(ctx.db, place_code=args.place, state=state):
        ctx.print(f"{a.id}\t{a.state.label}\t{a.department}\t{a.action.label}\t{a.item_code} {a.item_title}")
    return 0


def register(cli) -> None:
    group = cli.group("matters", "事项清单 matter list (Art. 12–13)")
    sub = cli.command("versions", "列出某机构事项清单的各版本", _versions, group=group)
    sub.add_argument("--place", default=CITY, metavar="CODE", help="市或县(区)代码,默认北海市")
    sub = cli.command("in-force", "列出某地现行的事项(市级及所在县区)", _in_force, group=group)
    sub.add_argument("--place", default=CITY, metavar="CODE")
    sub.add_argument("--on", metavar="YYYY-MM-DD", help="哪一天现行,默认今天")
    sub = cli.command("applications", "列出部门的纳入/退出申请", _applications, group=group)
    sub.add_argument("--place", metavar="CODE", help="只列该市或县(区)机构审核的申请")
    sub.add_argument("--pending", action="store_true", help="只列待审核的")
