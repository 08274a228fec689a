"""The live case queue as a paged table model over services.queue.

Rows are fetched a page at a time when the view asks for them and kept in a small cache.
`refresh()` runs in two steps, each as a task: first the pages the view shows, which are
swapped in at once (no blank flash, no stale mix) — the view paints them before the exact
row count is known; then COUNT(*), whose answer extends (or shortens) the table with
insert/remove rows, so a filter that matches most of a million rows still paints in a few
milliseconds. A page the view scrolls to is fetched as a task too (its rows read "…" until
it lands). Answers to an older refresh are dropped. Filtering and sorting are done by
the database — a QSortFilterProxyModel over a million rows would take seconds. The
countdown column is re-rendered by a timer from the rows already held (no refetch).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from ..db import Database
from ..i18n import label
from ..models.base import utcnow
from ..models.enums import AssignmentRole, AssignmentState, CaseState, SupervisionLevel
from ..services import queue
from ..services.clock import beijing_text, due_text
from ..services.queue import TAKEN_IN, QueueFilter, QueueRow, SortKey
from ..services.security import Actor
from .countdown import span_text

CASE_ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = QColor("#c62828")
NEAR_COLOUR = QColor("#e68a00")
MAX_CACHED_PAGES = 16


@dataclass(frozen=True)
class Column:
    header: str
    sort: SortKey | None = None


COLUMNS = [
    Column(QT_TRANSLATE_NOOP("QueueModel", "编号"), SortKey.NUMBER),
    Column(QT_TRANSLATE_NOOP("QueueModel", "标题"), SortKey.TITLE),
    Column(QT_TRANSLATE_NOOP("QueueModel", "倒计时"), SortKey.DEADLINE),
    Column(QT_TRANSLATE_NOOP("QueueModel", "状态"), SortKey.STATE),
    Column(QT_TRANSLATE_NOOP("QueueModel", "类别"), SortKey.CATEGORY),
    Column(QT_TRANSLATE_NOOP("QueueModel", "地点")),
    Column(QT_TRANSLATE_NOOP("QueueModel", "承办单位")),
    Column(QT_TRANSLATE_NOOP("QueueModel", "诉求人")),
    Column(QT_TRANSLATE_NOOP("QueueModel", "电话")),
    Column(QT_TRANSLATE_NOOP("QueueModel", "受理时间"), SortKey.RECEIVED),
    Column(QT_TRANSLATE_NOOP("QueueModel", "期限"), SortKey.DEADLINE),
]
NUMBER, TITLE, COUNTDOWN, STATE, CATEGORY, PLACE, LEAD, REQUESTER, PHONE, RECEIVED, DEADLINE = range(len(COLUMNS))
# The columns shown as the row has them (the others are worded in QueueModel._text).
_PLAIN_TEXT = {
    NUMBER: lambda r: r.number, CATEGORY: lambda r: label(r.category), PLACE: lambda r: r.place_name,
    LEAD: lambda r: r.lead_department or "", REQUESTER: lambda r: r.requester_name or "",
    PHONE: lambda r: r.requester_phone or "", RECEIVED: lambda r: beijing_text(r.received_at),
    DEADLINE: lambda r: due_text(_due(r)),  # a liaison's own, as its queue is sorted by it
}

# A supervision order as the state column tags it: its label in Chinese, shorter in a language whose
# label would crowd the case's state out of the column ("Handling · General supervision").
_SUPERVISION_TAGS = {SupervisionLevel.GENERAL: QT_TRANSLATE_NOOP("QueueModel", "一般督办"),
                     SupervisionLevel.KEY: QT_TRANSLATE_NOOP("QueueModel", "重点督办")}


def supervision_tag(level: SupervisionLevel) -> str:
    return QCoreApplication.translate("QueueModel", _SUPERVISION_TAGS[level])


def no_clock_reason(state: CaseState) -> str:
    """Why an open case has no running deadline: on hold, waiting for a decision or the center's review, or not
    dispatched."""
    return QCoreApplication.translate("QueueModel", _NO_CLOCK.get(state, NOT_DISPATCHED))


def _due(r: QueueRow) -> datetime | None:
    """The deadline the row counts down: a liaison's own share's, else the case's."""
    return r.own_due_at if r.own_state is not None else r.due_at


# A liaison's share without a running deadline, and why.
OWN_PAUSED = QT_TRANSLATE_NOOP("QueueModel", "待中心决定,暂停计时")
# Reported: a lead's result to the center; a co-handler's to the lead, which reports the whole to the center
# (Art. 18(1)), as the case panel says.
_REPORTED = {AssignmentRole.LEAD: QT_TRANSLATE_NOOP("QueueModel", "已反馈办理结果"),
             AssignmentRole.CO: QT_TRANSLATE_NOOP("QueueModel", "已向主办单位反馈")}
