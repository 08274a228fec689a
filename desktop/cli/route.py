"""`griddesk-admin route LON LAT`: which grid a point routes to (services.routing's rule)."""

from __future__ import annotations

from ..errors import NotFound
from ..services.cases.intake import preview_route, unrouted_reason


def _route(ctx, args) -> int:
    grid = preview_route(ctx.db, args.lon, args.lat)
    if grid is None:
        raise NotFound(f"未找到网格:{unrouted_reason(ctx.db, args.lon, args.lat)}")
    ctx.print(f"{grid.code}\t{grid.name}")
    return 0


def register(cli) -> None:
    sub = cli.command("route", "按经纬度查找所属网格(专属网格优先) which grid a point falls in (exclusive grids first)",
                      _route)
    sub.add_argument("lon", type=float, metavar="LON", help="经度 longitude (WGS84)")
    sub.add_argument("lat", type=float, metavar="LAT", help="纬度 latitude (WGS84)")
