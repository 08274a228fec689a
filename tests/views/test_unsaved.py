"""Text typed in a form is not thrown away by one key: Esc, Cancel or the window's close button say in
the form that it is not saved, and a second closes it; with nothing typed, the first closes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from sqlalchemy import select

from desktop.models import Case
from desktop.models.enums import CaseState
from desktop.services import users
from desktop.tasks import SyncTaskRunner
from desktop.views.calendar.window import YearForm
from desktop.views.cases.case_rules_dialog import CaseRulesDialog
from desktop.views.cases.dispatch_dialog import DispatchDialog
from desktop.views.emergencies.ladder_settings import DutyPhonesDialog, LadderSettingsDialog
from desktop.views.printing.notice_texts_dialog import NoticeTextsDialog
from desktop.views import dialogs
from desktop.views.dialogs import TextDialog
from desktop.views.unsaved import close_without_asking

from .small_forms import FORMS, QIAOGANG, make

SAID = "来电人说:楼道的灯坏了一个月,物业推说不归他们管。"  # several sentences from a phone call


def _text_field(form: QDialog) -> QWidget:
    """The form's first text field to type in."""
    def typed_in(widget: QWidget) -> bool:
        if isinstance(widget, QLineEdit):
            return widget.echoMode() == QLineEdit.EchoMode.Normal \
                and not isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox))
        return isinstance(widget, QPlainTextEdit)

    return next(w for w in form.findChildren(QWidget) if typed_in(w) and w.isVisible() and not w.isReadOnly())


def _leave(qtbot, form: QDialog, how: str) -> None:
    if how == "Esc":
        qtbot.keyClick(form.focusWidget() or form, Qt.Key.Key_Escape)
    elif how == "Cancel":
        box = next(b for b in form.findChildren(QDialogButtonBox) if b.window() is form)
        next(b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole).click()
    else:
        form.close()


def _text(field: QWidget) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


@pytest.mark.parametrize("how", ["Esc", "Cancel", "close"])
@pytest.mark.parametrize("name", FORMS)
def test_text_typed_in_a_form_is_kept_until_the_second_time(qtbot, request, name, how):
    """A reason typed for a dispatch refusal, an extension or an objection, an emergency dictated on the
    phone, a department's or a person's details went with one Esc, one Cancel or the close button."""
    form = make(request, name)
    qtbot.addWidget(form)
    form.show()
    field = _text_field(form)
    field.setFocus()
    (field.setText if isinstance(field, QLineEdit) else field.setPlainText)(SAID)
    _leave(qtbot, form, how)
    assert form.isVisible() and _text(field) == SAID
    assert form.discard_note.isVisible() and "再按一次 Esc" in form.discard_note.text()
    _leave(qtbot, form, how)
    assert not form.isVisible() and form.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("name", FORMS)
def test_a_form_with_nothing_typed_closes_at_once(qtbot, request, name):
    form = make(request, name)
    qtbot.addWidget(form)
    form.show()
    _leave(qtbot, form, "Esc")
    assert not form.isVisible() and not form.discard_note.isVisible()


def test_typing_on_after_the_warning_makes_the_next_esc_warn_again(qtbot):
    form = TextDialog(None, "延期", "延期理由")
    qtbot.addWidget(form)
    form.setTextValue("已联系施工方")  # what was typed before: unchanged, it is nothing to lose
    form.show()
    _leave(qtbot, form, "Esc")
    assert not form.isVisible()
    form = TextDialog(None, "延期", "延期理由")
    qtbot.addWidget(form)
    form.show()
    box = form.findChild(QPlainTextEdit)
    box.setFocus()
    qtbot.keyClicks(box, "rain")
    _leave(qtbot, form, "Esc")
    assert form.discard_note.isVisible()
    qtbot.keyClicks(box, " again")
    assert not form.discard_note.isVisible()
    _leave(qtbot, form, "Esc")
    assert form.isVisible() and form.textValue() == "rain again"


