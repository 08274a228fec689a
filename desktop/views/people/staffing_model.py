"""Item model of staffing adequacy per grid (Art. 9(4)); under-staffed grids stand out."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...services.staffing import GridStaffing
from ..rows_model import RowsModel

UNDER_STAFFED = QColor("#F8D7DA")


class StaffingModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("StaffingModel", "网格"), QT_TRANSLATE_NOOP("StaffingModel", "代码"),
               QT_TRANSLATE_NOOP("StaffingModel", "应配网格员"), QT_TRANSLATE_NOOP("StaffingModel", "实有网格员"),
               QT_TRANSLATE_NOOP("StaffingModel", "配备情况")]

    def cells(self, row: GridStaffing) -> list:
        status = self.tr("缺 %1 人").replace("%1", str(row.required - row.actual)) if row.under_staffed \
            else self.tr("达标")
        return [row.grid_name, row.grid_code, row.required, row.actual, status]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and self.rows[index.row()].under_staffed:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(UNDER_STAFFED)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("网格员数量与网格人口、面积、单位数量不匹配(条例第九条)")
        return super().data(index, role)

    def under_staffed_rows(self) -> list[int]:
        return [n for n, row in enumerate(self.rows) if row.under_staffed]
