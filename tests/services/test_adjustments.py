"""Art. 6: the township proposes, the county approves or rejects, the city files."""

import io
import json
from datetime import timedelta

import pytest
import shapely
from sqlalchemy import select

from tampering import rewrite_audit_entry
from desktop.cli import main as cli_main
from desktop.cli.grids import vessel_text
from desktop.errors import InvalidTransition, LawRefusal, NotFound, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Case, Grid, GridAdjustment, GridAdjustmentStep, GridHistory, Place
from desktop.models.enums import (AdjustmentKind, AdjustmentReason, AdjustmentState, GridKind, GridStatus, PlaceLevel,
                                  Role, SeaCategory)
from desktop.services import adjustments, grids, places
from desktop.services.geo import geojson_io, synthetic
from desktop.services.security import Actor, Grant

pytestmark = pytest.mark.law("Art. 6")

TOWNSHIP, COUNTY, CITY = "450503103000", "450503000000", "450500000000"
VILLAGE = "450503103001"
BOUNDARY = synthetic.square(109.10, 21.42, 1200)

TOWNSHIP_ADMIN = Actor("qg_admin", "侨港镇管理员", (Grant(Role.TOWNSHIP_ADMIN, TOWNSHIP, PlaceLevel.TOWNSHIP),))
COUNTY_ADMIN = Actor("yh_admin", "银海区管理员", (Grant(Role.COUNTY_ADMIN, COUNTY, PlaceLevel.COUNTY),))
OTHER_COUNTY = Actor("hc_admin", "海城区管理员", (Grant(Role.COUNTY_ADMIN, "450502000000", PlaceLevel.COUNTY),))
CITY_ADMIN = Actor("bh_admin", "北海市管理员", (Grant(Role.CITY_ADMIN, CITY, PlaceLevel.CITY),))


def division(rows: int, cols: int) -> dict:
    return geojson_io.collection(synthetic.grid_features(VILLAGE, "侨北", BOUNDARY, rows, cols))


@pytest.fixture
def divided(db, system):
    """侨北社区 with a boundary and its initial 2 × 2 division."""
    grids.import_boundaries(db, system, geojson_io.collection([geojson_io.feature(BOUNDARY, {"code": VILLAGE})]))
    grids.import_grids(db, system, division(2, 2))
    return db


def propose(db, collection=None, actor=TOWNSHIP_ADMIN, **kwargs):
    return adjustments.propose(
        db, actor, township_code=TOWNSHIP, kind=AdjustmentKind.ADJUST, reason=AdjustmentReason.POPULATION_MOVEMENT,
        reason_text="新建安置小区入住约 2000 人", proposal=collection or division(2, 3), **kwargs)


def live_grids(db) -> dict[str, Place]:
    with db.session() as session:
        rows = session.execute(select(Place.code, Place.name).join(Grid).where(Grid.status == GridStatus.ACTIVE))
        return dict(rows.all())


def test_proposal_changes_nothing_until_the_county_approves_then_city_files(divided):
    before = live_grids(divided)
    info = propose(divided)
    assert info.state is AdjustmentState.PROPOSED and info.grid_count == 6 and info.village_codes == (VILLAGE,)
    assert live_grids(divided) == before
    approved = adjustments.approve(divided, COUNTY_ADMIN, info.id, comment="同意")
    assert approved.state is AdjustmentState.APPROVED
    assert sorted(live_grids(divided)) == [f"{VILLAGE}{n:03d}" for n in range(1, 7)]
    filed = adjustments.file(divided, CITY_ADMIN, info.id, comment="已备案")
    assert [(s.from_state, s.to_state) for s in filed.steps] == [
        (None, AdjustmentState.PROPOSED), (AdjustmentState.PROPOSED, AdjustmentState.APPROVED),
        (AdjustmentState.APPROVED, AdjustmentState.FILED)]
    assert [s.actor_name for s in filed.steps] == ["侨港镇管理员", "银海区管理员", "北海市管理员"]


