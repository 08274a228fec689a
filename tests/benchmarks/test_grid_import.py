"""Benchmark: importing 5,000 grid polygons with full validation (rings, overlaps, protrusions, gaps)."""

from __future__ import annotations

import time

import pytest

from desktop.models.enums import PlaceLevel
from desktop.services import grids, places
from desktop.services.geo import geojson_io, synthetic

VILLAGES, ROWS, COLS = 250, 4, 5  # 5,000 regular grids
SIDE_M = 1500


@pytest.mark.benchmark
def test_import_5000_grids_with_validation(db, system, backend):
    villages = places.list_places(db, level=PlaceLevel.VILLAGE)[:VILLAGES]
    boundaries, features = [], []
    for n, village in enumerate(villages):
        square = synthetic.square(109.0 + (n % 25) * 0.016, 21.3 + (n // 25) * 0.015, SIDE_M)
        boundaries.append(geojson_io.feature(square, {"code": village.code}))
        features += synthetic.grid_features(village.code, village.short_name, square, ROWS, COLS)
    grids.import_boundaries(db, system, geojson_io.collection(boundaries))
    collection = geojson_io.collection(features)

    start = time.perf_counter()
    specs, problems = grids.read_grid_set(collection)
    read_s = time.perf_counter() - start
    assert problems == [] and len(specs) == len(features)

    start = time.perf_counter()
    grids.import_grids(db, system, collection, dry_run=True)
    check_s = time.perf_counter() - start

    start = time.perf_counter()
    result = grids.import_grids(db, system, collection)
    total_s = time.perf_counter() - start
    assert result.grids == len(features) == 5000

    bad = [dict(f, properties=dict(f["properties"])) for f in features]
    bad[-1]["properties"]["kind"] = "?"
    start = time.perf_counter()
    with pytest.raises(Exception):
        grids.import_grids(db, system, geojson_io.collection(bad))
    refuse_s = time.perf_counter() - start

    print(f"\n[{backend}] {len(features)} grids in {VILLAGES} villages: "
          f"read+ring checks {read_s:.2f} s; full validation (dry run) {check_s:.2f} s; "
          f"validated import {total_s:.2f} s = {len(features) / total_s:.0f} grids/s; "
          f"refusal of a bad file {refuse_s:.2f} s")
