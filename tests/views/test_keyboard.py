"""Keyboard alone and a screen reader: every window's Tab chain reaches each field and button and leaves
each of them, fields without a caption have a name, Enter on a row opens it, and no two of the main
window's actions share a key."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QAction, QShortcut
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.services import users
from desktop.views import menus
from desktop.views.dialogs import TextDialog
from desktop.views.form_buttons import enter_presses
from desktop.views.main_window import MainWindow
from desktop.views.rows_model import enter_opens

from desktop.views import dialogs

from .conftest import QIAOBEI
from .small_forms import FORMS, make
from .keyboard import backwards, default_button, describe, open_feature, in_reading_order, tab_walk, tabbable, unnamed, unnamed_on_every_tab


@pytest.fixture
def main_window(qtbot, desk_db, tasks, system):
    def make() -> MainWindow:
        window = MainWindow(desk_db, system, tasks)
        qtbot.addWidget(window)
        window.show()
        window.select_place(QIAOBEI)
        return window

    return make


@pytest.fixture
def answered(monkeypatch):
    """Message boxes answered without showing them (a question with no)."""
    said = []
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: said.append(text) or False)
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: said.append(text))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: said.append(str(exc)))
    return said


def _opened(qtbot, window, feature) -> list:
    """The windows a feature opened; for a dock, the main window it is in."""
    return [w if w.isWindow() else window for w in open_feature(qtbot, window, feature)]


def _walks_everything(qtbot, top) -> list:
    """The Tab walk of `top`, which reaches every field and button and leaves each."""
    walk = tab_walk(qtbot, top)
    trapped = [describe(a, top) for a, b in zip(walk, walk[1:]) if a is b]
    # A window of one field (the wall's map) comes round to it at once: that is no trap.
    assert not trapped or len(tabbable(top)) == 1, f"Tab stays in {trapped}"
    missed = [describe(w, top) for w in tabbable(top) if w not in walk]
    assert missed == [], f"Tab never reaches {missed}"
    return walk


# What Enter presses from a field of each window of the menus: the button that finishes what is done
# there, or nothing where every button opens a form of its own, changes data or runs a long calculation.
ENTER = {
    "cases.import": "导入", "cases.export": "导出…", "cases.new": "保存", "cases.detail": None,
    "cases.callbacks": "记录回访", "grids.propose": "提出申请", "grids.review": None, "users.password": "OK",
    "users.accounts": None, "audit.log": "查询", "people.roster": None, "print.notice_sheets": "打印…",
    "matters.list": None, "matters.departments": None, "calendar.workdays": None, "cases.rules": "保存",
    "emergencies.report": "报送", "emergencies.ladder_settings": "保存", "emergencies.duty_phones": "保存",
    "analytics.evaluation": None, "analytics.hotspots": None, "analytics.governance": None,
    "analytics.conformance": None,
}


@pytest.mark.parametrize("feature", menus.FEATURE_ACTIONS, ids=lambda f: f.id)
def test_tab_reaches_every_field_of_each_window_and_enter_presses_the_button_that_finishes_it(qtbot, main_window,
                                                                                              answered, feature):
    """A table took Tab from cell to cell (the accounts, the staff, the scores, the regulation table),
    and the reason box of a grid adjustment typed a tab character: what followed was out of reach.
    Every window of the menus names its fields without a caption, on each of its tabs: the import's file
    box and township, the export's format, the review's tables, the accounts, the staff, the audit log,
    the calendar, the departments, the matter list, the scores and the other analyses were read out
    as "edit", "combo box" or "table" alone.

    Enter typed in a field pressed the window's first button: 密码有效期… in the accounts, 选择… in the
    import, 新增联系人… from the departments' filter, 公示牌文字… in the notice sheets; it recalculated the
    scores and the hotspots from anywhere, ran the governance detection, and closed the grid adjustment
    review with the opinion just typed. (One test per window: opening the main window and the feature
    is most of its time.)"""
    window = main_window()
    for top in _opened(qtbot, window, feature):
        walk = _walks_everything(qtbot, top)
        if isinstance(top, QDialog):
            assert feature.id in ENTER, "decide what Enter presses in this window"
            for widget in walk:
                if not isinstance(widget, QPushButton):
                    widget.setFocus()
                    assert default_button(top) is _button(top, ENTER[feature.id]), describe(widget, top)
        assert [describe(w, top) for w in unnamed_on_every_tab(top)] == []


def test_enter_in_the_period_computes_the_scores_and_the_hotspots(qtbot, desk_db, system, tasks, monkeypatch):
    from desktop.views.analytics.evaluation_panel import EvaluationPanel
    from desktop.views.analytics.hotspots_panel import HotspotsPanel

    for panel_class in (EvaluationPanel, HotspotsPanel):
        ran = []
        monkeypatch.setattr(panel_class, "run", lambda self: ran.append(self))
        panel = panel_class(desk_db, system, tasks)
        qtbot.addWidget(panel)
        panel.show()
        qtbot.keyClick(panel.period, Qt.Key.Key_Return)
        assert ran == [panel]


def test_the_main_window_is_walked_by_tab_and_its_fields_are_named(qtbot, main_window):
    """The queue took Tab from cell to cell of every case: the roster and the tree's search were out of reach;
    the search boxes, the queue's filters and the three lists had no name for a screen reader."""
    window = main_window()
    _walks_everything(qtbot, window)
    assert [describe(w, window) for w in unnamed(window) if w.objectName() != "qt_toolbar_ext_button"] == []