def test_approval_keeps_the_history_of_each_grid(divided):
    first = f"{VILLAGE}001"
    with divided.session() as session:
        old_geometry = shapely.from_wkb(session.scalar(select(Place.geometry).where(Place.code == first)))
    info = propose(divided, division(1, 2), retire=(f"{VILLAGE}003", f"{VILLAGE}004"))  # four grids become two
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    versions = grids.grid_history(divided, TOWNSHIP_ADMIN, first)
    assert len(versions) == 2
    closed, live = versions
    assert closed.valid_to == live.valid_from and closed.adjustment_id == info.id
    assert closed.area_km2 == pytest.approx(0.36, rel=1e-3) and live.area_km2 == pytest.approx(0.72, rel=1e-3)
    retired = grids.grid_history(divided, TOWNSHIP_ADMIN, f"{VILLAGE}004")
    assert retired[-1].status == "retired" and retired[0].status == "active"
    with pytest.raises(PermissionDenied, match=r"无权查看 .*的网格沿革.*Art. 15"):
        grids.grid_history(divided, OTHER_COUNTY, first)
    out = io.StringIO()
    url = divided.engine.url.render_as_string(hide_password=False)
    assert cli_main(["--db", url, "grids", "history", first], out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["起", "止", "名称", "类型", "状态", "面积(平方公里)", "结束于调整"]
    assert lines[1].split()[-3:] == ["在用", "0.360", f"#{info.id}"] and lines[2].split()[2] == "至今"
    assert sorted(live_grids(divided)) == [f"{VILLAGE}001", f"{VILLAGE}002"]
    with divided.session() as session:
        row = session.scalar(select(GridHistory).join(Place).where(Place.code == first))
        assert shapely.from_wkb(row.geometry).equals(old_geometry)


def test_rejection_needs_a_comment_and_leaves_the_grids(divided):
    before = live_grids(divided)
    info = propose(divided)
    with pytest.raises(ValidationFailed, match="审核意见"):
        adjustments.reject(divided, COUNTY_ADMIN, info.id, comment=" ")
    rejected = adjustments.reject(divided, COUNTY_ADMIN, info.id, comment="人口数据未更新,请核实后重报")
    assert rejected.state is AdjustmentState.REJECTED and rejected.steps[-1].comment.startswith("人口数据")
    assert live_grids(divided) == before
    with pytest.raises(InvalidTransition, match="县级不同意"):
        adjustments.file(divided, CITY_ADMIN, info.id)


def test_a_proposal_that_no_longer_fits_is_refused_at_approval_saying_what_the_county_does(divided, system):
    """The county cannot mend the township's file: it had been told 未导入任何网格;请修正后重新导入."""
    info = propose(divided)
    smaller = synthetic.square(109.10, 21.42, 600)  # the village's boundary redrawn since the proposal
    grids.import_boundaries(divided, system, geojson_io.collection([geojson_io.feature(smaller, {"code": VILLAGE})]))
    with pytest.raises(ValidationFailed) as caught:
        adjustments.approve(divided, COUNTY_ADMIN, info.id)
    assert caught.value.message.endswith(f"申请 #{info.id} 提出后边界或网格已有变化,不能照此同意;"
                                         "请不同意并请乡镇(街道)修正后重新提出"), caught.value.message
    assert caught.value.problems and adjustments.list_adjustments(divided, CITY_ADMIN)[0].state is AdjustmentState.PROPOSED


def test_wrong_step_order_is_refused(divided):
    info = propose(divided)
    with pytest.raises(InvalidTransition, match="只有“县级已同意”的申请可以报市级备案"):
        adjustments.file(divided, CITY_ADMIN, info.id)
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    with pytest.raises(InvalidTransition, match="Art. 6"):
        adjustments.approve(divided, COUNTY_ADMIN, info.id)
    with pytest.raises(InvalidTransition):
        adjustments.reject(divided, COUNTY_ADMIN, info.id, comment="晚了")


def test_wrong_role_or_level_is_refused(divided):
    info = propose(divided)
    with pytest.raises(PermissionDenied):  # a township may not approve its own proposal
        adjustments.approve(divided, TOWNSHIP_ADMIN, info.id)
    with pytest.raises(LawRefusal, match="须经县\\(区\\)网格化服务管理机构同意"):
        adjustments.approve(divided, CITY_ADMIN, info.id)  # the city files, it does not approve
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    with pytest.raises(PermissionDenied):
        adjustments.file(divided, COUNTY_ADMIN, info.id)


def test_county_of_another_district_is_out_of_scope(divided):
    info = propose(divided)
    with pytest.raises(PermissionDenied, match="Art. 15"):
        adjustments.approve(divided, OTHER_COUNTY, info.id)
    assert adjustments.list_adjustments(divided, COUNTY_ADMIN, state=AdjustmentState.PROPOSED)[0].id == info.id


@pytest.mark.law("Art. 15")
def test_another_district_neither_lists_nor_reads_the_adjustment(divided):
    info = propose(divided)
    assert [i.id for i in adjustments.list_adjustments(divided, TOWNSHIP_ADMIN)] == [info.id]
    assert [i.id for i in adjustments.list_adjustments(divided, CITY_ADMIN)] == [info.id]
    assert adjustments.list_adjustments(divided, OTHER_COUNTY) == []
    assert adjustments.changes(divided, COUNTY_ADMIN, info.id)
    with pytest.raises(PermissionDenied, match=r"海城区管理员.*侨港\(450503103000\)网格调整申请的权限") as refused:
        adjustments.changes(divided, OTHER_COUNTY, info.id)
    assert refused.value.article == "Art. 15"
    with pytest.raises(NotFound, match=f"#{info.id + 1}"):
        adjustments.changes(divided, COUNTY_ADMIN, info.id + 1)
    assert adjustments.list_adjustments(divided, CITY_ADMIN, under="450502") == []  # scope and place together
    assert adjustments.list_adjustments(divided, OTHER_COUNTY, under=COUNTY) == []


def test_only_the_township_proposes_and_other_bodies_may_not_draw_grids(divided):
    with pytest.raises(LawRefusal, match="应由侨港镇提出"):
        propose(divided, actor=COUNTY_ADMIN)
    department = Actor("sl_liaison", "水利局联络员", (Grant(Role.LIAISON, COUNTY, PlaceLevel.COUNTY),), department_id=3)
    with pytest.raises(LawRefusal, match="不得在村\\(社区\\)另行划分网格"):
        propose(divided, actor=department)
    other_township = Actor("zj", "中街管理员", (Grant(Role.TOWNSHIP_ADMIN, "450502001000", PlaceLevel.TOWNSHIP),))
    with pytest.raises(PermissionDenied):
        propose(divided, actor=other_township)
    assert adjustments.list_adjustments(divided, CITY_ADMIN) == []


def test_bad_proposals_are_refused_like_imports(divided):
    overlapping = division(2, 3)
    overlapping["features"][0]["geometry"] = geojson_io.feature(BOUNDARY, {})["geometry"]
    with pytest.raises(ValidationFailed) as caught:
        propose(divided, overlapping)
    assert any("重叠" in p and "位置" in p for p in caught.value.problems)
    # A proposal imports nothing: it had said 未导入任何网格;请修正后重新导入.
    assert caught.value.message.endswith("申请未提出;请修正网格文件后重新提出") and "导入" not in caught.value.message
    elsewhere = geojson_io.collection(synthetic.grid_features("450502001003", "塘仔里", BOUNDARY, 1, 1))
    with pytest.raises(ValidationFailed, match="涉及的村") as caught:
        propose(divided, elsewhere)
    assert "不属于侨港镇" in caught.value.problems[0]
    with pytest.raises(ValidationFailed, match="调整理由"):
        adjustments.propose(divided, TOWNSHIP_ADMIN, township_code=TOWNSHIP, kind=AdjustmentKind.ADJUST,
                            reason=AdjustmentReason.OTHER, reason_text="  ", proposal=division(1, 1))
    assert adjustments.list_adjustments(divided, CITY_ADMIN) == []


def test_a_proposal_that_changes_nothing_is_refused(divided, tmp_path, capsys):
    url = divided.engine.url.render_as_string(hide_password=False)
    path = tmp_path / "qiaobei.geojson"
    assert cli_main(["--db", url, "grids", "export", str(path), "--under", VILLAGE]) == 0
    assert cli_main(["--db", url, "adjustments", "propose", str(path), "--township", "450503103",
                     "--reason", "population_movement", "--text", "人口增加"]) == 1
    assert f"侨北社区({VILLAGE})的在用网格与申请完全相同(共 4 个网格" in capsys.readouterr().err
    exported = geojson_io.read_collection(path)
    ring = exported["features"][0]["geometry"]["coordinates"][0]
    exported["features"][0]["geometry"]["coordinates"][0] = ring[::-1]  # the same shape, drawn the other way
    with pytest.raises(ValidationFailed, match="没有需要调整的内容"):
        propose(divided, exported)
    assert adjustments.list_adjustments(divided, CITY_ADMIN) == []
    exported["features"][1]["properties"]["residents"] += 40  # a real change goes through
    info = propose(divided, exported)
    assert info.state is AdjustmentState.PROPOSED and info.grid_count == 4
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    with divided.session() as session:
        changed = session.scalar(select(Grid.residents).join(Place).where(Place.code == f"{VILLAGE}002"))
    assert changed == exported["features"][1]["properties"]["residents"]


def test_second_pending_proposal_for_the_same_village_is_refused(divided):
    first = propose(divided)
    with pytest.raises(InvalidTransition, match=f"待县级审核的调整申请 #{first.id}"):
        propose(divided, division(1, 3), retire=(f"{VILLAGE}004",))
    adjustments.reject(divided, COUNTY_ADMIN, first.id, comment="重新划分")
    assert propose(divided, division(1, 3), retire=(f"{VILLAGE}004",)).state is AdjustmentState.PROPOSED
    with divided.session() as session:  # the audit says which grids the proposal retires
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "adjustments.propose")
                                .order_by(AuditEntry.id.desc())).first()
    assert f"撤销 {VILLAGE}004" in entry.message


