"""Open311 GeoReport v2: service list, export, import, round trip, and malformed files."""

import json
from datetime import datetime

import pytest
from sqlalchemy import func, select, update

import exchange_world as world
from desktop.errors import Conflict, PermissionDenied, ValidationFailed
from desktop.models import Assignment, AuditEntry, Case, CaseEvent, Place
from desktop.models.enums import AssignmentState, CaseState, Channel, Role
from desktop.services import users
from desktop.services.exchange import case_import, open311
from desktop.services.clock import BEIJING
from desktop.services.queue import QueueFilter


@pytest.fixture
def world_db(db, system):
    world.build(db, system)
    return db


def _request(n: int, **overrides) -> dict:
    record = {
        "service_request_id": f"EXT-{n:04d}", "status": "open", "service_code": "C09-001",
        "description": f"侨北路第 {n} 盏路灯不亮", "requested_datetime": "2026-03-02T09:30:00+08:00",
        "expected_datetime": "2026-03-09T00:00:00+08:00", "address": "侨北路", "lat": 21.415, "long": 109.105,
    }
    record.update(overrides)
    return record


def _write(tmp_path, records, name="requests.json") -> object:
    path = tmp_path / name
    path.write_text("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n", encoding="utf-8")
    return path


def _case_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Case))


def test_service_list_comes_from_the_matter_list_in_force(world_db):
    services = open311.service_list(world_db, world.QIAOGANG)
    assert [s["service_code"] for s in services] == ["C09-001", "C10-002"]
    lamp = services[0]
    assert lamp["service_name"] == "路灯损坏报修" and lamp["group"] == "民生公共服务"
    assert lamp["metadata"] is False and lamp["type"] == "realtime"


def test_export_maps_states_and_keeps_ours_in_the_extension(world_db, system):
    world.add_case(world_db, "450503103-2025-000001", state=CaseState.DISPATCHED, lead=True)
    world.add_case(world_db, "450503103-2025-000002", state=CaseState.CLOSED, grid=world.QIAOBEI + "002")
    records = {r["service_request_id"]: r for r in open311.export_requests(world_db, system)}
    dispatched, closed = records["450503103-2025-000001"], records["450503103-2025-000002"]
    assert dispatched["status"] == "open" and dispatched["status_notes"] == "已派遣"
    assert dispatched["griddesk"]["state"] == "dispatched" and dispatched["griddesk"]["grid_code"] == world.QIAOBEI + "001"
    assert dispatched["griddesk"]["urgent"] is False and dispatched["griddesk"]["supervision"] == "none"
    assert dispatched["agency_responsible"] == "侨港镇城管中队"
    assert dispatched["requested_datetime"] == "2026-03-02T09:30:00+08:00"
    assert dispatched["expected_datetime"] == "2026-03-09T09:30:00+08:00"
    assert dispatched["service_code"] == "C09-001" and dispatched["media_url"] == ""
    assert closed["status"] == "closed" and closed["status_notes"] == "已修复"
    assert closed["lat"] == pytest.approx(21.415) and closed["long"] == pytest.approx(109.115)


def test_a_request_waiting_on_the_centers_review_is_expected_by_its_leads_deadline(world_db, system):
    """A case whose lead has fed back keeps no running deadline (deadlines.sync_case_due): its expected_datetime
    had gone empty. It is the lead's deadline, met or missed."""
    reported = world.add_case(world_db, "450503103-2025-000003", state=CaseState.REPORTED, lead=True)
    with world_db.session() as session:
        session.execute(update(Case).where(Case.id == reported).values(due_at=None))
        session.execute(update(Assignment).where(Assignment.case_id == reported).values(state=AssignmentState.REPORTED))
        session.commit()
    [record] = open311.export_requests(world_db, system)
    assert record["status"] == "open" and record["expected_datetime"] == "2026-03-09T09:30:00+08:00"


def test_a_closed_request_without_a_grid_is_not_counted_as_waiting_on_the_triage_list(world_db, system, tmp_path):
    path = _write(tmp_path, [_request(1, lat=None, long=None, status="closed", status_notes="已答复",
                                      updated_datetime="2026-03-04T16:20:00+08:00"),
                             _request(2, lat=None, long=None)])
    report = open311.import_file(world_db, system, path, township_code=world.QIAOGANG)
    assert (report.imported, report.received, report.unrouted, report.closed) == (2, 1, 1, 1)


def test_import_creates_received_cases_routed_to_grids_with_an_event_each(world_db, system, tmp_path):
    path = _write(tmp_path, [_request(1, status_notes="已转城管中队"),
                             _request(2, long=109.115, status="closed", status_notes="已更换灯泡",
                                      updated_datetime="2026-03-04T16:20:00+08:00"),
                             _request(3, lat=None, long=None)])
    report = open311.import_file(world_db, system, path, township_code=world.QIAOGANG)
    assert (report.imported, report.closed, report.unrouted, report.received) == (3, 1, 1, 2)
    assert report.by_township == {world.QIAOGANG: 3}
    with world_db.session() as session:
        cases = session.scalars(select(Case).order_by(Case.external_id)).all()
        assert [c.external_id for c in cases] == ["EXT-0001", "EXT-0002", "EXT-0003"]
        assert [c.state for c in cases] == [CaseState.RECEIVED, CaseState.CLOSED, CaseState.RECEIVED]
        assert all(c.channel is Channel.PLATFORM for c in cases)
        assert cases[0].grid_id != cases[1].grid_id and cases[2].grid_id is None
        assert cases[1].resolution == "已更换灯泡"
        assert cases[1].closed_at == datetime(2026, 3, 4, 16, 20, tzinfo=BEIJING)
        assert cases[0].number.startswith("450503103-")
        events = session.scalars(select(CaseEvent).where(CaseEvent.kind == "imported").order_by(CaseEvent.case_id)).all()
        assert [e.message for e in events] == ["由Open311文件导入(外部编号 EXT-0001;来源系统备注:已转城管中队)",
                                               "由Open311文件导入(外部编号 EXT-0002)", "由Open311文件导入(外部编号 EXT-0003)"]
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "cases.import")).all()
        assert len(audit) == 1 and audit[0].detail["imported"] == 3


