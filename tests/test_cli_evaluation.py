"""griddesk-admin evaluation export, print assessment, governance and conformance."""

from __future__ import annotations

import csv
import io
import hashlib
import json
import re
import sys
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from demo_dates import demo_month, demo_year
from pdftools import assert_cjk_font_embedded, pdf_text
from desktop.cli import main
from desktop.models import AuditEntry, EvaluationMonthCount, PrintedSheet
from desktop.models.enums import AuditOutcome, Role, SheetKind
from desktop.services import conformance, security
from desktop.services.security import Permission
from desktop.services.clock import BEIJING
from desktop.services.evaluation.periods import PeriodKind, period_of


def run(db, *argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *argv], out=out)
    return code, out.getvalue()


def test_export_csv_json_xlsx(demo_db, tmp_path):
    year = demo_year(demo_db)
    code, text = run(demo_db, "evaluation", "export", "--period", year, "--level", "grid")
    assert code == 0
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["排名", "对象编码", "对象名称", "综合得分"] and len(rows) > 2
    code, text = run(demo_db, "evaluation", "export", "--period", year, "--level", "grid", "--format", "json")
    data = json.loads(text)
    assert data["level"] == "grid" and len(data["subjects"]) == len(rows) - 1
    first = data["subjects"][0]
    assert first["rank"] == 1 and set(first["figures"]) >= {"response", "resolution", "satisfaction"}
    assert run(demo_db, "evaluation", "export", "--period", year, "--format", "xlsx")[0] == 1
    target = tmp_path / "scores.xlsx"
    assert run(demo_db, "evaluation", "export", "--period", year, "-o", str(target))[0] == 0
    sheet = load_workbook(target).active
    assert sheet.cell(1, 1).value == "排名" and sheet.max_row > 1


def _last_entry(db, action: str) -> AuditEntry:
    with db.session() as session:
        return session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                               .order_by(AuditEntry.id.desc())).first()


@pytest.mark.law("Art. 15")
def test_an_export_of_the_staffs_scores_is_on_record(demo_db, tmp_path):
    """Per-person scores are personal data: each export says what, where, which level and how many rows."""
    target, year = tmp_path / "staff.csv", demo_year(demo_db)
    code, _ = run(demo_db, "--as", "qg_chief", "evaluation", "export", "--period", year, "--level", "staff",
                  "--under", "450503103000", "-o", str(target))
    assert code == 0
    written = len(list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))) - 1
    entry = _last_entry(demo_db, "evaluation.export")
    assert (entry.outcome, entry.actor, entry.place_code, entry.target) == (
        AuditOutcome.OK, "qg_chief", "450503103000", f"{year}/staff")
    assert entry.detail["rows"] == written > 0 and entry.detail["level"] == "staff" and entry.detail["file"] == "staff.csv"
    assert f"考核结果 {written} 条" in entry.message and "侨港镇" in entry.message
    code, text = run(demo_db, "evaluation", "export", "--period", year, "--level", "grid", "--format", "json")
    entry = _last_entry(demo_db, "evaluation.export")
    assert code == 0 and (entry.detail["level"], entry.detail["file"]) == ("grid", None) and "标准输出" in entry.message
    assert entry.detail["rows"] == len(json.loads(text)["subjects"])


@pytest.mark.law("Art. 15")
def test_an_export_of_scores_needs_the_export_right_over_the_place_and_a_refusal_is_on_record(
        demo_db, tmp_path, capsys, monkeypatch):
    """Evaluating is not exporting: one who may evaluate but not export a place's data is refused."""
    monkeypatch.setitem(security.ROLE_PERMISSIONS, Role.SUPERVISOR,
                        security.ROLE_PERMISSIONS[Role.SUPERVISOR] - {Permission.EXCHANGE})
    target = tmp_path / "staff.csv"
    code, _ = run(demo_db, "--as", "qg_chief", "evaluation", "export", "--period", "2026", "--level", "staff",
                  "-o", str(target))
    refusal = capsys.readouterr().err
    assert code == 1 and "导出考核结果" in refusal and "数据导入导出" in refusal and "Art. 15" in refusal
    assert not target.exists()
    entry = _last_entry(demo_db, "evaluation.export")
    assert (entry.outcome, entry.actor, entry.place_code) == (AuditOutcome.DENIED, "qg_chief", "450503103000")


