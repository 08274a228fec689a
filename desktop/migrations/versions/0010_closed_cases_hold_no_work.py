"""Closed cases keep no running share and no supervision; a late sign-for withdrawn still counts

Before this revision a case closed without review (resolved on the spot, merged) kept the
shares of co-handlers left running by an upheld objection, and a case closed any way but by
review kept its open 督办 orders and its supervision mark (Art. 18, 20(1)). Such shares are
withdrawn and such orders closed at the case's closing, as the case services now do.

The evaluation now counts a share withdrawn unsigned after its sign-for fell due as a missed
response: its covering index gains finished_at, and the months kept are counted again.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CLOSED = "('on_spot', 'closed', 'merged')"
ACTIVE = "('dispatched', 'signed', 'handling', 'extension', 'objection', 'reported')"
# When the case closed: merged and resolved cases may have no closed_at; their last change is the closing.
CLOSED_AT = "(SELECT coalesce(c.closed_at, c.updated_at) FROM cases c WHERE c.id = {table}.case_id)"


def upgrade() -> None:
    op.execute(sa.text(
        f"UPDATE assignments SET state = 'withdrawn', paused_since = NULL, "
        f"finished_at = {CLOSED_AT.format(table='assignments')} "
        f"WHERE state IN {ACTIVE} AND case_id IN (SELECT id FROM cases WHERE state IN {CLOSED})"))
    op.execute(sa.text(
        f"UPDATE supervision_orders SET closed_at = {CLOSED_AT.format(table='supervision_orders')} "
        f"WHERE closed_at IS NULL AND case_id IN (SELECT id FROM cases WHERE state IN {CLOSED})"))
    op.execute(sa.text(f"UPDATE cases SET supervision = 'none' WHERE supervision <> 'none' AND state IN {CLOSED}"))
    _sign_due_index(("sign_due_at", "state", "signed_at", "case_id", "department_id", "finished_at"))
    # Kept months were counted by the rule before; each is counted again on its next read.
    op.execute("DELETE FROM evaluation_month_figures")
    op.execute("DELETE FROM evaluation_month_counts")


def _sign_due_index(columns: tuple[str, ...]) -> None:
    op.drop_index("ix_assignments_sign_due_evaluation", table_name="assignments")
    op.create_index("ix_assignments_sign_due_evaluation", "assignments", list(columns))


def downgrade() -> None:
    # The shares and orders closed here were left running by a fault: nothing to bring back.
    _sign_due_index(("sign_due_at", "state", "signed_at", "case_id", "department_id"))