def test_retire_all_grids_of_a_village_by_naming_it(divided):
    info = adjustments.propose(divided, TOWNSHIP_ADMIN, township_code=TOWNSHIP, kind=AdjustmentKind.RETIRE,
                               reason=AdjustmentReason.VILLAGE_RESCALED, reason_text="侨北社区撤并",
                               proposal=geojson_io.collection([]),
                               retire=tuple(f"{VILLAGE}{n:03d}" for n in range(1, 5)))
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    assert live_grids(divided) == {}
    with divided.session() as session:
        assert session.scalar(select(GridAdjustmentStep.comment).where(
            GridAdjustmentStep.to_state == AdjustmentState.PROPOSED)) == "侨北社区撤并"


def test_importing_again_over_retired_grids_says_they_are_live_again(divided, system, tmp_path):
    """A village whose grids were all retired may be divided anew; a file reusing their codes brings the old grids
    back, history and all (Art. 6). The audit had said "导入网格 0 个" and counted them nowhere; it, the result and
    the command now name them."""
    codes = tuple(f"{VILLAGE}{n:03d}" for n in range(1, 5))
    info = adjustments.propose(divided, TOWNSHIP_ADMIN, township_code=TOWNSHIP, kind=AdjustmentKind.RETIRE,
                               reason=AdjustmentReason.VILLAGE_RESCALED, reason_text="侨北社区撤并",
                               proposal=geojson_io.collection([]), retire=codes)
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    path = tmp_path / "grids.geojson"
    path.write_text(json.dumps(division(2, 3), ensure_ascii=False), encoding="utf-8")
    url = divided.engine.url.render_as_string(hide_password=False)
    out = io.StringIO()
    assert cli_main(["--db", url, "grids", "import", str(path), "--dry-run"], out=out) == 0
    assert f"其中 4 个是已撤销的网格,将按原代码重新启用(历史保留,Art. 6):{'、'.join(codes)}" in out.getvalue()
    result = grids.import_grids(divided, system, division(2, 3))
    assert result.grids == 6 and result.revived == codes
    assert set(live_grids(divided)) == {*codes, f"{VILLAGE}005", f"{VILLAGE}006"}
    with divided.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "grids.import")
                                .order_by(AuditEntry.id.desc())).first()
    assert entry.message.startswith(f"导入网格 6 个(其中重新启用已撤销的网格 4 个:{'、'.join(codes)})")
    assert entry.detail["created"] == 2 and entry.detail["revived"] == list(codes)


def bare(collection: dict) -> dict:
    """The features with only code, name and shape, as a hand-drawn file has them."""
    return geojson_io.collection([{**f, "properties": {key: f["properties"][key] for key in ("code", "name")}}
                                  for f in collection["features"]])


def grid_row(db, code: str) -> tuple:
    with db.session() as session:
        return session.execute(select(Grid.households, Grid.residents, Grid.status).join(Place)
                               .where(Place.code == code)).one()


def test_a_property_not_given_is_unchanged(divided):
    proposal = bare(division(2, 2))
    proposal["features"][1]["properties"]["name"] = "侨北新村网格"
    proposal["features"][2]["properties"]["households"] = 0  # given explicitly: it changes
    info = propose(divided, proposal)
    by_code = {change.code: change for change in adjustments.changes(divided, CITY_ADMIN, info.id)}
    assert by_code[f"{VILLAGE}001"].kind is adjustments.GridChangeKind.UNCHANGED
    # A name given without a short name gives the short name too (grids import --help): the review says so.
    assert by_code[f"{VILLAGE}002"].fields == (("name", "侨北第2网格", "侨北新村网格"),
                                               ("short_name", "侨北第2网格", "侨北新村网格"))
    assert by_code[f"{VILLAGE}003"].fields == (("households", 300, 0),)
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    assert grid_row(divided, f"{VILLAGE}001") == (300, 900, GridStatus.ACTIVE)
    assert grid_row(divided, f"{VILLAGE}002") == (300, 900, GridStatus.ACTIVE)
    assert grid_row(divided, f"{VILLAGE}003") == (0, 900, GridStatus.ACTIVE)


def test_a_proposal_changing_only_a_short_name_shows_it_to_the_county_and_the_city(divided):
    """The short name is what the tree, the queue and the roster show: the county approved such a proposal
    reading every grid 不变."""
    proposal = division(2, 2)
    proposal["features"][0]["properties"]["short_name"] = "侨北一格"
    info = propose(divided, proposal)
    first = f"{VILLAGE}001"

    def shown():
        return {c.code: (c.kind, c.fields) for c in adjustments.changes(divided, CITY_ADMIN, info.id) if c.code == first}

    expected = {first: (adjustments.GridChangeKind.CHANGED, (("short_name", "侨北第1网格", "侨北一格"),))}
    assert shown() == expected
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    assert shown() == expected  # the city filer reads it from the version the approval closed


def test_approval_versions_only_the_grids_it_changes(divided):
    proposal = bare(division(2, 2))
    proposal["features"][1]["properties"]["name"] = "侨北新村网格"
    info = propose(divided, proposal)
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    assert len(grids.grid_history(divided, TOWNSHIP_ADMIN, f"{VILLAGE}002")) == 2
    for code in (f"{VILLAGE}001", f"{VILLAGE}003", f"{VILLAGE}004"):  # named in the file, unchanged
        assert [v.adjustment_id for v in grids.grid_history(divided, TOWNSHIP_ADMIN, code)] == [None], code
    kinds = {change.code: change.kind for change in adjustments.changes(divided, CITY_ADMIN, info.id)}
    assert kinds == {f"{VILLAGE}001": adjustments.GridChangeKind.UNCHANGED,
                     f"{VILLAGE}002": adjustments.GridChangeKind.CHANGED,
                     f"{VILLAGE}003": adjustments.GridChangeKind.UNCHANGED,
                     f"{VILLAGE}004": adjustments.GridChangeKind.UNCHANGED}
    with divided.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "adjustments.approve")).one()
    assert "新增 0、变更 1、撤销 0" in entry.message


def vessel_group(code: str, name: str) -> dict:
    """A vessel-group grid with no polygon and no roster: what `places.create_grid` makes of the same."""
    return geojson_io.feature(None, {"code": code, "name": name, "kind": "sea", "category": "vessel_group"})


def kinds_after_approval(db, adjustment_id: int) -> dict[str, adjustments.GridChangeKind]:
    return {change.code: change.kind for change in adjustments.changes(db, CITY_ADMIN, adjustment_id)}


FLEET = f"{VILLAGE}201"
VESSELS = [{"name": "桂北渔01", "registration_no": "桂北渔2025001", "skipper": "陈大海", "phone": "13807792001"},
           {"name": "桂北渔02", "registration_no": "桂北渔2025002", "skipper": "林小河", "phone": "13807792002"}]
AUDITOR = Actor("bh_audit", "北海市审计员", (Grant(Role.AUDITOR, CITY, PlaceLevel.CITY),))


