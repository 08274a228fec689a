"""The notice-sheet batch dialog with qtbot: reprint list, progress bar, completion and Cancel."""

from __future__ import annotations

import pytest

from desktop.services import notice_board
from desktop.views import dialogs
from desktop.views.printing import notice_sheets_dialog, open_notice_sheets

from .conftest import QIAOBEI


@pytest.fixture
def window(desk_db, system, tasks, feature_window):
    return feature_window(desk_db, system, tasks, QIAOBEI)


@pytest.fixture
def pdf(tmp_path, monkeypatch):
    path = tmp_path / "sheets.pdf"
    monkeypatch.setattr(notice_sheets_dialog, "ask_save_path", lambda parent, title, suggested: str(path))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: pytest.fail(str(exc)))
    return path


@pytest.mark.law("Art. 14")
def test_prints_with_progress_and_clears_the_reprint_list(qtbot, window, pdf):
    dialog = open_notice_sheets(window)
    qtbot.addWidget(dialog)
    assert dialog.reprint_list.count() == 2
    assert "从未打印" in dialog.reprint_list.item(0).text()
    seen = []
    dialog.progress_bar.valueChanged.connect(seen.append)
    with qtbot.waitSignal(window.bus.changed, timeout=5000):
        dialog.print_button.click()
    assert seen[-1] == 2 and dialog.progress_bar.maximum() == 2
    assert pdf.exists() and "已打印 2 张" in dialog.status.text()
    assert dialog.reprint_list.count() == 0 and not dialog.progress_bar.isVisible()


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
