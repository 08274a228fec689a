"""An index on the lead departments not signed for yet, by their sign-for deadline

The queue's 只看超期 and the status bar's 超期 count a case whose lead let its sign-for deadline
pass unsigned (Art. 18(1)), as its countdown does. Partial (role = 'lead' AND state = 'dispatched'):
a lead is signed for within hours, so the index holds a few rows however many cases there are.

Revision ID: 0024
Revises: 0023
"""
import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

_UNSIGNED_LEAD = sa.text("role = 'lead' AND state = 'dispatched'")


def upgrade() -> None:
    op.create_index("ix_assignments_lead_unsigned", "assignments", ["sign_due_at", "case_id"],
                    sqlite_where=_UNSIGNED_LEAD, postgresql_where=_UNSIGNED_LEAD)


def downgrade() -> None:
    op.drop_index("ix_assignments_lead_unsigned", table_name="assignments")
