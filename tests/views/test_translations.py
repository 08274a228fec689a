"""English interface: with the English translator installed, the main window, the log-in dialog and
every feature window show no Chinese beyond their data; the .ts leaves nothing untranslated."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from desktop import i18n
from desktop.i18n import LANGUAGES, period_label
from desktop.services.evaluation.periods import parse_period
from desktop.views import dialogs, menus
from desktop.tasks import SyncTaskRunner
from desktop.views.login_dialog import LoginDialog
from desktop.views.main_window import MainWindow

from .conftest import QIAOBEI
from .keyboard import open_feature

SHOW_ERROR = dialogs.show_error
TS = i18n.translations_dir() / "griddesk_en.ts"
UPDATE = i18n.translations_dir() / "update.py"
# CJK ideographs plus the full-width punctuation that goes with them (,:()).
CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
PLACEHOLDER = re.compile(r"%\d|%n|\{[^}]*\}")
SHORTCUT = re.compile(r"&(?!&)")
# Data, not interface: the places and people of the test township, the languages' own names.
DATA = ("侨港镇", "银海区", "海城区", "铁山港区", "合浦县", "侨北社区居委会", "侨北社区", "侨北第一网格", "侨北第二网格",
        "北海市", "陈海", "王五",
        *LANGUAGES.values())
# Data shown inside interface text: a place offered with its code, the test cases' titles and descriptions.
DATA_PATTERN = re.compile(r"[\u4e00-\u9fff]+[((]\d{12,15}[))]|诉求 \d+|示例")


@pytest.fixture
def answered(monkeypatch):
    """Message boxes answered without showing them; what they said is kept."""
    said = []
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: said.append(title + " " + text))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: said.append(title + " " + text) or False)
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: said.append(title + " " + text))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: said.append(str(exc)))
    return said


def _header_texts(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    count = model.columnCount(QModelIndex()) if header.orientation() == Qt.Orientation.Horizontal \
        else model.rowCount(QModelIndex())
    return [str(model.headerData(i, header.orientation(), Qt.ItemDataRole.DisplayRole) or "") for i in range(count)]


def _action_texts(action: QAction) -> list[str]:
    texts = [action.text(), action.toolTip()]
    if action.menu() is not None:
        for child in action.menu().actions():
            texts += _action_texts(child)
    return texts


def visible_texts(top: QWidget) -> list[str]:
    """What a user reads on `top`: titles, labels, buttons, placeholders, choices, headers, menus."""
    texts = [top.windowTitle()]
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, (QGroupBox, QDockWidget)):
            texts.append(widget.title() if isinstance(widget, QGroupBox) else widget.windowTitle())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QHeaderView):
            texts += _header_texts(widget)
        texts.append(widget.toolTip())
        for action in widget.actions():
            texts += _action_texts(action)
    return [text for text in texts if text]


def chinese_left(top: QWidget, data: tuple[str, ...] = DATA) -> list[str]:
    """The visible texts that still hold Chinese once the data shown in them is taken out."""
    left = []
    for text in visible_texts(top):
        for value in sorted(data, key=len, reverse=True):
            text = text.replace(value, "")
        text = DATA_PATTERN.sub("", text)
        if CHINESE.search(text):
            left.append(text)
    return left


@pytest.fixture
def main_window(qtbot, desk_db, tasks, system, translations):
    def make() -> MainWindow:
        window = MainWindow(desk_db, system, tasks, translations=translations)
        qtbot.addWidget(window)
        window.show()
        window.select_place(QIAOBEI)
        return window

    return make


def test_main_window_switches_to_english_live(qtbot, main_window, translations, system):
    translations.install("zh")
    window = main_window()
    assert [a.text() for a in window.menuBar().actions()][:2] == ["文件(&F)", "案件(&C)"]
    window.set_language("en")  # Qt posts LanguageChange to every widget; each retranslates
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&File")
    titles = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert titles[:3] == ["&File", "&Cases", "&Grids"] and titles[-1] == "&Help"
    header = window.queue_panel.view.horizontalHeader()
    assert _header_texts(header)[:4] == ["Number", "Title", "Time left", "State"]
    assert chinese_left(window, DATA) == []


def test_the_map_dock_switches_to_english_live(qtbot, main_window, translations, system):
    """The dock kept its Chinese title, toolbar and count after 视图 → 界面语言 → English."""
    translations.install("zh")
    window = main_window()
    window.run_feature(next(f for f in menus.FEATURE_ACTIONS if f.id == "grids.map"))
    dock = window.findChild(QDockWidget, "mapDock")
    assert dock.windowTitle() == "地图"
    window.set_language("en")
    qtbot.waitUntil(lambda: dock.windowTitle() == "Map")
    assert chinese_left(dock, (*DATA, system.display_name)) == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_menu_opens_with_its_own_alt_key(main_window, translations, language):
    """Alt+F opened nothing in Chinese, and in English Alt+P was both People and Print."""
    translations.install(language)
    window = main_window()
    keys = [QKeySequence.mnemonic(a.text()).toString() for a in window.menuBar().actions()]
    assert all(keys) and len(set(keys)) == len(keys), keys
    assert keys[0] == "Alt+F"


def test_main_window_opened_in_english(main_window, translations, system):
    translations.install("en")
    window = main_window()
    assert "GridDesk" in window.windowTitle()
    assert window.user_label.text() == "User: System administrator (pytest)"  # it had stayed 系统管理员(pytest)
    assert chinese_left(window, DATA) == []


def test_login_dialog_in_english(qtbot, desk_db, translations):
    translations.install("en")
    dialog = LoginDialog(desk_db, SyncTaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    assert {"&User name", "&Password", "Log in", "Cancel"} <= set(visible_texts(dialog))
    assert chinese_left(dialog) == []


@pytest.mark.parametrize("feature", menus.FEATURE_ACTIONS, ids=lambda f: f.id)
def test_every_feature_window_in_english(qtbot, main_window, translations, answered, system, feature):
    translations.install("en")
    opened = open_feature(qtbot, main_window(), feature)
    assert opened or answered, "the feature neither opened a window nor said why"
    assert [text for text in answered if CHINESE.search(text)] == []
    for widget in opened:
        assert chinese_left(widget, (*DATA, system.display_name)) == [], type(widget).__name__


def test_periods_read_as_the_services_say_them_in_chinese_and_plainly_in_english(translations):
    codes = ("2026-11", "2026-Q4", "2026")
    translations.install("zh")
    assert [period_label(parse_period(c)) for c in codes] == [parse_period(c).label for c in codes]
    translations.install("en")
    assert [period_label(parse_period(c)) for c in codes] == ["11/2026", "Q4 2026", "2026"]


def _messages(ts=TS):
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message.findtext("source"), message.find("translation")


def test_every_message_has_a_finished_translation_keeping_placeholders_and_shortcuts():
    messages = list(_messages())
    assert len(messages) > 600
    for context, source, translation in messages:
        where = f"{context}: {source!r}"
        assert translation.get("type") is None, f"{where} is {translation.get('type')}"
        english = translation.text or ""
        assert english.strip(), f"{where} has no English"
        assert not CHINESE.search(english), f"{where} → {english!r} still holds Chinese"
        assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(source)), where
        # A shortcut stays one shortcut; a menu title may gain one ("文件" → "&File").
        assert SHORTCUT.findall(english) == SHORTCUT.findall(source) or (
            not SHORTCUT.findall(source) and len(SHORTCUT.findall(english)) == 1 and context == "menus"), where


def test_no_message_is_filed_under_a_variables_name():
    """`parent.tr(…)` in a module-level function is filed by lupdate under "parent", but looked up
    at run time under the parent's class: such a string stays Chinese in English. Module-level
    functions say their context with QCoreApplication.translate."""
    contexts = {context for context, _, _ in _messages()}
    assert not contexts & {"parent", "window", "self", "dialog", "widget", "owner", "form"}


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate (PySide6) not on PATH")
def test_the_ts_holds_every_string_of_the_sources_and_the_qm_is_compiled_from_it(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run([sys.executable, str(UPDATE), "--ts", str(copy)], check=True, capture_output=True)

    def translations(ts):
        return {(context, source): (t.text, t.get("type")) for context, source, t in _messages(ts)}

    assert translations(copy) == translations(TS), "run resources/translations/update.py and translate the new strings"
    assert copy.with_suffix(".qm").read_bytes() == TS.with_suffix(".qm").read_bytes(), "the .qm is not the compiled .ts"


def test_english_state_and_category_columns_hold_their_longest_labels_whole(main_window, translations):
    """The English labels are about twice as wide as the Chinese ones the queue's default widths were
    set for: "Handling · General supervision" had read "Handling · General …" (the column now tags an
    order shorter: "Handling · supervised")."""
    from desktop.models.enums import OPEN_CASE_STATES, CaseState, MatterCategory, SupervisionLevel
    from desktop.views.queue_model import CATEGORY, STATE, supervision_tag

    translations.install("en")
    window = main_window()
    window.setWindowState(Qt.WindowState.WindowNoState)  # maximized on the tests' small screen
    window.resize(1920, 1080)  # room for them: in a narrower queue the state column gives way to the category
    view = window.queue_panel.view
    metrics = view.fontMetrics()
    state = f"{i18n.label(CaseState.HANDLING)} · {supervision_tag(SupervisionLevel.GENERAL)}"
    assert state == "Handling · supervised"
    assert view.columnWidth(STATE) > metrics.horizontalAdvance(state)
    # "Extension requested · supervised (late)" had read "Extension requested · super…": only the
    # handling state was measured, not the longer ones ("Jurisdiction objection · key supervision (late)").
    longest = max((view.model().state_text(case, supervision=level, supervision_overdue=True)
                   for case in OPEN_CASE_STATES for level in (SupervisionLevel.GENERAL, SupervisionLevel.KEY)),
                  key=metrics.horizontalAdvance)
    assert view.columnWidth(STATE) > metrics.horizontalAdvance(longest)
    assert view.columnWidth(CATEGORY) > max(metrics.horizontalAdvance(i18n.label(c)) for c in MatterCategory)


@pytest.mark.parametrize("live", [False, True], ids=["opened-in-english", "switched-to-english"])
def test_the_english_countdown_column_holds_every_countdown_whole(qtbot, main_window, translations, live):
    """Sized for the Chinese "联系 超期 99天23小时" translated, the column had cut the operator's longer
    "Sign-for 1 d 13 h ove…"; it holds every form of two figures of days and hours, and follows a language
    switched while the window is open."""
    from desktop.views.countdown import WIDEST_SPAN, span_text
    from desktop.views.queue_model import COUNTDOWN

    if not live:
        translations.install("en")
    window = main_window()
    if live:
        window.set_language("en")
    view = window.queue_panel.view

    def widest() -> int:
        forms = view.model().countdown_forms(span_text(WIDEST_SPAN))
        assert any(form.startswith("Sign-for") for form in forms)
        return max(view.fontMetrics().horizontalAdvance(form) for form in forms)

    qtbot.waitUntil(lambda: window.queue_panel.overdue.text() != "只看超期")  # the posted LanguageChange handled
    assert view.columnWidth(COUNTDOWN) > widest()


@pytest.mark.parametrize("kind", [{"ask_old": True}, {"first_own": True}, {"expired": True}, {"username": "qg_op"}],
                         ids=["own", "first", "expired", "reset"])
def test_the_password_form_in_english_shows_its_rule_whole(qtbot, translations, kind):
    """The new password's rule had read "8 or more chara…" in a form sized for the Chinese."""
    from desktop.views.accounts.forms import PasswordForm

    translations.install("en")
    form = PasswordForm(**kind)
    qtbot.addWidget(form)
    form.show()
    rule = form.new.placeholderText()
    assert rule.startswith("8 or more characters")
    assert form.new.width() > form.new.fontMetrics().horizontalAdvance(rule)
    assert chinese_left(form) == []