# Which of a liaison's deadlines is counted down, when it is not the handling one.
_OWN_STEPS = {"sign": QT_TRANSLATE_NOOP("QueueModel", "签收 %1"), "contact": QT_TRANSLATE_NOOP("QueueModel", "联系 %1")}
# The countdown of an open case without a running deadline says why.
NOT_DISPATCHED = QT_TRANSLATE_NOOP("QueueModel", "未派遣,未计时")
_NO_CLOCK = {
    CaseState.ON_HOLD: QT_TRANSLATE_NOOP("QueueModel", "暂缓,不计时"),
    CaseState.EXTENSION_PENDING: QT_TRANSLATE_NOOP("QueueModel", "待审批,暂停计时"),
    CaseState.OBJECTION_PENDING: QT_TRANSLATE_NOOP("QueueModel", "待审批,暂停计时"),
    # The lead has fed back its result: the case waits on the center's review (deadlines.sync_case_due).
    CaseState.REPORTED: QT_TRANSLATE_NOOP("QueueModel", "已反馈,待核查"),
    CaseState.UNDER_REVIEW: QT_TRANSLATE_NOOP("QueueModel", "核查中,不计时"),
}


def _load_pages(db: Database, actor: Actor, f: QueueFilter, pages: list[int], size: int, now: datetime):
    """Off the GUI thread: the pages the view was showing, at one moment of the clock."""
    return {p: queue.page(db, actor, f, p * size, size, now=now) for p in pages}


def _rows_known(pages: dict[int, list[QueueRow]], size: int) -> tuple[int, bool]:
    """How many rows the pages prove to exist, and whether that is all of them.

    A full page proves the rows up to its end; a short page ends the table there, unless it
    is empty and the page before it was not fetched (the end is somewhere in between).
    """
    at_least = 0
    for number, rows in sorted(pages.items()):
        if len(rows) < size:
            end = number * size + len(rows)
            return (end, True) if rows or end == at_least else (at_least, False)
        at_least = (number + 1) * size
    return at_least, False


