"""Public notice-board sheets (Art. 14): one A4 page per grid (and a continuation page for staff that do
not fit on it), a township's batch in one PDF.

Drawn straight on a reportlab canvas (the batch of a whole county must stay fast): the map
inset is the grid outline in a local projection scaled into a box; the QR code comes from
reportlab's encoder and is drawn as one path.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PIL import Image
from reportlab import rl_config
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ...db import Database
from ...errors import ValidationFailed
from ..clock import beijing_today
from ..geo.projection import LocalProjection
from ..notice_board import NoticeSheet, SheetStaff, needs_reprint, record_printed, require_printing, sheets
from ..places import place_info
from ..security import Actor
from .fonts import register_pdf_font

Progress = Callable[[int, int, str], None]

RED = HexColor("#B22222")
INK = HexColor("#222222")
GREY = HexColor("#666666")
MAP_FILL = Color(0.70, 0.82, 0.93)
MAP_EDGE = HexColor("#1F4E79")
PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
MAP_BOX = (PAGE_W - MARGIN - 70 * mm, PAGE_H - 125 * mm, 70 * mm, 62 * mm)  # x, y, w, h
QR_SIZE = 38 * mm
QR_BORDER = 2  # quiet zone, in modules
QR_MASK = 0
STAFF_LINE = 21  # points per staff row; rows that do not fit continue on a further page, never over what follows
STAFF_NAME_X, STAFF_PHONE_X = MARGIN + 48 * mm, MARGIN + 95 * mm
STAFF_NAME_WIDTH = STAFF_PHONE_X - STAFF_NAME_X - 4 * mm  # a clear gap before the phone
SMALLEST_NAME = 10  # points: a longer name is set narrower rather than smaller
# Sections 三 and 四 may come down beside the QR code: their lines stop short of it.
LOWER_TEXT_WIDTH = PAGE_W - 2 * MARGIN - QR_SIZE - 10 * mm
LOWEST_BASELINE = 19 * mm + 6  # just above the footer rule
# Points between baselines, measured before the staff are drawn and then drawn so.
SECTION_DROP = 22  # a section's heading to its first line
PLATFORM_LINE, HOTLINE_LINE, OTHER_LINE = 16, 20, 15
GAP_BEFORE_PLATFORM_SECTION, GAP_BEFORE_HOTLINE, GAP_AFTER_HOTLINE = 6, 6, 8
# Section 一 beside the map: the grid's name at the largest of these sizes (points) that keeps it above
# section 二, lines NAME_LEADING times the size apart; the area, kind and code below it.
IDENTITY_WIDTH = MAP_BOX[0] - MARGIN - 8 * mm
IDENTITY_TOP = PAGE_H - 44 * mm - SECTION_DROP  # below section 一's heading
NAME_SIZES = (20, 18, 16, 14, 12)
NAME_LEADING = 1.3
AREA_LINE = 16
STAFF_TOP = MAP_BOX[1] - 12 * mm  # section 二's heading, below the map
SECTION_CLEARANCE = 24  # from a section's heading up to the baseline of the last line above it
# A continuation page: the grid's name and code, then the rest of the staff.
CONTINUED_NAME_TOP = PAGE_H - 32 * mm
CONTINUED_NAME_SIZE, CONTINUED_NAME_LINE = 14, 19
CONTINUED_SECTION_DROP = 12 * mm  # the code's baseline to section 二(续)'s heading
PAGE_NUMBER_WIDTH = 40 * mm  # the footer's "第 2 张,共 2 张" on a sheet of several pages


# A run of characters kept on one line when text is wrapped: a phone number, a web address.
_UNBROKEN = re.compile(r"[0-9A-Za-z.:/?=&_%#@+\-]+$")


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    grids: int  # fewer than the pages where a grid's staff take a continuation page
    gaps: tuple[str, ...] = ()  # "grid: what it lacks", for each sheet printed with a blank (NoticeSheet.gaps)


def _wrap(canvas: Canvas, text: str, font: str, size: float, width: float) -> list[str]:
    """Break Chinese text into lines that fit `width` (character by character: no spaces to break at),
    but a phone number or web address whole: one split over two lines is misdialled from the board."""
    lines, line = [], ""
    for ch in text:
        if ch == "\n" or canvas.stringWidth(line + ch, font, size) > width:
            run = _UNBROKEN.search(line) if _UNBROKEN.fullmatch(ch) else None
            carried = run.group() if run and run.start() > 0 else ""  # a run as long as the line is broken
            lines.append(line[:len(line) - len(carried)])
            line = carried + ("" if ch == "\n" else ch)
        else:
            line += ch
    if line:
        lines.append(line)
    return lines


def _draw_fitted(canvas: Canvas, x: float, y: float, text: str, font: str, size: float, width: float,
                 smallest: float) -> None:
    """`text` within `width`: set smaller down to `smallest`, then narrower, so that a long name (a
    person's name may have 40 characters) never runs over the phone beside it."""
    natural = canvas.stringWidth(text, font, size)
    if natural > width:
        size = max(smallest, size * width / natural)
        natural = canvas.stringWidth(text, font, size)
    line = canvas.beginText(x, y)
    line.setFont(font, size)
    if natural > width:
        line.setHorizScale(100 * width / natural)
    line.textOut(text)
    line.setHorizScale(100)  # the scale is page state: what follows is drawn at full width again
    canvas.drawText(line)


def _draw_map(canvas: Canvas, sheet: NoticeSheet, font: str) -> None:
    x, y, w, h = MAP_BOX
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.5)
    canvas.rect(x, y, w, h)
    if sheet.vessels is not None:
        canvas.setFillColor(MAP_EDGE)
        canvas.setFont(font, 16)
        canvas.drawCentredString(x + w / 2, y + h / 2 + 4, f"船只编组 {sheet.vessels} 艘")
        canvas.setFont(font, 9)
        canvas.drawCentredString(x + w / 2, y + h / 2 - 14, "涉海专属网格(以船只名册为准)")
        return
    if not sheet.outline:
        canvas.setFillColor(GREY)
        canvas.setFont(font, 10)
        canvas.drawCentredString(x + w / 2, y + h / 2, "(尚未录入网格边界)")
        return
    lons = [p[0] for ring in sheet.outline for p in ring]
    lats = [p[1] for ring in sheet.outline for p in ring]
    projection = LocalProjection((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
    rings = [projection.forward([p[0] for p in ring], [p[1] for p in ring]) for ring in sheet.outline]
    xs = [v for ring in rings for v in ring[0]]
    ys = [v for ring in rings for v in ring[1]]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    scale = min(w, h) * 0.86 / span
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    path = canvas.beginPath()
    for ring_x, ring_y in rings:
        points = [(x + w / 2 + (px - cx) * scale, y + h / 2 + (py - cy) * scale) for px, py in zip(ring_x, ring_y)]
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        path.close()
    canvas.setFillColor(MAP_FILL)
    canvas.setStrokeColor(MAP_EDGE)
    canvas.setLineWidth(1.2)
    canvas.drawPath(path, stroke=1, fill=1)
    # A north arrow: the inset is north-up.
    canvas.setFillColor(INK)
    canvas.setFont(font, 8)
    canvas.drawString(x + w - 10, y + h - 12, "北")
    canvas.line(x + w - 7, y + h - 28, x + w - 7, y + h - 15)


def _draw_qr(canvas: Canvas, sheet: NoticeSheet, font: str) -> None:
    """The QR code of the grid's public page, encoded by reportlab and placed as a 1-bit image.

    Two shortcuts keep a county's batch fast: a fixed mask pattern (every mask is valid for
    readers; choosing the "best" one costs eight trial encodings) and one tiny bitmap, one
    pixel per module, instead of hundreds of vector rectangles. None while the city has not set
    the address of the grids' pages (notice_board.SET_BY_CITY).
    """
    if not sheet.url:
        return
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(sheet.url)
    code.version = code.calculate_version()
    code.makeImpl(False, QR_MASK)
    count = code.getModuleCount() + 2 * QR_BORDER
    image = Image.new("1", (count, count), 1)
    image.putdata([0 if dark else 1 for row in _with_border(code.modules) for dark in row])
    x, y = PAGE_W - MARGIN - QR_SIZE, 24 * mm
    canvas.drawImage(ImageReader(image), x, y, QR_SIZE, QR_SIZE)
    canvas.setFillColor(GREY)
    canvas.setFont(font, 8)
    canvas.drawCentredString(x + QR_SIZE / 2, y - 9, "扫码查看网格信息")


def _with_border(modules: list[list[bool]]) -> list[list[bool]]:
    """The quiet zone readers need around the code."""
    side = [False] * QR_BORDER
    width = len(modules) + 2 * QR_BORDER
    blank = [[False] * width for _ in range(QR_BORDER)]
    return blank + [side + list(row) + side for row in modules] + blank


def _section(canvas: Canvas, font: str, y: float, title: str) -> float:
    canvas.setFillColor(RED)
    canvas.rect(MARGIN, y - 2, 3, 14, stroke=0, fill=1)
    canvas.setFillColor(INK)
    canvas.setFont(font, 13)
    canvas.drawString(MARGIN + 8, y, title)
    return y - SECTION_DROP


def _identity_lines(canvas: Canvas, sheet: NoticeSheet, font: str) -> tuple[float, list[str], list[str]]:
    """The size of the grid's name and the lines of section 一 beside the map: the name set smaller
    when long (a grid's name may have 100 characters) until the section ends above section 二."""
    area = _wrap(canvas, f"区域范围:{sheet.area}", font, 11, IDENTITY_WIDTH)
    for size in NAME_SIZES:  # the smallest where none fits: section 二 then begins lower (_draw_identity)
        name = _wrap(canvas, sheet.grid_name, font, size, IDENTITY_WIDTH)
        if _identity_bottom(size, name, area) >= STAFF_TOP + SECTION_CLEARANCE:
            break
    return size, name, area


def _name_line(size: float) -> int:
    """Points between the baselines of the grid's name set at `size`."""
    return round(size * NAME_LEADING)


def _identity_bottom(size: float, name: list[str], area: list[str]) -> float:
    """The baseline of section 一's last line (the grid code) for these lines."""
    return IDENTITY_TOP - _name_line(size) * len(name) - AREA_LINE * len(area) - AREA_LINE


def _draw_identity(canvas: Canvas, sheet: NoticeSheet, font: str) -> float:
    """Section 一 with the map; returns where section 二 begins: below it, should even the smallest name
    size leave it lower than usual."""
    size, name, area = _identity_lines(canvas, sheet, font)
    _section(canvas, font, PAGE_H - 44 * mm, "一、网格名称及区域范围")
    y = IDENTITY_TOP
    canvas.setFillColor(INK)
    canvas.setFont(font, size)
    for line in name:
        canvas.drawString(MARGIN, y - 6, line)
        y -= _name_line(size)
    canvas.setFont(font, 11)
    for line in area:
        canvas.drawString(MARGIN, y, line)
        y -= AREA_LINE
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN, y, f"网格类型:{sheet.kind}")
    canvas.drawString(MARGIN, y - AREA_LINE, f"网格代码:{sheet.grid_code}")
    _draw_map(canvas, sheet, font)
    return min(STAFF_TOP, _identity_bottom(size, name, area) - SECTION_CLEARANCE)


def _continued_name(canvas: Canvas, sheet: NoticeSheet, font: str) -> list[str]:
    return _wrap(canvas, sheet.grid_name, font, CONTINUED_NAME_SIZE, PAGE_W - 2 * MARGIN)


def _continued_rows_top(name: list[str]) -> float:
    """The first staff row's baseline on a continuation page under a name of these lines."""
    return CONTINUED_NAME_TOP - CONTINUED_NAME_LINE * len(name) - CONTINUED_SECTION_DROP - SECTION_DROP


def _staff_pages(canvas: Canvas, sheet: NoticeSheet, font: str, first_rows: int) -> list[tuple[SheetStaff, ...]]:
    """The staff on each page of the sheet: as many as `first_rows` lets on the first, the rest on
    continuation pages; all of them, with their phones (Art. 14(2)). A first page that cannot hold all
    keeps its last row to say where the others are."""
    staff = sheet.staff
    if len(staff) <= first_rows:
        return [staff]
    later_rows = int((_continued_rows_top(_continued_name(canvas, sheet, font)) - LOWEST_BASELINE) // STAFF_LINE) + 1
    shown = max(first_rows - 1, 0)
    rest = staff[shown:]
    return [staff[:shown], *(rest[start:start + later_rows] for start in range(0, len(rest), later_rows))]


def _draw_staff_rows(canvas: Canvas, font: str, y: float, staff: tuple[SheetStaff, ...]) -> float:
    canvas.setFillColor(INK)
    for member in staff:
        canvas.setFont(font, 12)
        canvas.drawString(MARGIN + 8, y, member.role)
        _draw_fitted(canvas, STAFF_NAME_X, y, member.name, font, 15, STAFF_NAME_WIDTH, SMALLEST_NAME)
        canvas.setFont(font, 15)
        canvas.drawString(STAFF_PHONE_X, y, member.phone)
        y -= STAFF_LINE
    return y


def _draw_footer(canvas: Canvas, sheet: NoticeSheet, font: str, printed_on: date, page: int, pages: int) -> None:
    """Who posts the sheet (the township, Art. 14) and when; on a sheet of several pages, which page this is."""
    canvas.setFillColor(GREY)
    width = PAGE_W - 2 * MARGIN
    if pages > 1:
        canvas.setFont(font, 9)
        canvas.drawRightString(PAGE_W - MARGIN, 14 * mm, f"第 {page} 张,共 {pages} 张")
        width -= PAGE_NUMBER_WIDTH
    _draw_fitted(canvas, MARGIN, 14 * mm, f"{sheet.publisher}  公布    {printed_on:%Y年%m月%d日}", font, 9, width, 7)
    canvas.setStrokeColor(RED)
    canvas.line(MARGIN, 19 * mm, PAGE_W - MARGIN, 19 * mm)


def _draw_first_page(canvas: Canvas, sheet: NoticeSheet, font: str,
                     printed_on: date) -> list[tuple[SheetStaff, ...]]:
    """Heading, name and area with the map, staff, platform and hotline, other notices, QR; returns the
    staff of each page the sheet takes (those that do not fit here continue on further pages)."""
    canvas.setFillColor(RED)
    canvas.rect(0, PAGE_H - 30 * mm, PAGE_W, 30 * mm, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont(font, 26)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 17 * mm, "网 格 公 示 牌")
    canvas.setFont(font, 10)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 25 * mm, "依据《北海市网格化服务管理条例》第十四条公布")

    staff_top = _draw_identity(canvas, sheet, font)
    platform = _wrap(canvas, f"事项受理平台:{sheet.platform}", font, 12, LOWER_TEXT_WIDTH)
    hotline = _wrap(canvas, f"监督举报电话:{sheet.hotline}", font, 15, LOWER_TEXT_WIDTH)
    other = _wrap(canvas, sheet.other.strip(), font, 11, LOWER_TEXT_WIDTH)
    # What sections 三 and 四 take below the staff, drawn below as measured here.
    below = (GAP_BEFORE_PLATFORM_SECTION + SECTION_DROP + PLATFORM_LINE * len(platform) + GAP_BEFORE_HOTLINE
             + HOTLINE_LINE * len(hotline) + GAP_AFTER_HOTLINE + (SECTION_DROP + OTHER_LINE * len(other) if other else 0))

    y = _section(canvas, font, staff_top, "二、网格工作人员")
    rows = int((y - below - (LOWEST_BASELINE - OTHER_LINE)) // STAFF_LINE)  # the last line's drop
    staff_pages = _staff_pages(canvas, sheet, font, rows)
    if not sheet.staff:
        canvas.setFont(font, 12)
        canvas.drawString(MARGIN + 8, y, "(待配备)")
        y -= STAFF_LINE
    y = _draw_staff_rows(canvas, font, y, staff_pages[0])
    if len(staff_pages) > 1:
        canvas.setFont(font, 11)
        canvas.drawString(MARGIN + 8, y,
                          f"另有网格工作人员 {len(sheet.staff) - len(staff_pages[0])} 名,姓名及联系电话见续页")
        y -= STAFF_LINE

    y = _section(canvas, font, y - GAP_BEFORE_PLATFORM_SECTION, "三、受理平台及监督举报电话")
    canvas.setFillColor(INK)
    canvas.setFont(font, 12)
    for line in platform:
        canvas.drawString(MARGIN + 8, y, line)
        y -= PLATFORM_LINE
    y -= GAP_BEFORE_HOTLINE
    canvas.setFont(font, 15)
    canvas.setFillColor(RED)
    for line in hotline:
        canvas.drawString(MARGIN + 8, y, line)
        y -= HOTLINE_LINE
    y -= GAP_AFTER_HOTLINE

    if other:
        y = _section(canvas, font, y, "四、其他公示信息")
        canvas.setFillColor(INK)
        canvas.setFont(font, 11)
        for line in other:
            canvas.drawString(MARGIN + 8, y, line)
            y -= OTHER_LINE

    _draw_qr(canvas, sheet, font)
    _draw_footer(canvas, sheet, font, printed_on, 1, len(staff_pages))
    return staff_pages


def _draw_continuation(canvas: Canvas, sheet: NoticeSheet, font: str, staff: tuple[SheetStaff, ...],
                       printed_on: date, page: int, pages: int) -> None:
    """A further page of the grid's staff, headed with the grid's name and code so that it is posted
    beside its first page."""
    canvas.setFillColor(RED)
    canvas.rect(0, PAGE_H - 20 * mm, PAGE_W, 20 * mm, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont(font, 20)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 13 * mm, "网格公示牌(续页)")
    name = _continued_name(canvas, sheet, font)
    y = CONTINUED_NAME_TOP
    canvas.setFillColor(INK)
    canvas.setFont(font, CONTINUED_NAME_SIZE)
    for line in name:
        canvas.drawString(MARGIN, y, line)
        y -= CONTINUED_NAME_LINE
    canvas.setFillColor(GREY)
    canvas.setFont(font, 11)
    canvas.drawString(MARGIN, y, f"网格代码:{sheet.grid_code}")
    y = _section(canvas, font, y - CONTINUED_SECTION_DROP, "二、网格工作人员(续)")
    _draw_staff_rows(canvas, font, y, staff)
    _draw_footer(canvas, sheet, font, printed_on, page, pages)


def draw_sheet(canvas: Canvas, sheet: NoticeSheet, font: str, printed_on: date) -> int:
    """The sheet's pages, each ended: the first, then as many continuation pages as its staff need;
    returns how many pages it took."""
    staff_pages = _draw_first_page(canvas, sheet, font, printed_on)
    canvas.showPage()
    for number, staff in enumerate(staff_pages[1:], start=2):
        _draw_continuation(canvas, sheet, font, staff, printed_on, number, len(staff_pages))
        canvas.showPage()
    return len(staff_pages)


def render(items: list[NoticeSheet], title: str, *, progress: Progress | None = None,
           printed_on: date | None = None) -> tuple[bytes, int]:
    """The PDF of the sheets, titled after the place printed for, and its page count; `progress(done,
    total, text)` may raise to cancel."""
    font = register_pdf_font()
    printed_on = printed_on or beijing_today()
    buffer = io.BytesIO()
    pages = 0
    # Binary rather than ASCII85 streams: a quarter faster and smaller, and every reader takes them.
    use_a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
        canvas.setTitle(f"{title} 网格公示牌")
        canvas.setAuthor("GridDesk 网格指挥台")
        total = len(items)
        for done, sheet in enumerate(items):
            if progress and done % 10 == 0:
                progress(done, total, sheet.grid_name)
            pages += draw_sheet(canvas, sheet, font, printed_on)
        canvas.save()
    finally:
        rl_config.useA85 = use_a85
    if progress:
        progress(total, total, "")
    return buffer.getvalue(), pages


def print_notice_sheets(db: Database, actor: Actor, out: Path, *, under: str, only_needing_reprint: bool = False,
                        progress: Progress | None = None) -> PrintResult:
    """Print the sheets under a place into one PDF and record them (clearing the reprint list).

    The file is written only when every page is drawn, so a cancelled batch leaves nothing
    behind and records nothing.
    """
    root = place_info(db, under)
    require_printing(db, actor, under)
    codes = {e.grid_code for e in needs_reprint(db, actor, under)} if only_needing_reprint else None
    items = sheets(db, actor, under, codes=codes)
    if not items:
        raise ValidationFailed(f"{root.short_name}没有需要打印的网格公示牌"
                               + ("(全部已是最新)" if only_needing_reprint else "(尚无在用网格)"))
    pdf, pages = render(items, root.name, progress=progress)
    out = Path(out)
    record_printed(db, actor, under, items, pdf=pdf, pages=pages, out=out)
    return PrintResult(out, pages, len(items), tuple(f"{sheet.grid_name}({sheet.grid_code}):{gap}"
                                                     for sheet in items for gap in sheet.gaps()))
