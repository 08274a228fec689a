"""The departments screen: the register an institution keeps (Art. 5(5), 12(1)) — add, edit,
retire or restore a department, record the department of its line above (Art. 17) — and each
department's contacts: the responsible person for callbacks (Art. 20(3)) and the guidance contact
(Art. 13(4)). Every call runs off the GUI thread; another desktop's change reloads the screen."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...errors import Conflict
from ...services import department_contacts, departments
from ...services.departments import DepartmentInfo
from ...services.security import Permission
from .. import dialogs
from ..retranslating import Retranslating
from ..rows_model import rows_table
from ..form_buttons import enter_presses
from ..resubmit import submit_form
from ..screen_fit import fit_to_screen
from .forms import ContactForm, DepartmentForm, ask_parent
from .models import ContactsModel, DepartmentsModel


class DepartmentSearch(QSortFilterProxyModel):
    """The search matches a department's own text (code, names, level, territory, the line above,
    phone): not its state or 桌面签收, or 联络员 and 电话 would match every department without an account."""

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model, wanted = self.sourceModel(), self.filterRegularExpression()
        return any(wanted.match(str(model.index(source_row, column, source_parent).data() or "")).hasMatch()
                   for column in DepartmentsModel.SEARCHED)


class DepartmentsWindow(Retranslating, QDialog):
    def __init__(self, window, keeper_code: str, keeper_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_, self.code, self.keeper_name = window, keeper_code, keeper_name
        self.db, self.actor, self.tasks = window.db, window.actor, window.tasks
        self.territories: list[tuple[str, str]] = []
        self.title = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.show_retired = QCheckBox()
        self.show_retired.toggled.connect(self.reload)
        self.model = DepartmentsModel(self)
        self.proxy = DepartmentSearch(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self._filter)
        self.view = rows_table(self.proxy)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._department_chosen())
        self._reloads = 0  # answers to an earlier reload than the last are dropped
        self.add_button, self.edit_button, self.line_button, self.retire_button = (QPushButton() for _ in range(4))
        self.add_button.clicked.connect(self.add_department)
        self.edit_button.clicked.connect(self.edit_department)
        self.line_button.clicked.connect(self.choose_parent)
        self.retire_button.clicked.connect(self.retire_or_restore)
        self.contacts_model = ContactsModel(self)
        self.contacts_view = rows_table(self.contacts_model)
        self.contacts_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.add_contact_button, self.roles_button, self.remove_contact_button = (QPushButton() for _ in range(3))
        self.add_contact_button.clicked.connect(self.add_contact)
        self.roles_button.clicked.connect(self.set_roles)
        self.remove_contact_button.clicked.connect(self.remove_contact)
        self.keeps = self.actor.can(Permission.MANAGE_MATTERS, keeper_code)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.search)
        top.addWidget(self.show_retired)
        register_buttons = QHBoxLayout()
        register_buttons.addStretch(1)
        for button in (self.add_button, self.edit_button, self.line_button, self.retire_button):
            register_buttons.addWidget(button)
        register = QWidget()
        register_layout = QVBoxLayout(register)
        register_layout.setContentsMargins(0, 0, 0, 0)
        register_layout.addWidget(self.view, 1)
        register_layout.addLayout(register_buttons)
        self.contacts_box = QGroupBox()
        contact_buttons = QHBoxLayout()
        contact_buttons.addStretch(1)
        for button in (self.add_contact_button, self.roles_button, self.remove_contact_button):
            contact_buttons.addWidget(button)
        contacts_layout = QVBoxLayout(self.contacts_box)
        contacts_layout.addWidget(self.contacts_view, 1)
        contacts_layout.addLayout(contact_buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(register)
        splitter.addWidget(self.contacts_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        enter_presses(self, None)  # Enter in the filter opened 新增联系人
        fit_to_screen(self, 1080, 680)
        window.bus.changed.connect(self._changed)
        self.retranslate()
        self._enable()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("联动部门与联系人"))
        self.title.setText(self.tr("%1网格化服务管理机构维护的联动部门(条例第五条、第十二条)")
                           .replace("%1", self.keeper_name))
        self.search.setPlaceholderText(self.tr("按代码、名称或辖区筛选"))
        self.show_retired.setText(self.tr("显示已停用"))
        # What a screen reader says for the fields without a caption.
        self.search.setAccessibleName(self.tr("筛选部门"))
        self.view.setAccessibleName(self.tr("联动部门"))
        self.contacts_view.setAccessibleName(self.tr("联系人"))
        self.add_button.setText(self.tr("新增部门…"))
        self.edit_button.setText(self.tr("编辑…"))
        self.line_button.setText(self.tr("上级部门…"))
        current = self.current()
        self.retire_button.setText(self.tr("恢复启用") if current and not current.active else self.tr("停用…"))
        self.add_contact_button.setText(self.tr("新增联系人…"))
        self.roles_button.setText(self.tr("职责…"))
        self.remove_contact_button.setText(self.tr("移除联系人"))
        self.contacts_box.setTitle(self.tr("%1 的联系人").replace("%1", current.name) if current
                                   else self.tr("联系人(先选中一个部门)"))

    def _filter(self, text: str) -> None:
        """Filter the rows; a chosen department the filter hides is let go — Qt would otherwise move
        the choice to a neighbouring row nobody chose, and the buttons would act on it."""
        chosen = self.current()
        self.proxy.setFilterFixedString(text)
        if chosen is None:
            return
        index = self._shown_index(chosen.code)
        if not index.isValid():
            self.view.selectionModel().clear()
        elif self.current() != chosen:
            self.view.selectRow(index.row())

    def _shown_index(self, code: str) -> QModelIndex:
        """The filtered view's index of a department; invalid if it is gone or the filter hides it."""
        codes = [d.code for d in self.model.rows]
        return self.proxy.mapFromSource(self.model.index(codes.index(code), 0)) if code in codes else QModelIndex()

    def current(self) -> DepartmentInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[self.proxy.mapToSource(rows[0]).row()] if rows else None

    def _current_contact(self):
        rows = self.contacts_view.selectionModel().selectedRows()
        return self.contacts_model.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        current = self.current()
        self.add_button.setEnabled(self.keeps and bool(self.territories))  # the form needs them
        chosen = self.keeps and current is not None
        self.edit_button.setEnabled(chosen)
        self.retire_button.setEnabled(chosen)
        self.line_button.setEnabled(chosen and current.active)
        self.add_contact_button.setEnabled(chosen and current.active)
        has_contact = self._current_contact() is not None
        self.roles_button.setEnabled(self.keeps and has_contact)
        self.remove_contact_button.setEnabled(self.keeps and has_contact)
        self.retranslate()

    def _changed(self, topic: str) -> None:
        if topic == "departments" and self.isVisible():  # a closed screen reloads when shown again
            self.reload()

    def _error(self, exc: BaseException) -> None:
        dialogs.show_error(self, exc)
        if isinstance(exc, Conflict):  # someone else saved first: show what is there now
            self.reload()

    def reload(self) -> None:
        include_retired = self.show_retired.isChecked()
        self._reloads += 1
        generation = self._reloads

        def load():
            return (departments.list_departments(self.db, self.code, include_retired=include_retired),
                    departments.territories(self.db, self.code))

        self.tasks.submit(load, on_done=lambda result: self._loaded(generation, result), on_error=self._error)

    def _loaded(self, generation: int, result) -> None:
        if generation != self._reloads:
            return
        rows, self.territories = result
        keep = self.current().code if self.current() else None
        self.model.set_rows(rows)  # clears the selection
        self.view.resizeColumnsToContents()
        index = self._shown_index(keep) if keep else QModelIndex()
        if index.isValid():
            self.view.selectRow(index.row())  # which loads its contacts
        else:
            self._department_chosen()

    def _department_chosen(self) -> None:
        current = self.current()
        self.contacts_model.set_rows([])  # never another department's contacts under this one's title
        self._enable()
        if current is not None:
            self.tasks.submit(department_contacts.contacts, self.db, self.actor, current.code,
                              on_done=lambda contacts: self._contacts_loaded(current.code, contacts),
                              on_error=self._error)

    def _contacts_loaded(self, code: str, contacts) -> None:
        if self.current() is None or self.current().code != code:  # an answer for a row left since
            return
        self.contacts_model.set_rows(contacts)
        self.contacts_view.resizeColumnsToContents()
        self._enable()

    def _run(self, fn, *args, on_error=None, **kwargs) -> None:
        self.tasks.submit(fn, *args, on_done=lambda _: self.window_.bus.changed.emit("departments"),
                          on_error=on_error or self._error, **kwargs)

    def add_department(self) -> None:
        """A refusal (a code taken, a name the territory has) opens the form again holding every entry."""
        form = DepartmentForm(self.territories, parent=self)

        def save(refused) -> None:
            code, place_code, draft = form.values()
            self._run(departments.add_department, self.db, self.actor, code=code, place_code=place_code, draft=draft,
                      on_error=refused)

        submit_form(self, form, save)

    def edit_department(self) -> None:
        """Saved with the version the form shows: another desk's save since is refused naming who, and the form
        opens again on the department as saved, holding what was typed (resubmit.submit_form)."""
        current = self.current()
        form = DepartmentForm(self.territories, current, parent=self)

        def save(refused) -> None:
            _, _, draft = form.values()
            self._run(departments.update_department, self.db, self.actor, current.code, draft,
                      expected_version=form.version, on_error=refused)

        submit_form(self, form, save, fresh=lambda: departments.get_department(self.db, current.code))

    def choose_parent(self) -> None:
        current = self.current()
        self.tasks.submit(departments.parent_choices, self.db, current.place_code,
                          on_done=lambda choices: self._parent_chosen(current, choices), on_error=self._error)

    def _parent_chosen(self, department: DepartmentInfo, choices: list[DepartmentInfo]) -> None:
        code = ask_parent(self, department, choices)
        if code is not None:
            self._run(departments.set_parent, self.db, self.actor, department.code, code or None,
                      expected_version=department.version)

    def retire_or_restore(self) -> None:
        current = self.current()
        if current.active and not dialogs.confirm(
                self, self.tr("停用部门"),
                self.tr("停用“%1”?停用后不再出现在派遣建议和部门选择中,历史案件仍保留其名称。").replace("%1", current.name)):
            return
        self._run(departments.set_active, self.db, self.actor, current.code, not current.active,
                  expected_version=current.version)

    def add_contact(self) -> None:
        current = self.current()  # taken before the form: a reload meanwhile may clear the selection
        form = ContactForm(self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self._run(department_contacts.add_contact, self.db, self.actor, current.code, **form.values())

    def set_roles(self) -> None:
        contact = self._current_contact()
        form = ContactForm(self, roles_of=contact)
        if form.exec() == QDialog.DialogCode.Accepted:
            self._run(department_contacts.set_roles, self.db, self.actor, contact.id, **form.roles(),
                      seen=(contact.guidance, contact.responsible))

    def remove_contact(self) -> None:
        contact = self._current_contact()
        if dialogs.confirm(self, self.tr("移除联系人"), self.tr("从本部门联系人中移除“%1”?").replace("%1", contact.name)):
            self._run(department_contacts.remove_contact, self.db, self.actor, contact.id)
