"""A deadline at 24:00 of a month's last day counts in that month

A limit in working days ends at 24:00 Beijing time, stored as 00:00 of the next day and shown as
"2026-11-30 24:00". The evaluation counted such a deadline in the next month; it now counts it in
the month it ends in (a period holds the deadlines in (start, end]). The triggers of revision 0006
named a changed row's months by its deadlines as stored, so a change to a row due 2026-12-01 00:00
left November's kept figures as they were: they now name the month of each deadline and of the
moment just before it. Every kept month is counted again on its next read; settled months keep the
figures they were settled with.

Revision ID: 0017
Revises: 0016
"""
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _revision_0006():
    """The triggers as revision 0006 made them (what a downgrade restores) and the columns they watch."""
    spec = spec_from_file_location("griddesk_revision_0006", Path(__file__).with_name("0006_kept_month_figures.py"))
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# SQLite: the months (Beijing time) of a case's deadlines and of the second before each, those before
# the current month, each named once.
_SQLITE_MARK = """
    INSERT INTO evaluation_changed_months (month)
    SELECT DISTINCT m FROM (
        SELECT strftime('%Y-%m', t, '+8 hours', shift) AS m FROM (
            SELECT sign_due_at AS t FROM assignments WHERE case_id = {case}
            UNION SELECT due_at FROM assignments WHERE case_id = {case}
            UNION SELECT due_at FROM callbacks WHERE case_id = {case}
            {moved}
        ), (SELECT '+0 seconds' AS shift UNION ALL SELECT '-1 seconds')
    ) WHERE m IS NOT NULL AND m < strftime('%Y-%m', 'now', '+8 hours')
      AND NOT EXISTS (SELECT 1 FROM evaluation_changed_months c WHERE c.month = m);
"""

_PG_MARK = """
    CREATE OR REPLACE FUNCTION griddesk_evaluation_months(p_case integer, p_moved timestamptz[]) RETURNS void AS $$
        INSERT INTO evaluation_changed_months (month, xact)
        SELECT DISTINCT m, pg_current_xact_id()::text FROM (
            SELECT to_char((t - shift) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m FROM (
                SELECT sign_due_at AS t FROM assignments WHERE case_id = p_case
                UNION SELECT due_at FROM assignments WHERE case_id = p_case
                UNION SELECT due_at FROM callbacks WHERE case_id = p_case
                UNION SELECT unnest(p_moved)
            ) moments CROSS JOIN (VALUES (interval '0'), (interval '1 second')) shifts (shift)
            WHERE t IS NOT NULL
        ) months
        WHERE m < to_char(clock_timestamp() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')
          AND NOT EXISTS (SELECT 1 FROM evaluation_changed_months c
                          WHERE c.month = months.m AND c.xact = pg_current_xact_id()::text)
    $$ LANGUAGE sql
"""


def _sqlite_triggers(before) -> list[str]:
    triggers = []
    for table, columns, case, old in (("assignments", before.ASSIGNMENT_COLUMNS, "case_id", ("sign_due_at", "due_at")),
                                      ("callbacks", before.CALLBACK_COLUMNS, "case_id", ("due_at",)),
                                      ("cases", before.CASE_COLUMNS, "id", ())):
        events = [("update", f"UPDATE OF {columns}", "NEW", old)]
        if table != "cases":
            events += [("insert", "INSERT", "NEW", ()), ("delete", "DELETE", "OLD", old)]
        for name, event, row, moved in events:
            triggers.append(f"CREATE TRIGGER {table}_evaluation_{name} AFTER {event} ON {table} BEGIN"
                            + _SQLITE_MARK.format(case=f"{row}.{case}",
                                                  moved=" ".join(f"UNION SELECT OLD.{c}" for c in moved)) + "END")
    return triggers


def _replace_sqlite_triggers(triggers: list[str]) -> None:
    for trigger in triggers:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger.split()[2]}")  # CREATE TRIGGER <name> …
        op.execute(trigger)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_MARK)
    else:
        _replace_sqlite_triggers(_sqlite_triggers(_revision_0006()))
    op.execute("INSERT INTO evaluation_changed_months (month) SELECT DISTINCT month FROM evaluation_month_counts")


def downgrade() -> None:
    before = _revision_0006()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(before._PG_MARK.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
    else:
        _replace_sqlite_triggers(before._sqlite_triggers())
