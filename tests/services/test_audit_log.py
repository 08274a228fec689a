"""Reading the audit log (Art. 15(3)): an auditor's scope, the filters, the record of each reading, the chain check."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tampering import rewrite_audit_entry
from desktop.errors import PermissionDenied
from desktop.models import AuditEntry, utcnow
from desktop.models.enums import AuditOutcome, PlaceLevel, Role
from desktop.services import audit, audit_log, users
from desktop.services.audit_log import AuditFilter
from desktop.services.security import Actor, Grant

CITY, HAICHENG, YINHAI = "450500000000", "450502000000", "450503000000"
QIAOGANG = "450503103000"


def _auditor(code: str, level: PlaceLevel) -> Actor:
    return Actor(username=f"audit-{code}", display_name=f"{code}审计员", grants=(Grant(Role.AUDITOR, code, level),))


@pytest.fixture
def logged(db, system):
    """Entries at the city, in two counties and a township, a refused log-in (no place) and one refused action."""
    from desktop.services import audit
    from desktop.services.unit_of_work import unit_of_work

    for action, place, message in (("places.rename", HAICHENG, "海城区改名"), ("cases.dispatch", QIAOGANG, "派遣 000001"),
                                   ("cases.close", QIAOGANG, "结案 000001"), ("settings.set", CITY, "全市设置")):
        with unit_of_work(db, system, action, place_code=place) as uow:
            uow.audit(message)
    with pytest.raises(PermissionDenied):
        users.login(db, "nobody", "wrong-password")
    with db.session() as session:
        audit.append(session, Actor(username="qg_op1", display_name="侨港值班员", os_user="op1"), "cases.merge",
                     outcome=AuditOutcome.DENIED, place_code=QIAOGANG, message="无权合并")
        session.commit()
    return db


def _messages(rows) -> list[str]:
    return [row.message for row in rows]


@pytest.mark.law("Art. 15")
def test_an_auditor_reads_the_entries_of_the_places_under_their_grant_newest_first(logged):
    county = _auditor(YINHAI, PlaceLevel.COUNTY)
    rows = audit_log.entries(logged, county, AuditFilter())
    assert _messages(rows) == ["无权合并", "结案 000001", "派遣 000001"]
    assert rows[0].outcome is AuditOutcome.DENIED and rows[0].os_user == "op1"
    city = _auditor(CITY, PlaceLevel.CITY)
    every = audit_log.entries(logged, city, AuditFilter())
    assert {"海城区改名", "全市设置", "无权合并"} <= set(_messages(every))
    # A log-in has no place: the city's auditor sees it, the county's does not. A reading of the log is
    # entered where its reader may read (the county's, at the county), for the auditors over that place.
    assert [(r.action, r.target) for r in every if r.place_code is None] == [("users.login", "nobody")]
    assert [(r.action, r.place_code) for r in every if r.action == "audit.read"] == [("audit.read", YINHAI)]
    assert audit_log.count(logged, county, AuditFilter()) == 4  # its own reading now among them


@pytest.mark.law("Art. 15")
def test_the_filters_select_by_time_user_action_text_outcome_and_place(logged):
    city = _auditor(CITY, PlaceLevel.CITY)
    assert _messages(audit_log.entries(logged, city, AuditFilter(action="cases."))) == [
        "无权合并", "结案 000001", "派遣 000001"]
    assert _messages(audit_log.entries(logged, city, AuditFilter(user="op1"))) == ["无权合并"]
    assert _messages(audit_log.entries(logged, city, AuditFilter(text="000001", action="cases.d"))) == ["派遣 000001"]
    assert _messages(audit_log.entries(logged, city, AuditFilter(outcomes=frozenset({AuditOutcome.DENIED}),
                                                                 under=QIAOGANG))) == ["无权合并"]
    assert _messages(audit_log.entries(logged, city, AuditFilter(under=HAICHENG))) == ["海城区改名"]
    assert audit_log.entries(logged, city, AuditFilter(since=utcnow() + timedelta(minutes=1))) == []
    assert audit_log.entries(logged, city, AuditFilter(until=utcnow() - timedelta(days=1))) == []
    assert audit_log.entries(logged, city, AuditFilter(user="100%_")) == []  # wildcards are text
    pages = [audit_log.entries(logged, city, AuditFilter(action="cases."), offset, 2) for offset in (0, 2)]
    assert [_messages(page) for page in pages] == [["无权合并", "结案 000001"], ["派遣 000001"]]


@pytest.mark.law("Art. 15")
def test_the_action_is_found_by_its_label_too(logged):
    city = _auditor(CITY, PlaceLevel.CITY)
    assert _messages(audit_log.entries(logged, city, AuditFilter(action="派遣"))) == ["派遣 000001"]
    assert _messages(audit_log.entries(logged, city, AuditFilter(action="合并重复"))) == ["无权合并"]
    assert audit_log.count(logged, city, AuditFilter(action="合并重复")) == 1
    # The label as a desk in another language shows it: the desk names the actions it matched.
    assert _messages(audit_log.entries(logged, city, AuditFilter(action="Merge", actions=frozenset({"cases.merge"})))) \
        == ["无权合并"]


@pytest.mark.law("Art. 15")
def test_the_city_holds_the_entries_tied_to_no_place_and_each_entry_names_its_place(logged):
    city = _auditor(CITY, PlaceLevel.CITY)
    whole_city = audit_log.entries(logged, city, AuditFilter(under=CITY))
    assert ("users.login", "nobody") in [(r.action, r.target) for r in whole_city]  # as without a place
    assert len(whole_city) == audit_log.count(logged, city, AuditFilter(up_to_id=whole_city[0].id))
    assert [(r.place_code, r.place_name) for r in audit_log.entries(logged, city, AuditFilter(under=HAICHENG))] == [
        (HAICHENG, "海城")]


@pytest.mark.law("Art. 15")
def test_the_later_pages_and_the_count_of_a_query_read_the_log_as_its_first_page_did(logged, system):
    from desktop.services.unit_of_work import unit_of_work

    city = _auditor(CITY, PlaceLevel.CITY)
    first = audit_log.entries(logged, city, AuditFilter(), limit=3)  # the query's own record comes after it
    with unit_of_work(logged, system, "settings.set", place_code=CITY) as uow:
        uow.audit("又一项设置")
    as_first_read = AuditFilter(up_to_id=first[0].id)
    rows = first + audit_log.entries(logged, city, as_first_read, offset=3)
    assert len({r.id for r in rows}) == len(rows) == audit_log.count(logged, city, as_first_read)
    assert not {"又一项设置", "查阅审计日志(全部)"} & set(_messages(rows))
    # Read as the log is now, the next page would begin with rows of the first one again.
    assert audit_log.entries(logged, city, AuditFilter(), offset=3)[0].id in {r.id for r in first}


@pytest.mark.law("Art. 15")
def test_reading_the_log_is_itself_recorded_once_per_query_and_a_refusal_too(logged):
    county = _auditor(YINHAI, PlaceLevel.COUNTY)
    audit_log.entries(logged, county, AuditFilter(action="cases.", under=QIAOGANG))
    audit_log.entries(logged, county, AuditFilter(action="cases.", under=QIAOGANG), offset=2)
    with logged.session() as session:
        reads = session.scalars(select(AuditEntry).where(AuditEntry.action == "audit.read")).all()
    assert [(r.actor, r.message, r.place_code) for r in reads] == [
        (county.username, f"查阅审计日志(操作=cases.,地点={QIAOGANG})", QIAOGANG)]
    operator = Actor(username="qg_op1", display_name="侨港值班员",
                     grants=(Grant(Role.OPERATOR, QIAOGANG, PlaceLevel.TOWNSHIP),))
    for asked in (lambda: audit_log.entries(logged, operator, AuditFilter()),
                  lambda: audit_log.entries(logged, county, AuditFilter(under=HAICHENG)),
                  lambda: audit_log.check_chain(logged, operator)):
        with pytest.raises(PermissionDenied, match="审计日志只供审计员查阅"):
            asked()
    with logged.session() as session:
        refused = session.scalars(select(AuditEntry).where(AuditEntry.outcome == AuditOutcome.DENIED,
                                                           AuditEntry.action.like("audit.%"))).all()
    assert len(refused) == 3 and "海城(450502000000)的审计日志" in refused[1].message


@pytest.mark.law("Art. 15")
def test_the_chain_check_finds_an_entry_changed_behind_the_programs_back(logged):
    city = _auditor(CITY, PlaceLevel.CITY)
    checked = audit_log.check_chain(logged, city)
    assert checked.intact and checked.entries >= 6
    with logged.session() as session:
        dispatch = session.scalar(select(AuditEntry.id).where(AuditEntry.message == "派遣 000001"))
    rewrite_audit_entry(logged, dispatch, message="已篡改")
    again = audit_log.check_chain(logged, city)
    assert not again.intact and [p.problem for p in again.problems] == ["内容与哈希不符(记录被篡改)"]
    with logged.session() as session:
        last = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    assert last.action == "audit.check_chain" and "发现 1 处问题" in last.message


@pytest.mark.law("Art. 15")
def test_an_entry_moved_to_another_place_or_desk_is_found_by_the_chain_check(logged):
    """The hash had covered what was done but not where: an entry moved out of a county auditor's sight
    went unnoticed. Entries now hash every field; the version they were hashed with too."""
    city = _auditor(CITY, PlaceLevel.CITY)
    with logged.session() as session:
        merge, dispatch = (session.scalar(select(AuditEntry.id).where(AuditEntry.message == message))
                           for message in ("无权合并", "派遣 000001"))
    rewrite_audit_entry(logged, merge, place_code=HAICHENG)
    rewrite_audit_entry(logged, dispatch, desktop="another-desk", digest_version=1)  # and passed off as version 1
    problems = audit_log.check_chain(logged, city).problems
    assert [(p.entry_id, p.problem) for p in problems] == [(dispatch, audit.ALTERED), (merge, audit.ALTERED)]

