"""Two desktops on one database: what one commits reaches the other's bus and queue, on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QLabel
from sqlalchemy import text

from backends import BACKENDS
from desktop.db import Database
from desktop.models.enums import Channel, MatterCategory
from desktop.services import places
from desktop.services.cases import intake
from desktop.services.live import FeedChange, LiveState
from desktop.services.unit_of_work import TOPICS
from desktop.views.bus import Bus
from desktop.views.live_bridge import LOST_STYLE, LiveBridge
from desktop.views.main_window import MainWindow
from desktop.views.queue_model import QueueModel

VILLAGE = "450502001003"
QIAOGANG = "450503103000"


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Both backends, as the services' tests: how a desk hears of another's changes is the backend's own."""
    return request.param


def other_desktop(db: Database) -> Database:
    return Database.connect(db.engine.url.render_as_string(hide_password=False))


@pytest.fixture
def second(db):
    other = other_desktop(db)
    yield other
    other.dispose()


@pytest.fixture
def bridge(qtbot, second):
    """A started bridge on the second desktop, feeding its own bus."""
    bridge = LiveBridge(second, Bus())
    with qtbot.waitSignal(bridge.stateChanged, timeout=10000):
        bridge.start()
    yield bridge
    bridge.stop()


def test_a_change_on_one_desktop_reaches_the_others_bus(qtbot, db, system, bridge, backend):
    assert bridge.state is LiveState.CONNECTED
    # SQLite has no server to push changes: the status says so (the file is read), without the polling jargon.
    assert bridge.stateText() == {"postgresql": "实时更新:已连接", "sqlite": "实时更新:已开启(本机数据库)"}[backend]
    with qtbot.waitSignal(bridge.bus.changed, timeout=5000, check_params_cb=lambda topic: topic == "places"):
        places.create_grid(db, system, village_code=VILLAGE, code=f"{VILLAGE}001", name="侨港测试网格")


def test_a_case_taken_in_on_one_desktop_appears_in_the_others_queue(qtbot, qtmodeltester, db, system, tasks, bridge):
    second_desktop = bridge.listener.db
    model = QueueModel(second_desktop, system, tasks)

    def on_changed(topic):  # as the main window does
        if topic == "cases":
            model.refresh()

    bridge.bus.changed.connect(on_changed)
    model.refresh()
    assert model.rowCount() == 0

    taken = intake.take_in(db, system, channel=Channel.HOTLINE_12345, title="侨港码头路灯不亮",
                           description="码头东侧三盏路灯夜间不亮", category=MatterCategory.LIVELIHOOD,
                           township_code=QIAOGANG)
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    assert model.index(0, 0).data() == taken.case.number
    assert model.index(0, 1).data() == "侨港码头路灯不亮"
    qtmodeltester.check(model)


def test_the_main_window_shows_other_desktops_cases_and_the_live_state(qtbot, db, system, tasks, second, cjk_font):
    window = MainWindow(second, system, tasks)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.live.state is LiveState.CONNECTED, timeout=10000)
    status = [label for label in window.statusBar().findChildren(QLabel) if label.text() == window.live.stateText()]
    assert len(status) == 1 and status[0].styleSheet() != LOST_STYLE
    before = window.queue_model.rowCount()

    intake.take_in(db, system, channel=Channel.WALK_IN, title="渔港路占道经营", description="早市摊位占用消防通道",
                   category=MatterCategory.LIVELIHOOD, township_code=QIAOGANG)
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == before + 1, timeout=5000)

    window.close()
    assert not window.live.listener.running


def test_a_burst_from_the_listener_thread_becomes_one_signal_per_topic_on_the_gui_thread(qtbot, sqlite_db):
    bridge = LiveBridge(sqlite_db, Bus())  # not started: the test plays the listener thread
    heard = []
    bridge.bus.changed.connect(lambda topic: heard.append((topic, QThread.currentThread())))

    def burst():
        for n in range(50):
            bridge.arrived.emit([FeedChange(n, "cases" if n % 2 else "places", n, None, "其他值班台")])

    worker = threading.Thread(target=burst)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(heard) >= 2, timeout=2000)
    qtbot.wait(150)  # past a further coalescing window: nothing more may follow
    assert sorted(topic for topic, _ in heard) == ["cases", "places"]
    assert all(thread is bridge.thread() for _, thread in heard)


def test_the_cases_changed_elsewhere_are_named_once_per_burst(qtbot, sqlite_db):
    """An open case panel reloads only for its own case, or when a change did not say which case."""
    bridge = LiveBridge(sqlite_db, Bus())
    heard = []
    bridge.bus.casesChanged.connect(heard.append)
    bridge.arrived.emit([FeedChange(1, "cases", 7, 1, "其他值班台"), FeedChange(2, "staff", 9, 1, "其他值班台")])
    bridge.arrived.emit([FeedChange(3, "cases", 8, 1, "其他值班台")])
    qtbot.waitUntil(lambda: heard == [frozenset({7, 8})], timeout=2000)
    bridge.arrived.emit([FeedChange(4, "cases", 7, 1, "其他值班台"), FeedChange(5, "cases", None, 1, "其他值班台")])
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=2000)
    assert heard[1] is None
    bridge.arrived.emit([FeedChange(6, "places", 3, 1, "其他值班台")])
    qtbot.wait(250)
    assert len(heard) == 2  # no cases in the burst: nothing to say


