"""The matter list (Art. 12–13): versions, department applications and review, rectification,
and the Art. 13(3) refusal of tasks that are not on the list in force."""

import threading
import time
from datetime import date

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from lock_waits import run
from desktop.errors import Conflict, InvalidTransition, LawRefusal, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Department, Liaison, MatterItem, Person, Place, RectificationNotice
from desktop.models.enums import (
    ApplicationAction,
    AuditOutcome,
    DepartmentLevel,
    MatterCategory,
    MatterListState,
    PlaceLevel,
    RectificationState,
    ReviewState,
    Role,
)
from desktop.services import matter_list as ml
from desktop.services.clock import beijing_text
from desktop.services.matters import require_listed_grid_task
from desktop.services.security import Actor, Grant

COUNTY = "450502000000"  # 海城区
GRID_TOWNSHIP = "450502001000"
DAY = date(2025, 9, 1)


@pytest.fixture
def departments(db):
    """Two 海城区 departments, each with a guidance contact."""
    with db.session() as session:
        county = session.scalar(select(Place).where(Place.code == COUNTY))
        made = []
        for code, name in (("450502-ZJJ", "海城区住房和城乡建设局"), ("450502-WJJ", "海城区卫生健康局")):
            department = Department(code=code, name=name, short_name=name[3:], level=DepartmentLevel.COUNTY,
                                    place_id=county.id)
            contact = Person(name=f"{name[3:5]}指导员", phone="07792051234")
            session.add_all([department, contact])
            session.flush()
            session.add(Liaison(department_id=department.id, person_id=contact.id, is_guidance_contact=True))
            made.append(department.id)
        session.commit()
    return made


COUNTY_ADMIN = Actor(username="hc_admin", display_name="海城区管理员",
                     grants=(Grant(Role.COUNTY_ADMIN, COUNTY, PlaceLevel.COUNTY),))


def liaison(department_id: int) -> Actor:
    return Actor(username=f"liaison{department_id}", display_name="联络员", department_id=department_id,
                 grants=(Grant(Role.LIAISON, COUNTY, PlaceLevel.COUNTY),))


def draft(code: str, title: str, category=MatterCategory.SAFETY_RISK, **kw) -> ml.ItemDraft:
    return ml.ItemDraft(code=code, title=title, category=category, **kw)


@pytest.fixture
def published(db, departments):
    """Version 1 of the 海城区 list, published on 2025-09-01 with two items."""
    v1 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    ml.add_item(db, COUNTY_ADMIN, v1.id, draft("HC-04-01", "协助排查自建房安全隐患"), department_id=departments[0])
    ml.add_item(db, COUNTY_ADMIN, v1.id, draft("HC-07-01", "协助开展传染病防控", MatterCategory.PUBLIC_HEALTH),
                department_id=departments[1])
    return ml.publish(db, COUNTY_ADMIN, v1.id, on=DAY)


def item_id(db, list_id: int, code: str) -> int:
    return next(i.id for i in ml.items(db, list_id) if i.draft.code == code)


@pytest.mark.law("Art. 12")
def test_an_item_is_given_to_a_department_of_the_lists_own_institution(db, departments, published):
    """A list is compiled by its institution with its own linked departments (Art. 12(1)): the city's
    department (or another county's) cannot be responsible for an item of 海城区's list."""
    with db.session() as session:
        city = session.scalar(select(Place).where(Place.code == "450500000000"))
        city_department = Department(code="BH-CG", name="北海市城市管理局", short_name="城管局",
                                     level=DepartmentLevel.CITY, place_id=city.id)
        session.add(city_department)
        session.commit()
        city_department_id = city_department.id
    v2 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    with pytest.raises(ValidationFailed) as refused:
        ml.add_item(db, COUNTY_ADMIN, v2.id, draft("HC-09-01", "路灯报修"), department_id=city_department_id)
    assert refused.value.problems == ["责任部门:北海市城市管理局是北海市的部门,不是海城区的;海城区事项清单的事项由海城区的联动部门负责,"
                                      "请改选(Art. 12)"]
    kept = item_id(db, v2.id, "HC-04-01")
    with pytest.raises(ValidationFailed):
        ml.update_item(db, COUNTY_ADMIN, kept, draft("HC-04-01", "协助排查自建房安全隐患"),
                       department_id=city_department_id)
    assert {i.department for i in ml.items(db, v2.id)} == {"住房和城乡建设局", "卫生健康局"}
    assert ml.departments(db, COUNTY) == [(departments[1], "卫生健康局"), (departments[0], "住房和城乡建设局")]