def test_tab_in_the_main_window_goes_down_the_tree_then_across_the_queue_and_the_roster(qtbot, main_window):
    window = main_window()
    walk = in_reading_order(tab_walk(qtbot, window), window)
    order = [window.tree.search, window.tree.view, window.queue_panel.state, window.queue_panel.category,
             window.queue_panel.text, window.queue_panel.view, window.roster.view]
    assert [w for w in walk if w in order] == order


def test_a_required_fields_screen_reader_name_is_its_caption_without_the_mark(qtbot, demo_db, tasks):
    """The asterisk's markup was read out with the caption: 标题 <span style="color: #c00000;">*</span>."""
    from desktop.views.cases.new_case_dialog import NewCaseDialog

    dialog = NewCaseDialog(demo_db, users.actor_for(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(dialog)
    said = QAccessible.queryAccessibleInterface(dialog.title_edit).text(QAccessible.Text.Name)
    assert said == "标题"
    assert dialog.title_edit.accessibleDescription() == "必填"


def test_the_dispatch_dialogs_find_box_and_list_are_named(qtbot, demo_db, tasks):
    from sqlalchemy import select

    from desktop.models import Case
    from desktop.models.enums import CaseState
    from desktop.views.cases.dispatch_dialog import DispatchDialog

    with demo_db.session() as s:
        case = s.scalar(select(Case).where(Case.state == CaseState.REGISTERED, Case.matter_item_id.is_not(None))
                        .limit(1))
    dialog = DispatchDialog(demo_db, users.actor_for(demo_db, "qg_op1"), tasks, case.id, case.version)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [describe(w, dialog) for w in unnamed(dialog)] == []
    _walks_everything(qtbot, dialog)


def test_a_reasons_box_is_named_by_its_question(qtbot):
    dialog = TextDialog(None, "暂缓", "暂缓理由(客观原因)")
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed(dialog) == []
    box = QAccessible.queryAccessibleInterface(dialog.findChild(QPlainTextEdit))
    assert box.text(QAccessible.Text.Name) == "暂缓理由(客观原因)"


def test_enter_on_a_row_opens_it_and_does_not_also_press_the_default_button(qtbot):
    """Enter on a score or a requester to call back went on to the dialog and pressed 计算 or 记录回访."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    table = QTableWidget(2, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    pressed, opened = [], []
    buttons.accepted.connect(lambda: pressed.append(True))
    enter_opens(table, lambda index: opened.append(index.row()))
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
    dialog.show()
    table.setCurrentCell(1, 0)
    table.setFocus()
    qtbot.keyClick(table, "\r")
    assert opened == [1] and pressed == []


@pytest.mark.parametrize("username", ["qg_op1", "qg_chief", "qg_police", "bh_admin"])
def test_no_two_actions_of_the_main_window_share_a_key(qtbot, demo_db, tasks, username):
    """An ambiguous shortcut does nothing at all in Qt: each key of the window, for every role's menus."""
    window = MainWindow(demo_db, users.actor_for(demo_db, username), tasks)
    qtbot.addWidget(window)
    window.show()
    keys: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            keys.setdefault(key.toString(), []).append(action.text() or action.objectName())
    for shortcut in window.findChildren(QShortcut):
        keys.setdefault(shortcut.key().toString(), []).append(shortcut.objectName() or "QShortcut")
    shared = {key: names for key, names in keys.items() if len(names) > 1}
    assert shared == {}
    assert {"Ctrl+N", "Ctrl+F", "Ctrl+Shift+F", "F5", "Ctrl+E"} <= set(keys)


def test_the_year_forms_row_fields_are_named_by_row_and_column(qtbot, desk_db, system, tasks):
    """The date, kind and name of each row of a year's schedule had only the column's header above them."""
    from desktop.views.calendar.window import YearForm

    form = YearForm(2027, desk_db, system, tasks)
    qtbot.addWidget(form)
    form.show()
    for _ in range(3):
        form.add_row()
    assert [describe(w, form) for w in unnamed(form)] == []
    form.remove_row(form.table.cellWidget(0, YearForm.REMOVE))
    names = [form.table.cellWidget(row, column).accessibleName()
             for row in range(2) for column in (YearForm.DAY, YearForm.KIND, YearForm.NAME)]
    assert names == ["第 1 行日期", "第 1 行类别", "第 1 行名称", "第 2 行日期", "第 2 行类别", "第 2 行名称"]


def _opens_on_its_first_field_and_is_walked_in_reading_order(qtbot, form: QDialog, enter: str | None,
                                                            opens_on_first: bool = True) -> None:
    """The focus starts on the form's first field (a box of buttons alone: on its default button), Tab
    reaches every field and button in reading order and leaves each, and Enter where the focus started
    presses `enter`. Its fields without a caption have a name."""
    assert [describe(w, form) for w in unnamed(form)] == []
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is form,
                    timeout=2000)
    opened_on = QApplication.focusWidget()
    _walks_everything(qtbot, form)
    walk = in_reading_order(tab_walk(qtbot, form), form)
    fields = [w for w in walk if not isinstance(w, QAbstractButton)]
    if opens_on_first:
        assert opened_on is (fields[0] if fields else default_button(form)), describe(opened_on, form)
    assert [(describe(a, form), describe(b, form)) for a, b in zip(walk, walk[1:]) if backwards(a, b, form)] == []
    opened_on.setFocus()
    assert default_button(form) is _button(form, enter)


def _button(form: QDialog, text: str | None) -> QPushButton | None:
    """The button of `form` that `text` names: "OK", "Cancel" and "&Yes" are Qt's own, whose text is
    Chinese once a test before has loaded Qt's translations."""
    if text is None:
        return None
    standard = {"OK": QDialogButtonBox.StandardButton.Ok, "Cancel": QDialogButtonBox.StandardButton.Cancel,
                "&Yes": QDialogButtonBox.StandardButton.Yes}.get(text)
    if standard is not None:
        return next(box.button(standard) for box in form.findChildren(QDialogButtonBox) if box.button(standard))
    return next(button for button in form.findChildren(QPushButton) if button.text() == text)


@pytest.mark.parametrize("name", FORMS)
def test_a_small_form_opens_on_its_first_field_and_is_walked_in_reading_order(qtbot, request, name):
    """The report ladder's content box took Tab as a character: its OK and Cancel were out of reach."""
    form = make(request, name)
    qtbot.addWidget(form)
    form.show()
    _opens_on_its_first_field_and_is_walked_in_reading_order(qtbot, form, "报送" if name == "emergency" else "OK")


@pytest.mark.parametrize("kind", ["own", "first own", "expired", "reset"])
def test_the_password_forms_are_walked_in_reading_order(qtbot, kind):
    from desktop.views.accounts.forms import PasswordForm

    form = PasswordForm(None, ask_old=kind == "own", first_own=kind == "first own", expired=kind == "expired",
                        username="qg_op1")
    qtbot.addWidget(form)
    form.show()
    _opens_on_its_first_field_and_is_walked_in_reading_order(qtbot, form, "OK")


@pytest.mark.parametrize("username", ["", "qg_op1"])
def test_the_login_is_walked_in_reading_order_from_the_field_to_fill(qtbot, desk_db, tasks, username):
    """With the last user's name filled in, the focus starts on the password, the field to fill."""
    from desktop.views.login_dialog import LoginDialog

    dialog = LoginDialog(desk_db, tasks, username=username)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    # Until the dialog is active the focus may still be in an earlier test's window, closing.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog,
                    timeout=2000)
    assert QApplication.focusWidget() is (dialog.password if username else dialog.username)
    if not username:
        _opens_on_its_first_field_and_is_walked_in_reading_order(qtbot, dialog, "登录")


