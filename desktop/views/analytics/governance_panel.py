"""Key-governance items (Art. 22): detect recurring problems, accept with owner and review date,
close with a note, dismiss with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import label
from ...models.enums import GovernanceState
from ...services import governance
from ...services.clock import beijing_today
from ...services.governance import GovernanceInfo
from ...services.security import Permission
from .. import beijing_time, dialogs
from ..required_fields import mark_required
from ..form_buttons import enter_presses
from ..screen_fit import fit_to_screen
from ..unsaved import AsksBeforeDiscarding


class AcceptDialog(AsksBeforeDiscarding, QDialog):
    """Owner department (chosen by name among those of the item's area and above), responsible person
    and first review date."""

    def __init__(self, parent: QWidget, departments: list[tuple[int, str]]):
        super().__init__(parent)
        self.setWindowTitle(self.tr("立项:责任部门与复核日期"))
        self.department = QComboBox()
        for department_id, name in departments:
            self.department.addItem(name, department_id)
        self.department.setCurrentIndex(-1)  # an owner is chosen, never defaulted
        self.department.setPlaceholderText(self.tr("请选择责任部门"))
        self.owner = QLineEdit()
        self.review_on = beijing_time.date_field(beijing_time.today().addDays(14))
        form = QFormLayout(self)
        form.addRow(self.tr("责任部门"), self.department)
        form.addRow(self.tr("责任人"), self.owner)
        form.addRow(self.tr("复核日期"), self.review_on)
        mark_required(form, self.department)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.department.currentIndexChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        self.ok_button.setEnabled(self.department.currentIndex() >= 0)

    def values(self) -> dict:
        return {"owner_department_id": self.department.currentData(), "owner_name": self.owner.text().strip() or None,
                "review_on": beijing_time.day_of(self.review_on.date())}


class GovernancePanel(QDialog):
    def __init__(self, db, actor, tasks, *, under: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks, self.under = db, actor, tasks, under
        self.items: list[GovernanceInfo] = []
        self.setWindowTitle(self.tr("重点治理事项(第二十二条)"))
        self.table = QTableWidget(0, 10)
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([self.tr("编号"), self.tr("状态"), self.tr("地区"), self.tr("类别"),
                                              self.tr("诉求数"), self.tr("收到时段"), self.tr("中心(经度, 纬度)"),
                                              self.tr("复核日期"), self.tr("责任部门"), self.tr("事项")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # days and centre are never cut
        header.setSectionResizeMode(9, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.setAccessibleName(self.tr("重点治理事项"))  # what a screen reader says for the list
        self.buttons = {}
        row = QHBoxLayout()
        for key, text, slot in (("detect", self.tr("检测反复发生的问题"), self.detect), ("accept", self.tr("立项…"), self.accept_item),
                                ("close", self.tr("销号…"), self.close_item), ("dismiss", self.tr("不予立项…"), self.dismiss_item)):
            self.buttons[key] = QPushButton(text)
            self.buttons[key].clicked.connect(slot)
            row.addWidget(self.buttons[key])
        row.addStretch(1)
        # Every step needs 督办 in the item's place (Art. 22); without it the buttons say why they are off.
        self.may_supervise = actor.can(Permission.SUPERVISE, under)
        if not self.may_supervise:
            for button in self.buttons.values():
                button.setToolTip(self.tr("用户“{0}”没有督办权限:重点治理事项由值班长或管理员检测、立项和办理").format(
                    actor.display_name))
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        enter_presses(self, None)  # Enter anywhere ran the detection
        fit_to_screen(self, 1100, 600)
        self._enable()

    def selected(self) -> GovernanceInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _enable(self) -> None:
        item = self.selected()
        state = item.state if item and self.may_supervise else None
        self.buttons["detect"].setEnabled(self.may_supervise)
        self.buttons["accept"].setEnabled(state is GovernanceState.PROPOSED)
        self.buttons["dismiss"].setEnabled(state is GovernanceState.PROPOSED)
        self.buttons["close"].setEnabled(state is GovernanceState.ACCEPTED)

    def reload(self) -> None:
        self.tasks.submit(governance.list_items, self.db, self.actor, under=self.under, on_done=self.show_items,
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def show_items(self, items: list[GovernanceInfo]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        today = beijing_today()
        for r, item in enumerate(items):
            review = item.review_on.isoformat() if item.review_on else ""
            if item.review_due(today):
                review += self.tr("(到期)")
            window = item.window_dates()
            days = self.tr("{0} 至 {1}").format(*window) if window else ""
            centre = f"{item.center_lon:.5f}, {item.center_lat:.5f}" if item.center_lon is not None else ""
            cells = [str(item.id), label(item.state), item.place_name, label(item.category), str(len(item.case_ids)),
                     days, centre, review, item.owner_department_name or "", item.title]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item.description)  # where the cases are, grid by grid
                self.table.setItem(r, c, cell)
        self.status.setText(self.tr("共 {0} 项").format(len(items)))
        self._enable()

    def _run(self, fn, *args, **kwargs) -> None:
        self.tasks.submit(fn, self.db, self.actor, *args, **kwargs, on_done=lambda _: self.reload(),
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def detect(self) -> None:
        self._run(governance.propose_recurring, under=self.under)

    def accept_item(self) -> None:
        item = self.selected()
        if item:
            self.tasks.submit(governance.owner_departments, self.db, self.actor, item.id,
                              on_done=lambda departments: self._accept(item, departments),
                              on_error=lambda exc: dialogs.show_error(self, exc))

    def _accept(self, item: GovernanceInfo, departments: list[tuple[int, str]]) -> None:
        dialog = AcceptDialog(self, departments)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(governance.accept, item.id, **dialog.values())

    def close_item(self) -> None:
        note = dialogs.ask_lines(self, self.tr("销号"), self.tr("治理情况:"))
        if note is not None and self.selected():
            self._run(governance.close, self.selected().id, note)

    def dismiss_item(self) -> None:
        reason, ok = QInputDialog.getText(self, self.tr("不予立项"), self.tr("理由:"))
        if ok and self.selected():
            self._run(governance.dismiss, self.selected().id, reason)


def open_governance(window) -> None:
    panel = GovernancePanel(window.db, window.actor, window.tasks, under=window.current_place_code(), parent=window)
    panel.show()
    panel.reload()
