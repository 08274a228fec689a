"""`griddesk-admin emergencies acknowledge ID`: the wall's takeover confirmed from the command line,
audited as from the wall (Art. 21)."""

import io
import re

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.models import AuditEntry
from desktop.services import emergencies


def _run(db, *argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *argv], out=out)
    return code, out.getvalue()


@pytest.mark.law("Art. 21")
def test_acknowledge_an_alarm_once(demo_db, system, capsys):
    waiting = emergencies.unacknowledged(demo_db, system)
    assert waiting, "the demo holds an unacknowledged report"
    report = waiting[0]
    code, out = _run(demo_db, "emergencies", "list")
    assert code == 0 and out.split()[:2] == ["序号", "编号"] and "未确认" in out

    capsys.readouterr()
    assert _run(demo_db, "emergencies", "acknowledge", str(report.id)) == (1, "")  # not the built-in admin
    assert "须由值班长以本人账号确认" in capsys.readouterr().err
    code, out = _run(demo_db, "--as", "qg_chief", "emergencies", "acknowledge", str(report.id))
    assert code == 0 and report.number in out
    assert report.id not in [r.id for r in emergencies.unacknowledged(demo_db, system)]
    with demo_db.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == "emergencies.acknowledge" and report.number in entry.message and entry.actor == "qg_chief"

    capsys.readouterr()
    code, _ = _run(demo_db, "--as", "qg_chief", "emergencies", "acknowledge", str(report.id))
    assert code == 1 and "已由" in capsys.readouterr().err
    assert _run(demo_db, "--as", "qg_chief", "emergencies", "acknowledge", "999999")[0] == 1


@pytest.mark.law("Art. 21")
@pytest.mark.parametrize("username", ["yh_admin", "bh_admin", "qg_admin"])
def test_an_administrator_does_not_acknowledge_a_townships_alarm(demo_db, system, capsys, username):
    """`--as yh_admin emergencies acknowledge 1` gave 侨港镇's wall back ("已确认紧急情况告警 …;大屏恢复常规显示")
    though no one of its duty room had taken note."""
    report = emergencies.unacknowledged(demo_db, system)[0]
    capsys.readouterr()
    assert _run(demo_db, "--as", username, "emergencies", "acknowledge", str(report.id)) == (1, "")
    assert "告警由侨港镇值班室的值班长以本人账号确认" in capsys.readouterr().err
    assert report.id in [r.id for r in emergencies.unacknowledged(demo_db, system)]


@pytest.mark.law("Art. 21")
@pytest.mark.law("Art. 15")
@pytest.mark.parametrize("setting", ["phone_first_minutes=60", "phone_frist_minutes=60"])
def test_the_ladder_refusal_names_the_right_to_set_it_before_any_mistyped_setting(demo_db, capsys, setting):
    """The auditor was refused "…设定紧急情况报告时限(需有综合评价权限)的权限", and a mistyped key was answered
    with its correction first, as if the command would then work."""
    capsys.readouterr()
    assert _run(demo_db, "--as", "bh_audit", "emergencies", "ladder", "--set", setting) == (1, "")
    err = capsys.readouterr().err
    assert "须有在北海市设定紧急情况报告时限的权限;请由市级管理员办理" in err
    assert "综合评价" not in err and "不是报告时限的设置项" not in err
    code, out = _run(demo_db, "--as", "bh_admin", "emergencies", "ladder", "--set", "phone_first_minutes=20")
    assert code == 0 and "phone_first_minutes=20" in out


def _dispute_learned_three_hours_ago(db, actor):
    from datetime import timedelta

    from desktop.models import utcnow
    from desktop.models.enums import EmergencyLevel, EmergencyType

    learned = (utcnow() - timedelta(hours=3)).replace(second=0, microsecond=0)
    return emergencies.report(
        db, actor, type=EmergencyType.MAJOR_DISPUTE, level=EmergencyLevel.LEVEL_IV, title="渔港补贴纠纷",
        occurred_at=learned, learned_at=learned, place_text="侨港渔港", township_code="450503103000",
        summary="三十名渔民聚集", people_involved=30)


