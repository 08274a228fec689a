"""Every view of a requester's whole number is on record (Art. 15; SPEC §9): the case panel's and the
callback workbench's, once a day per user and case; a masked number is not a view of it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, text

from case_world import TOWNSHIP
from desktop import migrate
from desktop.db import Database
from desktop.models import AuditEntry
from desktop.models.enums import Channel
from desktop.services.cases import callbacks, onspot_escalation, queries
from desktop.services.personal_data_views import ACTION


def _views(world) -> list[tuple[str, str, str]]:
    with world.db.session() as s:
        return [tuple(row) for row in s.execute(select(AuditEntry.actor, AuditEntry.target, AuditEntry.place_code)
                                                .where(AuditEntry.action == ACTION).order_by(AuditEntry.id))]


@pytest.mark.law("Art. 15")
def test_a_case_panel_showing_the_whole_number_is_recorded_once_a_day(world):
    case = world.new_case().case
    shown = queries.case_detail(world.db, world.supervisor, case.id)
    assert shown.requester_phone == "13807790001"
    queries.case_detail(world.db, world.supervisor, case.id)  # a reload as another desk works: no second record
    masked = queries.case_detail(world.db, world.operator, case.id)
    assert masked.requester_phone == "138****0001"  # masked: nothing to record
    assert _views(world) == [("sup_qg", f"case:{case.number}", TOWNSHIP)]
    with world.db.session() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == ACTION))
    assert entry.message == f"查看案件 {case.number} 的诉求人电话(完整号码)"


@pytest.mark.law("Art. 15")
@pytest.mark.law("Art. 20")
def test_the_callback_workbench_shows_and_records_the_number_of_the_callback_chosen_to_make_only(world):
    """The workbench had shown every requester's whole number as it opened, some thirty of them on record at
    once: the list masks them, and the callback chosen to make gives its number whole, on record."""
    case = world.new_case(channel=Channel.GRID_STAFF).case
    onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已调解",
                                      expected_version=case.version)
    listed = [c for c in callbacks.due_callbacks(world.db, world.operator) if c.case_id == case.id]
    assert [c.requester_phone for c in listed] == ["138****0001"] and _views(world) == []
    assert callbacks.numbers_to_dial(world.db, world.operator, listed[0].id).requester_phone == "13807790001"
    callbacks.numbers_to_dial(world.db, world.operator, listed[0].id)
    assert _views(world) == [("op_qg", f"case:{case.number}", TOWNSHIP)]


@pytest.mark.law("Art. 15")
@pytest.mark.law("Art. 20")
def test_the_callback_chosen_to_make_gives_and_records_the_numbers_of_its_duplicates_too(world):
    case = world.new_case(channel=Channel.GRID_STAFF).case
    duplicate = world.new_case(requester_name="黄女士", requester_phone="13907790002", duplicate_of=case.id).case
    same_caller = world.new_case(requester_phone="13807790001", duplicate_of=case.id).case  # told once, not listed
    case = queries.case_detail(world.db, world.operator, case.id).case
    onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="已调解",
                                      expected_version=case.version)
    listed = next(c for c in callbacks.due_callbacks(world.db, world.operator) if c.case_id == case.id)
    assert listed.merged_in == (("黄女士", "139****0002"),) and _views(world) == []
    assert callbacks.numbers_to_dial(world.db, world.operator, listed.id).merged_in == (("黄女士", "13907790002"),)
    assert sorted(_views(world)) == sorted([("op_qg", f"case:{case.number}", TOWNSHIP),
                                            ("op_qg", f"case:{duplicate.number}", TOWNSHIP)])
    assert f"case:{same_caller.number}" not in {target for _, target, _ in _views(world)}


def test_a_reload_showing_a_number_already_on_record_does_not_wait_for_an_upgrade(world):
    """Every reload locked the schema's revision for a write before learning that nothing was new to record:
    the case panel waited for an upgrade's whole length."""
    if world.db.is_sqlite:
        pytest.skip("the revision's lock is PostgreSQL's")
    case = world.new_case().case
    queries.case_detail(world.db, world.supervisor, case.id)
    upgrader = Database.connect(world.db.engine.url.render_as_string(hide_password=False))
    try:
        with upgrader.engine.connect() as upgrade, ThreadPoolExecutor(1) as reloads:
            # as migrate.upgrade locks it
            upgrade.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": migrate.REVISION_LOCK})
            upgrade.execute(text(migrate.REVISION_QUERY + " FOR UPDATE"))
            reload = reloads.submit(queries.case_detail, world.db, world.supervisor, case.id)
            try:
                assert reload.result(timeout=5).requester_phone == "13807790001"
            finally:
                upgrade.rollback()
    finally:
        upgrader.dispose()
    assert _views(world) == [("sup_qg", f"case:{case.number}", TOWNSHIP)]


@pytest.mark.law("Art. 15")
def test_a_view_another_desk_of_the_same_user_recorded_meanwhile_is_not_recorded_twice(world, monkeypatch):
    """Between the plain read that found the view new and the write, the user's other desk recorded it:
    the write looks again, so the log says it once."""
    from desktop.services import personal_data_views

    case = world.new_case().case
    looked = []
    not_recorded = personal_data_views._not_recorded

    def other_desk_records_after_the_first_look(session, actor, targets):
        new = not_recorded(session, actor, targets)
        looked.append(new)
        if len(looked) == 1:  # the other desk, between this one's read and its write
            assert personal_data_views.record_shown(world.db, actor, {case.number: TOWNSHIP}) == 1
        return new

    monkeypatch.setattr(personal_data_views, "_not_recorded", other_desk_records_after_the_first_look)
    assert personal_data_views.record_shown(world.db, world.supervisor, {case.number: TOWNSHIP}) == 0
    assert looked[0] == [f"case:{case.number}"] and looked[-1] == []
    assert _views(world) == [("sup_qg", f"case:{case.number}", TOWNSHIP)]
