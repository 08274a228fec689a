"""Putting the Art. 21 ladder's record right: a rung's time or text, a handling marked by mistake,
a level raised — each kept on record, with its reason, and shown with the report."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, utcnow
from desktop.models.enums import EmergencyLevel, EmergencyState, EmergencyStepKind, HandlingLevel, Role
from desktop.services import emergencies, emergency_corrections, users
from desktop.services.security import Actor
from test_emergencies import QIAOGANG, _by_level, _first_reports_made, _report, _steps

HOUR = timedelta(hours=1)


@pytest.fixture
def operator(db, system):
    users.add_user(db, system, username="qg_op", display_name="值班员甲", password="secret-123",
                   role=Role.OPERATOR, scope_code=QIAOGANG)
    return users.actor_for(db, "qg_op")


@pytest.fixture
def chief(db, system):
    """The shift supervisor: corrections of the ladder's record are theirs (they change the timeliness figures)."""
    users.add_user(db, system, username="qg_chief", display_name="值班长乙", password="secret-123",
                   role=Role.SUPERVISOR, scope_code=QIAOGANG)
    return users.actor_for(db, "qg_chief")


@pytest.mark.law("Art. 21")
def test_a_rung_entered_with_a_wrong_time_is_corrected_with_the_reason_kept(db, operator, chief):
    """A written report entered at 22:55 for 01:55 read as made in time; corrected, it is late, and the
    correction (before, after, why, by whom) stays with the report."""
    learned = utcnow() - 5 * HOUR
    info = _report(db, operator, learned_at=learned)
    written = _by_level(info, EmergencyStepKind.WRITTEN_FIRST)[HandlingLevel.CITY]
    info = emergencies.record_step(db, operator, written.id, "书面报市应急局", done_at=learned + 0.5 * HOUR)
    assert _by_level(info, EmergencyStepKind.WRITTEN_FIRST)[HandlingLevel.CITY].status() == "按时"
    with pytest.raises(ValidationFailed, match="更正原因"):
        emergency_corrections.correct_step(db, chief, written.id, done_at=learned + 3 * HOUR, reason=" ",
                                           expected_version=info.version)
    with pytest.raises(Conflict):
        emergency_corrections.correct_step(db, chief, written.id, done_at=learned + 3 * HOUR, reason="误录",
                                           expected_version=info.version - 1)
    info = emergency_corrections.correct_step(db, chief, written.id, done_at=learned + 3 * HOUR,
                                              reason="误录时间,应以传真回执为准", expected_version=info.version)
    corrected = _by_level(info, EmergencyStepKind.WRITTEN_FIRST)[HandlingLevel.CITY]
    assert corrected.done_at == learned + 3 * HOUR and corrected.status() == "超时"
    assert corrected.content == "书面报市应急局"
    (correction,) = info.corrections
    assert correction.by == "值班长乙"
    assert correction.message.startswith(f"更正 {info.number} 书面首报报市(误录时间,应以传真回执为准):报送时间 ")
    assert correction.message.endswith("(更正后超时)")
    with db.session() as s:
        assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc())) == "emergencies.correct_step"


@pytest.mark.law("Art. 21")
def test_a_rung_not_made_or_a_missed_round_is_not_corrected(db, operator, chief):
    learned = utcnow() - 80 * HOUR
    info = _first_reports_made(db, operator, _report(db, operator, learned_at=learned))
    county = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    with pytest.raises(InvalidTransition, match="尚未报送,无需更正"):
        emergency_corrections.correct_step(db, chief, county.id, done_at=learned, reason="误录",
                                           expected_version=info.version)
    info = emergencies.record_step(db, operator, county.id, "续报", done_at=learned + 50 * HOUR)
    missed = next(s for s in _steps(info, EmergencyStepKind.FOLLOW_UP) if s.missed_round)
    with pytest.raises(InvalidTransition, match="该轮续报为漏报.*请更正补报它的那次续报"):
        emergency_corrections.correct_step(db, chief, missed.id, done_at=learned + 30 * HOUR, reason="误录",
                                           expected_version=info.version)


