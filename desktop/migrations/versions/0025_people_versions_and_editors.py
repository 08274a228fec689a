"""People carry a version, and people and departments who saved them last

Two administrators editing one grid worker at once: the second save, made on what the first has changed
since, is refused naming who changed it and when, as a case's is, instead of putting the old phone and
status back unseen. A department's refusal names its editor too. Rows saved before this revision name
nobody ("其他用户").

Revision ID: 0025
Revises: 0024
"""
import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # A plain ADD COLUMN, as in 0008: batch mode would copy and drop a table others refer to. SQLite adds
        # a NOT NULL column only with a default.
        op.execute("ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    else:
        op.add_column("people", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    for table in ("people", "departments"):
        op.add_column(table, sa.Column("updated_by", sa.String(length=60), nullable=True))


def downgrade() -> None:
    for table in ("departments", "people"):
        op.drop_column(table, "updated_by")
    op.drop_column("people", "version")
