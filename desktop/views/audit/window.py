"""The audit log window (Art. 15(3)): the auditors read who did what, where and when, filtered by
dates, user, action, text, outcome and place, and check that no entry was changed or removed.
The services decide what each auditor may read; reading and checking are recorded there."""

from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import label
from ...models.enums import AuditOutcome
from ...services import audit_log, places
from ...services.audit_log import AuditFilter, ChainCheck
from ...services.clock import end_of_day, start_of_day
from .. import beijing_time, dialogs
from ..retranslating import Retranslating
from ..rows_model import rows_table
from ..screen_fit import fit_to_screen
from ...services.audit_actions import LABELS as ACTION_LABELS
from .model import (
    ACTION,
    AT,
    DESKTOP,
    HEADERS,
    MESSAGE,
    OUTCOME,
    PLACE,
    TARGET,
    USER,
    AuditLogModel,
    action_text,
    actions_shown_as,
)

DAYS_SHOWN = 30  # the dates a window opens with: the last month
EARLIEST = QDate(2000, 1, 1)  # "from" at this date reads as no lower bound
PROBLEMS_LISTED = 10  # the chain's problems named in the window; the count says if there are more
INTACT_COLOUR, BROKEN_COLOUR = "#2e7d32", "#c62828"
# What the widest cell of each column holds, for widths that fit in either language.
_WIDEST = {AT: "2026-12-31 23:59:59", USER: "qg_supervisor", DESKTOP: "DESKTOP-QG01 / operator",
           TARGET: "450503103-2026-000001", PLACE: "侨港第一网格"}


