"""The case panel: particulars, the departments' shares with their clocks, the timeline, and a
button for each action the current user may take in the case's current state.

Every action sends the version the user is looking at; if someone else saved in between,
the service refuses with "changed by X at T — reload" and the panel reloads. A department's step
on its own share also sends the newest event shown and the share as shown: only a change that
concerns that share refuses it, not another department's step or the center's supervision order
(Art. 18); the panel then reloads showing those too. A change another
desktop makes to the case reloads the panel at once (and says so), except while the user is
answering an action's questions: the action then goes with the version it was decided on.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import label
from ...errors import Conflict, PermissionDenied, ValidationFailed
from ...models.base import utcnow
from ...models.enums import (
    AssignmentRole, AssignmentState, CallbackState, CaseState, SupervisionLevel, TimeLimitUnit,
)
from ...services.cases import (
    department, dispatch, duplicates, hold, intake, onspot_escalation, queries, review, supervision,
)
from ...services.cases.common import ACTION_LABELS, LEVEL_ORDER
from ...services.cases.deadlines import Limit
from ...services.cases.results import AssignmentInfo, CaseDetail, EventInfo
from ...services.clock import beijing_text, beijing_today, deadline_day, due_text, end_of_day
from .. import beijing_time, dialogs
from ..countdown import COUNTDOWN_REDRAW_MS, deadline_text
from ..queue_model import OVERDUE_COLOUR, no_clock_reason
from ..screen_fit import fit_to_screen
from .dispatch_dialog import DispatchDialog


_FINISHED = (AssignmentState.DONE, AssignmentState.WITHDRAWN)
# The header's line on a liaison's own share: which of its deadlines runs next (AssignmentInfo.next_deadline).
_OWN_DEADLINES = {"sign": QT_TRANSLATE_NOOP("CaseDetailDialog", "本单位签收期限:"),
                  "contact": QT_TRANSLATE_NOOP("CaseDetailDialog", "本单位联系期限:"),
                  "handle": QT_TRANSLATE_NOOP("CaseDetailDialog", "本单位办理期限:")}
# A co-handler's result goes to the lead department, which feeds the whole back to the center and the requester
# (Art. 18(1)): its step says so, where the lead's words (反馈办理结果, 办理结果) had read as a result sent to the center.
_CO_HANDLER_STEPS = {"report_result": QT_TRANSLATE_NOOP("CaseDetailDialog", "向主办单位报送结果")}
_CO_HANDLER_RESULT = QT_TRANSLATE_NOOP("CaseDetailDialog",
                                       "报送主办单位的办理结果(由主办单位汇总后反馈网格化服务管理机构和诉求人)")


# The steps a case waits for, most pressing first: the panel opens on the first of them the user may take now (a
# registered case on 派遣, not on 合并; an extension asked for on 审批延期, not on 增加协办单位).
_STEPS_DUE = ("decide_objection", "decide_extension", "review", "route", "dispatch", "sign", "contact", "report_result")


def _step_due(actions: dict[str, object], not_yet: dict[str, str]) -> str:
    """Of the actions shown, the one the case waits for, else the first."""
    return next((action for action in _STEPS_DUE if action in actions and action not in not_yet), next(iter(actions)))


def _own_share(detail: CaseDetail) -> AssignmentInfo | None:
    """The current user's department's active share of the case, if any."""
    return next((a for a in detail.assignments if a.id == detail.own_assignment_id), None)


# --- questions to the user (tests patch these) ----------------------------------------------------

def _merge_into_number(db, actor, *, into_number: str, **kwargs):
    """Off the GUI thread: find the case that goes on by its number, then merge into it."""
    return duplicates.merge(db, actor, into_case_id=queries.case_id_by_number(db, actor, into_number), **kwargs)


def ask_text(parent, title: str, label: str, typed: str = "") -> str | None:
    return dialogs.ask_lines(parent, title, label, typed)


def ask_int(parent, title: str, label: str, maximum: int) -> int | None:
    value, ok = QInputDialog.getInt(parent, title, label, 1, 1, maximum)
    return value if ok else None


def ask_item(parent, title: str, label: str, items: list[str]) -> int | None:
    text, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(text) if ok else None


def ask_choice(parent, title: str, label: str, choices: dict[str, str]) -> str | None:
    """One of `choices` (shown text → value) or a value typed that is not listed (a grid code, a case
    number); None when cancelled or left empty. The field starts empty — Enter alone never takes the
    first entry — and typing any part of an entry (a name, digits of a code) lists the entries holding it."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(list(choices))
    dialog.setComboBoxEditable(True)
    dialog.setTextValue("")
    combo = dialog.findChild(QComboBox)
    combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
    combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    if not dialog.exec():
        return None
    text = dialog.textValue().strip()
    return choices.get(text) or text or None


def _one_named(names: list[tuple[str, str]], typed: str) -> str | None:
    """The value of the one entry of `names` ((name, value), names may repeat: 第一网格 of two villages) a
    typed name stands for: its whole name (东街网格 beside 新东街网格), else the one name holding it; None
    where none or several hold it."""
    wanted = typed.casefold()
    for candidates in ([v for n, v in names if n.casefold() == wanted],
                       [v for n, v in names if wanted in n.casefold()]):
        if candidates:
            return candidates[0] if len(candidates) == 1 else None
    return None


