"""The paged queue model: qtmodeltester, countdown texts and colours, paging, sorting by header, the count after the first page."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, update

from desktop.models import Assignment, Case, Department
from desktop.models.base import utcnow
from desktop.models.enums import ACTIVE_ASSIGNMENT_STATES, CaseState, SupervisionLevel
from desktop.services import queue
from desktop.services.clock import BEIJING, due_text
from desktop.services.queue import QueueFilter, SortKey
from desktop.tasks import TaskRunner
from desktop.views.queue_model import COUNTDOWN, DEADLINE, NEAR_COLOUR, OVERDUE_COLOUR, QueueModel, _load_pages

from .deferred import Deferred


@pytest.fixture
def model(qtbot, desk_db, system, tasks):
    m = QueueModel(desk_db, system, tasks, page_size=7)
    m.refresh()
    return m


def test_model_passes_qtmodeltester(qtmodeltester, model):
    qtmodeltester.check(model)


def test_model_passes_qtmodeltester_on_demo_data(qtmodeltester, demo_db, system, tasks):
    m = QueueModel(demo_db, system, tasks, page_size=50)
    m.refresh()
    assert m.rowCount() > 0
    qtmodeltester.check(m)


def test_a_sign_for_the_lead_missed_shows_before_the_handling_deadline(model):
    """Art. 18(1): the department that signs is responsible from then on; one that has not signed in
    time is what the center chases first."""
    from dataclasses import replace

    row = model.row_at(0)
    model._pages[0][0] = replace(row, lead_sign_due_at=row.due_at - timedelta(days=3))
    model.clock = lambda: row.due_at - timedelta(days=2, hours=5, minutes=30)  # signing 18½ hours late
    assert model.index(0, COUNTDOWN).data() == "签收 超期 18小时"
    assert model.index(0, COUNTDOWN).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR
    assert model.index(0, DEADLINE).data(Qt.ItemDataRole.ForegroundRole) is None  # handling: days left
    model.clock = lambda: row.due_at - timedelta(days=3, hours=2)  # not yet missed: the handling countdown
    assert model.index(0, COUNTDOWN).data() == "剩 3天2小时"


def test_rows_come_in_pages_and_only_when_asked(model):
    assert model.rowCount() == 30
    assert list(model._pages) == [0]
    assert model.index(29, 0).data() == "450503103-2026-000030"  # the last page, fetched on demand
    assert sorted(model._pages) == [0, 4]


def test_countdown_text_and_colours(model):
    row = model.row_at(0)
    model.clock = lambda: row.due_at - timedelta(days=2, hours=3, minutes=10)
    assert model.index(0, COUNTDOWN).data() == "剩 2天3小时"
    assert model.index(0, COUNTDOWN).data(Qt.ItemDataRole.ForegroundRole) is None
    model.clock = lambda: row.due_at - timedelta(hours=3)
    assert model.index(0, COUNTDOWN).data(Qt.ItemDataRole.ForegroundRole) == NEAR_COLOUR
    model.clock = lambda: row.due_at + timedelta(hours=5, minutes=2)
    assert model.index(0, COUNTDOWN).data() == "超期 5小时"
    assert model.index(0, DEADLINE).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR


@pytest.mark.parametrize("state, said", [(CaseState.REOPENED, "未派遣,未计时"),
                                         (CaseState.ON_HOLD, "暂缓,不计时"), (CaseState.EXTENSION_PENDING, "待审批,暂停计时"),
                                         (CaseState.REPORTED, "已反馈,待核查"), (CaseState.UNDER_REVIEW, "核查中,不计时"),
                                         (CaseState.CLOSED, "")])
def test_an_open_case_without_a_running_deadline_says_why(model, state, said):
    row = model.row_at(0)
    model._pages[0][0] = replace(row, state=state, due_at=None)
    assert model.index(0, COUNTDOWN).data() == said and model.index(0, DEADLINE).data() == ""


@pytest.mark.law("Art. 17")
@pytest.mark.parametrize("state", [CaseState.RECEIVED, CaseState.REGISTERED])
def test_a_request_not_yet_dispatched_says_how_long_it_has_waited(model, state):
    """An urgent request taken in at 07:26 stood nine hours later among the rows "未派遣,未计时", no different
    from one just taken in: what waits on the center says how long it has (Art. 17: 及时接收).
    The column is measured for it too."""
    row = model.row_at(0)
    model._pages[0][0] = replace(row, state=state, due_at=None)
    model.clock = lambda: row.received_at + timedelta(hours=9, minutes=20)
    assert model.index(0, COUNTDOWN).data() == "未派遣 · 已等 9小时"
    assert "未派遣 · 已等 99天23小时" in model.countdown_forms("99天23小时")


def test_a_deadline_at_midnight_shows_as_24_00_of_the_day_before(model):
    row = model.row_at(0)
    model._pages[0][0] = replace(row, due_at=datetime(2026, 11, 7, tzinfo=BEIJING))
    assert model.index(0, DEADLINE).data() == "2026-11-06 24:00"


def test_timer_tick_repaints_the_countdown_without_refetching(qtbot, model, monkeypatch):
    asked = []
    monkeypatch.setattr("desktop.services.queue.page", lambda *a, **k: asked.append(a) or [])
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.tick()
    assert blocker.args[0].column() == COUNTDOWN and blocker.args[1].row() == 29
    assert asked == []


@pytest.mark.law("Art. 20")
def test_a_supervision_order_running_out_shows_on_the_next_tick_without_refetching(qtbot, model, monkeypatch):
    """督办超期 had waited for the queue's next refresh; the row holds the order's deadline now."""
    from desktop.views.queue_model import STATE

    row = model.row_at(0)
    due = utcnow() + timedelta(minutes=1)
    model._pages[0][0] = replace(row, supervision=SupervisionLevel.GENERAL, supervision_due_at=due)
    asked = []
    monkeypatch.setattr("desktop.services.queue.page", lambda *a, **k: asked.append(a) or [])
    model.clock = lambda: due - timedelta(seconds=1)
    assert "督办超期" not in model.index(0, STATE).data()
    model.clock = lambda: due + timedelta(seconds=1)
    repainted = []
    model.dataChanged.connect(lambda first, last, roles: repainted.append(first.column()))
    model.tick()
    assert STATE in repainted
    assert model.index(0, STATE).data().endswith(" · 一般督办 · 督办超期")
    assert asked == []


def test_header_sort_orders_in_sql(model):
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.filter.sort is SortKey.NUMBER and model.filter.descending
    assert model.index(0, 0).data() == "450503103-2026-000030"
    model.sort(5)  # the place column cannot be sorted: nothing changes
    assert model.filter.sort is SortKey.NUMBER


def test_filter_change_resets_and_counts_again(qtbot, model):
    with qtbot.waitSignal(model.modelReset):
        model.set_filter(QueueFilter(overdue_only=True))
    assert model.rowCount() == 10


def test_first_page_shows_before_the_count_which_then_inserts_rows(qtbot, qtmodeltester, desk_db, system):
    tasks = Deferred()
    m = QueueModel(desk_db, system, tasks, page_size=7)
    m.refresh()
    with qtbot.waitSignal(m.modelReset):
        assert tasks.run() is _load_pages
    assert (m.rowCount(), m.counting) == (7, True)  # a full page: there may be more
    assert m.index(6, 0).data() == "450503103-2026-000007"
    qtmodeltester.check(m)  # also watches the insert below
    with qtbot.waitSignal(m.refreshed), qtbot.waitSignal(m.rowsInserted) as inserted:
        assert tasks.run() is queue.count
    assert inserted.args[1:] == [7, 29]
    assert (m.rowCount(), m.counting) == (30, False)
    assert tasks.queued == []


def test_a_short_first_page_is_the_whole_answer_and_needs_no_count(qtbot, desk_db, system):
    tasks = Deferred()
    m = QueueModel(desk_db, system, tasks, page_size=50)
    m.refresh()
    with qtbot.waitSignal(m.refreshed):
        tasks.run()
    assert (m.rowCount(), m.counting, tasks.queued) == (30, False, [])


def test_a_count_below_the_rows_shown_removes_rows(qtbot, desk_db, system):
    tasks = Deferred()
    m = QueueModel(desk_db, system, tasks, page_size=7)
    m.refresh()
    tasks.run()
    tasks.run()
    assert m.index(29, 0).data() == "…"  # page 4 is asked for …
    assert tasks.run() is queue.page
    assert m.index(29, 0).data() == "450503103-2026-000030"  # … and now held as well
    with desk_db.session() as session:
        session.execute(update(Case).where(Case.id > 8).values(state=CaseState.CLOSED, closed_at=utcnow()))
        session.commit()
    m.refresh()  # a live refresh: pages 0 and 4 again; page 4 comes back empty
    tasks.run()
    assert (m.rowCount(), m.counting) == (30, True)  # the scroll range stays until the count says otherwise
    with qtbot.waitSignal(m.rowsRemoved) as blocker:
        tasks.run()
    assert blocker.args[1:] == [8, 29]
    assert m.rowCount() == 8 and m.index(7, 0).data() == "…"  # page 1 was never fetched
    assert tasks.run() is queue.page
    assert m.index(7, 0).data() == "450503103-2026-000008"


def test_an_older_answer_arriving_late_is_dropped(desk_db, system):
    tasks = Deferred()
    m = QueueModel(desk_db, system, tasks, page_size=7)
    m.refresh()
    tasks.run()  # the unfiltered first page is shown; its count is queued
    m.set_filter(QueueFilter(overdue_only=True))
    tasks.run(1)  # the overdue pages: 10 rows, a full page of 7 shown
    tasks.run(0)  # the unfiltered count (30) arrives last and is dropped
    assert m.rowCount() == 7
    tasks.run()
    assert m.rowCount() == 10


def test_panel_says_it_is_counting_until_the_count_lands(qtbot, desk_db, system):
    from desktop.views.queue_panel import QueuePanel

    tasks = Deferred()
    panel = QueuePanel(QueueModel(desk_db, system, tasks, page_size=7))
    qtbot.addWidget(panel)
    panel.model.refresh()
    tasks.run()
    assert panel.total.text() == "已显示 7 件,正在计数…"
    tasks.run()
    assert panel.total.text() == "共 30 件"


def test_every_state_choice_filters_the_queue_and_all_states_means_no_state_filter(qtbot, desk_db, system, tasks):
    from desktop.models.enums import CaseState
    from desktop.views.queue_panel import QueuePanel

    panel = QueuePanel(QueueModel(desk_db, system, tasks, page_size=7))
    qtbot.addWidget(panel)
    chosen = {}
    for index in range(panel.state.count()):
        panel.state.setCurrentIndex(index)
        panel.apply_filters()
        chosen[panel.state.itemText(index)] = (panel.model.filter.states, panel.model.filter.awaiting_center)
    assert chosen["全部状态"] == (frozenset(), False) and chosen["待本中心办理"][1]
    panel.state.setCurrentIndex(panel.state.findText("待重点督办"))  # Art. 20(1), where the supervisor works
    panel.apply_filters()
    assert panel.model.filter.key_supervision_due and not panel.model.filter.awaiting_center
    panel.state.setCurrentIndex(panel.state.findText("待分拨清单(未落网格)"))  # Art. 16: waiting for a grid
    panel.apply_filters()
    assert panel.model.filter.unrouted and panel.model.filter.states == frozenset({CaseState.RECEIVED})
    assert not panel.model.filter.key_supervision_due
    assert chosen["已派遣"] == (frozenset({CaseState.DISPATCHED}), False)
    panel.state.setCurrentIndex(panel.state.findText("全部状态"))
    panel.apply_filters()
    assert panel.model.rowCount() == 30


def test_a_column_the_queue_cannot_be_sorted_by_keeps_no_sort_arrow(qtbot, desk_db, system, tasks):
    from PySide6.QtCore import Qt

    from desktop.views.queue_model import COUNTDOWN, PLACE, RECEIVED
    from desktop.views.queue_panel import QueuePanel

    panel = QueuePanel(QueueModel(desk_db, system, tasks, page_size=7))
    qtbot.addWidget(panel)
    header = panel.view.horizontalHeader()
    assert header.sortIndicatorSection() == COUNTDOWN  # in view at any width, unlike the deadline at the far right
    header.setSortIndicator(RECEIVED, Qt.SortOrder.DescendingOrder)
    assert panel.model.filter.sort is SortKey.RECEIVED and panel.model.filter.descending
    header.setSortIndicator(PLACE, Qt.SortOrder.AscendingOrder)  # a click on 地点
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (RECEIVED, Qt.SortOrder.DescendingOrder)
    assert panel.model.filter.sort is SortKey.RECEIVED


def test_scrolling_to_an_uncached_page_fetches_it_on_a_worker_thread(qtbot, desk_db, system):
    runner = TaskRunner()
    m = QueueModel(desk_db, system, runner, page_size=7)
    with qtbot.waitSignal(m.refreshed):
        m.refresh()
    assert m.rowCount() == 30 and list(m._pages) == [0]
    with qtbot.waitSignal(m.dataChanged) as changed:
        # The GUI thread does not wait: the row reads "…" until its page lands.
        assert m.index(29, 0).data() == "…" and m.index(29, 1).data() is None
        assert m.index(28, 0).data() == "…"  # the same page is asked for once
    assert [changed.args[0].row(), changed.args[1].row()] == [28, 29]
    assert m.index(29, 0).data() == "450503103-2026-000030"
    assert sorted(m._pages) == [0, 4]
    runner.wait()


def test_a_page_answering_after_a_refresh_is_dropped(qtbot, desk_db, system):
    tasks = Deferred()
    m = QueueModel(desk_db, system, tasks, page_size=7)
    m.refresh()
    tasks.run()
    tasks.run()
    m.index(29, 0).data()  # page 4 asked for under the old filter
    m.set_filter(QueueFilter(overdue_only=True))
    assert tasks.run() is queue.page  # answers late: not for this table any more
    assert 4 not in m._pages


def test_a_liaison_reads_its_own_parts_state_and_deadline_first(qtbot, demo_db, tasks):
    """The case's deadline is the lead's handling one; a liaison acts on its own share: signing due
    tonight must not read as "6 days left"."""
    from desktop.models import Assignment
    from desktop.models.enums import AssignmentRole, AssignmentState
    from desktop.services.users import actor_for

    police = actor_for(demo_db, "qg_police")
    model = QueueModel(demo_db, police, tasks, page_size=200)
    model.refresh()
    rows = [model.row_at(r) for r in range(model.rowCount())]
    unsigned = next(r for r in rows if r.own_state is AssignmentState.DISPATCHED)
    with demo_db.session() as s:
        share = s.scalar(select(Assignment).where(Assignment.case_id == unsigned.id,
                                                  Assignment.department_id == police.department_id,
                                                  Assignment.state == AssignmentState.DISPATCHED))
    assert (unsigned.own_due_at, unsigned.own_step) == (share.sign_due_at, "sign")
    row = rows.index(unsigned)
    model.clock = lambda: share.sign_due_at - timedelta(hours=7, minutes=5)
    assert model.index(row, COUNTDOWN).data() == "签收 剩 7小时"
    assert model.index(row, DEADLINE).data() == due_text(share.sign_due_at)  # its own, as the queue is sorted
    assert model.index(row, 3).data().startswith(f"本单位待签收 · 案件{unsigned.state.label}")
    # Where the share's state reads as the case's, it is said once: the column stays whole at its width.
    handling = rows.index(next(r for r in rows if r.own_state is AssignmentState.HANDLING
                               and r.state is CaseState.HANDLING and r.supervision is SupervisionLevel.NONE))
    assert model.index(handling, 3).data() == "本单位办理中"
    # A narrow column cuts the longer texts short: the tooltip holds them whole.
    for column in (COUNTDOWN, 3):
        assert model.index(row, column).data(Qt.ItemDataRole.ToolTipRole) == model.index(row, column).data()
    # Reported: a lead's result to the center; a co-handler's to the lead, as the case panel says (Art. 18(1)).
    for role, text in ((AssignmentRole.LEAD, "已反馈办理结果"), (AssignmentRole.CO, "已向主办单位反馈")):
        reported = rows.index(next(r for r in rows if r.own_state is AssignmentState.REPORTED and r.own_role is role))
        assert model.index(reported, COUNTDOWN).data() == text
    operator = QueueModel(demo_db, actor_for(demo_db, "qg_op1"), tasks)
    operator.refresh()
    assert operator.rowCount() and all(operator.row_at(r).own_state is None for r in range(min(20, operator.rowCount())))


def test_the_lead_department_is_named_beside_each_dispatched_case(demo_db, system, tasks):
    """Who handles it, at a glance: the department leading the case now (Art. 18), blank before dispatch."""
    from desktop.models import Assignment, Department
    from desktop.models.enums import AssignmentRole
    from desktop.views.queue_model import LEAD

    model = QueueModel(demo_db, system, tasks, page_size=500)
    model.set_filter(QueueFilter(states=frozenset({CaseState.HANDLING, CaseState.RECEIVED})))
    rows = {model.row_at(r).id: r for r in range(model.rowCount())}
    with demo_db.session() as s:
        leads = dict(s.execute(select(Assignment.case_id, Department.short_name).join(Department).where(
            Assignment.role == AssignmentRole.LEAD, Assignment.case_id.in_(rows),
            Assignment.state.in_(ACTIVE_ASSIGNMENT_STATES))).all())
        received = s.scalars(select(Case.id).where(Case.id.in_(rows), Case.state == CaseState.RECEIVED)).all()
    assert leads and received
    assert all(model.index(rows[case_id], LEAD).data() == name for case_id, name in leads.items())
    assert all(model.index(rows[case_id], LEAD).data() == "" for case_id in received)
    assert model.headerData(LEAD, Qt.Orientation.Horizontal) == "承办单位"


@pytest.mark.law("Art. 20")
def test_the_state_column_says_when_a_supervision_order_is_past_its_deadline(desk_db, system, tasks):
    from desktop.models import SupervisionOrder
    from desktop.views.queue_model import STATE

    m = QueueModel(desk_db, system, tasks, page_size=7)
    m.refresh()
    first, second = m.row_at(0), m.row_at(1)
    with desk_db.session() as session:
        for row, due in ((first, utcnow() - timedelta(hours=1)), (second, utcnow() + timedelta(days=2))):
            session.add(SupervisionOrder(case_id=row.id, level=SupervisionLevel.GENERAL, issued_by="值班长",
                                         due_at=due, reason="督促办理"))
        session.execute(update(Case).where(Case.id.in_([first.id, second.id]))
                        .values(supervision=SupervisionLevel.GENERAL))
        session.commit()
    m.refresh()
    assert m.index(0, STATE).data().endswith("一般督办 · 督办超期")
    assert m.index(1, STATE).data().endswith("一般督办")


def test_a_liaison_is_not_offered_the_centers_own_lists(qtbot, demo_db, tasks):
    """What waits on the center, its triage list and key supervision due are the center's (Art. 16,
    20(1)); a liaison's queue holds only cases sent to its department, where they would always be empty."""
    from desktop.services.users import actor_for
    from desktop.views.queue_panel import QueuePanel

    center_lists = {"待本中心办理", "待分拨清单(未落网格)", "待重点督办"}
    offered = {}
    for user in ("qg_police", "qg_op1"):
        panel = QueuePanel(QueueModel(demo_db, actor_for(demo_db, user), tasks, page_size=50))
        qtbot.addWidget(panel)
        offered[user] = {panel.state.itemText(i) for i in range(panel.state.count())}
    assert not offered["qg_police"] & center_lists and {"未办结", "全部状态", "本单位待签收"} <= offered["qg_police"]
    assert center_lists <= offered["qg_op1"]


