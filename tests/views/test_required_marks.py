"""Required fields are marked on the forms (a red asterisk, "必填" for screen readers, one legend), and
the marks agree with what the services refuse: every field a service will not go without is marked
where it can be left empty, and nothing else is."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from desktop.errors import ValidationFailed
from desktop.models.enums import LeadershipRole, PlaceLevel, Role
from desktop.services import emergencies
from desktop.services.staff_admin import LeadershipPlace
from desktop.tasks import SyncTaskRunner
from desktop.views.accounts.forms import GrantForm, PasswordForm
from desktop.views.analytics.governance_panel import AcceptDialog
from desktop.views.calendar.window import DayForm
from desktop.views.cases.new_case_dialog import NewCaseDialog
from desktop.views.departments.forms import ContactForm, DepartmentForm
from desktop.views.emergencies.report_dialog import EmergencyReportDialog
from desktop.views.matters.item_form import ItemForm
from desktop.views.matters.rectification_form import RectificationForm, ReturnForm
from desktop.views.people.add_staff_dialog import AddStaffDialog
from desktop.views.people.forms import LeaderForm, VisitForm, WorkLogForm

QIAOGANG = "450503103000"
GRID = ("450503103001", "侨南网格")


def marked(root: QWidget) -> set:
    """The fields (widgets or layouts) whose row caption is marked required, in every form under `root`."""
    found = set()
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            caption = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if caption is not None and caption.widget().property("required"):
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                found.add(field.widget() or field.layout())
    return found


def legends(root: QWidget) -> list[QLabel]:
    return root.findChildren(QLabel, "required_legend")


def legend_is_first(root: QWidget) -> bool:
    """Whether the legend is the first row of its form, shown above every field."""
    (legend,) = legends(root)
    form = next(form for form in root.findChildren(QFormLayout) if form.indexOf(legend) >= 0)
    first = form.itemAt(0, QFormLayout.ItemRole.SpanningRole)
    return first is not None and first.widget() is legend


def refused_fields(refusal: ValidationFailed) -> set[str]:
    """The field names a service's refusal names, as in "标题(title):必填"."""
    return {match.group(1) for problem in refusal.problems if (match := re.match(r"[^(]*\((\w+)\):", problem))}


def test_the_new_case_form_marks_what_intake_refuses_to_take_in_empty(qtbot, sqlite_db, system):
    dialog = NewCaseDialog(sqlite_db, system, SyncTaskRunner(), township_code=QIAOGANG)
    qtbot.addWidget(dialog)
    refusals = []
    dialog._failed = refusals.append
    dialog.save()  # nothing filled in: the service says what it needs
    (refusal,) = refusals
    assert marked(dialog) == {dialog._fields[name] for name in refused_fields(refusal)}
    assert marked(dialog) == {dialog.channel, dialog.title_edit, dialog.description, dialog.category}
    caption = dialog.findChild(QFormLayout).labelForField(dialog.title_edit)
    assert "*" in caption.text() and caption.toolTip() == "必填"
    assert dialog.title_edit.accessibleDescription() == "必填"
    assert "必填" not in dialog.title_edit.placeholderText()  # said once, by the mark
    assert len(legends(dialog)) == 1 and "为必填项" in legends(dialog)[0].text()


def test_the_emergency_report_marks_what_the_service_refuses_to_send_empty(qtbot, sqlite_db, system):
    dialog = EmergencyReportDialog(sqlite_db, system, SyncTaskRunner(), township_code=QIAOGANG)
    qtbot.addWidget(dialog)
    form = dialog.form
    with pytest.raises(ValidationFailed) as refused:
        emergencies.report(sqlite_db, system, township_code=QIAOGANG, **form.values())
    fields = {"type": form.type, "level": form.level, "title": form.title_edit, "place_text": form.place,
              "summary": form.summary}
    assert refused_fields(refused.value) == set(fields)  # the times always hold one
    assert marked(dialog) == set(fields.values())
    assert len(legends(dialog)) == 1


def test_the_legend_stays_above_the_township_row_the_report_inserts_later(qtbot, sqlite_db, system):
    dialog = EmergencyReportDialog(sqlite_db, system, SyncTaskRunner(), under="450503")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: legend_is_first(dialog))
    assert dialog.form.layout().labelForField(dialog.township).text() == "所属乡镇(街道)"
    later = QLabel()  # a row inserted on the open form goes below the legend too
    dialog.form.layout().insertRow(0, "later", later)
    qtbot.waitUntil(lambda: legend_is_first(dialog))
    assert dialog.form.layout().getWidgetPosition(later)[0] == 1