@pytest.mark.law("Art. 14")
@pytest.mark.law("Art. 15")
def test_a_draft_is_read_by_the_institution_not_by_those_it_will_govern(db, departments, published):
    """The list in force is published (Art. 14) and read by everyone it governs; a draft is read where
    the institution's place is viewed, as only there is it exported (matter_exchange.export_items)."""
    v2 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    operator = Actor(username="zj_op", display_name="中街值班员",
                     grants=(Grant(Role.OPERATOR, GRID_TOWNSHIP, PlaceLevel.TOWNSHIP),))
    outsider = Actor(username="qg_op", display_name="侨港值班员",
                     grants=(Grant(Role.OPERATOR, "450503103000", PlaceLevel.TOWNSHIP),))
    for viewer in (operator, outsider):
        assert [v.version for v in ml.lists(db, COUNTY, viewer=viewer)] == [1]
        with pytest.raises(PermissionDenied, match="草稿"):
            ml.items(db, v2.id, viewer=viewer)
        assert len(ml.items(db, published.id, viewer=viewer)) == 2
    assert [v.version for v in ml.lists(db, COUNTY, viewer=COUNTY_ADMIN)] == [2, 1]
    assert len(ml.items(db, v2.id, viewer=COUNTY_ADMIN)) == 2


@pytest.mark.law("Art. 12")
def test_versions_publish_and_supersede(db, departments, published):
    assert (published.version, published.state, published.items) == (1, MatterListState.PUBLISHED, 2)
    item = ml.items(db, published.id)[0]
    assert item.guidance_contact == "住房指导员" and item.department == "住房和城乡建设局"

    v2 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    assert (v2.version, v2.state, v2.items) == (2, MatterListState.DRAFT, 2)  # copied as a draft
    with pytest.raises(Conflict, match="草稿"):
        ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    ml.remove_item(db, COUNTY_ADMIN, item_id(db, v2.id, "HC-07-01"))
    with pytest.raises(InvalidTransition):
        ml.remove_item(db, COUNTY_ADMIN, item_id(db, published.id, "HC-07-01"))
    with pytest.raises(ValidationFailed, match=r"清单标题\(title\):应为 1 至 120 个字,现为 0 个"):
        ml.publish(db, COUNTY_ADMIN, v2.id, on=date(2025, 10, 1), title="  ")
    ml.publish(db, COUNTY_ADMIN, v2.id, on=date(2025, 10, 1), title=" 海城区事项清单(2025年第二版) ")
    assert ml.lists(db, COUNTY)[0].title == "海城区事项清单(2025年第二版)"  # put right as it is published
    versions = {v.version: v.state for v in ml.lists(db, COUNTY)}
    assert versions == {2: MatterListState.PUBLISHED, 1: MatterListState.SUPERSEDED}
    # On a day before v2 the first version was in force; after it, v2.
    assert [len(items) for _, items in ml.in_force(db, GRID_TOWNSHIP, date(2025, 9, 15))] == [2]
    assert [len(items) for _, items in ml.in_force(db, GRID_TOWNSHIP, date(2025, 10, 2))] == [1]


@pytest.mark.law("Art. 12")
def test_only_city_and_county_compile_lists(db, departments):
    with pytest.raises(LawRefusal, match="Art. 12"):
        ml.start_version(db, Actor.system("pytest"), place_code=GRID_TOWNSHIP)


@pytest.mark.law("Art. 13")
def test_publish_needs_guidance_contacts(db, departments):
    with db.session() as session:
        session.query(Liaison).delete()
        session.commit()
    v1 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    ml.add_item(db, COUNTY_ADMIN, v1.id, draft("HC-04-01", "协助排查自建房安全隐患"), department_id=departments[0])
    with pytest.raises(LawRefusal, match="HC-04-01"):
        ml.publish(db, COUNTY_ADMIN, v1.id, on=DAY)


@pytest.mark.law("Art. 13")
def test_off_list_task_is_refused_to_grid_staff(db, departments, published):
    with db.session() as session:
        township = session.scalar(select(Place).where(Place.code == GRID_TOWNSHIP))
        listed = item_id(db, published.id, "HC-04-01")
        assert require_listed_grid_task(session, listed, township, date(2025, 9, 2)).code == "HC-04-01"
        with pytest.raises(LawRefusal, match="Art. 13"):
            require_listed_grid_task(session, None, township, date(2025, 9, 2))
        with pytest.raises(LawRefusal, match="不在现行"):  # before publication
            require_listed_grid_task(session, listed, township, date(2025, 8, 31))
        other_county = session.scalar(select(Place).where(Place.code == "450503103000"))
        with pytest.raises(LawRefusal, match="Art. 13"):  # not the list of that county
            require_listed_grid_task(session, listed, other_county, date(2025, 9, 2))


@pytest.mark.law("Art. 13")
def test_application_to_add_approved_into_next_draft(db, departments, published):
    applicant = liaison(departments[1])
    application = ml.apply(db, applicant, department_id=departments[1], action=ApplicationAction.ADD,
                           reason="登革热防控需网格协助",
                           proposal=draft("HC-07-02", "协助清除积水容器", MatterCategory.PUBLIC_HEALTH, time_limit=3))
    assert application.state is ReviewState.PENDING
    with pytest.raises(Conflict, match="审核中"):
        ml.apply(db, applicant, department_id=departments[1], action=ApplicationAction.ADD, reason="再次",
                 proposal=draft("HC-07-02", "协助清除积水容器"))
    with pytest.raises(PermissionDenied):  # a liaison has no say in the review
        ml.review(db, applicant, application.id, approve=True)
    decided = ml.review(db, COUNTY_ADMIN, application.id, approve=True)
    assert decided.state is ReviewState.APPROVED
    draft_v2 = ml.lists(db, COUNTY)[0]
    assert (draft_v2.version, draft_v2.state, draft_v2.items) == (2, MatterListState.DRAFT, 3)
    added = next(i for i in ml.items(db, draft_v2.id) if i.draft.code == "HC-07-02")
    assert (added.department, added.draft.time_limit, added.guidance_contact) == ("卫生健康局", 3, "卫生指导员")
    with pytest.raises(InvalidTransition):
        ml.review(db, COUNTY_ADMIN, application.id, approve=False, comment="改主意")


