"""Open311 import of 100,000 requests (goal ≥ 50,000 rows/s), on each backend of the `db` fixture."""

import json
import os
import random
import time

import pytest
from sqlalchemy import func, select

import exchange_world as world
from desktop.models import Case, CaseEvent
from desktop.services.exchange import open311

COUNT = 100_000


def _requests(rng: random.Random) -> list[dict]:
    lo_lon, lo_lat = world.GRIDS[world.QIAOBEI + "001"][:2]
    hi_lon, hi_lat = world.GRIDS[world.QIAOBEI + "002"][2:]
    return [{
        "service_request_id": f"PLAT-{n:07d}", "status": "closed" if n % 5 == 0 else "open",
        "service_code": rng.choice(list(world.ITEMS)), "description": f"第 {n} 号诉求:路灯不亮,垃圾未清运",
        "requested_datetime": f"2026-03-{1 + n % 28:02d}T{n % 24:02d}:15:00+08:00",
        "updated_datetime": "2026-04-01T10:00:00+08:00", "expected_datetime": "2026-04-10T00:00:00+08:00",
        "address": "侨港镇侨北路", "lat": rng.uniform(lo_lat, hi_lat), "long": rng.uniform(lo_lon, hi_lon),
        "status_notes": "已处理" if n % 5 == 0 else "",
    } for n in range(COUNT)]


@pytest.mark.benchmark
def test_open311_import_throughput(db, system, tmp_path, backend):
    world.build(db, system)
    path = tmp_path / "requests.json"
    path.write_text("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in _requests(random.Random(7)))
                    + "\n]\n", encoding="utf-8")
    started = time.perf_counter()
    requests, problems = open311.parse_requests(path.read_text(encoding="utf-8"), path.name)
    parsed = time.perf_counter() - started
    assert len(requests) == COUNT and not problems

    started, cpu = time.perf_counter(), time.process_time()
    report = open311.import_file(db, system, path)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report.imported == COUNT
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == COUNT
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == COUNT
    print(f"\nOpen311 import on {backend}: {COUNT:,} requests in {seconds:.2f} s = {COUNT / seconds:,.0f} rows/s "
          f"(goal ≥ 50,000 rows/s; file {path.stat().st_size / 1e6:.1f} MB); reading and checking alone "
          f"{parsed:.2f} s = {COUNT / parsed:,.0f} rows/s; this process's CPU {cpu:.2f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
