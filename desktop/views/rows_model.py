"""The base of the read-only table models that show a list of plain service results."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView


class RowsModel(QAbstractTableModel):
    """A read-only table of plain result rows; subclasses name the headers and the cells of a row."""

    HEADERS: list[str] = []

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        cell = self.cells(self.rows[index.row()])[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text where a capped column elides it (fit_columns)
            return cell if isinstance(cell, str) and cell else None
        return cell

    def cells(self, row) -> list:
        raise NotImplementedError


def rows_table(model: QAbstractTableModel) -> QTableView:
    """A list view of such a model: whole rows, one at a time, the last column stretched."""
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, widest_share: float = 0.4) -> None:
    """Each column but the stretched last as wide as its texts, none wider than `widest_share` of
    the view (a longer text elides there, its tooltip whole, and the column can still be widened by
    hand): at the default width a reason or an item was cut after five characters beside an empty
    last column. A view not shown yet (on a tab behind another) has no width of its own: its
    window's stands for it. Measures every row: for the short lists these views show."""
    view.resizeColumnsToContents()
    width = view.viewport().width() if view.isVisible() else view.window().width()
    widest = max(view.fontMetrics().averageCharWidth() * 24, int(width * widest_share))
    for column in range(view.model().columnCount() - 1):
        view.setColumnWidth(column, min(view.columnWidth(column), widest))
