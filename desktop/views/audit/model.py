"""The audit log as a table that fetches its pages as it is scrolled to the end (Art. 15(3)).

A query's first page and its total are read in one task. Its later pages are read up to the
first page's newest entry (AuditFilter.up_to_id): the log grows while it is read — each query
adds its own record — and the rows must not shift between pages. Every page is read off the
GUI thread; the answers to a query replaced meanwhile are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from ...db import Database
from ...i18n import label
from ...models.enums import AuditOutcome
from ...services import audit_actions, audit_log
from ...services.audit_log import AuditFilter, AuditRow
from ...services.clock import beijing_text
from ...services.security import Actor

HEADERS = [QT_TRANSLATE_NOOP("AuditLogModel", "时间"), QT_TRANSLATE_NOOP("AuditLogModel", "用户"),
           QT_TRANSLATE_NOOP("AuditLogModel", "电脑 / 系统用户"), QT_TRANSLATE_NOOP("AuditLogModel", "操作"),
           QT_TRANSLATE_NOOP("AuditLogModel", "对象"), QT_TRANSLATE_NOOP("AuditLogModel", "地点"),
           QT_TRANSLATE_NOOP("AuditLogModel", "结果"), QT_TRANSLATE_NOOP("AuditLogModel", "内容")]
AT, USER, DESKTOP, ACTION, TARGET, PLACE, OUTCOME, MESSAGE = range(len(HEADERS))
OUTCOME_COLOURS = {AuditOutcome.DENIED: QColor("#b35900"), AuditOutcome.FAILED: QColor("#c62828")}


@dataclass(frozen=True)
class FirstPage:
    rows: list[AuditRow]
    total: int
    later_pages: AuditFilter  # the query as its later pages and its count read it


def read_first_page(db: Database, actor: Actor, f: AuditFilter, limit: int) -> FirstPage:
    """Off the GUI thread: the newest entries the filter selects, and how many it selects in all."""
    rows = audit_log.entries(db, actor, f, 0, limit)
    if not rows:
        return FirstPage([], 0, f)
    as_read = f.with_(up_to_id=rows[0].id)
    return FirstPage(rows, audit_log.count(db, actor, as_read), as_read)


def action_text(action: str) -> str:
    """An action as the auditor reads it: its label (audit_actions.LABELS) translated; an unlabelled one by its code."""
    labelled = audit_actions.LABELS.get(action)
    return QCoreApplication.translate("AuditLogModel", labelled) if labelled else action


def actions_shown_as(text: str) -> frozenset[str]:
    """The labelled actions whose label, in the language in use, holds `text` (whatever its case)."""
    wanted = text.casefold()
    return frozenset(action for action in audit_actions.LABELS if wanted in action_text(action).casefold())


def _computer(row: AuditRow) -> str:
    return " / ".join(part for part in (row.desktop, row.os_user) if part)


class AuditLogModel(QAbstractTableModel):
    loaded = Signal()  # a query's first page and total have landed
    failed = Signal(object)  # the exception of a page that could not be read

    def __init__(self, db: Database, actor: Actor, tasks, *, page_size: int = audit_log.PAGE, parent=None):
        super().__init__(parent)
        self.db, self.actor, self.tasks, self.page_size = db, actor, tasks, page_size
        self.rows: list[AuditRow] = []
        self.total = 0
        self._later_pages = AuditFilter()
        self._generation = 0
        self._fetching = False
        self.loading = False  # a query's first page is on its way

    # --- queries and pages -------------------------------------------------------------------
    def query(self, f: AuditFilter) -> None:
        """Read the filter's first page in the background; the rows shown stay until it lands."""
        self._generation += 1
        generation = self._generation
        self._fetching = False
        self.loading = True
        self.tasks.submit(read_first_page, self.db, self.actor, f, self.page_size,
                          on_done=lambda page: self._first_page_landed(generation, page),
                          on_error=lambda exc: self._failed(generation, exc))

    def _first_page_landed(self, generation: int, page: FirstPage) -> None:
        if generation != self._generation:
            return  # an older query answered after a newer one was asked
        self.loading = False
        self.beginResetModel()
        self.rows, self.total, self._later_pages = list(page.rows), page.total, page.later_pages
        self.endResetModel()
        self.loaded.emit()

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._fetching and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        self.tasks.submit(audit_log.entries, self.db, self.actor, self._later_pages, len(self.rows), self.page_size,
                          on_done=lambda rows: self._page_landed(generation, rows),
                          on_error=lambda exc: self._failed(generation, exc))

    def _page_landed(self, generation: int, rows: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if not rows:
            # Entries removed behind the program's back (the chain check says where): the table ends here.
            self.total = len(self.rows)
            self.loaded.emit()
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._fetching = self.loading = False
            self.failed.emit(exc)

    def retranslate(self) -> None:
        """The headers, the actions and the outcomes in the language now in use."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, ACTION), self.index(len(self.rows) - 1, OUTCOME))

    # --- the table ---------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return self.tr(HEADERS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == MESSAGE:
                return row.message or None  # the whole of it, however narrow the column
            if index.column() == PLACE:
                return row.place_code
            if index.column() == ACTION:
                return row.action  # the code, as scripts and the command line name it
        if role == Qt.ItemDataRole.ForegroundRole:
            return OUTCOME_COLOURS.get(row.outcome)
        return None

    def _text(self, row: AuditRow, column: int) -> str:
        if column == AT:
            return beijing_text(row.at, "%Y-%m-%d %H:%M:%S")
        if column == USER:
            return row.actor
        if column == DESKTOP:
            return _computer(row)
        if column == ACTION:
            return action_text(row.action)
        if column == TARGET:
            return row.target or ""
        if column == PLACE:
            return row.place_name or row.place_code or ""
        if column == OUTCOME:
            return label(row.outcome)
        return " ".join(row.message.split())  # on one line; the tooltip keeps its lines
