"""Form: an item of a draft matter list — one of the eleven categories of Art. 12, its department,
time limit and complexity (SPEC §11 defaults: general 5, complex 15 working days, urgent 24 hours),
new or as an item has it, sent with the version shown (`version`): another administrator's change since
is refused, and taken (`take`) for the form to open again on."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ...i18n import label
from ...models.enums import MatterCategory, MatterComplexity, TimeLimitUnit
from ...services.matter_list import ItemDraft, MatterItemInfo
from ..required_fields import mark_required
from ..resubmit import TakesSavedRecord
from ..unsaved import AsksBeforeDiscarding

DEFAULT_LIMITS = {MatterComplexity.GENERAL: (5, TimeLimitUnit.WORKING_DAYS),
                  MatterComplexity.COMPLEX: (15, TimeLimitUnit.WORKING_DAYS),
                  MatterComplexity.URGENT: (24, TimeLimitUnit.HOURS)}


def _combo(members) -> QComboBox:
    box = QComboBox()
    for member in members:
        box.addItem(label(member), member.value)  # Qt hands str enums back as plain str
    return box


class ItemForm(TakesSavedRecord, AsksBeforeDiscarding, QDialog):
    def __init__(self, departments: list[tuple[int, str]], parent: QWidget | None = None,
                 item: MatterItemInfo | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改事项") if item else self.tr("新增事项"))
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
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.complexity.currentIndexChanged.connect(self._default_limit)
        self._default_limit()
        if item is not None:
            self.show_record(item)
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
        form.addRow(self.tr("说明"), self.description)
        if item is not None:
            form.addRow(self.note)
        mark_required(form, self.code, self.title)  # ItemDraft.problems
        form.addRow(buttons)

    def fill(self, item: MatterItemInfo, over: dict) -> None:
        self.version = item.version
        draft = item.draft
        held = {"code": draft.code, "title": draft.title, "category": draft.category.value,
                "department": item.department_id, "complexity": draft.complexity.value, "limit": draft.time_limit,
                "unit": draft.time_limit_unit.value, "grid_task": draft.grid_staff_task,
                "description": draft.description or ""} | over
        self.code.setText(held["code"])
        self.title.setText(held["title"])
        self.category.setCurrentIndex(self.category.findData(held["category"]))
        if self.department.findData(item.department_id) < 0:  # e.g. retired since: shown, not swapped silently
            self.department.addItem(item.department, item.department_id)
        self.department.setCurrentIndex(self.department.findData(held["department"]))
        self.complexity.setCurrentIndex(self.complexity.findData(held["complexity"]))  # sets a default limit …
        self.limit.setMaximum(max(self.limit.maximum(), held["limit"]))  # an imported limit is kept as it is
        self.limit.setValue(held["limit"])  # … replaced by the one held, as is its unit
        self.unit.setCurrentIndex(self.unit.findData(held["unit"]))
        self.grid_task.setChecked(held["grid_task"])
        self.description.setPlainText(held["description"])

    def held(self) -> dict:
        return {"code": self.code.text(), "title": self.title.text(), "category": self.category.currentData(),
                "department": self.department.currentData(), "complexity": self.complexity.currentData(),
                "limit": self.limit.value(), "unit": self.unit.currentData(), "grid_task": self.grid_task.isChecked(),
                "description": self.description.toPlainText()}

    def captions(self) -> dict:
        return {"code": self.tr("编号"), "title": self.tr("事项名称"), "category": self.tr("类别"),
                "department": self.tr("责任部门"), "complexity": self.tr("复杂程度"), "limit": self.tr("办理时限"),
                "unit": self.tr("时限单位"), "grid_task": self.tr("可要求网格工作人员办理或协助"),
                "description": self.tr("说明")}

    def _default_limit(self) -> None:
        amount, unit = DEFAULT_LIMITS[MatterComplexity(self.complexity.currentData())]
        self.limit.setValue(amount)
        self.unit.setCurrentIndex(self.unit.findData(unit.value))

    def values(self) -> tuple[ItemDraft, int]:
        draft = ItemDraft(code=self.code.text().strip(), title=self.title.text(),
                          category=MatterCategory(self.category.currentData()),
                          complexity=MatterComplexity(self.complexity.currentData()), time_limit=self.limit.value(),
                          time_limit_unit=TimeLimitUnit(self.unit.currentData()),
                          grid_staff_task=self.grid_task.isChecked(),
                          description=self.description.toPlainText().strip() or None)
        return draft, self.department.currentData()