@pytest.mark.law("Art. 13")
def test_a_township_departments_liaison_applies_to_the_county_whose_list_holds_its_items(db, departments):
    """A street's police station is a linked department of the county's list (Art. 12(1)); its liaison,
    scoped to the street it works in, applies there to retire its item or add one (Art. 13(2))."""
    with db.session() as session:
        street = session.scalar(select(Place).where(Place.code == GRID_TOWNSHIP))
        station = Department(code="450502001-PCS", name="中街派出所", short_name="中街派出所",
                             level=DepartmentLevel.TOWNSHIP, place_id=street.id)
        contact = Person(name="中街指导员", phone="07792021110")
        session.add_all([station, contact])
        session.flush()
        session.add(Liaison(department_id=station.id, person_id=contact.id, is_guidance_contact=True))
        session.commit()
        station_id = station.id
    v1 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    ml.add_item(db, COUNTY_ADMIN, v1.id, draft("HC-04-09", "协助排查出租屋治安隐患"), department_id=station_id)
    ml.publish(db, COUNTY_ADMIN, v1.id, on=DAY)
    station_liaison = Actor(username="zj_police", display_name="中街派出所联络员", department_id=station_id,
                            grants=(Grant(Role.LIAISON, GRID_TOWNSHIP, PlaceLevel.TOWNSHIP),))
    retire = ml.apply(db, station_liaison, department_id=station_id, action=ApplicationAction.RETIRE,
                      reason="已由社区民警专项承担", matter_item_id=item_id(db, v1.id, "HC-04-09"))
    add = ml.apply(db, station_liaison, department_id=station_id, action=ApplicationAction.ADD, reason="电诈高发",
                   proposal=draft("HC-01-09", "协助开展防范电信网络诈骗宣传", MatterCategory.POLICY_PUBLICITY))
    assert [(a.item_code, a.state) for a in ml.applications(db, place_code=COUNTY)] == [
        ("HC-01-09", ReviewState.PENDING), ("HC-04-09", ReviewState.PENDING)]
    assert retire.department == add.department == "中街派出所"
    assert ml.may_apply(db, station_liaison, COUNTY) and not ml.may_apply(db, station_liaison, "450500000000")
    assert not ml.may_apply(db, liaison(departments[0]), GRID_TOWNSHIP)  # whose list is the county's, not the street's


@pytest.mark.law("Art. 13")
def test_retire_application_rejected_needs_comment(db, departments, published):
    housing = liaison(departments[0])
    listed = item_id(db, published.id, "HC-04-01")
    with pytest.raises(PermissionDenied, match="责任部门"):  # not the health bureau's item
        ml.apply(db, liaison(departments[1]), department_id=departments[1], action=ApplicationAction.RETIRE,
                 reason="不归我们", matter_item_id=listed)
    with pytest.raises(PermissionDenied, match="本部门"):  # not in the name of another department
        ml.apply(db, housing, department_id=departments[1], action=ApplicationAction.ADD, reason="代申请",
                 proposal=draft("HC-X", "某事项"))
    application = ml.apply(db, housing, department_id=departments[0], action=ApplicationAction.RETIRE,
                           reason="已由专业机构承担", matter_item_id=listed)
    with pytest.raises(ValidationFailed, match="理由"):
        ml.review(db, COUNTY_ADMIN, application.id, approve=False)
    rejected = ml.review(db, COUNTY_ADMIN, application.id, approve=False, comment="汛期仍需网格协助排查")
    assert (rejected.state, rejected.review_comment) == (ReviewState.REJECTED, "汛期仍需网格协助排查")
    assert ml.lists(db, COUNTY)[0].version == 1  # nothing drafted on rejection

    again = ml.apply(db, housing, department_id=departments[0], action=ApplicationAction.RETIRE,
                     reason="汛期后再议", matter_item_id=listed)
    ml.review(db, COUNTY_ADMIN, again.id, approve=True)
    v2 = ml.lists(db, COUNTY)[0]
    assert [i.draft.code for i in ml.items(db, v2.id)] == ["HC-07-01"]
    assert [a.state for a in ml.applications(db, place_code=COUNTY)] == [ReviewState.APPROVED, ReviewState.REJECTED]


