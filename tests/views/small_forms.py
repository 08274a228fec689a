"""The small forms of the desk, made for a test without the windows that open them."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from PySide6.QtWidgets import QDialog

from desktop.models.enums import LeadershipRole, PersonStatus, PlaceLevel, Role, StaffRole, StaffSource
from desktop.tasks import SyncTaskRunner
from desktop.views.accounts.forms import GrantForm
from desktop.views.analytics.governance_panel import AcceptDialog
from desktop.views.calendar.window import DayForm
from desktop.views.departments.forms import ContactForm, DepartmentForm
from desktop.views.dialogs import TextDialog
from desktop.views.emergencies.ladder_moment import LadderMomentDialog
from desktop.views.emergencies.report_dialog import EmergencyReportDialog
from desktop.views.matters.item_form import ItemForm
from desktop.views.matters.rectification_form import RectificationForm, ReturnForm
from desktop.views.people.add_staff_dialog import AddStaffDialog
from desktop.services.staff import StaffMember
from desktop.services.staff_admin import LeadershipPlace
from desktop.views.people.forms import LeaderForm, PersonForm, VisitForm, WorkLogForm

QIAOGANG = "450503103000"
GRID = ("450503103001", "侨南网格")
NOTICE = SimpleNamespace(department="市场监管所", reason="签收不及时", latest_report="已整改", due_on=date(2026, 12, 1))
# The forms where text is typed, by name.
FORMS = {
    "reason": lambda fx: TextDialog(None, "不予派遣", "理由"),
    "emergency": lambda fx: EmergencyReportDialog(fx.sqlite_db, fx.system, SyncTaskRunner(), township_code=QIAOGANG),
    "ladder": lambda fx: LadderMomentDialog(None, None, SyncTaskRunner(), SimpleNamespace(id=1, version=1), "报送",
                                            lambda info: "说明", "报送时间", lambda *a: None, content_label="报送内容"),
    "account": lambda fx: GrantForm([Role.OPERATOR], [(QIAOGANG, "侨港镇", PlaceLevel.TOWNSHIP)], [],
                                    new_account=True),
    "matter item": lambda fx: ItemForm([(1, "市场监管所")]),
    "rectification": lambda fx: RectificationForm([(1, "市场监管所")]),
    "return": lambda fx: ReturnForm(NOTICE),
    "staff": lambda fx: AddStaffDialog([GRID]),
    "leader": lambda fx: LeaderForm((LeadershipPlace(QIAOGANG, "侨港镇", tuple(LeadershipRole)),)),
    "person": lambda fx: PersonForm(StaffMember(7, "黎敏", StaffRole.GRID_MEMBER, StaffSource.VOLUNTEER, "13912340000",
                                                PersonStatus.ACTIVE, *GRID, 1)),
    "work log": lambda fx: WorkLogForm([]),
    "visit": lambda fx: VisitForm([(7, "李律师 · 海城区人民法院")], [GRID]),
    "department": lambda fx: DepartmentForm([(QIAOGANG, "侨港镇")]),
    "contact": lambda fx: ContactForm(),
    "governance": lambda fx: AcceptDialog(None, [(1, "市场监管所")]),
    "calendar day": lambda fx: DayForm(2027),
}


def make(request, name) -> QDialog:
    """The form `name`; the database is made only for the forms that need one."""
    needs = SimpleNamespace(sqlite_db=None, system=None)
    if name == "emergency":
        needs = SimpleNamespace(sqlite_db=request.getfixturevalue("sqlite_db"),
                                system=request.getfixturevalue("system"))
    return FORMS[name](needs)
