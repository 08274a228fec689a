"""Benchmark fixtures: `million_db`, an SQLite database with 1,000,000 cases over ~5,000 grids.

Built once with raw executemany (the ORM would take minutes) and cached under the pytest
cache folder, keyed by a hash of the migration files and BUILD, so a schema change (even an
edit of an existing revision) or a change here builds it afresh; stale copies are removed.
The data: the real Beihai tree; 5,000 grids under four townships; 24 departments; 1,000,000 cases received over the last two years in realistic states (recent
ones open, older ones almost all closed), each dispatched case with its lead assignment
(sign, due, signed, finished) and each closed case with its callback.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop import migrate
from desktop.db import Database
from desktop.models.enums import (
    AssignmentState,
    CallbackState,
    CaseState,
    Channel,
    MatterCategory,
    Satisfaction,
)
from desktop.services import reference
from desktop.services.security import Actor

BUILD = 1  # bump when the generator below changes
CASES = 1_000_000
GRIDS = 5_000
TOWNSHIPS = ("450503103000", "450502007000", "450502005000", "450503100000")
DEPARTMENTS_PER_TOWNSHIP = 6
NOW = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
SPAN_DAYS = 730
SEED = 20250901

_OPEN_MIX = [  # state of a case received in the last three weeks, with weights
    (CaseState.RECEIVED, 2), (CaseState.REGISTERED, 2), (CaseState.DISPATCHED, 6), (CaseState.SIGNED, 6),
    (CaseState.HANDLING, 14), (CaseState.EXTENSION_PENDING, 1), (CaseState.OBJECTION_PENDING, 1),
    (CaseState.REPORTED, 4), (CaseState.UNDER_REVIEW, 4), (CaseState.SENT_BACK, 1), (CaseState.REOPENED, 1),
    (CaseState.CLOSED, 30), (CaseState.RESOLVED_ON_SPOT, 8),
]
_OLD_MIX = [(CaseState.CLOSED, 88), (CaseState.RESOLVED_ON_SPOT, 9), (CaseState.ON_HOLD, 1),
            (CaseState.MERGED, 1), (CaseState.HANDLING, 1)]
_ASSIGNMENT_STATE = {
    CaseState.DISPATCHED: AssignmentState.DISPATCHED, CaseState.SIGNED: AssignmentState.SIGNED,
    CaseState.HANDLING: AssignmentState.HANDLING, CaseState.EXTENSION_PENDING: AssignmentState.EXTENSION_PENDING,
    CaseState.OBJECTION_PENDING: AssignmentState.OBJECTION_PENDING, CaseState.REPORTED: AssignmentState.REPORTED,
    CaseState.UNDER_REVIEW: AssignmentState.REPORTED, CaseState.SENT_BACK: AssignmentState.HANDLING,
    CaseState.REOPENED: AssignmentState.HANDLING, CaseState.ON_HOLD: AssignmentState.HANDLING,
    CaseState.CLOSED: AssignmentState.DONE,
}
_TITLES = ["噪音扰民", "路灯不亮", "占道经营", "垃圾清运不及时", "下水道堵塞", "邻里纠纷", "违章搭建", "渔船停泊纠纷",
           "供水中断", "停电", "道路破损", "流浪犬伤人隐患", "拖欠工资", "油烟扰民", "积水内涝"]


def _ts(moment: datetime) -> str:
    """SQLAlchemy's SQLite storage format for UTCDateTime (naive UTC)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def _weighted(mix):
    states, weights = zip(*mix)
    return list(states), list(weights)