@pytest.mark.law("Art. 18")
@pytest.mark.law("Art. 19")
def test_a_liaison_filters_by_its_own_shares_state_as_its_rows_name_it(qtbot, demo_db, tasks):
    """qg_police's 办理中 listed the 7 cases reading 办理中 while 10 of its rows read 本单位办理中: the cases sent back
    with the police still handling its share were left out. A liaison's entry is its share's state, named as its
    rows name it; an operator's is the case's, as before."""
    from desktop.models.enums import AssignmentState
    from desktop.services.users import actor_for
    from desktop.views.queue_model import STATE
    from desktop.views.queue_panel import QueuePanel

    panels = {}
    for user in ("qg_police", "qg_op1"):
        panels[user] = QueuePanel(QueueModel(demo_db, actor_for(demo_db, user), tasks, page_size=500))
        qtbot.addWidget(panels[user])
    police = panels["qg_police"].model
    police.refresh()
    handling = {police.row_at(n).id for n in range(police.rowCount())
                if police.row_at(n).own_state is AssignmentState.HANDLING}
    entries = {panels["qg_police"].state.itemText(i) for i in range(panels["qg_police"].state.count())}
    assert "本单位办理中" in entries and "办理中" not in entries and "退回" in entries  # the case's, where no step is
    panels["qg_police"].state.setCurrentIndex(panels["qg_police"].state.findText("本单位办理中"))
    rows = [police.row_at(n) for n in range(police.rowCount())]
    assert {r.id for r in rows} == handling and {r.state for r in rows} == {CaseState.HANDLING, CaseState.SENT_BACK}
    assert all(police.index(n, STATE).data().startswith("本单位办理中") for n in range(police.rowCount()))
    assert police.filter.own_states == {AssignmentState.HANDLING} and police.filter.states == frozenset()
    operator = panels["qg_op1"]
    operator.state.setCurrentIndex(operator.state.findText("办理中"))
    assert (operator.model.filter.states, operator.model.filter.own_states) == (frozenset({CaseState.HANDLING}), frozenset())
    assert {operator.model.row_at(n).state for n in range(operator.model.rowCount())} == {CaseState.HANDLING}


