"""`griddesk-admin route LON LAT`: which grid a point routes to (services.routing's rule)."""

from __future__ import annotations

from ..models import Place
from ..services.routing import route_point


def _route(ctx, args) -> int:
    with ctx.db.session() as session:
        grid_id = route_point(session, args.lon, args.lat)
        if grid_id is None:
            ctx.print("未找到网格")
            return 1
        grid = session.get(Place, grid_id)
        ctx.print(f"{grid.code}\t{grid.name}")
    return 0


def register(cli) -> None:
    sub = cli.command("route", "按经纬度查找所属网格(专属网格优先)", _route)
    sub.add_argument("lon", type=float, metavar="LON")
    sub.add_argument("lat", type=float, metavar="LAT")