def test_round_trip_into_a_fresh_database_gives_equivalent_requests(db, empty_db, system, tmp_path, _templates,
                                                                   backend):
    world.build(db, system)
    going_on = world.add_case(db, "450503103-2025-000001", state=CaseState.HANDLING, lead=True)
    world.add_case(db, "450503103-2025-000002", state=CaseState.CLOSED, grid=world.QIAOBEI + "002", item="C10-002")
    duplicate = world.add_case(db, "450503103-2025-000003", state=CaseState.CLOSED)
    no_item = world.add_case(db, "450503103-2025-000004", state=CaseState.REGISTERED)
    with db.session() as session:  # merged into the first (Art. 16); taken in under its category alone
        session.execute(update(Case).where(Case.id == duplicate).values(
            state=CaseState.MERGED, merged_into_id=going_on, resolution=None))
        session.execute(update(Case).where(Case.id == no_item).values(matter_item_id=None))
        session.commit()
    path = tmp_path / "out.json"
    assert open311.write_requests(db, system, path) == 4
    fresh = _templates[backend].make(True, tmp_path)
    try:
        world.build(fresh, system)
        open311.import_file(fresh, system, path)
        before = {r["service_request_id"]: r for r in open311.export_requests(db, system)}
        after = open311.export_requests(fresh, system)
        kept = ("status", "service_code", "service_name", "description", "agency_responsible", "requested_datetime",
                "updated_datetime", "expected_datetime", "address", "lat", "long")
        with fresh.session() as session:
            external = dict(session.execute(select(Case.number, Case.external_id)).all())
        for record in after:
            original = before[external[record["service_request_id"]]]
            assert {k: record[k] for k in kept} == {k: original[k] for k in kept}
            assert record["griddesk"]["grid_code"] == original["griddesk"]["grid_code"]
            assert record["griddesk"]["title"] == original["griddesk"]["title"]
            assert record["griddesk"]["external_id"] == original["service_request_id"]
            assert record["griddesk"]["closed_datetime"] == original["griddesk"]["closed_datetime"]
        assert len(after) == 4
        with db.session() as here, fresh.session() as there:
            def by_origin(session):
                return {c.external_id or c.number: c for c in session.scalars(select(Case))}
            originals, copies = by_origin(here), by_origin(there)
            for number, original in originals.items():
                copy = copies[number]
                # Closed when it was closed, not when the row last changed nor when it was imported.
                assert copy.closed_at == original.closed_at
                assert copy.state is (original.state if not original.state.is_open else CaseState.RECEIVED)
                assert copy.category is original.category and (copy.matter_item_id is None) == (
                    original.matter_item_id is None)
            merged = copies["450503103-2025-000003"]
            assert merged.merged_into_id == copies["450503103-2025-000001"].id and merged.resolution is None
        # Passed on and sent back: the cases that came from here are known again, not imported twice.
        back = tmp_path / "back.json"
        open311.write_requests(fresh, system, back)
        with pytest.raises(ValidationFailed) as caught:
            open311.import_file(db, system, back)
        assert "都是本库已有的案件(例如 450503103-2025-00000" in caught.value.problems[0]
        assert _case_count(db) == 4
    finally:
        if backend == "postgresql":
            _templates[backend].drop(fresh)
        else:
            fresh.dispose()


def test_closed_requests_without_a_time_and_duplicates_whose_case_is_missing_are_named(world_db, system, tmp_path):
    """Nothing is made up: a closing time is not taken from the import, a merge not dropped (Art. 16)."""
    merged = {"state": "merged", "merged_into": "EXT-0001"}
    path = _write(tmp_path, [
        _request(0, status="closed", status_notes="已办结"),                                  # closed, no time
        _request(1, status="closed", griddesk={"state": "merged"}, updated_datetime="2026-03-03T09:00:00+08:00"),
        _request(2, status="closed", griddesk=merged, updated_datetime="2026-03-03T09:00:00+08:00"),  # not here
        _request(3, griddesk={"merged_into": "EXT-0004", "closed_datetime": "2026-03-01T09:00:00+08:00"}),
        _request(4, griddesk={"category": "z99"}),
    ])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == [
        "第 1 项(第 2 行) 字段 updated_datetime:已办结(closed)的诉求须给出办结时间(updated_datetime);不按导入时间补记",
        "第 2 项(第 3 行) 字段 griddesk.merged_into:已合并的诉求须写明并入了哪件诉求(其编号)",
        "第 3 项(第 4 行) 字段 griddesk.merged_into:所并入的案件 EXT-0001 既不在本文件中,也不是本库案件;"
        "请连同该案件一并导出后导入,或删去这一行",
        "第 4 项(第 5 行) 字段 griddesk.closed_datetime:应在受理时间与现在之间",
        "第 4 项(第 5 行) 字段 status:已并入另一诉求的诉求应为 closed",
        '第 5 项(第 6 行) 字段 griddesk.category:"z99" 不是事项类别代码',
    ]
    assert _case_count(world_db) == 0


def test_an_unknown_or_misspelt_key_is_refused_by_name_not_lost(world_db, system, tmp_path):
    path = _write(tmp_path, [
        _request(1, adress="侨北路 8 号"),
        _request(2, griddesk={"grid_cod": world.QIAOBEI + "001"}),
        _request(3, email="li@example.cn", device_id=""),   # empty: nothing to keep
    ])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == [
        "第 1 项(第 2 行) 字段 adress:不是 Open311 诉求的字段,其内容无处保存;是否应为 address?请改为正确的字段名或删去后重新导入",
        "第 2 项(第 3 行) 字段 griddesk.grid_cod:不是 Open311 诉求的字段,其内容无处保存;是否应为 grid_code?"
        "请改为正确的字段名或删去后重新导入",
        "第 3 项(第 4 行) 字段 email:本系统只保存诉求人的姓名和电话,不保存其电子邮箱、设备号或账号;请清空该字段后重新导入",
    ]
    assert _case_count(world_db) == 0


def test_the_submitter_becomes_the_requester_and_other_standard_fields_are_kept_on_the_timeline(
        world_db, system, tmp_path):
    path = _write(tmp_path, [
        _request(1, first_name="海", last_name="李", phone="13807791234", media_url="https://example.cn/1.jpg",
                 service_name="路灯", agency_responsible="城管中队", zipcode="", email=None),
        _request(2, first_name="Hai", last_name="Li"),
        _request(3, phone="138077912340000000000"),
        _request(4, phone="138****0001"),
    ])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == ["第 3 项(第 4 行) 字段 phone:有 21 个字,超过上限 20 个字;请缩短后重新导入",
                                     "第 4 项(第 5 行) 字段 phone:138****0001 是遮挡过的号码(导出这个文件的用户无权查看个人信息,"
                                     "号码中间几位已遮去,Art. 15),原号码无法还原;请由有权查看个人信息的用户重新导出后再导入,或清空这一项"]
    records = json.loads(path.read_text(encoding="utf-8"))[:2]
    assert open311.import_file(world_db, system, _write(tmp_path, records, "good.json")).imported == 2
    with world_db.session() as session:
        cases = {c.external_id: c for c in session.scalars(select(Case))}
        assert (cases["EXT-0001"].requester_name, cases["EXT-0001"].requester_phone) == ("李海", "13807791234")
        assert (cases["EXT-0002"].requester_name, cases["EXT-0002"].requester_phone) == ("Hai Li", None)
        detail = session.scalar(select(CaseEvent.detail).where(CaseEvent.case_id == cases["EXT-0001"].id))
    assert detail["source_fields"] == {"agency_responsible": "城管中队", "media_url": "https://example.cn/1.jpg"}