@pytest.mark.law("Art. 13")
def test_rectification_notice_with_deadline(db, departments):
    with pytest.raises(ValidationFailed, match="晚于"):
        ml.issue_rectification(db, COUNTY_ADMIN, department_id=departments[0], reason="未落实业务指导",
                               due_on=DAY, today=DAY)
    notice = ml.issue_rectification(db, COUNTY_ADMIN, department_id=departments[0], reason="未落实业务指导",
                                    due_on=date(2025, 9, 30), today=DAY)
    assert notice.overdue(date(2025, 10, 1)) and not notice.overdue(date(2025, 9, 30))
    other = Actor(username="yh", display_name="银海区管理员",
                  grants=(Grant(Role.COUNTY_ADMIN, "450503000000", PlaceLevel.COUNTY),))
    with pytest.raises(PermissionDenied):
        ml.close_rectification(db, other, notice.id, response="已整改")
    closed = ml.close_rectification(db, COUNTY_ADMIN, notice.id, response="已指定专人指导")
    assert closed.state is RectificationState.RECTIFIED and not closed.overdue(date(2025, 10, 1))
    assert ml.rectifications(db, open_only=True) == []


@pytest.mark.law("Art. 13")
def test_a_liaison_sees_its_own_departments_applications_and_notices_the_institution_all(db, departments, published):
    housing, health = liaison(departments[0]), liaison(departments[1])
    ml.apply(db, housing, department_id=departments[0], action=ApplicationAction.RETIRE, reason="已由专业机构承担",
             matter_item_id=item_id(db, published.id, "HC-04-01"))
    ml.apply(db, health, department_id=departments[1], action=ApplicationAction.ADD, reason="流感高发",
             proposal=draft("HC-07-02", "协助开展流感疫苗接种宣传", MatterCategory.PUBLIC_HEALTH))
    ml.issue_rectification(db, COUNTY_ADMIN, department_id=departments[1], reason="未落实业务指导",
                           due_on=date(2025, 9, 30), today=DAY)
    assert [a.department for a in ml.applications(db, place_code=COUNTY, viewer=housing)] == ["住房和城乡建设局"]
    assert [a.department for a in ml.applications(db, place_code=COUNTY, viewer=health)] == ["卫生健康局"]
    assert len(ml.applications(db, place_code=COUNTY, viewer=COUNTY_ADMIN)) == 2
    assert ml.rectifications(db, place_code=COUNTY, viewer=housing) == []
    assert [n.department for n in ml.rectifications(db, place_code=COUNTY, viewer=health)] == ["卫生健康局"]
    assert len(ml.rectifications(db, place_code=COUNTY, viewer=COUNTY_ADMIN)) == 1


def _notice_to(db, department_id: int, reason: str = "未落实业务指导") -> ml.RectificationInfo:
    """A notice issued on DAY to rectify by 2025-09-30."""
    return ml.issue_rectification(db, COUNTY_ADMIN, department_id=department_id, reason=reason,
                                  due_on=date(2025, 9, 30), today=DAY)


def _audited(db, action: str) -> list[str]:
    with db.session() as session:
        return session.scalars(select(AuditEntry.message).where(AuditEntry.action == action)
                               .order_by(AuditEntry.id)).all()


@pytest.mark.law("Art. 13")
def test_a_department_answers_its_notice_and_the_institution_confirms_it(db, departments):
    housing = liaison(departments[0])
    notice = _notice_to(db, departments[0])
    answered = ml.answer_rectification(db, housing, notice.id, report=" 已指定专人每周指导 ", today=date(2025, 9, 20))
    assert (answered.state, answered.latest_report) == (RectificationState.ANSWERED, "已指定专人每周指导")
    # Answered in time, it is no longer the department's to do past the deadline.
    assert answered.standing(date(2025, 10, 1)) is ml.NoticeStanding.ANSWERED
    assert ml.rectifications(db, open_only=True) == [answered]  # not rectified until confirmed
    assert _audited(db, "matters.rectification_answer") == ["住房和城乡建设局报送整改情况,待确认"]
    with pytest.raises(InvalidTransition, match=r"已报送整改情况,待确认;请确认或退回.*\(Art. 13\)"):
        ml.close_rectification(db, COUNTY_ADMIN, notice.id, response="代为记录")

    confirmed = ml.confirm_rectification(db, COUNTY_ADMIN, notice.id)
    assert (confirmed.state, confirmed.response) == (RectificationState.RECTIFIED, "已指定专人每周指导")
    assert [n.standing(date(2025, 10, 1)) for n in (notice, confirmed)] == \
        [ml.NoticeStanding.OVERDUE, ml.NoticeStanding.RECTIFIED]
    assert confirmed.answers[0].decided_at is not None and confirmed.answers[0].returned_reason is None
    with db.session() as session:
        assert session.get(RectificationNotice, notice.id).rectified_at == confirmed.answers[0].decided_at
    assert _audited(db, "matters.rectification_confirm") == ["确认住房和城乡建设局整改完毕"]
    assert ml.rectifications(db, open_only=True) == []
    with pytest.raises(InvalidTransition, match="已办结"):  # the direct close refuses it as before
        ml.close_rectification(db, COUNTY_ADMIN, notice.id, response="代为记录")


