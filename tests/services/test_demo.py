"""The synthetic demo township: plausible, consistent, marked synthetic, deterministic, seeded once."""

from datetime import datetime, timezone

import pytest
from shapely import wkb
from shapely.ops import unary_union
from sqlalchemy import func, select

from demo_dates import seeded_as_of
from desktop.errors import Conflict, PermissionDenied
from desktop.models import (
    Assignment,
    Callback,
    Case,
    CaseEvent,
    Department,
    EmergencyReport,
    Extension,
    Grid,
    GridStaffRole,
    MatterItem,
    Person,
    Place,
    RoleGrant,
    SupervisionOrder,
    User,
    Vessel,
)
from desktop.models.enums import (
    ApplicationAction,
    AssignmentRole,
    AssignmentState,
    CallbackState,
    CaseState,
    DecisionState,
    GridKind,
    HandlingLevel,
    MatterCategory,
    MatterListState,
    PlaceLevel,
    RectificationState,
    ReviewState,
    Role,
    Satisfaction,
    SeaCategory,
    StaffRole,
)
from desktop.services import calendar_admin, departments, governance, grids, integrity, matter_list, users
from desktop.services.cases import dispatch
from desktop.services.cases.callback_schedule import due_after_close, due_while_on_hold
from desktop.services.cases.deadlines import case_limits, extend
from desktop.services.clock import WorkCalendar
from desktop.services.demo import DEMO_USERS, seed_demo
from desktop.services.matter_list import ItemDraft
from desktop.services.routing import route_point
from desktop.services.security import Actor, Grant

QIAOGANG = "450503103000"
YINHAI = "450503000000"
CITY = "450500000000"


def _grids(session):
    return session.execute(select(Place, Grid).join(Grid, Grid.place_id == Place.id)).all()


# The generator is the same Python on either backend, and seeding it on PostgreSQL is what builds the
# template every PostgreSQL demo test starts from (test_cli_foundation's seed-then-check covers it too):
# a second township, or a second seeding, is tried on SQLite only, for the suite's time.
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"])


def test_demo_has_cases_in_every_state_and_a_clean_check(demo_db):
    with demo_db.session() as session:
        states = set(session.scalars(select(Case.state).distinct()))
        assert states == set(CaseState)
        assert session.scalar(select(func.count()).select_from(Case)) == 400
    assert integrity.check(demo_db) == []


def test_everything_made_up_is_marked_synthetic(demo_db):
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).where(Place.level == PlaceLevel.GRID,
                                                         Place.synthetic.is_(False))) == 0
        assert session.scalar(select(func.count()).where(Person.synthetic.is_(False))) == 0
        assert session.scalar(select(func.count()).where(Case.synthetic.is_(False))) == 0
        assert session.scalar(select(func.count()).where(User.synthetic.is_(False))) == 0
        # The real tree stays real: villages and townships are not synthetic.
        assert session.scalar(select(func.count()).where(Place.level != PlaceLevel.GRID,
                                                         Place.synthetic.is_(True))) == 0


def test_regular_grids_tile_each_village_without_overlap_or_gap(demo_db):
    with demo_db.session() as session:
        villages = session.scalars(select(Place).where(Place.code.startswith("450503103"),
                                                       Place.level == PlaceLevel.VILLAGE)).all()
        assert len(villages) == 4
        for village in villages:
            shapes = [wkb.loads(p.geometry) for p, g in _grids(session)
                      if p.parent_id == village.id and g.kind is GridKind.REGULAR]
            assert len(shapes) >= 4
            union = unary_union(shapes)
            assert sum(s.area for s in shapes) == pytest.approx(union.area, rel=1e-9)  # no overlaps
            assert union.symmetric_difference(wkb.loads(village.geometry)).area < 1e-12  # no gaps
            assert all(p.code.startswith(village.code) and len(p.code) == 15 for p, _ in _grids(session)
                       if p.parent_id == village.id)


def test_each_grids_area_is_its_polygons_as_an_adjustment_would_compute_it(demo_db):
    """The demo kept areas of its own reckoning (0.227 for a polygon of 0.226467 km²), so that renaming a grid
    showed its area changing in `grids history`."""
    with demo_db.session() as session:
        rows = _grids(session)
        assert all(g.area_km2 == grids.area_km2(wkb.loads(p.geometry) if p.geometry else None) for p, g in rows)
        assert sum(g.area_km2 is not None for _, g in rows) > 20


