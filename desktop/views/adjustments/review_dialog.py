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
from ...services.clock import BEIJING
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
# Why an actor without the grant may not take the step, by the level that takes it (Art. 6).
_WHO_DECIDES = {PlaceLevel.COUNTY: QT_TRANSLATE_NOOP(
                    "ReviewDialog", "网格划分调整由县(区)网格化服务管理机构审核同意或不同意(Art. 6);请由县(区)管理员办理"),
                PlaceLevel.CITY: QT_TRANSLATE_NOOP(
                    "ReviewDialog", "网格划分调整经县(区)同意后报市网格化服务管理机构备案(Art. 6);请由市级管理员办理")}

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
        fit_to_screen(self, 1080, 620)  # wide enough for every column at 1366 × 768
        headers = [self.tr("编号"), self.tr("乡镇(街道)"), self.tr("类型"), self.tr("调整情形"), self.tr("提出时间"),
                   self.tr("提出人"), self.tr("状态"), self.tr("状态日期"), self.tr("网格数"), self.tr("理由"),
                   self.tr("最后意见")]
        self.table = QTableWidget(0, len(headers))
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty_note = QLabel()  # in place of an empty list: what it would hold, for this user
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()
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
        layout.addWidget(self.empty_note)
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
            proposed, last = info.steps[0], info.steps[-1]  # the proposal's step, and the one into its state
            values = [f"#{info.id}", info.township_name, label(info.kind), label(info.reason),
                      proposed.at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"), proposed.actor_name,
                      label(info.state), last.at.astimezone(BEIJING).strftime("%Y-%m-%d"), str(info.grid_count),
                      info.reason_text, info.last_opinion]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                item.setToolTip(value)  # a long reason or opinion is cut off at the column's width
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        # The reason and the last opinion, the last two columns: wide texts would push the table past the screen.
        for column in range(self.table.columnCount() - 2, self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), self._TEXT_WIDTH))
        self.empty_note.setText(self._empty_text())
        self.empty_note.setVisible(not items)
        self._update_buttons()

    _TEXT_WIDTH = 160

    def _empty_text(self) -> str:
        """What the list holds for this user, since there is none of it."""
        actor = self.window_.actor
        if actor.holds_at(Permission.APPROVE_GRIDS, None, PlaceLevel.COUNTY):
            role = self.tr("乡镇(街道)提出的网格划分调整申请列在这里,由您审核同意或不同意(Art. 6)")
        elif actor.holds_at(Permission.FILE_GRIDS, None, PlaceLevel.CITY):
            role = self.tr("县(区)同意的网格划分调整申请列在这里,由您备案(Art. 6)")
        else:
            role = self.tr("本乡镇(街道)提出的网格划分调整申请及其县(区)审核、市级备案的结果列在这里;"
                           "提出申请请用“网格 → 网格划分调整申请”")
        return self.tr("目前没有网格调整申请。") + role

    def selected(self) -> adjustments.AdjustmentInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        info = self.selected()
        for text, _, state, permission, level in _ACTIONS:
            reason = self._why_not(info, state, permission, level)
            self.action_buttons[text].setEnabled(not reason)
            self.action_buttons[text].setToolTip(reason)
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

    def _why_not(self, info: adjustments.AdjustmentInfo | None, state: AdjustmentState, permission: Permission,
                 level: PlaceLevel) -> str:
        """Why the step cannot be taken on the adjustment selected; empty when it can."""
        actor = self.window_.actor
        if not actor.holds_at(permission, info.township_code if info else None, level):
            return self.tr(_WHO_DECIDES[level])
        if info is None:
            return self.tr("请先在上方列表中选择一条申请")
        if info.state is not state:
            return (self.tr("申请 #%1 当前为“%2”,只有“%3”的申请可以办理此步")
                    .replace("%1", str(info.id)).replace("%2", label(info.state)).replace("%3", label(state)))
        return ""

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
            self.tr("{0} 已变更").format(self.tr(_VESSEL_FIELDS[key])) if before == after  # hidden alike (Art. 15)
            else self.tr("{0} {1} → {2}").format(self.tr(_VESSEL_FIELDS[key]), self._value(before), self._value(after))
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
