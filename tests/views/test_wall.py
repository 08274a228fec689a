"""The wall display (SPEC §5, §10): KPI tiles, queue, emergencies and the Art. 21 takeover."""

from __future__ import annotations

import dataclasses

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from desktop.models import AuditEntry, EmergencyReport, MatterItem
from desktop.models.enums import AuditOutcome, Channel, DayKind, GridKind, HandlingLevel
from desktop.services import calendar_admin, queue, users
from desktop.services import wall as wall_service
from desktop.services.cases import dispatch, intake
from desktop.services.clock import BEIJING, beijing_text, last_published_year
from desktop.services.map_data import MapCase, map_data
from desktop.services.wall import snapshot as wall_snapshot
from desktop.tasks import Handle, Progress, SyncTaskRunner
from desktop.views.map.view import CODE_ROLE, KIND_ROLE
from desktop.views.wall import WallWindow
from desktop.views.wall.scale import unit_for

QIAOGANG = "450503103000"
YINTAN = "450503101000"  # no grid, case nor report in the demo


@pytest.fixture
def chief(demo_db):
    return users.login(demo_db, "qg_chief", "qiaogang-chief")


@pytest.fixture
def wall(qtbot, demo_db, chief, tasks, cjk_font):
    window = WallWindow(demo_db, chief, tasks, live=False)
    qtbot.addWidget(window)
    window.show()
    return window


def unacknowledged(db) -> list[int]:
    with db.session() as session:
        return list(session.scalars(select(EmergencyReport.id).where(EmergencyReport.acknowledged_at.is_(None))))


def test_tiles_show_the_scope_figures(wall, demo_db, chief):
    summary = queue.summary(demo_db, chief, QIAOGANG)
    assert wall.snapshot.scope_code == QIAOGANG
    assert [t.value.text() for t in wall.tiles[:3]] == [f"{summary.received_today:,}", f"{summary.open:,}",
                                                        f"{summary.overdue:,}"]
    at = beijing_text(wall.rates.at, "%H:%M")  # month figures, recomputed once a minute: said when
    assert [t.caption.text() for t in wall.tiles[4:]] == [f"响应率(截至 {at})", f"解决率(截至 {at})",
                                                          f"满意率(截至 {at})"]
    assert all(t.value.text() == "—" or t.value.text().endswith("%") for t in wall.tiles[4:])
    month = wall.rates.at.astimezone(BEIJING)  # the month so far
    assert [t.note.text() for t in wall.tiles[4:]] == [f"{month.year}年{month.month}月 · {r.numerator}/{r.denominator}"
                                                       for r in wall.rates.rates]
    assert wall.queue_model.rowCount() == min(summary.open, wall.queue_model.rowCount()) > 0
    assert wall.emergencies.rowCount() >= 1
    assert "侨港" in wall.title.text()


@pytest.mark.law("Art. 15")
def test_a_liaisons_wall_shows_its_departments_cases_and_rates_and_says_so(qtbot, demo_db, chief, tasks, cjk_font):
    """The counts a liaison sees are its department's; so are the rates beside them, and the title says it."""
    liaison = users.login(demo_db, "qg_fish", "qiaogang-fish")
    window = WallWindow(demo_db, liaison, tasks, live=False)
    qtbot.addWidget(window)
    township = wall_snapshot(demo_db, chief)
    own = window.snapshot
    assert own.department_name and own.department_name in window.title.text()
    assert own.kpis.open < township.kpis.open
    rates, township_rates = window.rates.rates, wall_service.month_rates(demo_db, chief).rates
    assert [r.denominator for r in rates] != [r.denominator for r in township_rates]
    assert all(mine.denominator <= whole.denominator for mine, whole in zip(rates, township_rates))
    assert township.department_name is None


@pytest.mark.law("Art. 21")
def test_unacknowledged_emergency_takes_over_until_a_supervisor_confirms(qtbot, wall, demo_db):
    waiting = unacknowledged(demo_db)
    assert len(waiting) == 1
    assert wall.alarm.isVisible() and wall.alarm.report.id == waiting[0]
    assert wall.alarm.geometry() == wall.rect()
    facts = wall.alarm.facts.text()
    for fact in ("类型", "级别", "发生时间", "地点", "死亡", "已采取措施"):
        assert fact in facts
    # …and what the ladder asks next, with its countdown: the alarm covers the clock and the table.
    deadline = wall.alarm.deadline.text()
    assert deadline.startswith("报送时限:") and ("(剩余 " in deadline or "(已逾期 " in deadline)
    # Owed to the county and the city at once: both named, the county first, as the wall's table names them
    # (the alarm named the one stored first, the city).
    report = wall.alarm.report
    first = min(report.steps, key=lambda step: step.due_at)
    fresh = dataclasses.replace(report, steps=tuple(sorted(
        (dataclasses.replace(step, done_at=None) if step.kind is first.kind else step for step in report.steps),
        key=lambda step: step.to_level is HandlingLevel.COUNTY)))  # the city's stored first
    assert [step.to_level for step in fresh.next_owed()] == [HandlingLevel.COUNTY, HandlingLevel.CITY]
    wall.alarm.show_report(fresh, 1)
    assert wall.alarm.deadline.text().startswith(f"报送时限:{first.kind.label} · 县(区)、市 ")
    wall.alarm.show_report(report, 1)
    # The supervisor walking up types at once; a press with no name is answered, as a wrong password is.
    assert wall.alarm.focusWidget() is wall.alarm.username
    wall.alarm.password.setText("qiaogang-chief")
    wall.alarm.confirm.click()
    assert wall.alarm.error.text() == "请输入值班长用户名" and wall.alarm.focusWidget() is wall.alarm.username
    assert wall.alarm.isVisible()

    wall.alarm.username.setText("qg_chief")
    wall.alarm.password.setText("wrong-password")
    wall.alarm.confirm.click()
    assert "密码" in wall.alarm.error.text() and wall.alarm.isVisible()
    # Only the township's shift supervisor acknowledges: an operator or an administrator signing in is refused in
    # the form, saying who acknowledges, and the alarm stays on screen (an administrator's had given it back).
    for username, password in (("qg_op1", "qiaogang-op1"), ("qg_admin", "qiaogang-admin"),
                               ("yh_admin", "yinhai-admin"), ("bh_admin", "beihai-admin")):
        wall.alarm.username.setText(username)
        wall.alarm.password.setText(password)
        wall.alarm.confirm.click()
        assert "告警由侨港镇值班室的值班长以本人账号确认" in wall.alarm.error.text(), username
        assert wall.alarm.isVisible() and wall.alarm.error.property("refused") is True, username
    assert unacknowledged(demo_db) == waiting

    wall.alarm.username.setText("qg_chief")
    wall.alarm.password.setText("qiaogang-chief")
    wall.alarm.confirm.click()
    assert not wall.alarm.isVisible()
    assert unacknowledged(demo_db) == []
    with demo_db.session() as session:
        entries = session.execute(select(AuditEntry.action, AuditEntry.actor, AuditEntry.outcome)
                                  .where(AuditEntry.action == "emergencies.acknowledge")
                                  .order_by(AuditEntry.id)).all()
    assert entries[-1] == ("emergencies.acknowledge", "qg_chief", AuditOutcome.OK)
    assert {("emergencies.acknowledge", name, AuditOutcome.DENIED)
            for name in ("qg_op1", "qg_admin", "yh_admin", "bh_admin")} <= set(entries)


