"""Public notice sheets (Art. 14): what they show, the PDF as text and fonts, the reprint list."""

from datetime import date, timedelta

import pytest
import shapely
from shapely.geometry import Polygon
from sqlalchemy import select

from pdftools import assert_cjk_font_embedded, pdf_text, qr_codes, word_boxes
from desktop.errors import PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Grid, Person, Place, PrintedSheet, Vessel
from desktop.models.enums import GridKind, PlaceLevel, Role, SeaCategory, StaffRole, StaffSource
from desktop.services import notice_board, places, staff_admin
from desktop.services.clock import beijing_today
from desktop.services.printing import notice_sheets
from desktop.services.printing.notice_sheets import print_notice_sheets
from desktop.services.security import Actor, Grant, Permission

TOWNSHIP = "450502001000"  # 中街街道
VILLAGE = "450502001003"  # 塘仔里社区
GRID1, GRID2, BOATS = VILLAGE + "001", VILLAGE + "002", VILLAGE + "003"


def add_grid(db, system, code, name, polygon=None, **kw):
    geometry = shapely.to_wkb(polygon) if polygon is not None else None
    places.create_grid(db, system, village_code=VILLAGE, code=code, name=name, geometry=geometry,
                       bounds=polygon.bounds if polygon is not None else None, **kw)


@pytest.fixture
def township(db, system):
    """Two mapped grids with staff and a vessel-group grid of three boats."""
    add_grid(db, system, GRID1, "塘仔里第一网格", Polygon([(109.118, 21.478), (109.124, 21.479), (109.123, 21.474),
                                                          (109.119, 21.472)]))
    add_grid(db, system, GRID2, "塘仔里第二网格", Polygon([(109.124, 21.479), (109.128, 21.479), (109.127, 21.474)]))
    add_grid(db, system, BOATS, "侨港渔船第一编组", kind=GridKind.SEA, sea_category=SeaCategory.VESSEL_GROUP)
    with db.session() as session:
        boats = session.scalar(select(Place).where(Place.code == BOATS))
        session.add_all(Vessel(grid_id=boats.id, name=f"桂北渔{n}号", registration_no=f"BH-{n}", skipper="阮")
                        for n in (1, 2, 3))
        session.commit()
    start = date(2025, 9, 1)
    staff_admin.add_grid_staff(db, system, grid_code=GRID1, role=StaffRole.GRID_HEAD, source=StaffSource.HIRED,
                               start_on=start, name="李海燕", phone="13907791234")
    member = staff_admin.add_grid_staff(db, system, grid_code=GRID1, role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.VOLUNTEER, start_on=start, name="韦丽", phone="13800001111")
    return member


@pytest.mark.law("Art. 14")
def test_sheet_shows_name_area_staff_with_full_phones_and_hotline(db, system, township):
    found = {s.grid_code: s for s in notice_board.sheets(db, system, TOWNSHIP)}
    sheet = found[GRID1]
    assert sheet.area == "海城区 中街街道 塘仔里社区"
    assert [(m.role, m.name, m.phone) for m in sheet.staff] == [("网格长", "李海燕", "13907791234"),
                                                                ("网格员", "韦丽", "13800001111")]
    assert sheet.hotline.startswith("12345") and sheet.url == ""  # the city has not set the address yet
    assert len(sheet.outline) == 1 and sheet.vessels is None
    assert (found[BOATS].vessels, found[BOATS].outline) == (3, ())


@pytest.mark.law("Art. 14")
def test_printed_pdf_as_text_and_fonts(db, system, township, tmp_path):
    notice_board.configure_texts(db, system, hotline="0779-12345678 网格监督电话", other="每月第一个周一为网格开放日。")
    out = tmp_path / "sheets.pdf"
    result = print_notice_sheets(db, system, out, under=TOWNSHIP)
    assert result.pages == 3
    text = pdf_text(out)
    pages = text.split("\f")
    first = pages[0]
    for expected in ("塘仔里第一网格", "李海燕", "13907791234", "韦丽", "13800001111", "0779-12345678 网格监督电话",
                     "网格开放日", "北海市网格化服务管理事项受理平台", "中街街道"):
        assert expected in first, expected
    assert "船只编组 3 艘" in pages[2]
    assert_cjk_font_embedded(out)


