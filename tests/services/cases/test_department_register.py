"""The register of linked departments (Art. 5(5)): kept by the institution that compiles the matter
list (Art. 12(1)); retiring one is refused while the list (Art. 13), an open case (Art. 18) or a
line below still names it; its contacts are the guidance contact (Art. 13(4)) and the responsible
person for callbacks (Art. 20(3))."""

from __future__ import annotations

import re
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from case_world import COUNTY, TOWNSHIP, actor
from desktop.cli import main as cli_main
from desktop.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from desktop.models import Assignment, AuditEntry, ChangeFeed, Department, Liaison, MatterItem
from desktop.models.enums import DepartmentLevel, MatterCategory, PlaceLevel, Role
from desktop.services import department_contacts, departments, users
from desktop.services.clock import beijing_text
from desktop.services.cases import dispatch
from desktop.services.department_use import use_departments
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
    assert [d.code for d in departments.list_departments(world.db, include_retired=True)] == [
        "BH-GD", "HC-ZJ", "QG-PCS", "YH-CG", "YH-SCJG"]  # nothing was registered


def saved_at(db, code):
    with db.session() as session:
        return session.scalars(select(Department.updated_at).where(Department.code == code)).one()


def test_an_edit_from_a_stale_screen_is_refused_naming_who_and_loses_nothing(world):
    """The refusal said "已被其他用户于 … 修改": the administrator could not tell whom to ask about the change."""
    seen = _add_office(world)
    other = actor("adm_yh2", Role.COUNTY_ADMIN, COUNTY, PlaceLevel.COUNTY)
    saved = departments.update_department(world.db, other, seen.code,
                                          DepartmentDraft("侨港镇市场监管所", "监管所", "0779-3209999"),
                                          expected_version=seen.version)
    with pytest.raises(Conflict) as refused:
        departments.update_department(world.db, ADMIN, seen.code, DepartmentDraft("别的名字"),
                                      expected_version=seen.version)
    assert refused.value.message == (f"联动部门 侨港镇市场监管所 已被 adm_yh2 于 "
                                     f"{beijing_text(saved_at(world.db, seen.code), '%m-%d %H:%M')} 修改,请重新载入")
    departments.update_department(world.db, ADMIN, seen.code, DepartmentDraft("侨港镇市场监管所", "监管所", "0779-3208888"),
                                  expected_version=saved.version)  # on the version now shown, it is saved
    with pytest.raises(Conflict, match="联动部门 侨港镇市场监管所 已被 adm_yh 于 "):
        departments.set_active(world.db, other, seen.code, False, expected_version=saved.version)
    now = departments.get_department(world.db, seen.code)
    assert (now.name, now.short_name, now.phone, now.version, now.active) == (
        "侨港镇市场监管所", "监管所", "0779-3208888", 3, True)
    with pytest.raises(Conflict, match="侨港派出所"):
        departments.update_department(world.db, ADMIN, seen.code, DepartmentDraft("侨港派出所"), expected_version=3)


@pytest.mark.law("Art. 13")
def test_an_edit_of_a_department_removed_meanwhile_says_it_is_gone(world):
    """A desk's save on a department removed meanwhile was told to look the code up on the command line."""
    seen = _add_office(world)
    with world.db.session() as session:
        session.delete(session.scalars(select(Department).where(Department.code == seen.code)).one())
        session.commit()
    with pytest.raises(NotFound) as gone:
        departments.update_department(world.db, ADMIN, seen.code, DepartmentDraft("别的名字"),
                                      expected_version=seen.version)
    assert gone.value.message == "联动部门 QG-SCJGS 已不存在(可能已在其他桌面上删除),所作修改未保存;请重新载入"
    with pytest.raises(NotFound, match="griddesk-admin departments list"):  # a code given on the command line
        departments.set_active(world.db, ADMIN, seen.code, False, expected_version=None)


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
    changed = department_contacts.set_roles(world.db, ADMIN, guide.id, guidance=True, responsible=True,
                                            seen=(True, False))
    assert changed.responsible and changed.guidance
    with pytest.raises(Conflict, match="王指导的职责已被其他用户修改"):  # a second desktop that saw the old duties
        department_contacts.set_roles(world.db, ADMIN, guide.id, guidance=True, responsible=False, seen=(True, False))
    assert department_contacts.contacts(world.db, ADMIN, "QG-PCS")[0].name == "王指导"  # kept both duties
    with pytest.raises(PermissionDenied):
        department_contacts.add_contact(world.db, world.operator, "QG-PCS", name="张三", phone="13900000000")
    with pytest.raises(ValidationFailed, match="联系人信息有误"):
        department_contacts.add_contact(world.db, ADMIN, "QG-PCS", name="张三", phone="")
    department_contacts.remove_contact(world.db, ADMIN, guide.id)
    assert [c.name for c in department_contacts.contacts(world.db, ADMIN, "QG-PCS")] == ["李警官"]
    with pytest.raises(NotFound, match="联系人 [0-9]+ 不存在"):
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
        department_contacts.set_roles(world.db, CITY_ADMIN, guide.id, guidance=False, responsible=True, seen=None)
    assert [c.name for c in department_contacts.contacts(world.db, CITY_ADMIN, "BH-GD")] == ["黄工"]