@pytest.mark.law("Art. 21")
def test_correcting_the_last_follow_up_retimes_the_next_and_its_missed_rounds(db, operator, chief):
    """Entered 50 h after learning of it (one round missed), it was in fact made at 30 h: no round was
    missed, and the next one is due 24 h after 30 h. An earlier follow-up, once another followed it,
    is not corrected: the later clock ran from it."""
    learned = utcnow() - 70 * HOUR
    info = _first_reports_made(db, operator, _report(db, operator, learned_at=learned))
    county = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    info = emergencies.record_step(db, operator, county.id, "续报", done_at=learned + 50 * HOUR)
    county_rounds = lambda info: sorted(  # noqa: E731
        (s for s in _steps(info, EmergencyStepKind.FOLLOW_UP) if s.to_level is HandlingLevel.COUNTY),
        key=lambda s: s.due_at)
    assert [(s.due_at - learned, s.missed_round) for s in county_rounds(info)] == [
        (24 * HOUR, False), (48 * HOUR, True), (74 * HOUR, False)]
    info = emergency_corrections.correct_step(db, chief, county.id, done_at=learned + 30 * HOUR,
                                              reason="按通话记录更正", expected_version=info.version)
    assert [(s.due_at - learned, s.missed_round) for s in county_rounds(info)] == [
        (24 * HOUR, False), (54 * HOUR, False)]
    first, second = county_rounds(info)
    info = emergencies.record_step(db, operator, second.id, "第二次续报", done_at=learned + 55 * HOUR)
    with pytest.raises(InvalidTransition, match="之后已有续报.*只能更正报县\\(区\\)的最近一次续报"):
        emergency_corrections.correct_step(db, chief, first.id, done_at=learned + 29 * HOUR, reason="误录",
                                           expected_version=info.version)
    with pytest.raises(ValidationFailed, match="应不早于上一次续报"):
        emergency_corrections.correct_step(db, chief, second.id, done_at=learned + 29 * HOUR, reason="误录",
                                           expected_version=info.version)


def _county_first_reports(db, operator, info, phone, written):
    """The county's phone and written first reports made `phone` and `written` after learning of it."""
    for kind, after in ((EmergencyStepKind.PHONE_FIRST, phone), (EmergencyStepKind.WRITTEN_FIRST, written)):
        step = _by_level(info, kind)[HandlingLevel.COUNTY]
        info = emergencies.record_step(db, operator, step.id, "已报", done_at=info.learned_at + after)
    return info


@pytest.mark.law("Art. 21")
def test_a_follow_up_is_not_corrected_to_before_its_levels_first_reports(db, operator, chief):
    """A follow-up goes on from what its level was first told (Art. 21): corrected, as recorded, it is
    no earlier than the level's first reports."""
    learned = utcnow() - 30 * HOUR
    info = _county_first_reports(db, operator, _report(db, operator, learned_at=learned), 0.2 * HOUR, 2 * HOUR)
    county = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    info = emergencies.record_step(db, operator, county.id, "续报", done_at=learned + 25 * HOUR)
    with pytest.raises(ValidationFailed, match="续报的报送时间\\(done_at\\)应不早于书面首报\\(.*\\).*Art. 21"):
        emergency_corrections.correct_step(db, chief, county.id, done_at=learned + HOUR, reason="误录",
                                           expected_version=info.version)
    info = emergency_corrections.correct_step(db, chief, county.id, done_at=learned + 2 * HOUR, reason="按通话记录",
                                              expected_version=info.version)
    assert next(s for s in info.steps if s.id == county.id).done_at == learned + 2 * HOUR


