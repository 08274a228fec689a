"""The 工作日历 window and the main window's warning with qtbot: a year not known entered whole in
rows (refused rows named) and then a day added or removed, a CSV imported or refused row by row,
the warning while open deadlines run into 2027; the calendar is the whole city's, so a city
administrator changes it and a township's admin, like an operator, reads it."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from desktop.errors import DatabaseUnavailable, PermissionDenied
from desktop.models import Assignment, Case, Department, Place
from desktop.models.enums import AssignmentRole, DayKind, DepartmentLevel, PlaceLevel, Role
from desktop.models.places import CITY_CODE
from desktop.services import calendar_admin
from desktop.services.calendar_admin import DayEntry, YearStatus
from desktop.services.security import Actor, Grant
from desktop.views import menus
from desktop.views.calendar import open_calendar, window as calendar_window
from desktop.views.calendar.warning import CalendarWarning
from desktop.views.calendar.window import CalendarWindow, DayForm, YearForm
from desktop.views.main_window import MainWindow

from .deferred import Deferred

TOWNSHIP = "450503103000"
ADMIN = Actor(username="bh_admin", display_name="北海市管理员", grants=(Grant(Role.CITY_ADMIN, CITY_CODE, PlaceLevel.CITY),))
TOWNSHIP_ADMIN = Actor(username="qg_admin", display_name="侨港管理员",
                       grants=(Grant(Role.TOWNSHIP_ADMIN, TOWNSHIP, PlaceLevel.TOWNSHIP),))
OPERATOR = Actor(username="qg_op", display_name="侨港值班员", grants=(Grant(Role.OPERATOR, TOWNSHIP, PlaceLevel.TOWNSHIP),))
BEIJING = timezone(timedelta(hours=8))


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


def answer_day_form(monkeypatch, day: date, kind: DayKind, name: str, *, regional: bool | None = None,
                    seen: list | None = None) -> None:
    """Fill the day form as a person would; `regional` ticks or clears the box even where it is fixed
    (as a form reached some other way might); `seen` gets (box ticked, box enabled) as the form opened."""
    def fill(form: DayForm):
        if seen is not None:
            seen.append((form.regional.isChecked(), form.regional.isEnabled()))
        form.day.setDate(QDate(day.year, day.month, day.day))
        form.kind.setCurrentIndex(form.kind.findData(kind.value))
        form.name.setText(name)
        if regional is not None:
            form.regional.setChecked(regional)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DayForm, "exec", fill)


def fill_rows(form: YearForm, entries: list[DayEntry]) -> None:
    """Type each entry into a row of its own, as a person would: add a row, then set its cells."""
    for entry in entries:
        form.add_row_button.click()
        row = form.table.rowCount() - 1
        form.table.cellWidget(row, YearForm.DAY).setDate(QDate(entry.day.year, entry.day.month, entry.day.day))
        kind = form.table.cellWidget(row, YearForm.KIND)
        kind.setCurrentIndex(kind.findData(entry.kind.value))
        form.table.cellWidget(row, YearForm.NAME).setText(entry.name)


def answer_year_form(monkeypatch, entries: list[DayEntry]) -> None:
    def fill(form: YearForm):
        fill_rows(form, entries)
        form.save_button.click()
        return form.result()  # accepted once the service took the rows

    monkeypatch.setattr(YearForm, "exec", fill)


def cells(calendar: CalendarWindow) -> list[list[str]]:
    model = calendar.days_model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_a_year_not_known_is_entered_whole_in_the_window_and_then_day_by_day(
        qtbot, qtmodeltester, desk_db, tasks, answered, monkeypatch, feature_window):
    dispatch_into_2027(desk_db)
    window = feature_window(desk_db, ADMIN, tasks)
    topics = []
    window.bus.changed.connect(topics.append)
    calendar = open_calendar(window, 2027)
    qtbot.addWidget(calendar)
    qtmodeltester.check(calendar.days_model)
    assert "程序未内置该年的国务院安排,也未录入" in calendar.status.text() and "录入全年安排" in calendar.status.text()
    assert calendar.enter_year_button.isEnabled() and not calendar.remove_button.isEnabled()
    assert calendar.add_button.isEnabled() and "广西地方节假日" in calendar.add_button.toolTip()  # those only

    answer_year_form(monkeypatch, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")])
    calendar.enter_year_button.click()
    assert calendar_admin.list_days(desk_db, 2027) == [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")]
    assert cells(calendar) == [["2027-01-01", "周五", "法定节假日", "元旦", "全国"]]
    assert "已在本系统录入" in calendar.status.text()
    report = calendar.outcome.text.text()
    assert "已录入 2027 年全年安排 1 天" in report and "1 项期限随之重算" in report
    assert topics == ["calendar", "cases"] and answered == []
    assert calendar.add_button.isEnabled()
    assert not calendar.enter_year_button.isEnabled()  # an entered year is corrected day by day or re-imported

    seen = []
    answer_day_form(monkeypatch, date(2027, 1, 4), DayKind.HOLIDAY, "元旦", seen=seen)
    calendar.add_button.click()
    assert seen == [(False, True)]  # an entered year takes national days too
    assert [row[0] for row in cells(calendar)] == ["2027-01-01", "2027-01-04"]
    assert "已录入 2027-01-04" in calendar.outcome.text.text() and "1 项期限随之重算" in calendar.outcome.text.text()

    calendar.days_view.selectRow(1)
    assert calendar.remove_button.isEnabled()
    calendar.remove_button.click()
    assert calendar_admin.list_days(desk_db, 2027) == [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")]
    assert "已删除 2027-01-04" in calendar.outcome.text.text() and "1 项期限随之重算" in calendar.outcome.text.text()

    calendar.days_view.selectRow(0)
    calendar.remove_button.click()  # the year's last entered day: not known any more
    assert calendar_admin.list_days(desk_db, 2027) == [] and cells(calendar) == []
    assert "程序未内置该年的国务院安排,也未录入" in calendar.status.text()
    assert calendar.enter_year_button.isEnabled() and calendar.add_button.isEnabled()


def test_the_year_form_adds_and_removes_rows_and_saves_nothing_while_a_row_is_refused(
        qtbot, desk_db, tasks, answered, feature_window):
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2027)
    qtbot.addWidget(calendar)
    form = YearForm(2027, desk_db, ADMIN, tasks, calendar)
    assert form.table.rowCount() == 0 and not form.save_button.isEnabled()

    form.add_row_button.click()
    first_day = form.table.cellWidget(0, YearForm.DAY)
    # From the December before: 2027's schedule may put days there (as 2019's did in December 2018).
    assert (first_day.minimumDate(), first_day.maximumDate()) == (QDate(2026, 12, 1), QDate(2027, 12, 31))
    form.table.cellWidget(0, YearForm.NAME).setText("元旦")
    form.add_row_button.click()  # a holiday runs on: the next day, the same kind and name
    assert form.entries() == [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
                              DayEntry(date(2027, 1, 2), DayKind.HOLIDAY, "元旦")]
    fill_rows(form, [DayEntry(date(2027, 1, 5), DayKind.WORKDAY, "调休"),  # a Tuesday
                     DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "新年")])
    form.save_button.click()
    assert form.result() != QDialog.DialogCode.Accepted and form.saved is None
    assert "未作任何修改" in form.outcome.text.text()
    assert form.outcome.problems.toPlainText().splitlines() == [
        "第 3 行 2027-01-05:调休上班日应为周六或周日", "第 4 行 2027-01-01:与第 1 行日期重复"]
    assert calendar_admin.list_days(desk_db, 2027) == [] and form.save_button.isEnabled()

    form.table.cellWidget(3, YearForm.REMOVE).click()
    form.table.cellWidget(2, YearForm.DAY).setDate(QDate(2027, 2, 6))  # a Saturday
    form.save_button.click()
    assert form.result() == QDialog.DialogCode.Accepted and form.saved.days == 3
    assert calendar_admin.list_days(desk_db, 2027) == [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
                                                       DayEntry(date(2027, 1, 2), DayKind.HOLIDAY, "元旦"),
                                                       DayEntry(date(2027, 2, 6), DayKind.WORKDAY, "调休")]


def test_a_year_lacking_festivals_is_saved_only_once_the_admin_shown_each_gap_says_so(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window, tmp_path):
    """Five rows of 2027 and Enter had saved the year: known from then on, with 清明, 劳动节, 端午, 中秋 and
    国庆 counted as working days and a row without a name taken. Each gap is now listed before saving,
    and the year saved only on a yes; a CSV import asks the same, before any replacing."""
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2027)
    qtbot.addWidget(calendar)
    form = YearForm(2027, desk_db, ADMIN, tasks, calendar)
    fill_rows(form, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
                     *(DayEntry(date(2027, 2, day), DayKind.HOLIDAY, "春节") for day in (8, 9, 10)),
                     DayEntry(date(2027, 2, 20), DayKind.WORKDAY, "")])
    asked, answer = [], [False]
    monkeypatch.setattr(calendar_window.dialogs, "confirm",
                        lambda parent, title, text, **_: asked.append((title, text)) or answer[0])
    form.show()
    qtbot.keyClick(form.table.cellWidget(4, YearForm.NAME), Qt.Key.Key_Return)  # Enter in a field saves
    gaps = ["2027 年缺少清明节:没有名称含“清明”的法定节假日", "2027 年缺少劳动节:没有名称含“劳动”的法定节假日",
            "2027 年缺少端午节:没有名称含“端午”的法定节假日", "2027 年缺少中秋节:没有名称含“中秋”的法定节假日",
            "2027 年缺少国庆节:2027-10-01 未录入为法定节假日",
            "2027 年 2027-02-20 没有名称:各节日按名称核对,请填写(如 春节、春节调休)"]
    assert [title for title, _ in asked] == ["安排不完整"]
    assert asked[0][1].splitlines()[1:-1] == [f"• {gap}" for gap in gaps]
    assert form.result() != QDialog.DialogCode.Accepted and form.saved is None
    assert form.outcome.text.text() == "未保存:请补全该年的安排后再保存。"
    assert form.outcome.problems.toPlainText().splitlines() == gaps
    assert calendar_admin.list_days(desk_db, 2027) == [] and form.save_button.isEnabled()

    answer[0] = True  # a deliberate choice, the gaps in sight
    form.save_button.click()
    assert form.result() == QDialog.DialogCode.Accepted and form.saved.days == 5
    assert calendar_admin.year_calendar(desk_db, 2027).status is YearStatus.ENTERED

    path = tmp_path / "2028.csv"
    path.write_text("2028-01-03,holiday,元旦\n", encoding="utf-8")
    monkeypatch.setattr(calendar_window, "ask_csv_path", lambda parent: str(path))
    answer[0] = False
    calendar.import_button.click()
    assert len(asked) == 3 and asked[2][1].splitlines()[1] == "• 2028 年缺少春节:没有名称含“春节”的法定节假日"
    assert calendar.outcome.text.text() == "未导入:请补全文件中该年的安排后再导入。"
    assert calendar_admin.list_days(desk_db, 2028) == [] and calendar.import_button.isEnabled()


def test_the_year_form_opens_on_its_add_row_button(qtbot, desk_db, tasks):
    """The first key opens the first row: the focus had been on the empty table, where keys do nothing."""
    form = YearForm(2027, desk_db, ADMIN, tasks)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: form.focusWidget() is not None)
    assert form.focusWidget() is form.add_row_button
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Space)
    assert form.table.rowCount() == 1 and form.focusWidget() is form.table.cellWidget(0, YearForm.DAY)


def test_a_refused_day_is_reported_in_the_window(qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2027)
    qtbot.addWidget(calendar)
    # The form takes only regional days for a year not entered; a national day reached anyway is refused
    # by the service, which says how to enter the year.
    answer_day_form(monkeypatch, date(2027, 1, 1), DayKind.HOLIDAY, "元旦", regional=False)
    calendar.add_day()
    assert "2027-01-01 未录入" in calendar.outcome.text.text()
    assert "导入该年度的全部节假日和调休上班日(CSV)" in calendar.outcome.problems.toPlainText()
    assert calendar_admin.list_days(desk_db, 2027) == []

    new_year = DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")
    calendar_admin.enter_days(desk_db, ADMIN, [new_year], incomplete=True)
    calendar.reload()
    answer_day_form(monkeypatch, date(2027, 1, 5), DayKind.WORKDAY, "")  # a Tuesday
    calendar.add_button.click()
    assert "2027-01-05 未录入" in calendar.outcome.text.text()
    problems = calendar.outcome.problems
    assert "周六或周日" in problems.toPlainText() and problems.isVisibleTo(calendar)
    assert calendar_admin.list_days(desk_db, 2027) == [new_year] and calendar.add_button.isEnabled()


def test_a_bad_csv_names_its_rows_and_a_good_one_replaces_the_year(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window, tmp_path):
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2028)
    qtbot.addWidget(calendar)
    path = tmp_path / "2027.csv"
    monkeypatch.setattr(calendar_window, "ask_csv_path", lambda parent: str(path))
    path.write_text("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n2027-02-06,day off,调休\n",
                    encoding="utf-8")
    calendar.import_button.click()
    assert "未导入任何内容" in calendar.outcome.text.text()
    assert calendar.outcome.problems.toPlainText().splitlines() == [
        "第 3 行 日期(date)“2027-02-30”这一天不存在",
        "第 4 行 类别(kind)“day off”应为 holiday/法定节假日 或 workday/调休上班"]
    assert calendar_admin.list_days(desk_db, 2027) == []

    path.write_text("2027-01-01,holiday,元旦\n2027-02-06,调休上班,春节调休\n2027-10-01,holiday,国庆节\n", encoding="gbk")
    calendar.import_button.click()  # lacking 春节 and the rest, as asked (answered yes) and now said again
    assert calendar.outcome.problems.toPlainText().splitlines()[0] == "2027 年缺少春节:没有名称含“春节”的法定节假日"
    assert "已导入 2027 年节假日安排 3 天" in calendar.outcome.text.text()
    assert calendar.year_box.value() == 2027  # the imported year is shown
    assert [row[:3] for row in cells(calendar)] == [["2027-01-01", "周五", "法定节假日"],
                                                    ["2027-02-06", "周六", "调休上班"],
                                                    ["2027-10-01", "周五", "法定节假日"]]


def test_importing_a_year_entered_already_asks_before_replacing_it(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window, tmp_path):
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2027)
    qtbot.addWidget(calendar)
    calendar_admin.enter_days(desk_db, ADMIN, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
                                               DayEntry(date(2027, 2, 6), DayKind.WORKDAY, "春节调休")], incomplete=True)
    path = tmp_path / "again.csv"
    path.write_text("2027-05-03,holiday,劳动节\n", encoding="utf-8")
    monkeypatch.setattr(calendar_window, "ask_csv_path", lambda parent: str(path))
    asked, answers = [], {"安排不完整": True, "替换已录入的安排": False}
    monkeypatch.setattr(calendar_window.dialogs, "confirm",
                        lambda parent, title, text, **_: asked.append(text) or answers[title])
    calendar.import_button.click()
    assert asked[1:] == ["2027 年已录入 2 天。导入将整体替换这些年份已录入的全部日期,替换?"]
    assert calendar.outcome.text.text() == "未导入:已录入的安排保持不变。"
    assert [e.day for e in calendar_admin.list_days(desk_db, 2027)] == [date(2027, 1, 1), date(2027, 2, 6)]
    assert calendar.import_button.isEnabled()

    answers["替换已录入的安排"] = True
    calendar.import_button.click()
    assert len(asked) == 4 and "已导入 2027 年节假日安排 1 天(替换原有录入 2 天)" in calendar.outcome.text.text()
    assert calendar_admin.list_days(desk_db, 2027) == [DayEntry(date(2027, 5, 3), DayKind.HOLIDAY, "劳动节")]
    assert cells(calendar) == [["2027-05-03", "周一", "法定节假日", "劳动节", "全国"]]
    # A file with no 元旦 nor 国庆节 is entered as asked, and said to lack them.
    assert calendar.outcome.problems.isVisible()
    assert calendar.outcome.problems.toPlainText().startswith(
        "2027 年缺少元旦:2027-01-01 未录入为法定节假日\n2027 年缺少春节:")


def test_a_published_year_shows_the_state_councils_days_read_only(qtbot, desk_db, tasks, answered, feature_window):
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2026)
    qtbot.addWidget(calendar)
    assert "国务院已公布" in calendar.status.text()
    assert ["2026-10-10", "周六", "调休上班", "国庆节", "全国"] in cells(calendar)
    calendar.days_view.selectRow(0)
    assert not any(b.isEnabled() for b in (calendar.enter_year_button, calendar.remove_button))
    assert calendar.import_button.isEnabled() and calendar.add_button.isEnabled()  # a regional day only
    calendar.year_box.setValue(2027)
    assert cells(calendar) == [] and calendar.enter_year_button.isEnabled()


def test_a_december_day_of_next_years_schedule_is_entered_with_it_and_shown_over_the_published_year(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2027)
    qtbot.addWidget(calendar)
    answer_year_form(monkeypatch, [DayEntry(date(2026, 12, 31), DayKind.HOLIDAY, "元旦"),
                                   DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")])
    calendar.enter_year_button.click()
    december = ["2026-12-31", "周四", "法定节假日", "元旦", "全国(2027 年安排)"]
    assert cells(calendar) == [december, ["2027-01-01", "周五", "法定节假日", "元旦", "全国"]]
    assert "已录入 2027 年全年安排 2 天" in calendar.outcome.text.text()
    calendar.year_box.setValue(2026)
    assert december in cells(calendar)  # over the published schedule, and removed from there too
    calendar.days_view.selectRow(cells(calendar).index(december))
    assert calendar.remove_button.isEnabled()
    calendar.days_view.selectRow(0)
    assert not calendar.remove_button.isEnabled()


def test_a_regional_day_is_added_to_a_published_year_and_removed_again(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    """Guangxi's 壮族三月三 is not in the State Council's schedule: it is entered on top of it."""
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks), 2026)
    qtbot.addWidget(calendar)
    seen = []
    answer_day_form(monkeypatch, date(2026, 4, 20), DayKind.HOLIDAY, "壮族三月三", seen=seen)
    calendar.add_button.click()
    assert seen == [(True, False)]  # a published year takes regional days only
    assert calendar.status.text() == "2026 年:国务院已公布,程序已内置。另有广西地方节假日 1 天。"
    row = cells(calendar).index(["2026-04-20", "周一", "法定节假日", "壮族三月三", "广西地方"])
    assert "已录入 2026-04-20" in calendar.outcome.text.text()
    calendar.days_view.selectRow(row)
    assert calendar.remove_button.isEnabled()
    calendar.days_view.selectRow(0 if row else 1)
    assert not calendar.remove_button.isEnabled()  # a day of the State Council's schedule stays
    calendar.days_view.selectRow(row)
    calendar.remove_button.click()
    assert calendar_admin.list_days(desk_db, 2026) == [] and "已删除 2026-04-20" in calendar.outcome.text.text()


@pytest.mark.law("Art. 15")
def test_an_operator_sees_the_calendar_read_only_and_is_refused_by_the_service(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    calendar = open_calendar(feature_window(desk_db, OPERATOR, tasks), 2027)
    qtbot.addWidget(calendar)
    assert calendar.read_only_note.isVisibleTo(calendar) and "请市级管理员录入" in calendar.status.text()
    assert not any(b.isEnabled() for b in (calendar.enter_year_button, calendar.add_button, calendar.remove_button,
                                           calendar.import_button))
    # Were the buttons reached anyway, the service refuses and the window says so.
    answer_day_form(monkeypatch, date(2027, 1, 1), DayKind.HOLIDAY, "元旦")
    calendar.add_day()
    assert "维护节假日" in calendar.outcome.text.text() and "Art. 15" in calendar.outcome.text.text()
    assert calendar_admin.list_days(desk_db, 2027) == []
    with pytest.raises(PermissionDenied):
        calendar_admin.remove_day(desk_db, OPERATOR, date(2027, 1, 1))


@pytest.mark.law("Art. 15")
def test_a_township_admin_reads_the_city_wide_calendar_and_is_told_the_city_administrator_keeps_it(
        qtbot, desk_db, tasks, answered, monkeypatch, feature_window):
    dispatch_into_2027(desk_db)
    window = feature_window(desk_db, TOWNSHIP_ADMIN, tasks)
    calendar = open_calendar(window, 2027)
    qtbot.addWidget(calendar)
    assert "请市级管理员录入" in calendar.status.text() and "录入全年安排" not in calendar.status.text()
    assert calendar.read_only_note.isVisibleTo(calendar)
    assert "全市统一" in calendar.read_only_note.text() and "市级管理员" in calendar.read_only_note.text()
    assert not any(b.isEnabled() for b in (calendar.enter_year_button, calendar.add_button, calendar.remove_button,
                                           calendar.import_button))
    answer_day_form(monkeypatch, date(2027, 1, 1), DayKind.HOLIDAY, "元旦", regional=True)
    calendar.add_day()  # reached anyway: the service refuses, saying why and who may
    refusal = calendar.outcome.text.text()
    assert "工作日历全市统一" in refusal and "请由市级管理员办理" in refusal and "Art. 15" in refusal
    assert calendar_admin.list_days(desk_db, 2027) == []

    # The main window's banner offers no entering: it says who enters the year.
    warning = CalendarWarning(window)
    qtbot.addWidget(warning)
    assert warning.years == (2027,)
    assert warning.open_button.text() == "查看工作日历(请市级管理员录入)…"
    assert "工作日历全市统一" in warning.text.text() and "请市级管理员录入" in warning.text.text()
    shown = warning.open_calendar()
    qtbot.addWidget(shown)
    assert not shown.manages and not shown.enter_year_button.isEnabled()


def test_the_main_window_warns_until_the_year_is_entered(qtbot, desk_db, tasks, system, answered, monkeypatch):
    main = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(main)
    warning = main.calendar_warning
    assert not warning.isVisibleTo(main)  # no open deadline runs into an unknown year yet

    dispatch_into_2027(desk_db)
    main.bus.changed.emit("cases")  # a dispatch, here or on another desktop
    assert warning.isVisibleTo(main) and "2027 年" in warning.text.text()
    assert "程序未内置" in warning.text.text() and "国务院尚未公布" not in warning.text.text()  # it may well have
    assert warning.open_button.text() == "录入该年安排…" and "请录入" in warning.text.text()

    calendar = warning.open_calendar()
    qtbot.addWidget(calendar)
    assert calendar.year_box.value() == 2027 and calendar.parent() is main
    answer_year_form(monkeypatch, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
                                   DayEntry(date(2027, 2, 6), DayKind.WORKDAY, "春节调休")])
    calendar.enter_year_button.click()
    assert "已在本系统录入" in calendar.status.text()
    assert not warning.isVisibleTo(main)

    calendar.days_view.selectRow(1)
    calendar.remove_button.click()  # 2027 keeps an entered day, so it stays known
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


def test_in_the_december_of_a_year_entered_the_menu_opens_the_next(qtbot, desk_db, tasks, system, monkeypatch):
    calendar_admin.enter_days(desk_db, system, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")], incomplete=True)
    monkeypatch.setattr(calendar_window, "beijing_today", lambda: date(2027, 12, 3))
    main = MainWindow(desk_db, system, tasks)
    qtbot.addWidget(main)
    main.run_feature(next(f for f in menus.FEATURE_ACTIONS if f.id == "calendar.workdays"))
    [calendar] = main.findChildren(CalendarWindow)
    assert calendar.year_box.value() == 2028
    assert (calendar.shown.year, calendar.shown.status) == (2028, YearStatus.UNKNOWN)


def test_a_year_chosen_while_the_year_to_open_is_still_read_stands(qtbot, desk_db, monkeypatch, feature_window):
    """The year to open (2027, this December) answered after the user had chosen 2025 but before 2025 had
    loaded: the window jumped to 2027 under the user's hands."""
    monkeypatch.setattr(calendar_window, "beijing_today", lambda: date(2026, 12, 3))
    tasks = Deferred()
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks))
    calendar.year_box.setValue(2025)
    assert tasks.run() is calendar_admin.year_to_enter  # 2027, answered while 2025 is still being read
    tasks.run_all()
    assert calendar.year_box.value() == 2025
    assert (calendar.shown.year, calendar.shown.status) == (2025, YearStatus.PUBLISHED)