@pytest.mark.law("Art. 18")
def test_a_liaisons_open_case_where_its_share_has_finished_says_so(qtbot, demo_db, tasks):
    """qg_market's open list holds 重办 cases its share of had ended before they were reopened: its department's
    cases, which it may still read (finished shares too), where it has nothing to do. The row read 重办 and
    未派遣,未计时 only; it says the department's part is done, and counts the case's deadline, not the sign-for of
    the department it went to next."""
    from desktop.services.cases import dispatch
    from desktop.services.users import actor_for
    from desktop.views.countdown import span_text
    from desktop.views.queue_model import STATE

    model = QueueModel(demo_db, actor_for(demo_db, "qg_market"), tasks, page_size=500)
    model.refresh()
    reopened = [n for n in range(model.rowCount()) if model.row_at(n).state is CaseState.REOPENED]
    assert reopened and all(model.row_at(n).own_state is None for n in reopened)
    assert {model.index(n, STATE).data() for n in reopened} == {"本单位已完成 · 案件重办"}
    assert {model.index(n, COUNTDOWN).data() for n in reopened} == {"未派遣,未计时"}  # the case's: not dispatched yet
    case = model.row_at(reopened[0])
    dispatch.dispatch(demo_db, actor_for(demo_db, "qg_op1"), case_id=case.id, expected_version=case.version,
                      lead_department_id=actor_for(demo_db, "qg_police").department_id)
    model.refresh()
    row = next(n for n in range(model.rowCount()) if model.row_at(n).id == case.id)
    again = model.row_at(row)
    model.clock = lambda: again.lead_sign_due_at + timedelta(hours=1)  # the police station's sign-for missed
    assert model.index(row, STATE).data() == "本单位已完成 · 案件已派遣"
    assert model.index(row, COUNTDOWN).data() == f"剩 {span_text(again.due_at - model.clock())}"
    assert model.index(row, COUNTDOWN).data(Qt.ItemDataRole.ForegroundRole) != OVERDUE_COLOUR


