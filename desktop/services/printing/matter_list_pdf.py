"""The published matter list as a PDF (Art. 12(1): compiled and "向社会公布"), grouped by the
statutory categories it has items in (each numbered as in Art. 12), with each list's version and
publish date."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from ...db import Database
from ...errors import ValidationFailed
from ...models import PrintedSheet
from ...models.enums import MatterCategory, SheetKind, TimeLimitUnit
from ..clock import beijing_today
from ..exchange.files import write_bytes
from ..matter_list import MatterItemInfo, MatterListInfo, in_force, require_governed_reader
from ..places import get_place
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .fonts import register_pdf_font

CHINESE_NUMERALS = "一二三四五六七八九十"
HEADER = ["编号", "事项名称", "责任部门", "业务指导人员", "办理时限", "复杂程度", "网格协助"]
WIDTHS = [24 * mm, 95 * mm, 45 * mm, 30 * mm, 24 * mm, 20 * mm, 20 * mm]
HEADING_ROOM = 40 * mm  # a category heading, the table's header row and a few items


def _numeral(n: int) -> str:
    return CHINESE_NUMERALS[n - 1] if n <= 10 else "十" + CHINESE_NUMERALS[n - 11]


def _time_limit(item: MatterItemInfo) -> str:
    unit = "小时" if item.draft.time_limit_unit is TimeLimitUnit.HOURS else "个工作日"
    return f"{item.draft.time_limit}{unit}"


def render(lists: list[tuple[MatterListInfo, list[MatterItemInfo]]], *, printed_on: date) -> tuple[bytes, int]:
    """The PDF and its page count."""
    font = register_pdf_font()
    title = ParagraphStyle("title", fontName=font, fontSize=18, leading=24, alignment=TA_CENTER)
    sub = ParagraphStyle("sub", fontName=font, fontSize=10, leading=14, alignment=TA_CENTER, textColor=colors.grey)
    heading = ParagraphStyle("heading", fontName=font, fontSize=12, leading=18, spaceBefore=6)
    # CJK wrapping breaks a line anywhere, a long code or name too, so no text runs into the next column.
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK")

    def text(value: str) -> Paragraph:  # as typed: "<" or "&" in a title is no markup
        return Paragraph(escape(value), cell)

    def story_of() -> list:  # built afresh for each pass: a table split over pages is consumed
        story = []
        for n, (matter_list, items) in enumerate(lists):
            if n:  # between lists; a trailing spacer could spill onto an empty last page
                story.append(Spacer(1, 10 * mm))
            story += [Paragraph(escape(matter_list.title), title),
                      Paragraph(f"第 {matter_list.version} 版 · {matter_list.published_on:%Y年%m月%d日}公布 · "
                                f"共 {len(items)} 项 · 依据《北海市网格化服务管理条例》第十二条、第十三条", sub),
                      Spacer(1, 4 * mm)]
            if not items:
                story.append(Paragraph("(本清单暂无事项)", cell))
            for number, category in enumerate(MatterCategory, start=1):
                rows = [i for i in items if i.draft.category is category]
                if not rows:  # only the categories listed: eleven headings over a few items bury them
                    continue
                # A heading is never left alone at the foot of a page: it starts a new page unless
                # there is room for it, the table's header and a few items.
                story.append(CondPageBreak(HEADING_ROOM))
                story.append(Paragraph(f"({_numeral(number)}){category.label}  <font size=8 color=grey>"
                                       f"条例第十二条第({_numeral(number)})项</font>", heading))
                data = [HEADER] + [[text(i.draft.code), text(i.draft.title), text(i.department),
                                    text(i.guidance_contact or ""), _time_limit(i), i.draft.complexity.label,
                                    "是" if i.draft.grid_staff_task else "否"] for i in rows]
                table = LongTable(data, colWidths=WIDTHS, repeatRows=1)
                table.setStyle(TableStyle([
                    ("FONT", (0, 0), (-1, -1), font, 9),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2DCDB")),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]))
                story.append(table)
        return story

    def build(total: int | None) -> tuple[bytes, int]:
        buffer = io.BytesIO()

        def footer(canvas, doc):
            canvas.setFont(font, 8)
            canvas.setFillColor(colors.grey)
            canvas.drawString(15 * mm, 8 * mm, f"打印日期 {printed_on:%Y-%m-%d}")
            canvas.drawRightString(landscape(A4)[0] - 15 * mm, 8 * mm,
                                   f"第 {doc.page} 页" + (f" 共 {total} 页" if total else ""))

        doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=12 * mm, bottomMargin=15 * mm, title="网格化服务管理事项清单",
                                author="GridDesk 网格指挥台")
        doc.build(story_of(), onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue(), doc.page

    _, pages = build(None)  # counted first: the foot of each page says of how many, as a torn-off page shows
    return build(pages)


def print_matter_list(db: Database, actor: Actor, out: Path, *, place_code: str, on: date | None = None) -> int:
    """Print the lists in force for a place (the city's and its county's) and record it; returns pages."""
    on = on or beijing_today()
    lists = in_force(db, place_code, on)
    with unit_of_work(db, actor, "print.matter_list", target=place_code) as uow:
        place = get_place(uow.session, place_code)
        require_governed_reader(uow, Permission.PRINT, place)
        if not lists:
            raise ValidationFailed(f"{place.short_name}在 {on} 没有已公布的事项清单;请先公布清单再打印")
        pdf, pages = render(lists, printed_on=on)
        write_bytes(Path(out), pdf, published_by=uow)
        uow.session.add_all(PrintedSheet(kind=SheetKind.MATTER_LIST, place_id=place.id,
                                         subject_ref=f"{ml.place_code}:v{ml.version}",
                                         content_hash=hashlib.sha256(repr(items).encode()).hexdigest(), printed_by=actor.username, pages=pages)
                            for ml, items in lists)
        uow.audit("打印事项清单:" + "、".join(f"{ml.place_name}第 {ml.version} 版" for ml, _ in lists))
        return pages
