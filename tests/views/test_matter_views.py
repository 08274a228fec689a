"""Matter list screen with qtbot: versions and items, new draft, publish, review of applications."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit
from sqlalchemy import select

from desktop.models import Department, Liaison, Person, Place
from desktop.models.enums import (
    ApplicationAction,
    DepartmentLevel,
    MatterCategory,
    MatterComplexity,
    MatterListState,
    PlaceLevel,
    RectificationState,
    ReviewState,
    Role,
    TimeLimitUnit,
)
from desktop.services import matter_list
from desktop.services.clock import beijing_today
from desktop.services.security import Actor, Grant
from desktop.views import dialogs
from desktop.views.matters import open_matter_list
from desktop.views.matters.window import MatterListWindow
from desktop.views.matters import window as matters_window
from desktop.views.matters.item_form import ItemForm
from desktop.views.matters.rectification_form import ConfirmForm, RectificationForm, ReturnForm

from .conftest import QIAOBEI

YINHAI = "450503000000"


@pytest.fixture
def listed(sqlite_db, system):
    """银海区 list v1 (one item) published; the health bureau applies to add an item."""
    with sqlite_db.session() as session:
        county = session.scalar(select(Place).where(Place.code == YINHAI))
        department = Department(code="450503-WJJ", name="银海区卫生健康局", short_name="区卫健局",
                                level=DepartmentLevel.COUNTY, place_id=county.id)
        contact = Person(name="韦指导")
        session.add_all([department, contact])
        session.flush()
        session.add(Liaison(department_id=department.id, person_id=contact.id, is_guidance_contact=True))
        session.commit()
        department_id = department.id
    v1 = matter_list.start_version(sqlite_db, system, place_code=YINHAI)
    matter_list.add_item(sqlite_db, system, v1.id, matter_list.ItemDraft("YH-07-01", "协助开展传染病防控",
                                                                         MatterCategory.PUBLIC_HEALTH),
                         department_id=department_id)
    matter_list.publish(sqlite_db, system, v1.id, on=date(2025, 9, 1))
    matter_list.apply(sqlite_db, system, department_id=department_id, action=ApplicationAction.ADD,
                      reason="登革热防控", proposal=matter_list.ItemDraft("YH-07-02", "协助清除积水",
                                                                     MatterCategory.PUBLIC_HEALTH))
    return sqlite_db


def _cut_text(view, row: int, column: int) -> str | None:
    """What the list's tooltip shows for a cell with no tooltip of its own (rows_model.WholeTextTips)."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    index = view.model().index(row, column)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    return view.itemDelegate().cut_text(option, index)


def _open(window) -> MatterListWindow:
    open_matter_list(window)
    return window.findChild(MatterListWindow)


@pytest.fixture
def window(listed, system, tasks, monkeypatch, feature_window):
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: pytest.fail(str(exc)))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: True)
    return feature_window(listed, system, tasks, QIAOBEI)


@pytest.mark.law("Art. 12")
def test_versions_items_new_draft_and_publish(qtbot, qtmodeltester, window, monkeypatch):
    matters = _open(window)
    qtbot.addWidget(matters)
    assert matters.code == YINHAI  # the county of 侨北社区 compiles its list
    qtmodeltester.check(matters.items_model)
    qtmodeltester.check(matters.applications_model)
    assert matters.items_model.index(0, 1).data() == "协助开展传染病防控"
    assert "已公布" in matters.version_label.text() and not matters.publish_button.isEnabled()

    assert not matters.add_item_button.isEnabled()  # a published version is not edited
    assert matters.new_button.isEnabled()
    matters.new_button.click()
    assert matters.current().version == 2 and matters.current().state is MatterListState.DRAFT
    assert matters.items_model.rowCount() == 1 and matters.publish_button.isEnabled()
    # One draft at a time: another is not offered while this one is open.
    assert not matters.new_button.isEnabled() and "第 2 版草稿尚未公布" in matters.new_button.toolTip()

    def fill(form: ItemForm):
        form.code.setText("YH-10-01")
        form.title.setText("协助开展城乡人居环境整治")
        form.category.setCurrentIndex(form.category.findData(MatterCategory.CIVILISATION))
        form.complexity.setCurrentIndex(form.complexity.findData(MatterComplexity.URGENT))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ItemForm, "exec", fill)
    matters.add_item_button.click()
    added = next(i for i in matters.items_model.rows if i.draft.code == "YH-10-01")
    assert (added.draft.time_limit, added.draft.time_limit_unit) == (24, TimeLimitUnit.HOURS)  # urgent default
    matters.items_view.selectRow(matters.items_model.rows.index(added))
    matters.remove_item_button.click()
    assert [i.draft.code for i in matters.items_model.rows] == ["YH-07-01"]
    # Published under the title asked, as the draft had it: a new version copies the last one's year.
    asked = []
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, label, text="": asked.append((label, text)) or
                        " 银海区网格化服务管理事项清单(2026年版) ")
    matters.publish_button.click()
    assert asked == [("自今日起公布第 2 版,现行版本将同时废止。公布的标题:", matters.versions[1].title)]
    assert matters.current().state is MatterListState.PUBLISHED
    assert matters.current().title == "银海区网格化服务管理事项清单(2026年版)"
    assert [v.state for v in matters.versions] == [MatterListState.PUBLISHED, MatterListState.SUPERSEDED]
    assert matters.new_button.isEnabled()  # published: the next draft may be opened


