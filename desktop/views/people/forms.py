"""Small forms of the people screen: a leader for an area (Art. 8), a work-log entry (Art. 10)."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...i18n import label
from ...models.enums import LeadershipRole, WorkLogKind
from ...services.clock import BEIJING
from ...services.staff import StaffMember


def _day(edit: QDateEdit) -> date:
    qdate = edit.date()
    return date(qdate.year(), qdate.month(), qdate.day())


class _Form(QDialog):
    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)

    def finish(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)


class LeaderForm(_Form):
    """Who leads or instructs an area, or is a village's chief; the service checks who may name whom."""

    def __init__(self, places: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("确定领导联系"))
        self.place = QComboBox()
        for code, name in places:
            self.place.addItem(f"{name}({code})", code)
        self.role = QComboBox()
        for role in LeadershipRole:
            self.role.addItem(label(role), role.value)  # Qt hands str enums back as plain str
        self.name, self.phone, self.title = QLineEdit(), QLineEdit(), QLineEdit()
        self.form.addRow(self.tr("片区"), self.place)
        self.form.addRow(self.tr("职责"), self.role)
        self.form.addRow(self.tr("姓名"), self.name)
        self.form.addRow(self.tr("手机"), self.phone)
        self.form.addRow(self.tr("职务"), self.title)
        self.form.addRow(self.tr("起始日期"), self.day)
        self.finish()

    def values(self) -> dict:
        return dict(place_code=self.place.currentData(), role=LeadershipRole(self.role.currentData()),
                    name=self.name.text(), phone=self.phone.text() or None, title=self.title.text() or None,
                    start_on=_day(self.day))


class WorkLogForm(_Form):
    """A duty done by a grid head or member in one of their grids."""

    def __init__(self, members: list[StaffMember], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("记录网格工作"))
        self.members = members
        self.member = QComboBox()
        for m in members:
            self.member.addItem(f"{m.name} · {m.grid_name}")
        self.kind = QComboBox()
        for kind in WorkLogKind:
            self.kind.addItem(label(kind), kind.value)
        self.summary = QPlainTextEdit()
        self.form.addRow(self.tr("人员"), self.member)
        self.form.addRow(self.tr("工作"), self.kind)
        self.form.addRow(self.tr("日期"), self.day)
        self.form.addRow(self.tr("情况"), self.summary)
        self.finish()

    def values(self) -> dict:
        member = self.members[self.member.currentIndex()]
        return dict(person_id=member.person_id, grid_code=member.grid_code,
                    kind=WorkLogKind(self.kind.currentData()), summary=self.summary.toPlainText(),
                    occurred_at=datetime.combine(_day(self.day), time(12), BEIJING))
