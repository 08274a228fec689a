"""The main window with qtbot: lazy tree, search, place filter, roster, menus, status bar."""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget

from desktop.i18n import unbroken
from desktop.models.enums import PlaceLevel, Role
from desktop.services.security import Actor, Grant
from desktop.views import menus
from desktop.views.main_window import MainWindow
from desktop.views.menus import FeatureAction
from desktop.views.place_tree import CODE_ROLE

from .conftest import GRID, PASSWORD, QIAOBEI


@pytest.fixture
def window(qtbot, desk_db, tasks, system):
    w = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(w)
    return w


def _children_codes(model, index):
    return [model.index(r, 0, index).data(CODE_ROLE) for r in range(model.rowCount(index))]


def test_tree_loads_levels_only_when_expanded(window, qtbot):
    model = window.tree.model
    city = model.index(0, 0)
    assert city.data(CODE_ROLE) == "450500000000"
    counties = _children_codes(model, city)
    assert counties == ["450502000000", "450503000000", "450512000000", "450521000000"]
    yinhai = model.index(1, 0, city)
    assert model.rowCount(yinhai) == 0 and model.hasChildren(yinhai) and model.canFetchMore(yinhai)
    window.tree.view.expand(yinhai)
    assert "450503103000" in _children_codes(model, yinhai)
    assert model.rowCount(model.index(0, 0, yinhai)) == 0  # the townships' villages are still not loaded


def test_search_finds_qiaogang_and_expands_to_it(window, qtbot):
    window.focus_search()
    assert window.tree.search.hasFocus() or not window.isVisible()
    window.tree.search.setText("侨港")  # QTest types ASCII only
    qtbot.keyClick(window.tree.search, Qt.Key.Key_Return)
    assert window.current_place_code() == "450503103000"
    assert window.tree.view.isExpanded(window.tree.model.index_of("450503000000"))
    assert window.queue_model.filter.under == "450503103000"


def test_search_by_code_offers_several_hits(window, qtbot):
    qtbot.keyClicks(window.tree.search, "450503103")
    qtbot.keyClick(window.tree.search, Qt.Key.Key_Return)
    assert window.tree.hits.isVisibleTo(window) and window.tree.hits.count() > 1
    item = window.tree.hits.item(1)
    window.tree.hits.itemActivated.emit(item)
    assert window.current_place_code() == item.data(CODE_ROLE)


def test_selecting_a_grid_filters_the_queue_and_shows_the_roster(window, qtbot):
    assert window.queue_model.rowCount() == 30
    with qtbot.waitSignal(window.bus.placeSelected) as blocker:
        window.select_place(GRID)
    assert blocker.args == [GRID]
    assert window.queue_model.rowCount() == 25
    assert [m.name for m in window.roster.model.rows] == ["陈海"]
    assert window.roster.model.index(0, 2).data() == "13807791234"  # the phone to call, beside the name and role
    assert "侨北第一网格" in window.roster.summary.text()
    window.select_place(QIAOBEI)
    assert window.queue_model.rowCount() == 30
    assert "侨北第二网格" in window.roster.summary.text()


def test_a_county_shows_its_census_population_and_only_the_grids_drawn_so_far(window):
    window.select_place("450503000000")  # 银海区: one of its townships has grids in this database
    text = window.roster.summary.text()
    assert "常住人口 315,196" in text and unbroken("已划网格 2 个:") in text
    assert "\u2060".join("网格人员\u00a0") in text  # a narrow panel wraps between figures, never inside one
    window.select_place("450521000000")  # 合浦县: no grid drawn yet
    text = window.roster.summary.text()
    assert "常住人口 864,193" in text and "尚未划分网格" in text and "户数" not in text


def test_status_bar_shows_database_user_and_counts(window):
    assert window.db.describe() in window.db_label.text()
    assert "系统管理员" in window.user_label.text()
    assert "未办结 30" in window.counts_label.text() and "超期 10" in window.counts_label.text()  # due now or earlier


def test_f5_and_the_case_bus_refresh_the_queue_keeping_the_selection(window, qtbot, desk_db):
    view = window.queue_panel.view
    view.setCurrentIndex(window.queue_model.index(3, 0))
    chosen = window.queue_panel.current_case_id()
    with desk_db.session() as session:
        from desktop.models import Case

        session.get(Case, 30).due_at = window.queue_model.row_at(0).due_at.replace(year=2000)
        session.commit()
    window.bus.changed.emit("cases")
    assert window.queue_model.row_at(0).id == 30  # the newly overdue case rose to the top
    assert window.queue_panel.current_case_id() == chosen
    assert view.currentIndex().row() == 4


def test_feature_actions_are_imported_lazily_and_get_the_window(window, qtbot, monkeypatch):
    seen = []
    module = types.ModuleType("griddesk_test_feature")
    module.run = lambda w: seen.append((w.db, w.actor, w.tasks, w.bus, w.current_place_code()))
    monkeypatch.setitem(sys.modules, "griddesk_test_feature", module)
    window.run_feature(FeatureAction("案件", "x", "测试", "griddesk_test_feature:run"))
    assert seen == [(window.db, window.actor, window.tasks, window.bus, None)]


