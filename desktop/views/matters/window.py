"""The matter list screen (Art. 12–13): versions and their items, new draft, publish, print;
department applications with approval or rejection; rectification notices to departments."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...errors import Conflict, NotFound
from ...i18n import label
from ...models.enums import ApplicationAction, MatterListState, RectificationState, ReviewState
from ...services import matter_list
from ...services.clock import beijing_today
from ...services.printing.matter_list_pdf import print_matter_list
from ...services.security import Permission
from .. import dialogs
from ..save_path import ask_pdf_path
from .models import ApplicationsModel, MatterItemsModel, RectificationsModel
from .item_form import ItemForm
from .rectification_form import ConfirmForm, RectificationForm, ReturnForm, whole_text
from ..retranslating import Retranslating
from ..rows_model import fit_columns, rows_table
from ..form_buttons import enter_presses
from ..latest import LatestAnswer
from ..resubmit import submit_form
from ..screen_fit import fit_to_screen


def ask_text(parent: QWidget, title: str, prompt: str) -> str | None:
    """A reason or a response typed by the user (a function of its own so that tests can answer it)."""
    return dialogs.ask_lines(parent, title, prompt)


NOTICES_TAB = 1


class MatterListWindow(Retranslating, QDialog):
    def __init__(self, window, institution: str, parent: QWidget | None = None, *, notices: bool = False,
                 institutions: Sequence[tuple[str, str]] = ()):
        """`institution`: whose list is shown first. `institutions`: (code, name) of the city and county whose lists
        the user may turn to, both in force where the user is (Art. 12–14): a tab each, shown with more than one
        (tabs above the list rather than a box beside the version's: that row is full with the keeper's buttons).
        `notices`: opened on the rectification notices. Once loaded, the window turns to the tab where something
        waits for the user, its first such row chosen (_open_where_awaited)."""
        super().__init__(parent)
        self._choose_awaited = True  # on the first load only: later ones keep the tab and row the user chose
        self.window_, self.code = window, institution
        # Printed: every list in force where the user is, whichever tab is open (the most local institution's
        # lists in force are the city's and its own, as the board posts them).
        self.print_code = institutions[-1][0] if institutions else institution
        self.db, self.actor, self.tasks = window.db, window.actor, window.tasks
        self.versions: list[matter_list.MatterListInfo] = []
        self.departments: list[tuple[int, str]] = []  # the institution's departments, for the forms' pickers
        # Another institution chosen while one's load runs: only the last one chosen is shown.
        self._latest_load, self._latest_items = LatestAnswer(), LatestAnswer()
        self.institution_tabs = QTabBar()
        self.institution_tabs.setExpanding(False)
        for code, name in institutions:
            self.institution_tabs.setTabData(self.institution_tabs.addTab(name), code)
            if code == institution:
                self.institution_tabs.setCurrentIndex(self.institution_tabs.count() - 1)
        self.institution_tabs.setVisible(self.institution_tabs.count() > 1)
        self.institution_tabs.currentChanged.connect(self._institution_chosen)
        self.version_box = QComboBox()
        # The versions arrive after the window is first shown: sized then, the box would cut them off.
        self.version_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.version_box.currentIndexChanged.connect(self.load_items)
        self.version_label = QLabel()
        self.version_label.setWordWrap(True)  # the long list title gives way, not the version box beside it
        self.items_model = MatterItemsModel(self)
        self.items_view = rows_table(self.items_model)
        self.applications_model = ApplicationsModel(self)
        self.applications_view = rows_table(self.applications_model)
        self.new_button, self.publish_button, self.print_button = QPushButton(), QPushButton(), QPushButton()
        self.add_item_button, self.edit_item_button = QPushButton(), QPushButton()
        self.remove_item_button = QPushButton()
        # A department liaison applies to add or retire items of its own department (Art. 13(2)).
        self.apply_add_button, self.apply_retire_button = QPushButton(), QPushButton()
        self.apply_add_button.clicked.connect(self.apply_add)
        self.apply_retire_button.clicked.connect(self.apply_retire)
        self.apply_add_button.hide()  # shown once loaded, to a liaison who applies here
        self.apply_retire_button.hide()
        self.add_item_button.clicked.connect(self.add_item)
        self.edit_item_button.clicked.connect(self.edit_item)
        self.remove_item_button.clicked.connect(self.remove_item)
        self.approve_button, self.reject_button = QPushButton(), QPushButton()
        self.new_button.clicked.connect(self.new_version)
        self.publish_button.clicked.connect(self.publish)
        self.print_button.clicked.connect(self.print_list)
        self.approve_button.clicked.connect(lambda: self.review(True))
        self.reject_button.clicked.connect(lambda: self.review(False))
        self.print_button.setVisible(self.actor.can(Permission.PRINT))  # a liaison may not print: refused on saving
        top = QHBoxLayout()
        top.addWidget(self.version_box)
        top.addWidget(self.version_label, 1)
        for button in (self.add_item_button, self.edit_item_button, self.remove_item_button, self.new_button,
                       self.publish_button, self.print_button):
            top.addWidget(button)
        review = QHBoxLayout()
        review.addWidget(self.apply_add_button)
        review.addWidget(self.apply_retire_button)
        review.addStretch(1)
        review.addWidget(self.approve_button)
        review.addWidget(self.reject_button)
        applications = QWidget()
        applications_layout = QVBoxLayout(applications)
        applications_layout.addWidget(self.applications_view, 1)
        applications_layout.addLayout(review)
        self.rectifications_model = RectificationsModel(self)
        self.rectifications_view = rows_table(self.rectifications_model)
        self.notice_button, self.rectified_button = QPushButton(), QPushButton()
        self.confirm_button, self.return_button = QPushButton(), QPushButton()
        # A liaison reports how its department rectified; the institution confirms or returns the report.
        self.answer_button = QPushButton()
        self.answer_button.setVisible(self.actor.department_id is not None)
        self.notice_button.clicked.connect(self.issue_notice)
        self.rectified_button.clicked.connect(self.close_notice)
        self.answer_button.clicked.connect(self.answer_notice)
        self.confirm_button.clicked.connect(self.confirm_notice)
        self.return_button.clicked.connect(self.return_notice)
        rectify = QHBoxLayout()
        rectify.addWidget(self.answer_button)
        rectify.addStretch(1)
        for button in (self.notice_button, self.confirm_button, self.return_button, self.rectified_button):
            rectify.addWidget(button)
        # The selected notice whole, its reports and decisions too: a cell cut short showed the rest only in
        # a tooltip, which the keyboard never opens.
        self.notice_detail = whole_text("", 6)
        self.rectifications_view.selectionModel().selectionChanged.connect(self._show_notice_detail)
        self.rectifications_model.modelReset.connect(self._show_notice_detail)
        rectifications = QWidget()
        rectifications_layout = QVBoxLayout(rectifications)
        rectifications_layout.addWidget(self.rectifications_view, 1)
        rectifications_layout.addWidget(self.notice_detail)
        rectifications_layout.addLayout(rectify)
        self.lower_tabs = QTabWidget()
        self.lower_tabs.addTab(applications, "")
        self.lower_tabs.addTab(rectifications, "")
        if notices:
            self.lower_tabs.setCurrentIndex(NOTICES_TAB)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.items_view)
        splitter.addWidget(self.lower_tabs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.institution_tabs)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        enter_presses(self, None)  # its buttons open forms or change the list: never from a field
        fit_to_screen(self, 980, 680)
        window.bus.changed.connect(self._changed)
        self._show_keepers_buttons()
        self.retranslate()
        self.reload()

    def _show_keepers_buttons(self) -> None:
        """Keeping the list, deciding on applications and issuing notices are the institution's (Art. 12, 13):
        a liaison or a township never keeps it — nor a county the city's it reads — and these buttons, shown to
        them disabled, only crowded the window. Its keepers see them disabled, with the reason, where the
        version shown is no draft."""
        manage = self.actor.can(Permission.MANAGE_MATTERS, self.code)
        for button in (self.add_item_button, self.edit_item_button, self.remove_item_button, self.new_button,
                       self.publish_button, self.approve_button, self.reject_button, self.notice_button,
                       self.rectified_button, self.confirm_button, self.return_button):
            button.setVisible(manage)

    def _institution_chosen(self, index: int) -> None:
        self.code = self.institution_tabs.tabData(index)
        self.versions = []  # another institution's: none of them is kept shown
        self._show_keepers_buttons()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("网格化服务管理事项清单"))
        self.new_button.setText(self.tr("新建下一版草稿"))
        self.add_item_button.setText(self.tr("新增事项…"))
        self.edit_item_button.setText(self.tr("修改事项…"))
        self.remove_item_button.setText(self.tr("删除事项"))
        self.apply_add_button.setText(self.tr("申请纳入事项…"))
        self.apply_retire_button.setText(self.tr("申请退出所选事项…"))
        self.publish_button.setText(self.tr("公布…"))
        self.print_button.setText(self.tr("打印现行清单…"))
        if self.institution_tabs.count() > 1:
            self.print_button.setToolTip(self.tr("打印在此现行的全部清单:%1").replace(
                "%1", self.tr("、").join(self.institution_tabs.tabText(i) for i in range(self.institution_tabs.count()))))
        self.approve_button.setText(self.tr("同意"))
        self.reject_button.setText(self.tr("不同意…"))
        self.lower_tabs.setTabText(0, self.tr("部门纳入/退出申请(条例第十三条第二款)"))
        self.lower_tabs.setTabText(NOTICES_TAB, self.tr("督促整改(条例第十三条第五款)"))
        self.notice_button.setText(self.tr("督促限期整改…"))
        self.rectified_button.setText(self.tr("整改完毕…"))
        self.rectified_button.setToolTip(self.tr("记录部门以其他方式(如书面)报来的整改情况,并办结通知"))
        self.answer_button.setText(self.tr("报送整改情况…"))
        self.confirm_button.setText(self.tr("确认整改"))
        self.return_button.setText(self.tr("退回…"))
        # What a screen reader says for the fields without a caption.
        self.institution_tabs.setAccessibleName(self.tr("编制清单的市、县(区)"))
        self.version_box.setAccessibleName(self.tr("清单版本"))
        self.items_view.setAccessibleName(self.tr("事项"))
        self.applications_view.setAccessibleName(self.tr("部门纳入/退出申请"))
        self.rectifications_view.setAccessibleName(self.tr("督促整改"))
        self.notice_detail.setAccessibleName(self.tr("所选通知全文"))
        self.notice_detail.setPlaceholderText(self.tr("选中一条通知,在此阅读其全文:履职不到位情形、整改期限和部门报送的整改情况"))
        self._show_notice_detail()
        current = self.current()
        if current is None:
            self.version_label.setText(self.tr("尚未编制事项清单"))
        else:
            published = current.published_on.isoformat() if current.published_on else "—"
            self.version_label.setText(self.tr("%1 · %2 · 公布日期 %3 · %4 项").replace("%1", current.title)
                                       .replace("%2", label(current.state)).replace("%3", published)
                                       .replace("%4", str(current.items)))

    def current(self) -> matter_list.MatterListInfo | None:
        index = self.version_box.currentIndex()
        return self.versions[index] if 0 <= index < len(self.versions) else None

    def _changed(self, topic: str) -> None:
        if topic in ("matters", "departments"):  # the forms' department pickers too
            self.reload()

    def _error(self, exc: BaseException) -> None:
        dialogs.show_error(self, exc)
        if isinstance(exc, (Conflict, NotFound)):  # someone else saved or removed first: show what is there now
            self.reload()

    def reload(self) -> None:
        def load():
            return (matter_list.lists(self.db, self.code, viewer=self.actor),
                    matter_list.applications(self.db, place_code=self.code, viewer=self.actor),
                    matter_list.rectifications(self.db, place_code=self.code, viewer=self.actor),
                    matter_list.departments(self.db, self.code),
                    matter_list.may_apply(self.db, self.actor, self.code))

        answer = self._latest_load.send()
        self.tasks.submit(load, on_done=answer(self._loaded), on_error=answer(self._error))

    def _loaded(self, result) -> None:
        versions, applications, rectifications, self.departments, applies = result
        self.apply_add_button.setVisible(applies)
        self.apply_retire_button.setVisible(applies)
        self.rectifications_model.set_rows(rectifications)
        fit_columns(self.rectifications_view)
        # One draft at a time (matter_list.draft_of): while one is open, changes are made on it.
        draft = next((info for info in versions if info.state is MatterListState.DRAFT), None)
        self.new_button.setEnabled(self.actor.can(Permission.MANAGE_MATTERS, self.code) and draft is None)
        self.new_button.setToolTip(self.tr("第 %1 版草稿尚未公布;请在草稿上修改").replace("%1", str(draft.version))
                                   if draft else "")
        # A new version (a draft just opened) comes first and is shown; otherwise stay on the one shown.
        keep = self.current().id if self.current() and len(versions) == len(self.versions) else None
        self.versions = versions
        self.version_box.blockSignals(True)
        self.version_box.clear()
        for info in versions:
            self.version_box.addItem(self.tr("第 %1 版(%2)").replace("%1", str(info.version))
                                     .replace("%2", label(info.state)), info.id)
        ids = [v.id for v in versions]
        self.version_box.setCurrentIndex(ids.index(keep) if keep in ids else 0)
        self.version_box.blockSignals(False)
        self.applications_model.set_rows(applications)
        fit_columns(self.applications_view)
        if self._choose_awaited:
            self._choose_awaited = False
            self._open_where_awaited(applications, rectifications)
        self.load_items()

    def _open_where_awaited(self, applications, rectifications) -> None:
        """Turn to the tab where something waits for the user, its first such row chosen: for the list's keeper an
        application to decide (Art. 13(2)), else a report to confirm or return; for a liaison a notice to its
        department to report on (Art. 13(5)). The window had opened on the applications' tab, empty, while a
        report waited on the other for the county's confirmation."""
        keeper = self.actor.can(Permission.MANAGE_MATTERS, self.code)
        pending = [row for row, application in enumerate(applications)
                   if keeper and application.state is ReviewState.PENDING]
        awaited = [row for row, notice in enumerate(rectifications)
                   if (keeper and notice.state is RectificationState.ANSWERED)
                   or (notice.department_id == self.actor.department_id and notice.state is RectificationState.OPEN)]
        if pending:
            self.lower_tabs.setCurrentIndex(0)
            self.applications_view.selectRow(pending[0])
        elif awaited:
            self.lower_tabs.setCurrentIndex(NOTICES_TAB)
            self.rectifications_view.selectRow(awaited[0])

    def _show_notice_detail(self) -> None:
        rows = self.rectifications_view.selectionModel().selectedRows()
        self.notice_detail.setPlainText(
            self.rectifications_model.details(self.rectifications_model.rows[rows[0].row()]) if rows else "")

    def load_items(self) -> None:
        current = self.current()
        self.retranslate()
        is_draft = current is not None and current.state is MatterListState.DRAFT
        editable = is_draft and self.actor.can(Permission.MANAGE_MATTERS, self.code)
        reason = "" if is_draft else self._not_a_draft(current)
        for button in (self.publish_button, self.add_item_button, self.edit_item_button, self.remove_item_button):
            button.setEnabled(editable)  # only a draft is edited; a published version stays as published
            button.setToolTip(reason)
        answer = self._latest_items.send()  # and an earlier version's items, still loading, are not shown
        if current is None:
            self.items_model.set_rows([])
            return
        self.tasks.submit(matter_list.items, self.db, current.id, viewer=self.actor,
                          on_done=answer(self._items_loaded), on_error=answer(self._error))

    def _not_a_draft(self, shown: matter_list.MatterListInfo | None) -> str:
        """Why the version shown is not edited nor published, and where to go instead."""
        if shown is None:
            return self.tr("尚未编制事项清单;请先新建草稿")
        draft = next((info for info in self.versions if info.state is MatterListState.DRAFT), None)
        where = (self.tr("请在上方选择第 %1 版草稿").replace("%1", str(draft.version)) if draft
                 else self.tr("请先新建下一版草稿"))
        return (self.tr("第 %1 版为“%2”,只有草稿可以修改和公布;%3").replace("%1", str(shown.version))
                .replace("%2", label(shown.state)).replace("%3", where))

    def _items_loaded(self, items) -> None:
        self.items_model.set_rows(items)
        fit_columns(self.items_view)

    def _run(self, fn, *args, on_error=None, **kwargs) -> None:
        self.tasks.submit(fn, *args, on_done=lambda _: self.window_.bus.changed.emit("matters"),
                          on_error=on_error or self._error, **kwargs)

    def new_version(self) -> None:
        self._run(matter_list.start_version, self.db, self.actor, place_code=self.code)

    def publish(self) -> None:
        """Asks the title to publish under, as the draft has it: a new version copies the last one's year."""
        current = self.current()
        title = current and dialogs.ask_text(
            self, self.tr("公布"), self.tr("自今日起公布第 %1 版,现行版本将同时废止。公布的标题:")
            .replace("%1", str(current.version)), current.title)
        if title:
            self._run(matter_list.publish, self.db, self.actor, current.id, on=beijing_today(), title=title)

    def review(self, approve: bool) -> None:
        rows = self.applications_view.selectionModel().selectedRows()
        if not rows or not self.applications_model.pending(rows[0].row()):
            dialogs.information(self, self.tr("审核"), self.tr("请先选中一条待审核的申请"))
            return
        comment = None if approve else ask_text(self, self.tr("不同意"), self.tr("请写明不同意的理由:"))
        if not approve and comment is None:
            return
        application = self.applications_model.rows[rows[0].row()]
        self._run(matter_list.review, self.db, self.actor, application.id, approve=approve, comment=comment)

    def print_list(self) -> None:
        path = ask_pdf_path(self, self.tr("保存事项清单"), "事项清单.pdf")
        if path:
            self.tasks.submit(print_matter_list, self.db, self.actor, Path(path), place_code=self.print_code,
                              on_done=lambda pages: dialogs.information(
                                  self, self.tr("打印"), self.tr("已生成 %1 页").replace("%1", str(pages))),
                              on_error=self._error)

    def issue_notice(self) -> None:
        form = RectificationForm(self.departments, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self._run(matter_list.issue_rectification, self.db, self.actor, **form.values())

    def _chosen_notice(self, state: RectificationState, step: str) -> matter_list.RectificationInfo | None:
        """The notice selected, if in `state`; None, having told the user why `step` cannot be taken, otherwise:
        a notice selected in another state is named with its state (selecting it again would not help)."""
        rows = self.rectifications_view.selectionModel().selectedRows()
        notice = self.rectifications_model.notice(rows[0].row(), state) if rows else None
        if notice is None:
            hint = (self.tr("请先选中一条待确认的通知") if state is RectificationState.ANSWERED
                    else self.tr("请先选中一条整改中的通知"))
            if rows:
                chosen = self.rectifications_model.rows[rows[0].row()]
                hint = (self.tr("所选通知当前为“%1”,不能%2;").replace("%1", label(chosen.standing(beijing_today())))
                        .replace("%2", step) + (self.tr("只有待确认的通知可以%1") if state is RectificationState.ANSWERED
                                                else self.tr("只有整改中的通知可以%1")).replace("%1", step))
            dialogs.information(self, self.tr("督促整改"), hint)
        return notice

    def close_notice(self) -> None:
        notice = self._chosen_notice(RectificationState.OPEN, self.tr("记录整改完毕"))
        if notice is None:
            return
        response = ask_text(self, self.tr("整改完毕"), self.tr("部门的整改情况:"))
        if response is not None:
            self._run(matter_list.close_rectification, self.db, self.actor, notice.id, response=response)

    def answer_notice(self) -> None:
        notice = self._chosen_notice(RectificationState.OPEN, self.tr("报送整改情况"))
        if notice is None:
            return
        report = ask_text(self, self.tr("报送整改情况"), self.tr("本部门的整改情况:"))
        if report is not None:
            self._run(matter_list.answer_rectification, self.db, self.actor, notice.id, report=report)

    def confirm_notice(self) -> None:
        notice = self._chosen_notice(RectificationState.ANSWERED, self.tr("确认整改"))
        if notice is not None and ConfirmForm(notice, self).exec() == QDialog.DialogCode.Accepted:
            self._run(matter_list.confirm_rectification, self.db, self.actor, notice.id)

    def return_notice(self) -> None:
        notice = self._chosen_notice(RectificationState.ANSWERED, self.tr("退回整改情况"))
        if notice is None:
            return
        form = ReturnForm(notice, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self._run(matter_list.return_rectification, self.db, self.actor, notice.id, **form.values())

    def add_item(self) -> None:
        """A refusal (a code the draft has, a title left empty) opens the form again holding every entry."""
        form = ItemForm(self.departments, self)
        list_id = self.current().id

        def save(refused) -> None:
            draft, department_id = form.values()
            self._run(matter_list.add_item, self.db, self.actor, list_id, draft, department_id=department_id,
                      on_error=refused)

        submit_form(self, form, save)

    def _chosen_item(self, title: str, hint: str):
        """The item selected in the list; None, having told the user to select one, where none is."""
        rows = self.items_view.selectionModel().selectedRows()
        if not rows:
            dialogs.information(self, title, hint)
            return None
        return self.items_model.rows[rows[0].row()]

    def edit_item(self) -> None:
        """Saved with the version the form shows: another desk's save since is refused naming who, and the form
        opens again on the item as saved, holding what was typed (resubmit.submit_form)."""
        item = self._chosen_item(self.tr("修改事项"), self.tr("请先选中一项"))
        if item is None:
            return
        form = ItemForm(self.departments, self, item)

        def save(refused) -> None:
            draft, department_id = form.values()
            self._run(matter_list.update_item, self.db, self.actor, item.id, draft, department_id=department_id,
                      expected_version=form.version, on_error=refused)

        submit_form(self, form, save, fresh=lambda: matter_list.get_item(self.db, item.id, viewer=self.actor))

    def remove_item(self) -> None:
        item = self._chosen_item(self.tr("删除事项"), self.tr("请先选中一项"))
        if item is None:
            return
        if dialogs.confirm(self, self.tr("删除事项"), self.tr("从本草稿中删除“%1”?").replace("%1", item.draft.title)):
            self._run(matter_list.remove_item, self.db, self.actor, item.id, expected_version=item.version)

    def apply_add(self) -> None:
        own = [(i, n) for i, n in self.departments if i == self.actor.department_id]
        form = ItemForm(own, self)
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        reason = ask_text(self, self.tr("申请纳入事项"), self.tr("申请理由:"))
        if reason is not None:
            draft, _ = form.values()
            self._run(matter_list.apply, self.db, self.actor, department_id=self.actor.department_id,
                      action=ApplicationAction.ADD, reason=reason, proposal=draft)

    def apply_retire(self) -> None:
        item = self._chosen_item(self.tr("申请退出事项"), self.tr("请先在现行清单中选中本部门的一项"))
        if item is None:
            return
        reason = ask_text(self, self.tr("申请退出事项"), self.tr("申请理由:"))
        if reason is not None:
            self._run(matter_list.apply, self.db, self.actor, department_id=self.actor.department_id,
                      action=ApplicationAction.RETIRE, reason=reason, matter_item_id=item.id)
