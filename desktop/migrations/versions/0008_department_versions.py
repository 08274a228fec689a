"""Departments carry a version, so that two desktops editing one department do not overwrite each other

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # A plain ADD COLUMN, as in 0007: batch mode would copy and drop the referenced table.
        op.execute("ALTER TABLE departments ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    else:
        op.add_column("departments", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    op.drop_column("departments", "version")
