"""Error messages: what to correct is in the message, not behind "Show Details…"."""

from __future__ import annotations

from desktop.errors import ValidationFailed
from desktop.views import dialogs


def test_a_refusal_lists_its_problems_in_the_message(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: shown.append((text, details)))
    dialogs.show_error(None, ValidationFailed("诉求信息不完整或有误:", ["标题(title):必填", "类别(category):必填"]))
    [(text, details)] = shown
    # At the desk the form's captions name the fields: their command-line names ("(title)") are left out.
    assert text.splitlines() == ["诉求信息不完整或有误:", "• 标题:必填", "• 类别:必填"]
    assert details is None


def test_a_refusal_at_the_desk_leaves_out_the_fields_command_line_names_but_not_a_files_keys(monkeypatch):
    """"延期时长(amount):应为 1 至 5" read, at the desk, as a word of the program's insides; a file's keys, which the
    user edits in the file, stay, as do codes and names in parentheses."""
    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: shown.append(text))
    for message in ("延期时长(amount):应为 1 至 5(工作日)", "请填写督办事由(reason)", "经纬度(lon/lat):不在北海"):
        dialogs.show_error(None, ValidationFailed(message, field="x"))
    dialogs.show_error(None, ValidationFailed("须选择重办或督办(outcome)", field="outcome", article="Art. 20"))
    kept = "已办结(closed)的诉求须给出办结时间(updated_datetime);侨港(450503103000)"
    dialogs.show_error(None, ValidationFailed(kept))
    assert shown == ["延期时长:应为 1 至 5(工作日)", "请填写督办事由", "经纬度:不在北海", "须选择重办或督办(Art. 20)", kept]


def test_a_long_list_shows_the_first_problems_and_keeps_all_in_the_details(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: shown.append((text, details)))
    problems = [f"第 {n} 行:日期无效" for n in range(1, 21)]
    dialogs.show_error(None, ValidationFailed("文件有 20 处问题:", problems))
    [(text, details)] = shown
    assert text.count("•") == dialogs.SHOWN_PROBLEMS and "另有 12 处" in text
    assert details.splitlines() == problems


def test_a_problem_told_short_is_told_in_full_in_the_details(monkeypatch):
    """A problem of many rows names the first runs in sight; every row is under "Show Details…"."""
    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: shown.append((text, details)))
    dialogs.show_error(None, ValidationFailed("文件有 20 处问题:", ["第 2、5 行等 4 行:已导入……另 2 行见详细信息"],
                                              details=["第 2、5、8、11 行等 4 行:已导入"]))
    [(text, details)] = shown
    assert text.splitlines() == ["文件有 20 处问题:", "• 第 2、5 行等 4 行:已导入……另 2 行见详细信息"]
    assert details == "第 2、5、8、11 行等 4 行:已导入"


def test_a_fault_of_the_program_is_logged_with_its_trace_and_the_message_names_the_log_file(
        monkeypatch, tmp_path, caplog):
    """An unexpected error had shown its bare text ("'grid'" for a KeyError), logged nowhere when it
    arose on the GUI thread, and never said where whoever looks after the desk could find more."""
    from desktop import logs

    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: shown.append((text, details)))
    monkeypatch.setattr(logs, "log_file", lambda: tmp_path / "griddesk.log")
    try:
        {}["grid"]
    except KeyError as exc:
        with caplog.at_level("ERROR", logger="desktop"):
            dialogs.show_error(None, exc)
    [(text, _details)] = shown
    assert text.splitlines() == ["程序出错,本次操作未完成:KeyError: 'grid'",
                                 f"这不是您的操作有误。详细情况已记入日志文件 {tmp_path / 'griddesk.log'},"
                                 "请把它交给负责维护本机的同事。"]
    assert "Traceback" in caplog.text and "KeyError: 'grid'" in caplog.text


def test_a_reason_of_several_sentences_wraps_in_its_box(qtbot):
    """QInputDialog's box did not wrap: a reason dictated on the phone ran off to the right, read by scrolling."""
    from PySide6.QtWidgets import QPlainTextEdit

    dialog = dialogs.TextDialog(None, "申请延期", "延期理由(第十九条)")
    qtbot.addWidget(dialog)
    dialog.setTextValue("来电群众反映:小区东门路灯自上周起不亮,物业称需等供电所更换线路,预计下周完成。" * 3)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.findChild(QPlainTextEdit)
    assert box.horizontalScrollBar().maximum() == 0
    assert box.document().documentLayout().documentSize().height() > 1  # more than one line, wrapped


def test_ok_on_a_box_of_blanks_stays_disabled(qtbot):
    """OK on an empty reason had closed the box as if cancelled, and nothing was said: a required text is
    accepted only once something is typed; one offered again (typed before a refusal) is accepted as it is."""
    from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit

    def ok(dialog):
        return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)

    dialog = dialogs.TextDialog(None, "联系诉求人", "联系情况")
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.findChild(QPlainTextEdit)
    assert not ok(dialog).isEnabled()
    box.setPlainText(" \n\t ")
    assert not ok(dialog).isEnabled()
    dialog.accept()  # by no other way either
    assert dialog.isVisible() and dialog.result() == 0
    box.insertPlainText("已电话联系")
    assert ok(dialog).isEnabled()
    ok(dialog).click()
    assert not dialog.isVisible() and dialog.result() == 1
    offered = dialogs.TextDialog(None, "联系诉求人", "联系情况")
    qtbot.addWidget(offered)
    offered.setTextValue("已电话联系")
    offered.show()
    assert ok(offered).isEnabled()


def test_a_question_asked_against_its_default_says_no_to_one_enter_too_many(qtbot):
    """Saving a year's schedule that lacks festivals is a deliberate choice: its question had Yes as default, so
    the Enter that saved the form, pressed once more, entered the year as whole."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    def press_enter() -> None:
        qtbot.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_Return)

    for default_yes in (True, False):
        QTimer.singleShot(0, press_enter)
        assert dialogs.confirm(None, "安排不完整", "仍然录入?", default_yes=default_yes) is default_yes


def test_an_english_refusal_leaves_out_the_fields_command_line_names_too():
    """Translated, "标题(title):必填" had read "Title (title): required" on the English desk."""
    assert dialogs.for_the_desk("Title (title): required") == "Title: required"
    assert dialogs.for_the_desk("Choose reopen or supervise (outcome) (Art. 20)") == "Choose reopen or supervise (Art. 20)"
    kept = "A closed request needs its closing time (updated_datetime); 侨港(450503103000)"
    assert dialogs.for_the_desk(kept) == kept