@pytest.mark.law("Art. 21")
def test_a_refused_sign_in_is_said_large_and_red_under_the_password_which_stays_selected(qtbot, wall):
    """Art. 21: the supervisor acknowledges at once. A wrong password was said in small type in the screen's
    bottom-left corner, away from the form, and missed across the duty room; the password was gone too."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPalette

    from desktop.views.wall.alarm import REFUSAL_COLOR

    alarm = wall.alarm
    assert alarm.error.isHidden()  # nothing said yet: no empty box under the form
    alarm.username.setText("qg_chief")
    alarm.password.setText("wrong-password")
    alarm.confirm.click()
    assert alarm.error.text() == "用户名或密码错误,或账号已停用" and alarm.error.isVisible()
    # In the form: right under the password field, as wide as the form with its button (it had run the
    # screen's width, its text at the left edge).
    field = alarm.password.mapTo(alarm, QPoint(0, 0))
    said = alarm.error.mapTo(alarm, QPoint(0, 0))
    button = alarm.confirm.mapTo(alarm, QPoint(alarm.confirm.width(), 0))
    assert 0 <= said.y() - (field.y() + alarm.password.height()) < alarm.password.height()
    assert said.x() <= field.x() and field.x() + alarm.password.width() <= said.x() + alarm.error.width() <= button.x()
    # Large (larger than the fields' type) and red on white, read against the alarm's red.
    alarm.error.ensurePolished()
    alarm.password.ensurePolished()
    assert alarm.error.font().pixelSize() > alarm.password.font().pixelSize()
    assert alarm.error.palette().color(QPalette.ColorRole.WindowText).name() == REFUSAL_COLOR
    # The password stays, selected: the one typed next replaces it.
    assert alarm.focusWidget() is alarm.password and alarm.password.selectedText() == "wrong-password"
    qtbot.keyClicks(alarm.password, "qiaogang-chief")
    assert alarm.password.text() == "qiaogang-chief"


@pytest.mark.law("Art. 21")
@pytest.mark.parametrize(("username", "taken_over"), [("qg_police", False), ("bh_audit", False), ("qg_op1", True)])
def test_only_the_wall_of_a_desk_that_reports_emergencies_is_taken_over(qtbot, demo_db, tasks, cjk_font, username,
                                                                        taken_over):
    """A liaison's or an auditor's wall was taken over full screen by the report waiting for a shift supervisor's
    sign-in, though no supervisor watches it and it can act on none of the Art. 21 duties (the desk's emergency banner
    shows them none). It lists the report in its emergency panel, unacknowledged; an operator's wall, at the center,
    is still taken over for the supervisor to acknowledge it."""
    window = WallWindow(demo_db, users.actor_for(demo_db, username), tasks, live=False)
    qtbot.addWidget(window)
    window.show()
    [waiting] = unacknowledged(demo_db)
    assert window.alarm.isVisible() is taken_over and (window.snapshot.alarm is not None) is taken_over
    assert waiting in [report.id for report in window.snapshot.emergencies]


def test_bus_change_refreshes(qtbot, wall, chief):
    before = wall.snapshot.at
    with qtbot.waitSignal(wall.refreshed, timeout=5000):
        wall.bus.changed.emit("cases")
    assert wall.snapshot.at > before


@pytest.mark.law("Art. 21")
def test_the_takeover_and_the_counts_do_not_wait_for_the_months_rates(qtbot, demo_db, chief, cjk_font):
    """The month's three rates (2.2 s of a 2.3–3.1 s snapshot on the demo on PostgreSQL) had been read with
    everything else: a new Art. 21 report took the wall over, and the counts changed, 1.4–3.5 s after
    the commit. They are loaded apart now, and the takeover and the counts are up before them."""
    tasks = HeldTasks()
    window = WallWindow(demo_db, chief, tasks, live=False)
    qtbot.addWidget(window)
    window.show()
    tasks.run(wall_service.snapshot)
    summary = queue.summary(demo_db, chief, QIAOGANG)
    assert window.alarm.isVisible() and window.alarm.report.id == unacknowledged(demo_db)[0]
    assert [t.value.text() for t in window.tiles[:3]] == [f"{summary.received_today:,}", f"{summary.open:,}",
                                                          f"{summary.overdue:,}"]
    assert [(t.caption.text(), t.value.text(), t.note.text()) for t in window.tiles[4:]] == [
        ("响应率", "—", "载入中…"), ("解决率", "—", "载入中…"), ("满意率", "—", "载入中…")]
    tasks.run()
    assert all(t.caption.text().endswith(f"(截至 {beijing_text(window.rates.at, '%H:%M')})")
               and t.value.text() != "—" for t in window.tiles[4:])


def test_the_months_rates_are_recomputed_once_a_minute_not_on_every_change(qtbot, wall, monkeypatch):
    computed = []
    figures = wall_service.scope_figures
    monkeypatch.setattr(wall_service, "scope_figures", lambda *args, **kwargs: computed.append(1) or figures(
        *args, **kwargs))
    before = wall.snapshot.at
    for topic in ("cases", "emergencies", "evaluation", "cases"):
        wall.bus.changed.emit(topic)
    assert wall.snapshot.at > before and computed == []  # the counts follow every change; the rates do not
    assert wall._rates_timer.isActive() and wall._rates_timer.interval() == 60_000
    shown_at = wall.rates.at
    wall._rates_timer.timeout.emit()  # a minute on
    assert computed == [1] and wall.rates.at > shown_at


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_renders_readably_at_wall_resolutions(qtbot, wall, tmp_path, size):
    wall.resize(*size)
    qtbot.waitUntil(lambda: wall.size().width() == size[0])
    target = tmp_path / f"wall-{size[0]}.png"
    assert wall.grab().save(str(target))
    image = QImage(str(target))
    assert (image.width(), image.height()) == size
    unit = unit_for(size[1])
    assert unit == size[1] // 54
    # The big figures scale with the screen: 3 body units high.
    assert f"font-size: {unit * 3}px" in wall.styleSheet()
    assert wall.alarm.size() == wall.size()


def test_the_takeover_shows_typed_text_as_typed(wall):
    """A "<" in a place or a measure had been read as markup and hid the rest of the line."""
    from dataclasses import replace

    from PySide6.QtGui import QTextDocument

    from desktop.views.wall.alarm import SHOWN_CHARACTERS

    report = replace(wall.alarm.report, title="<b>渔港</b> 聚集", place_text="码头 <10 号泊位> 附近",
                     measures="已劝离\n已报公安", summary="聚集" * SHOWN_CHARACTERS)
    wall.alarm.show_report(report, 1)
    shown = QTextDocument()
    shown.setHtml(wall.alarm.facts.text())
    text = shown.toPlainText()
    assert "码头 <10 号泊位> 附近" in text and "已劝离\n已报公安" in text.replace("\u2028", "\n")
    assert "聚集" * (SHOWN_CHARACTERS // 2) + "…" in text
    assert wall.alarm.title.text() == "<b>渔港</b> 聚集"
    assert wall.alarm.title.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.law("Art. 21")
def test_the_takeover_keeps_the_deadline_in_view_with_the_longest_title_and_place(qtbot, wall):
    """A 120-character title and a 200-character place (both allowed) had pushed the 报送时限 line
    off the bottom of a 1080-line wall."""
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication

    wall.resize(1920, 1080)
    qtbot.waitUntil(lambda: wall.alarm.size() == wall.size())
    wall.alarm.show_report(replace(wall.alarm.report, title="渔港码头聚集" * 20, place_text="侨港镇渔港码头东侧" * 23,
                                   summary="渔民聚集" * 100, measures="派员劝导" * 100), 2)
    QApplication.processEvents()
    alarm = wall.alarm
    assert alarm.deadline.isVisible() and alarm.deadline.text().startswith("报送时限:")
    assert alarm.rect().contains(alarm.deadline.geometry())
    for label in (alarm.title, alarm.deadline, alarm.facts):  # each as tall as its text: nothing cut
        assert label.height() >= label.heightForWidth(label.width()), label.text()[:20]
    assert alarm.title.text().endswith("…") and "侨港镇渔港码头东侧" * 8 + "侨港镇渔港码头东…" in alarm.facts.text()
    assert alarm.confirm.geometry().bottom() < alarm.height()


@pytest.mark.law("Art. 21")
def test_the_takeover_says_when_casualties_are_still_being_verified(wall):
    from dataclasses import replace

    report = wall.alarm.report
    wall.alarm.show_report(replace(report, casualties_unverified=False), 1)
    assert "尚在核实" not in wall.alarm.facts.text()
    wall.alarm.show_report(replace(report, casualties_unverified=True), 1)
    assert f"失踪 {report.missing}(尚在核实)" in wall.alarm.facts.text()


@pytest.mark.law("Art. 21")
def test_the_emergency_table_says_what_the_ladder_owes(wall, demo_db, chief):
    import re

    from desktop.services import emergencies

    from datetime import timedelta

    from desktop.models import utcnow
    from desktop.models.enums import EmergencyLevel, EmergencyType

    learned = utcnow() - timedelta(hours=2)  # its first reports are overdue by now
    emergencies.report(demo_db, chief, type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_IV, title="渔船失火",
                       occurred_at=learned, learned_at=learned, place_text="侨港渔港", township_code="450503103000",
                       summary="一艘渔船失火")
    wall.refresh()
    reports = {r.title: r for r in emergencies.list_reports(demo_db, chief)}
    for row in range(wall.emergencies.rowCount()):
        report = reports[wall.emergencies.item(row, 2).text()]
        owed = report.overdue_count()  # a follow-up owed counts the rounds fallen due meanwhile too
        shown = wall.emergencies.item(row, 4).text()
        if owed:
            assert shown == f"超时 {owed} 项"
        else:
            # Which report is next, to which levels, by when: 续报·县(区)、市 11-28 02:26.
            assert re.fullmatch(r"(电话首报|书面首报|续报|终报)·(县\(区\)|市)(、市)? \d\d-\d\d \d\d:\d\d|—", shown), shown
    assert wall.emergencies.rowCount() and any(r.overdue_steps() for r in reports.values())


@pytest.mark.law("Art. 21")
def test_the_wall_never_hides_a_report_owing_an_overdue_rung(wall, demo_db, chief):
    """Only the six newest reports had been shown: an older one late on its ladder dropped off the wall."""
    from datetime import timedelta

    from desktop.models import utcnow
    from desktop.models.enums import EmergencyLevel, EmergencyState, EmergencyType
    from desktop.services import emergencies
    from desktop.services.wall import EMERGENCY_ROWS

    def report(title, learned):
        emergencies.report(demo_db, chief, type=EmergencyType.OTHER, level=EmergencyLevel.LEVEL_IV, title=title,
                           occurred_at=learned, learned_at=learned, place_text="侨港镇避风港",
                           township_code=QIAOGANG, summary="组织渔船进港避风")

    report("渔船失火", utcnow() - timedelta(hours=2))  # its first reports are overdue by now
    for n in range(1, EMERGENCY_ROWS + 2):  # newer ones, nothing late on them yet
        report(f"台风预警转移渔船第{n}批", utcnow() - timedelta(minutes=n))
    wall.refresh()
    every = emergencies.list_reports(demo_db, chief)
    late = {r.title for r in every if r.overdue_steps()}
    listed = [r for r in every if r.state is not EmergencyState.CLOSED or r.learned_at > utcnow() - timedelta(days=7)]
    shown = [wall.emergencies.item(row, 2).text() for row in range(wall.emergencies.rowCount())]
    assert "渔船失火" in late and len(listed) > EMERGENCY_ROWS
    assert len(shown) == EMERGENCY_ROWS and set(shown[:len(late)]) == late  # late ones first
    assert shown[len(late)] == "台风预警转移渔船第1批"  # then the newest
    assert wall.emergencies_more.isVisible()
    assert wall.emergencies_more.text() == f"另有 {len(listed) - EMERGENCY_ROWS} 条未显示"
    tile = wall.tiles[3]
    assert tile.caption.text() == "紧急报告超时环节"
    assert tile.value.text() == str(sum(r.overdue_count() for r in every))
    assert tile.note.text() == f"{len(late)} 件报告(第二十一条)"


@pytest.fixture
def english(translations):
    """The English interface for one test (the Chinese one restored after it)."""
    translations.install("en")


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_emergency_table_fits_its_panel_in_either_language(qtbot, request, demo_db, chief, tasks, cjk_font,
                                                                language, size):
    """In English the ladder (Follow-up report · County/district, City 11-28 22:11) had pushed the 确认
    column off the wall and cut the 报告进度 one; every column now lies on the panel with its text whole,
    on one line in Chinese and on two where English needs them, and all six rows stay in view."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from desktop.models import utcnow
    from desktop.models.enums import EmergencyLevel, EmergencyType
    from desktop.services import emergencies
    from desktop.services.wall import EMERGENCY_ROWS
    from desktop.views.wall.window import cell_margins

    if language == "en":
        request.getfixturevalue("english")
    for n, hours in enumerate((30, 2, 1, 0.5, 0.2, 0.1)):  # a follow-up owed to the county and the city, then …
        learned = utcnow() - timedelta(hours=hours)
        emergencies.report(demo_db, chief, type=EmergencyType.OTHER, level=EmergencyLevel.LEVEL_IV,
                           title=f"台风预警转移渔船第{n + 1}批", occurred_at=learned, learned_at=learned,
                           place_text="侨港镇避风港", township_code=QIAOGANG, summary="组织渔船进港避风")
    for id_ in unacknowledged(demo_db):
        emergencies.acknowledge(demo_db, chief, id_)
    window = WallWindow(demo_db, chief, tasks, live=False)
    qtbot.addWidget(window)
    window.show()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().width() == size[0])
    QApplication.processEvents()
    table = window.emergencies
    assert table.rowCount() == EMERGENCY_ROWS and not window.alarm.isVisible()
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert all(header.sectionViewportPosition(column) >= 0 for column in range(table.columnCount()))
    assert table.horizontalHeaderItem(5).text() == ("确认" if language == "zh" else "Ack.")
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            text = table.item(row, column).text()
            room = table.columnWidth(column) - cell_margins(table)
            taken = metrics.boundingRect(QRect(0, 0, room, 1 << 20), Qt.TextFlag.TextWordWrap, text)
            assert taken.width() <= room and taken.height() < table.rowHeight(row), (text, room)
    # Every row in view, below the header.
    assert header.height() + EMERGENCY_ROWS * table.rowHeight(0) <= table.height()
    if language == "zh":  # only what needs two lines takes them: the time and the level keep their line, whole
        from PySide6.QtGui import QFontMetricsF
        from PySide6.QtWidgets import QStyle

        # As the item's drawing lays a text out: the cell less the grid line and a margin either side,
        # against the text's fractional advance ("11-28 04:59" had been drawn "11-28 …" on a 1-pixel miss).
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        exact = QFontMetricsF(table.font())
        for row in range(table.rowCount()):
            for column in (0, 1):
                text = table.item(row, column).text()
                assert exact.horizontalAdvance(text) <= table.columnWidth(column) - 1 - 2 * margin, text


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_queue_shows_a_grids_whole_name(qtbot, wall, size):
    """侨南社区第5网格 had been cut to 侨南社区第5… on a 768-line wall."""
    from desktop.views.queue_model import PLACE
    from desktop.views.wall.window import cell_margins

    wall.resize(*size)
    qtbot.waitUntil(lambda: wall.size().width() == size[0])
    names = {wall.queue_model.index(row, PLACE).data() for row in range(wall.queue_model.rowCount())}
    assert "侨南社区第5网格" in names
    room = wall.queue.columnWidth(PLACE) - cell_margins(wall.queue)
    assert max(wall.queue.fontMetrics().horizontalAdvance(name) for name in names) <= room