def test_a_years_rows_are_kept_until_the_second_esc(qtbot, desk_db, system, tasks):
    form = YearForm(2027, desk_db, system, tasks)
    qtbot.addWidget(form)
    form.show()
    _leave(qtbot, form, "Esc")
    assert not form.isVisible()
    form = YearForm(2027, desk_db, system, tasks)
    qtbot.addWidget(form)
    form.show()
    form.add_row()  # a date and a kind chosen, no name typed
    _leave(qtbot, form, "Esc")
    assert form.isVisible() and form.table.rowCount() == 1 and form.discard_note.isVisible()
    form.add_row()  # going on: the next Esc warns again
    assert not form.discard_note.isVisible()
    _leave(qtbot, form, "Esc")
    assert form.isVisible() and form.table.rowCount() == 2
    _leave(qtbot, form, "Esc")
    assert not form.isVisible()


@pytest.mark.parametrize("name", FORMS)
def test_a_form_the_program_closes_goes_with_its_text(qtbot, request, name):
    """A desk whose account was disabled closes its windows: a form with text only showed its note and
    stayed up, showing what was typed (a requester's name and phone, an emergency) after the desk closed."""
    form = make(request, name)
    qtbot.addWidget(form)
    form.show()
    field = _text_field(form)
    (field.setText if isinstance(field, QLineEdit) else field.setPlainText)(SAID)
    assert close_without_asking(form)
    assert not form.isVisible() and not form.discard_note.isVisible()


def test_a_reason_offered_again_after_a_refusal_is_not_lost_by_one_esc(qtbot):
    """The reason typed for a step refused (another desk changed the case) comes back in the box: one Esc
    had closed it as if nothing were typed, and it was gone."""
    seen = []

    def esc_once_then_look():
        box = QApplication.activeModalWidget()
        qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Escape)
        seen.append((box.isVisible(), box.discard_note.isVisible(), box.textValue()))
        box.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, esc_once_then_look)
    assert dialogs.ask_lines(None, "申请延期", "延期理由", SAID) is None
    assert seen == [(True, True, SAID)]


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", FORMS)
def test_the_note_is_read_whole_in_a_narrow_form(qtbot, request, translations, name, language):
    """A narrow form grew by one line for the note: the rest was cut, the very words saying what to do."""
    translations.install(language)
    form = make(request, name)
    qtbot.addWidget(form)
    form.show()
    field = _text_field(form)
    (field.setText if isinstance(field, QLineEdit) else field.setPlainText)(SAID)
    _leave(qtbot, form, "Esc")
    QApplication.processEvents()
    note = form.discard_note
    assert note.isVisible() and note.height() >= note.heightForWidth(note.width())


def test_a_form_reopened_after_a_refusal_warns_again_at_the_first_esc(qtbot):
    """A form refused at its save is shown again: the note of an Esc pressed before had stayed up, and the
    next Esc threw the text away."""
    form = TextDialog(None, "延期", "延期理由")
    qtbot.addWidget(form)
    form.show()
    form.setTextValue(SAID)
    _leave(qtbot, form, "Esc")
    assert form.discard_note.isVisible()
    form.hide()  # OK pressed, the save refused, the form shown again as it was
    form.show()
    assert not form.discard_note.isVisible()
    _leave(qtbot, form, "Esc")
    assert form.isVisible() and form.textValue() == SAID


def test_a_date_changed_after_the_warning_makes_the_next_esc_warn_again(qtbot, desk_db, system, tasks):
    """Only typing had armed the note again: a year's date or kind changed after it went with the next Esc."""
    form = YearForm(2027, desk_db, system, tasks)
    qtbot.addWidget(form)
    form.show()
    form.add_row()
    _leave(qtbot, form, "Esc")
    assert form.discard_note.isVisible()
    date = next(w for w in form.findChildren(QDateEdit) if w.window() is form)
    date.setDate(date.date().addDays(3))
    _leave(qtbot, form, "Esc")
    assert form.isVisible() and form.discard_note.isVisible()
    _leave(qtbot, form, "Esc")
    assert not form.isVisible()


