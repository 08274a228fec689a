"""Read-only roster and place details for the roster panel (Art. 7–9, 12(2), 15)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.errors import PermissionDenied
from desktop.models import Grid, GridStaffRole, Person, Place
from desktop.models.enums import ExclusiveCategory, GridKind, PersonStatus, PlaceLevel, Role, StaffRole, StaffSource
from desktop.services import staff, users
from desktop.services.clock import beijing_today
from desktop.services.places import get_place

QIAOBEI = "450503103001"


@pytest.fixture
def staffed_db(db):
    """Two grids of 侨北社区; one person serves both; one role has ended."""
    today = beijing_today()
    with db.session() as session:
        village = get_place(session, QIAOBEI)
        g1 = Place(code=QIAOBEI + "001", name="侨北第一网格", short_name="侨北一", level=PlaceLevel.GRID, parent=village)
        g1.grid = Grid(kind=GridKind.REGULAR, households=300, residents=900, units=4)
        g2 = Place(code=QIAOBEI + "002", name="侨北市场网格", short_name="侨北市场", level=PlaceLevel.GRID, parent=village)
        g2.grid = Grid(kind=GridKind.EXCLUSIVE, exclusive_category=ExclusiveCategory.MARKET, households=20,
                       residents=50, units=30)
        head = Person(name="陈海", phone="13807791234")
        member = Person(name="黄丽", phone="13907795678", status=PersonStatus.ON_LEAVE)
        former = Person(name="李强", phone="13600000000")
        session.add_all([g1, g2, head, member, former])
        session.flush()
        session.add_all([
            GridStaffRole(person_id=head.id, grid_id=g1.id, role=StaffRole.GRID_HEAD,
                          source=StaffSource.COMMITTEE_MEMBER, start_on=today - timedelta(days=100)),
            GridStaffRole(person_id=head.id, grid_id=g2.id, role=StaffRole.GRID_HEAD,
                          source=StaffSource.COMMITTEE_MEMBER, start_on=today - timedelta(days=100)),
            GridStaffRole(person_id=member.id, grid_id=g1.id, role=StaffRole.GRID_MEMBER,
                          source=StaffSource.VOLUNTEER, start_on=today - timedelta(days=10)),
            GridStaffRole(person_id=former.id, grid_id=g1.id, role=StaffRole.GRID_MEMBER, source=StaffSource.HIRED,
                          start_on=today - timedelta(days=400), end_on=today - timedelta(days=30)),
        ])
        session.commit()
    return db


@pytest.mark.law("Art. 9")
def test_roster_of_a_grid_lists_serving_staff_with_role_source_and_published_phone(staffed_db, system):
    """Phones whole: Art. 14(2) has them published on the notice boards."""
    rows = staff.roster(staffed_db, system, QIAOBEI + "001")
    assert [(r.name, r.role, r.source, r.phone, r.status) for r in rows] == [
        ("陈海", StaffRole.GRID_HEAD, StaffSource.COMMITTEE_MEMBER, "13807791234", PersonStatus.ACTIVE),
        ("黄丽", StaffRole.GRID_MEMBER, StaffSource.VOLUNTEER, "13907795678", PersonStatus.ON_LEAVE),
    ]


def test_roster_of_a_village_covers_its_grids(staffed_db, system):
    rows = staff.roster(staffed_db, system, QIAOBEI)
    assert [(r.grid_name, r.name) for r in rows] == [("侨北一", "陈海"), ("侨北一", "黄丽"), ("侨北市场", "陈海")]
    assert staff.roster(staffed_db, system, "450502007001") == []


def test_details_of_a_village_sum_base_data_and_list_grids(staffed_db, system):
    d = staff.details(staffed_db, system, QIAOBEI)
    assert (d.households, d.residents, d.units, d.staff) == (320, 950, 34, 2)  # 陈海 counts once
    assert [(g.name, g.kind, g.staff) for g in d.grids] == [("侨北一", GridKind.REGULAR, 2),
                                                         ("侨北市场", GridKind.EXCLUSIVE, 1)]
    grid = staff.details(staffed_db, system, QIAOBEI + "002")
    assert (grid.kind, grid.category, grid.households, grid.staff) == (GridKind.EXCLUSIVE, "市场", 20, 1)
    township = staff.details(staffed_db, system, "450503103")
    assert township.grids == () and township.households == 320


@pytest.mark.law("Art. 15")
def test_roster_outside_the_actors_scope_is_refused(staffed_db, system):
    users.add_user(staffed_db, system, username="ym_op", display_name="驿马值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code="450502007000")
    other = users.login(staffed_db, "ym_op", "secret-123")
    with pytest.raises(PermissionDenied, match="Art. 15"):
        staff.roster(staffed_db, other, QIAOBEI)
    with pytest.raises(PermissionDenied):
        staff.details(staffed_db, other, QIAOBEI + "001")


@pytest.mark.law("Art. 14")
def test_grid_staff_phones_are_whole_for_the_centre_that_calls_them_and_masked_for_other_viewers(staffed_db,
                                                                                               system):
    """Art. 14(2) publishes them on the notice boards and the centre calls grid staff (Art. 17); an
    auditor or a liaison reads the roster without a table of whole mobiles (Art. 15(3))."""
    for username, role in (("qg_op", Role.OPERATOR), ("qg_audit", Role.AUDITOR)):
        users.add_user(staffed_db, system, username=username, display_name=username, password="secret-123",
                       role=role, scope_code="450503103000")
    phones = {username: [r.phone for r in staff.roster(staffed_db, users.actor_for(staffed_db, username), QIAOBEI + "001")]
              for username in ("qg_op", "qg_audit")}
    assert phones == {"qg_op": ["13807791234", "13907795678"], "qg_audit": ["138****1234", "139****5678"]}