@pytest.fixture
def fleet(divided):
    """侨北社区's grids and a vessel group of two vessels; the proposal of a new skipper and phone for the first."""
    proposal = division(2, 2)
    proposal["features"].append(geojson_io.feature(None, {**vessel_group(FLEET, "侨北渔船一组")["properties"],
                                                          "vessels": VESSELS}))
    adjustments.approve(divided, COUNTY_ADMIN, propose(divided, proposal).id)
    proposal["features"][-1]["properties"]["vessels"] = [
        {**VESSELS[0], "skipper": "陈小海", "phone": "13907793001"}, VESSELS[1]]
    return propose(divided, proposal)


def test_a_proposal_changing_a_skipper_under_the_same_registration_shows_it_to_the_county(divided, fleet):
    """The review compared registration numbers only and read 不变, while the approval replaced the roster."""
    [change] = [c for c in adjustments.changes(divided, COUNTY_ADMIN, fleet.id) if c.code == FLEET]
    assert change.kind is adjustments.GridChangeKind.CHANGED and change.fields == ()
    assert [vessel.fields for vessel in change.vessels] == [(("skipper", "陈大海", "陈小海"),
                                                           ("phone", "13807792001", "13907793001"))]
    assert vessel_text(change.vessels[0]) == "船只 桂北渔2025001:船长 陈大海 → 陈小海,电话 13807792001 → 13907793001"
    adjustments.approve(divided, COUNTY_ADMIN, fleet.id)  # the city filer: the old roster is not kept, its change is
    [filed] = [c for c in adjustments.changes(divided, CITY_ADMIN, fleet.id) if c.code == FLEET]
    assert (filed.kind, filed.fields) == (adjustments.GridChangeKind.CHANGED, (("vessels", None, 2),))


@pytest.mark.law("Art. 15")
def test_a_roster_change_hides_skippers_and_phones_from_whom_may_not_view_them_and_still_says_they_changed(
        divided, fleet):
    """Skippers' names and phones are left out of the grid export for one without the sensitive-data grant; the
    review had shown the names, and a phone changed in its middle digits read alike on both sides once masked."""
    [change] = [c for c in adjustments.changes(divided, AUDITOR, fleet.id) if c.code == FLEET]
    assert change.vessels[0].fields == (("skipper", "***", "***"), ("phone", "***", "***"))
    assert vessel_text(change.vessels[0]) == "船只 桂北渔2025001:船长 已变更,电话 已变更"
    assert "陈" not in vessel_text(change.vessels[0]) and "2001" not in vessel_text(change.vessels[0])


def test_a_roster_change_names_each_vessel_added_or_taken_off(divided, fleet):
    adjustments.reject(divided, COUNTY_ADMIN, fleet.id, comment="重新提出")
    proposal = division(2, 2)
    proposal["features"].append(geojson_io.feature(None, {"code": FLEET, "name": "侨北渔船一组", "vessels": [
        VESSELS[0], {**VESSELS[1], "registration_no": "桂北渔2025003"}]}))
    [change] = [c for c in adjustments.changes(divided, COUNTY_ADMIN, propose(divided, proposal).id) if c.code == FLEET]
    assert change.kind is adjustments.GridChangeKind.CHANGED and change.fields == ()  # as many vessels as before
    assert [vessel_text(vessel) for vessel in change.vessels] == [
        "移出船只 桂北渔2025002(桂北渔02)", "新增船只 桂北渔2025003(桂北渔02):船长 林小河,电话 13807792002"]


def test_approval_records_the_grids_it_kept_whenever_they_were_made(divided, system):
    """A grid another path made between proposal and approval, as the proposal has it, was kept by the
    approval, not made by it; and no desk's clock moves a grid across the proposal's time."""
    made_meanwhile, made_by_approval = f"{VILLAGE}201", f"{VILLAGE}202"
    proposal = division(2, 2)
    proposal["features"] += [vessel_group(made_meanwhile, "侨北渔船一组"), vessel_group(made_by_approval, "侨北渔船二组")]
    info = propose(divided, proposal)
    places.create_grid(divided, system, village_code=VILLAGE, code=made_meanwhile, name="侨北渔船一组",
                       kind=GridKind.SEA, sea_category=SeaCategory.VESSEL_GROUP)
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    unchanged, new = adjustments.GridChangeKind.UNCHANGED, adjustments.GridChangeKind.NEW
    expected = {**{f"{VILLAGE}{n:03d}": unchanged for n in range(1, 5)}, made_meanwhile: unchanged,
                made_by_approval: new}
    assert kinds_after_approval(divided, info.id) == expected
    with divided.session() as session:  # the proposing desk's clock a day fast
        step = session.scalars(select(GridAdjustmentStep).where(
            GridAdjustmentStep.adjustment_id == info.id, GridAdjustmentStep.to_state == AdjustmentState.PROPOSED)).one()
        step.at += timedelta(days=1)
        session.commit()
    assert kinds_after_approval(divided, info.id) == expected


def test_an_approval_that_recorded_nothing_it_kept_is_read_by_when_grids_were_made(divided):
    """Approvals before the record: a grid older than the proposal was kept, a younger one made."""
    made_by_approval = f"{VILLAGE}202"
    proposal = division(2, 2)
    proposal["features"].append(vessel_group(made_by_approval, "侨北渔船二组"))
    info = propose(divided, proposal)
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    with divided.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "adjustments.approve")).one()
    rewrite_audit_entry(divided, entry.id, detail=json.dumps({k: v for k, v in entry.detail.items() if k != "kept"}))
    assert kinds_after_approval(divided, info.id) == {
        **{f"{VILLAGE}{n:03d}": adjustments.GridChangeKind.UNCHANGED for n in range(1, 5)},
        made_by_approval: adjustments.GridChangeKind.NEW}


def test_a_grid_left_out_is_retired_only_when_the_proposal_says_so(divided):
    proposal = bare(division(1, 3))  # three columns: grid 004 is left out
    proposal["features"][0]["properties"]["residents"] = 950
    with pytest.raises(adjustments.GridsLeftOut, match="不会被撤销") as caught:
        propose(divided, proposal)
    assert caught.value.codes == (f"{VILLAGE}004",) and caught.value.problems == [f"侨北第4网格({VILLAGE}004)"]
    with pytest.raises(ValidationFailed, match="要撤销的网格有误"):
        propose(divided, proposal, retire=(f"{VILLAGE}001",))  # in the file: it cannot also be retired
    assert adjustments.list_adjustments(divided, CITY_ADMIN) == []
    info = propose(divided, proposal, retire=(f"{VILLAGE}004",))
    changed = adjustments.GridChangeKind.CHANGED
    expected = [(f"{VILLAGE}004", adjustments.GridChangeKind.RETIRED, []),
                (f"{VILLAGE}001", changed, [("residents", 900, 950), ("area_km2", 0.36, 0.48)]),
                (f"{VILLAGE}002", changed, [("area_km2", 0.36, 0.48)]),
                (f"{VILLAGE}003", changed, [("area_km2", 0.36, 0.48)])]

    def shown(changes):
        return [(c.code, c.kind, [(key, pytest.approx(old, rel=1e-3), pytest.approx(new, rel=1e-3))
                                  for key, old, new in c.fields]) for c in changes]

    assert shown(adjustments.changes(divided, CITY_ADMIN, info.id)) == expected
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    assert grid_row(divided, f"{VILLAGE}004")[2] is GridStatus.RETIRED
    # The city filer sees the same, now read from the versions the approval closed.
    assert shown(adjustments.changes(divided, CITY_ADMIN, info.id)) == expected


