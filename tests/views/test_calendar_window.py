"""The 工作日历 window and the main window's warning with qtbot: a day entered or removed, a CSV
imported or refused row by row, the warning while open deadlines run into 2027, admins only."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from desktop.errors import PermissionDenied
from desktop.models import Assignment, Case, Department, Place
from desktop.models.enums import AssignmentRole, DayKind, DepartmentLevel, PlaceLevel, Role
from desktop.services import calendar_admin
from desktop.services.calendar_admin import DayEntry
from desktop.services.security import Actor, Grant
from desktop.views import dialogs, menus
from desktop.views.calendar import open_calendar, window as calendar_window
from desktop.views.calendar.window import CalendarWindow, DayForm
from desktop.views.main_window import MainWindow

TOWNSHIP = "450503103000"
ADMIN = Actor(username="qg_admin", display_name="侨港管理员", grants=(Grant(Role.TOWNSHIP_ADMIN, TOWNSHIP, PlaceLevel.TOWNSHIP),))
OPERATOR = Actor(username="qg_op", display_name="侨港值班员", grants=(Grant(Role.OPERATOR, TOWNSHIP, PlaceLevel.TOWNSHIP),))
BEIJING = timezone(timedelta(hours=8))


@pytest.fixture
def answered(monkeypatch):
    """Message boxes answered without showing them; what they said is kept."""
    said = []
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: True)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: said.append(str(exc)))
    return said


def dispatch_into_2027(db) -> None:
    """An open assignment dispatched on Mon 28 Dec 2026: 5 working days end in January 2027."""
    with db.session() as session:
        township = session.scalar(select(Place).where(Place.code == TOWNSHIP))
        police = Department(code="qg-police", name="侨港派出所", short_name="派出所",
                            level=DepartmentLevel.TOWNSHIP, place_id=township.id)
        session.add(police)
        session.flush()
        start = datetime(2026, 12, 28, 10, tzinfo=BEIJING)
        due = datetime(2027, 1, 5, tzinfo=BEIJING)  # Mon–Fri: 29, 30, 31 Dec, 1, 4 Jan
        session.add(Assignment(case_id=session.scalar(select(Case.id).limit(1)), department_id=police.id,
                               role=AssignmentRole.LEAD, dispatched_at=start, sign_due_at=start + timedelta(days=1),
                               due_at=due, original_due_at=due))
        session.commit()


def answer_day_form(monkeypatch, day: date, kind: DayKind, name: str) -> None:
    def fill(form: DayForm):
        form.day.setDate(QDate(day.year, day.month, day.day))
        form.kind.setCurrentIndex(form.kind.findData(kind.value))
        form.name.setText(name)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DayForm, "exec", fill)


def cells(calendar: CalendarWindow) -> list[list[str]]:
    model = calendar.days_model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_a_day_entered_in_the_window_reaches_the_service_and_the_table(
        qtbot, qtmodeltester, desk_db, tasks, answered, monkeypatch, feature_window):
    dispatch_into_2027(desk_db)
    window = feature_window(desk_db, ADMIN, tasks)
    topics = []
    window.bus.changed.connect(topics.append)
    calendar = open_calendar(window, 2027)
    qtbot.addWidget(calendar)
    qtmodeltester.check(calendar.days_model)
    assert "尚未公布也未录入" in calendar.status.text() and not calendar.remove_button.isEnabled()

    answer_day_form(monkeypatch, date(2027, 1, 1), DayKind.HOLIDAY, "元旦")
    calendar.add_button.click()
    assert calendar_admin.list_days(desk_db, 2027) == [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")]
    assert cells(calendar) == [["2027-01-01", "周五", "法定节假日", "元旦"]]
    assert "已在本系统录入" in calendar.status.text()
    assert "已录入 2027-01-01" in calendar.report.text() and "重算了 1 项" in calendar.report.text()
    assert topics == ["calendar", "cases"] and answered == []

    calendar.days_view.selectRow(0)
    assert calendar.remove_button.isEnabled()
    calendar.remove_button.click()
    assert calendar_admin.list_days(desk_db, 2027) == [] and cells(calendar) == []
    assert "已删除 2027-01-01" in calendar.report.text() and "重算了 1 项" in calendar.report.text()
    assert "尚未公布也未录入" in calendar.status.text()


def test_a_refused_day_is_reported_in_the_window(qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2027)
    qtbot.addWidget(calendar)
    answer_day_form(monkeypatch, date(2027, 1, 5), DayKind.WORKDAY, "")  # a Tuesday
    calendar.add_button.click()
    assert "2027-01-05 未录入" in calendar.report.text()
    assert "周六或周日" in calendar.problems.toPlainText() and calendar.problems.isVisibleTo(calendar)
    assert calendar_admin.list_days(desk_db, 2027) == [] and calendar.add_button.isEnabled()


def test_a_bad_csv_names_its_rows_and_a_good_one_replaces_the_year(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window, tmp_path):
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2028)
    qtbot.addWidget(calendar)
    path = tmp_path / "2027.csv"
    monkeypatch.setattr(calendar_window, "ask_csv_path", lambda parent: str(path))
    path.write_text("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n2027-02-06,day off,调休\n",
                    encoding="utf-8")
    calendar.import_button.click()
    assert "未导入任何内容" in calendar.report.text()
    assert calendar.problems.toPlainText().splitlines() == [
        "第 3 行 date:'2027-02-30' 不是 YYYY-MM-DD 格式的日期",
        "第 4 行 kind:'day off' 应为 holiday/法定节假日 或 workday/调休上班"]
    assert calendar_admin.list_days(desk_db, 2027) == []

    path.write_text("2027-01-01,holiday,元旦\n2027-02-06,调休上班,春节调休\n", encoding="gbk")
    calendar.import_button.click()
    assert not calendar.problems.isVisibleTo(calendar)
    assert "已导入 2027 年节假日安排 2 天" in calendar.report.text()
    assert calendar.year_box.value() == 2027  # the imported year is shown
    assert [row[:3] for row in cells(calendar)] == [["2027-01-01", "周五", "法定节假日"],
                                                    ["2027-02-06", "周六", "调休上班"]]


def test_a_published_year_shows_the_state_councils_days_read_only(qtbot, desk_db, tasks, answered, feature_window):
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2026)
    qtbot.addWidget(calendar)
    assert "国务院已公布" in calendar.status.text()
    assert ["2026-10-10", "周六", "调休上班", "国庆节"] in cells(calendar)
    calendar.days_view.selectRow(0)
    assert not calendar.add_button.isEnabled() and not calendar.remove_button.isEnabled()
    assert calendar.import_button.isEnabled()
    calendar.year_box.setValue(2027)
    assert cells(calendar) == [] and calendar.add_button.isEnabled()


@pytest.mark.law("Art. 15")
def test_an_operator_sees_the_calendar_read_only_and_is_refused_by_the_service(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    calendar = open_calendar(feature_window(desk_db, OPERATOR, tasks), 2027)
    qtbot.addWidget(calendar)
    assert calendar.read_only_note.isVisibleTo(calendar)
    assert not any(b.isEnabled() for b in (calendar.add_button, calendar.remove_button, calendar.import_button))
    # Were the buttons reached anyway, the service refuses and the window says so.
    answer_day_form(monkeypatch, date(2027, 1, 1), DayKind.HOLIDAY, "元旦")
    calendar.add_day()
    assert "维护节假日" in calendar.report.text() and "Art. 15" in calendar.report.text()
    assert calendar_admin.list_days(desk_db, 2027) == []
    with pytest.raises(PermissionDenied):
        calendar_admin.remove_day(desk_db, OPERATOR, date(2027, 1, 1))


def test_the_main_window_warns_until_the_year_is_entered(qtbot, desk_db, tasks, system, answered, monkeypatch):
    main = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(main)
    warning = main.calendar_warning
    assert not warning.isVisibleTo(main)  # no open deadline runs into an unknown year yet

    dispatch_into_2027(desk_db)
    main.bus.changed.emit("cases")  # a dispatch, here or on another desktop
    assert warning.isVisibleTo(main) and "2027 年" in warning.text.text()

    calendar = warning.open_calendar()
    qtbot.addWidget(calendar)
    assert calendar.year_box.value() == 2027 and calendar.parent() is main
    answer_day_form(monkeypatch, date(2027, 1, 1), DayKind.HOLIDAY, "元旦")
    calendar.add_button.click()
    assert not warning.isVisibleTo(main)

    calendar.days_view.selectRow(0)
    calendar.remove_button.click()  # 2027 unknown again
    assert warning.isVisibleTo(main)


def test_the_calendar_is_in_the_menu_beside_the_matter_list(qtbot, desk_db, tasks, system):
    feature = next(f for f in menus.FEATURE_ACTIONS if f.id == "calendar.workdays")
    assert feature.menu == "事项清单"
    main = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(main)
    main.run_feature(feature)
    [calendar] = main.findChildren(CalendarWindow)
    assert calendar.isVisible() and calendar.windowTitle() == "工作日历"