@pytest.mark.law("Art. 21")
def test_a_first_report_is_not_corrected_to_after_its_levels_first_follow_up(db, operator, chief):
    """The county's follow-up made at 25 h went on from its written first report: that report is not
    corrected to 26 h. The city, not yet followed up, is not held to the county's follow-up."""
    learned = utcnow() - 30 * HOUR
    info = _first_reports_made(db, operator, _report(db, operator, learned_at=learned))
    county = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    info = emergencies.record_step(db, operator, county.id, "续报", done_at=learned + 25 * HOUR)
    written = _by_level(info, EmergencyStepKind.WRITTEN_FIRST)
    with pytest.raises(ValidationFailed, match="书面首报的报送时间\\(done_at\\)应不晚于报县\\(区\\)的首次续报"
                                               "\\(.*\\).*Art. 21"):
        emergency_corrections.correct_step(db, chief, written[HandlingLevel.COUNTY].id, done_at=learned + 26 * HOUR,
                                           reason="误录", expected_version=info.version)
    info = emergency_corrections.correct_step(db, chief, written[HandlingLevel.COUNTY].id, done_at=learned + 25 * HOUR,
                                              reason="按传真回执", expected_version=info.version)
    info = emergency_corrections.correct_step(db, chief, written[HandlingLevel.CITY].id, done_at=learned + 26 * HOUR,
                                              reason="按传真回执", expected_version=info.version)
    assert _by_level(info, EmergencyStepKind.WRITTEN_FIRST)[HandlingLevel.CITY].done_at == learned + 26 * HOUR


@pytest.mark.law("Art. 21")
def test_a_handling_marked_by_mistake_is_undone_and_the_follow_ups_are_owed_again(db, operator, chief):
    learned = utcnow() - 30 * HOUR
    info = _first_reports_made(db, operator, _report(db, operator, learned_at=learned))
    county = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    info = emergencies.record_step(db, operator, county.id, "续报", done_at=learned + 25 * HOUR)
    info = emergencies.mark_handled(db, operator, info.id, handled_at=learned + 26 * HOUR)

    def owed(info):
        return {s.to_level: s.due_at - learned for s in _steps(info, EmergencyStepKind.FOLLOW_UP) if s.done_at is None}

    assert owed(info) == {HandlingLevel.CITY: 24 * HOUR}  # the county's next one, due after the handling, dropped
    with pytest.raises(ValidationFailed, match="撤销处置完毕原因"):
        emergency_corrections.undo_handled(db, chief, info.id, reason="", expected_version=info.version)
    info = emergency_corrections.undo_handled(db, chief, info.id, reason="误点处置完毕,现场仍在聚集",
                                              expected_version=info.version)
    assert (info.state, info.handled_at) == (EmergencyState.OPEN, None)
    assert not _steps(info, EmergencyStepKind.FINAL)
    assert owed(info) == {HandlingLevel.COUNTY: 49 * HOUR, HandlingLevel.CITY: 24 * HOUR}
    assert "撤销" in info.corrections[-1].message and "误点处置完毕,现场仍在聚集" in info.corrections[-1].message
    with pytest.raises(InvalidTransition, match="尚未标记处置完毕"):
        emergency_corrections.undo_handled(db, chief, info.id, reason="再撤", expected_version=info.version)


@pytest.mark.law("Art. 21")
def test_a_closed_report_keeps_its_handling(db, operator, chief):
    learned = utcnow() - 3 * HOUR
    info = _report(db, operator, learned_at=learned)
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FOLLOW_UP:
            info = emergencies.record_step(db, operator, step.id, "已报", done_at=learned + 0.2 * HOUR)
    info = emergencies.mark_handled(db, operator, info.id, handled_at=learned + HOUR)
    info = emergencies.close(db, operator, info.id, "终报:已平息", done_at=learned + 2 * HOUR)
    with pytest.raises(InvalidTransition, match="已终报结束,不能撤销处置完毕"):
        emergency_corrections.undo_handled(db, chief, info.id, reason="误点", expected_version=info.version)
    written = _by_level(info, EmergencyStepKind.WRITTEN_FIRST)[HandlingLevel.CITY]
    with pytest.raises(InvalidTransition, match="已终报结束,终报依据的是这份记录,不能再更正"):
        emergency_corrections.correct_step(db, chief, written.id, done_at=learned + 0.3 * HOUR, reason="误录",
                                           expected_version=info.version)


@pytest.mark.law("Art. 21")
def test_raising_the_level_is_a_new_alarm_and_the_correction_is_listed(db, operator, chief):
    supervisor = chief
    info = emergencies.acknowledge(db, supervisor, _report(db, operator).id)
    info = emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="续报:伤者增加",
                                   level=EmergencyLevel.LEVEL_II, injuries=2)
    assert info.acknowledged_at is None and info.id in [i.id for i in emergencies.unacknowledged(db, operator)]
    (correction,) = info.corrections
    assert "级别 一般(IV级) → 重大(II级)" in correction.message and correction.message.endswith("告警待值班长重新确认")
    info = emergencies.acknowledge(db, supervisor, info.id)
    info = emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="核实后降级",
                                   level=EmergencyLevel.LEVEL_III)
    assert info.acknowledged_at is not None  # a lower level is no new alarm


