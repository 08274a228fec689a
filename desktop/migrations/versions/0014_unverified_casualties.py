"""Casualties still being verified (Art. 21: 伤亡情况尚在核实)

A first report is due within the hour, before casualties are known. `casualties_unverified`
says that the counts are those known so far; the final report needs verified ones. Reports made
before this revision stated their counts as known.

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # A plain ADD COLUMN, as in 0011 and 0013: batch mode would copy and drop the table the steps refer to.
        op.execute("ALTER TABLE emergency_reports ADD COLUMN casualties_unverified BOOLEAN NOT NULL DEFAULT 0")
    else:
        op.add_column("emergency_reports", sa.Column("casualties_unverified", sa.Boolean(), nullable=False,
                                                     server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("emergency_reports", "casualties_unverified")
