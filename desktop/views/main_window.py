"""The main window: place tree | live case queue | roster and details, menus from the registry.

Feature modules reach the window through the attributes ``db``, ``actor``, ``tasks`` and
``bus`` and the methods ``current_place_code()`` and ``select_place(code)`` (see menus.py).
"""

from __future__ import annotations

import importlib
from datetime import timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QToolBar, QVBoxLayout, QWidget

from ..db import Database
from ..i18n import LANGUAGES, Translations, actor_name, say
from ..services import accounts, queue
from ..services.security import Actor, Permission
from ..settings import Settings, UiState
from ..tasks import logged_only
from . import dialogs
from . import live_bridge
from .latest import LatestAnswer
from . import permissions
from .bus import Bus
from .calendar.warning import CalendarWarning
from .elided_label import ElidedLabel
from .emergencies.banner import EmergencyBanner
from .menus import FEATURE_ACTIONS, MENU_KEYS, MENUS, FeatureAction
from .notices_banner import NoticesBanner
from .place_tree import CODE_ROLE, PlaceTree
from .queue_model import QueueModel
from .queue_panel import QueuePanel
from .roster_panel import RosterPanel
from .owner_warning import OwnerWarning
from .panes import Panes
from .setup_banner import SetupBanner
from .retranslating import Retranslating
from .unsaved import close_without_asking


FIRST_SIZE = QSize(1480, 860)  # the window's size at the first start, where the screen has room


def first_start_maximized(available: QSize) -> bool:
    """Does the window start maximized on a screen with this much room (it does where FIRST_SIZE does not fit)?"""
    return available.width() < FIRST_SIZE.width() or available.height() < FIRST_SIZE.height()


def _menu_text(text: str) -> str:
    return QCoreApplication.translate("menus", text)