def test_an_emergency_told_by_choices_and_counts_alone_is_not_lost_by_one_esc(qtbot, sqlite_db, system):
    """A report taken down during a call as a type, a level and casualty counts, no text typed, went with one Esc."""
    from desktop.tasks import SyncTaskRunner
    from desktop.views.emergencies.report_dialog import EmergencyReportDialog

    form = EmergencyReportDialog(sqlite_db, system, SyncTaskRunner(), township_code=QIAOGANG)
    qtbot.addWidget(form)
    form.show()
    form.form.level.setCurrentIndex(1)
    form.form.deaths.setValue(2)
    _leave(qtbot, form, "Esc")
    assert form.isVisible() and form.discard_note.isVisible()
    _leave(qtbot, form, "Esc")
    assert not form.isVisible()


def _change_phone(dialog):
    edit = next(iter(dialog.phones.values()))
    edit.setText(edit.text() + "1")


def _change_limit(dialog):
    dialog.follow_up.setValue(dialog.follow_up.value() + 1)


def _change_rule(dialog):
    dialog.numbers["on_hold_every_days"].setValue(dialog.numbers["on_hold_every_days"].value() + 1)


def _change_hotline(dialog):
    dialog.edits["notice.hotline"].setText(dialog.edits["notice.hotline"].text() + "5")


SETTINGS = {"duty phones": (DutyPhonesDialog, _change_phone), "ladder": (LadderSettingsDialog, _change_limit),
            "case rules": (CaseRulesDialog, _change_rule), "notice texts": (NoticeTextsDialog, _change_hotline)}


@pytest.mark.parametrize("name", SETTINGS)
def test_a_setting_changed_and_not_saved_is_kept_until_the_second_esc(qtbot, sqlite_db, system, name):
    """The duty rooms' phones, the ladder's time limits, the callback rules and the notice-board texts went
    with one Esc or 关闭, changes and all; the note names the button the form has."""
    kind, change = SETTINGS[name]
    unchanged = kind(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(unchanged)
    unchanged.show()
    _leave(qtbot, unchanged, "Esc")
    assert not unchanged.isVisible()
    dialog = kind(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    change(dialog)
    _leave(qtbot, dialog, "Cancel")
    assert dialog.isVisible() and "再点“关闭”" in dialog.discard_note.text() and dialog.discard_note.isVisible()
    change(dialog)  # changed again after the note: the next Esc warns again
    _leave(qtbot, dialog, "Esc")
    assert dialog.isVisible() and dialog.changes()
    _leave(qtbot, dialog, "Esc")
    assert not dialog.isVisible()


@pytest.mark.law("Art. 18")
def test_a_dispatch_with_co_handlers_ticked_is_kept_until_the_second_esc(qtbot, demo_db, tasks):
    """Co-handlers found one by one in a long list, or a lead other than the suggestion, went with one Esc."""
    with demo_db.session() as s:
        case_id, version = s.execute(select(Case.id, Case.version).where(Case.state == CaseState.REGISTERED)
                                     .limit(1)).one()
    operator = users.actor_for(demo_db, "qg_op1")
    untouched = DispatchDialog(demo_db, operator, tasks, case_id, version)
    qtbot.addWidget(untouched)
    untouched.show()
    untouched.co_filter.setText("派出所")  # only looked for: nothing to keep
    _leave(qtbot, untouched, "Esc")
    assert not untouched.isVisible()
    dialog = DispatchDialog(demo_db, operator, tasks, case_id, version)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.co.item(1).setCheckState(Qt.CheckState.Checked)
    _leave(qtbot, dialog, "Esc")
    assert dialog.isVisible() and dialog.discard_note.isVisible() and "再点“取消”" in dialog.discard_note.text()
    dialog.co.item(2).setCheckState(Qt.CheckState.Checked)  # another ticked after the note
    _leave(qtbot, dialog, "Esc")
    assert dialog.isVisible() and len(dialog.co_handlers()) == 2
    _leave(qtbot, dialog, "Esc")
    assert not dialog.isVisible()
    chosen = DispatchDialog(demo_db, operator, tasks, case_id, version)
    qtbot.addWidget(chosen)
    chosen.show()
    chosen.lead.setCurrentIndex(1)
    _leave(qtbot, chosen, "Esc")
    assert chosen.isVisible() and chosen.discard_note.isVisible()
