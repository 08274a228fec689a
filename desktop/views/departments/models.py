"""Item models of the departments screen: the register, and one department's contacts."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...i18n import enumeration, label
from ...services.department_contacts import ContactInfo
from ...services.departments import DepartmentInfo
from ..rows_model import RowsModel

RETIRED = QColor("#888888")
UNSIGNED = QColor("#b45309")  # a warning, not an error: the department works, by phone


class DepartmentsModel(RowsModel):
    """Departments by code; a retired one is greyed; an active one without a liaison account says
    that nobody can sign for its cases at a desk (Art. 18(1))."""

    HEADERS = [QT_TRANSLATE_NOOP("DepartmentsModel", "代码"), QT_TRANSLATE_NOOP("DepartmentsModel", "部门名称"),
               QT_TRANSLATE_NOOP("DepartmentsModel", "简称"), QT_TRANSLATE_NOOP("DepartmentsModel", "级别"),
               QT_TRANSLATE_NOOP("DepartmentsModel", "辖区"), QT_TRANSLATE_NOOP("DepartmentsModel", "上级部门"),
               QT_TRANSLATE_NOOP("DepartmentsModel", "办公电话"), QT_TRANSLATE_NOOP("DepartmentsModel", "状态"),
               QT_TRANSLATE_NOOP("DepartmentsModel", "桌面签收")]
    STATE, SIGNING = 7, 8
    SEARCHED = range(STATE)  # the department's own text; the state's and 桌面签收's words are every department's

    def cells(self, d: DepartmentInfo) -> list:
        state = self.tr("在用") if d.active else self.tr("已停用")
        signing = self.tr("有联络员账号") if d.signs_at_desk else self.tr("无联络员账号,须电话通知")
        return [d.code, d.name, d.short_name, label(d.level), d.place_name, d.parent_name or "—", d.phone or "",
                state, signing]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        department = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and not department.active:
            return QBrush(RETIRED)
        unsigned = department.active and not department.signs_at_desk and index.column() == self.SIGNING
        if unsigned and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(UNSIGNED)
        if unsigned and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("该部门没有在用的联络员账号:派给它的案件无人能在桌面签收(条例第十八条),"
                           "派遣后须电话通知。请在“人员 → 用户账号与权限”中为其添加联络员账号。")
        return super().data(index, role)


class ContactsModel(RowsModel):
    HEADERS = [QT_TRANSLATE_NOOP("ContactsModel", "姓名"), QT_TRANSLATE_NOOP("ContactsModel", "联系电话"),
               QT_TRANSLATE_NOOP("ContactsModel", "职责")]

    def cells(self, c: ContactInfo) -> list:
        duties = [self.tr("回访负责人(条例第二十条)")] if c.responsible else []
        duties += [self.tr("业务指导人员(条例第十三条)")] if c.guidance else []
        return [c.name, c.phone or "", enumeration(duties) or self.tr("联系人")]