def test_a_request_both_open_and_closed_is_refused_naming_the_fields(world_db, system, tmp_path):
    closed_on = "2026-03-03T09:00:00+08:00"
    path = _write(tmp_path, [
        _request(1, griddesk={"state": "closed"}),                                              # open, but 已办结
        _request(2, status="closed", updated_datetime=closed_on, griddesk={"state": "handling"}),  # closed, 办理中
        _request(3, griddesk={"closed_datetime": closed_on}),                                   # open with a closing time
        _request(4, status="closed", updated_datetime=closed_on, griddesk={"state": "on_spot"}),  # agrees
        _request(5, griddesk={"state": "handling"}),                                            # agrees
    ])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == [
        "第 1 项(第 2 行) 字段 status/griddesk.state:status 为 open,griddesk.state 却是 closed(已办结),是已办结的状态;"
        "两者矛盾,请改正其中一个后重新导入",
        "第 2 项(第 3 行) 字段 status/griddesk.state:status 为 closed,griddesk.state 却是 handling(办理中),是未办结的状态;"
        "两者矛盾,请改正其中一个后重新导入",
        "第 3 项(第 4 行) 字段 griddesk.closed_datetime:status 为 open(未办结)的诉求不应有办结时间;若已办结,"
        "请把 status 改为 closed,否则请删去办结时间",
    ]
    assert _case_count(world_db) == 0


@pytest.mark.law("Art. 16")
def test_a_request_merged_into_itself_in_a_loop_or_a_chain_is_told_which(world_db, system, tmp_path):
    def merged(n, into):
        return _request(n, status="closed", griddesk={"state": "merged", "merged_into": f"EXT-{into:04d}",
                                                      "closed_datetime": "2026-03-02T10:00:00+08:00"})

    path = _write(tmp_path, [merged(1, 1), merged(2, 3), merged(3, 2), merged(4, 5), merged(5, 6), merged(6, 7),
                             _request(7)])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    field = "字段 griddesk.merged_into"
    assert caught.value.problems == [
        f"第 1 项(第 2 行) {field}:并入了它自己(EXT-0001);请改为它所重复的那件诉求的编号",
        f"第 2 项(第 3 行) {field}:所并入的 EXT-0003 在 EXT-0002 → EXT-0003 → EXT-0002 的并入环中,其中没有一件是最终办理的诉求;"
        "请把其中一件改为不并入(由它办理),其余直接并入它",
        f"第 3 项(第 4 行) {field}:所并入的 EXT-0002 在 EXT-0003 → EXT-0002 → EXT-0003 的并入环中,其中没有一件是最终办理的诉求;"
        "请把其中一件改为不并入(由它办理),其余直接并入它",
        f"第 4 项(第 5 行) {field}:所并入的 EXT-0005 本身也已并入 EXT-0006;请改为直接并入 EXT-0007",
        f"第 5 项(第 6 行) {field}:所并入的 EXT-0006 本身也已并入 EXT-0007;请改为直接并入 EXT-0007",
    ]


@pytest.mark.law("Art. 16")
def test_a_duplicate_comes_in_merged_into_the_request_of_the_file_it_was_merged_into(world_db, system, tmp_path):
    merged = {"state": "merged", "merged_into": "EXT-0002", "closed_datetime": "2026-03-02T10:00:00+08:00"}
    path = _write(tmp_path, [_request(1, status="closed", griddesk=merged), _request(2)])  # the duplicate first
    assert open311.import_file(world_db, system, path).imported == 2
    with world_db.session() as session:
        cases = {c.external_id: c for c in session.scalars(select(Case))}
        assert cases["EXT-0001"].state is CaseState.MERGED and cases["EXT-0001"].merged_into_id == cases["EXT-0002"].id
        assert cases["EXT-0001"].closed_at == datetime(2026, 3, 2, 10, tzinfo=BEIJING)
        event = session.scalar(select(CaseEvent.message).where(CaseEvent.case_id == cases["EXT-0001"].id))
        assert event == "由Open311文件导入(外部编号 EXT-0001;作为重复诉求并入 EXT-0002)"


@pytest.mark.law("Art. 16")
def _imported_as(db, case_id: int, external_id: str) -> None:
    """The case came in from another database, where it is `external_id`."""
    with db.session() as session:
        session.execute(update(Case).where(Case.id == case_id).values(channel=Channel.PLATFORM, external_id=external_id))
        session.commit()


@pytest.mark.law("Art. 16")
def test_a_duplicate_whose_case_is_a_bad_row_or_in_another_township_is_named_as_such(world_db, system, tmp_path):
    elsewhere = world.add_case(world_db, "450503103-2025-000001")
    _imported_as(world_db, elsewhere, "SRC-0001")
    with world_db.session() as session:  # a case of another township (中街街道)
        township = session.scalar(select(Place).where(Place.code == "450502001000"))
        session.execute(update(Case).where(Case.id == elsewhere).values(
            township_id=township.id, county_id=township.parent_id, village_id=None, grid_id=None))
        session.commit()
    closed = {"state": "merged", "closed_datetime": "2026-03-02T10:00:00+08:00"}
    path = _write(tmp_path, [
        _request(1, service_code="C99-999"),                                                    # bad row
        _request(2, status="closed", griddesk=closed | {"merged_into": "EXT-0001"}),
        _request(3, status="closed", griddesk=closed | {"merged_into": "SRC-0001"}),
    ])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    problems = caught.value.problems
    assert problems[1] == ("第 2 项(第 3 行) 字段 griddesk.merged_into:所并入的 EXT-0001 在本文件中,但那一行有误未能导入;"
                           "请一并改正")
    assert problems[2].startswith("第 3 项(第 4 行) 字段 griddesk.merged_into:所并入的本库案件 450503103-2025-000001 "
                                  "属于另一个乡镇(街道)")
    assert len(problems) == 3 and _case_count(world_db) == 1