@pytest.mark.law("Art. 6")
def test_a_grid_dropped_from_the_file_is_named_not_reported_as_an_uncovered_point(divided):
    """It had said 侨北社区有 359993.3 平方米未被基础网格覆盖,位置 经度 … 纬度 …: the grid left out, unnamed."""
    proposal = division(2, 2)
    del proposal["features"][3]  # grid 004 dropped: its area is the gap
    with pytest.raises(ValidationFailed) as caught:
        propose(divided, proposal)
    [problem] = caught.value.problems
    assert f"在用网格侨北第4网格({VILLAGE}004)不在申请文件中" in problem and "写明撤销" in problem
    assert "经度" not in problem
    # Named for retirement, the grid is no longer "not in the file": its area is left to the neighbours.
    with pytest.raises(ValidationFailed) as caught:
        propose(divided, proposal, retire=(f"{VILLAGE}004",))
    [problem] = caught.value.problems
    assert f"要撤销的网格侨北第4网格({VILLAGE}004)撤销后,其范围" in problem and "让相邻网格覆盖其范围" in problem
    assert "不在申请文件中" not in problem and "Art. 6" in problem
    # A gap where no live grid lay keeps its point.
    proposal = division(2, 2)
    shrunk = shapely.from_geojson(json.dumps(proposal["features"][3]["geometry"])).buffer(-0.001)
    proposal["features"][3]["geometry"] = json.loads(shapely.to_geojson(shrunk))
    with pytest.raises(ValidationFailed) as caught:
        propose(divided, proposal)
    assert "未被基础网格覆盖" in caught.value.problems[0] and "经度" in caught.value.problems[0]


def test_approval_refuses_a_proposal_that_leaves_grids_out_unsaid(divided):
    info = propose(divided, division(1, 2), retire=(f"{VILLAGE}003", f"{VILLAGE}004"))
    with divided.session() as session:  # as stored before proposals listed what they retire
        adjustment = session.get(GridAdjustment, info.id)
        adjustment.proposal = {key: value for key, value in adjustment.proposal.items() if key != "retire"}
        session.commit()
    with pytest.raises(InvalidTransition, match=f"没有写明撤销在用网格侨北第3网格\\({VILLAGE}003\\)"):
        adjustments.approve(divided, COUNTY_ADMIN, info.id)
    assert len(live_grids(divided)) == 4


def test_last_opinion_is_the_reviewers_not_the_reason(divided):
    info = propose(divided)
    assert info.last_opinion == ""
    rejected = adjustments.reject(divided, COUNTY_ADMIN, info.id, comment="人口数据未更新")
    assert rejected.last_opinion == "人口数据未更新"


def test_cli_propose_approve_file_list(divided, tmp_path, capsys):
    url = divided.engine.url.render_as_string(hide_password=False)
    path = tmp_path / "new.geojson"
    geojson_io.write_collection(path, division(3, 1))
    assert cli_main(["--db", url, "adjustments", "propose", str(path), "--township", "450503103",
                     "--reason", "population_movement", "--text", "人口增加"]) == 1  # grid 004 left out
    assert "侨北第4网格(450503103001004)" in capsys.readouterr().err
    assert cli_main(["--db", url, "adjustments", "propose", str(path), "--township", "450503103",
                     "--reason", "population_movement", "--text", "人口增加", "--retire", f"{VILLAGE}004"]) == 0
    [info] = adjustments.list_adjustments(divided, CITY_ADMIN)
    assert cli_main(["--db", url, "adjustments", "file", str(info.id)]) == 1
    assert cli_main(["--db", url, "adjustments", "approve", str(info.id), "--comment", "同意"]) == 0
    assert cli_main(["--db", url, "adjustments", "file", str(info.id)]) == 0
    assert cli_main(["--db", url, "adjustments", "list", "--under", "450503"]) == 0
    out = capsys.readouterr().out
    assert "等待县(区)审核" in out and "市级已备案" in out and "人口增加" in out and out.endswith("共 1 件申请\n")
    assert len(live_grids(divided)) == 3


# ------------------------------------------------------------------ staff and open cases of a retired grid


SE_POINT = synthetic.divide(BOUNDARY, 2, 2)[3].centroid  # in grid 004; in 002 once four grids become two


@pytest.fixture
def staffed(divided, system):
    """Grid 004 with its head and a member and three open cases (located, without a point, escalated
    without a point); grid 001 with a head of its own."""
    from datetime import date

    from desktop.models.enums import Channel, MatterCategory, StaffRole, StaffSource
    from desktop.services import staff_admin
    from desktop.services.cases import intake, onspot_escalation

    for grid, role, source, name, phone in (
            ("004", StaffRole.GRID_HEAD, StaffSource.HIRED, "张海", "13807791001"),
            ("004", StaffRole.GRID_MEMBER, StaffSource.VOLUNTEER, "李渔", "13807791002"),
            ("001", StaffRole.GRID_HEAD, StaffSource.HIRED, "王港", "13807791003")):
        staff_admin.add_grid_staff(divided, system, grid_code=f"{VILLAGE}{grid}", role=role, source=source,
                                   start_on=date(2025, 1, 1), name=name, phone=phone)

    def take_in(title, point=None):
        return intake.take_in(divided, system, channel=Channel.HOTLINE_12345, title=title, description="路灯不亮",
                              category=MatterCategory.DISPUTE, township_code=TOWNSHIP,
                              lon=point.x if point else None, lat=point.y if point else None).case

    located = take_in("定位的诉求", SE_POINT)
    assert located.grid_id is not None
    cases = {"located": located.number}
    for key in ("unlocated", "escalated"):
        case = take_in(f"{key}诉求")
        case = intake.route_to_grid(divided, system, case_id=case.id, grid_code=f"{VILLAGE}004",
                                    expected_version=case.version)
        if key == "escalated":
            case = onspot_escalation.escalate(divided, system, case_id=case.id, reason="需区级协调",
                                              expected_version=case.version)
        cases[key] = case.number
    return cases


def four_become_two(db):
    return propose(db, division(1, 2), retire=(f"{VILLAGE}003", f"{VILLAGE}004"))


def case_row(db, number):
    from desktop.models import Case

    with db.session() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        grid = session.get(Place, case.grid_id).code if case.grid_id else None
        return grid, case.state, case.level