@pytest.mark.law("Art. 13")
def test_a_returned_report_is_kept_beside_the_next_and_a_late_one_is_marked(db, departments):
    health = liaison(departments[1])
    notice = _notice_to(db, departments[1], reason="未提供信息技术支持")
    late = ml.answer_rectification(db, health, notice.id, report="已开通系统账号", today=date(2025, 10, 3))
    assert late.standing(date(2025, 10, 3)) is ml.NoticeStanding.ANSWERED_LATE and late.answers[0].late
    assert _audited(db, "matters.rectification_answer") == ["卫生健康局报送整改情况,已逾期(整改期限 2025-09-30),待确认"]

    returned = ml.return_rectification(db, COUNTY_ADMIN, notice.id, reason="账号未分配到各社区", due_on=date(2025, 10, 20),
                                       today=date(2025, 10, 4))
    assert (returned.state, returned.due_on, returned.returned_reason) == \
        (RectificationState.OPEN, date(2025, 10, 20), "账号未分配到各社区")
    assert [returned.standing(day) for day in (date(2025, 10, 20), date(2025, 10, 21))] == \
        [ml.NoticeStanding.RETURNED, ml.NoticeStanding.OVERDUE]
    again = ml.answer_rectification(db, health, notice.id, report="已为各社区分配账号", today=date(2025, 10, 15))
    assert again.standing(date(2025, 10, 15)) is ml.NoticeStanding.ANSWERED
    ml.return_rectification(db, COUNTY_ADMIN, notice.id, reason="缺培训记录", today=date(2025, 10, 16))
    ml.answer_rectification(db, health, notice.id, report="已补培训记录", today=date(2025, 10, 18))
    done = ml.confirm_rectification(db, COUNTY_ADMIN, notice.id)

    assert done.due_on == date(2025, 10, 20)  # the second return kept the deadline set by the first
    assert [(a.report, a.late, a.returned_reason) for a in done.answers] == [
        ("已开通系统账号", True, "账号未分配到各社区"),
        ("已为各社区分配账号", False, "缺培训记录"),
        ("已补培训记录", False, None)]
    assert all(a.decided_at is not None for a in done.answers)
    assert _audited(db, "matters.rectification_return") == [
        "退回卫生健康局的整改情况:账号未分配到各社区,整改期限改为 2025-10-20",
        "退回卫生健康局的整改情况:缺培训记录,整改期限仍为 2025-10-20"]


@pytest.mark.law("Art. 13")
@pytest.mark.law("Art. 15")
def test_answering_confirming_and_returning_are_refused_outside_their_department_state_and_scope(db, departments):
    housing, health = liaison(departments[0]), liaison(departments[1])
    notice = _notice_to(db, departments[1])
    # Another department's liaison is not told whose notice it is: its list shows its own department's only.
    with pytest.raises(PermissionDenied) as refused:
        ml.answer_rectification(db, housing, notice.id, report="代为报送", today=DAY)
    assert refused.value.message == (f"整改通知 {notice.id} 不是发给海城区住房和城乡建设局的;"
                                     "联络员只能报送本部门所收整改通知的整改情况(Art. 15)")
    with pytest.raises(PermissionDenied) as unknown:  # nor whether a notice exists
        ml.answer_rectification(db, housing, notice.id + 100, report="代为报送", today=DAY)
    assert unknown.value.message == (f"整改通知 {notice.id + 100} 不是发给海城区住房和城乡建设局的;"
                                     "联络员只能报送本部门所收整改通知的整改情况(Art. 15)")
    with pytest.raises(PermissionDenied, match=r"不是海城区卫生健康局的联络员.*\(Art. 15\)"):
        ml.answer_rectification(db, COUNTY_ADMIN, notice.id, report="代为报送", today=DAY)  # the institution itself
    elsewhere = Actor(username="wjj_yh", display_name="卫健联络员", department_id=departments[1],
                      grants=(Grant(Role.LIAISON, "450503000000", PlaceLevel.COUNTY),))
    with pytest.raises(PermissionDenied, match=r"没有在 海城\(450502000000\) 报送整改情况.*\(Art. 15\)"):
        ml.answer_rectification(db, elsewhere, notice.id, report="已整改", today=DAY)
    with pytest.raises(InvalidTransition, match=r"当前为“整改中”,没有待确认的整改情况\(Art. 13\)"):
        ml.confirm_rectification(db, COUNTY_ADMIN, notice.id)
    with pytest.raises(InvalidTransition, match=r"当前为“整改中”,没有待确认的整改情况\(Art. 13\)"):
        ml.return_rectification(db, COUNTY_ADMIN, notice.id, reason="不实", today=DAY)

    ml.answer_rectification(db, health, notice.id, report="已指定专人", today=DAY)
    with pytest.raises(InvalidTransition, match=r"已报送,正待确认;被退回后才可再次报送\(Art. 13\)"):
        ml.answer_rectification(db, health, notice.id, report="补充说明", today=DAY)
    other_county = Actor(username="yh", display_name="银海区管理员",
                         grants=(Grant(Role.COUNTY_ADMIN, "450503000000", PlaceLevel.COUNTY),))
    for decide in (lambda actor: ml.confirm_rectification(db, actor, notice.id),
                   lambda actor: ml.return_rectification(db, actor, notice.id, reason="不实", today=DAY)):
        with pytest.raises(PermissionDenied, match=r"没有在 海城\(450502000000\) 维护事项清单的权限.*\(Art. 15\)"):
            decide(other_county)
        with pytest.raises(PermissionDenied, match="Art. 15"):
            decide(health)  # the department does not confirm its own rectification
    with pytest.raises(ValidationFailed, match="退回时须写明理由"):
        ml.return_rectification(db, COUNTY_ADMIN, notice.id, reason=" ", today=DAY)
    with pytest.raises(ValidationFailed, match="整改期限 2025-09-01 应晚于今天"):
        ml.return_rectification(db, COUNTY_ADMIN, notice.id, reason="不实", due_on=DAY, today=DAY)
    with db.session() as session:
        refused = session.scalars(select(AuditEntry.actor).where(AuditEntry.action == "matters.rectification_answer",
                                                                 AuditEntry.outcome == AuditOutcome.DENIED)).all()
    assert refused == [housing.username, housing.username, "hc_admin", "wjj_yh"]  # each refusal on record (Art. 15)

    ml.confirm_rectification(db, COUNTY_ADMIN, notice.id)
    with pytest.raises(InvalidTransition, match=r"已整改完毕,无需再报送整改情况\(Art. 13\)"):
        ml.answer_rectification(db, health, notice.id, report="补充说明", today=DAY)
    with pytest.raises(InvalidTransition, match=r"当前为“已整改”,没有待确认的整改情况\(Art. 13\)"):
        ml.return_rectification(db, COUNTY_ADMIN, notice.id, reason="不实", today=DAY)
    assert ml.rectifications(db)[0].state is RectificationState.RECTIFIED