def _build(path: Path) -> None:
    db = Database.connect(f"sqlite:///{path}")
    migrate.upgrade(db)
    reference.load_beihai_tree(db, Actor.system("benchmark"))
    db.dispose()
    rng = random.Random(SEED)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    now = _ts(NOW)
    places = {code: (pid, parent) for pid, code, parent in con.execute("SELECT id, code, parent_id FROM places")}
    villages = [(pid, code, places[tcode][0], places[tcode][1])
                for tcode in TOWNSHIPS
                for pid, code, parent in con.execute("SELECT id, code, parent_id FROM places WHERE parent_id = ?",
                                                     (places[tcode][0],))]

    # Grids: spread evenly over the villages of the four townships.
    grid_rows, grid_meta, grid_place = [], [], []
    next_id = con.execute("SELECT max(id) FROM places").fetchone()[0] + 1
    for n in range(GRIDS):
        village_id, village_code, township_id, county_id = villages[n % len(villages)]
        code = f"{village_code}{n // len(villages) + 1:03d}"
        grid_rows.append((next_id, code, f"第{n // len(villages) + 1}网格", f"网格{n + 1}", "grid", village_id, now, now))
        grid_meta.append((next_id, "regular", "active", 1, rng.randint(150, 400), rng.randint(400, 1200),
                          rng.randint(0, 20), 0, rng.randint(1, 3), now, now))
        grid_place.append((next_id, village_id, township_id, county_id))
        next_id += 1
    con.executemany("INSERT INTO places (id, code, short_name, name, level, parent_id, sort_order, synthetic, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?, ?)", grid_rows)
    con.executemany("INSERT INTO grids (place_id, kind, status, urban, households, residents, units, "
                    "village_groups, staff_quota, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    grid_meta)

    departments = []
    for t, tcode in enumerate(TOWNSHIPS):
        for d in range(DEPARTMENTS_PER_TOWNSHIP):
            departments.append((len(departments) + 1, f"BM-{t}-{d}", f"联动部门{t}-{d}", f"部门{t}-{d}",
                                "township", places[tcode][0], now, now))
    con.executemany("INSERT INTO departments (id, code, name, short_name, level, place_id, active, synthetic, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 1, ?, ?)", departments)

    departments_of: dict[int, list[int]] = {}
    for department in departments:
        departments_of.setdefault(department[5], []).append(department[0])
    open_states, open_weights = _weighted(_OPEN_MIX)
    old_states, old_weights = _weighted(_OLD_MIX)
    categories = list(MatterCategory)
    channels = list(Channel)
    satisfaction = [Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED]
    start = NOW - timedelta(days=SPAN_DAYS)
    seconds = SPAN_DAYS * 86400
    received = sorted(rng.randrange(seconds) for _ in range(CASES))
    sequence: dict[tuple[int, int], int] = {}
    cases, assignments, callbacks = [], [], []
    for case_id, offset in enumerate(received, start=1):
        at = start + timedelta(seconds=offset)
        recent = NOW - at < timedelta(days=21)
        state = rng.choices(open_states, open_weights)[0] if recent else rng.choices(old_states, old_weights)[0]
        grid_id, village_id, township_id, county_id = grid_place[rng.randrange(GRIDS)]
        urgent = rng.random() < 0.08
        due = at + (timedelta(hours=24) if urgent else timedelta(days=rng.choice((7, 7, 7, 21))))
        key = (township_id, at.year)
        sequence[key] = sequence.get(key, 0) + 1
        number = f"T{township_id:05d}-{at.year}-{sequence[key]:07d}"
        closed = state in (CaseState.CLOSED, CaseState.RESOLVED_ON_SPOT, CaseState.MERGED)
        closed_at = at + timedelta(hours=rng.randint(2, 24 * 12)) if closed else None
        if closed_at and closed_at > NOW:
            closed_at = NOW
        dispatched = state not in (CaseState.RECEIVED, CaseState.REGISTERED, CaseState.RESOLVED_ON_SPOT,
                                   CaseState.MERGED)
        cases.append((
            case_id, number, rng.choice(channels).value, rng.choice(_TITLES), "基准测试数据",
            rng.choice(categories).value, county_id, township_id, village_id, grid_id, state.value,
            int(urgent), "key" if state is not CaseState.CLOSED and rng.random() < 0.02 else "none",
            _ts(at), _ts(at), _ts(due) if state is not CaseState.RESOLVED_ON_SPOT else None,
            _ts(closed_at) if closed_at else None, case_id - 1 if state is CaseState.MERGED else None,
            "示例" if state is CaseState.ON_HOLD else None, f"13{rng.randrange(10**9):09d}", now, now,
        ))
        if dispatched:
            department = rng.choice(departments_of[township_id])
            signed = at + timedelta(hours=rng.randint(1, 30))
            a_state = _ASSIGNMENT_STATE[state]
            assignments.append((
                case_id, department, "lead", a_state.value, _ts(at), _ts(at + timedelta(days=1)),
                _ts(signed) if a_state is not AssignmentState.DISPATCHED and signed <= NOW else None,
                _ts(due), _ts(due), _ts(closed_at) if closed_at else None, now, now,
            ))
        if state is CaseState.CLOSED:
            done = rng.random() < 0.92
            callbacks.append((
                case_id, _ts(closed_at + timedelta(days=3)),
                (CallbackState.DONE if done else CallbackState.PENDING).value,
                _ts(closed_at + timedelta(days=rng.randint(0, 3))) if done else None,
                int(rng.random() < 0.9) if done else None,
                rng.choices(satisfaction, (70, 22, 8))[0].value if done else None,
            ))
    con.executemany(
        "INSERT INTO cases (id, number, channel, title, description, category, county_id, township_id, village_id, "
        "grid_id, state, urgent, supervision, received_at, registered_at, due_at, closed_at, merged_into_id, "
        "hold_reason, requester_phone, created_at, updated_at, level, reopen_count, synthetic, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'township', 0, 1, 1)", cases)
    con.executemany(
        "INSERT INTO assignments (case_id, department_id, role, state, dispatched_at, sign_due_at, signed_at, "
        "due_at, original_due_at, finished_at, created_at, updated_at, paused_seconds, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1)", assignments)
    con.executemany(
        "INSERT INTO callbacks (case_id, due_at, state, done_at, solved, satisfaction, outcome) "
        "VALUES (?, ?, ?, ?, ?, ?, 'none')", callbacks)
    con.commit()
    # No ANALYZE: a desk's SQLite file never has its statistics gathered (Database.gather_statistics), and
    # with them the planner had hidden a liaison's first page taking 35 s without them.
    # Leave it in the mode Database uses: switching later needs an exclusive lock, which a
    # second benchmark process reading the same file would block.
    con.execute("PRAGMA journal_mode=WAL")
    con.close()


def _schema_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((migrate.MIGRATIONS / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@pytest.fixture(scope="session")
def million_db(request):
    """The cached million-case SQLite database (read it; copy it before writing to it)."""
    folder = Path(request.config.cache.mkdir("griddesk-million"))
    path = folder / f"million-{migrate.head_revision()}-{_schema_hash()}-b{BUILD}.sqlite"
    if not path.exists():
        for stale in folder.glob("million-*.sqlite*"):  # a gigabyte each; a reader keeps its open copy
            stale.unlink()
        started = time.perf_counter()
        partial = path.with_suffix(f".{os.getpid()}.partial")  # two builds at once never share a file
        _build(partial)
        os.replace(partial, path)  # an interrupted build never passes for a finished one
        print(f"\nmillion_db: built {CASES:,} cases in {time.perf_counter() - started:.0f} s → {path}")
    db = Database.connect(f"sqlite:///{path}")
    yield db
    db.dispose()
