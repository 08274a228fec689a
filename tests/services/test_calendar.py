"""Entering and importing holidays for years the bundled calendar lacks (SPEC §4)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry
from desktop.models.enums import AuditOutcome, DayKind, PlaceLevel, Role
from desktop.models.places import CITY_CODE
from desktop.services import calendar_admin
from desktop.services.calendar_admin import DayEntry, YearStatus
from desktop.services.clock import WorkCalendar
from desktop.services.security import Actor, Grant

CSV_2027 = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,调休上班,春节调休\n2027-02-08,法定节假日,春节\n"


def test_csv_in_utf8_with_bom_or_gbk():
    for data in (("\ufeff" + CSV_2027).encode("utf-8"), CSV_2027.encode("gbk")):
        entries = calendar_admin.parse_csv(data)
        assert [(e.day, e.kind) for e in entries] == [(date(2027, 1, 1), DayKind.HOLIDAY),
                                                       (date(2027, 2, 6), DayKind.WORKDAY),
                                                       (date(2027, 2, 8), DayKind.HOLIDAY)]


# 2027 as the State Council might publish it: every festival of 《全国年节及纪念日放假办法》.
FULL_2027 = ("2027-01-01,holiday,元旦\n" + "".join(f"2027-02-{d:02},holiday,春节\n" for d in range(6, 14))
             + "2027-02-20,workday,春节调休\n2027-04-05,holiday,清明节\n"
             + "".join(f"2027-05-{d:02},holiday,劳动节\n" for d in range(1, 6))
             + "2027-06-09,holiday,端午节\n2027-09-15,holiday,中秋节\n"
             + "".join(f"2027-10-{d:02},holiday,国庆节\n" for d in range(1, 8)))


def test_a_year_lacking_a_festival_or_a_days_name_is_refused_naming_each_and_entered_only_as_incomplete(db, system):
    """A year once entered counts as known: 5 rows of 2027 (元旦, 春节, a make-up day) had been saved, the
    warning gone, and 清明, 劳动节, 端午, 中秋, 国庆 counted as working days; a warning after the save named
    10-01 only. Each festival is looked for by name — the lunar ones' dates need a lunar calendar — and
    those fixed by date by their weekdays (1 and 2 May 2027 are a weekend: by name); a row without a name
    tells no festival, and is named too."""
    rows = [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
            *(DayEntry(date(2027, 2, day), DayKind.HOLIDAY, "春节") for day in (8, 9)),
            DayEntry(date(2027, 2, 10), DayKind.HOLIDAY),
            DayEntry(date(2027, 2, 20), DayKind.WORKDAY)]
    gaps = ["2027 年缺少清明节:没有名称含“清明”的法定节假日", "2027 年缺少劳动节:没有名称含“劳动”的法定节假日",
            "2027 年缺少端午节:没有名称含“端午”的法定节假日", "2027 年缺少中秋节:没有名称含“中秋”的法定节假日",
            "2027 年缺少国庆节:2027-10-01 未录入为法定节假日",
            "2027 年 2027-02-10、2027-02-20 没有名称(name):各节日按名称核对,请填写(如 春节、春节调休)"]
    assert calendar_admin.schedule_gaps(rows) == tuple(gaps)
    with pytest.raises(ValidationFailed) as refused:
        calendar_admin.enter_days(db, system, rows)
    assert refused.value.problems == gaps and "未作任何修改" in refused.value.message
    assert "--incomplete" in refused.value.message
    assert calendar_admin.year_calendar(db, 2027).status is YearStatus.UNKNOWN

    result = calendar_admin.enter_days(db, system, rows, incomplete=True)  # the admin's deliberate choice
    assert result.days == 5 and result.notes == tuple(gaps)
    assert calendar_admin.year_calendar(db, 2027).status is YearStatus.ENTERED


def test_a_whole_year_enters_as_it_is_and_a_stray_line_of_another_is_named(db, system, tmp_path):
    """A stray line of 2028 among 2027's days would enter 2028 with one day: its festivals are named; a
    malformed list is refused before anything is asked."""
    assert calendar_admin.schedule_gaps(calendar_admin.parse_csv(FULL_2027.encode())) == ()
    path = tmp_path / "2027.csv"
    path.write_text(FULL_2027 + "2028-01-03,holiday,元旦\n", encoding="utf-8")
    check = calendar_admin.check_import(db, path)
    assert check.replaced == {} and [gap.split(":")[0] for gap in check.gaps] == [
        "2028 年缺少春节", "2028 年缺少清明节", "2028 年缺少劳动节", "2028 年缺少端午节", "2028 年缺少中秋节",
        "2028 年缺少国庆节"]
    with pytest.raises(ValidationFailed):
        calendar_admin.import_csv(db, system, path)
    assert calendar_admin.list_days(db, 2027) == []
    path.write_text(FULL_2027, encoding="utf-8")
    assert calendar_admin.import_csv(db, system, path).notes == ()
    with pytest.raises(ValidationFailed) as malformed:
        calendar_admin.schedule_gaps([DayEntry(date(2029, 1, 2), DayKind.WORKDAY, "元旦调休")])  # a Tuesday
    assert malformed.value.problems == ["第 1 行 2029-01-02:调休上班日应为周六或周日"]


def test_a_december_day_of_a_published_year_entered_with_the_next_is_said_to_count_over_the_published(
        db, system, tmp_path):
    """31 December 2026 in 2027's file turns a working day the State Council published into a holiday and
    moves the deadlines over it: the admin is told, not only the audit."""
    path = tmp_path / "2027.csv"
    path.write_text("2026-12-31,holiday,元旦\n2027-01-01,holiday,元旦\n2027-10-01,holiday,国庆节\n", encoding="utf-8")
    assert calendar_admin.import_csv(db, system, path, incomplete=True).notes[0] == (
        "2026-12-31 属 2027 年安排,按录入的法定节假日计算,不再按国务院已公布的 2026 年安排")


def test_bad_rows_are_each_named():
    with pytest.raises(ValidationFailed) as err:
        calendar_admin.parse_csv("2027-13-01,holiday,x\n2027-01-02,day off,x\n2027-01-03\n"
                                 "2027-01-04,holiday,元旦,补假\n".encode())
    assert [p.split(" ")[1] for p in err.value.problems] == ["1", "2", "3", "4"]
    assert err.value.problems[3].endswith("此行有 4 列")  # a fourth column is refused, not left out


def test_a_day_that_does_not_exist_is_said_so_and_each_column_named_as_the_desk_names_it():
    """2027-02-30 was said not to be YYYY-MM-DD, which it is; and the columns were named date:, kind: where the
    desk's form and the name message say 日期, 类别, 名称(name)."""
    with pytest.raises(ValidationFailed) as err:
        calendar_admin.parse_csv("2027-02-30,holiday,x\n2027-13-01,holiday,x\n2027/03/01,holiday,x\n"
                                 "2027-03-02,day off,x\n2027-03-03,holiday,元旦,补假\n".encode())
    assert err.value.problems == ["第 1 行 日期(date)“2027-02-30”这一天不存在",
                                  "第 2 行 日期(date)“2027-13-01”这一天不存在",
                                  "第 3 行 日期(date)“2027/03/01”不是 YYYY-MM-DD 格式的日期",
                                  "第 4 行 类别(kind)“day off”应为 holiday/法定节假日 或 workday/调休上班",
                                  "第 5 行:应有 日期(date)、类别(kind)、名称(name)三列(名称可省),此行有 4 列"]


