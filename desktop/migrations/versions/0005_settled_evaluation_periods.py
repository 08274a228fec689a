"""Settled evaluation periods keep their figures per township; one redundant case index less

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

import desktop.models.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_OLD_COLUMNS = ["period_id", "subject_kind", "subject_id", "indicator_code"]


def _old_unique() -> str:
    """The baseline's name of the old unique constraint (PostgreSQL got it shortened to 63 characters)."""
    if op.get_bind().dialect.name == "postgresql":
        return "uq_evaluation_scores_period_id_subject_kind_subject_id__8194"
    return "uq_evaluation_scores_period_id_subject_kind_subject_id_indicator_code"


def upgrade() -> None:
    # Before this revision nothing settled a period: its rows (a "closed" mark without a time
    # or figures, written by earlier demo data) record no settlement and would break the check.
    op.execute("DELETE FROM evaluation_scores")
    op.execute("DELETE FROM evaluation_periods")
    with op.batch_alter_table("evaluation_periods") as batch:
        batch.add_column(sa.Column("closed_at", desktop.models.types.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("closed_by", sa.String(length=60), nullable=True))
        batch.create_check_constraint("closed_has_time", "NOT closed OR closed_at IS NOT NULL")
    with op.batch_alter_table("evaluation_scores") as batch:
        batch.add_column(sa.Column("township_id", sa.Integer(), nullable=False))
        batch.create_foreign_key("fk_evaluation_scores_township_id_places", "places", ["township_id"], ["id"])
        batch.drop_constraint(_old_unique(), type_="unique")
        batch.create_unique_constraint(
            "uq_evaluation_scores_subject",
            ["period_id", "subject_kind", "subject_id", "township_id", "indicator_code"])
        batch.create_index("ix_evaluation_scores_read", ["subject_kind", "indicator_code", "subject_id", "period_id",
                                                         "township_id", "numerator", "denominator"])
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_received")


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.create_index("ix_cases_received", ["received_at"], unique=False)
    # Settled figures are kept per township, which the older table cannot hold: settle again after upgrading.
    op.execute("DELETE FROM evaluation_scores")
    op.execute("DELETE FROM evaluation_periods")
    with op.batch_alter_table("evaluation_scores") as batch:
        batch.drop_index("ix_evaluation_scores_read")
        batch.drop_constraint("uq_evaluation_scores_subject", type_="unique")
        batch.create_unique_constraint(_old_unique(), _OLD_COLUMNS)
        batch.drop_constraint("fk_evaluation_scores_township_id_places", type_="foreignkey")
        batch.drop_column("township_id")
    with op.batch_alter_table("evaluation_periods") as batch:
        batch.drop_constraint("closed_has_time", type_="check")
        batch.drop_column("closed_by")
        batch.drop_column("closed_at")
