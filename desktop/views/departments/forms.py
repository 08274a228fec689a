"""Forms of the departments screen: a department, a contact, and the department above."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QWidget,
)

from ...services.departments import DepartmentDraft, DepartmentInfo
from ..form_buttons import ok_cancel
from ..required_fields import mark_required
from ..resubmit import TakesSavedRecord
from ..unsaved import AsksBeforeDiscarding


class DepartmentForm(TakesSavedRecord, AsksBeforeDiscarding, QDialog):
    """A new department (code and territory chosen once), or an existing one's names and phone, sent with
    the version shown (`version`): another desk's change since is refused, and taken for the form to open
    again on."""

    def __init__(self, territories: list[tuple[str, str]], existing: DepartmentInfo | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑联动部门") if existing else self.tr("新增联动部门"))
        self.code, self.name, self.short_name, self.phone = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.code.setPlaceholderText(self.tr("如 450503103-PCS"))
        self.short_name.setPlaceholderText(self.tr("默认同部门名称"))
        self.place = QComboBox()
        for code, name in territories:
            self.place.addItem(name, code)
        if existing is not None:
            self.code.setText(existing.code)
            if self.place.findData(existing.place_code) < 0:
                self.place.addItem(existing.place_name, existing.place_code)
            self.place.setCurrentIndex(self.place.findData(existing.place_code))
            self.show_record(existing)
            self.code.setEnabled(False)  # cases and lists refer to the code; the territory fixes the level
            self.place.setEnabled(False)
        form = QFormLayout(self)
        form.addRow(self.tr("部门代码"), self.code)
        form.addRow(self.tr("辖区(决定部门级别)"), self.place)
        form.addRow(self.tr("部门名称"), self.name)
        form.addRow(self.tr("简称"), self.short_name)
        form.addRow(self.tr("办公电话"), self.phone)
        if existing is None:  # the code is fixed once made
            mark_required(form, self.code)
        else:
            form.addRow(self.note)
        mark_required(form, self.name)
        form.addRow(ok_cancel(self))
        self.resize(460, self.sizeHint().height())

    def fill(self, department: DepartmentInfo, over: dict) -> None:
        self.version = department.version
        held = {"name": department.name, "short_name": department.short_name, "phone": department.phone or ""} | over
        self.name.setText(held["name"])
        self.short_name.setText(held["short_name"])
        self.phone.setText(held["phone"])

    def held(self) -> dict:
        return {"name": self.name.text(), "short_name": self.short_name.text(), "phone": self.phone.text()}

    def captions(self) -> dict:
        return {"name": self.tr("部门名称"), "short_name": self.tr("简称"), "phone": self.tr("办公电话")}

    def values(self) -> tuple[str, str, DepartmentDraft]:
        """(code, territory code, draft) as typed; the service checks them."""
        return (self.code.text(), self.place.currentData(),
                DepartmentDraft(self.name.text(), self.short_name.text(), self.phone.text()))


class ContactForm(AsksBeforeDiscarding, QDialog):
    """A new contact, or (with `roles_of`) only the duties of an existing one."""

    def __init__(self, parent: QWidget | None = None, *, roles_of=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("联系人职责") if roles_of else self.tr("新增联系人"))
        self.name, self.phone = QLineEdit(), QLineEdit()
        self.responsible = QCheckBox(self.tr("回访负责人:回访提出诉求的单位和个人(条例第二十条)"))
        self.guidance = QCheckBox(self.tr("业务指导人员:对清单事项进行业务指导(条例第十三条)"))
        form = QFormLayout(self)
        if roles_of is None:
            form.addRow(self.tr("姓名"), self.name)
            form.addRow(self.tr("联系电话"), self.phone)
            mark_required(form, self.name, self.phone)
        else:
            self.setToolTip(roles_of.name)
            self.responsible.setChecked(roles_of.responsible)
            self.guidance.setChecked(roles_of.guidance)
        form.addRow("", self.responsible)
        form.addRow("", self.guidance)
        form.addRow(ok_cancel(self))

    def values(self) -> dict:
        return {"name": self.name.text(), "phone": self.phone.text(), "guidance": self.guidance.isChecked(),
                "responsible": self.responsible.isChecked()}

    def roles(self) -> dict:
        return {"guidance": self.guidance.isChecked(), "responsible": self.responsible.isChecked()}


def ask_parent(parent: QWidget, department: DepartmentInfo, choices: list[DepartmentInfo]) -> str | None:
    """The code of the department chosen to stand above `department`, "" for none, None if
    cancelled (a function of its own so that tests can answer it)."""
    none = QCoreApplication.translate("ask_parent", "(无上级部门)")
    names = [none] + [f"{c.name}({c.code})" for c in choices]
    current = next((i + 1 for i, c in enumerate(choices) if c.code == department.parent_code), 0)
    text, ok = QInputDialog.getItem(parent, QCoreApplication.translate("ask_parent", "上级部门"),
                                    QCoreApplication.translate("ask_parent", "%1 的上级部门(派遣时优先建议本地下属机构):")
                                    .replace("%1", department.name), names, current, False)
    if not ok:
        return None
    return "" if text == none else choices[names.index(text) - 1].code
