"""Working days of the region: a day off (or at work) of Guangxi's own, such as 壮族三月三

The State Council's schedule, bundled in the program, knows the national holidays only. A day
entered as regional applies in any year, on top of that schedule.

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # A plain ADD COLUMN, as in 0009: batch mode would copy and drop the table.
        op.execute("ALTER TABLE calendar_days ADD COLUMN regional BOOLEAN NOT NULL DEFAULT 0")
    else:
        op.add_column("calendar_days", sa.Column("regional", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.execute("DELETE FROM calendar_days WHERE regional")
    op.drop_column("calendar_days", "regional")
