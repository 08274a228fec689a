"""People of the grids (Art. 8–11): roles, leadership, professionals, work log, adequacy."""

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, select

from desktop.errors import Conflict, InvalidTransition, LawRefusal, NotFound, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Grid, Person, Place
from desktop.models.enums import (
    AuditOutcome,
    LeadershipRole,
    PersonStatus,
    PlaceLevel,
    Profession,
    Role,
    StaffRole,
    StaffSource,
    WorkLogKind,
)
from desktop.services import places, staff, staff_admin, staffing
from desktop.services.clock import beijing_text, beijing_today
from desktop.services.security import Actor, Grant

VILLAGE = "450502001003"  # 塘仔里社区, 中街街道, 海城区
GRID = VILLAGE + "001"
TOWNSHIP = "450502001000"
COUNTY = "450502000000"


def admin(role: Role, code: str, level: PlaceLevel) -> Actor:
    return Actor(username=f"{role.value}_{code}", display_name=role.label, grants=(Grant(role, code, level),))


TOWNSHIP_ADMIN = admin(Role.TOWNSHIP_ADMIN, TOWNSHIP, PlaceLevel.TOWNSHIP)
COUNTY_ADMIN = admin(Role.COUNTY_ADMIN, COUNTY, PlaceLevel.COUNTY)
OTHER_TOWNSHIP = admin(Role.TOWNSHIP_ADMIN, "450503103000", PlaceLevel.TOWNSHIP)


@pytest.fixture
def grid(db, system):
    places.create_grid(db, system, village_code=VILLAGE, code=GRID, name="塘仔里第一网格", households=700)
    return GRID


def last_audit(db) -> AuditEntry:
    with db.session() as session:
        return session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


@pytest.mark.law("Art. 9")
def test_add_and_end_grid_staff_with_source(db, grid):
    head = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                                      source=StaffSource.COMMITTEE_MEMBER, start_on=date(2025, 9, 1),
                                      name="李海燕", phone="13907791234")
    assert head.grid_name == "塘仔里第一网格" and head.source is StaffSource.COMMITTEE_MEMBER
    listed = staff.roster(db, TOWNSHIP_ADMIN, grid)
    assert [(m.name, m.role, m.phone) for m in listed] == [("李海燕", StaffRole.GRID_HEAD, "13907791234")]
    with pytest.raises(ValidationFailed, match="早于"):
        staff_admin.end_grid_staff(db, TOWNSHIP_ADMIN, head.id, end_on=date(2025, 8, 1))
    staff_admin.end_serving(db, TOWNSHIP_ADMIN, person_id=head.person_id, grid_code=grid, role=StaffRole.GRID_HEAD,
                            end_on=date(2025, 10, 1))
    assert staff.roster(db, TOWNSHIP_ADMIN, grid) == []
    with pytest.raises(ValidationFailed, match="已于"):
        staff_admin.end_grid_staff(db, TOWNSHIP_ADMIN, head.id, end_on=date(2025, 10, 2))


@pytest.mark.law("Art. 9")
def test_appointing_a_known_person_again_reuses_them_and_refuses_a_second_same_role(db, grid, system):
    places.create_grid(db, system, village_code=VILLAGE, code=VILLAGE + "002", name="塘仔里第二网格")
    first = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                       source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1),
                                       name="黎敏", phone="13912340000")
    with pytest.raises(ValidationFailed) as caught:  # typed in twice: no second 黎敏 in the roster
        staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                   source=StaffSource.VOLUNTEER, start_on=date(2025, 10, 1),
                                   name="黎敏", phone="139 1234 0000")
    assert "黎敏" in caught.value.message and "已是" in caught.value.message and "2025-09-01" in caught.value.message
    assert [m.name for m in staff.roster(db, TOWNSHIP_ADMIN, grid)] == ["黎敏"]
    assert [s.actual for s in staffing.adequacy(db, under=grid)] == [1]
    # Moved to the next grid: ended here, appointed there, still one person.
    staff_admin.end_grid_staff(db, TOWNSHIP_ADMIN, first.id, end_on=date(2025, 11, 30))
    staff_admin.update_person(db, TOWNSHIP_ADMIN, first.person_id, status=PersonStatus.LEFT)
    moved = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=VILLAGE + "002", role=StaffRole.GRID_MEMBER,
                                       source=StaffSource.VOLUNTEER, start_on=date(2025, 12, 1),
                                       name="黎敏", phone="13912340000")
    assert moved.person_id == first.person_id
    assert [(m.name, m.status) for m in staff.roster(db, TOWNSHIP_ADMIN, VILLAGE + "002")] == [
        ("黎敏", PersonStatus.ACTIVE)]
    # Back in the first grid on a later day: allowed, the earlier term has ended.
    again = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                       source=StaffSource.VOLUNTEER, start_on=date(2026, 1, 1), person_id=first.person_id)
    assert again.person_id == first.person_id
    with pytest.raises(ValidationFailed, match="已是"):  # the same person chosen again by id
        staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                   source=StaffSource.VOLUNTEER, start_on=date(2026, 2, 1), person_id=first.person_id)
    # A name alone is nobody in particular: two 李娜 without a phone are two people, in two grids.
    one, other = (staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=code, role=StaffRole.GRID_MEMBER,
                                             source=StaffSource.VOLUNTEER, start_on=date(2026, 3, 1), name="李娜")
                  for code in (grid, VILLAGE + "002"))
    assert one.person_id != other.person_id


