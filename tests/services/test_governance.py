"""Key governance of recurring problems, tracked to closure (Art. 22)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import select, update
from test_evaluation import Builder, bj
from test_hotspots import DISPUTE, G1, G2, add_cases, near

from desktop.cli import main as cli_main
from desktop.errors import InvalidTransition, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Case, Department, Place
from desktop.models.enums import AuditOutcome, DepartmentLevel, GovernanceState, Role
from desktop.services import governance, places, users

TODAY = date(2026, 11, 1)


@pytest.fixture
def proposed(db, system):
    for code, name in ((G1, "一网格"), (G2, "二网格")):
        places.create_grid(db, system, village_code=code[:12], code=code, name=name)
    ids = add_cases(db, [(G1, DISPUTE, bj(10, d), {"lonlat": near(60 * d)}) for d in range(1, 7)])
    with db.session() as session:
        dept = Builder(session).department("D1", "市城管局")
        session.commit()
        dept_id = dept.id
    items = governance.propose_recurring(db, system, as_of=bj(10, 31))
    return db, items, ids, dept_id


@pytest.mark.law("Art. 22")
def test_recurring_problem_is_proposed_once_with_its_cases(proposed, system):
    db, items, ids, _ = proposed
    assert len(items) == 1
    item = items[0]
    assert item.state is GovernanceState.PROPOSED and item.category is DISPUTE
    assert item.case_ids == tuple(ids) and item.place_code == "450502001000"
    assert item.radius_m == 500 and item.window_start == bj(10, 1)
    assert "6 件" in item.description
    assert governance.propose_recurring(db, system, as_of=bj(10, 31)) == []  # already under governance


@pytest.mark.law("Art. 22")
def test_items_of_one_category_say_where_how_many_and_when(db, system):
    for code, name in ((G1, "一网格"), (G2, "二网格")):
        places.create_grid(db, system, village_code=code[:12], code=code, name=name)
    west = add_cases(db, [(G1, DISPUTE, bj(10, d), {"lonlat": near(60 * d)}) for d in range(1, 7)])
    east = add_cases(db, [(G1 if d == 14 else G2, DISPUTE, bj(10, d), {"lonlat": near(3000 + 50 * d)})
                          for d in range(10, 15)])
    with db.session() as session:
        session.execute(update(Case).where(Case.id.in_(east)).values(address="侨港镇北部湾路18号"))
        session.commit()
    items = {item.case_ids: item for item in governance.propose_recurring(db, system, as_of=bj(10, 31))}
    assert set(items) == {tuple(west), tuple(east)}  # two spots, each case proposed once
    first, second = items[tuple(west)], items[tuple(east)]
    assert first.title == f"一网格一带{DISPUTE.label}问题反复发生"
    assert second.title == f"二网格一带{DISPUTE.label}问题反复发生"
    assert first.description.startswith("2026-10-01 至 2026-10-06,") and "一网格 6 件)" in first.description
    assert second.description.startswith("2026-10-10 至 2026-10-14,以东经 109.1") and "(侨港镇北部湾路18号)" in second.description
    assert f"收到{DISPUTE.label}诉求 5 件(二网格 4 件、一网格 1 件)" in second.description
    assert second.window_dates() == (date(2026, 10, 10), date(2026, 10, 14))
    out = io.StringIO()
    assert cli_main(["--db", db.engine.url.render_as_string(hide_password=False), "governance", "list"], out=out) == 0
    rows = out.getvalue().splitlines()[1:3]  # below the header
    assert f"2026-10-01 至 2026-10-06  中心 {first.center_lon:.5f},{first.center_lat:.5f}" in rows[0]
    assert f"2026-10-10 至 2026-10-14  中心 {second.center_lon:.5f},{second.center_lat:.5f}" in rows[1]
    assert rows[0].endswith(first.title) and rows[1].endswith(second.title)


@pytest.mark.law("Art. 22")
def test_cases_of_a_dismissed_or_closed_item_are_not_proposed_again(proposed, system):
    db, items, ids, dept_id = proposed
    governance.dismiss(db, system, items[0].id, "同一纠纷的重复来电")
    assert governance.propose_recurring(db, system, as_of=bj(10, 31)) == []
    later = add_cases(db, [(G1, DISPUTE, bj(10, d), {"lonlat": near(60 * (d - 20))}) for d in range(21, 26)])
    [recurred] = governance.propose_recurring(db, system, as_of=bj(10, 31))
    assert recurred.case_ids == tuple(later)  # the same spot again, by the new cases only
    governance.accept(db, system, recurred.id, owner_department_id=dept_id, review_on=TODAY, today=TODAY)
    governance.close(db, system, recurred.id, "增设夜间巡查")
    assert governance.propose_recurring(db, system, as_of=bj(10, 31)) == []


@pytest.mark.law("Art. 22")
def test_lifecycle_accept_reassign_close(proposed, system):
    db, items, _, dept_id = proposed
    item_id = items[0].id
    with pytest.raises(InvalidTransition, match="建议治理"):
        governance.close(db, system, item_id, "已整治")
    with pytest.raises(ValidationFailed) as bad:
        governance.accept(db, system, item_id, owner_department_id=999, review_on=date(2026, 10, 1), today=TODAY)
    assert len(bad.value.problems) == 2
    accepted = governance.accept(db, system, item_id, owner_department_id=dept_id, review_on=date(2026, 11, 15),
                                 owner_name="李科长", today=TODAY)
    assert (accepted.state, accepted.owner_department_name, accepted.review_on) == (
        GovernanceState.ACCEPTED, "市城管局", date(2026, 11, 15))
    assert accepted.review_due(date(2026, 11, 15)) and not accepted.review_due(date(2026, 11, 14))
    later = governance.reassign(db, system, item_id, owner_department_id=dept_id, review_on=date(2026, 12, 1),
                                today=TODAY)
    assert later.review_on == date(2026, 12, 1)
    with pytest.raises(ValidationFailed, match="治理情况"):
        governance.close(db, system, item_id, "  ")
    closed = governance.close(db, system, item_id, "增设夜间巡查,纠纷源头已化解")
    assert closed.state is GovernanceState.CLOSED and closed.closed_at is not None
    assert [i.state for i in governance.list_items(db, system)] == [GovernanceState.CLOSED]
    with db.session() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("governance.%"))
                                       .order_by(AuditEntry.id)))
    assert actions == ["governance.propose_recurring", "governance.accept", "governance.reassign", "governance.close"]


def test_dismiss_and_manual_proposal(proposed, system):
    db, items, ids, _ = proposed
    dismissed = governance.dismiss(db, system, items[0].id, "同一纠纷的重复来电")
    assert dismissed.state is GovernanceState.DISMISSED and dismissed.closing_note == "同一纠纷的重复来电"
    with pytest.raises(InvalidTransition):
        governance.accept(db, system, items[0].id, owner_department_id=1, review_on=TODAY, today=TODAY)
    with pytest.raises(ValidationFailed) as bad:
        governance.propose(db, system, place_code="450503103000", category=DISPUTE, title="侨港纠纷",
                           case_ids=[ids[0], 99999])
    assert bad.value.problems == [f"诉求 {ids[0]}:不在 侨港 范围内", "诉求 99999:不存在"]
    manual = governance.propose(db, system, place_code="450502001000", category=DISPUTE, title="塘仔里纠纷",
                                case_ids=[ids[1], ids[0]])
    assert manual.case_ids == (ids[0], ids[1]) and manual.state is GovernanceState.PROPOSED


@pytest.mark.law("Art. 15")
def test_another_townships_supervisor_is_refused_and_audited(proposed, system):
    db, items, _, dept_id = proposed
    users.add_user(db, system, username="qg_sup", display_name="侨港值班长", password="secret-123",
                   role=Role.SUPERVISOR, scope_code="450503103000")
    outsider = users.login(db, "qg_sup", "secret-123")
    with pytest.raises(PermissionDenied, match="Art. 15"):
        governance.dismiss(db, outsider, items[0].id, "越权")
    assert governance.list_items(db, outsider) == []
    with db.session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (last.action, last.outcome) == ("governance.dismiss", AuditOutcome.DENIED)


@pytest.mark.law("Art. 22")
def test_owner_departments_are_those_of_the_items_area_and_above_nearest_first(proposed, system):
    db, items, _, city_dept = proposed
    with db.session() as session:
        def department(code, name, level, place_code):
            place = session.scalars(select(Place).where(Place.code == place_code)).one()
            dept = Department(code=code, name=name, short_name=name, level=level, place_id=place.id)
            session.add(dept)
            session.flush()
            return dept.id

        township = department("T1", "本镇综治中心", DepartmentLevel.TOWNSHIP, items[0].place_code[:9] + "000")
        county = department("C1", "本区住建局", DepartmentLevel.COUNTY, items[0].place_code[:6] + "000000")
        elsewhere = department("T2", "他镇综治中心", DepartmentLevel.TOWNSHIP, "450503103000")
        session.commit()
    assert governance.owner_departments(db, system, items[0].id) == [
        (township, "本镇综治中心"), (county, "本区住建局"), (city_dept, "市城管局")]
    # The service holds to the same choice, whoever calls it (the command line takes an id).
    with pytest.raises(ValidationFailed, match="责任部门"):
        governance.accept(db, system, items[0].id, owner_department_id=elsewhere, review_on=TODAY, today=TODAY)
    assert governance.accept(db, system, items[0].id, owner_department_id=county, review_on=TODAY,
                             today=TODAY).owner_department_name == "本区住建局"
