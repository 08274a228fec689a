"""Assessment forms 考核表 (Art. 23): one A4 page per subject, then the commendation list.

Each form lists the indicators with numerator, denominator, rate, weight and weighted score,
the composite and the rank (样本不足 and the sample, for a subject scored on too few rows to be
ranked), the cases reported apart (暂缓), and signature lines. A subject with nothing counted in the
period gets a short form saying so (本考核期无可考核数据) in place of a table of noughts. The font is
the bundled CJK font, embedded.
"""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ...db import Database
from ...models import PrintedSheet
from ...models.enums import SheetKind
from ..clock import BEIJING
from ..evaluation.scores import NO_DATA, SMALL_SAMPLE, Evaluation, SubjectScore
from ..evaluation.sources import Level
from ..exchange.files import write_bytes
from ..places import get_place
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .fonts import register_pdf_font

COMMENDED = 3  # top performers proposed for commendation


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=17, leading=24, alignment=1, spaceAfter=4 * mm),
        "meta": ParagraphStyle("meta", fontName=font, fontSize=10.5, leading=16),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=10, leading=13),
        "note": ParagraphStyle("note", fontName=font, fontSize=9, leading=13, textColor=colors.HexColor("#444444")),
        "warning": ParagraphStyle("warning", fontName=font, fontSize=10, leading=14, textColor=colors.HexColor("#b00000")),
    }


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _contributions(subject: SubjectScore) -> dict[str, float | None]:
    """Weighted score per indicator; they add up to the composite (missing rates carry no weight)."""
    present = [f for f in subject.figures if f.rate is not None and f.weight > 0]
    total = sum(f.weight for f in present)
    return {f.code: (100 * f.weight * f.rate / total if total and f in present else None) for f in subject.figures}


def _form(evaluation: Evaluation, subject: SubjectScore, ranked: int, styles) -> list:
    if subject.no_data:
        return _no_data_form(evaluation, subject, styles)
    font = styles["cell"].fontName
    shares = _contributions(subject)
    rows = [["考核指标", "分子", "分母", "比率", "权重", "加权得分"]]
    for f in subject.figures:
        share = shares[f.code]
        rows.append([Paragraph(f.name, styles["cell"]), str(f.numerator), str(f.denominator), percent(f.rate),
                     f"{100 * f.weight:.0f}%", "—" if share is None else f"{share:.2f}"])
    composite = "—" if subject.composite is None else f"{subject.composite:.2f}"
    rows += [["综合得分", "", "", "", "", composite], _rank_row(evaluation, subject, ranked),
             ["暂缓办理(另行统计)", "", "", "", "", f"{subject.on_hold} 件"]]
    table = Table(rows, colWidths=[62 * mm, 20 * mm, 20 * mm, 22 * mm, 18 * mm, 28 * mm], repeatRows=1)
    last = len(rows) - 1
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *[("SPAN", (0, r), (4, r)) for r in range(last - 2, last + 1)],
        ("BACKGROUND", (0, last - 2), (-1, last - 1), colors.HexColor("#f6f6f6")),
    ]))
    return [
        *_heading(evaluation, subject, styles), table, Spacer(1, 3 * mm),
        _note(evaluation, "诉求按其办理期限所在考核期计入;暂缓办理(第十九条第二项)的诉求不计入各项比率,另行统计;"
                          f"无应计事项的指标记为“—”,其权重不参与综合得分;{evaluation.small_sample_note()}", styles),
        *_running(evaluation, styles), *_signatures(evaluation, font),
    ]


def _no_data_form(evaluation: Evaluation, subject: SubjectScore, styles) -> list:
    """The form of a subject with nothing due in the period: it says so, and that it is neither scored nor
    ranked, instead of a table of noughts that reads like a result (Art. 23)."""
    on_hold = f"暂缓办理(另行统计)的诉求 {subject.on_hold} 件。" if subject.on_hold else ""
    return [
        *_heading(evaluation, subject, styles),
        Paragraph(f"<b>本考核期无可考核数据</b>({NO_DATA}):各项考核指标均无应计事项,不计算综合得分,"
                  f"不参与排名和表彰。{on_hold}", styles["meta"]),
        Spacer(1, 3 * mm), _note(evaluation, f"诉求按其办理期限所在考核期计入;{evaluation.small_sample_note()}", styles),
        *_running(evaluation, styles), *_signatures(evaluation, styles["cell"].fontName),
    ]


def _heading(evaluation: Evaluation, subject: SubjectScore, styles) -> list:
    return [
        Paragraph("网格化服务管理工作综合评价考核表", styles["title"]),
        Paragraph(f"考核期:{evaluation.period.label}  ({evaluation.period.code})    "
                  f"考核对象类别:{evaluation.level.label}", styles["meta"]),
        Paragraph(f"被考核对象:<b>{subject.name}</b>  ({_reference(evaluation, subject)})    范围:{evaluation.scope_name}", styles["meta"]),
        Spacer(1, 4 * mm),
    ]


