"""`griddesk-admin cases import|export`, `emergencies list|ladder`, `print bulletin`: outputs and exit codes."""

import csv
import io
import json
from datetime import timedelta

import pytest
import shapely
from sqlalchemy import func, select

from pdftools import assert_cjk_font_embedded, pdf_text
import exchange_world as world
from desktop.cli import main
from desktop.models import Case, utcnow
from desktop.models.enums import CaseState, EmergencyLevel, EmergencyStepKind, EmergencyType, HandlingLevel, Role
from desktop.services import emergencies, places, users
from desktop.services.exchange.table_export import HEADERS


@pytest.fixture
def world_db(db, system):
    world.build(db, system)
    return db


def _run(db, *argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *argv], out=out)
    return code, out.getvalue()


def _cases(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Case))


def _request(n, **overrides):
    record = {"service_request_id": f"EXT-{n}", "service_code": "C09-001", "description": "路灯不亮",
              "requested_datetime": "2026-03-02T09:30:00+08:00", "lat": 21.415, "long": 109.105}
    record.update(overrides)
    return record


def test_bad_open311_file_exits_1_naming_each_row_and_imports_nothing(world_db, tmp_path, capsys):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([_request(1), _request(2, lat=123.0), _request(3, requested_datetime="3月2日")],
                               ensure_ascii=False, indent=1), encoding="utf-8")
    code, _ = _run(world_db, "cases", "import", str(path))
    err = capsys.readouterr().err
    assert code == 1
    assert "第 2 项(第 10 行) 字段 lat" in err and "第 3 项(第 18 行) 字段 requested_datetime" in err
    assert _cases(world_db) == 0


def test_import_then_export_in_every_format(world_db, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([_request(1), _request(2, long=109.115)]), encoding="utf-8")
    code, out = _run(world_db, "cases", "import", str(path), "--township", world.QIAOGANG)
    assert code == 0 and "已导入 2 件" in out
    for name in ("out.json", "out.csv", "out.xlsx"):
        code, out = _run(world_db, "cases", "export", str(tmp_path / name), "--under", world.QIAOBEI + "002")
        assert code == 0 and "已导出 1 件" in out
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))[0]["long"] == 109.115
    code, _ = _run(world_db, "cases", "export", str(tmp_path / "out.txt"))
    assert code == 1


def test_import_says_how_many_requests_had_a_supervision_order_that_stays_behind(world_db, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([_request(1, griddesk={"supervision": "key", "urgent": True}), _request(2)]),
                    encoding="utf-8")
    code, out = _run(world_db, "cases", "import", str(path), "--township", world.QIAOGANG)
    assert code == 0 and "已导入 2 件" in out
    with world_db.session() as session:
        urgent, number = session.execute(select(Case.urgent, Case.number).where(Case.external_id == "EXT-1")).one()
    assert urgent is True
    assert (f"其中 1 件在来源系统受督办:督办是来源系统的决定,未随之导入(各案件的导入记录写明其督办级别),"
            f"需要时请在本库重新督办:{number}") in out


def test_the_service_list_goes_out_as_services_json_and_its_codes_are_those_imports_take(world_db, tmp_path):
    path = tmp_path / "services.json"
    code, out = _run(world_db, "cases", "services", str(path), "--township", world.QIAOGANG)
    services = json.loads(path.read_text(encoding="utf-8"))
    assert code == 0 and f"已导出 {len(services)} 项服务" in out
    assert {s["service_code"] for s in services} == set(world.ITEMS)
    assert all(s["service_name"] and s["type"] == "realtime" and s["metadata"] is False for s in services)
    requests = tmp_path / "in.json"
    requests.write_text(json.dumps([_request(n, service_code=s["service_code"]) for n, s in enumerate(services)]),
                        encoding="utf-8")
    assert _run(world_db, "cases", "import", str(requests))[0] == 0 and _cases(world_db) == len(services)


