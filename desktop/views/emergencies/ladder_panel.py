"""The Art. 21 reporting ladder of the emergency reports: due times, what is overdue, record a step
(when it was made), mark the situation handled, make the final report, print the bulletin;
correct a report's facts after a follow-up, a rung entered wrong or a handling marked by mistake
(each correction listed under the ladder), and the ladder's settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import Conflict, InvalidTransition, NotFound
from ...i18n import enumeration, label
from ...models.base import utcnow
from ...models.enums import EmergencyState, EmergencyStepKind
from ...services import emergencies, emergency_corrections
from ...services.clock import beijing_text, due_text
from ...services.printing.bulletin import write_bulletin
from ...services.security import Permission
from ..banner import WARNING, Banner
from ..screen_fit import fit_to_screen
from .banner import to_whom
from .. import beijing_time, dialogs, permissions
from ..countdown import deadline_text
from ..save_path import ask_pdf_path
from ..reuse import show_again
from ..row_on_focus import chooses_row_on_focus
from .amend_dialog import AmendFactsDialog
from .ladder_moment import LadderMomentDialog
from .ladder_settings import DutyPhonesDialog, LadderSettingsDialog

OVERDUE = QColor("#c62828")
REDRAW_MS = 30_000  # a rung falls overdue with no change to tell: the table is redrawn against the clock


def _when(moment) -> str:
    return beijing_text(moment, "%m-%d %H:%M", "—")


def _minutes_late(step) -> int:
    """How late a step was made (0 when on time or not yet made)."""
    if step.done_at is None or step.done_at <= step.due_at:
        return 0
    return max(1, round((step.done_at - step.due_at).total_seconds() / 60))


class DutyPhonesNote(Banner):
    """Over the ladder, while the report chosen owes a rung to a level whose duty phone nobody entered: the
    operator sees no number beside it and learns why; the city administrator, who alone enters them
    (emergencies.DUTY_PHONES_PERMISSION), gets the form, anyone else is told to ask them and how it is done."""

    def __init__(self, panel: LadderPanel):
        super().__init__(panel, "DutyPhonesNote", WARNING)
        self.panel = panel
        self.places: list[str] = []
        self.may_enter = emergencies.may_configure_duty_phones(panel.actor)
        self.enter_button = QPushButton()
        self.enter_button.clicked.connect(self.enter_phones)
        self.row.addWidget(self.enter_button)
        self.enter_button.setVisible(self.may_enter)
        self.retranslate()

    def show_for(self, info) -> None:
        self.places = list(info.owed_without_phone().values()) if info else []
        self.retranslate()
        self.setVisible(bool(self.places))

    def retranslate(self) -> None:
        if self.may_enter:
            text = self.tr("%1的值班电话未录入:待报环节旁没有可拨打的号码。值班电话全市统一录入,请录入。")
        else:
            text = self.tr("%1的值班电话未录入:待报环节旁没有可拨打的号码。值班电话由市级管理员全市统一录入"
                           "(菜单“紧急情况 → 报送对象值班电话…”,或命令行 griddesk-admin emergencies phones "
                           "--set 区划代码=电话),请联系市级管理员。")
        self.text.setText(text.replace("%1", enumeration(self.places)))
        self.enter_button.setText(self.tr("录入值班电话…"))

    def enter_phones(self) -> DutyPhonesDialog:
        dialog = DutyPhonesDialog(self.panel.db, self.panel.actor, self.panel.tasks, parent=self.panel)
        dialog.saved.connect(lambda _phones: self.panel.reload())
        dialog.open()
        return dialog


class LadderPanel(QWidget):
    """Pick an open report; its ladder rows show due time, when made and by whom, overdue in red."""

    def __init__(self, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self._undo_reasons: dict[int, str] = {}  # report id → the reason of an undoing refused
        self.setWindowTitle(self.tr("紧急情况报告进度"))
        self.reports = QComboBox()
        self.reports.currentIndexChanged.connect(self._show_current)
        self.show_closed = QCheckBox(self.tr("含已终报的"))
        self.show_closed.toggled.connect(self.reload)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("环节"), self.tr("报送对象"), self.tr("时限"), self.tr("报送时间"), self.tr("报送内容")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to what was reported and the buttons
        chooses_row_on_focus(self.table)  # tabbed into, the rung under the cursor is the one 登记报送 records
        self.table.horizontalHeader().setStretchLastSection(True)
        self.content = QLineEdit()
        self.content.setPlaceholderText(self.tr("报送了什么(如:电话报区应急局值班室)"))
        self.content.returnPressed.connect(self._record_on_enter)
        self.done_at = beijing_time.beijing_field()
        self.done_at.setDisplayFormat("MM-dd HH:mm")
        # What a screen reader says for the fields without a caption.
        self.reports.setAccessibleName(self.tr("紧急情况"))
        self.table.setAccessibleName(self.tr("报告环节"))
        self.content.setAccessibleName(self.tr("报送内容"))
        self.done_at.setAccessibleName(self.tr("报送时间"))
        self.done_at.setToolTip(self.tr("报送时间(北京时间);不改动则按点击“登记报送”的时间登记"))
        self._time_typed = False  # the operator said when it was made; else it is made when recorded
        self.done_at.dateTimeChanged.connect(self._typed)
        self.record_button = QPushButton(self.tr("登记报送"))
        self.record_button.clicked.connect(self.record_selected)
        self.table.itemSelectionChanged.connect(self._step_chosen)
        self.handled_button = QPushButton(self.tr("处置完毕…"))
        self.handled_button.clicked.connect(self.mark_handled)
        self.final_button = QPushButton(self.tr("终报…"))
        self.final_button.clicked.connect(self.make_final_report)
        self.print_button = QPushButton(self.tr("打印信息快报…"))
        self.print_button.clicked.connect(self.print_bulletin)
        self.ack_button = QPushButton(self.tr("确认告警"))
        self.ack_button.clicked.connect(self.acknowledge_current)
        self.amend_button = QPushButton(self.tr("更正/补充事实…"))
        self.amend_button.clicked.connect(self.amend_current)
        self.correct_button = QPushButton(self.tr("更正报送记录…"))
        self.correct_button.clicked.connect(self.correct_selected)
        self.undo_handled_button = QPushButton(self.tr("撤销处置完毕…"))
        self.undo_handled_button.clicked.connect(self.undo_handled)
        self.phones_note = DutyPhonesNote(self)
        self.corrections = QLabel()  # what was corrected, when, by whom and why: the record stays honest
        self.corrections.setWordWrap(True)
        self.corrections.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.settings_button = QPushButton(self.tr("报告时限设置…"))
        self.settings_button.clicked.connect(self.open_settings)
        actions = QHBoxLayout()
        actions.addWidget(self.content, 1)
        actions.addWidget(QLabel(self.tr("报送时间")))
        actions.addWidget(self.done_at)
        actions.addWidget(self.record_button)
        actions.addWidget(self.correct_button)
        chosen = QHBoxLayout()
        chosen.addWidget(self.reports, 1)
        chosen.addWidget(self.show_closed)
        chosen.addWidget(self.settings_button)
        report_actions = QHBoxLayout()
        for button in (self.ack_button, self.amend_button, self.handled_button, self.undo_handled_button,
                       self.final_button, self.print_button):
            report_actions.addWidget(button)
        report_actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(chosen)
        layout.addLayout(report_actions)
        layout.addWidget(self.phones_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.corrections)
        layout.addLayout(actions)
        self._infos: list = []
        self.clock = QTimer(self)
        self.clock.setInterval(REDRAW_MS)
        self.clock.timeout.connect(self._mark_overdue)
        self.clock.start()
        self.reload()

    def follow_change(self, topic: str) -> None:
        if topic == "emergencies":
            self.reload()

    def reload(self) -> None:
        self.tasks.submit(emergencies.list_reports, self.db, self.actor, open_only=not self.show_closed.isChecked(),
                          on_done=self._loaded,
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def _loaded(self, infos: list, keep_id: int | None = None) -> None:
        keep_id = keep_id or (self.current().id if self.current() else None)
        # Open reports first, those late on their ladder first of all; closed ones, when ticked, after them.
        self._infos = emergencies.most_urgent_first(infos, utcnow())
        self.reports.blockSignals(True)
        self.reports.clear()
        for info in self._infos:
            flag = self.tr("【未确认】") if info.acknowledged_at is None else ""
            if info.state is not EmergencyState.OPEN:
                flag += self.tr("【%1】").replace("%1", label(info.state))
            if info.anticipated:
                flag += self.tr("【预警】")
            if late := info.overdue_count():
                flag += self.tr("【超时 %1 项】").replace("%1", str(late))
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
        now = utcnow()
        self.table.setRowCount(len(steps))
        for row, step in enumerate(steps):
            done = _when(step.done_at)
            if late := _minutes_late(step):  # in words too: red alone is lost on a selected row
                done += self.tr("(超时 %1 分钟)").replace("%1", str(late))
            if behind := step.rounds_behind(now):  # rounds fallen due while this one is owed: missed already
                done += self.tr("(又漏报 %1 轮)").replace("%1", str(behind))
            # A rung still owed counts down, so that one falling due in minutes stands out before it is late.
            due = due_text(step.due_at, "%m-%d", "—") if step.done_at else deadline_text(step.due_at, now, "%m-%d")
            content = self.tr("漏报,随此时的续报补报") if step.missed_round else step.content or ""
            cells = [label(step.kind), to_whom(info, step), due, done, content]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, step.id)
                if step.overdue():
                    item.setForeground(QBrush(OVERDUE))
                    item.setToolTip(self.tr("超时"))
                self.table.setItem(row, column, item)
        for column in range(4):  # whole: the countdown "(已逾期 N 分钟)", "(超时 N 分钟)"; the content takes the rest
            self.table.resizeColumnToContents(column)
        self.phones_note.show_for(info)
        # What follow-ups added apart from mistakes put right, as the bulletin tells them to the county and the city.
        lists = [(heading, changes) for heading, changes in (
            (self.tr("续报补充、更新的事实:"), info.facts_supplemented if info else ()),
            (self.tr("更正记录:"), info.mistakes_corrected if info else ())) if changes]
        self.corrections.setText("\n".join(heading + "\n" + "\n".join(
            f"{beijing_text(c.at, '%m-%d %H:%M')} {c.by}:{c.message}" for c in changes) for heading, changes in lists))
        self.corrections.setVisible(bool(lists))
        self._offer_actions()

    def _typed(self) -> None:
        self._time_typed = True

    def _show_now(self) -> None:
        """The time field shows the moment, unless the operator typed one."""
        if not self._time_typed:
            self.done_at.blockSignals(True)
            self.done_at.setDateTime(beijing_time.as_qdatetime())
            self.done_at.blockSignals(False)

    def _mark_overdue(self) -> None:
        """Count the rungs still owed down and redden those fallen overdue since the table was drawn,
        leaving the selection and the time being typed alone."""
        self._show_now()
        info, now = self.current(), utcnow()
        for row, step in enumerate(info.steps if info else ()):
            if step.done_at is None and self.table.item(row, 2) is not None:
                self.table.item(row, 2).setText(deadline_text(step.due_at, now, "%m-%d"))
            if step.overdue(now):  # by the same clock as the countdown beside it
                for column in range(self.table.columnCount()):
                    item = self.table.item(row, column)
                    item.setForeground(QBrush(OVERDUE))
                    item.setToolTip(self.tr("超时"))
        self.table.resizeColumnToContents(2)  # "剩余 5 分钟" became "已逾期 1 小时"

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
        elif step.kind is EmergencyStepKind.FINAL:
            owed = self.tr("终报向各级一并报送:请用“终报…”")
        elif unreported := emergencies.first_reports_owed(info.steps, step):  # the service would refuse it
            owed = (self.tr("续报接续首报:请先登记报%1的%2(《条例》第二十一条)")
                    .replace("%1", label(step.to_level)).replace("%2", enumeration(label(s.kind) for s in unreported)))
        else:
            owed = ""
        permissions.offer(self.record_button, self.actor, Permission.EMERGENCY_REPORT, code, name, reason=owed)
        self.done_at.setEnabled(self.record_button.isEnabled())
        if step is None:
            made = self.tr("请先在表中选择要更正的已报送环节")
        else:  # the service's own words: offered exactly where it would be accepted
            made = emergency_corrections.correction_refusal(info.state, info.steps, step) or ""
        permissions.offer(self.correct_button, self.actor, emergency_corrections.CORRECTION_PERMISSION, code, name,
                          reason=made, action=self.tr("更正报送记录"))
        state = info.state if info else None
        not_open = "" if state is EmergencyState.OPEN else self.tr("只有处置中的报告才能标记处置完毕")
        permissions.offer(self.handled_button, self.actor, Permission.EMERGENCY_REPORT, code, name, reason=not_open)
        not_handled = "" if state is EmergencyState.HANDLED else self.tr("先标记处置完毕,再作终报")
        permissions.offer(self.final_button, self.actor, Permission.EMERGENCY_REPORT, code, name, reason=not_handled)
        permissions.offer(self.undo_handled_button, self.actor, emergency_corrections.CORRECTION_PERMISSION, code, name,
                          reason="" if state is EmergencyState.HANDLED else self.tr("只有已处置、尚未终报的报告可以撤销处置完毕"),
                          action=self.tr("撤销处置完毕"))
        permissions.offer(self.print_button, self.actor, Permission.PRINT, code, name,
                          reason="" if info else self.tr("没有可打印的报告"))
        self._offer_acknowledgement(info)
        if info is None:
            chosen = self.tr("没有未结束的紧急情况报告")
        elif info.state is EmergencyState.CLOSED:
            chosen = self.tr("已终报结束的报告不能更正")
        else:
            chosen = ""
        permissions.offer(self.amend_button, self.actor, Permission.EMERGENCY_REPORT, code, name, reason=chosen)

    def _offer_acknowledgement(self, info) -> None:
        """Only to a shift supervisor of the report's township, who takes note for its duty room (Art. 21)."""
        if info is None or info.acknowledged_at is not None:
            why = self.tr("没有待确认的告警")
        elif self.actor.is_system:  # the acknowledgement names the supervisor who took note (emergencies.acknowledge)
            why = self.tr("紧急情况告警须由值班长以本人账号确认")
        elif not emergencies.may_acknowledge(self.actor, info.township_code):
            why = (self.tr("告警由%1值班室的值班长以本人账号确认(《条例》第二十一条);您不是该乡镇(街道)的值班长")
                   .replace("%1", info.township_name))
        else:
            why = ""
        self.ack_button.setEnabled(not why)
        self.ack_button.setToolTip(why)

    def _step_chosen(self) -> None:
        self._time_typed = False  # another rung: made when recorded, unless the operator says when
        self._show_now()
        self._offer_actions()

    def _replace(self, info) -> None:
        self._loaded([info if i.id == info.id else i for i in self._infos], keep_id=info.id)

    def _record_on_enter(self) -> None:
        """Enter where what was reported is typed records it, as the button would (when it is offered)."""
        if self.record_button.isEnabled():
            self.record_selected()

    def record_selected(self) -> None:
        step = self._selected_step()
        if step is None:
            return
        self.record_button.setEnabled(False)  # once: the answer re-offers it
        self.tasks.submit(emergencies.record_step, self.db, self.actor, step.id, self.content.text(),
                          done_at=beijing_time.moment(self.done_at.dateTime()) if self._time_typed else None,
                          on_done=self._recorded, on_error=self._failed)

    def _recorded(self, info) -> None:
        self.content.clear()
        self._time_typed = False
        self._show_now()  # the time typed for this rung is not the next one's
        self._replace(info)

    def _failed(self, exc: BaseException) -> None:
        self._offer_actions()
        dialogs.show_error(self, exc)
        if isinstance(exc, (Conflict, InvalidTransition, NotFound)):  # changed on another desk: shown as it is now
            self.reload()

    def mark_handled(self) -> LadderMomentDialog | None:
        info = self.current()
        if info is None:
            return None
        send = lambda report, moment, _content: emergencies.mark_handled(  # noqa: E731
            self.db, self.actor, report.id, handled_at=moment, expected_version=report.version)
        dialog = LadderMomentDialog(
            self.db, self.actor, self.tasks, info, self.tr("处置完毕 — %1").replace("%1", info.number),
            lambda _report: self.tr("事态已得到处置:终报时限自处置完毕时起算;此后不再需要的续报不再计时。"),
            self.tr("处置完毕时间"), send, parent=self)
        dialog.sent.connect(self._replace)
        dialog.open()
        return dialog

    def make_final_report(self) -> LadderMomentDialog | None:
        info = self.current()
        if info is None:
            return None
        send = lambda report, moment, content: emergencies.close(self.db, self.actor, report.id, content,  # noqa: E731
                                                                 done_at=moment)
        dialog = LadderMomentDialog(
            self.db, self.actor, self.tasks, info, self.tr("终报 — %1").replace("%1", info.number),
            lambda _report: self.tr("终报向各级一并报送,报告随之结束(《条例》第二十一条)。"),
            self.tr("终报时间"), send, content_label=self.tr("终报内容"), parent=self)
        dialog.sent.connect(lambda _info: self.reload())
        dialog.open()
        return dialog

    def correct_selected(self) -> LadderMomentDialog | None:
        """A rung entered with a wrong time (or text): the time it was made, and why it is corrected."""
        info, step = self.current(), self._selected_step()
        if info is None or step is None or step.done_at is None:
            return None
        send = lambda report, moment, reason: emergency_corrections.correct_step(  # noqa: E731
            self.db, self.actor, step.id, done_at=moment, reason=reason, expected_version=report.version)

        def note(report) -> str:  # the rung as the report holds it: another desk may have corrected it meanwhile
            recorded = next((s for s in report.steps if s.id == step.id), step)
            return (self.tr("%1(报%2)登记的报送时间为 %3。更正后,原记录、更正后的时间和原因都留在报告的更正记录中。")
                    .replace("%1", label(step.kind)).replace("%2", label(step.to_level))
                    .replace("%3", beijing_text(recorded.done_at, "%m-%d %H:%M")))

        dialog = LadderMomentDialog(
            self.db, self.actor, self.tasks, info, self.tr("更正报送记录 — %1").replace("%1", info.number), note,
            self.tr("实际报送时间"), send, content_label=self.tr("更正原因"), parent=self)
        dialog.when.setDateTime(beijing_time.as_qdatetime(step.done_at))
        dialog.sent.connect(self._replace)
        dialog.open()
        return dialog

    def undo_handled(self) -> None:
        info = self.current()
        if info is None:
            return
        reason = dialogs.ask_lines(self, self.tr("撤销处置完毕 — %1").replace("%1", info.number),
                                   self.tr("撤销原因(撤销后续报恢复计时,终报不再计时)"),
                                   self._undo_reasons.pop(info.id, ""))
        if reason is None:  # cancelled: OK takes no blank reason (dialogs.TextDialog), nor does the service
            return
        self._undo_reasons[info.id] = reason  # refused (another desk acknowledged meanwhile): offered again

        def undone(report) -> None:
            self._undo_reasons.pop(report.id, None)
            self._replace(report)

        self.tasks.submit(emergency_corrections.undo_handled, self.db, self.actor, info.id, reason=reason,
                          expected_version=info.version, on_done=undone, on_error=self._failed)

    def print_bulletin(self) -> None:
        info = self.current()
        path = ask_pdf_path(self, self.tr("保存信息快报"), f"信息快报-{info.number}.pdf") if info else None
        if path:
            self.tasks.submit(write_bulletin, self.db, self.actor, info.id, Path(path),
                              on_done=lambda pages: dialogs.information(
                                  self, self.tr("信息快报"),
                                  self.tr("已生成信息快报 %1(%2 页)").replace("%1", path).replace("%2", str(pages))),
                              on_error=lambda exc: dialogs.show_error(self, exc))

    def acknowledge_current(self) -> None:
        info = self.current()
        if info:
            self.tasks.submit(emergencies.acknowledge, self.db, self.actor, info.id, on_done=self._replace,
                              on_error=self._failed)

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


def open_ladder_panel(window) -> LadderPanel:
    """Menu 紧急情况 → 报告进度与告警确认, and the banner's button: the panel already open is brought
    forward (a banner clicked twice had opened a second one)."""
    def make() -> LadderPanel:
        panel = LadderPanel(window.db, window.actor, window.tasks, parent=window)
        panel.setWindowFlag(Qt.WindowType.Window)
        panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a shift opens it often; its clock stops with it
        window.bus.changed.connect(panel.follow_change)  # a slot of the panel: let go when the panel is
        fit_to_screen(panel, 900, 460)
        return panel

    return show_again(window.findChild(LadderPanel), make)