def test_proposal_and_review_name_the_staff_and_open_cases_of_each_grid_retired(divided, staffed, tmp_path, capsys):
    with pytest.raises(adjustments.GridsLeftOut) as caught:  # the retire confirmation is told them too
        propose(divided, division(1, 2))
    assert [str(grid) for grid in caught.value.retiring] == [
        f"侨北第3网格({VILLAGE}003):无任职人员;未办结案件 0 件",
        f"侨北第4网格({VILLAGE}004):网格长 张海、网格员 李渔;未办结案件 3 件"]
    info = four_become_two(divided)
    third, fourth = adjustments.retiring(divided, COUNTY_ADMIN, info.id)
    assert (third.code, third.staff, third.open_cases) == (f"{VILLAGE}003", (), ())
    assert [(s.name, s.role.label) for s in fourth.staff] == [("张海", "网格长"), ("李渔", "网格员")]
    assert sorted(fourth.open_cases) == sorted(staffed.values())
    with pytest.raises(PermissionDenied, match="Art. 15"):
        adjustments.retiring(divided, OTHER_COUNTY, info.id)
    with divided.session() as session:  # the proposal's audit entry names them
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "adjustments.propose")
                                .order_by(AuditEntry.id.desc())).first()
    assert any("网格长 张海" in line for line in entry.detail["retiring"])
    url = divided.engine.url.render_as_string(hide_password=False)
    assert cli_main(["--db", url, "adjustments", "show", str(info.id)]) == 0
    out = capsys.readouterr().out
    assert f"侨北第4网格({VILLAGE}004):网格长 张海、网格员 李渔;未办结案件 3 件" in out
    assert "同意后,人员于同意当日离任" in out and "撤销" in out
    path = tmp_path / "two.geojson"
    geojson_io.write_collection(path, division(1, 2))
    adjustments.reject(divided, COUNTY_ADMIN, info.id, comment="重新划分")
    assert cli_main(["--db", url, "adjustments", "propose", str(path), "--township", "450503103",
                     "--reason", "population_movement", "--text", "合并网格",
                     "--retire", f"{VILLAGE}003", "--retire", f"{VILLAGE}004"]) == 0
    assert f"侨北第4网格({VILLAGE}004):网格长 张海、网格员 李渔;未办结案件 3 件" in capsys.readouterr().out


def test_approval_ends_the_appointments_on_a_retired_grid_and_moves_its_open_cases(divided, staffed, capsys):
    from desktop.models import CaseEvent, GridStaffRole
    from desktop.models.enums import CaseState, HandlingLevel
    from desktop.services import integrity
    from desktop.services.cases import intake
    from desktop.services.clock import beijing_today

    info = four_become_two(divided)
    url = divided.engine.url.render_as_string(hide_password=False)
    assert cli_main(["--db", url, "adjustments", "approve", str(info.id)]) == 0
    out = capsys.readouterr().out
    assert "人员已于同意当日离任" in out and f"侨北第4网格({VILLAGE}004):网格长 张海、网格员 李渔" in out
    with divided.session() as session:
        ends = dict(session.execute(select(Place.code, GridStaffRole.end_on)
                                    .join(GridStaffRole, GridStaffRole.grid_id == Place.id)).all())
        events = {number: (message, detail) for number, message, detail in session.execute(
            select(Case.number, CaseEvent.message, CaseEvent.detail).join(Case, Case.id == CaseEvent.case_id)
            .where(CaseEvent.kind == "regridded"))}
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "adjustments.approve")).one()
    assert ends == {f"{VILLAGE}004": beijing_today(), f"{VILLAGE}001": None}  # 001 kept: its head serves on
    # The located case follows its point into the new layout; the timeline says from where, why and by which.
    assert case_row(divided, staffed["located"]) == (f"{VILLAGE}002", CaseState.REGISTERED, HandlingLevel.TOWNSHIP)
    message, detail = events[staffed["located"]]
    assert f"侨北第4网格({VILLAGE}004)随网格调整申请 #{info.id} 撤销" in message and f"({VILLAGE}002)" in message
    assert message.endswith("(Art. 6)") and detail["article"] == "Art. 6" and detail["adjustment"] == info.id
    # Without a point: back on the township's triage list, to be given a grid by hand.
    assert case_row(divided, staffed["unlocated"]) == (None, CaseState.RECEIVED, HandlingLevel.TOWNSHIP)
    assert "待分拨清单" in events[staffed["unlocated"]][0]
    triage = [c.number for c in intake.triage_list(divided, COUNTY_ADMIN, TOWNSHIP)]
    assert triage == [staffed["unlocated"]]
    # Further on: it stays with whoever handles it, off the grid.
    assert case_row(divided, staffed["escalated"]) == (None, CaseState.ESCALATED, HandlingLevel.COUNTY)
    assert "继续办理" in events[staffed["escalated"]][0]
    assert "离任 2 人" in entry.message and entry.detail["ended_staff"] == [
        f"{VILLAGE}004 网格长 张海", f"{VILLAGE}004 网格员 李渔"]
    assert sorted(entry.detail["regridded"]) == [f"{staffed['located']}: {VILLAGE}004 → {VILLAGE}002"]
    # What the approval settled stays readable for the city's filing.
    [_, fourth] = adjustments.retiring(divided, CITY_ADMIN, info.id)
    assert [s.name for s in fourth.staff] == ["张海", "李渔"] and sorted(fourth.open_cases) == sorted(staffed.values())
    assert integrity.check(divided) == []


def test_check_finds_staff_and_open_cases_left_on_a_retired_grid(divided, staffed, capsys):
    """As a database approved before the approval settled them holds them."""
    from sqlalchemy import update

    from desktop.models import Case, GridStaffRole

    info = four_become_two(divided)
    adjustments.approve(divided, COUNTY_ADMIN, info.id)
    with divided.session() as session:
        fourth = session.scalar(select(Place.id).where(Place.code == f"{VILLAGE}004"))
        session.execute(update(GridStaffRole).where(GridStaffRole.grid_id == fourth).values(end_on=None))
        session.execute(update(Case).where(Case.number == staffed["located"]).values(grid_id=fourth))
        session.commit()
        head = session.scalar(select(GridStaffRole.id).where(GridStaffRole.grid_id == fourth)
                              .order_by(GridStaffRole.id))
    url = divided.engine.url.render_as_string(hide_password=False)
    assert cli_main(["--db", url, "check", "--township", TOWNSHIP]) == 1
    out = capsys.readouterr().out
    assert f"grid_staff_roles {head}: 张海 仍任已撤销网格 侨北第4网格({VILLAGE}004)的网格长" in out
    assert "请在人员窗口为 张海 办理离任或调整到其他网格(Art. 6、Art. 10)" in out
    assert f"cases {staffed['located']}: 未办结案件仍在已撤销网格 侨北第4网格({VILLAGE}004)上" in out
    assert "检查通过" not in out


# ------------------------------------------------------------------ the dialogs (qtbot)


@pytest.fixture
def desk(qtbot, divided, monkeypatch):
    """A stand-in for the main window as feature modules see it; message boxes recorded."""
    from PySide6.QtWidgets import QWidget

    from desktop.tasks import SyncTaskRunner
    from desktop.views import dialogs
    from desktop.views.bus import Bus

    window = QWidget()
    qtbot.addWidget(window)
    window.db, window.tasks, window.bus = divided, SyncTaskRunner(), Bus(window)
    window.actor, window.place = TOWNSHIP_ADMIN, VILLAGE
    window.current_place_code = lambda: window.place
    window.messages = []
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: window.messages.append(text))
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: window.messages.append(
        text + (details or "")))
    return window


