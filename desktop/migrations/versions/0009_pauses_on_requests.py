"""Extension requests and objections say whether the share's clock stood still while they were decided

So that a pause is given back in working time, and counted again when an admin enters a year's
holidays: the pauses are the decided requests that stopped the clock. Pauses decided before
this revision keep being given back as they were, in clock time.

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = ("extensions", "objections")


def upgrade() -> None:
    for table in TABLES:
        if op.get_bind().dialect.name == "sqlite":
            # A plain ADD COLUMN, as in 0007: batch mode would copy and drop the table.
            op.execute(f"ALTER TABLE {table} ADD COLUMN paused_clock BOOLEAN NOT NULL DEFAULT 0")
        else:
            op.add_column(table, sa.Column("paused_clock", sa.Boolean(), nullable=False, server_default=sa.false()))
        # A request waiting now on a share whose clock stands still is what stopped it. Pauses decided
        # before this revision stay as they were given back, in clock time (deadlines.recompute).
        op.execute(sa.text(f"UPDATE {table} SET paused_clock = :paused WHERE decided_at IS NULL AND assignment_id IN "
                           "(SELECT id FROM assignments WHERE paused_since IS NOT NULL)")
                   .bindparams(paused=True))


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "paused_clock")