@pytest.mark.law("Art. 16")
def test_a_duplicate_is_not_merged_into_a_case_here_that_merely_has_the_same_number(world_db, system, tmp_path):
    """The file's 450503103-2025-000001 is the number of its own database; ours is another request."""
    world.add_case(world_db, "450503103-2025-000001", state=CaseState.HANDLING)
    closed = {"state": "merged", "closed_datetime": "2026-03-02T10:00:00+08:00"}
    path = _write(tmp_path, [_request(1, status="closed", griddesk=closed | {"merged_into": "450503103-2025-000001"})])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == [
        "第 1 项(第 2 行) 字段 griddesk.merged_into:所并入的案件 450503103-2025-000001 不在本文件中,也不是从来源库导入本库"
        "的案件:本库案件 450503103-2025-000001 只是编号相同,是另一件诉求;请连同所并入的案件一并导出后导入,或删去这一行"]
    assert _case_count(world_db) == 1


@pytest.mark.law("Art. 16")
def test_a_duplicate_merged_into_a_case_here_is_on_that_cases_timeline(world_db, system, tmp_path):
    going_on = world.add_case(world_db, "450503103-2025-000001", state=CaseState.HANDLING, lead=True)
    _imported_as(world_db, going_on, "SRC-0001")  # imported from the file's database before
    with world_db.session() as session:
        version = session.get(Case, going_on).version
    closed = {"state": "merged", "closed_datetime": "2026-03-02T10:00:00+08:00"}
    path = _write(tmp_path, [_request(1, status="closed", griddesk=closed | {"merged_into": "SRC-0001"})])
    report = open311.import_file(world_db, system, path)
    assert (report.imported, report.merged) == (1, 1)
    with world_db.session() as session:
        duplicate = session.scalar(select(Case).where(Case.external_id == "EXT-0001"))
        assert duplicate.merged_into_id == going_on
        # Changed, as a merge at a desk changes it: a panel open on it is told who did it.
        target = session.get(Case, going_on)
        assert target.version == version + 1 and target.updated_by == system.display_name
        kinds = [(e.kind, e.to_state, e.message) for e in session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == going_on).order_by(CaseEvent.id))]
    assert kinds[-1] == ("merged_in", "handling", f"案件 {duplicate.number} 作为重复诉求并入本案(由Open311文件导入)")
    # Merged by another platform by mistake: undone here, it comes back as a request to take over.
    from desktop.services.cases import duplicates

    back = duplicates.unmerge(world_db, system, case_id=duplicate.id, reason="并非同一诉求",
                              expected_version=duplicate.version)
    assert back.state is CaseState.RECEIVED



@pytest.mark.law("Art. 16")
def test_a_duplicate_is_not_imported_into_a_case_another_desk_merges_meanwhile(world_db, system, tmp_path, monkeypatch):
    """The file was checked while the case it merges a duplicate into was open; another desk then
    merged that case into a third before the import wrote. The import is refused, saying who merged
    it when, rather than leaving a duplicate merged into a merged case, whose requester nobody tells."""
    from desktop.services.cases import duplicates

    going_on = world.add_case(world_db, "450503103-2025-000001", state=CaseState.RECEIVED)
    third = world.add_case(world_db, "450503103-2025-000002", state=CaseState.RECEIVED)
    _imported_as(world_db, going_on, "SRC-0001")
    users.add_user(world_db, system, username="qg_merger", display_name="qg_merger", password="secret-123",
                   role=Role.OPERATOR, scope_code=world.QIAOGANG)
    operator = users.actor_for(world_db, "qg_merger")
    checked = case_import._link_duplicates

    def merged_elsewhere_meanwhile(*args, **kwargs):
        planned = checked(*args, **kwargs)
        with world_db.session() as session:
            version = session.get(Case, going_on).version
        duplicates.merge(world_db, operator, case_id=going_on, into_case_id=third, expected_version=version)
        return planned

    monkeypatch.setattr(case_import, "_link_duplicates", merged_elsewhere_meanwhile)
    closed = {"state": "merged", "closed_datetime": "2026-03-02T10:00:00+08:00"}
    path = _write(tmp_path, [_request(1, status="closed", griddesk=closed | {"merged_into": "SRC-0001"})])
    with pytest.raises(Conflict, match="所并入的本库案件 450503103-2025-000001 刚被 qg_merger 于 .* 并入其他案件"):
        open311.import_file(world_db, system, path)
    with world_db.session() as session:
        assert session.scalar(select(Case).where(Case.external_id == "EXT-0001")) is None


MALFORMED = [
    ("[\n" + json.dumps(_request(0)) + ",\n{\"service_request_id\": \"X\",,}\n]", ["第 3 行", "JSON 语法错误"]),
    ('{"service_request_id": "X"}', ["第 1 行", "JSON 数组"]),
    ("[\n" + json.dumps(_request(0)) + "\n" + json.dumps(_request(1)) + "\n]", ["第 3 行", "逗号"]),
]


@pytest.mark.parametrize("text, expected", MALFORMED, ids=["bad-token", "not-an-array", "missing-comma"])
def test_bad_json_is_named_by_line_and_nothing_imported(world_db, system, tmp_path, text, expected):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path, township_code=world.QIAOGANG)
    report = str(caught.value)
    for fragment in expected:
        assert fragment in report
    assert _case_count(world_db) == 0


def test_each_bad_request_is_named_by_index_line_and_field(world_db, system, tmp_path):
    world.add_case(world_db, "450503103-2025-000009")
    with world_db.session() as session:
        session.execute(Case.__table__.update().values(external_id="EXT-0100"))
        session.commit()
    records = [
        _request(0),
        {k: v for k, v in _request(1).items() if k != "service_code"},           # missing field
        _request(2, requested_datetime="2026-03-02 09:30"),                       # no offset
        _request(3, updated_datetime="yesterday"),                                # not a date
        _request(4, lat=95.0),                                                    # latitude out of range
        _request(5, long=-181),                                                   # longitude out of range
        _request(6, service_code="C99-999"),                                      # not on the list
        _request(0),                                                              # duplicate in the file
        _request(100),                                                            # imported before
        _request(9, lat=None, long=None),                                         # no place, no --township
        _request(10, lat=0, long=0),                                              # "unknown" written as 0, 0
        _request(11, phone="不详"),                                               # no number to call
    ]
    path = _write(tmp_path, records)
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    problems = caught.value.problems
    expected = [
        ("第 2 项(第 3 行)", "service_code", "缺少"), ("第 3 项(第 4 行)", "requested_datetime", "时区"),
        ("第 4 项(第 5 行)", "updated_datetime", "ISO 8601"), ("第 5 项(第 6 行)", "lat", "超出范围"),
        ("第 6 项(第 7 行)", "long", "超出范围"), ("第 7 项(第 8 行)", "service_code", f"C99-999 不是 侨港({world.QIAOGANG}) 现行事项清单中的事项编码"
                                         f"(现行事项见“事项清单”面板,或 griddesk-admin matters in-force --place {world.QIAOGANG})"),
        ("第 8 项(第 9 行)", "service_request_id", "第 1 项(第 2 行)重复"),
        ("第 9 项(第 10 行)", "service_request_id", "EXT-0100 已导入为本库案件 450503103-2025-000009"),
        ("第 10 项(第 11 行)", "lat/long", "--township"),
        ("第 11 项(第 12 行)", "lat/long", "(0.0, 0.0) 远在北海市及北部湾海域以外"),
        ("第 12 项(第 13 行)", "phone", "“不详”不是有效的电话号码"),
    ]
    for where, field, words in expected:
        assert any(where in p and field in p and words in p for p in problems), (where, field, problems)
    assert len(problems) == len(expected)
    assert _case_count(world_db) == 1  # only the case made above


