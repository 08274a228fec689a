"""`griddesk-admin --as LIAISON cases mine|sign|contact|stage-report|extend|object|result`: a department's
steps on its share of a case from the command line, under the desk's rules (Art. 15, 18–19)."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest

from desktop.cli import cases as cases_cli
from desktop.cli import main
from desktop.models.base import utcnow
from desktop.models.enums import AssignmentRole
from desktop.services import queue
from desktop.services.cases import department
from desktop.services.cases.queries import case_detail, own_share_step
from desktop.services.users import actor_for


def _run(db, user, *argv) -> tuple[int, str]:
    out = io.StringIO()
    as_user = ["--as", user] if user else []
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *as_user, *argv], out=out)
    return code, out.getvalue()


def _mine(db, user, *options) -> list[dict]:
    code, out = _run(db, user, "cases", "mine", "--json", *options)
    assert code == 0
    return json.loads(out)


def _unsigned_leads(db, user) -> list[str]:
    """Numbers of cases the user's department leads and has not signed for yet."""
    actor = actor_for(db, user)
    return [row["number"] for row in _mine(db, user) if row["share_state"] == "dispatched"
            and own_share_step(db, actor, row["number"]).share.role is AssignmentRole.LEAD]


@pytest.mark.law("Art. 18")
@pytest.mark.law("Art. 19")
def test_a_liaison_lists_its_shares_and_takes_each_step_on_one(demo_db):
    db = demo_db
    mine = _mine(db, "qg_police")
    assert mine and {row["share_state"] for row in mine} <= {"dispatched", "signed", "handling"}
    first, second = _unsigned_leads(db, "qg_police")[:2]
    code, table = _run(db, "qg_police", "cases", "mine")
    assert code == 0 and table.splitlines()[0].split() == ["编号", "承办状态", "下一期限", "标题"]
    assert any(line.startswith(first) and "待签收" in line and "签收 " in line for line in table.splitlines())
    assert table.splitlines()[-1] == f"共 {len(mine)} 件"

    code, out = _run(db, "qg_police", "cases", "sign", first)
    assert code == 0 and out.startswith(f"已签收:案件 {first}(侨港派出所),承办任务已签收,下一期限:联系诉求人 ")
    assert next(r for r in _mine(db, "qg_police") if r["number"] == first)["next_step"] == "contact"
    code, out = _run(db, "qg_police", "cases", "contact", first, "--note", "已电话联系诉求人,约定上门")
    assert code == 0 and f"案件 {first}(侨港派出所),承办任务办理中,下一期限:反馈办理结果 " in out
    code, out = _run(db, "qg_police", "cases", "stage-report", first, "--content", "已走访两户,正在核实")
    assert code == 0 and out.startswith(f"已报送阶段性工作情况:案件 {first}(侨港派出所),承办任务办理中")
    code, out = _run(db, "qg_police", "cases", "extend", first, "--amount", "2", "--reason", "需协调物业")
    assert code == 0 and out.startswith(f"已申请延期 2 工作日,待审批:案件 {first}(侨港派出所),承办任务延期申请中")
    assert first not in [r["number"] for r in _mine(db, "qg_police")]  # the center decides now
    waiting = next(r for r in _mine(db, "qg_police", "--all") if r["number"] == first)
    assert waiting["share_state"] == "extension" and waiting["share_state_label"] == "延期申请中"

    assert _run(db, "qg_police", "cases", "sign", second)[0] == 0
    assert _run(db, "qg_police", "cases", "contact", second, "--note", "已联系")[0] == 0
    code, out = _run(db, "qg_police", "cases", "result", second, "--result", "已上门劝导,隐患已消除")
    assert code == 0 and out == (f"已反馈办理结果:案件 {second}(侨港派出所),承办任务已反馈,"
                                 "下一期限:不计时(待中心决定或核查)\n")