def test_the_window_opens_at_this_year_where_the_year_to_open_could_not_be_read(qtbot, desk_db, tasks, monkeypatch,
                                                                               feature_window):
    """The read of the year to open failing had left the window empty, its buttons off, under an error box."""
    monkeypatch.setattr(calendar_window, "beijing_today", lambda: date(2026, 12, 3))

    def unreadable(db, today):
        raise DatabaseUnavailable("数据库暂时无法连接")

    monkeypatch.setattr(calendar_admin, "year_to_enter", unreadable)
    calendar = open_calendar(feature_window(desk_db, ADMIN, tasks))
    assert calendar.year_box.value() == 2026
    assert (calendar.shown.year, calendar.shown.status) == (2026, YearStatus.PUBLISHED)
    assert calendar.add_button.isEnabled()


def test_the_window_stays_open_while_its_recount_runs_and_is_let_go_once_closed(qtbot, desk_db, answered,
                                                                                feature_window):
    from desktop.tasks import SyncTaskRunner

    window = feature_window(desk_db, ADMIN, SyncTaskRunner())
    calendar = open_calendar(window, 2027)
    calendar.saving = True  # an entry being saved and its deadlines recounted
    calendar.close()
    assert calendar.isVisible() and "完成后再关闭" in calendar.outcome.text.text()
    calendar.reject()  # Esc
    assert calendar.isVisible()
    calendar.saving = False
    calendar.close()
    qtbot.waitUntil(lambda: not window.findChildren(type(calendar)), timeout=2000)


def test_in_english_the_read_only_note_keeps_the_window_at_its_first_width(
        qtbot, desk_db, tasks, answered, translations, feature_window):
    """Beside the four buttons, the note's one English line had widened the window from 640 to about 1090 px."""
    translations.install("en")
    calendar = open_calendar(feature_window(desk_db, OPERATOR, tasks), 2027)
    qtbot.addWidget(calendar)
    assert calendar.read_only_note.isVisibleTo(calendar) and "whole city" in calendar.read_only_note.text()
    assert calendar.minimumSizeHint().width() <= 640
