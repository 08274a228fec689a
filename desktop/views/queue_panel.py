"""The queue panel: filter bar over the paged queue table; keeps the selected case over refreshes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n import label
from ..models.enums import (
    ACTIVE_ASSIGNMENT_STATES,
    OPEN_CASE_STATES,
    AssignmentState,
    CaseState,
    MatterCategory,
    SupervisionLevel,
)
from ..services.numbering import CASE_NUMBER
from ..services.queue import OWN_SHARE_STATES, POSITION_LIMIT, Placed, sees_own_share, state_of_readable
from ..tasks import logged_only
from .countdown import WIDEST_SPAN, span_text
from .queue_model import (
    CASE_ID_ROLE,
    CATEGORY,
    COLUMNS,
    COUNTDOWN,
    DEADLINE,
    NUMBER,
    STATE,
    TITLE,
    QueueModel,
)
from .retranslating import Retranslating
from .wrapping_bar import WrappingBar

_OPEN = "open"
_ALL = "all"
_CENTER = "center"  # what waits on the center itself (queue.AWAITING_CENTER)
_KEY = "key_supervision"  # unresolved cases due for key supervision (Art. 20(1))
_UNROUTED = "unrouted"  # the triage list: taken in, in no grid yet
_OWN = "own:"  # before a share's state: a liaison's own share in that state (QueueFilter.own_states)
TITLE_KEPT = 165  # the title's width while the state column gives way to the category (_state_gives_way)


class QueuePanel(Retranslating, QWidget):
    caseActivated = Signal(int)  # Enter or double-click on a case

    def __init__(self, model: QueueModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.state = QComboBox()
        self.category = QComboBox()
        self.overdue = QCheckBox()
        self.supervised = QCheckBox()
        self.text = QLineEdit()
        self.text.setClearButtonEnabled(True)
        # Room for a case number whole, read out on the phone; the lists show their longest entries whole (eight
        # characters' width had cut "待分拨清单(未…" and "Due for key su" beside a half-empty search box): where
        # the queue is too narrow for both on one row, the bar puts the search box on the next.
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance("450503103-2026-000000") + 32)
        for combo in (self.state, self.category):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.total = QLabel()
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)  # Tab goes on to the roster, not from cell to cell of every case
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # The title takes the width there is (the deadline column had, at the far right, half empty).
        self.view.horizontalHeader().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSortIndicator(COUNTDOWN, Qt.SortOrder.AscendingOrder)  # in view, at any width
        self.view.setSortingEnabled(True)  # header clicks call model.sort → ORDER BY in SQL
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._keep_sort_indicator)
        # The state column's width with its longest text whole (fit_label_columns) or as the user dragged it, and
        # the least it gives way to (a case state's own name whole): see _state_gives_way.
        self._state_whole = self._state_least = 0
        self._giving_way = False
        self.view.horizontalHeader().sectionResized.connect(self._resized_by_hand)
        self.view.viewport().installEventFilter(self)  # a narrower queue: the state column gives way
        for column, width in enumerate([120, TITLE_KEPT, 105, 125, 120, 110, 115, 60, 95, 120]):
            self.view.setColumnWidth(column, width)
        # Whole at their longest, in the font in use, and no wider: the case number (at a fixed 165 points it had
        # taken room the category needed) and the deadline; the countdown with the labels (fit_label_columns).
        for column, longest in ((NUMBER, "450503103-2026-000000"), (DEADLINE, "2026-12-31 24:00")):
            width = self.fontMetrics().horizontalAdvance(longest) + 16
            self.view.setColumnWidth(column, max(self.view.columnWidth(column), width))
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Right-click on a row (and Ctrl+C in the table): a case's number goes into phone calls,
        # chat messages and paper all day.
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.open_action = self._row_action(self._activate_current)
        self.copy_number_action = self._row_action(self.copy_number, QKeySequence.StandardKey.Copy)
        self.copy_row_action = self._row_action(self.copy_row)
        self.view.installEventFilter(self)  # the table itself takes Ctrl+C for the current cell; the number wins

        # On one row where the queue is wide; where it is narrow (beside the map on a 1366-point laptop) the
        # search box and the count go on to a second row, and the checkboxes to a third if need be.
        bar = WrappingBar()
        # Each list a part of its own: the two whole side by side would ask a narrow queue for more than its search.
        bar.add_part(self.state)
        bar.add_part(self.category)
        bar.add_part(self.overdue, self.supervised)
        bar.add_part(self.text, self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        # A case searched for by number that the filters leave out: said here, the bar having no room.
        self.left_out = QLabel()
        self.left_out.setWordWrap(True)
        self.left_out.hide()
        self._left_out_for = ""  # the number it speaks of: kept in sight while refreshes find nothing again
        layout.addWidget(self.left_out)
        # A case just taken in at this desk that the filters leave out: said, with a link to open it all the same.
        self.not_listed = QLabel()
        self.not_listed.setWordWrap(True)
        self.not_listed.hide()
        self.not_listed.linkActivated.connect(lambda _link: self._open_not_listed())
        self._not_listed: tuple[int, str] | None = None
        layout.addWidget(self.not_listed)
        layout.addWidget(self.view)
        self.retranslate()

        self.state.currentIndexChanged.connect(self.apply_filters)
        self.category.currentIndexChanged.connect(self.apply_filters)
        self.overdue.toggled.connect(self.apply_filters)
        self.supervised.toggled.connect(self.apply_filters)
        self.text.returnPressed.connect(self.apply_filters)
        self.text.textChanged.connect(lambda t: t or self.apply_filters())
        self.view.activated.connect(self._activate_current)  # not on a row whose page is still loading
        self._kept_case: int | None = None
        # A case just taken in at this desk (id, number), chosen once the queue shows it, wherever it falls.
        self._wanted_case: tuple[int, str] | None = None
        self._scroll_to_kept = False
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        model.modelReset.connect(self._show_total)  # the first page is in; its count may still be on its way
        model.refreshed.connect(self._show_total)

    def retranslate(self) -> None:
        # The center's own lists (what waits on it, the triage list, key supervision due) are no
        # liaison's: its queue holds only cases sent to its department, so they would always be empty.
        center = [] if sees_own_share(self.model.actor) else [
            (self.tr("待本中心办理"), _CENTER), (self.tr("待分拨清单(未落网格)"), _UNROUTED), (self.tr("待重点督办"), _KEY)]
        self._fill(self.state, [(self.tr("未办结"), _OPEN), *center, (self.tr("全部状态"), _ALL)]
                   + [self._state_entry(s) for s in CaseState])
        self._fill(self.category, [(self.tr("全部类别"), _ALL)] + [(label(c), c.value) for c in MatterCategory])
        self.overdue.setText(self.tr("只看超期"))
        self.supervised.setText(self.tr("只看督办"))
        self.text.setPlaceholderText(self.tr("编号或标题(Ctrl+Shift+F)"))
        # What a screen reader says for the fields without a caption.
        self.text.setAccessibleName(self.tr("查找案件"))
        self.state.setAccessibleName(self.tr("案件状态"))
        self.category.setAccessibleName(self.tr("类别"))
        self.view.setAccessibleName(self.tr("案件队列"))
        self.open_action.setText(self.tr("打开案件详情"))
        self.copy_number_action.setText(self.tr("复制案件编号"))
        self.copy_row_action.setText(self.tr("复制本行"))
        self.fit_label_columns()
        self._show_total()

    def sizeHint(self) -> QSize:
        """Wide enough for the filters on one row, and for the columns a case is chosen by whole — number, title,
        countdown, state and category: the tree and the roster give way for them (panes.Panes). At 1366×768 a
        liaison's state column, which holds its own part beside the case's, had pushed the category behind the
        scroll bar's edge. (The title keeps its width until the table has room to spare for it to stretch into.)"""
        view = self.view
        chosen_by = sum(self._state_whole if column == STATE else view.columnWidth(column)
                        for column in range(CATEGORY + 1))
        hint = super().sizeHint()
        return QSize(max(hint.width(), chosen_by + self._chrome()), hint.height())

    def least_width(self) -> int:
        """The least width at which the columns a case is chosen by show, the title at TITLE_KEPT and the state
        given way (_state_gives_way): what the queue keeps beside the map (map.panel.open_map)."""
        others = sum(self.view.columnWidth(column) for column in (NUMBER, COUNTDOWN, CATEGORY))
        return others + TITLE_KEPT + self._state_least + self._chrome()

    def _chrome(self) -> int:
        return 2 * self.view.frameWidth() + self.view.verticalScrollBar().sizeHint().width()

    def fit_label_columns(self) -> None:
        """Widen the state and category columns to hold, in the language in use, every open state with its
        supervision order run out ("办理中 · 一般督办 · 督办超期"; in English "Extension requested · key
        supervision (late)", which measuring the handling state alone had cut), for a liaison with its own
        part beside the case's ("本单位延期申请中 · 案件延期申请 · 一般督办 · 督办超期": measured apart, the two
        had left "本单位办理中 · 案件延期申请 · 一…" at 1366×768), and the longest category whole: the English
        labels are far longer than the Chinese ones the default widths were set for. Never narrower than the
        user made them."""
        own_parts = (*ACTIVE_ASSIGNMENT_STATES, AssignmentState.DONE) if self.model.sees_own_share else (None,)
        orders = [level for level in SupervisionLevel if level is not SupervisionLevel.NONE]
        states = [self.model.state_text(case, own, level, supervision_overdue=True)
                  for case in OPEN_CASE_STATES for own in own_parts for level in orders]
        longest = {STATE: states, CATEGORY: [label(c) for c in MatterCategory],
                   COUNTDOWN: self.model.countdown_forms(span_text(WIDEST_SPAN))}
        for column, texts in longest.items():
            width = max(self.view.fontMetrics().horizontalAdvance(t) for t in texts) + 24
            self.view.setColumnWidth(column, max(self.view.columnWidth(column), width))
        self._state_whole = self.view.columnWidth(STATE)
        self._state_least = max(self.view.fontMetrics().horizontalAdvance(self.model.state_text(case))
                                for case in OPEN_CASE_STATES) + 24
        self._state_gives_way()

    def _state_gives_way(self) -> None:
        """Where the queue is narrower than its key columns ask even after the tree and the roster gave way
        (panes.Panes) — in English at 1366×768, a liaison's state column whole ("Ours: Extension pending · case:
        Jurisdiction objection · key supervision (late)") had pushed the category behind the scroll bar — the
        state column narrows, down to a case state's own name, so that the category shows; its text ends in "…"
        and reads whole in its tooltip. It takes its width back as the queue widens."""
        view = self.view
        if not view.isVisible():
            return  # a view not yet shown has no width of its own: it gives way once shown, on its first resize
        others = sum(view.columnWidth(column) for column in (NUMBER, COUNTDOWN, CATEGORY)) + TITLE_KEPT
        width = min(self._state_whole, max(self._state_least, view.viewport().width() - others))
        self._giving_way = True
        view.setColumnWidth(STATE, width)
        self._giving_way = False

    def _resized_by_hand(self, column: int, _old: int, new: int) -> None:
        if column == STATE and not self._giving_way:
            self._state_whole = new  # the user's width is the one given back

    def _state_entry(self, state: CaseState) -> tuple[str, str]:
        """A case state to filter by; for a liaison, one that is a step of its own share too is its share's, named
        as its rows name it (本单位办理中: the cases its department handles, one sent back to it as well)."""
        own = OWN_SHARE_STATES.get(state) if self.model.sees_own_share else None
        return (label(state), state.value) if own is None else (self.model.own_state_text(own), _OWN + own.value)

    @staticmethod
    def _fill(combo: QComboBox, entries: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, value in entries:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def apply_filters(self) -> None:
        self._forget_not_listed()  # the filters the hint spoke of are changed
        state = self.state.currentData()
        groups = {_OPEN: frozenset(OPEN_CASE_STATES), _CENTER: frozenset(OPEN_CASE_STATES),
                  _KEY: frozenset(OPEN_CASE_STATES), _UNROUTED: frozenset({CaseState.RECEIVED}), _ALL: frozenset()}
        own_states = frozenset()
        if state.startswith(_OWN):  # a liaison's own share in that state, whatever the case's
            states, own_states = frozenset(), frozenset({AssignmentState(state.removeprefix(_OWN))})
        else:
            states = groups[state] if state in groups else frozenset({CaseState(state)})  # empty: every state
        category = self.category.currentData()
        categories = frozenset() if category == _ALL else frozenset({MatterCategory(category)})
        self.model.set_filter(self.model.filter.with_(
            states=states, awaiting_center=state == _CENTER, key_supervision_due=state == _KEY,
            unrouted=state == _UNROUTED, own_states=own_states, categories=categories,
            overdue_only=self.overdue.isChecked(), supervised_only=self.supervised.isChecked(),
            text=self.text.text().strip()))

    def set_place(self, code: str | None) -> None:
        self._forget_not_listed()
        self.model.set_filter(self.model.filter.with_(under=code))

    def current_case_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(CASE_ID_ROLE) if index.isValid() else None

    def _row_action(self, slot, shortcut: QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(self.view)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the table's, not the filter box's
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._state_gives_way()  # before the header lays its sections out in the new width
        copy = event.type() == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Copy)
        if watched is self.view and copy:
            self.copy_number()
            return True
        return super().eventFilter(watched, event)

    def _activate_current(self) -> None:
        case_id = self.current_case_id()
        if case_id is not None:
            self.caseActivated.emit(case_id)

    def _current_row_texts(self) -> list[str]:
        """The current row's cells as shown, in the order the user arranged the columns."""
        index = self.view.currentIndex()
        if self.current_case_id() is None:
            return []
        header = self.view.horizontalHeader()
        columns = [header.logicalIndex(visual) for visual in range(header.count())]
        return [index.siblingAtColumn(column).data() or "" for column in columns if not header.isSectionHidden(column)]

    def copy_number(self) -> None:
        if self.current_case_id() is not None:  # a row still loading shows "…", not a number
            QGuiApplication.clipboard().setText(self.view.currentIndex().siblingAtColumn(NUMBER).data())

    def copy_row(self) -> None:
        texts = self._current_row_texts()
        if texts:
            QGuiApplication.clipboard().setText("\t".join(str(text) for text in texts))

    def _keep_sort_indicator(self, column: int, _order) -> None:
        """A column the queue cannot be sorted by (place, department, requester, phone) keeps no arrow:
        it goes back to the order in force, which the rows still follow."""
        if COLUMNS[column].sort is not None:
            return
        f = self.model.filter
        shown = next(i for i, c in enumerate(COLUMNS) if c.sort is f.sort)
        header = self.view.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(shown, Qt.SortOrder.DescendingOrder if f.descending else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    def choose_when_shown(self, case_id: int, number: str) -> None:
        """Choose the case (and scroll to it) when the next refresh holds it: a case just taken in. Past the pages
        loaded (a township's open queue runs to hundreds of rows; an undated case sorts last) its row is looked
        up; a case the filters leave out is said, with a link to open it."""
        self._wanted_case = (case_id, number)
        self._forget_not_listed()

    def _remember_selection(self) -> None:
        wanted = self._wanted_case[0] if self._wanted_case is not None else None
        self._kept_case = wanted if wanted is not None else self.current_case_id()
        self._scroll_to_kept = wanted is not None  # a row the user chose stays where they scrolled it

    def _restore_selection(self) -> None:
        row = self.model.row_of(self._kept_case) if self._kept_case is not None else None
        if row is not None:
            self._choose_row(row, self._scroll_to_kept)
            if self._scroll_to_kept:
                self._wanted_case = None
        elif self._wanted_case is not None:
            wanted = self._wanted_case
            self.model.locate(wanted[0], lambda placed: self._located(wanted, placed))

    def _choose_row(self, row: int, scroll: bool) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if scroll:
            self.view.scrollTo(index)  # its page is fetched as the view paints it

    def _located(self, wanted: tuple[int, str], placed: Placed) -> None:
        if self._wanted_case != wanted:
            return  # another case taken in meanwhile
        self._wanted_case = None
        if self.view.currentIndex().isValid():
            return  # the user chose a row meanwhile: theirs stands
        if placed.row is not None:
            self._choose_row(placed.row, True)
            return
        self._not_listed = wanted
        said = (self.tr("刚受理的案件 %1 在队列的前 %2 行之后;<a href=\"open\">打开该案件</a>").replace(
                    "%2", f"{POSITION_LIMIT:,}") if placed.listed
                else self.tr("刚受理的案件 %1 不符合当前的筛选条件或所选地区,未列在队列中;<a href=\"open\">打开该案件</a>"))
        self.not_listed.setText(said.replace("%1", wanted[1]))
        self.not_listed.show()

    def _open_not_listed(self) -> None:
        if self._not_listed is not None:
            self.caseActivated.emit(self._not_listed[0])

    def _forget_not_listed(self) -> None:
        self.not_listed.hide()
        self._not_listed = None

    def _show_total(self) -> None:
        text = self.tr("已显示 %1 件,正在计数…") if self.model.counting else self.tr("共 %1 件")
        self.total.setText(text.replace("%1", f"{self.model.rowCount():,}"))
        searched = self.model.filter.text
        nothing = not self.model.counting and self.model.rowCount() == 0
        if not (nothing and searched == self._left_out_for):
            self._forget_left_out()
        if nothing and CASE_NUMBER.fullmatch(searched):
            # A caller quoting the number of a case closed or merged: found nothing, without a word why.
            self.model.tasks.submit(state_of_readable, self.model.db, self.model.actor, searched,
                                    on_done=lambda state: self._show_left_out(searched, state),
                                    on_error=logged_only)  # only a hint: the count stands as it is

    def _forget_left_out(self) -> None:
        self.left_out.hide()
        self._left_out_for = ""

    def _show_left_out(self, number: str, state: CaseState | None) -> None:
        """Say that the case searched for is there, and in what state, while the empty result still shows."""
        if self.model.filter.text != number or self.model.rowCount() or self.model.counting:
            return  # searched again, or refreshed meanwhile: that answers for itself
        if state is None:  # gone meanwhile (or never readable): nothing to say
            self._forget_left_out()
            return
        self.left_out.setText(self.tr("案件 %1 为“%2”,不符合当前的筛选条件或所选地区;可选“全部状态”或上级地区后再查找")
                              .replace("%1", number).replace("%2", label(state)))
        self.left_out.show()
        self._left_out_for = number
