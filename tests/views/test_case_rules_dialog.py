"""事项清单 → 期限与回访规则…: the rules in force, saved by the city-wide calendar keeper, read-only to others."""

import pytest

from desktop.models.enums import Role
from desktop.services import users
from desktop.services.cases import case_rules
from desktop.services.cases.case_rules import CaseRules
from desktop.tasks import SyncTaskRunner
from desktop.views import dialogs
from desktop.views.cases.case_rules_dialog import CaseRulesDialog, open_case_rules


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: shown.append(exc))
    return shown


@pytest.mark.law("Art. 20")
def test_the_rules_are_saved_city_wide(qtbot, sqlite_db, system, errors):
    dialog = CaseRulesDialog(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(dialog)
    assert dialog.numbers["after_close_working_days"].value() == 3 and not dialog.pause.isChecked()
    assert dialog.save_button.isEnabled() and not dialog.permission_note.isVisibleTo(dialog)
    dialog.numbers["on_hold_every_days"].setValue(14)
    dialog.pause.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.submit()
    assert not errors and case_rules.load_rules(sqlite_db) == CaseRules(3, 14, True)


def test_a_dialog_left_open_sends_only_what_was_changed_in_it(qtbot, sqlite_db, system, errors):
    """Another admin's save while this dialog was open is kept: only this dialog's change is sent."""
    dialog = CaseRulesDialog(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(dialog)
    case_rules.configure_rules(sqlite_db, system, on_hold_every_days=14)  # meanwhile, at another desk
    dialog.numbers["after_close_working_days"].setValue(5)
    assert dialog.changes() == {"after_close_working_days": 5}
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.submit()
    assert not errors and case_rules.load_rules(sqlite_db) == CaseRules(5, 14, False)
    unchanged = CaseRulesDialog(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(unchanged)
    with qtbot.assertNotEmitted(unchanged.saved):
        unchanged.submit()  # nothing changed: closed, nothing saved
    assert unchanged.result() == unchanged.DialogCode.Rejected


def test_the_rules_are_read_only_without_the_city_wide_calendar(qtbot, sqlite_db, system, feature_window, cjk_font):
    users.add_user(sqlite_db, system, username="qg_op", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code="450503103000")
    window = feature_window(sqlite_db, users.actor_for(sqlite_db, "qg_op"), SyncTaskRunner())
    open_case_rules(window)
    [dialog] = window.findChildren(CaseRulesDialog)
    assert dialog.isVisible() and not dialog.pause.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.permission_note.isVisibleTo(dialog) and not dialog.grab().isNull()
