"""The printed matter list's page layout (Art. 12–13): every category heading stays with its
table, and no page is left empty."""

import re
from datetime import date

import pytest

from desktop.models.enums import MatterCategory, MatterListState
from desktop.services.matter_list import ItemDraft, MatterItemInfo, MatterListInfo
from desktop.services.printing.matter_list_pdf import render
from pdftools import pdf_text

HEADING = re.compile(r"\([一二三四五六七八九十]+\)")  # a category heading: "(六)社会心理服务 …"


def _list(first_category_items: int):
    """A published list: `first_category_items` items in the first category, one in each other."""
    counts = {category: 1 for category in MatterCategory}
    counts[next(iter(MatterCategory))] = first_category_items
    items = [MatterItemInfo(n, 1, ItemDraft(f"C{n:03d}", f"协助开展第 {n} 项工作", category), 1, "应急管理局",
                            "莫桂文", None)
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
        assert not HEADING.match(lines[-1]), f"page {number} ends with the heading {lines[-1]!r}"
