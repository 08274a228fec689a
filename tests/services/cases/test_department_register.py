"""The register of linked departments (Art. 5(5)): kept by the institution that compiles the matter
list (Art. 12(1)); retiring one is refused while the list (Art. 13), an open case (Art. 18) or a
line below still names it; its contacts are the guidance contact (Art. 13(4)) and the responsible
person for callbacks (Art. 20(3))."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from case_world import COUNTY, TOWNSHIP, actor
from desktop.cli import main as cli_main
from desktop.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, ChangeFeed, Liaison, MatterItem
from desktop.models.enums import DepartmentLevel, PlaceLevel, Role
from desktop.services import department_contacts, departments
from desktop.services.cases import dispatch
from desktop.services.departments import DepartmentDraft

ADMIN = actor("adm_yh", Role.COUNTY_ADMIN, COUNTY, PlaceLevel.COUNTY)  # compiles 银海区's list
CITY_ADMIN = actor("adm_bh", Role.CITY_ADMIN, "450500000000", PlaceLevel.CITY)


def _add_office(world, code="QG-SCJGS", name="侨港市场监管所", **kwargs):
    return departments.add_department(world.db, ADMIN, code=code, place_code=TOWNSHIP,
                                      draft=DepartmentDraft(name, kwargs.pop("short", "市场监管所"),
                                                            kwargs.pop("phone", "0779-3201234")), **kwargs)


@pytest.mark.law("Art. 12")
def test_a_county_registers_a_township_office_which_dispatch_then_offers(world):
    info = _add_office(world, parent_code="YH-SCJG")
    assert (info.level, info.place_name, info.parent_name, info.version) == (
        DepartmentLevel.TOWNSHIP, "侨港", "银海区市场监管局", 1)
    case = world.new_case(matter_item_id=world.items["food"]).case
    assert dispatch.suggest_departments(world.db, world.operator, case.id)[0].name == "侨港市场监管所"
    with world.db.session() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "departments.add")).one()
        assert audit.message == "新增联动部门:侨港市场监管所(乡镇(街道)级,侨港)" and audit.actor == "adm_yh"
        assert session.scalars(select(ChangeFeed.entity_id).where(ChangeFeed.topic == "departments")).all() == [info.id]


@pytest.mark.law("Art. 12")
def test_registering_is_refused_out_of_scope_or_with_bad_input(world):
    with pytest.raises(PermissionDenied, match="Art. 15"):  # a township does not compile the list
        departments.add_department(world.db, actor("adm_qg", Role.TOWNSHIP_ADMIN, TOWNSHIP, PlaceLevel.TOWNSHIP),
                                   code="QG-X", place_code=TOWNSHIP, draft=DepartmentDraft("侨港某所"))
    with pytest.raises(PermissionDenied):  # 海城区 is another county's
        departments.add_department(world.db, ADMIN, code="HC-X", place_code="450502000000",
                                   draft=DepartmentDraft("海城区某局"))
    with pytest.raises(ValidationFailed, match="村\\(社区\\)"):
        departments.add_department(world.db, ADMIN, code="QB-X", place_code="450503103001",
                                   draft=DepartmentDraft("侨北某站"))
    with pytest.raises(ValidationFailed, match="代码"):
        departments.add_department(world.db, ADMIN, code="派出所", place_code=TOWNSHIP, draft=DepartmentDraft("某所"))
    with pytest.raises(Conflict, match="QG-PCS 已被使用"):
        _add_office(world, code="QG-PCS")
    with pytest.raises(Conflict, match="侨港已有名为“侨港派出所”的部门:QG-PCS"):
        _add_office(world, name="侨港派出所")
    with pytest.raises(ValidationFailed) as bad:
        _add_office(world, name="", phone="call me")
    assert bad.value.problems == ["名称:必填,不超过 100 字", "办公电话:“call me”不是电话号码(数字,可含区号连字符,5–20 位)"]
    assert departments.list_departments(world.db, TOWNSHIP, include_retired=True)[-1].code == "QG-PCS"


def test_an_edit_from_a_stale_screen_is_refused_and_loses_nothing(world):
    seen = _add_office(world)
    departments.update_department(world.db, ADMIN, seen.code, DepartmentDraft("侨港镇市场监管所", "监管所", "0779-3209999"),
                                  expected_version=seen.version)
    with pytest.raises(Conflict, match="已被其他用户于 .* 修改,请重新载入"):
        departments.update_department(world.db, ADMIN, seen.code, DepartmentDraft("别的名字"),
                                      expected_version=seen.version)
    now = departments.get_department(world.db, seen.code)
    assert (now.name, now.short_name, now.phone, now.version) == ("侨港镇市场监管所", "监管所", "0779-3209999", 2)
    with pytest.raises(Conflict, match="侨港派出所"):
        departments.update_department(world.db, ADMIN, seen.code, DepartmentDraft("侨港派出所"), expected_version=2)


@pytest.mark.law("Art. 13")
def test_a_department_the_matter_list_names_is_not_retired(world):
    power = departments.get_department(world.db, "BH-GD")
    with pytest.raises(InvalidTransition, match="M09-01 停电抢修.*Art. 13"):
        departments.set_active(world.db, CITY_ADMIN, "BH-GD", False, expected_version=power.version)


@pytest.mark.law("Art. 18")
def test_a_department_with_open_cases_or_offices_below_is_not_retired(world):
    office = _add_office(world, parent_code="YH-SCJG")
    case = world.new_case(matter_item_id=world.items["food"]).case
    dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=office.id,
                      expected_version=case.version)
    with pytest.raises(InvalidTransition, match="尚有 1 件在办案件.*Art. 18"):
        departments.set_active(world.db, ADMIN, office.code, False, expected_version=None)
    with world.db.session() as session:  # the list names 市场监管局 for an item: move it to 城管 for this test
        session.get(MatterItem, world.items["food"]).department_id = world.departments["city_admin"]
        session.commit()
    with pytest.raises(InvalidTransition, match="侨港市场监管所以其为上级部门"):
        departments.set_active(world.db, ADMIN, "YH-SCJG", False, expected_version=None)


def test_a_retired_department_is_neither_listed_nor_offered_and_can_be_restored(world):
    office = _add_office(world)
    retired = departments.set_active(world.db, ADMIN, office.code, False, expected_version=office.version)
    assert not retired.active
    assert office.code not in {d.code for d in departments.list_departments(world.db, TOWNSHIP)}
    case = world.new_case(matter_item_id=world.items["food"]).case
    assert "侨港市场监管所" not in [s.name for s in dispatch.suggest_departments(world.db, world.operator, case.id)]
    with pytest.raises(ValidationFailed, match="已停用,不能作为上级部门"):
        departments.set_parent(world.db, ADMIN, "QG-PCS", office.code)
    with pytest.raises(InvalidTransition, match="已停用"):
        departments.set_active(world.db, ADMIN, office.code, False, expected_version=None)
    with pytest.raises(Conflict, match="已停用,可恢复启用"):
        _add_office(world, code="QG-SCJGS2")
    restored = departments.set_active(world.db, ADMIN, office.code, True, expected_version=retired.version)
    assert restored.active and restored.version == 3


@pytest.mark.law("Art. 20")
def test_contacts_are_kept_and_their_phones_masked_for_an_operator(world):
    department_contacts.add_contact(world.db, ADMIN, "QG-PCS", name="李警官", phone="13907791234", responsible=True)
    guide = department_contacts.add_contact(world.db, ADMIN, "QG-PCS", name="王指导", phone="0779-3201111",
                                            guidance=True)
    shown = department_contacts.contacts(world.db, ADMIN, "QG-PCS")
    assert [(c.name, c.phone, c.responsible, c.guidance) for c in shown] == [
        ("李警官", "13907791234", True, False), ("王指导", "0779-3201111", False, True)]
    assert [c.phone for c in department_contacts.contacts(world.db, world.operator, "QG-PCS")] == [
        "139****1234", "077*****1111"]
    changed = department_contacts.set_roles(world.db, ADMIN, guide.id, guidance=True, responsible=True)
    assert changed.responsible and changed.guidance
    with pytest.raises(PermissionDenied):
        department_contacts.add_contact(world.db, world.operator, "QG-PCS", name="张三", phone="13900000000")
    with pytest.raises(ValidationFailed, match="联系人信息有误"):
        department_contacts.add_contact(world.db, ADMIN, "QG-PCS", name="张三", phone="")
    department_contacts.remove_contact(world.db, ADMIN, guide.id)
    assert [c.name for c in department_contacts.contacts(world.db, ADMIN, "QG-PCS")] == ["李警官"]
    with pytest.raises(NotFound, match="已不存在"):
        department_contacts.remove_contact(world.db, ADMIN, guide.id)


@pytest.mark.law("Art. 13")
def test_the_guidance_contact_the_list_names_stays_until_the_next_version(world):
    guide = department_contacts.add_contact(world.db, CITY_ADMIN, "BH-GD", name="黄工", phone="13800001111",
                                            guidance=True)
    with world.db.session() as session:
        session.get(MatterItem, world.items["outage"]).guidance_contact_id = \
            session.get(Liaison, guide.id).person_id
        session.commit()
    with pytest.raises(Conflict, match="M09-01 停电抢修.*Art. 13"):
        department_contacts.remove_contact(world.db, CITY_ADMIN, guide.id)
    with pytest.raises(Conflict, match="不再担任业务指导人员"):
        department_contacts.set_roles(world.db, CITY_ADMIN, guide.id, guidance=False, responsible=True)
    assert [c.name for c in department_contacts.contacts(world.db, CITY_ADMIN, "BH-GD")] == ["黄工"]


def test_cli_keeps_the_register(world, capsys):
    url = world.db.engine.url.render_as_string(hide_password=False)
    as_admin = ["--db", url]  # the CLI acts as the system user; scope refusals are the services' tests
    assert cli_main([*as_admin, "departments", "add", "QG-WSY", "--place", TOWNSHIP, "--name", "侨港镇卫生院",
                     "--short", "卫生院", "--phone", "0779-3205555"]) == 0
    assert "已新增 QG-WSY\t乡镇(街道)级\t侨港\t侨港镇卫生院\t0779-3205555\t上级:—" in capsys.readouterr().out
    assert cli_main([*as_admin, "departments", "edit", "QG-WSY", "--phone", "0779-3206666"]) == 0
    assert departments.get_department(world.db, "QG-WSY").phone == "0779-3206666"
    assert cli_main([*as_admin, "departments", "contact-add", "QG-WSY", "--name", "周医生", "--phone", "13700001234",
                     "--responsible"]) == 0
    capsys.readouterr()
    assert cli_main([*as_admin, "departments", "contacts", "QG-WSY"]) == 0
    assert "\t周医生\t13700001234\t回访负责人" in capsys.readouterr().out
    assert cli_main([*as_admin, "departments", "retire", "QG-WSY"]) == 0
    assert "已停用 侨港镇卫生院(QG-WSY)" in capsys.readouterr().out
    assert cli_main([*as_admin, "departments", "list", "--under", TOWNSHIP]) == 0
    assert "QG-WSY" not in capsys.readouterr().out
    assert cli_main([*as_admin, "departments", "list", "--under", TOWNSHIP, "--all"]) == 0
    assert "侨港镇卫生院\t0779-3206666\t上级:—\t(已停用)" in capsys.readouterr().out
    assert cli_main([*as_admin, "departments", "retire", "BH-GD"]) == 1
    assert "M09-01" in capsys.readouterr().err


def test_the_screen_is_given_the_keeper_its_places_and_the_possible_parents(world):
    assert departments.keeper_of(world.db, "450503103001") == (COUNTY, "银海区")  # a village: its county
    assert departments.keeper_of(world.db, "450500000000") == ("450500000000", "北海市")
    places = departments.territories(world.db, COUNTY)
    assert places[0] == (COUNTY, "银海") and (TOWNSHIP, "侨港") in places
    assert all(code.startswith("450503") and code.endswith("000") for code, _ in places)
    assert len(departments.territories(world.db, "450500000000")) == 1 + 4 + 30  # city, counties, townships
    assert [d.code for d in departments.parent_choices(world.db, TOWNSHIP)] == ["BH-GD", "YH-CG", "YH-SCJG"]
    assert [d.code for d in departments.parent_choices(world.db, COUNTY)] == ["BH-GD"]
    assert departments.parent_choices(world.db, "450500000000") == []