@pytest.mark.law("Art. 14")
def test_a_sheet_printed_without_staff_or_a_staff_phone_is_said(db, system, township, tmp_path):
    """Art. 14(2) has the board publish each staff member's name and contact: a phone left out (it is
    optional on entry) printed a blank in silence. The batch prints all the same, and says where."""
    staff_admin.add_grid_staff(db, system, grid_code=GRID2, role=StaffRole.GRID_HEAD, source=StaffSource.HIRED,
                               start_on=date(2025, 9, 1), name="黄志强")
    result = print_notice_sheets(db, system, tmp_path / "sheets.pdf", under=TOWNSHIP)
    assert result.pages == 3
    assert result.gaps == (
        f"塘仔里第二网格({GRID2}):网格长 黄志强 没有联系电话,公示牌上该栏空白(Art. 14(2));请在“网格人员”中补录",
        f"侨港渔船第一编组({BOATS}):没有在岗的网格工作人员,公示牌上无人可联系(Art. 14(2));请先在“网格人员”中配备",
    )


@pytest.mark.law("Art. 14")
def test_each_sheet_names_its_township_as_the_publisher_whatever_place_it_is_printed_for(db, system, township,
                                                                                      tmp_path):
    """Art. 14: the township (street) posts the boards. Printed for a grid, a village or a county, the
    footer had named that place as the publisher ("塘仔里第一网格 公布", "海城区 公布")."""
    footer_rule = notice_sheets.PAGE_H - 19 * notice_sheets.mm
    for under in (GRID1, VILLAGE, "450502000000"):
        out = tmp_path / f"{under}.pdf"
        print_notice_sheets(db, system, out, under=under)
        printed_on = f"{beijing_today():%Y年%m月%d日}"
        for words in word_boxes(out):
            assert [w[0] for w in words if w[2] > footer_rule] == ["中街街道", "公布", printed_on]
    with db.session() as session:
        said = session.scalars(select(AuditEntry.message).where(AuditEntry.action == "print.notice_sheets")
                               .order_by(AuditEntry.id)).all()
    assert said == ["打印网格公示牌(塘仔里第一网格):1 个网格,共 1 张", "打印网格公示牌(塘仔里社区):3 个网格,共 3 张",
                    "打印网格公示牌(海城):3 个网格,共 3 张"]


@pytest.mark.law("Art. 14")
def test_every_member_of_a_large_grid_staff_is_published_with_their_phone(db, system, township, tmp_path):
    """18 staff on one grid: the sheet had listed 12 and counted the other 6, whose names and phones were
    posted nowhere (Art. 14(2)). The rest go on a continuation page: the head first, then the members by
    name."""
    names = ["黄志强", "蒋海", "陈静", "梁秀英", "莫小龙", "潘文", "吴海生", "杨丽萍", "周建国", "何志军", "覃美玲",
             "庞小燕", "钟伟", "苏德明", "林芳", "冯春梅"]
    for n, name in enumerate(names):
        staff_admin.add_grid_staff(db, system, grid_code=GRID1, role=StaffRole.GRID_MEMBER,
                                   source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name=name,
                                   phone=f"1390779{n:04d}")
    out = tmp_path / "sheets.pdf"
    result = print_notice_sheets(db, system, out, under=TOWNSHIP)
    assert (result.pages, result.grids) == (4, 3)
    first, continued = pdf_text(out).split("\f")[:2]
    assert "另有网格工作人员" in first and "见续页" in first and "第 1 张,共 2 张" in first
    assert "网格公示牌(续页)" in continued and "塘仔里第一网格" in continued and "第 2 张,共 2 张" in continued
    text = first + continued
    expected = ["李海燕", *sorted(["韦丽", *names])]
    assert sorted(expected, key=text.index) == expected, "the head, then the members by name, in print order"
    for n, name in enumerate(names):
        line = next(line for line in text.splitlines() if name in line)
        assert f"1390779{n:04d}" in line, f"{name} is printed without their phone"


def longest(text: str, key: str) -> str:
    """`text` repeated to the longest a sheet text may be (notice_board.TEXT_FIELDS)."""
    size = notice_board.TEXT_FIELDS[key][1]
    return (text * size)[:size]


