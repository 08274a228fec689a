"""The people screen of a place. Tab 1: staffing adequacy per grid (under-staffed highlighted) and
the staff roster (phones as staff.roster shows them to this user), with adding a person and ending
a role (Art. 9, 14). Tab 2: leadership of the areas (Art. 8). Tab 3: work log and professionals' visits (Art. 10–11)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...i18n import label
from ...services import places, staff, staff_admin, staffing
from ...services.clock import beijing_today
from ...services.security import Permission
from .. import dialogs, permissions
from ..roster_panel import RosterModel
from .activity_models import ActivityModel, LeadersModel
from .add_staff_dialog import AddStaffDialog
from .forms import LeaderForm, PersonForm, VisitForm, WorkLogForm
from .staffing_model import StaffingModel
from ..retranslating import Retranslating
from ..rows_model import rows_table
from ..form_buttons import enter_presses
from ..resubmit import submit_form
from ..screen_fit import fit_to_screen


class PeopleWindow(Retranslating, QDialog):
    """Non-modal; `window` offers db, actor, tasks and bus (see views/menus.py)."""

    def __init__(self, window, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_, self.code = window, code
        self.db, self.actor, self.tasks = window.db, window.actor, window.tasks
        # Pickers for the forms, loaded with the tables: (code, short name) of here and the level below; professionals;
        # where this user may name which leaders (none until loaded).
        self.leader_places: list[tuple[str, str]] = []
        self.professionals: list[tuple[int, str]] = []
        self.leader_offer = staff_admin.LeadershipOffer((), "")
        self.title = QLabel()
        self.staffing_model = StaffingModel(self)
        self.staffing_view = rows_table(self.staffing_model)
        self.roster_model = RosterModel(self)
        self.roster_view = rows_table(self.roster_model)
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.end_button = QPushButton()
        self.add_button.clicked.connect(self.add_staff)
        self.edit_button.clicked.connect(self.edit_person)
        self.end_button.clicked.connect(self.end_role)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.end_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.staffing_view)
        splitter.addWidget(self.roster_view)
        roster_tab = QWidget()
        roster_layout = QVBoxLayout(roster_tab)
        roster_layout.addWidget(self.title)
        roster_layout.addWidget(splitter, 1)
        roster_layout.addLayout(buttons)

        self.leaders_model = LeadersModel(self)
        self.leaders_view = rows_table(self.leaders_model)
        self.leader_button = QPushButton()
        self.leader_button.clicked.connect(self.add_leader)
        self.end_leader_button = QPushButton()
        self.end_leader_button.clicked.connect(self.end_leader)
        self.leaders_view.selectionModel().selectionChanged.connect(self._offer_end_leader)
        self.activity_model = ActivityModel(self)
        self.activity_view = rows_table(self.activity_model)
        self.work_button = QPushButton()
        self.work_button.clicked.connect(self.log_work)
        self.visit_button = QPushButton()
        self.visit_button.clicked.connect(self.log_visit)
        self.tabs = QTabWidget()
        self.tabs.addTab(roster_tab, "")
        self.tabs.addTab(self._tab(self.leaders_view, self.leader_button, self.end_leader_button), "")
        self.tabs.addTab(self._tab(self.activity_view, self.work_button, self.visit_button), "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        enter_presses(self, None)  # its buttons open forms of their own
        fit_to_screen(self, 820, 620)
        window.bus.changed.connect(self._changed)
        self.retranslate()
        self._offer()
        self.reload()

    @staticmethod
    def _tab(view: QTableView, *buttons: QPushButton) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(view, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("网格人员"))
        self.add_button.setText(self.tr("新增人员…"))
        self.edit_button.setText(self.tr("修改信息…"))
        self.end_button.setText(self.tr("离任"))
        self.leader_button.setText(self.tr("确定领导联系…"))
        self.end_leader_button.setText(self.tr("卸任"))
        self.work_button.setText(self.tr("记录网格工作…"))
        self.visit_button.setText(self.tr("专业人员进网格…"))
        self.tabs.setTabText(0, self.tr("网格人员与配备"))
        self.tabs.setTabText(1, self.tr("挂点领导、指导员、总负责人"))
        self.tabs.setTabText(2, self.tr("工作日志与专业人员进网格"))
        # What a screen reader says for the lists, which have no caption.
        self.staffing_view.setAccessibleName(self.tr("网格配备"))
        self.roster_view.setAccessibleName(self.tr("网格人员"))
        self.leaders_view.setAccessibleName(self.tr("挂点领导、指导员、总负责人"))
        self.activity_view.setAccessibleName(self.tr("工作日志与专业人员进网格"))
        under = len(self.staffing_model.under_staffed_rows())
        place = f"{self.leader_places[0][1]}({self.code})" if self.leader_places else self.code
        self.title.setText(self.tr("%1:%2 个网格,其中 %3 个网格的网格员配备不足(红色)").replace("%1", place)
                           .replace("%2", str(len(self.staffing_model.rows))).replace("%3", str(under)))

    def _changed(self, topic: str) -> None:
        if topic in ("staff", "places"):
            self.reload()

    def reload(self) -> None:
        self.tasks.submit(self._load, on_done=self._loaded, on_error=lambda exc: dialogs.show_error(self, exc))

    def _load(self):
        here = [places.place_info(self.db, self.code), *places.children(self.db, self.code)]
        return (staffing.adequacy(self.db, under=self.code), staff.roster(self.db, self.actor, self.code),
                staff.leaders(self.db, self.actor, self.code), staff.activity(self.db, self.actor, self.code),
                [(p.code, p.short_name) for p in here], staff.professionals(self.db),
                staff_admin.leadership_terms(self.db, self.actor, self.code),
                staff_admin.leadership_offer(self.db, self.actor, self.code))

    def _loaded(self, result) -> None:
        rows, members, leaders, activity, self.leader_places, self.professionals, terms, self.leader_offer = result
        self.leaders_model.set_leaders(leaders, terms)
        self.activity_model.set_rows(activity)
        self.staffing_model.set_rows(rows)
        self.roster_model.set_rows(members)
        self.staffing_view.resizeColumnsToContents()
        self.roster_view.resizeColumnsToContents()
        self.retranslate()
        self._offer()

    def _offer(self) -> None:
        """Each button enabled only for whom the service would let take the step, its tooltip saying why not
        (Art. 15): staff, leaders and professionals' visits need 维护网格人员 here, the work log 受理诉求; leaders
        besides a role this user may name here or one level below (Art. 8)."""
        name = self.leader_places[0][1] if self.leader_places else None
        for button in (self.add_button, self.edit_button, self.end_button, self.visit_button):
            permissions.offer(button, self.actor, Permission.MANAGE_STAFF, self.code, name)
        offered = permissions.offer(self.leader_button, self.actor, Permission.MANAGE_STAFF, self.code, name,
                                    reason=self.leader_offer.refusal)
        self.leader_button.setEnabled(offered and bool(self.leader_offer.places))  # not before they are loaded
        permissions.offer(self.work_button, self.actor, Permission.INTAKE, self.code, name)
        self._offer_end_leader()

    def _offer_end_leader(self, *_selection) -> None:
        rows = self.leaders_view.selectionModel().selectedRows()
        reason = self._why_not_end(self.leaders_model.rows[rows[0].row()] if rows else None)
        self.end_leader_button.setEnabled(not reason)
        self.end_leader_button.setToolTip(reason)

    def _why_not_end(self, leader) -> str:
        """Why this user may not end the leadership chosen ("" when they may): the county names contact
        leaders and instructors, the township a village's chief (Art. 8); one ended is not ended again.
        With none chosen, whether they may end any here."""
        name = self.leader_places[0][1] if self.leader_places else None
        term = self.leaders_model.terms.get(leader.id) if leader is not None else None
        if term is None:
            return permissions.missing(self.actor, Permission.MANAGE_STAFF, self.code, name)
        if term.refusal:
            return term.refusal
        if term.end_on is not None:
            return (self.tr("%1 的%2任职已办理卸任,最后任职日为 %3,此后不再列入名单").replace("%1", leader.name)
                    .replace("%2", label(leader.role)).replace("%3", term.end_on.isoformat()))
        return permissions.missing(self.actor, Permission.MANAGE_STAFF, term.scope_code, term.scope_name)

    def _selected_member(self):
        return self._selected(self.roster_view, self.roster_model)

    def _selected(self, view: QTableView, model, title: str | None = None):
        """The row chosen in `view`, or None after saying to choose one (titled for the tab, `title`)."""
        rows = view.selectionModel().selectedRows()
        if not rows:
            dialogs.information(self, title or self.tr("网格人员"), self.tr("请先在名单中选中一人"))
            return None
        return model.rows[rows[0].row()]

    def _run(self, fn, *args, on_error=None, **kwargs) -> None:
        """A change through the task runner; the bus tells every view (this one too) to reload."""
        def done(_result) -> None:
            self.window_.bus.changed.emit("staff")

        self.tasks.submit(fn, *args, on_done=done, on_error=on_error or (lambda exc: dialogs.show_error(self, exc)),
                          **kwargs)

    def _submit_form(self, form: QDialog, fn, fresh=None) -> None:
        """Open `form`; on OK run `fn` with the actor and the form's values (read on the GUI thread). A refusal
        (a mistyped phone, a second 网格长 of Art. 10, another administrator's change since) is shown and the
        form opens again holding every entry (resubmit.submit_form; `fresh` as there)."""
        def save(refused) -> None:
            self._run(fn, self.db, self.actor, on_error=refused, **form.values())

        submit_form(self, form, save, fresh=fresh)

    def add_staff(self) -> None:
        dialog = AddStaffDialog([(r.grid_code, r.grid_name) for r in self.staffing_model.rows], self)
        self._submit_form(dialog, staff_admin.add_grid_staff)

    def edit_person(self) -> None:
        """A phone changed or a leave taken: the roster, the wall and the notice sheets to reprint follow."""
        member = self._selected_member()
        if member is None:
            return

        def now():  # the person as the roster lists them now; None once they serve none of its grids
            return next((m for m in staff.roster(self.db, self.actor, self.code) if m.person_id == member.person_id),
                        None)

        self._submit_form(PersonForm(member, self), staff_admin.update_person, fresh=now)

    def end_role(self) -> None:
        member = self._selected_member()
        if member is None or not dialogs.confirm(
                self, self.tr("离任"), self.tr("%1 以今日为最后任职日,卸任 %2 的%3?(明日起不再列入名单)")
                .replace("%1", member.name).replace("%2", member.grid_name).replace("%3", label(member.role))):
            return
        self._run(staff_admin.end_serving, self.db, self.actor, person_id=member.person_id,
                  grid_code=member.grid_code, role=member.role, end_on=beijing_today())

    def add_leader(self) -> None:
        """Art. 8: the form offers only the roles this user may name at each place (the service checks again)."""
        self._submit_form(LeaderForm(self.leader_offer.places, self), staff_admin.assign_leadership)

    def end_leader(self) -> None:
        """Art. 8: a contact leader, instructor or chief who leaves the post is no longer listed from tomorrow."""
        leader = self._selected(self.leaders_view, self.leaders_model, self.tr("挂点领导、指导员、总负责人"))
        if leader is None:
            return
        if reason := self._why_not_end(leader):  # refused before the question is asked, not after
            dialogs.warning(self, self.tr("卸任"), reason)
            return
        if not dialogs.confirm(
                self, self.tr("卸任"), self.tr("%1 以今日为最后任职日,卸任 %2 的%3?(明日起不再列入名单)")
                .replace("%1", leader.name).replace("%2", leader.place_name).replace("%3", label(leader.role))):
            return
        self._run(staff_admin.end_leadership, self.db, self.actor, leader.id, end_on=beijing_today())

    def log_work(self) -> None:
        if not self.roster_model.rows:
            dialogs.information(self, self.tr("记录网格工作"), self.tr("这里还没有网格工作人员"))
            return
        self._submit_form(WorkLogForm(self.roster_model.rows, self), staff_admin.log_work)

    def log_visit(self) -> None:
        grids = [(r.grid_code, r.grid_name) for r in self.staffing_model.rows]
        form = VisitForm(self.professionals, grids, self)
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        registration, visit = form.registration(), form.visit()

        def record() -> int:
            if registration is not None:
                visit["professional_id"] = staff_admin.add_professional(self.db, self.actor, **registration).id
            return staff_admin.log_professional_visit(self.db, self.actor, **visit)

        self._run(record)