def test_the_year_form_is_walked_row_by_row(qtbot, desk_db, system, tasks):
    """Tab went round the rows entered and never on to 添加一行 or 保存全年安排; then from a row added
    to the buttons and back to the rows before it."""
    from desktop.views.calendar.window import YearForm

    form = YearForm(2027, desk_db, system, tasks)
    qtbot.addWidget(form)
    form.show()
    form.add_row()
    form.add_row()  # the focus is on its date
    _opens_on_its_first_field_and_is_walked_in_reading_order(qtbot, form, "保存全年安排", opens_on_first=False)


def _asks(qtbot, ask, enter: str | None):
    """`ask` run as the desk runs it, its box walked while it is open, then cancelled."""
    problems = []

    def walk() -> None:
        box = QApplication.activeModalWidget()
        try:
            _opens_on_its_first_field_and_is_walked_in_reading_order(qtbot, box, enter)
        except AssertionError as failed:
            problems.append(str(failed))
        finally:
            box.reject()

    QTimer.singleShot(0, walk)
    ask()
    assert problems == []


@pytest.mark.parametrize("question", ["ask_text", "ask_int", "ask_item", "ask_choice", "ask_due_date", "ask_decision",
                                      "confirm", "ask_max_age", "ask_parent", "ask_role"])