class QueueModel(QAbstractTableModel):
    refreshed = Signal()  # a refresh has landed completely (visible pages and row count are current)
    failed = Signal(object)  # the exception of a refresh that went wrong

    def __init__(self, db: Database, actor: Actor, tasks, *, page_size: int = 200,
                 near_deadline: timedelta = timedelta(hours=24), countdown_interval_ms: int = 30_000,
                 clock: Callable[[], datetime] = utcnow, parent=None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self.sees_own_share = queue.sees_own_share(actor)  # a liaison's rows: its department's part first
        self.page_size = page_size
        self.near_deadline = near_deadline
        self.clock = clock
        self._filter = QueueFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[QueueRow]] = OrderedDict()
        self._generation = 0
        self._asked_at = utcnow()  # the moment the pages of the latest refresh are read at (`refresh`)
        self._fetching: set[int] = set()  # pages asked for since the last refresh, on their way
        self._asking: int | None = None  # the page whose task is being submitted (a synchronous runner answers inside)
        self.loading = False  # the pages of a refresh are on their way
        self.counting = False  # the pages are shown; their exact row count is on its way
        self.timer = QTimer(self)
        self.timer.setInterval(countdown_interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    # --- filter and refresh --------------------------------------------------------------
    @property
    def filter(self) -> QueueFilter:
        return self._filter

    def set_filter(self, f: QueueFilter) -> None:
        if f != self._filter:
            self._filter = f
            self.refresh(keep_pages=False)

    def refresh(self, keep_pages: bool = True) -> None:
        """Re-query in the background; the view keeps its rows until the answer swaps in."""
        self._generation += 1
        self._fetching.clear()
        generation = self._generation
        # The queue's order depends on the time (a sign-for missed moves its case to the top): every page
        # and the count of one refresh are read at the same moment, or rows would repeat or go missing
        # between pages fetched as the view scrolls.
        self._asked_at = utcnow()
        pages = sorted(self._pages) if keep_pages and self._pages else [0]
        self.loading = True
        self.tasks.submit(_load_pages, self.db, self.actor, self._filter, pages, self.page_size, self._asked_at,
                          on_done=lambda result: self._pages_landed(generation, result, keep_pages),
                          on_error=lambda exc: self._failed(generation, exc))

    def _pages_landed(self, generation: int, pages: dict[int, list[QueueRow]], keep_pages: bool) -> None:
        if generation != self._generation:
            return  # an older query answered after a newer one was asked
        shown, complete = _rows_known(pages, self.page_size)
        if not complete and keep_pages:
            shown = max(shown, self._count)  # a live refresh keeps the scroll range until the count says otherwise
        self.loading = False
        self.counting = not complete  # set before the reset: its listeners read it
        self.beginResetModel()
        self._count = shown
        self._pages = OrderedDict((number, rows) for number, rows in sorted(pages.items()) if rows)
        self.endResetModel()
        if complete:
            self.refreshed.emit()
            return
        self.tasks.submit(queue.count, self.db, self.actor, self._filter, now=self._asked_at,
                          on_done=lambda total: self._count_landed(generation, total),
                          on_error=lambda exc: self._failed(generation, exc))

    def _count_landed(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        if total > self._count:
            self.beginInsertRows(QModelIndex(), self._count, total - 1)
            self._count = total
            self.endInsertRows()
        elif total < self._count:
            self.beginRemoveRows(QModelIndex(), total, self._count - 1)
            self._count = total
            last_page = (total - 1) // self.page_size if total else -1
            for number in [n for n in self._pages if n > last_page]:
                del self._pages[number]
            self.endRemoveRows()
        self.counting = False
        self.refreshed.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading = self.counting = False
            self.failed.emit(exc)

    def tick(self) -> None:
        """Redraw the countdown, the deadline colours and the state (督办超期 once an order's deadline
        passes) from the rows held."""
        if self._count:
            for column in (COUNTDOWN, STATE, DEADLINE):
                self.dataChanged.emit(self.index(0, column), self.index(self._count - 1, column),
                                      [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole])

    # --- rows ----------------------------------------------------------------------------
    def row_at(self, row: int) -> QueueRow | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.page_size)
        if number not in self._pages:
            self._fetch_page(number)  # a synchronous runner (tests) has it in the cache at once
        rows = self._pages.get(number)
        if rows is None:
            return None
        self._pages.move_to_end(number)
        return rows[offset] if offset < len(rows) else None

    def _fetch_page(self, number: int) -> None:
        """One indexed LIMIT query for the page the view scrolled to, as a task."""
        if number in self._fetching:
            return
        self._fetching.add(number)
        generation = self._generation
        self._asking = number
        try:
            self.tasks.submit(queue.page, self.db, self.actor, self._filter, number * self.page_size, self.page_size,
                              now=self._asked_at, on_done=lambda rows: self._page_landed(generation, number, rows),
                              on_error=lambda exc: self._failed(generation, exc))
        finally:
            self._asking = None

    def _page_landed(self, generation: int, number: int, rows: list[QueueRow]) -> None:
        if generation != self._generation:
            return  # fetched for a filter or a table that has since been replaced
        self._fetching.discard(number)
        self._pages[number] = rows
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        first, last = number * self.page_size, min((number + 1) * self.page_size, self._count) - 1
        if number != self._asking and first <= last:  # rows the view painted as "…"
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def locate(self, case_id: int, found: Callable[[queue.Placed], None]) -> None:
        """Tell `found` where a case stands in the queue, not only on the pages held (`queue.position`), once
        the rows down to it are counted. Not at all if the queue is refreshed meanwhile (its own reset looks
        again); and a row past the count read before it (a case another desk took in meanwhile sorts above)
        refreshes the queue rather than be told."""
        generation = self._generation
        placed = queue.Placed(listed=False)

        def told() -> None:
            if placed.row is not None and placed.row >= self._count:
                self.refresh()
            else:
                found(placed)

        def counted() -> None:
            self.refreshed.disconnect(counted)
            if generation == self._generation:
                told()

        def landed(at: queue.Placed) -> None:
            nonlocal placed
            if generation != self._generation:
                return
            placed = at
            if placed.row is not None and placed.row >= self._count and self.counting:  # the count is on its way
                self.refreshed.connect(counted)
            else:
                told()

        self.tasks.submit(queue.position, self.db, self.actor, self._filter, case_id, now=self._asked_at,
                          on_done=landed, on_error=lambda exc: self._failed(generation, exc))

    def row_of(self, case_id: int) -> int | None:
        """The row of a case among the pages held (to keep the selection over a refresh)."""
        for number, rows in self._pages.items():
            for offset, r in enumerate(rows):
                if r.id == case_id:
                    return number * self.page_size + offset
        return None

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section].header)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.row_at(index.row())
        column = index.column()
        if r is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and column == NUMBER else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (DEADLINE, COUNTDOWN):
            # Both count a liaison's own next deadline, by which its queue is sorted and called overdue;
            # the countdown also a sign-for the lead department missed.
            return self._deadline_colour(r, self._counted(r)[0] if column == COUNTDOWN else _due(r))
        if role == Qt.ItemDataRole.ToolTipRole and column in (TITLE, COUNTDOWN, STATE, CATEGORY, PLACE, LEAD):
            return self._text(r, column)  # the whole text, where a narrow column cuts it short
        if role == CASE_ID_ROLE:
            return r.id
        if role == ROW_ROLE:
            return r
        return None

    def _text(self, r: QueueRow, column: int) -> str:
        if column == COUNTDOWN:
            return self.countdown_text(r)
        if column == STATE:
            return self.state_text(r.state, self._own_part(r), r.supervision, r.supervision_overdue(self.clock()))
        if column == TITLE:
            return (self.urgent_mark() if r.urgent else "") + r.title
        return _PLAIN_TEXT[column](r)

    def urgent_mark(self) -> str:
        """What an urgent case's title starts with."""
        return self.tr("【急】")

    def _own_part(self, r: QueueRow) -> AssignmentState | None:
        """A liaison's part of the case: its running share's state, or 已完成 on an open case where its share
        has finished (reopened or held after it, or led on by another department) — why the case is in its open
        list, where it has nothing to do (queue.visible_condition: the cases it held a share of, finished too)."""
        if self.sees_own_share and r.own_state is None and r.is_open:
            return AssignmentState.DONE
        return r.own_state

    def own_state_text(self, own_state: AssignmentState) -> str:
        """A liaison's share's state, as its rows and its state filter name it."""
        return self.tr("本单位%1").replace("%1", label(own_state))

    def state_text(self, state: CaseState, own_state: AssignmentState | None = None,
                   supervision: SupervisionLevel = SupervisionLevel.NONE, supervision_overdue: bool = False) -> str:
        """The state column: a liaison reads its own part first (its share's state, the case's beside it
        where it says more), then the supervision order, and 督办超期 past its deadline (Art. 20(1))."""
        if own_state is None:
            text = label(state)
        elif label(own_state) == label(state):
            text = self.own_state_text(own_state)
        else:
            text = self.tr("本单位%1 · 案件%2").replace("%1", label(own_state)).replace("%2", label(state))
        if supervision is not SupervisionLevel.NONE:
            text = f"{text} · {supervision_tag(supervision)}"
        return self.tr("%1 · 督办超期").replace("%1", text) if supervision_overdue else text

    def countdown_text(self, r: QueueRow) -> str:
        """"剩 2天3小时" / "超期 5小时" for open cases with a deadline; for an open case without one,
        why its clock does not run; empty for a finished case. A liaison's row counts its own share's
        next deadline ("签收 剩 7小时" while unsigned)."""
        if not r.is_open:
            return ""
        due, step = self._counted(r)
        if due is None:
            if r.own_state is AssignmentState.REPORTED:
                return self.tr(_REPORTED[r.own_role])
            if r.own_state is not None:
                return self.tr(OWN_PAUSED)
            if r.state in TAKEN_IN:  # what waits on the center shows how long it has waited (Art. 17)
                return self._waited(span_text(self.clock() - r.received_at))
            return no_clock_reason(r.state)
        left = due - self.clock()
        return self._countdown(span_text(left), left < timedelta(0), step)

    def countdown_forms(self, span: str) -> list[str]:
        """Every form a running countdown of `span` takes: left or overdue, of the deadline or of a step. The
        wall's column is as wide as the widest, not as the minute's texts, which change length as they count."""
        return [self._countdown(span, overdue, step) for overdue in (False, True) for step in (None, *_OWN_STEPS)] + [
            self._waited(span)]

    def _waited(self, span: str) -> str:
        return self.tr("未派遣 · 已等 %1").replace("%1", span)

    def _countdown(self, span: str, overdue: bool, step: str | None) -> str:
        text = (self.tr("超期 %1") if overdue else self.tr("剩 %1")).replace("%1", span)
        return self.tr(_OWN_STEPS[step]).replace("%1", text) if step in _OWN_STEPS else text

    def _counted(self, r: QueueRow) -> tuple[datetime | None, str | None]:
        """The deadline the countdown shows and what it is of: a liaison's own share's next one (the case's
        where its share has finished, as its queue is sorted: not another department's sign-for); else
        the sign-for the lead department missed ("签收 超期 …"), else the case's handling deadline."""
        if self.sees_own_share:
            return _due(r), r.own_step
        if r.lead_sign_due_at is not None and r.lead_sign_due_at < self.clock():
            return r.lead_sign_due_at, "sign"
        return r.due_at, None

    def _deadline_colour(self, r: QueueRow, due: datetime | None) -> QColor | None:
        if not r.is_open or due is None:
            return None
        left = due - self.clock()
        if left < timedelta(0):
            return OVERDUE_COLOUR
        return NEAR_COLOUR if left <= self.near_deadline else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        if key is not None:
            self.set_filter(self._filter.with_(sort=key, descending=order == Qt.SortOrder.DescendingOrder))
