"""A day of a later year's holiday schedule that falls in the year before

A year's schedule may put a day at the end of the year before: the 2019 New Year's holiday made
29 December 2018 a make-up workday and 31 December 2018 a day off. Such a day is entered as part
of the later year's schedule, over the bundled schedule of its own (published) year:
`schedule_year` names that later year; NULL, as on every day entered before, is the day's own year.

Going back to 0022 drops those days (a day of a published year is not entered there).

Revision ID: 0023
Revises: 0022
"""
import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on SQLite too: a nullable column needs no copy of the table.
    op.add_column("calendar_days", sa.Column("schedule_year", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.execute("DELETE FROM calendar_days WHERE schedule_year IS NOT NULL")
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("calendar_days") as batch:
            batch.drop_column("schedule_year")
    else:
        op.drop_column("calendar_days", "schedule_year")