@pytest.mark.law("Art. 10")
def test_a_grid_has_one_head_at_a_time(db, grid):
    head = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                                      source=StaffSource.COMMITTEE_MEMBER, start_on=date(2025, 9, 1),
                                      name="李海燕", phone="13907791234")
    with pytest.raises(LawRefusal, match="已有网格长 李海燕.*Art. 10") as caught:
        staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                                   source=StaffSource.COMMITTEE_MEMBER, start_on=date(2025, 10, 1),
                                   name="黄建", phone="13900002222")
    assert caught.value.article == "Art. 10"
    # Handed over: the new head starts the day after the last day of the one before.
    staff_admin.end_grid_staff(db, TOWNSHIP_ADMIN, head.id, end_on=date(2025, 10, 31))
    successor = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                                           source=StaffSource.COMMITTEE_MEMBER, start_on=date(2025, 11, 1),
                                           name="黄建", phone="13900002222")
    assert successor.name == "黄建"


@pytest.mark.law("Art. 10")
def test_a_successor_on_the_last_day_of_the_head_who_left_is_told_the_day_to_start(db, grid):
    """离任 at the desk makes today the head's last day: a successor from today was told to do the 离任 just done."""
    head = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                                      source=StaffSource.COMMITTEE_MEMBER, start_on=date(2025, 9, 1),
                                      name="李海燕", phone="13907791234")
    staff_admin.end_grid_staff(db, TOWNSHIP_ADMIN, head.id, end_on=date(2025, 10, 31))
    with pytest.raises(LawRefusal) as caught:
        staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                                   source=StaffSource.COMMITTEE_MEMBER, start_on=date(2025, 10, 31),
                                   name="黄建", phone="13900002222")
    message = caught.value.message
    assert "已办理离任,最后任职日为 2025-10-31" in message and "起始日期请填 2025-11-01 或以后" in message
    assert "请先为" not in message and caught.value.article == "Art. 10"


@pytest.mark.law("Art. 9")
def test_grid_head_from_volunteers_is_refused(db, grid):
    with pytest.raises(LawRefusal, match="Art. 9"):
        staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                                   source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name="王志")


@pytest.mark.law("Art. 15")
def test_other_township_ending_a_term_is_refused_before_being_told_of_the_grids_staff(db, grid):
    """Whether a person serves another township's grid, or when their term there ended, is not told
    to one who may not keep that grid's staff: refused first, and on record."""
    head = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                                      source=StaffSource.COMMITTEE_MEMBER, start_on=date(2025, 9, 1),
                                      name="李海燕", phone="13907791234")
    staff_admin.end_serving(db, TOWNSHIP_ADMIN, person_id=head.person_id, grid_code=grid, role=StaffRole.GRID_HEAD,
                            end_on=date(2025, 10, 1))
    for role in (StaffRole.GRID_HEAD, StaffRole.GRID_MEMBER):  # a term ended; none at all
        with pytest.raises(PermissionDenied, match="维护网格人员"):
            staff_admin.end_serving(db, OTHER_TOWNSHIP, person_id=head.person_id, grid_code=grid, role=role,
                                    end_on=date(2025, 9, 15))
        entry = last_audit(db)
        assert (entry.action, entry.outcome, entry.place_code) == ("staff.end_role", AuditOutcome.DENIED, GRID)


@pytest.mark.law("Art. 15")
def test_other_township_cannot_add_staff_and_is_audited(db, grid):
    with pytest.raises(PermissionDenied):
        staff_admin.add_grid_staff(db, OTHER_TOWNSHIP, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                   source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name="越界")
    entry = last_audit(db)
    assert (entry.action, entry.outcome) == ("staff.add_role", AuditOutcome.DENIED)