@pytest.mark.law("Art. 21")
def test_steps_are_listed_the_county_before_the_city_within_each_rung(demo_db, system):
    """`emergencies steps` listed 市 before 县(区) (by the levels' English names): the report goes up the ladder,
    the county first, as the desk's banner and the wall name the levels owed."""
    info = _dispute_learned_three_hours_ago(demo_db, system)
    code, out = _run(demo_db, "emergencies", "steps", info.number)
    rungs = [row.split()[1:3] for row in out.splitlines()[2:]]
    assert code == 0 and rungs == [[kind, level] for kind in ("电话首报", "书面首报", "续报") for level in ("县(区)", "市")]


@pytest.mark.law("Art. 21")
def test_the_list_marks_a_warning_of_what_may_happen_as_the_desk_does(demo_db, system):
    """The desk's ladder marks a report of what may happen 【预警】; the list's 提示 column said nothing."""
    from desktop.models import utcnow
    from desktop.models.enums import EmergencyLevel, EmergencyType

    warning = emergencies.report(demo_db, system, type=EmergencyType.MASS_INCIDENT, level=EmergencyLevel.LEVEL_IV,
                                 title="渔民拟聚集", occurred_at=None, learned_at=utcnow(), anticipated=True,
                                 place_text="镇政府", township_code="450503103000", summary="拟明日聚集")
    code, out = _run(demo_db, "emergencies", "list")
    rows = {row.split()[1]: row.split() for row in out.splitlines()[1:]}
    assert code == 0 and rows[warning.number][-2:] == ["未确认", "预警"]
    assert [number for number, row in rows.items() if "预警" in row] == [warning.number]


@pytest.mark.law("Art. 21")
def test_the_ladder_is_walked_to_the_final_report_from_the_command_line(demo_db, system, capsys):
    from datetime import timedelta

    from desktop.models.enums import EmergencyState, EmergencyStepKind
    from desktop.services.clock import BEIJING

    info = _dispute_learned_three_hours_ago(demo_db, system)
    learned = info.learned_at
    code, out = _run(demo_db, "emergencies", "steps", info.number)
    header, *rows = out.splitlines()[1:]
    assert code == 0 and header.split() == ["步骤号", "环节", "报送对象", "时限", "报送时间", "报送人", "情况"]
    assert len(rows) == len(info.steps) and all(re.search(r" —\s+—\s+(待报|超时)", row) for row in rows)  # none made yet

    first = next(s for s in info.steps if s.kind is EmergencyStepKind.PHONE_FIRST)
    capsys.readouterr()
    assert _run(demo_db, "emergencies", "record", str(first.id), "--content", "电话报区", "--at", "昨天")[0] == 1
    assert "应写作北京时间 YYYY-MM-DD HH:MM" in capsys.readouterr().err
    made = (learned + timedelta(minutes=20)).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FOLLOW_UP:
            assert _run(demo_db, "emergencies", "record", str(step.id), "--content", "已报", "--at", made)[0] == 0
    assert _run(demo_db, "emergencies", "final", str(info.id), "--content", "事件平息")[0] == 1
    assert "先标记为已处置" in capsys.readouterr().err

    handled = (learned + timedelta(hours=2)).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    code, out = _run(demo_db, "emergencies", "handled", str(info.id), "--at", handled)
    assert code == 0 and "终报时限已起算" in out and "终报" in out
    code, out = _run(demo_db, "emergencies", "final", str(info.id), "--content", "事件平息,补贴已发放")
    assert code == 0 and info.number in out
    closed = emergencies.get_report(demo_db, system, info.id)
    assert closed.state is EmergencyState.CLOSED and all(s.done_at for s in closed.steps)
    assert {s.content for s in closed.steps if s.kind is EmergencyStepKind.FINAL} == {"事件平息,补贴已发放"}



