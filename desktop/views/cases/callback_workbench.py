"""The callback workbench (Art. 20): the callbacks due, earliest first (overdue ones in red, saying
by how long), and a form for the answer: reached? solved? satisfied (满意/基本满意/不满意)? notes;
an unsatisfied answer is followed by reopening or supervision. Solved and satisfied start unchosen:
the requester's answer is chosen, never a preset taken by a hurried Enter. A requester who left no
phone is called back in person (上门回访): the phone is not offered for them.

The list follows other desks: a callback recorded elsewhere leaves it, the row being answered
stays chosen, and an answer half-filled for a callback that left is cleared, with a word why, so
that it is never recorded against the next requester in the list."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import NotFound
from ...i18n import label
from ...models.base import utcnow
from ...models.enums import CallbackMethod, CallbackOutcome, Satisfaction
from ...services.cases import callbacks
from ...services.cases.results import CallbackInfo
from .. import dialogs
from ..countdown import COUNTDOWN_REDRAW_MS, deadline_text
from ..required_fields import mark_required
from ..reuse import show_again
from ..rows_model import enter_opens
from ..screen_fit import fit_to_screen


OVERDUE = QColor("#c62828")


class CallbackWorkbench(QDialog):
    recorded = Signal(int)  # the case id
    case_chosen = Signal(int)  # a row double-clicked: its case id, to open the case (timeline, shares, result)

    def __init__(self, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self.entries: list[CallbackInfo] = []
        self._answering: int | None = None  # the callback the answer in the form is for
        self._method_for: int | None = None  # the callback the way of calling back was chosen for
        self._callers_for: int | None = None  # the callback the callers offered are for
        self._numbers_for: int | None = None  # the callback whose numbers to dial are asked for, or shown
        self._suggested = False  # the follow-up is the one _suggest_outcome chose, not the operator
        self._saving = False  # a callback sent and not yet answered: pressed again, it would be refused as stale
        self.setWindowTitle(self.tr("回访工作台"))
        fit_to_screen(self, 820, 520)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("应回访时间"), self.tr("案件编号"), self.tr("标题"), self.tr("诉求人"),
                                              self.tr("案件状态")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The title gives way (elided, whole in the case) so that the case's state stays in sight: with the
        # last column stretched, a long title pushed it out of the window.
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the answer, never to the next requester
        self.table.setToolTip(self.tr("双击打开案件详情"))
        self.table.setAccessibleName(self.tr("待回访"))
        self.table.itemDoubleClicked.connect(lambda item: self.case_chosen.emit(self.entries[item.row()].case_id))
        # Enter opens the case as a double-click does (and does not also press 记录回访).
        enter_opens(self.table, lambda index: self.case_chosen.emit(self.entries[index.row()].case_id))
        self.notice = QLabel()  # why an answer being filled in was cleared
        self.notice.setStyleSheet(f"color: {OVERDUE.name()}")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.answer = QLabel()  # what the requester is asked about, for the row chosen
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The numbers to dial, whole, for the row chosen only: the list masks them (Art. 15).
        self.dial = QLabel()
        self.dial.setWordWrap(True)
        self.dial.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reached = QCheckBox(self.tr("已联系上诉求人"))
        self.reached.setChecked(True)
        self.solved = QComboBox()
        self.solved.addItem(self.tr("已解决"), True)
        self.solved.addItem(self.tr("未解决"), False)
        self.satisfaction = QComboBox()
        for level in Satisfaction:
            self.satisfaction.addItem(label(level), level.value)  # Qt keeps str enums as plain str
        for box in (self.solved, self.satisfaction):
            box.setPlaceholderText(self.tr("请选择"))
            box.setCurrentIndex(-1)
            box.currentIndexChanged.connect(self._update_record_button)
        self.method = QComboBox()
        for method in CallbackMethod:
            self.method.addItem(label(method), method.value)
        self.outcome = QComboBox()
        for outcome in CallbackOutcome:
            self.outcome.addItem(label(outcome), outcome.value)
        self.notes = QLineEdit()
        # Who made the call (Art. 20(3): the department's responsible person), typed or chosen; empty: the user.
        self.caller = QComboBox()
        self.caller.setEditable(True)
        self.caller.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.caller.lineEdit().setPlaceholderText(self.tr("本人(%1)").replace("%1", actor.display_name))
        self.record_button = QPushButton(self.tr("记录回访"))
        form = QFormLayout()
        form.addRow(self.tr("回访人"), self.caller)
        form.addRow(self.tr("回访方式"), self.method)
        form.addRow("", self.reached)
        form.addRow(self.tr("是否解决"), self.solved)
        form.addRow(self.tr("满意度"), self.satisfaction)
        form.addRow(self.tr("后续处理"), self.outcome)
        form.addRow(self.tr("回访记录"), self.notes)
        self.form = form
        mark_required(form, self.solved, self.satisfaction)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.dial)
        layout.addWidget(self.answer)
        layout.addLayout(form)
        layout.addWidget(self.record_button)
        self.record_button.setDefault(True)  # once in the dialog, which then knows it as its default
        self.reached.toggled.connect(self._reached_toggled)
        self.reached.toggled.connect(self._update_record_button)
        self.satisfaction.currentIndexChanged.connect(self._suggest_outcome)
        self.solved.currentIndexChanged.connect(self._suggest_outcome)
        self.record_button.clicked.connect(self.record)
        self.outcome.activated.connect(self._outcome_chosen)
        self.outcome.currentIndexChanged.connect(self._update_record_button)
        self.table.itemSelectionChanged.connect(self._offer_outcomes)
        # The time each callback is due counts down while the workbench stays open, as the queue's does.
        self.clock = QTimer(self)
        self.clock.setInterval(COUNTDOWN_REDRAW_MS)
        self.clock.timeout.connect(lambda: self.show_entries(self.entries))
        self.clock.start()
        self.reload()

    def reload(self) -> None:
        self.tasks.submit(callbacks.due_callbacks, self.db, self.actor, on_done=self.show_entries,
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def follow_change(self, topic: str) -> None:
        """A change on this desk or another: a case change may add or remove callbacks due (a closed
        workbench is reloaded when opened again)."""
        if topic == "cases" and self.isVisible():
            self.reload()

    def _chosen(self) -> CallbackInfo | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _answer_begun(self) -> bool:
        return (bool(self.notes.text().strip()) or self.solved.currentIndex() >= 0
                or self.satisfaction.currentIndex() >= 0 or not self.reached.isChecked()
                or self.outcome.currentData() != CallbackOutcome.NONE.value)

    def _clear_answer(self) -> None:
        """The next requester's answer is chosen afresh: a 重办 or 未联系上 left from the last one would
        reopen a satisfied requester's case, or record one reached as not reached."""
        self.notes.clear()
        for box in (self.solved, self.satisfaction):
            box.setCurrentIndex(-1)
        self.reached.setChecked(True)
        self.outcome.setCurrentIndex(self.outcome.findData(CallbackOutcome.NONE.value))
        self._suggested = False

    def show_entries(self, entries: list[CallbackInfo]) -> None:
        chosen = self._chosen()
        if chosen is not None and self._answer_begun() and all(e.id != chosen.id for e in entries):
            self._clear_answer()
            self.notice.setText(self.tr("案件 %1 的回访已由其他值班台记录(或不再需要回访),刚填写的回答未保存,已清空")
                                .replace("%1", chosen.case_number))
            self.notice.show()
        self.entries = entries
        # Rebuilt without signals: a row removed above the chosen one would otherwise move the current
        # row first and read as another requester chosen (clearing the answer being typed).
        self.table.blockSignals(True)
        self.table.setRowCount(len(entries))
        now = utcnow()
        for row, e in enumerate(entries):
            when = deadline_text(e.due_at, now)  # as the case panel counts it
            values = (when, e.case_number, e.case_title, f"{e.requester_name or ''} {e.requester_phone or ''}",
                      label(e.case_state))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if e.due_at < now:
                    item.setForeground(OVERDUE)
                self.table.setItem(row, column, item)
        if entries:  # the row being answered stays chosen
            self.table.selectRow(next((row for row, e in enumerate(entries) if chosen and e.id == chosen.id), 0))
        self.table.blockSignals(False)
        # Another callback may now stand on the chosen row without a selection change: ask about it.
        self._offer_outcomes()
        self._update_record_button()

    def _unhappy(self) -> bool:
        return (self.solved.currentData() is False
                or self.satisfaction.currentData() == Satisfaction.UNSATISFIED.value)

    def _update_record_button(self) -> None:
        """Recorded once the answer is chosen: solved and satisfied, unless the requester was not reached;
        an unsolved or unsatisfied answer with its follow-up (重办 or 督办, Art. 20), which the service
        would otherwise refuse only once pressed."""
        reached = self.reached.isChecked()
        chosen = not reached or (self.solved.currentIndex() >= 0 and self.satisfaction.currentIndex() >= 0)
        unfollowed = reached and self._unhappy() and self.outcome.currentData() == CallbackOutcome.NONE.value
        self.record_button.setEnabled(bool(self.entries) and chosen and not unfollowed and not self._saving)
        self.record_button.setToolTip(self.tr("诉求未解决或诉求人不满意,须在“后续处理”中选择重办或督办(第二十条)")
                                      if chosen and unfollowed else "")

    def _offer_outcomes(self) -> None:
        """Only the follow-ups this user may decide are offered (reopening needs the review's grant,
        supervision the supervisor's; Art. 15, 20); the others stay in the list, greyed out.

        An answer begun for another requester is cleared, with a word why: it is never recorded
        against the requester chosen next."""
        entry = self._chosen()
        if entry is not None and self._answering is not None and entry.id != self._answering and self._answer_begun():
            self._clear_answer()
            self.notice.setText(self.tr("已换到另一件回访(案件 %1),原先填写的回答未保存,已清空")
                                .replace("%1", entry.case_number))
            self.notice.show()
        self._answering = entry.id if entry else None
        self.answer.setText(self._answer_text(entry))
        self._ask_numbers(entry)
        self._offer_methods(entry)
        self._offer_callers(entry)
        allowed = set(entry.outcomes) if entry else set()
        items = self.outcome.model()
        for index in range(self.outcome.count()):
            items.item(index).setEnabled(CallbackOutcome(self.outcome.itemData(index)) in allowed)
        if CallbackOutcome(self.outcome.currentData()) not in allowed:
            self.outcome.setCurrentIndex(self.outcome.findData(CallbackOutcome.NONE.value))

    def _ask_numbers(self, entry: CallbackInfo | None) -> None:
        """The whole numbers of the callback chosen, read (and put on record) for it alone."""
        if entry is not None and entry.id == self._numbers_for:
            return
        self._numbers_for = entry.id if entry else None
        self.dial.clear()
        if entry is not None:
            self.tasks.submit(callbacks.numbers_to_dial, self.db, self.actor, entry.id, on_done=self._show_numbers,
                              on_error=self._numbers_refused)

    def _numbers_refused(self, exc: BaseException) -> None:
        """Made on another desk meanwhile (or no longer to make): said, and the list read again; any other
        failure shown, and the numbers asked again when the row is chosen again."""
        if isinstance(exc, NotFound):
            self.notice.setText(dialogs.for_the_desk(exc.message))
            self.notice.show()
            self.reload()  # the row leaves the list; not asked again meanwhile
        else:
            self._numbers_for = None
            dialogs.show_error(self, exc)

    def _show_numbers(self, entry: CallbackInfo) -> None:
        if entry.id != self._numbers_for:
            return  # another row chosen meanwhile
        parts = [self.tr("拨打:%1").replace("%1", " ".join(part for part in (entry.requester_name,
                                                                            entry.requester_phone) if part))
                 if entry.requester_phone else self.tr("诉求人未留电话,请上门回访")]
        if entry.merged_in:
            parts.append(self.tr("并入本案的重复诉求人,请一并告知:%1").replace(
                "%1", ";".join(" ".join(part for part in person if part) for person in entry.merged_in)))
        self.dial.setText("\n".join(parts))

    def _offer_callers(self, entry: CallbackInfo | None) -> None:
        """The lead department's responsible persons, offered: the department has them call back (Art. 20(3));
        none chosen, as the user at the desk often calls; each requester's callback starts afresh."""
        if entry is not None and entry.id == self._callers_for:
            return
        self._callers_for = entry.id if entry else None
        self.caller.clear()
        self.caller.addItems(list(entry.responsible) if entry else [])
        self.caller.setCurrentIndex(-1)  # chosen when they called: left empty, the call is the user's own
        self.caller.setToolTip(self.tr("承办单位的回访负责人(第二十条);由本人回访的留空") if entry and entry.responsible
                               else self.tr("承办单位未登记回访负责人;由本人回访的留空"))

    def _offer_methods(self, entry: CallbackInfo | None) -> None:
        """By phone where the requester left one; otherwise only in person (Art. 20(3))."""
        phone = self.method.findData(CallbackMethod.PHONE.value)
        dialable = entry is None or bool(entry.requester_phone)
        self.method.model().item(phone).setEnabled(dialable)
        if not dialable:
            self.method.setCurrentIndex(self.method.findData(CallbackMethod.IN_PERSON.value))
        elif entry is not None and entry.id != self._method_for:
            self.method.setCurrentIndex(phone)  # each requester's callback starts by phone
        self._method_for = entry.id if entry else None

    def _answer_text(self, entry: CallbackInfo | None) -> str:
        """The result the requester is asked about (or why the case is on hold, and what they were told)."""
        if entry is None:
            return ""
        if entry.hold_reason:
            text = self.tr("暂缓理由:%1;已向诉求人解释:%2").replace("%1", entry.hold_reason).replace(
                "%2", entry.hold_explanation or self.tr("(未记录)"))
        else:
            text = self.tr("办理结果:%1").replace("%1", entry.resolution or self.tr("(未记录)"))
        if entry.attempt > 1:
            text += "\n" + self.tr("第 %1 次回访:此前 %2 次未联系上诉求人").replace("%1", str(entry.attempt)).replace(
                "%2", str(entry.attempt - 1))
        return text

    def _reached_toggled(self, reached: bool) -> None:
        for widget in (self.solved, self.satisfaction, self.outcome):
            widget.setEnabled(reached)
        mark_required(self.form, self.solved, self.satisfaction, required=reached)  # asked of one reached only

    def _suggest_outcome(self) -> None:
        """Art. 20: an unsolved or unsatisfied answer needs a follow-up; offer reopening. The offer is taken
        back when the answer is corrected to solved and not unsatisfied (a key pressed once too often on
        是否解决 would otherwise reopen a satisfied requester's case); a follow-up the operator chose stays."""
        unhappy = self._unhappy()
        reopen = self.outcome.findData(CallbackOutcome.REOPEN.value)
        if (unhappy and self.outcome.currentData() == CallbackOutcome.NONE.value
                and self.outcome.model().item(reopen).isEnabled()):
            self.outcome.setCurrentIndex(reopen)
            self._suggested = True
        elif not unhappy and self._suggested:
            self.outcome.setCurrentIndex(self.outcome.findData(CallbackOutcome.NONE.value))
            self._suggested = False

    def _outcome_chosen(self) -> None:
        self._suggested = False

    def record(self) -> None:
        entry = self._chosen()
        if entry is None or self._saving:
            return
        reached = self.reached.isChecked()
        self._saving = True
        self._update_record_button()
        self.tasks.submit(
            callbacks.record_callback, self.db, self.actor, callback_id=entry.id, reached=reached,
            solved=self.solved.currentData() if reached else None,
            satisfaction=Satisfaction(self.satisfaction.currentData()) if reached else None,
            notes=self.notes.text().strip(),
            outcome=CallbackOutcome(self.outcome.currentData()) if reached else CallbackOutcome.NONE,
            method=CallbackMethod(self.method.currentData()), caller=self.caller.currentText(),
            on_done=lambda _info: self._recorded(entry.case_id), on_error=self._refused)

    def _refused(self, exc: BaseException) -> None:
        self._saving = False
        self._update_record_button()
        dialogs.show_error(self, exc)

    def _recorded(self, case_id: int) -> None:
        self._saving = False
        self._clear_answer()
        self.notice.hide()
        self.recorded.emit(case_id)
        self.reload()


def open_callback_workbench(window) -> None:
    """Menu 案件 → 回访工作台: one per main window, opened again as it was left, reloaded."""
    def make() -> CallbackWorkbench:
        workbench = CallbackWorkbench(window.db, window.actor, window.tasks, parent=window)
        workbench.recorded.connect(lambda _id: window.bus.changed.emit("cases"))
        window.bus.changed.connect(workbench.follow_change)
        from .case_detail import open_case  # as the queue opens a case
        workbench.case_chosen.connect(lambda case_id: open_case(window, case_id))
        return workbench

    show_again(window.findChild(CallbackWorkbench), make)