@pytest.mark.law("Art. 15")
def test_an_id_number_with_a_wrong_check_digit_or_date_of_birth_is_refused(db, grid):
    """GB 11643-1999: the 18th character is the ISO 7064 MOD 11-2 check of the first 17."""
    for wrong, said in (("450503199001011234", "末位校验码应为 X,不是 4"),
                        ("450503209901011231", "第 7-14 位 20990101 不是有效的出生日期"),
                        ("4.50503E+17", "似为 Excel 将身份证号转成了科学计数法")):
        with pytest.raises(ValidationFailed, match=re.escape(said)):
            staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                       source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name="韦丽",
                                       id_number=wrong)
    assert staff_admin.check_id_number(" 45050319900101123x ") == "45050319900101123X"
    assert staff_admin.id_check_character("11010519491231002") == "X"  # the standard's own example


@pytest.mark.law("Art. 15")
def test_an_id_number_registered_in_another_township_is_refused_without_the_name_behind_it(db, grid, system):
    """One person, one record: the number is said to be taken, but whose it is only to those who may view
    where that person serves; the others are told whom to ask."""
    staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                               source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name="韦丽",
                               id_number="45050219800101128X")
    qiaogang_grid, same_county_grid = "450503103001001", "450502002001001"
    places.create_grid(db, system, village_code=qiaogang_grid[:12], code=qiaogang_grid, name="侨北第一网格")
    places.create_grid(db, system, village_code=same_county_grid[:12], code=same_county_grid, name="别镇第一网格")
    neighbour = admin(Role.TOWNSHIP_ADMIN, "450502002000", PlaceLevel.TOWNSHIP)

    def refused(actor, grid_code):
        with pytest.raises(ValidationFailed) as caught:
            staff_admin.add_grid_staff(db, actor, grid_code=grid_code, role=StaffRole.GRID_MEMBER,
                                       source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name="韦莉",
                                       id_number="45050219800101128X")
        return caught.value.message

    said = refused(OTHER_TOWNSHIP, qiaogang_grid)
    assert said == ("身份证号 45050219800101128X 已在其他地方登记,登记的姓名与填写的“韦莉”不符(姓名不予显示,Art. 15);"
                    "同一人不能登记两次:请核对身份证号,如确是同一人(姓名有误或已更名),请联系北海市的管理员核实后办理")
    assert "韦丽" not in refused(neighbour, same_county_grid) and "请联系海城区的管理员" in refused(neighbour, same_county_grid)
    # Who may view where she serves is told who she is.
    assert "已登记为“韦丽”" in refused(COUNTY_ADMIN, same_county_grid)
    assert "已登记为“韦丽”" in refused(TOWNSHIP_ADMIN, grid)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 1


def test_bad_phone_names_the_field(db, grid):
    with pytest.raises(ValidationFailed) as caught:
        staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                   source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name="张三", phone="12345")
    assert caught.value.field == "phone"


@pytest.mark.parametrize("call,field,limit", [
    (lambda db, long: staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=GRID, role=StaffRole.GRID_MEMBER,
                                                 source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name=long),
     "name", 40),
    (lambda db, long: staff_admin.assign_leadership(db, TOWNSHIP_ADMIN, place_code=VILLAGE, start_on=date(2025, 9, 1),
                                                    role=LeadershipRole.GRID_CHIEF, name="莫强", title=long),
     "title", 60),
    (lambda db, long: staff_admin.add_professional(db, TOWNSHIP_ADMIN, name="梁法官", profession=Profession.JUDGE,
                                                   organisation=long), "organisation", 100),
])
def test_a_text_longer_than_its_column_is_named(db, grid, call, field, limit):
    """PostgreSQL refused such a row with a DataError naming nothing (SQLite kept it whole)."""
    with pytest.raises(ValidationFailed, match=re.escape(f"不能超过 {limit} 个字(现为 {limit + 1} 个)")) as caught:
        call(db, "桂" * (limit + 1))
    assert caught.value.field == field


def test_a_visits_purpose_longer_than_its_column_is_named(db, grid):
    judge = staff_admin.add_professional(db, TOWNSHIP_ADMIN, name="梁法官", profession=Profession.JUDGE,
                                         organisation="海城区人民法院")
    with pytest.raises(ValidationFailed, match="进网格事由不能超过 60 个字") as caught:
        staff_admin.log_professional_visit(db, TOWNSHIP_ADMIN, professional_id=judge.id, grid_code=grid,
                                           visited_on=date(2025, 9, 3), purpose="法" * 61)
    assert caught.value.field == "purpose"
    with pytest.raises(ValidationFailed, match="姓名不能超过 40 个字"):
        staff_admin.update_person(db, TOWNSHIP_ADMIN, judge.person_id, name="法" * 41)


