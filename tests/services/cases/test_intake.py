from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.errors import InvalidTransition, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Case, CaseEvent, ChangeFeed, MatterItem, MatterList, Place
from desktop.models.enums import AuditOutcome, CaseState, Channel, HandlingLevel, MatterCategory, MatterListState
from desktop.services.cases import duplicates, hold, intake, queries

from case_world import AT_SEA, COUNTY, GRID_A, GRID_B, IN_A, IN_B, IN_MARKET, MARKET, OTHER_TOWNSHIP, TOWNSHIP


@pytest.mark.law("Art. 16")
def test_located_request_is_numbered_routed_and_on_the_timeline(world):
    result = world.new_case(at=IN_A)
    case = result.case
    assert case.number.startswith("450503103-")
    assert (case.state, case.grid_id, result.grid_code) == (CaseState.REGISTERED, world.grids["a"], GRID_A)
    assert case.updated_by == "op_qg"
    with world.db.session() as s:
        events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)).all()
        assert [e.kind for e in events] == ["received", "routed"]
        assert events[0].desktop == "desk-op_qg" and events[0].actor_name == "op_qg"
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "cases.take_in")).target == f"case:{case.id}"
        assert s.scalar(select(ChangeFeed.topic).where(ChangeFeed.entity_id == case.id)) == "cases"


@pytest.mark.law("Art. 7")
def test_exclusive_grid_wins_over_the_regular_grid_beneath_it(world):
    assert world.new_case(at=IN_MARKET).case.grid_id == world.grids["market"]
    assert world.new_case(at=IN_B).case.grid_id == world.grids["b"]


def test_grid_staff_reports_start_at_grid_level(world):
    assert world.new_case(channel=Channel.GRID_STAFF).case.level is HandlingLevel.GRID
    assert world.new_case().case.level is HandlingLevel.TOWNSHIP


def test_unlocated_and_unmatched_requests_go_to_the_triage_list(world):
    unlocated = world.new_case(at=None).case
    at_sea = world.new_case(at=AT_SEA).case
    assert unlocated.state is CaseState.RECEIVED and unlocated.grid_id is None
    assert [c.id for c in intake.triage_list(world.db, world.operator, TOWNSHIP)] == [unlocated.id, at_sea.id]
    routed = intake.route_to_grid(world.db, world.operator, case_id=unlocated.id, grid_code=GRID_A,
                                  expected_version=unlocated.version)
    assert routed.state is CaseState.REGISTERED and routed.grid_id == world.grids["a"]
    assert [c.id for c in intake.triage_list(world.db, world.operator, TOWNSHIP)] == [at_sea.id]
    with pytest.raises(InvalidTransition, match="已在 侨北第一网格.*不在待分拨清单上"):
        intake.route_to_grid(world.db, world.operator, case_id=unlocated.id, grid_code=GRID_A,
                             expected_version=routed.version)


def test_a_triage_case_offers_the_townships_grids_nearest_first_and_a_located_one_its_duplicates(world):
    at_sea = world.new_case(at=AT_SEA).case
    choices = queries.case_detail(world.db, world.operator, at_sea.id).route_choices
    assert [c.code for c in choices] == [GRID_B, GRID_A, MARKET]
    assert choices[0].distance_m == round(duplicates.distance_m(109.120, 21.420, *AT_SEA))  # to grid b's corner
    unlocated = world.new_case(at=None).case
    assert [(c.code, c.distance_m) for c in queries.case_detail(world.db, world.operator, unlocated.id).route_choices
            ] == [(GRID_A, None), (MARKET, None), (GRID_B, None)]
    first = world.new_case(at=IN_A).case
    second = queries.case_detail(world.db, world.operator, world.new_case(at=IN_A).case.id)
    assert second.route_choices == ()  # routed already
    assert [(c.number, c.distance_m) for c in second.merge_choices] == [(first.number, 0.0)]


def test_triage_list_is_refused_outside_scope(world):
    with pytest.raises(PermissionDenied, match="Art. 15"):
        intake.triage_list(world.db, world.stranger, TOWNSHIP)


@pytest.mark.law("Art. 15")
def test_intake_in_another_township_is_refused(world):
    with pytest.raises(PermissionDenied, match="受理诉求"):
        world.new_case(who=world.stranger)