def test_a_name_too_long_for_the_calendar_is_refused_not_cut_short(db, system):
    long_name = "元旦" * 21
    with pytest.raises(ValidationFailed) as err:
        calendar_admin.enter_days(db, system, [calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, long_name)])
    assert err.value.problems == [f"第 1 行 2027-01-01:名称(name)“{long_name}”有 42 个字,至多 40 个"]
    assert calendar_admin.list_days(db, 2027) == []


def test_entering_a_year_refuses_bad_days_and_changes_nothing(db, system):
    with pytest.raises(ValidationFailed) as err:
        calendar_admin.enter_days(db, system, [
            calendar_admin.DayEntry(date(2026, 10, 1), DayKind.HOLIDAY),  # published already
            calendar_admin.DayEntry(date(2027, 1, 5), DayKind.WORKDAY),  # a Tuesday
            calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY),
            calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY),
        ], incomplete=True)
    assert len(err.value.problems) == 3
    assert calendar_admin.list_days(db, 2027) == []


def test_operator_may_not_enter_holidays(db):
    operator = Actor("op", "op", (Grant(Role.OPERATOR, "450503103000", PlaceLevel.TOWNSHIP),))
    with pytest.raises(PermissionDenied):
        calendar_admin.enter_days(db, operator, [calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY)])