def test_a_code_many_requests_share_is_told_once_naming_them(world_db, system, tmp_path):
    """Requests of another matter list: the same code on four requests is one line naming them, three are
    told one by one."""
    codes = ["C99-999", "C99-999", "C99-998", "C99-999", "C99-998", "C99-998", "C99-999", "C09-001"]
    path = _write(tmp_path, [_request(n, service_code=code) for n, code in enumerate(codes)])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)

    def not_in_force(code):
        return (f"{code} 不是 侨港({world.QIAOGANG}) 现行事项清单中的事项编码(现行事项见“事项清单”面板,"
                f"或 griddesk-admin matters in-force --place {world.QIAOGANG})")
    assert caught.value.problems == [
        f"第 1–2、4、7 项等 4 项 字段 service_code:{not_in_force('C99-999')}",
        *(f"第 {n} 项(第 {n + 1} 行) 字段 service_code:{not_in_force('C99-998')}" for n in (3, 5, 6))]
    assert _case_count(world_db) == 0


@pytest.mark.parametrize("text, said", [
    ('[{"service_request_id": "X",}]', "第 1 行第 29 列:第 1 项 JSON 语法错误:此处应为双引号括起的字段名(可能多了逗号,或字段名未加双引号)"),
    ('[{"service_request_id": "X}]', "第 1 行第 25 列:第 1 项 JSON 语法错误:引号未闭合"),
    ('[{"service_request_id" "X"}]', "第 1 行第 24 列:第 1 项 JSON 语法错误:字段名之后应为冒号 :"),
])
def test_a_json_syntax_error_is_said_in_chinese_at_its_line_and_column(world_db, system, tmp_path, text, said):
    """Not the json module's English (Expecting property name enclosed in double quotes)."""
    path = tmp_path / "requests.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == [f"JSON:{said}"]


@pytest.mark.parametrize("content", ["", " \n"])
def test_an_empty_file_is_told_empty(world_db, system, tmp_path, content):
    path = tmp_path / "requests.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == ["文件:文件是空的,没有可导入的诉求(应为 JSON 数组 [ {…}, {…} ])"]


def test_a_day_that_does_not_exist_is_told_so_not_as_a_time_without_offset(world_db, system, tmp_path):
    path = _write(tmp_path, [_request(1, requested_datetime="2026-02-30T09:30:00+08:00"),
                             _request(2, updated_datetime="2026-03-02T09:30:00")])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == [
        '第 1 项(第 2 行) 字段 requested_datetime:"2026-02-30T09:30:00+08:00" 中没有这一天或这一时刻(月、日或时、分超出范围),'
        '请检查日期',
        '第 2 项(第 3 行) 字段 updated_datetime:"2026-03-02T09:30:00" 不是带时区的 ISO 8601 时间(如 2026-03-01T09:30:00+08:00)']


def test_a_file_imported_twice_is_refused_row_by_row_and_adds_nothing(world_db, system, tmp_path):
    path = _write(tmp_path, [_request(1), _request(2), _request(3, lat=None, long=None)])
    open311.import_file(world_db, system, path, township_code=world.QIAOGANG)
    with world_db.session() as session:
        numbers = dict(session.execute(select(Case.external_id, Case.number)).all())
    again = _write(tmp_path, [_request(1), _request(2), _request(3, lat=None, long=None), _request(4)], "again.json")
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, again, township_code=world.QIAOGANG)
    assert "整个文件未导入" in caught.value.message
    assert caught.value.problems == [
        f"第 {n} 项(第 {n + 1} 行) 字段 service_request_id:编号 EXT-000{n} 已导入为本库案件 "
        f"{numbers[f'EXT-000{n}']};这个文件可能已经导入过,请删去已导入的行后再导入"
        for n in (1, 2, 3)
    ]
    # The very same file: one sentence, not a line per row.
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path, township_code=world.QIAOGANG)
    assert caught.value.problems == [f"文件:文件中的 3 件诉求都已导入过本库(例如编号 EXT-0001 即本库案件 "
                                     f"{numbers['EXT-0001']}),这个文件已经导入过,没有新的诉求可导入"]
    assert _case_count(world_db) == 3


@pytest.mark.law("Art. 15")
def test_a_file_imported_twice_with_masked_phones_says_so_first_and_tells_the_phones_once(world_db, system, tmp_path):
    open311.import_file(world_db, system, _write(tmp_path, [_request(n) for n in range(1, 6)]))
    masked = _write(tmp_path, [_request(n, phone=f"138****000{n}") for n in range(1, 6)], "masked.json")
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, masked)
    first, phones = caught.value.problems
    assert first.startswith("文件:文件中的 5 件诉求都已导入过本库(例如编号 EXT-0001 即本库案件 ")
    assert phones.startswith("第 1–5 项等 5 项 字段 phone:是遮挡过的号码(这个文件导出时号码已遮挡:") and "Art. 15" in phones
    assert _case_count(world_db) == 5


def test_our_own_export_imported_back_is_refused_naming_each_case(world_db, system, tmp_path):
    world.add_case(world_db, "450503103-2025-000001")
    world.add_case(world_db, "450503103-2025-000002", state=CaseState.CLOSED, grid=world.QIAOBEI + "002")
    path = tmp_path / "out.json"
    open311.write_requests(world_db, system, path)
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    [whole] = caught.value.problems
    assert whole.startswith("文件:文件中的 2 件诉求都是本库已有的案件(例如 450503103-2025-00000")
    assert whole.endswith("这个文件多半导出自本库,没有新的诉求可导入")
    records = json.loads(path.read_text(encoding="utf-8")) + [_request(5)]  # one new request among them
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, _write(tmp_path, records, "mixed.json"))
    problems = caught.value.problems
    assert len(problems) == 2
    for number in ("450503103-2025-000001", "450503103-2025-000002"):
        assert any(f"字段 service_request_id:编号 {number} 与本库已有案件 {number} 的编号和受理时间都相同" in p and "删去这一行" in p
                   for p in problems), (number, problems)
    assert _case_count(world_db) == 2


