"""The base of the read-only table models that show a list of plain service results."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

from .enter_key import on_enter


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
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.cells(self.rows[index.row()])[index.column()]

    def cells(self, row) -> list:
        raise NotImplementedError


class WholeTextTips(QStyledItemDelegate):
    """A cell's tooltip: the model's own where it gives one, else the cell's whole text where the column
    cuts it short (fit_columns caps long ones), else none: a tooltip repeating what is in view is noise."""

    def helpEvent(self, event, view, option, index) -> bool:
        if event.type() != QEvent.Type.ToolTip or not index.isValid() \
                or index.data(Qt.ItemDataRole.ToolTipRole) is not None:
            return super().helpEvent(event, view, option, index)
        text = self.cut_text(option, index)
        if text:
            QToolTip.showText(event.globalPos(), text, view)
        else:
            QToolTip.hideText()
        return True

    def cut_text(self, option: QStyleOptionViewItem, index: QModelIndex) -> str | None:
        """The cell's text if it is wider than the room the cell gives it, else None."""
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        if not shown.text:
            return None
        style = shown.widget.style() if shown.widget else None
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, shown.widget).width() if style \
            else shown.rect.width()
        # The style's margin either side of the text (QCommonStyle: the focus frame's, plus one).
        margin = (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, shown.widget) + 1) if style else 0
        return shown.text if shown.fontMetrics.horizontalAdvance(shown.text) > room - 2 * margin else None


def rows_table(model: QAbstractTableModel) -> QTableView:
    """A list view of such a model: whole rows, one at a time, the last column stretched, a text the
    column cuts short whole in its tooltip."""
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(WholeTextTips(view))
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    view.setTabKeyNavigation(False)  # Tab leaves the list for the next field or button, as in every form
    return view


def fit_columns(view: QTableView, widest_share: float = 0.4) -> None:
    """Each column but the stretched last as wide as its texts, none wider than `widest_share` of
    the view (a longer text elides there, whole in its tooltip (WholeTextTips), and the column can
    still be widened by hand): at the default width a reason or an item was cut after five characters beside an empty
    last column. A view not shown yet (on a tab behind another) has no width of its own: its
    window's stands for it. Measures every row: for the short lists these views show."""
    view.resizeColumnsToContents()
    width = view.viewport().width() if view.isVisible() else view.window().width()
    widest = max(view.fontMetrics().averageCharWidth() * 24, int(width * widest_share))
    for column in range(view.model().columnCount() - 1):
        view.setColumnWidth(column, min(view.columnWidth(column), widest))


def enter_opens(view: QAbstractItemView, open_row) -> None:
    """Enter calls `open_row(index)` on the current row, as a double-click does, and stops there: a table
    lets Enter go on to its dialog, whose default button it would press as well."""
    def open_current(view: QAbstractItemView) -> bool:
        if not view.currentIndex().isValid():
            return False
        open_row(view.currentIndex())
        return True

    on_enter([view], open_current, owner=view)
