"""The Art. 21 reporting ladder of the open emergency reports: due times, what is overdue, record a step;
correct a report's facts after a follow-up, and the ladder's settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import label
from ...services import emergencies
from ...services.clock import beijing_text
from ...services.security import Permission
from .. import dialogs, permissions
from .amend_dialog import AmendFactsDialog
from .ladder_settings import LadderSettingsDialog

OVERDUE = QColor("#c62828")


def _when(moment) -> str:
    return beijing_text(moment, "%m-%d %H:%M", "—")


def _minutes_late(step) -> int:
    """How late a step was made (0 when on time or not yet made)."""
    if step.done_at is None or step.done_at <= step.due_at:
        return 0
    return max(1, round((step.done_at - step.due_at).total_seconds() / 60))


class LadderPanel(QWidget):
    """Pick an open report; its ladder rows show due time, when made and by whom, overdue in red."""

    def __init__(self, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self.setWindowTitle(self.tr("紧急情况报告进度"))
        self.reports = QComboBox()
        self.reports.currentIndexChanged.connect(self._show_current)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("环节"), self.tr("报送对象"), self.tr("时限"), self.tr("报送时间"), self.tr("报送内容")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.content = QLineEdit()
        self.content.setPlaceholderText(self.tr("报送了什么(如:电话报区应急局值班室)"))
        self.record_button = QPushButton(self.tr("登记报送"))
        self.record_button.clicked.connect(self.record_selected)
        self.table.itemSelectionChanged.connect(self._offer_actions)
        self.ack_button = QPushButton(self.tr("确认告警"))
        self.ack_button.clicked.connect(self.acknowledge_current)
        self.amend_button = QPushButton(self.tr("更正/补充事实…"))
        self.amend_button.clicked.connect(self.amend_current)
        self.settings_button = QPushButton(self.tr("报告时限设置…"))
        self.settings_button.clicked.connect(self.open_settings)
        actions = QHBoxLayout()
        actions.addWidget(self.content, 1)
        actions.addWidget(self.record_button)
        actions.addWidget(self.ack_button)
        chosen = QHBoxLayout()
        chosen.addWidget(self.reports, 1)
        chosen.addWidget(self.amend_button)
        chosen.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.addLayout(chosen)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._infos: list = []
        self.refresh()

    def refresh(self) -> None:
        self.tasks.submit(emergencies.list_reports, self.db, self.actor, open_only=True, on_done=self._loaded,
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def _loaded(self, infos: list, keep_id: int | None = None) -> None:
        keep_id = keep_id or (self.current().id if self.current() else None)
        self._infos = infos
        self.reports.blockSignals(True)
        self.reports.clear()
        for info in infos:
            flag = self.tr("【未确认】") if info.acknowledged_at is None else ""
            self.reports.addItem(f"{flag}{info.number} {label(info.type)} {info.title}", info.id)
        index = self.reports.findData(keep_id) if keep_id else 0
        self.reports.setCurrentIndex(max(index, 0))
        self.reports.blockSignals(False)
        self._show_current()

    def current(self):
        index = self.reports.currentIndex()
        return self._infos[index] if 0 <= index < len(self._infos) else None

    def _show_current(self) -> None:
        info = self.current()
        steps = info.steps if info else ()
        self.table.setRowCount(len(steps))
        for row, step in enumerate(steps):
            done = _when(step.done_at)
            if late := _minutes_late(step):  # in words too: red alone is lost on a selected row
                done += self.tr("(超时 %1 分钟)").replace("%1", str(late))
            cells = [label(step.kind), label(step.to_level), _when(step.due_at), done, step.content or ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, step.id)
                if step.overdue():
                    item.setForeground(QBrush(OVERDUE))
                    item.setToolTip(self.tr("超时"))
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(3)  # room for "(超时 N 分钟)"
        self._offer_actions()

    def _selected_step(self):
        info, row = self.current(), self.table.currentRow()
        selected = info is not None and 0 <= row < len(info.steps) and self.table.item(row, 0).isSelected()
        return info.steps[row] if selected else None

    def _offer_actions(self) -> None:
        """Each button only when it can succeed: permitted in the report's township (Art. 15) and applicable."""
        info, step = self.current(), self._selected_step()
        code, name = (info.township_code, info.township_name) if info else (None, None)
        if step is None:
            owed = self.tr("请先在表中选择要登记的环节")
        elif step.done_at is not None:
            owed = self.tr("该环节已报送")
        else:
            owed = ""
        permissions.offer(self.record_button, self.actor, Permission.EMERGENCY_REPORT, code, name, reason=owed)
        unacknowledged = "" if info and info.acknowledged_at is None else self.tr("没有待确认的告警")
        if self.actor.is_system:  # the acknowledgement names the supervisor who took note (emergencies.acknowledge)
            unacknowledged = self.tr("紧急情况告警须由值班长以本人账号确认")
        permissions.offer(self.ack_button, self.actor, Permission.EMERGENCY_ACK, code, name, reason=unacknowledged)
        chosen = "" if info else self.tr("没有未结束的紧急情况报告")
        permissions.offer(self.amend_button, self.actor, Permission.EMERGENCY_REPORT, code, name, reason=chosen)

    def _replace(self, info) -> None:
        self._loaded([info if i.id == info.id else i for i in self._infos], keep_id=info.id)

    def record_selected(self) -> None:
        step = self._selected_step()
        if step is None:
            return
        self.tasks.submit(emergencies.record_step, self.db, self.actor, step.id, self.content.text(),
                          on_done=lambda info: (self.content.clear(), self._replace(info)),
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def acknowledge_current(self) -> None:
        info = self.current()
        if info:
            self.tasks.submit(emergencies.acknowledge, self.db, self.actor, info.id, on_done=self._replace,
                              on_error=lambda exc: dialogs.show_error(self, exc))

    def amend_current(self) -> AmendFactsDialog | None:
        info = self.current()
        if info is None:
            return None
        dialog = AmendFactsDialog(self.db, self.actor, self.tasks, info, parent=self)
        dialog.amended.connect(self._replace)
        dialog.open()
        return dialog

    def open_settings(self) -> LadderSettingsDialog:
        dialog = LadderSettingsDialog(self.db, self.actor, self.tasks, parent=self)
        dialog.open()
        return dialog


def open_ladder_panel(window) -> None:
    panel = LadderPanel(window.db, window.actor, window.tasks, parent=window)
    panel.setWindowFlag(Qt.WindowType.Window)
    window.bus.changed.connect(lambda topic: topic == "emergencies" and panel.refresh())
    panel.resize(820, 420)
    panel.show()