@pytest.mark.law("Art. 13")
def test_review_applications(qtbot, window, monkeypatch):
    matters = _open(window)
    qtbot.addWidget(matters)
    assert matters.applications_model.index(0, 4).data() == "待审核"
    matters.applications_view.selectRow(0)
    matters.approve_button.click()
    assert matters.applications_model.rows[0].state is ReviewState.APPROVED
    # Approval put the item into a new draft.
    assert matters.current().version == 2 and matters.items_model.rowCount() == 2

    said = []
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: said.append(text))
    matters.reject_button.click()
    assert said == ["请先选中一条待审核的申请"]


@pytest.mark.law("Art. 13")
def test_rectification_notice_issued_and_closed(qtbot, qtmodeltester, window, monkeypatch):
    matters = _open(window)
    qtbot.addWidget(matters)

    def fill(form: RectificationForm):
        qtbot.keyClick(form.reason, Qt.Key.Key_Tab)  # goes on to the deadline, typing nothing
        assert form.reason.toPlainText() == ""
        form.reason.setPlainText("未落实专门人员进行业务指导")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RectificationForm, "exec", fill)
    matters.notice_button.click()
    qtmodeltester.check(matters.rectifications_model)
    assert matters.rectifications_model.index(0, 0).data() == "区卫健局"
    assert matters.rectifications_model.index(0, 3).data() == "整改中"

    monkeypatch.setattr(matters_window, "ask_text", lambda parent, title, prompt: "已指定专人")
    matters.rectifications_view.selectRow(0)
    matters.rectified_button.click()
    assert [(r.state.label, r.response) for r in matters.rectifications_model.rows] == [("已整改", "已指定专人")]
    # Recorded by the institution, not reported: no history of reports for a tooltip; the response is
    # shown whole in it only where the column cuts it short.
    assert matters.rectifications_model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) is None
    view = matters.rectifications_view
    view.horizontalHeader().setStretchLastSection(False)
    assert _cut_text(view, 0, 4) is None
    view.setColumnWidth(4, view.fontMetrics().horizontalAdvance("已指"))
    assert _cut_text(view, 0, 4) == "已指定专人"


@pytest.mark.law("Art. 13")
def test_a_long_reason_on_the_tab_behind_is_read_whole(qtbot, window):
    """The notices' tab is behind the applications' when the window opens: its reason column is fitted
    against the window, not the hidden tab's default width, and a reason longer than the column
    still shows whole in its tooltip."""
    reason = "近一个月派来的 5 件案件中有 3 件未在签收时限内签收,2 件逾期反馈办理结果且未说明理由"
    department_id = matter_list.departments(window.db, YINHAI)[0][0]
    matter_list.issue_rectification(window.db, window.actor, department_id=department_id, reason=reason,
                                    due_on=date(2025, 9, 30), today=date(2025, 9, 1))
    matters = _open(window)
    qtbot.addWidget(matters)
    view = matters.rectifications_view
    assert not view.isVisible()  # never shown: behind the applications' tab
    assert view.columnWidth(1) >= int(matters.width() * 0.4) > 24 * view.fontMetrics().averageCharWidth()
    assert _cut_text(view, 0, 1) == reason  # capped: whole in its tooltip
    assert _cut_text(view, 0, 2) is None  # the deadline fits: no tooltip repeating it


def _health_liaison(window) -> Actor:
    department_id = matter_list.departments(window.db, YINHAI)[0][0]
    return Actor(username="wjj", display_name="卫健联络员", department_id=department_id,
                 grants=(Grant(Role.LIAISON, YINHAI, PlaceLevel.COUNTY),))