def _last_audit(db) -> AuditEntry:
    with db.session() as session:
        return session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


def _audit_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def test_single_days_are_added_and_removed_keeping_the_rest_of_the_year(db, system):
    calendar_admin.enter_days(db, system, calendar_admin.parse_csv(CSV_2027.encode()), incomplete=True)
    result = calendar_admin.add_day(db, system, DayEntry(date(2027, 5, 3), DayKind.HOLIDAY, "劳动节"))
    assert (result.years, result.days) == ((2027,), 1)
    assert [e.day for e in calendar_admin.list_days(db, 2027)] == [
        date(2027, 1, 1), date(2027, 2, 6), date(2027, 2, 8), date(2027, 5, 3)]
    audit = _last_audit(db)
    assert (audit.action, audit.target) == ("calendar.add_day", "2027-05-03")
    assert "劳动节" in audit.message and "重算 0 项" in audit.message

    calendar_admin.remove_day(db, system, date(2027, 2, 6))
    assert [e.day for e in calendar_admin.list_days(db, 2027)] == [date(2027, 1, 1), date(2027, 2, 8), date(2027, 5, 3)]
    assert _last_audit(db).action == "calendar.remove_day"
    with pytest.raises(NotFound):
        calendar_admin.remove_day(db, system, date(2027, 2, 6))


