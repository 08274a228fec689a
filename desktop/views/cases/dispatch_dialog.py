"""Dispatch (Art. 18): choose the lead (首接) department — the one the matter list recommends is
preset; with none (no matter item, or those it names had their objection upheld, Art. 18(2)), nothing
is, the form says which, and Enter dispatches nowhere until the operator chooses — and tick any
co-handlers, found by typing part of a name. Above them: which case, and when signing and handling
would fall due if it went now; below, which of the chosen nobody can sign for at a desk (no liaison
account, Art. 18(1)), so that the operator phones them. Enter dispatches, Esc cancels."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import Conflict
from ...i18n import enumeration, label, say
from ...said import joined
from ...services.cases import dispatch
from ...services.clock import due_text
from .. import dialogs
from ..screen_fit import fit_to_screen
from ..unsaved import AsksBeforeDiscarding, close_without_asking


class FilterEdit(QLineEdit):
    """A find field inside the dialog: Enter there is taken here (`confirmed`), so that it does not
    also reach the dialog and dispatch the case."""

    confirmed = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirmed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class DispatchDialog(AsksBeforeDiscarding, QDialog):
    dispatched = Signal(object)  # the CaseInfo after dispatching
    conflicted = Signal()  # refused: the case changed since the dialog opened

    def __init__(self, db, actor, tasks, case_id: int, version: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks, self.case_id, self.version = db, actor, tasks, case_id, version
        self.setWindowTitle(self.tr("派遣"))
        self.case_label = QLabel()  # which case, and the deadlines a dispatch now would set
        self.case_label.setWordWrap(True)
        self.lead = QComboBox()
        self.lead.setPlaceholderText(self.tr("请选择主办单位"))
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.co = QListWidget()
        self.co_filter = FilterEdit()
        self.co_filter.setPlaceholderText(self.tr("输入单位名称的一部分查找"))
        self.co_filter.setClearButtonEnabled(True)
        self.co_filter.setAccessibleName(self.tr("查找协办单位"))
        self.co.setAccessibleName(self.tr("协办单位"))
        self.co_filter.textChanged.connect(self._filter_co)
        self.co_filter.confirmed.connect(self._to_first_found)  # Enter there finds; it never dispatches
        self.co_chosen = QLabel()  # the ticked ones, also those a filter hides
        self.co_chosen.setWordWrap(True)
        self.ticked: set[int] = set()  # the departments the user ticked, also one unticked while it is the lead
        self.co.itemChanged.connect(self._tick_changed)
        self.unsigned_note = QLabel()  # the chosen departments without a liaison account
        self.unsigned_note.setWordWrap(True)
        self.unsigned_note.setStyleSheet("color: #b45309;")
        co = QVBoxLayout()
        co.addWidget(self.co_filter)
        co.addWidget(self.co)
        co.addWidget(self.co_chosen)
        form = QFormLayout()
        form.addRow(self.case_label)
        form.addRow(self.tr("主办(首接)单位"), self.lead)
        form.addRow("", self.reasons)
        form.addRow(self.tr("协办单位"), co)
        form.addRow(self.unsigned_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("派遣"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 620, 520)  # the suggestion's reasons and a screenful of co-handlers in view
        self.lead.currentIndexChanged.connect(self._lead_chosen)
        self.suggestions: list[dispatch.DepartmentSuggestion] = []
        self.preset = -1  # the row of the recommended lead, -1 for none
        self.sending = False
        tasks.submit(dispatch.suggest_departments, db, actor, case_id, on_done=self.show_suggestions,
                     on_error=self._load_failed)
        # A case that cannot be read is reported once, by the suggestions' load: the preview just stays empty.
        tasks.submit(dispatch.preview, db, actor, case_id, on_done=self.show_preview, on_error=self._no_preview)

    def _no_preview(self, _exc: BaseException) -> None:
        self.case_label.clear()

    def show_preview(self, preview: dispatch.DispatchPreview) -> None:
        self.setWindowTitle(self.tr("派遣 %1").replace("%1", preview.number))
        lines = [f"<b>{escape(preview.number)} {escape(preview.title)}</b>"
                 + (f"  {escape(preview.matter_item)}" if preview.matter_item else ""),
                 escape(self.tr("现在派遣:%1 前签收,办理时限 %2 %3,%4 前办结").replace("%1", due_text(preview.sign_due_at))
                        .replace("%2", str(preview.handle_amount)).replace("%3", label(preview.handle_unit))
                        .replace("%4", due_text(preview.handle_due_at)))]
        if preview.unknown_years:
            lines.append(escape(self.tr("%1 年的节假日安排尚未录入,期限暂按周一至周五计算").replace(
                "%1", enumeration(str(year) for year in preview.unknown_years))))
        self.case_label.setText("<br>".join(lines))

    def _to_first_found(self) -> None:
        shown = next((row for row in range(self.co.count()) if not self.co.item(row).isHidden()), None)
        if shown is not None:
            self.co.setCurrentRow(shown)
            self.co.setFocus()  # Space ticks it

    def _tick_changed(self, item: QListWidgetItem) -> None:
        department_id = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.ticked.add(department_id)
        else:
            self.ticked.discard(department_id)
        self._show_chosen()

    def _show_chosen(self) -> None:
        names = [self.co.item(r).text() for r in range(self.co.count())
                 if self.co.item(r).checkState() == Qt.CheckState.Checked]
        self.co_chosen.setText(self.tr("已选协办单位:%1").replace("%1", enumeration(names)) if names else "")
        self._show_unsigned()

    def _show_unsigned(self) -> None:
        """Art. 18(1) has a department sign for what it is sent; one without a liaison account cannot at
        a desk, and would never hear of the case unless the center phones it."""
        lead = self.lead.currentIndex()
        chosen = [s for row, s in enumerate(self.suggestions)
                  if row == lead or self.co.item(row).checkState() == Qt.CheckState.Checked]
        unsigned = [s.name for s in chosen if not s.signs_at_desk]
        note = (self.tr("%1 没有联络员账号,无人能在桌面签收(条例第十八条):派遣后请电话通知") if len(unsigned) == 1 else
                self.tr("%1 均没有联络员账号,无人能在桌面签收(条例第十八条):派遣后请电话通知"))  # English: has, have
        self.unsigned_note.setText(note.replace("%1", enumeration(unsigned)) if unsigned else "")
        self.unsigned_note.setVisible(bool(unsigned))
    def _filter_co(self, text: str) -> None:
        wanted = text.strip()
        for row in range(self.co.count()):
            item = self.co.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text())

    def _load_failed(self, exc: BaseException) -> None:
        dialogs.show_error(self, exc)

    def show_suggestions(self, suggestions: list[dispatch.DepartmentSuggestion]) -> None:
        self.suggestions = suggestions
        self.lead.blockSignals(True)
        self.lead.clear()
        self.co.clear()
        for s in suggestions:
            name = f"{s.name}({label(s.level)})"
            self.lead.addItem(name + (self.tr(" · 正在协办") if s.co_handling else "")
                              + (self.tr(" · 管辖异议已成立") if s.objected else ""), s.id)
            item = QListWidgetItem(name + (self.tr(" · 正在协办,继续协办") if s.co_handling else ""))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.co.addItem(item)
        self.preset = 0 if suggestions and suggestions[0].recommended else -1
        self.lead.setCurrentIndex(self.preset)
        self.lead.blockSignals(False)
        self._lead_chosen()

    def _lead_chosen(self) -> None:
        """The lead cannot be a co-handler too; a co-handler already at work carries on (ticked, fixed)
        unless it is the one made the lead. One the user ticked is unticked only while it is the lead:
        Down in the lead box passes over rows, and must not drop the co-handlers it passed."""
        index = self.lead.currentIndex()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(index >= 0)
        self.reasons.setText(self._why(index))
        self.co.blockSignals(True)  # placed here, not ticked by the user
        for row in range(self.co.count()):
            item = self.co.item(row)
            lead, working = row == index, self.suggestions[row].co_handling
            enabled = Qt.ItemFlag.ItemIsEnabled
            item.setFlags(item.flags() & ~enabled if lead or working else item.flags() | enabled)
            ticked = working or item.data(Qt.ItemDataRole.UserRole) in self.ticked
            item.setCheckState(Qt.CheckState.Checked if ticked and not lead else Qt.CheckState.Unchecked)
        self.co.blockSignals(False)
        self._show_chosen()

    def _why(self, index: int) -> str:
        if index < 0:  # level and territory say nothing of competence: the list must not read as advice
            return self._why_none_recommended()
        reasons = self.suggestions[index].reasons
        return say(joined(reasons)) if reasons else self.tr("(无推荐理由)")

    def _why_none_recommended(self) -> str:
        if dispatch.no_recommendation(self.suggestions) is dispatch.NoRecommendation.OBJECTED:
            return self.tr("事项清单为本案指定的 %1 对管辖提出的异议已被认定成立(条例第十八条第二款),不作推荐:"
                           "请按案情另选主办单位(单位列表仅按层级、属地排列)").replace(
                "%1", enumeration(s.name for s in self.suggestions if s.listed))
        return self.tr("事项清单没有为本案指定可派的承办部门,不作推荐:请按案情选择主办单位(单位列表仅按层级、属地排列)")

    def co_handlers(self) -> list[int]:
        """The co-handlers to add (those at work on the case carry on without being named)."""
        return [self.co.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.co.count())
                if self.co.item(r).checkState() == Qt.CheckState.Checked and not self.suggestions[r].co_handling]

    def send(self) -> None:
        if self.lead.currentData() is None or self.sending:
            return
        chosen = self.suggestions[self.lead.currentIndex()]
        if chosen.objected and not dialogs.confirm(
                self, self.tr("派遣"), self.tr("%1 对本案提出的管辖异议曾被认定成立(条例第十八条)。仍派其为主办单位?")
                .replace("%1", chosen.name)):
            return
        self._set_sending(True)  # neither a second dispatch nor a Cancel that would not cancel it
        self.tasks.submit(dispatch.dispatch, self.db, self.actor, case_id=self.case_id,
                          lead_department_id=self.lead.currentData(), co_department_ids=self.co_handlers(),
                          expected_version=self.version, on_done=self._sent, on_error=self._send_failed)

    def _set_sending(self, sending: bool) -> None:
        self.sending = sending
        self.buttons.setEnabled(not sending)

    def typed(self) -> bool:
        """A lead chosen other than the one preset, or co-handlers ticked (found one by one in a long
        list), is not lost by one Esc; a find field's text alone is nothing to keep."""
        return self.lead.currentIndex() != self.preset or bool(self.co_handlers())

    def _held(self) -> tuple:
        return super()._held() + tuple(self.co.item(r).checkState() == Qt.CheckState.Checked
                                       for r in range(self.co.count()))

    def reject(self) -> None:
        if not self.sending:  # Esc while the dispatch is on its way: its answer decides
            super().reject()

    def _sent(self, info) -> None:
        self._set_sending(False)
        self.dispatched.emit(info)
        self.accept()

    def _send_failed(self, exc: BaseException) -> None:
        self._set_sending(False)
        dialogs.show_error(self, exc)
        if isinstance(exc, Conflict):  # the case changed meanwhile: decide again on what it is now
            self.conflicted.emit()
            close_without_asking(self)
