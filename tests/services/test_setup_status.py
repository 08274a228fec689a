"""What a township lacks before its center can work (grids Art. 6, staff Art. 9, a matter list in
force Art. 12–13, linked departments Art. 18): a fresh database lacks all of it."""

from datetime import timedelta

import pytest
from sqlalchemy import select

import exchange_world as world
from desktop.models import ChangeFeed, Department, GridStaffRole, Person
from desktop.models.enums import Role, StaffRole, StaffSource
from desktop.services import accounts, departments, users
from desktop.services.clock import beijing_today
from desktop.services.places import get_place
from desktop.services.setup_status import Missing, township_setup


@pytest.mark.law("Art. 6")
@pytest.mark.law("Art. 12")
def test_a_fresh_township_lacks_everything_and_each_step_set_up_drops_off(db, system):
    fresh = township_setup(db, world.QIAOGANG)
    assert fresh.township_name == "侨港镇"
    assert fresh.missing == (Missing.GRIDS, Missing.STAFF, Missing.MATTER_LIST, Missing.DEPARTMENTS, Missing.OPERATORS)
    assert township_setup(db, "450503000000") is None  # a county has no queue of its own to set up
    world.build(db, system)  # grids, a department, the city's published list
    assert township_setup(db, world.QIAOBEI).missing == (Missing.STAFF, Missing.OPERATORS)  # a village answers
    users.add_user(db, system, username="yh_op", display_name="银海值班员", password="duty-2026",
                   role=Role.OPERATOR, scope_code="450503000000")
    with db.session() as session:  # every desk hears of it, so that its set-up banner drops the line
        assert session.scalars(select(ChangeFeed.topic).order_by(ChangeFeed.id.desc())).first() == "users"
    accounts.set_active(db, system, "yh_op", False)
    # It takes nothing in; the county's account is not the township's to enable again: one is to be added.
    assert Missing.OPERATORS in township_setup(db, world.QIAOGANG).missing
    accounts.set_active(db, system, "yh_op", True)  # one on duty over the county takes the township's requests too
    assert township_setup(db, world.QIAOBEI).missing == (Missing.STAFF,)
    with db.session() as session:
        grid = get_place(session, world.QIAOBEI + "001")
        person = Person(name="陈海", phone="13807791234")
        session.add(person)
        session.flush()
        session.add(GridStaffRole(person_id=person.id, grid_id=grid.id, role=StaffRole.GRID_HEAD,
                                  source=StaffSource.COMMITTEE_MEMBER, start_on=beijing_today() - timedelta(days=400),
                                  end_on=beijing_today() - timedelta(days=1)))
        session.commit()
    assert township_setup(db, world.QIAOGANG).missing == (Missing.STAFF,)  # served once, nobody serves now
    with db.session() as session:
        role = session.scalars(select(GridStaffRole)).one()
        role.end_on = None
        session.commit()
    assert township_setup(db, world.QIAOGANG).missing == ()


@pytest.mark.law("Art. 18")
@pytest.mark.law("Art. 19")
def test_a_department_of_the_list_without_a_liaison_account_is_told_of_not_counted_missing(db, system):
    """Nobody can sign for its cases at a desk (Art. 18(1)): the center phones it, so it is said apart
    from what the township lacks; so is the office of its line below, where dispatch goes first."""
    world.build(db, system)  # the list names the township's 城管中队, which has no liaison account
    status = township_setup(db, world.QIAOGANG)
    assert [(d.code, d.name, d.place_code) for d in status.unsigned] == [("QG-CG", "侨港镇城管中队", world.QIAOGANG)]
    assert Missing.DEPARTMENTS not in status.missing
    with db.session() as session:
        named = session.scalar(select(Department).where(Department.code == "QG-CG"))
        office = Department(code="QG-CG-1", name="侨港镇城管中队一组", short_name="一组", level=named.level,
                            place_id=named.place_id, parent_id=named.id)
        elsewhere = Department(code="QG-ZZ", name="侨港镇综治中心", short_name="综治中心", level=named.level,
                               place_id=named.place_id)  # named by no item: dispatched to only by choice
        session.add_all([office, elsewhere])
        session.commit()
        named_id = named.id
    assert [d.code for d in township_setup(db, world.QIAOGANG).unsigned] == ["QG-CG", "QG-CG-1"]
    users.add_user(db, system, username="qg_cg", display_name="城管联络员", password="liaison-2026",
                   role=Role.LIAISON, scope_code=world.QIAOGANG, department_id=named_id)
    assert [d.code for d in township_setup(db, world.QIAOGANG).unsigned] == ["QG-CG-1"]
    signs = {d.code: d.signs_at_desk for d in departments.list_departments(db)}
    assert signs == {"QG-CG": True, "QG-CG-1": False, "QG-ZZ": False}
    assert departments.get_department(db, "QG-CG").signs_at_desk
    accounts.set_active(db, system, "qg_cg", False)  # a disabled account signs for nothing
    assert [d.code for d in township_setup(db, world.QIAOGANG).unsigned] == ["QG-CG", "QG-CG-1"]


def test_operators_all_disabled_are_named_to_re_enable_not_said_to_be_missing(db, system, capsys):
    """It had said 还没有值班员账号 and to add one, where the township's accounts were only disabled."""
    from desktop.cli import main as cli_main

    for name in ("qg_op2", "qg_op1"):
        users.add_user(db, system, username=name, display_name=name, password="duty-2026", role=Role.OPERATOR,
                       scope_code=world.QIAOGANG)
        accounts.set_active(db, system, name, False)
    status = township_setup(db, world.QIAOGANG)
    assert Missing.OPERATORS not in status.missing and Missing.OPERATORS_DISABLED in status.missing
    assert status.disabled_operators == ("qg_op1", "qg_op2")
    url = db.engine.url.render_as_string(hide_password=False)
    assert cli_main(["--db", url, "check", "--township", world.QIAOGANG]) == 1
    assert ("缺在用的值班员账号:值班员账号 qg_op1、qg_op2 都已停用;用 griddesk-admin users enable qg_op1 重新启用,"
            "或用 griddesk-admin users add NAME --role operator --scope 450503103 新增") in capsys.readouterr().out
    accounts.set_active(db, system, "qg_op2", True)
    status = township_setup(db, world.QIAOGANG)
    assert Missing.OPERATORS_DISABLED not in status.missing and status.disabled_operators == ()