def _notice_to_health(window, **answered) -> matter_list.RectificationInfo:
    """A notice to 区卫健局 due 2025-09-30; answered by the liaison on the day `answered` names, if any."""
    department_id = matter_list.departments(window.db, YINHAI)[0][0]
    notice = matter_list.issue_rectification(window.db, window.actor, department_id=department_id,
                                             reason="未落实专门人员进行业务指导", due_on=date(2025, 9, 30),
                                             today=date(2025, 9, 1))
    if answered:
        notice = matter_list.answer_rectification(window.db, _health_liaison(window), notice.id,
                                                  report=answered["report"], today=answered["today"])
    return notice


@pytest.mark.law("Art. 13")
def test_a_liaison_reports_how_its_department_rectified(qtbot, qtmodeltester, window, monkeypatch):
    _notice_to_health(window)
    window.actor = _health_liaison(window)
    matters = _open(window)
    qtbot.addWidget(matters)
    assert not matters.answer_button.isHidden()
    # The reason, what the department must read, is whole (the default width had cut it after five characters).
    view = matters.rectifications_view
    assert view.columnWidth(1) >= view.fontMetrics().horizontalAdvance("未落实专门人员进行业务指导")
    # The institution's actions are not a liaison's: not even shown.
    assert all(b.isHidden() for b in (matters.notice_button, matters.confirm_button, matters.return_button,
                                      matters.rectified_button))
    assert matters.rectifications_model.index(0, 3).data() == "逾期未整改"  # past its deadline, still red
    assert matters.rectifications_model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is not None

    asked = []
    monkeypatch.setattr(matters_window, "ask_text", lambda parent, title, prompt: asked.append(prompt) or "已指定专人每周指导")
    matters.rectifications_view.selectRow(0)
    matters.answer_button.click()
    qtmodeltester.check(matters.rectifications_model)
    assert asked == ["本部门的整改情况:"]
    notice = matters.rectifications_model.rows[0]
    assert (notice.state, notice.answers[0].report) == (RectificationState.ANSWERED, "已指定专人每周指导")
    assert [matters.rectifications_model.index(0, c).data() for c in (3, 4)] == ["待确认(逾期报送)", "已指定专人每周指导"]
    assert matters.rectifications_model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is None  # answered

    said = []
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: said.append(text))
    matters.rectifications_view.selectRow(0)
    matters.answer_button.click()  # awaiting confirmation: nothing more to report, and the notice chosen says so
    assert said == ["所选通知当前为“待确认(逾期报送)”,不能报送整改情况;只有整改中的通知可以报送整改情况"]
    assert len(matters.rectifications_model.rows[0].answers) == 1


@pytest.mark.law("Art. 13")
def test_a_liaison_is_told_of_its_departments_notice_at_the_desk_and_reports_from_there(qtbot, demo_db, tasks,
                                                                                       monkeypatch):
    """A rectification notice to a liaison's department was shown only in the matter list's second tab: nothing at
    the desk said one waited for its report, nor by when. A banner says so, with the deadline and the failing; its
    button opens the notices of the institution that issued it, whatever place the tree shows, the notice chosen;
    once reported, the banner goes. Another department's liaison, whose notice is rectified, and an operator see
    none."""
    from desktop.models.places import CITY_CODE
    from desktop.services import users
    from desktop.views.main_window import MainWindow
    from desktop.views.matters.window import NOTICES_TAB

    desk = MainWindow(demo_db, users.actor_for(demo_db, "qg_market"), tasks)
    qtbot.addWidget(desk)
    banner = desk.notices_banner
    assert banner.isVisibleTo(desk)
    assert "本部门有 1 份督促限期整改通知待报送整改情况(条例第十三条第五款)" in banner.text.text()
    assert "整改中 · 整改期限 " in banner.text.text() and "近一个月派来的案件多次超过签收时限才签收" in banner.text.text()
    desk.select_place(CITY_CODE)  # the city's list is not the one that issued it
    matters = banner.open_notices()
    assert matters.code == YINHAI and matters.lower_tabs.currentIndex() == NOTICES_TAB
    [chosen] = matters.rectifications_view.selectionModel().selectedRows()
    assert matters.rectifications_model.rows[chosen.row()].department == "侨港市场监管所"
    monkeypatch.setattr(matters_window, "ask_text", lambda parent, title, prompt: "已指定专人当日签收")
    matters.answer_button.click()
    assert matters.rectifications_model.rows[chosen.row()].state is RectificationState.ANSWERED
    assert not banner.isVisibleTo(desk)
    for username in ("qg_police", "qg_op1"):
        other = MainWindow(demo_db, users.actor_for(demo_db, username), tasks)
        qtbot.addWidget(other)
        assert not other.notices_banner.isVisibleTo(other)