def test_a_failing_feature_shows_an_error_instead_of_crashing(window, monkeypatch):
    shown = []
    monkeypatch.setattr("desktop.views.dialogs.error", lambda parent, title, text, details=None: shown.append(text))
    window.run_feature(FeatureAction("案件", "x", "测试", "no_such_module_here:run"))
    assert shown and "no_such_module_here" in shown[0]


def test_menu_shortcuts_do_not_clash(window):
    seen = {}
    for action in window.findChildren(type(window.menuBar().actions()[0])):
        key = action.shortcut().toString()
        if key:
            assert key not in seen, f"{action.text()} and {seen[key]} share {key}"
            seen[key] = action.text()
    assert "F5" in seen and "Ctrl+F" in seen
    assert all(f.menu in menus.MENUS for f in menus.FEATURE_ACTIONS)


def test_an_operator_sees_only_their_township(qtbot, desk_db, tasks):
    from desktop.services import users

    actor = users.login(desk_db, "qg_op", PASSWORD)
    w = MainWindow(desk_db, actor, tasks)
    qtbot.addWidget(w)
    assert w.current_place_code() == "450503103000"  # starts at the user's own township
    assert w.queue_model.rowCount() == 30
    w.select_place("450502007000")  # 驿马街道, another district
    assert w.queue_model.rowCount() == 0
    assert "Art. 15" in w.roster.summary.text()


def test_layout_is_remembered(qtbot, desk_db, tasks, system):
    w = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(w)
    w.select_place(GRID)
    w.close()
    again = MainWindow(desk_db, Actor.system("pytest"), tasks)
    qtbot.addWidget(again)
    assert again.current_place_code() == GRID


def test_each_user_starts_where_they_left_off_on_a_shared_computer(qtbot, desk_db, tasks, system):
    """The settings are the computer account's: a place another user chose last, or one this user may
    no longer view, is not where a desk opens (Art. 15); it opens at the user's own township."""
    from desktop.services import users

    def reopened(actor, choose=None):
        w = MainWindow(desk_db, actor, tasks)
        qtbot.addWidget(w)
        started = w.current_place_code()
        if choose:
            w.select_place(choose)
        w.close()
        return started

    reopened(system, "450502007000")  # 驿马街道, another district
    assert reopened(Actor.system("pytest")) == "450502007000"
    operator = users.login(desk_db, "qg_op", PASSWORD)
    assert reopened(operator, "450502007000") == "450503103000"  # not the administrator's choice
    assert reopened(operator, GRID) == "450503103000"  # nor a place out of the operator's reach
    assert reopened(operator) == GRID


def _actions(window) -> dict:
    return {a.text(): a for a in window.findChildren(QAction) if a.text()}


@pytest.mark.law("Art. 15")
def test_actions_are_offered_only_where_the_user_holds_their_permission(qtbot, desk_db, tasks):
    """Nobody fills in a form only to be refused at save: the menu says which permission is missing,
    and says it again for each place chosen in the tree."""
    from desktop.services import users

    liaison = Actor(username="police", display_name="派出所联络员",
                    grants=(Grant(Role.LIAISON, "450503103000", PlaceLevel.TOWNSHIP),))
    w = MainWindow(desk_db, liaison, tasks)
    qtbot.addWidget(w)
    actions = _actions(w)
    for text in ("新建诉求", "报告紧急情况…", "导出诉求…", "导入诉求…", "网格公示牌…", "综合评价与考核表…"):
        assert not actions[text].isEnabled(), text
    # The evaluation is the evaluators' (Art. 5, 23): the menu says so rather than open a window that only refuses.
    assert "综合评价" in actions["综合评价与考核表…"].toolTip()
    assert "侨港(450503103000)" in actions["新建诉求"].toolTip() and "受理诉求" in actions["新建诉求"].toolTip()
    assert actions["回访工作台"].isEnabled() and actions["案件详情"].isEnabled()

    operator = users.login(desk_db, "qg_op", PASSWORD)
    w = MainWindow(desk_db, operator, tasks)
    qtbot.addWidget(w)
    actions = _actions(w)
    assert actions["新建诉求"].isEnabled() and actions["报告紧急情况…"].isEnabled()
    assert not actions["网格划分调整申请…"].isEnabled() and "提出网格划分调整" in actions["网格划分调整申请…"].toolTip()
    w.select_place("450502007000")  # 驿马街道, another district
    assert not actions["新建诉求"].isEnabled() and "驿马" in actions["新建诉求"].toolTip()
    w.select_place(GRID)
    assert actions["新建诉求"].isEnabled() and actions["新建诉求"].toolTip() in ("", "新建诉求")