def test_bad_input_names_each_field_and_saves_nothing(world):
    with pytest.raises(ValidationFailed) as err:
        intake.take_in(world.db, world.operator, channel=Channel.PHONE, title="", description=" ",
                       category=MatterCategory.DISPUTE, requester_phone="abc", lon=200.0, lat=21.0)
    text = str(err.value)
    for name in ("title", "description", "requester_phone", "lon/lat"):
        assert name in text
    assert "联系电话(requester_phone):“abc”不是有效的电话号码(只能有数字和连字符,国际号码以 + 开头)" in err.value.problems
    with pytest.raises(ValidationFailed, match="有 21 位,电话号码最多 20 位"):
        world.new_case(requester_phone="1" * 21)
    with pytest.raises(ValidationFailed, match="channel"):  # never assumed
        world.new_case(channel=None)
    with pytest.raises(ValidationFailed, match="category"):
        world.new_case(matter_item_id=world.items["dispute"], category=MatterCategory.LIVELIHOOD)
    assert intake.triage_list(world.db, world.operator, TOWNSHIP) == []



def test_a_point_far_off_beihai_is_refused_as_a_mistake_and_a_turned_one_said_to_be_turned(world):
    """0, 0 (written for "unknown") or another city's point lay in no grid and went to the triage list as if near."""
    for lon, lat, said in ((0.0, 0.0, "(0.0, 0.0) 远在北海市及北部湾海域以外"), (116.4, 39.9, "远在北海市及北部湾海域以外"),
                           (21.415, 109.105, "经度和纬度可能写反了")):
        with pytest.raises(ValidationFailed) as refused:
            world.new_case(at=(lon, lat))
        assert any(problem.startswith("经纬度(lon/lat):") and said in problem for problem in refused.value.problems)
    with pytest.raises(ValidationFailed, match="远在北海市及北部湾海域以外"):
        intake.preview_route(world.db, 113.26, 23.13)  # 广州
    assert intake.coordinate_problem(109.12, 20.9) is None  # 涠洲岛 is Beihai's
    assert intake.triage_list(world.db, world.operator, TOWNSHIP) == []


def test_a_phone_written_in_groups_is_taken_without_its_spaces(world):
    """Numbers are read out and pasted in groups (138 0779 1234); a landline keeps its area code."""
    mobile = world.new_case(requester_phone=" 138 0779\u30001234 ").case
    landline = world.new_case(requester_phone="0779-3201234").case
    with world.db.session() as s:
        assert [s.get(Case, c.id).requester_phone for c in (mobile, landline)] == ["13807791234", "0779-3201234"]
    assert queries.case_detail(world.db, world.operator, mobile.id).requester_phone == "138****1234"
    with pytest.raises(ValidationFailed, match="“0779 320 1234 转 8”不是有效的电话号码"):
        world.new_case(requester_phone="0779 320 1234 转 8")
    # Full-width digits from a Chinese input method are the digits a phone dials; abroad, a number leads with +.
    wide = world.new_case(requester_phone="１３８０７７９１２３４").case
    abroad = world.new_case(requester_phone="+84 912 345 678").case
    with world.db.session() as s:
        assert [s.get(Case, c.id).requester_phone for c in (wide, abroad)] == ["13807791234", "+84912345678"]
    with pytest.raises(ValidationFailed, match="不是有效的电话号码"):
        world.new_case(requester_phone="١٣٨")  # digits, but not ones a phone dials

def test_an_empty_form_is_told_every_required_field_at_once_the_category_too(world):
    with pytest.raises(ValidationFailed) as err:
        intake.take_in(world.db, world.operator, channel=None, title="", description="", township_code=TOWNSHIP)
    assert [p.split("(")[0] for p in err.value.problems] == ["受理渠道", "标题", "诉求内容", "类别"]
    assert "类别(category):请选择诉求类别或事项清单中的事项" in err.value.problems

