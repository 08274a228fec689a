"""A password an administrator chose is changed by its owner at the next log-in (Art. 15)

Accounts already in use keep their passwords; the accounts created or reset from now on are marked.

Revision ID: 0020
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # A plain ADD COLUMN, as in 0009: batch mode would copy and drop the table.
        op.execute("ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT 0")
    else:
        op.add_column("users", sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                         server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("users", "must_change_password")