@pytest.mark.law("Art. 6")
def test_grid_adjustments_are_proposed_from_the_township_only(qtbot, desk_db, tasks):
    """Every admin may maintain places, but only a township proposes a grid adjustment: a county or
    city admin is not offered the proposal form (the county approves, the city files)."""
    for role, level, code, offered in ((Role.TOWNSHIP_ADMIN, PlaceLevel.TOWNSHIP, "450503103000", True),
                                       (Role.COUNTY_ADMIN, PlaceLevel.COUNTY, "450503000000", False),
                                       (Role.CITY_ADMIN, PlaceLevel.CITY, "450500000000", False)):
        admin = Actor(username=role.value, display_name=role.value, grants=(Grant(role, code, level),))
        w = MainWindow(desk_db, admin, tasks)
        qtbot.addWidget(w)
        w.select_place("450503103000")
        assert _actions(w)["网格划分调整申请…"].isEnabled() is offered, role


@pytest.mark.law("Art. 15")
def test_a_desk_whose_account_is_disabled_says_so_and_closes(qtbot, desk_db, tasks, system, monkeypatch):
    """…its queue hidden while the message waits for a click: it had stayed in view behind it."""
    from desktop.services import accounts, users
    from desktop.views import dialogs

    actor = users.login(desk_db, "qg_op", PASSWORD)
    w = MainWindow(desk_db, actor, tasks)
    qtbot.addWidget(w)
    w.show()
    answered = []  # what was said, and whether the queue was in view behind it
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: answered.append(
        (text, w.queue_panel.isVisible())))
    w.bus.changed.emit("users")  # another account changed: this desk goes on
    assert w.isVisible() and answered == []
    accounts.set_active(desk_db, system, "qg_op", False)
    w.bus.changed.emit("users")  # what the live listener emits for it
    assert answered == [("您的账号已被停用,不能再办理;请联系管理员", False)] and not w.isVisible()


def test_an_account_check_after_a_reconnect_that_fails_is_logged_not_shown(qtbot, window, monkeypatch, answered):
    """A reconnect refreshes every topic, users too: a network flap popped the check's failure up as a dialog."""
    from desktop.services import accounts

    def lost(db, actor):
        raise ConnectionError("the network flapped")
    monkeypatch.setattr(accounts, "session_problem", lost)
    window.show()
    window.bus.changed.emit("users")
    assert answered == [] and window.isVisible()


@pytest.mark.law("Art. 15")
def test_a_disabled_desk_closes_the_windows_it_opened_too(qtbot, desk_db, tasks, system, answered, cjk_font):
    """Closing the desk alone would leave its wall display and a case's detail showing cases."""
    from PySide6.QtWidgets import QWidget

    from desktop.services import accounts, users
    from desktop.views.wall.window import open_wall

    w = MainWindow(desk_db, users.login(desk_db, "qg_op", PASSWORD), tasks)
    qtbot.addWidget(w)
    w.show()
    open_wall(w)
    opened = [c for c in w.findChildren(QWidget) if c.isWindow() and c.isVisible()]
    assert opened
    accounts.set_active(desk_db, system, "qg_op", False)
    w.bus.changed.emit("users")
    assert answered == ["您的账号已被停用,不能再办理;请联系管理员"]  # said once, by the desk
    assert not w.isVisible() and not any(c.isVisible() for c in opened)


@pytest.mark.law("Art. 15")
def test_a_disabled_desk_closes_a_form_with_text_typed_in_it_too(qtbot, desk_db, tasks, system, answered):
    """A form with text typed in it only said its text was not saved, and stayed up after the desk had
    closed, showing what was typed."""
    from desktop.services import accounts, users
    from desktop.views.dialogs import TextDialog

    w = MainWindow(desk_db, users.login(desk_db, "qg_op", PASSWORD), tasks)
    qtbot.addWidget(w)
    w.show()
    form = TextDialog(w, "申请延期", "延期理由")
    form.show()
    form.setTextValue("来电人说:楼道的灯坏了一个月。")
    accounts.set_active(desk_db, system, "qg_op", False)
    w.bus.changed.emit("users")
    assert not w.isVisible() and not form.isVisible()


def test_the_first_start_fills_a_screen_too_small_for_the_designed_size(window):
    from PySide6.QtCore import QSize

    from desktop.views.main_window import FIRST_SIZE, first_start_maximized

    assert first_start_maximized(QSize(1366, 728)) and first_start_maximized(QSize(1600, 820))
    assert not first_start_maximized(QSize(1920, 1040)) and not first_start_maximized(FIRST_SIZE)
    # This test screen: whichever it is, the window followed the rule.
    expected = first_start_maximized(window.screen().availableGeometry().size())
    assert bool(window.windowState() & Qt.WindowState.WindowMaximized) is expected


def test_enter_on_a_queue_row_opens_that_case_and_closing_lets_it_go(window, qtbot):
    from desktop.views.cases.case_detail import CaseDetailDialog

    view = window.queue_panel.view
    view.setCurrentIndex(window.queue_model.index(2, 0))
    chosen = window.queue_panel.current_case_id()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = window.findChild(CaseDetailDialog)
    assert dialog is not None and dialog.case_id == chosen
    assert dialog.detail.case.number == window.queue_model.row_at(2).number
    gone = []
    dialog.destroyed.connect(lambda: gone.append(True))
    dialog.reject()
    qtbot.waitUntil(lambda: gone == [True])  # one dialog per case opened all shift long must not pile up
    assert window.findChild(CaseDetailDialog) is None


