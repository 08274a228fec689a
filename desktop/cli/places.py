"""`places list`: the administrative tree and grids, as an aligned table or JSON."""

from __future__ import annotations

import json
import unicodedata

from ..models.enums import PlaceLevel
from ..services import places


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(ctx, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(display_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [str(c) + " " * (w - display_width(str(c))) for c, w in zip(row, widths)]
        ctx.print("  ".join(cells).rstrip())


def _list(ctx, args) -> int:
    level = PlaceLevel(args.level) if args.level else None
    found = places.list_places(ctx.db, level=level, under=args.under)
    if args.json:
        ctx.print(json.dumps([p.as_json() for p in found], ensure_ascii=False, indent=1))
        return 0
    print_table(ctx, ["代码", "名称", "简称", "层级", "上级代码"],
                [[p.code, p.name, p.short_name, p.level.label, p.parent_code or ""] for p in found])
    ctx.print(f"共 {len(found)} 个 ({len(found)} places)")
    return 0


def register(cli) -> None:
    group = cli.group("places", "区划与网格 places")
    sub = cli.command("list", "列出区划单位和网格 list places", _list, group=group)
    sub.add_argument("--level", choices=[level.value for level in PlaceLevel], help="只列该层级 only this level")
    sub.add_argument("--under", metavar="CODE", help="只列该单位之下的 only below this place (4/6/9/12/15 位代码)")
    sub.add_argument("--json", action="store_true", help="输出 JSON 数组 JSON output")