class AuditLogWindow(Retranslating, QDialog):
    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_, self.db, self.actor, self.tasks = window, window.db, window.actor, window.tasks
        self.since, self.until = QDateEdit(), QDateEdit()
        for field in (self.since, self.until):
            field.setCalendarPopup(True)
            field.setDisplayFormat("yyyy-MM-dd")
        self.since.setMinimumDate(EARLIEST)
        self.since.setDate(beijing_time.today().addDays(-DAYS_SHOWN))
        self.until.setDate(beijing_time.today())
        self.user, self.action, self.text = QLineEdit(), QLineEdit(), QLineEdit()
        self.outcome, self.place = QComboBox(), QComboBox()
        self.outcome.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "拒绝", then "Denied"
        self.place_code: str | None = None  # the place chosen in the main window's tree
        self.place_name = ""
        self.query_button, self.check_button = QPushButton(), QPushButton()
        self.query_button.setDefault(True)  # Enter in any field queries
        self.check_button.setAutoDefault(False)
        self.query_button.clicked.connect(self.query)
        self.check_button.clicked.connect(self.check_chain)
        self.labels = {name: QLabel() for name in ("since", "until", "user", "action", "text", "outcome", "place")}
        for name, label_ in self.labels.items():
            label_.setBuddy(getattr(self, name))

        self.model = AuditLogModel(self.db, self.actor, self.tasks, parent=self)
        self.model.loaded.connect(self._show_total)
        self.model.rowsInserted.connect(self._show_total)
        self.model.failed.connect(self._failed)
        self.view = rows_table(self.model)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.total = QLabel()
        self.chain = QLabel()
        self.chain.setWordWrap(True)
        self.chain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # ids to copy
        self.chain.hide()
        self.checked: ChainCheck | None = None  # the last check's answer, said again in another language

        when_and_where, who_and_what = QHBoxLayout(), QHBoxLayout()
        for row, names in ((when_and_where, ("since", "until", "outcome", "place")),
                           (who_and_what, ("user", "action", "text"))):
            for name in names:
                row.addWidget(self.labels[name])
                row.addWidget(getattr(self, name), {"place": 3, "user": 2, "action": 2, "text": 3}.get(name, 0))
                row.addSpacing(6)
        who_and_what.addWidget(self.query_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(when_and_where)
        layout.addLayout(who_and_what)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.chain)
        fit_to_screen(self, 1280, 720)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("审计日志"))
        for name, text in (("since", self.tr("日期从")), ("until", self.tr("至")), ("user", self.tr("用户")),
                           ("action", self.tr("操作")), ("text", self.tr("内容")), ("outcome", self.tr("结果")),
                           ("place", self.tr("地点"))):
            self.labels[name].setText(text)
        self.since.setSpecialValueText(self.tr("不限"))
        self.user.setPlaceholderText(self.tr("用户名或系统用户"))
        self.action.setPlaceholderText(self.tr("名称或代码,如 登录 或 cases."))
        self.text.setPlaceholderText(self.tr("内容或对象中的文字"))
        self._fill(self.outcome, [(self.tr("全部"), None)] + [(label(o), o.value) for o in AuditOutcome])
        self._fill_places()
        self.query_button.setText(self.tr("查询"))
        self.check_button.setText(self.tr("校验完整性"))
        self.view.setAccessibleName(self.tr("审计记录"))  # what a screen reader says for the list
        self.check_button.setToolTip(self.tr("重新计算整个审计日志的哈希链,查出被修改、删除或插入的记录"))
        self.model.retranslate()
        self._fit_columns()
        self._show_total()
        self._show_chain()

    @staticmethod
    def _fill(combo: QComboBox, entries: list[tuple[str, str | None]]) -> None:
        current = combo.currentIndex()
        combo.clear()
        for text, value in entries:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(current, 0))

    def _fill_places(self) -> None:
        entries = [(self.tr("全部(权限范围内)"), None)]
        if self.place_code:
            entries.append((f"{self.place_name}({self.place_code})" if self.place_name else self.place_code,
                            self.place_code))
        self._fill(self.place, entries)

    def _fit_columns(self) -> None:
        """Each column as wide as its header or its widest usual cell, in the language in use."""
        metrics = self.view.fontMetrics()
        widest = {**_WIDEST, ACTION: max(map(action_text, ACTION_LABELS), key=metrics.horizontalAdvance),
                  OUTCOME: max((label(o) for o in AuditOutcome), key=metrics.horizontalAdvance)}
        header = self.view.horizontalHeader().fontMetrics()
        for column in range(len(HEADERS) - 1):  # the message takes the rest
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max(metrics.horizontalAdvance(widest[column]), header.horizontalAdvance(title))
            self.view.setColumnWidth(column, width + 24)
        self.view.setColumnWidth(MESSAGE, max(self.view.columnWidth(MESSAGE), 200))

    # --- reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """The place now chosen in the main window (opened again from the menu), then the query."""
        self.place_code = self.window_.current_place_code()
        self.place_name = ""
        self._fill_places()
        self.place.setCurrentIndex(self.place.count() - 1)
        if self.place_code:
            self.tasks.submit(places.place_info, self.db, self.place_code, on_done=self._place_named,
                              on_error=self._failed)
        self.query()

    def _place_named(self, info) -> None:
        if info.code == self.place_code:
            self.place_name = info.short_name
            self.place.setItemText(1, f"{info.short_name}({info.code})")

    def current_filter(self) -> AuditFilter:
        """The fields as a filter: the dates are Beijing days, from the first's 00:00 to the second's 24:00."""
        since = self.since.date()
        outcome = self.outcome.currentData()
        action = self.action.text().strip()
        return AuditFilter(
            since=None if since == EARLIEST else start_of_day(beijing_time.day_of(since)),
            until=end_of_day(beijing_time.day_of(self.until.date())),
            user=self.user.text().strip(), action=action, actions=actions_shown_as(action) if action else frozenset(),
            text=self.text.text().strip(),
            outcomes=frozenset({AuditOutcome(outcome)}) if outcome else frozenset(),
            under=self.place.currentData())

    def query(self) -> None:
        self.model.query(self.current_filter())
        self._show_total()

    def _show_total(self, *_) -> None:
        shown, total = self.model.rowCount(QModelIndex()), self.model.total
        if self.model.loading:
            self.total.setText(self.tr("查询中…"))
        elif shown < total:
            self.total.setText(self.tr("共 {0} 条,已列出最新的 {1} 条(滚动到底部列出更多)").format(total, shown))
        else:
            self.total.setText(self.tr("共 {0} 条").format(total))

    def _failed(self, exc: BaseException) -> None:
        self._show_total()
        dialogs.show_error(self, exc)

    # --- the chain ---------------------------------------------------------------------------
    def check_chain(self) -> None:
        self.check_button.setEnabled(False)
        self.checked = None
        self._show_chain()
        self.tasks.submit(audit_log.check_chain, self.db, self.actor, on_done=self._chain_checked,
                          on_error=self._chain_failed)

    def _chain_checked(self, checked: ChainCheck) -> None:
        self.check_button.setEnabled(True)
        self.checked = checked
        self._show_chain()

    def _chain_failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.chain.hide()
        dialogs.show_error(self, exc)

    def _show_chain(self) -> None:
        """The last check's answer: the chain intact, or each entry where it breaks, in red."""
        checked = self.checked
        if checked is None:
            if not self.check_button.isEnabled():
                self._say_chain(self.tr("正在校验审计日志的哈希链…"), "")
            return
        if checked.intact:
            self._say_chain(self.tr("审计日志 {0} 条,哈希链完整").format(checked.entries), INTACT_COLOUR)
            return
        lines = [self.tr("审计日志 {0} 条,发现 {1} 处问题:").format(checked.entries, len(checked.problems))]
        lines += [self.tr("记录 {0}:{1}").format(p.entry_id, self.tr(p.problem))  # one of audit.CHAIN_PROBLEMS
                  for p in checked.problems[:PROBLEMS_LISTED]]
        if len(checked.problems) > PROBLEMS_LISTED:
            lines.append(self.tr("……另有 {0} 处").format(len(checked.problems) - PROBLEMS_LISTED))
        self._say_chain("\n".join(lines), BROKEN_COLOUR)

    def _say_chain(self, text: str, colour: str) -> None:
        self.chain.setText(text)
        self.chain.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
        self.chain.show()