def _note(evaluation: Evaluation, explanation: str, styles) -> Paragraph:
    as_of = evaluation.as_of.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    return Paragraph(f"说明:{explanation}。<br/>数据截至 {as_of}"
                     f"{';' + evaluation.settled_note() if evaluation.settled else ''}。"
                     "依据《北海市网格化服务管理条例》第五条、第二十三条。", styles["note"])


def _signatures(evaluation: Evaluation, font: str) -> list:
    # A staff member signs for themself; a unit's form, its head.
    assessed = "被考核人(签字):" if evaluation.level is Level.STAFF else "被考核单位负责人(签字):"
    signatures = Table([["考核人(签字):", "", assessed, "", "日期:", ""]],
                       colWidths=[25 * mm, 30 * mm, 43 * mm, 30 * mm, 12 * mm, 30 * mm])
    signatures.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 10),
        *[("LINEBELOW", (c, 0), (c, 0), 0.6, colors.black) for c in (1, 3, 5)],
    ]))
    return [Spacer(1, 18 * mm), signatures, PageBreak()]


def _rank_row(evaluation: Evaluation, subject: SubjectScore, ranked: int) -> list[str]:
    if subject.small_sample:  # scored, but on too few rows to be set beside the others (Art. 23)
        return [f"排名(应计 {subject.sample} 件,少于 {evaluation.min_sample} 件,不参与排名)", "", "", "", "", SMALL_SAMPLE]
    return ["排名", "", "", "", "", "—" if subject.rank is None else f"{subject.rank} / {ranked}"]


def _running(evaluation: Evaluation, styles) -> list:
    """A period not over when counted, said in red on each page: a signed form or a commendation
    list of it would otherwise pass for the period's result."""
    note = evaluation.running_note()
    if not note:
        return []
    as_of = evaluation.as_of.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    return [Spacer(1, 2 * mm), Paragraph(f"注意:{note}(数据截至 {as_of})。", styles["warning"])]


def _reference(evaluation: Evaluation, subject: SubjectScore) -> str:
    """What identifies a subject on paper: a place's or department's code; a person's number in GridDesk."""
    return f"人员编号 {subject.ref}" if evaluation.level is Level.STAFF else subject.ref


def _commendations(evaluation: Evaluation, styles) -> list:
    font = styles["cell"].fontName
    top = evaluation.commendations(COMMENDED)
    rows = [["名次", evaluation.level.label, "综合得分"]] + [
        [str(s.rank), Paragraph(s.name, styles["cell"]), f"{s.composite:.2f}"] for s in top]
    table = Table(rows, colWidths=[20 * mm, 100 * mm, 40 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    body = [Paragraph("表彰奖励建议名单", styles["title"]),
            Paragraph(f"考核期:{evaluation.period.label}    类别:{evaluation.level.label}    "
                      f"范围:{evaluation.scope_name}", styles["meta"]), *_running(evaluation, styles), Spacer(1, 4 * mm)]
    if top:
        body.append(table)
    else:
        body.append(Paragraph(f"{evaluation.commendation_note(COMMENDED) or '本考核期无可排名的考核对象'}。",
                              styles["meta"]))
    body += [Spacer(1, 3 * mm), Paragraph(
        f"参与排名的对象多于 {COMMENDED} 个时,综合得分前 {COMMENDED} 名(并列者同列)"
        f"建议按照国家和自治区有关规定给予表彰、奖励;{evaluation.small_sample_note()}(第二十三条)。",
        styles["note"])]
    return body


def _render(evaluation: Evaluation) -> tuple[bytes, int]:
    """The PDF and its page count."""
    font = register_pdf_font()
    styles = _styles(font)
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=f"考核表 {evaluation.period.code} {evaluation.level.label}",
                            author="GridDesk 网格指挥台")
    ranked = evaluation.ranked()
    story = [flowable for subject in evaluation.subjects for flowable in _form(evaluation, subject, ranked, styles)]
    story += _commendations(evaluation, styles)
    doc.build(story)
    return buffer.getvalue(), doc.page


def print_assessment(db: Database, actor: Actor, evaluation: Evaluation, path: str | Path) -> int:
    """Print the forms to `path` and record the printing (PrintedSheet, audit); returns the page count.

    Needs Permission.PRINT in the evaluation's scope: a printed form is what gets signed (Art. 23).
    """
    data, pages = _render(evaluation)
    with unit_of_work(db, actor, "printing.assessment", target=f"{evaluation.period.code}/{evaluation.level.value}") as uow:
        scope = get_place(uow.session, evaluation.scope_code)
        uow.require(Permission.PRINT, scope.code, scope.short_name)
        write_bytes(Path(path), data, published_by=uow)  # the old PDF held open by a viewer: refused, nothing recorded
        uow.session.add(PrintedSheet(kind=SheetKind.ASSESSMENT, place_id=scope.id,
                                     subject_ref=f"{evaluation.period.code}/{evaluation.level.value}",
                                     content_hash=hashlib.sha256(data).hexdigest(), printed_by=actor.display_name,
                                     pages=pages))
        uow.audit(f"打印{evaluation.period.label}{evaluation.level.label}考核表 {len(evaluation.subjects)} 份",
                  period=evaluation.period.code, level=evaluation.level.value, scope=scope.code, pages=pages,
                  settled=list(evaluation.settled))
        return pages
