"""Cases whose lead department has fed back its result keep no running deadline

`cases.due_at` mirrors the lead's running deadline: the queue sorts by it and counts overdue
cases, and those due for key supervision, by it. Once the lead has fed back its result (Art. 19(3))
the case waits on the center's review, not on a department (Art. 20(1)); cases already waiting so
had kept the lead's deadline and stood in 只看超期 and 待重点督办. The lead's own deadline, which
the evaluation reads, is kept on its assignment.

Revision ID: 0027
Revises: 0026
"""
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

_REPORTED_LEAD = ("SELECT {column} FROM assignments WHERE assignments.case_id = cases.id "
                  "AND assignments.role = 'lead' AND assignments.state = 'reported'")


def upgrade() -> None:
    op.execute("UPDATE cases SET due_at = NULL "
               f"WHERE due_at IS NOT NULL AND EXISTS ({_REPORTED_LEAD.format(column='1')})")


def downgrade() -> None:
    op.execute(f"UPDATE cases SET due_at = ({_REPORTED_LEAD.format(column='max(assignments.due_at)')}) "
               f"WHERE EXISTS ({_REPORTED_LEAD.format(column='1')})")
