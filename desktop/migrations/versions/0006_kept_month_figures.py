"""Months that are over keep their counted figures until a change touches them

The evaluation counts a month that is over once per level and keeps the figures
(`evaluation_month_counts`, `evaluation_month_figures`). Triggers on the rows those figures
count — assignments, callbacks and the state and place of cases — record in
`evaluation_changed_months` every later change to a month that was over when it was made:
the months of the case's assignment and callback deadlines (and the deadlines a change moved
away from), in Beijing time. Kept figures of a month so named are counted again on their next read.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

import desktop.models.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The indicators counted from assignments, case rounds and callbacks, a column pair each.
KEPT_CODES = ("response", "on_time", "resolution", "satisfaction", "on_hold", "callback")

# What each trigger watches: the columns the evaluation's conditions read (services/evaluation/sources.py).
ASSIGNMENT_COLUMNS = "case_id, role, state, department_id, sign_due_at, signed_at, due_at, finished_at"
CALLBACK_COLUMNS = "case_id, due_at, state, done_at, solved, satisfaction"
CASE_COLUMNS = "state, township_id, grid_id"

# SQLite: a case's deadline months, those before the current one (Beijing time), each named once.
_SQLITE_MARK = """
    INSERT INTO evaluation_changed_months (month)
    SELECT DISTINCT m FROM (
        SELECT strftime('%Y-%m', sign_due_at, '+8 hours') AS m FROM assignments WHERE case_id = {case}
        UNION SELECT strftime('%Y-%m', due_at, '+8 hours') FROM assignments WHERE case_id = {case}
        UNION SELECT strftime('%Y-%m', due_at, '+8 hours') FROM callbacks WHERE case_id = {case}
        {extra}
    ) WHERE m IS NOT NULL AND m < strftime('%Y-%m', 'now', '+8 hours')
      AND NOT EXISTS (SELECT 1 FROM evaluation_changed_months c WHERE c.month = m);
"""


def _sqlite_months(*moments: str) -> str:
    return " ".join(f"UNION SELECT strftime('%Y-%m', {moment}, '+8 hours')" for moment in moments)


def _sqlite_triggers() -> list[str]:
    triggers = []
    for table, columns, case, old in (("assignments", ASSIGNMENT_COLUMNS, "case_id", ("sign_due_at", "due_at")),
                                      ("callbacks", CALLBACK_COLUMNS, "case_id", ("due_at",)),
                                      ("cases", CASE_COLUMNS, "id", ())):
        events = [("update", f"UPDATE OF {columns}", "NEW", old)]
        if table != "cases":  # a new case has no deadlines that count yet; cases are never deleted
            events += [("insert", "INSERT", "NEW", ()), ("delete", "DELETE", "OLD", old)]
        for name, event, row, moved in events:
            extra = _sqlite_months(*(f"OLD.{column}" for column in moved))
            triggers.append(f"CREATE TRIGGER {table}_evaluation_{name} AFTER {event} ON {table} BEGIN"
                            + _SQLITE_MARK.format(case=f"{row}.{case}", extra=extra) + "END")
    return triggers


_PG_MARK = """
    CREATE FUNCTION griddesk_evaluation_months(p_case integer, p_moved timestamptz[]) RETURNS void AS $$
        INSERT INTO evaluation_changed_months (month, xact)
        SELECT DISTINCT m, pg_current_xact_id()::text FROM (
            SELECT to_char(t AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m FROM (
                SELECT sign_due_at AS t FROM assignments WHERE case_id = p_case
                UNION SELECT due_at FROM assignments WHERE case_id = p_case
                UNION SELECT due_at FROM callbacks WHERE case_id = p_case
                UNION SELECT unnest(p_moved)
            ) moments WHERE t IS NOT NULL
        ) months
        WHERE m < to_char(clock_timestamp() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')
          AND NOT EXISTS (SELECT 1 FROM evaluation_changed_months c
                          WHERE c.month = months.m AND c.xact = pg_current_xact_id()::text)
    $$ LANGUAGE sql
"""

_PG_TRIGGER_FUNCTION = """
    CREATE FUNCTION griddesk_{table}_evaluation() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            PERFORM griddesk_evaluation_months(OLD.{case}, ARRAY[{old}]::timestamptz[]);
        ELSIF TG_OP = 'UPDATE' THEN
            PERFORM griddesk_evaluation_months(NEW.{case}, ARRAY[{old}]::timestamptz[]);
        ELSE
            PERFORM griddesk_evaluation_months(NEW.{case}, ARRAY[]::timestamptz[]);
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql
"""


def _pg_statements() -> list[str]:
    statements = [_PG_MARK]
    for table, columns, case, old in (("assignments", ASSIGNMENT_COLUMNS, "case_id", ("sign_due_at", "due_at")),
                                      ("callbacks", CALLBACK_COLUMNS, "case_id", ("due_at",)),
                                      ("cases", CASE_COLUMNS, "id", ())):
        statements.append(_PG_TRIGGER_FUNCTION.format(table=table, case=case,
                                                      old=", ".join(f"OLD.{column}" for column in old)))
        events = f"UPDATE OF {columns}" if table == "cases" else f"INSERT OR DELETE OR UPDATE OF {columns}"
        statements.append(f"CREATE TRIGGER {table}_evaluation AFTER {events} ON {table} "
                          f"FOR EACH ROW EXECUTE FUNCTION griddesk_{table}_evaluation()")
    return statements


def upgrade() -> None:
    op.create_table(
        "evaluation_month_counts",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("subject_kind", sa.String(length=20), nullable=False),
        sa.Column("counted_at", desktop.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("month", "subject_kind", name=op.f("pk_evaluation_month_counts")),
    )
    op.create_table(
        "evaluation_month_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("subject_kind", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("township_id", sa.Integer(), nullable=False),
        *(sa.Column(f"{code}_{part}", sa.Integer(), nullable=False)
          for code in KEPT_CODES for part in ("numerator", "denominator")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_month_figures")),
    )
    op.create_index("ix_evaluation_month_figures_read", "evaluation_month_figures",
                    ["subject_kind", "subject_id", "month"])
    op.create_index("ix_evaluation_month_figures_month", "evaluation_month_figures", ["month", "subject_kind"])
    op.create_table(
        "evaluation_changed_months",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("xact", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_changed_months")),
    )
    op.create_index("ix_evaluation_changed_months_month", "evaluation_changed_months", ["month", "xact"])
    statements = _pg_statements() if op.get_bind().dialect.name == "postgresql" else _sqlite_triggers()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("assignments", "callbacks", "cases"):
            op.execute(f"DROP TRIGGER {table}_evaluation ON {table}")
            op.execute(f"DROP FUNCTION griddesk_{table}_evaluation()")
        op.execute("DROP FUNCTION griddesk_evaluation_months(integer, timestamptz[])")
    else:
        for trigger in ("assignments_evaluation_update", "assignments_evaluation_insert",
                        "assignments_evaluation_delete", "callbacks_evaluation_update",
                        "callbacks_evaluation_insert", "callbacks_evaluation_delete", "cases_evaluation_update"):
            op.execute(f"DROP TRIGGER {trigger}")
    op.drop_table("evaluation_changed_months")
    op.drop_table("evaluation_month_figures")
    op.drop_table("evaluation_month_counts")