def test_the_township_options_take_a_township_code_and_say_what_another_code_is(world_db, tmp_path, capsys):
    """A county's code printed the county's lists as if they were a township's: refused, naming the place."""
    services, requests = tmp_path / "services.json", tmp_path / "in.json"
    requests.write_text(json.dumps([_request(1)]), encoding="utf-8")
    for given, said in (("450503", "450503000000 是银海区(县级)的代码,要乡镇(街道)的代码"),
                        (world.QIAOBEI, f"{world.QIAOBEI} 是侨北社区居委会(村级)的代码,要乡镇(街道)的代码"),
                        ("450599", "未知的地点代码 450599000000:区划树中没有这个单位")):
        assert _run(world_db, "cases", "services", str(services), "--township", given)[0] == 1
        assert said in capsys.readouterr().err
        assert _run(world_db, "cases", "import", str(requests), "--township", given)[0] == 1
        assert said in capsys.readouterr().err
    assert not services.exists() and _cases(world_db) == 0


def test_csv_round_trip_in_gbk(world_db, tmp_path):
    world.add_case(world_db, "450503103-2025-000001", state=CaseState.CLOSED)
    code, _ = _run(world_db, "cases", "export", str(tmp_path / "out.csv"))
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").replace("450503103-2025-000001", "OLD-1")
    (tmp_path / "gbk.csv").write_bytes(text.encode("gbk"))
    code, out = _run(world_db, "cases", "import", str(tmp_path / "gbk.csv"))
    assert code == 0 and "已导入 1 件:待受理 0 件(其中待分拨 0 件)、已办结 1 件" in out
    with world_db.session() as session:
        imported = session.scalar(select(Case).where(Case.external_id == "OLD-1"))
        assert imported.title.startswith("路灯损坏报修") and imported.requester_phone == "13807791234"


def test_bad_csv_names_the_line_and_column(world_db, tmp_path, capsys):
    world.add_case(world_db, "450503103-2025-000001")
    _run(world_db, "cases", "export", str(tmp_path / "out.csv"))
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").replace("2026-03-02 09:30", "昨天上午")
    (tmp_path / "bad.csv").write_text(text, encoding="utf-8")
    code, _ = _run(world_db, "cases", "import", str(tmp_path / "bad.csv"))
    assert code == 1 and "第 2 行 字段 受理时间" in capsys.readouterr().err


def test_our_csv_export_imported_back_exits_1_naming_each_case_and_imports_nothing(world_db, tmp_path, capsys):
    world.add_case(world_db, "450503103-2025-000001")
    world.add_case(world_db, "450503103-2025-000002", grid=world.QIAOBEI + "002")
    assert _run(world_db, "cases", "export", str(tmp_path / "out.csv"))[0] == 0
    code, _ = _run(world_db, "cases", "import", str(tmp_path / "out.csv"), "--township", world.QIAOGANG)
    assert code == 1 and "文件中的 2 件诉求都是本库已有的案件" in capsys.readouterr().err
    with (tmp_path / "out.csv").open("a", encoding="utf-8", newline="") as more:  # one new request among them
        csv.DictWriter(more, HEADERS).writerow({"编号": "NEW-1", "事项编码": "C09-001", "诉求描述": "路灯不亮",
                                                "受理时间": "2026-03-02 09:30", "经度": 109.105, "纬度": 21.415})
    code, _ = _run(world_db, "cases", "import", str(tmp_path / "out.csv"), "--township", world.QIAOGANG)
    err = capsys.readouterr().err
    assert code == 1 and "out.csv 有 2 处问题,整个文件未导入" in err
    for number in ("450503103-2025-000001", "450503103-2025-000002"):
        assert f"字段 编号:编号 {number} 与本库已有案件 {number} 的编号和受理时间都相同" in err
    assert "第 2 行" in err and "第 3 行" in err
    assert _cases(world_db) == 2


def test_an_open311_file_imported_twice_exits_1_the_second_time(world_db, tmp_path, capsys):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([_request(1), _request(2)]), encoding="utf-8")
    assert _run(world_db, "cases", "import", str(path))[0] == 0
    with world_db.session() as session:
        numbers = dict(session.execute(select(Case.external_id, Case.number)).all())
    code, _ = _run(world_db, "cases", "import", str(path))
    assert code == 1 and "文件中的 2 件诉求都已导入过本库" in capsys.readouterr().err
    path.write_text(json.dumps([_request(1), _request(2), _request(3)]), encoding="utf-8")
    code, _ = _run(world_db, "cases", "import", str(path))
    err = capsys.readouterr().err
    assert code == 1
    for index, external_id in enumerate(("EXT-1", "EXT-2"), start=1):
        assert (f"第 {index} 项(第 1 行) 字段 service_request_id:编号 {external_id} "
                f"已导入为本库案件 {numbers[external_id]}") in err
    assert _cases(world_db) == 2