def test_every_view_refreshes_once_when_the_listener_connects_and_again_after_a_reconnect(qtbot, sqlite_db):
    """What was committed while this desk loaded its first screens, or while its connection was down,
    is never announced again: each (re)connection refreshes every topic and every open case once."""
    bridge = LiveBridge(sqlite_db, Bus())  # not started: the test plays the listener thread
    topics, cases = [], []
    bridge.bus.changed.connect(topics.append)
    bridge.bus.casesChanged.connect(cases.append)
    bridge.stateArrived.emit(LiveState.CONNECTED)
    qtbot.waitUntil(lambda: cases == [None], timeout=2000)
    assert sorted(topics) == sorted(TOPICS) and "cases" in topics and "emergencies" in topics
    topics.clear()
    bridge.stateArrived.emit(LiveState.CONNECTED)  # still connected: nothing was missed
    bridge.stateArrived.emit(LiveState.RECONNECTING)
    qtbot.wait(250)
    assert topics == [] and cases == [None]
    bridge.stateArrived.emit(LiveState.CONNECTED)
    qtbot.waitUntil(lambda: len(cases) == 2, timeout=2000)
    assert sorted(topics) == sorted(TOPICS) and cases[1] is None


def test_what_the_listener_queued_before_it_stopped_reaches_no_closing_window(qtbot, sqlite_db):
    bridge = LiveBridge(sqlite_db, Bus())  # not started: the test plays the listener thread
    heard = []
    bridge.bus.changed.connect(heard.append)
    bridge.stop()
    bridge.stateArrived.emit(LiveState.CONNECTED)
    bridge.arrived.emit([FeedChange(1, "cases", 7, 1, "其他值班台")])
    qtbot.wait(250)
    assert heard == [] and bridge.state is None


def test_the_status_text_follows_a_lost_connection(qtbot, pg_db):
    second = other_desktop(pg_db)
    bridge = LiveBridge(second, Bus())
    try:
        with qtbot.waitSignal(bridge.stateChanged, timeout=10000):
            bridge.start()
        with qtbot.waitSignal(bridge.stateChanged, timeout=10000) as lost:
            with pg_db.engine.connect() as conn:
                conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": bridge.listener.backend_pid})
        assert lost.args == ["实时更新:连接中断,正在重连…"]
        qtbot.waitUntil(lambda: bridge.state is LiveState.CONNECTED, timeout=10000)
    finally:
        bridge.stop()
        second.dispose()


def test_a_queue_refreshed_while_the_server_is_out_of_reach_says_so_in_chinese_and_loads_once_it_is_back(
        qtbot, _templates, pg_db, system):
    """The error box had shown psycopg's English text with SQLAlchemy's link, and a traceback under Details."""
    from desktop.errors import DatabaseUnavailable
    from desktop.tasks import TaskRunner

    admin = _templates["postgresql"].admin  # a database's connections are refused from outside it

    second = other_desktop(pg_db)
    tasks = TaskRunner()
    model = QueueModel(second, system, tasks)
    with qtbot.waitSignal(model.refreshed, timeout=10000):
        model.refresh()
    name = pg_db.engine.url.database
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                     {"name": name})
        try:
            with qtbot.waitSignal(model.failed, timeout=20000) as failed:
                model.refresh()
            assert isinstance(failed.args[0], DatabaseUnavailable)
            assert failed.args[0].message.startswith("与数据库服务器的连接中断,本次操作未完成(")
        finally:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    with qtbot.waitSignal(model.refreshed, timeout=10000):
        model.refresh()
    tasks.wait()
    second.dispose()


def test_a_database_a_newer_griddesk_upgrades_meanwhile_is_said_in_a_banner_and_the_status_bar(
        qtbot, sqlite_db, system, tasks, cjk_font):
    """The desk went on as if nothing had happened, writing with the older model."""
    window = MainWindow(sqlite_db, system, tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.live.state is LiveState.CONNECTED, timeout=10000)
    banner = window.findChild(QLabel, "UpgradedBanner")
    assert not banner.isVisible()
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_a_newer_version'"))
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=10000)
    said = "数据库已被更新版本的网格指挥台升级,请保存/记下手头的工作后关闭并更新本程序"
    assert banner.text() == said
    status = [label for label in window.statusBar().findChildren(QLabel) if label.text() == said]
    assert len(status) == 1 and status[0].styleSheet() == LOST_STYLE
    window.close()
