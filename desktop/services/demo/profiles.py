"""What the demo knows of a township beyond the reference tree: where it lies and what it has.

Only 侨港镇 has a hand-made profile (its real location on the Beihai shore, a fishing port).
Any other township gets a generic inland profile placed at a made-up spot near the city, so
that `seed-demo --township CODE` works everywhere; those positions are not real.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_TOWNSHIP = "450503103000"  # 银海区 侨港镇


@dataclass(frozen=True)
class SeaGrids:
    """Names of the sea-related grids (Art. 7(2)) of a coastal township."""

    port: str
    aquaculture: str
    tidal_flat: str
    vessel_groups: tuple[str, ...]


@dataclass(frozen=True)
class TownshipProfile:
    user_prefix: str
    # South-west corner of the synthetic layout (lon, lat, WGS84).
    origin: tuple[float, float]
    # Village codes in layout order, row by row from the north-west; others follow in code order.
    layout: tuple[str, ...] = ()
    sea: SeaGrids | None = None
    # Exclusive grids (Art. 7(1)): (village code suffix, or "" for the first village; category value;
    # name, where "{t}" stands for the township's short name).
    exclusive: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)


_QIAOGANG = TownshipProfile(
    user_prefix="qg",
    origin=(109.097, 21.404),
    layout=("450503103001", "450503103003", "450503103002", "450503103201"),
    sea=SeaGrids(
        port="侨港渔港",
        aquaculture="亚平近岸水产养殖海域",
        tidal_flat="亚平滩涂作业区",
        vessel_groups=("侨港渔船第一编组", "侨港渔船第二编组"),
    ),
    exclusive=(
        ("003", "school", "侨港镇中心小学"),
        ("002", "market", "侨港海鲜市场"),
        ("001", "hospital", "侨港镇卫生院"),
        ("201", "enterprise", "亚平水产品加工企业"),
        ("002", "business_district", "侨港风情街"),
    ),
)

PROFILES = {DEFAULT_TOWNSHIP: _QIAOGANG}


def profile_for(township_code: str, index: int) -> TownshipProfile:
    """The township's profile; `index` (its place among the townships) spreads generic ones out."""
    known = PROFILES.get(township_code)
    if known:
        return known
    row, col = divmod(index, 6)
    return TownshipProfile(
        user_prefix=f"t{township_code[4:9]}",
        origin=(109.05 + 0.05 * col, 21.50 + 0.04 * row),
        exclusive=(("", "school", "{t}中心小学"), ("", "market", "{t}农贸市场"), ("", "hospital", "{t}卫生院")),
    )
