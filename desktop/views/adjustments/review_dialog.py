"""County approval or rejection and city filing (备案) of grid adjustments (Art. 6).

Below the list, the selected adjustment grid by grid (new, changed fields before → after and each
vessel of a roster added, taken off or changed, retired first and marked), so that the approver and
the filer see what they act on; under it, per grid retired, the staff appointed to it and its open
cases, and what the approval does (or did) with them (services.grid_retirement).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import enumeration, label
from ...models.enums import AdjustmentState, PlaceLevel
from ...services import adjustments
from ...services.security import Permission
from .. import dialogs
from ..form_buttons import enter_presses
from ..screen_fit import fit_to_screen
from . import retiring

# (button, service, the state it acts on, the grant it needs: Art. 6 — the county approves or
# rejects, the city files).
_ACTIONS = [(QT_TRANSLATE_NOOP("ReviewDialog", "同意"), adjustments.approve, AdjustmentState.PROPOSED,
             Permission.APPROVE_GRIDS, PlaceLevel.COUNTY),
            (QT_TRANSLATE_NOOP("ReviewDialog", "不同意"), adjustments.reject, AdjustmentState.PROPOSED,
             Permission.APPROVE_GRIDS, PlaceLevel.COUNTY),
            (QT_TRANSLATE_NOOP("ReviewDialog", "备案"), adjustments.file, AdjustmentState.APPROVED,
             Permission.FILE_GRIDS, PlaceLevel.CITY)]

_CHANGE_KINDS = {adjustments.GridChangeKind.NEW: QT_TRANSLATE_NOOP("ReviewDialog", "新增"),
                 adjustments.GridChangeKind.CHANGED: QT_TRANSLATE_NOOP("ReviewDialog", "变更"),
                 adjustments.GridChangeKind.RETIRED: QT_TRANSLATE_NOOP("ReviewDialog", "撤销"),
                 adjustments.GridChangeKind.UNCHANGED: QT_TRANSLATE_NOOP("ReviewDialog", "不变")}
_FIELDS = {"name": QT_TRANSLATE_NOOP("ReviewDialog", "名称"), "short_name": QT_TRANSLATE_NOOP("ReviewDialog", "简称"),
           "kind": QT_TRANSLATE_NOOP("ReviewDialog", "类型"),
           "category": QT_TRANSLATE_NOOP("ReviewDialog", "类别"),
           "managing_unit": QT_TRANSLATE_NOOP("ReviewDialog", "管理单位"),
           "households": QT_TRANSLATE_NOOP("ReviewDialog", "户数"),
           "residents": QT_TRANSLATE_NOOP("ReviewDialog", "人口"), "units": QT_TRANSLATE_NOOP("ReviewDialog", "单位"),
           "village_groups": QT_TRANSLATE_NOOP("ReviewDialog", "村民小组"),
           "staff_quota": QT_TRANSLATE_NOOP("ReviewDialog", "网格员定额"),
           "urban": QT_TRANSLATE_NOOP("ReviewDialog", "城镇"),
           "area_km2": QT_TRANSLATE_NOOP("ReviewDialog", "边界(面积 km²)"),
           "vessels": QT_TRANSLATE_NOOP("ReviewDialog", "船只数")}
_VESSEL_FIELDS = {"name": QT_TRANSLATE_NOOP("ReviewDialog", "船名"), "skipper": QT_TRANSLATE_NOOP("ReviewDialog", "船长"),
                  "phone": QT_TRANSLATE_NOOP("ReviewDialog", "电话")}


class ReviewDialog(QDialog):
    """Adjustments under the selected place; the chosen one is approved, rejected or filed."""

    def __init__(self, window, under: str | None, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.window_, self.under = window, under
        self.setWindowTitle(self.tr("网格调整审核与备案"))
        fit_to_screen(self, 900, 620)
        headers = [self.tr("编号"), self.tr("乡镇(街道)"), self.tr("类型"), self.tr("调整情形"), self.tr("状态"),
                   self.tr("网格数"), self.tr("理由"), self.tr("最后意见")]
        self.table = QTableWidget(0, len(headers))
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.staff_and_cases = QLabel()  # the staff and open cases of each grid retired
        self.staff_and_cases.setWordWrap(True)
        self.changes = QTableWidget(0, 3)
        self.changes.setTabKeyNavigation(False)
        self.changes.setHorizontalHeaderLabels([self.tr("网格"), self.tr("变化"), self.tr("变更前 → 变更后")])
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.horizontalHeader().setStretchLastSection(True)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("审核或备案意见(不同意时必填)"))
        # What a screen reader says for the fields without a caption.
        self.table.setAccessibleName(self.tr("网格调整申请"))
        self.changes.setAccessibleName(self.tr("网格变化"))
        self.comment.setAccessibleName(self.tr("审核或备案意见"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.action_buttons: dict[str, QPushButton] = {}
        for text, action, _state, _permission, _level in _ACTIONS:
            button = self.buttons.addButton(self.tr(text), QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(lambda _=False, a=action: self.decide(a))
            self.action_buttons[text] = button
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.staff_and_cases)
        layout.addWidget(self.comment)
        layout.addWidget(self.buttons)
        # Enter after typing an opinion closed the window and lost it: which decision to take is pressed.
        enter_presses(self, None)
        self.items: list[adjustments.AdjustmentInfo] = []
        self.reload()

    def reload(self) -> None:
        self.window_.tasks.submit(adjustments.list_adjustments, self.window_.db, self.window_.actor,
                                  under=self.under,
                                  on_done=self._show, on_error=lambda exc: dialogs.show_error(self, exc))

    def _show(self, items: list[adjustments.AdjustmentInfo]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for row, info in enumerate(items):
            values = [f"#{info.id}", info.township_name, label(info.kind), label(info.reason),
                      label(info.state), str(info.grid_count), info.reason_text,
                      info.last_opinion]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> adjustments.AdjustmentInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        info = self.selected()
        for text, _, state, permission, level in _ACTIONS:
            self.action_buttons[text].setEnabled(info is not None and info.state is state and
                                                 self.window_.actor.holds_at(permission, info.township_code, level))
        self.changes.setRowCount(0)
        self.summary.clear()
        self.staff_and_cases.clear()
        if info is not None:
            self.window_.tasks.submit(adjustments.changes, self.window_.db, self.window_.actor, info.id,
                                      on_done=lambda changes: self._changes_arrived(info.id, changes),
                                      on_error=lambda exc: dialogs.show_error(self, exc))
            self.window_.tasks.submit(adjustments.retiring, self.window_.db, self.window_.actor, info.id,
                                      on_done=lambda grids: self._retiring_arrived(info.id, grids),
                                      on_error=lambda exc: dialogs.show_error(self, exc))

    def _changes_arrived(self, adjustment_id: int, changes: list[adjustments.GridChange]) -> None:
        """Answers come back from a thread pool in any order: only the selected adjustment's are shown,
        so that nobody approves one proposal looking at another's changes."""
        current = self.selected()
        if current is not None and current.id == adjustment_id:
            self._show_changes(changes)

    def _retiring_arrived(self, adjustment_id: int, grids) -> None:
        """As `_changes_arrived`: shown only for the adjustment still selected."""
        current = self.selected()
        if current is not None and current.id == adjustment_id:
            approved = current.state in (AdjustmentState.APPROVED, AdjustmentState.FILED)
            self.staff_and_cases.setText(retiring.summary(grids, approved))

    def _value(self, value) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return self.tr("是") if value else self.tr("否")
        if isinstance(value, Enum):
            return label(value)
        if isinstance(value, float):
            return f"{value:.4f}"
        return str(value)

    def _show_changes(self, changes: list[adjustments.GridChange]) -> None:
        counts = {kind: sum(c.kind is kind for c in changes) for kind in adjustments.GridChangeKind}
        retired = [f"{c.name}({c.code})" for c in changes if c.kind is adjustments.GridChangeKind.RETIRED]
        text = self.tr("新增 {0} 个、变更 {1} 个、撤销 {2} 个、不变 {3} 个").format(
            *(counts[kind] for kind in adjustments.GridChangeKind))
        if retired:
            text += self.tr(";撤销:{0}").format(enumeration(retired))
        self.summary.setText(text)
        self.changes.setRowCount(len(changes))
        bold = QFont()
        bold.setBold(True)
        for row, change in enumerate(changes):
            details = self.tr(";").join(
                [self.tr("{0} {1} → {2}").format(self.tr(_FIELDS[key]), self._value(before), self._value(after))
                 for key, before, after in change.fields] + [self._vessel_text(vessel) for vessel in change.vessels])
            values = [f"{change.name}({change.code})", self.tr(_CHANGE_KINDS[change.kind]), details]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)  # a long list of changes (a roster's) is cut off with "…" in the cell
                if change.kind is adjustments.GridChangeKind.RETIRED:
                    item.setFont(bold)
                    item.setForeground(QBrush(QColor("#b00020")))
                self.changes.setItem(row, column, item)
        self.changes.resizeColumnsToContents()

    def _vessel_text(self, change) -> str:
        """A vessel of the roster added, taken off, or its details changed (phones as the service shows them)."""
        vessel = change.after or change.before
        if change.before is None:
            return self.tr("新增船只 {0}({1}):船长 {2},电话 {3}").format(
                vessel.registration_no, vessel.name, vessel.skipper, self._value(vessel.phone))
        if change.after is None:
            return self.tr("移出船只 {0}({1})").format(vessel.registration_no, vessel.name)
        return self.tr("船只 {0}:{1}").format(vessel.registration_no, self.tr(",").join(
            self.tr("{0} {1} → {2}").format(self.tr(_VESSEL_FIELDS[key]), self._value(before), self._value(after))
            for key, before, after in change.fields))

    def decide(self, action) -> None:
        info = self.selected()
        if info is None:
            return
        self.window_.tasks.submit(action, self.window_.db, self.window_.actor, info.id, comment=self.comment.text(),
                                  on_done=self._decided, on_error=lambda exc: dialogs.show_error(self, exc))

    def _decided(self, info: adjustments.AdjustmentInfo) -> None:
        self.comment.clear()
        self.window_.bus.changed.emit("places")
        self.reload()


def open_review(window) -> None:
    ReviewDialog(window, window.current_place_code()).open()
