"""The 信息快报 (information bulletin) of an Art. 21 emergency report, as an A4 PDF."""

from __future__ import annotations

import hashlib
from collections import Counter
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    HRFlowable,
    Paragraph,
    SetTopFlowables,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from xml.sax.saxutils import escape

from ...db import Database
from ...models import PrintedSheet, utcnow
from ...models.enums import EmergencyStepKind, SheetKind
from ..clock import beijing_text, due_text
from ..emergencies import EmergencyInfo, get_report, reported_to
from ..exchange.files import write_bytes
from ..places import get_place
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .fonts import register_pdf_font


SECTION_START = 20 * mm  # a long text's label and its first two lines
# The ladder's time columns: the year is in the head; a rung's day and time fit on one line.
LADDER_DAY = "%m月%d日"
LADDER_WIDTHS = [24 * mm, 20 * mm, 34 * mm, 34 * mm, 34 * mm, 24 * mm]


def _when(moment) -> str:
    return beijing_text(moment, "%Y年%m月%d日 %H:%M", "—")


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=11, leading=17, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=26, leading=34, alignment=1, textColor=colors.red),
        "issuer": ParagraphStyle("issuer", parent=base, alignment=1, fontSize=12),
        "body": base,
        "label": ParagraphStyle("label", parent=base, textColor=colors.HexColor("#333333")),
        # A list's heading (it never ends a page: _headed).
        "heading": ParagraphStyle("heading", parent=base, textColor=colors.HexColor("#333333"), spaceAfter=1 * mm),
        "small": ParagraphStyle("small", parent=base, fontSize=9.5, leading=13),
        "right": ParagraphStyle("right", parent=base, alignment=2),
        "printed": ParagraphStyle("printed", parent=base, alignment=2, fontSize=9, leading=12,
                                  textColor=colors.HexColor("#666666")),
        # A long text's label, shaded as the facts' labels are.
        "section": ParagraphStyle("section", parent=base, textColor=colors.HexColor("#333333"),
                                  backColor=colors.HexColor("#f2f2f2"), borderPadding=(1 * mm, 2 * mm),
                                  spaceBefore=1 * mm, spaceAfter=2 * mm),
        "text": ParagraphStyle("text", parent=base, firstLineIndent=22, spaceAfter=1 * mm),
    }


def _table(rows: list, widths: list, font: str, *style, header: bool = False) -> Table:
    """A table whose first row, if `header`, is repeated at the top of each page it runs on to.

    Its rows are short: a text that may run over pages (the summary, the measures) is set as a
    section of its own (_section), not in a cell, whose split would leave it under no label.
    """
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    # FONTNAME: else the table itself sets an unembedded Helvetica.
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "TOP"), *style]))
    return table


def stage(info: EmergencyInfo) -> str:
    """Which report this bulletin is: 首报, 续报 (the how-manyth), or 终报 — as the ladder stands."""
    made = [step for step in info.steps if step.done_at is not None]
    if any(step.kind is EmergencyStepKind.FINAL for step in made):
        return "终报"
    # Each level gets its own follow-ups: one round to the county and the city is one 续报.
    # A round missed and made by a later follow-up is no report of its own.
    rounds = Counter(step.to_level for step in made if step.kind is EmergencyStepKind.FOLLOW_UP
                     and not step.missed_round)
    return f"续报(第 {max(rounds.values())} 次)" if rounds else "首报"


def _steps_of_stage(info: EmergencyInfo) -> list:
    """The rungs made that are the report this bulletin is (see stage): the final report's; the
    latest round of follow-ups (each level's latest own follow-up); else the first reports,
    written before phoned."""
    made = [step for step in info.steps if step.done_at is not None]
    final = [step for step in made if step.kind is EmergencyStepKind.FINAL]
    if final:
        return final
    follow_ups = [step for step in made if step.kind is EmergencyStepKind.FOLLOW_UP and not step.missed_round]
    if follow_ups:
        latest = {}
        for step in sorted(follow_ups, key=lambda step: step.done_at):
            latest[step.to_level] = step
        return list(latest.values())
    return ([step for step in made if step.kind is EmergencyStepKind.WRITTEN_FIRST]
            or [step for step in made if step.kind is EmergencyStepKind.PHONE_FIRST])


def _stage_heading(info: EmergencyInfo) -> tuple[str, list]:
    """The heading under which the report this bulletin is leads its front page, and its steps with a text: the
    final report's result, or the latest round of follow-ups. ("", []) for a first report, which says nothing
    the summary does not."""
    steps = [step for step in _steps_of_stage(info) if step.content]
    kind = steps[0].kind if steps else None
    if kind is EmergencyStepKind.FINAL:
        return "处置结果(终报)", steps
    if kind is EmergencyStepKind.FOLLOW_UP:
        return "本次续报情况", steps
    return "", []