@pytest.mark.law("Art. 23")
def test_print_assessment_forms(demo_db, tmp_path):
    target, year = tmp_path / "assessment.pdf", demo_year(demo_db)
    code, text = run(demo_db, "print", "assessment", "--period", year, "--level", "township", "-o", str(target))
    assert code == 0 and "考核表" in text
    pdf = pdf_text(target)
    for words in ("综合评价考核表", "考核人(签字)", "被考核单位负责人(签字)", "表彰奖励建议名单", "响应率", "侨港镇"):
        assert words in pdf
    assert_cjk_font_embedded(target)
    with demo_db.session() as session:
        sheet = session.scalars(select(PrintedSheet).order_by(PrintedSheet.id.desc())).first()
    assert (sheet.kind, sheet.subject_ref) == (SheetKind.ASSESSMENT, f"{year}/township")
    assert sheet.content_hash == hashlib.sha256(target.read_bytes()).hexdigest() and f"共 {sheet.pages} 页" in text
    assert run(demo_db, "print", "assessment", "--period", "2026-13", "--level", "grid", "-o", str(target))[0] == 1


@pytest.mark.law("Art. 23")
def test_a_township_form_asked_of_a_village_carries_the_whole_townships_figures(demo_db, tmp_path, capsys):
    """`print assessment --level township --under` a village printed 侨港镇's form, ranked 1/1 and ready to
    sign, with that village's figures only: the whole township is assessed, and the command says so."""
    from desktop.services.clock import beijing_today

    month = f"{beijing_today().replace(day=1) - timedelta(days=1):%Y-%m}"  # over: its figures stay put
    asked = ("--as", "qg_admin", "evaluation", "export", "--period", month, "--level", "township", "--format", "json")
    whole = json.loads(run(demo_db, *asked, "--under", "450503103000")[1])
    capsys.readouterr()
    village = json.loads(run(demo_db, *asked, "--under", "450503103001")[1])
    assert (village["scope"], village["subjects"]) == ("450503103000", whole["subjects"])
    note = "griddesk-admin: 提示:乡镇(街道)按整个乡镇考核:所选侨北社区属于侨港镇,按侨港镇全部数据计算\n"
    assert capsys.readouterr().err == note
    target = tmp_path / "village.pdf"
    code, _ = run(demo_db, "--as", "qg_admin", "print", "assessment", "--period", month, "--level", "township",
                  "--under", "450503103001", "-o", str(target))
    assert code == 0 and capsys.readouterr().err == note
    assert "被考核对象:侨港镇 (450503103000) 范围:侨港镇" in " ".join(pdf_text(target).split())


def test_staff_forms_name_the_person_by_number(demo_db, tmp_path):
    target = tmp_path / "staff.pdf"
    assert run(demo_db, "print", "assessment", "--period", demo_year(demo_db), "--level", "staff",
               "-o", str(target))[0] == 0
    first = " ".join(pdf_text(target).split("\f")[0].split())
    assert "人员编号" in first and "数据截至" in first
    # A staff member signs for themself: no unit, no head of one.
    assert "被考核人(签字)" in first and "单位负责人" not in first


