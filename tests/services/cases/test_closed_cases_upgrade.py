"""Revision 0010: closed cases left with running shares or supervision by earlier versions are put right."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import select, update

from desktop import migrate
from desktop.models import Assignment, Case, SupervisionOrder
from desktop.models.enums import AssignmentState, Channel, SupervisionLevel
from desktop.services.cases import dispatch, onspot_escalation, supervision


@pytest.mark.law("Art. 18")
@pytest.mark.law("Art. 20")
def test_upgrading_withdraws_shares_and_closes_supervision_that_closed_cases_kept(world):
    case = world.new_case(channel=Channel.GRID_STAFF).case
    case = supervision.supervise(world.db, world.supervisor, case_id=case.id, level=SupervisionLevel.KEY,
                                 reason="群众多次反映", expected_version=case.version)
    case = onspot_escalation.resolve_on_spot(world.db, world.operator, case_id=case.id, result="网格长现场调解",
                                             expected_version=case.version)
    running = world.new_case().case
    running = dispatch.dispatch(world.db, world.operator, case_id=running.id,
                                lead_department_id=world.departments["police"], expected_version=running.version)
    with world.db.session() as session:  # as a version before 0010 left a case resolved on the spot
        share = Assignment(case_id=case.id, department_id=world.departments["market"],
                           **{k: v for k, v in _share_columns(session, running.id).items()})
        session.add(share)
        session.execute(update(SupervisionOrder).values(closed_at=None))
        session.execute(update(Case).where(Case.id == case.id).values(supervision=SupervisionLevel.KEY))
        session.commit()
    with world.db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0009")
    migrate.upgrade(world.db)
    with world.db.session() as session:
        closed = session.get(Case, case.id)
        states = dict(session.execute(select(Assignment.case_id, Assignment.state)).all())
        order = session.scalar(select(SupervisionOrder))
        assert states == {case.id: AssignmentState.WITHDRAWN, running.id: AssignmentState.DISPATCHED}
        assert closed.supervision is SupervisionLevel.NONE and order.closed_at is not None
        assert session.scalar(select(Assignment.finished_at).where(Assignment.case_id == case.id)) is not None


def _share_columns(session, case_id: int) -> dict:
    """The clock columns of the running case's share, for a share made up on the closed case."""
    running = session.scalar(select(Assignment).where(Assignment.case_id == case_id))
    return {name: getattr(running, name) for name in ("role", "state", "dispatched_at", "sign_due_at",
                                                       "contact_due_at", "due_at", "original_due_at")}