@pytest.mark.law("Art. 21")
def test_a_report_from_the_command_line_of_what_happened_and_of_what_may_happen(demo_db, capsys):
    facts = ("--title", "渔港码头聚集", "--place", "侨港渔港码头", "--summary", "约三十名渔民聚集",
             "--township", "450503103000", "--people", "30")
    code, out = _run(demo_db, "--as", "qg_op1", "emergencies", "report", "--type", "群体性事件", "--level", "iv",
                     "--occurred", "2026-11-27 08:10", "--learned", "2026-11-27 08:20", *facts,
                     "--injuries", "2", "--casualties-unverified")
    assert code == 0 and out.startswith("已报告紧急情况 KB450503103-") and "电话首报" in out
    report_id = int(re.search(r"序号 (\d+)", out).group(1))
    info = next(r for r in emergencies.list_reports(demo_db, emergencies_actor(demo_db)) if r.id == report_id)
    assert (info.type.value, info.level.value, info.people_involved, info.anticipated) == ("mass_incident", "iv", 30, False)
    assert (info.injuries, info.casualties_unverified) == (2, True)
    code, out = _run(demo_db, "--as", "qg_op1", "emergencies", "report", "--type", "mass_incident",
                     "--level", "一般(IV级)", "--expected", "2099-01-01 09:00", *facts)
    report_id = int(re.search(r"序号 (\d+)", out).group(1))
    warning = next(r for r in emergencies.list_reports(demo_db, emergencies_actor(demo_db)) if r.id == report_id)
    assert warning.anticipated and warning.expected_at.year == 2099
    capsys.readouterr()
    code, _ = _run(demo_db, "--as", "qg_op1", "emergencies", "report", "--type", "fire", "--level", "iv",
                   "--occurred", "2026-11-27 08:10", *facts)
    assert code == 1 and "--type 'fire':应为 major_dispute(重大矛盾纠纷)" in capsys.readouterr().err
    # Short names of the level; an operator of one township reports an unlocated situation for it.
    unlocated = facts[:6] + facts[8:]
    assert "--township" not in unlocated
    code, out = _run(demo_db, "--as", "qg_op1", "emergencies", "report", "--type", "突发事件", "--level", "一般",
                     "--occurred", "2026-11-27 08:10", *unlocated)
    assert code == 0 and "KB450503103-" in out
    code, _ = _run(demo_db, "emergencies", "report", "--type", "突发事件", "--level", "IV",
                   "--occurred", "2026-11-27 08:10", *unlocated)
    assert code == 1 and "没有经纬度;请指明所属乡镇(街道)(报告表选“所属乡镇(街道)”,命令行加 --township 乡镇代码)" \
        in capsys.readouterr().err


def test_a_report_for_a_township_is_refused_a_county_or_village_code_naming_it(demo_db, capsys):
    facts = ("--type", "突发事件", "--level", "iv", "--occurred", "2026-11-27 08:10", "--title", "渔港码头聚集",
             "--place", "侨港渔港码头", "--summary", "约三十名渔民聚集")
    for given, said in (("450503000000", "450503000000 是银海区(县级)的代码,要乡镇(街道)的代码"),
                        ("450503103001", "450503103001 是侨北社区居委会(村级)的代码,要乡镇(街道)的代码")):
        code, _ = _run(demo_db, "emergencies", "report", *facts, "--township", given)
        assert code == 1 and said in capsys.readouterr().err


def test_a_report_without_either_time_is_told_so_in_chinese(demo_db, capsys):
    with pytest.raises(SystemExit):
        _run(demo_db, "emergencies", "report", "--type", "突发事件", "--level", "iv", "--title", "渔港码头聚集",
             "--place", "侨港渔港码头", "--summary", "约三十名渔民聚集", "--township", "450503103000")
    assert "须给出参数 --occurred 或 --expected 之一" in capsys.readouterr().err


def emergencies_actor(db):
    from desktop.services import users
    return users.actor_for(db, "qg_chief")


@pytest.mark.law("Art. 21")
def test_duty_phones_are_entered_and_listed_from_the_command_line(demo_db, capsys):
    code, out = _run(demo_db, "emergencies", "phones")
    assert code == 0 and "尚未录入报送对象的值班电话" in out
    code, out = _run(demo_db, "emergencies", "phones", "--set", "450503000000=0779-3030110", "450500000000=0779-2020110")
    assert code == 0 and out.splitlines()[1:] == ["450500000000\t0779-2020110", "450503000000\t0779-3030110"]
    capsys.readouterr()
    assert _run(demo_db, "emergencies", "phones", "--set", "0779-3030110")[0] == 1
    assert "应写作 KEY=VALUE" in capsys.readouterr().err


