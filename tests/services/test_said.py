"""What the services say stays the Chinese it was, and keeps how it was said for the desk to translate
(desktop.said): the command line, the audit log and every test compare the Chinese text."""

from __future__ import annotations

import copy
import pickle

import pytest

from desktop.errors import Conflict, InvalidTransition, LawRefusal, PermissionDenied, ValidationFailed
from desktop.models.enums import MatterCategory
from desktop.said import TEMPLATES, Message, Said, joined
from desktop.services import users
from desktop.services.cases import dispatch, intake
from desktop.services.evaluation.periods import parse_period
from desktop.services.security import Permission

_CHANGED = Message("案件 {number} 已被 {who} 修改;类别 {category},{count:.0f} 处")
_SOMEONE = Message("其他用户")()


def test_a_message_said_is_its_chinese_text_and_keeps_its_template_and_arguments():
    said = _CHANGED(number="450503103-2026-000001", who=_SOMEONE, category=MatterCategory.DISPUTE, count=2.0)
    assert said == f"案件 450503103-2026-000001 已被 其他用户 修改;类别 {MatterCategory.DISPUTE.label},2 处"
    assert type(str(said)) is str and str(said) == said and hash(said) == hash(str(said))
    assert said.template == "案件 {number} 已被 {who} 修改;类别 {category},{count:.0f} 处"
    assert said.arguments["who"] is _SOMEONE and said.arguments["category"] is MatterCategory.DISPUTE
    assert {_CHANGED.template, _SOMEONE.template} <= set(TEMPLATES)
    for kept in (copy.deepcopy(said), pickle.loads(pickle.dumps(said))):
        assert (kept, kept.template, kept.arguments) == (said, said.template, said.arguments)
    assert isinstance(said + "!", str) and not isinstance(said + "!", Said)  # text made from it: plain Chinese


def test_joined_says_items_one_after_another_as_the_services_did():
    assert joined([_SOMEONE, "乙", "丙"]) == "其他用户;乙;丙" and joined(["甲"]) == "甲"


def test_importing_the_services_declares_the_messages_a_desk_user_meets():
    assert dispatch.suggest_departments  # the module declares the suggestions' reasons
    for template in (users.WRONG_PASSWORD, users.WRONG_OLD_PASSWORD):
        assert template in TEMPLATES
    assert {"案件 {number} 已被 {who} 于 {when} 修改,请重新载入", "诉求信息不完整或有误,请修改后再保存",
            "考核期 {code!r} 的月份应为 1–12", "层级相符({level},首接在诉求发生地)"} <= set(TEMPLATES)


@pytest.mark.law("Art. 15")
def test_an_error_keeps_what_was_said_and_the_article_apart():
    refusal = PermissionDenied(users.stopped_refusal("qg_op"), article="Art. 15")
    assert refusal.message == "账号 qg_op 已停用;如仍需使用,请联系管理员重新启用(Art. 15)"
    assert refusal.message.template == "{message}({article})" and refusal.article == "Art. 15"
    said = refusal.message.arguments["message"]
    assert said.template == "账号 {username} 已停用;如仍需使用,请联系管理员重新启用"
    assert said.arguments == {"username": "qg_op"}
    # Plain Chinese is kept as it was; a message already citing its article is not cited twice.
    assert PermissionDenied("不能办理", article="Art. 15").message == "不能办理(Art. 15)"
    cited = Message("须先报告(Art. 21)")()
    assert PermissionDenied(cited, article="Art. 21").message is cited


def test_the_new_case_refusal_and_its_problems_are_said_as_before():
    with pytest.raises(ValidationFailed) as refused:
        intake._check(None, "", "", False, None, "abc", 109.1, None, None)
    assert str(refused.value) == "\n".join([
        "诉求信息不完整或有误,请修改后再保存", "  - 受理渠道(channel):请选择诉求从哪个渠道来", "  - 标题(title):必填",
        "  - 诉求内容(description):必填", "  - 类别(category):请选择诉求类别或事项清单中的事项",
        "  - 联系电话(requester_phone):“abc”不是有效的电话号码(只能有数字和连字符,国际号码以 + 开头)",
        "  - 经纬度(lon/lat):经度和纬度须同时填写或同时不填"])
    assert all(isinstance(p, Said) for p in [refused.value.message, *refused.value.problems])
    phone = refused.value.problems[4]
    assert phone.template == "联系电话(requester_phone):{problem}" and isinstance(phone.arguments["problem"], Said)
    assert intake.coordinate_problem(21.5, 109.1) == "(21.5, 109.1) 超出范围(经度 -180~180,纬度 -90~90)(经度和纬度可能写反了:先经度后纬度)"


def test_the_period_and_password_refusals_are_said_as_before():
    with pytest.raises(ValidationFailed, match="^考核期 '2026-13' 的月份应为 1–12$") as refused:
        parse_period("2026-13")
    assert refused.value.message.arguments == {"code": "2026-13"}
    with pytest.raises(ValidationFailed) as refused:
        users.check_password("aaa", "aaa")
    assert refused.value.message == "密码至少 8 位;不能全是空格或同一个字符;须含字母、数字、符号中的至少两类;不能包含用户名 aaa"
    assert refused.value.message.template == "密码{problems}"


