"""Feature additions to the baseline schema

Revision ID: 0003
Revises: 0002
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401
import desktop.models.types  # noqa: F401

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Evaluation and hotspot aggregation over a million cases (covering indexes).
    op.create_index("ix_cases_received_category_grid", "cases",
                    ["received_at", "category", "grid_id", "state", "reopen_count"])
    op.create_index("ix_assignments_due_evaluation", "assignments",
                    ["due_at", "role", "state", "case_id", "department_id", "finished_at"])
    op.create_index("ix_assignments_sign_due_evaluation", "assignments",
                    ["sign_due_at", "state", "signed_at", "case_id", "department_id"])
    op.create_index("ix_assignments_case_lead", "assignments", ["case_id", "role", "state", "department_id"])
    op.create_index("ix_callbacks_due_evaluation", "callbacks", ["due_at", "state", "done_at", "case_id"])
    op.create_index("ix_callbacks_case_state", "callbacks", ["case_id", "state", "solved", "satisfaction"])
    # The queue over a million cases: category and supervision filters, deadline and title orders.
    op.create_index("ix_cases_category_state_due", "cases", ["category", "state", "due_at"])
    op.create_index("ix_cases_supervision_state_due", "cases", ["supervision", "state", "due_at"])
    op.create_index("ix_cases_due", "cases", ["due_at"])
    op.create_index("ix_cases_title", "cases", ["title"])
    op.create_index("ix_cases_state_received", "cases", ["state", "received_at", "number", "title"])
    op.create_index("ix_cases_state_title", "cases", ["state", "title"])

    # Case numbers and emergency bulletin numbers (KB…) count apart: one counter per series;
    # the bulletin counters start where the bulletins already numbered left off.
    with op.batch_alter_table("case_number_sequences") as batch:
        batch.add_column(sa.Column("series", sa.String(10), nullable=False, server_default="case"))
        batch.drop_constraint("pk_case_number_sequences", type_="primary")
        batch.create_primary_key("pk_case_number_sequences", ["township_id", "year", "series"])
    with op.batch_alter_table("case_number_sequences") as batch:
        batch.alter_column("series", existing_type=sa.String(10), server_default=None)
    op.execute(
        "INSERT INTO case_number_sequences (township_id, year, series, last_value) "
        "SELECT township_id, CAST(substr(number, 13, 4) AS INTEGER), 'bulletin', max(CAST(substr(number, 18) AS INTEGER)) "
        "FROM emergency_reports WHERE number LIKE 'KB%' GROUP BY township_id, substr(number, 13, 4)"
    )


def downgrade() -> None:
    # One counter again, at the higher of the two series, so that no number is handed out twice.
    op.execute(
        "UPDATE case_number_sequences SET last_value = (SELECT max(s.last_value) FROM case_number_sequences s "
        "WHERE s.township_id = case_number_sequences.township_id AND s.year = case_number_sequences.year) "
        "WHERE series = 'case'"
    )
    op.execute(
        "INSERT INTO case_number_sequences (township_id, year, series, last_value) "
        "SELECT township_id, year, 'case', last_value FROM case_number_sequences b WHERE series = 'bulletin' "
        "AND NOT EXISTS (SELECT 1 FROM case_number_sequences c "
        "WHERE c.township_id = b.township_id AND c.year = b.year AND c.series = 'case')"
    )
    op.execute("DELETE FROM case_number_sequences WHERE series <> 'case'")
    with op.batch_alter_table("case_number_sequences") as batch:
        batch.drop_constraint("pk_case_number_sequences", type_="primary")
        batch.create_primary_key("pk_case_number_sequences", ["township_id", "year"])
        batch.drop_column("series")
    for index in ("ix_cases_state_title", "ix_cases_state_received", "ix_cases_title", "ix_cases_due", "ix_cases_supervision_state_due", "ix_cases_category_state_due"):
        op.drop_index(index, table_name="cases")
    op.drop_index("ix_callbacks_case_state", table_name="callbacks")
    op.drop_index("ix_callbacks_due_evaluation", table_name="callbacks")
    op.drop_index("ix_assignments_case_lead", table_name="assignments")
    op.drop_index("ix_assignments_sign_due_evaluation", table_name="assignments")
    op.drop_index("ix_assignments_due_evaluation", table_name="assignments")
    op.drop_index("ix_cases_received_category_grid", table_name="cases")