def test_proposal_dialog_proposes_and_reports_bad_files(desk, tmp_path):
    from desktop.views.adjustments.proposal_dialog import ProposalDialog, township_of

    assert township_of(VILLAGE) == TOWNSHIP and township_of(COUNTY) is None
    good, bad = tmp_path / "good.geojson", tmp_path / "bad.geojson"
    geojson_io.write_collection(good, division(2, 3))
    overlapping = division(2, 3)
    overlapping["features"][1]["geometry"] = overlapping["features"][0]["geometry"]
    geojson_io.write_collection(bad, overlapping)
    dialog = ProposalDialog(desk, township_of(desk.current_place_code()))
    dialog.text.setPlainText("新建安置小区")
    dialog.file.setText(str(bad))
    dialog.submit()
    assert "重叠" in desk.messages[-1] and dialog.result_info is None and dialog.buttons.isEnabled()
    dialog.file.setText(str(good))
    dialog.submit()
    assert dialog.result_info is not None, desk.messages
    assert dialog.result_info.grid_count == 6 and "等待县(区)审核" in desk.messages[-1]
    assert dialog.result_info.reason is AdjustmentReason.VILLAGE_RESCALED  # the first reason offered


def test_proposal_dialog_counts_the_grids_added_changed_and_retired_as_the_review_does(desk, tmp_path, monkeypatch):
    """It had said 已提出申请 #1(4 个网格), counting the grids the file holds as they are as well."""
    from desktop.views import dialogs
    from desktop.views.adjustments.proposal_dialog import ProposalDialog

    proposal = division(1, 3)  # grid 004 left out, retired; grids 001-003 reshaped
    proposal["features"].append(vessel_group(FLEET, "侨北渔船一组"))
    path = tmp_path / "three.geojson"
    geojson_io.write_collection(path, proposal)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: True)
    dialog = ProposalDialog(desk, TOWNSHIP)
    dialog.text.setPlainText("侨北社区人口流动变化较大")
    dialog.file.setText(str(path))
    dialog.submit()
    assert desk.messages[-1].startswith(f"已提出申请 #{dialog.result_info.id}:新增 1 个、变更 3 个、撤销 1 个网格"
                                        "(另有 0 个不变),等待县(区)审核"), desk.messages
    adjustments.approve(desk.db, COUNTY_ADMIN, dialog.result_info.id)
    kept = division(1, 3)
    kept["features"][0]["properties"]["residents"] = 950
    geojson_io.write_collection(path, kept)
    dialog = ProposalDialog(desk, TOWNSHIP)
    dialog.text.setPlainText("侨北第1网格人口增加")
    dialog.file.setText(str(path))
    dialog.submit()  # the vessel group left out: retired
    assert desk.messages[-1].startswith(f"已提出申请 #{dialog.result_info.id}:新增 0 个、变更 1 个、撤销 1 个网格"
                                        "(另有 2 个不变)"), desk.messages


def test_proposal_dialog_names_the_township_and_shows_what_the_file_holds_uncut(desk):
    """It had said 乡镇(街道)代码 450503103000, and cut the file's placeholder at "(GeoJS…" at its own width."""
    from desktop.views.adjustments.proposal_dialog import ProposalDialog

    dialog = ProposalDialog(desk, TOWNSHIP)
    assert dialog.heading.text().startswith(f"侨港镇({TOWNSHIP})的网格划分调整")
    field = dialog.file
    assert "已有网格未写的属性保持不变" in field.placeholderText()
    assert field.minimumWidth() > field.fontMetrics().horizontalAdvance(field.placeholderText())
    dialog.show()
    assert field.width() >= field.minimumWidth()


def test_review_dialog_approves_then_files(desk):
    from desktop.views.adjustments.review_dialog import ReviewDialog

    info = propose(desk.db)
    desk.actor, desk.place = COUNTY_ADMIN, COUNTY
    dialog = ReviewDialog(desk, desk.current_place_code())
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 6).text() == "待县级审核"
    assert not dialog.action_buttons["同意"].isEnabled()  # nothing selected yet
    dialog.table.selectRow(0)
    assert dialog.action_buttons["同意"].isEnabled() and not dialog.action_buttons["备案"].isEnabled()
    dialog.comment.setText("同意调整")
    dialog.action_buttons["同意"].click()
    assert adjustments.list_adjustments(desk.db, CITY_ADMIN)[0].state is AdjustmentState.APPROVED
    assert len(live_grids(desk.db)) == 6
    assert not dialog.action_buttons["备案"].isEnabled()  # the county may not file (Art. 6)
    with pytest.raises(PermissionDenied):  # nor through the service
        adjustments.file(desk.db, COUNTY_ADMIN, info.id)
    desk.actor = CITY_ADMIN
    dialog = ReviewDialog(desk, desk.current_place_code())
    dialog.table.selectRow(0)
    assert not dialog.action_buttons["同意"].isEnabled() and dialog.action_buttons["备案"].isEnabled()
    dialog.action_buttons["备案"].click()
    assert dialog.table.item(0, 6).text() == "市级已备案" and info.id == dialog.items[0].id


def test_review_dialog_says_why_a_step_is_greyed(desk):
    """A township admin saw 同意/不同意/备案 greyed and nothing saying why."""
    from desktop.views.adjustments.review_dialog import ReviewDialog

    info = propose(desk.db)
    dialog = ReviewDialog(desk, TOWNSHIP)  # as the township admin who proposed it
    dialog.table.selectRow(0)
    buttons = dialog.action_buttons
    assert not any(button.isEnabled() for button in buttons.values())
    assert "由县(区)网格化服务管理机构审核" in buttons["同意"].toolTip() and "Art. 6" in buttons["不同意"].toolTip()
    assert "报市网格化服务管理机构备案" in buttons["备案"].toolTip()
    desk.actor = COUNTY_ADMIN
    dialog = ReviewDialog(desk, COUNTY)
    assert "请先在上方列表中选择" in buttons_tip(dialog, "同意")
    dialog.table.selectRow(0)
    assert dialog.action_buttons["同意"].isEnabled() and dialog.action_buttons["同意"].toolTip() == ""
    adjustments.reject(desk.db, COUNTY_ADMIN, info.id, comment="边界有误")
    dialog.reload()
    dialog.table.selectRow(0)
    assert f"申请 #{info.id} 当前为“县级不同意”" in buttons_tip(dialog, "同意")


def buttons_tip(dialog, text: str) -> str:
    assert not dialog.action_buttons[text].isEnabled()
    return dialog.action_buttons[text].toolTip()


def test_review_dialog_explains_an_empty_list_for_the_users_role(desk):
    from desktop.views.adjustments.review_dialog import ReviewDialog

    dialog = ReviewDialog(desk, TOWNSHIP)
    assert not dialog.empty_note.isHidden() and "本乡镇(街道)提出的" in dialog.empty_note.text()
    desk.actor = COUNTY_ADMIN
    assert "由您审核" in ReviewDialog(desk, COUNTY).empty_note.text()
    desk.actor = CITY_ADMIN
    assert "由您备案" in ReviewDialog(desk, CITY).empty_note.text()
    propose(desk.db)
    assert ReviewDialog(desk, CITY).empty_note.isHidden()