@pytest.mark.law("Art. 15")
def test_the_permission_refusal_names_the_permission_by_its_label(db, system):
    from desktop.services.security import Actor
    from desktop.services.unit_of_work import unit_of_work

    nobody = Actor(username="qg_x", display_name="侨港值班员甲")
    with pytest.raises(PermissionDenied) as refused, unit_of_work(db, nobody, "test.refused") as uow:
        uow.require(Permission.EMERGENCY_ACK, "450503103000", "侨港")
    assert refused.value.message == ("用户“侨港值班员甲”没有在 侨港(450503103000) 确认紧急告警的权限;"
                                     "请由具有该地区相应角色的用户办理(Art. 15)")
    assert refused.value.message.arguments["message"].arguments["wanted"] is Permission.EMERGENCY_ACK


@pytest.mark.law("Art. 21")
def test_the_emergency_report_refusal_and_its_problems_are_said_as_before(system):
    from datetime import datetime, timezone

    from desktop.services import emergencies

    with pytest.raises(ValidationFailed) as refused:
        emergencies.report(None, system, type=None, level=None, title="", occurred_at=datetime(2025, 1, 1, 8),
                           learned_at=datetime(2025, 1, 1, 8, tzinfo=timezone.utc), place_text="", summary=" ",
                           deaths=-1)
    assert str(refused.value) == "\n".join([
        "紧急情况报告填写不完整,请按提示改正后再报送(Art. 21)", "  - 类型(type):请选择紧急情况的类型",
        "  - 级别(level):请选择紧急情况的级别", "  - 标题(title):必须填写", "  - 地点(place_text):必须填写",
        "  - 事件概要(summary):必须填写", "  - 发生时间(occurred_at):必须填写带时区的时间", "  - 死亡(deaths):不能为负数",
        "  - 获知时间(learned_at):2025-01-01 早于《条例》施行之日 2025-09-01,请核对年份"])
    assert all(isinstance(p, Said) for p in [refused.value.message, *refused.value.problems])
    title = refused.value.problems[2]
    assert title.template == "{label}({name}):必须填写" and title.arguments["label"].template == "标题"


@pytest.mark.law("Art. 21")
def test_a_correction_refused_names_the_facts_as_before(system):
    from desktop.services import emergencies

    with pytest.raises(ValidationFailed) as refused:
        emergencies.amend_facts(None, system, 1, expected_version=1, reason="", learned_at=None, colour="红",
                                deaths="两人")
    assert refused.value.message == "紧急情况报告未更正,请按提示改正后再保存(Art. 21)"
    assert refused.value.problems == [
        "获知时间(learned_at):报告时限自获知时间起算,报告后不能更正",
        "colour:不是紧急情况报告可更正的事实(可更正:类型、级别、标题、发生时间、地点、经度、纬度、涉及人数、死亡、受伤、失踪、"
        "事件概要、已采取的措施、预计发生时间、伤亡尚在核实)",
        "更正原因(reason):必须写明依据哪次续报或核实情况更正", "死亡(deaths):应为整数人数,不是 '两人'"]
    assert refused.value.problems[1].template == "{name}:不是紧急情况报告可更正的事实(可更正:{amendable})"


@pytest.mark.law("Art. 20")
def test_a_wrong_state_refusal_is_said_as_before_with_the_states_and_the_action_kept():
    from desktop.models import Assignment, Case
    from desktop.models.enums import AssignmentState, CaseState
    from desktop.services.cases.common import require_assignment_state, require_state

    case = Case(number="450503103-2026-000007", state=CaseState.CLOSED)
    with pytest.raises(InvalidTransition) as refused:
        require_state(case, "review")
    assert refused.value.message == ("案件 450503103-2026-000007 当前状态为“已办结”,不能核查;只有“已反馈、待核查”状态的案件"
                                     "可以核查,请重新查看案件当前状态(Art. 20)")
    said = refused.value.message.arguments["message"]
    assert said.arguments["state"] is CaseState.CLOSED and said.arguments["action"].template == "核查"
    assert said.arguments["allowed"].arguments == {"one": CaseState.REPORTED, "another": CaseState.UNDER_REVIEW}
    share = Assignment(state=AssignmentState.REPORTED)
    with pytest.raises(InvalidTransition, match="^案件 450503103-2026-000007 的承办任务当前为“已反馈”,不能申请延期;"
                                                r"请重新查看承办状态\(Art. 19\)$") as refused:
        require_assignment_state(case, share, "request_extension")
    assert refused.value.message.arguments["message"].arguments["state"] is AssignmentState.REPORTED


@pytest.mark.law("Art. 13")
def test_a_case_off_the_list_is_refused_to_grid_staff_as_before():
    from desktop.services.matters import require_listed_grid_task

    with pytest.raises(LawRefusal) as refused:
        require_listed_grid_task(None, None, None, None)
    assert refused.value.message == "未指定事项清单中的事项,不得要求网格工作人员办理或者协助;请派遣给承办部门或上报(Art. 13)"
    assert refused.value.message.arguments["message"].template in TEMPLATES