@pytest.mark.law("Art. 21")
def test_casualties_reported_unverified_are_verified_from_the_command_line_before_the_final_report(demo_db, capsys):
    from datetime import timedelta

    from desktop.models import utcnow
    from desktop.services.clock import BEIJING

    learned = (utcnow() - timedelta(hours=3)).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    code, out = _run(demo_db, "--as", "qg_op1", "emergencies", "report", "--type", "突发事件", "--level", "一般",
                     "--occurred", learned, "--learned", learned, "--title", "民房起火", "--place", "侨港镇",
                     "--summary", "一户民房起火", "--township", "450503103000", "--injuries", "1",
                     "--casualties-unverified")
    number = re.search(r"(KB[0-9-]+)", out).group(1)
    info = next(r for r in emergencies.list_reports(demo_db, emergencies_actor(demo_db)) if r.number == number)
    for step in info.steps:
        if step.kind.value != "final":
            assert _run(demo_db, "emergencies", "record", str(step.id), "--content", "已报")[0] == 0
    assert _run(demo_db, "emergencies", "handled", number)[0] == 0
    capsys.readouterr()
    assert _run(demo_db, "emergencies", "final", number, "--content", "火已扑灭")[0] == 1
    assert "emergencies amend --casualties verified" in capsys.readouterr().err
    assert _run(demo_db, "emergencies", "amend", number, "--reason", "医院核实", "--injuries", "2",
                "--casualties", "verified") == (0, f"已按续报补充、更新 {number} 的事实\n")
    assert _run(demo_db, "emergencies", "final", number, "--content", "火已扑灭,伤者二人")[0] == 0
    info = next(r for r in emergencies.list_reports(demo_db, emergencies_actor(demo_db)) if r.number == number)
    assert (info.injuries, info.casualties_unverified, info.state.value) == (2, False, "closed")



@pytest.mark.law("Art. 21")
def test_every_fact_the_amend_service_corrects_is_an_option_of_amend(demo_db, capsys):
    """--type, --occurred, --lon/--lat and --expected had been refused as unknown arguments."""
    from datetime import timedelta

    import shapely

    from desktop.cli.emergencies import _AMENDED
    from desktop.models import Place, utcnow
    from desktop.models.enums import EmergencyLevel, EmergencyType, PlaceLevel
    from desktop.services.clock import BEIJING

    options = set(_AMENDED) | {"type", "level", "occurred_at", "expected_at", "casualties_unverified"}
    assert options == set(emergencies.AMENDABLE_FACTS)
    actor = emergencies_actor(demo_db)
    learned = (utcnow() - timedelta(hours=3)).replace(second=0, microsecond=0)
    info = emergencies.report(demo_db, actor, type=EmergencyType.OTHER, level=EmergencyLevel.LEVEL_IV,
                              title="渔港聚集", occurred_at=learned, learned_at=learned, place_text="侨港渔港",
                              township_code="450503103000", summary="渔民聚集")
    with demo_db.session() as session:
        grid = session.scalars(select(Place).where(Place.level == PlaceLevel.GRID, Place.code.like("450503103%"),
                                                   Place.geometry.is_not(None)).order_by(Place.code)).first()
        point, grid_code = shapely.from_wkb(grid.geometry).representative_point(), grid.code
    occurred = learned - timedelta(minutes=20)
    code, out = _run(demo_db, "emergencies", "amend", info.number, "--reason", "误报类型", "--correction",
                     "--type", "重大矛盾纠纷",
                     "--occurred", f"{occurred.astimezone(BEIJING):%Y-%m-%d %H:%M}",
                     "--lon", str(point.x), "--lat", str(point.y))
    assert (code, out) == (0, f"已更正 {info.number} 的事实\n")
    info = emergencies.get_report(demo_db, actor, info.id)
    assert (info.type, info.occurred_at, info.grid_code) == (EmergencyType.MAJOR_DISPUTE, occurred, grid_code)
    assert (info.lon, info.lat) == pytest.approx((point.x, point.y))
    capsys.readouterr()
    assert _run(demo_db, "emergencies", "amend", info.number, "--reason", "x", "--type", "火灾")[0] == 1
    assert "--type '火灾':应为 major_dispute(重大矛盾纠纷)" in capsys.readouterr().err
    assert _run(demo_db, "emergencies", "amend", info.number, "--reason", "x", "--occurred", "明天")[0] == 1
    assert "--occurred '明天':应写作北京时间 YYYY-MM-DD HH:MM" in capsys.readouterr().err

    expected = (utcnow() + timedelta(days=1)).replace(second=0, microsecond=0)
    warning = emergencies.report(demo_db, actor, type=EmergencyType.MASS_INCIDENT, level=EmergencyLevel.LEVEL_IV,
                                 title="渔民拟聚集", occurred_at=None, anticipated=True, expected_at=None,
                                 learned_at=learned, place_text="镇政府", township_code="450503103000",
                                 summary="拟明日聚集")
    assert _run(demo_db, "emergencies", "amend", warning.number, "--reason", "续报",
                "--expected", f"{expected.astimezone(BEIJING):%Y-%m-%d %H:%M}")[0] == 0
    assert emergencies.get_report(demo_db, actor, warning.id).expected_at == expected
    assert _run(demo_db, "emergencies", "amend", warning.number, "--reason", "时间又不确定", "--expected", "未定")[0] == 0
    assert emergencies.get_report(demo_db, actor, warning.id).expected_at is None


