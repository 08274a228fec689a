"""An index on the duplicates merged into a case, which the case panel lists with their requesters

Partial (merged_into_id IS NOT NULL): few cases are merged, so the index stays small and costs
an import of new cases nothing.

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_merged_into", "cases", ["merged_into_id"],
                    sqlite_where=sa.text("merged_into_id IS NOT NULL"),
                    postgresql_where=sa.text("merged_into_id IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_cases_merged_into", table_name="cases")
