"""Emergency reports of what may happen (Art. 21: 可能发生的重大矛盾纠纷、群体性事件……)

A report may warn of a situation that has not happened yet: `anticipated`, with the time it is
expected (`expected_at`, if known). Its learning time is when the risk became known; its
occurrence time is that same moment, so that the ladder's clocks and the learned-after-occurred
check stay as they are.

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Plain ADD COLUMNs, as in 0011: batch mode would copy and drop the table the steps refer to.
        op.execute("ALTER TABLE emergency_reports ADD COLUMN anticipated BOOLEAN NOT NULL DEFAULT 0")
        op.execute("ALTER TABLE emergency_reports ADD COLUMN expected_at DATETIME")
    else:
        op.add_column("emergency_reports",
                      sa.Column("anticipated", sa.Boolean(), nullable=False, server_default=sa.false()))
        op.add_column("emergency_reports", sa.Column("expected_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.drop_column("emergency_reports", "expected_at")
    op.drop_column("emergency_reports", "anticipated")
