"""Item models of the departments screen: the register, and one department's contacts."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...i18n import label
from ...services.department_contacts import ContactInfo
from ...services.departments import DepartmentInfo
from ..rows_model import RowsModel

RETIRED = QColor("#888888")


class DepartmentsModel(RowsModel):
    """Departments by code; a retired one is greyed."""

    HEADERS = [QT_TRANSLATE_NOOP("DepartmentsModel", "代码"), QT_TRANSLATE_NOOP("DepartmentsModel", "部门名称"),
               QT_TRANSLATE_NOOP("DepartmentsModel", "简称"), QT_TRANSLATE_NOOP("DepartmentsModel", "级别"),
               QT_TRANSLATE_NOOP("DepartmentsModel", "辖区"), QT_TRANSLATE_NOOP("DepartmentsModel", "上级部门"),
               QT_TRANSLATE_NOOP("DepartmentsModel", "办公电话"), QT_TRANSLATE_NOOP("DepartmentsModel", "状态")]

    def cells(self, d: DepartmentInfo) -> list:
        state = self.tr("在用") if d.active else self.tr("已停用")
        return [d.code, d.name, d.short_name, label(d.level), d.place_name, d.parent_name or "—", d.phone or "",
                state]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole and not self.rows[index.row()].active:
            return QBrush(RETIRED)
        return super().data(index, role)


class ContactsModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("ContactsModel", "姓名"), QT_TRANSLATE_NOOP("ContactsModel", "联系电话"),
               QT_TRANSLATE_NOOP("ContactsModel", "职责")]

    def cells(self, c: ContactInfo) -> list:
        duties = [self.tr("回访负责人(条例第二十条)")] if c.responsible else []
        duties += [self.tr("业务指导人员(条例第十三条)")] if c.guidance else []
        return [c.name, c.phone or "", "、".join(duties) or self.tr("联系人")]