def test_a_number_searched_for_that_the_filters_leave_out_is_said_to_be_there_and_in_what_state(qtbot, demo_db,
                                                                                              tasks):
    """A caller quoting the number of a case closed or merged: the default 未办结 queue showed 共 0 件 and no word
    why. A case the user may not read (another department's, for a liaison) is not told of."""
    from desktop.services.users import actor_for
    from desktop.views.queue_panel import QueuePanel

    with demo_db.session() as session:
        closed = session.scalar(select(Case.number).where(Case.state == CaseState.CLOSED).limit(1))
    panel = QueuePanel(QueueModel(demo_db, actor_for(demo_db, "qg_op1"), tasks, page_size=50))
    qtbot.addWidget(panel)
    panel.text.setText(closed)
    panel.text.returnPressed.emit()
    assert panel.model.rowCount() == 0 and panel.total.text() == "共 0 件" and not panel.left_out.isHidden()
    assert panel.left_out.text() == (f"案件 {closed} 为“已办结”,不符合当前的筛选条件或所选地区;"
                                     "可选“全部状态”或上级地区后再查找")
    panel.model.refresh()  # another desk's change: found nothing again, the word stays
    assert not panel.left_out.isHidden() and closed in panel.left_out.text()
    panel.state.setCurrentIndex(panel.state.findData("all"))
    assert panel.model.rowCount() == 1 and panel.total.text() == "共 1 件" and panel.left_out.isHidden()
    panel.text.setText("450503103-2026-999999")  # no such case: nothing more than the count
    panel.text.returnPressed.emit()
    assert panel.total.text() == "共 0 件" and panel.left_out.isHidden()
    assert queue.state_of_readable(demo_db, actor_for(demo_db, "qg_op1"), closed) is CaseState.CLOSED
    with demo_db.session() as session:  # a case sent to another department only
        police = select(Department.id).where(Department.code.like("%PCS%")).scalar_subquery()
        elsewhere = session.scalar(select(Case.number).where(
            Case.state == CaseState.CLOSED, ~Case.assignments.any(Assignment.department_id == police)).limit(1))
    assert queue.state_of_readable(demo_db, actor_for(demo_db, "qg_police"), elsewhere) is None


def test_every_page_and_the_count_of_a_refresh_are_read_at_its_moment(model, monkeypatch):
    """The order depends on the time (a sign-for missed meanwhile moves its case to the top): a page fetched
    as the view scrolls, minutes after the first, had been read at its own moment, its rows shifted against
    the pages before it."""
    from desktop.views import queue_model

    asked = []
    page = queue.page
    monkeypatch.setattr(queue, "page", lambda *args, now, **kw: asked.append(now) or page(*args, now=now, **kw))
    refreshed_at = utcnow() - timedelta(minutes=10)
    monkeypatch.setattr(queue_model, "utcnow", lambda: refreshed_at)
    model.refresh(keep_pages=False)
    monkeypatch.setattr(queue_model, "utcnow", lambda: refreshed_at + timedelta(minutes=10))
    assert model.row_at(model.page_size * 2) is not None  # scrolled to the third page
    assert len(asked) >= 2 and set(asked) == {refreshed_at}