@pytest.mark.law("Art. 14")
@pytest.mark.parametrize("name_length, members", [(7, 2), (7, 9), (7, 30), (72, 2), (100, 2), (100, 18), (100, 60)])
def test_nothing_on_a_sheet_runs_off_the_page_or_under_the_qr_code_or_footer(tmp_path, name_length, members):
    """The longest texts the city may set, a grid's name as long as its column allows and a grid with many
    staff: every line whole on the page, none over another, over the QR code or under the footer rule.
    A name of 100 characters had its code drawn over section 二; staff that did not fit were only counted
    ("另有网格工作人员 6 名") and published nowhere, where Art. 14(2) has each one's name and phone posted:
    they continue on further pages, each headed with the grid and numbered in the footer."""
    platform = longest("北海市网格化服务管理事项受理平台暨微信小程序“北海网格通”", "notice.platform")
    hotline = longest("0779-12345 北海市政务服务便民热线及监督举报电话", "notice.hotline")
    other = longest("每月第一个周一为网格开放日,欢迎居民群众到网格服务站反映诉求、提出意见建议。", "notice.other")
    assert name_length <= Place.name.type.length
    name = ("塘仔里第一网格暨中街街道塘仔里社区沿街商铺及老旧小区综合服务片区" * 4)[:name_length]
    staff = tuple(notice_board.SheetStaff("网格长" if n == 0 else "专属网格工作人员", f"韦{n:02d}", f"139{n:08d}")
                  for n in range(members))
    sheet = notice_board.NoticeSheet(1, GRID1, name, "海城区 中街街道 塘仔里社区", "基础网格",
                                     (((109.118, 21.478), (109.124, 21.479), (109.123, 21.474), (109.118, 21.478)),),
                                     None, staff, platform, hotline, other, "https://wgh.example.cn/grid/" + GRID1,
                                     "中街街道")
    out = tmp_path / "sheet.pdf"
    pdf, page_count = notice_sheets.render([sheet], name, printed_on=date(2026, 3, 2))  # titled as printed for a grid
    out.write_bytes(pdf)
    pages = word_boxes(out)
    assert len(pages) == page_count and (page_count == 1) == (members == 2)
    mm = notice_sheets.mm
    page_w, page_h, margin = notice_sheets.PAGE_W, notice_sheets.PAGE_H, notice_sheets.MARGIN
    qr = (page_w - margin - notice_sheets.QR_SIZE, page_h - 24 * mm - notice_sheets.QR_SIZE, page_w - margin,
          page_h - 24 * mm)
    footer_rule = page_h - 19 * mm
    for number, words in enumerate(pages, start=1):
        for text, x0, y0, x1, y1 in words:
            assert margin - 1 <= x0 and x1 <= page_w - margin + 1, f"{text} runs off the page ({x0:.0f}–{x1:.0f})"
            assert not (x0 < qr[2] and x1 > qr[0] and y0 < qr[3] and y1 > qr[1]), f"{text} lies over the QR code"
            assert y1 <= footer_rule or y0 >= footer_rule, f"{text} is cut by the footer rule"
        body = [w for w in words if w[4] <= footer_rule]
        for n, (text, x0, y0, x1, y1) in enumerate(body):
            for other_text, ox0, oy0, ox1, oy1 in body[n + 1:]:
                overlap = min(x1, ox1) - max(x0, ox0) > 1 and min(y1, oy1) - max(y0, oy0) > 1
                assert not overlap, f"{text} and {other_text} overlap on page {number}"
        numbered = ["第", str(number), "张,共", str(page_count), "张"] if page_count > 1 else []
        assert [w[0] for w in words if w[4] > footer_rule] == ["中街街道", "公布", "2026年03月02日", *numbered], \
            "only the footer below it"
        joined = "".join(w[0] for w in body)
        assert name in joined and GRID1 in joined, "each page says whose it is"
        if number == 1:
            for whole in (platform, hotline, other):
                assert whole.replace(" ", "") in joined
    names = [(number, w) for number, words in enumerate(pages) for w in words if w[0].startswith("韦")]
    assert [w[0] for _, w in names] == [m.name for m in staff], "every member, in the sheet's order"
    for member, (number, name_box) in zip(staff, names):
        phone = next(w for w in pages[number] if w[0] == member.phone)
        assert abs(phone[2] - name_box[2]) < 2, f"{member.name}'s phone is not on their line"