def test_cli_keeps_the_register(world, capsys):
    url = world.db.engine.url.render_as_string(hide_password=False)
    as_admin = ["--db", url]  # the CLI acts as the system user; scope refusals are the services' tests
    assert cli_main([*as_admin, "departments", "add", "QG-WSY", "--place", TOWNSHIP, "--name", "侨港镇卫生院",
                     "--short", "卫生院", "--phone", "0779-3205555"]) == 0
    assert re.search(r"^QG-WSY +乡镇\(街道\)级 +侨港 +侨港镇卫生院 +0779-3205555 +— +无联络员账号,须电话通知$", capsys.readouterr().out, re.M)
    assert cli_main([*as_admin, "departments", "edit", "QG-WSY", "--phone", "0779-3206666"]) == 0
    assert departments.get_department(world.db, "QG-WSY").phone == "0779-3206666"
    assert cli_main([*as_admin, "departments", "contact-add", "QG-WSY", "--name", "周医生", "--phone", "13700001234",
                     "--responsible"]) == 0
    capsys.readouterr()
    assert cli_main([*as_admin, "departments", "contacts", "QG-WSY"]) == 0
    assert re.search(r"^\d+ +周医生 +13700001234 +回访负责人$", capsys.readouterr().out, re.M)
    assert cli_main([*as_admin, "departments", "retire", "QG-WSY"]) == 0
    assert "已停用 侨港镇卫生院(QG-WSY)" in capsys.readouterr().out
    assert cli_main([*as_admin, "departments", "list", "--under", TOWNSHIP]) == 0
    assert "QG-WSY" not in capsys.readouterr().out
    assert cli_main([*as_admin, "departments", "list", "--under", TOWNSHIP, "--all"]) == 0
    out = capsys.readouterr().out
    assert out.split()[6:8] == ["桌面签收", "状态"]
    assert re.search(r"侨港镇卫生院 +0779-3206666 +— +无联络员账号,须电话通知 +已停用$", out, re.M)
    assert cli_main([*as_admin, "departments", "retire", "BH-GD"]) == 1
    assert "M09-01" in capsys.readouterr().err


