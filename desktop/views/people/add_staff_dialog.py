"""Dialog: put a new person into a grid's staff, with role and source (Art. 9)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from ...i18n import label
from ...models.enums import StaffRole, StaffSource
from ...services.staff_admin import ROLE_SOURCES
from .. import beijing_time
from ..required_fields import mark_required
from ..unsaved import AsksBeforeDiscarding


class AddStaffDialog(AsksBeforeDiscarding, QDialog):
    """Collects the fields; the caller runs the service, so errors come back to the caller."""

    def __init__(self, grids: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增网格人员"))
        self.grid = QComboBox()
        for code, name in grids:
            self.grid.addItem(f"{name}({code})", code)
        self.role = QComboBox()
        for role in StaffRole:
            self.role.addItem(label(role), role.value)  # Qt hands str enums back as plain str
        self.source = QComboBox()
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("11 位手机号或 0779-xxxxxxx"))
        self.start = beijing_time.date_field(beijing_time.today())
        self.role.currentIndexChanged.connect(self._sources)
        self._sources()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("网格"), self.grid)
        form.addRow(self.tr("角色"), self.role)
        form.addRow(self.tr("来源"), self.source)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("手机"), self.phone)
        form.addRow(self.tr("起始日期"), self.start)
        mark_required(form, self.name)
        form.addRow(buttons)

    def _sources(self) -> None:
        """Art. 9 names where each role is drawn from: offer only those sources."""
        self.source.clear()
        role = StaffRole(self.role.currentData())
        for source in sorted(ROLE_SOURCES[role], key=lambda s: list(type(s)).index(s)):
            self.source.addItem(label(source), source.value)

    def values(self) -> dict:
        return dict(grid_code=self.grid.currentData(), role=StaffRole(self.role.currentData()),
                    source=StaffSource(self.source.currentData()), name=self.name.text(), phone=self.phone.text() or None,
                    start_on=beijing_time.day_of(self.start.date()))