@pytest.mark.law("Art. 13")
def test_the_notices_banner_lists_three_counts_the_rest_and_judges_each_day_anew(qtbot, demo_db, tasks, monkeypatch):
    """One line a notice, each with its whole reason, had stood seven lines high above the queue with six notices;
    and a notice due today still read 整改中 the next morning on a desk left running."""
    import dataclasses
    from datetime import datetime, timezone

    from desktop.services import users
    from desktop.services.matter_list import NoticeStanding
    from desktop.views import notices_banner
    from desktop.views.main_window import MainWindow

    desk = MainWindow(demo_db, users.actor_for(demo_db, "qg_market"), tasks)
    qtbot.addWidget(desk)
    banner = desk.notices_banner
    [notice] = banner.notices
    banner.notices = [dataclasses.replace(notice, reason=f"第{n}项未整改") for n in range(1, 6)]
    banner.retranslate()
    text = banner.text.text()
    assert text.count("整改期限") == 3 and "第3项" in text and "第4项" not in text and "另有 2 份" in text
    assert NoticeStanding.OVERDUE.label not in text
    monkeypatch.setattr(notices_banner, "beijing_today", lambda: notice.due_on + timedelta(days=1))
    banner.clock.timeout.emit()
    assert NoticeStanding.OVERDUE.label in banner.text.text()
    # Returned, it names the notice still, and why its report was returned.
    moment = datetime.now(timezone.utc)
    returned = matter_list.RectificationAnswerInfo("已整改", moment, False, moment, "未附签收记录")
    banner.notices = [dataclasses.replace(notice, answers=(returned,))]
    banner.retranslate()
    assert f"{notice.reason};报告被退回:未附签收记录" in banner.text.text()


@pytest.mark.law("Art. 13")
def test_the_institution_returns_a_report_and_confirms_the_next(qtbot, qtmodeltester, window, monkeypatch):
    _notice_to_health(window, report="已开通系统账号", today=date(2025, 9, 20))
    matters = _open(window)
    qtbot.addWidget(matters)
    assert matters.answer_button.isHidden()  # the institution does not report for the department here
    assert matters.rectifications_model.index(0, 3).data() == "待确认"
    said = []
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: said.append(text))
    matters.rectified_button.click()  # nothing selected
    assert said == ["请先选中一条整改中的通知"]

    new_deadline = beijing_today() + timedelta(days=10)

    def fill(form: ReturnForm):
        assert form.due.date() == QDate(2025, 9, 30)  # the deadline stays unless set anew
        form.reason.setPlainText("账号未分配到各社区")
        form.due.setDate(QDate(new_deadline.year, new_deadline.month, new_deadline.day))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReturnForm, "exec", fill)
    matters.rectifications_view.selectRow(0)
    matters.return_button.click()
    qtmodeltester.check(matters.rectifications_model)
    returned = matters.rectifications_model.rows[0]
    assert (returned.state, returned.due_on) == (RectificationState.OPEN, new_deadline)
    assert [matters.rectifications_model.index(0, c).data() for c in (3, 4)] == ["整改中(已退回)", "退回理由:账号未分配到各社区"]

    matter_list.answer_rectification(window.db, _health_liaison(window), returned.id, report="已为各社区分配账号")
    window.bus.changed.emit("matters")
    history = matters.rectifications_model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole).splitlines()
    assert history[1:] == ["退回理由:账号未分配到各社区", f"{beijing_today()} 报送:已为各社区分配账号"]
    assert history[0].endswith(" 报送:已开通系统账号")
    monkeypatch.setattr(ConfirmForm, "exec", lambda form: QDialog.DialogCode.Accepted)
    matters.rectifications_view.selectRow(0)
    matters.confirm_button.click()
    done = matters.rectifications_model.rows[0]
    assert (done.state, done.response) == (RectificationState.RECTIFIED, "已为各社区分配账号")
    assert [matters.rectifications_model.index(0, c).data() for c in (3, 4)] == ["已整改", "已为各社区分配账号"]
    matters.rectifications_view.selectRow(0)
    matters.return_button.click()  # decided: nothing to return
    assert said[-1] == "所选通知当前为“已整改”,不能退回整改情况;只有待确认的通知可以退回整改情况"


