"""griddesk-admin evaluation export, print assessment, governance and conformance."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from pdftools import assert_cjk_font_embedded, pdf_text
from desktop.cli import main


def run(db, *argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *argv], out=out)
    return code, out.getvalue()


def test_export_csv_json_xlsx(demo_db, tmp_path):
    code, text = run(demo_db, "evaluation", "export", "--period", "2026", "--level", "grid")
    assert code == 0
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["排名", "对象编码", "对象名称", "综合得分"] and len(rows) > 2
    code, text = run(demo_db, "evaluation", "export", "--period", "2026", "--level", "grid", "--format", "json")
    data = json.loads(text)
    assert data["level"] == "grid" and len(data["subjects"]) == len(rows) - 1
    first = data["subjects"][0]
    assert first["rank"] == 1 and set(first["figures"]) >= {"response", "resolution", "satisfaction"}
    assert run(demo_db, "evaluation", "export", "--period", "2026", "--format", "xlsx")[0] == 1
    target = tmp_path / "scores.xlsx"
    assert run(demo_db, "evaluation", "export", "--period", "2026", "-o", str(target))[0] == 0
    sheet = load_workbook(target).active
    assert sheet.cell(1, 1).value == "排名" and sheet.max_row > 1


@pytest.mark.law("Art. 23")
def test_print_assessment_forms(demo_db, tmp_path):
    target = tmp_path / "assessment.pdf"
    code, text = run(demo_db, "print", "assessment", "--period", "2026", "--level", "township", "-o", str(target))
    assert code == 0 and "考核表" in text
    pdf = pdf_text(target)
    for words in ("综合评价考核表", "考核人(签字)", "被考核单位负责人(签字)", "表彰奖励建议名单", "响应率", "侨港镇"):
        assert words in pdf
    assert_cjk_font_embedded(target)
    assert run(demo_db, "print", "assessment", "--period", "2026-13", "--level", "grid", "-o", str(target))[0] == 1


def test_governance_and_conformance_commands(demo_db, tmp_path):
    code, text = run(demo_db, "governance", "list")
    assert code == 0 and text.strip().endswith("项")
    code, text = run(demo_db, "conformance")
    assert code == 0 and "第21条" in text
    target = tmp_path / "law.pdf"
    assert run(demo_db, "conformance", "-o", str(target))[0] == 0 and target.stat().st_size > 1000