def _stage_section(heading: str, steps: list, p) -> list:
    """The report this bulletin is, under `heading` on its front page: each text once, with the levels it went
    to (a final report's one text went to every level at once, emergencies.close)."""
    if not steps:
        return []
    sent_to: dict[str, list[str]] = {}
    for step in steps:
        sent_to.setdefault(step.content, []).append(step.to_level.label)
    text = "\n".join(content if len(sent_to) == 1 else f"(报{'、'.join(levels)}){content}"
                     for content, levels in sent_to.items())
    return _section(heading, text, p)


def _history_line(step, shown: dict[int, str]) -> str:
    """A report's line in 历次报送内容; one that leads the front page is pointed to there, not printed twice."""
    said = f"见上文“{shown[step.id]}”" if step.id in shown else step.content
    return f"{_when(step.done_at)} {step.kind.label}(报{step.to_level.label},{step.done_by}):{said}"


def _summary_label(info: EmergencyInfo) -> str:
    """事件概要, said to be the first report's where no later report brought it up to date: beside the counts
    a follow-up raised (约 40 名 in it, 涉及人员 60), it reads as what was first reported, not as a mistake."""
    brought_up_to_date = any("summary" in change.facts for change in info.corrections)
    if brought_up_to_date or stage(info) == "首报":
        return "事件概要"
    return "事件概要(首报所述)"


def reported_at(info: EmergencyInfo):
    """When the report this bulletin is went up (the first level it went to); None while not yet."""
    steps = _steps_of_stage(info)
    return min(step.done_at for step in steps) if steps else None


def _people(count: int) -> str:
    return f"约 {count} 人" if count else "无"


def _headed(label: str, style: str, body: list, p, space: float) -> list:
    """`body` under its label, flowing over pages. A new page only if not even the label and two
    lines fit: the body itself splits where the page ends. The label, marked 续, opens each further
    page the body runs on to, so that a page opening in the middle of a text says whose text it is."""
    return [Spacer(1, space), CondPageBreak(SECTION_START), p(label, style),
            SetTopFlowables([p(f"{label}(续)", style)]), *body, SetTopFlowables([])]


def _section(label: str, text: str, p) -> list:
    """A long text under its own label, paragraph by paragraph."""
    lines = [line for line in (text or "").split("\n") if line.strip()] or ["—"]
    return _headed(label, "section", [p(line, "text") for line in lines], p, 3 * mm)