def test_update_person_status_and_phone_not_in_audit(db, grid):
    member = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1),
                                        name="陈晓", phone="13800001111")
    staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, phone="13800002222", status=PersonStatus.ON_LEAVE)
    entry = last_audit(db)
    assert "13800002222" not in str(entry.detail) and entry.detail["fields"] == ["phone", "status"]
    assert staff.roster(db, TOWNSHIP_ADMIN, grid)[0].status is PersonStatus.ON_LEAVE


def saved_at(db, person_id: int) -> str:
    with db.session() as session:
        return beijing_text(session.get(Person, person_id).updated_at, "%m-%d %H:%M")


@pytest.mark.law("Art. 14")
def test_an_edit_made_on_what_another_administrator_changed_since_is_refused_naming_who(db, grid):
    """qg_admin opened 修改人员信息 while yh_admin set the worker's phone and 请假; pressing OK on the form as it
    was shown put the old phone and 在岗 back, without a word, on the roster and the notice sheets."""
    member = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1),
                                        name="陈晓", phone="13800001111")
    [seen] = staff.roster(db, TOWNSHIP_ADMIN, grid)
    county = Actor(username="hc_admin", display_name="海城区管理员", grants=COUNTY_ADMIN.grants)
    staff_admin.update_person(db, county, member.person_id, phone="13800002222", status=PersonStatus.ON_LEAVE,
                              expected_version=seen.version)
    with pytest.raises(Conflict) as refused:  # the form as it was shown, nothing changed in it
        staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, name=seen.name, phone=seen.phone,
                                  status=seen.status, expected_version=seen.version)
    assert refused.value.message == f"人员 陈晓 已被 海城区管理员 于 {saved_at(db, member.person_id)} 修改,请重新载入"
    [now] = staff.roster(db, TOWNSHIP_ADMIN, grid)
    assert (now.phone, now.status, now.version) == ("13800002222", PersonStatus.ON_LEAVE, seen.version + 1)
    staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, name=now.name, phone=now.phone,
                              status=PersonStatus.ACTIVE, expected_version=now.version)  # on what is there now
    [back] = staff.roster(db, TOWNSHIP_ADMIN, grid)
    assert (back.phone, back.status) == ("13800002222", PersonStatus.ACTIVE)


@pytest.mark.law("Art. 14")
def test_an_edit_of_a_person_removed_meanwhile_says_so_not_their_internal_number(db, grid):
    member = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name="陈晓")
    [seen] = staff.roster(db, TOWNSHIP_ADMIN, grid)
    with db.session() as session:
        session.execute(delete(Person).where(Person.id == member.person_id))
        session.commit()
    with pytest.raises(NotFound) as gone:
        staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, phone="13800003333",
                                  expected_version=seen.version)
    assert gone.value.message == "此人的记录已不存在(可能已在其他桌面上删除),所作修改未保存;请重新载入"


def test_a_change_by_reappointing_someone_who_had_left_names_who_made_it(db, grid):
    """Appointed again, a person who had left (离岗) is serving again: a form showing them 离岗 is out of date."""
    member = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1),
                                        name="陈晓", phone="13800001111")
    staff_admin.end_grid_staff(db, TOWNSHIP_ADMIN, member.id, end_on=beijing_today())  # 离任 first, then 离岗
    staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, status=PersonStatus.LEFT)
    [seen] = staff.roster(db, TOWNSHIP_ADMIN, grid)  # listed until their last day is over
    county = Actor(username="hc_admin", display_name="海城区管理员", grants=COUNTY_ADMIN.grants)
    staff_admin.add_grid_staff(db, county, grid_code=grid, role=StaffRole.GRID_HEAD, source=StaffSource.HIRED,
                               start_on=date(2025, 10, 1), person_id=member.person_id)
    with pytest.raises(Conflict, match=f"人员 陈晓 已被 海城区管理员 于 {saved_at(db, member.person_id)} 修改"):
        staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, phone="13800003333",
                                  expected_version=seen.version)