class MainWindow(Retranslating, QMainWindow):
    dataShown = Signal()  # the queue's first answer is on screen (for --screenshot and the start-up benchmark)

    def __init__(self, db: Database, actor: Actor, tasks, *, bus: Bus | None = None,
                 settings: Settings | None = None, ui_state: UiState | None = None,
                 translations: Translations | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self.bus = bus or Bus(self)
        self.settings = settings or Settings()
        self.ui_state = ui_state or UiState(self.settings.store)
        self.translations = translations or Translations(QApplication.instance())

        self.queue_model = QueueModel(
            db, actor, tasks, page_size=self.settings.queue_page_size,
            near_deadline=timedelta(hours=self.settings.near_deadline_hours),
            countdown_interval_ms=self.settings.countdown_refresh_seconds * 1000, parent=self)
        self.tree = PlaceTree(db, tasks)
        self.queue_panel = QueuePanel(self.queue_model)
        self.roster = RosterPanel(db, actor, tasks)
        self.splitter = Panes(self.tree, self.queue_panel, self.roster)
        # The tree as wide as a grid's name asks (a saved layout replaces this), the queue the rest.
        self.splitter.setSizes([self.tree.sizeHint().width(), 950, 340])
        # Above the panes: deadlines counted Monday–Friday in a year whose holidays nobody entered.
        self.calendar_warning = CalendarWarning(self)
        # …and, first of all, an emergency waiting for acknowledgement or owing a late report (Art. 21).
        self.emergency_banner = EmergencyBanner(self)
        # …and, to a liaison, a rectification notice to its department awaiting its report (Art. 13(5)).
        self.notices_banner = NoticesBanner(self)
        # …and, for a township set up only in part, what it still lacks (a fresh database lacks all).
        self.setup_banner = SetupBanner(self)
        # …and, on a shared server, a desk connected with more rights than a desk needs (Art. 15).
        self.owner_warning = OwnerWarning(self)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.emergency_banner)
        layout.addWidget(self.notices_banner)
        layout.addWidget(self.calendar_warning)
        layout.addWidget(self.setup_banner)
        layout.addWidget(self.owner_warning)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        # The database's path gives way where the window is narrow: the counts beside it had been cut.
        self.db_label, self.user_label, self.counts_label = ElidedLabel(), QLabel(), QLabel()
        for label in (self.counts_label, self.user_label, self.db_label):
            self.statusBar().addPermanentWidget(label)
        # A message (the number of a case just taken in, read out to the caller) takes the database's place
        # while shown: beside a database path, on a 1366-point screen at 150%, it was cut off within the number.
        self.statusBar().messageChanged.connect(lambda message: self.db_label.setHidden(bool(message)))
        self._summary: queue.QueueSummary | None = None
        self._latest_summary = LatestAnswer()
        self._first_shown = False

        self._menus: dict[str, QMenu] = {}
        self._texts: list[tuple[QAction | QMenu, str]] = []  # (widget, Chinese source text) for retranslate
        self._guarded: list[tuple[QAction, FeatureAction]] = []  # actions needing a permission over the place
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main_toolbar")  # saveState/restoreState find it by this name
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)
        self._build_menus()
        self.retranslate()
        self._restore_state()

        self.tree.placeSelected.connect(self._place_chosen)
        self.queue_panel.caseActivated.connect(self.open_case)
        self.queue_model.refreshed.connect(self._queue_landed)
        self.queue_model.failed.connect(lambda exc: dialogs.show_error(self, exc))
        self.bus.changed.connect(self._changed)
        self.live = live_bridge.install(self)  # other desktops' changes onto the bus
        self.queue_model.refresh()
        place = self._remembered_place() or self._home_place()
        if place:
            self.select_place(place)

    # --- the window's face to feature modules ----------------------------------------------
    def current_place_code(self) -> str | None:
        return self.tree.current_code()

    def select_place(self, code: str) -> None:
        self.tree.select_place(code)

    # --- menus and actions --------------------------------------------------------------------
    def _action(self, menu: str, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self._menus[menu].addAction(action)
        self._texts.append((action, text))
        return action

    def _build_menus(self) -> None:
        for title in MENUS:
            menu = self.menuBar().addMenu("")
            self._menus[title] = menu
            self._texts.append((menu, title))
        self._action("视图", QT_TRANSLATE_NOOP("menus", "查找地点"), self.focus_search, QKeySequence.StandardKey.Find)
        self._action("视图", QT_TRANSLATE_NOOP("menus", "查找案件"), self.focus_case_search, "Ctrl+Shift+F")
        refresh = self._action("视图", QT_TRANSLATE_NOOP("menus", "刷新"), self.refresh, QKeySequence.StandardKey.Refresh)
        self._action("视图", QT_TRANSLATE_NOOP("menus", "区划树"), self.tree.view.setFocus, "Ctrl+1")
        self._action("视图", QT_TRANSLATE_NOOP("menus", "案件队列"), self.queue_panel.view.setFocus, "Ctrl+2")
        self._action("视图", QT_TRANSLATE_NOOP("menus", "网格人员"), self.roster.view.setFocus, "Ctrl+3")
        self._menus["视图"].addAction(self.toolbar.toggleViewAction())
        self._language_menu()
        toolbar_menu = None
        for feature in FEATURE_ACTIONS:
            action = self._action(feature.menu, feature.text, lambda _=False, f=feature: self.run_feature(f),
                                  feature.shortcut)
            if feature.permission is not None:
                self._guarded.append((action, feature))
            if feature.on_toolbar:
                if toolbar_menu not in (None, feature.menu):
                    self.toolbar.addSeparator()
                toolbar_menu = feature.menu
                self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(refresh)
        self._menus["文件"].addSeparator()
        self._action("文件", QT_TRANSLATE_NOOP("menus", "退出"), self.close, QKeySequence.StandardKey.Quit)
        self._action("帮助", QT_TRANSLATE_NOOP("menus", "关于网格指挥台"), self.about)
        for menu in self._menus.values():
            menu.menuAction().setVisible(not menu.isEmpty())
            menu.setToolTipsVisible(True)  # a disabled action's tooltip says which permission is missing

    def _language_menu(self) -> None:
        menu = self._menus["视图"].addMenu("")
        self._texts.append((menu, QT_TRANSLATE_NOOP("menus", "界面语言")))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = menu.addAction(name)  # each language's own name, never translated
            action.setCheckable(True)
            action.setChecked(code == (self.translations.language or self.settings.language))
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)

    def run_feature(self, feature: FeatureAction) -> None:
        """Import the feature's module on first use and hand it the window."""
        module_name, _, function = feature.target.partition(":")
        try:
            getattr(importlib.import_module(module_name), function)(self)
        except Exception as exc:  # a failing feature must not take the window down
            dialogs.show_error(self, exc)

    def set_language(self, language: str) -> None:
        self.translations.install(language)
        self.settings.language = language
        self.bus.languageChanged.emit()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("网格指挥台 — 北海市网格化服务管理"))
        self.toolbar.setWindowTitle(self.tr("工具栏"))
        for widget, text in self._texts:
            if isinstance(widget, QMenu):
                title = _menu_text(text)
                widget.setTitle(title if "&" in title or text not in MENU_KEYS else f"{title}(&{MENU_KEYS[text]})")
            else:
                widget.setText(_menu_text(text))
        self.db_label.setText(self.tr("数据库:%1").replace("%1", self.db.describe()))
        self.user_label.setText(self.tr("用户:%1").replace("%1", actor_name(self.actor)))
        self._show_counts()
        self._offer_actions()

    def about(self) -> None:
        dialogs.information(self, self.tr("关于网格指挥台"), self.tr(
            "网格指挥台:依据《北海市网格化服务管理条例》的乡镇(街道)网格化服务管理指挥中心桌面端。"))

    # --- behaviour -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.tree.search.setFocus()
        self.tree.search.selectAll()

    def focus_case_search(self) -> None:
        """The queue's search box, from anywhere: a caller reads out a case number (Enter filters, Tab goes
        on to the rows, Enter there opens the case)."""
        self.queue_panel.text.setFocus()
        self.queue_panel.text.selectAll()

    def open_case(self, case_id: int) -> None:
        """Enter or double-click on a queue row: that case's detail."""
        from .cases.case_detail import open_case  # imported on first use, like the menus' features

        open_case(self, case_id)

    def refresh(self) -> None:
        self.tree.refresh()
        self.queue_model.refresh()
        self.roster.show_place(self.tree.current_code())

    def _changed(self, topic: str) -> None:
        if topic == "cases":
            self.queue_model.refresh()
        elif topic == "places":  # grids adjusted or a place renamed on another desk: its name in the queue too
            self.tree.refresh()
            self.queue_model.refresh()
            self.roster.show_place(self.tree.current_code())
        elif topic == "staff":
            self.roster.show_place(self.tree.current_code())
        elif topic == "users":  # an administrator may have disabled or changed this desk's account
            self.tasks.submit(accounts.session_problem, self.db, self.actor, on_done=self._account_checked,
                              on_error=logged_only)

    def _account_checked(self, problem: str | None) -> None:
        """A desk whose account was disabled or whose roles changed says so and closes (Art. 15):
        it would be refused at its next step anyway, and must not go on showing cases — nor may
        the windows it opened (a case's detail, the wall display), which closing it leaves up. Its own
        cases are hidden while the message waits for a click."""
        if problem:
            for opened in [w for w in self.findChildren(QWidget) if w.isWindow() and w.isVisible()]:
                close_without_asking(opened)
            self.centralWidget().hide()
            dialogs.information(self, self.tr("网格指挥台"), say(problem))
            self.close()

    def _offer_actions(self) -> None:
        """Enable each guarded action where the user holds its permission over the chosen place (Art. 15),
        so that nobody fills in a form only to be refused at save."""
        index = self.tree.view.currentIndex()
        code, name = (index.data(CODE_ROLE), index.data()) if index.isValid() else (None, None)
        for action, feature in self._guarded:
            permissions.offer(action, self.actor, feature.permission, code, name, level=feature.grant_level)

    def _place_chosen(self, code: str) -> None:
        self._offer_actions()
        self.queue_panel.set_place(code)
        self.roster.show_place(code)
        self.bus.placeSelected.emit(code)

    def _queue_landed(self) -> None:
        under = self.queue_model.filter.under
        answer = self._latest_summary.send()  # the counts of the place chosen last, not of one left
        self.tasks.submit(queue.summary, self.db, self.actor, under,
                          on_done=answer(self._summary_landed), on_error=answer(lambda exc: dialogs.show_error(self, exc)))

    def _summary_landed(self, summary: queue.QueueSummary) -> None:
        self._summary = summary
        self._show_counts()
        if not self._first_shown:
            self._first_shown = True
            self.dataShown.emit()

    def _show_counts(self) -> None:
        s = self._summary
        text = "" if s is None else self.tr("未办结 %1 · 超期 %2 · 今日受理 %3")
        for n, value in enumerate((s.open, s.overdue, s.received_today) if s else (), start=1):
            text = text.replace(f"%{n}", f"{value:,}")
        self.counts_label.setText(text)

    def _remembered_place(self) -> str | None:
        """The place this user chose last on this computer, while they may still view it. The window's
        settings are the computer account's, which every user signing in at a duty-room PC shares:
        a city admin's 海城区 had opened a township admin's desk on a queue they may not read."""
        username, _, code = self.ui_state.last_place.partition("\t")
        return code if code and username == self.actor.username and self.actor.can(Permission.VIEW, code) else None

    def _home_place(self) -> str | None:
        """Where a user with one scope starts: their township (or grid, county …)."""
        grants = self.actor.scopes()
        return grants[0].place_code if grants and len({g.place_code for g in grants}) == 1 else None

    def _restore_state(self) -> None:
        s = self.ui_state
        if not s.main_geometry.isEmpty():
            self.restoreGeometry(s.main_geometry)
        else:
            self._first_size()
        if not s.main_state.isEmpty():
            self.restoreState(s.main_state)
        if not s.main_splitter.isEmpty():
            self.splitter.restoreState(s.main_splitter)
        if not s.queue_header.isEmpty():
            self.queue_panel.view.horizontalHeader().restoreState(s.queue_header)
            # Widths saved under the other language, or before a longer label, would cut the labels.
            self.queue_panel.fit_label_columns()

    def _first_size(self) -> None:
        """The first start: FIRST_SIZE, or the whole screen where that does not fit (a 1366×768 laptop)."""
        if first_start_maximized(self.screen().availableGeometry().size()):
            self.setWindowState(Qt.WindowState.WindowMaximized)
        else:
            self.resize(FIRST_SIZE)

    def use_first_size(self) -> None:
        """FIRST_SIZE whatever the screen and the remembered layout (--screenshot: the same picture everywhere)."""
        self.setWindowState(Qt.WindowState.WindowNoState)
        self.resize(FIRST_SIZE)

    def closeEvent(self, event: QCloseEvent) -> None:
        s = self.ui_state
        s.main_geometry = self.saveGeometry()
        s.main_state = self.saveState()
        s.main_splitter = self.splitter.saveState()
        s.queue_header = self.queue_panel.view.horizontalHeader().saveState()
        code = self.tree.current_code()
        s.last_place = f"{self.actor.username}\t{code}" if code else ""
        s.sync()
        super().closeEvent(event)