def _inner_forms():
    from desktop.models.enums import LeadershipRole, PlaceLevel, Role
    from desktop.services.staff_admin import LeadershipPlace
    from desktop.views.accounts.forms import GrantForm
    from desktop.views.calendar.window import DayForm
    from desktop.views.departments.forms import ContactForm, DepartmentForm
    from desktop.views.people.add_staff_dialog import AddStaffDialog
    from desktop.views.people.forms import LeaderForm, VisitForm, WorkLogForm

    township, grid = ("450503103000", "侨港镇"), (QIAOBEI + "001", "侨北第一网格")
    return {
        "department": lambda: DepartmentForm([township]),
        "contact": lambda: ContactForm(),
        "new user": lambda: GrantForm([Role.OPERATOR, Role.LIAISON], [(*township, PlaceLevel.TOWNSHIP)], [],
                                      new_account=True),
        "grant": lambda: GrantForm([Role.OPERATOR, Role.LIAISON], [(*township, PlaceLevel.TOWNSHIP)], []),
        "calendar day": lambda: DayForm(2027),
        "add staff": lambda: AddStaffDialog([grid]),
        "leader": lambda: LeaderForm((LeadershipPlace(*township, tuple(LeadershipRole)),)),
        "work log": lambda: WorkLogForm([]),
        "visit": lambda: VisitForm([], [grid]),
    }