@pytest.mark.law("Art. 14")
def test_a_long_name_stays_clear_of_the_phone_beside_it(tmp_path):
    """A name as long as a person's name may be (a transliterated one runs to a dozen characters and
    more) is set smaller, then narrower, within its column: it never runs over the phone."""
    longest_name = "阿卜杜热合曼买买提艾则孜" * 4
    names = ["韦丽", "阿卜杜热合曼买买提艾则孜", longest_name[:Person.name.type.length], "李海燕"]
    staff = tuple(notice_board.SheetStaff("网格员", name, f"139{n:08d}") for n, name in enumerate(names))
    sheet = notice_board.NoticeSheet(1, GRID1, "塘仔里第一网格", "海城区 中街街道 塘仔里社区", "基础网格", (), None,
                                     staff, "北海市网格化服务管理事项受理平台", "12345", "", "", "中街街道")
    out = tmp_path / "sheet.pdf"
    out.write_bytes(notice_sheets.render([sheet], "中街街道", printed_on=date(2026, 3, 2))[0])
    [words] = word_boxes(out)
    for n, member in enumerate(staff):
        name = next(w for w in words if w[0] == member.name)
        phone = next(w for w in words if w[0] == member.phone)
        assert name[3] < phone[1] - 2, f"{member.name} runs into {member.phone}"
        assert name[4] - name[2] >= 9, f"{member.name} is set too small to read"
    widths = {round(w[3] - w[1]) for w in words if w[0] in {m.phone for m in staff}}
    assert len(widths) == 1, "a narrowed name leaves what follows narrowed too"


def test_a_phone_number_or_address_is_never_broken_across_lines():
    """Wrapped character by character, "镇综治中心 0779-3200000" came out as "…0" over "779-3200000":
    a number to be dialled from the board is moved whole to the next line."""
    from reportlab.pdfgen.canvas import Canvas

    canvas, font = Canvas(None), notice_sheets.register_pdf_font()
    for pad in range(30):
        text = "监督举报电话:12345 政务服务便民热线;" + "镇" * pad + "综治中心 0779-3200000 https://wgh.example.cn/a"
        lines = notice_sheets._wrap(canvas, text, font, 15, notice_sheets.LOWER_TEXT_WIDTH)
        assert "".join(lines) == text
        for word in ("12345", "0779-3200000", "https://wgh.example.cn/a"):
            assert any(word in line for line in lines), (pad, lines)


@pytest.mark.law("Art. 14")
def test_printed_qr_code_reads_back_as_the_grids_public_url(db, system, township, tmp_path):
    notice_board.configure_texts(db, system, url="https://wgh.example.cn/grid/{code}")
    out = tmp_path / "sheets.pdf"
    print_notice_sheets(db, system, out, under=TOWNSHIP)
    expected = next(s for s in notice_board.sheets(db, system, TOWNSHIP) if s.grid_code == GRID1).url
    assert expected == f"https://wgh.example.cn/grid/{GRID1}"
    assert qr_codes(out, 1, tmp_path) == [expected]


@pytest.mark.law("Art. 14")
def test_no_qr_code_is_printed_until_the_city_sets_the_grids_page_address(db, system, township, tmp_path):
    """The address had defaulted to a made-up government address: sheets posted with its QR code sent
    residents nowhere. Unset, a sheet carries everything else and no QR code, and the print says so."""
    assert notice_board.unset_texts(db) == ["二维码网址({code} 处代入网格代码)"]
    assert {s.url for s in notice_board.sheets(db, system, TOWNSHIP)} == {""}
    out = tmp_path / "sheets.pdf"
    print_notice_sheets(db, system, out, under=TOWNSHIP)
    assert qr_codes(out, 1, tmp_path) == []
    text = pdf_text(out)
    assert "扫码" not in text and "网格公示牌" in text and "12345 政务服务便民热线" in text
    notice_board.configure_texts(db, system, url="https://wgh.example.cn/grid/{code}", other="开放日")
    assert notice_board.unset_texts(db) == []
    notice_board.configure_texts(db, system, url="")  # emptied again: no QR code again, not a refusal
    assert notice_board.unset_texts(db) == ["二维码网址({code} 处代入网格代码)"]