def test_an_id_imported_before_is_named_by_the_case_it_became_even_if_a_number_reads_the_same(
        world_db, system, tmp_path):
    """Two databases of one township number alike: a file of the other's cases, imported here twice."""
    world.add_case(world_db, "450503103-2025-000001")
    with world_db.session() as session:
        session.execute(Case.__table__.update().values(number="450503103-2025-000009",
                                                       external_id="450503103-2025-000001"))
        session.commit()
    world.add_case(world_db, "450503103-2025-000001")  # our own case of that number
    path = _write(tmp_path, [_request(0, service_request_id="450503103-2025-000001"), _request(1)])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == [
        "第 1 项(第 2 行) 字段 service_request_id:编号 450503103-2025-000001 已导入为本库案件 450503103-2025-000009;"
        "这个文件可能已经导入过,请删去已导入的行后再导入"]


def test_another_databases_request_whose_id_reads_like_one_of_our_numbers_is_imported(world_db, system, tmp_path):
    """Two databases of one township number their cases alike: the other's first case, received at
    another moment than ours of that number, is a new case here, kept under its own id."""
    world.add_case(world_db, "450503103-2025-000001")
    path = _write(tmp_path, [_request(0, service_request_id="450503103-2025-000001",
                                      requested_datetime="2026-03-05T14:00:00+08:00")])
    assert open311.import_file(world_db, system, path).imported == 1
    with world_db.session() as session:
        imported = session.scalar(select(Case).where(Case.external_id == "450503103-2025-000001"))
        assert imported.number != "450503103-2025-000001"
    with pytest.raises(ValidationFailed, match="都已导入过本库"):  # and only once
        open311.import_file(world_db, system, path)


@pytest.mark.law("Art. 15")
def test_import_needs_the_exchange_permission_in_the_township(world_db, system, tmp_path):
    users.add_user(world_db, system, username="hc_op", display_name="海城值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code="450502001000")
    stranger = users.actor_for(world_db, "hc_op")
    with pytest.raises(PermissionDenied, match="数据导入导出"):
        open311.import_file(world_db, stranger, _write(tmp_path, [_request(1)]))
    assert _case_count(world_db) == 0


def _another_townships_case(db, external_id: str) -> str:
    """A case of 中街街道 that came in from another database as `external_id`; its number."""
    case_id = world.add_case(db, "450502001-2025-000007")
    _imported_as(db, case_id, external_id)
    with db.session() as session:
        township = session.scalar(select(Place).where(Place.code == "450502001000"))
        session.execute(update(Case).where(Case.id == case_id).values(
            township_id=township.id, county_id=township.parent_id, village_id=None, grid_id=None))
        session.commit()
    return "450502001-2025-000007"


def _qiaogang_operator(db, system):
    users.add_user(db, system, username="qg_op", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code=world.QIAOGANG)
    return users.actor_for(db, "qg_op")


@pytest.mark.law("Art. 15")
def test_rows_going_to_a_township_the_importer_may_not_import_into_are_refused_on_record_before_anything_is_told(
        world_db, system, tmp_path):
    number = _another_townships_case(world_db, "SRC-0001")
    operator = _qiaogang_operator(world_db, system)
    path = _write(tmp_path, [_request(1), _request(2, service_request_id="SRC-0001", lat=None, long=None)])
    with pytest.raises(PermissionDenied) as caught:
        open311.import_file(world_db, operator, path, township_code="450502001000")
    said = caught.value.message
    assert "第 2 项(第 3 行)归入 中街(450502001000)" in said and "数据导入导出" in said and "Art. 15" in said
    assert number not in said and "已导入" not in said
    with world_db.session() as session:
        refusal = session.scalar(select(AuditEntry).where(AuditEntry.action == "cases.import")
                                 .order_by(AuditEntry.id.desc()))
    assert refusal.outcome.name == "DENIED" and refusal.message == said and refusal.place_code == "450502001000"
    assert _case_count(world_db) == 1


@pytest.mark.law("Art. 15")
def test_an_id_of_another_townships_case_is_refused_without_its_number(world_db, system, tmp_path):
    number = _another_townships_case(world_db, "SRC-0001")
    operator = _qiaogang_operator(world_db, system)
    closed = {"state": "merged", "closed_datetime": "2026-03-02T10:00:00+08:00"}
    path = _write(tmp_path, [_request(1, service_request_id="SRC-0001"),
                             _request(2, griddesk={"external_id": "SRC-0001"})])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, operator, path)
    problems = caught.value.problems
    assert problems[0] == ("第 1 项(第 2 行) 字段 service_request_id:编号 SRC-0001 在本库已被使用,不能再导入为新案件"
                           "(所在案件不属于你可导入的乡镇(街道),不予显示(Art. 15));请核实编号,或删去这一行后再导入")
    assert problems[1].startswith("第 2 项(第 3 行) 字段 griddesk.external_id:编号 SRC-0001 在本库已被使用")
    merged = _write(tmp_path, [_request(3, status="closed", griddesk=closed | {"merged_into": "SRC-0001"}),
                               _request(4, status="closed", griddesk=closed | {"merged_into": number})], "merged.json")
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, operator, merged)
    problems += caught.value.problems
    assert problems[2].startswith("第 1 项(第 2 行) 字段 griddesk.merged_into:所并入的 SRC-0001 在本库已被使用")
    assert problems[3].startswith(f"第 2 项(第 3 行) 字段 griddesk.merged_into:所并入的案件 {number} 不在本文件中,"
                                  "也不是从来源库导入本库的案件;")
    assert len(problems) == 4 and not any(number in p for p in problems[:3])
    assert "中街" not in " ".join(problems) and "另一个乡镇" not in " ".join(problems)
    # The whole file already here, as another township's: told row by row, no case named.
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, operator, _write(tmp_path, [_request(1, service_request_id="SRC-0001")], "b.json"))
    assert caught.value.problems[0].startswith("第 1 项(第 2 行) 字段 service_request_id:编号 SRC-0001 在本库已被使用")
    # One who may import there is told which case it is.
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert f"编号 SRC-0001 即本库案件 {number}" in caught.value.problems[0]
    assert _case_count(world_db) == 1


def test_export_is_scoped_to_the_filter(world_db, system):
    world.add_case(world_db, "450503103-2025-000001")
    world.add_case(world_db, "450503103-2025-000002", grid=world.QIAOBEI + "002")
    only = open311.export_requests(world_db, system, QueueFilter(under=world.QIAOBEI + "002", states=frozenset()))
    assert [r["service_request_id"] for r in only] == ["450503103-2025-000002"]