def test_a_callback_asks_for_the_answer_only_of_a_requester_reached(qtbot, demo_db):
    from desktop.services import users
    from desktop.views.cases.callback_workbench import CallbackWorkbench

    workbench = CallbackWorkbench(demo_db, users.actor_for(demo_db, "qg_op1"), SyncTaskRunner())
    qtbot.addWidget(workbench)
    assert marked(workbench) == {workbench.solved, workbench.satisfaction}  # callbacks.record_callback
    workbench.reached.setChecked(False)
    assert marked(workbench) == set()
    workbench.reached.setChecked(True)
    assert marked(workbench) == {workbench.solved, workbench.satisfaction}
    assert len(legends(workbench)) == 1


def test_a_liaisons_department_is_marked_only_for_the_liaison_role(qtbot):
    form = GrantForm([Role.OPERATOR, Role.LIAISON], [(QIAOGANG, "侨港镇", PlaceLevel.TOWNSHIP)], [],
                     new_account=True)
    qtbot.addWidget(form)
    assert marked(form) == {form.username, form.password, form.again}  # users.add_user
    form.role.setCurrentIndex(form.role.findData(Role.LIAISON.value))
    assert marked(form) == {form.username, form.password, form.again, form.department}
    form.role.setCurrentIndex(form.role.findData(Role.OPERATOR.value))
    assert form.department not in marked(form)
    assert len(legends(form)) == 1


def test_a_liaisons_department_is_not_marked_for_an_account_that_has_one(qtbot):
    """accounts.grant_role takes the account's own department when none is chosen."""
    from desktop.services.departments import DepartmentInfo

    places = [(QIAOGANG, "侨港镇", PlaceLevel.TOWNSHIP)]
    others = [DepartmentInfo(id=9, code="QG-SJ", name="侨港市场监管所", short_name="市场监管所", level=None,
                             place_code=QIAOGANG, place_name="侨港镇", phone=None, active=True, version=1,
                             parent_code=None, parent_name=None, signs_at_desk=True)]
    form = GrantForm([Role.OPERATOR, Role.LIAISON], places, others, account_department="侨港派出所")
    qtbot.addWidget(form)
    form.role.setCurrentIndex(form.role.findData(Role.LIAISON.value))
    assert form.department not in marked(form)
    assert form.department.currentText() == "(沿用账号所属的侨港派出所)"
    assert form.department.count() == 1  # another department is refused after OK (accounts.grant_role): none offered
    form = GrantForm([Role.OPERATOR, Role.LIAISON], places, [])
    qtbot.addWidget(form)
    form.role.setCurrentIndex(form.role.findData(Role.LIAISON.value))
    assert form.department in marked(form)


def test_a_professional_already_registered_needs_no_name_or_unit(qtbot):
    form = VisitForm([(7, "李律师 · 海城区人民法院")], [GRID])
    qtbot.addWidget(form)
    assert marked(form) == {form.name, form.organisation, form.purpose}  # staff_admin: register, record_visit
    form.professional.setCurrentIndex(1)
    assert marked(form) == {form.purpose}


NOTICE = SimpleNamespace(department="市场监管所", reason="签收不及时", latest_report="已整改", due_on=date(2026, 12, 1))


@pytest.mark.parametrize(("make", "required"), [
    # What each service refuses empty: matter_list.ItemDraft.problems, matter_list.issue_rectification and
    # return_rectification, staff_admin (name, summary), departments._clean and department_contacts._clean,
    # governance: the owner department, users: the passwords; the calendar's name may be left out.
    (lambda parent: ItemForm([(1, "市场监管所")], parent=parent), ("code", "title")),
    (lambda parent: RectificationForm([(1, "市场监管所")], parent=parent), ("reason",)),
    (lambda parent: ReturnForm(NOTICE, parent=parent), ("reason",)),
    (lambda parent: AddStaffDialog([GRID], parent=parent), ("name",)),
    (lambda parent: LeaderForm((LeadershipPlace(QIAOGANG, "侨港镇", tuple(LeadershipRole)),), parent=parent), ("name",)),
    (lambda parent: WorkLogForm([], parent=parent), ("summary",)),
    (lambda parent: DepartmentForm([(QIAOGANG, "侨港镇")], parent=parent), ("code", "name")),
    (lambda parent: ContactForm(parent=parent), ("name", "phone")),
    (lambda parent: AcceptDialog(parent, [(1, "市场监管所")]), ("department",)),
    (lambda parent: PasswordForm(parent, ask_old=True), ("old", "new", "again")),
    (lambda parent: DayForm(2027, parent=parent), ()),
])
def test_each_form_marks_what_its_service_requires_and_nothing_else(qtbot, make, required):
    parent = QWidget()
    qtbot.addWidget(parent)
    form = make(parent)
    assert marked(form) == {getattr(form, name) for name in required}
    assert len(legends(form)) == (1 if required else 0)
    if required:
        form.show()
        assert legend_is_first(form)
