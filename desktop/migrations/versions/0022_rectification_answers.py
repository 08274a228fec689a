"""A department answers a rectification notice itself (Art. 13(5))

The institution that told a department to rectify had also recorded the department's response,
closing the notice at once. Now the department's liaison reports its rectification (整改情况):
the notice awaits the institution's confirmation (state `answered`, 待确认), which confirms it
or returns it with a reason. Each report and each return is kept in `rectification_answers`.

Going back to 0021 turns the notices awaiting confirmation back to open, and drops the reports
with their table: before this revision the institution records the response when it closes a notice.

Revision ID: 0022
Revises: 0021
"""
import sqlalchemy as sa
from alembic import op

import desktop.models.types

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

_CHECK = "ck_rectification_notices_ck_rectificationstate"
_STATES_BEFORE = "state IN ('open', 'rectified')"
_STATES_AFTER = "state IN ('open', 'answered', 'rectified')"


def _states(allowed: str) -> None:
    # SQLite changes a CHECK constraint by copying the table (nothing else refers to the notices).
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("rectification_notices", recreate="always") as batch:
            batch.drop_constraint(op.f(_CHECK), type_="check")
            batch.create_check_constraint(op.f(_CHECK), allowed)
    else:
        op.drop_constraint(op.f(_CHECK), "rectification_notices", type_="check")
        op.create_check_constraint(op.f(_CHECK), "rectification_notices", allowed)


def upgrade() -> None:
    _states(_STATES_AFTER)
    op.create_table(
        "rectification_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", desktop.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", desktop.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("returned_reason", sa.Text(), nullable=True),
        sa.Column("created_at", desktop.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", desktop.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("returned_reason IS NULL OR decided_at IS NOT NULL",
                           name=op.f("ck_rectification_answers_returned_is_decided")),
        sa.ForeignKeyConstraint(["notice_id"], ["rectification_notices.id"],
                                name=op.f("fk_rectification_answers_notice_id_rectification_notices")),
        sa.ForeignKeyConstraint(["answered_by_id"], ["users.id"],
                                name=op.f("fk_rectification_answers_answered_by_id_users")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"],
                                name=op.f("fk_rectification_answers_decided_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rectification_answers")),
    )
    op.create_index(op.f("ix_rectification_answers_notice_id"), "rectification_answers", ["notice_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_rectification_answers_notice_id"), table_name="rectification_answers")
    op.drop_table("rectification_answers")
    op.execute("UPDATE rectification_notices SET state = 'open' WHERE state = 'answered'")
    _states(_STATES_BEFORE)