def test_imported_cases_are_numbered_in_the_year_they_were_received(world_db, system, tmp_path):
    path = _write(tmp_path, [_request(1, requested_datetime="2025-12-31T23:30:00+08:00"),
                             _request(2, requested_datetime="2025-12-31T16:30:00Z"),  # 2026-01-01 00:30 in Beijing
                             _request(3)])
    report = open311.import_file(world_db, system, path)
    with world_db.session() as session:
        numbers = dict(session.execute(select(Case.external_id, Case.number)).all())
    assert numbers == {"EXT-0001": "450503103-2025-000001", "EXT-0002": "450503103-2026-000001",
                       "EXT-0003": "450503103-2026-000002"}
    assert report.by_township == {world.QIAOGANG: 3}


def test_imported_times_compare_equal_in_sql_with_times_written_by_the_orm(world_db, system, tmp_path):
    """The bulk writer stores times exactly as the ORM does, so filters and sorts treat both alike."""
    world.add_case(world_db, "450503103-2025-000001", received=world.T0)
    open311.import_file(world_db, system, _write(tmp_path, [_request(1, requested_datetime=world.T0.isoformat())]))
    with world_db.session() as session:
        same_time = session.scalars(select(Case.number).where(Case.received_at == world.T0)).all()
        events = session.scalars(select(CaseEvent).where(CaseEvent.kind == "imported")).all()
    assert len(same_time) == 2
    assert events[0].detail == {"source": "Open311", "source_state": None} and events[0].to_state == "received"


def test_progress_says_when_sqlite_builds_the_indexes_again(world_db, system, tmp_path):
    """A large import into a small table builds the table's indexes after its rows (bulk): the desk had read
    写入案件 100% for the seconds that takes over a million rows; it now says which indexes are being built."""
    if world_db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL writes through the indexes")
    seen = []
    open311.import_file(world_db, system, _write(tmp_path, [_request(n) for n in range(30)]),
                        progress=lambda done, total, what: seen.append((done, total, what)))
    phases = [what for _, _, what in seen]
    cases = [(done, total) for done, total, what in seen if what == "整理案件索引"]
    assert phases.index("写入案件") < phases.index("整理案件索引") < phases.index("写入办理记录") < phases.index("整理办理记录索引")
    assert cases[0][0] == 0 and cases[-1][0] == cases[-1][1] > 1  # from the first index to the last of several


def test_progress_is_reported_and_a_cancel_writes_nothing(world_db, system, tmp_path):
    path = _write(tmp_path, [_request(n) for n in range(30)])
    seen = []

    class Cancelled(Exception):
        pass

    def progress(done, total, what):
        seen.append((done, total, what))
        if what == "写入办理记录":
            raise Cancelled()  # after the cases were written, before the commit

    with pytest.raises(Cancelled):
        open311.import_file(world_db, system, path, progress=progress)
    assert ("检查" in {w for _, _, w in seen}) and (30, 30, "写入案件") in seen
    assert _case_count(world_db) == 0
    with world_db.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "cases.import")) == 0
    assert open311.import_file(world_db, system, path).imported == 30  # and the numbers were not used up
    with world_db.session() as session:
        assert session.scalar(select(func.min(Case.number))) == "450503103-2026-000001"


def test_a_cancelled_open311_export_leaves_no_file(world_db, system, tmp_path):
    world.add_case(world_db, "450503103-2025-000001")

    def cancel(done, total, what):
        raise KeyboardInterrupt  # anything the progress raises stops the export

    (tmp_path / "out").mkdir()
    with pytest.raises(KeyboardInterrupt):
        open311.write_requests(world_db, system, tmp_path / "out" / "requests.json", progress=cancel)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_duplicate_the_checks_missed_is_a_conflict_and_nothing_is_written(world_db, system, tmp_path, monkeypatch):
    """Two desktops importing one file at once: both pass the lookup, the unique index refuses the second."""
    path = _write(tmp_path, [_request(1), _request(2)])
    open311.import_file(world_db, system, path)
    monkeypatch.setattr(case_import, "_existing_cases", lambda session, ids: {})
    with pytest.raises(Conflict, match=r"^这个文件中的诉求刚刚已由另一个导入\(本机或其他值班台\)写入本库,本文件未导入"):
        open311.import_file(world_db, system, path)  # not the database's "UNIQUE constraint failed"
    assert _case_count(world_db) == 2


def test_times_no_request_can_carry_are_named_and_nothing_imported(world_db, system, tmp_path):
    """A year 2099 or 1900, a deadline before the request, an update after now, the year 9999 at
    UTC−12 (past what the conversion to UTC holds) — each named, none numbered in its year."""
    records = [
        _request(0),
        _request(1, requested_datetime="2099-11-01T20:47:00+08:00"),
        _request(2, requested_datetime="1900-01-01T00:00:00+08:00"),
        _request(3, expected_datetime="2020-01-01T00:00:00+08:00"),
        _request(4, updated_datetime="2099-01-01T00:00:00+08:00"),
        _request(5, requested_datetime="9999-12-31T23:59:00-12:00"),
        _request(6, expected_datetime="9999-12-31T23:59:00-12:00"),
    ]
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, _write(tmp_path, records))
    problems = caught.value.problems
    assert [p.split(":")[0] for p in problems] == [
        "第 2 项(第 3 行) 字段 requested_datetime", "第 3 项(第 4 行) 字段 requested_datetime",
        "第 4 项(第 5 行) 字段 expected_datetime", "第 5 项(第 6 行) 字段 updated_datetime",
        "第 6 项(第 7 行) 字段 requested_datetime", "第 7 项(第 8 行) 字段 expected_datetime"]
    assert "晚于现在" in problems[0] and "早于 2000 年" in problems[1] and "之后一年以内" in problems[2]
    assert "与现在之间" in problems[3]
    assert _case_count(world_db) == 0