@pytest.mark.law("Art. 7")
def test_exclusive_and_sea_grids_including_vessel_rosters(demo_db):
    with demo_db.session() as session:
        rows = _grids(session)
        exclusive = {g.exclusive_category.value for _, g in rows if g.kind is GridKind.EXCLUSIVE}
        assert {"school", "market", "hospital", "enterprise"} <= exclusive
        sea = {g.sea_category for _, g in rows if g.kind is GridKind.SEA}
        assert sea == set(SeaCategory)
        for place, grid in rows:
            if grid.sea_category is SeaCategory.VESSEL_GROUP:
                assert place.geometry is None
                vessels = session.scalars(select(Vessel).where(Vessel.grid_id == place.id)).all()
                assert len(vessels) >= 6
                assert all(v.registration_no.startswith("桂北渔") and v.skipper and v.phone for v in vessels)
            else:
                assert place.geometry is not None


@pytest.mark.law("Art. 9")
def test_every_regular_grid_has_a_head_and_members_with_their_source(demo_db):
    with demo_db.session() as session:
        for place, grid in _grids(session):
            roles = session.scalars(select(GridStaffRole).where(GridStaffRole.grid_id == place.id)).all()
            if grid.kind is GridKind.REGULAR:
                assert sum(r.role is StaffRole.GRID_HEAD for r in roles) == 1
                assert any(r.role is StaffRole.GRID_MEMBER for r in roles)
            else:
                assert roles and all(r.role is StaffRole.EXCLUSIVE_STAFF for r in roles)


@pytest.mark.law("Art. 12")
def test_matter_list_covers_the_eleven_categories_with_limits(demo_db):
    with demo_db.session() as session:
        items = session.scalars(select(MatterItem)).all()
        assert {i.category for i in items} == set(MatterCategory)
        assert {(i.complexity.value, i.time_limit, i.time_limit_unit.value) for i in items} == {
            ("general", 5, "working_days"), ("complex", 15, "working_days"), ("urgent", 24, "hours")}
        assert all(i.department_id and i.guidance_contact_id for i in items)


def test_the_police_station_is_suggested_for_an_item_of_the_city_police(demo_db, system):
    """The demo records its departments' lines: the city's public security bureau works in 侨港镇
    through the county bureau and the police station (Art. 17(1), 18(1))."""
    lines = {line.name: line.parent_name for line in departments.list_departments(demo_db)}
    assert lines["侨港派出所"] == "北海市公安局银海分局" and lines["北海市公安局银海分局"] == "北海市公安局"
    assert lines["侨港供电所"] is None  # a utility belongs to no government line
    with demo_db.session() as session:
        police_item = session.scalar(select(MatterItem.id).join(Department, Department.id == MatterItem.department_id)
                                     .where(Department.name == "北海市公安局").order_by(MatterItem.id))
        case_id = session.scalar(select(Case.id).where(Case.matter_item_id == police_item,
                                                       Case.level == HandlingLevel.TOWNSHIP).order_by(Case.id))
    assert case_id is not None
    names = [s.name for s in dispatch.suggest_departments(demo_db, system, case_id)]
    assert names[:3] == ["侨港派出所", "北海市公安局银海分局", "北海市公安局"]



@pytest.mark.law("Art. 13")
def test_a_township_liaison_applies_to_the_county_list_and_the_county_decides(demo_db):
    """银海区 compiles a list of its own (Art. 12(1)), so the demo's township liaisons have a list to
    apply to (Art. 13(2)): the county's, whose institution a township department serves."""
    county = matter_list.lists(demo_db, YINHAI)
    assert [(info.version, info.state) for info in county] == [(1, MatterListState.PUBLISHED)]
    county_items = matter_list.items(demo_db, county[0].id)
    assert county_items and all(item.department.startswith("银海区") for item in county_items)
    police = users.login(demo_db, "qg_police", "qiaogang-police")
    assert matter_list.may_apply(demo_db, police, YINHAI) and not matter_list.may_apply(demo_db, police, CITY)
    asked = matter_list.apply(demo_db, police, department_id=police.department_id, action=ApplicationAction.ADD,
                              reason="辖区渔船进出港需网格协助核查",
                              proposal=ItemDraft("450503-90", "协助核查渔船进出港报告", MatterCategory.SAFETY_RISK))
    decided = matter_list.review(demo_db, users.login(demo_db, "yh_admin", "yinhai-admin"), asked.id, approve=True)
    assert decided.state is ReviewState.APPROVED
    draft = matter_list.lists(demo_db, YINHAI)[0]
    assert draft.state is MatterListState.DRAFT
    assert "450503-90" in {item.draft.code for item in matter_list.items(demo_db, draft.id)}