def test_a_save_lost_to_another_desk_or_program_is_said_as_before(db, system):
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm.exc import StaleDataError

    from desktop.services.unit_of_work import unit_of_work

    for failure, said in ((StaleDataError("stale"), "记录已被其他用户修改,请重新载入后再操作"),
                          (OperationalError("UPDATE", {}, Exception("database is locked")),
                           "数据库文件正被另一个程序写入(如 griddesk-admin 导入、备份或另一个网格指挥台),本次未保存;请稍候片刻再试")):
        with pytest.raises(Conflict) as refused, unit_of_work(db, system, "test.lost"):
            raise failure
        assert refused.value.message == said and refused.value.message.template == said


@pytest.mark.law("Art. 18")
def test_a_lead_waiting_on_its_co_handlers_is_told_why_as_before():
    from desktop.models import Assignment, Department
    from desktop.models.enums import AssignmentState, CaseState
    from desktop.services.cases.department import _waiting_for

    class Departments:
        def get(self, model, department_id):
            return Department(name={1: "侨港派出所", 2: "侨港司法所", 3: "侨港供电所"}[department_id])

    shares = [Assignment(department_id=1, state=AssignmentState.HANDLING),
              Assignment(department_id=2, state=AssignmentState.SIGNED),
              Assignment(department_id=3, state=AssignmentState.EXTENSION_PENDING)]
    said = _waiting_for(Departments(), shares)
    assert said == ("协办单位 侨港派出所、侨港司法所 尚未向主办单位报送办理结果,请待其报送;"
                    "协办单位 侨港供电所 的延期申请尚待网格化服务管理机构处理,请联系机构;之后再反馈办理结果")
    assert said.template == "{waiting};之后再反馈办理结果"
    deciding = said.arguments["waiting"].arguments["another"]
    assert deciding.arguments == {"department": "侨港供电所", "request": CaseState.EXTENSION_PENDING}


@pytest.mark.law("Art. 15")
def test_a_liaison_refused_another_departments_case_is_told_as_before():
    from desktop.models import Department
    from desktop.services.cases.common import liaison_refusal
    from desktop.services.security import Actor

    class Departments:
        def get(self, model, department_id):
            return Department(name="侨港派出所")

    refusal = liaison_refusal(Departments(), Actor(username="pcs", display_name="派出所联络员", department_id=1),
                              "450503103-2026-000007")
    assert refusal.message == ("用户“派出所联络员”无权查看案件 450503103-2026-000007:该案未派给侨港派出所,联络员只能查看本部门"
                               "承办或协办的案件;如需了解该案,请联系网格化服务管理中心(Art. 15)")
    said = refusal.message.arguments["message"]
    assert said.arguments["held_by"].template == "该案未派给{department}," and said.template in TEMPLATES


def test_a_reason_left_empty_is_asked_for_as_before():
    from desktop.services.cases import department, onspot_escalation

    with pytest.raises(ValidationFailed, match=r"^请填写联系情况\(note\)$") as refused:
        department.contact_requester(None, None, assignment_id=1, note=" ", expected_version=1)
    assert refused.value.message.template == "请填写{what}({field})"
    assert refused.value.message.arguments["what"].template == "联系情况"
    with pytest.raises(ValidationFailed, match=r"^请填写上报理由\(reason\)$"):
        onspot_escalation.escalate(None, None, case_id=1, reason="", expected_version=1)
    with pytest.raises(ValidationFailed, match=r"^撤回协办的理由\(reason\):请写明为何撤回该单位的协办$") as refused:
        dispatch.withdraw_co_handler(None, None, assignment_id=1, reason=" ", expected_version=1)
    assert refused.value.message.template in TEMPLATES


@pytest.mark.law("Art. 21")
def test_a_rung_out_of_the_ladders_order_is_refused_as_before():
    from datetime import datetime, timezone

    from desktop.models import EmergencyReport
    from desktop.services.emergencies import _PREVIOUS_FOLLOW_UP, check_done_at

    report = EmergencyReport(learned_at=datetime(2026, 3, 1, 0, 0, tzinfo=timezone.utc))
    with pytest.raises(ValidationFailed) as refused:
        check_done_at(report, datetime(2026, 2, 28, 23, 0, tzinfo=timezone.utc))
    assert refused.value.message == "报送时间(done_at)应在获知时间(03-01 08:00)之后、当前时间之前"
    assert refused.value.message.arguments["what"].template == "报送时间"
    with pytest.raises(ValidationFailed) as refused:
        check_done_at(report, datetime(2026, 3, 1, 1, 0, tzinfo=timezone.utc),
                      not_before=datetime(2026, 3, 1, 2, 0, tzinfo=timezone.utc), after=_PREVIOUS_FOLLOW_UP)
    assert refused.value.message == "报送时间(done_at)应不早于上一次续报(03-01 10:00)(Art. 21)"
    assert refused.value.message.arguments["message"].template == "{what}({name})应不早于{after}({at})"
