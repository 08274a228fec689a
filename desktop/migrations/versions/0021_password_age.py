"""When each password was last set, for the city's maximum password age (Art. 15)

Passwords in use are counted from the upgrade: no one is asked for a new one on the day it runs.

Revision ID: 0021
Revises: 0020
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from desktop.models.types import UTCDateTime

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # A plain ADD COLUMN, as in 0009: batch mode would copy and drop the table. SQLite adds a NOT NULL
        # column only with a default; every row gets the upgrade's time just below.
        op.execute("ALTER TABLE users ADD COLUMN password_changed_at DATETIME NOT NULL "
                   "DEFAULT '1970-01-01 00:00:00.000000'")
    else:
        op.add_column("users", sa.Column("password_changed_at", sa.DateTime(timezone=True)))
    users = sa.table("users", sa.column("password_changed_at", UTCDateTime()))
    op.execute(users.update().values(password_changed_at=datetime.now(timezone.utc)))
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("users", "password_changed_at", nullable=False)


def downgrade() -> None:
    op.drop_column("users", "password_changed_at")