@pytest.mark.law("Art. 13")
def test_rectification_notices_in_each_stage_for_their_departments_and_the_county(demo_db):
    """Art. 13(5): the demo's township departments have notices open, reported and rectified; each
    liaison sees its own department's, the county's administrator decides the one awaiting it."""
    county = users.actor_for(demo_db, "yh_admin")
    notices = matter_list.rectifications(demo_db, place_code=YINHAI, viewer=county)
    assert [(n.department, n.state) for n in notices] == [
        ("侨港派出所", RectificationState.RECTIFIED), ("侨港镇渔业站", RectificationState.ANSWERED),
        ("侨港市场监管所", RectificationState.OPEN)]
    market = users.actor_for(demo_db, "qg_market")
    assert [n.state for n in matter_list.rectifications(demo_db, viewer=market)] == [RectificationState.OPEN]
    answered = notices[1]
    assert answered.answers[0].report.startswith("已明确由站长牵头") and not answered.answers[0].late
    assert matter_list.confirm_rectification(demo_db, county, answered.id).state is RectificationState.RECTIFIED
    reported = matter_list.answer_rectification(demo_db, market, notices[2].id, report="已指定专人每日查看待办")
    assert reported.state is RectificationState.ANSWERED


@pytest.mark.law("Art. 13")
@pytest.mark.law("Art. 15")
def test_another_countys_users_read_neither_the_rectification_notices_nor_the_applications(demo_db):
    """The notices and applications of 银海区 are its own and its townships' business (Art. 13(5)):
    a 海城区 township's operator, governed by 银海区's list nowhere, lists none of them, whether it
    names 银海区 or a place of it, or asks for every institution's."""
    police = users.actor_for(demo_db, "qg_police")
    matter_list.apply(demo_db, police, department_id=police.department_id, action=ApplicationAction.ADD,
                      reason="辖区渔船进出港需网格协助核查",
                      proposal=ItemDraft("450503-90", "协助核查渔船进出港报告", MatterCategory.SAFETY_RISK))
    operator = Actor(username="zj_op", display_name="中街值班员",
                     grants=(Grant(Role.OPERATOR, "450502001000", PlaceLevel.TOWNSHIP),))
    for place in (YINHAI, QIAOGANG, None):
        assert matter_list.rectifications(demo_db, place_code=place, viewer=operator) == []
        assert matter_list.applications(demo_db, place_code=place, viewer=operator) == []
    # A user of 侨港镇, governed by 银海区's list, reads them, as the county does.
    chief = users.actor_for(demo_db, "qg_chief")
    assert len(matter_list.rectifications(demo_db, place_code=QIAOGANG, viewer=chief)) == 3
    assert len(matter_list.applications(demo_db, place_code=YINHAI, viewer=chief)) == 1
    assert len(matter_list.rectifications(demo_db, viewer=chief)) == 3


def test_located_cases_route_to_their_own_grid(demo_db):
    with demo_db.session() as session:
        located = session.execute(select(Case.lon, Case.lat, Case.grid_id).where(Case.lon.is_not(None),
                                                                                Case.grid_id.is_not(None))).all()
        assert len(located) > 300
        assert all(route_point(session, lon, lat) == grid_id for lon, lat, grid_id in located)
        # The triage list holds requests without a location (one with a point in a grid is routed at intake,
        # Art. 16): the demo's waiting ones had points inside grids, and no grid.
        waiting = session.execute(select(Case.lon, Case.grid_id, Case.address)
                                  .where(Case.state == CaseState.RECEIVED)).all()
        assert waiting and all(lon is None and grid_id is None and address.endswith("具体位置待核实")
                               for lon, grid_id, address in waiting)