@pytest.mark.parametrize("form", list(_inner_forms()))
def test_the_forms_opened_from_inside_windows_in_english(qtbot, translations, form):
    """The department, contact, account, calendar-day and staff forms open only from their windows'
    buttons, which the walk through every menu does not press."""
    translations.install("en")
    dialog = _inner_forms()[form]()
    qtbot.addWidget(dialog)
    dialog.show()
    assert chinese_left(dialog) == []
    assert dialog.width() < 700  # no English line widens it past a form's width
    for field in dialog.findChildren(QDateEdit):  # as GridDesk writes a date everywhere, not "11/28/26"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", field.text()), field.text()


def test_the_year_form_of_the_calendar_in_english(qtbot, translations, desk_db, system, tasks):
    from desktop.views.calendar.window import YearForm

    translations.install("en")
    form = YearForm(2027, desk_db, system, tasks)
    qtbot.addWidget(form)
    form.show()
    form.add_row_button.click()
    assert {"Add a row", "Save the whole year", "Cancel", "Delete"} <= set(visible_texts(form))
    assert chinese_left(form) == []


def test_the_dispatch_dialog_in_english_leaves_only_its_data_and_the_services_reasons(qtbot, translations, demo_db,
                                                                                       tasks):
    """The departments' names, the case's title and matter stay Chinese; the dialog's own words and the
    suggestion's reasons (the dispatch service's, declared messages) are English."""
    from sqlalchemy import select

    from desktop.models import Case, Department
    from desktop.models.enums import CaseState
    from desktop.services import users
    from desktop.views.cases.dispatch_dialog import DispatchDialog

    translations.install("en")
    with demo_db.session() as s:
        case = s.scalar(select(Case).where(Case.state == CaseState.REGISTERED, Case.matter_item_id.is_not(None))
                        .limit(1))
        case_id, version, title = case.id, case.version, case.title
        names = tuple(name for d in s.scalars(select(Department)) for name in (d.name, d.short_name))
    dialog = DispatchDialog(demo_db, users.actor_for(demo_db, "qg_op1"), tasks, case_id, version)
    qtbot.addWidget(dialog)
    dialog.show()
    matter = re.compile(r"C\d\d-\d\d [\u4e00-\u9fff]+")
    data = (*DATA, *names, title)
    left = [matter.sub("", text) for text in chinese_left(dialog, data)]
    assert [text for text in left if CHINESE.search(text.replace(";", "").replace("、", ""))] == []
    assert {"Lead department", "Co-handlers", "Dispatch", "Cancel"} <= set(visible_texts(dialog))