class HeldTasks(SyncTaskRunner):
    """Holds what is submitted until `run()`: the wall as it stands before its data lands."""

    def __init__(self):
        super().__init__()
        self.held = []

    def submit(self, fn, *args, **kwargs):
        self.held.append((fn, args, kwargs))
        return Handle(Progress(), None)

    def run(self, only=None) -> None:
        """Answer what is held, in order, and what they ask for in turn; with `only`, the tasks of that function."""
        while task := next((task for task in self.held if only in (None, task[0])), None):
            self.held.remove(task)
            fn, args, kwargs = task
            SyncTaskRunner.submit(self, fn, *args, **kwargs)


def test_an_empty_wall_says_so_and_tells_loading_from_empty(qtbot, demo_db, system, cjk_font):
    """A township with no grid, case or report had shown blank panels, the same as while loading."""
    tasks = HeldTasks()
    window = WallWindow(demo_db, system, tasks, under=YINTAN, live=False)
    qtbot.addWidget(window)
    window.show()
    assert (window.queue_empty.text(), window.emergencies_empty.text()) == ("载入中…", "载入中…")
    assert window.map.empty_text() == "地图载入中…"
    tasks.run()
    assert window.queue_model.rowCount() == 0 and not window.queue.isVisible()
    assert window.queue_empty.isVisible() and window.queue_empty.text() == "无在办诉求"
    assert window.emergencies_empty.isVisible() and not window.emergencies.isVisible()
    assert window.emergencies_empty.text() == "无紧急情况报告(未结束的及近 7 日的)"
    assert window.map.empty_text() == "无网格边界和带位置的在办诉求可显示"