def test_case_rows_agree_with_their_state(demo_db):
    with demo_db.session() as session:
        for case in session.scalars(select(Case)):
            kinds = [e.kind for e in session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                                     .order_by(CaseEvent.id))]
            assert kinds[0] == "received", case.number
            times = session.scalars(select(CaseEvent.at).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id))
            times = list(times)
            assert times == sorted(times), case.number
            active = [a for a in case.assignments if a.state.value not in ("done", "withdrawn")]
            leads = [a for a in active if a.role is AssignmentRole.LEAD]
            if case.state in (CaseState.DISPATCHED, CaseState.SIGNED, CaseState.HANDLING, CaseState.REPORTED,
                              CaseState.UNDER_REVIEW, CaseState.SENT_BACK, CaseState.EXTENSION_PENDING,
                              CaseState.OBJECTION_PENDING):
                # The lead's running deadline; none once it has fed back, the case waiting on the center's review.
                waiting = case.state in (CaseState.REPORTED, CaseState.UNDER_REVIEW)
                assert len(leads) == 1 and case.due_at == (None if waiting else leads[0].due_at), case.number
            else:
                assert leads == [], case.number
            if case.state in (CaseState.CLOSED, CaseState.RESOLVED_ON_SPOT, CaseState.MERGED):
                assert case.closed_at is not None
            if case.state is CaseState.MERGED:
                assert case.merged_into_id is not None
            if case.state is CaseState.ON_HOLD:
                assert case.hold_reason and case.hold_explanation
        overdue = session.scalar(select(func.count()).where(Case.due_at < func.now()))
        assert overdue > 0
        assert session.scalar(select(func.count()).where(Assignment.due_at < Assignment.dispatched_at)) == 0


@pytest.mark.law("Art. 21")
def test_deadlines_are_what_the_case_services_would_count(demo_db):
    """Recounting every deadline, open or finished, with the calendar changes none: the demo extends
    a deadline as the case service does (from the day after it), so entering a holiday year moves
    nothing else."""
    with demo_db.session() as session:
        approved = session.scalar(select(func.count()).select_from(Extension)
                                  .where(Extension.state == DecisionState.APPROVED))
        moved = calendar_admin.recompute_open_deadlines(session, since=datetime(2000, 1, 1, tzinfo=timezone.utc))
        session.rollback()
    assert approved > 0 and moved == 0


@pytest.mark.law("Art. 20")
def test_the_callbacks_of_cases_closed_lately_are_to_make_and_older_ones_were_made_in_time(demo_db):
    """A closed case is called back within 3 working days (callback_schedule): the rounds still running are
    on the workbench, the two that ran out last overdue, the older ones made in time by a requester
    satisfied (an unhappy answer reopens the case, callbacks.record_callback); a case on hold awaits its
    monthly callback, not weeks past it. The demo had called back every closed case, even one closed that
    morning, and left only held cases' callbacks, most weeks overdue."""
    finished = (CaseState.CLOSED, CaseState.RESOLVED_ON_SPOT)
    now = seeded_as_of(demo_db)
    with demo_db.session() as session:
        calendar = WorkCalendar.load(session)
        rounds = session.execute(select(Callback, Case.closed_at).join(Case, Case.id == Callback.case_id)
                                 .where(Case.state.in_(finished))).all()
        held = session.execute(select(Callback.due_at, CaseEvent.at)
                               .join(CaseEvent, CaseEvent.case_id == Callback.case_id)
                               .where(CaseEvent.kind == "on_hold", Callback.state == CallbackState.PENDING)).all()
        orders = session.scalar(select(func.count()).select_from(SupervisionOrder)
                                .join(Case, Case.id == SupervisionOrder.case_id).where(Case.state.in_(finished)))
    assert all(callback.due_at == due_after_close(calendar, closed) for callback, closed in rounds)
    made = [(callback, closed) for callback, closed in rounds if callback.state is CallbackState.DONE]
    assert all(closed < callback.done_at <= callback.due_at and callback.solved
               and callback.satisfaction is not Satisfaction.UNSATISFIED for callback, closed in made)
    to_make = sorted(callback.due_at for callback, _ in rounds if callback.state is CallbackState.PENDING)
    assert len(to_make) > 4 and [due <= now for due in to_make] == [True, True] + [False] * (len(to_make) - 2)
    assert max(callback.due_at for callback, _ in made) <= to_make[0]
    assert held and all(due == due_while_on_hold(since) > now for due, since in held)
    assert orders == 0  # an unhappy requester's supervision would have reopened the case


@pytest.mark.law("Art. 20")
def test_an_unhappy_callback_reopens_the_case_there_and_then(demo_db):
    """callbacks.record_callback reopens the case with the answer that asks for it; the demo's stood closed
    for hours after the answer, then a supervisor reopened it."""
    with demo_db.session() as session:
        reopened = session.scalars(select(Case.id).where(Case.state == CaseState.REOPENED)).all()
        assert reopened
        for case_id in reopened:
            events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id,
                                                              CaseEvent.kind.in_(("callback", "reopened")))
                                     .order_by(CaseEvent.id)).all()
            assert [(e.kind, e.at, e.actor_name) for e in events] == [
                ("callback", events[0].at, events[0].actor_name), ("reopened", events[0].at, events[0].actor_name)]