def test_the_toolbar_carries_the_shifts_actions_with_the_menus_permissions(qtbot, desk_db, tasks):
    liaison = Actor(username="police", display_name="派出所联络员",
                    grants=(Grant(Role.LIAISON, "450503103000", PlaceLevel.TOWNSHIP),))
    w = MainWindow(desk_db, liaison, tasks)
    qtbot.addWidget(w)
    on_toolbar = {action.text(): action for action in w.toolbar.actions() if not action.isSeparator()}
    assert list(on_toolbar) == ["新建诉求", "案件详情", "回访工作台", "地图", "报告紧急情况…", "报告进度与告警确认",
                                "值班大屏", "刷新"]
    assert on_toolbar["新建诉求"] is _actions(w)["新建诉求"]  # one action: the same shortcut, the same permission
    assert not on_toolbar["新建诉求"].isEnabled() and on_toolbar["回访工作台"].isEnabled()


def test_a_hidden_toolbar_stays_hidden_at_the_next_start(qtbot, desk_db, tasks, system):
    w = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(w)
    w.show()
    assert w.toolbar.isVisible()
    w.toolbar.toggleViewAction().trigger()
    w.close()
    again = MainWindow(desk_db, Actor.system("pytest"), tasks)
    qtbot.addWidget(again)
    again.show()
    assert not again.toolbar.isVisible() and not again.toolbar.toggleViewAction().isChecked()


def test_ctrl_c_copies_the_case_number_and_the_menu_the_whole_row(window, qtbot):
    from PySide6.QtGui import QGuiApplication

    view = window.queue_panel.view
    view.setCurrentIndex(window.queue_model.index(1, 3))
    row = window.queue_model.row_at(1)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == row.number
    assert [a.text() for a in view.actions()] == ["打开案件详情", "复制案件编号", "复制本行"]
    view.horizontalHeader().moveSection(1, 0)  # the title first, as this user arranged the columns
    window.queue_panel.copy_row_action.trigger()
    cells = QGuiApplication.clipboard().text().split("\t")
    assert cells[:2] == [row.title, row.number] and len(cells) == window.queue_model.columnCount()


@pytest.mark.law("Art. 6")
def test_a_township_not_yet_set_up_says_what_it_lacks_and_where_to_set_it_up(qtbot, sqlite_db, tasks, system):
    from desktop.services import accounts, users

    users.add_user(sqlite_db, system, username="qg_admin", display_name="侨港管理员", password=PASSWORD,
                   role=Role.TOWNSHIP_ADMIN, scope_code="450503103000")
    users.add_user(sqlite_db, system, username="qg_op", display_name="侨港值班员", password=PASSWORD,
                   role=Role.OPERATOR, scope_code="450503103000")
    admin = MainWindow(sqlite_db, users.actor_for(sqlite_db, "qg_admin"), tasks)
    qtbot.addWidget(admin)
    admin.select_place("450503103000")
    banner = admin.setup_banner
    assert banner.isVisibleTo(admin)
    text = banner.text.text()
    assert "侨港镇尚未完成初始设置" in text and "griddesk-admin grids import" in text
    assert "在“人员 → 网格人员与配备”中新增" in text and text.count("· ") == 4
    # The matter list and the departments are the county's (Art. 12(1)): not sent to do what it may not.
    assert "还没有现行的事项清单:由银海区的管理员设置(第十二条)" in text and "编制并公布" not in text
    assert "还没有联动部门:由银海区的管理员设置(第十二条)" in text
    admin.select_place("450503000000")  # the county: no queue of its own to set up
    assert not banner.isVisibleTo(admin)
    users.add_user(sqlite_db, system, username="yh_admin", display_name="银海区管理员", password=PASSWORD,
                   role=Role.COUNTY_ADMIN, scope_code="450503000000")
    county = MainWindow(sqlite_db, users.actor_for(sqlite_db, "yh_admin"), tasks)
    qtbot.addWidget(county)
    county.select_place("450503103000")
    assert "在“事项清单 → 事项清单与部门申请”中编制并公布" in county.setup_banner.text.text()
    operator = MainWindow(sqlite_db, users.actor_for(sqlite_db, "qg_op"), tasks)
    qtbot.addWidget(operator)
    operator.select_place("450503103000")
    assert operator.setup_banner.text.text().count("请管理员设置") == 2
    assert operator.setup_banner.text.text().count("由银海区的管理员设置") == 2
    # It had said 还没有值班员账号 and to add one where the only one was disabled.
    assert "值班员账号" not in banner.text.text()
    accounts.set_active(sqlite_db, system, "qg_op", False)
    admin.select_place("450503103000")
    assert ("值班员账号都已停用:在“人员 → 用户账号与权限”中重新启用 qg_op,或新增值班员或值班长"
            in banner.text.text()), banner.text.text()
    assert "还没有值班员账号" not in banner.text.text()