def _grids_named(view) -> set[str]:
    return {grid.data(CODE_ROLE) for label, grid, _rank in view._labels if label.isVisible()}


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_wall_map_names_its_grids_those_with_overdue_cases_first(qtbot, wall, demo_db, chief, size):
    """In the wall's type the names had run into each other and been dropped: one land grid of the demo
    township was named. Now a grid's name (its village's on a line above) shows inside it, in type a little
    smaller than the legend's, and a grid with overdue cases is named before its neighbours.

    The same on any day: the test had read the names as soon as the window had its height, before the wall was laid
    out again in that size's type, at a height that hung on the day's texts (on 2027-06-15 a calendar note for the
    year took the map's room: 20 of 32 grids named at 1366×768), and which grids had overdue cases hung on the day's
    working-day calendar. The grids are the demo's, each given an open case here; the years the demo's deadlines run
    into are entered, as a city enters a year's holidays, so that no note takes the map's height."""
    city = users.actor_for(demo_db, "bh_admin")
    if wall.snapshot.unknown_years:
        calendar_admin.enter_days(demo_db, city, [calendar_admin.DayEntry(date(year, 1, 1), DayKind.HOLIDAY, "元旦")
                                                  for year in wall.snapshot.unknown_years], incomplete=True)
        with qtbot.waitSignal(wall.refreshed):
            wall.bus.changed.emit("calendar")
    assert wall.calendar_note.isHidden()
    data = map_data(demo_db, chief, QIAOGANG)
    view = wall.map

    def named_with_overdue(overdue: set[str], zoom: float = 1) -> set[str]:
        """The grids named with an open case in each grid, overdue in those of `overdue`, the map zoomed so."""
        cases = tuple(MapCase(number, str(number), grid.short_name, at.x, at.y, grid.code in overdue, grid.code)
                      for number, grid in enumerate(data.grids) for at in [grid.geometry.representative_point()])
        view.set_data(dataclasses.replace(data, cases=cases))
        view.zoom(zoom)
        return _grids_named(view)

    wall.resize(*size)
    qtbot.waitUntil(lambda: wall.height() == size[1])
    QApplication.processEvents()  # the wall laid out in its new size's type, the map fitted to the room it has
    named = named_with_overdue(set())
    assert len(named) >= 0.7 * len(view.grid_items)
    assert "侨南社区\n第5网格" in {label.text() for label, *_ in view._labels}  # the village on a line of its own
    # Zoomed in, a small exclusive grid's name fits inside it, over the name of the land grid it lies on (Art. 7):
    # the larger grid is named, unless the smaller one has overdue cases.
    exclusive = {code for code, grid in view.grid_items.items() if grid.data(KIND_ROLE) == GridKind.EXCLUSIVE}
    plain = named_with_overdue(set(), zoom=3)
    first = named_with_overdue(exclusive, zoom=3)
    assert first - plain and first - plain <= exclusive
    assert plain - first and not (plain - first) & exclusive  # the land grids' names gave way