@pytest.mark.law("Art. 21")
def test_the_supervisor_corrects_a_rung_and_undoes_a_handling_from_the_command_line(demo_db, system, capsys):
    from datetime import timedelta

    from desktop.models.enums import EmergencyState, EmergencyStepKind
    from desktop.services.clock import BEIJING

    info = _dispute_learned_three_hours_ago(demo_db, system)
    learned = info.learned_at
    phone = next(s for s in info.steps if s.kind is EmergencyStepKind.PHONE_FIRST)
    beijing = lambda moment: moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")  # noqa: E731
    assert _run(demo_db, "emergencies", "record", str(phone.id), "--content", "电话报区",
                "--at", beijing(learned + timedelta(minutes=10)))[0] == 0
    capsys.readouterr()
    assert _run(demo_db, "--as", "qg_op1", "emergencies", "correct", str(phone.id), "--at",
                beijing(learned + timedelta(minutes=50)), "--reason", "误录")[0] == 1
    assert "更正紧急情况报送记录" in capsys.readouterr().err  # an operator does not correct the record
    code, out = _run(demo_db, "--as", "qg_chief", "emergencies", "correct", str(phone.id), "--at",
                     beijing(learned + timedelta(minutes=50)), "--reason", "误录时间,以通话记录为准")
    assert code == 0 and "更正记录:" in out and "误录时间,以通话记录为准" in out and "(更正后超时)" in out
    assert re.search(rf"^{phone.id} +电话首报 .* {beijing(learned + timedelta(minutes=50))} .* 超时", out, re.M)

    assert _run(demo_db, "emergencies", "handled", str(info.id))[0] == 0
    code, out = _run(demo_db, "--as", "qg_chief", "emergencies", "reopen", info.number, "--reason", "误点处置完毕")
    assert code == 0 and "续报恢复计时" in out
    assert emergencies.get_report(demo_db, system, info.id).state is EmergencyState.OPEN