@pytest.mark.law("Art. 15")
def test_a_person_serving_two_townships_is_changed_only_by_who_manages_both(db, grid, system):
    """A 离岗 set by one township's administrator took the person off the other township's rosters and notice
    sheets, and a phone changed there was printed on its sheets: each grid the person serves must be theirs."""
    places.create_grid(db, system, village_code="450503103001", code="450503103001001", name="侨北第一网格",
                       households=300)
    member = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1),
                                        name="陈晓", phone="13800001111")
    staff_admin.add_grid_staff(db, OTHER_TOWNSHIP, grid_code="450503103001001", role=StaffRole.GRID_MEMBER,
                               source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), person_id=member.person_id)
    for status in (PersonStatus.LEFT, PersonStatus.ON_LEAVE):
        with pytest.raises(PermissionDenied, match="侨北第一网格"):
            staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, status=status)
        assert last_audit(db).outcome is AuditOutcome.DENIED
    staff_admin.update_person(db, system, member.person_id, status=PersonStatus.ON_LEAVE)
    assert [m.status for m in staff.roster(db, OTHER_TOWNSHIP, "450503103001001")] == [PersonStatus.ON_LEAVE]


@pytest.mark.law("Art. 10")
@pytest.mark.law("Art. 14")
def test_leaving_is_refused_while_an_appointment_stands_as_the_staff_import_refuses_it(db, grid, system):
    """离岗 was taken for someone still serving: the roster kept them as 离岗, the staffing count took them as
    absent and the notice sheets dropped them, while the grid still had them as its staff."""
    places.create_grid(db, system, village_code=VILLAGE, code=VILLAGE + "002", name="塘仔里第二网格")
    head = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                                      source=StaffSource.COMMITTEE_MEMBER, start_on=date(2025, 9, 1),
                                      name="李海燕", phone="13907791234")
    member = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=VILLAGE + "002", role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1),
                                        person_id=head.person_id)
    with pytest.raises(ValidationFailed) as refused:
        staff_admin.update_person(db, TOWNSHIP_ADMIN, head.person_id, status=PersonStatus.LEFT)
    assert refused.value.message.startswith("李海燕仍担任塘仔里第一网格网格长、塘仔里第二网格网格员,不能设为离岗")
    assert "办理离任,再设为离岗" in refused.value.message and refused.value.field == "status"
    assert [m.status for m in staff.roster(db, TOWNSHIP_ADMIN, grid)] == [PersonStatus.ACTIVE]
    staff_admin.end_grid_staff(db, TOWNSHIP_ADMIN, head.id, end_on=beijing_today())
    with pytest.raises(ValidationFailed, match="仍担任塘仔里第二网格网格员,"):
        staff_admin.update_person(db, TOWNSHIP_ADMIN, head.person_id, status=PersonStatus.LEFT)
    staff_admin.end_grid_staff(db, TOWNSHIP_ADMIN, member.id, end_on=beijing_today())
    staff_admin.update_person(db, TOWNSHIP_ADMIN, head.person_id, status=PersonStatus.LEFT)
    assert [m.status for m in staff.roster(db, TOWNSHIP_ADMIN, grid)] == [PersonStatus.LEFT]  # until today is over


def test_leaving_is_refused_until_the_last_day_of_an_appointment_ended_later(db, grid):
    """离任 takes a last day to come: set 离岗 before it, the head dropped off the roster, the staffing count and the
    notice sheets for the days it still served. Refused until that day, which the refusal names."""
    head = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                                      source=StaffSource.COMMITTEE_MEMBER, start_on=date(2025, 9, 1),
                                      name="李海燕", phone="13907791234")
    last_day = beijing_today() + timedelta(days=14)
    staff_admin.end_grid_staff(db, TOWNSHIP_ADMIN, head.id, end_on=last_day)
    with pytest.raises(ValidationFailed) as refused:
        staff_admin.update_person(db, TOWNSHIP_ADMIN, head.person_id, status=PersonStatus.LEFT)
    assert f"塘仔里第一网格网格长(最后任职日 {last_day})" in refused.value.message
    assert f"请在 {last_day} 当天或之后再设为离岗" in refused.value.message
    assert [m.status for m in staff.roster(db, TOWNSHIP_ADMIN, grid)] == [PersonStatus.ACTIVE]


def test_a_phone_emptied_is_removed_and_one_not_given_is_kept(db, grid):
    member = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1),
                                        name="陈晓", phone="13800001111")
    staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, status=PersonStatus.ON_LEAVE)
    assert staff.roster(db, TOWNSHIP_ADMIN, grid)[0].phone == "13800001111"
    staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, phone=" ")
    assert staff.roster(db, TOWNSHIP_ADMIN, grid)[0].phone is None


