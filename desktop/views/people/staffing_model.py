"""Item model of staffing adequacy per grid (Art. 9(4)); under-staffed grids stand out."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...services.staffing import GridStaffing

_HEADERS = [QT_TRANSLATE_NOOP("StaffingModel", "网格"), QT_TRANSLATE_NOOP("StaffingModel", "代码"),
            QT_TRANSLATE_NOOP("StaffingModel", "应配网格员"), QT_TRANSLATE_NOOP("StaffingModel", "实有网格员"),
            QT_TRANSLATE_NOOP("StaffingModel", "配备情况")]
UNDER_STAFFED = QColor("#F8D7DA")


class StaffingModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[GridStaffing] = []

    def set_rows(self, rows: list[GridStaffing]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(_HEADERS):
            return self.tr(_HEADERS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            status = self.tr("缺 %1 人").replace("%1", str(row.required - row.actual)) if row.under_staffed \
                else self.tr("达标")
            return [row.grid_name, row.grid_code, row.required, row.actual, status][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and row.under_staffed:
            return QBrush(UNDER_STAFFED)
        if role == Qt.ItemDataRole.ToolTipRole and row.under_staffed:
            return self.tr("网格员数量与网格人口、面积、单位数量不匹配(条例第九条)")
        return None

    def under_staffed_rows(self) -> list[int]:
        return [n for n, row in enumerate(self.rows) if row.under_staffed]