@pytest.mark.law("Art. 13")
def test_revision_0022_adds_the_answers_and_going_back_reopens_the_notices_awaiting_confirmation(db, departments):
    from alembic import command

    from desktop import migrate

    notice = _notice_to(db, departments[0])
    ml.answer_rectification(db, liaison(departments[0]), notice.id, report="已指定专人", today=DAY)
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0021")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT state FROM rectification_notices").scalars().all() == ["open"]
        assert "rectification_answers" not in inspect(conn).get_table_names()
    with pytest.raises(IntegrityError), db.engine.begin() as conn:  # 0021 knows no such state
        conn.exec_driver_sql("UPDATE rectification_notices SET state = 'answered'")

    migrate.upgrade(db)
    assert [(n.state, n.answers) for n in ml.rectifications(db)] == [(RectificationState.OPEN, ())]
    again = ml.answer_rectification(db, liaison(departments[0]), notice.id, report="已指定专人每周指导", today=DAY)
    assert again.state is RectificationState.ANSWERED and [a.report for a in again.answers] == ["已指定专人每周指导"]


@pytest.mark.law("Art. 12")
def test_the_list_shown_for_a_place_is_the_nearest_compiled_one_or_the_admins_own(db, departments):
    operator = Actor(username="zj_op", display_name="中街值班员",
                     grants=(Grant(Role.OPERATOR, "450502001000", PlaceLevel.TOWNSHIP),))
    township = "450502001000"  # 中街街道, in 海城区
    assert ml.list_to_show(db, operator, township) == "450500000000"  # no county list yet: the city's
    assert ml.list_to_show(db, COUNTY_ADMIN, township) == COUNTY  # the county admin starts the county's own
    assert ml.institutions_to_show(db, operator, township) == [("450500000000", "北海市")]
    ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    assert ml.list_to_show(db, operator, township) == COUNTY  # once compiled, the county's
    assert ml.institutions_to_show(db, operator, township) == [(COUNTY, "海城区")]  # the city has compiled none
    ml.start_version(db, Actor.system("pytest"), place_code="450500000000")
    # The city's and the county's lists both govern the township: both are offered, city first (Art. 12).
    assert ml.institutions_to_show(db, operator, township) == [("450500000000", "北海市"), (COUNTY, "海城区")]


@pytest.mark.law("Art. 13")
def test_an_item_edited_keeps_its_guidance_contact_and_may_not_take_another_items_code(db, departments):
    with db.session() as session:
        second = Person(name="住房副指导员", phone="07792051235")
        session.add(second)
        session.flush()
        session.add(Liaison(department_id=departments[0], person_id=second.id, is_guidance_contact=True))
        session.commit()
        second_id = second.id
    v1 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    house = ml.add_item(db, COUNTY_ADMIN, v1.id, draft("HC-04-01", "协助排查自建房安全隐患"),
                        department_id=departments[0], guidance_contact_id=second_id)
    ml.add_item(db, COUNTY_ADMIN, v1.id, draft("HC-07-01", "协助开展传染病防控", MatterCategory.PUBLIC_HEALTH),
                department_id=departments[1])
    with pytest.raises(Conflict, match="第 1 版中已有编号为 HC-07-01 的事项"):
        ml.update_item(db, COUNTY_ADMIN, house.id, draft("HC-07-01", "协助排查自建房安全隐患"),
                       department_id=departments[0])
    ml.update_item(db, COUNTY_ADMIN, house.id, draft("HC-04-01", "协助排查自建房、危旧房安全隐患", time_limit=10,
                                                     description="汛期前完成"), department_id=departments[0])
    edited = next(i for i in ml.items(db, v1.id) if i.id == house.id)
    assert (edited.draft.title, edited.draft.time_limit, edited.draft.description, edited.guidance_contact) == \
        ("协助排查自建房、危旧房安全隐患", 10, "汛期前完成", "住房副指导员")
    ml.update_item(db, COUNTY_ADMIN, house.id, draft("HC-04-01", "协助排查自建房安全隐患"), department_id=departments[1])
    moved = next(i for i in ml.items(db, v1.id) if i.id == house.id)
    assert (moved.department, moved.guidance_contact) == ("卫生健康局", "卫生指导员")  # the new department's