@pytest.mark.law("Art. 14")
def test_an_emptied_name_is_refused_and_nothing_else_of_the_change_is_made(db, grid):
    """The form marks the name required; an emptied one was passed over in silence, the phone typed beside it
    saved, and the person told nothing."""
    member = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1),
                                        name="陈晓", phone="13800001111")
    with pytest.raises(ValidationFailed, match=r"姓名不能为空.*Art\. 14") as refused:
        staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, name="  ", phone="13800002222")
    assert refused.value.field == "name"
    assert [(m.name, m.phone) for m in staff.roster(db, TOWNSHIP_ADMIN, grid)] == [("陈晓", "13800001111")]
    staff_admin.update_person(db, TOWNSHIP_ADMIN, member.person_id, name=" 陈小 ")
    assert staff.roster(db, TOWNSHIP_ADMIN, grid)[0].name == "陈小"


@pytest.mark.law("Art. 8")
def test_leadership_by_county_and_village_chief_by_township(db, grid):
    leader = staff_admin.assign_leadership(db, COUNTY_ADMIN, place_code=TOWNSHIP, role=LeadershipRole.CONTACT_LEADER,
                                           start_on=date(2025, 9, 1), name="黄伟", title="区委副书记")
    assert leader.place_name == "中街"
    with pytest.raises(LawRefusal, match="Art. 8"):
        staff_admin.assign_leadership(db, TOWNSHIP_ADMIN, place_code=VILLAGE, role=LeadershipRole.INSTRUCTOR,
                                      start_on=date(2025, 9, 1), name="周敏")
    chief = staff_admin.assign_leadership(db, TOWNSHIP_ADMIN, place_code=VILLAGE, role=LeadershipRole.GRID_CHIEF,
                                          start_on=date(2025, 9, 1), name="莫强")
    assert chief.role is LeadershipRole.GRID_CHIEF
    with pytest.raises(LawRefusal, match="村"):
        staff_admin.assign_leadership(db, TOWNSHIP_ADMIN, place_code=grid, role=LeadershipRole.GRID_CHIEF,
                                      start_on=date(2025, 9, 1), name="莫强")


@pytest.mark.law("Art. 8")
def test_the_leadership_form_offers_only_what_the_actor_may_name(db, grid):
    """确定领导联系 offered every role at every place: a township's contact leader was refused only at save."""
    at_village = staff_admin.leadership_offer(db, TOWNSHIP_ADMIN, VILLAGE)
    assert [(p.code, p.name, p.roles) for p in at_village.places] == [
        (VILLAGE, "塘仔里社区", (LeadershipRole.GRID_CHIEF,))] and at_village.refusal == ""
    county = staff_admin.leadership_offer(db, COUNTY_ADMIN, VILLAGE)
    assert [(p.code, p.roles) for p in county.places] == [
        (VILLAGE, tuple(LeadershipRole)), (GRID, (LeadershipRole.CONTACT_LEADER, LeadershipRole.INSTRUCTOR))]
    township = staff_admin.leadership_offer(db, TOWNSHIP_ADMIN, TOWNSHIP)
    assert TOWNSHIP not in [p.code for p in township.places]  # its contact leaders are the county's to name
    assert {p.roles for p in township.places} == {(LeadershipRole.GRID_CHIEF,)}
    # Whatever is offered the service takes; what is not, it refuses.
    for place_code in (VILLAGE, GRID):
        for role in LeadershipRole:
            offered = role in {p.code: p.roles for p in at_village.places}.get(place_code, ())
            if offered:
                staff_admin.assign_leadership(db, TOWNSHIP_ADMIN, place_code=place_code, role=role,
                                              start_on=date(2025, 9, 1), name="莫强")
                continue
            with pytest.raises((LawRefusal, PermissionDenied)):
                staff_admin.assign_leadership(db, TOWNSHIP_ADMIN, place_code=place_code, role=role,
                                              start_on=date(2025, 9, 1), name="莫强")
    at_grid = staff_admin.leadership_offer(db, TOWNSHIP_ADMIN, GRID)
    assert at_grid.places == () and at_grid.refusal == (
        "网格挂点领导由县(区)网格化服务管理机构确定;请由海城的管理员办理;网格指导员由县(区)网格化服务管理机构确定;"
        "请由海城的管理员办理;网格总负责人按村(社区)确定,塘仔里第一网格不是村(社区)(Art. 8)")


