"""Grids keep the staff count of their approved division (grid files' staff counts)

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("grids") as batch:
        batch.add_column(sa.Column("staff_quota", sa.Integer(), nullable=False, server_default="0"))
        batch.create_check_constraint("staff_quota_nonnegative", "staff_quota >= 0")
    with op.batch_alter_table("grids") as batch:
        batch.alter_column("staff_quota", existing_type=sa.Integer(), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("grids") as batch:
        batch.drop_constraint("staff_quota_nonnegative", type_="check")
        batch.drop_column("staff_quota")
