"""Contact deadlines: the lead's only, and by the handling deadline at the latest (Art. 19(1))

Contacting the requester is the lead's duty; co-handlers were given a contact deadline too, so
that a co-handler's queue counted down a step it never has to take. An urgent case (handled
within 24 hours) was given a contact deadline of one working day, after its handling deadline,
so that the lead's queue counted down the later deadline and did not show the case overdue.
Co-handlers' contact deadlines are cleared; a lead's is capped at its handling deadline before
any extension (original_due_at), as the deadline service now sets it.

Revision ID: 0015
Revises: 0014
"""
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE assignments SET contact_due_at = NULL WHERE role = 'co' AND contact_due_at IS NOT NULL")
    op.execute("UPDATE assignments SET contact_due_at = original_due_at "
               "WHERE role = 'lead' AND contact_due_at > original_due_at")


def downgrade() -> None:
    # The deadlines cleared and capped were wrong: nothing to bring back.
    pass