def test_a_single_day_of_a_year_not_entered_yet_is_refused_until_the_whole_year_is(db, system):
    audited = _audit_count(db)
    with pytest.raises(ValidationFailed) as err:
        calendar_admin.add_day(db, system, DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"))
    assert err.value.message == "2027-01-01 未录入"
    [problem] = err.value.problems
    assert "2027 年尚未录入安排" in problem and "导入该年度的全部节假日和调休上班日(CSV)" in problem
    assert calendar_admin.year_calendar(db, 2027) == calendar_admin.YearCalendar(2027, YearStatus.UNKNOWN, ())
    assert _audit_count(db) == audited  # a refused entry is not a change, so nothing is on record

    calendar_admin.enter_days(db, system, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")], incomplete=True)
    calendar_admin.add_day(db, system, DayEntry(date(2027, 2, 8), DayKind.HOLIDAY, "春节"))
    assert [e.day for e in calendar_admin.list_days(db, 2027)] == [date(2027, 1, 1), date(2027, 2, 8)]
    # Another unknown year stays refused: entering 2027 says nothing about 2028.
    with pytest.raises(ValidationFailed, match="未录入"):
        calendar_admin.add_day(db, system, DayEntry(date(2028, 1, 3), DayKind.HOLIDAY, "元旦"))
    assert calendar_admin.list_days(db, 2028) == []


def test_a_single_day_is_refused_when_published_a_weekday_workday_or_entered_already(db, system):
    calendar_admin.enter_days(db, system, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")], incomplete=True)
    for entry, problem in ((DayEntry(date(2026, 10, 8), DayKind.HOLIDAY), "国务院公布"),
                           (DayEntry(date(2027, 1, 5), DayKind.WORKDAY), "周六或周日"),
                           (DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "新年"), "已录入为 2027-01-01 法定节假日“元旦”")):
        with pytest.raises(ValidationFailed) as err:
            calendar_admin.add_day(db, system, entry)
        assert problem in err.value.problems[0]
    assert [(e.day, e.name) for e in calendar_admin.list_days(db, 2027)] == [(date(2027, 1, 1), "元旦")]


def test_a_december_day_of_next_years_schedule_waits_for_that_year_and_says_whose_it_is(db, system):
    december = DayEntry(date(2026, 12, 31), DayKind.HOLIDAY, "元旦")
    with pytest.raises(ValidationFailed) as err:  # a year is entered whole, its December days with it
        calendar_admin.add_day(db, system, december)
    assert "2027 年尚未录入安排" in err.value.problems[0]
    calendar_admin.enter_days(db, system, calendar_admin.parse_csv(CSV_2027.encode()), incomplete=True)
    assert calendar_admin.add_day(db, system, december).years == (2027,)
    assert _last_audit(db).message.startswith("录入 2026-12-31 法定节假日“元旦”(属 2027 年安排)")
    with pytest.raises(ValidationFailed, match="已录入为 2026-12-31 法定节假日“元旦”\\(属 2027 年安排\\)"):
        calendar_admin.add_day(db, system, december)
    for year in ("2026", "2027"):  # listed with either year, saying whose schedule it is part of
        out = io.StringIO()
        assert main(["--db", db.engine.url.render_as_string(hide_password=False), "calendar", "list", "--year", year],
                    out=out) == 0
        assert ["2026-12-31", "holiday", "法定节假日", "元旦", "2027", "年安排"] in [
            line.split() for line in out.getvalue().splitlines()]
    assert calendar_admin.remove_day(db, system, december.day).years == (2027,)
    assert calendar_admin.first_day_to_enter(2027) == date(2026, 12, 1)
    assert calendar_admin.first_day_to_enter(2026) == date(2026, 1, 1)  # 2025's December is 2025's own


def test_next_years_file_with_a_december_day_keeps_the_year_entered_by_hand(db, system, tmp_path):
    """2027 entered by hand (the package publishes through 2026): 2028's file, with 31 Dec 2027 of its
    New Year, had made the import's years 2027 and 2028, and replacing had deleted all of 2027's
    days but that one. The December day is 2028's schedule, as when 2027 is published."""
    calendar_admin.enter_days(db, system, calendar_admin.parse_csv(CSV_2027.encode()), incomplete=True)
    path = tmp_path / "2028.csv"
    path.write_text("date,kind,name\n2027-12-31,holiday,元旦\n2028-01-03,holiday,元旦\n", encoding="utf-8")
    assert calendar_admin.check_import(db, path).replaced == {}
    assert calendar_admin.import_csv(db, system, path, incomplete=True).years == (2028,)
    assert [e.day for e in calendar_admin.list_days(db, 2027)] == [date(2027, 1, 1), date(2027, 2, 6), date(2027, 2, 8)]
    assert [(e.day, e.schedule_year) for e in calendar_admin.list_days(db, 2028)] == [
        (date(2027, 12, 31), 2028), (date(2028, 1, 3), None)]
    shown = calendar_admin.year_calendar(db, 2027)
    assert shown.status is YearStatus.ENTERED and [(e.day, e.schedule_year) for e in shown.days][-1] == (
        date(2027, 12, 31), 2028)

    calendar_admin.remove_day(db, system, date(2027, 12, 31))
    calendar_admin.add_day(db, system, DayEntry(date(2027, 12, 31), DayKind.HOLIDAY, "除夕"))  # entered with 2027
    with pytest.raises(ValidationFailed) as err:  # not replaced unseen, nor failing on the date
        calendar_admin.import_csv(db, system, path, replace=True, incomplete=True)
    assert err.value.problems == ["第 1 行 2027-12-31:该日已录入为 2027 年安排中的法定节假日“除夕”,导入 2028 年的安排"
                                  "不会替换它;请先删除该日,或从文件中删去这一行"]
    assert len(calendar_admin.list_days(db, 2027)) == 4


def test_operator_may_neither_add_nor_remove_a_day_and_the_refusal_is_on_record(db, system):
    calendar_admin.enter_days(db, system, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")], incomplete=True)
    operator = Actor("op", "op", (Grant(Role.OPERATOR, "450503103000", PlaceLevel.TOWNSHIP),))
    with pytest.raises(PermissionDenied, match="维护节假日"):
        calendar_admin.add_day(db, operator, DayEntry(date(2027, 1, 4), DayKind.HOLIDAY))
    with pytest.raises(PermissionDenied):
        calendar_admin.remove_day(db, operator, date(2027, 1, 1))
    assert [e.day for e in calendar_admin.list_days(db, 2027)] == [date(2027, 1, 1)]
    refusal = _last_audit(db)
    assert (refusal.action, refusal.outcome) == ("calendar.remove_day", AuditOutcome.DENIED)


TOWNSHIP_ADMIN = Actor("qg_admin", "侨港管理员", (Grant(Role.TOWNSHIP_ADMIN, "450503103000", PlaceLevel.TOWNSHIP),))
COUNTY_ADMIN = Actor("yh_admin", "银海区管理员", (Grant(Role.COUNTY_ADMIN, "450503000000", PlaceLevel.COUNTY),))
CITY_ADMIN = Actor("bh_admin", "北海市管理员", (Grant(Role.CITY_ADMIN, CITY_CODE, PlaceLevel.CITY),))


@pytest.mark.law("Art. 15")
@pytest.mark.parametrize("admin", [TOWNSHIP_ADMIN, COUNTY_ADMIN], ids=["township", "county"])
def test_the_calendar_is_the_whole_citys_and_only_a_city_administrator_changes_it(db, system, tmp_path, admin):
    """A change recounts every township's deadlines: MANAGE_CALENDAR over a township or county is not enough,
    for the national schedule and Guangxi's own days alike; reading stays open."""
    assert not calendar_admin.may_manage(admin) and calendar_admin.may_manage(CITY_ADMIN)
    calendar_admin.enter_days(db, system, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")], incomplete=True)
    path = tmp_path / "2028.csv"
    path.write_text("2028-01-03,holiday,元旦\n", encoding="utf-8")
    attempts = [
        lambda: calendar_admin.enter_days(db, admin, [DayEntry(date(2028, 1, 3), DayKind.HOLIDAY, "元旦")]),
        lambda: calendar_admin.enter_days(db, admin, [DayEntry(date(2028, 1, 4), DayKind.WORKDAY)]),  # a bad row too
        lambda: calendar_admin.import_csv(db, admin, path),
        lambda: calendar_admin.add_day(db, admin, DayEntry(date(2027, 1, 4), DayKind.HOLIDAY)),
        lambda: calendar_admin.add_day(db, admin, DayEntry(date(2026, 4, 20), DayKind.HOLIDAY, "壮族三月三",
                                                           regional=True)),
        lambda: calendar_admin.remove_day(db, admin, date(2027, 1, 1)),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as err:
            attempt()
        message = err.value.message
        assert message.startswith(f"用户“{admin.display_name}”不能修改工作日历:工作日历全市统一")
        assert "请由市级管理员办理" in message and err.value.article == "Art. 15" and message.endswith("(Art. 15)")
        refusal = _last_audit(db)
        assert (refusal.outcome, refusal.place_code) == (AuditOutcome.DENIED, CITY_CODE)
    assert [e.day for e in calendar_admin.list_days(db, 2026) + calendar_admin.list_days(db, 2027)
            + calendar_admin.list_days(db, 2028)] == [date(2027, 1, 1)]
    assert calendar_admin.year_calendar(db, 2027).status is YearStatus.ENTERED  # read by anyone

    calendar_admin.add_day(db, CITY_ADMIN, DayEntry(date(2026, 4, 20), DayKind.HOLIDAY, "壮族三月三", regional=True))
    calendar_admin.import_csv(db, CITY_ADMIN, path, incomplete=True)
    calendar_admin.remove_day(db, CITY_ADMIN, date(2027, 1, 1))
    assert [e.day for e in calendar_admin.list_days(db, 2026) + calendar_admin.list_days(db, 2028)] == [
        date(2026, 4, 20), date(2028, 1, 3)]


def test_a_years_status_and_days(db, system):
    published = calendar_admin.year_calendar(db, 2026)
    assert published.status is YearStatus.PUBLISHED
    assert DayEntry(date(2026, 10, 1), DayKind.HOLIDAY, "国庆节") in published.days
    assert DayEntry(date(2026, 10, 10), DayKind.WORKDAY, "国庆节") in published.days
    assert calendar_admin.year_calendar(db, 2027) == calendar_admin.YearCalendar(2027, YearStatus.UNKNOWN, ())
    calendar_admin.enter_days(db, system, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")], incomplete=True)
    entered = calendar_admin.year_calendar(db, 2027)
    assert (entered.status, entered.days) == (YearStatus.ENTERED, (DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),))


def test_the_year_to_enter_is_the_first_of_this_and_next_year_neither_published_nor_entered(db, system):
    assert calendar_admin.year_to_enter(db, date(2026, 11, 26)) == 2027
    assert calendar_admin.year_to_enter(db, date(2027, 3, 1)) == 2027
    assert calendar_admin.year_to_enter(db, date(2024, 3, 1)) == 2024  # 2024 and 2025 are both published
    calendar_admin.enter_days(db, system, [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")], incomplete=True)
    assert calendar_admin.year_to_enter(db, date(2027, 12, 3)) == 2028  # 2027 entered: next year's is to come
    assert calendar_admin.year_to_enter(db, date(2027, 3, 1)) == 2027  # this year's, entered, to be read
    assert calendar_admin.year_to_enter(db, date(2026, 11, 26)) == 2026  # both known: nothing to enter
    assert calendar_admin.year_to_enter(db, date(2026, 6, 1)) == 2026  # next year's is not published before autumn


def test_entered_days_count_and_a_year_entered_again_is_replaced_only_when_asked(db, system, tmp_path):
    calendar_admin.enter_days(db, system, calendar_admin.parse_csv(CSV_2027.encode()), incomplete=True)
    with db.session() as s:
        calendar = WorkCalendar.load(s)
    assert not calendar.is_workday(date(2027, 1, 1)) and calendar.is_workday(date(2027, 2, 6))
    assert calendar.warnings == set()
    path = tmp_path / "again.csv"
    path.write_text("2027-05-03,holiday,劳动节\n2028-01-03,holiday,元旦\n", encoding="utf-8")
    assert calendar_admin.check_import(db, path).replaced == {2027: 3}

    with pytest.raises(Conflict) as refused:
        calendar_admin.import_csv(db, system, path, incomplete=True)
    assert "2027 年已录入 3 天" in refused.value.message and "--replace" in refused.value.message
    assert [e.day for e in calendar_admin.list_days(db, 2027)] == [date(2027, 1, 1), date(2027, 2, 6), date(2027, 2, 8)]
    assert calendar_admin.list_days(db, 2028) == []

    result = calendar_admin.import_csv(db, system, path, replace=True, incomplete=True)
    assert (result.years, result.days, result.replaced) == ((2027, 2028), 2, 3)
    assert [e.day for e in calendar_admin.list_days(db, 2027)] == [date(2027, 5, 3)]
    assert "替换原有录入 3 天" in _last_audit(db).message


def test_calendar_commands(db, tmp_path, capsys):
    url = db.engine.url.render_as_string(hide_password=False)
    path = tmp_path / "2027.csv"
    path.write_text(CSV_2027, encoding="utf-8")
    out = io.StringIO()
    assert main(["--db", url, "calendar", "import", str(path)], out=out) == 1  # 2027 lacks 清明 and the rest
    err = capsys.readouterr().err
    assert "--incomplete" in err and "  - 2027 年缺少国庆节:2027-10-01 未录入为法定节假日" in err.splitlines()
    assert out.getvalue() == "" and calendar_admin.list_days(db, 2027) == []
    assert main(["--db", url, "calendar", "import", str(path), "--incomplete"], out=out) == 0
    assert "3 天" in out.getvalue()
    assert out.getvalue().splitlines()[1] == "注意:2027 年缺少清明节:没有名称含“清明”的法定节假日"
    out = io.StringIO()
    assert main(["--db", url, "calendar", "list", "--year", "2027"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "2027 年:已在本系统录入" and lines[3].split() == ["2027-02-06", "workday", "调休上班", "春节调休"]
    for year, status, days in (("2026", "2026 年:国务院已公布,程序已内置", "国庆节"),
                               ("2031", "2031 年:程序未内置该年的国务院安排,也未录入:期限暂按周一至周五计算", "")):
        out = io.StringIO()
        assert main(["--db", url, "calendar", "list", "--year", year], out=out) == 0
        lines = out.getvalue().splitlines()
        assert lines[0] == status and (days in out.getvalue() if days else lines[1:] == [
            "国务院公布该年安排后,请用 griddesk-admin calendar import FILE 录入全年的法定节假日和调休上班日"
            "(CSV 每行 date,kind,name,如 2031-01-01,holiday,元旦)"])
    path.write_text("2027-01-01,holiday\n2027-01-05,workday\n", encoding="utf-8")
    assert main(["--db", url, "calendar", "import", str(path)], out=io.StringIO()) == 1


def test_calendar_import_of_a_year_entered_already_needs_replace(db, tmp_path, capsys):
    url = db.engine.url.render_as_string(hide_password=False)
    path = tmp_path / "2027.csv"
    path.write_text(CSV_2027, encoding="utf-8")
    assert main(["--db", url, "calendar", "import", str(path), "--incomplete"], out=io.StringIO()) == 0
    path.write_text("2027-01-01,holiday,元旦\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["--db", url, "calendar", "import", str(path), "--incomplete"], out=out) == 1
    assert out.getvalue() == "" and "2027 年已录入 3 天" in capsys.readouterr().err
    assert len(calendar_admin.list_days(db, 2027)) == 3
    assert main(["--db", url, "calendar", "import", str(path), "--replace", "--incomplete"], out=out) == 0
    assert out.getvalue().startswith("已导入 2027 年节假日安排 1 天(替换原有录入 3 天);")
    assert calendar_admin.list_days(db, 2027) == [DayEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")]


def test_a_regional_day_by_the_command_line(db, capsys):
    url = db.engine.url.render_as_string(hide_password=False)
    out = io.StringIO()
    assert main(["--db", url, "calendar", "add", "2026-04-20", "--name", "壮族三月三", "--regional"], out=out) == 0
    assert out.getvalue().startswith("已录入 2026-04-20 地方法定节假日;重算期限 ")
    out = io.StringIO()
    assert main(["--db", url, "calendar", "list", "--year", "2026"], out=out) == 0
    assert ["2026-04-20", "holiday", "法定节假日", "壮族三月三", "地方"] in [line.split() for line in out.getvalue().splitlines()]
    assert main(["--db", url, "calendar", "add", "2026-04-21"], out=io.StringIO()) == 1
    assert "已由国务院公布并已内置" in capsys.readouterr().err
    out = io.StringIO()
    assert main(["--db", url, "calendar", "remove", "2026-04-20"], out=out) == 0 and "已删除 2026-04-20" in out.getvalue()
    with pytest.raises(SystemExit):
        main(["--db", url, "calendar", "add", "2026-4-31", "--regional"], out=io.StringIO())


@pytest.mark.law("Art. 15")
def test_the_command_line_refuses_a_township_or_county_admin_the_city_wide_calendar(demo_db, tmp_path, capsys):
    url = demo_db.engine.url.render_as_string(hide_password=False)
    path = tmp_path / "2027.csv"
    path.write_text(CSV_2027, encoding="utf-8")
    for user, name in (("qg_admin", "侨港"), ("yh_admin", "银海区")):
        for command in (["import", str(path)], ["add", "2026-04-20", "--name", "壮族三月三", "--regional"],
                        ["remove", "2026-04-20"]):
            out = io.StringIO()
            assert main(["--db", url, "--as", user, "calendar", *command], out=out) == 1
            err = capsys.readouterr().err
            assert out.getvalue() == "" and err.startswith("griddesk-admin: 用户“") and name in err
            assert "不能修改工作日历:工作日历全市统一" in err and "请由市级管理员办理(Art. 15)" in err
    assert calendar_admin.list_days(demo_db, 2027) == [] and calendar_admin.list_days(demo_db, 2026) == []
    out = io.StringIO()
    assert main(["--db", url, "--as", "qg_admin", "calendar", "list", "--year", "2027"], out=out) == 0  # reading is open
    out = io.StringIO()
    assert main(["--db", url, "--as", "bh_admin", "calendar", "import", str(path), "--incomplete"], out=out) == 0
    assert out.getvalue().startswith("已导入 2027 年节假日安排 3 天")
