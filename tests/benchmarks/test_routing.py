"""Routing 1,000,000 points over 5,000 grids (goal: >= 500k points/s batch, < 1 ms per point)."""

from __future__ import annotations

import statistics
import time

import numpy as np
import pytest
import shapely

from desktop.models.enums import GridKind
from desktop.services.routing import NO_GRID, GridRouter, GridShape

POINTS = 1_000_000
COLUMNS, ROWS = 100, 45  # 4,500 regular grids tiling the area …
EXCLUSIVE = 500  # … and 500 exclusive grids lying over them
CELL = 0.005  # degrees (about 500 m)


def synthetic_grids(rng) -> list[GridShape]:
    """Irregular quadrilaterals tiling a 0.5° × 0.225° area near Beihai, plus small exclusive boxes."""
    jitter = rng.uniform(-0.3, 0.3, size=(COLUMNS + 1, ROWS + 1, 2)) * CELL
    jitter[0, :, 0] = jitter[-1, :, 0] = jitter[:, 0, 1] = jitter[:, -1, 1] = 0
    corner = lambda i, j: (109.0 + i * CELL + jitter[i, j, 0], 21.3 + j * CELL + jitter[i, j, 1])  # noqa: E731
    shapes = []
    for i in range(COLUMNS):
        for j in range(ROWS):
            ring = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)]
            shapes.append(GridShape(len(shapes) + 1, f"{len(shapes) + 1:015d}", GridKind.REGULAR,
                                    shapely.Polygon(ring).wkb))
    for lon, lat in zip(rng.uniform(109.0, 109.5, EXCLUSIVE), rng.uniform(21.3, 21.525, EXCLUSIVE)):
        shapes.append(GridShape(len(shapes) + 1, f"{len(shapes) + 1:015d}", GridKind.EXCLUSIVE,
                                shapely.box(lon, lat, lon + CELL / 3, lat + CELL / 3).wkb))
    return shapes


@pytest.mark.benchmark
def test_routing_throughput_and_latency():
    rng = np.random.default_rng(2025)
    started = time.perf_counter()
    router = GridRouter(synthetic_grids(rng))
    build = time.perf_counter() - started
    lons = rng.uniform(108.98, 109.52, POINTS)  # a margin outside the grids: some points are not routed
    lats = rng.uniform(21.28, 21.545, POINTS)

    started = time.perf_counter()
    router.route_many(lons[:10], lats[:10])  # builds the lattice
    lattice = time.perf_counter() - started
    batch = []
    for _ in range(3):
        started = time.perf_counter()
        routed = router.route_many(lons, lats)
        batch.append(time.perf_counter() - started)
    rate = POINTS / statistics.median(batch)

    singles = []
    for lon, lat in zip(lons[:5000], lats[:5000]):
        started = time.perf_counter()
        router.route(lon, lat)
        singles.append(time.perf_counter() - started)
    singles_ms = np.array(singles) * 1000

    print(f"\nrouting: {router.size} grids indexed in {build * 1000:.0f} ms (+ lattice {lattice * 1000:.0f} ms); "
          f"batch {POINTS:,} points: median {statistics.median(batch):.2f} s = {rate:,.0f} points/s "
          f"(goal >= 500,000); {int((routed == NO_GRID).sum()):,} outside every grid")
    print(f"routing: single point p50 {np.percentile(singles_ms, 50):.3f} ms, "
          f"p99 {np.percentile(singles_ms, 99):.3f} ms (goal < 1 ms)")
    assert routed[:1000].tolist() == [router.route(x, y) or NO_GRID for x, y in zip(lons[:1000], lats[:1000])]
