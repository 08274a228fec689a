"""Item models of the matter list screen: one version's items, and department applications."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...i18n import label
from ...models.enums import RectificationState, ReviewState, TimeLimitUnit
from ...services.clock import beijing_text, beijing_today
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
    """Art. 13(5) notices; an open notice past its deadline is marked. The report column shows the
    department's last report (or why it was returned), its tooltip every report and decision."""

    HEADERS = [QT_TRANSLATE_NOOP("RectificationsModel", "部门"), QT_TRANSLATE_NOOP("RectificationsModel", "履职不到位情形"),
               QT_TRANSLATE_NOOP("RectificationsModel", "整改期限"), QT_TRANSLATE_NOOP("RectificationsModel", "状态"),
               QT_TRANSLATE_NOOP("RectificationsModel", "整改情况")]
    REPORT_COLUMN = 4

    def cells(self, r: RectificationInfo) -> list:
        report = self.tr("退回理由:%1").replace("%1", r.returned_reason) if r.returned_reason else r.latest_report
        return [r.department, r.reason, r.due_on.isoformat(), label(r.standing(beijing_today())), report or ""]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.BackgroundRole and self.rows[index.row()].overdue(beijing_today()):
            return QBrush(OVERDUE)
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole and index.column() == self.REPORT_COLUMN:
            # A notice closed by the institution has no reports: none, and the view shows its response
            # whole where the column cuts it short (rows_model.WholeTextTips).
            return self.history(self.rows[index.row()]) or None
        return super().data(index, role)

    def history(self, r: RectificationInfo) -> str:
        """Each report of the department, as made and as decided."""
        lines = []
        for answer in r.answers:
            made = self.tr("%1 报送(逾期):%2") if answer.late else self.tr("%1 报送:%2")
            lines.append(made.replace("%1", beijing_text(answer.answered_at, "%Y-%m-%d")).replace("%2", answer.report))
            if answer.returned_reason:
                lines.append(self.tr("退回理由:%1").replace("%1", answer.returned_reason))
            elif answer.decided_at:
                lines.append(self.tr("%1 确认整改完毕").replace("%1", beijing_text(answer.decided_at, "%Y-%m-%d")))
        return "\n".join(lines)

    def details(self, r: RectificationInfo) -> str:
        """The notice whole, for reading where its cells are cut short: what was to be rectified, by when,
        where it stands, and each report and decision (or the response the institution recorded)."""
        return "\n".join([
            self.tr("部门:%1").replace("%1", r.department),
            self.tr("履职不到位情形:%1").replace("%1", r.reason),
            self.tr("整改期限:%1 · %2").replace("%1", r.due_on.isoformat()).replace(
                "%2", label(r.standing(beijing_today()))),
            self.tr("整改情况:"),
            self.history(r) or r.response or self.tr("尚未报送"),
        ])

    def notice(self, row: int, state: RectificationState) -> RectificationInfo | None:
        """The notice of a row, if it is in `state`."""
        notice = self.rows[row]
        return notice if notice.state is state else None