def test_the_questions_are_walked_in_reading_order(qtbot, question):
    """A deadline's date was read out without its question."""
    from datetime import date
    from types import SimpleNamespace

    from desktop.models.enums import Role
    from desktop.views.accounts.forms import ask_max_age, ask_role
    from desktop.views.cases import case_detail
    from desktop.views.departments.forms import ask_parent

    police = SimpleNamespace(name="侨港派出所", code="D0002", parent_code="D0001")
    city_police = SimpleNamespace(name="北海市公安局", code="D0001", parent_code="")
    account = SimpleNamespace(username="qg_op1", roles=[SimpleNamespace(role=Role.OPERATOR, place_name="侨港镇",
                                                                         place_code="450503103000")])

    asks = {
        "ask_text": lambda: case_detail.ask_text(None, "申请延期", "延期理由"),
        "ask_int": lambda: case_detail.ask_int(None, "申请延期", "延长工作日数", 10),
        "ask_item": lambda: case_detail.ask_item(None, "退回", "退回给", ["侨港镇", "高德街道"]),
        "ask_choice": lambda: case_detail.ask_choice(None, "转办", "网格", {"侨南网格": "450503103001"}),
        "ask_due_date": lambda: case_detail.ask_due_date(None, "督办", "办结期限", date(2099, 1, 1)),
        "ask_decision": lambda: case_detail.ask_decision(None, "延期申请", "同意延期?", "同意", "不同意"),
        "confirm": lambda: dialogs.confirm(None, "停用账号", "停用 qg_op1?"),
        "ask_max_age": lambda: ask_max_age(None, 90),
        "ask_parent": lambda: ask_parent(None, police, [city_police]),
        "ask_role": lambda: ask_role(None, account),
    }
    _asks(qtbot, asks[question], {"ask_decision": "Cancel", "confirm": "&Yes"}.get(question, "OK"))


