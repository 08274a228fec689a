"""Matter items carry a version and who saved them last

Two administrators editing one item of a draft matter list at once: the second save, made on what the
first has changed since, is refused naming who changed it and when, instead of putting the old title,
time limit or department back unseen. Items saved before this revision name nobody ("其他用户").

Revision ID: 0026
Revises: 0025
"""
import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # A plain ADD COLUMN, as in 0025: batch mode would copy and drop a table cases refer to. SQLite adds
        # a NOT NULL column only with a default.
        op.execute("ALTER TABLE matter_items ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    else:
        op.add_column("matter_items", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("matter_items", sa.Column("updated_by", sa.String(length=60), nullable=True))


def downgrade() -> None:
    op.drop_column("matter_items", "updated_by")
    op.drop_column("matter_items", "version")