@pytest.mark.law("Art. 11")
def test_professional_and_visit(db, grid):
    judge = staff_admin.add_professional(db, TOWNSHIP_ADMIN, name="梁法官", profession=Profession.JUDGE,
                                         organisation="海城区人民法院")
    visit_id = staff_admin.log_professional_visit(db, TOWNSHIP_ADMIN, professional_id=judge.id, grid_code=grid,
                                                  visited_on=date(2025, 9, 3), purpose="法治宣传")
    assert visit_id > 0
    with pytest.raises(PermissionDenied):
        staff_admin.log_professional_visit(db, OTHER_TOWNSHIP, professional_id=judge.id, grid_code=grid,
                                           visited_on=date(2025, 9, 3), purpose="纠纷化解")


@pytest.mark.law("Art. 10")
def test_work_log_only_for_staff_of_the_grid(db, grid, system):
    member = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.GROUP_LEADER, start_on=date(2025, 9, 1), name="韦丽")
    at = datetime(2025, 9, 5, 2, tzinfo=timezone.utc)
    assert staff_admin.log_work(db, TOWNSHIP_ADMIN, person_id=member.person_id, grid_code=grid,
                                kind=WorkLogKind.RISK_SCREENING, occurred_at=at, summary="排查燃气隐患 3 处") > 0
    places.create_grid(db, system, village_code=VILLAGE, code=VILLAGE + "002", name="塘仔里第二网格")
    with pytest.raises(ValidationFailed, match="Art. 10"):
        staff_admin.log_work(db, TOWNSHIP_ADMIN, person_id=member.person_id, grid_code=VILLAGE + "002",
                             kind=WorkLogKind.VISIT, occurred_at=at, summary="走访")


@pytest.mark.law("Art. 9")
def test_staffing_adequacy_by_rule(db, grid, system):
    places.create_grid(db, system, village_code=VILLAGE, code=VILLAGE + "002", name="渔村网格", urban=False)
    with db.session() as session:
        rural = session.scalar(select(Grid).join(Place).where(Place.code == VILLAGE + "002"))
        rural.village_groups = 2
        session.commit()
    staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                               source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name="甲")
    staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=VILLAGE + "002", role=StaffRole.GRID_MEMBER,
                               source=StaffSource.GROUP_LEADER, start_on=date(2025, 9, 1), name="乙")
    staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=VILLAGE + "002", role=StaffRole.GRID_MEMBER,
                               source=StaffSource.GROUP_LEADER, start_on=date(2025, 9, 1), name="丙")
    # A grid head does not count as a member.
    staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_HEAD,
                               source=StaffSource.HIRED, start_on=date(2025, 9, 1), name="丁")
    result = {g.grid_code: g for g in staffing.adequacy(db, under=TOWNSHIP, on=date(2025, 9, 10))}
    urban, rural = result[grid], result[VILLAGE + "002"]
    assert (urban.required, urban.actual, urban.under_staffed) == (3, 1, True)  # 700 households / 300
    assert (rural.required, rural.actual, rural.under_staffed) == (2, 2, False)  # 2 village groups

    staffing.save_rule(db, system, staffing.StaffingRule(households_per_member_urban=1000))
    urban = {g.grid_code: g for g in staffing.adequacy(db, under=TOWNSHIP, on=date(2025, 9, 10))}[grid]
    assert (urban.required, urban.under_staffed) == (1, False)
    with pytest.raises(ValidationFailed):
        staffing.save_rule(db, system, staffing.StaffingRule(residents_per_member=0))
    with pytest.raises(PermissionDenied):
        staffing.save_rule(db, TOWNSHIP_ADMIN, staffing.StaffingRule())


def test_exclusive_staff_only_in_exclusive_grids(db, grid):
    with pytest.raises(ValidationFailed, match="基础网格"):
        staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.EXCLUSIVE_STAFF,
                                   source=StaffSource.MANAGING_UNIT, start_on=date(2025, 9, 1), name="某")