def _county_on_the_demo(qtbot, demo_db, tasks, feature_window) -> MatterListWindow:
    from desktop.services import users

    matters = _open(feature_window(demo_db, users.actor_for(demo_db, "yh_admin"), tasks, "450503103000"))
    qtbot.addWidget(matters)
    return matters


@pytest.mark.law("Art. 13")
def test_the_county_opens_on_the_report_awaiting_its_confirmation_and_reads_it_whole(qtbot, demo_db, tasks,
                                                                                     feature_window, monkeypatch):
    """The county's administrator opened the window on the empty applications' tab while 渔业站's report waited
    for its confirmation on the other (the start tab was chosen for liaisons only), and read the report cut short,
    whole only in a tooltip the keyboard never opens: the window opens on the notices, that report chosen, and
    the area under the table holds the notice and its report whole, reached with Tab."""
    from desktop.views.matters.window import NOTICES_TAB

    matters = _county_on_the_demo(qtbot, demo_db, tasks, feature_window)
    assert matters.lower_tabs.currentIndex() == NOTICES_TAB
    [chosen] = matters.rectifications_view.selectionModel().selectedRows()
    notice = matters.rectifications_model.rows[chosen.row()]
    assert (notice.department, notice.state) == ("侨港镇渔业站", RectificationState.ANSWERED)
    detail = matters.notice_detail.toPlainText()
    assert f"履职不到位情形:{notice.reason}" in detail and notice.latest_report in detail.splitlines()[-1]
    assert "待确认" in detail
    assert matters.notice_detail.focusPolicy() & Qt.FocusPolicy.TabFocus and matters.notice_detail.isReadOnly()
    matters.rectifications_view.selectRow([n.state for n in matters.rectifications_model.rows].index(
        RectificationState.OPEN))
    assert "整改情况:\n尚未报送" in matters.notice_detail.toPlainText()  # follows the row chosen
    matters.rectifications_view.clearSelection()
    assert matters.notice_detail.toPlainText() == ""


@pytest.mark.law("Art. 13")
def test_confirming_a_report_shows_the_notice_and_the_whole_report_first(qtbot, demo_db, tasks, feature_window,
                                                                          monkeypatch):
    """确认整改 asked only "确认侨港镇渔业站已整改完毕?": it asks below the failing the department was to rectify and
    its whole report, scrollable, as the 退回 form shows them; answered no, nothing is confirmed."""
    matters = _county_on_the_demo(qtbot, demo_db, tasks, feature_window)
    [chosen] = matters.rectifications_view.selectionModel().selectedRows()
    notice = matters.rectifications_model.rows[chosen.row()]
    shown = []

    def answer(form: ConfirmForm):
        shown.append(form)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ConfirmForm, "exec", answer)
    matters.confirm_button.click()
    [form] = shown
    texts = [label.text() for label in form.findChildren(QLabel)]
    assert notice.reason in texts and "确认侨港镇渔业站已整改完毕?" in texts
    [report] = form.findChildren(QPlainTextEdit)
    assert report.toPlainText() == notice.latest_report and report.isReadOnly()
    assert report.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert matters.rectifications_model.rows[chosen.row()].state is RectificationState.ANSWERED  # not confirmed


@pytest.mark.law("Art. 13")
def test_the_window_opens_where_something_waits_for_the_user(qtbot, window):
    """The keeper, with an application to decide, opens on the applications, that one chosen; with none, and
    no report to confirm, on the tab it always opened on."""
    matters = _open(window)
    qtbot.addWidget(matters)
    assert matters.lower_tabs.currentIndex() == 0
    assert [r.row() for r in matters.applications_view.selectionModel().selectedRows()] == [0]
    matter_list.review(window.db, window.actor, matters.applications_model.rows[0].id, approve=True)
    _notice_to_health(window)  # waits for the department's report, not the keeper
    again = _open(window)
    qtbot.addWidget(again)
    assert again.lower_tabs.currentIndex() == 0 and not again.rectifications_view.selectionModel().hasSelection()


