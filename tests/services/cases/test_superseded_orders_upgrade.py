"""Revision 0028: 督办 orders a later order took over, left running by earlier versions, are closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alembic import command
from case_world import dispatched
from sqlalchemy import select, update

from desktop import migrate
from desktop.models import SupervisionOrder
from desktop.models.enums import SupervisionLevel
from desktop.services.cases import supervision


def _order(world, case, level: SupervisionLevel, reason: str):
    return supervision.supervise(world.db, world.supervisor, case_id=case.id, level=level, reason=reason,
                                 expected_version=case.version)


@pytest.mark.law("Art. 20")
def test_upgrading_closes_the_orders_a_later_order_took_over_and_leaves_the_rest_running(world):
    escalated = dispatched(world)
    escalated = _order(world, escalated, SupervisionLevel.GENERAL, "进度慢")
    escalated = _order(world, escalated, SupervisionLevel.KEY, "逾期未办结")
    kept_key = dispatched(world)
    kept_key = _order(world, kept_key, SupervisionLevel.KEY, "群众多次来电")
    with world.db.session() as session:  # as a version before 0028 left them: every order running
        key_order = session.scalar(select(SupervisionOrder).where(SupervisionOrder.case_id == kept_key.id))
        # A 一般督办 a callback asked for (Art. 20(2)) while the 重点督办 ran: it takes over no 重点督办.
        session.add(SupervisionOrder(case_id=kept_key.id, level=SupervisionLevel.GENERAL, reason="回访不满意",
                                     issued_at=key_order.issued_at + timedelta(hours=1), issued_by="值班员",
                                     due_at=key_order.due_at))
        session.execute(update(SupervisionOrder).values(closed_at=None))
        session.commit()
    with world.db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0027")
    migrate.upgrade(world.db)
    with world.db.session() as session:
        orders = session.scalars(select(SupervisionOrder).order_by(SupervisionOrder.id)).all()
        general, key, running_key, later_general = orders
        assert general.closed_at == key.issued_at and supervision.taken_over_by(orders[:2]) == {general.id: key.id}
        assert key.closed_at is None and running_key.closed_at is None and later_general.closed_at is None