def _answered(parent, title: str, label: str, edit: QWidget) -> bool:
    """Ask `label` with `edit` for the answer; False when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    caption = QLabel(label)
    caption.setBuddy(edit)  # a screen reader names the field by the question
    form.addRow(caption)
    form.addRow(edit)
    form.addRow(buttons)
    return bool(dialog.exec())


def ask_due_date(parent, title: str, label: str, default: date) -> date | None:
    """A deadline's last day (from today on), starting at `default`; None when cancelled."""
    edit = beijing_time.date_field(beijing_time.as_qdate(default))
    edit.setMinimumDate(beijing_time.as_qdate(beijing_today()))
    return edit.date().toPython() if _answered(parent, title, label, edit) else None


def ask_due_moment(parent, title: str, label: str, default: datetime) -> datetime | None:
    """A deadline at a time of day (Beijing time, from now on, to the minute), starting at `default`;
    None when cancelled."""
    edit = beijing_time.beijing_field(default.replace(second=0, microsecond=0))
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    edit.setMinimumDateTime(beijing_time.as_qdatetime())
    return beijing_time.moment(edit.dateTime()) if _answered(parent, title, label, edit) else None


def ask_decision(parent, title: str, text: str, approve: str, refuse: str) -> bool | None:
    """The approving choice (True), the refusing one (False), or Cancel (None, the default): each
    button says what it does, rather than a 是/否 that reads like 确定/取消."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    yes = box.addButton(approve, QMessageBox.ButtonRole.YesRole)
    no = box.addButton(refuse, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return {yes: True, no: False}.get(box.clickedButton())


class TimelineModel(QAbstractTableModel):
    """The case's events, oldest first: when, who, from which desktop, state change, what."""

    HEADERS = (QT_TRANSLATE_NOOP("TimelineModel", "时间"), QT_TRANSLATE_NOOP("TimelineModel", "操作人"),
               QT_TRANSLATE_NOOP("TimelineModel", "终端"), QT_TRANSLATE_NOOP("TimelineModel", "状态"),
               QT_TRANSLATE_NOOP("TimelineModel", "内容"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.events: tuple[EventInfo, ...] = ()

    def set_events(self, events: tuple[EventInfo, ...]) -> None:
        self.beginResetModel()
        self.events = events
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        event = self.events[index.row()]
        if index.column() == 3:
            before = label(event.from_state) if event.from_state else ""
            after = label(event.to_state) if event.to_state else ""
            return after if before in ("", after) else f"{before} → {after}"
        return (beijing_text(event.at), event.actor_name, event.desktop or "", None, event.message)[index.column()]


class CaseDetailDialog(QDialog):
    changed = Signal(int)  # the case id, after any action

    def __init__(self, db, actor, tasks, case_id: int, parent: QWidget | None = None, *, bus=None):
        super().__init__(parent)
        self.db, self.actor, self.tasks, self.case_id = db, actor, tasks, case_id
        self.detail: CaseDetail | None = None
        self._asking = False  # an action's questions are on screen
        self._stale = False  # another desktop changed the case meanwhile
        self._acting = 0  # actions sent and not yet answered
        self._let_go = False  # closed: to be deleted once they have answered
        self._answers: dict[tuple[str, str], str] = {}  # (action, question) → typed, for the action being taken
        self._refused_texts: dict[tuple[str, str], str] = {}  # typed for an action refused: offered again
        self._known_version: int | None = None  # the newest version shown here or written by this panel
        self._own_reload = False  # the next version shown is this panel's own action's
        self._decided: CaseDetail | None = None  # what was on screen when the running action began
        self._widened = False  # widened once for the shares table; after that the width is the user's
        fit_to_screen(self, 900, 640)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.notice = QLabel()  # "updated from another desktop"
        self.notice.setStyleSheet("color: #1565c0")
        self.notice.hide()
        self.particulars = QFormLayout()
        self.shares = QTableWidget(0, 8)
        self.shares.setHorizontalHeaderLabels([self.tr("承办单位"), self.tr("联系电话"), self.tr("角色"), self.tr("状态"),
                                               self.tr("签收期限"), self.tr("联系诉求人期限"), self.tr("办理期限"),
                                               self.tr("办理结果")])
        self.shares.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.shares.horizontalHeader().setStretchLastSection(True)  # the result takes the width there is
        self.shares.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.shares.setTabKeyNavigation(False)  # Tab leaves the tables for the action buttons
        self.shares.setMaximumHeight(130)
        self.timeline = TimelineModel(self)
        self.timeline_view = QTableView()
        self.timeline_view.setModel(self.timeline)
        self.timeline_view.horizontalHeader().setStretchLastSection(True)
        self.timeline_view.verticalHeader().hide()
        self.timeline_view.setTabKeyNavigation(False)
        # After each load the newest event (the one an action just added) is shown. The reset
        # model and the new action buttons settle the scroll range only later, so the bar
        # follows its range until the user scrolls it.
        self._follow_newest = True
        timeline_bar = self.timeline_view.verticalScrollBar()
        timeline_bar.rangeChanged.connect(self._keep_newest_in_view)
        timeline_bar.actionTriggered.connect(self._stop_following)
        self.action_bar = QHBoxLayout()
        # Why a liaison's share offers no step while the center decides its request (_waiting_text).
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.waiting.hide()
        self.action_bar.addWidget(self.waiting)
        self.buttons: dict[str, QPushButton] = {}
        self._not_yet: dict[str, str] = {}  # the actions shown that the case is not ready for, with why
        self._actions_shown = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addLayout(self.particulars)
        self.shares_caption = QLabel(self.tr("承办情况"))
        self.shares_caption.setBuddy(self.shares)  # the tables are named by their captions for a screen reader
        layout.addWidget(self.shares_caption)
        layout.addWidget(self.shares)
        timeline_caption = QLabel(self.tr("办理过程"))
        timeline_caption.setBuddy(self.timeline_view)
        layout.addWidget(timeline_caption)
        layout.addWidget(self.timeline_view, 1)
        layout.addLayout(self.action_bar)
        self._bus = bus
        if bus is not None:
            bus.casesChanged.connect(self._changed_elsewhere)
        # The countdowns go on while the panel stays open (a deadline passing turns 剩余 into 已逾期).
        self.clock = QTimer(self)
        self.clock.setInterval(COUNTDOWN_REDRAW_MS)
        self.clock.timeout.connect(lambda: self.detail and self._show_facts(self.detail, utcnow()))
        self.clock.start()
        self.reload()

    # --- showing ------------------------------------------------------------------------------
    def reload(self) -> None:
        self.setCursor(Qt.CursorShape.BusyCursor)  # until the detail lands
        self.tasks.submit(queries.case_detail, self.db, self.actor, self.case_id, on_done=self.show_detail,
                          on_error=self._load_failed)

    def _changed_elsewhere(self, case_ids: frozenset[int] | None) -> None:
        if case_ids is not None and self.case_id not in case_ids:
            return
        if self._asking:  # reloaded once the questions are answered (or the action is refused)
            self._stale = True
            return
        self.reload()  # says "updated elsewhere" only if a newer version than this panel's lands

    def _load_failed(self, exc: BaseException) -> None:
        self.unsetCursor()
        dialogs.show_error(self, exc)
        if isinstance(exc, PermissionDenied) and self.detail is not None:
            # The case left this user's view while open (a department's objection upheld, say): what it
            # showed is no longer theirs to read or act on.
            self.clock.stop()
            self.reject()

    def show_detail(self, detail: CaseDetail) -> None:
        self.unsetCursor()
        self.detail = detail
        version = detail.case.version
        if self._known_version is not None and version > self._known_version and not self._own_reload:
            self.notice.setText(self.tr("其他终端刚更新了这件案件,已重新载入({time})").format(
                time=beijing_text(utcnow(), "%H:%M:%S")))
            self.notice.show()
        self._own_reload = False
        self._known_version = max(self._known_version or 0, version)
        self._show_facts(detail, utcnow())
        if not self._widened and detail.assignments:  # a case not dispatched yet shows no shares to fit
            self._widen_for_shares()
        self.timeline.set_events(detail.events)
        self.timeline_view.resizeColumnsToContents()
        self._follow_newest = True
        self._keep_newest_in_view()
        self._not_yet = dict(detail.not_yet)
        self.waiting.setText(self._waiting_text(detail))
        self.waiting.setVisible(bool(self.waiting.text()))
        self._show_actions(detail.actions, self._not_yet)

    def _waiting_text(self, detail: CaseDetail) -> str:
        """What the liaison's own share waits for while the center decides its extension or objection (Art.
        18(2), 19(2)), and since when: its steps resume once decided. Empty otherwise."""
        own = _own_share(detail)
        if own is None or detail.own_request_at is None:
            return ""
        text = (self.tr("延期申请待中心审批(申请于 %1)") if own.state is AssignmentState.EXTENSION_PENDING
                else self.tr("管辖异议待中心处理(提出于 %1)"))
        return text.replace("%1", beijing_text(detail.own_request_at, "%m-%d %H:%M"))

    def _widen_for_shares(self) -> None:
        """Open wide enough for the shares table whole, its result given room too, within the screen: at
        the default width a case with overdue shares scrolled sideways and cut the result off."""
        self._widened = True
        columns = self.shares.columnCount()
        header = self.shares.horizontalHeader()
        needed = sum(max(header.sectionSizeHint(c), self.shares.sizeHintForColumn(c)) for c in range(columns - 1))
        needed += self.fontMetrics().averageCharWidth() * 24  # the result, stretched into what is left
        margins = self.layout().contentsMargins()
        needed += margins.left() + margins.right() + 2 * self.shares.frameWidth() + self.shares.verticalHeader().width()
        area = self.screen().availableGeometry() if self.screen() else None
        before = self.width()
        self.resize(max(before, min(needed, int(area.width() * 0.95) if area else needed)), self.height())
        if self.isVisible() and area is not None:
            # Placed already (the detail comes after the panel opens): grown rightwards from there, the
            # result it was widened for went past the screen's edge. It grows about its centre, on screen.
            x = self.x() - (self.width() - before) // 2
            self.move(max(area.left(), min(x, area.right() + 1 - self.frameGeometry().width())), self.y())

    def _merged_text(self, number: str, name: str | None, phone: str | None, said: str) -> str:
        """A duplicate merged into the case: whom to tell the result too, and what they asked."""
        who = " ".join(part for part in (number, name, phone) if part)
        return self.tr("%1:%2").replace("%1", who).replace("%2", said)

    def _supervision_texts(self, detail: CaseDetail, now):
        """The running 督办 orders with their deadlines, and the orders they took over: closed then, so
        not overdue (Art. 20(1)); the orders closed with the case are on its timeline."""
        orders = {order.id: order for order in detail.supervision_orders}
        for order in detail.supervision_orders:
            newer = orders.get(order.superseded_by)
            if order.closed_at is None:
                yield self.tr("{level}:{reason},期限 {due}").format(
                    level=label(order.level), reason=order.reason, due=deadline_text(order.due_at, now))
            elif newer is not None and newer.closed_at is None:
                yield self.tr("{level}:{reason},已由{newer}取代({when})").format(
                    level=label(order.level), reason=order.reason, newer=label(newer.level),
                    when=beijing_text(newer.issued_at))

    def _result_caption(self, state: CaseState) -> str:
        """A result sent back or reopened is the one found wanting, not the case's result."""
        if state is CaseState.SENT_BACK:
            return self.tr("退回前的办理结果")
        if state is CaseState.REOPENED:
            return self.tr("重办前的办理结果")
        return self.tr("办理结果")

    def _keep_newest_in_view(self) -> None:
        if self._follow_newest:
            bar = self.timeline_view.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _show_facts(self, detail: CaseDetail, now) -> None:
        """The header, the particulars and the shares, their deadlines counted down from `now`."""
        case = detail.case
        self.setWindowTitle(self.tr("案件 {number}").format(number=case.number))
        marks = [label(case.state), label(case.level)]
        if case.urgent:
            marks.append(self.tr("紧急"))
        if case.supervision is not SupervisionLevel.NONE:
            marks.append(label(case.supervision))
        header = f"<b>{case.number} {escape(case.title)}</b>  [{' · '.join(marks)}]"  # a "<" in a title is text
        paused = any(share.paused and share.role is AssignmentRole.LEAD for share in detail.assignments)
        if case.state.is_open:
            header += "  " + self.tr("期限:") + (self.tr("计时暂停,待中心决定") if paused
                                                 else no_clock_reason(case.state) if case.due_at is None
                                                 else deadline_text(case.due_at, now))
        own = _own_share(detail)
        if case.state.is_open and own is not None:  # a liaison answers for its own share's deadlines first
            due, step = own.next_deadline()
            line = (self.tr(_OWN_DEADLINES[step]) + deadline_text(due, now) if due is not None
                    else self._reported(own) if own.state is AssignmentState.REPORTED
                    else self.tr("本单位:计时暂停,待中心决定"))
            late = due is not None and due < now  # red, as the queue shows a deadline missed
            header += "<br>" + (f'<span style="color:{OVERDUE_COLOUR.name()}">{line}</span>' if late else line)
        self.header.setText(header)
        while self.particulars.rowCount():
            self.particulars.removeRow(0)
        rows = [(self.tr("办理机构"), self.tr("已上报%1,由%1网格化服务管理机构办理;本级可查看进展,不能办理(第五条)")
                 .replace("%1", detail.handled_above) if detail.handled_above else None),
                (self.tr("诉求内容"), detail.description),
                (self.tr("诉求人"), f"{detail.requester_name or ''} {detail.requester_phone or ''}"),
                (self.tr("渠道"), label(detail.channel)),
                (self.tr("事项"), detail.matter_item  # without one, its category, not as if it were an item
                 or self.tr("未指定事项(类别:%1)").replace("%1", label(case.category))),
                (self.tr("位置"), f"{detail.place_name} {detail.address or ''}"),
                (self.tr("受理时间"), beijing_text(detail.received_at)), (self._result_caption(case.state), detail.resolution),
                (self.tr("暂缓理由"), detail.hold_reason), (self.tr("解释情况"), detail.hold_explanation),
                (self.tr("并入案件"), detail.merged_into),
                (self.tr("并入的重复诉求"), "\n".join(self._merged_text(*entry) for entry in detail.merged_in)),
                *((self.tr("督办"), text) for text in self._supervision_texts(detail, now)),
                *((self.tr("回访"), self._callback_text(callback, now))
                  for callback in detail.callbacks if callback.state is CallbackState.PENDING)]
        merged_caption = self.tr("并入案件")
        for caption, value in rows:
            if value:
                text = QLabel(value)
                text.setWordWrap(True)
                if caption == merged_caption and detail.merged_into_id is not None:
                    # The case that answers this duplicate's requester too (Art. 16): a click away.
                    text.setText(f'<a href="case">{escape(value)}</a>')
                    text.linkActivated.connect(lambda _link, target=detail.merged_into_id: self.open_other(target))
                    # Reached by Tab and opened with Enter, as a keyboard-only operator works.
                    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
                    text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                self.particulars.addRow(caption, text)
        self.shares.setRowCount(len(detail.assignments))
        self.shares.setVisible(bool(detail.assignments))  # not dispatched yet: no empty table, no caption
        self.shares_caption.setVisible(bool(detail.assignments))
        for row, share in enumerate(detail.assignments):
            # A share reported, finished or paused has no clock running: its deadlines are shown as dates.
            running = share.state not in _FINISHED and share.state is not AssignmentState.REPORTED and not share.paused
            values = [share.department_name, share.department_phone or "", label(share.role),
                      label(share.state) + (self.tr("(计时暂停)") if share.paused else ""),
                      deadline_text(share.sign_due_at, now) if running and share.signed_at is None
                      else due_text(share.sign_due_at),
                      self._contact_text(share, running, now),
                      deadline_text(share.due_at, now) if running else due_text(share.due_at), share.result or ""]
            for column, value in enumerate(values):
                self.shares.setItem(row, column, QTableWidgetItem(value))

    def _callback_text(self, callback, now) -> str:
        """A pending callback's deadline, and which attempt of its round it is once one did not reach the
        requester (Art. 20: a round ends as 无法联系 after the attempts the rules allow)."""
        due = deadline_text(callback.due_at, now)
        if callback.attempt > 1:
            return self.tr("待回访(第 {attempt} 次,前 {before} 次未联系上),期限 {due}").format(
                attempt=callback.attempt, before=callback.attempt - 1, due=due)
        return self.tr("待回访,期限 {due}").format(due=due)

    def open_other(self, case_id: int) -> CaseDetailDialog:
        """Another case's panel over this one (the case a duplicate was merged into)."""
        other = CaseDetailDialog(self.db, self.actor, self.tasks, case_id, parent=self, bus=self._bus)
        other.changed.connect(self.changed)
        other.finished.connect(other.let_go_when_idle)
        other.open()
        return other

    def _contact_text(self, share, running: bool, now) -> str:
        """The lead's deadline to contact the requester (Art. 19(1)): counted down until it is met;
        a co-handler has none."""
        if share.contacted_at is not None:
            return self.tr("已于 %1 联系").replace("%1", beijing_text(share.contacted_at, "%m-%d %H:%M"))
        if share.contact_due_at is None:
            return "—"
        return deadline_text(share.contact_due_at, now) if running else due_text(share.contact_due_at)

    def _stop_following(self) -> None:
        self._follow_newest = False

    def _reported(self, own: AssignmentInfo) -> str:
        """Whom a share reported waits for: a co-handler's result goes to the lead department, which reports
        the whole to the center (Art. 18); the lead's, to the center's review."""
        if own.role is AssignmentRole.CO:
            return self.tr("本单位:已向主办单位反馈,待主办单位汇总报送中心")
        return self.tr("本单位:已反馈,待中心核查")

    def _show_actions(self, actions: tuple[str, ...], not_yet: dict[str, str]) -> None:
        """The actions the user may take now, as buttons; one the case is not ready for yet (`not_yet`)
        says why in its tooltip, and when pressed. The focus goes to the first when the panel first shows
        them, to the step the case waits for (`_step_due`); a focused button replaced (an action just taken, a
        reload) hands it on to the same action's new button, else to that step."""
        first_shown = not self._actions_shown
        focused = next((action for action, button in self.buttons.items() if self.focusWidget() is button), None)
        self._actions_shown = True
        for button in self.buttons.values():
            self.action_bar.removeWidget(button)
            button.hide()  # gone from the screen now; deleted once control returns to the event loop
            button.deleteLater()
        self.buttons = {}
        for action in actions:
            button = QPushButton(self._action_text(action))
            # None is the default: Enter must not start a merge, a hold or any other action.
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, a=action: self.run(a))
            button.setToolTip(not_yet.get(action, ""))
            self.action_bar.addWidget(button)
            self.buttons[action] = button
        if (first_shown or focused) and self.buttons:
            target = self.buttons.get(focused) or self.buttons[_step_due(self.buttons, not_yet)]
            target.show()  # a button added to a shown panel shows only later; a hidden one takes no focus
            target.setFocus()

    def _co_handling(self) -> bool:
        """Whether the user's department works on the case as a co-handler (Art. 18(1))."""
        own = _own_share(self.detail) if self.detail else None
        return own is not None and own.role is AssignmentRole.CO

    def _action_text(self, action: str) -> str:
        if action in _CO_HANDLER_STEPS and self._co_handling():
            return self.tr(_CO_HANDLER_STEPS[action])
        return self.tr(ACTION_LABELS[action])

    # --- acting -------------------------------------------------------------------------------
    def run(self, action: str) -> None:
        """Ask what the action needs, then call its service with the version on screen. An action the case
        is not ready for yet says what comes first instead: nothing is typed for the service to refuse."""
        if (why := self._not_yet.get(action)) is not None:
            dialogs.information(self, self._action_text(action), why)
            return
        self._asking = True
        self._decided = self.detail  # a reload landing under a question must not change it
        self._answers = {}
        try:
            call = getattr(self, f"_do_{action}")()
        finally:
            self._asking = False
        if not call:  # cancelled, or handled by a dialog of its own
            # Esc on a later question (the explanation after a hold's reason): what was typed before is
            # offered again when the action is taken again.
            self._refused_texts.update(self._answers)
            if self._stale:
                self._stale = False
                self.reload()
            return
        self._stale = False  # a stale version is refused by the service, and the panel reloads then
        fn, kwargs = call
        self._acting += 1
        answers = self._answers
        self.tasks.submit(fn, self.db, self.actor, **kwargs, on_done=self._action_done,
                          on_error=lambda exc: self._action_failed(exc, answers))

    def let_go_when_idle(self) -> None:
        """Closed: deleted once no action of it is still to answer. An action's answer still counts
        after a close: success refreshes the queue, a refusal is shown over the main window."""
        self._let_go = True
        if not self._acting:
            self.deleteLater()

    def _action_done(self, result) -> None:
        self._acting -= 1
        self._done(result)
        if self._let_go and not self._acting:
            self.deleteLater()

    def _action_failed(self, exc: BaseException, answers: dict | None = None) -> None:
        self._acting -= 1
        # What was typed for a refused action is offered again when it is taken again (a note lost
        # to another desk's change elsewhere on the case would have to be typed anew).
        self._refused_texts.update(answers or {})
        dialogs.show_error(self if self.isVisible() else self.parentWidget(), exc)
        if self._let_go:
            if not self._acting:
                self.deleteLater()
        elif isinstance(exc, Conflict):
            self.reload()

    def _done(self, _result) -> None:
        """An action succeeded (here or in the dispatch dialog): the queue and this panel show it."""
        self.notice.hide()
        self._own_reload = True
        self.changed.emit(self.case_id)
        if not self._let_go:
            self.reload()

    def _case(self, **kwargs) -> dict:
        return {"case_id": self.case_id, "expected_version": self._decided.case.version, **kwargs}

    def _share(self, **kwargs) -> dict:
        """A step on the department's own share goes with what the panel showed of it and of the case
        (its newest event): a change elsewhere on the case since does not refuse it (Art. 18)."""
        decided = self._decided
        return {"assignment_id": decided.own_assignment_id, "expected_version": decided.case.version,
                "seen_event_id": decided.events[-1].id, "seen_share_version": _own_share(decided).version, **kwargs}

    def _ask(self, action: str, label: str):
        title, prompt = self._action_text(action), self.tr(label)
        typed = self._refused_texts.pop((action, label), "")
        answer = ask_text(self, title, prompt, typed)
        if answer:
            self._answers[action, label] = answer
        return answer

    def _do_route(self):
        # The township's grids in use, nearest to the case's point first; a code may be typed too.
        choices = {}
        for grid in self.detail.route_choices:
            shown = self.tr("%1(%2)").replace("%1", grid.name).replace("%2", grid.code)
            if grid.distance_m is not None:
                shown += self.tr(",相距 %1 米").replace("%1", str(grid.distance_m))
            choices[shown] = grid.code
        code = ask_choice(self, self.tr(ACTION_LABELS["route"]),
                          self.tr("网格(可输入名称或 15 位代码查找)"), choices)
        if code and code not in choices.values() and not code.isdigit():  # a name typed, as the prompt invites
            named = _one_named([(grid.name, grid.code) for grid in self.detail.route_choices], code)
            if named is None:
                dialogs.show_error(self, ValidationFailed(
                    self.tr("请从列表中选择网格:“%1”与本乡镇(街道)在用的网格都不相符,或与不止一个相符;也可输入网格的 15 位代码")
                    .replace("%1", code), field="grid_code"))
                return None
            code = named
        return code and (intake.route_to_grid, self._case(grid_code=code))

    def _do_merge(self):
        # Suspected duplicates first (same category, nearby, still open); any case number may be typed.
        choices = {self.tr("%1 %2(相距 %3 米)").replace("%1", hint.number).replace("%2", hint.title)
                   .replace("%3", str(round(hint.distance_m))): hint.number for hint in self.detail.merge_choices}
        number = ask_choice(self, self.tr(ACTION_LABELS["merge"]), self.tr("并入的案件(选择疑似重复案件,或输入案件编号)"),
                            choices)
        return number and (_merge_into_number, self._case(into_number=number))

    def _do_unmerge(self):
        reason = ask_text(self, self.tr(ACTION_LABELS["unmerge"]),
                          self.tr("撤销并入 %1 的理由(如:核实后并非同一诉求)").replace("%1", self.detail.merged_into or ""))
        return reason and (duplicates.unmerge, self._case(reason=reason))

    def _do_resolve_on_spot(self):
        result = self._ask("resolve_on_spot", QT_TRANSLATE_NOOP("CaseDetailDialog", "就地办结情况"))
        return result and (onspot_escalation.resolve_on_spot, self._case(result=result))

    def _do_escalate(self):
        # The prompt says where the case goes: one level up (Art. 5).
        higher = LEVEL_ORDER[LEVEL_ORDER.index(self.detail.case.level) + 1]
        reason = ask_text(self, self.tr(ACTION_LABELS["escalate"]),
                          self.tr("上报至%1,上报理由").replace("%1", label(higher)))
        return reason and (onspot_escalation.escalate, self._case(reason=reason))

    def _do_assign_down(self):
        lower = LEVEL_ORDER[LEVEL_ORDER.index(self.detail.case.level) - 1]
        reason = ask_text(self, self.tr(ACTION_LABELS["assign_down"]),
                          self.tr("下派至%1,下派说明").replace("%1", label(lower)))
        return reason and (onspot_escalation.assign_down, self._case(reason=reason, to_level=lower))

    def _do_dispatch(self):
        dialog = DispatchDialog(self.db, self.actor, self.tasks, self.case_id, self._decided.case.version, self)
        dialog.dispatched.connect(self._done)
        dialog.conflicted.connect(self.reload)
        dialog.open()
        return None

    def _do_add_co_handler(self):
        # The departments suggested for the case (those already on it left out); one is picked by name.
        choices = {self.tr("%1(%2)").replace("%1", s.name).replace("%2", label(s.level)): str(s.id)
                   for s in self.detail.co_handler_choices}
        chosen = ask_choice(self, self.tr(ACTION_LABELS["add_co_handler"]),
                            self.tr("协办单位(可输入名称的一部分查找)"), choices)
        if chosen is None:
            return None
        if chosen not in choices.values():  # typed, not picked: the one suggested department its name stands for
            named = _one_named([(s.name, str(s.id)) for s in self.detail.co_handler_choices], chosen)
            if named is None:
                dialogs.show_error(self, ValidationFailed(
                    self.tr("请从列表中选择协办单位:“%1”与可选单位都不相符,或与不止一个相符").replace("%1", chosen),
                    field="department_id"))
                return None
            chosen = named
        reason = self._ask("add_co_handler", QT_TRANSLATE_NOOP(
            "CaseDetailDialog", "增加协办的理由(如:原协办单位异议成立,改由该单位协办)"))
        return reason and (dispatch.add_co_handler, self._case(department_id=int(chosen), reason=reason))

    def _do_withdraw_co_handler(self):
        """Which co-handler at work the center withdraws (one that does not report holds the lead's result),
        and why (Art. 18(1)): on the timeline the departments read."""
        choices = {a.department_name: str(a.id) for a in self.detail.assignments
                   if a.role is AssignmentRole.CO and a.state in dispatch.WITHDRAWABLE}
        chosen = ask_choice(self, self.tr(ACTION_LABELS["withdraw_co_handler"]), self.tr("撤回哪个单位的协办"),
                            choices)
        if chosen is None:
            return None
        if chosen not in choices.values():  # typed, not picked
            chosen = _one_named(list(choices.items()), chosen)
            if chosen is None:
                dialogs.show_error(self, ValidationFailed(self.tr("请从列表中选择正在协办的单位"), field="assignment_id"))
                return None
        reason = self._ask("withdraw_co_handler", QT_TRANSLATE_NOOP(
            "CaseDetailDialog", "撤回协办的理由(如:逾期未向主办单位报送,经协调不再协办)"))
        return reason and (dispatch.withdraw_co_handler, {"assignment_id": int(chosen), "reason": reason,
                                                          "expected_version": self._decided.case.version})

    def _do_review(self):
        approve = ask_decision(self, self.tr("核查"), self.tr("核查办理结果:通过并结案,还是退回承办单位重新办理?"),
                               self.tr("通过并结案"), self.tr("退回重办…"))
        if approve is None:
            return None
        comment = "" if approve else self._ask("review", QT_TRANSLATE_NOOP("CaseDetailDialog", "退回理由"))
        return comment is not None and (review.review, self._case(approve=approve, comment=comment or ""))

    def _do_hold(self):
        reason = self._ask("hold", QT_TRANSLATE_NOOP("CaseDetailDialog", "暂缓理由(客观原因)"))
        explanation = reason and self._ask("hold", QT_TRANSLATE_NOOP("CaseDetailDialog", "向诉求人所作解释"))
        return explanation and (hold.put_on_hold, self._case(reason=reason, explanation=explanation))

    def _do_reopen(self):
        reason = self._ask("reopen", QT_TRANSLATE_NOOP("CaseDetailDialog", "重办理由"))
        return reason and (review.reopen, self._case(reason=reason))

    def _do_supervise(self):
        # Not a 一般督办 while a 重点督办 runs: the service would refuse it once the reason and deadline were typed.
        key_running = any(order.level is SupervisionLevel.KEY and order.closed_at is None
                          for order in self.detail.supervision_orders)
        levels = [SupervisionLevel.KEY] if key_running else [SupervisionLevel.GENERAL, SupervisionLevel.KEY]
        chosen = ask_item(self, self.tr("督办"), self.tr("督办级别"), [label(lv) for lv in levels])
        reason = chosen is not None and self._ask("supervise", QT_TRANSLATE_NOOP("CaseDetailDialog", "督办事由"))
        if not reason:
            return None
        deadline = self._ask_supervision_due()
        return deadline is not None and (supervision.supervise,
                                         self._case(level=levels[chosen], reason=reason, **deadline))

    def _ask_supervision_due(self) -> dict | None:
        """The time limit of the order (Art. 20(1) 限时办结), as the service's due_at (None: the default); None
        when cancelled. A case handled within hours gets a time of day, as its own limit runs in hours; others
        a day, whose default kept is counted as the service counts it (recounted when holidays are entered)."""
        limit = supervision.default_limit(Limit(self.detail.handling_limit, self.detail.handling_unit))
        if limit.unit is TimeLimitUnit.HOURS:
            moment = ask_due_moment(self, self.tr("督办"), self.tr("督办期限(北京时间;默认 %1 小时后)").replace(
                "%1", str(limit.amount)), self.detail.supervise_due)
            return None if moment is None else {"due_at": moment}
        default = deadline_day(self.detail.supervise_due)
        day = ask_due_date(self, self.tr("督办"), self.tr("督办期限(至该日 24:00;默认 %1 个工作日)").replace(
            "%1", str(limit.amount)), default)
        return None if day is None else {"due_at": None if day == default else end_of_day(day)}

    def _refusal_reason(self, action: str, label: str, approve: bool | None) -> str | None:
        """A decision refusing what a department asked says why, on the timeline its liaison reads (Art. 18(2),
        19(2)); an approval needs no reason (""). None when the decision or its reason is cancelled."""
        if approve is None:
            return None
        if approve:
            return ""
        reason = self._ask(action, label)
        return reason.strip() if reason else None

    def _do_decide_extension(self):
        request = self.detail.pending_extension
        approve = ask_decision(self, self.tr("审批延期"), request.text + "\n\n" + self.tr("同意延期申请?"),
                               self.tr("同意延期"), self.tr("不同意"))
        comment = self._refusal_reason("decide_extension", QT_TRANSLATE_NOOP(
            "CaseDetailDialog", "不同意延期的理由(将告知申请单位)"), approve)
        return comment is not None and (review.decide_extension, {
            "extension_id": request.id, "approve": approve, "comment": comment,
            "expected_version": self._decided.case.version})

    def _do_decide_objection(self):
        request = self.detail.pending_objection
        approve = ask_decision(self, self.tr("管辖异议"), request.text + "\n\n" + self.tr("异议成立并撤回派遣?"),
                               self.tr("异议成立,撤回派遣"), self.tr("异议不成立,继续办理"))
        comment = self._refusal_reason("decide_objection", QT_TRANSLATE_NOOP(
            "CaseDetailDialog", "异议不成立的理由(将告知提出异议的单位)"), approve)
        return comment is not None and (review.decide_objection, {
            "objection_id": request.id, "approve": approve, "comment": comment,
            "expected_version": self._decided.case.version})

    def _do_sign(self):
        return department.sign_for, self._share()

    def _do_contact(self):
        note = self._ask("contact", QT_TRANSLATE_NOOP("CaseDetailDialog", "联系情况"))
        return note and (department.contact_requester, self._share(note=note))

    def _do_stage_report(self):
        # Art. 18(1): one that cannot be finished in time says why beside how far it has got; the question had
        # asked for the progress alone.
        content = self._ask("stage_report", QT_TRANSLATE_NOOP("CaseDetailDialog",
                                                              "阶段性工作情况(不能按期办结的,请一并写明理由)"))
        return content and (department.stage_report, self._share(content=content))

    def _do_request_extension(self):
        most, unit = self.detail.handling_limit, label(self.detail.handling_unit)
        amount = ask_int(self, self.tr("申请延期"), self.tr("延期多少%1(不超过原办理时限 %2 %1)")
                         .replace("%1", unit).replace("%2", str(most)), most)
        reason = amount and self._ask("request_extension", QT_TRANSLATE_NOOP("CaseDetailDialog", "延期理由"))
        return reason and (department.request_extension, self._share(reason=reason, amount=amount))

    def _do_object(self):
        reason = self._ask("object", QT_TRANSLATE_NOOP("CaseDetailDialog", "异议理由"))
        return reason and (department.raise_objection, self._share(reason=reason))

    def _do_report_result(self):
        result = self._ask("report_result", _CO_HANDLER_RESULT if self._co_handling()
                           else QT_TRANSLATE_NOOP("CaseDetailDialog", "办理结果"))
        own = _own_share(self.detail)
        late_reason = ""
        if result and own is not None and utcnow() > own.due_at:  # Art. 18(1): a late result says why
            late_reason = self._ask("report_result", QT_TRANSLATE_NOOP(
                "CaseDetailDialog", "办理期限已过,请说明逾期理由"))
            if not late_reason:
                return None
        return result and (department.report_result, self._share(result=result, late_reason=late_reason))


def open_current_case(window) -> None:
    """Menu 案件 → 案件详情: the case selected in the queue."""
    case_id = window.queue_panel.current_case_id()
    if case_id is None:
        dialogs.information(window, QCoreApplication.translate("CaseDetail", "案件详情"),
                            QCoreApplication.translate("CaseDetail", "请先在案件队列中选择一件案件"))
        return
    open_case(window, case_id)


def _in_front(window: QWidget) -> QWidget:
    """The window the user works in: the active one where the desk `window` opened it, else the desk. Not
    a form deleted when it closes (新建诉求, its duplicate opened from it): the panel, answering for an
    action after it is closed, would go with it."""
    active = widget = QApplication.activeWindow()
    while widget is not None and widget is not window:
        widget = widget.parentWidget()
    if widget is not window or active.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose):
        return window
    return active


def open_case(window, case_id: int) -> None:
    """The case's detail, window-modal over the main window (Enter or double-click in the queue).

    Let go when closed: a shift opens hundreds of cases. Opened from another window of the desk (the
    callback workbench, the hotspots' list), it is that window's: closing it goes back there, to the
    row it was opened from, not to the main window's queue.
    """
    dialog = CaseDetailDialog(window.db, window.actor, window.tasks, case_id, parent=_in_front(window),
                              bus=window.bus)
    dialog.changed.connect(lambda _id: window.bus.changed.emit("cases"))
    dialog.finished.connect(dialog.let_go_when_idle)
    dialog.open()