@pytest.mark.parametrize("name", ["amend", "notice texts"])
def test_the_correction_of_an_emergency_and_the_notice_texts_are_walked_in_reading_order(qtbot, demo_db, tasks, name):
    from desktop.services import emergencies, users
    from desktop.views.emergencies.amend_dialog import AmendFactsDialog
    from desktop.views.printing.notice_texts_dialog import NoticeTextsDialog

    if name == "amend":
        chief = users.actor_for(demo_db, "qg_chief")
        form = AmendFactsDialog(demo_db, chief, tasks, emergencies.list_reports(demo_db, chief)[0])
    else:
        form = NoticeTextsDialog(demo_db, users.actor_for(demo_db, "bh_admin"), tasks)
    qtbot.addWidget(form)
    form.show()
    _opens_on_its_first_field_and_is_walked_in_reading_order(qtbot, form, "保存")


def test_enter_on_a_button_reached_by_tab_presses_it_where_enter_from_a_field_presses_nothing(qtbot):
    """Where no button is the default, a button lets Enter through: Tab to it and Enter did nothing."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    field, first, second = QLineEdit(), QPushButton("first"), QPushButton("second")
    layout = QVBoxLayout(dialog)
    for widget in (field, first, second):
        layout.addWidget(widget)
    pressed = []
    first.clicked.connect(lambda: pressed.append("first"))
    second.clicked.connect(lambda: pressed.append("second"))
    enter_presses(dialog, None)
    dialog.show()
    qtbot.waitExposed(dialog)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert pressed == [] and dialog.isVisible()
    second.setFocus()
    qtbot.keyClick(second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pressed == ["second"])


def test_enter_on_a_focused_button_presses_it_in_any_window_and_never_a_dialogs_default_button(qtbot):
    """The case panel's actions, the banner's and the report ladder's buttons are no dialog's default:
    Qt let Enter on them, reached by Tab, do nothing; on a dialog's other button, press the default."""
    window, dialog = QWidget(), QDialog()
    pressed = []
    for top in (window, dialog):
        qtbot.addWidget(top)
        layout = QVBoxLayout(top)
        layout.addWidget(QLineEdit(top))
        for name in ("派遣", "取消"):
            button = QPushButton(name, top)
            button.clicked.connect(lambda _=False, n=name, t=top: pressed.append((t is dialog, n)))
            layout.addWidget(button)
    save = QPushButton("保存", dialog)
    save.setDefault(True)
    save.clicked.connect(lambda: pressed.append((True, "保存")))
    dialog.layout().addWidget(save)
    for top in (window, dialog):
        top.show()
        qtbot.waitExposed(top)
        top.activateWindow()
        qtbot.waitUntil(lambda t=top: QApplication.activeWindow() is t)
        first, cancel = top.findChildren(QPushButton)[:2]
        for button in (first, cancel):
            top.findChild(QLineEdit).setFocus()
            button.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(lambda b=button: QApplication.focusWidget() is b)
            qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(pressed) == 4)
    assert pressed == [(False, "派遣"), (False, "取消"), (True, "派遣"), (True, "取消")]
    assert dialog.isVisible()


def test_enter_on_a_case_panels_action_reached_by_tab_takes_it_and_not_before(qtbot, desk_db, system, tasks,
                                                                               monkeypatch):
    """The panel opens with the focus on its first action: an Enter too many after opening a case must not
    take it (签收 asks nothing), and says to press Space; Tab to it, and Enter does."""
    from desktop.views.cases.case_detail import CaseDetailDialog

    panel = CaseDetailDialog(desk_db, system, tasks, 2)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    taken = []
    monkeypatch.setattr(panel, "run", taken.append)
    buttons = list(panel.buttons.values())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is buttons[0])  # given by the panel as it opens
    qtbot.keyClick(buttons[0], Qt.Key.Key_Return)
    assert taken == []
    # Not silently: Enter there says that Space takes the step, and why Enter does not.
    assert QToolTip.text() == f"按空格键执行“{buttons[0].text()}”;打开窗口时自动获得焦点的按钮不响应回车,以免误操作"
    qtbot.keyClick(buttons[0], Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is buttons[0]
    qtbot.keyClick(buttons[0], Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: taken == [list(panel.buttons)[0]])