def test_the_emergency_correction_dialog_in_english(qtbot, translations, sqlite_db, system):
    from datetime import timedelta

    from desktop.models import utcnow
    from desktop.models.enums import EmergencyLevel, EmergencyType
    from desktop.services import emergencies
    from desktop.views.emergencies.amend_dialog import AmendFactsDialog

    learned = utcnow() - timedelta(hours=2)
    info = emergencies.report(sqlite_db, system, type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_IV,
                              title="渔船碰撞起火", occurred_at=learned - timedelta(minutes=10), learned_at=learned,
                              place_text="侨港渔港", township_code="450503103000", summary="两船碰撞起火",
                              people_involved=12, injuries=1, measures="消防船已到场")
    translations.install("en")
    dialog = AmendFactsDialog(sqlite_db, system, SyncTaskRunner(), info)
    qtbot.addWidget(dialog)
    dialog.show()
    assert chinese_left(dialog, (*DATA, "渔船碰撞起火", "侨港渔港")) == []
    assert {"Save", "Cancel", "Correct an error in the report"} <= set(visible_texts(dialog))


def test_a_supervision_order_is_asked_for_in_english(qtbot, monkeypatch, translations, demo_db, tasks):
    """The three questions of 督办 (level, reason, deadline) open from the case's own window."""
    from sqlalchemy import select

    from desktop.models import Case
    from desktop.models.enums import CaseState
    from desktop.services import users
    from desktop.views.cases import case_detail

    translations.install("en")
    with demo_db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.state == CaseState.REGISTERED).limit(1))
    dialog = case_detail.CaseDetailDialog(demo_db, users.actor_for(demo_db, "qg_chief"), tasks, case_id)
    qtbot.addWidget(dialog)
    asked = []
    monkeypatch.setattr(case_detail, "ask_item", lambda parent, title, text, items: asked.extend([title, text, *items])
                        or 0)
    monkeypatch.setattr(case_detail, "ask_text", lambda parent, title, text, typed="": asked.extend([title, text])
                        or "请限期办结")
    monkeypatch.setattr(case_detail, "ask_due_date", lambda parent, title, text, default: asked.extend([title, text]))
    dialog.buttons["supervise"].click()
    assert len(asked) == 8 and asked[:2] == ["Supervise", "Supervision level"]
    assert [text for text in asked if CHINESE.search(text)] == []


def test_the_about_box_and_the_fault_dialog_in_english(monkeypatch, main_window, translations, answered):
    translations.install("en")
    main_window().about()
    said = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: said.append(title + " " + text))
    SHOW_ERROR(None, RuntimeError("boom"))  # as the fault hook shows it (`answered` stands in for it)
    assert answered[0].startswith("About GridDesk GridDesk: ")
    assert said[0].startswith("GridDesk The program failed")
    assert [text for text in answered + said if CHINESE.search(text)] == []


def test_the_upgrade_banner_in_english(qtbot, sqlite_db, system, tasks, translations):
    from sqlalchemy import text

    from desktop.views.live_bridge import LiveState

    translations.install("en")
    window = MainWindow(sqlite_db, system, tasks, translations=translations)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.live.state is LiveState.CONNECTED, timeout=10000)
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_a_newer_version'"))
    banner = window.findChild(QLabel, "UpgradedBanner")
    qtbot.waitUntil(banner.isVisible, timeout=10000)
    assert banner.text().startswith("A newer version of GridDesk has upgraded the database")
    assert chinese_left(window, (*DATA, system.display_name)) == []
    window.close()