def test_every_row_of_a_problem_told_short_is_printed(world_db, tmp_path, capsys):
    old = [_request(n) for n in range(1, 21)]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    assert _run(world_db, "cases", "import", str(path), "--township", world.QIAOGANG)[0] == 0
    path.write_text(json.dumps([r for n, one in enumerate(old) for r in (one, _request(100 + n), _request(200 + n))]),
                    encoding="utf-8")
    code, _ = _run(world_db, "cases", "import", str(path), "--township", world.QIAOGANG)
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[1].startswith("  - 第 1、4、7、10、13、16、19、22、25、28 项等 20 项 字段 service_request_id:")
    assert err[1].endswith("……另 10 项见详细信息") and err[2] == "详细信息:"
    assert err[3].startswith(f"  - 第 {'、'.join(str(1 + 3 * n) for n in range(20))} 项等 20 项 字段 service_request_id:")
    assert _cases(world_db) == 20


@pytest.mark.law("Art. 21")
def test_emergency_list_and_bulletin_pdf(world_db, system, tmp_path):
    learned = utcnow() - timedelta(hours=3)
    info = emergencies.report(
        world_db, system, type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_III, title="渔船碰撞起火",
        occurred_at=learned - timedelta(minutes=5), learned_at=learned, place_text="侨港渔港 3 号泊位",
        township_code=world.QIAOGANG, summary="两艘渔船碰撞后一艘起火", people_involved=12, deaths=0, injuries=2,
        missing=1, measures="消防船已到场扑救,伤员送市人民医院",
    )
    phone = next(s for s in info.steps if s.kind is EmergencyStepKind.PHONE_FIRST)
    emergencies.record_step(world_db, system, phone.id, "电话报区应急局", done_at=learned + timedelta(minutes=40))
    code, out = _run(world_db, "emergencies", "list")
    assert code == 0 and info.number in out and "未确认" in out and "超时" in out
    pdf = tmp_path / "bulletin.pdf"
    code, out = _run(world_db, "print", "bulletin", str(info.id), "-o", str(pdf))
    assert code == 0
    text = pdf_text(pdf)
    for fact in ("信息快报(首报)", info.number, "侨港镇", "突发事件", "较大(III级)", "侨港渔港 3 号泊位", "受伤 2 人",
                 "失踪 1 人", "消防船已到场扑救", "电话首报", "超时", "签发人", "报送时间",
                 "主送:银海区网格化服务管理机构、北海市网格化服务管理机构", "历次报送内容", "电话报区应急局"):
        assert fact in text, fact
    assert "银海区侨港镇网格化服务管理中心" in text and "第1页共1页" in text.replace(" ", "")
    assert_cjk_font_embedded(pdf)
    code, _ = _run(world_db, "print", "bulletin", "9999", "-o", str(pdf))
    assert code == 1
    by_number = tmp_path / "by-number.pdf"  # the number the list shows beside the 序号 names it too
    assert _run(world_db, "print", "bulletin", info.number, "-o", str(by_number))[0] == 0
    assert info.number in pdf_text(by_number)
    assert _run(world_db, "print", "bulletin", "KB450503103-2026-999999", "-o", str(by_number))[0] == 1
    assert _run(world_db, "print", "bulletin", info.number.lower(), "-o", str(by_number))[0] == 0  # typed in lower case
    assert _run(world_db, "print", "bulletin", "²", "-o", str(by_number))[0] == 1  # a digit to isdigit, not to int


def test_an_output_path_that_cannot_be_written_is_told_not_traced(world_db, system, tmp_path, capsys):
    world.add_case(world_db, "450503103-2025-000001")
    info = emergencies.report(
        world_db, system, type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_III, title="渔船碰撞起火",
        occurred_at=utcnow(), learned_at=utcnow(), place_text="侨港渔港", township_code=world.QIAOGANG,
        summary="渔船碰撞", people_involved=2, deaths=0, injuries=0, missing=0, measures="已到场")
    missing = tmp_path / "no-such-folder"
    for argv in (["cases", "export", str(missing / "out.csv")], ["cases", "export", str(missing / "out.xlsx")],
                 ["cases", "export", str(missing / "out.json")],
                 ["print", "bulletin", str(info.id), "-o", str(missing / "b.pdf")]):
        assert _run(world_db, *argv)[0] == 1
        err = capsys.readouterr().err
        assert err.startswith("griddesk-admin: 无法写入") and "no-such-folder 不存在" in err, err
    folder = tmp_path / "out.csv"
    folder.mkdir()
    assert _run(world_db, "cases", "export", str(folder))[0] == 1
    assert "是文件夹,不是文件" in capsys.readouterr().err
    assert _run(world_db, "cases", "import", str(folder))[0] == 1
    assert "是文件夹,不是文件" in capsys.readouterr().err


