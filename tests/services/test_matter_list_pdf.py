"""The printed matter list's page layout (Art. 12–13): every category heading stays with its
table, and no page is left empty."""

import re
from datetime import date

import pytest

from desktop.models.enums import MatterCategory, MatterListState
from desktop.services.matter_list import ItemDraft, MatterItemInfo, MatterListInfo
from desktop.services.printing.matter_list_pdf import render
from pdftools import pdf_text, word_boxes

HEADING = re.compile(r"\([一二三四五六七八九十]+\)")  # a category heading: "(六)社会心理服务 …"


def _list(first_category_items: int):
    """A published list: `first_category_items` items in the first category, one in each other."""
    counts = {category: 1 for category in MatterCategory}
    counts[next(iter(MatterCategory))] = first_category_items
    items = [MatterItemInfo(n, 1, ItemDraft(f"C{n:03d}", f"协助开展第 {n} 项工作", category), 1, "应急管理局",
                            "莫桂文")
             for n, category in enumerate((c for c, k in counts.items() for _ in range(k)), start=1)]
    info = MatterListInfo(1, "450503103000", "侨港镇", 1, "侨港镇网格化服务管理事项清单", MatterListState.PUBLISHED,
                          date(2025, 9, 1), len(items))
    return [(info, items)]


# Lengths that put the end of a table, or of the list, near the foot of a page.
@pytest.mark.parametrize("first_category_items", range(14, 48))
def test_no_page_ends_with_a_category_heading_or_is_empty(tmp_path, first_category_items):
    data, pages = render(_list(first_category_items), printed_on=date(2026, 11, 26))
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(data)
    texts = [page for page in pdf_text(pdf).split("\f") if page.strip()]
    assert len(texts) == pages > 1
    for number, page in enumerate(texts, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip() and "打印日期" not in line]
        assert lines, f"page {number} is empty"
        assert f"第{number}页共{pages}页" in re.sub(r"\s", "", page)  # of how many: a page torn off says so
        assert not HEADING.match(lines[-1]), f"page {number} ends with the heading {lines[-1]!r}"


def _printed(tmp_path, item: MatterItemInfo, code: str, name: str):
    """The PDF of a published list of `name` (place `code`) holding the one item."""
    info = MatterListInfo(1, code, name, 1, f"{name}网格化服务管理事项清单", MatterListState.PUBLISHED, date(2025, 9, 1), 1)
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(render([(info, [item])], printed_on=date(2026, 11, 26))[0])
    return pdf


def test_a_long_code_or_contact_name_wraps_within_its_column(tmp_path):
    item = MatterItemInfo(1, 1, ItemDraft("450503-YJJ-2026-0001", "协助排查海堤安全隐患", MatterCategory.SAFETY_RISK), 1,
                          "银海区应急管理局", "欧阳娜娜·阿依古丽·买买提江")
    pdf = _printed(tmp_path, item, "450503000000", "银海区")
    words = word_boxes(pdf)[0]
    left = {text: x0 for text, x0, _, _, _ in words}
    header_y = next(y1 for text, _, _, _, y1 in words if text == "编号")
    row = [(text, x0, x1) for text, x0, y0, x1, _ in words if y0 > header_y and x0 >= left["编号"]]
    code = [(x0, x1) for text, x0, x1 in row if x0 < left["事项名称"]]
    contact = [(x0, x1) for text, x0, x1 in row if left["业务指导人员"] <= x0 < left["办理时限"]]
    assert code and all(x1 < left["事项名称"] for _, x1 in code)  # not run into the item's name
    assert contact and all(x1 < left["办理时限"] for _, x1 in contact)
    text = pdf_text(pdf, layout=False)
    assert "买买提江" in text and "0001" in text


def test_an_item_title_with_angle_brackets_is_printed_as_typed(tmp_path):
    item = MatterItemInfo(1, 1, ItemDraft("C07-09", "PM2.5>75 <b>重污染天气提示", MatterCategory.PUBLIC_HEALTH), 1,
                          "生态环境局", "陈工")
    pdf = _printed(tmp_path, item, "450500000000", "北海市")
    assert "PM2.5>75 <b>重污染天气提示" in pdf_text(pdf, layout=False)


@pytest.mark.law("Art. 12")
def test_only_the_categories_with_items_are_printed_and_an_empty_list_says_so_once(tmp_path):
    """"(本类暂无事项)" was printed under each of the eleven headings a list had no item in."""
    item = MatterItemInfo(1, 1, ItemDraft("C06-01", "协助开展心理疏导", MatterCategory.PSYCHOLOGICAL), 1, "卫生健康局", "陈工")
    text = pdf_text(_printed(tmp_path, item, "450503000000", "银海区"))
    headings = [line.strip() for line in text.splitlines() if HEADING.match(line.strip())]
    assert len(headings) == 1 and headings[0].startswith("(六)社会心理服务")  # numbered as in Art. 12
    assert "暂无事项" not in text
    info = MatterListInfo(1, "450503000000", "银海区", 1, "银海区网格化服务管理事项清单", MatterListState.PUBLISHED,
                          date(2025, 9, 1), 0)
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(render([(info, [])], printed_on=date(2026, 11, 26))[0])
    text = pdf_text(pdf)
    assert text.count("暂无事项") == 1 and "(本清单暂无事项)" in text
    assert not [line for line in text.splitlines() if HEADING.match(line.strip())]
