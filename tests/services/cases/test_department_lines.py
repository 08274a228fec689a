"""Department lines: the local office of the department the matter list names is suggested first
(Art. 17(1) 职权法定 and 属地管理, Art. 18(1) first receiving department where the matter arises)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from case_world import COUNTY, TOWNSHIP, actor
from desktop.cli import main as cli_main
from desktop.errors import NotFound, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Department, MatterItem, Place
from desktop.models.enums import Channel, DepartmentLevel, HandlingLevel, PlaceLevel, Role
from desktop.services import departments
from desktop.services.cases import dispatch, onspot_escalation

pytestmark = pytest.mark.law("Art. 17")

ADMIN = actor("adm_yh", Role.COUNTY_ADMIN, COUNTY, PlaceLevel.COUNTY)  # compiles 侨港镇's matter list


@pytest.fixture
def office(world):
    """侨港市场监管所, a township office with no line recorded yet, and 海城区市场监管局 in another county."""
    with world.db.session() as session:
        places = dict(session.execute(select(Place.code, Place.id).where(
            Place.code.in_([TOWNSHIP, "450502000000"]))).all())
        session.add_all([
            Department(code="QG-SCJGS", name="侨港市场监管所", short_name="市场监管所", level=DepartmentLevel.TOWNSHIP,
                       place_id=places[TOWNSHIP]),
            Department(code="HC-SCJG", name="海城区市场监管局", short_name="海城市场监管", level=DepartmentLevel.COUNTY,
                       place_id=places["450502000000"]),
        ])
        session.commit()
    return "QG-SCJGS"


def _names(world, case_id) -> list[str]:
    return [s.name for s in dispatch.suggest_departments(world.db, world.operator, case_id)]


def test_the_local_office_of_the_listed_department_is_suggested_first(world, office):
    case = world.new_case(matter_item_id=world.items["food"]).case  # the list names 银海区市场监管局
    assert _names(world, case.id)[0] == "银海区市场监管局"  # no line recorded: the named one first
    line = departments.set_parent(world.db, ADMIN, office, "YH-SCJG")
    assert (line.parent_code, line.parent_name) == ("YH-SCJG", "银海区市场监管局")
    ranked = dispatch.suggest_departments(world.db, world.operator, case.id)
    assert [s.name for s in ranked] == ["侨港市场监管所", "银海区市场监管局", "侨港派出所", "银海区城管局", "北海供电局"]
    assert [s.recommended for s in ranked] == [True, True, False, False, False]  # the line, not the others
    assert any("市场监管" in reason and "下属机构" in reason for reason in ranked[0].reasons)
    assert "中街街道办" not in [s.name for s in ranked]


def test_a_case_handled_at_the_county_goes_to_the_listed_department_before_its_office(world, office):
    departments.set_parent(world.db, ADMIN, office, "YH-SCJG")
    case = world.new_case(channel=Channel.GRID_STAFF, matter_item_id=world.items["food"]).case
    for reason in ("网格无法处理", "涉及县级部门"):
        case = onspot_escalation.escalate(world.db, world.operator, case_id=case.id, reason=reason,
                                          expected_version=case.version)
    assert case.level is HandlingLevel.COUNTY
    assert _names(world, case.id)[:2] == ["银海区市场监管局", "侨港市场监管所"]


def test_an_office_two_levels_down_the_line_is_found(world, office):
    with world.db.session() as session:
        city = session.scalar(select(Place.id).where(Place.code == "450500000000"))
        session.add(Department(code="BH-SCJ", name="北海市市场监督管理局", short_name="市市场监管",
                               level=DepartmentLevel.CITY, place_id=city))
        session.commit()
    departments.set_parent(world.db, world.system, "YH-SCJG", "BH-SCJ")
    departments.set_parent(world.db, ADMIN, office, "YH-SCJG")
    with world.db.session() as session:  # the list now names the city's bureau
        item = session.get(MatterItem, world.items["food"])
        item.department_id = session.scalar(select(Department.id).where(Department.code == "BH-SCJ"))
        session.commit()
    case = world.new_case(matter_item_id=world.items["food"]).case
    assert _names(world, case.id)[:3] == ["侨港市场监管所", "银海区市场监管局", "北海市市场监督管理局"]


def test_a_line_is_refused_unless_it_rises_within_the_territory_and_the_scope(world, office):
    with pytest.raises(ValidationFailed, match=re.escape("侨港派出所是乡镇(街道)级部门,不在侨港市场监管所(乡镇(街道)级)"
                                                         "之上;上级部门须是更高层级(县(区)级或市级)的部门")):
        departments.set_parent(world.db, ADMIN, office, "QG-PCS")
    with pytest.raises(ValidationFailed, match=re.escape("上级部门须是更高层级(市级)的部门")):
        departments.set_parent(world.db, ADMIN, "YH-SCJG", "HC-SCJG")
    with pytest.raises(ValidationFailed, match="海城区市场监管局的辖区.*不包含侨港市场监管所的辖区"):
        departments.set_parent(world.db, ADMIN, office, "HC-SCJG")
    with pytest.raises(NotFound, match="XX-NONE"):
        departments.set_parent(world.db, ADMIN, office, "XX-NONE")
    with pytest.raises(PermissionDenied, match="Art. 15"):  # another county's administrator
        departments.set_parent(world.db, actor("adm_hc", Role.COUNTY_ADMIN, "450502000000", PlaceLevel.COUNTY),
                               office, "YH-SCJG")
    with pytest.raises(PermissionDenied, match=r"银海\(450503000000\) 维护事项清单"):  # the township's own admin compiles no list (Art. 12)
        departments.set_parent(world.db, actor("adm_qg", Role.TOWNSHIP_ADMIN, TOWNSHIP, PlaceLevel.TOWNSHIP),
                               office, "YH-SCJG")
    with pytest.raises(PermissionDenied):  # nor does a county admin order the city's departments
        departments.set_parent(world.db, ADMIN, "BH-GD", None)
    with world.db.session() as session:
        assert session.scalar(select(Department.parent_id).where(Department.code == office)) is None


def test_a_township_office_may_be_linked_straight_to_a_city_department(world, office):
    """Higher means any higher level: a township's office whose county has no such bureau answers to the city's."""
    line = departments.set_parent(world.db, ADMIN, office, "BH-GD")
    assert (line.parent_code, line.parent_name) == ("BH-GD", "北海供电局")


def test_a_line_is_audited_and_can_be_cleared(world, office):
    departments.set_parent(world.db, ADMIN, office, "YH-SCJG")
    cleared = departments.set_parent(world.db, ADMIN, office, None)
    assert cleared.parent_code is None
    with world.db.session() as session:
        messages = session.scalars(select(AuditEntry.message).where(AuditEntry.action == "departments.set_parent")
                                   .order_by(AuditEntry.id)).all()
    assert messages == ["侨港市场监管所的上级部门:银海区市场监管局", "侨港市场监管所的上级部门:(无)"]


def test_cli_lists_and_records_lines(world, office, capsys):
    url = world.db.engine.url.render_as_string(hide_password=False)
    assert cli_main(["--db", url, "departments", "line", office, "YH-SCJG"]) == 0
    assert "侨港市场监管所(QG-SCJGS)的上级部门:银海区市场监管局(YH-SCJG)" in capsys.readouterr().out
    assert cli_main(["--db", url, "departments", "list", "--under", TOWNSHIP]) == 0
    out = capsys.readouterr().out
    assert out.split()[:6] == ["代码", "级别", "辖区", "名称", "办公电话", "上级部门"]
    assert re.search(r"^QG-SCJGS +乡镇\(街道\)级 +侨港 +侨港市场监管所 +— +银海区市场监管局\(YH-SCJG\) +无联络员账号,须电话通知$", out, re.M)
    assert "YH-SCJG" not in out.replace("银海区市场监管局(YH-SCJG)", "")  # a county's own is not under it
    assert cli_main(["--db", url, "departments", "line", office, "QG-PCS"]) == 1
    assert "上级部门须是更高层级(县(区)级或市级)的部门" in capsys.readouterr().err
    assert cli_main(["--db", url, "departments", "line", office, "--clear"]) == 0
    county = {line.code for line in departments.list_departments(world.db, COUNTY)}
    assert {"QG-SCJGS", "QG-PCS", "YH-SCJG", "YH-CG"} <= county and not county & {"BH-GD", "HC-ZJ", "HC-SCJG"}