@pytest.mark.law("Art. 21")
def test_an_operator_does_not_correct_the_ladders_record(db, operator):
    """It is the yardstick of timely reporting: the supervisor corrects it (Art. 15 scope, Art. 21)."""
    info = _report(db, operator)
    step = info.steps[0]
    info = emergencies.record_step(db, operator, step.id, "电话报", done_at=info.learned_at + 0.2 * HOUR)
    # The refusal names what was asked, not only the permission it needs (which reads as acknowledging an alarm).
    with pytest.raises(PermissionDenied, match="更正报送记录\\(需有更正紧急情况报送记录权限\\)"):
        emergency_corrections.correct_step(db, operator, step.id, done_at=info.learned_at + 0.4 * HOUR, reason="误录",
                                           expected_version=info.version)
    info = emergencies.mark_handled(db, operator, info.id, handled_at=info.learned_at + 0.5 * HOUR)
    with pytest.raises(PermissionDenied, match="撤销处置完毕\\(需有更正紧急情况报送记录权限\\)"):
        emergency_corrections.undo_handled(db, operator, info.id, reason="误点", expected_version=info.version)


@pytest.mark.law("Art. 21")
def test_a_follow_up_corrected_after_the_handling_owes_nothing_after_it(db, operator, chief):
    """Handled at 50 h: a follow-up made at 20 h corrected to 30 h owes no round at 54 h (after the
    handling), so the report can still be closed; corrected back to 20 h, the round due at 44 h is owed."""
    learned = utcnow() - 60 * HOUR
    info = _report(db, operator, learned_at=learned)
    for step in info.steps:
        if step.kind is not EmergencyStepKind.FOLLOW_UP:
            info = emergencies.record_step(db, operator, step.id, "已报", done_at=learned + 0.2 * HOUR)
    city = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.CITY]
    info = emergencies.record_step(db, operator, city.id, "续报", done_at=learned + 20 * HOUR)
    county = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    info = emergencies.record_step(db, operator, county.id, "续报", done_at=learned + 20 * HOUR)
    owed_next = [s for s in _steps(info, EmergencyStepKind.FOLLOW_UP) if s.done_at is None]
    info = emergencies.record_step(db, operator, owed_next[0].id, "续报", done_at=learned + 40 * HOUR)
    info = emergencies.record_step(db, operator, owed_next[1].id, "续报", done_at=learned + 40 * HOUR)
    info = emergencies.mark_handled(db, operator, info.id, handled_at=learned + 50 * HOUR)

    def county_follow_ups(info):
        return sorted(((s.due_at - learned, s.done_at is not None) for s in _steps(info, EmergencyStepKind.FOLLOW_UP)
                       if s.to_level is HandlingLevel.COUNTY))

    last = next(s for s in _steps(info, EmergencyStepKind.FOLLOW_UP)
                if s.to_level is HandlingLevel.COUNTY and s.done_at == learned + 40 * HOUR)
    info = emergency_corrections.correct_step(db, chief, last.id, done_at=learned + 30 * HOUR, reason="按通话记录",
                                              expected_version=info.version)
    assert county_follow_ups(info) == [(24 * HOUR, True), (44 * HOUR, True)]  # nothing owed at 54 h
    info = emergency_corrections.correct_step(db, chief, last.id, done_at=learned + 45 * HOUR, reason="再核",
                                              expected_version=info.version)
    assert county_follow_ups(info) == [(24 * HOUR, True), (44 * HOUR, True)]  # 69 h: after the handling
    info = emergencies.close(db, operator, info.id, "终报", done_at=learned + 55 * HOUR)
    assert info.state is EmergencyState.CLOSED


