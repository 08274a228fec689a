"""What is wrong with a grid set, feature by feature, with a location for each problem.

Nothing here repairs a shape: the import reports and refuses (SPEC §1). Regular grids of one
village must not overlap, must stay inside the village and should cover it; exclusive and
sea grids may lie over regular ones (Art. 7). Exclusive grids (schools, markets …) are set
up within the community (Art. 7(1)) and must stay inside their village; sea grids (ports,
waters, tidal flats) lie off the village's land and are only checked for valid rings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .projection import area_m2

# Overlaps, protrusions and gaps smaller than this are floating-point noise along shared
# edges, not drawing errors; the tolerance is named in every report.
AREA_TOLERANCE_M2 = 1.0

_GEOS_REASONS = {
    "Self-intersection": "边界自相交",
    "Ring Self-intersection": "环自相交(打结)",
    "Too few points": "环的点数太少(至少 4 个点且首尾相同)",
    "Interior is disconnected": "面的内部不连通(内环把面切断)",
    "Hole lies outside shell": "内环(洞)在外环之外",
    "Nested holes": "内环相互嵌套",
    "Nested shells": "多面中的面相互嵌套",
    "Duplicate Rings": "存在重复的环",
    "Invalid Coordinate": "坐标无效(非数字)",
    "Ring is not closed": "环未闭合(首尾点不同)",
}
_REASON = re.compile(r"^(?P<reason>[^\[]+?)\s*(\[(?P<x>[-+\d.eE]+)\s+(?P<y>[-+\d.eE]+)\])?$")


@dataclass(frozen=True)
class FeatureRef:
    """Which feature of the file: its 1-based position and, when readable, code and name."""

    index: int
    code: str | None = None
    name: str | None = None

    def __str__(self) -> str:
        label = " ".join(part for part in (self.code, self.name) if part)
        return f"要素 #{self.index}" + (f"({label})" if label else "")


@dataclass(frozen=True)
class Problem:
    feature: FeatureRef | None
    message: str
    location: tuple[float, float] | None = None  # lon, lat (WGS84)

    def __str__(self) -> str:
        where = f",位置 经度 {self.location[0]:.6f} 纬度 {self.location[1]:.6f}" if self.location else ""
        return (f"{self.feature}:" if self.feature else "") + self.message + where


@dataclass(frozen=True)
class GridShape:
    """A regular grid taking part in the layout checks of its village."""

    feature: FeatureRef
    village_code: str
    geometry: BaseGeometry


def _point(geometry: BaseGeometry) -> tuple[float, float]:
    p = shapely.point_on_surface(geometry)
    return round(p.x, 7), round(p.y, 7)


def ring_problems(feature: FeatureRef, geometry: BaseGeometry) -> list[Problem]:
    """Invalid or self-intersecting rings, out-of-range coordinates, empty or zero-area shapes."""
    if geometry.is_empty:
        return [Problem(feature, "几何为空,没有坐标")]
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        return [Problem(feature, "坐标超出经纬度范围:应为 [经度, 纬度] 且以度为单位(WGS84 或 GCJ-02)")]
    reason = shapely.is_valid_reason(geometry)
    if reason != "Valid Geometry":
        match = _REASON.match(reason)
        text, location = reason, None
        if match:
            text = _GEOS_REASONS.get(match["reason"], match["reason"])
            if match["x"]:
                location = (float(match["x"]), float(match["y"]))
        return [Problem(feature, f"几何无效:{text};请在绘图软件中修正后重新导入", location)]
    if area_m2(geometry) <= AREA_TOLERANCE_M2:
        return [Problem(feature, f"面积为零或小于 {AREA_TOLERANCE_M2:g} 平方米", _point(geometry))]
    return []


def layout_problems(shapes: list[GridShape], villages: dict[str, BaseGeometry | None],
                    incomplete: set[str] = frozenset(), names: dict[str, str] | None = None,
                    left_out: list[GridShape] = (), retiring: set[str] = frozenset()) -> list[Problem]:
    """Overlaps among the regular grids of each village, protrusions and gaps in coverage.

    `villages` maps each village code to its boundary (None when it has none: then only
    overlaps are checked). Villages in `incomplete` lost features to earlier problems, so
    their gaps would only repeat those problems and are not reported. `names`: the villages'
    short names by code, by which a gap (a problem of no feature) names its village.
    `left_out`: live regular grids the file leaves out; a gap mostly where they lie names them,
    since a grid dropped from the file, not a drawing error, is then what the user has to decide on.
    `retiring`: the codes among them an adjustment retires (left out on purpose): their area is then said
    to be left without a grid, to be covered by the neighbours.
    """
    by_village: dict[str, list[GridShape]] = defaultdict(list)
    for shape in shapes:
        by_village[shape.village_code].append(shape)
    problems = _overlaps(shapes)
    for code, members in by_village.items():
        boundary = villages.get(code)
        if boundary is not None:
            problems += _protrusions(members, boundary)
            if code not in incomplete:
                problems += _gaps(village_label(code, (names or {}).get(code)), members, boundary,
                                  [grid for grid in left_out if grid.village_code == code], retiring)
    return problems


def _overlaps(shapes: list[GridShape]) -> list[Problem]:
    if len(shapes) < 2:
        return []
    geometries = np.array([s.geometry for s in shapes], dtype=object)
    tree = shapely.STRtree(geometries)
    left, right = tree.query(geometries, predicate="intersects")
    keep = (left < right) & np.array([shapes[a].village_code == shapes[b].village_code
                                      for a, b in zip(left, right)], dtype=bool)
    left, right = left[keep], right[keep]
    overlaps = shapely.intersection(geometries[left], geometries[right])
    problems = []
    for a, b, overlap in zip(left, right, overlaps):
        area = area_m2(overlap)
        if area > AREA_TOLERANCE_M2:
            problems.append(Problem(shapes[a].feature, f"与{shapes[b].feature}重叠 {area:.1f} 平方米"
                                    "(同一村的基础网格不得重叠)", _point(overlap)))
    return problems


def outside_problems(shapes: list[GridShape], villages: dict[str, BaseGeometry | None]) -> list[Problem]:
    """Exclusive grids reaching beyond their village's boundary (where it has one): set up within the
    community (Art. 7(1)), and routed to before the regular grids, such a grid would take requests
    located elsewhere."""
    by_village: dict[str, list[GridShape]] = defaultdict(list)
    for shape in shapes:
        by_village[shape.village_code].append(shape)
    return [problem for code, members in by_village.items() if villages.get(code) is not None
            for problem in _protrusions(members, villages[code], "(专属网格设在所属城乡社区内,Art. 7)")]


def _protrusions(shapes: list[GridShape], boundary: BaseGeometry, note: str = "") -> list[Problem]:
    outside = shapely.difference(np.array([s.geometry for s in shapes], dtype=object), boundary)
    problems = []
    for shape, part in zip(shapes, outside):
        area = area_m2(part)
        if area > AREA_TOLERANCE_M2:
            problems.append(Problem(shape.feature, f"超出所属村(社区){shape.village_code}边界 {area:.1f} 平方米{note}",
                                    _point(part)))
    return problems


def village_label(code: str, name: str | None = None) -> str:
    """A village as messages name places: 侨北社区(450503103001), or 村(社区) 450503103001 without its name."""
    return f"{name}({code})" if name else f"村(社区) {code} "


def _gaps(village: str, shapes: list[GridShape], boundary: BaseGeometry,
          left_out: list[GridShape] = (), retiring: set[str] = frozenset()) -> list[Problem]:
    uncovered = boundary.difference(shapely.union_all([s.geometry for s in shapes]))
    problems = []
    for part in _parts(uncovered):
        area = area_m2(part)
        if area <= AREA_TOLERANCE_M2:
            continue
        overlaps = [(area_m2(grid.geometry.intersection(part)), grid) for grid in left_out]
        missing = [grid for overlap, grid in sorted(overlaps, key=lambda pair: -pair[0])
                   if overlap > AREA_TOLERANCE_M2]
        if missing and sum(overlap for overlap, _ in overlaps) >= area / 2:
            # Mostly where live grids lay: their names say more than a point, and they are what to decide on.
            problems.append(Problem(None, _left_uncovered(village, area, missing, retiring)))
        else:
            problems.append(Problem(None, f"{village}有 {area:.1f} 平方米未被基础网格覆盖"
                                    f"(容差 {AREA_TOLERANCE_M2:g} 平方米)", _point(part)))
    return problems


def _left_uncovered(village: str, area: float, grids: list[GridShape], retiring: set[str]) -> str:
    """A gap where live grids lay: those dropped from the file are to be kept or retired; those the adjustment
    retires leave their area to the neighbours (a village's regular grids cover it whole)."""
    def named(shapes: list[GridShape]) -> str:
        return "、".join(f"{grid.feature.name}({grid.feature.code})" for grid in shapes)

    dropped = [grid for grid in grids if grid.feature.code not in retiring]
    retired = [grid for grid in grids if grid.feature.code in retiring]
    said = []
    if dropped:
        said.append(f"{village}的在用网格{named(dropped)}不在申请文件中,其范围({area:.1f} 平方米)无基础网格覆盖;"
                    "要保留它,请把它补入网格文件;要撤销它,请让相邻网格覆盖其范围,并在申请中写明撤销")
    if retired:
        said.append(f"{village}要撤销的网格{named(retired)}撤销后,其范围({area:.1f} 平方米)无基础网格覆盖;"
                    "请在申请文件中让相邻网格覆盖其范围(扩大相邻网格的边界)后重新提出")
    return ";".join(said) + "(网格经调整申请变更,历史保留,Art. 6)"


def _parts(geometry: BaseGeometry) -> Iterable[BaseGeometry]:
    if geometry.is_empty:
        return []
    return [g for g in shapely.get_parts(geometry) if g.geom_type == "Polygon"]
