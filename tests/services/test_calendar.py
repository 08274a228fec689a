"""Entering and importing holidays for years the bundled calendar lacks (SPEC §4)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from desktop.cli import main
from desktop.errors import PermissionDenied, ValidationFailed
from desktop.models.enums import DayKind, PlaceLevel, Role
from desktop.services import calendar_admin
from desktop.services.clock import WorkCalendar
from desktop.services.security import Actor, Grant

CSV_2027 = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,调休上班,春节调休\n2027-02-08,法定节假日,春节\n"


def test_csv_in_utf8_with_bom_or_gbk():
    for data in (("\ufeff" + CSV_2027).encode("utf-8"), CSV_2027.encode("gbk")):
        entries = calendar_admin.parse_csv(data)
        assert [(e.day, e.kind) for e in entries] == [(date(2027, 1, 1), DayKind.HOLIDAY),
                                                       (date(2027, 2, 6), DayKind.WORKDAY),
                                                       (date(2027, 2, 8), DayKind.HOLIDAY)]


def test_bad_rows_are_each_named():
    with pytest.raises(ValidationFailed) as err:
        calendar_admin.parse_csv(b"2027-13-01,holiday,x\n2027-01-02,day off,x\n2027-01-03\n")
    assert [p.split(" ")[1] for p in err.value.problems] == ["1", "2", "3"]


def test_entering_a_year_refuses_bad_days_and_changes_nothing(db, system):
    with pytest.raises(ValidationFailed) as err:
        calendar_admin.enter_days(db, system, [
            calendar_admin.DayEntry(date(2026, 10, 1), DayKind.HOLIDAY),  # published already
            calendar_admin.DayEntry(date(2027, 1, 5), DayKind.WORKDAY),  # a Tuesday
            calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY),
            calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY),
        ])
    assert len(err.value.problems) == 3
    assert calendar_admin.list_days(db, 2027) == []


def test_operator_may_not_enter_holidays(db):
    operator = Actor("op", "op", (Grant(Role.OPERATOR, "450503103000", PlaceLevel.TOWNSHIP),))
    with pytest.raises(PermissionDenied):
        calendar_admin.enter_days(db, operator, [calendar_admin.DayEntry(date(2027, 1, 1), DayKind.HOLIDAY)])


def test_entered_days_count_and_a_new_import_replaces_the_year(db, system):
    calendar_admin.enter_days(db, system, calendar_admin.parse_csv(CSV_2027.encode()))
    with db.session() as s:
        calendar = WorkCalendar.load(s)
    assert not calendar.is_workday(date(2027, 1, 1)) and calendar.is_workday(date(2027, 2, 6))
    assert calendar.warnings == set()
    calendar_admin.enter_days(db, system, [calendar_admin.DayEntry(date(2027, 5, 3), DayKind.HOLIDAY, "劳动节")])
    assert [e.day for e in calendar_admin.list_days(db, 2027)] == [date(2027, 5, 3)]


def test_calendar_commands(db, tmp_path):
    url = db.engine.url.render_as_string(hide_password=False)
    path = tmp_path / "2027.csv"
    path.write_text(CSV_2027, encoding="utf-8")
    out = io.StringIO()
    assert main(["--db", url, "calendar", "import", str(path)], out=out) == 0
    assert "3 天" in out.getvalue()
    out = io.StringIO()
    assert main(["--db", url, "calendar", "list", "--year", "2027"], out=out) == 0
    assert out.getvalue().splitlines()[1] == "2027-02-06\tworkday\t调休上班\t春节调休"
    path.write_text("2027-01-01,holiday\n2027-01-05,workday\n", encoding="utf-8")
    assert main(["--db", url, "calendar", "import", str(path)], out=io.StringIO()) == 1