@pytest.mark.law("Art. 14")
def test_reprint_list_follows_roster_and_clears_when_printed(db, system, township, tmp_path):
    assert {e.grid_code for e in notice_board.needs_reprint(db, system, TOWNSHIP)} == {GRID1, GRID2, BOATS}
    print_notice_sheets(db, system, tmp_path / "a.pdf", under=TOWNSHIP)
    assert notice_board.needs_reprint(db, system, TOWNSHIP) == []

    staff_admin.end_grid_staff(db, system, township.id, end_on=date(2025, 10, 1))
    stale = notice_board.needs_reprint(db, system, TOWNSHIP)
    assert [(e.grid_code, e.reason) for e in stale] == [(GRID1, "公示内容已变化")]

    result = print_notice_sheets(db, system, tmp_path / "b.pdf", under=TOWNSHIP, only_needing_reprint=True)
    assert result.pages == 1
    assert notice_board.needs_reprint(db, system, TOWNSHIP) == []
    with pytest.raises(ValidationFailed, match="最新"):
        print_notice_sheets(db, system, tmp_path / "c.pdf", under=TOWNSHIP, only_needing_reprint=True)

    # A redrawn boundary (grid change) also calls for a reprint.
    with db.session() as session:
        place = session.scalar(select(Place).where(Place.code == GRID2))
        place.geometry = shapely.to_wkb(Polygon([(109.124, 21.479), (109.129, 21.479), (109.127, 21.473)]))
        session.commit()
    assert [e.grid_code for e in notice_board.needs_reprint(db, system, TOWNSHIP)] == [GRID2]


@pytest.mark.law("Art. 14")
def test_a_roster_change_on_a_later_day_is_named_with_the_day_the_sheet_goes_out_of_date(db, system, township):
    """Printed on a member's last day, the sheet lists the one leaving, not the successor starting tomorrow:
    the print dialog names the grid and the day, for the sheet to be reprinted then (Art. 14 "及时更新")."""
    today = beijing_today()
    assert notice_board.roster_changes_ahead(db, system, TOWNSHIP) == []
    staff_admin.end_grid_staff(db, system, township.id, end_on=today)
    staff_admin.add_grid_staff(db, system, grid_code=GRID1, role=StaffRole.GRID_MEMBER, source=StaffSource.VOLUNTEER,
                               start_on=today + timedelta(days=1), name="陈新", phone="13800002222")
    assert "韦丽" in [m.name for m in notice_board.sheets(db, system, TOWNSHIP, codes={GRID1})[0].staff]
    assert notice_board.roster_changes_ahead(db, system, TOWNSHIP) == [
        notice_board.RosterChange(GRID1, "塘仔里第一网格", today + timedelta(days=1))]
    staff_admin.add_grid_staff(db, system, grid_code=GRID2, role=StaffRole.GRID_HEAD, source=StaffSource.HIRED,
                               start_on=today + timedelta(days=notice_board.ROSTER_LOOKAHEAD_DAYS + 1), name="黄远")
    assert [change.grid_code for change in notice_board.roster_changes_ahead(db, system, TOWNSHIP)] == [GRID1]


@pytest.mark.law("Art. 15")
def test_printing_outside_scope_is_refused_and_leaves_no_file(db, system, township, tmp_path):
    other = Actor(username="yh", display_name="银海区值班员",
                  grants=(Grant(Role.OPERATOR, "450503000000", PlaceLevel.COUNTY),))
    with pytest.raises(PermissionDenied):
        print_notice_sheets(db, other, tmp_path / "x.pdf", under=TOWNSHIP)
    assert not (tmp_path / "x.pdf").exists()
    with db.session() as session:
        assert session.scalar(select(PrintedSheet.id)) is None


@pytest.mark.law("Art. 15")
def test_a_refused_printing_is_on_record_and_draws_no_sheet(db, system, township, tmp_path, monkeypatch):
    """Refused before the sheets with the staff's whole phones are drawn into a file, as a refusal on
    record: another county's operator, and the township's liaison, who views it but does not print."""
    def drawn(*args, **kwargs):
        raise AssertionError("sheets drawn for a user who may not print them")

    monkeypatch.setattr(notice_sheets, "render", drawn)
    other = Actor(username="yh", display_name="银海区值班员",
                  grants=(Grant(Role.OPERATOR, "450503000000", PlaceLevel.COUNTY),))
    liaison = Actor(username="zj_police", display_name="中街派出所联络员",
                    grants=(Grant(Role.LIAISON, TOWNSHIP, PlaceLevel.TOWNSHIP),), department_id=1)
    for actor in (other, liaison):
        with pytest.raises(PermissionDenied, match="打印"):
            print_notice_sheets(db, actor, tmp_path / "x.pdf", under=TOWNSHIP)
    assert not (tmp_path / "x.pdf").exists()
    with db.session() as session:
        refused = session.execute(select(AuditEntry.actor, AuditEntry.outcome, AuditEntry.place_code)
                                  .where(AuditEntry.action == "print.notice_sheets")).all()
    assert [(who, outcome.value, code) for who, outcome, code in refused] == [
        ("yh", "denied", TOWNSHIP), ("zj_police", "denied", TOWNSHIP)]