@pytest.mark.parametrize("height", [1080, 2160])
def test_map_names_and_legend_scale_with_the_walls_type(qtbot, wall, height):
    """Grid names and the legend had stayed at the desk's 12 px, unreadable across the room."""
    from PySide6.QtWidgets import QGraphicsSimpleTextItem

    from desktop.views.map.view import NAME_SHARE

    wall.resize(height * 16 // 9, height)
    qtbot.waitUntil(lambda: wall.height() == height)
    names = [item for item in wall.map.scene().items() if isinstance(item, QGraphicsSimpleTextItem)]
    assert names and {name.font().pixelSize() for name in names} == {round(unit_for(height) * NAME_SHARE)}
    assert wall.map.empty_text() == ""
    image = wall.map.grab().toImage()
    # The legend's box grows with the type: its five lines reach below 6 units of the body type.
    legend_bottom = max(y for y in range(0, min(image.height(), unit_for(height) * 12))
                        if image.pixelColor(12, y).lightness() > 250)
    assert legend_bottom > 6 * unit_for(height)


def test_f11_brings_the_wall_up_once_and_lets_it_go_when_closed(qtbot, demo_db, chief, tasks, cjk_font,
                                                                feature_window):
    """A wall left behind hidden would go on querying on every change for the rest of the shift."""
    from desktop.views.wall.window import open_wall

    window = feature_window(demo_db, chief, tasks)
    open_wall(window)
    open_wall(window)  # pressed again while it is up: the same wall, brought forward
    walls = window.findChildren(WallWindow)
    assert len(walls) == 1 and walls[0].isVisible() and walls[0].isFullScreen()
    walls[0].close()
    qtbot.waitUntil(lambda: not window.findChildren(WallWindow), timeout=2000)
    open_wall(window)
    assert len(window.findChildren(WallWindow)) == 1
    window.findChild(WallWindow).close()


@pytest.mark.law("Art. 21")
def test_the_takeover_of_a_warning_says_when_it_is_expected_not_when_it_happened(wall, demo_db, chief):
    import dataclasses
    from datetime import timedelta

    from desktop.models import utcnow
    from desktop.services import emergencies

    report = emergencies.list_reports(demo_db, chief)[0]
    warning = dataclasses.replace(report, anticipated=True, expected_at=utcnow() + timedelta(days=1))
    wall.alarm.show_report(warning, waiting=1)
    facts = wall.alarm.facts.text()
    assert "预计发生时间" in facts and "尚未发生" in facts and "发生时间</" not in facts.replace("预计发生时间", "")


def test_the_wall_says_when_its_countdowns_run_into_a_year_whose_holidays_nobody_entered(qtbot, wall, demo_db, chief):
    """A complex case dispatched in mid-December runs its 15 working days into the next year, whose holidays
    are neither published (the bundled schedule stops at `last_published_year()`) nor entered. The supervisor
    reads its countdown on the wall, counted Monday–Friday: the wall says so, as the desk's banner does, until
    the year is entered. The case is dispatched in the December of the year after the last published one, into
    the year after that: from mid-December the demo's own deadlines run into the next year too, and the note would
    be there without the case. Both years' New Year are entered first, so the wall starts without the note
    whatever the date, and the note, once the case's year is taken out, is the case's alone."""
    unknown = last_published_year() + 2
    city = users.actor_for(demo_db, "bh_admin")  # the calendar is the whole city's
    new_year = calendar_admin.DayEntry(date(unknown, 1, 1), DayKind.HOLIDAY, "元旦")
    year_before = calendar_admin.DayEntry(date(unknown - 1, 1, 1), DayKind.HOLIDAY, "元旦")
    calendar_admin.enter_days(demo_db, city, [year_before, new_year], incomplete=True)
    with qtbot.waitSignal(wall.refreshed):
        wall.bus.changed.emit("calendar")
    assert wall.calendar_note.isHidden()
    operator = users.login(demo_db, "qg_op1", "qiaogang-op1")
    december = datetime(unknown - 1, 12, 14, 10, tzinfo=timezone(timedelta(hours=8)))
    with demo_db.session() as session:  # 协助排查自建房、危旧房屋安全隐患: complex, 15 working days
        item = session.scalar(select(MatterItem.id).where(MatterItem.code == "C04-03"))
    case = intake.take_in(demo_db, operator, channel=Channel.HOTLINE_12345, title="自建房墙体开裂",
                          description="巷内三层自建房外墙开裂", matter_item_id=item,
                          township_code=QIAOGANG, now=december).case
    lead = dispatch.suggest_departments(demo_db, operator, case.id)[0]
    dispatch.dispatch(demo_db, operator, case_id=case.id, lead_department_id=lead.id,
                      expected_version=case.version, now=december)

    calendar_admin.remove_day(demo_db, city, new_year.day)
    with qtbot.waitSignal(wall.refreshed):
        wall.bus.changed.emit("calendar")
    assert wall.calendar_note.isVisible()
    assert str(unknown) in wall.calendar_note.text() and "周一至周五" in wall.calendar_note.text()
    assert str(unknown - 1) not in wall.calendar_note.text()  # entered: the demo's own deadlines are not the note
    assert "请市级管理员" in wall.calendar_note.text()

    calendar_admin.enter_days(demo_db, city, [new_year], incomplete=True)
    with qtbot.waitSignal(wall.refreshed):
        wall.bus.changed.emit("calendar")
    assert wall.calendar_note.isHidden()


def test_the_queue_shows_its_titles_whole_on_a_1920_wall(qtbot, demo_db, chief, tasks, cjk_font):
    """The queue, which the supervisor reads, takes the wider share of the body: beside a map as wide as
    itself, every title had been cut after eight characters (【急】海鲜排档…); the demo's are whole now,
    the state column still holding its longest state."""
    from desktop.views.queue_model import STATE, TITLE
    from desktop.views.wall.window import cell_margins

    window = WallWindow(demo_db, chief, tasks, live=False)
    qtbot.addWidget(window)
    window.show()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.size().width() == 1920)
    model, metrics = window.queue_model, window.queue.fontMetrics()
    shown = range(min(model.rowCount(), model.page_size))
    titles = [model.index(row, TITLE).data() for row in shown]
    assert max(len(title) for title in titles) >= 12
    assert max(metrics.horizontalAdvance(title) for title in titles) <= (window.queue.columnWidth(TITLE)
                                                                         - cell_margins(window.queue))
    states = [model.index(row, STATE).data() for row in shown]
    assert max(metrics.horizontalAdvance(state) for state in states) <= (window.queue.columnWidth(STATE)
                                                                         - cell_margins(window.queue))


