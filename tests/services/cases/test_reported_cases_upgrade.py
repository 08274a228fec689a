"""Revision 0027: a case whose lead has fed back its result keeps no running deadline (deadlines.sync_case_due)."""

from __future__ import annotations

import pytest
from alembic import command
from case_world import TUESDAY, assignments, dispatched
from sqlalchemy import select, update

from desktop import migrate
from desktop.models import Case
from desktop.models.enums import AssignmentRole, CaseState
from desktop.services.cases import department


@pytest.mark.law("Art. 19", "Art. 20")
def test_upgrading_stops_the_clock_of_cases_waiting_on_the_centers_review_and_downgrading_restores_it(world):
    db, police = world.db, world.police
    reported = dispatched(world)
    lead_id = assignments(world, reported.id)[AssignmentRole.LEAD].id
    reported = department.sign_for(db, police, assignment_id=lead_id, expected_version=reported.version, now=TUESDAY)
    reported = department.contact_requester(db, police, assignment_id=lead_id, note="电话联系",
                                            expected_version=reported.version, now=TUESDAY)
    reported = department.report_result(db, police, assignment_id=lead_id, result="已调解",
                                        expected_version=reported.version, now=TUESDAY)
    running = dispatched(world)
    lead_due = assignments(world, reported.id)[AssignmentRole.LEAD].due_at
    with db.session() as session:  # as a version before 0027 left it: the lead's deadline still on the case
        session.execute(update(Case).where(Case.id == reported.id).values(due_at=lead_due))
        session.commit()
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0026")
    migrate.upgrade(db)
    with db.session() as session:
        due = dict(session.execute(select(Case.id, Case.due_at)).all())
    assert reported.state is CaseState.REPORTED and due[reported.id] is None
    assert due[running.id] == running.due_at is not None
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0026")
    with db.session() as session:
        assert session.scalar(select(Case.due_at).where(Case.id == reported.id)) == lead_due
    migrate.upgrade(db)
