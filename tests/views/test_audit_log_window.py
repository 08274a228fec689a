"""The audit log window with qtbot (Art. 15(3)): what an auditor reads, narrows, pages through and checks."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from tampering import rewrite_audit_entry

from desktop.errors import PermissionDenied
from desktop.i18n import label
from desktop.models import AuditEntry
from desktop.models.enums import AuditOutcome
from desktop.services import audit, audit_log, users
from desktop.services.audit_log import AuditFilter
from desktop.tasks import TaskRunner
from desktop.views import dialogs
from desktop.views.audit import open_audit_log
from desktop.views.audit.model import ACTION, AT, HEADERS, MESSAGE, OUTCOME, OUTCOME_COLOURS, PLACE, TARGET, USER
from desktop.views.audit.window import EARLIEST, AuditLogWindow
from desktop.views.main_window import MainWindow

pytestmark = pytest.mark.law("Art. 15")

CITY, QIAOGANG, QIAOBEI = "450500000000", "450503103000", "450503103001"
DISPATCHED = audit_log.PAGE + 30  # a shift's dispatches: more than one page


@pytest.fixture
def logged(demo_db):
    """The demo township with a shift on record: the dispatches, a log-in refused, a reading of the log refused."""
    operator = users.login(demo_db, "qg_op1", "qiaogang-op1")
    with pytest.raises(PermissionDenied):
        users.login(demo_db, "qg_op2", "wrong-password")
    with demo_db.session() as session:
        for n in range(1, DISPATCHED + 1):
            audit.append(session, operator, "cases.dispatch", target=f"450503103-2026-{n:06d}", place_code=QIAOBEI,
                         message=f"派遣 450503103-2026-{n:06d} 至 侨港派出所\n要求 1 个工作日内签收")
        session.commit()
    with pytest.raises(PermissionDenied):
        audit_log.entries(demo_db, operator, AuditFilter())
    return demo_db


@pytest.fixture
def auditor(logged):
    return users.login(logged, "bh_audit", "beihai-audit")


@pytest.fixture
def errors(monkeypatch):
    shown: list[BaseException] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: shown.append(exc))
    return shown


@pytest.fixture
def open_window(qtbot, feature_window, logged, auditor, tasks, cjk_font):
    def open_(code: str | None = CITY, actor=auditor, runner=tasks) -> AuditLogWindow:
        window = feature_window(logged, actor, runner, code)
        open_audit_log(window)
        return window.findChild(AuditLogWindow)

    return open_


def _entries_in_log(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def _column(screen: AuditLogWindow, column: int) -> list[str]:
    return [screen.model.index(r, column).data() for r in range(screen.model.rowCount())]


def test_the_auditor_reads_the_newest_entries_first_with_the_total(open_window, logged):
    before = _entries_in_log(logged)
    screen = open_window()
    model = screen.model
    assert screen.isVisible() and screen.place.currentData() == CITY and screen.place.currentText() == f"北海({CITY})"
    assert model.rowCount() == audit_log.PAGE and model.total == before  # not its own record, made after
    assert screen.total.text() == f"共 {before} 条,已列出最新的 {audit_log.PAGE} 条(滚动到底部列出更多)"
    assert [model.index(0, c).data() for c in (USER, ACTION, OUTCOME)] == ["bh_audit", "登录", "成功"]
    assert [model.index(1, c).data() for c in (USER, ACTION, OUTCOME)] == ["qg_op1", "查阅审计日志", "拒绝"]
    assert model.index(1, ACTION).data(Qt.ItemDataRole.ToolTipRole) == "audit.read"  # the code, as scripts name it
    for column in (AT, MESSAGE):  # a refused row reads in its colour from end to end
        assert model.index(1, column).data(Qt.ItemDataRole.ForegroundRole) == OUTCOME_COLOURS[AuditOutcome.DENIED]
    last = f"450503103-2026-{DISPATCHED:06d}"
    assert [model.index(2, c).data() for c in (ACTION, TARGET, PLACE, OUTCOME)] == [
        "派遣", last, "侨北社区", "成功"]
    assert model.index(2, AT).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(2, PLACE).data(Qt.ItemDataRole.ToolTipRole) == QIAOBEI
    # The message on one line, whole in its tooltip.
    assert model.index(2, MESSAGE).data() == f"派遣 {last} 至 侨港派出所 要求 1 个工作日内签收"
    assert model.index(2, MESSAGE).data(Qt.ItemDataRole.ToolTipRole) == f"派遣 {last} 至 侨港派出所\n要求 1 个工作日内签收"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", model.index(2, AT).data())


def test_the_filters_narrow_the_entries_and_enter_queries(open_window, qtbot):
    screen = open_window()
    screen.action.setText("users.login")
    screen.outcome.setCurrentIndex(screen.outcome.findText("拒绝"))
    qtbot.keyClick(screen.action, Qt.Key.Key_Return)
    assert _column(screen, TARGET) == ["qg_op2"] and screen.total.text() == "共 1 条"
    screen.outcome.setCurrentIndex(0)  # 全部
    screen.text.setText("000123")
    qtbot.keyClick(screen.text, Qt.Key.Key_Enter)
    assert screen.model.rowCount() == 0 and screen.total.text() == "共 0 条"  # no log-in names that case
    screen.action.clear()
    screen.user.setText("qg_op1")
    qtbot.keyClick(screen.user, Qt.Key.Key_Return)
    assert _column(screen, TARGET) == ["450503103-2026-000123"]
    screen.text.clear()
    screen.until.setDate(screen.until.date().addDays(-1))  # to yesterday's 24:00
    screen.query_button.click()
    assert screen.total.text() == "共 0 条"
    screen.until.setDate(screen.until.date().addDays(1))
    screen.since.setDate(screen.until.date())  # from today's 00:00 (Beijing)
    screen.query_button.click()
    assert screen.model.total == DISPATCHED + 2  # the dispatches, the operator's log-in and refused reading
    screen.since.setDate(EARLIEST)
    assert screen.since.text() == "不限" and screen.current_filter().since is None


def test_the_action_filter_takes_the_label_shown_or_the_code(open_window, qtbot, monkeypatch):
    screen = open_window()
    for typed in ("登录", "users.login"):
        screen.action.setText(typed)
        qtbot.keyClick(screen.action, Qt.Key.Key_Return)
        assert set(_column(screen, ACTION)) == {"登录"} and screen.model.total == 3, typed
    # In English the labels read as translated, and the filter finds them as they read.
    monkeypatch.setattr(QCoreApplication, "translate", lambda context, text, *_: {"登录": "Log in"}.get(text, text))
    screen.action.setText("log IN")
    qtbot.keyClick(screen.action, Qt.Key.Key_Return)
    assert set(_column(screen, ACTION)) == {"Log in"} and screen.model.total == 3


def test_the_place_chosen_in_the_tree_narrows_the_entries_and_all_places_holds_the_log_ins(open_window):
    screen = open_window(QIAOGANG)
    assert screen.place.currentText() == f"侨港({QIAOGANG})"
    actions = set(_column(screen, ACTION))
    assert "派遣" in actions and "登录" not in actions  # a log-in is tied to no place
    screen.place.setCurrentIndex(0)  # 全部(权限范围内)
    screen.query_button.click()
    assert "登录" in _column(screen, ACTION)


def test_scrolling_to_the_end_fetches_the_next_page_without_repeating_a_row(open_window, logged, qtbot):
    before = _entries_in_log(logged)
    screen = open_window()
    screen.view.scrollToBottom()
    model = screen.model
    assert model.rowCount() == before == model.total and not model.canFetchMore(QModelIndex())
    ids = [row.id for row in model.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    assert screen.total.text() == f"共 {before} 条"


def test_a_page_is_read_on_a_worker_thread(open_window, logged, qtbot):
    runner = TaskRunner()
    screen = open_window(runner=runner)
    model = screen.model
    qtbot.waitUntil(lambda: model.rowCount() == audit_log.PAGE)
    qtbot.waitUntil(lambda: screen.place.currentText() == f"北海({CITY})")
    screen.view.scrollToBottom()
    assert model.rowCount() == audit_log.PAGE  # the GUI thread did not wait for the page
    qtbot.waitUntil(lambda: model.rowCount() == model.total > audit_log.PAGE)
    runner.wait()


def test_the_chain_check_says_intact_then_names_the_entry_changed_behind_the_programs_back(open_window, logged,
                                                                                         translations):
    screen = open_window()
    entries = _entries_in_log(logged)
    screen.check_button.click()
    assert screen.chain.isVisible() and screen.chain.text() == f"审计日志 {entries} 条,哈希链完整"
    with logged.session() as session:
        changed = session.scalar(select(AuditEntry.id).where(AuditEntry.target == "450503103-2026-000007"))
    rewrite_audit_entry(logged, changed, message="未派遣")  # as someone with the database's password might
    screen.check_button.click()
    assert screen.chain.text().splitlines() == [f"审计日志 {entries + 1} 条,发现 1 处问题:",
                                                f"记录 {changed}:内容与哈希不符(记录被篡改)"]
    assert "#c62828" in screen.chain.styleSheet() and screen.check_button.isEnabled()
    translations.install("en")  # the last answer is said again in the language now in use
    QApplication.processEvents()
    assert screen.chain.text().splitlines()[1] == f"Entry {changed}: content does not match its hash (entry altered)"


def test_a_reader_without_the_permission_is_told_so(open_window, logged, errors):
    operator = users.login(logged, "qg_op1", "qiaogang-op1")
    screen = open_window(QIAOGANG, actor=operator)
    assert len(errors) == 1 and "审计日志只供审计员查阅" in errors[0].message
    assert screen.model.rowCount() == 0 and screen.total.text() == "共 0 条"  # not stuck at "查询中…"


def _audit_action(window: MainWindow) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text() == "审计日志…")


def test_the_menu_offers_the_log_to_the_auditor_and_not_to_an_operator(qtbot, logged, auditor, tasks, cjk_font):
    operator = users.login(logged, "qg_op1", "qiaogang-op1")
    desk = MainWindow(logged, operator, tasks)
    qtbot.addWidget(desk)
    assert not _audit_action(desk).isEnabled() and "查看审计日志" in _audit_action(desk).toolTip()
    desk = MainWindow(logged, auditor, tasks)
    qtbot.addWidget(desk)
    desk.select_place(QIAOGANG)
    action = _audit_action(desk)
    assert action.isEnabled()
    action.trigger()
    screen = desk.findChild(AuditLogWindow)
    assert screen.isVisible() and screen.place.currentData() == QIAOGANG and screen.model.rowCount() > 0


def test_the_model(qtmodeltester, open_window):
    screen = open_window()
    qtmodeltester.check(screen.model)
    screen.view.scrollToBottom()
    qtmodeltester.check(screen.model)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_columns_hold_their_headers_and_outcomes_in_either_language(open_window, translations, language, qtbot):
    screen = open_window()
    translations.install(language)
    qtbot.waitUntil(lambda: screen.query_button.text() == {"zh": "查询", "en": "Search"}[language])
    metrics = screen.view.horizontalHeader().fontMetrics()
    for column in range(len(HEADERS) - 1):
        header = screen.model.headerData(column, Qt.Orientation.Horizontal)
        assert screen.view.columnWidth(column) > metrics.horizontalAdvance(header), header
    widest_outcome = max(metrics.horizontalAdvance(label(o)) for o in AuditOutcome)
    assert screen.view.columnWidth(OUTCOME) > widest_outcome
    day = screen.model.index(0, AT).data()
    assert screen.view.columnWidth(AT) > screen.view.fontMetrics().horizontalAdvance(day)
    assert screen.model.index(1, OUTCOME).data() == {"zh": "拒绝", "en": label(AuditOutcome.DENIED)}[language]


def test_a_later_page_does_not_run_into_the_first_when_the_log_grows_meanwhile(open_window, logged, auditor):
    screen = open_window()
    first = [row.id for row in screen.model.rows]
    users.login(logged, "bh_audit", "beihai-audit")  # another entry while the auditor reads
    screen.view.scrollToBottom()
    ids = [row.id for row in screen.model.rows]
    assert ids[:len(first)] == first and len(set(ids)) == len(ids) and max(ids) == first[0]
    assert screen.model.total == len(ids)
