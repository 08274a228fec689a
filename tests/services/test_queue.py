"""The case queue service: filters, order, paging and scope, in SQL on both backends."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from desktop.models import Assignment, Case, Department, Grid, Place
from desktop.models.enums import (
    AssignmentRole,
    AssignmentState,
    CaseState,
    Channel,
    DepartmentLevel,
    GridKind,
    MatterCategory,
    PlaceLevel,
    Role,
    SupervisionLevel,
)
from desktop.services import queue, users
from desktop.services.places import get_place
from desktop.services.queue import QueueFilter, SortKey

NOW = datetime(2026, 3, 10, 4, 0, tzinfo=timezone.utc)  # 12:00 in Beijing
QIAOGANG, QIAOBEI, YIMA = "450503103000", "450503103001", "450502007000"


def _grid(session, village_code: str, suffix: str, name: str) -> Place:
    village = get_place(session, village_code)
    grid = Place(code=village.code + suffix, name=name, short_name=name, level=PlaceLevel.GRID, parent=village)
    grid.grid = Grid(kind=GridKind.REGULAR)
    session.add(grid)
    session.flush()
    return grid


def _case(session, number: str, place: Place, *, state=CaseState.DISPATCHED, due_hours=None,
          category=MatterCategory.DISPUTE, received_hours_ago=48, title="噪音扰民", supervision=SupervisionLevel.NONE,
          phone="13812341234"):
    chain = []
    node = place
    while node is not None:
        chain.append(node)
        node = node.parent
    by_level = {p.level: p for p in chain}
    grid, village = by_level.get(PlaceLevel.GRID), by_level.get(PlaceLevel.VILLAGE)
    session.add(Case(
        number=number, channel=Channel.HOTLINE_12345, title=title, description=title, category=category,
        county_id=by_level[PlaceLevel.COUNTY].id, township_id=by_level[PlaceLevel.TOWNSHIP].id,
        village_id=village.id if village else None, grid_id=grid.id if grid else None, state=state,
        supervision=supervision, requester_name="张三", requester_phone=phone,
        received_at=NOW - timedelta(hours=received_hours_ago),
        due_at=None if due_hours is None else NOW + timedelta(hours=due_hours),
    ))


@pytest.fixture
def cases_db(db):
    """Six cases in 侨港镇 (two grids of 侨北社区) and one in 驿马街道."""
    with db.session() as session:
        g1 = _grid(session, QIAOBEI, "001", "侨北第一网格")
        g2 = _grid(session, QIAOBEI, "002", "侨北第二网格")
        yima = get_place(session, YIMA)
        _case(session, "Q-1", g1, due_hours=-5)  # overdue by 5 hours
        _case(session, "Q-2", g1, due_hours=30, category=MatterCategory.LIVELIHOOD, title="路灯不亮")
        _case(session, "Q-3", g2, due_hours=2, supervision=SupervisionLevel.KEY)
        _case(session, "Q-4", g2, state=CaseState.CLOSED, due_hours=-100, received_hours_ago=200)
        _case(session, "Q-5", g2, state=CaseState.RECEIVED, due_hours=None, received_hours_ago=1)
        _case(session, "Q-6", g1, due_hours=-50, state=CaseState.HANDLING, title="占道经营")
        _case(session, "Y-1", yima, due_hours=10)
        session.commit()
    return db


def numbers(rows):
    return [r.number for r in rows]


def test_default_order_is_overdue_first_then_nearest_deadline_and_undated_last(cases_db, system):
    rows = queue.page(cases_db, system, QueueFilter(), 0, 50, now=NOW)
    assert numbers(rows) == ["Q-6", "Q-1", "Q-3", "Y-1", "Q-2", "Q-5"]  # Q-4 is closed
    assert queue.count(cases_db, system, QueueFilter(), now=NOW) == 6


def test_pages_do_not_overlap_and_cover_the_queue(cases_db, system):
    f = QueueFilter(states=frozenset())
    pages = [queue.page(cases_db, system, f, offset, 3, now=NOW) for offset in (0, 3, 6)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert sorted(n for p in pages for n in numbers(p)) == ["Q-1", "Q-2", "Q-3", "Q-4", "Q-5", "Q-6", "Y-1"]


def test_filters_by_subtree_state_category_overdue_supervision_and_text(cases_db, system):
    def found(**kw):
        return sorted(numbers(queue.page(cases_db, system, QueueFilter(**kw), 0, 50, now=NOW)))

    assert found(under=QIAOGANG) == ["Q-1", "Q-2", "Q-3", "Q-5", "Q-6"]
    assert found(under=QIAOBEI + "001") == ["Q-1", "Q-2", "Q-6"]
    assert found(under="450503") == ["Q-1", "Q-2", "Q-3", "Q-5", "Q-6"]
    assert found(under="450500") == ["Q-1", "Q-2", "Q-3", "Q-5", "Q-6", "Y-1"]
    assert found(states=frozenset({CaseState.CLOSED})) == ["Q-4"]
    assert found(categories=frozenset({MatterCategory.LIVELIHOOD})) == ["Q-2"]
    assert found(overdue_only=True) == ["Q-1", "Q-6"]
    assert found(overdue_only=True, states=frozenset()) == ["Q-1", "Q-6"]  # a closed case is never overdue
    assert found(supervised_only=True) == ["Q-3"]
    assert found(text="路灯") == ["Q-2"]
    assert found(text="Y-") == ["Y-1"]
    assert found(text="%") == []  # LIKE wildcards are taken literally


def test_sorting_by_columns_both_ways(cases_db, system):
    f = QueueFilter(under=QIAOGANG, sort=SortKey.RECEIVED)
    assert numbers(queue.page(cases_db, system, f, 0, 50, now=NOW))[-1] == "Q-5"
    assert numbers(queue.page(cases_db, system, f.with_(descending=True), 0, 50, now=NOW))[0] == "Q-5"
    by_number = queue.page(cases_db, system, f.with_(sort=SortKey.NUMBER, descending=True), 0, 50, now=NOW)
    assert numbers(by_number) == ["Q-6", "Q-5", "Q-3", "Q-2", "Q-1"]
    latest_deadline_first = queue.page(cases_db, system, f.with_(sort=SortKey.DEADLINE, descending=True), 0, 50, now=NOW)
    assert numbers(latest_deadline_first) == ["Q-2", "Q-3", "Q-1", "Q-6", "Q-5"]  # undated still last


def test_rows_carry_place_names_and_masked_phones(cases_db, system):
    rows = {r.number: r for r in queue.page(cases_db, system, QueueFilter(states=frozenset()), 0, 50, now=NOW)}
    assert rows["Q-1"].place_name == "侨北第一网格"
    assert rows["Y-1"].place_name == "驿马"
    assert rows["Q-1"].requester_phone == "138****1234"
    assert "13812341234" not in repr(rows)


def test_mask_phone():
    assert queue.mask_phone("13812341234") == "138****1234"
    assert queue.mask_phone("07792345678") == "077****5678"
    assert queue.mask_phone("12345") == "1****"
    assert queue.mask_phone(None) is None


def test_summary_counts_open_overdue_and_today(cases_db, system):
    s = queue.summary(cases_db, system, now=NOW)
    assert (s.open, s.overdue, s.received_today) == (6, 2, 1)
    s = queue.summary(cases_db, system, YIMA, now=NOW)
    assert (s.open, s.overdue, s.received_today) == (1, 0, 0)


@pytest.mark.law("Art. 15")
def test_queue_is_scoped_to_the_actors_view_grants(cases_db, system):
    users.add_user(cases_db, system, username="qg_op", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code=QIAOGANG)
    users.add_user(cases_db, system, username="city", display_name="市级管理员", password="secret-123",
                   role=Role.CITY_ADMIN, scope_code="450500")
    qg = users.login(cases_db, "qg_op", "secret-123")
    city = users.login(cases_db, "city", "secret-123")
    assert sorted(numbers(queue.page(cases_db, qg, QueueFilter(), 0, 50, now=NOW))) == ["Q-1", "Q-2", "Q-3", "Q-5", "Q-6"]
    assert queue.count(cases_db, qg, QueueFilter(under=YIMA), now=NOW) == 0
    assert queue.summary(cases_db, qg, now=NOW).open == 5
    assert queue.count(cases_db, city, QueueFilter(), now=NOW) == 6
    nobody = users.Actor(username="x", display_name="无权限")
    assert queue.count(cases_db, nobody, QueueFilter(), now=NOW) == 0


def test_a_whole_case_number_finds_that_case_and_a_part_still_matches(cases_db, system):
    def found(text):
        return sorted(numbers(queue.page(cases_db, system, QueueFilter(text=text, states=frozenset()), 0, 50, now=NOW)))

    assert found("Q-4") == ["Q-4"]  # the unique index, whatever the state filter
    assert found("Q-") == ["Q-1", "Q-2", "Q-3", "Q-4", "Q-5", "Q-6"]
    assert queue.count(cases_db, system, QueueFilter(text="Q-4"), now=NOW) == 0  # closed: not in the open queue


def test_state_order_keeps_the_nearest_deadline_first_within_a_state(cases_db, system):
    f = QueueFilter(under=QIAOGANG, sort=SortKey.STATE)
    rows = queue.page(cases_db, system, f, 0, 50, now=NOW)
    assert [(r.state, r.number) for r in rows] == [
        (CaseState.DISPATCHED, "Q-1"), (CaseState.DISPATCHED, "Q-3"), (CaseState.DISPATCHED, "Q-2"),
        (CaseState.HANDLING, "Q-6"), (CaseState.RECEIVED, "Q-5")]


def test_open_states_are_marked_rare_for_sqlites_planner_only(cases_db, system):
    from sqlalchemy import select
    from sqlalchemy.dialects import postgresql, sqlite

    from desktop.models import Case

    def sql(f, dialect):
        with cases_db.session() as session:
            return str(queue.filtered_select(session, system, f, select(Case.id), now=NOW).compile(dialect=dialect))

    assert "unlikely(cases.state IN" in sql(QueueFilter(), sqlite.dialect())
    assert "unlikely" not in sql(QueueFilter(states=frozenset({CaseState.CLOSED})), sqlite.dialect())
    assert "unlikely" not in sql(QueueFilter(supervised_only=True), postgresql.dialect())
    assert "NULLS LAST" in sql(QueueFilter(), postgresql.dialect())


def _order(session, number: str, due_hours: int, closed: bool = False):
    from desktop.models import SupervisionOrder

    case_id = session.query(Case.id).filter(Case.number == number).scalar()
    session.add(SupervisionOrder(case_id=case_id, level=SupervisionLevel.GENERAL, issued_at=NOW - timedelta(days=5),
                                 issued_by="值班长", due_at=NOW + timedelta(hours=due_hours), reason="督促办理",
                                 closed_at=NOW if closed else None))


def _unsigned_lead(session, number: str, *, due_hours: int, sign_due_hours: int) -> None:
    """A case of 侨北第一网格 dispatched to a department that has not signed for it."""
    grid = session.query(Place).filter(Place.code == QIAOBEI + "001").one()
    _case(session, number, grid, due_hours=due_hours)
    session.flush()
    township = get_place(session, QIAOGANG)
    department = Department(code=f"D-{number}", name=f"承办部门{number}", short_name=f"部门{number}", level=DepartmentLevel.TOWNSHIP,
                            place_id=township.id)
    session.add(department)
    session.flush()
    case_id = session.query(Case.id).filter(Case.number == number).scalar()
    session.add(Assignment(case_id=case_id, department_id=department.id, role=AssignmentRole.LEAD,
                           state=AssignmentState.DISPATCHED, dispatched_at=NOW - timedelta(hours=30),
                           sign_due_at=NOW + timedelta(hours=sign_due_hours), due_at=NOW + timedelta(hours=due_hours),
                           original_due_at=NOW + timedelta(hours=due_hours)))


@pytest.mark.law("Art. 18")
@pytest.mark.law("Art. 20")
def test_the_cases_due_for_key_supervision_are_a_queue_filter(cases_db, system):
    with cases_db.session() as session:
        session.query(Case).filter(Case.number == "Q-2").update({"reopen_count": 1})  # reopened, then redone
        _order(session, "Y-1", due_hours=-3)  # a 督办 order past its deadline
        _order(session, "Q-5", due_hours=-3, closed=True)  # one closed is not
        session.query(Case).filter(Case.number == "Q-1").update({"supervision": SupervisionLevel.KEY})
        _unsigned_lead(session, "Q-7", due_hours=40, sign_due_hours=-2)  # overdue: no department signed for it
        _unsigned_lead(session, "Q-8", due_hours=40, sign_due_hours=3)
        session.commit()
    f = QueueFilter(key_supervision_due=True)
    # Q-1 is overdue but under key supervision already; are neither overdue nor reopened.
    assert numbers(queue.page(cases_db, system, f, 0, 50, now=NOW)) == ["Q-7", "Q-6", "Y-1", "Q-2"]
    assert queue.count(cases_db, system, f, now=NOW) == 4
    assert numbers(queue.page(cases_db, system, f.with_(under=QIAOGANG), 0, 50, now=NOW)) == ["Q-7", "Q-6", "Q-2"]


@pytest.mark.law("Art. 16")
def test_the_triage_list_is_a_queue_filter_as_the_intake_service_lists_it(cases_db, system):
    """Cases taken in outside every grid wait for a grid on the township's triage list (待分拨清单);
    the queue shows just them."""
    from desktop.services.cases import intake

    with cases_db.session() as session:
        township = get_place(session, QIAOGANG)
        _case(session, "Q-7", township, state=CaseState.RECEIVED, received_hours_ago=3)  # no location
        _case(session, "Q-8", township, state=CaseState.REGISTERED, received_hours_ago=2)  # taken over at the township
        session.commit()
    f = QueueFilter(unrouted=True, states=frozenset({CaseState.RECEIVED}))
    # Q-5 was received in a grid; Y-1 lies in 驿马街道, with no grid either but already dispatched.
    assert numbers(queue.page(cases_db, system, f, 0, 50, now=NOW)) == ["Q-7"]
    assert queue.count(cases_db, system, f.with_(under=QIAOGANG), now=NOW) == 1
    assert [c.number for c in intake.triage_list(cases_db, system, QIAOGANG)] == ["Q-7"]


@pytest.mark.law("Art. 20")
def test_a_row_says_when_a_supervision_order_is_past_its_own_deadline(cases_db, system):
    with cases_db.session() as session:
        _order(session, "Q-3", due_hours=-1)
        _order(session, "Q-2", due_hours=5)
        _order(session, "Y-1", due_hours=-1, closed=True)
        session.commit()
    rows = {r.number: r for r in queue.page(cases_db, system, QueueFilter(), 0, 50, now=NOW)}
    assert {n for n, r in rows.items() if r.supervision_overdue(NOW)} == {"Q-3"}
    # The row holds the order's deadline: a row on screen turns overdue on the clock, without asking again.
    assert {n for n, r in rows.items() if r.supervision_overdue(NOW + timedelta(hours=6))} == {"Q-3", "Q-2"}
    assert rows["Q-2"].supervision_due_at == NOW + timedelta(hours=5)


@pytest.mark.parametrize("states", [None, frozenset({AssignmentState.HANDLING})], ids=["open", "own-state"])
def test_a_liaisons_queue_joins_its_share_through_the_one_running_share_index(sqlite_db, states):
    """Over 1,000,000 cases a liaison's first page took 35 s on SQLite: with the running states bound as values,
    SQLite could not use the partial unique index (one running share per case and department) and read all of
    the department's running shares for every case. Planned from the schema alone, as a desk's file is (no
    statistics gathered on SQLite)."""
    from sqlalchemy import event

    from desktop.models.enums import PlaceLevel
    from desktop.services.security import Actor, Grant, Role

    liaison = Actor("l", "l", (Grant(Role.LIAISON, "450503103000", PlaceLevel.TOWNSHIP, 7),), department_id=3)
    plans = []

    @event.listens_for(sqlite_db.engine, "before_cursor_execute")
    def explain(conn, cursor, statement, params, context, many):
        if statement.lstrip().startswith("SELECT") and "own_share" in statement:
            plans.extend(row[3] for row in cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, params)
                         if "own_share" in row[3])

    f = QueueFilter() if states is None else QueueFilter(own_states=states)
    queue.page(sqlite_db, liaison, f, 0, 50)
    queue.summary(sqlite_db, liaison)
    assert plans and all("uq_assignments_one_active_per_department" in plan for plan in plans), plans


def test_position_finds_a_case_wherever_it_falls_in_the_filtered_queue(cases_db, system):
    """A case just taken in is chosen in the queue: past the pages a desk has loaded, its row is looked up; a case
    the filter leaves out has none."""
    f = QueueFilter()
    order = numbers(queue.page(cases_db, system, f, 0, 50, now=NOW))
    with cases_db.session() as session:
        ids = dict(session.query(Case.number, Case.id).all())
    assert [queue.position(cases_db, system, f, ids[n], now=NOW) for n in order] == [
        queue.Placed(listed=True, row=row) for row in range(len(order))]
    left_out = queue.Placed(listed=False)
    assert queue.position(cases_db, system, f, ids["Q-4"], now=NOW) == left_out  # closed: not in the open queue
    assert queue.position(cases_db, system, f.with_(under=YIMA), ids["Q-1"], now=NOW) == left_out
    # Listed, beyond the rows read: not to be told as left out by the filter.
    assert queue.position(cases_db, system, f, ids["Q-5"], now=NOW, within=3) == queue.Placed(listed=True, row=None)
    by_title = f.with_(sort=SortKey.TITLE, descending=True)
    titled = numbers(queue.page(cases_db, system, by_title, 0, 50, now=NOW))
    assert queue.position(cases_db, system, by_title, ids[titled[-1]], now=NOW).row == len(titled) - 1