@pytest.mark.law("Art. 19")
def test_extensions_are_asked_for_before_the_deadline_and_decided_as_the_desk_decides(demo_db):
    """The desk takes 申请延期 from a share signed for and not past its deadline (department.extension_refusal,
    Art. 18); an approval counts the new deadline on from the original one (deadlines.extend, as
    review.decide_extension does) and comes before it has run out; a refusal says why. The demo had asked
    for extensions after the deadline, approved with a new deadline already past."""
    with demo_db.session() as session:
        calendar = WorkCalendar.load(session)
        rows = session.execute(select(Extension, Assignment, Case)
                               .join(Assignment, Assignment.id == Extension.assignment_id)
                               .join(Case, Case.id == Assignment.case_id)).all()
        for extension, share, case in rows:
            assert share.signed_at < extension.requested_at <= share.original_due_at, case.number
            if extension.state is DecisionState.APPROVED:
                new_due = extend(calendar, share.original_due_at, extension.requested_amount,
                                 case_limits(session, case).handle.unit)
                assert extension.new_due_at == new_due > extension.decided_at > extension.requested_at, case.number
            elif extension.state is DecisionState.REFUSED:
                assert extension.comment and extension.decided_at > extension.requested_at, case.number
    assert {extension.state for extension, _, _ in rows} == set(DecisionState)


@pytest.mark.law("Art. 18")
def test_results_fed_back_late_say_why(demo_db):
    """department.report_result takes a result past the share's deadline only with the reason; the demo's
    said none."""
    with demo_db.session() as session:
        reported = session.execute(select(CaseEvent, Assignment.due_at)
                                   .join(Assignment, Assignment.id == CaseEvent.assignment_id)
                                   .where(CaseEvent.kind.in_(("result_reported", "co_reported")))).all()
    late = [event for event, due in reported if event.at > due]
    assert {event.kind for event in late} == {"result_reported", "co_reported"}
    assert all(event.detail.get("late_reason") and f"(逾期,理由:{event.detail['late_reason']})" in event.message
               for event in late)


@pytest.mark.law("Art. 17")
def _merged_into_cases_open_at_the_time(db) -> None:
    with db.session() as session:
        merged = session.execute(select(Case.number, Case.merged_into_id, Case.closed_at)
                                 .where(Case.state == CaseState.MERGED)).all()
        assert merged
        for number, into_id, at in merged:
            then = session.scalars(select(CaseEvent.to_state).where(CaseEvent.case_id == into_id, CaseEvent.at <= at)
                                   .order_by(CaseEvent.id)).all()
            assert then and CaseState(then[-1]).is_open, number


def test_duplicates_are_merged_into_cases_open_at_the_time(demo_db):
    """duplicates.merge takes a duplicate only into a case not finished; the demo's went into cases closed
    days before."""
    _merged_into_cases_open_at_the_time(demo_db)


def test_emergencies_one_recent_and_unacknowledged(demo_db):
    with demo_db.session() as session:
        reports = session.scalars(select(EmergencyReport)).all()
        assert len(reports) == 3
        assert sum(r.acknowledged_at is None for r in reports) == 1
        assert all(r.steps for r in reports)


@pytest.mark.law("Art. 22")
def test_the_governance_item_spans_the_days_its_cases_were_received(demo_db, system):
    """Its 收到时段 is the first and the last day a case of it was received, none of them to come."""
    (item,) = governance.list_items(demo_db, system, under=QIAOGANG)
    with demo_db.session() as session:
        received = session.scalars(select(Case.received_at).where(Case.id.in_(item.case_ids))).all()
    assert (item.window_start, item.window_end) == (min(received), max(received))


def test_demo_users_can_log_in_with_their_scope(demo_db):
    for spec in DEMO_USERS:
        actor = users.login(demo_db, spec.username, spec.password)
        assert spec.role in actor.roles
    police = users.login(demo_db, "qg_police", "qiaogang-police")
    assert police.department_id is not None