def _saved(db, item_id: int) -> tuple[int, str | None, str]:
    """(version, last editor, when saved as a refusal says it) of an item."""
    with db.session() as session:
        item = session.get(MatterItem, item_id)
        return item.version, item.updated_by, beijing_text(item.updated_at, "%m-%d %H:%M")


@pytest.mark.law("Art. 13")
def test_an_item_edited_on_what_another_administrator_changed_since_is_refused_naming_who(db, departments):
    """Two administrators editing one item of the draft: pressing OK on the form as it was shown put the old
    time limit and department back, without a word, on the list about to be published."""
    v1 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    seen = ml.add_item(db, COUNTY_ADMIN, v1.id, draft("HC-04-01", "协助排查自建房安全隐患"), department_id=departments[0])
    assert seen.version == 1
    deputy = Actor(username="hc_admin2", display_name="海城区副管理员", grants=COUNTY_ADMIN.grants)
    ml.update_item(db, deputy, seen.id, draft("HC-04-01", "协助排查自建房安全隐患", time_limit=10),
                   department_id=departments[1], expected_version=seen.version)
    version, editor, when = _saved(db, seen.id)
    assert (version, editor) == (2, "海城区副管理员")
    with pytest.raises(Conflict) as refused:  # the form as it was shown, nothing changed in it
        ml.update_item(db, COUNTY_ADMIN, seen.id, seen.draft, department_id=seen.department_id,
                       expected_version=seen.version)
    assert refused.value.message == f"事项 HC-04-01 协助排查自建房安全隐患 已被 海城区副管理员 于 {when} 修改,请重新载入"
    with pytest.raises(Conflict, match="事项 HC-04-01 协助排查自建房安全隐患 已被 海城区副管理员 于 "):
        ml.remove_item(db, COUNTY_ADMIN, seen.id, expected_version=seen.version)  # asked about it as it was
    now = ml.get_item(db, seen.id)
    assert (now.draft.time_limit, now.department, now.version) == (10, "卫生健康局", 2)
    ml.update_item(db, COUNTY_ADMIN, seen.id, draft("HC-04-01", "协助排查自建房、危旧房安全隐患", time_limit=10),
                   department_id=departments[1], expected_version=now.version)  # on what is there now: saved
    assert _saved(db, seen.id)[:2] == (3, "海城区管理员")
    ml.update_item(db, deputy, seen.id, draft("HC-04-01", "协助排查自建房、危旧房安全隐患", time_limit=10,
                                              description="汛期前完成"), department_id=departments[1])  # on whatever is current
    assert _saved(db, seen.id)[:2] == (4, "海城区副管理员")
    ml.publish(db, COUNTY_ADMIN, v1.id, on=DAY)
    v2 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    [copy] = ml.items(db, v2.id)
    assert (copy.draft.description, copy.version, _saved(db, copy.id)[1]) == ("汛期前完成", 1, None)  # a new item
    ml.remove_item(db, COUNTY_ADMIN, copy.id, expected_version=copy.version)
    assert ml.get_item(db, copy.id) is None and ml.items(db, v2.id) == []


@pytest.mark.law("Art. 13")
def test_a_liaison_applies_to_retire_an_item_picked_in_the_next_versions_draft(db, departments, published):
    v2 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)  # the window shows this draft first
    application = ml.apply(db, liaison(departments[0]), department_id=departments[0],
                           action=ApplicationAction.RETIRE, reason="已由专业机构承担",
                           matter_item_id=item_id(db, v2.id, "HC-04-01"))
    assert (application.item_code, application.state) == ("HC-04-01", ReviewState.PENDING)
    ml.review(db, COUNTY_ADMIN, application.id, approve=True)
    assert [i.draft.code for i in ml.items(db, v2.id)] == ["HC-07-01"]
    # Applied for again and approved after the item had gone from the draft: said so, not "listed".
    again = ml.apply(db, liaison(departments[0]), department_id=departments[0], action=ApplicationAction.RETIRE,
                     reason="再次申请", matter_item_id=item_id(db, published.id, "HC-04-01"))
    ml.review(db, COUNTY_ADMIN, again.id, approve=True)
    with db.session() as session:
        said = session.scalars(select(AuditEntry.message).where(AuditEntry.action == "matters.review")
                               .order_by(AuditEntry.id.desc())).first()
    assert said.endswith(f"已同意;第 {v2.version} 版草稿中已无此事项,无需再改")
    added = ml.add_item(db, COUNTY_ADMIN, v2.id, draft("HC-04-09", "协助排查地质灾害隐患"), department_id=departments[0])
    with pytest.raises(ValidationFailed, match=r"“协助排查地质灾害隐患”\(HC-04-09\)不在海城现行事项清单内"):
        ml.apply(db, liaison(departments[0]), department_id=departments[0], action=ApplicationAction.RETIRE,
                 reason="不需要", matter_item_id=added.id)