@pytest.mark.law("Art. 13")
def test_an_item_not_on_the_list_in_force_is_refused_and_nothing_is_taken_in(world):
    """An item retired from the list (its older version) or one only drafted is no item to file a
    request under: its department and time limit are no longer, or not yet, the law."""
    with world.db.session() as s:
        county = s.scalar(select(Place).where(Place.code == COUNTY))
        retired = MatterItem(code="M05-09", title="已退出的调处事项", category=MatterCategory.DISPUTE,
                             department_id=world.departments["police"])
        s.add(MatterList(place_id=county.id, version=1, title="银海区事项清单", state=MatterListState.PUBLISHED,
                         published_on=date(2025, 9, 1), items=[retired]))
        s.add(MatterList(place_id=county.id, version=2, title="银海区事项清单", state=MatterListState.PUBLISHED,
                         published_on=date(2026, 1, 1)))
        drafted = MatterItem(code="M05-10", title="拟纳入的调处事项", category=MatterCategory.DISPUTE,
                             department_id=world.departments["police"])
        s.add(MatterList(place_id=county.id, version=3, title="银海区事项清单", items=[drafted]))
        s.commit()
        ids = {"retired": retired.id, "drafted": drafted.id}
    with pytest.raises(ValidationFailed, match=r"事项“已退出的调处事项”\(M05-09\)不在现行.*事项清单内.*请从现行清单中选择.*Art. 13"):
        world.new_case(matter_item_id=ids["retired"], channel=Channel.GRID_STAFF)
    with pytest.raises(ValidationFailed, match=r"事项“拟纳入的调处事项”\(M05-10\)不在现行"):
        world.new_case(matter_item_id=ids["drafted"])
    with world.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0
    assert world.new_case().case.state is CaseState.REGISTERED  # an item of the list in force is taken

def test_duplicates_are_offered_by_category_radius_and_window(world):
    first = world.new_case(at=IN_A).case
    # about 110 m north: the same problem
    second = world.new_case(at=(IN_A[0], IN_A[1] + 0.001))
    assert [(h.case.id, round(h.distance_m)) for h in second.duplicates] == [(first.id, 111)]
    # another category at the same place, or far away: not offered
    assert world.new_case(at=IN_A, matter_item_id=world.items["outage"]).duplicates == ()
    assert world.new_case(at=IN_B).duplicates == ()


def test_merge_marks_the_duplicate_and_notes_it_on_both(world):
    first = world.new_case(at=IN_A).case
    second = world.new_case(at=IN_A).case
    merged = duplicates.merge(world.db, world.operator, case_id=second.id, into_case_id=first.id,
                              expected_version=second.version)
    assert merged.state is CaseState.MERGED
    with world.db.session() as s:
        kinds = s.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == first.id)).all()
        assert "merged_in" in kinds
    with pytest.raises(InvalidTransition):
        duplicates.merge(world.db, world.operator, case_id=second.id, into_case_id=first.id,
                         expected_version=merged.version)


@pytest.mark.law("Art. 16")
def test_a_request_seen_to_be_a_duplicate_is_taken_in_and_merged_in_one_step(world):
    first = world.new_case(at=IN_A).case
    again = world.new_case(at=(IN_A[0], IN_A[1] + 0.001), requester_name="黄女士", requester_phone="13907790002",
                           duplicate_of=first.id)
    assert again.case.state is CaseState.MERGED and again.duplicates == ()
    with world.db.session() as s:
        kept = s.get(Case, again.case.id)
        assert (kept.merged_into_id, kept.requester_name, kept.due_at) == (first.id, "黄女士", None)
        kinds = s.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == again.case.id).order_by(CaseEvent.id))
        assert list(kinds) == ["received", "routed", "merged"]
        assert s.scalar(select(CaseEvent.message).where(CaseEvent.case_id == first.id, CaseEvent.kind == "merged_in")
                        ) == f"案件 {again.case.number} 作为重复诉求并入本案"
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "cases.take_in")).all()[-1]
        assert (entry.target, entry.message) == (f"case:{again.case.id}", f"案件 {again.case.number} 并入 {first.number}")
        assert (entry.detail["case"], entry.detail["event"]) == (again.case.number, "merged")
    assert world.new_case(at=IN_A).duplicates[0].case.id == first.id  # the merged one is no longer offered
    # The case that goes on names the request merged into it, with whom to tell (masked as its own phone).
    said = queries.case_detail(world.db, world.operator, again.case.id).description  # what the duplicate adds
    assert queries.case_detail(world.db, world.operator, first.id).merged_in == (
        (again.case.number, "黄女士", "139****0002", said),)
    assert queries.case_detail(world.db, world.supervisor, first.id).merged_in == (
        (again.case.number, "黄女士", "13907790002", said),)


