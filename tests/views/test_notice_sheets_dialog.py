"""The notice-sheet batch dialog with qtbot: reprint list, progress bar, completion and Cancel."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.models.enums import PlaceLevel, Role
from desktop.services import notice_board
from desktop.services.clock import beijing_today
from desktop.services.security import Actor, Grant
from desktop.views import dialogs
from desktop.views.printing import notice_sheets_dialog, open_notice_sheets
from desktop.views.printing.notice_texts_dialog import NoticeTextsDialog

from .conftest import QIAOBEI


@pytest.fixture
def window(desk_db, system, tasks, feature_window):
    return feature_window(desk_db, system, tasks, QIAOBEI)


@pytest.fixture
def pdf(tmp_path, monkeypatch):
    path = tmp_path / "sheets.pdf"
    monkeypatch.setattr(notice_sheets_dialog, "ask_pdf_path", lambda parent, title, suggested: str(path))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: pytest.fail(str(exc)))
    monkeypatch.setattr(dialogs, "warning", lambda parent, title, text, items=(): warned.extend(items))
    return path


warned: list[str] = []


@pytest.fixture(autouse=True)
def _no_warnings_yet():
    warned.clear()


@pytest.mark.law("Art. 14")
def test_prints_with_progress_and_clears_the_reprint_list(qtbot, window, pdf):
    dialog = open_notice_sheets(window)
    qtbot.addWidget(dialog)
    assert dialog.reprint_list.count() == 2
    assert "从未打印" in dialog.reprint_list.item(0).text()
    assert dialog.heading.text().startswith(f"侨北社区({QIAOBEI}):2 个网格的公示牌")  # named, not just its code
    seen = []
    dialog.progress_bar.valueChanged.connect(seen.append)
    with qtbot.waitSignal(window.bus.changed, timeout=5000):
        dialog.print_button.click()
    assert seen[-1] == 2 and dialog.progress_bar.maximum() == 2
    assert pdf.exists() and "已打印 2 张" in dialog.status.text()
    assert dialog.reprint_list.count() == 0 and not dialog.progress_bar.isVisible()
    # Printed all the same, and said: the second grid has nobody to publish (Art. 14(2)).
    assert warned == [f"侨北第二网格({QIAOBEI}002):没有在岗的网格工作人员,公示牌上无人可联系(Art. 14(2));"
                      "请先在“网格人员”中配备"]


@pytest.mark.law("Art. 14")
def test_a_roster_change_on_a_later_day_is_said_with_the_grids_and_the_day(qtbot, window, system):
    """A sheet prints who is in post today: one printed on a member's last day was out of date the next, unsaid."""
    from desktop.models.enums import StaffRole, StaffSource
    from desktop.services import staff_admin

    starts = beijing_today() + timedelta(days=1)
    staff_admin.add_grid_staff(window.db, system, grid_code=QIAOBEI + "002", role=StaffRole.GRID_MEMBER,
                               source=StaffSource.VOLUNTEER, start_on=starts, name="陈新", phone="13800002222")
    dialog = open_notice_sheets(window)
    qtbot.addWidget(dialog)
    assert not dialog.roster_hint.isHidden()
    assert dialog.roster_hint.text().endswith(f"届时需要重新打印:侨北第二网格({QIAOBEI}002){starts.isoformat()} 起")
    assert dialog.reprint_list.item(1).text().endswith(f"从未打印;{starts.isoformat()} 起人员变动,届时需重新打印")
    assert "人员变动" not in dialog.reprint_list.item(0).text()


def test_the_note_on_coming_staff_changes_names_three_grids_and_counts_the_rest(qtbot, window):
    """Listing every grid, the note of a township with many changes ahead grew the dialog past a 768-point screen."""
    from datetime import date

    from desktop.services.notice_board import RosterChange

    dialog = open_notice_sheets(window)
    qtbot.addWidget(dialog)
    dialog.changes = {f"{QIAOBEI}{n:03d}": RosterChange(f"{QIAOBEI}{n:03d}", f"网格{n}", date(2026, 12, n))
                      for n in range(1, 7)}
    dialog.retranslate()
    text = dialog.roster_hint.text()
    assert "网格3(" in text and "网格4(" not in text and text.endswith("另有 3 个网格(见下方列表)")