def test_a_set_up_township_shows_no_setup_note(window):
    window.select_place(QIAOBEI)
    missing = window.setup_banner.status.missing
    assert (window.setup_banner.isVisibleTo(window)) == bool(missing)
    assert "grids" not in {m.value for m in missing}  # desk_db has grids in use


def test_a_state_column_saved_too_narrow_is_widened_to_its_labels_at_the_next_start(qtbot, desk_db, tasks, system):
    """Widths saved under the other language (or before a label grew) had won over the labels' at
    start-up, cutting "办理中 · 一般督办" until the language was switched in the window; the longest
    state is one whose supervision order has run out (督办超期)."""
    from desktop.i18n import label
    from desktop.models.enums import CaseState, SupervisionLevel
    from desktop.views.queue_model import STATE, supervision_tag

    first = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(first)
    first.queue_panel.view.setColumnWidth(STATE, 30)
    first.close()
    again = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(again)
    view = again.queue_panel.view
    state = f"{label(CaseState.HANDLING)} · {supervision_tag(SupervisionLevel.GENERAL)} · 督办超期"  # its order run out
    assert view.columnWidth(STATE) > view.fontMetrics().horizontalAdvance(state)


def test_a_liaisons_state_column_holds_its_own_part_beside_the_cases(qtbot, demo_db, tasks):
    """"本单位待签收 · 案件已派遣" had been cut to its first words at the default width (Art. 18)."""
    from desktop.services import users
    from desktop.views.queue_model import STATE

    police = users.login(demo_db, "qg_police", "qiaogang-police")
    w = MainWindow(demo_db, police, tasks)
    qtbot.addWidget(w)
    view, model = w.queue_panel.view, w.queue_panel.model
    texts = [model.index(row, STATE).data() for row in range(min(model.rowCount(), model.page_size))]
    beside = [text for text in texts if " · 案件" in text and "督办" not in text]
    assert beside
    assert max(view.fontMetrics().horizontalAdvance(text) for text in beside) < view.columnWidth(STATE)


@pytest.mark.law("Art. 20")
def test_a_liaisons_state_column_holds_its_own_part_beside_a_supervised_cases_whole(qtbot, demo_db, tasks, desk_font):
    """At 1366×768 qg_police read "本单位办理中 · 案件延期申请 · 一…": the column was measured for its own part
    beside the case's, or for a supervision order run out, never for both. It holds the longest of them whole,
    and the title keeps its width. (In the desk's own font: in the tests' default one the number column is wider, and
    where the key columns cannot all show whole the state column gives way to the category.)"""
    from desktop.models.enums import AssignmentState, CaseState, SupervisionLevel
    from desktop.services import users
    from desktop.views.queue_model import STATE, TITLE

    police = users.login(demo_db, "qg_police", "qiaogang-police")
    w = MainWindow(demo_db, police, tasks)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    view, model = w.queue_panel.view, w.queue_panel.model
    metrics = view.fontMetrics()
    longest = model.state_text(CaseState.EXTENSION_PENDING, AssignmentState.EXTENSION_PENDING,
                               SupervisionLevel.GENERAL, supervision_overdue=True)
    assert longest == "本单位延期申请中 · 案件延期申请 · 一般督办 · 督办超期"
    assert metrics.horizontalAdvance(longest) < view.columnWidth(STATE)
    assert view.columnWidth(TITLE) > metrics.horizontalAdvance("【急】码头护栏损坏")


def test_the_queues_search_box_holds_a_case_number_on_a_narrow_queue(cjk_font, window, qtbot):
    """The filter lists were as wide as their longest entries: on a 1366-point screen at 125% scaling they
    left the queue's search box no room but for its "…". It holds a case number whole; the lists give way."""
    panel = window.queue_panel
    panel.setParent(None)  # on its own, as narrow as the queue pane of such a screen
    qtbot.addWidget(panel)
    panel.resize(620, 400)
    panel.show()
    qtbot.waitExposed(panel)
    number = panel.text.fontMetrics().horizontalAdvance("450503103-2026-000000")
    assert panel.text.width() > number
    assert panel.total.width() >= panel.total.sizeHint().width()  # the count beside it whole