@pytest.mark.law("Art. 8")
def test_leaders_and_activity_are_listed_for_the_area(db, grid):
    staff_admin.assign_leadership(db, COUNTY_ADMIN, place_code=TOWNSHIP, role=LeadershipRole.INSTRUCTOR,
                                  start_on=date(2025, 9, 1), name="周敏", title="区网格中心副主任")
    staff_admin.assign_leadership(db, TOWNSHIP_ADMIN, place_code=VILLAGE, role=LeadershipRole.GRID_CHIEF,
                                  start_on=date(2025, 9, 1), name="莫强")
    assert [(e.name, e.role) for e in staff.leaders(db, TOWNSHIP_ADMIN, TOWNSHIP)] == [
        ("周敏", LeadershipRole.INSTRUCTOR), ("莫强", LeadershipRole.GRID_CHIEF)]
    assert [e.name for e in staff.leaders(db, TOWNSHIP_ADMIN, VILLAGE)] == ["莫强"]

    member = staff_admin.add_grid_staff(db, TOWNSHIP_ADMIN, grid_code=grid, role=StaffRole.GRID_MEMBER,
                                        source=StaffSource.VOLUNTEER, start_on=date(2025, 9, 1), name="韦丽")
    staff_admin.log_work(db, TOWNSHIP_ADMIN, person_id=member.person_id, grid_code=grid, kind=WorkLogKind.MEDIATION,
                         occurred_at=datetime(2025, 9, 6, 2, tzinfo=timezone.utc), summary="调解邻里噪音纠纷")
    lawyer = staff_admin.add_professional(db, TOWNSHIP_ADMIN, name="覃律师", profession=Profession.LAWYER,
                                          organisation="广西海派律师事务所")
    staff_admin.log_professional_visit(db, TOWNSHIP_ADMIN, professional_id=lawyer.id, grid_code=grid,
                                       visited_on=date(2025, 9, 8), purpose="法律咨询")
    assert [(e.day, e.name, e.what) for e in staff.activity(db, TOWNSHIP_ADMIN, VILLAGE)] == [
        (date(2025, 9, 8), "覃律师", "法律咨询"), (date(2025, 9, 6), "韦丽", "化解矛盾纠纷")]
    with pytest.raises(PermissionDenied):
        staff.activity(db, OTHER_TOWNSHIP, VILLAGE)


@pytest.mark.law("Art. 8")
def test_a_leadership_is_ended_once_and_a_second_end_says_when(db, grid):
    """卸任 twice succeeded silently: the last day was overwritten and audited again."""
    chief = staff_admin.assign_leadership(db, TOWNSHIP_ADMIN, place_code=VILLAGE, role=LeadershipRole.GRID_CHIEF,
                                          start_on=date(2025, 9, 1), name="莫强")
    assert staff_admin.leadership_terms(db, TOWNSHIP_ADMIN, TOWNSHIP)[chief.id].end_on is None
    staff_admin.end_leadership(db, TOWNSHIP_ADMIN, chief.id, end_on=date(2025, 10, 1))
    with pytest.raises(InvalidTransition, match="莫强 在 塘仔里社区 的网格总负责人任职已办理卸任,最后任职日为 2025-10-01"):
        staff_admin.end_leadership(db, TOWNSHIP_ADMIN, chief.id, end_on=date(2025, 10, 8))
    assert staff_admin.leadership_terms(db, TOWNSHIP_ADMIN, TOWNSHIP)[chief.id].end_on == date(2025, 10, 1)


@pytest.mark.law("Art. 8")
def test_a_township_may_not_end_the_countys_contact_leader_and_is_told_so_as_when_naming_one(db, grid):
    """The township's 卸任 of a county contact leader was refused as a missing 维护网格人员 grant."""
    leader = staff_admin.assign_leadership(db, COUNTY_ADMIN, place_code=TOWNSHIP, role=LeadershipRole.CONTACT_LEADER,
                                           start_on=date(2025, 9, 1), name="黄伟")
    with pytest.raises(LawRefusal) as naming:
        staff_admin.assign_leadership(db, TOWNSHIP_ADMIN, place_code=TOWNSHIP, role=LeadershipRole.CONTACT_LEADER,
                                      start_on=date(2025, 9, 1), name="周敏")
    with pytest.raises(LawRefusal) as ending:
        staff_admin.end_leadership(db, TOWNSHIP_ADMIN, leader.id, end_on=date(2025, 10, 1))
    assert ending.value.message == naming.value.message == \
        "网格挂点领导由县(区)网格化服务管理机构确定;请由海城的管理员办理(Art. 8)"
    # Said on the people screen's 卸任 before anything is asked; the county may end it.
    assert staff_admin.leadership_terms(db, TOWNSHIP_ADMIN, TOWNSHIP)[leader.id].refusal == naming.value.message
    assert staff_admin.leadership_terms(db, COUNTY_ADMIN, TOWNSHIP)[leader.id].refusal == ""
    staff_admin.end_leadership(db, COUNTY_ADMIN, leader.id, end_on=date(2025, 10, 1))
    with pytest.raises(PermissionDenied):
        staff_admin.leadership_terms(db, OTHER_TOWNSHIP, TOWNSHIP)