@pytest.mark.law("Art. 13")
def test_liaison_applies_to_retire_its_item(qtbot, window, monkeypatch):
    department_id = matter_list.departments(window.db, YINHAI)[0][0]
    window.actor = Actor(username="wjj", display_name="卫健联络员", department_id=department_id,
                         grants=(Grant(Role.LIAISON, YINHAI, PlaceLevel.COUNTY),))
    matters = _open(window)
    qtbot.addWidget(matters)
    assert not matters.new_button.isEnabled() and matters.approve_button.isHidden()
    assert not matters.apply_retire_button.isHidden()
    monkeypatch.setattr(matters_window, "ask_text", lambda parent, title, prompt: "已由疾控中心承担")
    matters.items_view.selectRow(0)
    matters.apply_retire_button.click()
    pending = [a for a in matters.applications_model.rows if a.state is ReviewState.PENDING]
    assert [(a.action, a.item_code) for a in pending] == [(ApplicationAction.RETIRE, "YH-07-01"),
                                                          (ApplicationAction.ADD, "YH-07-02")]


@pytest.mark.law("Art. 12")
def test_the_buttons_that_keep_the_list_are_shown_to_its_keepers_only_disabled_with_the_reason(qtbot, window, tasks,
                                                                                             feature_window):
    """A liaison saw the administrator's 新增事项/修改事项/删除事项/新建下一版草稿/公布 greyed out above the list, and
    打印现行清单, refused once a file was chosen: none is ever a liaison's (Art. 12), only its applications are (Art. 13).
    The keeper of the list sees them; greyed out on a published version, they say why and where to go."""
    keeping = ("add_item_button", "edit_item_button", "remove_item_button", "new_button", "publish_button")
    keeper = _open(window)
    qtbot.addWidget(keeper)
    assert not any(getattr(keeper, name).isHidden() for name in keeping) and not keeper.print_button.isHidden()
    assert not keeper.add_item_button.isEnabled()
    assert keeper.add_item_button.toolTip() == "第 1 版为“已公布”,只有草稿可以修改和公布;请先新建下一版草稿"
    keeper.new_button.click()
    keeper.version_box.setCurrentIndex(1)  # the published version again, while the draft is open
    assert not keeper.publish_button.isEnabled()
    assert keeper.publish_button.toolTip() == "第 1 版为“已公布”,只有草稿可以修改和公布;请在上方选择第 2 版草稿"
    keeper.version_box.setCurrentIndex(0)
    assert keeper.publish_button.isEnabled() and keeper.publish_button.toolTip() == ""

    liaisons = _open(feature_window(window.db, _health_liaison(window), tasks, QIAOBEI))
    qtbot.addWidget(liaisons)
    assert all(getattr(liaisons, name).isHidden() for name in keeping) and liaisons.print_button.isHidden()
    assert not liaisons.apply_add_button.isHidden() and not liaisons.apply_retire_button.isHidden()


@pytest.mark.law("Art. 12")
def test_a_township_reads_both_lists_in_force_there_and_keeps_neither(qtbot, demo_db, tasks, feature_window):
    """A township administrator was offered only 银海区's list, though the city's is in force in the township too, as
    `griddesk-admin matters in-force` lists them (Art. 12): both are offered, the county's shown first. Reading one
    keeps it no more: the township keeps neither, the county's administrator its own only, not the city's."""
    from desktop.models.places import CITY_CODE
    from desktop.services import users

    keeping = ("add_item_button", "edit_item_button", "remove_item_button", "new_button", "publish_button",
               "approve_button", "reject_button", "notice_button", "rectified_button", "confirm_button",
               "return_button")
    township = _open(feature_window(demo_db, users.actor_for(demo_db, "qg_admin"), tasks, "450503103000"))
    qtbot.addWidget(township)
    tabs = township.institution_tabs
    assert [(tabs.tabData(i), tabs.tabText(i)) for i in range(tabs.count())] == [(CITY_CODE, "北海市"), (YINHAI, "银海区")]
    assert tabs.isVisibleTo(township) and township.code == YINHAI and township.current().place_code == YINHAI
    tabs.setCurrentIndex(0)
    assert township.code == CITY_CODE and township.current().place_code == CITY_CODE
    assert township.items_model.rowCount() == township.current().items > 0
    assert all(getattr(township, name).isHidden() for name in keeping)

    county = _open(feature_window(demo_db, users.actor_for(demo_db, "yh_admin"), tasks, "450503103000"))
    qtbot.addWidget(county)
    assert not any(getattr(county, name).isHidden() for name in keeping)
    county.institution_tabs.setCurrentIndex(0)
    assert county.current().place_code == CITY_CODE and all(getattr(county, name).isHidden() for name in keeping)
    county.institution_tabs.setCurrentIndex(1)
    assert county.current().place_code == YINHAI and not any(getattr(county, name).isHidden() for name in keeping)