@pytest.mark.parametrize("counting", [False, True], ids=["counted", "counting"])
def test_a_queue_too_narrow_for_its_filters_on_one_row_puts_them_on_more_not_under_each_other(cjk_font, window,
                                                                                               qtbot, counting):
    """The filter bar was one row at any width: where the pane was narrower than its filters, search box and
    count (a window the screen held narrower than it asked, the count saying it was still counting), the count
    was drawn over the search box. The filters go on to further rows, each whole, none over another."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QWidget

    from desktop.views.queue_panel import QueuePanel

    pane = QWidget()  # as narrow as the splitter holding it makes it, whatever the panel asks
    qtbot.addWidget(pane)
    panel = QueuePanel(window.queue_model, pane)
    if counting:
        panel.total.setText(panel.tr("已显示 %1 件,正在计数…").replace("%1", "50"))
    pane.resize(480, 400)
    panel.setGeometry(0, 0, 480, 400)
    pane.show()
    qtbot.waitExposed(pane)
    bar = [QRect(widget.mapTo(panel, QPoint()), widget.size()) for widget in
           (panel.state, panel.category, panel.overdue, panel.supervised, panel.text, panel.total)]
    for n, rect in enumerate(bar):
        assert QRect(0, 0, 480, 400).contains(rect) and not any(rect.intersects(other) for other in bar[n + 1:])
    assert all(w.width() >= w.minimumSizeHint().width() for w in (panel.state, panel.category, panel.overdue))
    assert panel.total.width() >= panel.total.sizeHint().width()
    assert panel.text.width() > panel.text.fontMetrics().horizontalAdvance("450503103-2026-000000")


def test_a_case_read_out_on_the_phone_is_found_and_opened_by_keyboard(window, qtbot, monkeypatch):
    """Ctrl+F finds a place; nothing took the keyboard to the queue's own search box, and an operator given
    a case number had to reach for the mouse. Ctrl+Shift+F goes there; Enter filters, Tab goes on to the
    rows and Enter opens the case."""
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(window, "open_case", lambda case_id: None)  # the panel itself is tested elsewhere
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.queue_panel.view.setFocus()
    qtbot.keyClick(window.queue_panel.view, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    search = window.queue_panel.text
    assert search.hasFocus() and "Ctrl+Shift+F" in search.placeholderText()
    number = window.queue_model.row_at(3).number
    qtbot.keyClicks(search, number)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 1)
    qtbot.keyClick(search, Qt.Key.Key_Tab)
    assert window.queue_panel.view.hasFocus()
    with qtbot.waitSignal(window.queue_panel.caseActivated) as opened:
        qtbot.keyClick(window.queue_panel.view, Qt.Key.Key_Return)
    assert opened.args == [window.queue_model.row_at(0).id] and window.queue_model.row_at(0).number == number


def test_a_status_message_is_not_cut_off_by_the_database_path(cjk_font, window, qtbot):
    """The number of a case just taken in is read out to the caller from the status bar; beside the counts,
    the user and the database path on a 1366×768 screen at 150% (911 points) it was cut off within the
    number. The database's place is the message's while it is shown."""
    window.resize(911, 480)
    window.show()
    qtbot.waitExposed(window)
    bar = window.statusBar()
    said = "已受理诉求 450503103-2026-000412,归入 侨北社区第1网格"
    bar.showMessage(said, 30000)
    qtbot.waitUntil(lambda: not window.db_label.isVisible())
    number = bar.fontMetrics().horizontalAdvance("已受理诉求 450503103-2026-000412")
    qtbot.waitUntil(lambda: window.counts_label.x() >= number)  # the room left of the counts, once laid out
    bar.clearMessage()
    assert window.db_label.isVisible()


LAPTOP_AT_150 = (1366 * 2 // 3, 768 * 2 // 3)  # a 1366×768 screen at 150 %, in the window's own pixels


def _laptop_window(qtbot, desk_db, tasks, system) -> MainWindow:
    w = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(w)
    w.use_first_size()
    w.resize(*LAPTOP_AT_150)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_at_150_percent_on_a_1366_screen_the_villages_names_show_whole(qtbot, desk_db, tasks, system):
    """The splitter had squeezed the tree to a few characters: 侨港's villages showed as 侨/亚…."""
    w = _laptop_window(qtbot, desk_db, tasks, system)
    w.tree.select_place(QIAOBEI)
    view, model = w.tree.view, w.tree.model
    qtbot.waitUntil(lambda: w.tree.current_code() == QIAOBEI)
    township = view.currentIndex().parent()
    villages = [model.index(row, 0, township) for row in range(model.rowCount(township))]
    assert villages
    for village in villages:
        name = village.data()
        assert view.visualRect(village).left() + view.fontMetrics().horizontalAdvance(name) <= view.viewport().width()
        assert name in village.data(Qt.ItemDataRole.ToolTipRole)  # a longer one cut is read whole there
    tree, queue, roster = w.splitter.sizes()
    assert queue >= w.queue_panel.minimumSizeHint().width() and queue > tree + roster  # the queue keeps the room


LAPTOP = (1366, 768)
QIAOGANG = "450503103000"


def _on_the_laptop(qtbot, db, tasks, system) -> MainWindow:
    """The window shown at 1366×768, whatever the layout remembered."""
    w = MainWindow(db, system, tasks)
    qtbot.addWidget(w)
    w.use_first_size()
    w.resize(*LAPTOP)
    w.show()
    qtbot.waitExposed(w)
    return w


def _open_the_map(w: MainWindow) -> None:
    w.run_feature(next(f for f in menus.FEATURE_ACTIONS if f.id == "grids.map"))


def _with_the_map(qtbot, db, tasks, system, size) -> MainWindow:
    """The window at `size` (None: the least it allows), 侨港镇 chosen, then the map opened (网格 → 地图)."""
    w = _on_the_laptop(qtbot, db, tasks, system)
    w.select_place(QIAOGANG)
    qtbot.waitUntil(lambda: w.roster.details is not None)
    _open_the_map(w)
    w.resize(QSize(*size) if size else w.minimumSizeHint())
    QApplication.processEvents()  # the layouts the map's title and the window's new size asked for
    return w