def _wall_sized(qtbot, request, demo_db, chief, tasks, language: str, size: tuple[int, int]) -> WallWindow:
    """The chief's wall in `language` ("zh" or "en"), shown at `size`."""
    if language == "en":
        request.getfixturevalue("english")
    window = WallWindow(demo_db, chief, tasks, live=False)
    qtbot.addWidget(window)
    window.show()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().width() == size[0])
    return window


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_queue_keeps_a_readable_share_of_each_title_in_either_language(qtbot, request, demo_db, chief, tasks,
                                                                           cjk_font, language, size):
    """In English the countdown and the state took all but eight units, of which "[Urgent] " took most: every
    title read "[Urgent] 片区突…". The title keeps its urgent mark and ten characters at least."""
    from PySide6.QtWidgets import QStyle

    from desktop.views.queue_model import TITLE

    window = _wall_sized(qtbot, request, demo_db, chief, tasks, language, size)
    model, metrics = window.queue_model, window.queue.fontMetrics()
    mark = model.urgent_mark()
    titles = [model.index(row, TITLE).data() for row in range(min(model.rowCount(), model.page_size))]
    urgent = [title for title in titles if title.startswith(mark) and len(title) > len(mark) + 10]
    assert urgent
    margin = window.queue.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, window.queue) + 1
    room = window.queue.columnWidth(TITLE) - 1 - 2 * margin  # as the item's drawing elides
    for title in urgent:
        drawn = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
        assert drawn.startswith(title[:len(mark) + 10]), drawn
    assert window.queue.horizontalHeader().length() <= window.queue.viewport().width()


