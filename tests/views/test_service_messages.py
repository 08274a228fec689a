"""The services' messages on the English desk: a Said is shown translated from its template, filled with its
arguments (themselves translated), the article after it; text no Message declares stays as it is."""

from __future__ import annotations

import re
import shutil
import subprocess
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.errors import InvalidTransition, PermissionDenied, ValidationFailed
from desktop.i18n import say
from desktop.models.enums import CaseState, MatterCategory
from desktop.said import Message
from desktop.services.security import Permission
from desktop.tasks import SyncTaskRunner
from desktop.views import dialogs
from desktop.views.cases.new_case_dialog import NewCaseDialog
from desktop.views.login_dialog import LoginDialog

CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
_REFUSED = Message("用户“{user}”不能{wanted}:{category}")
_STOPPED = Message("已停用")()
_NOT_TRANSLATED = Message("尚未翻译 {n}")
_MISFIT = Message("译文占位符不符 {n}")
_WRONG_STATE = "案件 {number} 当前状态为“{state}”,不能{action};只有“{allowed}”状态的案件可以{action},请重新查看案件当前状态"
_ENGLISH = {"messages": {_REFUSED.template: "User “{user}” may not: {wanted} ({category})", "已停用": "Disabled",
                         "{message}({article})": "{message} ({article})", _MISFIT.template: "Misfit {count}",
                         _WRONG_STATE: "Case {number} is “{state}”: {action} is not possible; only a case that is "
                                       "“{allowed}” allows {action}. Please check the case's current state",
                         "核查": "verification", "{one}、{another}": "{one}, {another}"},
            "enums": {Permission.EMERGENCY_ACK.label: "Acknowledge emergency alarms",
                      MatterCategory.DISPUTE.label: "Disputes", CaseState.CLOSED.label: "Closed",
                      CaseState.REPORTED.label: "Result reported", CaseState.UNDER_REVIEW.label: "Under verification"}}


@pytest.fixture
def english_messages(qapp, tmp_path):
    """A translator of a few messages, compiled from a .ts written here (the program's .qm needs the
    translations of the messages tested)."""
    if shutil.which("pyside6-lrelease") is None:
        pytest.skip("pyside6-lrelease (PySide6) not on PATH")
    contexts = "".join(
        f"<context><name>{name}</name>" + "".join(
            f"<message><source>{escape(source)}</source><translation>{escape(english)}</translation></message>"
            for source, english in messages.items()) + "</context>"
        for name, messages in _ENGLISH.items())
    ts = tmp_path / "messages_en.ts"
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="en" '
                  f'sourcelanguage="zh_CN">{contexts}</TS>', encoding="utf-8")
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(ts.with_suffix(".qm")))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_a_said_message_is_translated_with_its_arguments_and_plain_text_is_shown_as_is(english_messages):
    said = _REFUSED(user="侨港值班员甲", wanted=Permission.EMERGENCY_ACK, category=_STOPPED)
    assert said == f"用户“侨港值班员甲”不能{Permission.EMERGENCY_ACK.label}:已停用"
    assert say(said) == "User “侨港值班员甲” may not: Acknowledge emergency alarms (Disabled)"
    assert say("没有声明的中文") == "没有声明的中文"
    assert say(_NOT_TRANSLATED(n=3)) == "尚未翻译 3"  # not translated yet: its Chinese
    assert say(_MISFIT(n=3)) == "译文占位符不符 3"  # a translation that does not fit its template is not used
    assert say(MatterCategory.DISPUTE) == "Disputes"


@pytest.mark.law("Art. 15")
def test_the_error_box_says_the_message_translated_and_the_article_after_it(english_messages, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: shown.append(text))
    dialogs.show_error(None, PermissionDenied(_REFUSED(user="甲", wanted="办", category=_STOPPED), article="Art. 15"))
    dialogs.show_error(None, ValidationFailed(_STOPPED, [_REFUSED(user="甲", wanted=Permission.EMERGENCY_ACK,
                                                                    category=MatterCategory.DISPUTE), "原样"]))
    assert shown == ["User “甲” may not: 办 (Disabled) (Art. 15)",
                     "Disabled\n• User “甲” may not: Acknowledge emergency alarms (Disputes)\n• 原样"]


@pytest.mark.law("Art. 20")
def test_a_wrong_state_refusal_is_said_in_english_with_its_states_and_action(english_messages, monkeypatch):
    from desktop.models import Case
    from desktop.services.cases.common import require_state

    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: shown.append(text))
    with pytest.raises(InvalidTransition) as refused:
        require_state(Case(number="450503103-2026-000007", state=CaseState.CLOSED), "review")
    dialogs.show_error(None, refused.value)
    assert shown == ["Case 450503103-2026-000007 is “Closed”: verification is not possible; only a case that is "
                     "“Result reported, Under verification” allows verification. Please check the case's current "
                     "state (Art. 20)"]


# The desk in English with the program's own translations (resources/translations/griddesk_en.qm).


def test_a_wrong_password_is_refused_in_english_on_the_english_desk(qtbot, desk_db, translations):
    translations.install("en")
    dialog = LoginDialog(desk_db, SyncTaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("qg_op")
    dialog.password.setText("wrong-password")
    dialog.buttons.accepted.emit()
    assert dialog.error.text() == "Wrong user name or password, or the account is disabled"
    translations.install("zh")
    dialog.password.setText("wrong-password")
    dialog.buttons.accepted.emit()  # the same refusal on the Chinese desk: the services' Chinese
    assert dialog.error.text() == "用户名或密码错误,或账号已停用"


def test_an_empty_new_case_is_refused_in_english_on_the_english_desk(qtbot, desk_db, translations, monkeypatch):
    from desktop.services import users

    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: shown.append(text))
    translations.install("en")
    dialog = NewCaseDialog(desk_db, users.actor_for(desk_db, "qg_op"), SyncTaskRunner(), township_code="450503103000")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()  # nothing filled in
    lines = shown[0].splitlines()
    assert lines[0] == "The request is incomplete or wrong; please correct it and save again"
    assert "• Title: required" in lines and "• Request: required" in lines
    assert not [line for line in lines if CHINESE.search(line)]
    assert QCoreApplication.translate("messages", "标题(title):必填") == "Title: required"