def test_duplicates_merged_into_a_case_go_on_with_it_when_it_is_merged_in_turn(world):
    first = world.new_case(at=IN_A, requester_name="甲", requester_phone="13907790001").case
    second = world.new_case(at=IN_A, requester_name="乙", requester_phone="13907790002").case
    world.new_case(at=IN_A, requester_name="丙", requester_phone="13907790003", duplicate_of=first.id)
    first = queries.case_detail(world.db, world.operator, first.id).case
    duplicates.merge(world.db, world.operator, case_id=first.id, into_case_id=second.id,
                     expected_version=first.version)
    assert [name for _, name, _, _ in queries.case_detail(world.db, world.operator, second.id).merged_in] == ["甲", "丙"]
    with world.db.session() as s:
        moved = s.scalar(select(CaseEvent.message).where(CaseEvent.kind == "merged").order_by(CaseEvent.id.desc()))
        assert moved == f"随案件 {first.number} 一并并入案件 {second.number}"


def test_a_duplicate_from_another_township_keeps_its_requesters_phone_masked_to_who_may_not_see_it_there(world):
    here = world.new_case(at=IN_A).case
    elsewhere = world.new_case(at=None, who=world.stranger, township_code=OTHER_TOWNSHIP,
                               requester_name="黄女士", requester_phone="13907790002").case
    duplicates.merge(world.db, world.system, case_id=elsewhere.id, into_case_id=here.id,
                     expected_version=elsewhere.version)
    # The supervisor may see personal data in 侨港 only: the duplicate is 中街's.
    assert queries.case_detail(world.db, world.supervisor, here.id).merged_in == (
        (elsewhere.number, "黄女士", "139****0002", queries.case_detail(world.db, world.system, elsewhere.id).description),)


def test_a_duplicate_of_a_finished_or_foreign_case_is_refused_and_nothing_is_taken_in(world):
    first = world.new_case(at=IN_A).case
    merged = world.new_case(at=IN_A, duplicate_of=first.id).case
    with pytest.raises(ValidationFailed, match=f"不能并入案件 {merged.number}:只能并入另一件未办结的案件"):
        world.new_case(at=IN_A, duplicate_of=merged.id)
    elsewhere = world.new_case(at=None, who=world.stranger, township_code=OTHER_TOWNSHIP).case
    with pytest.raises(PermissionDenied, match="Art. 15"):
        world.new_case(at=IN_A, duplicate_of=elsewhere.id)
    with world.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 3
        refused = s.scalars(select(AuditEntry).where(AuditEntry.action == "cases.take_in").order_by(AuditEntry.id)
                            ).all()[-1]
        # Refused before anything was numbered: the entry names no case that was never kept.
        assert refused.outcome is AuditOutcome.DENIED and refused.target is None


def test_a_text_no_database_can_keep_is_refused_by_field_wherever_it_comes_from(world):
    """A NUL saves on SQLite but fails PostgreSQL, and every export, later: every service refuses it at
    the flush, naming the field, and saves nothing. A form feed can be stored (older rows hold them)."""
    with pytest.raises(ValidationFailed) as caught:
        world.new_case(description="楼上\x00夜间施工噪音")
    assert caught.value.problems == ["cases.description:第 3 个字符是不可见的控制字符(U+0000),无法保存,请删去"]
    case = world.new_case(description="楼上夜间施工噪音\t(多次)\x0c\r\n协商未果").case
    with pytest.raises(ValidationFailed, match="cases.hold_reason:第 3 个字符是不可见的控制字符"):
        hold.put_on_hold(world.db, world.operator, case_id=case.id, reason="待拆\x00迁", explanation="已解释",
                         expected_version=case.version)
    with world.db.session() as session:
        assert session.scalars(select(Case.state)).all() == [case.state]
