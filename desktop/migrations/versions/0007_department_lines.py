"""Departments name the department of the line above them (a police station its county bureau)

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_FK = "fk_departments_parent_id_departments"
_INDEX = "ix_departments_parent_id"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # A plain ADD COLUMN: batch mode would copy and drop `departments`, which the rows of
        # liaisons, assignments and matter items refer to.
        op.execute(f"ALTER TABLE departments ADD COLUMN parent_id INTEGER CONSTRAINT {_FK} REFERENCES departments (id)")
    else:
        op.add_column("departments", sa.Column("parent_id", sa.Integer(), nullable=True))
        op.create_foreign_key(_FK, "departments", "departments", ["parent_id"], ["id"])
    op.create_index(_INDEX, "departments", ["parent_id"])


def downgrade() -> None:
    op.drop_index(_INDEX, table_name="departments")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE departments DROP COLUMN parent_id")
    else:
        op.drop_constraint(_FK, "departments", type_="foreignkey")
        op.drop_column("departments", "parent_id")