@pytest.mark.law("Art. 13")
def test_two_desks_deciding_one_report_at_once_are_taken_one_after_the_other(db, departments, backend):
    """Confirming and returning the same report at the same moment: the second desk waits for the
    first and is refused on the state it left, rather than both passing their check and the notice
    ending 已整改 with a returned report (or open with a confirmed one)."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    notice = _notice_to(db, departments[0])
    ml.answer_rectification(db, liaison(departments[0]), notice.id, report="已指定专人", today=DAY)
    start, outcomes = threading.Barrier(2), {}

    def desk(name, decide):
        start.wait()
        try:
            outcomes[name] = decide()
        except InvalidTransition as exc:
            outcomes[name] = exc

    desks = [threading.Thread(target=desk, args=("confirm", lambda: ml.confirm_rectification(db, COUNTY_ADMIN, notice.id))),
             threading.Thread(target=desk, args=("return", lambda: ml.return_rectification(
                 db, COUNTY_ADMIN, notice.id, reason="未见指导记录", today=DAY)))]
    for thread in desks:
        thread.start()
    for thread in desks:
        thread.join(10)
    refused = [name for name, outcome in outcomes.items() if isinstance(outcome, InvalidTransition)]
    assert len(refused) == 1
    final = ml.rectifications(db)[0]
    answer = final.answers[-1]
    if refused == ["return"]:
        assert final.state is RectificationState.RECTIFIED and answer.returned_reason is None
    else:
        assert final.state is RectificationState.OPEN and answer.returned_reason == "未见指导记录"


_SAVES_ON_A_DRAFT = {
    "add": lambda db, list_id, item: ml.add_item(db, COUNTY_ADMIN, list_id, draft("HC-09-01", "协助排查地质灾害隐患"),
                                                 department_id=item.department_id),
    "update": lambda db, list_id, item: ml.update_item(db, COUNTY_ADMIN, item.id, draft(item.draft.code, "改过的标题"),
                                                       department_id=item.department_id,
                                                       expected_version=item.version),
    "remove": lambda db, list_id, item: ml.remove_item(db, COUNTY_ADMIN, item.id, expected_version=item.version),
}


def _publishing_held(db, monkeypatch, list_id: int) -> tuple[threading.Event, threading.Thread, list]:
    """ml.publish of the draft on a thread of its own, held just before it commits until the event returned
    is set; the thread, and the list receiving what it returned or raised."""
    publishing, release = threading.Event(), threading.Event()
    info = ml._list_info

    def held(session, matter_list):
        publishing.set()
        assert release.wait(20)
        return info(session, matter_list)

    monkeypatch.setattr(ml, "_list_info", held)
    thread, outcome = run(lambda: ml.publish(db, COUNTY_ADMIN, list_id, on=DAY))
    assert publishing.wait(10)
    return release, thread, outcome


def _waiting_or_done(db, thread: threading.Thread, timeout: float = 10.0) -> None:
    """Until `thread` waits for a lock another transaction holds, or has ended without waiting."""
    deadline = time.monotonic() + timeout
    with db.engine.connect() as conn:
        while thread.is_alive() and not conn.scalar(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'")):
            assert time.monotonic() < deadline, "neither waited nor ended"
            time.sleep(0.05)
            conn.rollback()


@pytest.mark.law("Art. 12")
@pytest.mark.parametrize("save", sorted(_SAVES_ON_A_DRAFT))
def test_an_item_saved_while_another_desk_publishes_the_draft_waits_and_is_refused(db, departments, backend,
                                                                                  monkeypatch, save):
    """One administrator publishes the draft while another saves an item of it: the save waits for the
    draft's row lock (matter_list._editable_list), then finds it published (Art. 12(1)). Without the lock it
    had read the draft before the publishing committed, and changed the list just put in force."""
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    v1 = ml.start_version(db, COUNTY_ADMIN, place_code=COUNTY)
    item = ml.add_item(db, COUNTY_ADMIN, v1.id, draft("HC-04-01", "协助排查自建房安全隐患"), department_id=departments[0])
    release, publishing, published = _publishing_held(db, monkeypatch, v1.id)
    saving, saved = run(lambda: _SAVES_ON_A_DRAFT[save](db, v1.id, item))
    _waiting_or_done(db, saving)
    release.set()
    publishing.join(10)
    saving.join(10)
    assert published[0].state is MatterListState.PUBLISHED
    [refused] = saved
    assert isinstance(refused, InvalidTransition), refused
    assert refused.message == "第 1 版已公布,不能再修改;请先新建下一版草稿"
    assert [(i.draft.code, i.draft.title) for i in ml.items(db, v1.id)] == [("HC-04-01", "协助排查自建房安全隐患")]