@pytest.mark.law("Art. 18")
def test_a_liaison_objects_to_the_jurisdiction_of_a_share(demo_db):
    number = _unsigned_leads(demo_db, "qg_police")[0]
    code, out = _run(demo_db, "qg_police", "cases", "object", number, "--reason", "系海上作业纠纷,非本所职责")
    assert code == 0 and out.startswith(f"已提出管辖异议,待审批:案件 {number}(侨港派出所),承办任务管辖异议中")


@pytest.mark.law("Art. 15")
@pytest.mark.law("Art. 18")
def test_another_departments_case_a_finished_share_and_a_user_of_no_department_are_refused(demo_db, capsys):
    number = _unsigned_leads(demo_db, "qg_police")[0]
    assert _run(demo_db, "qg_market", "cases", "sign", number)[0] == 1
    assert capsys.readouterr().err == (f"griddesk-admin: 用户“侨港市场监管所联络员”无权查看案件 {number}:该案未派给侨港市场监管所,"
                                       "联络员只能查看本部门承办或协办的案件;如需了解该案,请联系网格化服务管理中心(Art. 15)\n")
    police = actor_for(demo_db, "qg_police")
    finished = next(r.number for r in queue.page(demo_db, police, queue.QueueFilter(), 0, 500) if r.own_state is None)
    assert _run(demo_db, "qg_police", "cases", "stage-report", finished, "--content", "补充情况")[0] == 1
    assert capsys.readouterr().err.startswith(f"griddesk-admin: 侨港派出所 在案件 {finished} 没有正在办理的承办任务")
    assert _run(demo_db, None, "cases", "sign", number)[0] == 1
    assert "不是部门联络员" in capsys.readouterr().err
    assert _run(demo_db, None, "cases", "mine")[0] == 1
    assert "不是部门联络员" in capsys.readouterr().err


@pytest.mark.law("Art. 19")
def test_a_result_before_contacting_the_requester_and_a_step_out_of_turn_are_refused(demo_db, capsys):
    number = _unsigned_leads(demo_db, "qg_police")[0]
    assert _run(demo_db, "qg_police", "cases", "contact", number, "--note", "已联系")[0] == 1
    assert "承办任务尚未签收,不能联系诉求人;请先签收" in capsys.readouterr().err
    assert _run(demo_db, "qg_police", "cases", "sign", number)[0] == 0
    code, out = _run(demo_db, "qg_police", "cases", "result", number, "--result", "已处理")
    assert (code, out) == (1, "")
    assert capsys.readouterr().err == (f"griddesk-admin: 案件 {number} 尚未联系诉求人;请先联系诉求人了解具体诉求,"
                                       "再反馈办理结果(Art. 19)\n")


@pytest.mark.law("Art. 18")
def test_a_step_on_a_share_changed_since_it_was_read_is_refused(demo_db, capsys, monkeypatch):
    """The CLI passes what it read, as the desk does: a share changed meanwhile (here: the same
    department's contact from another desk) refuses the step rather than overwrite it."""
    number = _unsigned_leads(demo_db, "qg_police")[0]
    assert _run(demo_db, "qg_police", "cases", "sign", number)[0] == 0
    read_before = own_share_step(demo_db, actor_for(demo_db, "qg_police"), number)
    assert _run(demo_db, "qg_police", "cases", "contact", number, "--note", "已联系")[0] == 0
    reads = iter([read_before])
    monkeypatch.setattr(cases_cli, "own_share_step",
                        lambda db, actor, n: next(reads, None) or own_share_step(db, actor, n))
    assert _run(demo_db, "qg_police", "cases", "stage-report", number, "--content", "正在核实") == (1, "")
    err = capsys.readouterr().err
    assert err.startswith(f"griddesk-admin: 案件 {number} 已被 ") and err.endswith("修改,请重新载入\n")
    police = actor_for(demo_db, "qg_police")
    events = case_detail(demo_db, police, own_share_step(demo_db, police, number).case.id).events
    assert "stage_report" not in [e.kind for e in events]