def test_cancel_leaves_no_file_and_nothing_recorded(qtbot, window, pdf, system):
    dialog = open_notice_sheets(window)
    qtbot.addWidget(dialog)
    # Press Cancel as soon as the bar first moves (the synchronous runner reports inside the job).
    dialog.progress_bar.valueChanged.connect(lambda _: dialog.cancel_button.click())
    dialog.print_button.click()
    assert "已取消" in dialog.status.text()
    assert not pdf.exists()
    assert len(notice_board.needs_reprint(window.db, system, QIAOBEI)) == 2
    assert dialog.print_button.isEnabled() and not dialog.cancel_button.isEnabled()


@pytest.mark.law("Art. 14")
def test_changed_sheet_texts_list_every_printed_sheet_again(qtbot, window, pdf, system):
    dialog = open_notice_sheets(window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.unset_hint.isHidden())  # the QR address is not set yet
    dialog.only_changed.setChecked(False)
    with qtbot.waitSignal(window.bus.changed, timeout=5000):
        dialog.print_button.click()
    assert dialog.reprint_list.count() == 0

    texts = dialog.edit_texts()
    qtbot.addWidget(texts)
    assert texts.save_button.isEnabled()
    assert texts.edits["notice.hotline"].text() == notice_board.DEFAULTS["notice.hotline"]
    # Named as the sheet prints it (Art. 14(3)): the number residents call to complain, not any service line.
    assert texts.form.labelForField(texts.edits["notice.hotline"]).text() == "监督举报电话"
    texts.edits["notice.url"].setText("https://wgh.example.cn/grid/{code}")
    with qtbot.waitSignal(texts.saved, timeout=5000):
        texts.save_button.click()
    assert notice_board.texts(window.db)["notice.url"] == "https://wgh.example.cn/grid/{code}"
    assert dialog.reprint_list.count() == 2 and "公示内容已变化" in dialog.reprint_list.item(0).text()
    qtbot.waitUntil(lambda: dialog.unset_hint.isHidden())


def test_sheet_texts_are_read_only_below_the_city(qtbot, desk_db, tasks):
    township_admin = Actor(username="qg_admin", display_name="侨港管理员",
                           grants=(Grant(Role.TOWNSHIP_ADMIN, "450503103000", PlaceLevel.TOWNSHIP),))
    texts = NoticeTextsDialog(desk_db, township_admin, tasks)
    qtbot.addWidget(texts)
    assert texts.edits["notice.platform"].isReadOnly() and not texts.save_button.isEnabled()
    assert not texts.permission_note.isHidden()


def test_print_is_offered_only_with_something_to_print_and_the_permission(qtbot, window, pdf, desk_db, tasks,
                                                                           feature_window):
    """Not a file dialog and then 没有需要打印的: the button says why it is disabled."""
    dialog = open_notice_sheets(window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(window.bus.changed, timeout=5000):
        dialog.print_button.click()
    assert dialog.reprint_list.count() == 0
    assert not dialog.print_button.isEnabled() and "已是最新" in dialog.print_button.toolTip()
    dialog.only_changed.setChecked(False)  # reprint them all
    assert dialog.print_button.isEnabled()

    liaison = Actor(username="police", display_name="派出所联络员",
                    grants=(Grant(Role.LIAISON, "450503103000", PlaceLevel.TOWNSHIP),))
    refused = open_notice_sheets(feature_window(desk_db, liaison, tasks, QIAOBEI))
    qtbot.addWidget(refused)
    refused.only_changed.setChecked(False)
    assert not refused.print_button.isEnabled() and "打印" in refused.print_button.toolTip()