def test_usage_errors_and_bad_coordinates_are_said_in_chinese(world_db, capsys):
    for argv, said in ((["route", "abc", "21.4"], "参数 LON 应为数字,不是 'abc'"),
                       (["print", "bulletin", "1"], "缺少参数 -o/--output"),
                       (["cases", "export", "x", "--format", "pdf"], "参数 --format 不能取 'pdf'")):
        with pytest.raises(SystemExit) as exited:
            _run(world_db, *argv)
        assert exited.value.code == 2 and said in capsys.readouterr().err
    assert _run(world_db, "route", "21.415", "109.105")[0] == 1
    assert "经度和纬度可能写反了" in capsys.readouterr().err
    for lon, lat in (("200", "21.4"), ("nan", "nan"), ("inf", "21.4")):
        assert _run(world_db, "route", lon, lat)[0] == 1
        assert "超出范围(经度 -180~180,纬度 -90~90)" in capsys.readouterr().err
    code, out = _run(world_db, "route", "109.105", "21.415")
    assert code == 0 and out.startswith(world.QIAOBEI + "001\t")


def test_a_point_in_no_grid_is_said_to_be_outside_the_grids_or_between_them(world_db, system, capsys):
    """Art. 16–17: a case taken there goes to the triage list; the extent helps to spot a mistyped point."""
    code, out = _run(world_db, "route", "109.0", "21.0")
    assert (code, out) == (1, "")  # the reason is a refusal's: on standard error
    assert capsys.readouterr().err == ("griddesk-admin: 未找到网格:该点在所有网格范围之外(在用网格分布在经度 109.1000~109.1200、"
                                       "纬度 21.4100~21.4200);请检查坐标是否为 WGS84 经纬度\n")
    bounds = (109.14, 21.41, 109.15, 21.42)
    places.create_grid(world_db, system, village_code=world.QIAOBEI, code=world.QIAOBEI + "003", name="侨北第3网格",
                       geometry=shapely.to_wkb(shapely.box(*bounds)), bounds=bounds)
    assert _run(world_db, "route", "109.13", "21.415")[0] == 1
    err = capsys.readouterr().err
    assert "该点在网格之间的空隙中(在用网格分布在经度 109.1000~109.1500" in err and "进入所在乡镇(街道)的待分拨清单" in err


def test_route_on_a_database_without_grids_says_so(empty_db, capsys):
    assert _run(empty_db, "route", "109.1", "21.4")[0] == 1
    assert capsys.readouterr().err.startswith("griddesk-admin: 未找到网格:库中还没有画出范围的在用网格")