def test_the_cli_list_says_which_departments_nobody_signs_for_at_a_desk(world, system, capsys):
    """Art. 18(1): a department without a liaison account is phoned of each case dispatched to it."""
    users.add_user(world.db, system, username="pcs_liaison", display_name=None, password="secret-123",
                   role=Role.LIAISON, scope_code=TOWNSHIP, department_id=users.department_id(world.db, "QG-PCS"))
    url = world.db.engine.url.render_as_string(hide_password=False)
    assert cli_main(["--db", url, "departments", "list"]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert rows["QG-PCS"].endswith(" 有联络员账号")
    assert rows["YH-CG"].endswith(" 无联络员账号,须电话通知")


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


def test_edits_out_of_scope_or_from_a_stale_screen_are_refused(world):
    other = actor("adm_hc", Role.COUNTY_ADMIN, "450502000000", PlaceLevel.COUNTY)
    with pytest.raises(PermissionDenied, match="Art. 15"):
        departments.update_department(world.db, other, "QG-PCS", DepartmentDraft("改名"), expected_version=None)
    with pytest.raises(PermissionDenied):
        departments.set_active(world.db, other, "QG-PCS", False, expected_version=None)
    with pytest.raises(PermissionDenied):
        department_contacts.add_contact(world.db, other, "QG-PCS", name="张三", phone="13900000000")
    seen = departments.get_department(world.db, "QG-PCS")
    departments.set_parent(world.db, ADMIN, "QG-PCS", "YH-SCJG", expected_version=seen.version)
    with pytest.raises(Conflict, match="请重新载入"):
        departments.set_parent(world.db, ADMIN, "QG-PCS", None, expected_version=seen.version)
    assert departments.get_department(world.db, "QG-PCS").parent_code == "YH-SCJG"


def test_a_department_is_restored_only_under_an_active_department_above(world):
    office = _add_office(world, parent_code="YH-SCJG")
    with world.db.session() as session:  # the list's 市场监管 item goes to 城管, so the bureau may retire
        session.get(MatterItem, world.items["food"]).department_id = world.departments["city_admin"]
        session.commit()
    departments.set_active(world.db, ADMIN, office.code, False, expected_version=None)
    departments.set_active(world.db, ADMIN, "YH-SCJG", False, expected_version=None)
    with pytest.raises(InvalidTransition, match="上级部门银海区市场监管局已停用"):
        departments.set_active(world.db, ADMIN, office.code, True, expected_version=None)
    with pytest.raises(InvalidTransition, match="已停用;请先恢复启用"):  # nor is a retired one linked anew
        departments.set_parent(world.db, ADMIN, office.code, "BH-GD")
    departments.set_parent(world.db, ADMIN, office.code, None)  # clearing is how it comes back on its own
    assert departments.set_active(world.db, ADMIN, office.code, True, expected_version=None).active


@pytest.mark.law("Art. 13")
def test_a_retired_department_is_named_nowhere_new(world, system):
    from desktop.models.enums import ApplicationAction
    from desktop.services import matter_list, users

    office = _add_office(world)
    draft = matter_list.ItemDraft("M04-09", "农贸市场食品抽检协助", MatterCategory.SAFETY_RISK)
    application = matter_list.apply(world.db, system, department_id=office.id, action=ApplicationAction.ADD,
                                    reason="新设监管所", proposal=draft)
    with pytest.raises(InvalidTransition, match="1 份纳入或退出事项的申请待审核"):
        departments.set_active(world.db, ADMIN, office.code, False, expected_version=None)
    matter_list.review(world.db, system, application.id, approve=False, comment="先试运行")
    departments.set_active(world.db, ADMIN, office.code, False, expected_version=None)
    with pytest.raises(InvalidTransition, match="已停用,不能再申请"):
        matter_list.apply(world.db, system, department_id=office.id, action=ApplicationAction.ADD,
                          reason="再次申请", proposal=draft)
    city_list = matter_list.start_version(world.db, system, place_code="450500000000")
    with pytest.raises(ValidationFailed) as refused:
        matter_list.add_item(world.db, system, city_list.id, draft, department_id=office.id)
    assert refused.value.problems == ["责任部门:侨港市场监管所已停用,请改选在用的部门(Art. 13)"]
    with pytest.raises(InvalidTransition, match="已停用"):
        matter_list.issue_rectification(world.db, system, department_id=office.id, reason="未落实",
                                        due_on=date.today() + timedelta(days=30))
    with pytest.raises(ValidationFailed, match="不能再为其开设联络员账号"):
        users.add_user(world.db, system, username="scjgs", display_name=None, password="secret-123",
                       role=Role.LIAISON, scope_code=TOWNSHIP, department_id=users.department_id(world.db, office.code))


@pytest.mark.law("Art. 20")
def test_a_department_owing_a_callback_or_a_rectification_is_not_retired(world, system):
    from desktop.services import matter_list
    from desktop.services.cases import department, review

    case = world.new_case().case  # the list names 侨港派出所 for disputes
    case = dispatch.dispatch(world.db, world.operator, case_id=case.id, lead_department_id=world.departments["police"],
                             expected_version=case.version)
    lead, = _share_ids(world, case.id)
    case = department.sign_for(world.db, world.police, assignment_id=lead, expected_version=case.version)
    case = department.contact_requester(world.db, world.police, assignment_id=lead, note="已电话联系",
                                        expected_version=case.version)
    with pytest.raises(InvalidTransition, match="尚有 1 件在办案件"):
        departments.set_active(world.db, ADMIN, "QG-PCS", False, expected_version=None)
    case = department.report_result(world.db, world.police, assignment_id=lead, result="已调解",
                                     expected_version=case.version)
    review.review(world.db, world.operator, case_id=case.id, approve=True, expected_version=case.version)
    notice = matter_list.issue_rectification(world.db, system, department_id=world.departments["police"],
                                             reason="未落实专门人员", due_on=date.today() + timedelta(days=30))
    matter_list.answer_rectification(world.db, world.police, notice.id, report="已指定专人")  # not yet confirmed
    with pytest.raises(InvalidTransition) as refused:
        departments.set_active(world.db, ADMIN, "QG-PCS", False, expected_version=None)
    message = refused.value.message
    assert "在办案件" not in message
    assert "尚有 1 次回访由其负责人待办(Art. 20)" in message and "尚有 1 份督促整改通知未整改完毕" in message


def _share_ids(world, case_id):
    with world.db.session() as session:
        return session.scalars(select(Assignment.id).where(Assignment.case_id == case_id)).all()


@pytest.mark.law("Art. 13")
def test_retiring_waits_for_a_desktop_naming_the_department_and_then_sees_it(world, backend):
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    office = _add_office(world)
    other_desktop = world.db.session()  # its unit of work names the office on a list item, not yet committed
    use_departments(other_desktop, [office.id])
    list_id = other_desktop.scalar(select(MatterItem.matter_list_id).where(MatterItem.id == world.items["food"]))
    other_desktop.add(MatterItem(matter_list_id=list_id, code="M04-09", title="农贸市场食品抽检协助",
                                 category=MatterCategory.SAFETY_RISK, department_id=office.id))
    other_desktop.flush()
    outcome = []

    def retire():
        try:
            outcome.append(departments.set_active(world.db, ADMIN, office.code, False, expected_version=None))
        except InvalidTransition as exc:
            outcome.append(exc)

    thread = threading.Thread(target=retire)
    thread.start()
    thread.join(0.5)
    assert thread.is_alive() and outcome == []  # waits for the other desktop's commit…
    other_desktop.commit()
    other_desktop.close()
    thread.join(10)
    assert isinstance(outcome[0], InvalidTransition) and "M04-09 农贸市场食品抽检协助" in outcome[0].message  # …and sees it