def test_texts_and_values_that_cannot_be_kept_as_they_are_are_refused_by_field_not_changed(world_db, system, tmp_path):
    """Nothing is cut, cleaned or written out from another type: each such request is named with its field."""
    long_title = "侨北路" * 20  # 60 characters: a title given is kept whole, up to the column's 120
    records = [
        _request(1, **{"griddesk": {"title": long_title + "路灯"}}),
        _request(2, description="路灯\u0000不亮"),
        _request(3, description="路灯\ud800不亮"),
        _request(4, description={"text": "路灯不亮"}),
        _request(5, **{"griddesk": {"state": {"x": 1}}}),
        _request(6, lat=True),
        _request(7, service_request_id=1e20),
        _request(8, **{"griddesk": {"title": "长" * 121}}),
        _request(9, address="侨" * 201),
        _request(10, status=None),
        _request(11, lat="21_415"),
    ]
    path = tmp_path / "requests.json"
    path.write_text("[\n" + ",\n".join(json.dumps(r, ensure_ascii=True) for r in records) + "\n]\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == [
        "第 2 项(第 3 行) 字段 description:第 3 个字符是不可见的控制字符(U+0000),无法保存,请删去",
        "第 3 项(第 4 行) 字段 description:第 3 个字符是不可见的控制字符(U+D800),无法保存,请删去",
        '第 4 项(第 5 行) 字段 description:应为文本,不是 {"text": "路灯不亮"}',
        '第 5 项(第 6 行) 字段 griddesk.state:应为文本,不是 {"x": 1}',
        "第 6 项(第 7 行) 字段 lat:true 不是数字",
        "第 7 项(第 8 行) 字段 service_request_id:应为文本,不是 1e+20",
        "第 8 项(第 9 行) 字段 griddesk.title:有 121 个字,超过上限 120 个字;请缩短后重新导入",
        "第 9 项(第 10 行) 字段 address:有 201 个字,超过上限 200 个字;请缩短后重新导入",
        "第 10 项(第 11 行) 字段 status:null 应为 open 或 closed",
        '第 11 项(第 12 行) 字段 lat:"21_415" 不是数字',
    ]
    assert _case_count(world_db) == 0
    open311.import_file(world_db, system, _write(tmp_path, records[:1]))
    with world_db.session() as session:
        assert session.scalar(select(Case.title)) == long_title + "路灯"


def test_a_request_passed_on_and_back_is_named_with_the_case_it_came_from(world_db, system, tmp_path):
    world.add_case(world_db, "450503103-2025-000001")
    path = _write(tmp_path, [_request(1, griddesk={"external_id": "450503103-2025-000001"},
                                      requested_datetime="2026-03-02T09:30:00+08:00"),
                             _request(2)])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == ["第 1 项(第 2 行) 字段 griddesk.external_id:编号 EXT-0001 的诉求原编号为 "
                                     "450503103-2025-000001,即本库案件 450503103-2025-000001:它经另一个库转来又转回,"
                                     "本库已有;请删去这一行后再导入"]


@pytest.mark.parametrize("text, expected", [
    ('[{"lat": 1' + "0" * 400 + "}]", "第 1 项(第 1 行) 字段 lat:1000"),
    ('[{"lat": 1' + "0" * 5000 + "}]", "JSON:文件中有位数过多的数字(超过 4300 位)"),
    ("[" * 100_000 + "]" * 100_000, "JSON:文件中的数组或对象嵌套过深"),
], ids=["400-digit-latitude", "5000-digit-number", "deep-nesting"])
def test_numbers_too_long_to_read_and_deep_nesting_are_named_not_a_crash(world_db, system, tmp_path, text, expected):
    path = tmp_path / "requests.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert any(problem.startswith(expected) for problem in caught.value.problems), caught.value.problems
    assert _case_count(world_db) == 0


def test_a_file_not_in_utf8_is_named_by_line(world_db, system, tmp_path):
    # 路 in GBK (C2 B7) happens to be valid UTF-8 (·); 灯 (B5 C6) is not: bytes 20–21 of line 3
    path = tmp_path / "gbk.json"
    path.write_bytes(b'[\n{"service_request_id": "A",\n "description": "' + "路灯".encode("gbk") + b'"}\n]\n')
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == ["文件:不是 UTF-8 编码的 JSON:第 3 行第 20 个字节起的字节不是 UTF-8(可能是 GBK);"
                                     "请另存为 UTF-8 后重新导入"]


def test_a_field_given_twice_in_one_request_is_refused_not_decided_for(world_db, system, tmp_path):
    """JSON keeps the last of two equal keys without a word: which one the sender meant is not known."""
    first = json.dumps(_request(1), ensure_ascii=False)
    twice = first[:-1] + ', "description": "另一段描述", "griddesk": {"title": "甲", "title": "乙"}}'
    path = tmp_path / "requests.json"
    path.write_text(f"[\n{twice}\n]\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, path)
    assert caught.value.problems == [
        "第 1 项(第 2 行) 字段 description:出现了不止一次,无法确定取哪一个值;请只保留一个",
        "第 1 项(第 2 行) 字段 griddesk.title:出现了不止一次,无法确定取哪一个值;请只保留一个",
    ]


def test_a_file_naming_grids_into_a_database_without_any_says_to_import_the_grids_first(db, system, tmp_path):
    path = _write(tmp_path, [_request(n, griddesk={"grid_code": world.QIAOBEI + "001"}) for n in range(3)])
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(db, system, path)
    assert caught.value.problems == ["文件 字段 griddesk.grid_code:文件中有 3 件诉求指明了所在网格,但本库还没有在用的网格;"
                                     "请先导入网格(griddesk-admin grids import,或桌面“网格”中建立)再导入诉求"]


def test_a_feeds_post_fields_and_common_extras_come_in_and_an_unknown_key_left_empty_loses_nothing(
        world_db, system, tmp_path):
    """GeoReport v2's POST fields (jurisdiction_id, address_string, attribute) and the extras platforms
    add (token, extended_attributes) are no reason to refuse a feed: the address string is the address,
    the rest kept on the timeline. An unknown key with no value holds nothing to lose."""
    request = _request(1, jurisdiction_id="beihai.gov.cn", token="t-8f2", attribute={"WHISPER": "路灯杆编号 17"},
                       extended_attributes={"channel": "12345"}, remark=None, notes="")
    del request["address"]
    request["address_string"] = "侨港镇侨北路 17 号灯杆"
    path = _write(tmp_path, [request, {k: v for k, v in _request(2).items() if k != "status"}])
    assert open311.import_file(world_db, system, path).imported == 2
    with world_db.session() as session:
        case = session.scalar(select(Case).where(Case.external_id == "EXT-0001"))
        event = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).one()
    assert case.address == "侨港镇侨北路 17 号灯杆"
    assert event.detail["source_fields"] == {"jurisdiction_id": "beihai.gov.cn", "token": "t-8f2",
                                             "attribute": {"WHISPER": "路灯杆编号 17"},
                                             "extended_attributes": {"channel": "12345"}}
    assert '来源系统另有:' in event.message and 'attribute={"WHISPER": "路灯杆编号 17"}' in event.message


def test_a_request_without_a_status_is_told_it_was_taken_as_open(world_db, system, tmp_path):
    request = {k: v for k, v in _request(1, griddesk={"state": "closed"}).items() if k != "status"}
    with pytest.raises(ValidationFailed) as caught:
        open311.import_file(world_db, system, _write(tmp_path, [request]))
    assert caught.value.problems[0].startswith("第 1 项(第 2 行) 字段 status/griddesk.state:status 未填(按 open 即未办结),"
                                               "griddesk.state 却是 closed")
