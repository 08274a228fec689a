"""Other desktops' changes on this desktop's bus, on the GUI thread.

The bridge owns the change listener (`services.live`), whose callbacks run on its own thread.
Queued signals carry them to the GUI thread; a burst (an import, a busy minute on the wall
display) is coalesced into one `bus.changed(topic)` per topic per `COALESCE_MS`, so views
refresh once instead of once per row.

Whenever the listener (re)connects, every view refreshes once: changes committed while this
desk was loading its first screens, or while the connection was down, are never announced
again, and a refresh that failed with the network is not retried otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from ..db import Database
from ..services.live import ChangeListener, LiveState, PollingListener, listener_for
from ..services.unit_of_work import TOPICS
from .bus import Bus

COALESCE_MS = 100  # short against the one-second promise, long enough to merge a burst
LOST_STYLE = "color: #c62828"  # the queue's overdue red: a stale screen must not look live
UPGRADED_STYLE = "background: #c62828; color: white; font-weight: bold; padding: 6px"


class LiveBridge(QObject):
    """Feeds `bus.changed` with other desktops' changes; reports the connection for the status bar."""

    arrived = Signal(object)  # a batch of FeedChange, emitted on the listener's thread
    stateArrived = Signal(object)  # a LiveState, emitted on the listener's thread
    stateChanged = Signal(str)  # the translated connection state, for the status bar

    def __init__(self, db: Database, bus: Bus, parent: QObject | None = None):
        super().__init__(parent)
        self.bus = bus
        self.state: LiveState | None = None
        self._stopped = False
        self._pending: set[str] = set()
        self._cases: set[int] | None = set()  # None: some case changed without saying which
        self._timer = QTimer(self, singleShot=True, interval=COALESCE_MS, timeout=self._flush)
        # Explicitly queued: the emitting thread is never the GUI thread.
        self.arrived.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        self.stateArrived.connect(self._set_state, Qt.ConnectionType.QueuedConnection)
        self.listener: ChangeListener = listener_for(db, self.arrived.emit, self.stateArrived.emit)

    def start(self) -> None:
        self.listener.start()

    def stop(self) -> None:
        # What the listener's thread queued before it stopped is dropped: the window may be closing.
        self._stopped = True
        self.listener.stop()
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.stop()
        return False

    @Slot()
    def retranslate(self) -> None:
        self.stateChanged.emit(self.stateText())

    def stateText(self) -> str:
        """What the status bar shows; call again after a language change."""
        if self.state is LiveState.CONNECTED:
            if isinstance(self.listener, PollingListener):  # SQLite: no server pushes changes; the file is read
                return self.tr("实时更新:已开启(本机数据库)")
            return self.tr("实时更新:已连接")
        if self.state is LiveState.UPGRADED:
            return self.tr("数据库已被更新版本的网格指挥台升级,请保存/记下手头的工作后关闭并更新本程序")
        if self.state is LiveState.RECONNECTING:
            return self.tr("实时更新:连接中断,正在重连…")
        return self.tr("实时更新:连接中…")

    @Slot(object)
    def _collect(self, batch) -> None:
        if self._stopped:
            return
        self._pending.update(change.topic for change in batch)
        for change in batch:
            if change.topic == "cases" and self._cases is not None:
                if change.entity_id is None:
                    self._cases = None
                else:
                    self._cases.add(change.entity_id)
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def _flush(self) -> None:
        topics, self._pending = sorted(self._pending), set()
        cases, self._cases = self._cases, set()
        for topic in topics:
            self.bus.changed.emit(topic)
        if cases is None or cases:
            self.bus.casesChanged.emit(None if cases is None else frozenset(cases))

    @Slot(object)
    def _set_state(self, state: LiveState) -> None:
        if self._stopped:
            return
        caught_up = state is LiveState.CONNECTED and self.state is not LiveState.CONNECTED
        self.state = state
        self.stateChanged.emit(self.stateText())
        if caught_up:
            self._pending.update(TOPICS)
            self._cases = None
            self._timer.start()


def install(window: QMainWindow) -> LiveBridge:
    """Start live updates for a main window (with `db` and `bus`); show their state in its status bar, and
    a database a newer GridDesk upgraded meanwhile also in a banner above everything, for as long as it runs."""
    bridge = LiveBridge(window.db, window.bus, window)
    label = QLabel(bridge.stateText())
    window.statusBar().addPermanentWidget(label)
    banner = QLabel()
    banner.setObjectName("UpgradedBanner")
    banner.setStyleSheet(UPGRADED_STYLE)
    banner.setWordWrap(True)
    banner.hide()
    window.centralWidget().layout().insertWidget(0, banner)

    def show(text: str) -> None:
        label.setText(text)
        label.setStyleSheet("" if bridge.state is LiveState.CONNECTED else LOST_STYLE)
        banner.setText(text)
        banner.setVisible(bridge.state is LiveState.UPGRADED)

    bridge.stateChanged.connect(show)
    window.bus.languageChanged.connect(bridge.retranslate)
    # Stop when the window closes or the application quits: the thread must not outlive them.
    window.installEventFilter(bridge)
    QCoreApplication.instance().aboutToQuit.connect(bridge.stop)
    bridge.start()
    return bridge
