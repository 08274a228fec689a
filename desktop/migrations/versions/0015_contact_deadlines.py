"""Contact deadlines: the lead's only, and by the handling deadline at the latest (Art. 19(1))

The lead must have contacted the requester before it reports; co-handlers were given a contact
deadline too, so that a co-handler's queue counted down a step it is not held to. An urgent case
(handled within 24 hours) was given a contact deadline of one working day, after its handling
deadline, so that the lead's queue counted down the later deadline and did not show the case
overdue. Co-handlers' contact deadlines are cleared; a lead's is capped at its handling deadline
before any extension, as the deadline service now sets it: due_at where no extension was
approved, else the original deadline with the time the clock stood still given back (only limits
in hours can fall before a working day, and they are given back by the clock).

Revision ID: 0015
Revises: 0014
"""
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

from desktop.models.types import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_APPROVED = "EXISTS (SELECT 1 FROM extensions e WHERE e.assignment_id = assignments.id AND e.state = 'approved')"


def upgrade() -> None:
    op.execute("UPDATE assignments SET contact_due_at = NULL WHERE role = 'co' AND contact_due_at IS NOT NULL")
    op.execute(f"UPDATE assignments SET contact_due_at = due_at "
               f"WHERE role = 'lead' AND contact_due_at > due_at AND NOT {_APPROVED}")
    shares = sa.table("assignments", sa.column("id", sa.Integer), sa.column("role", sa.String),
                      sa.column("original_due_at", UTCDateTime()), sa.column("paused_seconds", sa.Integer),
                      sa.column("contact_due_at", UTCDateTime()))
    bind = op.get_bind()
    extended = bind.execute(sa.select(shares.c.id, shares.c.original_due_at, shares.c.paused_seconds,
                                      shares.c.contact_due_at)
                            .where(shares.c.role == "lead", shares.c.contact_due_at.is_not(None), sa.text(_APPROVED)))
    for share_id, original, paused, contact in extended.all():
        first = original + timedelta(seconds=paused or 0)
        if contact > first:
            bind.execute(sa.update(shares).where(shares.c.id == share_id).values(contact_due_at=first))


def downgrade() -> None:
    # The deadlines cleared and capped were wrong: nothing to bring back.
    pass