@pytest.mark.law("Art. 18")
def test_each_demo_liaison_has_cases_its_department_leads_to_sign_for(demo_db):
    """Whoever logs in as a demo liaison has shares to take on, whatever else the draw gave the department."""
    liaisons = [users.actor_for(demo_db, spec.username) for spec in DEMO_USERS if spec.department]
    with demo_db.session() as session:
        for liaison in liaisons:
            waiting = session.scalar(select(func.count()).select_from(Assignment).where(
                Assignment.department_id == liaison.department_id, Assignment.role == AssignmentRole.LEAD,
                Assignment.state == AssignmentState.DISPATCHED))
            assert waiting >= 2, liaison.username


def test_second_seed_is_refused_and_changes_nothing(demo_db, system):
    with demo_db.session() as session:
        before = session.scalar(select(func.count()).select_from(Case))
    with pytest.raises(Conflict, match="已有演示数据"):
        seed_demo(demo_db, system, QIAOGANG)
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == before


@pytest.mark.law("Art. 15")
def test_seeding_needs_the_right_to_manage_the_township(db, system):
    users.add_user(db, system, username="qg_op", display_name="值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code=QIAOGANG)
    with pytest.raises(PermissionDenied, match="Art. 15"):
        seed_demo(db, users.login(db, "qg_op", "secret-123"), QIAOGANG)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


@SQLITE_ONLY
def test_seed_is_deterministic(db, demo_db, system):
    seed_demo(db, system, QIAOGANG)

    def fingerprint(database):
        with database.session() as session:
            return (
                session.execute(select(Place.code, Place.name).where(Place.level == PlaceLevel.GRID)
                                .order_by(Place.code)).all(),
                session.execute(select(Person.name, Person.phone).order_by(Person.id)).all(),
                session.execute(select(Case.number, Case.title, Case.state).order_by(Case.number)).all(),
            )

    assert fingerprint(db) == fingerprint(demo_db)


@SQLITE_ONLY
@pytest.mark.parametrize("township", ["450502001000", "450521100000"])
def test_another_township_gets_a_generic_inland_demo(db, system, township):
    """廉州镇 (450521100000) drew a duplicate merged before any other case of its own was open: the seed
    failed where it looked for a case to merge it into."""
    report = seed_demo(db, system, township)
    assert report.grids > 0 and report.cases == 400
    with db.session() as session:
        kinds = {g.kind for _, g in _grids(session)}
        assert GridKind.SEA not in kinds
    assert integrity.check(db) == []
    _merged_into_cases_open_at_the_time(db)


@SQLITE_ONLY
def test_a_township_of_another_county_seeded_first_does_not_make_yinhais_administrator_its_own(db, system):
    """yh_admin (银海区管理员) is published as 银海区's: seeded first for a township of 海城区 it would
    otherwise be created over 海城区, under 银海区's name."""
    report = seed_demo(db, system, "450502001000")
    assert "t02001_admin" in dict(report.users) and "yh_admin" not in dict(report.users)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(RoleGrant)
                              .where(RoleGrant.role == Role.COUNTY_ADMIN)) == 0
    assert matter_list.rectifications(db) == []


@SQLITE_ONLY
@pytest.mark.law("Art. 13")
def test_a_second_township_in_another_county_gets_no_notice_no_one_could_decide(demo_db, system):
    """The demo's county administrator (yh_admin) is 银海区's: a township of 海城区 seeded beside 侨港镇 has
    no county administrator among the log-ins, so it gets no rectification notices to leave undecided."""
    before = matter_list.rectifications(demo_db)
    seed_demo(demo_db, system, "450502001000")
    assert matter_list.rectifications(demo_db) == before and len(before) == 3


@SQLITE_ONLY
def test_the_demo_databases_published_passwords_do_not_expire(tmp_path, demo_db, system):
    """The demo's log-ins are printed in the README: a maximum password age (Art. 15) would lock
    the next visitor out, so the demo sets none, in the transaction that seeds it (`seed-demo` into
    a training database too), and a demo database seeded before that is set so at its next start."""
    from desktop.services import password_policy
    from desktop.services.demo import ensure_demo_database

    assert password_policy.load_max_age_days(demo_db) == 0
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    password_policy.set_max_age_days(ensure_demo_database(url), system, 90)  # as one seeded before
    db = ensure_demo_database(url)
    try:
        assert password_policy.load_max_age_days(db) == 0
        with db.session() as session:
            session.execute(User.__table__.update().values(password_changed_at=datetime(2020, 1, 1, tzinfo=timezone.utc)))
            session.commit()
        assert not users.login(db, "qg_op1", "qiaogang-op1").password_expired
    finally:
        db.dispose()
