"""Form: an item of a draft matter list — one of the eleven categories of Art. 12, its department,
time limit and complexity (SPEC §11 defaults: general 5, complex 15 working days, urgent 24 hours)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ...i18n import label
from ...models.enums import MatterCategory, MatterComplexity, TimeLimitUnit
from ...services.matter_list import ItemDraft

DEFAULT_LIMITS = {MatterComplexity.GENERAL: (5, TimeLimitUnit.WORKING_DAYS),
                  MatterComplexity.COMPLEX: (15, TimeLimitUnit.WORKING_DAYS),
                  MatterComplexity.URGENT: (24, TimeLimitUnit.HOURS)}


def _combo(members) -> QComboBox:
    box = QComboBox()
    for member in members:
        box.addItem(label(member), member.value)  # Qt hands str enums back as plain str
    return box


class ItemForm(QDialog):
    def __init__(self, departments: list[tuple[int, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增事项"))
        self.code, self.title = QLineEdit(), QLineEdit()
        self.category = _combo(MatterCategory)
        self.department = QComboBox()
        for department_id, name in departments:
            self.department.addItem(name, department_id)
        self.complexity = _combo(MatterComplexity)
        self.limit = QSpinBox()
        self.limit.setRange(1, 720)
        self.unit = _combo(TimeLimitUnit)
        self.grid_task = QCheckBox(self.tr("可要求网格工作人员办理或协助"))
        self.grid_task.setChecked(True)
        self.complexity.currentIndexChanged.connect(self._default_limit)
        self._default_limit()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("编号"), self.code)
        form.addRow(self.tr("事项名称"), self.title)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("责任部门"), self.department)
        form.addRow(self.tr("复杂程度"), self.complexity)
        form.addRow(self.tr("办理时限"), self.limit)
        form.addRow(self.tr("时限单位"), self.unit)
        form.addRow("", self.grid_task)
        form.addRow(buttons)

    def _default_limit(self) -> None:
        amount, unit = DEFAULT_LIMITS[MatterComplexity(self.complexity.currentData())]
        self.limit.setValue(amount)
        self.unit.setCurrentIndex(self.unit.findData(unit.value))

    def values(self) -> tuple[ItemDraft, int]:
        draft = ItemDraft(code=self.code.text().strip(), title=self.title.text(),
                          category=MatterCategory(self.category.currentData()),
                          complexity=MatterComplexity(self.complexity.currentData()), time_limit=self.limit.value(),
                          time_limit_unit=TimeLimitUnit(self.unit.currentData()),
                          grid_staff_task=self.grid_task.isChecked())
        return draft, self.department.currentData()