@pytest.mark.law("Art. 18")
def test_another_departments_step_on_the_case_since_it_was_read_does_not_refuse_a_step(demo_db, monkeypatch):
    """Lead and co-handler work on one case at once: a step read before the other department's
    stage report still goes through, as at the desk."""
    numbers = {user: {r["number"] for r in _mine(demo_db, user) if r["share_state"] in ("signed", "handling")}
               for user in ("qg_police", "qg_market", "qg_fish")}
    number, other = next((n, user) for user in ("qg_market", "qg_fish") for n in sorted(numbers["qg_police"] & numbers[user]))
    read_before = own_share_step(demo_db, actor_for(demo_db, "qg_police"), number)
    assert _run(demo_db, other, "cases", "stage-report", number, "--content", "协同核查中")[0] == 0
    reads = iter([read_before])
    monkeypatch.setattr(cases_cli, "own_share_step",
                        lambda db, actor, n: next(reads, None) or own_share_step(db, actor, n))
    code, out = _run(demo_db, "qg_police", "cases", "stage-report", number, "--content", "已走访,正在核实")
    assert code == 0 and out.startswith(f"已报送阶段性工作情况:案件 {number}(侨港派出所)")


@pytest.mark.law("Art. 18")
def test_a_late_result_asks_for_the_late_reason_option_and_a_step_answers_in_json(demo_db, capsys, monkeypatch):
    police = actor_for(demo_db, "qg_police")
    number = next(n for n in _unsigned_leads(demo_db, "qg_police")  # led alone: no co-handler's result to wait for
                  if len(case_detail(demo_db, police, own_share_step(demo_db, police, n).case.id).assignments) == 1)
    code, out = _run(demo_db, "qg_police", "cases", "sign", number, "--json")
    signed = json.loads(out)
    assert code == 0 and signed["number"] == number and signed["step"] == "sign"
    assert (signed["department"], signed["share_state"], signed["next_step"]) == ("侨港派出所", "signed", "contact")
    assert _run(demo_db, "qg_police", "cases", "contact", number, "--note", "已联系")[0] == 0
    monkeypatch.setattr(department, "utcnow", lambda: utcnow() + timedelta(days=90))  # past every deadline

    assert _run(demo_db, "qg_police", "cases", "result", number, "--result", "已处理") == (1, "")
    err = capsys.readouterr().err
    assert err.startswith(f"griddesk-admin: 案件 {number} 的办理期限已于 ")
    assert err.endswith("逾期反馈办理结果须说明逾期理由(Art. 18);用 --late-reason 给出\n")
    assert _run(demo_db, "qg_police", "cases", "result", number, "--result", "已处理", "--late-reason", "  ") == (1, "")
    assert capsys.readouterr().err.endswith(";用 --late-reason 给出\n")  # given blank: as good as left out
    code, out = _run(demo_db, "qg_police", "cases", "result", number, "--result", "已处理",
                     "--late-reason", "诉求人外出,无法上门", "--json")
    reported = json.loads(out)
    assert code == 0 and (reported["share_state"], reported["next_due_at"], reported["overdue"]) == ("reported", None, False)


@pytest.mark.law("Art. 15")
def test_a_mistyped_number_is_told_as_such_a_well_formed_unknown_one_as_not_the_departments(demo_db, capsys):
    """A liaison typing "337" had been told the case was not sent to its department, as if it existed.
    A number in the right form that is no case is still answered like another department's case:
    the answer must not tell a liaison which numbers exist."""
    assert _run(demo_db, "qg_police", "cases", "sign", "337") == (1, "")
    assert capsys.readouterr().err == ("griddesk-admin: “337”不是案件编号:案件编号形如 450503103-2026-000042"
                                       "(乡镇代码-受理年份-序号),请核对后重新输入\n")
    assert _run(demo_db, "qg_police", "cases", "sign", "450503103-1999-000001")[0] == 1
    assert "无权查看案件 450503103-1999-000001:该案未派给侨港派出所" in capsys.readouterr().err