@pytest.mark.law("Art. 12")
def test_printing_from_either_tab_prints_every_list_in_force_there(qtbot, demo_db, tasks, feature_window, tmp_path,
                                                                   monkeypatch, answered):
    """打印现行清单 printed the lists in force at the institution whose tab was open: the city's tab gave the city's
    list alone, though the county's is in force in the township too. Either tab prints both, as the board posts them."""
    from desktop.models import PrintedSheet
    from desktop.models.enums import SheetKind
    from desktop.models.places import CITY_CODE
    from desktop.services import users

    township = _open(feature_window(demo_db, users.actor_for(demo_db, "qg_admin"), tasks, "450503103000"))
    qtbot.addWidget(township)
    township.institution_tabs.setCurrentIndex(0)  # the city's
    assert "北海市、银海区" in township.print_button.toolTip()
    pdf = tmp_path / "list.pdf"
    monkeypatch.setattr(matters_window, "ask_pdf_path", lambda parent, title, suggested: str(pdf))
    township.print_list()
    qtbot.waitUntil(lambda: bool(answered), timeout=20_000)
    assert answered[-1].startswith("已生成")
    with demo_db.session() as session:
        printed = session.scalars(select(PrintedSheet.subject_ref).where(PrintedSheet.kind == SheetKind.MATTER_LIST)).all()
    assert sorted(ref.split(":")[0] for ref in printed) == [CITY_CODE, YINHAI]


@pytest.mark.law("Art. 13")
def test_a_township_departments_liaison_is_offered_to_apply_to_its_countys_list(qtbot, window):
    with window.db.session() as session:
        township = session.scalar(select(Place).where(Place.code == "450503103000"))
        station = Department(code="450503103-PCS", name="侨港派出所", short_name="侨港派出所",
                             level=DepartmentLevel.TOWNSHIP, place_id=township.id)
        session.add(station)
        session.commit()
        station_id = station.id
    window.actor = Actor(username="qg_pcs", display_name="派出所联络员", department_id=station_id,
                         grants=(Grant(Role.LIAISON, "450503103000", PlaceLevel.TOWNSHIP),))
    matters = _open(window)
    qtbot.addWidget(matters)
    assert matters.code == YINHAI
    assert not matters.apply_add_button.isHidden() and not matters.apply_retire_button.isHidden()
    assert matters.approve_button.isHidden() and matters.reject_button.isHidden()


@pytest.mark.law("Art. 12")
def test_an_item_of_the_draft_is_edited_as_it_stands(qtbot, window, monkeypatch):
    matters = _open(window)
    qtbot.addWidget(matters)
    assert not matters.edit_item_button.isEnabled()  # a published version is not edited
    matters.new_button.click()
    item = matters.items_model.rows[0]
    matter_list.update_item(window.db, window.actor, item.id, matter_list.ItemDraft(
        "YH-07-01", "协助开展传染病防控", MatterCategory.PUBLIC_HEALTH, MatterComplexity.COMPLEX, 30,
        description="登革热高发季节每周一次"), department_id=item.department_id)  # e.g. as imported
    window.bus.changed.emit("matters")
    shown = {}

    def change(form: ItemForm):
        shown.update(code=form.code.text(), limit=form.limit.value(), description=form.description.toPlainText(),
                     complexity=form.complexity.currentData(), department=form.department.currentData())
        form.title.setText("协助开展传染病、登革热防控")
        form.grid_task.setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ItemForm, "exec", change)
    matters.items_view.selectRow(0)
    assert matters.edit_item_button.isEnabled()
    matters.edit_item_button.click()
    assert shown == {"code": "YH-07-01", "limit": 30, "description": "登革热高发季节每周一次",
                     "complexity": MatterComplexity.COMPLEX, "department": item.department_id}
    edited = matters.items_model.rows[0].draft
    assert (edited.title, edited.grid_staff_task, edited.time_limit, edited.description) == \
        ("协助开展传染病、登革热防控", False, 30, "登革热高发季节每周一次")