@pytest.mark.law("Art. 21")
def test_emergency_ladder_shown_and_set(db, system, capsys):
    code, out = _run(db, "emergencies", "ladder")
    assert code == 0 and out.splitlines() == [
        "phone_first_minutes=30\t电话首报时限:30 分钟", "written_first_minutes=60\t书面首报时限:60 分钟",
        "follow_up_hours=24\t续报间隔:24 小时", "final_working_days=5\t终报时限:5 个工作日",
        "report_to=county,city\t报送对象:县(区)、市",
    ]
    code, out = _run(db, "emergencies", "ladder", "--set", "follow_up_hours=12", "report_to=county")
    assert code == 0 and out.startswith("已保存报告时限:此后报告的紧急情况全部适用;已报告的,报送对象和已排定的时限不变")
    assert "follow_up_hours=12\t" in out and "report_to=county\t报送对象:县(区)" in out
    assert emergencies.load_ladder(db) == emergencies.LadderRule(follow_up_hours=12, report_to=(HandlingLevel.COUNTY,))
    assert "follow_up_hours=12" in _run(db, "emergencies", "ladder", "--show")[1]
    capsys.readouterr()
    for argv, complaint in ((["phone_first_minutes=ten"], "电话首报时限(phone_first_minutes):应为正整数(分钟)"),
                            (["follow_up_hours"], "应写作 KEY=VALUE"),
                            (["final_working_days=0"], "终报时限(final_working_days)"),
                            # a clock past what a timedelta holds would stop every later report
                            (["follow_up_hours=99999999999999999999"], "续报间隔(follow_up_hours):不能超过 720 小时"),
                            (["final_working_days=61"], "终报时限(final_working_days):不能超过 60 个工作日"),
                            (["report_to=township"], "报送对象(report_to)")):
        assert _run(db, "emergencies", "ladder", "--set", *argv)[0] == 1
        assert complaint in capsys.readouterr().err
    users.add_user(db, system, username="qg_admin", display_name="侨港管理员", password="secret-123",
                   role=Role.TOWNSHIP_ADMIN, scope_code="450503103000")
    assert _run(db, "--as", "qg_admin", "emergencies", "ladder", "--set", "follow_up_hours=6")[0] == 1
    assert "不能设定紧急情况报告时限:报告时限全市统一,须有在北海市设定紧急情况报告时限的权限;请由市级管理员办理" \
        in capsys.readouterr().err
    assert emergencies.load_ladder(db).follow_up_hours == 12
    # --set given twice keeps both.
    assert _run(db, "emergencies", "ladder", "--set", "follow_up_hours=6", "--set", "final_working_days=3")[0] == 0
    assert emergencies.load_ladder(db).follow_up_hours == 6 and emergencies.load_ladder(db).final_working_days == 3


def test_an_import_whose_name_says_no_format_is_told_by_its_content(world_db, tmp_path, capsys):
    exported = tmp_path / "cases.open311"
    assert _run(world_db, "cases", "export", str(exported), "--format", "open311")[0] == 0
    capsys.readouterr()
    assert _run(world_db, "cases", "import", str(exported))[0] == 1
    assert "JSON:数组是空的,没有可导入的诉求" in capsys.readouterr().err  # read as Open311
    plain = tmp_path / "cases.txt"
    plain.write_text("编号,事项编码\n", encoding="utf-8")
    assert _run(world_db, "cases", "import", str(plain))[0] == 1
    assert "无法从文件名" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["out.csv", "out.json"])
def test_an_export_under_a_place_that_does_not_exist_says_so_not_no_permission(world_db, system, tmp_path, capsys,
                                                                                name):
    users.add_user(world_db, system, username="qg_admin", display_name="侨港管理员", password="secret-123",
                   role=Role.TOWNSHIP_ADMIN, scope_code=world.QIAOGANG)
    assert _run(world_db, "--as", "qg_admin", "cases", "export", str(tmp_path / name), "--under", "999999")[0] == 1
    assert "未知的地点代码 999999000000:区划树中没有这个单位" in capsys.readouterr().err
    assert _run(world_db, "--as", "qg_admin", "cases", "export", str(tmp_path / name), "--under", "450502")[0] == 1
    assert "没有在 海城(450502000000) 数据导入导出的权限" in capsys.readouterr().err
    assert not (tmp_path / name).exists()


@pytest.mark.law("Art. 15")
def test_an_export_with_masked_phones_says_so_before_anyone_tries_to_import_it(world_db, system, tmp_path):
    world.add_case(world_db, "450503103-2025-000001")
    users.add_user(world_db, system, username="qg_op1", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code=world.QIAOGANG)
    users.add_user(world_db, system, username="qg_chief", display_name="侨港值班长", password="secret-123",
                   role=Role.SUPERVISOR, scope_code=world.QIAOGANG)
    for user, name, masked in (("qg_op1", "out.csv", True), ("qg_op1", "out.xlsx", True),
                               ("qg_op1", "out.json", False), ("qg_chief", "chief.csv", False)):
        code, out = _run(world_db, "--as", user, "cases", "export", str(tmp_path / name))
        assert code == 0 and out.startswith("已导出 1 件")
        assert ("联系电话已遮挡(本用户无权查看个人信息,Art. 15):这个文件再导入时会被拒绝" in out) is masked, (user, name)
        # An Open311 file carries no requester at all, whoever exports it: said, as the desktop says it.
        assert ("Open311 文件不含诉求人的姓名和电话" in out) is name.endswith(".json"), (user, name)