@pytest.mark.law("Art. 23")
def test_settle_and_reopen_a_month(demo_db, tmp_path):
    month = demo_month(demo_db)
    quarter = period_of(month.start, PeriodKind.QUARTER).code
    code, text = run(demo_db, "evaluation", "settle", "--period", month.code)
    assert code == 0 and f"已结算{month.label}考核数据" in text
    assert run(demo_db, "evaluation", "settle", "--period", month.code)[0] == 1  # already settled
    assert run(demo_db, "evaluation", "settle", "--period", quarter)[0] == 1  # months only
    code, text = run(demo_db, "print", "assessment", "--period", quarter, "--level", "township",
                     "-o", str(tmp_path / "quarter.pdf"))
    assert code == 0 and f"其中 {month.code} 为结算数据" in text
    assert f"其中{month.code}为结算数据" in "".join(pdf_text(tmp_path / "quarter.pdf").split())
    code, text = run(demo_db, "evaluation", "settlements")
    assert code == 0 and text.split()[:5] == ["月份", "状态", "结算时间", "结算人", "数据"]
    assert re.search(rf"^{month.code} +已结算 +\d{{4}}-\d\d-\d\d \d\d:\d\d +\S+ +\d+ 项$", text, re.M)
    assert run(demo_db, "evaluation", "reopen", "--period", month.code, "--reason", "回访数据补录")[0] == 0
    assert re.search(rf"^{month.code} +已撤销结算 +- +- +\d+ 项$", run(demo_db, "evaluation", "settlements")[1], re.M)


def test_governance_and_conformance_commands(demo_db, tmp_path):
    from desktop.services.clock import beijing_today

    code, text = run(demo_db, "governance", "list")
    assert code == 0 and text.strip().endswith("项") and text.split()[:2] == ["编号", "状态"]
    code, text = run(demo_db, "governance", "detect")
    assert code == 0 and text.split()[:2] == ["编号", "地点"] and "\t" not in text
    suggested = text.splitlines()[1].split()[0]
    review_on = f"{beijing_today() + timedelta(days=30):%Y-%m-%d}"  # not before today
    code, text = run(demo_db, "governance", "accept", suggested, "--department", "450500-CGJ", "--review-on", review_on)
    assert code == 0 and "责任部门 北海市城市管理综合执法局" in text  # named by the code departments list shows
    code, text = run(demo_db, "conformance")
    assert code == 0 and "第21条" in text
    target = tmp_path / "law.pdf"
    assert run(demo_db, "conformance", "-o", str(target))[0] == 0 and target.stat().st_size > 1000