@pytest.mark.parametrize("size", [LAPTOP, None], ids=["1366x768", "least"])
def test_beside_the_map_on_a_laptop_nothing_the_desk_needs_is_cut_or_overlaps(qtbot, demo_db, tasks, system,
                                                                               cjk_font, size):
    """At 1366×768 the map had taken all but the panes' least widths: the place's code was cut, the roster showed
    a name and half a role, the map's title had gone into its toolbar's overflow menu. Beside the map, the code,
    the roster's name, role and phone (where the roster has not given the map its place), the map's tools and title, the queue's count and the status bar's counts
    show whole, at the least width the window allows too; the queue keeps the room."""
    from desktop.views.map.panel import MapPanel

    w = _with_the_map(qtbot, demo_db, tasks, system, size)
    if w.splitter.sizes()[2]:  # the roster beside the map, unless it gave the map its place
        summary = w.roster.summary
        assert summary.fontMetrics().horizontalAdvance(QIAOGANG) <= summary.contentsRect().width()
        roster = w.roster.view
        # Name, role and phone.
        assert roster.columnViewportPosition(2) + roster.columnWidth(2) <= roster.viewport().width()
    queue = w.queue_panel
    assert not queue.total.geometry().intersects(queue.text.geometry())
    assert queue.total.width() >= queue.total.sizeHint().width()
    assert w.counts_label.width() >= w.counts_label.sizeHint().width()
    panel = w.findChild(MapPanel)
    title = panel.title
    lines = title.fontMetrics().boundingRect(title.contentsRect(), Qt.TextFlag.TextWordWrap, title.text())
    assert title.isVisible() and lines.height() <= title.contentsRect().height()
    legend = panel.view.legend_rect()
    assert legend.right() < panel.view.viewport().width()  # the legend whole
    if size:
        assert all(panel.toolbar.widgetForAction(action).isVisible() for action in panel.actions_)
        tree, queue_width, roster_width = w.splitter.sizes()
        assert queue_width > max(tree, roster_width)


@pytest.fixture
def desk_font(qapp):
    """The bundled font as the application's, as the desk sets it at start-up; the tests' own again afterwards."""
    from desktop.app import install_font

    before = qapp.font()
    install_font(qapp)
    yield
    qapp.setFont(before)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("username", ["qg_police", "qg_op1"], ids=["liaison", "operator"])
