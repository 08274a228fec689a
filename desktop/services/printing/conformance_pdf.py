"""The law-conformance report as PDF: article, summary, implementing features, checking tests."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..conformance import TESTS_NOT_INSTALLED, ConformanceReport
from ..exchange.files import write_bytes
from .fonts import register_pdf_font

TESTS_PER_ROW = 12  # a long test name wraps: at most about 250 points of the page's 515


def render_conformance(report: ConformanceReport, target: str | Path | None = None) -> bytes:
    font = register_pdf_font()
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1)
    cell = ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=11)
    code = ParagraphStyle("code", fontName=font, fontSize=7.5, leading=10)
    rows = [[Paragraph(h, cell) for h in ("条款", "内容要点", "实现功能", "检验测试")]]
    for row in report.rows:
        names = [f"{t.path}::{t.name}" for t in row.tests]
        # A table row cannot break across pages: a long list of tests goes on in rows of its own.
        chunks = [names[i:i + TESTS_PER_ROW] for i in range(0, len(names), TESTS_PER_ROW)] or [[]]
        for n, chunk in enumerate(chunks):
            tests = "<br/>".join(chunk) or ("<font color='#c62828'>(暂无测试)</font>" if report.tests_counted else "—")
            if n == 0:
                rows.append([Paragraph(f"第{row.number}条<br/>{row.title}", cell), Paragraph(row.summary, cell),
                             Paragraph("<br/>".join(row.features) or "—", code), Paragraph(tests, code)])
            else:
                rows.append([Paragraph(f"第{row.number}条(续)", cell), "", "", Paragraph(tests, code)])
    table = Table(rows, colWidths=[30 * mm, 70 * mm, 70 * mm, 100 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),  # else the table sets an unembedded Helvetica
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
    ]))
    if report.tests_counted:
        tested = len(report.rows) - len(report.untested)
        # The folder by name only: a printed sheet names no machine's paths.
        note = (f"共 {len(report.rows)} 条,其中 {tested} 条有测试检验。测试清单由测试套件中的 "
                f"@pytest.mark.law 标记自动生成(来源:{Path(report.tests_dir).name}/ 目录)。")
    else:
        note = f"共 {len(report.rows)} 条。{TESTS_NOT_INSTALLED}。"
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title="条例对照表", author="GridDesk 网格指挥台")
    doc.build([Paragraph("《北海市网格化服务管理条例》条款对照表", title), Spacer(1, 3 * mm),
               Paragraph(note, cell), Spacer(1, 3 * mm), table])
    data = buffer.getvalue()
    if target is not None:
        write_bytes(Path(target), data)
    return data