def test_review_dialog_shows_when_and_by_whom_it_was_proposed_and_its_states_date(desk):
    from desktop.services.clock import BEIJING
    from desktop.views.adjustments.review_dialog import ReviewDialog

    info = propose(desk.db)
    adjustments.approve(desk.db, COUNTY_ADMIN, info.id)
    dialog = ReviewDialog(desk, CITY)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    row = {header: dialog.table.item(0, c).text() for c, header in enumerate(headers)}
    steps = adjustments.list_adjustments(desk.db, CITY_ADMIN)[0].steps
    assert row["提出人"] == "侨港镇管理员" and row["状态"] == "县级已同意"
    assert row["提出时间"] == steps[0].at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    assert row["状态日期"] == steps[-1].at.astimezone(BEIJING).strftime("%Y-%m-%d")


def test_review_dialog_shows_each_grids_change_and_the_reviewers_opinion(desk, tmp_path, monkeypatch):
    from desktop.views import dialogs
    from desktop.views.adjustments.proposal_dialog import ProposalDialog
    from desktop.views.adjustments.review_dialog import ReviewDialog

    proposal = bare(division(1, 3))  # grid 004 left out; base data not given
    proposal["features"][0]["properties"]["residents"] = 950
    path = tmp_path / "bare.geojson"
    geojson_io.write_collection(path, proposal)
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text) or True)
    dialog = ProposalDialog(desk, TOWNSHIP)
    dialog.text.setPlainText("侨北社区人口流动变化较大")
    dialog.file.setText(str(path))
    dialog.submit()
    assert f"侨北第4网格({VILLAGE}004)" in asked[0] and dialog.result_info is not None, desk.messages

    desk.actor, desk.place = COUNTY_ADMIN, COUNTY
    review = ReviewDialog(desk, desk.current_place_code())
    assert review.table.item(0, 10).text() == ""  # no opinion yet: not the applicant's reason
    review.table.selectRow(0)
    rows = {review.changes.item(r, 0).text(): (review.changes.item(r, 1).text(), review.changes.item(r, 2).text())
            for r in range(review.changes.rowCount())}
    assert review.changes.item(0, 0).text() == f"侨北第4网格({VILLAGE}004)" and rows[review.changes.item(0, 0).text()][0] == "撤销"
    assert rows[f"侨北第1网格({VILLAGE}001)"] == ("变更", "人口 900 → 950;边界(面积 km²) 0.3600 → 0.4800")
    assert "撤销:侨北第4网格" in review.summary.text() and "撤销 1 个" in review.summary.text()
    review.comment.setText("同意,撤销第4网格")
    review.action_buttons["同意"].click()
    assert review.table.item(0, 10).text() == "同意,撤销第4网格"
    assert grid_row(desk.db, f"{VILLAGE}002") == (300, 900, GridStatus.ACTIVE)  # base data kept
    desk.actor = CITY_ADMIN
    review.table.selectRow(0)  # the filer sees what the approval changed
    assert review.changes.rowCount() == 4 and review.changes.item(0, 1).text() == "撤销"


def test_review_dialog_shows_a_short_name_changed(desk):
    from desktop.views.adjustments.review_dialog import ReviewDialog

    proposal = division(2, 2)
    proposal["features"][0]["properties"]["short_name"] = "侨北一格"
    propose(desk.db, proposal)
    desk.actor, desk.place = COUNTY_ADMIN, COUNTY
    review = ReviewDialog(desk, desk.current_place_code())
    review.table.selectRow(0)
    assert (review.changes.item(0, 1).text(), review.changes.item(0, 2).text()) == ("变更", "简称 侨北第1网格 → 侨北一格")
    assert review.summary.text().startswith("新增 0 个、变更 1 个")


@pytest.mark.law("Art. 15")
def test_review_dialog_shows_a_skipper_changed_and_masks_phones_to_whom_may_not_view_them(desk, fleet):
    from desktop.views.adjustments.review_dialog import ReviewDialog

    desk.place = COUNTY
    for actor, contacts in ((COUNTY_ADMIN, "船长 陈大海 → 陈小海,电话 13807792001 → 13907793001"),
                            (AUDITOR, "船长 已变更,电话 已变更")):
        desk.actor = actor
        review = ReviewDialog(desk, desk.current_place_code())
        review.table.selectRow(0)
        rows = {review.changes.item(r, 0).text(): (review.changes.item(r, 1).text(), review.changes.item(r, 2).text())
                for r in range(review.changes.rowCount())}
        assert rows[f"侨北渔船一组({FLEET})"] == ("变更", f"船只 桂北渔2025001:{contacts}")
        assert review.summary.text().startswith("新增 0 个、变更 1 个")


def test_review_dialog_ignores_changes_arriving_for_another_adjustment(desk):
    """The pool answers in any order: a late answer for a proposal no longer selected is dropped."""
    from desktop.views.adjustments.review_dialog import ReviewDialog

    propose(desk.db)
    desk.actor, desk.place = COUNTY_ADMIN, COUNTY
    review = ReviewDialog(desk, desk.current_place_code())
    review.table.selectRow(0)
    shown, summary = review.changes.rowCount(), review.summary.text()
    assert shown > 0
    review._changes_arrived(review.selected().id + 1, [])  # an answer for another adjustment
    assert (review.changes.rowCount(), review.summary.text()) == (shown, summary)


def test_dialogs_name_the_staff_and_open_cases_of_each_grid_retired(desk, staffed, tmp_path, monkeypatch):
    from desktop.views import dialogs
    from desktop.views.adjustments.proposal_dialog import ProposalDialog
    from desktop.views.adjustments.review_dialog import ReviewDialog

    path = tmp_path / "two.geojson"
    geojson_io.write_collection(path, division(1, 2))  # grids 003 and 004 left out
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text) or True)
    dialog = ProposalDialog(desk, TOWNSHIP)
    dialog.text.setPlainText("两个网格人口减少,并入相邻网格")
    dialog.file.setText(str(path))
    dialog.submit()
    fourth = f"侨北第4网格({VILLAGE}004):网格长 张海、网格员 李渔;未办结案件 3 件"
    assert fourth in asked[0] and f"侨北第3网格({VILLAGE}003):无任职人员;未办结案件 0 件" in asked[0]
    assert "同意后,撤销网格的人员于同意当日离任" in asked[0]
    assert dialog.result_info is not None and fourth in desk.messages[-1], desk.messages

    desk.actor, desk.place = COUNTY_ADMIN, COUNTY
    review = ReviewDialog(desk, desk.current_place_code())
    review.table.selectRow(0)
    assert fourth in review.staff_and_cases.text() and "同意后" in review.staff_and_cases.text()
    review._retiring_arrived(review.selected().id + 1, [])  # a late answer for another adjustment is dropped
    assert fourth in review.staff_and_cases.text()
    review.action_buttons["同意"].click()
    review.table.selectRow(0)
    assert fourth in review.staff_and_cases.text() and "已于同意当日为撤销网格的人员办理离任" in review.staff_and_cases.text()
    assert case_row(desk.db, staffed["located"])[0] == f"{VILLAGE}002"
