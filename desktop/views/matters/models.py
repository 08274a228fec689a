"""Item models of the matter list screen: one version's items, and department applications."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...i18n import label
from ...models.enums import RectificationState, ReviewState, TimeLimitUnit
from ...services.clock import beijing_today
from ...services.matter_list import ApplicationInfo, MatterItemInfo, RectificationInfo
from ..rows_model import RowsModel


class MatterItemsModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("MatterItemsModel", "编号"), QT_TRANSLATE_NOOP("MatterItemsModel", "事项名称"),
               QT_TRANSLATE_NOOP("MatterItemsModel", "类别"), QT_TRANSLATE_NOOP("MatterItemsModel", "责任部门"),
               QT_TRANSLATE_NOOP("MatterItemsModel", "业务指导人员"), QT_TRANSLATE_NOOP("MatterItemsModel", "办理时限"),
               QT_TRANSLATE_NOOP("MatterItemsModel", "复杂程度")]

    def cells(self, item: MatterItemInfo) -> list:
        unit = self.tr("小时") if item.draft.time_limit_unit is TimeLimitUnit.HOURS else self.tr("个工作日")
        return [item.draft.code, item.draft.title, label(item.draft.category), item.department,
                item.guidance_contact or "", f"{item.draft.time_limit}{unit}", label(item.draft.complexity)]


class ApplicationsModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("ApplicationsModel", "申请部门"), QT_TRANSLATE_NOOP("ApplicationsModel", "申请"),
               QT_TRANSLATE_NOOP("ApplicationsModel", "事项"), QT_TRANSLATE_NOOP("ApplicationsModel", "理由"),
               QT_TRANSLATE_NOOP("ApplicationsModel", "状态"), QT_TRANSLATE_NOOP("ApplicationsModel", "审核意见")]

    def cells(self, a: ApplicationInfo) -> list:
        return [a.department, label(a.action), f"{a.item_code} {a.item_title}", a.reason, label(a.state),
                a.review_comment or ""]

    def pending(self, row: int) -> bool:
        return self.rows[row].state is ReviewState.PENDING


OVERDUE = QColor("#F8D7DA")


class RectificationsModel(RowsModel):
    """Art. 13(5) notices; an open notice past its deadline is marked."""

    HEADERS = [QT_TRANSLATE_NOOP("RectificationsModel", "部门"), QT_TRANSLATE_NOOP("RectificationsModel", "履职不到位情形"),
               QT_TRANSLATE_NOOP("RectificationsModel", "整改期限"), QT_TRANSLATE_NOOP("RectificationsModel", "状态"),
               QT_TRANSLATE_NOOP("RectificationsModel", "整改情况")]

    def cells(self, r: RectificationInfo) -> list:
        state = self.tr("逾期未整改") if r.overdue(beijing_today()) else label(r.state)
        return [r.department, r.reason, r.due_on.isoformat(), state, r.response or ""]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.BackgroundRole and self.rows[index.row()].overdue(beijing_today()):
            return QBrush(OVERDUE)
        return super().data(index, role)

    def open(self, row: int) -> bool:
        return self.rows[row].state is RectificationState.OPEN