@pytest.mark.law("Art. 21")
def test_corrections_keep_the_interval_the_rounds_were_scheduled_with(db, operator, chief):
    """The ladder changed to 12-hour follow-ups since: a report's rounds, made under 24 hours, are not
    counted again at 12 (the due times already set stay; emergencies' module docstring)."""
    learned = utcnow() - 100 * HOUR
    info = _first_reports_made(db, operator, _report(db, operator, learned_at=learned))
    county = _by_level(info, EmergencyStepKind.FOLLOW_UP)[HandlingLevel.COUNTY]
    info = emergencies.record_step(db, operator, county.id, "续报", done_at=learned + 97 * HOUR)
    emergencies.configure_ladder(db, Actor.system("t"), follow_up_hours=12)

    def county_dues(info):
        return sorted((s.due_at - learned) / HOUR for s in _steps(info, EmergencyStepKind.FOLLOW_UP)
                      if s.to_level is HandlingLevel.COUNTY)

    assert county_dues(info) == [24, 48, 72, 96, 121]
    info = emergency_corrections.correct_step(db, chief, county.id, done_at=learned + 97 * HOUR, content="续报:已疏散",
                                              reason="补全报送内容", expected_version=info.version)
    assert county_dues(info) == [24, 48, 72, 96, 121]  # only the text corrected: nothing retimed
    info = emergency_corrections.correct_step(db, chief, county.id, done_at=learned + 80 * HOUR, reason="按通话记录",
                                              expected_version=info.version)
    assert county_dues(info) == [24, 48, 72, 104]


@pytest.mark.law("Art. 21")
def test_the_bulletin_tells_what_was_corrected_apart_from_what_a_follow_up_added(db, operator, chief, tmp_path):
    """The bulletin reprinted after a correction shows the corrected facts and, under 更正记录, what they were;
    what a follow-up brought (more injured) is no mistake, and is listed under a heading of its own."""
    from pdftools import assert_cjk_font_embedded, pdf_text

    from desktop.services.printing.bulletin import write_bulletin

    info = _report(db, operator)
    info = emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="续报:伤者增加",
                                   injuries=3)
    info = emergencies.amend_facts(db, operator, info.id, expected_version=info.version, reason="误录人数",
                                   people_involved=25, correction=True)
    assert [(c.supplement, c.facts) for c in info.corrections] == [(True, ("injuries",)),
                                                                   (False, ("people_involved",))]
    path = tmp_path / "bulletin.pdf"
    write_bulletin(db, chief, info.id, path)
    text = "".join(pdf_text(path, layout=False).split())
    supplemented, corrected = text.split("续报补充、更新的事实")[1].split("更正记录")
    assert "受伤1→3" in supplemented and "续报:伤者增加" in supplemented
    assert "涉及人数30→25" in corrected and "误录人数" in corrected and "受伤" not in corrected
    assert_cjk_font_embedded(path)


@pytest.mark.law("Art. 21")
@pytest.mark.law("Art. 15")
def test_an_administrator_still_corrects_the_record_though_only_the_shift_supervisor_acknowledges(db, system, operator):
    """Taking the acknowledgement from administrators had taken the ladder's corrections with it, refused as
    needing "确认紧急告警", a right no administrator holds: correcting is a right of its own (an operator's
    refusal: test_an_operator_does_not_correct_the_ladders_record)."""
    users.add_user(db, system, username="qg_admin", display_name="侨港管理员", password="secret-123",
                   role=Role.TOWNSHIP_ADMIN, scope_code=QIAOGANG)
    admin = users.actor_for(db, "qg_admin")
    learned = utcnow() - 5 * HOUR
    info = _report(db, operator, learned_at=learned)
    written = _by_level(info, EmergencyStepKind.WRITTEN_FIRST)[HandlingLevel.CITY]
    info = emergencies.record_step(db, operator, written.id, "书面报市应急局", done_at=learned + 0.5 * HOUR)
    info = emergency_corrections.correct_step(db, admin, written.id, done_at=learned + 3 * HOUR, reason="误录",
                                              expected_version=info.version)
    assert _by_level(info, EmergencyStepKind.WRITTEN_FIRST)[HandlingLevel.CITY].done_at == learned + 3 * HOUR
    assert not emergencies.may_acknowledge(admin, QIAOGANG)