def test_cancelled_batch_writes_and_records_nothing(db, system, township, tmp_path):
    class Stop(Exception):
        pass

    def cancel(done, total, text):
        raise Stop()

    with pytest.raises(Stop):
        print_notice_sheets(db, system, tmp_path / "x.pdf", under=TOWNSHIP, progress=cancel)
    assert not (tmp_path / "x.pdf").exists()
    assert len(notice_board.needs_reprint(db, system, TOWNSHIP)) == 3


def test_retired_grids_have_no_sheet(db, system, township):
    with db.session() as session:
        grid = session.scalar(select(Grid).join(Place).where(Place.code == GRID2))
        grid.status = grid.status.RETIRED
        session.commit()
    assert GRID2 not in {s.grid_code for s in notice_board.sheets(db, system, TOWNSHIP)}


@pytest.mark.law("Art. 14")
def test_the_city_sets_the_sheet_texts_and_printed_sheets_then_need_reprinting(db, system, township, tmp_path):
    print_notice_sheets(db, system, tmp_path / "a.pdf", under=TOWNSHIP)
    assert notice_board.needs_reprint(db, system, TOWNSHIP) == []
    after = notice_board.configure_texts(db, system, url="https://wgh.example.cn/g/{code}", platform="北海市受理平台")
    assert after["notice.url"] == "https://wgh.example.cn/g/{code}" and notice_board.texts(db) == after
    sheet = next(s for s in notice_board.sheets(db, system, TOWNSHIP) if s.grid_code == GRID1)
    assert sheet.url == f"https://wgh.example.cn/g/{GRID1}" and sheet.platform == "北海市受理平台"
    assert {e.grid_code for e in notice_board.needs_reprint(db, system, TOWNSHIP)} == {GRID1, GRID2, BOATS}
    with db.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == "print.notice_texts" and "二维码网址" in entry.message and "受理平台名称" in entry.message


@pytest.mark.law("Art. 14")
def test_wrong_sheet_texts_are_named_and_nothing_is_saved(db, system):
    before = notice_board.texts(db)
    with pytest.raises(ValidationFailed) as refused:
        notice_board.configure_texts(db, system, url="wgh.beihai.gov.cn", hotline=" ", colour="red",
                                     platform="平" * 61)
    problems = "\n".join(refused.value.problems)
    for named in ("notice.url", "notice.hotline", "colour", "最多 60 个字"):
        assert named in problems, named
    assert notice_board.texts(db) == before


@pytest.mark.law("Art. 15")
def test_a_township_may_not_change_the_citys_sheet_texts(db):
    # A township admin maintains its own places (MANAGE_PLACES there), not the city's texts.
    admin = Actor(username="zj", display_name="中街管理员", grants=(Grant(Role.TOWNSHIP_ADMIN, TOWNSHIP, PlaceLevel.TOWNSHIP),))
    assert admin.can(Permission.MANAGE_PLACES, TOWNSHIP)
    with pytest.raises(PermissionDenied, match=r"没有在 北海\(450500000000\) 设置全市公示牌文字\(由市级管理员设置\)"):
        notice_board.configure_texts(db, admin, hotline="12345")  # what was asked, and whose it is
    assert notice_board.texts(db)["notice.hotline"] == notice_board.DEFAULTS["notice.hotline"]



@pytest.mark.law("Art. 14")
def test_upgrading_clears_an_address_saved_unchanged_from_the_former_made_up_default(db, system):
    from alembic import command

    from desktop import migrate
    from desktop.models import Setting

    former = "https://wgh.beihai.gov.cn/grid/{code}"
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0017")
    with db.session() as session:
        session.add(Setting(key="notice.url", value=former, updated_by="admin"))
        session.commit()
    migrate.upgrade(db)
    assert notice_board.texts(db)["notice.url"] == ""
    notice_board.configure_texts(db, system, url="https://wgh.example.cn/grid/{code}")
    with db.engine.begin() as conn:  # an address of the city's own is kept
        command.downgrade(migrate._config(conn), "0017")
    migrate.upgrade(db)
    assert notice_board.texts(db)["notice.url"] == "https://wgh.example.cn/grid/{code}"