def test_at_1366_the_columns_a_case_is_chosen_by_show_without_scrolling_sideways(qtbot, demo_db, tasks, desk_font,
                                                                                 translations, username, language):
    """At 1366×768 a liaison's 类别 stood past the queue's right edge, behind the scroll bar: its state column, which
    holds its own part beside the case's, and a number column wider than a number took the room (the operator's
    类别 was cut too). The number, title, countdown, state and category show whole, the title keeping room, the
    tree and the roster giving way no further than their least widths — at the next start too, the window having
    saved no sizes the user did not choose. In English the tree and the roster at their least left too little for a
    liaison's state column whole: the category stood behind the scroll bar again (the operator's was cut); there the
    state column gives way, and takes its width back in a wider window."""
    from desktop.services import users
    from desktop.views.queue_model import CATEGORY, STATE, TITLE

    translations.install(language)
    for start in ("first", "next"):
        w = _on_the_laptop(qtbot, demo_db, tasks, users.actor_for(demo_db, username))
        view = w.queue_panel.view
        QApplication.processEvents()  # the header lays its sections out in the width the panes settled on
        assert view.columnViewportPosition(CATEGORY) + view.columnWidth(CATEGORY) <= view.viewport().width(), start
        assert view.columnWidth(TITLE) > view.fontMetrics().horizontalAdvance("【急】码头护栏损坏")
        tree, _queue, roster = w.splitter.sizes()
        assert tree >= w.tree.minimumSizeHint().width() and roster >= w.roster.minimumSizeHint().width()
        at_the_laptop = view.columnWidth(STATE)
        w.close()
    w.show()
    w.resize(1900, 1000)
    QApplication.processEvents()
    longest = max(view.fontMetrics().horizontalAdvance(view.model().index(row, STATE).data())
                  for row in range(view.model().rowCount()))
    assert view.columnWidth(STATE) >= max(at_the_laptop, longest)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_beside_the_map_at_1366_the_queue_keeps_its_state_and_category_in_sight(qtbot, demo_db, tasks, desk_font,
                                                                               translations, language):
    """With the map open at 1366×768 the queue had kept its number, title and countdown only: the map took a third
    of the window beside the tree and the roster at their least. The map takes the roster's place while it is open:
    the state and the category show, the state whole in Chinese (in English it gives way, its tooltip whole); the
    map closed, the roster comes back."""
    from desktop.services import users
    from desktop.views.queue_model import CATEGORY, STATE, TITLE

    translations.install(language)
    w = _on_the_laptop(qtbot, demo_db, tasks, users.actor_for(demo_db, "qg_op1"))
    before = w.splitter.sizes()
    _open_the_map(w)
    QApplication.processEvents()
    view, panel = w.queue_panel.view, w.queue_panel
    for column in (STATE, CATEGORY):
        assert view.columnViewportPosition(column) + view.columnWidth(column) <= view.viewport().width(), column
    assert view.columnWidth(STATE) >= panel._state_least
    if language == "zh":
        shown = range(min(view.model().rowCount(), view.model().page_size))
        assert view.columnWidth(STATE) > max(view.fontMetrics().horizontalAdvance(view.model().index(row, STATE).data())
                                             for row in shown)
    assert view.columnWidth(TITLE) > view.fontMetrics().horizontalAdvance("【急】码头护栏损坏")
    dock = w.findChild(QDockWidget)
    assert dock.isVisible() and dock.width() >= 1366 // 5  # a map still
    assert w.splitter.sizes()[2] == 0  # the roster lent its place
    dock.close()
    qtbot.waitUntil(lambda: w.splitter.sizes() == before)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_at_1366_the_queues_filter_lists_show_their_longest_entries_whole(qtbot, demo_db, tasks, desk_font,
                                                                          translations, language):
    """Eight characters wide, the state list read "待分拨清单(未…" ("Triage list (in n", "Due for key su") beside a
    search box with 450 points to spare. Each list shows its longest entry whole."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    from desktop.services import users

    translations.install(language)
    w = _on_the_laptop(qtbot, demo_db, tasks, users.actor_for(demo_db, "qg_op1"))
    for combo in (w.queue_panel.state, w.queue_panel.category):
        entries = [combo.itemText(n) for n in range(combo.count())]
        longest = max(entries, key=combo.fontMetrics().horizontalAdvance)
        combo.setCurrentIndex(entries.index(longest))
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        room = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, combo).width()
        assert combo.fontMetrics().horizontalAdvance(longest) <= room, longest
    assert w.queue_panel.text.width() > w.queue_panel.text.fontMetrics().horizontalAdvance("450503103-2026-000000")


def test_closing_the_map_gives_the_roster_back_the_width_it_gave(qtbot, desk_db, tasks, system, cjk_font):
    """The roster and the tree give the queue room beside the map, and get it back when the map closes."""
    w = _on_the_laptop(qtbot, desk_db, tasks, system)
    before = w.splitter.sizes()
    _open_the_map(w)
    qtbot.waitUntil(lambda: w.splitter.sizes()[2] < before[2])
    w.findChild(QDockWidget).close()
    qtbot.waitUntil(lambda: w.splitter.sizes() == before)


def test_widths_lent_beside_the_map_are_not_saved_as_the_users_own(qtbot, desk_db, tasks, system, cjk_font):
    """Closed beside the map at 1366×768, the window saved the widths the roster and the tree had lent the queue
    ([176, 468, 253] from [220, 798, 340]) as the user's: every later start had them narrow, nothing to give back.
    The layout saved is the user's own, what was lent handed back; the window saving it keeps lending."""
    first = _on_the_laptop(qtbot, desk_db, tasks, system)
    before = first.splitter.sizes()
    _open_the_map(first)
    qtbot.waitUntil(lambda: first.splitter.sizes()[2] < before[2])
    beside_the_map = first.splitter.sizes()
    first.close()
    assert first.splitter.sizes() == beside_the_map
    again = _on_the_laptop(qtbot, desk_db, tasks, system)  # the map is not opened again
    assert again.splitter.sizes() == before


def test_the_users_own_splitter_sizes_come_back_at_the_next_start(qtbot, desk_db, tasks, system):
    """The tree's share computed for a first start does not replace the one the user chose."""
    first = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(first)
    first.use_first_size()
    # Within the test screen, frame and all (it is narrower than the laptop's): a window wider than the screen
    # comes back narrowed to it, and the queue, which takes what the window's width gains or loses, with it.
    first.resize(first.screen().availableGeometry().size() * 0.9)
    first.show()
    qtbot.waitExposed(first)
    tree, queue, roster = first.splitter.sizes()
    first.splitter.moveSplitter(tree + 60, 1)  # the user drags the tree's edge
    chosen = first.splitter.sizes()
    assert chosen[0] > tree
    first.close()
    again = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.size() == first.size() and again.splitter.sizes() == chosen


def test_a_place_renamed_on_another_desk_is_renamed_in_the_tree_and_the_queue(qtbot, window, desk_db):
    from desktop.services.places import get_place

    window.select_place(GRID)
    grid = window.tree.model.index_of(GRID)
    before = grid.data()
    with desk_db.session() as s:
        get_place(s, GRID).short_name = "渔港网格"
        s.commit()
    window.bus.changed.emit("places")  # as the live listener hands it on
    assert window.tree.model.index_of(GRID).data() == "渔港网格" != before
    assert window.tree.current_code() == GRID
    assert {window.queue_model.row_at(n).place_name for n in range(window.queue_model.rowCount())} == {"渔港网格"}