@pytest.mark.law("Art. 20")
@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_queue_shows_a_supervised_cases_state_whole(qtbot, request, demo_db, chief, tasks, cjk_font,
                                                          language, size):
    """A state column of 10 units had cut "办理中 · 一般督办 · 督办超期" (and in English "Handling · General
    supervision"); it now takes the longest state shown, as long as the title keeps TITLE_LEAST_UNITS.
    Every Chinese state is whole at both sizes; the English column tags an order shorter ("supervised")
    ("supervised (late)") and holds a supervised case's state whole on a 1920 wall, eliding only its longest
    combinations ("Jurisdiction objection · supervised")."""
    from desktop.views.queue_model import STATE, TITLE
    from desktop.views.wall.window import TITLE_LEAST_UNITS, cell_margins

    window = _wall_sized(qtbot, request, demo_db, chief, tasks, language, size)
    model, metrics = window.queue_model, window.queue.fontMetrics()
    states = [model.index(row, STATE).data() for row in range(min(model.rowCount(), model.page_size))]
    room = window.queue.columnWidth(STATE) - cell_margins(window.queue)
    if language == "zh":
        assert "办理中 · 一般督办 · 督办超期" in states  # the demo's orders run out unanswered
        assert max(metrics.horizontalAdvance(state) for state in states) <= room
    elif size[0] == 1920:
        late = [state for state in states if state == "Handling · supervised (late)"]
        assert late and metrics.horizontalAdvance(late[0]) <= room
    assert window.queue.columnWidth(STATE) > window._unit * 10  # wider than it was, in either language
    assert window.queue.columnWidth(TITLE) >= window._unit * TITLE_LEAST_UNITS
    assert window.queue.horizontalHeader().length() <= window.queue.viewport().width()


@pytest.mark.law("Art. 20")
def test_the_walls_state_column_makes_room_when_an_order_runs_out_on_the_tick(qtbot, wall):
    from dataclasses import replace

    from desktop.models import utcnow
    from desktop.models.enums import CaseState, SupervisionLevel
    from desktop.views.queue_model import STATE
    from desktop.views.wall.window import cell_margins

    wall.resize(1920, 1080)
    qtbot.waitUntil(lambda: wall.size().width() == 1920)
    model, metrics = wall.queue_model, wall.queue.fontMetrics()
    due = utcnow() + timedelta(minutes=1)
    rows = model._pages[0]
    rows[:] = [replace(row, state=CaseState.HANDLING, supervision=SupervisionLevel.NONE, supervision_due_at=None)
               for row in rows]
    rows[-1] = replace(rows[-1], supervision=SupervisionLevel.KEY, supervision_due_at=due)
    model.clock = lambda: due - timedelta(seconds=1)
    model.tick()
    long = "办理中 · 重点督办 · 督办超期"
    assert metrics.horizontalAdvance(long) > wall.queue.columnWidth(STATE) - cell_margins(wall.queue)
    model.clock = lambda: due + timedelta(seconds=1)
    model.tick()
    assert model.index(len(rows) - 1, STATE).data() == long
    assert metrics.horizontalAdvance(long) <= wall.queue.columnWidth(STATE) - cell_margins(wall.queue)


def shown(window) -> set:
    """The widgets of a window a viewer can see (the hidden ones' parents may still be shown)."""
    return {child for child in window.findChildren(QWidget) if child.isVisible()}


@pytest.mark.law("Art. 15")
@pytest.mark.parametrize("change", ["disabled", "role revoked"])
def test_a_wall_whose_account_is_stopped_blanks_at_once_and_fetches_nothing_more(qtbot, wall, demo_db, system,
                                                                                  answered, change):
    """A wall on its own (griddesk --wall) opened a message box and closed only once someone clicked OK: with
    nobody at its keyboard it went on showing and refreshing the cases behind it for hours. It now shows only
    why, in large type, without a click, and asks for nothing more."""
    from desktop.models.enums import EmergencyLevel, EmergencyType, Role
    from desktop.services import accounts, emergencies

    wall.bus.changed.emit("users")  # another account changed: the wall goes on
    assert wall.queue.isVisible() and wall.alarm.isVisible() and answered == []
    if change == "disabled":
        accounts.set_active(demo_db, system, "qg_chief", False)
        said = "您的账号已被停用,不能再办理;请联系管理员"
    else:
        accounts.grant_role(demo_db, system, username="qg_chief", role=Role.OPERATOR, scope_code=QIAOGANG)
        accounts.revoke_role(demo_db, system, "qg_chief", Role.SUPERVISOR, QIAOGANG)
        said = "您的角色已被管理员调整,请重新登录后再办理"
    wall.bus.changed.emit("users")  # what its live listener emits for it
    assert answered == [] and wall.isVisible()  # no box waits for a click
    assert shown(wall) == {wall.stopped_note}  # no case, report, count nor name: the board and the takeover hidden
    assert wall.stopped_note.text() == f"{said}\n本值班大屏已停止刷新,不再显示诉求和紧急情况(《条例》第十五条)"
    assert wall.stopped_note.font().pixelSize() == 2 * unit_for(wall.height())  # read across the room

    asked = []
    wall.tasks.submit = lambda fn, *args, **kwargs: asked.append(fn)
    learned = datetime.now(timezone.utc) - timedelta(minutes=5)
    emergencies.report(demo_db, users.actor_for(demo_db, "qg_op1"), type=EmergencyType.EMERGENCY,
                       level=EmergencyLevel.LEVEL_IV, title="渔船失火", occurred_at=learned, learned_at=learned,
                       place_text="侨港渔港", township_code=QIAOGANG, summary="一艘渔船失火")
    for topic in ("emergencies", "cases", "places", "users"):
        wall.bus.changed.emit(topic)
    assert not wall._refresh_timer.isActive() and not wall._rates_timer.isActive()
    wall.refresh()  # as an acknowledgement answered late would
    assert asked == [] and shown(wall) == {wall.stopped_note}


@pytest.mark.law("Art. 15")
def test_what_a_stopped_wall_asked_for_before_it_stopped_is_not_shown(qtbot, demo_db, chief, system, cjk_font,
                                                                      answered):
    from desktop.services import accounts

    tasks = HeldTasks()
    window = WallWindow(demo_db, chief, tasks, live=False)
    qtbot.addWidget(window)
    window.show()
    accounts.set_active(demo_db, system, "qg_chief", False)
    window.bus.changed.emit("users")
    tasks.run(accounts.session_problem)
    tasks.run()  # the snapshot, the rates, the queue and the map answer after it stopped
    assert window.snapshot is None and window.rates is None
    assert shown(window) == {window.stopped_note} and answered == []


def test_an_account_check_after_a_reconnect_that_fails_is_logged_not_shown_on_the_wall(wall, monkeypatch, answered):
    """Nobody is at the wall's keyboard to close a dialog a network flap brought up."""
    from desktop.services import accounts

    def lost(db, actor):
        raise ConnectionError("the network flapped")
    monkeypatch.setattr(accounts, "session_problem", lost)
    wall.bus.changed.emit("users")
    assert answered == [] and wall.isVisible()