@pytest.mark.law("Art. 12")
def test_a_refused_new_item_opens_again_holding_what_was_typed(qtbot, window, monkeypatch):
    """A code the draft already has: the refusal was shown and the title, category and limit typed were lost."""
    matters = _open(window)
    qtbot.addWidget(matters)
    matters.new_button.click()
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: errors.append(exc))
    opened = []

    def fill(form: ItemForm):
        opened.append((form.code.text(), form.title.text(), form.category.currentData(), form.limit.value()))
        if len(opened) == 1:
            form.code.setText("YH-07-01")  # the draft has it
            form.title.setText("协助清除积水")
            form.category.setCurrentIndex(form.category.findData(MatterCategory.PUBLIC_HEALTH))
            form.limit.setValue(3)
        else:
            form.code.setText("YH-07-02")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ItemForm, "exec", fill)
    matters.add_item_button.click()
    assert [str(exc) for exc in errors] == ["第 2 版中已有编号为 YH-07-01 的事项"]
    assert opened[1] == ("YH-07-01", "协助清除积水", MatterCategory.PUBLIC_HEALTH.value, 3)
    added = next(i.draft for i in matters.items_model.rows if i.draft.code == "YH-07-02")
    assert (len(opened), added.title, added.time_limit) == (2, "协助清除积水", 3)


def _draft_item_chosen(qtbot, window, monkeypatch):
    """A new draft's first item selected in the window; the errors it shows, kept; another desk's county
    administrator to change it meanwhile."""
    matters = _open(window)
    qtbot.addWidget(matters)
    matters.new_button.click()
    matters.items_view.selectRow(0)
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: errors.append(exc))
    deputy = Actor(username="yh_admin2", display_name="银海区副管理员",
                   grants=(Grant(Role.COUNTY_ADMIN, YINHAI, PlaceLevel.COUNTY),))
    return matters, matters.items_model.rows[0], errors, deputy


@pytest.mark.law("Art. 13")
def test_an_item_another_administrator_changed_meanwhile_opens_again_on_the_change_with_what_was_typed(
        qtbot, window, monkeypatch):
    """Pressing OK on 修改事项 put back the time limit and the grid-staff mark another administrator had just
    changed, without a word; the draft was published so."""
    matters, item, errors, deputy = _draft_item_chosen(qtbot, window, monkeypatch)
    opened = []

    def change(form: ItemForm):
        if not opened:  # while the form is open, on another desk
            matter_list.update_item(window.db, deputy, item.id, matter_list.ItemDraft(
                "YH-07-01", "协助开展传染病防控", MatterCategory.PUBLIC_HEALTH, time_limit=10, grid_staff_task=False),
                department_id=item.department_id, expected_version=item.version)
        opened.append((form.limit.value(), form.grid_task.isChecked(), form.description.toPlainText(),
                       form.note.isVisibleTo(form), form.note.text()))
        if len(opened) == 1:
            form.description.setPlainText("登革热高发季节每周一次")
        return QDialog.DialogCode.Accepted if len(opened) <= 2 else QDialog.DialogCode.Rejected

    monkeypatch.setattr(ItemForm, "exec", change)
    matters.edit_item_button.click()
    [refused] = errors
    assert str(refused).startswith("事项 YH-07-01 协助开展传染病防控 已被 银海区副管理员 于 ")
    assert str(refused).endswith(" 修改,请重新载入")
    assert opened[1] == (10, False, "登革热高发季节每周一次", True,
                         "已载入他人所作的修改:办理时限、可要求网格工作人员办理或协助")
    assert len(opened) == 2  # OK on the form opened again saved what was typed onto the other's change
    [now] = matters.items_model.rows
    assert (now.draft.time_limit, now.draft.grid_staff_task, now.draft.description, now.version) == (
        10, False, "登革热高发季节每周一次", 3)


@pytest.mark.law("Art. 13")
def test_an_item_another_administrator_removed_meanwhile_is_said_gone_and_its_form_not_opened_again(
        qtbot, window, monkeypatch):
    """OK on 修改事项 of an item removed on another desk had opened the form again and again, each time
    refused with the item's internal number."""
    matters, item, errors, deputy = _draft_item_chosen(qtbot, window, monkeypatch)
    opened = []

    def remove_meanwhile(form: ItemForm):
        if not opened:
            matter_list.remove_item(window.db, deputy, item.id, expected_version=item.version)
        opened.append(form)
        form.description.setPlainText("登革热高发季节每周一次")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ItemForm, "exec", remove_meanwhile)
    matters.edit_item_button.click()
    [gone] = errors
    assert str(gone).startswith("该事项已不在草稿中(可能已被其他管理员删除")
    assert len(opened) == 1  # not opened again on an item that is not there
    assert item.id not in {row.id for row in matters.items_model.rows}  # the window shows the draft as it is now

