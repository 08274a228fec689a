"""Small forms of the people screen: a grid worker's details (Art. 9, 14), a leader for an area (Art. 8),
a work-log entry (Art. 10), a professional's visit (Art. 11)."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...i18n import label
from ...models.enums import LeadershipRole, PersonStatus, Profession, WorkLogKind
from ...services.clock import BEIJING
from ...services.staff import StaffMember
from ...services.staff_admin import LeadershipPlace
from .. import beijing_time
from ..required_fields import mark_required
from ..resubmit import TakesSavedRecord
from ..unsaved import AsksBeforeDiscarding


class _Form(AsksBeforeDiscarding, QDialog):
    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.day = beijing_time.date_field(beijing_time.today())

    def summary_field(self) -> QPlainTextEdit:
        """The account of the work, left with Tab for the form's buttons rather than typed into."""
        field = QPlainTextEdit()
        field.setTabChangesFocus(True)
        return field

    def finish(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)


class PersonForm(TakesSavedRecord, _Form):
    """A grid worker's name or phone corrected, or their status set (在岗/请假/离岗): the phone is the one
    residents call from the notice board (Art. 14). A phone the user is shown masked is not filled in, and
    is changed only when one is typed. Sent with the version shown: another administrator's change since
    is refused, and taken (`take`) for the form to open again on."""

    def __init__(self, member: StaffMember, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改人员信息"))
        self.person_id = member.person_id
        self.name, self.phone, self.status = QLineEdit(), QLineEdit(), QComboBox()
        for status in PersonStatus:
            self.status.addItem(label(status), status.value)  # Qt hands str enums back as plain str
        self.show_record(member)
        self.form.addRow(self.tr("姓名"), self.name)
        self.form.addRow(self.tr("手机"), self.phone)
        self.form.addRow(self.tr("状态"), self.status)
        self.form.addRow(self.note)
        mark_required(self.form, self.name)
        self.finish()

    def fill(self, member: StaffMember, over: dict) -> None:
        self.version = member.version
        whole = member.phone if member.phone and "*" not in member.phone else ""
        self.phone_shown = bool(whole)  # cleared then, the phone is removed; left empty when masked, it is kept
        self.phone.setPlaceholderText(self.tr("不修改请留空") if not whole else "")
        held = {"name": member.name, "phone": whole, "status": member.status.value} | over
        self.name.setText(held["name"])
        self.phone.setText(held["phone"])
        self.status.setCurrentIndex(self.status.findData(held["status"]))

    def held(self) -> dict:
        return {"name": self.name.text(), "phone": self.phone.text(), "status": self.status.currentData()}

    def captions(self) -> dict:
        return {"name": self.tr("姓名"), "phone": self.tr("手机"), "status": self.tr("状态")}

    def typed(self) -> bool:
        """A status chosen is not lost by one Esc any more than a phone typed."""
        return super().typed() or self.held()["status"] != self._shown["status"]

    def values(self) -> dict:
        phone = self.phone.text() if self.phone_shown else self.phone.text() or None
        return dict(person_id=self.person_id, name=self.name.text(), phone=phone,
                    status=PersonStatus(self.status.currentData()), expected_version=self.version)


class LeaderForm(_Form):
    """Who leads or instructs an area, or is a village's chief: only the places where, and the roles that, this
    user may name (staff_admin.leadership_offer, Art. 8); the service checks again."""

    def __init__(self, places: tuple[LeadershipPlace, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("确定领导联系"))
        self.place = QComboBox()
        for place in places:
            self.place.addItem(f"{place.name}({place.code})", place.code)
        self.roles = {place.code: place.roles for place in places}
        self.role = QComboBox()
        self.place.currentIndexChanged.connect(self._offer_roles)
        self._offer_roles()
        self.name, self.phone, self.title = QLineEdit(), QLineEdit(), QLineEdit()
        self.form.addRow(self.tr("片区"), self.place)
        self.form.addRow(self.tr("职责"), self.role)
        self.form.addRow(self.tr("姓名"), self.name)
        self.form.addRow(self.tr("手机"), self.phone)
        self.form.addRow(self.tr("职务"), self.title)
        self.form.addRow(self.tr("起始日期"), self.day)
        mark_required(self.form, self.name)
        self.finish()

    def _offer_roles(self) -> None:
        """The roles of the place chosen, the one chosen before kept where it is one of them."""
        chosen = self.role.currentData()
        self.role.clear()
        for role in self.roles.get(self.place.currentData(), ()):
            self.role.addItem(label(role), role.value)  # Qt hands str enums back as plain str
        self.role.setCurrentIndex(max(self.role.findData(chosen), 0))

    def values(self) -> dict:
        return dict(place_code=self.place.currentData(), role=LeadershipRole(self.role.currentData()),
                    name=self.name.text(), phone=self.phone.text() or None, title=self.title.text() or None,
                    start_on=beijing_time.day_of(self.day.date()))


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
        self.summary = self.summary_field()
        self.form.addRow(self.tr("人员"), self.member)
        self.form.addRow(self.tr("工作"), self.kind)
        self.form.addRow(self.tr("日期"), self.day)
        self.form.addRow(self.tr("情况"), self.summary)
        mark_required(self.form, self.summary)
        self.finish()

    def values(self) -> dict:
        member = self.members[self.member.currentIndex()]
        return dict(person_id=member.person_id, grid_code=member.grid_code,
                    kind=WorkLogKind(self.kind.currentData()), summary=self.summary.toPlainText(),
                    occurred_at=datetime.combine(beijing_time.day_of(self.day.date()), time(12), BEIJING))


class VisitForm(_Form):
    """A professional entering a grid (Art. 11(2)): one already registered, or registered here."""

    def __init__(self, professionals: list[tuple[int, str]], grids: list[tuple[str, str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("专业人员进网格"))
        self.professional = QComboBox()
        self.professional.addItem(self.tr("(新登记)"), None)
        for professional_id, text in professionals:
            self.professional.addItem(text, professional_id)
        self.name, self.organisation = QLineEdit(), QLineEdit()
        self.profession = QComboBox()
        for profession in Profession:
            self.profession.addItem(label(profession), profession.value)
        self.grid = QComboBox()
        for code, name in grids:
            self.grid.addItem(f"{name}({code})", code)
        self.purpose = QComboBox()
        self.purpose.setEditable(True)
        self.purpose.addItems([self.tr("法治宣传"), self.tr("纠纷化解"), self.tr("便民服务")])
        self.summary = self.summary_field()
        self.professional.currentIndexChanged.connect(self._new_or_known)
        self.form.addRow(self.tr("专业人员"), self.professional)
        self.form.addRow(self.tr("姓名"), self.name)
        self.form.addRow(self.tr("类别"), self.profession)
        self.form.addRow(self.tr("所在单位"), self.organisation)
        self.form.addRow(self.tr("网格"), self.grid)
        self.form.addRow(self.tr("日期"), self.day)
        self.form.addRow(self.tr("事由"), self.purpose)
        self.form.addRow(self.tr("情况"), self.summary)
        mark_required(self.form, self.purpose)
        self._new_or_known()
        self.finish()

    def _new_or_known(self) -> None:
        new = self.professional.currentData() is None
        for widget in (self.name, self.profession, self.organisation):
            widget.setEnabled(new)
        mark_required(self.form, self.name, self.organisation, required=new)  # a new one is registered

    def registration(self) -> dict | None:
        """The new professional's particulars, or None when one already registered was chosen."""
        if self.professional.currentData() is not None:
            return None
        return dict(name=self.name.text(), profession=Profession(self.profession.currentData()),
                    organisation=self.organisation.text())

    def visit(self) -> dict:
        return dict(professional_id=self.professional.currentData(), grid_code=self.grid.currentData(),
                    visited_on=beijing_time.day_of(self.day.date()), purpose=self.purpose.currentText(),
                    summary=self.summary.toPlainText() or None)