def test_conformance_of_an_installed_copy_says_the_tests_are_not_there(tmp_path, monkeypatch):
    monkeypatch.setattr(conformance, "default_tests_dir", lambda: None)
    out = io.StringIO()
    assert main(["--db", f"sqlite:///{tmp_path / 'unused.sqlite'}", "conformance"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "本安装不含测试,测试数不可用"
    assert lines[1].split() == ["条款", "功能", "测试"] and "\t" not in out.getvalue()
    assert lines[2].split() == ["第2条", "适用范围与定义", "2", "—"] and len(lines) == 24  # no list of untested articles


@pytest.mark.law("Art. 23")
def test_keep_counts_each_month_over_once_ahead_of_the_evaluations(demo_db, capsys):
    today = datetime.now(BEIJING)
    months_over = 12 + today.month - 1  # last year's and this year's, but this month
    code, text = run(demo_db, "evaluation", "keep")
    assert code == 0
    # Run nightly by a task scheduler: its log holds the answer alone, and standard error, no terminal, nothing.
    assert text.splitlines() == [f"已统计并保留 {3 * months_over} 个月份·层级的考核数据"
                                 f"({today.year - 1}、{today.year} 年);其余已结束的月份已保留或已结算"]
    assert capsys.readouterr().err == ""
    with demo_db.session() as session:
        kept = set(session.execute(select(EvaluationMonthCount.subject_kind, EvaluationMonthCount.month)))
    assert len(kept) == 3 * months_over and {kind for kind, _ in kept} == {"township", "department", "grid"}
    last_month_over = today.replace(day=1) - timedelta(days=1)
    assert ("grid", f"{today.year - 1}-01") in kept and ("department", f"{last_month_over:%Y-%m}") in kept
    code, text = run(demo_db, "evaluation", "keep")
    assert code == 0 and text.startswith("已统计并保留 0 个")
    code, text = run(demo_db, "--as", "qg_police", "evaluation", "keep", "--year", str(today.year))
    assert code == 1
    code, text = run(demo_db, "evaluation", "keep", "--year", str(today.year - 1), str(today.year))
    assert code == 0 and f"({today.year - 1}、{today.year} 年)" in text


@pytest.mark.law("Art. 23")
def test_keep_at_a_terminal_counts_the_months_on_standard_error(demo_db, monkeypatch):
    terminal = type("Terminal", (io.StringIO,), {"isatty": lambda self: True})()
    monkeypatch.setattr(sys, "stderr", terminal)
    today = datetime.now(BEIJING)
    code, text = run(demo_db, "evaluation", "keep", "--year", str(today.year - 1))
    assert code == 0 and text.startswith("已统计并保留 36 个") and len(text.splitlines()) == 1
    said = terminal.getvalue()
    assert said.startswith("\r正在统计各月份·层级的考核数据 0/36\r正在统计各月份·层级的考核数据 1/36")
    assert said.endswith("\r正在统计各月份·层级的考核数据 36/36\n") and said.count("\n") == 1


@pytest.mark.law("Art. 23")
def test_forms_of_a_period_not_over_say_they_are_not_its_result(demo_db, tmp_path, capsys):
    """A year's forms printed in November, with signature lines and a commendation list, passed for the
    year's result: each page (the list too) and the command's answer now say the period is still running."""
    from desktop.services.clock import beijing_today

    this_year, last_year = beijing_today().year, beijing_today().year - 1
    running = tmp_path / "running.pdf"
    code, text = run(demo_db, "print", "assessment", "--period", str(this_year), "--level", "township",
                     "-o", str(running))
    assert code == 0 and f"考核期{this_year}年度至 {this_year}-12-31 尚未结束" in text
    pages = ["".join(page.split()) for page in pdf_text(running).split("\f") if page.strip()]
    assert "表彰奖励建议名单" in pages[-1]
    assert all(f"注意:考核期{this_year}年度至{this_year}-12-31尚未结束" in page for page in pages)
    code, _ = run(demo_db, "print", "assessment", "--period", f"{this_year + 1}-01", "--level", "township",
                  "-o", str(tmp_path / "future.pdf"))
    refusal = capsys.readouterr().err
    assert code == 1 and f"考核期{this_year + 1}年1月自 {this_year + 1}-01-01 起,尚未开始" in refusal
    assert "(Art. 23)" in refusal and not (tmp_path / "future.pdf").exists()
    over = tmp_path / "over.pdf"
    code, text = run(demo_db, "print", "assessment", "--period", str(last_year), "--level", "township", "-o", str(over))
    assert code == 0 and "尚未" not in text and "注意" not in pdf_text(over)


@pytest.mark.law("Art. 23")
def test_the_answer_counts_the_townships_with_no_data_and_says_why_none_is_commended(demo_db, tmp_path):
    """"4 份(其中 1 个对象参与排名,0 个样本不足)": 银海区's three townships without a case were counted as
    neither, and 侨港镇, ranked 1 of 1, went onto the commendation list unremarked."""
    target = tmp_path / "town.pdf"
    code, text = run(demo_db, "--as", "yh_admin", "print", "assessment", "--period", demo_month(demo_db).code,
                     "--level", "township", "-o", str(target))
    assert code == 0 and "考核表 4 份" in text
    assert "1 个对象参与排名,3 个样本不足(其中 3 个本期无可考核数据)" in text
    assert "参与排名的对象仅 1 个,不多于建议表彰的 3 名,排名不能区分出表现优秀者,本考核期不提出表彰建议" in text


def test_xlsx_to_standard_output_is_refused_naming_the_option_once(demo_db, capsys):
    assert run(demo_db, "evaluation", "export", "--period", "2026", "--format", "xlsx")[0] == 1
    err = capsys.readouterr().err
    assert err == "griddesk-admin: XLSX 是二进制文件,请用 -o 指定输出文件\n"  # not again as --output