def test_a_lost_connection_is_said_as_the_wall_recovers_from_it(wall):
    """The desk's wording sent the wall's viewers to a status bar and F5 the wall has not; it refreshes itself."""
    from desktop.db import AT_THE_DESK, ConnectionLost

    wall._failed(ConnectionLost("Connection refused", AT_THE_DESK))
    assert "连接中断" in wall.status.text() and "大屏自动刷新" in wall.status.text()
    assert "F5" not in wall.status.text()


def test_a_database_a_newer_griddesk_upgraded_is_said_in_a_banner_across_the_wall(qtbot, demo_db, chief, tasks, cjk_font):
    """A wall on its own had said it only in the small grey text of its header."""
    from sqlalchemy import text

    from desktop.services.live import LiveState

    window = WallWindow(demo_db, chief, tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.bridge.state is LiveState.CONNECTED, timeout=10000)
    assert not window.upgraded_note.isVisible()
    with demo_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_a_newer_version'"))
    qtbot.waitUntil(window.upgraded_note.isVisible, timeout=10000)
    assert window.upgraded_note.text() == "数据库已被更新版本的网格指挥台升级,请保存/记下手头的工作后关闭并更新本程序"
    assert window.status.text() == ""  # said once, where it is seen
    assert window.upgraded_note.y() < window.tiles[0].mapTo(window, window.tiles[0].rect().topLeft()).y()
    window.close()



@pytest.mark.parametrize("size", [(1920, 1080), (1600, 900), (1366, 768)])
def test_the_queue_shows_whole_rows_only(qtbot, wall, chief, size):
    """Never scrolled, the queue was seldom a whole number of rows high: its last row was drawn cut through the text."""
    wall.alarm.hide()  # only the demo's unacknowledged report covers the queue
    wall.resize(*size)
    qtbot.waitUntil(lambda: wall.size().width() == size[0])
    qtbot.wait(10)
    row = wall.queue.verticalHeader().defaultSectionSize()
    shown = wall.queue.viewport().height()
    assert wall.queue_model.rowCount() * row > shown >= 3 * row  # more cases than room: the room is filled
    assert shown % row == 0


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
@pytest.mark.parametrize("username, password", [("qg_chief", "qiaogang-chief"), ("qg_fish", "qiaogang-fish")])
def test_the_queue_shows_its_countdowns_whole(qtbot, request, demo_db, tasks, cjk_font, language, size, username,
                                              password):
    """A countdown column of 9 units had cut "Sign-for 17 h overdue" to "Sign-for 17 h …" on every English
    wall; it now takes the longest countdown shown, and the title keeps TITLE_LEAST_UNITS (it elides)."""
    from desktop.views.queue_model import COUNTDOWN, TITLE
    from desktop.views.wall.window import TITLE_LEAST_UNITS, cell_margins

    if language == "en":
        request.getfixturevalue("english")
    window = WallWindow(demo_db, users.login(demo_db, username, password), tasks, live=False)
    qtbot.addWidget(window)
    window.show()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().width() == size[0])
    model, metrics = window.queue_model, window.queue.fontMetrics()
    countdowns = [model.index(row, COUNTDOWN).data() for row in range(min(model.rowCount(), model.page_size))]
    assert any(countdown.startswith(("签收 ", "Sign-for ")) for countdown in countdowns)  # the longest kind
    room = window.queue.columnWidth(COUNTDOWN) - cell_margins(window.queue)
    assert max(metrics.horizontalAdvance(countdown) for countdown in countdowns) <= room
    assert window.queue.columnWidth(TITLE) >= window._unit * TITLE_LEAST_UNITS
    assert window.queue.horizontalHeader().length() <= window.queue.viewport().width()


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_queues_columns_keep_their_widths_as_the_countdowns_tick(qtbot, request, wall, language, size):
    """Measured from the texts of the minute, the countdown column, and the state and the title beside it, had
    shifted on the wall whenever a countdown changed length ("剩 9小时" → "剩 10小时"); they now hold still
    while the countdowns run down, fall overdue, and a missed sign-for shows."""
    from dataclasses import replace

    from desktop.models import utcnow
    from desktop.models.enums import CaseState, SupervisionLevel
    from desktop.views.queue_model import COUNTDOWN, STATE, TITLE
    from desktop.views.wall.window import cell_margins

    if language == "en":
        request.getfixturevalue("english")
        wall.retranslate()
    wall.resize(*size)
    qtbot.waitUntil(lambda: wall.size().width() == size[0])
    model = wall.queue_model
    due = utcnow()
    rows = model._pages[0]
    rows[:] = [replace(row, state=CaseState.HANDLING, supervision=SupervisionLevel.NONE, supervision_due_at=None,
                       due_at=due, lead_sign_due_at=None) for row in rows]
    rows[-1] = replace(rows[-1], lead_sign_due_at=due - timedelta(hours=10))

    def widths_at(moment: datetime, countdown: str) -> tuple[int, int, int]:
        model.clock = lambda: moment
        model.tick()
        qtbot.wait(1)  # the title's stretch is laid out afterwards
        assert model.index(0, COUNTDOWN).data() == countdown
        return wall.queue.columnWidth(COUNTDOWN), wall.queue.columnWidth(STATE), wall.queue.columnWidth(TITLE)

    english = language == "en"
    widths = {widths_at(due - timedelta(hours=9, minutes=30), "9 h left" if english else "剩 9小时"),
              widths_at(due + timedelta(minutes=5), "5 min overdue" if english else "超期 5分钟"),
              widths_at(due + timedelta(days=10, hours=10), "10 d 10 h overdue" if english else "超期 10天10小时")}
    assert len(widths) == 1
    last = model.index(len(rows) - 1, COUNTDOWN).data()
    assert last == ("Sign-for 10 d 20 h overdue" if english else "签收 超期 10天20小时")  # the widest kind, whole
    assert wall.queue.fontMetrics().horizontalAdvance(last) <= widths.pop()[0] - cell_margins(wall.queue)