@pytest.mark.law("Art. 21")
def test_a_correction_keeps_the_first_reports_before_the_follow_ups_from_the_command_line(demo_db, system, capsys):
    """`emergencies correct` is refused, with the service's reason, where the corrected time would put a
    follow-up before its level's first report or a first report after its level's follow-up."""
    from datetime import timedelta

    from desktop.models.enums import EmergencyStepKind, HandlingLevel
    from desktop.services.clock import BEIJING

    info = _dispute_learned_three_hours_ago(demo_db, system)
    learned = info.learned_at
    county = {s.kind: s for s in info.steps if s.to_level is HandlingLevel.COUNTY}
    beijing = lambda minutes: (learned + timedelta(minutes=minutes)).astimezone(BEIJING).strftime(  # noqa: E731
        "%Y-%m-%d %H:%M")
    for kind, minutes in ((EmergencyStepKind.PHONE_FIRST, 10), (EmergencyStepKind.WRITTEN_FIRST, 40),
                          (EmergencyStepKind.FOLLOW_UP, 60)):
        assert _run(demo_db, "emergencies", "record", str(county[kind].id), "--content", "已报",
                    "--at", beijing(minutes))[0] == 0
    capsys.readouterr()
    assert _run(demo_db, "--as", "qg_chief", "emergencies", "correct", str(county[EmergencyStepKind.FOLLOW_UP].id),
                "--at", beijing(20), "--reason", "误录")[0] == 1
    assert "续报的报送时间(--at)应不早于书面首报" in capsys.readouterr().err
    assert _run(demo_db, "--as", "qg_chief", "emergencies", "correct", str(county[EmergencyStepKind.WRITTEN_FIRST].id),
                "--at", beijing(90), "--reason", "误录")[0] == 1
    assert "书面首报的报送时间(--at)应不晚于报县(区)的首次续报" in capsys.readouterr().err


@pytest.mark.law("Art. 21")
def test_a_refused_time_names_the_at_option_not_the_field_behind_it(demo_db, system, capsys):
    """`correct 25 --at "… 19:15"` said "电话首报的报送时间(done_at)应在获知时间(… 19:21)之后": the command has
    no option of that name. Each time given with --at is named by it, with no hint to give what was given."""
    from datetime import timedelta

    from desktop.models.enums import EmergencyStepKind
    from desktop.services.clock import BEIJING

    info = _dispute_learned_three_hours_ago(demo_db, system)
    before_learned = (info.learned_at - timedelta(minutes=6)).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    phone, written = (next(s for s in info.steps if s.kind is kind)
                      for kind in (EmergencyStepKind.PHONE_FIRST, EmergencyStepKind.WRITTEN_FIRST))
    assert _run(demo_db, "emergencies", "record", str(phone.id), "--content", "电话报区")[0] == 0
    capsys.readouterr()
    for argv, said in ((["--as", "qg_chief", "emergencies", "correct", str(phone.id), "--reason", "时间写错"],
                        "电话首报的报送时间(--at)应在获知时间("),
                       (["emergencies", "record", str(written.id), "--content", "书面报区"], "报送时间(--at)应在获知时间("),
                       (["emergencies", "handled", str(info.id)], "处置完毕时间(--at)应在获知时间(")):
        assert _run(demo_db, *argv, "--at", before_learned) == (1, "")
        err = capsys.readouterr().err
        assert said in err and "_at" not in err and "给出" not in err


@pytest.mark.law("Art. 21")
def test_a_refused_report_or_amendment_names_the_options_not_the_facts_behind_them(demo_db, capsys):
    """`report … --learned` before `--occurred` was told "获知时间(learned_at):不能早于发生时间", and `amend
    --people -1` "涉及人数(people_involved):…": the command line has no such options."""
    report = ["emergencies", "report", "--type", "major_dispute", "--level", "iv", "--title", "码头纠纷",
              "--place", "侨港渔港", "--summary", "渔民聚集", "--township", "450503103"]
    capsys.readouterr()
    assert _run(demo_db, *report, "--occurred", "2026-11-20 10:00", "--learned", "2026-11-20 09:00") == (1, "")
    err = capsys.readouterr().err
    assert "获知时间(--learned):不能早于发生时间" in err and "_at" not in err
    assert _run(demo_db, *report, "--occurred", "2026-11-20 10:00", "--people", "-1", "--place", " ") == (1, "")
    err = capsys.readouterr().err
    assert "(--people):" in err and "(--place):" in err and "people_involved" not in err and "place_text" not in err
    assert _run(demo_db, "emergencies", "amend", "1", "--reason", "续报", "--people", "-1") == (1, "")
    err = capsys.readouterr().err
    assert "(--people):" in err and "people_involved" not in err