def _story(info: EmergencyInfo, issuer: str, addressees: str, printed_at, font: str, styles: dict) -> list:
    p = lambda text, style="body": Paragraph(escape(str(text)).replace("\n", "<br/>"), styles[style])  # noqa: E731
    casualties = f"死亡 {info.deaths} 人,受伤 {info.injuries} 人,失踪 {info.missing} 人"
    if info.casualties_unverified:  # a first report's counts: what is known so far
        casualties = f"伤亡情况尚在核实。目前已知{casualties}"
    if info.anticipated:  # a warning of what may happen (Art. 21): no time it happened, the one expected
        timing = [("事件性质", "可能发生(预警报告,尚未发生)"), ("预计发生时间", _when(info.expected_at) if info.expected_at else "未定")]
    else:
        timing = [("发生时间", _when(info.occurred_at))]
    facts = [
        ("事件标题", info.title),
        ("事件类型", info.type.label),
        ("事件级别", info.level.label),
        *timing,
        ("获知时间", _when(info.learned_at)),
        ("发生地点", info.place_text + (f"(网格 {info.grid_code})" if info.grid_code else "")),
        ("涉及人员", _people(info.people_involved)),
        ("伤亡情况", casualties),
        ("当前状态", info.state.label + (f"(处置完毕于 {_when(info.handled_at)})" if info.handled_at else "")),
    ]
    fact_table = _table([[p(k, "label"), p(v)] for k, v in facts], [28 * mm, 142 * mm], font,
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")))
    ladder = [[p(h, "small") for h in ("报告环节", "报送对象", "时限", "报送时间", "报送人", "情况")]]
    for step in info.steps:
        cells = (step.kind.label, step.to_level.label, due_text(step.due_at, LADDER_DAY, "—"),
                 beijing_text(step.done_at, f"{LADDER_DAY} %H:%M", "—"), step.done_by or "—", step.status(printed_at))
        ladder.append([p(cell, "small") for cell in cells])
    ladder_table = _table(ladder, LADDER_WIDTHS, font,
                          ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                          ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")), header=True)
    # As in the head of an official report to a higher level: who signs it stands before the text,
    # so that it never ends up alone on a page of its own.
    signatures = _table([[p("签发人:"), p("审核人:"), p("拟稿人:" + info.reported_by)]], [57 * mm] * 3, font)
    made = sorted((step for step in info.steps if step.done_at is not None and step.content),
                  key=lambda step: step.done_at)
    sent = reported_at(info)
    heading, stage_steps = _stage_heading(info)
    story = [
        p(f"信息快报({stage(info)})", "title"),
        Spacer(1, 3 * mm),
        p(issuer, "issuer"),
        # 报送时间 is when this report went up, not when it was printed: the print time is told apart.
        _table([[p(f"编号:{info.number}"), p(f"报送时间:{_when(sent) if sent else '尚未报送'}", "right")],
                [p(""), p(f"打印时间:{_when(printed_at)}", "printed")]], [85 * mm, 85 * mm], font,
               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)),
        HRFlowable(width="100%", thickness=2, color=colors.red, spaceBefore=3 * mm, spaceAfter=2 * mm),
        signatures,
        Spacer(1, 1 * mm),
        p(f"主送:{addressees}"),
        Spacer(1, 3 * mm),
        fact_table,
        *_stage_section(heading, stage_steps, p),
        *_section(_summary_label(info), info.summary, p),
        *_section("处置措施", info.measures, p),
        Spacer(1, 6 * mm),
        p("报告进度(《北海市网格化服务管理条例》第二十一条)", "label"),
        Spacer(1, 2 * mm),
        ladder_table,
    ]
    if made:  # what each report said, in the order it went up
        shown = {step.id: heading for step in stage_steps}
        story += _headed("历次报送内容", "heading", [p(_history_line(step, shown), "small") for step in made], p, 5 * mm)
    # The facts and times above are as brought up to date and as corrected: what they were, and why, is told
    # here; what follow-ups added apart from mistakes put right, which alone are corrections.
    for heading, changes in (("续报补充、更新的事实", info.facts_supplemented), ("更正记录", info.mistakes_corrected)):
        if changes:
            story += _headed(heading, "heading", [p(f"{_when(c.at)} {c.by}:{c.message}", "small") for c in changes],
                             p, 5 * mm)
    return story


def _page_numbers(font: str, total: int | None):
    """Draws 第 x 页 共 y 页 at the foot of each page (y left out on the counting pass)."""
    def draw(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        number = canvas.getPageNumber()
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {number} 页" + (f" 共 {total} 页" if total else ""))
        canvas.restoreState()
    return draw


def _addressees(info: EmergencyInfo, township) -> str:
    """The levels this report's ladder goes to (as the ladder stood when it was made), by name."""
    levels = {step.to_level for step in info.steps}
    return "、".join(f"{place.name}网格化服务管理机构" for level, place in reported_to(township).items() if level in levels)


def write_bulletin(db: Database, actor: Actor, report_id: int, path: Path) -> int:
    """Print the bulletin of one report to `path` (PDF, font embedded); returns the page count.

    Needs Permission.PRINT in the report's township; the printing is recorded (PrintedSheet).
    """
    info = get_report(db, actor, report_id)
    font = register_pdf_font()
    with unit_of_work(db, actor, "printing.bulletin", target=f"emergency:{report_id}") as uow:
        township = get_place(uow.session, info.township_code)
        uow.require(Permission.PRINT, township.code, township.short_name)
        issuer = f"{township.parent.name}{township.name}网格化服务管理中心"
        addressees, printed_at = _addressees(info, township), utcnow()

        def build(total: int | None) -> tuple[bytes, int]:
            buffer = BytesIO()
            document = SimpleDocTemplate(buffer, pagesize=A4, title=f"信息快报 {info.number}", author=issuer,
                                         leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                         bottomMargin=18 * mm)
            numbers = _page_numbers(font, total)
            document.build(_story(info, issuer, addressees, printed_at, font, _styles(font)),
                           onFirstPage=numbers, onLaterPages=numbers)
            return buffer.getvalue(), document.page

        _, page_count = build(None)  # counted first: the foot of each page says of how many
        pdf, _ = build(page_count)
        write_bytes(Path(path), pdf, published_by=uow)
        digest = hashlib.sha256(pdf).hexdigest()
        uow.session.add(PrintedSheet(kind=SheetKind.BULLETIN, place_id=township.id, subject_ref=info.number,
                                     content_hash=digest, printed_by=actor.display_name, pages=page_count))
        uow.audit(f"打印信息快报 {info.number}", pages=page_count)
        return page_count
